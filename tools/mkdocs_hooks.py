"""MkDocs hooks (``hooks:`` in ``mkdocs.yml``): README pages that live beside the code.

Some documentation lives next to what it describes (``fixtures/README.md``,
``benchmarks/README.md``) and the pages of ``docs/`` link to it with repository paths
(``../fixtures/README.md``), which work when the files are read on a forge or in an
editor. These hooks put those READMEs into the site under the same paths and rewrite
relative links between repository files into links between site pages, so that MkDocs
can check every link (``--strict``) and no page is copied by hand.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

#: Repository files outside docs/ that become site pages under the same path.
EXTERNAL_PAGES = (
    "fixtures/README.md",
    "fixtures/labels/README.md",
    "benchmarks/README.md",
)

# A Markdown inline link's target: ](target) or ](target#anchor), relative paths only.
_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|#|/)([^)\s#]+)(#[^)\s]*)?\)")


def _root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def _repo_path(src_uri: str) -> str:
    """The repository path of a site file (``docs/`` pages, or an external page)."""
    return src_uri if src_uri in EXTERNAL_PAGES else f"docs/{src_uri}"


def _site_path(repo_path: str) -> str | None:
    """The site path of a repository file, or ``None`` if the site does not have it."""
    if repo_path in EXTERNAL_PAGES:
        return repo_path
    if repo_path.startswith("docs/"):
        return repo_path.removeprefix("docs/")
    return None


def relink(markdown: str, src_uri: str) -> str:
    """Rewrite links between repository files into links between site pages.

    Links that already work in the site, and links to files the site does not have
    (MkDocs then reports them), are left alone.

    >>> relink("[f](../fixtures/README.md#series) [t](tutorial.md)", "index.md")
    '[f](fixtures/README.md#series) [t](tutorial.md)'
    >>> relink("[h](../docs/track.md)", "fixtures/README.md")
    '[h](../track.md)'
    """
    here = posixpath.dirname(_repo_path(src_uri))

    def repl(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(here, match.group(1)))
        site = _site_path(target)
        if site is None:
            return match.group(0)
        rel = posixpath.relpath(site, posixpath.dirname(src_uri) or ".")
        return f"]({rel}{match.group(2) or ''})"

    return _LINK.sub(repl, markdown)


def on_files(files: Files, config: Any) -> Files:
    """Add the external README pages to the site."""
    root = _root(config)
    for path in EXTERNAL_PAGES:
        files.append(
            File(
                path,
                src_dir=str(root),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
            )
        )
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Point the page's repository-relative links at the site's pages."""
    return relink(markdown, page.file.src_uri)

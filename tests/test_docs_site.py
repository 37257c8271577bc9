"""The documentation site: it builds without a warning, and its API reference is complete.

The build needs the ``docs`` extra (``pip install ".[docs]"``, as ``.ci/run`` does); without
it the build tests skip and say so. The checks of ``docs/api.md`` and of the docstrings run
always.
"""

from __future__ import annotations

import doctest
import importlib.util
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import statement_tracker as st

ROOT = Path(__file__).resolve().parent.parent
API_PAGE = ROOT / "docs" / "api.md"

#: Module to find -> package that provides it, for building the site.
_BUILD_NEEDS = {
    "mkdocs": "mkdocs",
    "material": "mkdocs-material",
    "mkdocstrings_handlers": "mkdocstrings[python]",
}

_DIRECTIVE = re.compile(r"^::: statement_tracker\.(\w+)\s*$", re.M)


def _public_records() -> list[type]:
    """The attrs classes of the public API."""
    return [
        obj for name in st.__all__ if inspect.isclass(obj := getattr(st, name)) and attrs.has(obj)
    ]


def _public_fields(cls: type) -> list[str]:
    return [a.name for a in attrs.fields(cls) if not a.name.startswith("_")]


def test_api_page_has_every_public_name_once() -> None:
    """docs/api.md has one ``::: statement_tracker.NAME`` entry per name of ``__all__``."""
    names = _DIRECTIVE.findall(API_PAGE.read_text("utf-8"))
    public = set(st.__all__) - {"__version__"}
    missing = sorted(public - set(names))
    assert [] == missing, (
        f"add to docs/api.md: {', '.join(f'::: statement_tracker.{n}' for n in missing)}"
    )
    assert sorted(public) == sorted(names), "docs/api.md has names not in __all__, or twice"


@pytest.mark.parametrize("cls", _public_records(), ids=lambda c: c.__name__)
def test_record_docstring_lists_its_fields(cls: type) -> None:
    """Each public record's docstring lists every field under ``Attributes:``.

    The API reference shows a record's fields from that section, with their types.
    """
    doc = inspect.getdoc(cls) or ""
    section = re.search(r"^Attributes:\n((?:[ \t]+.*\n?|\n)*)", doc, re.M)
    assert section is not None, f"{cls.__name__} has no Attributes: section"
    listed = re.findall(r"^    (\w+)(?: \([^)]*\))?:", section.group(1), re.M)
    assert sorted(_public_fields(cls)) == sorted(n for n in listed if not n.startswith("_"))


@pytest.mark.parametrize("name", ["griffe_docstrings", "mkdocs_hooks"])
def test_build_extension_examples(name: str) -> None:
    """The examples in the docstrings of the build's extensions (tools/) hold."""
    missing = [pkg for mod, pkg in _BUILD_NEEDS.items() if importlib.util.find_spec(mod) is None]
    if missing:
        pytest.skip(f"tools/{name}.py needs {', '.join(missing)} (the docs extra)")
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert 0 == result.failed


# --- the built site ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site built with ``mkdocs build --strict`` into a temporary directory, and its log."""
    missing = [pkg for mod, pkg in _BUILD_NEEDS.items() if importlib.util.find_spec(mod) is None]
    if missing:
        pytest.skip(
            f"building the docs needs {', '.join(missing)} (the docs extra): pip install '.[docs]'"
        )
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # no banner about MkDocs 2
        check=False,
    )
    log = proc.stdout + proc.stderr
    assert 0 == proc.returncode, f"mkdocs build --strict failed:\n{log[-4000:]}"
    return out, log


def test_site_builds_without_warnings(site: tuple[Path, str]) -> None:
    """``mkdocs build --strict`` succeeds and logs no warning or error."""
    _, log = site
    assert [] == [line for line in log.splitlines() if re.match(r"(WARNING|ERROR)\b", line)]


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "tutorial.html",
        "howto-track.html",
        "howto-compare.html",
        "howto-sources.html",
        "howto-discover.html",
        "howto-large-corpus.html",
        "formats.html",
        "architecture.html",
        "glossary.html",
        "api.html",
        "fixtures/index.html",
        "fixtures/labels/index.html",
        "benchmarks/index.html",
    ],
)
def test_site_has_page(site: tuple[Path, str], page: str) -> None:
    """The pages of the navigation are in the built site, with their title."""
    out, _ = site
    html = (out / page).read_text("utf-8")
    assert "<h1" in html


@pytest.mark.parametrize("cls", _public_records(), ids=lambda c: c.__name__)
def test_api_reference_shows_record_fields(site: tuple[Path, str], cls: type) -> None:
    """The API reference lists every field of every public record, by its full name."""
    out, _ = site
    html = (out / "api.html").read_text("utf-8")
    assert f'id="statement_tracker.{cls.__name__}"' in html
    missing = [
        f
        for f in _public_fields(cls)
        if f'title="statement_tracker.{cls.__name__}.{f}"' not in html
    ]
    assert [] == missing


@pytest.mark.parametrize("cls", _public_records(), ids=lambda c: c.__name__)
def test_api_reference_shows_record_signature(site: tuple[Path, str], cls: type) -> None:
    """Each public record's entry opens with its constructor: every argument, with its type."""
    out, _ = site
    html = (out / "api.html").read_text("utf-8")
    start = html.index(f'id="statement_tracker.{cls.__name__}"')
    end = html.index("doc-section-title", start)  # the docstring's first section
    heading = " ".join(re.sub(r"<[^>]+>", " ", html[start:end]).split())
    arguments = [a.alias for a in attrs.fields(cls) if a.init]
    assert [] == [a for a in arguments if f"{a} :" not in heading]


def test_api_reference_shows_doctests_as_code(site: tuple[Path, str]) -> None:
    """Docstring examples are highlighted Python sessions, not Markdown block quotes."""
    out, _ = site
    html = (out / "api.html").read_text("utf-8")
    assert "<blockquote>" not in html
    assert 'class="gp">&gt;&gt;&gt;' in html


def test_site_links_resolve_to_pages(site: tuple[Path, str]) -> None:
    """A link from docs/ to a README beside the code leads to that page of the site."""
    out, _ = site
    html = (out / "index.html").read_text("utf-8")
    assert 'href="fixtures/index.html"' in html

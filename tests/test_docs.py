"""Examples in the docs run: python blocks as doctests, ``statement-tracker`` lines as commands."""

from __future__ import annotations

import doctest
import os
import re
import shlex
import shutil
from importlib.util import find_spec
from pathlib import Path

import pytest

from statement_tracker._cli import main

ROOT = Path(__file__).resolve().parent.parent
#: Pages whose examples must run; add yours here (a page not yet committed is skipped).
_PAGES = [
    ROOT / "docs" / "tutorial.md",
    ROOT / "docs" / "formats.md",
    ROOT / "README.md",
    ROOT / "docs" / "archive.md",
    ROOT / "docs" / "diff.md",
    ROOT / "docs" / "segment.md",
    ROOT / "docs" / "sources.md",
    ROOT / "docs" / "discover.md",
    ROOT / "docs" / "ingest.md",
    ROOT / "docs" / "publishers.md",
    ROOT / "docs" / "report.md",
    ROOT / "docs" / "track.md",
    ROOT / "docs" / "howto-translations.md",
    ROOT / "docs" / "howto-track.md",
    ROOT / "docs" / "howto-compare.md",
    ROOT / "docs" / "howto-sources.md",
    ROOT / "docs" / "howto-discover.md",
    ROOT / "docs" / "howto-large-corpus.md",
    ROOT / "docs" / "howto-pandas.md",
    ROOT / "docs" / "dask.md",
    ROOT / "docs" / "cli.md",
]
PAGES = [page for page in _PAGES if page.is_file()]
#: Pages whose examples need an optional extra: skipped, saying which, where it is missing.
PAGE_NEEDS = {"dask.md": ("dask", "distributed", "pyarrow")}
#: Put this HTML comment on the line before a block that needs pyspark and Java: such
#: blocks run in ``test_spark_examples_run``, on their own.
NEEDS_PYSPARK = "<!-- needs: pyspark -->"
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared"))
#: Put this HTML comment on the line before a block that needs ../shared/corpus.
NEEDS_SHARED = "<!-- needs: shared-corpus -->"

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)


def _blocks(page: Path, language: str, *, spark: bool = False) -> list[tuple[int, str, bool]]:
    """(line number, code, needs shared corpus) of each fenced block in ``language``:
    the blocks that need pyspark when ``spark``, the others otherwise."""
    text = page.read_text("utf-8")
    out = []
    for m in FENCE.finditer(text):
        if m.group(1) != language:
            continue
        before = text[: m.start()].rstrip().rsplit("\n", 1)[-1]
        if (before.strip() == NEEDS_PYSPARK) != spark:
            continue
        lineno = text.count("\n", 0, m.start()) + 2
        out.append((lineno, m.group(2), before.strip() == NEEDS_SHARED))
    return out


def _commands(page: Path) -> list[tuple[str, str, bool]]:
    """``statement-tracker`` command lines of the ``sh`` blocks of a page."""
    out = []
    for lineno, code, shared in _blocks(page, "sh"):
        for i, line in enumerate(code.splitlines()):
            for part in line.split("&&"):
                if part.strip().startswith("statement-tracker "):
                    out.append((f"{page.name}:{lineno + i}", part.strip(), shared))
    return out


def _link_shared(workdir: Path) -> None:
    """Make the shared corpus visible as ``../shared`` from ``workdir``, when there is one."""
    shared = workdir.parent / "shared"
    if not shared.exists() and SHARED.is_dir():
        shared.symlink_to(SHARED, target_is_directory=True)


@pytest.fixture()
def in_workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch directory that sees fixtures/ as ./fixtures and the shared corpus as ../shared."""
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures", target_is_directory=True)
    _link_shared(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_examples_run(page: Path, in_workdir: Path) -> None:
    """Every ``>>>`` example in the page's python blocks gives the output shown."""
    missing = [name for name in PAGE_NEEDS.get(page.name, ()) if find_spec(name) is None]
    if missing:
        pytest.skip(f"{page.name} needs {', '.join(missing)} (pip install statement-tracker[dask])")
    ran = _run_examples(_blocks(page, "python"), page)
    if page.name == "tutorial.md":
        assert ran > 0


def _run_examples(blocks: list[tuple[int, str, bool]], page: Path) -> int:
    """Run the ``>>>`` examples of ``blocks`` in order, sharing their globals; say how many."""
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    globs: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    for lineno, code, shared in blocks:
        if ">>>" not in code or (shared and not (SHARED / "corpus").is_dir()):
            continue
        test = parser.get_doctest(code, globs, f"{page.name}:{lineno}", str(page), lineno)
        runner.run(test, clear_globs=False)
        globs = test.globs  # DocTest copies its globals: carry them to the next block
        ran += len(test.examples)
    failed = runner.summarize(verbose=False).failed
    assert 0 == failed, f"{failed} example(s) in {page.name} failed (see captured stdout)"
    return ran


@pytest.mark.parametrize(
    "page", [p for p in PAGES if _blocks(p, "python", spark=True)], ids=lambda p: p.name
)
def test_spark_examples_run(page: Path, in_workdir: Path) -> None:
    """The PySpark examples (blocks marked ``<!-- needs: pyspark -->``) give the output shown."""
    if find_spec("pyspark") is None:
        pytest.skip(f"pyspark is not installed: the Spark example of {page.name} is not run")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip(f"no Java runtime for Spark: the Spark example of {page.name} is not run")
    assert _run_examples(_blocks(page, "python", spark=True), page) > 0


def _command_params() -> list[object]:
    return [pytest.param(*c, id=c[0]) for page in PAGES for c in _commands(page)]


@pytest.fixture(scope="module")
def cli_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One scratch directory for all commands, so `add` before `compare` works in order.

    It sees the repository's fixtures/ as ./fixtures and the shared corpus as ../shared.
    """
    path = tmp_path_factory.mktemp("cli")
    (path / "fixtures").symlink_to(ROOT / "fixtures", target_is_directory=True)
    _link_shared(path)
    return path


@pytest.mark.parametrize(("where", "command", "shared"), _command_params())
def test_cli_examples_run(
    where: str,
    command: str,
    shared: bool,
    cli_workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every ``statement-tracker`` command shown in the docs exits with status 0.

    The commands run in-process through the CLI's ``main`` (what the console script
    calls), which saves an interpreter start per command. A ``> FILE`` redirection
    writes the captured output to FILE, for the commands after it to read.
    """
    if shared and not (SHARED / "corpus").is_dir():
        pytest.skip(f"{where} needs the shared corpus")
    monkeypatch.chdir(cli_workdir)
    argv = shlex.split(command)[1:]
    redirect = None
    if ">" in argv:
        redirect = argv[argv.index(">") + 1]
        argv = argv[: argv.index(">")]
    capsys.readouterr()  # drop anything printed before the command
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse reports usage errors by exiting
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert 0 == status, f"{where}: {command}\n{err[-2000:]}"
    if redirect is not None:
        (cli_workdir / redirect).write_text(out, "utf-8")

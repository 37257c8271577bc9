"""Start-up of the command line (``_cli/__init__.py``): the parser, ``--help`` and
``--version`` load none of the heavy libraries; the constants the parser keeps to stay
light agree with the library's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

#: Imported only when a command needs them.
HEAVY = ("lxml", "rapidfuzz", "numpy", "pymorphy3", "rjieba", "jieba", "Stemmer",
         "ahocorasick", "sqlite3", "tqdm")  # fmt: skip

_PROBE = """
import sys
from statement_tracker._cli import main
try:
    main({argv!r})
except SystemExit:
    pass
heavy = [m for m in {heavy!r} if m in sys.modules]
print("loaded: " + ",".join(heavy))
"""


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--version"], ["track", "--help"], ["report", "--help"], ["diff"]],
    ids=" ".join,
)
def test_light_invocations_load_no_heavy_library(argv: list[str]) -> None:
    """`--help`, `--version`, a command's help and a usage error import none of lxml,
    rapidfuzz, numpy, pymorphy3, jieba, the stemmers, sqlite3 or tqdm (in a fresh
    interpreter)."""
    probe = _PROBE.format(argv=argv, heavy=HEAVY)
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert "loaded: " == result.stdout.splitlines()[-1]


def test_listing_and_showing_an_archive_load_no_matcher_library(tmp_path: Path) -> None:
    """`list` and `show` of an archive read it with sqlite3 alone: none of numpy, rapidfuzz,
    jieba, the stemmers, pymorphy3, lxml or the Aho-Corasick scanner is imported."""
    import statement_tracker as st

    db = str(tmp_path / "a.db")
    with st.Archive.open(db) as archive:
        archive.add([st.Document.from_text("Talks were held.", source="a")])
        doc_id = archive.entries()[0].doc_id
    loaded = []
    for argv in (["list", "--db", db], ["show", "--db", db, doc_id]):
        probe = _PROBE.format(argv=argv, heavy=HEAVY)
        result = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        )
        assert doc_id in result.stdout
        loaded.append(result.stdout.splitlines()[-1])
    assert ["loaded: sqlite3"] * 2 == loaded


def test_import_of_the_package_is_light() -> None:
    """`import statement_tracker` loads no stage until a name is used, then the name works."""
    probe = (
        "import sys, statement_tracker as st\n"
        "before = 'statement_tracker._text' in sys.modules\n"
        "print(before, st.normalise('“No”').text)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert 'False "no"' == result.stdout.strip()


def test_record_kinds_agree_with_the_library() -> None:
    """The `records --kind` choices kept in the CLI are the library's RECORD_KINDS."""
    import statement_tracker as st
    from statement_tracker._cli._segment import RECORD_KINDS

    assert st.RECORD_KINDS == RECORD_KINDS


def test_default_archive_agrees_with_the_library() -> None:
    """The default --db named in the help is the archive's default file."""
    from statement_tracker._archive import DEFAULT_ARCHIVE as LIBRARY
    from statement_tracker._cli._store import DEFAULT_ARCHIVE

    assert LIBRARY == DEFAULT_ARCHIVE


def test_version_is_printed_on_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints "statement-tracker X.Y.Z" on standard output and exits 0."""
    from statement_tracker import __version__
    from statement_tracker._cli import main

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert (0, f"statement-tracker {__version__}\n") == (exc.value.code, capsys.readouterr().out)

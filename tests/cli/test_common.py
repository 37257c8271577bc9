"""Output shared by the commands (``_cli/_common.py``): ``-o``, cuts only on a terminal,
``--quiet`` and the exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from statement_tracker._cli import main
from statement_tracker._cli._common import write_table

ROOT = Path(__file__).resolve().parents[2]
READOUTS = ROOT / "fixtures" / "readouts"
WATCHLIST = ROOT / "fixtures" / "watchlist.toml"
NEWEST = READOUTS / "2025-06-03_corvan-arendt-talks-castelgrad.html"


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_table_in_a_pipe_is_not_cut() -> None:
    """In a file or a pipe a long cell is written whole, with no note."""
    buf = io.StringIO()
    write_table([{"text": "word " * 40}], ["text"], buf, width=20)
    assert ("word " * 40).strip() == buf.getvalue().splitlines()[1]


def test_table_on_a_terminal_says_what_it_cut() -> None:
    """On a terminal a long cell ends in "…" and a note counts the cells and characters cut."""
    buf = Terminal()
    write_table([{"a": "x" * 30}, {"a": "y" * 25}, {"a": "short"}], ["a"], buf, width=20)
    lines = buf.getvalue().splitlines()
    assert (lines[1], lines[4].startswith("… 2 cells cut to 20 characters")) == (
        "x" * 19 + "…",
        True,
    )
    assert "(17 characters left out)" in lines[4]  # 30 - 19 + 25 - 19


@pytest.mark.parametrize(
    "argv",
    [
        ["extract", str(NEWEST)],
        ["records", str(NEWEST), "--kind", "sentence"],
        ["track", str(READOUTS), "--phrase", "new era"],
        ["timeline", str(READOUTS), "--phrase", "new era", "--format", "csv"],
        ["sources", str(NEWEST), str(READOUTS)],
        ["discover", str(READOUTS), "--top", "3", "--format", "jsonl"],
    ],
    ids=lambda a: a[0],
)
def test_output_option_writes_the_file(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o FILE writes what standard output would have shown, and nothing to stdout."""
    assert 0 == main(argv)
    shown = capsys.readouterr().out
    out = tmp_path / "out.txt"
    assert 0 == main([*argv, "-o", str(out)])
    assert ("", shown) == (capsys.readouterr().out, out.read_text(encoding="utf-8"))


def test_output_dash_is_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    """-o - writes to standard output."""
    assert 0 == main(["extract", str(NEWEST), "-o", "-"])
    assert "doc_id" in json.loads(capsys.readouterr().out)


def test_failed_command_leaves_no_output_file(tmp_path: Path) -> None:
    """A command that fails after opening -o FILE leaves no file (it is written whole or not)."""
    out = tmp_path / "out.csv"
    argv = ["track", str(READOUTS), "--phrase", "new era", "--series", "nope", "-o", str(out)]
    assert (2, []) == (main(argv), list(tmp_path.iterdir()))


def test_output_into_a_missing_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o into a folder that does not exist exits 2 with one line naming the file."""
    out = tmp_path / "missing" / "x.jsonl"
    status = main(["extract", str(NEWEST), "-o", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert (2, 1, True) == (status, len(err), str(out) in err[0])


def test_errors_exit_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad input is exit status 2 with one line on stderr."""
    status = main(["extract", str(ROOT / "no-such-file.html")])
    err = capsys.readouterr().err
    assert (2, 1, False) == (status, len(err.strip().splitlines()), "Traceback" in err)


def test_quiet_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-q before the command or after it silences `add`'s summary line."""
    for argv in (["-q", "add"], ["add", "-q"]):
        db = tmp_path / f"{argv[0]}.db"
        assert 0 == main([*argv, str(READOUTS), "--db", str(db)])
        assert ("", "") == capsys.readouterr()


def test_quiet_silences_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    """The deprecation warning of `timeline --series FIELD` is not shown with --quiet."""
    argv = ["timeline", str(READOUTS), "--phrase", "new era", "--series", "language"]
    assert 0 == main(argv)
    warned = capsys.readouterr().err
    assert 0 == main([*argv, "--quiet"])
    assert ("warning" in warned, "") == (True, capsys.readouterr().err)


def test_output_file_gets_the_mode_open_would_give(tmp_path: Path) -> None:
    """-o FILE is not left private to its owner (as a temporary file is): a new file gets
    0666 less the umask, a replaced file keeps its mode."""
    import os
    import stat

    umask = os.umask(0o022)
    try:
        new = tmp_path / "new.html"
        assert 0 == main(["extract", str(NEWEST), "-o", str(new)])
        assert 0o644 == stat.S_IMODE(new.stat().st_mode)
        kept = tmp_path / "kept.html"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        assert 0 == main(["extract", str(NEWEST), "-o", str(kept)])
        assert 0o640 == stat.S_IMODE(kept.stat().st_mode)
    finally:
        os.umask(umask)

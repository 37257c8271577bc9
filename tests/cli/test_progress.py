"""Progress bars (``_cli/_progress.py``): total and time left on a terminal, nothing in a
pipe or with ``--quiet``."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from statement_tracker._cli import main
from statement_tracker._cli._progress import CORPUS_SUFFIXES, DOCUMENT_SUFFIXES, count_inputs

ROOT = Path(__file__).resolve().parents[2]
READOUTS = ROOT / "fixtures" / "readouts"

#: tqdm's bar: "label: 100%|…| 15/15 [00:01<00:00, 12.3doc/s]" (elapsed<left).
BAR = re.compile(r"(\d+)/(\d+) \[\d\d:\d\d<\d\d:\d\d")


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def tty_stderr(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """Make standard error a terminal that keeps what is written to it (called in the test
    itself: pytest sets its captured stderr again when the test starts)."""
    stream = Terminal()
    monkeypatch.setattr("sys.stderr", stream)
    return stream


@pytest.mark.parametrize(
    "argv",
    [
        ["extract", str(READOUTS)],
        ["records", str(READOUTS)],
        ["track", str(READOUTS), "--phrase", "new era"],
        ["timeline", str(READOUTS), "--phrase", "new era"],
        ["report", str(READOUTS), "--phrase", "new era"],
        ["discover", str(READOUTS)],
        [
            "sources",
            str(READOUTS / "2024-04-23_joint-statement-25th-anniversary.md"),
            str(READOUTS),
        ],
    ],
    ids=lambda a: a[0],
)
def test_terminal_shows_a_bar_with_total_and_time_left(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a terminal the long commands draw a bar that reaches 15/15 documents, with the
    time left."""
    terminal = tty_stderr(monkeypatch)
    assert 0 == main(argv)
    capsys.readouterr()
    assert ("15", "15") in BAR.findall(terminal.getvalue())


def test_add_shows_a_bar(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`add` on a terminal draws a bar with the total; so does `reindex`."""
    terminal = tty_stderr(monkeypatch)
    db = str(tmp_path / "a.db")
    assert 0 == main(["add", str(READOUTS), "--db", db])
    added = terminal.getvalue()
    assert 0 == main(["reindex", "--db", db])
    capsys.readouterr()
    assert (True, True) == (("15", "15") in BAR.findall(added), "indexing" in terminal.getvalue())


def test_discover_shows_its_stages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`discover` shows reading, then counting and merging: progress while it works after
    the documents are read, not only while it reads them."""
    terminal = tty_stderr(monkeypatch)
    assert 0 == main(["discover", str(READOUTS), "--min-docs", "2"])
    capsys.readouterr()
    text = terminal.getvalue()
    assert (True, True) == ("reading" in text, "counting" in text)


def test_no_bar_in_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    """Standard error that is not a terminal gets no bar."""
    assert 0 == main(["track", str(READOUTS), "--phrase", "new era"])
    assert "" == capsys.readouterr().err


def test_quiet_hides_the_bar(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--quiet hides the bar, even on a terminal and with --progress."""
    terminal = tty_stderr(monkeypatch)
    assert 0 == main(["track", str(READOUTS), "--phrase", "new era", "--quiet", "--progress"])
    capsys.readouterr()
    assert "" == terminal.getvalue()


def test_progress_forces_the_bar(capsys: pytest.CaptureFixture[str]) -> None:
    """--progress draws the bar when standard error is not a terminal."""
    assert 0 == main(["track", str(READOUTS), "--phrase", "new era", "--progress"])
    assert ("15", "15") in BAR.findall(capsys.readouterr().err)


def test_count_inputs_counts_documents_and_corpus_lines(tmp_path: Path) -> None:
    """The total counts files with a known suffix and the records of a JSONL corpus."""
    (tmp_path / "a.html").write_text("<p>A.</p>")
    (tmp_path / ".hidden.txt").write_text("B.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text('{"text": "C."}\n{"text": "D."}\n')
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert 3 == count_inputs([str(tmp_path)])


def test_suffixes_are_the_readers() -> None:
    """The suffixes counted are those the corpus reader reads."""
    from statement_tracker._ingest._jsonl import CORPUS_SUFFIXES as READER_CORPUS
    from statement_tracker._ingest._load import DOCUMENT_SUFFIXES as READER_DOCUMENTS

    assert (set(READER_DOCUMENTS), set(READER_CORPUS)) == (
        set(DOCUMENT_SUFFIXES),
        set(CORPUS_SUFFIXES),
    )


def test_stages_skip_reading_and_finish_a_stage_that_ends_early(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Discovery's own "reading" reports draw no second bar (the documents have one with
    the total); a counting stage that stops at 7 of 14 lengths is shown done."""
    import argparse

    from statement_tracker._cli._progress import Stages

    stages = Stages(argparse.Namespace(progress=True, quiet=False))
    stages("reading", 500, 0)
    stages("counting", 7, 14)
    stages("merging", 0, 10)
    stages.close(done=True)
    err = capsys.readouterr().err
    assert (False, True, True) == ("reading" in err, "14/14" in err, "10/10" in err)

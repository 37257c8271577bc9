"""Tests for the ``statement-tracker diff`` command in ``_cli/_diff.py``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statement_tracker._cli import main

DIFF = Path(__file__).resolve().parents[2] / "fixtures" / "diff"
HTML = DIFF / "talks-2024.html"
MD = DIFF / "talks-2024.md"
REVISED = DIFF / "talks-2024-revised.md"


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert 0 == main(["diff", *args, "--format", "json"])
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_identical_files_are_all_kept(capsys: pytest.CaptureFixture[str]) -> None:
    """A file compared with itself gives only kept sentences."""
    data = _json(capsys, str(MD), str(MD))
    assert {"kept"} == {c["kind"] for c in data["changes"]}  # type: ignore[attr-defined]


def test_html_and_markdown_of_one_readout_diff_by_content(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """HTML against Markdown of the same readout: no sentence added, removed or reworded."""
    summary = _json(capsys, str(HTML), str(MD))["summary"]
    assert (0, 0, 0) == (summary["added"], summary["removed"], summary["reworded"])  # type: ignore[index]
    assert 9 == summary["kept"] + summary["typographic"]  # type: ignore[index]


def test_revised_readout_shows_each_kind(capsys: pytest.CaptureFixture[str]) -> None:
    """The revised fixture has one reworded, typographic, moved, added and removed sentence."""
    s = _json(capsys, str(MD), str(REVISED))["summary"]
    got = {k: s[k] for k in ("reworded", "typographic", "moved", "added", "removed")}  # type: ignore[index]
    assert dict.fromkeys(got, 1) == got


def test_watchlist_names_formulas(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--watchlist adds the formulas that disappear to the summary."""
    wl = tmp_path / "wl.txt"
    wl.write_text("next round of consultations\nmutual respect\n", encoding="utf-8")
    s = _json(capsys, str(MD), str(REVISED), "--watchlist", str(wl))["summary"]
    got = [(f["phrase"], f["status"]) for f in s["formulas"]]  # type: ignore[index]
    assert [("next round of consultations", "disappeared")] == got


def test_html_output_to_a_file(tmp_path: Path) -> None:
    """--format html -o FILE writes a self-contained page."""
    out = tmp_path / "diff.html"
    assert 0 == main(["diff", str(MD), str(REVISED), "--format", "html", "-o", str(out)])
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "moved from ¶2" in page


def test_text_output_is_plain_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    """The default text format has no colour codes when standard output is not a terminal."""
    assert 0 == main(["diff", str(MD), str(REVISED)])
    out = capsys.readouterr().out
    assert "[-steady-]{+rapid+}" in out and "\x1b[" not in out


def test_colour_can_be_forced(capsys: pytest.CaptureFixture[str]) -> None:
    """--color always colours the text even when piped."""
    assert 0 == main(["diff", str(MD), str(REVISED), "--color", "always"])
    assert "\x1b[" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty document"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary")],
)
def test_bad_input_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    """An empty or binary file exits 2 with a one-line error naming the file."""
    bad = tmp_path / "bad.bin"
    bad.write_bytes(content)
    assert 2 == main(["diff", str(bad), str(MD)])
    err = capsys.readouterr().err
    assert err.startswith(f"statement-tracker: error: {bad}") and message in err
    assert "Traceback" not in err and 1 == len(err.strip().splitlines())


def test_unwritable_output_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """-o into a missing folder exits 2 with a message, not a traceback."""
    out = tmp_path / "missing" / "diff.json"
    assert 2 == main(["diff", str(MD), str(MD), "-o", str(out)])
    assert "cannot write" in capsys.readouterr().err


def test_html_heading_names_titles_and_dates(tmp_path: Path) -> None:
    """The HTML redline is headed by the two documents' titles and dates, not their ids."""
    old = tmp_path / "2024-01-02_a.md"
    new = tmp_path / "2024-03-04_b.md"
    old.write_text("---\ntitle: First talks\n---\nBoth sides met.\n", encoding="utf-8")
    new.write_text("---\ntitle: Second talks\n---\nBoth sides met again.\n", encoding="utf-8")
    out = tmp_path / "d.html"
    assert 0 == main(["diff", str(old), str(new), "--format", "html", "-o", str(out)])
    page = out.read_text(encoding="utf-8")
    assert "Changes from First talks (2024-01-02) to Second talks (2024-03-04)" in page


def test_exit_code_is_1_when_the_readouts_differ(capsys: pytest.CaptureFixture[str]) -> None:
    """--exit-code: status 1 for two different readouts, 0 for a readout and itself."""
    differ = main(["diff", str(MD), str(REVISED), "--exit-code"])
    same = main(["diff", str(MD), str(MD), "--exit-code"])
    assert (1, 0) == (differ, same)


def test_exit_code_with_quiet_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """--exit-code --quiet gives the answer by the status only, as `git diff --quiet`."""
    status = main(["diff", str(MD), str(REVISED), "--exit-code", "--quiet"])
    assert (1, ("", "")) == (status, tuple(capsys.readouterr()))


def test_without_exit_code_differences_are_status_0(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --exit-code a diff that finds changes still succeeds."""
    assert 0 == main(["diff", str(MD), str(REVISED)])

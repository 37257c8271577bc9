"""The command line on hostile inputs: one line, non-zero, no traceback (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statement_tracker._cli import main


@pytest.mark.parametrize("command", ["extract", "records"])
def test_empty_directory_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """An empty directory given as PATH exits 2 (bad input) with one line, not 0 silently."""
    (tmp_path / "empty").mkdir()
    assert 2 == main([command, str(tmp_path / "empty")])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert 1 == len(captured.err.splitlines())
    assert "empty: a directory with no documents" in captured.err


def test_directory_named_html_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory named ``x.html`` is one error line, exit 2."""
    (tmp_path / "x.html").mkdir()
    assert 2 == main(["extract", str(tmp_path / "x.html")])
    err = capsys.readouterr().err.splitlines()
    assert 1 == len(err)
    assert "x.html: a directory with no documents" in err[0]


def test_timeline_on_empty_directory_is_an_error(
    tmp_path: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``timeline`` over an empty directory fails with one line, no traceback."""
    (tmp_path / "empty").mkdir()
    watchlist = str(fixtures_dir / "watchlist.toml")
    assert 0 != main(["timeline", str(tmp_path / "empty"), "--watchlist", watchlist])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "a directory with no documents" in err


def test_batch_with_empty_directory_reads_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A batch with an empty directory writes the other documents and counts one failure."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "a.txt").write_text("Both sides agreed.")
    assert 2 == main(["extract", str(tmp_path / "empty"), str(tmp_path / "a.txt")])
    captured = capsys.readouterr()
    assert ["Both sides agreed."] == [json.loads(x)["text"] for x in captured.out.splitlines()]
    assert "1 input(s) could not be read" in captured.err


def test_mislabelled_gb18030_page_extracts_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A GB18030 page declaring windows-1251 is extracted as Chinese text."""
    text = "中美双方同意继续推进全面战略合作伙伴关系，加强交流与合作。"
    page = b'<html><head><meta charset="windows-1251"></head><body><p>'
    (tmp_path / "zh.html").write_bytes(page + text.encode("gb18030") + b"</p></body></html>")
    assert 0 == main(["extract", str(tmp_path / "zh.html")])
    assert text == json.loads(capsys.readouterr().out)["text"]

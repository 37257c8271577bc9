"""Tests for reading watchlist files safely (``_track/_watchlist_read.py``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from statement_tracker import Watchlist, WatchlistError
from statement_tracker._track._watchlist_read import read_watchlist_bytes


def test_deeply_nested_toml_is_a_watchlist_error(tmp_path: Path) -> None:
    """TOML nested 5,000 deep raises WatchlistError, not RecursionError."""
    f = tmp_path / "deep.toml"
    f.write_text("a = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    with pytest.raises(WatchlistError, match="nested too deeply"):
        Watchlist.from_file(f)


def test_device_is_refused_before_reading() -> None:
    """/dev/zero is not a regular file: refused at once, not read until memory runs out."""
    with pytest.raises(WatchlistError, match="/dev/zero: not a regular file"):
        Watchlist.from_file("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """A FIFO is refused without opening it (opening would block for a writer)."""
    fifo = tmp_path / "w.fifo"
    os.mkfifo(fifo)
    with pytest.raises(WatchlistError, match="not a regular file"):
        Watchlist.from_file(fifo)


def test_directory_is_refused(tmp_path: Path) -> None:
    """A directory given as a watchlist is a WatchlistError."""
    with pytest.raises(WatchlistError, match="not a regular file"):
        Watchlist.from_file(tmp_path)


def test_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    """A file over the size limit raises WatchlistError naming the limit."""
    f = tmp_path / "w.txt"
    f.write_bytes(b"no limits\n" * 10)
    with pytest.raises(WatchlistError, match="over the watchlist limit of 50 bytes"):
        read_watchlist_bytes(f, max_bytes=50)


def test_missing_file_is_a_watchlist_error(tmp_path: Path) -> None:
    """A missing file is a WatchlistError saying it cannot be read."""
    with pytest.raises(WatchlistError, match="cannot read"):
        Watchlist.from_file(tmp_path / "none.txt")

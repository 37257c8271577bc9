"""Tests for watchlists: plain text and TOML files, validation and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from statement_tracker import Phrase, Watchlist, WatchlistError


def test_strings_get_sequential_ids() -> None:
    """Phrases given as strings are numbered P01, P02, …"""
    assert ["P01", "P02"] == [p.id for p in Watchlist(["new era", "no limits"])]


def test_plain_text_file_skips_comments_and_blanks(tmp_path: Path) -> None:
    """A text file is one phrase a line; blank lines and # comments are skipped."""
    f = tmp_path / "w.txt"
    f.write_text("# formulas\n\nnew era\n  no limits  \n", encoding="utf-8")
    assert ["new era", "no limits"] == [p.text for p in Watchlist.from_file(f)]


def test_toml_file_reads_all_fields(tmp_path: Path) -> None:
    """A TOML file gives ids, texts, aliases and thresholds."""
    f = tmp_path / "w.toml"
    f.write_text(
        '[[phrase]]\nid = "P01"\ntext = "comprehensive partnership"\n'
        'aliases = ["全面伙伴关系"]\nthreshold = 90\n',
        encoding="utf-8",
    )
    assert [Phrase("P01", "comprehensive partnership", ("全面伙伴关系",), 90.0)] == list(
        Watchlist.from_file(f)
    )


def test_to_toml_round_trips() -> None:
    """to_toml() output reads back to the same watchlist."""
    wl = Watchlist([Phrase("A", 'say "no" \\ now', ("нет",), 80.5), "new era"])
    assert wl == Watchlist.from_toml(wl.to_toml())


def test_malformed_toml_names_file_and_line(tmp_path: Path) -> None:
    """Malformed TOML raises WatchlistError with the file and line."""
    f = tmp_path / "bad.toml"
    f.write_text('[[phrase]]\ntext = "a"\n\n[[phrase]]\ntext = \n', encoding="utf-8")
    with pytest.raises(WatchlistError) as info:
        Watchlist.from_file(f)
    assert (str(f), 5) == (info.value.path, info.value.line)


def test_empty_watchlist_is_an_error(tmp_path: Path) -> None:
    """A file with no phrases raises WatchlistError."""
    f = tmp_path / "empty.txt"
    f.write_text("# nothing\n\n", encoding="utf-8")
    with pytest.raises(WatchlistError, match="empty"):
        Watchlist.from_file(f)


def test_phrase_that_normalises_to_nothing_is_an_error(tmp_path: Path) -> None:
    """A phrase with no word in it raises WatchlistError naming its line."""
    f = tmp_path / "w.txt"
    f.write_text("new era\n— … —\n", encoding="utf-8")
    with pytest.raises(WatchlistError) as info:
        Watchlist.from_file(f)
    assert 2 == info.value.line


@pytest.mark.parametrize("value", ["-1", "100.5", '"high"'])
def test_bad_threshold_is_an_error(tmp_path: Path, value: str) -> None:
    """A threshold outside 0–100 (or not a number) raises WatchlistError."""
    f = tmp_path / "w.toml"
    f.write_text(f'[[phrase]]\ntext = "a b"\nthreshold = {value}\n', encoding="utf-8")
    with pytest.raises(WatchlistError, match="threshold"):
        Watchlist.from_file(f)


def test_duplicate_ids_are_an_error() -> None:
    """Two phrases with one id raise WatchlistError."""
    with pytest.raises(WatchlistError, match="duplicate"):
        Watchlist([Phrase("A", "x"), Phrase("A", "y")])


def test_missing_file_is_a_watchlist_error(tmp_path: Path) -> None:
    """An unreadable file raises WatchlistError, not OSError."""
    with pytest.raises(WatchlistError, match="cannot read"):
        Watchlist.from_file(tmp_path / "nope.toml")


def test_not_utf8_is_a_watchlist_error(tmp_path: Path) -> None:
    """A file that is not UTF-8 raises WatchlistError."""
    f = tmp_path / "w.txt"
    f.write_bytes(b"caf\xe9\n")
    with pytest.raises(WatchlistError, match="UTF-8"):
        Watchlist.from_file(f)


def test_error_message_is_one_line(tmp_path: Path) -> None:
    """Error messages are one line."""
    f = tmp_path / "bad.toml"
    f.write_text("[[phrase]\n", encoding="utf-8")
    with pytest.raises(WatchlistError) as info:
        Watchlist.from_file(f)
    assert 1 == len(str(info.value).splitlines())


def test_fixture_watchlist_loads(fixtures_dir: Path) -> None:
    """The bundled fixtures/watchlist.toml is valid."""
    assert len(Watchlist.from_file(fixtures_dir / "watchlist.toml")) >= 10

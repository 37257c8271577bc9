"""Tests for TrackIndex: the occurrences of track(), from an index built once."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as hst

from statement_tracker import (
    Document,
    TrackIndex,
    UsageError,
    Watchlist,
    WatchlistError,
    load_corpus,
    track,
)
from strategies import track_phrases, track_texts


def test_equals_track_on_the_fixture_readouts(fixtures_dir: Path) -> None:
    """The fixture series and watchlist: the same occurrences as track(), with any threshold."""
    docs = list(load_corpus([fixtures_dir / "readouts"]))
    wl = Watchlist.from_file(fixtures_dir / "watchlist.toml")
    idx = TrackIndex(docs)
    assert idx.track(wl) == track(docs, wl)
    assert idx.track(wl)
    assert idx.track(wl, threshold=80) == track(docs, wl, threshold=80)
    assert len(idx) == len(docs) and idx.documents == tuple(docs)


@given(hst.data())
def test_equals_track_on_random_documents(data: hst.DataObject) -> None:
    """On random documents (accents, apostrophes, CJK included) it returns what track() does."""
    tricky = data.draw(hst.booleans())
    phrases = tuple(data.draw(hst.lists(track_phrases(tricky=tricky), min_size=1, max_size=3)))
    docs = [
        Document.from_text(data.draw(track_texts(phrases, tricky=tricky)) or "x") for _ in range(3)
    ]
    assert TrackIndex(docs).track(phrases) == track(docs, phrases)


def test_progress_is_called_per_document() -> None:
    """Building reports every document, in order."""
    docs = [Document.from_text("a"), Document.from_text("中文"), Document.from_text("b")]
    seen: list[str] = []
    TrackIndex(docs, progress=lambda d: seen.append(d.text))
    assert ["a", "中文", "b"] == seen


def test_bad_watchlist_or_threshold_is_a_typed_error() -> None:
    """The errors of track(): a threshold outside 0–100, an empty watchlist."""
    idx = TrackIndex([Document.from_text("No limits.")])
    with pytest.raises(UsageError, match="threshold"):
        idx.track(["no limits"], threshold=120)
    with pytest.raises(WatchlistError):
        idx.track([])


def test_equals_track_on_white_house_documents(shared_corpus: Path) -> None:
    """400 real documents, the labelled formulas and common phrasing: track()'s occurrences."""
    path = shared_corpus / "whitehouse" / "briefings.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in itertools.islice(f, 0, 4000, 10)]
    docs = [Document.from_text(r["text"], source=r["id"], date=r["date"][:10]) for r in records]
    root = Path(__file__).resolve().parents[2]
    labelled = Watchlist.from_file(root / "fixtures" / "labels" / "track_watchlist.toml")
    common = [
        "supply chains",
        "the American people",
        "climate crisis",
        "Indo-Pacific",
        "national security adviser",
        "reaffirmed their commitment to",
        "COVID-19",
    ]
    wl = Watchlist([p.text for p in labelled] + common)
    found = TrackIndex(docs).track(wl)
    assert found == track(docs, wl)
    assert len(found) > 200


@given(hst.data())
def test_documents_added_in_parts_give_the_same_occurrences(data: hst.DataObject) -> None:
    """Built empty and fed in parts (segments merged on the way): track()'s occurrences."""
    phrases = tuple(data.draw(hst.lists(track_phrases(), min_size=1, max_size=3)))
    docs = [Document.from_text(data.draw(track_texts(phrases)) or "x") for _ in range(6)]
    cuts = sorted(data.draw(hst.lists(hst.integers(0, len(docs)), max_size=4)))
    idx = TrackIndex()
    for a, b in zip([0, *cuts], [*cuts, len(docs)], strict=True):
        assert idx.add(docs[a:b]) == b - a
    assert (idx.documents, idx.track(phrases)) == (tuple(docs), track(docs, phrases))


def test_segments_merge_as_the_index_grows() -> None:
    """Adding documents one at a time keeps few segments: merged when the newer is as large."""
    idx = TrackIndex()
    for i in range(16):
        idx.add([Document.from_text(f"Readout {i}: a new era of cooperation.")])
    assert len(idx._segments) <= 5
    assert len(idx.track(["new era"])) == 16

"""Tests for track(): what is found, what is not, and the evidence carried."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as hst

from statement_tracker import (
    Document,
    Phrase,
    UsageError,
    Watchlist,
    find_phrase,
    load_corpus,
    track,
)
from statement_tracker._track._track import Occurrence, brute_force_track
from strategies import track_phrases, track_texts


def _found(phrase: str, text: str, **kw: float | str) -> list[str]:
    return [o.text for o in track([Document.from_text(text)], [phrase], **kw)]


@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("one China policy", "the ONE CHINA POLICY.", "ONE CHINA POLICY"),
        ("cold war mentality", "a “Cold-War” mentality", "Cold-War” mentality"),
        ("win-win cooperation", "win win co-\noperation", "win win co-\noperation"),
        ("organisation of american states", "Organization of American States", None),
        ("good-neighbourly relations", "good-neighborly relation", None),
        ("strategic partner", "strategic partners", None),
        ("mutual interaction", "mutual interactions", None),
        ("defence cooperation", "defense cooperation", None),
        ("city centre", "city center", None),
        ("no limits", "No\u00a0limits", None),
    ],
)
def test_surface_variants_are_found(phrase: str, text: str, expected: str | None) -> None:
    """Case, punctuation, quotes, hyphens, wraps, spelling and inflection do not matter."""
    assert [expected or text] == _found(phrase, text)


@pytest.mark.parametrize(
    "text",
    [
        "comprehensive partnership and deepened strategic cooperation",
        "comprehensive partnership and close and strategic cooperation",
        "comprehensive partnership, strategic cooperation",
    ],
)
def test_word_edits_in_long_phrases_are_found(text: str) -> None:
    """In phrases of four or more words, inserted or deleted stop words match at every level."""
    phrase = "comprehensive partnership and strategic cooperation"
    assert ([text], [text]) == (_found(phrase, text), _found(phrase, text, match="loose"))


@pytest.mark.parametrize(
    "text",
    [
        "overarching partnership and strategic cooperation",
        "comprehensive partnership and strategic interaction",
    ],
)
def test_replaced_content_word_only_at_the_loose_level(text: str) -> None:
    """A content word replaced in a long phrase matches at ``loose``, not at ``close``."""
    phrase = "comprehensive partnership and strategic cooperation"
    assert ([], [text]) == (_found(phrase, text), _found(phrase, text, match="loose"))


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("Eurasian Economic Union", "the Eurasian Economic Commission"),
        ("new era", "a new year"),
        ("new era", "New Zealand"),
        ("no forbidden areas of cooperation", "new areas of cooperation"),
        ("SCO", "San Francisco"),
        ("EAEU", "the EAEUX summit"),
        ("non-interference in internal affairs", "interference in internal affairs"),
        ("peace and stability across the Taiwan Strait", "peace and stability across the region"),
    ],
)
def test_near_misses_are_not_found(phrase: str, text: str) -> None:
    """Near misses that change the meaning are not occurrences."""
    assert [] == _found(phrase, text)


def test_chinese_phrase_is_found() -> None:
    """A Chinese formula is found inside unsegmented text."""
    assert ["合作没有禁区"] == _found("合作没有禁区", "中俄两国合作没有禁区。")


def test_chinese_negation_is_kept() -> None:
    """A Chinese formula whose negation is missing is not found."""
    assert [] == _found("合作没有禁区", "中俄两国合作有禁区。")


def test_russian_inflection_is_found() -> None:
    """Russian case endings and ё/е do not matter."""
    assert ["не имеют границ"] == _found("не имеет границы", "Отношения не имеют границ.")


def test_every_occurrence_is_reported() -> None:
    """Every occurrence counts, not just the best one per document."""
    text = "No limits. Then: no limits, and no limit."
    assert 3 == len(_found("no limits", text))


def test_offsets_point_into_original_text() -> None:
    """doc.text[start:end] is the matched text, and the normalised span is consistent."""
    doc = Document.from_text("Both  sides   reaffirmed\u00a0the “One‑China” policy.")
    (o,) = track([doc], ["one china policy"])
    assert ("One‑China” policy", 'one-china" policy') == (doc.text[o.start : o.end], o.norm_text)


def test_occurrence_carries_evidence() -> None:
    """An occurrence knows its phrase, form, document, score, method and edits."""
    doc = Document.from_text("overarching partnership and strategic cooperation", source="a.txt")
    wl = Watchlist([Phrase("P7", "comprehensive partnership and strategic cooperation")])
    (o,) = track([doc], wl, match="loose")
    assert ("P7", "a.txt", "fuzzy", 1, 80.0) == (o.phrase_id, o.source, o.method, o.edits, o.score)


def test_alias_is_reported_as_form() -> None:
    """An alias that matched is named in ``form``."""
    wl = Watchlist([Phrase("P", "no limits", ("没有上限",))])
    assert ["没有上限"] == [o.form for o in track([Document.from_text("合作没有上限")], wl)]


def test_folded_method_for_spelling_variant() -> None:
    """A spelling variant is reported with method 'folded' and score 100."""
    (o,) = track([Document.from_text("defense cooperation")], ["defence cooperation"])
    assert ("folded", 100.0) == (o.method, o.score)


def test_occurrence_round_trips_through_dict() -> None:
    """to_dict()/from_dict() is lossless."""
    (o,) = track([Document.from_text("x", date="2020-01-02")], ["x"])
    assert o == Occurrence.from_dict(o.to_dict())


def test_threshold_outside_range_is_usage_error() -> None:
    """A threshold outside 0–100 raises UsageError."""
    with pytest.raises(UsageError, match="outside 0-100"):
        track([], ["x"], threshold=120)


def test_undated_documents_are_tracked() -> None:
    """Documents without a date are tracked like any other."""
    assert [None] == [o.date for o in track([Document.from_text("new era")], ["new era"])]


def test_find_phrase_on_plain_text() -> None:
    """find_phrase() finds one phrase in one text."""
    assert [(0, 7)] == [(o.start, o.end) for o in find_phrase("New era.", "new era")]


def test_progress_is_called_per_document() -> None:
    """The progress callback sees every document."""
    seen: list[str] = []
    docs = [Document.from_text("a"), Document.from_text("b")]
    track(docs, ["a"], progress=lambda d: seen.append(d.text))
    assert ["a", "b"] == seen


@given(hst.data())
def test_track_equals_brute_force_track(data: hst.DataObject) -> None:
    """track() returns exactly what the brute-force reference returns, offsets included."""
    phrases = tuple(data.draw(hst.lists(track_phrases(), min_size=1, max_size=3)))
    docs = [Document.from_text(data.draw(track_texts(phrases))) for _ in range(2)]
    docs = [d for d in docs if d.text]
    assert brute_force_track(docs, phrases) == track(docs, phrases)


@given(hst.data())
def test_matched_text_is_a_slice_of_the_document(data: hst.DataObject) -> None:
    """Every occurrence's text is doc.text[start:end]."""
    phrases = tuple(data.draw(hst.lists(track_phrases(), min_size=1, max_size=3)))
    doc = Document.from_text(data.draw(track_texts(phrases)) or "x")
    for o in track([doc], phrases):
        assert doc.text[o.start : o.end] == o.text


def test_two_workers_give_the_same_occurrences_and_progress(fixtures_dir: Path) -> None:
    """Scanning on two processes changes nothing: same occurrences, progress in order."""
    docs = list(load_corpus([fixtures_dir / "readouts"]))
    wl = Watchlist.from_file(fixtures_dir / "watchlist.toml")
    seen: list[str] = []
    parallel = track(docs, wl, workers=2, progress=lambda d: seen.append(d.doc_id))
    assert parallel == track(docs, wl) == track(iter(docs), wl, workers=2)  # list, stream
    assert parallel and seen == [d.doc_id for d in docs]


@pytest.mark.parametrize("workers", [0, -2, 1.5])
def test_workers_must_be_every_core_or_positive(workers: Any) -> None:
    """A bad process count is a UsageError."""
    with pytest.raises(UsageError, match="workers"):
        track([Document.from_text("x")], ["x"], workers=workers)

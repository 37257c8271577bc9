"""Tests for close variants accepted on corpus evidence (_track/_evidence.py, issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from statement_tracker import Document, TrackIndex, Watchlist, load_corpus, track
from statement_tracker._track._track import brute_force_track
from statement_tracker._track._variants import evidence_shape, may_vary


def _docs(*texts: str) -> list[Document]:
    return [Document.from_text(t, source=f"d{i}") for i, t in enumerate(texts)]


def _varied(occs: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(o.text, o.method) for o in occs if o.evidence]


# -- the shapes and which phrases may vary ------------------------------------------------


def test_shape_names_the_word_replaced_or_left_out() -> None:
    keys = ("great", "patriot", "war")
    assert ("substituted", 2) == evidence_shape(keys, ("great", "patriot", "struggl"))
    assert ("shortened", 2) == evidence_shape(keys, ("great", "patriot"))
    assert ("shortened", 0) == evidence_shape(keys, ("patriot", "war"))
    assert evidence_shape(keys, ("great", "war")) == ("shortened", 1)
    assert evidence_shape(keys, ("great", "x", "y")) is None  # two words changed
    assert evidence_shape(keys, ("great", "patriot", "the")) is None  # a stop word
    assert evidence_shape(keys, ("great", "patriot", "not")) is None  # a negation
    assert evidence_shape(keys, ("great", "patriot", "unwar")) is None  # a negating prefix


def test_names_short_formulas_cjk_and_families_never_vary() -> None:
    assert may_vary("great patriotic war", "loose", None)
    assert not may_vary("great patriotic war", "exact", None)
    assert not may_vary("great patriotic war", "close", None)  # only at the loose level
    assert not may_vary("great patriotic war", "loose", "tiers")
    assert not may_vary("Eurasian Economic Union", "loose", None)  # a name
    assert not may_vary("new era", "loose", None)
    assert not may_vary("clean energy", "loose", None)
    assert not may_vary("lines of communication", "loose", None)  # two content words
    assert not may_vary("全面战略协作伙伴关系", "loose", None)


# -- shortened: an edge word left out --------------------------------------------------------

_WHOLE = "We honour the heroes of the great patriotic war."


def test_an_edge_word_left_out_counts_when_the_rest_mostly_stands_with_it() -> None:
    docs = _docs(*[_WHOLE] * 5, "Glory to the heroes of the great patriotic, who won.")
    assert [] == _varied(track(docs, ["great patriotic war"]))  # close: never on evidence
    found = track(docs, ["great patriotic war"], match="loose")
    assert [("great patriotic", "shortened")] == _varied(found)
    (o,) = [o for o in found if o.evidence]
    assert ("-war",) == o.differs
    assert o.evidence is not None and 'without "war"' in o.evidence
    assert "whole 5 times, shortened 1" in o.evidence
    assert o.doc_id == docs[5].doc_id and o.text == docs[5].text[o.start : o.end]


def test_an_edge_word_left_out_is_not_a_variant_when_the_rest_stands_alone() -> None:
    """ "human rights" for "human rights abuses": the rest is a phrase of its own."""
    alone = "the great patriotic, who won"
    # the formula whole less than twice as often as shortened
    docs = _docs(*[_WHOLE] * 5, *[f"Glory to {alone}." for _ in range(3)])
    assert [] == _varied(track(docs, ["great patriotic war"], match="loose"))
    # twice as often: the shortened wording is the formula's
    docs = _docs(*[_WHOLE] * 6, *[f"Glory to {alone}." for _ in range(3)])
    assert 3 == len(_varied(track(docs, ["great patriotic war"], match="loose")))


def test_only_the_last_word_may_be_left_out() -> None:
    """Leaving out a first word (a modifier) names something broader: "playing field"."""
    docs = _docs(*[_WHOLE] * 12, "Glory to the heroes of the patriotic war.")
    assert [] == _varied(track(docs, ["great patriotic war"], match="loose"))


def test_too_little_evidence_accepts_nothing() -> None:
    """The formula must occur whole twice."""
    doc = Document.from_text(f"{_WHOLE} The great patriotic, who won.")
    assert [] == _varied(track([doc], ["great patriotic war"], match="loose"))


def test_a_word_left_out_where_another_stands_is_a_replacement() -> None:
    """ "great patriotic songs": "war" replaced, not left out."""
    docs = _docs(*[_WHOLE] * 5, "They sang great patriotic songs.")
    assert [] == _varied(track(docs, ["great patriotic war"], match="loose"))


# -- substituted: an edge word replaced --------------------------------------------------------

_FORMULA = "They discussed regional and global issues, including trade."
_VARIANT = "They discussed key regional and global challenges."


def test_an_edge_word_replaced_counts_in_two_documents_of_a_closed_slot() -> None:
    docs = _docs(*[_FORMULA] * 30, *[_VARIANT] * 3)
    assert [] == _varied(track(docs, ["regional and global issues"]))  # close: never
    found = track(docs, ["regional and global issues"], match="loose")
    assert [("regional and global challenges", "substituted")] * 3 == _varied(found)
    o = next(o for o in found if o.evidence)
    assert ("-issu", "+challeng") == o.differs
    assert o.evidence is not None
    assert '"issues" -> "challenges" (in 3 documents' in o.evidence
    assert o.score == pytest.approx(75.0)


def test_a_replacement_needs_two_documents_and_a_closed_slot() -> None:
    one = _docs(*[_FORMULA] * 30, _VARIANT)
    assert [] == _varied(track(one, ["regional and global issues"], match="loose"))
    two = _docs(*[_FORMULA] * 30, *[_VARIANT] * 2)
    assert 2 == len(_varied(track(two, ["regional and global issues"], match="loose")))
    # the formula's own word fills its slot less often than others do
    open_slot = _docs(*[_FORMULA] * 2, *[_VARIANT] * 3)
    assert [] == _varied(track(open_slot, ["regional and global issues"], match="loose"))


def test_a_middle_word_never_varies() -> None:
    docs = _docs(*[_FORMULA] * 12, *["They discussed regional and local issues."] * 3)
    assert [] == _varied(track(docs, ["regional and global issues"], match="loose"))


def test_a_replaced_last_word_followed_by_a_content_word_is_another_phrase() -> None:
    docs = _docs(*[_FORMULA] * 12, *["Regional and global security experts met."] * 3)
    assert [] == _varied(track(docs, ["regional and global issues"], match="loose"))


def test_a_wording_with_a_comma_inside_is_not_the_formula() -> None:
    docs = _docs(*[_FORMULA] * 12, *["Both regional and global, issues aside."] * 3)
    assert [] == _varied(track(docs, ["regional and global issues"], match="loose"))


# -- the precision traps ----------------------------------------------------------------------


def test_a_name_with_a_word_replaced_names_something_else() -> None:
    docs = _docs(
        *["The Eurasian Economic Union met."] * 12, *["The Eurasian Economic Commission met."] * 3
    )
    assert ["Eurasian Economic Union"] * 12 == [
        o.text for o in track(docs, ["Eurasian Economic Union"], match="loose")
    ]


def test_new_year_is_not_new_era_however_often() -> None:
    docs = _docs(*["A new era began."] * 12, *["A new year began."] * 6)
    assert 12 == len(track(docs, ["new era"]))


def test_a_dropped_or_replaced_negation_is_never_a_variant() -> None:
    formula = "They confirmed no forbidden areas of cooperation."
    docs = _docs(
        *[formula] * 12,
        *["They opened new areas of cooperation."] * 3,
        *["They found forbidden areas of cooperation."] * 3,
    )
    found = track(docs, ["no forbidden areas of cooperation"], match="loose")
    assert ["no forbidden areas of cooperation"] * 12 == [o.text for o in found]


def test_the_wording_of_another_phrase_is_that_phrase() -> None:
    """ "специальной военной операции" is R01, not R02 with "участники" left out."""
    whole = "участники специальной военной операции вернулись."
    docs = _docs(*[whole] * 12, *["в ходе специальной военной операции"] * 3)
    wl = Watchlist(["участники специальной военной операции", "специальная военная операция"])
    assert [] == _varied(track(docs, wl, match="loose"))


# -- every way of tracking agrees ---------------------------------------------------------------


def test_the_same_occurrences_whichever_way_the_documents_are_tracked() -> None:
    docs = _docs(
        *[_FORMULA] * 30,
        *[_VARIANT] * 3,
        *[_WHOLE] * 5,
        "Glory to the heroes of the great patriotic, who won.",
    )
    wl = Watchlist(["regional and global issues", "great patriotic war"])
    found = track(docs, wl, match="loose")
    assert 4 == len(_varied(found))
    assert found == track(iter(docs), wl, workers=2, match="loose")
    assert found == track(docs, wl, workers=2, match="loose")
    assert found == brute_force_track(docs, wl, match="loose")
    assert found == TrackIndex(docs).track(wl, match="loose")


def test_the_fictional_series_keeps_its_traps(fixtures_dir: Path) -> None:
    """The fixture readouts: nothing is accepted on evidence, "new areas of cooperation"
    stays out of "no forbidden areas of cooperation" at every level."""
    docs = list(load_corpus([fixtures_dir / "readouts"]))
    wl = Watchlist.from_file(fixtures_dir / "watchlist.toml")
    for level in ("close", "loose"):
        found = track(docs, wl, match=level)
        assert [] == _varied(found)
        p03 = [o.text.lower() for o in found if o.phrase_id == "P03"]
        assert p03 and all("forbidden" in t or "禁区" in t or "запретных" in t for t in p03)

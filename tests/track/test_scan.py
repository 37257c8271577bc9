"""Tests for the phrase index: candidates, verification, and the brute-force reference."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as hst

from statement_tracker import Watchlist
from statement_tracker._text._fold import split_terms, term_key
from statement_tracker._text._normalise import normalise_text
from statement_tracker._track._brute_force import brute_force_scan
from statement_tracker._track._forms import compile_forms, verify
from statement_tracker._track._scan import PhraseIndex, accelerated
from strategies import many_edit_inputs, track_phrases, track_texts


def _keys(text: str) -> list[str]:
    return [term_key(t) for t in split_terms(normalise_text(text))[1::2]]


SCANNERS = [
    False,
    pytest.param(
        True, marks=pytest.mark.skipif(not accelerated(), reason="pyahocorasick not installed")
    ),
]


@pytest.mark.parametrize("accelerate", SCANNERS)
@given(data=hst.data())
def test_indexed_finds_what_brute_force_finds(accelerate: bool, data: hst.DataObject) -> None:
    """On random texts the indexed matcher returns exactly the brute-force hits."""
    phrases = tuple(data.draw(hst.lists(track_phrases(), min_size=1, max_size=4)))
    text = normalise_text(data.draw(track_texts(phrases)))
    index = PhraseIndex(Watchlist(phrases), accelerate=accelerate)
    assert brute_force_scan(index.forms, text) == index.scan(text)


@pytest.mark.parametrize("accelerate", SCANNERS)
@given(data=hst.data())
def test_indexed_equals_brute_force_on_tricky_tokens(
    accelerate: bool, data: hst.DataObject
) -> None:
    """Accents, apostrophes, digits and CJK: the token boundaries agree with the reference."""
    phrases = tuple(data.draw(hst.lists(track_phrases(tricky=True), min_size=1, max_size=4)))
    text = normalise_text(data.draw(track_texts(phrases, tricky=True)))
    index = PhraseIndex(Watchlist(phrases), accelerate=accelerate)
    assert brute_force_scan(index.forms, text) == index.scan(text)


@pytest.mark.parametrize("accelerate", SCANNERS)
@given(data=hst.data(), threshold=hst.sampled_from([None, 50.0, 70.0, 85.0, 100.0]))
def test_indexed_equals_brute_force_with_thresholds(
    accelerate: bool, data: hst.DataObject, threshold: float | None
) -> None:
    """With a call threshold the indexed matcher still equals the reference."""
    phrases = tuple(data.draw(hst.lists(track_phrases(), min_size=1, max_size=3)))
    text = normalise_text(data.draw(track_texts(phrases)))
    index = PhraseIndex(Watchlist(phrases), threshold=threshold, accelerate=accelerate)
    assert brute_force_scan(index.forms, text) == index.scan(text)


def test_short_phrase_tolerates_no_substituted_word() -> None:
    """A phrase of three words or fewer allows no substituted word, at any level."""
    window = [term_key(w) for w in "Eurasian Economic Commission".split()]
    for level in ("exact", "close", "loose"):
        form = compile_forms(Watchlist(["Eurasian Economic Union"]), match=level)[0]
        assert None is verify(form, window)


def test_exact_level_allows_no_edit() -> None:
    """At the exact level a phrase matches only its own words in its own order."""
    form = compile_forms(Watchlist(["regional and global issues"]), match="exact")[0]
    window = [term_key(w) for w in "global and regional issues".split()]
    assert (0, None) == (form.max_edits, verify(form, window))


def test_negation_cannot_be_substituted() -> None:
    """Dropping or replacing a negation word rejects the window."""
    form = compile_forms(Watchlist(["no forbidden areas of cooperation"]))[0]
    assert None is verify(form, ["new", "forbidden", "area", "of", "cooperation"])


def test_negation_cannot_be_inserted() -> None:
    """Adding a negation word rejects the window."""
    form = compile_forms(Watchlist(["stability across the taiwan strait"]))[0]
    assert None is verify(form, ["stability", "not", "across", "the", "taiwan", "strait"])


def test_two_content_words_lost_is_rejected() -> None:
    """Losing two content words is not a variant even in a long phrase."""
    form = compile_forms(Watchlist(["peace and stability across the Taiwan Strait"]))[0]
    assert None is verify(form, _keys("peace and stability across the region"))


def test_call_threshold_accepts_by_score() -> None:
    """With a threshold, a window is accepted when its score reaches it."""
    form = compile_forms(Watchlist(["a new era"]), threshold=60)[0]
    assert (1, 100 * (1 - 1 / 3)) == verify(form, ["a", "new", "year"])


def test_phrase_threshold_wins_over_call_threshold() -> None:
    """A phrase's own threshold overrides the call's."""
    from statement_tracker import Phrase

    form = compile_forms(Watchlist([Phrase("P", "a new era", threshold=100)]), threshold=50)[0]
    assert 100.0 == form.threshold


def test_could_match_uses_piece_keys() -> None:
    """A document holding every key of one piece could match; one missing a key cannot."""
    index = PhraseIndex(Watchlist(["one China policy"]))
    assert (True, False) == (
        index.could_match({"one", "china", term_key("policy"), "x"}),
        index.could_match({"one", "china"}),
    )


@given(data=hst.data())
def test_one_index_across_documents_equals_brute_force(data: hst.DataObject) -> None:
    """One index reused over many documents (its caches shared) still equals the reference."""
    phrases = tuple(data.draw(hst.lists(track_phrases(), min_size=1, max_size=3)))
    texts = [normalise_text(data.draw(track_texts(phrases))) for _ in range(4)]
    index = PhraseIndex(Watchlist(phrases))
    assert [brute_force_scan(index.forms, t) for t in texts] == [index.scan(t) for t in texts]


def test_common_anchor_document_falls_back_to_sets() -> None:
    """A document dense in anchor words is scanned the set-based way, with the same hits."""
    phrases = ("new era", "no forbidden areas of cooperation")
    text = normalise_text(" ".join(["new new era areas cooperation no forbidden"] * 50))
    fast = PhraseIndex(Watchlist(phrases))
    slow = PhraseIndex(Watchlist(phrases), accelerate=False)
    assert slow.scan(text) == fast.scan(text)


def test_accented_text_gives_the_same_hits_on_both_scanners() -> None:
    """Accented Latin words match their plain spelling with either candidate generator."""
    text = normalise_text("The three joint communiqués. A new résumé, the three joint communiques.")
    phrases = ("three joint communiques", "new resume")
    fast = PhraseIndex(Watchlist(phrases))
    slow = PhraseIndex(Watchlist(phrases), accelerate=False)
    assert (3, slow.scan(text)) == (len(fast.scan(text)), fast.scan(text))


def test_apostrophes_give_the_same_hits_on_both_scanners() -> None:
    """A phrase glued to a word by an apostrophe is not a token start, on either scanner."""
    text = normalise_text("x'sco met; the 'sco' met; china's policy; the china policy; o'china")
    phrases = ("sco", "china policy", "china")
    fast = PhraseIndex(Watchlist(phrases))
    slow = PhraseIndex(Watchlist(phrases), accelerate=False)
    assert brute_force_scan(fast.forms, text) == fast.scan(text) == slow.scan(text)


def test_scan_many_on_two_workers_equals_scan() -> None:
    """scan_many keeps input order and the hits of scan, on any number of processes."""
    texts = [normalise_text(t) for t in ("A new era.", "", "new year", "new era, new era") * 40]
    index = PhraseIndex(Watchlist(["new era", "no limits"]))
    expected = [index.scan(t) for t in texts]
    assert list(index.scan_many(texts)) == expected
    assert list(index.scan_many(iter(texts), workers=2)) == expected


def test_scan_many_with_spawned_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where processes cannot fork, the texts are sent to spawned workers: same hits."""
    import multiprocessing

    from statement_tracker._track import _parallel

    monkeypatch.setattr(_parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    texts = [normalise_text(t) for t in ("A new era.", "new year", "new era, new era")]
    index = PhraseIndex(Watchlist(["new era"]))
    assert list(index.scan_many(texts, workers=2)) == [index.scan(t) for t in texts]


@settings(max_examples=300)
@given(inputs=many_edit_inputs(), threshold=hst.sampled_from([10.0, 30.0, 50.0]))
@example(
    inputs=(
        "the of partnership security security of mutual mutual the region partnership security",
        "peace cooperation region security peace cooperation region of partnership and the",
    ),
    threshold=10.0,
)
def test_indexed_equals_brute_force_with_many_edits(
    inputs: tuple[str, str], threshold: float
) -> None:
    """A long form under a low threshold (each start's windows tried once) equals the reference."""
    phrase, text = inputs
    index = PhraseIndex(Watchlist([phrase]), threshold=threshold)
    assert index.forms[0].max_edits >= 5
    norm = normalise_text(text)
    assert brute_force_scan(index.forms, norm) == index.scan(norm)

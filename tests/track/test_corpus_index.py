"""Tests for the corpus index: postings, and scans equal to the per-document scan."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as hst

from statement_tracker import Watchlist
from statement_tracker._text._normalise import normalise_text
from statement_tracker._track._brute_force import brute_force_scan
from statement_tracker._track._corpus_index import CorpusIndex, _group
from statement_tracker._track._scan import PhraseIndex
from strategies import track_phrases, track_texts


@given(data=hst.data(), tricky=hst.booleans())
def test_scan_equals_brute_force_per_text(data: hst.DataObject, tricky: bool) -> None:
    """Over several random texts, each text's hits are the brute-force reference's."""
    phrases = tuple(data.draw(hst.lists(track_phrases(tricky=tricky), min_size=1, max_size=4)))
    texts = [
        normalise_text(data.draw(track_texts(phrases, tricky=tricky)))
        for _ in range(data.draw(hst.integers(1, 4)))
    ]
    index = PhraseIndex(Watchlist(phrases))
    assert CorpusIndex(texts).scan(index) == [brute_force_scan(index.forms, t) for t in texts]


@given(data=hst.data(), threshold=hst.sampled_from([None, 50.0, 70.0, 85.0, 100.0]))
def test_scan_equals_brute_force_with_thresholds(
    data: hst.DataObject, threshold: float | None
) -> None:
    """With a call threshold the corpus index still equals the reference."""
    phrases = tuple(data.draw(hst.lists(track_phrases(), min_size=1, max_size=3)))
    texts = [normalise_text(data.draw(track_texts(phrases))) for _ in range(3)]
    index = PhraseIndex(Watchlist(phrases), threshold=threshold)
    assert CorpusIndex(texts).scan(index) == [brute_force_scan(index.forms, t) for t in texts]


def test_one_index_serves_many_watchlists() -> None:
    """The same index answers different watchlists, each as the scan does."""
    texts = [normalise_text(t) for t in ("A new era began.", "New Zealand, new year.", "")]
    corpus = CorpusIndex(texts)
    for phrases in (["new era"], ["new zealand", "new year"], ["absent phrase here"]):
        index = PhraseIndex(Watchlist(phrases))
        assert corpus.scan(index) == [index.scan(t) for t in texts]


def test_texts_it_cannot_tokenise_are_scanned() -> None:
    """CJK text and "it's5" go to the per-document scan, with the same result."""
    texts = [normalise_text(t) for t in ("中国合作没有禁区", "it's5 new era", "new era")]
    corpus = CorpusIndex(texts)
    assert corpus._scanned == [0, 1]
    index = PhraseIndex(Watchlist(["合作没有禁区", "new era"]))
    assert corpus.scan(index) == [index.scan(t) for t in texts]
    assert all(corpus.scan(index))


def test_empty_corpus() -> None:
    """No texts: nothing to find."""
    assert [] == CorpusIndex([]).scan(PhraseIndex(Watchlist(["new era"])))


def test_progress_counts_texts() -> None:
    """Progress is reported for each text, skipped ones included."""
    seen: list[tuple[int, int]] = []
    CorpusIndex(["a b", "中文", "c"], progress=lambda done, total: seen.append((done, total)))
    assert [(1, 3), (2, 3), (3, 3)] == seen


@pytest.mark.parametrize("size", [3, 70_000])
@given(data=hst.data())
def test_group_is_a_stable_argsort(size: int, data: hst.DataObject) -> None:
    """_group gives np.argsort(kind="stable"), in chunks and with ids beyond 16 bits."""
    values = np.array(data.draw(hst.lists(hst.integers(0, size - 1), max_size=50)), dtype=np.int32)
    chunk = data.draw(hst.integers(1, 8))
    expected = np.argsort(values, kind="stable").tolist()
    assert expected == _group(values, size, chunk=chunk)[0].tolist()


def test_tokens_longer_than_16_bits() -> None:
    """A token of 70,000 characters does not wrap the stored lengths."""
    texts = ["a" * 70_000 + " new era " + "b" * 10, "new era"]
    index = PhraseIndex(Watchlist(["new era", "a" * 70_000]))
    assert CorpusIndex(texts).scan(index) == [index.scan(t) for t in texts]

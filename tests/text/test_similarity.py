"""Tests for the rapidfuzz boundary in ``_similarity.py``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as hs

from statement_tracker._text import _similarity

words = hs.lists(hs.sampled_from(["no", "limits", "partner", "strategic", "a", "b"]), max_size=12)


@given(words, words)
def test_opcodes_rebuild_target(a: list[str], b: list[str]) -> None:
    """Applying the edit opcodes to ``a`` gives ``b``."""
    out: list[str] = []
    for tag, a0, a1, b0, b1 in _similarity.edit_opcodes(a, b):
        out.extend(a[a0:a1] if tag == "equal" else b[b0:b1])
    assert b == out


@given(words)
def test_token_similarity_of_identical_is_100(a: list[str]) -> None:
    """A sequence is 100 % similar to itself."""
    assert 100.0 == _similarity.token_similarity(a, a)


def test_partial_alignment_finds_span() -> None:
    """The alignment span points at the query inside the target."""
    target = "we deepen strategic cooperation now".split()
    score, start, end = _similarity.partial_alignment(["strategic", "cooperation"], target)
    assert (100.0, ["strategic", "cooperation"]) == (score, target[start:end])


@given(words, words)
def test_windowed_similarity_is_exact_on_short_input(a: list[str], b: list[str]) -> None:
    """Under the window, the windowed score is the exact token similarity."""
    assert _similarity.windowed_similarity(a, b) == _similarity.token_similarity(a, b)


@given(
    hs.lists(hs.sampled_from("abc"), min_size=1, max_size=60),
    hs.lists(hs.sampled_from("abc"), min_size=1, max_size=60),
)
def test_windowed_similarity_never_exceeds_exact(a: list[str], b: list[str]) -> None:
    """With tiny windows the score is that of one alignment: at most the exact score."""
    exact = _similarity.token_similarity(a, b)
    assert _similarity.windowed_similarity(a, b, window=3) <= exact + 1e-9


def test_windowed_similarity_is_exact_for_a_local_edit_on_long_input() -> None:
    """A word inserted into 50,000 repeated words: windows see the same score as the exact one."""
    old = ["mr"] * 50_000
    new = [*old[:25_000], "both", "sides", "agreed", *old[25_000:]]
    exact = _similarity.token_similarity(old, new)
    assert abs(_similarity.windowed_similarity(old, new) - exact) < 1e-9
    # a shift reaching across every window costs one word per window, no more
    shifted, other = ["x", "y"] * 10_000, ["y", "x"] * 10_000
    exact = _similarity.token_similarity(shifted, other)
    windowed = _similarity.windowed_similarity(shifted, other)
    assert exact - 0.1 < windowed <= exact

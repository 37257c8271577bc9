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

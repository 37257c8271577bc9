"""The diff on hostile shapes (issue 20): one "sentence" of thousands of words.

Small versions of the shapes of ``tests/_complexity.py``, long enough to take
the paths for long sentences (:data:`~statement_tracker._diff._align.LONG_WORDS`);
the checks are on the result, not on time (``-m complexity`` and
``benchmarks/bench_complexity.py --stage diff`` time it).
"""

from __future__ import annotations

import pytest

import statement_tracker as st
from _complexity import SHAPES, _edited
from statement_tracker._diff._align import LONG_WORDS, NEAREST, _scored

SIZE = 20_000
HOSTILE = ["short_lines", "mr", "wrapped_paragraph", "dots", "hyphens", "brackets"]


@pytest.mark.parametrize("shape", HOSTILE)
def test_identical_hostile_texts_are_all_kept(shape: str) -> None:
    """diff(t, t): every change kept, nothing moved, similarity 100."""
    text = SHAPES[shape](SIZE)
    d = st.diff(text, text)
    assert {c.kind for c in d.changes} == {"kept"}
    assert not any(c.moved for c in d.changes)
    assert d.summary.similarity == 100.0
    assert d.apply_to(text) == text


@pytest.mark.parametrize("shape", ["short_lines", "mr"])
def test_sentence_inserted_into_one_huge_sentence(shape: str) -> None:
    """One sentence ending inside a sentence of 10,000 words: that sentence is split in two.

    The old sentence pairs with the two new ones (a split), with one word
    edit (the inserted words) and a score that counts only those words.
    """
    old = SHAPES[shape](SIZE)
    new = _edited(old)
    d = st.diff(old, new)
    assert d.apply_to(old) == new
    assert [(c.kind, c.method) for c in d.changes] == [("reworded", "split")]
    (change,) = d.changes
    assert [(e.op, e.new.text) for e in change.edits] == [("insert", "Both sides agreed")]
    assert len(old.split()) > LONG_WORDS
    assert 99.9 < change.score < 100.0


def test_long_sentence_is_scored_against_few_partners() -> None:
    """A long sentence is scored only against sentences whose length allows the cutoff."""
    long = "a" * (LONG_WORDS + 1)
    found = _scored([long, "ab"], [long + "b", "b" * 10, "ab"], cutoff=55.0)
    assert (0, 0) in {(i, j) for i, j, _ in found}
    assert (1, 2) in {(i, j) for i, j, _ in found}
    assert all(not (i == 0 and j == 1) for i, j, _ in found)


def test_repeated_reworded_sentences_pair_in_order() -> None:
    """Hundreds of copies of one sentence, each reworded: each pairs with its own copy.

    The copies form one group on each side, scored once; each copy is offered
    only the nearest copies of the other group (more than ``NEAREST`` of them).
    """
    n = 3 * NEAREST + 5
    old = "We agree on trade and security. " * n
    new = "We agree on trade and security now. " * n
    d = st.diff(old, new)
    assert d.apply_to(old) == new
    assert [c.kind for c in d.changes] == ["reworded"] * n
    assert not any(c.moved for c in d.changes)
    assert [c.old.start for c in d.changes if c.old] == [32 * k for k in range(n)]
    assert [c.new.start for c in d.changes if c.new] == [36 * k for k in range(n)]

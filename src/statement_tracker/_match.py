"""The rapidfuzz boundary: every fuzzy score and alignment goes through here.

rapidfuzz is imported in this module only, and nothing of its types leaks out:
functions return plain tuples and floats.  Scores are 0–100.

>>> token_similarity("no limits at all".split(), "no limit at all".split())
75.0
>>> partial_alignment("strategic cooperation".split(), "deepen strategic cooperation now".split())
(100.0, 1, 3)
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

__all__ = ["edit_opcodes", "partial_alignment", "similarity", "token_similarity"]


def similarity(a: str, b: str) -> float:
    """Character-level Indel similarity of two strings, 0–100.

    >>> similarity("partner", "partners") > 90
    True
    """
    return float(fuzz.ratio(a, b))


def token_similarity(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Indel similarity of two token sequences, 0–100 (an inserted word costs one, not its length).

    >>> token_similarity(["a", "b", "c"], ["a", "b", "c"])
    100.0
    """
    return float(Indel.normalized_similarity(a, b) * 100.0)


def partial_alignment(
    query: Sequence[Hashable], target: Sequence[Hashable]
) -> tuple[float, int, int]:
    """Best alignment of ``query`` inside ``target``: ``(score, target_start, target_end)``.

    Works on strings (characters) and on token lists (words).

    >>> partial_alignment("abc", "xxabcxx")
    (100.0, 2, 5)
    """
    al = fuzz.partial_ratio_alignment(query, target)
    return float(al.score), int(al.dest_start), int(al.dest_end)


def edit_opcodes(
    a: Sequence[Hashable], b: Sequence[Hashable]
) -> list[tuple[str, int, int, int, int]]:
    """Levenshtein opcodes turning ``a`` into ``b``, as difflib-style 5-tuples.

    >>> edit_opcodes("ab", "ac")
    [('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2)]
    """
    return [
        (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Levenshtein.opcodes(a, b)
    ]

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

__all__ = [
    "edit_opcodes",
    "lost_positions",
    "partial_alignment",
    "sequence_opcodes",
    "similar_pairs",
    "similarity",
    "token_distance",
    "token_similarity",
    "windowed_similarity",
]

#: Above this many cells (length times length), :func:`windowed_similarity` stops being exact.
WINDOW = 2_000


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


def windowed_similarity(
    a: Sequence[Hashable], b: Sequence[Hashable], *, window: int = WINDOW
) -> float:
    """Indel similarity (0–100) in time linear in the lengths, exact up to ``window`` squared cells.

    Equal to :func:`token_similarity` (and, on strings, :func:`similarity`) when
    ``len(a) * len(b) <= window ** 2``.  Beyond, the common prefix and suffix
    are matched exactly and the rest of each side is cut into the same number
    of windows of at most ``window`` items, matched window to window: the score
    of one valid alignment, so never above the exact one, and equal to it when
    the differences do not reach across windows (a huge "sentence" of hostile
    input costs ``O(n * window)``, not ``O(n**2)``).

    >>> windowed_similarity("ab" * 3000, "ab" * 1500 + "x" + "ab" * 1500)
    99.9...
    >>> windowed_similarity("abc", "abd") == similarity("abc", "abd")
    True
    """
    la, lb = len(a), len(b)
    if la * lb <= window * window:
        return float(Indel.normalized_similarity(a, b) * 100.0)
    pre = 0
    while pre < min(la, lb) and a[pre] == b[pre]:
        pre += 1
    suf = 0
    while suf < min(la, lb) - pre and a[la - 1 - suf] == b[lb - 1 - suf]:
        suf += 1
    ma, mb = a[pre : la - suf], b[pre : lb - suf]
    k = max(1, -(-max(len(ma), len(mb)) // window))
    common = pre + suf
    for t in range(k):
        wa = ma[t * len(ma) // k : (t + 1) * len(ma) // k]
        wb = mb[t * len(mb) // k : (t + 1) * len(mb) // k]
        common += (len(wa) + len(wb) - int(Indel.distance(wa, wb))) // 2
    return 200.0 * common / (la + lb)


def partial_alignment(
    query: Sequence[Hashable], target: Sequence[Hashable]
) -> tuple[float, int, int]:
    """Best alignment of ``query`` inside ``target``: ``(score, target_start, target_end)``.

    Works on strings (characters) and on token lists (words).

    >>> partial_alignment("abc", "xxabcxx")
    (100.0, 2, 5)
    """
    al = fuzz.partial_ratio_alignment(query, target)
    if al is None:  # only with a score_cutoff, which we never pass; keep mypy honest
        return 0.0, 0, 0
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


def sequence_opcodes(
    a: Sequence[Hashable], b: Sequence[Hashable]
) -> list[tuple[str, int, int, int, int]]:
    """Indel (longest common subsequence) opcodes turning ``a`` into ``b``: no ``replace``.

    Used by the diff to anchor sentences that are equal in both documents.

    >>> sequence_opcodes(["a", "b", "c"], ["a", "c", "d"])
    [('equal', 0, 1, 0, 1), ('delete', 1, 2, 1, 1), ('equal', 2, 3, 1, 2), ('insert', 3, 3, 2, 3)]
    """
    return [
        (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Indel.opcodes(a, b)
    ]


def similar_pairs(
    a: Sequence[str], b: Sequence[str], *, cutoff: float, chunk: int = 512
) -> list[tuple[int, int, float]]:
    """Every pair ``(i, j, score)`` with Indel similarity of ``a[i]`` and ``b[j]`` >= ``cutoff``.

    Scores are 0–100, compared character by character; pass strings whose
    characters stand for tokens to compare token sequences.  The matrix is
    computed in chunks of rows so memory stays small.

    >>> similar_pairs(["abcd", "xyz"], ["abce", "xyw", "q"], cutoff=60)
    [(0, 0, 75.0), (1, 1, 66.66...)]
    """
    from rapidfuzz import process

    out: list[tuple[int, int, float]] = []
    if not a or not b:
        return out
    # a small margin: cdist can drop a boundary score that the scalar scorer keeps
    floor = max(0.0, cutoff - 0.5)
    for lo in range(0, len(a), chunk):
        rows = a[lo : lo + chunk]
        workers = -1 if len(rows) * len(b) > 1_000_000 else 1
        matrix = process.cdist(
            rows, b, scorer=fuzz.ratio, score_cutoff=floor, workers=workers
        )
        for i, j in zip(*matrix.nonzero(), strict=True):
            score = float(fuzz.ratio(rows[i], b[j]))
            if score >= cutoff:
                out.append((lo + int(i), int(j), score))
    return out


def token_distance(a: Sequence[Hashable], b: Sequence[Hashable], cutoff: int) -> int:
    """Levenshtein distance of two token sequences, or ``cutoff + 1`` when it exceeds ``cutoff``.

    A word inserted, deleted or substituted costs one.

    >>> token_distance(["a", "b", "c"], ["a", "x", "c"], 2), token_distance("abc", "xyz", 1)
    (1, 2)
    """
    return int(Levenshtein.distance(a, b, score_cutoff=cutoff))


def lost_positions(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[int]:
    """Positions of ``a`` left out of a longest common subsequence with ``b``.

    >>> lost_positions(["no", "forbidden", "areas"], ["new", "areas"])
    [0, 1]
    """
    return [op.src_pos for op in Indel.editops(a, b) if op.tag == "delete"]

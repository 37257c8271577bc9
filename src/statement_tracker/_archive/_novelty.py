"""Is this sentence new to the archive?  Candidate retrieval on the persisted index.

For a sentence of ``n`` tokens and a token-similarity cutoff ``t`` (Indel,
0–1), any archived sentence scoring ``>= t`` shares a common subsequence of at
least ``t·n / (2 − t)`` tokens with it.  So it must contain at least ``need``
of the sentence's distinct tokens, and therefore at least one of any
``distinct − need + 1`` of them (prefix filtering).  We fetch the postings of
that many of the *rarest* tokens only, map each hit to the stored sentence it
falls in, and verify those candidates with the exact token similarity.  The
answer is the same as comparing the sentence with every archived sentence,
which the tests check against a brute-force scan.

>>> min_shared(20, 85.0)
15
>>> prefix_size(n_tokens=20, n_distinct=18, cutoff=85.0)
6
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence

__all__ = ["find_similar", "min_shared", "prefix_size"]


def min_shared(n_tokens: int, cutoff: float) -> int:
    """Fewest tokens in common (a common subsequence) for a score of ``cutoff`` or more.

    >>> min_shared(4, 100.0)
    4
    """
    t = cutoff / 100.0
    if t >= 2.0:  # pragma: no cover - cutoffs are 0-100
        return n_tokens
    return max(1, math.ceil(t * n_tokens / (2.0 - t) - 1e-9))


def prefix_size(*, n_tokens: int, n_distinct: int, cutoff: float) -> int:
    """How many of the rarest distinct tokens to look up so that no match is missed.

    >>> prefix_size(n_tokens=3, n_distinct=3, cutoff=100.0)
    1
    """
    need_distinct = max(1, min_shared(n_tokens, cutoff) - (n_tokens - n_distinct))
    return max(1, n_distinct - need_distinct + 1)


#: ``lookup(term) -> {doc: positions}`` over the archive (restricted as the caller wishes).
Lookup = Callable[[str], dict[int, Sequence[int]]]
#: ``sentences(doc) -> (token_starts, [(start, end), ...])`` for one archived document.
SentenceMap = Callable[[int], tuple[Sequence[int], list[tuple[int, int]]]]
#: ``score(doc, start, end) -> similarity`` of one archived sentence to the query.
Scorer = Callable[[int, int, int], float]


def find_similar(
    tokens: Sequence[str],
    df: dict[str, int],
    lookup: Lookup,
    sentences: SentenceMap,
    score: Scorer,
    *,
    cutoff: float,
) -> list[tuple[int, int, int, float]]:
    """Every archived sentence scoring ``>= cutoff`` against ``tokens``.

    Args:
        tokens: The query sentence's word tokens.
        df: Document frequency of each token in the archive (0 or absent: unseen).
        lookup: Postings of a term.
        sentences: Token starts and sentence spans of an archived document.
        score: Exact similarity of an archived sentence to the query.
        cutoff: The similarity a match needs, 0–100.

    Returns:
        ``(doc, start, end, score)`` of each match.

    >>> post = {"a": {1: [0]}, "b": {1: [1]}}
    >>> find_similar(["a", "b"], {"a": 1, "b": 1}, post.__getitem__,
    ...              lambda d: ([0, 2], [(0, 3)]), lambda d, s, e: 100.0, cutoff=90)
    [(1, 0, 3, 100.0)]
    """
    distinct = list(dict.fromkeys(tokens))
    if not distinct:
        return []
    k = prefix_size(n_tokens=len(tokens), n_distinct=len(distinct), cutoff=cutoff)
    known = sorted((t for t in distinct if df.get(t, 0) > 0), key=lambda t: (df[t], t))
    unknown = len(distinct) - len(known)
    # tokens the archive has never seen cannot be shared: they use up the prefix for free
    probe = known[: max(0, k - unknown)]
    if not probe:
        return []
    candidates: set[tuple[int, int, int]] = set()
    for term in probe:
        for doc, positions in lookup(term).items():
            starts, spans = sentences(doc)
            span_starts = [s for s, _ in spans]
            for p in positions:
                if p >= len(starts):
                    continue
                off = starts[p]
                i = bisect.bisect_right(span_starts, off) - 1
                if i >= 0 and off < spans[i][1]:
                    candidates.add((doc, spans[i][0], spans[i][1]))
    out: list[tuple[int, int, int, float]] = []
    for doc, s, e in sorted(candidates):
        value = score(doc, s, e)
        if value >= cutoff:
            out.append((doc, s, e, value))
    return out

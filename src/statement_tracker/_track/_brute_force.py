"""The reference scan: every window of a document tried against every form.

Slow and plain on purpose: the fast scanners (:mod:`._scan`,
:mod:`._scan_candidates`) must give exactly its hits (tested with Hypothesis),
and :func:`~statement_tracker._track._track.brute_force_track` uses it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .._text import split_terms, term_key
from ._forms import Form, Hit, select_hits, verify
from ._language import in_language

__all__ = ["brute_force_scan", "token_spans"]


def token_spans(norm_text: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens of normalised text with their start and end offsets.

    >>> token_spans("a, bc")
    (['a', 'bc'], [0, 3], [1, 5])
    """
    parts = split_terms(norm_text)
    cum = list(itertools.accumulate(map(len, parts)))
    return parts[1::2], cum[0::2][: len(parts) // 2], cum[1::2]


def brute_force_scan(
    forms: Sequence[Form], norm_text: str, *, language: str | None = None
) -> list[Hit]:
    """The reference matcher: verify every window of every length for every form (slow).

    ``language`` as for :meth:`~._scan.PhraseIndex.scan`.

    >>> from statement_tracker import Watchlist
    >>> from statement_tracker._track._forms import compile_forms
    >>> fs = compile_forms(Watchlist(["new era"]))
    >>> brute_force_scan(fs, "a new era")
    [Hit(form=0, start=2, end=9, edits=0, score=100.0)]
    """
    tokens, starts, ends = token_spans(norm_text)
    keys = [term_key(t) for t in tokens]
    hits: list[Hit] = []
    size = len(keys)
    for form in forms:
        n, k = len(form.keys), form.max_edits
        for s in range(size):
            for e in range(s + max(1, n - k), min(size, s + n + k) + 1):
                res = verify(form, keys[s:e])
                if res is not None:
                    hits.append(Hit(form.index, starts[s], ends[e - 1], res[0], res[1]))
    return select_hits(in_language(hits, forms, language), forms)

"""Choosing among verified hits: one per place and phrase, and one per family."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._forms import Form, Hit, compile_forms
from ._taken import Taken
from ._watchlist import Watchlist

__all__ = ["select_hits"]

_DOCTEST = (compile_forms, Watchlist)  # names the examples below use


def select_hits(hits: Iterable[Hit], forms: Sequence[Form]) -> list[Hit]:
    """Keep non-overlapping hits per phrase: best score first, then earliest, then longest.

    Phrases of one family are then alternatives: where their hits overlap, the best
    (highest score, then longest, then earliest) is kept.  Pending hits (a negative
    score, see :mod:`._evidence`) are kept where no other hit of their phrase is, all
    of them: the evidence stage chooses among those that overlap.

    >>> fs = compile_forms(Watchlist(["a b c d e"]))
    >>> [h.start for h in select_hits([Hit(0, 0, 5, 0, 100.0), Hit(0, 1, 5, 1, 80.0)], fs)]
    [0]
    """
    by_phrase: dict[int, list[Hit]] = {}
    for h in hits:
        by_phrase.setdefault(forms[h.form].phrase, []).append(h)
    out: list[Hit] = []
    for _, group in sorted(by_phrase.items()):
        group.sort(key=lambda h: (-h.score, h.start, -h.end, h.form))
        taken = Taken()
        for h in group:
            if taken.free(h.start, h.end):
                if h.score >= 0:
                    taken.add(h.start, h.end)
                out.append(h)
    if any(f.family for f in forms):
        out = _by_family(out, forms)
    out.sort(key=lambda h: (h.start, forms[h.form].phrase, h.end))
    return out


def _by_family(hits: list[Hit], forms: Sequence[Form]) -> list[Hit]:
    """Drop a family member's hit that overlaps a better one of the same family."""
    kept: list[Hit] = []
    taken: dict[str, Taken] = {}
    ranked = sorted(hits, key=lambda h: (-h.score, h.start - h.end, h.start, h.form))
    for h in ranked:
        family = forms[h.form].family
        if family is None:
            kept.append(h)
            continue
        spans = taken.setdefault(family, Taken())
        if spans.free(h.start, h.end):
            spans.add(h.start, h.end)
            kept.append(h)
    return kept

"""Watchlist formulas in a diff: which appear, disappear or change wording.

>>> from statement_tracker import Document, Watchlist
>>> old = Document.from_text("They stressed peace and stability across the Taiwan Strait.")
>>> new = Document.from_text("They stressed peace and stability in the Taiwan Strait. A new era.")
>>> wl = Watchlist(["peace and stability across the Taiwan Strait", "new era", "no limits"])
>>> [(f.phrase, f.status) for f in formula_changes(old, new, wl)]
[('peace and stability across the Taiwan Strait', 'reworded'), ('new era', 'appeared')]
"""

from __future__ import annotations

from collections import Counter

from .._text import Document
from .._track import Occurrence, Watchlist, track
from ._records import FormulaChange, Span

__all__ = ["formula_changes"]


def formula_changes(
    old: Document, new: Document, watchlist: Watchlist
) -> tuple[FormulaChange, ...]:
    """Compare where each watchlist phrase occurs in ``old`` and in ``new``.

    A phrase found only in the new text ``appeared``, only in the old one
    ``disappeared``; found in both but not with the same normalised wordings
    (a variant matched fuzzily, an alias instead of the main form) it was
    ``reworded``.  Phrases found the same way in both are left out.

    >>> wl = Watchlist(["no limits"])
    >>> formula_changes(Document.from_text("No limits."), Document.from_text("None."), wl)[0].status
    'disappeared'
    """
    before = _by_phrase(track([old], watchlist))
    after = _by_phrase(track([new], watchlist))
    out: list[FormulaChange] = []
    for phrase in watchlist:
        a, b = before.get(phrase.id, []), after.get(phrase.id, [])
        if a and not b:
            status = "disappeared"
        elif b and not a:
            status = "appeared"
        elif a and Counter(o.norm_text for o in a) != Counter(o.norm_text for o in b):
            status = "reworded"
        else:
            continue
        out.append(
            FormulaChange(
                phrase_id=phrase.id,
                phrase=phrase.text,
                status=status,
                old=tuple(Span(o.start, o.end, o.text) for o in a),
                new=tuple(Span(o.start, o.end, o.text) for o in b),
            )
        )
    return tuple(out)


def _by_phrase(occurrences: list[Occurrence]) -> dict[str, list[Occurrence]]:
    out: dict[str, list[Occurrence]] = {}
    for o in occurrences:
        out.setdefault(o.phrase_id, []).append(o)
    return out

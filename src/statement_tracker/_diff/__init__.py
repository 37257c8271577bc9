"""Diff: two readouts compared sentence by sentence, and the records of a diff.

Owns sentence alignment (``_align``), the diff itself (``_diff``), its records
(``_records``) and the watchlist formulas that change between two readouts
(``_watch``).

May import: :mod:`statement_tracker._text`, :mod:`statement_tracker._track` (for
the watchlist formulas) and :mod:`statement_tracker._errors`.
"""

from ._diff import diff
from ._records import CHANGE_KINDS, Change, Diff, DiffSummary, Edit, FormulaChange, Span, WordEdit

__all__ = [
    "CHANGE_KINDS",
    "Change",
    "Diff",
    "DiffSummary",
    "Edit",
    "FormulaChange",
    "Span",
    "WordEdit",
    "diff",
]

"""Discover: the formulas that recur across a series, found without a watchlist.

Owns n-gram counting (``_count``), documents read in parts that merge exactly
(``_corpus``), boilerplate filtering and variant merging (``_filters``),
:func:`discover` with its records (``_discover``) and the list it returns
(``_display``).

May import: :mod:`statement_tracker._text`, :mod:`statement_tracker._track` (to
turn formulas into a watchlist) and :mod:`statement_tracker._errors`.
"""

from ._corpus import DiscoveryCorpus
from ._discover import Formula, FormulaVariant, discover, formulas_to_watchlist
from ._display import Formulas

__all__ = [
    "DiscoveryCorpus",
    "Formula",
    "FormulaVariant",
    "Formulas",
    "discover",
    "formulas_to_watchlist",
]

"""Sources: which document of a corpus a quotation comes from.

Owns quote sourcing (``_find``) and the verification of a quotation's pieces
against one document (``_verify``).

May import: :mod:`statement_tracker._text` and :mod:`statement_tracker._errors`.
"""

from ._find import QuoteSource, SourceIndex, SourceMatch, find_sources, source_quote

__all__ = [
    "QuoteSource",
    "SourceIndex",
    "SourceMatch",
    "find_sources",
    "source_quote",
]

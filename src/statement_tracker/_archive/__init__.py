"""Archive: a growing, versioned collection of readouts in one SQLite file.

Owns the file format (``_schema``), the SQLite boundary (``_store``, the only
module that imports sqlite3) and its queries (``_tables``), the persisted word
index (``_postings``) and the questions asked of it (``_retrieve``,
``_novelty``), adding documents (``_add``), the archive's records
(``_records``), :class:`ArchiveCore` (``_core``: documents, versions, the
index, tracking) and :class:`Archive` with its comparison of a new readout
(``_archive``, ``_compare``).

May import: :mod:`statement_tracker._text`, :mod:`~statement_tracker._ingest`,
:mod:`~statement_tracker._track`, :mod:`~statement_tracker._diff`,
:mod:`~statement_tracker._sources`, :mod:`~statement_tracker._discover` and
:mod:`statement_tracker._errors`.
"""

import typing as _typing

from .._text import lazy_names as _lazy_names

if _typing.TYPE_CHECKING:
    from ._add import iter_inputs
    from ._archive import Archive
    from ._compare import (
        Appearance,
        Comparison,
        FormulaStatus,
        SentenceStatus,
        render_comparison_text,
    )
    from ._core import DEFAULT_ARCHIVE, ArchiveCore
    from ._records import AddResult, ArchivedDocument

# Each name and its module, loaded on first use (PEP 562): listing or showing the
# documents of an archive does not load the comparison (diffs, tracking, numpy).
_MODULES: dict[str, tuple[str, ...]] = {
    "_add": ("iter_inputs",),
    "_archive": ("Archive",),
    "_compare": (
        "Appearance", "Comparison", "FormulaStatus", "SentenceStatus", "render_comparison_text",
    ),
    "_core": ("DEFAULT_ARCHIVE", "ArchiveCore"),
    "_records": ("AddResult", "ArchivedDocument"),
}  # fmt: skip
__getattr__, __dir__ = _lazy_names(__name__, _MODULES, globals())


__all__ = [
    "DEFAULT_ARCHIVE",
    "AddResult",
    "Appearance",
    "Archive",
    "ArchiveCore",
    "ArchivedDocument",
    "Comparison",
    "FormulaStatus",
    "SentenceStatus",
    "iter_inputs",
    "render_comparison_text",
]

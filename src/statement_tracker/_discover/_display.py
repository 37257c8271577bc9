"""What :func:`discover` returns: a list of formulas that shows itself as a table.

:class:`Formulas` is a plain ``list`` subclass (``==`` with a list, pickling
and JSON work as before) with a short ``repr``, a ranked table for ``str`` and
Jupyter, and :meth:`Formulas.to_dataframe`.  The formulas are read by their
attributes (``_discover`` imports this module).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, SupportsIndex, TypeVar, overload

from .._text import data_frame, html_block, html_table, iso, plural, text_table

__all__ = ["FORMULA_COLUMNS", "Formulas"]

#: The columns of :meth:`Formulas.to_dataframe`, in order.
FORMULA_COLUMNS: tuple[str, ...] = (
    "rank",
    "text",
    "norm",
    "documents",
    "first_date",
    "last_date",
    "days",
    "score",
    "variants",
    "variant_texts",
    "doc_ids",
)

_ROWS = 30
_COLUMNS = ("rank", "formula", "documents", "first", "last", "score", "other wordings")

_F = TypeVar("_F")


def _others(f: Any) -> str:
    others = [v.text for v in f.variants if v.text != f.text]
    shown = "; ".join(others[:3])
    return shown + (f" (+{len(others) - 3} more)" if len(others) > 3 else "")


class Formulas(list[_F], Generic[_F]):
    """A list of :class:`Formula` (what :func:`discover` returns), best ranked first.

    It is a ``list`` (equal to a plain list of the same formulas; slicing gives
    :class:`Formulas` again).  ``repr()`` is one line, ``str()`` and Jupyter
    show the first 30 as a ranked table (what is left out said under it),
    :meth:`to_dataframe` gives every formula.

    >>> from statement_tracker import Document, discover
    >>> docs = [Document.from_text(f"On day {i} we reaffirmed the one China policy.",
    ...                            date=f"2024-01-0{i + 1}") for i in range(4)]
    >>> found = discover(docs)
    >>> found
    <Formulas: 1 formula, in 4 to 4 documents>
    >>> print(found)
    1 formula, in 4 to 4 documents
    rank  formula           documents  first       last        score  other wordings
    ----  ----------------  ---------  ----------  ----------  -----  --------------
    1     one China policy  4          2024-01-01  2024-01-04  4.0
    """

    def __init__(self, items: Iterable[_F] = ()) -> None:
        super().__init__(items)

    @overload
    def __getitem__(self, i: SupportsIndex) -> _F: ...
    @overload
    def __getitem__(self, i: slice) -> Formulas[_F]: ...
    def __getitem__(self, i: SupportsIndex | slice) -> _F | Formulas[_F]:
        if isinstance(i, slice):
            return Formulas(super().__getitem__(i))
        return super().__getitem__(i)

    def _summary(self) -> str:
        fs: list[Any] = list(self)
        if not fs:
            return "no formula found"
        docs = [f.documents for f in fs]
        return f"{plural(len(fs), 'formula')}, in {min(docs):,} to {max(docs):,} documents"

    def _rows(self) -> list[list[object]]:
        fs: list[Any] = list.__getitem__(self, slice(0, _ROWS))
        return [
            [
                i,
                f.text,
                f.documents,
                iso(f.first_date, "undated"),
                iso(f.last_date),
                f.score,
                _others(f),
            ]
            for i, f in enumerate(fs, start=1)
        ]

    def __repr__(self) -> str:
        return f"<Formulas: {self._summary()}>"

    def __str__(self) -> str:
        table = text_table(_COLUMNS, self._rows(), total=len(self), noun="formula")
        return f"{self._summary()}\n{table}"

    def _repr_html_(self) -> str:
        """The ranked table as HTML for Jupyter (30 formulas at most, the rest counted).

        >>> Formulas()._repr_html_().split("</style>")[1][:40]
        '<p><b>Discovered formulas: no formula fo'
        """
        table = html_table(_COLUMNS, self._rows(), total=len(self), noun="formula")
        return html_block(f"Discovered formulas: {self._summary()}", table)

    def to_dataframe(self) -> Any:
        """A :class:`pandas.DataFrame`, one row per formula, best first (needs ``pandas``).

        =================  ============================================================
        column             meaning
        =================  ============================================================
        ``rank``           1 for the best ranked
        ``text``           the canonical wording, as written
        ``norm``           its normalised tokens
        ``documents``      documents containing some wording of it
        ``first_date``     the earliest of their dates (``datetime64``)
        ``last_date``      the latest
        ``days``           days between them (0 when undated)
        ``score``          the ranking score, ``documents × sqrt(1 + years covered)``
        ``variants``       how many wordings were merged into it
        ``variant_texts``  those wordings, most used first (a list)
        ``doc_ids``        the documents' ids, in date order (a list)
        =================  ============================================================

        Raises:
            MissingDependencyError: pandas is not installed.

        >>> from statement_tracker import Document, discover
        >>> docs = [Document.from_text(f"Day {i}: the one China policy.") for i in range(3)]
        >>> discover(docs).to_dataframe()[["rank", "text", "documents", "variants"]]
           rank              text  documents  variants
        0     1  one China policy          3         1
        """
        fs: list[Any] = list(self)
        rows = [
            {
                "rank": i,
                "text": f.text,
                "norm": f.norm,
                "documents": f.documents,
                "first_date": f.first_date,
                "last_date": f.last_date,
                "days": f.days,
                "score": f.score,
                "variants": len(f.variants),
                "variant_texts": [v.text for v in f.variants],
                "doc_ids": list(f.doc_ids),
            }
            for i, f in enumerate(fs, start=1)
        ]
        return data_frame(
            rows,
            FORMULA_COLUMNS,
            dates=["first_date", "last_date"],
            what="Formulas.to_dataframe()",
        )

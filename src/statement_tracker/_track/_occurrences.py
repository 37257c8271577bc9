"""What :func:`track` returns: a list of occurrences that remembers its watchlist and shows itself.

:class:`Occurrences` is a plain ``list`` subclass, so everything that worked on
the list still does (``==`` with a list, ``json.dumps``, ``pickle``, ``+``,
sorting); it adds the watchlist that was tracked (so that :func:`timeline`
keeps its order and lists the formulas never seen), a short ``repr``, a table
for ``str`` and Jupyter, and :meth:`Occurrences.to_dataframe`.

This module types the occurrences structurally (:class:`OccurrenceLike`) so
that ``_track`` (which defines :class:`Occurrence`) can import it without a cycle.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any, Generic, Protocol, SupportsIndex, TypeVar, overload

from .._text import data_frame, html_block, html_table, iso, plural, text_table
from ._watchlist import Watchlist

__all__ = ["OCCURRENCE_COLUMNS", "OccurrenceLike", "Occurrences"]

#: The columns of :meth:`Occurrences.to_dataframe`, in order (the fields of ``Occurrence``).
OCCURRENCE_COLUMNS: tuple[str, ...] = (
    "phrase_id",
    "phrase",
    "form",
    "doc_id",
    "source",
    "date",
    "score",
    "start",
    "end",
    "text",
    "method",
    "edits",
    "threshold",
    "norm_phrase",
    "norm_text",
    "norm_start",
    "norm_end",
    "differs",
    "language",
)

_SHOWN = ("phrase_id", "date", "source", "method", "score", "text")
_LIMIT = 20


class OccurrenceLike(Protocol):
    """What the display needs of an occurrence (:class:`~._track.Occurrence` has it)."""

    @property
    def phrase_id(self) -> str: ...
    @property
    def doc_id(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def date(self) -> _dt.date | None: ...
    @property
    def score(self) -> float: ...
    @property
    def method(self) -> str: ...
    @property
    def text(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...


_O = TypeVar("_O", bound=OccurrenceLike)


class Occurrences(list[_O], Generic[_O]):
    """A list of :class:`Occurrence` (what :func:`track` returns) that shows itself as a table.

    It is a ``list``: it compares equal to a plain list of the same occurrences,
    pickles and serialises as one, and slicing it gives :class:`Occurrences`
    again.  ``watchlist`` is the watchlist that was tracked (``None`` when built
    by hand): :func:`timeline` takes the formulas and their order from it.
    Equality compares the occurrences only, and what builds a new list (``+``,
    ``copy()``, ``sorted``) gives a plain list: wrap it again with
    ``Occurrences(items, watchlist=...)`` to keep the watchlist.

    ``repr()`` is one line; ``str()`` a table of the first 20 occurrences
    (phrase id, date, source, method, score, text), what is left out said under
    it; in Jupyter the same as HTML.  :meth:`to_dataframe` gives every field.

    Attributes:
        watchlist: The tracked watchlist, or ``None``.

    >>> from statement_tracker import Document, track
    >>> occ = track([Document.from_text("A new era.", source="a.txt", date="2024-01-02")],
    ...             ["new era", "old times"])
    >>> occ
    <Occurrences: 1 occurrence of 1 formula (of 2 tracked) in 1 document>
    >>> occ == list(occ), [p.text for p in occ.watchlist]
    (True, ['new era', 'old times'])
    >>> print(occ)
    1 occurrence of 1 formula (of 2 tracked) in 1 document
    phrase_id  date        source  method  score  text
    ---------  ----------  ------  ------  -----  -------
    P01        2024-01-02  a.txt   exact   100.0  new era
    """

    watchlist: Watchlist | None

    def __init__(self, items: Iterable[_O] = (), *, watchlist: Watchlist | None = None) -> None:
        super().__init__(items)
        self.watchlist = watchlist

    @overload
    def __getitem__(self, i: SupportsIndex) -> _O: ...
    @overload
    def __getitem__(self, i: slice) -> Occurrences[_O]: ...
    def __getitem__(self, i: SupportsIndex | slice) -> _O | Occurrences[_O]:
        if isinstance(i, slice):
            return Occurrences(super().__getitem__(i), watchlist=self.watchlist)
        return super().__getitem__(i)

    def _summary(self) -> str:
        phrases = len({o.phrase_id for o in self})
        docs = len({o.doc_id for o in self})
        tracked = ""
        if self.watchlist is not None and len(self.watchlist) != phrases:
            tracked = f" (of {len(self.watchlist):,} tracked)"
        return (
            f"{plural(len(self), 'occurrence')} of {plural(phrases, 'formula')}{tracked} "
            f"in {plural(docs, 'document')}"
        )

    def _rows(self) -> list[list[object]]:
        return [
            [o.phrase_id, iso(o.date, "undated"), o.source, o.method, o.score, o.text]
            for o in list.__getitem__(self, slice(0, _LIMIT))
        ]

    def __repr__(self) -> str:
        return f"<Occurrences: {self._summary()}>"

    def __str__(self) -> str:
        table = text_table(_SHOWN, self._rows(), total=len(self), noun="occurrence", paths=[2])
        return f"{self._summary()}\n{table}"

    def _repr_html_(self) -> str:
        """The table as HTML for Jupyter: escaped, at most 20 rows, the rest counted.

        >>> Occurrences()._repr_html_().count("<tr>")
        1
        """
        table = html_table(_SHOWN, self._rows(), total=len(self), noun="occurrence")
        return html_block(f"Occurrences: {self._summary()}", table)

    def to_dataframe(self) -> Any:
        """A :class:`pandas.DataFrame`, one row per occurrence (needs the ``pandas`` extra).

        ===============  =============================================================
        column           meaning
        ===============  =============================================================
        ``phrase_id``    the formula's id in the watchlist
        ``phrase``       the formula's text
        ``form``         the wording that matched (the text, an alias or a translation)
        ``doc_id``       the document's id
        ``source``       the document's source (path or ``path#id``)
        ``date``         the document's date (``datetime64``; ``NaT`` when undated)
        ``score``        0–100 (see :class:`Occurrence`)
        ``start``        start offset in the document's original text
        ``end``          end offset (exclusive): ``doc.text[start:end] == text``
        ``text``         the matched original text
        ``method``       ``exact``, ``folded``, a close variant's kind, or ``fuzzy``
        ``edits``        word edits between the form and the matched words
        ``threshold``    the threshold in force (``None``: the default rule)
        ``norm_phrase``  the normalised form compared
        ``norm_text``    the normalised matched text
        ``norm_start``   start offset in the normalised text
        ``norm_end``     end offset in the normalised text
        ``differs``      the words that differ, as term keys (a list)
        ``language``     the document's language, or ``None``
        ===============  =============================================================

        Raises:
            MissingDependencyError: pandas is not installed.

        >>> from statement_tracker import Document, track
        >>> docs = [Document.from_text("A new era. New era!", date="2024-01-02")]
        >>> df = track(docs, ["new era"]).to_dataframe()
        >>> df[["phrase_id", "date", "start", "end", "text"]]
          phrase_id       date  start  end     text
        0       P01 2024-01-02      2    9  new era
        1       P01 2024-01-02     11   18  New era
        """
        rows = []
        for o in self:
            row = o.to_dict()
            row.update(date=o.date, score=o.score)  # unrounded, and a date for pandas
            rows.append(row)
        return data_frame(
            rows, OCCURRENCE_COLUMNS, dates=["date"], what="Occurrences.to_dataframe()"
        )

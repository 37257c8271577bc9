"""How a :class:`~._compare.Comparison` shows itself: ``repr``, ``str``, Jupyter and pandas.

A header names the new readout (id, title, date, source) and what it was
compared with; a table gives the watchlist formulas (present or absent, in how
many earlier readouts); a second the new sentences.  ``to_dataframe`` gives the
sentences (default) or the formulas.  This module reads the comparison by its
attributes (``_compare`` imports it for :class:`ComparisonDisplay`).
"""

from __future__ import annotations

from typing import Any

from .._errors import UsageError
from .._text import data_frame, html_block, html_table, iso, plural, text_table

__all__ = ["COMPARISON_COLUMNS", "ComparisonDisplay"]

#: The columns of :meth:`ComparisonDisplay.to_dataframe`, per table, in order.
COMPARISON_COLUMNS: dict[str, tuple[str, ...]] = {
    "sentences": (
        "start",
        "end",
        "text",
        "status",
        "documents",
        "first_doc_id",
        "first_date",
        "first_score",
        "best_doc_id",
        "best_date",
        "best_score",
        "best_text",
    ),
    "formulas": (
        "phrase_id",
        "phrase",
        "status",
        "occurrences",
        "previous",
        "previous_total",
        "first_seen_doc_id",
        "first_seen_date",
        "last_seen_doc_id",
        "last_seen_date",
        "in_previous_readout",
    ),
}

_ROWS = 20
_FORMULA_COLUMNS = ("id", "formula", "status", "occurrences", "earlier readouts", "last seen")
_SENTENCE_COLUMNS = ("start", "new sentence")


def _header(c: Any) -> str:
    against = f"series {c.series!r}" if c.series else "the whole archive"
    return (
        f"{c.doc_id} {c.title or c.source} ({iso(c.date, 'undated')}) against {against}: "
        f"{plural(len(c.earlier), 'earlier readout')}, "
        f"previous readout {c.previous_id or 'none'}"
    )


def _counts(c: Any) -> str:
    return (
        f"{plural(len(c.present), 'formula')} present, {len(c.absent)} absent; "
        f"{len(c.new_sentences)} new of {plural(len(c.sentences), 'sentence')}"
    )


def _formula_rows(c: Any) -> list[list[object]]:
    rows: list[list[object]] = []
    for f in c.formulas[:_ROWS]:
        last = f.last_seen
        rows.append(
            [
                f.phrase_id,
                f.phrase,
                f.status,
                len(f.occurrences),
                f"{f.previous}/{f.previous_total}",
                f"{iso(last[1], 'undated')} {last[0]}" if last else "",
            ]
        )
    return rows


def _sentence_rows(c: Any) -> list[list[object]]:
    return [[s.start, s.text] for s in c.new_sentences[:_ROWS]]


def _seen(value: Any) -> tuple[Any, Any]:
    return (value[0], value[1]) if value else (None, None)


class ComparisonDisplay:
    """``repr``, ``str``, Jupyter HTML and pandas for :class:`~statement_tracker.Comparison`."""

    __slots__ = ()

    def __repr__(self) -> str:
        c: Any = self
        return f"<Comparison of {c.doc_id}: {_counts(c)}>"

    def __str__(self) -> str:
        c: Any = self
        lines = [f"Comparison: {_header(c)}", _counts(c)]
        if c.formulas:
            lines += [
                "",
                text_table(
                    _FORMULA_COLUMNS, _formula_rows(c), total=len(c.formulas), noun="formula"
                ),
            ]
        lines += [
            "",
            text_table(
                _SENTENCE_COLUMNS,
                _sentence_rows(c),
                total=len(c.new_sentences),
                noun="new sentence",
                width=90,
            ),
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The comparison as HTML for Jupyter: the formulas and the new sentences (20 of each).

        >>> from statement_tracker import Comparison, SentenceStatus
        >>> c = Comparison(doc_id="d1", title="<Call>", sentences=(
        ...     SentenceStatus(start=0, end=2, text="Hi", status="new"),))
        >>> page = c._repr_html_()
        >>> "&lt;Call&gt;" in page, '<td class="s">Hi</td>' in page
        (True, True)
        """
        c: Any = self
        parts = [f"<p>{_counts(c)}</p>"]
        if c.formulas:
            parts.append(
                html_table(
                    _FORMULA_COLUMNS, _formula_rows(c), total=len(c.formulas), noun="formula"
                )
            )
        parts.append(
            html_table(
                _SENTENCE_COLUMNS,
                _sentence_rows(c),
                total=len(c.new_sentences),
                noun="new sentence",
            )
        )
        return html_block(f"Comparison: {_header(c)}", *parts)

    def to_dataframe(self, of: str = "sentences") -> Any:
        """A :class:`pandas.DataFrame` of the sentences or the formulas (needs ``pandas``).

        Args:
            of: ``"sentences"`` (one row per sentence of the new readout, in text
                order) or ``"formulas"`` (one row per watchlist formula).

        ``of="sentences"``:

        ================  ==========================================================
        column            meaning
        ================  ==========================================================
        ``start``         start offset in the new readout's text
        ``end``           end offset
        ``text``          the sentence
        ``status``        ``new`` or ``recurring``
        ``documents``     stored documents holding a close match
        ``first_doc_id``  the earliest close match's document (``None`` when new)
        ``first_date``    its date (``datetime64``)
        ``first_score``   its similarity, 0–100
        ``best_doc_id``   the closest match's document
        ``best_date``     its date (``datetime64``)
        ``best_score``    its similarity, 0–100
        ``best_text``     the stored sentence that matched best
        ================  ==========================================================

        ``of="formulas"``:

        =======================  ===================================================
        column                   meaning
        =======================  ===================================================
        ``phrase_id``            the formula's id
        ``phrase``               its text
        ``status``               ``present`` (in the new readout) or ``absent``
        ``occurrences``          its occurrences in the new readout
        ``previous``             earlier readouts of the series that contain it
        ``previous_total``       earlier readouts of the series
        ``first_seen_doc_id``    the earliest readout containing it
        ``first_seen_date``      its date (``datetime64``)
        ``last_seen_doc_id``     the latest earlier readout containing it
        ``last_seen_date``       its date (``datetime64``)
        ``in_previous_readout``  whether the series' previous readout contains it
        =======================  ===================================================

        Raises:
            UsageError: ``of`` is neither ``"sentences"`` nor ``"formulas"``.
            MissingDependencyError: pandas is not installed.

        >>> from statement_tracker import Comparison, SentenceStatus
        >>> c = Comparison(doc_id="d1", sentences=(
        ...     SentenceStatus(start=0, end=2, text="Hi", status="new"),))
        >>> c.to_dataframe()[["start", "text", "status", "documents"]]
           start text status  documents
        0      0   Hi    new          0
        """
        c: Any = self
        if of not in COMPARISON_COLUMNS:
            raise UsageError(None, f"of must be 'sentences' or 'formulas', not {of!r}")
        rows: list[dict[str, object]] = []
        if of == "sentences":
            for s in c.sentences:
                row: dict[str, object] = {
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "status": s.status,
                    "documents": s.documents,
                }
                for name in ("first", "best"):
                    a = getattr(s, name)
                    row[f"{name}_doc_id"] = a.doc_id if a else None
                    row[f"{name}_date"] = a.date if a else None
                    row[f"{name}_score"] = a.score if a else None
                row["best_text"] = s.best.text if s.best else None
                rows.append(row)
            dates = ["first_date", "best_date"]
        else:
            for f in c.formulas:
                first_doc, first_date = _seen(f.first_seen)
                last_doc, last_date = _seen(f.last_seen)
                rows.append(
                    {
                        "phrase_id": f.phrase_id,
                        "phrase": f.phrase,
                        "status": f.status,
                        "occurrences": len(f.occurrences),
                        "previous": f.previous,
                        "previous_total": f.previous_total,
                        "first_seen_doc_id": first_doc,
                        "first_seen_date": first_date,
                        "last_seen_doc_id": last_doc,
                        "last_seen_date": last_date,
                        "in_previous_readout": f.in_previous_readout,
                    }
                )
            dates = ["first_seen_date", "last_seen_date"]
        return data_frame(
            rows, COMPARISON_COLUMNS[of], dates=dates, what="Comparison.to_dataframe()"
        )

"""How a :class:`~._timeline.Timeline` shows itself: ``repr``, ``str``, Jupyter and pandas.

The presence strip has one mark per dated document, oldest first; when a
series has more documents than marks fit (40 in a terminal, 100 in HTML),
each mark stands for the same number of consecutive documents and shows the
strongest status among them, and the legend says how many.  Nothing is cut
without saying so.

This module reads the timeline by its attributes (the records live in
``_timeline``, which imports this module for :class:`TimelineDisplay`).
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Callable, Sequence
from typing import Any

from .._text import Html, data_frame, html_block, html_table, iso, more, plural, text_table

__all__ = ["TIMELINE_COLUMNS", "TimelineDisplay"]

#: The columns of :meth:`TimelineDisplay.to_dataframe`, in order.
TIMELINE_COLUMNS: tuple[str, ...] = (
    "phrase_id",
    "phrase",
    "series",
    "doc_id",
    "source",
    "date",
    "order",
    "status",
    "present",
    "count",
    "best_score",
    "dropped_out",
)

_TEXT_MARKS = 40
_HTML_MARKS = 100
_TEXT_ROWS = 50
_HTML_ROWS = 25
_CHAR = {"present": "#", "variant": "~", "absent": "."}
_CLASS = {"present": "st-p", "variant": "st-v", "absent": "st-a"}


def _documents(tl: Any) -> tuple[int, int, _dt.date | None, _dt.date | None, int]:
    """Dated documents, undated ones, first and last date, most dated in one series."""
    dated: set[str] = set()
    undated: set[str] = set()
    dates: list[_dt.date] = []
    longest = 0
    for f in tl.formulas:
        longest = max(longest, len(f.statuses))
        for s in f.statuses:
            if s.doc_id not in dated:
                dated.add(s.doc_id)
                dates.append(s.date)
        undated.update(u.doc_id for u in f.undated)
    return len(dated), len(undated), min(dates, default=None), max(dates, default=None), longest


def _summary(tl: Any) -> str:
    n, undated, first, last, _ = _documents(tl)
    phrases = len({f.phrase_id for f in tl.formulas})
    span = f" ({iso(first)} – {iso(last)})" if first is not None else ""
    extra = f" and {undated:,} undated" if undated else ""
    grouped = ""
    if tl.series_field is not None:
        groups = len({f.series for f in tl.formulas})
        grouped = f", grouped by {tl.series_field} ({groups:,})"
    drops = plural(len(tl.dropouts), "drop-out")
    counted = f"{plural(phrases, 'formula')} × {plural(n, 'dated document')}{extra}"
    return f"{counted}{span}{grouped}, {drops}"


def _size(longest: int, marks: int) -> int:
    """Documents per mark: 1, or enough for the longest series to fit in ``marks``."""
    return max(1, -(-longest // marks))


def _pieces(statuses: Sequence[Any], size: int) -> list[tuple[str, dict[str, int], Any, Any]]:
    """Per mark: the strongest status, the count of each, first and last date."""
    out = []
    for i in range(0, len(statuses), size):
        chunk = statuses[i : i + size]
        counts = {k: 0 for k in _CHAR}
        for s in chunk:
            counts[s.status] += 1
        strongest = next(k for k in _CHAR if counts[k])
        out.append((strongest, counts, chunk[0].date, chunk[-1].date))
    return out


def _legend(size: int) -> str:
    per = (
        "one mark per dated document"
        if size == 1
        else (f"one mark per {size} dated documents (the strongest status among them)")
    )
    return f"presence: {per}, oldest first: # present  ~ variant  . absent"


def _text_strip(statuses: Sequence[Any], size: int) -> str:
    return "".join(_CHAR[p[0]] for p in _pieces(statuses, size))


def _html_strip(statuses: Sequence[Any], size: int) -> Html:
    """Runs of marks of the same strongest status, one ``<span>`` each, the dates in its title."""
    pieces = _pieces(statuses, size)
    spans = []
    i = 0
    while i < len(pieces):
        j = i
        counts = {k: 0 for k in _CHAR}
        while j < len(pieces) and pieces[j][0] == pieces[i][0]:
            for k, v in pieces[j][1].items():
                counts[k] += v
            j += 1
        first, last = pieces[i][2], pieces[j - 1][3]
        when = iso(first) if first == last else f"{iso(first)} – {iso(last)}"
        what = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
        title = html.escape(f"{when}: {what}", quote=True)
        width = f' style="width:{4 * (j - i)}px"' if j - i > 1 else ""  # 4px in the CSS
        spans.append(f'<span class="{_CLASS[pieces[i][0]]}"{width} title="{title}"></span>')
        i = j
    return Html(f'<div class="st-strip">{"".join(spans)}</div>')


def _table(
    tl: Any, limit: int, strip: Callable[[Any], object], dropout: Callable[[Any], str]
) -> tuple[list[str], list[list[object]]]:
    """The columns and the first ``limit`` rows of a timeline's table (text or HTML):
    ``strip`` draws a formula's presence, ``dropout`` words its drop-out."""
    grouped = tl.series_field is not None
    columns = ["id", "formula", *(["series"] if grouped else []), "first seen", "last seen"]
    columns += ["found", "presence", "drop-out"]
    rows = [
        [
            f.phrase_id,
            f.phrase,
            *([f.series or ""] if grouped else []),
            iso(f.first_seen, "never"),
            iso(f.last_seen),
            _found(f),
            strip(f),
            dropout(f.dropout) if f.dropout else "",
        ]
        for f in tl.formulas[:limit]
    ]
    return columns, rows


def _found(f: Any) -> str:
    found = sum(1 for s in f.statuses if s.status != "absent")
    return f"{found}/{len(f.statuses)}"


class TimelineDisplay:
    """``repr``, ``str``, Jupyter HTML and pandas for :class:`~statement_tracker.Timeline`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<Timeline: {_summary(self)}>"

    def __str__(self) -> str:
        tl: Any = self
        size = _size(_documents(tl)[4], _TEXT_MARKS)
        columns, rows = _table(
            tl,
            _TEXT_ROWS,
            lambda f: _text_strip(f.statuses, size),
            lambda d: f"since {iso(d.since)}",
        )
        table = text_table(columns, rows, total=len(tl.formulas), noun="formula", width=60)
        lines = [f"Timeline: {_summary(tl)}", table, "", _legend(size)]
        lines.append("found: dated documents with the formula (present or variant) / all")
        undated = _documents(tl)[1]
        if undated:
            lines.append(f"undated documents (not in the strip): {undated:,}")
        if tl.dropouts:
            lines.append("drop-outs:")
            for d in tl.dropouts[:_TEXT_ROWS]:
                where = f" [{d.series}]" if d.series is not None else ""
                lines.append(f"  {d.phrase_id}{where}: {d.message}")
            if len(tl.dropouts) > _TEXT_ROWS:
                lines.append(f"  … {more(len(tl.dropouts) - _TEXT_ROWS, 'drop-out')}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The timeline as an HTML table for Jupyter: a presence strip per formula.

        At most 25 formulas and 100 marks per strip (the rest stated); every
        text escaped; each run of marks names its dates and counts in its title.

        >>> from statement_tracker import Document, timeline, track
        >>> docs = [Document.from_text("No limits.", date="2024-01-02")]
        >>> page = timeline(track(docs, ["no limits", "<script>x</script>"]), docs)._repr_html_()
        >>> page.count('class="st-strip"'), "<script>" in page, "&lt;script&gt;x" in page
        (2, False, True)
        """
        tl: Any = self
        size = _size(_documents(tl)[4], _HTML_MARKS)
        columns, rows = _table(
            tl, _HTML_ROWS, lambda f: _html_strip(f.statuses, size), lambda d: d.message
        )
        table = html_table(columns, rows, total=len(tl.formulas), noun="formula")
        legend = html.escape(
            _legend(size).replace(
                "# present  ~ variant  . absent", "green present, orange variant, grey absent"
            )
        )
        return html_block(f"Timeline: {_summary(tl)}", table, f'<p class="st-more">{legend}</p>')

    def to_dataframe(self) -> Any:
        """A :class:`pandas.DataFrame`, one row per formula × document (needs the ``pandas`` extra).

        Every formula (and series, when grouped) has a row for each of its
        documents, dated ones in date order, then the undated ones.

        ===============  ==========================================================
        column           meaning
        ===============  ==========================================================
        ``phrase_id``    the formula's id
        ``phrase``       its text
        ``series``       the series (``None`` when not grouped)
        ``doc_id``       the document
        ``source``       its source
        ``date``         its date (``datetime64``; ``NaT`` when undated)
        ``order``        its place in the series, 0-based (dated by date, then undated)
        ``status``       ``present``, ``variant`` or ``absent``
        ``present``      whether the formula occurs (``present`` or ``variant``)
        ``count``        occurrences of the formula in the document
        ``best_score``   the best occurrence's score (``NaN`` when absent)
        ``dropped_out``  the document is after the formula's drop-out in its series
        ===============  ==========================================================

        Raises:
            MissingDependencyError: pandas is not installed.

        >>> from statement_tracker import Document, timeline, track
        >>> docs = [Document.from_text(t, source=f"r{i}", date=f"2024-0{i}-01")
        ...         for i, t in enumerate(["No limits.", "No limits.", "No limits.", "Other."], 1)]
        >>> df = timeline(track(docs, ["no limits"]), docs).to_dataframe()
        >>> df[["doc_id", "date", "status", "present", "dropped_out"]].assign(
        ...     doc_id=df.doc_id.str[:4])
          doc_id       date   status  present  dropped_out
        0   ...  2024-01-01  present     True        False
        1   ...  2024-02-01  present     True        False
        2   ...  2024-03-01  present     True        False
        3   ...  2024-04-01   absent    False         True
        """
        tl: Any = self
        rows = []
        for f in tl.formulas:
            since = f.dropout.since if f.dropout else None
            for order, s in enumerate((*f.statuses, *f.undated)):
                rows.append(
                    {
                        "phrase_id": f.phrase_id,
                        "phrase": f.phrase,
                        "series": f.series,
                        "doc_id": s.doc_id,
                        "source": s.source,
                        "date": s.date,
                        "order": order,
                        "status": s.status,
                        "present": s.status != "absent",
                        "count": s.count,
                        "best_score": s.best_score,
                        "dropped_out": since is not None and s.date is not None and s.date >= since,
                    }
                )
        return data_frame(rows, TIMELINE_COLUMNS, dates=["date"], what="Timeline.to_dataframe()")

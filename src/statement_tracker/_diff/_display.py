"""How a :class:`~._records.Diff` shows itself: ``repr``, ``str``, Jupyter and pandas.

Kept sentences are counted in the summary line, not listed; every other
change is a row (kind, whether it moved, the old and the new sentence, the
reason).  In HTML the words a rewording took out are struck through and those
it put in are shaded green; removed and added sentences are tinted red and
green.  This module reads the diff by its attributes
(``_records`` imports it for :class:`DiffDisplay`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from .._text import Html, data_frame, html_block, html_table, text_table

__all__ = ["CHANGE_COLUMNS", "DiffDisplay"]

#: The columns of :meth:`DiffDisplay.to_dataframe`, in order.
CHANGE_COLUMNS: tuple[str, ...] = (
    "kind",
    "moved",
    "score",
    "method",
    "reason",
    "old_start",
    "old_end",
    "old_text",
    "new_start",
    "new_end",
    "new_text",
    "old_paragraph",
    "new_paragraph",
    "word_edits",
)

_TEXT_ROWS = 30
_HTML_ROWS = 50
_COLUMNS = ("kind", "moved", "old", "new", "reason")


def _summary(d: Any) -> str:
    s = d.summary
    counts = ", ".join(
        f"{getattr(s, k)} {k}"
        for k in ("kept", "typographic", "reworded", "added", "removed", "moved")
    )
    return f"{d.old_doc_id} → {d.new_doc_id}: {counts}; similarity {s.similarity:.1f} %"


def _shown(d: Any) -> list[Any]:
    return [c for c in d.changes if c.kind != "kept" or c.moved]


def _marked(span: Any, ranges: Sequence[tuple[int, int]], tag: str) -> Html:
    """The span's text escaped, with ``ranges`` (document offsets) wrapped in ``tag``."""
    if span is None:
        return Html("")
    out, at = [], 0
    for start, end in sorted(ranges):
        a, b = max(start - span.start, at), min(end - span.start, len(span.text))
        if b <= a:
            continue
        out.append(html.escape(span.text[at:a]))
        out.append(f"<{tag}>{html.escape(span.text[a:b])}</{tag}>")
        at = b
    out.append(html.escape(span.text[at:]))
    return Html("".join(out))


def _html_row(c: Any) -> list[object]:
    old = [(e.old.start, e.old.end) for e in c.edits if e.op != "insert"]
    new = [(e.new.start, e.new.end) for e in c.edits if e.op != "delete"]
    if c.kind == "removed":  # a whole sentence: tinted, not struck through
        return [
            c.kind,
            "",
            Html(f'<span class="st-rm">{html.escape(c.old.text)}</span>'),
            "",
            c.reason,
        ]
    if c.kind == "added":
        return [
            c.kind,
            "",
            "",
            Html(f'<span class="st-add">{html.escape(c.new.text)}</span>'),
            c.reason,
        ]
    return [
        c.kind,
        "moved" if c.moved else "",
        _marked(c.old, old, "del"),
        _marked(c.new, new, "ins"),
        c.reason,
    ]


class DiffDisplay:
    """``repr``, ``str``, Jupyter HTML and pandas for :class:`~statement_tracker.Diff`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<Diff {_summary(self)}>"

    def __str__(self) -> str:
        d: Any = self
        shown = _shown(d)
        rows = [
            [
                c.kind,
                "moved" if c.moved else "",
                c.old.text if c.old else "",
                c.new.text if c.new else "",
                c.reason,
            ]
            for c in shown[:_TEXT_ROWS]
        ]
        table = text_table(_COLUMNS, rows, total=len(shown), noun="change")
        return f"Diff {_summary(d)}\n(unmoved kept sentences are counted, not listed)\n{table}"

    def _repr_html_(self) -> str:
        """The diff as an HTML table for Jupyter: one row per change that is not kept.

        At most 50 rows (the rest stated); texts escaped; removed words in
        ``<del>``, added words in ``<ins>``, removed and added sentences tinted.

        >>> from statement_tracker import diff
        >>> old = "We agree. Both sides keep firm and lasting ties (<i>now</i>)."
        >>> page = diff(old, old.replace("firm", "strong"))._repr_html_()
        >>> "<del>firm</del>" in page, "<ins>strong</ins>" in page, "<i>" in page
        (True, True, False)
        """
        d: Any = self
        shown = _shown(d)
        rows = [_html_row(c) for c in shown[:_HTML_ROWS]]
        table = html_table(_COLUMNS, rows, total=len(shown), noun="change")
        return html_block(
            f"Diff {_summary(d)}",
            table,
            '<p class="st-more">unmoved kept sentences are counted, not listed</p>',
        )

    def to_dataframe(self) -> Any:
        """A :class:`pandas.DataFrame`, one row per change, kept ones included (needs ``pandas``).

        =================  =====================================================
        column             meaning
        =================  =====================================================
        ``kind``           ``kept``, ``typographic``, ``reworded``, ``added``, ``removed``
        ``moved``          the sentence changed place relative to its neighbours
        ``score``          token similarity of the pair, 0–100 (0 when unpaired)
        ``method``         how the pair was found (``anchor``, ``key``, ``fuzzy`` …)
        ``reason``         a short explanation
        ``old_start``      start offset in the old text (``NaN`` when added)
        ``old_end``        end offset in the old text
        ``old_text``       the old sentence (``None`` when added)
        ``new_start``      start offset in the new text (``NaN`` when removed)
        ``new_end``        end offset in the new text
        ``new_text``       the new sentence (``None`` when removed)
        ``old_paragraph``  0-based paragraph in the old text
        ``new_paragraph``  0-based paragraph in the new text
        ``word_edits``     word-level edits of a reworded sentence
        =================  =====================================================

        Raises:
            MissingDependencyError: pandas is not installed.

        >>> from statement_tracker import diff
        >>> df = diff("One. Two.", "One. Three.").to_dataframe()
        >>> df.kind.tolist(), df.old_text.isna().tolist(), df.new_text.tolist()[2]
        (['kept', 'removed', 'added'], [False, False, True], 'Three.')
        """
        d: Any = self
        rows = []
        for c in d.changes:
            row: dict[str, object] = {
                "kind": c.kind,
                "moved": c.moved,
                "score": c.score,
                "method": c.method,
                "reason": c.reason,
                "old_paragraph": c.old_paragraph,
                "new_paragraph": c.new_paragraph,
                "word_edits": len(c.edits),
            }
            for side in ("old", "new"):
                span = getattr(c, side)
                row[f"{side}_start"] = span.start if span else None
                row[f"{side}_end"] = span.end if span else None
                row[f"{side}_text"] = span.text if span else None
            rows.append(row)
        return data_frame(rows, CHANGE_COLUMNS, what="Diff.to_dataframe()")

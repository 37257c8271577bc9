"""Redlines in the timeline report: the diffs between consecutive readouts of each series.

:func:`consecutive_pairs` pairs each dated readout with the previous one like it
(same series value, same language, from the same publisher when there is one);
the page shows the last few pairs of each series, each named on both sides by
title, date, id, file and URL, folded into a ``<details>`` whose summary gives
the counts, and says how many pairs there are in all.

>>> from statement_tracker import Document
>>> docs = [Document.from_text(t, source=s, date=d) for t, s, d in
...         [("A.", "a", "2024-01-01"), ("B.", "b", "2024-02-01"), ("C.", "c", "2024-03-01")]]
>>> pairs, total = consecutive_pairs(docs, last=1)
>>> [(a.source, b.source) for a, b in pairs], total
([('b', 'c')], 2)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence

from .._diff import Diff
from .._text import Document
from ._diff_report import _CSS as _DIFF_CSS
from ._diff_report import render_diff_html
from ._evidence import esc, iso, plural

__all__ = ["consecutive_pairs", "redline_css", "redlines_section"]


def consecutive_pairs(
    docs: Iterable[Document], series: str | None = None, last: int | None = None
) -> tuple[list[tuple[Document, Document]], int]:
    """Pairs of consecutive dated readouts to diff, and how many such pairs there are.

    Each readout is paired with the latest earlier one of the same series value
    (the field ``series``, when given) and language, from the same publisher when
    one is; ``last`` keeps the last pairs of each series (``None``: all).

    >>> a = Document.from_text("Old.", source="a", date="2024-01-01", publisher="x")
    >>> b = Document.from_text("Newer.", source="b", date="2024-02-01", publisher="y")
    >>> c = Document.from_text("Новый.", source="c", date="2024-02-15", publisher="x")
    >>> d = Document.from_text("New.", source="d", date="2024-03-01", publisher="x")
    >>> pairs, n = consecutive_pairs([d, c, b, a])
    >>> [(x.source, y.source) for x, y in pairs], n
    ([('a', 'b'), ('a', 'd')], 2)
    """
    groups: dict[object, list[Document]] = {}
    for d in docs:
        if d.date is not None:
            groups.setdefault(getattr(d, series, None) if series else None, []).append(d)
    out: list[tuple[Document, Document]] = []
    total = 0
    for group in groups.values():
        group.sort(key=lambda d: (d.date or _dt.date.min, d.source))
        latest: dict[tuple[str | None, str | None], Document] = {}
        by_lang: dict[str | None, Document] = {}
        mine: list[tuple[Document, Document]] = []
        for d in group:
            before = latest.get((d.language, d.publisher)) or by_lang.get(d.language)
            if before is not None and before.doc_id != d.doc_id:
                mine.append((before, d))
            latest[(d.language, d.publisher)] = d
            by_lang[d.language] = d
        total += len(mine)
        out.extend(mine if last is None else mine[len(mine) - last :] if last > 0 else [])
    return out, total


def redline_css() -> str:
    """The redline's own CSS, every rule scoped under ``.redline`` (``body`` becomes it).

    >>> ".redline ins" in redline_css()
    True
    """
    rules = []
    for rule in _DIFF_CSS.replace("\n", "").split("}"):
        if "{" in rule:
            sel, decl = rule.split("{", 1)
            scoped = ",".join(
                ".redline" if s.strip() == "body" else f".redline {s.strip()}"
                for s in sel.split(",")
            )
            rules.append(f"{scoped}{{{decl}}}")
    return "\n".join(rules) + "\n.redline{margin:0 0 0 3em;max-width:52em}"


def _name(doc: Document | None, doc_id: str) -> str:
    if doc is None:
        return doc_id
    return f"{iso(doc.date)} {doc.title or doc.source}"


def _one(d: Diff, by_id: dict[str, Document], opened: bool) -> str:
    old, new = by_id.get(d.old_doc_id), by_id.get(d.new_doc_id)
    page = render_diff_html(
        d, title=f"{_name(old, d.old_doc_id)} → {_name(new, d.new_doc_id)}", old=old, new=new
    )
    body = page.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    for level, to in (("2", "5"), ("1", "4")):  # tags only: text in the page is escaped
        body = body.replace(f"<h{level}>", f"<h{to}>").replace(f"</h{level}>", f"</h{to}>")
    s = d.summary
    summary = (
        f"{esc(_name(old, d.old_doc_id))} → {esc(_name(new, d.new_doc_id))}: "
        f"{s.reworded} reworded, {s.added} added, {s.removed} removed, {s.moved} moved, "
        f"{s.typographic} typographic; similarity {s.similarity:.1f}%"
    )
    return (
        f'<details class="pair"{" open" * opened}><summary>{summary}</summary>'
        f'<div class="redline">{body}</div></details>'
    )


def redlines_section(
    diffs: Sequence[Diff],
    by_id: dict[str, Document],
    total: int | None = None,
    series: str | None = None,
) -> str:
    """The redlines section: each diff folded, the latest of each series open.

    ``total`` is the number of consecutive pairs in the corpus (stated when more
    than shown); ``series`` the field the pairs were grouped by.
    """
    groups: dict[object, list[Diff]] = {}
    for d in diffs:
        new = by_id.get(d.new_doc_id)
        groups.setdefault(getattr(new, series, None) if series and new else None, []).append(d)
    shown = len(diffs)
    count = (
        f"the last {plural(shown, 'pair')} of {total} pairs of consecutive readouts "
        "(any other pair: <code>statement-tracker diff OLD NEW</code>)"
        if total is not None and total > shown
        else plural(shown, "pair") + " of consecutive readouts"
    )
    out = [
        '<section id="redline" aria-labelledby="h-red"><h2 id="h-red">Redlines</h2>'
        f'<p class="meta">Showing {count}; each side is named by title, date, id, file and '
        "URL. Moves and typographic changes are listed apart from changes of wording.</p>"
    ]
    for name, group in groups.items():
        if series:
            out.append(f"<h3>Series {esc(name if name is not None else '(none)')}</h3>")
        for k, d in enumerate(group):
            out.append(_one(d, by_id, opened=k == len(group) - 1))
    out.append("</section>")
    return "".join(out)

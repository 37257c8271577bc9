"""Diffs for people: coloured terminal text and a self-contained HTML redline.

Both renderings read only the :class:`~statement_tracker.Diff` (its changes in
reading order, their spans, word edits and paragraphs), so a diff loaded from an
archive renders the same way as a fresh one.

>>> from statement_tracker import diff
>>> d = diff("Talks were frank. Trade came up.", "Talks were open. Trade came up.")
>>> print(render_diff_text(d, color=False))
old ... -> new ...: 1 kept, 0 typographic, 1 reworded, 0 added, 0 removed, 0 moved; similarity 82.0%
<BLANKLINE>
¶1
  ~ Talks were [-frank-]{+open+}.  (1 word edit)
"""

from __future__ import annotations

import bisect
import html
import os
import sys
from collections.abc import Callable, Iterator

from .._diff import Change, Diff
from .._text import Document

__all__ = ["describe_side", "render_diff_html", "render_diff_text"]

_ANSI = {
    "del": "\x1b[31;9m",
    "ins": "\x1b[32m",
    "dim": "\x1b[2m",
    "mark": "\x1b[33m",
    "bold": "\x1b[1m",
    "end": "\x1b[0m",
}
_SIGN = {"kept": "=", "typographic": "·", "reworded": "~", "added": "+", "removed": "-"}


def _use_color(color: bool | None) -> bool:
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def _headline(d: Diff) -> str:
    s = d.summary
    return (
        f"old {d.old_doc_id} -> new {d.new_doc_id}: {s.kept} kept, {s.typographic} typographic, "
        f"{s.reworded} reworded, {s.added} added, {s.removed} removed, {s.moved} moved; "
        f"similarity {s.similarity:.1f}%"
    )


def describe_side(doc: Document | None, doc_id: str) -> list[tuple[str, str]]:
    """How a side of a diff is cited: (field, value) for its title, date, id, file and URL.

    Without the document (a diff read back from JSON) only its id is known.

    >>> describe_side(Document.from_text("x", source="a/b.html", title="Talks",
    ...               date="2024-03-01", url="https://ex.org/1"), "ignored")[:3]
    [('title', 'Talks'), ('date', '2024-03-01'), ('id', 'd...')]
    >>> describe_side(None, "d42")
    [('id', 'd42')]
    """
    if doc is None:
        return [("id", doc_id)]
    out = [("title", doc.title)] if doc.title else []
    out.append(("date", doc.date.isoformat() if doc.date else "undated"))
    out.append(("id", doc.doc_id))
    out.append(("file", doc.source))
    if doc.url:
        out.append(("url", doc.url))
    return out


def _paragraphs(d: Diff) -> Iterator[tuple[int | None, list[Change]]]:
    """Group changes by the new paragraph they stand in (removed ones stay where they fall)."""
    # removed sentences before the first new paragraph belong to that paragraph
    current = next((c.new_paragraph for c in d.changes if c.new_paragraph is not None), None)
    group: list[Change] = []
    for c in d.changes:
        para = c.new_paragraph
        if para is not None and para != current and group:
            yield current, group
            group = []
        if para is not None:
            current = para
        group.append(c)
    if group:
        yield current, group


def _inline(
    c: Change,
    ins: Callable[[str], str],
    dele: Callable[[str], str],
    eq: Callable[[str], str],
) -> str:
    """The new sentence with its word edits marked, through the given wrappers."""
    assert c.new is not None
    out: list[str] = []
    cursor = c.new.start
    for e in c.edits:
        if e.new.start > cursor:
            out.append(eq(c.new.text[cursor - c.new.start : e.new.start - c.new.start]))
        if e.old.text:
            out.append(dele(e.old.text))
        if e.new.text:
            out.append(ins(e.new.text))
        cursor = max(cursor, e.new.end)
    if cursor < c.new.end:
        out.append(eq(c.new.text[cursor - c.new.start :]))
    return "".join(out)


def render_diff_text(
    d: Diff,
    *,
    color: bool | None = None,
    kept: bool = False,
    old: Document | None = None,
    new: Document | None = None,
) -> str:
    """Render a diff for a terminal: one line per changed sentence, grouped by paragraph.

    Args:
        d: The diff.
        color: ANSI colours on or off; ``None`` (default) turns them on when
            standard output is a terminal and ``NO_COLOR`` is not set.
        kept: Also list the kept sentences.
        old: The earlier document, to name it (title, date, id, file, URL) under the headline.
        new: The later document, likewise.

    Lines start with ``~`` reworded (``[-old-]{+new+}`` inline), ``·``
    typographic, ``+`` added, ``-`` removed, ``=`` kept; a moved sentence says
    where it came from.

    >>> from statement_tracker import diff
    >>> d = diff("One here. Two here. Three here.", "Two here. Three here. One here.")
    >>> print(render_diff_text(d, color=False).splitlines()[-1])
      = One here.  (moved from ¶1)
    """
    on = _use_color(color)

    def paint(style: str, text: str) -> str:
        return f"{_ANSI[style]}{text}{_ANSI['end']}" if on and text else text

    def ins(t: str) -> str:
        return paint("ins", t) if on else "{+" + t + "+}"

    def dele(t: str) -> str:
        return paint("del", t) if on else "[-" + t + "-]"

    lines = [paint("bold", _headline(d))]
    for side, doc, doc_id in (("old", old, d.old_doc_id), ("new", new, d.new_doc_id)):
        if doc is not None:
            named = "; ".join(f"{k} {v}" for k, v in describe_side(doc, doc_id))
            lines.append(f"  {side}: {named}")
    for s in d.summary.formulas:
        where = s.new or s.old
        text = where[0].text if where else ""
        lines.append(f"  formula {s.phrase!r}: {s.status}" + (f" as {text!r}" if text else ""))
    for para, changes in _paragraphs(d):
        shown = [c for c in changes if kept or c.kind != "kept" or c.moved]
        if not shown:
            continue
        lines.append("")
        lines.append(paint("bold", f"¶{para + 1}" if para is not None else "¶-"))
        for c in shown:
            lines.append(f"  {_SIGN[c.kind]} {_text_body(c, paint, ins, dele)}")
    return "\n".join(lines)


def _text_body(
    c: Change,
    paint: Callable[[str, str], str],
    ins: Callable[[str], str],
    dele: Callable[[str], str],
) -> str:
    moved = ""
    if c.moved and c.old_paragraph is not None:
        moved = "  " + paint("mark", f"(moved from ¶{c.old_paragraph + 1})")
    if c.kind == "removed":
        assert c.old is not None
        return paint("del", c.old.text)
    if c.kind == "added":
        assert c.new is not None
        return paint("ins", c.new.text)
    assert c.new is not None
    if c.kind == "reworded":
        return _inline(c, ins, dele, lambda t: t) + f"  ({c.reason})" + moved
    if c.kind == "typographic":
        return paint("dim", c.new.text) + paint("dim", f"  ({c.reason})") + moved
    return c.new.text + moved


_CSS = """
body{font:16px/1.6 Georgia,serif;max-width:48em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.3em} table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right} th{background:#f4f4f4}
p.para{position:relative;margin:0 0 1em 0}
a.pn{position:absolute;left:-3em;color:#999;font-size:.8em;text-decoration:none}
ins,.added{background:#e6ffec;color:#05501f;text-decoration:none}
del,.removed{background:#ffebe9;color:#86181d;text-decoration:line-through}
.typographic{color:#555;border-bottom:1px dotted #aaa}
.reworded{background:#fffbe6} .reworded ins,.reworded del{margin-left:.2em}
.moved{outline:2px solid #8250df;outline-offset:1px}
.tag{font:12px sans-serif;color:#8250df;vertical-align:super;text-decoration:none}
.ghost{font:12px sans-serif;color:#8250df}
.formulas li{margin:.2em 0} .legend span{margin-right:1em}
table.sides{width:100%;font:14px/1.4 sans-serif} .sides th,.sides td{text-align:left;
vertical-align:top} .sides td{overflow-wrap:anywhere} .apart{font:14px/1.5 sans-serif}
.apart li{margin:.2em 0} .apart .why{font-size:12px;color:#8250df}
"""


def _sides_table(d: Diff, old: Document | None, new: Document | None) -> str:
    esc = html.escape
    rows = []
    for side, doc, doc_id in (("Old", old, d.old_doc_id), ("New", new, d.new_doc_id)):
        cells = []
        for k, v in describe_side(doc, doc_id):
            if k == "url" and v.strip().lower().startswith(("http://", "https://")):
                v_html = f'<a href="{esc(v.strip())}" rel="noreferrer">{esc(v)}</a>'
            else:
                v_html = f"<b>{esc(v)}</b>" if k == "title" else esc(v)
            cells.append(v_html if k == "title" else f"{k} {v_html}")
        rows.append(f'<tr><th scope="row">{side}</th><td>{"<br>".join(cells)}</td></tr>')
    return f'<table class="sides">{"".join(rows)}</table>'


def _apart(d: Diff) -> str:
    """Moves and typographic changes listed apart from the changes in wording."""
    esc = html.escape
    out = []
    moved = [(k, c) for k, c in enumerate(d.changes) if c.moved]
    typo = [(k, c) for k, c in enumerate(d.changes) if c.kind == "typographic"]
    for name, items in (("Moved", moved), ("Typographic only", typo)):
        if not items:
            continue
        lis = []
        for k, c in items:
            text = (c.new or c.old).text  # type: ignore[union-attr]
            if name == "Moved":
                a = "?" if c.old_paragraph is None else c.old_paragraph + 1
                b = "?" if c.new_paragraph is None else c.new_paragraph + 1
                note = f"¶{a} → ¶{b}"
            else:
                note = c.reason
            lis.append(
                f'<li><a href="#c{k}">{esc(text)}</a> <span class="why">{esc(note)}</span></li>'
            )
        opened = " open" if len(items) <= 10 else ""
        out.append(
            f'<details class="apart"{opened}><summary>{name}: {len(items)} '
            f"sentence{'s' * (len(items) != 1)} (not changes of wording)</summary>"
            f"<ol>{''.join(lis)}</ol></details>"
        )
    return "".join(out)


def render_diff_html(
    d: Diff,
    *,
    title: str | None = None,
    old: Document | None = None,
    new: Document | None = None,
) -> str:
    """Render a diff as one self-contained HTML page: a redline with inline CSS, no scripts.

    Reworded sentences show their word edits as ``<del>``/``<ins>``; typographic
    changes are grey with the reason on hover; a moved sentence is outlined at
    its new place, tagged "moved from ¶N", and linked both ways with a marker
    left at its old place; moves and typographic changes are also listed apart,
    above the redline.  With ``old`` and ``new`` the two readouts are named by
    title, date, id, file and URL, so the page can be cited.  Every piece of
    text is escaped.

    >>> from statement_tracker import diff
    >>> page = render_diff_html(diff("<b>Old</b> text here.", "<b>New</b> text here."))
    >>> "<b>" in page, "&lt;b&gt;" in page, "<script" in page
    (False, True, False)
    """
    esc = html.escape
    heading = title or f"Changes from {d.old_doc_id} to {d.new_doc_id}"
    s = d.summary
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{esc(heading)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(heading)}</h1>",
        _sides_table(d, old, new),
        "<table><tr><th>kept</th><th>typographic</th><th>reworded</th><th>added</th>"
        "<th>removed</th><th>moved</th><th>similarity</th></tr>",
        f"<tr><td>{s.kept}</td><td>{s.typographic}</td><td>{s.reworded}</td><td>{s.added}</td>"
        f"<td>{s.removed}</td><td>{s.moved}</td><td>{s.similarity:.1f}%</td></tr></table>",
        '<p class="legend"><span><del>removed</del></span><span><ins>added</ins></span>'
        '<span class="reworded">reworded</span><span class="typographic">typographic</span>'
        '<span class="moved">moved</span></p>',
    ]
    out.append(_apart(d))
    if s.formulas:
        out.append('<h2>Watchlist formulas</h2><ul class="formulas">')
        for f in s.formulas:
            olds = "; ".join(esc(x.text) for x in f.old) or "—"
            news = "; ".join(esc(x.text) for x in f.new) or "—"
            out.append(f"<li><b>{esc(f.phrase)}</b> {esc(f.status)}: {olds} → {news}</li>")
        out.append("</ul>")
    ids = {id(c): k for k, c in enumerate(d.changes)}
    ghosts = _ghost_places(d)
    for para, changes in _paragraphs(d):
        label = "" if para is None else str(para + 1)
        anchor = f' id="new-p{label}"' if label else ""
        out.append(f'<p class="para"{anchor}><a class="pn" href="#new-p{label}">¶{label}</a>')
        for c in changes:
            k = ids[id(c)]
            if k == 0:
                out.extend(_ghost(d, m) for m in ghosts.get(-1, ()))
            out.append(_html_change(c, k) + " ")
            out.extend(_ghost(d, m) for m in ghosts.get(k, ()))
        out.append("</p>")
    out.append("</body></html>")
    return "\n".join(out)


def _ghost_places(d: Diff) -> dict[int, list[int]]:
    """For each moved change, the change after which its old place falls (-1: before all).

    The changes that stayed in place (and the removed ones) come in the order of
    the old text, so the old place of a moved sentence is found by bisection.
    """
    anchors = [k for k, c in enumerate(d.changes) if c.old is not None and not c.moved]
    starts = [d.changes[k].old.start for k in anchors]  # type: ignore[union-attr]
    places: dict[int, list[int]] = {}
    for m, c in enumerate(d.changes):
        if c.moved and c.old is not None:
            at = bisect.bisect_left(starts, c.old.start)
            places.setdefault(anchors[at - 1] if at else -1, []).append(m)
    return places


def _ghost(d: Diff, m: int) -> str:
    """The marker left at the old place of moved change ``m``, linked to its new place."""
    moved = d.changes[m]
    to = "" if moved.new_paragraph is None else f" to ¶{moved.new_paragraph + 1}"
    title = html.escape(moved.old.text if moved.old else "")
    return f'<a class="ghost" id="from-{m}" href="#c{m}" title="{title}">⤷ moved{to}</a> '


def _html_change(c: Change, k: int) -> str:
    esc = html.escape
    title = f"{c.kind}, score {c.score:.0f}: {c.reason}"
    moved_tag = ""
    classes = [c.kind]
    if c.moved:
        classes.append("moved")
        where = "" if c.old_paragraph is None else f" ¶{c.old_paragraph + 1}"
        moved_tag = f'<a class="tag" href="#from-{k}">moved from{where}</a>'
    cls = " ".join(classes)
    if c.kind == "removed":
        assert c.old is not None
        return f'<del class="removed" id="c{k}" title="{esc(title)}">{esc(c.old.text)}</del>'
    assert c.new is not None
    if c.kind == "added":
        return f'<ins class="added" id="c{k}" title="{esc(title)}">{esc(c.new.text)}</ins>'
    if c.kind == "reworded":
        body = _inline(
            c, lambda t: f"<ins>{esc(t)}</ins>", lambda t: f"<del>{esc(t)}</del>", esc
        )
    elif c.kind == "typographic":
        assert c.old is not None
        title = f"{title}; was: {c.old.text}"
        body = esc(c.new.text)
    else:
        body = esc(c.new.text)
    return f'<span class="{cls}" id="c{k}" title="{esc(title)}">{body}{moved_tag}</span>'

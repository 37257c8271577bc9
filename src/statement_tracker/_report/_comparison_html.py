"""A self-contained HTML page for a :class:`~statement_tracker.Comparison`.

The new readout is shown sentence by sentence: new sentences highlighted,
recurring ones muted with their first appearance; then the formulas present
and absent; then the changes against the previous readout.  No scripts, no
external resources; every text is escaped.

>>> from statement_tracker._archive._compare import Comparison
>>> page = render_comparison_html(Comparison(doc_id="d1", title="<Call>"))
>>> page.startswith("<!DOCTYPE html>"), "&lt;Call&gt;" in page
(True, True)
"""

from __future__ import annotations

from html import escape

from .._archive import Comparison

__all__ = ["render_comparison_html"]

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em;border-bottom:1px solid #ccc}
.meta{color:#555}.s{display:block;margin:.3em 0;padding:.2em .5em;border-left:4px solid #ccc}
.new{background:#eaffea;border-color:#2a2}.recurring{color:#666}
.first{font-size:.85em;color:#777;display:block}
table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left}
.absent{color:#a00}.present{color:#070}.added{background:#eaffea}.removed{background:#ffecec}
"""


def _d(value: object) -> str:
    return escape(str(value)) if value is not None else ""


def render_comparison_html(c: Comparison) -> str:
    """Render a comparison as one HTML page (UTF-8 text).

    >>> "No sentences" in render_comparison_html(Comparison(doc_id="d1"))
    True
    """
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>compare {_d(c.doc_id)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_d(c.title or c.source or c.doc_id)}</h1>",
        f'<p class="meta">{_d(c.doc_id)} · {_d(c.date.isoformat() if c.date else "undated")} · '
        f"against {_d('series ' + c.series if c.series else 'the whole archive')}: "
        f"{len(c.earlier)} earlier readouts, {c.archive_documents} archived documents; "
        f"previous readout {_d(c.previous_id or 'none')}; sentence threshold {c.threshold:g}</p>",
        f"<p>{len(c.new_sentences)} new sentences, {len(c.recurring_sentences)} recurring; "
        f"{len(c.present)} formulas present, {len(c.absent)} absent.</p>",
    ]
    if c.formulas:
        out.append(
            "<h2>Formulas</h2><table><tr><th>id</th><th>formula</th><th>status</th>"
            "<th>earlier readouts</th><th>last seen</th></tr>"
        )
        for f in c.formulas:
            last = f"{f.last_seen[1] or 'undated'} {f.last_seen[0]}" if f.last_seen else ""
            out.append(
                f'<tr class="{f.status}"><td>{_d(f.phrase_id)}</td><td>{_d(f.phrase)}</td>'
                f"<td>{f.status}</td><td>{f.previous}/{f.previous_total}</td>"
                f"<td>{_d(last)}</td></tr>"
            )
        out.append("</table>")
    out.append("<h2>Sentences</h2>")
    if not c.sentences:
        out.append("<p>No sentences.</p>")
    for s in c.sentences:
        note = ""
        if s.first is not None:
            note = (
                f'<span class="first">first {_d(s.first.date or "undated")} in '
                f"{_d(s.first.title or s.first.doc_id)} ({s.first.score:.0f}); "
                f"in {s.documents} document(s)</span>"
            )
        out.append(f'<span class="s {s.status}">{_d(s.text)}{note}</span>')
    if c.diff is not None:
        sm = c.diff.summary
        out.append(
            f"<h2>Against the previous readout {_d(c.previous_id)}</h2>"
            f"<p>kept {sm.kept}, typographic {sm.typographic}, reworded {sm.reworded}, "
            f"added {sm.added}, removed {sm.removed}, moved {sm.moved}; "
            f"similarity {sm.similarity:.1f}%</p><table>"
        )
        for ch in c.diff.changes:
            if ch.kind in ("added", "removed", "reworded"):
                old_text = ch.old.text if ch.old is not None else ""
                new_text = ch.new.text if ch.new is not None else ""
                text = f"{old_text} → {new_text}" if ch.kind == "reworded" else new_text or old_text
                out.append(f'<tr class="{ch.kind}"><td>{ch.kind}</td><td>{_d(text)}</td></tr>')
        out.append("</table>")
    out.append("</body></html>\n")
    return "\n".join(out)

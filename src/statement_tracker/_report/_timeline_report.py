"""The timeline report: one self-contained HTML page about a tracked corpus, for people.

The page has a header (documents, date range, formulas), the drop-outs called
out first, the timeline (formulas × time on a real time axis, :mod:`._strip`),
optionally the discovered formulas, and per formula its first and last dates,
gaps, wordings with their dates and its occurrences in context with the matched
span highlighted (:mod:`._sections`); then the documents table (opening with the
number of documents per language, "Languages: en 12, ru 2, zh 1") and,
optionally, the redlines of consecutive readouts (:mod:`._redlines`).  Inline
CSS and SVG only: no scripts, no external resources; every text from a document
is escaped.

>>> from statement_tracker import Document, timeline, track
>>> docs = [Document.from_text("No limits.", source="a.txt", date="2024-01-02")]
>>> occ = track(docs, ["no limits"])
>>> page = render_timeline_html(timeline(occ, docs), occ, docs)
>>> '<mark data-doc="' in page, "<script" in page
(True, False)
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Sequence

from .._diff import Diff
from .._discover import Formula
from .._text import Document
from .._track import FormulaTimeline, Occurrence, Timeline
from ._axis import SLOTS, plan_axis
from ._discovered import discovered_section
from ._evidence import clip, esc, plural, sentence_around
from ._redlines import redline_css, redlines_section
from ._sections import documents_table, formula_section
from ._strip import STRIP_CSS, legend, strip_table

__all__ = ["render_timeline_html"]

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",
"Microsoft YaHei","PingFang SC",sans-serif;margin:1.2em auto;max-width:86em;padding:0 1.2em;
color:#1f2328;background:#fff}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em;border-bottom:2px solid #ccc}
h3{font-size:1.05em;margin:1.4em 0 .3em}.meta{color:#57606a;margin:.2em 0}.meta b{color:#1f2328}
nav a{margin-right:1em}.muted{color:#6e7781}a{color:#0550ae}
section.formula+section.formula{border-top:1px solid #d0d7de}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.dropouts{border:2px solid #cf222e;background:#fff5f5;border-radius:6px;padding:.4em 1em}
.dropouts h2{border:0;margin:.2em 0;color:#a40e26}.dropouts li{margin:.2em 0}
.gaps{border-left:4px solid #bf8700;background:#fff8e5;padding:.4em 1em}
.legend{display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:center;margin:.4em 0}
.badge{color:#a40e26;font-weight:bold;white-space:nowrap;font-size:12px}
.num{text-align:right;white-space:nowrap}
.data{margin:.4em 0 1em;font-size:14px;width:100%;border-collapse:collapse}
.data.narrow{width:auto;max-width:100%}.data caption{text-align:left;color:#57606a}
.data th{background:#f6f8fa}
.data th,.data td{border:1px solid #d0d7de;padding:.2em .5em;text-align:left;vertical-align:top}
.occ{table-layout:fixed}.occ th:nth-child(1){width:16em}.occ th:nth-child(3){width:10em}
.occ td{overflow-wrap:anywhere}.doc{font-size:13px}.ev{font-size:13px}.ext{white-space:nowrap}
mark{background:#fff1a8;padding:0 .1em;border-bottom:2px solid #bf8700}
.docs{table-layout:fixed;font-size:13px}.docs td{overflow-wrap:anywhere}
.docs .c-n{width:3.2em}.docs .c-d{width:6.6em}.docs .c-s{width:14em}.docs .c-p{width:9em}
.docs .c-l{width:3.6em}.docs .c-f{width:9em}.docs td.dt{white-space:nowrap}
.docs td.src{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
details>summary{cursor:pointer;color:#0550ae;margin:.3em 0}details.pair{margin:.4em 0}
details.pair>summary{color:#1f2328}
@media print{body{max-width:none;margin:0;font-size:11px}.tlwrap{overflow:visible}
.tl .fc,.tl .n1,.tl .n2,.tl .n3{position:static}nav{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _doc_order(docs: Iterable[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (d.date is None, d.date or _dt.date.min, d.source))


def _header(
    tl: Timeline,
    docs: Sequence[Document],
    occ: Sequence[Occurrence],
    title: str,
    redlines: bool = False,
    discovered: bool = False,
) -> str:
    dates = [d.date for d in docs if d.date is not None]
    span = f"{min(dates).isoformat()} – {max(dates).isoformat()}" if dates else "no dated documents"
    undated = len(docs) - len(dates)
    formulas = len({f.phrase_id for f in tl.formulas})
    series = f"; grouped by <b>{esc(tl.series_field)}</b>" if tl.series_field else ""
    return (
        f"<header><h1>{esc(title)}</h1>"
        f'<p class="meta">Corpus: <b>{len(docs)} documents</b>'
        + (f" ({undated} undated)" if undated else "")
        + f", <b>{span}</b>; watchlist: <b>{formulas} formulas</b>; "
        f"{plural(len(occ), 'occurrence')}; {plural(len(tl.dropouts), 'drop-out')}{series}.</p>"
        '<nav aria-label="Sections"><a href="#dropouts">Drop-outs</a>'
        '<a href="#timeline">Timeline</a>'
        + ('<a href="#discovered">Discovered</a>' if discovered else "")
        + '<a href="#formulas">Formulas</a><a href="#documents">Documents</a>'
        + ('<a href="#redline">Redlines</a>' if redlines else "")
        + "</nav></header>"
    )


def _dropouts(tl: Timeline, index: dict[int, str]) -> str:
    rows = []
    for k, f in enumerate(tl.formulas):
        if f.dropout is not None:
            rows.append(  # the message names the series
                f'<li><a href="#{index[k]}"><b>{esc(f.phrase_id)}</b> “{esc(f.phrase)}”</a>'
                f": <strong>{esc(f.dropout.message)}</strong>; last seen "
                f"{f.dropout.last_seen.isoformat()}.</li>"
            )
    body = f"<ul>{''.join(rows)}</ul>" if rows else "<p>No formula dropped out.</p>"
    return (
        f'<section class="dropouts" id="dropouts" aria-labelledby="h-drop">'
        f'<h2 id="h-drop">Drop-outs</h2>{body}</section>'
    )


def _languages(docs: Sequence[Document]) -> str:
    """The end of the documents heading and a line of document counts per language."""
    langs = {d.doc_id: d.language or "?" for d in docs}
    ranked = sorted(Counter(langs.values()).items(), key=lambda item: (-item[1], item[0]))
    counts = ", ".join(f"{esc(code)} {n}" for code, n in ranked)
    return f'</h2><p class="meta">Languages: {counts}</p>' if counts else "</h2>"


def _sentences(occ: Sequence[Occurrence], by_id: dict[str, Document]) -> dict[tuple[str, str], str]:
    """The sentence of each formula's first occurrence in each readout (for the hover text)."""
    out: dict[tuple[str, str], str] = {}
    for o in occ:
        key = (o.phrase_id, o.doc_id)
        if key in out:
            continue
        doc = by_id.get(o.doc_id)
        text = doc.text if doc is not None else ""
        if text[o.start : o.end] == o.text and o.text:
            out[key] = sentence_around(text, o.start, o.end)
        else:  # the text was not kept: the matched words alone
            out[key] = o.text
    return out


def render_timeline_html(
    timeline: Timeline,
    occurrences: Iterable[Occurrence],
    docs: Iterable[Document],
    *,
    title: str | None = None,
    diff: Diff | None = None,
    diffs: Sequence[Diff] = (),
    pairs: int | None = None,
    discovered: Sequence[Formula] = (),
    max_columns: int = SLOTS,
    max_occurrences: int = 50,
    max_documents: int = 1000,
) -> str:
    """Render a timeline with its evidence as one self-contained HTML page.

    The timeline is drawn on a real time axis (inline SVG, no script): one mark
    per readout, or per week, month, quarter or year when readouts outnumber
    the room for marks (the page says which, and each mark gives its counts).
    Every list that is cut says how much was left out.

    Args:
        timeline: What :func:`~statement_tracker.timeline` returned for these documents.
        occurrences: What :func:`~statement_tracker.track` returned (the snippets' source).
        docs: The tracked documents; their ``text`` gives each snippet its context
            (documents without text show the matched text alone).
        title: The page heading (default: "Formula timeline" and the date range).
        diff: A :class:`~statement_tracker.Diff` to append as a redline.
        diffs: More diffs to append (e.g. of consecutive readouts), after ``diff``.
        pairs: How many consecutive pairs there are in all, to say how many were left out.
        discovered: Formulas found by :func:`~statement_tracker.discover`, listed after
            the timeline and linked to their sections when tracked too (``report --discover``).
        max_columns: Marks the time axis can hold side by side; more readouts than
            that are grouped into calendar periods.
        max_occurrences: Occurrences shown per formula (the first, the first of each
            wording, then the latest; the rest are counted).
        max_documents: Past this many documents, the document list shows only
            those with a formula (the rest are counted).

    Returns:
        The page as text (UTF-8 is declared in it).

    >>> from statement_tracker import Document, timeline, track
    >>> docs = [Document.from_text(t, source=f"r{i}.txt", title=f"<R{i}>", date=f"2023-0{i}-01")
    ...         for i, t in enumerate(["No limits.", "No limits.", "No limits.", "Other."], 1)]
    >>> occ = track(docs, ["no limits"])
    >>> page = render_timeline_html(timeline(occ, docs), occ, docs)
    >>> "absent from the last 1 since 2023-04-01" in page, "&lt;R4&gt;" in page
    (True, True)
    """
    doc_list = _doc_order(docs)
    occ = sorted(
        occurrences, key=lambda o: (o.date is None, o.date or _dt.date.min, o.source, o.start)
    )
    found: dict[str, set[str]] = {}
    for o in occ:
        found.setdefault(o.doc_id, set()).add(o.phrase_id)
    anchors: dict[str, str] = {}  # the listed documents
    for d in doc_list:
        if len(doc_list) <= max_documents or d.doc_id in found:
            anchors.setdefault(d.doc_id, f"doc-{len(anchors) + 1}")
    titles = {d.doc_id: clip(d.title or d.source) for d in doc_list}
    by_id = {d.doc_id: d for d in doc_list}
    dated = [d for d in doc_list if d.date is not None]
    heading = title or "Formula timeline" + (
        f", {dated[0].date} – {dated[-1].date}" if dated else ""
    )
    axis = plan_axis([d.date for d in dated if d.date is not None], max(2, max_columns))
    dated_ids = [d.doc_id for d in dated]
    sentences = _sentences(occ, by_id)
    index = {k: f"f-{k + 1}" for k in range(len(timeline.formulas))}
    groups: dict[str | None, list[tuple[int, FormulaTimeline]]] = {}
    for k, f in enumerate(timeline.formulas):
        groups.setdefault(f.series, []).append((k, f))
    red = [*([diff] if diff is not None else []), *diffs]
    out = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(heading)}</title><style>{_CSS}{STRIP_CSS}{redline_css() if red else ''}"
        "</style></head><body>",
        _header(timeline, doc_list, occ, heading, bool(red), bool(discovered)),
        "<main>",
        _dropouts(timeline, index),
        '<section id="timeline" aria-labelledby="h-tl"><h2 id="h-tl">Timeline</h2>',
        legend(),
    ]
    if not groups:
        out.append('<p class="muted">No formula.</p>')
    for name, group in groups.items():
        if name is not None or len(groups) > 1:
            out.append(f"<h3>Series {esc(name if name is not None else '(none)')}</h3>")
        out.append(strip_table(group, axis, dated_ids, index, titles, sentences))
    out.append("</section>")
    if discovered:
        texts: dict[str, str] = {}
        for k, f in enumerate(timeline.formulas):
            texts.setdefault(f.phrase, index[k])
        out.append(discovered_section(discovered, texts))
    out.append('<section id="formulas" aria-labelledby="h-f"><h2 id="h-f">Formulas</h2>')
    per_phrase: dict[str, list[Occurrence]] = {}
    for o in occ:
        per_phrase.setdefault(o.phrase_id, []).append(o)
    for k, f in enumerate(timeline.formulas):
        ids = {s.doc_id for s in (*f.statuses, *f.undated)}
        mine = [o for o in per_phrase.get(f.phrase_id, ()) if o.doc_id in ids]
        out.append(formula_section(f, index[k], mine, by_id, anchors, max_occurrences))
    out.append("</section>")
    # the counts go first in the documents section, right under its heading
    out.append(documents_table(doc_list, anchors, found).replace("</h2>", _languages(doc_list), 1))
    if red:
        out.append(redlines_section(red, by_id, pairs, timeline.series_field))
    out.append("</main></body></html>\n")
    return "".join(out)

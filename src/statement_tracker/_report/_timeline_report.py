"""The timeline report: one self-contained HTML page about a tracked corpus, for people.

The page has a header (documents, date range, formulas), the drop-outs called
out first, a table with one row per formula and one cell per document in date
order (present, variant, absent; undated documents apart), and per formula its
first and last dates, gaps, wording variants and every occurrence as a snippet
of the document's text with the matched span highlighted and its score and
method beside it; then the list of documents and, optionally, the redline of
the last two readouts.  The document list opens with the number of documents
per language ("Languages: en 12, ru 2, zh 1").  Inline CSS only: no scripts, no external resources;
every text from a document is escaped.

>>> from statement_tracker import Document, timeline, track
>>> docs = [Document.from_text("No limits.", source="a.txt", date="2024-01-02")]
>>> occ = track(docs, ["no limits"])
>>> page = render_timeline_html(timeline(occ, docs), occ, docs)
>>> '<mark data-doc="' in page, "<script" in page
(True, False)
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence

from .._diff import Diff
from .._text import Document
from .._track import DocStatus, FormulaTimeline, Occurrence, Timeline
from ._diff_report import _CSS as _DIFF_CSS
from ._diff_report import render_diff_html
from ._evidence import clip, documents_table, esc, formula_section, iso, plural

__all__ = ["render_timeline_html"]

_LABEL = {"present": "✓", "variant": "≈", "absent": "·", "dropped": "✗"}
_RANK = {"present": 2, "variant": 1, "absent": 0}

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",
"Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em auto;max-width:78em;padding:0 1.2em;
color:#1f2328;background:#fff}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin-top:2em;border-bottom:2px solid #ccc}
h3{font-size:1.05em;margin:1.6em 0 .3em}.meta{color:#57606a;margin:.2em 0}.meta b{color:#1f2328}
nav a{margin-right:1em}.muted{color:#6e7781}
section.formula+section.formula{border-top:1px solid #d0d7de}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.dropouts{border:2px solid #cf222e;background:#fff5f5;border-radius:6px;padding:.6em 1em}
.dropouts h2{border:0;margin:.2em 0;color:#a40e26}.dropouts li{margin:.3em 0}
.gaps{border-left:4px solid #bf8700;background:#fff8e5;padding:.4em 1em}
.legend{display:flex;flex-wrap:wrap;gap:1.2em;align-items:center;margin:.6em 0}
.legend span{display:inline-flex;align-items:center;gap:.35em}
.scroll{position:relative;overflow-x:auto;border:1px solid #d0d7de;border-radius:6px}
table{border-collapse:collapse}
.strip{font-size:13px}.strip th,.strip td{border-bottom:1px solid #eaeef2;padding:2px 3px}
.strip thead th{vertical-align:bottom;font-weight:normal;color:#57606a}
.strip thead th:first-child,.strip th[scope=row]{text-align:left}
.strip th[scope=row]{white-space:nowrap;padding-right:.8em;font-weight:normal}
.v{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-size:11px}
.c{display:inline-block;width:1.5em;height:1.5em;line-height:1.5em;text-align:center;
border-radius:3px;text-decoration:none;font-weight:bold}
.present .c,.c.present{background:#0969da;color:#fff}
.variant .c,.c.variant{background:#f2b33d;color:#3b2300}
.absent .c,.c.absent{background:#eaeef2;color:#6e7781}
.dropped .c,.c.dropped{background:#ffd8d3;color:#a40e26;outline:1px solid #cf222e}
.undated .c,.c.undated{background-image:repeating-linear-gradient(45deg,transparent 0 3px,
rgba(0,0,0,.15) 3px 4px)}
td.sep,th.sep{border-left:2px solid #8c959f}
.num{text-align:right;white-space:nowrap;color:#57606a;padding-left:.8em}
.badge{color:#a40e26;font-weight:bold;white-space:nowrap}
.data{margin:.4em 0 1em;font-size:14px;width:100%}.data.narrow{width:auto}
.data th{background:#f6f8fa}
.data th,.data td{border:1px solid #d0d7de;padding:.25em .6em;text-align:left;vertical-align:top}
.data .doc{width:16em;font-size:13px}.data .t{min-width:16em}.src{word-break:break-all}
.snip{min-width:28em}mark{background:#fff1a8;padding:0 .1em;border-bottom:2px solid #bf8700}
.ev{width:11em;font-size:13px}
"""


def _doc_order(docs: Iterable[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (d.date is None, d.date or _dt.date.min, d.source))


def _header(tl: Timeline, docs: Sequence[Document], occ: Sequence[Occurrence], title: str) -> str:
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
        '<a href="#timeline">Timeline</a><a href="#formulas">Formulas</a>'
        '<a href="#documents">Documents</a></nav></header>'
    )


def _legend(undated: bool) -> str:
    items = [
        ("present", "present (the formula's words, up to spelling and inflection)"),
        ("variant", "variant (only a reworded occurrence)"),
        ("absent", "absent"),
        ("dropped", "absent after a drop-out"),
    ]
    if undated:
        items.append(("absent undated", "undated document (hatched, after the bar)"))
    spans = "".join(
        f'<span><span class="c {k}" aria-hidden="true">{_LABEL[k.split()[0]]}</span>{esc(t)}</span>'
        for k, t in items
    )
    return f'<div class="legend" role="note" aria-label="Legend"><b>Legend:</b>{spans}</div>'


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


def _short(source: str, width: int = 24) -> str:
    name = source.replace("\\", "/").rsplit("/", 1)[-1] or source
    return name if len(name) <= width else name[: width - 1] + "…"


def _bins(n: int, max_columns: int) -> list[range]:
    size = max(1, math.ceil(n / max_columns))
    return [range(i, min(n, i + size)) for i in range(0, n, size)]


def _cell(
    f: FormulaTimeline,
    part: Sequence[DocStatus],
    dropped: set[str],
    anchors: dict[str, str],
    titles: dict[str, str],
    extra: str = "",
) -> str:
    best = max(part, key=lambda s: _RANK[s.status])
    kind = best.status
    if kind == "absent" and all(s.doc_id in dropped for s in part):
        kind = "dropped"
    word = "absent (dropped out)" if kind == "dropped" else kind
    if len(part) == 1:
        s = part[0]
        score = f", best score {s.best_score:.0f}" if s.best_score is not None else ""
        found = f", {plural(s.count, 'occurrence')}{score}" if s.count else ""
        tip = f"{iso(s.date)} · {titles.get(s.doc_id, s.source)}: {word}{found}"
    else:
        counts = {k: sum(s.status == k for s in part) for k in _RANK}
        tip = (
            f"{iso(part[0].date)} – {iso(part[-1].date)}: {len(part)} documents, "
            f"{counts['present']} present, {counts['variant']} variant, {counts['absent']} absent"
        )
    tip = f"{f.phrase_id} “{f.phrase}”, {tip}"
    cls = f"{kind} {extra}".strip()
    return (
        f'<td class="{cls}"><a class="c" href="#{anchors.get(part[0].doc_id, "documents")}" '
        f'title="{esc(tip)}"><span aria-hidden="true">{_LABEL[kind]}</span>'
        f'<span class="sr">{esc(word)}</span></a></td>'
    )


def _strip_table(
    group: list[tuple[int, FormulaTimeline]],
    index: dict[int, str],
    anchors: dict[str, str],
    titles: dict[str, str],
    max_columns: int,
) -> str:
    first = group[0][1]
    bins = _bins(len(first.statuses), max_columns)
    heads = []
    for b in bins:
        s = first.statuses[b.start]
        label = iso(s.date) if len(b) == 1 else f"{iso(s.date)} (+{len(b) - 1})"
        heads.append(
            f'<th scope="col" title="{esc(titles.get(s.doc_id, s.source))}">'
            f'<span class="v">{esc(label)}</span></th>'
        )
    heads.extend(  # an undated column is named by its file
        f'<th scope="col" class="{"sep" * (k == 0)}" title="{esc(titles.get(u.doc_id, u.source))}"'
        f'><span class="v">{esc(_short(u.source))}</span></th>'
        for k, u in enumerate(first.undated)
    )
    series = f" in series {first.series}" if first.series is not None else ""
    binned = (
        f"; each column groups up to {len(bins[0])} documents" if bins and len(bins[0]) > 1 else ""
    )
    out = [
        '<div class="scroll" role="region" tabindex="0" aria-label="Timeline table">'
        f'<table class="strip"><caption class="sr">Presence of each formula per document'
        f"{esc(series)}, oldest first{binned}</caption><thead><tr>"
        '<th scope="col">Formula</th>' + "".join(heads) + '<th scope="col">First seen</th>'
        '<th scope="col">Last seen</th><th scope="col">Found in</th></tr></thead><tbody>'
    ]
    for k, f in group:
        dropped = set()
        if f.dropout is not None:
            dropped = {s.doc_id for s in f.statuses[len(f.statuses) - f.dropout.absent :]}
        cells = [_cell(f, [f.statuses[i] for i in b], dropped, anchors, titles) for b in bins]
        cells.extend(
            _cell(f, [u], set(), anchors, titles, "undated sep" if j == 0 else "undated")
            for j, u in enumerate(f.undated)
        )
        counts = f.counts()
        found = counts["present"] + counts["variant"]
        badge = (
            f' <span class="badge">dropped out since {f.dropout.since.isoformat()}</span>'
            if f.dropout
            else ""
        )
        out.append(
            f'<tr><th scope="row"><a href="#{index[k]}">{esc(f.phrase_id)}</a> '
            f"{esc(f.phrase)}{badge}</th>{''.join(cells)}"
            f'<td class="num">{iso(f.first_seen) if f.first_seen else "never"}</td>'
            f'<td class="num">{iso(f.last_seen) if f.last_seen else "—"}</td>'
            f'<td class="num">{found} / {len(f.statuses) + len(f.undated)}</td></tr>'
        )
    out.append("</tbody></table></div>")
    return "".join(out)


def _scoped_diff_css() -> str:
    """The redline's own CSS, every rule scoped under ``.redline`` (``body`` becomes it)."""
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


def _redline(d: Diff, by_id: dict[str, Document]) -> str:
    names = []
    for doc_id in (d.old_doc_id, d.new_doc_id):
        doc = by_id.get(doc_id)
        names.append(f"{iso(doc.date)} {doc.title or doc.source}" if doc else doc_id)
    page = render_diff_html(d, title=" → ".join(names))
    body = page.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    for level, to in (("2", "4"), ("1", "3")):  # tags only: text in the page is escaped
        body = body.replace(f"<h{level}>", f"<h{to}>").replace(f"</h{level}>", f"</h{to}>")
    return (
        '<section id="redline" aria-labelledby="h-red"><h2 id="h-red">'
        f'Redline of the last two readouts</h2><div class="redline">{body}</div></section>'
    )


def _languages(docs: Sequence[Document]) -> str:
    """The end of the documents heading and a line of document counts per language."""
    langs = {d.doc_id: d.language or "?" for d in docs}
    ranked = sorted(Counter(langs.values()).items(), key=lambda item: (-item[1], item[0]))
    counts = ", ".join(f"{esc(code)} {n}" for code, n in ranked)
    return f'</h2><p class="meta">Languages: {counts}</p>' if counts else "</h2>"


def render_timeline_html(
    timeline: Timeline,
    occurrences: Iterable[Occurrence],
    docs: Iterable[Document],
    *,
    title: str | None = None,
    diff: Diff | None = None,
    max_columns: int = 150,
    max_occurrences: int = 200,
    max_documents: int = 1000,
) -> str:
    """Render a timeline with its evidence as one self-contained HTML page.

    Args:
        timeline: What :func:`~statement_tracker.timeline` returned for these documents.
        occurrences: What :func:`~statement_tracker.track` returned (the snippets' source).
        docs: The tracked documents; their ``text`` gives each snippet its context
            (documents without text show the matched text alone).
        title: The page heading (default: "Formula timeline" and the date range).
        diff: A :class:`~statement_tracker.Diff` to append as a redline (e.g. of the
            last two readouts).
        max_columns: Cells per strip; longer series group neighbouring documents
            into one cell showing the strongest status.
        max_occurrences: Occurrences listed per formula (the rest are counted).
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
    dates = [d.date for d in doc_list if d.date is not None]
    heading = title or "Formula timeline" + (
        f", {min(dates).isoformat()} – {max(dates).isoformat()}" if dates else ""
    )
    index = {k: f"f-{k + 1}" for k in range(len(timeline.formulas))}
    groups: dict[str | None, list[tuple[int, FormulaTimeline]]] = {}
    for k, f in enumerate(timeline.formulas):
        groups.setdefault(f.series, []).append((k, f))
    out = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(heading)}</title><style>{_CSS}{_scoped_diff_css() if diff else ''}"
        "</style></head><body>",
        _header(timeline, doc_list, occ, heading),
        "<main>",
        _dropouts(timeline, index),
        '<section id="timeline" aria-labelledby="h-tl"><h2 id="h-tl">Timeline</h2>',
        _legend(any(d.date is None for d in doc_list)),
    ]
    for name, group in groups.items():
        if name is not None or len(groups) > 1:
            out.append(f"<h3>Series {esc(name if name is not None else '(none)')}</h3>")
        out.append(_strip_table(group, index, anchors, titles, max_columns))
    out.append('</section><section id="formulas" aria-labelledby="h-f"><h2 id="h-f">Formulas</h2>')
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
    if diff is not None:
        out.append(_redline(diff, by_id))
    out.append("</main></body></html>\n")
    return "".join(out)

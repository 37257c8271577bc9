"""Sections of the timeline report: one per formula (evidence) and the documents table.

A formula's section gives its dates, drop-out and gaps, its wordings with the
dates each was first and last used, and its occurrences in context, each with
the matched span highlighted and a link to the source.  Long lists are bounded
and say so: at most ``max_occurrences`` occurrences per formula (the first, the
first of each wording, then the latest), the rest counted; past :data:`FOLD`
rows the latest :data:`LATEST` stay in view and the earlier ones fold into a
``<details>`` whose summary gives the count.

>>> from statement_tracker import Document, timeline, track
>>> docs = [Document.from_text("A new era.", date="2024-01-02", url="https://x.org/1")]
>>> occ = track(docs, ["new era"])
>>> html = formula_section(timeline(occ, docs).formulas[0], "f-1", occ, {}, {}, 10)
>>> "First seen <b>2024-01-02</b>" in html
True
"""

from __future__ import annotations

from collections.abc import Sequence

from .._text import Document
from .._track import FormulaTimeline, Occurrence
from ._evidence import (
    MAX_GAPS,
    MAX_VARIANTS,
    clip,
    esc,
    iso,
    plural,
    safe_url,
    snippet_html,
    wordings_table,
)

__all__ = [
    "FOLD",
    "FOLD_DOCUMENTS",
    "LATEST",
    "documents_table",
    "formula_section",
    "pick_occurrences",
]

#: Rows shown before a list folds into a ``<details>`` (its summary gives the count).
FOLD = 10
#: Rows of the documents table shown before it folds.
FOLD_DOCUMENTS = 50
#: Occurrences kept in view when a formula's list folds (the latest ones).
LATEST = 3


def pick_occurrences(occ: Sequence[Occurrence], limit: int) -> list[Occurrence]:
    """At most ``limit`` of ``occ``, in date order: the first of each wording, then the latest.

    >>> from statement_tracker import Document, track
    >>> docs = [Document.from_text(t, source=str(i), date=f"2024-0{i + 1}-01")
    ...         for i, t in enumerate(["No limits."] * 4)]
    >>> [o.source for o in pick_occurrences(track(docs, ["no limits"]), 3)]
    ['0', '2', '3']
    """
    if len(occ) <= limit:
        return list(occ)
    keep: dict[int, None] = {}
    seen: set[str] = set()
    for k, o in enumerate(occ):
        if o.norm_text not in seen and len(keep) < max(1, limit // 2):
            seen.add(o.norm_text)
            keep[k] = None
    for k in range(len(occ) - 1, -1, -1):
        if len(keep) >= limit:
            break
        keep.setdefault(k, None)
    return [occ[k] for k in sorted(keep)]


def _fold(summary: str, body: str, rows: int, fold: int = FOLD) -> str:
    if rows <= fold:
        return body
    return f"<details><summary>{summary}</summary>{body}</details>"


def _wordings(f: FormulaTimeline, occ: Sequence[Occurrence]) -> str:
    if not f.variants:
        return ""
    seen: dict[str, tuple[str, Occurrence]] = {}
    for o in occ:  # date order: the first and the last use of each wording
        first = seen.get(o.norm_text, (o.text, o))[0]
        seen[o.norm_text] = (first, o)
    rows = []
    for v in f.variants[:MAX_VARIANTS]:
        written, last = seen.get(v.text, (v.text, None))
        norm = f'<br><span class="muted">{esc(v.text)}</span>' if written != v.text else ""
        rows.append(
            f"<tr><td>{esc(clip(written, 200))}{norm}</td><td>{esc(v.method)}</td>"
            f'<td class="num">{v.count}</td><td class="num">{iso(v.first_date)}</td>'
            f'<td class="num">{iso(last.date) if last is not None else "—"}</td></tr>'
        )
    more = len(f.variants) - MAX_VARIANTS
    tail = (
        f'<p class="muted">… and {plural(more, "more wording")} (the least frequent).</p>'
        if more > 0
        else ""
    )
    table = (
        '<table class="data narrow"><caption>Wordings (as first written; normalised form '
        "below when it differs)</caption><thead><tr>"
        '<th scope="col">Wording</th><th scope="col">Method</th><th scope="col">Count</th>'
        '<th scope="col">First used</th><th scope="col">Last used</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
        + tail
    )
    return _fold(f"Wordings: {len(f.variants)}", table, len(rows))


def _occurrence_row(
    f: FormulaTimeline, o: Occurrence, doc: Document | None, anchors: dict[str, str]
) -> str:
    name = clip((doc.title if doc is not None else None) or o.source)
    lang = f' lang="{esc(doc.language)}"' if doc is not None and doc.language else ""
    at = anchors.get(o.doc_id)
    title = f'<a href="#{at}"{lang}>{esc(name)}</a>' if at else f"<span{lang}>{esc(name)}</span>"
    url = safe_url(doc.url if doc is not None else None)
    link = f' <a class="ext" href="{esc(url)}" rel="noreferrer">source ↗</a>' if url else ""
    form = f"<br>form: {esc(o.form)}" if o.form != f.phrase else ""
    edits = f", {plural(o.edits, 'word edit')}" if o.edits else ""
    return (
        f'<tr><td class="doc"><b>{iso(o.date)}</b> {title}{link}</td>'
        f'<td class="snip"{lang}>{snippet_html(doc, o)}</td>'
        f'<td class="ev">score {o.score:.0f}, {esc(o.method)}{edits}{form}</td></tr>'
    )


def formula_section(
    f: FormulaTimeline,
    anchor: str,
    occ: Sequence[Occurrence],
    by_id: dict[str, Document],
    anchors: dict[str, str],
    max_occurrences: int,
) -> str:
    """One formula's section: dates, drop-out, gaps, wordings, occurrences in context.

    ``occ`` are the formula's occurrences in date order; ``anchors`` the in-page
    ids of the listed documents.
    """
    series = f" — series {esc(f.series)}" if f.series is not None else ""
    first = iso(f.first_seen) if f.first_seen else "never (in dated documents)"
    out = [
        f'<section class="formula" id="{anchor}" aria-labelledby="{anchor}-h">'
        f'<h3 id="{anchor}-h">{esc(f.phrase_id)}: “{esc(f.phrase)}”{series}</h3>'
        f'<p class="meta">First seen <b>{first}</b>, last seen '
        f"<b>{iso(f.last_seen) if f.last_seen else '—'}</b>; "
        + ", ".join(f"{n} {k}" for k, n in f.counts().items())
        + (f" (of which {len(f.undated)} undated)" if f.undated else "")
        + ".</p>"
    ]
    if f.dropout is not None:
        out.append(
            f'<p class="dropouts"><strong>Drop-out: {esc(f.dropout.message)}</strong>'
            f"; last seen {f.dropout.last_seen.isoformat()}.</p>"
        )
    if f.gaps:
        longest = set(sorted(f.gaps, key=lambda g: -g.documents)[:MAX_GAPS])
        gaps = "; ".join(
            f"absent from {plural(g.documents, 'document')} "
            + (g.first.isoformat() if g.first == g.last else f"{g.first} – {g.last}")
            + ", then back"
            for g in f.gaps
            if g in longest
        )
        which = f"the {MAX_GAPS} longest of {len(f.gaps)}" if len(f.gaps) > MAX_GAPS else ""
        out.append(f'<p class="gaps">Gaps{esc(f" ({which})" if which else "")}: {esc(gaps)}.</p>')
    out.append(_wordings(f, occ))
    out.append(wordings_table(f))
    if not occ:
        out.append('<p class="muted">No occurrence.</p></section>')
        return "".join(out)
    shown = pick_occurrences(occ, max_occurrences)

    def table(part: Sequence[Occurrence], caption: str) -> str:
        rows = "".join(_occurrence_row(f, o, by_id.get(o.doc_id), anchors) for o in part)
        return (
            f'<table class="data occ"><caption>{caption}</caption><thead><tr>'
            '<th scope="col">Readout</th><th scope="col">Context</th>'
            f'<th scope="col">Evidence</th></tr></thead><tbody>{rows}</tbody></table>'
        )

    capped = (
        f" (of {len(occ)}: the first, the first of each wording, then the latest)"
        if len(shown) < len(occ)
        else ""
    )
    if len(shown) <= FOLD:
        out.append(table(shown, f"Occurrences in context: {len(shown)}{capped}"))
    else:  # the latest in view, the earlier ones folded
        out.append(table(shown[-LATEST:], f"The latest {LATEST} occurrences in context"))
        out.append(
            f"<details><summary>Earlier occurrences in context: {len(shown) - LATEST} more"
            f"{capped}</summary>{table(shown[:-LATEST], 'Earlier occurrences')}</details>"
        )
    if len(shown) < len(occ):
        out.append(
            f'<p class="muted">… and {len(occ) - len(shown)} more occurrences not shown '
            "(all of them: <code>statement-tracker track --format jsonl</code>).</p>"
        )
    out.append("</section>")
    return "".join(out)


def documents_table(
    docs: Sequence[Document], anchors: dict[str, str], found: dict[str, set[str]]
) -> str:
    """The documents table: number, date, title (linked to its URL), file, publisher, language.

    Compact: one line per readout where it fits; the file is its name, the full
    path on hover.  Only documents with an anchor are listed; the others are counted.

    >>> d = Document.from_text("x", title="<T>", source="/a/very/long/path/name.txt")
    >>> html = documents_table([d], {d.doc_id: "doc-1"}, {})
    >>> "&lt;T&gt;" in html, ">name.txt<" in html
    (True, True)
    """
    rows = []
    seen: set[str] = set()
    for n, d in enumerate(docs, 1):
        if d.doc_id not in anchors:
            continue
        ident = "" if d.doc_id in seen else f' id="{anchors[d.doc_id]}"'
        seen.add(d.doc_id)
        lang = f' lang="{esc(d.language)}"' if d.language else ""
        url = safe_url(d.url)
        title = esc(d.title or "—")  # in full here, once: clipped elsewhere
        if url:
            title = f'<a href="{esc(url)}" rel="noreferrer">{title}</a>'
        name = d.source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or d.source
        formulas = " ".join(sorted(found.get(d.doc_id, ()))) or "—"
        rows.append(
            f'<tr{ident}><td class="num">{n}</td><td class="dt">{iso(d.date)}</td>'
            f"<td{lang}>{title}</td>"
            f'<td class="src" title="{esc(d.source)} (id {esc(d.doc_id)})">'
            f"{esc(clip(name, 80))}</td>"
            f"<td>{esc(d.publisher or '—')}</td><td>{esc(d.language or '—')}</td>"
            f"<td>{esc(formulas)}</td></tr>"
        )
    table = (
        '<table class="data docs"><caption class="sr">Documents in date order</caption>'
        '<colgroup><col class="c-n"><col class="c-d"><col><col class="c-s"><col class="c-p">'
        '<col class="c-l"><col class="c-f"></colgroup><thead><tr>'
        '<th scope="col">#</th><th scope="col">Date</th><th scope="col">Title</th>'
        '<th scope="col">File</th><th scope="col">Publisher</th><th scope="col">Lang.</th>'
        '<th scope="col">Formulas found</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )
    out = [
        '<section id="documents" aria-labelledby="h-docs"><h2 id="h-docs">Documents</h2>',
        _fold(f"The {plural(len(rows), 'readout')} listed", table, len(rows), FOLD_DOCUMENTS),
    ]
    omitted = sum(d.doc_id not in anchors for d in docs)
    if omitted:
        out.append(
            f'<p class="muted">{plural(omitted, "document")} without any formula '
            "not listed (numbers are positions in date order).</p>"
        )
    out.append("</section>")
    return "".join(out)

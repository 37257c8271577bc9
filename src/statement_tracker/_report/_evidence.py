r"""Evidence for the timeline report: snippets with the match marked, per-formula sections.

Used by :mod:`statement_tracker._report._timeline_report`.  A snippet is the part of the
paragraph around an occurrence (at most :data:`CONTEXT` characters each side),
with ``doc.text[start:end]`` inside ``<mark>`` verbatim (escaped); every text is
escaped, control characters and lone surrogates replaced.

>>> from statement_tracker import Document, track
>>> doc = Document.from_text("Intro.\n\nBoth sides say <no limits> here.")
>>> snippet_html(doc, track([doc], ["no limits"])[0])
'Both sides say &lt;<mark data-doc="d..." data-start="24" data-end="33">no limits</mark>&gt; here.'
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Sequence

from .._text import Document
from .._track import FormulaTimeline, Occurrence

__all__ = [
    "CONTEXT",
    "MAX_GAPS",
    "clip",
    "documents_table",
    "esc",
    "formula_section",
    "iso",
    "plural",
    "snippet_html",
    "wordings_table",
]

#: Characters of context shown on each side of a match (cut at paragraph breaks).
CONTEXT = 90
#: Gaps listed per formula (the longest ones).
MAX_GAPS = 5

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def esc(value: object) -> str:
    """Escape for HTML text and attributes; control characters and lone surrogates replaced.

    >>> esc('<b title="x">' + chr(0))
    '&lt;b title=&quot;x&quot;&gt;\ufffd'
    """
    return html.escape(_CONTROL.sub("\ufffd", "" if value is None else str(value)), quote=True)


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an *s* unless the count is one.

    >>> plural(1, "drop-out"), plural(2, "drop-out")
    ('1 drop-out', '2 drop-outs')
    """
    return f"{count} {noun}{'s' * (count != 1)}"


def clip(text: str, width: int = 160) -> str:
    """``text`` cut to ``width`` characters with an ellipsis (titles repeated on the page).

    >>> clip("a" * 200, 5)
    'aaaa…'
    """
    return text if len(text) <= width else text[: width - 1] + "…"


def iso(d: _dt.date | None) -> str:
    """A date as ISO text, or ``"undated"``.

    >>> iso(_dt.date(2023, 5, 11)), iso(None)
    ('2023-05-11', 'undated')
    """
    return d.isoformat() if d is not None else "undated"


def _lang(doc: Document | None) -> str:
    """A ``lang`` attribute for a document's text (screen readers, CJK fonts), or nothing."""
    return f' lang="{esc(doc.language)}"' if doc is not None and doc.language else ""


def snippet_html(doc: Document | None, o: Occurrence) -> str:
    """The paragraph around ``o`` (at most CONTEXT characters each side), the match marked.

    Without the document's text (``doc`` is ``None`` or its text was not kept)
    the matched text alone is shown.

    >>> from statement_tracker import track
    >>> o = track([Document.from_text("A new era.")], ["new era"])[0]
    >>> snippet_html(None, o)
    '<mark data-doc="d..." data-start="2" data-end="9">new era</mark>'
    """
    text = doc.text if doc is not None else ""
    if text[o.start : o.end] != o.text or not o.text:  # text not kept (e.g. an archive)
        return (
            f'<mark data-doc="{esc(o.doc_id)}" data-start="{o.start}" data-end="{o.end}">'
            f"{esc(o.text)}</mark>"
        )
    para = text.rfind("\n\n", 0, o.start)
    lo = max(0, o.start - CONTEXT, para + 2 if para >= 0 else 0)
    hi = len(text) if (p := text.find("\n\n", o.end)) < 0 else p
    hi = min(hi, o.end + CONTEXT)
    if lo > 0 and text[lo - 1 : lo] not in ("\n", ""):
        lo = next((i + 1 for i in range(lo, o.start) if text[i].isspace()), lo)
    if hi < len(text) and text[hi : hi + 1] != "\n":
        hi = next((i for i in range(hi, o.end, -1) if text[i].isspace()), hi)
    before = ("…" if lo > 0 and text[lo - 1] != "\n" else "") + text[lo : o.start]
    after = text[o.end : hi] + ("…" if hi < len(text) and text[hi] != "\n" else "")
    return (
        f'{esc(before)}<mark data-doc="{esc(o.doc_id)}" data-start="{o.start}" '
        f'data-end="{o.end}">{esc(text[o.start : o.end])}</mark>{esc(after)}'
    )


def wordings_table(f: FormulaTimeline) -> str:
    """Side by side, one column per language and publisher: the wordings each used, when.

    Empty when the formula was found in one wording and one language only.

    >>> from statement_tracker import Phrase, timeline, track
    >>> docs = [Document.from_text("A new era.", date="2024-01-02"),
    ...         Document.from_text("Новая эпоха.", date="2024-02-01")]
    >>> occ = track(docs, [Phrase("A", "new era", translations={"ru": "новая эпоха"})])
    >>> html = wordings_table(timeline(occ, docs).formulas[0])
    >>> html.count("<th scope"), "2024-02-01" in html
    (2, True)
    """
    if len({(w.language, w.form) for w in f.wordings}) < 2:
        return ""
    columns: dict[tuple[str | None, str | None], list[str]] = {}
    for w in f.wordings:
        first, last = iso(w.first_date), iso(w.last_date)
        when = first if first == last else f"{first} – {last}"
        lang = f' lang="{esc(w.language)}"' if w.language else ""
        columns.setdefault((w.language, w.publisher), []).append(
            f"<p><q{lang}>{esc(w.form)}</q><br><small>{when}, ×{w.count}</small></p>"
        )
    head = "".join(
        f'<th scope="col">{esc(lang or "?")} · {esc(pub or "no publisher")}</th>'
        for lang, pub in columns
    )
    cells = "".join(f"<td>{''.join(c)}</td>" for c in columns.values())
    return (
        '<table class="data narrow"><caption>Wordings by language and publisher</caption>'
        f"<thead><tr>{head}</tr></thead><tbody><tr>{cells}</tr></tbody></table>"
    )


def formula_section(
    f: FormulaTimeline,
    anchor: str,
    occ: Sequence[Occurrence],
    by_id: dict[str, Document],
    anchors: dict[str, str],
    max_occurrences: int,
) -> str:
    """One formula's section: dates, drop-out, gaps, wordings, occurrences with evidence.

    >>> from statement_tracker import timeline, track
    >>> docs = [Document.from_text("A new era.", date="2024-01-02")]
    >>> occ = track(docs, ["new era"])
    >>> html = formula_section(timeline(occ, docs).formulas[0], "f-1", occ, {}, {}, 10)
    >>> "First seen <b>2024-01-02</b>" in html
    True
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
    if f.variants:
        out.append(
            '<table class="data narrow"><caption class="sr">Wordings</caption><thead><tr>'
            '<th scope="col">Wording (normalised)</th><th scope="col">Method</th>'
            '<th scope="col">Count</th><th scope="col">First date</th></tr></thead><tbody>'
        )
        for v in f.variants:
            out.append(
                f"<tr><td>{esc(v.text)}</td><td>{esc(v.method)}</td><td>{v.count}</td>"
                f"<td>{iso(v.first_date)}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append(wordings_table(f))
    if not occ:
        out.append('<p class="muted">No occurrence.</p></section>')
        return "".join(out)
    out.append(
        '<table class="data"><caption class="sr">Occurrences with evidence</caption><thead><tr>'
        '<th scope="col">Document</th><th scope="col">Context</th>'
        '<th scope="col">Evidence</th></tr></thead><tbody>'
    )
    for o in occ[:max_occurrences]:
        doc = by_id.get(o.doc_id)
        name = clip((doc.title if doc is not None else None) or o.source)
        form = f"<br>form: {esc(o.form)}" if o.form != f.phrase else ""
        edits = f", {plural(o.edits, 'word edit')}" if o.edits else ""
        lang = _lang(doc)
        out.append(
            f'<tr><td class="doc"><b>{iso(o.date)}</b> <a href="#{anchors.get(o.doc_id, "")}"'
            f'{lang}>{esc(name)}</a></td><td class="snip"{lang}>{snippet_html(doc, o)}</td>'
            f'<td class="ev">score {o.score:.0f}, {esc(o.method)}{edits}{form}</td></tr>'
        )
    out.append("</tbody></table>")
    if len(occ) > max_occurrences:
        out.append(
            f'<p class="muted">… and {len(occ) - max_occurrences} more occurrences '
            "(all of them: <code>statement-tracker track --format jsonl</code>).</p>"
        )
    out.append("</section>")
    return "".join(out)


def documents_table(
    docs: Sequence[Document], anchors: dict[str, str], found: dict[str, set[str]]
) -> str:
    """The document list: number, date, title, source and URL, publisher, language, formulas.

    Only documents with an anchor are listed; the others are counted.

    >>> d = Document.from_text("x", title="<T>")
    >>> "&lt;T&gt;" in documents_table([d], {d.doc_id: "doc-1"}, {})
    True
    """
    out = [
        '<section id="documents" aria-labelledby="h-docs"><h2 id="h-docs">Documents</h2>'
        '<table class="data"><caption class="sr">Documents in date order</caption><thead><tr>'
        '<th scope="col">#</th><th scope="col">Date</th><th scope="col">Title</th>'
        '<th scope="col">Source</th><th scope="col">Publisher</th><th scope="col">Language</th>'
        '<th scope="col">Formulas found</th></tr></thead><tbody>'
    ]
    seen: set[str] = set()
    for n, d in enumerate(docs, 1):
        if d.doc_id not in anchors:
            continue
        ident = "" if d.doc_id in seen else f' id="{anchors[d.doc_id]}"'
        seen.add(d.doc_id)
        url = f'<br><span class="muted">{esc(d.url)}</span>' if d.url else ""
        out.append(
            f'<tr{ident}><td>{n}</td><td class="ev">{iso(d.date)}</td><td class="t"{_lang(d)}>'
            f'{esc(d.title or "—")}</td><td class="src">{esc(d.source)}{url}</td>'
            f"<td>{esc(d.publisher or '—')}</td><td>{esc(d.language or '—')}</td>"
            f"<td>{esc(' '.join(sorted(found.get(d.doc_id, ()))) or '—')}</td></tr>"
        )
    out.append("</tbody></table>")
    omitted = sum(d.doc_id not in anchors for d in docs)
    if omitted:
        out.append(
            f'<p class="muted">{plural(omitted, "document")} without any formula '
            "not listed (numbers are positions in date order).</p>"
        )
    out.append("</section>")
    return "".join(out)

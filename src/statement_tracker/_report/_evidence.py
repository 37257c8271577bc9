r"""Evidence for the timeline report: snippets with the match marked, hover sentences, links.

Used by the report's modules (``_timeline_report``, ``_strip``, ``_sections``): escaping,
the sentence around a match (the hover text of a timeline mark), http(s)-only links, and
the wordings by language and publisher.  A snippet is the part of the
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

from .._text import Document
from .._track import FormulaTimeline, Occurrence

__all__ = [
    "CONTEXT",
    "MAX_GAPS",
    "MAX_VARIANTS",
    "clip",
    "esc",
    "iso",
    "plural",
    "safe_url",
    "sentence_around",
    "snippet_html",
    "wordings_table",
]

#: Characters of context shown on each side of a match (cut at paragraph breaks).
CONTEXT = 90
#: Gaps listed per formula (the longest ones).
MAX_GAPS = 5
#: Wordings listed per formula (the most frequent ones).
MAX_VARIANTS = 30

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


_STOPS = ".!?。！？\n"


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> str:
    """The sentence of ``text`` around ``[start, end)``, on one line, at most ``limit`` characters.

    The sentence runs from the last stop before ``start`` (``.!?`` followed by a
    space, a CJK full stop, or a line break) to the next stop after ``end``; a longer one
    is cut around the match with ellipses.

    >>> t = "First one. Both sides said no limits applied. Then lunch."
    >>> sentence_around(t, t.index("no limits"), t.index("no limits") + 9)
    'Both sides said no limits applied.'
    >>> sentence_around("x" * 50 + " no limits " + "y" * 50, 51, 60, limit=30)
    '…xxxxxxxxx no limits yyyyyyyyy…'
    """
    lo = start
    while lo > 0 and not (
        text[lo - 1] in "\n。！？"
        or (text[lo - 1].isspace() and lo > 1 and text[lo - 2] in _STOPS)
    ):
        lo -= 1
        if start - lo > limit:
            break
    hi = end
    while hi < len(text) and text[hi] not in _STOPS and hi - end <= limit:
        hi += 1
    if hi < len(text) and text[hi] != "\n":
        hi += 1
    out = " ".join(text[lo:hi].split())
    if len(out) <= limit:
        return out
    room = max(0, (limit - (end - start)) // 2)
    a, b = max(lo, start - room), min(hi, end + room)
    return ("…" if a > lo else "") + " ".join(text[a:b].split()) + ("…" if b < hi else "")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else ``None`` (no ``javascript:`` links).

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)"), safe_url(None)
    ('https://example.org/a?b=1', None, None)
    """
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


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



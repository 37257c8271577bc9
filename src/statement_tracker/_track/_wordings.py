"""Which wording of a formula each language and publisher used, and when.

A formula can have several wordings: its text, aliases (another publisher's
English, say) and translations.  :func:`wordings_by_source` groups a formula's
occurrences by the language and publisher of their documents and by the
watchlist wording that matched, with the first and last dates and the counts:
the side-by-side view of :attr:`~._timeline.FormulaTimeline.wordings`.

>>> from statement_tracker import Document, Phrase, track
>>> docs = [Document.from_text("A new era.", date="2024-01-02", publisher="a.example"),
...         Document.from_text("Новая эпоха.", date="2024-03-01", publisher="b.example")]
>>> wl = [Phrase("A", "new era", translations={"ru": "новая эпоха"})]
>>> [(w.language, w.publisher, w.form) for w in wordings_by_source(track(docs, wl), docs)]
[('en', 'a.example', 'new era'), ('ru', 'b.example', 'новая эпоха')]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import attrs

from ._track import Occurrence

__all__ = ["Wording", "wordings_by_source"]


@attrs.frozen(kw_only=True)
class Wording:
    """One wording of a formula as one publisher used it in one language.

    Attributes:
        language: The documents' language (``None`` when unknown).
        publisher: Their publisher (``None`` when unknown).
        form: The watchlist wording that matched (the text, an alias or a translation).
        count: Occurrences.
        documents: Documents with at least one.
        first_date: Date of the first dated document with it (``None``: only undated ones).
        last_date: Date of the last one.

    >>> Wording(language="ru", publisher=None, form="новая эпоха", count=1, documents=1,
    ...         first_date=None, last_date=None).form
    'новая эпоха'
    """

    language: str | None
    publisher: str | None
    form: str
    count: int
    documents: int
    first_date: _dt.date | None
    last_date: _dt.date | None


def _order(w: Wording) -> tuple[Any, ...]:
    none_last = _dt.date.max
    return (w.language or "~", w.publisher or "~", w.first_date or none_last, w.form)


def wordings_by_source(
    occurrences: Iterable[Occurrence], docs: Iterable[Any]
) -> tuple[Wording, ...]:
    """Group occurrences by (language, publisher, wording), with dates and counts.

    ``docs`` are the tracked documents (anything with ``doc_id``, ``date`` and
    optionally ``publisher`` and ``language``); an occurrence of a document not
    among them is skipped.  Sorted by language, publisher, then first date.
    See the module docstring for an example.
    """
    by_id = {d.doc_id: d for d in docs}
    groups: dict[tuple[str | None, str | None, str], list[Any]] = {}
    for o in occurrences:
        doc = by_id.get(o.doc_id)
        if doc is None:
            continue
        language = o.language or getattr(doc, "language", None)
        key = (language, getattr(doc, "publisher", None), o.form)
        count, seen, first, last = groups.setdefault(key, [0, set(), None, None])
        groups[key][0] = count + 1
        seen.add(o.doc_id)
        date = doc.date
        if date is not None:
            groups[key][2] = date if first is None else min(first, date)
            groups[key][3] = date if last is None else max(last, date)
    out = [
        Wording(
            language=lang,
            publisher=pub,
            form=form,
            count=count,
            documents=len(seen),
            first_date=first,
            last_date=last,
        )
        for (lang, pub, form), (count, seen, first, last) in groups.items()
    ]
    return tuple(sorted(out, key=_order))

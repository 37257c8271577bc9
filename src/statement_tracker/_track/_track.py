"""Tracking: every occurrence of every watchlist phrase in a set of documents.

>>> from statement_tracker import Document, Watchlist
>>> doc = Document.from_text("Both reaffirmed the One-China policy. The one China policy stands.")
>>> [(o.text, o.method) for o in track([doc], Watchlist(["one China policy"]))]
[('One-China policy', 'exact'), ('one China policy', 'exact')]

Matching rules and the index are described in :mod:`statement_tracker._track._forms`.
"""

from __future__ import annotations

import datetime as _dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from .._text import Document, Normalised, normalise, split_terms, term_key
from ._brute_force import brute_force_scan
from ._compiled import compiled
from ._forms import Form, Hit, check_level, describe
from ._occurrences import Occurrences
from ._parallel import chunked, resolve_workers, run_chunks, run_sequence
from ._scan import PhraseIndex
from ._watchlist import Phrase, Watchlist

__all__ = [
    "METHODS",
    "Occurrence",
    "brute_force_track",
    "find_phrase",
    "occurrences_from_hits",
    "track",
]

#: How an occurrence matched: the same words; the same words up to spelling or
#: inflection; or with words inserted, deleted or substituted.
METHODS: tuple[str, ...] = ("exact", "folded", "fuzzy")


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class Occurrence:
    """One place where a watchlist phrase occurs, with its evidence.

    ``doc.text[start:end] == text`` for the document ``doc_id``.

    Attributes:
        phrase_id: The phrase's id in the watchlist.
        phrase: The phrase's text.
        form: The wording that matched (the text or an alias).
        doc_id: The document's id.
        source: The document's source (path or ``path#id``).
        date: The document's date, or ``None``.
        score: 0–100: ``100 * (1 - edits / max(form words, matched words))``.
        start: Start offset in the document's original text.
        end: End offset (exclusive).
        text: The matched original text.
        method: ``"exact"``, ``"folded"`` (spelling, inflection, derivation), a close
            variant's kind (``"inserted"``, ``"dropped"``, ``"swapped"``, ``"inverted"``,
            ``"reordered"``, or several joined by ``+``) or ``"fuzzy"`` (word edits in a
            longer formula, or under a threshold).
        edits: Word edits between the form and the matched words.
        threshold: The threshold in force, or ``None`` for the default rule.
        norm_phrase: The normalised form that was compared.
        norm_text: The normalised matched text.
        norm_start: Start offset in the normalised document text.
        norm_end: End offset in the normalised document text.
        differs: The words that differ, as term keys: the form's words the match
            lacks (``-key``) and the match's words the form lacks (``+key``).
        language: The document's language (:attr:`Document.language`), or ``None``
            when unknown (an occurrence read from an older dict): a translation
            matches only in documents of its language.

    >>> o = track([Document.from_text("A new era.")], Watchlist(["new era"]))[0]
    >>> o.to_dict()["text"], o.score, (o.start, o.end)
    ('new era', 100.0, (2, 9))
    """

    phrase_id: str
    phrase: str
    form: str
    doc_id: str
    source: str
    date: _dt.date | None = None
    score: float
    start: int
    end: int
    text: str
    method: str
    edits: int = 0
    threshold: float | None = None
    norm_phrase: str
    norm_text: str
    norm_start: int
    norm_end: int
    differs: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready dict of ``track --format jsonl`` (see docs/track.md).

        >>> sorted(track([Document.from_text("new era")], Watchlist(["new era"]))[0].to_dict())[:4]
        ['date', 'differs', 'doc_id', 'edits']
        """
        d = attrs.asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        d["score"] = round(self.score, 2)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Occurrence:
        """Rebuild an occurrence from :meth:`to_dict` output.

        >>> o = track([Document.from_text("new era")], Watchlist(["new era"]))[0]
        >>> Occurrence.from_dict(o.to_dict()) == o
        True
        """
        fields = {a.name for a in attrs.fields(cls)}
        kw = {k: v for k, v in data.items() if k in fields}
        if isinstance(kw.get("date"), str):
            kw["date"] = _dt.date.fromisoformat(kw["date"])
        return cls(**kw)


def _as_watchlist(watchlist: Watchlist | Iterable[str | Phrase]) -> Watchlist:
    return watchlist if isinstance(watchlist, Watchlist) else Watchlist(watchlist)


def occurrences_from_hits(
    doc: Document,
    hits: list[Hit],
    norm: Normalised,
    forms: tuple[Form, ...],
    watchlist: Watchlist,
) -> list[Occurrence]:
    """The occurrences the verified ``hits`` in ``doc`` (normalised as ``norm``) stand for."""
    out: list[Occurrence] = []
    for h in hits:
        form = forms[h.form]
        phrase = watchlist[form.phrase]
        ns, ne = h.start, h.end
        start, end = norm.span_to_original(ns, ne)
        norm_text = norm.text[ns:ne]
        tokens = tuple(split_terms(norm_text)[1::2])
        differs: tuple[str, ...] = ()
        if tokens == form.tokens:
            method = "folded" if form.derived else "exact"
        else:
            kind, differs = describe(form, [term_key(t) for t in tokens])
            method = {"same": "folded", "edited": "fuzzy"}.get(kind, kind)
        if form.text in phrase.learnt:  # a wording learnt from the corpus
            method = "synonym" if method in ("exact", "folded") else f"synonym+{method}"
        out.append(
            Occurrence(
                phrase_id=phrase.id,
                phrase=phrase.text,
                form=form.text,
                doc_id=doc.doc_id,
                source=doc.source,
                date=doc.date,
                score=h.score,
                start=start,
                end=end,
                text=doc.text[start:end],
                method=method,
                edits=h.edits,
                threshold=form.threshold,
                norm_phrase=form.norm,
                norm_text=norm_text,
                norm_start=ns,
                norm_end=ne,
                differs=differs,
                language=doc.language,
            )
        )
    return out


def track(
    docs: Iterable[Document],
    watchlist: Watchlist | Iterable[str | Phrase],
    *,
    threshold: float | None = None,
    match: str | None = None,
    progress: Callable[[Document], object] | None = None,
    workers: int | None = 1,
) -> Occurrences[Occurrence]:
    """Find every occurrence of every phrase of ``watchlist`` in ``docs``.

    Args:
        docs: Documents (any iterable; it is read once, a chunk at a time).
        watchlist: A :class:`Watchlist`, or strings/phrases to build one from.
        threshold: A score 0–100 for phrases without their own threshold;
            ``None`` (default) uses the matching rule described in docs/track.md.
        match: The strictness of that rule for phrases without their own:
            ``"exact"`` (the formula's words in its order, up to case, spelling
            and inflection), ``"close"`` (default: also close variants: words
            inserted, conjuncts swapped, a compound turned round, a conjunction
            dropped, word edits in longer formulas) or ``"loose"`` (one more edit
            in longer formulas, and wordings learnt from ``docs`` with one word
            replaced, see :func:`~statement_tracker.learn_wordings`).
        progress: Called with each document once it is scanned.
        workers: Processes that normalise and scan (``-1``: every core); the
            default, 1, starts none.  The result is the same for any number.

    Returns:
        Occurrences in document order, then by position; per phrase they do not overlap.
        The list is an :class:`Occurrences`: it remembers the watchlist (for
        :func:`timeline`) and shows itself as a table (``str``, Jupyter,
        ``to_dataframe()``).

    Raises:
        UsageError: A threshold outside 0–100, an unknown match level.
        WatchlistError: An invalid watchlist.

    >>> d = Document.from_text("Comprehensive partnerships and strategic interaction.")
    >>> o = track([d], ["comprehensive partnership and strategic coordination"], match="loose")[0]
    >>> o.text, o.method, o.score
    ('Comprehensive partnerships and strategic interaction', 'fuzzy', 80.0)
    """
    count = resolve_workers(workers)
    wl = _as_watchlist(watchlist).with_match(check_level(match))
    if any(p.match == "loose" for p in wl):
        docs = docs if isinstance(docs, Sequence) else list(docs)
        wl = _learn(docs, wl)
    if count == 1:
        return _run(docs, wl, threshold, progress, brute=False)
    # bad input raises here, not in a worker; forked workers inherit this index (and its
    # caches) instead of building their own
    compiled(wl, threshold)
    sent: deque[list[Document]] = deque()

    def feed() -> Iterator[list[Document]]:
        for chunk in chunked(docs, _length):
            sent.append(chunk)
            yield chunk

    out: Occurrences[Occurrence] = Occurrences(watchlist=wl)
    setup: tuple[Watchlist, float | None] = (wl, threshold)
    if isinstance(docs, Sequence):  # forked workers read the documents where they are
        for a, b, per_doc in run_sequence(
            _track_chunk, docs, _length, workers=count, initializer=_start_worker, initargs=setup
        ):
            _collect(docs[a:b], per_doc, out, progress)
        return out
    for per_doc in run_chunks(
        _track_chunk, feed(), workers=count, initializer=_start_worker, initargs=setup
    ):
        _collect(sent.popleft(), per_doc, out, progress)
    return out


def _learn(docs: Sequence[Document], wl: Watchlist) -> Watchlist:
    """The watchlist with the wordings its loose phrases learn from ``docs``."""
    from ._learn import learn_wordings  # imports the scanner: not needed otherwise

    loose = Watchlist([p for p in wl if p.match == "loose"])
    return wl.with_learnt(learn_wordings(docs, loose))


def _length(doc: Document) -> int:
    return len(doc.text)


def _collect(
    docs: Sequence[Document],
    per_doc: list[list[Occurrence]],
    out: list[Occurrence],
    progress: Callable[[Document], object] | None,
) -> None:
    """Add one chunk's occurrences to ``out``, reporting each document."""
    for doc, found in zip(docs, per_doc, strict=True):
        out.extend(found)
        if progress is not None:
            progress(doc)


def _track_one(
    doc: Document, index: PhraseIndex, wl: Watchlist, *, brute: bool = False
) -> list[Occurrence]:
    """The occurrences in one document."""
    norm = normalise(doc.text)
    if brute:
        hits = brute_force_scan(index.forms, norm.text, language=doc.language)
    else:
        hits = index.scan(norm.text, language=doc.language)
    return occurrences_from_hits(doc, hits, norm, index.forms, wl) if hits else []


def _run(
    docs: Iterable[Document],
    watchlist: Watchlist | Iterable[str | Phrase],
    threshold: float | None,
    progress: Callable[[Document], object] | None,
    *,
    brute: bool,
) -> Occurrences[Occurrence]:
    wl = _as_watchlist(watchlist)
    index = compiled(wl, threshold)
    out: Occurrences[Occurrence] = Occurrences(watchlist=wl)
    for doc in docs:
        out.extend(_track_one(doc, index, wl, brute=brute))
        if progress is not None:
            progress(doc)
    return out


# worker processes: one index each, built once
_WORKER: list[tuple[PhraseIndex, Watchlist]] = []


def _start_worker(wl: Watchlist, threshold: float | None) -> None:
    _WORKER[:] = [(compiled(wl, threshold), wl)]


def _track_chunk(docs: list[Document]) -> list[list[Occurrence]]:
    index, wl = _WORKER[0]
    return [_track_one(doc, index, wl) for doc in docs]


def brute_force_track(
    docs: Iterable[Document],
    watchlist: Watchlist | Iterable[str | Phrase],
    *,
    threshold: float | None = None,
    match: str | None = None,
) -> list[Occurrence]:
    """The slow, obvious reference for :func:`track`: every token window is verified.

    >>> d = Document.from_text("A new era, not a new year.")
    >>> [o.text for o in brute_force_track([d], ["new era"])]
    ['new era']
    """
    wl = _as_watchlist(watchlist).with_match(check_level(match))
    return _run(docs, wl, threshold, None, brute=True)


def find_phrase(
    text: str | Document,
    phrase: str | Phrase,
    *,
    threshold: float | None = None,
    match: str | None = None,
) -> list[Occurrence]:
    """Every occurrence of one phrase in one text: the reusable matcher for other stages.

    >>> [(o.start, o.end) for o in find_phrase("No limits, no limits.", "no limit")]
    [(0, 9), (11, 20)]
    """
    doc = text if isinstance(text, Document) else Document.from_text(text)
    return track([doc], [phrase], threshold=threshold, match=match)

"""What is new in this readout?  A new document against the archive of its series.

:func:`compare` answers four questions and returns them as one frozen
:class:`Comparison`:

* which watchlist formulas the new readout contains, and which formulas found
  in the series' earlier readouts it no longer contains (*absent*);
* which of its sentences are *new*: no sentence anywhere in the archive has a
  token similarity of at least ``threshold`` with it;
* which *recur*, with the date and document of their first appearance;
* the sentence diff against the series' previous readout (by date).

Nothing is added to the archive unless asked.  See ``docs/archive.md`` for the
JSON schema of :meth:`Comparison.to_dict`.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

import attrs

from .._diff import Diff, diff
from .._errors import UsageError
from .._text import Document, sentence_spans
from .._track import Occurrence, Watchlist, track
from ._display import ComparisonDisplay
from ._retrieve import SentenceFinder, sentence_terms

if TYPE_CHECKING:
    from ._core import ArchiveCore

__all__ = [
    "DEFAULT_THRESHOLD",
    "Appearance",
    "Comparison",
    "FormulaStatus",
    "SentenceStatus",
    "compare",
    "render_comparison_text",
]

#: Token similarity (0–100) at which a sentence counts as a recurrence.  Chosen on
#: the US–China leaders' readouts (benchmarks/compare_uschina.py, checked by hand):
#: at 85, five reworded recurrences scoring 82–84.6 were reported as new; at 80
#: none were, and nothing unrelated was reported as recurring.
DEFAULT_THRESHOLD = 80.0


def _date(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None


@attrs.frozen(kw_only=True)
class Appearance:
    """A stored sentence that matches a sentence of the new readout.

    Attributes:
        doc_id: The stored document.
        date: Its date, or ``None``.
        title: Its title, or ``None``.
        start: Start of the sentence in the stored document's text.
        end: End of the sentence.
        text: The stored sentence.
        score: Token similarity to the new sentence, 0–100.

    >>> Appearance(doc_id="d1", start=0, end=3, text="Yes", score=100.0).to_dict()["score"]
    100.0
    """

    doc_id: str
    date: _dt.date | None = None
    title: str | None = None
    start: int
    end: int
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict.

        >>> Appearance(doc_id="d1", start=0, end=1, text="x", score=90.0).to_dict()["date"]
        """
        d = attrs.asdict(self)
        d["date"] = _date(self.date)
        d["score"] = round(self.score, 2)
        return d


@attrs.frozen(kw_only=True)
class SentenceStatus:
    """One sentence of the new readout: new to the archive, or recurring.

    Attributes:
        start: Start offset in the new readout's text.
        end: End offset.
        text: The sentence.
        status: ``"new"`` or ``"recurring"``.
        documents: How many stored documents hold a close match.
        first: The earliest close match (by date, undated last), or ``None``.
        best: The closest match (highest score, then earliest), or ``None``.

    >>> SentenceStatus(start=0, end=2, text="Hi", status="new").to_dict()["first"]
    """

    start: int
    end: int
    text: str
    status: str = attrs.field(validator=attrs.validators.in_(("new", "recurring")))
    documents: int = 0
    first: Appearance | None = None
    best: Appearance | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict.

        >>> sorted(SentenceStatus(start=0, end=1, text="x", status="new").to_dict())[:3]
        ['best', 'documents', 'end']
        """
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "status": self.status,
            "documents": self.documents,
            "first": self.first.to_dict() if self.first else None,
            "best": self.best.to_dict() if self.best else None,
        }


@attrs.frozen(kw_only=True)
class FormulaStatus:
    """A watchlist formula in the new readout and in the series before it.

    Attributes:
        phrase_id: The phrase's id.
        phrase: The phrase's text.
        status: ``"present"`` (in the new readout) or ``"absent"`` (in earlier
            readouts of the series, not in the new one).
        occurrences: Its occurrences in the new readout (empty when absent).
        previous: How many earlier readouts of the series contain it.
        previous_total: How many earlier readouts there are.
        first_seen: ``(doc_id, date)`` of the earliest readout containing it, or ``None``.
        last_seen: ``(doc_id, date)`` of the latest earlier readout containing it, or ``None``.
        in_previous_readout: Whether the series' previous readout contains it.

    >>> FormulaStatus(phrase_id="P1", phrase="x", status="absent", previous=3).to_dict()["status"]
    'absent'
    """

    phrase_id: str
    phrase: str
    status: str = attrs.field(validator=attrs.validators.in_(("present", "absent")))
    occurrences: tuple[Occurrence, ...] = ()
    previous: int = 0
    previous_total: int = 0
    first_seen: tuple[str, _dt.date | None] | None = None
    last_seen: tuple[str, _dt.date | None] | None = None
    in_previous_readout: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict.

        >>> FormulaStatus(phrase_id="P1", phrase="x", status="present").to_dict()["last_seen"]
        """

        def seen(v: tuple[str, _dt.date | None] | None) -> dict[str, Any] | None:
            return {"doc_id": v[0], "date": _date(v[1])} if v else None

        return {
            "phrase_id": self.phrase_id,
            "phrase": self.phrase,
            "status": self.status,
            "occurrences": [
                {
                    "start": o.start,
                    "end": o.end,
                    "text": o.text,
                    "score": round(o.score, 2),
                    "method": o.method,
                }
                for o in self.occurrences
            ],
            "previous": self.previous,
            "previous_total": self.previous_total,
            "first_seen": seen(self.first_seen),
            "last_seen": seen(self.last_seen),
            "in_previous_readout": self.in_previous_readout,
        }


@attrs.frozen(kw_only=True, repr=False)
class Comparison(ComparisonDisplay):
    """The answer of :func:`compare` (and of ``statement-tracker compare``).

    ``repr()`` is one line of counts; ``str()`` and Jupyter show its formulas
    and new sentences as tables; :meth:`to_dataframe` gives either as a frame.

    Attributes:
        doc_id: The new readout's id.
        title: Its title.
        date: Its date.
        source: Where it was read from.
        series: The series compared against (``None``: the whole archive).
        threshold: The sentence similarity cutoff used, 0–100.
        archive_documents: How many stored documents its sentences were compared with.
        earlier: Ids of the series' readouts dated before it (the formula baseline).
        previous_id: The series' previous readout (diffed against), or ``None``.
        formulas: Formula statuses, present ones first, in watchlist order.
        sentences: Every sentence of the new readout, in text order.
        diff: The diff against the previous readout, or ``None``.
        added: Whether the readout was added to the archive afterwards.

    >>> c = Comparison(doc_id="d1", sentences=(SentenceStatus(start=0, end=2, text="Hi",
    ...                                                       status="new"),))
    >>> [s.text for s in c.new_sentences], c.to_dict()["counts"]["new_sentences"]
    (['Hi'], 1)
    """

    doc_id: str
    title: str | None = None
    date: _dt.date | None = None
    source: str = ""
    series: str | None = None
    threshold: float = DEFAULT_THRESHOLD
    archive_documents: int = 0
    earlier: tuple[str, ...] = ()
    previous_id: str | None = None
    formulas: tuple[FormulaStatus, ...] = ()
    sentences: tuple[SentenceStatus, ...] = ()
    diff: Diff | None = None
    added: bool = False

    @property
    def present(self) -> tuple[FormulaStatus, ...]:
        """Formulas the new readout contains."""
        return tuple(f for f in self.formulas if f.status == "present")

    @property
    def absent(self) -> tuple[FormulaStatus, ...]:
        """Formulas of earlier readouts that the new one lacks."""
        return tuple(f for f in self.formulas if f.status == "absent")

    @property
    def new_sentences(self) -> tuple[SentenceStatus, ...]:
        """Sentences with no close match anywhere in the archive."""
        return tuple(s for s in self.sentences if s.status == "new")

    @property
    def recurring_sentences(self) -> tuple[SentenceStatus, ...]:
        """Sentences with a close match in the archive."""
        return tuple(s for s in self.sentences if s.status == "recurring")

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``compare --format json``), documented in ``docs/archive.md``."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "date": _date(self.date),
            "source": self.source,
            "series": self.series,
            "threshold": self.threshold,
            "archive_documents": self.archive_documents,
            "earlier": list(self.earlier),
            "previous_id": self.previous_id,
            "counts": {
                "formulas_present": len(self.present),
                "formulas_absent": len(self.absent),
                "sentences": len(self.sentences),
                "new_sentences": len(self.new_sentences),
                "recurring_sentences": len(self.recurring_sentences),
            },
            "formulas": [f.to_dict() for f in self.formulas],
            "sentences": [s.to_dict() for s in self.sentences],
            "diff": self.diff.to_dict() if self.diff else None,
            "added": self.added,
        }


def compare(
    archive: ArchiveCore,
    new_doc: Document,
    *,
    series: str | None = None,
    watchlist: Watchlist | None = None,
    threshold: float | None = None,
    add: bool = False,
) -> Comparison:
    """Compare ``new_doc`` with the archive (see the module docstring).

    ``series`` defaults to ``new_doc.series``; without either, the whole
    archive is the series.  Without ``watchlist``, the one saved in the archive
    under the series' name (:meth:`Archive.save_watchlist`) is used, if any.
    The new readout itself (same text) is left out of the archive it is
    compared with.
    """
    cutoff = DEFAULT_THRESHOLD if threshold is None else float(threshold)
    if not 0 < cutoff <= 100:
        raise UsageError(None, f"threshold must be in (0, 100], not {threshold}")
    series = series or new_doc.series
    if watchlist is None and series is not None:
        watchlist = archive.watchlist(series)
    store = archive.store
    archive.require_current_index()
    with store.snapshot():
        entries = [e for e in archive.entries(series=series) if e.sha256 != new_doc.sha256]
        earlier = [
            e
            for e in entries
            if new_doc.date is None or (e.date is not None and e.date < new_doc.date)
        ]
        everything = archive.internal_ids(None, exclude_sha=new_doc.sha256)
        sentences = _sentences(store, everything, new_doc, cutoff, archive)
        formulas: tuple[FormulaStatus, ...] = ()
        if watchlist is not None:
            formulas = _formulas(archive, new_doc, watchlist, earlier, series)
        previous = _previous_readout(earlier, new_doc.language)
        old_doc = archive.get(previous.doc_id) if previous else None
    result = Comparison(
        doc_id=new_doc.doc_id,
        title=new_doc.title,
        date=new_doc.date,
        source=new_doc.source,
        series=series,
        threshold=cutoff,
        archive_documents=len(everything),
        earlier=tuple(e.doc_id for e in earlier),
        previous_id=previous.doc_id if previous else None,
        formulas=formulas,
        sentences=sentences,
        diff=diff(old_doc, new_doc, watchlist=watchlist) if old_doc is not None else None,
        added=False,
    )
    if add:
        archive.add([new_doc], series=series)
        result = attrs.evolve(result, added=True)
    return result


def _sentences(
    store: Any, among: set[int], doc: Document, cutoff: float, archive: ArchiveCore
) -> tuple[SentenceStatus, ...]:
    finder = SentenceFinder(store, among, cutoff=cutoff)
    spans = sentence_spans(doc.text, language=doc.language)
    token_lists = [sentence_terms(doc.text[s:e]) for s, e in spans]
    finder.prepare(t for toks in token_lists for t in toks)
    meta: dict[int, Any] = {}
    out: list[SentenceStatus] = []
    for (s, e), toks in zip(spans, token_lists, strict=True):
        matches = finder.similar(toks) if toks else []
        if not matches:
            out.append(SentenceStatus(start=s, end=e, text=doc.text[s:e], status="new"))
            continue
        for d, *_ in matches:
            if d not in meta:
                meta[d] = archive.entry_by_internal_id(d)
        apps = [
            Appearance(
                doc_id=meta[d].doc_id,
                date=meta[d].date,
                title=meta[d].title,
                start=ms,
                end=me,
                text=finder.text(d)[ms:me],
                score=score,
            )
            for d, ms, me, score in matches
        ]
        first = min(apps, key=lambda a: (a.date is None, a.date or _dt.date.min, a.doc_id))
        best = min(apps, key=lambda a: (-a.score, a.date is None, a.date or _dt.date.min))
        out.append(
            SentenceStatus(
                start=s,
                end=e,
                text=doc.text[s:e],
                status="recurring",
                documents=len({a.doc_id for a in apps}),
                first=first,
                best=best,
            )
        )
    return tuple(out)


def _previous_readout(earlier: list[Any], language: str) -> Any:
    """The latest earlier readout in the same language (a translation or a Chinese joint
    statement between two English readouts says nothing diffable), else the latest."""
    for entry in reversed(earlier):
        if entry.language == language:
            return entry
    return earlier[-1] if earlier else None


def _formulas(
    archive: ArchiveCore,
    doc: Document,
    watchlist: Watchlist,
    earlier: list[Any],
    series: str | None,
) -> tuple[FormulaStatus, ...]:
    now = track([doc], watchlist)
    earlier_ids = {e.doc_id for e in earlier}
    dates = {e.doc_id: e.date for e in earlier}
    order = {e.doc_id: i for i, e in enumerate(earlier)}
    before: dict[str, set[str]] = {}
    for o in archive.track(watchlist, series=series):
        if o.doc_id in earlier_ids:
            before.setdefault(o.phrase_id, set()).add(o.doc_id)
    prev = _previous_readout(earlier, doc.language)
    previous_id = prev.doc_id if prev else None
    present: list[FormulaStatus] = []
    absent: list[FormulaStatus] = []
    for phrase in watchlist:
        occ = tuple(o for o in now if o.phrase_id == phrase.id)
        seen = sorted(before.get(phrase.id, ()), key=order.__getitem__)
        if not occ and not seen:
            continue
        status = FormulaStatus(
            phrase_id=phrase.id,
            phrase=phrase.text,
            status="present" if occ else "absent",
            occurrences=occ,
            previous=len(seen),
            previous_total=len(earlier),
            first_seen=(seen[0], dates[seen[0]]) if seen else None,
            last_seen=(seen[-1], dates[seen[-1]]) if seen else None,
            in_previous_readout=previous_id in seen,
        )
        (present if occ else absent).append(status)
    return (*present, *absent)


def render_comparison_text(c: Comparison, *, width: int | None = 100) -> str:
    """A plain-text report of a comparison, for people; sentences longer than ``width``
    are cut with "…" and a last line says how many (``None``: nothing is cut).

    >>> print(render_comparison_text(Comparison(doc_id="d1", title="Call")).splitlines()[0])
    d1  Call  (undated)
    """
    cut = [0]

    def short(text: str) -> str:
        text = " ".join(text.split())
        if width is None or len(text) <= width:
            return text
        cut[0] += 1
        return text[: width - 1] + "…"

    lines = [f"{c.doc_id}  {c.title or c.source}  ({_date(c.date) or 'undated'})"]
    lines.append(
        f"against {'series ' + repr(c.series) if c.series else 'the whole archive'}: "
        f"{len(c.earlier)} earlier readouts, {c.archive_documents} archived documents; "
        f"previous readout: {c.previous_id or 'none'}"
    )
    if c.formulas:
        lines += ["", f"Formulas present ({len(c.present)}):"]
        for f in c.present:
            tag = "NEW to the series" if not f.previous else f"in {f.previous}/{f.previous_total}"
            lines.append(f"  {f.phrase_id} {f.phrase!r} x{len(f.occurrences)}  ({tag} earlier)")
        lines += ["", f"Formulas absent ({len(c.absent)}):"]
        for f in c.absent:
            last = f.last_seen
            where = f"last {_date(last[1]) or 'undated'} {last[0]}" if last else ""
            prev = "; was in the previous readout" if f.in_previous_readout else ""
            lines.append(
                f"  {f.phrase_id} {f.phrase!r}  in {f.previous}/{f.previous_total} earlier, "
                f"{where}{prev}"
            )
    lines += ["", f"New sentences ({len(c.new_sentences)} of {len(c.sentences)}):"]
    lines += [f"  + {short(s.text)}" for s in c.new_sentences]
    lines += ["", f"Recurring sentences ({len(c.recurring_sentences)}):"]
    for s in c.recurring_sentences:
        first = s.first or s.best
        if first is None:
            continue
        when = _date(first.date) or "undated"
        where = f"first {when} {first.doc_id} (score {first.score:.0f}/100)"
        lines.append(f"  = {short(s.text)}\n      {where}, in {s.documents} document(s)")
    if c.diff is not None:
        sm = c.diff.summary
        lines += [
            "",
            f"Diff against {c.previous_id}: kept {sm.kept}, typographic {sm.typographic}, "
            f"reworded {sm.reworded}, added {sm.added}, removed {sm.removed}, moved {sm.moved}; "
            f"similarity {sm.similarity:.1f}%",
        ]
    if c.added:
        lines += ["", "added to the archive"]
    if cut[0]:
        lines += ["", f"… {cut[0]} sentence(s) cut to {width} characters; --format json has them"]
    return "\n".join(lines) + "\n"

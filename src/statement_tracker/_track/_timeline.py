"""Timelines: where and since when each formula appears, in what wording, and when it stopped.

For each formula (and each series, when grouped), documents are ordered by
date; each gets a status: ``present`` (the formula's words, up to spelling and
inflection), ``variant`` (only a variant occurrence: words inserted, deleted or
substituted) or ``absent``.

Drop-out rule
    A formula *drops out* of a series when the series ends with at least
    ``min_absent`` documents without it (default 1), right after a run of at
    least ``min_run`` consecutive documents with it (default 3).  Undated
    documents are reported in ``undated`` and take no part in the ordering.

>>> from statement_tracker import Document, Watchlist, track
>>> docs = [Document.from_text(t, source=f"r{i}", date=f"2023-0{i}-01")
...         for i, t in enumerate(["No limits.", "No limits.", "No limits.", "Other."], 1)]
>>> tl = timeline(track(docs, ["no limits"]), docs)
>>> print(tl.dropouts[0].message)
present in 3 consecutive documents, absent from the last 1 since 2023-04-01
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import attrs

from .._errors import UsageError
from ._timeline_display import TimelineDisplay
from ._track import Occurrence
from ._watchlist import Watchlist
from ._wordings import Wording, wordings_by_source

__all__ = [
    "STATUSES",
    "DocStatus",
    "DropOut",
    "FormulaTimeline",
    "Gap",
    "Timeline",
    "Variant",
    "timeline",
]

#: Document statuses, strongest first.
STATUSES: tuple[str, ...] = ("present", "variant", "absent")

#: Occurrence methods that are the formula's own words (``present``); any other
#: method (a close variant's kind, ``synonym``, ``fuzzy``) makes a ``variant``.
_SURFACE: frozenset[str] = frozenset({"exact", "folded"})


class _DocLike(Protocol):
    @property
    def doc_id(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def date(self) -> _dt.date | None: ...


@attrs.frozen(kw_only=True)
class DocStatus:
    """A formula's status in one document.

    Attributes:
        doc_id: The document.
        source: Its source.
        date: Its date (``None`` for undated documents).
        status: ``present``, ``variant`` or ``absent``.
        count: Occurrences of the formula in it.
        best_score: The best occurrence score, or ``None``.

    >>> DocStatus(doc_id="d1", source="a", date=None, status="absent").count
    0
    """

    doc_id: str
    source: str
    date: _dt.date | None
    status: str
    count: int = 0
    best_score: float | None = None


@attrs.frozen(kw_only=True)
class Gap:
    """A run of documents without the formula between two that have it.

    >>> Gap(first=_dt.date(2020, 1, 1), last=_dt.date(2020, 2, 1), documents=2).documents
    2
    """

    first: _dt.date
    last: _dt.date
    documents: int


@attrs.frozen(kw_only=True)
class DropOut:
    """A formula present in a run of documents and absent from the last ones of its series.

    Attributes:
        phrase_id: The formula.
        series: The series (``None`` when not grouped).
        run: Consecutive documents with the formula before it stopped.
        absent: Documents at the end of the series without it.
        last_seen: Date of the last document with it.
        since: Date of the first document without it.
        message: The same in words.

    >>> from statement_tracker import Document, track
    >>> docs = [Document.from_text(t, source=str(i), date=f"2024-0{i}-01")
    ...         for i, t in enumerate(["new era", "new era", "new era", "old"], 1)]
    >>> d = timeline(track(docs, ["new era"]), docs).dropouts[0]
    >>> d.run, d.absent, d.since.isoformat()
    (3, 1, '2024-04-01')
    """

    phrase_id: str
    series: str | None
    run: int
    absent: int
    last_seen: _dt.date
    since: _dt.date
    message: str


@attrs.frozen(kw_only=True)
class Variant:
    """One wording found for a formula (normalised), with how often and since when.

    >>> Variant(text="no limits", method="exact", count=2, first_date=None, first_doc="d1").count
    2
    """

    text: str
    method: str
    count: int
    first_date: _dt.date | None
    first_doc: str


@attrs.frozen(kw_only=True)
class FormulaTimeline:
    """One formula over one series of documents.

    Attributes:
        phrase_id: The formula's id.
        phrase: Its text.
        series: The series, or ``None`` when not grouped.
        first_seen: Date of the first dated document with it (``None`` if never).
        last_seen: Date of the last one.
        statuses: Per dated document, in date order.
        undated: Per undated document.
        gaps: Runs of absences between presences.
        dropout: The drop-out, if the formula stopped.
        variants: Wordings found, most frequent first.
        wordings: Per language and publisher, the watchlist wordings that matched
            (text, aliases, translations), with first and last dates and counts
            (:class:`~._wordings.Wording`), by language, publisher and first date.

    >>> from statement_tracker import Document, track
    >>> docs = [Document.from_text("A new era.", date="2024-01-02")]
    >>> f = timeline(track(docs, ["new era"]), docs).formulas[0]
    >>> f.phrase, f.first_seen.isoformat(), f.strip()
    ('new era', '2024-01-02', '#')
    """

    phrase_id: str
    phrase: str
    series: str | None
    first_seen: _dt.date | None
    last_seen: _dt.date | None
    statuses: tuple[DocStatus, ...]
    undated: tuple[DocStatus, ...]
    gaps: tuple[Gap, ...]
    dropout: DropOut | None
    variants: tuple[Variant, ...]
    wordings: tuple[Wording, ...] = ()

    def strip(self) -> str:
        """Presence per document as a compact strip: ``#`` present, ``~`` variant, ``.`` absent.

        >>> FormulaTimeline(phrase_id="P", phrase="x", series=None, first_seen=None,
        ...     last_seen=None, statuses=(DocStatus(doc_id="a", source="a", date=None,
        ...     status="variant"),), undated=(), gaps=(), dropout=None, variants=()).strip()
        '~'
        """
        return "".join({"present": "#", "variant": "~"}.get(s.status, ".") for s in self.statuses)

    def counts(self) -> dict[str, int]:
        """Documents per status (dated and undated).

        >>> FormulaTimeline(phrase_id="P", phrase="x", series=None, first_seen=None,
        ...     last_seen=None, statuses=(), undated=(), gaps=(), dropout=None,
        ...     variants=()).counts()
        {'present': 0, 'variant': 0, 'absent': 0}
        """
        out = dict.fromkeys(STATUSES, 0)
        for s in (*self.statuses, *self.undated):
            out[s.status] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (the ``timeline --format json`` schema, see docs/track.md).

        >>> sorted(FormulaTimeline(phrase_id="P", phrase="x", series=None, first_seen=None,
        ...     last_seen=None, statuses=(), undated=(), gaps=(), dropout=None,
        ...     variants=()).to_dict())[:3]
        ['counts', 'dropout', 'first_seen']
        """
        d = attrs.asdict(self, value_serializer=_serialise)
        d["strip"] = self.strip()
        d["counts"] = self.counts()
        return d


def _serialise(_inst: object, _field: object, value: object) -> object:
    return value.isoformat() if isinstance(value, _dt.date) else value


@attrs.frozen(repr=False)
class Timeline(TimelineDisplay):
    """Timelines of every formula (per series when grouped).

    ``repr()`` is one line, ``str()`` a table (a presence strip per formula),
    Jupyter shows it as HTML, and :meth:`to_dataframe` gives one row per
    formula × document.

    Attributes:
        formulas: One :class:`FormulaTimeline` per formula and series.
        series_field: The document field used for grouping, or ``None``.

    >>> from statement_tracker import Document, track
    >>> docs = [Document.from_text("No limits.", date="2024-01-02", series="A")]
    >>> tl = timeline(track(docs, ["no limits"]), docs, series="series")
    >>> [(f.phrase_id, f.series) for f in tl.formulas], tl.dropouts
    ([('P01', 'A')], ())
    """

    formulas: tuple[FormulaTimeline, ...]
    series_field: str | None = None

    @property
    def dropouts(self) -> tuple[DropOut, ...]:
        """Every drop-out, in formula order.

        >>> Timeline(()).dropouts
        ()
        """
        return tuple(f.dropout for f in self.formulas if f.dropout is not None)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict.

        >>> Timeline(()).to_dict()
        {'series_field': None, 'formulas': []}
        """
        return {"series_field": self.series_field, "formulas": [f.to_dict() for f in self.formulas]}


def _series_of(doc: object, field: str | None) -> str | None:
    if field is None:
        return None
    value = getattr(doc, field, None)
    return None if value is None else str(value)


def timeline(
    occurrences: Iterable[Occurrence],
    docs: Iterable[_DocLike],
    *,
    series: str | None = None,
    watchlist: Watchlist | None = None,
    min_run: int = 3,
    min_absent: int = 1,
) -> Timeline:
    """Build per-formula timelines from :func:`track` output and the tracked documents.

    Args:
        occurrences: What :func:`~statement_tracker.track` returned.
        docs: The documents that were tracked (their ids, sources, dates, series field).
        series: A document field to group by (``"series"``, ``"publisher"`` …), or ``None``.
        watchlist: The formulas and their order.  Default: the watchlist that
            :func:`track` remembers on its result (:class:`Occurrences`), so
            ``timeline(track(docs, wl), docs)`` lists every formula of ``wl``, in
            its order, those never seen included (as the command line does).
            Formulas only in ``occurrences`` follow, in order of appearance.
        min_run: Presences in a row needed before a drop-out counts.
        min_absent: Absences at the end of a series needed for a drop-out.

    Raises:
        UsageError: An unknown ``series`` field, or ``min_run``/``min_absent`` below 1.

    >>> from statement_tracker import Document, track
    >>> docs = [Document.from_text("A new era.", date="2024-01-02"), Document.from_text("x")]
    >>> f = timeline(track(docs, ["new era"]), docs).formulas[0]
    >>> f.first_seen, f.strip(), [u.status for u in f.undated]
    (datetime.date(2024, 1, 2), '#', ['absent'])
    >>> [f.phrase for f in timeline(track(docs, ["old times", "new era"]), docs).formulas]
    ['old times', 'new era']
    """
    if min_run < 1 or min_absent < 1:
        raise UsageError(None, "min_run and min_absent must be at least 1")
    doc_list = list(docs)
    if series is not None and doc_list and not hasattr(doc_list[0], series):
        raise UsageError(None, f"unknown series field {series!r}")
    if watchlist is None:
        remembered = getattr(occurrences, "watchlist", None)
        watchlist = remembered if isinstance(remembered, Watchlist) else None
    occ = list(occurrences)
    phrases: dict[str, str] = {}
    if watchlist is not None:
        phrases.update((p.id, p.text) for p in watchlist)
    for o in occ:
        phrases.setdefault(o.phrase_id, o.phrase)
    by_key: dict[tuple[str, str], list[Occurrence]] = {}
    for o in occ:
        by_key.setdefault((o.phrase_id, o.doc_id), []).append(o)
    groups: dict[str | None, list[_DocLike]] = {}
    for d in doc_list:
        groups.setdefault(_series_of(d, series), []).append(d)
    # each group is put in date order once, not once per formula
    ordered = [
        (name, _in_order(groups[name]))
        for name in sorted(groups, key=lambda g: (g is not None, g or ""))
    ]
    out: list[FormulaTimeline] = []
    for pid, text in phrases.items():
        for name, (dated, undated) in ordered:
            out.append(
                _formula(
                    pid, text, name, dated, undated, by_key, min_run=min_run, min_absent=min_absent
                )
            )
    return Timeline(tuple(out), series)


def _in_order(docs: list[_DocLike]) -> tuple[list[_DocLike], list[_DocLike]]:
    """Dated documents by (date, source), then undated ones by source."""
    dated = sorted((d for d in docs if d.date is not None), key=lambda d: (d.date, d.source))
    undated = sorted((d for d in docs if d.date is None), key=lambda d: d.source)
    return dated, undated


def _status(doc: _DocLike, found: Sequence[Occurrence]) -> DocStatus:
    if not found:
        return DocStatus(doc_id=doc.doc_id, source=doc.source, date=doc.date, status="absent")
    status = "present" if any(o.method in _SURFACE for o in found) else "variant"
    return DocStatus(
        doc_id=doc.doc_id,
        source=doc.source,
        date=doc.date,
        status=status,
        count=len(found),
        best_score=max(o.score for o in found),
    )


def _formula(
    pid: str,
    text: str,
    series: str | None,
    dated: list[_DocLike],
    undated: list[_DocLike],
    by_key: dict[tuple[str, str], list[Occurrence]],
    *,
    min_run: int,
    min_absent: int,
) -> FormulaTimeline:
    statuses = tuple(_status(d, by_key.get((pid, d.doc_id), ())) for d in dated)
    seen = [s for s in statuses if s.status != "absent"]
    variants: dict[str, list[Any]] = {}
    mine: list[Occurrence] = []
    for d in (*dated, *undated):
        for o in by_key.get((pid, d.doc_id), ()):
            v = variants.setdefault(o.norm_text, [o.method, 0, d.date, d.doc_id])
            v[1] += 1
            mine.append(o)
    return FormulaTimeline(
        phrase_id=pid,
        phrase=text,
        series=series,
        first_seen=seen[0].date if seen else None,
        last_seen=seen[-1].date if seen else None,
        statuses=statuses,
        undated=tuple(_status(d, by_key.get((pid, d.doc_id), ())) for d in undated),
        gaps=_gaps(statuses),
        dropout=_dropout(pid, series, statuses, min_run, min_absent),
        variants=tuple(
            Variant(text=t, method=m, count=c, first_date=fd, first_doc=fdoc)
            for t, (m, c, fd, fdoc) in sorted(variants.items(), key=lambda kv: -kv[1][1])
        ),
        wordings=wordings_by_source(mine, (*dated, *undated)),
    )


def _gaps(statuses: Sequence[DocStatus]) -> tuple[Gap, ...]:
    gaps: list[Gap] = []
    run: list[DocStatus] = []
    started = False
    for s in statuses:
        if s.status == "absent":
            if started:
                run.append(s)
            continue
        if run:
            assert run[0].date is not None and run[-1].date is not None
            gaps.append(Gap(first=run[0].date, last=run[-1].date, documents=len(run)))
        run = []
        started = True
    return tuple(gaps)


def _dropout(
    pid: str, series: str | None, statuses: Sequence[DocStatus], min_run: int, min_absent: int
) -> DropOut | None:
    absent = 0
    for s in reversed(statuses):
        if s.status != "absent":
            break
        absent += 1
    run = 0
    for s in reversed(statuses[: len(statuses) - absent]):
        if s.status == "absent":
            break
        run += 1
    if absent < min_absent or run < min_run:
        return None
    last = statuses[len(statuses) - absent - 1]
    first_absent = statuses[len(statuses) - absent]
    assert last.date is not None and first_absent.date is not None
    where = f" of series {series}" if series is not None else ""
    message = (
        f"present in {run} consecutive documents{where}, "
        f"absent from the last {absent} since {first_absent.date.isoformat()}"
    )
    return DropOut(
        phrase_id=pid,
        series=series,
        run=run,
        absent=absent,
        last_seen=last.date,
        since=first_absent.date,
        message=message,
    )

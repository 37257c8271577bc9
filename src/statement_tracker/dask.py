"""Tracking, timelines, sourcing and discovery on a Dask cluster, with a local run's results.

Install the extra (``pip install "statement-tracker[dask]"``: dask's bags,
``distributed`` and pyarrow).  Every function takes a :class:`dask.bag.Bag`
whose items are :class:`~statement_tracker.Document` objects or paths that
:func:`~statement_tracker.load_corpus` reads (JSONL corpora, files, folders);
a path is read where its partition runs, one document at a time.  The work of
each partition runs where the partition is, on the client's cluster when a
``dask.distributed`` client is active (otherwise on the bag's default
scheduler), and the parts are put together in the bag's order, so that

* ``track(bag, wl) == st.track(docs, wl)`` (same occurrences, same order);
* ``timeline(bag, wl) == st.timeline(st.track(docs, wl), docs, watchlist=wl)``;
* ``discover(bag) == st.discover(docs)``: each partition reads its documents into
  a :class:`~statement_tracker.DiscoveryCorpus`; the parts merge exactly;
* ``find_sources(article, bag)`` is ``st.find_sources(article, docs)`` where each
  quotation has at most 100 candidate documents (see :func:`find_sources`),

where ``docs`` are the bag's documents in order.  The watchlist is one task of
the graph that every partition's task depends on: each worker fetches it once
and keeps it while it works, rather than receiving a copy with every task.  When
the occurrences do not fit in memory, :func:`to_parquet` and :func:`to_jsonl`
write them as one file per partition, from the workers, and
:func:`read_occurrences` reads them back in order.  docs/dask.md shows the
pattern, and the same for Spark.

>>> import dask.bag as db
>>> import statement_tracker as st
>>> docs = [st.Document.from_text(t) for t in ("A new era.", "No limits.", "The new era.")]
>>> bag = db.from_sequence(docs, npartitions=2)
>>> track(bag, ["new era"], scheduler="sync") == st.track(docs, ["new era"])
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

try:
    import dask.bag
    import pyarrow as pa
    import pyarrow.parquet as pq
    from dask.delayed import delayed
except ImportError as exc:  # pragma: no cover - exercised where the extra is missing
    raise ImportError(
        "statement_tracker.dask needs the dask extra: "
        f'pip install "statement-tracker[dask]" ({exc})'
    ) from exc

import statement_tracker as st

__all__ = [
    "discover",
    "find_sources",
    "occurrences",
    "read_occurrences",
    "timeline",
    "to_jsonl",
    "to_parquet",
    "track",
]

T = TypeVar("T")
Item = st.Document | str | os.PathLike[str]

#: Columns of the Parquet files: the fields of :class:`~statement_tracker.Occurrence`.
SCHEMA = pa.schema(
    [
        ("phrase_id", pa.string()),
        ("phrase", pa.string()),
        ("form", pa.string()),
        ("doc_id", pa.string()),
        ("source", pa.string()),
        ("date", pa.date32()),
        ("score", pa.float64()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("method", pa.string()),
        ("edits", pa.int64()),
        ("threshold", pa.float64()),
        ("norm_phrase", pa.string()),
        ("norm_text", pa.string()),
        ("norm_start", pa.int64()),
        ("norm_end", pa.int64()),
        ("differs", pa.list_(pa.string())),
        ("language", pa.string()),
    ]
)


def _documents(items: Iterable[Item]) -> Iterator[st.Document]:
    """The documents of a partition: documents as they are, paths read one at a time."""
    for item in items:
        if isinstance(item, st.Document):
            yield item
        elif isinstance(item, str | os.PathLike):
            yield from st.load_corpus(item)
        else:
            raise st.UsageError(None, f"a bag of documents or paths, not {type(item).__name__}")


def _check_bag(bag: object) -> dask.bag.Bag:
    """The bag with each partition a list, made in the task that makes the partition.

    A partition may be an iterator (a generator of ``map_partitions``), which
    cannot be sent from one process to another; the work that follows depends on
    the watchlist too, so Dask does not run it in the same task, and the scheduler
    may run it in another worker.  A list of documents or paths travels.
    """
    if not isinstance(bag, dask.bag.Bag):
        raise st.UsageError(None, f"a dask.bag.Bag of documents or paths, not {type(bag).__name__}")
    return bag.map_partitions(_listed)


def _listed(part: Iterable[Item]) -> list[Item]:
    return part if isinstance(part, list) else list(part)


def _watchlist(
    watchlist: st.Watchlist | Iterable[str | st.Phrase], threshold: float | None, match: str | None
) -> st.Watchlist:
    """The watchlist as ``track`` uses it, checked here rather than in every worker."""
    wl = watchlist if isinstance(watchlist, st.Watchlist) else st.Watchlist(watchlist)
    st.track([], wl, threshold=threshold, match=match)  # a bad threshold or level raises here
    loose = [p.id for p in wl if (p.match or match) == "loose"]
    if loose:
        raise st.UsageError(
            None,
            f"match 'loose' learns wordings from the whole corpus, not per partition "
            f"({', '.join(loose[:3])}): learn them first (learn_wordings, "
            "Watchlist.with_learnt) and track with 'close'",
        )
    return wl


def _ship(value: T) -> Any:
    """``value`` as one task of the graph: each worker fetches it once, then holds it."""
    return delayed(value, pure=True, traverse=False)


def _run(
    bag: dask.bag.Bag,
    task: Callable[..., T],
    *args: Any,
    scheduler: str | None = None,
) -> list[T]:
    """``task(partition, *args)`` on every partition; the results in partition order.

    The task runs in the partition's own pipeline (``map_partitions``).
    """
    return list(bag.map_partitions(_one, task, *args).compute(scheduler=scheduler))


def _one(part: Iterable[Item], task: Callable[..., T], *args: Any) -> list[T]:
    return [task(part, *args)]


def _track_part(
    part: Iterable[Item], wl: st.Watchlist, threshold: float | None, match: str | None
) -> list[st.Occurrence]:
    return st.track(_documents(part), wl, threshold=threshold, match=match)


def occurrences(
    bag: dask.bag.Bag,
    watchlist: st.Watchlist | Iterable[str | st.Phrase],
    *,
    threshold: float | None = None,
    match: str | None = None,
) -> dask.bag.Bag:
    """A lazy bag of the occurrences of ``watchlist``, partitioned as ``bag``.

    Use it to go on with Dask (``.count()``, ``.map(...).to_dataframe()``);
    :func:`track` computes it into a list.

    >>> import dask.bag as db
    >>> docs = [st.Document.from_text("No limits."), st.Document.from_text("No limit.")]
    >>> occurrences(db.from_sequence(docs), ["no limits"]).count().compute(scheduler="sync")
    2
    """
    wl = _watchlist(watchlist, threshold, match)
    return _check_bag(bag).map_partitions(_track_part, _ship(wl), threshold, match)


def track(
    bag: dask.bag.Bag,
    watchlist: st.Watchlist | Iterable[str | st.Phrase],
    *,
    threshold: float | None = None,
    match: str | None = None,
    scheduler: str | None = None,
) -> list[st.Occurrence]:
    """Every occurrence of ``watchlist`` in the bag's documents: ``st.track(docs, watchlist)``.

    Args:
        bag: Documents, or paths :func:`~statement_tracker.load_corpus` reads.
        watchlist: A :class:`~statement_tracker.Watchlist`, or strings/phrases.
        threshold: As for :func:`~statement_tracker.track`.
        match: ``"exact"`` or ``"close"`` as for :func:`~statement_tracker.track`
            (``"loose"`` learns from the whole corpus at once: learn the wordings
            first, add them with ``Watchlist.with_learnt`` and track with ``"close"``).
        scheduler: A Dask scheduler name; ``None`` uses the active client or the default.

    Raises:
        UsageError: Not a bag, a threshold outside 0–100, an unknown or loose level.

    >>> import dask.bag as db
    >>> docs = [st.Document.from_text("A new era."), st.Document.from_text("New era, old ways.")]
    >>> [o.text for o in track(db.from_sequence(docs, npartitions=2), ["new era"],
    ...                        scheduler="sync")]
    ['new era', 'New era']
    """
    wl = _watchlist(watchlist, threshold, match)
    found = _check_bag(bag).map_partitions(_track_part, _ship(wl), threshold, match)
    return list(found.compute(scheduler=scheduler))


def _timeline_part(
    part: Iterable[Item], wl: st.Watchlist, threshold: float | None, match: str | None
) -> tuple[list[st.Occurrence], list[st.Document]]:
    stubs: list[st.Document] = []

    def kept() -> Iterator[st.Document]:
        for doc in _documents(part):
            stubs.append(attrs.evolve(doc, text=""))  # the timeline needs no text
            yield doc

    return st.track(kept(), wl, threshold=threshold, match=match), stubs


def timeline(
    bag: dask.bag.Bag,
    watchlist: st.Watchlist | Iterable[str | st.Phrase],
    *,
    series: str | None = None,
    threshold: float | None = None,
    match: str | None = None,
    min_run: int = 3,
    min_absent: int = 1,
    scheduler: str | None = None,
) -> st.Timeline:
    """The timeline of ``watchlist`` over the bag's documents.

    Equal to ``st.timeline(st.track(docs, wl, threshold=…, match=…), docs,
    series=series, watchlist=wl, min_run=…, min_absent=…)``: formulas that never
    occur are listed too.  Only the documents' metadata comes back from the workers.

    Raises:
        UsageError: As :func:`track` and :func:`~statement_tracker.timeline`.

    >>> import dask.bag as db
    >>> docs = [st.Document.from_text("A new era.", date=f"2024-01-0{i}") for i in (1, 2)]
    >>> tl = timeline(db.from_sequence(docs), ["new era", "no limits"], scheduler="sync")
    >>> [(f.phrase, f.strip()) for f in tl.formulas]
    [('new era', '##'), ('no limits', '..')]
    """
    wl = _watchlist(watchlist, threshold, match)
    st.timeline([], [], min_run=min_run, min_absent=min_absent)  # bad arguments raise here
    parts = _run(_check_bag(bag), _timeline_part, _ship(wl), threshold, match, scheduler=scheduler)
    found = [o for occ, _ in parts for o in occ]
    docs = [d for _, stubs in parts for d in stubs]
    return st.timeline(
        found, docs, series=series, watchlist=wl, min_run=min_run, min_absent=min_absent
    )


def _read_part(part: Iterable[Item], series: str | None) -> st.DiscoveryCorpus:
    return st.DiscoveryCorpus(_documents(part), series=series)


def discover(
    bag: dask.bag.Bag,
    *,
    min_docs: int = 3,
    top: int | None = 50,
    series: str | None = None,
    max_share: float = 0.8,
    scheduler: str | None = None,
) -> list[st.Formula]:
    """The formulas that recur across the bag's documents: ``st.discover(docs, ...)``.

    The workers read their partitions into word ids
    (:class:`~statement_tracker.DiscoveryCorpus`); the parts are merged in order
    (duplicates across partitions count once, as in one run) and counted here,
    so the counts are exact, not sampled.  Counting needs the merged corpus in
    this process: about four bytes a word plus the text compressed.

    Raises:
        UsageError: Not a bag, or an argument ``st.discover`` refuses.

    >>> import dask.bag as db
    >>> docs = [st.Document.from_text(f"On day {i} we reaffirmed the one China policy.",
    ...                               source=str(i)) for i in range(4)]
    >>> [f.text for f in discover(db.from_sequence(docs, npartitions=2), scheduler="sync")]
    ['one China policy']
    """
    st.discover([], min_docs=min_docs, top=top, max_share=max_share)  # bad arguments raise here
    parts = _run(_check_bag(bag), _read_part, series, scheduler=scheduler)
    merged = st.DiscoveryCorpus.merge(parts)
    return st.discover(merged, min_docs=min_docs, top=top, max_share=max_share)


def _sources_part(
    part: Iterable[Item], article: str | st.Document, threshold: float | None
) -> list[st.QuoteSource]:
    return st.find_sources(article, list(_documents(part)), threshold=threshold)


def _date_key(m: st.SourceMatch) -> tuple[int, Any]:
    return (0, m.date) if m.date is not None else (1, None)


def _merge_sources(found: Sequence[st.QuoteSource]) -> st.QuoteSource:
    """One quotation's results from every partition, as one search of them all."""
    matched = [q for q in found if q.source is not None]
    considered = sum(q.candidates_considered for q in found)
    if not matched:
        return attrs.evolve(found[0], candidates_considered=considered)
    sources = [(q, q.source) for q in matched if q.source is not None]
    best, _ = min(sources, key=lambda qs: (-qs[1].score, _date_key(qs[1])))
    earliest = min((q.earliest for q in matched if q.earliest is not None), key=_date_key)
    return attrs.evolve(
        best,
        earliest=earliest,
        candidates_considered=considered,
        documents_matched=sum(q.documents_matched for q in matched),
    )


def find_sources(
    article: str | st.Document,
    bag: dask.bag.Bag,
    *,
    threshold: float | None = None,
    scheduler: str | None = None,
) -> list[st.QuoteSource]:
    """For every quotation in ``article``, the document of the bag it comes from.

    Each partition is searched with :func:`~statement_tracker.find_sources` and the
    answers are merged: the best source (highest score, then earliest date), the
    earliest document holding the quotation, the documents and candidates
    counted over all partitions.  This is ``st.find_sources(article, docs)`` as
    long as a quotation has at most 100 candidate documents and eight distinct
    words or fewer, which every quotation of the tests has; beyond that, one
    search ranks candidates by the rarity of words over the whole corpus and
    verifies only the first ones fuzzily, so it may differ (in the counts, or a
    source found in one way and not the other).

    >>> import dask.bag as db
    >>> docs = [st.Document.from_text("We keep open lines of communication.", source="a"),
    ...         st.Document.from_text("They keep open lines of communication.", source="b",
    ...                               date="2023-11-15")]
    >>> [q] = find_sources('They will "keep open lines of communication".',
    ...                    db.from_sequence(docs, npartitions=2), scheduler="sync")
    >>> q.source.source, q.documents_matched
    ('b', 2)
    """
    per_part = _run(_check_bag(bag), _sources_part, article, threshold, scheduler=scheduler)
    if not per_part:
        return st.find_sources(article, [], threshold=threshold)
    return [_merge_sources(found) for found in zip(*per_part, strict=True)]


def _write_part(
    part: Iterable[Item],
    index: Sequence[int],
    wl: st.Watchlist,
    threshold: float | None,
    match: str | None,
    directory: str,
    suffix: str,
) -> list[int]:
    """Track one partition and write its file; return ``[occurrences written]``."""
    found = st.track(_documents(part), wl, threshold=threshold, match=match)
    path = os.path.join(directory, f"part-{index[0]:05d}{suffix}")
    tmp = f"{path}.tmp"
    if suffix == ".parquet":
        rows = [{**o.to_dict(), "date": o.date, "score": o.score} for o in found]
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), tmp)
    else:
        with open(tmp, "w", encoding="utf-8") as out:
            for o in found:
                out.write(json.dumps(o.to_dict(), ensure_ascii=False) + "\n")
    os.replace(tmp, path)  # a partition's file is whole or absent
    return [len(found)]


def _write(
    bag: dask.bag.Bag,
    watchlist: st.Watchlist | Iterable[str | st.Phrase],
    directory: str | os.PathLike[str],
    suffix: str,
    threshold: float | None,
    match: str | None,
    scheduler: str | None,
) -> list[Path]:
    wl = _watchlist(watchlist, threshold, match)
    bag = _check_bag(bag)
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    # each partition's number, as a bag partitioned like ``bag``: the file name
    numbers = dask.bag.from_delayed([delayed([i], pure=True) for i in range(bag.npartitions)])
    written = bag.map_partitions(
        _write_part, numbers, _ship(wl), threshold, match, os.fspath(out), suffix
    )
    written.compute(scheduler=scheduler)
    return [out / f"part-{i:05d}{suffix}" for i in range(bag.npartitions)]


def to_jsonl(
    bag: dask.bag.Bag,
    watchlist: st.Watchlist | Iterable[str | st.Phrase],
    directory: str | os.PathLike[str],
    *,
    threshold: float | None = None,
    match: str | None = None,
    scheduler: str | None = None,
) -> list[Path]:
    """Track ``watchlist`` and write the occurrences as JSONL, one file per partition.

    The workers write ``part-00000.jsonl``, ``part-00001.jsonl`` … in
    ``directory`` (created if needed; the workers must see it), one
    :meth:`Occurrence.to_dict <statement_tracker.Occurrence.to_dict>` per line as
    ``track --format jsonl`` writes; a partition without occurrences gives an empty file.

    Returns:
        The files, in partition order.

    >>> import dask.bag as db, tempfile
    >>> docs = [st.Document.from_text("A new era."), st.Document.from_text("Old times.")]
    >>> files = to_jsonl(db.from_sequence(docs, npartitions=2), ["new era"], tempfile.mkdtemp(),
    ...                  scheduler="sync")
    >>> [f.name for f in files], [o.text for o in read_occurrences(files[0].parent)]
    (['part-00000.jsonl', 'part-00001.jsonl'], ['new era'])
    """
    return _write(bag, watchlist, directory, ".jsonl", threshold, match, scheduler)


def to_parquet(
    bag: dask.bag.Bag,
    watchlist: st.Watchlist | Iterable[str | st.Phrase],
    directory: str | os.PathLike[str],
    *,
    threshold: float | None = None,
    match: str | None = None,
    scheduler: str | None = None,
) -> list[Path]:
    """Track ``watchlist`` and write the occurrences as Parquet, one file per partition.

    The files (``part-00000.parquet`` …) have the columns of :data:`SCHEMA`, the
    occurrence's fields (``date`` a date, ``differs`` a list of strings), so that
    ``pyarrow.dataset``, pandas, Dask or Spark can read the directory as one table.

    Returns:
        The files, in partition order.

    >>> import dask.bag as db, tempfile, pyarrow.parquet as pq
    >>> docs = [st.Document.from_text("A new era.", date="2024-05-01")]
    >>> [f] = to_parquet(db.from_sequence(docs), ["new era"], tempfile.mkdtemp(),
    ...                  scheduler="sync")
    >>> pq.read_table(f).to_pylist()[0]["date"]
    datetime.date(2024, 5, 1)
    """
    return _write(bag, watchlist, directory, ".parquet", threshold, match, scheduler)


def read_occurrences(directory: str | os.PathLike[str]) -> Iterator[st.Occurrence]:
    """Read back what :func:`to_jsonl` or :func:`to_parquet` wrote, in partition order.

    One file is in memory at a time.  A JSONL score is rounded to two decimals
    (as ``track --format jsonl`` writes it); a Parquet score is kept whole.

    >>> list(read_occurrences(__import__("tempfile").mkdtemp()))
    []
    """
    for path in sorted(Path(directory).glob("part-*")):
        if path.suffix == ".parquet":
            rows: Iterable[dict[str, Any]] = pq.read_table(path).to_pylist()
        elif path.suffix == ".jsonl":
            with open(path, encoding="utf-8") as f:
                rows = [json.loads(line) for line in f]
        else:
            continue
        for row in rows:
            yield st.Occurrence.from_dict(row)

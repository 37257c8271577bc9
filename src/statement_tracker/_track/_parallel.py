"""Work on several processes: chunks of documents scanned in worker processes, in order.

Tracking a corpus is CPU-bound Python, so threads do not help; each worker
process builds its own :class:`~._scan.PhraseIndex` once (a few milliseconds)
and receives chunks of texts or documents.  Results come back in input
order, with at most two chunks per worker in flight, so a streamed corpus is
never read whole into memory.

>>> resolve_workers(1), resolve_workers(-1) >= 1
(1, True)
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from .._errors import UsageError

__all__ = ["chunk_ranges", "chunked", "resolve_workers", "run_chunks", "run_sequence"]

T = TypeVar("T")
R = TypeVar("R")

#: Characters of text per chunk sent to a worker.
CHUNK_CHARS = 1_000_000


def resolve_workers(workers: int | None) -> int:
    """The number of processes meant by ``workers``: ``-1`` or ``None`` is every core.

    >>> resolve_workers(3)
    3
    >>> resolve_workers(0)
    Traceback (most recent call last):
    ...
    statement_tracker._errors.UsageError: workers must be -1 (every core) or at least 1, not 0
    """
    if workers is None or workers == -1:
        return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise UsageError(None, f"workers must be -1 (every core) or at least 1, not {workers!r}")
    return workers


def chunked(
    items: Iterable[T], size: Callable[[T], int], limit: int = CHUNK_CHARS
) -> Iterator[list[T]]:
    """Consecutive lists of ``items`` whose ``size`` adds up to about ``limit``.

    >>> list(chunked(["ab", "c", "def", "g"], len, limit=3))
    [['ab', 'c'], ['def'], ['g']]
    """
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += size(item)
        if total >= limit:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def chunk_ranges(
    items: Sequence[T], size: Callable[[T], int], limit: int = CHUNK_CHARS
) -> Iterator[tuple[int, int]]:
    """``(start, end)`` ranges of ``items`` whose ``size`` adds up to about ``limit``.

    >>> list(chunk_ranges(["ab", "c", "def", "g"], len, limit=3))
    [(0, 2), (2, 3), (3, 4)]
    """
    start = total = 0
    for i, item in enumerate(items):
        total += size(item)
        if total >= limit:
            yield start, i + 1
            start, total = i + 1, 0
    if start < len(items):
        yield start, len(items)


# Sequences handed to forked workers by inheritance (no pickling): {key: items}
_SHARED: dict[int, Sequence[Any]] = {}


def _apply_range(work: Callable[[list[Any]], R], key: int, start: int, end: int) -> R:
    """In a forked worker: ``work`` on a slice of a sequence inherited from the parent."""
    return work(list(_SHARED[key][start:end]))


def run_sequence(
    work: Callable[[list[T]], R],
    items: Sequence[T],
    size: Callable[[T], int],
    *,
    workers: int,
    initializer: Callable[..., object],
    initargs: tuple[Any, ...],
) -> Iterator[tuple[int, int, R]]:
    """``work`` on consecutive chunks of ``items``, yielded in order as ``(start, end, result)``.

    Where processes are forked, the workers read ``items`` from the memory they
    inherit, so nothing but the results crosses between processes; elsewhere
    the chunks are sent to them.
    """
    ranges = list(chunk_ranges(items, size))
    if _context().get_start_method() != "fork":
        chunks = (list(items[a:b]) for a, b in ranges)
        results = run_chunks(
            work, chunks, workers=workers, initializer=initializer, initargs=initargs
        )
        for (a, b), result in zip(ranges, results, strict=True):
            yield a, b, result
        return
    key = id(items)
    _SHARED[key] = items  # set before the pool forks its workers
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=_context(), initializer=initializer, initargs=initargs
        ) as pool:
            futures = [pool.submit(_apply_range, work, key, a, b) for a, b in ranges]
            for (a, b), future in zip(ranges, futures, strict=True):
                yield a, b, future.result()
    finally:
        _SHARED.pop(key, None)


def _context() -> Any:
    """Fork on Linux (no re-import in the workers), else spawn (fork is unsafe on macOS)."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def run_chunks(
    work: Callable[[list[T]], R],
    chunks: Iterable[list[T]],
    *,
    workers: int,
    initializer: Callable[..., object],
    initargs: tuple[Any, ...],
) -> Iterator[R]:
    """``work(chunk)`` for every chunk, on ``workers`` processes, yielded in order.

    ``initializer(*initargs)`` runs once in each worker (to build its index);
    ``work`` and its chunks must be picklable.
    """
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=_context(), initializer=initializer, initargs=initargs
    ) as pool:
        pending: deque[Future[R]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(work, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

"""Compiled watchlists, built once per process and reused.

``track()`` compiles its watchlist into a :class:`~._scan.PhraseIndex` (forms, keys,
automaton).  A process that tracks the same watchlist again (a notebook re-running a
cell, a Dask or Spark worker running partition after partition, the worker processes
of ``track(workers=N)``) takes the index it built the first time: a small cache keyed by
the watchlist's content and the threshold, the last four kept.  An index holds no state
of one document, only caches of token keys, so sharing it changes no result.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from ._scan import PhraseIndex
from ._watchlist import Watchlist

__all__ = ["compiled"]

_SIZE = 4
_CACHE: OrderedDict[tuple[Watchlist, float | None], PhraseIndex] = OrderedDict()
_LOCK = threading.Lock()


def compiled(watchlist: Watchlist, threshold: float | None) -> PhraseIndex:
    """The index of ``watchlist`` at ``threshold``, built on first use in this process.

    >>> wl = Watchlist(["new era"])
    >>> compiled(wl, None) is compiled(Watchlist(["new era"]), None)
    True
    >>> compiled(wl, None) is compiled(wl, 90)
    False
    """
    key = (watchlist, threshold)
    with _LOCK:
        index = _CACHE.get(key)
        if index is not None:
            _CACHE.move_to_end(key)
            return index
    index = PhraseIndex(watchlist, threshold=threshold)  # bad input raises, nothing cached
    with _LOCK:
        index = _CACHE.setdefault(key, index)
        _CACHE.move_to_end(key)
        while len(_CACHE) > _SIZE:
            _CACHE.popitem(last=False)
    return index

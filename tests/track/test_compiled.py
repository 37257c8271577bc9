"""Compiled watchlists kept per process (``_track/_compiled.py``)."""

from __future__ import annotations

import pytest

import statement_tracker as st
from statement_tracker._track import _compiled
from statement_tracker._track._compiled import compiled


def test_same_watchlist_is_compiled_once() -> None:
    """Equal watchlists (by content) at one threshold share one index; another threshold
    or another watchlist gets its own."""
    a = compiled(st.Watchlist(["new era", "no limits"]), None)
    assert a is compiled(st.Watchlist(["new era", "no limits"]), None)
    assert a is not compiled(st.Watchlist(["new era", "no limits"]), 90)
    assert a is not compiled(st.Watchlist(["new era"]), None)


def test_cache_keeps_the_last_few() -> None:
    """Only the last few indexes are kept, the oldest dropped first."""
    first = compiled(st.Watchlist(["phrase number zero"]), None)
    for i in range(1, _compiled._SIZE + 1):
        compiled(st.Watchlist([f"phrase number {i}"]), None)
    assert len(_compiled._CACHE) == _compiled._SIZE
    assert first is not compiled(st.Watchlist(["phrase number zero"]), None)


def test_a_reused_index_gives_the_results_of_a_fresh_one() -> None:
    """Tracking other documents with a reused index finds what a fresh index finds."""
    wl = st.Watchlist(["comprehensive strategic partnership", "new era"])
    one = st.Document.from_text("A new era of comprehensive strategic partnerships.", source="a")
    two = st.Document.from_text("Comprehensive and strategic partnership in a new era.", source="b")
    st.track([one], wl)  # compiles and fills the index's token caches
    reused = st.track([two], wl)
    _compiled._CACHE.clear()
    assert reused == st.track([two], wl)


def test_bad_watchlist_is_not_kept() -> None:
    """A watchlist that does not compile raises each time and is not cached."""
    with pytest.raises(st.StatementTrackerError):
        st.track([], ["new era"], threshold=250)
    assert all(key[1] != 250 for key in _compiled._CACHE)

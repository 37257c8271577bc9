"""Tests for the worker-process helpers (``_parallel.py``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as hst

from statement_tracker import UsageError
from statement_tracker._track._parallel import chunk_ranges, chunked, resolve_workers


@given(hst.lists(hst.text(max_size=5)), hst.integers(1, 12))
def test_chunks_and_ranges_cover_the_items_in_order(items: list[str], limit: int) -> None:
    """Chunks concatenate back to the items; ranges cut them at the same places."""
    chunks = list(chunked(items, len, limit=limit))
    assert [x for c in chunks for x in c] == items
    assert [items[a:b] for a, b in chunk_ranges(items, len, limit=limit)] == chunks
    assert all(c for c in chunks)


@pytest.mark.parametrize("bad", [0, -3, 2.0, True, "2"])
def test_bad_worker_counts_are_usage_errors(bad: object) -> None:
    """Only -1, None and positive integers are process counts."""
    with pytest.raises(UsageError):
        resolve_workers(bad)  # type: ignore[arg-type]


def test_every_core_is_at_least_one() -> None:
    """-1 and None mean every core available to this process."""
    assert resolve_workers(-1) == resolve_workers(None) >= 1

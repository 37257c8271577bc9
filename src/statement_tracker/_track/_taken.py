"""Spans kept so far while choosing hits, checked against their neighbours only.

Choosing non-overlapping hits scanned every span kept so far for each new hit:
quadratic in the hits of one phrase (a 1 MB paragraph repeating a formula 6,700
times took 2 s in that loop alone, issue 20).  Spans of positive length that do
not overlap are in the same order by start and by end, so a binary search
finds the only one a new span could overlap.

>>> taken = Taken()
>>> taken.free(3, 7), taken.add(3, 7), taken.free(5, 9), taken.free(7, 9), taken.free(0, 3)
(True, None, False, True, True)
"""

from __future__ import annotations

from bisect import bisect_left

__all__ = ["Taken"]


class Taken:
    """Non-overlapping spans ``[start, end)``; "overlap" as ``end > s and start < e``.

    Mutable: it grows as hits are chosen.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._spans: list[tuple[int, int]] = []
        self._empty = False  # a zero-length span: order by start no longer orders ends

    def free(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps no span taken so far."""
        if self._empty or start >= end:
            return all(end <= s or start >= e for s, e in self._spans)
        i = bisect_left(self._starts, end)  # the spans that start before this one ends
        return i == 0 or self._ends[i - 1] <= start

    def add(self, start: int, end: int) -> None:
        """Take ``[start, end)`` (which :meth:`free` said overlaps nothing)."""
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._spans.append((start, end))
        self._empty = self._empty or start >= end

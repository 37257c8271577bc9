"""Candidates of one document, verified on its token boundaries (for :mod:`._scan`).

The Aho-Corasick pass of :class:`~._scan.PhraseIndex` gives, for each prefix
scanned for, where it occurs at the start of a word.  Here those offsets
become token numbers (through :func:`._token_bounds.token_bounds`, computed once
per document with numpy), each hit is checked to start a token with the
right key, and:

* a *piece* (the pigeonhole pieces of :attr:`Form.pieces`) is kept only where
  all its keys are there, token after token, before its window is verified; a
  piece that is the whole form, with no edit allowed, is the occurrence itself;
* a form *anchored on content words* is verified only around an anchor that
  has, within the reach of one window, enough of the form's content words
  (all but :attr:`Form.content_slack` of those the pass scanned for).

Only the tokens of the windows that survive become Python strings.  The
result is exactly what :func:`._brute_force.brute_force_scan` finds (tested with
Hypothesis through :class:`~._scan.PhraseIndex`).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Protocol

import numpy as np

from ._forms import Form, Hit
from ._token_bounds import Bounds
from ._windows import try_anchor, try_piece

__all__ = ["Candidates"]

# (form index, piece start, piece end, anchor offset, key set)
_Piece = tuple[int, int, int, int, frozenset[str]]


class _Index(Protocol):
    forms: tuple[Form, ...]
    _raw_key: dict[str, str]
    _prefixes: list[str]
    _prefix_reach: list[int]

    def _fold_one(self, token: str) -> str: ...

    def _fold_new(self, raw: Any) -> None: ...


class Candidates:
    """The candidate windows of one document.

    Args:
        index: The phrase index (its forms, prefixes and key cache).
        text: The normalised document.
        bounds: Its token starts and ends (:func:`._token_bounds.token_bounds`).

    >>> from statement_tracker._track._scan import PhraseIndex
    >>> from statement_tracker._track._watchlist import Watchlist
    >>> idx = PhraseIndex(Watchlist(["new era"]))
    >>> idx.scan("a new year in a new era")  # answered here when pyahocorasick is installed
    [Hit(form=0, start=16, end=23, edits=0, score=100.0)]
    """

    def __init__(self, index: _Index, text: str, bounds: Bounds) -> None:
        self._index = index
        self._text = text
        self._starts, self._ends = bounds
        self._size = len(self._starts)
        self._found: tuple[set[tuple[int, int, int]], list[Hit]] = (set(), [])

    def _key(self, t: int) -> str:
        """The key of token number ``t``."""
        tok = self._text[self._starts[t] : self._ends[t]]
        key = self._index._raw_key.get(tok)
        return self._index._fold_one(tok) if key is None else key

    def _region(self, r0: int, r1: int) -> tuple[list[str], list[int], list[int]]:
        """Keys, starts and ends of tokens ``r0`` to ``r1`` (exclusive)."""
        starts = self._starts[r0:r1].tolist()
        ends = self._ends[r0:r1].tolist()
        text = self._text
        raw = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        rk = self._index._raw_key
        new = set(raw).difference(rk)
        if new:
            self._index._fold_new(new)
        return list(map(rk.__getitem__, raw)), starts, ends

    def _tokens_by_key(self, hits: list[tuple[int, int]], wanted: set[int]) -> dict[str, list[int]]:
        """Token numbers (ascending) of the whole-token hits of the ``wanted`` prefixes, by key.

        ``hits`` are ``(end offset, prefix id)``; a key's list is complete when
        its own prefix is wanted.
        """
        starts = self._starts
        if not self._size:
            return {}
        reach = self._index._prefix_reach
        # where each hit of a wanted prefix starts, once each, in text order
        pos = np.array(
            sorted(dict.fromkeys([e - reach[p] for e, p in hits if p in wanted])), dtype=np.int64
        )
        idx = np.minimum(np.searchsorted(starts, pos), self._size - 1)
        idx = idx[starts[idx] == pos]  # hits at a token's start
        a, b = starts[idx].tolist(), self._ends[idx].tolist()
        rk = self._index._raw_key
        by_key: dict[str, list[int]] = {}
        text = self._text
        for t, tok in zip(idx.tolist(), map(text.__getitem__, map(slice, a, b)), strict=True):
            key = rk.get(tok)
            if key is None:
                key = self._index._fold_one(tok)
            tokens = by_key.get(key)
            if tokens is None:
                by_key[key] = [t]
            else:
                tokens.append(t)
        return by_key

    def run(
        self,
        hits: list[tuple[int, int]],
        wanted: set[int],
        plan: list[tuple[_Piece, int, int]],
        anchored: list[tuple[int, int, tuple[str, ...], tuple[str, ...]]],
    ) -> list[Hit]:
        """Verify the planned pieces and anchored forms; the accepted windows.

        ``plan`` holds ``(piece, anchor offset, prefix id)``; ``anchored`` holds
        ``(form index, content slack, content keys scanned for, prefixes of the
        others)``.
        """
        by_key = self._tokens_by_key(hits, wanted)
        if not by_key:
            return []
        forms = self._index.forms
        size = self._size
        for (fi, lo, hi, _, _), off, _ in plan:
            form = forms[fi]
            fkeys = form.keys
            tokens = by_key.get(fkeys[lo + off])
            if not tokens:
                continue
            n, k = len(fkeys), form.max_edits
            others = [(x - off, fkeys[lo + x]) for x in range(hi - lo) if x != off]
            # a piece that is the whole form, no edit allowed: found whole, it is the
            # occurrence (what verify() answers for equal keys: 0 edits, score 100)
            whole = k == 0 and hi - lo == n
            tried, found = self._found
            for t in tokens:
                if t - off < 0 or t - off + hi - lo > size:
                    continue
                if any(self._key(t + d) != want for d, want in others):
                    continue  # the piece is not there whole
                if whole:
                    span = (fi, int(self._starts[t - off]), int(self._ends[t - off + n - 1]))
                    if span not in tried:
                        tried.add(span)
                        found.append(Hit(fi, span[1], span[2], 0, 100.0))
                    continue
                base = t - off - lo  # where the form would start with no edits before
                r0, r1 = max(0, base - k), min(size, base + n + k)
                keys, starts, ends = self._region(r0, r1)
                try_piece(form, (lo, hi, off), t - r0, keys, starts, ends, self._found)
        text = self._text
        for fi, slack, content, short in anchored:
            missing = 0  # content keys with no token here: at most ``slack`` may miss
            for key in content:
                if key not in by_key:
                    missing += 1
                    if missing > slack:
                        break
            if missing > slack:
                continue
            form = forms[fi]
            lists = [by_key.get(key, []) for key in content]
            need = len(content) + len(short) - slack
            reach = len(form.keys) + form.max_edits - 1  # tokens a window spans from one
            lists.sort(key=len)
            for tokens in lists[: slack + 1]:  # one of any slack + 1 is in every occurrence
                for t in tokens:
                    lo_t, hi_t = t - reach, t + reach
                    have = len(short)
                    for other in lists:  # does it have a token in [lo_t, hi_t]?
                        i = bisect_left(other, lo_t)
                        if i < len(other) and other[i] <= hi_t:
                            have += 1
                    if have < need:
                        continue
                    r0, r1 = max(0, lo_t), min(size, hi_t + 1)
                    if short:  # a token with a short key contains its prefix
                        c0, c1 = self._starts[r0], self._ends[r1 - 1]
                        have -= sum(1 for p in short if text.find(p, c0, c1) < 0)
                        if have < need:
                            continue
                    keys, starts, ends = self._region(r0, r1)
                    try_anchor(form, t - r0, keys, starts, ends, self._found)
        return self._found[1]

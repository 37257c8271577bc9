"""Candidates of one document, verified on its token boundaries (for :mod:`._scan`).

The Aho-Corasick pass of :class:`~._scan.PhraseIndex` gives, for each prefix
scanned for, where it occurs at the start of a word.  Here the offsets of the
prefixes the plan wants (:meth:`._scan_plan.PrefixPlan.plan`) become token numbers
(through :func:`._token_bounds.token_bounds`, computed once per document with numpy),
each hit is checked to start a token with the right key, and:

* a *piece* (the pigeonhole pieces of :attr:`Form.pieces`) is kept only where
  all its keys are there, token after token, before its window is verified; a
  piece that is the whole form, with no edit allowed, is the occurrence itself;
* a form *anchored on content words* is verified only around a token of one of its
  ``content_slack + 1`` anchor keys (those whose prefixes have the fewest hits in the
  document: one of them is in every occurrence) that has, within the reach of one
  window, enough of the form's other content words: all but
  :attr:`Form.content_slack`, counting a scanned key where its prefix starts a word in
  that stretch of the spaced text (one ``str.find``), and a key too short to scan
  for where its prefix is anywhere in it.  The region's keys then decide.

Only the tokens of the windows that survive become Python strings.  The
result is exactly what :func:`._brute_force.brute_force_scan` finds (tested with
Hypothesis through :class:`~._scan.PhraseIndex`).
"""

from __future__ import annotations

import itertools
import operator
from typing import Any, Protocol, cast

import numpy as np

from ._forms import Form, Hit
from ._scan_plan import AnchorPlan, PiecePlan
from ._token_bounds import Bounds
from ._windows import Found, new_found, try_anchor, try_piece

__all__ = ["Candidates"]

_SECOND = operator.itemgetter(1)


class _Index(Protocol):
    forms: tuple[Form, ...]
    _raw_key: dict[str, str]

    def _fold_one(self, token: str) -> str: ...

    def _fold_new(self, raw: Any) -> None: ...


class Candidates:
    """The candidate windows of one document.

    Args:
        index: The phrase index (its forms, prefixes and key cache).
        text: The normalised document.
        spaced: The same as the prefix pass read it (``._scan._spaced``).
        bounds: Its token starts and ends (:func:`._token_bounds.token_bounds`).
        reach: Per prefix id, how far before a hit's end the prefix starts.

    >>> from statement_tracker._track._scan import PhraseIndex
    >>> from statement_tracker._track._watchlist import Watchlist
    >>> idx = PhraseIndex(Watchlist(["new era"]))
    >>> idx.scan("a new year in a new era")  # answered here when pyahocorasick is installed
    [Hit(form=0, start=16, end=23, edits=0, score=100.0)]
    """

    def __init__(
        self, index: _Index, text: str, spaced: str, bounds: Bounds, reach: list[int]
    ) -> None:
        self._index = index
        self._text = text
        self._spaced = spaced
        self._starts, self._ends = bounds
        self._size = len(self._starts)
        self._reach = reach
        self._found: Found = new_found()

    def _key(self, t: int) -> str:
        """The key of token number ``t``."""
        tok = self._text[self._starts[t] : self._ends[t]]
        key = self._index._raw_key.get(tok)
        return self._index._fold_one(tok) if key is None else key

    def _region(self, r0: int, r1: int) -> tuple[list[str], list[int], list[int]]:
        """Keys, starts and ends of tokens ``r0`` to ``r1`` (exclusive)."""
        starts = self._starts[r0:r1].tolist()
        ends = self._ends[r0:r1].tolist()
        raw = list(map(self._text.__getitem__, map(slice, starts, ends)))
        keys = list(map(self._index._raw_key.get, raw))  # at C level: most are known
        if None in keys:
            self._index._fold_new({tok for tok, key in zip(raw, keys, strict=True) if key is None})
            keys = list(map(self._index._raw_key.__getitem__, raw))
        return cast(list[str], keys), starts, ends

    def _tokens_by_key(
        self, hits: list[tuple[int, int]], wanted: set[int], needed: set[str]
    ) -> dict[str, list[int]]:
        """Token numbers (ascending) of the whole-token hits of the ``wanted`` prefixes, by key.

        ``hits`` are ``(end offset, prefix id)``; a key's list is complete when
        its own prefix is wanted.  Only the ``needed`` keys are listed.
        """
        starts = self._starts
        if not self._size:
            return {}
        reach = self._reach
        # where each hit of a wanted prefix starts, once each, in text order (the hits
        # of the other prefixes, most of them, dropped at C level first)
        mine = itertools.compress(hits, map(wanted.__contains__, map(_SECOND, hits)))
        pos = np.array(sorted({e - reach[p] for e, p in mine}), dtype=np.int64)
        idx = np.minimum(np.searchsorted(starts, pos), self._size - 1)
        idx = idx[starts[idx] == pos]  # hits at a token's start
        text = self._text
        a, b = starts[idx].tolist(), self._ends[idx].tolist()
        raw = list(map(text.__getitem__, map(slice, a, b)))
        known = list(map(self._index._raw_key.get, raw))  # at C level: most are known
        if None in known:
            fold = self._index._fold_one
            keys = [fold(tok) if key is None else key for tok, key in zip(raw, known, strict=True)]
        else:
            keys = cast(list[str], known)
        by_key: dict[str, list[int]] = {}
        # the tokens of the keys looked up below only (most hits are of other words)
        pairs = zip(idx.tolist(), keys, strict=True)
        for t, key in itertools.compress(pairs, map(needed.__contains__, keys)):
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
        plan: list[PiecePlan],
        anchored: list[AnchorPlan],
    ) -> list[Hit]:
        """Verify the planned pieces and anchored forms; the accepted windows.

        ``plan`` holds ``(piece, anchor offset, prefix id)``; ``anchored`` holds
        ``(form index, content slack, content keys scanned for, prefixes of the
        others, keys and prefixes a window needs, its reach in tokens)``.
        """
        forms = self._index.forms
        needed = {forms[fi].keys[lo + off] for (fi, lo, _, _, _), off, _ in plan}
        for a_plan in anchored:
            needed.update(a_plan[1])
        by_key = self._tokens_by_key(hits, wanted, needed)
        if not by_key:
            return []
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
            tried, found, _ = self._found
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
        for a_plan in anchored:
            self._anchored(a_plan, by_key)
        return self._found[1]

    def _anchored(self, plan: AnchorPlan, by_key: dict[str, list[int]]) -> None:
        """Verify one form anchored on content words around the tokens of its anchor keys.

        An anchor is kept when, within one window's reach, enough of the form's content
        keys may have a token: all but ``slack`` of those scanned for (their prefixes at
        the start of a word, looked for in the spaced text) and of the prefixes of the
        others (looked for anywhere in the text).  The region's keys then decide
        (:func:`._windows.try_anchor` counts them before it verifies a window).
        """
        fi, anchors, here, short, need, reach = plan
        if not anchors:
            return
        form = self._index.forms[fi]
        size = self._size
        text, spaced = self._text, self._spaced
        starts, ends = self._starts, self._ends
        base = len(short) + 1  # the anchor's own key, and the short ones until looked for
        for anchor in anchors:
            tokens = by_key.get(anchor)
            if not tokens:
                continue
            # a word starting with a prefix at spaced[j + 1:] starts at text[j:]
            words = [word for key, word in here if key != anchor]
            for t in tokens:
                r0, r1 = max(0, t - reach), min(size, t + reach + 1)
                c0, c1 = int(starts[r0]), int(ends[r1 - 1])
                have = base
                for word in words:
                    if spaced.find(word, c0, c1 + 1) >= 0:
                        have += 1
                if have < need:
                    continue
                if short:  # a token with a short key contains its prefix
                    spare = have - need  # short prefixes that may be missing
                    for p in short:
                        if text.find(p, c0, c1) < 0:
                            spare -= 1
                            if spare < 0:
                                break
                    if spare < 0:
                        continue
                keys, r_starts, r_ends = self._region(r0, r1)
                try_anchor(form, t - r0, keys, r_starts, r_ends, self._found)

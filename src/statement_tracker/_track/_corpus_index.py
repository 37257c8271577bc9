"""A corpus tokenised once, for tracking many watchlists over it (:class:`CorpusIndex`).

:class:`~._scan.PhraseIndex` reads each document again for every watchlist.
Here every normalised text is tokenised once: each token gets the id of its
term key (:func:`~statement_tracker._text._fold.term_key`, computed once per distinct token), and
each key a postings list of the corpus-wide token numbers where it occurs.
Tracking a watchlist then reads only the postings of its keys:

* a piece (:attr:`~._forms.Form.pieces`) is looked up by its rarest key, and
  kept where all its keys follow token after token (numpy, no Python loop);
  a piece that is the whole form with no edit allowed is the occurrence;
* a form anchored on content words is verified around an anchor only where
  enough of its content keys lie within one window's reach in that document.

The windows that survive are verified exactly as the scan verifies them
(:func:`~._forms.try_piece`, :func:`~._forms.try_anchor`), so the result is
the scan's, document by document (tested with Hypothesis).  Documents the
vectorised tokeniser cannot split (CJK text, "it's5") are scanned instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .._errors import UsageError
from .._text import term_key
from ._forms import Form, Hit, select_hits
from ._language import in_language, typed
from ._scan import PhraseIndex
from ._token_bounds import token_bounds
from ._windows import Found, new_found, try_anchor, try_piece

__all__ = ["CorpusIndex"]

_Found = Found


def _group(values: np.ndarray, size: int, *, chunk: int = 1 << 21) -> tuple[np.ndarray, np.ndarray]:
    """Positions of ``values`` (ids below ``size``) grouped by value, ascending within
    each, and where each value's group starts (``size + 1`` offsets).

    The positions are what ``np.argsort(values, kind="stable")`` gives, as int32 and
    computed a chunk at a time (a whole-array argsort, or bincount, would hold 8 bytes
    per value at once).

    >>> [a.tolist() for a in _group(np.array([2, 0, 2, 1, 0], dtype=np.int32), 3)]
    [[1, 4, 3, 0, 2], [0, 2, 3, 5]]
    >>> _group(np.array([2, 0, 2, 1, 0], dtype=np.int32), 3, chunk=2)[0].tolist()
    [1, 4, 3, 0, 2]
    """
    chunks = range(0, len(values), chunk)
    counts = np.zeros(size, dtype=np.int64)
    for c0 in chunks:
        counts += np.bincount(values[c0 : c0 + chunk], minlength=size)
    at = np.concatenate(([0], np.cumsum(counts)))
    fill = at[:-1].copy()  # where each value's group continues
    out = np.empty(len(values), dtype=np.int32)
    for c0 in chunks:
        part = values[c0 : c0 + chunk]
        order = np.argsort(part, kind="stable")
        ordered = part[order]
        here = np.bincount(part, minlength=size)
        run_start = np.cumsum(here) - here  # where each value's run starts in ``ordered``
        out[fill[ordered] + np.arange(len(part)) - run_start[ordered]] = order + c0
        fill += here
    return out, at


class CorpusIndex:
    """Normalised texts tokenised once, with a postings list per term key.

    Args:
        texts: Normalised texts (:func:`statement_tracker.normalise_text`).
        progress: Called with ``(done, total)`` texts while tokenising.

    >>> from statement_tracker import Watchlist
    >>> idx = CorpusIndex(["a new year in a new era", "new zealand", "no new era"])
    >>> [[h.start for h in hits] for hits in idx.scan(PhraseIndex(Watchlist(["new era"])))]
    [[16], [], [3]]
    """

    def __init__(
        self,
        texts: Sequence[str],
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.texts = texts
        raw_ids: dict[str, int] = {}
        # a text of n characters has at most (n + 1) // 2 tokens; the buffers are
        # reserved at that size, and only the part written to is ever resident
        cap = sum((len(t) + 1) // 2 for t in texts)
        ids, starts = np.empty(cap, dtype=np.int32), np.empty(cap, dtype=np.int32)
        lens: np.ndarray = np.empty(cap, dtype=np.uint16)  # int32 once a token needs it
        first = [0]
        at = 0
        self._scanned: list[int] = []  # documents left to PhraseIndex.scan
        total = len(texts)
        for d, text in enumerate(texts):
            bounds = token_bounds(text)
            if bounds is None:
                self._scanned.append(d)
            else:
                s, e = bounds
                n = len(s)
                toks = list(map(text.__getitem__, map(slice, s.tolist(), e.tolist())))
                for t in set(toks).difference(raw_ids):
                    raw_ids[t] = len(raw_ids)
                ids[at : at + n] = np.fromiter(map(raw_ids.__getitem__, toks), np.int32, n)
                starts[at : at + n] = s
                length = e - s
                if lens.dtype == np.uint16 and n and int(length.max()) >= 1 << 16:
                    wide = np.empty(cap, dtype=np.int32)
                    wide[:at] = lens[:at]
                    lens = wide
                lens[at : at + n] = length
                at += n
            first.append(at)
            if progress is not None:
                progress(d + 1, total)
        if at >= 1 << 31:  # token numbers are stored in 32 bits
            raise UsageError(None, f"{at:,} words are too many for one index; use track()")
        # one id per term key; the key of each distinct raw token computed once
        key_ids: dict[str, int] = {}
        raw_to_key = np.fromiter(
            (key_ids.setdefault(term_key(t), len(key_ids)) for t in raw_ids),
            dtype=np.int32,
            count=len(raw_ids),
        )
        del raw_ids
        self._keys: dict[str, int] = key_ids
        self._key_text: list[str] = list(key_ids)
        for c0 in range(0, at, 1 << 22):  # ids become key ids in place, a slice at a time
            c1 = min(at, c0 + (1 << 22))
            ids[c0:c1] = raw_to_key[ids[c0:c1]]
        self._tok_key = ids[:at]
        self._starts = starts[:at]
        self._lens = lens[:at]  # token ends are starts + lengths
        self._first = np.asarray(first, dtype=np.int64)
        # postings: token numbers grouped by key, ascending within each key
        self._postings, self._post_at = _group(self._tok_key, len(key_ids))

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def tokens(self) -> int:
        """Tokens indexed (texts left to the scan not counted).

        >>> CorpusIndex(["a b", "中文", "c"]).tokens
        3
        """
        return int(self._first[-1])

    @property
    def nbytes(self) -> int:
        """Bytes held by the index's arrays (14 per token: key, start, length, posting).

        >>> CorpusIndex(["a b"]).nbytes >= 32
        True
        """
        arrays = (self._tok_key, self._starts, self._lens, self._postings, self._first)
        return sum(a.nbytes for a in arrays) + self._post_at.nbytes

    def _post(self, key: str) -> np.ndarray:
        """Token numbers (ascending) of ``key`` over the corpus."""
        k = self._keys.get(key)
        if k is None:
            return np.zeros(0, np.int64)
        return self._postings[self._post_at[k] : self._post_at[k + 1]].astype(np.int64)

    def _doc_of(self, tokens: np.ndarray) -> np.ndarray:
        """The document of each token number."""
        return np.searchsorted(self._first, tokens, side="right") - 1

    def _region(self, r0: int, r1: int) -> tuple[list[str], list[int], list[int]]:
        kt = self._key_text
        return (
            [kt[k] for k in self._tok_key[r0:r1].tolist()],
            self._starts[r0:r1].tolist(),
            (self._starts[r0:r1] + self._lens[r0:r1]).tolist(),
        )

    def scan(
        self, index: PhraseIndex, languages: Sequence[str | None] | None = None
    ) -> list[list[Hit]]:
        """Every occurrence of ``index``'s forms in each text: what ``index.scan(text)`` gives.

        ``languages`` gives each text's language (``index.scan(text, language=…)``).

        >>> from statement_tracker import Watchlist
        >>> idx = CorpusIndex(["the sco and francisco"])
        >>> idx.scan(PhraseIndex(Watchlist(["SCO"])))
        [[Hit(form=0, start=4, end=7, edits=0, score=100.0)]]
        """
        found: dict[int, _Found] = {}
        for form in index.forms:
            if form.anchor_keys:
                self._anchored(form, found)
            else:
                for (lo, hi), off in zip(form.pieces, form.anchors, strict=True):
                    self._piece(form, lo, hi, off, found)
        out: list[list[Hit]] = [[] for _ in self.texts]
        def language(d: int) -> str | None:
            return None if languages is None else languages[d]

        for d, (_, hits, _) in found.items():
            if hits and typed(index.forms):
                hits = in_language(hits, index.forms, language(d))
            if hits:
                out[d] = select_hits(hits, index.forms)
        for d in self._scanned:
            out[d] = index.scan(self.texts[d], language=language(d))
        return out

    def _piece(self, form: Form, lo: int, hi: int, off: int, found: dict[int, _Found]) -> None:
        looked_up = [self._keys.get(key) for key in form.keys[lo:hi]]
        ids = [i for i in looked_up if i is not None]
        if len(ids) < len(looked_up):
            return  # a key the corpus does not have: the piece is nowhere
        at = self._post_at
        a = min(range(len(ids)), key=lambda x: int(at[ids[x] + 1] - at[ids[x]]))  # rarest
        anchor = self._postings[at[ids[a]] : at[ids[a] + 1]].astype(np.int64)
        g = anchor - a  # where the piece would start
        width = hi - lo
        doc = self._doc_of(anchor)
        keep = (g >= self._first[doc]) & (g + width <= self._first[doc + 1])
        g, doc = g[keep], doc[keep]
        for x, want in enumerate(ids):
            if x == a or not g.size:
                continue
            keep = self._tok_key[g + x] == want
            g, doc = g[keep], doc[keep]
        if not g.size:
            return
        n, k = len(form.keys), form.max_edits
        fi = form.index
        if k == 0 and width == n:  # the whole form, no edit allowed: the occurrence
            s = self._starts[g].tolist()
            e = (self._starts[g + n - 1] + self._lens[g + n - 1]).tolist()
            for d, a0, b0 in zip(doc.tolist(), s, e, strict=True):
                tried, hits, _ = found.setdefault(d, new_found())
                span = (fi, a0, b0)
                if span not in tried:
                    tried.add(span)
                    hits.append(Hit(fi, a0, b0, 0, 100.0))
            return
        first = self._first
        for d, g0 in zip(doc.tolist(), g.tolist(), strict=True):
            base = g0 - lo
            r0 = max(int(first[d]), base - k)
            r1 = min(int(first[d + 1]), base + n + k)
            keys_r, starts_r, ends_r = self._region(r0, r1)
            target = found.setdefault(d, new_found())
            try_piece(form, (lo, hi, off), g0 + off - r0, keys_r, starts_r, ends_r, target)

    def _anchored(self, form: Form, found: dict[int, _Found]) -> None:
        content = sorted(form.content_set)
        posts = [self._post(key) for key in content]
        slack = form.content_slack
        need = len(content) - slack
        # documents with enough of the form's content keys
        have = np.zeros(len(self.texts), dtype=np.int32)
        for p in posts:
            if p.size:
                have[np.unique(self._doc_of(p))] += 1
        docs_ok = have >= need
        if not docs_ok.any():
            return
        reach = len(form.keys) + form.max_edits - 1
        order = sorted(range(len(posts)), key=lambda x: len(posts[x]))
        first = self._first
        for x in order[: slack + 1]:
            t = posts[x]
            if not t.size:
                continue
            doc = self._doc_of(t)
            t = t[docs_ok[doc]]
            doc = doc[docs_ok[doc]]
            if not t.size:
                continue
            lo_t = np.maximum(t - reach, first[doc])
            hi_t = np.minimum(t + reach, first[doc + 1] - 1)
            count = np.zeros(t.size, dtype=np.int32)
            for p in posts:
                if not p.size:
                    continue
                i = np.searchsorted(p, lo_t)
                j = np.minimum(i, p.size - 1)
                count += (i < p.size) & (p[j] <= hi_t)
            keep = count >= need
            for d, t0, r0, r1 in zip(
                doc[keep].tolist(),
                t[keep].tolist(),
                lo_t[keep].tolist(),
                (hi_t[keep] + 1).tolist(),
                strict=True,
            ):
                keys_r, starts_r, ends_r = self._region(r0, r1)
                target = found.setdefault(d, new_found())
                try_anchor(form, t0 - r0, keys_r, starts_r, ends_r, target)

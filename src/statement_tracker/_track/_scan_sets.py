"""The set-based scan of :class:`~._scan.PhraseIndex`: documents tokenised whole.

The prefix scan cannot read some documents (CJK text, "it's5", accented tokens
that fold to a watched key without starting with its prefix), and for others
its anchors are too common to be worth visiting one by one.  Those are
tokenised whole with the token regular expression; the pieces whose keys are
all present are verified around their anchors, and only the documents with
occurrences are tokenised again, a chunk at a time, for character offsets.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Any

from .._text import CJK, split_terms
from ._forms import Hit
from ._scan_plan import _Piece
from ._windows import Found, new_found, try_anchor, try_piece

__all__ = ["scan_sets"]

# One token at a position (the tokens of _fold.split_terms for text without CJK characters,
# which scan_sets cuts with split_terms itself).
_TOKEN_ASCII = re.compile(r"[a-zA-Z0-9]+(?:'[a-zA-Z]+)*")
_TOKEN_ANY = re.compile(rf"[{CJK}]|[^\W_{CJK}]+(?:'[^\W_{CJK}]+)*")
_CJK_RE = re.compile(f"[{CJK}]")
# The same tokens, captured for re.split (``[gap, token, gap, ...]``).
_SPLIT_ASCII = re.compile(f"({_TOKEN_ASCII.pattern})")
_SPLIT_ANY = re.compile(f"({_TOKEN_ANY.pattern})")


def _positions(tokens: list[str], wanted: set[str]) -> list[int]:
    """Indices of the tokens in ``wanted``, in order (a C-level search when they are few).

    >>> _positions(["a", "b", "a", "c"], {"a", "c"})
    [0, 2, 3]
    """
    if len(wanted) > 6:
        return list(itertools.compress(range(len(tokens)), map(wanted.__contains__, tokens)))
    out: list[int] = []
    for t in wanted:
        i = -1
        find = tokens.index
        while True:
            try:
                i = find(t, i + 1)
            except ValueError:
                break
            out.append(i)
    out.sort()
    return out


#: Characters per chunk of a document tokenised whole (a chunk ends before a space).
_CHUNK = 2048


def _chunked_findall(pattern: re.Pattern[str], text: str) -> tuple[list[str], list[int]]:
    """The tokens of ``text`` (as ``pattern.findall``), and where its chunks start.

    Chunks end before a space (no token spans one), so the tokens are those of
    the whole text.  Returns the tokens and a flat list ``[char, token, char,
    token, ...]``: each chunk's first character and the number of its first token,
    so that :class:`_TokenSpans` finds a token's offsets without tokenising the
    whole text again.

    >>> _chunked_findall(_TOKEN_ASCII, "a b")
    (['a', 'b'], [0, 0])
    """
    raw: list[str] = []
    chunks: list[int] = []
    pos, size = 0, len(text)
    while pos < size:
        cut = text.find(" ", pos + _CHUNK)
        end = size if cut < 0 else cut
        chunks += (pos, len(raw))
        raw += pattern.findall(text, pos, end)
        pos = end
    return raw, chunks


class _TokenSpans:
    """Character offsets of tokens by number, one chunk tokenised at a time.

    >>> text = "one " * 1000 + "two three"
    >>> raw, chunks = _chunked_findall(_TOKEN_ASCII, text)
    >>> spans = _TokenSpans(_TOKEN_ASCII, text, chunks)
    >>> text[spans.start(1000) : spans.end(1001)]
    'two three'
    """

    def __init__(self, pattern: re.Pattern[str], text: str, chunks: list[int]) -> None:
        self._split = _SPLIT_ASCII if pattern is _TOKEN_ASCII else _SPLIT_ANY
        self._text = text
        self._chars, self._first = chunks[0::2], chunks[1::2]
        self._cum: dict[int, list[int]] = {}

    def _span(self, token: int) -> tuple[int, int]:
        ci = bisect.bisect_right(self._first, token) - 1
        cum = self._cum.get(ci)
        if cum is None:  # [gap, token, gap, ...] of the chunk (C-level), then their offsets
            c0 = self._chars[ci]
            end = self._chars[ci + 1] if ci + 1 < len(self._chars) else len(self._text)
            parts = self._split.split(self._text[c0:end])
            cum = self._cum[ci] = list(itertools.accumulate(map(len, parts), initial=c0))
        k = 2 * (token - self._first[ci]) + 1
        return cum[k], cum[k + 1]

    def start(self, token: int) -> int:
        """Where token number ``token`` starts."""
        return self._span(token)[0]

    def end(self, token: int) -> int:
        """Where token number ``token`` ends."""
        return self._span(token)[1]


def scan_sets(index: Any, norm_text: str) -> list[Hit]:
    """The occurrences in ``norm_text`` (before selection), found on token sets.

    ``index`` is the :class:`~._scan.PhraseIndex` (its forms, pieces and key caches).
    """
    # tokens only (findall is much faster than a capturing split); their offsets
    # are computed below for the documents that have hits.  Text with CJK characters
    # is cut into words (split_terms) at once, offsets included.
    cjk_offsets: list[int] | None = None
    if _CJK_RE.search(norm_text):
        parts = split_terms(norm_text)
        raw, chunks = parts[1::2], list[int]()
        cjk_offsets = list(itertools.accumulate(map(len, parts), initial=0))
    else:
        pattern = _TOKEN_ASCII if norm_text.isascii() else _TOKEN_ANY
        raw, chunks = _chunked_findall(pattern, norm_text)
    uniq = set(raw)
    rk = index._raw_key
    new = uniq.difference(rk)
    if new:
        index._fold_new(new)
    present_raw = uniq.intersection(index._interesting)
    if not present_raw:
        return []
    present = {rk[t] for t in present_raw}
    by_anchor: dict[str, list[_Piece]] = {}
    forms_ok: dict[int, bool] = {}
    for key in present:
        for piece in index._by_anchor.get(key, ()):
            if not piece[4] <= present:
                continue
            ok = forms_ok.get(piece[0])
            if ok is None:
                f = index.forms[piece[0]]
                missing = len(f.content_set) - len(f.content_set.intersection(present))
                ok = forms_ok[piece[0]] = missing <= f.content_slack
            if ok:
                by_anchor.setdefault(key, []).append(piece)
    if not by_anchor:
        return []
    anchor_raw = {t for t in present_raw if rk[t] in by_anchor}
    keys = list(map(rk.__getitem__, raw))  # C-level: every token is in the cache now
    size = len(raw)
    # spans in token numbers first: (token, token + 1)
    starts, ends = range(size), range(1, size + 1)
    found: Found = new_found()
    for i in _positions(raw, anchor_raw):
        for fi, lo, hi, off, _ in by_anchor[keys[i]]:
            if lo < 0:
                try_anchor(index.forms[fi], i, keys, starts, ends, found)
            else:
                try_piece(index.forms[fi], (lo, hi, off), i, keys, starts, ends, found)
    if not found[1]:
        return []
    if cjk_offsets is not None:  # token t is parts[2t + 1]
        cum = cjk_offsets
        return [
            Hit(h.form, cum[2 * h.start + 1], cum[2 * (h.end - 1) + 2], h.edits, h.score)
            for h in found[1]
        ]
    span = _TokenSpans(pattern, norm_text, chunks)
    return [
        Hit(h.form, span.start(h.start), span.end(h.end - 1), h.edits, h.score) for h in found[1]
    ]

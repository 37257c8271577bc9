"""Scanning documents for watchlist phrases: the :class:`PhraseIndex`.

Two candidate generators feed the same verification (:func:`._index.try_piece`):

* with pyahocorasick installed (``pip install pyahocorasick``), one Aho-Corasick automaton
  holds a :func:`~._fold.stem_prefix` of every key of every piece; a pass over
  the normalised text finds them, a piece whose keys do not all occur is
  skipped, and the hits of its least frequent key in this document anchor the
  candidates; a form anchored on content words is skipped when too few of
  them occur, and otherwise anchors on the rarest of them in this document;
  only a few hundred characters around each anchor are tokenised;
* without it, or in a document where those anchors are too common (more than
  one hit in :data:`_HITS_PER_CHAR` characters), the document is tokenised once
  (one ``re.split``), its set of
  tokens is intersected with the keys of the pieces, and the occurrences of
  each surviving piece anchor the candidates.

Both give exactly the hits of :func:`._index.brute_force_scan` (tested with
Hypothesis on random texts).

For an archive (the store)
    Persist, per document, its raw word tokens and their positions (as
    :mod:`._postings` does).  To track a watchlist over stored documents
    without reading their text, fold the archive's term vocabulary with
    :func:`~._fold.term_key`, take :meth:`PhraseIndex.required_terms` (one set
    of keys per piece) and select the documents that contain all keys of at
    least one piece; :func:`~statement_tracker.track` on those documents alone
    gives exactly the occurrences it gives on the whole archive.  Documents can
    be added at any time: nothing here depends on other documents.

>>> idx = PhraseIndex(Watchlist(["one China policy"]))
>>> text = "we keep the one-china policy."
>>> [(text[h.start:h.end], h.score) for h in idx.scan(text)]
[('one-china policy', 100.0)]
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ._fold import STOPWORDS, is_cjk, stem_prefix, term_key
from ._index import Form, Hit, compile_forms, may_hold, select_hits, try_anchor, try_piece
from ._tokens import _CJK
from ._watchlist import Watchlist

__all__ = ["PhraseIndex", "accelerated"]

try:  # optional accelerator (the "fast" extra)
    import ahocorasick as _ahocorasick  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    _ahocorasick = None

# One token at a position (same tokens as _fold.split_terms).
_TOKEN_ASCII = re.compile(r"[a-zA-Z0-9]+(?:'[a-zA-Z]+)*")
_TOKEN_ANY = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+(?:'[^\W_{_CJK}]+)*")
# The same tokens, captured for re.split (``[gap, token, gap, ...]``).
_SPLIT_ASCII = re.compile(f"({_TOKEN_ASCII.pattern})")
_SPLIT_ANY = re.compile(f"({_TOKEN_ANY.pattern})")
# What lies between two tokens.
_GAP_ASCII = re.compile(r"[^a-zA-Z0-9]*")
_GAP_ANY = re.compile(r"[\W_]*")

_SECOND = operator.itemgetter(1)

#: Above one anchor hit in this many characters, tokenising the whole document is cheaper.
_HITS_PER_CHAR = 50

# (form index, piece start, piece end, anchor offset, key set)
_Piece = tuple[int, int, int, int, frozenset[str]]


def _selective(keys: tuple[str, ...]) -> list[str]:
    """The keys of a piece worth scanning for: content words with the longest prefixes.

    Every key would do (each must occur); rare ones make fewer, cheaper hits.

    >>> _selective(("peace", "and")), _selective(("of", "the"))
    (['peace'], ['of', 'the'])
    """
    content = [k for k in dict.fromkeys(keys) if k not in STOPWORDS]
    for shortest in (5, 4, 3):  # long prefixes make fewer false hits ("use" is in "because")
        good = [k for k in content if len(stem_prefix(k)) >= shortest or is_cjk(k)]
        if good:
            return good
    return content or list(dict.fromkeys(keys))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _foreign_letters(text: str) -> bool:
    """Whether ``text`` has letters outside ASCII (quotes, dashes and symbols do not count).

    >>> _foreign_letters("a “quote” – €5"), _foreign_letters("résumé"), _foreign_letters("中")
    (False, True, True)
    """
    return not text.isascii() and any(c.isalpha() for c in set(_NON_ASCII.findall(text)))


def _glued(text: str, start: int, ascii_text: bool) -> bool:
    """Whether the apostrophe before ``start`` joins it to the word before (one token).

    >>> _glued("x'sco", 2, True), _glued(" 'sco", 2, True)
    (True, False)
    """
    before, here = text[start - 2], text[start]
    if not before.isalnum() or is_cjk(before) or is_cjk(here):
        return False
    return here.isalpha() if ascii_text else here.isalnum()


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


def accelerated() -> bool:
    """Whether the Aho-Corasick candidate generator is available.

    >>> isinstance(accelerated(), bool)
    True
    """
    return _ahocorasick is not None


class PhraseIndex:
    """A watchlist compiled for scanning many documents.

    Args:
        watchlist: The phrases.
        threshold: A score 0–100 for phrases without their own, or ``None``
            for the default rule.
        accelerate: Use the Aho-Corasick generator (default: when pyahocorasick is
            installed); a document where the anchors are too common is scanned
            the set-based way instead (same result, less work).

    The index caches the keys of the raw tokens it has seen across documents
    (the reason it is mutable): a corpus has a small vocabulary, so each new
    word is folded once.

    >>> idx = PhraseIndex(Watchlist(["new era"]))
    >>> [h.start for h in idx.scan("a new year in a new era")]
    [16]
    >>> idx.scan("new zealand")
    []
    """

    def __init__(
        self,
        watchlist: Watchlist,
        *,
        threshold: float | None = None,
        accelerate: bool | None = None,
    ) -> None:
        self.watchlist = watchlist
        self.forms: tuple[Form, ...] = compile_forms(watchlist, threshold=threshold)
        self._pieces: list[_Piece] = []
        self._by_anchor: dict[str, list[_Piece]] = {}
        self._piece_keys: set[str] = set()
        for f in self.forms:
            if f.anchor_keys:  # content-word anchors: a window anywhere around them
                for key in f.anchor_keys:
                    piece = (f.index, -1, -1, 0, frozenset((key,)))
                    self._pieces.append(piece)
                    self._by_anchor.setdefault(key, []).append(piece)
                    self._piece_keys.add(key)
                self._piece_keys.update(f.content_set)
                continue
            for (lo, hi), off in zip(f.pieces, f.anchors, strict=True):
                piece = (f.index, lo, hi, off, frozenset(f.keys[lo:hi]))
                self._pieces.append(piece)
                self._by_anchor.setdefault(f.keys[lo + off], []).append(piece)
                self._piece_keys.update(f.keys[lo:hi])
        self._raw_key: dict[str, str] = {}
        self._interesting: set[str] = set()
        use_ac = accelerated() if accelerate is None else accelerate
        self._automaton: Any = self._build_automaton() if use_ac and accelerated() else None

    @property
    def accelerated(self) -> bool:
        """Whether this index scans with Aho-Corasick.

        >>> PhraseIndex(Watchlist(["x"]), accelerate=False).accelerated
        False
        """
        return self._automaton is not None

    def required_terms(self) -> list[frozenset[str]]:
        """One key set per piece: a document can match only if it holds all keys of one.

        >>> [sorted(s) for s in PhraseIndex(Watchlist(["new era"])).required_terms()]
        [['era', 'new']]
        """
        return [p[4] for p in self._pieces]

    def could_match(self, keys: set[str] | frozenset[str]) -> bool:
        """Whether a document whose term keys are ``keys`` can hold an occurrence.

        >>> PhraseIndex(Watchlist(["new era"])).could_match({"new", "year"})
        False
        """
        return any(p[4] <= keys for p in self._pieces)

    def scan(self, norm_text: str) -> list[Hit]:
        """Every occurrence in normalised text, selected (non-overlapping per phrase).

        >>> PhraseIndex(Watchlist(["SCO"])).scan("the sco and francisco")
        [Hit(form=0, start=4, end=7, edits=0, score=100.0)]
        """
        if self._automaton is not None and not _foreign_letters(norm_text):
            # (with accented letters a token may not start with its key's prefix: "résumé")
            hits = self._scan_automaton(norm_text)
        else:
            hits = self._scan_sets(norm_text)
        return select_hits(hits, self.forms) if hits else []

    # -- without pyahocorasick ---------------------------------------------------------------

    def _fold_one(self, token: str) -> str:
        """The key of a token not seen before (and remember it in both caches)."""
        key = self._raw_key[token] = term_key(token)
        if key in self._piece_keys:
            self._interesting.add(token)
        return key

    def _fold_new(self, raw: Iterable[str]) -> None:
        rk = self._raw_key
        for t in raw:
            key = term_key(t)
            rk[t] = key
            if key in self._piece_keys:
                self._interesting.add(t)

    def _scan_sets(self, norm_text: str) -> list[Hit]:
        # tokens only (findall is much faster than a capturing split); their offsets
        # are computed below for the documents that have hits
        pattern = _TOKEN_ASCII if norm_text.isascii() else _TOKEN_ANY
        raw, chunks = _chunked_findall(pattern, norm_text)
        uniq = set(raw)
        rk = self._raw_key
        new = uniq.difference(rk)
        if new:
            self._fold_new(new)
        present_raw = uniq.intersection(self._interesting)
        if not present_raw:
            return []
        present = {rk[t] for t in present_raw}
        by_anchor: dict[str, list[_Piece]] = {}
        forms_ok: dict[int, bool] = {}
        for key in present:
            for piece in self._by_anchor.get(key, ()):
                if not piece[4] <= present:
                    continue
                ok = forms_ok.get(piece[0])
                if ok is None:
                    f = self.forms[piece[0]]
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
        found: tuple[set[tuple[int, int, int]], list[Hit]] = (set(), [])
        for i in _positions(raw, anchor_raw):
            for fi, lo, hi, off, _ in by_anchor[keys[i]]:
                if lo < 0:
                    try_anchor(self.forms[fi], i, keys, starts, ends, found)
                else:
                    try_piece(self.forms[fi], (lo, hi, off), i, keys, starts, ends, found)
        if not found[1]:
            return []
        span = _TokenSpans(pattern, norm_text, chunks)
        return [
            Hit(h.form, span.start(h.start), span.end(h.end - 1), h.edits, h.score)
            for h in found[1]
        ]

    # -- with pyahocorasick ------------------------------------------------------------------

    def _build_automaton(self) -> Any:
        assert _ahocorasick is not None
        automaton = _ahocorasick.Automaton()
        self._prefixes: list[str] = []
        index: dict[str, int] = {}
        # per piece: the prefix id of each of its keys
        self._piece_prefixes: list[tuple[int, ...]] = []
        self._piece_offsets: list[tuple[int, ...]] = []  # where those keys are in the piece
        for fi, lo, hi, _off, _keys in self._pieces:
            if lo < 0:  # content-word anchors: chosen per document (below)
                self._piece_prefixes.append(())
                self._piece_offsets.append(())
                continue
            ids = []
            keys = self.forms[fi].keys[lo:hi]
            for key in _selective(keys):
                ids.append(self._prefix_id(automaton, index, stem_prefix(key)))
            self._piece_prefixes.append(tuple(ids))
            self._piece_offsets.append(tuple(keys.index(key) for key in _selective(keys)))
        # forms anchored on content words: their content keys are scanned for, so
        # that each document can anchor on the rarest ones there.  An occurrence keeps all
        # but ``content_slack`` of the form's distinct content keys, so a document
        # where fewer of their prefixes occur is skipped, and otherwise the
        # ``content_slack + 1`` keys with the fewest prefix hits there anchor the
        # candidates (one of them is in every occurrence).  Both hold for any subset
        # of the content keys with more than ``content_slack`` keys.
        # (prefix ids, how many must occur, slack, ((prefix id, one-key piece), ...))
        self._anchor_forms: list[tuple[frozenset[int], int, int, tuple[tuple[int, _Piece], ...]]]
        self._anchor_forms = []
        for f in self.forms:
            if not f.anchor_keys:
                continue
            entries = tuple(
                (
                    self._prefix_id(automaton, index, stem_prefix(key)),
                    (f.index, -1, -1, 0, frozenset((key,))),
                )
                for key in sorted(f.content_set)
                # very short prefixes are everywhere ("co", "ai"): leave them out (the
                # anchors chosen at build time are the longest and always stay)
                if key in f.anchor_keys or len(stem_prefix(key)) >= 4 or is_cjk(key)
            )
            pid_set = frozenset(e[0] for e in entries)
            # a missing prefix means all its keys are missing
            self._anchor_forms.append(
                (pid_set, len(pid_set) - f.content_slack, f.content_slack, entries)
            )
        # per form: the prefix ids of its content keys, and how many of them an
        # occurrence must contain (see _index.may_hold)
        self._form_need: list[tuple[frozenset[int], int]] = []
        for f in self.forms:
            ids_f: set[int] = set()
            for key in f.content_set:
                prefix = stem_prefix(key)
                if len(prefix) < 5 and not is_cjk(prefix):
                    continue  # short prefixes cost more hits than the filter saves
                ids_f.add(self._prefix_id(automaton, index, prefix))
            self._form_need.append((frozenset(ids_f), len(ids_f) - f.content_slack))
        # each piece listed under the first of its prefixes (all must occur)
        self._pieces_by_first: dict[
            int, list[tuple[_Piece, tuple[int, ...], frozenset[int], tuple[int, ...]]]
        ] = {}
        for pi, piece_ids in enumerate(self._piece_prefixes):
            if piece_ids:
                self._pieces_by_first.setdefault(piece_ids[0], []).append(
                    (self._pieces[pi], piece_ids, frozenset(piece_ids), self._piece_offsets[pi])
                )
        automaton.make_automaton()
        return automaton

    def _prefix_id(self, automaton: Any, index: dict[str, int], prefix: str) -> int:
        """The id of ``prefix`` in the automaton (added when new)."""
        if prefix not in index:
            index[prefix] = len(self._prefixes)
            self._prefixes.append(prefix)
            automaton.add_word(prefix, index[prefix])
        return index[prefix]

    def _scan_automaton(self, text: str) -> list[Hit]:
        found_all = list(self._automaton.iter(text))
        if not found_all:
            return []
        # grouped by prefix with C-level sorting and counting, not a Python loop per hit
        found_all.sort(key=_SECOND)  # stable: each prefix's hits stay in text order
        order = list(map(_SECOND, found_all))
        buckets = Counter(order)
        present = set(buckets)
        plan: list[tuple[_Piece, int, int]] = []  # (piece, key offset in it, prefix)
        load = 0
        forms_ok: dict[int, bool] = {}
        form_need = self._form_need
        for pid in present.intersection(self._pieces_by_first):
            for piece, ids, id_set, offsets in self._pieces_by_first[pid]:
                if not id_set <= present:
                    continue
                fi = piece[0]
                ok = forms_ok.get(fi)
                if ok is None:
                    need_ids, need = form_need[fi]
                    ok = forms_ok[fi] = need <= 0 or len(need_ids & present) >= need
                if not ok:
                    continue
                best = min(range(len(ids)), key=lambda x: buckets[ids[x]])
                plan.append((piece, offsets[best], ids[best]))
                load += buckets[ids[best]]
        for pid_set, need, slack, entries in self._anchor_forms:
            if len(pid_set & present) < need:
                continue  # too few of the form's content words in this document
            here = sorted((buckets[e[0]], i) for i, e in enumerate(entries) if e[0] in present)
            for count, i in here[: slack + 1]:
                plan.append((entries[i][1], 0, entries[i][0]))
                load += count
        if load * _HITS_PER_CHAR > len(text):
            # common words: tokenising the whole document is cheaper than visiting each hit
            return self._scan_sets(text)
        found: tuple[set[tuple[int, int, int]], list[Hit]] = (set(), [])
        ends: dict[int, list[int]] = {}
        for piece, off, pid in plan:
            if pid not in ends:
                lo = bisect.bisect_left(order, pid)
                ends[pid] = [e for e, _ in found_all[lo : lo + buckets[pid]]]
            self._anchor_hits(text, piece, off, len(self._prefixes[pid]), ends[pid], found)
        return found[1]

    @staticmethod
    def _place(
        text: str,
        c0: int,
        c1: int,
        start: int,
        a: int,
        count: int,
        hits: list[Hit],
        found: tuple[set[tuple[int, int, int]], list[Hit]],
    ) -> None:
        """Turn hits in region token numbers into character offsets (once per window)."""
        pattern = _TOKEN_ASCII if text.isascii() else _TOKEN_ANY
        spans = [(t.start(), t.end()) for t in pattern.finditer(text, c0, c1)]
        k = next(i for i, (s0, _) in enumerate(spans) if s0 == start)
        spans = spans[k - a : k - a + count]
        for h in hits:
            key = (h.form, spans[h.start][0], spans[h.end - 1][1])
            if key not in found[0]:
                found[0].add(key)
                found[1].append(Hit(h.form, key[1], key[2], h.edits, h.score))

    def _anchor_hits(
        self,
        text: str,
        piece: _Piece,
        off: int,
        plen: int,
        ends: list[int],
        found: tuple[set[tuple[int, int, int]], list[Hit]],
    ) -> None:
        """Verify ``piece`` anchored at its key ``off`` wherever that key's prefix ends."""
        fi, lo, hi, _, key_set = piece
        form = self.forms[fi]
        key = form.keys[lo + off] if lo >= 0 else next(iter(key_set))
        n, k = len(form.keys), form.max_edits
        if lo < 0:  # a content-word anchor: windows anywhere around it
            before, after = n + k - 1, n + k
        else:
            before, after = lo + off + k, n - lo - off + k  # tokens needed on each side
        rk = self._raw_key
        ascii_text = text.isascii()
        pattern = _TOKEN_ASCII if ascii_text else _TOKEN_ANY
        token_at, findall = pattern.match, pattern.findall
        skip_gap = (_GAP_ASCII if ascii_text else _GAP_ANY).match
        nxt = form.keys[lo + off + 1] if 0 <= lo and lo + off + 1 < hi else None
        size = len(text)
        for end in ends:
            start = end - plen + 1
            if start > 0:
                prev = text[start - 1]
                if prev.isalnum() and not is_cjk(prev) and not is_cjk(text[start]):
                    continue  # inside a word, not at its start
                if prev == "'" and start > 1 and _glued(text, start, ascii_text):
                    continue  # after an apostrophe inside a word: "other's"
            m = token_at(text, start)
            if m is None:
                continue
            tok = m.group()
            got = rk.get(tok)
            if got is None:
                got = self._fold_one(tok)
            if got != key:
                continue  # another word with the same prefix
            if nxt is not None:  # cheap early reject: the piece's next key must follow
                gap = skip_gap(text, m.end())
                m2 = token_at(text, gap.end()) if gap is not None else None
                if m2 is None:
                    continue
                t2 = m2.group()
                k2 = rk.get(t2)
                if k2 is None:
                    k2 = self._fold_one(t2)
                if k2 != nxt:
                    continue
            width = 10
            while True:
                c0 = max(0, start - width * (before + 1))
                c1 = min(size, m.end() + width * (after + 1))
                head = findall(text, c0, start)  # C-level: no offsets unless there is a hit
                if c0 and head:
                    del head[0]  # maybe cut by the region: not a whole token
                tail = findall(text, start, c1)
                if c1 < size and len(tail) > 1:
                    del tail[-1]
                a = len(head)
                if (c0 == 0 or a >= before) and (c1 == size or len(tail) >= after):
                    break
                width *= 4
            raw = head[a - before :] if a > before else head
            first = a - len(raw)  # tokens of head left out
            raw += tail[:after]
            a -= first
            new = set(raw).difference(rk)
            if new:
                self._fold_new(new)
            keys = list(map(rk.__getitem__, raw))  # C-level
            local: tuple[set[tuple[int, int, int]], list[Hit]] = (set(), [])
            ids = range(len(raw))
            if lo < 0:
                # the window is the region try_anchor checks: its count filter, inline
                if not may_hold(form, keys):
                    continue
                try_anchor(form, a, keys, ids, range(1, len(raw) + 1), local)
            else:
                try_piece(form, (lo, hi, off), a, keys, ids, range(1, len(raw) + 1), local)
            if local[1]:
                self._place(text, c0, c1, start, a, len(raw), local[1], found)

"""Scanning documents for watchlist phrases: the :class:`PhraseIndex`.

Two candidate generators feed the same verification (:func:`._forms.try_piece`):

* the prefix scan (pyahocorasick, a dependency): one Aho-Corasick automaton holds
  " " + a :func:`~statement_tracker._text.stem_prefix` of the rarest keys of every piece
  and of the content keys of forms anchored on content words; it reads the text with every
  character but ASCII letters and digits spaced out (:func:`_spaced`), so it
  stops only at word starts.  A piece whose prefixes do not all occur is
  skipped, and the hits of its least frequent key in this document anchor the
  candidates; a form anchored on content words is skipped when too few of them
  occur (the automaton and that plan: :mod:`._scan_plan`).  The document's token
  boundaries are then computed once with numpy (:mod:`._token_bounds`), and
  :class:`._scan_candidates.Candidates` turns the hits into token numbers and reads
  only the tokens around the candidates;
* the set-based scan, with ``accelerate=False``, for a document where those
  anchors are too common (more than one hit in :data:`_HITS_PER_CHAR`
  characters), with CJK characters, with a token that the prefix scan would
  miss (an accented token that folds to a watched key but does not start with
  its prefix, "résumé" for "resum"), or with an apostrophe, letters and a digit
  ("it's5"): the document is tokenised once, its set of tokens is intersected
  with the keys of the pieces, and the occurrences of each surviving piece
  anchor the candidates.

Both give exactly the hits of :func:`._brute_force.brute_force_scan` (tested with
Hypothesis on random texts).

For an archive (the store)
    Persist, per document, its raw word tokens and their positions (as
    :mod:`statement_tracker._archive._postings` does).  To track a watchlist over stored documents
    without reading their text, fold the archive's term vocabulary with
    :func:`~statement_tracker._text.term_key`, take :meth:`PhraseIndex.required_terms` (one set
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

import operator
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from .._text import stem_prefix, term_key
from ._forms import Form, Hit, compile_forms, select_hits
from ._language import in_language, typed
from ._parallel import chunked, resolve_workers, run_chunks, run_sequence
from ._scan_candidates import Candidates
from ._scan_plan import PrefixPlan, _Piece
from ._scan_sets import scan_sets
from ._token_bounds import (
    Bounds,
    apostrophe_digit,
    encode,
    foreign_tokens,
    spaced_bytes,
    token_bounds,
)
from ._watchlist import Watchlist

__all__ = ["PhraseIndex", "accelerated"]

try:  # optional accelerator (the "fast" extra)
    import ahocorasick as _ahocorasick  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    _ahocorasick = None

_SECOND = operator.itemgetter(1)

#: Above one anchor hit in this many characters, tokenising the whole document is cheaper.
_HITS_PER_CHAR = 10


def _spaced(encoded: bytes) -> str:
    """The text (:func:`._token_bounds.encode`) with a space before and after it and a space
    for every character but ASCII letters and digits (offsets shift by one): the prefix scan
    looks for " " + prefix, so it stops only at the start of words, and its automaton
    seldom leaves its root.

    >>> _spaced(encode("u.s.-china, résumé"))
    ' u s  china  r sum  '
    """
    return spaced_bytes(encoded).decode("ascii")


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
        self._options = (threshold, accelerate)  # to build the same index in a worker
        self.forms: tuple[Form, ...] = compile_forms(watchlist, threshold=threshold)
        self._typed = typed(self.forms)
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
        self._automaton = self._build_automaton() if use_ac and accelerated() else None

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
        [['era']]
        """
        return [p[4] for p in self._pieces]

    def could_match(self, keys: set[str] | frozenset[str]) -> bool:
        """Whether a document whose term keys are ``keys`` can hold an occurrence.

        >>> PhraseIndex(Watchlist(["new era"])).could_match({"new", "year"})
        False
        """
        return any(p[4] <= keys for p in self._pieces)

    def scan(self, norm_text: str, *, language: str | None = None) -> list[Hit]:
        """Every occurrence in normalised text, selected (non-overlapping per phrase).

        With ``language`` (the document's), a translation counts only when it is
        in that language; with ``None``, every form counts.

        >>> PhraseIndex(Watchlist(["SCO"])).scan("the sco and francisco")
        [Hit(form=0, start=4, end=7, edits=0, score=100.0)]
        """
        if self._automaton is not None:
            hits = self._scan_automaton(norm_text)
        else:
            hits = self._scan_sets(norm_text)
        if hits and self._typed:
            hits = in_language(hits, self.forms, language)
        return select_hits(hits, self.forms) if hits else []

    def scan_many(self, texts: Iterable[str], *, workers: int | None = 1) -> Iterator[list[Hit]]:
        """:meth:`scan` each normalised text, on ``workers`` processes (``-1``: every core).

        Results come in input order; with one worker (the default) no process is
        started.  Each worker builds its own copy of the index.

        >>> idx = PhraseIndex(Watchlist(["new era"]))
        >>> [len(h) for h in idx.scan_many(["a new era", "no", "new era, new era"], workers=1)]
        [1, 0, 2]

        (``tests/track/test_scan.py`` runs it on two processes.)
        """
        count = resolve_workers(workers)
        if count == 1:
            yield from map(self.scan, texts)
            return
        threshold, accelerate = self._options
        args = (self.watchlist, threshold, accelerate)
        if isinstance(texts, Sequence):  # forked workers read it where it is
            for _, _, found in run_sequence(
                _scan_chunk, texts, len, workers=count, initializer=_start_worker, initargs=args
            ):
                yield from found
            return
        for found in run_chunks(
            _scan_chunk,
            chunked(texts, len),
            workers=count,
            initializer=_start_worker,
            initargs=args,
        ):
            yield from found

    def _foreign_harmless(self, text: str, bounds: Bounds, encoded: bytes | None = None) -> bool:
        """Whether every token with characters beyond ASCII that folds to a key of a piece
        or form starts with that key's prefix.

        Those tokens are the only ones the prefix scan could miss ("résumé" does not
        start with "resum", "communiqué" starts with "communiqu"); when none is
        missed, the scan finds every candidate.

        >>> idx = PhraseIndex(Watchlist(["resume talks"]))
        >>> [idx._foreign_harmless(t, token_bounds(t)) for t in ("lópez said", "a résumé")]
        [True, False]
        """
        rk = self._raw_key
        for tok in foreign_tokens(text, bounds, encoded):
            key = rk.get(tok)
            if key is None:
                key = self._fold_one(tok)
            if key in self._piece_keys:
                prefix = stem_prefix(key)
                if not (prefix.isascii() and tok.startswith(prefix)):
                    return False  # "résumé" folds to "resum" but does not start with it
        return True

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
        return scan_sets(self, norm_text)

    # -- with pyahocorasick ------------------------------------------------------------------

    def _build_automaton(self) -> PrefixPlan:
        return PrefixPlan(self.forms, self._pieces)

    def _scan_automaton(self, text: str) -> list[Hit]:
        bounds = None
        encoded = encode(text)  # shared by the prefix pass and the token bounds
        spaced = spaced_bytes(encoded)
        if text.isascii():
            if "'" in text and apostrophe_digit(text):
                # "it's5" is two tokens, the second glued to a letter: no " " before it
                return self._scan_sets(text)
        else:
            # with letters beyond ASCII a token may not start with its key's prefix
            # ("résumé"): unless no such token folds to a key of the index
            bounds = token_bounds(text, encoded=encoded, spaced=spaced)
            if bounds is None or not self._foreign_harmless(text, bounds, encoded):
                return self._scan_sets(text)
        prefixes = self._automaton
        assert prefixes is not None  # (scan calls this only with the automaton)
        spaced_text = spaced.decode("ascii")
        found_all = prefixes.hits(spaced_text)
        if not found_all:
            return []
        planned = prefixes.plan(Counter(map(_SECOND, found_all)))  # counted at C level
        if planned is None:
            return []
        pieces, anchored, wanted, load = planned
        if bounds is None and load * _HITS_PER_CHAR <= len(text):
            # (ASCII here: the apostrophe-digit case is ruled out above)
            bounds = token_bounds(text, checked=True, encoded=encoded, spaced=spaced)
        if bounds is None:
            # common words (tokenising the whole document is cheaper than visiting each
            # hit), or tokens the vectorised boundaries cannot tell (CJK)
            return self._scan_sets(text)
        candidates = Candidates(self, text, spaced_text, bounds, prefixes.reach)
        return candidates.run(found_all, wanted, pieces, anchored)


# -- worker processes (scan_many) ------------------------------------------------------------

_WORKER_INDEX: list[PhraseIndex] = []


def _start_worker(watchlist: Watchlist, threshold: float | None, accelerate: bool | None) -> None:
    """Build this worker's index (once per process)."""
    _WORKER_INDEX[:] = [PhraseIndex(watchlist, threshold=threshold, accelerate=accelerate)]


def _scan_chunk(texts: list[str]) -> list[list[Hit]]:
    """Scan a chunk of texts with this worker's index."""
    return [_WORKER_INDEX[0].scan(t) for t in texts]

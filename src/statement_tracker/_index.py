"""The phrase index: candidate generation and verification for :func:`track`.

Every watchlist form is compiled into a :class:`Form`: its term keys
(:func:`~statement_tracker._fold.term_key` of its normalised word tokens), the
number of word edits it tolerates and the *pieces* it is cut into.

Matching rule (no threshold given)
    * a form of three words or fewer (two CJK characters count as one word)
      matches only as whole tokens with equal keys: no word may change;
    * a longer form tolerates up to two word edits (inserted, deleted or
      substituted words), of which at most one lost phrase word for forms of
      four or five words (two from six words on), and at most one lost
      *content* word (a word that is not in :data:`~._fold.STOPWORDS`);
    * with a threshold ``T`` (per phrase or per call) a window matches when its
      score is at least ``T`` instead;
    * always: negation words (:data:`~._fold.NEGATIONS`: no, not, without, не,
      没, 不 …) must be the same in the window as in the form.

The score of a window of ``m`` tokens at word edit distance ``d`` from a form of
``n`` tokens is ``100 * (1 - d / max(n, m))``.

Candidates (pigeonhole)
    A form that tolerates ``k`` edits is cut into ``k + 1`` contiguous pieces;
    a window within ``k`` edits keeps one piece intact.  A document can hold an
    occurrence only if it contains every key of some piece, which is checked on
    the document's set of tokens (C-level set operations), and only windows
    around an intact piece are verified (rapidfuzz Levenshtein on key lists).
    :func:`brute_force_scan` verifies every window and is the reference the
    tests compare :meth:`PhraseIndex.scan` with.

For an archive (the store)
    Persist, per document, its raw word tokens and their positions (as
    :mod:`._postings` does).  To track a watchlist over stored documents
    without reading their text, fold the archive's term vocabulary with
    :func:`~._fold.term_key`, take :meth:`PhraseIndex.required_terms` (one set of
    keys per piece) and select the documents that contain all keys of at least
    one piece; :func:`~statement_tracker.track` on those documents alone gives
    exactly the occurrences it would give on the whole archive.  Documents can
    be added at any time: nothing here depends on other documents.

>>> idx = PhraseIndex(Watchlist(["one China policy"]))
>>> [(h.form, h.start, h.end, h.score) for h in idx.scan("we keep the one-china policy.")]
[(0, 3, 6, 100.0)]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

import attrs

from ._errors import UsageError
from ._fold import (
    NEGATIONS,
    STOPWORDS,
    compound_variants,
    negation_signature,
    split_terms,
    term_key,
    word_weight,
)
from ._match import lost_positions, token_distance
from ._normalise import normalise_text
from ._watchlist import Watchlist

__all__ = [
    "Form",
    "Hit",
    "PhraseIndex",
    "brute_force_scan",
    "check_threshold",
    "compile_forms",
    "select_hits",
    "verify",
]

_EPS = 1e-9


def check_threshold(threshold: float | None) -> float | None:
    """Validate a threshold (0–100 or ``None``).

    >>> check_threshold(80)
    80.0
    >>> check_threshold(101)
    Traceback (most recent call last):
    ...
    statement_tracker._errors.UsageError: threshold 101 is outside 0-100
    """
    if threshold is None:
        return None
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise UsageError(None, f"threshold must be a number, not {threshold!r}")
    if not 0 <= threshold <= 100 or math.isnan(threshold):
        raise UsageError(None, f"threshold {threshold} is outside 0-100")
    return float(threshold)


@attrs.frozen(kw_only=True)
class Form:
    """One wording of a phrase, compiled for matching.

    Attributes:
        index: Position in :attr:`PhraseIndex.forms`.
        phrase: Index of the phrase in the watchlist.
        text: The form as written (the phrase text or an alias).
        norm: Its normalised text.
        tokens: Its normalised word tokens.
        keys: Their term keys.
        max_edits: Word edits tolerated.
        max_lost: Phrase words that may be lost (rule mode).
        threshold: The score threshold in force, or ``None`` for the rule.
        negations: The form's :func:`~._fold.negation_signature`.
        pieces: ``(start, end)`` token ranges covering the form.
        anchors: For each piece, the offset (within it) of its rarest key.

    >>> f = compile_forms(Watchlist(["peace and stability across the Taiwan Strait"]))[0]
    >>> f.max_edits, f.pieces
    (2, ((0, 2), (2, 4), (4, 7)))
    """

    index: int
    phrase: int
    text: str
    norm: str
    tokens: tuple[str, ...]
    keys: tuple[str, ...]
    max_edits: int
    max_lost: int
    threshold: float | None
    negations: tuple[str, ...]
    pieces: tuple[tuple[int, int], ...]
    anchors: tuple[int, ...]

    @property
    def content(self) -> tuple[bool, ...]:
        """Whether each key is a content word (not a stop word).

        >>> compile_forms(Watchlist(["areas of cooperation"]))[0].content
        (True, False, True)
        """
        return tuple(k not in STOPWORDS for k in self.keys)


@attrs.frozen
class Hit:
    """A verified window: form ``form`` matches tokens ``[start, end)`` with ``edits`` edits.

    >>> Hit(0, 1, 3, 0, 100.0).score
    100.0
    """

    form: int
    start: int
    end: int
    edits: int
    score: float


def _rarity(key: str) -> float:
    """A guess at how common a key is (higher = more common), without corpus statistics."""
    if key in STOPWORDS or key in NEGATIONS:
        return 1000.0
    if len(key) == 1:
        return 60.0  # a CJK character or a stray letter
    return 10.0 if len(key) >= 6 else 30.0


def _split(keys: Sequence[str], parts: int) -> tuple[tuple[int, int], ...]:
    """Cut ``keys`` into ``parts`` contiguous pieces whose worst piece is as rare as possible."""
    n = len(keys)
    parts = max(1, min(n, parts))
    if parts == n:
        return tuple((i, i + 1) for i in range(n))

    def cost(lo: int, hi: int) -> float:
        return min(_rarity(k) for k in keys[lo:hi]) * 0.1 ** (hi - lo - 1)

    if math.comb(n - 1, parts - 1) > 5000:
        bounds = [round(i * n / parts) for i in range(parts + 1)]
        return tuple((bounds[i], bounds[i + 1]) for i in range(parts))
    best: tuple[float, float, tuple[int, ...]] | None = None
    for cuts in itertools.combinations(range(1, n), parts - 1):
        b = (0, *cuts, n)
        costs = [cost(b[i], b[i + 1]) for i in range(parts)]
        cand = (max(costs), sum(costs), b)
        if best is None or cand[:2] < best[:2]:
            best = cand
    assert best is not None
    b = best[2]
    return tuple((b[i], b[i + 1]) for i in range(parts))


def _anchor(piece: Sequence[str]) -> int:
    """Offset of the rarest key of a piece (the first of equals)."""
    return min(range(len(piece)), key=lambda i: (_rarity(piece[i]), i))


def _max_edits(n: int, words: int, threshold: float | None) -> int:
    if threshold is None:
        return 0 if words <= 3 else 2
    t = threshold / 100.0
    if t <= 0:
        return n - 1
    return max(0, min(n - 1, math.floor((1.0 - t) * n / t + _EPS)))


def compile_forms(watchlist: Watchlist, *, threshold: float | None = None) -> tuple[Form, ...]:
    """Compile every form (text and aliases) of every phrase.

    A phrase's own threshold wins over ``threshold``; with neither, the
    default rule applies (see the module docstring).

    >>> [f.keys for f in compile_forms(Watchlist(["Win-win cooperation"]))]
    [('win', 'win', 'cooperation'), ('win', 'win', 'co', 'operation')]
    """
    threshold = check_threshold(threshold)
    forms: list[Form] = []
    for pi, phrase in enumerate(watchlist):
        seen: set[tuple[str, ...]] = set()
        t = phrase.threshold if phrase.threshold is not None else threshold
        for text in phrase.forms:
            norm = normalise_text(text)
            written = tuple(split_terms(norm)[1::2])
            words = word_weight(written)
            for tokens in (written, *compound_variants(written)):
                forms.extend(
                    _compile(
                        text,
                        norm,
                        tokens,
                        phrase=pi,
                        index=len(forms),
                        words=words,
                        threshold=t,
                        seen=seen,
                    )
                )
    return tuple(forms)


def _compile(
    text: str,
    norm: str,
    tokens: tuple[str, ...],
    *,
    phrase: int,
    index: int,
    words: int,
    threshold: float | None,
    seen: set[tuple[str, ...]],
) -> list[Form]:
    """Compile one token sequence of a form (nothing if it duplicates another).

    ``words`` is the word count of the form as written, so that a hyphen
    variant ("co operation") follows the same rule as the form ("cooperation").
    """
    keys = tuple(term_key(tok) for tok in tokens)
    if not keys or keys in seen:
        return []
    seen.add(keys)
    n = len(keys)
    k = _max_edits(n, words, threshold)
    pieces = _split(keys, k + 1)
    anchors = tuple(_anchor(keys[lo:hi]) for lo, hi in pieces)
    form = Form(
        index=index,
        phrase=phrase,
        text=text,
        norm=norm,
        tokens=tokens,
        keys=keys,
        max_edits=k,
        max_lost=n if threshold is not None else (1 if words <= 5 else 2),
        threshold=threshold,
        negations=negation_signature(keys),
        pieces=pieces,
        anchors=anchors,
    )
    return [form]


def verify(form: Form, window: Sequence[str]) -> tuple[int, float] | None:
    """Decide whether the key list ``window`` is an occurrence of ``form``.

    Returns ``(edits, score)`` or ``None``.  This one function decides for both
    the indexed and the brute-force matcher.

    >>> f = compile_forms(Watchlist(["no forbidden areas of cooperation"]))[0]
    >>> verify(f, ["new", "area", "of", "cooperation"]) is None
    True
    >>> verify(f, ["no", "forbidden", "area", "of", "cooperation"])
    (0, 100.0)
    """
    keys = form.keys
    k = form.max_edits
    n, m = len(keys), len(window)
    if not n - k <= m <= n + k or m == 0:
        return None
    d = 0 if keys == tuple(window) else token_distance(keys, window, k)
    if d > k:
        return None
    if negation_signature(window) != form.negations:
        return None
    score = 100.0 * (1.0 - d / max(n, m))
    if form.threshold is not None:
        return (d, score) if score + _EPS >= form.threshold else None
    if d:
        lost = lost_positions(keys, window)
        if len(lost) > form.max_lost:
            return None
        if sum(1 for i in lost if keys[i] not in STOPWORDS) > 1:
            return None
    return d, score


def select_hits(hits: Iterable[Hit], forms: Sequence[Form]) -> list[Hit]:
    """Keep non-overlapping hits per phrase: best score first, then earliest, then longest.

    >>> fs = compile_forms(Watchlist(["a b c d e"]))
    >>> [h.start for h in select_hits([Hit(0, 0, 5, 0, 100.0), Hit(0, 1, 5, 1, 80.0)], fs)]
    [0]
    """
    by_phrase: dict[int, list[Hit]] = {}
    for h in hits:
        by_phrase.setdefault(forms[h.form].phrase, []).append(h)
    out: list[Hit] = []
    for _, group in sorted(by_phrase.items()):
        group.sort(key=lambda h: (-h.score, h.start, -h.end, h.form))
        taken: list[tuple[int, int]] = []
        for h in group:
            if all(h.end <= s or h.start >= e for s, e in taken):
                taken.append((h.start, h.end))
                out.append(h)
    out.sort(key=lambda h: (h.start, forms[h.form].phrase, h.end))
    return out


class PhraseIndex:
    """A watchlist compiled for scanning many documents.

    Args:
        watchlist: The phrases.
        threshold: A score 0–100 for phrases without their own, or ``None``
            for the default rule.

    The index keeps a cache from raw tokens to keys across documents (the
    reason it is mutable): the vocabulary of a corpus is small, so each new
    word is folded once.

    >>> idx = PhraseIndex(Watchlist(["new era"]))
    >>> idx.scan("a new year in a new era")[0].start
    5
    >>> idx.scan("new zealand")
    []
    """

    def __init__(self, watchlist: Watchlist, *, threshold: float | None = None) -> None:
        self.watchlist = watchlist
        self.forms: tuple[Form, ...] = compile_forms(watchlist, threshold=threshold)
        # piece = (form index, piece start, piece end, anchor offset, key set)
        self._by_anchor: dict[str, list[tuple[int, int, int, int, frozenset[str]]]] = {}
        self._piece_keys: set[str] = set()
        for f in self.forms:
            for (lo, hi), off in zip(f.pieces, f.anchors, strict=True):
                piece = (f.index, lo, hi, off, frozenset(f.keys[lo:hi]))
                self._by_anchor.setdefault(f.keys[lo + off], []).append(piece)
                self._piece_keys.update(f.keys[lo:hi])
        self._raw_key: dict[str, str] = {}
        self._interesting: set[str] = set()

    def required_terms(self) -> list[frozenset[str]]:
        """One key set per piece: a document can match only if it holds all keys of one.

        >>> [sorted(s) for s in PhraseIndex(Watchlist(["new era"])).required_terms()]
        [['era', 'new']]
        """
        return [p[4] for pieces in self._by_anchor.values() for p in pieces]

    def could_match(self, keys: set[str] | frozenset[str]) -> bool:
        """Whether a document whose term keys are ``keys`` can hold an occurrence.

        >>> PhraseIndex(Watchlist(["new era"])).could_match({"new", "year"})
        False
        """
        return any(p[4] <= keys for k in keys for p in self._by_anchor.get(k, ()))

    def _keys_of(self, raw: Iterable[str]) -> None:
        rk = self._raw_key
        for t in raw:
            key = term_key(t)
            rk[t] = key
            if key in self._piece_keys:
                self._interesting.add(t)

    def scan(self, norm_text: str, parts: list[str] | None = None) -> list[Hit]:
        """Find every occurrence in normalised text; tokens are ``split_terms(norm_text)[1::2]``.

        Pass ``parts`` (the result of :func:`~._fold.split_terms`) when you
        already have it.  Hits are selected (non-overlapping per phrase).

        >>> PhraseIndex(Watchlist(["SCO"])).scan("the sco and francisco")
        [Hit(form=0, start=1, end=2, edits=0, score=100.0)]
        """
        if parts is None:
            parts = split_terms(norm_text)
        raw = parts[1::2]
        uniq = set(raw)
        rk = self._raw_key
        new = uniq.difference(rk)
        if new:
            self._keys_of(new)
        present_raw = uniq.intersection(self._interesting)
        if not present_raw:
            return []
        present = {rk[t] for t in present_raw}
        by_anchor: dict[str, list[tuple[int, int, int, int, frozenset[str]]]] = {}
        for key in present:
            for piece in self._by_anchor.get(key, ()):
                if piece[4] <= present:
                    by_anchor.setdefault(key, []).append(piece)
        if not by_anchor:
            return []
        anchor_raw = {t for t in present_raw if rk[t] in by_anchor}
        forms = self.forms
        size = len(raw)
        tried: set[tuple[int, int, int]] = set()
        hits: list[Hit] = []
        for i in [i for i, t in enumerate(raw) if t in anchor_raw]:
            for fi, lo, hi, off, _ in by_anchor[rk[raw[i]]]:
                j = i - off  # where the piece starts in the document
                if j < 0 or j + hi - lo > size:
                    continue
                form = forms[fi]
                fkeys = form.keys
                if hi - lo > 1 and any(
                    rk[raw[j + x]] != fkeys[lo + x] for x in range(hi - lo) if x != off
                ):
                    continue
                k = form.max_edits
                n = len(fkeys)
                base = j - lo  # where the form would start with no edits before the piece
                r0 = max(0, base - k)
                r1 = min(size, base + n + k)
                region = [rk[t] for t in raw[r0:r1]]
                for s in range(r0, min(j, base + k) + 1):
                    e_lo = max(j + hi - lo, s + n - k, s + 1, base + n - k)
                    e_hi = min(r1, s + n + k)
                    for e in range(e_lo, e_hi + 1):
                        if (fi, s, e) in tried:
                            continue
                        tried.add((fi, s, e))
                        res = verify(form, region[s - r0 : e - r0])
                        if res is not None:
                            hits.append(Hit(fi, s, e, res[0], res[1]))
        return select_hits(hits, forms) if hits else []


def brute_force_scan(forms: Sequence[Form], keys: Sequence[str]) -> list[Hit]:
    """The reference matcher: verify every window of every length for every form (slow).

    >>> fs = compile_forms(Watchlist(["new era"]))
    >>> brute_force_scan(fs, ["a", "new", "era"])
    [Hit(form=0, start=1, end=3, edits=0, score=100.0)]
    """
    hits: list[Hit] = []
    size = len(keys)
    for form in forms:
        n, k = len(form.keys), form.max_edits
        for s in range(size):
            for e in range(s + max(1, n - k), min(size, s + n + k) + 1):
                res = verify(form, keys[s:e])
                if res is not None:
                    hits.append(Hit(form.index, s, e, res[0], res[1]))
    return select_hits(hits, forms)

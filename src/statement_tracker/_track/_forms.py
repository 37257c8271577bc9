"""The phrase index: candidate generation and verification for :func:`track`.

Every watchlist form is compiled into a :class:`Form`: its term keys
(:func:`~statement_tracker._text._fold.term_key` of its normalised word tokens), the
number of word edits it tolerates and the *pieces* it is cut into.

Matching rule (no threshold given), by strictness level (:data:`LEVELS`)
    * ``exact``: the form's keys in its order, nothing else;
    * ``close`` (default): also a close variant (:mod:`._variants`: words inserted,
      a conjunction dropped, conjuncts swapped, a compound inverted, content words
      reordered), and in a form of four words or more up to two word edits (three
      from seven words) that lose no content word ("overarching" added) and at most
      one stop word for forms of four or five words (two for six, three from seven);
    * ``loose``: in a form of four words or more, also one more edit and one
      *content* word lost (dropped or replaced; a content word is one not in
      :data:`~statement_tracker._text._fold.STOPWORDS`) when at least three remain
      ("democratization of international relations" does not match "system of
      international relations");
    * a form of three words or fewer never has a word replaced; a CJK form never
      loses, gains or changes a content word;
    * with a threshold ``T`` (per phrase or per call) a window matches when its
      score is at least ``T`` instead;
    * always: negation words (:data:`~statement_tracker._text.NEGATIONS`: no, not,
      without, не, 没, 不 …) must be the same in the window as in the form.

The score of a window of ``m`` tokens at word edit distance ``d`` from a form of
``n`` tokens is ``100 * (1 - d / max(n, m))``.

Candidates (pigeonhole)
    A form that tolerates ``k`` edits is cut into ``k + 1`` contiguous pieces;
    a window within ``k`` edits keeps one piece intact, so only windows around
    an intact piece are verified (:func:`try_piece`; rapidfuzz Levenshtein on
    key lists).  :mod:`._scan` finds the pieces; :func:`brute_force_scan`
    verifies every window and is the reference the tests compare it with.

>>> wl = Watchlist(["comprehensive partnership and strategic cooperation"])
>>> window = [term_key(w) for w in "overarching partnership and strategic cooperation".split()]
>>> verify(compile_forms(wl, match="loose")[0], window)
(1, 80.0)
>>> verify(compile_forms(wl)[0], window) is None  # close: a content word replaced
True
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from .._text import (
    NEGATIONS,
    STOPWORDS,
    compound_variants,
    is_cjk,
    lost_positions,
    negation_signature,
    normalise_text,
    split_terms,
    stem_prefix,
    term_key,
    token_distance,
    word_weight,
)
from ._heads import head_dropped
from ._levels import LEVELS, check_level, check_threshold
from ._taken import Taken
from ._variants import take, variant
from ._watchlist import Watchlist

__all__ = [
    "LEVELS",
    "Form",
    "Hit",
    "check_level",
    "check_threshold",
    "compile_forms",
    "describe",
    "select_hits",
    "verify",
]

_EPS = 1e-9


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
        negations: The form's :func:`~statement_tracker._text._fold.negation_signature`.
        content_words: How many of its keys are content words (not stop words).
        key_set: Its distinct keys.
        content_set: Its distinct content keys.
        lost_budget: Phrase words an accepted window may miss.
        content_slack: Distinct content words an accepted window may miss.
        anchor_keys: Under the default rule with edits allowed, ``content_slack + 1``
            content keys (at least one is in every occurrence), anchors that are
            rarer than the pieces; empty when the pieces are used.
        pieces: ``(start, end)`` token ranges covering the form.
        anchors: For each piece, the offset (within it) of its rarest key.
        level: The strictness level (:data:`LEVELS`) of the default rule.
        words: Its word count as written (a CJK word counts as one).
        family: The phrase's family (alternatives to one another), or ``None``.
        cjk: Whether the form is written in CJK words: its variants may add or drop
            function words only (a content word added, dropped or replaced makes
            another formula: 全面战略伙伴关系 is not 全面战略合作伙伴关系).
        language: The language of the documents it is matched in (a translation's),
            or ``None`` for every document (the text, aliases and learnt wordings).
        derived: Whether it is the written form with a Chinese head word left out
            (:mod:`._heads`: 伙伴 for 伙伴关系); its matches are ``folded``, not ``exact``.

    >>> f = compile_forms(Watchlist(["peace and stability across the Taiwan Strait"]))[0]
    >>> f.max_edits, f.pieces
    (3, ((0, 2), (2, 4), (4, 6), (6, 7)))
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
    content_words: int
    key_set: frozenset[str]
    content_set: frozenset[str]
    lost_budget: int
    content_slack: int
    anchor_keys: tuple[str, ...]
    pieces: tuple[tuple[int, int], ...]
    anchors: tuple[int, ...]
    level: str = "close"
    words: int = 0
    family: str | None = None
    cjk: bool = False
    language: str | None = None
    derived: bool = False

    @property
    def content(self) -> tuple[bool, ...]:
        """Whether each key is a content word (not a stop word).

        >>> compile_forms(Watchlist(["areas of cooperation"]))[0].content
        (True, False, True)
        """
        return tuple(k not in STOPWORDS for k in self.keys)


@attrs.frozen
class Hit:
    """A verified window: ``form`` matches normalised text ``[start, end)`` with ``edits`` edits.

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
        return 60.0  # a one-character (CJK) word or a stray letter
    return 10.0 if len(key) >= 6 else 30.0


def _split(keys: Sequence[str], parts: int) -> tuple[tuple[int, int], ...]:
    """Cut ``keys`` into ``parts`` contiguous pieces whose worst piece is as rare as possible."""
    n = len(keys)
    parts = max(1, min(n, parts))
    if parts == n:
        return tuple((i, i + 1) for i in range(n))

    rarity = [_rarity(k) for k in keys]

    def cost(lo: int, hi: int) -> float:
        return min(rarity[lo:hi]) * 0.1 ** (hi - lo - 1)

    # past 50,000 key visits (dozens of words), even pieces: any cut finds every candidate
    if math.comb(n - 1, parts - 1) * n > 50_000:
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


def _rule_lost(words: int) -> int:
    """Phrase words an occurrence may lose under the default rule."""
    return 1 if words <= 5 else (2 if words <= 6 else 3)


def _max_edits(n: int, words: int, threshold: float | None, level: str, content: int) -> int:
    if threshold is None:
        if level == "exact" or content < 2:
            return 0
        if words <= 3:
            return 2  # room for a swap, an inserted word or a dropped conjunction
        return (2 if words <= 6 else 3) + (level == "loose")
    t = threshold / 100.0
    if t <= 0:
        return n - 1
    return max(0, min(n - 1, math.floor((1.0 - t) * n / t + _EPS)))


def compile_forms(
    watchlist: Watchlist, *, threshold: float | None = None, match: str | None = None
) -> tuple[Form, ...]:
    """Compile every form (text, aliases, translations) of every phrase.

    A phrase's own threshold wins over ``threshold``; with neither, the
    default rule applies (see the module docstring) at the phrase's own
    strictness level, else ``match`` (default ``"close"``).  A translation's
    forms carry its :attr:`Form.language`; a wording already compiled for
    every language is not compiled again for one.

    >>> [f.keys for f in compile_forms(Watchlist(["Win-win cooperation"]))]
    [('win', 'win', 'cooper'), ('win', 'win', 'co', 'oper')]
    >>> from ._watchlist import Phrase
    >>> [(f.text, f.language) for f in compile_forms(Watchlist([Phrase("A", "new era",
    ...     translations={"zh": "新时代"})]))]
    [('new era', None), ('新时代', 'zh')]
    """
    threshold = check_threshold(threshold)
    match = check_level(match)
    forms: list[Form] = []
    for pi, phrase in enumerate(watchlist):
        seen: set[tuple[str | None, tuple[str, ...]]] = set()
        t = phrase.threshold if phrase.threshold is not None else threshold
        level = phrase.match or match
        for language, text in phrase.language_forms:
            norm = normalise_text(text)
            written = tuple(split_terms(norm)[1::2])
            words = word_weight(written)
            derived = head_dropped(written)
            for tokens in (written, *compound_variants(written), *derived):
                forms.extend(
                    _compile(
                        text,
                        norm,
                        tokens,
                        phrase=pi,
                        index=len(forms),
                        words=words,
                        threshold=t,
                        level=level,
                        family=phrase.family,
                        seen=seen,
                        language=language,
                        derived=tokens in derived,
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
    level: str = "close",
    family: str | None = None,
    seen: set[tuple[str | None, tuple[str, ...]]],
    language: str | None = None,
    derived: bool = False,
) -> list[Form]:
    """Compile one token sequence of a form (nothing if it duplicates another).

    ``words`` is the word count of the form as written, so that a hyphen
    variant ("co operation") follows the same rule as the form ("cooperation").
    """
    keys = tuple(term_key(tok) for tok in tokens)
    if not keys or (language, keys) in seen or (None, keys) in seen:
        return []  # a duplicate, or a translation already matched in every language
    seen.add((language, keys))
    n = len(keys)
    content_words = sum(1 for x in keys if x not in STOPWORDS)
    k = _max_edits(n, words, threshold, level, content_words)
    pieces = _split(keys, k + 1)
    anchors = tuple(_anchor(keys[lo:hi]) for lo, hi in pieces)
    content = sorted(
        {x for x in keys if x not in STOPWORDS},
        key=lambda x: (x in NEGATIONS, -len(stem_prefix(x)), -len(x), x),
    )
    if k == 0:
        slack = 0
    elif threshold is None:
        slack = 1 if content_words >= 4 else 0
    else:
        slack = len(content)
    anchor_keys: tuple[str, ...] = ()
    if threshold is None and k > 0 and len(content) > slack:
        anchor_keys = tuple(content[: slack + 1])
    form = Form(
        index=index,
        phrase=phrase,
        text=text,
        norm=norm,
        tokens=tokens,
        keys=keys,
        max_edits=k,
        max_lost=n if threshold is not None else _rule_lost(words),
        threshold=threshold,
        negations=negation_signature(keys),
        content_words=content_words,
        key_set=frozenset(keys),
        content_set=frozenset(x for x in keys if x not in STOPWORDS),
        lost_budget=min(k, n if threshold is not None else _rule_lost(words)),
        content_slack=slack,
        anchor_keys=anchor_keys,
        pieces=pieces,
        anchors=anchors,
        level=level,
        words=words,
        family=family,
        cjk=any(is_cjk(t) for t in tokens),
        language=language,
        derived=derived,
    )
    return [form]


def verify(
    form: Form, window: Sequence[str], *, negations: bool = True
) -> tuple[int, float] | None:
    """Decide whether the key list ``window`` is an occurrence of ``form``.

    Returns ``(edits, score)`` or ``None``.  This one function decides for both
    the indexed and the brute-force matcher.  ``negations=False`` skips the
    negation check, for a caller that knows neither side has one.

    >>> f = compile_forms(Watchlist(["no forbidden areas of cooperation"]))[0]
    >>> verify(f, [term_key(w) for w in "new areas of cooperation".split()]) is None
    True
    >>> verify(f, [term_key(w) for w in "no forbidden areas of cooperation".split()])
    (0, 100.0)
    """
    keys = form.keys
    k = form.max_edits
    n, m = len(keys), len(window)
    if not n - k <= m <= n + k or m == 0:
        return None
    if keys == tuple(window):
        return 0, 100.0
    if negations and negation_signature(window) != form.negations:
        return None
    if form.threshold is not None:
        d = token_distance(keys, window, k)
        score = 100.0 * (1.0 - d / max(n, m))
        return (d, score) if d <= k and score + _EPS >= form.threshold else None
    if form.words > 3 and not form.cjk:  # word edits within a longer formula
        d = token_distance(keys, window, k)
        if d <= k and _keeps_content(form, window):
            return d, 100.0 * (1.0 - d / max(n, m))
    elif not form.content_set.issubset(window):
        return None  # a short formula keeps every content word
    found = _close_variant(form, window)
    if found is None:
        return None
    d = found[0]
    return d, 100.0 * (1.0 - d / max(n, m))


def _close_variant(form: Form, window: Sequence[str]) -> tuple[int, str] | None:
    if form.level == "exact":
        return None
    return variant(
        form.keys,
        window,
        key_set=form.key_set,
        content_words=form.content_words,
        words=form.words,
        max_edits=form.max_edits,
        max_lost=form.lost_budget,
        cjk=form.cjk,
        loose=form.level == "loose",
    )


def _keeps_content(form: Form, window: Sequence[str]) -> bool:
    """The longer-formula rule: few phrase words lost, one content word at most."""
    keys = form.keys
    lost = lost_positions(keys, window)
    if len(lost) > form.max_lost:
        return False
    content_lost = sum(1 for i in lost if keys[i] not in STOPWORDS)
    if content_lost > 1 or (content_lost and form.content_words - content_lost < 3):
        return False
    # a content word lost (dropped, or replaced: "зоне" for "участники" специальной
    # военной операции) leaves another formula: only at the loose level
    return not content_lost or form.level == "loose"


def describe(form: Form, window: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """How a matched window differs from the form: ``(kind, differing keys)``.

    The kind is ``"same"``, a kind of :func:`~._variants.variant`, or ``"edited"``
    (word edits within a longer formula or under a threshold); the keys are the
    form's words the window lacks, prefixed ``-``, and the window's words the form
    lacks, ``+``.

    >>> f = compile_forms(Watchlist(["lines of communication"]))[0]
    >>> describe(f, [term_key(w) for w in "lines of open communication".split()])
    ('inserted', ('+open',))
    """
    if tuple(window) == form.keys:
        return "same", ()
    missing = Counter(form.keys)
    missing.subtract(window)
    extra = Counter(window)
    extra.subtract(form.keys)
    diff = tuple(
        [f"-{x}" for x in form.keys if missing[x] > 0 and take(missing, x)]
        + [f"+{x}" for x in window if extra[x] > 0 and take(extra, x)]
    )
    found = _close_variant(form, window) if form.threshold is None else None
    if found is None and not diff:
        return "reordered", diff
    return (found[1] if found else "edited"), diff


def select_hits(hits: Iterable[Hit], forms: Sequence[Form]) -> list[Hit]:
    """Keep non-overlapping hits per phrase: best score first, then earliest, then longest.

    Phrases of one family are then alternatives: where their hits overlap, the best
    (highest score, then longest, then earliest) is kept.

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
        taken = Taken()
        for h in group:
            if taken.free(h.start, h.end):
                taken.add(h.start, h.end)
                out.append(h)
    if any(f.family for f in forms):
        out = _by_family(out, forms)
    out.sort(key=lambda h: (h.start, forms[h.form].phrase, h.end))
    return out


def _by_family(hits: list[Hit], forms: Sequence[Form]) -> list[Hit]:
    """Drop a family member's hit that overlaps a better one of the same family."""
    kept: list[Hit] = []
    taken: dict[str, Taken] = {}
    ranked = sorted(hits, key=lambda h: (-h.score, h.start - h.end, h.start, h.form))
    for h in ranked:
        family = forms[h.form].family
        if family is None:
            kept.append(h)
            continue
        spans = taken.setdefault(family, Taken())
        if spans.free(h.start, h.end):
            spans.add(h.start, h.end)
            kept.append(h)
    return kept

"""Sentence alignment for the diff: anchors, fuzzy pairs, splits, merges and moves.

The steps follow the plan measured in ``perf-notes.md``:

1. cut each document into sentences;
2. anchor the sentences that are equal, in order (longest common subsequence),
   then, between anchors, those equal once normalised;
3. pair the leftovers equal once normalised but out of order (moved sentences);
4. pair the remaining leftovers by token similarity, one to one, one to two
   (a sentence split in two) or two to one (two sentences merged), best score first;
5. mark as moved the pairs outside the longest increasing run of old positions.

>>> old = units("One sentence here. Another one follows.")
>>> new = units("Another one follows. One sentence here!")
>>> pairs, removed, added = align(old, new)
>>> [(p.old, p.new, p.method, p.moved) for p in pairs]
[((1,), (0,), 'anchor', False), ((0,), (1,), 'fuzzy', True)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Callable

import attrs

from .._text import (
    normalise_text,
    paragraph_spans,
    sentence_spans,
    sequence_opcodes,
    similar_pairs,
    similarity,
    windowed_similarity,
    word_tokens,
)

__all__ = ["DEFAULT_CUTOFF", "Pair", "Side", "Unit", "align", "longest_increasing", "units"]

#: Token similarity (0–100) a pair of unequal sentences needs to count as one reworded sentence.
DEFAULT_CUTOFF = 55.0
#: Leftover sentence pairs scored exhaustively (about a second); above it, only pairs
#: sharing one of the rarer words are scored, so unrelated long texts stay fast.
EXACT_BUDGET = 4_000_000
#: Rarest words of a sentence looked up, and the most sentences a looked-up word may hold.
_RARE_WORDS = 8
_MAX_POSTING = 100
#: Sentences longer than this many words (hostile input: one "sentence" of a whole
#: file) are scored apart, each against at most :data:`LONG_PARTNERS` sentences of
#: the other side, with :func:`windowed_similarity` (linear in their length).
LONG_WORDS = 2_000
LONG_PARTNERS = 16
#: Leftover sentences repeated word for word are scored once; between two groups of
#: more than this many, a sentence is offered only this many nearest of the other group.
NEAREST = 32

@attrs.frozen(kw_only=True)
class Unit:
    """One sentence of a document.

    Attributes:
        index: Position among the document's sentences.
        start: Start offset in the original text.
        end: End offset in the original text.
        paragraph: Index of the paragraph holding the sentence.
        text: The sentence as written.

    >>> units("Ab cd. Ef gh.").units[1].text
    'Ef gh.'
    """

    index: int
    start: int
    end: int
    paragraph: int
    text: str


@attrs.frozen
class Side:
    """A document cut into sentence units.

    >>> side = units("First. Second.")
    >>> [side.text[u.start:u.end] for u in side.units]
    ['First.', 'Second.']
    """

    text: str
    units: tuple[Unit, ...]


def units(text: str, *, language: str = "en") -> Side:
    """Cut ``text`` into paragraphs and sentences.

    >>> [u.paragraph for u in units("Yes. No.\\n\\nMaybe.").units]
    [0, 0, 1]
    """
    out: list[Unit] = []
    for p, (ps, pe) in enumerate(paragraph_spans(text)):
        for s, e in sentence_spans(text, ps, pe, language=language):
            out.append(Unit(index=len(out), start=s, end=e, paragraph=p, text=text[s:e]))
    return Side(text, tuple(out))


@attrs.frozen(kw_only=True)
class Pair:
    """Sentences of the old document paired with sentences of the new one.

    ``old`` and ``new`` are runs of consecutive unit indices: one and one, or
    one and two (a split), or two and one (a merge).

    Attributes:
        old: Indices of the old units.
        new: Indices of the new units.
        score: Token similarity of the normalised sentences, 0–100.
        method: ``anchor`` (equal, or equal once normalised, in order), ``key``
            (equal once normalised, out of order), ``fuzzy``, ``split`` or ``merge``.
        moved: Whether the pair left the longest run of pairs kept in order.

    >>> Pair(old=(0,), new=(1, 2), score=97.0, method="split").moved
    False
    """

    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float
    method: str
    moved: bool = False


_Found = tuple[tuple[int, ...], tuple[int, ...], float, str]


def align(
    old: Side, new: Side, *, cutoff: float = DEFAULT_CUTOFF
) -> tuple[list[Pair], list[int], list[int]]:
    """Pair the sentences of two documents.

    Sentences equal as written are anchored first (most sentences of two
    versions of a readout), so only the rest need normalising and scoring.

    Returns:
        ``(pairs, removed, added)``: pairs sorted by their first new unit,
        the old unit indices left unpaired and the new ones left unpaired.

    >>> pairs, removed, added = align(units("Ab bc cd. Xy."), units("Ab bc cd. Yz zz."))
    >>> [p.method for p in pairs], removed, added
    (['anchor'], [1], [1])
    """
    found: list[_Found] = []
    old_used = [False] * len(old.units)
    new_used = [False] * len(new.units)

    def take(o: tuple[int, ...], n: tuple[int, ...], score: float, method: str) -> None:
        found.append((o, n, score, method))
        for i in o:
            old_used[i] = True
        for j in n:
            new_used[j] = True

    okeys: dict[int, str] = {}
    nkeys: dict[int, str] = {}
    raw_old = [u.text for u in old.units]
    raw_new = [u.text for u in new.units]
    for tag, i1, i2, j1, j2 in sequence_opcodes(raw_old, raw_new):
        if tag == "equal":
            for k in range(i2 - i1):
                take((i1 + k,), (j1 + k,), 100.0, "anchor")
            continue
        # between two anchors: sentences equal once normalised, in order
        for i in range(i1, i2):
            okeys[i] = normalise_text(raw_old[i])
        for j in range(j1, j2):
            nkeys[j] = normalise_text(raw_new[j])
        if i2 > i1 and j2 > j1:
            block_o = [okeys[i] for i in range(i1, i2)]
            block_n = [nkeys[j] for j in range(j1, j2)]
            for t, a1, a2, b1, _ in sequence_opcodes(block_o, block_n):
                if t == "equal":
                    for k in range(a2 - a1):
                        take((i1 + a1 + k,), (j1 + b1 + k,), 100.0, "anchor")

    # equal once normalised but out of order: a sentence moved elsewhere
    waiting: dict[str, deque[int]] = defaultdict(deque)
    for i, key in okeys.items():
        if not old_used[i]:
            waiting[key].append(i)
    for j, key in sorted(nkeys.items()):
        if not new_used[j] and waiting.get(key):
            take((waiting[key].popleft(),), (j,), 100.0, "key")

    _pair_fuzzy(okeys, nkeys, old_used, new_used, take, cutoff)

    found.sort(key=lambda f: f[1][0])
    # most pairs in order; among equally long runs, the one with the most anchors
    weights = [1001 if f[3] == "anchor" else 1000 for f in found]
    keep = set(longest_increasing([f[0][0] for f in found], weights))
    pairs = [
        Pair(old=o, new=n, score=score, method=method, moved=k not in keep)
        for k, (o, n, score, method) in enumerate(found)
    ]
    removed = [i for i, used in enumerate(old_used) if not used]
    added = [j for j, used in enumerate(new_used) if not used]
    return pairs, removed, added


def _pair_fuzzy(
    okeys: dict[int, str],
    nkeys: dict[int, str],
    old_used: list[bool],
    new_used: list[bool],
    take: Callable[[tuple[int, ...], tuple[int, ...], float, str], None],
    cutoff: float,
) -> None:
    """Pair leftover sentences by token similarity: 1–1, 1–2 (split) and 2–1 (merge)."""
    lo = [i for i, used in enumerate(old_used) if not used]
    ln = [j for j, used in enumerate(new_used) if not used]
    if not lo or not ln:
        return
    vocab: dict[str, int] = {}
    ocode = {i: _encode(okeys[i], vocab) for i in lo}
    ncode = {j: _encode(nkeys[j], vocab) for j in ln}
    # adjacent leftover runs of two: candidates for a split or a merge
    orun = [(i, i + 1) for i in lo if i + 1 in ocode]
    nrun = [(j, j + 1) for j in ln if j + 1 in ncode]
    candidates: list[tuple[float, int, tuple[int, ...], tuple[int, ...], str]] = []
    old_one = [(i, ocode[i]) for i in lo]
    new_one = [(j, ncode[j]) for j in ln]
    for i, j, score in _grouped(old_one, new_one, cutoff):
        candidates.append((score, 1, (lo[i],), (ln[j],), "fuzzy"))
    for i, j, score in _grouped(old_one, [(a, ncode[a] + ncode[b]) for a, b in nrun], cutoff):
        candidates.append((score, 0, (lo[i],), nrun[j], "split"))
    for i, j, score in _grouped([(a, ocode[a] + ocode[b]) for a, b in orun], new_one, cutoff):
        candidates.append((score, 0, orun[i], (ln[j],), "merge"))
    # best score first; on a tie prefer one-to-one, then the nearer positions
    candidates.sort(key=lambda c: (-c[0], -c[1], abs(c[2][0] - c[3][0]), c[2][0], c[3][0]))
    for score, _, o, n, method in candidates:
        if any(old_used[i] for i in o) or any(new_used[j] for j in n):
            continue
        take(o, n, score, method)


def _grouped(
    a: list[tuple[int, str]], b: list[tuple[int, str]], cutoff: float
) -> list[tuple[int, int, float]]:
    """:func:`_scored` on ``(position, code)`` items, each distinct code scored once.

    Items with the same code (sentences repeated word for word) form a group.
    A pair of groups that reaches the cutoff gives all its pairs when one
    group has at most :data:`NEAREST` items; otherwise each item gets only the
    :data:`NEAREST` items of the other group nearest in position, so thousands
    of repeated sentences cost a linear number of candidates, not a square.

    >>> _grouped([(0, "ab"), (5, "ab")], [(1, "ab"), (2, "xy")], 50)
    [(0, 0, 100.0), (1, 0, 100.0)]
    """
    ga: dict[str, list[int]] = defaultdict(list)
    gb: dict[str, list[int]] = defaultdict(list)
    for k, (_, code) in enumerate(a):
        ga[code].append(k)
    for k, (_, code) in enumerate(b):
        gb[code].append(k)
    ka, kb = list(ga), list(gb)
    out: list[tuple[int, int, float]] = []
    for x, y, score in _scored(ka, kb, cutoff=cutoff):
        ma, mb = ga[ka[x]], gb[kb[y]]
        if min(len(ma), len(mb)) <= NEAREST:
            out.extend((i, j, score) for i in ma for j in mb)
            continue
        pa, pb = [a[i][0] for i in ma], [b[j][0] for j in mb]
        picked = {(i, j) for i in ma for j in _nearest(mb, pb, a[i][0])}
        picked.update((i, j) for j in mb for i in _nearest(ma, pa, b[j][0]))
        out.extend((i, j, score) for i, j in sorted(picked))
    return out


def _nearest(members: list[int], pos: list[int], at: int) -> list[int]:
    """The :data:`NEAREST` of ``members`` (at increasing positions ``pos``) nearest ``at``.

    >>> _nearest([4, 5, 6], [0, 10, 20], 12)[:2]
    [5, 6]
    """
    right = bisect_left(pos, at)
    left = right - 1
    out: list[int] = []
    while len(out) < NEAREST and (left >= 0 or right < len(pos)):
        if right < len(pos) and (left < 0 or pos[right] - at <= at - pos[left]):
            out.append(members[right])
            right += 1
        else:
            out.append(members[left])
            left -= 1
    return out


def _scored(
    a: list[str], b: list[str], *, cutoff: float
) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, score)`` of encoded sentences with a score >= ``cutoff``.

    Exhaustive up to :data:`EXACT_BUDGET` pairs; beyond, a pair is scored only
    when ``a[i]`` holds two of the rarer words of ``b[j]`` (one if it has one).
    Sentences of more than :data:`LONG_WORDS` words are scored apart
    (see :func:`_scored_long`).

    >>> _scored(["abcd", "xyz"], ["abce"], cutoff=60)
    [(0, 0, 75.0)]
    """
    long_a = [i for i, code in enumerate(a) if len(code) > LONG_WORDS]
    long_b = [j for j, code in enumerate(b) if len(code) > LONG_WORDS]
    if long_a or long_b:
        return _scored_long(a, b, long_a, long_b, cutoff=cutoff)
    if len(a) * len(b) <= EXACT_BUDGET:
        return similar_pairs(a, b, cutoff=cutoff)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, code in enumerate(a):
        for ch in set(code):
            postings[ch].append(i)
    df = Counter({ch: len(p) for ch, p in postings.items()})
    out: list[tuple[int, int, float]] = []
    for j, code in enumerate(b):
        rare = sorted((ch for ch in set(code) if 0 < df[ch] <= _MAX_POSTING), key=df.__getitem__)
        hits: Counter[int] = Counter()
        for ch in rare[:_RARE_WORDS]:
            hits.update(postings[ch])
        need = 2 if len(rare) >= 2 else 1
        for i in sorted(i for i, k in hits.items() if k >= need):
            score = similarity(a[i], code)
            if score >= cutoff:
                out.append((i, j, score))
    return out


def _scored_long(
    a: list[str], b: list[str], long_a: list[int], long_b: list[int], *, cutoff: float
) -> list[tuple[int, int, float]]:
    """:func:`_scored` when some sentences have more than :data:`LONG_WORDS` words.

    The short sentences are scored among themselves as usual.  A long one is
    scored only against the sentences of the other side whose length allows
    the cutoff (the similarity of lengths ``m <= n`` is at most ``200 m / (m + n)``),
    at most :data:`LONG_PARTNERS` of them, the nearest in length, with
    :func:`windowed_similarity`: the work stays linear in the input.

    >>> long = "a" * 3000
    >>> _scored([long, "xy"], [long + "b", "xz"], cutoff=40)
    [(0, 0, 99.98...), (1, 1, 50.0)]
    """
    sa, sb = set(long_a), set(long_b)
    short_a = [i for i in range(len(a)) if i not in sa]
    short_b = [j for j in range(len(b)) if j not in sb]
    out = [
        (short_a[i], short_b[j], score)
        for i, j, score in _scored([a[i] for i in short_a], [b[j] for j in short_b], cutoff=cutoff)
    ]
    # at most, a length m <= n scores 200 m / (m + n): lengths within a ratio of `low`
    low = cutoff / (200.0 - cutoff)
    seen: set[tuple[int, int]] = set()
    for mine, other, flip in ((long_a, b, False), (long_b, a, True)):
        by_len = sorted((len(code), k) for k, code in enumerate(other))
        lengths = [n for n, _ in by_len]
        for x in mine:
            code = (b if flip else a)[x]
            n = len(code)
            lo, hi = bisect_left(lengths, n * low), bisect_right(lengths, n / low)
            at = bisect_left(lengths, n, lo, hi)
            left, right = at - 1, at
            picked: list[int] = []
            while len(picked) < LONG_PARTNERS and (left >= lo or right < hi):
                if right < hi and (left < lo or lengths[right] - n <= n - lengths[left]):
                    picked.append(by_len[right][1])
                    right += 1
                else:
                    picked.append(by_len[left][1])
                    left -= 1
            for y in picked:
                i, j = (y, x) if flip else (x, y)
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                score = windowed_similarity(a[i], b[j])
                if score >= cutoff:
                    out.append((i, j, score))
    return sorted(out)


_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)
_CODE_SPACE = 0x110000 - _FIRST_CODE - len(_SURROGATES)


def _encode(key: str, vocab: dict[str, int]) -> str:
    """Encode the tokens of ``key`` as one character each, so strings compare token by token."""
    chars: list[str] = []
    for tok in word_tokens(key):
        code = vocab.setdefault(tok, len(vocab)) % _CODE_SPACE + _FIRST_CODE
        if code >= _SURROGATES.start:
            code += len(_SURROGATES)
        chars.append(chr(code))
    return "".join(chars)


def longest_increasing(values: list[int], weights: list[int] | None = None) -> list[int]:
    """Positions of a heaviest strictly increasing subsequence of ``values`` (values >= 0).

    With no ``weights`` every value weighs one: a longest increasing subsequence.

    >>> longest_increasing([0, 1, 5, 2, 3, 4])
    [0, 1, 3, 4, 5]
    >>> longest_increasing([1, 0], [2, 1])
    [0]
    """
    if not values:
        return []
    w = weights or [1] * len(values)
    size = max(values) + 1
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # Fenwick tree of (best total, position)
    back = [-1] * len(values)
    best: tuple[int, int] = (0, -1)
    for pos, v in enumerate(values):
        # best chain ending below v
        prev: tuple[int, int] = (0, -1)
        k = v
        while k > 0:
            prev = max(prev, tree[k])
            k -= k & -k
        total = (prev[0] + w[pos], pos)
        back[pos] = prev[1]
        best = max(best, total)
        k = v + 1
        while k <= size:
            tree[k] = max(tree[k], total)
            k += k & -k
    out: list[int] = []
    pos = best[1]
    while pos >= 0:
        out.append(pos)
        pos = back[pos]
    return out[::-1]

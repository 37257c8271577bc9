"""Discovery: the formulas that recur across a series, found without a watchlist.

:func:`discover` finds word sequences of three to fifteen words that recur in
at least ``min_docs`` documents, merges close variants into one
:class:`Formula`, keeps boilerplate out and ranks what is left by how many
documents and how long a span of time each formula covers.

How it works (all on normalised word tokens, see :mod:`._tokens`):

1. Each document is cut into sentences (n-grams never cross a sentence end);
   exact duplicate documents count once.
2. Frequent n-grams are counted level by level, 3 words up to 15: an n-gram
   can recur in ``min_docs`` documents only if both its (n-1)-word halves do,
   so each level only looks where the previous one left something.  Level 3
   is counted with numpy over whole documents, so the rare 3-grams (most of
   them) never become Python objects.
3. An n-gram almost always followed (or preceded) by the same word is
   *absorbed* into the longer one (80 % of its documents or more); what
   is left are maximal phrases.  Phrases that run on past 15 words are copied
   passages, not formulas.
4. Boilerplate is dropped: phrases in more than ``max_share`` of all
   documents (site chrome, sign-offs), phrases found mostly at the very start
   or end of documents (headers, datelines, "for immediate release"), and
   phrases of dates, numbers and function words only.
5. Close variants are merged: a phrase containing another with at most one
   more content word, and phrases with the same content-word stems
   (*manage competition responsibly* / *responsibly managing competition*).
6. Each formula is counted exactly in a last pass (documents, dates), and
   ranked by ``documents × sqrt(1 + years covered)``.

>>> from statement_tracker import Document
>>> text = "Talks in {}. The sides will maintain open lines of communication."
>>> docs = [Document.from_text(text.format(c), source=f"{c}.txt", date=f"202{i}-01-01")
...         for i, c in enumerate(["Rome", "Oslo", "Bern"])]
>>> [f.text for f in discover(docs, min_docs=3)]
['maintain open lines of communication']
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
import numpy as np

from ._errors import UsageError
from ._normalise import normalise_text
from ._records import Document
from ._tokens import word_tokens
from ._watchlist import Phrase, Watchlist

__all__ = ["Formula", "FormulaVariant", "discover", "formulas_to_watchlist"]

MIN_WORDS = 3
MAX_WORDS = 15
_ABSORB = 0.8  # an extension in this share of a phrase's documents absorbs it
_EDGE_WORDS = 30  # at most this many words (a quarter of a document) at its start and end
_EDGE_SHARE = 0.6  # a phrase this often in that zone is a header or a sign-off

# Words that never make a phrase a formula on their own, and never start or end one.
_FUNCTION = frozenset(
    """a an the and or but nor of to in on at by for with from into onto over under as than
    that this these those it its is are was were be been being am will would shall should can
    could may might must has have had do does did not so such their them they our we us his
    her he she him i you your my me which who whom whose what when where while also both all
    any each either neither there here then too very just about after before between during
    against through via per including mr ms mrs dr if because whether how why s t
    re ll ve don doesn didn isn aren wasn weren won wouldn couldn shouldn haven hasn""".split()
)
# Reporting verbs and the words around them ("noted the importance of"): never the
# first or last word of a formula, so sentence frames do not pass for formulas.
_FRAME = frozenset(
    """said say says stated noted underscored underlined emphasized emphasised stressed
    reiterated discussed raised welcomed affirmed reaffirmed exchanged expressed agreed
    highlighted recognized recognised acknowledged outlined described called urged added
    told met spoke held reviewed importance need needs continue continued continues ongoing
    further including such well other among key also leaders sides views issues areas range
    world part meeting meetings call way number efforts effort
    going get got want know think thank thanks lot really right okay yes yeah sure let look
    actually much many more like make made thing things announced announces announce""".split()
)
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten".split())
_DATE_WORDS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow am pm est edt gmt utc ago year years month months
    week weeks day days last next past""".split()
)
# A sentence end: . ! ? ; followed by space and a capital or an opening mark, a new line,
# or a (normalised) full stop after a CJK character.
_SENTENCE_END = re.compile(
    r"[.!?;:]+[\"'”’)\]]*\s+(?=[^\s\w]*[A-ZА-ЯЁ0-9])|\n+|[。！？；]|(?<=[\u3400-\u9fff])[.!?;]+"
)
_POOL = 40  # phrases per formula asked for that are merged and counted exactly
_STEM = 5  # letters of a word that make its stem when merging variants
_SUFFIXES = ("ing", "ed", "es", "s", "ly", "e")


@attrs.frozen(kw_only=True)
class FormulaVariant:
    """One wording of a formula and how many documents use it.

    Attributes:
        text: The wording as it appears in a document.
        norm: Its normalised tokens, joined by spaces.
        documents: How many documents contain it.

    >>> FormulaVariant(text="One China policy", norm="one china policy", documents=4).documents
    4
    """

    text: str
    norm: str
    documents: int


@attrs.frozen(kw_only=True)
class Formula:
    """A recurring formula: its canonical wording, its variants and where it occurs.

    Attributes:
        text: The canonical wording (the variant in most documents, as written).
        norm: The canonical wording's normalised tokens, joined by spaces.
        variants: Every merged wording with its document count, most used first.
        documents: How many documents contain some variant.
        doc_ids: Those documents' ids, in date order.
        first_date: The earliest of their dates, or ``None``.
        last_date: The latest of their dates, or ``None``.
        score: The ranking score, ``documents × sqrt(1 + years covered)``.

    >>> f = Formula(text="x y z", norm="x y z", variants=(), documents=3, doc_ids=("a", "b", "c"),
    ...             first_date=None, last_date=None, score=3.0)
    >>> f.to_dict()["documents"]
    3
    """

    text: str
    norm: str
    variants: tuple[FormulaVariant, ...]
    documents: int
    doc_ids: tuple[str, ...]
    first_date: _dt.date | None
    last_date: _dt.date | None
    score: float

    @property
    def days(self) -> int:
        """Days between the first and last date (0 when undated).

        >>> Formula(text="x", norm="x", variants=(), documents=1, doc_ids=("a",),
        ...         first_date=_dt.date(2021, 1, 1), last_date=_dt.date(2021, 1, 31),
        ...         score=1.0).days
        30
        """
        if self.first_date is None or self.last_date is None:
            return 0
        return (self.last_date - self.first_date).days

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (one line of ``discover --format jsonl``).

        >>> Formula(text="x", norm="x", variants=(FormulaVariant(text="x", norm="x", documents=1),),
        ...         documents=1, doc_ids=("a",), first_date=None, last_date=None,
        ...         score=1.0).to_dict()["variants"]
        [{'text': 'x', 'norm': 'x', 'documents': 1}]
        """
        return {
            "text": self.text,
            "norm": self.norm,
            "documents": self.documents,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "days": self.days,
            "score": round(self.score, 3),
            "variants": [attrs.asdict(v) for v in self.variants],
            "doc_ids": list(self.doc_ids),
        }


class _Corpus:
    """The documents as flat arrays of word ids with sentence ends, and their metadata."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.words: list[str] = []
        self.docs: list[Document] = []
        self.tokens: list[array[int]] = []  # per document, every word id
        self.bounds: list[array[int]] = []  # per document, where each sentence ends
        self.texts: list[bytes] = []
        # how often each word is written with a capital and without (names)
        self.upper: array[int] = array("I")
        self.lower: array[int] = array("I")

    def _id(self, tok: str) -> int:
        i = self.vocab.get(tok)
        if i is None:
            i = self.vocab[tok] = len(self.words)
            self.words.append(tok)
            self.upper.append(0)
            self.lower.append(0)
        return i

    def add(self, doc: Document) -> None:
        ids: array[int] = array("I")
        ends: array[int] = array("I")
        cased: Counter[str] = Counter()
        get = self.vocab.get
        parts = (
            part
            for para in doc.text.split("\n")
            if para and not para.isspace()
            for part in _SENTENCE_END.split(normalise_text(para, fold_case=False))
        )
        for part in parts:
            toks = word_tokens(part)
            if not toks:
                continue
            low = word_tokens(part.lower())
            if len(low) != len(toks):  # a letter whose lower case is longer (rare)
                low = [t.lower() for t in toks]
            found = list(map(get, low))
            if None in found:
                found = [self._id(t) for t in low]
            cased.update(toks[1:])  # the first word of a sentence is capitalised anyway
            ids.extend(found)  # type: ignore[arg-type]
            ends.append(len(ids))
        for tok, c in cased.items():
            i = get(tok.lower())
            if i is not None:
                if tok[:1].isupper():
                    self.upper[i] += c
                else:
                    self.lower[i] += c
        # the text is needed again only to show a few formulas as written: keep it small
        self.texts.append(zlib.compress(doc.text.encode("utf-8", "surrogatepass"), 1))
        self.docs.append(attrs.evolve(doc, text=""))
        self.tokens.append(ids)
        self.bounds.append(ends)

    def text(self, d: int) -> str:
        """The text of document ``d``."""
        return zlib.decompress(self.texts[d]).decode("utf-8", "surrogatepass")

    def is_name(self, word: str) -> bool:
        """True for a word mostly written with a capital inside sentences (China, Biden)."""
        i = self.vocab.get(word)
        return i is not None and self.upper[i] > 2 * self.lower[i]

    def gram(self, where: int, n: int) -> tuple[int, ...]:
        """The n word ids at a packed location (document << 32 | position)."""
        d, p = where >> 32, where & 0xFFFFFFFF
        return tuple(self.tokens[d][p : p + n])


@attrs.define
class _Level:
    """Frequent n-grams of one length.  Mutable: filled while counting.

    ``where`` packs one location of each n-gram (document << 32 | position).
    """

    counts: dict[int, int]
    edges: dict[int, int]
    where: dict[int, int]


def _candidate_starts(alive: array[int]) -> list[int]:
    """Positions where an n-gram may be frequent: the (n-1)-grams starting there and
    one word later are both frequent (then the n-gram lies inside one sentence too)."""
    return [p for p, q in itertools.pairwise(alive) if q == p + 1]


def _edge_only(total: int, n: int, found: Sequence[tuple[int, int]]) -> set[int]:
    """Of the ``(position, hash)`` n-grams of a document of ``total`` words, those found
    only within its first or last words (a quarter of it, at most ``_EDGE_WORDS``)."""
    zone = min(_EDGE_WORDS, total // 4)
    if not zone:
        return set()
    edge: set[int] = set()
    inside: set[int] = set()
    for p, h in found:
        (edge if p + n <= zone or p >= total - zone else inside).add(h)
    return edge - inside


# Three-word keys are computed with numpy over whole documents; the same mix in Python
# (``_key``) looks them up.  Longer n-grams use Python's tuple hash.
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)
_MASK64 = (1 << 64) - 1


def _key(gram: tuple[int, ...]) -> int:
    """The counting key of an n-gram of word ids (see :func:`_first_level` for three words)."""
    if len(gram) == MIN_WORDS:
        a, b, c = gram
        return ((a * _MIX[0]) & _MASK64) ^ ((b * _MIX[1]) & _MASK64) ^ ((c * _MIX[2]) & _MASK64)
    return hash(gram)


def _trigram_keys(corpus: _Corpus, d: int) -> tuple[np.ndarray, np.ndarray]:
    """``(positions, keys)`` of the three-word sequences of document ``d`` inside a sentence."""
    t = np.frombuffer(corpus.tokens[d], dtype=np.uint32).astype(np.uint64)
    if len(t) < MIN_WORDS:
        empty = np.zeros(0, dtype=np.uint64)
        return empty.astype(np.int64), empty
    with np.errstate(over="ignore"):
        keys = (
            (t[:-2] * np.uint64(_MIX[0]))
            ^ (t[1:-1] * np.uint64(_MIX[1]))
            ^ (t[2:] * np.uint64(_MIX[2]))
        )
    valid = np.ones(len(keys), dtype=bool)
    ends = np.frombuffer(corpus.bounds[d], dtype=np.uint32).astype(np.int64)
    crossing = np.concatenate([ends - 1, ends - 2])  # a sequence starting there runs past an end
    valid[crossing[(crossing >= 0) & (crossing < len(keys))]] = False
    pos = np.nonzero(valid)[0]
    return pos, keys[pos]


def _first_level(corpus: _Corpus, min_docs: int) -> tuple[_Level, list[array[int]]]:
    """Count three-word sequences with numpy: per document distinct keys, then all at once.

    Only the frequent ones ever become Python objects, so the many rare
    sequences of a large corpus cost a few hundred megabytes of arrays, briefly.
    """
    docs = range(len(corpus.docs))
    parts = [np.unique(_trigram_keys(corpus, d)[1]) for d in docs]
    everything = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    del parts
    uniq, freq = np.unique(everything, return_counts=True)
    del everything
    frequent = freq >= min_docs
    keep_keys = uniq[frequent]
    keep = dict(zip(keep_keys.tolist(), freq[frequent].tolist(), strict=True))
    del uniq, freq
    where: dict[int, int] = {}
    edges: dict[int, int] = {}
    starts: list[array[int]] = []
    for d in docs:
        pos, keys = _trigram_keys(corpus, d)
        if len(keep_keys) and len(keys):
            idx = np.minimum(np.searchsorted(keep_keys, keys), len(keep_keys) - 1)
            hit = keep_keys[idx] == keys
        else:
            hit = np.zeros(len(keys), dtype=bool)
        fpos, fkeys = pos[hit], keys[hit]
        here: array[int] = array("I")
        here.frombytes(fpos.astype(np.uint32).tobytes())
        starts.append(here)
        distinct, first = np.unique(fkeys, return_index=True)
        for k, i in zip(distinct.tolist(), fpos[first].tolist(), strict=True):
            if k not in where:
                where[k] = d << 32 | i
        total = len(corpus.tokens[d])
        zone = min(_EDGE_WORDS, total // 4)
        if zone:
            at_edge = (fpos + MIN_WORDS <= zone) | (fpos >= total - zone)
            for k in np.setdiff1d(fkeys[at_edge], fkeys[~at_edge]).tolist():
                edges[k] = edges.get(k, 0) + 1
    return _Level(keep, edges, where), starts


def _count_level(
    corpus: _Corpus, n: int, min_docs: int, alive: list[array[int]] | None
) -> tuple[_Level, list[array[int]]]:
    """Count the n-grams in ``min_docs`` documents or more; return them and where they start."""
    docs = range(len(corpus.docs))
    counts: dict[int, int] = {}
    edges: dict[int, int] = {}
    if alive is None:
        return _first_level(corpus, min_docs)
    for d in docs:
        t = corpus.tokens[d]
        for h in {hash(tuple(t[p : p + n])) for p in _candidate_starts(alive[d])}:
            counts[h] = counts.get(h, 0) + 1
    keep = {h: c for h, c in counts.items() if c >= min_docs}
    del counts
    # second pass: one location of each frequent n-gram, the positions where they
    # start (the next level looks only there), and which sit at a document's edges
    where: dict[int, int] = {}
    starts: list[array[int]] = []
    for d in docs:
        t = corpus.tokens[d]
        here: array[int] = array("I")
        starts_here = _candidate_starts(alive[d])
        hashed = ((p, hash(tuple(t[p : p + n]))) for p in starts_here)
        found = [(p, h) for p, h in hashed if h in keep]
        for p, h in found:
            here.append(p)
            if h not in where:
                where[h] = d << 32 | p
        for h in _edge_only(len(t), n, found):
            edges[h] = edges.get(h, 0) + 1
        starts.append(here)
    return _Level(keep, edges, where), starts


def _stem(word: str) -> str:
    """A crude stem, enough to pair *manage*/*managing*, *responsible*/*responsibly*.

    >>> _stem("managing"), _stem("manage"), _stem("veer"), _stem("veering")
    ('manag', 'manag', 'veer', 'veer')
    """
    for suf in _SUFFIXES:
        if len(word) > len(suf) + 3 and word.endswith(suf):
            word = word[: -len(suf)]
            break
    return word[:_STEM]


def _content(words: Sequence[str]) -> list[str]:
    return [
        w
        for w in words
        if w not in _FUNCTION and w not in _DATE_WORDS and w not in _NUMBER_WORDS
        # single Latin letters: initials, U.S., the t of don't (a CJK character is a word)
        and not w.isdigit() and not (len(w) == 1 and w.isascii())
    ]


def _edge_word(word: str) -> bool:
    return word in _FUNCTION or word in _FRAME


def _trim(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop function words and reporting verbs at both ends."""
    a, b = 0, len(words)
    while a < b and _edge_word(words[a]):
        a += 1
    while b > a and _edge_word(words[b - 1]):
        b -= 1
    return words[a:b]


def _boilerplate(level: _Level, h: int, c: int, max_share: float, n_docs: int) -> bool:
    """Site chrome (on nearly every page) or a header or sign-off (only at document edges)."""
    if c > max_share * n_docs and n_docs >= 20:
        return True
    return level.edges.get(h, 0) >= _EDGE_SHARE * c


def _candidates(
    corpus: _Corpus, levels: dict[int, _Level], max_share: float, n_docs: int
) -> dict[tuple[str, ...], int]:
    """Maximal, non-boilerplate phrases (trimmed word tuples) with their document counts."""
    absorbed: set[int] = set()
    for n in range(MIN_WORDS + 1, MAX_WORDS + 2):
        lower, upper = levels.get(n - 1), levels.get(n)
        if lower is None or upper is None:
            continue
        for h, at in upper.where.items():
            c = upper.counts[h]
            if _boilerplate(upper, h, c, max_share, n_docs):
                continue  # a header does not absorb the formula it starts with
            t = corpus.gram(at, n)
            for half in (_key(t[:-1]), _key(t[1:])):
                base = lower.counts.get(half)
                if base is not None and c >= _ABSORB * base:
                    absorbed.add(half)
    out: dict[tuple[str, ...], int] = {}
    words = corpus.words
    for n in range(MIN_WORDS, MAX_WORDS + 1):
        level = levels.get(n)
        if level is None:
            continue
        for h, c in level.counts.items():
            if h in absorbed or _boilerplate(level, h, c, max_share, n_docs):
                continue
            phrase = _trim(tuple(words[i] for i in corpus.gram(level.where[h], n)))
            if len(phrase) < MIN_WORDS:
                continue
            content = _content(phrase)
            if len(set(content)) < 2 or all(corpus.is_name(w) or w in _FRAME for w in content):
                continue  # dates, numbers, or only names, titles and reporting verbs
            if out.get(phrase, 0) < c:
                out[phrase] = c
    return out


def _merge(
    phrases: dict[tuple[str, ...], int], df: Callable[[tuple[str, ...]], int]
) -> list[list[tuple[str, ...]]]:
    """Group close variants: most used phrase first in each group.

    A phrase joins a group when it has the content stems of the group's head
    (word order and endings aside) and at most one more, or wraps the head adding at most one
    content word (or adding more, but in at most half the head's documents),
    or overlaps the head end to end in most of its own documents (a fragment
    of a longer sentence frame around the head).
    """
    order = sorted(phrases, key=lambda p: (-phrases[p], len(p), p))
    groups: list[list[tuple[str, ...]]] = []
    heads: list[tuple[str, ...]] = []
    head_stems: list[set[str]] = []
    by_word: dict[str, list[int]] = {}
    for p in order:
        stems = {_stem(w) for w in _content(p)}
        content = set(_content(p))
        home: int | None = None
        best = -1
        seen: set[int] = set()
        for w in content:
            for g in by_word.get(w, ()):
                if g in seen:
                    continue
                seen.add(g)
                head = heads[g]
                extra = len(content - set(head))
                if (
                    (
                        len(head_stems[g]) >= 2
                        and stems >= head_stems[g]
                        and len(stems - head_stems[g]) <= 1
                    )
                    or (
                        _contains(p, head)
                        and (extra <= 1 or phrases[p] * 2 <= phrases[head])
                    )
                    or _overlaps(p, head, df, phrases[p])
                ) and len(head) > best:
                    home, best = g, len(head)
        if home is None:
            home = len(groups)
            groups.append([])
            heads.append(p)
            head_stems.append(stems)
            for w in content:
                by_word.setdefault(w, []).append(home)
        groups[home].append(p)
    return groups


def _overlaps(
    p: tuple[str, ...], head: tuple[str, ...], df: Callable[[tuple[str, ...]], int], count: int
) -> bool:
    """True when ``p`` and ``head`` overlap end to end and mostly occur joined."""
    for k in range(1, min(len(p), len(head))):
        for joined, shared in ((p + head[k:], p[-k:]), (head + p[k:], p[:k])):
            if shared == (head[:k] if joined[: len(p)] == p else head[-k:]) and _content(shared):
                if len(joined) <= MAX_WORDS and 2 * df(joined) >= count:
                    return True
    return False


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _locate(
    corpus: _Corpus, groups: list[list[tuple[str, ...]]]
) -> dict[tuple[str, ...], list[int]]:
    """Exact pass: the documents containing each variant."""
    vocab = corpus.vocab
    by_head: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
    back: dict[tuple[int, ...], tuple[str, ...]] = {}
    for group in groups:
        for p in group:
            ids = tuple(vocab[w] for w in p)
            back[ids] = p
            by_head.setdefault(ids[:MIN_WORDS], []).append(ids)
    found: dict[tuple[str, ...], list[int]] = {p: [] for g in groups for p in g}
    for d, t in enumerate(corpus.tokens):
        seen: set[tuple[int, ...]] = set()
        s = 0
        for e in corpus.bounds[d]:
            for k, head in enumerate(zip(t[s:e], t[s + 1 : e], t[s + 2 : e], strict=False)):
                cands = by_head.get(head)
                if not cands:
                    continue
                pos = s + k
                for ids in cands:
                    if ids not in seen and pos + len(ids) <= e and tuple(
                        t[pos : pos + len(ids)]
                    ) == ids:
                        seen.add(ids)
                        found[back[ids]].append(d)
            s = e
    return found


def _is_cjk(word: str) -> bool:
    return len(word) == 1 and "\u3400" <= word <= "\ufaff"


def _surface(doc_text: str, phrase: tuple[str, ...]) -> str:
    """The phrase as written in a document (case, punctuation), or its normalised words."""
    text = normalise_text(doc_text, fold_case=False)
    # a CJK character is a word of its own: no boundary is needed around it
    before = "" if _is_cjk(phrase[0]) else r"(?<!\w)"
    after = "" if _is_cjk(phrase[-1]) else r"(?!\w)"
    pattern = before + r"\W{0,3}".join(re.escape(w) for w in phrase) + after
    m = re.search(pattern, text, flags=re.IGNORECASE)
    return " ".join(m.group().split()) if m else " ".join(phrase)


def _score(docs: int, first: _dt.date | None, last: _dt.date | None) -> float:
    years = (last - first).days / 365.25 if first and last else 0.0
    return docs * math.sqrt(1.0 + years)


def _documents(
    docs: Iterable[Document] | Any, series: str | None
) -> Iterable[Document]:
    if hasattr(docs, "documents") and callable(docs.documents):
        try:
            found: Iterable[Document] = (
                docs.documents(series=series) if series else docs.documents()
            )
            return found
        except TypeError:
            docs = docs.documents()
    if series is None:
        return docs
    return (d for d in docs if d.series == series)


def discover(
    docs: Iterable[Document] | Any,
    *,
    min_docs: int = 3,
    top: int | None = 50,
    series: str | None = None,
    max_share: float = 0.8,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Formula]:
    """Find the formulas that recur across ``docs``.

    Args:
        docs: Documents, or an archive (anything with ``documents()``).
        min_docs: A formula must appear in at least this many documents (>= 2).
        top: Return at most this many formulas (``None``: all).
        series: Only documents of this series (``Document.series``).
        max_share: In a corpus of 20 documents or more, phrases found in a larger
            share of all documents are boilerplate.
        progress: Called as ``progress(stage, done, total)`` while it works.

    Returns:
        Formulas, best ranked first (see :class:`Formula`).

    >>> docs = [Document.from_text(f"On day {i} we reaffirmed the one China policy.", source=str(i))
    ...         for i in range(4)]
    >>> f = discover(docs)[0]
    >>> f.text, f.documents
    ('one China policy', 4)
    """
    if min_docs < 2:
        raise UsageError(None, f"min_docs must be at least 2, not {min_docs}")
    if top is not None and top < 1:
        raise UsageError(None, f"top must be at least 1, not {top}")
    if not 0.0 < max_share <= 1.0:
        raise UsageError(None, f"max_share must be in (0, 1], not {max_share}")
    corpus = _Corpus()
    seen: set[str] = set()
    for doc in _documents(docs, series):
        if doc.sha256 in seen:
            continue  # an exact duplicate counts once
        seen.add(doc.sha256)
        corpus.add(doc)
        if progress is not None and len(corpus.docs) % 500 == 0:
            progress("reading", len(corpus.docs), 0)
    n_docs = len(corpus.docs)
    if n_docs < min_docs:
        return []
    levels: dict[int, _Level] = {}
    alive: list[array[int]] | None = None
    for n in range(MIN_WORDS, MAX_WORDS + 2):
        if progress is not None:
            progress("counting", n - MIN_WORDS, MAX_WORDS + 2 - MIN_WORDS)
        level, alive = _count_level(corpus, n, min_docs, alive)
        if not level.counts:
            break
        levels[n] = level
    del alive
    phrases = _candidates(corpus, levels, max_share, n_docs)
    if top is not None and len(phrases) > _POOL * top:
        # only the phrases in the most documents can reach the top: merge those
        cut = sorted(phrases.values(), reverse=True)[_POOL * top]
        phrases = {p: c for p, c in phrases.items() if c > cut}
    vocab = corpus.vocab

    def df(words: tuple[str, ...]) -> int:
        level = levels.get(len(words))
        if level is None or any(w not in vocab for w in words):
            return 0
        return level.counts.get(_key(tuple(vocab[w] for w in words)), 0)

    if progress is not None:
        progress("merging", 0, len(phrases))
    groups = _merge(phrases, df)
    levels.clear()
    # rank roughly first, count exactly only what may reach the top
    groups.sort(key=lambda g: -max(phrases[p] for p in g))
    if top is not None:
        groups = groups[: max(4 * top, 200)]
    found = _locate(corpus, groups)
    formulas: list[Formula] = []
    for group in groups:
        members = {d for p in group for d in found[p]}
        if len(members) < min_docs:
            continue
        dated = sorted(members, key=lambda d: (corpus.docs[d].date or _dt.date.max, d))
        dates = [corpus.docs[d].date for d in dated if corpus.docs[d].date is not None]
        first = dates[0] if dates else None
        last = dates[-1] if dates else None
        variants = sorted(group, key=lambda p: (-len(found[p]), len(p), p))
        formulas.append(
            Formula(
                text=" ".join(variants[0]),
                norm=" ".join(variants[0]),
                variants=tuple(
                    FormulaVariant(text=" ".join(p), norm=" ".join(p), documents=len(found[p]))
                    for p in variants
                    if found[p]
                ),
                documents=len(members),
                doc_ids=tuple(corpus.docs[d].doc_id for d in dated),
                first_date=first,
                last_date=last,
                score=_score(len(members), first, last),
            )
        )
    formulas.sort(key=lambda f: (-f.score, -f.documents, f.norm))
    if top is not None:
        formulas = formulas[:top]
    return [_with_surface(f, corpus, found) for f in formulas]


def _with_surface(
    f: Formula, corpus: _Corpus, found: dict[tuple[str, ...], list[int]]
) -> Formula:
    """Give a formula and its variants their written form (the most common one)."""
    variants = []
    for v in f.variants:
        words = tuple(v.norm.split())
        forms = Counter(_surface(corpus.text(d), words) for d in found.get(words, [])[:8])
        text = forms.most_common(1)[0][0] if forms else v.text
        variants.append(attrs.evolve(v, text=text))
    return attrs.evolve(f, text=variants[0].text if variants else f.text, variants=tuple(variants))


def formulas_to_watchlist(formulas: Sequence[Formula], *, max_aliases: int = 8) -> Watchlist:
    """Turn discovered formulas into a :class:`~statement_tracker.Watchlist`.

    Each formula becomes a phrase (ids ``F01``, ``F02`` … in rank order) whose
    aliases are its other variants; save it with ``Watchlist.to_toml()``.

    >>> f = Formula(text="one China policy", norm="one china policy",
    ...             variants=(FormulaVariant(text="one China policy", norm="one china policy",
    ...                                      documents=4),
    ...                       FormulaVariant(text="our one China policy",
    ...                                      norm="our one china policy", documents=2)),
    ...             documents=4, doc_ids=("a",), first_date=None, last_date=None, score=4.0)
    >>> wl = formulas_to_watchlist([f])
    >>> wl[0].id, wl[0].text, wl[0].aliases
    ('F01', 'one China policy', ('our one China policy',))
    """
    if not formulas:
        raise UsageError(None, "no formulas to save as a watchlist")
    width = max(2, len(str(len(formulas))))
    phrases: list[Phrase] = []
    for i, f in enumerate(formulas, start=1):
        aliases: list[str] = []
        norms = {f.norm}
        for v in f.variants:
            if v.norm not in norms and len(aliases) < max_aliases:
                norms.add(v.norm)
                aliases.append(v.text)
        phrases.append(Phrase(f"F{i:0{width}d}", f.text, tuple(aliases)))
    return Watchlist(phrases)

"""Discovery, counting: the frequent n-grams of a corpus, level by level.

:class:`Corpus` holds the documents as flat arrays of word ids with their
sentence ends; :func:`count_level` counts the n-grams of one length that occur
in ``min_docs`` documents or more (three words with numpy, longer ones only
where both their (n-1)-word halves were frequent).  Used by :mod:`._discover`.

>>> gram_key((1, 2, 3, 4)) == hash((1, 2, 3, 4))
True
"""

from __future__ import annotations

import copy
import functools
import itertools
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs
import numpy as np

from .._text import CJK, Document, normalise_text, split_terms, term_key, word_tokens

__all__ = [
    "MAX_WORDS",
    "MIN_WORDS",
    "Corpus",
    "Level",
    "count_key",
    "count_level",
    "gram_key",
    "words_of",
]

MIN_WORDS = 3
MAX_WORDS = 15
_EDGE_WORDS = 30  # at most this many words (a quarter of a document) at its start and end

# A sentence end: . ! ? ; followed by space and a capital or an opening mark, a new line,
# or a (normalised) full stop after a CJK character.
_SENTENCE_END = re.compile(
    r"[.!?;:]+[\"'”’)\]]*\s+(?=[^\s\w]*[A-ZА-ЯЁ0-9])|\n+|[。！？；]|(?<=[\u3400-\u9fff])[.!?;]+"
)


_HAS_CJK = re.compile(f"[{CJK}]")

#: A document's words as written inside sentences, with how often (see :meth:`Corpus.add`).
Cased = tuple[tuple[str, int], ...]


@functools.lru_cache(maxsize=1 << 18)
def count_key(word: str) -> str:
    """The form a lower-case word is counted in: its term key when it is Russian
    (case forms of one word count as one), the word itself otherwise.

    >>> count_key("специальной") == count_key("специальная"), count_key("managing")
    (True, 'managing')
    """
    if "а" <= word[:1] <= "я" or word[:1] == "ё":
        return term_key(word)
    return word


def words_of(part: str) -> list[str]:
    """The words of a sentence: Chinese cut into words (jieba), others as word tokens.

    >>> words_of("推动构建人类命运共同体"), words_of("one China policy")
    (['推动', '构建', '人类', '命运', '共同体'], ['one', 'China', 'policy'])
    """
    if part.isascii() or not _HAS_CJK.search(part):
        return word_tokens(part)
    return split_terms(part)[1::2]


class Corpus:
    """The documents as flat arrays of word ids with sentence ends, and their metadata.

    Words are counted by :func:`count_key`: in a document where some word's key
    differs from the word (Russian), ``forms`` keeps the written words' ids too,
    so that a phrase can be shown in its most frequent form.  Corpora read apart
    (``mergeable=True``, one per partition of a large corpus) are merged in order
    with :meth:`extend` into the corpus one reading would have built.
    """

    def __init__(self, *, mergeable: bool = False) -> None:
        self.vocab: dict[str, int] = {}
        self.words: list[str] = []
        self.docs: list[Document] = []
        self.tokens: list[array[int]] = []  # per document, every word id (keys)
        self.bounds: list[array[int]] = []  # per document, where each sentence ends
        # per document, the written (lower-case) words' ids, or None when they are the keys
        self.forms: list[array[int] | None] = []
        self.form_vocab: dict[str, int] = {}
        self.form_words: list[str] = []
        self.texts: list[bytes] = []
        # how often each word is written with a capital and without (names)
        self.upper: array[int] = array("I")
        self.lower: array[int] = array("I")
        # per document, its words' capital/lower counts, kept only by a corpus read
        # to be merged (see :meth:`extend`): a duplicate found then must not count
        self.cased: list[Cased] | None = [] if mergeable else None

    def _id(self, tok: str) -> int:
        i = self.vocab.get(tok)
        if i is None:
            i = self.vocab[tok] = len(self.words)
            self.words.append(tok)
            self.upper.append(0)
            self.lower.append(0)
        return i

    def _form_id(self, word: str) -> int:
        i = self.form_vocab.get(word)
        if i is None:
            i = self.form_vocab[word] = len(self.form_words)
            self.form_words.append(word)
        return i

    def add(self, doc: Document) -> None:
        ids: array[int] = array("I")
        ends: array[int] = array("I")
        forms: array[int] | None = None
        cased: Counter[str] = Counter()
        get = self.vocab.get
        parts = (
            part
            for para in doc.text.split("\n")
            if para and not para.isspace()
            for part in _SENTENCE_END.split(normalise_text(para, fold_case=False))
        )
        for part in parts:
            toks = words_of(part)
            if not toks:
                continue
            low = words_of(part.lower())
            if len(low) != len(toks):  # a letter whose lower case is longer (rare)
                low = [t.lower() for t in toks]
            keys = low if part.isascii() else list(map(count_key, low))
            if keys is not low and keys != low:
                if forms is None:  # the words so far were their own keys
                    forms = array("I", (self._form_id(self.words[i]) for i in ids))
                forms.extend(map(self._form_id, low))
            elif forms is not None:
                forms.extend(map(self._form_id, low))
            found = list(map(get, keys))
            if None in found:
                found = [self._id(t) for t in keys]
            cased.update(toks[1:])  # the first word of a sentence is capitalised anyway
            ids.extend(found)  # type: ignore[arg-type]
            ends.append(len(ids))
        if self.cased is None:
            self._count_cased(cased.items(), len(self.words))
        else:
            self.cased.append(tuple(cased.items()))
        # the text is needed again only to show a few formulas as written: keep it small
        self.texts.append(zlib.compress(doc.text.encode("utf-8", "surrogatepass"), 1))
        self.docs.append(attrs.evolve(doc, text=""))
        self.tokens.append(ids)
        self.bounds.append(ends)
        self.forms.append(forms)

    def _count_cased(self, cased: Iterable[tuple[str, int]], known: int) -> None:
        """Count a document's words written with a capital (or not) among the first
        ``known`` words of the vocabulary (those read up to and with the document)."""
        get = self.vocab.get
        for tok, c in cased:
            i = get(count_key(tok.lower()))
            if i is not None and i < known:
                if tok[:1].isupper():
                    self.upper[i] += c
                else:
                    self.lower[i] += c

    def extend(self, other: Corpus, seen: set[str]) -> None:
        """Add the documents of ``other`` (read with ``mergeable=True``) after these.

        The result is the corpus one :meth:`add` per document would have built: words
        get their ids in the order they first appear (ids follow first appearances in
        ``other`` too, and a skipped document's words were all seen before), and a
        document whose SHA-256 is in ``seen`` (an exact duplicate of one read
        before) is skipped; ``seen`` is updated.

        >>> a, b = Corpus(mergeable=True), Corpus(mergeable=True)
        >>> a.add(Document.from_text("No limits here.", source="a"))
        >>> b.add(Document.from_text("A new era. No limits.", source="b"))
        >>> merged = Corpus()
        >>> for part in (a, b):
        ...     merged.extend(part, set())
        >>> merged.words
        ['no', 'limits', 'here', 'a', 'new', 'era']
        """
        if other.cased is None:
            raise ValueError("only a corpus read with mergeable=True can be merged")
        known = len(self.words)  # every word so far is in a document so far
        ids = array("I", (self._id(w) for w in other.words))  # other's word id -> ours
        forms = array("I", (self._form_id(w) for w in other.form_words))
        for d, doc in enumerate(other.docs):
            if doc.sha256 in seen:
                continue
            seen.add(doc.sha256)
            tokens = array("I", (ids[i] for i in other.tokens[d]))
            known = max(known, max(tokens, default=-1) + 1)
            self.tokens.append(tokens)
            self.bounds.append(other.bounds[d])
            written = other.forms[d]
            self.forms.append(None if written is None else array("I", (forms[i] for i in written)))
            self.texts.append(other.texts[d])
            self.docs.append(doc)
            if self.cased is None:
                self._count_cased(other.cased[d], known)
            else:
                self.cased.append(other.cased[d])

    def finished(self) -> Corpus:
        """This corpus with its capital/lower counts made (a shallow copy), for counting.

        >>> c = Corpus(mergeable=True)
        >>> c.add(Document.from_text("We met China. China and China.", source="a"))
        >>> c.is_name("china"), c.finished().is_name("china")
        (False, True)
        """
        if self.cased is None:
            return self
        out = copy.copy(self)
        out.cased = None
        out.upper = array("I", [0]) * len(self.words)
        out.lower = array("I", [0]) * len(self.words)
        known = 0
        for d, cased in enumerate(self.cased):
            known = max(known, max(self.tokens[d], default=-1) + 1)
            out._count_cased(cased, known)
        return out

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
class Level:
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
# (``gram_key``) looks them up.  Longer n-grams use Python's tuple hash.
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)
_MASK64 = (1 << 64) - 1


def gram_key(gram: tuple[int, ...]) -> int:
    """The counting key of an n-gram of word ids (see :func:`_first_level` for three words)."""
    if len(gram) == MIN_WORDS:
        a, b, c = gram
        return ((a * _MIX[0]) & _MASK64) ^ ((b * _MIX[1]) & _MASK64) ^ ((c * _MIX[2]) & _MASK64)
    return hash(gram)


def _trigram_keys(corpus: Corpus, d: int) -> tuple[np.ndarray, np.ndarray]:
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


def _first_level(corpus: Corpus, min_docs: int) -> tuple[Level, list[array[int]]]:
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
    return Level(keep, edges, where), starts


def count_level(
    corpus: Corpus, n: int, min_docs: int, alive: list[array[int]] | None
) -> tuple[Level, list[array[int]]]:
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
    return Level(keep, edges, where), starts

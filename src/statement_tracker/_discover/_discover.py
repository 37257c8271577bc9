"""Discovery: the formulas that recur across a series, found without a watchlist.

:func:`discover` finds word sequences of two to fifteen words that recur in
at least ``min_docs`` documents, merges close variants into one
:class:`Formula`, keeps boilerplate out and ranks what is left by how many
documents and how long a span of time each formula covers.

How it works (all on normalised word tokens, see :mod:`statement_tracker._text._tokens`):

1. Each document is cut into sentences (n-grams never cross a sentence end);
   exact duplicate documents count once.  Russian words are counted as their
   term keys (case forms together, shown in their most frequent written form),
   Chinese is cut into words (see :func:`._count.words_of`).
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

Steps 1-2 live in :mod:`._count` (step 1 can run apart on parts of a corpus,
see :mod:`._corpus`), steps 3-5 in
:mod:`._filters`; this module does step 6 and holds the public API.

>>> from statement_tracker import Document
>>> text = "Talks in {}. The sides will maintain open lines of communication."
>>> docs = [Document.from_text(text.format(c), source=f"{c}.txt", date=f"202{i}-01-01")
...         for i, c in enumerate(["Rome", "Oslo", "Bern"])]
>>> [f.text for f in discover(docs, min_docs=3)]
['maintain open lines of communication']
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from .._errors import UsageError
from .._text import Document, is_cjk, normalise_text
from .._track import Phrase, Watchlist
from ._corpus import DiscoveryCorpus, documents_of
from ._count import MAX_WORDS, MIN_WORDS, Corpus, Level, count_level, gram_key
from ._display import Formulas
from ._filters import MIN_TERM, candidates, merge

__all__ = ["Formula", "FormulaVariant", "discover", "formulas_to_watchlist"]

_POOL = 40  # phrases per formula asked for that are merged and counted exactly


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


Forms = dict[tuple[str, ...], dict[tuple[str, ...], list[int]]]


def _locate(
    corpus: Corpus, groups: list[list[tuple[str, ...]]]
) -> tuple[dict[tuple[str, ...], list[int]], Forms]:
    """Exact pass: the documents containing each variant, and per variant its
    written forms (lower-case words) with the documents that use each."""
    vocab = corpus.vocab
    fwords = corpus.form_words
    by_head: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
    back: dict[tuple[int, ...], tuple[str, ...]] = {}
    for group in groups:
        for p in group:
            ids = tuple(vocab[w] for w in p)
            back[ids] = p
            by_head.setdefault(ids[:MIN_TERM], []).append(ids)
    found: dict[tuple[str, ...], list[int]] = {p: [] for g in groups for p in g}
    forms: Forms = {p: {} for g in groups for p in g}
    for d, t in enumerate(corpus.tokens):
        seen: set[tuple[int, ...]] = set()
        written = corpus.forms[d]
        s = 0
        for e in corpus.bounds[d]:
            for k, head in enumerate(zip(t[s:e], t[s + 1 : e], strict=False)):
                cands = by_head.get(head)
                if not cands:
                    continue
                pos = s + k
                for ids in cands:
                    if (written is not None or ids not in seen) and pos + len(ids) <= e and tuple(
                        t[pos : pos + len(ids)]
                    ) == ids:
                        p = back[ids]
                        if ids not in seen:
                            seen.add(ids)
                            found[p].append(d)
                        if written is not None:
                            form = tuple(fwords[i] for i in written[pos : pos + len(ids)])
                            where = forms[p].setdefault(form, [])
                            if not where or where[-1] != d:
                                where.append(d)
            s = e
    for p, docs in found.items():
        # documents whose words are their own keys use the phrase as it is counted
        plain = [d for d in docs if corpus.forms[d] is None]
        if plain:
            forms[p].setdefault(p, []).extend(plain)
    return found, forms


def _shown(p: tuple[str, ...], forms: Forms) -> tuple[str, ...]:
    """The written form of a variant in most documents (the first found among equals).

    >>> _shown(("x",), {("x",): {("a",): [1], ("b",): [2, 3]}})
    ('b',)
    """
    written = forms.get(p)
    if not written:
        return p
    return max(written.items(), key=lambda kv: len(kv[1]))[0]


def _surface(doc_text: str, phrase: tuple[str, ...]) -> str:
    """The phrase as written in a document (case, punctuation), or its normalised words."""
    text = normalise_text(doc_text, fold_case=False)
    # a CJK character is a word of its own: no boundary is needed around it
    before = "" if is_cjk(phrase[0]) else r"(?<!\w)"
    after = "" if is_cjk(phrase[-1]) else r"(?!\w)"
    pattern = before + r"\W{0,3}".join(re.escape(w) for w in phrase) + after
    m = re.search(pattern, text, flags=re.IGNORECASE)
    return " ".join(m.group().split()) if m else " ".join(phrase)


def _score(docs: int, first: _dt.date | None, last: _dt.date | None) -> float:
    years = (last - first).days / 365.25 if first and last else 0.0
    return docs * math.sqrt(1.0 + years)


def discover(
    docs: Iterable[Document] | DiscoveryCorpus | Any,
    *,
    min_docs: int = 3,
    top: int | None = 50,
    series: str | None = None,
    max_share: float = 0.8,
    progress: Callable[[str, int, int], None] | None = None,
) -> Formulas[Formula]:
    """Find the formulas that recur across ``docs``.

    Args:
        docs: Documents, an archive (anything with ``documents()``), or a
            :class:`DiscoveryCorpus` (documents read before, in parts merged).
        min_docs: A formula must appear in at least this many documents (>= 2).
        top: Return at most this many formulas (``None``: all).
        series: Only documents of this series (``Document.series``); for a
            :class:`DiscoveryCorpus`, give it when reading.
        max_share: In a corpus of 20 documents or more, phrases found in a larger
            share of all documents are boilerplate.
        progress: Called as ``progress(stage, done, total)`` while it works.

    Returns:
        Formulas, best ranked first (see :class:`Formula`), as a list that shows
        itself as a table (:class:`Formulas`: ``str``, Jupyter, ``to_dataframe()``).

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
    if isinstance(docs, DiscoveryCorpus):
        if series is not None:
            raise UsageError(None, "series applies when reading: DiscoveryCorpus(docs, series=…)")
        corpus = docs._counting_corpus()
    else:
        corpus = Corpus()
        seen: set[str] = set()
        for doc in documents_of(docs, series):
            if doc.sha256 in seen:
                continue  # an exact duplicate counts once
            seen.add(doc.sha256)
            corpus.add(doc)
            if progress is not None and len(corpus.docs) % 500 == 0:
                progress("reading", len(corpus.docs), 0)
    n_docs = len(corpus.docs)
    if n_docs < min_docs:
        return Formulas()
    levels: dict[int, Level] = {}
    alive: list[array[int]] | None = None
    for n in range(MIN_WORDS, MAX_WORDS + 2):
        if progress is not None:
            progress("counting", n - MIN_WORDS, MAX_WORDS + 2 - MIN_WORDS)
        level, alive = count_level(corpus, n, min_docs, alive)
        if not level.counts:
            break
        levels[n] = level
    del alive
    phrases = candidates(corpus, levels, max_share, n_docs)
    if top is not None and len(phrases) > _POOL * top:
        # only the phrases in the most documents can reach the top: merge those
        cut = sorted(phrases.values(), reverse=True)[_POOL * top]
        phrases = {p: c for p, c in phrases.items() if c > cut}
    vocab = corpus.vocab

    def df(words: tuple[str, ...]) -> int:
        level = levels.get(len(words))
        if level is None or any(w not in vocab for w in words):
            return 0
        return level.counts.get(gram_key(tuple(vocab[w] for w in words)), 0)

    if progress is not None:
        progress("merging", 0, len(phrases))
    groups = merge(phrases, df)
    levels.clear()
    # rank roughly first, count exactly only what may reach the top
    groups.sort(key=lambda g: -max(phrases[p] for p in g))
    if top is not None:
        groups = groups[: max(4 * top, 200)]
    found, forms = _locate(corpus, groups)
    formulas: list[Formula] = []
    crowded = max_share * n_docs if n_docs >= 20 else n_docs
    for group in groups:
        # counted exactly, a wording on nearly every page is chrome (a trimmed phrase
        # can be in more documents than the n-gram it was counted as)
        group = [p for p in group if len(found[p]) <= crowded]
        members = {d for p in group for d in found[p]}
        if len(members) < min_docs or len(members) > crowded:
            continue
        dated = sorted(members, key=lambda d: (corpus.docs[d].date or _dt.date.max, d))
        dates = [corpus.docs[d].date for d in dated if corpus.docs[d].date is not None]
        first = dates[0] if dates else None
        last = dates[-1] if dates else None
        variants = sorted(group, key=lambda p: (-len(found[p]), len(p), p))
        shown = {p: " ".join(_shown(p, forms)) for p in variants}
        formulas.append(
            Formula(
                text=shown[variants[0]],
                norm=shown[variants[0]],
                variants=tuple(
                    FormulaVariant(text=shown[p], norm=shown[p], documents=len(found[p]))
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
    written = {" ".join(form): docs for p in forms for form, docs in forms[p].items()}
    return Formulas(_with_surface(f, corpus, written) for f in formulas)


def _with_surface(f: Formula, corpus: Corpus, written: dict[str, list[int]]) -> Formula:
    """Give a formula and its variants their written form (the most common one)."""
    variants = []
    for v in f.variants:
        words = tuple(v.norm.split())
        forms = Counter(_surface(corpus.text(d), words) for d in written.get(v.norm, [])[:8])
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

"""Quote sourcing: which document of a corpus does each quotation of an article come from?

:func:`find_sources` takes the quotations of an article (curly or straight
quotes, quotes inside quotes, «guillemets») and looks each one up in a corpus:

1. The quotation is cut into *pieces* at ellipses (``...``, ``…``, ``[...]``) and
   at editorial insertions in brackets (``[and]``); brackets inside a word
   (``[T]he``) are dropped and the letters kept.  Pieces are compared word by
   word on normalised text, so case, quotation marks and punctuation never count.
2. Candidate documents come from a word index over the corpus
   (:class:`SourceIndex`): the documents holding the quotation's rarest words.
3. Each candidate is verified: every piece must be found, in order, near the
   previous one (a few words after a bracket, a few hundred after an
   ellipsis).  A piece is found verbatim, or by a token-level alignment whose
   only differences are trivial (function words, spelling variants such as
   *defence*/*defense*); a changed content word is never forgiven.

A quotation that no document clears is reported with ``source=None``: a wrong
attribution is worse than none.  Quotations of one or two words are reported
but sourced only on an exact match.

>>> from statement_tracker import Document
>>> docs = [Document.from_text("The partnership has no limits, there are no forbidden areas.",
...                            source="a.txt", date="2022-02-04")]
>>> art = 'He said it "has no limits, [and] there are no \\'forbidden\\' areas".'
>>> [s] = find_sources(art, docs)
>>> s.source.source, s.source.text
('a.txt', 'has no limits, there are no forbidden areas')
"""

from __future__ import annotations

import datetime as _dt
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

import attrs

from .._errors import UsageError
from .._text import Document, TokenizedText, normalise_text, quotations, tokenize, word_tokens
from ._verify import FUNCTION_WORDS, DocText, quote_pieces, verify

__all__ = [
    "DEFAULT_SOURCE_THRESHOLD",
    "QuoteSource",
    "SourceIndex",
    "SourceMatch",
    "find_sources",
    "source_quote",
]

#: Default score (0–100) a candidate must reach to be named as a source.
DEFAULT_SOURCE_THRESHOLD = 90.0

_CACHE_SIZE = 512  # tokenised documents kept by an index
_FUZZY_CANDIDATES = 100  # best candidates also tried with a fuzzy alignment; the rest verbatim

_QUOTE_EDGE = "\"'“”‘’„‚«»‹›「」『』 \t\n\u00a0"


@attrs.frozen(kw_only=True)
class SourceMatch:
    """Where a quotation was found: one document and the span of its text.

    Attributes:
        doc_id: The document's id.
        source: The document's source (path or ``path#id``).
        date: The document's date, or ``None``.
        start: Start of the matched span in ``Document.text``.
        end: End of the span (exclusive); ``doc.text[start:end] == text``.
        text: The matched text of the document.
        score: Token-level similarity of the quotation and the span, 0–100.
        method: ``"exact"`` (every word as quoted) or ``"fuzzy"`` (trivial differences).

    >>> m = SourceMatch(doc_id="d1", source="a.txt", date=None, start=0, end=2,
    ...                 text="ok", score=100.0, method="exact")
    >>> m.to_dict()["score"]
    100.0
    """

    doc_id: str
    source: str
    date: _dt.date | None
    start: int
    end: int
    text: str
    score: float
    method: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (the ``source`` object of ``sources --format jsonl``).

        >>> SourceMatch(doc_id="d", source="s", date=_dt.date(2024, 1, 2), start=0, end=1,
        ...             text="x", score=100.0, method="exact").to_dict()["date"]
        '2024-01-02'
        """
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "date": self.date.isoformat() if self.date else None,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 2),
            "method": self.method,
        }


@attrs.frozen(kw_only=True)
class QuoteSource:
    """One quotation of an article and where it comes from (or ``source=None``).

    Attributes:
        quote: The quotation as written in the article (without its quotation marks).
        start: Start of ``quote`` in the article text.
        end: End of ``quote`` in the article text (exclusive).
        pieces: The normalised pieces searched for (split at ellipses and brackets).
        source: The best matching document, or ``None`` (not found).
        earliest: The earliest-dated document that contains the quotation, or ``None``.
        method: ``"exact"``, ``"fuzzy"``, ``"not-found"``, ``"too-short"`` (one or
            two words without an exact match) or ``"empty"`` (no words).
        threshold: The score a source had to reach.
        candidates_considered: How many candidate documents were verified.
        documents_matched: How many documents contain the quotation.
        speaker: Who is quoted, when the article says so.

    >>> QuoteSource(quote="x", start=0, end=1, pieces=("x",), source=None, earliest=None,
    ...             method="too-short", threshold=90.0, candidates_considered=0,
    ...             documents_matched=0).found
    False
    """

    quote: str
    start: int
    end: int
    pieces: tuple[str, ...]
    source: SourceMatch | None
    earliest: SourceMatch | None
    method: str
    threshold: float
    candidates_considered: int
    documents_matched: int
    speaker: str | None = None

    @property
    def found(self) -> bool:
        """True when a source cleared the threshold.

        >>> QuoteSource(quote="", start=0, end=0, pieces=(), source=None, earliest=None,
        ...             method="empty", threshold=90.0, candidates_considered=0,
        ...             documents_matched=0).found
        False
        """
        return self.source is not None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (one line of ``sources --format jsonl``).

        >>> QuoteSource(quote="x", start=3, end=4, pieces=("x",), source=None, earliest=None,
        ...             method="too-short", threshold=90.0, candidates_considered=0,
        ...             documents_matched=0).to_dict()["source"] is None
        True
        """
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "source": self.source.to_dict() if self.source else None,
            "earliest": self.earliest.to_dict() if self.earliest else None,
            "method": self.method,
            "pieces": list(self.pieces),
            "threshold": self.threshold,
            "candidates_considered": self.candidates_considered,
            "documents_matched": self.documents_matched,
        }


@runtime_checkable
class _HasDocuments(Protocol):
    def documents(self) -> Iterable[Document]: ...


class SourceIndex:
    """A word index over a corpus, for finding the documents a quotation may come from.

    The index keeps, for every word, the list of documents containing it, and
    tokenises candidate documents on demand (a small cache keeps the recent ones).
    It is mutable on purpose: documents are added one at a time while it is built.

    >>> idx = SourceIndex([Document.from_text("Open lines of communication.", source="a")])
    >>> len(idx), idx.document_frequency("lines")
    (1, 1)
    """

    def __init__(self, docs: Iterable[Document] = ()) -> None:
        self._docs: list[Document] = []
        self._postings: dict[str, array[int]] = {}  # word -> documents (4 bytes each)
        self._cache: OrderedDict[int, DocText] = OrderedDict()
        for doc in docs:
            self.add(doc)

    def add(self, doc: Document) -> None:
        """Index one more document.

        >>> idx = SourceIndex()
        >>> idx.add(Document.from_text("No limits.", source="a"))
        >>> idx.document_frequency("limits")
        1
        """
        i = len(self._docs)
        self._docs.append(doc)
        postings = self._postings
        for tok in set(word_tokens(normalise_text(doc.text))):
            lst = postings.get(tok)
            if lst is None:
                postings[tok] = array("I", (i,))
            else:
                lst.append(i)

    def __len__(self) -> int:
        return len(self._docs)

    def document(self, i: int) -> Document:
        """The ``i``-th document added.

        >>> SourceIndex([Document.from_text("x", source="a")]).document(0).source
        'a'
        """
        return self._docs[i]

    def document_frequency(self, token: str) -> int:
        """How many documents contain the (normalised) word ``token``.

        >>> SourceIndex([Document.from_text("x y", source="a")]).document_frequency("z")
        0
        """
        return len(self._postings.get(token, ()))

    def candidates(self, tokens: Sequence[str], *, exact: bool = False) -> list[int]:
        """Documents holding the rarest of ``tokens`` (all of them, or at least half).

        ``exact`` requires every chosen word; otherwise up to half may be missing
        (spelling variants).  Best candidates first.

        >>> idx = SourceIndex([Document.from_text("a b c", source="x"),
        ...                    Document.from_text("c d", source="y")])
        >>> idx.candidates(["c", "d"])
        [1]
        """
        return self._rank(tokens, exact)[0]

    def _rank(self, tokens: Sequence[str], exact: bool) -> tuple[list[int], set[int]]:
        """Candidates best first, and those holding every chosen word."""
        distinct = sorted(set(tokens), key=lambda t: (self.document_frequency(t), t))
        content = [t for t in distinct if t not in FUNCTION_WORDS] or distinct
        chosen = content[:8]
        if not chosen:
            return [], set()
        # spelling variants (defence/defense) may miss up to half of the rare words
        need = len(chosen) if exact or len(chosen) < 3 else len(chosen) - len(chosen) // 2
        counts: dict[int, int] = {}
        for tok in chosen:
            for i in self._postings.get(tok, ()):
                counts[i] = counts.get(i, 0) + 1
        hits = [i for i, c in counts.items() if c >= need]
        hits.sort(key=lambda i: (-counts[i], i))
        return hits, {i for i in hits if counts[i] == len(chosen)}

    def tokens_of(self, i: int) -> TokenizedText:
        """The tokenised text of document ``i`` (cached).

        >>> SourceIndex([Document.from_text("A b", source="x")]).tokens_of(0).tokens
        ('a', 'b')
        """
        return self._doc_text(i).tt

    def _doc_text(self, i: int) -> DocText:
        cached = self._cache.get(i)
        if cached is not None:
            self._cache.move_to_end(i)
            return cached
        dt = DocText(tokenize(self._docs[i].text))
        self._cache[i] = dt
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return dt


def _as_index(corpus: SourceIndex | Iterable[Document] | _HasDocuments) -> SourceIndex:
    if isinstance(corpus, SourceIndex):
        return corpus
    source_index = getattr(corpus, "source_index", None)
    if callable(source_index):
        idx = source_index()
        if isinstance(idx, SourceIndex):
            return idx
    if isinstance(corpus, _HasDocuments):
        return SourceIndex(corpus.documents())
    return SourceIndex(corpus)


def _check_threshold(threshold: float | None) -> float:
    if threshold is None:
        return DEFAULT_SOURCE_THRESHOLD
    if not 0.0 < threshold <= 100.0:
        raise UsageError(None, f"threshold must be in (0, 100], not {threshold}")
    return float(threshold)


def _date_key(m: SourceMatch) -> tuple[int, _dt.date]:
    return (0, m.date) if m.date is not None else (1, _dt.date.max)


def source_quote(
    quote: str,
    corpus: SourceIndex | Iterable[Document] | _HasDocuments,
    *,
    threshold: float | None = None,
    start: int = 0,
    speaker: str | None = None,
    max_candidates: int = 2000,
) -> QuoteSource:
    """Find the source of one quotation (text without its quotation marks).

    Args:
        quote: The quotation as written (brackets and ellipses allowed).
        corpus: Documents, an archive (anything with ``documents()``) or a :class:`SourceIndex`.
        threshold: Score (0–100) a source must reach; default :data:`DEFAULT_SOURCE_THRESHOLD`.
        start: Where the quotation starts in its article (for the result's offsets).
        speaker: Who is quoted, if known.
        max_candidates: At most this many candidate documents are verified.

    >>> idx = SourceIndex([Document.from_text("We will keep open lines of communication.",
    ...                                      source="a", date="2023-11-15")])
    >>> source_quote("Open lines ... communication", idx).source.text
    'open lines of communication'
    >>> source_quote("keep closed lines of communication", idx).source is None
    True
    """
    limit = _check_threshold(threshold)
    index = _as_index(corpus)
    start += len(quote) - len(quote.lstrip(_QUOTE_EDGE))  # offsets stay on the words
    quote = quote.strip(_QUOTE_EDGE)
    pieces = quote_pieces(quote)
    all_tokens = [t for p in pieces for t in p.tokens]
    result = {
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "pieces": tuple(" ".join(p.tokens) for p in pieces),
        "threshold": limit,
        "speaker": speaker,
    }
    if not all_tokens:
        return QuoteSource(
            source=None, earliest=None, method="empty", candidates_considered=0,
            documents_matched=0, **result,  # type: ignore[arg-type]
        )
    exact_only = len(all_tokens) <= 2
    ranked, complete = index._rank(all_tokens, exact_only)
    # a document missing one of the rare words can only hold a spelling variant:
    # only the best of those are worth a fuzzy alignment
    cands = [i for k, i in enumerate(ranked) if i in complete or k < _FUZZY_CANDIDATES]
    cands = cands[:max_candidates]
    matches: list[SourceMatch] = []
    for rank, i in enumerate(cands):
        dt = index._doc_text(i)
        tt = dt.tt
        got = verify(pieces, dt, limit, exact_only or rank >= _FUZZY_CANDIDATES)
        if got is None:
            continue
        score, first, stop, exact = got
        doc = index.document(i)
        s, e = tt.span_to_original(first, stop)
        matches.append(
            SourceMatch(
                doc_id=doc.doc_id, source=doc.source, date=doc.date, start=s, end=e,
                text=doc.text[s:e], score=score, method="exact" if exact else "fuzzy",
            )
        )
    if not matches:
        method = "too-short" if exact_only else "not-found"
        return QuoteSource(
            source=None, earliest=None, method=method, candidates_considered=len(cands),
            documents_matched=0, **result,  # type: ignore[arg-type]
        )
    best = min(matches, key=lambda m: (-m.score, _date_key(m)))
    earliest = min(matches, key=_date_key)
    return QuoteSource(
        source=best, earliest=earliest, method=best.method, candidates_considered=len(cands),
        documents_matched=len(matches), **result,  # type: ignore[arg-type]
    )


def _article_quotations(text: str) -> list[tuple[int, int, str | None]]:
    """Outer direct quotations of ``text``: ``(start, end, speaker)`` of their words.

    A quote inside a quote is part of the outer quotation; reported speech
    (``X said that …``) and transcript turns are not quotations of a source.
    """
    return [
        (q.start, q.end, q.speaker)
        for q in quotations(text)
        if q.kind == "direct" and q.depth == 0 and q.end > q.start
    ]


def find_sources(
    article: str | Document,
    corpus: SourceIndex | Iterable[Document] | _HasDocuments,
    *,
    threshold: float | None = None,
) -> list[QuoteSource]:
    """Find, for every quotation in ``article``, the document of ``corpus`` it comes from.

    Args:
        article: The commentary: text, or a :class:`~statement_tracker.Document`.
        corpus: Documents, an archive (anything with ``documents()``; an archive that
            offers ``source_index()`` is asked for its index) or a :class:`SourceIndex`
            (build one to source many articles against the same corpus).
        threshold: Score (0–100) a source must reach; default :data:`DEFAULT_SOURCE_THRESHOLD`.

    Returns:
        One :class:`QuoteSource` per quotation, in article order; ``source`` is
        ``None`` when no document clears the threshold.

    >>> docs = [Document.from_text("Both sides will maintain open lines of communication.",
    ...                            source="r.txt", date="2023-11-15")]
    >>> res = find_sources('They vowed to “Maintain open lines … communication” and "be friends".',
    ...                    docs)
    >>> [(r.quote, r.method, r.source and r.source.source) for r in res]
    [('Maintain open lines … communication', 'exact', 'r.txt'), ('be friends', 'too-short', None)]
    """
    limit = _check_threshold(threshold)
    text = article.text if isinstance(article, Document) else article
    index = _as_index(corpus)
    return [
        source_quote(text[s:e], index, threshold=limit, start=s, speaker=speaker)
        for s, e, speaker in _article_quotations(text)
    ]

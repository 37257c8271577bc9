"""Questions asked of the persisted index: which stored documents can hold a phrase,
and which stored sentences resemble a new one.

Both answers come from the ``terms``/``postings`` tables alone; the text of a
stored document is read only when it is a candidate.  The matchers that
decide (:func:`~statement_tracker.track`,
:func:`~statement_tracker._text.token_similarity`) are the same ones used in
memory, so results do not depend on whether the documents came from the archive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs

from .._text import Document, normalise, normalise_text, split_terms, token_similarity
from .._track import (
    Form,
    Occurrence,
    Occurrences,
    PhraseIndex,
    Watchlist,
    occurrences_from_hits,
)
from ._novelty import find_similar
from ._postings import unpack, unpack_norm
from ._store import Store

__all__ = [
    "WHOLE",
    "SentenceFinder",
    "Source",
    "candidate_windows",
    "sentence_terms",
    "track_in_windows",
]


def candidate_windows(
    store: Store, forms: Sequence[Form], among: set[int]
) -> dict[int, list[tuple[int, int]]]:
    """Token windows ``[first, stop)`` per document where some form may occur.

    Two necessary conditions of :func:`~statement_tracker._track._forms.verify`, both checked on the
    postings without reading any text:

    * an occurrence misses at most ``lost_budget`` of the form's words, so it
      holds one of any ``lost_budget + 1`` of them: take the rarest, and the
      window around each of their positions, reaching as far as the form with
      its tolerated edits;
    * it keeps one *piece* of the form intact (the pigeonhole rule of
      :mod:`statement_tracker._track._forms`): the piece's keys on consecutive tokens.

    A form's windows are those meeting both (interval intersection), merged
    when closer than :data:`MERGE_GAP` tokens.
    """
    keys = {k for f in forms for k in f.keys}
    terms_of = store.term_ids_by_key(keys)
    df = {k: sum(n for _, n in store.term_stats_by_id(ids).values()) for k, ids in terms_of.items()}
    docs_of: dict[str, set[int]] = {}
    positions: dict[str, dict[int, set[int]]] = {}

    def docs_with(k: str) -> set[int]:
        if k not in docs_of:
            docs_of[k] = store.docs_with_terms(terms_of.get(k, [])) & among
        return docs_of[k]

    def positions_in(k: str, docs: set[int]) -> dict[int, set[int]]:
        known = positions.setdefault(k, {})
        todo = docs - known.keys()
        if todo:
            for d, blobs in store.positions_of(terms_of.get(k, []), todo).items():
                known[d] = {p for blob in blobs for p in unpack(blob)}
        return known

    def anchors_of(f: Form) -> set[str]:
        rare = sorted(range(len(f.keys)), key=lambda i: (df.get(f.keys[i], 0), i))
        return {f.keys[i] for i in rare[: f.lost_budget + 1]}

    # Document level first (cheap set operations): a document can match a form only
    # if it holds one of its anchor words and every word of one of its pieces.  When
    # most documents can, locating windows costs more than it saves: scan the
    # candidate documents whole.
    candidates: set[int] = set()
    possible: dict[int, set[int]] = {}  # per form: the documents that may hold it
    for f in forms:
        with_anchor = set().union(*(docs_with(k) for k in anchors_of(f)))
        in_form: set[int] = set()
        for lo, hi in f.pieces:
            with_piece = with_anchor
            for k in sorted(set(f.keys[lo:hi]), key=lambda k: df.get(k, 0)):
                with_piece = with_piece & docs_with(k)
                if not with_piece:
                    break
            in_form |= with_piece
        possible[f.index] = in_form = _with_content(f, in_form, docs_with)
        candidates |= in_form
    if len(candidates) > WHOLE_ARCHIVE * len(among):
        return {doc: WHOLE for doc in candidates}

    spans: dict[int, list[tuple[int, int]]] = {}
    for f in forms:
        reach = len(f.keys) + f.max_edits + 2
        # condition 1: one of the rarest lost_budget + 1 words
        anchors = anchors_of(f)
        near: dict[int, list[tuple[int, int]]] = {}
        for k in anchors:
            docs = docs_with(k)
            for d, ps in positions_in(k, docs).items():
                near.setdefault(d, []).extend((max(0, p - reach), p + reach + 1) for p in ps)
        if not near:
            continue
        # condition 2: an intact piece
        pieces: dict[int, list[tuple[int, int]]] = {}
        margin = f.max_edits + 2
        for lo, hi in f.pieces:
            piece = f.keys[lo:hi]
            order = sorted(range(len(piece)), key=lambda j: (df.get(piece[j], 0), j))
            found = possible[f.index].intersection(near)
            for j in order:
                found &= docs_with(piece[j])
                if not found:
                    break
            for doc in found:
                starts: set[int] | None = None
                for j in order:
                    at = {p - j for p in positions_in(piece[j], found).get(doc, ())}
                    starts = at if starts is None else starts & at
                    if not starts:
                        break
                for p in starts or ():
                    first = p - lo
                    pieces.setdefault(doc, []).append(
                        (max(0, first - margin), first + len(f.keys) + margin)
                    )
        for doc, piece_spans in pieces.items():
            both = _intersect(_merge(near[doc]), _merge(piece_spans))
            if both:
                spans.setdefault(doc, []).extend(both)
    return {doc: _merge(s, gap=MERGE_GAP) for doc, s in spans.items() if s}


def _with_content(f: Form, docs: set[int], docs_with: Callable[[str], set[int]]) -> set[int]:
    """The documents of ``docs`` missing at most ``f.content_slack`` of the form's content words.

    The third necessary condition of :func:`~statement_tracker._track._forms.verify` (on the
    window, so on the whole document too), checked on the postings.
    """
    if not docs or not f.content_set:
        return docs
    need = len(f.content_set) - f.content_slack
    if need <= 0:
        return docs
    held: dict[int, int] = dict.fromkeys(docs, 0)
    for k in f.content_set:
        for d in docs_with(k).intersection(docs):
            held[d] += 1
    return {d for d, n in held.items() if n >= need}


def _intersect(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Intersection of two sorted lists of disjoint intervals."""
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


#: Windows closer than this many tokens are scanned as one: scanning a window
#: has a fixed cost worth about a hundred tokens of text.
MERGE_GAP = 128
#: When the windows cover more than this share of a document, scan it whole.
WHOLE_DOCUMENT = 0.5
#: When more than this share of the documents hold an anchor word, every
#: candidate document is scanned whole instead of locating windows.
WHOLE_ARCHIVE = 0.5
#: The windows value that means "the whole document" (no token offsets used).
WHOLE: list[tuple[int, int]] = [(0, -1)]
#: What tracking reads of a stored document: its text, packed token starts, packed
#: normalised token starts and packed normalisation (``b""`` when not stored).
Source = tuple[str, bytes, bytes, bytes]


def track_in_windows(
    batches: Iterable[tuple[dict[int, Document], dict[int, Source]]],
    windows: dict[int, list[tuple[int, int]]],
    watchlist: Watchlist,
    *,
    threshold: float | None = None,
    stored_norm: bool = True,
) -> Occurrences[Occurrence]:
    """Match the watchlist on each window only, as :func:`~statement_tracker.track` does.

    Args:
        batches: ``(docs, sources)`` pairs read one after the other: the
            documents (metadata; their text is not used) in output order, and per
            document its :data:`Source`.
        windows: Token windows per document (:func:`candidate_windows`).
        watchlist: The phrases.
        threshold: As for :func:`~statement_tracker.track`.
        stored_norm: Whether the stored normalisations can be trusted (the
            index rules are current); a document without one is normalised.

    A window starts at a token and ends where the next token after it starts,
    so normalising it gives exactly the matching stretch of the document's
    normalised text: shifting the offsets by the window's start (original and
    normalised) gives the occurrences ``track`` finds on the whole document.
    A document read whole is not normalised again: its stored normalisation
    is what :func:`~statement_tracker.normalise` gives.  One compiled
    watchlist (and its cache of folded words) serves the whole archive.
    """
    index = PhraseIndex(watchlist, threshold=threshold)
    forms = index.forms
    out: Occurrences[Occurrence] = Occurrences(watchlist=watchlist)
    for docs, sources in batches:
        for did, doc in docs.items():
            text, starts_blob, norm_blob, packed_norm = sources[did]
            spans = windows.get(did, [])
            starts = norm_starts = unpack(b"")
            if spans != WHOLE:
                starts, norm_starts = unpack(starts_blob), unpack(norm_blob)
            if spans == WHOLE or sum(e - s for s, e in spans) > WHOLE_DOCUMENT * len(starts):
                if stored_norm and packed_norm:
                    norm = unpack_norm(packed_norm, text)
                else:
                    norm = normalise(text)
                hits = index.scan(norm.text, language=doc.language)
                if hits:
                    whole = attrs.evolve(doc, text=text)
                    out.extend(occurrences_from_hits(whole, hits, norm, forms, watchlist))
                continue
            for first, stop in spans:
                if first >= len(starts):
                    continue
                cs = starts[first]
                ce = starts[stop] if stop < len(starts) else len(text)
                norm = normalise(text[cs:ce])
                hits = index.scan(norm.text, language=doc.language)
                if not hits:
                    continue
                ns = norm_starts[first]
                piece = attrs.evolve(doc, text=text[cs:ce])
                out.extend(
                    attrs.evolve(
                        o,
                        start=o.start + cs,
                        end=o.end + cs,
                        norm_start=o.norm_start + ns,
                        norm_end=o.norm_end + ns,
                    )
                    for o in occurrences_from_hits(piece, hits, norm, forms, watchlist)
                )
    return out


def _merge(spans: list[tuple[int, int]], *, gap: int = 0) -> list[tuple[int, int]]:
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1] + gap:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def sentence_terms(text: str) -> list[str]:
    """The index's tokens of a stretch of text (normalised, as the matcher splits them).

    >>> sentence_terms("China’s  Policy")
    ["china's", 'policy']
    """
    return split_terms(normalise_text(text))[1::2]


class SentenceFinder:
    """Find stored sentences similar to a new one (token similarity >= ``cutoff``).

    Caches each stored document's token offsets, sentence spans and text, so a
    whole readout is answered with one read per candidate document.  Mutable
    on purpose: the caches live as long as one comparison.
    """

    def __init__(self, store: Store, among: set[int], *, cutoff: float) -> None:
        self._store = store
        self._among = among
        self.cutoff = cutoff
        self._postings: dict[str, dict[int, Sequence[int]]] = {}
        self._sentences: dict[int, tuple[Sequence[int], list[tuple[int, int]]]] = {}
        self._texts: dict[int, str] = {}
        self._tokens: dict[tuple[int, int, int], list[str]] = {}
        self._df: dict[str, int] = {}
        self._term_id: dict[str, int] = {}

    def prepare(self, tokens: Iterable[str]) -> None:
        """Look up document frequencies of a batch of tokens at once."""
        todo = [t for t in set(tokens) if t not in self._df]
        stats = self._store.term_stats(todo)
        for t in todo:
            tid, df = stats.get(t, (0, 0))
            self._df[t] = df
            self._term_id[t] = tid

    def _lookup(self, term: str) -> dict[int, Sequence[int]]:
        if term not in self._postings:
            tid = self._term_id.get(term, 0)
            rows = self._store.postings(tid) if tid else []
            self._postings[term] = {d: unpack(b) for d, b in rows if d in self._among}
        return self._postings[term]

    def _doc_sentences(self, doc: int) -> tuple[Sequence[int], list[tuple[int, int]]]:
        if doc not in self._sentences:
            starts = unpack(self._store.token_starts([doc]).get(doc, b""))
            spans = self._store.spans([doc], "sentence").get(doc, [])
            self._sentences[doc] = (starts, spans)
        return self._sentences[doc]

    def text(self, doc: int) -> str:
        """The stored text of a document (cached)."""
        if doc not in self._texts:
            self._texts.update(self._store.texts([doc]))
        return self._texts.get(doc, "")

    def _score(self, query: Sequence[str], doc: int, start: int, end: int) -> float:
        key = (doc, start, end)
        if key not in self._tokens:
            self._tokens[key] = sentence_terms(self.text(doc)[start:end])
        return token_similarity(query, self._tokens[key])

    def similar(self, tokens: Sequence[str]) -> list[tuple[int, int, int, float]]:
        """``(doc, start, end, score)`` of every stored sentence scoring ``>= cutoff``."""
        self.prepare(tokens)
        return find_similar(
            tokens,
            self._df,
            self._lookup,
            self._doc_sentences,
            lambda d, s, e: self._score(tokens, d, s, e),
            cutoff=self.cutoff,
        )

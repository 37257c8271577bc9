"""Questions asked of the persisted index: which stored documents can hold a phrase,
and which stored sentences resemble a new one.

Both answers come from the ``terms``/``postings`` tables alone; the text of a
stored document is read only when it is a candidate.  The matchers that
decide (:func:`~statement_tracker.track`, :func:`~._match.token_similarity`)
are the same ones used in memory, so results do not depend on whether the
documents came from the archive.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from . import _fold
from ._fold import term_key
from ._index import Form
from ._match import token_similarity
from ._normalise import normalise_text
from ._novelty import find_similar
from ._postings import unpack
from ._records import Document
from ._store import Store
from ._tokens import word_tokens
from ._track import Occurrence, track
from ._watchlist import Watchlist

__all__ = [
    "SentenceFinder",
    "candidate_windows",
    "fold_rules",
    "sync_term_keys",
    "track_in_windows",
]


def fold_rules() -> str:
    """A fingerprint of the word-folding rules (``_fold.py``): stored keys stay valid while equal.

    >>> len(fold_rules())
    16
    """
    return hashlib.sha256(Path(_fold.__file__).read_bytes()).hexdigest()[:16]


def sync_term_keys(store: Store) -> int:
    """Re-key the archive's terms if the folding rules changed; return how many changed."""
    return store.rekey_terms(term_key, fold_rules())


def candidate_windows(
    store: Store, forms: Sequence[Form], among: set[int]
) -> dict[int, list[tuple[int, int]]]:
    """Token windows ``[first, stop)`` per document where some form may occur.

    A form that tolerates ``k`` word edits is cut into ``k + 1`` pieces and an
    occurrence keeps one piece intact (the pigeonhole rule of :mod:`._index`).
    So a document can hold an occurrence only if it contains every key of one
    piece, and only near an occurrence of that piece's rarest key: the window
    is that position widened by the form's length plus its edits (and a
    margin of two tokens) on both sides.  Overlapping windows are merged.
    """
    keys = {k for f in forms for lo, hi in f.pieces for k in f.keys[lo:hi]}
    terms_of = store.term_ids_by_key(keys)
    stats = {
        k: sum(df for _, df in store.term_stats_by_id(ids).values()) for k, ids in terms_of.items()
    }
    docs_of: dict[str, set[int]] = {}
    spans: dict[int, list[tuple[int, int]]] = {}
    positions_cache: dict[str, dict[int, list[int]]] = {}
    for f in forms:
        reach = len(f.tokens) + f.max_edits + 2
        for lo, hi in f.pieces:
            piece = set(f.keys[lo:hi])
            if any(k not in terms_of for k in piece):
                continue
            found: set[int] | None = None
            for k in sorted(piece, key=lambda k: stats[k]):
                if k not in docs_of:
                    docs_of[k] = store.docs_with_terms(terms_of[k]) & among
                found = docs_of[k] if found is None else found & docs_of[k]
                if not found:
                    break
            if not found:
                continue
            anchor = min(piece, key=lambda k: (stats[k], k))
            if anchor not in positions_cache:
                positions_cache[anchor] = {
                    d: sorted(p for blob in blobs for p in unpack(blob))
                    for d, blobs in store.positions_of(terms_of[anchor], docs_of[anchor]).items()
                }
            for doc in found:
                out = spans.setdefault(doc, [])
                for p in positions_cache[anchor].get(doc, ()):
                    out.append((max(0, p - reach), p + reach + 1))
    return {doc: _merge(s) for doc, s in spans.items() if s}


def track_in_windows(
    docs: dict[int, Document],
    windows: dict[int, list[tuple[int, int]]],
    sources: dict[int, tuple[str, bytes, bytes]],
    watchlist: Watchlist,
    *,
    threshold: float | None = None,
) -> list[Occurrence]:
    """Run :func:`~statement_tracker.track` on the text of each window only.

    Args:
        docs: The documents (metadata; their text is not used), in output order.
        windows: Token windows per document (:func:`candidate_windows`).
        sources: Per document: text, packed token starts, packed normalised starts.
        watchlist: The phrases.
        threshold: As for :func:`~statement_tracker.track`.

    A window starts at a token and ends where the next token after it starts,
    so normalising it gives exactly the matching stretch of the document's
    normalised text: shifting the offsets by the window's start (original and
    normalised) gives the occurrences ``track`` finds on the whole document.
    """
    pieces: list[Document] = []
    shifts: list[tuple[Document, int, int]] = []
    for did, doc in docs.items():
        text, starts_blob, norm_blob = sources[did]
        starts, norm_starts = unpack(starts_blob), unpack(norm_blob)
        for first, stop in windows.get(did, ()):
            if first >= len(starts):
                continue
            cs = starts[first]
            ce = starts[stop] if stop < len(starts) else len(text)
            pieces.append(attrs.evolve(doc, doc_id=f"{doc.doc_id}#{len(pieces)}", text=text[cs:ce]))
            shifts.append((doc, cs, norm_starts[first]))
    out: list[Occurrence] = []
    for o in track(pieces, watchlist, threshold=threshold):
        doc, cs, ns = shifts[int(o.doc_id.rsplit("#", 1)[1])]
        out.append(
            attrs.evolve(
                o,
                doc_id=doc.doc_id,
                start=o.start + cs,
                end=o.end + cs,
                norm_start=o.norm_start + ns,
                norm_end=o.norm_end + ns,
            )
        )
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


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
            self._tokens[key] = word_tokens(normalise_text(self.text(doc)[start:end]))
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

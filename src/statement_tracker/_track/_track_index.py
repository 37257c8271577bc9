"""Track many watchlists over the same documents: :class:`TrackIndex`.

:func:`~statement_tracker.track` normalises and reads every document for each
watchlist.  A :class:`TrackIndex` normalises and tokenises the documents once
(:class:`~._corpus_index.CorpusIndex`); each watchlist tracked with it then
reads only the postings of its words.  The occurrences are the ones
:func:`~statement_tracker.track` finds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .._text import Document, Normalised, normalise
from ._corpus_index import CorpusIndex
from ._forms import check_level
from ._occurrences import Occurrences
from ._scan import PhraseIndex
from ._track import Occurrence, _as_watchlist, occurrences_from_hits
from ._watchlist import Phrase, Watchlist

__all__ = ["TrackIndex"]


class TrackIndex:
    """Documents normalised and tokenised once, to track many watchlists over them.

    Building the index costs less than two :func:`track` passes over the same
    documents; each watchlist tracked with it afterwards costs about an eighth
    of one.  Use :func:`track` for a single watchlist.  Documents added later
    with :meth:`add` are indexed on their own (in a new segment, merged with the
    last one once it is as large), so the index is never rebuilt whole.

    Args:
        docs: The documents (any iterable; kept in this order).
        progress: Called with each document once it is indexed.

    Raises:
        UsageError: Over 2**31 words in one segment (positions are stored in 32 bits).

    >>> docs = [Document.from_text("No limits. A new era."), Document.from_text("New Zealand.")]
    >>> idx = TrackIndex(docs)
    >>> [(o.text, o.method) for o in idx.track(["new era", "no limit"])]
    [('No limits', 'folded'), ('new era', 'exact')]
    >>> idx.track(["new zealand"])[0].doc_id == docs[1].doc_id
    True
    """

    def __init__(
        self,
        docs: Iterable[Document] = (),
        *,
        progress: Callable[[Document], object] | None = None,
    ) -> None:
        self._docs: list[Document] = []
        self._norms: list[Normalised] = []
        # (first document, index, characters of normalised text)
        self._segments: list[tuple[int, CorpusIndex, int]] = []
        self.add(docs, progress=progress)

    def add(
        self,
        docs: Iterable[Document],
        *,
        progress: Callable[[Document], object] | None = None,
    ) -> int:
        """Index more documents (after the others); return how many were added.

        >>> idx = TrackIndex([Document.from_text("A new era.")])
        >>> idx.add([Document.from_text("Another new era.")])
        1
        >>> [o.text for o in idx.track(["new era"])]
        ['new era', 'new era']
        """
        new = list(docs)
        if not new:
            return 0
        first = len(self._docs)
        norms = [normalise(d.text) for d in new]
        report = None
        if progress is not None:

            def report(done: int, _total: int) -> None:
                progress(new[done - 1])

        segment = CorpusIndex([n.text for n in norms], progress=report)
        self._docs.extend(new)
        self._norms.extend(norms)
        self._segments.append((first, segment, sum(len(n.text) for n in norms)))
        # merge the last two segments while the newer has at least as much text (each
        # document is indexed again O(log n) times as the index grows)
        while len(self._segments) > 1 and self._segments[-1][2] >= self._segments[-2][2]:
            chars = self._segments.pop()[2]
            start, _, older = self._segments[-1]
            texts = [n.text for n in self._norms[start:]]
            self._segments[-1] = (start, CorpusIndex(texts), older + chars)
        return len(new)

    @property
    def documents(self) -> tuple[Document, ...]:
        """The indexed documents, in order.

        >>> len(TrackIndex([Document.from_text("One.")]).documents)
        1
        """
        return tuple(self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def __repr__(self) -> str:
        return f"<TrackIndex of {len(self._docs)} documents>"

    def track(
        self,
        watchlist: Watchlist | Iterable[str | Phrase],
        *,
        threshold: float | None = None,
        match: str | None = None,
    ) -> Occurrences[Occurrence]:
        """Every occurrence of every phrase of ``watchlist``: what :func:`track` returns.

        Args:
            watchlist: A :class:`Watchlist`, or strings/phrases to build one from.
            threshold: As for :func:`track`.
            match: As for :func:`track`.

        Raises:
            UsageError: A threshold outside 0–100.
            WatchlistError: An invalid watchlist.

        >>> text = "Comprehensive partnerships and strategic interaction."
        >>> idx = TrackIndex([Document.from_text(text)])
        >>> wl = ["comprehensive partnership and strategic coordination"]
        >>> o = idx.track(wl, match="loose")[0]
        >>> o.text, o.method, o.score
        ('Comprehensive partnerships and strategic interaction', 'fuzzy', 80.0)
        """
        wl = _as_watchlist(watchlist).with_match(check_level(match))
        index = PhraseIndex(wl, threshold=threshold)
        out: Occurrences[Occurrence] = Occurrences(watchlist=wl)
        for first, segment, _ in self._segments:
            languages = [doc.language for doc in self._docs[first : first + len(segment)]]
            for d, hits in enumerate(segment.scan(index, languages), start=first):
                if hits:
                    doc, norm = self._docs[d], self._norms[d]
                    out.extend(occurrences_from_hits(doc, hits, norm, index.forms, wl))
        return out

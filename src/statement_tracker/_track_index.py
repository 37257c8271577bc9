"""Track many watchlists over the same documents: :class:`TrackIndex`.

:func:`~statement_tracker.track` normalises and reads every document for each
watchlist.  A :class:`TrackIndex` normalises and tokenises the documents once
(:class:`~._corpus_index.CorpusIndex`); each watchlist tracked with it then
reads only the postings of its words.  The occurrences are the ones
:func:`~statement_tracker.track` finds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ._corpus_index import CorpusIndex
from ._normalise import normalise
from ._records import Document
from ._scan import PhraseIndex
from ._track import Occurrence, _as_watchlist, _occurrences
from ._watchlist import Phrase, Watchlist

__all__ = ["TrackIndex"]


class TrackIndex:
    """Documents normalised and tokenised once, to track many watchlists over them.

    Building the index costs less than two :func:`track` passes over the same
    documents; each watchlist tracked with it afterwards costs about an eighth
    of one.  Use :func:`track` for a single watchlist.

    Args:
        docs: The documents (any iterable; kept as a tuple, in this order).
        progress: Called with each document once it is indexed.

    Raises:
        UsageError: Over 2**31 words (positions are stored in 32 bits).

    >>> docs = [Document.from_text("No limits. A new era."), Document.from_text("New Zealand.")]
    >>> idx = TrackIndex(docs)
    >>> [(o.text, o.method) for o in idx.track(["new era", "no limit"])]
    [('No limits', 'folded'), ('new era', 'exact')]
    >>> idx.track(["new zealand"])[0].doc_id == docs[1].doc_id
    True
    """

    def __init__(
        self,
        docs: Iterable[Document],
        *,
        progress: Callable[[Document], object] | None = None,
    ) -> None:
        self._docs = tuple(docs)
        self._norms = tuple(normalise(d.text) for d in self._docs)
        report = None
        if progress is not None:
            docs_ = self._docs

            def report(done: int, _total: int) -> None:
                progress(docs_[done - 1])

        self._corpus = CorpusIndex([n.text for n in self._norms], progress=report)

    @property
    def documents(self) -> tuple[Document, ...]:
        """The indexed documents, in order.

        >>> len(TrackIndex([Document.from_text("One.")]).documents)
        1
        """
        return self._docs

    def __len__(self) -> int:
        return len(self._docs)

    def __repr__(self) -> str:
        return f"<TrackIndex of {len(self._docs)} documents>"

    def track(
        self,
        watchlist: Watchlist | Iterable[str | Phrase],
        *,
        threshold: float | None = None,
    ) -> list[Occurrence]:
        """Every occurrence of every phrase of ``watchlist``: what :func:`track` returns.

        Args:
            watchlist: A :class:`Watchlist`, or strings/phrases to build one from.
            threshold: As for :func:`track`.

        Raises:
            UsageError: A threshold outside 0–100.
            WatchlistError: An invalid watchlist.

        >>> text = "Comprehensive partnerships and strategic interaction."
        >>> idx = TrackIndex([Document.from_text(text)])
        >>> o = idx.track(["comprehensive partnership and strategic coordination"])[0]
        >>> o.text, o.method, o.score
        ('Comprehensive partnerships and strategic interaction', 'fuzzy', 80.0)
        """
        wl = _as_watchlist(watchlist)
        index = PhraseIndex(wl, threshold=threshold)
        out: list[Occurrence] = []
        found = self._corpus.scan(index)
        for doc, norm, hits in zip(self._docs, self._norms, found, strict=True):
            if hits:
                out.extend(_occurrences(doc, hits, norm, index.forms, wl))
        return out

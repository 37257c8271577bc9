"""Discovery, reading: documents read into word ids once, in parts that merge exactly.

:func:`~statement_tracker.discover` reads every document into word ids (step 1
of :mod:`._discover`) before it counts.  Reading is most of the work on a large
corpus and needs nothing but the document, so it can run apart, one part of the
corpus per process or machine; :meth:`DiscoveryCorpus.merge` then joins the
parts, in order, into what one reading of the whole corpus gives: the same word
ids, exact duplicates counted once across parts, the same counts of capitalised
words.  ``discover`` of the merged corpus is ``discover`` of the documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .._text import Document
from ._count import Corpus

__all__ = ["DiscoveryCorpus", "documents_of"]


def documents_of(docs: Iterable[Document] | Any, series: str | None) -> Iterable[Document]:
    """The documents of ``docs`` (or of an archive: anything with ``documents()``) in ``series``."""
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


class DiscoveryCorpus:
    """Documents read for :func:`~statement_tracker.discover`, in a form that merges exactly.

    Read each part of a large corpus on its own (in another process or on another
    machine: the object pickles), then :meth:`merge` the parts in corpus order;
    ``discover(merged)`` equals ``discover`` of all the documents.  The text is
    kept compressed (about a third of its size) beside four bytes per word.

    Args:
        docs: Documents, or an archive (anything with ``documents()``).
        series: Only documents of this series (``Document.series``).
        progress: Called as ``progress("reading", done, 0)`` every 500 documents.

    >>> from statement_tracker import Document, discover
    >>> docs = [Document.from_text(f"On day {i} we reaffirmed the one China policy.",
    ...                            source=str(i)) for i in range(4)]
    >>> parts = [DiscoveryCorpus(docs[:3]), DiscoveryCorpus(docs[2:])]  # docs[2] twice
    >>> merged = DiscoveryCorpus.merge(parts)
    >>> len(merged), discover(merged) == discover(docs)
    (4, True)
    """

    def __init__(
        self,
        docs: Iterable[Document] | Any = (),
        *,
        series: str | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> None:
        self._corpus = Corpus(mergeable=True)
        self._seen: set[str] = set()
        for doc in documents_of(docs, series):
            if doc.sha256 in self._seen:
                continue  # an exact duplicate counts once
            self._seen.add(doc.sha256)
            self._corpus.add(doc)
            if progress is not None and len(self._corpus.docs) % 500 == 0:
                progress("reading", len(self._corpus.docs), 0)

    @classmethod
    def merge(cls, parts: Iterable[DiscoveryCorpus]) -> DiscoveryCorpus:
        """Join corpora read apart, in the order given, as if read as one.

        A document of a later part that duplicates one of an earlier part (the same
        text) is dropped, as :func:`~statement_tracker.discover` drops duplicates.

        >>> a = DiscoveryCorpus([Document.from_text("No limits.", source="a")])
        >>> b = DiscoveryCorpus([Document.from_text("No limits.", source="b")])
        >>> len(DiscoveryCorpus.merge([a, b]))
        1
        """
        out = cls()
        for part in parts:
            out._corpus.extend(part._corpus, out._seen)
        return out

    def __len__(self) -> int:
        return len(self._corpus.docs)

    def __repr__(self) -> str:
        return f"<DiscoveryCorpus of {len(self)} documents>"

    def _counting_corpus(self) -> Corpus:
        """The corpus to count n-grams in (for ``discover``)."""
        return self._corpus.finished()

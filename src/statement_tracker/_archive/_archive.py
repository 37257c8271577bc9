"""The archive: a growing, versioned collection of readouts in one SQLite file.

:class:`Archive` is the orchestration layer over :mod:`._store` (the file),
:mod:`._postings` (the persisted word index), ingestion, segmentation and the
matchers.  Adding a document stores its text and metadata, its phrase records
and its index entries in one transaction, so later questions (tracking a
watchlist, "what is new in this readout?") never re-read or re-segment the
stored documents.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> with Archive.open(os.path.join(d, "demo.db")) as archive:
...     result = archive.add([Document.from_text("Both sides agreed.", source="a.txt")])
...     again = archive.add([Document.from_text("Both sides agreed.", source="a.txt")])
...     print(result.added, again.duplicates, len(archive))
1 1 1
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._text import Document
from ._core import ArchiveCore
from ._guard import guard_reads
from ._records import document_from_row

if TYPE_CHECKING:  # tracking and comparing are loaded by the methods that do them
    from .._track import Phrase, Timeline, Watchlist
    from ._compare import Comparison

__all__ = ["Archive"]


class Archive(ArchiveCore):
    """An open archive.  Use :meth:`open`, preferably as a context manager.

    The object holds one SQLite connection; use one per thread.  Several
    processes may read while one writes; a second writer waits ``timeout``
    seconds and then gets :class:`~statement_tracker.ArchiveBusyError`.

    >>> import tempfile, os
    >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
    ...     _ = a.add([Document.from_text("Talks.", source="x", date="2024-01-02")], series="demo")
    ...     [e.series for e in a.entries(series="demo")]
    [('demo',)]
    """

    def timeline(
        self,
        watchlist: Watchlist | Iterable[str | Phrase],
        *,
        series: str | None = None,
        threshold: float | None = None,
        group_by: str | None = None,
        min_run: int = 3,
    ) -> Timeline:
        """The timeline of a watchlist over one series (or the whole archive).

        Args:
            watchlist: The phrases.
            series: Only the documents of this series.
            threshold: As for :func:`~statement_tracker.track`.
            group_by: A document field to split timelines by (``"publisher"`` …).
            min_run: Presences in a row before an absence counts as a drop-out.

        Returns the :class:`~statement_tracker.Timeline` that
        :func:`~statement_tracker.timeline` builds from :meth:`track`'s
        occurrences and the series' documents (read without their text).

        >>> import tempfile, os
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     _ = a.add([Document.from_text(t, source=t, date=d) for t, d in
        ...                (("A new era.", "2024-01-01"), ("Old.", "2024-02-01"))], series="s")
        ...     a.timeline(["new era"], series="s").formulas[0].strip()
        '#.'
        """
        from .._track import Watchlist, timeline

        wl = watchlist if isinstance(watchlist, Watchlist) else Watchlist(watchlist)
        occurrences = self.track(wl, series=series, threshold=threshold)
        rows = self._store.document_rows(series=series)
        docs = [document_from_row(r, "", series) for r in rows]
        return timeline(occurrences, docs, series=group_by, watchlist=wl, min_run=min_run)

    def compare(
        self,
        new_doc: Document,
        *,
        series: str | None = None,
        watchlist: Watchlist | None = None,
        threshold: float | None = None,
        add: bool = False,
    ) -> Comparison:
        """What is new in ``new_doc`` against the archive of its series.

        See :func:`statement_tracker._archive._compare.compare` and ``docs/archive.md``.

        >>> import tempfile, os
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     _ = a.add([Document.from_text("Talks held. Trade was discussed.", source="1",
        ...                                   date="2024-01-01")], series="s")
        ...     new = Document.from_text("Talks held. A summit was set.", source="2",
        ...                              date="2024-02-01")
        ...     c = a.compare(new, series="s")
        ...     [(s.text, s.status) for s in c.sentences]
        [('Talks held.', 'recurring'), ('A summit was set.', 'new')]
        """
        from ._compare import compare

        return compare(
            self, new_doc, series=series, watchlist=watchlist, threshold=threshold, add=add
        )


# Questions asked of a stored archive: a damaged value in it is a NotAnArchiveError.
guard_reads(
    Archive,
    ("__len__", "compare", "documents", "entries", "entry", "entry_by_internal_id", "get",
     "index_is_current", "internal_ids", "reindex", "require_current_index", "series",
     "timeline", "track", "verify", "versions", "watchlist", "watchlist_names"),
)  # fmt: skip

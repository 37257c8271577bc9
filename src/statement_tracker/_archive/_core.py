"""The archive's core: the file, its documents and versions, the word index, tracking.

:class:`ArchiveCore` is the orchestration layer over :mod:`._store` (the file),
:mod:`._postings` (the persisted word index), ingestion, segmentation and the
matchers.  Adding a document stores its text and metadata, its phrase records
and its index entries in one transaction, so later questions (tracking a
watchlist, "what is new in this readout?") never re-read or re-segment the
stored documents.  :class:`~statement_tracker.Archive` (:mod:`._archive`) adds
the questions built on :meth:`ArchiveCore.track`: timelines and comparisons;
:mod:`._compare` needs only this core, so it does not import the archive back.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from .._errors import ArchiveError, DocumentNotFoundError, UsageError
from .._text import Document, content_hash, indexed_under_these_rules
from ._add import DocumentLike, add_documents
from ._records import AddResult, ArchivedDocument, document_from_row
from ._store import DocumentRow, Store

if TYPE_CHECKING:  # tracking (numpy, the scanners) is loaded by the methods that track
    from .._track import Occurrence, Occurrences, Phrase, Watchlist

__all__ = ["DEFAULT_ARCHIVE", "ArchiveCore"]

#: Documents read per batch when tracking over the archive.
_TRACK_BATCH = 1000

#: The archive file used when none is named: ``statement-tracker.db`` in the current directory.
DEFAULT_ARCHIVE = "statement-tracker.db"


class ArchiveCore:
    """An open archive without the questions of :class:`~statement_tracker.Archive`.

    Use :meth:`open`, preferably as a context manager.

    The object holds one SQLite connection; use one per thread.  Several
    processes may read while one writes; a second writer waits ``timeout``
    seconds and then gets :class:`~statement_tracker.ArchiveBusyError`.

    >>> import tempfile, os
    >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
    ...     _ = a.add([Document.from_text("Talks.", source="x", date="2024-01-02")], series="demo")
    ...     [e.series for e in a.entries(series="demo")]
    [('demo',)]
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        # term -> id cache, valid while this object holds the writer lock
        self._term_cache: dict[str, int] = {}

    # ------------------------------------------------------------ life cycle
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] = DEFAULT_ARCHIVE,
        *,
        create: bool = True,
        readonly: bool = False,
        timeout: float = 5.0,
    ) -> Self:
        """Open the archive at ``path``, creating it when missing (unless ``create=False``).

        Args:
            path: The archive file.
            create: Create an empty archive when the file does not exist.
            readonly: Open with SQLite's ``mode=ro``: reads work, writes raise ArchiveError.
            timeout: Seconds a writer waits for another writer before ArchiveBusyError.

        Raises:
            NotAnArchiveError: the file is not an archive, or is truncated.
            SchemaVersionError: the file was written by a newer statement-tracker.
            ArchiveError: missing file (``create=False``), read-only location, busy.

        >>> import tempfile, os
        >>> ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "none.db"), create=False)
        Traceback (most recent call last):
        statement_tracker._errors.ArchiveError: ...none.db: no archive here ...
        """
        return cls(Store.open(path, create=create, readonly=readonly, timeout=timeout))

    @property
    def path(self) -> str:
        """The archive file."""
        return self._store.path

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        return self._store.schema_version()

    def close(self) -> None:
        """Close the archive."""
        self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __len__(self) -> int:
        return self._store.count_documents(current_only=True)

    def __repr__(self) -> str:
        return f"<Archive {self.path!r}>"

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check``: ``"ok"`` when the file is sound."""
        return self._store.integrity_check()

    def verify(self) -> list[str]:
        """Check that every stored document is whole; return the problems (none: ``[]``).

        A whole document has a text matching its hash, one postings row per
        distinct term and its phrase records.  Slow on big archives: it reads
        every text.

        >>> import tempfile, os
        >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     _ = a.add([Document.from_text("Talks. More talks.")])
        ...     a.verify()
        []
        """
        problems: list[str] = []
        with self._store.snapshot():
            for doc_id, sha, text, n_terms, n_postings, n_records in self._store.document_parts():
                if content_hash(text) != sha:
                    problems.append(f"{doc_id}: text does not match its hash")
                if n_terms != n_postings:
                    problems.append(f"{doc_id}: {n_postings} postings for {n_terms} terms")
                if text.strip() and n_records == 0:
                    problems.append(f"{doc_id}: no phrase records")
        return problems

    # ------------------------------------------------------------------ adding
    def add(
        self,
        docs_or_paths: DocumentLike | Iterable[DocumentLike],
        *,
        series: str | None = None,
        progress: Callable[[int, Document], None] | None = None,
        rules: Any = None,
        commit_every: float = 1.0,
    ) -> AddResult:
        """Add documents (or files, directories, JSONL corpora) to the archive.

        Each document is stored atomically (its own savepoint: text, records,
        index entries and series together, or nothing), and completed
        documents are committed at least every ``commit_every`` seconds and at
        the end.  A process killed mid-corpus leaves only whole documents; an
        interrupted add (Ctrl-C, a failing input) keeps every document
        completed before it.  A document whose exact text is already stored is not stored
        again (it joins ``series`` if given); one whose URL (or, without a URL,
        source) is known but whose text differs becomes a new version.

        Args:
            docs_or_paths: Documents, paths, or a mix.
            series: A series name every added document joins.
            progress: Called as ``progress(count, doc)`` after each document.
            rules: Publisher rules passed to the loader for paths.
            commit_every: Seconds between commits during a long add (readers
                see new documents at this pace; one commit per document is
                ``commit_every=0``).

        Returns:
            The counts, errors and document ids.

        Raises:
            ArchiveBusyError: another process is writing.
            ArchiveError: the archive cannot be written (read-only, disk full).

        >>> import tempfile, os
        >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     a.add([Document.from_text("v1", source="x", url="https://e.org/1")]).added
        ...     a.add([Document.from_text("v2", source="x", url="https://e.org/1")]).new_versions
        1
        1
        """
        return add_documents(
            self._store,
            docs_or_paths,
            series=series,
            progress=progress,
            rules=rules,
            commit_every=commit_every,
        )

    # ----------------------------------------------------------------- reading
    def entries(
        self,
        series: str | None = None,
        since: _dt.date | str | None = None,
        *,
        until: _dt.date | str | None = None,
        all_versions: bool = False,
    ) -> list[ArchivedDocument]:
        """Metadata of the stored documents, by date (undated last).

        >>> import tempfile, os
        >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     _ = a.add([Document.from_text("x", source="a", date="2024-03-01")])
        ...     [e.doc_id for e in a.entries(since="2025-01-01")]
        []
        """
        rows = self._store.document_rows(
            series=series,
            since=_iso(since),
            until=_iso(until),
            current_only=not all_versions,
        )
        return [self._entry(r) for r in rows]

    def documents(
        self,
        series: str | None = None,
        since: _dt.date | str | None = None,
        *,
        until: _dt.date | str | None = None,
    ) -> Iterator[Document]:
        """The current stored documents (with their text), by date; read lazily in batches.

        >>> import tempfile, os
        >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     _ = a.add([Document.from_text("Talks held.", source="a")], series="s")
        ...     [d.text for d in a.documents(series="s")]
        ['Talks held.']
        """
        rows = self._store.document_rows(series=series, since=_iso(since), until=_iso(until))
        for i in range(0, len(rows), 200):
            batch = rows[i : i + 200]
            texts = self._store.texts([r["id"] for r in batch])
            for r in batch:
                if r["id"] in texts:
                    yield document_from_row(r, texts[r["id"]], series)

    def get(self, doc_id: str) -> Document:
        """The stored document with this id (any version; a unique id prefix works).

        Raises:
            DocumentNotFoundError: no such document.

        >>> import tempfile, os
        >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     a.get("dnothere")
        Traceback (most recent call last):
        statement_tracker._errors.DocumentNotFoundError: ...: no document with id 'dnothere'
        """
        row = self._row(doc_id)
        return document_from_row(row, row["text"], None)

    def entry(self, doc_id: str) -> ArchivedDocument:
        """Metadata of one stored document.

        Raises:
            DocumentNotFoundError: no such document.
        """
        return self._entry(self._row(doc_id))

    def versions(self, doc_id: str) -> list[ArchivedDocument]:
        """Every stored version of the document ``doc_id`` belongs to, oldest first.

        >>> import tempfile, os
        >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     r = a.add([Document.from_text(t, source="x.txt") for t in ("one", "two")])
        ...     [(v.version, v.current) for v in a.versions(r.doc_ids[0])]
        [(1, False), (2, True)]
        """
        row = self._row(doc_id, with_text=False)
        return [self._entry(r) for r in self._store.versions_of(row["key"])]

    def series(self) -> list[tuple[str, int]]:
        """Every series name with its number of current documents."""
        return self._store.series_names()

    def _row(self, doc_id: str, *, with_text: bool = True) -> DocumentRow:
        row = self._store.document_row(doc_id, with_text=with_text)
        if row is None:
            raise DocumentNotFoundError(self.path, f"no document with id {doc_id!r}")
        return row

    def _entry(self, row: DocumentRow) -> ArchivedDocument:
        return ArchivedDocument(
            doc_id=row["doc_id"],
            source=row["source"],
            title=row["title"],
            date=_dt.date.fromisoformat(row["date"]) if row["date"] else None,
            publisher=row["publisher"],
            url=row["url"],
            language=row["language"],
            sha256=row["sha256"],
            series=tuple(self._store.series_of(row["id"])),
            version=row["version"],
            current=bool(row["current"]),
            added_at=row["added_at"],
            chars=len(row["text"]) if "text" in row else int(row.get("chars") or 0),
        )

    # ---------------------------------------------------------------- removing
    def remove(self, doc_id: str) -> ArchivedDocument:
        """Remove one stored text; if it was the current version, the previous one becomes current.

        Raises:
            DocumentNotFoundError: no such document.

        >>> import tempfile, os
        >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     r = a.add([Document.from_text("x", source="a")])
        ...     a.remove(r.doc_ids[0]).doc_id == r.doc_ids[0], len(a)
        (True, 0)
        """
        store = self._store
        with store.writing():
            row = self._row(doc_id, with_text=False)
            entry = self._entry(row)
            with store.transaction():
                store.delete_document(row["id"])
                if row["current"]:
                    latest = store.latest_version(row["key"])
                    if latest is not None:
                        store.set_current(latest[0], True)
        return entry

    # ---------------------------------------------------------------- matching
    def track(
        self,
        watchlist: Watchlist | Iterable[str | Phrase],
        *,
        series: str | None = None,
        since: _dt.date | str | None = None,
        until: _dt.date | str | None = None,
        threshold: float | None = None,
        match: str | None = None,
    ) -> Occurrences[Occurrence]:
        """Track a watchlist (``threshold``, ``match``: as ``track``) with the persisted index.

        The index gives the token windows where a phrase can be (near the
        rarest word of an intact piece, see
        :func:`~statement_tracker._archive._retrieve.candidate_windows`); only those
        stretches of text are read and matched, with the same matcher as
        :func:`~statement_tracker.track`, so the result is what ``track`` gives
        on the whole documents (offsets included).

        >>> import tempfile, os
        >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     _ = a.add([Document.from_text(t, source=t) for t in ("A new era.", "Old times.")])
        ...     [o.text for o in a.track(["new era"])]
        ['new era']
        """
        from .._track import Watchlist, compile_forms
        from ._retrieve import WHOLE, Source, candidate_windows, track_in_windows

        wl = watchlist if isinstance(watchlist, Watchlist) else Watchlist(watchlist)
        forms = compile_forms(wl := wl.with_match(match), threshold=threshold)
        with self._store.snapshot():
            rows = self._store.document_rows(series=series, since=_iso(since), until=_iso(until))
            current = self.index_is_current()
            if current:
                windows = candidate_windows(self._store, forms, {r["id"] for r in rows})
            else:  # positions from other rules cannot be trusted: read every document whole
                windows = {r["id"]: WHOLE for r in rows}
            order = [r for r in rows if r["id"] in windows]

            def batches() -> Iterator[tuple[dict[int, Document], dict[int, Source]]]:
                # a batch of texts at a time: memory stays flat however large the archive
                for i in range(0, len(order), _TRACK_BATCH):
                    batch = order[i : i + _TRACK_BATCH]
                    sources = self._store.track_sources([r["id"] for r in batch])
                    yield {r["id"]: document_from_row(r, "", series) for r in batch}, sources

            return track_in_windows(
                batches(), windows, wl, threshold=threshold, stored_norm=current
            )

    def internal_ids(
        self, series: str | None = None, *, exclude_sha: str | None = None
    ) -> set[int]:
        """Internal integer ids of the current documents (of a series), for the matchers."""
        ids = self._store.current_ids(series)
        if exclude_sha is not None:
            hit = self._store.find_sha(exclude_sha)
            if hit is not None:
                ids.discard(hit[0])
        return ids

    def entry_by_internal_id(self, doc: int) -> ArchivedDocument:
        """Metadata of a document by its internal integer id."""
        rows = self._store.document_rows(ids=[doc], current_only=False)
        if not rows:
            raise DocumentNotFoundError(self.path, f"no document with internal id {doc}")
        return self._entry(rows[0])

    def _with_text(self, rows: list[DocumentRow], series: str | None) -> list[Document]:
        texts = self._store.texts([r["id"] for r in rows])
        return [document_from_row(r, texts[r["id"]], series) for r in rows if r["id"] in texts]

    # ------------------------------------------------------------------- index
    def index_is_current(self) -> bool:
        """Whether the word index was built under this version's tokenising rules.

        When it is not, :meth:`track` still gives exact results by reading
        whole documents, and :meth:`compare` asks for :meth:`reindex`.
        """
        rules = self._store.meta().get("index_rules")
        if rules is None:  # nothing indexed yet
            return self._store.count_documents() == 0
        return indexed_under_these_rules(rules)

    def require_current_index(self) -> None:
        """Raise ArchiveError unless :meth:`index_is_current`."""
        if not self.index_is_current():
            raise ArchiveError(
                self.path,
                "the word index was built by another version of statement-tracker; "
                "run `statement-tracker reindex` (or Archive.reindex())",
            )

    def reindex(self, *, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the word index of every stored text; return how many were indexed.

        >>> import tempfile, os
        >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     _ = a.add([Document.from_text("Talks.")])
        ...     a.reindex(), a.index_is_current()
        (1, True)
        """
        from ._add import reindex_documents

        return reindex_documents(self._store, progress=progress)

    # -------------------------------------------------------------- watchlists
    def save_watchlist(self, name: str, watchlist: Watchlist) -> None:
        """Store a watchlist under ``name`` (a series name makes it that series' default).

        >>> import tempfile, os
        >>> from statement_tracker import Watchlist
        >>> with ArchiveCore.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     a.save_watchlist("us-china", Watchlist(["one China policy"]))
        ...     [p.text for p in a.watchlist("us-china")], a.watchlist_names()
        (['one China policy'], ['us-china'])
        """
        self._store.put_watchlist(name, watchlist.to_toml())

    def watchlist(self, name: str) -> Watchlist | None:
        """The watchlist stored under ``name``, or ``None``."""
        from .._track import Watchlist

        text = self._store.get_watchlist(name)
        if text is None:
            return None
        return Watchlist.from_toml(text, source=f"{self.path}#watchlist={name}")

    def watchlist_names(self) -> list[str]:
        """Names of the stored watchlists."""
        return self._store.watchlist_names()

    # ------------------------------------------------------------- accessories
    @property
    def store(self) -> Store:
        """The underlying :class:`~statement_tracker._archive._store.Store` (for the matchers)."""
        return self._store

    def file_size(self) -> int:
        """Bytes on disk (main file and write-ahead log)."""
        return self._store.file_size()


# ---------------------------------------------------------------------- helpers
def _iso(value: _dt.date | str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    try:
        return _dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise UsageError(None, f"not an ISO date (YYYY-MM-DD): {value!r}") from None

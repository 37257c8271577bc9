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

import datetime as _dt
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import DocumentNotFoundError, StatementTrackerError, UsageError
from ._fold import term_key
from ._postings import index_text, pack, pack_sorted, unpack
from ._records import Document, content_hash
from ._retrieve import sync_term_keys
from ._store import DocumentRow, Store
from ._track import Occurrence
from ._watchlist import Phrase, Watchlist

if TYPE_CHECKING:
    from ._compare import Comparison

__all__ = ["DEFAULT_ARCHIVE", "AddResult", "Archive", "ArchivedDocument", "iter_inputs"]

#: The archive file used when none is named: ``statement-tracker.db`` in the current directory.
DEFAULT_ARCHIVE = "statement-tracker.db"

#: The record kinds stored for every document (clauses are cheap to recompute).
STORED_KINDS: tuple[str, ...] = ("paragraph", "sentence", "quote")

DocumentLike = Document | str | os.PathLike[str]


@attrs.frozen(kw_only=True)
class ArchivedDocument:
    """What the archive knows about one stored text (without the text).

    Attributes:
        doc_id: The document id (from its content hash).
        source: Where it was read from.
        title: Its title, or ``None``.
        date: Its publication date, or ``None``.
        publisher: Its publisher, or ``None``.
        url: Its URL, or ``None``.
        language: Its language code.
        sha256: SHA-256 of its text.
        series: The series it belongs to in the archive, sorted.
        version: 1 for the first text seen at its URL (or source), 2 for the next …
        current: Whether this is the latest version.
        added_at: When it was added (UTC, ISO 8601).
        chars: Length of its text.

    >>> e = ArchivedDocument(doc_id="d1", source="a.txt", sha256="0", series=("g7",))
    >>> e.to_dict()["series"]
    ['g7']
    """

    doc_id: str
    source: str
    title: str | None = None
    date: _dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    language: str = "en"
    sha256: str
    series: tuple[str, ...] = ()
    version: int = 1
    current: bool = True
    added_at: str = ""
    chars: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``list --format jsonl`` schema).

        >>> sorted(ArchivedDocument(doc_id="d1", source="a", sha256="0").to_dict())[:3]
        ['added_at', 'chars', 'current']
        """
        d = attrs.asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        d["series"] = list(self.series)
        return d


@attrs.frozen(kw_only=True)
class AddResult:
    """What one :meth:`Archive.add` call did.

    Attributes:
        added: Documents stored for the first time (including new versions).
        duplicates: Documents whose exact text was already stored (not stored again).
        new_versions: Of ``added``, those that replaced an older text at the same URL or source.
        errors: ``(source, message)`` for every input that could not be read or stored.
        doc_ids: Ids of the stored documents, in input order (duplicates included).

    >>> AddResult(added=2, duplicates=1, new_versions=0).summary()
    'added 2 documents (0 new versions), skipped 1 exact duplicate, 0 errors'
    """

    added: int = 0
    duplicates: int = 0
    new_versions: int = 0
    errors: tuple[tuple[str, str], ...] = ()
    doc_ids: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for people.

        >>> AddResult(added=1).summary()
        'added 1 document (0 new versions), skipped 0 exact duplicates, 0 errors'
        """
        return (
            f"added {self.added} document{'s' * (self.added != 1)} "
            f"({self.new_versions} new version{'s' * (self.new_versions != 1)}), "
            f"skipped {self.duplicates} exact duplicate{'s' * (self.duplicates != 1)}, "
            f"{len(self.errors)} error{'s' * (len(self.errors) != 1)}"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        >>> AddResult(errors=(("x.bin", "binary file"),)).to_dict()["errors"]
        [{'source': 'x.bin', 'error': 'binary file'}]
        """
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "new_versions": self.new_versions,
            "errors": [{"source": s, "error": e} for s, e in self.errors],
            "doc_ids": list(self.doc_ids),
        }


class Archive:
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
    ) -> Archive:
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
        >>> Archive.open(os.path.join(tempfile.mkdtemp(), "none.db"), create=False)
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

    def __enter__(self) -> Archive:
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
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
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
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     a.add([Document.from_text("v1", source="x", url="https://e.org/1")]).added
        ...     a.add([Document.from_text("v2", source="x", url="https://e.org/1")]).new_versions
        1
        1
        """
        if isinstance(docs_or_paths, Document | str | os.PathLike):
            docs_or_paths = [docs_or_paths]
        errors: list[tuple[str, str]] = []
        counts = {"added": 0, "duplicates": 0, "new_versions": 0}
        ids: list[str] = []
        store = self._store
        with store.writing():
            self._term_cache = {}
            sync_term_keys(store)
            store.begin()
            last_commit = time.monotonic()
            try:
                for n, doc in enumerate(iter_inputs(docs_or_paths, rules, errors), start=1):
                    try:
                        outcome, doc_id = self._add_one(doc, series)
                    except StatementTrackerError as exc:
                        if _is_archive_failure(exc):
                            raise
                        # the document's savepoint was rolled back: terms it created are gone
                        self._term_cache = {}
                        errors.append((doc.source, exc.detail))
                    else:
                        counts[outcome] += 1
                        if outcome == "new_versions":
                            counts["added"] += 1
                        ids.append(doc_id)
                    if progress is not None:
                        progress(n, doc)
                    if time.monotonic() - last_commit >= commit_every:
                        store.commit()
                        store.begin()
                        last_commit = time.monotonic()
            except BaseException as exc:
                if isinstance(exc, StatementTrackerError) and _is_archive_failure(exc):
                    store.rollback()
                else:  # interrupted: keep every document completed so far
                    store.commit()
                raise
            else:
                store.commit()
            finally:
                self._term_cache = {}
        return AddResult(
            added=counts["added"],
            duplicates=counts["duplicates"],
            new_versions=counts["new_versions"],
            errors=tuple(errors),
            doc_ids=tuple(ids),
        )

    def _add_one(self, doc: Document, series: str | None) -> tuple[str, str]:
        store = self._store
        memberships = sorted({s for s in (series, doc.series) if s})
        hit = store.find_sha(doc.sha256)
        if hit is not None:
            if memberships:
                with store.transaction():
                    for s in memberships:
                        store.add_series(hit[0], s)
            return "duplicates", hit[1]
        # the expensive part happens before the transaction opens
        idx = index_text(doc.text)
        recs = _stored_records(doc)
        key = doc.url or doc.source
        with store.transaction():
            prev = store.latest_version(key)
            if prev is not None:
                store.set_current(prev[0], False)
            term_ids = self._term_ids(list(idx.positions))
            row: DocumentRow = {
                "doc_id": doc.doc_id,
                "sha256": doc.sha256,
                "key": key,
                "version": prev[1] + 1 if prev else 1,
                "current": 1,
                "source": doc.source,
                "title": doc.title,
                "date": doc.date.isoformat() if doc.date else None,
                "publisher": doc.publisher,
                "url": doc.url,
                "language": doc.language,
                "series": doc.series,
                "text": doc.text,
                "token_starts": pack_sorted(idx.starts),
                "token_norm_starts": pack_sorted(idx.norm_starts),
                "terms": pack_sorted(sorted(term_ids[t] for t in idx.positions)),
            }
            did = store.insert_document(row)
            store.insert_postings(did, [(term_ids[t], pack(p)) for t, p in idx.positions.items()])
            store.insert_records(did, recs)
            for s in memberships:
                store.add_series(did, s)
        return ("new_versions" if prev else "added"), doc.doc_id

    def _term_ids(self, terms: list[str]) -> dict[str, int]:
        cache = self._term_cache
        missing = [t for t in terms if t not in cache]
        if missing:
            cache.update(self._store.term_ids(missing, key=term_key))
        return cache

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
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
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
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
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
                    yield _document(r, texts[r["id"]], series)

    def get(self, doc_id: str) -> Document:
        """The stored document with this id (any version; a unique id prefix works).

        Raises:
            DocumentNotFoundError: no such document.

        >>> import tempfile, os
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     a.get("dnothere")
        Traceback (most recent call last):
        statement_tracker._errors.DocumentNotFoundError: ...: no document with id 'dnothere'
        """
        row = self._row(doc_id)
        return _document(row, row["text"], None)

    def entry(self, doc_id: str) -> ArchivedDocument:
        """Metadata of one stored document.

        Raises:
            DocumentNotFoundError: no such document.
        """
        return self._entry(self._row(doc_id))

    def versions(self, doc_id: str) -> list[ArchivedDocument]:
        """Every stored version of the document ``doc_id`` belongs to, oldest first.

        >>> import tempfile, os
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
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
            chars=len(row["text"]) if "text" in row else 0,
        )

    # ---------------------------------------------------------------- removing
    def remove(self, doc_id: str) -> ArchivedDocument:
        """Remove one stored text; if it was the current version, the previous one becomes current.

        Raises:
            DocumentNotFoundError: no such document.

        >>> import tempfile, os
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
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
    ) -> list[Occurrence]:
        """Track a watchlist over the current stored documents, using the persisted index.

        The index gives the token windows where a phrase can be (near the
        rarest word of an intact piece, see
        :func:`~statement_tracker._retrieve.candidate_windows`); only those
        stretches of text are read and matched, with the same matcher as
        :func:`~statement_tracker.track`, so the result is what ``track`` gives
        on the whole documents (offsets included).

        >>> import tempfile, os
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     _ = a.add([Document.from_text(t, source=t) for t in ("A new era.", "Old times.")])
        ...     [o.text for o in a.track(["new era"])]
        ['new era']
        """
        from ._index import compile_forms
        from ._retrieve import candidate_windows, sync_term_keys
        from ._track import track

        wl = watchlist if isinstance(watchlist, Watchlist) else Watchlist(watchlist)
        forms = compile_forms(wl, threshold=threshold)
        if not self._store.in_snapshot:
            sync_term_keys(self._store)
        with self._store.snapshot():
            rows = self._store.document_rows(series=series, since=_iso(since), until=_iso(until))
            by_id = {r["id"]: r for r in rows}
            windows = candidate_windows(self._store, forms, set(by_id))
            sources = self._store.window_sources(windows)
        pieces: list[Document] = []
        shifts: list[tuple[Document, int, int]] = []
        for did in sorted(windows, key=list(by_id).index):
            text, starts_blob, norm_blob = sources[did]
            starts, norm_starts = unpack(starts_blob), unpack(norm_blob)
            doc = _document(by_id[did], "", series)
            for first, stop in windows[did]:
                if first >= len(starts):
                    continue
                cs = starts[first]
                ce = starts[stop] if stop < len(starts) else len(text)
                pieces.append(
                    attrs.evolve(doc, doc_id=f"{doc.doc_id}#{len(pieces)}", text=text[cs:ce])
                )
                shifts.append((doc, cs, norm_starts[first]))
        out: list[Occurrence] = []
        for o in track(pieces, wl, threshold=threshold):
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

    def timeline(
        self,
        watchlist: Watchlist | Iterable[str | Phrase],
        *,
        series: str | None = None,
        threshold: float | None = None,
    ) -> Any:
        """The timeline of a watchlist over the series (or the whole archive).

        Returns the :class:`~statement_tracker.Timeline` that
        :func:`~statement_tracker.timeline` builds from :meth:`track`'s occurrences.
        """
        from ._timeline import timeline

        occurrences = self.track(watchlist, series=series, threshold=threshold)
        return timeline(occurrences, list(self.documents(series=series)), series=series)

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

        See :func:`statement_tracker._compare.compare` and ``docs/archive.md``.

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
        return [_document(r, texts[r["id"]], series) for r in rows if r["id"] in texts]

    # -------------------------------------------------------------- watchlists
    def save_watchlist(self, name: str, watchlist: Watchlist) -> None:
        """Store a watchlist under ``name`` (a series name makes it that series' default).

        >>> import tempfile, os
        >>> with Archive.open(os.path.join(tempfile.mkdtemp(), "a.db")) as a:
        ...     a.save_watchlist("us-china", Watchlist(["one China policy"]))
        ...     [p.text for p in a.watchlist("us-china")], a.watchlist_names()
        (['one China policy'], ['us-china'])
        """
        self._store.put_watchlist(name, watchlist.to_toml())

    def watchlist(self, name: str) -> Watchlist | None:
        """The watchlist stored under ``name``, or ``None``."""
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
        """The underlying :class:`~statement_tracker._store.Store` (for the matchers)."""
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


def _document(row: DocumentRow, text: str, series: str | None) -> Document:
    return Document(
        doc_id=row["doc_id"],
        source=row["source"],
        title=row["title"],
        date=row["date"],
        publisher=row["publisher"],
        url=row["url"],
        language=row["language"],
        sha256=row["sha256"],
        text=text,
        series=series or row["series"],
    )


def _is_archive_failure(exc: StatementTrackerError) -> bool:
    from ._errors import ArchiveError

    return isinstance(exc, ArchiveError)


def iter_inputs(
    items: Iterable[DocumentLike], rules: Any, errors: list[tuple[str, str]]
) -> Iterator[Document]:
    """Yield documents from a mix of documents and paths; unreadable inputs go to ``errors``.

    >>> errs = []
    >>> [d.text for d in iter_inputs([Document.from_text("x")], None, errs)], errs
    (['x'], [])
    """
    paths: list[str] = []
    for item in items:
        if isinstance(item, Document):
            if paths:
                yield from _load(paths, rules, errors)
                paths = []
            yield item
        else:
            paths.append(os.fspath(item))
    if paths:
        yield from _load(paths, rules, errors)


def _load(paths: Sequence[str], rules: Any, errors: list[tuple[str, str]]) -> Iterator[Document]:
    from ._ingest import load_corpus

    def on_error(*args: Any) -> None:
        exc = next((a for a in args if isinstance(a, BaseException)), None)
        src = next((str(a) for a in args if isinstance(a, str | Path)), "?")
        if isinstance(exc, StatementTrackerError):
            errors.append((exc.path or src, exc.detail))
        else:
            errors.append((src, str(exc)))

    yield from load_corpus(list(paths), rules=rules, errors="skip", on_error=on_error)


def _stored_records(doc: Document) -> list[tuple[str, int, int, int, Any]]:
    from ._phrases import records

    return [
        (r.kind, r.start, r.end, r.paragraph, r.speaker) for r in records(doc, kinds=STORED_KINDS)
    ]

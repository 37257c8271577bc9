"""The SQLite boundary: the archive's file format, its schema and every SQL statement.

This is the only module that imports :mod:`sqlite3`.  It speaks plain Python
values (``dict`` rows, ``bytes``, ``int``) to :mod:`statement_tracker._archive`,
which owns the records and the workflow.

File format
    An archive is a SQLite database whose ``PRAGMA application_id`` is
    :data:`APPLICATION_ID` and whose ``meta`` table holds
    ``application = statement-tracker``.  ``PRAGMA user_version`` is the schema
    version; :data:`MIGRATIONS` lists the steps from an empty file to
    :data:`SCHEMA_VERSION`.  Opening an older file applies the missing steps in
    one transaction; opening a newer one raises :class:`SchemaVersionError`.

Concurrency
    The journal is in WAL mode: readers never block the writer nor each other.
    A writer holds an advisory lock on ``<archive>.lock`` for the whole of one
    ``add``/``remove`` call (the kernel drops it if the process dies), so a
    second writer waits ``timeout`` seconds and then gets
    :class:`ArchiveBusyError` instead of interleaving with the first.  Each
    document is written in its own ``BEGIN IMMEDIATE`` transaction: a process
    killed mid-corpus leaves only whole documents.

>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     store = Store.open(os.path.join(d, "a.db"))
...     print(store.schema_version(), store.count_documents())
...     store.close()
1 0
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import fcntl
import os
import sqlite3
import struct
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ._errors import ArchiveBusyError, ArchiveError, NotAnArchiveError, SchemaVersionError
from ._postings import unpack

__all__ = [
    "APPLICATION_ID",
    "APPLICATION_NAME",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "DocumentRow",
    "Store",
]

#: ``PRAGMA application_id`` of every archive: ``"StTr"`` as a 32-bit integer.
APPLICATION_ID = 0x53745472
APPLICATION_NAME = "statement-tracker"

#: A stored document as a plain dict (the columns of the ``documents`` table).
DocumentRow = dict[str, Any]

_SQLITE_MAGIC = b"SQLite format 3\x00"

# Each step upgrades the schema by one version; step i (1-based) produces version i.
# Never edit a released step: append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        # One row per stored text.  ``key`` (the URL, else the source) ties the
        # versions of one document together; ``current`` marks the latest.
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL UNIQUE,
            key TEXT NOT NULL,
            version INTEGER NOT NULL,
            current INTEGER NOT NULL,
            source TEXT NOT NULL,
            title TEXT,
            date TEXT,
            publisher TEXT,
            url TEXT,
            language TEXT NOT NULL,
            series TEXT,
            text TEXT NOT NULL,
            added_at TEXT NOT NULL,
            token_starts BLOB NOT NULL,
            token_norm_starts BLOB NOT NULL,
            terms BLOB NOT NULL
        )""",
        "CREATE INDEX documents_key ON documents (key, version)",
        "CREATE INDEX documents_date ON documents (date)",
        """CREATE TABLE series_members (
            series TEXT NOT NULL,
            doc INTEGER NOT NULL,
            PRIMARY KEY (series, doc)
        ) WITHOUT ROWID""",
        "CREATE INDEX series_members_doc ON series_members (doc)",
        # Phrase records: text is documents.text[start:end] and the record id is
        # derived from (sha256, kind, start, end), so neither is repeated here.
        """CREATE TABLE records (
            doc INTEGER NOT NULL,
            kind TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            paragraph INTEGER NOT NULL,
            speaker TEXT,
            PRIMARY KEY (doc, kind, start, end)
        ) WITHOUT ROWID""",
        # The matching index: a term dictionary with document frequencies and, per
        # (term, document), the token positions packed as unsigned 32-bit integers.
        # ``key`` is the term's matching key (``_fold.term_key``), recomputed when
        # the folding rules change (see ``meta.term_key_rules``).
        """CREATE TABLE terms (
            id INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE,
            key TEXT NOT NULL,
            df INTEGER NOT NULL
        )""",
        "CREATE INDEX terms_key ON terms (key)",
        """CREATE TABLE postings (
            term INTEGER NOT NULL,
            doc INTEGER NOT NULL,
            positions BLOB NOT NULL,
            PRIMARY KEY (term, doc)
        ) WITHOUT ROWID""",
        """CREATE TABLE watchlists (
            name TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            added_at TEXT NOT NULL
        )""",
    ),
)

#: The schema version this code writes and reads.
SCHEMA_VERSION = len(MIGRATIONS)

_DOC_COLUMNS = (
    "id",
    "doc_id",
    "sha256",
    "key",
    "version",
    "current",
    "source",
    "title",
    "date",
    "publisher",
    "url",
    "language",
    "series",
    "added_at",
)


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


class Store:
    """An open archive file.  Not thread-safe: one :class:`Store` per thread.

    Build it with :meth:`open`; every method translates SQLite failures into
    the :class:`~statement_tracker.ArchiveError` tree.
    """

    def __init__(self, path: str, conn: sqlite3.Connection, *, readonly: bool, timeout: float):
        self.path = path
        self.readonly = readonly
        self.timeout = timeout
        self._conn = conn
        self._lock_fd: int | None = None
        self._lock_depth = 0
        self._snapshot_depth = 0

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        readonly: bool = False,
        timeout: float = 5.0,
    ) -> Store:
        """Open (or create) the archive at ``path``.

        Raises:
            NotAnArchiveError: the file is not a statement-tracker archive, or is truncated.
            SchemaVersionError: the file was written by a newer version.
            ArchiveError: the file is missing (``create=False``) or cannot be created.
        """
        p = os.fspath(path)
        exists = os.path.exists(p)
        if not exists and (not create or readonly):
            raise ArchiveError(p, "no archive here (use `statement-tracker add` to create one)")
        if exists:
            _check_header(p)
        elif not os.path.isdir(os.path.dirname(os.path.abspath(p))):
            raise ArchiveError(p, "cannot create archive: the directory does not exist")
        uri = "file:" + _quote_uri(os.path.abspath(p)) + ("?mode=ro" if readonly else "")
        try:
            conn = sqlite3.connect(
                uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _translate(p, exc, creating=not exists) from None
        store = cls(p, conn, readonly=readonly, timeout=timeout)
        try:
            store._setup(new=not exists)
        except BaseException:
            conn.close()
            raise
        return store

    def _setup(self, *, new: bool) -> None:
        with self._errors(creating=new):
            self._conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = self._conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                r[0]
                for r in self._conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
            }
        if tables or version or app_id:
            self._check_identity(version, app_id, tables)
        elif self.readonly:
            raise NotAnArchiveError(self.path, "empty database, not a statement-tracker archive")
        if not self.readonly:
            with self._errors():
                mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise ArchiveError(self.path, f"cannot switch the journal to WAL (got {mode})")
                self._conn.execute("PRAGMA synchronous = NORMAL")
        with self._errors():
            self._conn.execute("PRAGMA cache_size = -131072")
            self._conn.execute("PRAGMA foreign_keys = OFF")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _check_identity(self, version: int, app_id: int, tables: set[str]) -> None:
        if app_id != APPLICATION_ID or "meta" not in tables:
            raise NotAnArchiveError(
                self.path, "an SQLite database, but not a statement-tracker archive"
            )
        with self._errors():
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        if row is None or row[0] != APPLICATION_NAME:
            raise NotAnArchiveError(self.path, "not a statement-tracker archive (no meta record)")
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                self.path,
                f"archive schema version {version} is newer than this statement-tracker "
                f"understands ({SCHEMA_VERSION}); upgrade statement-tracker to open it",
            )

    def _migrate(self, version: int) -> None:
        """Apply migration steps ``version+1 .. SCHEMA_VERSION`` in one transaction."""
        if self.readonly:
            raise SchemaVersionError(
                self.path,
                f"archive schema version {version} needs upgrading to {SCHEMA_VERSION}, "
                "which a read-only open cannot do",
            )
        with self.writing(), self.transaction():
            current = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if current >= SCHEMA_VERSION:  # another process migrated while we waited
                return
            for step in MIGRATIONS[current:]:
                for sql in step:
                    self._conn.execute(sql)
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [
                    ("application", APPLICATION_NAME),
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("migrated_at", _now()),
                ],
            )
            self._conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)", (_now(),)
            )

    def close(self) -> None:
        """Close the connection (and release the writer lock if held)."""
        self._release_lock()
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    # --------------------------------------------------------- errors and locks
    @contextlib.contextmanager
    def _errors(self, *, creating: bool = False) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise _translate(self.path, exc, creating=creating) from None

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the archive's writer lock (re-entrant); raise ArchiveBusyError after the timeout."""
        if self.readonly:
            raise ArchiveError(self.path, "archive is opened read-only; cannot write")
        if self._lock_depth == 0:
            self._acquire_lock()
        self._lock_depth += 1
        try:
            yield
        finally:
            self._lock_depth -= 1
            if self._lock_depth == 0:
                self._release_lock()

    def _acquire_lock(self) -> None:
        lock_path = self.path + ".lock"
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise ArchiveError(self.path, f"cannot write here: {exc.strerror}") from None
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    os.close(fd)
                    raise ArchiveError(self.path, f"cannot lock: {exc.strerror}") from None
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise ArchiveBusyError(
                        self.path,
                        f"archive is busy: another process is writing to it "
                        f"(waited {self.timeout:g} s)",
                    ) from None
                time.sleep(0.05)
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None
            self._lock_depth = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception.

        Inside an open transaction (see :meth:`begin`) it is a savepoint
        instead: the block is atomic, and rolled back alone if it fails.
        """
        if self._conn.in_transaction:
            with self._errors():
                self._conn.execute("SAVEPOINT unit")
            try:
                yield
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK TO unit")
                    self._conn.execute("RELEASE unit")
                if isinstance(exc, sqlite3.Error):
                    raise _translate(self.path, exc) from None
                raise
            with self._errors():
                self._conn.execute("RELEASE unit")
            return
        self.begin()
        try:
            yield
        except BaseException as exc:
            self.rollback()
            if isinstance(exc, sqlite3.Error):
                raise _translate(self.path, exc) from None
            raise
        self.commit()

    def begin(self) -> None:
        """Open a write transaction (``BEGIN IMMEDIATE``)."""
        with self._errors():
            self._conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        """Commit the open transaction, if any."""
        if self._conn.in_transaction:
            with self._errors():
                self._conn.execute("COMMIT")

    def rollback(self) -> None:
        """Roll back the open transaction, if any."""
        if self._conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction (re-entrant): every query inside sees one state of the archive."""
        if self._snapshot_depth:
            self._snapshot_depth += 1
            try:
                yield
            finally:
                self._snapshot_depth -= 1
            return
        with self._errors():
            self._conn.execute("BEGIN")
        self._snapshot_depth = 1
        try:
            yield
        finally:
            self._snapshot_depth = 0
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("COMMIT")

    @property
    def in_snapshot(self) -> bool:
        """Whether a :meth:`snapshot` is open."""
        return self._snapshot_depth > 0

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._errors():
            return self._conn.execute(sql, params).fetchall()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        with self._errors():
            row: tuple[Any, ...] | None = self._conn.execute(sql, params).fetchone()
            return row

    # ---------------------------------------------------------------- metadata
    def schema_version(self) -> int:
        """The schema version recorded in the file.

        >>> import tempfile, os
        >>> with tempfile.TemporaryDirectory() as d:
        ...     s = Store.open(os.path.join(d, "a.db")); v = s.schema_version(); s.close()
        >>> v == SCHEMA_VERSION
        True
        """
        row = self._one("PRAGMA user_version")
        return int(row[0]) if row else 0

    def meta(self) -> dict[str, str]:
        """The ``meta`` table as a dict (application, schema_version, created_at …)."""
        return dict(self._all("SELECT key, value FROM meta"))

    def integrity_check(self) -> str:
        """Run ``PRAGMA integrity_check``; ``"ok"`` when the file is sound."""
        rows = self._all("PRAGMA integrity_check")
        return "; ".join(str(r[0]) for r in rows)

    # --------------------------------------------------------------- documents
    def count_documents(self, *, current_only: bool = False) -> int:
        """How many texts are stored (all versions, or only the current ones)."""
        where = " WHERE current = 1" if current_only else ""
        row = self._one("SELECT count(*) FROM documents" + where)
        return int(row[0]) if row else 0

    def find_sha(self, sha256: str) -> tuple[int, str] | None:
        """``(id, doc_id)`` of the stored text with this content hash, if any."""
        row = self._one("SELECT id, doc_id FROM documents WHERE sha256 = ?", (sha256,))
        return (int(row[0]), str(row[1])) if row else None

    def latest_version(self, key: str) -> tuple[int, int] | None:
        """``(id, version)`` of the newest stored version for ``key`` (a URL or source)."""
        row = self._one(
            "SELECT id, version FROM documents WHERE key = ? ORDER BY version DESC LIMIT 1", (key,)
        )
        return (int(row[0]), int(row[1])) if row else None

    def insert_document(self, row: DocumentRow) -> int:
        """Insert one document row (inside a transaction); return its integer id."""
        row = dict(row, added_at=_now())
        cols = [c for c in row if c != "id"]
        with self._errors():
            cur = self._conn.execute(
                f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [row[c] for c in cols],
            )
        return int(cur.lastrowid or 0)

    def set_current(self, doc: int, current: bool) -> None:
        """Mark a stored text as the current version of its document, or not."""
        with self._errors():
            self._conn.execute("UPDATE documents SET current = ? WHERE id = ?", (int(current), doc))

    def add_series(self, doc: int, series: str) -> bool:
        """Put a document in a series; return whether it was not there already."""
        with self._errors():
            cur = self._conn.execute(
                "INSERT OR IGNORE INTO series_members (series, doc) VALUES (?, ?)", (series, doc)
            )
        return cur.rowcount > 0

    def document_rows(
        self,
        *,
        series: str | None = None,
        since: str | None = None,
        until: str | None = None,
        current_only: bool = True,
        with_text: bool = False,
        ids: Sequence[int] | None = None,
    ) -> list[DocumentRow]:
        """Stored documents ordered by date (undated last), then by insertion."""
        cols = ", ".join(f"d.{c}" for c in _DOC_COLUMNS + (("text",) if with_text else ()))
        sql = f"SELECT {cols} FROM documents d"
        where: list[str] = []
        params: list[Any] = []
        if series is not None:
            sql += " JOIN series_members s ON s.doc = d.id AND s.series = ?"
            params.append(series)
        if current_only:
            where.append("d.current = 1")
        if since is not None:
            where.append("d.date >= ?")
            params.append(since)
        if until is not None:
            where.append("d.date < ?")
            params.append(until)
        if ids is not None:
            where.append(f"d.id IN ({', '.join('?' * len(ids))})")
            params.extend(ids)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.date IS NULL, d.date, d.id"
        names = _DOC_COLUMNS + (("text",) if with_text else ())
        return [dict(zip(names, r, strict=True)) for r in self._all(sql, params)]

    def document_row(self, doc_id: str, *, with_text: bool = True) -> DocumentRow | None:
        """One stored text by its ``doc_id`` (a unique prefix of at least 6 characters works)."""
        names = _DOC_COLUMNS + (("text",) if with_text else ())
        cols = ", ".join(names)
        rows = self._all(f"SELECT {cols} FROM documents WHERE doc_id = ?", (doc_id,))
        if not rows and len(doc_id) >= 6:
            rows = self._all(
                f"SELECT {cols} FROM documents WHERE doc_id >= ? AND doc_id < ? LIMIT 2",
                (doc_id, doc_id + "\uffff"),
            )
            if len(rows) > 1:
                raise ArchiveError(self.path, f"document id prefix {doc_id!r} is ambiguous")
        return dict(zip(names, rows[0], strict=True)) if rows else None

    def texts(self, ids: Iterable[int]) -> dict[int, str]:
        """The text of each stored document id."""
        out: dict[int, str] = {}
        for chunk in _chunks(list(ids), 500):
            q = f"SELECT id, text FROM documents WHERE id IN ({', '.join('?' * len(chunk))})"
            out.update((int(i), str(t)) for i, t in self._all(q, chunk))
        return out

    def window_sources(self, ids: Iterable[int]) -> dict[int, tuple[str, bytes, bytes]]:
        """``{id: (text, packed token starts, packed normalised token starts)}``."""
        out: dict[int, tuple[str, bytes, bytes]] = {}
        for chunk in _chunks(list(ids), 500):
            q = (
                "SELECT id, text, token_starts, token_norm_starts FROM documents "
                f"WHERE id IN ({', '.join('?' * len(chunk))})"
            )
            out.update((int(i), (str(t), bytes(a), bytes(b))) for i, t, a, b in self._all(q, chunk))
        return out

    def positions_of(self, term_ids: Iterable[int], docs: set[int]) -> dict[int, list[bytes]]:
        """``{doc: [packed positions, ...]}`` of the given terms, for documents in ``docs``."""
        out: dict[int, list[bytes]] = {}
        for t in term_ids:
            for d, p in self._all("SELECT doc, positions FROM postings WHERE term = ?", (t,)):
                if d in docs:
                    out.setdefault(int(d), []).append(bytes(p))
        return out

    def token_starts(self, ids: Iterable[int]) -> dict[int, bytes]:
        """The packed token start offsets of each stored document id."""
        out: dict[int, bytes] = {}
        for chunk in _chunks(list(ids), 500):
            q = (
                "SELECT id, token_starts FROM documents "
                f"WHERE id IN ({', '.join('?' * len(chunk))})"
            )
            out.update((int(i), bytes(b)) for i, b in self._all(q, chunk))
        return out

    def versions_of(self, key: str) -> list[DocumentRow]:
        """Every stored version for a key, oldest first."""
        cols = ", ".join(_DOC_COLUMNS)
        rows = self._all(f"SELECT {cols} FROM documents WHERE key = ? ORDER BY version", (key,))
        return [dict(zip(_DOC_COLUMNS, r, strict=True)) for r in rows]

    def series_of(self, doc: int) -> list[str]:
        """The series a stored document belongs to."""
        return [
            str(r[0])
            for r in self._all(
                "SELECT series FROM series_members WHERE doc = ? ORDER BY series", (doc,)
            )
        ]

    def series_names(self) -> list[tuple[str, int]]:
        """Every series with its number of current documents."""
        return [
            (str(s), int(n))
            for s, n in self._all(
                "SELECT s.series, count(*) FROM series_members s JOIN documents d "
                "ON d.id = s.doc AND d.current = 1 GROUP BY s.series ORDER BY s.series"
            )
        ]

    def delete_document(self, doc: int) -> None:
        """Delete one stored text with its records, postings and memberships (in a transaction)."""
        row = self._one("SELECT terms FROM documents WHERE id = ?", (doc,))
        if row is None:
            return
        term_ids = list(unpack(bytes(row[0])))
        with self._errors():
            self._conn.executemany(
                "DELETE FROM postings WHERE term = ? AND doc = ?", [(t, doc) for t in term_ids]
            )
            self._conn.executemany(
                "UPDATE terms SET df = df - 1 WHERE id = ?", [(t,) for t in term_ids]
            )
            self._conn.execute("DELETE FROM records WHERE doc = ?", (doc,))
            self._conn.execute("DELETE FROM series_members WHERE doc = ?", (doc,))
            self._conn.execute("DELETE FROM documents WHERE id = ?", (doc,))

    # ----------------------------------------------------------------- records
    def insert_records(self, doc: int, rows: Iterable[tuple[str, int, int, int, Any]]) -> None:
        """Insert ``(kind, start, end, paragraph, speaker)`` rows for a document."""
        with self._errors():
            self._conn.executemany(
                "INSERT OR IGNORE INTO records (doc, kind, start, end, paragraph, "
                "speaker) VALUES (?, ?, ?, ?, ?, ?)",
                [(doc, *r) for r in rows],
            )

    def record_rows(self, doc: int, kind: str | None = None) -> list[tuple[Any, ...]]:
        """``(kind, start, end, paragraph, speaker)`` of a document, in text order."""
        sql = "SELECT kind, start, end, paragraph, speaker FROM records WHERE doc = ?"
        params: list[Any] = [doc]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        rows = self._all(sql, params)
        rows.sort(key=lambda r: (r[1], -r[2]))
        return [tuple(r) for r in rows]

    def spans(self, docs: Iterable[int], kind: str) -> dict[int, list[tuple[int, int]]]:
        """``{doc: [(start, end), ...]}`` of the records of one kind, sorted by start."""
        out: dict[int, list[tuple[int, int]]] = {}
        for chunk in _chunks(list(docs), 500):
            q = (
                "SELECT doc, start, end FROM records WHERE kind = ? "
                f"AND doc IN ({', '.join('?' * len(chunk))}) ORDER BY doc, start"
            )
            for d, s, e in self._all(q, [kind, *chunk]):
                out.setdefault(int(d), []).append((int(s), int(e)))
        return out

    # ------------------------------------------------------------------- index
    def term_ids(
        self, terms: Sequence[str], *, key: Callable[[str], str] | None = None
    ) -> dict[str, int]:
        """Map terms to their ids; with ``key``, create missing ones (``df`` 0, key ``key(t)``)."""
        out: dict[str, int] = {}
        for chunk in _chunks(list(terms), 900):
            q = f"SELECT term, id FROM terms WHERE term IN ({', '.join('?' * len(chunk))})"
            out.update((str(t), int(i)) for t, i in self._all(q, chunk))
        if key is not None:
            missing = [t for t in terms if t not in out]
            if missing:
                with self._errors():
                    self._conn.executemany(
                        "INSERT INTO terms (term, key, df) VALUES (?, ?, 0)",
                        [(t, key(t)) for t in missing],
                    )
                for chunk in _chunks(missing, 900):
                    q = f"SELECT term, id FROM terms WHERE term IN ({', '.join('?' * len(chunk))})"
                    out.update((str(t), int(i)) for t, i in self._all(q, chunk))
        return out

    def insert_postings(self, doc: int, postings: Sequence[tuple[int, bytes]]) -> None:
        """Insert ``(term_id, packed positions)`` for a document and bump document frequencies."""
        with self._errors():
            self._conn.executemany(
                "INSERT INTO postings (term, doc, positions) VALUES (?, ?, ?)",
                [(t, doc, p) for t, p in postings],
            )
            self._conn.executemany(
                "UPDATE terms SET df = df + 1 WHERE id = ?", [(t,) for t, _ in postings]
            )

    def term_stats(self, terms: Sequence[str]) -> dict[str, tuple[int, int]]:
        """``{term: (id, document frequency)}`` for the terms the index knows."""
        out: dict[str, tuple[int, int]] = {}
        for chunk in _chunks(list(dict.fromkeys(terms)), 900):
            q = f"SELECT term, id, df FROM terms WHERE term IN ({', '.join('?' * len(chunk))})"
            out.update((str(t), (int(i), int(f))) for t, i, f in self._all(q, chunk))
        return out

    def term_ids_by_key(self, keys: Iterable[str]) -> dict[str, list[int]]:
        """``{key: [term id, ...]}``: the stored terms that fold to each key."""
        out: dict[str, list[int]] = {}
        for chunk in _chunks(list(dict.fromkeys(keys)), 900):
            q = f"SELECT key, id FROM terms WHERE key IN ({', '.join('?' * len(chunk))})"
            for k, i in self._all(q, chunk):
                out.setdefault(str(k), []).append(int(i))
        return out

    def docs_with_terms(self, term_ids: Iterable[int]) -> set[int]:
        """Ids of the stored texts that contain any of the terms."""
        out: set[int] = set()
        for t in term_ids:
            out.update(
                int(r[0]) for r in self._all("SELECT doc FROM postings WHERE term = ?", (t,))
            )
        return out

    def rekey_terms(self, key: Callable[[str], str], rules: str) -> int:
        """Recompute every term's key when the folding ``rules`` fingerprint changed.

        Returns how many keys changed (0 when the fingerprint was current).
        """
        if self.meta().get("term_key_rules") == rules:
            return 0
        if self.readonly:
            raise ArchiveError(
                self.path,
                "the word-folding rules changed since this archive was indexed; "
                "open it writable once to re-key its terms",
            )
        changed = 0
        with self.writing(), self.transaction():
            rows = self._all("SELECT id, term, key FROM terms")
            updates = [(k, i) for i, t, old in rows if (k := key(t)) != old]
            with self._errors():
                self._conn.executemany("UPDATE terms SET key = ? WHERE id = ?", updates)
                self._conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('term_key_rules', ?)",
                    (rules,),
                )
            changed = len(updates)
        return changed

    def term_stats_by_id(self, ids: Iterable[int]) -> dict[int, tuple[str, int]]:
        """``{id: (term, document frequency)}``."""
        out: dict[int, tuple[str, int]] = {}
        for chunk in _chunks(list(ids), 900):
            q = f"SELECT id, term, df FROM terms WHERE id IN ({', '.join('?' * len(chunk))})"
            out.update((int(i), (str(t), int(f))) for i, t, f in self._all(q, chunk))
        return out

    def postings(self, term_id: int) -> list[tuple[int, bytes]]:
        """``[(doc, packed positions), ...]`` of one term (every stored text)."""
        return [
            (int(d), bytes(p))
            for d, p in self._all("SELECT doc, positions FROM postings WHERE term = ?", (term_id,))
        ]

    def current_ids(self, series: str | None = None) -> set[int]:
        """Integer ids of the current documents (of a series)."""
        if series is None:
            rows = self._all("SELECT id FROM documents WHERE current = 1")
        else:
            rows = self._all(
                "SELECT d.id FROM documents d JOIN series_members s ON s.doc = d.id "
                "WHERE s.series = ? AND d.current = 1",
                (series,),
            )
        return {int(r[0]) for r in rows}

    # -------------------------------------------------------------- watchlists
    def put_watchlist(self, name: str, text: str) -> None:
        """Store (or replace) a watchlist's source text under a name."""
        with self.writing(), self.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO watchlists (name, text, added_at) VALUES (?, ?, ?)",
                (name, text, _now()),
            )

    def get_watchlist(self, name: str) -> str | None:
        """The source text of a stored watchlist, or ``None``."""
        row = self._one("SELECT text FROM watchlists WHERE name = ?", (name,))
        return str(row[0]) if row else None

    def watchlist_names(self) -> list[str]:
        """Names of the stored watchlists."""
        return [str(r[0]) for r in self._all("SELECT name FROM watchlists ORDER BY name")]

    def document_parts(self) -> Iterator[tuple[str, str, str, int, int, int]]:
        """Per stored text: ``(doc_id, sha256, text, terms expected, postings, records)``."""
        rows = self._all("SELECT id, doc_id, sha256, text, terms FROM documents ORDER BY id")
        for did, doc_id, sha, text, terms in rows:
            n_post = self._one("SELECT count(*) FROM postings WHERE doc = ?", (did,))
            n_rec = self._one("SELECT count(*) FROM records WHERE doc = ?", (did,))
            yield (
                str(doc_id),
                str(sha),
                str(text),
                len(unpack(bytes(terms))),
                int(n_post[0]) if n_post else 0,
                int(n_rec[0]) if n_rec else 0,
            )

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (keeps ``-wal`` small after a large add)."""
        with contextlib.suppress(ArchiveError), self._errors():
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def file_size(self) -> int:
        """Bytes on disk: the main file plus its WAL."""
        total = 0
        for suffix in ("", "-wal"):
            with contextlib.suppress(OSError):
                total += os.path.getsize(self.path + suffix)
        return total


# ------------------------------------------------------------------- helpers
def _chunks(items: list[Any], n: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _quote_uri(path: str) -> str:
    return path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def _check_header(path: str) -> None:
    """Reject files that cannot be an archive before SQLite sees them."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
        size = os.path.getsize(path)
    except IsADirectoryError:
        raise NotAnArchiveError(path, "is a directory, not an archive") from None
    except OSError as exc:
        raise ArchiveError(path, f"cannot read: {exc.strerror}") from None
    if size == 0:
        raise NotAnArchiveError(path, "empty file, not a statement-tracker archive")
    if not head.startswith(_SQLITE_MAGIC):
        raise NotAnArchiveError(path, "not a statement-tracker archive (not an SQLite file)")
    if len(head) < 100:
        raise NotAnArchiveError(path, "truncated archive (incomplete file header)")
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, pages = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    wal = path + "-wal"
    wal_size = os.path.getsize(wal) if os.path.exists(wal) else 0
    if valid_for == change_counter and pages and size < pages * page_size and wal_size == 0:
        raise NotAnArchiveError(
            path,
            f"truncated archive: {size} bytes where the header promises {pages * page_size}",
        )


_BUSY_WORDS = ("database is locked", "database is busy", "database table is locked")


def _translate(path: str, exc: sqlite3.Error, *, creating: bool = False) -> ArchiveError:
    msg = str(exc)
    low = msg.lower()
    if any(w in low for w in _BUSY_WORDS):
        return ArchiveBusyError(path, "archive is busy: another process holds it (timed out)")
    if "readonly" in low or "read-only" in low:
        return ArchiveError(path, "archive is read-only here (cannot write)")
    if "file is not a database" in low or "file is encrypted" in low:
        return NotAnArchiveError(path, "not a statement-tracker archive (not an SQLite file)")
    if "malformed" in low or "disk image" in low:
        return NotAnArchiveError(path, f"truncated or damaged archive ({msg})")
    if "unable to open" in low:
        what = "cannot create archive here" if creating else "cannot open archive"
        return ArchiveError(path, f"{what} (read-only or missing location?)")
    if "disk is full" in low or "database or disk is full" in low:
        return ArchiveError(path, "disk is full; nothing was half-written")
    if isinstance(exc, sqlite3.IntegrityError):
        return ArchiveError(path, f"integrity constraint failed: {msg}")
    return ArchiveError(path, f"SQLite error: {msg}")

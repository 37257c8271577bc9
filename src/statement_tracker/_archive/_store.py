"""The SQLite boundary: opening, identity, migrations, locks, transactions, errors.

This is the only module that imports :mod:`sqlite3`.  :class:`Store` owns the
connection and turns every SQLite failure into the
:class:`~statement_tracker.ArchiveError` tree; the queries themselves live in
:class:`~statement_tracker._archive._tables.Tables` and the file format (identity,
schema version, migration steps) in :mod:`._schema`.  It speaks plain Python
values (``dict`` rows, ``bytes``, ``int``) to :mod:`statement_tracker._archive._archive`,
which owns the records and the workflow.

Opening
    An existing file is checked before SQLite reads it (magic, length against
    the header), then for the application id and the ``meta`` record.  An
    older schema is migrated in one transaction; a newer one raises
    :class:`SchemaVersionError`.

Concurrency
    The journal is in WAL mode: readers never block the writer nor each other.
    A writer holds an advisory lock on ``<archive>.lock`` for the whole of one
    ``add``/``remove`` call (the kernel drops it if the process dies), so a
    second writer waits ``timeout`` seconds and then gets
    :class:`ArchiveBusyError` instead of interleaving with the first.  Inside a
    long write, :meth:`Store.transaction` nests as a savepoint, so each
    document is atomic: a process killed mid-corpus leaves only whole documents.

>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     store = Store.open(os.path.join(d, "a.db"))
...     print(store.schema_version() == SCHEMA_VERSION, store.count_documents())
...     store.close()
True 0
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .._errors import ArchiveBusyError, ArchiveError, NotAnArchiveError, SchemaVersionError
from . import _schema
from ._schema import APPLICATION_ID, APPLICATION_NAME, MIGRATIONS, SCHEMA_VERSION, check_header
from ._tables import DocumentRow, Tables, now

__all__ = [
    "APPLICATION_ID",
    "APPLICATION_NAME",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "DocumentRow",
    "Store",
    "archive_uri",
]


class Store(Tables):
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
            check_header(p)
        elif not os.path.isdir(os.path.dirname(os.path.abspath(p))):
            raise ArchiveError(p, "cannot create archive: the directory does not exist")
        uri = archive_uri(p, readonly=readonly)
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
        if version < _schema.SCHEMA_VERSION:
            self._migrate(version)

    def _check_identity(self, version: int, app_id: int, tables: set[str]) -> None:
        if app_id != _schema.APPLICATION_ID or "meta" not in tables:
            raise NotAnArchiveError(
                self.path, "an SQLite database, but not a statement-tracker archive"
            )
        with self._errors():
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        if row is None or row[0] != _schema.APPLICATION_NAME:
            raise NotAnArchiveError(self.path, "not a statement-tracker archive (no meta record)")
        if version > _schema.SCHEMA_VERSION:
            raise SchemaVersionError(
                self.path,
                f"archive schema version {version} is newer than this statement-tracker "
                f"understands ({_schema.SCHEMA_VERSION}); upgrade statement-tracker to open it",
            )

    def _migrate(self, version: int) -> None:
        """Apply migration steps ``version+1 .. _schema.SCHEMA_VERSION`` in one transaction."""
        if self.readonly:
            raise SchemaVersionError(
                self.path,
                f"archive schema version {version} needs upgrading to {_schema.SCHEMA_VERSION}, "
                "which a read-only open cannot do",
            )
        with self.writing(), self.transaction():
            current = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if current >= _schema.SCHEMA_VERSION:  # another process migrated while we waited
                return
            for step in _schema.MIGRATIONS[current:]:
                for sql in step:
                    self._conn.execute(sql)
            self._conn.execute(f"PRAGMA application_id = {_schema.APPLICATION_ID}")
            self._conn.execute(f"PRAGMA user_version = {_schema.SCHEMA_VERSION}")
            self._conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [
                    ("application", _schema.APPLICATION_NAME),
                    ("schema_version", str(_schema.SCHEMA_VERSION)),
                    ("migrated_at", now()),
                ],
            )
            self._conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)", (now(),)
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
        except UnicodeDecodeError as exc:  # a text column holding bytes that are not UTF-8
            detail = f"damaged archive: text that is not UTF-8 ({exc.reason})"
            raise NotAnArchiveError(self.path, detail) from None

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

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> tuple[int, int]:
        with self._errors():
            cur = self._conn.execute(sql, params)
            return int(cur.lastrowid or 0), int(cur.rowcount)

    def _exec_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._errors():
            self._conn.executemany(sql, rows)

    # ---------------------------------------------------------------- metadata
    def schema_version(self) -> int:
        """The schema version recorded in the file.

        >>> import tempfile, os
        >>> with tempfile.TemporaryDirectory() as d:
        ...     s = Store.open(os.path.join(d, "a.db")); v = s.schema_version(); s.close()
        >>> v == _schema.SCHEMA_VERSION
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

    def set_meta(self, key: str, value: str) -> None:
        """Record ``key = value`` in the ``meta`` table (inside the caller's transaction)."""
        self._exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -------------------------------------------------------------- watchlists
    def put_watchlist(self, name: str, text: str) -> None:
        """Store (or replace) a watchlist's source text under a name."""
        with self.writing(), self.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO watchlists (name, text, added_at) VALUES (?, ?, ?)",
                (name, text, now()),
            )

    def get_watchlist(self, name: str) -> str | None:
        """The source text of a stored watchlist, or ``None``."""
        row = self._one("SELECT text FROM watchlists WHERE name = ?", (name,))
        return str(row[0]) if row else None

    def watchlist_names(self) -> list[str]:
        """Names of the stored watchlists."""
        return [str(r[0]) for r in self._all("SELECT name FROM watchlists ORDER BY name")]

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


def archive_uri(path: str, *, readonly: bool) -> str:
    """The SQLite URI to open ``path`` with.

    Read-only opens use ``mode=ro``; where the directory cannot be written
    (read-only storage) also ``immutable=1``, since SQLite could not create the
    WAL index file there and would refuse to open the archive at all.
    """
    full = os.path.abspath(path)
    uri = "file:" + _quote_uri(full)
    if not readonly:
        return uri
    if not os.access(os.path.dirname(full), os.W_OK):
        return uri + "?mode=ro&immutable=1"
    return uri + "?mode=ro"


def _quote_uri(path: str) -> str:
    return path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")


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
    if "could not decode to utf-8" in low:
        return NotAnArchiveError(path, "damaged archive: text that is not UTF-8")
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

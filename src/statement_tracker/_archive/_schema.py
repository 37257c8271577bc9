"""The archive's file format: identity, schema version, migration steps, header check.

An archive is a SQLite database whose ``PRAGMA application_id`` is
:data:`APPLICATION_ID` and whose ``meta`` table holds ``application =
statement-tracker``.  ``PRAGMA user_version`` is the schema version;
:data:`MIGRATIONS` lists the steps from an empty file to :data:`SCHEMA_VERSION`
(step ``i`` produces version ``i``).  Never edit a released step: append one.

This module holds SQL text and reads file headers; it does not import
:mod:`sqlite3` (see :mod:`._store`).

>>> SCHEMA_VERSION == len(MIGRATIONS)
True
"""

from __future__ import annotations

import os
import struct

from .._errors import ArchiveError, NotAnArchiveError

__all__ = ["APPLICATION_ID", "APPLICATION_NAME", "MIGRATIONS", "SCHEMA_VERSION", "check_header"]

_SQLITE_MAGIC = b"SQLite format 3\x00"

#: ``PRAGMA application_id`` of every archive: ``"StTr"`` as a 32-bit integer.
APPLICATION_ID = 0x53745472
APPLICATION_NAME = "statement-tracker"

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
    (
        # The normalised text and its map back to the original (``_postings.pack_norm``),
        # so that tracking does not normalise stored documents again.  NULL in rows
        # written before version 2 (they are normalised when read) until ``reindex``.
        "ALTER TABLE documents ADD COLUMN norm BLOB",
    ),
)

#: The schema version this code writes and reads.
SCHEMA_VERSION = len(MIGRATIONS)


def check_header(path: str) -> None:
    """Reject files that cannot be an archive before SQLite sees them.

    Checks the SQLite magic and that the file is as long as its header says
    (unless a write-ahead log holds the rest).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "x.db")
    >>> _ = open(p, "w").write("hello")
    >>> check_header(p)
    Traceback (most recent call last):
    statement_tracker._errors.NotAnArchiveError: ...: not ... (not an SQLite file)
    """
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

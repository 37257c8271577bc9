"""Tests for the SQLite boundary (_store.py): file format, migrations, errors, locking.

The tests run as root, and root ignores permission bits, so a "read-only
location" is simulated two ways: SQLite's ``mode=ro`` open (``readonly=True``)
and a path under ``/proc``, where nobody can create files.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from statement_tracker._archive import _schema, _store
from statement_tracker._archive._store import APPLICATION_ID, SCHEMA_VERSION, Store, archive_uri
from statement_tracker._errors import (
    ArchiveBusyError,
    ArchiveError,
    NotAnArchiveError,
    SchemaVersionError,
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A fresh archive file, closed."""
    path = tmp_path / "a.db"
    Store.open(path).close()
    return path


def _fill(path: Path, n: int = 50) -> None:
    """Put ``n`` small rows in an archive so that it spans several pages."""
    store = Store.open(path)
    with store.writing():
        for i in range(n):
            with store.transaction():
                store.insert_document(
                    {
                        "doc_id": f"d{i:015d}",
                        "sha256": f"{i:064x}",
                        "key": f"k{i}",
                        "version": 1,
                        "current": 1,
                        "source": f"s{i}",
                        "language": "en",
                        "text": "x" * 3000,
                        "token_starts": b"",
                        "token_norm_starts": b"",
                        "terms": b"",
                    }
                )
    store.close()


def test_new_archive_records_version_and_identity(db: Path) -> None:
    """A new file carries the schema version, the application id and a meta record."""
    conn = sqlite3.connect(db)
    assert SCHEMA_VERSION == conn.execute("PRAGMA user_version").fetchone()[0]
    assert APPLICATION_ID == conn.execute("PRAGMA application_id").fetchone()[0]
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    conn.close()
    assert "statement-tracker" == meta["application"]
    assert str(SCHEMA_VERSION) == meta["schema_version"]


def test_new_archive_is_in_wal_mode(db: Path) -> None:
    """Archives use the write-ahead log, so readers and a writer do not block each other."""
    conn = sqlite3.connect(db)
    assert "wal" == conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()


def test_random_bytes_are_not_an_archive(tmp_path: Path) -> None:
    """A file that is not SQLite raises NotAnArchiveError with a one-line message."""
    path = tmp_path / "notes.db"
    path.write_bytes(b"\x00\x01hello, not a database\n" * 100)
    with pytest.raises(NotAnArchiveError) as info:
        Store.open(path)
    assert "\n" not in str(info.value)
    assert str(path) in str(info.value)


def test_empty_file_is_not_an_archive(tmp_path: Path) -> None:
    """An empty existing file is refused rather than silently turned into an archive."""
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(NotAnArchiveError):
        Store.open(path)
    assert 0 == path.stat().st_size


def test_foreign_sqlite_file_is_not_an_archive(tmp_path: Path) -> None:
    """An SQLite database written by another program is recognised as not ours."""
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAnArchiveError, match="not a statement-tracker archive"):
        Store.open(path)


def test_truncated_archive_is_detected(db: Path) -> None:
    """An archive cut short (a partial copy) raises NotAnArchiveError, not a crash later."""
    _fill(db)
    Store.open(db).close()  # the last close checkpoints the WAL into the main file
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    with pytest.raises(NotAnArchiveError, match="truncated"):
        Store.open(db)


def test_header_only_fragment_is_truncated(db: Path) -> None:
    """A file holding only part of the 100-byte header is reported as truncated."""
    db.write_bytes(db.read_bytes()[:40])
    with pytest.raises(NotAnArchiveError, match="truncated"):
        Store.open(db)


def test_newer_schema_version_is_refused(db: Path) -> None:
    """A file written by a newer version raises SchemaVersionError naming both versions."""
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaVersionError) as info:
        Store.open(db)
    assert f"{SCHEMA_VERSION + 1}" in str(info.value)
    assert "upgrade statement-tracker" in str(info.value)


def test_migration_steps_upgrade_an_older_file(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a file of an older schema applies the missing steps and keeps the data."""
    _fill(db, 3)
    step = ("CREATE TABLE notes (doc INTEGER, note TEXT)",)
    monkeypatch.setattr(_schema, "MIGRATIONS", (*_schema.MIGRATIONS, step))
    monkeypatch.setattr(_schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    store = Store.open(db)
    assert SCHEMA_VERSION + 1 == store.schema_version()
    assert 3 == store.count_documents()
    store.close()
    conn = sqlite3.connect(db)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
    conn.close()
    assert "notes" in names


def test_missing_archive_without_create(tmp_path: Path) -> None:
    """Opening a missing file with create=False raises ArchiveError and creates nothing."""
    path = tmp_path / "missing.db"
    with pytest.raises(ArchiveError, match="no archive here"):
        Store.open(path, create=False)
    assert not path.exists()


def test_unwritable_location(tmp_path: Path) -> None:
    """Creating an archive where no file can be created (under /proc) raises ArchiveError."""
    with pytest.raises(ArchiveError) as info:
        Store.open("/proc/statement-tracker.db")
    assert "\n" not in str(info.value)


def test_readonly_open_reads_but_refuses_writes(db: Path) -> None:
    """With mode=ro the archive is readable and a write raises ArchiveError."""
    _fill(db, 2)
    store = Store.open(db, readonly=True)
    assert 2 == store.count_documents()
    with pytest.raises(ArchiveError, match="read-only"):
        with store.writing():
            pass
    store.close()


def test_readonly_sqlite_error_is_translated(db: Path) -> None:
    """A write that reaches SQLite on a read-only connection becomes ArchiveError."""
    store = Store.open(db, readonly=True)
    with pytest.raises(ArchiveError, match="read-only"), store.transaction():
        store.add_series(1, "x")
    store.close()


def test_second_writer_gets_busy_error(db: Path) -> None:
    """While one writer holds the archive, another waits its timeout then gets ArchiveBusyError."""
    first = Store.open(db)
    second = Store.open(db, timeout=0.3)
    with first.writing():
        started = time.monotonic()
        with pytest.raises(ArchiveBusyError, match="archive is busy"):
            with second.writing():
                pass
        assert 0.25 <= time.monotonic() - started < 3
    with second.writing():  # free again once the first writer is done
        pass
    first.close()
    second.close()


def test_reader_sees_committed_state_while_writer_is_mid_transaction(db: Path) -> None:
    """A reader is neither blocked nor shown half a transaction while a writer writes."""
    _fill(db, 2)
    writer = Store.open(db)
    reader = Store.open(db, timeout=0.2)
    seen: list[int] = []
    with writer.writing(), writer.transaction():
        writer.add_series(1, "s")
        writer.set_current(1, False)
        t = threading.Thread(target=lambda: seen.append(reader.count_documents(current_only=True)))
        t.start()
        t.join()
    assert [2] == seen
    assert 1 == reader.count_documents(current_only=True)
    writer.close()
    reader.close()


def test_failed_transaction_rolls_back(db: Path) -> None:
    """An exception inside a transaction leaves the archive as it was."""
    _fill(db, 1)
    store = Store.open(db)
    with pytest.raises(RuntimeError), store.writing(), store.transaction():
        store.set_current(1, False)
        raise RuntimeError("boom")
    assert 1 == store.count_documents(current_only=True)
    store.close()


def test_integrity_check_ok(db: Path) -> None:
    """A freshly written archive passes PRAGMA integrity_check."""
    _fill(db, 5)
    store = Store.open(db)
    assert "ok" == store.integrity_check()
    store.close()


def _version_1_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int) -> Path:
    """An archive written at schema version 1 (before ``documents.norm``), ``n`` rows."""
    db = tmp_path / "old.db"
    with monkeypatch.context() as mp:
        mp.setattr(_schema, "MIGRATIONS", _schema.MIGRATIONS[:1])
        mp.setattr(_schema, "SCHEMA_VERSION", 1)
        _fill(db, n)
    return db


def test_version_1_file_gains_norm_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A schema-1 file (no stored normalisation) is upgraded on a read-write open."""
    db = _version_1_file(tmp_path, monkeypatch, 2)
    store = Store.open(db)
    assert SCHEMA_VERSION == store.schema_version()
    assert 2 == store.count_documents()
    store.close()
    conn = sqlite3.connect(db)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
    conn.close()
    assert "norm" in columns


def test_version_1_file_refused_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only open of a schema-1 file says it needs upgrading instead of reading it."""
    db = _version_1_file(tmp_path, monkeypatch, 1)
    with pytest.raises(SchemaVersionError, match="needs upgrading"):
        Store.open(db, readonly=True)


def test_readonly_uri_uses_mode_ro(tmp_path: Path) -> None:
    """A read-only open asks SQLite for mode=ro; a writable one does not."""
    path = str(tmp_path / "a.db")
    assert (True, False) == (
        archive_uri(path, readonly=True).endswith("?mode=ro"),
        "mode=ro" in archive_uri(path, readonly=False),
    )


def test_readonly_uri_in_readonly_directory_is_immutable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the directory cannot be written, a read-only open adds immutable=1."""
    monkeypatch.setattr(_store.os, "access", lambda path, mode: False)
    assert archive_uri(str(tmp_path / "a.db"), readonly=True).endswith("?mode=ro&immutable=1")


def test_readonly_open_reads_a_readonly_file_in_a_readonly_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 0o444 archive in a 0o555 directory opens read-only and is readable."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "a.db"
    Store.open(path).close()
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):  # root: permissions are not enforced, simulate them
            monkeypatch.setattr(_store.os, "access", lambda p, mode: False)
        store = Store.open(path, create=False, readonly=True)
        try:
            assert SCHEMA_VERSION == store.schema_version()
        finally:
            store.close()
    finally:
        folder.chmod(0o755)

"""The archive's tables as plain-Python queries (documents, series, records, index).

:class:`Tables` holds every query of the archive that is not about the file
itself; :class:`~statement_tracker._archive._store.Store` supplies the connection (the
only place that imports :mod:`sqlite3`) and translates SQLite errors.  Rows
come back as tuples, dicts, ``bytes`` and ``int``.
"""

from __future__ import annotations

import abc
import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from .._errors import ArchiveError
from ._postings import unpack

__all__ = ["DOC_COLUMNS", "DocumentRow", "Tables", "chunks", "now"]

#: A stored document as a plain dict (the columns of the ``documents`` table).
DocumentRow = dict[str, Any]

#: The metadata columns of ``documents`` (everything but the text and index blobs).
DOC_COLUMNS = (
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


def now() -> str:
    """The current UTC time, ISO 8601 to the second.

    >>> len(now())
    25
    """
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def chunks(items: list[Any], n: int) -> Iterator[list[Any]]:
    """Successive slices of ``items`` of at most ``n`` (SQLite limits bound parameters).

    >>> list(chunks([1, 2, 3], 2))
    [[1, 2], [3]]
    """
    for i in range(0, len(items), n):
        yield items[i : i + n]


class Tables(abc.ABC):
    """The archive's queries; a subclass provides the connection.

    Subclasses implement :meth:`_all`, :meth:`_one`, :meth:`_exec`,
    :meth:`_exec_many` and :meth:`_errors` (see
    :class:`~statement_tracker._archive._store.Store`).
    """

    path: str

    @abc.abstractmethod
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a query; return every row."""

    @abc.abstractmethod
    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """Run a query; return its first row or ``None``."""

    @abc.abstractmethod
    def _exec(self, sql: str, params: Sequence[Any] = ()) -> tuple[int, int]:
        """Run a statement; return ``(last row id, rows changed)``."""

    @abc.abstractmethod
    def _exec_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run a statement once per row."""

    @abc.abstractmethod
    def _errors(self) -> AbstractContextManager[None]:
        """A context that turns database errors into ArchiveError."""

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
        row = dict(row, added_at=now())
        cols = [c for c in row if c != "id"]
        rowid, _ = self._exec(
            f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
        return rowid

    def set_current(self, doc: int, current: bool) -> None:
        """Mark a stored text as the current version of its document, or not."""
        self._exec("UPDATE documents SET current = ? WHERE id = ?", (int(current), doc))

    def add_series(self, doc: int, series: str) -> bool:
        """Put a document in a series; return whether it was not there already."""
        _, changed = self._exec(
            "INSERT OR IGNORE INTO series_members (series, doc) VALUES (?, ?)", (series, doc)
        )
        return changed > 0

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
        cols = ", ".join(f"d.{c}" for c in DOC_COLUMNS + (("text",) if with_text else ()))
        if not with_text:
            cols += ", length(d.text)"  # the length without reading the text into Python
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
        names = DOC_COLUMNS + (("text",) if with_text else ("chars",))
        return [dict(zip(names, r, strict=True)) for r in self._all(sql, params)]

    def document_row(self, doc_id: str, *, with_text: bool = True) -> DocumentRow | None:
        """One stored text by its ``doc_id`` (a unique prefix of at least 6 characters works)."""
        names = DOC_COLUMNS + (("text",) if with_text else ("chars",))
        cols = ", ".join(DOC_COLUMNS + (("text",) if with_text else ("length(text)",)))
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
        for chunk in chunks(list(ids), 500):
            q = f"SELECT id, text FROM documents WHERE id IN ({', '.join('?' * len(chunk))})"
            out.update((int(i), str(t)) for i, t in self._all(q, chunk))
        return out

    def track_sources(self, ids: Iterable[int]) -> dict[int, tuple[str, bytes, bytes, bytes]]:
        """``{id: (text, token starts, normalised token starts, packed normalisation)}``.

        The blobs are empty when not stored (``norm`` in rows older than schema 2).
        """
        out: dict[int, tuple[str, bytes, bytes, bytes]] = {}
        for chunk in chunks(list(ids), 500):
            q = (
                "SELECT id, text, token_starts, token_norm_starts, norm FROM documents "
                f"WHERE id IN ({', '.join('?' * len(chunk))})"
            )
            out.update(
                (int(i), (str(t), bytes(a), bytes(b), bytes(n or b"")))
                for i, t, a, b, n in self._all(q, chunk)
            )
        return out

    def positions_of(self, term_ids: Iterable[int], docs: set[int]) -> dict[int, list[bytes]]:
        """``{doc: [packed positions, ...]}`` of the given terms, for documents in ``docs``."""
        out: dict[int, list[bytes]] = {}
        wanted = sorted(docs)
        for t in term_ids:
            if len(wanted) > 200:  # most of the term's rows: one range scan, filtered here
                rows = self._all("SELECT doc, positions FROM postings WHERE term = ?", (t,))
                rows = [r for r in rows if r[0] in docs]
            else:
                rows = []
                for chunk in chunks(wanted, 500):
                    q = (
                        "SELECT doc, positions FROM postings WHERE term = ? "
                        f"AND doc IN ({', '.join('?' * len(chunk))})"
                    )
                    rows.extend(self._all(q, [t, *chunk]))
            for d, p in rows:
                out.setdefault(int(d), []).append(bytes(p))
        return out

    def token_starts(self, ids: Iterable[int]) -> dict[int, bytes]:
        """The packed token start offsets of each stored document id."""
        out: dict[int, bytes] = {}
        for chunk in chunks(list(ids), 500):
            q = (
                "SELECT id, token_starts FROM documents "
                f"WHERE id IN ({', '.join('?' * len(chunk))})"
            )
            out.update((int(i), bytes(b)) for i, b in self._all(q, chunk))
        return out

    def versions_of(self, key: str) -> list[DocumentRow]:
        """Every stored version for a key, oldest first."""
        cols = ", ".join(DOC_COLUMNS)
        rows = self._all(f"SELECT {cols} FROM documents WHERE key = ? ORDER BY version", (key,))
        return [dict(zip(DOC_COLUMNS, r, strict=True)) for r in rows]

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
            self._exec_many(
                "DELETE FROM postings WHERE term = ? AND doc = ?", [(t, doc) for t in term_ids]
            )
            self._exec_many("UPDATE terms SET df = df - 1 WHERE id = ?", [(t,) for t in term_ids])
            self._exec("DELETE FROM records WHERE doc = ?", (doc,))
            self._exec("DELETE FROM series_members WHERE doc = ?", (doc,))
            self._exec("DELETE FROM documents WHERE id = ?", (doc,))

    # ----------------------------------------------------------------- records
    def insert_records(self, doc: int, rows: Iterable[tuple[str, int, int, int, Any]]) -> None:
        """Insert ``(kind, start, end, paragraph, speaker)`` rows for a document."""
        with self._errors():
            self._exec_many(
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
        for chunk in chunks(list(docs), 500):
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
        for chunk in chunks(list(terms), 900):
            q = f"SELECT term, id FROM terms WHERE term IN ({', '.join('?' * len(chunk))})"
            out.update((str(t), int(i)) for t, i in self._all(q, chunk))
        if key is not None:
            missing = [t for t in terms if t not in out]
            if missing:
                with self._errors():
                    self._exec_many(
                        "INSERT INTO terms (term, key, df) VALUES (?, ?, 0)",
                        [(t, key(t)) for t in missing],
                    )
                for chunk in chunks(missing, 900):
                    q = f"SELECT term, id FROM terms WHERE term IN ({', '.join('?' * len(chunk))})"
                    out.update((str(t), int(i)) for t, i in self._all(q, chunk))
        return out

    def insert_postings(self, doc: int, postings: Sequence[tuple[int, bytes]]) -> None:
        """Insert ``(term_id, packed positions)`` for a document and bump document frequencies."""
        with self._errors():
            self._exec_many(
                "INSERT INTO postings (term, doc, positions) VALUES (?, ?, ?)",
                [(t, doc, p) for t, p in postings],
            )
            self._exec_many(
                "UPDATE terms SET df = df + 1 WHERE id = ?", [(t,) for t, _ in postings]
            )

    def term_stats(self, terms: Sequence[str]) -> dict[str, tuple[int, int]]:
        """``{term: (id, document frequency)}`` for the terms the index knows."""
        out: dict[str, tuple[int, int]] = {}
        for chunk in chunks(list(dict.fromkeys(terms)), 900):
            q = f"SELECT term, id, df FROM terms WHERE term IN ({', '.join('?' * len(chunk))})"
            out.update((str(t), (int(i), int(f))) for t, i, f in self._all(q, chunk))
        return out

    def term_ids_by_key(self, keys: Iterable[str]) -> dict[str, list[int]]:
        """``{key: [term id, ...]}``: the stored terms that fold to each key."""
        out: dict[str, list[int]] = {}
        for chunk in chunks(list(dict.fromkeys(keys)), 900):
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

    def clear_index(self) -> None:
        """Delete every term and posting (before re-indexing all documents)."""
        self._exec("DELETE FROM postings")
        self._exec("DELETE FROM terms")

    def set_index_blobs(
        self, doc: int, starts: bytes, norm_starts: bytes, terms: bytes, norm: bytes | None
    ) -> None:
        """Replace a document's packed token offsets, term list and packed normalisation."""
        self._exec(
            "UPDATE documents SET token_starts = ?, token_norm_starts = ?, terms = ?, norm = ? "
            "WHERE id = ?",
            (starts, norm_starts, terms, norm, doc),
        )

    def all_texts(self, batch: int = 200) -> Iterator[tuple[int, str]]:
        """``(id, text)`` of every stored text, read in batches of ids."""
        ids = [int(r[0]) for r in self._all("SELECT id FROM documents ORDER BY id")]
        for chunk in chunks(ids, batch):
            yield from sorted(self.texts(chunk).items())

    def term_stats_by_id(self, ids: Iterable[int]) -> dict[int, tuple[str, int]]:
        """``{id: (term, document frequency)}``."""
        out: dict[int, tuple[str, int]] = {}
        for chunk in chunks(list(ids), 900):
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

    def document_parts(self) -> Iterator[tuple[str, str, str, int, int, int]]:
        """Per stored text: ``(doc_id, sha256, text, terms expected, postings, records)``."""
        postings = dict(self._all("SELECT doc, count(*) FROM postings GROUP BY doc"))
        records = dict(self._all("SELECT doc, count(*) FROM records GROUP BY doc"))
        rows = self._all("SELECT id, doc_id, sha256, text, terms FROM documents ORDER BY id")
        for did, doc_id, sha, text, terms in rows:
            yield (
                str(doc_id),
                str(sha),
                str(text),
                len(unpack(bytes(terms))),
                int(postings.get(did, 0)),
                int(records.get(did, 0)),
            )

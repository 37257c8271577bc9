"""Adding documents to the archive: inputs to rows, one savepoint per document.

:func:`add_documents` is the body of :meth:`statement_tracker.Archive.add`:
it reads inputs (documents, files, directories, corpora), skips exact
duplicates, turns a changed text at a known URL or source into a new version,
and stores each document's text, phrase records and index entries together.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .._errors import ArchiveError, StatementTrackerError
from .._text import Document, index_rules
from ._postings import index_text, pack, pack_norm, pack_sorted
from ._records import AddResult
from ._store import DocumentRow, Store

__all__ = [
    "STORED_KINDS",
    "DocumentLike",
    "add_documents",
    "iter_inputs",
    "reindex_documents",
    "stored_records",
]

#: The record kinds stored for every document (clauses are cheap to recompute).
STORED_KINDS: tuple[str, ...] = ("paragraph", "sentence", "quote")

#: What :meth:`~statement_tracker.Archive.add` accepts: documents or paths.
DocumentLike = Document | str | os.PathLike[str]


class _Writer:
    """Stores documents one by one; caches term ids (mutable: the cache grows)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.term_cache: dict[str, int] = {}

    def add_one(self, doc: Document, series: str | None) -> tuple[str, str]:
        """Store one document (in a savepoint); return its outcome and id."""
        store = self.store
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
        recs = stored_records(doc)
        key = doc.url or doc.source
        with store.transaction():
            prev = store.latest_version(key)
            if prev is not None:
                store.set_current(prev[0], False)
            term_ids = self.term_ids(list(idx.positions))
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
                "norm": pack_norm(idx.norm) if idx.norm is not None else None,
            }
            did = store.insert_document(row)
            store.insert_postings(did, [(term_ids[t], pack(p)) for t, p in idx.positions.items()])
            store.insert_records(did, recs)
            for s in memberships:
                store.add_series(did, s)
        return ("new_versions" if prev else "added"), doc.doc_id

    def term_ids(self, terms: list[str]) -> dict[str, int]:
        """Ids of ``terms``, created as needed (cached while the writer lock is held)."""
        cache = self.term_cache
        missing = [t for t in terms if t not in cache]
        if missing:
            from .._text import term_key  # jieba and the stemmers: when adding

            cache.update(self.store.term_ids(missing, key=term_key))
        return cache


def add_documents(
    store: Store,
    docs_or_paths: DocumentLike | Iterable[DocumentLike],
    *,
    series: str | None = None,
    progress: Callable[[int, Document], None] | None = None,
    rules: Any = None,
    commit_every: float = 1.0,
) -> AddResult:
    """Add documents to ``store`` (see :meth:`statement_tracker.Archive.add`).

    >>> import tempfile, os
    >>> s = Store.open(os.path.join(tempfile.mkdtemp(), "a.db"))
    >>> add_documents(s, [Document.from_text("Talks.")]).added
    1
    >>> s.close()
    """
    writer = _Writer(store)
    if isinstance(docs_or_paths, Document | str | os.PathLike):
        docs_or_paths = [docs_or_paths]
    errors: list[tuple[str, str]] = []
    counts = {"added": 0, "duplicates": 0, "new_versions": 0}
    ids: list[str] = []
    with store.writing():
        writer.term_cache = {}
        store.begin()
        if "index_rules" not in store.meta() and store.count_documents() == 0:
            store.set_meta("index_rules", index_rules())
        last_commit = time.monotonic()
        try:
            for n, doc in enumerate(iter_inputs(docs_or_paths, rules, errors), start=1):
                try:
                    outcome, doc_id = writer.add_one(doc, series)
                except StatementTrackerError as exc:
                    if _is_archive_failure(exc):
                        raise
                    # the document's savepoint was rolled back: terms it created are gone
                    writer.term_cache = {}
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
            writer.term_cache = {}
    return AddResult(
        added=counts["added"],
        duplicates=counts["duplicates"],
        new_versions=counts["new_versions"],
        errors=tuple(errors),
        doc_ids=tuple(ids),
    )


def _is_archive_failure(exc: StatementTrackerError) -> bool:
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
    from .._ingest import load_corpus

    def on_error(*args: Any) -> None:
        exc = next((a for a in args if isinstance(a, BaseException)), None)
        src = next((str(a) for a in args if isinstance(a, str | Path)), "?")
        if isinstance(exc, StatementTrackerError):
            errors.append((exc.path or src, exc.detail))
        else:
            errors.append((src, str(exc)))

    yield from load_corpus(list(paths), rules=rules, errors="skip", on_error=on_error)


def stored_records(doc: Document) -> list[tuple[str, int, int, int, Any]]:
    from .._text import records

    return [
        (r.kind, r.start, r.end, r.paragraph, r.speaker) for r in records(doc, kinds=STORED_KINDS)
    ]


def reindex_documents(store: Store, *, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the word index of every stored text under the current rules; return the count.

    Needed when :func:`~statement_tracker._text.index_rules` changed (a new version of the
    normaliser or of the word folding).  Texts, records and series are kept.

    >>> import tempfile, os
    >>> s = Store.open(os.path.join(tempfile.mkdtemp(), "a.db"))
    >>> _ = add_documents(s, [Document.from_text("Talks.")])
    >>> reindex_documents(s)
    1
    >>> s.close()
    """
    writer = _Writer(store)
    done = 0
    with store.writing(), store.transaction():
        store.clear_index()
        for did, text in store.all_texts():
            idx = index_text(text)
            term_ids = writer.term_ids(list(idx.positions))
            store.insert_postings(did, [(term_ids[t], pack(p)) for t, p in idx.positions.items()])
            store.set_index_blobs(
                did,
                pack_sorted(idx.starts),
                pack_sorted(idx.norm_starts),
                pack_sorted(sorted(term_ids[t] for t in idx.positions)),
                pack_norm(idx.norm) if idx.norm is not None else None,
            )
            done += 1
            if progress is not None:
                progress(done, did)
        store.set_meta("index_rules", index_rules())
    return done

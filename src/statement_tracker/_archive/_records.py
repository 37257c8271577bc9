"""What the archive returns: :class:`ArchivedDocument` (a stored text's metadata)
and :class:`AddResult` (what one :meth:`~statement_tracker.Archive.add` did).

>>> AddResult(added=1, duplicates=2).to_dict()["duplicates"]
2
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

import attrs

from .._text import Document

if TYPE_CHECKING:
    from ._tables import DocumentRow

__all__ = ["AddResult", "ArchivedDocument"]


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


def document_from_row(row: DocumentRow, text: str, series: str | None) -> Document:
    """A stored document's row and text as a :class:`Document` (``series`` over the row's)."""
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

"""Metadata for files from a sidecar table: :class:`Manifest`.

Corpora often come with a table of their files (``manifest.tsv``: file name,
date or year, title, country …) rather than metadata inside each file.  A
:class:`Manifest` reads such a table (CSV, or TSV when the file ends in
``.tsv``/``.tab`` or its header has a tab) and fills the documents' ``date``,
``title``, ``url``, ``publisher``, ``series`` and ``language`` from it.

* A row is found by the document's ``source``: its path relative to the
  manifest's folder, the path as given, or, when no two rows share it, its
  file name.
* Columns are read by the document field's name; ``fields`` maps a field to
  another column (``{"series": "country"}``).  Without a ``date`` column a
  ``year`` column gives a date: 1 January of that year (the only date such a
  corpus has; the timeline orders by it).
* ``language`` is a 2-3 letter lower-case code (``ru``, ``uk``, ``zh``); it
  replaces the language guessed from the script, or given by a corpus record
  or ``--language``.
* A value in the manifest replaces the document's; an empty cell keeps it.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from .._errors import CorpusFormatError, InputError, UsageError
from .._text import Document, language_code
from ._dates import parse_date
from ._decode import read_file

__all__ = ["MANIFEST_FIELDS", "Manifest"]

#: The document fields a manifest can set.
MANIFEST_FIELDS = ("date", "title", "url", "publisher", "series", "language")

_YEAR = re.compile(r"\s*(\d{4})\s*")
_MAX_BYTES = 64 * 1024 * 1024


@attrs.frozen
class Manifest:
    """A table of files and their metadata, applied to documents by their ``source``.

    Attributes:
        path: The manifest file.
        columns: The column read for each document field it sets.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "manifest.tsv").write_text("file\\tyear\\tcountry\\na.txt\\t2020\\tCHN\\n")
    >>> m = Manifest.from_file(folder / "manifest.tsv", fields={"series": "country"})
    >>> path = str(folder / "txt" / "a.txt")
    >>> doc = m.apply(Document.from_text("Win-win cooperation.", source=path))
    >>> doc.date, doc.series
    (datetime.date(2020, 1, 1), 'CHN')
    """

    path: str
    columns: Mapping[str, str]
    _rows: Mapping[str, Mapping[str, object]] = attrs.field(repr=False)
    _names: Mapping[str, Mapping[str, object]] = attrs.field(repr=False)

    @classmethod
    def from_file(
        cls, path: str | os.PathLike[str], *, fields: Mapping[str, str] | None = None
    ) -> Manifest:
        """Read a manifest: a header row with a ``file`` column, then one row per file.

        Args:
            path: The CSV or TSV file.
            fields: Document field -> column name, for columns not named after the
                field (``{"series": "country"}``).

        Raises:
            InputError: The file cannot be read, is over 64 MB, or is not UTF-8 text.
            CorpusFormatError: No ``file`` column, a row without a file, the same file
                twice, a date that cannot be read or a language that is not a code
                (with the line).
            UsageError: ``fields`` names an unknown field or a missing column.

        >>> Manifest.from_file("no/such/manifest.tsv")
        Traceback (most recent call last):
        ...
        statement_tracker._errors.InputError: no/such/manifest.tsv: cannot read: ...
        """
        name = os.fspath(path)
        data = read_file(name, max_bytes=_MAX_BYTES)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(name, f"not UTF-8 text (byte {exc.start})") from exc
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise CorpusFormatError(name, "a NUL byte: not a text table", line=line)
        header = text.split("\n", 1)[0]
        tsv = name.lower().endswith((".tsv", ".tab")) or "\t" in header
        reader = csv.reader(io.StringIO(text), delimiter="\t" if tsv else ",")
        try:
            columns, rows = _read_rows(name, reader, fields or {})
        except csv.Error as exc:  # a NUL byte, an overlong field …
            raise CorpusFormatError(name, f"not a table: {exc}", line=reader.line_num) from exc
        counts = Counter(posixpath.basename(k) for k in rows)
        names = {
            posixpath.basename(k): r for k, r in rows.items() if counts[posixpath.basename(k)] == 1
        }
        return cls(name, columns, rows, names)

    def __len__(self) -> int:
        return len(self._rows)

    def lookup(self, source: str) -> Mapping[str, object] | None:
        """The fields the manifest sets for a document from ``source``, or ``None``.

        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
        >>> _ = p.write_text("file,date,title\\nsub/a.html,2024-05-16,Talks\\n")
        >>> Manifest.from_file(p).lookup(str(p.parent / "sub" / "a.html"))
        {'date': datetime.date(2024, 5, 16), 'title': 'Talks'}
        >>> Manifest.from_file(p).lookup("elsewhere/b.html") is None
        True
        """
        folder = os.path.dirname(os.path.abspath(self.path))
        path = os.path.abspath(source)
        try:
            inside = os.path.commonpath([folder, path]) == folder
        except ValueError:  # another drive
            inside = False
        if inside:
            row = self._rows.get(_key(os.path.relpath(path, folder)))
            if row is not None:
                return row
        row = self._rows.get(_key(source))
        if row is not None:
            return row
        return self._names.get(posixpath.basename(_key(source)))

    def apply(self, doc: Document) -> Document:
        """``doc`` with the manifest's values for it (itself when it is not listed).

        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
        >>> _ = p.write_text("file,publisher\\na.txt,example.org\\n")
        >>> Manifest.from_file(p).apply(Document.from_text("Hi.", source="a.txt")).publisher
        'example.org'
        """
        row = self.lookup(doc.source)
        if not row:
            return doc
        updates: dict[str, Any] = {k: v for k, v in row.items() if getattr(doc, k) != v}
        return attrs.evolve(doc, **updates) if updates else doc

    def apply_all(self, docs: Iterable[Document]) -> Iterator[Document]:
        """:meth:`apply` to each document, lazily.

        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
        >>> _ = p.write_text("file,series\\na.txt,A\\n")
        >>> docs = [Document.from_text(t, source=f"{t}.txt") for t in "ab"]
        >>> [d.series for d in Manifest.from_file(p).apply_all(docs)]
        ['A', None]
        """
        for doc in docs:
            yield self.apply(doc)


def _read_rows(
    name: str, reader: Any, fields: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, dict[str, object]]]:
    """The columns read per field, and the rows by file key (see :meth:`Manifest.from_file`)."""
    head = [c.strip() for c in next(reader, [])]
    if "file" not in head:
        raise CorpusFormatError(name, "no 'file' column in the header", line=1)
    columns = _columns(name, head, fields)
    where = {c: head.index(c) for c in columns.values()}
    at_file = head.index("file")
    rows: dict[str, dict[str, object]] = {}
    for cells in reader:
        number = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        file = cells[at_file].strip() if at_file < len(cells) else ""
        if not file:
            raise CorpusFormatError(name, "a row without a file name", line=number)
        key = _key(file)
        if key in rows:
            raise CorpusFormatError(name, f"{file!r} is listed twice", line=number)
        row: dict[str, object] = {}
        for field, column in columns.items():
            i = where[column]
            value = cells[i].strip() if i < len(cells) else ""
            if value:
                row[field] = _value(name, number, field, column, value)
        rows[key] = row
    return columns, rows


def _key(file: str) -> str:
    """A file name as a normalised relative POSIX path."""
    return posixpath.normpath(file.replace("\\", "/")).lstrip("/")


def _columns(name: str, head: list[str], fields: Mapping[str, str]) -> dict[str, str]:
    """Document field -> column, for the fields the manifest sets."""
    for field, column in fields.items():
        if field not in MANIFEST_FIELDS:
            raise UsageError(
                None, f"unknown manifest field {field!r} (one of {', '.join(MANIFEST_FIELDS)})"
            )
        if column not in head:
            raise UsageError(name, f"no column {column!r} for the field {field!r}")
    columns = {f: f for f in MANIFEST_FIELDS if f in head}
    if "date" not in columns and "year" in head:
        columns["date"] = "year"
    columns.update(fields)
    return columns


def _value(name: str, line: int, field: str, column: str, value: str) -> object:
    """A cell as the field's value (dates parsed, a year alone as 1 January, codes checked)."""
    if field == "language":
        try:
            return language_code(value)
        except UsageError as exc:
            raise CorpusFormatError(name, f"column {column!r}: {exc.detail}", line=line) from exc
    if field != "date":
        return value
    m = _YEAR.fullmatch(value)
    try:
        date = _dt.date(int(m.group(1)), 1, 1) if m else parse_date(value)
    except ValueError:  # year 0
        date = None
    if date is None:
        raise CorpusFormatError(
            name, f"column {column!r}: not a date or a year: {value!r}", line=line
        )
    return date

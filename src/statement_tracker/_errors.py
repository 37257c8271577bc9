"""The exceptions statement-tracker raises.

Every exception inherits from :class:`StatementTrackerError`, and each also
inherits the nearest builtin so that ``except ValueError`` keeps working::

    StatementTrackerError
    ├── InputError (ValueError)              a file or text we cannot read
    │   ├── DecodingError                    bytes that are not text in any encoding we accept
    │   ├── BinaryInputError                 a binary file (image, archive, executable …)
    │   ├── EmptyDocumentError               a document with no text
    │   ├── ExtractionError                  HTML that yields no article text
    │   ├── InputTooLargeError               over the size limit
    │   └── CorpusFormatError                a bad line in a JSONL corpus (carries ``line``)
    ├── WatchlistError (ValueError)          a bad watchlist file or phrase (carries ``line``)
    ├── ArchiveError (OSError)               the embedded store
    │   ├── NotAnArchiveError                a file that is not a statement-tracker archive
    │   ├── ArchiveBusyError                 another writer holds the archive
    │   ├── SchemaVersionError               written by a newer version
    │   └── DocumentNotFoundError (KeyError) no such document id
    ├── UsageError (ValueError)              a bad argument
    └── MissingDependencyError (ImportError) an optional extra is not installed

Messages are one line and name the file (and line, where there is one):

>>> str(CorpusFormatError("a.jsonl", "not JSON", line=3))
'a.jsonl:3: not JSON'
>>> isinstance(DecodingError("x.txt", "bad bytes"), ValueError)
True
"""

from __future__ import annotations

import os

__all__ = [
    "ArchiveBusyError",
    "ArchiveError",
    "BinaryInputError",
    "CorpusFormatError",
    "DecodingError",
    "DocumentNotFoundError",
    "EmptyDocumentError",
    "ExtractionError",
    "InputError",
    "InputTooLargeError",
    "MissingDependencyError",
    "NotAnArchiveError",
    "SchemaVersionError",
    "StatementTrackerError",
    "UsageError",
    "WatchlistError",
]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class StatementTrackerError(Exception):
    """Root of every exception raised by statement-tracker.

    Attributes:
        path: The file the problem is in, or ``None``.
        detail: The problem, in one line.
        line: A 1-based line number inside ``path``, or ``None``.

    >>> try:
    ...     raise InputError("a.html", "no article text")
    ... except StatementTrackerError as e:
    ...     print(e.path, "|", e.detail)
    a.html | no article text
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None,
        detail: str,
        *,
        line: int | None = None,
    ) -> None:
        self.path = None if path is None else os.fspath(path)
        self.detail = _one_line(detail)
        self.line = line
        super().__init__(self._message())

    def _message(self) -> str:
        where = self.path or ""
        if self.path is not None and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.detail}" if where else self.detail

    def __str__(self) -> str:
        return self._message()

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.path, self.detail, self.line))


def _rebuild(
    cls: type[StatementTrackerError], path: str | None, detail: str, line: int | None
) -> StatementTrackerError:
    return cls(path, detail, line=line)


class InputError(StatementTrackerError, ValueError):
    """A file or text that cannot be turned into a document."""


class DecodingError(InputError):
    """Bytes that do not decode in the declared or detected encoding."""


class BinaryInputError(InputError):
    """A binary file given where a readout was expected."""


class EmptyDocumentError(InputError):
    """A document with no text after extraction."""


class ExtractionError(InputError):
    """HTML from which no article text could be extracted."""


class InputTooLargeError(InputError):
    """An input over the configured size limit."""


class CorpusFormatError(InputError):
    """A malformed record in a JSONL corpus; ``line`` says which."""


class WatchlistError(StatementTrackerError, ValueError):
    """A bad watchlist: empty, malformed TOML, a phrase that normalises to nothing."""


class ArchiveError(StatementTrackerError, OSError):
    """A problem with the embedded archive (SQLite file)."""


class NotAnArchiveError(ArchiveError):
    """A file that is not a statement-tracker archive (or is truncated)."""


class ArchiveBusyError(ArchiveError):
    """Another process is writing to the archive and did not finish in time."""


class SchemaVersionError(ArchiveError):
    """An archive written by a newer version of statement-tracker."""


class DocumentNotFoundError(ArchiveError, KeyError):
    """No document with that id in the archive."""

    def __str__(self) -> str:
        return self._message()


class UsageError(StatementTrackerError, ValueError):
    """A bad argument to a function or command (for example a threshold outside 0–100)."""


class MissingDependencyError(StatementTrackerError, ImportError):
    """An optional extra is needed and not installed; the message says how to install it.

    >>> e = MissingDependencyError(None, "needs pandas: pip install 'statement-tracker[pandas]'")
    >>> isinstance(e, ImportError), str(e)
    (True, "needs pandas: pip install 'statement-tracker[pandas]'")
    """

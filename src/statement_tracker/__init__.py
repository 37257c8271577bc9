"""statement-tracker: follow what governments say.

Ingest official readouts, normalise and segment them into phrase records with
exact provenance, track recurring formulas, diff readouts, source quotations and
keep a growing archive.

>>> import statement_tracker as st
>>> st.normalise("“No limits”").text
'"no limits"'
"""

from importlib.metadata import PackageNotFoundError, version

from ._errors import (
    ArchiveBusyError,
    ArchiveError,
    BinaryInputError,
    CorpusFormatError,
    DecodingError,
    DocumentNotFoundError,
    EmptyDocumentError,
    ExtractionError,
    InputError,
    InputTooLargeError,
    NotAnArchiveError,
    SchemaVersionError,
    StatementTrackerError,
    UsageError,
    WatchlistError,
)
from ._normalise import Normalised, normalise, normalise_text
from ._records import RECORD_KINDS, Document, PhraseRecord

try:
    __version__ = version("statement-tracker")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "RECORD_KINDS",
    "ArchiveBusyError",
    "ArchiveError",
    "BinaryInputError",
    "CorpusFormatError",
    "DecodingError",
    "Document",
    "DocumentNotFoundError",
    "EmptyDocumentError",
    "ExtractionError",
    "InputError",
    "InputTooLargeError",
    "Normalised",
    "NotAnArchiveError",
    "PhraseRecord",
    "SchemaVersionError",
    "StatementTrackerError",
    "UsageError",
    "WatchlistError",
    "__version__",
    "normalise",
    "normalise_text",
]

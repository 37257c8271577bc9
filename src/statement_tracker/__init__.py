"""statement-tracker: follow what governments say.

Ingest official readouts, normalise and segment them into phrase records with
exact provenance, track recurring formulas, diff readouts, source quotations and
keep a growing archive.

>>> import statement_tracker as st
>>> st.normalise("“No limits”").text
'"no limits"'
"""

from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version

from ._archive import AddResult, Archive, ArchivedDocument
from ._compare import Appearance, Comparison, FormulaStatus, SentenceStatus
from ._diff import diff
from ._diff_records import (
    CHANGE_KINDS,
    Change,
    Diff,
    DiffSummary,
    Edit,
    FormulaChange,
    Span,
    WordEdit,
)
from ._discover import Formula, FormulaVariant, discover, formulas_to_watchlist
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
from ._ingest import load, load_bytes, load_corpus
from ._manifest import Manifest
from ._normalise import Normalised, normalise, normalise_text
from ._phrases import records
from ._publishers import Rule, load_rules
from ._quotes import QUOTATION_KINDS, Quotation, quotations
from ._records import RECORD_KINDS, Document, PhraseRecord
from ._report import render_diff_html, render_diff_text
from ._report_timeline import render_timeline_html
from ._segment import clause_spans, paragraph_spans, sentence_spans
from ._sources import QuoteSource, SourceIndex, SourceMatch, find_sources, source_quote
from ._timeline import DropOut, FormulaTimeline, Timeline, timeline
from ._track import Occurrence, find_phrase, track
from ._track_index import TrackIndex
from ._watchlist import Phrase, Watchlist

try:
    __version__ = _version("statement-tracker")
except _PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "CHANGE_KINDS",
    "QUOTATION_KINDS",
    "RECORD_KINDS",
    "AddResult",
    "Appearance",
    "Archive",
    "ArchiveBusyError",
    "ArchiveError",
    "ArchivedDocument",
    "BinaryInputError",
    "Change",
    "Comparison",
    "CorpusFormatError",
    "DecodingError",
    "Diff",
    "DiffSummary",
    "Document",
    "DocumentNotFoundError",
    "DropOut",
    "Edit",
    "EmptyDocumentError",
    "ExtractionError",
    "Formula",
    "FormulaChange",
    "FormulaStatus",
    "FormulaTimeline",
    "FormulaVariant",
    "InputError",
    "InputTooLargeError",
    "Manifest",
    "Normalised",
    "NotAnArchiveError",
    "Occurrence",
    "Phrase",
    "PhraseRecord",
    "Quotation",
    "QuoteSource",
    "Rule",
    "SchemaVersionError",
    "SentenceStatus",
    "SourceIndex",
    "SourceMatch",
    "Span",
    "StatementTrackerError",
    "Timeline",
    "TrackIndex",
    "UsageError",
    "Watchlist",
    "WatchlistError",
    "WordEdit",
    "__version__",
    "clause_spans",
    "diff",
    "discover",
    "find_phrase",
    "find_sources",
    "formulas_to_watchlist",
    "load",
    "load_bytes",
    "load_corpus",
    "load_rules",
    "normalise",
    "normalise_text",
    "paragraph_spans",
    "quotations",
    "records",
    "render_diff_html",
    "render_diff_text",
    "render_timeline_html",
    "sentence_spans",
    "source_quote",
    "timeline",
    "track",
]

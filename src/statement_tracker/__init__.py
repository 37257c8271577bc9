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

from ._archive import (
    AddResult,
    Appearance,
    Archive,
    ArchivedDocument,
    Comparison,
    FormulaStatus,
    SentenceStatus,
)
from ._diff import (
    CHANGE_KINDS,
    Change,
    Diff,
    DiffSummary,
    Edit,
    FormulaChange,
    Span,
    WordEdit,
    diff,
)
from ._discover import (
    DiscoveryCorpus,
    Formula,
    FormulaVariant,
    discover,
    formulas_to_watchlist,
)
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
from ._ingest import Manifest, Rule, load, load_bytes, load_corpus, load_rules
from ._report import render_diff_html, render_diff_text, render_timeline_html
from ._sources import QuoteSource, SourceIndex, SourceMatch, find_sources, source_quote
from ._text import (
    QUOTATION_KINDS,
    RECORD_KINDS,
    Document,
    Normalised,
    PhraseRecord,
    Quotation,
    clause_spans,
    normalise,
    normalise_text,
    paragraph_spans,
    quotations,
    records,
    sentence_spans,
)
from ._track import (
    DropOut,
    FormulaTimeline,
    LearntWording,
    Occurrence,
    Phrase,
    Timeline,
    TrackIndex,
    Watchlist,
    Wording,
    find_phrase,
    learn_wordings,
    timeline,
    track,
)

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
    "DiscoveryCorpus",
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
    "LearntWording",
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
    "Wording",
    "__version__",
    "clause_spans",
    "diff",
    "discover",
    "find_phrase",
    "find_sources",
    "formulas_to_watchlist",
    "learn_wordings",
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

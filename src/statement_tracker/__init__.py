"""statement-tracker: follow what governments say.

Ingest official readouts, normalise and segment them into phrase records with
exact provenance, track recurring formulas, diff readouts, source quotations and
keep a growing archive.

>>> import statement_tracker as st
>>> st.normalise("“No limits”").text
'"no limits"'
"""

import importlib as _importlib
import typing as _typing

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
    MissingDependencyError,
    NotAnArchiveError,
    SchemaVersionError,
    StatementTrackerError,
    UsageError,
    WatchlistError,
)

if _typing.TYPE_CHECKING:
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
        Formulas,
        FormulaVariant,
        discover,
        formulas_to_watchlist,
    )
    from ._ingest import Manifest, Rule, load, load_bytes, load_corpus, load_rules
    from ._report import (
        consecutive_pairs,
        render_diff_html,
        render_diff_text,
        render_timeline_html,
    )
    from ._sources import QuoteSource, SourceIndex, SourceMatch, find_sources, source_quote
    from ._text import (
        QUOTATION_KINDS,
        RECORD_KINDS,
        Document,
        Normalised,
        PhraseRecord,
        Quotation,
        RecordBatch,
        clause_spans,
        normalise,
        normalise_text,
        paragraph_spans,
        quotations,
        records,
        records_batch,
        sentence_spans,
    )
    from ._track import (
        DropOut,
        FormulaTimeline,
        LearntWording,
        Occurrence,
        Occurrences,
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

    __version__: str

# The stages that hold the public names, lightest first: a name is loaded from the
# first one that has it, on first use (PEP 562), so that `import statement_tracker`
# and the command line's `--help` do not load lxml, rapidfuzz, numpy or the language
# models before they are needed.  The imports above tell type checkers where each
# name comes from.
_STAGES = ("_text", "_ingest", "_track", "_diff", "_sources", "_discover", "_archive", "_report")


def __getattr__(name: str) -> object:
    """Load a public name from its stage on first use."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: object = version("statement-tracker")
        except PackageNotFoundError:  # pragma: no cover - a source tree without install
            value = "0+unknown"
    elif name in __all__:
        for stage in _STAGES:
            module = _importlib.import_module(f"{__name__}.{stage}")
            if name in getattr(module, "__all__", ()):
                value = getattr(module, name)
                break
        else:  # pragma: no cover - tests/test_api.py resolves every name
            raise AttributeError(f"module {__name__!r} lists {name!r} but no stage has it")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
    "Formulas",
    "InputError",
    "InputTooLargeError",
    "LearntWording",
    "Manifest",
    "MissingDependencyError",
    "Normalised",
    "NotAnArchiveError",
    "Occurrence",
    "Occurrences",
    "Phrase",
    "PhraseRecord",
    "Quotation",
    "QuoteSource",
    "RecordBatch",
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
    "consecutive_pairs",
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
    "records_batch",
    "render_diff_html",
    "render_diff_text",
    "render_timeline_html",
    "sentence_spans",
    "source_quote",
    "timeline",
    "track",
]

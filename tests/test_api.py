"""The public API: ``statement_tracker.__all__`` is the whole, sorted, documented namespace."""

from __future__ import annotations

import importlib.metadata
import inspect
import pkgutil

import pytest

import statement_tracker as st


def _all_key(name: str) -> tuple[int, str]:
    """Sort like ruff's RUF022: CONSTANTS, then Classes, then functions and dunders."""
    if name.isupper():
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


def test_every_name_in_all_resolves() -> None:
    """Each name listed in ``__all__`` is an attribute of the package."""
    missing = [name for name in st.__all__ if not hasattr(st, name)]
    assert [] == missing


def test_all_is_sorted_and_unique() -> None:
    """``__all__`` is sorted (constants, classes, functions) without repeats."""
    assert sorted(set(st.__all__), key=_all_key) == list(st.__all__)


#: Public modules of the package (imported on their own, so not in ``__all__``).
PUBLIC_SUBMODULES = {"dask"}


def test_no_public_name_outside_all() -> None:
    """Nothing public leaks into the namespace beyond ``__all__`` (helpers are private);
    a public module, once imported, is an attribute of the package."""
    public = {
        name
        for name, value in vars(st).items()
        if not name.startswith("_") and not (inspect.ismodule(value) and name in PUBLIC_SUBMODULES)
    }
    assert set() == public - set(st.__all__)


def test_all_lists_no_private_names() -> None:
    """``__all__`` exports no private module or helper names."""
    private = [n for n in st.__all__ if n.startswith("_") and n != "__version__"]
    assert [] == private


def test_public_objects_come_from_the_package() -> None:
    """Every public class and function is defined inside statement_tracker."""
    foreign = [
        name
        for name in st.__all__
        if (inspect.isclass(getattr(st, name)) or inspect.isfunction(getattr(st, name)))
        and not getattr(st, name).__module__.startswith("statement_tracker.")
    ]
    assert [] == foreign


def test_submodules_are_private() -> None:
    """All submodules are private (``_name``): the public surface is the package itself,
    and ``statement_tracker.dask`` (an integration behind the ``dask`` extra)."""
    public = {m.name for m in pkgutil.iter_modules(st.__path__) if not m.name.startswith("_")}
    assert PUBLIC_SUBMODULES == public


def test_version_comes_from_package_metadata() -> None:
    """``__version__`` is the installed distribution's version."""
    assert importlib.metadata.version("statement-tracker") == st.__version__


@pytest.mark.parametrize("name", [n for n in st.__all__ if callable(getattr(st, n))])
def test_public_callable_has_docstring(name: str) -> None:
    """Every public class and function has a docstring."""
    assert (inspect.getdoc(getattr(st, name)) or "").strip()


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in st.__all__
        if callable(getattr(st, n))
        and not (inspect.isclass(getattr(st, n)) and issubclass(getattr(st, n), BaseException))
    ],
)
def test_public_callable_has_example(name: str) -> None:
    """Every public function and (non-exception) class shows a ``>>>`` example."""
    assert ">>>" in (inspect.getdoc(getattr(st, name)) or "")


#: The public API, pinned: the package layout may change, this list may not (by accident).
PINNED_ALL = [
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


def test_public_api_is_pinned() -> None:
    """``statement_tracker.__all__`` is exactly the pinned list, and every name resolves."""
    assert PINNED_ALL == list(st.__all__)
    assert all(hasattr(st, name) for name in PINNED_ALL)

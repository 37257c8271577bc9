"""What the commands read: ``-`` for standard input, and series, formulas and ids
checked against what exists.

An unknown series, formula id or document id is an error whose message lists
what there is to choose from (all of it when it is short, else a count, the
closest names and the command that lists them), never an empty result.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import DocumentNotFoundError, UsageError

if TYPE_CHECKING:
    from .._archive import Archive
    from .._text import Document
    from .._track import Watchlist

__all__ = [
    "STDIN",
    "choices_message",
    "get_document",
    "load_paths",
    "of_series",
    "read_stdin",
    "select_formulas",
    "unknown_series",
]

#: The ``source`` of a document read from standard input (``-``).
STDIN = "<stdin>"


def read_stdin(**options: Any) -> Document:
    """The document on standard input (HTML, Markdown or text, told apart by content).

    Raises:
        EmptyDocumentError: Standard input is empty (or a terminal with nothing typed).
    """
    from .._ingest import load_bytes

    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    return load_bytes(data, name=STDIN, **options)


class _Paths(Iterator["Document"]):
    """The documents of PATHS where ``-`` stands for standard input, in order; like
    :func:`~statement_tracker.load_corpus` it offers ``with_language`` until read.

    Mutable: it holds the generator once reading starts.
    """

    def __init__(self, paths: Sequence[str], options: dict[str, Any]) -> None:
        self._paths = list(paths)
        self._options = options
        self._docs: Iterator[Document] | None = None

    def with_language(self, language: str | None) -> Iterator[Document]:
        return _Paths(self._paths, {**self._options, "language": language})

    def __next__(self) -> Document:
        if self._docs is None:
            self._docs = self._read()
        return next(self._docs)

    def _read(self) -> Iterator[Document]:
        from .._ingest import load_corpus

        options = dict(self._options)
        errors = options.get("errors", "raise")
        on_error = options.get("on_error")
        single = {k: v for k, v in options.items() if k in ("rules", "encoding", "language")}
        if "max_bytes" in options:
            single["max_bytes"] = options["max_bytes"]
        run: list[str] = []
        for path in [*self._paths, None]:
            if path is not None and path != "-":
                run.append(path)
                continue
            if run:
                yield from load_corpus(run, **options)
                run = []
            if path == "-":
                from .._errors import StatementTrackerError

                try:
                    yield read_stdin(**single)
                except StatementTrackerError as exc:
                    if errors == "raise" or on_error is None:
                        raise
                    on_error(exc)


def load_paths(paths: Sequence[str], **options: Any) -> Iterator[Document]:
    """:func:`~statement_tracker.load_corpus` over ``paths``, where ``-`` is one document
    read from standard input (at its place in the order).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("Both sides met.", encoding="utf-8")
    >>> [d.text for d in load_paths([str(p)])]
    ['Both sides met.']
    """
    if "-" not in paths:
        from .._ingest import load_corpus

        return load_corpus(list(paths), **options)
    if list(paths).count("-") > 1:
        raise UsageError("-", "standard input can be read only once")
    return _Paths(paths, options)


def choices_message(what: str, names: Sequence[str], asked: str, *, hint: str = "") -> str:
    """``there is no WHAT 'x'`` and what there is: every name when there are at most 12,
    else how many, the closest few and ``hint`` (the command that lists them).

    >>> choices_message("series", ["corvan", "dalca"], "corvn")
    "no series 'corvn'; did you mean 'corvan'? (there are: 'corvan', 'dalca')"
    >>> choices_message("series", [], "x")
    "no series 'x' (there are none)"
    """
    close = difflib.get_close_matches(asked, names, n=3, cutoff=0.6)
    message = f"no {what} {asked!r}"
    if close:
        message += f"; did you mean {' or '.join(repr(c) for c in close)}?"
    if not names:
        return message + " (there are none)"
    if len(names) <= 12:
        return message + f" (there are: {', '.join(repr(n) for n in names)})"
    return message + f" ({len(names)} of them{'; ' + hint if hint else ''})"


def unknown_series(asked: str, seen: Counter[str | None]) -> UsageError:
    """The error for ``--series NAME`` when no document read has that series; ``seen``
    counts the documents of each series.

    >>> print(unknown_series("x", Counter({"corvan": 3, None: 2})))
    --series: no series 'x' among the 5 documents read (there are: 'corvan'; 2 without one)
    """
    names = sorted(k for k in seen if k)
    unnamed = seen.get(None, 0)
    if names:
        more = f"; {unnamed} without one" if unnamed else ""
        there = f"there are: {', '.join(repr(n) for n in names)}{more}"
    else:
        there = (
            "none has a series: it comes from front matter, a JSONL field, "
            "--manifest-field series=COLUMN or `add --series`"
        )
    return UsageError(
        "--series", f"no series {asked!r} among the {sum(seen.values())} documents read ({there})"
    )


def of_series(docs: Iterable[Document], series: str | None) -> Iterator[Document]:
    """The documents of ``series`` (all when ``None``); after the last one, an error that
    lists the series there are when none had it.

    Raises:
        UsageError: No document is of ``series``.

    >>> from statement_tracker import Document
    >>> docs = [Document.from_text("A.", series="a"), Document.from_text("B.", series="b")]
    >>> [d.text for d in of_series(docs, "b")]
    ['B.']
    >>> list(of_series(docs, "c"))
    Traceback (most recent call last):
    ...
    statement_tracker._errors.UsageError: --series: no series 'c' among the 2 documents read ...
    """
    if series is None:
        yield from docs
        return
    seen: Counter[str | None] = Counter()
    for doc in docs:
        names = _series_names(doc.series)
        if not names:
            seen[None] += 1
        for name in names:
            seen[name] += 1
        if series in names:
            yield doc
    if not seen[series]:
        raise unknown_series(series, seen)


def _series_names(value: str | None) -> list[str]:
    """The series of a document (an archived one may be in several, comma-joined)."""
    return [] if not value else [s.strip() for s in value.split(",") if s.strip()]


def check_archive_series(archive: Archive, series: str) -> None:
    """Raise when ``series`` is not a series of ``archive``, listing those it has."""
    names = [name for name, _ in archive.series()]
    if series not in names:
        message = choices_message("series", names, series, hint="`statement-tracker list` shows")
        raise UsageError("--series", f"{message} in {archive.path}")


def select_formulas(watchlist: Watchlist, ids: Sequence[str] | None) -> Watchlist:
    """The formulas of ``watchlist`` with these ids, in the watchlist's order (all when
    ``ids`` is empty).

    Raises:
        UsageError: An id is not in the watchlist (the message lists its ids).

    >>> from statement_tracker import Watchlist
    >>> wl = Watchlist(["new era", "no limits"])
    >>> [p.text for p in select_formulas(wl, ["P02"])]
    ['no limits']
    >>> select_formulas(wl, ["P2"])
    Traceback (most recent call last):
    ...
    statement_tracker._errors.UsageError: --formula: no formula id 'P2'; did you mean 'P02'? ...
    """
    if not ids:
        return watchlist
    from .._track import Watchlist as _Watchlist

    known = [p.id for p in watchlist]
    for asked in ids:
        if asked not in known:
            raise UsageError("--formula", choices_message("formula id", known, asked))
    wanted = set(ids)
    return _Watchlist([p for p in watchlist if p.id in wanted], source="--formula")


def get_document(archive: Archive, ref: str) -> Document:
    """``archive.get(ref)``, whose error says what the archive holds."""
    try:
        return archive.get(ref)
    except DocumentNotFoundError:
        raise _not_found(archive, ref) from None


def get_entry(archive: Archive, ref: str) -> Any:
    """``archive.entry(ref)``, whose error says what the archive holds."""
    try:
        return archive.entry(ref)
    except DocumentNotFoundError:
        raise _not_found(archive, ref) from None


def _not_found(archive: Archive, ref: str) -> DocumentNotFoundError:
    entries = archive.entries(all_versions=True)
    ids = [e.doc_id for e in entries]
    what = "no document with id"
    if _looks_like_path(ref):
        what = "no such file and no document with id"
    if not ids:
        return DocumentNotFoundError(archive.path, f"{what} {ref!r}: the archive is empty")
    if len(ids) <= 12:
        listed = "; ".join(f"{e.doc_id} {e.title or e.source}" for e in entries)
        return DocumentNotFoundError(archive.path, f"{what} {ref!r} (there are: {listed})")
    close = difflib.get_close_matches(ref, ids, n=3, cutoff=0.5)
    near = f"; did you mean {' or '.join(close)}?" if close else ""
    return DocumentNotFoundError(
        archive.path,
        f"{what} {ref!r}{near} ({len(ids)} documents; "
        f"`statement-tracker list --db {archive.path}` lists them)",
    )


def _looks_like_path(ref: str) -> bool:
    return os.sep in ref or "/" in ref or "." in os.path.basename(ref)


def is_stdin(ref: str) -> bool:
    """Whether a document argument is ``-``, standard input."""
    return ref == "-"


def namespace_options(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    """The given ``args`` attributes that are set, as keyword arguments."""
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}

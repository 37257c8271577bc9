"""Helpers shared by the subcommands: output formats, progress, reading inputs."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, Any, TypeVar

from .._errors import EmptyDocumentError, StatementTrackerError, UsageError
from .._text import Document, language_code

__all__ = [
    "BadInputs",
    "Progress",
    "add_format",
    "add_manifest",
    "add_progress",
    "with_manifest",
    "write_csv",
    "write_jsonl",
    "write_table",
]

T = TypeVar("T")


class BadInputs:
    """The ``on_error`` of a batch: one line for each input that cannot be read; the batch
    goes on, and :meth:`status` says how many failed.

    Mutable by design: it counts as the batch runs.

    >>> bad = BadInputs()
    >>> bad(UsageError("a.html", "not a page"))  # the line goes to standard error
    >>> bad.failures
    1
    """

    def __init__(self) -> None:
        self.failures = 0
        self.read = 0

    def counted(self, docs: Iterable[T]) -> Iterator[T]:
        """Pass ``docs`` through, counting them (the inputs that could be read)."""
        for doc in docs:
            self.read += 1
            yield doc

    def __call__(self, exc: StatementTrackerError) -> None:
        """Report one input that could not be read (an empty part of a corpus is only skipped)."""
        if isinstance(exc, EmptyDocumentError) and exc.line is not None:
            print(f"statement-tracker: skipped: {exc}", file=sys.stderr)
            return
        self.failures += 1
        print(f"statement-tracker: error: {exc}", file=sys.stderr)

    def status(self) -> int:
        """0, or 1; in a batch where something else was read, or several inputs failed,
        after a line saying how many could not be read (a lone bad input has its one line)."""
        if not self.failures:
            return 0
        if self.read or self.failures > 1:
            print(f"statement-tracker: {self.failures} input(s) could not be read", file=sys.stderr)
        return 1


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    """Add a ``--format`` option with the given choices."""
    parser.add_argument(
        "--format",
        choices=list(choices),
        default=default,
        help=f"output format (default: {default})",
    )


def add_progress(parser: argparse.ArgumentParser) -> None:
    """Add ``--progress/--no-progress`` (default: a progress line when stderr is a terminal)."""
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress line on stderr (default: when stderr is a terminal)",
    )


def add_manifest(parser: argparse.ArgumentParser) -> None:
    """Add ``--manifest FILE``, ``--manifest-field FIELD=COLUMN`` (see :class:`Manifest`) and
    ``--language CODE``: the options that say what the documents read from PATHS are.

    >>> p = argparse.ArgumentParser()
    >>> add_manifest(p)
    >>> p.parse_args(["--language", "uk"]).language
    'uk'
    """
    parser.add_argument(
        "--manifest",
        metavar="FILE",
        help="a CSV/TSV table with a 'file' column: date (or year), title, url, publisher, "
        "series and language for the files it lists",
    )
    parser.add_argument(
        "--manifest-field",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read a document field from another manifest column (e.g. series=country)",
    )
    parser.add_argument(
        "--language",
        metavar="CODE",
        help="the language (e.g. ru, uk, zh) of documents that do not give one in a manifest "
        "or corpus record (default: guessed from the script: en, ru or zh)",
    )


def with_manifest(args: argparse.Namespace, docs: Iterable[Document]) -> Iterable[Document]:
    """``docs`` with ``--language`` and the values of ``--manifest`` applied (unchanged
    without them).

    The manifest is read and the language checked here, before any document, so
    that a bad table or code fails before anything is read or written.
    ``--language`` needs ``docs`` straight from :func:`~statement_tracker.load_corpus`
    (it becomes the corpus's default language, below a record's own ``language``
    and the manifest's): with ``--db`` it is a usage error.

    >>> args = argparse.Namespace(language="RU")
    >>> with_manifest(args, [])
    Traceback (most recent call last):
    ...
    statement_tracker._errors.UsageError: --language: expected a 2-3 letter ... not 'RU'
    """
    docs = _with_language(args, docs)
    path = getattr(args, "manifest", None)
    fields = getattr(args, "manifest_field", None) or []
    if not path:
        if fields:
            raise UsageError("--manifest-field", "give the table with --manifest FILE")
        return docs
    from .._ingest import Manifest

    mapping: dict[str, str] = {}
    for item in fields:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise UsageError("--manifest-field", f"expected FIELD=COLUMN, not {item!r}")
        mapping[field.strip()] = column.strip()
    return Manifest.from_file(path, fields=mapping).apply_all(docs)


def _with_language(args: argparse.Namespace, docs: Iterable[Document]) -> Iterable[Document]:
    """``docs`` read with ``--language`` as their default language."""
    language = getattr(args, "language", None)
    if language is None:
        return docs
    try:
        language_code(language)
    except UsageError as exc:
        raise UsageError("--language", exc.detail) from None
    with_language = getattr(docs, "with_language", None)
    if with_language is None:  # documents from an archive (--db), not from files
        raise UsageError(
            "--language",
            "applies to PATHS read from files; archived documents keep their stored language",
        )
    result: Iterable[Document] = with_language(language)
    return result


def write_jsonl(rows: Iterable[Mapping[str, Any]], out: IO[str] | None = None) -> int:
    """Write one JSON object a line; return how many were written."""
    out = out or sys.stdout
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str))
        out.write("\n")
        n += 1
    return n


def write_csv(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: IO[str] | None = None
) -> int:
    """Write CSV with a header row; values that are not strings are JSON-encoded."""
    out = out or sys.stdout
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    n = 0
    for row in rows:
        w.writerow([_cell(row.get(c)) for c in columns])
        n += 1
    return n


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, int | float | bool):
        return str(v)
    return json.dumps(v, ensure_ascii=False, default=str)


def write_table(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    out: IO[str] | None = None,
    *,
    width: int = 60,
) -> int:
    """Write an aligned plain-text table; long cells are shortened with an ellipsis."""
    out = out or sys.stdout
    cells = [[_short(_cell(r.get(c)), width) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
    return len(cells)


def _short(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


class Progress:
    """A progress line on standard error, shown only when it is a terminal (or forced).

    Use as ``for x in Progress(items, total=n, label="adding"): ...``.
    """

    def __init__(
        self,
        items: Iterable[T],
        *,
        total: int | None = None,
        label: str = "",
        enabled: bool | None = None,
        stream: IO[str] | None = None,
    ) -> None:
        self._items = items
        self._total = total
        self._label = label
        self._stream = stream or sys.stderr
        self._enabled = self._stream.isatty() if enabled is None else enabled
        self.count = 0

    def __iter__(self) -> Iterator[Any]:
        start = last = time.monotonic()
        for item in self._items:
            yield item
            self.count += 1
            now = time.monotonic()
            if self._enabled and now - last >= 0.2:
                last = now
                self._draw(now - start)
        if self._enabled:
            self._draw(time.monotonic() - start)
            self._stream.write("\n")
            self._stream.flush()

    def _draw(self, elapsed: float) -> None:
        rate = self.count / elapsed if elapsed > 0 else 0.0
        if self._total:
            pct = 100.0 * self.count / self._total
            text = f"{self._label} {self.count}/{self._total} ({pct:5.1f}%) {rate:,.0f}/s"
        else:
            text = f"{self._label} {self.count} {rate:,.0f}/s"
        self._stream.write("\r" + text)
        self._stream.flush()

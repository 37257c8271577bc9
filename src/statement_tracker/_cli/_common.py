"""Helpers shared by the subcommands: exit codes, output files, formats, reading inputs.

Nothing from the pipeline stages is imported at module level: ``--help`` and the
parser must not pay for lxml, rapidfuzz, numpy or the language models.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, TypeVar

from .._errors import EmptyDocumentError, StatementTrackerError, UsageError

if TYPE_CHECKING:
    from .._text import Document

__all__ = [
    "EXIT_DIFFERENCES",
    "EXIT_ERROR",
    "EXIT_OK",
    "BadInputs",
    "add_format",
    "add_manifest",
    "add_output",
    "add_progress",
    "is_quiet",
    "is_terminal",
    "open_output",
    "warn",
    "with_manifest",
    "write_csv",
    "write_jsonl",
    "write_table",
]

#: Exit codes (``statement-tracker --help`` and docs/cli.md): success, ``diff --exit-code``
#: found differences, a usage error or bad input.
EXIT_OK = 0
EXIT_DIFFERENCES = 1
EXIT_ERROR = 2

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
        """0, or :data:`EXIT_ERROR` (2); in a batch where something else was read, or several
        inputs failed, after a line saying how many could not be read (a lone bad input has
        its one line)."""
        if not self.failures:
            return EXIT_OK
        if self.read or self.failures > 1:
            print(f"statement-tracker: {self.failures} input(s) could not be read", file=sys.stderr)
        return EXIT_ERROR


def is_quiet(args: argparse.Namespace) -> bool:
    """Whether ``-q/--quiet`` was given (before or after the command name)."""
    return bool(getattr(args, "quiet", False))


def warn(args: argparse.Namespace, message: str) -> None:
    """A ``statement-tracker: warning: …`` line on standard error, unless ``--quiet``."""
    if not is_quiet(args):
        print(f"statement-tracker: warning: {message}", file=sys.stderr)


def is_terminal(stream: IO[str]) -> bool:
    """Whether ``stream`` is a terminal (a person reading), not a file or a pipe.

    >>> import io
    >>> is_terminal(io.StringIO())
    False
    """
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def add_output(parser: argparse.ArgumentParser) -> None:
    """Add ``-o/--output FILE`` (``-``, the default: standard output)."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        help="write here instead of standard output (default: -, standard output)",
    )


@contextlib.contextmanager
def open_output(args: argparse.Namespace, *, binary: bool = False) -> Iterator[IO[Any]]:
    """The stream ``-o/--output`` names: standard output for ``-`` (or no option), else
    the file, written whole or not at all (a temporary file renamed when the command ends
    without an error).

    Raises:
        UsageError: The file cannot be written (naming it).
    """
    path = getattr(args, "output", None) or "-"
    if path == "-":
        if binary:
            sys.stdout.flush()
            buffer = getattr(sys.stdout, "buffer", None)
            yield buffer if buffer is not None else _Utf8Writer(sys.stdout)  # type: ignore[misc]
            if buffer is not None:
                buffer.flush()
        else:
            yield sys.stdout
        return
    directory = os.path.dirname(os.path.abspath(path))
    try:
        if os.path.isdir(path):
            raise IsADirectoryError(21, "is a directory")
        fd, tmp = tempfile.mkstemp(prefix=".statement-tracker-", dir=directory)
        # mkstemp makes the file private (0600); the result gets the mode a plain
        # open() would give it (0666 less the umask), or the mode of the file it replaces.
        os.chmod(tmp, _output_mode(path))
    except OSError as exc:
        raise UsageError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        if binary:
            with os.fdopen(fd, "wb") as out:
                yield out
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                yield out
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(path, f"cannot write: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _output_mode(path: str) -> int:
    """The permission bits for a new output file at ``path``."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    """Add a ``--format`` option with the given choices."""
    parser.add_argument(
        "--format",
        choices=list(choices),
        default=default,
        help=f"output format (default: {default})",
    )


def add_progress(parser: argparse.ArgumentParser) -> None:
    """Add ``--progress/--no-progress`` (default: a progress bar when stderr is a terminal)."""
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar with the total and the time left on standard error "
        "(default: when it is a terminal and not --quiet)",
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
    from .._text import language_code

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


class _Utf8Writer:
    """Bytes written to a text stream that has no binary buffer (a test's ``StringIO``)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        return self._stream.write(data.decode("utf-8"))


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
    cut: bool | None = None,
) -> int:
    """Write an aligned plain-text table.

    On a terminal (``cut=None``: when ``out`` is one) cells longer than ``width``
    are cut with "…" and a line after the table says how many were cut and how to
    see them whole; in a file or a pipe nothing is cut.

    >>> import io
    >>> buf = io.StringIO()
    >>> write_table([{"a": "x" * 12}], ["a"], buf, width=5, cut=True)
    1
    >>> print(buf.getvalue(), end="")
    a
    xxxx…
    … 1 cell cut to 5 characters to fit the terminal (8 characters left out);
      pipe the output (| cat) or write it with -o FILE to see everything
    """
    out = out or sys.stdout
    if cut is None:
        cut = is_terminal(out)
    n_cut = lost = 0
    cells: list[list[str]] = []
    for r in rows:
        line = []
        for c in columns:
            text = " ".join(_cell(r.get(c)).split())
            if cut and len(text) > width:
                n_cut += 1
                lost += len(text) - (width - 1)
                text = text[: width - 1] + "…"
            line.append(text)
        cells.append(line)
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
    if n_cut:
        out.write(
            f"… {n_cut} cell{'s' * (n_cut != 1)} cut to {width} characters to fit the terminal"
            f" ({lost} character{'s' * (lost != 1)} left out);\n"
            "  pipe the output (| cat) or write it with -o FILE to see everything\n"
        )
    return len(cells)

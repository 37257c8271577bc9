"""The ``extract`` subcommand: one Document per input document.

``statement-tracker extract PATHS... [--format jsonl|table] [--rules FILE]``
loads files, directories (recursively) and JSONL corpora and writes one row per
document (the ``Document.to_dict()`` schema, documented in ``docs/formats.md``).
A file or record that cannot be read is reported on standard error and the
rest are still processed; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from .._errors import UsageError
from ._common import (
    BadInputs,
    add_format,
    add_manifest,
    add_output,
    add_progress,
    open_output,
    with_manifest,
    write_jsonl,
    write_table,
)
from ._inputs import load_paths
from ._progress import count_inputs, progress

if TYPE_CHECKING:
    from .._text import Document

__all__ = ["TABLE_COLUMNS", "document_rows", "register"]

#: Columns of ``--format table``.
TABLE_COLUMNS: tuple[str, ...] = ("doc_id", "date", "publisher", "language", "title", "source")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``extract``."""
    p = sub.add_parser(
        "extract",
        help="extract documents (text, title, date, publisher) from files and corpora",
        description="Load HTML pages, Markdown and plain-text files, directories (recursively) "
        "and JSONL corpora (.jsonl, .jsonl.gz) and write one row per document. Files that "
        "cannot be read are reported on standard error; the others are still written.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, directories or .jsonl(.gz); - reads one document from standard input",
    )
    add_format(p, ("jsonl", "table"), "jsonl")
    add_output(p)
    add_progress(p)
    p.add_argument(
        "--rules",
        action="append",
        metavar="FILE",
        help="a TOML file of publisher rules (docs/publishers.md); repeat for several",
    )
    p.add_argument("--encoding", help="decode files with this encoding instead of detecting it")
    add_manifest(p)
    p.add_argument(
        "--max-mb",
        type=float,
        default=64.0,
        metavar="MB",
        help="refuse documents (or corpus lines) larger than this many megabytes (default: 64)",
    )
    p.set_defaults(func=_extract)


def document_rows(docs: Iterable[Document]) -> Iterator[dict[str, Any]]:
    """Yield ``Document.to_dict()`` for each document.

    >>> from statement_tracker import Document
    >>> next(document_rows([Document.from_text("Both sides agreed.", source="a.txt")]))["source"]
    'a.txt'
    """
    for doc in docs:
        yield doc.to_dict()


def _extract(args: argparse.Namespace, out: IO[str] | None = None) -> int:
    on_error = BadInputs()
    if args.max_mb <= 0:
        raise UsageError(None, "--max-mb must be positive")
    docs = with_manifest(
        args,
        load_paths(
            args.paths,
            rules=args.rules,
            errors="skip",
            on_error=on_error,
            encoding=args.encoding,
            max_bytes=int(args.max_mb * 1024 * 1024),
        ),
    )
    read = progress(docs, args, label="reading", total=lambda: count_inputs(args.paths))
    rows = document_rows(on_error.counted(read))
    with open_output(args) if out is None else _given(out) as stream:
        if args.format == "jsonl":
            write_jsonl(rows, stream)
        else:
            write_table(rows, TABLE_COLUMNS, stream)
    return on_error.status()


@contextlib.contextmanager
def _given(out: IO[str]) -> Iterator[IO[str]]:
    yield out

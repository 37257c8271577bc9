"""The ``extract`` subcommand: one Document per input document.

``statement-tracker extract PATHS... [--format jsonl|table] [--rules FILE]``
loads files, directories (recursively) and JSONL corpora and writes one row per
document (the ``Document.to_dict()`` schema, documented in ``docs/formats.md``).
A file or record that cannot be read is reported on standard error and the
rest are still processed; the exit status is then 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .._errors import UsageError
from .._ingest import load_corpus
from .._text import Document
from ._common import (
    BadInputs,
    add_format,
    add_manifest,
    with_manifest,
    write_jsonl,
    write_table,
)

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
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or .jsonl(.gz)")
    add_format(p, ("jsonl", "table"), "jsonl")
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
        load_corpus(
            args.paths,
            rules=args.rules,
            errors="skip",
            on_error=on_error,
            encoding=args.encoding,
            max_bytes=int(args.max_mb * 1024 * 1024),
        ),
    )
    rows = document_rows(on_error.counted(docs))
    if args.format == "jsonl":
        write_jsonl(rows, out)
    else:
        write_table(rows, TABLE_COLUMNS, out)
    return on_error.status()

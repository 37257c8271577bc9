"""The ``records`` subcommand: phrase records (paragraphs, sentences, clauses, quotations).

``statement-tracker records PATHS... [--format jsonl|csv|table] [--kind KIND]...``
loads every document (files, directories, JSONL corpora) and writes one row per
phrase record.  Without ``--kind`` it writes every kind; ``--kind`` may be
repeated to choose several.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .._text import RECORD_KINDS, Document, records
from ._common import (
    BadInputs,
    add_format,
    add_manifest,
    with_manifest,
    write_csv,
    write_jsonl,
    write_table,
)

__all__ = ["CSV_COLUMNS", "TABLE_COLUMNS", "record_rows", "register", "write_records"]

#: Columns of ``--format csv`` (every field of a record, ``doc_id`` first).
CSV_COLUMNS: tuple[str, ...] = (
    "record_id",
    "doc_id",
    "kind",
    "start",
    "end",
    "paragraph",
    "speaker",
    "text",
    "norm",
)
#: Columns of ``--format table`` (short; ``text`` is shortened with an ellipsis).
TABLE_COLUMNS: tuple[str, ...] = ("doc_id", "kind", "start", "end", "speaker", "text")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``records``."""
    p = sub.add_parser(
        "records",
        help="cut readouts into phrase records (paragraphs, sentences, clauses, quotations)",
        description="Load files, directories or JSONL corpora and write their phrase records: "
        "one row per paragraph, sentence, clause and quotation, with offsets into the "
        "document text and the normalised form. All kinds unless --kind is given.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or .jsonl(.gz)")
    add_format(p, ("jsonl", "csv", "table"), "jsonl")
    p.add_argument(
        "--kind",
        action="append",
        choices=RECORD_KINDS,
        metavar="KIND",
        help=f"only this kind ({', '.join(RECORD_KINDS)}); repeat for several (default: all)",
    )
    add_manifest(p)
    p.set_defaults(func=_records)


def record_rows(
    docs: Iterable[Document], kinds: Iterable[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one ``PhraseRecord.to_dict()`` per record of every document, in order.

    >>> rows = record_rows([Document.from_text("One. Two.")], ["sentence"])
    >>> [(r["kind"], r["text"]) for r in rows]
    [('sentence', 'One.'), ('sentence', 'Two.')]
    """
    wanted = None if kinds is None else list(kinds)
    for doc in docs:
        for rec in records(doc, wanted):
            yield rec.to_dict()


def write_records(
    docs: Iterable[Document],
    fmt: str = "jsonl",
    kinds: Iterable[str] | None = None,
    out: IO[str] | None = None,
) -> int:
    """Write the records of ``docs`` in ``fmt`` (``jsonl``, ``csv`` or ``table``); return the count.

    >>> import io
    >>> buf = io.StringIO()
    >>> write_records([Document.from_text("One. Two.")], "csv", ["sentence"], buf)
    2
    >>> buf.getvalue().splitlines()[0]
    'record_id,doc_id,kind,start,end,paragraph,speaker,text,norm'
    """
    rows = record_rows(docs, kinds)
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    if fmt == "csv":
        return write_csv(rows, CSV_COLUMNS, out)
    return write_table(rows, TABLE_COLUMNS, out)


def _records(args: argparse.Namespace) -> int:
    from .._ingest import load_corpus

    on_error = BadInputs()  # a bad input is reported in one line; the others are read
    docs = on_error.counted(
        with_manifest(args, load_corpus(args.paths, errors="skip", on_error=on_error))
    )
    write_records(docs, args.format, args.kind, sys.stdout)
    return on_error.status()

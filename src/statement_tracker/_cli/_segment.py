"""The ``records`` subcommand: phrase records (paragraphs, sentences, clauses, quotations).

``statement-tracker records PATHS... [--format jsonl|csv|table] [--kind KIND]...``
loads every document (files, directories, JSONL corpora) and writes one row per
phrase record.  Without ``--kind`` it writes every kind; ``--kind`` may be
repeated to choose several.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from ._common import (
    BadInputs,
    add_format,
    add_manifest,
    add_output,
    add_progress,
    open_output,
    with_manifest,
    write_csv,
    write_jsonl,
    write_table,
)
from ._inputs import load_paths
from ._progress import count_inputs, progress

if TYPE_CHECKING:
    from .._text import Document

#: ``statement_tracker._text.RECORD_KINDS``, here so that the parser does not load the
#: text stage (``tests/cli/test_startup.py`` checks that the two agree).
RECORD_KINDS: tuple[str, ...] = ("paragraph", "sentence", "clause", "quote")

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
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, directories or .jsonl(.gz); - reads one document from standard input",
    )
    add_format(p, ("jsonl", "csv", "table"), "jsonl")
    add_output(p)
    add_progress(p)
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

    >>> from statement_tracker import Document
    >>> rows = record_rows([Document.from_text("One. Two.")], ["sentence"])
    >>> [(r["kind"], r["text"]) for r in rows]
    [('sentence', 'One.'), ('sentence', 'Two.')]
    """
    from .._text import records

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
    >>> from statement_tracker import Document
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
    on_error = BadInputs()  # a bad input is reported in one line; the others are read
    loaded = with_manifest(args, load_paths(args.paths, errors="skip", on_error=on_error))
    docs = on_error.counted(
        progress(loaded, args, label="segmenting", total=lambda: count_inputs(args.paths))
    )
    with open_output(args) as out:
        write_records(docs, args.format, args.kind, out)
    return on_error.status()

"""Sourcing and discovery subcommands: ``sources`` and ``discover``.

Both read a corpus either from an archive (``--db FILE``) or from files,
directories and JSONL corpora given as paths.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import UsageError
from ._common import (
    add_format,
    add_manifest,
    add_output,
    add_progress,
    is_quiet,
    is_terminal,
    open_output,
    with_manifest,
    write_jsonl,
    write_table,
)
from ._inputs import check_archive_series, is_stdin, load_paths, of_series, read_stdin
from ._progress import Stages, count_inputs, progress

if TYPE_CHECKING:
    from .._text import Document

__all__ = ["register"]

_SOURCE_COLUMNS = ("start", "quote", "found", "score", "date", "source", "earliest")
_FORMULA_COLUMNS = ("rank", "documents", "first_date", "last_date", "formula", "variants")


def _add_corpus(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or .jsonl(.gz)")
    p.add_argument("--db", metavar="FILE", help="search the documents of this archive instead")
    add_manifest(p)
    p.add_argument(
        "--series",
        metavar="NAME",
        help="only documents of this series (a value from front matter, a manifest, JSONL or "
        "the archive; an unknown series is an error listing those there are)",
    )
    add_progress(p)
    add_output(p)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``sources`` and ``discover``."""
    p = sub.add_parser(
        "sources",
        help="find the document each quotation of an article comes from",
        description="For every quotation in ARTICLE, find the document of the corpus it comes "
        "from (span, score, earliest document), or say it was not found.",
    )
    p.add_argument(
        "article",
        metavar="ARTICLE",
        help="the commentary (any format ingest reads; - for standard input)",
    )
    _add_corpus(p)
    p.add_argument(
        "--threshold", type=float, metavar="N", help="score 0-100 a source must reach (default 90)"
    )
    add_format(p, ("jsonl", "table"), "jsonl")
    p.set_defaults(func=_sources)

    p = sub.add_parser(
        "discover",
        help="find the formulas that recur across a corpus, without a watchlist",
        description="Find word sequences of 3 to 15 words recurring across documents, merge "
        "close variants, drop boilerplate, and rank by documents and time covered.",
    )
    _add_corpus(p)
    p.add_argument(
        "--min-docs", type=int, default=3, metavar="N", help="documents a formula needs (default 3)"
    )
    p.add_argument("--top", type=int, default=50, metavar="K", help="formulas to show (default 50)")
    p.add_argument(
        "--save-watchlist", metavar="FILE", help="also write the formulas as a TOML watchlist"
    )
    add_format(p, ("table", "jsonl"), "table")
    p.set_defaults(func=_discover)


def _documents(args: argparse.Namespace, label: str) -> Iterator[Document]:
    if args.db and args.paths:
        raise UsageError("--db", "give either --db FILE or PATHS, not both")
    if args.db:
        for option in ("manifest", "language"):
            if getattr(args, option, None):
                raise UsageError(
                    f"--{option}",
                    "applies to PATHS; give it to `add` to store its values in the archive",
                )
        from .._archive import Archive

        archive = Archive.open(args.db, create=False, readonly=True)
        try:
            series = args.series
            if series is not None:
                check_archive_series(archive, series)
            total = len(archive.entries(series=series))
            docs: Iterator[Document] = archive.documents(series=series)
            yield from progress(docs, args, label=label, total=total)
        finally:
            archive.close()
        return
    if not args.paths:
        raise UsageError(None, "give the corpus: --db FILE or one or more PATHS")
    loaded = with_manifest(args, load_paths(args.paths))
    read = progress(loaded, args, label=label, total=lambda: count_inputs(args.paths))
    yield from of_series(read, args.series)


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def _sources(args: argparse.Namespace) -> int:
    from .._ingest import load
    from .._sources import SourceIndex, find_sources

    if args.threshold is not None and not 0 < args.threshold <= 100:
        raise UsageError("--threshold", f"{args.threshold:g} is outside (0, 100]")
    article = read_stdin() if is_stdin(args.article) else load(args.article)
    if "-" in args.paths and is_stdin(args.article):
        raise UsageError("-", "standard input can be read only once")
    index = SourceIndex(_documents(args, "indexing"))
    results = find_sources(article, index, threshold=args.threshold)
    with open_output(args) as out:
        _write_sources(args, results, out)
    return 0


def _write_sources(args: argparse.Namespace, results: Any, out: Any) -> None:
    if args.format == "jsonl":
        write_jsonl((r.to_dict() for r in results), out)
        return
    rows: list[dict[str, Any]] = []
    for r in results:
        rows.append(
            {
                "start": r.start,
                "quote": r.quote,
                "found": r.method if r.source is None else "yes",
                "score": round(r.source.score, 1) if r.source else "",
                "date": _iso(r.source.date) if r.source else "",
                "source": r.source.source if r.source else "NOT FOUND",
                "earliest": r.earliest.source if r.earliest else "",
            }
        )
    write_table(rows, _SOURCE_COLUMNS, out)


def _discover(args: argparse.Namespace) -> int:
    from .._discover import discover, formulas_to_watchlist

    if args.min_docs < 2:
        raise UsageError("--min-docs", f"must be at least 2, not {args.min_docs}")
    if args.top < 1:
        raise UsageError("--top", f"must be at least 1, not {args.top}")
    stages = Stages(
        args,
        {"counting": " lengths", "merging": " phrases"},
        labels={"counting": "counting word sequences", "merging": "merging variants, ranking"},
    )
    try:
        formulas = discover(
            _documents(args, "reading"), min_docs=args.min_docs, top=args.top, progress=stages
        )
        stages.close(done=True)
    finally:
        stages.close()
    if args.save_watchlist:
        if not formulas:
            raise UsageError("--save-watchlist", "no formulas found: nothing to save")
        path = Path(args.save_watchlist)
        try:
            path.write_text(formulas_to_watchlist(formulas).to_toml(), encoding="utf-8")
        except OSError as exc:
            raise UsageError(path, f"cannot write the watchlist: {exc.strerror}") from exc
    with open_output(args) as out:
        _write_formulas(args, formulas, out)
    if not formulas and not is_quiet(args):
        print("no recurring formulas found", file=sys.stderr)
    return 0


def _write_formulas(args: argparse.Namespace, formulas: Any, out: Any) -> None:
    if args.format == "jsonl":
        write_jsonl((f.to_dict() for f in formulas), out)
        return
    cut = is_terminal(out)
    rows = [
        {
            "rank": i,
            "documents": f.documents,
            "first_date": _iso(f.first_date),
            "last_date": _iso(f.last_date),
            "formula": f.text,
            "variants": _variants(f.variants[1:], cut),
        }
        for i, f in enumerate(formulas, start=1)
    ]
    write_table(rows, _FORMULA_COLUMNS, out, width=70, cut=cut)


def _variants(variants: Any, cut: bool) -> str:
    """The other wordings with their documents; on a terminal three and how many more."""
    shown = variants[:3] if cut else variants
    text = "; ".join(f"{v.text} ({v.documents})" for v in shown)
    more = len(variants) - len(shown)
    return f"{text} (+{more} more)" if more else text

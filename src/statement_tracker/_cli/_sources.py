"""Sourcing and discovery subcommands: ``sources`` and ``discover``.

Both read a corpus either from an archive (``--db FILE``) or from files,
directories and JSONL corpora given as paths.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .._errors import UsageError
from .._text import Document
from ._common import (
    Progress,
    add_format,
    add_manifest,
    add_progress,
    with_manifest,
    write_jsonl,
    write_table,
)

__all__ = ["register"]

_SOURCE_COLUMNS = ("start", "quote", "found", "score", "date", "source", "earliest")
_FORMULA_COLUMNS = ("rank", "documents", "first_date", "last_date", "formula", "variants")


def _add_corpus(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or .jsonl(.gz)")
    p.add_argument("--db", metavar="FILE", help="search the documents of this archive instead")
    add_manifest(p)
    add_progress(p)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``sources`` and ``discover``."""
    p = sub.add_parser(
        "sources",
        help="find the document each quotation of an article comes from",
        description="For every quotation in ARTICLE, find the document of the corpus it comes "
        "from (span, score, earliest document), or say it was not found.",
    )
    p.add_argument("article", metavar="ARTICLE", help="the commentary (any format ingest reads)")
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
    p.add_argument(
        "--series",
        metavar="NAME",
        help="only documents of this series (a value from front matter, JSONL or the archive)",
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
            series = getattr(args, "series", None)
            docs: Iterator[Document] = archive.documents(series=series)
            yield from Progress(docs, label=label, enabled=args.progress)
        finally:
            archive.close()
        return
    if not args.paths:
        raise UsageError(None, "give the corpus: --db FILE or one or more PATHS")
    from .._ingest import load_corpus

    loaded = with_manifest(args, load_corpus(args.paths))
    yield from Progress(loaded, label=label, enabled=args.progress)


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def _sources(args: argparse.Namespace) -> int:
    from .._ingest import load
    from .._sources import SourceIndex, find_sources

    if args.threshold is not None and not 0 < args.threshold <= 100:
        raise UsageError("--threshold", f"{args.threshold:g} is outside (0, 100]")
    article = load(args.article)
    index = SourceIndex(_documents(args, "indexing"))
    results = find_sources(article, index, threshold=args.threshold)
    if args.format == "jsonl":
        write_jsonl(r.to_dict() for r in results)
        return 0
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
    write_table(rows, _SOURCE_COLUMNS)
    return 0


def _of_series(
    docs: Iterable[Document], series: str, seen: Counter[str | None]
) -> Iterator[Document]:
    """The documents of ``series``; ``seen`` counts every document's series."""
    for doc in docs:
        seen[doc.series] += 1
        if doc.series == series:
            yield doc


def _discover(args: argparse.Namespace) -> int:
    from .._discover import discover, formulas_to_watchlist

    if args.min_docs < 2:
        raise UsageError("--min-docs", f"must be at least 2, not {args.min_docs}")
    if args.top < 1:
        raise UsageError("--top", f"must be at least 1, not {args.top}")
    docs = _documents(args, "reading")
    series_seen: Counter[str | None] = Counter()
    if args.series and not args.db:
        docs = _of_series(docs, args.series, series_seen)
    formulas = discover(docs, min_docs=args.min_docs, top=args.top)
    if args.series and not args.db and not series_seen[args.series]:
        # the series is a value (front matter, JSONL record or archive), not a field
        # name as for `timeline --series`: say what the documents have instead
        have = ", ".join(repr(x) for x in sorted(k for k in series_seen if k)) or "none"
        raise UsageError(
            "--series",
            f"no document of series {args.series!r} among {sum(series_seen.values())}"
            f" (their series: {have})",
        )
    if args.save_watchlist:
        if not formulas:
            raise UsageError("--save-watchlist", "no formulas found: nothing to save")
        path = Path(args.save_watchlist)
        try:
            path.write_text(formulas_to_watchlist(formulas).to_toml(), encoding="utf-8")
        except OSError as exc:
            raise UsageError(path, f"cannot write the watchlist: {exc.strerror}") from exc
    if args.format == "jsonl":
        write_jsonl(f.to_dict() for f in formulas)
        return 0
    rows = [
        {
            "rank": i,
            "documents": f.documents,
            "first_date": _iso(f.first_date),
            "last_date": _iso(f.last_date),
            "formula": f.text,
            "variants": "; ".join(f"{v.text} ({v.documents})" for v in f.variants[1:4]),
        }
        for i, f in enumerate(formulas, start=1)
    ]
    write_table(rows, _FORMULA_COLUMNS, width=70)
    if not formulas:
        print("no recurring formulas found", file=sys.stderr)
    return 0

"""Tracking subcommands: ``track`` (every occurrence) and ``timeline`` (per formula over time).

Both read documents through :func:`documents`, the one place where inputs are
turned into :class:`~statement_tracker.Document` objects (the archive adds its
``--db`` source there).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs

from .._errors import UsageError
from .._text import Document
from .._track import FormulaTimeline, Timeline, Watchlist, Wording, timeline, track
from ._common import (
    Progress,
    add_format,
    add_manifest,
    add_progress,
    with_manifest,
    write_csv,
    write_jsonl,
    write_table,
)
from ._store import add_db_option, archive_documents, track_archive

__all__ = [
    "OCCURRENCE_COLUMNS",
    "add_match",
    "add_timeline_inputs",
    "documents",
    "register",
    "watchlist_from_args",
]

#: The ``track --format jsonl|csv`` fields, in order.
OCCURRENCE_COLUMNS: tuple[str, ...] = (
    "phrase_id",
    "phrase",
    "form",
    "doc_id",
    "source",
    "date",
    "score",
    "start",
    "end",
    "text",
    "method",
    "edits",
    "threshold",
    "norm_phrase",
    "norm_text",
    "norm_start",
    "norm_end",
    "language",
)

_TIMELINE_COLUMNS: tuple[str, ...] = (
    "phrase_id",
    "phrase",
    "series",
    "first_seen",
    "last_seen",
    "present",
    "variant",
    "absent",
    "undated",
    "strip",
    "dropout",
    "variants",
    "wordings",
)


def _add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files, directories or .jsonl(.gz); with --db also document ids (none: whole archive)",
    )
    add_db_option(p)
    add_manifest(p)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--watchlist", metavar="FILE", help="a watchlist (.toml or one phrase a line)"
    )
    group.add_argument(
        "--phrase", metavar="TEXT", action="append", help="a phrase to track (repeatable)"
    )
    p.add_argument(
        "--threshold",
        type=float,
        metavar="N",
        help="score 0-100 for phrases without their own (default: the matching rule)",
    )
    add_match(p)
    p.add_argument(
        "-j",
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="processes that read and scan the documents (-1: every core; default: 1)",
    )
    add_progress(p)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``track`` and ``timeline``."""
    p = sub.add_parser(
        "track",
        help="find every occurrence of watchlist phrases",
        description="Find every occurrence of each watchlist phrase (exact, spelling and "
        "inflection variants, and word edits in longer phrases), with its evidence.",
    )
    _add_inputs(p)
    add_format(p, ("jsonl", "csv", "table"), "jsonl")
    p.set_defaults(func=_track)

    p = sub.add_parser(
        "timeline",
        help="per formula: first/last seen, presence per document, drop-outs, variants",
        description="Track the watchlist, then show per formula (and per series) when it "
        "appears, where it is absent, when it dropped out and in what wordings.",
    )
    add_timeline_inputs(p)
    add_format(p, ("table", "csv", "json", "html"), "table")
    p.set_defaults(func=_timeline)


def add_timeline_inputs(p: argparse.ArgumentParser) -> None:
    """The inputs of ``timeline`` (and ``report``): documents, watchlist, series, --min-run."""
    _add_inputs(p)
    p.add_argument(
        "--series", metavar="FIELD", help="group documents by this field (series, publisher …)"
    )
    p.add_argument(
        "--min-run",
        type=int,
        default=3,
        metavar="N",
        help="presences in a row before an absence counts as a drop-out (default: 3)",
    )


def add_match(p: argparse.ArgumentParser) -> None:
    """``--match exact|close|loose``: the strictness of the matching rule."""
    p.add_argument(
        "--match",
        choices=("exact", "close", "loose"),
        default=None,
        help="exact: the formula's words in order (up to case, spelling, inflection); "
        "close (default): also close variants (words inserted, conjuncts swapped, a "
        "compound turned round); loose: more word edits",
    )


def watchlist_from_args(args: argparse.Namespace) -> Watchlist:
    """The watchlist named by ``--watchlist`` or built from ``--phrase`` options,
    with ``--match`` for the phrases without a level of their own."""
    if args.watchlist:
        wl = Watchlist.from_file(args.watchlist)
    else:
        wl = Watchlist(args.phrase or [], source="--phrase")
    return wl.with_match(getattr(args, "match", None))


def documents(args: argparse.Namespace) -> Iterator[Document]:
    """Every document named on the command line, loaded one at a time."""
    if getattr(args, "db", None):
        no_manifest_for_archive(args)
        yield from with_manifest(args, archive_documents(args.db, args.paths))
        return
    if not args.paths:
        raise UsageError("PATH", "give at least one file or directory (or --db FILE)")
    from .. import load_corpus

    yield from with_manifest(args, load_corpus(args.paths))


def no_manifest_for_archive(args: argparse.Namespace) -> None:
    """``--manifest`` or ``--language`` with ``--db`` and no PATHS: the archive's documents
    are stored already, with their metadata."""
    for option in ("manifest", "language"):
        if getattr(args, option, None) and not args.paths:
            raise UsageError(
                f"--{option}",
                "applies to PATHS; give it to `add` to store its values in the archive",
            )


def _progress(args: argparse.Namespace, docs: Iterable[Document], label: str) -> Iterable[Document]:
    return Progress(docs, label=label, enabled=args.progress)


def _run(args: argparse.Namespace) -> tuple[Watchlist, list[Any], list[Document]]:
    if args.threshold is not None and not 0 <= args.threshold <= 100:
        raise UsageError("--threshold", f"{args.threshold:g} is outside 0-100")
    wl = watchlist_from_args(args)
    if getattr(args, "db", None) and not args.paths:  # the archive's persisted index
        no_manifest_for_archive(args)
        occ, stored = track_archive(args.db, wl, threshold=args.threshold)
        return wl, occ, stored
    kept: list[Document] = []

    def remember(doc: Document) -> None:
        kept.append(attrs.evolve(doc, text=""))  # the timeline needs the metadata only

    occ = track(
        _progress(args, documents(args), "tracking"),
        wl,
        threshold=args.threshold,
        progress=remember,
        workers=args.workers,
    )
    return wl, occ, kept


def _track(args: argparse.Namespace) -> int:
    _, occ, _ = _run(args)
    rows = (o.to_dict() for o in occ)
    if args.format == "jsonl":
        write_jsonl(rows)
    elif args.format == "csv":
        write_csv(rows, OCCURRENCE_COLUMNS)
    else:
        write_table(rows, ("phrase_id", "date", "source", "score", "method", "text"), width=50)
    return 0


def _timeline(args: argparse.Namespace) -> int:
    if args.min_run < 1:
        raise UsageError("--min-run", "must be at least 1")
    wl, occ, docs = _run(args)
    tl = timeline(occ, docs, series=args.series, watchlist=wl, min_run=args.min_run)
    if args.format == "json":
        import json

        json.dump(tl.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        write_csv((_row(f) for f in tl.formulas), _TIMELINE_COLUMNS)
    elif args.format == "html":  # snippets without context: `report` keeps the texts
        from .._report import render_timeline_html

        sys.stdout.write(render_timeline_html(tl, occ, docs))
    else:
        render_timeline(tl, sys.stdout)
    return 0


def _row(f: FormulaTimeline) -> dict[str, Any]:
    counts = {s: 0 for s in ("present", "variant", "absent")}
    for s in f.statuses:
        counts[s.status] += 1
    return {
        "phrase_id": f.phrase_id,
        "phrase": f.phrase,
        "series": f.series,
        "first_seen": f.first_seen.isoformat() if f.first_seen else None,
        "last_seen": f.last_seen.isoformat() if f.last_seen else None,
        **counts,
        "undated": len(f.undated),
        "strip": f.strip(),
        "dropout": f.dropout.message if f.dropout else None,
        "variants": "; ".join(f"{v.text} ×{v.count}" for v in f.variants),
        "wordings": "; ".join(
            f"{w.language or '?'} {w.publisher or '?'} {_dates(w)}: {w.form} ×{w.count}"
            for w in f.wordings
        ),
    }


def _dates(w: Wording) -> str:
    first = w.first_date.isoformat() if w.first_date else "undated"
    last = w.last_date.isoformat() if w.last_date else ""
    return first if last in ("", first) else f"{first}–{last}"


def _render_wordings(tl: Timeline, out: IO[str]) -> None:
    """The wordings per language and publisher, when a formula has more than one."""
    rows = [
        {
            "id": f.phrase_id,
            "series": f.series or "",
            "language": w.language or "?",
            "publisher": w.publisher or "?",
            "used": _dates(w),
            "count": w.count,
            "wording": w.form,
        }
        for f in tl.formulas
        if len({(w.language, w.form) for w in f.wordings}) > 1
        for w in f.wordings
    ]
    if rows:
        out.write("\nwordings by language and publisher:\n")
        columns = ["id", "language", "publisher", "used", "count", "wording"]
        if tl.series_field:
            columns.insert(1, "series")
        write_table(rows, columns, out, width=60)


def _strip(f: FormulaTimeline, width: int = 40) -> str:
    s = f.strip()
    return s if len(s) <= width else "…" + s[-(width - 1) :]


def render_timeline(tl: Timeline, out: IO[str]) -> None:
    """Write the timeline as a readable table, then the drop-outs and the legend."""
    rows = []
    for f in tl.formulas:
        rows.append(
            {
                "id": f.phrase_id,
                "formula": f.phrase,
                "series": f.series or "",
                "first seen": f.first_seen.isoformat() if f.first_seen else "never",
                "last seen": f.last_seen.isoformat() if f.last_seen else "",
                "presence": _strip(f),
                "drop-out": f"since {f.dropout.since.isoformat()}" if f.dropout else "",
                "variants": ", ".join(f"{v.text} ×{v.count}" for v in f.variants[:3]),
            }
        )
    columns = ["id", "formula", "first seen", "last seen", "presence", "drop-out", "variants"]
    if tl.series_field:
        columns.insert(2, "series")
    write_table(rows, columns, out, width=44)
    out.write(
        "\npresence: one mark per dated document, oldest first: # present  ~ variant  . absent\n"
    )
    _render_wordings(tl, out)
    undated = {u.doc_id for f in tl.formulas for u in f.undated}
    if undated:
        out.write(f"undated documents (not in the strip): {len(undated)}\n")
    if tl.dropouts:
        out.write("\ndrop-outs:\n")
        for d in tl.dropouts:
            f = next(x for x in tl.formulas if x.phrase_id == d.phrase_id and x.series == d.series)
            out.write(f"  {d.phrase_id} {f.phrase!r}: {d.message}\n")

"""Tracking subcommands: ``track`` (every occurrence) and ``timeline`` (per formula over time).

Both read documents through :func:`documents`, the one place where inputs are
turned into :class:`~statement_tracker.Document` objects (the archive adds its
``--db`` source there, ``--series NAME`` keeps one series).  ``--group-by FIELD``
splits the timeline by a document field; the old spelling ``--series FIELD`` still
works for a field name, with a warning.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from .._errors import UsageError
from ._common import (
    add_format,
    add_manifest,
    add_output,
    add_progress,
    is_terminal,
    open_output,
    warn,
    with_manifest,
    write_csv,
    write_jsonl,
    write_table,
)
from ._inputs import load_paths, of_series, select_formulas
from ._progress import count_inputs, progress
from ._store import add_db_option, archive_documents, track_archive

if TYPE_CHECKING:
    from .._text import Document
    from .._track import FormulaTimeline, Timeline, Watchlist, Wording

__all__ = [
    "GROUP_FIELDS",
    "OCCURRENCE_COLUMNS",
    "STRIP_WIDTH",
    "add_match",
    "add_timeline_inputs",
    "documents",
    "register",
    "resolve_grouping",
    "watchlist_from_args",
]

#: Document fields a timeline can be grouped by (``--group-by``).
GROUP_FIELDS: tuple[str, ...] = ("series", "publisher", "language", "title", "url", "source")
#: Marks of the presence strip shown on a terminal (the most recent readouts).
STRIP_WIDTH = 40

#: The ``track --format csv`` columns, in order: the fields of ``Occurrence`` (the same
#: tuple as ``_track._occurrences.OCCURRENCE_COLUMNS``, kept here so that the command
#: line's start-up does not import the tracking stage; a test keeps the two equal).
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
    "differs",
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
        help="files, directories or .jsonl(.gz); - reads one document from standard input; "
        "with --db also document ids (none: the whole archive)",
    )
    add_db_option(p)
    add_manifest(p)
    p.add_argument(
        "--series",
        metavar="NAME",
        help="only documents of this series (an unknown series is an error listing those read)",
    )
    p.add_argument(
        "--formula",
        action="append",
        metavar="ID",
        help="only the watchlist formula with this id (repeatable; default: all)",
    )
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
    add_output(p)


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
    """The inputs of ``timeline`` (and ``report``): documents, watchlist, --series NAME,
    --group-by FIELD, --min-run."""
    _add_inputs(p)
    p.add_argument(
        "--group-by",
        metavar="FIELD",
        help=f"one timeline per value of this document field ({', '.join(GROUP_FIELDS)})",
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


def resolve_grouping(args: argparse.Namespace) -> None:
    """Read the old ``--series FIELD`` of ``timeline``/``report`` as ``--group-by FIELD``
    (with a warning) when FIELD is a document field and ``--group-by`` is not given;
    check ``--group-by``.

    >>> args = argparse.Namespace(series="language", group_by=None, quiet=True)
    >>> resolve_grouping(args); (args.series, args.group_by)
    (None, 'language')
    """
    series = getattr(args, "series", None)
    if getattr(args, "group_by", None) is None and series in GROUP_FIELDS:
        warn(
            args,
            f"--series {series} is read as --group-by {series}; --series now names a series "
            "to keep, as in the other commands (this reading will be removed)",
        )
        args.group_by, args.series = series, None
    if args.group_by is not None and args.group_by not in GROUP_FIELDS:
        from ._inputs import choices_message

        raise UsageError("--group-by", choices_message("field", GROUP_FIELDS, args.group_by))


def watchlist_from_args(args: argparse.Namespace) -> Watchlist:
    """The watchlist named by ``--watchlist`` or built from ``--phrase`` options,
    with ``--match`` for the phrases without a level of their own, and only the
    ``--formula`` ids when given."""
    from .._track import Watchlist

    if args.watchlist:
        wl = Watchlist.from_file(args.watchlist)
    else:
        wl = Watchlist(args.phrase or [], source="--phrase")
    wl = select_formulas(wl, getattr(args, "formula", None))
    return wl.with_match(getattr(args, "match", None))


def documents(args: argparse.Namespace) -> Iterator[Document]:
    """Every document named on the command line, loaded one at a time (only those of
    ``--series NAME`` when given)."""
    series = getattr(args, "series", None)
    if getattr(args, "db", None):
        no_manifest_for_archive(args)
        stored = archive_documents(args.db, args.paths, series=series)
        yield from of_series(with_manifest(args, stored), series)
        return
    if not args.paths:
        raise UsageError("PATH", "give at least one file or directory (or --db FILE)")
    yield from of_series(with_manifest(args, load_paths(args.paths)), series)


def read_with_progress(args: argparse.Namespace, label: str) -> Iterable[Document]:
    """:func:`documents` with a progress bar (total: the documents the inputs hold)."""

    def total() -> int:
        if getattr(args, "db", None) and not args.paths:
            from .._archive import Archive

            with Archive.open(args.db, create=False, readonly=True) as archive:
                return len(archive.entries())
        return count_inputs(args.paths)

    return progress(documents(args), args, label=label, total=total)


def no_manifest_for_archive(args: argparse.Namespace) -> None:
    """``--manifest`` or ``--language`` with ``--db`` and no PATHS: the archive's documents
    are stored already, with their metadata."""
    for option in ("manifest", "language"):
        if getattr(args, option, None) and not args.paths:
            raise UsageError(
                f"--{option}",
                "applies to PATHS; give it to `add` to store its values in the archive",
            )


def _run(args: argparse.Namespace) -> tuple[Watchlist, list[Any], list[Document]]:
    if args.threshold is not None and not 0 <= args.threshold <= 100:
        raise UsageError("--threshold", f"{args.threshold:g} is outside 0-100")
    import attrs

    from .._track import track

    wl = watchlist_from_args(args)
    if getattr(args, "db", None) and not args.paths:  # the archive's persisted index
        no_manifest_for_archive(args)
        occ, stored = track_archive(args.db, wl, threshold=args.threshold, series=args.series)
        return wl, occ, stored
    kept: list[Document] = []

    def remember(doc: Document) -> None:
        kept.append(attrs.evolve(doc, text=""))  # the timeline needs the metadata only

    occ = track(
        read_with_progress(args, "tracking"),
        wl,
        threshold=args.threshold,
        progress=remember,
        workers=args.workers,
    )
    return wl, occ, kept


def _track(args: argparse.Namespace) -> int:
    _, occ, _ = _run(args)
    rows = (o.to_dict() for o in occ)
    with open_output(args) as out:
        if args.format == "jsonl":
            write_jsonl(rows, out)
        elif args.format == "csv":
            write_csv(rows, OCCURRENCE_COLUMNS, out)
        else:
            columns = ("phrase_id", "date", "source", "score", "method", "text")
            write_table(rows, columns, out, width=50)
    return 0


def _timeline(args: argparse.Namespace) -> int:
    from .._track import timeline

    if args.min_run < 1:
        raise UsageError("--min-run", "must be at least 1")
    resolve_grouping(args)
    wl, occ, docs = _run(args)
    tl = timeline(occ, docs, series=args.group_by, watchlist=wl, min_run=args.min_run)
    with open_output(args) as out:
        if args.format == "json":
            import json

            json.dump(tl.to_dict(), out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif args.format == "csv":
            write_csv((_row(f) for f in tl.formulas), _TIMELINE_COLUMNS, out)
        elif args.format == "html":  # snippets without context: `report` keeps the texts
            from .._report import render_timeline_html

            out.write(render_timeline_html(tl, occ, docs))
        else:
            render_timeline(tl, out)
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


def _strip(f: FormulaTimeline, width: int | None) -> tuple[str, int]:
    """The presence strip, and how many of its oldest marks were left out to fit ``width``."""
    s = f.strip()
    if width is None or len(s) <= width:
        return s, 0
    return s[-width:], len(s) - width


def _variants(f: FormulaTimeline, cut: bool) -> str:
    shown = f.variants[:3] if cut else f.variants
    text = ", ".join(f"{v.text} ×{v.count}" for v in shown)
    more = len(f.variants) - len(shown)
    return f"{text} (+{more} more)" if more else text


def render_timeline(tl: Timeline, out: IO[str], *, cut: bool | None = None) -> None:
    """Write the timeline as a readable table, then the legend, the wordings and the
    drop-outs.

    On a terminal (``cut=None``: when ``out`` is one) the presence strip shows the
    last :data:`STRIP_WIDTH` documents and says how many earlier ones it leaves out,
    and three variants per formula with the number of the others; in a file or a pipe
    everything is written.
    """
    if cut is None:
        cut = is_terminal(out)
    rows = []
    hidden = 0
    for f in tl.formulas:
        strip, left_out = _strip(f, STRIP_WIDTH if cut else None)
        hidden = max(hidden, left_out)
        rows.append(
            {
                "id": f.phrase_id,
                "formula": f.phrase,
                "series": f.series or "",
                "first seen": f.first_seen.isoformat() if f.first_seen else "never",
                "last seen": f.last_seen.isoformat() if f.last_seen else "",
                "presence": f"(+{left_out}) {strip}" if left_out else strip,
                "drop-out": f"since {f.dropout.since.isoformat()}" if f.dropout else "",
                "variants": _variants(f, cut),
            }
        )
    columns = ["id", "formula", "first seen", "last seen", "presence", "drop-out", "variants"]
    if tl.series_field:
        columns.insert(2, "series")
    write_table(rows, columns, out, width=max(44, STRIP_WIDTH + 8), cut=cut)
    legend = "one mark per dated document, oldest first"
    if hidden:
        legend += (
            f" (on this terminal only the last {STRIP_WIDTH}; (+N): N earlier documents"
            " not shown, all are in the output of | cat or --format csv)"
        )
    out.write(f"\npresence: {legend}: # present  ~ variant  . absent\n")
    _render_wordings(tl, out)
    undated = {u.doc_id for f in tl.formulas for u in f.undated}
    if undated:
        out.write(f"undated documents (not in the strip): {len(undated)}\n")
    if tl.dropouts:
        out.write("\ndrop-outs:\n")
        for d in tl.dropouts:
            f = next(x for x in tl.formulas if x.phrase_id == d.phrase_id and x.series == d.series)
            out.write(f"  {d.phrase_id} {f.phrase!r}: {d.message}\n")

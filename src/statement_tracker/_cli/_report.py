"""The ``report`` subcommand: the timeline of a corpus as one self-contained HTML page.

``statement-tracker report PATHS... (--watchlist FILE | --phrase TEXT ...) [--db FILE]
[--series NAME] [--group-by FIELD] [--formula ID] [-o FILE] [--diffs K] [--with-diff]
[--discover [N]]``

Documents and the watchlist are read exactly as ``track`` and ``timeline`` read
them (:func:`~statement_tracker._cli._track.documents`,
:func:`~statement_tracker._cli._track.watchlist_from_args`); the page is
:func:`~statement_tracker.render_timeline_html`.  Unlike ``timeline``, the
documents' texts are kept until the page is written, for the snippets.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._errors import UsageError
from ._common import open_output, warn
from ._track import add_timeline_inputs, read_with_progress, resolve_grouping, watchlist_from_args

if TYPE_CHECKING:
    from .._diff import Diff
    from .._text import Document

__all__ = ["last_pair", "register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``report``."""
    p = sub.add_parser(
        "report",
        help="write the timeline as a self-contained HTML page (drop-outs, variants, evidence)",
        description="Track the watchlist and write one HTML page for people: per formula a "
        "strip of documents in date order (present, variant, absent, undated), first and last "
        "seen, drop-outs, wordings, and every occurrence in context with its score; the list "
        "of documents; the redlines of the last consecutive readouts.",
    )
    add_timeline_inputs(p)
    p.add_argument("--title", metavar="TEXT", help="the page heading (default: date range)")
    p.add_argument(
        "--with-diff",
        action="store_true",
        help="the redline of the last readout against the previous one like it (same "
        "language, same publisher when possible) even when --diffs is 0",
    )
    p.add_argument(
        "--diffs",
        type=int,
        default=3,
        metavar="K",
        help="redlines of the last K pairs of consecutive readouts of each series (default: 3; "
        "0: none); the page says how many pairs there are in all",
    )
    p.add_argument(
        "--discover",
        type=int,
        nargs="?",
        const=10,
        default=0,
        metavar="N",
        help="also find the top N recurring formulas without the watchlist (default N: 10), "
        "list them and track them as D01, D02 …",
    )
    p.set_defaults(func=_report)


def last_pair(docs: Sequence[Document], series: str | None = None) -> tuple[Document, Document]:
    """The latest dated document and the previous one like it, to diff.

    "Like it": the same language (and series value, when grouped by ``series``),
    from the same publisher when there is one.

    Raises:
        UsageError: No earlier dated document shares the latest one's language.

    >>> from statement_tracker import Document
    >>> a = Document.from_text("Old.", source="a", date="2024-01-01", publisher="x")
    >>> b = Document.from_text("Newer.", source="b", date="2024-02-01", publisher="y")
    >>> c = Document.from_text("Новый.", source="c", date="2024-02-15", publisher="x")
    >>> d = Document.from_text("New.", source="d", date="2024-03-01", publisher="x")
    >>> [x.source for x in last_pair([d, c, b, a])]
    ['a', 'd']
    """
    dated = sorted((d for d in docs if d.date is not None), key=lambda d: (d.date, d.source))
    if dated:
        new = dated[-1]
        key = getattr(new, series, None) if series else None
        like = [
            old
            for old in dated[:-1]
            if old.language == new.language
            and old.doc_id != new.doc_id
            and (series is None or getattr(old, series, None) == key)
        ]
        same = [old for old in like if old.publisher == new.publisher]
        if same or like:
            return (same or like)[-1], new
    raise UsageError("--with-diff", "needs two dated readouts in the same language")


def _report(args: argparse.Namespace) -> int:
    from .._diff import diff
    from .._discover import discover
    from .._report import consecutive_pairs, discovered_phrases, render_timeline_html
    from .._track import Watchlist, timeline, track

    if args.threshold is not None and not 0 <= args.threshold <= 100:
        raise UsageError("--threshold", f"{args.threshold:g} is outside 0-100")
    if args.min_run < 1:
        raise UsageError("--min-run", "must be at least 1")
    if args.diffs < 0:
        raise UsageError("--diffs", "must be 0 or more")
    if args.discover < 0:
        raise UsageError("--discover", "must be 1 or more")
    resolve_grouping(args)
    wl = watchlist_from_args(args)
    docs = list(read_with_progress(args, "reading"))
    found = discover(docs, top=args.discover) if args.discover and docs else []
    if found:
        wl = Watchlist([*wl, *discovered_phrases(found)]).with_match(getattr(args, "match", None))
    occ = track(docs, wl, threshold=args.threshold)
    tl = timeline(occ, docs, series=args.group_by, watchlist=wl, min_run=args.min_run)
    pairs, total = consecutive_pairs(docs, args.group_by, last=args.diffs)
    if args.with_diff and not pairs:
        try:
            pairs = [last_pair(docs, args.group_by)]
        except UsageError as exc:  # the page is still worth writing
            warn(args, f"{exc}; page written without it")
    redlines: list[Diff] = [diff(old, new, watchlist=wl) for old, new in pairs]
    page = render_timeline_html(
        tl, occ, docs, title=args.title, diffs=redlines, pairs=total, discovered=found
    )
    data = page.encode("utf-8", "replace")
    with open_output(args, binary=True) as out:
        out.write(data)
    return 0

"""Archive subcommands: ``add``, ``list``, ``show``, ``remove`` and ``compare``.

Every command takes ``--db FILE`` (default ``statement-tracker.db`` in the
current directory).  ``add`` and ``reindex`` show a progress bar on standard
error when it is a terminal and end with a one-line summary (not with
``--quiet``).  A series or document id that is not in the archive is an error
that says what is.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import StatementTrackerError, UsageError
from ._common import (
    EXIT_DIFFERENCES,
    EXIT_ERROR,
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
from ._inputs import (
    check_archive_series,
    get_document,
    get_entry,
    is_stdin,
    load_paths,
    read_stdin,
)
from ._progress import count_inputs, progress

if TYPE_CHECKING:
    from .._archive import Archive
    from .._text import Document
    from .._track import Occurrence, Watchlist

#: The archive used without ``--db`` (``statement_tracker._archive.DEFAULT_ARCHIVE``;
#: kept here so that the parser does not import the archive).
DEFAULT_ARCHIVE = "statement-tracker.db"

__all__ = [
    "add_db_option",
    "archive_documents",
    "db_path",
    "language_counts",
    "register",
    "resolve_document",
    "track_archive",
]


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--db FILE`` (the archive) to a subcommand."""
    parser.add_argument(
        "--db",
        metavar="FILE",
        default=None,
        help=f"the archive file (default: ./{DEFAULT_ARCHIVE})",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the archive subcommands."""
    p = sub.add_parser(
        "add",
        help="add readouts to the archive (skips exact duplicates)",
        description="Add files, directories or JSONL corpora to the archive. A text already "
        "stored is skipped; a changed text at a known URL or source is stored as a new version.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, directories or .jsonl(.gz); - reads one document from standard input",
    )
    add_db_option(p)
    p.add_argument(
        "--series", metavar="NAME", help="put every added document in this series (new or not)"
    )
    add_manifest(p)
    add_progress(p)
    p.set_defaults(func=_add)

    p = sub.add_parser("list", help="list the archived documents")
    add_db_option(p)
    p.add_argument("--series", metavar="NAME", help="only documents in this series")
    p.add_argument("--since", metavar="DATE", help="only documents dated on or after DATE")
    p.add_argument("--all-versions", action="store_true", help="also list superseded versions")
    add_format(p, ("table", "jsonl"), "table")
    add_output(p)
    p.set_defaults(func=_list)

    p = sub.add_parser("show", help="show one archived document, its versions and its text")
    p.add_argument("doc_id", metavar="DOC_ID", help="a document id (or a unique prefix)")
    add_db_option(p)
    add_format(p, ("text", "json"), "text")
    add_output(p)
    p.set_defaults(func=_show)

    p = sub.add_parser("remove", help="remove one archived document (one version)")
    p.add_argument("doc_id", metavar="DOC_ID", help="a document id (or a unique prefix)")
    add_db_option(p)
    p.set_defaults(func=_remove)

    p = sub.add_parser(
        "reindex",
        help="rebuild the archive's word index (after upgrading statement-tracker)",
    )
    add_db_option(p)
    add_progress(p)
    p.set_defaults(func=_reindex)

    p = sub.add_parser(
        "compare",
        help="what is new in a readout, against the archive of its series",
        description="Compare a new readout with the archive: watchlist formulas present and "
        "dropped, sentences new to the archive and recurring ones (with their first "
        "appearance), and the diff against the series' previous readout.",
    )
    p.add_argument(
        "new_path",
        metavar="NEW_PATH",
        help="the new readout: a file, - for standard input, or a document id",
    )
    add_db_option(p)
    p.add_argument(
        "--series",
        metavar="NAME",
        help="the series to compare against (default: the readout's own); it must be in "
        "the archive",
    )
    p.add_argument(
        "--watchlist",
        metavar="FILE",
        help="a watchlist file (TOML or text); default: the one saved for the series",
    )
    p.add_argument(
        "--save-watchlist",
        action="store_true",
        help="save --watchlist in the archive as the series' default",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="similarity (0-100) at which a sentence counts as recurring (default: 80)",
    )
    add_format(p, ("text", "json", "html"), "text")
    add_output(p)
    p.add_argument("--add", action="store_true", help="then add the readout to the archive")
    p.add_argument(
        "--exit-code",
        action="store_true",
        help="exit with status 1 when the readout has sentences new to the series or lacks "
        "a watchlist formula of earlier readouts (as `git diff --exit-code`), else 0",
    )
    p.set_defaults(func=_compare)


def db_path(args: argparse.Namespace) -> str:
    """The archive named by ``--db``, or the default."""
    return str(getattr(args, "db", None) or DEFAULT_ARCHIVE)


def resolve_document(ref: str, db: str | None) -> Document:
    """The document ``ref`` names: a file, or (with an archive) a stored document id.

    ``-`` is standard input; a path that exists is always read as a file; anything
    else is looked up in the archive ``db`` (a unique id prefix works).
    """
    if is_stdin(ref):
        return read_stdin()
    if db is None or os.path.exists(ref):
        from .._ingest import load

        return load(ref)
    from .._archive import Archive

    with Archive.open(db, create=False, readonly=True) as archive:
        return get_document(archive, ref)


def archive_documents(
    db: str, refs: Sequence[str], *, series: str | None = None
) -> Iterator[Document]:
    """Documents for ``track``/``timeline``/``report --db``: the named ones, or every
    current one; with ``series`` (which must exist), only those of that series."""
    import attrs

    from .._archive import Archive

    with Archive.open(db, create=False, readonly=True) as archive:
        if series is not None:
            check_archive_series(archive, series)
        if not refs:
            yield from archive.documents(series=series)
            return
        for ref in refs:
            if is_stdin(ref) or os.path.exists(ref):
                docs = list(load_paths([ref]))
                yield from (d for d in docs if series is None or d.series == series)
                continue
            doc = get_document(archive, ref)
            if series is None:
                yield doc
            elif series in get_entry(archive, ref).series:
                yield attrs.evolve(doc, series=series)


def track_archive(
    db: str, watchlist: Watchlist, *, threshold: float | None = None, series: str | None = None
) -> tuple[list[Occurrence], list[Document]]:
    """Track over a whole archive with its persisted index (``track --db FILE``, no paths).

    Returns the occurrences and, for the timeline, the archive's current
    documents without their text (``series`` is the comma-joined series names);
    with ``series``, only those of that series (which must exist).
    """
    from .._archive import Archive
    from .._text import Document

    with Archive.open(db, create=False, readonly=True) as archive:
        if series is not None:
            check_archive_series(archive, series)
        occ = archive.track(watchlist, threshold=threshold)
        docs = [
            Document(
                doc_id=e.doc_id,
                source=e.source,
                title=e.title,
                date=e.date,
                publisher=e.publisher,
                url=e.url,
                language=e.language,
                sha256=e.sha256,
                text="",
                series=",".join(e.series) or None,
            )
            for e in archive.entries(series=series)
        ]
    if series is not None:
        kept = {d.doc_id for d in docs}
        occ = type(occ)((o for o in occ if o.doc_id in kept), watchlist=occ.watchlist)
    return occ, docs


def _add(args: argparse.Namespace) -> int:
    from .._archive import Archive

    errors: list[tuple[str, str]] = []

    def on_error(exc: StatementTrackerError) -> None:
        errors.append((exc.path or "?", exc.detail))

    loaded = load_paths(args.paths, errors="skip", on_error=on_error)
    inputs = with_manifest(args, loaded)  # a bad table or --language fails here
    with Archive.open(db_path(args)) as archive:
        docs = progress(inputs, args, label="adding", total=lambda: count_inputs(args.paths))
        result = archive.add(docs, series=args.series)
        archive.store.checkpoint()
    for source, message in (*errors, *result.errors):
        print(f"statement-tracker: {source}: {message}", file=sys.stderr)
    n_errors = len(errors) + len(result.errors)
    if not is_quiet(args):
        print(
            f"{result.summary().rsplit(',', 1)[0]}, {n_errors} error{'s' * (n_errors != 1)}"
            f" -> {archive.path}"
        )
    return EXIT_ERROR if n_errors else 0


def _list(args: argparse.Namespace) -> int:
    from .._archive import Archive

    with Archive.open(db_path(args), create=False, readonly=True) as archive:
        if args.series is not None:
            check_archive_series(archive, args.series)
        entries = archive.entries(
            series=args.series, since=args.since, all_versions=args.all_versions
        )
    with open_output(args) as out:
        _write_list(args, entries, out)
    return 0


def _write_list(args: argparse.Namespace, entries: Sequence[Any], out: Any) -> None:
    if args.format == "jsonl":
        write_jsonl((e.to_dict() for e in entries), out)
        return
    rows = [
        {
            "doc_id": e.doc_id,
            "date": e.date.isoformat() if e.date else "",
            "v": f"{e.version}{'' if e.current else '*'}",
            "series": ",".join(e.series),
            "title": e.title or e.source,
        }
        for e in entries
    ]
    write_table(rows, ("doc_id", "date", "v", "series", "title"), out)
    if entries:
        out.write(f"languages: {language_counts(e.language for e in entries)}\n")


def language_counts(languages: Iterable[str]) -> str:
    """The number of documents per language, most frequent first: ``"en 120, ru 5, zh 3"``.

    >>> language_counts(["ru", "en", "zh", "en", "uk"])
    'en 2, ru 1, uk 1, zh 1'
    """
    ranked = sorted(Counter(languages).items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{code} {n}" for code, n in ranked)


def _show(args: argparse.Namespace) -> int:
    from .._archive import Archive

    with Archive.open(db_path(args), create=False, readonly=True) as archive:
        entry = get_entry(archive, args.doc_id)
        doc = archive.get(entry.doc_id)
        versions = archive.versions(entry.doc_id)
    with open_output(args) as out:
        if args.format == "json":
            data: dict[str, Any] = entry.to_dict()
            data["versions"] = [v.to_dict() for v in versions]
            data["text"] = doc.text
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            return 0
        for key, value in entry.to_dict().items():
            if isinstance(value, list):
                value = ", ".join(value)
            out.write(f"{key + ':':<11} {'' if value is None else value}\n")
        if len(versions) > 1:
            out.write("versions:\n")
            for v in versions:
                mark = "*" if v.doc_id == entry.doc_id else " "
                out.write(f"  {mark} v{v.version} {v.doc_id}  added {v.added_at}\n")
        out.write(f"\n{doc.text}\n")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from .._archive import Archive

    with Archive.open(db_path(args), create=False) as archive:
        entry = get_entry(archive, args.doc_id)
        archive.remove(entry.doc_id)
    if not is_quiet(args):
        print(f"removed {entry.doc_id} (v{entry.version}) {entry.title or entry.source}")
    return 0


def _reindex(args: argparse.Namespace) -> int:
    from .._archive import Archive

    with Archive.open(db_path(args), create=False) as archive:
        bar = progress(iter(()), args, label="indexing", total=len(archive.entries()))
        update = getattr(bar, "update", None)

        def step(done: int, total: int) -> None:
            if update is not None:
                bar.total = total  # type: ignore[attr-defined]
                update(done - bar.n)  # type: ignore[attr-defined]

        n = archive.reindex(progress=step)
        getattr(bar, "close", lambda: None)()
    if not is_quiet(args):
        print(f"re-indexed {n} document{'s' * (n != 1)} -> {archive.path}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    from .._archive import Archive, render_comparison_text

    if args.threshold is not None and not 0 <= args.threshold <= 100:
        raise UsageError(None, f"--threshold must be between 0 and 100, not {args.threshold}")
    watchlist = _watchlist(args.watchlist)
    if args.save_watchlist and (watchlist is None or not args.series):
        raise UsageError("--save-watchlist", "needs --watchlist FILE and --series NAME")
    with Archive.open(db_path(args), create=args.add or args.save_watchlist) as archive:
        new_doc = _new_document(archive, args.new_path)
        series = args.series or new_doc.series
        if series is not None and not args.save_watchlist:
            check_archive_series(archive, series)  # not a whole readout "new" for a typo
        if args.save_watchlist and watchlist is not None:
            archive.save_watchlist(args.series, watchlist)
        comparison = archive.compare(
            new_doc,
            series=args.series,
            watchlist=watchlist,
            add=args.add,
            threshold=args.threshold,
        )
    with open_output(args) as out:
        if args.format == "json":
            out.write(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n")
        elif args.format == "html":
            from .._report import render_comparison_html

            out.write(render_comparison_html(comparison))
        else:
            out.write(render_comparison_text(comparison, width=100 if is_terminal(out) else None))
    if args.exit_code and _has_news(comparison):
        return EXIT_DIFFERENCES
    return 0


def _has_news(comparison: Any) -> bool:
    """Sentences new to the series, or a watchlist formula of earlier readouts absent."""
    return bool(comparison.new_sentences or comparison.absent)


def _watchlist(path: str | None) -> Watchlist | None:
    from .._track import Watchlist

    return None if path is None else Watchlist.from_file(path)


def _new_document(archive: Archive, ref: str) -> Document:
    if is_stdin(ref):
        return read_stdin()
    if os.path.exists(ref):
        from .._ingest import load

        return load(ref)
    return get_document(archive, ref)

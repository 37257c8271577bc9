"""The ``diff`` subcommand: what changed between two readouts, sentence by sentence.

``statement-tracker diff OLD NEW [--watchlist FILE] [--format text|json|html] [-o FILE]
[--exit-code]``

OLD and NEW are files in any format :func:`statement_tracker.load` reads
(HTML, Markdown, plain text), so an HTML page and the Markdown of the same
readout compare by content, not markup; ``-`` is standard input.  Documents are
loaded by :func:`load_document`, the one place to extend for other kinds of
reference.  With ``--exit-code`` the status says whether they differ, as
``git diff --exit-code``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, TYPE_CHECKING

from .._errors import UsageError
from ._common import EXIT_DIFFERENCES, add_format, add_output, is_terminal, open_output
from ._store import add_db_option, resolve_document

if TYPE_CHECKING:
    from .._diff import Diff
    from .._text import Document

__all__ = ["load_document", "register", "write_diff"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``diff``."""
    p = sub.add_parser(
        "diff",
        help="compare two readouts: kept, typographic, reworded, added, removed, moved",
        description="Compare two readouts sentence by sentence. Each sentence is kept, "
        "typographic (only quotes, dashes, spacing, case or punctuation differ), reworded "
        "(with its word edits), added or removed; a paired sentence that changed place "
        "relative to its neighbours is marked moved.",
    )
    p.add_argument(
        "old",
        metavar="OLD",
        help="the earlier readout (HTML, Markdown or text; - for standard input)",
    )
    p.add_argument("new", metavar="NEW", help="the later readout (- for standard input)")
    add_db_option(p)  # with --db, OLD and NEW may also be document ids in the archive
    p.add_argument(
        "--watchlist",
        metavar="FILE",
        help="watchlist (.txt or .toml): name formulas that appear, disappear or change wording",
    )
    p.add_argument(
        "--threshold",
        type=float,
        metavar="SCORE",
        help="token similarity (0-100) for two sentences to pair as reworded (default: 55)",
    )
    add_format(p, ("text", "json", "html"), "text")
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text format (default: auto, when writing to a terminal)",
    )
    add_output(p)
    p.add_argument(
        "--exit-code",
        action="store_true",
        help="exit with status 1 when the readouts differ (a sentence not kept, or moved), 0 "
        "when they do not, as `git diff --exit-code`; with --quiet nothing is written",
    )
    p.set_defaults(func=_diff)


def load_document(ref: str, args: argparse.Namespace) -> Document:
    """Load the document named by ``ref`` on the command line (a file path).

    ``args`` is passed along so that other sources (an archive given with
    ``--db``) can be added here without touching the command.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("Both sides met.", encoding="utf-8")
    >>> load_document(str(p), argparse.Namespace()).text
    'Both sides met.'
    """
    return resolve_document(ref, getattr(args, "db", None))


def write_diff(
    d: Diff,
    fmt: str,
    out: IO[str],
    *,
    color: bool | None = None,
    title: str | None = None,
    old: Document | None = None,
    new: Document | None = None,
) -> None:
    """Write a diff as ``text``, ``json`` (``Diff.to_dict()``) or ``html`` (headed ``title``).

    ``old`` and ``new`` name the two readouts (title, date, id, file, URL) in the
    text and HTML, and under ``"old"`` and ``"new"`` in the JSON.

    >>> import io
    >>> from statement_tracker import diff
    >>> buf = io.StringIO()
    >>> write_diff(diff("One here.", "Two here."), "json", buf)
    >>> sorted(json.loads(buf.getvalue()))
    ['changes', 'new_doc_id', 'old_doc_id', 'summary']
    """
    from .._report import describe_side, render_diff_html, render_diff_text

    if fmt == "json":
        data = d.to_dict()
        for side, doc in (("old", old), ("new", new)):
            if doc is not None:
                data[side] = dict(describe_side(doc, doc.doc_id))
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "html":
        out.write(render_diff_html(d, title=title, old=old, new=new))
        out.write("\n")
    else:
        out.write(render_diff_text(d, color=color, old=old, new=new))
        out.write("\n")


def _diff(args: argparse.Namespace) -> int:
    from .._diff import diff
    from .._track import Watchlist

    if args.old == "-" and args.new == "-":
        raise UsageError("-", "standard input can be only one of OLD and NEW")
    watchlist = Watchlist.from_file(args.watchlist) if args.watchlist else None
    old = load_document(args.old, args)
    new = load_document(args.new, args)
    d = diff(old, new, watchlist=watchlist, threshold=args.threshold)
    title = f"Changes from {_name(old)} to {_name(new)}"
    differ = any(c.kind != "kept" or c.moved for c in d.changes)
    if args.exit_code and getattr(args, "quiet", False):
        return EXIT_DIFFERENCES if differ else 0  # the status is the answer, as git diff
    with open_output(args) as out:
        color = {"always": True, "never": False}.get(args.color)
        if color is None:
            color = is_terminal(out) and out is sys.stdout
        write_diff(d, args.format, out, color=color, title=title, old=old, new=new)
    return EXIT_DIFFERENCES if args.exit_code and differ else 0


def _name(doc: Document) -> str:
    """A document as a reader knows it: its title (or source) and date."""
    name = doc.title or doc.source
    return f"{name} ({doc.date.isoformat()})" if doc.date else name

"""What ``--help`` shows beyond the options: an example per command and the exit codes.

:func:`finish` is applied to every subcommand once all are registered, so each
``statement-tracker COMMAND --help`` ends the same way: its examples (commands
that run from the repository's root, on ``fixtures/``), ``-q/--quiet`` and the
exit codes.  ``tests/cli/test_help.py`` runs the examples.
"""

from __future__ import annotations

import argparse
import textwrap

__all__ = ["EXAMPLES", "EXIT_CODES", "HelpFormatter", "finish"]

#: The exit codes of every command, as ``--help`` and ``docs/cli.md`` state them.
EXIT_CODES = """\
exit status:
  0    success (with --exit-code: no difference found)
  1    with --exit-code only: diff found the readouts differ, or compare found
       sentences new to the series or a formula of earlier readouts missing
  2    usage error or bad input: an unknown option, series, formula or document
       id, a file that cannot be read or written (in a batch the other inputs
       are still processed)
  130  interrupted (Ctrl-C)"""

_READOUTS = "fixtures/readouts"
_WATCHLIST = "fixtures/watchlist.toml"
_OLD = "fixtures/readouts/2023-05-11_corvan-arendt-talks-altenhaven.html"
_NEW = "fixtures/readouts/2025-06-03_corvan-arendt-talks-castelgrad.html"

#: Example command lines for each subcommand (without the leading ``statement-tracker``),
#: in an order that runs: ``add`` before the commands that read the archive it makes.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "extract": (f"extract {_READOUTS} --format table", f"cat {_NEW} | statement-tracker extract -"),
    "records": (f"records {_NEW} --kind quote --format table",),
    "track": (
        f"track {_READOUTS} --watchlist {_WATCHLIST} --format csv -o occurrences.csv",
        f'track {_READOUTS} --phrase "Amber Corridor" --format table',
    ),
    "timeline": (
        f"timeline {_READOUTS} --watchlist {_WATCHLIST}",
        f"timeline {_READOUTS} --watchlist {_WATCHLIST} --group-by language --format csv",
    ),
    "report": (f"report {_READOUTS} --watchlist {_WATCHLIST} -o report.html",),
    "diff": (
        f"diff {_OLD} {_NEW} --watchlist {_WATCHLIST}",
        f"diff {_OLD} {_NEW} --exit-code --quiet",
    ),
    "add": (f"add {_READOUTS} --db archive.db --series corvan",),
    "list": ("list --db archive.db --series corvan --since 2024-01-01",),
    "show": ("show --db archive.db da87c3215a34",),
    "compare": (f"compare {_NEW} --db archive.db --series corvan --watchlist {_WATCHLIST}",),
    "reindex": ("reindex --db archive.db",),
    "sources": (f"sources {_NEW} {_READOUTS} --format table",),
    "discover": (f"discover {_READOUTS} --min-docs 4 --top 10",),
    "remove": ("remove --db archive.db da87c3215a34",),
}


class HelpFormatter(argparse.HelpFormatter):
    """Wraps the description like argparse does, but keeps indented lines as written
    (the examples and the exit codes of the epilog).

    >>> f = HelpFormatter("prog")
    >>> f._fill_text("a b\\n\\n  keep   this", 40, "")
    'a b\\n\\n  keep   this'
    """

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for block in text.split("\n\n"):
            lines = block.splitlines()
            if any(line.startswith(" ") for line in lines[1:]) or block.startswith(" "):
                out.append("\n".join(indent + line for line in lines))
            else:
                out.append(textwrap.fill(" ".join(block.split()), width, initial_indent=indent,
                                         subsequent_indent=indent))  # fmt: skip
        return "\n\n".join(out)


def _examples(name: str) -> str:
    lines = [
        f"  {line}" if line.startswith("cat ") else f"  statement-tracker {line}"
        for line in EXAMPLES.get(name, ())
    ]
    if not lines:
        return ""
    return ("example:\n" if len(lines) == 1 else "examples:\n") + "\n".join(lines)


def finish(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Give every subcommand ``-q/--quiet``, its examples and the exit codes in its epilog."""
    for name, parser in sub.choices.items():
        parser.formatter_class = HelpFormatter
        parser.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            default=argparse.SUPPRESS,  # keeps a `statement-tracker -q COMMAND` given before
            help="no progress bar, summary or warning on standard error (errors still are)",
        )
        parts = [p for p in (parser.epilog, _examples(name), EXIT_CODES) if p]
        parser.epilog = "\n\n".join(parts)

"""The ``statement-tracker`` command: a thin layer over the library.

Each stage registers its subcommands from its own module in this package; this
module builds the parser, runs the command and turns every
:class:`~statement_tracker.StatementTrackerError` into a one-line message and
exit status 2, never a traceback (the exit codes are in :mod:`._help`).

Start-up stays light: the modules of this package import the pipeline stages
inside the functions that run a command, so ``--help``, ``--version`` and a
usage error load neither lxml, rapidfuzz, numpy nor the language models
(``tests/cli/test_startup.py``, ``benchmarks/bench_cli.py``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from .._errors import StatementTrackerError
from ._common import EXIT_ERROR
from ._help import EXIT_CODES, HelpFormatter, finish

__all__ = ["main"]

# Modules in this package that define ``register(subparsers)``; one per pipeline stage.
# In the order of the help's command list: reading, tracking, diffing, the archive, sources.
_COMMAND_MODULES: tuple[str, ...] = (
    "_ingest",
    "_segment",
    "_track",
    "_report",
    "_diff",
    "_store",
    "_sources",
)

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand.

    >>> build_parser().prog
    'statement-tracker'
    """
    parser = argparse.ArgumentParser(
        prog="statement-tracker",
        description="Follow what governments say: ingest readouts, track formulas, diff readouts.",
        epilog="Run `statement-tracker COMMAND --help` for a command's options and examples."
        f"\n\n{EXIT_CODES}",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar, summary or warning on standard error (errors still are)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    finish(sub)
    return parser


class _Version(argparse.Action):
    """``--version``: the version is read from the package metadata only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from .. import __version__

        sys.stdout.write(f"{parser.prog} {__version__}\n")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    >>> main(["--version"])  # doctest: +SKIP
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = args.func(args)
    except StatementTrackerError as exc:
        print(f"statement-tracker: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("statement-tracker: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (head, less) went away: not an error of ours; point stdout at
        # devnull so the interpreter's final flush does not raise again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return int(status or 0)

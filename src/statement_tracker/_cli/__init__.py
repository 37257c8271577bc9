"""The ``statement-tracker`` command: a thin layer over the library.

Each stage registers its subcommands from its own module in this package; this
module builds the parser, runs the command and turns every
:class:`~statement_tracker.StatementTrackerError` into a one-line message and a
non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from .._errors import StatementTrackerError

__all__ = ["main"]

# Modules in this package that define ``register(subparsers)``; one per pipeline stage.
_COMMAND_MODULES: tuple[str, ...] = (
    "_diff",
    "_ingest",
    "_report",
    "_segment",
    "_sources",
    "_store",
    "_track",
)

EXIT_ERROR = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand.

    >>> build_parser().prog
    'statement-tracker'
    """
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="statement-tracker",
        description="Follow what governments say: ingest readouts, track formulas, diff readouts.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


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

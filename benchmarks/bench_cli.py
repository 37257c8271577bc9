"""Start-up time of the command line, against ``python -c pass`` in the same run.

Usage::

    python3 benchmarks/bench_cli.py [--repeat N] [--src DIR]

Each command runs ``--repeat`` times in a fresh interpreter (the one running this
script); the median wall time is printed with its ratio to ``python -c pass``
(the floor: an interpreter that starts and stops).  Commands:

* ``python -c pass``: the baseline;
* ``import statement_tracker._cli``: what the console script imports first;
* ``statement-tracker --help``, ``--version``, ``track --help``: light commands that
  must not load lxml, rapidfuzz, numpy, pymorphy3 or jieba;
* ``import statement_tracker; st.track``: the whole library loaded (what every
  command paid before the imports were made lazy), for scale;
* ``statement-tracker list --db A`` and ``show --db A ID`` on an archive of the
  fixture readouts (made in a temporary directory first): commands that read an
  archive and need none of the matcher's libraries (issue 16; they loaded all of them).

Also prints the cumulative import time of ``statement_tracker._cli`` reported by
``python -X importtime`` (median of the runs) and which heavy libraries ``--help``
loaded.  ``--src DIR`` measures another source tree (for example an older checkout
exported with ``git archive REV src | tar -x -C /tmp/before``) by putting DIR first
on ``PYTHONPATH``; the default is the installed package.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HEAVY = ("lxml", "rapidfuzz", "numpy", "pymorphy3", "rjieba", "jieba", "Stemmer")

COMMANDS: dict[str, list[str]] = {
    "python -c pass": ["-c", "pass"],
    "import statement_tracker._cli": ["-c", "import statement_tracker._cli"],
    "statement-tracker --help": ["-m", "statement_tracker", "--help"],
    "statement-tracker --version": ["-m", "statement_tracker", "--version"],
    "statement-tracker track --help": ["-m", "statement_tracker", "track", "--help"],
    "whole library (st.track)": ["-c", "import statement_tracker as st; st.track"],
}


def _env(src: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return env


def _wall(argv: list[str], env: dict[str, str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, *argv], env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _import_time(env: dict[str, str], repeat: int) -> float:
    """Median cumulative import time of statement_tracker._cli in seconds (-X importtime)."""
    found = []
    for _ in range(repeat):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import statement_tracker._cli"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        for line in result.stderr.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == "statement_tracker._cli":
                found.append(int(parts[1]) / 1e6)
    return statistics.median(found)


def _loaded(env: dict[str, str]) -> list[str]:
    probe = (
        "import sys\nfrom statement_tracker._cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print('loaded:', ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True
    ).stdout
    return [m for m in out.rsplit("loaded:", 1)[-1].strip().split(",") if m]


def _archive(folder: str, env: dict[str, str]) -> tuple[str, str]:
    """An archive of the fixture readouts in ``folder``, and the id of one document."""
    db = os.path.join(folder, "bench.db")
    here = os.path.dirname(os.path.abspath(__file__))
    readouts = os.path.join(here, "..", "fixtures", "readouts")
    subprocess.run(
        [sys.executable, "-m", "statement_tracker", "add", readouts, "--db", db, "--quiet"],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    listing = subprocess.run(
        [sys.executable, "-m", "statement_tracker", "list", "--db", db, "--format", "jsonl"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return db, json.loads(listing.splitlines()[0])["doc_id"]


def main() -> None:
    """Print the start-up table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per command (median)")
    parser.add_argument("--src", help="a source tree to measure instead of the installed one")
    args = parser.parse_args()
    env = _env(args.src)
    where = subprocess.run(
        [sys.executable, "-c", "import statement_tracker; print(statement_tracker.__file__)"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    print(f"package: {where}; {args.repeat} runs each, median wall time")
    tmp = tempfile.TemporaryDirectory()
    db, doc_id = _archive(tmp.name, env)
    commands = {
        **COMMANDS,
        "statement-tracker list --db A": ["-m", "statement_tracker", "list", "--db", db],
        "statement-tracker show --db A ID": ["-m", "statement_tracker", "show", "--db", db, doc_id],
    }
    base = None
    for name, argv in commands.items():
        seconds = _wall(argv, env, args.repeat)
        base = base or seconds
        print(f"  {name:<32} {seconds * 1000:8.1f} ms  {seconds / base:6.1f} x python -c pass")
    print(f"  import time of statement_tracker._cli (-X importtime): "
          f"{_import_time(env, args.repeat) * 1000:.1f} ms")  # fmt: skip
    heavy = _loaded(env)
    print(f"  heavy libraries loaded by --help: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()

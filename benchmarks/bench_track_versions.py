"""``track()`` of this checkout against an earlier commit, timed in alternation in one run.

    python3 benchmarks/bench_track_versions.py --baseline 4d934cf [--limit 4000] [--rounds 5]

Issue 18 asks that tracking on the White House corpus stay within 1.1x of its speed
before the language work (stemmers, word-level Chinese, typed translations). This
script exports the ``src/`` tree of ``--baseline`` (any git revision) into a temporary
directory, then runs the same measurement in a fresh interpreter per round for each
version, alternating baseline and current so that other load on the machine weighs on
both alike:

* the first ``--limit`` White House documents are loaded with that version's
  ``load_corpus`` (not timed);
* the watchlist is ``benchmarks/watchlist_100.txt`` (100 policy formulas), read with
  that version's ``Watchlist.from_file``;
* ``track(docs, watchlist)`` is timed end to end (normalising included) in CPU seconds
  of its process (it runs on one core; other load on the machine then weighs less),
  after one untimed warm-up call on the first 50 documents (imports and caches).

It prints each round, the best time of each version, the ratio current/baseline
(target: at most 1.1) and the number of occurrences each version finds (they may
differ: the matcher changed between versions).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WATCHLIST = ROOT / "benchmarks" / "watchlist_100.txt"

_WORKER = r"""
import gzip, itertools, json, sys, time
sys.path.insert(0, sys.argv[1])
import statement_tracker as st
assert st.__file__.startswith(sys.argv[1]), st.__file__
corpus, watchlist_path, limit = sys.argv[2], sys.argv[3], int(sys.argv[4])
docs = list(itertools.islice(st.load_corpus([corpus]), limit))
watchlist = st.Watchlist.from_file(watchlist_path)
st.track(docs[:50], watchlist)
t0 = time.process_time()
occ = st.track(docs, watchlist)
seconds = time.process_time() - t0
print(json.dumps({"seconds": seconds, "occurrences": len(occ), "documents": len(docs)}))
"""


def export(rev: str, into: Path) -> Path:
    """Write the ``src/`` tree of git revision ``rev`` under ``into``; return its ``src``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "src"],
        check=True,
        capture_output=True,
    ).stdout
    tar_path = into / "src.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def run(src: Path, corpus: Path, limit: int) -> dict[str, float]:
    """One timed round of one version, in a fresh interpreter."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", _WORKER, str(src), str(corpus), str(WATCHLIST), str(limit)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> int:
    """Parse the arguments, run the rounds, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", required=True, help="git revision to compare against")
    parser.add_argument("--limit", type=int, default=4000, help="first N documents")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per version")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import _track_data as data

    if not data.WHITEHOUSE.exists():
        print(f"the White House corpus is missing: {data.WHITEHOUSE}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        base_src = export(args.baseline, Path(tmp))
        versions = {"baseline": base_src, "current": ROOT / "src"}
        best: dict[str, dict[str, float]] = {}
        for i in range(args.rounds):
            for name, src in versions.items():
                result = run(src, data.WHITEHOUSE, args.limit)
                found, docs = int(result["occurrences"]), int(result["documents"])
                print(
                    f"round {i + 1} {name:8}: {result['seconds']:.2f} s, "
                    f"{found} occurrences in {docs} documents",
                    flush=True,
                )
                if name not in best or result["seconds"] < best[name]["seconds"]:
                    best[name] = result
    base, cur = best["baseline"]["seconds"], best["current"]["seconds"]
    print(f"best of {args.rounds}: baseline ({args.baseline}) {base:.2f} s, current {cur:.2f} s")
    print(f"current / baseline: {cur / base:.2f}x (target: at most 1.1x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

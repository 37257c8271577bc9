"""Benchmark discovery over the whole White House corpus: time and peak memory.

Target: under 5 minutes and 2 GB on the 2-core reference machine.  The
baseline measured in the same run is reading the corpus alone (ingest), so the
ratio shows what discovery adds on top of loading the documents.

Run: ``python3 benchmarks/bench_discover.py`` (a few minutes; run it alone).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

from statement_tracker._discover._discover import discover
from statement_tracker._ingest._load import load_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process: what the run costs when other work shares the machine."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> int:
    path = SHARED / "whitehouse" / "briefings.jsonl.gz"
    t0, c0 = time.perf_counter(), _cpu()
    n = sum(len(d.text) for d in load_corpus([path]))
    t_read, c_read = time.perf_counter() - t0, _cpu() - c0
    print(f"baseline: reading {n / 1e6:.0f} MB of text took {t_read:.1f} s "
          f"({c_read:.1f} s CPU), peak {_peak_mb():.0f} MB")

    def progress(stage: str, done: int, total: int) -> None:
        if stage != "reading":
            print(f"  {time.perf_counter() - t1:6.1f} s ({_cpu() - c1:6.1f} s CPU)  {stage} "
                  f"{done}/{total}  peak {_peak_mb():.0f} MB", flush=True)

    t1, c1 = time.perf_counter(), _cpu()
    formulas = discover(load_corpus([path]), min_docs=3, top=50, progress=progress)
    t_disc, c_disc = time.perf_counter() - t1, _cpu() - c1
    peak = _peak_mb()
    print(f"discover: {t_disc:.1f} s wall, {c_disc:.1f} s CPU (reading included), peak "
          f"{peak:.0f} MB, {len(formulas)} formulas; {c_disc / c_read:.1f}x the reading CPU time")
    for i, f in enumerate(formulas[:20], start=1):
        print(f"  {i:2d}. {f.documents:5d} docs  {f.first_date}..{f.last_date}  {f.text}")
    ok = t_disc < 300 and peak < 2048
    print(f"target (< 300 s wall, < 2048 MB): {'met' if ok else 'NOT met'} "
          f"(CPU {c_disc:.0f} s, {'under' if c_disc < 300 else 'over'} 300 s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

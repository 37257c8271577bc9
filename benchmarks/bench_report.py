"""Benchmark the HTML timeline report over the whole White House corpus.

What ``statement-tracker report`` does, stage by stage: read the corpus (the
baseline), track the US–China watchlist, build the timeline, render the page,
and diff the last two readouts.  Prints each stage's time, the page's size per
section and the peak memory.  Aim (ours, not the issue's): rendering costs a
small fraction of tracking, the page stays a few MB, and memory stays under 1 GB
with every text kept for the snippets.

Run: ``python3 benchmarks/bench_report.py [--limit N] [-o FILE]`` (about a
minute; run it alone).
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from statement_tracker import Watchlist, diff, load_corpus, render_timeline_html, timeline, track
from statement_tracker._cli._report import last_pair

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"
SECTIONS = ("timeline", "formulas", "documents", "redline")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("-o", "--output", default=None, help="also write the page here")
    args = ap.parse_args()
    wl = Watchlist.from_file(ROOT / "benchmarks" / "uschina_watchlist.txt")
    t0 = time.perf_counter()
    docs = []
    for d in load_corpus([SHARED / "whitehouse" / "briefings.jsonl.gz"]):
        docs.append(d)
        if args.limit and len(docs) >= args.limit:
            break
    t_read = time.perf_counter() - t0
    print(
        f"baseline: read {len(docs)} documents ({sum(len(d.text) for d in docs) / 1e6:.0f} MB "
        f"of text) in {t_read:.1f} s, peak {_peak_mb():.0f} MB"
    )
    t = time.perf_counter()
    occ = track(docs, wl)
    t_track = time.perf_counter() - t
    t = time.perf_counter()
    tl = timeline(occ, docs, watchlist=wl)
    t_tl = time.perf_counter() - t
    t = time.perf_counter()
    old, new = last_pair(docs)
    red = diff(old, new, watchlist=wl)
    t_diff = time.perf_counter() - t
    t = time.perf_counter()
    page = render_timeline_html(tl, occ, docs, diff=red)
    t_render = time.perf_counter() - t
    print(f"track {len(wl)} formulas: {t_track:.1f} s, {len(occ)} occurrences")
    print(f"timeline: {t_tl:.2f} s; diff of the last two readouts: {t_diff:.2f} s")
    print(
        f"render: {t_render:.2f} s = {t_render / t_track:.2f}x the tracking time, "
        f"{t_render / t_read:.2f}x the reading time"
    )
    starts = [page.index(f'id="{s}"') for s in SECTIONS] + [len(page)]
    sizes = ", ".join(
        f"{s} {(starts[i + 1] - starts[i]) / 1e6:.2f}" for i, s in enumerate(SECTIONS)
    )
    print(f"page: {len(page.encode('utf-8')) / 1e6:.2f} MB ({sizes} MB); peak {_peak_mb():.0f} MB")
    if args.output:
        Path(args.output).write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

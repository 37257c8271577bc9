"""Every loader and stage on adversarial shapes of 0.25, 0.5 and 1 MB: is the work linear?

Shapes and stages are those of ``tests/_complexity.py``: short lines, one long
hard-wrapped paragraph, runs of spaces, dots, straight and curly quotes,
brackets, hyphens and "Mr. " repeated, fed to the plain-text, Markdown, HTML
and JSONL loaders, normalise, sentence and clause spans, quotations,
records, track, diff and adding to an archive.  Each time is the best of 3
CPU times (``time.process_time``: other processes on the machine do not
count); the baseline is the same stage on the smallest input, measured in the
same run, and each doubling may cost at most 2.5x (times under 0.1 s pass:
timer noise).  Prints one line per stage and shape, with MB/s at 1 MB, and
exits 1 if any is super-linear.

Usage (from the repository root)::

    nice -n 19 python3 benchmarks/bench_complexity.py [--stage NAME,...] [--shape NAME,...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import itertools

import _complexity as c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stage", default=",".join(c.STAGES), help="stages, joined by commas")
    ap.add_argument("--shape", default=",".join(c.SHAPES), help="shapes, joined by commas")
    ap.add_argument("--repeats", type=int, default=c.REPEATS, help="best of this many runs")
    args = ap.parse_args(argv)
    sizes = " ".join(f"{n / 2**20:g}MB" for n in c.SIZES)
    print(f"{'stage':14s} {'shape':18s} CPU s at {sizes}   ratios   MB/s at 1 MB")
    bad = []
    for stage in args.stage.split(","):
        for shape in args.shape.split(","):
            text = {n: c.SHAPES[shape](n) for n in c.SIZES}
            times = tuple(c.cpu_time(stage, text[n], repeats=args.repeats) for n in c.SIZES)
            ratios = [b / a if a else float("inf") for a, b in itertools.pairwise(times)]
            ok = c.linear(times)
            rate = (len(text[c.SIZES[-1]].encode()) / 2**20) / times[-1] if times[-1] else 0
            print(
                f"{stage:14s} {shape:18s} {' '.join(f'{t:7.3f}' for t in times)}   "
                f"{' '.join(f'{r:4.2f}' for r in ratios)}   {rate:8.1f}"
                f"{'' if ok else '   SUPER-LINEAR'}",
                flush=True,
            )
            if not ok:
                bad.append(f"{stage}/{shape}")
    print(f"super-linear: {', '.join(bad) if bad else 'none'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

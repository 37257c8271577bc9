"""Where the time of the tracking scan goes, stage by stage (for work on its speed).

    python3 benchmarks/profile_track.py [--mined] [--limit N]

Scans the normalised White House corpus with the 100 formulas of ``bench_track.py``
(or its ``--mined`` list) several times, each time with one more stage of the
prefix-scan path switched on, and prints the CPU time each stage adds:

1. spacing the text and the Aho-Corasick pass, counting and planning
   (``_scan_plan.PrefixPlan``), token bounds;
2. prefix hits to token numbers and keys (``Candidates._tokens_by_key``: the keys the
   plan looks up);
3. pieces checked whole (and whole-form occurrences);
4. windows around content-word anchors, verified;
5. everything (the same run as ``bench_track.py``'s scan, plus selection).

The stages are switched by replacing ``Candidates.run`` in this process only; the
occurrence count of the last run is the real one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _track_data as data
from bench_track import benchmark_watchlist

import statement_tracker as st
from statement_tracker._track import _scan_candidates
from statement_tracker._track._scan import PhraseIndex


def main(argv: list[str] | None = None) -> int:
    """Print the CPU time each stage of the scan adds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--mined", action="store_true", help="80 formulas mined from the corpus")
    args = parser.parse_args(argv)
    if not data.WHITEHOUSE.is_file():
        print(f"corpus not found: {data.WHITEHOUSE}", file=sys.stderr)
        return 2
    docs = []
    for doc in st.load_corpus([data.WHITEHOUSE]):
        docs.append(doc)
        if args.limit and len(docs) >= args.limit:
            break
    texts = [st.normalise_text(d.text) for d in docs]
    watchlist, _, _ = benchmark_watchlist(texts, mined=args.mined)
    print(f"{len(texts)} documents, {sum(map(len, texts)) / 1e6:.0f} MB, {len(watchlist)} formulas")

    real = _scan_candidates.Candidates.run

    def stage(keep: str) -> Any:
        def run(self: Any, hits: Any, wanted: Any, plan: Any, anchored: Any) -> Any:
            if keep == "none":
                return []
            if keep == "keys":
                forms = self._index.forms
                needed = {forms[fi].keys[lo + off] for (fi, lo, _, _, _), off, _ in plan}
                for a_plan in anchored:
                    needed.update(a_plan[2])
                self._tokens_by_key(hits, wanted, needed)
                return []
            return real(
                self,
                hits,
                wanted,
                plan if keep in ("pieces", "all") else [],
                anchored if keep in ("anchored", "all") else [],
            )

        return run

    previous = 0.0
    labels = {
        "none": "prefix pass, planning, token bounds",
        "keys": "+ hits to token numbers and keys",
        "pieces": "+ pieces checked whole",
        "anchored": "+ anchored windows (without pieces)",
        "all": "everything",
    }
    times: dict[str, float] = {}
    found = 0
    for keep in labels:
        _scan_candidates.Candidates.run = stage(keep)  # type: ignore[method-assign]
        best = float("inf")
        for _ in range(2):
            index = PhraseIndex(watchlist)
            t0 = time.process_time()
            found = sum(len(index.scan(t)) for t in texts)
            best = min(best, time.process_time() - t0)
        times[keep] = best
    _scan_candidates.Candidates.run = real  # type: ignore[method-assign]
    base = times["none"]
    for keep, label in labels.items():
        if keep == "none":
            print(f"{label:45s} {times[keep]:6.2f} s")
        elif keep == "anchored":
            print(f"{label:45s} {times[keep] - times['keys']:+6.2f} s")
        else:
            ref = times["pieces"] if keep == "all" else previous
            print(f"{label:45s} {times[keep] - ref:+6.2f} s   (total {times[keep]:.2f} s)")
        if keep != "anchored":
            previous = times[keep]
    print(f"occurrences (last run): {found:,}; CPU time, best of two runs; base {base:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``compare`` on a real series: the US–China leaders' readouts of 2021–2024.

Run:  python3 benchmarks/compare_uschina.py [--out DIR] [--threshold 85]

Series rule (printed with the list): White House documents whose id contains
"readout" and whose text mentions "Xi Jinping" or "President Xi" (the broad
set, printed for reference), narrowed to the *leaders'* readouts: ids of the
form ``readout-of-president-…biden…-with-president-xi-jinping…`` (calls and
meetings between President Biden and President Xi).

The readouts are added to a fresh archive in date order; each readout of
2022–2024 is compared (with benchmarks/uschina_watchlist.txt) against the
earlier ones before it is added.  The text report of every comparison is
printed; with ``--out`` the JSON of each goes there too (outside the project:
it quotes the corpus).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "whitehouse" / "briefings.jsonl.gz"
WATCHLIST = Path(__file__).resolve().parent / "uschina_watchlist.txt"
LEADERS = re.compile(r"readout-of-president-[a-z-]*biden[a-z-]*-with-president-xi-jinping")


def select(subset: Path) -> tuple[list[str], list[str]]:
    """Return (broad ids, leaders' readout ids) in date order; write the leaders' records
    to ``subset`` (a JSONL file outside the project) so only they are loaded."""
    broad: list[tuple[str, str, str]] = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if "readout" in rec["id"] and (
                "Xi Jinping" in rec["text"] or "President Xi" in rec["text"]
            ):
                broad.append((rec["date"], rec["id"], line))
    broad.sort()
    leaders = [(i, line) for _, i, line in broad if LEADERS.search(i)]
    subset.write_text("".join(line for _, line in leaders), encoding="utf-8")
    return [i for _, i, _ in broad], [i for i, _ in leaders]


def main() -> int:
    """Build the series archive and compare each 2022–2024 readout with the earlier ones."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="write each comparison's JSON here")
    ap.add_argument("--threshold", type=float, default=None)
    args = ap.parse_args()
    from statement_tracker import Archive, Watchlist, load_corpus
    from statement_tracker._archive._compare import render_comparison_text

    work = Path(tempfile.mkdtemp(prefix="uschina_"))
    broad, leaders = select(work / "leaders.jsonl")
    print(f"broad rule (id has 'readout', text mentions Xi): {len(broad)} documents")
    print(f"leaders' rule ({LEADERS.pattern}): {len(leaders)} readouts")
    docs = list(load_corpus([work / "leaders.jsonl"]))
    docs.sort(key=lambda d: (d.date, d.source))
    for d in docs:
        print(f"  {d.date}  {d.doc_id}  {d.title}")
    wl = Watchlist.from_file(WATCHLIST)
    out = Path(args.out) if args.out else None
    if out:
        out.mkdir(parents=True, exist_ok=True)
    db = work / "uschina.db"
    with Archive.open(db) as archive:
        for doc in docs:
            if doc.date is None or doc.date.year < 2022:
                archive.add([doc], series="us-china")
                continue
            t0 = time.perf_counter()
            c = archive.compare(
                doc, series="us-china", watchlist=wl, threshold=args.threshold, add=True
            )
            took = time.perf_counter() - t0
            print("\n" + "=" * 100)
            print(render_comparison_text(c, width=160), end="")
            print(f"(compare took {took:.2f} s)")
            if out:
                name = f"{doc.date}_{doc.doc_id}.json"
                (out / name).write_text(json.dumps(c.to_dict(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

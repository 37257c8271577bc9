"""Evaluate discovery on the US–China leaders' readouts of the White House corpus.

The series: White House releases whose id contains "readout" and whose text
names President Xi / Xi Jinping.  The formulas that recur across those
readouts (found by reading them) must be among the top 50 discovered, and no
boilerplate may be: nothing of site chrome, sign-offs, datelines or dates, and
nothing found in more than a fifth of all White House releases (site-wide text).

Run: ``python3 benchmarks/eval_discover.py`` (about a minute).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from statement_tracker import normalise_text
from statement_tracker._discover._discover import discover
from statement_tracker._ingest._load import load_corpus
from statement_tracker._text._tokens import word_tokens

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"

#: Formulas found by reading the readouts, each with the wordings that count for it.
EXPECTED: dict[str, tuple[str, ...]] = {
    "one China policy": ("one china policy",),
    "lines of communication": ("lines of communication",),
    "peace and stability across the Taiwan Strait": (
        "peace and stability across the taiwan strait",
    ),
    "manage competition responsibly": (
        "manage the competition", "manage competition", "managing competition",
    ),
    "military-to-military communication": ("military to military communication",),
    "competition must not veer into conflict": ("veer into conflict", "veering into conflict"),
    "unilateral changes to the status quo": ("unilateral changes to the status quo",),
    "free and open Indo-Pacific": ("free and open indo pacific",),
    "illicit synthetic drugs (fentanyl)": ("illicit synthetic drugs",),
    "freedom of navigation": ("freedom of navigation",),
    "candid and constructive": ("candid and constructive",),
    "Russia's war against Ukraine": ("war against ukraine",),
    "wrongfully detained / exit bans": ("exit bans",),
}
_BOILERPLATE = re.compile(
    r"###|for immediate release|office of the press secretary|the white house|"
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+\d|^\d[\d\s]*$|briefing room|share this|print this"
)


def _key(text: str) -> str:
    return " " + " ".join(word_tokens(normalise_text(text))) + " "


def main() -> int:
    path = SHARED / "whitehouse" / "briefings.jsonl.gz"
    everything = list(load_corpus([path]))
    xi = re.compile(r"President Xi\b|Xi Jinping")
    series = [d for d in everything if "readout" in d.source.split("#", 1)[1] and xi.search(d.text)]
    print(f"series: {len(series)} US-China readouts")
    for d in series:
        print(f"  {d.date}  {d.source.split('#', 1)[1]}")
    formulas = discover(series, min_docs=3, top=50)
    keys = [_key(d.text) for d in everything]
    print("\ntop 50:")
    boiler = []
    for i, f in enumerate(formulas, start=1):
        k = " " + f.norm + " "
        share = sum(k in t for t in keys) / len(keys)
        flag = ""
        if _BOILERPLATE.search(f.norm) or share > 0.2:
            boiler.append(f.text)
            flag = "  <-- BOILERPLATE"
        variants = "; ".join(f"{v.text} ({v.documents})" for v in f.variants[1:3])
        print(f"  {i:2d}. {f.documents:2d} docs {f.first_date}..{f.last_date}  {f.text}"
              f"{'  | ' + variants if variants else ''}{flag}")
    found = 0
    print("\nexpected formulas:")
    for name, forms in EXPECTED.items():
        rank = next(
            (i for i, f in enumerate(formulas, start=1)
             for v in f.variants if any(x in " " + v.norm + " " for x in forms)),
            None,
        )
        found += rank is not None
        print(f"  {'ok  ' if rank else 'MISS'} {name}: rank {rank}")
    print(f"\n{found}/{len(EXPECTED)} expected formulas in the top 50; "
          f"{len(boiler)} boilerplate in the top 50")
    return 0 if found == len(EXPECTED) and not boiler else 1


if __name__ == "__main__":
    sys.exit(main())

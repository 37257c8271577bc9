"""Evaluate discovery on two held-out series against formula lists frozen by reading.

The lists (``fixtures/labels/eval/discover_kremlin.json`` and
``discover_ungd.json``, see ``fixtures/labels/eval/discover.md``) were written by
reading the series before ``discover`` was run on them.  This script loads each
series with the library, runs :func:`statement_tracker.discover`, takes the top
50, and counts a frozen formula as found when a discovered phrase (or one of
its grouped variants), normalised (lower case, punctuation removed, single
spaces), contains one of the formula's wordings, or is contained in one with at
least two words of it.  It also flags top-50 entries that look like site chrome
(found on more than half of the series' pages).

Tuning protocol: ``kremlin`` is the series to tune on; ``ungd`` is held out.
For a held-out series only the aggregate figures are printed (found, total,
chrome entries), not its ranking nor which formulas it misses, unless
``--show-heldout`` is given, so that the ranking can be changed without looking
at what it does to the held-out list.

Run: ``python3 benchmarks/eval_discover_series.py`` (both series, about a
minute), ``python3 benchmarks/eval_discover_series.py --series kremlin`` (the
tuning series alone) or ``... --series ungd --show-heldout`` (everything).  Exit
status is 0 when every series reaches 90 % with no chrome in its top 50.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import statement_tracker as st

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"
LABELS = ROOT / "fixtures" / "labels" / "eval"
TOP = 50
TARGET = 0.9
CHROME_SHARE = 0.5
SERIES = ("kremlin", "ungd")
#: Series held out from tuning: their ranking and misses are not printed by default.
HELD_OUT = frozenset({"ungd"})


def norm(text: str) -> str:
    """Lower case, punctuation removed (hyphens join nothing), single spaces.

    >>> norm("Military-Technical  Co-operation!")
    'military technical co operation'
    """
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.lower()).split())


def _within(short: str, long: str) -> bool:
    return f" {short} " in f" {long} "


def matches(phrase: str, wordings: Sequence[str]) -> bool:
    """True when ``phrase`` contains a wording, or is inside one with 2+ words of it.

    >>> matches("development of bilateral relations", ["bilateral relations"])
    True
    >>> matches("general and complete", ["general and complete disarmament"])
    True
    >>> matches("and complete", ["general and complete disarmament"])
    False
    """
    return any(
        _within(w, phrase) or (len(phrase.split()) >= 2 and _within(phrase, w)) for w in wordings
    )


def load_series(name: str) -> list[st.Document]:
    """The documents of one series, read with the library."""
    if name == "kremlin":
        return list(st.load_corpus(SHARED / "kremlin" / "html"))
    manifest = st.Manifest.from_file(SHARED / "ungd" / "manifest.tsv", fields={"series": "country"})
    return [manifest.apply(d) for d in st.load_corpus(SHARED / "ungd" / "txt")]


def evaluate(name: str, top: int = TOP, *, details: bool = True) -> tuple[int, int, int]:
    """Print the evaluation of one series; return (found, total, chrome entries).

    With ``details=False`` only the aggregate figures are printed (no ranking,
    no missed formulas): the view of a held-out series.
    """
    labels = json.loads((LABELS / f"discover_{name}.json").read_text(encoding="utf-8"))
    docs = load_series(name)
    t0 = time.perf_counter()
    formulas = st.discover(docs, top=top)
    took = time.perf_counter() - t0
    texts = [" " + norm(d.text) + " " for d in docs]
    print(f"\n== {name}: {len(docs)} documents, discover took {took:.1f} s ==")
    if not details:
        print("  (held out: ranking and misses hidden; --show-heldout shows them)")
    chrome = 0
    for i, f in enumerate(formulas, start=1):
        share = sum(_within(norm(f.text), t) for t in texts) / len(texts)
        flag = ""
        if share > CHROME_SHARE:
            chrome += 1
            flag = f"  <-- CHROME? on {share:.0%} of pages"
        if details:
            more = "; ".join(v.text for v in f.variants[1:3])
            more = "  | " + more if more else ""
            print(f"  {i:2d}. {f.documents:3d} docs  {f.text}{more}{flag}")
    found = 0
    missed = []
    for entry in labels["formulas"]:
        wordings = [norm(w) for w in entry["wordings"]]
        rank = next(
            (i for i, f in enumerate(formulas, start=1)
             if any(matches(norm(v.text), wordings) for v in (*f.variants, f))),
            None,
        )
        if rank is None:
            missed.append(f"{entry['formula']} ({entry['documents']} docs)")
        else:
            found += 1
    total = len(labels["formulas"])
    print(f"\n{name}: {found}/{total} frozen formulas in the top {top} "
          f"({found / total:.0%}); {chrome} chrome-like entries")
    for m in missed if details else ():
        print(f"  MISS {m}")
    return found, total, chrome


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="series to evaluate (same as --series)")
    parser.add_argument("--series", action="append", choices=SERIES,
                        help="evaluate this series (repeat for more; default: all)")
    parser.add_argument("--show-heldout", action="store_true",
                        help="print the ranking and misses of held-out series too")
    args = parser.parse_args(argv)
    names = args.series or args.names or list(SERIES)
    unknown = sorted(set(names) - set(SERIES))
    if unknown:
        parser.error(f"unknown series: {', '.join(unknown)} (known: {', '.join(SERIES)})")
    ok = True
    for name in names:
        found, total, chrome = evaluate(name, details=args.show_heldout or name not in HELD_OUT)
        ok = ok and found >= TARGET * total and chrome == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

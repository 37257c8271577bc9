"""Accuracy of the diff on pairs with known edits, beside difflib and redlines.

    python3 benchmarks/eval_diff.py            # 36 pairs from gen_diff_pairs.py
    python3 benchmarks/eval_diff.py -n 60 --seed 7

For every pair the truth is a list of sentence-level items (kept, typographic,
reworded, added, removed; moved is a flag on a paired sentence).  A reported
change is correct when its kind *and* both its spans equal a truth item's; a
moved sentence is correct when it is reported as moved with the right spans.
So a moved sentence reported as removed plus added counts as two errors: two
false changes (a removed and an added) and a missed one (plus a missed move).

Baselines, with the best mapping we could give them to sentence kinds (both
get our sentence segmentation and our typographic test, which only helps them):

* difflib: ``SequenceMatcher`` on the two sentence lists; ``equal`` -> kept;
  inside ``replace`` blocks sentences are paired in order when their word
  ratio is >= 0.5; the rest removed/added.  It cannot report moves.
* redlines: its token-level changes (``output_json``); an old and a new
  sentence are paired when at least half of each is covered by the equal text
  that links them; the rest removed/added.  It cannot report moves either.

Paired sentences are then classified alike: identical -> kept; the same words
after normalisation -> typographic; otherwise reworded.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_diff_pairs import generate_pairs

import statement_tracker as st
from statement_tracker._diff._align import units
from statement_tracker._text._tokens import word_tokens

KINDS = ("kept", "typographic", "reworded", "added", "removed", "moved")
Item = tuple[str, tuple[int, int] | None, tuple[int, int] | None]


def truth_items(truth: list[dict[str, Any]]) -> list[Item]:
    out: list[Item] = []
    for t in truth:
        old = tuple(t["old"]) if t["old"] else None
        new = tuple(t["new"]) if t["new"] else None
        out.append((t["kind"], old, new))  # type: ignore[arg-type]
        if t["moved"]:
            out.append(("moved", old, new))  # type: ignore[arg-type]
    return out


def ours(old: str, new: str) -> list[Item]:
    out: list[Item] = []
    for c in st.diff(old, new).changes:
        o = (c.old.start, c.old.end) if c.old else None
        n = (c.new.start, c.new.end) if c.new else None
        out.append((c.kind, o, n))
        if c.moved:
            out.append(("moved", o, n))
    return out


def _classify(old: str, new: str, o: tuple[int, int], n: tuple[int, int]) -> Item:
    a, b = old[o[0] : o[1]], new[n[0] : n[1]]
    if a == b:
        return ("kept", o, n)
    if word_tokens(st.normalise_text(a)) == word_tokens(st.normalise_text(b)):
        return ("typographic", o, n)
    return ("reworded", o, n)


def _spans(text: str) -> list[tuple[int, int]]:
    return [(u.start, u.end) for u in units(text).units]


def with_difflib(old: str, new: str) -> list[Item]:
    a, b = _spans(old), _spans(new)
    sa = [old[s:e] for s, e in a]
    sb = [new[s:e] for s, e in b]
    out: list[Item] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, sa, sb, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [("kept", a[i1 + k], b[j1 + k]) for k in range(i2 - i1)]
            continue
        used_i: set[int] = set()
        used_j: set[int] = set()
        if tag == "replace":
            for k in range(min(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                if SequenceMatcher(None, sa[i].split(), sb[j].split()).ratio() >= 0.5:
                    out.append(_classify(old, new, a[i], b[j]))
                    used_i.add(i)
                    used_j.add(j)
        out += [("removed", a[i], None) for i in range(i1, i2) if i not in used_i]
        out += [("added", None, b[j]) for j in range(j1, j2) if j not in used_j]
    return out


def with_redlines(old: str, new: str) -> list[Item]:
    from redlines import Redlines

    data = json.loads(Redlines(old, new).output_json())
    a, b = _spans(old), _spans(new)
    # redlines' character positions drift (it rewrites white space and paragraph
    # marks), so its tokens are located in the texts again, in order
    ta = _sentence_of_tokens(data["source_tokens"], old, a)
    tb = _sentence_of_tokens(data["test_tokens"], new, b)
    link: Counter[tuple[int, int]] = Counter()  # equal characters linking sentence i to j
    for ch in data["changes"]:
        if ch["type"] != "equal":
            continue
        i0, i1 = ch["source_token_position"]
        j0, _ = ch["test_token_position"]
        for k in range(i1 - i0):
            (i, size), (j, _) = ta[i0 + k], tb[j0 + k]
            if i >= 0 and j >= 0:
                link[i, j] += size
    out: list[Item] = []
    used_i: set[int] = set()
    used_j: set[int] = set()
    for (i, j), count in link.most_common():
        if i in used_i or j in used_j:
            continue
        la = len(old[a[i][0] : a[i][1]].replace(" ", ""))
        lb = len(new[b[j][0] : b[j][1]].replace(" ", ""))
        if count >= 0.5 * la and count >= 0.5 * lb:
            out.append(_classify(old, new, a[i], b[j]))
            used_i.add(i)
            used_j.add(j)
    out += [("removed", a[i], None) for i in range(len(a)) if i not in used_i]
    out += [("added", None, b[j]) for j in range(len(b)) if j not in used_j]
    return out


def _sentence_of_tokens(
    tokens: list[str], text: str, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """For each token: the sentence it starts in (or -1) and its length without spaces."""
    starts = [s for s, _ in spans]
    out: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        word = tok.strip()
        at = text.find(word, pos) if word else -1
        if at < 0:
            out.append((-1, 0))
            continue
        pos = at + len(word)
        k = bisect.bisect_right(starts, at) - 1
        inside = k >= 0 and at < spans[k][1]
        out.append((k if inside else -1, len(word.replace(" ", ""))))
    return out


def score(
    method: Callable[[str, str], list[Item]], pairs: list[dict[str, Any]]
) -> tuple[dict[str, tuple[float, float, int, int]], float]:
    tp: Counter[str] = Counter()
    reported: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    seconds = 0.0
    for pair in pairs:
        truth = Counter(truth_items(pair["truth"]))
        t0 = time.perf_counter()
        got = Counter(method(pair["old"], pair["new"]))
        seconds += time.perf_counter() - t0
        for item, k in got.items():
            reported[item[0]] += k
            tp[item[0]] += min(k, truth.get(item, 0))
        for item, k in truth.items():
            expected[item[0]] += k
    table = {
        kind: (
            tp[kind] / reported[kind] if reported[kind] else float("nan"),
            tp[kind] / expected[kind] if expected[kind] else float("nan"),
            reported[kind],
            expected[kind],
        )
        for kind in KINDS
    }
    return table, seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Accuracy of st.diff vs difflib and redlines.")
    ap.add_argument("-n", type=int, default=36, help="number of pairs (default 36, at least 30)")
    ap.add_argument("--seed", type=int, default=20240516)
    ap.add_argument("--hard", action="store_true", help="harder pairs (see gen_diff_pairs.py)")
    ap.add_argument("--pairs", type=Path, help="read pairs from a gen_diff_pairs.py JSONL file")
    args = ap.parse_args(argv)
    if args.pairs:
        pairs = [json.loads(line) for line in args.pairs.open(encoding="utf-8")]
    else:
        pairs = list(generate_pairs(args.n, args.seed, hard=args.hard))
    sources = Counter(p["source"].split("/")[0].split("#")[0] for p in pairs)
    print(
        f"{len(pairs)} pairs ({', '.join(f'{k} {v}' for k, v in sorted(sources.items()))}); "
        f"redrawn for segmentation: {pairs[-1]['redrawn']}"
    )
    methods: list[tuple[str, Callable[[str, str], list[Item]]]] = [
        ("statement-tracker", ours),
        ("difflib", with_difflib),
    ]
    try:
        import redlines  # noqa: F401

        methods.append(("redlines", with_redlines))
    except ImportError:
        print("redlines not installed (pip install redlines): its column is left out")
    results = {name: score(fn, pairs) for name, fn in methods}
    head = f"{'kind':<12} {'truth':>5}"
    for name, _ in methods:
        head += f" | {name + ' P':>19} {'R':>5}"
    print(head)
    print("-" * len(head))
    failed = []
    for kind in KINDS:
        row = f"{kind:<12} {results[methods[0][0]][0][kind][3]:>5}"
        for name, _ in methods:
            p, r, _, _ = results[name][0][kind]
            row += f" | {p:>19.3f} {r:>5.3f}"
        print(row)
        p, r, _, _ = results[methods[0][0]][0][kind]
        if not (p >= 0.95 and r >= 0.95):
            failed.append(kind)
    print("-" * len(head))
    print("seconds      " + "".join(f" | {results[n][1]:>25.2f}" for n, _ in methods))
    verdict = "all kinds >= 0.95" if not failed else f"below 0.95: {', '.join(failed)}"
    print(f"statement-tracker precision and recall: {verdict}")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())

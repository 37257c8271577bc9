"""Speed of the diff on two long readouts, against difflib in the same run.

    python3 benchmarks/bench_diff.py            # 5,000 sentences a side, 5% changed
    python3 benchmarks/bench_diff.py --sentences 2000 --changed 0.1

Both readouts are built from real sentences of the White House corpus in
``../shared/corpus`` (grouped into paragraphs of one to four sentences); the new
one has the given share of sentences changed, split among the kinds of
``gen_diff_pairs.py`` (reworded 40%, removed 20%, added 20%, moved 10%,
typographic 10%).  Timed:

* ``st.diff`` on the two texts: segmentation, normalisation, alignment, word
  edits, the edit script, everything (best of three runs);
* ``difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()`` on the
  sentence lists (already cut, which favours difflib) and on the word lists.

Each line gives wall-clock and CPU seconds; the ratios use CPU time, which a
busy shared machine disturbs less.  The target is under one second (wall) for
``st.diff`` at 5,000 sentences and 5%.
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_diff_pairs import CORPUS, _sentences, make_pair

import statement_tracker as st
from statement_tracker._diff._align import units


def corpus_sentences(need: int, corpus: Path = CORPUS) -> list[str]:
    """At least ``need`` distinct good sentences from White House statements, in corpus order."""
    path = corpus / "whitehouse" / "briefings.jsonl.gz"
    if not path.is_file():
        raise SystemExit(f"corpus not found: {path} (set STATEMENT_TRACKER_SHARED)")
    seen: set[str] = set()
    out: list[str] = []
    for doc in st.load_corpus([path]):
        for s in _sentences(doc):
            if s not in seen:
                seen.add(s)
                out.append(s)
        if len(out) >= need:
            break
    return out


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, float]:
    """Best wall-clock and CPU seconds of ``repeat`` runs (CPU is steadier on a busy machine)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Speed of st.diff against difflib.")
    ap.add_argument("--sentences", type=int, default=5000)
    ap.add_argument("--changed", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=5000)
    ap.add_argument("--skip-words", action="store_true", help="skip difflib on words (slow)")
    args = ap.parse_args(argv)
    n = args.sentences
    k = round(n * args.changed)
    edits = {
        "reworded": round(0.4 * k),
        "removed": round(0.2 * k),
        "added": round(0.2 * k),
        "moved": round(0.1 * k),
        "typographic": k - round(0.4 * k) - 2 * round(0.2 * k) - round(0.1 * k),
    }
    pool = corpus_sentences(n + edits["added"] + 100)
    rng = random.Random(args.seed)
    old, new, *_ = make_pair(pool[:n], pool[n:], rng, edits=edits, max_sentences=n)
    a_doc, b_doc = st.Document.from_text(old), st.Document.from_text(new)
    sa = [old[u.start : u.end] for u in units(old).units]
    sb = [new[u.start : u.end] for u in units(new).units]
    print(
        f"old: {len(sa):,} sentences, {len(old) / 1e6:.2f} MB; new: {len(sb):,} sentences; "
        f"changed: {', '.join(f'{v} {kind}' for kind, v in edits.items())}"
    )
    result: list[st.Diff] = []
    ours, ours_cpu = timed(lambda: result.append(st.diff(a_doc, b_doc)), repeat=3)
    d = result[-1]
    assert d.apply_to(old) == new
    s = d.summary
    print(
        f"st.diff: {ours:.3f} s wall, {ours_cpu:.3f} s CPU (best of 3) -> {s.kept} kept, "
        f"{s.typographic} typographic, {s.reworded} reworded, {s.added} added, "
        f"{s.removed} removed, {s.moved} moved"
    )

    def sentences() -> None:
        difflib.SequenceMatcher(None, sa, sb, autojunk=False).get_opcodes()

    _report("difflib on sentence lists", timed(sentences), ours_cpu)
    if not args.skip_words:
        wa, wb = old.split(), new.split()

        def words() -> None:
            difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()

        _report(f"difflib on words ({len(wa):,} / {len(wb):,})", timed(words), ours_cpu)
    verdict = "meets" if ours < 1.0 else "MISSES"
    print(f"target: st.diff under 1 s (wall) at {n:,} sentences: {verdict}")
    return 0


def _report(label: str, took: tuple[float, float], ours_cpu: float) -> None:
    wall, cpu = took
    print(
        f"{label}: {wall:.3f} s wall, {cpu:.3f} s CPU; "
        f"CPU time difflib / st.diff = {cpu / ours_cpu:.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())

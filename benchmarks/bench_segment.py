"""Segmentation speed on the White House corpus, against a naive regex splitter in the same run.

Usage::

    python3 benchmarks/bench_segment.py [--limit N] [--corpus ../shared/corpus] [--records]

Loads the documents first (not timed), then times, over the same texts:

* ``baseline``: ``re.split(r"(?<=[.!?])\\s+")`` per paragraph, the naive splitter that
  breaks after every ``Mr.`` and ``U.S.`` (the floor for speed);
* ``sentences``: :func:`statement_tracker.paragraph_spans` + :func:`sentence_spans`;
* ``+clauses``: the same plus :func:`clause_spans` on every sentence;
* ``quotations``: :func:`statement_tracker.quotations`;
* ``records``: :func:`statement_tracker.records` (normalisation, all four kinds, ids);
* ``records(sentence)``: :func:`statement_tracker.records` with ``kinds=["sentence"]``;
* ``records_batch``: :func:`statement_tracker.records_batch` (the same records as columns,
  no record objects);
* ``normalise``: :func:`statement_tracker.normalise` alone, the share records() cannot avoid.

Prints MB/s (UTF-8 bytes of document text per CPU second, one core, best of ``--repeat``
runs) and the ratio to the baseline.  ``--records`` times only ``normalise`` (then the
baseline), ``records`` and ``records_batch``: the ratios say how far each is from the
normalisation it cannot avoid, a figure that moves less with the machine's load than
MB/s (the target of issue 16 is 10 MB/s for loading and records together; see
``bench_ingest.py --part b`` for that figure with peak memory).
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import statement_tracker as st

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared"))
_NAIVE = re.compile(r"(?<=[.!?])\s+")


def naive(text: str) -> int:
    return sum(len(_NAIVE.split(text[s:e])) for s, e in st.paragraph_spans(text))


def sentences(text: str) -> int:
    return sum(len(st.sentence_spans(text, s, e)) for s, e in st.paragraph_spans(text))


def clauses(text: str) -> int:
    n = 0
    for ps, pe in st.paragraph_spans(text):
        for s, e in st.sentence_spans(text, ps, pe):
            n += len(st.clause_spans(text, s, e))
    return n


def timed(fn: Callable[[object], int], items: Sequence[object], repeat: int) -> tuple[float, int]:
    """Best CPU time of ``repeat`` runs (the machine is shared: CPU time moves less with
    the load of other processes than wall time, and the minimum is the least noisy)."""
    best = float("inf")
    n = 0
    for _ in range(repeat):
        t0 = time.process_time()
        n = sum(fn(x) for x in items)
        best = min(best, time.process_time() - t0)
    return best, n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default: 3)")
    parser.add_argument(
        "--records", action="store_true", help="only normalise (the baseline) and records"
    )
    args = parser.parse_args(argv)
    source = args.corpus / "whitehouse" / "briefings.jsonl.gz"
    t0 = time.perf_counter()
    docs = list(itertools.islice(st.load_corpus([source]), args.limit))
    load_s = time.perf_counter() - t0
    texts = [d.text for d in docs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(docs)} documents, {mb:.1f} MB of text (loaded in {load_s:.1f} s, not timed below)")
    st.normalise("\u00a0warm-up")  # builds the normaliser's NFKC table once, outside the timings
    runs: list[tuple[str, Callable[[object], int], Sequence[object]]] = [
        ("baseline (naive regex)", naive, texts),  # type: ignore[list-item]
        ("sentences", sentences, texts),  # type: ignore[list-item]
        ("+clauses", clauses, texts),  # type: ignore[list-item]
        ("quotations", lambda t: len(st.quotations(t)), texts),  # type: ignore[arg-type, misc]
        ("normalise", lambda t: len(st.normalise(t).text), texts),  # type: ignore[arg-type, misc]
        ("records(sentence)", lambda d: len(st.records(d, ["sentence"])), docs),  # type: ignore[arg-type, misc]
        ("records", lambda d: len(st.records(d)), docs),  # type: ignore[arg-type, misc]
        ("records_batch", lambda d: len(st.records_batch(d)), docs),  # type: ignore[arg-type, misc]
    ]
    if args.records:
        runs = [
            (f"{name} (baseline)" if name == "normalise" else name, fn, items)
            for name, fn, items in runs
            if name in ("normalise", "records", "records_batch")
        ]
    base = None
    for name, fn, items in runs:
        seconds, n = timed(fn, items, args.repeat)
        rate = mb / seconds
        base = base or rate
        print(
            f"{name:24s} {seconds:7.2f} s  {rate:7.1f} MB/s  {n:>10,d} items  "
            f"x{rate / base:.2f} of baseline"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

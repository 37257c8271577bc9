"""Accuracy of ``track`` on labelled real readouts and speeches, against brute-force partial_ratio.

    python3 benchmarks/eval_track.py [--labelled-only] [--match exact|close|loose]

Reads ``fixtures/labels/track_labels.jsonl`` (see fixtures/labels/README.md) and
the formulas of ``fixtures/labels/track_watchlist.toml``, loads the evaluation
documents from ``../shared/corpus`` with the project's loader, and reports for
``track`` with default settings and for ``rapidfuzz.fuzz.partial_ratio`` (one
best alignment per phrase and sentence, the usual brute-force approach) at
cutoffs 50, 55, …, 100:

* surface recall: labelled surface-form occurrences found;
* variant recall: labelled close variants found;
* precision: predictions that overlap a labelled occurrence of their phrase
  (labels of level ``rejected`` are candidates judged not to be occurrences).

A prediction and a label match when they are for the same phrase and
document and their spans overlap.  Floors (issue 3): surface recall >= 0.99,
variant recall >= 0.85, precision >= 0.97, and a better F1 than partial_ratio
at every cutoff.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _track_data as data

import statement_tracker as st

Span = tuple[str, str, int, int]  # phrase id, doc id, start, end


def score(predictions: Iterable[Span], labels: list[dict[str, object]]) -> dict[str, float]:
    """Recall per level and precision, matching by overlap."""
    by_key: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for lab in labels:
        if lab["level"] == "rejected":
            continue  # reviewed and judged not an occurrence: a prediction there is a false one
        by_key[(str(lab["phrase_id"]), str(lab["doc_id"]))].append(
            (int(lab["start"]), int(lab["end"]), str(lab["level"]))  # type: ignore[call-overload]
        )
    hit: set[tuple[str, str, int]] = set()
    tp = fp = 0
    for pid, did, s, e in predictions:
        matched = False
        for i, (ls, le, _) in enumerate(by_key.get((pid, did), ())):
            if s < le and e > ls:
                hit.add((pid, did, i))
                matched = True
        tp += matched
        fp += not matched
    out: dict[str, float] = {"tp": tp, "fp": fp}
    for level in ("surface", "variant"):
        total = found = 0
        for (pid, did), spans in by_key.items():
            for i, (_, _, lv) in enumerate(spans):
                if lv == level:
                    total += 1
                    found += (pid, did, i) in hit
        out[level] = found / total if total else 1.0
        out[f"{level}_n"] = total
    out["precision"] = tp / (tp + fp) if tp + fp else 1.0
    recall_all = (out["surface"] * out["surface_n"] + out["variant"] * out["variant_n"]) / (
        out["surface_n"] + out["variant_n"]
    )
    out["recall"] = recall_all
    p = out["precision"]
    out["f1"] = 2 * p * recall_all / (p + recall_all) if p + recall_all else 0.0
    return out


def partial_ratio_predictions(
    docs: list[st.Document], watchlist: st.Watchlist, cutoff: float
) -> list[Span]:
    """Brute force: ``partial_ratio`` of every phrase against every normalised sentence."""
    sentences: list[tuple[st.Document, st.Normalised, int]] = []
    texts: list[str] = []
    for d in docs:
        for s, e in st.sentence_spans(d.text):
            n = st.normalise(d.text[s:e])
            sentences.append((d, n, s))
            texts.append(n.text)
    phrases = [st.normalise_text(f) for p in watchlist for f in p.forms]
    ids = [p.id for p in watchlist for _ in p.forms]
    # a margin below the cutoff: cdist can drop boundary scores the scalar scorer keeps
    matrix = process.cdist(
        phrases, texts, scorer=fuzz.partial_ratio, score_cutoff=max(0, cutoff - 1), workers=-1
    )
    out: list[Span] = []
    seen: set[tuple[str, int]] = set()
    for i, j in zip(*matrix.nonzero(), strict=True):
        al = fuzz.partial_ratio_alignment(phrases[i], texts[j])
        if al.score < cutoff or (ids[i], int(j)) in seen:
            continue
        seen.add((ids[i], int(j)))
        d, n, base = sentences[j]
        s, e = n.span_to_original(al.dest_start, al.dest_end)
        out.append((ids[i], d.doc_id, base + s, base + e))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--labelled-only", action="store_true", help="load only documents that have labels"
    )
    parser.add_argument("--match", help="strictness level passed to track(match=...)")
    args = parser.parse_args(argv)
    if not data.SHARED.is_dir():
        print(f"shared corpus not found at {data.SHARED}", file=sys.stderr)
        return 2
    labels = list(data.labels())
    watchlist = st.Watchlist.from_file(data.WATCHLIST)
    t0 = time.perf_counter()
    sources = {str(lab["source_id"]) for lab in labels} if args.labelled_only else None
    pairs = data.evaluation_documents(sources)
    docs = [d for _, d in pairs]
    labels, lost = data.resolve(labels, dict(pairs))
    if lost:
        print(f"warning: {lost} labels could not be placed in the current loader's text")
    print(
        f"{len(docs)} documents, {len(labels)} labels, {len(watchlist)} formulas "
        f"(loaded in {time.perf_counter() - t0:.1f} s)"
    )
    t0 = time.perf_counter()
    occ = st.track(docs, watchlist, match=args.match)
    took = time.perf_counter() - t0
    rows = [
        (
            f"track ({args.match or 'default'})",
            "-",
            score(((o.phrase_id, o.doc_id, o.start, o.end) for o in occ), labels),
            took,
        )
    ]
    for cutoff in range(50, 101, 5):
        t0 = time.perf_counter()
        preds = partial_ratio_predictions(docs, watchlist, cutoff)
        rows.append(("partial_ratio", str(cutoff), score(preds, labels), time.perf_counter() - t0))
    head = f"{'method':<16} {'cutoff':>6} {'surface R':>9} {'variant R':>9} {'precision':>9} "
    print(head + f"{'F1':>6} {'TP':>5} {'FP':>6} {'time s':>7}")
    for name, cutoff, m, secs in rows:
        print(
            f"{name:<16} {cutoff:>6} {m['surface']:>9.3f} {m['variant']:>9.3f} "
            f"{m['precision']:>9.3f} {m['f1']:>6.3f} {int(m['tp']):>5} {int(m['fp']):>6} "
            f"{secs:>7.1f}"
        )
    ours = rows[0][2]
    floors = ours["surface"] >= 0.99 and ours["variant"] >= 0.85 and ours["precision"] >= 0.97
    beats = all(ours["f1"] > m["f1"] for _, _, m, _ in rows[1:])
    print(f"\nlabels: {int(ours['surface_n'])} surface, {int(ours['variant_n'])} variant")
    print(f"floors met (surface >= 0.99, variant >= 0.85, precision >= 0.97): {floors}")
    print(f"better F1 than partial_ratio at every cutoff: {beats}")
    return 0 if floors and beats else 1


if __name__ == "__main__":
    raise SystemExit(main())

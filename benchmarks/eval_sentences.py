"""Sentence segmentation against hand-labelled boundaries: precision, recall, F1.

Usage::

    python3 benchmarks/eval_sentences.py [--labels fixtures/labels/sentences.jsonl]
                                         [--corpus ../shared/corpus] [--errors]

Each line of the labels file is one *window* of one document (see
``fixtures/labels/README.md``): every sentence boundary inside the window,
as character offsets into the document text produced by
``statement_tracker.load`` / ``load_corpus``.  The script loads each document
the same way, predicts boundaries with the segmenter exactly as
``statement_tracker.records`` does (paragraphs, then sentences within each
paragraph, with the document's language), and compares the predicted sentence
ends inside each window with the labelled ones.

If the loader's output has changed since labelling but only in white space
(the SHA-256 of the text without white space still matches), the labels are
moved by counting non-white-space characters; otherwise the window is
reported as stale and left out (and the exit status is 1).

Prints micro-averaged precision, recall and F1 overall, per corpus, per label
set (``dev``: windows labelled while the splitter was still being tuned on
them; ``heldout``: labelled afterwards, with the splitter frozen) and for
boundaries not followed by a line break (the hard ones).  ``--errors`` also
prints each missed or spurious boundary with a little context.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import statement_tracker as st

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "fixtures" / "labels" / "sentences.jsonl"
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared"))
_SPACE = re.compile(r"\s")


def _nonspace(text: str) -> str:
    return _SPACE.sub("", text)


def load_text(corpus_dir: Path, corpus: str, doc: str) -> str:
    """The document text as the loader produces it (plain UNGD files fall back to the file)."""
    if corpus == "whitehouse":
        path = corpus_dir / "whitehouse" / "briefings.jsonl.gz"
        return _jsonl_text(path, doc)
    sub = {"ungd": "ungd/txt", "kremlin": "kremlin/html"}[corpus]
    path = corpus_dir / sub / doc
    load = getattr(st, "load", None)
    if load is None:
        if corpus != "ungd":
            raise RuntimeError("statement_tracker.load is not available")
        return path.read_text("utf-8")
    return str(load(path).text)


_JSONL_CACHE: dict[str, str] = {}


def _jsonl_text(path: Path, doc_id: str) -> str:
    if doc_id not in _JSONL_CACHE:
        raise KeyError(f"{doc_id} not preloaded from {path}")
    return _JSONL_CACHE[doc_id]


def preload_jsonl(path: Path, doc_ids: set[str]) -> None:
    """Read the corpus once, keep the wanted lines and let the loader turn them into documents."""
    wanted = doc_ids - _JSONL_CACHE.keys()
    if not wanted:
        return
    lines = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if any(d in line for d in wanted) and json.loads(line).get("id") in wanted:
                lines.append(line)
    tmp = ROOT / "benchmarks" / ".eval_sentences.jsonl"
    tmp.write_text("".join(lines), encoding="utf-8")
    try:
        for doc in st.load_corpus([tmp]):  # type: ignore[attr-defined]
            _JSONL_CACHE[doc.source.rsplit("#", 1)[-1]] = doc.text
    finally:
        tmp.unlink()


def predicted_ends(text: str, start: int, end: int, language: str) -> set[int]:
    """Sentence ends the segmenter puts inside ``(start, end]``, computed as records() does."""
    out: set[int] = set()
    for ps, pe in st.paragraph_spans(text):
        if pe <= start or ps > end:
            continue
        for _, e in st.sentence_spans(text, ps, pe, language=language):
            if start < e <= end:
                out.add(e)
    return out


def _remap(text: str, counts: Iterable[int]) -> list[int]:
    """Offsets just after the k-th non-white-space character, for each k."""
    wanted = sorted(set(counts))
    out: dict[int, int] = {}
    k = 0
    i = 0
    for pos, ch in enumerate(text):
        if not ch.isspace():
            k += 1
            while i < len(wanted) and wanted[i] == k:
                out[k] = pos + 1
                i += 1
        if i == len(wanted):
            break
    return [out[c] for c in counts]


def align(label: dict[str, Any], text: str) -> tuple[int, int, list[int]] | None:
    """The window and boundaries in ``text``'s coordinates, or None when the labels are stale."""
    if hashlib.sha256(text.encode("utf-8")).hexdigest() == label["sha256"]:
        return label["start"], label["end"], list(label["boundaries"])
    if hashlib.sha256(_nonspace(text).encode("utf-8")).hexdigest() != label["nonspace_sha256"]:
        return None
    starts = _remap(text, [label["nonspace_start"] + 1])
    start = starts[0] - 1
    ends = _remap(text, [label["nonspace_end"], *label["nonspace_boundaries"]])
    return start, ends[0], ends[1:]


def evaluate(labels_path: Path, corpus_dir: Path, *, show_errors: bool = False) -> dict[str, Any]:
    """Score the segmenter on every labelled window; return the counts and scores."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    stale: list[str] = []
    windows = 0
    labels = [
        json.loads(x) for x in labels_path.read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    wh = {x["doc"] for x in labels if x["corpus"] == "whitehouse"}
    if wh:
        preload_jsonl(corpus_dir / "whitehouse" / "briefings.jsonl.gz", wh)
    for label in labels:
        text = load_text(corpus_dir, label["corpus"], label["doc"])
        placed = align(label, text)
        if placed is None:
            stale.append(f"{label['corpus']}:{label['doc']}@{label['start']}")
            continue
        windows += 1
        start, end, gold_list = placed
        gold = set(gold_list)
        language = st.Document.from_text(text).language
        pred = predicted_ends(text, start, end, language)
        for group in ("all", label["corpus"], f"set:{label.get('set', '-')}"):
            c = counts[group]
            c[0] += len(gold & pred)
            c[1] += len(pred - gold)
            c[2] += len(gold - pred)
        inline_gold = {b for b in gold if "\n" not in text[b : b + 3]}
        inline_pred = {b for b in pred if "\n" not in text[b : b + 3]}
        c = counts["inline"]
        c[0] += len(inline_gold & inline_pred)
        c[1] += len(inline_pred - inline_gold)
        c[2] += len(inline_gold - inline_pred)
        if show_errors:
            for what, wrong in (("MISSED  ", gold - pred), ("SPURIOUS", pred - gold)):
                for b in sorted(wrong):
                    where = f"{label['doc']}@{b}"
                    print(f"{what} {where}: {text[max(0, b - 50) : b]!r} | {text[b : b + 30]!r}")
    scores = {group: _prf(*c) for group, c in counts.items()}
    return {"windows": windows, "stale": stale, "counts": dict(counts), "scores": scores}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "boundaries": tp + fn}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--errors", action="store_true", help="print each error with context")
    args = parser.parse_args(argv)
    result = evaluate(args.labels, args.corpus, show_errors=args.errors)
    print(f"windows: {result['windows']}  stale: {len(result['stale'])}")
    for name in [
        "all",
        "inline",
        *sorted(k for k in result["scores"] if k not in ("all", "inline")),
    ]:
        s = result["scores"].get(name)
        if s:
            print(
                f"{name:10s} boundaries {s['boundaries']:4d}  precision {s['precision']:.4f}  "
                f"recall {s['recall']:.4f}  F1 {s['f1']:.4f}"
            )
    for item in result["stale"]:
        print(f"stale labels (document text changed): {item}", file=sys.stderr)
    return 1 if result["stale"] else 0


if __name__ == "__main__":
    sys.exit(main())

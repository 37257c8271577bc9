"""Tracking accuracy on the frozen, read-made label sets of ``fixtures/labels/eval/``.

    python3 benchmarks/eval_labels.py                    # every set, tune and test apart
    python3 benchmarks/eval_labels.py --set en_wh --errors   # misses and false hits (tune only)
    python3 benchmarks/eval_labels.py --match loose      # another strictness level
    python3 benchmarks/eval_labels.py --set en_test2 --set zh_test2   # the second test split only
    python3 benchmarks/eval_labels.py --set en_test3     # the third test split only

Each set is a watchlist (``SET.toml``), labels (``SET.jsonl``) and the documents
each formula was labelled over (``SET.coverage.json``), made by reading before
the matcher they judge was changed (protocol: ``fixtures/labels/README.md``).
Labels point into frozen reference texts (``labelkit.py``); the library's
predictions, made on its own ``Document.text``, are mapped onto those texts by
aligning letters and digits, so a loader change cannot move a label.

Per set and per split (``tune``: may be looked at while changing the matcher;
``test``: never looked at while tuning, reported apart; ``test2``: a second held-out
split made and frozen after the first test figures were seen, reported apart again;
``test3``: a third, made and frozen before the matcher's close-variant work of issue 12,
reported apart too) it prints surface recall,
variant recall and precision (a prediction is right when it overlaps a positive
label of its formula in its document; labels of level ``rejected`` are traps read
and judged not occurrences).  ``--errors`` lists misses and false hits in context,
for the tune split only unless ``--show-test-errors`` (test), ``--show-test2-errors``
(test2) or ``--show-test3-errors`` (test3) is given: nobody changing the matcher may use
any of them.
"""

from __future__ import annotations

import argparse
import gzip
import inspect
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import labelkit as lk

import statement_tracker as st

EVAL = lk.LABELS / "eval"
#: set name -> corpus
SETS: dict[str, str] = {
    "en_wh": "whitehouse",
    "en_kremlin": "kremlin",
    "en_ungd": "ungd",
    "ru": "kremlin-ru",
    "zh": "cctv-zh",
    # the second held-out test split (fixtures/labels/eval/*_test2.md): never tuned on
    "en_test2": "whitehouse",
    "zh_test2": "cctv-zh",
    # the third held-out test split (fixtures/labels/eval/en_test3.md): never tuned on
    "en_test3": "whitehouse",
}
#: the splits, in report order
SPLITS = ("tune", "test", "test2", "test3")
_FOLDER = {"kremlin": "html", "kremlin-ru": "txt", "ungd": "txt", "cctv-zh": "md"}


def load_documents(corpus: str, ids: set[str]) -> dict[str, st.Document]:
    """The library's documents for the given reference ids, keyed by reference id."""
    if corpus == "whitehouse":
        lines = []
        with gzip.open(
            lk.SHARED / "whitehouse" / "briefings.jsonl.gz", "rt", encoding="utf-8"
        ) as f:
            for line in f:
                if json.loads(line)["id"] in ids:
                    lines.append(line)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "docs.jsonl"
            path.write_text("".join(lines), encoding="utf-8")
            docs = list(st.load_corpus([path]))
        return {d.source.split("#", 1)[1]: d for d in docs}
    folder = lk.SHARED / corpus / _FOLDER[corpus]
    out: dict[str, st.Document] = {}
    for doc_id in sorted(ids):
        try:
            out[doc_id] = st.load(folder / doc_id)
        except st.StatementTrackerError as exc:  # an undated or empty page: no prediction
            print(f"# {corpus}/{doc_id}: {exc}", file=sys.stderr)
    return out


def read_set(name: str) -> tuple[st.Watchlist, list[dict[str, object]], dict[str, set[str]]]:
    """Watchlist, labels and coverage (formula -> document ids) of one set."""
    corpus = SETS[name]
    wl = st.Watchlist.from_file(EVAL / f"{name}.toml")
    # a label inside a tooltip or a meta block (kremlin) is text no reader sees: not counted
    labels = [lab for lab in lk.read_labels(EVAL / f"{name}.jsonl") if lk.is_visible(lab)]
    raw = json.loads((EVAL / f"{name}.coverage.json").read_text(encoding="utf-8"))
    docs_file = EVAL / f"{name}.docs.txt"
    every = (
        [x.strip() for x in docs_file.read_text().splitlines() if x.strip()]
        if docs_file.exists()
        else lk.doc_ids(corpus)
    )
    coverage = {pid: set(every) if v == "all" else set(v) for pid, v in raw.items()}
    return wl, labels, coverage


def split_of(name: str, doc: str) -> str:
    """The split a document belongs to (by the set's rule, see the label README)."""
    corpus = SETS[name]
    if name.endswith("_test2"):
        return "test2"
    if name.endswith("_test3"):
        return "test3"
    if name in ("en_kremlin", "en_ungd"):
        return "test"
    if name == "en_wh":
        return "tune"
    date = lk.doc_date(corpus, doc)
    if name == "ru":
        return "tune" if date.startswith("2025-02") else "test"
    return "test" if date.startswith("2024") else "tune"  # zh


def track_kwargs(match: str | None) -> dict[str, object]:
    """``match=`` for the library when it knows strictness levels; nothing otherwise."""
    if match is None:
        return {}
    if "match" not in inspect.signature(st.track).parameters:
        raise SystemExit("this version of statement_tracker has no match levels")
    return {"match": match}


def evaluate(name: str, match: str | None = None, errors: str = "") -> dict[str, dict[str, float]]:
    """Score one set; returns ``{split: figures}``."""
    corpus = SETS[name]
    wl, labels, coverage = read_set(name)
    ids = set().union(*coverage.values())
    docs = load_documents(corpus, ids)
    t0 = time.perf_counter()
    occs = st.track(list(docs.values()), wl, **track_kwargs(match))  # type: ignore[arg-type]
    took = time.perf_counter() - t0
    by_source = {d.doc_id: ref for ref, d in docs.items()}
    mappers: dict[str, lk.Mapper] = {}

    def ref_span(ref: str, start: int, end: int) -> tuple[int, int] | None:
        if ref not in mappers:
            mappers[ref] = lk.Mapper(lk.reference_text(corpus, ref), docs[ref].text)
        return mappers[ref].span(start, end)

    families = {p.id: p.family for p in wl if getattr(p, "family", None)}
    pos: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    traps: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for lab in labels:
        key = (str(lab["phrase_id"]), str(lab["doc"]))
        (traps if lab["level"] == "rejected" else pos)[key].append(lab)
    hit: set[int] = set()
    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    wrong: list[tuple[str, str, str, int, int, str]] = []
    for o in occs:
        ref = by_source.get(o.doc_id)
        if ref is None or ref not in coverage.get(o.phrase_id, ()):
            continue
        span = ref_span(ref, o.start, o.end)
        split = split_of(name, ref)
        s = stats[split]
        ok = False
        if span is not None:
            for lab in pos.get((o.phrase_id, ref), ()):
                if span[0] < int(lab["end"]) and span[1] > int(lab["start"]):  # type: ignore[call-overload]
                    hit.add(id(lab))
                    ok = True
        s["tp" if ok else "fp"] += 1
        if not ok:
            trap = span is not None and any(
                span[0] < int(t["end"]) and span[1] > int(t["start"])  # type: ignore[call-overload]
                for t in traps.get((o.phrase_id, ref), ())
            )
            s["fp_trap"] += trap
            # an occurrence of another formula of the same family (a neighbouring tier)
            fam = families.get(o.phrase_id)
            s["fp_cross"] += span is not None and fam is not None and any(
                span[0] < int(lab["end"]) and span[1] > int(lab["start"])  # type: ignore[call-overload]
                for q, f in families.items()
                if f == fam and q != o.phrase_id
                for lab in pos.get((q, ref), ())
            )
            a, b = span or (0, 0)
            wrong.append(("FP", split, o.phrase_id, a, b, ref))
    for (pid, ref), labs in pos.items():
        if ref not in coverage.get(pid, ()):
            continue
        for lab in labs:
            s = stats[split_of(name, ref)]
            s[f"{lab['level']}_n"] += 1
            if id(lab) in hit:
                s[f"{lab['level']}_found"] += 1
            else:
                wrong.append(
                    (
                        "MISS " + str(lab["level"]),
                        split_of(name, ref),
                        pid,
                        int(lab["start"]),
                        int(lab["end"]),
                        ref,
                    )
                )  # type: ignore[call-overload]
    out: dict[str, dict[str, float]] = {}
    for split, s in sorted(stats.items()):
        f = {
            "surface": s["surface_found"] / s["surface_n"] if s["surface_n"] else float("nan"),
            "surface_n": s["surface_n"],
            "variant": s["variant_found"] / s["variant_n"] if s["variant_n"] else float("nan"),
            "variant_n": s["variant_n"],
            "precision": s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else float("nan"),
            "tp": s["tp"],
            "fp": s["fp"],
            "fp_trap": s["fp_trap"],
            "fp_cross": s["fp_cross"],
            "seconds": took,
        }
        out[split] = f
    if errors:
        names = {p.id: p.text for p in wl}
        for kind, split, pid, a, b, ref in sorted(wrong, key=lambda w: (w[2], w[0], w[5], w[3])):
            if split not in errors.split(","):
                continue
            text = lk.reference_text(corpus, ref)
            ctx = text[max(0, a - 70) : a] + "[[" + text[a:b] + "]]" + text[b : b + 70]
            print(
                f"{kind:15} {split:5} {pid} {names[pid]!r} {ref}@{a}: {ctx.replace(chr(10), ' ')}"
            )
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the figures of every set (see the module docstring)."""
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--set", action="append", choices=sorted(SETS), help="only these sets")
    p.add_argument("--match", default=None, help="strictness level passed to track(match=...)")
    p.add_argument("--errors", action="store_true", help="list misses and false hits (tune)")
    p.add_argument(
        "--show-test-errors",
        action="store_true",
        help="also list the test split's errors (only once tuning is over)",
    )
    p.add_argument(
        "--show-test2-errors",
        action="store_true",
        help="also list the test2 split's errors (never while the matcher is being changed)",
    )
    p.add_argument(
        "--show-test3-errors",
        action="store_true",
        help="also list the test3 split's errors (never while the matcher is being changed)",
    )
    p.add_argument("--json", type=Path, help="write the figures as JSON here")
    a = p.parse_args(argv)
    splits = ",".join(
        s
        for s, on in (
            ("tune", True),
            ("test", a.show_test_errors),
            ("test2", a.show_test2_errors),
            ("test3", a.show_test3_errors),
        )
        if on
    )
    names = [n for n in (a.set or SETS) if (EVAL / f"{n}.jsonl").exists()]
    results: dict[str, dict[str, dict[str, float]]] = {}
    print(
        f"{'set':11} {'split':5} {'surface':>14} {'variant':>14} {'precision':>16} "
        f"{'traps hit':>9} {'cross-family':>12}"
    )
    for name in names:
        res = evaluate(name, a.match, splits if a.errors else "")
        results[name] = res
        for split, f in res.items():
            print(
                f"{name:11} {split:5} {f['surface']:8.3f} ({int(f['surface_n']):4}) "
                f"{f['variant']:8.3f} ({int(f['variant_n']):4}) "
                f"{f['precision']:8.3f} ({int(f['tp'])}/{int(f['tp'] + f['fp'])}) "
                f"{int(f['fp_trap']):9} {int(f['fp_cross']):12}"
            )
    for split in SPLITS:
        tot: dict[str, float] = defaultdict(float)
        for res in results.values():
            f = res.get(split)
            if not f:
                continue
            for k in ("surface_n", "variant_n", "tp", "fp", "fp_trap", "fp_cross"):
                tot[k] += f[k]
            tot["surface_found"] += f["surface"] * f["surface_n"] if f["surface_n"] else 0
            tot["variant_found"] += f["variant"] * f["variant_n"] if f["variant_n"] else 0
        if tot:
            sr = tot["surface_found"] / tot["surface_n"] if tot["surface_n"] else float("nan")
            vr = tot["variant_found"] / tot["variant_n"] if tot["variant_n"] else float("nan")
            pr = tot["tp"] / (tot["tp"] + tot["fp"]) if tot["tp"] + tot["fp"] else float("nan")
            print(
                f"{'ALL':11} {split:5} {sr:8.3f} ({int(tot['surface_n']):4}) "
                f"{vr:8.3f} ({int(tot['variant_n']):4}) "
                f"{pr:8.3f} ({int(tot['tp'])}/{int(tot['tp'] + tot['fp'])}) "
                f"{int(tot['fp_trap']):9} {int(tot['fp_cross']):12}"
            )
    if a.json:
        a.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

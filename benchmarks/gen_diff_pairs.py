"""Generate readout pairs with known edits from real documents, for evaluating the diff.

Each pair starts from one real document of ``../shared/corpus`` (White House
readouts and statements, Kremlin news pages, UN General Debate speeches): up to
30 of its sentences, in order, grouped into paragraphs of one to four sentences
as in real readouts.  The new version applies known edits with a fixed seed:

* ``removed``: sentences taken out;
* ``added``: sentences inserted from *other* documents;
* ``reworded``: one to three words replaced, deleted or inserted;
* ``moved``: a sentence moved, unchanged, to a paragraph at least two away;
* ``typographic``: quotes straightened or curled, dashes swapped, a space
  doubled or made non-breaking, the case of one word changed.

Every other sentence is ``kept``.  With ``--hard``: twice as many edits, two
sentences both moved and reworded, a
sentence split in two at ", and " and two sentences merged with ", and "
(both ``reworded``, one change spanning the two sentences), rewording of
sentences from six words, and inserted sentences from documents of the same
corpus.  The truth is a list of sentence-level items
with offsets into both texts.  Pairs whose texts the segmenter does not cut at
exactly the planted sentence boundaries are redrawn (and counted), so the
evaluation measures the alignment, not the segmenter.

Nothing is written into the project: ``python3 benchmarks/gen_diff_pairs.py``
writes ``benchmarks/results/diff_pairs.jsonl`` (git-ignored; it holds corpus
text) and prints a summary.  ``eval_diff.py`` imports :func:`generate_pairs`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import statement_tracker as st
from statement_tracker._diff._align import units

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"
RESULTS = ROOT / "benchmarks" / "results"

EDITS = {"removed": 2, "added": 2, "reworded": 3, "moved": 2, "typographic": 2}
#: --hard: twice the edits, two sentences moved and reworded, a split and a merge,
#: rewording of sentences from 6 words,
#: added sentences from documents of the same corpus (same style).
HARD_EDITS = {
    "removed": 4,
    "added": 4,
    "reworded": 6,
    "moved": 4,
    "typographic": 4,
    "moved-reworded": 2,
    "split": 1,
    "merged": 1,
}
MAX_SENTENCES = 30
MIN_SENTENCES = 12

_GOOD = re.compile(r"[A-Z][^\n|#*\[\]<>{}]*[a-z0-9)\"”’'][.!?][\"”’]?")
_WORD = re.compile(r"\b[a-z]{3,}\b")


def _sentences(doc: st.Document) -> list[str]:
    """Sentences of a document fit to build a readout from: plain prose, 8–60 words."""
    out: list[str] = []
    for ps, pe in st.paragraph_spans(doc.text):
        for s, e in st.sentence_spans(doc.text, ps, pe, language=doc.language):
            sent = doc.text[s:e]
            if not 8 <= len(sent.split()) <= 60 or not _GOOD.fullmatch(sent):
                continue
            if st.sentence_spans(sent) != [(0, len(sent))]:
                continue
            out.append(sent)
    return out


SOURCES = ("whitehouse", "kremlin", "ungd")


def source_documents(
    corpus: Path = CORPUS, per_source: int = 14, sources: tuple[str, ...] = SOURCES
) -> list[tuple[str, list[str]]]:
    """``(source, sentences)`` for documents of the corpora with enough good sentences."""
    picked: list[tuple[str, list[str]]] = []
    if "whitehouse" in sources:
        picked += _whitehouse(corpus / "whitehouse" / "briefings.jsonl.gz", per_source)
    for sub, pattern in (("kremlin/html", "*.html"), ("ungd/txt", "*.txt")):
        if sub.split("/")[0] not in sources:
            continue
        files = sorted((corpus / sub).glob(pattern))
        if sub.startswith("ungd"):  # recent speeches: no OCR artefacts
            files = [f for f in files if f.name[:4] >= "1995"]
        random.Random(sub).shuffle(files)
        n = 0
        for f in files:
            if n == per_source:
                break
            try:
                sents = _sentences(st.load(f))
            except st.InputError:
                continue
            if len(sents) >= MIN_SENTENCES:
                picked.append((f"{sub}/{f.name}", sents))
                n += 1
    return picked


def _whitehouse(path: Path, limit: int) -> list[tuple[str, list[str]]]:
    """Readouts and statements: ids chosen from the raw file, then loaded through ingest."""
    wanted: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            rid = rec["id"]
            if "readout" in rid or "joint-statement" in rid or "statement-from" in rid:
                wanted.append(rid)
    chosen = set(random.Random("whitehouse").sample(wanted, min(len(wanted), limit * 4)))
    out: list[tuple[str, list[str]]] = []
    for doc in st.load_corpus([path]):
        rid = doc.source.rpartition("#")[2]
        if rid not in chosen:
            continue
        sents = _sentences(doc)
        if len(sents) >= MIN_SENTENCES:
            out.append((f"whitehouse#{rid}", sents))
            if len(out) == limit:
                break
    return out


def _reword(sent: str, rng: random.Random, vocab: list[str]) -> str:
    words = sent.split(" ")
    for _ in range(rng.randint(1, 3)):
        # a word (not a dash or a quote mark), never the first or the last (with its stop)
        inner = [k for k in range(1, len(words) - 1) if any(c.isalpha() for c in words[k])]
        k = rng.choice(inner)
        op = rng.choice(("replace", "delete", "insert"))
        new = rng.choice([w for w in vocab[:200] if w != words[k].lower()])
        if op == "replace":
            words[k] = new
        elif op == "delete" and len(words) > 8:
            del words[k]
        else:
            words.insert(k, new)
    return " ".join(words)


def _retype(sent: str, rng: random.Random) -> str:
    options = []
    if '"' in sent:
        options.append(lambda s: re.sub(r'"([^"]*)"', r"“\1”", s))
    if "“" in sent or "”" in sent:
        options.append(lambda s: s.replace("“", '"').replace("”", '"'))
    if "’" in sent:
        options.append(lambda s: s.replace("’", "'"))
    if " — " in sent or " – " in sent:
        options.append(lambda s: s.replace(" — ", " – ").replace(" – ", "—"))
    options.append(lambda s: s.replace(" ", "  ", 1))
    options.append(lambda s: s.replace(" ", "\u00a0", 1))
    options.append(_recase)
    out = sent
    for f in rng.sample(options, k=min(2, len(options))):
        out = f(out)
    return out if out != sent else _recase(sent)


def _recase(sent: str) -> str:
    words = sent.split(" ")
    for k in range(len(words) // 2, len(words) - 1):
        if words[k].isalpha():
            words[k] = words[k].upper() if words[k].islower() else words[k].lower()
            break
    return " ".join(words)


_TRUTH_KIND = {
    "moved": "kept",
    "moved-reworded": "reworded",
    "merged": "reworded",
    "split": "reworded",
}


class Planted(NamedTuple):
    """A generated pair: both texts, the truth, and the planted sentence spans of each."""

    old: str
    new: str
    truth: list[dict[str, Any]]
    old_sentences: list[tuple[int, int]]
    new_sentences: list[tuple[int, int]]


def _split(sent: str) -> tuple[str, str] | None:
    """Cut a sentence at ", and " into two sentences, or ``None`` if it has no such place."""
    words = sent.split(" ")
    for k in range(3, len(words) - 4):
        if words[k].endswith(",") and words[k + 1] == "and" and words[k + 2][:1].isalpha():
            rest = words[k + 2 :]
            rest[0] = rest[0][:1].upper() + rest[0][1:]
            return " ".join([*words[:k], words[k][:-1] + "."]), " ".join(rest)
    return None


def _merge(first: str, second: str) -> str:
    """Join two sentences into one with ", and "."""
    head = second.split(" ", 1)
    lead = head[0] if head[0].isupper() or not head[0][:1].isupper() else head[0].lower()
    return first[:-1] + ", and " + " ".join([lead, *head[1:]])


def make_pair(
    sents: list[str],
    donors: list[str],
    rng: random.Random,
    *,
    edits: dict[str, int] = EDITS,
    max_sentences: int = MAX_SENTENCES,
    min_reword: int = 10,
) -> Planted:
    """Build a pair with known edits from a document's sentences and sentences of others.

    ``edits`` counts the sentences of each kind of edit: ``removed``, ``added``,
    ``reworded`` (sentences of at least ``min_reword`` words, where there are
    any), ``moved``, ``typographic``, and optionally ``moved-reworded``, ``split`` (at ", and ") and
    ``merged`` (two neighbours in one paragraph joined with ", and ").
    """
    n = min(max_sentences, len(sents))
    start = rng.randint(0, len(sents) - n)
    chosen = sents[start : start + n]
    paras: list[list[int]] = []
    k = 0
    while k < n:
        size = rng.randint(1, 4)
        paras.append(list(range(k, min(n, k + size))))
        k += size
    para_of = {i: p for p, members in enumerate(paras) for i in members}
    vocab = sorted({w for d in donors for w in _WORD.findall(d)})
    rng.shuffle(vocab)
    pool = list(range(n))
    rng.shuffle(pool)
    fate: dict[int, str] = {}
    text_of: dict[int, str | tuple[str, str]] = {i: chosen[i] for i in range(n)}
    for _ in range(edits.get("merged", 0)):
        pick = [
            i
            for i in pool
            if i + 1 < n and para_of.get(i + 1) == para_of[i] and not {i, i + 1} & fate.keys()
        ]
        if pick:
            i = pick[0]
            fate[i], fate[i + 1] = "merged", "merged-tail"
            text_of[i] = _merge(chosen[i], chosen[i + 1])
    for _ in range(edits.get("split", 0)):
        pick = [i for i in pool if i not in fate and _split(chosen[i])]
        if pick:
            fate[pick[0]] = "split"
            text_of[pick[0]] = _split(chosen[pick[0]])  # type: ignore[assignment]
    for kind in ("reworded", "moved-reworded", "moved", "typographic", "removed"):
        for _ in range(edits.get(kind, 0)):
            cands = [i for i in pool if i not in fate]
            if kind in ("reworded", "moved-reworded"):
                cands = [i for i in cands if len(chosen[i].split()) >= min_reword] or cands
            fate[cands[0]] = kind
    for i, kind in fate.items():
        if kind in ("reworded", "moved-reworded"):
            text_of[i] = _reword(chosen[i], rng, vocab)
        elif kind == "typographic":
            text_of[i] = _retype(chosen[i], rng)
    gone = ("removed", "moved", "moved-reworded", "merged-tail")
    new_paras: list[list[Any]] = [[i for i in m if fate.get(i) not in gone] for m in paras]
    for i, kind in fate.items():
        if kind in ("moved", "moved-reworded"):
            far = [p for p in range(len(paras)) if abs(p - para_of[i]) >= 2]
            target = rng.choice(far or [p for p in range(len(paras)) if p != para_of[i]])
            new_paras[target].insert(rng.randint(0, len(new_paras[target])), i)
    for d in rng.sample(donors, edits["added"]):
        p = rng.randrange(len(new_paras))
        new_paras[p].insert(rng.randint(0, len(new_paras[p])), ("added", d))

    old, old_spans, _ = _join([[chosen[i] for i in members] for members in paras])
    new_items = [[x[1] if isinstance(x, tuple) else text_of[x] for x in p] for p in new_paras]
    new, new_spans, planted = _join(new_items)
    old_at = dict(zip(range(n), old_spans, strict=True))
    flat = [x for p in new_paras if p for x in p]
    truth: list[dict[str, Any]] = []
    for x, span in zip(flat, new_spans, strict=True):
        if isinstance(x, tuple):
            truth.append({"kind": "added", "old": None, "new": span, "moved": False})
            continue
        kind = fate.get(x, "kept")
        old_span = old_at[x]
        if kind == "merged":
            old_span = (old_at[x][0], old_at[x + 1][1])
        truth.append(
            {
                "kind": _TRUTH_KIND.get(kind, kind),
                "old": old_span,
                "new": span,
                "moved": kind in ("moved", "moved-reworded"),
            }
        )
    for i, kind in fate.items():
        if kind == "removed":
            truth.append({"kind": "removed", "old": old_at[i], "new": None, "moved": False})
    return Planted(old, new, truth, old_spans, planted)


def _join(
    paragraphs: list[list[Any]],
) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Join sentences with spaces and paragraphs with blank lines.

    An item is a sentence or a pair of sentences (a split).  Returns the text, the
    span of each item and the span of each sentence.
    """
    parts: list[str] = []
    items: list[tuple[int, int]] = []
    sentences: list[tuple[int, int]] = []
    pos = 0
    for p in (p for p in paragraphs if p):
        if parts:
            parts.append("\n\n")
            pos += 2
        for k, item in enumerate(p):
            if k:
                parts.append(" ")
                pos += 1
            start = pos
            for m, sent in enumerate((item,) if isinstance(item, str) else item):
                if m:
                    parts.append(" ")
                    pos += 1
                sentences.append((pos, pos + len(sent)))
                parts.append(sent)
                pos += len(sent)
            items.append((start, pos))
    return "".join(parts), items, sentences


def _segments_as_planted(text: str, spans: list[tuple[int, int]]) -> bool:
    return [(u.start, u.end) for u in units(text).units] == sorted(spans)


def generate_pairs(
    n: int = 36,
    seed: int = 20240516,
    corpus: Path = CORPUS,
    *,
    hard: bool = False,
    sources: tuple[str, ...] = SOURCES,
    per_source: int = 14,
) -> Iterator[dict[str, Any]]:
    """Yield ``n`` pairs ``{"id", "source", "old", "new", "truth", "redrawn"}``."""
    docs = source_documents(corpus, per_source, sources)
    if not docs:
        raise SystemExit(f"no usable documents under {corpus}")
    if hard:  # room for all the edits
        docs = [d for d in docs if len(d[1]) >= MAX_SENTENCES]
    rng = random.Random(seed)
    made = 0
    for k in range(n * 20):
        if made == n:
            return
        source, sents = docs[k % len(docs)]
        family = re.split(r"[/#]", source, maxsplit=1)[0]
        donors = [
            s
            for src, ss in docs
            if src != source and (not hard or src.startswith(family))
            for s in ss
        ]
        if hard:
            pair = make_pair(sents, donors, rng, edits=HARD_EDITS, min_reword=6)
        else:
            pair = make_pair(sents, donors, rng)
        ok = _segments_as_planted(pair.old, pair.old_sentences)
        ok = ok and _segments_as_planted(pair.new, pair.new_sentences)
        if not ok:
            continue
        yield {
            "id": made,
            "source": source,
            "old": pair.old,
            "new": pair.new,
            "truth": pair.truth,
            "redrawn": k - made,
        }
        made += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=36, help="number of pairs (default 36)")
    ap.add_argument("--seed", type=int, default=20240516)
    ap.add_argument("--hard", action="store_true", help="more edits, splits, merges (HARD_EDITS)")
    ap.add_argument("-o", "--output", type=Path, default=RESULTS / "diff_pairs.jsonl")
    args = ap.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with args.output.open("w", encoding="utf-8") as out:
        for pair in generate_pairs(args.n, args.seed, hard=args.hard):
            out.write(json.dumps(pair, ensure_ascii=False) + "\n")
            for t in pair["truth"]:
                key = "moved" if t["moved"] else t["kind"]
                counts[key] = counts.get(key, 0) + 1
            last = pair
    print(f"{last['id'] + 1} pairs -> {args.output} (redrawn for segmentation: {last['redrawn']})")
    print("truth items:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

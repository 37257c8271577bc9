"""Evaluate quote sourcing on a commentary generated from the shared corpus.

The searched corpus: every White House statement/release of 2022 and 2023, all
Kremlin pages and all UN General Debate speeches (about 4,300 documents).  One
hundred White House releases of the same years are held out of it.

A commentary is generated (fixed seed) that quotes:

* real sentences and clauses of searched documents, each with one of the edits
  commentary makes: curly or straight quotes, «guillemets», nested quotes,
  editorial brackets, ellipses, a clause cut out of a longer sentence, changed
  case, British spelling of an American word (*recognise* for *recognize*);
* absent sentences: sentences of the held-out releases, corpus sentences
  whose content words were replaced (a third of them), and near misses: corpus
  sentences with exactly one content word replaced; each is checked to be in
  no searched document (its words, normalised, appear in none).

Measures: the share of real quotations traced to a right document (the one it
was cut from, or any document whose text contains all its pieces in order),
target >= 0.95; the share of absent quotations attributed to some document,
target <= 0.01.

Run: ``python3 benchmarks/eval_sources.py`` (about 2 minutes).  Nothing is
written unless ``--out DIR`` is given (use ``benchmarks/results/``, git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from statement_tracker import Document, normalise_text
from statement_tracker._ingest._load import load_corpus
from statement_tracker._sources._find import SourceIndex, find_sources
from statement_tracker._text._segment import sentence_spans
from statement_tracker._text._tokens import word_tokens

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"
EDITS = (
    "curly", "straight", "guillemets", "nested", "brackets", "ellipsis", "clause", "case",
    "spelling",
)
_AMERICAN = re.compile(r"\b(\w{3,})iz(e|es|ed|ing|ation|ations)\b")
_PRONOUNS = {"he", "she", "it", "they", "we", "this"}


def load_docs() -> tuple[list[Document], list[Document]]:
    """(searched corpus, held-out releases)."""
    wh = [
        d
        for d in load_corpus([SHARED / "whitehouse" / "briefings.jsonl.gz"])
        if "#statements-releases/" in d.source and d.date and d.date.year in (2022, 2023)
    ]
    rng = random.Random(7)
    rng.shuffle(wh)
    held, kept = wh[:100], wh[100:]
    other = list(load_corpus([SHARED / "kremlin" / "html", SHARED / "ungd" / "txt"], errors="skip"))
    return kept + other, held


def sentences(doc: Document, lo: int = 8, hi: int = 45) -> list[str]:
    out = []
    for s, e in sentence_spans(doc.text):
        text = " ".join(doc.text[s:e].split())
        n = len(text.split())
        if lo <= n <= hi and text[:1].isalpha() and not re.search(r"[\[\]…]|\.\.\.", text):
            out.append(text)
    return out


def key(text: str) -> str:
    return " " + " ".join(word_tokens(normalise_text(text))) + " "


def edit(sentence: str, kind: str, rng: random.Random) -> tuple[str, str]:
    """Return (quotation with its marks, the quoted words without marks)."""
    words = sentence.rstrip(".").split()
    body = " ".join(words)
    if kind == "clause" and len(words) >= 14:
        a = rng.randrange(1, len(words) - 8)
        body = " ".join(words[a : a + rng.randint(6, min(12, len(words) - a))])
    elif kind == "ellipsis" and len(words) >= 12:
        a = rng.randrange(3, len(words) - 6)
        b = a + rng.randint(2, 4)
        body = " ".join(words[:a]) + rng.choice([" … ", " ... ", " [...] "]) + " ".join(words[b:])
    elif kind == "brackets":
        spots = [i for i, w in enumerate(words) if w.lower() in _PRONOUNS]
        if spots:
            i = rng.choice(spots)
            words[i] = "[the officials]"
        else:
            i = rng.randrange(1, len(words))
            words.insert(i, "[and]")
        body = " ".join(words)
    elif kind == "case":
        body = rng.choice([body.upper(), body.lower(), body[:1].lower() + body[1:]])
    elif kind == "spelling":
        # British spelling of an American -ize word (recognize -> recognise)
        body = _AMERICAN.sub(lambda m: f"{m.group(1)}is{m.group(2)}", body, count=1)
    body = body.replace("“", "‘").replace("”", "’").replace('"', "'")
    if kind == "nested":
        inner = words[len(words) // 3 : len(words) // 3 + 3]
        if len(inner) == 3:
            body = body.replace(" ".join(inner), "‘" + " ".join(inner) + "’", 1)
        return f"“{body}”", body
    if kind in ("straight", "case"):
        return f'"{body}"', body
    if kind == "guillemets":
        return f"«{body}»", body
    return f"“{body}”", body


def perturb(sentence: str, vocab: list[str], rng: random.Random, *, one: bool = False) -> str:
    """Replace a third of the content words (or exactly one: a near miss) with others."""
    words = sentence.split()
    content = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if len(content) < 3:
        return ""
    for i in rng.sample(content, 1 if one else max(2, len(content) // 3)):
        new = rng.choice(vocab)
        if new.lower()[:3] == words[i].lower()[:3]:
            return ""  # could be a spelling variant of the word it replaces
        words[i] = new
    return " ".join(words)


_FRAMES = (
    "As the readout put it, {q}, a line officials repeated.",
    "Critics noted that {q} was not new.",
    "{q}, the statement said.",
    "One passage stood out: {q}.",
    "In the words of the release, {q}.",
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", type=int, default=200, help="real quotations (default 200)")
    ap.add_argument("--absent", type=int, default=300, help="absent quotations (default 300)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--out", type=Path, help="write the commentary and results here")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    corpus, held = load_docs()
    t1 = time.perf_counter()
    index = SourceIndex(corpus)
    t2 = time.perf_counter()
    print(f"searched corpus: {len(corpus)} documents ({sum(len(d.text) for d in corpus) / 1e6:.1f}"
          f" MB), held out: {len(held)}; load {t1 - t0:.1f} s, index {t2 - t1:.1f} s")
    haystack = "\n".join(key(d.text) for d in corpus)
    vocab = sorted({w for d in corpus[:300] for w in d.text.split() if w.isalpha() and len(w) > 5})

    items: list[dict[str, object]] = []  # what the commentary quotes, with the truth
    pool = [d for d in corpus if len(d.text) > 400]
    while len([i for i in items if i["kind"] == "real"]) < args.real:
        doc = rng.choice(pool)
        sents = sentences(doc)
        edit_kind = EDITS[len(items) % len(EDITS)]
        if edit_kind == "spelling":
            sents = [x for x in sents if _AMERICAN.search(x) and len(x.split()) >= 10]
        if not sents:
            continue
        sentence = rng.choice(sents)
        marked, body = edit(sentence, edit_kind, rng)
        items.append({"kind": "real", "edit": edit_kind, "quote": marked, "body": body,
                      "doc_id": doc.doc_id, "sentence": sentence})
    absent_made = 0
    while absent_made < args.absent:
        if absent_made % 3 == 0:
            sents = sentences(rng.choice(held))
            text = rng.choice(sents) if sents else ""
            how = "held-out"
        else:
            one = absent_made % 3 == 2
            sents = sentences(rng.choice(pool))
            text = perturb(rng.choice(sents), vocab, rng, one=one) if sents else ""
            how = "one word changed" if one else "perturbed"
        if not text or key(text) in haystack:
            continue  # must be in no searched document
        marked, body = edit(text, rng.choice(("curly", "straight", "case")), rng)
        items.append({"kind": "absent", "edit": how, "quote": marked, "body": body})
        absent_made += 1
    rng.shuffle(items)

    parts: list[str] = []
    pos = 0
    for item in items:
        frame = rng.choice(_FRAMES)
        para = frame.format(q=item["quote"])
        para = para[0].upper() + para[1:]
        item["start"] = pos + para.index(str(item["quote"])) + 1
        parts.append(para)
        pos += len(para) + 2
    article = "\n\n".join(parts)

    t3 = time.perf_counter()
    results = {r.start: r for r in find_sources(article, index)}
    t4 = time.perf_counter()
    by_id = {d.doc_id: d for d in corpus}
    stats: Counter[str] = Counter()
    misses: list[str] = []
    for item in items:
        r = results.get(int(item["start"]))  # type: ignore[call-overload]
        src = r.source if r else None
        if item["kind"] == "real":
            stats["real"] += 1
            stats[f"real:{item['edit']}"] += 1
            ok = False
            if src is not None:
                pieces = r.pieces if r else ()
                text = key(by_id[src.doc_id].text)
                # right: the generating document, or one holding the quoted words (for a
                # respelt quotation, the sentence as the corpus spells it)
                ok = (
                    src.doc_id == item["doc_id"]
                    or _in_order(pieces, text)
                    or (item["edit"] == "spelling" and key(str(item["sentence"])) in text)
                )
            if ok:
                stats["traced"] += 1
                stats[f"traced:{item['edit']}"] += 1
            else:
                misses.append(f"  MISS [{item['edit']}] {item['quote']}  -> "
                              f"{r.method if r else 'no quotation found'}")
        else:
            stats["absent"] += 1
            stats[f"absent:{item['edit']}"] += 1
            if src is not None:
                stats[f"wrong:{item['edit']}"] += 1
                stats["wrong"] += 1
                misses.append(f"  WRONG [{item['edit']}] {item['quote']} -> {src.source} "
                              f"{src.text!r} ({src.score:.1f})")
    traced = stats["traced"] / stats["real"]
    wrong = stats["wrong"] / stats["absent"]
    print(f"article: {len(article):,} characters, {len(items)} quotations, "
          f"{len(results)} found by quotations(); sourcing took {t4 - t3:.1f} s")
    for e in EDITS:
        print(f"  {e:<11} {stats[f'traced:{e}']:>3}/{stats[f'real:{e}']:<3}")
    print(f"traced to the right document: {stats['traced']}/{stats['real']} = {traced:.3f}"
          f"  (target >= 0.95)")
    for how in ("held-out", "perturbed", "one word changed"):
        print(f"  {how:<17} {stats[f'wrong:{how}']:>3}/{stats[f'absent:{how}']:<3} attributed")
    print(f"absent quotations wrongly attributed: {stats['wrong']}/{stats['absent']} = "
          f"{wrong:.3f}  (target <= 0.01)")
    for line in misses[:40]:
        print(line)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "eval_sources_article.txt").write_text(article, encoding="utf-8")
        with (args.out / "eval_sources_results.jsonl").open("w", encoding="utf-8") as fh:
            for r in results.values():
                fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    return 0 if traced >= 0.95 and wrong <= 0.01 else 1


def _in_order(pieces: tuple[str, ...], text: str) -> bool:
    at = 0
    for p in pieces:
        k = text.find(" " + p + " ", at)
        if k < 0:
            return False
        at = k + len(p)
    return True


if __name__ == "__main__":
    sys.exit(main())

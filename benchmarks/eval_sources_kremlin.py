"""Evaluate quote sourcing on Kremlin readouts: lead paragraphs, brackets, ellipses.

The searched corpus: the Kremlin pages of the shared corpus (``kremlin/html``)
minus 60 held out at random, plus the UN General Debate speeches (more
diplomatic text to confuse them with).  Kremlin pages keep their lead paragraph
(``div.read__lead``) as the first paragraph of ``Document.text``.

A commentary is generated (fixed seed) quoting:

* **lead**: a sentence of a page's lead paragraph, as written;
* **brackets**: a body sentence whose one or two words are replaced by an
  editorial insertion (``[the two countries] will …``, ``[Russia]``) — a
  pronoun where there is one, otherwise one or two words at random;
* **ellipsis**: a body sentence with its middle cut out (``…``, ``...``, ``[…]``);
* **lead+brackets**: a lead sentence with both edits.

and absent quotations that must not be attributed: near misses (a corpus
sentence with exactly one content word replaced) and sentences of the held-out
pages, each checked to be in no searched document.

Measures: quotations traced to the right readout (the page the sentence was
cut from, or a page holding all the quoted pieces in order), target >= 0.95;
absent quotations attributed to any document, target 0.

Run: ``python3 benchmarks/eval_sources_kremlin.py`` (about 20 s).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter

from eval_sources import SHARED, _in_order, key, perturb, sentences

from statement_tracker import Document
from statement_tracker._ingest._load import load_corpus
from statement_tracker._sources._find import SourceIndex, find_sources

KINDS = ("lead", "brackets", "ellipsis", "lead+brackets")
_PRONOUNS = {"he", "she", "they", "it", "we", "this", "both"}
_INSERTS = ("[the two countries]", "[the sides]", "[Russia]", "[the President]", "[the leaders]")


def lead_sentences(doc: Document) -> list[str]:
    """Sentences of the page's first paragraph (the lead)."""
    first = doc.text.split("\n\n", 1)[0]
    return sentences(Document.from_text(first, source=doc.source), lo=6)


def body_sentences(doc: Document) -> list[str]:
    """Sentences after the first paragraph."""
    parts = doc.text.split("\n\n", 1)
    if len(parts) < 2:
        return []
    return sentences(Document.from_text(parts[1], source=doc.source), lo=10)


def bracket(sentence: str, rng: random.Random) -> str:
    """Replace a pronoun (or one or two words) with an editorial insertion."""
    words = sentence.rstrip(".").split()
    spots = [i for i, w in enumerate(words) if w.lower() in _PRONOUNS]
    insert = rng.choice(_INSERTS)
    if spots:
        i = rng.choice(spots)
        words[i : i + 1] = [insert]
    else:
        i = rng.randrange(1, len(words) - 2)
        words[i : i + rng.randint(1, 2)] = [insert]
    return " ".join(words)


def ellipsis(sentence: str, rng: random.Random) -> str:
    """Cut two to five words out of the middle of a sentence."""
    words = sentence.rstrip(".").split()
    if len(words) < 12:
        return ""
    a = rng.randrange(4, len(words) - 7)
    b = a + rng.randint(2, 5)
    return " ".join(words[:a]) + rng.choice([" … ", " ... ", " […] "]) + " ".join(words[b:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", type=int, default=200, help="real quotations (default 200)")
    ap.add_argument("--absent", type=int, default=200, help="absent quotations (default 200)")
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    kremlin = list(load_corpus(SHARED / "kremlin" / "html"))
    rng.shuffle(kremlin)
    held, kept = kremlin[:60], kremlin[60:]
    corpus = kept + list(load_corpus(SHARED / "ungd" / "txt"))
    index = SourceIndex(corpus)
    haystack = "\n".join(key(d.text) for d in corpus)
    vocab = sorted({w for d in kept[:200] for w in d.text.split() if w.isalpha() and len(w) > 5})
    print(f"searched: {len(kept)} Kremlin pages + {len(corpus) - len(kept)} UNGD speeches; "
          f"held out: {len(held)} Kremlin pages")

    items: list[dict[str, object]] = []
    while len(items) < args.real:
        doc = rng.choice(kept)
        kind = KINDS[len(items) % len(KINDS)]
        pool = lead_sentences(doc) if kind.startswith("lead") else body_sentences(doc)
        if not pool:
            continue
        sentence = rng.choice(pool)
        if kind == "lead":
            body = sentence.rstrip(".")
        elif kind == "ellipsis":
            body = ellipsis(sentence, rng)
        else:
            body = bracket(sentence, rng)
        if body:
            items.append({"kind": "real", "edit": kind, "body": body, "doc_id": doc.doc_id})
    made = 0
    while made < args.absent:
        if made % 2:
            pool = lead_sentences(rng.choice(held)) + body_sentences(rng.choice(held))
            text, how = (rng.choice(pool) if pool else ""), "held-out"
        else:
            doc = rng.choice(kept)
            pool = lead_sentences(doc) + body_sentences(doc)
            text = perturb(rng.choice(pool), vocab, rng, one=True) if pool else ""
            how = "one word changed"
        if not text or key(text) in haystack:
            continue
        items.append({"kind": "absent", "edit": how, "body": text.rstrip(".")})
        made += 1
    rng.shuffle(items)

    parts, pos = [], 0
    for item in items:
        para = f"The readout said that “{item['body']}”, and little else."
        item["start"] = pos + para.index("“") + 1
        parts.append(para)
        pos += len(para) + 2
    results = {r.start: r for r in find_sources("\n\n".join(parts), index)}
    by_id = {d.doc_id: d for d in corpus}
    stats: Counter[str] = Counter()
    notes: list[str] = []
    for item in items:
        r = results.get(int(item["start"]))  # type: ignore[call-overload]
        src = r.source if r else None
        kind, edit = str(item["kind"]), str(item["edit"])
        stats[f"{kind}:{edit}"] += 1
        stats[kind] += 1
        if kind == "real":
            ok = src is not None and r is not None and (
                src.doc_id == item["doc_id"] or _in_order(r.pieces, key(by_id[src.doc_id].text))
            )
            stats["traced"] += ok
            stats[f"traced:{edit}"] += ok
            if not ok:
                notes.append(f"  MISS [{edit}] {item['body']}")
        elif src is not None:
            stats["wrong"] += 1
            stats[f"wrong:{edit}"] += 1
            notes.append(f"  WRONG [{edit}] {item['body']} -> {src.source} {src.text!r}")
    traced = stats["traced"] / stats["real"]
    for k in KINDS:
        print(f"  {k:<14} {stats[f'traced:{k}']:>3}/{stats[f'real:{k}']}")
    print(f"traced to the right readout: {stats['traced']}/{stats['real']} = {traced:.3f}"
          "  (target >= 0.95)")
    for how in ("one word changed", "held-out"):
        print(f"  {how:<17} {stats[f'wrong:{how}']:>3}/{stats[f'absent:{how}']} attributed")
    print(f"false attributions: {stats['wrong']}/{stats['absent']}  (target 0)")
    for line in notes[:30]:
        print(line)
    return 0 if traced >= 0.95 and stats["wrong"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

"""Reference texts, candidate search and frozen span labels for the evaluations.

This module is deliberately independent of the library's matcher: labels are
made by reading text found with plain regular expressions, and they point into a
*reference text* that this module makes by its own simple method, so that a
change of the library's loader, normaliser or matcher cannot move or reinterpret
them.  No corpus text is stored in a label: only offsets into the reference
text and a fingerprint of the span (see ``fixtures/labels/README.md``).

Reference texts (one per document, never changed once labels exist):

* ``whitehouse``: the ``text`` field of the JSONL record (Markdown as published);
* ``kremlin``: the lead (``div.read__lead``) and the article body
  (``div.entry-content``) of the page, as the text of their paragraph-like
  elements, joined by blank lines (lxml, independent of the library's rules);
* ``kremlin-ru``, ``ungd``, ``cctv-zh``: the file as UTF-8 text.

Command line (for labellers)::

    python3 benchmarks/labelkit.py docs kremlin | head
    python3 benchmarks/labelkit.py cand kremlin 'eurasian econom\\w* (union|commission)' --width 120
    python3 benchmarks/labelkit.py near kremlin eurasian,econom,union --window 8
    python3 benchmarks/labelkit.py show kremlin 2016-03-28_51579.html 120 240

Label records are made in Python with :func:`label` (offsets from an exact
string and its ordinal in the document), and checked with ``check FILE``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"
LABELS = ROOT / "fixtures" / "labels"

CORPORA = ("whitehouse", "kremlin", "kremlin-ru", "ungd", "cctv-zh")

# Elements whose text a reader sees as a block of the article (kremlin reference text).
_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
}


#: Elements of kremlin pages that a reader does not see as article text: tooltips shown
#: on hover, and what the site itself marks "masha-ignore" (topics, publication status,
#: photo sliders).  Kept in the reference text (labels point into it), left out of
#: :func:`visible_text`.
_KREMLIN_HIDDEN = (
    '//*[contains(concat(" ", normalize-space(@class), " "), " read__tooltip ")]'
    ' | //*[contains(concat(" ", normalize-space(@class), " "), " masha-ignore ")]'
)


def _kremlin_reference(raw: bytes, *, visible: bool = False) -> str:
    from lxml import html as lhtml

    tree = lhtml.fromstring(raw)
    if visible:
        for el in tree.xpath(_KREMLIN_HIDDEN):
            if el.getparent() is not None:
                el.drop_tree()
    parts: list[str] = []
    containers = tree.xpath(
        '//div[contains(concat(" ", normalize-space(@class), " "), " read__lead ")]'
        ' | //div[contains(concat(" ", normalize-space(@class), " "), " entry-content ")]'
    )
    for box in containers:
        blocks = [e for e in box.iter() if isinstance(e.tag, str) and e.tag in _BLOCKS]
        # innermost blocks only, in document order, each text once
        inner = [
            b
            for b in blocks
            if not any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in b.iterdescendants())
        ]
        if not inner:
            inner = [box]
        for b in inner:
            text = " ".join(b.text_content().split())
            if text:
                parts.append(text)
    return "\n\n".join(parts)


@cache
def _whitehouse() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    with gzip.open(SHARED / "whitehouse" / "briefings.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out[rec["id"]] = {
                "text": rec["text"],
                "date": rec.get("date") or "",
                "title": rec.get("title") or "",
            }
    return out


def _manifest(corpus: str) -> dict[str, dict[str, str]]:
    path = SHARED / corpus / "manifest.tsv"
    rows: dict[str, dict[str, str]] = {}
    if not path.exists():
        return rows
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(head, line.split("\t"), strict=False))
        rows[Path(row["file"]).name] = row
    return rows


def doc_ids(corpus: str) -> list[str]:
    """Every document id of a corpus (file name, or the White House record id), sorted."""
    if corpus == "whitehouse":
        return sorted(_whitehouse())
    folder = {"kremlin": "html", "kremlin-ru": "txt", "ungd": "txt", "cctv-zh": "md"}[corpus]
    return sorted(p.name for p in (SHARED / corpus / folder).iterdir() if p.is_file())


def doc_date(corpus: str, doc: str) -> str:
    """The document's date (ISO, or a year for ``ungd``, or '' when unknown)."""
    if corpus == "whitehouse":
        return _whitehouse()[doc]["date"][:10]
    if corpus == "cctv-zh":
        return f"{doc[:4]}-{doc[4:6]}-{doc[6:8]}"
    if corpus == "ungd":
        return doc[:4]
    return _manifest(corpus).get(doc, {}).get("date", "")


@cache
def reference_text(corpus: str, doc: str) -> str:
    """The frozen reference text of one document (see the module docstring)."""
    if corpus == "whitehouse":
        return _whitehouse()[doc]["text"]
    folder = {"kremlin": "html", "kremlin-ru": "txt", "ungd": "txt", "cctv-zh": "md"}[corpus]
    raw = (SHARED / corpus / folder / doc).read_bytes()
    if corpus == "kremlin":
        return _kremlin_reference(raw)
    return raw.decode("utf-8-sig")


@cache
def visible_text(corpus: str, doc: str) -> str:
    """The reference text less what a reader does not see (kremlin tooltips and meta blocks).

    The same as :func:`reference_text` for every corpus but ``kremlin``.  Also the
    reference of the extraction evaluation (``eval_extract.py``): all paragraph-like
    elements of the lead and the body, found without the library's publisher rules.
    """
    if corpus != "kremlin":
        return reference_text(corpus, doc)
    return _kremlin_reference((SHARED / corpus / "html" / doc).read_bytes(), visible=True)


@cache
def _visible_mapper(corpus: str, doc: str) -> Mapper:
    return Mapper(visible_text(corpus, doc), reference_text(corpus, doc))


def is_visible(record: dict[str, object], share: float = 0.9) -> bool:
    """Whether a label's span is text a reader sees (not a tooltip or a meta block).

    Measured by aligning the reference text with :func:`visible_text`: at least
    ``share`` of the span's letters and digits must align.
    """
    corpus, doc = str(record["corpus"]), str(record["doc"])
    if corpus != "kremlin":
        return True
    m = _visible_mapper(corpus, doc)
    start, end = int(record["start"]), int(record["end"])  # type: ignore[call-overload]
    idx = [i for i, off in enumerate(m.oth_offs) if start <= off < end]
    if not idx:
        return False
    return sum(1 for i in idx if m._map[i] >= 0) >= share * len(idx)


def alnum(text: str) -> tuple[str, list[int]]:
    """Letters and digits only, NFKC and case-folded, with each one's offset in ``text``."""
    chars: list[str] = []
    offs: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).casefold():
            if c.isalnum():
                chars.append(c.replace("ё", "е"))
                offs.append(i)
    return "".join(chars), offs


def fingerprint(span: str) -> str:
    """12 hex digits of SHA-1 over the span's letters and digits (no text is stored)."""
    return hashlib.sha1(alnum(span)[0].encode("utf-8")).hexdigest()[:12]


def find_exact(corpus: str, doc: str, exact: str) -> list[int]:
    """Offsets of every occurrence of ``exact`` (as written) in the reference text."""
    text = reference_text(corpus, doc)
    return [m.start() for m in re.finditer(re.escape(exact), text)]


def label(
    phrase_id: str,
    corpus: str,
    doc: str,
    exact: str,
    level: str,
    *,
    nth: int = 0,
    split: str,
    note: str = "",
) -> dict[str, object]:
    """One label record for the ``nth`` occurrence of the string ``exact`` in ``doc``.

    ``level`` is ``surface``, ``variant`` or ``rejected``; ``note`` says in a few words of
    the labeller's own what kind of variant or trap it is (never corpus text).
    """
    if level not in ("surface", "variant", "rejected"):
        raise ValueError(f"bad level {level!r}")
    hits = find_exact(corpus, doc, exact)
    if nth >= len(hits):
        raise ValueError(f"{corpus}/{doc}: {exact!r} occurs {len(hits)} times, not {nth + 1}")
    start = hits[nth]
    return {
        "phrase_id": phrase_id,
        "corpus": corpus,
        "doc": doc,
        "start": start,
        "end": start + len(exact),
        "sha1": fingerprint(exact),
        "level": level,
        "split": split,
        "date": doc_date(corpus, doc),
        "note": note,
    }


def read_labels(path: Path) -> list[dict[str, object]]:
    """The records of a labels JSONL file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def check(records: Iterable[dict[str, object]]) -> list[str]:
    """Problems with label records: a span whose fingerprint no longer matches its text."""
    problems = []
    for r in records:
        text = reference_text(str(r["corpus"]), str(r["doc"]))
        span = text[int(r["start"]) : int(r["end"])]  # type: ignore[call-overload]
        if fingerprint(span) != r["sha1"]:
            problems.append(f"{r['corpus']}/{r['doc']}@{r['start']}: fingerprint differs")
    return problems


# --- mapping predictions made on another text (the library's Document.text) -------------


class Mapper:
    """Maps offsets of another text of the same document onto the reference text.

    Both texts are reduced to letters and digits and aligned (rapidfuzz ``Indel``
    opcodes); an offset in an aligned block maps exactly, one in a gap maps to the
    gap's edge.  Used to score the library's predictions against reference labels.
    """

    def __init__(self, reference: str, other: str) -> None:
        from rapidfuzz.distance import Indel

        self.ref_norm, self.ref_offs = alnum(reference)
        self.oth_norm, self.oth_offs = alnum(other)
        self.ref_len = len(reference)
        # alnum index in other -> alnum index in reference
        self._map: list[int] = [-1] * len(self.oth_norm)
        if self.ref_norm == self.oth_norm:
            self._map = list(range(len(self.oth_norm)))
        else:
            for tag, a0, a1, b0, _b1 in Indel.opcodes(self.oth_norm, self.ref_norm):
                if tag == "equal":
                    for k in range(a1 - a0):
                        self._map[a0 + k] = b0 + k
        self._oth_index = {off: i for i, off in enumerate(self.oth_offs)}

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The reference span of ``other[start:end]``, or None where nothing of it aligns."""
        idx = [self._map[i] for i in range(len(self.oth_offs)) if start <= self.oth_offs[i] < end]
        idx = [i for i in idx if i >= 0]
        if not idx:
            return None
        return self.ref_offs[min(idx)], self.ref_offs[max(idx)] + 1


# --- candidate search for labellers ------------------------------------------------------

_SENT_END = re.compile(r"(?<=[.!?。！？])\s+|\n\s*\n|(?<=[。！？])")


def sentence_around(text: str, start: int, end: int, width: int = 0) -> tuple[int, int]:
    """Bounds of the sentence(s) around a span (a rough splitter, for reading only)."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start), text.rfind("。", 0, start))
    hi_cands = [
        p for p in (text.find(". ", end), text.find("\n\n", end), text.find("。", end)) if p >= 0
    ]
    hi = min(hi_cands) + 1 if hi_cands else len(text)
    lo = lo + 1 if lo >= 0 else 0
    if width:
        lo = max(lo, start - width)
        hi = min(hi, end + width)
    return lo, hi


def candidates(
    corpus: str, pattern: str, docs: Iterable[str] | None = None
) -> Iterator[tuple[str, int, int]]:
    """``(doc, start, end)`` of every match of a case-insensitive regex in the reference texts."""
    rx = re.compile(pattern, re.IGNORECASE | re.DOTALL)
    for doc in docs or doc_ids(corpus):
        text = reference_text(corpus, doc)
        for m in rx.finditer(text):
            yield doc, m.start(), m.end()


def near(
    corpus: str,
    stems: list[str],
    window: int = 8,
    docs: Iterable[str] | None = None,
    min_stems: int | None = None,
) -> Iterator[tuple[str, int, int]]:
    """Places where ``min_stems`` of the word stems occur within ``window`` words, any order.

    For CJK stems (no spaces) the window counts characters times three.
    """
    need = min_stems or len(stems)
    cjk = any("\u3400" <= ch <= "\u9fff" for s in stems for ch in s)
    for doc in docs or doc_ids(corpus):
        text = reference_text(corpus, doc)
        # one character for one, so that offsets in ``low`` are offsets in ``text``
        low = "".join(c.casefold() if len(c.casefold()) == 1 else c for c in text)
        low = low.replace("ё", "е")
        hits: list[tuple[int, int, int]] = []  # (pos, end, stem index)
        for k, s in enumerate(stems):
            s = s.casefold().replace("ё", "е")
            rx = re.escape(s) if cjk else r"(?<!\w)" + re.escape(s) + r"\w*"
            hits.extend((m.start(), m.end(), k) for m in re.finditer(rx, low))
        hits.sort()
        if cjk:
            span_of = lambda a, b: b - a  # noqa: E731
            limit = window * 3
        else:
            span_of = lambda a, b, low=low: len(re.findall(r"\w+", low[a:b]))  # noqa: E731
            limit = window
        i = 0
        last_end = -1
        while i < len(hits):
            j = i
            seen = {hits[i][2]}
            best = None
            while j + 1 < len(hits) and span_of(hits[i][0], hits[j + 1][1]) <= limit:
                j += 1
                seen.add(hits[j][2])
                if len(seen) >= need:
                    best = j
            if len(seen) >= need and best is None:
                best = i
            if (
                best is not None
                and len({h[2] for h in hits[i : best + 1]}) >= need
                and hits[i][0] >= last_end
            ):
                yield doc, hits[i][0], hits[best][1]
                last_end = hits[best][1]
                i = best + 1
            else:
                i += 1


def _print_hits(corpus: str, hits: Iterable[tuple[str, int, int]], width: int) -> None:
    n = 0
    for doc, s, e in hits:
        text = reference_text(corpus, doc)
        lo, hi = sentence_around(text, s, e, width)
        ctx = (text[lo:s] + "[[" + text[s:e] + "]]" + text[e:hi]).replace("\n", " ")
        print(f"{doc}\t{s}\t{e}\t{ctx}")
        n += 1
    print(f"# {n} hits", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Command line for labellers (see the module docstring)."""
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("docs", help="list document ids with dates and sizes")
    d.add_argument("corpus", choices=CORPORA)
    c = sub.add_parser("cand", help="every match of a regex, in its sentence")
    c.add_argument("corpus", choices=CORPORA)
    c.add_argument("pattern")
    c.add_argument("--width", type=int, default=160, help="context characters each side at most")
    c.add_argument("--docs", help="file with one document id a line (default: all)")
    n = sub.add_parser("near", help="stems within a window of words, any order")
    n.add_argument("corpus", choices=CORPORA)
    n.add_argument("stems", help="comma-separated stems")
    n.add_argument("--window", type=int, default=8)
    n.add_argument(
        "--min", type=int, default=None, help="how many of the stems must occur (default all)"
    )
    n.add_argument("--width", type=int, default=160)
    n.add_argument("--docs", help="file with one document id a line (default: all)")
    s = sub.add_parser("show", help="print a stretch of a reference text")
    s.add_argument("corpus", choices=CORPORA)
    s.add_argument("doc")
    s.add_argument("start", type=int)
    s.add_argument("end", type=int)
    k = sub.add_parser("check", help="check a labels file against the reference texts")
    k.add_argument("file", type=Path)
    a = p.parse_args(argv)
    docs = None
    if getattr(a, "docs", None):
        docs = [x.strip() for x in Path(a.docs).read_text().splitlines() if x.strip()]
    if a.cmd == "docs":
        for doc in doc_ids(a.corpus):
            print(f"{doc}\t{doc_date(a.corpus, doc)}\t{len(reference_text(a.corpus, doc))}")
    elif a.cmd == "cand":
        _print_hits(a.corpus, candidates(a.corpus, a.pattern, docs), a.width)
    elif a.cmd == "near":
        _print_hits(a.corpus, near(a.corpus, a.stems.split(","), a.window, docs, a.min), a.width)
    elif a.cmd == "show":
        print(reference_text(a.corpus, a.doc)[a.start : a.end])
    elif a.cmd == "check":
        recs = read_labels(a.file)
        probs = check(recs)
        print("\n".join(probs) or f"{len(recs)} labels, all fingerprints match")
        return 1 if probs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

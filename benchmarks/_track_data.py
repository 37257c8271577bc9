"""Shared corpus access for the tracking evaluation and benchmark (not part of the package).

The evaluation set is fixed by rule, not by list: the White House readouts
(``id`` containing "readout") that mention Xi Jinping, the People's Republic of
China or the PRC, and every UN General Debate speech of China and Russia.
Documents are loaded with the project's own loader, so label offsets point into
``Document.text`` exactly as users see it.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import statement_tracker as st

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"
WHITEHOUSE = SHARED / "whitehouse" / "briefings.jsonl.gz"
UNGD = SHARED / "ungd"
LABELS = ROOT / "fixtures" / "labels" / "track_labels.jsonl"
WATCHLIST = ROOT / "fixtures" / "labels" / "track_watchlist.toml"

_CHINA = re.compile(r"Xi Jinping|People.s Republic of China|\bPRC\b")


def whitehouse_readouts(ids: set[str] | None = None) -> list[tuple[str, st.Document]]:
    """``(record id, document)`` for the US–China readouts (or just the given ids)."""
    lines: list[str] = []
    with gzip.open(WHITEHOUSE, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            rid = rec["id"]
            if ids is not None:
                if rid in ids:
                    lines.append(line)
            elif "readout" in rid and _CHINA.search(rec["text"]):
                lines.append(line)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "readouts.jsonl"
        path.write_text("".join(lines), encoding="utf-8")
        docs = list(st.load_corpus([path]))
    return [(d.source.split("#", 1)[1], d) for d in docs]


def ungd_speeches(
    countries: tuple[str, ...] = ("CHN", "RUS"), files: set[str] | None = None
) -> list[tuple[str, st.Document]]:
    """``(file name, document)`` for the General Debate speeches of ``countries``.

    Dated (1 January of the year) and put in a series per country by the corpus manifest.
    """
    manifest = st.Manifest.from_file(UNGD / "manifest.tsv", fields={"series": "country"})
    out: list[tuple[str, st.Document]] = []
    for doc in manifest.apply_all(st.load_corpus([UNGD / "txt"])):
        name = Path(doc.source).name
        if doc.series in countries and (files is None or name in files):
            out.append((name, doc))
    return out


def evaluation_documents(sources: set[str] | None = None) -> list[tuple[str, st.Document]]:
    """The whole evaluation set, or only the documents whose source ids are in ``sources``."""
    if sources is None:
        return whitehouse_readouts() + ungd_speeches()
    wh = {s for s in sources if "/" in s}
    un = sources - wh
    return (whitehouse_readouts(wh) if wh else []) + (ungd_speeches(files=un) if un else [])


def labels() -> Iterator[dict[str, object]]:
    """The label records (see fixtures/labels/README.md)."""
    with open(LABELS, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def fingerprint(norm_span: str) -> str:
    """A short hash of a normalised span: lets labels follow a changed loader without text."""
    import hashlib

    return hashlib.sha1(norm_span.encode("utf-8")).hexdigest()[:12]


def resolve(
    labels: list[dict[str, object]], docs: dict[str, st.Document]
) -> tuple[list[dict[str, object]], int]:
    """Point each label at the current text of its document (by source id).

    When the loader's output changed since labelling (other doc id), the span
    is found again by its normalised fingerprint near its old place.  Returns
    the resolved labels (with the current ``doc_id``/``start``/``end``) and the
    number that could not be resolved.
    """
    out: list[dict[str, object]] = []
    lost = 0
    norms: dict[str, st.Normalised] = {}
    for lab in labels:
        doc = docs.get(str(lab["source_id"]))
        if doc is None:
            lost += 1
            continue
        if doc.doc_id == lab["doc_id"]:
            out.append(lab)
            continue
        n = norms.get(doc.doc_id) or norms.setdefault(doc.doc_id, st.normalise(doc.text))
        ns, size, want = int(lab["norm_start"]), int(lab["norm_len"]), lab["norm_sha1"]  # type: ignore[call-overload]
        found = None
        for delta in range(0, 5000):
            for pos in {ns - delta, ns + delta}:
                if 0 <= pos <= len(n.text) - size and fingerprint(n.text[pos : pos + size]) == want:
                    found = pos
                    break
            if found is not None:
                break
        if found is None:
            lost += 1
            continue
        s, e = n.span_to_original(found, found + size)
        out.append({**lab, "doc_id": doc.doc_id, "start": s, "end": e})
    return out, lost

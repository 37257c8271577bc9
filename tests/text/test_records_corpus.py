"""Phrase records on real documents (slow): run with ``python3 -m pytest -m corpus_full``.

The columnar path (``_spans``, ``_batch``) and the speed-ups of normalisation,
segmentation and quotation finding must not change a single record.  Two checks over
a sample of every shared corpus:

* :func:`records` equals a slow reference built record by record from the public
  functions (sentences per paragraph, clauses per sentence, ``normalise`` of each
  record's own text, :meth:`PhraseRecord.make` for the ids);
* a digest of every record and of the normalised text with its offset map equals the
  digest taken before the speed-ups (issue 16), corpus by corpus.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

import statement_tracker as st

pytestmark = pytest.mark.corpus_full

# (folder or file under the shared corpus, every n-th document)
SAMPLES = {
    "whitehouse": ("whitehouse/briefings.jsonl.gz", 50),
    "kremlin": ("kremlin/html", 10),
    "kremlin-ru": ("kremlin-ru/txt", 1),
    "cctv-zh": ("cctv-zh/md", 10),
    "ungd": ("ungd/txt", 5),
}

# Taken at the revision before issue 16's speed-ups, with Python's Unicode 14.0.0
# (NFKC depends on it).  A change here is a change of results: find it with the
# reference test below, and update a digest only for a change meant to happen.
UNICODE = "14.0.0"
DIGESTS = {
    "whitehouse": "515498a8acaa4808374f5e6ff56e4d903f072410a149a567a848b019db8a8d42",
    "kremlin": "c787ba8db8089025b36f5be864937bd69a23d198d8dd03ec6c3f14fe0fb44baa",
    "kremlin-ru": "a9e1fccd6d106ebc8a4ad7cfa453fced9a2e19cca06c73c15fd450342c29028b",
    "cctv-zh": "14f81b091c1ceacee3daf132edb64386b2d2860598c0819205302288208214c1",
    "ungd": "8535507c2e43a8e9c9679221f2c67bf68c5fb0e56ac9e91a262314e57b8b2dbb",
}


def _sample(corpus: Path, name: str) -> Iterator[st.Document]:
    where, step = SAMPLES[name]
    docs = st.load_corpus(corpus / where, errors="skip")
    return itertools.islice(docs, 0, None, step)


def _reference(doc: st.Document) -> list[st.PhraseRecord]:
    """The records of ``doc`` one at a time, as :func:`st.records` documents them."""
    text = doc.text
    paragraphs = st.paragraph_spans(text)
    starts = [ps for ps, _ in paragraphs]
    quotes = st.quotations(text)
    turns = [q for q in quotes if q.kind == "transcript"]
    turn_starts = [t.outer_start for t in turns]

    def speaker_at(offset: int) -> str | None:
        k = bisect.bisect_right(turn_starts, offset) - 1
        return turns[k].speaker if k >= 0 and offset < turns[k].end else None

    spans: list[tuple[int, int, int, int, str | None]] = []  # start, end, kind, paragraph, who
    for pi, (ps, pe) in enumerate(paragraphs):
        spans.append((ps, pe, 0, pi, speaker_at(ps)))
        for ss, se in st.sentence_spans(text, ps, pe, language=doc.language):
            who = speaker_at(ss)
            spans.append((ss, se, 1, pi, who))
            spans.extend((cs, ce, 2, pi, who) for cs, ce in st.clause_spans(text, ss, se))
    for q in quotes:
        pi = max(bisect.bisect_right(starts, q.start) - 1, 0)
        spans.append((q.start, q.end, 3, pi, q.speaker))
    spans.sort(key=lambda r: (r[0], -r[1], r[2]))
    return [
        st.PhraseRecord.make(
            doc, st.RECORD_KINDS[k], s, e, norm=st.normalise(text[s:e]).text, paragraph=pi,
            speaker=who,
        )
        for s, e, k, pi, who in spans
    ]  # fmt: skip


def _digest(docs: Iterator[st.Document]) -> str:
    h = hashlib.sha256()
    for doc in docs:
        h.update(json.dumps(doc.to_dict(), sort_keys=True).encode("utf-8", "surrogatepass"))
        for fold_case in (True, False):
            n = st.normalise(doc.text, fold_case=fold_case)
            h.update(n.text.encode("utf-8", "surrogatepass"))
            edits = [list(getattr(n, a)) for a in ("_n0", "_n1", "_o0", "_o1")]
            h.update(json.dumps(edits).encode())
        for r in st.records(doc):
            h.update(json.dumps(r.to_dict()).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_records_equal_the_record_by_record_reference(shared_corpus: Path, name: str) -> None:
    """records() gives what the per-record reference gives, on a sample of each corpus."""
    differ = [
        doc.source for doc in _sample(shared_corpus, name) if st.records(doc) != _reference(doc)
    ]
    assert [] == differ


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_records_and_normalisation_are_unchanged(shared_corpus: Path, name: str) -> None:
    """Records, normalised texts and offset maps of a sample are those of before."""
    if unicodedata.unidata_version != UNICODE:
        pytest.skip(f"digests taken with Unicode {UNICODE}, not {unicodedata.unidata_version}")
    assert DIGESTS[name] == _digest(_sample(shared_corpus, name))

"""Records as columns: RecordBatch gives the records of records(), which match a slow reference."""

from __future__ import annotations

import bisect
import itertools
from pathlib import Path

import pytest
from hypothesis import given

import statement_tracker as st
from statement_tracker import Document, PhraseRecord, UsageError, records, records_batch
from strategies import any_texts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
KINDS = ("paragraph", "sentence", "clause", "quote")
TRANSCRIPT = (
    "Vladimir Putin held talks with Xi Jinping.\n\n"
    "Vladimir Putin: Mr President, friends, we agreed; talks will go on.\n\n"
    "Xi Jinping (retranslated): Thank you. “No limits,” I said. Xi stressed that it matters.\n\n"
    "It was late;  “Yes,”\u00a0said Mr. Wang."
)


def reference_records(doc: Document, kinds: tuple[str, ...] = KINDS) -> list[PhraseRecord]:
    """The obvious way, one record at a time: spans from the public segmenters, the
    speaker by bisection over the turns, norm by span_to_normalised, sorted at the end."""
    text = doc.text
    n = st.normalise(text)
    quotes = st.quotations(text) if "quote" in kinds else []
    turns = [q for q in st.quotations(text) if q.kind == "transcript"]
    starts = [t.outer_start for t in turns]

    def speaker_at(offset: int) -> str | None:
        k = bisect.bisect_right(starts, offset) - 1
        return turns[k].speaker if k >= 0 and offset < turns[k].end else None

    rank = {kind: i for i, kind in enumerate(st.RECORD_KINDS)}
    spans: list[tuple[str, int, int, int, str | None]] = []
    paragraphs = st.paragraph_spans(text)
    for pi, (ps, pe) in enumerate(paragraphs):
        spans.append(("paragraph", ps, pe, pi, speaker_at(ps)))
        for ss, se in st.sentence_spans(text, ps, pe, language=doc.language):
            spans.append(("sentence", ss, se, pi, speaker_at(ss)))
            for cs, ce in st.clause_spans(text, ss, se):
                spans.append(("clause", cs, ce, pi, speaker_at(ss)))
    para_starts = [ps for ps, _ in paragraphs]
    for q in quotes:
        pi = max(0, bisect.bisect_right(para_starts, q.start) - 1)
        spans.append(("quote", q.start, q.end, pi, q.speaker))
    spans = [s for s in spans if s[0] in kinds]
    spans.sort(key=lambda r: (r[1], -r[2], rank[r[0]]))
    out = []
    for kind, s, e, pi, who in spans:
        a, b = n.span_to_normalised(s, e)
        norm = n.text[a:b].strip(" ")
        out.append(PhraseRecord.make(doc, kind, s, e, norm=norm, paragraph=pi, speaker=who))
    return out


def _fixture_documents() -> list[Document]:
    return [*st.load_corpus([FIXTURES / "readouts"]), Document.from_text(TRANSCRIPT)]


def test_records_match_the_reference_on_fixtures() -> None:
    """records() gives what the one-at-a-time reference gives, for every fixture readout."""
    for doc in _fixture_documents():
        assert reference_records(doc) == records(doc)


@given(any_texts)
def test_records_match_the_reference(text: str) -> None:
    """records() gives what the one-at-a-time reference gives, for any text."""
    doc = Document.from_text(text)
    assert reference_records(doc) == records(doc)


@given(any_texts)
def test_batch_gives_the_records(text: str) -> None:
    """records_batch(doc).records() == records(doc), and row i is record i."""
    doc = Document.from_text(text)
    expected = records(doc)
    batch = records_batch(doc)
    assert expected == batch.records()
    assert expected == list(batch)
    assert len(expected) == len(batch)
    for i, r in enumerate(expected):
        assert r == batch.record(i)
        assert (r.kind, r.start, r.end) == (batch.kinds()[i], batch.start[i], batch.end[i])
        assert (r.text, r.norm, r.speaker) == (batch.text(i), batch.norm(i), batch.speaker_of(i))


def test_batch_of_each_kind_subset_matches_records() -> None:
    """Every choice of kinds gives the records of records() with those kinds."""
    for doc in _fixture_documents():
        for size in range(1, 5):
            for kinds in itertools.combinations(KINDS, size):
                expected = records(doc, kinds)
                assert expected == records_batch(doc, kinds).records()
                assert expected == reference_records(doc, kinds)


def test_batch_columns() -> None:
    """Columns line up with the records: offsets, normalised offsets, paragraphs, speakers."""
    doc = Document.from_text(TRANSCRIPT)
    batch = records_batch(doc)
    recs = records(doc)
    assert [r.start for r in recs] == batch.start.tolist()
    assert [r.end for r in recs] == batch.end.tolist()
    assert [r.paragraph for r in recs] == batch.paragraph.tolist()
    norm_spans = zip(batch.norm_start.tolist(), batch.norm_end.tolist(), strict=True)
    assert [r.norm for r in recs] == [batch.norm_text[a:b] for a, b in norm_spans]
    assert [r.record_id for r in recs] == [batch.record_id(i) for i in range(len(batch))]
    assert {doc.doc_id} == {r.doc_id for r in recs} == {batch.doc_id}
    assert [r.kind == "quote" for r in recs] == batch.mask("quote").tolist()
    assert "Vladimir Putin" in batch.speakers


def test_batch_takes_a_normalised_text() -> None:
    """A normalised text given by the caller is used; one of another text is refused."""
    doc = Document.from_text(TRANSCRIPT)
    assert records(doc) == records_batch(doc, normalised=st.normalise(doc.text)).records()
    with pytest.raises(UsageError, match="normalised"):
        records_batch(doc, normalised=st.normalise("Other text."))


def test_batch_refuses_unknown_kinds() -> None:
    """An unknown kind is a UsageError, for the batch and for its mask."""
    doc = Document.from_text("One. Two.")
    with pytest.raises(UsageError, match="unknown record kind 'word'"):
        records_batch(doc, ["word"])
    with pytest.raises(UsageError, match="unknown record kind 'word'"):
        records_batch(doc).mask("word")


def test_empty_batch() -> None:
    """A text of white space gives an empty batch and no records."""
    batch = records_batch(Document.from_text("  \n\n "))
    assert 0 == len(batch)
    assert [] == batch.records()
    with pytest.raises(IndexError):
        batch.record(0)


@pytest.mark.parametrize("folder", ["whitehouse", "kremlin-ru", "ungd", "cctv-zh"])
def test_records_match_the_reference_on_the_corpus(shared_corpus: Path, folder: str) -> None:
    """records() and the batch give what the reference gives on real documents."""
    path = shared_corpus / folder
    docs = list(itertools.islice(st.load_corpus([path], errors="skip"), 0, 400, 20))
    assert docs
    for doc in docs:
        expected = reference_records(doc)
        assert expected == records(doc)
        assert expected == records_batch(doc).records()

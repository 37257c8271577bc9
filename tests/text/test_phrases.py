"""Phrase records: exact offsets, normalised forms, stable ids, JSON round trip, the CLI."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given

import statement_tracker as st
from statement_tracker import Document, PhraseRecord, UsageError, normalise, records
from statement_tracker._cli import _segment as cli
from strategies import any_texts

TRANSCRIPT = (
    "Vladimir Putin held talks with Xi Jinping.\n\n"
    "Vladimir Putin: Mr President, friends, we agreed; talks will go on.\n\n"
    "Xi Jinping (retranslated): Thank you. “No limits,” I said.\n\n"
    "It was late."
)


@given(any_texts)
def test_record_text_is_the_document_span(text: str) -> None:
    """doc.text[r.start:r.end] == r.text for every record of any text."""
    doc = Document.from_text(text)
    for r in records(doc):
        assert doc.text[r.start : r.end] == r.text
        assert r.text and not r.text[0].isspace() and not r.text[-1].isspace()


@given(any_texts)
def test_norm_is_the_normalised_text(text: str) -> None:
    """A record's norm equals normalising its text on its own."""
    for r in records(Document.from_text(text)):
        assert normalise(r.text).text == r.norm


@given(any_texts)
def test_records_round_trip_through_json(text: str) -> None:
    """to_dict -> JSON -> from_dict gives back an equal record."""
    for r in records(Document.from_text(text)):
        assert r == PhraseRecord.from_dict(json.loads(json.dumps(r.to_dict())))


@given(any_texts)
def test_ids_are_stable_and_unique(text: str) -> None:
    """Two runs give the same ids; no two records of a document share one."""
    doc = Document.from_text(text)
    first = [r.record_id for r in records(doc)]
    assert first == [r.record_id for r in records(Document.from_text(text))]
    assert len(first) == len(set(first))


@given(any_texts)
def test_sentences_and_clauses_tile_paragraphs(text: str) -> None:
    """Sentence records cover their paragraph record; clause records cover their sentences."""
    recs = records(Document.from_text(text))
    by_kind: dict[str, list[PhraseRecord]] = {k: [] for k in st.RECORD_KINDS}
    for r in recs:
        by_kind[r.kind].append(r)
    for p in by_kind["paragraph"]:
        inside = [r for r in by_kind["sentence"] if p.start <= r.start < p.end]
        assert (p.start, p.end) == (inside[0].start, inside[-1].end)
        assert {p.paragraph} == {r.paragraph for r in inside}
    sentence_ends = {r.end for r in by_kind["sentence"]}
    assert sentence_ends <= {r.end for r in by_kind["clause"]}


def test_known_id() -> None:
    """Record ids come from the content hash, kind and span: pinned so they never drift."""
    rec = records(Document.from_text("One. Two."), kinds=["sentence"])[1]
    assert (5, 9) == (rec.start, rec.end)
    expected = PhraseRecord.make(Document.from_text("One. Two."), "sentence", 5, 9, norm="two.")
    assert expected.record_id == rec.record_id


def test_kinds_filter_and_order() -> None:
    """Only the asked kinds come out, in document order, larger spans first."""
    doc = Document.from_text("A b; c. D.\n\nE.")
    assert [
        ("paragraph", 0),
        ("sentence", 0),
        ("sentence", 8),
        ("paragraph", 12),
        ("sentence", 12),
    ] == [(r.kind, r.start) for r in records(doc, kinds=["sentence", "paragraph"])]


def test_unknown_kind() -> None:
    """An unknown kind is a UsageError naming it."""
    with pytest.raises(UsageError, match="'word'"):
        records(Document.from_text("x"), kinds=["word"])


def test_transcript_speakers() -> None:
    """Records inside a transcript turn carry its speaker; narrative before it has none."""
    recs = records(Document.from_text(TRANSCRIPT), kinds=["sentence", "quote"])
    got = [(r.kind, r.text, r.speaker) for r in recs]
    assert ("sentence", "Vladimir Putin held talks with Xi Jinping.", None) == got[0]
    assert ("sentence", "Xi Jinping (retranslated): Thank you.", "Xi Jinping") in got
    assert ("quote", "No limits", "I") not in got
    assert ("sentence", "It was late.", "Xi Jinping") == got[-1]


def test_quote_records_have_paragraph_index() -> None:
    """A quotation record knows the paragraph it starts in."""
    recs = records(Document.from_text(TRANSCRIPT), kinds=["quote"])
    direct = [r for r in recs if r.text == "No limits"]
    assert [2] == [r.paragraph for r in direct]


# --- the command line -------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="statement-tracker")
    cli.register(parser.add_subparsers(dest="command"))
    return parser


def test_cli_options() -> None:
    """--kind repeats, --format defaults to jsonl."""
    args = _parser().parse_args(["records", "a.txt", "--kind", "quote", "--kind", "clause"])
    assert (["quote", "clause"], "jsonl", ["a.txt"]) == (args.kind, args.format, args.paths)


def test_cli_rejects_unknown_kind() -> None:
    """An unknown --kind is a usage error (exit status 2)."""
    with pytest.raises(SystemExit) as exc:
        _parser().parse_args(["records", "a.txt", "--kind", "word"])
    assert 2 == exc.value.code


def test_jsonl_rows_are_records() -> None:
    """Each jsonl line is a record's to_dict with the documented fields."""
    doc = Document.from_text(TRANSCRIPT)
    buf = io.StringIO()
    n = cli.write_records([doc], "jsonl", None, buf)
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(rows) == len(records(doc))
    assert {"record_id", "doc_id", "kind", "start", "end", "text", "norm"} <= set(rows[0])
    assert records(doc) == [PhraseRecord.from_dict(r) for r in rows]


def test_csv_has_header_and_rows() -> None:
    """CSV output has the documented columns and one row per record."""
    buf = io.StringIO()
    cli.write_records([Document.from_text("One. Two.")], "csv", ["sentence"], buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert ["One.", "Two."] == [r["text"] for r in rows]
    assert list(cli.CSV_COLUMNS) == list(rows[0])


def test_table_output() -> None:
    """The table has a header line and one line per record."""
    buf = io.StringIO()
    cli.write_records([Document.from_text("One. Two.")], "table", ["sentence"], buf)
    lines = buf.getvalue().splitlines()
    assert 3 == len(lines) and lines[0].startswith("doc_id")


def test_cli_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`statement-tracker records FILE --kind sentence` prints the file's sentences."""
    pytest.importorskip("statement_tracker._ingest._load")
    from statement_tracker._cli import main

    path = tmp_path / "readout.txt"
    path.write_text("Mr. Xi met Dr. Li. They agreed.\n", encoding="utf-8")
    assert 0 == main(["records", str(path), "--kind", "sentence"])
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert ["Mr. Xi met Dr. Li.", "They agreed."] == [r["text"] for r in rows]


def test_cli_error_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing input ends with a one-line error, not a traceback."""
    pytest.importorskip("statement_tracker._ingest._load")
    from statement_tracker._cli import main

    assert 0 != main(["records", str(tmp_path / "missing.txt")])
    err = capsys.readouterr().err
    assert err.startswith("statement-tracker: error:") and 1 == len(err.strip().splitlines())


@given(any_texts)
def test_records_are_what_make_builds(text: str) -> None:
    """Records built in bulk equal PhraseRecord.make with the per-span normalised map."""
    doc = Document.from_text(text)
    n = normalise(text)
    for r in records(doc):
        a, b = n.span_to_normalised(r.start, r.end)
        expected = PhraseRecord.make(
            doc,
            r.kind,
            r.start,
            r.end,
            norm=n.text[a:b].strip(" "),
            paragraph=r.paragraph,
            speaker=r.speaker,
        )
        assert expected == r


@given(any_texts)
def test_clause_marks_skip_no_clause(text: str) -> None:
    """A sentence that the whole-text clause scan finds no mark in is one clause."""
    from statement_tracker._text._segment import _CLAUSE

    marks = {m.start() for m in _CLAUSE.finditer(text)}
    for s, e in st.sentence_spans(text):
        if not any(s <= m < e for m in marks):
            assert [(s, e)] == st.clause_spans(text, s, e)

"""Tests for quote sourcing: find_sources(), source_quote() and SourceIndex."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as hst

from statement_tracker import Document, UsageError, normalise_text
from statement_tracker._cli._sources import register
from statement_tracker._ingest._load import load
from statement_tracker._sources._find import SourceIndex, find_sources, source_quote
from statement_tracker._text._tokens import word_tokens

READOUT = (
    "The two leaders held talks in Castelgrad. The partnership has no limits, there are "
    "no forbidden areas of cooperation. Both sides will maintain open lines of communication "
    "to manage competition responsibly. The defence of the organisation is a priority for "
    "all the member states of the alliance."
)
LATER = "Both sides will maintain open lines of communication to manage competition responsibly."


@pytest.fixture(scope="module")
def index() -> SourceIndex:
    """A small corpus: one readout and a later one that repeats a sentence."""
    return SourceIndex(
        [
            Document.from_text(LATER, source="later.txt", date="2024-01-01"),
            Document.from_text(READOUT, source="first.txt", date="2021-05-04"),
            Document.from_text("Unrelated text about trade and tariffs.", source="x.txt"),
        ]
    )


def _src(quote: str, index: SourceIndex) -> str | None:
    r = source_quote(quote, index)
    return r.source.source if r.source else None


@pytest.mark.parametrize(
    "quote",
    [
        "has no limits, [and] there are no 'forbidden' areas",
        "HAS NO LIMITS, THERE ARE NO FORBIDDEN AREAS OF COOPERATION",
        "The partnership has no limits … no forbidden areas of cooperation",
        "partnership has no limits... there are no forbidden areas",
        "The partnership [between the two countries] has no limits",
        "[T]he partnership has no limits",
        "the defense of the organization is a priority for all the member states",
    ],
)
def test_loose_quotations_are_traced(quote: str, index: SourceIndex) -> None:
    """Brackets, ellipses, cut clauses, case and spelling variants still find the source."""
    assert "first.txt" == _src(quote, index)


@pytest.mark.parametrize(
    "quote",
    [
        "The partnership has no limits, there are no forbidden areas of trade",
        "the offence of the organisation is a priority for all the member states",
        "The partnership has limits, there are forbidden areas of cooperation and war",
        "the two leaders held talks in Altenhaven",
    ],
)
def test_changed_content_words_are_not_attributed(quote: str, index: SourceIndex) -> None:
    """A quotation with a changed content word is reported as not found."""
    r = source_quote(quote, index)
    assert (None, "not-found") == (r.source, r.method)


def test_spelling_variants_are_fuzzy_not_exact(index: SourceIndex) -> None:
    """A match that needed a spelling variant says so."""
    r = source_quote("the defense of the organization is a priority for all member states", index)
    assert r.source is not None
    assert ("fuzzy", "fuzzy") == (r.method, r.source.method)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("a priority for all the member states of the organization", "organisation"),
        ("Organization is a priority for all the member states", "organisation is"),
        ("the peace making efforts of the regional organisations continue", "peacemaking"),
    ],
)
def test_variants_at_the_edges_and_split_words(quote: str, expected: str) -> None:
    """A spelling variant at either end, and a word split in two, still match."""
    text = (
        "Budgets were discussed. The organisation is a priority for all the member states "
        "of the organisation. The peacemaking efforts of the regional organisations continue."
    )
    r = source_quote(quote, SourceIndex([Document.from_text(text, source="d")]))
    assert r.source is not None
    assert expected in r.source.text.lower()
    assert r.source.text == text[r.source.start : r.source.end]


def test_span_points_into_the_document(index: SourceIndex) -> None:
    """doc.text[start:end] is the matched text."""
    r = source_quote("open lines of communication", index)
    assert r.source is not None
    doc = next(
        index.document(i) for i in range(len(index)) if index.document(i).doc_id == r.source.doc_id
    )
    assert r.source.text == doc.text[r.source.start : r.source.end]
    assert "open lines of communication" == r.source.text


def test_earliest_document_is_the_source_among_equals(index: SourceIndex) -> None:
    """A sentence in two documents is sourced to the earlier one; both are counted."""
    r = source_quote("maintain open lines of communication to manage competition", index)
    assert r.source is not None and r.earliest is not None
    got = (r.source.source, r.earliest.source, r.documents_matched)
    assert ("first.txt", "first.txt", 2) == got


def test_short_quotes_need_an_exact_match(index: SourceIndex) -> None:
    """One- and two-word quotations are sourced only verbatim."""
    assert "first.txt" == _src("no limits", index)
    r = source_quote("no limit", index)
    assert (None, "too-short") == (r.source, r.method)


def test_empty_quotation(index: SourceIndex) -> None:
    """A quotation with no words is reported, not searched."""
    assert "empty" == source_quote("…", index).method


def test_find_sources_reads_quotations_of_an_article(index: SourceIndex) -> None:
    """Curly, straight and nested quotes; offsets point into the article."""
    art = (
        "He said it “has no limits, [and] there are no ‘forbidden’ areas”. "
        'Then: "we want peace everywhere at all costs" and «open lines of communication».'
    )
    res = find_sources(art, index)
    assert 3 == len(res)
    assert [r.quote for r in res] == [art[r.start : r.end] for r in res]
    assert ["first.txt", None, "first.txt"] == [r.source and r.source.source for r in res]


def test_offsets_skip_a_leading_inner_quote(index: SourceIndex) -> None:
    """A quotation opening with a nested quote keeps offsets on its words."""
    art = "He said: “‘Forbidden’ areas of cooperation, he said, do not exist”."
    [r] = find_sources(art, index)
    assert r.quote == art[r.start : r.end]
    assert r.quote.startswith("Forbidden")


def test_find_sources_accepts_documents_and_archive_like(index: SourceIndex) -> None:
    """A list of documents or anything with documents() works as the corpus."""
    docs = [index.document(i) for i in range(len(index))]

    class Shelf:
        def documents(self) -> list[Document]:
            return docs

    art = Document.from_text("“open lines of communication”")
    assert find_sources(art, docs)[0].found
    assert find_sources(art, Shelf())[0].found


def test_bad_threshold_is_a_usage_error(index: SourceIndex) -> None:
    """Thresholds outside (0, 100] are refused."""
    with pytest.raises(UsageError):
        find_sources("“x y z”", index, threshold=120)


def test_to_dict_schema(index: SourceIndex) -> None:
    """The JSONL record has the documented fields."""
    d = source_quote("open lines of communication", index).to_dict()
    assert {"quote", "start", "end", "source", "earliest", "method"} <= set(d)
    assert {"doc_id", "source", "date", "start", "end", "text", "score"} <= set(d["source"])
    json.dumps(d)


@given(hst.lists(hst.sampled_from(READOUT.split()), min_size=3, max_size=8))
def test_any_verbatim_run_is_found(words: list[str]) -> None:
    """Every run of words cut from a document is found in it at the reported span."""
    idx = SourceIndex([Document.from_text(READOUT, source="r")])
    toks = READOUT.split()
    start = toks.index(words[0])
    quote = " ".join(toks[start : start + len(words)])
    r = source_quote(quote, idx)
    assert r.source is not None
    assert r.source.text == READOUT[r.source.start : r.source.end]


def test_fixture_commentary_matches_labels(fixtures_dir: Path) -> None:
    """Every labelled quotation of the fixture commentary gets its true source (or none)."""
    docs = [load(p) for p in sorted((fixtures_dir / "readouts").iterdir())]
    idx = SourceIndex(docs)
    truth = json.loads((fixtures_dir / "labels" / "fixture_truth.json").read_text())
    checked = 0
    for art in sorted((fixtures_dir / "commentary").iterdir()):
        results = {" ".join(r.quote.split()).rstrip(","): r for r in find_sources(load(art), idx)}
        for label in truth["commentary"]:
            if label["article"] != art.name:
                continue
            r = results[" ".join(label["quote"].split()).rstrip(",")]
            got = Path(r.source.source).name if r.source else None
            assert label["source"] == got, label["quote"]
            checked += 1
    assert checked >= 10


def test_cli_sources_jsonl(fixtures_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``sources ARTICLE PATHS --format jsonl`` writes one object per quotation."""
    import argparse

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    art = fixtures_dir / "commentary" / "2025-06-10_limits-of-no-limits.md"
    args = parser.parse_args(["sources", str(art), str(fixtures_dir / "readouts")])
    assert 0 == args.func(args)
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert 8 == len(rows)
    assert 2 == sum(r["source"] is None for r in rows)


def test_shared_corpus_slice(shared_corpus: Path) -> None:
    """Sentences cut from real White House releases are traced back to them."""
    path = shared_corpus / "whitehouse" / "briefings.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, 300)]
    docs = [
        Document.from_text(" ".join(r["text"].split()), source=r["id"], date=r["date"])
        for r in rows
        if r["text"].strip()
    ]
    idx = SourceIndex(docs)
    for doc in docs[::30]:
        words = doc.text.split()
        if len(words) < 60:
            continue
        quote = " ".join(words[40:52]).replace('"', "")
        r = source_quote(quote.upper(), idx)
        assert r.source is not None
        assert word_tokens(normalise_text(quote)) == word_tokens(normalise_text(r.source.text))


# content words only: function words may differ in a fuzzy match, by design
_VOCAB = ["peace", "stability", "strait", "open", "lines", "partners", "talks"]


@given(
    hst.lists(hst.lists(hst.sampled_from(_VOCAB), min_size=5, max_size=40), min_size=1, max_size=6),
    hst.data(),
)
def test_index_finds_what_brute_force_finds(texts: list[list[str]], data: hst.DataObject) -> None:
    """Exactly the documents holding a quotation verbatim are matched (moved words never)."""
    docs = [Document.from_text(" ".join(t), source=str(i)) for i, t in enumerate(texts)]
    words = data.draw(hst.sampled_from(texts))
    a = data.draw(hst.integers(0, len(words) - 3))
    quote = words[a : a + data.draw(hst.integers(3, min(8, len(words) - a)))]
    needle = " " + " ".join(quote) + " "
    expected = sum(needle in " " + " ".join(t) + " " for t in texts)
    r = source_quote(" ".join(quote), SourceIndex(docs))
    assert expected == r.documents_matched

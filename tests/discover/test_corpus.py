"""DiscoveryCorpus: documents read in parts and merged count as if read at once."""

from __future__ import annotations

import gzip
import itertools
import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as hs

import statement_tracker as st
from statement_tracker._discover._count import Corpus

_WORDS = ("China", "policy", "one", "open", "lines", "of", "communication", "Biden", "talks")


def _docs(texts: list[str]) -> list[st.Document]:
    return [
        st.Document.from_text(t, source=f"d{i}", date=f"202{i % 5}-01-01")
        for i, t in enumerate(texts)
    ]


def _state(corpus: Corpus) -> tuple[object, ...]:
    """Everything counting reads from a corpus."""
    return (
        corpus.vocab,
        corpus.words,
        [d.doc_id for d in corpus.docs],
        [list(t) for t in corpus.tokens],
        [list(b) for b in corpus.bounds],
        [None if f is None else list(f) for f in corpus.forms],
        corpus.form_words,
        corpus.texts,
        list(corpus.upper),
        list(corpus.lower),
    )


def _read(docs: list[st.Document]) -> Corpus:
    """One reading, as discover() does it."""
    corpus, seen = Corpus(), set()
    for doc in docs:
        if doc.sha256 not in seen:
            seen.add(doc.sha256)
            corpus.add(doc)
    return corpus


@given(
    hs.lists(
        hs.lists(hs.sampled_from(_WORDS), min_size=1, max_size=12).map(
            lambda ws: " ".join(ws) + "."
        ),
        min_size=1,
        max_size=12,
    ),
    hs.lists(hs.integers(0, 12), max_size=3),
)
def test_merged_parts_equal_one_reading(texts: list[str], cuts: list[int]) -> None:
    """Word ids, forms, texts and capital counts are those of one reading, for any cut."""
    docs = _docs(texts)
    bounds = [0, *sorted(c for c in cuts if c <= len(docs)), len(docs)]
    parts = [st.DiscoveryCorpus(docs[a:b]) for a, b in itertools.pairwise(bounds)]
    merged = st.DiscoveryCorpus.merge(parts)
    assert _state(_read(docs)) == _state(merged._counting_corpus())


def test_duplicates_across_parts_count_once() -> None:
    """A document repeated in a later part is dropped, as discover drops it."""
    text = "On day {} we reaffirmed the one China policy."
    docs = _docs([text.format(i) for i in range(4)])
    merged = st.DiscoveryCorpus.merge([st.DiscoveryCorpus(docs[:3]), st.DiscoveryCorpus(docs[1:])])
    assert 4 == len(merged)
    assert st.discover(docs) == st.discover(merged)


def test_a_part_pickles() -> None:
    """A part read in another process comes back whole."""
    part = st.DiscoveryCorpus(_docs(["Open lines of communication.", "One China policy."]))
    again = pickle.loads(pickle.dumps(part))
    assert _state(part._counting_corpus()) == _state(again._counting_corpus())


def test_series_is_given_when_reading() -> None:
    """A series filters while reading; discover refuses one for a corpus already read."""
    docs = [
        st.Document.from_text(f"Day {i}: the one China policy.", source=str(i), series=s)
        for i, s in enumerate("aaab")
    ]
    part = st.DiscoveryCorpus(docs, series="a")
    assert 3 == len(part)
    assert st.discover(docs, series="a") == st.discover(part)
    with pytest.raises(st.UsageError, match="series"):
        st.discover(part, series="a")


def test_merging_a_plain_corpus_is_refused() -> None:
    """Only a corpus that kept its per-document capital counts can be merged."""
    with pytest.raises(ValueError, match="mergeable"):
        Corpus().extend(Corpus(), set())


def test_whitehouse_parts_discover_as_one(shared_corpus: Path, tmp_path: Path) -> None:
    """160 real readouts in five parts (one repeated) give the formulas of one run."""
    src = shared_corpus / "whitehouse" / "briefings.jsonl.gz"
    if not src.is_file():
        pytest.skip(f"{src} not found")
    with gzip.open(src, "rt", encoding="utf-8") as f:
        (tmp_path / "head.jsonl").write_text("".join(itertools.islice(f, 160)), "utf-8")
    docs = list(st.load_corpus(tmp_path / "head.jsonl"))
    docs.insert(120, docs[10])
    parts = [st.DiscoveryCorpus(docs[i : i + 33]) for i in range(0, len(docs), 33)]
    assert st.discover(docs, top=30) == st.discover(st.DiscoveryCorpus.merge(parts), top=30)

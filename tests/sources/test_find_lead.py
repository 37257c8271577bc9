"""Tests for quote sourcing of lead paragraphs, editorial brackets and ellipses."""

from __future__ import annotations

from pathlib import Path

import pytest

from statement_tracker import Document
from statement_tracker._ingest._load import load
from statement_tracker._sources._find import SourceIndex, find_sources

LEAD_PAGE = (
    "The two leaders discussed bilateral relations and the situation in the region.\n\n"
    "Following the talks, they signed a joint statement. The two countries will expand "
    "trade and economic cooperation and coordinate their approaches to international and "
    "regional issues within the framework of the strategic partnership."
)
OTHER_PAGE = (
    "The President held a meeting on the development of the fuel and energy sector.\n\n"
    "The participants discussed investment in regional infrastructure."
)


@pytest.fixture(scope="module")
def index() -> SourceIndex:
    """Two readouts, each with a lead paragraph above its body."""
    return SourceIndex(
        [
            Document.from_text(OTHER_PAGE, source="other.html", date="2019-03-01"),
            Document.from_text(LEAD_PAGE, source="talks.html", date="2019-04-02"),
        ]
    )


@pytest.mark.parametrize(
    "quote",
    [
        "“the two leaders discussed bilateral relations and the situation in the region”",
        "“[the sides] signed a joint statement”",
        "“[Russia and its partner] will expand trade and economic cooperation”",
        "“[The] two countries will expand trade … within the framework of the strategic "
        "partnership”",
        "“will expand trade and economic cooperation [...] within the framework of the "
        "strategic partnership”",
    ],
)
def test_lead_brackets_and_ellipses_are_traced(index: SourceIndex, quote: str) -> None:
    """A lead sentence, or a body sentence with brackets or an ellipsis, finds its readout."""
    [s] = find_sources(f"Commentators noted that {quote}.", index)
    assert s.source is not None
    assert "talks.html" == s.source.source
    assert LEAD_PAGE[s.source.start : s.source.end] == s.source.text


@pytest.mark.parametrize(
    "quote",
    [
        "“the two leaders discussed multilateral relations and the situation in the region”",
        "“[the sides] will expand trade and military cooperation”",
    ],
)
def test_near_misses_are_not_attributed(index: SourceIndex, quote: str) -> None:
    """One content word changed: no source is named."""
    [s] = find_sources(f"Commentators noted that {quote}.", index)
    assert s.source is None


def test_kremlin_lead_is_sourced(shared_corpus: Path) -> None:
    """A sentence of a real Kremlin page's lead paragraph is traced to that page."""
    pages = sorted((shared_corpus / "kremlin" / "html").glob("2016-*.html"))[:40]
    if not pages:
        pytest.skip("no 2016 Kremlin pages in the shared corpus")
    docs = [load(p) for p in pages]
    index = SourceIndex(docs)
    traced = 0
    tried = 0
    for doc in docs:
        lead = " ".join(doc.text.split("\n\n", 1)[0].split())
        first = lead.split(". ")[0].rstrip(".")
        words = first.split()
        if len(words) < 8:
            continue
        tried += 1
        # the subject replaced by an editorial insertion, as commentary does
        quote = "“[The Kremlin] " + " ".join(words[2:]) + "”"
        [s] = find_sources(f"The readout said {quote}.", index)
        traced += s.source is not None and s.source.doc_id == doc.doc_id
    assert tried >= 10
    assert tried == traced

"""Tests for the redlines of consecutive readouts in the report (``_report/_redlines.py``)."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from statement_tracker import diff, load_corpus, render_timeline_html, timeline, track
from statement_tracker._report import consecutive_pairs

READOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "readouts"


def test_pairs_follow_language_and_publisher() -> None:
    """Each readout pairs with the latest earlier one in its language, same publisher first."""
    docs = list(load_corpus([READOUTS]))
    pairs, total = consecutive_pairs(docs)
    assert total == len(pairs)
    for old, new in pairs:
        assert old.language == new.language
        assert old.date < new.date  # type: ignore[operator]
    by_new = {new.source: old for old, new in pairs}
    assert len(by_new) == len(pairs)


def test_last_k_pairs_per_series_and_the_total() -> None:
    """``last`` keeps the last pairs of each series; the total counts them all."""
    docs = list(load_corpus([READOUTS]))
    everything, total = consecutive_pairs(docs)
    last2, same_total = consecutive_pairs(docs, last=2)
    assert total == same_total
    assert everything[-2:] == last2
    by_language, _ = consecutive_pairs(docs, series="language", last=1)
    assert {"en"} == {new.language for _, new in by_language}  # ru and zh: one readout each


def test_page_states_how_many_pairs_it_shows() -> None:
    """The section says "the last 2 pairs of N" and names each side by title, date, id, URL."""
    docs = list(load_corpus([READOUTS]))
    occ = track(docs, ["new era"])
    pairs, total = consecutive_pairs(docs, last=2)
    diffs = [diff(a, b) for a, b in pairs]
    page = render_timeline_html(timeline(occ, docs), occ, docs, diffs=diffs, pairs=total)
    section = lxml.html.document_fromstring(page).get_element_by_id("redline")
    assert f"Showing the last 2 pairs of {total} pairs of consecutive readouts" in (
        section.text_content()
    )
    details = section.xpath(".//details[@class='pair']")
    assert [None, ""] == [d.get("open") for d in details]  # the latest open
    old, new = pairs[-1]
    sides = details[-1].xpath(".//table[@class='sides']")[0].text_content()
    for doc in (old, new):
        assert f"id {doc.doc_id}" in sides and f"date {doc.date}" in sides
        assert doc.title is not None and doc.title in sides
    assert new.url in details[-1].xpath(".//table[@class='sides']//a/@href")

"""Tests for the formula sections and the documents table (``_report/_sections.py``)."""

from __future__ import annotations

import lxml.html

from statement_tracker import Document, render_timeline_html, timeline, track
from statement_tracker._report._evidence import safe_url, sentence_around
from statement_tracker._report._sections import (
    FOLD,
    FOLD_DOCUMENTS,
    documents_table,
    pick_occurrences,
)


def _docs(texts: list[str], **kw: object) -> list[Document]:
    return [
        Document.from_text(t, source=f"/deep/path/to/r{i}.txt", date=f"{2000 + i}-01-01", **kw)  # type: ignore[arg-type]
        for i, t in enumerate(texts)
    ]


def test_capped_occurrences_say_how_many_more() -> None:
    """Past max_occurrences the section shows the first and the latest and counts the rest."""
    docs = _docs(["They said no limits."] * 30)
    occ = track(docs, ["no limits"])
    page = render_timeline_html(timeline(occ, docs), occ, docs, max_occurrences=12)
    root = lxml.html.document_fromstring(page)
    section = root.xpath("//section[@class='formula']")[0]
    summary = section.xpath(".//details/summary")[0].text_content()
    assert "Earlier occurrences in context: 9 more (of 30: the first, the first of" in summary
    assert "… and 18 more occurrences not shown" in section.text_content()
    latest = [
        td.xpath("b")[0].text_content()[:4] for td in section.xpath("table//td[@class='doc']")
    ]
    earlier = [
        td.xpath("b")[0].text_content()[:4] for td in section.xpath("details//td[@class='doc']")
    ]
    assert ["2027", "2028", "2029"] == latest
    assert ["2000", *[str(y) for y in range(2019, 2027)]] == earlier


def test_short_lists_are_not_folded() -> None:
    """Up to FOLD occurrences the table is shown as is, not in a <details>."""
    docs = _docs(["They said no limits."] * FOLD)
    occ = track(docs, ["no limits"])
    root = lxml.html.document_fromstring(render_timeline_html(timeline(occ, docs), occ, docs))
    assert [] == root.xpath("//section[@class='formula']//details")
    assert FOLD == len(root.xpath("//section[@class='formula']//mark"))


def test_pick_keeps_the_first_of_each_wording() -> None:
    """Each wording's first occurrence is kept even when the latest fill the rest."""
    docs = _docs(["No limits.", "No limit.", *["No limits."] * 10])
    occ = sorted(track(docs, ["no limits"]), key=lambda o: o.date)  # type: ignore[arg-type, return-value]
    picked = pick_occurrences(occ, 4)
    assert ["2000", "2001", "2010", "2011"] == [str(o.date)[:4] for o in picked]


def test_occurrences_link_to_their_source_url() -> None:
    """An occurrence of a document with an http(s) URL links to it."""
    docs = _docs(["They said no limits."], url="https://example.org/a")
    occ = track(docs, ["no limits"])
    root = lxml.html.document_fromstring(render_timeline_html(timeline(occ, docs), occ, docs))
    assert ["https://example.org/a"] == root.xpath("//td[@class='doc']/a[@class='ext']/@href")


def test_documents_table_shows_file_names_with_the_path_on_hover() -> None:
    """The file column has the file name (no path to wrap), the full path and id on hover."""
    d = _docs(["x"], url="https://example.org/a", title="Talks")[0]
    root = lxml.html.fragment_fromstring(documents_table([d], {d.doc_id: "doc-1"}, {}))
    cell = root.xpath(".//td[@class='src']")[0]
    assert "r0.txt" == cell.text_content()
    assert f"/deep/path/to/r0.txt (id {d.doc_id})" == cell.get("title")
    assert ["https://example.org/a"] == root.xpath(".//td/a/@href")


def test_sentence_around_stops_at_sentence_ends() -> None:
    """The hover sentence runs from the previous stop to the next, on one line."""
    text = "Intro here. They agreed:\nno limits apply. Next one."
    start = text.index("no limits")
    assert "no limits apply." == sentence_around(text, start, start + 9)
    assert "这是一句话。" == sentence_around("前言。这是一句话。后来。", 3, 5)


def test_only_http_urls_are_links() -> None:
    """javascript:, data: and relative URLs are not made into links."""
    assert [None, None, None, "http://a.b/"] == [
        safe_url(u) for u in ("javascript:x", "data:text/html,x", "/a", "http://a.b/")
    ]


def test_documents_table_folds_only_long_lists() -> None:
    """Up to FOLD_DOCUMENTS readouts the table is in view; past that it folds, count given."""
    docs = _docs(["x"] * (FOLD_DOCUMENTS + 1))
    anchors = {d.doc_id: f"doc-{i}" for i, d in enumerate(docs)}
    short = lxml.html.fragment_fromstring(documents_table(docs[:-1], anchors, {}))
    assert [] == short.xpath(".//details")
    long = lxml.html.fragment_fromstring(documents_table(docs, anchors, {}))
    assert f"The {FOLD_DOCUMENTS + 1} readouts listed" == long.xpath(".//summary")[0].text

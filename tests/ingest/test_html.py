"""Tests for _html: article extraction, layout, metadata and hostile pages."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given

from statement_tracker import ExtractionError
from statement_tracker._ingest._html import render_text
from statement_tracker._ingest._html_extract import extract_html
from statement_tracker._ingest._publishers import builtin_rules
from strategies import html_fragments

KREMLIN_PAGES = (
    "2017-07-05_54987.html",  # tooltips inside a list of names
    "2017-03-30_54148.html",  # <b>Vladimir</b><b>Putin</b>
    "1999-12-31_37397.html",  # headline-only item: empty entry-content
    "undated_17602.html",  # announcement without read__published
    "2020-04-01_63123.html",  # one corrupt byte in the UTF-8 source
)


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_blocks_become_paragraphs() -> None:
    """Adjacent block elements never fuse their words."""
    ex = extract_html(
        page("<article><div>Xi Jinping</div><div>President</div></article>"), name="x"
    )
    assert "Xi Jinping\n\nPresident" == ex.text


def test_inline_elements_keep_page_spacing() -> None:
    """Inline markup inside a sentence adds no spaces of its own."""
    html = page("<p>The <b>two</b> sides <a href='#'>agreed</a>, <i>finally</i>.</p>")
    assert "The two sides agreed, finally." == extract_html(html, name="x").text


def test_br_is_a_line_break_within_the_paragraph() -> None:
    """``<br>`` becomes a single newline inside the paragraph."""
    assert "one\ntwo" == render_text(_fragment("<p>one<br>two</p>"))


def test_whitespace_runs_collapse_but_nbsp_stays() -> None:
    """HTML white space collapses to one space; no-break spaces are kept as they are."""
    assert "a b\u00a0c" == render_text(_fragment("<p>a \n\t b\u00a0c</p>"))


def test_pre_keeps_its_lines() -> None:
    """Line breaks inside ``<pre>`` are kept."""
    assert "line one\nline two" == render_text(_fragment("<pre>line one\nline two</pre>"))


def test_table_cells_are_spaced() -> None:
    """Cells of a row are separated by a space, rows are paragraphs."""
    text = render_text(_fragment("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"))
    assert "a b\n\nc" == text


@given(html_fragments())
def test_rendering_keeps_every_word_and_the_layout(fragment: tuple[str, list[str]]) -> None:
    """Any nesting of blocks and inlines gives back its words, unfused, in the text layout."""
    html, words = fragment
    text = render_text(_fragment(html))
    assert words == text.split()
    assert text == text.strip() and "\n\n\n" not in text
    assert all(p and p == p.strip() for p in text.split("\n\n")) or text == ""


def test_scripts_styles_and_comments_are_dropped() -> None:
    """Invisible content never reaches the text, but the text after it does."""
    html = "<p>Before<script>var x = 1;</script> <style>p{}</style><!-- note -->after.</p>"
    assert "Before after." == render_text(_fragment(html))


def test_generic_drops_menus_footer_and_captions() -> None:
    """The generic extractor keeps the article and drops chrome around and inside it."""
    html = page(
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
        "<article><h1>Talks</h1><figure><img src='x.jpg'><figcaption>Photo: Press Office"
        "</figcaption></figure><p>The leaders held talks and agreed to expand trade, energy"
        " and transport links.</p><div class='share-buttons'><a>Send by email</a></div>"
        "<p>They will meet again next year in the capital, the statement said.</p></article>"
        "<footer>© Ministry · Contacts · Site map</footer>"
    )
    text = extract_html(html, name="x").text
    assert not any(s in text for s in ("Home", "Photo: Press Office", "Send by email", "Site map"))
    assert text.startswith("The leaders held talks") and text.endswith("statement said.")


def test_generic_on_old_table_layout() -> None:
    """A table-layout page with <br><br> paragraphs: the content cell, its heading, its date."""
    html = page(
        '<table><tr><td class="nav"><a href="/">Home</a><br><a href="/about">About the'
        ' Ministry</a><br><a href="/news">Press releases</a><br><a href="/c">Contacts</a></td>'
        "<td><h2>Minister meets counterpart</h2>12.03.2009<br><br>The Minister met his"
        " counterpart, and the two discussed trade, energy, and transport.<br><br>They agreed"
        " to hold regular consultations.</td></tr><tr><td colspan=2>Copyright 2009. Site map"
        "</td></tr></table>",
        "<title>Ministry of Foreign Affairs - Press release</title>",
    )
    ex = extract_html(html, name="old.html")
    assert ("Minister meets counterpart", dt.date(2009, 3, 12)) == (ex.title, ex.date)
    assert ex.text.endswith("They agreed to hold regular consultations.")
    assert not any(s in ex.text for s in ("Home", "Press releases", "Site map", "counterpart\n"))


def test_generic_skips_sidebar_widgets() -> None:
    """A two-column page: the article column, not the "Latest news" widget."""
    html = page(
        '<div class="row"><div class="col-md-8"><h1>PM visits port</h1><p>The Prime Minister'
        " visited the new terminal on Tuesday, meeting workers and officials.</p><p>He said"
        " the terminal, built with partners, would double capacity by 2030.</p></div>"
        '<div class="col-md-4"><div class="widget"><h3>Latest news</h3><ul><li><a href="/1">'
        "Budget approved by parliament after long debate</a></li><li><a href='/2'>New hospital"
        " opens in the north of the country</a></li></ul></div></div></div>"
    )
    ex = extract_html(html, name="b.html")
    assert ("PM visits port", 2) == (ex.title, len(ex.text.split("\n\n")))
    assert "Latest news" not in ex.text and "Budget" not in ex.text


def test_title_from_og_title_without_site_suffix() -> None:
    """``og:title`` is preferred; a site-name suffix is removed."""
    head = (
        '<meta property="og:title" content="Talks in Castelgrad | Ministry">'
        '<meta property="og:site_name" content="Ministry">'
    )
    assert "Talks in Castelgrad" == extract_html(page("<p>Text.</p>", head), name="x").title


def test_title_from_title_element_without_suffix() -> None:
    """Without metadata, ``<title>`` is used with the site suffix removed."""
    head = "<title>Foreign ministers meet in Port Miren • President of Valdoria</title>"
    ex = extract_html(page("<p>Text.</p><h1>One</h1><h1>Two</h1>", head), name="x")
    assert "Foreign ministers meet in Port Miren" == ex.title


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            '<meta property="article:published_time" content="2023-11-02T10:00:00Z">',
            "",
            "2023-11-02",
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"dateModified": "2024-03-01",'
            ' "datePublished": "2024-02-27"}]}</script>',
            "",
            "2024-02-27",
        ),
        (
            "",
            '<article><time datetime="2022-10-04T08:00">4 Oct</time><p>x</p></article>',
            "2022-10-04",
        ),
        ("", '<div class="date">Published: 14.02.2024</div><p>x</p>', "2024-02-14"),
    ],
)
def test_date_sources(head: str, body: str, expected: str) -> None:
    """The date comes from metadata, JSON-LD, ``<time>`` or a visible date line."""
    ex = extract_html(page(body + "<p>Both sides agreed.</p>", head), name="x")
    assert dt.date.fromisoformat(expected) == ex.date


def test_entity_bomb_is_not_expanded() -> None:
    """Internal DTD entities are never expanded (a billion-laughs page stays small)."""
    defs = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE html [{defs}]><html><body><p>&i;</p></body></html>'
    ex = extract_html(bomb, name="bomb.html")
    assert len(ex.text) < 100


def test_external_entities_are_not_resolved() -> None:
    """An external entity (XXE) is neither fetched nor read from disk."""
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>Agreed &x; today.</p></body></html>"
    )
    text = extract_html(xxe, name="xxe.html").text
    assert "root:" not in text and text.startswith("Agreed")


def test_deeply_nested_elements_raise_typed_error() -> None:
    """100,000 nested elements give an ExtractionError, not a crash or a RecursionError."""
    n = 100_000
    html = "<html><body>" + "<div>" * n + "deep text" + "</div>" * n + "</body></html>"
    with pytest.raises(ExtractionError, match=r"^deep\.html: elements nested too deeply"):
        extract_html(html, name="deep.html")


def test_truncated_html_gives_best_effort_text() -> None:
    """A page cut off mid-tag still yields the text before the cut."""
    html = "<html><body><article><p>The sides agreed to meet again.</p><p>They also discu"
    assert "The sides agreed to meet again.\n\nThey also discu" == extract_html(html, name="t").text


@pytest.mark.parametrize(
    "html", ["", "   ", "<html><body></body></html>", "<nav><a>Home</a></nav>"]
)
def test_no_article_text_fails_loudly(html: str) -> None:
    """A page with no article text raises instead of returning nothing."""
    with pytest.raises(ExtractionError, match=r"^empty\.html: "):
        extract_html(html, name="empty.html")


def test_kremlin_rule_is_chosen_by_site_name_without_url() -> None:
    """A saved Kremlin page without a URL is recognised by its ``og:site_name``."""
    head = '<meta property="og:site_name" content="President of Russia">'
    body = '<div class="entry-content"><p>Text of the news.</p></div><div>Menu</div>'
    ex = extract_html(page(body, head), name="k.html", rules=builtin_rules())
    assert ("rule:kremlin.ru", "Text of the news.") == (ex.method, ex.text)


def test_tooltip_inside_sentence_is_removed_keeping_tail() -> None:
    """The hover biography inside a link goes; the link text and what follows stay."""
    body = (
        '<div class="entry-content"><p>Chief of Staff <a class="person_tag">Anton Vaino'
        '<span class="read__tooltip hidden"><span class="tooltip_title">Vaino Anton</span>'
        '<span class="tooltip_description_dark">Chief of Staff of the Executive Office</span>'
        "</span></a> attended.</p></div>"
    )
    head = '<meta property="og:url" content="http://en.kremlin.ru/events/president/news/1">'
    ex = extract_html(page(body, head), name="k.html", rules=builtin_rules())
    assert "Chief of Staff Anton Vaino attended." == ex.text


@pytest.mark.parametrize("name", KREMLIN_PAGES)
def test_real_kremlin_pages(shared_corpus: Path, name: str) -> None:
    """Real en.kremlin.ru pages: manifest title and date, no chrome, no tooltip text."""
    import csv
    import html as htmllib

    import statement_tracker as st

    manifest = shared_corpus / "kremlin" / "manifest.tsv"
    with open(manifest, encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f, delimiter="\t") if r["file"] == name)
    doc = st.load(shared_corpus / "kremlin" / "html" / name)
    assert htmllib.unescape(row["title"]) == doc.title
    if row["date"]:
        assert dt.date.fromisoformat(row["date"]) == doc.date
    assert "en.kremlin.ru" == doc.publisher
    for chrome in ("Send by email", "Direct link", "Publication status", "Text version", "Topics"):
        assert chrome not in doc.text
    assert re.search(r"[a-z][A-Z]", doc.text) is None or "McDonald" in doc.text


def test_kremlin_tooltips_removed_from_real_page(shared_corpus: Path) -> None:
    """On the real page the list of attendees reads without the biographies."""
    import statement_tracker as st

    doc = st.load(shared_corpus / "kremlin" / "html" / "2017-07-05_54987.html")
    text = " ".join(doc.text.split())  # the page writes no-break spaces
    assert "Chief of Staff of the Presidential Executive Office Anton Vaino, Security" in text
    assert "Vaino Anton" not in text


def _publisher_pages() -> list[str]:
    truth = Path(__file__).resolve().parents[2] / "fixtures" / "labels" / "fixture_truth.json"
    if not truth.is_file():
        return []
    return sorted(json.loads(truth.read_text("utf-8")).get("publishers", {}))


@pytest.mark.parametrize("name", _publisher_pages())
def test_generic_fallback_on_other_publishers(fixtures_dir: Path, name: str) -> None:
    """Pages in styles the extractor has no rule for: title, date, body and no chrome."""
    import statement_tracker as st

    truth = json.loads((fixtures_dir / "labels" / "fixture_truth.json").read_text("utf-8"))
    expected = truth["publishers"][name]
    doc = st.load(fixtures_dir / "publishers" / name)
    assert expected["title"] == doc.title
    assert expected["date"] == (doc.date.isoformat() if doc.date else None)
    assert expected["url"] == doc.url
    assert expected["publisher"] == doc.publisher
    assert [] == [s for s in expected["must_contain"] if s not in doc.text]
    assert [] == [s for s in expected["must_not_contain"] if s in doc.text]


def _fragment(html: str):  # type: ignore[no-untyped-def]
    import lxml.html

    return lxml.html.fragment_fromstring(html, create_parent="div")

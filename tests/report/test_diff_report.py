"""Tests for the terminal and HTML renderings of a diff in ``_report/_diff_report.py``."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given

from statement_tracker import (
    Document,
    Watchlist,
    diff,
    load,
    render_diff_html,
    render_diff_text,
)
from statement_tracker._cli import main
from strategies import edited_readouts

OLD = "First point stays. The talks were frank.\n\nA closing remark. Third point here."
NEW = "First point stays. The talks were open.\n\nA closing remark.\n\nThird point here! New line."
MOVED_OLD = "Alpha sentence one. Beta sentence two. Gamma sentence three. Delta sentence four."
MOVED_NEW = "Beta sentence two. Gamma sentence three. Delta sentence four. Alpha sentence one."


def test_plain_text_has_no_escape_codes() -> None:
    """With colour off the text has no ANSI escape sequences."""
    assert "\x1b[" not in render_diff_text(diff(OLD, NEW), color=False)


def test_coloured_text_has_escape_codes() -> None:
    """With colour on, removed and added words are wrapped in ANSI codes."""
    assert "\x1b[32m" in render_diff_text(diff(OLD, NEW), color=True)


def test_colour_is_off_when_stdout_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """The default (color=None) is plain when standard output is captured."""
    assert "\x1b[" not in render_diff_text(diff(OLD, NEW))


def test_text_shows_word_edits_inline() -> None:
    """A reworded sentence shows [-old-]{+new+} around the changed words."""
    assert "[-frank-]{+open+}" in render_diff_text(diff(OLD, NEW), color=False)


def test_text_names_where_a_sentence_moved_from() -> None:
    """A moved sentence says which old paragraph it came from."""
    text = render_diff_text(diff(MOVED_OLD, MOVED_NEW), color=False)
    assert "Alpha sentence one.  (moved from ¶1)" in text


def test_text_leaves_kept_sentences_out_unless_asked() -> None:
    """Kept sentences are listed only with kept=True."""
    d = diff(OLD, NEW)
    assert "First point stays." not in render_diff_text(d, color=False)
    assert "First point stays." in render_diff_text(d, color=False, kept=True)


def test_html_is_self_contained() -> None:
    """The page has inline CSS and no script, stylesheet link or remote URL."""
    page = render_diff_html(diff(OLD, NEW))
    assert "<style>" in page
    assert not re.search(r"<script|<link|https?://|src=", page)


def test_html_escapes_document_text() -> None:
    """Markup inside the documents is shown as text, never interpreted."""
    page = render_diff_html(diff("<script>alert(1)</script> said.", "<img src=x> said."))
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;img src=x&gt;" in page


def test_html_shows_moves_with_links_both_ways() -> None:
    """A moved sentence is tagged 'moved from ¶N' and a marker at its old place links to it."""
    page = render_diff_html(diff(MOVED_OLD, MOVED_NEW))
    m = re.search(r'id="c(\d+)"[^>]*>Alpha sentence one\.<a class="tag" href="#from-(\d+)"', page)
    assert m is not None and m.group(1) == m.group(2)
    assert f'id="from-{m.group(1)}" href="#c{m.group(1)}"' in page
    assert "moved from ¶1" in page


def test_html_leaves_the_moved_marker_at_the_old_place() -> None:
    """The 'moved to' marker stands after the sentence that preceded the moved one."""
    old = "Alpha one here. Beta two here. Gamma three here. Delta four here. Epsilon five here."
    new = "Alpha one here. Gamma three here. Delta four here. Epsilon five here. Beta two here."
    page = render_diff_html(diff(old, new))
    assert page.index("Alpha one here.") < page.index('class="ghost"') < page.index("Gamma three")


def test_html_marks_word_edits_and_typography() -> None:
    """Reworded words are <del>/<ins>; a typographic change gets its own class."""
    page = render_diff_html(diff(OLD, NEW))
    assert "<del>frank</del><ins>open</ins>" in page
    assert 'class="typographic"' in page


@given(edited_readouts())
def test_html_keeps_every_word_of_the_new_text(pair: tuple[str, str]) -> None:
    """Stripped of tags and deletions, the redline reads as the new text."""
    old, new = pair
    page = render_diff_html(diff(old, new))
    body = '<p class="para"' + page.partition('<p class="para"')[2]
    body = re.sub(r"<del[^>]*>.*?</del>|<a [^>]*>.*?</a>", "", body, flags=re.S)
    body = html.unescape(re.sub(r"<[^>]+>", "", body))
    assert re.findall(r"\w+", new) == re.findall(r"\w+", body)


def test_watchlist_formulas_are_reported() -> None:
    """Formulas that appear or disappear are listed in the text and HTML reports."""
    wl = Watchlist(["new era", "no limits"])
    d = diff("Ties know no limits today.", "Ties entered a new era today.", watchlist=wl)
    text = render_diff_text(d, color=False)
    assert "formula 'new era': appeared" in text and "formula 'no limits': disappeared" in text
    page = render_diff_html(d)
    assert "<b>new era</b> appeared" in page and "<b>no limits</b> disappeared" in page


FIXTURE_READOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "readouts"
OLD_HTML = FIXTURE_READOUTS / "2021-09-14_corvan-vossberg-talks-port-miren.html"
NEW_HTML = FIXTURE_READOUTS / "2022-05-17_corvan-arendt-talks-castelgrad.html"


def _sides() -> tuple[Document, Document]:
    return load(OLD_HTML), load(NEW_HTML)


def test_html_names_both_sides_by_title_date_id_file_and_url() -> None:
    """Given the documents, the page names each side so that it can be cited."""
    old, new = _sides()
    page = render_diff_html(diff(old, new), old=old, new=new)
    sides = lxml.html.document_fromstring(page).xpath("//table[@class='sides']")[0]
    rows = [tr.text_content() for tr in sides.xpath("tr")]
    for row, doc in zip(rows, (old, new), strict=True):
        assert doc.title is not None and doc.title in row
        assert f"date {doc.date}" in row
        assert f"id {doc.doc_id}" in row
        assert f"file {doc.source}" in row
        assert f"url {doc.url}" in row
    assert [old.url, new.url] == sides.xpath(".//a/@href")


def test_text_names_both_sides() -> None:
    """The text rendering names each side under the headline."""
    old, new = _sides()
    lines = render_diff_text(diff(old, new), color=False, old=old, new=new).splitlines()
    assert lines[1] == (
        f"  old: title {old.title}; date {old.date}; id {old.doc_id}; file {old.source}; "
        f"url {old.url}"
    )
    assert lines[2].startswith(f"  new: title {new.title}; date {new.date}")


def test_a_javascript_url_is_not_a_link() -> None:
    """A document URL that is not http(s) is shown as text, never as a link."""
    a = Document.from_text("One here.", url="javascript:alert(1)")
    b = Document.from_text("Two here.", url="https://example.org/b")
    page = render_diff_html(diff(a, b), old=a, new=b)
    hrefs = lxml.html.document_fromstring(page).xpath("//table[@class='sides']//a/@href")
    assert ["https://example.org/b"] == hrefs
    assert 'href="javascript' not in page


def test_moves_and_typography_are_listed_apart() -> None:
    """Moved and typographic sentences have their own lists above the redline."""
    old = "Alpha one here. Beta two here. Gamma \"three\" here. Delta four here."
    new = "Gamma “three” here. Delta four here. Alpha one here. Beta two here."
    root = lxml.html.document_fromstring(render_diff_html(diff(old, new)))
    summaries = [s.text_content() for s in root.xpath("//details[@class='apart']/summary")]
    assert any(s.startswith("Moved: ") for s in summaries)
    assert any(s.startswith("Typographic only: 1 sentence") for s in summaries)


def test_cli_diff_names_both_sides(capsys: pytest.CaptureFixture[str]) -> None:
    """``statement-tracker diff`` names both readouts in text, HTML and JSON."""
    old, new = _sides()
    assert 0 == main(["diff", str(OLD_HTML), str(NEW_HTML), "--color", "never"])
    text = capsys.readouterr().out
    assert f"id {old.doc_id}" in text and f"url {new.url}" in text
    assert 0 == main(["diff", str(OLD_HTML), str(NEW_HTML), "--format", "html"])
    assert f'href="{new.url}"' in capsys.readouterr().out
    assert 0 == main(["diff", str(OLD_HTML), str(NEW_HTML), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert (old.doc_id, new.url) == (data["old"]["id"], data["new"]["url"])

"""Tests for the ``report`` subcommand (``_cli/_report.py``): --diffs, --discover, --db."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from statement_tracker._cli import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
READOUTS = FIXTURES / "readouts"
WATCHLIST = FIXTURES / "watchlist.toml"


def _page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(path.read_text("utf-8"))


def test_default_shows_the_last_three_pairs(tmp_path: Path) -> None:
    """Without options the page has the redlines of the last three consecutive pairs."""
    out = tmp_path / "r.html"
    assert 0 == main(["report", str(READOUTS), "--watchlist", str(WATCHLIST), "-o", str(out)])
    section = _page(out).get_element_by_id("redline")
    assert 3 == len(section.xpath(".//details[@class='pair']"))
    assert "Showing the last 3 pairs of " in section.text_content()


def test_diffs_zero_leaves_redlines_out(tmp_path: Path) -> None:
    """``--diffs 0`` writes no redline section; a negative count is an error."""
    out = tmp_path / "r.html"
    argv = ["report", str(READOUTS), "--phrase", "new era", "-o", str(out)]
    assert 0 == main([*argv, "--diffs", "0"])
    assert [] == _page(out).xpath("//section[@id='redline']")
    assert 2 == main([*argv, "--diffs", "-1"])


def test_discover_lists_and_tracks_the_top_formulas(tmp_path: Path) -> None:
    """``--discover 3`` adds a section of three formulas, tracked as D01-D03 in the timeline."""
    out = tmp_path / "r.html"
    argv = ["report", str(READOUTS), "--watchlist", str(WATCHLIST), "--discover", "3"]
    assert 0 == main([*argv, "--diffs", "0", "-o", str(out)])
    root = _page(out)
    rows = root.xpath("//section[@id='discovered']//tbody/tr")
    assert 3 == len(rows)
    heads = [th.text_content() for th in root.xpath("//table[@class='tl']/tbody/tr/th")]
    assert ["D01", "D02", "D03"] == [h.split()[0] for h in heads[-3:]]
    for row in rows:  # each discovered formula links to its section
        target = row.xpath(".//a/@href")[0][1:]
        assert root.get_element_by_id(target).tag == "section"


def test_report_from_an_archive_has_redlines(tmp_path: Path) -> None:
    """``report --db`` reads the stored readouts, snippets and redlines included."""
    db, out = tmp_path / "a.db", tmp_path / "r.html"
    assert 0 == main(["add", str(READOUTS), "--db", str(db)])
    assert 0 == main(["report", "--db", str(db), "--phrase", "Amber Corridor", "-o", str(out)])
    root = _page(out)
    assert root.xpath("//section[@id='formulas']//mark")
    assert 3 == len(root.xpath("//details[@class='pair']"))

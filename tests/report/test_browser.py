"""The report rendered by a real browser (headless Chromium through Selenium).

Checks what a person sees at 1400 px: the expected timeline cells and highlighted
spans, no console error, no horizontal overflow, sticky columns, a screenshot that
is not blank, and document text that stays text.  Skips, saying why, when
selenium, Chromium or chromedriver is missing (``.ci/run`` installs them where it
can).  With ``STATEMENT_TRACKER_SCREENSHOTS=DIR`` the screenshots are also written
there (``docs/img`` for the docs: ``report-fixtures.png`` and ``report-series.png``).
"""

from __future__ import annotations

import base64
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import _browser
from statement_tracker import (
    Document,
    Manifest,
    Watchlist,
    load_corpus,
    render_timeline_html,
    timeline,
    track,
)
from statement_tracker._cli import main
from statement_tracker._report._sections import FOLD, LATEST

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
WATCHLIST = FIXTURES / "watchlist.toml"
SHOTS = os.environ.get("STATEMENT_TRACKER_SCREENSHOTS")
#: Formulas of the Kremlin series (the page's own words, not the corpus's text).
KREMLIN_PHRASES = [
    "strategic partnership",
    "international terrorism",
    "Security Council",
    "Federal Assembly",
    "national projects",
    "economic growth",
    "Shanghai Cooperation Organisation",
    "BRICS",
    "coronavirus",
    "Eurasian Economic Union",
    "United Nations",
    "State Duma",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium at 1400 × 900, or a skip saying what is missing."""
    reason = _browser.why_no_browser()
    if reason is not None:
        pytest.skip(reason)
    driver = _browser.start_browser(1400, 900)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: Any, name: str) -> bytes:
    return _browser.screenshot(driver, Path(SHOTS) / name if SHOTS else None)


def _check_page(driver: Any, path: Path) -> dict[str, Any]:
    """Load ``path`` and check what every report must satisfy; return the measurements."""
    driver.get_log("browser")  # drop what earlier pages logged
    _browser.open_page(driver, path)
    seen = _browser.inspect(driver)
    assert [] == _browser.console_errors(driver)
    assert 0 == seen["scripts"]
    assert seen["scrollWidth"] <= seen["clientWidth"] == 1400  # no horizontal overflow
    assert all(inner <= outer for inner, outer in seen["tlWrap"])  # nothing scrolls sideways
    assert seen["formulaColumn"][0] >= 0 and seen["countColumn"][1] <= 1400
    return seen


def test_fixture_report_in_chromium(browser: Any, tmp_path: Path) -> None:
    """The fixture series: 12 rows of 15 marks, every occurrence highlighted, not blank."""
    out = tmp_path / "fixtures.html"
    argv = ["report", str(FIXTURES / "readouts"), "--watchlist", str(FIXTURES / "watchlist.toml")]
    assert 0 == main([*argv, "-o", str(out)])
    seen = _check_page(browser, out)
    assert 12 == seen["rows"]
    assert 12 * 15 + 15 == seen["marks"]  # a mark per formula and readout, and the counts row
    docs = list(load_corpus([FIXTURES / "readouts"]))
    per_formula = Counter(o.phrase_id for o in track(docs, Watchlist.from_file(WATCHLIST)))
    in_view = sum(n if n <= FOLD else LATEST for n in per_formula.values())
    assert (99, in_view) == (seen["marksInDom"], seen["visibleMarks"])  # the rest folded
    png = _shot(browser, "report-fixtures.png")
    assert _browser.distinct_colours(png) > 20  # text, marks and colours: not a blank page
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert 99 == _browser.inspect(browser)["visibleMarks"]  # every occurrence, highlighted


def test_report_prints(browser: Any, tmp_path: Path) -> None:
    """Printed to PDF, the page gives several pages and no console error."""
    out = tmp_path / "print.html"
    argv = ["report", str(FIXTURES / "readouts"), "--watchlist", str(WATCHLIST), "--diffs", "1"]
    assert 0 == main([*argv, "-o", str(out)])
    _check_page(browser, out)
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) > 1
    assert [] == _browser.console_errors(browser)


def _kremlin(corpus: Path) -> list[Document]:
    """200 en.kremlin.ru readouts spread over 1999-2020, with their titles, dates and URLs."""
    pages = sorted(p for p in (corpus / "kremlin" / "html").iterdir() if p.name[0].isdigit())
    if len(pages) < 200:
        pytest.skip(f"the Kremlin corpus has {len(pages)} dated pages, fewer than 200")
    chosen = [pages[i * len(pages) // 200] for i in range(200)]
    manifest = Manifest.from_file(corpus / "kremlin" / "manifest.tsv")
    return list(manifest.apply_all(load_corpus(chosen)))


def test_200_readout_series_in_chromium(browser: Any, shared_corpus: Path, tmp_path: Path) -> None:
    """200 real readouts over 20 years fit 1400 px: months aggregate, counts and marks shown."""
    docs = _kremlin(shared_corpus)
    occ = track(docs, KREMLIN_PHRASES)
    tl = timeline(occ, docs)
    out = tmp_path / "series.html"
    out.write_text(render_timeline_html(tl, occ, docs), "utf-8")
    seen = _check_page(browser, out)
    assert len(tl.formulas) == seen["rows"]
    note = browser.find_element("css selector", "p.tlnote").text
    assert "each mark is one month" in note
    assert 0 < seen["visibleMarks"] <= seen["marksInDom"]
    assert seen["height"] < 40_000  # the long lists fold; the page stays readable
    png = _shot(browser, "report-series.png")
    assert _browser.distinct_colours(png) > 20


def test_script_in_a_title_stays_text(browser: Any, tmp_path: Path) -> None:
    """A title with <script> is shown as text and never runs."""
    title = "<script>document.title='run'</script><b>Talks</b>"
    docs = [
        Document.from_text("They said no limits.", source=f"{i}.txt", title=title, date=d)
        for i, d in enumerate(["2024-01-01", "2024-06-01"])
    ]
    occ = track(docs, ["no limits"])
    out = tmp_path / "hostile.html"
    out.write_text(render_timeline_html(timeline(occ, docs), occ, docs, title=title), "utf-8")
    seen = _check_page(browser, out)
    assert (title, title) == (seen["title"], seen["h1"])
    assert [] == browser.find_elements("css selector", "h1 b")


def test_formula_and_count_columns_stay_visible_on_a_narrow_screen(tmp_path: Path) -> None:
    """At 700 px the timeline scrolls sideways; its formula and count columns stay in view."""
    reason = _browser.why_no_browser()
    if reason is not None:
        pytest.skip(reason)
    out = tmp_path / "narrow.html"
    argv = ["report", str(FIXTURES / "readouts"), "--watchlist", str(FIXTURES / "watchlist.toml")]
    assert 0 == main([*argv, "--diffs", "0", "-o", str(out)])
    driver = _browser.start_browser(700, 900)
    try:
        _browser.open_page(driver, out)
        wrap = driver.find_element("css selector", ".tlwrap")
        box = driver.execute_script("return arguments[0].getBoundingClientRect()", wrap)
        for scroll in (0, 10_000):
            driver.execute_script("arguments[0].scrollLeft = arguments[1]", wrap, scroll)
            seen = _browser.inspect(driver)
            assert abs(seen["formulaColumn"][0] - box["left"]) < 2
            assert abs(seen["countColumn"][1] - box["right"]) < 2
        assert driver.execute_script("return arguments[0].scrollLeft", wrap) > 0
    finally:
        driver.quit()

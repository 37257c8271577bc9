"""Benchmark the HTML report over the whole White House corpus, rendered in Chromium.

What ``statement-tracker report`` does, stage by stage: read the corpus (the
baseline), track 20 formulas of the US–China watchlist, build the timeline, diff
the last three pairs of consecutive readouts, write the page; then load the page
in headless Chromium at 1400 px (Selenium, as the browser tests do) and time it
until it is laid out.  A second baseline in the same run: Chromium loading the
report of the 15 fixture readouts.

Targets (issue 19): the page renders in Chromium in under 5 s and is under 10 MB.
Prints each stage's time, the page's size per section, the browser's time as a
ratio to the fixture page, whether the page overflows sideways, and the peak memory.

Run: ``python3 benchmarks/bench_report.py [--limit N] [--formulas 20] [-o FILE]``
(about two minutes; run it alone, with ``nice`` on a shared machine).  Needs
``pip install '.[test]'`` (selenium) and Debian's ``chromium`` and ``chromium-driver``;
without a browser it prints the page figures and says why it could not render.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from statement_tracker import (
    Watchlist,
    diff,
    load_corpus,
    render_timeline_html,
    timeline,
    track,
)
from statement_tracker._report import consecutive_pairs

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus"
SECTIONS = ("timeline", "formulas", "documents", "redline")
sys.path.insert(0, str(ROOT / "tests"))
import _browser  # noqa: E402  (the browser tests' helper: one way to drive Chromium)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _browser_seconds(driver: Any, page: Path, repeat: int = 3) -> tuple[float, dict[str, Any]]:
    """Best of ``repeat`` loads of ``page`` until laid out (load event, then layout forced)."""
    best = float("inf")
    seen: dict[str, Any] = {}
    for _ in range(repeat):
        driver.get("about:blank")
        t = time.perf_counter()
        _browser.open_page(driver, page)
        driver.execute_script("return document.documentElement.scrollHeight")
        best = min(best, time.perf_counter() - t)
        seen = _browser.inspect(driver)
    return best, seen


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--formulas", type=int, default=20, help="formulas of the watchlist (20)")
    ap.add_argument("-o", "--output", default=None, help="also write the page here")
    args = ap.parse_args()
    full = Watchlist.from_file(ROOT / "benchmarks" / "uschina_watchlist.txt")
    wl = Watchlist(list(full)[: args.formulas])
    t0 = time.perf_counter()
    docs = []
    for d in load_corpus([SHARED / "whitehouse" / "briefings.jsonl.gz"]):
        docs.append(d)
        if args.limit and len(docs) >= args.limit:
            break
    t_read = time.perf_counter() - t0
    print(
        f"baseline: read {len(docs)} documents ({sum(len(d.text) for d in docs) / 1e6:.0f} MB "
        f"of text) in {t_read:.1f} s, peak {_peak_mb():.0f} MB"
    )
    t = time.perf_counter()
    occ = track(docs, wl)
    t_track = time.perf_counter() - t
    t = time.perf_counter()
    tl = timeline(occ, docs, watchlist=wl)
    t_tl = time.perf_counter() - t
    t = time.perf_counter()
    pairs, total = consecutive_pairs(docs, last=3)
    diffs = [diff(a, b, watchlist=wl) for a, b in pairs]
    t_diff = time.perf_counter() - t
    t = time.perf_counter()
    page = render_timeline_html(tl, occ, docs, diffs=diffs, pairs=total)
    t_render = time.perf_counter() - t
    print(f"track {len(wl)} formulas: {t_track:.1f} s, {len(occ)} occurrences")
    print(f"timeline: {t_tl:.2f} s; diffs of the last {len(diffs)} of {total} pairs: ", end="")
    print(f"{t_diff:.2f} s")
    print(
        f"write the page: {t_render:.2f} s = {t_render / t_track:.2f}x the tracking time, "
        f"{t_render / t_read:.2f}x the reading time"
    )
    size = len(page.encode("utf-8"))
    starts = [page.index(f'id="{s}"') for s in SECTIONS] + [len(page)]
    sizes = ", ".join(
        f"{s} {(starts[i + 1] - starts[i]) / 1e6:.2f}" for i, s in enumerate(SECTIONS)
    )
    verdict = "under" if size < 10e6 else "OVER"
    print(f"page: {size / 1e6:.2f} MB ({sizes} MB), {verdict} the 10 MB target")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.output) if args.output else Path(tmp) / "report.html"
        path.write_text(page, encoding="utf-8")
        fixture_docs = list(load_corpus([ROOT / "fixtures" / "readouts"]))
        fixture_wl = Watchlist.from_file(ROOT / "fixtures" / "watchlist.toml")
        fixture_occ = track(fixture_docs, fixture_wl)
        small = Path(tmp) / "fixtures.html"
        small.write_text(
            render_timeline_html(
                timeline(fixture_occ, fixture_docs, watchlist=fixture_wl), fixture_occ, fixture_docs
            ),
            encoding="utf-8",
        )
        reason = _browser.why_no_browser()
        if reason is not None:
            print(f"chromium: not measured: {reason}")
            return 0
        driver = _browser.start_browser(1400, 900)
        try:
            base, _ = _browser_seconds(driver, small)
            took, seen = _browser_seconds(driver, path)
            errors = _browser.console_errors(driver)
        finally:
            driver.quit()
    verdict = "under" if took < 5 else "OVER"
    print(f"chromium baseline: the 15-readout fixture report loads and lays out in {base:.2f} s")
    print(
        f"chromium: the whole-corpus report loads and lays out in {took:.2f} s (best of 3) "
        f"= {took / base:.1f}x the fixture page, {verdict} the 5 s target; "
        f"{seen['height']} px tall, {seen['scrollWidth']} px wide in a {seen['clientWidth']} px "
        f"window, {len(errors)} console errors"
    )
    print(f"peak memory {_peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

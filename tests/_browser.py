"""Headless Chromium for the report's browser tests, the docs' screenshots and the benchmark.

Selenium drives the system's ``chromium`` through ``chromedriver`` (Debian packages
``chromium`` and ``chromium-driver``; ``.ci/run`` installs them where it can).
:func:`why_no_browser` says why a browser cannot be had, so tests skip with that
reason; :func:`open_page` loads a file at a given window width; :func:`inspect`
reads what a person would check from the rendered page.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _binary() -> str | None:
    if os.environ.get("CHROME_BIN"):
        return os.environ["CHROME_BIN"]
    return next((p for name in CANDIDATES if (p := shutil.which(name))), None)


def why_no_browser() -> str | None:
    """``None`` when selenium, Chromium and chromedriver are all here, else what is missing."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    if _binary() is None:
        return "no Chromium found (apt-get install chromium chromium-driver, or set CHROME_BIN)"
    if shutil.which("chromedriver") is None:
        return "no chromedriver found (apt-get install chromium-driver)"
    return None


def start_browser(width: int = 1400, height: int = 900) -> Any:
    """A headless Chromium whose window is ``width`` × ``height`` CSS pixels."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = _binary() or ""
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--window-size={width},{height}",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=opts, service=Service(shutil.which("chromedriver")))
    # --window-size counts the window's frame in some versions: set the viewport exactly
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    return driver


def open_page(driver: Any, path: Path) -> None:
    """Load the file at ``path`` and wait until it is laid out."""
    driver.get(path.resolve().as_uri())
    driver.execute_script("return document.readyState")


INSPECT = """
const de = document.documentElement;
const rect = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.right, r.width]; };
const fc = document.querySelector('table.tl th.fc');
const n3 = document.querySelector('table.tl td.n3');
return {
  scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, height: de.scrollHeight,
  rows: document.querySelectorAll('table.tl tbody tr').length,
  marks: document.querySelectorAll('table.tl .m').length,
  visibleMarks: Array.from(document.querySelectorAll('mark')).filter(
      (m) => m.checkVisibility()).length,
  marksInDom: document.querySelectorAll('mark').length,
  formulaColumn: fc ? rect(fc) : null, countColumn: n3 ? rect(n3) : null,
  tlWrap: Array.from(document.querySelectorAll('.tlwrap')).map(
      (w) => [w.scrollWidth, w.clientWidth]),
  scripts: document.scripts.length,
  title: document.title,
  h1: document.querySelector('h1') ? document.querySelector('h1').textContent : null,
};
"""


def inspect(driver: Any) -> dict[str, Any]:
    """What the tests check on the rendered page (sizes, counts, column positions)."""
    result: dict[str, Any] = driver.execute_script(INSPECT)
    return result


def console_errors(driver: Any) -> list[str]:
    """The browser console's errors and warnings since the page was loaded."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry.get("level") in ("SEVERE", "WARNING")
    ]


def screenshot(driver: Any, out: Path | None = None, colours: int = 256) -> bytes:
    """A PNG of the viewport, reduced to ``colours`` colours (small enough to commit).

    Written to ``out`` when given; returns the PNG bytes.
    """
    from PIL import Image

    png = driver.get_screenshot_as_png()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=colours, method=Image.Quantize.FASTOCTREE)
    buf = io.BytesIO()
    small.save(buf, format="PNG", optimize=True)
    data = buf.getvalue()
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return data


def distinct_colours(png: bytes) -> int:
    """How many colours a PNG uses (a blank page has one or two)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 20) or ())

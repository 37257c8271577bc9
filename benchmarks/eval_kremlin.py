"""Evaluate HTML extraction on the 600 raw en.kremlin.ru pages of the shared corpus.

    python3 benchmarks/eval_kremlin.py [--corpus DIR] [--show N]

Measures (each over every page; the script exits 1 if any page fails one):

* **title**: the document title equals the manifest title (HTML entities decoded);
* **date**: the document date equals the manifest date, on every page the manifest dates;
* **chrome**: no site chrome in the body.  Chrome is every text outside the lead
  (``div.read__lead``, the paragraph above the body that the page shows first) and
  ``div.entry-content`` (the corpus README's article body), plus, inside them, what the
  site itself marks as not article text (``.masha-ignore``: photo sliders,
  captions, "See also" boxes, tags, the "Publication status" block;
  ``.read__tooltip``: the hover biographies; ``.hidden-copy``).  A chrome string
  leaks when it occurs in the body more often than in the article's own text
  nodes (so "Presidential Executive Office" in a sentence is not a leak).
  Checked for a fixed list (``CHROME_STRINGS``), for every chrome text node of
  the page of 12 characters or more, and for each tooltip biography (its title
  and description);
* **fused**: no fused words: a token of the body with a lower-case letter
  followed by an upper-case one ("JinpingPresident"), or a sentence stop glued
  to the next word ("agreed.The"), that occurs in no single text node of the raw
  page (so "McDonald" or "en.kremlin.ru" in the page's own text are fine);
* **article**: the body has the same non-space characters as the article's own
  text nodes (the lead's, then the body's), i.e. nothing of the article was lost
  and nothing added (for headline-only news items, with neither, the article is
  the headline).

The measure functions are imported by ``benchmarks/bench_ingest.py`` to score
trafilatura on the same pages.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = (
    Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared")) / "corpus" / "kremlin"
)

#: Chrome strings named in the issue and found on every page of the site.
CHROME_STRINGS: tuple[str, ...] = (
    "Send by email",
    "Direct link",
    "Publication status",
    "Version for People with Disabilities",
    "Text version",
    "Last updated at",
    "Published in section",
    "Publication date",
    "See also",
    "Official Internet Resources",
    "Message preview",
    "Addressee email",
    "Search this website",
    "Videos and Photos",
    "Using website content",
    "Personal data of website users",
    "Creative Commons Attribution 4.0 International",
)
MEASURES = ("title", "date", "chrome", "fused", "article")

_CHROME_ANCESTOR = (
    "ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' masha-ignore ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' read__tooltip ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' hidden-copy ')"
    " or self::script or self::style or self::noscript]"
)
_FUSED = re.compile(r"[^\W\d_]*[a-zа-яё][A-ZА-ЯЁ][^\W\d_]*|[^\W\d_]{2,}[.!?;:][^\W\d_]{2,}")


def squash(text: str) -> str:
    """Collapse every run of white space (no-break spaces too) to one space."""
    return " ".join(text.split())


def _dense(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class PageTruth:
    """What the raw page says, independently of any extractor."""

    file: str
    title: str
    date: dt.date | None
    article: str  # the article's own text nodes, joined, squashed
    chrome: list[str] = field(default_factory=list)  # chrome texts that must not leak
    tooltips: list[str] = field(default_factory=list)  # tooltip titles and descriptions
    raw_nodes: str = ""  # every text node of the page, "\x00"-separated


def read_manifest(corpus: Path) -> list[dict[str, str]]:
    """The rows of ``manifest.tsv``."""
    with open(corpus / "manifest.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def page_truth(corpus: Path, row: dict[str, str]) -> PageTruth:
    """Build the reference for one page from its raw HTML structure."""
    data = (corpus / "html" / row["file"]).read_bytes()
    tree = lxml.html.document_fromstring(data)
    content = tree.xpath(
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]"
    )[0]
    lead = tree.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' read__lead ')]")
    article_nodes = [
        *(n for box in lead for n in box.xpath(f".//text()[not({_CHROME_ANCESTOR})]")),
        *content.xpath(f".//text()[not({_CHROME_ANCESTOR})]"),
    ]
    if not squash("".join(article_nodes)):
        # a headline-only news item: its text is the headline
        article_nodes = tree.xpath("//h1[contains(@class, 'entry-title')]//text()")
    article = squash("".join(article_nodes))
    all_nodes = [
        squash(t) for t in tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]")
    ]
    article_set = {id(n) for n in article_nodes}
    chrome = {
        squash(t)
        for t in tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]")
        if id(t) not in article_set and len(squash(t)) >= 12
    }
    tooltips = [
        squash(t)
        for t in content.xpath(
            ".//span[contains(@class, 'read__tooltip')]//span[contains(@class, 'tooltip_title')"
            " or contains(@class, 'tooltip_description')]//text()"
        )
        if squash(t)
    ]
    tooltips += [
        squash(html.unescape(v))
        for v in content.xpath(".//span[contains(@class, 'read__tooltip')]//@data-value")
    ]
    return PageTruth(
        file=row["file"],
        title=squash(html.unescape(row["title"])),
        date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
        article=article,
        chrome=sorted(chrome | set(CHROME_STRINGS)),
        tooltips=[t for t in tooltips if len(t) >= 4],
        raw_nodes="\x00".join(all_nodes),
    )


def score_page(
    truth: PageTruth, title: str | None, date: dt.date | None, body: str
) -> dict[str, str]:
    """Return ``{measure: reason}`` for each measure the extraction fails on this page."""
    failures: dict[str, str] = {}
    if squash(title or "") != truth.title:
        failures["title"] = f"{title!r} != {truth.title!r}"
    if truth.date is not None and date != truth.date:
        failures["date"] = f"{date} != {truth.date}"
    flat = squash(body)
    # counted without white space, so that spacing differences do not matter
    dense, article = _dense(body), _dense(truth.article)
    for text in [*truth.chrome, *truth.tooltips]:
        if dense.count(_dense(text)) > article.count(_dense(text)):
            failures["chrome"] = f"leaked {text[:70]!r}"
            break
    for m in _FUSED.finditer(body):
        token = m.group(0)
        if token not in truth.raw_nodes:
            failures["fused"] = f"fused {token!r}"
            break
    if dense != article:
        failures["article"] = (
            f"body has {len(flat)} characters, the article's own text {len(truth.article)}"
        )
    return failures


Extractor = Callable[[Path], tuple[str | None, dt.date | None, str]]


def ours(path: Path) -> tuple[str | None, dt.date | None, str]:
    """statement-tracker's extraction of one page."""
    import statement_tracker as st

    doc = st.load(path)
    return doc.title, doc.date, doc.text


def evaluate(
    corpus: Path, extract: Extractor, *, truths: list[PageTruth] | None = None
) -> tuple[dict[str, int], list[tuple[str, str, str]], int]:
    """Run ``extract`` on every page; return pass counts, failures and the dated-page count."""
    rows = read_manifest(corpus)
    truths = truths or [page_truth(corpus, row) for row in rows]
    passed = dict.fromkeys(MEASURES, 0)
    failures: list[tuple[str, str, str]] = []
    for truth in truths:
        try:
            title, date, body = extract(corpus / "html" / truth.file)
        except Exception as exc:  # an extractor error fails every measure of the page
            title, date, body = None, None, ""
            failures.append((truth.file, "error", f"{type(exc).__name__}: {exc}"))
        failed = score_page(truth, title, date, body)
        for measure in MEASURES:
            if measure not in failed:
                passed[measure] += 1
        failures.extend((truth.file, m, why) for m, why in failed.items())
    dated = sum(1 for t in truths if t.date is not None)
    return passed, failures, dated


def report(
    name: str, passed: dict[str, int], failures: list[tuple[str, str, str]], total: int,
    dated: int, *, show: int = 10,
) -> bool:  # fmt: skip
    """Print the figures; return whether every measure passed on every page."""
    ok = True
    print(f"{name}: {total} pages ({dated} dated)")
    for measure in MEASURES:
        # undated pages always pass "date"; report it over the dated pages
        n = passed[measure] - (total - dated if measure == "date" else 0)
        of = dated if measure == "date" else total
        flag = "ok" if n == of else "FAIL"
        ok &= n == of
        print(f"  {measure:8} {n:4}/{of}  {flag}")
    for file, measure, why in failures[:show]:
        print(f"    {file}  {measure}: {why}")
    if len(failures) > show:
        print(f"    … {len(failures) - show} more failures")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", type=int, default=20, help="failures to print")
    args = parser.parse_args(argv)
    if not (args.corpus / "manifest.tsv").is_file():
        print(f"eval_kremlin: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    truths = [page_truth(args.corpus, row) for row in read_manifest(args.corpus)]
    passed, failures, dated = evaluate(args.corpus, ours, truths=truths)
    ok = report("statement-tracker", passed, failures, len(truths), dated, show=args.show)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

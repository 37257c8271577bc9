"""Extraction coverage on the en.kremlin.ru pages, against a reference made another way.

    python3 benchmarks/eval_extract.py            # figures
    python3 benchmarks/eval_extract.py --worst 10 # and the pages with the lowest coverage

The reference (``labelkit.visible_text``) is every paragraph-like element of the
page's lead (``div.read__lead``) and body (``div.entry-content``), found with
plain XPath and without the library's publisher rules, less tooltips and the
blocks the site marks as not article text.  For each page:

* coverage: the share of the reference's words that the library's text keeps,
  in order (word-level Indel alignment);
* extra: the share of the library's words that are not in the reference (site
  chrome would show here);
* lead kept: whether every word of the lead is in the library's text;
* chrome: lines of the library's text that are known site chrome.

It also audits the page for visible text outside the containers the rule
chooses: words under the article element (``article.read__in``) that are in
none of lead, body, headline, category link and date/place line.

Target (issue 12): coverage p10 >= 0.97 and no site chrome.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import labelkit as lk
from lxml import html as lhtml
from rapidfuzz.distance import Indel

import statement_tracker as st

_WORD = re.compile(r"\w+")
CHROME = (
    "Publication status", "Published in sections", "Direct link", "Text version",
    "Publication date", "Print version", "Share", "Topics", "Persons", "See also",
)  # fmt: skip
_KNOWN = (
    "read__lead", "entry-content", "entry-title", "read__meta", "read__categ",
)  # fmt: skip


def words(text: str) -> list[str]:
    """Case-folded words."""
    return [w.casefold() for w in _WORD.findall(text)]


def coverage(ref: list[str], got: list[str]) -> tuple[float, float]:
    """(share of ``ref`` aligned in ``got``, share of ``got`` not aligned)."""
    if not ref:
        return 1.0, 0.0
    kept = sum(b - a for tag, a, b, _c, _d in Indel.opcodes(ref, got) if tag == "equal")
    return kept / len(ref), (len(got) - kept) / len(got) if got else 0.0


def outside_words(raw: bytes) -> Counter[str]:
    """Words of the article element outside the chosen containers, by the class holding them."""
    root = lhtml.fromstring(raw)
    arts = root.xpath('//article[contains(concat(" ", @class, " "), " read__in ")]')
    out: Counter[str] = Counter()
    if not arts:
        return out
    for el in arts[0].xpath(lk._KREMLIN_HIDDEN.replace("//", ".//")):
        if el.getparent() is not None:
            el.drop_tree()
    for el in arts[0].iter():
        if not isinstance(el.tag, str):
            continue
        if any(k in (a.get("class") or "") for a in (el, *el.iterancestors()) for k in _KNOWN):
            continue
        for part in (el.text,):
            n = len(_WORD.findall(part or ""))
            if n:
                out[f"{el.tag}.{(el.get('class') or '-').split()[0]}"] += n
        for child in el:
            n = len(_WORD.findall(child.tail or ""))
            if n:
                out[f"{el.tag}.{(el.get('class') or '-').split()[0]}"] += n
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the figures (see the module docstring)."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--worst", type=int, default=0, help="list the N pages of lowest coverage")
    a = p.parse_args(argv)
    rows = []
    failed: list[str] = []
    chrome_pages: list[tuple[str, str]] = []
    lead_lost = 0
    leads = 0
    outside: Counter[str] = Counter()
    outside_pages = 0
    folder = lk.SHARED / "kremlin" / "html"
    for doc in lk.doc_ids("kremlin"):
        raw = (folder / doc).read_bytes()
        try:
            got = st.load(folder / doc).text
        except st.StatementTrackerError as exc:
            failed.append(f"{doc}: {exc}")
            continue
        ref = lk.visible_text("kremlin", doc)
        cov, extra = coverage(words(ref), words(got))
        rows.append((cov, extra, doc))
        lead = lhtml.fromstring(raw).xpath('//div[contains(@class, "read__lead")]')
        lead_w = words(" ".join(x.text_content() for x in lead))
        if lead_w:
            leads += 1
            lead_cov, _ = coverage(lead_w, words(got))
            lead_lost += lead_cov < 1.0
        for line in got.splitlines():
            if line.strip() in CHROME:
                chrome_pages.append((doc, line.strip()))
        o = outside_words(raw)
        outside.update(o)
        outside_pages += bool(o)
    covs = sorted(r[0] for r in rows)
    extras = sorted(r[1] for r in rows)
    q = statistics.quantiles(covs, n=10) if len(covs) > 1 else covs
    print(f"pages: {len(rows)} extracted, {len(failed)} failed (typed errors)")
    print(f"coverage: min {covs[0]:.3f}  p10 {q[0]:.3f}  median {statistics.median(covs):.3f}")
    print(
        f"extra words: median {statistics.median(extras):.3f}  "
        f"p90 {statistics.quantiles(extras, n=10)[-1]:.3f}  max {extras[-1]:.3f}"
    )
    print(f"lead kept whole: {leads - lead_lost} of {leads} pages with a lead")
    chrome_docs = len({d for d, _ in chrome_pages})
    print(f"site chrome lines in the text: {len(chrome_pages)} on {chrome_docs} pages")
    print(
        f"visible words outside the chosen containers: {sum(outside.values())} on "
        f"{outside_pages} pages; by element: {dict(outside.most_common(6))}"
    )
    for f in failed:
        print("  failed:", f)
    for cov, extra, doc in sorted(rows)[: a.worst]:
        print(f"  {cov:.3f} extra {extra:.3f} {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

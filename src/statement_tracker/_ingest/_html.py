"""HTML pages to article text, title and date (the only module that imports lxml).

One configured parser (no network, no huge trees, comments and processing
instructions removed; the HTML parser never expands internal DTD entities),
precompiled XPath, and an iterative tree walk so that deep nesting cannot
exhaust the Python stack.  Block elements become paragraph breaks and ``<br>``
a line break, so words from adjacent elements never fuse; inline elements keep
the page's own spacing.

The article is found by the first publisher rule that matches the page (see
:mod:`statement_tracker._ingest._publishers`), or else by a generic scorer that
prefers ``article``/``main``/``articleBody`` containers rich in paragraph text
and poor in links.  (Parsing, rendering, the rule engine, the generic finder and
the metadata readers all stay in this one module because it is the only one
allowed to import lxml; the pure parts live in ``_html_text``, ``_publishers``,
``_dates`` and ``_decode``.)

>>> page = '''<html><head><title>Talks • Ministry</title></head><body>
... <nav><a href="/">Home</a> <a href="/news">News</a></nav>
... <article><h1>Talks</h1><time datetime="2024-05-16">16 May</time>
... <p>Both sides agreed to deepen cooperation, trade and exchanges.</p>
... <p>Xi Jinping</p><p>President</p></article><footer>Contacts</footer></body></html>'''
>>> ex = extract_html(page, name="talks.html")
>>> ex.text
'Both sides agreed to deepen cooperation, trade and exchanges.\\n\\nXi Jinping\\n\\nPresident'
>>> ex.title, ex.date.isoformat(), ex.method
('Talks', '2024-05-16', 'generic')
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
import threading
from collections.abc import Iterable, Sequence

import attrs
import lxml.etree as etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from .._errors import ExtractionError
from ._dates import find_date_line, parse_date
from ._html_text import (
    BLOCK,
    CELL,
    INVISIBLE,
    JOIN,
    LINE,
    PARA,
    first_absolute_url,
    first_text,
    layout,
    squash,
    strip_site,
)
from ._publishers import Rule, Selector, css_to_xpath, host_of, rule_for

__all__ = ["Extracted", "extract_html"]

# --- parser ------------------------------------------------------------------------------

_local = threading.local()


def _parser() -> etree.HTMLParser:
    """The configured HTML parser (one per thread: lxml parsers are not thread-safe)."""
    parser: etree.HTMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = lxml.html.HTMLParser(
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            huge_tree=False,
            recover=True,
            default_doctype=False,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


def _xp(expr: str) -> etree.XPath:
    return _compiled(expr)


@functools.lru_cache(maxsize=512)
def _compiled(expr: str) -> etree.XPath:
    return etree.XPath(expr, smart_strings=False)


_X_CANONICAL = etree.XPath(
    "//link[@rel='canonical']/@href | //meta[@property='og:url']/@content", smart_strings=False
)
_X_SITE_NAME = etree.XPath(
    "//meta[@property='og:site_name']/@content | //meta[@name='application-name']/@content",
    smart_strings=False,
)
_X_LANG = etree.XPath("/html/@lang | /html/@xml:lang", smart_strings=False)
_X_JSONLD = etree.XPath("//script[@type='application/ld+json']", smart_strings=False)
_X_H1 = etree.XPath("//h1", smart_strings=False)
_X_HEADINGS = etree.XPath(".//h1 | .//h2", smart_strings=False)
_X_HEADINGS3 = etree.XPath(".//h1 | .//h2 | .//h3", smart_strings=False)
_X_TITLE = etree.XPath("//title", smart_strings=False)
_X_META_TITLE = etree.XPath(
    "//meta[@property='og:title']/@content | //meta[@name='twitter:title']/@content",
    smart_strings=False,
)
_X_META_DATE = etree.XPath(
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @property='og:published_time' or @itemprop='datePublished'"
    " or @name='date' or @name='DC.date.issued' or @name='dc.date' or @name='DC.date'"
    " or @name='pubdate' or @name='publishdate' or @name='citation_publication_date'"
    " or @name='parsely-pub-date' or @name='sailthru.date']/@content"
    " | //time[@itemprop='datePublished']/@datetime | //time[@pubdate]/@datetime",
    smart_strings=False,
)
_X_TIME = etree.XPath(".//time[@datetime]/@datetime", smart_strings=False)
_X_DATE_NODES = etree.XPath(
    "//*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'publish')"
    " or contains(@class, 'meta') or contains(@class, 'byline')]",
    smart_strings=False,
)
# Paragraph-like elements: p, pre, cells, quotes, items, and divs with no block inside.
_X_CANDIDATES = etree.XPath(
    "//p | //pre | //td | //blockquote | //li | //div[not(.//div or .//p or .//li or .//td"
    " or .//table or .//h1 or .//h2 or .//h3 or .//h4 or .//section or .//article)]",
    smart_strings=False,
)
_X_HINTS = etree.XPath(
    "//*[@itemprop='articleBody'] | //article | //main | //*[@role='main']", smart_strings=False
)
_X_LINKS = etree.XPath(".//a", smart_strings=False)
_X_ANCESTOR_ARTICLE = etree.XPath("ancestor-or-self::article[1]", smart_strings=False)

# Inside a page chosen by the generic scorer: chrome by element, attribute or class name.
_GENERIC_DROP = etree.XPath(
    "descendant::time[not(ancestor::p or ancestor::li or ancestor::blockquote or ancestor::td)]"
    " | "
    + css_to_xpath(
        "nav, aside, footer, header, form, figure, figcaption, h1, [hidden], [aria-hidden=true],"
        " [role=navigation], [role=complementary], [role=contentinfo], [role=banner],"
        " [role=search], [style*='display:none'], [style*='display: none']"
    ),
    smart_strings=False,
)
_CHROME_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|header|masthead|breadcrumbs?|share|"
    r"sharing|social|related|comments?|newsletter|subscribe|subscription|promo|advert|ads?|"
    r"advertisement|sponsor(?:ed)?|cookies?|banner|sidebar|widget|tooltip|popup|popover|modal|"
    r"captions?|credits?|print|tags?|tagline|toolbar|skip|byline|dateline|meta|author|"
    r"pagination|pager|signup|lang-switch|language)(?:$|[\s_-])",
    re.IGNORECASE,
)
_X_CLASSED = etree.XPath(".//*[@class or @id]", smart_strings=False)

_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)


@attrs.frozen(kw_only=True)
class Extracted:
    """What :func:`extract_html` found on a page.

    Attributes:
        text: The article text: paragraphs separated by ``"\\n\\n"``.
        title: The page title without the site suffix, or ``None``.
        date: The publication date, or ``None``.
        url: The canonical URL (given, ``<link rel=canonical>`` or ``og:url``), or ``None``.
        publisher: The rule's publisher, or the URL's host, or ``None``.
        language: The page's ``lang`` attribute (two letters), or ``None``.
        method: ``"rule:<name>"`` or ``"generic"``: how the article was found.

    >>> extract_html("<p>Hello there.</p>", name="x.html").method
    'generic'
    """

    text: str
    title: str | None
    date: _dt.date | None
    url: str | None
    publisher: str | None
    language: str | None
    method: str


# --- entry point -------------------------------------------------------------------------


def extract_html(
    html: str | bytes,
    *,
    name: str,
    rules: Sequence[Rule] = (),
    url: str | None = None,
) -> Extracted:
    """Extract the article text, title and date of an HTML page.

    Args:
        html: The page as text (already decoded) or UTF-8 bytes.
        name: The file name, for error messages.
        rules: Publisher rules to try (the first whose host or ``detect`` matches applies).
        url: The page URL when known (overrides the page's canonical URL for rule matching).

    Raises:
        ExtractionError: The page is empty, nests elements deeper than the parser
            allows, or has no article text.

    >>> extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", name="e.html")
    Traceback (most recent call last):
    ...
    statement_tracker._errors.ExtractionError: e.html: no article text found (generic extraction)
    """
    root = _parse(html, name=name)
    page_url = url or first_absolute_url(_X_CANONICAL(root))
    rule = _choose_rule(root, rules, page_url)
    site_name = first_text(_X_SITE_NAME(root))
    title = _rule_value(root, rule.title) if rule else None
    title = squash(title) if title else None
    if rule is not None and title is None:
        title = _generic_title(root, site_name, None)
    date = parse_date(_rule_value(root, rule.date)) if rule else None
    if date is None:
        date = _meta_date(root)

    found = _rule_body(root, rule) if rule else None
    if found is not None:
        body, text = found
        method = f"rule:{rule.name}" if rule else "generic"
        if date is None:
            date = _time_date(body)
    else:
        method = "generic"
        generic = _generic_body(root)
        if generic is None:
            raise ExtractionError(name, "no article text found (generic extraction)")
        body = generic
        if title is None:
            title = _generic_title(root, site_name, _leading_heading(body))
        if date is None:
            date = _time_date(body)
        if title:  # the headline repeated at the top of the article
            _drop(body, (h for h in _X_HEADINGS3(body) if squash(h.text_content()) == title))
        _drop(body, _GENERIC_DROP(body))
        _drop(body, _chrome_elements(body))
        for selector in rule.drop if rule else ():
            _drop(body, _xp(selector.xpath)(body))
        text = render_text(body)
        if not text:
            raise ExtractionError(name, "no article text found (generic extraction)")
    if date is None:
        date = _visible_date(root, body)
    publisher = None
    if rule is not None:
        publisher = rule.publisher or host_of(page_url) or rule.name
    elif page_url:
        publisher = host_of(page_url)
    lang = first_text(_X_LANG(root))
    return Extracted(
        text=text,
        title=title,
        date=date,
        url=page_url,
        publisher=publisher,
        language=lang[:2].lower() if lang and lang[:2].isalpha() else None,
        method=method,
    )


def _parse(html: str | bytes, *, name: str) -> lxml.html.HtmlElement:
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if not data.strip():
        raise ExtractionError(name, "empty HTML document")
    # An internal DTD subset (entity declarations: bombs, external entities) has no
    # business in a web page; the HTML parser would show part of it as text.
    start = data[:1024].lower().find(b"<!doctype")
    end = data.find(b">", start) if start >= 0 else -1
    if start >= 0 and b"[" in data[start : end if end >= 0 else None]:
        data = _INTERNAL_SUBSET.sub(b"<!DOCTYPE html>", data[:65536], count=1) + data[65536:]
    parser = _parser()
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractionError(name, f"cannot parse HTML: {exc}") from exc
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            raise ExtractionError(
                name, f"elements nested too deeply to parse safely (line {entry.line})"
            )
    return root


# --- rules -------------------------------------------------------------------------------


def _choose_rule(
    root: lxml.html.HtmlElement, rules: Sequence[Rule], url: str | None
) -> Rule | None:
    rule = rule_for(rules, url=url)
    if rule is not None:
        return rule
    for candidate in rules:
        if any(_xp(s.xpath)(root) for s in candidate.detect):
            return candidate
    return None


def _selected(root: lxml.html.HtmlElement, selector: Selector) -> list[str]:
    values: list[str] = []
    for item in _xp(selector.xpath)(root):
        if isinstance(item, str):
            values.append(item)
        elif isinstance(item, etree._Element):
            if selector.attribute is not None:
                value = item.get(selector.attribute)
                if value is not None:
                    values.append(value)
            else:
                values.append(item.text_content())
    return [v for v in (" ".join(v.split()) for v in values) if v]


def _rule_value(root: lxml.html.HtmlElement, selectors: Iterable[Selector]) -> str | None:
    for selector in selectors:
        values = _selected(root, selector)
        if values:
            return values[0]
    return None


def _rule_body(root: lxml.html.HtmlElement, rule: Rule) -> tuple[lxml.html.HtmlElement, str] | None:
    """The first element of the rule's body selectors that has text once the drops are gone."""
    for selector in rule.body:
        for item in _xp(selector.xpath)(root):
            if not isinstance(item, etree._Element):
                continue
            for drop in rule.drop:
                _drop(item, _xp(drop.xpath)(item))
            text = render_text(item)
            if text:
                return item, text
    return None


def _drop(body: lxml.html.HtmlElement, elements: Iterable[object]) -> None:
    for el in list(elements):
        if isinstance(el, lxml.html.HtmlElement) and el is not body and el.getparent() is not None:
            el.drop_tree()


# --- metadata ----------------------------------------------------------------------------


def _leading_heading(body: lxml.html.HtmlElement) -> str | None:
    """The heading that opens the article: the first ``h1``-``h3`` before any paragraph,
    in the body or the closest of its three nearest ancestors that has one."""
    scope: lxml.html.HtmlElement | None = body
    for _ in range(4):
        if scope is None:
            return None
        for el in scope.iter("h1", "h2", "h3", "p"):
            if el.tag == "p":
                return None
            return squash(el.text_content()) or None
        scope = scope.getparent()
    return None


def _generic_title(
    root: lxml.html.HtmlElement, site_name: str | None, heading: str | None
) -> str | None:
    h1s = [t for t in (squash(h.text_content()) for h in _X_H1(root)) if t]
    h1 = h1s[0] if len(h1s) == 1 else None
    meta = first_text(_X_META_TITLE(root)) or _jsonld_value(root, "headline")
    if meta:
        return strip_site(meta, site_name, h1)
    if h1:
        return h1
    if heading:
        return heading
    title = first_text(t.text_content() for t in _X_TITLE(root))
    if title:
        return strip_site(title, site_name, h1s[0] if h1s else None)
    return h1s[0] if h1s else None


def _jsonld_value(root: lxml.html.HtmlElement, key: str) -> str | None:
    for script in _X_JSONLD(root):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                value = item.get(key)
                if isinstance(value, str) and value.strip():
                    return value
                stack.extend(reversed(list(item.values())))
            elif isinstance(item, list):
                stack.extend(reversed(item))
    return None


def _meta_date(root: lxml.html.HtmlElement) -> _dt.date | None:
    for value in _X_META_DATE(root):
        found = parse_date(value) if isinstance(value, str) else None
        if found is not None:
            return found
    return parse_date(_jsonld_value(root, "datePublished"))


def _time_date(body: lxml.html.HtmlElement) -> _dt.date | None:
    article = _X_ANCESTOR_ARTICLE(body)
    for value in _X_TIME(article[0] if article else body):
        found = parse_date(value) if isinstance(value, str) else None
        if found is not None:
            return found
    return None


def _visible_date(root: lxml.html.HtmlElement, body: lxml.html.HtmlElement) -> _dt.date | None:
    lines = [" ".join(el.text_content().split()) for el in _X_DATE_NODES(root)[:50]]
    found = find_date_line([line for line in lines if line], max_len=80)
    if found is not None:
        return found
    # a date line near the article: in the closest ancestor that also holds a heading
    scope = body
    for _ in range(3):
        parent = scope.getparent()
        if parent is None:
            break
        scope = parent
        if _X_HEADINGS(scope):
            lines = re.split(r"\n+", render_text(scope))
            return find_date_line(lines[:12], max_len=80)
    return find_date_line(re.split(r"\n+", render_text(body))[:8])


# --- generic article finder ---------------------------------------------------------------


def _text_len(el: lxml.html.HtmlElement) -> int:
    return len(" ".join(el.text_content().split()))


def _link_density(el: lxml.html.HtmlElement, total: int) -> float:
    if total == 0:
        return 1.0
    linked = sum(_text_len(a) for a in _X_LINKS(el))
    return min(1.0, linked / total)


def _generic_body(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    scores: dict[lxml.html.HtmlElement, float] = {}
    for p in _X_CANDIDATES(root):
        if _inside_invisible(p):
            continue
        text = " ".join(p.text_content().split())
        if len(text) < 25:
            continue
        score = 1.0 + text.count(",") + text.count("，") + min(len(text) / 100.0, 3.0)
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + score / 2.0
    hints = set(_X_HINTS(root))
    best: lxml.html.HtmlElement | None = None
    best_score = 0.0
    for el, score in scores.items():
        total = _text_len(el)
        score *= 1.0 - _link_density(el, total)
        if el in hints or (_CHROME_NAME.search(_names(el)) is None and el.tag == "article"):
            score *= 1.25
        if _CHROME_NAME.search(_names(el)):
            score *= 0.5
        if score > best_score:
            best, best_score = el, score
    if best is None:
        # no paragraph of any length: take the best hint, else the body
        for el in _X_HINTS(root):
            if _text_len(el):
                return el
        body = root.find("body")
        if body is not None and _text_len(body):
            return body
        return None
    return best


def _inside_invisible(el: lxml.html.HtmlElement) -> bool:
    return any(a.tag in INVISIBLE or a.tag == "nav" for a in el.iterancestors())


def _names(el: lxml.html.HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _chrome_elements(body: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    found = []
    for el in _X_CLASSED(body):
        if _CHROME_NAME.search(_names(el)):
            found.append(el)
        elif el.tag in ("ul", "ol", "div"):
            total = _text_len(el)
            links = _X_LINKS(el)
            if len(links) >= 3 and total and _link_density(el, total) > 0.8:
                found.append(el)
    for el in body.iter("ul", "ol"):
        total = _text_len(el)
        if len(_X_LINKS(el)) >= 3 and total and _link_density(el, total) > 0.8:
            found.append(el)
    return found


# --- rendering ---------------------------------------------------------------------------


def render_text(root: lxml.html.HtmlElement) -> str:
    """Render an element's visible text: block elements as paragraphs, ``<br>`` as a line break.

    >>> render_text(lxml.html.fromstring("<div><b>Xi Jinping</b><p>President</p>said<br>hi</div>"))
    'Xi Jinping\\n\\nPresident\\n\\nsaid\\nhi'
    >>> render_text(lxml.html.fromstring("<div>One.<br><br> Two.</div>"))
    'One.\\n\\nTwo.'
    >>> render_text(lxml.html.fromstring("<p><b>Vladimir</b><b>Putin</b>: <i>co</i><i>op</i></p>"))
    'Vladimir Putin: coop'
    """
    parts: list[str] = []
    add = parts.append
    pre = 0
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        tag = el.tag
        if event in ("comment", "pi"):  # invisible, but the text after them is not
            if el.tail:
                add(el.tail.replace("\n", LINE) if pre else el.tail)
            continue
        if event == "start":
            if tag in INVISIBLE:
                walker.skip_subtree()
                continue
            if tag in BLOCK:
                add(PARA)
            elif tag in CELL:
                add(" ")
            elif tag == "br":
                add(LINE)
            if tag == "pre":
                pre += 1
            if el.text:
                add(el.text.replace("\n", LINE) if pre else el.text)
        else:
            if tag == "pre":
                pre -= 1
            if tag in BLOCK and tag not in INVISIBLE:
                add(PARA)
            elif not el.tail and el is not root and isinstance(el.getnext(), etree.ElementBase):
                add(JOIN)
            if el.tail and el is not root:
                add(el.tail.replace("\n", LINE) if pre else el.tail)
    return layout("".join(parts))



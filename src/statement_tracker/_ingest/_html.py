"""The lxml boundary of HTML extraction: the only module that imports lxml.

One configured parser (no network, no huge trees, comments and processing
instructions removed; the HTML parser never expands internal DTD entities),
precompiled XPath, and an iterative tree walk so that deep nesting cannot
exhaust the Python stack.  Block elements become paragraph breaks and ``<br>``
a line break, so words from adjacent elements never fuse; inline elements keep
the page's own spacing.

Here are parsing (:func:`parse`), the XPath queries, the publisher-rule engine
(:func:`choose_rule`, :func:`rule_value`, :func:`rule_body`; rules are in
:mod:`statement_tracker._ingest._publishers`), the generic article finder
(:func:`generic_body`: ``article``/``main``/``articleBody`` containers rich in
paragraph text and poor in links) and rendering (:func:`render_text`).
:mod:`._html_extract` puts them together in ``extract_html`` and chooses the
title and date; it handles the elements this module returns (typed
:data:`Element`) but never imports lxml.  The pure parts live in
``_html_text``, ``_publishers``, ``_dates`` and ``_decode``.

>>> root = parse("<html><body><p>One <b>two</b></p><p>Three</p></body></html>", name="x.html")
>>> render_text(root)
'One two\\n\\nThree'
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Sequence
from typing import TypeAlias

import lxml.etree as etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from .._errors import ExtractionError
from ._html_select import simple_selectors, walk_matches
from ._html_text import BLOCK, CELL, INVISIBLE, JOIN, LINE, PARA, layout, squash, squashed_len
from ._publishers import Rule, Selector, css_to_xpath, rule_for

__all__ = [
    "X_ANCESTOR_ARTICLE",
    "X_CANONICAL",
    "X_DATE_NODES",
    "X_H1",
    "X_HEADINGS",
    "X_HEAD_CANONICAL",
    "X_HEAD_SITE_NAME",
    "X_JSONLD",
    "X_LANG",
    "X_META_DATE",
    "X_META_TITLE",
    "X_SITE_NAME",
    "X_TIME",
    "X_TITLE",
    "Element",
    "check_xpath",
    "choose_rule",
    "generic_body",
    "parse",
    "render_text",
    "rule_body",
    "rule_value",
    "strip_generic_chrome",
]

#: An HTML element as this module returns it (``lxml.html.HtmlElement``; other modules
#: take and pass it on, and may call its methods, without importing lxml).
Element: TypeAlias = lxml.html.HtmlElement

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


def check_xpath(expr: str) -> str | None:
    """Return why ``expr`` is not a usable XPath expression, or ``None`` if it is.

    The expression is compiled and evaluated on an empty page, so unknown
    functions and variables are found as well as syntax errors.

    >>> check_xpath("//*["), check_xpath("//p")
    ('invalid XPath: Invalid expression', None)
    >>> check_xpath("//my = main")
    'XPath gives a bool, not elements or attribute values'
    """
    try:
        result = _compiled(expr)(etree.fromstring("<html/>"))
    except etree.XPathError as exc:
        return f"invalid XPath: {exc}"
    if not isinstance(result, list):  # "//a = b" is a boolean, "count(//p)" a number
        return f"XPath gives a {type(result).__name__}, not elements or attribute values"
    return None


X_CANONICAL = etree.XPath(
    "//link[@rel='canonical']/@href | //meta[@property='og:url']/@content", smart_strings=False
)
X_SITE_NAME = etree.XPath(
    "//meta[@property='og:site_name']/@content | //meta[@name='application-name']/@content",
    smart_strings=False,
)
# The same in the page's <head> only (see _html_extract: the head is searched first).
X_HEAD_CANONICAL = etree.XPath(
    "/html/head//link[@rel='canonical']/@href | /html/head//meta[@property='og:url']/@content",
    smart_strings=False,
)
X_HEAD_SITE_NAME = etree.XPath(
    "/html/head//meta[@property='og:site_name']/@content"
    " | /html/head//meta[@name='application-name']/@content",
    smart_strings=False,
)
X_LANG = etree.XPath("/html/@lang | /html/@xml:lang", smart_strings=False)
X_JSONLD = etree.XPath("//script[@type='application/ld+json']", smart_strings=False)
X_H1 = etree.XPath("//h1", smart_strings=False)
X_HEADINGS = etree.XPath(".//h1 | .//h2", smart_strings=False)
_X_HEADINGS3 = etree.XPath(".//h1 | .//h2 | .//h3", smart_strings=False)
X_TITLE = etree.XPath("//title", smart_strings=False)
X_META_TITLE = etree.XPath(
    "//meta[@property='og:title']/@content | //meta[@name='twitter:title']/@content",
    smart_strings=False,
)
X_META_DATE = etree.XPath(
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @property='og:published_time' or @itemprop='datePublished'"
    " or @name='date' or @name='DC.date.issued' or @name='dc.date' or @name='DC.date'"
    " or @name='pubdate' or @name='publishdate' or @name='citation_publication_date'"
    " or @name='parsely-pub-date' or @name='sailthru.date']/@content"
    " | //time[@itemprop='datePublished']/@datetime | //time[@pubdate]/@datetime",
    smart_strings=False,
)
X_TIME = etree.XPath(".//time[@datetime]/@datetime", smart_strings=False)
X_DATE_NODES = etree.XPath(
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
X_ANCESTOR_ARTICLE = etree.XPath("ancestor-or-self::article[1]", smart_strings=False)

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
# C0 controls (not tab, LF, CR) to spaces: lxml parses them but refuses them when a
# dropped element's tail is joined to its neighbour's (ValueError, issue 20)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROLS_TO_SPACE = bytes.maketrans(
    bytes([*range(0, 9), 11, 12, *range(14, 32)]), b" " * 29
)


def parse(html: str | bytes, *, name: str) -> Element:
    """Parse a page (text or UTF-8 bytes) with the configured parser; its root element."""
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if not data.strip():
        raise ExtractionError(name, "empty HTML document")
    # An internal DTD subset (entity declarations: bombs, external entities) has no
    # business in a web page; the HTML parser would show part of it as text.
    start = data[:1024].lower().find(b"<!doctype")
    end = data.find(b">", start) if start >= 0 else -1
    if start >= 0 and b"[" in data[start : end if end >= 0 else None]:
        data = _INTERNAL_SUBSET.sub(b"<!DOCTYPE html>", data[:65536], count=1) + data[65536:]
    if _CONTROL.search(data):  # no copy of a big page that has none
        data = data.translate(_CONTROLS_TO_SPACE)
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


def choose_rule(root: Element, rules: Sequence[Rule], url: str | None) -> Rule | None:
    """The rule for the page's URL, else the first rule whose ``detect`` selectors match."""
    rule = rule_for(rules, url=url)
    if rule is not None:
        return rule
    for candidate in rules:
        if any(_xp(s.xpath)(root) for s in candidate.detect):
            return candidate
    return None


def _selected(root: Element, selector: Selector) -> list[str]:
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


def rule_value(root: Element, selectors: Iterable[Selector]) -> str | None:
    """The first non-empty value (text or attribute, spaces squashed) the selectors give."""
    for selector in selectors:
        values = _selected(root, selector)
        if values:
            return values[0]
    return None


def rule_body(root: Element, rule: Rule) -> tuple[Element, str] | None:
    """The article text by a rule: every element its body selectors match, in page order.

    The body selectors are a union, not fallbacks: a lead paragraph outside the main
    container is kept with it.  An element inside another matched element is read
    with it, once; a paragraph that repeats one of an earlier part is left out.  When the
    union has no text, the first ``fallback`` element with text is the body.  Returns
    the first element read (for date look-ups) and the text, or ``None``.

    >>> from ._publishers import Rule
    >>> page = parse('<div class="lead">Lead.</div><div class="body"><p>Body.</p></div>', name="x")
    >>> print(rule_body(page, Rule.from_dict({"name": "x", "body": [".body", ".lead"]}))[1])
    Lead.
    <BLANKLINE>
    Body.
    """
    found = _union(root, rule.body)
    chosen = set(found)
    # in page order (an XPath union comes in document order): no walk of the whole tree
    outer = [el for el in found if not any(a in chosen for a in el.iterancestors())]
    parts: list[str] = []
    seen: set[str] = set()  # paragraphs of the parts before
    first: Element | None = None
    for item in outer:
        _drop(item, _union(item, rule.drop, walk=True))
        paragraphs = [p for p in render_text(item).split("\n\n") if p and p not in seen]
        if paragraphs:
            parts.append("\n\n".join(paragraphs))
            seen.update(paragraphs)
            first = item if first is None else first
    if first is not None:
        return first, "\n\n".join(parts)
    for selector in rule.fallback:
        for item in _xp(selector.xpath)(root):
            if not isinstance(item, etree._Element):
                continue
            _drop(item, _union(item, rule.drop, walk=True))
            text = render_text(item)
            if text:
                return item, text
    return None


def _union(context: Element, selectors: Sequence[Selector], *, walk: bool = False) -> list[Element]:
    """The elements any of ``selectors`` finds under ``context``, once each, in page order.

    One XPath union (compiled once per rule) instead of one query per selector: libxml2
    returns a union in document order, which saves sorting by a walk of the whole tree.
    With ``walk``, selectors that only name tags and class names (a rule's drop list) are
    matched in one walk of the subtree instead (faster than XPath over a small subtree).
    """
    if not selectors:
        return []
    simple = simple_selectors(tuple(s.xpath for s in selectors)) if walk else None
    if simple is not None:
        return walk_matches(context, *simple)
    expr = " | ".join(f"({s.xpath})" for s in selectors) if len(selectors) > 1 else None
    if expr is not None and _union_ok(expr):
        items = _xp(expr)(context)
    else:  # a selector that is not a node set (a user's XPath function): one at a time
        seen: set[Element] = set()
        items = []
        for selector in selectors:
            for el in _xp(selector.xpath)(context):
                if isinstance(el, etree._Element) and el not in seen:
                    seen.add(el)
                    items.append(el)
        order = {el: i for i, el in enumerate(context.iter())} if len(items) > 1 else {}
        items.sort(key=lambda el: order.get(el, -1))
    return [el for el in items if isinstance(el, etree._Element)]


@functools.lru_cache(maxsize=256)
def _union_ok(expr: str) -> bool:
    """Whether the union ``expr`` of selectors compiles and evaluates to a node set."""
    try:
        result = _compiled(expr)(etree.fromstring("<html/>"))
    except etree.XPathError:
        return False
    return isinstance(result, list)


def _drop(body: Element, elements: Iterable[object]) -> None:
    for el in list(elements):
        if isinstance(el, lxml.html.HtmlElement) and el is not body and el.getparent() is not None:
            el.drop_tree()


def strip_generic_chrome(body: Element, title: str | None, rule: Rule | None) -> str:
    """Drop from a body found by :func:`generic_body` the headline repeated at its top,
    chrome (by element, attribute, class name or link density) and the rule's drops;
    return the text that is left."""
    if title:  # the headline repeated at the top of the article
        _drop(body, (h for h in _X_HEADINGS3(body) if squash(h.text_content()) == title))
    _drop(body, _GENERIC_DROP(body))
    _drop(body, _chrome_elements(body))
    for selector in rule.drop if rule else ():
        _drop(body, _xp(selector.xpath)(body))
    return render_text(body)


# --- generic article finder ---------------------------------------------------------------


def _text_len(el: Element) -> int:
    return squashed_len(el.text_content())


def _link_density(el: Element, total: int) -> float:
    if total == 0:
        return 1.0
    linked = sum(_text_len(a) for a in _X_LINKS(el))
    return min(1.0, linked / total)


def generic_body(root: Element) -> Element | None:
    scores: dict[Element, float] = {}
    for p in _X_CANDIDATES(root):
        if _inside_invisible(p):
            continue
        text = p.text_content()
        size = squashed_len(text)
        if size < 25:
            continue
        score = 1.0 + text.count(",") + text.count("，") + min(size / 100.0, 3.0)
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + score / 2.0
    hints = set(_X_HINTS(root))
    best: Element | None = None
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


def _inside_invisible(el: Element) -> bool:
    return any(a.tag in INVISIBLE or a.tag == "nav" for a in el.iterancestors())


def _names(el: Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _chrome_elements(body: Element) -> list[Element]:
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


def render_text(root: Element) -> str:
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

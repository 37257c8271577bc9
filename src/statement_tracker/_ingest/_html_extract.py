"""HTML pages to article text, title and date: :func:`extract_html`.

The tree comes from :mod:`._html` (the only module that imports lxml: parser,
XPath queries, publisher rules, the generic article finder, rendering); this
module puts those together and chooses the page's title, date, URL, publisher
and language.  It handles the elements ``_html`` returns but does not import
lxml.

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
import json
import re
from collections.abc import Sequence

import attrs

from .._errors import ExtractionError
from ._dates import find_date_line, parse_date
from ._html import (
    X_ANCESTOR_ARTICLE,
    X_CANONICAL,
    X_DATE_NODES,
    X_H1,
    X_HEAD_CANONICAL,
    X_HEAD_SITE_NAME,
    X_HEADINGS,
    X_JSONLD,
    X_LANG,
    X_META_DATE,
    X_META_TITLE,
    X_SITE_NAME,
    X_TIME,
    X_TITLE,
    Element,
    choose_rule,
    generic_body,
    parse,
    render_text,
    rule_body,
    rule_value,
    strip_generic_chrome,
)
from ._html_text import first_absolute_url, first_text, squash, strip_site
from ._publishers import Rule, host_of

__all__ = ["Extracted", "extract_html"]


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
    root = parse(html, name=name)
    page_url = url or _canonical_url(root)
    rule = choose_rule(root, rules, page_url)
    site = _site_name(root)
    title = rule_value(root, rule.title) if rule else None
    title = squash(title) if title else None
    if rule is not None and title is None:
        title = _generic_title(root, site, None)
    date = parse_date(rule_value(root, rule.date)) if rule else None
    if date is None:
        date = _meta_date(root)

    found = rule_body(root, rule) if rule else None
    if found is not None:
        body, text = found
        method = f"rule:{rule.name}" if rule else "generic"
        if date is None:
            date = _time_date(body)
    else:
        method = "generic"
        generic = generic_body(root)
        if generic is None:
            raise ExtractionError(name, "no article text found (generic extraction)")
        body = generic
        if title is None:
            title = _generic_title(root, site, _leading_heading(body))
        if date is None:
            date = _time_date(body)
        text = strip_generic_chrome(body, title, rule)
        if not text:
            raise ExtractionError(name, "no article text found (generic extraction)")
    if date is None:
        date = _visible_date(root, body)
    publisher = None
    if rule is not None:
        publisher = rule.publisher or host_of(page_url) or rule.name
    elif page_url:
        publisher = host_of(page_url)
    lang = first_text(X_LANG(root))
    return Extracted(
        text=text,
        title=title,
        date=date,
        url=page_url,
        publisher=publisher,
        language=lang[:2].lower() if lang and lang[:2].isalpha() else None,
        method=method,
    )


# --- metadata ----------------------------------------------------------------------------


def _canonical_url(root: Element) -> str | None:
    """The page's first absolute canonical URL (``<link rel=canonical>``, ``og:url``).

    The head is searched first: its elements all come before the body in page order, so
    the first value found there is the first of the page, and the whole page is searched
    only when the head has none (two walks of a small head instead of two of the tree).
    """
    return first_absolute_url(X_HEAD_CANONICAL(root)) or first_absolute_url(X_CANONICAL(root))


def _site_name(root: Element) -> str | None:
    """The page's first site name (``og:site_name``, ``application-name``), head first."""
    return first_text(X_HEAD_SITE_NAME(root)) or first_text(X_SITE_NAME(root))


def _leading_heading(body: Element) -> str | None:
    """The heading that opens the article: the first ``h1``-``h3`` before any paragraph,
    in the body or the closest of its three nearest ancestors that has one."""
    scope: Element | None = body
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
    root: Element, site_name: str | None, heading: str | None
) -> str | None:
    h1s = [t for t in (squash(h.text_content()) for h in X_H1(root)) if t]
    h1 = h1s[0] if len(h1s) == 1 else None
    meta = first_text(X_META_TITLE(root)) or _jsonld_value(root, "headline")
    if meta:
        return strip_site(meta, site_name, h1)
    if h1:
        return h1
    if heading:
        return heading
    title = first_text(t.text_content() for t in X_TITLE(root))
    if title:
        return strip_site(title, site_name, h1s[0] if h1s else None)
    return h1s[0] if h1s else None


def _jsonld_value(root: Element, key: str) -> str | None:
    for script in X_JSONLD(root):
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


def _meta_date(root: Element) -> _dt.date | None:
    for value in X_META_DATE(root):
        found = parse_date(value) if isinstance(value, str) else None
        if found is not None:
            return found
    return parse_date(_jsonld_value(root, "datePublished"))


def _time_date(body: Element) -> _dt.date | None:
    article = X_ANCESTOR_ARTICLE(body)
    for value in X_TIME(article[0] if article else body):
        found = parse_date(value) if isinstance(value, str) else None
        if found is not None:
            return found
    return None


def _visible_date(root: Element, body: Element) -> _dt.date | None:
    lines = [" ".join(el.text_content().split()) for el in X_DATE_NODES(root)[:50]]
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
        if X_HEADINGS(scope):
            lines = re.split(r"\n+", render_text(scope))
            return find_date_line(lines[:12], max_len=80)
    return find_date_line(re.split(r"\n+", render_text(body))[:8])

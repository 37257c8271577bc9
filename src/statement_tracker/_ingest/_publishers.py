"""Publisher rules as data: which part of a site's pages is the article.

A rule is a handful of selectors read from a TOML file (see
``docs/publishers.md``).  Selectors are a small CSS subset (``tag``, ``.class``,
``#id``, ``[attr]``, ``[attr=value]``, ``[attr*=value]``, ``[attr^=value]``,
``[attr~=value]``, descendant and ``>`` combinators, ``,`` groups) with an
optional ``::attr(name)`` suffix for metadata, or raw XPath when they start with
``/`` or ``(``.  They are compiled to XPath here, as plain strings: this module
does not import lxml.  Rule files are read, and their XPath checked, by
:mod:`._rules`.

>>> css_to_xpath("div.entry-content > p")
"descendant-or-self::div[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]/p"
>>> rule_for(builtin_rules(), url="http://en.kremlin.ru/events/president/news/60672").name
'kremlin.ru'
"""

from __future__ import annotations

import fnmatch
import importlib.resources
import re
import tomllib
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import attrs

from .._errors import UsageError

__all__ = [
    "Rule",
    "Selector",
    "builtin_rules",
    "css_to_xpath",
    "host_of",
    "parse_selector",
    "rule_for",
    "rules_from_toml",
]

_RULE_KEYS = frozenset(
    {"name", "publisher", "hosts", "detect", "body", "fallback", "drop", "title", "date"}
)


@attrs.frozen
class Selector:
    """A compiled selector: an XPath expression and, optionally, an attribute to read.

    >>> parse_selector("time.read__published::attr(datetime)").attribute
    'datetime'
    """

    source: str
    xpath: str
    attribute: str | None = None


@attrs.frozen(kw_only=True)
class Rule:
    """How to read one publisher's pages.

    Attributes:
        name: The rule's name (by convention the host, ``"en.kremlin.ru"``).
        publisher: The publisher name documents get; ``None`` means the page's host
            (or ``name`` when the host is unknown).
        hosts: Host patterns (``fnmatch`` style: ``"*.kremlin.ru"``) the rule applies to.
        detect: Selectors that identify the site's pages when the URL is unknown.
        body: Selectors for the article's text: their union, read in page order
            (a lead outside the main container, then the body), each text once.
        fallback: Selectors tried in order when the body selectors find no text
            (a headline-only news item).
        drop: Selectors for elements removed from the body (chrome inside the article).
        title: Selectors for the title, tried in order.
        date: Selectors for the publication date, tried in order.
        origin: The file the rule came from (``"<builtin>"`` for built-in rules).

    >>> r = Rule.from_dict({"name": "x.org", "hosts": ["x.org"], "body": ["main"]})
    >>> r.body[0].xpath
    'descendant-or-self::main'
    """

    name: str
    publisher: str | None = None
    hosts: tuple[str, ...] = ()
    detect: tuple[Selector, ...] = ()
    body: tuple[Selector, ...] = ()
    fallback: tuple[Selector, ...] = ()
    drop: tuple[Selector, ...] = ()
    title: tuple[Selector, ...] = ()
    date: tuple[Selector, ...] = ()
    origin: str = "<builtin>"

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, origin: str = "<builtin>") -> Rule:
        """Build a rule from one ``[[rule]]`` table of a rules file.

        >>> Rule.from_dict({"name": "a", "body": ["article"], "colour": 1})
        Traceback (most recent call last):
        ...
        statement_tracker._errors.UsageError: <builtin>: rule 'a': unknown key 'colour'
        """
        name = data.get("name")
        if not isinstance(name, str) or not name:
            raise UsageError(origin, "every rule needs a 'name' string")
        unknown = sorted(set(data) - _RULE_KEYS)
        if unknown:
            raise UsageError(origin, f"rule {name!r}: unknown key {unknown[0]!r}")

        def strings(key: str) -> tuple[str, ...]:
            value = data.get(key, [])
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError(origin, f"rule {name!r}: {key!r} must be a list of strings")
            return tuple(value)

        def selectors(key: str) -> tuple[Selector, ...]:
            try:
                return tuple(parse_selector(s) for s in strings(key))
            except ValueError as exc:
                raise UsageError(origin, f"rule {name!r}: {key}: {exc}") from exc

        hosts = tuple(h.lower() for h in strings("hosts"))
        body = selectors("body")
        if not body:
            raise UsageError(origin, f"rule {name!r}: 'body' needs at least one selector")
        publisher = data.get("publisher")
        if publisher is not None and not isinstance(publisher, str):
            raise UsageError(origin, f"rule {name!r}: 'publisher' must be a string")
        return cls(
            name=name,
            publisher=publisher,
            hosts=hosts,
            detect=selectors("detect"),
            body=body,
            fallback=selectors("fallback"),
            drop=selectors("drop"),
            title=selectors("title"),
            date=selectors("date"),
            origin=origin,
        )

    def matches_host(self, host: str | None) -> bool:
        """Return whether the rule applies to pages from ``host``.

        >>> builtin_rules()[0].matches_host("en.kremlin.ru")
        True
        """
        if not host:
            return False
        host = host.lower()
        bare = host[4:] if host.startswith("www.") else host
        return any(
            fnmatch.fnmatchcase(host, pattern) or fnmatch.fnmatchcase(bare, pattern)
            for pattern in self.hosts
        )


# --- selectors ---------------------------------------------------------------------------

_ATTR_SUFFIX = re.compile(r"::attr\(\s*([\w:.-]+)\s*\)\s*$")
_TOKEN = re.compile(
    r"""\s*(?P<comb>>)\s*"""
    r"""|(?P<ws>\s+)"""
    r"""|(?P<tag>\*|[A-Za-z][\w-]*)"""
    r"""|\.(?P<cls>[\w-]+)"""
    r"""|\#(?P<id>[\w-]+)"""
    r"""|\[\s*(?P<attr>[\w:.-]+)\s*(?:(?P<op>[~*^$|]?=)\s*"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\]\s]+))\s*)?\]"""
)


def _quote(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    parts = value.split("'")
    return "concat(" + ', "\'", '.join(f"'{p}'" for p in parts) + ")"


def _attr_test(attr: str, op: str | None, value: str | None) -> str:
    a = f"@{attr}"
    if op is None or value is None:
        return a
    v = _quote(value)
    if op == "=":
        return f"{a}={v}"
    if op == "*=":
        return f"contains({a}, {v})"
    if op == "^=":
        return f"starts-with({a}, {v})"
    if op == "$=":
        return f"substring({a}, string-length({a}) - string-length({v}) + 1)={v}"
    if op == "~=":
        return f"contains(concat(' ', normalize-space({a}), ' '), {_quote(' ' + value + ' ')})"
    # |=
    return f"({a}={v} or starts-with({a}, {_quote(value + '-')}))"


def _compile_group(group: str) -> str:
    steps: list[str] = []
    axis = "descendant-or-self::"
    tag: str | None = None
    tests: list[str] = []
    pos = 0
    group = group.strip()

    def flush() -> None:
        nonlocal tag, tests
        if tag is None and not tests:
            raise ValueError(f"empty step in selector {group!r}")
        step = tag or "*"
        step += "".join(f"[{t}]" for t in tests)
        steps.append(axis + step)
        tag, tests = None, []

    while pos < len(group):
        m = _TOKEN.match(group, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"cannot parse selector {group!r} at {group[pos:]!r}")
        pos = m.end()
        if m.group("comb") or m.group("ws"):
            flush()
            axis = "/" if m.group("comb") else "//"
        elif m.group("tag"):
            if tag is not None or tests:
                raise ValueError(f"tag name in the middle of a step in {group!r}")
            tag = m.group("tag").lower()
        elif m.group("cls"):
            tests.append(
                "contains(concat(' ', normalize-space(@class), ' '), "
                f"{_quote(' ' + m.group('cls') + ' ')})"
            )
        elif m.group("id"):
            tests.append(f"@id={_quote(m.group('id'))}")
        else:
            value = m.group("dq")
            if value is None:
                value = m.group("sq")
            if value is None:
                value = m.group("bare")
            tests.append(_attr_test(m.group("attr"), m.group("op"), value))
    flush()
    first, rest = steps[0], steps[1:]
    return first + "".join(s if s.startswith("/") else "/" + s for s in rest)


def css_to_xpath(selector: str) -> str:
    """Compile a CSS-subset selector to an XPath expression.

    >>> css_to_xpath("#main article, p")
    "descendant-or-self::*[@id='main']//article | descendant-or-self::p"
    >>> css_to_xpath("p:first-child")
    Traceback (most recent call last):
    ...
    ValueError: cannot parse selector 'p:first-child' at ':first-child'
    """
    groups = [g for g in selector.split(",") if g.strip()]
    if not groups:
        raise ValueError("empty selector")
    return " | ".join(_compile_group(g) for g in groups)


def parse_selector(source: str) -> Selector:
    """Parse a selector string (CSS subset or XPath, with an optional ``::attr(name)``).

    >>> parse_selector("//meta[@property='og:title']/@content").xpath
    "//meta[@property='og:title']/@content"
    >>> parse_selector("meta[property='og:title']::attr(content)").attribute
    'content'
    """
    text = source.strip()
    attribute = None
    m = _ATTR_SUFFIX.search(text)
    if m:
        attribute = m.group(1)
        text = text[: m.start()].strip()
    if not text:
        raise ValueError(f"empty selector {source!r}")
    xpath = text if text.startswith(("/", "(", "./")) else css_to_xpath(text)
    return Selector(source=source, xpath=xpath, attribute=attribute)


# --- loading and choosing rules --------------------------------------------------------


def rules_from_toml(data: dict[str, Any], *, origin: str) -> tuple[Rule, ...]:
    """Build the rules of the ``[[rule]]`` tables of a parsed rules file."""
    tables = data.get("rule")
    if not isinstance(tables, list) or not tables:
        raise UsageError(origin, "a rules file needs at least one [[rule]] table")
    return tuple(Rule.from_dict(t, origin=origin) for t in tables)


_BUILTIN: tuple[Rule, ...] | None = None


def builtin_rules() -> tuple[Rule, ...]:
    """Return the rules shipped in ``statement_tracker/_ingest/publishers/*.toml``.

    >>> "kremlin.ru" in [r.name for r in builtin_rules()]
    True
    """
    global _BUILTIN
    if _BUILTIN is None:
        found: list[Rule] = []
        folder = importlib.resources.files("statement_tracker._ingest") / "publishers"
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                data = tomllib.loads(entry.read_text(encoding="utf-8"))
                found.extend(rules_from_toml(data, origin=f"<builtin:{entry.name}>"))
        _BUILTIN = tuple(found)
    return _BUILTIN


def host_of(url: str | None) -> str | None:
    """Return the lower-case host of ``url``, or ``None``.

    >>> host_of("https://www.WhiteHouse.gov/briefing-room/"), host_of("not a url")
    ('www.whitehouse.gov', None)
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host or None


def rule_for(rules: Iterable[Rule], *, url: str | None) -> Rule | None:
    """Return the first rule whose host patterns match ``url``'s host.

    >>> rule_for(builtin_rules(), url="https://example.org/") is None
    True
    """
    host = host_of(url)
    if not host:
        return None
    for rule in rules:
        if rule.matches_host(host):
            return rule
    return None

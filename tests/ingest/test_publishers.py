"""Tests for _publishers: rules as data, selectors, choosing a rule, user rules."""

from __future__ import annotations

from pathlib import Path

import lxml.etree as etree
import lxml.html
import pytest

import statement_tracker as st
from statement_tracker import UsageError
from statement_tracker._ingest._publishers import (
    Rule,
    builtin_rules,
    css_to_xpath,
    host_of,
    parse_selector,
    rule_for,
)
from statement_tracker._ingest._rules import load_rules, resolve_rules

DOC = lxml.html.fromstring(
    "<div id='main'><article class='story lead'><p class='a'>one</p>"
    "<p data-x='v w'>two</p></article><span class='story'>three</span></div>"
)


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("p", ["one", "two"]),
        ("article.story", ["onetwo"]),
        (".story", ["onetwo", "three"]),
        ("#main > span", ["three"]),
        ("#main p.a", ["one"]),
        ("[data-x]", ["two"]),
        ("[data-x~=w]", ["two"]),
        ("[data-x^='v ']", ["two"]),
        ('[data-x*="w"]', ["two"]),
        ("p.a, span", ["one", "three"]),
    ],
)
def test_css_subset_selects_like_css(selector: str, expected: list[str]) -> None:
    """Each supported CSS form selects the elements a browser would."""
    found = DOC.xpath(css_to_xpath(selector))
    assert expected == [el.text_content() for el in found]


def test_class_selector_matches_whole_class_names() -> None:
    """``.lead`` does not match ``class="leader"``."""
    doc = lxml.html.fromstring("<div><p class='leader'>x</p><p class='lead'>y</p></div>")
    assert ["y"] == [el.text for el in doc.xpath(css_to_xpath(".lead"))]


@pytest.mark.parametrize("bad", ["p:first-child", "a ~ b", "", "  ,  "])
def test_unsupported_selectors_are_refused(bad: str) -> None:
    """Selectors outside the subset raise ValueError instead of matching nothing."""
    with pytest.raises(ValueError):
        parse_selector(bad)


def test_every_builtin_selector_compiles_in_lxml() -> None:
    """All shipped rules compile to valid XPath."""
    for rule in builtin_rules():
        for sel in (*rule.detect, *rule.body, *rule.drop, *rule.title, *rule.date):
            etree.XPath(sel.xpath)


def test_rule_for_matches_host_patterns() -> None:
    """``*.kremlin.ru`` covers ``en.kremlin.ru``; other hosts get no rule."""
    rules = builtin_rules()
    assert "kremlin.ru" == rule_for(rules, url="http://en.kremlin.ru/events/1").name  # type: ignore[union-attr]
    assert rule_for(rules, url="https://example.org/") is None
    assert rule_for(rules, url=None) is None


def test_host_of_keeps_the_full_host() -> None:
    """The publisher name is the URL's host as written (lower case)."""
    assert ("www.gov.ks.example", None) == (host_of("https://WWW.gov.ks.example/x"), host_of(""))


def test_rule_from_dict_validates() -> None:
    """Missing body, unknown keys and wrong types are UsageErrors naming the rule."""
    with pytest.raises(UsageError, match="'body' needs at least one selector"):
        Rule.from_dict({"name": "x"})
    with pytest.raises(UsageError, match="'drop' must be a list of strings"):
        Rule.from_dict({"name": "x", "body": ["main"], "drop": [1]})
    with pytest.raises(UsageError, match="body: cannot parse selector"):
        Rule.from_dict({"name": "x", "body": ["p:hover"]})


def test_load_rules_reports_bad_toml(tmp_path: Path) -> None:
    """A rules file that is not TOML names the file."""
    bad = tmp_path / "bad.toml"
    bad.write_text("[[rule]\nname=")
    with pytest.raises(UsageError, match=r"bad\.toml: not valid TOML"):
        load_rules(bad)


def test_load_rules_needs_a_rule_table(tmp_path: Path) -> None:
    """A TOML file without ``[[rule]]`` tables is refused."""
    empty = tmp_path / "empty.toml"
    empty.write_text("title = 'x'\n")
    with pytest.raises(UsageError, match="at least one"):
        load_rules(empty)


def test_user_rules_come_before_builtin_ones(tmp_path: Path) -> None:
    """A user's rule for a host overrides the built-in rule for it."""
    mine = tmp_path / "mine.toml"
    mine.write_text('[[rule]]\nname = "my kremlin"\nhosts = ["en.kremlin.ru"]\nbody = ["main"]\n')
    rules = resolve_rules(mine)
    assert "my kremlin" == rule_for(rules, url="http://en.kremlin.ru/x").name  # type: ignore[union-attr]
    assert builtin_rules() == rules[1:]


def test_user_rule_extracts_its_site(tmp_path: Path) -> None:
    """A user rule picks the body, drops chrome and reads title and date from the page."""
    rules = tmp_path / "ministry.toml"
    rules.write_text(
        "[[rule]]\n"
        'name = "mfa.example"\n'
        'publisher = "Ministry of Examples"\n'
        'hosts = ["mfa.example", "*.mfa.example"]\n'
        'body = ["div.statement"]\n'
        'drop = [".tooltip", "p.share"]\n'
        "title = [\"meta[name='headline']::attr(content)\"]\n"
        'date = ["span.when"]\n'
    )
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><link rel="canonical" href="https://www.mfa.example/s/1">'
        '<meta name="headline" content="Statement on talks"></head><body>'
        '<div class="teaser"><p>Other news, much longer than the statement itself, '
        "with many words and commas, to tempt a generic extractor away.</p></div>"
        '<div class="statement"><span class="when">16 May 2024</span>'
        '<p>The Minister met <a>Ana<span class="tooltip">Rusescu Ana, Minister</span></a>'
        ' today.</p><p class="share">Share</p></div></body></html>'
    )
    doc = st.load(page, rules=rules)
    assert (
        "Statement on talks",
        "2024-05-16",
        "Ministry of Examples",
        "16 May 2024\n\nThe Minister met Ana today.",
    ) == (doc.title, doc.date.isoformat() if doc.date else None, doc.publisher, doc.text)


def test_rule_objects_are_accepted() -> None:
    """``rules=`` takes Rule objects as well as files."""
    rule = Rule.from_dict({"name": "r", "hosts": ["r.example"], "body": ["div.b"]})
    doc = st.load_bytes(
        b'<link rel="canonical" href="https://r.example/1"><div class="b"><p>Body.</p></div>'
        b"<div><p>Other text that is longer, with commas, and more words in it.</p></div>",
        name="r.html",
        rules=[rule],
    )
    assert ("Body.", "r.example") == (doc.text, doc.publisher)


def test_body_selectors_are_a_union_in_page_order() -> None:
    """Every element the body selectors match is read, lead first, each text once."""
    rule = Rule.from_dict({"name": "x.org", "hosts": ["x.org"], "body": ["div.body", "div.lead"]})
    page = (
        "<html><body><div class='lead'><p>The lead.</p></div>"
        "<div class='body'><p>The body.</p><div class='lead'><p>The lead.</p></div></div>"
        "</body></html>"
    )
    doc = st.load_bytes(page.encode(), name="p.html", url="https://x.org/a", rules=[rule])
    assert "The lead.\n\nThe body." == doc.text


def test_fallback_is_read_only_when_the_body_is_empty() -> None:
    """A headline-only page takes its text from the fallback selectors."""
    rule = Rule.from_dict(
        {"name": "x.org", "hosts": ["x.org"], "body": ["div.body"], "fallback": ["h1"]}
    )
    page = "<html><body><h1>Only a headline</h1><div class='body'></div></body></html>"
    doc = st.load_bytes(page.encode(), name="p.html", url="https://x.org/a", rules=[rule])
    assert "Only a headline" == doc.text


def test_kremlin_lead_is_kept_before_the_body(shared_corpus: Path) -> None:
    """On a real en.kremlin.ru page the lead paragraph opens the text."""
    page = shared_corpus / "kremlin" / "html" / "2016-03-28_51579.html"
    lead = lxml.html.parse(str(page)).xpath("//div[contains(@class, 'read__lead')]")[0]
    doc = st.load(page)
    assert " ".join(doc.text.split()).startswith(" ".join(lead.text_content().split()))

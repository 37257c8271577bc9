"""Tests for _html_select: tag and class selectors matched in one walk, as XPath matches them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from statement_tracker._ingest._html import _union, parse
from statement_tracker._ingest._html_select import simple_selectors
from statement_tracker._ingest._publishers import Rule, builtin_rules, parse_selector

_CLASSES = ("media", "slider", "read__tooltip", "x-media", "media2", "MEDIA")
_TAGS = ("div", "span", "figure", "p", "a")


@st.composite
def classed_pages(draw: st.DrawFn, depth: int = 3) -> str:
    """Nested elements with class attributes: several names, odd white space, near misses."""
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        tag = draw(st.sampled_from(_TAGS))
        names = draw(st.lists(st.sampled_from(_CLASSES), max_size=3))
        sep = draw(st.sampled_from((" ", "  ", "\t", "\n", "\xa0")))
        attr = f' class="{sep.join(names)}"' if names or draw(st.booleans()) else ""
        inner = draw(classed_pages(depth - 1)) if depth > 0 else "x"
        parts.append(f"<{tag}{attr}>{inner}</{tag}>")
    return "".join(parts)


DROP = tuple(parse_selector(s) for s in (".media", ".slider", "span.read__tooltip", "figure"))


@given(classed_pages())
def test_walk_finds_what_xpath_finds(body: str) -> None:
    """The one-walk matcher and the XPath union give the same elements in the same order."""
    root = parse(f"<html><body><div id='a'>{body}</div></body></html>", name="x")
    context = root.find(".//div[@id='a']")
    assert _union(context, DROP, walk=False) == _union(context, DROP, walk=True)


def test_kremlin_drop_list_is_simple() -> None:
    """The built-in Kremlin rule's drop list is matched by the walk, not by XPath."""
    rule = next(r for r in builtin_rules() if r.name == "kremlin.ru")
    assert simple_selectors(tuple(s.xpath for s in rule.drop)) is not None


def test_other_selectors_use_xpath() -> None:
    """A selector with a descendant step or an attribute test falls back to XPath."""
    assert simple_selectors((parse_selector("div .media").xpath,)) is None
    assert simple_selectors((parse_selector("[hidden]").xpath,)) is None
    root = parse("<div><p class='a'><b hidden>x</b></p></div>", name="x")
    found = _union(root, (parse_selector("p b"), parse_selector("[hidden]")), walk=True)
    assert ["b"] == [el.tag for el in found]


def test_body_union_in_page_order() -> None:
    """Body selectors give their elements in page order, whatever the selector order."""
    rule = Rule.from_dict({"name": "x", "body": [".second", ".first"]})
    root = parse("<div class='first'>A</div><div class='second'>B</div>", name="x")
    assert ["first", "second"] == [el.get("class") for el in _union(root, rule.body)]

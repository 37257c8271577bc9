"""Selectors matched without XPath: tags and class names, in one walk of a subtree.

A publisher rule's drop list (``.read__tooltip``, ``.masha-ignore``, ``figure`` …)
is a dozen selectors that each name a tag or a class.  One XPath query per selector
walks the article a dozen times; matching them all in one walk of the article's
elements is several times faster.  :mod:`._html` uses this for the selectors
:func:`simple_selectors` recognises and XPath for the others; this module handles the
elements it is given without importing lxml.

>>> simple_selectors(("descendant-or-self::figure",
...     "descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' media ')]"))
(frozenset({'figure'}), {'*': frozenset({'media'})})
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["simple_selectors", "walk_matches"]

# What css_to_xpath makes of "tag" and "tag.class" (or ".class").
_SIMPLE_TAG = re.compile(r"descendant-or-self::([A-Za-z][\w-]*)")
_SIMPLE_CLASS = re.compile(
    r"descendant-or-self::(\*|[A-Za-z][\w-]*)"
    r"\[contains\(concat\(' ', normalize-space\(@class\), ' '\), ' ([\w-]+) '\)\]"
)
# The white space normalize-space() splits a class attribute on (XML's, not Unicode's).
_XML_SPACE = re.compile(r"[ \t\r\n]+")


@functools.lru_cache(maxsize=256)
def simple_selectors(
    expressions: tuple[str, ...],
) -> tuple[frozenset[str], dict[str, frozenset[str]]] | None:
    """Tags and ``{tag or "*": class names}`` when every XPath expression selects only by
    tag or by tag and one class name (the usual drop list); ``None`` otherwise.

    >>> simple_selectors(("//p",)) is None
    True
    """
    tags: set[str] = set()
    classes: dict[str, set[str]] = {}
    for expr in expressions:
        for part in expr.split(" | "):
            if m := _SIMPLE_TAG.fullmatch(part):
                tags.add(m.group(1))
            elif m := _SIMPLE_CLASS.fullmatch(part):
                classes.setdefault(m.group(1), set()).add(m.group(2))
            else:
                return None
    return frozenset(tags), {tag: frozenset(names) for tag, names in classes.items()}


def walk_matches(
    context: Any, tags: frozenset[str], classes: dict[str, frozenset[str]]
) -> list[Any]:
    """The elements of ``context`` (itself included) with one of ``tags``, or with one
    of the class names listed for their tag or for ``"*"``, in page order."""
    any_tag = classes.get("*", frozenset())
    found = []
    for el in context.iter():
        tag = el.tag
        if tag in tags:
            found.append(el)
            continue
        names = el.get("class") if isinstance(tag, str) else None
        if names:
            own = classes.get(tag, frozenset())
            if any(n in any_tag or n in own for n in _XML_SPACE.split(names)):
                found.append(el)
    return found

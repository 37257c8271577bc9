"""Publisher-rule files: read safely, parsed, and their XPath checked once.

A rules file is read like a document (a regular file only, its size checked
before reading it, at most :data:`MAX_RULES_BYTES`), parsed as TOML (nesting
too deep for the parser is an error, not a ``RecursionError``), and every
selector is compiled by :mod:`._html` so that a bad XPath fails here, naming
the file and the rule, rather than deep inside extraction.  Every problem is a
:class:`~statement_tracker.UsageError`.

>>> resolve_rules(None) == builtin_rules() == resolve_rules(builtin_rules())
True
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from typing import Any

from .._errors import InputError, UsageError
from ._decode import read_file
from ._html import check_xpath
from ._publishers import Rule, builtin_rules, rules_from_toml

__all__ = ["MAX_RULES_BYTES", "RulesArg", "check_rule", "load_rules", "resolve_rules"]

#: Size limit for a publisher-rules file (bytes).
MAX_RULES_BYTES = 10 * 1024 * 1024

RulesArg = str | os.PathLike[str] | Rule | Iterable[str | os.PathLike[str] | Rule] | None

#: The functions a selector may call: XPath 1.0's own and its node tests.  Any other
#: (XSLT's ``document()``, an extension) would fail only when a page is read, or read
#: another file.
XPATH_FUNCTIONS = frozenset(
    "last position count id local-name namespace-uri name string concat starts-with "
    "contains substring-before substring-after substring string-length normalize-space "
    "translate boolean not true false lang number sum floor ceiling round "
    "node text comment processing-instruction".split()
)
_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_CALL = re.compile(r"([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*\(")


def load_rules(path: str | os.PathLike[str]) -> tuple[Rule, ...]:
    """Read the ``[[rule]]`` tables of a TOML rules file.

    Raises:
        UsageError: Not a regular file, over :data:`MAX_RULES_BYTES` (10 MB),
            unreadable, not UTF-8, not valid TOML, or a bad rule or selector.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mine.toml"
    >>> _ = p.write_text('[[rule]]\\nname = "example.org"\\nbody = ["main"]\\n')
    >>> [r.name for r in load_rules(p)]
    ['example.org']
    """
    name = os.fspath(path)
    try:
        raw = read_file(name, max_bytes=MAX_RULES_BYTES)
    except InputError as exc:
        raise UsageError(name, f"cannot read rules file: {exc.detail}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UsageError(name, f"not valid TOML: not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(name, f"not valid TOML: {exc}") from None
    except RecursionError:
        raise UsageError(name, "not valid TOML: nested too deeply") from None
    rules = rules_from_toml(data, origin=name)
    for rule in rules:
        check_rule(rule)
    return rules


def check_rule(rule: Rule) -> None:
    """Raise :class:`UsageError` if a selector of ``rule`` is not a usable XPath.

    >>> from statement_tracker._ingest._publishers import Rule
    >>> check_rule(Rule.from_dict({"name": "a", "body": ["//*["]}, origin="r.toml"))
    Traceback (most recent call last):
    ...
    statement_tracker._errors.UsageError: r.toml: rule 'a': body '//*[': invalid XPath: ...
    """
    groups = {
        "detect": rule.detect,
        "body": rule.body,
        "fallback": rule.fallback,
        "drop": rule.drop,
        "title": rule.title,
        "date": rule.date,
    }
    for key, selectors in groups.items():
        for selector in selectors:
            problem = _unknown_function(selector.xpath) or check_xpath(selector.xpath)
            if problem is not None:
                detail = f"rule {rule.name!r}: {key} {selector.source!r}: {problem}"
                raise UsageError(rule.origin, detail)


def _unknown_function(expr: str) -> str | None:
    """Why ``expr`` calls a function outside :data:`XPATH_FUNCTIONS`, or ``None``.

    >>> _unknown_function("//p[contains(., 'document(')]") is None
    True
    >>> _unknown_function("//p[document('/etc/passwd')]")
    'invalid XPath: calls document(), not an XPath 1.0 function'
    """
    for name in _CALL.findall(_LITERAL.sub("''", expr)):
        if name not in XPATH_FUNCTIONS:
            return f"invalid XPath: calls {name}(), not an XPath 1.0 function"
    return None


def resolve_rules(rules: RulesArg) -> tuple[Rule, ...]:
    """Return user rules (files or :class:`Rule` objects) followed by the built-in ones.

    User rules come first, so a user rule for a host overrides the built-in one.
    Rules given as objects have their selectors checked like those from files.
    """
    if rules is None:
        return builtin_rules()
    items: Sequence[Any]
    if isinstance(rules, str | os.PathLike | Rule):
        items = [rules]
    else:
        items = list(rules)
    mine: list[Rule] = []
    builtin = set(builtin_rules())
    for item in items:
        if isinstance(item, Rule):
            if item not in builtin:
                check_rule(item)
            mine.append(item)
        else:
            mine.extend(load_rules(item))
    # resolving an already resolved tuple gives it back (no built-in rule twice)
    return tuple(dict.fromkeys((*mine, *builtin_rules())))

"""Tests for reading and checking publisher-rule files (``_ingest/_rules.py``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from statement_tracker import UsageError
from statement_tracker._ingest._publishers import Rule
from statement_tracker._ingest._rules import load_rules, resolve_rules


def _rules_file(tmp_path: Path, body: str) -> Path:
    f = tmp_path / "r.toml"
    f.write_text(f'[[rule]]\nname = "r"\nbody = [{body}]\n', encoding="utf-8")
    return f


def test_invalid_xpath_is_a_usage_error_naming_file_and_rule(tmp_path: Path) -> None:
    """body = ["//*["] raises UsageError naming the file, rule and selector."""
    f = _rules_file(tmp_path, '"//*["')
    with pytest.raises(UsageError, match=r"r\.toml: rule 'r': body '//\*\[': invalid XPath"):
        load_rules(f)


def test_unknown_xpath_function_is_a_usage_error(tmp_path: Path) -> None:
    """An XPath calling an unknown function fails at load time, not during extraction."""
    f = _rules_file(tmp_path, '"//*[nosuch()]"')
    with pytest.raises(UsageError, match="invalid XPath"):
        load_rules(f)


def test_rule_object_with_invalid_xpath_is_refused() -> None:
    """A Rule built in Python with a bad XPath is refused by resolve_rules."""
    rule = Rule.from_dict({"name": "a", "body": ["(//p"]}, origin="<mine>")
    with pytest.raises(UsageError, match="<mine>: rule 'a': body"):
        resolve_rules(rule)


def test_deeply_nested_rules_toml_is_a_usage_error(tmp_path: Path) -> None:
    """A rules file nested 5,000 deep raises UsageError, not RecursionError."""
    f = tmp_path / "deep.toml"
    f.write_text("a = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    with pytest.raises(UsageError, match="nested too deeply"):
        load_rules(f)


def test_device_as_rules_file_is_refused() -> None:
    """/dev/zero as a rules file is refused before reading."""
    with pytest.raises(UsageError, match="/dev/zero: cannot read rules file: not a regular file"):
        load_rules("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_as_rules_file_is_refused(tmp_path: Path) -> None:
    """A FIFO as a rules file is refused without blocking."""
    fifo = tmp_path / "r.fifo"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="not a regular file"):
        load_rules(fifo)


def test_rules_file_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    """A rules file that is not UTF-8 raises UsageError, not UnicodeDecodeError."""
    f = tmp_path / "r.toml"
    f.write_bytes(b'[[rule]]\nname = "\xff"\n')
    with pytest.raises(UsageError, match="not UTF-8"):
        load_rules(f)

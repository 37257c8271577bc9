"""Tests for the vectorised token boundaries (``_token_bounds.py``) against regular expressions."""

from __future__ import annotations

import re

from hypothesis import given

from statement_tracker._track._scan_sets import _TOKEN_ANY, _TOKEN_ASCII
from statement_tracker._track._token_bounds import apostrophe_digit, foreign_tokens, token_bounds
from strategies import token_texts


def _regex_spans(text: str) -> list[tuple[int, int]]:
    pattern = _TOKEN_ASCII if text.isascii() else _TOKEN_ANY
    return [m.span() for m in pattern.finditer(text)]


@given(token_texts())
def test_bounds_are_the_regex_tokens_or_none(text: str) -> None:
    """Where it answers, token_bounds gives exactly the spans of the token regex."""
    bounds = token_bounds(text)
    if bounds is None:
        assert re.search("[\u3400-\u9fff]", text) or apostrophe_digit(text)
        return
    starts, ends = bounds
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == _regex_spans(text)


@given(token_texts())
def test_foreign_tokens_are_the_tokens_beyond_ascii(text: str) -> None:
    """foreign_tokens lists each token with a character beyond ASCII, once."""
    bounds = token_bounds(text)
    if bounds is None:
        return
    expected = {text[a:b] for a, b in _regex_spans(text) if not text[a:b].isascii()}
    assert foreign_tokens(text, bounds) == expected


def test_empty_and_gap_only_texts_have_no_tokens() -> None:
    """No characters, or no word characters: no tokens."""
    for text in ("", " - ", "?!"):
        starts, ends = token_bounds(text)  # type: ignore[misc]
        assert starts.size == ends.size == 0


def test_checked_skips_the_apostrophe_digit_test() -> None:
    """The caller may rule out the apostrophe-digit case itself."""
    assert token_bounds("it's5") is None
    assert token_bounds("it's 5", checked=True) is not None

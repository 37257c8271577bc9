"""Tests for _plaintext: plain text laid out as paragraphs, title lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as hst

from statement_tracker._ingest._plaintext import looks_like_title, plain_paragraphs


def test_one_paragraph_per_line_text() -> None:
    """Long lines without blank lines (UN speeches) are one paragraph each."""
    text = "First paragraph is a long line of speech.\nSecond paragraph, also long.\n"
    assert "First paragraph is a long line of speech.\n\nSecond paragraph, also long." == (
        plain_paragraphs(text)
    )


def test_hard_wrapped_text_without_blank_lines_is_joined() -> None:
    """Lines wrapped at one width with no blank lines are one paragraph."""
    text = "The two sides agreed\nto expand trade and\nenergy cooperation\nsoon."
    assert "The two sides agreed to expand trade and energy cooperation soon." == (
        plain_paragraphs(text)
    )


@given(hst.lists(hst.text(alphabet="abc XY.-\n", min_size=1, max_size=40), max_size=6))
def test_plain_layout_contract(blocks: list[str]) -> None:
    """Plain text always comes out stripped, with no blank-line runs and no empty paragraphs."""
    out = plain_paragraphs("\n\n".join(blocks))
    assert out == out.strip()
    assert "\n\n\n" not in out
    assert all(p.strip() == p and p for p in out.split("\n\n")) or out == ""


def test_blank_line_blocks_join_their_lines() -> None:
    """Blank-line separated blocks are paragraphs; their lines are joined with a space."""
    assert "One two.\n\nThree." == plain_paragraphs("One\ntwo.\n\n\n  Three.  \n")


def test_hyphenated_wrap_keeps_its_line_break() -> None:
    """A word hyphenated before a lower-case line keeps the break for the normaliser."""
    text = plain_paragraphs("coopera-\ntion with U.S.-\nChina talks and Jean-\nMarc")
    assert "coopera-\ntion with U.S.-China talks and Jean-Marc" == text


def test_title_line_rules() -> None:
    """A title is short, one line, not a sentence, and not continued by the next paragraph."""
    assert looks_like_title("Address to the Assembly", "Dear friends,")
    assert not looks_like_title("For China, this has been a year. We", "two major events")
    assert not looks_like_title("Agreed on the following", "points of cooperation")
    assert not looks_like_title("x" * 200, "Next")

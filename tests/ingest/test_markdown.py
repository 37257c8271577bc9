"""Tests for _markdown: front matter and Markdown bodies to plain paragraphs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statement_tracker import InputError
from statement_tracker._ingest._markdown import (
    markdown_to_text,
    parse_front_matter,
    split_front_matter,
)


def test_hard_wrapped_lines_join_into_a_paragraph() -> None:
    """Lines of one paragraph are joined with a space; paragraphs are blank-line separated."""
    md = "The two sides\nagreed to meet.\n\nThey will\nmeet again."
    assert "The two sides agreed to meet.\n\nThey will meet again." == markdown_to_text(md)


def test_escapes_are_unescaped() -> None:
    """Backslash escapes show the character, not the backslash."""
    assert "1. Both * sides [said] #1" == markdown_to_text(r"1\. Both \* sides \[said\] \#1")


@pytest.mark.parametrize("sign_off", ["\\###", "###", "# # #", "-30-", "- 30 -", "END"])
def test_sign_off_lines_are_removed(sign_off: str) -> None:
    """Sign-off lines at the end of a release do not reach the text."""
    assert "Both sides agreed." == markdown_to_text(f"Both sides agreed.\n\n{sign_off}\n")


def test_links_keep_their_text_only() -> None:
    """``[text](url)``, even wrapped over lines or with parentheses in the URL, gives the text."""
    md = 'See the [joint\nstatement](https://x.example/a_(b)) and [this](/c "title").'
    assert "See the joint statement and this." == markdown_to_text(md)


def test_link_with_unbalanced_parenthesis_in_url() -> None:
    """A URL with an unbalanced ``(`` still leaves only the link text."""
    md = "[Mike Spier](https://x.example/#:~:text=Wheat%20(USW,wheat.):\nquote"
    assert "Mike Spier: quote" == markdown_to_text(md)


def test_images_and_html_tags_are_dropped() -> None:
    """Images and inline HTML disappear; autolinks keep their address."""
    md = 'Text ![photo](a.jpg) <span style="x">kept</span> <img\nsrc="b.png" /> <https://x.example>'
    assert "Text kept https://x.example" == " ".join(markdown_to_text(md).split())


def test_emphasis_markers_are_removed_but_not_arithmetic() -> None:
    """``**bold**``, ``*it*`` and ``_it_`` lose their markers; ``5 * 3`` and snake_case stay."""
    assert "bold and it, 5 * 3, snake_case" == markdown_to_text(
        "**bold** and *it*, 5 * 3, snake_case"
    )


def test_list_items_and_headings_are_paragraphs() -> None:
    """Each list item and heading is its own paragraph; bullets go, numbers stay."""
    md = "## Results\nIntro:\n\n-   first item\n    continued\n-   second\n\n1.  one\n2.  two"
    assert "Results\n\nIntro:\n\nfirst item continued\n\nsecond\n\n1. one\n\n2. two" == (
        markdown_to_text(md)
    )


def test_number_at_line_start_does_not_split_paragraph() -> None:
    """A wrapped line starting "2020." continues its paragraph (only "1." interrupts)."""
    assert "in the spring of 2020. Further" == markdown_to_text("in the spring of\n2020. Further")


def test_hard_break_and_nbsp_lines() -> None:
    """Two trailing spaces make a line break; a line of only no-break spaces ends a paragraph."""
    md = "Thank you.  \nGoodbye.\n\u00a0\nNext."
    assert "Thank you.\nGoodbye.\n\nNext." == markdown_to_text(md)


def test_front_matter_double_quoted_with_unicode_escapes() -> None:
    """Double-quoted values decode ``\\u`` escapes (surrogate pairs too)."""
    meta = parse_front_matter('title: "Isn\\u2019t \\U0001F600 \\ud83d\\ude00 \\"q\\""')
    assert 'Isn’t 😀 😀 "q"' == meta["title"]


def test_front_matter_folded_continuation_lines() -> None:
    """Quoted and plain values continued on indented lines are folded with a space."""
    meta = parse_front_matter("title: 'Memo: Every\n  Year'\nplain: one\n  two\ndate: 2024-05-16")
    assert ("Memo: Every Year", "one two", "2024-05-16") == (
        meta["title"],
        meta["plain"],
        meta["date"],
    )


def test_front_matter_lists_block_scalars_and_nested_maps() -> None:
    """Lists become tuples, ``|`` keeps lines, nested mappings are skipped."""
    meta = parse_front_matter(
        "tags: [a, b]\nitems:\n  - x\n  - 'y'\nnote: |\n  l1\n  l2\nnested:\n  k: v\n"
    )
    assert (("a", "b"), ("x", "y"), "l1\nl2", None) == (
        meta["tags"],
        meta["items"],
        meta["note"],
        meta["nested"],
    )


def test_front_matter_unclosed_quote_names_line() -> None:
    """An unclosed quote is an InputError with the file and line."""
    with pytest.raises(InputError, match=r"^r\.md:2: unclosed single-quoted string$"):
        parse_front_matter("date: x\ntitle: 'oops", name="r.md")


def test_split_front_matter_needs_closing_delimiter() -> None:
    """Without a closing ``---`` the document has no front matter."""
    assert ({}, "---\ntitle: x\nbody") == split_front_matter("---\ntitle: x\nbody")


@given(st.lists(st.text(alphabet="abc XYZ.,", min_size=1, max_size=30), min_size=1, max_size=6))
def test_plain_paragraphs_survive(paragraphs: list[str]) -> None:
    """Text without Markdown syntax comes out as its paragraphs, stripped."""
    expected = [p.strip() for p in paragraphs if p.strip()]
    assert "\n\n".join(expected) == markdown_to_text("\n\n".join(paragraphs))


def test_whitehouse_sample(shared_corpus: Path) -> None:
    """The first 200 White House releases: titles from front matter, no Markdown left over."""
    with gzip.open(
        shared_corpus / "whitehouse" / "briefings.jsonl.gz", "rt", encoding="utf-8"
    ) as f:
        records = [json.loads(line) for _, line in zip(range(200), f, strict=False)]
    for record in records:
        assert parse_front_matter(record["front_matter"])["title"]
        text = markdown_to_text(record["text"])
        assert "](" not in text and "\\#" not in text and "\n\n###" not in text

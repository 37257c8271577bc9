"""Tests for term keys: spelling variants, inflection, CJK and negation signatures."""

from __future__ import annotations

import pytest

from statement_tracker._text._fold import negation_signature, split_terms, term_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("organisation", "organization"),
        ("neighbour", "neighbor"),
        ("neighbourly", "neighborly"),
        ("centre", "center"),
        ("defence", "defense"),
        ("recognised", "recognized"),
        ("partner", "partners"),
        ("interaction", "interactions"),
        ("policy", "policies"),
        ("границы", "границ"),
    ],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    """Spelling and inflection variants fold to the same key."""
    assert term_key(a) == term_key(b)


@pytest.mark.parametrize(("a", "b"), [("era", "year"), ("union", "commission"), ("new", "news")])
def test_different_words_keep_different_keys(a: str, b: str) -> None:
    """Different words do not collide."""
    assert term_key(a) != term_key(b)


def test_short_words_and_acronyms_are_unchanged() -> None:
    """Words of three letters or fewer (acronyms) are their own keys."""
    assert ["sco", "us", "its"] == [term_key(t) for t in ("sco", "us", "its")]


def test_split_terms_rejoins_to_the_text() -> None:
    """The parts of split_terms() join back to the input."""
    text = "u.s.-china's “talks”, 中美关系 — не имеет границ"
    assert text == "".join(split_terms(text))


def test_chinese_characters_are_separate_tokens() -> None:
    """Each CJK character is a token."""
    assert ["中", "美", "x"] == split_terms("中美x")[1::2]


def test_negation_signature_counts_glued_non() -> None:
    """'noninterference' carries the same negation as 'non interference'."""
    assert negation_signature(["non", "interference"]) == negation_signature(["noninterference"])


def test_accents_are_folded_in_latin_words() -> None:
    """'communiqués' and 'communiques' share a key; Cyrillic keeps its letters."""
    assert (term_key("communiques"), "границ") == (term_key("communiqués"), term_key("границы"))

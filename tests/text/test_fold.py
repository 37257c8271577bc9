"""Tests for term keys: spelling variants, inflection, CJK and negation signatures."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from statement_tracker import Document, track
from statement_tracker._text._fold import negation_signature, split_terms, stem_prefix, term_key


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
        ("hegemonism", "hegemonisms"),
        ("nationalism", "nationalisms"),
    ],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    """Spelling and inflection variants fold to the same key."""
    assert term_key(a) == term_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("era", "year"),
        ("union", "commission"),
        ("new", "news"),
        ("hegemonism", "hegemonic"),
        ("nationalism", "national"),
        ("nationalism", "nation"),
        ("regionalism", "region"),
        ("globalism", "global"),
        ("socialism", "social"),
        ("multilateralism", "multilateral"),
    ],
)
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


# -- stem_prefix: the exact pre-scan's prefixes -----------------------------------------------

_FOLDED_FAR_FROM_THE_END = ("hatred", "centred", "favourite", "neighbourhoods", "cruisers", "grey")


@pytest.mark.parametrize("word", _FOLDED_FAR_FROM_THE_END)
def test_stem_prefix_is_a_prefix_of_words_whose_spelling_fold_is_inside(word: str) -> None:
    """A key less its last two letters was not a prefix of these ("hatred" -> "haterd")."""
    assert word.startswith(stem_prefix(term_key(word)))


@pytest.mark.parametrize("word", _FOLDED_FAR_FROM_THE_END)
def test_track_finds_what_the_brute_force_finds_for_those_words(word: str) -> None:
    from statement_tracker import Document, track
    from statement_tracker._track._track import brute_force_track

    doc = Document.from_text(f"They spoke of {word} again.", source="x")
    found = [o.text for o in track([doc], [word])]
    assert found == [o.text for o in brute_force_track([doc], [word])] == [word]


def test_stem_prefix_on_the_vocabulary_of_the_shared_corpora(shared_corpus: Path) -> None:
    """Every English word of the White House, UN General Debate and Kremlin texts starts
    with the prefix of its key (86,512 distinct words when written)."""
    words: set[str] = set()
    with gzip.open(shared_corpus / "whitehouse" / "briefings.jsonl.gz", "rt") as f:
        for line in f:
            words.update(re.findall(r"[a-z]+", json.loads(line)["text"].lower()))
    for path in (shared_corpus / "ungd" / "txt").iterdir():
        words.update(re.findall(r"[a-z]+", path.read_text(errors="ignore").lower()))
    assert len(words) > 50_000
    bad = [w for w in words if not w.startswith(stem_prefix(term_key(w)))]
    assert bad == []


def test_a_doctrine_is_not_found_as_its_adjective() -> None:
    """A watchlist "hegemonism" finds "hegemonism(s)", not "hegemonic Powers"."""
    doc = Document.from_text("They oppose hegemonism. The two hegemonic Powers compete.")
    assert ["hegemonism"] == [o.text for o in track([doc], ["hegemonism"])]

"""Properties of the reversible normaliser: idempotence and offset maps that round-trip."""

from __future__ import annotations

import pytest
from hypothesis import given

from statement_tracker import normalise
from strategies import any_texts


@given(any_texts)
def test_idempotent(text: str) -> None:
    """Normalising normalised text changes nothing."""
    once = normalise(text).text
    assert once == normalise(once).text


@given(any_texts)
def test_idempotent_without_case_folding(text: str) -> None:
    """Idempotence holds with case kept too."""
    once = normalise(text, fold_case=False).text
    assert once == normalise(once, fold_case=False).text


@given(any_texts)
def test_each_character_maps_back_and_forth(text: str) -> None:
    """Every normalised character comes from an original span that maps back over it."""
    n = normalise(text)
    for i in range(len(n.text)):
        a, b = n.span_to_normalised(*n.span_to_original(i, i + 1))
        assert (True, True) == (a <= i, i < b)


@given(any_texts)
def test_each_original_character_maps_forth_and_back(text: str) -> None:
    """Every original character that survives maps to a span whose origin contains it."""
    n = normalise(text)
    for o in range(len(text)):
        a, b = n.span_to_normalised(o, o + 1)
        if a < b:
            s, e = n.span_to_original(a, b)
            assert (True, True) == (s <= o, o < e)


@given(any_texts)
def test_map_to_original_is_monotonic(text: str) -> None:
    """Original offsets never go backwards as the normalised index grows."""
    n = normalise(text)
    offsets = [n.to_original(i) for i in range(len(n.text) + 1)]
    assert offsets == sorted(offsets)
    assert len(text) == offsets[-1]


@given(any_texts)
def test_span_round_trip_covers_the_span(text: str) -> None:
    """A normalised span mapped to the original and back covers at least itself."""
    n = normalise(text)
    size = len(n.text)
    for a in range(0, size, 3):
        b = min(size, a + 5)
        s, e = n.span_to_original(a, b)
        a2, b2 = n.span_to_normalised(s, e)
        assert (a, b) == (max(a, a2), min(b, b2)) and a2 <= a and b2 >= b


@given(any_texts)
def test_whole_text_maps_to_its_trimmed_original(text: str) -> None:
    """The whole normalised text maps to the original without its edge white space."""
    n = normalise(text)
    if not n.text:
        return
    s, e = n.span_to_original(0, len(n.text))
    assert normalise(text[s:e]).text == n.text


def test_example_offsets() -> None:
    """A collapsed space run and a removed soft hyphen map back to the right offsets."""
    n = normalise("No \u00a0 li\u00admits")
    assert "no limits" == n.text
    assert (5, 12) == n.span_to_original(3, 9)


def test_generated_unicode_tables_match_this_python() -> None:
    """The generated NFKC and combining-mark tables agree with unicodedata."""
    import sys
    import unicodedata

    from statement_tracker._text import _unicode_tables

    if unicodedata.unidata_version != _unicode_tables.UNIDATA_VERSION:
        pytest.skip("tables are for another Unicode version; the normaliser computes its own")
    unstable = {c for a, b in _unicode_tables.NFKC_UNSTABLE for c in range(a, b + 1)}
    combining = {c for a, b in _unicode_tables.COMBINING for c in range(a, b + 1)}
    for cp in range(0x80, sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        assert (unicodedata.normalize("NFKC", ch) != ch) == (cp in unstable), hex(cp)
        assert (unicodedata.combining(ch) != 0) == (cp in combining), hex(cp)


@pytest.mark.parametrize("text", ["㉯ㄳ", "Talks ㉯ㄳ in Seoul.", "㉯ㄳ" * 300])
def test_characters_nfkc_composes_only_together_end_normalising(text: str) -> None:
    """Circled 나 before the jamo ㄳ (NFKC makes them one syllable together, 낛, and
    neither alone) used to make normalise call itself without end: RecursionError
    (found by ``benchmarks/fuzz.py --target text``).  One pass now settles them."""
    n = normalise(text)
    assert n.text == normalise(n.text).text
    for i in range(len(n.text)):
        s, e = n.span_to_original(i, i + 1)
        assert 0 <= s <= e <= len(text)


@pytest.mark.parametrize("text", ["№\u05c1\u05c1\u033c\u0301 talks", "No. 5: №\u0301 here"])
def test_an_expansion_composed_with_a_mark_maps_from_its_start(text: str) -> None:
    """"№" becomes "no" and a following acute composes with its o ("nó"): both
    characters come from offset 0 of "№", and a span starting there starts at "n"
    (the map had "n" as an unchanged character before an edit from the same offset;
    found by ``benchmarks/fuzz.py --target segment``)."""
    n = normalise(text)
    start = text.index("№")
    a = n.to_normalised(start)
    assert n.text[a:].startswith("n")
    assert n.text[a:] == normalise(text[start:]).text

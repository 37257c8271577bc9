"""The Chinese head words a formula may leave out (伙伴关系 / 伙伴)."""

from __future__ import annotations

from hypothesis import given

from statement_tracker._track._heads import HEADS, head_dropped
from strategies import chinese_formula_words


def test_head_dropped_from_a_word_or_a_word_of_its_own() -> None:
    """关系 is cut whether jieba kept it inside the last word or as a word of its own."""
    assert [("全面", "战略", "协作", "伙伴")] == head_dropped(("全面", "战略", "协作", "伙伴关系"))
    assert [("全天候", "战略", "合作伙伴")] == head_dropped(("全天候", "战略", "合作伙伴", "关系"))


def test_nothing_without_the_head_or_when_too_short() -> None:
    """Formulas without the head, and those left shorter than four characters, keep it."""
    assert [] == head_dropped(("人类", "命运", "共同体"))
    assert [] == head_dropped(("伙伴关系",))
    assert [] == head_dropped(("新", "伙伴关系"))


@given(chinese_formula_words)
def test_dropped_text_is_the_text_less_the_head(words: list[str]) -> None:
    """The joined result is always the formula with its ending replaced, never anything else."""
    text = "".join(words)
    for tokens in head_dropped(words):
        ending, kept = next((e, k) for e, k in HEADS if text.endswith(e))
        assert text[: -len(ending)] + kept == "".join(tokens)
        assert all(tokens)

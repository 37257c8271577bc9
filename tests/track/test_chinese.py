"""Chinese formulas matched as words (jieba segmentation, families of tiers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from statement_tracker import Document, Phrase, Watchlist, load_corpus, track
from statement_tracker._text import split_terms

ZH = Path(__file__).resolve().parents[2] / "fixtures" / "zh"
TIERS = (
    "全面战略协作伙伴关系",
    "全面战略合作伙伴关系",
    "全天候战略合作伙伴关系",
    "全面战略伙伴关系",
    "战略伙伴关系",
)


def _tiers(family: str | None = "tiers") -> Watchlist:
    return Watchlist([Phrase(f"T{i}", t, family=family) for i, t in enumerate(TIERS, 1)])


def test_chinese_text_is_cut_into_words() -> None:
    """A run of Chinese characters becomes words, and the parts still join to the text."""
    text = "推动人类命运共同体建设"
    parts = split_terms(text)
    assert text == "".join(parts)
    assert ["推动", "人类", "命运", "共同体", "建设"] == parts[1::2]


@pytest.mark.parametrize("tier", TIERS)
def test_each_tier_finds_itself_and_no_other(tier: str) -> None:
    """Among the five partnership tiers, each finds its own name and none of the others'."""
    doc = Document.from_text(f"双方同意发展{tier}。")
    found = [(o.phrase, o.text) for o in track([doc], _tiers())]
    assert [(tier, tier)] == found


def test_replaced_word_is_another_formula() -> None:
    """Tracked alone, a tier does not match a name with one of its words replaced."""
    doc = Document.from_text("两国是全面战略合作伙伴关系。")
    assert [] == track([doc], ["全面战略协作伙伴关系"])


def test_inserted_function_word_is_a_variant() -> None:
    """人类是命运共同体 is a variant of 人类命运共同体 (是 inserted)."""
    (o,) = track([Document.from_text("构建人类是命运共同体。")], ["人类命运共同体"])
    assert ("人类是命运共同体", "inserted") == (o.text, o.method)


def test_opposite_sharing_characters_never_matches() -> None:
    """单边主义 (unilateralism) is not 多边主义 (multilateralism)."""
    doc = Document.from_text("反对单边主义。坚持多边主义。")
    assert ["多边主义"] == [o.text for o in track([doc], ["多边主义"])]


def test_family_needs_declaring_for_nested_tiers() -> None:
    """Without a family the shorter tier is also found inside the longer name."""
    doc = Document.from_text("建立全面战略伙伴关系。")
    assert 2 == len(track([doc], _tiers(family=None)))
    assert 1 == len(track([doc], _tiers()))


def test_fixture_series_finds_every_tier_once() -> None:
    """On the fictional Chinese series each tier is found where the readouts name it."""
    docs = list(load_corpus([ZH]))
    occ = track(docs, Watchlist.from_file(ZH / "watchlist.toml"))
    by_tier = {p: sorted({o.date.isoformat() for o in occ if o.phrase_id == p and o.date})
               for p in ("T1", "T2", "T3", "T4")}
    assert {
        "T1": ["2022-05-17", "2024-04-23"],
        "T2": ["2021-09-09"],
        "T3": ["2023-05-11"],
        "T4": ["2019-03-02"],
    } == by_tier
    assert not [o for o in occ if o.phrase_id == "M1" and "单" in o.text]


@pytest.mark.parametrize("tier", TIERS)
def test_each_tier_written_as_partner_finds_itself_and_no_other(tier: str) -> None:
    """伙伴 without 关系 ("partners", not "partnership") is the tier, folded; no other tier."""
    partner = tier.removesuffix("关系")
    doc = Document.from_text(f"两国互为{partner}，同为世界主要大国。")
    found = [(o.phrase, o.text, o.method, o.score) for o in track([doc], _tiers())]
    assert [(tier, partner, "folded", 100.0)] == found


def test_head_is_kept_when_written() -> None:
    """With 关系 written, the match is the whole name, exact (the shorter form does not win)."""
    doc = Document.from_text("中俄全面战略协作伙伴关系保持高水平运行。")
    (o,) = track([doc], ["全面战略协作伙伴关系"])
    assert ("全面战略协作伙伴关系", "exact") == (o.text, o.method)


def test_only_a_partnership_head_may_drop() -> None:
    """Other formulas ending in 关系 keep their head: 中美 alone is not 中美关系."""
    doc = Document.from_text("中美两国元首会晤。")
    assert [] == track([doc], ["中美关系"])

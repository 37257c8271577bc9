"""Tests for discovery over stems: Russian case forms grouped, Chinese counted in words."""

from __future__ import annotations

from statement_tracker import Document
from statement_tracker._discover._count import Corpus, count_key, words_of
from statement_tracker._discover._discover import discover

_RU_FORMS = (
    "специальная военная операция",
    "специальной военной операции",
    "специальной военной операции",
    "специальную военную операцию",
    "специальной военной операции",
)
_RU_TOPICS = ("школы", "дороги", "больницы", "заводы", "мосты")
_RU_BEFORE = ("Началась", "Итоги", "Ветераны", "Поддержка", "Участники")
_RU_AFTER = ("весной", "обсуждались", "вернулись", "расширена", "награждены")


def _russian() -> list[Document]:
    """Five readouts naming one formula in three case forms (genitive most often)."""
    return [
        Document.from_text(
            f"Президент провёл совещание о ремонте: {topic} в регионе {i}. "
            f"{before} {form} {after}.",
            source=f"ru{i}.txt",
            date=f"2024-0{i + 1}-01",
        )
        for i, (form, topic, before, after) in enumerate(
            zip(_RU_FORMS, _RU_TOPICS, _RU_BEFORE, _RU_AFTER, strict=True)
        )
    ]


def test_russian_case_forms_are_one_formula() -> None:
    """Case forms of one Russian formula are one entry, counted in every document."""
    formulas = discover(_russian(), min_docs=3)
    holding = [f for f in formulas if "военн" in f.text]

    assert 1 == len(holding)
    assert 5 == holding[0].documents


def test_russian_formula_shown_in_its_most_frequent_form() -> None:
    """The entry is shown in the case form found in most documents."""
    f = next(f for f in discover(_russian(), min_docs=3) if "военн" in f.text)

    assert "специальной военной операции" == f.text
    assert "специальной военной операции" == f.norm


def test_russian_keys_group_but_forms_are_kept() -> None:
    """The corpus counts Russian words as keys and keeps the written words beside them."""
    corpus = Corpus()
    corpus.add(Document.from_text("Специальной военной операции.", source="a.txt"))

    assert [count_key("специальная")] == [corpus.words[corpus.tokens[0][0]]]
    assert ["специальной", "военной", "операции"] == [
        corpus.form_words[i] for i in corpus.forms[0] or ()
    ]


def test_english_documents_keep_no_second_array() -> None:
    """English words are their own keys: no written-form array is kept."""
    corpus = Corpus()
    corpus.add(Document.from_text("The one China policy.", source="a.txt"))

    assert [None] == corpus.forms


_ZH = (
    "双方同意推动构建人类命运共同体，加强{}领域合作。",
    "会议强调，要推动构建人类命运共同体，发展{}产业。",
    "他表示，中方将继续推动构建人类命运共同体，支持{}建设。",
    "各方愿共同推动构建人类命运共同体，扩大{}交流。",
)
_ZH_TOPICS = ("农业", "能源", "教育", "卫生")


def test_chinese_counted_in_words() -> None:
    """A Chinese formula is found as whole words and shown as joined characters."""
    docs = [
        Document.from_text(text.format(topic), source=f"zh{i}.txt", date=f"2024-0{i + 1}-01")
        for i, (text, topic) in enumerate(zip(_ZH, _ZH_TOPICS, strict=True))
    ]

    texts = [f.text for f in discover(docs, min_docs=3)]

    assert ["推动构建人类命运共同体"] == texts


def test_chinese_words_of_a_sentence() -> None:
    """A Chinese sentence is cut into words; other scripts into word tokens."""
    assert ["人类", "命运", "共同体"] == words_of("人类命运共同体")
    assert ["Совет", "Безопасности"] == words_of("Совет Безопасности")

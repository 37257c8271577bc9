"""Segmentation: paragraphs, sentences, clauses and quotations."""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given

import statement_tracker as st
from statement_tracker import clause_spans, paragraph_spans, quotations, sentence_spans
from strategies import any_texts

ROOT = Path(__file__).resolve().parents[2]
# White space and the invisible characters the segmenter trims like it.
_BLANK = (
    "".join(chr(c) for c in range(0x3000 + 1) if chr(c).isspace())
    + "\u00ad\u200b\u200c\u200d\u2060\ufeff"
)


def sentences(text: str, language: str = "en") -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, language=language)]


def _assert_tiles(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    """Spans are non-empty, trimmed, in order and cover text[start:end] up to white space."""
    pos = start
    for s, e in spans:
        assert s < e
        assert text[s:e] == text[s:e].strip(_BLANK)
        assert "" == text[pos:s].strip(_BLANK)
        pos = e
    assert "" == text[pos:end].strip(_BLANK)


# --- properties -------------------------------------------------------------------------


@given(any_texts)
def test_paragraphs_cover_the_text(text: str) -> None:
    """Paragraphs cover all non-space text, hold no blank line and are split by one."""
    spans = paragraph_spans(text)
    _assert_tiles(text, spans, 0, len(text))
    for (_, e), (s, _) in itertools.pairwise(spans):
        assert "\n" in text[e:s]
    for s, e in spans:
        assert [(s, e)] == [(a + s, b + s) for a, b in paragraph_spans(text[s:e])]


@given(any_texts)
def test_sentences_tile_each_paragraph(text: str) -> None:
    """Sentences cover each paragraph without gaps (other than white space) or overlaps."""
    for ps, pe in paragraph_spans(text):
        for language in ("en", "ru", "zh"):
            _assert_tiles(text, sentence_spans(text, ps, pe, language=language), ps, pe)


@given(any_texts)
def test_clauses_tile_each_sentence(text: str) -> None:
    """Clauses cover each sentence without gaps (other than white space) or overlaps."""
    for ps, pe in paragraph_spans(text):
        for ss, se in sentence_spans(text, ps, pe):
            _assert_tiles(text, clause_spans(text, ss, se), ss, se)


@given(any_texts)
def test_quotations_point_into_the_text(text: str) -> None:
    """Every quotation's text is its span of the text, inside its outer span."""
    for q in quotations(text):
        assert text[q.start : q.end] == q.text
        assert q.outer_start <= q.start < q.end <= q.outer_end <= len(text)
        assert q.text == q.text.strip(_BLANK)
        if q.speaker is not None and q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker


def test_sentence_spans_respect_start_and_end() -> None:
    """Spans stay inside the requested range and use the whole text's offsets."""
    text = "Skip this. One. Two. Skip that."
    assert [(11, 15), (16, 20)] == sentence_spans(text, 11, 20)


# --- sentences ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Xi met Mrs. Li and Dr. Wang at St. Petersburg on Jan. 5 at 9 a.m. local time.",
        "President Joseph R. Biden, Jr. spoke today with Gen. Milley and Sen. Smith.",
        "The E.U. and U.N. envoys, e.g. Amb. Ito, i.e. the chair, met vs. the rest.",
        "Growth reached 3.5 percent under Resolution No. 2758 (Art. 51 applies).",
        "Mr. C. A. Eaton and Senator B. McMahon spoke.",
        "В.В. Путин провёл встречу, т.е. переговоры, в 2020 г. в Москве.",
        "We look forward … to working with you.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    """Titles, initials, Latin abbreviations, numbers and decimals stay inside the sentence."""
    assert [text] == sentences(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes." Then he left.', ['He said "yes."', "Then he left."]),
        ("He said “yes.” Then he left.", ["He said “yes.”", "Then he left."]),
        ("“Really?” he asked. She nodded.", ["“Really?” he asked.", "She nodded."]),
        (
            "It was held in the U.S. The talks ended.",
            ["It was held in the U.S.", "The talks ended."],
        ),
        ("They met at 5 p.m. We left.", ["They met at 5 p.m.", "We left."]),
        ("And so on, etc. In short, yes.", ["And so on, etc.", "In short, yes."]),
        ("Wait... No. Stop!", ["Wait...", "No.", "Stop!"]),
        ("Peace matters (in Asia). Trade too.", ["Peace matters (in Asia).", "Trade too."]),
        ("**Bold ends here.** Plain starts.", ["**Bold ends here.**", "Plain starts."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    """Closing quotation marks and brackets stay with their sentence; abbreviations may end one."""
    assert expected == sentences(text)


def test_chinese_sentences_need_no_space() -> None:
    """。！？ end Chinese sentences, with a closing quotation mark kept."""
    assert ["中美合作。", "双方同意！", "他说：“好。”", "对吗？"] == sentences(
        "中美合作。双方同意！他说：“好。”对吗？"
    )


def test_russian_sentences() -> None:
    """Russian abbreviations and initials are not boundaries; starters after г. are."""
    text = "Встреча прошла в 2021 г. В ней участвовал В.В. Путин. Это важно."
    assert [
        "Встреча прошла в 2021 г.",
        "В ней участвовал В.В. Путин.",
        "Это важно.",
    ] == sentences(text, "ru")


# Russian (issue 18): list-closing abbreviations end a sentence, the others do not.


@pytest.mark.parametrize("abbreviation", ["и др.", "и т.д.", "и т.п.", "и т. д.", "и т. п."])
def test_russian_list_ending_before_capital_ends_sentence(abbreviation: str) -> None:
    """"и др.", "и т.д.", "и т.п." before a capitalised word end the sentence."""
    text = f"Обсудили энергетику, транспорт {abbreviation} Переговоры продолжатся."
    assert [
        f"Обсудили энергетику, транспорт {abbreviation}",
        "Переговоры продолжатся.",
    ] == sentences(text, "ru")


@pytest.mark.parametrize("abbreviation", ["и др.", "и т.д.", "и т.п.", "и т. д."])
def test_russian_list_ending_before_lower_case_continues(abbreviation: str) -> None:
    """"и др.", "и т.д.", "и т.п." before a lower-case word do not end the sentence."""
    text = f"Обсудили энергетику, транспорт {abbreviation} и договорились о встрече."
    assert [text] == sentences(text, "ru")


@pytest.mark.parametrize("abbreviation", ["т.е.", "т. е."])
def test_russian_that_is_never_ends_sentence(abbreviation: str) -> None:
    """"т.е." (also spaced) does not end a sentence, even before a capitalised word."""
    text = f"Речь идёт о главном, {abbreviation} Россия готова к диалогу."
    assert [text] == sentences(text, "ru")


@pytest.mark.parametrize(
    "text",
    [
        "Указ от 21 декабря 2021 г. № 414-ФЗ вступил в силу.",
        "В 2020 г. Москва приняла гостей.",
        "В 2019–2020 гг. Россия нарастила экспорт.",
        "Школа г. Москвы получила грант.",
    ],
)
def test_russian_year_and_city_do_not_end_sentence(text: str) -> None:
    """"г." and "гг." before a number sign or a capitalised name do not end a sentence."""
    assert [text] == sentences(text, "ru")


@pytest.mark.parametrize(
    "text",
    [
        "Согласно ст. Конституции выборы проводятся раз в шесть лет.",
        "Согласно ст. 15 Конституции выборы проводятся.",
        "См. с. 15 доклада.",
        "См. ч. 2 той же статьи.",
    ],
)
def test_russian_article_page_part_do_not_end_sentence(text: str) -> None:
    """"ст.", "с." and "ч." do not end a sentence, before a number or a word."""
    assert [text] == sentences(text, "ru")


@pytest.mark.parametrize(
    "text",
    [
        "Выступил В.В.Путин, затем состоялась беседа.",
        "Выступил В. Путин, затем состоялась беседа.",
        "Выступил В.В. Путин, затем состоялась беседа.",
        "Выступил В. В. Путин, затем состоялась беседа.",
        "Принять отставку Никитина А.С. по собственному желанию.",
    ],
)
def test_russian_initials_do_not_end_sentence(text: str) -> None:
    """Initials before or after a surname ("В.В.Путин", "В. Путин", "В.В. Путин") stay inside."""
    assert [text] == sentences(text, "ru")


def test_russian_capital_initial_is_not_a_lower_case_abbreviation() -> None:
    """A capital "С." is an initial (ends before a starter), unlike the page abbreviation "с."."""
    assert ["Об этом сказал Иванов И.С.", "Это важно."] == sentences(
        "Об этом сказал Иванов И.С. Это важно.", "ru"
    )


def test_markdown_lines_are_sentences() -> None:
    """Headings, list items and lines without final punctuation are sentences of their own."""
    text = "### Joint Statement\n- first point\n- second point\n1. Numbered item\nPlain line"
    assert [
        "### Joint Statement",
        "- first point",
        "- second point",
        "1. Numbered item",
        "Plain line",
    ] == sentences(text)


def test_wrapped_lines_join() -> None:
    """A line break inside a sentence (lower-case continuation or a long wrapped line) is not a
    boundary."""
    text = (
        "The representatives of the People’s Republic of China as the only legitimate\n"
        "Representatives were seated and\nthe vote was taken."
    )
    assert [text] == sentences(text)


def test_numbered_paragraph_opening() -> None:
    """An enumerator that opens a sentence (“22.”) is not a sentence of its own."""
    assert ["22.\tThe peoples know this.", "They follow."] == sentences(
        "22.\tThe peoples know this. They follow."
    )


def test_extra_abbreviations() -> None:
    """Abbreviations passed by the caller are never boundaries."""
    text = "Talks with Cong. Smith went well."
    assert 2 == len(sentence_spans(text))
    assert [(0, len(text))] == sentence_spans(text, abbreviations={"Cong."})


# --- clauses --------------------------------------------------------------------------


def test_clauses_split_at_semicolons_colons_and_conjunctions() -> None:
    """; : and a comma before a conjunction end clauses; other commas do not."""
    text = "He said: talks went well; Xi, the host, agreed, but no date was set, which matters."
    assert [
        "He said:",
        "talks went well;",
        "Xi, the host, agreed,",
        "but no date was set,",
        "which matters.",
    ] == [text[s:e] for s, e in clause_spans(text)]


def test_clauses_keep_times_and_chinese_commas() -> None:
    """9:30 is not a clause boundary; the Chinese comma is."""
    text = "They met at 9:30 today. 双方同意，继续合作。"
    assert ["They met at 9:30 today."] == [text[s:e] for s, e in clause_spans(text, 0, 23)]
    assert ["双方同意，", "继续合作。"] == [text[s:e] for s, e in clause_spans(text, 24)]


# --- quotations -----------------------------------------------------------------------


def _q(text: str) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker) for q in quotations(text)]


def test_apostrophes_are_not_quotations() -> None:
    """don't, Xi's, Xi’s and partners’ hold no quotation."""
    assert [] == _q("We don't doubt Xi's and Xi’s view or our partners’ interests.")


def test_direct_quotation_speaker_after() -> None:
    """“…,” Biden said and “…,” said President Xi name the speaker."""
    assert [("direct", "We will not", "Biden")] == _q("“We will not,” Biden said.")
    assert [("direct", "Yes", "President Xi")] == _q('"Yes," said President Xi.')


def test_direct_quotation_speaker_before() -> None:
    """X said: “…” and X told reporters that “…” name the speaker."""
    assert [("direct", "No limits.", "Lavrov")] == _q("Lavrov said: “No limits.”")
    assert [("direct", "talks were useful", "President Biden")] == _q(
        "President Biden told reporters that “talks were useful”."
    )


def test_next_sentence_is_not_the_speaker() -> None:
    """A quotation that ends its sentence does not take the next sentence's subject."""
    assert ("direct", "It ends here.", None) == _q("“It ends here.” Biden stressed peace.")[0]


def test_nested_and_spanning_quotations() -> None:
    """Nested quotations have depth 1 and no speaker; a quotation may hold several sentences."""
    quotes = quotations("Xi said: “We reject ‘bloc politics’. We want peace.”")
    assert [(0, "Xi"), (1, None)] == [(q.depth, q.speaker) for q in quotes]
    assert "We reject ‘bloc politics’. We want peace." == quotes[0].text


def test_other_quotation_marks() -> None:
    """« », „ “ and 「 」 are quotation marks."""
    assert ["нет", "ja", "一个中国"] == [q.text for q in quotations("«нет», „ja“ und 「一个中国」")]


def test_quotation_over_paragraphs() -> None:
    """A quotation open at a paragraph end runs on when the next paragraph reopens it."""
    quotes = quotations("“First part.\n\n“Second part.”")
    assert ["First part.", "Second part."] == [q.text for q in quotes]


def test_unclosed_quotation_is_dropped() -> None:
    """A mark never closed in its paragraph is not a quotation."""
    assert [] == quotations("He said “this never ends.\n\nNext paragraph.")


def test_transcript_turns() -> None:
    """Speaker labels start turns; with two labels or more a turn runs to the next label."""
    text = "Vladimir Putin: Good afternoon.\n\nMore from him.\n\nQ  Why?\n\nMS. PSAKI: Because."
    assert [
        ("transcript", "Good afternoon.\n\nMore from him.", "Vladimir Putin"),
        ("transcript", "Why?", "Q"),
        ("transcript", "Because.", "MS. PSAKI"),
    ] == _q(text)


def test_headings_with_colons_are_not_speakers() -> None:
    """Lead-ins of fact sheets and topic words before a colon are not speaker labels."""
    text = (
        "Fact Sheet: New steps.\n\nNote: none.\n\nColorado: More than 96 percent.\n\n"
        "SUPPORTING AMERICAN INNOVATION: Under the plan.\n\nDear Mr. Speaker: I write."
    )
    assert [] == _q(text)


def test_role_labels_are_speakers() -> None:
    """One-word role labels (Question:, Remark:) and capitalised roles (MODERATOR:) are."""
    assert ["Question", "MODERATOR"] == [
        q.speaker for q in quotations("Question: Why?\n\nMODERATOR: Next.")
    ]


def test_reported_speech() -> None:
    """“X stressed that …” is a reported quotation; a pronoun subject is not."""
    assert [("reported", "the Taiwan question is central", "Xi")] == _q(
        "Xi stressed that the Taiwan question is central. He said that peace matters."
    )
    assert [("reported", "Россия готова", "Путин")] == _q("Путин подчеркнул, что Россия готова.")


def test_label_before_quotation_names_speaker() -> None:
    """A label line before a quotation (press-release style) names its speaker."""
    assert [("direct", "We welcome it.", "Growth Energy")] == _q(
        "**Growth Energy:** “We welcome it.”"
    )


# --- the labelled evaluation ------------------------------------------------------------


def _eval_module() -> object:
    spec = importlib.util.spec_from_file_location(
        "eval_sentences", ROOT / "benchmarks" / "eval_sentences.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_sentences"] = module
    spec.loader.exec_module(module)
    return module


def test_sentence_labels_f1(shared_corpus: Path) -> None:
    """On the hand-labelled windows the segmenter reaches boundary F1 >= 0.98."""
    labels = ROOT / "fixtures" / "labels" / "sentences.jsonl"
    corpora = {line.split('"corpus": "')[1].split('"')[0] for line in labels.open()}
    if corpora - {"ungd"} and not hasattr(st, "load_corpus"):
        pytest.skip("statement_tracker.load_corpus is not available yet")
    result = _eval_module().evaluate(labels, shared_corpus)  # type: ignore[attr-defined]
    assert [] == result["stale"]
    assert result["scores"]["all"]["boundaries"] >= 300
    assert result["scores"]["all"]["f1"] >= 0.98


def test_labelled_commentary_quotations_are_found(fixtures_dir: Path) -> None:
    """Every quotation labelled in the fixtures' commentary articles is a direct quotation."""
    truth = json.loads((fixtures_dir / "labels" / "fixture_truth.json").read_text("utf-8"))
    missed = []
    for label in truth["commentary"]:
        doc = st.load(fixtures_dir / "commentary" / label["article"])
        found = {" ".join(q.text.split()).rstrip(".,") for q in quotations(doc.text)}
        if label["quote"].rstrip(".,") not in found:
            missed.append(label["quote"])
    assert [] == missed


def test_reported_quotations_do_not_overlap() -> None:
    """“A said that B said that …” gives one reported quotation (output stays linear)."""
    quotes = quotations("Xi said that Biden said that " * 50 + "all is well.")
    assert [("reported", "Xi")] == [(q.kind, q.speaker) for q in quotes]


def test_nesting_depth_is_bounded() -> None:
    """Thousands of nested quotation marks give a bounded number of quotations."""
    quotes = quotations("“a " * 5000 + "”" * 5000)
    assert 8 >= len(quotes) >= 1


def test_attribution_between_quotations_names_both() -> None:
    """“…,” said X. “…” attributes the second quotation to X as well."""
    assert [("It works", "Governor Walz"), ("It is better.", "Governor Walz")] == [
        (q.text, q.speaker) for q in quotations("“It works,” said Governor Walz. “It is better.”")
    ]


@given(any_texts)
def test_sentences_never_cross_paragraphs(text: str) -> None:
    """Splitting the whole text gives the sentences of each paragraph, in order."""
    per_paragraph = [sp for ps, pe in paragraph_spans(text) for sp in sentence_spans(text, ps, pe)]
    assert per_paragraph == sentence_spans(text)


def test_new_sentence_after_question_is_not_attribution() -> None:
    """“…?” And I said … starts a new sentence; “…?” asked Biden attributes."""
    text = "THE PRESIDENT: He said, “Do you work there?”  And I said, “Yes.”"
    assert [None, "THE PRESIDENT"] == [q.speaker for q in quotations(text) if q.kind == "direct"]
    assert [("Who?", "Biden")] == [(q.text, q.speaker) for q in quotations("“Who?” asked Biden.")]


def test_pronoun_contractions_name_no_one() -> None:
    """“I’ve answered that …” is not reported speech of a named speaker."""
    assert [] == [q for q in quotations("I’ve answered that question.") if q.kind == "reported"]

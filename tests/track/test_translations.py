"""Translations typed by language: parsing, matching per document language, timelines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import statement_tracker as st
from statement_tracker._archive._compare import compare
from statement_tracker._cli import main
from statement_tracker._track import compile_forms
from statement_tracker._track._track import brute_force_track

ROOT = Path(__file__).resolve().parents[2]
SERIES = ROOT / "fixtures" / "multilingual"
WATCHLIST = SERIES / "watchlist.toml"

CSP_ZH = "全面战略协作伙伴关系"
CSP_RU = "всеобъемлющее партнёрство и стратегическое взаимодействие"


@pytest.fixture(scope="module")
def docs() -> list[st.Document]:
    """The bilingual fixture series."""
    return list(st.load_corpus([SERIES]))


@pytest.fixture(scope="module")
def wl() -> st.Watchlist:
    """Its watchlist, with translations."""
    return st.Watchlist.from_file(WATCHLIST)


def _name(o: st.Occurrence) -> str:
    return Path(o.source).stem


# ------------------------------------------------------------------ watchlist


def test_fixture_watchlist_has_typed_translations(wl: st.Watchlist) -> None:
    """The TOML translations table becomes sorted (language, wordings) pairs."""
    assert (("ru", (CSP_RU,)), ("zh", (CSP_ZH,))) == wl.get("csp").translations


def test_translations_do_not_change_plain_forms(wl: st.Watchlist) -> None:
    """``Phrase.forms`` stays the text and aliases, matched in every document."""
    csp = wl.get("csp")
    assert (csp.text, *csp.aliases) == csp.forms


def test_translations_round_trip_through_toml() -> None:
    """to_toml/from_toml keep translations, a list of wordings included."""
    phrase = st.Phrase(
        "A", "new era", translations={"zh": "新时代", "ru": ["новая эпоха", "эпоха"]}
    )
    wl = st.Watchlist([phrase])
    assert wl == st.Watchlist.from_toml(wl.to_toml())


def test_translations_in_to_dict() -> None:
    """to_dict gives translations as a language -> list of wordings mapping."""
    phrase = st.Phrase("A", "new era", translations={"zh": "新时代"})
    assert {"zh": ["新时代"]} == phrase.to_dict()["translations"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('{ ZH = "新时代" }', "w.toml:3: translation language 'ZH' is not 2-3 lower-case letters"),
        ('{ zh = "—" }', "w.toml:3: translation (zh) '—' normalises to nothing"),
        ("{ zh = 3 }", "w.toml:3: translations.zh must be a string or a list of strings"),
        ("{ zh = [] }", "w.toml:3: translations.zh must be a string or a list of strings"),
        ('"新时代"', "w.toml:3: translations must be a table of language = wording(s)"),
    ],
)
def test_bad_translations_name_file_and_line(value: str, message: str) -> None:
    """A bad translations value raises WatchlistError naming the file and line."""
    text = f'# formulas\n\n[[phrase]]\ntext = "new era"\ntranslations = {value}\n'
    with pytest.raises(st.WatchlistError) as info:
        st.Watchlist.from_toml(text, source="w.toml")
    assert message == str(info.value)


def test_bad_translations_in_python_raise_watchlist_error() -> None:
    """A Phrase built in Python with a bad language is rejected by the Watchlist."""
    with pytest.raises(st.WatchlistError, match="not 2-3 lower-case letters"):
        st.Watchlist([st.Phrase("A", "new era", translations={"Chinese": "新时代"})])


def test_compiled_translation_forms_carry_their_language(wl: st.Watchlist) -> None:
    """Plain forms have no language; each translation's forms have its own."""
    forms = compile_forms(wl)
    assert {(f.text, f.language) for f in forms if f.phrase == 0} == {
        ("comprehensive partnership of strategic coordination", None),
        ("comprehensive partnership and strategic interaction", None),
        (CSP_RU, "ru"),
        (CSP_ZH, "zh"),
    }


def test_translation_equal_to_a_plain_form_is_not_compiled_twice() -> None:
    """A translation that is also an alias is matched everywhere, once."""
    phrase = st.Phrase("A", "new era", ("新时代",), translations={"zh": "新时代"})
    assert [None, None] == [f.language for f in compile_forms(st.Watchlist([phrase]))]


# ------------------------------------------------------------------ matching


def test_fixture_languages_are_guessed(docs: list[st.Document]) -> None:
    """The series has English, Russian and Chinese readouts."""
    assert {"en": 4, "ru": 2, "zh": 2} == {
        lang: sum(d.language == lang for d in docs) for lang in ("en", "ru", "zh")
    }


def test_each_language_matches_its_wording(docs: list[st.Document], wl: st.Watchlist) -> None:
    """Every readout has the formula once, in the wording of its language and publisher."""
    found = sorted(
        (_name(o), o.language, o.form) for o in st.track(docs, wl) if o.phrase_id == "csp"
    )
    text, alias = wl.get("csp").forms
    assert [
        ("2021-03-02_vossberg-corvan-talks-en", "en", text),
        ("2021-03-02_vossberg-corvan-talks-ru", "ru", CSP_RU),
        ("2021-03-03_corvan-vossberg-talks-en", "en", text),
        ("2021-03-03_corvan-vossberg-talks-zh", "zh", CSP_ZH),
        ("2023-06-20_arendt-corvan-talks-en", "en", alias),
        ("2023-06-20_arendt-corvan-talks-ru", "ru", CSP_RU),
        ("2023-06-21_corvan-arendt-talks-en", "en", text),
        ("2023-06-21_corvan-arendt-talks-zh", "zh", CSP_ZH),
    ] == found


def test_chinese_term_in_an_english_readout_is_not_a_chinese_wording(
    docs: list[st.Document], wl: st.Watchlist
) -> None:
    """The trap in English: the Chinese term quoted in parentheses is not counted."""
    doc = next(d for d in docs if "corvan-vossberg-talks-en" in d.source)
    assert CSP_ZH in doc.text
    assert [] == [o for o in st.track([doc], wl) if o.form == CSP_ZH]


def test_plain_aliases_still_match_every_document(docs: list[st.Document]) -> None:
    """As a plain alias the same Chinese term counts in the English readout too."""
    doc = next(d for d in docs if "corvan-vossberg-talks-en" in d.source)
    plain = st.Phrase("csp", "comprehensive partnership of strategic coordination", (CSP_ZH,))
    assert [CSP_ZH] == [o.text for o in st.track([doc], [plain]) if o.form == CSP_ZH]


@pytest.mark.parametrize(
    ("stem", "near_miss"),
    [
        ("2021-03-02_vossberg-corvan-talks-en", "comprehensive programme of economic coordination"),
        (
            "2021-03-02_vossberg-corvan-talks-ru",
            "всеобъемлющий договор о техническом взаимодействии",
        ),
        ("2021-03-03_corvan-vossberg-talks-zh", "全面经济伙伴关系"),
    ],
)
def test_near_misses_in_each_language_are_not_matched(
    docs: list[st.Document], wl: st.Watchlist, stem: str, near_miss: str
) -> None:
    """The trap per language: a formula with two content words changed is not the formula."""
    doc = next(d for d in docs if stem in d.source)
    start = doc.text.index(near_miss)
    spans = [(o.start, o.end) for o in st.track([doc], wl)]
    assert [] == [s for s in spans if s[0] < start + len(near_miss) and start < s[1]]


def test_every_tracking_path_gives_the_same_occurrences(
    docs: list[st.Document], wl: st.Watchlist, tmp_path: Path
) -> None:
    """track (one process and two), TrackIndex, the archive and brute force agree."""
    expected = st.track(docs, wl)
    assert expected == st.track(docs, wl, workers=2)
    assert expected == st.TrackIndex(docs).track(wl)
    assert expected == brute_force_track(docs, wl)
    with st.Archive.open(tmp_path / "a.db") as archive:
        archive.add(docs)
        stored = archive.track(wl)
    assert sorted((o.doc_id, o.start, o.phrase_id, o.form) for o in expected) == sorted(
        (o.doc_id, o.start, o.phrase_id, o.form) for o in stored
    )


# A translation "in Russian" written in Latin letters overlaps a better English
# match of the text: selected before filtering, it would shadow it.
SHADOW = st.Phrase("A", "new era of partnership", translations={"ru": "new era"})
EN = st.Document.from_text("They opened a new era partnership today.", source="en")
RU = st.Document.from_text("They opened a new era partnership, today.", source="ru", language="ru")


def _shadow_expected() -> list[tuple[str, str, str]]:
    return [("en", "new era partnership", SHADOW.text), ("ru", "new era", "new era")]


def _triples(occ: list[st.Occurrence]) -> list[tuple[str, str, str]]:
    return sorted((o.source, o.text, o.form) for o in occ)


@pytest.mark.parametrize("workers", [1, 2])
def test_wrong_language_form_does_not_shadow_in_track(workers: int) -> None:
    """track: the Russian-only form is dropped before selection in an English document."""
    assert _shadow_expected() == _triples(st.track([EN, RU], [SHADOW], workers=workers))


def test_wrong_language_form_does_not_shadow_in_track_index() -> None:
    """TrackIndex.track filters per document language before selecting."""
    assert _shadow_expected() == _triples(st.TrackIndex([EN, RU]).track([SHADOW]))


def test_wrong_language_form_does_not_shadow_in_brute_force() -> None:
    """The reference matcher filters the same way."""
    assert _shadow_expected() == _triples(brute_force_track([EN, RU], [SHADOW]))


def test_wrong_language_form_does_not_shadow_in_find_phrase() -> None:
    """find_phrase on an English text finds the English occurrence."""
    assert [("new era partnership", SHADOW.text)] == [
        (o.text, o.form) for o in st.find_phrase(EN, SHADOW)
    ]
    assert [("new era", "new era")] == [(o.text, o.form) for o in st.find_phrase(RU, SHADOW)]


@pytest.mark.parametrize("reindex", [False, True])
def test_wrong_language_form_does_not_shadow_in_archive(tmp_path: Path, reindex: bool) -> None:
    """Archive.track (windows from the index, or whole documents) filters the same way."""
    with st.Archive.open(tmp_path / "a.db") as archive:
        archive.add([EN, RU])
        if reindex:
            archive.reindex()
        assert _shadow_expected() == _triples(archive.track([SHADOW]))


def test_occurrence_language_round_trips() -> None:
    """Occurrence.language is in to_dict and read back by from_dict."""
    o = st.track([RU], [SHADOW])[0]
    assert "ru" == o.to_dict()["language"]
    assert o == st.Occurrence.from_dict(o.to_dict())


# ------------------------------------------------------------------ timeline, compare, report


def _wordings(tl: st.Timeline, pid: str) -> list[tuple[object, ...]]:
    f = next(f for f in tl.formulas if f.phrase_id == pid)
    return [
        (
            w.language,
            w.publisher,
            w.form,
            w.first_date.isoformat() if w.first_date else None,
            w.last_date.isoformat() if w.last_date else None,
            w.count,
        )
        for w in f.wordings
    ]


def test_timeline_is_one_series_across_languages(docs: list[st.Document], wl: st.Watchlist) -> None:
    """One strip per formula over all eight readouts; the drop-out spans languages."""
    tl = st.timeline(st.track(docs, wl), docs, watchlist=wl)
    assert ["########", "####...."] == [f.strip() for f in tl.formulas]
    assert ["present in 4 consecutive documents, absent from the last 4 since 2023-06-20"] == [
        d.message for d in tl.dropouts
    ]


def test_timeline_wordings_by_language_and_publisher(
    docs: list[st.Document], wl: st.Watchlist
) -> None:
    """The chancellery's English changes wording in 2023; the ministry's does not."""
    tl = st.timeline(st.track(docs, wl), docs, watchlist=wl)
    text, alias = wl.get("csp").forms
    ostmark, valdoria = "chancellery.ostmark.example", "mfa.valdoria.example"
    assert [
        ("en", ostmark, text, "2021-03-02", "2021-03-02", 1),
        ("en", ostmark, alias, "2023-06-20", "2023-06-20", 1),
        ("en", valdoria, text, "2021-03-03", "2023-06-21", 2),
        ("ru", ostmark, CSP_RU, "2021-03-02", "2023-06-20", 2),
        ("zh", valdoria, CSP_ZH, "2021-03-03", "2023-06-21", 2),
    ] == _wordings(tl, "csp")


def test_timeline_json_and_csv_have_the_wordings(capsys: pytest.CaptureFixture[str]) -> None:
    """timeline --format json lists the wordings; csv joins them in one column."""
    args = ["timeline", str(SERIES), "--watchlist", str(WATCHLIST)]
    assert 0 == main([*args, "--format", "json"])
    formula = json.loads(capsys.readouterr().out)["formulas"][0]
    assert {
        "language": "zh",
        "publisher": "mfa.valdoria.example",
        "form": CSP_ZH,
        "count": 2,
        "documents": 2,
        "first_date": "2021-03-03",
        "last_date": "2023-06-21",
    } == formula["wordings"][-1]
    assert 0 == main([*args, "--format", "csv"])
    row = next(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (
        "zh mfa.valdoria.example 2021-03-03–2023-06-21: 全面战略协作伙伴关系 ×2" in row["wordings"]
    )


def test_timeline_table_shows_wordings(capsys: pytest.CaptureFixture[str]) -> None:
    """The table ends with the wordings by language and publisher."""
    assert 0 == main(["timeline", str(SERIES), "--watchlist", str(WATCHLIST)])
    out = capsys.readouterr().out
    assert "wordings by language and publisher:" in out
    assert "ru        chancellery.ostmark.example  2021-03-02–2023-06-20" in out


def test_report_has_a_side_by_side_wordings_table(
    docs: list[st.Document], wl: st.Watchlist
) -> None:
    """The HTML report shows one column per language and publisher."""
    occ = st.track(docs, wl)
    html = st.render_timeline_html(st.timeline(occ, docs, watchlist=wl), occ, docs)
    assert "<caption>Wordings by language and publisher</caption>" in html
    assert '<th scope="col">zh · mfa.valdoria.example</th>' in html
    assert f'<q lang="zh">{CSP_ZH}</q>' in html


def test_compare_treats_translations_as_one_formula(
    docs: list[st.Document], wl: st.Watchlist, tmp_path: Path
) -> None:
    """The latest Chinese readout has the formula of all six earlier readouts, in any language."""
    latest = next(d for d in docs if "2023-06-21_corvan-arendt-talks-zh" in d.source)
    with st.Archive.open(tmp_path / "a.db") as archive:
        archive.add([d for d in docs if d is not latest])
        c = compare(archive, latest, watchlist=wl)
    csp = next(f for f in c.formulas if f.phrase_id == "csp")
    assert ("present", 6, 6, True) == (
        csp.status,
        csp.previous,
        csp.previous_total,
        csp.in_previous_readout,
    )
    assert [CSP_ZH] == [o.form for o in csp.occurrences]
    peace = next(f for f in c.formulas if f.phrase_id == "peace")
    assert ("absent", 4) == (peace.status, peace.previous)

"""Close variants of a formula (``_track/_variants.py``) through ``track``."""

from __future__ import annotations

import pytest

from statement_tracker import Document, Watchlist, track


def _found(phrase: str, text: str, match: str | None = None) -> list[tuple[str, str]]:
    occ = track([Document.from_text(text)], Watchlist([phrase]), match=match)
    return [(o.text, o.method) for o in occ]


@pytest.mark.parametrize(
    ("phrase", "text", "method"),
    [
        ("international and regional issues", "on regional and international issues.", "swapped"),
        ("lines of communication", "keep lines of open communication.", "inserted"),
        ("candid and constructive", "They held a candid, constructive talk.", "dropped"),
        ("counternarcotics cooperation", "resume cooperation on counternarcotics.", "inverted"),
        (
            "manage competition responsibly",
            "to responsibly manage the competition between them.",
            "reordered+inserted",
        ),
        (
            "friendship and cooperation",
            "ties of friendship, good-neighbourliness and cooperation.",
            "inserted",
        ),
        ("unprecedented high level", "an unprecedentedly high level.", "folded"),
        (
            "manage competition responsibly",
            "approaches to managing competition with them.",
            "dropped",
        ),
        (
            "Великая Отечественная война",
            "ратное дело героев Великой Отечественной, достойно",
            "dropped",
        ),
    ],
)
def test_close_variant_is_found_with_its_kind(phrase: str, text: str, method: str) -> None:
    """Each kind of close variant is found at the default level and named."""
    found = _found(phrase, text)
    assert 1 == len(found)
    assert method == found[0][1]


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("Eurasian Economic Union", "the Eurasian Economic Commission met."),
        ("new era", "a happy new year."),
        ("no forbidden areas of cooperation", "new areas of cooperation."),
        ("no limits", "there are limits."),
        ("human rights", "the rights of human beings."),
        ("comprehensive strategic partnership", "comprehensive strategic cooperation."),
        ("manage competition responsibly", "managing competition rules."),
        ("全面战略协作伙伴关系", "深化全面战略协作和务实合作。"),
    ],
)
def test_precision_traps_stay_rejected(phrase: str, text: str) -> None:
    """Near misses that change what the formula says are not variants."""
    assert [] == _found(phrase, text)


def test_exact_level_finds_only_the_wording() -> None:
    """``match="exact"`` keeps folding but drops the close variants."""
    text = "regional and global issues; global and regional issues."
    assert [("regional and global issues", "exact")] == _found(
        "regional and global issues", text, match="exact"
    )
    assert 2 == len(_found("regional and global issues", text))


def test_differs_names_the_words() -> None:
    """An occurrence lists the words it adds or lacks."""
    doc = Document.from_text("open lines of open communication")
    occ = track([doc], ["lines of communication"])
    assert ("+open",) == occ[0].differs


def test_phrase_level_wins_over_the_call() -> None:
    """A phrase's own ``match`` overrides the level given to ``track``."""
    toml = '[[phrase]]\nid = "A"\ntext = "regional and global issues"\nmatch = "exact"'
    wl = Watchlist.from_toml(toml)
    assert [] == track([Document.from_text("global and regional issues")], wl, match="loose")


@pytest.mark.parametrize(
    "text",
    [
        "в ходе специальной военной операции",
        "начали специальную военную операцию",
        "Специальная военная операция продолжается.",
        "участники специальной военной операции",
    ],
)
def test_russian_formula_found_in_every_case(text: str) -> None:
    """A Russian formula written in the nominative finds its other case forms."""
    assert 1 == len(_found("специальная военная операция", text))


def test_russian_noun_with_a_verb_like_ending_folds_whole() -> None:
    """"визит" and "визита" agree (the stemmer alone cuts "визит" like a verb)."""
    assert 1 == len(_found("официальный визит", "во время официального визита"))


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("Евразийский экономический союз", "Евразийская экономическая комиссия провела заседание."),
        ("участники специальной военной операции", "в зоне специальной военной операции"),
        ("нет ограничений", "есть ограничения"),
    ],
)
def test_russian_traps_stay_rejected(phrase: str, text: str) -> None:
    """Another referent, a replaced head word or a dropped negation is not the formula."""
    assert [] == _found(phrase, text)


def test_shortened_formula_keeps_its_evidence() -> None:
    """A formula without its last word, where the sentence goes on with a function
    word, is a close variant that names the word it lacks (issue 12)."""
    occ = track(
        [Document.from_text("to manage the competition between us")],
        ["manage competition responsibly"],
    )
    assert [("manage the competition", "inserted+dropped", ("-respons", "+the"))] == [
        (o.text, o.method, o.differs) for o in occ
    ]


def test_shortened_formula_that_starts_two_formulas_is_neither() -> None:
    """A shortening of "one China policy" and of "one China principle" is neither."""
    doc = Document.from_text("There is only one China.")
    assert [] == list(track([doc], ["one China policy", "one China principle"]))
    assert ["one China"] == [o.text for o in track([doc], ["one China policy"])]
    assert [] == list(track([doc], ["one China policy"], match="exact"))

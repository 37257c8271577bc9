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
        # a formula without its last word is mostly another concept (issue 12)
        ("human rights abuses", "respect for human rights."),
        ("clean energy transition", "investments in clean energy."),
        ("Cold War mentality", "since the end of the Cold War."),
        ("one China policy", "There is only one China."),
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

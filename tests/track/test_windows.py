"""Tests for candidate windows: the verdicts remembered across documents."""

from __future__ import annotations

import pytest

from statement_tracker import Watchlist
from statement_tracker._text._normalise import normalise_text
from statement_tracker._track import _windows
from statement_tracker._track._forms import verify
from statement_tracker._track._scan import PhraseIndex

TEXTS = [
    "They reaffirmed the one China policy and the one-China policy again.",
    "Both sides will keep lines of open communication, not lines of communication alone.",
    "Comprehensive partnerships and strategic interaction; not a comprehensive partnership.",
    "They reaffirmed the one China policy.",
]
PHRASES = [
    "one China policy",
    "lines of communication",
    "comprehensive partnership and strategic coordination",
]


def test_remembered_verdicts_are_verify() -> None:
    """Every remembered verdict is what verify() answers for that form and window."""
    index = PhraseIndex(Watchlist(PHRASES))
    for text in TEXTS:
        index.scan(normalise_text(text))
    remembered = [
        _windows._VERDICTS[id(form)] for form in index.forms if id(form) in _windows._VERDICTS
    ]
    assert remembered
    for form, by_negations in remembered:
        for negations in (False, True):
            for window, verdict in by_negations[negations].items():
                assert verify(form, window, negations=negations) == verdict


def _stored(index: PhraseIndex) -> int:
    """How many window words the verdicts remembered for the forms of ``index`` hold."""
    entries = [_windows._VERDICTS.get(id(form)) for form in index.forms]
    return sum(len(w) for e in entries if e is not None for v in e[1] for w in v)


def test_forgetting_keeps_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the verdicts forgotten at every chance, each scan finds what it finds with them."""
    kept = PhraseIndex(Watchlist(PHRASES))
    expected = [kept.scan(normalise_text(t)) for t in TEXTS * 2]
    assert _stored(kept) > 0
    monkeypatch.setattr(_windows, "_MAX_WORDS", 0)
    forgetful = PhraseIndex(Watchlist(PHRASES))
    assert expected == [forgetful.scan(normalise_text(t)) for t in TEXTS * 2]
    assert _stored(kept) == 0  # forgotten with the rest
    assert _windows._REMEMBERED[0] == _stored(forgetful)

"""Compiling watchlist forms: the cost of cutting a form into pieces (issue 20)."""

from __future__ import annotations

import pytest

from statement_tracker import Watchlist
from statement_tracker._track import _forms


@pytest.mark.parametrize("words", [10, 30, 100, 400])
def test_cutting_a_long_form_is_linear(words: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each key's rarity is guessed once, and at most 50,000 cuts' keys are visited.

    The fuzzer found a 142-byte watchlist line that took 2 s to compile: every
    cut of a 30-word form into four pieces guessed the rarity of every key again.
    """
    calls = 0
    rarity = _forms._rarity

    def counted(key: str) -> float:
        nonlocal calls
        calls += 1
        return rarity(key)

    monkeypatch.setattr(_forms, "_rarity", counted)
    phrase = " ".join(f"word{i}" for i in range(words))
    (form,) = _forms.compile_forms(Watchlist([phrase]))
    assert calls <= 2 * words  # pieces, then one anchor per piece
    assert form.pieces[0][0] == 0 and form.pieces[-1][1] == words
    assert all(a[1] == b[0] for a, b in zip(form.pieces, form.pieces[1:], strict=False))


def test_pieces_of_a_short_form_are_its_rarest_words() -> None:
    """A short form is still cut so that its commonest words do not stand alone."""
    (form,) = _forms.compile_forms(Watchlist(["peace and stability across the Taiwan Strait"]))
    assert ((0, 2), (2, 4), (4, 6), (6, 7)) == form.pieces

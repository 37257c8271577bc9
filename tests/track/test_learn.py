"""Wordings learnt from a corpus (``_track/_learn.py``)."""

from __future__ import annotations

from statement_tracker import Document, Watchlist, learn_wordings, track

_TEXTS = (
    "The leaders keep open lines of communication.",
    "Both sides keep open channels of communication.",
    "They agreed to keep open channels of communication.",
    "A bank keeps open lines of credit.",
)


def _docs(texts: tuple[str, ...] = _TEXTS) -> list[Document]:
    return [Document.from_text(t, source=f"d{i}") for i, t in enumerate(texts)]


def test_replacement_sharing_a_context_is_learnt_with_evidence() -> None:
    """A word replaced in two documents, next to a word the formula also has, is learnt."""
    (w,) = learn_wordings(_docs(), ["lines of communication"])
    assert ("channels of communication", "lines", "channels") == (w.wording, w.word, w.replacement)
    assert (2, ("open",)) == (w.documents, w.shared_contexts)


def test_one_document_is_not_enough() -> None:
    """A replacement seen in one document only is not learnt."""
    assert [] == learn_wordings(_docs(_TEXTS[:2] + _TEXTS[3:]), ["lines of communication"])


def test_no_shared_context_no_learning() -> None:
    """A replacement that never stands where the formula stands is not learnt."""
    texts = (
        "The leaders keep open lines of communication.",
        "Engineers build fibre channels of communication.",
        "Engineers test copper channels of communication.",
    )
    assert [] == learn_wordings(_docs(texts), ["lines of communication"])


def test_names_learn_nothing() -> None:
    """A formula that is a name (every content word capitalised) learns no replacement."""
    texts = (
        "members of the Eurasian Economic Union met.",
        "members of the Eurasian Economic Commission met.",
        "members of the Eurasian Economic Commission spoke.",
    )
    assert [] == learn_wordings(_docs(texts), ["Eurasian Economic Union"])


def test_loose_level_tracks_learnt_wordings_as_synonyms() -> None:
    """``match="loose"`` learns from the tracked documents and says so in the method."""
    occ = track(_docs(), ["lines of communication"], match="loose")
    assert ["exact", "synonym", "synonym"] == [o.method for o in occ]
    assert [] == [o for o in track(_docs(), ["lines of communication"]) if o.method != "exact"]


def test_learnt_wordings_round_trip_through_toml() -> None:
    """A watchlist with learnt wordings saves them and reads them back."""
    wl = Watchlist(["lines of communication"]).with_learnt(
        learn_wordings(_docs(), ["lines of communication"])
    )
    assert wl == Watchlist.from_toml(wl.to_toml())
    assert ("channels of communication",) == wl[0].learnt

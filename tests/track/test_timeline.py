"""Tests for timelines: order, statuses, gaps, drop-outs, variants and undated documents."""

from __future__ import annotations

import pytest

from statement_tracker import Document, UsageError, Watchlist, track
from statement_tracker._track._timeline import timeline

PHRASE = "comprehensive partnership and strategic cooperation"
FUZZY = "comprehensive partnership and close strategic cooperation"


def _docs(texts: list[str], series: str | None = None) -> list[Document]:
    return [
        Document.from_text(
            t + f" ({i})", source=f"r{i:02d}", date=f"2023-{i:02d}-11", series=series
        )
        for i, t in enumerate(texts, start=1)
    ]


def _one(docs: list[Document], **kw: object) -> object:
    return timeline(track(docs, [PHRASE]), docs, **kw).formulas[0]  # type: ignore[arg-type]


def test_statuses_follow_date_order() -> None:
    """Documents are ordered by date, whatever order they came in."""
    docs = _docs([PHRASE, "nothing", FUZZY])
    f = _one(list(reversed(docs)))
    assert "#.~" == f.strip()  # type: ignore[attr-defined]


def test_first_and_last_seen() -> None:
    """first_seen and last_seen are the dates of the first and last presence."""
    f = _one(_docs(["x", PHRASE, "y", FUZZY, "z"]))
    assert ("2023-02-11", "2023-04-11") == (
        f.first_seen.isoformat(),  # type: ignore[attr-defined]
        f.last_seen.isoformat(),  # type: ignore[attr-defined]
    )


def test_dropout_after_a_run() -> None:
    """Present in 7 readouts then absent from the last 2 is a drop-out since the first absence."""
    f = _one(_docs([PHRASE] * 7 + ["x", "y"]))
    assert (
        "present in 7 consecutive documents, absent from the last 2 since 2023-08-11"
        == f.dropout.message  # type: ignore[attr-defined]
    )


def test_no_dropout_when_run_is_short() -> None:
    """Two presences then an absence is not a drop-out (default run of 3)."""
    assert None is _one(_docs([PHRASE, PHRASE, "x"])).dropout  # type: ignore[attr-defined]


def test_no_dropout_when_still_present() -> None:
    """A formula present in the last document has not dropped out."""
    assert None is _one(_docs([PHRASE] * 4 + ["x", PHRASE])).dropout  # type: ignore[attr-defined]


def test_gaps_between_presences() -> None:
    """Absences between two presences are a gap."""
    f = _one(_docs([PHRASE, "x", "y", PHRASE]))
    assert [2] == [g.documents for g in f.gaps]  # type: ignore[attr-defined]


def test_variants_counted_with_first_date() -> None:
    """Each wording is counted, with the date it first appeared."""
    f = _one(_docs([FUZZY, PHRASE, FUZZY]))
    got = {(v.text, v.count, v.first_date.isoformat()) for v in f.variants}  # type: ignore[attr-defined]
    assert {(FUZZY, 2, "2023-01-11"), (PHRASE, 1, "2023-02-11")} == got


def test_undated_documents_are_reported() -> None:
    """Undated documents are listed apart, not dropped."""
    docs = [*_docs([PHRASE]), Document.from_text(PHRASE + " again", source="undated")]
    f = _one(docs)
    assert (["present"], "#") == ([u.status for u in f.undated], f.strip())  # type: ignore[attr-defined]


def test_grouped_by_series() -> None:
    """With series=, each series gets its own timeline and drop-out."""
    docs = _docs([PHRASE] * 3 + ["x"], series="A") + _docs([PHRASE] * 2, series="B")
    tl = timeline(track(docs, [PHRASE]), docs, series="series")
    assert [("A", True), ("B", False)] == [(f.series, f.dropout is not None) for f in tl.formulas]


def test_watchlist_phrases_never_found_are_listed() -> None:
    """A watchlist phrase with no occurrence still gets a (never seen) timeline."""
    docs = _docs(["x"])
    tl = timeline([], docs, watchlist=Watchlist(["new era"]))
    assert [(None, ".")] == [(f.first_seen, f.strip()) for f in tl.formulas]


def test_unknown_series_field_is_usage_error() -> None:
    """Grouping by a field documents do not have raises UsageError."""
    with pytest.raises(UsageError):
        timeline([], _docs(["x"]), series="colour")

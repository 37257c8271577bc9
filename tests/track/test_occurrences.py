"""Tests for :class:`Occurrences`, the list :func:`track` returns (``_track/_occurrences.py``)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from pathlib import Path

import pytest

from statement_tracker import (
    Archive,
    Document,
    MissingDependencyError,
    Occurrence,
    Occurrences,
    TrackIndex,
    Watchlist,
    track,
)
from statement_tracker._track._occurrences import OCCURRENCE_COLUMNS

WL = Watchlist(["new era", "no limits", "never said"])


def _docs(n: int = 3) -> list[Document]:
    return [
        Document.from_text(
            f"A new era, no limits ({i}).",
            source=f"r{i}.txt",
            date=dt.date(2024, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(n)
    ]


def test_track_returns_occurrences_with_its_watchlist() -> None:
    """track() gives an Occurrences that remembers the watchlist it tracked."""
    occ = track(_docs(), WL)
    assert isinstance(occ, Occurrences)
    assert [p.text for p in WL] == [p.text for p in occ.watchlist or ()]


def test_occurrences_equal_a_plain_list() -> None:
    """It compares equal to a plain list of the same occurrences, both ways round."""
    occ = track(_docs(), WL)
    plain: list[Occurrence] = list(occ)
    assert plain == occ and occ == plain and type(plain) is list


def test_occurrences_pickle_with_their_watchlist() -> None:
    """Pickling and copying keep the items, the class and the watchlist."""
    occ = track(_docs(), WL)
    for back in (pickle.loads(pickle.dumps(occ)), copy.deepcopy(occ)):
        assert occ == back and isinstance(back, Occurrences)
        assert back.watchlist is not None and len(WL) == len(back.watchlist)


def test_occurrences_serialise_as_a_list() -> None:
    """json sees a list (of the occurrences' dicts)."""
    occ = track(_docs(), WL)
    assert json.dumps([o.to_dict() for o in occ]) == json.dumps(
        Occurrences(o.to_dict() for o in occ)  # type: ignore[misc]
    )


def test_slicing_keeps_the_class_and_the_watchlist() -> None:
    """A slice is an Occurrences too; an index is one occurrence."""
    occ = track(_docs(), WL)
    part = occ[:2]
    assert isinstance(part, Occurrences) and part.watchlist is occ.watchlist
    assert isinstance(occ[0], Occurrence) and list(occ)[:2] == part


def test_parallel_track_returns_occurrences() -> None:
    """With worker processes the result is the same Occurrences."""
    docs = _docs(4)
    occ = track(docs, WL, workers=2)
    assert isinstance(occ, Occurrences) and occ.watchlist is not None
    assert track(docs, WL) == occ


def test_track_index_and_archive_return_occurrences(tmp_path: Path) -> None:
    """TrackIndex.track and Archive.track remember their watchlist as track() does."""
    docs = _docs()
    with Archive.open(tmp_path / "a.db") as archive:
        archive.add(docs)
        stored = archive.track(WL)
    found = TrackIndex(docs).track(WL)
    for occ in (found, stored):
        assert isinstance(occ, Occurrences) and occ.watchlist is not None
        assert ["new era", "no limits", "never said"] == [p.text for p in occ.watchlist]


def test_repr_is_one_short_line() -> None:
    """repr() summarises, whatever the number of occurrences."""
    occ = track(_docs(200), WL)
    assert "<Occurrences: 400 occurrences of 2 formulas (of 3 tracked) in 200 documents>" == repr(
        occ
    )


def test_str_shows_twenty_rows_and_says_how_many_more() -> None:
    """str() is a table of the first 20 occurrences and a line for the rest."""
    lines = str(track(_docs(200), WL)).splitlines()
    assert "phrase_id" == lines[1].split()[0]
    assert 1 + 2 + 20 + 1 == len(lines)
    assert "… 380 more occurrences not shown" == lines[-1]


def test_html_is_escaped_and_bounded() -> None:
    """Jupyter's HTML escapes the matched text and shows at most 20 rows."""
    docs = [Document.from_text(f"<b>new era</b> {i}", source=f"<s{i}>") for i in range(50)]
    page = track(docs, WL)._repr_html_()
    assert "<s0>" not in page and "&lt;s0&gt;" in page
    assert 1 + 20 == page.count("<tr>")
    assert "30 more occurrences not shown" in page


def test_to_dataframe_has_every_field_of_every_occurrence() -> None:
    """One row per occurrence, the documented columns, exact scores and dates."""
    pytest.importorskip("pandas", reason="the pandas extra is not installed")
    occ = track(_docs(), WL)
    df = occ.to_dataframe()
    assert list(OCCURRENCE_COLUMNS) == list(df.columns)
    assert [(o.start, o.end, o.text) for o in occ] == list(
        zip(df.start, df.end, df.text, strict=True)
    )
    assert "datetime64[ns]" == str(df.date.dtype)
    assert [o.score for o in occ] == df.score.tolist()


def test_to_dataframe_of_nothing_has_the_columns() -> None:
    """An empty result gives an empty frame with the same columns."""
    pytest.importorskip("pandas", reason="the pandas extra is not installed")
    df = track([Document.from_text("nothing here")], WL).to_dataframe()
    assert (0, list(OCCURRENCE_COLUMNS)) == (len(df), list(df.columns))


@pytest.mark.usefixtures("no_pandas")
def test_to_dataframe_without_pandas_names_the_extra() -> None:
    """Without pandas, to_dataframe raises the typed error that names the extra."""
    with pytest.raises(MissingDependencyError, match=r"statement-tracker\[pandas\]"):
        track(_docs(), WL).to_dataframe()

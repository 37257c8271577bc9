"""Tests for a timeline's displays and its watchlist order (``_track/_timeline_display.py``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import statement_tracker as st
from statement_tracker import Document, MissingDependencyError, Watchlist, timeline, track
from statement_tracker._cli import main
from statement_tracker._track._timeline_display import TIMELINE_COLUMNS

WL = Watchlist(["never said", "no limits", "new era"])


def _docs(n: int, text: str = "No limits, a new era.") -> list[Document]:
    return [
        Document.from_text(
            f"{text} ({i})",
            source=f"r{i:04d}.txt",
            date=dt.date(2000, 1, 1) + dt.timedelta(days=7 * i),
        )
        for i in range(n)
    ]


def test_timeline_keeps_the_watchlist_order_and_the_formulas_never_seen() -> None:
    """timeline(track(docs, wl), docs) lists every formula of wl, in wl's order."""
    docs = _docs(3, "A new era. No limits.")
    tl = timeline(track(docs, WL), docs)
    assert ["never said", "no limits", "new era"] == [f.phrase for f in tl.formulas]
    assert (None, "...") == (tl.formulas[0].first_seen, tl.formulas[0].strip())


def test_timeline_of_a_plain_list_still_takes_an_explicit_watchlist() -> None:
    """A plain list of occurrences has no watchlist: the argument gives one."""
    docs = _docs(2)
    plain = list(track(docs, WL))
    assert ["no limits", "new era"] == [f.phrase for f in timeline(plain, docs).formulas]
    assert 3 == len(timeline(plain, docs, watchlist=WL).formulas)


def test_readme_example_matches_the_command_line(
    fixtures_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's Python timeline has the command line's formulas, in its order."""
    monkeypatch.chdir(fixtures_dir.parent)
    docs = list(st.load_corpus(["fixtures/readouts"]))
    wl = st.Watchlist.from_file("fixtures/watchlist.toml")
    tl = st.timeline(st.track(docs, wl), docs)
    argv = ["timeline", "fixtures/readouts", "--watchlist", "fixtures/watchlist.toml"]
    assert 0 == main([*argv, "--format", "json"])
    cli = json.loads(capsys.readouterr().out)
    assert [f["phrase_id"] for f in cli["formulas"]] == [f.phrase_id for f in tl.formulas]
    assert [f["strip"] for f in cli["formulas"]] == [f.strip() for f in tl.formulas]
    assert [p.id for p in wl] == [f.phrase_id for f in tl.formulas]


def test_repr_is_one_line_of_counts() -> None:
    """repr() says how many formulas, documents and drop-outs."""
    docs = _docs(4)
    assert (
        "<Timeline: 3 formulas × 4 dated documents (2000-01-01 – 2000-01-22), 0 drop-outs>"
        == repr(timeline(track(docs, WL), docs))
    )


def test_str_is_a_table_with_a_legend() -> None:
    """str() has a row per formula with its strip, then the legend."""
    docs = _docs(3)
    lines = str(timeline(track(docs, WL), docs)).splitlines()
    assert ["id", "formula", "first", "seen"] == lines[1].split()[:4]
    assert ["P01", "never", "said", "never", "0/3", "..."] == lines[3].split()
    assert ["0/3", "3/3", "3/3"] == [line.split()[-2] for line in lines[3:6]]
    assert ["...", "###", "###"] == [line.split()[-1] for line in lines[3:6]]
    assert any(line.startswith("presence: one mark per dated document,") for line in lines)


def test_long_series_strip_says_how_many_documents_a_mark_stands_for() -> None:
    """Over 40 documents, each mark stands for several and the legend says how many."""
    docs = _docs(173)
    text = str(timeline(track(docs, WL), docs))
    strips = [line.split()[-1] for line in text.splitlines() if line.startswith("P03")]
    assert ["#" * 35] == strips  # 173 documents, 5 per mark
    assert "one mark per 5 dated documents (the strongest status among them)" in text


def test_strongest_status_wins_a_mark() -> None:
    """A mark over documents with and without the formula shows it as present."""
    docs = _docs(80, "Other words.")
    docs[5] = Document.from_text("No limits.", source="r0005.txt", date=docs[5].date)
    f = next(
        line for line in str(timeline(track(docs, WL), docs)).splitlines() if line.startswith("P02")
    )
    assert ".." + "#" + "." * 37 == f.split()[-1]


def test_html_is_escaped_and_bounded() -> None:
    """Jupyter's HTML: text escaped, at most 25 formulas, strips of at most 100 runs."""
    wl = Watchlist([f"<b>formula {i}</b>" for i in range(60)] + ["no limits"])
    docs = [
        Document.from_text(
            "No limits." if i % 2 else "Other.",
            source=f"r{i}",
            date=dt.date(2000, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(1000)
    ]
    tl = timeline(track(docs, wl), docs)
    page = tl._repr_html_()
    assert "<b>formula" not in page and "&lt;b&gt;formula 0" in page
    assert 1 + 25 == page.count("<tr>")
    assert "36 more formulas not shown" in page
    assert len(page) < 100_000
    assert "one mark per 10 dated documents" in page


def test_html_strip_titles_name_dates_and_counts() -> None:
    """Each run of marks has a title with its dates and statuses."""
    docs = _docs(3)
    page = timeline(track(docs, ["no limits"]), docs)._repr_html_()
    assert 'title="2000-01-01 – 2000-01-15: 3 present"' in page


def test_to_dataframe_has_a_row_per_formula_and_document() -> None:
    """One row per formula × document, the documented columns, presence as booleans."""
    pytest.importorskip("pandas", reason="the pandas extra is not installed")
    docs = [
        *_docs(3),
        Document.from_text("Other.", source="z.txt", date="2001-01-01"),
        Document.from_text("No limits.", source="undated.txt"),
    ]
    tl = timeline(track(docs, WL), docs)
    df = tl.to_dataframe()
    assert list(TIMELINE_COLUMNS) == list(df.columns)
    assert 3 * 5 == len(df)
    mine = df[df.phrase_id == "P02"]
    assert [True, True, True, False, True] == mine.present.tolist()
    assert [0, 1, 2, 3, 4] == mine.order.tolist()
    assert mine.date.isna().tolist() == [False, False, False, False, True]
    assert not df[df.phrase_id == "P01"].present.any()


def test_to_dataframe_marks_documents_after_a_drop_out() -> None:
    """dropped_out is true for the documents after the formula stopped."""
    pytest.importorskip("pandas", reason="the pandas extra is not installed")
    docs = _docs(3) + [
        Document.from_text("Other.", source=f"z{i}", date=dt.date(2001, 1, 1 + i)) for i in range(2)
    ]
    df = timeline(track(docs, WL), docs).to_dataframe()
    assert [False] * 3 + [True] * 2 == df[df.phrase_id == "P02"].dropped_out.tolist()


@pytest.mark.usefixtures("no_pandas")
def test_to_dataframe_without_pandas_names_the_extra() -> None:
    """Without pandas, to_dataframe raises the typed error that names the extra."""
    docs = _docs(1)
    with pytest.raises(MissingDependencyError, match=r"pip install 'statement-tracker\[pandas\]'"):
        timeline(track(docs, WL), docs).to_dataframe()

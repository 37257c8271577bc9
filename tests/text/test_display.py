"""Tests for the tables the results show themselves with (``_text/_display.py``)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from statement_tracker import MissingDependencyError
from statement_tracker._text._display import (
    Html,
    bins,
    columns,
    cut,
    data_frame,
    html_block,
    html_table,
    text_table,
)


def test_cut_says_whether_it_cut() -> None:
    """A text within the width is kept whole; a longer one ends in an ellipsis."""
    assert ("abc", False) == cut("abc", 3)
    assert ("ab…", True) == cut("abcd", 3)


def test_cut_counts_wide_characters_twice() -> None:
    """CJK characters take two columns: a cut fits the width in columns, not characters."""
    text, was_cut = cut("人类命运共同体", 7)
    assert was_cut and columns(text) <= 7 and text.endswith("…")


def test_cut_left_keeps_the_end_of_a_path() -> None:
    """Paths are cut at the start, where they say least."""
    assert ("…/b/c.txt", True) == cut("corpus/a/b/c.txt", 9, left=True)


def test_text_table_states_rows_left_out() -> None:
    """Rows not shown are counted under the table."""
    out = text_table(["n"], [[1], [2]], total=5, noun="occurrence")
    assert "… 3 more occurrences not shown" == out.splitlines()[-1]


def test_text_table_states_cut_cells() -> None:
    """Cells cut to the width are counted under the table."""
    out = text_table(["text"], [["x" * 30], ["y" * 30]], total=2, noun="row", width=10)
    assert "2 cells cut to 10 characters (…)" == out.splitlines()[-1]


def test_text_table_says_nothing_when_nothing_is_left_out() -> None:
    """A complete table has no note under it."""
    out = text_table(["a", "b"], [["x", "y"]], total=1, noun="row")
    assert ["a  b", "-  -", "x  y"] == out.splitlines()


def test_text_table_aligns_wide_characters() -> None:
    """Columns after a CJK cell start at the same terminal column on every line."""
    out = text_table(["text", "n"], [["合作", 1], ["abcd", 2]], total=2, noun="row")
    starts = {columns(line[: line.rindex(" ") + 1]) for line in out.splitlines()[2:]}
    assert 1 == len(starts)


def test_html_table_escapes_text_but_not_html() -> None:
    """Document text is escaped; cells marked as HTML are kept."""
    out = html_table(["a", "b"], [["<script>x</script>", Html("<i>y</i>")]], total=1, noun="row")
    assert "&lt;script&gt;" in out and "<script>" not in out and "<i>y</i>" in out


def test_html_table_states_rows_left_out() -> None:
    """Rows not shown are counted under the table."""
    out = html_table(["a"], [["x"]], total=1001, noun="formula")
    assert out.endswith('<p class="st-more">… 1,000 more formulas not shown</p>')


def test_html_block_escapes_its_title() -> None:
    """The title line is text, not markup."""
    assert "<b>&lt;img&gt;</b>" in html_block("<img>")


@pytest.mark.parametrize(("n", "most"), [(0, 5), (1, 5), (7, 3), (100, 100), (101, 100)])
def test_bins_cover_the_range_in_order(n: int, most: int) -> None:
    """Bins are consecutive, cover range(n) once, and are at most ``most``."""
    pieces = bins(n, most)
    assert list(range(n)) == [i for a, b in pieces for i in range(a, b)]
    assert len(pieces) <= most


def test_data_frame_keeps_the_columns_in_order() -> None:
    """The frame has exactly the columns asked for, dates as datetime64."""
    pytest.importorskip("pandas", reason="the pandas extra is not installed")
    df = data_frame(
        [{"b": 1, "a": None}, {"a": dt.date(2024, 1, 2), "b": 2}], ["a", "b"], dates=["a"]
    )
    assert ["a", "b"] == list(df.columns)
    assert [True, False] == df["a"].isna().tolist()


@pytest.mark.usefixtures("no_pandas")
def test_data_frame_without_pandas_names_the_extra() -> None:
    """Without pandas the error is typed, an ImportError, and says what to install."""
    with pytest.raises(MissingDependencyError) as info:
        data_frame([], ["a"], what="Timeline.to_dataframe()")
    assert isinstance(info.value, ImportError)
    assert "pip install 'statement-tracker[pandas]'" in str(info.value)
    assert str(info.value).startswith("Timeline.to_dataframe() needs pandas")


def test_pandas_is_imported_only_by_to_dataframe() -> None:
    """Importing statement_tracker (and tracking) does not import pandas."""
    code = (
        "import sys, statement_tracker as st\n"
        "st.track([st.Document.from_text('A new era.')], ['new era'])\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "False" == out.stdout.strip()

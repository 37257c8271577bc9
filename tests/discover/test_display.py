"""Tests for :class:`Formulas`, the list :func:`discover` returns (``_discover/_display.py``)."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from statement_tracker import Document, Formula, Formulas, MissingDependencyError, discover
from statement_tracker._discover._display import FORMULA_COLUMNS


def _formula(i: int, text: str = "x y z") -> Formula:
    return Formula(
        text=f"{text} {i}",
        norm=f"{text} {i}",
        variants=(),
        documents=100 - i,
        doc_ids=("a", "b"),
        first_date=dt.date(2020, 1, 1),
        last_date=None,
        score=float(100 - i),
    )


def _docs() -> list[Document]:
    return [
        Document.from_text(
            f"On day {i} we reaffirmed the one China policy and the new era of ties.",
            date=dt.date(2024, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(5)
    ]


def test_discover_returns_formulas_equal_to_a_plain_list() -> None:
    """discover() gives a Formulas; it equals a plain list and pickles as one."""
    found = discover(_docs())
    assert isinstance(found, Formulas) and list(found) == found
    back = pickle.loads(pickle.dumps(found))
    assert isinstance(back, Formulas) and back == found
    assert isinstance(found[:1], Formulas)


def test_discover_of_too_few_documents_is_an_empty_formulas() -> None:
    """Fewer documents than min_docs: an empty Formulas, shown as such."""
    found = discover(_docs()[:1])
    assert isinstance(found, Formulas) and [] == found
    assert "<Formulas: no formula found>" == repr(found)


def test_str_ranks_thirty_and_counts_the_rest() -> None:
    """str() shows the first 30, ranked, and says how many more there are."""
    lines = str(Formulas(_formula(i) for i in range(45))).splitlines()
    assert "45 formulas, in 56 to 100 documents" == lines[0]
    assert ["1", "x", "y", "z", "0", "100"] == lines[3].split()[:6]
    assert "… 15 more formulas not shown" == lines[-1]


def test_html_escapes_and_bounds() -> None:
    """Jupyter's HTML escapes the wordings and shows at most 30 rows."""
    page = Formulas(_formula(i, "<b>x</b>") for i in range(45))._repr_html_()
    assert "<b>x" not in page and "&lt;b&gt;x&lt;/b&gt; 0" in page
    assert 1 + 30 == page.count("<tr>") and "15 more formulas not shown" in page


def test_to_dataframe_has_a_row_per_formula_in_rank_order() -> None:
    """One row per formula, best first, with the documented columns."""
    pytest.importorskip("pandas", reason="the pandas extra is not installed")
    found = discover(_docs())
    df = found.to_dataframe()
    assert list(FORMULA_COLUMNS) == list(df.columns)
    assert [f.text for f in found] == df.text.tolist()
    assert list(range(1, len(found) + 1)) == df["rank"].tolist()
    assert "datetime64[ns]" == str(df.first_date.dtype)


@pytest.mark.usefixtures("no_pandas")
def test_to_dataframe_without_pandas_names_the_extra() -> None:
    """Without pandas, to_dataframe raises the typed error that names the extra."""
    with pytest.raises(MissingDependencyError, match=r"statement-tracker\[pandas\]"):
        Formulas([_formula(1)]).to_dataframe()

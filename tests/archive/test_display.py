"""Tests for how a comparison shows itself (``_archive/_display.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from statement_tracker import (
    Archive,
    Comparison,
    Document,
    MissingDependencyError,
    UsageError,
    Watchlist,
)
from statement_tracker._archive._display import COMPARISON_COLUMNS

WL = Watchlist(["new era", "no limits", "<b>never</b>"])


def _comparison(tmp_path: Path) -> Comparison:
    earlier = [
        Document.from_text(
            f"A new era. No limits. Talks number {i} went well.",
            source=f"r{i}.txt",
            date=f"2024-0{i}-01",
            series="s",
            title=f"Call {i}",
        )
        for i in range(1, 4)
    ]
    new = Document.from_text(
        "A new era. Talks number 3 went well. <script>We open a <b>bridge</b>.</script>",
        source="new.txt",
        date="2024-05-01",
        series="s",
        title="<Call 4>",
    )
    with Archive.open(tmp_path / "a.db") as archive:
        archive.add(earlier)
        return archive.compare(new, series="s", watchlist=WL)


def test_repr_counts_formulas_and_sentences(tmp_path: Path) -> None:
    """repr() is one line: the readout, its formulas present and absent, new sentences."""
    c = _comparison(tmp_path)
    text = repr(c)
    assert text.startswith(f"<Comparison of {c.doc_id}: 1 formula present, 1 absent; ")
    assert text.endswith(f"{len(c.new_sentences)} new of 3 sentences>")


def test_str_names_the_readout_and_tabulates_formulas_and_new_sentences(tmp_path: Path) -> None:
    """str() names id, title, date and baseline, then the formulas and the new sentences."""
    c = _comparison(tmp_path)
    text = str(c)
    assert f"{c.doc_id} <Call 4> (2024-05-01) against series 's': 3 earlier readouts" in text
    rows = [line.split() for line in text.splitlines() if line.startswith("P0")]
    last = f"2024-03-01 {c.earlier[-1]}".split()
    assert [
        ["P01", "new", "era", "present", "1", "3/3", *last],
        ["P02", "no", "limits", "absent", "0", "3/3", *last],
    ] == rows
    assert "<script>We open a <b>bridge</b>.</script>" == text.splitlines()[-1].split(maxsplit=1)[1]


def test_html_escapes_titles_and_sentences(tmp_path: Path) -> None:
    """Document titles and sentences stay text in Jupyter's HTML."""
    page = _comparison(tmp_path)._repr_html_()
    assert "<script>" not in page and "<b>bridge" not in page
    assert "&lt;Call 4&gt;" in page and "&lt;b&gt;bridge&lt;/b&gt;" in page


def test_to_dataframe_of_sentences_and_of_formulas(tmp_path: Path) -> None:
    """Sentences (default) and formulas each give their documented columns and rows."""
    pytest.importorskip("pandas", reason="the pandas extra is not installed")
    c = _comparison(tmp_path)
    sentences = c.to_dataframe()
    assert list(COMPARISON_COLUMNS["sentences"]) == list(sentences.columns)
    assert [s.status for s in c.sentences] == sentences.status.tolist()
    formulas = c.to_dataframe(of="formulas")
    assert list(COMPARISON_COLUMNS["formulas"]) == list(formulas.columns)
    assert [f.phrase_id for f in c.formulas] == formulas.phrase_id.tolist()
    assert "datetime64[ns]" == str(formulas.last_seen_date.dtype)


def test_to_dataframe_of_something_else_is_a_usage_error() -> None:
    """Only sentences or formulas: anything else is refused with the choices."""
    with pytest.raises(UsageError, match="'sentences' or 'formulas'"):
        Comparison(doc_id="d").to_dataframe(of="words")


@pytest.mark.usefixtures("no_pandas")
def test_to_dataframe_without_pandas_names_the_extra() -> None:
    """Without pandas, to_dataframe raises the typed error that names the extra."""
    with pytest.raises(MissingDependencyError, match=r"statement-tracker\[pandas\]"):
        Comparison(doc_id="d").to_dataframe()

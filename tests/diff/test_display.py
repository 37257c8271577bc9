"""Tests for how a diff shows itself (``_diff/_display.py``)."""

from __future__ import annotations

import pytest

from statement_tracker import CHANGE_KINDS, Document, MissingDependencyError, diff
from statement_tracker._diff._display import CHANGE_COLUMNS

OLD = "We agree. Both sides keep firm and lasting ties (<i>now</i>). Trade grows."
NEW = "We agree. Both sides keep strong and lasting ties (<i>now</i>). Talks went well."


def _diff() -> object:
    return diff(Document.from_text(OLD, source="old.txt"), Document.from_text(NEW, source="new"))


def test_repr_is_the_summary_line() -> None:
    """repr() names both documents and counts every kind of change, similarity in %."""
    d = diff("One. Two.", "One. Three.")
    text = repr(d)
    assert text.startswith(f"<Diff {d.old_doc_id} → {d.new_doc_id}: 1 kept, 0 typographic")
    assert text.endswith(f"1 added, 1 removed, 0 moved; similarity {d.summary.similarity:.1f} %>")
    assert "\n" not in text


def test_str_lists_every_change_but_unmoved_kept_ones() -> None:
    """str() has a row per change that is not an unmoved kept sentence."""
    lines = str(_diff()).splitlines()
    kinds = [line.split()[0] for line in lines[4:] if line.split()[0] in CHANGE_KINDS]
    assert ["reworded", "removed", "added"] == kinds


def test_str_says_how_many_changes_are_left_out() -> None:
    """Over 30 changes, the rest are counted."""
    old = " ".join(f"Sentence number {i} is old." for i in range(40))
    new = " ".join(f"Entirely different line {i} here." for i in range(40))
    assert "… 50 more changes not shown" == str(diff(old, new)).splitlines()[-1]


def test_html_marks_the_word_edits_and_escapes_the_text() -> None:
    """Removed words in <del>, added ones in <ins>, whole sentences tinted, markup as text."""
    page = _diff()._repr_html_()  # type: ignore[attr-defined]
    assert "<del>firm</del>" in page and "<ins>strong</ins>" in page
    assert "<i>" not in page and "&lt;i&gt;now&lt;/i&gt;" in page
    assert '<span class="st-rm">Trade grows.</span>' in page
    assert '<span class="st-add">Talks went well.</span>' in page


def test_html_is_bounded() -> None:
    """At most 50 changes in HTML, the rest counted."""
    old = " ".join(f"Sentence number {i} is old." for i in range(40))
    new = " ".join(f"Entirely different line {i} here." for i in range(40))
    page = diff(old, new)._repr_html_()
    assert 1 + 50 == page.count("<tr>") and "30 more changes not shown" in page


def test_to_dataframe_has_a_row_per_change() -> None:
    """Every change (kept ones too), the documented columns, offsets into both texts."""
    pytest.importorskip("pandas", reason="the pandas extra is not installed")
    d = diff(OLD, NEW)
    df = d.to_dataframe()
    assert list(CHANGE_COLUMNS) == list(df.columns)
    assert [c.kind for c in d.changes] == df.kind.tolist()
    kept = df[df.kind == "kept"].iloc[0]
    assert OLD[int(kept.old_start) : int(kept.old_end)] == kept.old_text
    assert 1 == int(df[df.kind == "reworded"].word_edits.iloc[0])


@pytest.mark.usefixtures("no_pandas")
def test_to_dataframe_without_pandas_names_the_extra() -> None:
    """Without pandas, to_dataframe raises the typed error that names the extra."""
    with pytest.raises(MissingDependencyError, match=r"Diff.to_dataframe\(\) needs pandas"):
        diff("A.", "B.").to_dataframe()

"""Tests for the sentence-level diff in ``_diff.py`` and its alignment in ``_align.py``."""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as hs

import statement_tracker as st
from statement_tracker._diff._align import longest_increasing
from statement_tracker._diff._diff import diff
from statement_tracker._diff._records import CHANGE_KINDS
from strategies import edited_readouts, readout_texts


def _kinds(d: st.Diff) -> list[str]:
    return [c.kind for c in d.changes]


@given(readout_texts())
def test_diff_with_itself_keeps_everything(text: str) -> None:
    """diff(a, a) has only kept changes, none moved, similarity 100."""
    d = diff(text, text)
    assert {"kept"} >= set(_kinds(d))
    assert not any(c.moved for c in d.changes)
    assert 100.0 == d.summary.similarity


@given(edited_readouts())
def test_swapping_sides_swaps_added_and_removed(pair: tuple[str, str]) -> None:
    """Swapping old and new swaps added and removed and keeps the other counts."""
    old, new = pair
    ab, ba = diff(old, new).summary, diff(new, old).summary
    assert (ab.added, ab.removed) == (ba.removed, ba.added)
    assert (ab.kept, ab.typographic, ab.reworded) == (ba.kept, ba.typographic, ba.reworded)


@given(edited_readouts())
def test_applying_the_edits_gives_the_new_text(pair: tuple[str, str]) -> None:
    """The edit script of a diff turns the old text into the new one."""
    old, new = pair
    assert new == diff(old, new).apply_to(old)


@given(hs.text(), hs.text())
def test_applying_the_edits_works_on_any_text(old: str, new: str) -> None:
    """The edit script is exact on arbitrary Unicode, not only on readouts."""
    assert new == diff(old, new).apply_to(old)


@given(edited_readouts())
def test_spans_point_into_their_documents(pair: tuple[str, str]) -> None:
    """Every old/new span and word-edit span is a slice of its own text."""
    old, new = pair
    for c in diff(old, new).changes:
        for span, text in ((c.old, old), (c.new, new)):
            if span is not None:
                assert text[span.start : span.end] == span.text
        for e in c.edits:
            assert old[e.old.start : e.old.end] == e.old.text
            assert new[e.new.start : e.new.end] == e.new.text


@given(edited_readouts())
def test_every_sentence_is_in_exactly_one_change(pair: tuple[str, str]) -> None:
    """The changes cover each document's sentences once, without overlap."""
    old, new = pair
    d = diff(old, new)
    for side, text in (("old", old), ("new", new)):
        spans = sorted(
            (s.start, s.end) for c in d.changes if (s := getattr(c, side)) is not None
        )
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
        covered = "".join(text[s:e] for s, e in spans)
        assert "".join(text.split()) == "".join(covered.split())


def test_reworded_sentence_carries_word_edits() -> None:
    """A changed word makes a reworded change with a replace edit naming both words."""
    d = diff(
        "The two presidents discussed firm cooperation on trade.",
        "The two presidents discussed strong cooperation on trade.",
    )
    (c,) = d.changes
    assert ("reworded", 1) == (c.kind, len(c.edits))
    e = c.edits[0]
    assert ("replace", "firm", "strong") == (e.op, e.old.text, e.new.text)


def test_deleted_words_mark_their_place_in_the_new_text() -> None:
    """A delete carries an empty new span at the place the words were taken out."""
    d = diff("They held very long talks today.", "They held long talks today.")
    (e,) = d.changes[0].edits
    assert ("delete", "very", (9, 9)) == (e.op, e.old.text, (e.new.start, e.new.end))


def test_typographic_change_names_what_differs() -> None:
    """Curly quotes, an em dash and a non-breaking space are typographic, not reworded."""
    d = diff(
        'They said "no limits" - and meant it.',
        "They said “no limits” —\u00a0and meant it.",
    )
    (c,) = d.changes
    assert ("typographic", "dashes, quotes, spacing") == (c.kind, c.reason)


def test_moved_sentence_is_paired_not_removed_and_added() -> None:
    """A sentence moved to another paragraph is kept and marked moved."""
    old = "First point here. Second point here.\n\nThird point here. Fourth point here."
    new = "Second point here.\n\nThird point here. Fourth point here. First point here."
    d = diff(old, new)
    moved = [c for c in d.changes if c.moved]
    assert ["First point here."] == [c.new.text for c in moved]  # type: ignore[union-attr]
    assert (0, 1) == (moved[0].old_paragraph, moved[0].new_paragraph)
    assert 0 == d.summary.added + d.summary.removed


def test_sentence_split_in_two_is_one_change() -> None:
    """A sentence split into two is one reworded change spanning both new sentences."""
    old = "The leaders met in Geneva and they agreed to resume the strategic dialogue."
    new = "The leaders met in Geneva. They agreed to resume the strategic dialogue."
    (c,) = diff(old, new).changes
    assert ("split", new) == (c.method, c.new.text)  # type: ignore[union-attr]


def test_two_sentences_merged_into_one_is_one_change() -> None:
    """Two sentences merged into one are one reworded change spanning both old sentences."""
    old = "The leaders met in Geneva. They agreed to resume the strategic dialogue."
    new = "The leaders met in Geneva and they agreed to resume the strategic dialogue."
    (c,) = diff(old, new).changes
    assert ("merge", old) == (c.method, c.old.text)  # type: ignore[union-attr]


def test_unrelated_sentences_are_removed_and_added() -> None:
    """A sentence replaced by an unrelated one is removed then added, in that order."""
    d = diff(
        "Opening line stays. Trade was discussed at length.",
        "Opening line stays. Weather in the capital was mild.",
    )
    assert ["kept", "removed", "added"] == _kinds(d)


def test_boilerplate_repeated_in_both_is_kept() -> None:
    """Identical repeated sentences pair in order and are kept, not moved."""
    text = "Thank you. The talks went well. Thank you. Both sides agreed. Thank you."
    d = diff(text, text.replace("went well", "went very well"))
    assert ["kept", "reworded", "kept", "kept", "kept"] == _kinds(d)
    assert 0 == d.summary.moved


def test_empty_against_full_is_all_added() -> None:
    """An empty old text makes every new sentence added, with similarity 0."""
    d = diff("", "One sentence. Another sentence.")
    assert ["added", "added"] == _kinds(d)
    assert 0.0 == d.summary.similarity


def test_two_empty_texts_have_no_changes() -> None:
    """Two empty texts give no changes and similarity 100."""
    d = diff("", "")
    assert ((), 100.0) == (d.changes, d.summary.similarity)


def test_summary_counts_every_kind() -> None:
    """The summary counts each kind of change as listed in the changes."""
    d = diff("Kept here. Removed one. Wording changes now.", "Kept here. Wording changed now. New.")
    s = d.summary
    counts = {k: getattr(s, k) for k in CHANGE_KINDS}
    assert counts == {k: _kinds(d).count(k) for k in CHANGE_KINDS}


def test_to_dict_is_json_with_changes_and_summary() -> None:
    """to_dict() round-trips through JSON with the documented top-level keys."""
    d = diff("A first sentence.", "A first sentence. Another.")
    data = json.loads(json.dumps(d.to_dict()))
    assert {"changes", "summary", "old_doc_id", "new_doc_id"} == set(data)
    assert ["kept", "added"] == [c["kind"] for c in data["changes"]]


def test_apply_to_rejects_another_text() -> None:
    """apply_to() refuses a text that is not the diff's old document."""
    d = diff("One.", "Two.")
    with pytest.raises(st.UsageError):
        d.apply_to("Three.")


def test_diff_rejects_what_is_not_text() -> None:
    """Passing bytes raises a typed UsageError, not a TypeError deep inside."""
    with pytest.raises(st.UsageError):
        diff(b"bytes", "text")  # type: ignore[arg-type]


def test_documents_keep_their_ids() -> None:
    """The diff records the ids of the documents it compared."""
    a, b = st.Document.from_text("One."), st.Document.from_text("Two.")
    d = diff(a, b)
    assert (a.doc_id, b.doc_id) == (d.old_doc_id, d.new_doc_id)


def test_longest_increasing_prefers_heavier_runs() -> None:
    """Among equally long increasing runs, the heavier one wins."""
    assert [1] == longest_increasing([1, 0], [1, 2])


def test_watchlist_formulas_in_the_summary() -> None:
    """With a watchlist the summary names formulas that appear, disappear or change wording."""
    old = "Both stressed peace and stability across the Taiwan Strait. They saw no limits."
    new = "Both stressed peace and stability in the Taiwan Strait. A new era began."
    wl = st.Watchlist(
        ["peace and stability across the Taiwan Strait", "no limits", "new era", "absent one"]
    )
    got = [(f.phrase, f.status) for f in diff(old, new, watchlist=wl).summary.formulas]
    assert [
        ("peace and stability across the Taiwan Strait", "reworded"),
        ("no limits", "disappeared"),
        ("new era", "appeared"),
    ] == got


def test_no_watchlist_means_no_formulas() -> None:
    """Without a watchlist the summary lists no formulas."""
    assert () == diff("No limits.", "New era.").summary.formulas


def test_indexed_pairing_finds_reworded_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the exhaustive budget, reworded sentences still pair through their rarer words."""
    from statement_tracker._diff import _align

    old = "Leaders discussed maritime security cooperation in the Amber Sea. Unrelated words here."
    new = "Leaders discussed maritime security partnership in the Amber Sea. Completely other text."
    exact = diff(old, new)
    monkeypatch.setattr(_align, "EXACT_BUDGET", 0)
    indexed = diff(old, new)
    assert ["reworded", "removed", "added"] == _kinds(indexed)
    assert _kinds(exact) == _kinds(indexed)


def test_accuracy_floor_on_real_speeches(shared_corpus: Path) -> None:
    """On 10 hard pairs from real UN speeches every kind keeps precision and recall >= 0.95."""
    bench = Path(__file__).resolve().parents[2] / "benchmarks"
    gen = _load_script(bench / "gen_diff_pairs.py")
    ev = _load_script(bench / "eval_diff.py")
    pairs = list(
        gen.generate_pairs(
            10, seed=7, corpus=shared_corpus, hard=True, sources=("ungd",), per_source=10
        )
    )
    table, _ = ev.score(ev.ours, pairs)
    low = {k: (round(p, 3), round(r, 3)) for k, (p, r, _, _) in table.items() if min(p, r) < 0.95}
    assert {} == low


def _load_script(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@given(edited_readouts())
def test_long_sentence_fallback_still_rebuilds_the_new_text(pair: tuple[str, str]) -> None:
    """With the per-pair budget at zero, edits are coarse but the script stays exact."""
    from statement_tracker._diff import _diff

    old, new = pair
    saved = _diff.MAX_EDIT_CELLS
    _diff.MAX_EDIT_CELLS = 0
    try:
        d = diff(old, new)
    finally:
        _diff.MAX_EDIT_CELLS = saved
    assert new == d.apply_to(old)
    assert all(len(c.edits) <= 1 for c in d.changes)


def test_threshold_decides_what_counts_as_reworded() -> None:
    """A looser threshold pairs a heavily reworded sentence; a stricter one splits it."""
    old = "The two sides discussed trade and security in the region."
    new = "The two sides reviewed energy and climate in the region."
    assert ["removed", "added"] == _kinds(diff(old, new, threshold=80))
    assert ["reworded"] == _kinds(diff(old, new, threshold=50))


@pytest.mark.parametrize("bad", [0, -5, 101])
def test_threshold_outside_range_is_a_usage_error(bad: float) -> None:
    """A threshold outside (0, 100] raises UsageError."""
    with pytest.raises(st.UsageError):
        diff("One.", "Two.", threshold=bad)

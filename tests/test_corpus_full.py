"""Whole-corpus checks (slow): run with ``python3 -m pytest -m corpus_full``.

The default run covers slices of the same corpora; these go over everything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import statement_tracker as st

pytestmark = pytest.mark.corpus_full

ROOT = Path(__file__).resolve().parents[1]


def test_kremlin_evaluation_passes_on_every_page(shared_corpus: Path) -> None:
    """benchmarks/eval_kremlin.py passes every measure on all 600 pages."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "eval_kremlin.py"), "--corpus",
         str(shared_corpus / "kremlin")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == done.returncode, done.stdout[-2000:] + done.stderr[-2000:]


def test_every_record_of_the_white_house_corpus_points_into_its_text(
    shared_corpus: Path,
) -> None:
    """Every phrase record of every White House document has exact offsets."""
    path = shared_corpus / "whitehouse" / "briefings.jsonl.gz"
    bad: list[str] = []
    count = 0
    for doc in st.load_corpus([path], errors="skip"):
        for rec in st.records(doc):
            count += 1
            if doc.text[rec.start : rec.end] != rec.text:
                bad.append(rec.record_id)
    assert ([], True) == (bad[:10], count > 1_000_000)


def test_ungd_and_kremlin_documents_all_load(shared_corpus: Path) -> None:
    """Every UN General Debate speech and Kremlin page loads into a non-empty document."""
    errors: list[str] = []
    docs = st.load_corpus(
        [shared_corpus / "ungd" / "txt", shared_corpus / "kremlin" / "html"],
        errors="skip",
        on_error=lambda exc: errors.append(str(exc)),
    )
    n = sum(1 for d in docs if d.text)
    assert ([], 835) == (errors, n)


def test_track_index_equals_track_on_the_whole_white_house_corpus(shared_corpus: Path) -> None:
    """TrackIndex gives track()'s occurrences on all 14,391 documents (100 formulas)."""
    path = shared_corpus / "whitehouse" / "briefings.jsonl.gz"
    docs = list(st.load_corpus([path]))
    formulas = st.Watchlist.from_file(ROOT / "benchmarks" / "watchlist_100.txt")
    labelled = st.Watchlist.from_file(ROOT / "fixtures" / "labels" / "track_watchlist.toml")
    wl = st.Watchlist([p.text for p in labelled] + [p.text for p in formulas][:80])
    found = st.TrackIndex(docs).track(wl)
    assert len(found) > 20_000
    assert found == st.track(docs, wl)

"""Tests for the archive (_archive.py): adding, versions, removal, reliability, compare."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as hst

from _synthetic import synthetic_doc as _doc
from statement_tracker import Document
from statement_tracker._archive import _core, _retrieve
from statement_tracker._archive._archive import Archive
from statement_tracker._errors import (
    ArchiveBusyError,
    ArchiveError,
    DocumentNotFoundError,
    NotAnArchiveError,
)
from statement_tracker._track._track import track
from statement_tracker._track._watchlist import Watchlist
from strategies import track_phrases, track_texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def archive(tmp_path: Path):  # type: ignore[no-untyped-def]
    """An empty archive, closed after the test."""
    with Archive.open(tmp_path / "a.db") as a:
        yield a


def test_add_stores_documents(archive: Archive) -> None:
    """Added documents come back whole from get()."""
    docs = [_doc(i) for i in range(3)]
    result = archive.add(docs)
    assert (3, 0, 0) == (result.added, result.duplicates, len(result.errors))
    assert docs[1] == archive.get(docs[1].doc_id)


def test_exact_duplicate_stored_once(archive: Archive) -> None:
    """The same text added twice is stored once and counted as a duplicate."""
    archive.add([_doc(1)])
    result = archive.add([_doc(1), _doc(1)])
    assert (0, 2) == (result.added, result.duplicates)
    assert 1 == len(archive)
    assert 1 == len(archive.entries(all_versions=True))


def test_duplicate_joins_new_series(archive: Archive) -> None:
    """A duplicate added with a series joins that series without a second copy."""
    archive.add([_doc(1)], series="a")
    archive.add([_doc(1)], series="b")
    assert ("a", "b") == archive.entries()[0].series


def test_changed_text_at_same_url_is_new_version(archive: Archive) -> None:
    """A changed text at a known URL is stored as version 2; version 1 is kept and listed."""
    url = "https://example.org/readout"
    archive.add([_doc(1, url=url)])
    result = archive.add([_doc(1, url=url, extra="\n\nA correction was issued.")])
    assert (1, 1) == (result.added, result.new_versions)
    versions = archive.versions(result.doc_ids[0])
    assert [(1, False), (2, True)] == [(v.version, v.current) for v in versions]
    assert 1 == len(archive)
    assert 2 == len(archive.entries(all_versions=True))


def test_remove_current_version_restores_previous(archive: Archive) -> None:
    """Removing the current version makes the previous one current again."""
    url = "https://example.org/r"
    first = archive.add([_doc(1, url=url)]).doc_ids[0]
    second = archive.add([_doc(2, url=url)]).doc_ids[0]
    archive.remove(second)
    assert [first] == [e.doc_id for e in archive.entries()]
    with pytest.raises(DocumentNotFoundError):
        archive.get(second)


def test_remove_drops_index_entries(archive: Archive) -> None:
    """After removal the document no longer shows up when tracking."""
    doc = Document.from_text("They keep the one China policy.", source="x")
    archive.add([doc])
    archive.remove(doc.doc_id)
    assert [] == archive.track(["one China policy"])
    assert [] == archive.verify()


def test_get_by_unique_prefix(archive: Archive) -> None:
    """A unique prefix of a document id finds the document."""
    doc = _doc(5)
    archive.add([doc])
    assert doc.doc_id == archive.get(doc.doc_id[:8]).doc_id


def test_unknown_id_raises_not_found(archive: Archive) -> None:
    """An unknown id raises DocumentNotFoundError (also a KeyError)."""
    with pytest.raises(KeyError):
        archive.get("d000000000000000")


def test_documents_filter_by_series_and_since(archive: Archive) -> None:
    """documents() filters by series and date, oldest first."""
    archive.add([_doc(1), _doc(3)], series="s")
    archive.add([_doc(2)])
    dates = [d.date.isoformat() for d in archive.documents(series="s", since="2024-01-03")]
    assert ["2024-01-04"] == dates
    assert ["s", "s"] == [d.series for d in archive.documents(series="s")]


def test_bad_since_date_is_usage_error(archive: Archive) -> None:
    """A malformed --since date raises a ValueError with a one-line message."""
    with pytest.raises(ValueError, match="ISO date"):
        archive.entries(since="last week")


def test_failed_document_does_not_lose_others(archive: Archive, tmp_path: Path) -> None:
    """A document that cannot be read is reported; the others, and earlier ones, stay."""
    archive.add([_doc(1)])
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x00\x01\x02binary\xff" * 50)
    pytest.importorskip("statement_tracker._ingest._load")
    result = archive.add([_doc(2), bad, _doc(3)])
    assert 2 == result.added
    assert 1 == len(result.errors)
    assert 3 == len(archive)


def test_archive_failure_mid_add_keeps_earlier_documents(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store failure (disk full) mid-add loses nothing stored before; the file stays sound."""
    archive.add([_doc(1), _doc(2)])
    calls = []
    real = archive.store.insert_postings

    def failing(doc: int, postings: list[tuple[int, bytes]]) -> None:
        calls.append(doc)
        if len(calls) == 2:
            raise ArchiveError(archive.path, "disk is full")
        real(doc, postings)

    monkeypatch.setattr(archive.store, "insert_postings", failing)
    with pytest.raises(ArchiveError, match="disk is full"):
        archive.add([_doc(3), _doc(4), _doc(5)])
    monkeypatch.undo()
    assert {_doc(1).doc_id, _doc(2).doc_id} <= {e.doc_id for e in archive.entries()}
    assert [] == archive.verify()
    assert "ok" == archive.integrity_check()


def test_interrupted_add_keeps_completed_documents(archive: Archive) -> None:
    """Ctrl-C during an add keeps every document completed before it."""

    def interrupt(n: int, doc: Document) -> None:
        if n == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        archive.add([_doc(i) for i in range(6)], progress=interrupt)
    assert 3 == len(archive)
    assert [] == archive.verify()


def test_track_over_archive_equals_track_in_memory(archive: Archive) -> None:
    """Tracking over the stored index finds exactly what track() finds on the documents."""
    docs = [_doc(i) for i in range(40)]
    archive.add(docs)
    wl = Watchlist(["peace stability", "lines of communication open", "the two leaders", "trade"])
    expected = sorted(o.to_dict().items().__repr__() for o in track(docs, wl))
    actual = sorted(o.to_dict().items().__repr__() for o in archive.track(wl))
    assert expected == actual


@given(hst.data())
def test_track_over_archive_equals_track_on_random_texts(data: hst.DataObject) -> None:
    """Tracking through the index equals track() on random texts, phrases and thresholds."""
    import tempfile

    phrases = tuple(data.draw(hst.lists(track_phrases(), min_size=1, max_size=3)))
    threshold = data.draw(hst.sampled_from([None, None, 60.0, 80.0]))
    texts = [data.draw(track_texts(phrases)) for _ in range(3)]
    unique = {t: i for i, t in enumerate(texts) if t.strip()}  # equal texts are stored once
    docs = [Document.from_text(t, source=f"t{i}") for t, i in unique.items()]
    # 2.0: always locate windows; 0.0: always scan candidate documents whole
    whole_share = data.draw(hst.sampled_from([2.0, 0.0]))
    with (
        tempfile.TemporaryDirectory() as tmp,
        Archive.open(Path(tmp) / "h.db") as a,
        pytest.MonkeyPatch.context() as mp,
    ):
        mp.setattr(_retrieve, "WHOLE_ARCHIVE", whole_share)
        a.add(docs)
        actual = a.track(phrases, threshold=threshold)
    expected = track(docs, phrases, threshold=threshold)
    key = lambda o: (o.doc_id, o.phrase_id, o.start)  # noqa: E731
    assert sorted(expected, key=key) == sorted(actual, key=key)


@pytest.mark.parametrize("whole_share", [2.0, 0.0], ids=["windows", "whole-documents"])
def test_track_over_archive_equals_track_on_fixtures(
    archive: Archive, fixtures_dir: Path, whole_share: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the fixture readouts (HTML, Markdown, text; Latin, Cyrillic, CJK) both ways agree."""
    from statement_tracker import load_corpus

    monkeypatch.setattr(_retrieve, "WHOLE_ARCHIVE", whole_share)
    monkeypatch.setattr(_core, "_TRACK_BATCH", 4)  # several batches of texts

    docs = list(load_corpus([fixtures_dir / "readouts"]))
    archive.add(docs)
    wl = Watchlist.from_file(fixtures_dir / "watchlist.toml")
    expected = sorted(repr(sorted(o.to_dict().items())) for o in track(docs, wl))
    actual = sorted(repr(sorted(o.to_dict().items())) for o in archive.track(wl))
    assert expected == actual
    assert len(expected) > 50


def test_timeline_over_archive_equals_timeline_of_documents(
    archive: Archive, fixtures_dir: Path
) -> None:
    """Archive.timeline gives the timeline built from the documents themselves."""
    from statement_tracker import load_corpus, timeline

    docs = list(load_corpus([fixtures_dir / "readouts"]))
    archive.add(docs, series="corvan")
    wl = Watchlist.from_file(fixtures_dir / "watchlist.toml")
    expected = timeline(track(docs, wl), docs, watchlist=wl).to_dict()
    assert expected == archive.timeline(wl, series="corvan").to_dict()


def test_stale_index_tracks_whole_documents_until_reindexed(
    archive: Archive, fixtures_dir: Path
) -> None:
    """An index built under other rules is not trusted: track reads whole documents, compare
    asks for a reindex, and reindex restores the index."""
    from statement_tracker import load_corpus

    docs = list(load_corpus([fixtures_dir / "readouts"]))
    archive.add(docs)
    wl = Watchlist.from_file(fixtures_dir / "watchlist.toml")
    expected = archive.track(wl)
    with archive.store.writing(), archive.store.transaction():
        archive.store.set_meta("index_rules", "older-rules")
    assert not archive.index_is_current()
    assert expected == archive.track(wl)
    with pytest.raises(ArchiveError, match="reindex"):
        archive.compare(docs[0])
    assert len(docs) == archive.reindex()
    assert archive.index_is_current()
    assert expected == archive.track(wl)
    assert [] == archive.verify()


def test_index_made_under_earlier_equal_rules_stays_current(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index fingerprinted by an earlier source listed as having these rules is current;
    any other fingerprint is not."""
    from statement_tracker._text import _fingerprint

    current = _fingerprint.index_rules()
    monkeypatch.setitem(_fingerprint._SAME_RULES, current, frozenset({"earlier-same-rules"}))
    archive.add([Document.from_text("A new era.", source="a")])
    seen = []
    for rules in ("earlier-same-rules", "older-rules", current):
        with archive.store.writing(), archive.store.transaction():
            archive.store.set_meta("index_rules", rules)
        seen.append(archive.index_is_current())
    assert [True, False, True] == seen


def test_track_restricted_to_series(archive: Archive) -> None:
    """track(series=...) only reports documents of that series."""
    archive.add([Document.from_text("A new era.", source="a")], series="x")
    archive.add([Document.from_text("A new era begins.", source="b")])
    assert ["A new era."] == [
        archive.get(o.doc_id).text for o in archive.track(["new era"], series="x")
    ]


def test_compare_reports_new_recurring_and_absent(archive: Archive) -> None:
    """compare() splits sentences into new and recurring and finds dropped formulas."""
    old1 = Document.from_text(
        "The presidents spoke by phone. They reaffirmed the one China policy.",
        source="1",
        date="2023-01-01",
    )
    old2 = Document.from_text(
        "The leaders met again. They reaffirmed the one China policy.",
        source="2",
        date="2023-06-01",
    )
    archive.add([old1, old2], series="s")
    new = Document.from_text(
        "The leaders met again. Both sides discussed fentanyl.", source="3", date="2024-01-01"
    )
    c = archive.compare(new, series="s", watchlist=Watchlist(["one China policy"]))
    assert [("recurring", old2.doc_id), ("new", None)] == [
        (s.status, s.first.doc_id if s.first else None) for s in c.sentences
    ]
    assert [("P01", "absent", 2, True)] == [
        (f.phrase_id, f.status, f.previous, f.in_previous_readout) for f in c.formulas
    ]
    assert old2.doc_id == c.previous_id
    assert c.diff is not None and 1 == c.diff.summary.added
    assert 2 == len(archive)


def test_compare_first_appearance_is_earliest(archive: Archive) -> None:
    """A recurring sentence names the earliest document that holds it."""
    a = Document.from_text(
        "Both sides agreed to keep talking. Later.", source="a", date="2022-01-01"
    )
    b = Document.from_text(
        "Both sides agreed to keep talking.\n\nMore.", source="b", date="2021-01-01"
    )
    archive.add([a, b])
    c = archive.compare(Document.from_text("Both sides agreed to keep talking.", source="n"))
    assert b.doc_id == c.sentences[0].first.doc_id  # type: ignore[union-attr]
    assert 2 == c.sentences[0].documents


def test_compare_add_true_adds(archive: Archive) -> None:
    """compare(add=True) stores the new readout afterwards; the default does not."""
    new = _doc(9)
    archive.compare(new)
    assert 0 == len(archive)
    assert archive.compare(new, add=True).added
    assert 1 == len(archive)


def test_compare_matches_brute_force(archive: Archive) -> None:
    """The index-driven sentence search agrees with comparing every stored sentence."""
    from statement_tracker._archive._retrieve import sentence_terms
    from statement_tracker._text._segment import sentence_spans
    from statement_tracker._text._similarity import token_similarity

    docs = [_doc(i) for i in range(30)]
    archive.add(docs)
    new = Document.from_text(docs[3].text.split("\n\n")[0] + " Something else entirely.")
    c = archive.compare(new, threshold=80)
    stored = [sentence_terms(d.text[s:e]) for d in docs for s, e in sentence_spans(d.text)]
    for s in c.sentences:
        q = sentence_terms(s.text)
        brute = any(token_similarity(q, t) >= 80 for t in stored)
        assert brute == (s.status == "recurring")


def test_not_an_archive_is_typed(tmp_path: Path) -> None:
    """Archive.open on a text file raises NotAnArchiveError."""
    path = tmp_path / "notes.txt"
    path.write_text("hello\n" * 100)
    with pytest.raises(NotAnArchiveError):
        Archive.open(path)


def test_readonly_archive_refuses_add(tmp_path: Path) -> None:
    """An archive opened read-only raises ArchiveError on add and keeps its documents."""
    with Archive.open(tmp_path / "a.db") as a:
        a.add([_doc(1)])
    with Archive.open(tmp_path / "a.db", readonly=True) as a:
        with pytest.raises(ArchiveError, match="read-only"):
            a.add([_doc(2)])
        assert 1 == len(a)


# ---------------------------------------------------------------------- processes
_WRITER = textwrap.dedent(
    """
    import sys, random, time
    sys.path.insert(0, {src!r})
    sys.path.insert(0, {root!r})
    from tests._synthetic import synthetic_doc as _doc
    from statement_tracker._archive._archive import Archive
    start, hold = int(sys.argv[2]), float(sys.argv[3])
    with Archive.open(sys.argv[1]) as a:
        def progress(n, doc):
            if n == 1:
                print("started", flush=True)
            if hold:
                time.sleep(hold)
        docs = (_doc(i, series="s") for i in range(start, start + 100000))
        a.add(docs, progress=progress, commit_every=0.05)
    """
)


def _writer(db: Path, start: int, hold: float = 0.0) -> subprocess.Popen[str]:
    code = _WRITER.format(src=str(ROOT / "src"), root=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(start), str(hold)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "started" == line.strip(), proc.stderr.read() if proc.stderr else ""
    return proc


def test_sigkill_mid_corpus_leaves_only_whole_documents(tmp_path: Path) -> None:
    """A writer killed with SIGKILL at random moments (5 times) leaves a sound archive."""
    db = tmp_path / "killed.db"
    rng = random.Random(5)
    counts = []
    for round_ in range(5):
        proc = _writer(db, start=round_ * 100000)
        time.sleep(rng.uniform(0.2, 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert -signal.SIGKILL == proc.returncode
        with Archive.open(db) as a:
            assert "ok" == a.integrity_check()
            assert [] == a.verify()
            counts.append(len(a))
    assert counts == sorted(counts)
    assert counts[-1] > 0


def test_two_writers_second_gets_busy(tmp_path: Path) -> None:
    """While a process is adding, a second writer gets ArchiveBusyError after its timeout."""
    db = tmp_path / "busy.db"
    with Archive.open(db) as a:
        a.add([_doc(0)])
    proc = _writer(db, start=1, hold=0.05)
    try:
        with Archive.open(db, timeout=0.5) as a:
            with pytest.raises(ArchiveBusyError, match="archive is busy"):
                a.add([_doc(99)])
            assert 1 <= len(a)  # reading still works while the other process writes
    finally:
        proc.kill()
        proc.wait()


def test_reader_keeps_working_while_writer_adds(tmp_path: Path) -> None:
    """Reads succeed and see a growing archive while another process adds."""
    db = tmp_path / "read.db"
    Archive.open(db).close()
    proc = _writer(db, start=0)
    try:
        seen = []
        with Archive.open(db) as a:
            for _ in range(40):
                seen.append(len(a))
                a.entries(series="s")
                if len(seen) >= 3 and seen[-1] > seen[0]:
                    break
                time.sleep(0.1)
        assert seen == sorted(seen)
        assert seen[-1] > seen[0]
    finally:
        proc.kill()
        proc.wait()


def test_sigkill_does_not_leave_lock_behind(tmp_path: Path) -> None:
    """The writer lock dies with the writer: a new writer can add right after a kill."""
    db = tmp_path / "lock.db"
    proc = _writer(db, start=0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Archive.open(db, timeout=0.5) as a:
        assert 1 == a.add([_doc(-1)]).added


def test_track_without_stored_normalisation_equals_track(tmp_path: Path) -> None:
    """Rows stored before schema 2 (no normalisation) are normalised when read: same result."""
    import sqlite3

    docs = [_doc(i) for i in range(30)]
    wl = Watchlist(["peace stability", "lines of communication open", "the two leaders"])
    with Archive.open(tmp_path / "a.db") as a:
        a.add(docs)
    conn = sqlite3.connect(tmp_path / "a.db")
    with conn:
        conn.execute("UPDATE documents SET norm = NULL WHERE id % 2 = 0")
    conn.close()
    with Archive.open(tmp_path / "a.db") as a, pytest.MonkeyPatch.context() as mp:
        mp.setattr(_retrieve, "WHOLE_ARCHIVE", 0.0)  # read every candidate whole
        actual = a.track(wl)
    key = lambda o: (o.doc_id, o.phrase_id, o.start)  # noqa: E731
    assert sorted(track(docs, wl), key=key) == sorted(actual, key=key)


def test_reindex_stores_the_normalisation(archive: Archive) -> None:
    """After reindex every row holds the normalisation normalise() gives for its text."""
    from statement_tracker._archive._postings import unpack_norm
    from statement_tracker._text._normalise import normalise

    archive.add([_doc(i) for i in range(5)])
    archive.reindex()
    sources = archive.store.track_sources(archive.internal_ids())
    assert 5 == len(sources)
    for text, _, _, packed in sources.values():
        assert normalise(text).text == unpack_norm(packed, text).text


def test_document_language_is_stored_and_read_back(tmp_path: Path) -> None:
    """A language given explicitly ("uk", not the guessed "ru") survives the archive."""
    doc = Document.from_text("Сторони підтвердили відданість.", source="a.txt", language="uk")
    with Archive.open(tmp_path / "a.db") as a:
        a.add([doc])
    with Archive.open(tmp_path / "a.db", create=False) as a:
        assert ["uk"] == [e.language for e in a.entries()]
        assert "uk" == a.get(doc.doc_id).language

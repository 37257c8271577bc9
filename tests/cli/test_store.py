"""Tests for the archive commands (_cli/_store.py) and the --db option of track and diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from statement_tracker._archive._archive import Archive
from statement_tracker._cli import main

NEWEST = "2025-06-03_corvan-arendt-talks-castelgrad.html"


@pytest.fixture
def db(tmp_path: Path, fixtures_dir: Path) -> Path:
    """An archive of the fixture readouts without the newest one, series "corvan"."""
    path = tmp_path / "a.db"
    readouts = sorted((fixtures_dir / "readouts").iterdir())
    assert 0 == main(
        [
            "add",
            *[str(p) for p in readouts if p.name != NEWEST],
            "--db",
            str(path),
            "--series",
            "corvan",
        ]
    )
    return path


def test_add_prints_summary_and_skips_duplicates(
    db: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Adding the same folder again stores nothing new and says so."""
    capsys.readouterr()
    assert 0 == main(["add", str(fixtures_dir / "readouts"), "--db", str(db)])
    out = capsys.readouterr().out
    assert out.startswith(
        "added 1 document (0 new versions), skipped 14 exact duplicates, 0 errors"
    )


def test_add_reports_unreadable_input_and_exits_1(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A binary file is reported on stderr, the status is 1, the archive keeps its documents."""
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x00\xff\x00binary" * 100)
    assert 2 == main(["add", str(bad), "--db", str(db)])
    assert "bad.html" in capsys.readouterr().err
    with Archive.open(db) as a:
        assert 14 == len(a)


def test_list_jsonl_and_since(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """list --format jsonl gives one object per document; --since filters by date."""
    capsys.readouterr()
    assert 0 == main(["list", "--db", str(db), "--since", "2024-01-01", "--format", "jsonl"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["date"] >= "2024-01-01" for r in rows)
    assert {"corvan"} == {s for r in rows for s in r["series"]}


def test_show_and_remove_by_prefix(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """show prints metadata then the text; remove deletes the document."""
    with Archive.open(db) as a:
        entry = a.entries()[0]
        text = a.get(entry.doc_id).text
    capsys.readouterr()
    assert 0 == main(["show", entry.doc_id[:8], "--db", str(db)])
    out = capsys.readouterr().out
    assert out.startswith(f"doc_id:     {entry.doc_id}")
    assert out.rstrip("\n").endswith(text)
    assert 0 == main(["remove", entry.doc_id, "--db", str(db)])
    assert 2 == main(["show", entry.doc_id, "--db", str(db)])
    assert "no document with id" in capsys.readouterr().err


def test_compare_json_adds_nothing(
    db: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """compare --format json reports sentences and formulas and leaves the archive as it was."""
    capsys.readouterr()
    new = str(fixtures_dir / "readouts" / NEWEST)
    wl = str(fixtures_dir / "watchlist.toml")
    assert 0 == main(
        [
            "compare",
            new,
            "--db",
            str(db),
            "--series",
            "corvan",
            "--watchlist",
            wl,
            "--format",
            "json",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert 14 == len(data["earlier"])
    assert data["counts"]["sentences"] == len(data["sentences"])
    assert {"present", "absent"} == {f["status"] for f in data["formulas"]}
    assert data["diff"]["old_doc_id"] == data["previous_id"]
    with Archive.open(db) as a:
        assert 14 == len(a)


def test_compare_add_and_saved_watchlist(
    db: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--save-watchlist makes the watchlist the series' default; --add stores the readout."""
    new = str(fixtures_dir / "readouts" / NEWEST)
    wl = str(fixtures_dir / "watchlist.toml")
    assert 0 == main(
        [
            "compare",
            new,
            "--db",
            str(db),
            "--series",
            "corvan",
            "--watchlist",
            wl,
            "--save-watchlist",
            "--add",
            "--format",
            "html",
        ]
    )
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "Formulas" in page
    with Archive.open(db) as a:
        assert 15 == len(a)
        assert a.watchlist("corvan") is not None


def test_list_missing_archive_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """list on a missing archive exits 2 with one line on stderr and creates nothing."""
    assert 2 == main(["list", "--db", str(tmp_path / "none.db")])
    err = capsys.readouterr().err
    assert 1 == len(err.strip().splitlines())
    assert not (tmp_path / "none.db").exists()


def test_not_an_archive_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """add to a file that is not an archive exits 2 with a one-line message."""
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n" * 200)
    assert 2 == main(["add", str(tmp_path), "--db", str(path)])
    err = capsys.readouterr().err.strip()
    assert err.startswith("statement-tracker: error:") and "not a statement-tracker archive" in err


def test_track_db_uses_archive(
    db: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """track --db with no paths tracks the whole archive, the same as tracking the files."""
    wl = str(fixtures_dir / "watchlist.toml")
    capsys.readouterr()
    assert 0 == main(["track", "--db", str(db), "--watchlist", wl])
    stored = sorted(capsys.readouterr().out.splitlines())
    readouts = sorted((fixtures_dir / "readouts").iterdir())
    assert 0 == main(["track", *[str(p) for p in readouts if p.name != NEWEST], "--watchlist", wl])
    files = sorted(capsys.readouterr().out.splitlines())
    assert files == stored


def test_diff_db_takes_document_ids(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """diff --db accepts stored document ids in place of paths."""
    with Archive.open(db) as a:
        old, new = a.entries()[-2:]
    capsys.readouterr()
    assert 0 == main(["diff", old.doc_id, new.doc_id[:10], "--db", str(db), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert (old.doc_id, new.doc_id) == (data["old_doc_id"], data["new_doc_id"])


# --- languages ------------------------------------------------------------------------------


def test_list_counts_documents_per_language(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """list ends with one line of document counts per language, most frequent first."""
    capsys.readouterr()
    assert 0 == main(["list", "--db", str(db)])
    lines = capsys.readouterr().out.splitlines()
    assert "languages: en 12, ru 1, zh 1" == lines[-1]
    assert 14 + 2 == len(lines)


def test_list_jsonl_has_no_count_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """list --format jsonl stays one JSON object a line (the counts are for people)."""
    capsys.readouterr()
    assert 0 == main(["list", "--db", str(db), "--format", "jsonl"])
    assert all(line.startswith("{") for line in capsys.readouterr().out.splitlines())


def test_add_language_is_stored_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """add --language stores that language; the archive gives it back and list counts it."""
    (tmp_path / "a.txt").write_text("Сторони підтвердили відданість.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Both sides agreed.", encoding="utf-8")
    db = tmp_path / "a.db"
    assert 0 == main(["add", str(tmp_path / "a.txt"), "--db", str(db), "--language", "uk"])
    assert 0 == main(["add", str(tmp_path / "b.txt"), "--db", str(db)])
    with Archive.open(db) as a:
        assert ["en", "uk"] == sorted(e.language for e in a.entries())
        assert {"uk"} == {d.language for d in a.documents() if d.text.startswith("С")}
    capsys.readouterr()
    assert 0 == main(["list", "--db", str(db)])
    assert "languages: en 1, uk 1" == capsys.readouterr().out.splitlines()[-1]


def test_language_with_db_is_a_usage_error(
    db: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--language with --db (archived documents keep their language) is a one-line error."""
    capsys.readouterr()
    readout = str(fixtures_dir / "readouts" / NEWEST)
    args = ["track", readout, "--db", str(db), "--phrase", "x", "--language", "uk"]
    assert 2 == main(args)
    err = capsys.readouterr().err.splitlines()
    assert 1 == len(err) and err[0].startswith("statement-tracker: error: --language: applies")


def test_list_and_track_work_on_a_readonly_archive(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """list and track --db read an archive on read-only storage (mode=ro, immutable=1)."""
    from statement_tracker._archive import _store

    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        if os.access(db.parent, os.W_OK):  # root: simulate read-only storage
            monkeypatch.setattr(_store.os, "access", lambda p, mode: False)
        capsys.readouterr()
        listed = main(["list", "--db", str(db)])
        tracked = main(["track", "--db", str(db), "--phrase", "Amber Corridor"])
        err = capsys.readouterr().err
    finally:
        db.parent.chmod(0o755)
    assert (0, 0, "") == (listed, tracked, err)


def test_compare_exit_code_says_whether_something_is_new(
    db: Path, fixtures_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """compare --exit-code: 1 for the newest readout (new sentences), 0 for a later
    readout that repeats an archived one word for word (straight quotes for curly ones)."""
    import statement_tracker as st

    readouts = fixtures_dir / "readouts"
    new = main(["compare", str(readouts / NEWEST), "--db", str(db), "--exit-code"])
    old = st.load(readouts / "2023-05-11_corvan-arendt-talks-altenhaven.html")
    again = tmp_path / "2026-01-01_repeat.txt"
    again.write_text(old.text.replace("“", '"').replace("”", '"'), encoding="utf-8")
    known = main(["compare", str(again), "--db", str(db), "--series", "corvan", "--exit-code"])
    assert (1, 0) == (new, known)


def test_compare_text_names_the_similarity_unit(
    db: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The diff line of `compare` gives the similarity as a percentage, the recurring
    sentences a score out of 100."""
    assert 0 == main(["compare", str(fixtures_dir / "readouts" / NEWEST), "--db", str(db)])
    out = capsys.readouterr().out
    diff_line = next(line for line in out.splitlines() if line.startswith("Diff against"))
    assert (True, True) == (diff_line.endswith("%"), "/100)" in out)


def test_compare_in_a_pipe_does_not_cut_sentences(
    db: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written to a pipe, the new sentences of `compare` are whole (no "…")."""
    assert 0 == main(["compare", str(fixtures_dir / "readouts" / NEWEST), "--db", str(db)])
    new = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  + ")]
    assert (True, False) == (any(len(line) > 104 for line in new), any("…" in x for x in new))


def test_list_output_file(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`list -o FILE` writes the table to the file, nothing to standard output."""
    out = tmp_path / "list.txt"
    assert 0 == main(["list", "--db", str(db), "-o", str(out)])
    assert ("", True) == (capsys.readouterr().out, "languages:" in out.read_text())


def test_list_jsonl_gives_each_text_length(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """list --format jsonl writes each document's length (``chars``) without reading its text."""
    from statement_tracker import Archive

    assert 0 == main(["list", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    with Archive.open(db) as archive:
        lengths = {row["doc_id"]: len(archive.get(row["doc_id"]).text) for row in rows}
    assert rows and all(row["chars"] == lengths[row["doc_id"]] > 0 for row in rows)

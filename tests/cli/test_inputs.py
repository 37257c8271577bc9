"""What the commands read (``_cli/_inputs.py``): ``-`` for standard input, and an unknown
series, formula or document id as an error that lists what exists."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from statement_tracker._cli import main

ROOT = Path(__file__).resolve().parents[2]
READOUTS = ROOT / "fixtures" / "readouts"
WATCHLIST = ROOT / "fixtures" / "watchlist.toml"
NEWEST = READOUTS / "2025-06-03_corvan-arendt-talks-castelgrad.html"
OLDER = READOUTS / "2023-05-11_corvan-arendt-talks-altenhaven.html"


class Stdin(io.TextIOWrapper):
    """Standard input holding ``data``."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def stdin_newest(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input holds the newest fixture readout."""
    monkeypatch.setattr("sys.stdin", Stdin(NEWEST.read_bytes()))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """An archive of the fixture readouts, series "corvan"."""
    path = tmp_path / "a.db"
    assert 0 == main(["add", str(READOUTS), "--db", str(path), "--series", "corvan", "-q"])
    return path


def test_extract_dash_reads_standard_input(
    stdin_newest: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`extract -` reads the page from standard input: same text and title as the file."""
    _, from_file, _ = _run(capsys, "extract", str(NEWEST))
    status, from_stdin, _ = _run(capsys, "extract", "-")
    a, b = json.loads(from_file), json.loads(from_stdin)
    assert (0, a["text"], a["title"], "<stdin>") == (status, b["text"], b["title"], b["source"])


def test_diff_dash_is_the_new_readout(
    stdin_newest: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`diff OLD -` diffs against the readout on standard input, as against the file."""
    _, from_file, _ = _run(capsys, "diff", str(OLDER), str(NEWEST), "--format", "json")
    status, from_stdin, _ = _run(capsys, "diff", str(OLDER), "-", "--format", "json")
    assert (0, json.loads(from_file)["summary"]) == (status, json.loads(from_stdin)["summary"])


def test_diff_cannot_read_standard_input_twice(capsys: pytest.CaptureFixture[str]) -> None:
    """`diff - -` is a usage error."""
    status, _, err = _run(capsys, "diff", "-", "-")
    assert (2, True) == (status, "standard input" in err)


def test_track_dash_among_paths(stdin_newest: None, capsys: pytest.CaptureFixture[str]) -> None:
    """`track FILE -` tracks the file and the document on standard input, in that order."""
    status, out, _ = _run(capsys, "track", str(OLDER), "-", "--phrase", "Castelgrad")
    sources = [json.loads(line)["source"] for line in out.splitlines()]
    assert (0, str(OLDER), "<stdin>") == (status, sources[0], sources[-1])


def test_compare_dash_reads_standard_input(
    db: Path, stdin_newest: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`compare - --db` compares the readout on standard input."""
    status, out, _ = _run(capsys, "compare", "-", "--db", str(db), "--format", "json")
    assert (0, "da87c3215a34ad25") == (status, json.loads(out)["doc_id"])


def test_compare_unknown_series_is_an_error_listing_the_series(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`compare --series no-such-series` exits 2 naming the archive's series, and does not
    report the readout as all new."""
    status, out, err = _run(capsys, "compare", str(NEWEST), "--db", str(db), "--series", "nope")
    assert (2, "", True) == (status, out, "(there are: 'corvan')" in err)


def test_list_unknown_series_suggests_the_close_one(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`list --series corvn` exits 2 and suggests 'corvan'."""
    status, _, err = _run(capsys, "list", "--db", str(db), "--series", "corvn")
    assert (2, True) == (status, "did you mean 'corvan'?" in err)


def test_discover_unknown_series_in_archive(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`discover --db --series nope` exits 2 listing the archive's series."""
    status, _, err = _run(capsys, "discover", "--db", str(db), "--series", "nope")
    assert (2, True) == (status, "'corvan'" in err)


def test_track_series_filters_documents(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`track --db --series corvan` tracks that series; an unknown one is an error."""
    status, out, _ = _run(capsys, "track", "--db", str(db), "--phrase", "new era", "--series",
                          "corvan")  # fmt: skip
    wrong, _, err = _run(capsys, "track", "--db", str(db), "--phrase", "new era", "--series", "x")
    assert (0, True, 2, True) == (status, bool(out), wrong, "'corvan'" in err)


def test_timeline_series_of_files_without_series_explains(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`timeline PATHS --series NAME` where no file has a series says where series come from."""
    status, _, err = _run(capsys, "timeline", str(READOUTS), "--phrase", "x", "--series", "a")
    assert (2, True) == (status, "--manifest-field series=COLUMN" in err)


def test_unknown_formula_id_lists_the_ids(capsys: pytest.CaptureFixture[str]) -> None:
    """`--formula P99` exits 2 with the watchlist's ids and the closest one."""
    status, _, err = _run(
        capsys, "track", str(READOUTS), "--watchlist", str(WATCHLIST), "--formula", "P99"
    )
    assert (2, True, True) == (status, "did you mean 'P09'?" in err, "'P12'" in err)


def test_formula_keeps_only_those_formulas(capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline --formula P06 --format json` has that formula only."""
    status, out, _ = _run(capsys, "timeline", str(READOUTS), "--watchlist", str(WATCHLIST),
                          "--formula", "P06", "--format", "json")  # fmt: skip
    ids = [f["phrase_id"] for f in json.loads(out)["formulas"]]
    assert (0, ["P06"]) == (status, ids)


def test_unknown_document_id_in_a_small_archive_lists_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`show nothere` exits 2 and, in an archive of a few documents, lists ids and titles."""
    db = tmp_path / "small.db"
    assert 0 == main(["add", str(NEWEST), str(OLDER), "--db", str(db), "-q"])
    status, _, err = _run(capsys, "show", "nothere", "--db", str(db))
    assert (2, 1, True) == (status, len(err.splitlines()), "da87c3215a34ad25 President" in err)


def test_unknown_document_id_in_a_large_archive_names_the_list_command(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`remove da87c3215a35` in an archive of 15 says how many there are, the close id and
    the command that lists them."""
    status, _, err = _run(capsys, "remove", "da87c3215a35", "--db", str(db))
    assert (2, True, True) == (
        status,
        "(15 documents; `statement-tracker list --db" in err,
        "did you mean da87c3215a34ad25?" in err,
    )


def test_unknown_path_with_db_says_neither_file_nor_id(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`diff missing.html ID --db` says there is no such file and no such id."""
    status, _, err = _run(capsys, "diff", "missing.html", "da87c3215a34", "--db", str(db))
    assert (2, True) == (status, "no such file and no document with id 'missing.html'" in err)


def test_report_from_an_archive_keeps_one_series(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`report --db --series corvan` writes the page for that series; `--series nope` is
    an error naming the archive's series and writes no file."""
    page, bad = tmp_path / "r.html", tmp_path / "bad.html"
    ok = main(["report", "--db", str(db), "--series", "corvan", "--phrase", "new era",
               "-o", str(page)])  # fmt: skip
    wrong = main(["report", "--db", str(db), "--series", "nope", "--phrase", "new era",
                  "-o", str(bad)])  # fmt: skip
    err = capsys.readouterr().err
    assert (0, True, 2, False, True) == (
        ok,
        page.stat().st_size > 0,
        wrong,
        bad.exists(),
        "'corvan'" in err,
    )


def test_timeline_of_archived_ids_keeps_those_of_the_series(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`timeline --db ID ID --series corvan` reads the named documents of that series."""
    ids = ["da87c3215a34", "d0b45cceffe3"]
    argv = ["timeline", "--db", str(db), *ids, "--series", "corvan", "--phrase", "new era"]
    status, out, _ = _run(capsys, *argv, "--format", "json")
    statuses = json.loads(out)["formulas"][0]["statuses"]
    assert (0, 2) == (status, len(statuses))


def test_sources_series_keeps_one_series(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`sources ARTICLE --db --series corvan` searches that series; `--series x` exits 2."""
    article = str(ROOT / "fixtures" / "commentary" / "2025-06-10_limits-of-no-limits.md")
    ok = main(["sources", article, "--db", str(db), "--series", "corvan"])
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    wrong, _, err = _run(capsys, "sources", article, "--db", str(db), "--series", "x")
    assert (0, True, 2, True) == (
        ok,
        any(r["source"] for r in found),
        wrong,
        "'corvan'" in err,
    )


def test_empty_standard_input_is_one_line_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`extract -` with nothing on standard input exits 2 with one line naming <stdin>."""
    monkeypatch.setattr("sys.stdin", Stdin(b""))
    status, _, err = _run(capsys, "extract", "-")
    assert (2, 1, True) == (status, len(err.strip().splitlines()), "<stdin>" in err)

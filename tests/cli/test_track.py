"""Tests for the ``track`` and ``timeline`` commands in ``_cli/_track.py``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from statement_tracker._cli import main

ROOT = Path(__file__).resolve().parents[2]
READOUTS = ROOT / "fixtures" / "readouts"
WATCHLIST = ROOT / "fixtures" / "watchlist.toml"
JSONL_FIELDS = {
    "phrase_id", "phrase", "form", "doc_id", "source", "date", "score", "start", "end", "text",
    "method",
}  # fmt: skip


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_track_jsonl_has_the_issue_fields(capsys: pytest.CaptureFixture[str]) -> None:
    """Every jsonl object carries at least the documented fields."""
    status, out, _ = _run(capsys, "track", str(READOUTS), "--watchlist", str(WATCHLIST))
    rows = [json.loads(line) for line in out.splitlines()]
    assert (0, True) == (status, all(JSONL_FIELDS <= set(r) for r in rows))


def test_track_offsets_point_into_the_loaded_text(capsys: pytest.CaptureFixture[str]) -> None:
    """start/end of a jsonl row slice the loaded document's text to the row's text."""
    import statement_tracker as st

    path = READOUTS / "2021-09-14_corvan-vossberg-talks-port-miren.html"
    _, out, _ = _run(capsys, "track", str(path), "--phrase", "Amber Corridor")
    doc = st.load(path)
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(doc.text[r["start"] : r["end"]] == r["text"] for r in rows)


def test_track_csv_has_a_header_and_rows(capsys: pytest.CaptureFixture[str]) -> None:
    """--format csv writes the header then one row per occurrence."""
    _, out, _ = _run(
        capsys, "track", str(READOUTS), "--phrase", "Amber Corridor", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"amber corridor"} == {r["text"].lower() for r in rows}


def test_track_threshold_outside_range_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--threshold 150 exits 2 with a one-line error."""
    status, _, err = _run(capsys, "track", str(READOUTS), "--phrase", "x", "--threshold", "150")
    assert (2, 1) == (status, len(err.strip().splitlines()))


def test_malformed_watchlist_names_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A malformed TOML watchlist gives `file:line: malformed TOML` and exit status 2."""
    bad = tmp_path / "bad.toml"
    bad.write_text('[[phrase]]\ntext = "a"\ntext = "b"\n', encoding="utf-8")
    status, _, err = _run(capsys, "track", str(READOUTS), "--watchlist", str(bad))
    assert (2, True) == (status, f"{bad}:3: malformed TOML" in err)


def test_timeline_table_shows_the_dropout(capsys: pytest.CaptureFixture[str]) -> None:
    """The timeline table of the fixtures reports the drop-out of P06 since 2023-05-11."""
    _, out, _ = _run(capsys, "timeline", str(READOUTS), "--watchlist", str(WATCHLIST))
    assert "absent from the last 4 since 2023-05-11" in out


def test_timeline_json_lists_every_formula(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json has one timeline per watchlist formula."""
    _, out, _ = _run(
        capsys, "timeline", str(READOUTS), "--watchlist", str(WATCHLIST), "--format", "json"
    )
    ids = [f["phrase_id"] for f in json.loads(out)["formulas"]]
    assert [f"P{i:02d}" for i in range(1, 13)] == ids


def test_timeline_by_series_field(capsys: pytest.CaptureFixture[str]) -> None:
    """--series language groups the strips by document language."""
    _, out, _ = _run(
        capsys, "timeline", str(READOUTS), "--phrase", "new era", "--series", "language",
        "--format", "csv",
    )  # fmt: skip
    series = {r["series"] for r in csv.DictReader(io.StringIO(out))}
    assert {"en", "ru", "zh"} <= series


def test_track_on_two_workers_prints_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    """-j 2 changes nothing in the output."""
    one = _run(capsys, "track", str(READOUTS), "--watchlist", str(WATCHLIST), "--format", "jsonl")
    two = _run(
        capsys,
        "track",
        str(READOUTS),
        "--watchlist",
        str(WATCHLIST),
        "--format",
        "jsonl",
        "-j",
        "2",
    )
    assert one == two and one[0] == 0 and one[1]


def test_track_zero_workers_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    """-j 0 exits 2 with a message, no traceback."""
    status, _, err = _run(capsys, "track", str(READOUTS), "--phrase", "new era", "-j", "0")
    assert status == 2 and "workers" in err and "Traceback" not in err


def test_match_exact_keeps_only_the_wording(capsys: pytest.CaptureFixture[str]) -> None:
    """--match exact finds fewer occurrences than the default, all of them exact or folded."""
    _, close, _ = _run(capsys, "track", str(READOUTS), "--watchlist", str(WATCHLIST))
    _, exact, _ = _run(
        capsys, "track", str(READOUTS), "--watchlist", str(WATCHLIST), "--match", "exact"
    )
    close_rows = [json.loads(line) for line in close.splitlines()]
    exact_rows = [json.loads(line) for line in exact.splitlines()]
    assert len(exact_rows) < len(close_rows)
    assert {"exact", "folded"} >= {r["method"] for r in exact_rows}


def test_unknown_match_level_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """--match fuzzy is a usage error (argparse names the choices)."""
    with pytest.raises(SystemExit) as exc:
        main(["track", str(READOUTS), "--phrase", "x", "--match", "fuzzy"])
    assert 2 == exc.value.code


def test_language_with_db_and_no_paths_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--language names the language of documents read from PATHS, not of stored ones."""
    db = str(tmp_path / "a.db")
    assert 0 == main(["add", str(READOUTS), "--db", db])
    capsys.readouterr()
    status, _, err = _run(capsys, "track", "--db", db, "--phrase", "x", "--language", "en")
    assert (2, 1) == (status, len(err.strip().splitlines()))
    assert "--language" in err


def test_track_watchlist_on_a_device_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """--watchlist /dev/zero exits 2 at once with one line."""
    status, _, err = _run(capsys, "track", str(READOUTS), "--watchlist", "/dev/zero")
    assert (2, ["statement-tracker: error: /dev/zero: not a regular file"]) == (
        status,
        err.strip().splitlines(),
    )


def test_track_deeply_nested_watchlist_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A watchlist nested 5,000 deep exits 2 with one line, no traceback."""
    f = tmp_path / "deep.toml"
    f.write_text("a = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    status, _, err = _run(capsys, "track", str(READOUTS), "--watchlist", str(f))
    assert (2, 1) == (status, len(err.strip().splitlines()))


class _Terminal(io.StringIO):
    """Standard output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def long_series(tmp_path: Path) -> Path:
    """45 dated readouts; "new era" in every third one, so formulas have a long strip."""
    for i in range(45):
        text = f"The sides met {i} times. " + ("They hailed a new era. " if i % 3 == 0 else "")
        (tmp_path / f"{2000 + i // 12}-{i % 12 + 1:02d}-01_r{i}.txt").write_text(text)
    return tmp_path


def test_timeline_strip_in_a_pipe_has_every_document(
    long_series: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written to a pipe or file, the strip has one mark for each of the 45 readouts."""
    _, out, _ = _run(capsys, "timeline", str(long_series), "--phrase", "new era")
    strip = out.splitlines()[1].split()[5]
    assert (45, "#..#..") == (len(strip), strip[:6])


def test_timeline_strip_on_a_terminal_says_what_it_leaves_out(
    long_series: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a terminal the strip shows the last 40 readouts after "(+5)", and the legend
    says that only the last 40 are shown."""
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert 0 == main(["timeline", str(long_series), "--phrase", "new era"])
    out = terminal.getvalue()
    row = out.splitlines()[1]
    assert (True, True) == ("(+5) " + ".#." * 13 + "." in row, "only the last 40" in out)


def test_group_by_splits_the_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    """--group-by language gives one timeline per language, without a warning."""
    status, out, err = _run(
        capsys, "timeline", str(READOUTS), "--phrase", "new era", "--group-by", "language",
        "--format", "csv",
    )  # fmt: skip
    series = {r["series"] for r in csv.DictReader(io.StringIO(out))}
    assert (0, {"en", "ru", "zh"}, "") == (status, series & {"en", "ru", "zh"}, err)


def test_group_by_unknown_field_lists_the_fields(capsys: pytest.CaptureFixture[str]) -> None:
    """--group-by langauge exits 2 and suggests 'language'."""
    status, _, err = _run(
        capsys, "timeline", str(READOUTS), "--phrase", "x", "--group-by", "langauge"
    )
    assert (2, True) == (status, "did you mean 'language'?" in err)


def test_old_series_field_spelling_warns(capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline --series language` still groups by language, with a deprecation warning."""
    status, out, err = _run(
        capsys, "timeline", str(READOUTS), "--phrase", "new era", "--series", "language",
        "--format", "json",
    )  # fmt: skip
    assert (0, "language", True) == (
        status,
        json.loads(out)["series_field"],
        "--series language is read as --group-by language" in err,
    )


def test_csv_columns_are_the_fields_of_an_occurrence(tmp_path: Path) -> None:
    """``track --format csv`` has a column for every field of ``Occurrence`` (``differs``
    included), in the order of ``to_dataframe()``."""
    import attrs

    from statement_tracker import Occurrence
    from statement_tracker._cli._track import OCCURRENCE_COLUMNS as CLI_COLUMNS
    from statement_tracker._track._occurrences import OCCURRENCE_COLUMNS

    assert CLI_COLUMNS == OCCURRENCE_COLUMNS
    assert set(CLI_COLUMNS) == {f.name for f in attrs.fields(Occurrence)}
    out = tmp_path / "o.csv"
    readouts = Path(__file__).resolve().parents[2] / "fixtures" / "readouts"
    argv = ["track", str(readouts), "--phrase", "new era", "--format", "csv", "-o", str(out)]
    assert 0 == main(argv)
    with out.open(encoding="utf-8") as f:
        assert list(CLI_COLUMNS) == next(csv.reader(f))

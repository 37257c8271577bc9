"""Tests for manifests: metadata for files from a CSV/TSV table (``_manifest.py``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from statement_tracker import (
    CorpusFormatError,
    Document,
    InputError,
    Manifest,
    UsageError,
    load_corpus,
)
from statement_tracker._cli import main


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def speeches(tmp_path: Path) -> Path:
    """A UNGD-like folder: txt/ with speeches, manifest.tsv beside it with year and country."""
    _write(tmp_path / "txt" / "2019_AAA_s74.txt", "We seek win-win cooperation.")
    _write(tmp_path / "txt" / "2020_AAA_s75.txt", "Win-win cooperation, again.")
    _write(tmp_path / "txt" / "2020_BBB_s75.txt", "Nothing of the kind.")
    _write(
        tmp_path / "manifest.tsv",
        "file\tyear\tcountry\tsession\n"
        "2019_AAA_s74.txt\t2019\tAAA\t74\n"
        "2020_AAA_s75.txt\t2020\tAAA\t75\n"
        "2020_BBB_s75.txt\t2020\tBBB\t75\n",
    )
    return tmp_path


def test_year_and_mapped_series_fill_the_documents(speeches: Path) -> None:
    """A year gives 1 January; series=country reads the country column; rows found by name."""
    m = Manifest.from_file(speeches / "manifest.tsv", fields={"series": "country"})
    docs = list(m.apply_all(load_corpus([speeches / "txt"])))
    assert [(d.date, d.series) for d in docs] == [
        (dt.date(2019, 1, 1), "AAA"),
        (dt.date(2020, 1, 1), "AAA"),
        (dt.date(2020, 1, 1), "BBB"),
    ]
    assert (3, {"date": "year", "series": "country"}) == (len(m), dict(m.columns))


def test_csv_columns_replace_values_and_empty_cells_keep_them(tmp_path: Path) -> None:
    """date, title, url and publisher replace the document's; an empty cell keeps its value."""
    m = Manifest.from_file(
        _write(
            tmp_path / "m.csv",
            "file,date,title,url,publisher\n"
            "a.txt,16 May 2024,Talks,https://example.org/a,example.org\n"
            "b.txt,,,,\n",
        )
    )
    a = m.apply(Document.from_text("A.", source="a.txt", title="old"))
    b = Document.from_text("B.", source="b.txt", title="kept", date="2020-02-02")
    assert (a.date, a.title, a.url, a.publisher) == (
        dt.date(2024, 5, 16),
        "Talks",
        "https://example.org/a",
        "example.org",
    )
    assert m.apply(b) is b
    assert m.apply(Document.from_text("C.", source="c.txt")).title is None


def test_paths_relative_to_the_manifest_tell_apart_files_of_one_name(tmp_path: Path) -> None:
    """Two rows with the same file name in different folders: only the relative path finds them."""
    m = Manifest.from_file(_write(tmp_path / "m.csv", "file,series\nx/a.txt,X\ny/a.txt,Y\n"))
    assert "Y" == m.apply(Document.from_text("t", source=str(tmp_path / "y" / "a.txt"))).series
    assert None is m.lookup("elsewhere/a.txt")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,date\na.txt,2020\n", "m.csv:1: no 'file' column"),
        ("file,date\n,2020\n", "m.csv:2: a row without a file name"),
        ("file,date\na.txt,2020\n./a.txt,2021\n", "m.csv:3: './a.txt' is listed twice"),
        ("file,year\na.txt,2020\nb.txt,soon\n", "m.csv:3: column 'year': not a date or a year"),
    ],
)
def test_bad_tables_are_corpus_format_errors_with_the_line(
    tmp_path: Path, text: str, message: str
) -> None:
    """Each problem is a one-line CorpusFormatError naming the file and the line."""
    with pytest.raises(CorpusFormatError, match=message):
        Manifest.from_file(_write(tmp_path / "m.csv", text))


def test_unreadable_tables_and_bad_fields(tmp_path: Path) -> None:
    """A missing or non-UTF-8 file is an InputError; a bad field mapping a UsageError."""
    with pytest.raises(InputError, match="cannot read"):
        Manifest.from_file(tmp_path / "none.csv")
    (tmp_path / "latin.csv").write_bytes(b"file,title\na.txt,caf\xe9\n")
    with pytest.raises(InputError, match="not UTF-8"):
        Manifest.from_file(tmp_path / "latin.csv")
    good = _write(tmp_path / "m.csv", "file,country\na.txt,X\n")
    with pytest.raises(UsageError, match="unknown manifest field 'colour'"):
        Manifest.from_file(good, fields={"colour": "country"})
    with pytest.raises(UsageError, match="no column 'nation'"):
        Manifest.from_file(good, fields={"series": "nation"})


def test_timeline_command_with_a_manifest(
    speeches: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """timeline --manifest --manifest-field series=country: dated, grouped by country."""
    status = main(
        [
            "timeline", str(speeches / "txt"), "--phrase", "win-win cooperation",
            "--manifest", str(speeches / "manifest.tsv"), "--manifest-field", "series=country",
            "--series", "series", "--format", "json",
        ]
    )  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    rows = {f["series"]: (f["first_seen"], f["last_seen"]) for f in out["formulas"]}
    assert (0, {"AAA": ("2019-01-01", "2020-01-01"), "BBB": (None, None)}) == (status, rows)


def test_cli_errors_are_one_line_and_add_writes_nothing(
    speeches: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad table or option exits non-zero with one line; `add` then leaves no archive."""
    bad = _write(tmp_path / "bad.csv", "name\nx\n")
    db = tmp_path / "a.db"
    status = main(["add", str(speeches / "txt"), "--db", str(db), "--manifest", str(bad)])
    err = capsys.readouterr().err
    assert (1, 1, False) == (status > 0, len(err.strip().splitlines()), db.exists())
    assert "bad.csv:1: no 'file' column" in err
    status = main(["extract", str(speeches / "txt"), "--manifest-field", "series=country"])
    assert status > 0 and "--manifest" in capsys.readouterr().err


def test_add_stores_the_manifest_values(speeches: Path, tmp_path: Path) -> None:
    """`add --manifest` stores the dates and series; tracking the archive then sees them."""
    db = tmp_path / "a.db"
    manifest = str(speeches / "manifest.tsv")
    args = ["--manifest", manifest, "--manifest-field", "series=country"]
    assert 0 == main(["add", str(speeches / "txt"), "--db", str(db), *args])
    from statement_tracker import Archive

    with Archive.open(db, create=False) as archive:
        got = sorted((d.date.isoformat(), d.series) for d in archive.documents() if d.date)
    assert [("2019-01-01", "AAA"), ("2020-01-01", "AAA"), ("2020-01-01", "BBB")] == got
    assert 0 != main(["track", "--db", str(db), "--phrase", "x", "--manifest", manifest])


def test_the_ungd_manifest_dates_every_speech(shared_corpus: Path) -> None:
    """The shared UN General Debate manifest dates all 235 speeches and gives their country."""
    ungd = shared_corpus / "ungd"
    m = Manifest.from_file(ungd / "manifest.tsv", fields={"series": "country"})
    docs = list(m.apply_all(load_corpus([ungd / "txt"])))
    assert 235 == len(docs)
    assert all(d.date is not None and d.series in {"CHN", "RUS", "USA"} for d in docs)


def test_a_nul_byte_or_a_quoted_newline(tmp_path: Path) -> None:
    """A NUL byte or an overlong cell is a CorpusFormatError; quoted newlines keep line numbers."""
    with pytest.raises(CorpusFormatError, match=r"m\.csv:2: a NUL byte"):
        Manifest.from_file(_write(tmp_path / "m.csv", "file,title\na.txt,x\x00y\n"))
    with pytest.raises(CorpusFormatError, match=r"m1\.csv:2: not a table"):
        Manifest.from_file(_write(tmp_path / "m1.csv", "file,title\na.txt," + "x" * 200_000 + "\n"))
    text = 'file,title,date\na.txt,"two\nlines",2020\nb.txt,ok,never\n'
    with pytest.raises(CorpusFormatError, match=r"m2\.csv:4: column 'date'"):
        Manifest.from_file(_write(tmp_path / "m2.csv", text))


def test_language_column_sets_the_language(tmp_path: Path) -> None:
    """A language column replaces the guess from the script; an empty cell keeps the guess."""
    m = Manifest.from_file(_write(tmp_path / "m.csv", "file,language\na.txt,uk\nb.txt,\n"))
    a = m.apply(Document.from_text("Добрий день.", source="a.txt"))
    b = m.apply(Document.from_text("Добрый день.", source="b.txt"))
    assert ("uk", "ru") == (a.language, b.language)
    assert {"language": "language"} == dict(m.columns)


def test_language_column_wins_over_a_record_language(tmp_path: Path) -> None:
    """The manifest's language replaces the one a corpus record gives."""
    corpus = _write(tmp_path / "c.jsonl", '{"id": "a", "language": "ru", "text": "Добрий день."}\n')
    m = Manifest.from_file(_write(tmp_path / "m.csv", "file,language\nc.jsonl#a,uk\n"))
    assert ["uk"] == [d.language for d in m.apply_all(load_corpus(corpus))]


@pytest.mark.parametrize("cell", ["RU", "ru-RU", "russian", "r"])
def test_language_column_refuses_what_is_not_a_code(tmp_path: Path, cell: str) -> None:
    """A language cell that is not 2-3 lower-case letters is a one-line error with its line."""
    path = _write(tmp_path / "m.csv", f"file,language\na.txt,en\nb.txt,{cell}\n")
    with pytest.raises(CorpusFormatError) as info:
        Manifest.from_file(path)
    assert 3 == info.value.line
    assert "language" in str(info.value) and "\n" not in str(info.value)

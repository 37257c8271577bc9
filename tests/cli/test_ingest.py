"""Tests for the ``extract`` command (_cli/_ingest.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from statement_tracker._cli import main

FIELDS = [
    "date",
    "doc_id",
    "language",
    "publisher",
    "series",
    "sha256",
    "source",
    "text",
    "title",
    "url",
]


def test_extract_jsonl_schema(fixtures_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``extract`` writes one object per document with the documented fields."""
    assert 0 == main(["extract", str(fixtures_dir / "readouts")])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert 15 == len(rows)
    assert all(FIELDS == sorted(row) for row in rows)
    assert "2016-03-14" == rows[0]["date"]


def test_extract_table(fixtures_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--format table`` prints a header and one line per document."""
    assert 0 == main(["extract", str(fixtures_dir / "publishers"), "--format", "table"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["doc_id", "date", "publisher", "language", "title", "source"]
    assert 7 == len(lines)


def test_extract_reports_unreadable_and_continues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad inputs are reported on stderr, good ones written, and the status is 1."""
    (tmp_path / "a.txt").write_text("Both sides agreed.")
    (tmp_path / "b.html").write_bytes(b"%PDF-1.7")
    os.mkfifo(tmp_path / "c.md")
    (tmp_path / "d.jsonl").write_text('{"id": "x", "text": "ok"}\nnot json\n')
    assert 2 == main(["extract", str(tmp_path)])
    captured = capsys.readouterr()
    assert ["Both sides agreed.", "ok"] == [
        json.loads(x)["text"] for x in captured.out.splitlines()
    ]
    errors = captured.err.splitlines()
    assert any("b.html: binary input (a PDF file)" in e for e in errors)
    assert any("c.md: not a regular file" in e for e in errors)
    assert any("d.jsonl:2: not JSON" in e for e in errors)
    assert "Traceback" not in captured.err


def test_extract_with_user_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--rules FILE`` applies a user's publisher rule."""
    rules = tmp_path / "r.toml"
    rules.write_text('[[rule]]\nname = "r"\nhosts = ["r.example"]\nbody = ["div.b"]\n')
    page = tmp_path / "p.html"
    page.write_text(
        '<link rel="canonical" href="https://r.example/1"><div class="b"><p>Body.</p></div>'
        "<div><p>A longer teaser, with commas, words and more words to tempt.</p></div>"
    )
    assert 0 == main(["extract", str(page), "--rules", str(rules)])
    assert "Body." == json.loads(capsys.readouterr().out)["text"]


def test_extract_bad_rules_file_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken rules file is a one-line error with status 2, not a traceback."""
    rules = tmp_path / "r.toml"
    rules.write_text("[[rule]]\nname = 'r'\n")
    page = tmp_path / "p.html"
    page.write_text("<p>Body.</p>")
    assert 2 == main(["extract", str(page), "--rules", str(rules)])
    err = capsys.readouterr().err
    assert "r.toml: rule 'r': 'body' needs at least one selector" in err
    assert "Traceback" not in err


def test_extract_rules_with_invalid_xpath_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--rules with body = ["//*["] exits 2 with one line naming the file, no traceback."""
    rules = tmp_path / "r.toml"
    rules.write_text('[[rule]]\nname = "r"\nbody = ["//*["]\n')
    page = tmp_path / "p.html"
    page.write_text("<p>Body.</p>")
    status = main(["extract", str(page), "--rules", str(rules)])
    err = capsys.readouterr().err.strip().splitlines()
    assert (2, 1, True) == (status, len(err), "r.toml: rule 'r': body" in err[0])


# --- --language ----------------------------------------------------------------------------

_UK = "Сторони підтвердили відданість принципам взаємної поваги."


def _rows(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_extract_language_sets_documents_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--language gives files and records without a language that language."""
    (tmp_path / "a.txt").write_text(_UK, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "b", "text": _UK}) + "\n", "utf-8")
    assert 0 == main(["extract", str(tmp_path), "--language", "uk"])
    assert ["uk", "uk"] == [r["language"] for r in _rows(capsys)]


def test_extract_record_and_manifest_languages_win_over_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record's language and a manifest's language column win over --language."""
    (tmp_path / "c.jsonl").write_text(
        "".join(json.dumps({"id": i, "language": "ru", "text": _UK}) + "\n" for i in ("a", "b")),
        "utf-8",
    )
    (tmp_path / "m.csv").write_text("file,language\nc.jsonl#b,be\n", "utf-8")
    args = ["extract", str(tmp_path / "c.jsonl"), "--language", "uk"]
    assert 0 == main([*args, "--manifest", str(tmp_path / "m.csv")])
    assert ["ru", "be"] == [r["language"] for r in _rows(capsys)]


def test_extract_bad_language_is_one_line_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--language that is not a 2-3 letter lower-case code fails on one line, writing nothing."""
    (tmp_path / "a.txt").write_text(_UK, encoding="utf-8")
    assert 2 == main(["extract", str(tmp_path), "--language", "UA"])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert [
        "statement-tracker: error: --language: expected a 2-3 letter lower-case code "
        "(ISO 639) such as 'en', not 'UA'"
    ] == captured.err.splitlines()


@pytest.mark.parametrize("command", [["records"], ["track", "--phrase", "поваги"]])
def test_other_path_commands_take_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """Every command reading PATHS takes --language (a bad code is the same usage error)."""
    (tmp_path / "a.txt").write_text(_UK, encoding="utf-8")
    assert 2 == main([command[0], str(tmp_path), *command[1:], "--language", "Ukr"])
    assert "--language: expected" in capsys.readouterr().err
    assert 0 == main([command[0], str(tmp_path), *command[1:], "--language", "uk"])


def _inputs(tmp_path: Path) -> Path:
    ok = tmp_path / "ok.txt"
    ok.write_text("Both sides agreed to meet again.\n", encoding="utf-8")
    return ok


def test_extract_binary_jsonl_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A binary file named .jsonl gives one error line, the other input is still written."""
    ok = _inputs(tmp_path)
    bad = tmp_path / "bin.jsonl"
    bad.write_bytes(b"\x7fELF\x02\x01\x01\x00" + b"\x00\x01\n\xff" * 500)
    assert 2 == main(["extract", str(bad), str(ok)])
    out, err = capsys.readouterr()
    assert [f"statement-tracker: error: {bad}: binary input (an ELF executable)",
            "statement-tracker: 1 input(s) could not be read"] == err.splitlines()  # fmt: skip
    assert 1 == len(out.splitlines())


def test_extract_jsonl_with_nul_bytes_is_binary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A .jsonl holding NUL bytes (no known magic number) is one binary-input error."""
    bad = tmp_path / "blob.jsonl"
    bad.write_bytes(b"\x00\x13\x88\n\xfe" * 300)
    assert 2 == main(["extract", str(bad)])
    assert f"{bad}: binary input (NUL bytes)" in capsys.readouterr().err.splitlines()[0]


def test_extract_empty_jsonl_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty .jsonl is reported as having no records and the status is 1."""
    ok = _inputs(tmp_path)
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    assert 2 == main(["extract", str(empty), str(ok)])
    out, err = capsys.readouterr()
    assert f"statement-tracker: error: {empty}: no records" == err.splitlines()[0]
    assert 1 == len(out.splitlines())


def test_extract_directory_named_html_is_walked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory named x.html given as a PATH is walked like any directory."""
    folder = tmp_path / "x.html"
    folder.mkdir()
    (folder / "a.txt").write_text("Both sides agreed.\n", encoding="utf-8")
    assert 0 == main(["extract", str(folder)])
    out, err = capsys.readouterr()
    assert ("", 1) == (err, len(out.splitlines()))
    assert json.loads(out)["source"].endswith("a.txt")


def test_records_binary_jsonl_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``records`` reports a binary .jsonl in one line, reads the other inputs, exits 2."""
    bad = tmp_path / "bin.jsonl"
    bad.write_bytes(b"\x7fELF\x02\x01\x01\x00" + b"\x00\x01\n\xff" * 500)
    good = tmp_path / "a.txt"
    good.write_text("Both sides agreed.", encoding="utf-8")
    assert 2 == main(["records", str(bad), str(good)])
    out, err = capsys.readouterr()
    assert [
        f"statement-tracker: error: {bad}: binary input (an ELF executable)",
        "statement-tracker: 1 input(s) could not be read",
    ] == err.splitlines()
    rows = [json.loads(line) for line in out.splitlines()]
    assert ["Both sides agreed."] == [r["text"] for r in rows if r["kind"] == "paragraph"]


def test_speaker_names_have_plain_spaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A no-break space inside a speaker's name becomes a space in `records`, so the two
    spellings of one speaker are one name."""
    page = tmp_path / "t.txt"
    page.write_text(
        "Vladimir\u00a0Putin: Good afternoon.\n\nVladimir Putin: Thank you.\n", encoding="utf-8"
    )
    assert 0 == main(["records", str(page), "--kind", "quote"])
    speakers = {json.loads(line)["speaker"] for line in capsys.readouterr().out.splitlines()}
    assert {"Vladimir Putin"} == speakers

"""Tests for _ingest/_load: load, load_bytes, load_corpus, plain text, corpora and bad input."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest

import statement_tracker as st
from statement_tracker import (
    BinaryInputError,
    CorpusFormatError,
    DecodingError,
    EmptyDocumentError,
    ExtractionError,
    InputError,
    InputTooLargeError,
    StatementTrackerError,
    UsageError,
)

RUSSIAN = "Стороны подтвердили приверженность принципам взаимного уважения."
CHINESE = "双方重申，两国合作没有禁区。"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- single documents ----------------------------------------------------------------------


def test_load_html_document(tmp_path: Path) -> None:
    """An HTML page gives its article text, title, date, URL and publisher."""
    page = write(
        tmp_path / "talks.html",
        '<html><head><meta property="og:title" content="Talks">'
        '<meta property="og:url" content="https://mfa.example/talks">'
        '<meta property="article:published_time" content="2024-05-16T09:00:00+02:00">'
        "</head><body><article><p>Both sides agreed.</p></article></body></html>",
    )
    doc = st.load(page)
    assert ("Talks", dt.date(2024, 5, 16), "https://mfa.example/talks", "mfa.example") == (
        doc.title,
        doc.date,
        doc.url,
        doc.publisher,
    )
    assert ("Both sides agreed.", str(page)) == (doc.text, doc.source)


def test_load_markdown_with_front_matter(tmp_path: Path) -> None:
    """Markdown front matter gives title, date and URL; the body is plain paragraphs."""
    md = write(
        tmp_path / "release.md",
        "---\ntitle: \"Joint \\u201cStatement\\u201d\"\ndate: '2017-05-22'\n"
        "url: https://chancellery.example/s\n---\n\nThe sides\nagreed.\n\n\\###\n",
    )
    doc = st.load(md)
    assert (
        "Joint “Statement”",
        dt.date(2017, 5, 22),
        "chancellery.example",
        "The sides agreed.",
    ) == (
        doc.title,
        doc.date,
        doc.publisher,
        doc.text,
    )


def test_load_plain_text_title_and_date_line(tmp_path: Path) -> None:
    """Plain text: a short first line is the title; a date line in the text gives the date."""
    txt = write(
        tmp_path / "address.txt",
        "Address to the Assembly\n\nAltenhaven, 25 September 2019\n\nDear friends,\nthank you.\n",
    )
    doc = st.load(txt)
    assert ("Address to the Assembly", dt.date(2019, 9, 25)) == (doc.title, doc.date)
    assert (
        "Address to the Assembly\n\nAltenhaven, 25 September 2019\n\nDear friends, thank you."
        == doc.text
    )


def test_date_from_file_name_prefix_when_content_has_none(tmp_path: Path) -> None:
    """The ``YYYY-MM-DD`` file-name prefix dates a document whose content has no date."""
    doc = st.load(write(tmp_path / "2017-11-08_consultations.txt", "The ministers met."))
    assert dt.date(2017, 11, 8) == doc.date


def test_content_date_wins_over_file_name(tmp_path: Path) -> None:
    """A date in the page beats the file-name prefix."""
    page = write(
        tmp_path / "2000-01-01_x.html",
        '<meta name="date" content="2024-05-16"><article><p>Both sides agreed.</p></article>',
    )
    assert dt.date(2024, 5, 16) == st.load(page).date


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    """A file with an unknown suffix is read as HTML when it looks like HTML."""
    page = write(tmp_path / "page.php", "<!DOCTYPE html><html><body><p>Agreed.</p></body></html>")
    assert "Agreed." == st.load(page).text


def test_windows_1251_and_gb18030_files(tmp_path: Path) -> None:
    """Russian in Windows-1251 and Chinese in GB18030 load with the right text and language."""
    ru = st.load(write(tmp_path / "ru.txt", RUSSIAN.encode("cp1251")))
    zh = st.load(write(tmp_path / "zh.txt", CHINESE.encode("gb18030")))
    assert ((RUSSIAN, "ru"), (CHINESE, "zh")) == ((ru.text, ru.language), (zh.text, zh.language))


def test_utf16_bom_file(tmp_path: Path) -> None:
    """A UTF-16 file with a byte-order mark loads."""
    doc = st.load(write(tmp_path / "u16.txt", "Both sides agreed.".encode("utf-16")))
    assert "Both sides agreed." == doc.text


def test_load_refuses_corpus_files(tmp_path: Path) -> None:
    """``load`` on a ``.jsonl`` corpus points to ``load_corpus``."""
    with pytest.raises(UsageError, match="load_corpus"):
        st.load(write(tmp_path / "c.jsonl", '{"text": "x"}\n'))


def test_load_bytes_kind_and_limit() -> None:
    """``load_bytes`` takes an explicit kind and enforces the size limit."""
    assert "# not a heading" == st.load_bytes(b"# not a heading", name="x", kind="text").text
    with pytest.raises(InputTooLargeError):
        st.load_bytes(b"x" * 100, name="x.txt", max_bytes=10)


# --- hostile input -------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    """An empty file raises EmptyDocumentError naming it."""
    with pytest.raises(EmptyDocumentError, match=r"empty\.html: empty"):
        st.load(write(tmp_path / "empty.html", b""))


def test_binary_file(tmp_path: Path) -> None:
    """A binary file is refused with BinaryInputError."""
    with pytest.raises(BinaryInputError, match=r"photo\.html: binary input \(a PNG image\)"):
        st.load(write(tmp_path / "photo.html", b"\x89PNG\r\n\x1a\n" + os.urandom(64)))


def test_truncated_html(tmp_path: Path) -> None:
    """Truncated HTML gives the text it has."""
    page = write(tmp_path / "cut.html", "<html><body><p>The sides agreed to cooperate on")
    assert "The sides agreed to cooperate on" == st.load(page).text


def test_entity_bomb(tmp_path: Path) -> None:
    """An entity-expansion bomb is not expanded: memory stays bounded, the result is small."""
    defs = (
        '<!ENTITY a "'
        + "a" * 50
        + '">'
        + "".join(
            f'<!ENTITY {n} "{("&" + p + ";") * 50}">'
            for p, n in zip("abcdef", "bcdefg", strict=True)
        )
    )
    page = write(
        tmp_path / "bomb.html",
        f'<?xml version="1.0"?><!DOCTYPE html [{defs}]>'
        "<html><body><p>&g; Agreed.</p></body></html>",
    )
    doc = st.load(page)
    assert len(doc.text) < 100 and doc.text.endswith("Agreed.")


def test_hundred_thousand_nested_elements(tmp_path: Path) -> None:
    """100,000 nested elements give a typed error, never a crash."""
    n = 100_000
    page = write(tmp_path / "deep.html", "<html><body>" + "<div>" * n + "x" + "</div>" * n)
    with pytest.raises(ExtractionError, match=r"deep\.html: elements nested too deeply"):
        st.load(page)


def test_two_hundred_megabyte_text_file(tmp_path: Path) -> None:
    """A 200 MB text file is refused from its size, before it is read."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:  # sparse: fast, and no disk space used
        f.write(b"Both sides agreed.\n")
        f.truncate(200 * 1024 * 1024)
    with pytest.raises(InputTooLargeError, match=r"big\.txt: 209715200 bytes, over the limit"):
        st.load(big)


def test_invalid_bytes_in_declared_encoding(tmp_path: Path) -> None:
    """Bytes invalid in the declared encoding raise DecodingError naming the file."""
    page = write(
        tmp_path / "bad.html",
        b'<meta charset="utf-8"><p>' + "Caf\xe9 cr\xe8me ".encode("latin-1") * 20 + b"</p>",
    )
    with pytest.raises(DecodingError, match=r"bad\.html: invalid byte 0xe9"):
        st.load(page)


def test_every_bad_input_error_is_one_line_under_the_root(tmp_path: Path) -> None:
    """Hostile inputs raise under the root error with a one-line message naming the file."""
    cases = {
        "empty.txt": b"",
        "bin.txt": b"\x7fELF\x02\x01\x01" + bytes(100),
        "deep.html": b"<div>" * 1000 + b"x",
        "bad.html": b'<meta charset="utf-8">' + b"\xe9t\xe9 " * 40,
    }
    for name, data in cases.items():
        with pytest.raises(StatementTrackerError) as info:
            st.load(write(tmp_path / name, data))
        message = str(info.value)
        assert "\n" not in message and name in message


# --- corpora -------------------------------------------------------------------------------


def test_jsonl_corpus_fields_and_sources(tmp_path: Path) -> None:
    """JSONL records give documents with ``path#id`` sources and their metadata."""
    corpus = write(
        tmp_path / "c.jsonl",
        json.dumps(
            {
                "id": "r1",
                "date": "2024-05-16",
                "title": "T",
                "url": "https://x.example/1",
                "text": "Both sides\nagreed.",
            }
        )
        + "\n\n"
        + json.dumps({"id": "p7", "series": "wire", "date": "1999-01-02", "text": "Passim text."})
        + "\n",
    )
    docs = list(st.load_corpus(corpus))
    assert [f"{corpus}#r1", f"{corpus}#p7"] == [d.source for d in docs]
    assert ("T", dt.date(2024, 5, 16), "x.example", "Both sides agreed.") == (
        docs[0].title,
        docs[0].date,
        docs[0].publisher,
        docs[0].text,
    )
    assert ("wire", dt.date(1999, 1, 2)) == (docs[1].series, docs[1].date)


def test_gzipped_corpus_with_front_matter(tmp_path: Path) -> None:
    """``.jsonl.gz`` records with White House front matter: Markdown text, front-matter title."""
    record = {
        "id": "statements/readout",
        "date": "2023-11-15",
        "url": "https://www.whitehouse.gov/x",
        "front_matter": "date: '2023-11-15'\ntitle: \"Readout of President\\u2019s\n  Meeting\"",
        "text": " \nThe leaders\n[discussed](https://x) issues.\n\n\\###\n",
    }
    path = tmp_path / "wh.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    (doc,) = st.load_corpus(path)
    assert (
        "Readout of President’s Meeting",
        "The leaders discussed issues.",
        "www.whitehouse.gov",
    ) == (
        doc.title,
        doc.text,
        doc.publisher,
    )


def test_bad_jsonl_line_reports_its_number(tmp_path: Path) -> None:
    """A line that is not JSON raises CorpusFormatError with its line number."""
    corpus = write(tmp_path / "c.jsonl", '{"id": "a", "text": "ok"}\n{"id": "b", "text": \n')
    docs = st.load_corpus(corpus)
    assert "ok" == next(docs).text
    with pytest.raises(CorpusFormatError, match=r"c\.jsonl:2: not JSON") as info:
        next(docs)
    assert 2 == info.value.line


def test_deeply_nested_json_line(tmp_path: Path) -> None:
    """A JSONL line nested 100,000 deep is a CorpusFormatError, not a RecursionError."""
    corpus = write(tmp_path / "c.jsonl", "[" * 100_000 + "]" * 100_000 + '\n{"text": "ok"}\n')
    seen: list[StatementTrackerError] = []
    docs = list(st.load_corpus(corpus, errors="skip", on_error=seen.append))
    assert (["ok"], ["c.jsonl:1: JSON nested too deeply"]) == (
        [d.text for d in docs],
        [str(e).rsplit("/", 1)[-1] for e in seen],
    )


def test_bad_lines_skipped_and_reported(tmp_path: Path) -> None:
    """With ``errors="skip"`` bad lines go to ``on_error`` and good ones still load."""
    corpus = write(tmp_path / "c.jsonl", '[1]\n{"id": "a"}\nnope\n{"id": "b", "text": "ok"}\n')
    seen: list[StatementTrackerError] = []
    docs = list(st.load_corpus(corpus, errors="skip", on_error=seen.append))
    assert ["ok"] == [d.text for d in docs]
    assert [1, 2, 3] == [e.line for e in seen]


def test_empty_corpus_record_is_skipped_and_reported(tmp_path: Path) -> None:
    """A record with no text (an image-only release) is reported and skipped, even in raise mode."""
    corpus = write(
        tmp_path / "c.jsonl",
        json.dumps({"id": "img", "front_matter": "title: x", "text": "![](a.png)"}) + "\n"
        + json.dumps({"id": "b", "text": "ok"}) + "\n",
    )  # fmt: skip
    seen: list[StatementTrackerError] = []
    assert ["ok"] == [d.text for d in st.load_corpus(corpus, on_error=seen.append)]
    assert [EmptyDocumentError] == [type(e) for e in seen]


def test_overlong_corpus_line(tmp_path: Path) -> None:
    """A corpus line over the limit is an InputTooLargeError for that line; the next still loads."""
    corpus = write(tmp_path / "c.jsonl", json.dumps({"text": "x" * 5000}) + '\n{"text": "ok"}\n')
    seen: list[StatementTrackerError] = []
    docs = list(st.load_corpus(corpus, errors="skip", on_error=seen.append, max_bytes=1000))
    assert (["ok"], [1]) == ([d.text for d in docs], [e.line for e in seen])


def test_file_of_records_without_text_is_one_error(tmp_path: Path) -> None:
    """A JSONL file whose records have no "text" (labels) is refused once, not line by line."""
    labels = write(
        tmp_path / "labels.jsonl", "".join(f'{{"id": {i}, "end": 5}}\n' for i in range(50))
    )
    seen: list[StatementTrackerError] = []
    assert [] == list(st.load_corpus(labels, errors="skip", on_error=seen.append))
    assert ["labels.jsonl:1: not a document corpus (its records have no 'text')"] == [
        str(e).rsplit("/", 1)[-1] for e in seen
    ]


def test_json_file_with_one_record_or_lines(tmp_path: Path) -> None:
    """A ``.json`` file may hold one record, or JSON Lines under a ``.json`` name."""
    one = write(tmp_path / "one.json", '{"id": "x", "text": "Alone."}')
    lines = write(tmp_path / "lines.json", '{"text": "A."}\n{"text": "B."}\n')
    assert ["Alone."] == [d.text for d in st.load_corpus(one)]
    assert ["A.", "B."] == [d.text for d in st.load_corpus(lines)]


def test_json_array_corpus(tmp_path: Path) -> None:
    """A ``.json`` file holding an array of records is a corpus too."""
    corpus = write(tmp_path / "c.json", json.dumps([{"id": "a", "text": "one"}, {"text": "two"}]))
    assert [f"{corpus}#a", f"{corpus}#L2"] == [d.source for d in st.load_corpus(corpus)]


def test_directory_walk_is_recursive_and_sorted(tmp_path: Path) -> None:
    """Directories are read recursively in sorted order; unknown and hidden files are ignored."""
    write(tmp_path / "b" / "2.txt", "two")
    write(tmp_path / "a.md", "one")
    write(tmp_path / "b" / "1.html", "<p>one-b</p>")
    write(tmp_path / "notes.docx", "ignored")
    write(tmp_path / ".hidden.txt", "ignored")
    assert ["one", "one-b", "two"] == [d.text for d in st.load_corpus(tmp_path)]


def test_directory_with_unreadable_entries(tmp_path: Path) -> None:
    """Readable files still load; a FIFO and a broken symlink are reported, not fatal."""
    write(tmp_path / "a.txt", "first")
    os.mkfifo(tmp_path / "b.html")
    (tmp_path / "c.txt").symlink_to(tmp_path / "missing.txt")
    write(tmp_path / "d.txt", "last")
    seen: list[StatementTrackerError] = []
    docs = list(st.load_corpus(tmp_path, errors="skip", on_error=seen.append))
    assert ["first", "last"] == [d.text for d in docs]
    assert ["b.html", "c.txt"] == [Path(e.path or "").name for e in seen]
    assert all(isinstance(e, InputError) for e in seen)


def test_unreadable_file_raises_by_default(tmp_path: Path) -> None:
    """Without ``errors="skip"`` the first unreadable file stops the walk."""
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="not a regular file"):
        list(st.load_corpus(tmp_path))


def test_bad_errors_argument() -> None:
    """``errors`` must be "raise" or "skip"."""
    with pytest.raises(UsageError):
        list(st.load_corpus([], errors="ignore"))  # type: ignore[arg-type]


# --- fixtures ------------------------------------------------------------------------------


def _readouts() -> list[str]:
    truth = Path(__file__).resolve().parents[2] / "fixtures" / "labels" / "fixture_truth.json"
    if not truth.is_file():
        return []
    return sorted(json.loads(truth.read_text("utf-8")).get("readouts", {}))


@pytest.mark.parametrize("name", _readouts())
def test_fixture_readouts(fixtures_dir: Path, name: str) -> None:
    """Each fictional readout loads with the title, date, publisher and text its label expects."""
    truth = json.loads((fixtures_dir / "labels" / "fixture_truth.json").read_text("utf-8"))
    expected = truth["readouts"][name]
    doc = st.load(fixtures_dir / "readouts" / name)
    assert (expected["title"], expected["date"], expected["publisher"], expected["url"]) == (
        doc.title,
        doc.date.isoformat() if doc.date else None,
        doc.publisher,
        doc.url,
    )
    assert expected["language"] == doc.language
    assert [] == [s for s in expected["must_contain"] if s not in doc.text]
    assert [] == [s for s in expected["must_not_contain"] if s in doc.text]
    if expected["format"] != "txt":
        assert expected["paragraph_count"] == len(doc.text.split("\n\n"))


def test_fixture_directory_loads_in_order(fixtures_dir: Path) -> None:
    """The whole readouts folder loads as a corpus, in file-name (date) order."""
    docs = list(st.load_corpus(fixtures_dir / "readouts"))
    dates = [d.date for d in docs]
    assert len(_readouts()) == len(docs) and dates == sorted(dates)  # type: ignore[type-var]


def test_whitehouse_corpus_head(shared_corpus: Path) -> None:
    """The first 300 White House records load with titles, dates and URLs."""
    docs = []
    for doc in st.load_corpus(shared_corpus / "whitehouse" / "briefings.jsonl.gz"):
        docs.append(doc)
        if len(docs) == 300:
            break
    assert all(d.title and d.date and d.url and d.text for d in docs)
    assert all("#" in d.source for d in docs)


# --- languages -----------------------------------------------------------------------------

UKRAINIAN = "Сторони підтвердили відданість принципам взаємної поваги і рівності."


def test_corpus_record_language_is_read(tmp_path: Path) -> None:
    """A record's language field sets the document's language; without it, the script decides."""
    corpus = write(
        tmp_path / "c.jsonl",
        json.dumps({"id": "a", "language": "uk", "text": UKRAINIAN})
        + "\n"
        + json.dumps({"id": "b", "text": UKRAINIAN})
        + "\n",
    )
    assert ["uk", "ru"] == [d.language for d in st.load_corpus(corpus)]


@pytest.mark.parametrize("value", ["UK", "uk-UA", 7, "ukrainian"])
def test_corpus_record_bad_language_is_an_error_with_the_line(
    tmp_path: Path, value: object
) -> None:
    """A record language that is not a 2-3 letter lower-case code is refused with its line."""
    corpus = write(
        tmp_path / "c.jsonl",
        json.dumps({"id": "a", "text": "Hi."})
        + "\n"
        + json.dumps({"id": "b", "language": value, "text": "Hi."})
        + "\n",
    )
    with pytest.raises(CorpusFormatError) as info:
        list(st.load_corpus(corpus))
    assert (2, "c.jsonl") == (info.value.line, Path(info.value.path or "").name)


def test_load_corpus_language_is_the_default_below_a_record(tmp_path: Path) -> None:
    """load_corpus(language=...) sets files and records without one; a record's own wins."""
    write(tmp_path / "in" / "a.txt", UKRAINIAN)
    write(
        tmp_path / "in" / "c.jsonl",
        json.dumps({"id": "x", "language": "ru", "text": RUSSIAN})
        + "\n"
        + json.dumps({"id": "y", "text": UKRAINIAN})
        + "\n",
    )
    docs = st.load_corpus([tmp_path / "in"], language="uk")
    assert ["uk", "ru", "uk"] == [d.language for d in docs]


def test_load_corpus_bad_language_is_a_usage_error_at_once(tmp_path: Path) -> None:
    """A bad default language is refused when load_corpus is called, before any reading."""
    with pytest.raises(UsageError, match="2-3 letter lower-case"):
        st.load_corpus([tmp_path / "missing"], language="Ukrainian")


def test_load_language_wins_over_the_guess(tmp_path: Path) -> None:
    """load(language=...) gives the document that language whatever its script."""
    path = write(tmp_path / "a.txt", UKRAINIAN)
    assert ("ru", "uk") == (st.load(path).language, st.load(path, language="uk").language)


def test_cyrillic_other_than_russian_loads_as_ru(tmp_path: Path) -> None:
    """Ukrainian, Serbian and Kazakh text is guessed "ru" (Cyrillic script) and segments."""
    for text in (UKRAINIAN, "Србија и Ђорђе ћуте.", "Қазақстан Әлемі мен Өмір."):
        doc = st.load(write(tmp_path / "x.txt", text))
        assert "ru" == doc.language
        assert [r.text for r in st.records(doc, kinds=["sentence"])]


def test_a_document_without_letters_is_en(tmp_path: Path) -> None:
    """A document with no letters at all (numbers, punctuation) defaults to "en"."""
    assert "en" == st.load(write(tmp_path / "n.txt", "2024-05-16 — 3.5 % / 12:30")).language


def test_explicit_language_goes_through_the_pipeline(tmp_path: Path) -> None:
    """A language the tracker has no rules for ("uk") segments and tracks like any other."""
    doc = st.load(write(tmp_path / "a.txt", UKRAINIAN + " Стратегічне партнерство."), language="uk")
    occ = st.track([doc], ["стратегічне партнерство"])
    assert ("uk", 1) == (doc.language, len(occ))

"""Tests for _decode: size limits, binary sniffing, encoding detection."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statement_tracker import (
    BinaryInputError,
    DecodingError,
    EmptyDocumentError,
    InputError,
    InputTooLargeError,
)
from statement_tracker._ingest._decode import check_binary, declared_encoding, decode, read_file

RUSSIAN = "Стороны подтвердили приверженность принципам взаимного уважения и невмешательства."
CHINESE = "双方重申，全面战略伙伴关系不针对第三方，两国合作没有禁区。"


def test_utf8_bom_is_detected_and_stripped() -> None:
    """A UTF-8 byte-order mark decides the encoding and is not part of the text."""
    d = decode(b"\xef\xbb\xbfBoth sides agreed.", name="a.txt")
    assert ("utf-8", "bom", "Both sides agreed.") == (d.encoding, d.method, d.text)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    """UTF-16 in either byte order is read from its byte-order mark."""
    bom = "\ufeff".encode(codec)
    d = decode(bom + RUSSIAN.encode(codec), name="a.txt")
    assert (codec, RUSSIAN) == (d.encoding, d.text)


def test_utf16_without_bom_is_detected_from_nul_pattern() -> None:
    """BOM-less UTF-16 is recognised by its NUL bytes instead of being called binary."""
    assert "Both sides agreed." == decode("Both sides agreed.".encode("utf-16-le"), name="x").text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_russian_utf16_without_bom(codec: str) -> None:
    """BOM-less Russian UTF-16 (few NUL bytes) is read, not called binary."""
    d = decode(RUSSIAN.encode(codec), name="ru.txt")
    assert (codec, "content", RUSSIAN) == (d.encoding, d.method, d.text)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_chinese_utf16_without_bom(codec: str) -> None:
    """BOM-less Chinese UTF-16 is read, not refused as no known encoding."""
    d = decode(CHINESE.encode(codec), name="zh.txt")
    assert (codec, "content", CHINESE) == (d.encoding, d.method, d.text)


def test_english_utf16le_without_bom_keeps_working() -> None:
    """BOM-less English UTF-16LE still decodes, with its line breaks."""
    text = "Both sides agreed.\nThe talks will continue."
    d = decode(text.encode("utf-16-le"), name="en.txt")
    assert ("utf-16-le", text) == (d.encoding, d.text)


def test_random_bytes_are_still_binary() -> None:
    """Random bytes of even length are not taken for BOM-less UTF-16."""
    data = random.Random(20).randbytes(8192)
    with pytest.raises(BinaryInputError, match="binary input"):
        decode(data, name="blob.txt")


def test_ascii_with_control_bytes_is_not_utf16() -> None:
    """ASCII text with a few control bytes is not read as UTF-16 (it would look Chinese)."""
    d = decode(b"Both sides agreed\x1b to talk again soon.", name="a.txt")
    assert ("utf-8", "Both sides agreed\x1b to talk again soon.") == (d.encoding, d.text)


def test_gb18030_detected_from_content() -> None:
    """Undeclared GB18030 Chinese is told apart from Windows-1251."""
    d = decode(CHINESE.encode("gb18030"), name="zh.txt")
    assert ("gb18030", CHINESE) == (d.encoding, d.text)


def test_cp1251_detected_from_content() -> None:
    """Undeclared Windows-1251 Russian is told apart from GB18030."""
    d = decode(RUSSIAN.encode("cp1251"), name="ru.txt")
    assert ("cp1251", RUSSIAN) == (d.encoding, d.text)


def test_short_cp1251_word() -> None:
    """Even a single short Russian word in Windows-1251 decodes as Russian."""
    assert "Москва" == decode("Москва".encode("cp1251"), name="ru.txt").text


def test_declared_charset_in_meta_is_used() -> None:
    """``<meta charset>`` decides when there is no BOM."""
    data = b'<html><head><meta charset="windows-1251"></head><body>' + RUSSIAN.encode("cp1251")
    d = decode(data, name="ru.html")
    assert ("cp1251", "declared") == (d.encoding, d.method)


def test_declared_charset_in_http_equiv() -> None:
    """The older ``http-equiv`` form of the declaration is found too."""
    head = b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">'
    assert "GBK" == declared_encoding(head)


def test_xml_declaration_is_found() -> None:
    """An XML declaration's encoding counts as a declaration."""
    assert "gb2312" == declared_encoding(b'<?xml version="1.0" encoding="gb2312"?><html/>')


def test_caller_encoding_wins_over_declaration() -> None:
    """An encoding named by the caller overrides what the document says."""
    data = b'<meta charset="utf-8">' + RUSSIAN.encode("cp1251")
    assert "caller" == decode(data, name="x.html", encoding="cp1251").method


def test_invalid_bytes_in_declared_encoding_raise() -> None:
    """Invalid bytes in the declared encoding raise DecodingError naming the file and offset."""
    data = b'<meta charset="utf-8"><p>ok</p>' + "Caf\xe9 cr\xe8me ".encode("latin-1") * 50
    with pytest.raises(DecodingError, match=r"^bad\.html: invalid byte 0xe9 at offset 34"):
        decode(data, name="bad.html")


def test_plainly_wrong_declaration_falls_back_to_content() -> None:
    """A page declared UTF-8 that is really Windows-1251 is read as Windows-1251."""
    data = b'<meta charset="utf-8"><p>' + RUSSIAN.encode("cp1251") * 3 + b"</p>"
    d = decode(data, name="ru.html")
    assert ("cp1251", "content") == (d.encoding, d.method)


def test_strict_refuses_wrong_declaration() -> None:
    """``strict=True`` refuses the fall-back and raises."""
    data = b'<meta charset="utf-8"><p>' + RUSSIAN.encode("cp1251") + b"</p>"
    with pytest.raises(DecodingError):
        decode(data, name="ru.html", strict=True)


def test_stray_byte_in_long_utf8_document_is_repaired() -> None:
    """One corrupt byte in a long UTF-8 page becomes U+FFFD instead of losing the page."""
    data = b'<meta charset="utf-8">' + ("Both sides agreed. " * 1000).encode() + b"de\xe3lared"
    d = decode(data, name="a.html")
    assert ("declared-repaired", "de\ufffdlared") == (d.method, d.text[-8:])


def test_stray_byte_refused_in_strict_mode() -> None:
    """``strict=True`` refuses even a single corrupt byte."""
    data = b'<meta charset="utf-8">' + ("Both sides agreed. " * 1000).encode() + b"\xe3l"
    with pytest.raises(DecodingError):
        decode(data, name="a.html", strict=True)


def test_unknown_caller_encoding() -> None:
    """An encoding name Python does not know is a DecodingError, not a LookupError."""
    with pytest.raises(DecodingError, match="unknown encoding"):
        decode(b"abc", name="a.txt", encoding="klingon-8")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"\x7fELF\x02\x01", "ELF"),
    ],
)
def test_magic_numbers_are_binary(data: bytes, what: str) -> None:
    """Known binary formats are refused with a message saying what they are."""
    with pytest.raises(BinaryInputError, match=what):
        check_binary(data, name="x.html")


def test_nul_bytes_are_binary() -> None:
    """Scattered NUL bytes (not a UTF-16 pattern) mean binary input."""
    data = bytes(range(256)) * 20
    with pytest.raises(BinaryInputError):
        decode(data, name="blob.txt")


def test_control_characters_are_binary() -> None:
    """Text made mostly of control characters is refused as binary."""
    with pytest.raises(BinaryInputError, match="control characters"):
        decode(b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100, name="ctl.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", b"\xef\xbb\xbf"])
def test_empty_input(data: bytes) -> None:
    """Empty or blank input raises EmptyDocumentError."""
    with pytest.raises(EmptyDocumentError, match=r"^e\.txt: empty document$"):
        decode(data, name="e.txt")


def test_read_file_refuses_large_file_before_reading(tmp_path: Path) -> None:
    """A 200 MB file is refused from its size alone (sparse, so it costs no disk or memory)."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.write(b"Both sides agreed.\n")
        f.seek(200 * 1024 * 1024)
        f.write(b"end\n")
    with pytest.raises(InputTooLargeError, match="over the limit"):
        read_file(big)


def test_read_file_refuses_fifo(tmp_path: Path) -> None:
    """A FIFO is refused instead of blocking forever on open()."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_file(fifo)


def test_read_file_missing(tmp_path: Path) -> None:
    """A missing file (or a broken symlink) is an InputError naming it."""
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(InputError, match=r"gone\.txt: cannot read"):
        read_file(link)


@given(st.text(min_size=1).filter(lambda t: t.strip() and "\x00" not in t))
def test_utf8_round_trip(text: str) -> None:
    """Any text encoded as UTF-8 with a BOM decodes back to itself."""
    data = b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    try:
        assert text == decode(data, name="x").text
    except (BinaryInputError, DecodingError):
        pass  # control-character-heavy or surrogate text is legitimately refused

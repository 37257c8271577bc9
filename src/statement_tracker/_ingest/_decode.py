"""Bytes to text: size limits, binary sniffing and encoding detection.

The order of evidence is the one browsers use, narrowed to the encodings
readouts come in (UTF-8, UTF-16, GB18030, Windows-1251):

1. a byte-order mark (UTF-8, UTF-16 LE/BE);
2. an encoding the caller names, then one the document declares
   (``<meta charset>``, ``<meta http-equiv>``, ``<?xml encoding?>``);
3. the content: strict UTF-8, BOM-less UTF-16, then GB18030 against
   Windows-1251, whichever decodes into more plausible text.

Invalid bytes in a declared encoding raise :class:`DecodingError`, with two
exceptions, both recorded in :attr:`Decoded.method`: a declaration that is
plainly wrong (the bytes are invalid in it but valid in another accepted
encoding, or valid in it but nonsense there while they read as plausible
GB18030, Windows-1251 or strict UTF-8) falls back to detection
(``"content"``), and a handful of isolated
corrupt bytes in an otherwise valid document (at most :data:`MAX_STRAY_BYTES`,
and no more than one per 10,000 bytes) become U+FFFD (``"declared-repaired"``).
Pass ``strict=True`` to refuse both.

>>> decode("Стороны".encode("cp1251"), name="a.txt").encoding
'cp1251'
>>> decode("中美关系稳定发展".encode("gb18030"), name="b.txt").encoding
'gb18030'
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import IO

import attrs

from .._errors import (
    BinaryInputError,
    DecodingError,
    EmptyDocumentError,
    InputError,
    InputTooLargeError,
)
from ._utf16 import plausible_utf16

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_STRAY_BYTES",
    "Decoded",
    "check_binary",
    "declared_encoding",
    "decode",
    "read_bounded",
    "read_file",
]

#: Default size limit for one document (bytes).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Most invalid bytes a declared or detected UTF-8 document may contain and still be repaired.
MAX_STRAY_BYTES = 8

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# (magic bytes, offset, what it is)
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"%PDF-", 0, "a PDF file"),
    (b"PK\x03\x04", 0, "a ZIP archive"),
    (b"PK\x05\x06", 0, "a ZIP archive"),
    (b"\x1f\x8b", 0, "gzip-compressed data"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"\x7fELF", 0, "an ELF executable"),
    (b"MZ\x90\x00", 0, "a Windows executable"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an OLE document (old MS Office)"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"\xfd7zXZ\x00", 0, "xz-compressed data"),
    (b"BZh", 0, "bzip2-compressed data"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd-compressed data"),
    (b"\x00asm", 0, "a WebAssembly module"),
    (b"\xca\xfe\xba\xbe", 0, "a Java class file"),
    (b"RIFF", 0, "a RIFF media file"),
    (b"OggS", 0, "an Ogg media file"),
    (b"ID3", 0, "an MP3 file"),
    (b"ftyp", 4, "an MP4/QuickTime file"),
)

# Names people declare, mapped to the codec we decode with (supersets where safe).
_ALIASES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "windows-1251": "cp1251",
    "cp1251": "cp1251",
    "x-cp1251": "cp1251",
    "utf-16": "utf-16",
    "utf-16le": "utf-16-le",
    "utf-16be": "utf-16-be",
    # WHATWG: these labels mean windows-1252
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
}

_DECL_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.\-]{1,40})["']""",
    re.IGNORECASE,
)

_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
_CYR_RE = re.compile(r"[а-яё]")
_CYR_ANY_RE = re.compile(r"[А-Яа-яЁё]")
_MIXED_RE = re.compile(r"[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]")
_VOWEL_RE = re.compile(r"[аеёиоуыэюяАЕЁИОУЫЭЮЯ]")
_CJK_RE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")

_SAMPLE = 65536


@attrs.frozen
class Decoded:
    """Text decoded from bytes, with the evidence for the encoding.

    Attributes:
        text: The decoded text (without a byte-order mark).
        encoding: The Python codec name used.
        method: How it was chosen: ``"bom"``, ``"caller"``, ``"declared"``,
            ``"declared-repaired"`` or ``"content"``.

    >>> decode(b"\\xef\\xbb\\xbfhi", name="x").method
    'bom'
    """

    text: str
    encoding: str
    method: str


def read_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a regular file, refusing anything over ``max_bytes`` before reading it.

    Special files (FIFOs, devices, sockets) are refused too: reading them
    could block forever or never end.

    Raises:
        InputTooLargeError: The file is larger than ``max_bytes``.
        InputError: It is not a regular file, or the operating system refused to read it.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"0123456789")
    >>> read_file(p, max_bytes=4)
    Traceback (most recent call last):
    ...
    statement_tracker._errors.InputTooLargeError: ...a.txt: 10 bytes, over the limit of 4 bytes
    """
    name = os.fspath(path)
    try:
        st = os.stat(name)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(name, "not a regular file")
        if st.st_size > max_bytes:
            raise InputTooLargeError(
                name, f"{st.st_size} bytes, over the limit of {max_bytes} bytes"
            )
        with open(name, "rb") as f:
            return read_bounded(f, name=name, max_bytes=max_bytes)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc


def read_bounded(f: IO[bytes], *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read at most ``max_bytes`` from a binary stream; raise if there is more.

    >>> import io
    >>> read_bounded(io.BytesIO(b"abc"), name="s", max_bytes=3)
    b'abc'
    """
    data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(name, f"more than the limit of {max_bytes} bytes")
    return data


def check_binary(data: bytes, *, name: str) -> None:
    """Raise :class:`BinaryInputError` if ``data`` starts like a known binary format.

    NUL bytes and control characters are checked after decoding (UTF-16 text
    is full of NUL bytes).

    >>> check_binary(b"%PDF-1.7 ...", name="x.html")
    Traceback (most recent call last):
    ...
    statement_tracker._errors.BinaryInputError: x.html: binary input (a PDF file)
    """
    for magic, offset, what in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            raise BinaryInputError(name, f"binary input ({what})")


def declared_encoding(data: bytes) -> str | None:
    """Return the encoding declared in the first 4 KB (HTML meta or XML declaration).

    >>> declared_encoding(b'<html><head><meta charset="GBK">')
    'GBK'
    >>> declared_encoding(b"plain") is None
    True
    """
    m = _DECL_RE.search(data, 0, 4096)
    if m is None:
        return None
    return (m.group(1) or m.group(2)).decode("ascii")


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    key = label.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def decode(
    data: bytes,
    *,
    name: str,
    encoding: str | None = None,
    declared: str | None = None,
    strict: bool = False,
) -> Decoded:
    """Decode ``data`` to text, choosing the encoding as the module docstring says.

    Args:
        data: The raw bytes.
        name: The file name, for error messages.
        encoding: An encoding the caller knows (an HTTP header, a command-line option).
        declared: The document's own declaration; found with
            :func:`declared_encoding` when ``None``.
        strict: Refuse repairs and fall-backs: invalid bytes in the chosen encoding raise.

    Raises:
        EmptyDocumentError: No bytes, or only white space.
        BinaryInputError: A binary file (magic number, NUL bytes, control characters).
        DecodingError: Invalid bytes in the declared encoding, or text in no accepted encoding.

    >>> decode("hé".encode("utf-16"), name="x").text
    'hé'
    >>> decode(b'<meta charset="utf-8">\\xff\\xfe' * 4, name="bad.html", strict=True)
    Traceback (most recent call last):
    ...
    statement_tracker._errors.DecodingError: bad.html: invalid byte 0xff at offset 22 ...
    """
    check_binary(data, name=name)
    result = _decode(data, name=name, encoding=encoding, declared=declared, strict=strict)
    _check_text(result.text, name=name)
    return result


def _decode(
    data: bytes, *, name: str, encoding: str | None, declared: str | None, strict: bool
) -> Decoded:
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], bom_codec, name=name, method="bom", strict=strict)
    if encoding is not None:
        given = _codec(encoding)
        if given is None:
            raise DecodingError(name, f"unknown encoding {encoding!r}")
        return _strict(data, given, name=name, method="caller", strict=strict)
    label = declared if declared is not None else declared_encoding(data)
    codec: str | None = _codec(label)
    if codec in ("utf-16", "utf-16-le", "utf-16-be") and b"\x00" not in data[:4096]:
        codec = "utf-8"  # WHATWG: a UTF-16 label read in an ASCII-compatible encoding lies
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            if not strict:
                fixed = _repair(data, codec)
                if fixed is not None:
                    return Decoded(fixed, codec, "declared-repaired")
                detected = _detect(data, name=name, allow_repair=False)
                if detected is not None and detected.encoding != codec:
                    return detected
            raise DecodingError(
                name,
                f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start} "
                f"for declared encoding {codec}",
            ) from exc
        return (None if strict else _mislabelled(data, codec, text)) or Decoded(
            text, codec, "declared"
        )
    detected = _detect(data, name=name, allow_repair=not strict)
    if detected is None:
        raise DecodingError(name, "not text in UTF-8, UTF-16, GB18030 or Windows-1251")
    return detected


def _mislabelled(data: bytes, codec: str, text: str) -> Decoded | None:
    """The right reading of a page whose declaration is wrong but decodes without error.

    Windows-1251 decodes almost any bytes, so a GB18030 or UTF-8 page that
    declares it comes out as Cyrillic nonsense, not as an error.  When the text
    in the declared encoding is implausible (:func:`_plausibility` under 0.3: a
    real Russian page scores above 0.9) and another accepted encoding decodes
    the bytes strictly into plausible text (0.9 or more, and at least 10
    characters that are not ASCII; or any strict UTF-8), that one is used
    (``method="content"``).  Also for GB18030 and Windows-1252 declarations
    (Windows-1252 text is not scored: only a strict UTF-8 or plausible GB18030
    reading replaces it).

    >>> page = "中美关系稳定发展，双方同意加强合作。".encode("gb18030")
    >>> _mislabelled(page, "cp1251", page.decode("cp1251")).encoding
    'gb18030'
    """
    if codec not in ("cp1251", "gb18030", "cp1252"):
        return None
    sample = data[:_SAMPLE]
    if sample.isascii():
        return None
    if codec != "cp1252" and _plausibility(text, codec) >= 0.3:
        return None
    for other in ("utf-8", "gb18030", "cp1251"):
        if other == codec or (codec == "cp1252" and other == "cp1251"):
            continue
        try:
            candidate = data.decode(other)
        except UnicodeDecodeError:
            continue
        if other == "utf-8" or (
            len(_NON_ASCII_RE.findall(candidate[:4000])) >= 10
            and _plausibility(candidate, other) >= 0.9
        ):
            return Decoded(candidate, other, "content")
    return None


def _strict(data: bytes, codec: str, *, name: str, method: str, strict: bool) -> Decoded:
    try:
        return Decoded(data.decode(codec), codec, method)
    except UnicodeDecodeError as exc:
        if not strict:
            fixed = _repair(data, codec)
            if fixed is not None:
                return Decoded(fixed, codec, method + "-repaired")
        raise DecodingError(
            name, f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start} for {codec}"
        ) from exc


def _repair(data: bytes, codec: str) -> str | None:
    """Decode with U+FFFD for a few isolated bad bytes; ``None`` if there are too many."""
    if codec not in ("utf-8", "gb18030"):
        return None
    limit = min(MAX_STRAY_BYTES, len(data) // 10000)
    fixed = data.decode(codec, errors="replace")
    bad = fixed.count("\ufffd") - data.count("\ufffd".encode(codec))
    return fixed if 0 < bad <= limit else None


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _detect(data: bytes, *, name: str, allow_repair: bool) -> Decoded | None:
    utf16 = _looks_utf16(data)
    if utf16 is not None:
        try:
            return Decoded(data.decode(utf16), utf16, "content")
        except UnicodeDecodeError:
            return None
    utf8: Decoded | None = None
    try:
        utf8 = Decoded(data.decode("utf-8"), "utf-8", "content")
    except UnicodeDecodeError:
        pass
    if utf8 is not None and not data[:4096].translate(None, _NOT_CONTROL):
        return utf8
    # Cyrillic or CJK UTF-16 without a BOM has few NUL bytes: it is either "UTF-8"
    # full of control characters (Cyrillic: every other byte is 0x04) or no UTF-8 at all.
    utf16 = plausible_utf16(data)
    if utf16 is not None:
        try:
            return Decoded(data.decode(utf16), utf16, "content")
        except UnicodeDecodeError:
            pass
    if utf8 is not None:
        return utf8  # its control characters are refused as binary by _check_text
    if b"\x00" in data[:_SAMPLE]:
        raise BinaryInputError(name, "binary input (NUL bytes)")
    candidates: list[tuple[float, str, str]] = []
    for codec in ("gb18030", "cp1251"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text, codec), codec, text))
    if candidates:
        score, codec, text = max(candidates)
        if score >= 0.6:
            return Decoded(text, codec, "content")
    if allow_repair:
        fixed = _repair(data, "utf-8")
        if fixed is not None:
            return Decoded(fixed, "utf-8", "content-repaired")
    return None


def _plausibility(text: str, codec: str) -> float:
    """Score in [0, 1]: how much the non-ASCII part of ``text`` looks like real text."""
    sample = text[:_SAMPLE]
    non_ascii = len(_NON_ASCII_RE.findall(sample))
    if non_ascii == 0:
        return 1.0
    if codec == "gb18030":
        # Common Chinese is mostly in GB2312 level 1 (lead bytes 0xB0-0xD7) and CJK
        # punctuation (0xA1-0xA3); Windows-1251 Russian read as GB18030 is mostly not.
        common = 0
        for ch in _CJK_RE.findall(sample[:4000]):
            lead = ch.encode("gb18030")[0]
            common += 0xB0 <= lead <= 0xD7 or 0xA1 <= lead <= 0xA3
        seen = len(_NON_ASCII_RE.findall(sample[:4000])) or 1
        return common / seen
    # Russian is mostly lower-case letters, in words of their own script, about 40 % vowels.
    lower = len(_CYR_RE.findall(sample))
    cyr = len(_CYR_ANY_RE.findall(sample)) or 1
    mixed = len(_MIXED_RE.findall(sample))
    vowels = len(_VOWEL_RE.findall(sample)) / cyr
    score = max(0.0, lower / non_ascii - mixed / cyr)
    return score if 0.25 <= vowels <= 0.65 else score / 2


def _check_text(text: str, *, name: str) -> None:
    if not text.strip():
        raise EmptyDocumentError(name, "empty document")
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        raise BinaryInputError(name, "binary input (NUL characters)")
    # control characters are ASCII: count the bytes left once every other byte is deleted
    controls = len(sample.encode("utf-8", "surrogatepass").translate(None, _NOT_CONTROL))
    if controls > 8 and controls > len(sample) * 0.02:
        raise BinaryInputError(name, f"binary input ({controls} control characters)")

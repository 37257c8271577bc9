"""Reading JSONL and JSON corpora: one record at a time, bounded lines, errors with line numbers.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
>>> _ = p.write_text('{"id": "a", "text": "Hi."}\\n\\n[1]\\n')
>>> [(n, r if isinstance(r, dict) else str(r).split(": ", 1)[1]) for n, r in corpus_records(str(p))]
[(1, {'id': 'a', 'text': 'Hi.'}), (3, 'line is not a JSON object')]
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterator
from typing import IO, Any

from .._errors import (
    BinaryInputError,
    CorpusFormatError,
    InputError,
    InputTooLargeError,
    StatementTrackerError,
)
from ._decode import DEFAULT_MAX_BYTES, check_binary, read_bounded, read_file

__all__ = ["CORPUS_SUFFIXES", "corpus_records", "suffix"]

#: File suffixes read as corpora (one document per JSON record).
CORPUS_SUFFIXES: tuple[str, ...] = (".jsonl", ".jsonl.gz", ".ndjson", ".json", ".json.gz")


def suffix(name: str) -> str:
    """The file's suffix in lower case, with ``.jsonl.gz``-style double suffixes kept whole.

    >>> suffix("a/B.JSONL.gz"), suffix("page.html")
    ('.jsonl.gz', '.html')
    """
    lower = name.lower()
    for known in CORPUS_SUFFIXES:
        if lower.endswith(known):
            return known
    return os.path.splitext(lower)[1]


def _open_binary(path: str) -> IO[bytes]:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _lines(path: str, *, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line number, bytes)``; ``None`` for a line over ``max_bytes`` (skipped)."""
    try:
        with _open_binary(path) as f:
            number = 0
            while True:
                number += 1
                chunk = f.readline(max_bytes + 1)
                if not chunk:
                    return
                if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
                    while chunk and not chunk.endswith(b"\n"):
                        chunk = f.readline(1 << 20)
                    yield number, None
                    continue
                yield number, chunk
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from exc


_PROBE = 3  # records without "text" at the start of a file before it is refused


def corpus_records(
    path: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[tuple[int, dict[str, Any] | StatementTrackerError]]:
    """Yield each record of a JSONL (or JSON array) corpus, or the error for its line."""
    if not os.path.isfile(path):
        read_file(path, max_bytes=max_bytes)  # raises the right error for what it is
    _check_start(path)
    if suffix(path) in (".json", ".json.gz"):
        whole = _whole_json(path, max_bytes=max_bytes)
        if whole is not None:
            yield from whole
            return
    first = True
    checked = False  # a record with "text" has been seen
    held: list[tuple[int, dict[str, Any] | StatementTrackerError]] = []
    no_text = 0
    for number, raw in _lines(path, max_bytes=max_bytes):
        item = _parse_line(path, number, raw, max_bytes=max_bytes, first=first)
        first = False
        if item is None:
            continue
        if checked:
            yield number, item
            continue
        # A file whose first records all lack "text" (labels, settings …) is not a
        # corpus: one error for the file rather than one for every line.
        held.append((number, item))
        if isinstance(item, dict):
            if "text" in item:
                checked = True
                yield from held
            else:
                no_text += 1
                if no_text == _PROBE:
                    line = next(n for n, r in held if isinstance(r, dict))
                    yield (
                        line,
                        CorpusFormatError(
                            path, "not a document corpus (its records have no 'text')", line=line
                        ),
                    )
                    return
    if not checked:
        yield from held
    if not checked and not held:
        raise CorpusFormatError(path, "no records")


def _check_start(path: str) -> None:
    """Refuse a binary file (known format, NUL bytes) with one error for the whole file."""
    try:
        with _open_binary(path) as f:
            head = f.read(8192)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
    check_binary(head, name=path)
    if b"\x00" in head:
        raise BinaryInputError(path, "binary input (NUL bytes)")


def _parse_line(
    path: str, number: int, raw: bytes | None, *, max_bytes: int, first: bool
) -> dict[str, Any] | StatementTrackerError | None:
    """One line as a record, an error, or ``None`` for a blank line."""
    if raw is None:
        return InputTooLargeError(
            path, f"line longer than the limit of {max_bytes} bytes", line=number
        )
    if first:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    if not raw.strip():
        return None
    try:
        record = json.loads(raw)
    except UnicodeDecodeError:
        return CorpusFormatError(path, "line is not UTF-8", line=number)
    except ValueError as exc:
        return CorpusFormatError(path, f"not JSON ({str(exc).split(':')[0]})", line=number)
    except RecursionError:
        return CorpusFormatError(path, "JSON nested too deeply", line=number)
    if not isinstance(record, dict):
        return CorpusFormatError(path, "line is not a JSON object", line=number)
    return _paired(record) if _SURROGATE_ESCAPE.search(raw) else record


# JSON may escape half of a UTF-16 surrogate pair ("\ud800") on its own: no character
# of any text, and one that cannot be encoded again (UnicodeEncodeError, issue 20).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _paired(value: Any) -> Any:
    """``value`` with each lone surrogate in its strings (keys too) replaced by U+FFFD.

    >>> _paired(json.loads(r'{"text": "a\\ud800b", "n": ["\\ud83d\\ude00"]}'))
    {'text': 'a�b', 'n': ['😀']}
    """
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if isinstance(value, list):
        return [_paired(v) for v in value]
    if isinstance(value, dict):
        return {_paired(k): _paired(v) for k, v in value.items()}
    return value


def _whole_json(
    path: str, *, max_bytes: int
) -> list[tuple[int, dict[str, Any] | StatementTrackerError]] | None:
    """A ``.json`` file read whole: an array of records, or one record; ``None`` if it
    holds several JSON values (JSON Lines under a ``.json`` name)."""
    try:
        with _open_binary(path) as f:
            data = read_bounded(f, name=path, max_bytes=max_bytes)
        value = json.loads(data.removeprefix(b"\xef\xbb\xbf"))
        value = _paired(value) if _SURROGATE_ESCAPE.search(data) else value
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
    except RecursionError:
        return [(1, CorpusFormatError(path, "JSON nested too deeply", line=1))]
    except ValueError as exc:
        if isinstance(exc, StatementTrackerError):
            raise
        if str(exc).startswith("Extra data"):
            return None
        return [(1, CorpusFormatError(path, f"not JSON ({str(exc).split(':')[0]})", line=1))]
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(r, dict) for r in value):
        return [(1, CorpusFormatError(path, "not a JSON array of records", line=1))]
    if not any("text" in r for r in value):
        return [
            (1, CorpusFormatError(path, "not a document corpus (no record has 'text')", line=1))
        ]
    return [(i, record) for i, record in enumerate(value, 1)]

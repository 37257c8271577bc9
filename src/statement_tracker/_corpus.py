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
from collections.abc import Iterator
from typing import IO, Any

from ._decode import DEFAULT_MAX_BYTES, read_bounded, read_file
from ._errors import CorpusFormatError, InputError, InputTooLargeError, StatementTrackerError

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


def corpus_records(
    path: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[tuple[int, dict[str, Any] | StatementTrackerError]]:
    """Yield each record of a JSONL (or JSON array) corpus, or the error for its line."""
    if not os.path.isfile(path):
        read_file(path, max_bytes=max_bytes)  # raises the right error for what it is
    first = True
    for number, raw in _lines(path, max_bytes=max_bytes):
        if raw is None:
            yield (
                number,
                InputTooLargeError(
                    path, f"line longer than the limit of {max_bytes} bytes", line=number
                ),
            )
            continue
        if first:
            first = False
            raw = raw.removeprefix(b"\xef\xbb\xbf")
            if raw.lstrip().startswith(b"[") and suffix(path) in (".json", ".json.gz"):
                yield from _json_array(path, max_bytes=max_bytes)
                return
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except UnicodeDecodeError:
            yield number, CorpusFormatError(path, "line is not UTF-8", line=number)
            continue
        except ValueError as exc:
            detail = str(exc).split(":")[0]
            yield number, CorpusFormatError(path, f"not JSON ({detail})", line=number)
            continue
        except RecursionError:
            yield number, CorpusFormatError(path, "JSON nested too deeply", line=number)
            continue
        if not isinstance(record, dict):
            yield number, CorpusFormatError(path, "line is not a JSON object", line=number)
            continue
        yield number, record


def _json_array(
    path: str, *, max_bytes: int
) -> Iterator[tuple[int, dict[str, Any] | StatementTrackerError]]:
    try:
        with _open_binary(path) as f:
            data = read_bounded(f, name=path, max_bytes=max_bytes)
        records = json.loads(data)
    except ValueError as exc:
        if isinstance(exc, StatementTrackerError):
            raise
        yield 1, CorpusFormatError(path, f"not JSON ({str(exc).split(':')[0]})", line=1)
        return
    except RecursionError:
        yield 1, CorpusFormatError(path, "JSON nested too deeply", line=1)
        return
    if not isinstance(records, list):
        yield 1, CorpusFormatError(path, "not a JSON array of objects", line=1)
        return
    for i, record in enumerate(records, 1):
        if isinstance(record, dict):
            yield i, record
        else:
            yield i, CorpusFormatError(path, f"item {i} is not a JSON object", line=1)

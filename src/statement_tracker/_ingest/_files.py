"""Which files a path names: document suffixes and directories walked in sorted order.

A directory is walked recursively and gives the files with a known suffix
(hidden ones skipped).  One that gives none (empty, only other files, or a
directory named like a page, ``x.html/``) is an :class:`InputError`: a command
given it must not succeed silently having read nothing.

>>> import tempfile
>>> document_files(tempfile.mkdtemp())
Traceback (most recent call last):
...
statement_tracker._errors.InputError: ...: a directory with no documents (no .html, .md, ...)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Literal

from .._errors import InputError
from ._jsonl import CORPUS_SUFFIXES, suffix

__all__ = ["DOCUMENT_SUFFIXES", "Kind", "document_files"]

Kind = Literal["html", "markdown", "text"]

#: File suffixes read as single documents, and the format each means.
DOCUMENT_SUFFIXES: dict[str, Kind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}


def document_files(path: str) -> list[str]:
    """The document and corpus files under the directory ``path``, in sorted order.

    Raises:
        InputError: The directory cannot be listed, or holds no such file.
    """
    files = list(_walk(path))
    if not files:
        detail = "a directory with no documents (no .html, .md, .txt, .jsonl … files)"
        raise InputError(path, detail)
    return files


def _walk(path: str) -> Iterator[str]:
    """Files under ``path`` with a known suffix, recursively, in sorted order."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(path, f"cannot list directory: {exc.strerror or exc}") from exc
    for entry in entries:
        if entry.name.startswith("."):
            continue
        full = os.path.join(path, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(full)
        elif suffix(entry.name) in DOCUMENT_SUFFIXES or suffix(entry.name) in CORPUS_SUFFIXES:
            yield full

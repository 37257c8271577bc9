"""Files, directories and corpora to :class:`~statement_tracker.Document` objects.

:func:`load` reads one document (HTML, Markdown, plain text), :func:`load_bytes`
the same from bytes in memory, and :func:`load_corpus` any mix of files,
directories (recursively, in sorted order) and JSONL corpora (``.jsonl``,
``.jsonl.gz``, ``.json``, ``.json.gz``), one document at a time.

Every document's text has the same layout: paragraphs separated by one blank line
(``"\\n\\n"``), hard-wrapped lines joined, no leading or trailing space. Inside a
paragraph a ``"\\n"`` is an explicit line break (``<br>``, a Markdown hard break) or
follows a word hyphenated across a line wrap in plain text (``"coopera-\\ntion"``:
:func:`~statement_tracker.normalise` joins those).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "2024-05-16_talks.txt").write_text("Talks\\n\\nBoth sides\\nagreed.\\n")
>>> doc = load(folder / "2024-05-16_talks.txt")
>>> doc.title, doc.date.isoformat(), doc.text
('Talks', '2024-05-16', 'Talks\\n\\nBoth sides agreed.')
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

import attrs

from .._errors import (
    CorpusFormatError,
    EmptyDocumentError,
    InputTooLargeError,
    StatementTrackerError,
    UsageError,
)
from .._text import Document, language_code
from ._dates import date_from_name, find_date_line, parse_date
from ._decode import DEFAULT_MAX_BYTES, decode, read_file
from ._files import DOCUMENT_SUFFIXES, Kind, document_files
from ._html_extract import extract_html
from ._jsonl import CORPUS_SUFFIXES, corpus_records, suffix
from ._markdown import markdown_to_text, parse_front_matter, split_front_matter
from ._plaintext import looks_like_title, plain_paragraphs
from ._publishers import host_of
from ._rules import RulesArg, resolve_rules

__all__ = ["CORPUS_SUFFIXES", "DOCUMENT_SUFFIXES", "load", "load_bytes", "load_corpus"]

ErrorHandler = Callable[[StatementTrackerError], object]

_HTML_SNIFF = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html)", re.I
)
_HTML_TAG = re.compile(rb"<(?:body|p|div|article|head|title)[\s>]", re.I)


# --- single documents ----------------------------------------------------------------------


def _sniff(data: bytes) -> Kind:
    head = data[:2048]
    if _HTML_SNIFF.match(head) or len(_HTML_TAG.findall(head)) >= 2:
        return "html"
    if head.lstrip(b"\xef\xbb\xbf").startswith(b"---") and b"\n---" in data[:65536]:
        return "markdown"
    return "text"


def load(
    path: str | os.PathLike[str],
    *,
    rules: RulesArg = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = False,
    language: str | None = None,
) -> Document:
    """Load one document from a file.

    The format comes from the suffix (``.html``/``.htm``, ``.md``/``.markdown``,
    ``.txt``) or, for other names, from the content.  The date comes from the
    content, else from a ``YYYY-MM-DD`` file-name prefix.

    Args:
        path: The file.
        rules: Publisher rule files (or :class:`~statement_tracker.Rule` objects) tried
            before the built-in ones.
        encoding: Decode with this encoding instead of detecting one.
        max_bytes: Refuse files larger than this (checked before reading).
        strict: Refuse documents with stray invalid bytes (see :func:`load_bytes`).
        language: The document's language (a 2-3 letter code), not the one guessed.

    Raises:
        InputError: Or one of its subclasses, naming the file: unreadable, too
            large, binary, undecodable, empty, no article text.
        UsageError: ``path`` is a corpus file (use :func:`load_corpus`), or
            ``language`` is not a language code.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "empty.txt"
    >>> _ = p.write_text("")
    >>> load(p)
    Traceback (most recent call last):
    ...
    statement_tracker._errors.EmptyDocumentError: ...empty.txt: empty document
    """
    name = os.fspath(path)
    if suffix(name) in CORPUS_SUFFIXES:
        raise UsageError(name, "a corpus file holds many documents: use load_corpus()")
    data = read_file(name, max_bytes=max_bytes)
    return load_bytes(data, name=name, rules=rules, encoding=encoding, max_bytes=max_bytes,
                      strict=strict, language=language)  # fmt: skip


def load_bytes(
    data: bytes,
    *,
    name: str,
    kind: Kind | None = None,
    url: str | None = None,
    rules: RulesArg = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = False,
    language: str | None = None,
) -> Document:
    """Load one document from bytes in memory.

    Args:
        data: The raw bytes of the file.
        name: Its name: the document's ``source``, used for the format (suffix),
            the date (file-name prefix) and error messages.
        kind: ``"html"``, ``"markdown"`` or ``"text"``; from ``name`` or the content if ``None``.
        url: The page URL, when known (used to choose the publisher rule).
        rules: Extra publisher rules (files or :class:`~statement_tracker.Rule` objects).
        encoding: Decode with this encoding instead of detecting one.
        max_bytes: Refuse more bytes than this.
        strict: Refuse a few stray invalid bytes in an otherwise valid UTF-8 or GB18030
            document instead of replacing them with U+FFFD.
        language: The document's language (a 2-3 letter lower-case code) instead of
            the one guessed from its script.

    >>> load_bytes(b"<p>Both sides agreed.</p>", name="x.html").text
    'Both sides agreed.'
    >>> load_bytes("Добрий день.".encode(), name="x.txt", language="uk").language
    'uk'
    >>> load_bytes(b"\\x89PNG\\r\\n\\x1a\\n...", name="photo.html")
    Traceback (most recent call last):
    ...
    statement_tracker._errors.BinaryInputError: photo.html: binary input (a PNG image)
    """
    if language is not None:
        language_code(language)
    if len(data) > max_bytes:
        raise InputTooLargeError(name, f"{len(data)} bytes, over the limit of {max_bytes} bytes")
    doc = _load_kind(data, name=name, kind=kind, url=url, rules=rules, encoding=encoding,
                     strict=strict)  # fmt: skip
    if language is not None and doc.language != language:
        return attrs.evolve(doc, language=language)
    return doc


def _load_kind(
    data: bytes, *, name: str, kind: Kind | None, url: str | None, rules: RulesArg,
    encoding: str | None, strict: bool,
) -> Document:  # fmt: skip
    base = os.path.basename(name)
    if kind is None:
        kind = DOCUMENT_SUFFIXES.get(suffix(name)) or _sniff(data)
    decoded = decode(data, name=name, encoding=encoding, strict=strict)
    if kind == "html":
        # UTF-8 as it came (no BOM, nothing repaired) goes to the parser as bytes: no
        # re-encoding of the text just decoded
        page: str | bytes = decoded.text
        if decoded.encoding == "utf-8" and decoded.method in ("declared", "content"):
            page = data
        del decoded  # the page's text is not kept while the tree is built (memory)
        ex = extract_html(page, name=name, rules=resolve_rules(rules), url=url)
        return Document.from_text(
            ex.text,
            source=name,
            title=ex.title,
            date=ex.date or date_from_name(base),
            publisher=ex.publisher,
            url=ex.url,
        )
    if kind == "markdown":
        return _markdown_document(decoded.text, name=name, url=url)
    if kind == "text":
        return _text_document(decoded.text, name=name, url=url)
    raise UsageError(name, f"unknown kind {kind!r}: use html, markdown or text")


def _markdown_document(
    source_text: str,
    *,
    name: str,
    url: str | None = None,
    meta: dict[str, Any] | None = None,
    series: str | None = None,
) -> Document:
    front, body = split_front_matter(source_text, name=name)
    if meta:
        front = {**front, **{k: v for k, v in meta.items() if v not in (None, "")}}
    text = markdown_to_text(body)
    if not text:
        raise EmptyDocumentError(name, "no text in the Markdown body")
    title = _string(front.get("title"))
    if title is None:
        m = re.match(r"\A\s*#[ \t]+(.+?)[ \t#]*$", body, re.MULTILINE)
        title = m.group(1).strip() if m else None
    date = _first_date(front.get("date"), front.get("published_time"), front.get("published"))
    url = url or _string(front.get("url")) or _string(front.get("source_url"))
    url = url or _string(front.get("canonical_url"))
    return Document.from_text(
        text,
        source=name,
        title=" ".join(title.split()) if title else None,
        date=date or date_from_name(os.path.basename(name.split("#")[0])),
        publisher=_string(front.get("publisher")) or host_of(url),
        url=url,
        series=series or _string(front.get("series")),
    )


def _text_document(
    source_text: str, *, name: str, url: str | None = None, title: str | None = None,
    date: _dt.date | None = None, series: str | None = None, publisher: str | None = None,
) -> Document:  # fmt: skip
    text = plain_paragraphs(source_text)
    if not text:
        raise EmptyDocumentError(name, "empty document")
    paragraphs = text.split("\n\n")
    if title is None and len(paragraphs) > 1 and looks_like_title(paragraphs[0], paragraphs[1]):
        title = paragraphs[0]
    if date is None:
        date = find_date_line(paragraphs[:6]) or date_from_name(
            os.path.basename(name.split("#")[0])
        )
    return Document.from_text(
        text,
        source=name,
        title=title,
        date=date,
        publisher=publisher or host_of(url),
        url=url,
        series=series,
    )


# --- corpora -------------------------------------------------------------------------------


def _string(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _first_date(*values: object) -> _dt.date | None:
    for value in values:
        if isinstance(value, str):
            found = parse_date(value)
            if found is not None:
                return found
    return None


def _record_document(
    record: dict[str, Any], *, path: str, line: int, rules: RulesArg, language: str | None = None
) -> Document:
    rid = _string(record.get("id"))
    source = f"{path}#{rid}" if rid else f"{path}#L{line}"
    text = record.get("text")
    if not isinstance(text, str):
        raise CorpusFormatError(path, "record has no 'text' string", line=line)
    if (given := record.get("language")) not in (None, ""):
        try:
            language = language_code(given)
        except UsageError as exc:
            raise CorpusFormatError(path, f"record {rid or '?'}: {exc.detail}", line=line) from exc
    url = _string(record.get("url"))
    series = _string(record.get("series"))
    fmt = str(record.get("format") or "").lower()
    front_raw = record.get("front_matter")
    try:
        if fmt == "html":
            doc = load_bytes(text.encode("utf-8"), name=source, kind="html", url=url, rules=rules)
        elif isinstance(front_raw, str) or fmt in ("md", "markdown"):
            front = parse_front_matter(front_raw, name=source) if isinstance(front_raw, str) else {}
            doc = _markdown_document(
                text,
                name=source,
                url=url,
                meta=front,
                series=series,
            )
        else:
            doc = _text_document(
                text,
                name=source,
                url=url,
                title=_string(record.get("title")),
                date=_first_date(record.get("date")),
                series=series,
                publisher=_string(record.get("publisher")),
            )
    except StatementTrackerError as exc:
        raise type(exc)(path, f"record {rid or '?'}: {exc.detail}", line=line) from exc
    updates: dict[str, Any] = {}
    title = _string(record.get("title"))
    if title and doc.title != title:
        updates["title"] = title
    date = _first_date(record.get("date"))
    if date and doc.date != date:
        updates["date"] = date
    if language is not None and doc.language != language:
        updates["language"] = language
    return attrs.evolve(doc, **updates) if updates else doc


def load_corpus(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    rules: RulesArg = None,
    errors: Literal["raise", "skip"] = "raise",
    on_error: ErrorHandler | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    language: str | None = None,
) -> Iterator[Document]:
    """Yield the documents in files, directories and JSONL corpora, one at a time.

    Directories are walked recursively in sorted order and give the files with a
    known suffix (hidden files are skipped); a directory that gives none (empty,
    or a directory named like a page) is an :class:`InputError`.  A corpus record has ``text`` and
    optionally ``id``, ``date``, ``title``, ``url``, ``series``, ``publisher``,
    ``language`` (which wins over the ``language`` argument, which wins over the
    guess from the script), ``format`` (``"html"``/``"markdown"``) and
    ``front_matter`` (raw YAML, whose ``title`` is used; its text is then read as
    Markdown).  Its ``source`` is ``path#id`` (``path#L<line>`` without an id).

    Args:
        paths: One path or several.
        rules: Extra publisher rules, as for :func:`load`.
        errors: ``"raise"`` stops at the first unreadable file or bad record;
            ``"skip"`` passes it to ``on_error`` and goes on.
        on_error: Called with each error that is skipped.  Corpus records with no
            text (an image-only release) are always skipped and reported here:
            they are not broken, there is just nothing to track.
        encoding: Decode single files with this encoding.
        max_bytes: Size limit for a single file, or for one line of a corpus.
        language: The language of the documents that do not give their own.

    Raises:
        UsageError: ``language`` is not a 2-3 letter lower-case code.

    Nothing is read before the first document is asked for; until then the
    iterator's ``with_language(code)`` gives the same corpus with another default.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
    >>> _ = p.write_text('{"id": "a", "date": "2024-05-16", "text": "Hi."}\\n{oops\\n')
    >>> docs = load_corpus(p)
    >>> next(docs).source.endswith("c.jsonl#a")
    True
    >>> next(docs)
    Traceback (most recent call last):
    ...
    statement_tracker._errors.CorpusFormatError: ...c.jsonl:2: not JSON (Expecting ...)
    >>> _ = p.write_text('{"text": "Добрий день."}\\n{"language": "ru", "text": "Привет."}\\n')
    >>> [d.language for d in load_corpus(p)], [d.language for d in load_corpus(p, language="uk")]
    (['ru', 'ru'], ['uk', 'ru'])
    """
    if language is not None:
        language_code(language)
    options = {"rules": rules, "errors": errors, "on_error": on_error, "encoding": encoding,
               "max_bytes": max_bytes, "language": language}  # fmt: skip
    return _Corpus(paths, options)


class _Corpus(Iterator[Document]):
    """What :func:`load_corpus` returns: its documents, read from the first ``next()``.

    Mutable (it holds the generator once reading starts), unlike the records."""

    def __init__(self, paths: Any, options: dict[str, Any]) -> None:
        self._paths = paths
        self._options = options
        self._docs: Iterator[Document] | None = None

    def with_language(self, language: str | None) -> Iterator[Document]:
        """The same corpus with ``language`` for the documents that give none.

        Raises:
            UsageError: Reading has started, or ``language`` is not a language code.

        >>> load_corpus([]).with_language("uk")._options["language"]
        'uk'
        """
        if self._docs is not None:
            raise UsageError(None, "with_language() after the corpus started to be read")
        return load_corpus(self._paths, **{**self._options, "language": language})

    def __next__(self) -> Document:
        if self._docs is None:
            self._docs = _documents(self._paths, **self._options)
        return next(self._docs)


def _documents(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, rules: RulesArg,
    errors: str, on_error: ErrorHandler | None, encoding: str | None, max_bytes: int,
    language: str | None,
) -> Iterator[Document]:  # fmt: skip
    """The documents of :func:`load_corpus`, one at a time."""
    if errors not in ("raise", "skip"):
        raise UsageError(None, f"errors must be 'raise' or 'skip', not {errors!r}")
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    resolved = resolve_rules(rules)  # a bad rules file fails here, once

    def report(exc: StatementTrackerError, *, always_skip: bool = False) -> None:
        if errors == "raise" and not always_skip:
            raise exc
        if on_error is not None:
            on_error(exc)

    for given in paths:
        top = os.fspath(given)
        if os.path.isdir(top):
            try:
                files: Iterable[str] = document_files(top)
            except StatementTrackerError as exc:
                report(exc)
                continue
        else:
            files = [top]
        for path in files:
            if suffix(path) in CORPUS_SUFFIXES:
                try:
                    for number, item in corpus_records(path, max_bytes=max_bytes):
                        if isinstance(item, StatementTrackerError):
                            report(item)
                            continue
                        try:
                            yield _record_document(
                                item, path=path, line=number, rules=resolved, language=language
                            )
                        except EmptyDocumentError as exc:
                            report(exc, always_skip=True)
                        except StatementTrackerError as exc:
                            report(exc)
                except StatementTrackerError as exc:
                    report(exc)
                continue
            try:
                doc = load(path, rules=resolved, encoding=encoding, max_bytes=max_bytes,
                           language=language)  # fmt: skip
            except StatementTrackerError as exc:
                report(exc)
                continue
            yield doc

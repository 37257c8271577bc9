"""The records every stage passes along: :class:`Document` and :class:`PhraseRecord`.

Both are frozen attrs classes with a lossless JSON round trip:

>>> doc = Document.from_text("No limits.", source="demo.txt")
>>> Document.from_dict(doc.to_dict()) == doc
True
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from typing import Any

import attrs

__all__ = ["RECORD_KINDS", "Document", "PhraseRecord", "content_hash", "make_doc_id"]

#: The kinds of phrase record, from the largest to the smallest.
RECORD_KINDS: tuple[str, ...] = ("paragraph", "sentence", "clause", "quote")


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of ``text`` encoded as UTF-8.

    >>> content_hash("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def make_doc_id(sha256: str) -> str:
    """Return the stable document id for a content hash: ``"d"`` and 15 hex digits.

    >>> make_doc_id(content_hash("No limits."))
    'd...'
    >>> len(make_doc_id(content_hash("x")))
    16
    """
    return "d" + sha256[:15]


def _date_converter(value: object) -> _dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        return _dt.date.fromisoformat(value[:10])
    raise TypeError(f"date must be a date, an ISO string or None, not {type(value).__name__}")


@attrs.frozen(kw_only=True)
class Document:
    """One readout: its text and what we know about it.

    ``text`` is the document's *original text* as extracted (article body of an
    HTML page, the paragraphs of a Markdown file, a plain-text file): every span
    in statement-tracker is an offset into it.

    Attributes:
        doc_id: Stable id derived from the content hash.
        source: Where it came from: a path, or ``path#record-id`` for corpus files.
        title: The page or front-matter title, or ``None``.
        date: Publication date, or ``None`` when unknown.
        publisher: A short publisher name (``"en.kremlin.ru"``), or ``None``.
        url: The canonical URL, or ``None``.
        language: An ISO 639-1 code guessed from the text (``"en"``, ``"ru"``, ``"zh"``).
        sha256: SHA-256 of ``text``.
        text: The original text.
        series: An optional series name (a meeting format, a publisher …).

    >>> d = Document.from_text("Both sides agreed.", source="x.txt", date="2024-05-16")
    >>> d.date.isoformat(), d.language
    ('2024-05-16', 'en')
    """

    doc_id: str
    source: str
    title: str | None = None
    date: _dt.date | None = attrs.field(default=None, converter=_date_converter)
    publisher: str | None = None
    url: str | None = None
    language: str = "en"
    sha256: str
    text: str
    series: str | None = None

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        source: str = "<text>",
        title: str | None = None,
        date: _dt.date | str | None = None,
        publisher: str | None = None,
        url: str | None = None,
        language: str | None = None,
        series: str | None = None,
    ) -> Document:
        """Build a document from text, computing its hash, id and (if not given) language.

        >>> Document.from_text("Стороны договорились.").language
        'ru'
        """
        sha = content_hash(text)
        return cls(
            doc_id=make_doc_id(sha),
            source=source,
            title=title,
            date=date,
            publisher=publisher,
            url=url,
            language=language or guess_language(text),
            sha256=sha,
            text=text,
            series=series,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (the ``extract --format jsonl`` schema).

        >>> sorted(Document.from_text("x").to_dict())[:4]
        ['date', 'doc_id', 'language', 'publisher']
        """
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "publisher": self.publisher,
            "url": self.url,
            "language": self.language,
            "sha256": self.sha256,
            "series": self.series,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from :meth:`to_dict` output.

        >>> Document.from_dict(Document.from_text("x").to_dict()).text
        'x'
        """
        fields = {a.name for a in attrs.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})


@attrs.frozen(kw_only=True)
class PhraseRecord:
    """A span of a document: a paragraph, sentence, clause or quotation.

    ``doc_text[start:end] == text`` always holds for the document it came from.

    Attributes:
        record_id: Stable id from the document hash, kind and span.
        doc_id: The document's id.
        kind: One of :data:`RECORD_KINDS`.
        start: Start offset in the document's original text.
        end: End offset (exclusive).
        text: The original text of the span.
        norm: Its normalised form (see :func:`statement_tracker.normalise`).
        paragraph: Index of the paragraph the span is in.
        speaker: Who is quoted or speaking, where the text names them.

    >>> doc = Document.from_text("No limits.")
    >>> r = PhraseRecord.make(doc, "sentence", 0, 10, norm="no limits.")
    >>> PhraseRecord.from_dict(r.to_dict()) == r
    True
    """

    record_id: str
    doc_id: str
    kind: str = attrs.field(validator=attrs.validators.in_(RECORD_KINDS))
    start: int
    end: int
    text: str
    norm: str
    paragraph: int = 0
    speaker: str | None = None

    @classmethod
    def make(
        cls,
        doc: Document,
        kind: str,
        start: int,
        end: int,
        *,
        norm: str,
        paragraph: int = 0,
        speaker: str | None = None,
    ) -> PhraseRecord:
        """Build a record for ``doc.text[start:end]`` with its stable id.

        >>> PhraseRecord.make(Document.from_text("ab"), "sentence", 0, 2, norm="ab").text
        'ab'
        """
        rid = hashlib.sha256(f"{doc.sha256}:{kind}:{start}:{end}".encode()).hexdigest()
        return cls(
            record_id="r" + rid[:15],
            doc_id=doc.doc_id,
            kind=kind,
            start=start,
            end=end,
            text=doc.text[start:end],
            norm=norm,
            paragraph=paragraph,
            speaker=speaker,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (the ``records --format jsonl`` schema).

        >>> rec = PhraseRecord.make(Document.from_text("ab"), "sentence", 0, 2, norm="ab")
        >>> rec.to_dict()["kind"]
        'sentence'
        """
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PhraseRecord:
        """Rebuild a record from :meth:`to_dict` output.

        >>> d = PhraseRecord.make(Document.from_text("ab"), "quote", 0, 2, norm="ab").to_dict()
        >>> PhraseRecord.from_dict(d).kind
        'quote'
        """
        fields = {a.name for a in attrs.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})


_NON_LATIN_CHARS = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\u0400-\u04ff]")
_CJK_CHARS = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_CYRILLIC_CHARS = re.compile("[\u0400-\u04ff]")
_LATIN_CHARS = re.compile("[A-Za-z]")


def guess_language(text: str, *, sample: int = 4000) -> str:
    """Guess the language of ``text`` from its script: ``zh``, ``ru``, ``en`` (default).

    Only the script is looked at; that is all the normaliser and segmenter need.

    >>> guess_language("中美关系"), guess_language("Россия"), guess_language("")
    ('zh', 'ru', 'en')
    """
    head = text[:sample]
    if _NON_LATIN_CHARS.search(head) is None:  # no CJK and no Cyrillic: nothing to count
        return "en"
    # counted with compiled patterns: a character loop cost ~2 ms a document
    cjk = len(_CJK_CHARS.findall(head))
    cyr = len(_CYRILLIC_CHARS.findall(head))
    lat = len(_LATIN_CHARS.findall(head))
    if cjk and cjk * 2 >= lat:
        return "zh"
    if cyr > lat:
        return "ru"
    return "en"

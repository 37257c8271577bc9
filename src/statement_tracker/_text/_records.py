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

from .._errors import UsageError

__all__ = [
    "RECORD_KINDS",
    "Document",
    "PhraseRecord",
    "content_hash",
    "guess_language",
    "language_code",
    "make_doc_id",
]

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
        language: An ISO 639 code: given by the source (a manifest, a corpus record,
            ``--language``) or else guessed from the script (``"en"``, ``"ru"``, ``"zh"``;
            see :func:`guess_language`).
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


# Cyrillic and Cyrillic Supplement (Ukrainian і ї є ґ, Serbian ђ ћ, Kazakh ә … included).
_CYR = "\u0400-\u052f"
_NON_LATIN_CHARS = re.compile(f"[\u4e00-\u9fff\u3400-\u4dbf{_CYR}]")
_CJK_CHARS = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_CYRILLIC_CHARS = re.compile(f"[{_CYR}]")
_LATIN_CHARS = re.compile("[A-Za-z]")
_LANGUAGE_CODE = re.compile("[a-z]{2,3}")


def guess_language(text: str, *, sample: int = 4000) -> str:
    """Guess the language of ``text`` from its script: ``zh``, ``ru``, ``en`` (default).

    Only the script of the first ``sample`` characters is looked at; that is all
    the normaliser and segmenter need.  Han characters make ``zh`` (when they are
    at least half as many as Latin letters), Cyrillic ``ru`` (when it outnumbers
    Latin), anything else ``en``.  So ``ru`` stands for any Cyrillic text
    (Ukrainian, Serbian, Kazakh …) and ``en`` for any Latin one, and a text with
    no letters at all (numbers, punctuation, nothing) is ``en``.  Where that is
    wrong, give the language: a manifest's ``language`` column, a corpus record's
    ``language`` field, ``--language`` on the command line.

    >>> guess_language("中美关系"), guess_language("Россия"), guess_language("")
    ('zh', 'ru', 'en')
    >>> guess_language("Україна і Європа"), guess_language("2024-05-16: 3.5%")
    ('ru', 'en')
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


def language_code(value: object) -> str:
    """Return ``value`` if it is a language code: two or three lower-case letters (ISO 639).

    Raises:
        UsageError: Anything else (``"RU"``, ``"ru-RU"``, ``"russian"``, ``""``).

    >>> language_code("uk"), language_code("ast")
    ('uk', 'ast')
    >>> language_code("ru-RU")
    Traceback (most recent call last):
    ...
    statement_tracker._errors.UsageError: language: expected a 2-3 letter ... not 'ru-RU'
    """
    if isinstance(value, str) and _LANGUAGE_CODE.fullmatch(value):
        return value
    raise UsageError(
        "language",
        f"expected a 2-3 letter lower-case code (ISO 639) such as 'en', not {value!r}",
    )

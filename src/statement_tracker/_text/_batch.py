"""Phrase records as columns: :class:`RecordBatch` and :func:`records_batch`.

A bulk consumer (an index over a corpus, a table export) needs offsets, kinds and
normalised forms for millions of records, not millions of Python objects.  A batch holds
one document's records as numpy columns and makes a :class:`PhraseRecord` only when one
is asked for; ``records_batch(doc).records() == records(doc)``.

>>> from ._records import Document
>>> doc = Document.from_text("Xi said: “No limits.” Biden agreed.")
>>> batch = records_batch(doc, ["sentence", "quote"])
>>> len(batch), batch.kinds()
(3, ('sentence', 'quote', 'sentence'))
>>> batch.norm(1), int(batch.start[1]), int(batch.end[1]), batch.speaker_of(1)
('no limits.', 10, 20, 'Xi')
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from .._errors import UsageError
from ._normalise import Normalised, normalise
from ._records import RECORD_KINDS, Document, PhraseRecord
from ._spans import collect, to_normalised

if TYPE_CHECKING:  # numpy is imported when records are first made, not with the package
    import numpy as np
    import numpy.typing as npt

__all__ = ["RecordBatch", "record_kinds", "records_batch"]


def record_kinds(kinds: Iterable[str] | None) -> frozenset[str]:
    """The record kinds asked for (all of them for ``None``; one kind may be a string).

    Raises:
        UsageError: For an unknown kind.

    >>> sorted(record_kinds("quote")), len(record_kinds(None))
    (['quote'], 4)
    """
    if kinds is None:
        return frozenset(RECORD_KINDS)
    if isinstance(kinds, str):
        kinds = [kinds]
    wanted = frozenset(kinds)
    unknown = sorted(wanted - set(RECORD_KINDS))
    if unknown:
        raise UsageError(
            None, f"unknown record kind {unknown[0]!r}; choose from {', '.join(RECORD_KINDS)}"
        )
    return wanted


@attrs.frozen(kw_only=True, eq=False)
class RecordBatch:
    """One document's phrase records as columns (numpy arrays, one row per record).

    Rows are in the order of :func:`~statement_tracker.records`, and row ``i`` holds
    what record ``i`` holds: :meth:`record` builds that :class:`PhraseRecord` (with its
    id) only when asked.  The batch is immutable; compare records, not batches.

    Attributes:
        doc: The document.
        norm_text: The document's text normalised as a whole
            (:func:`~statement_tracker.normalise`).
        kind: Record kinds as indices into :data:`~statement_tracker.RECORD_KINDS` (uint8).
        start: Start offsets in ``doc.text`` (int64).
        end: End offsets, exclusive (int64).
        norm_start: Start of each record's ``norm`` in ``norm_text`` (int64).
        norm_end: End of each record's ``norm`` in ``norm_text`` (int64).
        paragraph: Index of the paragraph each record starts in (int32).
        speaker: Index into ``speakers``, or -1 when no speaker is named (int32).
        speakers: The speaker names the records refer to.

    >>> from ._records import Document
    >>> doc = Document.from_text("One. Two, but three.")
    >>> batch = records_batch(doc, kinds=["clause"])
    >>> [batch.text(i) for i in range(len(batch))]
    ['One.', 'Two,', 'but three.']
    >>> batch.records() == records_batch(doc, ["clause"]).records()
    True
    """

    doc: Document
    norm_text: str
    kind: npt.NDArray[np.uint8]
    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]
    norm_start: npt.NDArray[np.int64]
    norm_end: npt.NDArray[np.int64]
    paragraph: npt.NDArray[np.int32]
    speaker: npt.NDArray[np.int32]
    speakers: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.kind)

    @property
    def doc_id(self) -> str:
        """The document's id, shared by every record of the batch.

        >>> from ._records import Document
        >>> records_batch(Document.from_text("Hi.")).doc_id.startswith("d")
        True
        """
        return self.doc.doc_id

    def kinds(self) -> tuple[str, ...]:
        """The kind of every record, as names.

        >>> from ._records import Document
        >>> records_batch(Document.from_text("Hi.")).kinds()
        ('paragraph', 'sentence', 'clause')
        """
        return tuple(RECORD_KINDS[k] for k in self.kind.tolist())

    def mask(self, kind: str) -> npt.NDArray[np.bool_]:
        """Which rows are records of ``kind`` (a boolean column).

        Raises:
            UsageError: For an unknown kind.

        >>> from ._records import Document
        >>> records_batch(Document.from_text("One. Two.")).mask("sentence").tolist()
        [False, True, False, True, False]
        """
        record_kinds([kind])
        mask: npt.NDArray[np.bool_] = self.kind == RECORD_KINDS.index(kind)
        return mask

    def text(self, i: int) -> str:
        """The original text of record ``i``: ``doc.text[start[i]:end[i]]``.

        >>> from ._records import Document
        >>> records_batch(Document.from_text("One. Two."), "sentence").text(1)
        'Two.'
        """
        return self.doc.text[int(self.start[i]) : int(self.end[i])]

    def norm(self, i: int) -> str:
        """The normalised form of record ``i``: ``norm_text[norm_start[i]:norm_end[i]]``.

        >>> from ._records import Document
        >>> records_batch(Document.from_text("One.\\u00a0 TWO."), "sentence").norm(1)
        'two.'
        """
        return self.norm_text[int(self.norm_start[i]) : int(self.norm_end[i])]

    def speaker_of(self, i: int) -> str | None:
        """The speaker of record ``i``, or ``None``.

        >>> from ._records import Document
        >>> records_batch(Document.from_text("“Yes,” said Xi."), "quote").speaker_of(0)
        'Xi'
        """
        k = int(self.speaker[i])
        return None if k < 0 else self.speakers[k]

    def record_id(self, i: int) -> str:
        """The stable id of record ``i`` (as :meth:`PhraseRecord.make` computes it).

        >>> from ._records import Document
        >>> doc = Document.from_text("Hi.")
        >>> records_batch(doc).record_id(0) == PhraseRecord.make(doc, "paragraph", 0, 3,
        ...     norm="hi.").record_id
        True
        """
        key = f"{self.doc.sha256}:{RECORD_KINDS[self.kind[i]]}:{self.start[i]}:{self.end[i]}"
        return "r" + hashlib.sha256(key.encode()).hexdigest()[:15]

    def record(self, i: int) -> PhraseRecord:
        """Record ``i`` as a :class:`PhraseRecord`.

        >>> from ._records import Document
        >>> records_batch(Document.from_text("One. Two."), "sentence").record(1).text
        'Two.'
        """
        if not -len(self) <= i < len(self):
            raise IndexError(f"record {i} out of range for a batch of {len(self)}")
        return PhraseRecord(
            record_id=self.record_id(i),
            doc_id=self.doc.doc_id,
            kind=RECORD_KINDS[self.kind[i]],
            start=int(self.start[i]),
            end=int(self.end[i]),
            text=self.text(i),
            norm=self.norm(i),
            paragraph=int(self.paragraph[i]),
            speaker=self.speaker_of(i),
        )

    def __iter__(self) -> Iterator[PhraseRecord]:
        """The records one at a time, each built when reached."""
        for i in range(len(self)):
            yield self.record(i)

    def records(self) -> list[PhraseRecord]:
        """All the records, as :func:`~statement_tracker.records` returns them.

        >>> from ._records import Document
        >>> [r.text for r in records_batch(Document.from_text("One. Two."), "sentence").records()]
        ['One.', 'Two.']
        """
        if not len(self):
            return []
        text = self.doc.text
        norm = self.norm_text
        doc_id = self.doc.doc_id
        # the id hashes "{sha256}:{kind}:{start}:{end}" (PhraseRecord.make): hash the
        # prefix of each kind once
        prefixes = [hashlib.sha256(f"{self.doc.sha256}:{k}:".encode()) for k in RECORD_KINDS]
        names = RECORD_KINDS
        speakers = (*self.speakers, None)  # index -1 is None
        new = PhraseRecord
        out: list[PhraseRecord] = []
        add = out.append
        for kind, s, e, a, b, pi, who in zip(
            self.kind.tolist(),
            self.start.tolist(),
            self.end.tolist(),
            self.norm_start.tolist(),
            self.norm_end.tolist(),
            self.paragraph.tolist(),
            self.speaker.tolist(),
            strict=True,
        ):
            h = prefixes[kind].copy()
            h.update(b"%d:%d" % (s, e))
            add(
                new(
                    record_id="r" + h.hexdigest()[:15],
                    doc_id=doc_id,
                    kind=names[kind],
                    start=s,
                    end=e,
                    text=text[s:e],
                    norm=norm[a:b],
                    paragraph=pi,
                    speaker=speakers[who],
                )
            )
        return out


def records_batch(
    doc: Document, kinds: Iterable[str] | None = None, *, normalised: Normalised | None = None
) -> RecordBatch:
    """Cut a document into phrase records held as columns, without making record objects.

    The same records as :func:`~statement_tracker.records` (same kinds, spans, order,
    normalised forms, paragraphs and speakers), for code that handles many of them:
    ``records_batch(doc, kinds).records() == records(doc, kinds)``.

    Args:
        doc: The document.
        kinds: Record kinds to produce (any of ``paragraph``, ``sentence``,
            ``clause``, ``quote``); all of them by default.
        normalised: ``normalise(doc.text)`` (case folded, the default) when the caller
            has it already.

    Raises:
        UsageError: For an unknown kind, or a ``normalised`` of another text.

    >>> from ._records import Document
    >>> doc = Document.from_text("We agreed; talks go on.\\n\\nNo date was set.")
    >>> batch = records_batch(doc, kinds=["sentence", "clause"])
    >>> batch.kinds()
    ('sentence', 'clause', 'clause', 'sentence', 'clause')
    >>> batch.paragraph.tolist(), batch.end[batch.mask("clause")].tolist()
    ([0, 0, 0, 1, 1], [10, 23, 41])
    """
    wanted = record_kinds(kinds)
    if normalised is None:
        normalised = normalise(doc.text)
    elif normalised.original != doc.text:
        raise UsageError("normalised", f"is not the normalised text of document {doc.doc_id}")
    cols = collect(doc, wanted)
    norm_start, norm_end = to_normalised(normalised, cols.start, cols.end)
    return RecordBatch(
        doc=doc,
        norm_text=normalised.text,
        kind=cols.kind,
        start=cols.start,
        end=cols.end,
        norm_start=norm_start,
        norm_end=norm_end,
        paragraph=cols.paragraph,
        speaker=cols.speaker,
        speakers=cols.speakers,
    )

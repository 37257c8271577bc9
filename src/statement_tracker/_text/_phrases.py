"""Phrase records: a document cut into paragraphs, sentences, clauses and quotations.

:func:`records` makes the records of a document; segmentation (:mod:`._segment`),
quotation finding (:mod:`._quotes`) and normalisation (:mod:`._normalise`) meet in
:mod:`._spans`, and :mod:`._batch` holds the records as columns.

>>> from statement_tracker import Document
>>> doc = Document.from_text("Xi said: “No limits.” Biden agreed; talks go on.")
>>> [(r.kind, r.text) for r in records(doc, kinds=["sentence", "quote"])]
[('sentence', 'Xi said: “No limits.”'), ('quote', 'No limits.'),
 ('sentence', 'Biden agreed; talks go on.')]
"""

from __future__ import annotations

from collections.abc import Iterable

from ._batch import records_batch
from ._records import Document, PhraseRecord

__all__ = ["records"]


def records(doc: Document, kinds: Iterable[str] | None = None) -> list[PhraseRecord]:
    """Cut a document into phrase records with exact offsets and normalised forms.

    Paragraphs come from :func:`~statement_tracker.paragraph_spans`, sentences
    from :func:`~statement_tracker.sentence_spans` (with the document's
    language), clauses from :func:`~statement_tracker.clause_spans` (they tile
    each sentence: a sentence without a clause boundary gives one clause with
    the same span) and quotations from :func:`~statement_tracker.quotations`
    (direct, reported and transcript turns alike).  Every record satisfies
    ``doc.text[r.start:r.end] == r.text``.

    ``norm`` is the record's span of the document normalised once as a whole,
    which equals ``normalise(r.text).text`` (the spans are trimmed, so the
    normaliser's edge rules do not differ).  ``paragraph`` is the index of the
    paragraph the record starts in; ``speaker`` is the speaker of the
    transcript turn the record is in (``Q``, ``Vladimir Putin``) or, for a
    quotation, its own speaker.

    Args:
        doc: The document.
        kinds: Record kinds to produce (any of ``paragraph``, ``sentence``,
            ``clause``, ``quote``); all of them by default.

    Returns:
        Records in document order: by start, longer spans first, then by kind
        (paragraph, sentence, clause, quote).

    Raises:
        UsageError: For an unknown kind.

    >>> doc = Document.from_text("One. Two, but three.\\n\\nFour.")
    >>> [(r.kind, r.paragraph, r.text) for r in records(doc, kinds=["paragraph", "clause"])]
    [('paragraph', 0, 'One. Two, but three.'), ('clause', 0, 'One.'), ('clause', 0, 'Two,'),
     ('clause', 0, 'but three.'), ('paragraph', 1, 'Four.'), ('clause', 1, 'Four.')]
    """
    # The spans are found and mapped to the normalised text as columns (_spans), then the
    # records are made from them in one loop: a record at a time was most of the time.
    return records_batch(doc, kinds).records()

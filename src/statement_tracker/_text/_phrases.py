"""Phrase records: a document cut into paragraphs, sentences, clauses and quotations.

:func:`records` is the one place where segmentation (:mod:`._segment`),
quotation finding (:mod:`._quotes`) and normalisation (:mod:`._normalise`) meet.

>>> from statement_tracker import Document
>>> doc = Document.from_text("Xi said: “No limits.” Biden agreed; talks go on.")
>>> [(r.kind, r.text) for r in records(doc, kinds=["sentence", "quote"])]
[('sentence', 'Xi said: “No limits.”'), ('quote', 'No limits.'),
 ('sentence', 'Biden agreed; talks go on.')]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from .._errors import UsageError
from ._normalise import normalise
from ._quotes import Quotation, quotations, speaker_turns
from ._records import RECORD_KINDS, Document, PhraseRecord
from ._segment import clause_spans, paragraph_spans, sentence_spans

__all__ = ["records"]

_RANK = {kind: i for i, kind in enumerate(RECORD_KINDS)}


def _kinds(kinds: Iterable[str] | None) -> frozenset[str]:
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
    wanted = _kinds(kinds)
    text = doc.text
    normalised = normalise(text)
    norm = normalised.text
    to_norm = normalised.span_to_normalised
    make = PhraseRecord.make

    quotes: list[Quotation] = quotations(text) if "quote" in wanted else []
    turns = (
        [q for q in quotes if q.kind == "transcript"] if "quote" in wanted else speaker_turns(text)
    )
    turn_starts = [q.outer_start for q in turns]

    def speaker_at(offset: int) -> str | None:
        k = bisect.bisect_right(turn_starts, offset) - 1
        if k >= 0 and offset < turns[k].end:
            return turns[k].speaker
        return None

    def record(kind: str, s: int, e: int, paragraph: int, speaker: str | None) -> PhraseRecord:
        a, b = to_norm(s, e)
        # strip: white space inside the document is white space at the record's edge
        return make(
            doc, kind, s, e, norm=norm[a:b].strip(" "), paragraph=paragraph, speaker=speaker
        )

    out: list[PhraseRecord] = []
    paragraphs = paragraph_spans(text)
    want_sentences = "sentence" in wanted
    want_clauses = "clause" in wanted
    # Sentences never cross a blank line, so one call over the whole text gives the same
    # spans as one call per paragraph (a property test checks it) with less overhead.
    sentences = (
        sentence_spans(text, language=doc.language) if want_sentences or want_clauses else []
    )
    k = 0
    for pi, (ps, pe) in enumerate(paragraphs):
        speaker = speaker_at(ps) if turns else None
        if "paragraph" in wanted:
            out.append(record("paragraph", ps, pe, pi, speaker))
        while k < len(sentences) and sentences[k][0] < pe:
            ss, se = sentences[k]
            k += 1
            who = speaker_at(ss) if turns else None
            clauses = clause_spans(text, ss, se) if want_clauses else []
            if len(clauses) == 1 and want_sentences:
                # the usual case: one clause, the whole sentence; map its norm once
                sentence = record("sentence", ss, se, pi, who)
                out.append(sentence)
                out.append(
                    make(doc, "clause", ss, se, norm=sentence.norm, paragraph=pi, speaker=who)
                )
                continue
            if want_sentences:
                out.append(record("sentence", ss, se, pi, who))
            for cs, ce in clauses:
                out.append(record("clause", cs, ce, pi, who))
    if quotes:
        para_starts = [ps for ps, _ in paragraphs]
        for q in quotes:
            pi = max(0, bisect.bisect_right(para_starts, q.start) - 1)
            out.append(record("quote", q.start, q.end, pi, q.speaker))
        out.sort(key=lambda r: (r.start, -r.end, _RANK[r.kind]))
    return out

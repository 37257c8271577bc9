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
import hashlib
from collections.abc import Iterable

import numpy as np

from .._errors import UsageError
from ._normalise import Normalised, normalise
from ._quotes import Quotation, quotations, speaker_turns
from ._records import RECORD_KINDS, Document, PhraseRecord
from ._segment import _CLAUSE, clause_spans, paragraph_spans, sentence_spans

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

    # First the spans, in output order; then their normalised spans mapped in one pass
    # and the records built in one loop (per-record calls were most of the time).
    spans: list[tuple[str, int, int, int, str | None]] = []
    add = spans.append
    paragraphs = paragraph_spans(text)
    want_paragraphs = "paragraph" in wanted
    want_sentences = "sentence" in wanted
    want_clauses = "clause" in wanted
    # Sentences never cross a blank line, so one call over the whole text gives the same
    # spans as one call per paragraph (a property test checks it) with less overhead.
    sentences = (
        sentence_spans(text, language=doc.language) if want_sentences or want_clauses else []
    )
    # Where a clause may end, found once for the whole text: a sentence holding none of
    # these places is one clause, its own span, without a clause_spans call.
    marks = [m.start() for m in _CLAUSE.finditer(text)] if want_clauses else []
    k = 0
    for pi, (ps, pe) in enumerate(paragraphs):
        speaker = speaker_at(ps) if turns else None
        if want_paragraphs:
            add(("paragraph", ps, pe, pi, speaker))
        while k < len(sentences) and sentences[k][0] < pe:
            ss, se = sentences[k]
            k += 1
            who = speaker_at(ss) if turns else None
            if want_sentences:
                add(("sentence", ss, se, pi, who))
            if not want_clauses:
                continue
            j = bisect.bisect_left(marks, ss)
            if j == len(marks) or marks[j] >= se:
                add(("clause", ss, se, pi, who))  # sentences are trimmed like clauses
                continue
            for cs, ce in clause_spans(text, ss, se):
                add(("clause", cs, ce, pi, who))
    if quotes:
        para_starts = [ps for ps, _ in paragraphs]
        for q in quotes:
            pi = max(0, bisect.bisect_right(para_starts, q.start) - 1)
            add(("quote", q.start, q.end, pi, q.speaker))
        spans.sort(key=lambda r: (r[1], -r[2], _RANK[r[0]]))
    return _build(doc, normalised, spans)


def _to_normalised(
    normalised: Normalised, starts: list[int], ends: list[int]
) -> tuple[list[int], list[int]]:
    """:meth:`Normalised.span_to_normalised` of many spans at once, with numpy.

    The same arithmetic on the same edit map, one ``searchsorted`` for all starts and
    one for all ends instead of two bisections per span.
    """
    s = np.asarray(starts, dtype=np.int64)
    e = np.asarray(ends, dtype=np.int64)
    o0 = np.frombuffer(normalised._o0, dtype=np.int64)
    if not len(o0):  # nothing was removed or expanded: offsets are the same
        a = np.where(s >= len(normalised.original), len(normalised.text), s)
        b = np.where(e <= s, a, np.maximum(a, e))
        return a.tolist(), b.tolist()
    o1 = np.frombuffer(normalised._o1, dtype=np.int64)
    n0 = np.frombuffer(normalised._n0, dtype=np.int64)
    n1 = np.frombuffer(normalised._n1, dtype=np.int64)
    # start: Normalised.to_normalised
    k = np.searchsorted(o0, s, side="right") - 1
    kk = np.maximum(k, 0)
    inside = s < o1[kk]
    a = np.where(
        k < 0,
        s,
        np.where(inside, np.where(s == o0[kk], n0[kk], n1[kk]), n1[kk] + (s - o1[kk])),
    )
    a = np.where(s >= len(normalised.original), len(normalised.text), a)
    # end: the normalised position just after the character holding end - 1
    last = e - 1
    k = np.searchsorted(o0, last, side="right") - 1
    kk = np.maximum(k, 0)
    b = np.where(k < 0, e, np.where(last < o1[kk], n1[kk], n1[kk] + (last - o1[kk]) + 1))
    b = np.where(e <= s, a, np.maximum(a, b))
    return a.tolist(), b.tolist()


def _build(
    doc: Document, normalised: Normalised, spans: list[tuple[str, int, int, int, str | None]]
) -> list[PhraseRecord]:
    """The records of ``spans`` (kind, start, end, paragraph, speaker), as
    :meth:`PhraseRecord.make` builds them, with ``norm`` cut from the normalised text."""
    if not spans:
        return []
    text = doc.text
    norm = normalised.text
    a_list, b_list = _to_normalised(normalised, [r[1] for r in spans], [r[2] for r in spans])
    # the id hashes "{sha256}:{kind}:{start}:{end}" (PhraseRecord.make): hash the prefix once
    prefix = hashlib.sha256(f"{doc.sha256}:".encode())
    doc_id = doc.doc_id
    new = PhraseRecord
    out: list[PhraseRecord] = []
    for (kind, s, e, pi, who), a, b in zip(spans, a_list, b_list, strict=True):
        h = prefix.copy()
        h.update(f"{kind}:{s}:{e}".encode())
        out.append(
            new(
                record_id="r" + h.hexdigest()[:15],
                doc_id=doc_id,
                kind=kind,
                start=s,
                end=e,
                text=text[s:e],
                # strip: white space inside the document is white space at the record's edge
                norm=norm[a:b].strip(" "),
                paragraph=pi,
                speaker=who,
            )
        )
    return out

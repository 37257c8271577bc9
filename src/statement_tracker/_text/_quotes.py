"""Quotations and who said them.

:func:`quotations` finds three kinds of quoted speech in a text:

* ``"direct"``: words inside quotation marks, straight or typographic
  (``"…"``, ``“…”``, ``‘…’``, ``«…»``, ``„…“``, ``「…」``, ``『…』``), nested or
  running over several sentences.  Apostrophes (``don't``, ``Xi’s``,
  ``partners’``) are not quotation marks.  A quotation left open at the end of
  a paragraph is kept only when the next paragraph opens with the same mark
  (the convention for quotations running over paragraphs).
* ``"transcript"``: a turn of a transcript, a line that starts with a speaker
  label (``President Putin: …``, ``MS. PSAKI: …``, ``Q …``).  When a text has
  two labels or more, a turn runs on until the next label.
* ``"reported"``: reported speech with a named speaker, ``Xi stressed that …``,
  ``The two leaders agreed that …``, ``Путин подчеркнул, что …``; the quotation
  is the clause after *that* up to the end of the sentence.  Readouts are
  mostly written this way, and the sentence a reader wants to source is this
  clause, so it counts.  With a pronoun subject (``He said that …``) nothing is
  reported: the text does not name the speaker.

The speaker of a direct quotation comes from the words around it
(``"…," Biden said``, ``said President Xi``, ``Xi said: "…"``, a label before
it); nested quotations and those whose speaker the text does not name have
``speaker=None``.

>>> text = 'Xi said: “We don’t seek ‘spheres of influence’.” Biden stressed that talks matter.'
>>> [(q.kind, q.text, q.speaker) for q in quotations(text)]
[('direct', 'We don’t seek ‘spheres of influence’.', 'Xi'),
 ('direct', 'spheres of influence', None),
 ('reported', 'talks matter', 'Biden')]
"""

from __future__ import annotations

import bisect
import itertools
import re

import attrs

from ._normalise import _ZW
from ._segment import paragraph_spans, sentence_spans
from ._speakers import (
    FIRST_PERSON,
    NAME_BEFORE,
    direct_speaker,
    reporting_clauses,
    speaker_labels,
    speaker_name,
)

__all__ = [
    "QUOTATION_KINDS",
    "Quotation",
    "quotations",
    "quotations_in",
    "speaker_turns",
    "turns_in",
]

#: The kinds of quotation :func:`quotations` reports.
QUOTATION_KINDS: tuple[str, ...] = ("direct", "reported", "transcript")


@attrs.frozen(kw_only=True)
class Quotation:
    """Quoted speech: where it is, what it says and who said it.

    Attributes:
        start: Start of the quoted words (inside the marks) in the text.
        end: End of the quoted words (exclusive), trimmed of white space and a
            trailing comma.
        text: ``text[start:end]``.
        speaker: The speaker as the text names them (``"President Xi"``), or ``None``.
        kind: ``"direct"``, ``"reported"`` or ``"transcript"``.
        outer_start: Start including the opening mark (or the speaker label, or
            the reporting clause).
        outer_end: End including the closing mark.
        depth: 0 for a quotation, 1 for a quotation inside it, and so on.
        speaker_start: Where the speaker's name is in the text, or ``None``.
        speaker_end: End of the speaker's name, or ``None``.

    >>> q = quotations('“Yes,” said President Xi.')[0]
    >>> q.text, q.speaker, (q.outer_start, q.outer_end)
    ('Yes', 'President Xi', (0, 6))
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    kind: str = attrs.field(default="direct", validator=attrs.validators.in_(QUOTATION_KINDS))
    outer_start: int
    outer_end: int
    depth: int = 0
    speaker_start: int | None = None
    speaker_end: int | None = None


# --- quotation marks ------------------------------------------------------------------

_MARKS = re.compile("[\"“”„«»「」『』‘’'‹›]")
_OPEN_TYPE = {"“": "D", "„": "D", "«": "G", "「": "C", "『": "W", "‹": "A", "‘": "S"}
_CLOSE_TYPE = {"”": "D", "»": "G", "」": "C", "』": "W", "›": "A"}
# Deeper nesting than this is not prose (and would make quotations quadratic in memory).
_MAX_DEPTH = 8
_OPENING_CONTEXT = " \t\n\xa0([{—–-/“‘«„「『*_"


def _pairs(
    text: str, ps: int, pe: int, marks: list[int]
) -> tuple[list[tuple[int, int, int]], tuple[str, int] | None]:
    """Match quotation marks in one paragraph; ``marks`` are the offsets of the
    paragraph's marks (matches of ``_MARKS``), in order.

    Returns ``(open, close, depth)`` triples (``close`` is the closing mark's
    offset) and the outermost opener left unclosed, if any.
    """
    stack: list[tuple[str, int, str]] = []  # (type, offset, mark)
    pairs: list[tuple[int, int, int]] = []
    for i in marks:
        ch = text[i]
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        kind: str | None = None
        closing = False
        if ch == "“" and stack and stack[-1][2] == "„":
            kind, closing = "D", True
        elif ch in _OPEN_TYPE:
            kind = _OPEN_TYPE[ch]
            if ch == "‘" and nxt.isspace():
                continue
        elif ch in _CLOSE_TYPE:
            kind, closing = _CLOSE_TYPE[ch], True
        elif ch == "’":
            if prev.isalnum() and nxt.isalpha():
                continue  # don’t, Xi’s
            kind, closing = "S", True
        elif ch == '"':
            kind = "Q"
            if any(t == "Q" for t, _, _ in stack) and not prev.isspace():
                closing = True
            elif nxt.isspace() or prev not in _OPENING_CONTEXT:
                continue
        else:  # "'"
            if prev.isalnum() and nxt.isalpha():
                continue  # don't
            kind = "S"
            if prev in _OPENING_CONTEXT and nxt.isalnum():
                closing = False
            elif any(t == "S" for t, _, _ in stack) and not prev.isspace():
                closing = True
            else:
                continue
        if not closing:
            if len(stack) < _MAX_DEPTH:
                stack.append((kind, i, ch))
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == kind:
                pairs.append((stack[k][1], i, k))
                del stack[k:]
                break
    leftover = (stack[0][0], stack[0][1]) if stack else None
    return pairs, leftover


def _positions(text: str, word: str) -> list[int]:
    """Where ``word`` occurs in ``text`` (str.find: faster than a regex alternation)."""
    found = []
    k = text.find(word)
    while k >= 0:
        found.append(k)
        k = text.find(word, k + len(word))
    return found


def _opens_with(text: str, ps: int, pe: int, kind: str) -> bool:
    """Does the paragraph open with a quotation mark of this type?"""
    head = text[ps : min(pe, ps + 4)].lstrip("*_[ ")
    if not head:
        return False
    ch = head[0]
    return _OPEN_TYPE.get(ch) == kind or (ch == '"' and kind == "Q") or (ch == "'" and kind == "S")


def _content(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in _ZW):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _ZW or text[e - 1] == ","):
        e -= 1
    return s, e


def quotations(text: str) -> list[Quotation]:
    """Find the direct quotations, transcript turns and reported speech in ``text``.

    Args:
        text: A document's text (offsets are into it).

    Returns:
        Quotations ordered by ``outer_start`` (then outermost first).

    >>> t = "Vladimir Putin: Good afternoon.\\n\\nDonald Trump: Thank you."
    >>> [(q.speaker, q.text) for q in quotations(t)]
    [('Vladimir Putin', 'Good afternoon.'), ('Donald Trump', 'Thank you.')]
    >>> [q.text for q in quotations("Don't touch the partners' 'red lines'.")]
    ['red lines']
    """
    return quotations_in(text, paragraph_spans(text))


def quotations_in(text: str, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    """:func:`quotations` of ``text`` whose :func:`paragraph_spans` are ``paragraphs``."""
    out: list[Quotation] = []
    labels = speaker_labels(text)
    turns = _turns(text, paragraphs, labels)
    turn_starts = [t.outer_start for t in turns]
    out.extend(turns)
    # Where quotation marks and "that"/"что" (which reported speech needs) are, found
    # once for the whole text: most paragraphs hold neither, and are then passed over.
    marks = [m.start() for m in _MARKS.finditer(text)]
    thats = sorted(_positions(text, "that") + _positions(text, "что"))
    starts = [ps for ps, _ in paragraphs]
    # only the paragraphs holding a mark or a "that" can hold a quotation
    holding = sorted({bisect.bisect_right(starts, k) for k in itertools.chain(marks, thats)})
    for pi in holding:
        pi -= 1
        if pi < 0:
            continue
        ps, pe = paragraphs[pi]
        j = bisect.bisect_left(marks, ps)
        if j < len(marks) and marks[j] < pe:
            pairs, leftover = _pairs(text, ps, pe, marks[j : bisect.bisect_left(marks, pe, j)])
        else:
            pairs, leftover = [], None
        if leftover is not None and pi + 1 < len(paragraphs):
            nps, npe = paragraphs[pi + 1]
            if _opens_with(text, nps, npe, leftover[0]):
                pairs.append((leftover[1], pe, 0))
        direct: list[tuple[int, int]] = []
        previous: tuple[int, str | None, int, int] = (ps, None, -1, -1)  # last quotation
        for o, c, depth in sorted(pairs):
            s, e = _content(text, o + 1, c)
            if e <= s:
                continue
            outer_end = min(c + 1, pe) if c < pe else pe
            speaker, ss, se = (None, -1, -1)
            if depth == 0:
                speaker, ss, se = direct_speaker(text, ps, pe, o, outer_end, labels)
                if speaker is None and text[ss:se].lower() in FIRST_PERSON:
                    # "I said: “…”" inside a transcript turn: the turn's speaker said it
                    k = bisect.bisect_right(turn_starts, o) - 1
                    turn = turns[k] if k >= 0 and o < turns[k].end else None
                    if turn is not None and turn.speaker_start is not None:
                        speaker, ss = turn.speaker, turn.speaker_start
                        se = turn.speaker_end or ss
                prev_end, prev_speaker, prev_ss, prev_se = previous
                if speaker is None and prev_speaker and prev_end <= prev_ss < prev_se <= o:
                    # “…,” said Governor Walz. “…”: the attribution between two
                    # quotations belongs to both
                    speaker, ss, se = prev_speaker, prev_ss, prev_se
                previous = (outer_end, speaker, ss, se)
            out.append(
                Quotation(
                    start=s,
                    end=e,
                    text=text[s:e],
                    speaker=speaker,
                    kind="direct",
                    outer_start=o,
                    outer_end=outer_end,
                    depth=depth,
                    speaker_start=ss if speaker else None,
                    speaker_end=se if speaker else None,
                )
            )
            direct.append((o, outer_end))
        j = bisect.bisect_left(thats, ps)
        if j < len(thats) and thats[j] < pe:
            out.extend(_reported(text, ps, pe, direct))
    out.sort(key=lambda q: (q.outer_start, -q.outer_end, q.depth))
    return out


def _turns(
    text: str, paragraphs: list[tuple[int, int]], labels: list[tuple[int, int, str, int, int]]
) -> list[Quotation]:
    """One transcript quotation per labelled turn."""
    out: list[Quotation] = []
    ends = [pe for _, pe in paragraphs]
    for k, (ls, cs, name, ns, ne) in enumerate(labels):
        if len(labels) >= 2:
            limit = labels[k + 1][0] if k + 1 < len(labels) else len(text)
        else:
            limit = next((pe for pe in ends if pe >= cs), len(text))
        s, e = _content(text, cs, limit)
        if e <= s or text[s] in '"“„«「『':
            continue  # an attribution line before a quotation: the quotation carries it
        speaker = name.strip()
        out.append(
            Quotation(
                start=s,
                end=e,
                text=text[s:e],
                speaker=speaker,
                kind="transcript",
                outer_start=ls,
                outer_end=e,
                speaker_start=ns,
                speaker_end=ne,
            )
        )
    return out


def _reported(text: str, ps: int, pe: int, direct: list[tuple[int, int]]) -> list[Quotation]:
    """Reported speech ("X stressed that …") in one paragraph.

    Reported quotations do not overlap: "A said that B said that …" gives A's only, which
    also keeps the output linear in the input.
    """
    out: list[Quotation] = []
    direct = sorted(direct)
    opens = [o for o, _ in direct]
    reach: list[int] = []  # reach[k]: the furthest end of the quotations opened up to k
    for _, c in direct:
        reach.append(max(c, reach[-1]) if reach else c)
    sentences: list[tuple[int, int]] = []
    sentence_starts: list[int] = []
    covered = ps
    for verb_start, cs in reporting_clauses(text, ps, pe):
        if verb_start < covered:
            continue
        n = NAME_BEFORE.search(text, max(ps, verb_start - 120), verb_start)
        if n is None:
            continue
        speaker, ss, se = speaker_name(text, n)
        if speaker is None:
            continue
        k = bisect.bisect_right(opens, cs + 1) - 1
        if k >= 0 and (reach[k] > cs or opens[k] >= cs):
            continue  # inside or right before a direct quotation: that one carries the speaker
        if not sentences:  # segment the paragraph only once a candidate is found
            sentences = sentence_spans(text, ps, pe)
            sentence_starts = [s for s, _ in sentences]
        j = bisect.bisect_right(sentence_starts, cs) - 1
        end = sentences[j][1] if j >= 0 and cs < sentences[j][1] else pe
        covered = end
        s, e = _content(text, cs, end)
        while e > s and text[e - 1] in ".!?…。！？*_":
            e -= 1
        if e <= s:
            continue
        out.append(
            Quotation(
                start=s,
                end=e,
                text=text[s:e],
                speaker=speaker,
                kind="reported",
                outer_start=ss,
                outer_end=end,
                speaker_start=ss,
                speaker_end=se,
            )
        )
    return out


def speaker_turns(text: str) -> list[Quotation]:
    """Return only the transcript turns of ``text`` (what :func:`quotations` reports as
    ``kind="transcript"``), without scanning quotation marks: the cheap way to know
    who speaks where.

    >>> [(q.speaker, q.text) for q in speaker_turns("Q  Why?\\n\\nMS. PSAKI: Because.")]
    [('Q', 'Why?'), ('MS. PSAKI', 'Because.')]
    """
    return turns_in(text, paragraph_spans(text))


def turns_in(text: str, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    """:func:`speaker_turns` of ``text`` whose :func:`paragraph_spans` are ``paragraphs``."""
    return _turns(text, paragraphs, speaker_labels(text))

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
import re

import attrs

from ._abbreviations import STARTERS
from ._normalise import _ZW
from ._segment import paragraph_spans, sentence_spans

__all__ = ["QUOTATION_KINDS", "Quotation", "quotations", "speaker_turns"]

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


# --- speakers -------------------------------------------------------------------------

_CONNECT = r"(?:of|the|and|de|da|del|van|von|bin|al|la|le)"
# A capitalised word.  An initial or a title may keep its full stop before another capital
# (J. Biden, MS. PSAKI, В.В. Путин); a name may not ("President Xi. Xi said" is two sentences).
_TITLES = (
    r"Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Amb|Sec|Lt|Col|Maj|Capt|Adm|Prof|Hon|Rev|Sr|Jr|St|"
    r"MR|MRS|MS|DR|GEN|SEN|REP|GOV|AMB|SEC"
)
_CAP_WORD = rf"(?:(?:(?:[A-ZА-ЯЁ]|{_TITLES})\.)+(?=[ \xa0]*[A-ZА-ЯЁ])|[A-ZА-ЯЁ][\w'’\-]*)"
# A name: capitalised words, with a few lower-case connectors between them.
_NAME = rf"{_CAP_WORD}(?:[ \xa0]+(?:{_CONNECT}[ \xa0]+){{0,2}}{_CAP_WORD}){{0,6}}"
_GROUP = (
    r"(?:[Tt]he|[Bb]oth)[ \xa0]+(?:two[ \xa0]+)?"
    r"(?:sides|leaders|parties|presidents|ministers|countries|delegations|governments)"
)
_VERBS = (
    r"said|says|stated|states|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underscored|"
    r"underlined|noted|notes|reaffirmed|reiterated|affirmed|told|explained|declared|announced|"
    r"asserted|warned|highlighted|observed|remarked|recalled|wrote|writes|added|adds|insisted|"
    r"argued|acknowledged|agreed|confirmed|indicated|maintained|proposed|suggested|asked|"
    r"replied|responded|answered|continued|commented|concluded|tweeted|posted|"
    r"pointed[ \xa0]+out|made[ \xa0]+clear|expressed[ \xa0]+(?:hope|confidence|concern)"
)
_RU_VERBS = (
    r"сказал|сказала|заявил|заявила|отметил|отметила|подчеркнул|подчеркнула|добавил|добавила|"
    r"указал|указала|сообщил|сообщила|напомнил|напомнила|считает|уверен|уверена"
)
_ADVERB = r"(?:(?:also|further|again|then|later|repeatedly|once[ \xa0]+again)[ \xa0]+)?"
_PRONOUNS = frozenset("he she they it we i you он она они мы я".split())
_FIRST_PERSON = frozenset(("i", "я"))
_NOT_SPEAKER_START = STARTERS | frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Earlier Speaking Asked "
    "Separately".split()
)
# Words that start a label which is not a speaker ("Fact Sheet:", "Note:").
_NOT_LABEL = frozenset(
    """
    fact note notes subject re location date time background update watch read related
    source sources topic summary agenda editor editors attachment contact media press title
    section part chapter article annex step phase example warning important reminder key
    why what how when where who today tomorrow yesterday goal objective
    remarks statement readout joint photo video transcript for in on at as this these
    a an by from to dear members team pillar promise promises falsehood fiction dismissed
    nomination nominations withdrawal withdrawals memorandum proclamation first second third
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    мы это
    """.split()
)
# One-word labels that name a speaker's role in transcripts ("Question: …", "Remark: …").
_ROLES = frozenset(
    """
    question remark reply answer response audience moderator participant participants
    interviewer journalist correspondent host voice voices operator aide student child
    вопрос реплика ответ ведущий
    """.split()
)
# Quotation marks that open a labelled line's content (press-release quote lists).
_OPENING_MARKS = "\"“„«「『‘'"

# A speaker label at the start of a line: "Vladimir Putin:", "**MS. PSAKI:**", "Q   ".
_LABEL = re.compile(
    rf"^[ \t\xa0]*[*_\[]*(?P<name>{_NAME})(?:[ \t\xa0]*\([^()\n]{{1,40}}\))?[*_\]]*"
    rf"[ \t\xa0]*:[*_\]]*(?:\([^()\s]*\))?(?:[ \t\xa0]+|\n|\Z)"
    r"|^[ \t\xa0]*(?P<q>Q)(?:[ \t\xa0]*:[ \t\xa0]*|[ \t\xa0]+)(?=\S)",
    re.MULTILINE,
)
_AFTER_NAME_VERB = re.compile(
    rf"[\s,]*(?:[—–-][ \xa0]*)?(?P<name>{_NAME}|he|she|they|я|он|она)[ \xa0]+{_ADVERB}"
    rf"(?:{_VERBS}|{_RU_VERBS})\b"
)
_AFTER_VERB_NAME = re.compile(
    rf"[\s,]*(?:[—–-][ \xa0]*)?(?:{_VERBS}|{_RU_VERBS})[ \xa0]+(?P<name>{_NAME})"
)
# "described the relationship as “…”": the description is the speaker's words
_DESCRIBED = (
    r"(?:described|characteri[sz]ed|called|termed|hailed)(?:[ \xa0]+[\w’'-]+){0,4}?[ \xa0]+as"
)
_BEFORE = re.compile(
    rf"(?P<name>{_NAME}|{_GROUP})[ \xa0]+{_ADVERB}(?:{_VERBS}|{_RU_VERBS}|{_DESCRIBED})"
    r"(?:[ \xa0]+(?:reporters|journalists|the[ \xa0]+press|in[ \xa0]+a[ \xa0]+statement|"
    r"him|her|them|us|me|the[ \xa0]+audience))?"
    r"(?:[ \xa0]*[,:])?(?:[ \xa0]+(?:that|что))?[ \xa0]*\Z"
)
# Reported speech is found from its verb ("stressed that", "подчеркнул, что"); the name
# before it is looked for only then: scanning for names first was ten times slower.
_REPORTED = re.compile(
    rf"\b(?:{_VERBS})"
    r"(?:[ \xa0]+(?:to[ \xa0]+\w+|reporters|journalists|the[ \xa0]+press|"
    r"in[ \xa0]+a[ \xa0]+statement|firmly|strongly|also|again))?"
    r"[ \xa0]+that[ \xa0]+"
    rf"|(?<!\w)(?:{_RU_VERBS}),[ \xa0]+что[ \xa0]+"
)
_NAME_BEFORE = re.compile(rf"(?P<name>{_NAME}|{_GROUP})[ \xa0]+{_ADVERB}\Z")


def _speaker(text: str, m: re.Match[str], group: str = "name") -> tuple[str | None, int, int]:
    """Trim sentence-starter words off a matched name; ``None`` for pronouns."""
    s, e = m.span(group)
    words = text[s:e].split()
    while len(words) > 1 and words[0] in _NOT_SPEAKER_START and words[1][:1].isupper():
        s = text.index(words[1], s + len(words[0]))
        words.pop(0)
    name = text[s:e]
    if name.lower() in _PRONOUNS or name in _NOT_SPEAKER_START:
        return None, s, e
    return name, s, e


# --- quotation marks ------------------------------------------------------------------

_MARKS = re.compile("[\"“”„«»「」『』‘’'‹›]")
_OPEN_TYPE = {"“": "D", "„": "D", "«": "G", "「": "C", "『": "W", "‹": "A", "‘": "S"}
_CLOSE_TYPE = {"”": "D", "»": "G", "」": "C", "』": "W", "›": "A"}
# Deeper nesting than this is not prose (and would make quotations quadratic in memory).
_MAX_DEPTH = 8
_OPENING_CONTEXT = " \t\n\xa0([{—–-/“‘«„「『*_"


def _pairs(
    text: str, ps: int, pe: int
) -> tuple[list[tuple[int, int, int]], tuple[str, int] | None]:
    """Match quotation marks in one paragraph.

    Returns ``(open, close, depth)`` triples (``close`` is the closing mark's
    offset) and the outermost opener left unclosed, if any.
    """
    stack: list[tuple[str, int, str]] = []  # (type, offset, mark)
    pairs: list[tuple[int, int, int]] = []
    for m in _MARKS.finditer(text, ps, pe):
        i = m.start()
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
    paragraphs = paragraph_spans(text)
    out: list[Quotation] = []
    labels = _labels(text)
    turns = _turns(text, paragraphs, labels)
    turn_starts = [t.outer_start for t in turns]
    out.extend(turns)
    label_at = {ls: (name, ns, ne, le) for ls, le, name, ns, ne in labels}
    for pi, (ps, pe) in enumerate(paragraphs):
        pairs, leftover = _pairs(text, ps, pe)
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
                speaker, ss, se = _direct_speaker(text, ps, pe, o, outer_end, label_at)
                if speaker is None and text[ss:se].lower() in _FIRST_PERSON:
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
        out.extend(_reported(text, ps, pe, direct))
    out.sort(key=lambda q: (q.outer_start, -q.outer_end, q.depth))
    return out


def _labels(text: str) -> list[tuple[int, int, str, int, int]]:
    """Speaker labels at line starts: ``(label_start, content_start, name, name_s, name_e)``."""
    found: list[tuple[int, int, str, int, int]] = []
    for m in _LABEL.finditer(text):
        group = "q" if m.group("q") else "name"
        name = m.group(group)
        words = name.split()
        first = words[0].rstrip(".").lower()
        if group == "name" and (first in _NOT_LABEL or len(name) > 60):
            continue
        if group == "name" and (len(first) > 5 and first.endswith("ing")):
            continue  # "SUPPORTING AMERICAN INNOVATION:", a fact sheet's lead-in, not a speaker
        if (
            group == "name"
            and len(words) == 1
            and not name.isupper()
            and first not in _ROLES
            and text[m.end() : m.end() + 1] not in _OPENING_MARKS
        ):
            continue  # "Colorado: More than …", "Rail: In 1980 …": a topic, not a speaker
        start = m.start(group)
        found.append((start, m.end(), name, start, m.end(group)))
    return found


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


def _direct_speaker(
    text: str,
    ps: int,
    pe: int,
    o: int,
    c: int,
    label_at: dict[int, tuple[str, int, int, int]],
) -> tuple[str | None, int, int]:
    """The speaker named around a quotation ``text[o:c]``, from nearest to farthest clue."""
    after_end = min(pe, c + 100)
    last = text[o + 1 : c - 1].rstrip(" \xa0\"'’”»」』›")[-1:]
    if last not in (".", "。"):  # the sentence goes on after the quotation
        m = _AFTER_NAME_VERB.match(text, c, after_end) or _AFTER_VERB_NAME.match(text, c, after_end)
        if m is not None:
            return _speaker(text, m)
    b = _BEFORE.search(text, max(ps, o - 160), o)
    if b is not None:
        return _speaker(text, b)
    for ls, (name, ns, ne, content) in label_at.items():
        if ps <= ls < o and not text[content:o].strip(" \t\n\xa0*_[]()"):
            return name, ns, ne
    return None, -1, -1


def _reported(text: str, ps: int, pe: int, direct: list[tuple[int, int]]) -> list[Quotation]:
    """Reported speech ("X stressed that …") in one paragraph.

    Reported quotations do not overlap: "A said that B said that …" gives A's only, which
    also keeps the output linear in the input.
    """
    out: list[Quotation] = []
    chunk = text[ps:pe]
    if " that " not in chunk and ", что " not in chunk:
        return out
    direct = sorted(direct)
    opens = [o for o, _ in direct]
    reach: list[int] = []  # reach[k]: the furthest end of the quotations opened up to k
    for _, c in direct:
        reach.append(max(c, reach[-1]) if reach else c)
    sentences: list[tuple[int, int]] = []
    sentence_starts: list[int] = []
    covered = ps
    for m in _REPORTED.finditer(text, ps, pe):
        if m.start() < covered:
            continue
        n = _NAME_BEFORE.search(text, max(ps, m.start() - 120), m.start())
        if n is None:
            continue
        speaker, ss, se = _speaker(text, n)
        if speaker is None:
            continue
        cs = m.end()
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
    return _turns(text, paragraph_spans(text), _labels(text))

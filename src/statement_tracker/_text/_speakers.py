"""Who said it: speaker names, labels and reporting verbs for :mod:`._quotes`.

Three clues name a speaker, all found with regular expressions over a short
window of text (never the whole document, so the cost stays linear):

* a *label* that opens a line, ``Vladimir Putin: …``, ``MS. PSAKI: …``, ``Q …``
  (:func:`speaker_labels`);
* a reporting clause around a quotation, ``“…,” Biden said``, ``said President
  Xi``, ``Xi said: “…”`` (:func:`direct_speaker`);
* the subject of a reporting verb followed by *that*, ``Xi stressed that …``
  (:func:`reporting_clauses` finds the verb, :data:`NAME_BEFORE` the name before it).

A name is a run of capitalised words (``President Xi Jinping``, ``Secretary of
the Interior Doug Burgum``, ``В.В. Путин``) with sentence-starter words trimmed
off its front; a pronoun names no one (:func:`speaker_name` returns ``None``).

>>> [name for _, _, name, _, _ in speaker_labels("Q  Why?\\n\\nFact Sheet: x\\n\\nMS. PSAKI: Yes.")]
['Q', 'MS. PSAKI']
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from collections.abc import Iterator

from ._abbreviations import STARTERS

__all__ = [
    "FIRST_PERSON",
    "NAME_BEFORE",
    "direct_speaker",
    "reporting_clauses",
    "speaker_labels",
    "speaker_name",
]

class _Lazy:
    """A regular expression compiled when first used: compiling the name patterns below
    takes tens of milliseconds, which a program that never looks for speakers (loading
    pages, tracking) need not spend at start-up."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)


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
FIRST_PERSON = frozenset(("i", "я"))
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
_LABEL_BODY = (
    rf"[ \t\xa0]*[*_\[]*(?P<name>{_NAME})(?:[ \t\xa0]*\([^()\n]{{1,40}}\))?[*_\]]*"
    rf"[ \t\xa0]*:[*_\]]*(?:\([^()\s]*\))?(?:[ \t\xa0]+|(?=\n)|\Z)"
    r"|[ \t\xa0]*(?P<q>Q)(?:[ \t\xa0]*:[ \t\xa0]*|[ \t\xa0]+)(?=\S)"
)
# At the start of the text, and after a line break: a pattern that starts with a literal
# "\n" lets the regex engine jump from line to line instead of trying every position.
_LABEL_AT_START = _Lazy(rf"(?:{_LABEL_BODY})")
_LABEL_AFTER_BREAK = _Lazy(rf"\n(?:{_LABEL_BODY})")
_AFTER_NAME_VERB = _Lazy(
    rf"[\s,]*(?:[—–-][ \xa0]*)?(?P<name>{_NAME}|he|she|they|я|он|она)[ \xa0]+{_ADVERB}"
    rf"(?:{_VERBS}|{_RU_VERBS})\b"
)
_AFTER_VERB_NAME = _Lazy(
    rf"[\s,]*(?:[—–-][ \xa0]*)?(?:{_VERBS}|{_RU_VERBS})[ \xa0]+(?P<name>{_NAME})"
)
# "described the relationship as “…”": the description is the speaker's words
_DESCRIBED = (
    r"(?:described|characteri[sz]ed|called|termed|hailed)(?:[ \xa0]+[\w’'-]+){0,4}?[ \xa0]+as"
)
_BEFORE_TAIL = (
    rf"(?:{_VERBS}|{_RU_VERBS}|{_DESCRIBED})"
    r"(?:[ \xa0]+(?:reporters|journalists|the[ \xa0]+press|in[ \xa0]+a[ \xa0]+statement|"
    r"him|her|them|us|me|the[ \xa0]+audience))?"
    r"(?:[ \xa0]*[,:])?(?:[ \xa0]+(?:that|что))?[ \xa0]*\Z"
)
_BEFORE = _Lazy(rf"(?P<name>{_NAME}|{_GROUP})[ \xa0]+{_ADVERB}{_BEFORE_TAIL}")
# The words an alternative of the verb patterns starts with (both spellings of -ise/-ize):
# where _BEFORE matches, its verb is one of the last eleven words before the quotation
# (four words of a description, "as", three of "in a statement", a comma and "that" may
# follow it), so a window without one is passed over without trying a name at every capital.
_VERB_WORDS = frozenset(
    re.findall(
        r"(?:^|\||\(\?:)([^\W\d_]+)",
        "|".join(p.replace("[sz]", c) for p in (_VERBS, _RU_VERBS, _DESCRIBED) for c in "sz"),
    )
)
_TAIL_WORDS = 11
# Reported speech is found from its verb ("stressed that", "подчеркнул, что"); the name
# before it is looked for only then: scanning for names first was ten times slower.
# Reported speech is found from its "that" (a fast literal search), then the reporting verb
# right before it ("stressed that", "told reporters that", "подчеркнул, что"), then the
# name before the verb: scanning every position for names or verbs was ten times slower.
_VERB_BEFORE_THAT = _Lazy(
    rf"(?<!\w)(?:{_VERBS})"
    r"(?:[ \xa0]+(?:to[ \xa0]+\w+|reporters|journalists|the[ \xa0]+press|"
    r"in[ \xa0]+a[ \xa0]+statement|firmly|strongly|also|again))?"
    r"[ \xa0]+\Z"
)
_VERB_BEFORE_CHTO = _Lazy(rf"(?<!\w)(?:{_RU_VERBS}),[ \xa0]+\Z")
_SPACES = " \xa0"
NAME_BEFORE = _Lazy(rf"(?P<name>{_NAME}|{_GROUP})[ \xa0]+{_ADVERB}\Z")


def speaker_name(text: str, m: re.Match[str], group: str = "name") -> tuple[str | None, int, int]:
    """The name matched by ``m``'s ``group``, without leading sentence starters, and its span.

    A pronoun gives ``None`` (with the pronoun's span, so that callers can tell ``I``).

    Runs of whitespace in the name (a no-break space between first and last name,
    a line break) become one space; the span still points into ``text``.

    >>> t = "Yesterday President Biden said"
    >>> speaker_name(t, NAME_BEFORE.search(t, 0, 26))
    ('President Biden', 10, 25)
    >>> t = "Yesterday President\u00a0Biden said"
    >>> speaker_name(t, NAME_BEFORE.search(t, 0, 26))
    ('President Biden', 10, 25)
    """
    s, e = m.span(group)
    words = text[s:e].split()
    while len(words) > 1 and words[0] in _NOT_SPEAKER_START and words[1][:1].isupper():
        s = text.index(words[1], s + len(words[0]))
        words.pop(0)
    name = text[s:e]
    # the subject is the name's last word: a pronoun there ("I've", "Q  I") names no one
    last = words[-1].replace("’", "'").split("'")[0].lower()
    if last in _PRONOUNS or name in _NOT_SPEAKER_START:
        start = e - len(words[-1])
        return None, start, start + len(last)
    return " ".join(name.split()), s, e


def speaker_labels(text: str) -> list[tuple[int, int, str, int, int]]:
    """Speaker labels at line starts, in order.

    Returns:
        ``(label_start, content_start, name, name_start, name_end)`` tuples.

    >>> speaker_labels("Vladimir Putin: Good afternoon.")
    [(0, 16, 'Vladimir Putin', 0, 14)]
    >>> speaker_labels("Vladimir\u00a0Putin: Good afternoon.")[0][2]
    'Vladimir Putin'
    """
    found: list[tuple[int, int, str, int, int]] = []
    first_line = _LABEL_AT_START.match(text)
    for m in itertools.chain(
        (first_line,) if first_line else (), _LABEL_AFTER_BREAK.finditer(text)
    ):
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
            and text[m.end() : m.end() + 3].lstrip()[:1] not in _OPENING_MARKS
        ):
            continue  # "Colorado: More than …", "Rail: In 1980 …": a topic, not a speaker
        start = m.start(group)
        # one space between words: a no-break space must not make a second speaker
        found.append((start, m.end(), " ".join(words), start, m.end(group)))
    return found


def direct_speaker(
    text: str,
    ps: int,
    pe: int,
    o: int,
    c: int,
    labels: list[tuple[int, int, str, int, int]],
) -> tuple[str | None, int, int]:
    """The speaker named around a quotation ``text[o:c]`` in paragraph ``text[ps:pe]``.

    Clues from nearest to farthest: a reporting clause right after the quotation
    (while its sentence goes on), one right before it, a label opening the line
    with nothing but markup between it and the quotation.  ``labels`` is
    :func:`speaker_labels` of the whole text.

    >>> t = "“Yes,” said President Xi."
    >>> direct_speaker(t, 0, len(t), 0, 6, [])
    ('President Xi', 12, 24)
    """
    after_end = min(pe, c + 100)
    last = text[o + 1 : c - 1].rstrip(" \xa0\"'’”»」』›")[-1:]
    if last not in (".", "。"):  # the sentence goes on after the quotation
        m = _AFTER_NAME_VERB.match(text, c, after_end)
        if (
            m is not None
            and last in "?!"
            and text[m.start("name") : m.end("name")].split()[0] in STARTERS
        ):
            m = None  # “…?” And I said …: a new sentence, not an attribution
        m = m or _AFTER_VERB_NAME.match(text, c, after_end)
        if m is not None:
            return speaker_name(text, m)
    lo = max(ps, o - 160)
    tail = text[lo:o].rsplit(None, _TAIL_WORDS)[-_TAIL_WORDS:]
    b = None
    if any(word.rstrip(",:") in _VERB_WORDS for word in tail):
        b = _BEFORE.search(text, lo, o)
    if b is not None:
        return speaker_name(text, b)
    k = bisect.bisect_left(labels, (o,)) - 1  # the last label starting before the quotation
    if k >= 0 and ps <= labels[k][0]:
        _, content, name, ns, ne = labels[k]
        if not text[content:o].strip(" \t\n\xa0*_[]()"):
            return name, ns, ne
    return None, -1, -1


def reporting_clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Reporting verbs followed by *that* (or Russian ``, что``) in ``text[start:end]``.

    Yields:
        ``(verb_start, clause_start)``: where the verb starts and where the
        reported clause after *that* begins.

    >>> t = "Xi stressed that peace matters; Путин подчеркнул, что да."
    >>> [(t[v:c], t[c:c + 5]) for v, c in reporting_clauses(t, 0, len(t))]
    [('stressed that ', 'peace'), ('подчеркнул, что ', 'да.')]
    """
    found: list[tuple[int, int]] = []
    for word, verb in (("that", _VERB_BEFORE_THAT), ("что", _VERB_BEFORE_CHTO)):
        k = text.find(word, start, end)
        while k >= 0:
            after = k + len(word)
            if k > start and text[k - 1] in _SPACES and after < end and text[after] in _SPACES:
                m = verb.search(text, max(start, k - 80), k)
                if m is not None:
                    clause = after
                    while clause < end and text[clause] in _SPACES:
                        clause += 1
                    found.append((m.start(), clause))
            k = text.find(word, after, end)
    found.sort()
    yield from found

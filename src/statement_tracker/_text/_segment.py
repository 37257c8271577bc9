"""Segmentation: paragraphs, sentences and clauses as spans of the original text.

Every function returns ``(start, end)`` offsets into the text it was given, so
``text[start:end]`` is the segment itself, trimmed of surrounding white space.
Sentences tile their paragraph (only white space falls between them) and
clauses tile their sentence.

>>> text = "Mr. Xi met Dr. Li on Jan. 5. They spoke; it was 3.5 hours long."
>>> [text[s:e] for s, e in sentence_spans(text)]
['Mr. Xi met Dr. Li on Jan. 5.', 'They spoke; it was 3.5 hours long.']

How it works, and why it is fast: one compiled regular expression finds the
*candidate* boundaries (terminal punctuation, closing quotation marks and
brackets, then white space; Chinese 。！？ without white space; line breaks) and
the few candidates that follow a full stop are then checked against the word
lists in :mod:`statement_tracker._text._abbreviations`.  No look-behind per
abbreviation, no per-character Python loop.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ._abbreviations import BEFORE_NUMBER, ENDS_LIST, MAY_END, NEVER_FINAL, starters_for
from ._normalise import _ZW

__all__ = ["clause_spans", "paragraph_spans", "sentence_spans"]

# Closing quotation marks, brackets and Markdown emphasis that belong to the sentence before.
_CLOSERS = "\"'”’»)]}*_」』）》〉›"
# Opening marks skipped before looking at the next word.
_OPENERS = "\"'“‘„«([{*_「『（《〈‹#>•·–—-"

_C = re.escape(_CLOSERS)
_O = re.escape(_OPENERS)
_CANDIDATE = re.compile(
    # One character class first, so the regex engine scans for it quickly instead of
    # trying three alternatives at every position; look-behinds then tell them apart.
    r"[.!?…。！？｡\n]"
    # a run of . ! ? … then closers, then white space or the end …
    rf"(?:(?<=[.!?…])(?P<p>[.!?…]*)[{_C}]*(?=\s|\Z)"
    # … and what follows: white space, opening marks and the first letter of the next word
    rf"(?=\s*(?P<o>[{_O}]*)(?P<f>\w?))"
    # Chinese and full-width terminal punctuation: no white space needed
    rf"|(?<=[。！？｡])[。！？｡]*[{_C}]*"
    # a line break inside the range, with the white space after it: a second line break
    # in that space would only be a boundary after a first that is one (a blank line)
    rf"|(?<=\n)(?P<n>)[\s{_ZW}]*)"
)
# The next word, read only when an abbreviation makes it matter.
_WORD = re.compile(r"\w*")
# Zero-width characters and the soft hyphen count as white space at span edges (the
# normaliser removes them), so spans never start or end with an invisible character.
_NON_SPACE = re.compile(rf"[^\s{_ZW}]")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# Dotted letters (U.S, E.U, В.В, a.m) and single capitals (initials).
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]|[^\W\d_a-zа-я]")
_ENUMERATOR = re.compile(r"(?:\d{1,3}|[ivxlcIVXLC]{1,5}|[A-Za-z])")
# A one-letter abbreviation part before the last one, written with a space ("т. е.").
_SPACED_PART = re.compile(r"(?<![\w.])([^\W\d_])\.[^\S\n]$")
# "и" right before a list-closing abbreviation ("и др.", "и т.д.").
_AND_BEFORE = re.compile(r"(?<!\w)и[^\S\n]+$")
# Every listed word: a full stop after any other word of two letters or more, without a
# full stop inside it, is a boundary unless it could be an enumerator.
_LISTED = NEVER_FINAL | BEFORE_NUMBER | ENDS_LIST | MAY_END
# Lines that end in these continue on the next line.
_CONTINUES = frozenset(",;-–—(/&")
# Lines that start with these are list items, headings or quotations of their own.
_MARKERS = frozenset('#-*•·>|0123456789"“«„')
# A line this long that stops on a word (no punctuation) was wrapped, not ended.
_WRAP_WIDTH = 60


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the paragraphs of ``text``: runs of lines separated by blank lines.

    Documents from :func:`statement_tracker.load` separate paragraphs with one
    blank line; several blank lines, or lines holding only white space, count
    as one separator.  Spans are trimmed of surrounding white space.

    >>> text = "First line.\\nSame paragraph.\\n\\n  Second.\\n \\n\\nThird."
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['First line.\\nSame paragraph.', 'Second.', 'Third.']
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        _append_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _append_trimmed(text, pos, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Append ``text[start:end]`` without its surrounding space, unless nothing is left."""
    m = _NON_SPACE.search(text, start, end)
    if m is None:
        return
    start = m.start()
    while end > start and (text[end - 1].isspace() or text[end - 1] in _ZW):
        end -= 1
    out.append((start, end))


def sentence_spans(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    language: str = "en",
    abbreviations: Collection[str] = (),
) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences; return their spans in ``text`` coordinates.

    A sentence ends at ``.``, ``!``, ``?`` or an ellipsis followed by white
    space (closing quotation marks and brackets stay with it), at Chinese
    ``。！？`` (no white space needed), and at a line break, so Markdown list
    items, headings and lines without final punctuation are sentences of their
    own.  A line break is not a boundary when the next line starts in lower
    case, when the line ends with a comma, semicolon, dash or opening bracket,
    or when a line of 60 characters or more stops on a word and the next line
    is not a list item or heading (the remains of hard wrapping).  A blank
    line always is.

    A full stop is *not* a boundary after a title or Latin abbreviation
    (``Mr.``, ``Gen.``, ``e.g.``, ``т.е.``), before a number after ``No.``,
    ``Art.`` or a month (``Jan. 5``), after an enumerator that opens the
    sentence (``1.``, ``22.``, ``iv.``), inside a number (``3.5``), or when the
    next word starts in lower case.  After an abbreviation that can end a
    sentence (``U.S.``, ``etc.``, ``a.m.``), an initial (``J.``, ``В.В.``), it
    is a boundary only before a usual sentence starter (``The``, ``We``,
    ``Это``).  The word lists live in :mod:`statement_tracker._text._abbreviations`.

    Args:
        text: The whole text (spans are offsets into it).
        start: Where to start (for example a paragraph's start).
        end: Where to stop; the end of ``text`` by default.
        language: ISO 639-1 code of the text.  It selects the sentence starters
            consulted after ambiguous abbreviations: English ones for ``"en"``,
            English and Russian ones for any other language.
        abbreviations: Extra abbreviations that never end a sentence, without
            their final full stop (``{"Amb", "Cong"}``); compared in lower case.

    Returns:
        ``(start, end)`` pairs in order, each trimmed of white space.

    >>> t = 'He said "yes." Then he left. The U.S. Government agreed. 中美合作。双方同意！'
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['He said "yes."', 'Then he left.', 'The U.S. Government agreed.', '中美合作。', '双方同意！']
    >>> t = "В.В. Путин провёл встречу, т.е. переговоры. Они прошли в 2020 г. в Москве."
    >>> len(sentence_spans(t, language="ru"))
    2
    """
    stop = len(text) if end is None else min(end, len(text))
    spans: list[tuple[int, int]] = []
    first = _NON_SPACE.search(text, start, stop)
    if first is None:
        return spans
    s = first.start()  # start of the current sentence
    extra = frozenset(a.lower().rstrip(".") for a in abbreviations)
    starters = starters_for(language)
    for m in _CANDIDATE.finditer(text, s, stop):
        b = m.end()
        if m.lastgroup == "n":
            e = m.start()
            if e < s:
                continue  # white space after a boundary already taken
            if not _line_break_is_boundary(text, s, e, e + 1, b, stop):
                continue
            # the line break and the white space after it end here: the next sentence
            # starts at b, the first character after them
            while e > s and (text[e - 1].isspace() or text[e - 1] in _ZW):
                e -= 1
            if e > s:
                spans.append((s, e))
            if b >= stop:
                return spans
            s = b
            continue
        else:
            if m.group("p") is not None:
                punct = text[m.start() : m.end("p")]
                first_letter = m.group("f")
                if first_letter and (first_letter.islower() or first_letter == "_"):
                    continue  # "he said", "e.g. the" … never a new sentence
                if punct == ".":
                    if not _full_stop_is_boundary(
                        text, s, m.start(), m.start("f"), stop, m.group("o"), extra, starters
                    ):
                        continue
                elif ("…" in punct or ".." in punct) and not (
                    first_letter.isupper() or (first_letter and _is_cjk(first_letter))
                ):
                    # an ellipsis ends a sentence only before a capital: "… more .. . living"
                    continue
            e = b
        # s is where a sentence starts (not white space): trim the end only
        while e > s and (text[e - 1].isspace() or text[e - 1] in _ZW):
            e -= 1
        if e > s:
            spans.append((s, e))
        if b + 1 < stop and text[b] == " " and not (text[b + 1].isspace() or text[b + 1] in _ZW):
            s = b + 1  # the usual one space between sentences
            continue
        after = _NON_SPACE.search(text, b, stop)
        if after is None:
            return spans
        s = after.start()
    _append_trimmed(text, s, stop, spans)
    return spans


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


def _line_break_is_boundary(
    text: str, s: int, nl: int, after_nl: int, nxt_at: int, stop: int
) -> bool:
    """A line break ends a sentence unless the line reads on into the next one.

    ``nxt_at`` is the first character after the white space that follows the break."""
    if nxt_at >= stop:
        return True
    if "\n" in text[after_nl:nxt_at]:
        return True  # a blank line: always a boundary
    e = nl
    while e > s and (text[e - 1].isspace() or text[e - 1] in _ZW):
        e -= 1
    if e == s:
        return False  # nothing on the line yet
    if text[e - 1] in _CONTINUES:
        return False
    nxt = text[nxt_at]
    if nxt.islower():
        return False
    if text[e - 1].isalnum() and nxt not in _MARKERS:
        # a long line stopping on a word, not a heading or list item: a hard wrap
        line_start = text.rfind("\n", max(0, e - _WRAP_WIDTH), e) + 1
        return (line_start > 0 and e - line_start < _WRAP_WIDTH) or e < _WRAP_WIDTH
    return True


def _full_stop_is_boundary(
    text: str,
    s: int,
    dot: int,
    next_word: int,
    stop: int,
    openers: str,
    extra: frozenset[str],
    starters: frozenset[str],
) -> bool:
    """Decide a full stop followed by white space, from the word before and the word after.

    ``next_word`` is where the next word starts (after white space and opening marks).
    """
    lo = max(s, dot - 40)
    head = text[lo:dot]
    parts = head.rsplit(None, 1)
    if not parts or head[-1:].isspace():
        return True
    token = parts[-1]
    token_start = dot - len(token)
    token = token.lstrip(_OPENERS)
    if not token:
        return True
    low = token.lower()
    if (
        len(token) > 1
        and (token_start != s or len(token) > 5)
        and "." not in token
        and low not in _LISTED
        and low not in extra
    ):
        return True  # a plain word: none of the rules below applies (most full stops)
    if len(token) == 1:
        # "т. е.", "т. д.": look the two parts up joined, as "т.е", "т.д"
        part = _SPACED_PART.search(text, max(s, token_start - 3), token_start)
        if part is not None:
            low = f"{part.group(1).lower()}.{low}"
            token = f"{part.group(1)}.{token}"
            token_start = part.start()
    if (low in NEVER_FINAL and (len(low) > 1 or token.islower())) or low in extra:
        return False
    after = text[next_word : next_word + 1]
    # a number or a number sign follows: "No. 5", "Jan. 20", "2021 г. № 414-ФЗ"
    digit_next = (after.isdigit() or after == "№") and not openers
    if digit_next and low in BEFORE_NUMBER:
        return False
    if token_start == s and len(token) <= 5 and _ENUMERATOR.fullmatch(token):
        return False  # "1. The first point", "22.\tThe peoples", "iv. Finally"
    if low in ENDS_LIST and after.isupper() and _AND_BEFORE.search(text, lo, token_start):
        return True  # "и т.д. Переговоры": the list and the sentence end together
    # (_DOTTED needs a full stop inside the token or a single letter: skip it for words)
    if low in MAY_END or ((len(token) == 1 or "." in token) and _DOTTED.fullmatch(token)):
        if digit_next:
            return False  # "No. 5", "Jan. 20"
        wm = _WORD.match(text, next_word, stop)
        assert wm is not None  # \w* always matches
        word = wm.group()
        if len(word) == 1 and word.isupper() and text[wm.end() : wm.end() + 1] == ".":
            return False  # "Mr. C. A. Eaton"
        return not word or word in starters
    return True


# Clause boundaries: after ; or : (then white space), after Chinese ；：，, and after a comma
# that precedes a conjunction.
_CONJUNCTIONS = (
    "and|but|or|nor|yet|so|while|whereas|although|though|because|which|who|where|when|"
    "if|unless|и|но|а|или|что|чтобы|если|когда|хотя|поскольку|потому|который|которая|"
    "которое|которые|которых|где"
)
# One character class first (as in _CANDIDATE), then look-behinds tell the marks apart:
# the same matches as three alternatives, found about four times faster.
_CLAUSE = re.compile(
    r"[;:；：，,]"
    r"(?:(?<=[;:])(?=\s)|(?<=[；：，])"
    rf"|(?<=,)(?=\s+(?:{_CONJUNCTIONS})\b))",
)


def clause_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split a sentence ``text[start:end]`` into clauses; return their spans.

    A clause ends after ``;`` or ``:`` followed by white space, after Chinese
    ``；：，``, and after a comma followed by a conjunction (``and``, ``but``,
    ``or``, ``while``, ``because``, ``which``, ``who``, ``when``, ``if`` …;
    Russian ``и``, ``но``, ``а``, ``что``, ``который`` …).  A comma before
    ``and`` in a list splits too: clauses are a cheap, predictable unit for
    matching, not a parse.  Clauses tile the sentence up to white space; a
    sentence without such a place is one clause.

    >>> t = "We agreed; talks will go on, but no date was set."
    >>> [t[s:e] for s, e in clause_spans(t)]
    ['We agreed;', 'talks will go on,', 'but no date was set.']
    """
    stop = len(text) if end is None else min(end, len(text))
    spans: list[tuple[int, int]] = []
    first = _NON_SPACE.search(text, start, stop)
    if first is None:
        return spans
    s = first.start()
    for m in _CLAUSE.finditer(text, s, stop):
        b = m.end()
        if b + 1 < stop and text[b] == " " and not (text[b + 1].isspace() or text[b + 1] in _ZW):
            after = b + 1  # the usual one space after the mark
        else:
            found = _NON_SPACE.search(text, b, stop)
            if found is None:
                break  # the mark ends the sentence: nothing to split off
            after = found.start()
        if b > s:
            spans.append((s, b))
        s = after
    # s is where the last clause starts (not white space): trim the end only
    while stop > s and (text[stop - 1].isspace() or text[stop - 1] in _ZW):
        stop -= 1
    if stop > s:
        spans.append((s, stop))
    return spans

"""Reversible text normalisation.

:func:`normalise` returns a :class:`Normalised`: the normalised text and a map
from every normalised character back to a span of the original.  It folds what
readers do not notice and matchers should not care about:

* Unicode compatibility forms (NFKC): full-width letters, ligatures, composed accents;
* curly, angle and CJK quotation marks to ``"`` and ``'``; every dash to ``-``;
* non-breaking, zero-width and other spaces; runs of white space to one space;
* soft hyphens, and words hyphenated across a line break (``coopera-\\ntion``);
* CJK full-width punctuation (``，。、：；！？（）``) to ASCII;
* Cyrillic ``ё`` to ``е``;
* case (when ``fold_case`` is true, the default).

>>> n = normalise("“No  limits” —\\u00a0partner-\\nship")
>>> n.text
'"no limits" - partnership'
>>> start = n.text.index("partnership")
>>> n.span_to_original(start, start + 11)
(15, 28)

Lengths change only where characters are removed or expanded; the map stores
just those places, so it costs nothing on text that is already clean.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
import unicodedata
from array import array

import attrs

from . import _unicode_tables

__all__ = ["Normalised", "normalise", "normalise_text"]

_DOUBLE_QUOTES = "“”„‟«»「」『』″〝〞〟＂"
_SINGLE_QUOTES = "‘’‚‛′‹›`´＇"
_DASHES = "‐‑‒–—―−⁃﹘﹣－"

_TRANSLATE: dict[int, str] = {}
_TRANSLATE.update({ord(c): '"' for c in _DOUBLE_QUOTES})
_TRANSLATE.update({ord(c): "'" for c in _SINGLE_QUOTES})
_TRANSLATE.update({ord(c): "-" for c in _DASHES})
_TRANSLATE.update(
    {
        ord("。"): ".",
        ord("｡"): ".",
        ord("、"): ",",
        ord("､"): ",",
        ord("【"): "[",
        ord("】"): "]",
        ord("〔"): "(",
        ord("〕"): ")",
        ord("《"): '"',
        ord("》"): '"',
        ord("〈"): "'",
        ord("〉"): "'",
        ord("ё"): "е",
        ord("Ё"): "Е",
        ord("・"): "·",
    }
)

# Characters removed outright: soft hyphen and zero-width characters.
_ZW = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# One unit of "space": white space or a removable invisible character.
_W = rf"[\s{_ZW}]"

_HYPHENS = "\\-\u2010\u00ad"
# Every Unicode white-space character (str.isspace, which is what \s matches) and the
# invisible ones: what leading and trailing space of a text is made of.
_SPACE_CHARS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + _ZW

# Each alternative starts by consuming one "trigger" character (a space, hyphen or
# invisible character) and checks its context with look-behinds afterwards: a pattern
# that begins with a character class lets the regex engine skip ahead to the next
# trigger instead of trying every position.  Characters NFKC changes are found apart,
# in runs of non-ASCII text (a character class of them all made the regex ten times
# slower).
_ALTERNATIVES = (
    # a hyphen at a line break between two letters, the next one lower case: a wrapped word
    rf"(?<=[^\W\d_][{_HYPHENS}])(?P<hy>[ \t]*\r?\n[ \t]*(?=[^\W\d_A-ZА-Я]))"
    # any run of space that is not already a single plain space
    rf"|(?<=[\s{_ZW}])(?:(?<=[^ ])|(?={_W}))(?P<ws>{_W}*)"
)
# The trigger is any space but the plain one (which is one character in six of any
# text): a run that starts with plain spaces is found at its first other space and
# extended back over them; runs of plain spaces alone are found by _SPACE_RUN.
_OTHER_SPACES = "".join(re.escape(c) for c in _SPACE_CHARS if c != " ")
_BASE_PATTERN = rf"[{_HYPHENS}{_OTHER_SPACES}](?:{_ALTERNATIVES})"
# The same, without a lone white-space character (not a plain space, not invisible, with
# no white space on either side): it becomes one space, one for one, so no edit is needed
# and str.replace does it afterwards.  A no-break space between two words is the most
# common place the rules apply; skipping them in the regex leaves the Python loop below
# the few places where lengths change.  (Used when no NFKC span is looked for: a combining
# mark after a lone space composes with it, which needs the space in the loop.)
_LONE_SPACES = "".join(c for c in _SPACE_CHARS if c != " " and c not in _ZW)
_ASCII_LONE = tuple(c for c in _LONE_SPACES if c.isascii())
_BUSY_PATTERN = _BASE_PATTERN.replace(
    rf"(?:(?<=[^ ])|(?={_W}))(?P<ws>", rf"(?:(?<=[{_ZW}])|(?={_W})|(?<= [\s{_ZW}]))(?P<ws>"
)
_SPACE_RUN = re.compile(rf"  (?<!{_W}  ) *(?!{_W})")  # a whole run of plain spaces only
# Leading and trailing space of the whole text is cut before the pattern runs.


@functools.lru_cache(maxsize=1)
def _nfkc_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """NFKC-unstable characters, combining marks, and either of them that is not space.

    White-space characters among them (no-break spaces …) never need the NFKC rule:
    the space rule always takes them first.  Built on first need, from the generated
    tables when they match this Python's Unicode version, otherwise computed.
    """
    if _unicode_tables.UNIDATA_VERSION == unicodedata.unidata_version:
        unstable = [chr(c) for a, b in _unicode_tables.NFKC_UNSTABLE for c in range(a, b + 1)]
        combining = [chr(c) for a, b in _unicode_tables.COMBINING for c in range(a, b + 1)]
    else:  # pragma: no cover - depends on the Python build
        unstable, combining = [], []
        for cp in range(0x80, sys.maxunicode + 1):
            if 0xD800 <= cp <= 0xDFFF:
                continue
            ch = chr(cp)
            if unicodedata.combining(ch):
                combining.append(ch)
            if unicodedata.normalize("NFKC", ch) != ch:
                unstable.append(ch)
    sensitive = frozenset(c for c in (*unstable, *combining) if c not in _SPACE_CHARS)
    return frozenset(unstable), frozenset(combining), sensitive


# Runs of non-ASCII characters, cut at the common ones NFKC leaves alone (curly quotes,
# dashes, guillemets, bullets, accented Latin letters …) and at spaces (the space rule
# takes those): splitting there changes no span, and skips most of English text's runs.
_STABLE_COMMON = (
    "\u2018\u2019\u201c\u201d\u2013\u2014\u00ab\u00bb\u2022\u00b7"
    "\u00a7\u00b0\u20ac\u00a3\u00a9\u00ae\u00e0-\u00ff"
)
_NON_ASCII_RUN = re.compile(rf"[^\x00-\x7f{_STABLE_COMMON}{_OTHER_SPACES}]+")


def _nfkc_spans(text: str, pos: int, end: int) -> list[tuple[int, int, str]]:
    """Spans of ``text[pos:end]`` that NFKC may change: an unstable character, or a
    run of combining marks (an unstable character first, as the rule has always been)."""
    unstable, combining, sensitive = _nfkc_sets()
    spans: list[tuple[int, int, str]] = []
    for run in _NON_ASCII_RUN.finditer(text, pos, end):
        chars = run.group()
        if sensitive.isdisjoint(chars):
            continue
        base = run.start()
        i = 0
        while i < len(chars):
            ch = chars[i]
            if ch not in sensitive:
                i += 1
            elif ch in unstable:
                spans.append((base + i, base + i + 1, "nk"))
                i += 1
            else:
                j = i + 1
                while j < len(chars) and chars[j] in combining:
                    j += 1
                spans.append((base + i, base + j, "nk"))
                i = j
    return spans


_BASE_RE = re.compile(_BASE_PATTERN)
_BUSY_RE = re.compile(_BUSY_PATTERN)


@attrs.frozen
class Normalised:
    """Normalised text with a map back to the original.

    The map is a sorted list of *edits*: places where ``original[o0:o1]`` became
    ``text[n0:n1]`` with a different length.  Everything between edits is a
    one-to-one copy (possibly with characters replaced one for one).

    Attributes:
        original: The text that was normalised.
        text: The normalised text.

    >>> n = normalise("A  B")
    >>> n.text, n.to_original(2)
    ('a b', 3)
    """

    original: str
    text: str
    _n0: array  # type: ignore[type-arg]
    _n1: array  # type: ignore[type-arg]
    _o0: array  # type: ignore[type-arg]
    _o1: array  # type: ignore[type-arg]

    def to_original(self, index: int) -> int:
        """Return the original offset where normalised character ``index`` starts.

        ``index == len(text)`` maps to the end of the original.

        >>> normalise("x\\u00ad y").to_original(2)
        3
        """
        if index >= len(self.text):
            return len(self.original) if index == len(self.text) else _raise_index(index)
        k = bisect.bisect_right(self._n0, index) - 1
        if k < 0:
            return index
        if index < self._n1[k]:
            return int(self._o0[k])
        return int(self._o1[k] + (index - self._n1[k]))

    def _char_end(self, index: int) -> int:
        """Original offset where normalised character ``index`` ends."""
        k = bisect.bisect_right(self._n0, index) - 1
        if k < 0:
            return index + 1
        if index < self._n1[k]:
            return int(self._o1[k])
        return int(self._o1[k] + (index - self._n1[k]) + 1)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span ``[start, end)`` to the original span it came from.

        >>> n = normalise("  No\\u00a0limits ")
        >>> n.text
        'no limits'
        >>> s, e = n.span_to_original(0, len(n.text))
        >>> n.original[s:e]
        'No\\xa0limits'
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span ({start}, {end}) outside normalised text of {len(self.text)}")
        if start == end:
            return (self.to_original(start),) * 2
        return self.to_original(start), self._char_end(end - 1)

    def to_normalised(self, offset: int) -> int:
        """Return the normalised index of the first character at or after original ``offset``.

        >>> n = normalise("a  b")
        >>> n.to_normalised(3)
        2
        """
        if offset >= len(self.original):
            return len(self.text)
        k = bisect.bisect_right(self._o0, offset) - 1
        if k < 0:
            return offset
        if offset < self._o1[k]:
            # inside an edit: the edit's start (or its end if it was deleted)
            return int(self._n0[k]) if offset == self._o0[k] else int(self._n1[k])
        return int(self._n1[k] + (offset - self._o1[k]))

    def span_to_normalised(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span to the smallest normalised span covering it.

        >>> n = normalise("No  limits")
        >>> n.span_to_normalised(4, 10)
        (3, 9)
        """
        s = self.to_normalised(start)
        if end <= start:
            return s, s
        # end: the normalised position just after the character holding end-1
        k = bisect.bisect_right(self._o0, end - 1) - 1
        if k >= 0 and end - 1 < self._o1[k]:
            e = int(self._n1[k])
        elif k >= 0:
            e = int(self._n1[k] + (end - 1 - self._o1[k]) + 1)
        else:
            e = end
        return s, max(s, e)


def _raise_index(index: int) -> int:
    raise IndexError(f"normalised index {index} out of range")


_TRANSLATE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TRANSLATE)) + "]")


_TRANSLATE_KEYS = frozenset(chr(c) for c in _TRANSLATE)
_ASCII_KEYS = tuple(k for k in _TRANSLATE_KEYS if k.isascii())
# deleting ASCII runs is much faster than finding non-ASCII ones (long matches, few
# of them, instead of a character class tried at every position)
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _translate(text: str, present: set[str] | None = None) -> str:
    """``text.translate(_TRANSLATE)``, by ``str.replace`` of the few characters present.

    Every mapping is one character to one character and no output is also an input,
    so replacing one character at a time gives the same result, several times faster.
    ``present`` (the non-ASCII characters that may occur in ``text``) saves a scan.
    """
    if present is None:
        present = set(_TRANSLATE_RE.findall(text))
    for ch in present & _TRANSLATE_KEYS:
        text = text.replace(ch, _TRANSLATE[ord(ch)])
    return text


def _needs_nfkc(text: str) -> bool:
    return not text.isascii() and not unicodedata.is_normalized("NFKC", text)


def normalise(text: str, *, fold_case: bool = True) -> Normalised:
    """Normalise ``text`` for matching, keeping a map back to original offsets.

    Args:
        text: Any text.
        fold_case: Lower-case the result (default).  Turn off to keep case, for
            example to tell a casing change from a wording change.

    Returns:
        A :class:`Normalised` with ``.text`` and the offset map.

    Normalisation is idempotent: ``normalise(normalise(t).text).text == normalise(t).text``.

    >>> normalise("ＣＯＯＰＥＲＡＴＩＯＮ，合作没有禁区。").text
    'cooperation,合作没有禁区.'
    >>> normalise("Ещё «нет границ»", fold_case=False).text
    'Еще "нет границ"'
    """
    return _normalise(text, fold_case, repeat=True)


#: Passes of normalisation at most: one almost always, two when NFKC brought in white
#: space or lower-casing made a character the first pass would change.
_PASSES = 4


def _normalise(text: str, fold_case: bool, *, repeat: bool) -> Normalised:
    """One pass of :func:`normalise`, and with ``repeat`` more until one changes nothing."""
    n0: array[int] = array("q")
    n1: array[int] = array("q")
    o0: array[int] = array("q")
    o1: array[int] = array("q")
    parts: list[str] = []
    # leading and trailing space vanish
    pos = len(text) - len(text.lstrip(_SPACE_CHARS))  # original position copied up to
    end = len(text.rstrip(_SPACE_CHARS)) if pos < len(text) else pos
    if pos:
        n0.append(0)
        n1.append(0)
        o0.append(0)
        o1.append(pos)
    # The space and hyphen rules never overlap the NFKC spans (those hold no space),
    # so the two scans merge into one sequence of places to rewrite.
    # the non-ASCII characters of the text: what the NFKC and translation steps look for
    present = set() if text.isascii() else set(_ASCII_RUNS.sub("", text))
    present.update(k for k in _ASCII_KEYS if k in text)  # the grave accent
    nfkc = _needs_nfkc(text) and not _nfkc_sets()[2].isdisjoint(present)
    found: list[tuple[int, int, str]] = []
    for m in (_BASE_RE if nfkc else _BUSY_RE).finditer(text, pos, end):
        ms, group = m.start(), m.lastgroup or ""
        if group == "ws":
            while ms > pos and text[ms - 1] == " ":
                ms -= 1
        found.append((ms, m.end(), group))
    if "  " in text:
        found.extend((m.start(), m.end(), "ws") for m in _SPACE_RUN.finditer(text, pos, end))
        found.sort()
    if nfkc:
        found = sorted(found + _nfkc_spans(text, pos, end))
    npos = 0  # normalised length so far
    spaced = False  # an NFKC replacement brought in white space ("¯" -> " ̄")
    for ms, me, group in found:
        if group == "nk":
            if unicodedata.combining(text[ms]) and ms > pos:
                ms -= 1  # compose combining marks with the base character before them
            rep = unicodedata.normalize("NFKC", text[ms:me])
            present.update(rep)
            spaced = spaced or (not rep.isalnum() and any(c.isspace() for c in rep))
        elif group == "ws":
            # a run of white space and invisible characters: one space if it holds any
            rep = " " if text[ms:me].strip(_ZW) else ""
        else:  # "hy" vanishes
            rep = ""
        if ms > pos:
            parts.append(text[pos:ms])
            npos += ms - pos
        if len(rep) == me - ms:
            parts.append(rep)  # one-for-one: no edit needed
            npos += len(rep)
            pos = me
            continue
        parts.append(rep)
        n0.append(npos)
        n1.append(npos + len(rep))
        o0.append(ms)
        o1.append(me)
        npos += len(rep)
        pos = me
    if pos < end:
        parts.append(text[pos:end])
        npos += end - pos
    if end < len(text):
        n0.append(npos)
        n1.append(npos)
        o0.append(end)
        o1.append(len(text))
    out = _translate("".join(parts), present)
    if not nfkc:  # the lone white-space characters _BUSY_RE left alone
        for ch in _ASCII_LONE:
            if ch in out:
                out = out.replace(ch, " ")
        for ch in present.intersection(_LONE_SPACES):
            out = out.replace(ch, " ")
    if fold_case:
        lowered = out.lower()
        if len(lowered) == len(out):
            out = lowered
        else:  # rare: a character whose lower case has another length (İ)
            out = "".join(c if len(c.lower()) != 1 else c.lower() for c in out)
    result = Normalised(text, out, n0, n1, o0, o1)
    if repeat and (spaced or (not out.isascii() and _needs_nfkc(out))):
        # rare: lower-casing produced a character the first pass would have changed, or
        # NFKC produced white space the space rules have not seen; run again, until a pass
        # changes nothing, so that normalisation stays idempotent.  Characters that NFKC
        # composes only together (circled 나 before the jamo ㄳ: 낛) stay as they are: no
        # pass of one character at a time changes them (it used to recurse without end).
        for _ in range(_PASSES):
            again = _normalise(result.text, fold_case, repeat=False)
            if again.text == result.text:
                break
            result = _compose(result, again)
    return result


def _compose(first: Normalised, second: Normalised) -> Normalised:
    """Chain two normalisations into one map (slow path, rare)."""
    starts: list[int] = []
    ends: list[int] = []
    for i in range(len(second.text)):
        a, b = second.span_to_original(i, i + 1)
        s, e = first.span_to_original(a, b)
        starts.append(s)
        ends.append(e)
    return _from_char_spans(first.original, second.text, starts, ends)


def _from_char_spans(original: str, text: str, starts: list[int], ends: list[int]) -> Normalised:
    """Build the compact edit map from one original span per normalised character."""
    n0: array[int] = array("q")
    n1: array[int] = array("q")
    o0: array[int] = array("q")
    o1: array[int] = array("q")
    prev_end = 0  # original offset reached so far
    i = 0
    while i < len(text):
        s, e = starts[i], ends[i]
        j = i + 1
        # characters from one original span, or from overlapping ones ("№" + an acute:
        # "n" from "№", "ó" from "№" and the acute), are one edit
        while j < len(text) and ((starts[j] == s and ends[j] == e) or starts[j] < e):
            s, e = min(s, starts[j]), max(e, ends[j])
            j += 1
        if s == prev_end and e - s == 1 and j - i == 1:
            prev_end = e
            i = j
            continue
        if s > prev_end:  # original characters dropped before this one
            n0.append(i)
            n1.append(i)
            o0.append(prev_end)
            o1.append(s)
        n0.append(i)
        n1.append(j)
        o0.append(s)
        o1.append(e)
        prev_end = e
        i = j
    if prev_end < len(original):
        n0.append(len(text))
        n1.append(len(text))
        o0.append(prev_end)
        o1.append(len(original))
    return Normalised(original, text, n0, n1, o0, o1)


def normalise_text(text: str, *, fold_case: bool = True) -> str:
    """Return only the normalised text (no offset map): the fast path for matching keys.

    >>> normalise_text("Partnership — without   limits")
    'partnership - without limits'
    """
    return normalise(text, fold_case=fold_case).text

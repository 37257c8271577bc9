"""The parts of HTML extraction that need no parser: element classes, layout, titles.

:mod:`._html` (the only module that imports lxml) walks the tree and finds the
article, :mod:`._html_extract` chooses its title and date; the rendered text is
laid out into paragraphs here, and the title and metadata values it reads are
cleaned here.

>>> layout("One.\\u2028\\u2028Two\\u2029 Three")
'One.\\n\\nTwo\\n\\nThree'
>>> strip_site("Talks held | Ministry", None, None)
'Talks held'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "BLOCK",
    "BREAKS",
    "CELL",
    "INVISIBLE",
    "JOIN",
    "LINE",
    "PARA",
    "first_absolute_url",
    "first_text",
    "layout",
    "squash",
    "squashed_len",
    "strip_site",
]

BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol p pre section summary table tbody tfoot thead tr ul""".split()
)
CELL = frozenset({"td", "th"})
# Never rendered as text, wherever they are.
INVISIBLE = frozenset(
    """script style noscript template head title meta link iframe object embed svg math
    canvas video audio source track map area input select textarea button option datalist
    img picture""".split()
)

PARA = "\u2029"
LINE = "\u2028"
# Between two inline elements with nothing in between: "<b>Vladimir</b><b>Putin</b>".
JOIN = "\u2063"
__JOIN_FUSED = re.compile("(?<=[a-zà-ÿа-яё])\u2063(?=[A-ZÀ-ÞА-ЯЁ])")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_DOUBLE_BREAK = re.compile(f"{LINE}(?: ?{LINE})+")
BREAKS = re.compile(f"[{PARA}{LINE}]")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|•·–—:]{1,2}|-{1,2}|::)\s+")


def first_text(values: Iterable[object]) -> str | None:
    for v in values:
        if isinstance(v, str):
            v = " ".join(v.split())
            if v:
                return v
    return None


def first_absolute_url(values: Iterable[object]) -> str | None:
    for v in values:
        if isinstance(v, str) and v.strip().lower().startswith(("http://", "https://")):
            return v.strip()
    return None


def strip_site(title: str, site_name: str | None, h1: str | None) -> str:
    if h1 and title.startswith(h1) and len(h1) >= 0.5 * len(title):
        return h1
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site_name:
        site = site_name.casefold()
        if parts[-1].casefold() == site:
            return title[: title.rfind(parts[-1])].rstrip(" |•·–—:-")
        if parts[0].casefold() == site:
            return title[len(parts[0]) :].lstrip(" |•·–—:-")
    last = parts[-1]
    if len(last.split()) <= 5 and len(last) < len(title) - len(last):
        return title[: title.rfind(last)].rstrip(" |•·–—:-")
    return title


def squash(text: str) -> str:
    """``text`` with every run of white space made one space, trimmed."""
    return " ".join(text.split())


def _squash_spaces(raw: str) -> str:
    """``_HTML_SPACE.sub(" ", raw)`` in a few passes of ``str.replace``: a regex substitution
    keeps a piece per space of the page in memory at once (issue 20: memory).

    >>> _squash_spaces("a \\t\\n b  c\\f")
    'a b c '
    """
    for ch in "\t\n\r\f":
        raw = raw.replace(ch, " ")
    while "  " in raw:
        raw = raw.replace("  ", " ")
    return raw


def layout(raw: str) -> str:
    if JOIN in raw:
        # words split over two inline elements read as two words when the case says so
        raw = __JOIN_FUSED.sub(" ", raw).replace(JOIN, "")
    raw = _squash_spaces(raw)
    if LINE in raw:  # two line breaks in a row (<br><br>) separate paragraphs
        raw = _DOUBLE_BREAK.sub(PARA, raw)
    paragraphs = []
    for para in raw.split(PARA):
        lines = [line.strip() for line in para.split(LINE)]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


_CHUNK = 1 << 20


def squashed_len(text: str) -> int:
    """``len(" ".join(text.split()))`` a megabyte at a time: a long page's text is not
    made a list of all its words (hundreds of bytes of memory per input byte, issue 20)."""
    if len(text) <= _CHUNK:
        return len(" ".join(text.split()))
    chars = words = 0
    word_open = False  # the previous chunk ended inside a word
    for i in range(0, len(text), _CHUNK):
        chunk = text[i : i + _CHUNK]
        parts = chunk.split()
        if parts:
            chars += sum(map(len, parts))
            words += len(parts) - (word_open and not chunk[0].isspace())
        word_open = not chunk[-1].isspace()
    return chars + max(0, words - 1)

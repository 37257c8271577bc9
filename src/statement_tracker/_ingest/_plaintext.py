"""Plain text laid out as paragraphs, and the title line of a plain-text readout.

Plain-text readouts come in two shapes: blank-line separated blocks of
hard-wrapped lines, or one paragraph per line with no blank lines at all (the
UN General Debate speeches).  :func:`plain_paragraphs` turns both into the
document layout (paragraphs separated by ``"\\n\\n"``, lines joined).

>>> plain_paragraphs("Talks\\n\\nBoth sides\\nagreed.")
'Talks\\n\\nBoth sides agreed.'
"""

from __future__ import annotations

import itertools
import re

__all__ = ["looks_like_title", "plain_paragraphs"]

_TITLE_END = re.compile(r"[.,;:!]$")


def looks_like_title(first: str, following: str) -> bool:
    """Whether ``first`` (the first paragraph) reads as a title.

    A short single line, not a sentence (no full stop inside or at the end), not
    continued by the next paragraph (which would start in lower case).

    >>> looks_like_title("Joint Statement", "The two sides"), looks_like_title("We met.", "Then")
    (True, False)
    """
    return (
        "\n" not in first
        and len(first) <= 150
        and _TITLE_END.search(first) is None
        and _SENTENCE_INSIDE.search(first) is None
        and not following[:1].islower()
    )


_SENTENCE_INSIDE = re.compile(r"[.!?。！？]\s")
_HYPHEN_WRAP = re.compile(r"(?:[^\W\d_]|\.)-$")  # a letter or an abbreviation dot, then "-"


def plain_paragraphs(text: str) -> str:
    """Lay plain text out as paragraphs: blank-line blocks, or one line each if there are none.

    Lines of a block are joined with a space; a word hyphenated at the end of a
    line keeps its line break (``"coopera-\\ntion"``) for the normaliser to join.

    >>> plain_paragraphs("One\\nparagraph.\\n\\nTwo coopera-\\ntion.")
    'One paragraph.\\n\\nTwo coopera-\\ntion.'
    >>> plain_paragraphs("First long line.\\nSecond long line.")
    'First long line.\\n\\nSecond long line.'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    lines = [line.strip() for line in text.split("\n")]
    inner = lines
    while inner and not inner[-1]:
        inner = inner[:-1]
    while inner and not inner[0]:
        inner = inner[1:]
    if inner and all(inner):
        return _single_block(inner)
    paragraphs = []
    block: list[str] = []
    for line in [*inner, ""]:
        if line:
            block.append(line)
        elif block:
            paragraphs.append(_join_lines(block))
            block = []
    return "\n\n".join(paragraphs)


_SENTENCE_END = re.compile(r"[.!?:;\"”»’')\]。！？」』]$")


def _single_block(lines: list[str]) -> str:
    """Text without blank lines: a line ends a paragraph where a sentence ends, unless
    the text is hard-wrapped and the line runs to the full width."""
    width = max(len(line) for line in lines)
    wrapped = len(lines) >= 3 and width <= 120 and _looks_wrapped(lines, width)
    paragraphs: list[list[str]] = [[lines[0]]]
    for prev, line in itertools.pairwise(lines):
        ends = _SENTENCE_END.search(prev) is not None and not line[:1].islower()
        if ends and not (wrapped and len(prev) >= 0.8 * width):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return "\n\n".join(_join_lines(p) for p in paragraphs)


def _looks_wrapped(lines: list[str], width: int) -> bool:
    """Lines of a hard-wrapped text end near one width (except paragraph ends)."""
    full = sum(1 for line in lines[:-1] if len(line) >= 0.6 * width)
    return full >= 0.7 * (len(lines) - 1)


def _join_lines(lines: list[str]) -> str:
    # parts joined once: "out += line" is linear only while CPython can grow the string
    # in place, and quadratic under a tracer or profiler (a 2 MB text took 5 minutes)
    parts = [lines[0]]
    tail = lines[0][-2:]  # the end of the text joined so far: all a hyphen wrap looks at
    for line in lines[1:]:
        if _HYPHEN_WRAP.search(tail):
            # "coopera-\ntion" keeps its break for the normaliser (which joins the word);
            # "U.S.-\nChina", "Jean-\nMarc" are one compound broken at its hyphen
            sep = "\n" if line[:1].islower() else ""
        else:
            sep = " "
        parts += (sep, line)
        tail = (tail + sep + line)[-2:]
    return "".join(parts)

"""Where the word tokens of a whole document start and end, computed with numpy.

The tokens are those of :func:`statement_tracker._text._fold.split_terms` (and of the patterns in
:mod:`._scan`): a run of letters and digits, with apostrophes inside a word
kept ("israel's"); one CJK character is a token of its own.  The phrase index
needs only the tokens around its candidates, but it needs their *numbers* (how
many tokens lie before a character offset), which a regular expression gives
only by tokenising the whole text in Python objects.  Here a document is one
byte array, classified with a lookup table; no token becomes a Python string.

>>> starts, ends = token_bounds("the israel's  u.s.-china, 2024")
>>> starts.tolist(), ends.tolist()
([0, 4, 14, 16, 19, 26], [3, 12, 15, 17, 24, 30])
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from .._text import is_cjk

__all__ = ["apostrophe_digit", "encode", "foreign_tokens", "spaced_bytes", "token_bounds"]

# In ASCII text a token is ``[a-zA-Z0-9]+(?:'[a-zA-Z]+)*``: letters after an
# apostrophe may not be followed by a digit in the same run ("it's5" is two tokens),
# which a per-character table cannot express; such texts are left to the regex.
_APOSTROPHE_DIGIT = re.compile(r"'[a-zA-Z]+[0-9]")

_ALNUM = np.zeros(256, dtype=bool)
_ALPHA = np.zeros(256, dtype=bool)
for _c in range(256):
    if chr(_c).isascii() and chr(_c).isalnum():
        _ALNUM[_c] = True
        _ALPHA[_c] = chr(_c).isalpha()
_QUOTE = ord("'")
_SPACE = ord(" ")
# ASCII letters and digits stay, every other byte becomes a space.
_WORDS_ONLY = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))
_UNKNOWN = ord("?")

Bounds = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]


def apostrophe_digit(text: str) -> bool:
    """Whether ASCII ``text`` has letters after an apostrophe followed by a digit ("it's5").

    There a token starts right after a letter, which the prefix scan of
    :mod:`._scan` (at word starts) and :func:`token_bounds` cannot tell.

    >>> apostrophe_digit("it's 5"), apostrophe_digit("it's5")
    (False, True)
    """
    return _APOSTROPHE_DIGIT.search(text) is not None


def encode(text: str) -> bytes:
    """One byte per character: ASCII as it is, every other character ``?``.

    >>> encode("résumé")
    b'r?sum?'
    """
    return text.encode("ascii", errors="replace")


def spaced_bytes(encoded: bytes) -> bytes:
    """:func:`encode`'d text with every byte but ASCII letters and digits made a space, and a
    space before and after it (what the prefix scan reads, and the padded word mask of
    :func:`token_bounds`: byte ``i + 1`` is character ``i``).

    >>> spaced_bytes(encode("u.s.-china, résumé"))
    b' u s  china  r sum  '
    """
    return b" " + encoded.translate(_WORDS_ONLY) + b" "


def token_bounds(
    text: str,
    *,
    checked: bool = False,
    encoded: bytes | None = None,
    spaced: bytes | None = None,
) -> Bounds | None:
    """The start and end offsets of every token of ``text``, or ``None`` when unsure.

    ``None`` is returned for text with CJK characters, and for ASCII text
    with an apostrophe followed by letters and then a digit (unless ``checked``:
    the caller has ruled that out with :func:`apostrophe_digit`); the caller then
    tokenises with the regular expression.  ``encoded`` is :func:`encode` of the
    text and ``spaced`` :func:`spaced_bytes` of that, when the caller has them already.

    >>> token_bounds("中文") is None
    True
    >>> [b.tolist() for b in token_bounds("résumé, ok")]
    [[0, 8], [6, 10]]
    """
    ascii_text = text.isascii()
    if not checked and ascii_text and "'" in text and _APOSTROPHE_DIGIT.search(text):
        return None
    if encoded is None:
        encoded = encode(text)
    # padded with a non-word character on each side: word[i + 1] is character i
    word = np.frombuffer(spaced_bytes(encoded) if spaced is None else spaced, dtype=np.uint8)
    word = word != _SPACE
    raw = np.frombuffer(encoded, dtype=np.uint8)
    if not ascii_text:
        for p in np.flatnonzero(raw == _UNKNOWN).tolist():  # few: accents, symbols
            c = text[p]
            if c.isalnum():
                if is_cjk(c):
                    return None
                word[p + 1] = True
    size = raw.size
    if "'" in text:
        # an apostrophe between a word character and a letter (ASCII) or a word
        # character (any) is inside the token
        q = np.flatnonzero(raw == _QUOTE)
        q = q[(q > 0) & (q < size - 1)]
        if ascii_text:
            q = q[word[q] & _ALPHA.take(raw[q + 1])]
        else:
            q = q[word[q] & word[q + 2]]
        word[q + 1] = True
    edges = np.flatnonzero(word[1:] != word[:-1])  # starts and ends, alternating
    return edges[0::2], edges[1::2]


def foreign_tokens(text: str, bounds: Bounds, encoded: bytes | None = None) -> set[str]:
    """The distinct tokens of ``text`` with a character beyond ASCII.

    >>> text = "lópez and lópez met müller"
    >>> sorted(foreign_tokens(text, token_bounds(text)))
    ['lópez', 'müller']
    """
    if text.isascii():
        return set()
    starts, ends = bounds
    raw = np.frombuffer(encode(text) if encoded is None else encoded, dtype=np.uint8)
    where = np.array(
        [p for p in np.flatnonzero(raw == _UNKNOWN).tolist() if text[p] != "?"], dtype=np.int64
    )
    t = np.searchsorted(ends, where, side="right")  # the first token ending after it
    keep = t < len(starts)
    t, where = t[keep], where[keep]
    t = np.unique(t[starts[t] <= where])  # and starting before it: the token holds it
    return {text[a:b] for a, b in zip(starts[t].tolist(), ends[t].tolist(), strict=True)}

"""Word tokens of normalised text, with spans back to the original.

Sourcing and discovery compare texts word by word: punctuation, quotation marks
and case never count, an inserted word costs one.  A token is a run of letters
and digits of the normalised text, or one CJK character (Chinese has no spaces,
so each character is a word for matching purposes).

>>> t = tokenize("“No  limits”, [and] no ‘forbidden’ areas")
>>> t.tokens
('no', 'limits', 'and', 'no', 'forbidden', 'areas')
>>> s, e = t.span_to_original(3, 6)
>>> t.norm.original[s:e]
'no ‘forbidden’ areas'
"""

from __future__ import annotations

import re
from array import array

import attrs

from ._normalise import Normalised, normalise

__all__ = ["CJK", "TokenizedText", "tokenize", "word_tokens"]

#: The CJK code-point ranges (for a regular expression character class); one such
#: character is a word token of its own.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = CJK  # the name ._fold imports (its source is fingerprinted by index_rules)
_WORD_RE = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")


def word_tokens(norm_text: str) -> list[str]:
    """Return the word tokens of already normalised text (the fast path, no spans).

    >>> word_tokens("u.s.-china talks, 2024")
    ['u', 's', 'china', 'talks', '2024']
    >>> word_tokens("中美关系")
    ['中', '美', '关', '系']
    """
    return _WORD_RE.findall(norm_text)


@attrs.frozen
class TokenizedText:
    """The normalised tokens of a text and where each one lies.

    Attributes:
        norm: The :class:`~statement_tracker.Normalised` text (with its offset map).
        tokens: The word tokens of ``norm.text``.
        starts: Start of each token in ``norm.text``.
        ends: End of each token in ``norm.text``.

    >>> tokenize("A b").tokens
    ('a', 'b')
    """

    norm: Normalised
    tokens: tuple[str, ...]
    starts: array  # type: ignore[type-arg]
    ends: array  # type: ignore[type-arg]

    def span_to_original(self, first: int, stop: int) -> tuple[int, int]:
        """Original span covering tokens ``first`` to ``stop - 1``.

        >>> t = tokenize("x  Yy z")
        >>> t.span_to_original(1, 3)
        (3, 7)
        """
        if not 0 <= first < stop <= len(self.tokens):
            raise IndexError(f"token span ({first}, {stop}) outside {len(self.tokens)} tokens")
        return self.norm.span_to_original(self.starts[first], self.ends[stop - 1])


def tokenize(text: str, *, fold_case: bool = True) -> TokenizedText:
    """Normalise ``text`` and split it into word tokens with their spans.

    >>> tokenize("[T]he  Partner­ship").tokens
    ('t', 'he', 'partnership')
    """
    norm = normalise(text, fold_case=fold_case)
    starts: array[int] = array("l")
    ends: array[int] = array("l")
    toks: list[str] = []
    for m in _WORD_RE.finditer(norm.text):
        toks.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    return TokenizedText(norm, tuple(toks), starts, ends)

"""Shortened formulas: a formula's last word left out where the sentence breaks off.

Readouts shorten a formula by its last word when the rest says it: "managing
competition with the PRC" for "manage competition responsibly", "ратное дело героев
Великой Отечественной" for "Великая Отечественная война".  The default rule (close
and loose levels) accepts such a window when

* the formula has three content words or more, four words at most, ends on two
  content words, and is neither a name (every content word capitalised: "Eurasian
  Economic Union") nor written in CJK words (全面战略协作 is not 全面战略协作伙伴关系):
  :func:`may_shorten`;
* the text breaks off after it: punctuation, its end, or a function word next, so
  that a replaced last word ("Eurasian Economic *Commission*", "comprehensive
  strategic *cooperation*") is not taken for a dropped one: :func:`at_break`;
* no other phrase of the watchlist starts with the shortened words ("one China"
  shortens both "one China policy" and "one China principle"): :func:`ambiguous_tails`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from .._text import STOPWORDS, split_terms, term_key

if TYPE_CHECKING:
    from ._forms import Form, Hit

__all__ = ["ambiguous_tails", "at_break", "is_name", "may_shorten", "whole_or_at_break"]


def is_name(text: str) -> bool:
    """Every content word capitalised as written: a proper name.

    >>> is_name("Eurasian Economic Union"), is_name("Великая Отечественная война")
    (True, False)
    """
    words = [w for w in split_terms(text)[1::2] if term_key(w.lower()) not in STOPWORDS]
    return bool(words) and all(w[:1].isupper() for w in words)


def may_shorten(text: str, keys: Sequence[str], words: int) -> bool:
    """Whether a formula (``text`` as written, its term ``keys``, its ``words`` count)
    may lose its last word.

    >>> may_shorten("manage competition responsibly", ("manag", "competit", "respons"), 3)
    True
    >>> may_shorten("new era", ("new", "era"), 2)
    False
    """
    content = sum(1 for x in keys if x not in STOPWORDS)
    return (
        content >= 3
        and words <= 4
        and keys[-1] not in STOPWORDS
        and keys[-2] not in STOPWORDS
        and keys.count(keys[-1]) == 1
        and not is_name(text)
    )


def at_break(text: str, end: int) -> bool:
    """Whether normalised ``text`` breaks off at ``end``: its end, punctuation, or a
    function word (a stop word) next.

    >>> at_break("managing competition with china", 20), at_break("a b, c", 3)
    (True, True)
    >>> at_break("comprehensive strategic cooperation", 23)
    False
    """
    parts = split_terms(text[end : end + 40])
    if len(parts) < 2 or parts[0].strip():
        return True
    return term_key(parts[1]) in STOPWORDS


def whole_or_at_break(keys: Sequence[str], hit: Hit, text: str) -> bool:
    """Whether ``hit`` keeps the formula's last key (of ``keys``), or ``text`` breaks off after it.

    >>> from ._forms import Hit
    >>> keys = ("manag", "competit", "respons")
    >>> whole_or_at_break(keys, Hit(0, 0, 20, 1, 66.7), "managing competition with")
    True
    >>> whole_or_at_break(keys, Hit(0, 0, 20, 1, 66.7), "managing competition rules")
    False
    """
    window = {term_key(t) for t in split_terms(text[hit.start : hit.end])[1::2]}
    return keys[-1] in window or at_break(text, hit.end)


def ambiguous_tails(forms: list[Form]) -> list[Form]:
    """``forms``, those whose shortened wording starts a form of another phrase made whole.

    >>> from statement_tracker import Watchlist
    >>> from ._forms import compile_forms
    >>> [f.tail for f in compile_forms(Watchlist(["one China policy", "one China principle"]))]
    [False, False]
    >>> [f.tail for f in compile_forms(Watchlist(["one China policy"]))]
    [True]
    """
    starts: dict[tuple[str, ...], set[int]] = {}
    for f in forms:
        for i in range(2, len(f.keys) + 1):
            starts.setdefault(f.keys[:i], set()).add(f.phrase)
    out = []
    for f in forms:
        if f.tail and starts.get(f.keys[:-1], set()) - {f.phrase}:
            slack = 1 if f.content_words >= 4 else 0
            f = attrs.evolve(
                f, tail=False, content_slack=slack, anchor_keys=f.anchor_keys[: slack + 1]
            )
        out.append(f)
    return out

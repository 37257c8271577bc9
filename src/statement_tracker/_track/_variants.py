"""Close variants of a formula's wording: the structural part of the default rule.

A window of term keys is a *close variant* of a formula when it keeps the formula's
content words (all of them, or all but one in formulas of four content words or
more), starts and ends on formula words, and differs only in ways that official
texts reword a formula without changing what it says: words inserted, a
conjunction dropped for a comma, the items of a coordination swapped, a two-word
compound turned round a linking word, the content words of a longer formula
reordered.  :func:`variant` decides and names the kind; it holds no list of
synonyms (a synonym is given as an alias of the phrase).

Two more shapes are not decided here, because the window alone cannot tell:
:func:`evidence_shape` names a window with one content word of the formula replaced
(``substituted``) or left out (``shortened``), and :mod:`._evidence` accepts it or
not on the evidence of the documents tracked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .._text import NEGATIONS, STOPWORDS, is_cjk, normalise_text, split_terms, term_key

__all__ = ["CONJUNCTIONS", "evidence_shape", "is_name", "may_vary", "take", "variant"]

#: Coordinating conjunctions: the items on either side of one may swap, and it may
#: give way to a comma in a list ("candid, constructive").
CONJUNCTIONS: frozenset[str] = frozenset({"and", "or", "и", "или", "和", "与", "及"})

#: Words that join a compound's head to its complement when the two change places
#: ("counternarcotics cooperation" / "cooperation on counternarcotics"); not "of", which
#: turns a modifier round as well ("human rights" / "the rights of human beings").
_LINKS: frozenset[str] = frozenset({"on", "in", "for", "against"})
_ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})


def variant(
    keys: Sequence[str],
    window: Sequence[str],
    *,
    key_set: frozenset[str],
    content_words: int,
    words: int,
    max_edits: int,
    max_lost: int,
    cjk: bool = False,
    loose: bool = False,
) -> tuple[int, str] | None:
    """A close variant of the formula's wording: ``(edits, kind)`` or ``None``.

    Accepted (every content word kept; the window starts and ends on formula words;
    at most ``max_edits`` words added):

    * ``inserted``: words added inside ("lines of open communication");
    * ``dropped``: a conjunction or one other stop word left out ("candid,
      constructive"; "friendship, cooperation and mutual understanding");
    * ``swapped``: the items on either side of a conjunction exchanged
      ("regional and international issues");
    * ``inverted``: a two-word compound turned round a linking word
      ("cooperation on counternarcotics");
    * ``reordered``: the content words of a formula of three or more in another
      order, at most one word added ("responsibly manage the competition").

    Kinds combine ("swapped+inserted").  Each change costs one edit, a reordering one.

    ``keys`` are the formula's term keys (``key_set`` their set, ``content_words``
    how many are not stop words, ``words`` its word count as written), ``window``
    the candidate's keys; ``max_edits`` is the most words that may be added and
    ``max_lost`` the most formula words that may be missing.  A ``cjk`` formula
    (written in Chinese words) adds function words only.  At the ``loose`` level a
    formula of four content words or more may drop one of them.

    >>> keys = ("international", "and", "region", "issu")
    >>> rule = {"key_set": frozenset(keys), "content_words": 3, "words": 4, "max_edits": 2,
    ...         "max_lost": 1}
    >>> variant(keys, ("region", "and", "international", "issu"), **rule)
    (1, 'swapped')
    >>> variant(keys, ("international", "issu"), **rule) is None
    True
    """
    if content_words < 2:
        return None
    if window[0] not in key_set or window[-1] not in key_set:
        return None
    missing = Counter(keys)
    missing.subtract(window)
    extra = Counter(window)
    extra.subtract(keys)
    lost = [x for x, c in missing.items() for _ in range(c) if c > 0]
    added = [x for x, c in extra.items() for _ in range(c) if c > 0]
    lost_content = [x for x in lost if x not in STOPWORDS]
    lost_stop = [x for x in lost if x in STOPWORDS]
    if len(lost_content) > (1 if loose and content_words >= 4 else 0) or len(lost_stop) > 1:
        return None
    if len(lost) > max_lost:
        return None
    if cjk and (lost_content or any(x not in STOPWORDS for x in added)):
        return None
    if lost_content and any(x not in STOPWORDS for x in added):
        return None  # a content word replaced, not dropped: another formula (see verify)
    if len(added) > max_edits:
        return None
    if words <= 3 and len(added) > 1 and not _list_growth(keys, window):
        return None
    # the shared words, in the formula's order and in the window's
    left, right = Counter(lost), Counter(added)
    fc = [x for x in keys if not take(left, x)]
    wc = [x for x in window if not take(right, x)]
    kinds: list[str] = []
    if fc != wc:
        if _swapped(fc, wc):
            kinds.append("swapped")
        elif len(keys) == 2 and wc == fc[::-1] and window[1] in _LINKS:
            kinds.append("inverted")
            added = [x for x in added if x not in _LINKS and x not in _ARTICLES]
        elif content_words >= 3 and not lost and len(added) <= 1:
            kinds.append("reordered")
        else:
            return None
    if added:
        kinds.append("inserted")
    if lost:
        kinds.append("dropped")
    if not kinds:
        return None
    edits = len(added) + len(lost) + (1 if fc != wc else 0)
    return edits, "+".join(kinds)


#: Prefixes that negate a word: a replacement that adds one is an opposite.
_NEGATING = ("un", "non", "anti", "не", "без")


def take(counter: Counter[str], key: str) -> bool:
    """Take one ``key`` out of ``counter`` if it has one."""
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


def _swapped(fc: Sequence[str], wc: Sequence[str]) -> bool:
    """Whether ``wc`` is ``fc`` with the two items around one conjunction exchanged."""
    for i in range(1, len(fc) - 1):
        if fc[i] in CONJUNCTIONS:
            swapped = [*fc[: i - 1], fc[i + 1], fc[i], fc[i - 1], *fc[i + 2 :]]
            if swapped == list(wc):
                return True
    return False


def _list_growth(keys: Sequence[str], window: Sequence[str]) -> bool:
    """Whether the words added to a short formula are items of a list before its conjunction.

    "friendship, good-neighbourliness and cooperation" for "friendship and cooperation".
    """
    for i in range(1, len(keys) - 1):
        if keys[i] in CONJUNCTIONS:
            a, conj, b = keys[i - 1], keys[i], keys[i + 1]
            if window[0] == a and window[-1] == b and window[-2] == conj:
                return all(x not in CONJUNCTIONS for x in window[1:-2])
    return False


def is_name(text: str) -> bool:
    """Whether every content word is capitalised as written: a proper name.

    A name with a word replaced or left out names something else ("Eurasian Economic
    Commission", "Economic Union"), so names vary on no evidence.

    >>> is_name("Eurasian Economic Union"), is_name("Великая Отечественная война")
    (True, False)
    """
    words = [w for w in split_terms(text)[1::2] if term_key(w) not in STOPWORDS]
    return bool(words) and all(w[:1].isupper() for w in words)


def evidence_shape(keys: Sequence[str], window: Sequence[str]) -> tuple[str, int] | None:
    """``("substituted", i)`` or ``("shortened", i)``: content word ``i`` replaced or left out.

    ``substituted``: the window has the formula's length and differs in one content
    word, replaced by another content word (not a negation); ``shortened``: the
    window is the formula without one content word, at least two remaining.
    Anything else is ``None``.

    >>> keys = ("region", "and", "global", "issu")
    >>> evidence_shape(keys, ("region", "and", "global", "challeng"))
    ('substituted', 3)
    >>> evidence_shape(keys, ("region", "and", "issu")), evidence_shape(keys, ("region", "and"))
    (('shortened', 2), None)
    """
    n, m = len(keys), len(window)
    if m == n:
        diff = [i for i in range(n) if keys[i] != window[i]]
        if len(diff) != 1:
            return None
        i = diff[0]
        new = window[i]
        if keys[i] in STOPWORDS or new in STOPWORDS or new in NEGATIONS or not new.isalpha():
            return None
        if new.startswith(_NEGATING) and not keys[i].startswith(_NEGATING):
            return None  # "uneven playing field" is not a "level playing field"
        return "substituted", i
    if m != n - 1:
        return None
    i = next((j for j in range(m) if keys[j] != window[j]), m)
    if keys[i] in STOPWORDS or tuple(keys[:i]) + tuple(keys[i + 1 :]) != tuple(window):
        return None
    if sum(1 for x in window if x not in STOPWORDS) < 2:
        return None
    return "shortened", i


def may_vary(text: str, level: str, family: str | None) -> bool:
    """Whether a phrase may have a word replaced or left out on corpus evidence.

    Only at the ``loose`` level (at ``close`` such windows were more often another
    formula than the same one: "defense industry" for "defense industrial base",
    "global health" for "global health security"); not a phrase of a ``family``, not a name, not one
    written in CJK words; three distinct content words at least (in a shorter
    formula, a word replaced or left out leaves too little of it: "clean energy"
    is not "clean energy transition", "human rights" not "human rights abuses").

    >>> may_vary("regional and global issues", "loose", None)
    True
    >>> may_vary("regional and global issues", "close", None)
    False
    >>> may_vary("lines of communication", "loose", None)
    False
    >>> [may_vary(t, "loose", None) for t in ("new era", "Eurasian Economic Union", "新时代")]
    [False, False, False]
    """
    tokens = split_terms(normalise_text(text))[1::2]
    content = {term_key(t) for t in tokens} - STOPWORDS
    return (
        level == "loose"
        and family is None
        and len(tokens) >= 3
        and len(content) >= 3
        and not is_name(text)
        and not any(is_cjk(t) for t in tokens)
    )

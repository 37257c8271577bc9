"""Close variants of a formula's wording: the structural part of the default rule.

A window of term keys is a *close variant* of a formula when it keeps the formula's
content words (all of them, or all but one in formulas of four content words or
more), starts and ends on formula words, and differs only in ways that official
texts reword a formula without changing what it says: words inserted, a
conjunction dropped for a comma, the items of a coordination swapped, a two-word
compound turned round a linking word, the content words of a longer formula
reordered.  :func:`variant` decides and names the kind; it holds no list of
synonyms (a synonym is given as an alias of the phrase).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .._text import STOPWORDS

__all__ = ["CONJUNCTIONS", "take", "variant"]

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

"""Chinese formulas whose head word may be left out: 伙伴关系 "partnership" / 伙伴 "partner".

Chinese derives "partnership" from "partner" with a head noun: 伙伴关系 is
伙伴 "partner" + 关系 "relation".  Where English writes "the two countries are
comprehensive strategic partners", Chinese writes 互为全面战略协作伙伴 without
关系, and analysts read it as the formula (the labels of ``fixtures/labels/eval/zh.md``
count it as the formula itself).  The English stemmer already ignores
"partner"/"partners"; this is the same derivation for Chinese.  The table holds
heads only, never synonyms: a dropped head leaves the words of the formula
that name its tier (全面, 战略, 协作 …) as they are, so one tier still never
matches another.

>>> head_dropped(("全面", "战略", "协作", "伙伴关系"))
[('全面', '战略', '协作', '伙伴')]
>>> head_dropped(("战略伙伴", "关系"))
[('战略伙伴',)]
>>> head_dropped(("中美", "关系")), head_dropped(("new", "era"))
([], [])
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["HEADS", "head_dropped"]

#: ``(ending, left when the head is dropped)``: a formula whose text ends in
#: ``ending`` is also matched ending in the second string.
HEADS: tuple[tuple[str, str], ...] = (("伙伴关系", "伙伴"),)


def head_dropped(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    """The token sequences of ``tokens`` (a CJK formula cut into words) without its head.

    See the module docstring for examples.  A formula of fewer than four
    characters keeps its head: what would be left is too short to stand for it.
    """
    text = "".join(tokens)
    out: list[tuple[str, ...]] = []
    for ending, kept in HEADS:
        if not text.endswith(ending) or len(text) - len(ending) + len(kept) < 4:
            continue
        cut = len(ending) - len(kept)  # characters to take off the end
        rest = list(tokens)
        while cut > 0 and rest:
            last = rest.pop()
            if len(last) > cut:
                rest.append(last[:-cut])
            cut -= len(last)
        out.append(tuple(rest))
    return out

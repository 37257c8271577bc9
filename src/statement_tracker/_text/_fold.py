"""Term keys: the form in which two word tokens count as the same word.

Tracking compares *keys*, not tokens.  :func:`term_key` folds a normalised word
token (see :func:`statement_tracker._tokens.word_tokens`) so that

* British and American spelling agree (``organisation``/``organization``,
  ``neighbour``/``neighbor``, ``centre``/``center``, ``defence``/``defense``);
* inflection is ignored (``partner``/``partners``, ``interactions``/``interaction``,
  ``границы``/``границ``), with a light suffix stripper, not a full stemmer;
* Chinese characters are their own keys (each one is a token);
* acronyms and short words (three letters or fewer) stay as they are.

>>> [term_key(t) for t in ("organisations", "organization", "neighbours", "centre", "partners")]
['organization', 'organization', 'neighbor', 'center', 'partner']
>>> term_key("границы") == term_key("границ")
True

:func:`split_terms` is the fast tokeniser the tracker runs over whole corpora:
one ``re.split`` call, the tokens at odd indices, the gaps between them at even
ones, so token offsets come from cumulative lengths without a Python loop.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from ._tokens import _CJK

__all__ = [
    "NEGATIONS",
    "STOPWORDS",
    "compound_variants",
    "is_cjk",
    "negation_signature",
    "split_terms",
    "stem_prefix",
    "term_key",
    "word_weight",
]

# Tokens as in ``_tokens._WORD_RE`` (a CJK character, or a run of other letters and
# digits), except that an apostrophe inside a word keeps it whole: "other's", "don't".
_SPLIT_ASCII = re.compile(r"([a-zA-Z0-9]+(?:'[a-zA-Z]+)*)")
_SPLIT_ANY = re.compile(rf"([{_CJK}]|[^\W_{_CJK}]+(?:'[^\W_{_CJK}]+)*)")
_CJK_CHAR = re.compile(rf"[{_CJK}]")

#: Keys that negate: a match must keep every one of them (and add none).
NEGATIONS: frozenset[str] = frozenset(
    {
        "no", "not", "never", "without", "none", "nor", "neither", "non", "cannot",
        "don't", "doesn't", "didn't", "won't", "can't", "isn't", "aren't", "wasn't",
        "weren't", "shouldn't", "wouldn't", "couldn't", "haven't", "hasn't", "mustn't",
        "нет", "не", "ни", "без", "никогда",
        "不", "没", "無", "无", "非", "未", "别", "勿", "否",
    }
)  # fmt: skip

#: Function words: losing one of these does not change what a formula says.
STOPWORDS: frozenset[str] = frozenset(
    """a an the and or of in on at to for from by with as into onto over under about
    across between among through within during per via than that this these those
    is are was were be been being has have had will would shall should may might
    can could do does did it its their his her our your my we they he she i you
    which who whom whose what also both all any each other such very more most
    only just so then there here s u up out
    и в во на с со к ко по о об от для из за у а но же что как это также его ее их
    的 了 和 与 在 是 及 以 之 为 对 将 也 并 等""".split()
)

_EXCEPTIONS: dict[str, str] = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "program",
    "grey": "gray",
}

#: Words the suffix stripper leaves alone.
_PROTECTED: frozenset[str] = frozenset({"news", "always", "series", "species", "means"})

_ISE = re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$")
_YSE = re.compile(r"^(\w{2,})ys(e|es|ed|ing)$")
_OUR = re.compile(r"^(\w{3,})our(s|ed|ing|able|ably|ite|ites|hood|hoods|er|ers|ly|less|ful)?$")
_TRE = re.compile(r"^(\w{2,})([tb])re(s|d)?$")
_OGUE = re.compile(r"^(\w{3,})ogue(s)?$")
_VOWELS = frozenset("aeiouy")

_RU_ENDINGS: tuple[str, ...] = tuple(
    sorted(
        """иями ями ами ого его ому ему ыми ими ая яя ое ее ые ие ый ий ой ей ам ям ах ях
        ом ем ов ев ую юю ия ью ает яет ют ут ет ит ат ят ть а я о е ы и у ю й ь""".split(),
        key=len,
        reverse=True,
    )
)


def negation_signature(keys: Iterable[str]) -> tuple[str, ...]:
    """The negations among ``keys``, sorted; a word glued to "non" counts as "non".

    Two key sequences that say the same thing have the same signature.

    >>> negation_signature(["noninterference", "in", "internal", "affairs"])
    ('non',)
    >>> negation_signature(["no", "limit", "not"])
    ('no', 'not')
    """
    return tuple(
        sorted(
            k if k in NEGATIONS else "non"
            for k in keys
            if k in NEGATIONS or (k.startswith("non") and len(k) >= 7 and k.isalpha())
        )
    )


def is_cjk(token: str) -> bool:
    """Whether ``token`` is a CJK character (a one-character token).

    >>> is_cjk("合"), is_cjk("he")
    (True, False)
    """
    return bool(_CJK_CHAR.match(token))


def split_terms(norm_text: str) -> list[str]:
    """Split normalised text into ``[gap, token, gap, token, ..., gap]``.

    Tokens are at odd indices (``parts[1::2]``); joining the parts gives the
    text back.

    >>> split_terms("u.s.-china's, 中美")
    ['', 'u', '.', 's', '.-', "china's", ', ', '中', '', '美', '']
    """
    pattern = _SPLIT_ASCII if norm_text.isascii() else _SPLIT_ANY
    return pattern.split(norm_text)


@functools.lru_cache(maxsize=1 << 18)
def term_key(token: str) -> str:
    """Fold a normalised word token to its matching key.

    >>> term_key("interactions"), term_key("behaviour"), term_key("defence"), term_key("SCO")
    ('interaction', 'behavior', 'defens', 'sco')
    >>> term_key("合"), term_key("Ещё")
    ('合', 'еще')
    """
    t = token.lower()
    if "'" in t:
        if not t.endswith("'s"):
            return t  # "don't", "d'ivoire": kept whole
        t = t[:-2]
    if len(t) <= 3 and t.isascii():
        return t
    if t in _PROTECTED:
        return t
    t = _EXCEPTIONS.get(t, t)
    if not t.isascii() and t.isalpha():
        plain = _strip_accents(t)
        if plain.isascii():
            t = plain  # "communiqués", "résumé": Latin letters with diacritics
    if t.isascii():
        return _english(t)
    if "а" <= t[0] <= "я" or t[0] in "ёе":
        return _russian(t.replace("ё", "е"))
    return t


def _strip_accents(t: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))


def _english(t: str) -> str:
    if not t.isalpha():
        return t
    t = _ISE.sub(r"\1iz\2", t)
    t = _YSE.sub(r"\1yz\2", t)
    t = _OUR.sub(r"\1or\2", t)
    t = _TRE.sub(r"\1\2er\3", t)
    t = _OGUE.sub(r"\1og", t)
    if t.endswith("ies") and len(t) > 4:
        t = t[:-3] + "y"
    elif t.endswith("ied") and len(t) > 4:
        t = t[:-3] + "y"
    elif t.endswith("sses"):
        t = t[:-2]
    elif t.endswith("s") and not t.endswith(("ss", "us", "is")):
        t = t[:-1]
    else:
        for suffix in ("ing", "ed"):
            stem = t[: -len(suffix)]
            if t.endswith(suffix) and len(stem) >= 3 and _VOWELS.intersection(stem):
                t = stem
                break
    if len(t) > 4 and t.endswith("e"):
        t = t[:-1]
    if len(t) >= 4 and t[-1] == t[-2] and t[-1] not in _VOWELS and t[-1] != "s":
        t = t[:-1]
    return t


def _russian(t: str) -> str:
    for ending in _RU_ENDINGS:
        if t.endswith(ending) and len(t) - len(ending) >= 3:
            return t[: -len(ending)]
    return t


def word_weight(tokens: list[str] | tuple[str, ...]) -> int:
    """Count words the way the short-phrase rule does: two CJK characters make a word.

    >>> word_weight(["合", "作", "没", "有", "禁", "区"]), word_weight(["new", "era"])
    (3, 2)
    """
    cjk = sum(1 for t in tokens if is_cjk(t))
    return (len(tokens) - cjk) + (cjk + 1) // 2


#: Prefixes written with or without a hyphen ("co-operation", "multipolar").
_PREFIXES: tuple[str, ...] = (
    "co", "multi", "inter", "non", "anti", "counter", "cross", "geo", "socio", "trans",
    "pan", "semi", "self", "post", "pre",
)  # fmt: skip


#: Prefixes whose hyphenated spelling is looked for when a form writes them solid
#: ("co" only before a vowel: "co-operation", not "co-untry").
_SPLIT_PREFIXES: tuple[str, ...] = (
    "co", "multi", "non", "anti", "counter", "cross", "geo", "socio", "semi", "self",
)  # fmt: skip


def compound_variants(tokens: Sequence[str], *, limit: int = 4) -> list[tuple[str, ...]]:
    """Other token sequences for the same words with a prefix hyphen added or dropped.

    "cooperation" is also looked for as "co-operation" (two tokens) and
    "co-operation" as "cooperation".

    >>> compound_variants(["win", "win", "cooperation"])
    [('win', 'win', 'co', 'operation')]
    >>> compound_variants(["multi", "polar", "world"])
    [('multipolar', 'world')]
    """
    out: list[tuple[str, ...]] = []
    base = tuple(tokens)
    for i, t in enumerate(base):
        if t in _PREFIXES and i + 1 < len(base) and base[i + 1].isalpha():
            out.append((*base[:i], t + base[i + 1], *base[i + 2 :]))
            continue
        for p in _SPLIT_PREFIXES:
            rest = t[len(p) :]
            ok = t.startswith(p) and len(rest) >= 4 and t.isalpha()
            if ok and (p != "co" or rest[0] in "aeio"):
                out.append((*base[:i], p, rest, *base[i + 1 :]))
                break
    return out[:limit]


def _exception_prefixes() -> dict[str, int]:
    out: dict[str, int] = {}
    for src in _EXCEPTIONS:
        key = term_key(src)
        n = 0
        while n < min(len(src), len(key)) and src[n] == key[n]:
            n += 1
        out[key] = min(out.get(key, n), n)
    return out


_EXC_PREFIX: dict[str, int] = {}
_CUTS: tuple[tuple[str, int, int, int], ...] = (
    # (pattern in the key, lowest index, longest remainder after it, chars kept of it)
    ("iz", 3, 6, 1),  # -ise -> -ize: "organis|ation" / "organiz|ation"
    ("yz", 2, 3, 1),  # -yse -> -yze
    ("or", 3, 5, 1),  # -our -> -or: "neighbo|ur" / "neighbo|r"
    ("ter", 2, 1, 1),  # -tre -> -ter: "cent|re" / "cent|er"
    ("ber", 2, 1, 1),  # -bre -> -ber
)


def stem_prefix(key: str) -> str:
    """A prefix that every token folding to ``key`` starts with (for exact pre-scans).

    >>> [stem_prefix(k) for k in ("neighbor", "organization", "policy", "center", "sco", "границ")]
    ['neighbo', 'organi', 'polic', 'cent', 'sco', 'границ']
    """
    if not key.isascii() or not key.isalpha():
        return key  # CJK, Cyrillic (the key is a prefix of the token), digits, "don't"
    if len(key) <= 2:
        return key  # only the word itself folds to a key this short
    if not _EXC_PREFIX:
        _EXC_PREFIX.update(_exception_prefixes())
    cut = len(key) - 1 if key.endswith("y") else len(key)  # policies -> policy
    for pattern, lowest, rest, keep in _CUTS:
        i = key.find(pattern, lowest)
        while i >= 0:
            if len(key) - i - len(pattern) <= rest:
                cut = min(cut, i + keep)
                break
            i = key.find(pattern, i + 1)
    cut = min(cut, _EXC_PREFIX.get(key, cut))
    return key[: max(cut, 1)]

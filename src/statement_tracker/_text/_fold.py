"""Term keys: the form in which two word tokens count as the same word.

Tracking compares *keys*, not tokens.  :func:`term_key` folds a normalised word
token (see :func:`statement_tracker._text._tokens.word_tokens`) so that

* British and American spelling agree (``organisation``/``organization``,
  ``neighbour``/``neighbor``, ``centre``/``center``, ``defence``/``defense``);
* inflection and derivation are ignored (``partner``/``partners``,
  ``unprecedented``/``unprecedentedly``, ``специальная``/``специальной``/``специальную``)
  by the Snowball stemmer of the token's script (PyStemmer: English for Latin
  letters, Russian for Cyrillic), cached per distinct token; an English word in
  *-ism* (a doctrine) only loses its plural, so that "nationalism" is not
  "national" or "nation" and "hegemonism" not "hegemonic";
* Chinese words (runs of CJK characters cut by :func:`segment_cjk`) are their own keys;
* acronyms and short words (three letters or fewer) stay as they are.

>>> [term_key(t) for t in ("organisations", "organization", "neighbours", "centre", "partners")]
['organiz', 'organiz', 'neighbor', 'center', 'partner']
>>> term_key("unprecedented") == term_key("unprecedentedly")
True
>>> term_key("nationalisms"), term_key("nationalism") == term_key("national")
('nationalism', False)
>>> {term_key(t) for t in ("специальная", "специальной", "специальную")}
{'специальн'}
>>> term_key("визит") == term_key("визита"), term_key("совет") == term_key("совета")
(True, True)

:func:`split_terms` is the fast tokeniser the tracker runs over whole corpora:
one ``re.split`` call, the tokens at odd indices, the gaps between them at even
ones, so token offsets come from cumulative lengths without a Python loop.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import rjieba  # type: ignore[import-untyped,unused-ignore]  # no type hints
import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints

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

# Tokens as in ``_tokens._WORD_RE`` (a run of other letters and digits), except that an
# apostrophe inside a word keeps it whole ("other's", "don't") and a run of CJK characters
# is captured whole, to be cut into words by ``segment_cjk``.
_SPLIT_ASCII = re.compile(r"([a-zA-Z0-9]+(?:'[a-zA-Z]+)*)")
_SPLIT_ANY = re.compile(rf"([{_CJK}]+|[^\W_{_CJK}]+(?:'[^\W_{_CJK}]+)*)")
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

#: Snowball stemmers (PyStemmer), one per script we fold; their own cache is off
#: (size 0): ``term_key`` caches per distinct token.
_STEM_EN = Stemmer.Stemmer("english", 0)
_STEM_RU = Stemmer.Stemmer("russian", 0)

#: How Russian words are folded: "lemma" (pymorphy3's dictionary form, then the
#: Snowball stem of it, so that a lemma's gender does not matter) or "stem" (Snowball
#: only).  The stemmer alone cuts some nouns like verbs ("визит" -> "виз" but
#: "визита" -> "визит"); the lemma does not.
_RU_MODE = os.environ.get("STATEMENT_TRACKER_RU_FOLD", "lemma")
_MORPH: Any = None


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
    """Whether ``token`` is a CJK word (a token of CJK characters).

    >>> is_cjk("合"), is_cjk("合作"), is_cjk("he")
    (True, True, False)
    """
    return bool(_CJK_CHAR.match(token))


def split_terms(norm_text: str) -> list[str]:
    """Split normalised text into ``[gap, token, gap, token, ..., gap]``.

    Tokens are at odd indices (``parts[1::2]``); joining the parts gives the
    text back.  A run of CJK characters is cut into words by :func:`segment_cjk`
    (no gap between them).

    >>> split_terms("u.s.-china's, 中美关系")
    ['', 'u', '.', 's', '.-', "china's", ', ', '中美关系', '']
    >>> split_terms("人类命运共同体")[1::2]
    ['人类', '命运', '共同体']
    """
    if norm_text.isascii():
        return _SPLIT_ASCII.split(norm_text)
    parts = _SPLIT_ANY.split(norm_text)
    if not _CJK_CHAR.search(norm_text):
        return parts
    out: list[str] = []
    for i, part in enumerate(parts):
        if i % 2 and len(part) > 1 and _CJK_CHAR.match(part):
            words = segment_cjk(part)
            out.append(words[0])
            for word in words[1:]:
                out += ("", word)
        else:
            out.append(part)
    return out


@functools.lru_cache(maxsize=1 << 16)
def segment_cjk(run: str) -> tuple[str, ...]:
    """Cut a run of CJK characters into words with jieba's dictionary (rjieba, no HMM).

    Word segmentation is what lets a Chinese formula be matched as words: a word
    inserted or dropped is a variant, a word replaced is not (see docs/track.md).
    The HMM guesser for unknown words is off, so that a formula is cut the same
    way alone and inside a sentence as far as the dictionary allows.

    >>> segment_cjk("全面战略协作伙伴关系")
    ('全面', '战略', '协作', '伙伴关系')
    >>> segment_cjk("单边主义"), segment_cjk("多边主义")
    (('单边主义',), ('多边', '主义'))
    """
    return tuple(rjieba.cut(run, False))


@functools.lru_cache(maxsize=1 << 18)
def term_key(token: str) -> str:
    """Fold a normalised word token to its matching key.

    >>> term_key("interactions"), term_key("behaviour"), term_key("defence"), term_key("SCO")
    ('interact', 'behavior', 'defens', 'sco')
    >>> term_key("合"), term_key("Ещё")
    ('合', 'ещ')
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
    if t.endswith(("ism", "isms")) and len(t) >= 7:
        # a doctrine is not its adjective: the stemmer would make "nationalism"
        # "national" and "nation", "hegemonism" "hegemonic", "regionalism" "region"
        return t.removesuffix("s")
    stem = str(_STEM_EN.stemWord(t))
    if len(stem) <= 3 and not t.startswith(stem):
        return t  # "dying" -> "die", "skies" -> "sky": keep the word, so a key this short
    return stem  # is always a prefix of its tokens (see stem_prefix)


def _russian(t: str) -> str:
    global _MORPH
    if _RU_MODE == "lemma":
        if _MORPH is None:
            import pymorphy3  # type: ignore[import-untyped]  # no type hints

            _MORPH = pymorphy3.MorphAnalyzer()
        t = _MORPH.parse(t)[0].normal_form.replace("ё", "е")
    return str(_STEM_RU.stemWord(t))


# The lists above are written as words; matching compares keys, so each list also
# holds its words' keys ("never" stays "never", "никогда" becomes "никогд").
NEGATIONS = NEGATIONS | frozenset(term_key(w) for w in NEGATIONS if "'" not in w)
STOPWORDS = STOPWORDS | frozenset(term_key(w) for w in STOPWORDS)


def word_weight(tokens: list[str] | tuple[str, ...]) -> int:
    """Count words the way the short-phrase rule does: a token is a word (CJK words too).

    >>> word_weight(["合作", "没有", "禁区"]), word_weight(["new", "era"])
    (3, 2)
    """
    return len(tokens)


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


#: Where a spelling fold (see ``_english``) rewrites letters of a key before the
#: stemmer's last letter: the "z" of "-ise"/"-yse" ("cruisers" -> "cruizer",
#: "analyse" -> "analyz"), the "r" of "-our" ("favourite" -> "favorit"), the "e" of
#: "-tre"/"-bre" ("centred" -> "centerd", "hatred" -> "haterd").  Each fold is anchored
#: at the word's end with a few suffixes, so its site is near the key's end.
_FOLD_SITES = (
    re.compile(r"(?<=\w{3}i)(z)\w{0,2}$"),
    re.compile(r"(?<=\w{2}y)(z)\w{0,2}$"),
    re.compile(r"(?<=\w{3}o)(r)\w{0,4}$"),
    re.compile(r"(?<=\w{2}[tb])(e)r[sd]?$"),
)


def _prefix_by_rule(key: str) -> str:
    # The stemmer rewrites only a key's last letter: "y" to "i" ("happy" -> "happi"),
    # an "e" restored ("hoping" -> "hope"), "-bility" to "-bl" ("possibility" -> "possibl").
    end = len(key) - (1 if key[-1] in "ie" or key.endswith("bl") else 0)
    for site in _FOLD_SITES:
        m = site.search(key)
        if m is not None:
            end = min(end, m.start(1))
    return key[: max(end, 1)]


def _common(words: Sequence[str]) -> str:
    """The longest prefix of every word."""
    first, last = min(words), max(words)
    i = 0
    while i < len(first) and first[i] == last[i]:
        i += 1
    return first[:i]


#: Keys of the whole-word spelling exceptions, with a prefix of both spellings
#: ("grey"/"gray" -> "gr", "defence"/"defense" -> "defen").
_EXCEPTION_PREFIX: dict[str, str] = {}


def stem_prefix(key: str) -> str:
    """A prefix that every token folding to ``key`` starts with (for exact pre-scans).

    The English Snowball stemmer may rewrite a key's last letter ("happy" -> "happi",
    "hoping" -> "hope", "possibility" -> "possibl"), and the British spellings differ
    from the key at a fold near its end ("centre" -> "center", "favour" -> "favor",
    "cruisers" -> "cruizer"); the prefix stops before either.  The Russian stemmer only
    cuts endings: its key is a prefix itself.  ``tests/text/test_fold.py`` checks the
    rule on the vocabulary of the shared corpora.

    >>> keys = ("neighbor", "organ", "polici", "center", "cruizer", "gray", "sco", "границ")
    >>> [stem_prefix(k) for k in keys]
    ['neighbo', 'organ', 'polic', 'cent', 'crui', 'gr', 'sco', 'границ']
    """
    if not key.isascii() or not key.isalpha():
        return key  # CJK, Cyrillic (the key is a prefix of the token), digits, "don't"
    if len(key) <= 3:
        return key  # tokens of three letters or fewer are their own keys
    if not _EXCEPTION_PREFIX:
        for word, spelling in _EXCEPTIONS.items():
            k = term_key(spelling)
            common = _common((word, spelling, _prefix_by_rule(k)))
            _EXCEPTION_PREFIX[k] = _common((_EXCEPTION_PREFIX.get(k, common), common))
    return _EXCEPTION_PREFIX.get(key) or _prefix_by_rule(key)

"""Discovery, filtering and merging: boilerplate out, close variants together.

:func:`candidates` turns the counted n-gram levels into maximal phrases
(absorbing an n-gram into its usual extension, trimming function words and
reporting verbs at both ends, dropping site chrome, headers, sign-offs and
phrases of dates, numbers or names only); :func:`merge` groups close variants
of one formula.  Used by :mod:`._discover`.

>>> merge({("open", "lines", "of", "communication"): 3,
...        ("maintain", "open", "lines", "of", "communication"): 3}, lambda words: 0)
[[('open', 'lines', 'of', 'communication'), ('maintain', 'open', 'lines', 'of', 'communication')]]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .._text import STOPWORDS, is_cjk
from ._count import MAX_WORDS, MIN_WORDS, Corpus, Level, count_key, gram_key

__all__ = ["candidates", "merge"]

_ABSORB = 0.8  # an extension in this share of a phrase's documents absorbs it
_EDGE_SHARE = 0.6  # a phrase this often only at document edges is a header or a sign-off
MIN_TERM = 2  # words of the shortest formula once trimmed: a term of two content words
_STEM = 5  # letters of a word that make its stem when merging variants
_SUFFIXES = ("ing", "ed", "es", "s", "ly", "e")
CJK_MAX = 6  # words of the longest Chinese formula; longer runs are copied passages
# Russian words are counted as their keys (see ``count_key``): the Russian lists below are
# written as words and hold their keys.  Function words, pronouns and particles, then
# discourse and courtesy words of speech ("I would like to say", "thank you very much").
_RU_FUNCTION = """тот этот весь свой наш ваш мой твой мы вы я он она оно они себя сам который
    какой такой так тоже ещё уже только очень бы ли не ни же ведь вот да нет есть быть можно
    нужно надо чтобы чем если когда где куда там тут здесь потому поэтому почему при про
    через между под над перед после до без около среди или либо тем менее более хотя даже
    просто именно вообще конечно сейчас теперь тогда всегда раз один другой каждый кто ряд
    ну связь число время образ год месяц день неделя сегодня вчера завтра прошлый нынешний
    текущий январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
    тысяча миллион миллиард триллион процент рубль два три четыре пять первый второй""".split()
_RU_FRAME = """сказать говорить хотеть думать знать мочь иметь считать отметить подчеркнуть
    заявить спасибо благодарить большой уважаемый добрый коллега друг дорогой вопрос
    касаться связанный также важный очень сделать делать должный""".split()
# Chinese words that jieba leaves alone around formulas: particles, measure words,
# dates and times, "says"; and the dates of news ("24日起", "当地时间").
_ZH_FUNCTION = """要 把 被 从 向 到 就 都 而 又 或 于 由 其 这 那 该 此 各 有 中 上 下 个
    称 更 多 日 月 年 号 时 分 起 今天 昨天 今年 去年 明年 上午 下午 晚上 当天
    近日 日前 目前 当地 时间 亿 万 亿元 万元 多个 一些 已经 正在 进行""".split()
# Russian and Chinese function words (their keys), never the first or last word
_FOREIGN_FUNCTION = frozenset(
    [w for w in STOPWORDS if not w.isascii()]
    + [count_key(w) for w in _RU_FUNCTION]
    + _ZH_FUNCTION
)
_CJK_CHARS = 3  # characters of the shortest Chinese formula (新时代, 两国 is too short)
_FOREIGN_FRAME = frozenset(count_key(w) for w in _RU_FRAME)

# Words that never make a phrase a formula on their own, and never start or end one.
_FUNCTION = frozenset(
    """a an the and or but nor of to in on at by for with from into onto over under as than
    that this these those it its is are was were be been being am will would shall should can
    could may might must has have had do does did not so such their them they our we us his
    her he she him i you your my me which who whom whose what when where while also both all
    any each either neither there here then too very just about after before between during
    against through via per including mr ms mrs dr if because whether how why s t
    re ll ve don doesn didn isn aren wasn weren won wouldn couldn shouldn haven hasn""".split()
)
# Reporting verbs and the words around them ("noted the importance of"): never the
# first or last word of a formula, so sentence frames do not pass for formulas.
_FRAME = frozenset(
    """said say says stated noted underscored underlined emphasized emphasised stressed
    reiterated discussed raised welcomed affirmed reaffirmed exchanged expressed agreed
    highlighted recognized recognised acknowledged outlined described called urged added
    told met spoke held reviewed importance need needs continue continued continues ongoing
    further including such well other among key also leaders sides views issues areas range
    world part meeting meetings call way number efforts effort
    going get got want know think thank thanks lot really right okay yes yeah sure let look
    actually much many more like make made thing things announced announces announce""".split()
    # general discourse, the same in any English text: time and degree adverbials and
    # light-verb idioms ("once again", "at the same time", "carry out", "pay attention")
    + """once again same time times first most important importantly long longer short
    took take taking takes place carry carried carrying out pointed point put forward
    step steps towards together special attention draw high level large scale
    possible soon fact account""".split()
    # greetings, courtesies and forms of address (speeches and messages open with them)
    + """good morning afternoon evening colleagues friends dear ladies gentlemen welcome
    congratulate congratulated congratulations congratulating wish wishes success
    greetings warm regards sincerely""".split()
)
_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten hundred hundreds thousand thousands
    million millions billion billions trillion trillions""".split()
)
_DATE_WORDS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow am pm est edt gmt utc ago year years month months
    week weeks day days last next past""".split()
)


def _stem(word: str) -> str:
    """A crude stem, enough to pair *manage*/*managing*, *responsible*/*responsibly*.

    >>> _stem("managing"), _stem("manage"), _stem("veer"), _stem("veering")
    ('manag', 'manag', 'veer', 'veer')
    """
    for suf in _SUFFIXES:
        if len(word) > len(suf) + 3 and word.endswith(suf):
            word = word[: -len(suf)]
            break
    return word[:_STEM]


def _content(words: Sequence[str]) -> list[str]:
    return [
        w
        for w in words
        if w not in _FUNCTION and w not in _DATE_WORDS and w not in _NUMBER_WORDS
        and w not in _FOREIGN_FUNCTION
        # single Latin letters: initials, U.S., the t of don't (a CJK character is a word)
        and not w.isdigit() and not (len(w) == 1 and w.isascii())
    ]


def _edge_word(word: str) -> bool:
    return word in _FUNCTION or word in _FRAME or word in _FOREIGN_FUNCTION or (
        word in _FOREIGN_FRAME
    )


def _too_short(words: Sequence[str]) -> bool:
    """Chinese words of fewer than ``_CJK_CHARS`` characters in all (两国, 俄称)."""
    return is_cjk(words[0]) and sum(len(w) for w in words) < _CJK_CHARS


def _too_long(words: Sequence[str]) -> bool:
    """A Chinese run of more than ``CJK_MAX`` words: a copied passage, not a formula."""
    return len(words) > CJK_MAX and is_cjk(words[0]) and is_cjk(words[-1])


def _trim(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop function words and reporting verbs at both ends (and numbers next to Chinese).

    >>> _trim(("11", "国内", "联播", "快讯", "的")), _trim(("the", "2030", "agenda"))
    (('国内', '联播', '快讯'), ('2030', 'agenda'))
    """
    edge = _edge_word
    if any(is_cjk(w) for w in words):

        def edge(word: str) -> bool:
            return _edge_word(word) or word.isdigit()

    a, b = 0, len(words)
    while a < b and edge(words[a]):
        a += 1
    while b > a and edge(words[b - 1]):
        b -= 1
    return words[a:b]


def _boilerplate(level: Level, h: int, c: int, max_share: float, n_docs: int) -> bool:
    """Site chrome (on nearly every page) or a header or sign-off (only at document edges)."""
    if c > max_share * n_docs and n_docs >= 20:
        return True
    return level.edges.get(h, 0) >= _EDGE_SHARE * c


def candidates(
    corpus: Corpus, levels: dict[int, Level], max_share: float, n_docs: int
) -> dict[tuple[str, ...], int]:
    """Maximal, non-boilerplate phrases (trimmed word tuples) with their document counts."""
    absorbed: set[int] = set()
    for n in range(MIN_WORDS + 1, MAX_WORDS + 2):
        lower, upper = levels.get(n - 1), levels.get(n)
        if lower is None or upper is None:
            continue
        for h, at in upper.where.items():
            c = upper.counts[h]
            if _boilerplate(upper, h, c, max_share, n_docs):
                continue  # a header does not absorb the formula it starts with
            t = corpus.gram(at, n)
            for half in (gram_key(t[:-1]), gram_key(t[1:])):
                base = lower.counts.get(half)
                if base is not None and c >= _ABSORB * base:
                    absorbed.add(half)
    out: dict[tuple[str, ...], int] = {}
    words = corpus.words
    for n in range(MIN_WORDS, MAX_WORDS + 1):
        level = levels.get(n)
        if level is None:
            continue
        for h, c in level.counts.items():
            if h in absorbed or _boilerplate(level, h, c, max_share, n_docs):
                continue
            phrase = _trim(tuple(words[i] for i in corpus.gram(level.where[h], n)))
            if len(phrase) < MIN_TERM or _too_long(phrase) or _too_short(phrase):
                continue
            content = _content(phrase)
            if len(set(content)) < 2 or all(
                corpus.is_name(w) or w in _FRAME or w in _FOREIGN_FRAME for w in content
            ):
                continue  # dates, numbers, or only names, titles and reporting verbs
            if out.get(phrase, 0) < c:
                out[phrase] = c
    return out


def merge(
    phrases: dict[tuple[str, ...], int], df: Callable[[tuple[str, ...]], int]
) -> list[list[tuple[str, ...]]]:
    """Group close variants: most used phrase first in each group.

    A phrase joins a group when it has the content stems of the group's head
    (word order and endings aside) and at most one more, or wraps the head adding at most one
    content word (or adding more, but in at most half the head's documents),
    or overlaps the head end to end in most of its own documents (a fragment
    of a longer sentence frame around the head).
    """
    order = sorted(phrases, key=lambda p: (-phrases[p], len(p), p))
    groups: list[list[tuple[str, ...]]] = []
    heads: list[tuple[str, ...]] = []
    head_stems: list[set[str]] = []
    by_word: dict[str, list[int]] = {}
    for p in order:
        stems = {_stem(w) for w in _content(p)}
        content = set(_content(p))
        home: int | None = None
        best = -1
        # the groups in their order (most used first), so that among heads of one length
        # the most used wins whatever the order of a set of strings (hash seeds differ)
        for g in sorted({g for w in content for g in by_word.get(w, ())}):
            head = heads[g]
            extra = len(content - set(head))
            if (
                (
                    len(head_stems[g]) >= 2
                    and stems >= head_stems[g]
                    and len(stems - head_stems[g]) <= 1
                )
                or (_contains(p, head) and (extra <= 1 or phrases[p] * 2 <= phrases[head]))
                or _overlaps(p, head, df, phrases[p])
            ) and len(head) > best:
                home, best = g, len(head)
        if home is None:
            home = len(groups)
            groups.append([])
            heads.append(p)
            head_stems.append(stems)
            for w in content:
                by_word.setdefault(w, []).append(home)
        groups[home].append(p)
    return groups


def _overlaps(
    p: tuple[str, ...], head: tuple[str, ...], df: Callable[[tuple[str, ...]], int], count: int
) -> bool:
    """True when ``p`` and ``head`` overlap end to end and mostly occur joined."""
    for k in range(1, min(len(p), len(head))):
        for joined, shared in ((p + head[k:], p[-k:]), (head + p[k:], p[:k])):
            if shared == (head[:k] if joined[: len(p)] == p else head[-k:]) and _content(shared):
                if len(joined) <= MAX_WORDS and 2 * df(joined) >= count:
                    return True
    return False


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))

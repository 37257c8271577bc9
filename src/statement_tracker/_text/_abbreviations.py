"""Word lists the segmenter consults after a candidate split: abbreviations and sentence starters.

The sentence splitter (:mod:`statement_tracker._text._segment`) first finds every
*candidate* boundary with one compiled regular expression (terminal punctuation
followed by white space) and only then asks these tables about the word before
the full stop.  Keeping the lists out of the regular expression is what keeps
the splitter fast: a look-behind per abbreviation costs ten times more.

Four kinds of entry, all matched on the word with its leading brackets and
quotation marks removed and the final full stop dropped (``"U.S."`` -> ``"U.S"``;
two one-letter parts written with a space, ``"т. е."``, are looked up joined, ``"т.е"``):

* :data:`NEVER_FINAL`: titles and Latin abbreviations that do not end a
  sentence (``Mr.``, ``Gen.``, ``e.g.``, ``т.е.``, ``ст.``); compared in lower
  case, except one-letter entries (``с.``, ``ч.``, ``v.``), which count only in
  lower case: a capital letter is an initial.
* :data:`BEFORE_NUMBER`: abbreviations that sit before a number (``No. 5``,
  ``Art. 51``, ``Jan. 20``): no boundary when a digit follows; compared in lower
  case except ``No``, which only counts capitalised (``"the answer is no."``).
* :data:`MAY_END`: abbreviations that can also end a sentence (``U.S.``,
  ``etc.``, ``a.m.``, ``Jr.``, ``г.``): a boundary only when the next word is a
  usual sentence starter (:data:`STARTERS`).  Dotted capitals (``E.U.``,
  ``В.В.``) and single capital letters (initials, ``J. Biden``) are treated the
  same way without being listed.
* :data:`ENDS_LIST`: Russian abbreviations that close a list after ``и``
  (``и др.``, ``и т.д.``, ``и т.п.``): there, a boundary before any
  capitalised word, not only a usual starter.
* :data:`STARTERS`: capitalised words that usually begin a sentence (``The``,
  ``We``, ``In``, ``Это``): after an ambiguous abbreviation they say "boundary";
  any other capitalised word (``U.S. Government``, ``В.В. Путин``) says "same
  sentence".

To extend, add words here (lower case, no final full stop), or pass extra
never-final abbreviations to :func:`statement_tracker.sentence_spans` with its
``abbreviations`` argument.

>>> "mr" in NEVER_FINAL and "us" in MAY_END and "т.д" in ENDS_LIST and "The" in STARTERS
True
"""

from __future__ import annotations

__all__ = [
    "BEFORE_NUMBER",
    "ENDS_LIST",
    "MAY_END",
    "NEVER_FINAL",
    "STARTERS",
    "STARTERS_EN",
    "STARTERS_RU",
    "starters_for",
]

#: Abbreviations that never end a sentence (lower case, inner dots kept, final dot dropped).
NEVER_FINAL: frozenset[str] = frozenset(
    """
    mr mrs ms messrs mmes dr prof gen lt col maj capt cmdr cdr sgt adm brig
    sen rep gov amb pres sec hon rev fr st mt ft supt insp atty
    vs v e.g i.e cf viz approx ca incl esp excl dept univ assn est
    т.е т.к т.н т.ч напр см ср им ул пр тов акад проф стр рис гл ген ст с ч
    """.split()
)

#: Abbreviations that precede a number: no boundary when a digit follows.
BEFORE_NUMBER: frozenset[str] = frozenset(
    """
    no nos art arts p pp para paras sect vol vols fig figs ch chap op ref res nr reg stat
    jan feb mar apr jun jul aug sep sept oct nov dec
    ст п пп ч гл т
    """.split()
)

#: Abbreviations that may end a sentence; a boundary only before a usual sentence starter.
MAY_END: frozenset[str] = frozenset(
    """
    us u.s u.k uk e.u eu u.n un usa u.s.a ussr u.s.s.r d.c dc p.r.c prc r.o.k dprk
    etc inc ltd corp co llc jr sr bros al a.m p.m a.d b.c ph.d fed pub exec
    jan feb mar apr jun jul aug sep sept oct nov dec
    г гг т.д т.п др млн млрд тыс руб долл коп
    """.split()
)

#: Russian abbreviations that close a list after "и": a boundary before any capitalised word.
ENDS_LIST: frozenset[str] = frozenset("др т.д т.п".split())

#: English words that usually start a sentence, capitalised as they would be there.
STARTERS_EN: frozenset[str] = frozenset(
    """
    A About According Additionally After Again Against Ahead Also Although Among An And
    Another Any Are As At Because Before Both But By Can Consequently Despite During Each
    Earlier Even Every Finally First For Fourth Further Furthermore Given He Her
    Here His How However I If In Indeed Instead Is It Its Last Later Let Like Many May
    Meanwhile More Moreover Most Much My Never Nevertheless New No None Nor Not Now Of On
    Once One Only Or Other Our Over Please Prior Rather Recently Second Several She Since
    So Some Such That The Their Then There Therefore These They Third This Those
    Three Through Throughout Thus To Today Together Tomorrow Tonight Two Under Unfortunately
    Unlike Until Upon We What When Where Whether Which While Who Why With Within Without
    Yes Yesterday Yet You Your
    """.split()
)

#: Russian words that usually start a sentence.
STARTERS_RU: frozenset[str] = frozenset(
    """
    А В Во Вместе Все Всё Вы Где Да Для До Если Же За Здесь И Из Именно К Как Когда Кроме
    Мы На Наконец Нам Нас Наш Наша Наши Не Нет Но Ну Об Однако Он Она Они Оно От Очевидно
    После Поэтому При Речь С Сегодня Со Так Также Там Теперь То Тогда Это Этот Эта Эти Я
    """.split()
)

#: All sentence starters (English and Russian).
STARTERS: frozenset[str] = STARTERS_EN | STARTERS_RU


def starters_for(language: str) -> frozenset[str]:
    """The sentence starters to consult for a document language (ISO 639-1).

    English text gets the English list; Russian text both lists (Russian
    documents quote English names and titles); any other language both.

    >>> "Это" in starters_for("en"), "Это" in starters_for("ru"), "The" in starters_for("ru")
    (False, True, True)
    """
    return STARTERS_EN if language == "en" else STARTERS

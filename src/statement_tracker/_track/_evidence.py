"""Close variants accepted on the evidence of the documents tracked.

Official series now and then replace a word of a formula ("regional and global
*challenges*" for "regional and global *issues*") or leave one out ("Великой
Отечественной" for "Великой Отечественной войны").  The window alone cannot tell
such a variant from another formula ("human rights" is not "human rights abuses"),
and no global list of synonyms can either; the documents being tracked can.  While
``track`` scans, the verifier reports such windows of a phrase that may vary
(:func:`~._variants.may_vary`: at the ``loose`` level only, three content words or
more, not a name) as *pending*
(a negative score): an edge word replaced, or the last word left out, never the
formula's longest content word (:func:`~._forms.verify`, :attr:`~._forms.Form.pending_keys`).
:func:`gather` notes them per document, and once every document is scanned
:func:`decide` accepts them:

* **substituted** (word ``w`` replaced by ``w2``): the new wording occurs in
  :data:`MIN_DOCUMENTS` documents or more, and the formula's own word fills that
  place at least as often as all other words together (a place that many words
  fill is open, not a formula's);
* **shortened** (the last word ``w`` left out): the formula occurs whole at least
  :data:`MIN_DOCUMENTS` times and twice as often as shortened, so that the
  remaining words, in these documents, mostly stand with ``w``.

Never accepted:
a window that is another phrase of the watchlist or holds one ("*зоне* специальной
военной операции" for "участники специальной военной операции"), one with
punctuation the formula does not have, and a last word replaced or left out where
another content word follows at once ("freedom of navigation and *international*
law", "Eurasian Economic *Commission*"); a negation replaced or dropped is never
pending.

Each accepted occurrence carries its method (``substituted``, ``shortened``), the
words that differ and the evidence (with the number of contexts, the nearest content
words around it, that it shares with the formula's own occurrences: reported, not
required).  The decision depends on the documents tracked together: tracked one at
a time, a document holds little evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .._text import STOPWORDS, split_terms, term_key
from ._forms import Form, Hit
from ._variants import evidence_shape

__all__ = ["MIN_DOCUMENTS", "DocEvidence", "Pending", "decide", "gather"]

#: Documents a substituted wording must occur in, and times the formula must occur whole.
MIN_DOCUMENTS = 2

#: How many times more often the formula's own word must fill its slot than all other
#: words together, and the formula occur whole than shortened.
_SLOT, _ALONE = 1, 2

_SENTENCE_END = frozenset(".;:!?")


@attrs.frozen
class Pending:
    """A window that only corpus evidence can accept, made into an occurrence if it is.

    Attributes:
        phrase: The phrase's index in the watchlist.
        kind: ``"substituted"`` or ``"shortened"``.
        word: The formula's word replaced or left out (as written in the formula).
        key: Its term key.
        replacement: The key of the word used instead (``""`` when shortened).
        written: That word as written (``""`` when shortened).
        context: The nearest content words before (``"<key"``) and after (``">key"``).
        blocked: A shortening where another content word stands in the left-out word's place.
        occurrence: The occurrence it makes if accepted.
        loose: Whether the phrase is matched at the ``loose`` level.
    """

    phrase: int
    kind: str
    word: str
    key: str
    replacement: str
    written: str
    context: tuple[str, ...]
    blocked: bool
    occurrence: Any
    loose: bool = False


@attrs.frozen
class DocEvidence:
    """What one document contributes: its pending windows and the contexts of the
    occurrences of the phrases that may vary (phrase index, context)."""

    pending: tuple[Pending, ...]
    contexts: tuple[tuple[int, tuple[str, ...]], ...]


def context(text: str, start: int, end: int) -> tuple[str, ...]:
    """The nearest content word before ``start`` and after ``end`` (within two words, in
    the same sentence), as ``"<key"`` and ``">key"``.

    >>> context("they discussed key regional and global issues. Then", 19, 45)
    ('<key',)
    >>> context("views on regional and global issues, including trade", 9, 35)
    ('<view', '>includ')
    """
    out: list[str] = []
    parts = split_terms(text[max(0, start - 80) : start])
    words, seps = parts[1::2], parts[0::2]
    for j in range(len(words) - 1, max(-1, len(words) - 3), -1):
        if _SENTENCE_END.intersection(seps[j + 1]) or (j == 0 and start > 80):
            break
        key = term_key(words[j])
        if key not in STOPWORDS:
            out.append("<" + key)
            break
    parts = split_terms(text[end : end + 80])
    words, seps = parts[1::2], parts[0::2]
    for j in range(min(2, len(words))):
        if _SENTENCE_END.intersection(seps[j]):
            break
        key = term_key(words[j])
        if key not in STOPWORDS:
            out.append(">" + key)
            break
    return tuple(out)


def _blocked(text: str, start: int, end: int, left: bool) -> bool:
    """Whether a content word stands right next to the window (only spaces between) on
    the side where a word was left out."""
    if left:
        parts = split_terms(text[max(0, start - 40) : start])
        sep, word = parts[-1], (parts[-2] if len(parts) > 1 else "")
    else:
        parts = split_terms(text[end : end + 40])
        sep, word = parts[0], (parts[1] if len(parts) > 1 else "")
    return bool(word) and not sep.strip() and term_key(word) not in STOPWORDS


_CACHE: dict[int, tuple[Sequence[Form], dict[tuple[str, ...], set[int]]]] = {}


def _wordings(forms: Sequence[Form]) -> dict[tuple[str, ...], set[int]]:
    """The phrases (indices) each form's keys belong to (cached per compiled index)."""
    got = _CACHE.get(id(forms))
    if got is not None and got[0] is forms:
        return got[1]
    out: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for f in forms:
        out[f.keys].add(f.phrase)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(forms)] = (forms, dict(out))
    return dict(out)


def _punctuation(text: str) -> int:
    return sum(text.count(c) for c in ",;:.!?()")


def gather(
    text: str,
    hits: Sequence[Hit],
    forms: Sequence[Form],
    make: Callable[[Hit, str, tuple[str, ...]], Any],
) -> DocEvidence | None:
    """The evidence of one document: ``hits`` are its selected hits in normalised ``text``,
    pending ones included; ``make(hit, method, differs)`` builds an occurrence.

    >>> from ._forms import compile_forms
    >>> from ._watchlist import Watchlist
    >>> wl = Watchlist(["regional and global issues"]).with_match("loose")
    >>> forms = compile_forms(wl, evidence=True)
    >>> text = "key regional and global challenges"
    >>> ev = gather(text, [Hit(0, 4, 34, 1, -75.0)], forms, lambda h, m, d: (m, d))
    >>> p = ev.pending[0]
    >>> p.kind, p.word, p.written, p.context, p.occurrence
    ('substituted', 'issues', 'challenges', ('<key',), ('substituted', ('-issu', '+challeng')))
    """
    pending: list[Pending] = []
    contexts: list[tuple[int, tuple[str, ...]]] = []
    others: dict[tuple[str, ...], set[int]] | None = None
    # overlapping pending windows of a phrase: the first usable one in this order is
    # taken (a word left out before one replaced, then the earliest, the longest)
    ranked = sorted(hits, key=lambda h: (-h.score, h.start, -h.end, h.form))
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for h in ranked:
        form = forms[h.form]
        if not form.evidence:
            continue
        if h.score >= 0:
            contexts.append((form.phrase, context(text, h.start, h.end)))
            continue
        tokens = split_terms(text[h.start : h.end])[1::2]
        keys = tuple(term_key(t) for t in tokens)
        shape = evidence_shape(form.keys, keys)
        if shape is None:
            continue
        if others is None:
            others = _wordings(forms)
        if others.get(keys, {form.phrase}) != {form.phrase} or any(
            o.score >= 0
            and forms[o.form].phrase != form.phrase
            and h.start <= o.start < o.end <= h.end
            for o in hits
        ):
            continue  # the wording of another phrase, or one with a word added: not this one
        kind, i = shape
        key = form.keys[i]
        last = i == len(form.keys) - 1
        if kind == "substituted":
            if _punctuation(text[h.start : h.end]) > _punctuation(form.norm):
                continue  # a list or a clause boundary inside: not the formula's wording
            new, written = keys[i], tokens[i]
            differs: tuple[str, ...] = (f"-{key}", f"+{new}")
            # a last word replaced by one that a content word follows: the start of
            # another phrase ("freedom of navigation and international law")
            blocked = last and _blocked(text, h.start, h.end, left=False)
        else:
            new = written = ""
            differs = (f"-{key}",)
            blocked = (i == 0 or last) and _blocked(text, h.start, h.end, left=i == 0)
        spans = taken[form.phrase]
        if any(a < h.end and h.start < b for a, b in spans):
            continue  # a better window of this phrase stands here
        if blocked and any(
            o.score < 0 and o.form == h.form and o.start < h.end and h.start < o.end and o is not h
            for o in hits
        ):
            continue  # (another pending window here: it is tried next)
        spans.append((h.start, h.end))
        pending.append(
            Pending(
                phrase=form.phrase,
                kind=kind,
                word=form.tokens[i],
                key=key,
                replacement=new,
                written=written,
                context=context(text, h.start, h.end),
                blocked=blocked,
                loose=form.level == "loose",
                occurrence=make(
                    attrs.evolve(h, score=100.0 * (1 - 1 / len(form.keys))), kind, differs
                ),
            )
        )
    if not pending and not contexts:
        return None
    return DocEvidence(tuple(pending), tuple(contexts))


def decide(found: Sequence[DocEvidence | None], whole: Counter[int]) -> dict[int, list[Any]]:
    """The pending occurrences the evidence accepts, by document position in ``found``.

    ``whole`` counts the occurrences of each phrase (by index) in every document.

    >>> occ = lambda: attrs.make_class("O", ["evidence"])(None)
    >>> p = Pending(0, "shortened", "war", "war", "", "", (), False, occ())
    >>> ev = DocEvidence((p,), ())
    >>> [o.evidence for o in decide([ev], Counter({0: 5}))[0]]  # doctest: +NORMALIZE_WHITESPACE
    ['shortened: without "war" (the formula occurs whole 5 times, shortened 1;
      contexts shared with the formula: 0)']
    >>> decide([ev, ev, ev], Counter({0: 5}))  # shortened 3 times: more than half as often
    {}
    """
    own: dict[int, set[str]] = defaultdict(set)
    groups: dict[tuple[int, str, str, str], list[tuple[int, Pending]]] = defaultdict(list)
    for d, ev in enumerate(found):
        if ev is None:
            continue
        for phrase, ctx in ev.contexts:
            own[phrase].update(ctx)
        for p in ev.pending:
            groups[(p.phrase, p.kind, p.key, p.replacement)].append((d, p))
    # per slot of a phrase: how often any word stands there instead of the formula's
    instead: Counter[tuple[int, str]] = Counter()
    for (phrase, kind, key, _), members in groups.items():
        if kind == "substituted":
            instead[(phrase, key)] += len(members)
    out: dict[int, list[Any]] = defaultdict(list)
    for (phrase, kind, key, _), members in groups.items():
        kept = [(d, p) for d, p in members if not p.blocked]
        if not kept:
            continue
        first = kept[0][1]
        least, slot, alone = MIN_DOCUMENTS, _SLOT, _ALONE
        if whole[phrase] < least:
            continue
        shared = len({c for _, p in members for c in p.context} & own[phrase])
        if kind == "substituted":
            documents = len({d for d, _ in kept})
            if documents < least or slot * instead[(phrase, key)] > whole[phrase]:
                continue  # rare, or an open slot that other words often fill
            note = (
                f'substituted: "{first.word}" -> "{first.written}" (in {documents} documents; '
                f"the formula's own word {whole[phrase]} times, any other "
                f"{instead[(phrase, key)]}; contexts shared with the formula: {shared})"
            )
        else:
            if alone * len(members) > whole[phrase]:
                continue  # the remaining words stand without it too often
            note = (
                f'shortened: without "{first.word}" (the formula occurs whole '
                f"{whole[phrase]} times, shortened {len(members)}; contexts shared with "
                f"the formula: {shared})"
            )
        for d, p in kept:
            out[d].append(attrs.evolve(p.occurrence, evidence=note))
    return dict(out)

"""Wordings learnt from a corpus: a formula with one word replaced, used where it is used.

Official series replace a word of a formula now and then ("regional and global
*challenges*" for "regional and global *issues*", "open *channels* of communication"
for "open *lines* of communication").  No global list of synonyms can say which
replacements keep a formula's meaning, so they are learnt from the documents
tracked, with their evidence:

1. every place where a formula of three words or more stands with exactly one
   content word replaced is found (the indexed matcher, one substitution allowed);
2. a replacement is kept when it occurs in ``min_documents`` documents or more and
   shares a context with the formula's own occurrences: the content word just
   before or just after it is one that also stands next to the formula;
3. formulas that are names (every content word capitalised as written: "Eurasian
   Economic Union") learn nothing, since a name with a word replaced names
   something else ("Eurasian Economic Commission"); nor do the phrases of a
   ``family`` (their alternatives are declared), and a wording that is another
   phrase of the watchlist is never learnt.

:func:`learn_wordings` returns the evidence as :class:`LearntWording` records;
:meth:`~statement_tracker.Watchlist.with_learnt` adds them to a watchlist, where
they are matched like aliases and reported with the method ``"synonym"``.
``track(..., match="loose")`` learns from the documents it tracks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs

from .._text import STOPWORDS, Document, normalise_text, split_terms, term_key
from ._scan import PhraseIndex
from ._watchlist import Phrase, Watchlist

__all__ = ["LearntWording", "learn_wordings"]


@attrs.frozen(kw_only=True)
class LearntWording:
    """A formula's wording with one word replaced, learnt from a corpus, with its evidence.

    Attributes:
        phrase_id: The formula's id.
        wording: The new wording (the formula's text with the word replaced).
        word: The formula's word that was replaced (as written in the formula).
        replacement: The word used instead (as found, normalised).
        documents: How many documents use the new wording.
        occurrences: How many times it occurs.
        shared_contexts: Content words next to it that also stand next to the formula.
        examples: ``(document id, start, end)`` of up to three occurrences, in
            normalised text.

    >>> LearntWording(phrase_id="P1", wording="open channels", word="lines",
    ...     replacement="channels", documents=2, occurrences=3, shared_contexts=("open",),
    ...     examples=()).wording
    'open channels'
    """

    phrase_id: str
    wording: str
    word: str
    replacement: str
    documents: int
    occurrences: int
    shared_contexts: tuple[str, ...]
    examples: tuple[tuple[str, int, int], ...]


def _is_name(text: str) -> bool:
    """Every content word capitalised as written: a proper name, which learns nothing."""
    words = [w for w in split_terms(text)[1::2] if term_key(w) not in STOPWORDS]
    return bool(words) and all(w[:1].isupper() for w in words)


def learn_wordings(
    docs: Iterable[Document],
    watchlist: Watchlist | Iterable[str | Phrase],
    *,
    min_documents: int = 2,
) -> list[LearntWording]:
    """Wordings of the watchlist's formulas with one content word replaced, learnt from ``docs``.

    Args:
        docs: The documents to learn from (read once).
        watchlist: The formulas (their texts; aliases are not varied).
        min_documents: Documents a new wording must occur in.

    Returns:
        The learnt wordings, by phrase in watchlist order, then by documents (most first).

    >>> docs = [Document.from_text(t) for t in (
    ...     "They keep open lines of communication.",
    ...     "Both keep open channels of communication.",
    ...     "We keep open channels of communication.",
    ...     "They keep open lines of credit.")]
    >>> [(w.wording, w.documents) for w in learn_wordings(docs, ["lines of communication"])]
    [('channels of communication', 2)]
    """
    wl = watchlist if isinstance(watchlist, Watchlist) else Watchlist(watchlist)
    probes: list[Phrase] = []
    slots: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    taken = {
        tuple(term_key(t) for t in split_terms(normalise_text(form))[1::2])
        for p in wl
        for form in p.forms
    }
    for p in wl:
        tokens = tuple(split_terms(normalise_text(p.text))[1::2])
        keys = tuple(term_key(t) for t in tokens)
        content = [k for k in keys if k not in STOPWORDS]
        if len(tokens) < 3 or len(content) < 2 or _is_name(p.text) or p.family:
            continue
        n = len(tokens)
        # one substitution among n words: score 100 * (1 - 1/n); a margin below it
        probes.append(Phrase(p.id, p.text, threshold=100.0 * (1 - 1 / n) - 0.01))
        slots[p.id] = (tokens, keys)
    if not probes:
        return []
    index = PhraseIndex(Watchlist(probes))
    # per phrase: neighbours of its own occurrences; per (phrase, slot, word): evidence
    own: dict[str, set[str]] = defaultdict(set)
    seen: dict[tuple[str, int, str], list[tuple[str, int, int, str, str]]] = defaultdict(list)
    for doc in docs:
        norm = normalise_text(doc.text)
        for hit in index.scan(norm):
            pid = probes[index.forms[hit.form].phrase].id
            tokens, keys = slots[pid]
            window = split_terms(norm[hit.start : hit.end])[1::2]
            wkeys = tuple(term_key(t) for t in window)
            before = split_terms(norm[max(0, hit.start - 40) : hit.start])[1::2]
            after = split_terms(norm[hit.end : hit.end + 40])[1::2]
            before, after = [term_key(t) for t in before[-1:]], [term_key(t) for t in after[:1]]
            left = before[-1] if before and before[-1] not in STOPWORDS else ""
            right = after[0] if after and after[0] not in STOPWORDS else ""
            if wkeys == keys:
                own[pid].update(x for x in (left, right) if x)
                continue
            if len(wkeys) != len(keys):
                continue
            diff = [i for i in range(len(keys)) if keys[i] != wkeys[i]]
            if len(diff) != 1 or keys[diff[0]] in STOPWORDS or wkeys[diff[0]] in STOPWORDS:
                continue
            i = diff[0]
            if not window[i].isalpha():
                continue
            seen[(pid, i, window[i])].append((doc.doc_id, hit.start, hit.end, left, right))
    out: list[LearntWording] = []
    order = {p.id: n for n, p in enumerate(wl)}
    for (pid, i, word), found in seen.items():
        documents = len({d for d, *_ in found})
        shared = sorted({x for *_, left, right in found for x in (left, right) if x in own[pid]})
        tokens, keys = slots[pid]
        if (*keys[:i], term_key(word), *keys[i + 1 :]) in taken:
            continue  # another phrase of the watchlist
        if documents < min_documents or not shared:
            continue
        wording = " ".join((*tokens[:i], word, *tokens[i + 1 :]))
        out.append(
            LearntWording(
                phrase_id=pid,
                wording=wording,
                word=tokens[i],
                replacement=word,
                documents=documents,
                occurrences=len(found),
                shared_contexts=tuple(shared),
                examples=tuple((d, s, e) for d, s, e, *_ in found[:3]),
            )
        )
    out.sort(key=lambda w: (order[w.phrase_id], -w.documents, w.wording))
    return out

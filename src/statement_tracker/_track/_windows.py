"""Candidate windows around a piece or an anchor, verified with :func:`~._forms.verify`.

The scans (:mod:`._scan_candidates`, :mod:`._scan_sets`, :mod:`._corpus_index`) find
where an intact piece of a form, or one of its content-word anchors, stands in a
document; the functions here enumerate the token windows around it whose length is
within the form's ``max_edits`` of its own, drop those that cannot hold enough of the
form's words, and verify the rest.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .._text import NEGATIONS, negation_signature
from ._forms import Form, Hit, compile_forms, verify
from ._watchlist import Watchlist

__all__ = ["Found", "may_hold", "new_found", "try_anchor", "try_piece"]

#: What the verification of one document has gathered: the windows tried (form index,
#: start, end characters), the hits, and for a form that tolerates many edits, per
#: (form index, start character) the range of end characters whose windows were tried.
Found = tuple[set[tuple[int, int, int]], list[Hit], dict[tuple[int, int], tuple[int, int]]]

#: From this many edits, each start's tried window ends are remembered (see ``Found``):
#: a form under a low threshold has a one-word piece on nearly every word, and every
#: piece found would enumerate the same windows again.
_MEMO_EDITS = 5


def new_found() -> Found:
    """An empty :data:`Found` for one document.

    >>> new_found()
    (set(), [], {})
    """
    return set(), [], {}

_DOCTEST = (compile_forms, Watchlist)  # names the examples below use


def may_hold(form: Form, region: Sequence[str]) -> bool:
    """A count filter: can any window inside ``region`` pass :func:`verify`?

    An accepted window misses at most ``lost`` phrase words, so the region must
    hold all but ``lost`` of the form's distinct keys (and, under the default
    rule, of its distinct content keys).

    >>> f = compile_forms(Watchlist(["comprehensive partnership and strategic cooperation"]))[0]
    >>> may_hold(f, ["comprehensive", "partnership", "x"]), may_hold(f, list(f.keys))
    (False, True)
    """
    present = form.key_set.intersection(region)
    if len(present) < len(form.key_set) - form.lost_budget:
        return False
    if form.threshold is None:
        content = form.content_set
        return len(content) - len(content.intersection(present)) <= form.content_slack
    return True


def _inside(form: Form, region: Sequence[str]) -> list[int]:
    """How many tokens of ``region`` before each position are keys of ``form``.

    A window ``[s, e)`` within ``k`` edits of a form of ``n`` keys has at least
    ``max(n, e - s) - k`` of its tokens among the form's keys (the Levenshtein
    distance is at least the longer length less a longest common subsequence),
    an integer test that spares most calls to :func:`verify`.

    >>> f = compile_forms(Watchlist(["new era"]))[0]
    >>> _inside(f, ["a", "new", "era"])
    [0, 0, 1, 2]
    """
    return list(itertools.accumulate(map(form.key_set.__contains__, region), initial=0))


def try_piece(
    form: Form,
    piece: tuple[int, int, int],
    i: int,
    keys: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    found: Found,
) -> None:
    """Verify the windows of ``form`` around one of its pieces.

    ``piece`` is ``(start, end, anchor offset)`` in the form; the anchor key is
    at token ``i`` of ``keys``, whose character spans are ``starts``/``ends``.
    Accepted windows are appended to ``found[1]``; ``found[0]`` (and ``found[2]``) remember the
    windows already tried.
    """
    lo, hi, off = piece
    j = i - off  # where the piece starts among the tokens
    size = len(keys)
    if j < 0 or j + hi - lo > size:
        return
    fkeys = form.keys
    if hi - lo > 1 and any(keys[j + x] != fkeys[lo + x] for x in range(hi - lo) if x != off):
        return
    k = form.max_edits
    n = len(fkeys)
    base = j - lo  # where the form would start with no edits before the piece
    r0 = max(0, base - k)
    r1 = min(size, base + n + k)
    _verify_windows(
        form, keys, r0, r1, min(j, base + k), max(j + hi - lo, base + n - k), starts, ends, found
    )


def try_anchor(
    form: Form,
    i: int,
    keys: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    found: Found,
) -> None:
    """Verify every window of ``form`` that contains token ``i`` (a content-word anchor).

    Used under the default rule, where an occurrence keeps all but
    :attr:`Form.content_slack` of its distinct content words, so that among
    ``content_slack + 1`` of them at least one is in every occurrence.
    """
    n, k = len(form.keys), form.max_edits
    size = len(keys)
    r0 = max(0, i - (n + k) + 1)
    r1 = min(size, i + n + k)
    _verify_windows(form, keys, r0, r1, i, i + 1, starts, ends, found)


def _negated(region: Sequence[str]) -> bool:
    """Whether ``region`` has a negation (:func:`negation_signature`), told at C level
    when it has neither a negation word nor a key starting with "non".

    >>> _negated(["peace", "and", "stabil"]), _negated(["nonprolifer", "treati"])
    (False, True)
    """
    if NEGATIONS.isdisjoint(region) and " non" not in " " + " ".join(region):
        return False
    return bool(negation_signature(region))


_Verdicts = dict[tuple[str, ...], tuple[int, float] | None]

#: Verdicts of :func:`verify` per form (kept alive here, so that its ``id`` stays its
#: own), per ``negations`` argument and window: a corpus repeats its windows (about
#: three verifications in four on the White House corpus are of a window seen before).
_VERDICTS: dict[int, tuple[Form, tuple[_Verdicts, _Verdicts]]] = {}
#: How many window words the remembered verdicts hold; all are forgotten past
#: :data:`_MAX_WORDS` (counted in words, not windows, so that the long windows of a
#: long form under a low threshold cannot fill memory: at most some tens of MB).
_REMEMBERED = [0]
_MAX_WORDS = 4_000_000
_MAX_FORMS = 10_000


def _verdicts(form: Form, negations: bool) -> _Verdicts:
    """The verdicts remembered for ``form`` verified with ``negations``."""
    if _REMEMBERED[0] > _MAX_WORDS or len(_VERDICTS) > _MAX_FORMS:
        _VERDICTS.clear()
        _REMEMBERED[0] = 0
    entry = _VERDICTS.get(id(form))
    if entry is None or entry[0] is not form:
        entry = _VERDICTS[id(form)] = (form, ({}, {}))
    return entry[1][negations]


def _verify_windows(
    form: Form,
    keys: Sequence[str],
    r0: int,
    r1: int,
    last_start: int,
    min_end: int,
    starts: Sequence[int],
    ends: Sequence[int],
    found: Found,
) -> None:
    """Verify the windows ``keys[s:e]`` of ``keys[r0:r1]`` with ``s <= last_start`` and
    ``e >= min_end`` whose length is within ``form.max_edits`` of the form's."""
    n, k = len(form.keys), form.max_edits
    region = keys[r0:r1]
    if not may_hold(form, region):
        return
    tried, hits, done = found
    fi = form.index
    inside = _inside(form, region)
    # with no negation in the form or the region, none is in any window
    negations = bool(form.negations) or _negated(region)
    # a short formula's window starts and ends on its own words (no edit at its edges)
    edged = form.threshold is None and form.words <= 3
    key_set = form.key_set
    verdicts = _verdicts(form, negations)
    memo = k >= _MEMO_EDITS
    for s in range(r0, last_start + 1):
        if edged and keys[s] not in key_set:
            continue
        e_lo, e_hi = max(min_end, s + n - k, s + 1), min(r1, s + n + k)
        seen_lo = seen_hi = -1  # end characters of windows from s already tried
        if memo and e_lo <= e_hi:
            lo_c, hi_c = ends[e_lo - 1], ends[e_hi - 1]
            seen_lo, seen_hi = done.get((fi, starts[s]), (-1, -1))
            if seen_lo <= lo_c and hi_c <= seen_hi:
                continue  # every window from s in range was tried for another piece
            if seen_hi < lo_c or hi_c < seen_lo:
                done[(fi, starts[s])] = (lo_c, hi_c)  # disjoint: keep the newer range
            else:
                done[(fi, starts[s])] = (min(lo_c, seen_lo), max(hi_c, seen_hi))
        for e in range(e_lo, e_hi + 1):
            if edged and keys[e - 1] not in key_set:
                continue
            if seen_lo <= ends[e - 1] <= seen_hi:
                continue  # tried for another piece
            if inside[e - r0] - inside[s - r0] < max(n, e - s) - k:
                continue  # too few of the form's words: more than k edits
            span = (fi, starts[s], ends[e - 1])
            if span in tried:
                continue
            tried.add(span)
            window = tuple(region[s - r0 : e - r0])
            if window in verdicts:
                res = verdicts[window]
            else:
                res = verdicts[window] = verify(form, window, negations=negations)
                _REMEMBERED[0] += len(window)
            if res is not None:
                hits.append(Hit(fi, span[1], span[2], res[0], res[1]))

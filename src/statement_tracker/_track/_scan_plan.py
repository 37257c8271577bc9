"""The prefix automaton of a :class:`~._scan.PhraseIndex`, and what it plans per document.

The automaton holds " " + a :func:`~statement_tracker._text.stem_prefix` of the rarest
keys of every piece and of the content keys of forms anchored on content words (see
:mod:`._scan`).  For one document, :meth:`PrefixPlan.plan` reads how many hits each prefix has
and decides which pieces and anchored forms can occur there:

* a piece needs every prefix of its keys, and its form enough of its content prefixes;
* a form anchored on content words needs all but ``content_slack`` of the prefixes of
  its scanned content keys (counted through the forms listed under each prefix, so
  that a document costs as many steps as it has prefixes, not as the index has forms).

Both are necessary conditions only: :class:`._scan_candidates.Candidates` verifies
the windows that remain.

>>> from ._forms import compile_forms
>>> from ._watchlist import Watchlist
>>> plan = PrefixPlan(compile_forms(Watchlist(["one China policy"])), [])
>>> [plan.prefixes[pid] for _, pid in plan.hits(" one china policy")]
['china', 'polic']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import chain, compress, repeat
from typing import Any

from .._text import STOPWORDS, is_cjk, stem_prefix
from ._forms import Form

__all__ = ["AnchorPlan", "PiecePlan", "PrefixPlan"]

try:  # a dependency; the set-based scan stands in without it
    import ahocorasick as _ahocorasick  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    _ahocorasick = None

_SPACE_OUT = {c: " " for c in range(128) if not chr(c).isalnum()}  # as _scan._spaced

# (form index, piece start, piece end, anchor offset, key set)
_Piece = tuple[int, int, int, int, frozenset[str]]
#: A piece to look for in a document: (piece, offset of the key anchoring it, its prefix).
PiecePlan = tuple[_Piece, int, int]
#: A form anchored on content words, in one document: (form, the content keys whose
#: tokens anchor its windows, the other scanned content keys whose prefixes occur there
#: as ``(key, " " + spaced prefix)``, the prefixes of the keys not scanned for, how many
#: of those keys and prefixes a window needs, how many tokens a window reaches from
#: one of its tokens).
AnchorPlan = tuple[int, tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...], int, int]
#: An anchored form as built: (form, content slack, its scanned content keys as
#: ``(prefix id, key, " " + spaced prefix)``, the prefixes of the others, need, reach).
_AnchorRow = tuple[int, int, tuple[tuple[int, str, str], ...], tuple[str, ...], int, int]


class PrefixPlan:
    """The automaton of an index's prefixes and the per-document plan of its candidates.

    Args:
        forms: The index's forms.
        pieces: Its pieces (forms anchored on content words have ``lo == -1``).
    """

    def __init__(self, forms: Sequence[Form], pieces: Sequence[_Piece]) -> None:
        assert _ahocorasick is not None
        self._forms = forms
        automaton = _ahocorasick.Automaton()
        self._automaton: Any = automaton
        self.prefixes: list[str] = []
        self._ids: dict[str, int] = {}
        # each piece listed under the first of its prefixes (all must occur):
        # (piece, prefix ids, the same as a set, where those keys are in the piece)
        self._pieces_by_first: dict[
            int, list[tuple[_Piece, tuple[int, ...], frozenset[int], tuple[int, ...]]]
        ] = {}
        for piece in pieces:
            fi, lo, hi, _off, _keys = piece
            if lo < 0:  # content-word anchors: chosen per document (below)
                continue
            keys = forms[fi].keys[lo:hi]
            chosen = _selective(keys)
            ids = tuple(self._prefix_id(stem_prefix(key)) for key in chosen)
            offsets = tuple(keys.index(key) for key in chosen)
            self._pieces_by_first.setdefault(ids[0], []).append(
                (piece, ids, frozenset(ids), offsets)
            )
        # forms anchored on content words: their content keys are scanned for, so
        # that each document can anchor on the rarest ones there.  An occurrence keeps all
        # but ``content_slack`` of the form's distinct content keys, so a document
        # where fewer of their prefixes occur is skipped, and otherwise the
        # ``content_slack + 1`` keys with the fewest hits there anchor the
        # candidates (one of them is in every occurrence).  Both hold for any subset
        # of the content keys with more than ``content_slack`` keys.  Keys with very
        # short prefixes ("tie", "ai") are not scanned for (they are inside too many
        # words); around an anchor, their prefixes are looked for in the text instead.
        self.anchored: list[_AnchorRow] = []
        anchor_sets: list[frozenset[int]] = []
        needs: list[int] = []
        for f in forms:
            if not f.anchor_keys:
                continue
            scanned = tuple(
                key
                for key in sorted(f.content_set)
                # the anchors chosen at build time are the longest and always stay
                if key in f.anchor_keys or len(stem_prefix(key)) >= 4 or is_cjk(key)
            )
            short = tuple(stem_prefix(key) for key in sorted(f.content_set - set(scanned)))
            rows = tuple(
                (self._prefix_id(stem_prefix(key)), key, " " + _spaced_word(stem_prefix(key)))
                for key in scanned
            )
            pids = frozenset(pid for pid, _, _ in rows)
            need = len(scanned) + len(short) - f.content_slack
            reach = len(f.keys) + f.max_edits - 1
            self.anchored.append((f.index, f.content_slack, rows, short, need, reach))
            anchor_sets.append(pids)
            # a missing prefix means all its keys are missing
            needs.append(len(anchor_sets[-1]) - f.content_slack)
        # per form: the prefix ids of its content keys, and how many of them an
        # occurrence must contain (see _windows.may_hold)
        self._form_need: list[tuple[frozenset[int], int]] = []
        for f in forms:
            ids_f: set[int] = set()
            for key in f.content_set:
                prefix = stem_prefix(key)
                if len(prefix) < 5 and not is_cjk(prefix):
                    continue  # short prefixes cost more hits than the filter saves
                ids_f.add(self._prefix_id(prefix))
            self._form_need.append((frozenset(ids_f), len(ids_f) - f.content_slack))
        automaton.add_word(" \x00", -1)  # never found (not in spaced text): never empty
        automaton.make_automaton()
        # how far before its last character each prefix starts
        # (a hit ends on the prefix's last character in the spaced text, one to the right)
        self.reach = [len(x) for x in self.prefixes]
        # the anchored forms under each of their prefixes, and those that need none
        self._needs = needs
        self._forms_of: dict[int, list[int]] = {}
        for row, id_set in enumerate(anchor_sets):
            for pid in id_set:
                self._forms_of.setdefault(pid, []).append(row)
        self._always_zero = {row: 0 for row, need in enumerate(needs) if need <= 0}
        # the scanned content keys of each anchored form as columns: prefix ids, keys,
        # and (key, " " + spaced prefix)
        self._row_columns = [
            (
                tuple(pid for pid, _, _ in rows),
                tuple(key for _, key, _ in rows),
                tuple((key, word) for _, key, word in rows),
            )
            for _, _, rows, _, _, _ in self.anchored
        ]

    def _prefix_id(self, prefix: str) -> int:
        """The id of ``prefix`` in the automaton (added when new).

        The automaton reads :func:`._scan._spaced` text, so it holds " " + the prefix
        spaced out the same way ("o'neill" as " o neill"; prefixes spaced out alike
        share an id).  A prefix beyond ASCII gets an id but is not scanned for: a
        document with a token that folds to its key is scanned the set-based way
        (:meth:`._scan.PhraseIndex._foreign_harmless`).
        """
        word = _spaced_word(prefix)
        pid = self._ids.get(word)
        if pid is None:
            pid = self._ids[word] = len(self.prefixes)
            self.prefixes.append(prefix)
            if prefix.isascii():
                self._automaton.add_word(" " + word, pid)  # at a word's start only
        return pid

    def hits(self, spaced: str) -> list[tuple[int, int]]:
        """Where each prefix hit ends in ``spaced`` text, and which prefix it is."""
        return list(self._automaton.iter(spaced))

    def plan(
        self, counts: Counter[int]
    ) -> tuple[list[PiecePlan], list[AnchorPlan], set[int], int] | None:
        """The pieces and anchored forms that may occur in a document with these hits.

        ``counts`` are the hits per prefix id.  Returns the pieces (each with the
        offset and prefix of its rarest key here), the anchored forms, the prefixes
        whose hits are to be read, and how many hits that is; or ``None`` when
        nothing may occur.
        """
        present = counts.keys()
        wanted: set[int] = set()
        pieces: list[PiecePlan] = []
        if self._pieces_by_first:
            forms_ok: dict[int, bool] = {}
            form_need = self._form_need
            for pid in present & self._pieces_by_first.keys():
                for piece, ids, id_set, offsets in self._pieces_by_first[pid]:
                    if not id_set <= present:
                        continue
                    fi = piece[0]
                    ok = forms_ok.get(fi)
                    if ok is None:
                        need_ids, need = form_need[fi]
                        ok = forms_ok[fi] = need <= 0 or len(need_ids & present) >= need
                    if not ok:
                        continue
                    best = min(range(len(ids)), key=lambda x: counts[ids[x]])
                    pieces.append((piece, offsets[best], ids[best]))
                    wanted.add(ids[best])
        # per anchored form, how many of its prefixes are here (through each prefix's forms)
        forms_of = self._forms_of
        have = Counter(chain.from_iterable(map(forms_of.__getitem__, present & forms_of.keys())))
        if self._always_zero:
            have.update(self._always_zero)
        needs = self._needs
        anchored: list[AnchorPlan] = []
        get = counts.get
        built, columns = self.anchored, self._row_columns
        for row in sorted(row for row, n in have.items() if n >= needs[row]):
            fi, slack, _, short, need, reach = built[row]
            pids, keys, words = columns[row]
            hits = list(map(get, pids, repeat(0, len(pids))))
            # any ``slack + 1`` of the form's distinct content keys hold one of every
            # occurrence's: those whose prefixes have the fewest hits here anchor it
            if slack == 0:
                i = hits.index(min(hits))
                anchors: tuple[str, ...] = (keys[i],) if hits[i] else ()
                if hits[i]:
                    wanted.add(pids[i])
            else:
                rarest = sorted(range(len(hits)), key=hits.__getitem__)[: slack + 1]
                rarest = [i for i in rarest if hits[i]]
                anchors = tuple([keys[i] for i in rarest])
                wanted.update([pids[i] for i in rarest])
            anchored.append((fi, anchors, tuple(compress(words, hits)), short, need, reach))
        if not pieces and not anchored:
            return None
        return pieces, anchored, wanted, sum(counts[pid] for pid in wanted)


def _spaced_word(prefix: str) -> str:
    """``prefix`` as the automaton reads it: spaced out like the text (``._scan._spaced``).

    >>> _spaced_word("o'neill")
    'o neill'
    """
    return prefix.translate(_SPACE_OUT) if prefix.isascii() else prefix


def _selective(keys: tuple[str, ...]) -> list[str]:
    """The keys of a piece worth scanning for: content words with the longest prefixes.

    Every key would do (each must occur); rare ones make fewer, cheaper hits.

    >>> _selective(("peace", "and")), _selective(("of", "the"))
    (['peace'], ['of', 'the'])
    """
    content = [k for k in dict.fromkeys(keys) if k not in STOPWORDS]
    for shortest in (5, 4, 3):  # long prefixes make fewer false hits ("use" is in "because")
        good = [k for k in content if len(stem_prefix(k)) >= shortest or is_cjk(k)]
        if good:
            return good
    return content or list(dict.fromkeys(keys))

"""The archive's persisted word index: terms, positions, and candidate search.

A document is indexed once, when it is added: its normalised word tokens
(:func:`statement_tracker._tokens.tokenize`, the tokens every matcher uses)
become, per term, a sorted list of token positions, and the document keeps the
original start offset of every token.  Both are packed as little-endian
unsigned 32-bit integers.  Nothing here touches SQLite: :mod:`._store` stores
the bytes, :mod:`._archive` asks the questions.

Candidate search answers "where could this phrase be, allowing ``max_edits``
word edits?" without reading any text.  It uses the pigeonhole principle: cut
the phrase into ``max_edits + 1`` pieces; an occurrence with at most
``max_edits`` edited words keeps one piece intact, so the places where some
piece occurs verbatim (consecutive positions) are the only candidates.

>>> idx = index_text("One China policy. The one China policy stands.")
>>> sorted(idx.positions)[:3]
['china', 'one', 'policy']
>>> list(unpack(idx.packed_positions()["china"]))
[1, 5]
>>> postings = {t: {7: unpack(b)} for t, b in idx.packed_positions().items()}
>>> phrase_windows(["one", "china", "policy"], postings.get, max_edits=0)
{7: [(0, 3), (4, 7)]}
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate

import attrs

from ._tokens import tokenize

__all__ = [
    "DocumentIndex",
    "index_text",
    "pack",
    "pack_sorted",
    "phrase_pieces",
    "phrase_windows",
    "unpack",
]

_LITTLE = sys.byteorder == "little"

#: Lookup of a term's postings: ``{doc: positions}`` or ``None`` when unknown.
PostingsLookup = Callable[[str], Mapping[int, Sequence[int]] | None]


def pack(values: Sequence[int]) -> bytes:
    """Pack non-negative integers: a width tag (2 or 4) then little-endian integers.

    >>> pack([1, 2])
    b'\\x02\\x01\\x00\\x02\\x00'
    >>> len(pack([70000]))
    5
    """
    arr = array("H" if not values or max(values) < 65536 else "I", values)
    if not _LITTLE:  # pragma: no cover - big-endian hosts
        arr.byteswap()
    return bytes((arr.itemsize,)) + arr.tobytes()


def pack_sorted(values: Sequence[int]) -> bytes:
    """Pack an ascending sequence compactly: deltas, then zlib (tag ``z``).

    >>> list(unpack(pack_sorted([5, 9, 9, 400000])))
    [5, 9, 9, 400000]
    """
    deltas = [b - a for a, b in zip((0, *values[:-1]), values, strict=True)] if values else []
    return b"z" + zlib.compress(pack(deltas), 1)


def unpack(blob: bytes) -> array[int]:
    """Inverse of :func:`pack` and :func:`pack_sorted`.

    >>> list(unpack(pack([3, 40000]))), list(unpack(b""))
    ([3, 40000], [])
    """
    if not blob:
        return array("I")
    if blob[:1] == b"z":
        return array("I", accumulate(unpack(zlib.decompress(blob[1:]))))
    arr = array("H" if blob[0] == 2 else "I")
    arr.frombytes(blob[1:])
    if not _LITTLE:  # pragma: no cover - big-endian hosts
        arr.byteswap()
    return arr


@attrs.frozen
class DocumentIndex:
    """The index entries of one document.

    Attributes:
        positions: ``{term: [token position, ...]}`` in text order.
        starts: Original start offset of every token, in token order.
        norm_starts: Start of every token in the normalised text of the whole document.
        length: Length of the original text (the end of the last token window).

    >>> idx = index_text("No  limits")
    >>> idx.starts.tolist(), idx.norm_starts.tolist()
    ([0, 4], [0, 3])
    """

    positions: dict[str, list[int]]
    starts: array  # type: ignore[type-arg]
    norm_starts: array  # type: ignore[type-arg]
    length: int

    def packed_positions(self) -> dict[str, bytes]:
        """``{term: packed positions}``, ready to store.

        >>> index_text("a b a").packed_positions()["a"] == pack([0, 2])
        True
        """
        return {t: pack(p) for t, p in self.positions.items()}


def index_text(text: str) -> DocumentIndex:
    """Tokenise ``text`` and build its index entries.

    >>> index_text("Peace and peace").positions["peace"]
    [0, 2]
    """
    tok = tokenize(text)
    norm = tok.norm
    positions: dict[str, list[int]] = {}
    for i, term in enumerate(tok.tokens):
        positions.setdefault(term, []).append(i)
    to_original = norm.to_original
    starts = array("I", [to_original(s) for s in tok.starts])
    return DocumentIndex(positions, starts, array("I", tok.starts), len(text))


def phrase_pieces(n_tokens: int, max_edits: int) -> list[tuple[int, int]]:
    """Cut ``n_tokens`` into ``max_edits + 1`` contiguous pieces (fewer when too short).

    >>> phrase_pieces(5, 1)
    [(0, 2), (2, 5)]
    >>> phrase_pieces(1, 2)
    [(0, 1)]
    """
    k = max(1, min(n_tokens, max_edits + 1))
    bounds = [round(i * n_tokens / k) for i in range(k + 1)]
    return [(bounds[i], bounds[i + 1]) for i in range(k) if bounds[i] < bounds[i + 1]]


def phrase_windows(
    tokens: Sequence[str],
    lookup: PostingsLookup,
    *,
    max_edits: int = 1,
    docs: set[int] | None = None,
) -> dict[int, list[tuple[int, int]]]:
    """Token windows ``[first, stop)`` per document where ``tokens`` may occur.

    Each window is the phrase's span around an intact piece, widened by
    ``max_edits`` tokens on each side; overlapping windows are merged.
    ``docs`` restricts the search to those documents.

    >>> post = {"a": {1: [0, 9]}, "b": {1: [1]}, "c": {1: [10]}}
    >>> phrase_windows(["a", "b", "c"], post.get, max_edits=1)
    {1: [(0, 4), (7, 12)]}
    """
    n = len(tokens)
    found: dict[int, list[tuple[int, int]]] = {}
    if n == 0:
        return found
    for lo, hi in phrase_pieces(n, max_edits):
        lists: list[Mapping[int, Sequence[int]]] = []
        for term in tokens[lo:hi]:
            post = lookup(term)
            if not post:
                lists = []
                break
            lists.append(post)
        if not lists:
            continue
        common = set(lists[0])
        for post in lists[1:]:
            common &= set(post)
        if docs is not None:
            common &= docs
        for doc in common:
            for p in _consecutive(lists, doc):
                first = max(0, p - lo - max_edits)
                found.setdefault(doc, []).append((first, p - lo + n + max_edits))
    return {doc: _merge(spans) for doc, spans in sorted(found.items())}


def _consecutive(lists: list[Mapping[int, Sequence[int]]], doc: int) -> list[int]:
    """Positions ``p`` where term k of the piece is at ``p + k`` for every k."""
    candidates = set(lists[0][doc])
    for k, post in enumerate(lists[1:], start=1):
        candidates &= {p - k for p in post[doc]}
        if not candidates:
            break
    return sorted(candidates)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out

"""The archive's persisted word index: terms, positions and token offsets.

A document is indexed once, when it is added.  Its tokens are the matcher's
own (:func:`~statement_tracker._text._fold.split_terms` of the normalised text: a run
of letters and digits, an inner apostrophe kept, a CJK character alone), so
that a position in the index is a position for :func:`~statement_tracker.track`.
Per term we keep the sorted token positions; per document, the original and
the normalised start offset of every token.  All are packed integers.
Nothing here touches SQLite: :mod:`._store` stores the bytes and
:mod:`._retrieve` asks the questions.

:func:`~statement_tracker._text.index_rules` fingerprints the code that decides
tokens (normalisation and folding): an archive indexed under other rules must be re-indexed before
its positions can be trusted.

>>> idx = index_text("One China policy. The one-China policy stands.")
>>> sorted(idx.positions)[:3]
['china', 'one', 'policy']
>>> list(unpack(idx.packed_positions()["china"]))
[1, 5]
>>> index_text("China's policy").positions
{"china's": [0], 'policy': [1]}
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Sequence
from itertools import accumulate

import attrs

from .._text import Normalised, normalise

__all__ = [
    "DocumentIndex",
    "index_text",
    "pack",
    "pack_norm",
    "pack_sorted",
    "unpack",
    "unpack_norm",
]

_LITTLE = sys.byteorder == "little"


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
        norm: The normalisation of the text (what :func:`pack_norm` stores).

    >>> idx = index_text("No  limits")
    >>> idx.starts.tolist(), idx.norm_starts.tolist()
    ([0, 4], [0, 3])
    """

    positions: dict[str, list[int]]
    starts: array  # type: ignore[type-arg]
    norm_starts: array  # type: ignore[type-arg]
    length: int
    norm: Normalised | None = None

    def packed_positions(self) -> dict[str, bytes]:
        """``{term: packed positions}``, ready to store.

        >>> index_text("a b a").packed_positions()["a"] == pack([0, 2])
        True
        """
        return {t: pack(p) for t, p in self.positions.items()}


def index_text(text: str) -> DocumentIndex:
    """Tokenise ``text`` as the matcher does and build its index entries.

    >>> index_text("Peace and peace").positions["peace"]
    [0, 2]
    """
    from .._text import split_terms  # jieba: when indexing

    norm = normalise(text)
    parts = split_terms(norm.text)
    positions: dict[str, list[int]] = {}
    norm_starts = array("I")
    offset = 0
    for i, part in enumerate(parts):
        if i % 2:
            positions.setdefault(part, []).append(len(norm_starts))
            norm_starts.append(offset)
        offset += len(part)
    to_original = norm.to_original
    starts = array("I", [to_original(s) for s in norm_starts])
    return DocumentIndex(positions, starts, norm_starts, len(text), norm)


def pack_norm(norm: Normalised) -> bytes:
    """Pack a normalisation (its text and edit map; not the original) for storage.

    >>> n = normalise("No\u00a0 Limits")
    >>> m = unpack_norm(pack_norm(n), n.original)
    >>> (m.text, m.span_to_original(3, 9)) == (n.text, n.span_to_original(3, 9))
    True
    """
    edits = (*norm._n0, *norm._n1, *norm._o0, *norm._o1)
    packed = pack(edits)
    return len(packed).to_bytes(4, "little") + packed + zlib.compress(norm.text.encode(), 1)


def unpack_norm(blob: bytes, original: str) -> Normalised:
    """Inverse of :func:`pack_norm`, given the original text.

    >>> unpack_norm(pack_norm(normalise("A  B")), "A  B").text
    'a b'
    """
    size = int.from_bytes(blob[:4], "little")
    edits = unpack(blob[4 : 4 + size])
    m = len(edits) // 4
    n0, n1, o0, o1 = (edits[i * m : (i + 1) * m] for i in range(4))
    text = zlib.decompress(blob[4 + size :]).decode()
    return Normalised(original, text, n0, n1, o0, o1)

"""Verification of a quotation against one document: pieces and token alignment.

A quotation is cut into *pieces* (:func:`quote_pieces`) at ellipses and
editorial brackets; :func:`verify` then places every piece, in order, in a
tokenised document (:class:`DocText`): verbatim first, else by a token-level
alignment whose only differences are trivial (function words, spelling
variants, a word split in two).  A changed content word is never forgiven.
This is the private verification step of :mod:`statement_tracker._sources._find`.

>>> from statement_tracker._text._tokens import tokenize
>>> doc = DocText(tokenize("There are no forbidden areas of cooperation."))
>>> verify(quote_pieces("no [...] areas"), doc, 90.0, False)[1:]
(2, 5, True)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import attrs

from .._text import (
    TokenizedText,
    normalise_text,
    partial_alignment,
    sequence_opcodes,
    similarity,
    word_tokens,
)

__all__ = ["FUNCTION_WORDS", "DocText", "Piece", "quote_pieces", "verify"]


# Words whose presence or absence never decides a source: a quotation may drop or
# add them.  Any other differing word disqualifies a candidate.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from into onto over as than that
    this these those it its it's is are was were be been being am will would shall should can
    could may might must has have had do does did not no so such their them they our we us
    his her he she him i you your my me which who whom whose what when where while also
    both all any each either neither there here then too very just s t""".split()
)
_ELLIPSIS_GAP = 300  # document words an ellipsis may stand for
_MAX_FIRST_HITS = 200  # exact occurrences of a quotation's first piece tried per document

_BRACKET_RE = re.compile(r"\[[^\[\]]*\]")
_SEPARATOR_RE = re.compile(
    r"(?P<ell>[\[(]\s*(?:\.\s*){3,}[\])]|[\[(]\s*…\s*[\])]|(?:\.\s*){3,}|…)"
    r"|(?P<br>\[[^\[\]]*\])"
)


class DocText:
    """A tokenised document with a joined string for fast verbatim search.

    >>> from statement_tracker._text._tokens import tokenize
    >>> DocText(tokenize("No limits, no limits.")).find_all(("no", "limits"), 0, 4, 5)
    [0, 2]
    """

    def __init__(self, tt: TokenizedText) -> None:
        self.tt = tt
        self.tokens = tt.tokens
        self.joined = " " + " ".join(tt.tokens) + " "
        offs: list[int] = []
        pos = 1
        for tok in tt.tokens:
            offs.append(pos)
            pos += len(tok) + 1
        self.offsets = offs

    def find_all(self, piece: tuple[str, ...], lo: int, hi: int, limit: int) -> list[int]:
        """Token indices in ``[lo, hi)`` where ``piece`` starts verbatim."""
        if lo >= len(self.tokens) or hi - lo < len(piece):
            return []
        needle = " " + " ".join(piece) + " "
        start = self.offsets[lo] - 1
        end = self.offsets[hi - 1] + len(self.tokens[hi - 1]) + 1 if hi > 0 else 0
        out: list[int] = []
        while len(out) < limit:
            k = self.joined.find(needle, start, end + 1)
            if k < 0:
                break
            out.append(bisect.bisect_left(self.offsets, k + 1))
            start = k + 1
        return out


_Op = tuple[str, int, int, int, int]  # an edit opcode: tag, quote span, document span


@attrs.frozen
class Piece:
    """Normalised words of a quotation that must appear together in the document.

    >>> Piece(("open", "lines"), 300).max_gap
    300
    """

    tokens: tuple[str, ...]
    max_gap: int  # document words allowed between the previous piece and this one


def quote_pieces(text: str) -> list[Piece]:
    """Cut a quotation into the pieces that must all be found, in order.

    >>> [(p.tokens, p.max_gap) for p in quote_pieces("[T]he lines ... of talks")]
    [(('the', 'lines'), 0), (('of', 'talks'), 300)]
    """
    # brackets inside a word ("[T]he", "govern[ment]"): keep the letters, drop the
    # brackets (a soft hyphen vanishes in normalisation and keeps offsets)
    chars = list(text)
    for m in _BRACKET_RE.finditer(text):
        s, e = m.span()
        before = s > 0 and (text[s - 1].isalnum())
        after = e < len(text) and text[e].isalnum()
        inner = text[s + 1 : e - 1].strip()
        if (before or after) and inner and not set(inner) <= set(".… "):
            chars[s] = chars[e - 1] = "\u00ad"
    text = "".join(chars)
    pieces: list[Piece] = []
    gap = 0
    pos = 0
    for m in _SEPARATOR_RE.finditer(text):
        toks = tuple(word_tokens(normalise_text(text[pos : m.start()])))
        if toks:
            pieces.append(Piece(toks, gap))
            gap = 0
        if m.lastgroup == "ell":
            gap = _ELLIPSIS_GAP
        else:
            inserted = len(word_tokens(normalise_text(m.group())))
            gap += max(3, 2 * inserted + 2)
        pos = m.end()
    toks = tuple(word_tokens(normalise_text(text[pos:])))
    if toks:
        pieces.append(Piece(toks, gap))
    return pieces


@attrs.frozen
class _Span:
    first: int  # first document token
    stop: int  # one past the last document token
    equal: float  # quotation words matched (spelling variants and split words included)
    size: int  # quotation words in the piece
    exact: bool = True  # found verbatim


def _spelling_variant(a: str, b: str) -> bool:
    """Same word spelt differently (defence/defense, programme/program), not another word."""
    # the same word on both sides is a word moved, not a spelling
    return a != b and min(len(a), len(b)) >= 4 and a[0] == b[0] and similarity(a, b) >= 80.0


def _joined(
    parts: list[str], whole: list[str]
) -> tuple[list[str], list[str], int]:
    """Take out words of ``whole`` written as two adjacent words of ``parts`` (peace-making).

    Returns what is left of both lists and how many such joins there were.
    """
    joins = 0
    k = 0
    parts = list(parts)
    whole = list(whole)
    while k < len(parts) - 1:
        glued = parts[k] + parts[k + 1]
        if len(glued) >= 6 and glued in whole:
            whole.remove(glued)
            del parts[k : k + 2]
            joins += 1
        else:
            k += 1
    return parts, whole, joins


def _trivial(deleted: list[str], inserted: list[str]) -> float | None:
    """Matched weight of the differing words, or ``None`` if a content word changed.

    Every differing word must be a function word, pair up with a spelling
    variant on the other side, or be one word split in two on the other side
    (*peacemaking* / *peace making*).  A spelling pair counts as one matched
    word; a split word as one and a half (two words on one side, one on the other).
    """
    deleted, inserted, joins_a = _joined(deleted, inserted)
    inserted, deleted, joins_b = _joined(inserted, deleted)
    pool = [t for t in inserted if t not in FUNCTION_WORDS]
    pairs = 0
    for tok in deleted:
        if tok in FUNCTION_WORDS:
            continue
        pair = next((o for o in pool if _spelling_variant(tok, o)), None)
        if pair is None:
            return None
        pool.remove(pair)
        pairs += 1
    return None if pool else pairs + 1.5 * (joins_a + joins_b)


def _trim_context(ops: list[_Op]) -> list[_Op]:
    """Drop document words around the alignment that the quotation does not have.

    Before the first and after the last equal run, the document keeps only as
    many inserted words as the quotation has deleted words there, next to the
    equal run: they may be the same words spelt differently.
    """
    eq = [k for k, op in enumerate(ops) if op[0] == "equal"]
    if not eq:
        return []
    head, body, tail = ops[: eq[0]], ops[eq[0] : eq[-1] + 1], ops[eq[-1] + 1 :]
    return _keep_near(head, from_end=True) + body + _keep_near(tail, from_end=False)


def _keep_near(block: list[_Op], *, from_end: bool) -> list[_Op]:
    """Keep the deletions of an edge block and that many insertions nearest the body."""
    budget = sum(i2 - i1 for tag, i1, i2, _, _ in block if tag == "delete")
    out: list[_Op] = []
    for tag, i1, i2, j1, j2 in reversed(block) if from_end else block:
        if tag == "delete":
            out.append((tag, i1, i2, j1, j2))
            continue
        keep = min(budget, j2 - j1)
        budget -= keep
        if keep:
            out.append((tag, i1, i2, j2 - keep, j2) if from_end else (tag, i1, i2, j1, j1 + keep))
    return out[::-1] if from_end else out


def _diff_weight(
    piece: tuple[str, ...], window: tuple[str, ...], ops: list[_Op]
) -> tuple[int, float] | None:
    """``(content words equal, matched weight)`` of an alignment, or ``None`` if not trivial."""
    deleted: list[str] = []
    inserted: list[str] = []
    equal = 0
    content_equal = 0
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            equal += i2 - i1
            content_equal += sum(1 for t in piece[i1:i2] if t not in FUNCTION_WORDS)
        elif tag == "delete":
            deleted.extend(piece[i1:i2])
        else:
            inserted.extend(window[j1:j2])
    matched = _trivial(deleted, inserted)
    return None if matched is None else (content_equal, equal + matched)


def _fuzzy_piece(piece: Piece, doc: DocText, lo: int, hi: int, floor: float) -> _Span | None:
    """Best alignment of ``piece`` in ``doc.tokens[lo:hi]`` whose differences are trivial."""
    window = doc.tokens[lo:hi]
    if len(piece.tokens) < 3 or not window:
        return None
    score, s, e = partial_alignment(piece.tokens, window)
    if score < floor - 25.0:  # a cheap pre-filter; spelling variants lower this score
        return None
    best: _Span | None = None
    # the alignment of a few words at its edges is ambiguous (a "the" just before
    # the quotation): try the window as found and with a few words either side
    for da, db in ((0, 0), (1, 1), (3, 3), (0, 3), (3, 0), (0, 1), (1, 0)):
        a, b = max(0, s - da), min(len(window), e + db)
        ops = _trim_context(sequence_opcodes(piece.tokens, window[a:b]))
        got = _diff_weight(piece.tokens, window[a:b], ops) if ops else None
        if got is None or got[0] < 3:
            continue
        first = lo + a + ops[0][3]
        stop = lo + a + ops[-1][4]
        span = _Span(first, stop, got[1], len(piece.tokens), exact=False)
        if best is None or _score([span]) > _score([best]):
            best = span
    return best


def _score(spans: Sequence[_Span]) -> float:
    matched = sum(s.equal for s in spans)
    total = sum(s.size + (s.stop - s.first) for s in spans)
    return 200.0 * matched / total if total else 0.0


def verify(pieces: Sequence[Piece], doc: DocText, threshold: float, exact_only: bool) -> (
    tuple[float, int, int, bool] | None
):
    """Best placement of all pieces in ``doc``: ``(score, first, stop, exact)`` or ``None``.

    >>> from statement_tracker._text._tokens import tokenize
    >>> doc = DocText(tokenize("Keep open lines of communication."))
    >>> verify(quote_pieces("keep closed lines"), doc, 90.0, False) is None
    True
    """
    n = len(doc.tokens)
    head = pieces[0]
    starts: list[_Span] = [
        _Span(i, i + len(head.tokens), len(head.tokens), len(head.tokens))
        for i in doc.find_all(head.tokens, 0, n, _MAX_FIRST_HITS)
    ]
    if not starts and not exact_only:
        fuzzy = _fuzzy_piece(head, doc, 0, n, threshold)
        if fuzzy is not None:
            starts.append(fuzzy)
    best: tuple[float, int, int, bool] | None = None
    for first_span in starts:
        spans = [first_span]
        for piece in pieces[1:]:
            lo = spans[-1].stop
            hi = min(n, lo + piece.max_gap + len(piece.tokens))
            hit = doc.find_all(piece.tokens, lo, hi, 1)
            if hit:
                k = hit[0]
                spans.append(_Span(k, k + len(piece.tokens), len(piece.tokens), len(piece.tokens)))
                continue
            fuzzy = None if exact_only else _fuzzy_piece(piece, doc, lo, min(n, hi + 3), threshold)
            if fuzzy is None:
                break
            spans.append(fuzzy)
        if len(spans) != len(pieces):
            continue
        score = _score(spans)
        exact = all(s.exact for s in spans)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, spans[0].first, spans[-1].stop, exact)
            if exact:
                break
    return best

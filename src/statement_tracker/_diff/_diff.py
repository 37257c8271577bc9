"""Diff two readouts sentence by sentence: kept, typographic, reworded, added, removed, moved.

>>> old = "The sides discussed trade. They agreed to meet again. Both spoke."
>>> new = "They agreed to meet again. Both spoke. The sides discussed Trade."
>>> d = diff(old, new)
>>> [(c.kind, c.moved) for c in d.changes]
[('kept', False), ('kept', False), ('typographic', True)]
>>> d.apply_to(old) == new
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from .._errors import UsageError
from .._text import (
    Document,
    TokenizedText,
    edit_opcodes,
    normalise_text,
    sequence_opcodes,
    tokenize,
    windowed_similarity,
    word_tokens,
)
from .._track import Watchlist
from ._align import DEFAULT_CUTOFF, Pair, Side, align, units
from ._records import (
    CHANGE_KINDS,
    Change,
    Diff,
    DiffSummary,
    Edit,
    FormulaChange,
    Span,
    WordEdit,
)
from ._watch import formula_changes

__all__ = ["diff", "typographic_reason"]


def _as_document(doc: Document | str) -> Document:
    if isinstance(doc, Document):
        return doc
    if isinstance(doc, str):
        return Document.from_text(doc)
    raise UsageError(None, f"diff needs a Document or a str, not {type(doc).__name__}")


def diff(
    old: Document | str,
    new: Document | str,
    *,
    watchlist: Watchlist | None = None,
    threshold: float | None = None,
) -> Diff:
    """Compare two readouts sentence by sentence.

    Args:
        old: The earlier document (or its text).
        new: The later document (or its text).
        watchlist: A :class:`~statement_tracker.Watchlist`: the summary then names
            the formulas that appear, disappear or change wording.
        threshold: Token similarity (0–100) two unequal sentences need to pair as
            one reworded sentence; default 55.  Lower pairs looser rewordings.

    Raises:
        UsageError: ``old`` or ``new`` is not a document or text, or the
            threshold is outside 0–100.

    Returns:
        A :class:`Diff` whose changes cover every sentence of both texts.

    >>> d = diff("We support the one China policy.", "We support the one China principle.")
    >>> d.changes[0].kind, d.changes[0].reason
    ('reworded', '1 word edit')
    >>> diff("We support the one-China policy.", "We support the one China policy.").changes[0].kind
    'typographic'
    >>> diff("He said “yes”.", 'He said "Yes".').changes[0].reason
    'case, quotes'
    """
    old_doc, new_doc = _as_document(old), _as_document(new)
    cutoff = DEFAULT_CUTOFF if threshold is None else float(threshold)
    if not 0.0 < cutoff <= 100.0:
        raise UsageError(None, f"threshold must be above 0 and at most 100, not {threshold}")
    a = units(old_doc.text, language=old_doc.language)
    b = units(new_doc.text, language=new_doc.language)
    pairs, removed, added = align(a, b, cutoff=cutoff)
    paired = [_change_for_pair(a, b, p) for p in pairs]
    gone = [_unpaired(a, i, "removed") for i in removed]
    new_only = [_unpaired(b, j, "added") for j in added]
    changes = _reading_order(pairs, paired, removed, gone, added, new_only)
    formulas: tuple[FormulaChange, ...] = ()
    if watchlist is not None:
        formulas = formula_changes(old_doc, new_doc, watchlist)
    return Diff(
        changes=tuple(changes),
        summary=_summary(a, b, pairs, changes, formulas),
        old_doc_id=old_doc.doc_id,
        new_doc_id=new_doc.doc_id,
        script=tuple(_script(a, b, paired, added)),
        old_sha256=old_doc.sha256,
    )


def _run_span(side: Side, idx: tuple[int, ...]) -> Span:
    """The span of a run of consecutive units."""
    start, end = side.units[idx[0]].start, side.units[idx[-1]].end
    return Span(start, end, side.text[start:end])


def _change_for_pair(a: Side, b: Side, p: Pair) -> Change:
    old_span = _run_span(a, p.old)
    new_span = _run_span(b, p.new)
    edits: tuple[WordEdit, ...] = ()
    if old_span.text == new_span.text:
        kind, score, reason = "kept", 100.0, "identical"
    else:
        owords = word_tokens(normalise_text(old_span.text))
        nwords = word_tokens(normalise_text(new_span.text))
        if owords == nwords:
            kind, score = "typographic", 100.0
            reason = typographic_reason(old_span.text, new_span.text)
        else:
            kind = "reworded"
            edits = _word_edits(old_span, new_span)
            score = windowed_similarity(owords, nwords)
            reason = f"{len(edits)} word edit{'s' if len(edits) != 1 else ''}"
    if p.method in ("split", "merge"):
        reason = f"{'split in two' if p.method == 'split' else 'two merged'}; {reason}"
    return Change(
        kind=kind,
        old=old_span,
        new=new_span,
        score=score,
        moved=p.moved,
        edits=edits,
        method=p.method,
        reason=reason,
        old_paragraph=a.units[p.old[0]].paragraph,
        new_paragraph=b.units[p.new[0]].paragraph,
    )


def _word_edits(old: Span, new: Span) -> tuple[WordEdit, ...]:
    """Word-level edits (on normalised words) between two paired spans."""
    ot, nt = tokenize(old.text), tokenize(new.text)
    runs: list[list[int]] = []  # adjacent edits merged: "next year" -> "soon" is one replace
    for tag, i1, i2, j1, j2 in _opcodes(ot.tokens, nt.tokens, edit_opcodes):
        if tag == "equal":
            continue
        if runs and runs[-1][1] == i1 and runs[-1][3] == j1:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    return tuple(
        WordEdit(
            "insert" if i1 == i2 else "delete" if j1 == j2 else "replace",
            _words(old, ot, i1, i2),
            _words(new, nt, j1, j2),
        )
        for i1, i2, j1, j2 in runs
    )


#: Above this many token pairs (a "sentence" of thousands of words, as in hostile
#: input), a pair's edits are found from its common prefix and suffix only.
MAX_EDIT_CELLS = 25_000_000

_Opcodes = list[tuple[str, int, int, int, int]]


def _opcodes(
    a: Sequence[str], b: Sequence[str], exact: Callable[[Sequence[str], Sequence[str]], _Opcodes]
) -> _Opcodes:
    """Opcodes from ``exact``, or (on very long inputs) equal prefix, one replace, equal suffix.

    >>> _opcodes("abcxyz", "abQyz", lambda a, b: [])  # short: the exact function decides
    []
    """
    if len(a) * len(b) <= MAX_EDIT_CELLS:
        return exact(a, b)
    pre = 0
    while pre < min(len(a), len(b)) and a[pre] == b[pre]:
        pre += 1
    suf = 0
    while suf < min(len(a), len(b)) - pre and a[-1 - suf] == b[-1 - suf]:
        suf += 1
    out: _Opcodes = [("equal", 0, pre, 0, pre)] if pre else []
    ea, eb = len(a) - suf, len(b) - suf
    if ea > pre or eb > pre:
        tag = "replace" if ea > pre and eb > pre else "delete" if ea > pre else "insert"
        out.append((tag, pre, ea, pre, eb))
    if suf:
        out.append(("equal", ea, len(a), eb, len(b)))
    return out


def _words(span: Span, toks: TokenizedText, first: int, stop: int) -> Span:
    """Tokens ``first:stop`` of ``span`` in document coordinates; empty: where they would go."""
    if first < stop:
        s, e = toks.span_to_original(first, stop)
    else:
        s = e = toks.span_to_original(first - 1, first)[1] if first else 0
    return _shift(span, s, e)


def _shift(span: Span, s: int, e: int) -> Span:
    """A sub-span of ``span`` (offsets relative to it) in document coordinates."""
    return Span(span.start + s, span.start + e, span.text[s:e])


_QUOTES = set("\"'“”„‟«»「」『』″〝〞〟＂‘’‚‛′‹›`´＇《》〈〉")
_DASHES = set("-‐‑‒–—―−⁃﹘﹣－")


def typographic_reason(old: str, new: str) -> str:
    """Name what differs between two texts that are equal after normalisation.

    >>> typographic_reason("a - b", "A — b")
    'case, dashes'
    >>> typographic_reason("x\\u00a0y", "x y")
    'spacing'
    """
    found: set[str] = set()
    for tag, i1, i2, j1, j2 in _opcodes(old, new, edit_opcodes):
        if tag == "equal":
            continue
        a, b = old[i1:i2], new[j1:j2]
        if len(a) == len(b):
            found.update(_char_difference(x, y) for x, y in zip(a, b, strict=True))
        else:
            found.update(_char_class(ch) for ch in a + b)
    return ", ".join(sorted(found)) or "unicode form"


def _char_class(ch: str) -> str:
    if ch.isspace() or ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
        return "spacing"
    if ch in _QUOTES:
        return "quotes"
    if ch in _DASHES:
        return "dashes"
    return "unicode form" if ch.isalnum() else "punctuation"


def _char_difference(x: str, y: str) -> str:
    cx, cy = _char_class(x), _char_class(y)
    if cx == cy and cx != "unicode form":
        return cx
    if x.lower() == y.lower():
        return "case"
    return "unicode form" if x.isalnum() and y.isalnum() else "punctuation"


def _unpaired(side: Side, i: int, kind: str) -> Change:
    u = side.units[i]
    span = Span(u.start, u.end, side.text[u.start : u.end])
    other = "old" if kind == "added" else "new"
    return Change(
        kind=kind,
        old=span if kind == "removed" else None,
        new=span if kind == "added" else None,
        score=0.0,
        method="unpaired",
        reason=f"no counterpart in the {other} text",
        old_paragraph=u.paragraph if kind == "removed" else None,
        new_paragraph=u.paragraph if kind == "added" else None,
    )


def _reading_order(
    pairs: list[Pair],
    paired: list[Change],
    removed: list[int],
    gone: list[Change],
    added: list[int],
    new_only: list[Change],
) -> list[Change]:
    """Interleave the changes: new-text order, removed sentences at their old place."""
    items: list[tuple[int, int, Change]] = [
        (p.new[0], k, c) for k, (p, c) in enumerate(zip(pairs, paired, strict=True))
    ]
    items += [(j, -1, c) for j, c in zip(added, new_only, strict=True)]
    items.sort(key=lambda t: t[0])
    # for each item, the old position of the next pair that stayed in place
    next_anchor: list[int] = [0] * len(items)
    bound = 1 << 62
    for k in range(len(items) - 1, -1, -1):
        pk = items[k][1]
        if pk >= 0 and not pairs[pk].moved:
            bound = pairs[pk].old[0]
        next_anchor[k] = bound
    out: list[Change] = []
    r = 0
    for k, (_, pk, change) in enumerate(items):
        limit = pairs[pk].old[0] if pk >= 0 and not pairs[pk].moved else next_anchor[k]
        if pk < 0 or not pairs[pk].moved:
            while r < len(removed) and removed[r] < limit:
                out.append(gone[r])
                r += 1
        out.append(change)
    out.extend(gone[r:])
    return out


def _summary(
    a: Side,
    b: Side,
    pairs: list[Pair],
    changes: list[Change],
    formulas: tuple[FormulaChange, ...],
) -> DiffSummary:
    counts = dict.fromkeys(CHANGE_KINDS, 0)
    for c in changes:
        counts[c.kind] += 1
    size_a = [u.end - u.start for u in a.units]
    size_b = [u.end - u.start for u in b.units]
    total = sum(size_a) + sum(size_b)
    weight = 0.0
    for p in pairs:
        chars = sum(size_a[i] for i in p.old) + sum(size_b[j] for j in p.new)
        weight += chars * p.score / 100.0
    return DiffSummary(
        kept=counts["kept"],
        typographic=counts["typographic"],
        reworded=counts["reworded"],
        added=counts["added"],
        removed=counts["removed"],
        moved=sum(1 for c in changes if c.moved),
        similarity=100.0 if total == 0 else 100.0 * weight / total,
        old_sentences=len(a.units),
        new_sentences=len(b.units),
        formulas=formulas,
    )


_EXACT_TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")


# One step of a script under construction: (start, end, None) copies old[start:end],
# (0, 0, text) inserts text; plain tuples, made into Edit records once merged.
_Step = tuple[int, int, str | None]


def _script(a: Side, b: Side, paired: list[Change], added: list[int]) -> list[Edit]:
    """Copy/insert steps that rebuild the new text from the old one, in new-text order."""
    items: list[tuple[int, int, Change | None]] = [
        (c.new.start, c.new.end, c) for c in paired if c.new is not None
    ]
    items += [(b.units[j].start, b.units[j].end, None) for j in added]
    items.sort(key=lambda t: t[0])
    out: list[_Step] = []
    pos = 0  # reached in the new text
    prev_old_end: int | None = None
    for start, end, change in items:
        _gap(a.text, b.text[pos:start], prev_old_end, out)
        if change is None or change.old is None or change.new is None:
            out.append((0, 0, b.text[start:end]))
            prev_old_end = None
        else:
            _pair_script(change.old, change.new, out)
            prev_old_end = change.old.end
        pos = end
    _gap(a.text, b.text[pos:], prev_old_end, out)
    return _merge(out)


def _gap(old_text: str, gap: str, prev_old_end: int | None, out: list[_Step]) -> None:
    """Text between sentences: copied when the old text has it at the same place."""
    if not gap:
        return
    at = 0 if prev_old_end is None and not out else prev_old_end
    if at is not None and old_text[at : at + len(gap)] == gap:
        out.append((at, at + len(gap), None))
    else:
        out.append((0, 0, gap))


def _pair_script(old: Span, new: Span, out: list[_Step]) -> None:
    if old.text == new.text:
        out.append((old.start, old.end, None))
        return
    ot = [(m.group(), m.start()) for m in _EXACT_TOKEN_RE.finditer(old.text)]
    nt = [m.group() for m in _EXACT_TOKEN_RE.finditer(new.text)]
    for tag, i1, i2, j1, j2 in _opcodes([t[0] for t in ot], nt, sequence_opcodes):
        if tag == "equal":
            s = old.start + ot[i1][1]
            e = old.start + (ot[i2][1] if i2 < len(ot) else len(old.text))
            out.append((s, e, None))
        elif j2 > j1:
            out.append((0, 0, "".join(nt[j1:j2])))


def _merge(steps: list[_Step]) -> list[Edit]:
    """Join adjacent copies of contiguous old text and adjacent inserts."""
    merged: list[list[Any]] = []
    for start, end, text in steps:
        last = merged[-1] if merged else None
        if text is None and last is not None and last[2] is None and last[1] == start:
            last[1] = end
        elif text is not None and last is not None and last[2] is not None:
            last[2].append(text)
        else:
            merged.append([start, end, None if text is None else [text]])
    return [
        Edit(op="copy", start=s, end=e) if t is None else Edit(op="insert", text="".join(t))
        for s, e, t in merged
    ]

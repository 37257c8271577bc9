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
from typing import Any

import attrs

from ._align import Pair, Side, align, units
from ._errors import UsageError
from ._match import edit_opcodes, sequence_opcodes, token_similarity
from ._records import Document, content_hash
from ._tokens import TokenizedText, tokenize, word_tokens

__all__ = [
    "CHANGE_KINDS",
    "Change",
    "Diff",
    "DiffSummary",
    "Edit",
    "FormulaChange",
    "Span",
    "WordEdit",
    "diff",
]

#: The kinds of change, from the least to the most substantial.
CHANGE_KINDS: tuple[str, ...] = ("kept", "typographic", "reworded", "added", "removed")


@attrs.frozen
class Span:
    """A stretch of one document's original text: ``doc.text[start:end] == text``.

    >>> Span(0, 2, "No").to_dict()
    {'start': 0, 'end': 2, 'text': 'No'}
    """

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``{"start", "end", "text"}``.

        >>> Span(3, 4, "x").to_dict()["end"]
        4
        """
        return {"start": self.start, "end": self.end, "text": self.text}


def _span_dict(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else span.to_dict()


@attrs.frozen
class WordEdit:
    """A word-level edit inside a reworded sentence.

    Both spans are always given: an insert's ``old`` is the empty span where the
    words go in the old text, a delete's ``new`` the empty span where they were
    taken out of the new text.

    Attributes:
        op: ``insert``, ``delete`` or ``replace``.
        old: The words taken out (in the old text); empty for an insert.
        new: The words put in (in the new text); empty for a delete.

    >>> WordEdit("replace", Span(4, 9, "firm"), Span(4, 10, "strong")).to_dict()["op"]
    'replace'
    """

    op: str
    old: Span
    new: Span

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``{"op", "old", "new"}``.

        >>> WordEdit("insert", Span(0, 0, ""), Span(0, 2, "a ")).to_dict()["old"]
        {'start': 0, 'end': 0, 'text': ''}
        """
        return {"op": self.op, "old": self.old.to_dict(), "new": self.new.to_dict()}


@attrs.frozen(kw_only=True)
class Change:
    """One sentence (or a sentence split in two, or two merged) and what happened to it.

    Attributes:
        kind: One of :data:`CHANGE_KINDS`.
        old: The span in the old text, or ``None`` when added.
        new: The span in the new text, or ``None`` when removed.
        score: Token similarity of the normalised sentences, 0–100 (0 when unpaired).
        moved: The sentence changed position relative to its neighbours.
        edits: Word-level edits of a reworded sentence, in order.
        method: How the pair was found: ``anchor`` (equal, in order), ``key`` (equal,
            out of order), ``fuzzy``, ``split``, ``merge``, or ``unpaired``.
        reason: A short explanation (``"quotes, case"``, ``"2 word edits"`` …).
        old_paragraph: 0-based paragraph of ``old`` in the old text, or ``None``.
        new_paragraph: 0-based paragraph of ``new`` in the new text, or ``None``.

    >>> c = diff("A b c.", "A b d.").changes[0]
    >>> c.kind, [e.op for e in c.edits]
    ('reworded', ['replace'])
    """

    kind: str = attrs.field(validator=attrs.validators.in_(CHANGE_KINDS))
    old: Span | None
    new: Span | None
    score: float
    moved: bool = False
    edits: tuple[WordEdit, ...] = ()
    method: str
    reason: str
    old_paragraph: int | None = None
    new_paragraph: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of one change (see ``docs/diff.md``).

        >>> sorted(diff("A.", "A.").changes[0].to_dict())[:4]
        ['edits', 'kind', 'method', 'moved']
        """
        return {
            "kind": self.kind,
            "moved": self.moved,
            "score": round(self.score, 2),
            "method": self.method,
            "reason": self.reason,
            "old": _span_dict(self.old),
            "new": _span_dict(self.new),
            "old_paragraph": self.old_paragraph,
            "new_paragraph": self.new_paragraph,
            "edits": [e.to_dict() for e in self.edits],
        }


@attrs.frozen(kw_only=True)
class FormulaChange:
    """A watchlist formula that appears, disappears or changes wording between two texts.

    Attributes:
        phrase: The watchlist phrase's id.
        status: ``appeared``, ``disappeared`` or ``reworded``.
        old: Where it occurs in the old text (may be empty).
        new: Where it occurs in the new text (may be empty).

    >>> FormulaChange(phrase="one-china", status="appeared", old=(), new=()).to_dict()["status"]
    'appeared'
    """

    phrase: str
    status: str
    old: tuple[Span, ...]
    new: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``{"phrase", "status", "old", "new"}``.

        >>> FormulaChange(phrase="p", status="disappeared", old=(), new=()).to_dict()["new"]
        []
        """
        return {
            "phrase": self.phrase,
            "status": self.status,
            "old": [s.to_dict() for s in self.old],
            "new": [s.to_dict() for s in self.new],
        }


@attrs.frozen(kw_only=True)
class DiffSummary:
    """Counts of each kind of change, moves, overall similarity and watchlist formulas.

    Attributes:
        kept: Sentences unchanged.
        typographic: Sentences that differ only in quotes, dashes, spacing, case or Unicode form.
        reworded: Sentences paired with a changed wording (splits and merges included).
        added: Sentences only in the new text.
        removed: Sentences only in the old text.
        moved: Paired sentences that changed position relative to their neighbours.
        similarity: Share of the normalised text of both documents that is paired,
            weighted by each pair's score, 0–100.
        old_sentences: Sentences in the old text.
        new_sentences: Sentences in the new text.
        formulas: With a watchlist, the formulas that appear, disappear or change wording.

    >>> diff("A. B.", "A. C c c.").summary.removed
    1
    """

    kept: int
    typographic: int
    reworded: int
    added: int
    removed: int
    moved: int
    similarity: float
    old_sentences: int
    new_sentences: int
    formulas: tuple[FormulaChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the summary.

        >>> diff("A.", "A.").summary.to_dict()["similarity"]
        100.0
        """
        d = attrs.asdict(self, recurse=False)
        d["similarity"] = round(self.similarity, 2)
        d["formulas"] = [f.to_dict() for f in self.formulas]
        return d


@attrs.frozen(kw_only=True)
class Edit:
    """One step of an edit script: copy a stretch of the old text, or insert new text.

    Attributes:
        op: ``copy`` (``old[start:end]``) or ``insert`` (``text``).
        start: Start offset in the old text (copy).
        end: End offset in the old text (copy).
        text: The inserted text (insert).

    >>> Edit(op="copy", start=0, end=2).apply("abc")
    'ab'
    """

    op: str = attrs.field(validator=attrs.validators.in_(("copy", "insert")))
    start: int = 0
    end: int = 0
    text: str = ""

    def apply(self, old_text: str) -> str:
        """Return the text this step produces from ``old_text``.

        >>> Edit(op="insert", text="new").apply("old")
        'new'
        """
        return old_text[self.start : self.end] if self.op == "copy" else self.text


@attrs.frozen(kw_only=True)
class Diff:
    """The changes between two documents, in reading order, with their summary.

    Reading order follows the new text; a removed sentence stands where it stood
    in the old text, before what replaced it.

    Attributes:
        changes: Every sentence of both texts, in exactly one change.
        summary: Counts, similarity and watchlist formulas.
        old_doc_id: Id of the old document.
        new_doc_id: Id of the new document.
        script: Copy/insert steps that turn the old text into the new (see :meth:`apply_to`).
        old_sha256: SHA-256 of the old text, checked by :meth:`apply_to`.

    >>> d = diff("One. Two.", "One. Three.")
    >>> [c.kind for c in d.changes]
    ['kept', 'removed', 'added']
    """

    changes: tuple[Change, ...]
    summary: DiffSummary
    old_doc_id: str
    new_doc_id: str
    script: tuple[Edit, ...]
    old_sha256: str

    def apply_to(self, old_text: str) -> str:
        """Run the edit script on the old text: the result is the new text, exactly.

        Raises:
            UsageError: ``old_text`` is not the text this diff was computed from.

        >>> d = diff("Keep this. Drop that.", "Keep this. Add more.")
        >>> d.apply_to("Keep this. Drop that.")
        'Keep this. Add more.'
        """
        if content_hash(old_text) != self.old_sha256:
            raise UsageError(None, f"text is not the old document {self.old_doc_id} of this diff")
        return "".join(e.apply(old_text) for e in self.script)

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"old_doc_id", "new_doc_id", "changes": [...], "summary": {...}}``.

        >>> sorted(diff("A.", "B b.").to_dict())
        ['changes', 'new_doc_id', 'old_doc_id', 'summary']
        """
        return {
            "old_doc_id": self.old_doc_id,
            "new_doc_id": self.new_doc_id,
            "changes": [c.to_dict() for c in self.changes],
            "summary": self.summary.to_dict(),
        }


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
    watchlist: Any = None,
) -> Diff:
    """Compare two readouts sentence by sentence.

    Args:
        old: The earlier document (or its text).
        new: The later document (or its text).
        watchlist: A :class:`~statement_tracker.Watchlist`: the summary then names
            the formulas that appear, disappear or change wording.

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
    a = units(old_doc.text, language=old_doc.language)
    b = units(new_doc.text, language=new_doc.language)
    pairs, removed, added = align(a, b)
    paired = [_change_for_pair(a, b, p) for p in pairs]
    gone = [_unpaired(a, i, "removed") for i in removed]
    new_only = [_unpaired(b, j, "added") for j in added]
    changes = _reading_order(pairs, paired, removed, gone, added, new_only)
    formulas: tuple[FormulaChange, ...] = ()
    if watchlist is not None:
        from ._diff_watch import formula_changes

        formulas = formula_changes(old_doc, new_doc, watchlist)
    return Diff(
        changes=tuple(changes),
        summary=_summary(a, b, pairs, changes, formulas),
        old_doc_id=old_doc.doc_id,
        new_doc_id=new_doc.doc_id,
        script=tuple(_script(a, b, pairs, paired, added)),
        old_sha256=old_doc.sha256,
    )


def _run_span(side: Side, idx: tuple[int, ...]) -> tuple[int, int, int, int]:
    """Original and normalised span of a run of consecutive units."""
    first, last = side.units[idx[0]], side.units[idx[-1]]
    return first.start, last.end, first.nstart, last.nend


def _change_for_pair(a: Side, b: Side, p: Pair) -> Change:
    os_, oe, ons, one = _run_span(a, p.old)
    ns_, ne, nns, nne = _run_span(b, p.new)
    old_span = Span(os_, oe, a.text[os_:oe])
    new_span = Span(ns_, ne, b.text[ns_:ne])
    edits: tuple[WordEdit, ...] = ()
    if old_span.text == new_span.text:
        kind, score, reason = "kept", 100.0, "identical"
    else:
        owords = word_tokens(a.norm.text[ons:one])
        nwords = word_tokens(b.norm.text[nns:nne])
        if owords == nwords:
            kind, score = "typographic", 100.0
            reason = typographic_reason(old_span.text, new_span.text)
        else:
            kind = "reworded"
            edits = _word_edits(old_span, new_span)
            score = token_similarity(owords, nwords)
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
    for tag, i1, i2, j1, j2 in edit_opcodes(ot.tokens, nt.tokens):
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
    for tag, i1, i2, j1, j2 in edit_opcodes(old, new):
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
    where = "new" if kind == "added" else "old"
    return Change(
        kind=kind,
        old=span if kind == "removed" else None,
        new=span if kind == "added" else None,
        score=0.0,
        method="unpaired",
        reason=f"no counterpart in the {'old' if where == 'new' else 'new'} text",
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
    total = sum(len(u.key) for u in a.units) + sum(len(u.key) for u in b.units)
    weight = 0.0
    for p in pairs:
        chars = sum(len(a.units[i].key) for i in p.old) + sum(len(b.units[j].key) for j in p.new)
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


def _script(
    a: Side, b: Side, pairs: list[Pair], paired: list[Change], added: list[int]
) -> list[Edit]:
    """Copy/insert steps that rebuild the new text from the old one, in new-text order."""
    steps: list[tuple[int, int, Change | None, int | None]] = [
        (c.new.start, c.new.end, c, c.old.end)  # type: ignore[union-attr]
        for c in paired
    ]
    steps += [(b.units[j].start, b.units[j].end, None, None) for j in added]
    steps.sort(key=lambda t: t[0])
    out: list[Edit] = []
    pos = 0  # reached in the new text
    prev_old_end: int | None = None
    for start, end, change, old_end in steps:
        _gap(a.text, b.text[pos:start], prev_old_end, out)
        if change is None:
            out.append(Edit(op="insert", text=b.text[start:end]))
        else:
            assert change.old is not None and change.new is not None
            _pair_script(change.old, change.new, out)
        pos, prev_old_end = end, old_end
    _gap(a.text, b.text[pos:], prev_old_end, out)
    return _merge(out)


def _gap(old_text: str, gap: str, prev_old_end: int | None, out: list[Edit]) -> None:
    """Text between sentences: copied when the old text has it at the same place."""
    if not gap:
        return
    at = 0 if prev_old_end is None and not out else prev_old_end
    if at is not None and old_text[at : at + len(gap)] == gap:
        out.append(Edit(op="copy", start=at, end=at + len(gap)))
    else:
        out.append(Edit(op="insert", text=gap))


def _pair_script(old: Span, new: Span, out: list[Edit]) -> None:
    if old.text == new.text:
        out.append(Edit(op="copy", start=old.start, end=old.end))
        return
    ot = [(m.group(), m.start()) for m in _EXACT_TOKEN_RE.finditer(old.text)]
    nt = [m.group() for m in _EXACT_TOKEN_RE.finditer(new.text)]
    for tag, i1, i2, j1, j2 in sequence_opcodes([t[0] for t in ot], nt):
        if tag == "equal":
            s = old.start + ot[i1][1]
            e = old.start + (ot[i2][1] if i2 < len(ot) else len(old.text))
            out.append(Edit(op="copy", start=s, end=e))
        elif j2 > j1:
            out.append(Edit(op="insert", text="".join(nt[j1:j2])))


def _merge(steps: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for e in steps:
        if out and e.op == out[-1].op == "copy" and out[-1].end == e.start:
            out[-1] = attrs.evolve(out[-1], end=e.end)
        elif out and e.op == out[-1].op == "insert":
            out[-1] = attrs.evolve(out[-1], text=out[-1].text + e.text)
        else:
            out.append(e)
    return out

"""The records a diff is made of: spans, word edits, changes, the summary, the edit script.

All are frozen attrs classes with a ``to_dict()`` JSON form (schema in ``docs/diff.md``).

>>> Span(0, 9, "No limits").to_dict()
{'start': 0, 'end': 9, 'text': 'No limits'}
"""

from __future__ import annotations

from typing import Any

import attrs

from .._errors import UsageError
from .._text import content_hash
from ._display import DiffDisplay

__all__ = [
    "CHANGE_KINDS",
    "Change",
    "Diff",
    "DiffSummary",
    "Edit",
    "FormulaChange",
    "Span",
    "WordEdit",
]

#: The kinds of change, from the least to the most substantial.
CHANGE_KINDS: tuple[str, ...] = ("kept", "typographic", "reworded", "added", "removed")


@attrs.frozen
class Span:
    """A stretch of one document's original text: ``doc.text[start:end] == text``.

    Attributes:
        start: Start offset in the document's original text.
        end: End offset (exclusive).
        text: The original text of the span.

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

    >>> from statement_tracker import diff
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

        >>> from statement_tracker import diff
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
        phrase_id: The watchlist phrase's id.
        phrase: The phrase's text.
        status: ``appeared``, ``disappeared`` or ``reworded``.
        old: Where it occurs in the old text (may be empty).
        new: Where it occurs in the new text (may be empty).

    >>> FormulaChange(phrase_id="P1", phrase="new era", status="appeared", old=(), new=()).status
    'appeared'
    """

    phrase_id: str
    phrase: str
    status: str
    old: tuple[Span, ...]
    new: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``{"phrase_id", "phrase", "status", "old", "new"}``.

        >>> f = FormulaChange(phrase_id="P1", phrase="p", status="disappeared", old=(), new=())
        >>> f.to_dict()["new"]
        []
        """
        return {
            "phrase_id": self.phrase_id,
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

    >>> from statement_tracker import diff
    >>> diff("Ab. Bc.", "Ab. Cd cd cd.").summary.removed
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

        >>> from statement_tracker import diff
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


@attrs.frozen(kw_only=True, repr=False)
class Diff(DiffDisplay):
    """The changes between two documents, in reading order, with their summary.

    ``repr()`` is its summary line, ``str()`` a table of the changes, Jupyter
    shows a redline table, :meth:`to_dataframe` gives one row per change.

    Reading order follows the new text; a removed sentence stands where it stood
    in the old text, before what replaced it.

    Attributes:
        changes: Every sentence of both texts, in exactly one change.
        summary: Counts, similarity and watchlist formulas.
        old_doc_id: Id of the old document.
        new_doc_id: Id of the new document.
        script: Copy/insert steps that turn the old text into the new (see :meth:`apply_to`).
        old_sha256: SHA-256 of the old text, checked by :meth:`apply_to`.

    >>> from statement_tracker import diff
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

        >>> from statement_tracker import diff
        >>> d = diff("Keep this. Drop that.", "Keep this. Add more.")
        >>> d.apply_to("Keep this. Drop that.")
        'Keep this. Add more.'
        """
        if content_hash(old_text) != self.old_sha256:
            raise UsageError(None, f"text is not the old document {self.old_doc_id} of this diff")
        return "".join(e.apply(old_text) for e in self.script)

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"old_doc_id", "new_doc_id", "changes": [...], "summary": {...}}``.

        >>> from statement_tracker import diff
        >>> sorted(diff("A.", "B b.").to_dict())
        ['changes', 'new_doc_id', 'old_doc_id', 'summary']
        """
        return {
            "old_doc_id": self.old_doc_id,
            "new_doc_id": self.new_doc_id,
            "changes": [c.to_dict() for c in self.changes],
            "summary": self.summary.to_dict(),
        }

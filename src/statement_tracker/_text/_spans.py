"""The spans of a document's phrase records, as columns: what :func:`records` and
:func:`records_batch` share.

Segmentation and quotation finding run once over the whole text; what used to be done
record by record (the paragraph a span is in, the speaker of the transcript turn it is
in, the order of the records, their normalised offsets) is done for all spans at once
with numpy.

>>> from ._records import Document
>>> cols = collect(Document.from_text("One. Two, but three."), frozenset({"sentence", "clause"}))
>>> cols.kind.tolist(), cols.start.tolist(), cols.end.tolist()
([1, 2, 1, 2, 2], [0, 0, 5, 5, 10], [4, 4, 20, 9, 20])
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ._normalise import _ZW, Normalised
from ._quotes import Quotation, quotations_in, turns_in
from ._records import RECORD_KINDS, Document
from ._segment import _CLAUSE, paragraph_spans, sentence_spans

__all__ = ["Columns", "collect", "to_normalised"]

_PARAGRAPH, _SENTENCE, _CLAUSE_KIND, _QUOTE = (RECORD_KINDS.index(k) for k in RECORD_KINDS)
# A clause mark (one character) and the white space (or zero-width characters) after it.
_CLAUSE_THEN_SPACE = re.compile(rf"(?:{_CLAUSE.pattern})[\s{_ZW}]*")

if TYPE_CHECKING:  # numpy is imported when records are first made, not with the package
    import numpy as np
    import numpy.typing as npt

    Ints = npt.NDArray[np.int64]


@attrs.frozen(kw_only=True, eq=False)
class Columns:
    """Record spans in output order: kind (index into :data:`RECORD_KINDS`), start,
    end, paragraph, speaker (index into ``speakers``, -1 for none).

    Compared by identity (numpy arrays inside)."""

    kind: npt.NDArray[np.uint8]
    start: Ints
    end: Ints
    paragraph: npt.NDArray[np.int32]
    speaker: npt.NDArray[np.int32]
    speakers: tuple[str, ...]


def _pairs(spans: list[tuple[int, int]]) -> tuple[Ints, Ints]:
    import numpy as np

    # flattened first: np.array of a list of tuples converts element by element
    a = np.fromiter(itertools.chain.from_iterable(spans), dtype=np.int64, count=2 * len(spans))
    return a[0::2], a[1::2]


def _speaker_index(
    offsets: Ints, turn_starts: Ints, turn_ends: Ints, turn_names: Ints
) -> npt.NDArray[np.int32]:
    """The speaker (an index into the speaker table) of the turn each offset is in, or -1:
    the last turn starting at or before the offset, if the offset is before its end."""
    import numpy as np

    if not len(turn_starts) or not len(offsets):
        return np.full(len(offsets), -1, dtype=np.int32)
    k = np.searchsorted(turn_starts, offsets, side="right") - 1
    kk = np.maximum(k, 0)
    inside = (k >= 0) & (offsets < turn_ends[kk])
    return np.where(inside, turn_names[kk], -1).astype(np.int32)


def collect(doc: Document, wanted: frozenset[str]) -> Columns:
    """The spans of the record kinds in ``wanted`` for ``doc``, in record order: by
    start, longer spans first, then by kind (paragraph, sentence, clause, quote)."""
    import numpy as np

    text = doc.text
    paragraphs = paragraph_spans(text)
    want_quotes = "quote" in wanted
    quotes: list[Quotation] = quotations_in(text, paragraphs) if want_quotes else []
    turns = (
        [q for q in quotes if q.kind == "transcript"] if want_quotes else turns_in(text, paragraphs)
    )
    names: dict[str, int] = {}
    turn_names = np.array(
        [-1 if t.speaker is None else names.setdefault(t.speaker, len(names)) for t in turns],
        dtype=np.int64,
    )
    turn_starts = np.array([t.outer_start for t in turns], dtype=np.int64)
    turn_ends = np.array([t.end for t in turns], dtype=np.int64)

    kinds: list[npt.NDArray[np.uint8]] = []
    starts: list[Ints] = []
    ends: list[Ints] = []
    paras: list[npt.NDArray[np.int32]] = []
    whos: list[npt.NDArray[np.int32]] = []

    def add(kind: int, s: Ints, e: Ints, p: npt.ArrayLike, who: npt.ArrayLike) -> None:
        kinds.append(np.full(len(s), kind, dtype=np.uint8))
        starts.append(s)
        ends.append(e)
        paras.append(np.asarray(p, dtype=np.int32))
        whos.append(np.asarray(who, dtype=np.int32))

    ps, pe = _pairs(paragraphs)
    if "paragraph" in wanted:
        add(_PARAGRAPH, ps, pe, np.arange(len(ps)),
            _speaker_index(ps, turn_starts, turn_ends, turn_names))  # fmt: skip
    if "sentence" in wanted or "clause" in wanted:
        # Sentences never cross a blank line, so one call over the whole text gives the
        # same spans as one call per paragraph (a property test checks it).
        ss, se = _pairs(sentence_spans(text, language=doc.language))
        s_para = np.searchsorted(ps, ss, side="right") - 1
        s_who = _speaker_index(ss, turn_starts, turn_ends, turn_names)
        if "sentence" in wanted:
            add(_SENTENCE, ss, se, s_para, s_who)
        if "clause" in wanted:
            _add_clauses(text, ss, se, s_para, s_who, add)
    if quotes:
        qs = np.array([q.start for q in quotes], dtype=np.int64)
        qe = np.array([q.end for q in quotes], dtype=np.int64)
        q_para = np.maximum(np.searchsorted(ps, qs, side="right") - 1, 0)
        q_who = [
            -1 if q.speaker is None else names.setdefault(q.speaker, len(names)) for q in quotes
        ]
        add(_QUOTE, qs, qe, q_para, q_who)
    if not starts:
        return _empty()
    kind = np.concatenate(kinds)
    start = np.concatenate(starts)
    end = np.concatenate(ends)
    order = np.lexsort((kind, -end, start))  # stable: equal spans of a kind keep their order
    return Columns(
        kind=kind[order],
        start=start[order],
        end=end[order],
        paragraph=np.concatenate(paras)[order],
        speaker=np.concatenate(whos)[order],
        speakers=tuple(names),
    )


def _add_clauses(
    text: str,
    ss: Ints,
    se: Ints,
    s_para: npt.NDArray[np.int64],
    s_who: npt.NDArray[np.int32],
    add: Callable[[int, Ints, Ints, npt.ArrayLike, npt.ArrayLike], None],
) -> None:
    """Clauses of all sentences at once, as :func:`clause_spans` cuts each of them.

    A clause ends after a place where one may end (a mark of ``_CLAUSE``, found once for
    the whole text) when something other than white space follows it in its sentence;
    the next clause starts there.  A sentence without such a mark is one clause, its own
    span.  (A mark found in the whole text whose look-ahead reaches past its sentence's
    end has only white space after it in the sentence, so it splits nothing either way.)
    """
    import numpy as np

    # each mark with the white space after it: the match ends where the next clause starts
    marks, after = _pairs([m.span() for m in _CLAUSE_THEN_SPACE.finditer(text)])
    if len(marks) and len(ss):
        k = np.searchsorted(ss, marks, side="right") - 1  # the sentence holding each mark
        kk = np.maximum(k, 0)
        inside = (k >= 0) & (marks < se[kk])
        owner = kk[inside]
        ends = marks[inside] + 1
        nxt = after[inside]
        valid = nxt < se[owner]
        owner, ends, nxt = owner[valid], ends[valid], nxt[valid]
    else:
        owner = nxt = ends = np.zeros(0, dtype=np.int64)
    if not len(owner):
        add(_CLAUSE_KIND, ss, se, s_para, s_who)
        return
    split = np.zeros(len(ss), dtype=bool)
    split[owner] = True
    whole = ~split
    add(_CLAUSE_KIND, ss[whole], se[whole], s_para[whole], s_who[whole])
    # clauses tile their sentence in order: sorted starts and sorted ends pair up
    cut = np.flatnonzero(split)
    cs = np.sort(np.concatenate((ss[cut], nxt)))
    ce = np.sort(np.concatenate((ends, se[cut])))
    sentence = np.searchsorted(ss, cs, side="right") - 1
    add(_CLAUSE_KIND, cs, ce, s_para[sentence], s_who[sentence])


def _empty() -> Columns:
    import numpy as np

    z = np.zeros(0, dtype=np.int64)
    return Columns(
        kind=np.zeros(0, dtype=np.uint8),
        start=z,
        end=z,
        paragraph=np.zeros(0, dtype=np.int32),
        speaker=np.zeros(0, dtype=np.int32),
        speakers=(),
    )


def to_normalised(normalised: Normalised, s: Ints, e: Ints) -> tuple[Ints, Ints]:
    """:meth:`Normalised.span_to_normalised` of many spans at once, then trimmed of the
    spaces at their edges (white space inside the document is white space at a record's
    edge), so that ``normalised.text[a:b]`` is each record's ``norm``.

    The same arithmetic on the same edit map as the method, one ``searchsorted`` for
    all starts and one for all ends instead of two bisections per span.
    """
    import numpy as np

    n_text = len(normalised.text)
    o0 = np.frombuffer(normalised._o0, dtype=np.int64)
    if not len(o0):  # nothing was removed or expanded: offsets are the same
        a = np.where(s >= len(normalised.original), n_text, s)
        b = np.where(e <= s, a, np.maximum(a, e))
    else:
        o1 = np.frombuffer(normalised._o1, dtype=np.int64)
        n0 = np.frombuffer(normalised._n0, dtype=np.int64)
        n1 = np.frombuffer(normalised._n1, dtype=np.int64)
        # start: Normalised.to_normalised
        k = np.searchsorted(o0, s, side="right") - 1
        kk = np.maximum(k, 0)
        inside = s < o1[kk]
        a = np.where(
            k < 0,
            s,
            np.where(inside, np.where(s == o0[kk], n0[kk], n1[kk]), n1[kk] + (s - o1[kk])),
        )
        a = np.where(s >= len(normalised.original), n_text, a)
        # end: the normalised position just after the character holding end - 1
        last = e - 1
        k = np.searchsorted(o0, last, side="right") - 1
        kk = np.maximum(k, 0)
        b = np.where(k < 0, e, np.where(last < o1[kk], n1[kk], n1[kk] + (last - o1[kk]) + 1))
        b = np.where(e <= s, a, np.maximum(a, b))
    if not n_text or not len(a):
        return a, b
    # str.strip(" ") of each span, done on the offsets
    space = np.frombuffer(normalised.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    space = space == 32
    a = a.copy()
    b = b.copy()
    while True:
        step = (a < b) & space[np.minimum(a, n_text - 1)]
        if not step.any():
            break
        a += step
    while True:
        step = (b > a) & space[np.maximum(b - 1, 0)]
        if not step.any():
            break
        b -= step
    return a, b

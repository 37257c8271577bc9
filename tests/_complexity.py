"""Adversarial input shapes and the stages they are fed to, for the complexity checks.

Shared by ``tests/test_complexity.py`` (``-m complexity``) and
``benchmarks/bench_complexity.py``.  Every stage must do work linear in its
input: on 0.25, 0.5 and 1 MB of each shape, a doubling of the input may cost
at most :data:`MAX_RATIO` times the CPU time.  Times are the best of
:data:`REPEATS` runs of ``time.process_time`` (CPU, not wall time, so other
processes on the machine do not count), and a run under :data:`FLOOR`
seconds passes whatever its ratio (timer noise).
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import tempfile
import time
from collections.abc import Callable

import statement_tracker as st
from statement_tracker import Document

#: Input sizes in bytes (about: shapes are cut to whole units).
SIZES = (256 * 1024, 512 * 1024, 1024 * 1024)
#: The most a doubling of the input may cost.
MAX_RATIO = 2.5
#: Best of this many runs.
REPEATS = 3
#: CPU seconds under which a measurement is noise, whatever the ratio.
FLOOR = 0.1

_PROSE = (
    "The two leaders discussed trade, security and climate cooperation, agreed to keep "
    "the channels of communication open and to meet again next year in Beijing. "
)


def _wrapped(size: int) -> str:
    words = (_PROSE * (size // len(_PROSE) + 1)).split()
    lines, line, total = [], "", 0
    for w in words:
        if len(line) + len(w) + 1 > 72:
            lines.append(line)
            total += len(line) + 1
            line = w
        else:
            line = f"{line} {w}" if line else w
        if total > size:
            break
    return "\n".join(lines)[:size]


#: Shape name -> text of about ``size`` characters.
SHAPES: dict[str, Callable[[int], str]] = {
    "short_lines": lambda n: "a\n" * (n // 2),
    "wrapped_paragraph": _wrapped,
    "spaces": lambda n: "a" + " " * (n - 2) + "b",
    "dots": lambda n: "." * n,
    "quotes": lambda n: '"' * n,
    "curly_quotes": lambda n: "“”«»" * (n // 4),
    "brackets": lambda n: "([{" * (n // 3),
    "hyphens": lambda n: "-" * n,
    "mr": lambda n: "Mr. " * (n // 4),
}


def _front_matter(text: str) -> bytes:
    """The text as a double-quoted title folded over indented lines (ending in "\\")."""
    lines = text.replace("\\", "/").replace('"', "'").split("\n")
    folded = "\\\n  ".join(lines)
    return f'---\ntitle: "{folded}"\n---\n# T\n\nBody.\n'.encode()


def _jsonl(text: str) -> str:
    path = os.path.join(tempfile.mkdtemp(), "c.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "a", "text": text}) + "\n")
    return path


def _html(text: str) -> bytes:
    body = text.replace("&", "&amp;").replace("<", "&lt;")
    return f"<html><head><title>T</title></head><body><p>{body}</p></body></html>".encode()


_WATCHLIST = st.Watchlist(["no limits", "new era", "channels of communication", "Mr. Xi"])


def _doc(text: str) -> Document:
    return Document.from_text(text if text.strip() else "x")


def _edited(text: str) -> str:
    half = len(text) // 2
    return text[:half] + " Both sides agreed. " + text[half:]


def _watchlist_file(text: str) -> str:
    path = os.path.join(tempfile.mkdtemp(), "w.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


_SHORT_DOC = Document.from_text("A new era of no limits partnership.")


def _watchlist_track(path: str) -> None:
    """Read a watchlist file (one formula a line) and compile it by tracking one short text."""
    st.track([_SHORT_DOC], st.Watchlist.from_file(path))


def _archive_add(doc: Document) -> None:
    folder = tempfile.mkdtemp()
    with st.Archive.open(os.path.join(folder, "a.db")) as a:
        a.add([doc])


#: Stage name -> (prepare input from text, the work to time).  Preparing is not timed.
STAGES: dict[str, tuple[Callable[[str], object], Callable[[object], object]]] = {
    "load_text": (str.encode, lambda b: st.load_bytes(b, name="x.txt")),  # type: ignore[arg-type]
    "load_markdown": (
        lambda t: f"---\ntitle: T\n---\n{t}".encode(),
        lambda b: st.load_bytes(b, name="x.md"),  # type: ignore[arg-type]
    ),
    "front_matter": (_front_matter, lambda b: st.load_bytes(b, name="x.md")),  # type: ignore[arg-type]
    "load_html": (_html, lambda b: st.load_bytes(b, name="x.html")),  # type: ignore[arg-type]
    "load_jsonl": (_jsonl, lambda p: list(st.load_corpus(p))),  # type: ignore[arg-type]
    "normalise": (lambda t: t, st.normalise),  # type: ignore[arg-type]
    "sentences": (lambda t: t, st.sentence_spans),  # type: ignore[arg-type]
    "clauses": (lambda t: t, st.clause_spans),  # type: ignore[arg-type]
    "quotations": (lambda t: t, st.quotations),  # type: ignore[arg-type]
    "records": (_doc, st.records),  # type: ignore[arg-type]
    "track": (_doc, lambda d: st.track([d], _WATCHLIST)),  # type: ignore[list-item]
    "diff": (lambda t: (_doc(t), _doc(_edited(t))), lambda p: st.diff(*p)),  # type: ignore[misc]
    "archive_add": (_doc, _archive_add),  # type: ignore[arg-type]
    "watchlist": (_watchlist_file, _watchlist_track),  # type: ignore[arg-type]
}


def cpu_time(stage: str, text: str, *, repeats: int = REPEATS) -> float:
    """The best of ``repeats`` CPU times of ``stage`` on ``text`` (preparing not counted)."""
    prepare, work = STAGES[stage]
    data = prepare(text)
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        t0 = time.process_time()
        try:
            work(data)
        except st.StatementTrackerError:  # "---" lines are a Markdown rule: no text
            pass
        best = min(best, time.process_time() - t0)
    return best


def growth(stage: str, shape: str, *, sizes: tuple[int, ...] = SIZES) -> tuple[float, ...]:
    """CPU seconds of ``stage`` on ``shape`` at each size (smallest first)."""
    return tuple(cpu_time(stage, SHAPES[shape](n)) for n in sizes)


def linear(times: tuple[float, ...]) -> bool:
    """Whether each doubling costs at most :data:`MAX_RATIO` (or the time is under the floor)."""
    return all(b <= FLOOR or b <= MAX_RATIO * a for a, b in itertools.pairwise(times))

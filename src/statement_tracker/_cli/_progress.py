"""Progress bars on standard error for the long commands (tqdm).

A bar shows the count, the total, the rate and the time left.  It is drawn only
when standard error is a terminal and ``--quiet`` is not given (``--progress``
forces it, ``--no-progress`` hides it), so pipes, files and CI logs stay clean.
tqdm is imported only when a bar is drawn.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from ._common import is_quiet, is_terminal

__all__ = ["Stages", "count_inputs", "progress", "progress_enabled"]

T = TypeVar("T")

#: File suffixes the corpus reader takes from a directory (as ``load_corpus`` does);
#: ``tests/cli/test_progress.py`` checks them against the reader's own lists.
DOCUMENT_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".md", ".markdown", ".txt", ".text")
CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".json", ".json.gz")


def progress_enabled(args: argparse.Namespace) -> bool:
    """Whether to draw a bar: ``--progress``/``--no-progress``, else when standard error
    is a terminal; never with ``--quiet``.

    >>> progress_enabled(argparse.Namespace(progress=True, quiet=True))
    False
    """
    if is_quiet(args):
        return False
    forced = getattr(args, "progress", None)
    return is_terminal(sys.stderr) if forced is None else bool(forced)


def _suffix(name: str) -> str:
    lower = name.lower()
    for double in (".jsonl.gz", ".json.gz"):
        if lower.endswith(double):
            return double
    return os.path.splitext(lower)[1]


def _lines(path: str) -> int:
    """Non-blank lines of a JSONL corpus (one document each); 1 for a JSON file."""
    suffix = _suffix(path)
    if suffix in (".json", ".json.gz"):
        return 1
    opener: Callable[[str, str], Any] = gzip.open if suffix.endswith(".gz") else open
    n = 0
    try:
        with opener(path, "rb") as f:
            for line in f:
                n += bool(line.strip())
    except (OSError, EOFError):
        pass
    return n


def count_inputs(paths: Sequence[str]) -> int:
    """How many documents ``paths`` hold, as the corpus reader will find them: files
    with a known suffix under directories (hidden ones skipped), one per file, one per
    line of a JSONL corpus; ``-`` is one document.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("A.")
    >>> _ = (d / "c.jsonl").write_text('{"text": "B."}\\n\\n{"text": "C."}\\n')
    >>> _ = (d / "notes.pdf").write_bytes(b"")
    >>> count_inputs([str(d), "-"])
    4
    """
    n = 0
    for path in paths:
        if path == "-":
            n += 1
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.startswith("."):
                        continue
                    suffix = _suffix(name)
                    if suffix in CORPUS_SUFFIXES:
                        n += _lines(os.path.join(root, name))
                    elif suffix in DOCUMENT_SUFFIXES:
                        n += 1
        elif _suffix(path) in CORPUS_SUFFIXES:
            n += _lines(path)
        else:
            n += 1
    return n


def progress(
    items: Iterable[T],
    args: argparse.Namespace,
    *,
    label: str,
    total: int | Callable[[], int] | None = None,
    unit: str = "doc",
) -> Iterable[T]:
    """``items``, with a bar on standard error while they are consumed (when enabled).

    ``total`` may be a function: it is called only when a bar is drawn (counting the
    inputs of a large corpus costs a walk over its files).

    >>> list(progress([1, 2], argparse.Namespace(quiet=True), label="x"))
    [1, 2]
    """
    if not progress_enabled(args):
        return items
    from tqdm import tqdm  # type: ignore[import-untyped,unused-ignore]  # no type hints

    n = total() if callable(total) else total
    bar: Iterable[T] = tqdm(
        items, total=n, desc=label, unit=unit, file=sys.stderr, dynamic_ncols=True
    )
    return bar


class Stages:
    """A bar per stage of a computation that reports ``(stage, done, total)``, as
    :func:`~statement_tracker.discover` does; use as its ``progress`` callback.

    Stages in ``skip`` are not drawn (``reading``: the documents have their own bar,
    with the total).  A stage that reports rarely still shows its elapsed time: the
    bar is redrawn twice a second until the next stage starts.  A stage that ends
    early (discovery stops counting when no longer phrase recurs) is marked done.

    Mutable by design: it holds the bar being drawn.

    >>> s = Stages(argparse.Namespace(quiet=True))
    >>> s("counting", 1, 5); s.close()
    """

    def __init__(
        self,
        args: argparse.Namespace,
        units: dict[str, str] | None = None,
        *,
        labels: dict[str, str] | None = None,
        skip: Sequence[str] = ("reading",),
    ) -> None:
        self._enabled = progress_enabled(args)
        self._units = units or {}
        self._labels = labels or {}
        self._skip = set(skip)
        self._stage: str | None = None
        self._bar: Any = None
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._enabled or stage in self._skip:
            return
        if stage != self._stage:
            self.close(done=True)
            from tqdm import tqdm  # type: ignore[import-untyped,unused-ignore]

            self._stage = stage
            self._bar = tqdm(
                total=total or None,
                desc=self._labels.get(stage, stage),
                unit=self._units.get(stage, "step"),
                file=sys.stderr,
                dynamic_ncols=True,
            )
            self._stop.clear()
            self._ticker = threading.Thread(target=self._tick, args=(self._bar,), daemon=True)
            self._ticker.start()
        if self._bar is not None:
            self._bar.update(done - self._bar.n)

    def _tick(self, bar: Any) -> None:
        while not self._stop.wait(0.5):
            bar.refresh()

    def close(self, *, done: bool = False) -> None:
        """Finish the current bar (call when the computation returns); ``done`` marks
        its stage complete."""
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        if self._bar is not None:
            if done and self._bar.total:
                self._bar.update(self._bar.total - self._bar.n)
            self._bar.close()
        self._bar = None
        self._stage = None

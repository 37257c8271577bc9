"""Damaged archives: values of the wrong type or shape become one typed error.

SQLite checks the file's pages, not what our columns hold.  An archive that
was edited by hand, damaged, or made by someone else may hold a NULL where a
text is due, a text where a blob is, a packed index of odd length or zlib data
that does not inflate; reading it raised ``TypeError``, ``ValueError`` or
``zlib.error`` from deep inside the archive code.  :func:`guard_reads` wraps
the public methods of the archive classes so that any of these becomes
:class:`~statement_tracker.NotAnArchiveError` naming the file, while the
library's own errors pass through unchanged.

>>> class Box:
...     path = "x.db"
...     def get(self):
...         return bytes("not bytes")
>>> _ = guard_reads(Box, ("get",))
>>> Box().get()
Traceback (most recent call last):
...
statement_tracker._errors.NotAnArchiveError: x.db: damaged archive: ... (TypeError: ...)
"""

from __future__ import annotations

import functools
import inspect
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from .._errors import NotAnArchiveError, StatementTrackerError

__all__ = ["DAMAGE", "guard_reads"]

#: What reading values of the wrong type or shape raises.
DAMAGE: tuple[type[BaseException], ...] = (
    TypeError,
    ValueError,
    IndexError,
    KeyError,
    OverflowError,
    zlib.error,
)

C = TypeVar("C", bound=type)


def _damaged(obj: Any, exc: BaseException) -> NotAnArchiveError:
    detail = " ".join(str(exc).split())[:200]
    return NotAnArchiveError(
        getattr(obj, "path", None),
        f"damaged archive: a stored value cannot be read ({type(exc).__name__}: {detail})",
    )


def _wrap(func: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.isgeneratorfunction(func):

        @functools.wraps(func)
        def gen(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from func(self, *args, **kwargs)
            except StatementTrackerError:
                raise
            except DAMAGE as exc:
                raise _damaged(self, exc) from exc

        return gen

    @functools.wraps(func)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(self, *args, **kwargs)
        except StatementTrackerError:
            raise
        except DAMAGE as exc:
            raise _damaged(self, exc) from exc

    return call


def guard_reads(cls: C, names: Iterable[str]) -> C:
    """Wrap the methods ``names`` of ``cls`` (inherited ones too) as the module says."""
    for name in names:
        setattr(cls, name, _wrap(getattr(cls, name)))
    return cls

"""Reading a watchlist file safely: regular files only, under a size limit.

Watchlists are small; a watchlist argument that names a device (``/dev/zero``),
a FIFO or a huge file must fail at once with one line, not read until memory
runs out or block forever.  TOML nested deeper than the parser's recursion
allows is reported as a :class:`WatchlistError` too.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "w.txt"
>>> _ = p.write_bytes(b"no limits\\n")
>>> read_watchlist_bytes(p)
b'no limits\\n'
"""

from __future__ import annotations

import os
import stat
import tomllib
from typing import Any

from .._errors import WatchlistError

__all__ = ["MAX_WATCHLIST_BYTES", "load_toml", "read_watchlist_bytes"]

#: Size limit for a watchlist file (bytes).
MAX_WATCHLIST_BYTES = 10 * 1024 * 1024


def read_watchlist_bytes(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_WATCHLIST_BYTES
) -> bytes:
    """Read a watchlist file: a regular file of at most ``max_bytes``.

    Raises:
        WatchlistError: Not a regular file, over the limit, or unreadable.
    """
    where = os.fspath(path)
    try:
        st = os.stat(where)
        if not stat.S_ISREG(st.st_mode):
            raise WatchlistError(where, "not a regular file")
        if st.st_size > max_bytes:
            detail = f"{st.st_size} bytes, over the watchlist limit of {max_bytes} bytes"
            raise WatchlistError(where, detail)
        with open(where, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise WatchlistError(where, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise WatchlistError(where, f"more than the watchlist limit of {max_bytes} bytes")
    return data


def load_toml(text: str, *, where: str) -> dict[str, Any]:
    """Parse TOML; nesting too deep for the parser raises :class:`WatchlistError`.

    Other parse errors (``tomllib.TOMLDecodeError``) are left to the caller.

    >>> load_toml("a = " + "[" * 5000 + "]" * 5000, where="w.toml")
    Traceback (most recent call last):
    ...
    statement_tracker._errors.WatchlistError: w.toml: malformed TOML: nested too deeply
    """
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise WatchlistError(where, "malformed TOML: nested too deeply") from None

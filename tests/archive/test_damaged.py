"""A damaged or hand-edited archive: values of the wrong type are one typed error (issue 20).

SQLite checks its pages, not what our columns hold; the fuzzer found archives
whose values made reading raise ``TypeError``, ``ValueError`` or
``UnicodeDecodeError`` (``benchmarks/fuzz.py --target archive``).  Each case
here edits one column of a good archive the way those inputs did.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import statement_tracker as st


def _archive(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    with st.Archive.open(path) as a:
        a.add(
            [
                st.Document.from_text("A new era. They met.", source="a", date="2024-01-02"),
                st.Document.from_text("No new era. They agreed.", source="b", date="2024-02-02"),
            ],
            series="s",
        )
    return path


def _read_everything(path: Path) -> None:
    with st.Archive.open(path, create=False, readonly=True) as a:
        len(a)
        for entry in a.entries():
            a.get(entry.doc_id)
            a.versions(entry.doc_id)
        list(a.documents())
        a.verify()
        a.track(["new era"])
        a.timeline(["new era"])


DAMAGE = {
    "text where a blob is due": "UPDATE documents SET token_starts = 'abc'",
    "a packed index of odd length": "UPDATE documents SET terms = X'0102'",
    "zlib data that does not inflate": "UPDATE documents SET terms = X'7A0102'",
    "text that is not UTF-8": "UPDATE documents SET title = CAST(X'BEEF' AS TEXT)",
    "a date that is not a date": "UPDATE documents SET date = '2024-99-99'",
    "a number where the term list is": "UPDATE documents SET terms = 12",
}


@pytest.mark.parametrize("sql", DAMAGE.values(), ids=list(DAMAGE))
def test_damaged_value_is_not_an_archive_error(tmp_path: Path, sql: str) -> None:
    """Reading a damaged value gives NotAnArchiveError naming the file, nothing else."""
    path = _archive(tmp_path)
    _read_everything(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    conn.close()
    with pytest.raises(st.NotAnArchiveError) as info:
        _read_everything(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_guard_keeps_typed_errors(tmp_path: Path) -> None:
    """The guard leaves the library's own errors as they are (no such document)."""
    with (
        st.Archive.open(_archive(tmp_path), readonly=True) as a,
        pytest.raises(st.DocumentNotFoundError),
    ):
        a.get("dnothere")

"""Tests for the exception tree in ``_errors.py``."""

from __future__ import annotations

import pickle

import pytest

import statement_tracker as st
from statement_tracker import _errors


def test_every_exception_inherits_the_root() -> None:
    """Every exception class in the module is a StatementTrackerError."""
    for name in _errors.__all__:
        cls = getattr(_errors, name)
        assert issubclass(cls, st.StatementTrackerError)


def test_input_errors_are_value_errors() -> None:
    """Input problems can be caught as ValueError."""
    with pytest.raises(ValueError):
        raise st.DecodingError("a.txt", "invalid bytes")


def test_archive_errors_are_os_errors() -> None:
    """Archive problems can be caught as OSError."""
    with pytest.raises(OSError):
        raise st.ArchiveBusyError("x.db", "archive is busy")


def test_message_names_file_and_line() -> None:
    """The message is 'path:line: detail'."""
    assert "corpus.jsonl:12: line is not JSON" == str(
        st.CorpusFormatError("corpus.jsonl", "line is not JSON", line=12)
    )


def test_message_is_one_line() -> None:
    """Line breaks in the detail are folded into one line."""
    err = st.ExtractionError("p.html", "no text\nfound\n")
    assert "p.html: no text found" == str(err)


def test_errors_pickle_round_trip() -> None:
    """Errors survive pickling (multiprocessing sends them between processes)."""
    err = st.CorpusFormatError("c.jsonl", "bad", line=3)
    back = pickle.loads(pickle.dumps(err))
    assert (type(err), str(err), 3) == (type(back), str(back), back.line)


def test_document_not_found_str_is_plain() -> None:
    """KeyError's repr-quoting does not leak into the message."""
    assert "a.db: no document d123" == str(st.DocumentNotFoundError("a.db", "no document d123"))

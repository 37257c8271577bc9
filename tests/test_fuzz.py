"""Every parser and stage on hostile input: only typed errors escape, offsets hold (issue 20).

The targets are those of the atheris harness (``benchmarks/fuzz.py``, which runs
them a million times each); here Hypothesis drives them with structured
hostile inputs, a few dozen examples each (``HYPOTHESIS_PROFILE=thorough`` for
more).  A target fails the test by raising anything other than a
:class:`~statement_tracker.StatementTrackerError`, including
:class:`_fuzz_targets.ContractError` when a span breaks
``doc.text[start:end] == record.text``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _fuzz_targets import TARGETS, run, seeds
from strategies import (
    diff_inputs,
    hostile_bytes,
    html_pages,
    jsonl_corpora,
    manifest_tables,
    markdown_texts,
    text_bytes,
    toml_texts,
    track_inputs,
    watchlist_lines,
)

_SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: The strategy that feeds each target (archive files are fuzzed by the harness only:
#: random bytes are not SQLite files, and corrupted archives are in tests/archive).
STRATEGIES: dict[str, st.SearchStrategy[bytes]] = {
    "html": st.one_of(html_pages(), hostile_bytes(junk=(b"<p>", b"</div>", b"<br>"))),
    "markdown": st.one_of(markdown_texts(), hostile_bytes(junk=(b"---\n", b"# "))),
    "text": hostile_bytes(),
    "jsonl": jsonl_corpora(),
    "manifest": manifest_tables(),
    "watchlist_toml": toml_texts(),
    "watchlist_text": watchlist_lines(),
    "rules": toml_texts(),
    "normalise": text_bytes,
    "segment": text_bytes,
    "track": track_inputs(),
    "diff": diff_inputs(),
}


def test_every_target_has_a_strategy() -> None:
    """Each fuzz target but the archive is driven by a Hypothesis strategy here."""
    assert set(TARGETS) - {"archive"} == set(STRATEGIES)


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_only_typed_errors(name: str) -> None:
    """Hostile input gives a document (offsets intact), a typed error, or nothing."""

    @_SLOW
    @given(STRATEGIES[name])
    def check(data: bytes) -> None:
        run(name, data)

    check()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_target_accepts_plain_input(name: str) -> None:
    """The targets themselves work: a good input of each kind gives no error at all."""
    for seed in seeds(name):
        assert run(name, seed) is None

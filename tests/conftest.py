"""Shared fixtures: paths to the bundled fixtures and to the shared real-world corpus."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
#: The shared corpus lives beside the checkout; STATEMENT_TRACKER_SHARED overrides it.
SHARED = Path(os.environ.get("STATEMENT_TRACKER_SHARED", ROOT.parent / "shared"))

# Hypothesis profiles: "fast" by default, "thorough" with HYPOTHESIS_PROFILE=thorough.
settings.register_profile("fast", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The project's own fictional readouts and labels."""
    return FIXTURES


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """``../shared/corpus``: real documents; tests using it skip when it is missing."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not found at {corpus} (set STATEMENT_TRACKER_SHARED)")
    return corpus


@pytest.fixture()
def no_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """pandas cannot be imported (as where the ``pandas`` extra is not installed)."""
    monkeypatch.setitem(sys.modules, "pandas", None)

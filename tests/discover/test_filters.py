"""Grouping discovered phrases into formulas: the same groups whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

from statement_tracker._discover._filters import merge

#: Two heads of one length that a longer phrase could join; which one it joins must
#: not depend on the order in which a set of strings is iterated.
PHRASES = {
    ("trade", "cooperation"): 10,
    ("economic", "cooperation"): 9,
    ("trade", "economic", "cooperation"): 5,
}


def test_a_phrase_joins_the_most_used_of_equal_heads() -> None:
    """Among heads of the same length, the phrase joins the one in most documents."""
    groups = merge(PHRASES, lambda words: 0)
    assert [("trade", "cooperation"), ("trade", "economic", "cooperation")] == groups[0]
    assert [("economic", "cooperation")] == groups[1]


def test_groups_do_not_depend_on_the_hash_seed() -> None:
    """Run in fresh interpreters with different PYTHONHASHSEED, the groups are the same."""
    code = (
        "from statement_tracker._discover._filters import merge\n"
        f"print(merge({PHRASES!r}, lambda words: 0))\n"
    )
    outputs = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(run.stdout)
    assert 1 == len(outputs)

"""Every loader and stage does work linear in its input (issue 20); ``-m complexity`` only.

On 0.25, 0.5 and 1 MB of each adversarial shape (``tests/_complexity.py``), a
doubling of the input may cost at most 2.5x the CPU time, best of 3 runs
(``time.process_time``: the load of other processes does not count; runs under
0.1 s pass).  Not in the default run: it takes minutes, and CPU time still
moves a little on a busy machine.  ``benchmarks/bench_complexity.py`` prints
the same figures as a table.
"""

from __future__ import annotations

import pytest

import _complexity as c

pytestmark = pytest.mark.complexity


@pytest.mark.parametrize("shape", sorted(c.SHAPES))
@pytest.mark.parametrize("stage", sorted(c.STAGES))
def test_linear(stage: str, shape: str) -> None:
    """Doubling the input at most 2.5x the CPU time (or under the noise floor)."""
    times = c.growth(stage, shape)
    assert c.linear(times), f"{stage} on {shape}: CPU s {times}"


def test_linear_check_catches_quadratic_work() -> None:
    """The check itself fails a quadratic stage (the old plain-text joining)."""

    def quadratic(text: str) -> None:
        out = ""
        for ch in text[: len(text) // 2]:
            out = ch + out  # prepending copies everything so far, each time

    c.STAGES["quadratic"] = (lambda t: t, quadratic)
    try:
        times = c.growth("quadratic", "dots", sizes=(128 * 1024, 256 * 1024, 512 * 1024))
    finally:
        del c.STAGES["quadratic"]
    assert not c.linear(times)

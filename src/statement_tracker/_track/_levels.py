"""Validation of the matching rule's settings: strictness levels and thresholds."""

from __future__ import annotations

import math

from .._errors import UsageError

__all__ = ["LEVELS", "check_level", "check_threshold"]

#: Strictness levels of the default rule (see :mod:`._forms`).
LEVELS: tuple[str, ...] = ("exact", "close", "loose")


def check_threshold(threshold: float | None) -> float | None:
    """Validate a threshold (0–100 or ``None``).

    >>> check_threshold(80)
    80.0
    >>> check_threshold(101)
    Traceback (most recent call last):
    ...
    statement_tracker._errors.UsageError: threshold 101 is outside 0-100
    """
    if threshold is None:
        return None
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise UsageError(None, f"threshold must be a number, not {threshold!r}")
    if not 0 <= threshold <= 100 or math.isnan(threshold):
        raise UsageError(None, f"threshold {threshold} is outside 0-100")
    return float(threshold)


def check_level(level: str | None) -> str:
    """Validate a strictness level (``None`` means the default, ``"close"``).

    >>> check_level("loose"), check_level(None)
    ('loose', 'close')
    >>> check_level("fuzzy")
    Traceback (most recent call last):
    ...
    statement_tracker._errors.UsageError: match level 'fuzzy' is not one of exact, close, loose
    """
    if level is None:
        return "close"
    if level not in LEVELS:
        raise UsageError(None, f"match level {level!r} is not one of {', '.join(LEVELS)}")
    return level

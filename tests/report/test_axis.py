"""Tests for the time axis of the timeline report (``_report/_axis.py``)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from statement_tracker._report._axis import WIDTH, plan_axis

_DATES = st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)), max_size=600).map(sorted)


@given(_DATES, st.integers(2, 400))
def test_every_readout_is_in_exactly_one_mark(dates: list[dt.date], slots: int) -> None:
    """No readout is dropped or counted twice: the marks' counts add up to the readouts."""
    axis = plan_axis(dates, slots)
    assert len(dates) == sum(b.count for b in axis.bins)
    assert list(range(len(dates))) == [b.first + i for b in axis.bins for i in range(b.count)]
    for b in axis.bins:
        assert all(b.start <= d < b.end for d in dates[b.first : b.first + b.count])


@given(_DATES, st.integers(2, 400))
def test_marks_do_not_overlap_and_stay_on_the_plot(dates: list[dt.date], slots: int) -> None:
    """Marks come in date order, side by side, within 0..WIDTH."""
    axis = plan_axis(dates, slots)
    for a, b in zip(axis.bins, axis.bins[1:], strict=False):
        assert a.end <= b.start
    assert all(0 <= axis.x(b.start) < axis.x(b.end) <= WIDTH + 1e-9 for b in axis.bins)


@given(_DATES, st.integers(2, 400))
def test_periods_fit_the_room(dates: list[dt.date], slots: int) -> None:
    """Aggregated or not, there are never more marks than slots (unless years do not fit)."""
    axis = plan_axis(dates, slots)
    assert len(axis.bins) <= slots or axis.period == "year"


def test_one_mark_per_readout_when_they_fit() -> None:
    """Fifteen readouts over nine years each get a mark at their date."""
    dates = [dt.date(2016 + i * 3 // 5, 1 + i % 12, 1) for i in range(15)]
    axis = plan_axis(sorted(dates))
    assert None is axis.period
    assert [1] * 15 == [b.count for b in axis.bins]


def test_crowded_years_aggregate_by_month() -> None:
    """Readouts every other day for twenty years do not fit: one mark per month."""
    dates = [dt.date(2000, 1, 1) + dt.timedelta(days=2 * i) for i in range(3650)]
    axis = plan_axis(dates)
    assert ("month", 240) == (axis.period, len(axis.bins))
    assert ("2000-01", 16) == (axis.bins[0].label, axis.bins[0].count)


def test_two_readouts_on_one_day_share_a_period() -> None:
    """Two readouts on the same day cannot have a mark each: they are counted in one."""
    d = dt.date(2024, 5, 1)
    axis = plan_axis([dt.date(2020, 1, 1), d, d])
    assert axis.period is not None
    assert 2 == axis.bins[-1].count


def test_ticks_are_years_on_long_axes_and_months_on_short_ones() -> None:
    """A twenty-year axis is labelled by years, a year-long one by months."""
    long = plan_axis([dt.date(2000, 1, 18), dt.date(2020, 11, 10)])
    assert all(label.isdigit() for _, label, _ in long.ticks())
    short = plan_axis([dt.date(2024, 1, 10), dt.date(2024, 10, 10)])
    assert ["Feb", "Mar", "Apr"] == [label for _, label, _ in short.ticks()][:3]


def test_an_axis_without_readouts_has_no_ticks() -> None:
    """No dated readout: no marks and no labelled ticks (no made-up year)."""
    axis = plan_axis([])
    assert ((), []) == (axis.bins, axis.ticks())

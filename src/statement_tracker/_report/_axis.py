"""The time axis of the timeline report: where each readout goes, and when readouts aggregate.

A timeline is drawn on a real time axis: a readout's mark stands at its date,
so a gap of two years looks like two years.  The plot has a fixed number of
*slots* (about the pixels of a 1400 px screen divided by the narrowest mark a
person can point at).  When every readout can have a mark of its own without
two marks overlapping, there is one mark per readout; otherwise the readouts
are grouped into calendar periods (week, month, quarter or year: the finest
that fits), and each period's mark stands for all its readouts, with their
count (:class:`Axis` says which, so the page can say it).

>>> import datetime as dt
>>> days = [dt.date(2020, 1, 1), dt.date(2021, 6, 1), dt.date(2024, 12, 31)]
>>> axis = plan_axis(days)
>>> axis.period is None, [b.count for b in axis.bins]
(True, [1, 1, 1])
>>> crowded = plan_axis([dt.date(2020, 1, 1) + dt.timedelta(days=i) for i in range(1000)])
>>> crowded.period, len(crowded.bins), crowded.bins[0].count
('week', 144, 5)
"""

from __future__ import annotations

import bisect
import datetime as _dt
import itertools
from collections.abc import Sequence

import attrs

__all__ = ["SLOTS", "WIDTH", "Axis", "Bin", "plan_axis"]

#: Units across the plot (SVG user units; the plot stretches to the column's width).
WIDTH = 1000
#: Marks the plot can hold side by side (about 3 px each at a 1400 px screen).
SLOTS = 280
_PERIODS = ("week", "month", "quarter", "year")


@attrs.frozen
class Bin:
    """One mark on the axis: one readout, or a calendar period and the readouts in it.

    Attributes:
        start: The first day the mark covers.
        end: The day after the last day it covers.
        first: Index of its first readout in the dated readouts (date order).
        count: Number of readouts in it.
        label: The period as people write it ("2021-03", "2021 Q2", "week of 2021-03-01"),
            or the readout's date.
    """

    start: _dt.date
    end: _dt.date
    first: int
    count: int
    label: str


@attrs.frozen
class Axis:
    """Where the marks go: the time range, the period (``None``: one mark per readout), bins.

    Attributes:
        start: The first day of the axis.
        end: The day after the last day of the axis.
        period: ``None`` when every readout has its own mark, else ``"week"``,
            ``"month"``, ``"quarter"`` or ``"year"``.
        bins: The marks, in date order; empty periods have none.
    """

    start: _dt.date
    end: _dt.date
    period: str | None
    bins: tuple[Bin, ...]

    def x(self, day: _dt.date) -> float:
        """Horizontal position of ``day`` in plot units (0 to :data:`WIDTH`).

        >>> a = plan_axis([_dt.date(2020, 1, 1), _dt.date(2020, 12, 31)])
        >>> a.x(a.start), round(a.x(_dt.date(2020, 7, 1)))
        (0.0, 487)
        """
        span = max(1, (self.end - self.start).days)
        return WIDTH * (day - self.start).days / span

    def ticks(self) -> list[tuple[float, str, bool]]:
        """Labelled ticks: (position, label, major); years, and months on short axes.

        >>> a = plan_axis([_dt.date(2020, 11, 1), _dt.date(2021, 2, 20)])
        >>> [label for _, label, _ in a.ticks()]
        ['Nov', 'Dec', '2021', 'Feb']
        """
        if not self.bins:  # nothing dated: no axis to label
            return []
        years = (self.end - self.start).days / 365.25
        out: list[tuple[float, str, bool]] = []
        if years <= 3:
            step = 1 if years <= 1.5 else 3
            day = _dt.date(self.start.year, self.start.month, 1)
            while day < self.end:
                if day >= self.start and (day.month - 1) % step == 0:
                    major = day.month == 1
                    label = str(day.year) if major else day.strftime("%b")
                    out.append((self.x(day), label, major))
                day = _next(day, "month")
            return out
        every = next(n for n in (1, 2, 5, 10, 20, 50) if years / n <= 12)
        for year in range(self.start.year + 1, self.end.year + 1):
            day = _dt.date(year, 1, 1)
            if year % every == 0 and day < self.end:
                out.append((self.x(day), str(year), True))
        return out


def _floor(day: _dt.date, period: str) -> _dt.date:
    if period == "week":
        return day - _dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return _dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return _dt.date(day.year, 1, 1)


def _next(day: _dt.date, period: str) -> _dt.date:
    if period == "week":
        return day + _dt.timedelta(days=7)
    if period == "year":
        return _dt.date(day.year + 1, 1, 1)
    months = 1 if period == "month" else 3
    month = day.month - 1 + months
    return _dt.date(day.year + month // 12, month % 12 + 1, 1)


def _label(day: _dt.date, period: str) -> str:
    if period == "week":
        return f"week of {day.isoformat()}"
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def _periods(first: _dt.date, last: _dt.date, period: str) -> int:
    if period == "week":
        return (_floor(last, period) - _floor(first, period)).days // 7 + 1
    months = (last.year - first.year) * 12 + last.month - first.month
    if period == "month":
        return months + 1
    if period == "quarter":
        return (last.year - first.year) * 4 + (last.month - 1) // 3 - (first.month - 1) // 3 + 1
    return last.year - first.year + 1


def plan_axis(dates: Sequence[_dt.date], slots: int = SLOTS) -> Axis:
    """Plan the axis for readouts dated ``dates`` (in date order) on ``slots`` marks.

    One mark per readout when all dates differ and the closest two are at least a
    slot apart; otherwise the finest calendar period with at most ``slots`` periods.

    >>> d = _dt.date(2023, 5, 11)
    >>> plan_axis([d, d]).period, plan_axis([d, d]).bins[0].label
    ('week', 'week of 2023-05-08')
    >>> plan_axis([]).bins
    ()
    """
    if not dates:
        today = _dt.date(2000, 1, 1)
        return Axis(start=today, end=today + _dt.timedelta(days=1), period=None, bins=())
    first, last = dates[0], dates[-1]
    span = (last - first).days + 1
    gaps = [(b - a).days for a, b in itertools.pairwise(dates)]
    if len(dates) <= slots and (not gaps or min(gaps) * slots >= span):
        # wide enough to point at, never wider than the closest gap (no overlap)
        width = max(span / slots, min([*gaps, span / 40]) if gaps else span / 40, 1.0)
        end = last + _dt.timedelta(days=max(1, round(width)))
        bins = tuple(
            Bin(
                start=d,
                end=min(end, d + _dt.timedelta(days=max(1, round(width)))),
                first=i,
                count=1,
                label=d.isoformat(),
            )
            for i, d in enumerate(dates)
        )
        return Axis(start=first, end=end, period=None, bins=bins)
    period = next((p for p in _PERIODS if _periods(first, last, p) <= slots), "year")
    start = _floor(first, period)
    out: list[Bin] = []
    lo = 0
    day = start
    while lo < len(dates):
        after = _next(day, period)
        hi = bisect.bisect_left(dates, after, lo)
        if hi > lo:
            out.append(
                Bin(start=day, end=after, first=lo, count=hi - lo, label=_label(day, period))
            )
        lo, day = hi, after
    return Axis(start=start, end=out[-1].end, period=period, bins=tuple(out))

"""How long a child safeguarding case review takes, against the timescales it must meet.

Working Together to Safeguard Children 2018 (chapter 4) sets three: the local authority notifies
the national panel within 5 working days of becoming aware of a serious incident, the rapid
review is completed within 15 working days of the notification, and a local child safeguarding
practice review is published within 6 months of the decision to initiate it. Each rule is data
(`Timescale`), so a partnership can time its own steps alongside `TIMESCALES`.

Working days skip weekends and the bank holidays of England, taken from the ``holidays``
package so that one-off days such as the 2022 state funeral need no release of ours.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import attrs

from safeguarding_plan.dates import days_in_month
from safeguarding_plan.model.timescales import TIMESCALES, Interval, Timescale, Unit
from safeguarding_plan.values import Value

__all__ = [
    "TIMESCALES",
    "StepResult",
    "Timeliness",
    "Timescale",
    "Unit",
    "assess",
    "deadline",
    "is_working_day",
    "working_days_between",
]


@functools.cache
def _days_off(year: int) -> frozenset[date]:
    """The bank holidays of England in a year that fall on weekdays, substitute days included.

    Weekend holidays are left out, so that `working_days_between` can take each day off once.
    """
    # Imported on first use: the package is slow to import, and most uses never count days.
    import holidays

    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(day for day in bank_holidays if day.weekday() < 5)


def is_working_day(day: date) -> bool:
    """Whether a day is a working day in England: a weekday that is not a bank holiday."""
    return day.weekday() < 5 and day not in _days_off(day.year)


def working_days_between(start: date, end: date) -> int:
    """The working days after ``start`` up to and including ``end``; 0 unless ``end`` is later."""
    if end <= start:
        return 0
    # Counted by weeks rather than day by day: an overdue review can span years.
    weeks, rest = divmod((end - start).days, 7)
    weekdays = weeks * 5 + sum((start + timedelta(n)).weekday() < 5 for n in range(1, rest + 1))
    years = range(start.year, end.year + 1)
    return weekdays - sum(start < day <= end for year in years for day in _days_off(year))


def deadline(start: date, timescale: Timescale | Interval) -> date:
    """The day a step is due by, counting from ``start`` (or the day ``timescale``, a length of
    time, ends on).

    Working days are counted from the day after ``start``, whatever day ``start`` is, so the
    deadline is always a working day. Months keep the day of the month where the month has it:
    6 months from 31 August 2021 is 28 February 2022.
    """
    if timescale.unit is Unit.MONTHS:
        months = start.month - 1 + timescale.length
        year, month = start.year + months // 12, months % 12 + 1
        return date(year, month, min(start.day, days_in_month(year, month)))
    if timescale.unit is Unit.CALENDAR_DAYS:
        return start + timedelta(days=timescale.length)
    day = start
    for _ in range(timescale.length):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return day


class Timeliness(enum.Enum):
    """How a step stands against its timescale."""

    ON_TIME = "on time"
    LATE = "late"
    OVERDUE = "overdue"
    """Not done, and more time has gone than the timescale allows."""
    DUE = "not yet due"
    """Not done, and still within the timescale."""
    UNKNOWN = "not known"
    """The date the time counts from is not recorded."""


@attrs.frozen(repr=False, eq=False)
class StepResult(Value):
    """How one step of a case review stands against its timescale.

    ``taken`` and ``late_by`` count working days for a working-day timescale and calendar days
    for any other: a month is too coarse to say how late a review is.
    """

    timescale: Timescale
    timeliness: Timeliness
    deadline: date | None
    """The day the step is due by; None when the start date is not recorded."""
    taken: int | None
    """Time from the start date to the step being done, or to the assessment date while it is
    not done; None when the start date is not recorded."""
    late_by: int | None
    """Time past the deadline, counted the same way: 0 while on time or not yet due."""


def _count(unit: Unit, start: date, end: date) -> int:
    if unit is Unit.WORKING_DAYS:
        return working_days_between(start, end)
    return max(0, (end - start).days)


def _assess(dates: Mapping[str, date | None], as_of: date, timescale: Timescale) -> StepResult:
    start, done = dates.get(timescale.start), dates.get(timescale.end)
    if start is None:
        return StepResult(timescale, Timeliness.UNKNOWN, None, None, None)
    due = deadline(start, timescale)
    finish = as_of if done is None else done
    # Lateness is counted in the timescale's own unit, so a step done on the Saturday after a
    # Friday deadline has taken no more working days than allowed: it is on time.
    late_by = _count(timescale.unit, due, finish)
    if done is None:
        timeliness = Timeliness.OVERDUE if late_by else Timeliness.DUE
    else:
        timeliness = Timeliness.LATE if late_by else Timeliness.ON_TIME
    return StepResult(timescale, timeliness, due, _count(timescale.unit, start, finish), late_by)


def assess(
    dates: Mapping[str, date | None],
    as_of: date,
    timescales: Iterable[Timescale] = TIMESCALES,
) -> tuple[StepResult, ...]:
    """How each step of one case review stands at ``as_of``, in the order of ``timescales``.

    ``dates`` maps date names (``became_aware``, ``notified``, ...) to the day, or to None when
    the day is not recorded. A timescale neither of whose dates is named at all is left out: a
    case where no local review was initiated has no publication to time.
    """
    return tuple(
        _assess(dates, as_of, timescale)
        for timescale in timescales
        if timescale.start in dates or timescale.end in dates
    )

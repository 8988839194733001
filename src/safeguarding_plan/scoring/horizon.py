"""How far ahead "due soon" looks at a review: to the next review's date when the plan says
how often it is reviewed (``review_every``), else to the end of the next calendar quarter.

A quarterly board reviewing at 31 March then sees everything due by 30 June, the quarter's
last day, which a fixed 90 days would miss by one.
"""

from __future__ import annotations

from datetime import date

from safeguarding_plan.dates import days_in_month, month_end
from safeguarding_plan.model.timescales import Interval, Unit
from safeguarding_plan.scoring.working_days import deadline


def next_review(as_of: date, every: Interval) -> date:
    """The date of the review after one as of ``as_of``, ``every`` later. A review at a month's
    end is followed by one at a month's end: 3 months after 30 September is 31 December."""
    if every.unit is not Unit.MONTHS:
        return deadline(as_of, every)
    months = as_of.month - 1 + every.length
    year, month = as_of.year + months // 12, months % 12 + 1
    last = days_in_month(year, month)
    at_month_end = as_of.day == days_in_month(as_of.year, as_of.month)
    return date(year, month, last if at_month_end else min(as_of.day, last))


def next_quarter_end(as_of: date) -> date:
    """The last day of the calendar quarter after the one ``as_of`` is in: 30 June for any day
    from 1 January to 31 March."""
    months = (as_of.month - 1) // 3 * 3 + 5  # the quarter's first month, then two quarters on
    return month_end(as_of.year + months // 12, months % 12 + 1)


def due_soon_by(as_of: date, every: Interval | None) -> date:
    """The last day an open action may be due by to be due soon at ``as_of``."""
    return next_review(as_of, every) if every is not None else next_quarter_end(as_of)

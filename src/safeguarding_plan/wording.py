"""Sentences for people, worded as partnerships word them in their board papers."""

from __future__ import annotations

import calendar
from datetime import date

from .model import Plan
from .scoring import Score

# Fixed English names: strftime's %B follows the machine's locale.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_year(day: date) -> str:
    """``"January 2022"``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``"1 action"``, ``"33 actions"``."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def long_date(day: date) -> str:
    """``"31 January 2022"``: the day as a UK board paper writes it."""
    return f"{day.day} {month_year(day)}"


def as_at(day: date) -> str:
    """``"At the end of January 2022"`` on a month's last day, else ``"As at 15 February 2022"``."""
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return f"At the end of {month_year(day)}"
    return f"As at {long_date(day)}"


def headline(plan: Plan, score: Score) -> str:
    """The seed's own headline: "The Plan has 4 strategic priorities and 33 actions. At the
    end of January 2022, 73% of the actions have been completed." """
    priorities = plural(len(plan.priorities), "strategic priority", "strategic priorities")
    size = f"The Plan has {priorities} and {plural(score.actions, 'action')}."
    when = as_at(score.as_of) if score.as_of else "So far"
    done = f"{when}, {score.percent_rounded}% of the actions have been completed"
    if score.cancelled:
        done += f" ({plural(score.cancelled, 'cancelled action')} not counted)"
    return f"{size} {done}."

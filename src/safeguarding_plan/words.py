"""The small words every layer shows: plurals, lists and dates as a UK board paper writes them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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


def listed(items: Sequence[str], last: str = "and") -> str:
    """``"a, b and c"``: items as a sentence lists them."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def long_date(day: date) -> str:
    """``"31 January 2022"``: the day as a UK board paper writes it."""
    return f"{day.day} {month_year(day)}"

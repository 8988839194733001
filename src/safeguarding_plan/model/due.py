"""A due date as the plan writes it, and the day it counts as due by."""

from __future__ import annotations

from datetime import date

import attrs

from safeguarding_plan.values import Value


@attrs.frozen(repr=False, eq=False)
class Due(Value):
    """A due date as the plan writes it, and the day it is counted as due by."""

    text: str
    """As written: ``by May 2021``, ``Spring 2022``, ``Q3 2021/22``, ``Ongoing``."""
    last_day: date | None
    """The last day of the window the text names; overdue means ``as_of`` is after this. None
    for a due date that names no day (``Ongoing``, ``TBC``, ``Quarterly``): the action has no
    deadline, so it is never overdue, due soon or expected by a date."""

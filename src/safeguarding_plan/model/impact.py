"""What shows that an action made a difference: the evidence an update gives, the assurance
that a complete action is done, and the plan's measures with their value at each review.

Numbers are ``decimal.Decimal``, exactly as written (``1.10`` stays ``1.10``); the ``decimal``
module is only imported by the loader when a plan has measures, so a plan without any starts
as fast as before.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import attrs

from safeguarding_plan.model.ratings import folded
from safeguarding_plan.values import Value

if TYPE_CHECKING:
    from decimal import Decimal


@attrs.frozen(repr=False, eq=False)
class Evidence(Value):
    """One piece of evidence an update gives: a short description, with a web address or a
    document it can be found in."""

    text: str
    """What it is: ``Audit of 20 cases, March 2022``."""
    link: str | None = None
    """A web or e-mail address (``https://``, ``http://``, ``mailto:``)."""
    document: str | None = None
    """Where it is kept when it is not on the web: ``Executive Board minutes, 16/02/2022``."""


@attrs.frozen(repr=False, eq=False)
class Assurance(Value):
    """That a complete action's evidence was seen: who saw it, and when. "Complete" is what a
    lead reports; "assured" is what the partnership has checked."""

    by: str
    """Who assured it: ``Quality, Impact & Outcomes Sub-Group``."""
    date: date


class MeasureUnit(enum.Enum):
    """What a measure counts; its value is shown with it (``75%``, ``12 days``)."""

    NUMBER = "number"
    PERCENT = "percent"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    POUNDS = "pounds"
    PER_10000 = "per-10000"
    """A rate per 10,000 children, as national statistics give one."""

    @classmethod
    def read(cls, text: str) -> MeasureUnit | None:
        """The unit ``text`` names, in any case and spacing; None if it names none."""
        return _UNITS.get(folded(text))


class Better(enum.Enum):
    """Which way a measure's value is better: a rising share of reviews on time, a falling
    number of days to a decision."""

    HIGHER = "higher"
    LOWER = "lower"

    @classmethod
    def read(cls, text: str) -> Better | None:
        """The direction ``text`` names, in any case and spacing; None if it names none."""
        return _BETTER.get(folded(text))


_UNITS = {folded(unit.value): unit for unit in MeasureUnit}
_BETTER = {folded(better.value): better for better in Better}

UNIT_WORDS = {
    "%": "percent",
    "percentage": "percent",
    "count": "number",
    "numbers": "number",
    "day": "days",
    "working days": "days",
    "week": "weeks",
    "month": "months",
    "£": "pounds",
    "gbp": "pounds",
    "rate": "per-10000",
    "per 10,000": "per-10000",
    "per 10000": "per-10000",
    "rate per 10,000": "per-10000",
}
"""Other ways people write a unit, and the unit each means: the loader's suggestions."""

BETTER_WORDS = {
    "up": "higher",
    "upwards": "higher",
    "higher is better": "higher",
    "high": "higher",
    "increase": "higher",
    "more": "higher",
    "down": "lower",
    "downwards": "lower",
    "lower is better": "lower",
    "low": "lower",
    "decrease": "lower",
    "less": "lower",
    "fewer": "lower",
}
"""Other ways people say which way is better, and the direction each means."""


@attrs.frozen(repr=False, eq=False)
class Measure(Value):
    """A number the partnership tracks to show its plan makes a difference: rapid reviews done
    on time, children on a plan for a second time. Its values are kept in each review."""

    id: str
    """Text exactly as written, unique among the plan's measures."""
    title: str
    unit: MeasureUnit = MeasureUnit.NUMBER
    baseline: Decimal | None = None
    """Where it started, before the plan's work."""
    target: Decimal | None = None
    """Where the plan means it to be; a measure with a target says which way is ``better``."""
    better: Better | None = None
    priorities: tuple[str, ...] = ()
    """Ids of the priorities it shows the difference of."""
    actions: tuple[str, ...] = ()
    """Ids of the actions it shows the difference of."""
    source: str | None = None
    """Where the figures come from: ``Business Unit case review log``."""
    restricted: bool = False
    """Left out of public documents whole: its title, its figures and their notes."""


@attrs.frozen(repr=False, eq=False)
class MeasureValue(Value):
    """A measure's value at one review, and a note on it. A review that gives no value for a
    measure has none: it is missing, never zero."""

    value: Decimal | None = None
    """None when the review gives only a note (``Data not yet available``)."""
    note: str | None = None


def freeze_values(values: Mapping[str, MeasureValue]) -> Mapping[str, MeasureValue]:
    """A review's measure values, read-only."""
    return types.MappingProxyType(dict(values))

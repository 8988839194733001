"""The time a step of a case review must be done in, as data: the statutory timescales of
Working Together to Safeguard Children 2018 (chapter 4) and the units they count; and how often
a plan is reviewed, in the same units."""

from __future__ import annotations

import enum

import attrs

from safeguarding_plan.model.casereviews import CaseReviewKind
from safeguarding_plan.values import Value
from safeguarding_plan.words import plural


class Unit(enum.Enum):
    """What a timescale's length counts."""

    WORKING_DAYS = "working-days"
    CALENDAR_DAYS = "days"
    MONTHS = "months"

    @property
    def noun(self) -> str:
        """One of the unit, for `plural`: ``"working day"``."""
        return self.value.replace("-", " ").removesuffix("s")


@attrs.frozen(repr=False, eq=False)
class Interval(Value):
    """A length of time, as a plan file writes it: ``3 months``, ``42 days``."""

    length: int
    unit: Unit

    @property
    def text(self) -> str:
        """As the plan file writes it: ``3 months``, ``1 month``."""
        return plural(self.length, self.unit.noun)


@attrs.frozen(repr=False, eq=False)
class Timescale(Value):
    """A step of a case review and the time it must be done in."""

    step: str
    """A short key for the step, e.g. ``notified``."""
    label: str
    """The step in words, e.g. ``Notify the national panel``."""
    start: str
    """The name of the date the time counts from, e.g. ``became_aware``."""
    end: str
    """The name of the date that completes the step, e.g. ``notified``."""
    length: int
    """How many `unit` the step may take."""
    unit: Unit
    """What `length` counts."""
    source: str
    """Where the timescale is set, for the key to a report."""
    kinds: tuple[CaseReviewKind, ...] = ()
    """The kinds of review it applies to; every kind when empty."""

    def applies_to(self, kind: CaseReviewKind) -> bool:
        """Whether a review of ``kind`` is timed by it."""
        return not self.kinds or kind in self.kinds


_WORKING_TOGETHER = "Working Together to Safeguard Children 2018, chapter 4"


TIMESCALES: tuple[Timescale, ...] = (
    Timescale(
        step="notified", label="Notify the national panel",
        start="became_aware", end="notified", length=5, unit=Unit.WORKING_DAYS,
        source=_WORKING_TOGETHER, kinds=(CaseReviewKind.RAPID_REVIEW, CaseReviewKind.LCSPR),
    ),
    Timescale(
        step="rapid_review_completed", label="Complete the rapid review",
        start="notified", end="rapid_review_completed", length=15, unit=Unit.WORKING_DAYS,
        source=_WORKING_TOGETHER, kinds=(CaseReviewKind.RAPID_REVIEW, CaseReviewKind.LCSPR),
    ),
    Timescale(
        step="published", label="Publish the local child safeguarding practice review",
        start="initiated", end="published", length=6, unit=Unit.MONTHS,
        source=_WORKING_TOGETHER, kinds=(CaseReviewKind.LCSPR,),
    ),
)  # fmt: skip
"""The statutory timescales, in the order a case review meets them."""

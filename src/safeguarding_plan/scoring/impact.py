"""Measures scored at a review: each one's latest value, its change since the value before, on
or off target, and its trend across the reviews. Numbers only; the words are the report's.

A plan without measures is not looked at again: ``score_measures`` returns at once.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import attrs

from safeguarding_plan.model.impact import Better, Measure, MeasureUnit
from safeguarding_plan.model.plan import Plan, Review
from safeguarding_plan.values import Value

if TYPE_CHECKING:
    from decimal import Decimal


class Trend(enum.Enum):
    """Which way a measure's values have gone across the reviews that give one.

    Rising or falling means every value is at least as far that way as the one before, and the
    latest further than the first; a measure that says which way is ``better`` is improving or
    worsening instead. Values that went both ways are mixed."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    RISING = "rising"
    """Rising, for a measure that does not say which way is better."""
    FALLING = "falling"
    STEADY = "steady"
    """Every value the same."""
    MIXED = "mixed"


@attrs.frozen(repr=False, eq=False)
class MeasurePoint(Value):
    """A measure's value at one review; None where the review gives none (missing, not 0)."""

    review: str
    as_of: date
    value: Decimal | None


@attrs.frozen(repr=False, eq=False)
class MeasureScore(Value):
    """One measure at a review, from the values of that review and those before it."""

    id: str
    unit: MeasureUnit
    baseline: Decimal | None
    target: Decimal | None
    better: Better | None
    history: tuple[MeasurePoint, ...]
    """Every review up to the one scored, oldest first, each with the measure's value there."""
    latest: Decimal | None
    """The most recent value given, at the review scored or before it; None if none yet."""
    latest_review: str | None
    """The id of the review that gave ``latest``: the review scored, unless it gave none."""
    previous: Decimal | None
    """The value given before ``latest``, at an earlier review; None if there is none."""
    previous_review: str | None
    change: Decimal | None
    """``latest - previous``: the change since the value before; None without both."""
    since_baseline: Decimal | None
    """``latest - baseline``; None without both."""
    on_target: bool | None
    """Whether ``latest`` has reached the target, the way that is better; None without a
    target or a value."""
    trend: Trend | None
    """Which way its values have gone; None with fewer than two."""


def score_measures(plan: Plan, review: Review | None) -> dict[str, MeasureScore]:
    """Each of the plan's measures at ``review`` (None: no reviews, so no values), by id, in
    the order the plan lists them."""
    if not plan.measures:
        return {}
    reviews: list[Review] = []
    for each in plan.reviews if review is not None else ():
        reviews.append(each)
        if each is review:
            break
    return {m.id: _score(m, reviews) for m in plan.measures}


def _score(measure: Measure, reviews: Sequence[Review]) -> MeasureScore:
    history = tuple(
        MeasurePoint(r.id, r.as_of, v.value if (v := r.measures.get(measure.id)) else None)
        for r in reviews
    )
    given = [point for point in history if point.value is not None]
    latest = given[-1] if given else None
    previous = given[-2] if len(given) > 1 else None
    value = latest.value if latest else None
    return MeasureScore(
        id=measure.id,
        unit=measure.unit,
        baseline=measure.baseline,
        target=measure.target,
        better=measure.better,
        history=history,
        latest=value,
        latest_review=latest.review if latest else None,
        previous=previous.value if previous else None,
        previous_review=previous.review if previous else None,
        change=_less(value, previous.value if previous else None),
        since_baseline=_less(value, measure.baseline),
        on_target=_on_target(value, measure.target, measure.better),
        trend=_trend([p.value for p in given if p.value is not None], measure.better),
    )


def _less(value: Decimal | None, other: Decimal | None) -> Decimal | None:
    return value - other if value is not None and other is not None else None


def _on_target(value: Decimal | None, target: Decimal | None, better: Better | None) -> bool | None:
    if value is None or target is None or better is None:
        return None
    return value >= target if better is Better.HIGHER else value <= target


def _trend(values: Sequence[Decimal], better: Better | None) -> Trend | None:
    if len(values) < 2:
        return None
    steps = [later - earlier for earlier, later in itertools.pairwise(values)]
    if all(step == 0 for step in steps):
        return Trend.STEADY
    if all(step >= 0 for step in steps):
        rising = True
    elif all(step <= 0 for step in steps):
        rising = False
    else:
        return Trend.MIXED
    if better is None:
        return Trend.RISING if rising else Trend.FALLING
    return Trend.IMPROVING if rising == (better is Better.HIGHER) else Trend.WORSENING

"""Learning from case reviews, scored: how each review stands against its timescales, and how
much of what it recommended the plan has done.

A recommendation is implemented when every plan action it names is complete. Timeliness is
judged by ``timescales`` at the score's date; the calendar of bank holidays is loaded only
when a review has a date to count from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import attrs

from safeguarding_plan.model.casereviews import CaseReview
from safeguarding_plan.model.plan import ActionState, Plan
from safeguarding_plan.model.ratings import Progress
from safeguarding_plan.model.timescales import TIMESCALES, Timescale, Unit
from safeguarding_plan.scoring.working_days import StepResult, assess
from safeguarding_plan.values import Value


@attrs.frozen(repr=False, eq=False)
class StepScore(Value):
    """One step of a case review against its timescale."""

    step: str
    """The timescale's key, e.g. ``notified``."""
    label: str
    timeliness: str
    """``on time``, ``late``, ``overdue``, ``not yet due`` or ``not known``."""
    deadline: date | None
    taken: int | None
    """Working days for a working-day timescale, calendar days for any other."""
    late_by: int | None
    unit: str
    """What ``taken`` and ``late_by`` count: ``working-days`` or ``days``."""

    @classmethod
    def of(cls, result: StepResult) -> StepScore:
        timescale = result.timescale
        return cls(
            step=timescale.step,
            label=timescale.label,
            timeliness=result.timeliness.value,
            deadline=result.deadline,
            taken=result.taken,
            late_by=result.late_by,
            unit=Unit.WORKING_DAYS.value if timescale.unit is Unit.WORKING_DAYS else "days",
        )


@attrs.frozen(repr=False, eq=False)
class RecommendationScore(Value):
    """One recommendation and the progress of the actions that carry it out."""

    id: str
    actions: tuple[str, ...]
    complete: int
    """How many of its actions are complete."""
    implemented: bool
    """Every one of its actions is complete (a recommendation with none is not)."""


@attrs.frozen(repr=False, eq=False)
class CaseReviewScore(Value):
    """One case review at the score's date."""

    id: str
    kind: str
    status: str | None
    steps: tuple[StepScore, ...]
    recommendations: tuple[RecommendationScore, ...]
    implemented: int
    """Recommendations implemented."""


@attrs.frozen(repr=False, eq=False)
class LearningScore(Value):
    """Every case review of the plan, and the recommendations across them."""

    reviews: tuple[CaseReviewScore, ...]
    recommendations: int
    implemented: int
    percent_implemented: int | None
    """Recommendations implemented, as a rounded percentage; None when there are none."""
    actions_from_reviews: tuple[str, ...]
    """Ids of plan actions that carry out a recommendation, in plan order."""
    late: tuple[str, ...]
    """Ids of reviews with a step late or overdue."""


def timescales_of(plan: Plan, extra: Sequence[Timescale] = ()) -> tuple[Timescale, ...]:
    """The timescales ``plan`` is timed by: the statutory ones, then the plan's own, then those
    of ``extra`` (a plugin's) for steps neither names, each step once.

    A step is timed once, by the first of these to name it. A plan names a plugin's step when
    it records the step's date (the file may record only the dates its timescales name), and
    its file then says how long the step takes: the plan's own definition is the one used, its
    label and length shown, wherever it is scored or exported and whatever is installed. A
    plugin's timescale is the default for plans that do not name its step.
    """
    timed: dict[str, Timescale] = {}
    for timescale in (*TIMESCALES, *plan.timescales, *extra):
        timed.setdefault(timescale.step, timescale)
    return tuple(timed.values())


def score_learning(
    plan: Plan,
    states: Mapping[str, ActionState],
    as_of: date | None,
    timescales: Sequence[Timescale],
) -> LearningScore | None:
    """The case reviews of ``plan`` at ``as_of`` (today when None); None when it has none."""
    if not plan.case_reviews:
        return None
    when = as_of or date.today()
    reviews = tuple(_review(review, states, when, timescales) for review in plan.case_reviews)
    total = sum(len(r.recommendations) for r in reviews)
    done = sum(r.implemented for r in reviews)
    linked = {a for r in plan.case_reviews for rec in r.recommendations for a in rec.actions}
    return LearningScore(
        reviews=reviews,
        recommendations=total,
        implemented=done,
        percent_implemented=round(100 * done / total) if total else None,
        actions_from_reviews=tuple(a.id for a in plan.actions if a.id in linked),
        late=tuple(
            r.id for r in reviews if any(s.timeliness in ("late", "overdue") for s in r.steps)
        ),
    )


def _review(
    review: CaseReview,
    states: Mapping[str, ActionState],
    as_of: date,
    timescales: Sequence[Timescale],
) -> CaseReviewScore:
    # Every step of the review's kind is timed, its dates recorded or not: a step whose start
    # is not recorded is shown as not known, which is itself worth a board's attention.
    applicable = [t for t in timescales if t.applies_to(review.kind)]
    dates: dict[str, date | None] = {name: due.last_day for name, due in review.dates.items()}
    for timescale in applicable:
        dates.setdefault(timescale.start, None)
    recommendations = tuple(
        RecommendationScore(
            id=rec.id,
            actions=rec.actions,
            complete=(complete := sum(_complete(states, a) for a in rec.actions)),
            implemented=bool(rec.actions) and complete == len(rec.actions),
        )
        for rec in review.recommendations
    )
    return CaseReviewScore(
        id=review.id,
        kind=review.kind.value,
        status=review.status.value if review.status else None,
        steps=tuple(StepScore.of(s) for s in assess(dates, as_of, applicable)),
        recommendations=recommendations,
        implemented=sum(r.implemented for r in recommendations),
    )


def _complete(states: Mapping[str, ActionState], action_id: str) -> bool:
    state = states.get(action_id)
    return state is not None and state.progress is Progress.COMPLETE

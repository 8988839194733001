"""A plan scored over a reporting year: each priority at the start of the year and at each of
its reviews, what was completed and what slipped in it, and the actions with little or no
evidence of progress.

The rule for little or no progress (docs/yearly-report.md states it for readers): an action
open at the year's last review (neither complete nor cancelled) is listed when, at that
review, it is overdue, rated red, or deferred, or when its progress and its rating are both
what they were at the start of the year. The start of the year is the last review before it;
a plan with no review before the year starts from nothing: every action not started and
unrated. A priority is listed when it has open actions and either none of its actions was
completed in the year or at least half of its actions (cancelled ones aside) are listed.

The case reviews of a year (``case_reviews_of``, stated for readers there too) are those with a
date in it, those under way during it, those an action carrying out one of their
recommendations moved in it, and those with no date yet.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import pairwise

import attrs

from safeguarding_plan.errors import ArgumentError
from safeguarding_plan.model.casereviews import CaseReview, CaseReviewStatus
from safeguarding_plan.model.plan import ActionState, Plan, Review
from safeguarding_plan.model.ratings import Progress, Rag
from safeguarding_plan.scoring.progress import completion, is_overdue, percent_rounded

_CLOSED = (Progress.COMPLETE, Progress.CANCELLED)
_ENDED = (CaseReviewStatus.COMPLETED, CaseReviewStatus.PUBLISHED, CaseReviewStatus.CLOSED)


class Lacking(enum.Enum):
    """Why an action shows little or no evidence of progress, in the rule's order."""

    OVERDUE = "overdue"
    RED = "red"
    DEFERRED = "deferred"
    UNCHANGED = "unchanged"
    """Its progress and rating at the year's end are what they were at its start."""


@attrs.frozen
class PriorityYear:
    """One priority over the year."""

    id: str
    complete: tuple[int, ...]
    """Its actions complete at each point of the year (``YearScore.points``), in order."""
    counted: tuple[int, ...]
    """Its actions not cancelled at each point of the year: what its percent is of."""
    completed: tuple[str, ...]
    """Actions complete at the year's end that were not at its start, in plan order."""
    slipped: tuple[str, ...]
    """Actions whose due date was put back in the year, or that became overdue in it."""
    open: int
    """Actions neither complete nor cancelled at the year's end."""
    listed: tuple[str, ...]
    """Its actions with little or no evidence of progress."""
    lacking: bool
    """Little or no progress, by the rule (see the module)."""

    @property
    def percents(self) -> tuple[int, ...]:
        """Percent complete at each point of the year, rounded as every document rounds it."""
        return tuple(map(percent_rounded, self.complete, self.counted))

    @property
    def start_complete(self) -> int:
        return self.complete[0]

    @property
    def start_counted(self) -> int:
        return self.counted[0]

    @property
    def end_complete(self) -> int:
        return self.complete[-1]

    @property
    def end_counted(self) -> int:
        return self.counted[-1]


def _frozen(lacking: Mapping[str, tuple[Lacking, ...]]) -> Mapping[str, tuple[Lacking, ...]]:
    return types.MappingProxyType(dict(lacking))


@attrs.frozen
class YearScore:
    """A plan over the reporting year from ``start`` to ``end``."""

    start: date
    end: date
    opening: str | None
    """The last review before the year: where it started from; None for a plan with none."""
    reviews: tuple[str, ...]
    """The reviews in the year, oldest first: at least one."""
    priorities: tuple[PriorityYear, ...]
    lacking: Mapping[str, tuple[Lacking, ...]] = attrs.field(converter=_frozen, hash=False)
    """The actions with little or no evidence of progress, in plan order, with why."""

    @property
    def points(self) -> tuple[str | None, ...]:
        """The points of the year each priority is counted at: its opening, then each review
        in it."""
        return (self.opening, *self.reviews)

    @property
    def complete(self) -> tuple[int, ...]:
        """The actions of every priority complete at each point of the year."""
        return tuple(sum(p.complete[n] for p in self.priorities) for n in range(len(self.points)))

    @property
    def counted(self) -> tuple[int, ...]:
        """The actions of every priority not cancelled at each point of the year."""
        return tuple(sum(p.counted[n] for p in self.priorities) for n in range(len(self.points)))

    @property
    def percents(self) -> tuple[int, ...]:
        """Percent complete of all priorities at each point of the year."""
        return tuple(map(percent_rounded, self.complete, self.counted))

    @property
    def completed(self) -> tuple[str, ...]:
        return tuple(a for p in self.priorities for a in p.completed)

    @property
    def slipped(self) -> tuple[str, ...]:
        return tuple(a for p in self.priorities for a in p.slipped)


def reviews_in(plan: Plan, start: date, end: date) -> tuple[Review, ...]:
    """The plan's reviews whose date falls from ``start`` to ``end``, oldest first."""
    return tuple(r for r in plan.reviews if start <= r.as_of <= end)


def case_reviews_of(plan: Plan, start: date, end: date) -> tuple[CaseReview, ...]:
    """The plan's case reviews that belong to the year from ``start`` to ``end``, in plan
    order: one of its dates falls in the year; or it was under way during the year, begun by
    its end and neither published before its start nor completed or closed with all its
    dates before it; or an action carrying one of its recommendations changed progress (was
    completed, say) at a review of the year; or it has no date yet."""
    year = reviews_in(plan, start, end)
    before = [r for r in plan.reviews if r.as_of < start]
    steps = [plan.states(before[-1].id) if before else _nothing_yet(plan)]
    steps += [plan.states(r.id) for r in year]
    moved = {
        action_id
        for earlier, later in pairwise(steps)
        for action_id, state in later.items()
        if state.progress is not earlier[action_id].progress
    }
    return tuple(
        review
        for review in plan.case_reviews
        if _dated_or_under_way(review, start, end)
        or any(a in moved for rec in review.recommendations for a in rec.actions)
    )


def _dated_or_under_way(review: CaseReview, start: date, end: date) -> bool:
    days = [d.last_day for d in review.dates.values() if d.last_day is not None]
    if not days or any(start <= day <= end for day in days):
        return True
    # Every date is outside the year: it ran through the year when it began before the year,
    # was not published before the year began, and nothing says it ended before then.
    published = review.dates.get("published")
    if published is not None and published.last_day is not None and published.last_day < start:
        return False
    ended = review.status in _ENDED
    return min(days) <= end and not (ended and max(days) < start)


def score_year(plan: Plan, start: date, end: date) -> YearScore:
    """``plan`` over the year from ``start`` to ``end``; ArgumentError when no review falls
    in it."""
    year = reviews_in(plan, start, end)
    if not year:
        held = ", ".join(f"{r.id} ({r.as_of.isoformat()})" for r in plan.reviews) or "none"
        raise ArgumentError(
            f"no review of the plan is dated from {start.isoformat()} to {end.isoformat()}; "
            f"its reviews: {held}"
        )
    before = [r for r in plan.reviews if r.as_of < start]
    opening = before[-1] if before else None
    first = plan.states(opening.id) if opening else _nothing_yet(plan)
    steps = [first, *(plan.states(r.id) for r in year)]
    last, as_of = steps[-1], year[-1].as_of
    lacking: dict[str, tuple[Lacking, ...]] = {}
    for action_id, state in last.items():
        reasons = _lacking(state, first[action_id], as_of)
        if reasons:
            lacking[action_id] = reasons
    priorities = []
    for priority in plan.priorities:
        ids = [a.id for a in priority.actions]
        completed = tuple(
            i
            for i in ids
            if last[i].progress is Progress.COMPLETE and first[i].progress is not Progress.COMPLETE
        )
        slipped = tuple(
            i
            for i in ids
            if _put_back([s[i] for s in steps])
            # Overdue on the year's first day (as the start of the year has it), it slipped
            # before the year.
            or (is_overdue(last[i], as_of) and not is_overdue(first[i], start))
        )
        open_ids = [i for i in ids if last[i].progress not in _CLOSED]
        listed = tuple(i for i in open_ids if i in lacking)
        points = [completion(step[i] for i in ids) for step in steps]
        priorities.append(
            PriorityYear(
                id=priority.id,
                complete=tuple(complete for complete, _ in points),
                counted=tuple(counted for _, counted in points),
                completed=completed,
                slipped=slipped,
                open=len(open_ids),
                listed=listed,
                lacking=bool(open_ids) and (not completed or 2 * len(listed) >= points[-1][1]),
            )
        )
    return YearScore(
        start=start,
        end=end,
        opening=opening.id if opening else None,
        reviews=tuple(r.id for r in year),
        priorities=tuple(priorities),
        lacking=lacking,
    )


def _lacking(state: ActionState, first: ActionState, as_of: date) -> tuple[Lacking, ...]:
    if state.progress in _CLOSED:
        return ()
    reasons = {
        Lacking.OVERDUE: is_overdue(state, as_of),
        Lacking.RED: state.rating is not None and state.rating.rag is Rag.RED,
        Lacking.DEFERRED: state.progress is Progress.DEFERRED,
        Lacking.UNCHANGED: (state.progress, _key(state)) == (first.progress, _key(first)),
    }
    return tuple(reason for reason, holds in reasons.items() if holds)


def _key(state: ActionState) -> str | None:
    return state.rating.key if state.rating else None


def _put_back(states: Sequence[ActionState]) -> bool:
    """Whether the action's due date moved later in the year: to a later day than the last it
    had, or, while it was open, to no day (``TBC``)."""
    known: date | None = None  # the last day it was due by, at the steps so far
    for state in states:
        day = state.due.last_day if state.due else None
        if known is not None and (
            (day is None and state.progress not in _CLOSED) or (day is not None and day > known)
        ):
            return True
        known = day if day is not None else known
    return False


def _nothing_yet(plan: Plan) -> dict[str, ActionState]:
    """Every action as a plan with no review has it: not started, unrated."""
    return {
        a.id: ActionState(
            action=a,
            progress=Progress.NOT_STARTED,
            rating=None,
            note=None,
            due=a.due,
            updated=False,
        )
        for a in plan.actions
    }

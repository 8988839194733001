"""Scoring a plan at a review: pure, deterministic, plain data that serialises to JSON.

Completion is complete actions over actions that are not cancelled. ``as_of`` defaults to the
review's own date, never to today, so a score can be reproduced years later.
"""

from __future__ import annotations

import enum
import sys
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from safeguarding_plan.dates import MAX_YEAR, MIN_YEAR, DateError, parse_day
from safeguarding_plan.errors import ArgumentError
from safeguarding_plan.model.plan import Action, ActionState, Plan
from safeguarding_plan.model.ratings import Progress, Rag, RatingScale
from safeguarding_plan.model.timescales import Timescale
from safeguarding_plan.scoring.horizon import due_soon_by
from safeguarding_plan.scoring.impact import MeasureScore, score_measures
from safeguarding_plan.scoring.learning import LearningScore, score_learning, timescales_of
from safeguarding_plan.values import Value

_CLOSED = (Progress.COMPLETE, Progress.CANCELLED)


def _last_day(state: ActionState) -> date | None:
    """The day an action is due by; None when it has no due date, or one with no fixed day."""
    return state.due.last_day if state.due is not None else None


def is_overdue(state: ActionState, as_of: date | None) -> bool:
    """Due before ``as_of`` and neither complete nor cancelled."""
    last_day = _last_day(state)
    return (
        as_of is not None
        and last_day is not None
        and last_day < as_of
        and state.progress not in _CLOSED
    )


def percent(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole``; 0.0 when there is nothing to count."""
    return 100.0 * part / whole if whole else 0.0


def percent_rounded(part: int, whole: int) -> int:
    """The percentage for people, rounded half up in integers (24/33 -> 73, 1/8 -> 13)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def _to_json(_inst: object, _field: object, value: Any) -> Any:
    # A Decimal exists only once ``decimal`` is imported (by a plan with measures).
    decimal = sys.modules.get("decimal")
    if decimal is not None and isinstance(value, decimal.Decimal):
        # A JSON number: 1.10 is 1.1 there; measures' numbers have at most 14 digits, exact.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


@attrs.frozen(repr=False, eq=False)
class Counts(Value):
    """The counts a score gives for the whole plan and for each priority."""

    actions: int
    """Every action, cancelled ones included."""
    complete: int
    cancelled: int
    percent_complete: float
    """complete / (actions - cancelled) * 100; 0.0 when every action is cancelled."""
    by_progress: dict[str, int]
    """Actions per progress value; every value is present, zeros included."""
    by_rating: dict[str, int]
    """Actions per rating key of the plan's scale, best first; unrated actions are not here."""
    unrated: int
    """Actions no review has rated yet."""
    by_rag: dict[str, int]
    """Actions per RAG colour of their rating; unrated actions count as grey."""
    overdue: tuple[str, ...]
    """Ids of actions due before ``as_of`` that are neither complete nor cancelled."""
    expected: int
    """Actions (not cancelled) due on or before ``as_of``: what should be done by now."""
    expected_complete: int
    """How many of the expected actions are complete."""
    assured: int
    """Complete actions whose evidence has been seen (``assured``): done and proven."""
    percent_assured: float
    """assured / complete * 100; 0.0 when none is complete."""
    with_outcome: int
    """Actions that say the difference they should make (``outcome``)."""
    evidenced: int
    """How many of those have evidence, from any review up to this one."""
    percent_evidenced: float
    """evidenced / with_outcome * 100; 0.0 when no action has an outcome."""

    @property
    def percent_rounded(self) -> int:
        """The percentage as people read it: 24 of 33 is 73."""
        return percent_rounded(self.complete, self.actions - self.cancelled)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return attrs.asdict(self, value_serializer=_to_json)


@attrs.frozen(repr=False, eq=False)
class PriorityScore(Counts):
    """A score for one priority."""

    id: str
    title: str


@attrs.frozen(repr=False, eq=False)
class LeadNotUpdated(Value):
    """A lead with actions that the review scored has no update for: a return outstanding."""

    lead: str | None
    """As the plan writes it; None for the actions with no lead."""
    actions: tuple[str, ...]
    """Ids of the lead's actions with no update, in plan order."""
    lead_actions: int
    """How many actions the lead has in all: when it is ``len(actions)``, nothing of theirs
    came back."""


@attrs.frozen(repr=False, eq=False)
class Score(Counts):
    """A plan's score at one review."""

    review: str | None
    """The id of the review scored; None for a plan with no reviews yet."""
    as_of: date | None
    """The date overdue and expected are judged at."""
    by_priority: dict[str, PriorityScore]
    """The same counts for each priority, by priority id, in plan order."""
    due_soon: tuple[str, ...]
    """Ids of open actions due from ``as_of`` to ``due_soon_by``."""
    due_soon_by: date | None
    """The last day an open action may be due on to be due soon: the next review's date when
    the plan says how often it is reviewed (``review_every``), else the end of the calendar
    quarter after the one ``as_of`` is in, unless ``horizon_days`` were given. None without
    ``as_of``."""
    horizon_days: int | None
    """The days from ``as_of`` to ``due_soon_by``; None without a date to count from."""
    no_fixed_date: tuple[str, ...]
    """Ids of open actions whose due date names no day ("Ongoing", "TBC", "Quarterly"): never
    overdue or due soon."""
    learning: LearningScore | None = None
    """The plan's case reviews: timeliness and recommendations implemented; None without any."""
    not_updated: tuple[str, ...] = ()
    """Ids of actions the review scored has no update for, in plan order: their leads' returns
    are outstanding (none for a plan without reviews)."""
    not_updated_by_lead: tuple[LeadNotUpdated, ...] = ()
    """The same actions by lead, each lead once, in the order the plan first names them."""
    measures: dict[str, MeasureScore] = attrs.field(factory=dict)
    """Each of the plan's measures at the review, by id, in the order the plan lists them."""


def _counts(
    states: Iterable[ActionState], scale: RatingScale, as_of: date | None, proof: bool
) -> dict[str, Any]:
    """The counts of ``states``; assurance and evidence are counted only with ``proof`` (the
    plan gives outcomes, evidence or assurance), so a plan without them costs nothing more."""
    states = list(states)
    # Counted by member, named by value after: an enum's .value is a slow property.
    progress_counts = dict.fromkeys(Progress, 0)
    rag_counts = dict.fromkeys(Rag, 0)
    by_rating = dict.fromkeys(scale.keys, 0)
    expected = expected_complete = assured = with_outcome = evidenced = 0
    for state in states:
        if proof:
            assured += state.assured is not None
            if state.action.outcome is not None:
                with_outcome += 1
                evidenced += bool(state.evidence)
        progress_counts[state.progress] += 1
        rating = state.rating
        if rating is None:
            rag_counts[Rag.GREY] += 1
        else:
            by_rating[rating.key] += 1
            rag_counts[rating.rag] += 1
        last_day = _last_day(state)
        due_by_now = as_of is not None and last_day is not None and last_day <= as_of
        if due_by_now and state.progress is not Progress.CANCELLED:
            expected += 1
            expected_complete += state.progress is Progress.COMPLETE
    by_progress = {p.value: n for p, n in progress_counts.items()}
    by_rag = {rag.value: n for rag, n in rag_counts.items()}
    complete = by_progress[Progress.COMPLETE.value]
    cancelled = by_progress[Progress.CANCELLED.value]
    return {
        "actions": len(states),
        "complete": complete,
        "cancelled": cancelled,
        "percent_complete": percent(complete, len(states) - cancelled),
        "by_progress": by_progress,
        "by_rating": by_rating,
        "unrated": len(states) - sum(by_rating.values()),
        "by_rag": by_rag,
        "overdue": tuple(s.action.id for s in states if is_overdue(s, as_of)),
        "expected": expected,
        "expected_complete": expected_complete,
        "assured": assured,
        "percent_assured": percent(assured, complete),
        "with_outcome": with_outcome,
        "evidenced": evidenced,
        "percent_evidenced": percent(evidenced, with_outcome),
    }


MOST_HORIZON_DAYS = 3660
"""The longest ``horizon_days``: ten years, longer than any plan runs (``score --horizon``
has the same bound)."""


def as_of_date(as_of: date | str | None) -> date | None:
    """``as_of`` as ``score``, ``score_many``, ``report`` and ``export`` take it: None, a
    ``date``, or the same date as text a plan file takes for a day (``2022-03-31``,
    ``31/03/2022``), from 1900 to 2200 as a plan file's dates are. TypeError for anything else,
    a ``datetime`` too (a date is asked for, not a time); ArgumentError for text that is no
    such date, or a date outside those years."""
    if as_of is None:
        return None
    if isinstance(as_of, str):
        try:
            return parse_day(as_of)
        except DateError as err:
            raise ArgumentError(f"as_of: {err}") from None
    if isinstance(as_of, datetime) or not isinstance(as_of, date):
        raise TypeError(
            "as_of must be a date, or text such as '2022-03-31' or '31/03/2022', not "
            f"{'a datetime' if isinstance(as_of, datetime) else type(as_of).__name__}"
        )
    if not MIN_YEAR <= as_of.year <= MAX_YEAR:
        raise ArgumentError(
            f"as_of: {as_of.isoformat()!r} needs a year from {MIN_YEAR} to {MAX_YEAR}"
        )
    return as_of


def _horizon(days: int | None) -> int | None:
    if days is None:
        return None
    if not isinstance(days, int) or isinstance(days, bool):
        raise TypeError(f"horizon_days must be a whole number of days, not {days!r}")
    if not 0 <= days <= MOST_HORIZON_DAYS:
        raise ArgumentError(
            f"horizon_days must be from 0 to {MOST_HORIZON_DAYS:,} days, not {days:,}"
        )
    return days


def completion(states: Iterable[ActionState]) -> tuple[int, int]:
    """How many of ``states`` are complete, and how many are counted (cancelled ones aside),
    as ``score`` counts them: for a trend across reviews, or a year's points, which need no
    more of a review's score."""
    progress = [state.progress for state in states]
    complete = sum(p is Progress.COMPLETE for p in progress)
    return complete, len(progress) - sum(p is Progress.CANCELLED for p in progress)


def score(
    plan: Plan,
    review: str | None = None,
    as_of: date | str | None = None,
    horizon_days: int | None = None,
    timescales: Sequence[Timescale] = (),
) -> Score:
    """Score ``plan`` at ``review`` (default: the latest), judging dates at ``as_of``
    (default: that review's ``as_of``): a ``date`` or text such as ``2022-03-31`` or
    ``31/03/2022``, from 1900 to 2200. ``due_soon`` lists the open actions due from then to the
    next review's date when the plan says how often it is reviewed (``review_every``), else to
    the end of the next calendar quarter (30 June after 31 March), or in the ``horizon_days``
    after it, 0 to 3,660 (ten years), when given. Case reviews are timed against the statutory
    timescales, the plan's own and ``timescales`` (a plugin's). UnknownReviewError (a KeyError)
    for an unknown review; ArgumentError (a ValueError) for an ``as_of`` or ``horizon_days``
    out of range or text that is no date; TypeError for an ``as_of`` that is neither a date nor
    text (a ``datetime`` too) or a ``horizon_days`` that is not a whole number."""
    as_of = as_of_date(as_of)
    horizon_days = _horizon(horizon_days)
    scored = plan.review(review) if (plan.reviews or review is not None) else None
    as_of = as_of if as_of is not None else (scored.as_of if scored else None)
    states = plan.states(scored.id if scored else None)
    proof = plan.impact_given
    by_priority = {
        priority.id: PriorityScore(
            id=priority.id,
            title=priority.title,
            **_counts((states[a.id] for a in priority.actions), plan.ratings, as_of, proof),
        )
        for priority in plan.priorities
    }
    horizon: date | None = None
    if as_of is not None:
        horizon = (
            due_soon_by(as_of, plan.review_every)
            if horizon_days is None
            else as_of + timedelta(days=horizon_days)
        )
        horizon_days = (horizon - as_of).days
    open_states = [s for s in states.values() if s.progress not in _CLOSED]
    not_updated = tuple(i for i, s in states.items() if not s.updated) if scored else ()
    return Score(
        review=scored.id if scored else None,
        not_updated=not_updated,
        not_updated_by_lead=by_lead(plan, not_updated),
        as_of=as_of,
        by_priority=by_priority,
        due_soon=tuple(
            s.action.id
            for s in open_states
            if as_of is not None
            and horizon is not None
            and (last_day := _last_day(s)) is not None
            and as_of <= last_day <= horizon
        ),
        due_soon_by=horizon,
        horizon_days=horizon_days,
        no_fixed_date=tuple(
            s.action.id for s in open_states if s.due is not None and s.due.last_day is None
        ),
        learning=score_learning(plan, states, as_of, timescales_of(plan, timescales)),
        measures=score_measures(plan, scored),
        **_counts(states.values(), plan.ratings, as_of, proof),
    )


def by_lead(
    plan: Plan, action_ids: Iterable[str], withheld: Collection[str] = ()
) -> tuple[LeadNotUpdated, ...]:
    """``action_ids`` grouped by their leads, with how many actions each lead has; an action
    in ``withheld`` counts as one with no lead (a public document names no lead of an action
    it withholds, nor counts it among a lead's)."""

    def lead(action: Action) -> str | None:
        return None if action.id in withheld else action.lead

    leads: dict[str | None, list[str]] = {}
    for action_id in action_ids:
        leads.setdefault(lead(plan.action(action_id)), []).append(action_id)
    if not leads:  # the usual case once every form is in: no need to count every lead's
        return ()
    totals = Counter(lead(action) for action in plan.actions)
    return tuple(LeadNotUpdated(name, tuple(ids), totals[name]) for name, ids in leads.items())


@attrs.frozen(repr=False, eq=False)
class Change(Value):
    """One action's change between two reviews."""

    action_id: str
    before: str | None
    """The earlier value: a progress value, a rating key or a due date's text."""
    after: str | None


@attrs.frozen(repr=False, eq=False)
class Comparison(Value):
    """What changed between two reviews; empty (falsy) when nothing did."""

    old: str
    new: str
    newly_complete: tuple[Change, ...]
    """Complete now, not complete before (before/after: progress values)."""
    rating_improved: tuple[Change, ...]
    """Rated better than before (before/after: rating keys)."""
    rating_worsened: tuple[Change, ...]
    newly_overdue: tuple[Change, ...]
    """Overdue at the new review's date, not at the old one's (before/after: due text)."""
    due_moved: tuple[Change, ...]
    """Due date revised (before/after: due text as written)."""

    def __bool__(self) -> bool:
        return any(
            (
                self.newly_complete,
                self.rating_improved,
                self.rating_worsened,
                self.newly_overdue,
                self.due_moved,
            )
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return attrs.asdict(self, value_serializer=_to_json)


def _due_text(state: ActionState) -> str | None:
    return state.due.text if state.due else None


def compare(plan: Plan, old: str, new: str) -> Comparison:
    """What changed for each action from review ``old`` to review ``new``;
    UnknownReviewError (a KeyError) for either the plan does not have."""
    old_review, new_review = plan.review(old), plan.review(new)
    before, after = plan.states(old), plan.states(new)
    pairs = [(before[a], after[a]) for a in after]

    def changes(test: Any, value: Any) -> tuple[Change, ...]:
        return tuple(Change(b.action.id, value(b), value(a)) for b, a in pairs if test(b, a))

    return Comparison(
        old=old_review.id,
        new=new_review.id,
        newly_complete=changes(
            lambda b, a: a.progress is Progress.COMPLETE and b.progress is not Progress.COMPLETE,
            lambda s: s.progress.value,
        ),
        rating_improved=changes(
            lambda b, a: b.rating and a.rating and a.rating.order < b.rating.order,
            lambda s: s.rating.key if s.rating else None,
        ),
        rating_worsened=changes(
            lambda b, a: b.rating and a.rating and a.rating.order > b.rating.order,
            lambda s: s.rating.key if s.rating else None,
        ),
        newly_overdue=changes(
            lambda b, a: is_overdue(a, new_review.as_of) and not is_overdue(b, old_review.as_of),
            _due_text,
        ),
        due_moved=changes(lambda b, a: _due_text(b) != _due_text(a), _due_text),
    )

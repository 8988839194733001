"""The plan, its priorities, actions and reviews, and where each action stands at a review.

Everything here is frozen and slotted: a loaded plan cannot change under a report that is being
rendered from it. Validation happens once, when a file is loaded (``planfile.loading``);
these classes trust what they are given.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from datetime import date
from typing import Literal

import attrs

from safeguarding_plan.errors import UnknownActionError, UnknownReviewError
from safeguarding_plan.model.casereviews import CaseReview, PracticeTheme
from safeguarding_plan.model.due import Due
from safeguarding_plan.model.impact import (
    Assurance,
    Evidence,
    Measure,
    MeasureValue,
    freeze_values,
)
from safeguarding_plan.model.paper import Paper
from safeguarding_plan.model.ratings import Progress, Rating, RatingScale
from safeguarding_plan.model.timescales import Interval, Timescale
from safeguarding_plan.model.yearly import YearNarrative
from safeguarding_plan.values import Value

Audience = Literal["board", "public"]
"""Who a document is for: the board sees everything; the public never sees what is restricted."""
AUDIENCES: tuple[Audience, ...] = ("board", "public")


@attrs.frozen(repr=False, eq=False)
class Period(Value):
    """The span a plan covers."""

    start: date
    end: date
    text: str | None = None
    """As written (``2021/23``), or None when the file gives ``start`` and ``end`` dates."""

    @property
    def label(self) -> str:
        """The short form used in table headings: ``2021-23``."""
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.year}-{self.end.year % 100:02d}"


@attrs.frozen(repr=False, eq=False)
class Person(Value):
    """Someone the partnership names, such as its Independent Chair."""

    role: str
    name: str
    restricted: bool = False
    """True when the name may not be published: it is then one of the plan's restricted words."""


@attrs.frozen(repr=False, eq=False)
class Partnership(Value):
    """The safeguarding children partnership that owns the plan."""

    name: str
    short_name: str | None = None
    people: tuple[Person, ...] = ()
    lead_partners: tuple[Person, ...] = ()
    """The lead safeguarding partners (or their delegates), who sign off the yearly report."""


@attrs.frozen(repr=False, eq=False)
class Action(Value):
    """One numbered action of a priority."""

    id: str
    """Text exactly as written: ``1.10`` is not ``1.1``."""
    text: str
    lead: str | None = None
    """Who answers for it: a sub-group, the Executive Board, a named officer."""
    due: Due | None = None
    themes: tuple[str, ...] = ()
    restricted: bool = False
    """Left out of public documents."""
    outcome: str | None = None
    """The difference it should make for children: what done well looks like."""
    evidenced_by: str | None = None
    """How that difference will be shown: an audit, a survey, a measure."""


@attrs.frozen(repr=False, eq=False)
class Priority(Value):
    """A strategic priority and its actions."""

    id: str
    title: str
    actions: tuple[Action, ...] = ()


@attrs.frozen(repr=False, eq=False)
class ActionUpdate(Value):
    """What a review says about one action. Fields left as None carry forward from the last
    review that gave them (the note does not: it belongs to this review)."""

    progress: Progress | None = None
    rating: str | None = None
    """A key of the plan's rating scale."""
    note: str | None = None
    """The update text, e.g. ``Website redesign will commence in 2022/23.``"""
    due: Due | None = None
    """A revised due date, replacing the action's own from this review on."""
    restricted: bool = False
    """True when the note may not be published: a public document shows a neutral line."""
    evidence: tuple[Evidence, ...] = ()
    """What this review shows of the action's difference; kept, with every earlier review's."""
    assured: Assurance | None = None
    """That the action, complete, has had its evidence seen; carried forward while it stays
    complete."""


def _freeze_updates(updates: Mapping[str, ActionUpdate]) -> Mapping[str, ActionUpdate]:
    return types.MappingProxyType(dict(updates))


@attrs.frozen(repr=False, eq=False)
class Review(Value):
    """A progress review: the updates collected for one board meeting."""

    id: str
    title: str
    """The column heading of the board paper, e.g. ``February 2022 – Update``."""
    as_of: date
    """The date progress is reported at; overdue is judged against it."""
    updates: Mapping[str, ActionUpdate] = attrs.field(
        factory=dict, converter=_freeze_updates, hash=False
    )
    """Updates by action id; an action without one carries its last known state forward."""
    paper: Paper = attrs.field(factory=Paper)
    """This review's board paper's own content; what it leaves out is the plan's."""
    measures: Mapping[str, MeasureValue] = attrs.field(
        factory=dict, converter=freeze_values, hash=False
    )
    """Values by measure id; a measure the review does not give is missing at it."""
    # Whether an update gives evidence or assurance: found as the review is made (the file
    # is being read then anyway), so that scoring a plan without any never looks for them.
    _proves: bool = attrs.field(
        init=False,
        eq=False,
        repr=False,
        hash=False,
        default=attrs.Factory(
            lambda self: any(u.evidence or u.assured is not None for u in self.updates.values()),
            takes_self=True,
        ),
    )


@attrs.frozen(repr=False, eq=False)
class ActionState(Value):
    """Where an action stands at one review, after carrying earlier reviews forward."""

    action: Action
    progress: Progress
    rating: Rating | None
    """None until a review first rates the action."""
    note: str | None
    """This review's update text; None when this review has no update for the action."""
    due: Due | None
    """The action's due date, or the latest revision of it."""
    updated: bool
    """Whether this review has an update for the action."""
    evidence: tuple[Evidence, ...] = ()
    """Every piece of evidence given for the action up to this review, oldest first."""
    assured: Assurance | None = None
    """The latest assurance of the action while it has stayed complete since; None when it is
    not complete or not yet assured."""


def _index_plan(plan: Plan) -> dict[str, tuple[Priority, Action]]:
    return {
        action.id: (priority, action) for priority in plan.priorities for action in priority.actions
    }


@attrs.frozen(repr=False, eq=False)
class Plan(Value):
    """A partnership's business improvement plan with its reviews, oldest first."""

    partnership: Partnership
    title: str
    ratings: RatingScale
    priorities: tuple[Priority, ...] = ()
    reviews: tuple[Review, ...] = ()
    period: Period | None = None
    restricted_words: tuple[str, ...] = ()
    """Words (names of children, staff, places) that no public document may contain."""
    case_reviews: tuple[CaseReview, ...] = ()
    practice_themes: tuple[PracticeTheme, ...] = ()
    """The plan's own practice themes, besides ``NATIONAL_THEMES``."""
    timescales: tuple[Timescale, ...] = ()
    """The partnership's own case review timescales, besides the statutory ones."""
    paper: Paper = attrs.field(factory=Paper)
    """What every review's board paper says besides the progress, unless the review says
    otherwise: the meeting, the purpose, the recommendations, sections of narrative."""
    review_every: Interval | None = None
    """How often the plan is reviewed (``3 months``): "due soon" at a review runs to the next
    one. None when the plan does not say."""
    measures: tuple[Measure, ...] = ()
    """The numbers the partnership tracks to show the plan makes a difference; their values
    are in each review."""
    yearly_reports: tuple[YearNarrative, ...] = ()
    """The partnership's own words for each yearly report, one reporting year each."""
    _actions: dict[str, tuple[Priority, Action]] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        hash=False,
        default=attrs.Factory(_index_plan, takes_self=True),
    )
    # States by review id, made once: a report asks for the same review's states several
    # times (score, rows, comparison), and the plan never changes.
    _states: dict[int, Mapping[str, ActionState]] = attrs.field(
        init=False, eq=False, repr=False, hash=False, factory=dict
    )
    # Whether an action has an outcome, found as the plan is made (see ``Review._proves``).
    _outcomes: bool = attrs.field(
        init=False,
        eq=False,
        repr=False,
        hash=False,
        default=attrs.Factory(
            lambda self: any(a.outcome is not None for _, a in self._actions.values()),
            takes_self=True,
        ),
    )

    @property
    def actions(self) -> tuple[Action, ...]:
        """Every action of every priority, in plan order."""
        return tuple(action for _, action in self._actions.values())

    def action(self, action_id: str) -> Action:
        """The action with this id; UnknownActionError (a KeyError) if there is none."""
        return self._found(action_id)[1]

    def priority_of(self, action_id: str) -> Priority:
        """The priority an action belongs to; UnknownActionError if there is no such action."""
        return self._found(action_id)[0]

    def _found(self, action_id: str) -> tuple[Priority, Action]:
        try:
            return self._actions[action_id]
        except KeyError:
            raise UnknownActionError(action_id) from None

    def review(self, review_id: str | None = None) -> Review:
        """The review with this id, or the latest one; UnknownReviewError (a KeyError)
        naming the reviews there are."""
        if review_id is None:
            if not self.reviews:
                raise UnknownReviewError(None)
            return self.reviews[-1]
        for review in self.reviews:
            if review.id == review_id:
                return review
        raise UnknownReviewError(review_id, (r.id for r in self.reviews))

    def states(self, review_id: str | None = None) -> Mapping[str, ActionState]:
        """Every action's state at a review (default: the latest), by action id, in plan order.

        Reviews up to and including that one are applied oldest first, so each action carries
        its last known progress, rating and due date forward. With no reviews at all, every
        action is not started and unrated. UnknownReviewError (a KeyError) for an unknown review.
        """
        # An id is looked up even when there are no reviews: asking for one that does not
        # exist is a KeyError, not a plan where nothing has started.
        last = self.review(review_id) if (self.reviews or review_id is not None) else None
        key = id(last)  # the review itself: a plan made in code may repeat an id
        if key not in self._states:
            self._states[key] = types.MappingProxyType(self._states_at(last))
        return self._states[key]

    @property
    def impact_given(self) -> bool:
        """Whether any action has an ``outcome`` or any review gives evidence or assurance:
        a score counts them only then (a plan without them is scored as fast as before)."""
        return self._outcomes or any(review._proves for review in self.reviews)

    def _states_at(self, last: Review | None) -> dict[str, ActionState]:
        applied: list[Review] = []  # the reviews up to ``last``, newest first
        if last is not None:
            for review in self.reviews:
                applied.insert(0, review)
                if review is last:
                    break
        notes: Mapping[str, ActionUpdate] = last.updates if last is not None else {}
        ratings = {r.key: r for r in self.ratings}
        proving = [review for review in applied if review._proves]  # newest first
        made: dict[str, ActionState] = {}
        # Action by action, each field from the newest review that gives it: a large plan's
        # updates are read once each, in place, rather than copied into a map per field.
        for action_id, (_, action) in self._actions.items():
            progress: Progress | None = None
            rating: str | None = None
            due: Due | None = None
            for review in applied:
                update = review.updates.get(action_id)
                if update is None:
                    continue
                progress = update.progress if progress is None else progress
                rating = update.rating if rating is None else rating
                due = update.due if due is None else due
                if progress is not None and rating is not None and due is not None:
                    break
            latest = notes.get(action_id)
            progress = Progress.NOT_STARTED if progress is None else progress
            evidence: tuple[Evidence, ...] = ()
            assured: Assurance | None = None
            if proving:  # only a plan that gives evidence or assurance looks further back
                evidence, assured = _proof_of(action_id, progress, applied, proving)
            made[action_id] = ActionState(
                action=action,
                progress=progress,
                rating=ratings[rating] if rating is not None else None,
                note=latest.note if latest is not None else None,
                due=action.due if due is None else due,
                updated=latest is not None,
                evidence=evidence,
                assured=assured,
            )
        return made


def _proof_of(
    action_id: str, progress: Progress, applied: list[Review], proving: list[Review]
) -> tuple[tuple[Evidence, ...], Assurance | None]:
    """An action's evidence up to a review, oldest first, and its assurance if it has stayed
    complete since; ``applied`` and ``proving`` (those of them that give evidence or
    assurance) newest first."""
    evidence = tuple(
        item
        for review in reversed(proving)
        if (update := review.updates.get(action_id)) is not None
        for item in update.evidence
    )
    if progress is not Progress.COMPLETE:
        return evidence, None
    for review in applied:
        update = review.updates.get(action_id)
        if update is None:
            continue
        if update.progress is not None and update.progress is not Progress.COMPLETE:
            break  # reopened since: an earlier assurance was of another completion
        if update.assured is not None:
            return evidence, update.assured
    return evidence, None

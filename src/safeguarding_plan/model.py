"""The plan as immutable data, in the partnership's own words.

Everything here is frozen and slotted: a loaded plan cannot change under a report that is being
rendered from it. Validation happens once, when a file is loaded (``safeguarding_plan.loading``);
these classes trust what they are given.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:  # timescales imports the wording, which imports this module
    from .timescales import Timescale

Audience = Literal["board", "public"]
"""Who a document is for: the board sees everything; the public never sees what is restricted."""
AUDIENCES: tuple[Audience, ...] = ("board", "public")


class Progress(enum.Enum):
    """How far an action has got. Separate from its rating: an action can be on track (😊)
    while still in progress."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    COMPLETE = "complete"
    DEFERRED = "deferred"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """Words for people: ``"Not started"``."""
        return self.value.replace("-", " ").capitalize()


class Rag(enum.Enum):
    """The RAG colour a rating stands for; blue means complete, grey means not assessed."""

    BLUE = "blue"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"

    @property
    def label(self) -> str:
        """Words for people: ``"Amber"``."""
        return self.value.capitalize()


@attrs.frozen
class Rating:
    """One step of a rating scale."""

    key: str
    """What the plan file writes, e.g. ``happy``."""
    label: str
    """Words shown beside the symbol, and all a screen reader says: ``Good progress``."""
    rag: Rag
    """The colour it counts as in RAG summaries."""
    order: int
    """Position in the scale, 0 for the best rating."""
    symbol: str | None = None
    """An emoji or mark shown with the words, never instead of them."""
    meaning: str | None = None
    """What the rating means, for the key to the scale."""


def _index_ratings(scale: RatingScale) -> dict[str, Rating]:
    return {rating.key: rating for rating in scale.ratings}


@attrs.frozen
class RatingScale:
    """The ratings a plan uses, best first."""

    ratings: tuple[Rating, ...]
    """Every rating, best first; ``ratings[i].order == i``."""
    name: str | None = None
    """The built-in scale's name (``faces``, ``rag``, ``brag``), or None for a scale written in
    the plan file."""
    _by_key: dict[str, Rating] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        hash=False,
        default=attrs.Factory(_index_ratings, takes_self=True),
    )

    def __getitem__(self, key: str) -> Rating:
        return self._by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Rating]:
        return iter(self.ratings)

    def __len__(self) -> int:
        return len(self.ratings)

    @property
    def keys(self) -> tuple[str, ...]:
        """The rating keys, best first."""
        return tuple(self._by_key)


@attrs.frozen
class Due:
    """A due date as the plan writes it, and the day it is counted as due by."""

    text: str
    """As written: ``by May 2021``, ``Spring 2022``, ``Q3 2021/22``."""
    last_day: date
    """The last day of the window the text names; overdue means ``as_of`` is after this."""


@attrs.frozen
class Period:
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


@attrs.frozen
class Person:
    """Someone the partnership names, such as its Independent Chair."""

    role: str
    name: str
    restricted: bool = False
    """True when the name may not be published: it is then one of the plan's restricted words."""


@attrs.frozen
class Partnership:
    """The safeguarding children partnership that owns the plan."""

    name: str
    short_name: str | None = None
    people: tuple[Person, ...] = ()


@attrs.frozen
class Action:
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


@attrs.frozen
class Priority:
    """A strategic priority and its actions."""

    id: str
    title: str
    actions: tuple[Action, ...] = ()


@attrs.frozen
class ActionUpdate:
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


def _freeze_updates(updates: Mapping[str, ActionUpdate]) -> Mapping[str, ActionUpdate]:
    return types.MappingProxyType(dict(updates))


@attrs.frozen
class Review:
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


class ReviewKind(enum.Enum):
    """What kind of case review: Child Safeguarding Practice Reviews replaced Serious Case
    Reviews in 2019; a rapid review decides whether a local one is needed."""

    RAPID_REVIEW = "rapid-review"
    LCSPR = "lcspr"
    NATIONAL_REVIEW = "national-review"
    CHILD_DEATH_REVIEW = "child-death-review"
    OWHR = "owhr"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Words for people: ``"Local child safeguarding practice review"``."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ReviewKind.RAPID_REVIEW: "Rapid review",
    ReviewKind.LCSPR: "Local child safeguarding practice review",
    ReviewKind.NATIONAL_REVIEW: "National review",
    ReviewKind.CHILD_DEATH_REVIEW: "Child death review",
    ReviewKind.OWHR: "Offensive weapon homicide review",
    ReviewKind.OTHER: "Other review",
}


class ReviewStatus(enum.Enum):
    """Where a case review has got to."""

    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    PUBLISHED = "published"
    CLOSED = "closed"
    """Ended without a report to publish: a rapid review that decided no local review."""

    @property
    def label(self) -> str:
        """Words for people: ``"In progress"``."""
        return self.value.replace("-", " ").capitalize()


REVIEW_DATES = {
    "incident": "Incident",
    "became_aware": "Became aware",
    "notified": "National panel notified",
    "rapid_review_completed": "Rapid review completed",
    "decision": "Decision",
    "initiated": "Initiated",
    "published": "Published",
}
"""The dates a case review may record, in the order they happen, with the words documents
show for each; a date a plan's own timescale names is shown in its own words."""


@attrs.frozen
class PracticeTheme:
    """A theme of practice that reviews teach, e.g. ``Critical thinking and challenge``."""

    id: str
    label: str


NATIONAL_THEMES: tuple[PracticeTheme, ...] = (
    PracticeTheme("daily-life", "Understanding what the child's daily life is like"),
    PracticeTheme(
        "reluctant-engagement",
        "Working with families where their engagement is reluctant and sporadic",
    ),
    PracticeTheme("critical-thinking", "Critical thinking and challenge"),
    PracticeTheme("changing-risk", "Responding to changing risk and need"),
    PracticeTheme("information-sharing", "Sharing information in a timely and appropriate way"),
    PracticeTheme("leadership", "Organisational leadership and culture for good outcomes"),
)
"""The national panel's six key practice themes for embedding national learning."""


@attrs.frozen
class Recommendation:
    """A recommendation of a case review, and the plan's actions that carry it out."""

    id: str
    text: str
    actions: tuple[str, ...] = ()
    """Ids of the plan's actions that implement it."""


def _freeze_dates(dates: Mapping[str, Due]) -> Mapping[str, Due]:
    return types.MappingProxyType(dict(dates))


@attrs.frozen
class CaseReview:
    """A rapid review, local or national child safeguarding practice review, child death review
    or offensive weapon homicide review, and what the partnership learns from it."""

    id: str
    kind: ReviewKind
    title: str
    subject: str | None = None
    """Who the review is about, usually a child: never in a public document unless
    ``subject_restricted`` is False."""
    subject_restricted: bool = True
    dates: Mapping[str, Due] = attrs.field(factory=dict, converter=_freeze_dates, hash=False)
    """Dates by name (``REVIEW_DATES``, or a date a plan's own timescale names), each as
    written; a month counts as its last day."""
    status: ReviewStatus | None = None
    themes: tuple[str, ...] = ()
    """Ids of practice themes: ``NATIONAL_THEMES`` or the plan's own."""
    recommendations: tuple[Recommendation, ...] = ()


@attrs.frozen
class ActionState:
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


def _index_plan(plan: Plan) -> dict[str, tuple[Priority, Action]]:
    return {
        action.id: (priority, action) for priority in plan.priorities for action in priority.actions
    }


@attrs.frozen
class Plan:
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

    @property
    def actions(self) -> tuple[Action, ...]:
        """Every action of every priority, in plan order."""
        return tuple(action for _, action in self._actions.values())

    def action(self, action_id: str) -> Action:
        """The action with this id; KeyError if there is none."""
        return self._actions[action_id][1]

    def priority_of(self, action_id: str) -> Priority:
        """The priority an action belongs to."""
        return self._actions[action_id][0]

    def review(self, review_id: str | None = None) -> Review:
        """The review with this id, or the latest one; KeyError naming the reviews there are."""
        if review_id is None:
            if not self.reviews:
                raise KeyError("the plan has no reviews yet")
            return self.reviews[-1]
        for review in self.reviews:
            if review.id == review_id:
                return review
        known = ", ".join(repr(r.id) for r in self.reviews) or "none"
        raise KeyError(f"no review {review_id!r} in the plan (reviews: {known})")

    def states(self, review_id: str | None = None) -> Mapping[str, ActionState]:
        """Every action's state at a review (default: the latest), by action id, in plan order.

        Reviews up to and including that one are applied oldest first, so each action carries
        its last known progress, rating and due date forward. With no reviews at all, every
        action is not started and unrated. KeyError for an unknown review.
        """
        # An id is looked up even when there are no reviews: asking for one that does not
        # exist is a KeyError, not a plan where nothing has started.
        last = self.review(review_id) if (self.reviews or review_id is not None) else None
        key = id(last)  # the review itself: a plan made in code may repeat an id
        if key not in self._states:
            self._states[key] = types.MappingProxyType(self._states_at(last))
        return self._states[key]

    def _states_at(self, last: Review | None) -> dict[str, ActionState]:
        progress = dict.fromkeys(self._actions, Progress.NOT_STARTED)
        rating: dict[str, str] = {}
        due = {a: action.due for a, (_, action) in self._actions.items()}
        notes: Mapping[str, ActionUpdate] = {}
        for review in self.reviews:
            for action_id, update in review.updates.items():
                if update.progress is not None:
                    progress[action_id] = update.progress
                if update.rating is not None:
                    rating[action_id] = update.rating
                if update.due is not None:
                    due[action_id] = update.due
            if review is last:
                notes = review.updates
                break
        ratings = {r.key: r for r in self.ratings}
        made: dict[str, ActionState] = {}
        for action_id, (_, action) in self._actions.items():
            key = rating.get(action_id)
            latest = notes.get(action_id)
            made[action_id] = ActionState(
                action=action,
                progress=progress[action_id],
                rating=ratings[key] if key is not None else None,
                note=latest.note if latest is not None else None,
                due=due[action_id],
                updated=latest is not None,
            )
        return made

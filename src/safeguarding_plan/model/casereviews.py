"""Case reviews, their recommendations and the practice themes they teach, as data."""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping

import attrs

from safeguarding_plan.model.due import Due
from safeguarding_plan.values import Value


class CaseReviewKind(enum.Enum):
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
    CaseReviewKind.RAPID_REVIEW: "Rapid review",
    CaseReviewKind.LCSPR: "Local child safeguarding practice review",
    CaseReviewKind.NATIONAL_REVIEW: "National review",
    CaseReviewKind.CHILD_DEATH_REVIEW: "Child death review",
    CaseReviewKind.OWHR: "Offensive weapon homicide review",
    CaseReviewKind.OTHER: "Other review",
}


class CaseReviewStatus(enum.Enum):
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


@attrs.frozen(repr=False, eq=False)
class PracticeTheme(Value):
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


@attrs.frozen(repr=False, eq=False)
class Recommendation(Value):
    """A recommendation of a case review, and the plan's actions that carry it out."""

    id: str
    text: str
    actions: tuple[str, ...] = ()
    """Ids of the plan's actions that implement it."""


def _freeze_dates(dates: Mapping[str, Due]) -> Mapping[str, Due]:
    return types.MappingProxyType(dict(dates))


@attrs.frozen(repr=False, eq=False)
class CaseReview(Value):
    """A rapid review, local or national child safeguarding practice review, child death review
    or offensive weapon homicide review, and what the partnership learns from it."""

    id: str
    kind: CaseReviewKind
    title: str
    subject: str | None = None
    """Who the review is about, usually a child: never in a public document unless
    ``subject_restricted`` is False."""
    subject_restricted: bool = True
    dates: Mapping[str, Due] = attrs.field(factory=dict, converter=_freeze_dates, hash=False)
    """Dates by name (``REVIEW_DATES``, or a date a plan's own timescale names), each as
    written; a month counts as its last day."""
    status: CaseReviewStatus | None = None
    themes: tuple[str, ...] = ()
    """Ids of practice themes: ``NATIONAL_THEMES`` or the plan's own."""
    recommendations: tuple[Recommendation, ...] = ()

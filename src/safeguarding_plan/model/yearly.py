"""What a yearly report needs that the plan's progress cannot give: the lead safeguarding
partners who sign it off, and the partnership's own words on what data cannot say.

Working Together asks each yearly report for the impact of the partners' work, where progress
is lacking, what was done after reviews, and how children and families were heard; what the
plan's numbers give is worked out by ``scoring.yearly``, and the rest is written here, one
text for each of the ``Topic`` s the guidance expects.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from datetime import date

import attrs

from safeguarding_plan.model.paper import Narrative
from safeguarding_plan.values import Value


class Topic(enum.Enum):
    """A section of the yearly report that the partnership writes itself, by its key in the
    plan file."""

    VOICE = "voice_of_children"
    """How the partners sought and used feedback from children and families."""
    TRAINING = "training"
    """The multi-agency training offered, and what its evaluation found."""
    SCRUTINY = "scrutiny"
    """The independent scrutiny of the arrangements, and what it concluded."""
    FUNDING = "funding"
    """What each partner contributed to the arrangements."""
    EDUCATION = "education"
    """How schools, colleges and other education providers took part."""


def _frozen(topics: Mapping[Topic, Narrative]) -> Mapping[Topic, Narrative]:
    return types.MappingProxyType(dict(topics))


@attrs.frozen(repr=False, eq=False)
class YearNarrative(Value):
    """The partnership's own words for the yearly report of one reporting year."""

    start: date
    end: date
    text: str
    """The year as written: ``2021/22``."""
    topics: Mapping[Topic, Narrative] = attrs.field(factory=dict, converter=_frozen, hash=False)
    """What the partnership wrote, by topic; a topic not written is missing."""

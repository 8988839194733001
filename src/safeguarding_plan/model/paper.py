"""What a board paper says besides the plan's progress: the meeting it goes to, why, what the
board is asked to do, and the partnership's own sections of narrative.

A plan gives the defaults (``Plan.paper``) and each review what is its own (``Review.paper``);
a review's paper is the two together, the review's value first (``Paper.over``).
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from safeguarding_plan import markup
from safeguarding_plan.errors import ArgumentError
from safeguarding_plan.markup import Block


class Place(enum.Enum):
    """Where a section of narrative goes in the paper."""

    BEFORE = "before"
    """After the executive summary, before the progress tables."""
    AFTER = "after"
    """After the progress tables and the learning from reviews, before the key."""


@attrs.frozen
class Narrative:
    """Text in the plan file's small Markdown (see ``markup``), as written and as read."""

    text: str
    """As written in the file."""
    blocks: tuple[Block, ...]

    @classmethod
    def of(cls, text: str) -> Narrative:
        """``text`` read as the plan file reads it; ArgumentError (a ValueError) naming each
        thing the Markdown does not have, as ``line:column: message``."""
        blocks, problems = markup.parse(text)
        if problems:
            raise ArgumentError("; ".join(f"{p.line}:{p.column}: {p.message}" for p in problems))
        return cls(text, blocks)


@attrs.frozen
class NarrativeSection:
    """A section of the paper the partnership writes itself: "National framework", say."""

    title: str
    text: Narrative
    place: Place = Place.AFTER
    restricted: bool = False
    """Left out of public documents."""


@attrs.frozen
class Paper:
    """A board paper's own content. Every field may be left out; a review's paper takes
    what it leaves out from the plan's."""

    meeting: str | None = None
    """The board or committee the paper goes to: ``Executive Board``."""
    date: date | None = None
    """The date of the meeting."""
    report_of: str | None = None
    """Who the paper is from; documents say the partnership when none is given."""
    presented_by: tuple[str, ...] = ()
    """Who presents it, each as the paper names them: ``Penny Thompson CBE, Independent Chair``."""
    marking: str | None = None
    """The protective marking of every page: ``OFFICIAL``."""
    purpose: Narrative | None = None
    """Why the paper comes to the meeting."""
    recommendations: tuple[Narrative, ...] = ()
    """What the board is asked to do, each one item of "The Board is asked to: …"."""
    sections: tuple[NarrativeSection, ...] = ()

    def over(self, defaults: Paper) -> Paper:
        """This paper, with what it leaves out taken from ``defaults``."""
        given = {field.name: getattr(self, field.name) for field in attrs.fields(Paper)}
        return Paper(
            **{
                name: getattr(defaults, name) if value is None or value == () else value
                for name, value in given.items()
            }
        )

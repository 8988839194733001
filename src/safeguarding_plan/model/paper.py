"""What a board paper says besides the plan's progress: the meeting it goes to, why, what the
board is asked to do, and the partnership's own sections of narrative.

A plan gives the defaults (``Plan.paper``) and each review what is its own (``Review.paper``);
a review's paper is the two together, the review's value first (``Paper.over``).

A paper made in code is checked as it is made, as a loaded one was by the loader: one name
given where a sequence of them is meant would otherwise become a presenter for each letter.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import attrs

from safeguarding_plan import markup
from safeguarding_plan.errors import ArgumentError, shown
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


def _items(value: object, name: str, kind: type, noun: str) -> tuple[Any, ...]:
    """``value`` as a tuple of ``kind``: TypeError naming the field ``name`` for one str (which
    would be taken a letter at a time), for anything not iterable, and for an item of another
    kind."""
    what = f"Paper.{name} is a sequence of {noun}"
    if isinstance(value, str) and kind is str:
        raise TypeError(f"{what}, not one str; for one, write {name}=({shown(value)},)")
    if isinstance(value, str | bytes):
        raise TypeError(f"{what}, not one {type(value).__name__}")
    if not isinstance(value, Iterable):
        raise TypeError(f"{what}, not {type(value).__name__}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise TypeError(f"{what}, each a {kind.__name__}, not {type(item).__name__}")
    return items


def _presenters(value: Iterable[str]) -> tuple[str, ...]:
    return _items(value, "presented_by", str, "names, one for each presenter")


def _recommendations(value: Iterable[Narrative]) -> tuple[Narrative, ...]:
    return _items(value, "recommendations", Narrative, "Narrative, one for each recommendation")


def _sections(value: Iterable[NarrativeSection]) -> tuple[NarrativeSection, ...]:
    return _items(value, "sections", NarrativeSection, "NarrativeSection")


def _optional(kind: type, noun: str) -> Callable[[Paper, attrs.Attribute[Any], object], None]:
    """A validator: TypeError naming the field for a value neither None nor ``kind``."""

    def check(_paper: Paper, field: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            raise TypeError(f"Paper.{field.name} is {noun} or None, not {type(value).__name__}")

    return check


_TEXT = _optional(str, "text (a str)")


@attrs.frozen
class Paper:
    """A board paper's own content. Every field may be left out; a review's paper takes
    what it leaves out from the plan's."""

    meeting: str | None = attrs.field(default=None, validator=_TEXT)
    """The board or committee the paper goes to: ``Executive Board``."""
    date: date | None = attrs.field(default=None, validator=_optional(date, "a date"))
    """The date of the meeting."""
    report_of: str | None = attrs.field(default=None, validator=_TEXT)
    """Who the paper is from; documents say the partnership when none is given."""
    presented_by: tuple[str, ...] = attrs.field(default=(), converter=_presenters)
    """Who presents it, each as the paper names them: ``Penny Thompson CBE, Independent Chair``.
    Any sequence of names is taken, as a tuple; one name on its own is a TypeError."""
    marking: str | None = attrs.field(default=None, validator=_TEXT)
    """The protective marking of every page: ``OFFICIAL``."""
    purpose: Narrative | None = attrs.field(
        default=None, validator=_optional(Narrative, "a Narrative")
    )
    """Why the paper comes to the meeting."""
    recommendations: tuple[Narrative, ...] = attrs.field(default=(), converter=_recommendations)
    """What the board is asked to do, each one item of "The Board is asked to: …"."""
    sections: tuple[NarrativeSection, ...] = attrs.field(default=(), converter=_sections)

    def over(self, defaults: Paper) -> Paper:
        """This paper, with what it leaves out taken from ``defaults``."""
        given = {field.name: getattr(self, field.name) for field in attrs.fields(Paper)}
        return Paper(
            **{
                name: getattr(defaults, name) if value is None or value == () else value
                for name, value in given.items()
            }
        )

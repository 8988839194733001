"""What a board paper says besides the plan's progress: the meeting it goes to, why, what the
board is asked to do, and the partnership's own sections of narrative.

A plan gives the defaults (``Plan.paper``) and each review what is its own (``Review.paper``);
a review's paper is the two together, the review's value first (``Paper.over``).

A paper made in code is checked as it is made, as a loaded one was by the loader: one name
given where a sequence of them is meant would otherwise become a presenter for each letter,
and a value of the wrong kind would fail only when a document is made. So are its narrative
and sections: a TypeError names the field and what it takes, a ValueError a value the plan
file would refuse (``title_line`` is the rule for a line of the title block, for both).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import attrs

from safeguarding_plan import markup
from safeguarding_plan.errors import ArgumentError, shown
from safeguarding_plan.markup import Block, BulletList, ListItem, Paragraph, Span
from safeguarding_plan.values import Value

LINE_LIMIT = 255
"""The most characters of a line of the title block: a Word document property holds no more
(the meeting and who the paper is from become properties too), and the ``docx`` options that
override these lines take as many."""

_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


def title_line(text: str, block: str = "the paper's title block") -> str | None:
    """What is wrong with ``text`` as a line of the paper's title block (the meeting, who the
    paper is from, a presenter, the marking) or of another ``block`` of such lines (the yearly
    report's sign-off), to follow the field's name; None if nothing."""
    if not text:
        return "must not be empty"
    if _BREAKS.search(text):
        return f"must be one line; it is a line of {block}"
    if len(text) > LINE_LIMIT:
        return f"has {len(text):,} characters; a line of {block} holds at most {LINE_LIMIT}"
    return None


class Place(enum.Enum):
    """Where a section of narrative goes in the paper."""

    BEFORE = "before"
    """After the executive summary, before the progress tables."""
    AFTER = "after"
    """After the progress tables and the learning from reviews, before the key."""


def _kind(value: object, kinds: type | tuple[type, ...], what: str) -> None:
    """TypeError saying ``what`` (``Narrative.text is text (a str)``) for a value of another
    kind; a datetime is not taken for a date (a document would show its time, or fail)."""
    if not isinstance(value, kinds) or (isinstance(value, datetime) and kinds is date):
        raise TypeError(f"{what}, not {type(value).__name__}")


def _text(owner: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator: TypeError naming the field for anything but a str, ValueError for an
    empty one (the plan file refuses empty text)."""

    def check(_made: object, field: attrs.Attribute[Any], value: object) -> None:
        _kind(value, str, f"{owner}.{field.name} is text (a str)")
        if not value:
            raise ValueError(f"{owner}.{field.name} must not be empty")

    return check


def _spans(value: object, what: str) -> None:
    _kind(value, tuple, f"{what} is a tuple of Span")
    for span in value:  # type: ignore[attr-defined]
        _kind(span, Span, f"{what} is a tuple of Span, each a Span")
        _kind(span.text, str, f"{what}: a Span's text is text (a str)")
        _kind(span.link, (str, type(None)), f"{what}: a Span's link is text (a str) or None")


def _items_of(value: object, what: str) -> None:
    _kind(value, tuple, f"{what} is a tuple of ListItem")
    for item in value:  # type: ignore[attr-defined]
        _kind(item, ListItem, f"{what} is a tuple of ListItem, each a ListItem")
        _spans(item.spans, "ListItem.spans")
        _items_of(item.items, "ListItem.items")


def _blocks(value: object) -> tuple[Block, ...]:
    """``value`` as a tuple of blocks, each checked down to its spans: TypeError naming what
    is of the wrong kind (text is given to ``Narrative.of``, which reads it into blocks)."""
    found = _items(value, "Narrative", "blocks", (Paragraph, BulletList), "blocks")
    for block in found:
        if isinstance(block, Paragraph):
            _spans(block.spans, "Paragraph.spans")
        else:
            _items_of(block.items, "BulletList.items")
    return found


@attrs.frozen(repr=False, eq=False)
class Narrative(Value):
    """Text in the plan file's small Markdown (see ``markup``), as written and as read.

    Made from text with ``Narrative.of``. Made directly, ``text`` is a str that is not empty
    and ``blocks`` a sequence of ``Paragraph`` and ``BulletList`` (taken as a tuple); anything
    else is a TypeError naming the field, an empty text a ValueError."""

    text: str = attrs.field(validator=_text("Narrative"))
    """As written in the file."""
    blocks: tuple[Block, ...] = attrs.field(converter=_blocks)

    @classmethod
    def of(cls, text: str) -> Narrative:
        """``text`` read as the plan file reads it; ArgumentError (a ValueError) naming each
        thing the Markdown does not have, as ``line:column: message``, or saying the text is
        empty; a TypeError for anything but a str."""
        _kind(text, str, "Narrative.of takes text (a str)")
        if not text:
            raise ArgumentError("Narrative.of takes text that is not empty")
        blocks, problems = markup.parse(text)
        if problems:
            raise ArgumentError("; ".join(f"{p.line}:{p.column}: {p.message}" for p in problems))
        return cls(text, blocks)


def _section_text(_section: NarrativeSection, _field: attrs.Attribute[Any], value: object) -> None:
    hint = f"; for plain text, write Narrative.of({shown(value)})" if isinstance(value, str) else ""
    if not isinstance(value, Narrative):
        raise TypeError(f"NarrativeSection.text is a Narrative, not {type(value).__name__}{hint}")


def _place(_section: NarrativeSection, _field: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Place):
        meant = {p.value: f"; write Place.{p.name}" for p in Place}.get(str(value), "")
        raise TypeError(
            f"NarrativeSection.place is a Place (Place.BEFORE or Place.AFTER), "
            f"not {type(value).__name__}{meant}"
        )


def _flag(_section: NarrativeSection, field: attrs.Attribute[Any], value: object) -> None:
    _kind(value, bool, f"NarrativeSection.{field.name} is True or False")


@attrs.frozen(repr=False, eq=False)
class NarrativeSection(Value):
    """A section of the paper the partnership writes itself: "National framework", say.

    Checked as it is made: ``title`` a str that is not empty, ``text`` a ``Narrative``
    (``Narrative.of("...")`` for text), ``place`` a ``Place`` and ``restricted`` a bool;
    anything else is a TypeError naming the field, an empty title a ValueError."""

    title: str = attrs.field(validator=_text("NarrativeSection"))
    text: Narrative = attrs.field(validator=_section_text)
    place: Place = attrs.field(default=Place.AFTER, validator=_place)
    restricted: bool = attrs.field(default=False, validator=_flag)
    """Left out of public documents."""


def _items(
    value: object, owner: str, name: str, kind: type | tuple[type, ...], noun: str
) -> tuple[Any, ...]:
    """``value`` as a tuple of ``kind``: TypeError naming the field ``name`` of ``owner`` for
    one str (which would be taken a letter at a time), for anything not iterable, and for an
    item of another kind (``noun`` says what each item is)."""
    what = f"{owner}.{name} is a sequence of {noun}"
    if isinstance(value, str) and kind is str:
        raise TypeError(f"{what}, not one str; for one, write {name}=({shown(value)},)")
    if isinstance(value, str | bytes):
        raise TypeError(f"{what}, not one {type(value).__name__}")
    if not isinstance(value, Iterable):
        raise TypeError(f"{what}, not {type(value).__name__}")
    items = tuple(value)
    each = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
    for item in items:
        if not isinstance(item, kind):
            raise TypeError(f"{what}, each a {each}, not {type(item).__name__}")
    return items


def _presenters(value: Iterable[str]) -> tuple[str, ...]:
    names = _items(value, "Paper", "presented_by", str, "names, one for each presenter")
    for name in names:
        if (problem := title_line(name)) is not None:
            raise ValueError(f"a name in Paper.presented_by {problem}")
    return names


def _recommendations(value: Iterable[Narrative]) -> tuple[Narrative, ...]:
    return _items(
        value, "Paper", "recommendations", Narrative, "Narrative, one for each recommendation"
    )


def _sections(value: Iterable[NarrativeSection]) -> tuple[NarrativeSection, ...]:
    return _items(value, "Paper", "sections", NarrativeSection, "NarrativeSection")


def _optional(kind: type, noun: str) -> Callable[[Paper, attrs.Attribute[Any], object], None]:
    """A validator: TypeError naming the field for a value neither None nor ``kind``."""

    def check(_paper: Paper, field: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            _kind(value, kind, f"Paper.{field.name} is {noun} or None")

    return check


def _line(paper: Paper, field: attrs.Attribute[Any], value: object) -> None:
    """A validator for a line of the title block: None, or a str ``title_line`` takes."""
    _optional(str, "text (a str)")(paper, field, value)
    if value is not None and (problem := title_line(str(value))) is not None:
        raise ValueError(f"Paper.{field.name} {problem}")


@attrs.frozen(repr=False, eq=False)
class Paper(Value):
    """A board paper's own content. Every field may be left out; a review's paper takes
    what it leaves out from the plan's.

    Checked as it is made, as the plan file is read: a value of the wrong kind is a TypeError
    naming the field and what it takes; a line of the title block (``meeting``, ``report_of``,
    each of ``presented_by``, ``marking``) that is empty, more than one line or over
    ``LINE_LIMIT`` characters is a ValueError."""

    meeting: str | None = attrs.field(default=None, validator=_line)
    """The board or committee the paper goes to: ``Executive Board``."""
    date: date | None = attrs.field(default=None, validator=_optional(date, "a date"))
    """The date of the meeting."""
    report_of: str | None = attrs.field(default=None, validator=_line)
    """Who the paper is from; documents say the partnership when none is given."""
    presented_by: tuple[str, ...] = attrs.field(default=(), converter=_presenters)
    """Who presents it, each as the paper names them: ``Penny Thompson CBE, Independent Chair``.
    Any sequence of names is taken, as a tuple; one name on its own is a TypeError."""
    marking: str | None = attrs.field(default=None, validator=_line)
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

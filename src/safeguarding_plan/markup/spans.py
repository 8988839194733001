"""What narrative is read into: styled runs of text (spans), paragraphs and lists of them, and
the problems found in the Markdown, each at its line and column."""

from __future__ import annotations

import attrs

from safeguarding_plan.values import Value

LINK_SCHEMES = ("https://", "http://", "mailto:")
"""What a link may point to: a web page or an e-mail address, never a script or a file."""


@attrs.frozen(repr=False, eq=False)
class Span(Value):
    """A run of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    """The address the text links to, one of ``LINK_SCHEMES``."""


@attrs.frozen(repr=False, eq=False)
class Paragraph(Value):
    """A paragraph: lines written together, joined by a space."""

    spans: tuple[Span, ...]


@attrs.frozen(repr=False, eq=False)
class ListItem(Value):
    """One item of a list, and the list inside it, if any."""

    spans: tuple[Span, ...]
    items: tuple[ListItem, ...] = ()
    """The items of the list inside this one."""


@attrs.frozen(repr=False, eq=False)
class BulletList(Value):
    """A bullet list, or a numbered one."""

    items: tuple[ListItem, ...]
    numbered: bool = False


Block = Paragraph | BulletList
"""A paragraph or a list: what narrative is made of."""


@attrs.frozen(repr=False, eq=False)
class MarkupProblem(Value):
    """Something the subset does not have, at a 1-based line and column of the text."""

    line: int
    column: int
    message: str

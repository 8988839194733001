"""The small Markdown a plan file's narrative is written in: paragraphs, bullet and numbered
lists (one level inside another), ``**bold**``, ``*italic*`` and ``[links](https://...)``,
read as GitHub reads them.

It is read into blocks of spans, so that every document sets the same text out in its own
way and escapes it as its own format needs; nothing written here reaches a document as
markup. What the subset does not have is refused with its line and column rather than shown
as stray symbols: a heading (``#``), a table, a link to anything but a web or e-mail address,
or a link with no words. Everything else (a lone ``*``, HTML, a ``|`` in a sentence) is text,
shown as written.
"""

from __future__ import annotations

from safeguarding_plan.markup.blocks import LIST_DEPTH, parse, plain, runs
from safeguarding_plan.markup.inline import SPAN_LIMIT
from safeguarding_plan.markup.spans import (
    LINK_SCHEMES,
    Block,
    BulletList,
    ListItem,
    MarkupProblem,
    Paragraph,
    Span,
)

__all__ = [
    "LINK_SCHEMES",
    "LIST_DEPTH",
    "SPAN_LIMIT",
    "Block",
    "BulletList",
    "ListItem",
    "MarkupProblem",
    "Paragraph",
    "Span",
    "parse",
    "plain",
    "runs",
]

"""Plan text as HTML: every piece goes through ``clean`` and :func:`html.escape`, so it reads
as exactly that text and can never add markup."""

from __future__ import annotations

import html

from safeguarding_plan.plugin import clean


def text(value: str) -> str:
    """Plan text as HTML that shows exactly that text; a line break becomes ``<br>``."""
    return "<br>".join(html.escape(line, quote=True) for line in clean(value).split("\n"))


def attribute(value: str) -> str:
    """Plan text for an attribute value or the ``<title>``: escaped, on one line."""
    return html.escape(" ".join(clean(value).split("\n")), quote=True)

"""A deck written: the presentation started (on the house template, if given), every slide
laid out from the report, the document's properties set, and the file saved."""

from __future__ import annotations

import os
from datetime import UTC, datetime, time
from typing import IO

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as Deck

from safeguarding_plan.plugin import HouseTemplate, Report, clean
from safeguarding_plan_pptx import _deck, _package, _sections
from safeguarding_plan_pptx._slides import Slides
from safeguarding_plan_pptx._xml import LANGUAGE

Template = str | os.PathLike[str] | IO[bytes]
"""A template as the ``template`` option gives it: a path or a binary file."""

PROPERTY_LIMIT = 255
"""The most characters of a core property (python-pptx refuses more): a longer one, such as a
very long title, is shortened with an ellipsis there; the slides show it whole."""


POWERPOINT = HouseTemplate("a PowerPoint presentation", (".pptx", ".potx"))
"""The deck's house template, as its messages name it."""


def write(report: Report, stream: IO[bytes], template: Template | None = None) -> None:
    """The deck of ``report``, on the house ``template`` (its slides removed) or the default,
    saved to ``stream``."""
    if template is None:
        deck = _deck.default()
        layouts = _deck.layouts(deck)
    else:
        deck, layouts = _house(template)
    slides = Slides(deck, layouts, report.words)
    _sections.lay_out(slides, report)
    _properties(deck, report)
    _package.save(deck, stream)


def _house(template: Template) -> tuple[Deck, _deck.Layouts]:
    """The house template, read as every house template is, and its layouts; refused, naming
    them, when it lacks any the deck uses."""
    deck = POWERPOINT.open(template, _deck.from_template)
    try:
        return deck, _deck.layouts(deck)
    except _deck.LayoutError as err:
        raise POWERPOINT.refused(
            template,
            f"it has no slide layout {', '.join(err.names)}, which the deck uses; "
            "add it to the slide master in PowerPoint and save the template again",
        ) from None


def _properties(deck: Deck, report: Report) -> None:
    """Properties from the plan and review only: nothing of python-pptx's template or of a
    house template's own title, dates or description is left."""
    properties = deck.core_properties
    author = report.meeting.report_of if report.meeting else report.partnership
    properties.title = _limit(report.title)
    properties.subject = _limit(report.subject)
    properties.author = properties.last_modified_by = _limit(author)
    properties.category = _limit(report.category)
    properties.keywords = _limit("; ".join(report.words.keywords))
    properties.language = LANGUAGE
    properties.comments = ""
    properties.revision = 1
    moment = datetime.combine(report.as_of, time(), UTC) if report.as_of else datetime.now(UTC)
    properties.created = properties.modified = moment.replace(tzinfo=None)
    # The template's picture of its first slide would show the template, not this deck. It is
    # the package's own relationship: only the package's are looked through, not every part's.
    package = deck.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rel.rId)


def _limit(text: str) -> str:
    text = " ".join(clean(text).split("\n"))
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1] + "…"

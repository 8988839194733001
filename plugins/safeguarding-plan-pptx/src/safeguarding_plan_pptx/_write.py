"""A deck written: the presentation started (on the house template, if given), every slide
laid out from the report, the document's properties set, and the file saved."""

from __future__ import annotations

from typing import IO

from safeguarding_plan.plugin import Report
from safeguarding_plan_pptx import _deck, _sections
from safeguarding_plan_pptx._slides import Slides
from safeguarding_plan_pptx._xml import LANGUAGE


def write(report: Report, stream: IO[bytes], template: object = None) -> None:
    deck = _deck.default()
    layouts = _deck.layouts(deck)
    slides = Slides(deck, layouts, report.words)
    _sections.lay_out(slides, report)
    properties = deck.core_properties
    properties.title = report.title
    properties.subject = report.subject
    properties.author = report.meeting.report_of if report.meeting else report.partnership
    properties.category = report.category
    properties.keywords = ", ".join(report.words.keywords)
    properties.language = LANGUAGE
    properties.last_modified_by = properties.author
    properties.comments = report.headline
    deck.save(stream)

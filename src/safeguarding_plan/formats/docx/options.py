"""The ``docx`` exporter's options, declared: the house template and the title block."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from typing import IO, Any

import attrs

from safeguarding_plan.exporting.exporter import Option
from safeguarding_plan.exporting.kinds import File, Text

Template = str | os.PathLike[str] | IO[bytes]


REPORT_TO = "Executive Board"


MARKING = "OFFICIAL"


PROPERTY_LIMIT = 255
"""The most characters of a Word document property (the Open Packaging core properties):
python-docx refuses more. ``marking`` and ``author`` become properties, and every text option
is one line of the title block, so each is refused over this, never cut."""


_LINE = Text(most=PROPERTY_LIMIT, because="the most a Word document property holds")


OPTIONS = (
    Option(
        "template",
        File(),
        help="a house-style .docx or .dotx whose styles, headers, footers, logo and page "
        "set-up are kept",
    ),
    Option("report_to", _LINE, default=REPORT_TO, help="the meeting the paper goes to"),
    Option(
        "author",
        _LINE,
        default_text="the partnership",
        help="who presents it ('Report of'), and the document's author",
    ),
    Option("meeting_date", date, help="the date of the meeting"),
    Option(
        "marking",
        _LINE,
        default=MARKING,
        help="the protective marking at the top and bottom of every page",
    ),
)
"""The options, as ``safeguarding-plan exporters`` lists them and ``export`` checks them."""


@attrs.frozen
class PaperOptions:
    """The options of the ``docx`` exporter, checked."""

    template: Template | None = None
    """A house-style ``.docx`` or ``.dotx`` (a path or a binary stream): its styles, headers,
    footers and page set-up are kept, its body is replaced by the paper."""
    report_to: str = REPORT_TO
    """The meeting the paper goes to."""
    author: str | None = None
    """Who presents it (``Report of``); also the document's author property. Default: the
    partnership."""
    meeting_date: date | None = None
    """The date of the meeting."""
    marking: str = MARKING
    """The protective marking shown in the header and the footer of every page."""


def paper_options(options: Mapping[str, Any]) -> PaperOptions:
    """The paper's settings from the options ``export`` checked against ``OPTIONS``."""
    return PaperOptions(**options)

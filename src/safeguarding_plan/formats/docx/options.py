"""The ``docx`` exporter's options, checked: the house template and the title block."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from typing import IO, Any

import attrs

from safeguarding_plan.dates import DateError, parse_iso_date
from safeguarding_plan.exporting.exporter import ExporterError, text_option

Template = str | os.PathLike[str] | IO[bytes]


REPORT_TO = "Executive Board"


MARKING = "OFFICIAL"


PROPERTY_LIMIT = 255
"""The most characters of a Word document property (the Open Packaging core properties):
python-docx refuses more. ``marking`` and ``author`` become properties, and every text option
is one line of the title block, so each is refused over this, never cut."""


_LINE = "the most a Word document property holds"


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


OPTIONS = tuple(field.name for field in attrs.fields(PaperOptions))


def paper_options(options: Mapping[str, Any]) -> PaperOptions:
    """The exporter's options checked and converted: ``meeting_date`` may be a date or
    ``YYYY-MM-DD`` text (as the command line gives it)."""
    meeting = options.get("meeting_date")
    if isinstance(meeting, str):
        try:
            meeting = parse_iso_date(meeting)
        except DateError as err:
            raise ExporterError(f"option 'meeting_date' of exporter 'docx': {err}") from None
    elif meeting is not None and not isinstance(meeting, date):
        raise ExporterError("option 'meeting_date' of exporter 'docx' must be a date")
    template = options.get("template")
    if (
        template is not None
        and not isinstance(template, str | os.PathLike)
        and not (hasattr(template, "read"))
    ):
        raise ExporterError("option 'template' of exporter 'docx' must be a path or a file")
    return PaperOptions(
        template=template,
        report_to=_line("report_to", options) or REPORT_TO,
        author=_line("author", options),
        meeting_date=meeting,
        marking=_line("marking", options) or MARKING,
    )


def _line(name: str, options: Mapping[str, Any]) -> str | None:
    return text_option("docx", name, options.get(name), most=PROPERTY_LIMIT, because=_LINE)

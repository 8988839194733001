"""The ``docx`` exporter's options, declared: the house template and the title block; and
checked against the report, so that none is given where it cannot take effect."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from safeguarding_plan.exporting.exporter import Option, OptionError, option_problem
from safeguarding_plan.exporting.kinds import File, Text
from safeguarding_plan.reporting.contents import Report
from safeguarding_plan.values import Value

if TYPE_CHECKING:  # declaring the options, to list exporters or write a tracker, reads none
    from safeguarding_plan.exporting.templates import Template

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
    Option(
        "report_to",
        _LINE,
        default_text="the plan's, else Executive Board",
        help="the meeting the paper goes to",
    ),
    Option(
        "author",
        _LINE,
        default_text="the plan's, else the partnership",
        help="who the paper is from ('Report of'), and the document's author",
    ),
    Option(
        "meeting_date",
        date,
        default_text="the plan's",
        help="the date of the meeting",
    ),
    Option(
        "marking",
        _LINE,
        default_text="the plan's, else OFFICIAL",
        help="the protective marking at the top and bottom of every page",
    ),
)
"""The options, as ``safeguarding-plan exporters`` lists them and ``export`` checks them."""


@attrs.frozen(repr=False, eq=False)
class PaperOptions(Value):
    """The options of the ``docx`` exporter, checked."""

    template: Template | None = None
    """A house-style ``.docx`` or ``.dotx`` (a path or a binary stream): its styles, headers,
    footers and page set-up are kept, its body is replaced by the paper."""
    report_to: str | None = None
    """The meeting the paper goes to, in place of the report's."""
    author: str | None = None
    """Who the paper is from (``Report of``) and the document's author property, in place of
    the report's."""
    meeting_date: date | None = None
    """The date of the meeting, in place of the report's."""
    marking: str | None = None
    """The protective marking in the header and the footer of every page, in place of the
    report's."""


TITLE_BLOCK_ONLY = ("report_to", "meeting_date")
"""The options that only a paper to a meeting shows, in its title block (and ``report_to`` in
what the meeting is asked to do). The others take effect for every audience: the template is
the document's, the author and the marking its properties too, the marking on every page."""


def paper_options(report: Report, options: Mapping[str, Any]) -> PaperOptions:
    """The paper's settings from the options ``export`` checked against ``OPTIONS``, checked
    against the report too: OptionError with a line for each option it cannot show (one of
    the title block's, in a document that goes to no meeting: the public's progress report,
    or a yearly report for either audience, whose title block gives its year)."""
    settings = PaperOptions(**options)
    if report.meeting is None or report.year is not None:
        refused = [name for name in TITLE_BLOCK_ONLY if getattr(settings, name) is not None]
        if refused:
            why = no_meeting(report)
            raise OptionError(*(option_problem("docx", name, why) for name in refused))
    return settings


def no_meeting(report: Report) -> str:
    """Why an option of a meeting's title block cannot take effect in ``report``, worded for
    the document being written; the one place it is worded."""
    if report.year is not None:
        return (
            "is for a paper to a meeting: the yearly report goes to no meeting, and its title "
            "block gives the year it covers instead"
        )
    return (
        "needs the board audience: the public's progress report goes to no meeting and has no "
        "title block to show it"
    )

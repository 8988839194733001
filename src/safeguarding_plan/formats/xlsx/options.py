"""The ``xlsx`` exporter's options: which lead's rows, and a new review to fill in; declared,
and checked against the report (a lead must lead some action of it)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from safeguarding_plan.errors import did_you_mean, shown
from safeguarding_plan.exporting.exporter import Option, OptionError, option_problem
from safeguarding_plan.exporting.kinds import Text
from safeguarding_plan.reporting.contents import ActionRow, Report
from safeguarding_plan.text import clean
from safeguarding_plan.values import Value

OPTIONS = (
    Option(
        "lead",
        # Matched against the plan's leads exactly as the plan writes them, so not cleaned.
        Text(exact=True),
        default_text="all leads",
        help="only the actions this lead answers for, the lead as the plan writes it",
    ),
    Option(
        "new_review",
        str,
        help="the update form for this next review: ratings filled in, updates empty",
    ),
    Option(
        "return_by",
        date,
        default_text="none",
        help="on an update form, the date to return it by",
    ),
)
"""The options, as ``safeguarding-plan exporters`` lists them and ``export`` checks them."""


@attrs.frozen(repr=False, eq=False)
class TrackerOptions(Value):
    """The options of the ``xlsx`` exporter, checked against the report."""

    lead: str | None = None
    """Only the actions this lead answers for (the lead exactly as the plan writes it)."""
    new_review: str | None = None
    """An update form collecting review ``new_review``: progress and rating pre-filled from
    the tracker's review, the update column empty."""
    return_by: date | None = None
    """The date an update form is to be returned by, which its Summary sheet gives."""

    @property
    def form(self) -> bool:
        """An update form for a new review, with the form's own columns and protection."""
        return self.new_review is not None


LISTED = 20
"""Leads an unknown-lead error names, so that it stays a readable line."""


def _lead(report: Report, lead: str | None) -> str | None:
    """Why ``lead`` does not fit the report, or None when it does."""
    if lead is None:
        return None
    leads = list(dict.fromkeys(row.lead for row in report.rows if row.lead is not None))
    if lead in leads:
        return None
    known = "; ".join(shown(clean(name)) for name in leads[:LISTED]) or "none"
    if len(leads) > LISTED:
        known += f" and {len(leads) - LISTED} more"
    return (
        f"no action is led by {shown(clean(lead))}{did_you_mean(lead, leads)}; the plan's "
        f"leads are: {known}"
    )


def _new_review(report: Report, review: str | None) -> str | None:
    """Why ``review`` does not fit the report, or None when it does."""
    if review is None:
        return None
    if review == report.review_id:
        return f"{review!r} is the review the tracker shows; name the review the form collects"
    if report.audience == "public":  # a public tracker is never imported, so cannot collect
        return (
            "needs the board audience: a public tracker leaves actions out and cannot be imported"
        )
    return None


def tracker_options(report: Report, options: Mapping[str, Any]) -> TrackerOptions:
    """The tracker's settings from the options ``export`` checked against ``OPTIONS``, checked
    against the report too: OptionError with a line for each that does not fit it."""
    settings = TrackerOptions(**options)
    if report.year is not None:  # the year's workbook is for reading: no lead's, no form
        why = "is for a tracker of a review: a yearly report's workbook is the whole year's"
        given = [name for name, value in attrs.asdict(settings).items() if value is not None]
        if given:
            raise OptionError(*(option_problem("xlsx", name, why) for name in given))
    found = {"lead": _lead(report, settings.lead)}
    found["new_review"] = _new_review(report, settings.new_review)
    if settings.return_by is not None and settings.new_review is None:
        found["return_by"] = "is for an update form: give new_review too"
    problems = [option_problem("xlsx", name, why) for name, why in found.items() if why]
    if problems:
        raise OptionError(*problems)
    return settings


def rows(report: Report, settings: TrackerOptions) -> tuple[ActionRow, ...]:
    """The action rows the tracker lists, in plan order."""
    if settings.lead is None:
        return report.rows
    return tuple(row for row in report.rows if row.lead == settings.lead)

"""The ``xlsx`` exporter's options, checked: which lead's rows, and a new review to fill in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from safeguarding_plan.errors import did_you_mean, shown
from safeguarding_plan.exporting.exporter import ExporterError, text_option
from safeguarding_plan.reporting.contents import ActionRow, Report
from safeguarding_plan.text import clean


@attrs.frozen
class TrackerOptions:
    """The options of the ``xlsx`` exporter, checked against the report."""

    lead: str | None = None
    """Only the actions this lead answers for (the lead exactly as the plan writes it)."""
    new_review: str | None = None
    """An update form collecting review ``new_review``: progress and rating pre-filled from
    the tracker's review, the update column empty."""


OPTIONS = tuple(field.name for field in attrs.fields(TrackerOptions))


LISTED = 20
"""Leads an unknown-lead error names, so that it stays a readable line."""


def _lead(report: Report, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ExporterError("option 'lead' of exporter 'xlsx' must be non-empty text")
    leads = list(dict.fromkeys(row.lead for row in report.rows if row.lead is not None))
    if value not in leads:
        known = "; ".join(shown(clean(lead)) for lead in leads[:LISTED]) or "none"
        if len(leads) > LISTED:
            known += f" and {len(leads) - LISTED} more"
        raise ExporterError(
            f"option 'lead' of exporter 'xlsx': no action is led by {shown(clean(value))}"
            f"{did_you_mean(value, leads)}; the plan's leads are: {known}"
        )
    return value


def _new_review(report: Report, value: Any) -> str | None:
    review = text_option("xlsx", "new_review", value)
    if review is None:
        return None
    if review == report.review_id:
        raise ExporterError(
            f"option 'new_review' of exporter 'xlsx': {review!r} is the review the tracker "
            "shows; name the review the form collects"
        )
    if report.audience == "public":  # a public tracker is never imported, so cannot collect
        raise ExporterError(
            "option 'new_review' of exporter 'xlsx' needs the board audience: a public "
            "tracker leaves actions out and cannot be imported"
        )
    return review


def tracker_options(report: Report, options: Mapping[str, Any]) -> TrackerOptions:
    """The exporter's options checked: a ``lead`` must lead some action of the report."""
    return TrackerOptions(
        lead=_lead(report, options.get("lead")),
        new_review=_new_review(report, options.get("new_review")),
    )


def rows(report: Report, settings: TrackerOptions) -> tuple[ActionRow, ...]:
    """The action rows the tracker lists, in plan order."""
    if settings.lead is None:
        return report.rows
    return tuple(row for row in report.rows if row.lead == settings.lead)

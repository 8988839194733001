"""What a yearly report holds besides what every report does: the year's progress by
priority, the actions with little or no evidence of progress, the contents the guidance
expects and whether the plan gives them, and who signs it off (``Report.year``)."""

from __future__ import annotations

import attrs

from safeguarding_plan.reporting.charts import Chart


@attrs.frozen
class YearRow:
    """One priority over the year, or the whole plan (the last row)."""

    heading: str
    start: str
    """Actions complete at the start of the year: ``3 of 10 (30%)``."""
    end: str
    completed: int
    """Completed in the year."""
    slipped: int
    """Due date put back in the year, or overdue since."""
    total: bool = False
    """The whole plan's row, which documents set apart (in bold)."""


@attrs.frozen
class LackingRow:
    """An action with little or no evidence of progress over the year."""

    id: str
    text: str
    """The action's text, or ``WITHHELD`` in public for a restricted action."""
    reasons: str
    """Why the rule lists it: ``Overdue; rated red``."""
    status: str
    """Its status at the year's last review, in words."""
    note: str | None
    """The update of the year's last review; None without one."""


@attrs.frozen
class Expected:
    """One thing the guidance expects a yearly report to hold."""

    title: str
    asks: str
    """What the guidance asks for, in a sentence."""
    filled: bool
    """The plan gives it for the year."""
    where: str
    """Where the plan gives it, or where to add it: ``yearly_reports, year 2021/22:
    voice_of_children``."""


@attrs.frozen
class Signatory:
    """A lead safeguarding partner, to sign off the report."""

    role: str
    name: str | None
    """None when the plan names none: a line is left to write the name on."""


@attrs.frozen
class YearSection:
    """The year a yearly report covers, and what only it shows."""

    year: str
    """``2021/22``, or the span for a year given by its dates."""
    span: str
    """``1 April 2021 to 31 March 2022``."""
    reviews: str
    """The year's reviews by title: ``November 2021 – Update; February 2022 – Update``."""
    summary: tuple[str, ...]
    """The year in sentences: where it started and ended, what was completed and slipped."""
    progress: tuple[YearRow, ...]
    chart: Chart
    """Each priority's percent complete at the start and end of the year."""
    trend: Chart
    """A line for each priority, and one for all priorities: percent complete at the start
    of the year and at each of its reviews, oldest first."""
    rule: str
    """The rule the actions with little or no progress are picked by, in words."""
    lacking_summary: str
    lacking: tuple[LackingRow, ...]
    lacking_priorities: tuple[str, ...]
    """Each priority with little or no progress, and why: ``Priority 3 – … (no action
    completed in the year)``."""
    expected: tuple[Expected, ...]
    """Every content the guidance expects, in the report's order."""
    signatories: tuple[Signatory, ...]

    @property
    def missing(self) -> tuple[Expected, ...]:
        """What the guidance expects that the plan does not give yet."""
        return tuple(e for e in self.expected if not e.filled)

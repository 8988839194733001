"""A measure's number as documents write it: apart from the impact section, so that the text
of ``safeguarding-plan score`` says it without loading the report's types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguarding_plan.model.impact import MeasureUnit

if TYPE_CHECKING:
    from decimal import Decimal


def amount(number: Decimal, unit: MeasureUnit, change: bool = False) -> str:
    """A measure's number in its unit, as written (``1.10``), with a thousands comma: ``80%``,
    ``16.5 days``, ``1 day``, ``£1,200``; a change of a percentage is in percentage points."""
    written = f"{number:,f}"
    if unit is MeasureUnit.PERCENT:
        return f"{written} percentage points" if change else f"{written}%"
    if unit is MeasureUnit.POUNDS:
        return f"£{written}"
    if unit is MeasureUnit.PER_10000:
        return f"{written} per 10,000 children"
    if unit in (MeasureUnit.DAYS, MeasureUnit.WEEKS, MeasureUnit.MONTHS):
        return f"{written} {unit.value.removesuffix('s') if abs(number) == 1 else unit.value}"
    return written

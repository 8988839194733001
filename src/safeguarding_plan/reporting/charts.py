"""The report's pictures, as numbers and words: what a document draws, and what it says to a
reader who cannot see the drawing.

A document draws a chart from these and nothing else; its title, its axis and its
description (the alternative text) are worded here, once, for every format.
"""

from __future__ import annotations

import enum

import attrs

from safeguarding_plan.values import Value


class ChartKind(enum.Enum):
    """How a chart is drawn."""

    BAR = "bar"
    """One horizontal bar per category: a priority's percent complete."""
    LINE = "line"
    """One point per category, joined, in order: percent complete at each review."""


@attrs.frozen(repr=False, eq=False)
class ChartSeries(Value):
    """One named set of values, one for each of the chart's categories."""

    name: str
    values: tuple[float | None, ...]
    """None where there is no value: a measure that a review gave no figure for, drawn as a
    gap (never as 0). A chart of percent complete has every value."""
    total: bool = False
    """The whole plan's, beside each priority's: drawn set apart, and in a chart of several
    lines the only one whose values are labelled, as the labels of lines that meet would
    cover each other."""


@attrs.frozen(repr=False, eq=False)
class Chart(Value):
    """A chart of percentages, 0 to 100, or of a measure's values on the scale it gives."""

    kind: ChartKind
    title: str
    """What the chart shows: ``Actions complete by priority``."""
    description: str
    """The chart in words, for a reader who cannot see it (its alternative text): every value
    it shows, e.g. ``Priority 1: 90%. Priority 2: 70%. …``."""
    categories: tuple[str, ...]
    """The label of each bar or point, in order."""
    series: tuple[ChartSeries, ...]
    axis: str
    """The value axis's title: ``% of actions complete``."""
    category: str = ""
    """What the categories are, ``Priority`` or ``Review``: the heading of their column where
    a document gives the numbers as a table."""
    low: float = 0.0
    high: float = 100.0
    """The value axis runs from ``low`` to ``high``: 0 to 100 for a percentage."""
    decimals: int = 0
    """The decimal places each value is labelled with: a measure's, as the plan writes them."""
    before: str = ""
    after: str = "%"
    """What a value's label has before and after its number: ``£`` before pounds, ``%``
    after a percentage, nothing for a measure whose unit the axis names."""
    small: bool = False
    """A measure's chart: drawn small, one of several, beside the table that gives its
    numbers."""

    def label(self, value: float) -> str:
        """A value as the chart labels it: ``73%``, ``1.10``, ``£1,200``."""
        return f"{self.before}{value:,.{self.decimals}f}{self.after}"

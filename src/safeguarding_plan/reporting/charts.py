"""The report's pictures, as numbers and words: what a document draws, and what it says to a
reader who cannot see the drawing.

A document draws a chart from these and nothing else; its title, its axis and its
description (the alternative text) are worded here, once, for every format.
"""

from __future__ import annotations

import enum

import attrs


class ChartKind(enum.Enum):
    """How a chart is drawn."""

    BAR = "bar"
    """One horizontal bar per category: a priority's percent complete."""
    LINE = "line"
    """One point per category, joined, in order: percent complete at each review."""


@attrs.frozen
class ChartSeries:
    """One named set of values, one for each of the chart's categories."""

    name: str
    values: tuple[float, ...]


@attrs.frozen
class Chart:
    """A chart of percentages, 0 to 100."""

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

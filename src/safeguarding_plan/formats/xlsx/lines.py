"""A sheet's rows as the tracker lays them out: plain values, each with the name of its style,
every text cleaned and checked to fit a cell before any file is touched.

Apart from the workbook so that each sheet's layout (``measures`` too) is made the same way.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from safeguarding_plan.exporting.exporter import ExporterError
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.text import clean


def fit(text: str, where: str) -> str:
    """``text`` cleaned, or ExporterError saying ``where`` it is too long for a cell."""
    cleaned = clean(text)
    too_long = tracker.too_long_for_a_cell(cleaned, where)
    if too_long is not None:
        raise ExporterError(too_long)
    return cleaned


Value = str | int | float | date | None
"""A cell's value, as written."""
Entry = Value | Decimal
"""A cell of a row laid out: a value, or a measure's number, written as the double that holds
it exactly (``measures`` checks that one does)."""


class Line(NamedTuple):
    """One row of a sheet: its values and the style of each (a name ``workbook`` gives)."""

    values: tuple[Entry, ...]
    styles: tuple[str, ...]
    across: bool = False
    """One cell across all the sheet's columns (merged), for a line of prose."""

    @classmethod
    def of(cls, *cells: tuple[Entry, str], where: str = "a line of the tracker") -> Line:
        """A row of ``(value, style)`` cells, its text cleaned and checked (again: cleaning
        twice changes nothing, and no text reaches a sheet without it)."""
        values = tuple(fit(v, where) if isinstance(v, str) else v for v, _ in cells)
        return cls(values, tuple(style for _, style in cells))

    @classmethod
    def prose(cls, text: str, style: str = "plain", where: str = "a line of the tracker") -> Line:
        """A line of prose (``plain`` or ``bold``): one cell across the sheet's columns, its
        text wrapping there. Text running on past the columns would make LibreOffice print the
        sheet smaller to fit it in, and Excel cut it."""
        return cls.of((text, f"{style} prose"), where=where)._replace(across=True)

    @classmethod
    def headings(cls, *headings: str) -> Line:
        """A row of column headings."""
        return cls.of(*((heading, "header") for heading in headings))

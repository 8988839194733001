"""The tracker's Measures sheet laid out: a row for each measure the report shows, its numbers
real numbers an analyst can sum.

Apart from the workbook, which writes it, because ``import-xlsx`` checks a returned sheet
against the same rows: the columns the plan file owns, and the previous value, which is only
shown, must read as they were written. A number is written only where Excel keeps it exactly,
so that it reads back the same; any other is an error, never a number rounded unseen.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from safeguarding_plan.errors import shown
from safeguarding_plan.exporting.exporter import ExporterError
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.formats.xlsx.lines import Entry, Line, fit
from safeguarding_plan.reporting.contents import MeasureReading, MeasureRow, Report
from safeguarding_plan.text import clean

WIDTHS = {
    tracker.MEASURE_ID: 17,
    tracker.MEASURE: 30,
    tracker.UNIT: 11,
    tracker.BASELINE: 9,
    tracker.TARGET: 9,
    tracker.BETTER: 8,
    tracker.VALUE: 9,
    tracker.NOTE: 26,
    tracker.PREVIOUS_VALUE: 9,
    tracker.FROM_REVIEW: 15,
    tracker.SOURCE: 20,
}
"""Characters per column: wide enough for a heading's longest word and a number of nine digits
with its thousands commas, the title, note, review and source wrapping."""

PROMPTS = {tracker.VALUE: "value_prompt", tracker.NOTE: "note_prompt"}
"""The words (``Words`` fields) of the prompt an update form shows in each column to fill in."""

PLACES = 4
"""The most decimal places a number is shown with as written (a plan file's numbers have at
most four); a number with more is shown as Excel shows any number."""

DIGITS = 15
"""The significant digits Excel keeps of a number: one with more changes as it is read."""


def number(value: Decimal | None, where: str) -> Decimal | None:
    """``value``, which Excel keeps exactly as a number (a double holds it, in at most 15
    significant digits); ExporterError saying ``where`` it is otherwise."""
    if value is None:
        return None
    if value.is_finite():
        exact = Decimal(repr(float(value))) == value
        if exact and len(value.normalize().as_tuple().digits) <= DIGITS:
            return value
    raise ExporterError(
        f"{where} is {value}, which Excel cannot hold as a number without changing it (it keeps "
        f"{DIGITS} significant digits); write it with fewer digits"
    )


def style(value: Decimal | None) -> str:
    """A number's style: as many decimal places as it is written with (``1.10``)."""
    if value is None:
        return "number"
    places = max(0, -int(value.as_tuple().exponent))
    return f"decimal {places}" if places <= PLACES else "number"


def lines(report: Report, form: bool) -> tuple[Line, ...]:
    """The sheet's header and a row for each measure the report shows; none when it shows
    none. An update ``form``'s Value and Note are empty, to fill in, and its previous value
    is the latest at or before the review the form starts from."""
    if report.impact is None or not report.impact.measures:
        return ()
    heads = Line.of(
        *(
            (c, "input header" if form and c in tracker.MEASURE_EDITABLE else "header")
            for c in tracker.MEASURE_COLUMNS
        )
    )
    return (heads, *(_row(measure, form) for measure in report.impact.measures))


def by_measure(report: Report, form: bool) -> dict[str, Mapping[str, Entry]]:
    """What the row of each measure shows, by the measure's id as the plan writes it and by
    column: what a returned sheet is checked against."""
    measures = report.impact.measures if report.impact else ()
    return {
        measure.id: dict(zip(tracker.MEASURE_COLUMNS, line.values, strict=True))
        for measure, line in zip(measures, lines(report, form)[1:], strict=True)
    }


def _row(measure: MeasureRow, form: bool) -> Line:
    where = f"measure {shown(clean(measure.id))}:"

    def text(value: str | None, field: str) -> tuple[Entry, str]:
        return (None if value is None else fit(value, f"{where} its {field}"), "text")

    def figure(value: Decimal | None, field: str) -> tuple[Entry, str]:
        found = number(value, f"{where} its {field}")
        return found, style(found)

    readings = measure.readings
    at = None if form or not readings else readings[-1]
    # The latest figure before the value the row shows; on a form, the latest of all.
    before = readings if form else readings[:-1]
    previous = next((r for r in reversed(before) if r.number is not None), None)
    if form:
        value: tuple[Entry, str] = (None, "input number")
        note: tuple[Entry, str] = (None, "input text")
    else:
        value = figure(at.number if at else None, _at("value", at))
        note = text(at.note if at else None, _at("note", at))
    return Line.of(
        text(measure.id, "id"),
        text(measure.title, "title"),
        text(measure.unit, "unit"),
        figure(measure.baseline_number, "baseline"),
        figure(measure.target_number, "target"),
        text(measure.better, "direction"),
        value,
        note,
        figure(previous.number if previous else None, _at("value", previous)),
        text(previous.review if previous else None, "previous value's review"),
        text(measure.source, "source"),
    )


def _at(field: str, reading: MeasureReading | None) -> str:
    return f"{field} at {shown(clean(reading.review))}" if reading else field

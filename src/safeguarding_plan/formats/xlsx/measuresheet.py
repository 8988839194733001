"""A returned tracker's Measures sheet read: each row with a figure or a note becomes that
measure's value in the review imported, and every problem is told at its cell.

Held apart from the reading of the Actions sheet (``sheet``), which calls on it. Rows are
matched to the plan's measures by their ids; the cells the plan file owns, and the previous
value, which is only shown, are checked against the sheet as the exporter lays it out
(``measures``), since what is typed there would be lost; a figure is read by ``figures``. A row
may be removed: the measure then has no value in the review, as when its Value and Note are
left empty (missing, never 0), and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from safeguarding_plan.errors import shown
from safeguarding_plan.formats.xlsx import cells, figures, headings, measures
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.formats.xlsx.cells import At, Tell
from safeguarding_plan.formats.xlsx.lines import Entry
from safeguarding_plan.model.impact import Measure, MeasureValue
from safeguarding_plan.model.plan import Plan
from safeguarding_plan.planfile.characters import first_refused, refusal
from safeguarding_plan.planfile.impact import written_number
from safeguarding_plan.reporting.build import report
from safeguarding_plan.text import clean

OWNED = {
    tracker.MEASURE: "title",
    tracker.UNIT: "unit",
    tracker.BASELINE: "baseline",
    tracker.TARGET: "target",
    tracker.BETTER: "direction",
    tracker.SOURCE: "source",
}
"""The columns the plan file owns, each with what it holds of a measure, in a message."""
ONLY_SHOWN = {
    tracker.PREVIOUS_VALUE: "previous value",
    tracker.FROM_REVIEW: "review of the previous value",
}
"""The columns only shown, each with what it holds, in a message."""
NUMBERS = (tracker.BASELINE, tracker.TARGET, tracker.VALUE, tracker.PREVIOUS_VALUE)


@attrs.frozen
class Given:
    """A measure's value given on a row of the sheet."""

    where: tuple[str, int, int]
    """Its Measure ID cell."""
    measure: str
    """The measure's id, as the plan writes it."""
    value: MeasureValue


@attrs.frozen
class MeasuresRead:
    """What a tracker's Measures sheet gives."""

    columns: Mapping[str, int]
    """The column number of each of ``tracker.MEASURE_COLUMNS``, found by its heading."""
    given: tuple[Given, ...]
    """Each row that gives a figure or a note, and has no problem, in row order."""


def read(plan: Plan, sheet: Any, review: str | None, form: bool, problem: Tell) -> MeasuresRead:
    """The Measures ``sheet`` of a tracker of ``plan`` showing ``review`` (None: the plan
    before its reviews), an update ``form`` or not; every problem told to ``problem``."""
    told: list[None] = []

    def tell(sheet_name: str | None, row: int, column: int, message: str) -> None:
        told.append(None)
        problem(sheet_name, row, column, message)

    sheet.reset_dimensions()  # read every row, whatever size the file claims
    rows = sheet.iter_rows()
    columns = headings.find(
        next(rows, ()), tell, tracker.MEASURES, (tracker.MEASURE_COLUMNS,), tracker.MEASURE_COLUMNS
    )
    if told:
        return MeasuresRead(columns, ())
    shown_plan = plan if review is not None else attrs.evolve(plan, reviews=())
    expected = measures.by_measure(report(shown_plan, review), form)
    ids = {m.id: m for m in plan.measures}
    # The tracker shows ids as the sanitiser left them, so they are matched that way too.
    shown_ids: dict[str, list[str]] = {}
    for measure_id in ids:
        shown_ids.setdefault(clean(measure_id), []).append(measure_id)
    reader = _Rows(ids, shown_ids, columns, expected, tell, told)
    given = (reader.row(number, row_cells) for number, row_cells in enumerate(rows, start=2))
    return MeasuresRead(columns, tuple(g for g in given if g is not None))


@attrs.frozen
class _Rows:
    """Reads the sheet's rows, by its ``columns``."""

    measures: Mapping[str, Measure]
    """The plan's measures, by id."""
    shown_ids: Mapping[str, list[str]]
    """The plan's measure ids as the tracker shows them, each with the ids shown so."""
    columns: Mapping[str, int]
    expected: Mapping[str, Mapping[str, Entry]]
    """What each measure's row shows as the exporter lays it out, by measure id and column."""
    problem: Tell
    told: list[None]
    """A mark for each problem told so far."""

    def row(self, number: int, row_cells: tuple[Any, ...]) -> Given | None:
        """The value row ``number`` gives, or None: a blank row, a row that gives neither a
        figure nor a note, or a row with a problem (told)."""
        names = {c: n for n, c in self.columns.items()}
        found, formulas = cells.row(
            row_cells, names, (tracker.MEASURES, number), self.problem, numbers=NUMBERS
        )
        if not found:
            return None  # a blank row, or formulas only, told already
        before = len(self.told)

        def at(name: str) -> tuple[str, int, int]:
            return (tracker.MEASURES, number, self.columns[name])

        measure_id = (
            cells.identifier(
                _value(found, tracker.MEASURE_ID),
                at(tracker.MEASURE_ID),
                self.measures,
                self.shown_ids,
                self.problem,
                kind="measure",
                heading=tracker.MEASURE_ID,
                unknown="; a new measure is listed in the plan file first",
            )
            if tracker.MEASURE_ID not in formulas
            else None
        )
        if measure_id is None:
            return None
        measure = self.measures[measure_id]
        self._unchanged(measure, found, at, formulas)
        what = f"the value of measure {shown(clean(measure.id))}"
        figure = (
            figures.figure(
                _value(found, tracker.VALUE),
                _format(found, tracker.VALUE),
                measure.unit,
                what=what,
                where=at(tracker.VALUE),
                problem=self.problem,
            )
            if tracker.VALUE not in formulas
            else None
        )
        typed = _value(found, tracker.NOTE)
        char = first_refused(typed) if isinstance(typed, str) else None
        if char is not None:
            self.problem(*at(tracker.NOTE), f"the note holds {refusal(char)}")
        note = cells.note(typed)
        too_long = None if note is None else tracker.too_long_for_a_cell(note, "the note")
        if too_long is not None:
            self.problem(*at(tracker.NOTE), f"{too_long}, {cells.NO_TRACKER}; shorten it")
        if len(self.told) > before or (figure is None and note is None):
            return None  # a problem, told; or no figure given: missing, never 0
        return Given(at(tracker.MEASURE_ID), measure_id, MeasureValue(figure, note))

    def _unchanged(
        self, measure: Measure, found: Mapping[str, Any], at: At, skip: set[str]
    ) -> None:
        """What is typed in the columns the plan file owns and in those only shown must read as
        the exporter wrote it (but in ``skip``, already told). A cell cleared, or a row added
        with only its id and figures, loses nothing typed: the plan keeps its own."""
        expected = self.expected.get(measure.id, {})
        for column, what in (*OWNED.items(), *ONLY_SHOWN.items()):
            got = _value(found, column)
            if column in skip or column not in found:
                continue
            if _same(got, expected.get(column), _format(found, column), column):
                continue
            said = f"the {what} of measure {shown(clean(measure.id))} was changed to {_said(got)}"
            if column in OWNED:
                instead = "the plan file owns it (change it there, then export the tracker again)"
                self.problem(*at(column), f"{said}; {instead}")
            else:
                give = "give the figure for this review under Value"
                self.problem(*at(column), f"{said}, which would be lost; {give}")


def _value(found: Mapping[str, Any], column: str) -> Any:
    cell = found.get(column)
    return None if cell is None else cell.value


def _format(found: Mapping[str, Any], column: str) -> str:
    cell = found.get(column)
    return "General" if cell is None else str(cell.number_format)


def _same(got: Any, want: Entry, number_format: str, column: str) -> bool:
    """Whether a cell holding ``got`` shows ``want``, as the exporter wrote it: a number the
    same number however it is typed (``1.10`` or ``1.1``), a text the same text."""
    if column not in NUMBERS:
        return ("" if got is None else str(got)) == ("" if want is None else str(want))
    if isinstance(got, str):
        return want is not None and written_number(got, None) == want
    if isinstance(got, bool) or not isinstance(got, int | float):
        return False
    return isinstance(want, Decimal) and figures.shown(got, number_format) == want


def _said(got: Any) -> str:
    """What a changed cell holds, in a message."""
    if isinstance(got, int | float) and not isinstance(got, bool):
        return shown(str(figures.shown(got, "General")))
    return shown(cells.note(got) or "")

"""One tracker read: its workbook opened, its sheets found, and each row read as an update.

``Sheet`` collects every problem of one tracker rather than stopping at the first, so that a
lead's form is put right in one go; it is held apart from the import itself, which merges the
rows of every tracker into one review, and from the checks of single cells (``cells``), of
the header row (``headings``) and of the Data sheet (``datasheet``) that it calls on.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

import attrs

from safeguarding_plan.errors import Problem, shown
from safeguarding_plan.formats import packages
from safeguarding_plan.formats.xlsx import cells, datasheet, headings, measuresheet, opening
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.formats.xlsx.cells import At
from safeguarding_plan.formats.xlsx.measuresheet import Given
from safeguarding_plan.formats.xlsx.opening import Workbook
from safeguarding_plan.model.plan import Action, ActionState, ActionUpdate, Plan
from safeguarding_plan.planfile.characters import first_refused, refusal
from safeguarding_plan.reporting.leads import LeadsRead
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.text import clean


@attrs.define
class Sheet:
    """Reads one tracker, collecting its problems."""

    plan: Plan
    file: str
    review_id: str
    problems: list[Problem] = attrs.Factory(list)
    previous_ratings: dict[str, str] = attrs.Factory(dict)
    """The Previous rating each action's row was written with (none: empty)."""
    previous_notes: dict[str, str] = attrs.Factory(dict)
    """The Previous update an update form's row was written with (none: empty)."""
    columns: dict[str, int] = attrs.Factory(dict)
    """The Actions sheet's column number of each column read (``tracker.READ``), and of each
    of an update form's ``tracker.SHOWN`` it has (checked, never read)."""
    due_columns: dict[str, str] = attrs.Factory(dict)
    """For each action whose due date the tracker moved, the column it was moved in."""
    shown_only: set[int] = attrs.Factory(set)
    """The Actions sheet's columns that are only shown (not ``tracker.READ``): never read."""
    lead: str | None = None
    """For a lead's form, the lead it was written for, as the tracker shows it."""
    listed: dict[str, int] = attrs.Factory(dict)
    """The row each action the tracker lists is on (the first, if on several)."""
    unmatched: int = 0
    """Rows whose Action ID matches no one action of the plan (each already a problem)."""
    rows: list[tuple[tuple[str, int, int], str, ActionUpdate]] = attrs.Factory(list)
    """Each row read without a problem: its location, action id and update."""
    said: LeadsRead | None = None
    """For a lead's form, how it shows the plan's texts."""
    form: bool = False
    """Whether the tracker is an update form, whose rows are sent with nothing filled in."""
    sent: frozenset[str] | None = None
    """For a lead's form, the ids of the actions it was sent with, when it says."""
    untouched: list[str] = attrs.Factory(list)
    """The actions of an update form's rows left as sent, in row order: no update."""
    reading: str | None = None
    """The sheet being read, where a warning openpyxl gives about a cell is told."""
    measure_columns: Mapping[str, int] = attrs.Factory(dict)
    """The Measures sheet's column number of each of its columns, when it has one."""
    measures: tuple[Given, ...] = ()
    """Each measure's value the Measures sheet gives, of a tracker of the whole plan; none for
    a tracker without one, or for one lead, whose figures are the partnership's to give."""

    @classmethod
    def of(cls, plan: Plan, workbook: Workbook, review_id: str) -> Sheet:
        """The tracker ``workbook`` read, its rows and problems collected."""
        sheet = cls(plan, opening.name(workbook), review_id)
        sheet.rows = list(sheet.read(workbook))
        return sheet

    def problem(self, sheet: str | None, row: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.file, row, column, message, sheet=sheet))

    def where(self, sheet: str | None, row: int, column: int) -> str:
        return str(Problem(self.file, row, column, "", sheet=sheet)).removesuffix(": ")

    def read(self, workbook: Workbook) -> Iterator[tuple[tuple[str, int, int], str, ActionUpdate]]:
        """Each row's location, action id and update; problems are collected, not raised."""
        try:
            with opening.opened(workbook) as stream:
                rows = self._read_stream(stream)
        except OSError as err:
            self.problem(None, 0, 0, f"cannot read the file: {err.strerror or err}")
            return
        except packages.PackageError as err:  # beyond a limit: nothing of it is read
            message = f"{opening.NOT_READABLE}: {err}" if err.unreadable else str(err)
            self.problem(err.sheet, err.row, err.column, message)
            return
        yield from rows

    def _read_stream(
        self, stream: IO[bytes]
    ) -> list[tuple[tuple[str, int, int], str, ActionUpdate]]:
        import openpyxl

        try:
            packages.check_file(stream, packages.TRACKER)  # before any zip index is read
            reason = opening.not_a_workbook(stream)
        except packages.PackageError:
            raise
        except Exception:  # what the first look cannot tell, the checks or openpyxl will
            reason = None
        if reason is not None:
            self.problem(None, 0, 0, f"{opening.NOT_READABLE}: {reason}")
            return []
        try:
            packages.check(stream, packages.TRACKER)  # every part, before openpyxl reads any
        except packages.PackageError:
            raise
        except Exception as err:  # what stops the checks stops the import: nothing unchecked
            self.problem(None, 0, 0, f"{opening.NOT_READABLE}: {opening.reason(err)}")
            return []
        # openpyxl warns of what it drops or changes, in text for programmers; each is turned
        # into a problem at its cell if it matters to the import, and never printed.
        warned: list[tuple[str, str | None]] = []

        def note(message: Warning | str, *_: Any, **__: Any) -> None:
            warned.append((str(message), self.reading))

        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.showwarning = note
            try:
                book = openpyxl.load_workbook(stream, read_only=True, data_only=False)
            except Exception as err:  # whatever is wrong with the user's file, one line says so
                self.problem(None, 0, 0, f"{opening.NOT_READABLE}: {opening.reason(err)}")
                return []
            try:
                rows = list(self._rows(book))
            except Exception as err:  # e.g. a part found damaged only when its rows are read
                self.problem(None, 0, 0, f"{opening.NOT_READABLE}: {opening.reason(err)}")
                return []
            finally:
                book.close()
        self._warned(warned)
        return rows

    def _warned(self, warned: Iterable[tuple[str, str | None]]) -> None:
        """A problem for each warning openpyxl gave that means a value was not read as typed
        (it is then told at its cell instead of what the value became); others are dropped."""
        for message, sheet in warned:
            found = _NO_DATE.match(message)
            if found is None or sheet is None:
                continue  # an extension or a style openpyxl leaves out: nothing the import reads
            row, column = _cell(found["cell"])
            self.problems[:] = [
                p for p in self.problems if (p.sheet, p.line, p.column) != (sheet, row, column)
            ]
            self.problem(
                sheet,
                row,
                column,
                f"the number {found['value']} is formatted as a date but is no date (Excel "
                "shows it as ####); enter a date such as 31/03/2023",
            )

    def _rows(self, book: Any) -> Iterator[tuple[tuple[str, int, int], str, ActionUpdate]]:
        missing = [s for s in (tracker.ACTIONS, tracker.DATA) if s not in book.sheetnames]
        if len(missing) == 2:
            self.problem(
                None,
                0,
                0,
                f"not a tracker written by safeguarding-plan: it has no {tracker.ACTIONS!r} or "
                f"{tracker.DATA!r} sheet; import a tracker exported as xlsx from the plan",
            )
            return
        if missing:
            self.problem(
                None,
                0,
                0,
                f"the tracker has no {missing[0]!r} sheet; if it was renamed, give it back its "
                "name, or export the tracker again",
            )
            return
        self.reading = tracker.DATA
        shown_data = datasheet.read(self.plan, self.review_id, book[tracker.DATA], self.problem)
        if shown_data is None:
            return
        self.lead = shown_data.lead
        self.previous_ratings = shown_data.previous_ratings
        self.previous_notes = shown_data.previous_notes
        self.said = shown_data.said
        self.form = shown_data.form
        self.sent = shown_data.sent
        yield from self._actions(book[tracker.ACTIONS], shown_data.states)
        self._measures_sheet(book, shown_data.measures)
        if tracker.MEASURES in book.sheetnames and self.lead is None:
            self.reading = tracker.MEASURES
            read = measuresheet.read(
                self.plan, book[tracker.MEASURES], shown_data.review, self.form, self.problem
            )
            self.measure_columns, self.measures = read.columns, read.given

    def _measures_sheet(self, book: Any, sent: bool) -> None:
        """Tell a Measures sheet that is missing from a tracker written with one (renamed or
        deleted: its figures would be left out unsaid), or that is on a lead's form, which is
        never written with one and whose figures are not read."""
        there = tracker.MEASURES in book.sheetnames
        if sent and not there:
            self.problem(
                None,
                0,
                0,
                f"the tracker was written with a {tracker.MEASURES!r} sheet and has none; if it "
                "was renamed, give it back its name, or export the tracker again",
            )
        elif there and self.lead is not None:
            self.problem(
                tracker.MEASURES,
                1,
                1,
                "a lead's form has no Measures sheet: figures are given in the tracker of the "
                "whole plan; remove this sheet",
            )

    def _actions(
        self, sheet: Any, states: Mapping[str, ActionState]
    ) -> Iterator[tuple[tuple[str, int, int], str, ActionUpdate]]:
        """Each row of the Actions ``sheet`` read as an update of the action it names."""
        self.reading = tracker.ACTIONS
        sheet.reset_dimensions()  # read every row, whatever size the file claims
        rows = sheet.iter_rows()
        header = next(rows, ())
        before = len(self.problems)
        columns, self.shown_only = headings.columns(header, self.problem)
        if len(self.problems) > before:
            return
        self.columns = columns
        # The tracker shows ids as the sanitiser left them, so they are matched that way too.
        shown_ids: dict[str, list[str]] = {}
        for action_id in states:
            shown_ids.setdefault(clean(action_id), []).append(action_id)
        for number, row_cells in enumerate(rows, start=2):
            found = self._row(number, row_cells, columns, states, shown_ids)
            if found is not None:
                yield found
        self._missing(max(self.listed.values(), default=1) + 1)

    def _row(
        self,
        number: int,
        row_cells: tuple[Any, ...],
        columns: dict[str, int],
        states: Mapping[str, ActionState],
        shown_ids: Mapping[str, list[str]],
    ) -> tuple[tuple[str, int, int], str, ActionUpdate] | None:
        before = len(self.problems)
        names = {c: n for n, c in columns.items()}
        # The columns with a formula are told already, so not checked again.
        found, formulas = cells.row(
            row_cells, names, (tracker.ACTIONS, number), self.problem, skip=self.shown_only
        )
        values = {name: cell.value for name, cell in found.items()}
        if not values:
            return None  # a blank row

        def at(name: str) -> tuple[str, int, int]:
            return (tracker.ACTIONS, number, columns[name])

        action_id = (
            cells.identifier(
                values.get(tracker.ACTION_ID),
                at(tracker.ACTION_ID),
                states,
                shown_ids,
                self.problem,
            )
            if tracker.ACTION_ID not in formulas  # a formula is told already
            else None
        )
        if action_id is None:
            self.unmatched += 1
            return None
        self.listed.setdefault(action_id, number)
        state = states[action_id]
        if not self._of_the_lead(state.action, at):
            return None
        self._unchanged(state, values, at, formulas)
        progress = (
            cells.progress(values.get(tracker.PROGRESS), at(tracker.PROGRESS), self.problem)
            if tracker.PROGRESS not in formulas
            else None
        )
        rating = cells.rating(
            values.get(tracker.RATING), at(tracker.RATING), self.plan.ratings, self.problem
        )
        for column in (tracker.UPDATE, tracker.DUE):  # the text a lead types
            typed = values.get(column)
            char = first_refused(typed) if isinstance(typed, str) else None
            if char is not None:
                self.problem(*at(column), f"the {column.lower()} holds {refusal(char)}")
        note = cells.note(values.get(tracker.UPDATE))
        too_long = None if note is None else tracker.too_long_for_a_cell(note, "the update")
        if too_long is not None:
            self.problem(*at(tracker.UPDATE), f"{too_long}, {cells.NO_TRACKER}; shorten it")
        due = (
            cells.due(state, values, at, self.problem, self.due_columns)
            if not formulas & {tracker.DUE, tracker.DUE_DATE}
            else None
        )
        if len(self.problems) > before or progress is None:
            return None
        update = ActionUpdate(progress=progress, rating=rating, note=note, due=due)
        if self.form and _as_sent(update, state):
            # Not a return: the action stays among those with no update, and is chased.
            self.untouched.append(action_id)
            return None
        return at(tracker.ACTION_ID), action_id, update

    def _of_the_lead(self, action: Action, at: At) -> bool:
        """Whether a lead's form may list ``action``: one of the lead's own (else a problem);
        any tracker for every lead may list any action."""
        lead = clean(action.lead) if action.lead is not None else None
        if self.lead is None or lead == self.lead:
            return True
        led = f"is led by {shown(lead)}" if lead is not None else "has no lead"
        self.problem(
            *at(tracker.ACTION_ID),
            f"action {shown(clean(action.id))} {led}, and this form is for {shown(self.lead)}; "
            "remove the row (the action is on its own lead's form)",
        )
        return False

    def _missing(self, end: int) -> None:
        """A problem for each action of the form's lead that has no row, where its row
        belongs (before the next of the lead's actions listed, else at ``end``): a row left
        out would carry the action's last update forward unseen. Not told while a row's
        Action ID matches no action, which is likely the row missing."""
        if self.lead is None or self.unmatched:
            return
        ids = [a.id for a in self.plan.actions if a.lead is not None and clean(a.lead) == self.lead]
        if self.sent is not None:  # an action given the lead since was never asked of them
            ids = [i for i in ids if clean(i) in self.sent]
        for place, action_id in enumerate(ids):
            if action_id in self.listed:
                continue
            row = next((self.listed[i] for i in ids[place + 1 :] if i in self.listed), end)
            self.problem(
                tracker.ACTIONS,
                row,
                self.columns[tracker.ACTION_ID],
                f"the row for action {shown(clean(action_id))} is missing, and this form is for "
                f"every action of {shown(self.lead)}; put the row back here (export the form "
                "again to copy it)",
            )

    def _unchanged(
        self, state: ActionState, values: dict[str, Any], at: At, skip: set[str]
    ) -> None:
        """The plan's own columns must read as the tracker wrote them (but those in ``skip``,
        already reported)."""
        action = state.action
        priority = self.plan.priority_of(action.id)
        said = self.said.text if self.said else str
        plan_columns = (
            (tracker.PRIORITY, priority.id, "priority"),
            (tracker.PRIORITY_TITLE, said(priority.title), "priority title"),  # a form's
            (tracker.ACTION, said(action.text), "action text"),
            (tracker.LEAD, action.lead or "", "lead"),
        )
        for column, want, what in plan_columns:
            got = values.get(column)
            got = "" if got is None else str(got)
            if column in self.columns and got != clean(want) and column not in skip:
                self.problem(
                    *at(column),
                    f"the {what} of action {shown(action.id)} was changed to {shown(got)}; "
                    "the plan file owns it (change it there, then export the tracker again)",
                )
        # Only shown, never read: what is typed in these would be lost.
        shown_only = (
            (tracker.PREVIOUS_RATING, self.previous_ratings, "give the new rating under Rating"),
            (tracker.PREVIOUS_UPDATE, self.previous_notes, "write the new update under Update"),
        )
        for column, previous, instead in shown_only:
            got = values.get(column)
            got = "" if got is None else str(got)
            if column in self.columns and column not in skip and got != previous.get(action.id, ""):
                self.problem(
                    *at(column),
                    f"the {column.lower()} of action {shown(action.id)} was changed to "
                    f"{shown(got)}, which would be lost; {instead}",
                )
        status = values.get(tracker.DUE_STATUS)
        if status is not None and str(status) not in (WORDS.overdue, WORDS.due_soon):
            self.problem(
                *at(tracker.DUE_STATUS),
                f"the due status of action {shown(action.id)} was changed to "
                f"{shown(str(status))}, which would be lost; it says only {WORDS.overdue!r} or "
                f"{WORDS.due_soon!r}",
            )


def _as_sent(update: ActionUpdate, state: ActionState) -> bool:
    """Whether an update form's row reads as it was sent: no update written, no due date
    moved, and the progress and rating it started from."""
    rating = state.rating.key if state.rating else None
    return (
        update.note is None
        and update.due is None
        and (update.progress, update.rating) == (state.progress, rating)
    )


_NO_DATE = re.compile(
    r"Cell (?P<cell>\$?[A-Za-z]{1,3}\$?[0-9]+) is marked as a date but the serial value "
    r"(?P<value>\S+) is outside the limits for dates"
)
"""openpyxl's warning when a number in a cell formatted as a date is no date."""


def _cell(reference: str) -> tuple[int, int]:
    """The row and column of a cell reference: ``F7`` → (7, 6)."""
    letters = reference.replace("$", "").rstrip("0123456789")
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(reference.replace("$", "")[len(letters) :]), column

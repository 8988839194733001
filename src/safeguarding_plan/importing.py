"""Edited trackers back into the plan as a new review: :func:`import_xlsx`.

Each lead fills in their rows of a tracker written by the ``xlsx`` exporter; this reads one or
several of them and returns the plan with one more review. Every cell is checked and every
problem is reported together, located as ``file: Sheet!C7: message``; the plan is returned
whole or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import attrs

from . import tracker
from .dates import DateError, parse_iso_date, resolve_due
from .errors import PlanError, Problem, did_you_mean, shown
from .model import ActionState, ActionUpdate, Due, Plan, Progress, Rating, Review
from .text import clean
from .wording import long_date, month_year

Workbook = str | os.PathLike[str] | IO[bytes]
_At = Callable[[str], tuple[str, int, int]]


def import_xlsx(
    plan: Plan,
    workbooks: Workbook | Iterable[Workbook],
    review_id: str,
    as_of: date,
    *,
    title: str | None = None,
) -> Plan:
    """``plan`` with a new review ``review_id`` as at ``as_of``, read from edited trackers.

    Each tracker row becomes that action's update (its progress, rating, update text and any
    revised due date); actions in no tracker carry their last state forward. ``title`` defaults
    to the month after ``as_of``: ``February 2022 – Update`` for 31 January 2022.

    ValueError if the review id is taken or ``as_of`` is before the last review; PlanError
    listing every problem in the trackers otherwise.
    """
    review_id = review_id.strip()
    if not review_id:
        raise ValueError("the new review needs an id, e.g. '2022-05'")
    if review_id in {r.id for r in plan.reviews}:
        raise ValueError(f"the plan already has a review {shown(review_id)}; choose a new id")
    if plan.reviews and as_of < plan.reviews[-1].as_of:
        last = plan.reviews[-1]
        raise ValueError(
            f"as of {as_of} is before the last review {shown(last.id)} (as of {last.as_of}); "
            "a new review comes after it"
        )
    books: list[Workbook] = (
        [workbooks]  # type: ignore[list-item]
        if isinstance(workbooks, str | os.PathLike) or hasattr(workbooks, "read")
        else list(workbooks)
    )
    problems: list[Problem] = []
    updates: dict[str, ActionUpdate] = {}
    seen: dict[str, str] = {}
    for workbook in books:
        sheet = _Sheet(plan, _name(workbook), review_id)
        for location, action_id, update in sheet.read(workbook):
            if action_id in seen:
                sheet.problem(
                    *location,
                    f"action {shown(action_id)} is also at {seen[action_id]}; "
                    "each action may be in one tracker only",
                )
                continue
            seen[action_id] = sheet.where(*location)
            updates[action_id] = update
        problems += sheet.problems
    if problems:
        raise PlanError(problems)
    review = Review(
        id=review_id,
        title=title.strip() if title and title.strip() else _default_title(as_of),
        as_of=as_of,
        updates={a.id: updates[a.id] for a in plan.actions if a.id in updates},
    )
    return attrs.evolve(plan, reviews=(*plan.reviews, review))


def _default_title(as_of: date) -> str:
    # Progress at the end of January goes to the February meeting: the seed's own naming.
    return f"{month_year(as_of + timedelta(days=1))} – Update"


def _name(workbook: Workbook) -> str:
    if isinstance(workbook, str | os.PathLike):
        return os.fspath(workbook)
    return str(getattr(workbook, "name", "<stream>"))


_DATA_KEY, _DATA_VALUE = 1, 2


@attrs.define
class _Sheet:
    """Reads one tracker, collecting its problems."""

    plan: Plan
    file: str
    review_id: str
    problems: list[Problem] = attrs.Factory(list)

    def problem(self, sheet: str | None, row: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.file, row, column, message, sheet=sheet))

    def where(self, sheet: str | None, row: int, column: int) -> str:
        return str(Problem(self.file, row, column, "", sheet=sheet)).removesuffix(": ")

    def read(self, workbook: Workbook) -> Iterator[tuple[tuple[str, int, int], str, ActionUpdate]]:
        """Each row's location, action id and update; problems are collected, not raised."""
        import openpyxl

        try:
            source: Any = Path(workbook) if isinstance(workbook, str | os.PathLike) else workbook
            book = openpyxl.load_workbook(source, read_only=True, data_only=False)
        except OSError as err:
            self.problem(None, 0, 0, f"cannot read the file: {err.strerror or err}")
            return
        except Exception as err:  # whatever is wrong with the user's file, one line says so
            self.problem(None, 0, 0, f"not a readable Excel workbook (.xlsx): {_reason(err)}")
            return
        try:
            rows = list(self._rows(book))
        except Exception as err:  # e.g. an XML bomb refused by defusedxml while streaming
            self.problem(None, 0, 0, f"not a readable Excel workbook (.xlsx): {_reason(err)}")
            return
        finally:
            book.close()
        yield from rows

    def _rows(self, book: Any) -> Iterator[tuple[tuple[str, int, int], str, ActionUpdate]]:
        if tracker.DATA not in book.sheetnames or tracker.ACTIONS not in book.sheetnames:
            missing = tracker.DATA if tracker.DATA not in book.sheetnames else tracker.ACTIONS
            self.problem(
                None, 0, 0, f"not a tracker written by safeguarding-plan: no {missing!r} sheet"
            )
            return
        states = self._check_data(book[tracker.DATA])
        if states is None:
            return
        sheet = book[tracker.ACTIONS]
        sheet.reset_dimensions()  # read every row, whatever size the file claims
        rows = sheet.iter_rows()
        header = next(rows, ())
        columns = self._columns(header)
        if columns is None:
            return
        for number, cells in enumerate(rows, start=2):
            found = self._row(number, cells, columns, states)
            if found is not None:
                yield found

    def _check_data(self, sheet: Any) -> dict[str, ActionState] | None:
        """The metadata checked against the plan; the action states the tracker showed."""
        data: dict[str, tuple[str, int]] = {}
        for number, cells in enumerate(sheet.iter_rows(max_col=2, values_only=True), start=1):
            key, text = [*cells, None, None][:2]
            if isinstance(key, str):
                data[key] = ("" if text is None else str(text), number)

        def value(key: str) -> str:
            return data.get(key, ("", 0))[0]

        def wrong(key: str, message: str) -> None:
            self.problem(tracker.DATA, data.get(key, ("", 0))[1], _DATA_VALUE, message)

        if value(tracker.META_FORMAT) != tracker.FORMAT:
            wrong(
                tracker.META_FORMAT,
                f"tracker format {shown(value(tracker.META_FORMAT))}; this version reads "
                f"{tracker.FORMAT!r} (export the tracker again)",
            )
            return None
        plan = self.plan
        expected = {
            tracker.META_PARTNERSHIP: clean(plan.partnership.name),
            tracker.META_PLAN: clean(plan.title),
            tracker.META_PERIOD: clean(plan.period.text)
            if plan.period and plan.period.text
            else "",
        }
        ok = True
        for key, want in expected.items():
            if value(key) != want:
                wrong(key, f"the tracker is for {key} {shown(value(key))}, not {shown(want)}")
                ok = False
        if value(tracker.META_AUDIENCE) != "board":
            wrong(
                tracker.META_AUDIENCE,
                f"a {value(tracker.META_AUDIENCE) or 'unknown'}-audience tracker leaves "
                "restricted actions out; import a board tracker",
            )
            ok = False
        new_review = value(tracker.META_NEW_REVIEW)
        if new_review and new_review != self.review_id:
            wrong(
                tracker.META_NEW_REVIEW,
                f"this is the update form for review {shown(new_review)}, not "
                f"{shown(self.review_id)}",
            )
            ok = False
        shown_review = value(tracker.META_REVIEW) or None
        known = {r.id for r in plan.reviews}
        if shown_review is not None and shown_review not in known:
            wrong(
                tracker.META_REVIEW,
                f"the tracker shows review {shown(shown_review)}, which the plan does not have"
                + did_you_mean(shown_review, known),
            )
            ok = False
        return plan.states(shown_review) if ok else None

    def _columns(self, header: Iterable[Any]) -> dict[str, int] | None:
        columns: dict[str, int] = {}
        for number, cell in enumerate(header, start=1):
            text = cell.value.strip() if isinstance(cell.value, str) else cell.value
            if text in tracker.COLUMNS:
                columns[text] = number
            elif text is not None:
                self.problem(
                    tracker.ACTIONS,
                    1,
                    number,
                    f"column {shown(str(text))} is not part of the tracker and would be lost; "
                    "remove it" + did_you_mean(str(text), tracker.COLUMNS),
                )
        missing = [c for c in tracker.COLUMNS if c not in columns]
        if missing:
            self.problem(
                tracker.ACTIONS,
                1,
                1,
                f"the header row lacks {', '.join(repr(c) for c in missing)}; "
                f"a tracker's columns are {', '.join(tracker.COLUMNS)}",
            )
        return None if missing or self.problems else columns

    def _row(
        self,
        number: int,
        cells: tuple[Any, ...],
        columns: dict[str, int],
        states: dict[str, ActionState],
    ) -> tuple[tuple[str, int, int], str, ActionUpdate] | None:
        values: dict[str, Any] = {}
        before = len(self.problems)
        for column_number, cell in enumerate(cells, start=1):
            name = next((n for n, c in columns.items() if c == column_number), None)
            if cell.value is None:
                continue
            if getattr(cell, "data_type", None) == "f":
                self.problem(
                    tracker.ACTIONS,
                    number,
                    column_number,
                    f"a formula ({shown(str(cell.value))}); type the {name or 'cell'} as text",
                )
            elif name is None:
                self.problem(
                    tracker.ACTIONS,
                    number,
                    column_number,
                    "a value outside the tracker's columns would be lost; move or remove it",
                )
            else:
                values[name] = cell.value
        if not values:
            return None  # a blank row

        def at(name: str) -> tuple[str, int, int]:
            return (tracker.ACTIONS, number, columns[name])

        action_id = values.get(tracker.ACTION_ID)
        if not isinstance(action_id, str) or not action_id:
            what = "no Action ID" if action_id is None else f"Action ID {action_id!r} is not text"
            self.problem(*at(tracker.ACTION_ID), f"{what}; the row cannot be matched to an action")
            return None
        # The tracker shows ids as the sanitiser left them, so they are matched that way too.
        matches = [i for i in states if clean(i) == action_id]
        if len(matches) != 1:
            self.problem(
                *at(tracker.ACTION_ID),
                f"no action {shown(action_id)} in the plan" + did_you_mean(action_id, states)
                if not matches
                else f"action id {shown(action_id)} stands for several actions once characters "
                "a workbook cannot hold are replaced; give them ids that differ otherwise",
            )
            return None
        action_id = matches[0]
        state = states[action_id]
        self._unchanged(state, values, at)
        progress = self._progress(values.get(tracker.PROGRESS), at(tracker.PROGRESS))
        rating = self._rating(values.get(tracker.RATING), at(tracker.RATING))
        note = _note(values.get(tracker.UPDATE))
        due = self._due(state, values, at)
        if len(self.problems) > before or progress is None:
            return None
        update = ActionUpdate(progress=progress, rating=rating, note=note, due=due)
        return at(tracker.ACTION_ID), action_id, update

    def _unchanged(self, state: ActionState, values: dict[str, Any], at: _At) -> None:
        """The plan's own columns must read as the tracker wrote them."""
        action = state.action
        plan_columns = (
            (tracker.PRIORITY, self.plan.priority_of(action.id).id, "priority"),
            (tracker.ACTION, action.text, "action text"),
            (tracker.LEAD, action.lead or "", "lead"),
        )
        for column, want, what in plan_columns:
            got = values.get(column)
            got = "" if got is None else str(got)
            if got != clean(want):
                self.problem(
                    *at(column),
                    f"the {what} of action {shown(action.id)} was changed to {shown(got)}; "
                    "the plan file owns it (change it there, then export the tracker again)",
                )

    def _progress(self, value: Any, where: tuple[str, int, int]) -> Progress | None:
        words = {p.label.lower(): p for p in Progress} | {p.value: p for p in Progress}
        if value is None:
            self.problem(
                *where, f"Progress is empty; choose {', '.join(p.label for p in Progress)}"
            )
            return None
        text = str(value).strip()
        if text.lower() in words:
            return words[text.lower()]
        self.problem(
            *where,
            f"unknown progress {shown(text)}; choose {', '.join(p.label for p in Progress)}"
            + did_you_mean(text, [p.label for p in Progress]),
        )
        return None

    def _rating(self, value: Any, where: tuple[str, int, int]) -> str | None:
        if value is None:
            return None
        scale: tuple[Rating, ...] = self.plan.ratings.ratings
        # Matched as the tracker shows them: sanitised words, any case; keys and symbols too.
        words: dict[str, str] = {}
        for rating in reversed(scale):  # the label wins over another rating's key or symbol
            if rating.symbol:
                words[clean(rating.symbol)] = rating.key
            words[clean(rating.key).casefold()] = rating.key
        for rating in reversed(scale):
            label = clean(rating.label).casefold()
            words[label] = rating.key
            if rating.symbol:
                words[f"{clean(rating.symbol)} {label}"] = rating.key
        text = str(value)
        for candidate in (text, text.casefold(), text.strip().casefold()):
            if candidate in words:
                return words[candidate]
        labels = [clean(r.label) for r in scale]
        text = text.strip()
        self.problem(
            *where,
            f"unknown rating {shown(text)}; the plan's scale has {', '.join(labels)}"
            + did_you_mean(text, labels),
        )
        return None

    def _due(self, state: ActionState, values: dict[str, Any], at: _At) -> Due | None:
        """A revised due date when the Due or Due date cell was changed, else None."""
        text_value = values.get(tracker.DUE)
        text = None if text_value is None else clean(str(text_value)) or None
        readable, day = self._date(values.get(tracker.DUE_DATE), at(tracker.DUE_DATE))
        if not readable:
            return None
        was_text = clean(state.due.text) if state.due else None
        was_day = state.due.last_day if state.due else None
        if (text, day) == (was_text, was_day):
            return None
        if text is None and day is None:
            self.problem(
                *at(tracker.DUE),
                "the due date was cleared; a tracker can move a due date but not remove it",
            )
            return None
        if day is not None and day != was_day:
            return Due(text if text is not None and text != was_text else long_date(day), day)
        assert text is not None
        try:
            return Due(text, resolve_due(text))
        except DateError as err:
            self.problem(*at(tracker.DUE), f"{err}; or put the new date in 'Due date'")
            return None

    def _date(self, value: Any, where: tuple[str, int, int]) -> tuple[bool, date | None]:
        """Whether the cell is empty or a date (else a problem), and the date."""
        if value is None:
            return True, None
        if isinstance(value, datetime):
            return True, value.date()
        if isinstance(value, date):
            return True, value
        if isinstance(value, str):
            try:
                return True, parse_iso_date(value.strip())
            except DateError:
                pass
        self.problem(*where, f"due date {shown(str(value))} is not a date; enter e.g. 31/03/2023")
        return False, None


def _note(value: Any) -> str | None:
    """The Update cell as text (a typed number or date as it reads), sanitised; None if empty."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        text = long_date(value.date() if isinstance(value, datetime) else value)
    elif isinstance(value, bool):
        text = str(value).upper()
    elif isinstance(value, int | float):
        text = f"{value:g}"
    else:
        text = str(value)
    return clean(text) or None


def _reason(err: Exception) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else ""
    name = type(err).__name__
    if "Entities" in name or "DTD" in name or "entit" in text.lower():
        return "it declares XML entities, which are refused (a workbook never needs them)"
    return f"{name}: {text}" if text else name

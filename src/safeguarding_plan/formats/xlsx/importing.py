"""Edited trackers back into the plan as a review's updates: ``import_xlsx``.

Each lead fills in their rows of a tracker written by the ``xlsx`` exporter; this reads one or
several of them and returns the plan with one more review, or with late returns added to its
last. Every cell is checked and every problem is reported together, located as ``file:
Sheet!C7: message``; the plan is returned whole or not at all, or (a partial import) with the
trackers that have no problem and without any part of those that have.

Only a plan that loads is returned: each value is checked at its cell by the rules the plan
file's reader and the ``xlsx`` exporter apply to it (the due date parser, the plan file's size
limit, Excel's cell limit), and then the new plan is written out as text and read back by the
loader itself, so that nothing the cell checks missed can reach a plan file. What that
reading back refuses is reported at the cell the value came from.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import IO, Any

import attrs

from safeguarding_plan.dates import MAX_YEAR, MIN_YEAR, DateError, read_day, resolve_due
from safeguarding_plan.errors import (
    ArgumentError,
    PlanError,
    Problem,
    column_letters,
    did_you_mean,
    shown,
)
from safeguarding_plan.formats import packages
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.model.due import Due
from safeguarding_plan.model.plan import Action, ActionState, ActionUpdate, Plan, Review
from safeguarding_plan.model.ratings import PROGRESS_WORDS, Progress, folded
from safeguarding_plan.planfile import loading
from safeguarding_plan.planfile.nodes import MappingNode, Node, ScalarNode, SequenceNode, compose
from safeguarding_plan.planfile.writing import dumps
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.text import clean
from safeguarding_plan.words import long_date, month_year

Workbook = str | os.PathLike[str] | IO[bytes]
_At = Callable[[str], tuple[str, int, int]]


def import_xlsx(
    plan: Plan,
    workbooks: Workbook | Iterable[Workbook],
    review_id: str,
    as_of: date | None = None,
    *,
    title: str | None = None,
    replace: bool = False,
) -> Plan:
    """``plan`` with the updates of edited trackers in its review ``review_id``.

    Each tracker row becomes that action's update (its progress, rating, update text and any
    revised due date); actions in no tracker carry their last state forward. A review the plan
    does not have is added after the last, as at ``as_of``, titled ``title`` (by default the
    month after ``as_of``: ``February 2022 – Update`` for 31 January 2022). The plan's last
    review may be named instead, to add late returns to it (``as_of`` and ``title``, if given,
    must be its own): a row for an action that review has an update for already is refused,
    unless ``replace``. The plan returned is the one its file reads back as: written out and
    read by the loader, so `dump` writes a plan that loads.

    ArgumentError (a ValueError) if the review is one before the last, or ``as_of`` is
    missing or before the last review, or not the review's own; PlanError listing every
    problem in the trackers otherwise.
    """
    return imported(plan, workbooks, review_id, as_of, title=title, replace=replace).plan


@attrs.frozen
class Rejected:
    """A tracker left out of a partial import, and every problem found in it."""

    file: str
    problems: tuple[Problem, ...]


@attrs.frozen
class Imported:
    """A plan with the updates imported into its review, and the plan file that holds it."""

    plan: Plan
    """The plan as the loader reads ``data``; the plan given if nothing was imported."""
    data: bytes | None
    """The plan file's UTF-8 text, as `writing.dump` writes it: the bytes that were read back,
    so writing exactly these writes a plan that loads. None if nothing was imported (every
    tracker of a partial import rejected)."""
    review: str
    """The id of the review the updates went into."""
    late: bool = False
    """Whether the review was the plan's already, so that the updates were added to it."""
    trackers: tuple[str, ...] = ()
    """The trackers imported, as named."""
    updated: tuple[str, ...] = ()
    """The actions given an update, in plan order."""
    replaced: tuple[str, ...] = ()
    """Of those, the ones whose update in the review was replaced."""
    rejected: tuple[Rejected, ...] = ()
    """The trackers a partial import left out, in the order given."""


def imported(
    plan: Plan,
    workbooks: Workbook | Iterable[Workbook],
    review_id: str,
    as_of: date | None = None,
    *,
    title: str | None = None,
    replace: bool = False,
    partial: bool = False,
) -> Imported:
    """`import_xlsx`, with the text of the new plan file; ``import-xlsx`` writes that text.

    Without ``partial``, a problem in any tracker stops the import (PlanError, listing every
    problem of every tracker). With it, a tracker with any problem is left out whole, and
    listed with its problems in ``rejected``; the others are imported."""
    target = _Target.of(plan, review_id, as_of, title)
    sheets = [_Sheet.of(plan, workbook, target.id) for workbook in _books(workbooks)]
    _claimed(sheets, target.review, replace=replace)
    if not partial:
        problems = [problem for sheet in sheets for problem in sheet.problems]
        if problems:
            raise PlanError(problems)
        return target.merged(plan, sheets)
    kept = [sheet for sheet in sheets if not sheet.problems]
    while kept:
        try:
            result = target.merged(plan, kept)
        except PlanError as err:
            # What reading back refuses is told at a cell of one tracker, which is left out in
            # turn; anything else (a value the plan held already) stops the import.
            blamed = [s for s in kept if any(_of(p, s) for p in err.problems)]
            if not all(any(_of(p, s) for s in blamed) for p in err.problems):
                raise
            for sheet in blamed:
                sheet.problems += [p for p in err.problems if _of(p, sheet)]
                kept.remove(sheet)
            continue
        return attrs.evolve(result, rejected=_rejected(sheets))
    return Imported(
        plan, None, target.id, late=target.review is not None, rejected=_rejected(sheets)
    )


def _books(workbooks: Workbook | Iterable[Workbook]) -> list[Workbook]:
    if isinstance(workbooks, str | os.PathLike) or hasattr(workbooks, "read"):
        return [workbooks]  # type: ignore[list-item]
    return list(workbooks)


def _of(problem: Problem, sheet: _Sheet) -> bool:
    """Whether ``problem`` is at a cell of the tracker ``sheet``."""
    return problem.file == sheet.file and problem.sheet == tracker.ACTIONS


def _rejected(sheets: Iterable[_Sheet]) -> tuple[Rejected, ...]:
    return tuple(Rejected(s.file, tuple(s.problems)) for s in sheets if s.problems)


def _claimed(sheets: Iterable[_Sheet], review: Review | None, *, replace: bool) -> None:
    """A problem for each row of an action another tracker of this import lists (or the same
    one, on another row), or that ``review`` has an update for already, unless ``replace``."""
    seen: dict[str, str] = {}
    for sheet in sheets:
        for location, action_id, _ in sheet.rows:
            if action_id in seen:
                sheet.problem(
                    *location,
                    f"action {shown(action_id)} is also at {seen[action_id]}; "
                    "each action may be in one tracker only",
                )
            elif review is not None and action_id in review.updates and not replace:
                sheet.problem(
                    *location,
                    f"action {shown(action_id)} already has an update in review "
                    f"{shown(review.id)}; remove the row, or import with --replace to replace "
                    "that update",
                )
            else:
                seen[action_id] = sheet.where(*location)


@attrs.frozen
class _Target:
    """The review the updates go into: a new one after the last, or the last one again."""

    id: str
    title: str
    as_of: date
    review: Review | None
    """The review as the plan has it, when it has it already."""

    @classmethod
    def of(cls, plan: Plan, review_id: str, as_of: date | None, title: str | None) -> _Target:
        """The review ``review_id``, checked: ArgumentError when it cannot take the updates."""
        review_id = review_id.strip()
        title = title.strip() if title and title.strip() else None
        if not review_id:
            raise ArgumentError("the review needs an id, e.g. '2022-05'")
        last = plan.reviews[-1] if plan.reviews else None
        if last is not None and last.id == review_id:
            differs = []
            if as_of is not None and as_of != last.as_of:
                differs.append(f"as of {last.as_of}, not {as_of}; leave the date")
            if title is not None and title != last.title:
                differs.append(f"titled {shown(last.title)}, not {shown(title)}; leave the title")
            if differs:
                raise ArgumentError(
                    f"review {shown(review_id)} is {differs[0]} out to add updates to it"
                )
            return cls(review_id, last.title, last.as_of, last)
        if review_id in {r.id for r in plan.reviews}:
            assert last is not None
            raise ArgumentError(
                f"review {shown(review_id)} is not the plan's last ({shown(last.id)}), and "
                "updates may be added only to the last review; choose a new id for a new review"
            )
        if as_of is None:
            raise ArgumentError(
                f"the new review {shown(review_id)} needs the date progress is reported at"
            )
        if last is not None and as_of < last.as_of:
            raise ArgumentError(
                f"as of {as_of} is before the last review {shown(last.id)} (as of {last.as_of}); "
                "a new review comes after it"
            )
        title = title or _default_title(as_of)
        for what, text in (("the review id", review_id), ("the review's title", title)):
            too_long = tracker.too_long_for_a_cell(clean(text), what)
            if too_long is not None:
                raise ArgumentError(f"{too_long}, so no tracker could be exported from the plan")
        return cls(review_id, title, as_of, None)

    def merged(self, plan: Plan, sheets: Iterable[_Sheet]) -> Imported:
        """``plan`` with the rows of ``sheets`` in the review, read back (PlanError if it
        would not be read back as made)."""
        sheets = list(sheets)
        updates = dict(self.review.updates) if self.review else {}
        rows: dict[str, tuple[_Sheet, int]] = {}
        replaced = []
        for sheet in sheets:
            for location, action_id, update in sheet.rows:
                before = updates.get(action_id)
                if before is not None:  # an update marked restricted stays withheld
                    replaced.append(action_id)
                    update = attrs.evolve(update, restricted=before.restricted)  # noqa: PLW2901
                updates[action_id] = update
                rows[action_id] = (sheet, location[1])
        # In plan order, as the loader and the writer keep them.
        ordered = {a.id: updates[a.id] for a in plan.actions if a.id in updates} | updates
        if self.review is None:
            review = Review(id=self.id, title=self.title, as_of=self.as_of, updates=ordered)
            reviews = (*plan.reviews, review)
        else:
            reviews = (*plan.reviews[:-1], attrs.evolve(self.review, updates=ordered))
        names = tuple(dict.fromkeys(sheet.file for sheet in sheets))
        late = self.review is not None
        new, data = _ReadBack(
            attrs.evolve(plan, reviews=reviews), rows, ", ".join(names), late=late
        ).check()
        return Imported(
            new,
            data,
            self.id,
            late=late,
            trackers=names,
            updated=tuple(i for i in ordered if i in rows),
            replaced=tuple(i for i in ordered if i in replaced),
        )


def _default_title(as_of: date) -> str:
    # Progress at the end of January goes to the February meeting: the seed's own naming.
    return f"{month_year(as_of + timedelta(days=1))} – Update"


def _name(workbook: Workbook) -> str:
    if isinstance(workbook, str | os.PathLike):
        return os.fspath(workbook)
    return str(getattr(workbook, "name", "<stream>"))


_NEW_PLAN = "<the new plan>"
"""What the loader calls the new plan it reads back; its problems are told at their cells."""
_PLAIN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\xa0\ud800-\udfff\ufffe\uffff]")
"""Any character but the line feed and the plainly printable ones (the few refused written
rather than the many allowed: that class takes ten times longer to compile)."""
_HELD = ""
"""The column of a value in the new plan that no tracker gave (``_ReadBack.places``)."""
_WHAT = {
    tracker.ACTION_ID: "update",
    tracker.PROGRESS: "progress",
    tracker.RATING: "rating",
    tracker.UPDATE: "update",
    tracker.DUE: "due date",
    tracker.DUE_DATE: "due date",
}
"""What each column a value of the new review came from holds, in a message."""


@attrs.frozen
class _ReadBack:
    """The new plan written out as its file's text and read back by the loader, with the
    plan file's size limit; whatever is refused is told at the cell its value came from."""

    plan: Plan
    rows: Mapping[str, tuple[_Sheet, int]]
    """The tracker and row each update of the new review came from."""
    trackers: str
    """The trackers' names, for a problem no one cell explains."""
    late: bool = False
    """Whether the review was the plan's already: its id, title and date are then held."""

    def check(self) -> tuple[Plan, bytes]:
        review = self.plan.reviews[-1]
        try:
            data = dumps(self.plan).encode("utf-8")
        except Exception as err:  # whatever it is, one line, and nothing written
            raise PlanError(
                [self.whole(f"the new plan cannot be written ({_error(err)})")]
            ) from None
        if len(data) > loading.MAX_BYTES:
            raise PlanError([self.too_big(len(data))])
        try:
            reloaded = loading.loads(data, _NEW_PLAN)
        except PlanError as err:
            raise self.refusal(err.problems, data.decode("utf-8")) from None
        except Exception as err:  # a failure of the loader itself: one line, nothing written
            raise PlanError(
                [self.whole(f"the new plan cannot be read back ({_error(err)})")]
            ) from None
        changed = self.changed(reloaded.reviews[-1] if reloaded.reviews else None, review)
        if changed:
            raise PlanError(changed)
        return reloaded, data

    def whole(self, message: str) -> Problem:
        return Problem(self.trackers, 0, 0, message)

    def cell(self, action_id: str, column: str, message: str) -> Problem:
        sheet, row = self.rows[action_id]
        return Problem(sheet.file, row, sheet.columns[column], message, sheet=tracker.ACTIONS)

    def column(self, action_id: str, field: str) -> str:
        """The column the ``field`` of an update came from (``note``: Update)."""
        if field == "due":
            return self.rows[action_id][0].due_columns.get(action_id, tracker.DUE)
        columns = {"progress": tracker.PROGRESS, "rating": tracker.RATING, "note": tracker.UPDATE}
        return columns.get(field, tracker.ACTION_ID)

    def too_big(self, size: int) -> Problem:
        limit = loading.MAX_BYTES / (1024 * 1024)
        written = math.ceil(size * 10 / (1024 * 1024)) / 10
        message = (
            f"the new plan would be {written:g} MB, more than the {limit:g} MB a plan file may be"
        )
        updates = self.plan.reviews[-1].updates
        lengths: dict[tuple[str, str], int] = {}
        for action_id in self.rows:
            update = updates[action_id]
            if update.note:
                lengths[action_id, tracker.UPDATE] = len(update.note)
            if update.due:
                lengths[action_id, self.column(action_id, "due")] = len(update.due.text)
        if not lengths:
            return self.whole(message)
        (action_id, column), length = max(lengths.items(), key=lambda item: item[1])
        return self.cell(
            action_id,
            column,
            f"{message}; this {_WHAT[column]}, the longest, is {length:,} characters: shorten "
            "it or others",
        )

    def refusal(self, problems: Iterable[Problem], text: str) -> PlanError | ArgumentError:
        """The loader's problems with the new plan, each at the cell its value came from: a
        PlanError, or an ArgumentError for the review's own id or title, which no tracker gave."""
        try:
            # Each character the loader refused in the text, a space: the rest composes, and
            # every value stays on its line, where the loader found the problem.
            root = compose(_PLAIN.sub(" ", text), _NEW_PLAN)
        except Exception:  # the text does not compose at all: no problem can be placed
            root = None
        places, end = self.places(root)
        found = []
        own: list[str] = []
        for problem in problems:
            line = problem.line - 1
            place = None
            if places and places[0][0] <= line <= end:
                place = next(p for p in reversed(places) if p[0] <= line)
            if place is None or place[2] == _HELD:
                # Not a value the trackers gave: something the plan held already.
                path = " › ".join(_path(root, line))
                held = f", for a value it already holds ({path})" if path else ""
                found.append(self.whole(f"the new plan would not load{held}: {problem.message}"))
            elif place[1] is None:
                own.append(
                    f"the review's {place[2]} cannot be written to a plan file: {problem.message}"
                )
            else:
                action_id, column = place[1], place[2]
                found.append(
                    self.cell(
                        action_id,
                        column,
                        f"the plan file cannot hold this {_WHAT[column]}: {problem.message}",
                    )
                )
        if own:
            return ArgumentError("; ".join(own))
        return PlanError(found or [self.whole("the new plan would not load")])

    def places(self, root: Node | None) -> tuple[list[tuple[int, str | None, str]], int]:
        """Where in the new plan's text each value of the new review starts, as (line, action
        id, column) (no action id: a key of the review itself, such as its title; the column
        ``_HELD``: a value the plan held already), in order; and the line the review ends on.
        Lines count from 0."""
        places: list[tuple[int, str | None, str]] = []
        reviews = _value(root, "reviews")
        review = reviews.value[-1] if isinstance(reviews, SequenceNode) and reviews.value else None
        if not isinstance(review, MappingNode):
            return places, -1
        for key, value in review.value:
            if key.value != "updates":
                own = _HELD if self.late else str(key.value)
                places.append((key.start_mark.line, None, own))
                continue
            for action_key, fields in value.value if isinstance(value, MappingNode) else ():
                action_id = str(action_key.value)
                if action_id not in self.rows:  # an update the review had, not imported now
                    places.append((action_key.start_mark.line, None, _HELD))
                    continue
                places.append((action_key.start_mark.line, action_id, tracker.ACTION_ID))
                for field, _ in fields.value if isinstance(fields, MappingNode) else ():
                    column = self.column(action_id, str(field.value))
                    places.append((field.start_mark.line, action_id, column))
        end = review.end_mark
        return places, end.line - 1 if end.column == 0 else end.line  # 0: the next key's line

    def changed(self, got: Review | None, want: Review) -> list[Problem]:
        """Where the new review as the loader read it back differs from the one imported."""
        if got == want:
            return []
        if got is None or (got.id, got.title, got.as_of) != (want.id, want.title, want.as_of):
            return [self.whole("the new review would not read back from the plan file as made")]
        found = []
        for action_id in self.rows:
            before, after = want.updates.get(action_id), got.updates.get(action_id)
            if before == after:
                continue
            field = next(
                (
                    f
                    for f in ("progress", "rating", "note", "due")
                    if getattr(before, f, None) != getattr(after, f, None)
                ),
                "",
            )
            column = self.column(action_id, field)
            found.append(
                self.cell(
                    action_id,
                    column,
                    f"this {_WHAT[column]} would not read back from the plan file as written",
                )
            )
        return found or [
            self.whole("the new review would not read back from the plan file as made")
        ]


def _value(node: Node | None, key: str) -> Node | None:
    """The value under ``key`` of a mapping node."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                found: Node = value_node
                return found
    return None


def _path(node: Node | None, line: int) -> list[str]:
    """The keys, and the ids of list items, that lead to the value on ``line`` (from 0)."""
    path: list[str] = []
    while isinstance(node, MappingNode | SequenceNode):
        if isinstance(node, MappingNode):
            pairs = [(k, v) for k, v in node.value if k.start_mark.line <= line]
            if not pairs:
                break
            key, node = pairs[-1]
            path.append(str(key.value))
        else:
            items = [item for item in node.value if item.start_mark.line <= line]
            if not items:
                break
            node = items[-1]
            ident = _value(node, "id")
            path.append(shown(ident.value) if isinstance(ident, ScalarNode) else f"#{len(items)}")
    return path


def _error(err: BaseException) -> str:
    """An unexpected exception in a few words."""
    text = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {shown(text, 120)}" if text else type(err).__name__


_DATA_KEY, _DATA_VALUE = 1, 2


@attrs.define
class _Sheet:
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
    reading: str | None = None
    """The sheet being read, where a warning openpyxl gives about a cell is told."""

    @classmethod
    def of(cls, plan: Plan, workbook: Workbook, review_id: str) -> _Sheet:
        """The tracker ``workbook`` read, its rows and problems collected."""
        sheet = cls(plan, _name(workbook), review_id)
        sheet.rows = list(sheet.read(workbook))
        return sheet

    def problem(self, sheet: str | None, row: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.file, row, column, message, sheet=sheet))

    def where(self, sheet: str | None, row: int, column: int) -> str:
        return str(Problem(self.file, row, column, "", sheet=sheet)).removesuffix(": ")

    def read(self, workbook: Workbook) -> Iterator[tuple[tuple[str, int, int], str, ActionUpdate]]:
        """Each row's location, action id and update; problems are collected, not raised."""
        try:
            with _opened(workbook) as stream:
                rows = self._read_stream(stream)
        except OSError as err:
            self.problem(None, 0, 0, f"cannot read the file: {err.strerror or err}")
            return
        except packages.PackageError as err:  # beyond a limit: nothing of it is read
            message = f"{_NOT_READABLE}: {err}" if err.unreadable else str(err)
            self.problem(err.sheet, err.row, err.column, message)
            return
        yield from rows

    def _read_stream(
        self, stream: IO[bytes]
    ) -> list[tuple[tuple[str, int, int], str, ActionUpdate]]:
        import openpyxl

        try:
            packages.check_file(stream, packages.TRACKER)  # before any zip index is read
            reason = _not_a_workbook(stream)
        except packages.PackageError:
            raise
        except Exception:  # what the first look cannot tell, the checks or openpyxl will
            reason = None
        if reason is not None:
            self.problem(None, 0, 0, f"{_NOT_READABLE}: {reason}")
            return []
        try:
            packages.check(stream, packages.TRACKER)  # every part, before openpyxl reads any
        except packages.PackageError:
            raise
        except Exception as err:  # what stops the checks stops the import: nothing unchecked
            self.problem(None, 0, 0, f"{_NOT_READABLE}: {_reason(err)}")
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
                self.problem(None, 0, 0, f"{_NOT_READABLE}: {_reason(err)}")
                return []
            try:
                rows = list(self._rows(book))
            except Exception as err:  # e.g. a part found damaged only when its rows are read
                self.problem(None, 0, 0, f"{_NOT_READABLE}: {_reason(err)}")
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
        states = self._check_data(book[tracker.DATA])
        if states is None:
            return
        self.reading = tracker.ACTIONS
        sheet = book[tracker.ACTIONS]
        sheet.reset_dimensions()  # read every row, whatever size the file claims
        rows = sheet.iter_rows()
        header = next(rows, ())
        columns = self._columns(header)
        if columns is None:
            return
        self.columns = columns
        # The tracker shows ids as the sanitiser left them, so they are matched that way too.
        shown_ids: dict[str, list[str]] = {}
        for action_id in states:
            shown_ids.setdefault(clean(action_id), []).append(action_id)
        for number, cells in enumerate(rows, start=2):
            found = self._row(number, cells, columns, states, shown_ids)
            if found is not None:
                yield found
        self._missing(max(self.listed.values(), default=1) + 1)

    def _check_data(self, sheet: Any) -> Mapping[str, ActionState] | None:
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

        written = value(tracker.META_FORMAT)
        if written != tracker.FORMAT:
            wrong(
                tracker.META_FORMAT,
                (f"tracker format {shown(written)}" if written else "the tracker format is missing")
                + f"; this version reads {tracker.FORMAT!r} (export the tracker again)",
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
        self.lead = value(tracker.META_LEAD) or None
        shown_review = value(tracker.META_REVIEW) or None
        known = {r.id for r in plan.reviews}
        if shown_review is not None and shown_review not in known:
            wrong(
                tracker.META_REVIEW,
                f"the tracker shows review {shown(shown_review)}, which the plan does not have"
                + did_you_mean(shown_review, known),
            )
            ok = False
        if not ok:
            return None
        if shown_review is None:  # exported before the plan had reviews: the plan as written
            states = attrs.evolve(plan, reviews=()).states()
        else:
            states = plan.states(shown_review)
        # What the Previous rating column shows: an update form starts from the review it
        # shows; a tracker shows the rating at the review before that one.
        ids = [r.id for r in plan.reviews]
        if new_review:
            previous: Mapping[str, ActionState] | None = states
        elif shown_review is None or ids.index(shown_review) == 0:
            previous = None
        else:
            previous = plan.states(ids[ids.index(shown_review) - 1])
        self.previous_ratings = {
            action_id: clean(state.rating.label) if state.rating else ""
            for action_id, state in (previous or {}).items()
        }
        self.previous_notes = {
            action_id: clean(state.note or "") for action_id, state in (previous or {}).items()
        }
        if shown_review == self.review_id:
            # A tracker of the very review it is imported into (late returns, a correction):
            # it is read against the review before, so that what it shows unchanged, a due
            # date that review moved, is given again rather than dropped with the update.
            before = ids.index(shown_review)
            states = (
                plan.states(ids[before - 1]) if before else attrs.evolve(plan, reviews=()).states()
            )
        return states

    def _columns(self, header: Iterable[Any]) -> dict[str, int] | None:
        """The column number of each column read (``tracker.READ``) and of each of an update
        form's columns checked (``tracker.SHOWN``), by its heading; the columns only shown are
        noted in ``shown_only``, and left unread."""
        columns: dict[str, int] = {}
        unknown: list[tuple[int, str]] = []
        before = len(self.problems)
        for number, cell in enumerate(header, start=1):
            text = cell.value.strip() if isinstance(cell.value, str) else cell.value
            if text is None or text == "":
                continue
            if text in columns:
                self.problem(
                    tracker.ACTIONS,
                    1,
                    number,
                    f"column {text!r} is also column {column_letters(columns[text])}; a "
                    "tracker has each column once, so remove this one",
                )
            elif text in tracker.COLUMNS or text in tracker.SHOWN:
                columns[text] = number
            else:
                unknown.append((number, str(text)))
        # An update form's own columns are checked, never read, and need not be there.
        checked = (*tracker.READ, *tracker.SHOWN)
        self.shown_only = {n for c, n in columns.items() if c not in checked}
        columns = {c: n for c, n in columns.items() if c in checked}
        missing = [c for c in tracker.READ if c not in columns]
        # An update form has columns of its own, and so its own order.
        order = tracker.FORM_COLUMNS if set(columns) & set(tracker.SHOWN) else tracker.COLUMNS
        for number, text in unknown:
            # A column renamed where it stands: one problem, not an unknown and a missing one.
            expected = order[number - 1] if number <= len(order) else None
            if expected is not None and expected in missing:
                missing.remove(expected)
                self.problem(
                    tracker.ACTIONS,
                    1,
                    number,
                    f"column {shown(text)} should be {expected!r}; give it back its name, "
                    "which is how the column is read",
                )
            else:
                self.problem(
                    tracker.ACTIONS,
                    1,
                    number,
                    f"column {shown(text)} is not part of the tracker and would be lost; "
                    "remove it" + did_you_mean(text, tracker.COLUMNS),
                )
        if missing:
            self.problem(
                tracker.ACTIONS,
                1,
                1,
                f"the header row lacks {', '.join(repr(c) for c in missing)}; "
                f"a tracker's columns are {', '.join(tracker.COLUMNS)}",
            )
        return None if len(self.problems) > before else columns

    def _row(
        self,
        number: int,
        cells: tuple[Any, ...],
        columns: dict[str, int],
        states: Mapping[str, ActionState],
        shown_ids: Mapping[str, list[str]],
    ) -> tuple[tuple[str, int, int], str, ActionUpdate] | None:
        values: dict[str, Any] = {}
        formulas: set[str] = set()  # columns already reported, so not checked again
        before = len(self.problems)
        for column_number, cell in enumerate(cells, start=1):
            name = next((n for n, c in columns.items() if c == column_number), None)
            if cell.value is None or column_number in self.shown_only:
                continue
            if getattr(cell, "data_type", None) == "f":
                self.problem(
                    tracker.ACTIONS,
                    number,
                    column_number,
                    f"a formula ({shown(str(cell.value))}); type the {name or 'cell'} as text",
                )
                if name is not None:
                    formulas.add(name)
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

        action_id = (
            self._action_id(values.get(tracker.ACTION_ID), at, states, shown_ids)
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
            self._progress(values.get(tracker.PROGRESS), at(tracker.PROGRESS))
            if tracker.PROGRESS not in formulas
            else None
        )
        rating = self._rating(values.get(tracker.RATING), at(tracker.RATING))
        note = _note(values.get(tracker.UPDATE))
        too_long = None if note is None else tracker.too_long_for_a_cell(note, "the update")
        if too_long is not None:
            self.problem(*at(tracker.UPDATE), f"{too_long}, {_NO_TRACKER}; shorten it")
        due = (
            self._due(state, values, at) if not formulas & {tracker.DUE, tracker.DUE_DATE} else None
        )
        if len(self.problems) > before or progress is None:
            return None
        update = ActionUpdate(progress=progress, rating=rating, note=note, due=due)
        return at(tracker.ACTION_ID), action_id, update

    def _action_id(
        self,
        value: Any,
        at: _At,
        states: Mapping[str, ActionState],
        shown_ids: Mapping[str, list[str]],
    ) -> str | None:
        """The plan's id of the action the Action ID cell names; None and a problem when it
        names no one action."""
        if value is None or value == "":
            self.problem(
                *at(tracker.ACTION_ID), "no Action ID; the row cannot be matched to an action"
            )
            return None
        if not isinstance(value, str):
            self.problem(*at(tracker.ACTION_ID), _not_text_id(value))
            return None
        matches = shown_ids.get(value, [])
        if len(matches) != 1:
            self.problem(
                *at(tracker.ACTION_ID),
                f"no action {shown(value)} in the plan" + did_you_mean(value, states)
                if not matches
                else f"action id {shown(value)} stands for several actions once characters "
                "a workbook cannot hold are replaced; give them ids that differ otherwise",
            )
            return None
        return matches[0]

    def _of_the_lead(self, action: Action, at: _At) -> bool:
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
        self, state: ActionState, values: dict[str, Any], at: _At, skip: set[str]
    ) -> None:
        """The plan's own columns must read as the tracker wrote them (but those in ``skip``,
        already reported)."""
        action = state.action
        priority = self.plan.priority_of(action.id)
        plan_columns = (
            (tracker.PRIORITY, priority.id, "priority"),
            (tracker.PRIORITY_TITLE, priority.title, "priority title"),  # an update form's
            (tracker.ACTION, action.text, "action text"),
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

    def _progress(self, value: Any, where: tuple[str, int, int]) -> Progress | None:
        labels = [p.label for p in Progress]
        if value is None:
            self.problem(*where, f"Progress is empty; choose {', '.join(labels)}")
            return None
        text = str(value)
        found = Progress.read(text)
        if found is not None:
            return found
        # What people write for a value is suggested as the plan file suggests it, never taken.
        meant = PROGRESS_WORDS.get(folded(text))
        text = text.strip()
        self.problem(
            *where,
            f"unknown progress {shown(text)}; choose {', '.join(labels)}"
            + (
                f" (did you mean {Progress(meant).label!r}?)"
                if meant
                else did_you_mean(text, labels)
            ),
        )
        return None

    def _rating(self, value: Any, where: tuple[str, int, int]) -> str | None:
        if value is None:
            return None
        # Matched as the plan file matches a rating: its key, words or symbol, in any case.
        found = self.plan.ratings.find(str(value))
        if found is not None:
            return found.key
        labels = [clean(r.label) for r in self.plan.ratings]
        text = str(value).strip()
        self.problem(
            *where,
            f"unknown rating {shown(text)}; the plan's scale has {', '.join(labels)}"
            + did_you_mean(text, labels),
        )
        return None

    def _due(self, state: ActionState, values: dict[str, Any], at: _At) -> Due | None:
        """A revised due date when the Due or Due date cell was changed, else None.

        The plan file keeps the Due text only, and its reader works out the day from it: so a
        new Due text is read here by that same reader, and a new day alone is written as the
        text of that day. Two cells that disagree are refused, never one taken over the other;
        a cell cleared, or text that differs only in surrounding space, changes nothing."""
        text_value = values.get(tracker.DUE)
        if isinstance(text_value, datetime):  # a date typed in Due, which Excel made a date
            text_value = text_value.date()
        if isinstance(text_value, date):
            text: str | None = long_date(text_value)
        else:
            text = None if text_value is None else clean(str(text_value)).strip() or None
        readable, day = self._date(values.get(tracker.DUE_DATE), at(tracker.DUE_DATE))
        if not readable:
            return None
        was_text = clean(state.due.text).strip() if state.due else None
        was_day = state.due.last_day if state.due else None
        moved = day is not None and day != was_day
        if text is None and day is None:
            if state.due is not None:
                self.problem(
                    *at(tracker.DUE),
                    "the due date was cleared; a tracker can move a due date but not remove it",
                )
            return None
        if text is not None and text != was_text:
            return self._due_text(state, text, day, moved, at)
        if day is not None and moved and text is not None:
            # Due as it was, 'Ongoing' too, disagrees with a new day beside it.
            self.problem(
                *at(tracker.DUE_DATE),
                f"the Due date is {_day(day)}, but Due {shown(text)} {_ends(was_day)}; "
                "make them agree, or clear Due to keep the Due date",
            )
            return None
        if moved:
            assert day is not None
            self.due_columns[state.action.id] = tracker.DUE_DATE
            return Due(long_date(day), day)
        return None  # as it was, or one of the two cleared and the other as it was

    def _due_text(
        self, state: ActionState, text: str, day: date | None, moved: bool, at: _At
    ) -> Due | None:
        """The new Due ``text``, read as the plan file's reader reads it; ``day``, the Due
        date beside it (``moved`` if that was changed too), must be the day it ends on."""
        too_long = tracker.too_long_for_a_cell(text, "the due date")
        if too_long is not None:
            self.problem(*at(tracker.DUE), f"{too_long}, {_NO_TRACKER}; shorten it")
            return None
        try:
            last_day = resolve_due(text)
        except DateError as err:
            instead = (
                "clear it to keep the new 'Due date'" if moved else "put the new date in 'Due date'"
            )
            self.problem(*at(tracker.DUE), f"{err}; or {instead}")
            return None
        if day is not None and day != last_day:
            keep = "clear Due to keep the Due date" if moved else "clear the Due date"
            self.problem(
                *at(tracker.DUE),
                f"Due {shown(text)} {_ends(last_day)}, but the Due date is {_day(day)}; "
                f"make them agree, or {keep}",
            )
            return None
        self.due_columns[state.action.id] = tracker.DUE
        return Due(text, last_day)

    def _date(self, value: Any, where: tuple[str, int, int]) -> tuple[bool, date | None]:
        """Whether the Due date cell is empty or a day a plan can hold (else a problem), and
        the day."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return True, None
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            day = value
        elif isinstance(value, str):
            text = value.strip()
            try:
                found = read_day(text)
            except DateError as err:  # written as a day, but no day: 31/02/2023, 31/03/999
                self.problem(*where, f"due date {err}; enter a day such as {_EXAMPLE_DAY}")
                return False, None
            if found is None:
                self.problem(*where, _not_a_day(text))
                return False, None
            day = found
        else:
            self.problem(
                *where,
                f"due date {_note(value) or value} is {_kind(value)}, not a date; enter a day "
                f"such as {_EXAMPLE_DAY}",
            )
            return False, None
        try:
            resolve_due(long_date(day))  # the text the plan file will hold, as it is read
        except DateError:
            self.problem(
                *where,
                f"due date {_day(day)} is in the year {day.year}; a plan's dates are from "
                f"{MIN_YEAR} to {MAX_YEAR}",
            )
            return False, None
        return True, day


_EXAMPLE_DAY = "31/03/2023"
"""The day a message about a Due date cell gives as an example. Text written so is always read
as a day, so the example is never the value refused."""
_NO_TRACKER = "so no tracker could be exported from the plan"


def _day(day: date) -> str:
    """A day as the tracker's Due date column shows it: ``31/03/2023``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _ends(last_day: date | None) -> str:
    """What a Due says of its last day: ``ends on 31/03/2023``, or that it names none."""
    return f"ends on {_day(last_day)}" if last_day else "names no fixed date"


def _not_a_day(text: str) -> str:
    """Why text in the Due date cell that is not written as a day is refused."""
    read, last_day = False, None
    if len(text) <= 100:  # a phrase for a period is short; the reader need not look further
        with contextlib.suppress(DateError):
            read, last_day = True, resolve_due(text)
    if last_day is not None:
        return (
            f"due date {shown(text)} is a period, not a day; put it under 'Due', or enter its "
            f"last day here, {_day(last_day)}"
        )
    if read:  # 'Ongoing', 'TBC': no day at all
        return (
            f"due date {shown(text)} names no fixed date; put it under 'Due' and leave the Due "
            "date empty"
        )
    return (
        f"due date {shown(text)} is text that cannot be read as a day; enter a day such as "
        f"{_EXAMPLE_DAY}, or put a phrase such as 'March 2023' under 'Due'"
    )


def _kind(value: Any) -> str:
    """What a cell that is neither text nor a date holds, in words."""
    if isinstance(value, bool):
        return "TRUE or FALSE"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, time):
        return "a time of day"
    if isinstance(value, timedelta):
        return "a length of time"
    return "not text"


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


def _not_text_id(value: Any) -> str:
    """Why an Action ID cell that Excel turned into a number, date or truth value is refused."""
    kind = "a date" if isinstance(value, datetime | date) else _kind(value)
    return (
        f"Action ID {_note(value) or value} is {kind}, not text, so it may not be the id typed "
        "(Excel turns 1.10 into the number 1.1); retype the id with an apostrophe first, as "
        "in '1.10"
    )


@contextlib.contextmanager
def _opened(workbook: Workbook) -> Iterator[IO[bytes]]:
    """The workbook as a seekable binary stream, closed afterwards if opened here: a path
    opened as a regular file and read in place (anything else is refused unread), a stream
    given from Python read into memory with a cap first, whatever it is (it may be a device
    that never ends, and its own seek and size are not trusted)."""
    if isinstance(workbook, str | os.PathLike):
        with packages.open_file(workbook, packages.TRACKER) as stream:
            yield stream
    else:
        yield io.BytesIO(packages.read_file(workbook, packages.TRACKER))


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an Office file of the old binary kind starts (.xls, .doc), and a password-protected
.xlsx too."""
_NOT_READABLE = "not a readable Excel workbook (.xlsx)"
_SAVE = "save the tracker as Excel Workbook (.xlsx)"
_ENTITIES = "it declares XML entities, which are refused (a workbook never needs them)"
_NO_DATE = re.compile(
    r"Cell (?P<cell>\$?[A-Za-z]{1,3}\$?[0-9]+) is marked as a date but the serial value "
    r"(?P<value>\S+) is outside the limits for dates"
)
"""openpyxl's warning when a number in a cell formatted as a date is no date."""
_OTHER_PACKAGES = {
    "word/document.xml": "a Word document",
    "ppt/presentation.xml": "a PowerPoint presentation",
}


def _not_a_workbook(stream: IO[bytes]) -> str | None:
    """Why the bytes are no .xlsx workbook at all, in words; None if they may be one."""
    start = stream.tell()
    try:
        head = stream.read(8)
        stream.seek(start)
        if not head:
            return "the file is empty; is it the right file?"
        if head.startswith(_OLE):
            data = stream.read()
            if "EncryptedPackage".encode("utf-16-le") in data:
                return (
                    "it is protected with a password; remove the password in Excel "
                    "(File, Info, Protect Workbook) and save it again"
                )
            return f"it is an old-format Office file (such as .xls); {_SAVE}"
        if not zipfile.is_zipfile(stream):
            if head.startswith(b"PK"):
                return "the file is cut short or damaged; copy or download the tracker again"
            stream.seek(start)
            if _looks_like_text(stream.read(4096)):
                return f"the file is text, not a workbook (was it saved as CSV?); {_SAVE}"
            return f"the file is not a workbook; {_SAVE}"
        stream.seek(start)
        with zipfile.ZipFile(stream) as archive:
            return _not_a_workbook_package(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return "the file is cut short or damaged; copy or download the tracker again"
    finally:
        stream.seek(start)


def _not_a_workbook_package(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        for name, what in _OTHER_PACKAGES.items():
            if name in names:
                return f"it is {what}; {_SAVE}"
        if "mimetype" in names and b"spreadsheet" in archive.read("mimetype")[:200]:
            return f"it is an OpenDocument spreadsheet (.ods); {_SAVE}"
        return f"it is a zip archive with no workbook in it; {_SAVE}"
    return None  # a workbook; what is in its parts is for packages.check to say


def _looks_like_text(data: bytes) -> bool:
    """Whether ``data`` reads as text in some common encoding: no control characters."""
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ()
    for encoding in (*encodings, "utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
            return True
    return False


def _cell(reference: str) -> tuple[int, int]:
    """The row and column of a cell reference: ``F7`` → (7, 6)."""
    letters = reference.replace("$", "").rstrip("0123456789")
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(reference.replace("$", "")[len(letters) :]), column


def _reason(err: BaseException) -> str:
    """What went wrong reading a workbook, from the cause openpyxl wrapped, in words."""
    chain = [err]
    while (cause := chain[-1].__cause__ or chain[-1].__context__) and cause not in chain:
        chain.append(cause)
    for found in chain:
        text = str(found).strip()
        name = type(found).__name__
        if "Entities" in name or "DTD" in name or "ExternalReference" in name:
            return _ENTITIES
        if "entit" in text.lower():
            return _ENTITIES
        if isinstance(found, zipfile.BadZipFile | zlib.error | EOFError):
            return "the file is cut short or damaged; copy or download the tracker again"
    root = chain[-1]
    text = str(root).strip().splitlines()[0] if str(root).strip() else ""
    detail = f"{type(root).__name__}: {shown(text, 120)}" if text else type(root).__name__
    return f"the file is damaged or not as Excel writes it ({detail}); {_SAVE} again"

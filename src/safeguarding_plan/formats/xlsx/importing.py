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

This module holds the entry and the review the updates go into; one tracker is read by
``sheet`` (its cells by ``cells``, its header row by ``headings``, its Data sheet by
``datasheet``, its file opened by ``opening``), and the new plan is read back by ``readback``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, timedelta

import attrs

from safeguarding_plan.errors import ArgumentError, PlanError, Problem, shown
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.formats.xlsx.opening import Workbook, name
from safeguarding_plan.formats.xlsx.readback import ReadBack
from safeguarding_plan.formats.xlsx.sheet import Sheet
from safeguarding_plan.model.plan import Plan, Review
from safeguarding_plan.model.ratings import Progress
from safeguarding_plan.text import clean
from safeguarding_plan.words import month_year


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
    revised due date); actions in no tracker carry their last state forward. Each row of a
    Measures sheet (a tracker of the whole plan's) with a figure or a note becomes that
    measure's value in the review; a measure with neither has no value there (missing, never
    0). A review the plan does not have is added after the last, as at ``as_of``, titled
    ``title`` (by default the month after ``as_of``: ``February 2022 – Update`` for 31 January
    2022). The plan's last review may be named instead, to add late returns to it (``as_of``
    and ``title``, if given, must be its own): a row for an action that review has an update
    for already is refused, unless ``replace``, and so is a row for a measure it has a value
    for. A row of an update form left as it was sent (no update, and the progress, rating and
    due date it was sent with) is no return: no update is written for it, and a plan whose
    forms have nothing else is returned as given. The plan returned is the one its file reads
    back as: written out and read by the loader, so `dump` writes a plan that loads.

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
class Untouched:
    """An update form's rows left as the form was sent: no update is written for them."""

    file: str
    actions: tuple[str, ...]
    """Their actions, in row order."""
    rows: int
    """How many rows the form has in all."""
    measures: int = 0
    """How many measures the form's Measures sheet gives a value."""


@attrs.frozen
class Imported:
    """A plan with the updates imported into its review, and the plan file that holds it."""

    plan: Plan
    """The plan as the loader reads ``data``; the plan given if nothing was imported."""
    data: bytes | None
    """The plan file's UTF-8 text, as `writing.dump` writes it: the bytes that were read back,
    so writing exactly these writes a plan that loads. None if nothing was imported (every
    tracker of a partial import rejected, or every row of every form left as sent)."""
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
    measures: tuple[str, ...] = ()
    """The measures given a value (a figure, a note or both), in plan order."""
    replaced_measures: tuple[str, ...] = ()
    """Of those, the ones whose value in the review was replaced."""
    rejected: tuple[Rejected, ...] = ()
    """The trackers a partial import left out, in the order given."""
    untouched: tuple[Untouched, ...] = ()
    """For each form imported with rows left as sent, those rows."""


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
    books = _books(workbooks)
    _each_once(books)
    sheets = [Sheet.of(plan, workbook, target.id) for workbook in books]
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


def _each_once(books: Iterable[Workbook]) -> None:
    """ArgumentError for a file given twice (a shell pattern and a name, two spellings of one
    path): each of its rows would be told as in two trackers at once."""
    seen: dict[tuple[int, int], str] = {}
    for book in books:
        if not isinstance(book, str | os.PathLike):
            continue
        try:
            found = os.stat(book)
        except OSError:
            continue  # told as the file it is when it is read
        key = (found.st_dev, found.st_ino)
        if key in seen:
            again = "given twice" if seen[key] == name(book) else f"{shown(seen[key])} again"
            raise ArgumentError(f"{shown(name(book))} is {again}; give each tracker once")
        seen[key] = name(book)


def _of(problem: Problem, sheet: Sheet) -> bool:
    """Whether ``problem`` is at a cell of the tracker ``sheet``."""
    return problem.file == sheet.file and problem.sheet in (tracker.ACTIONS, tracker.MEASURES)


def _rejected(sheets: Iterable[Sheet]) -> tuple[Rejected, ...]:
    return tuple(Rejected(s.file, tuple(s.problems)) for s in sheets if s.problems)


def _claimed(sheets: Iterable[Sheet], review: Review | None, *, replace: bool) -> None:
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
                # A lead's form must list every action of theirs, so no row can be removed.
                instead = (
                    "leave this form out of the import"
                    if sheet.lead is not None
                    else "remove the row"
                )
                sheet.problem(
                    *location,
                    f"action {shown(action_id)} already has an update in review "
                    f"{shown(review.id)}; import with --replace to replace that update, or "
                    f"{instead}",
                )
            else:
                seen[action_id] = sheet.where(*location)
    _measures_claimed(sheets, review, replace=replace)


def _measures_claimed(sheets: Iterable[Sheet], review: Review | None, *, replace: bool) -> None:
    """A problem for each row giving a value of a measure another row of this import gives,
    or that ``review`` has a value for already, unless ``replace``."""
    held = review.measures if review is not None else {}
    seen: dict[str, str] = {}
    for sheet in sheets:
        for given in sheet.measures:
            measure = shown(given.measure)
            if given.measure in seen:
                sheet.problem(
                    *given.where,
                    f"measure {measure} is also at {seen[given.measure]}; each measure may be "
                    "given in one row of one tracker only",
                )
            elif given.measure in held and review is not None and not replace:
                what = "a value" if held[given.measure].value is not None else "a note"
                sheet.problem(
                    *given.where,
                    f"measure {measure} already has {what} in review {shown(review.id)}; "
                    "import with --replace to replace it, or clear this row's Value and Note",
                )
            else:
                seen[given.measure] = sheet.where(*given.where)


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

    def merged(self, plan: Plan, sheets: Iterable[Sheet]) -> Imported:
        """``plan`` with the rows of ``sheets`` in the review, read back (PlanError if it
        would not be read back as made)."""
        sheets = list(sheets)
        # An action one form left as sent but another updated in the same import has its
        # update: it is no one's outstanding return.
        updated = {action_id for sheet in sheets for _, action_id, _ in sheet.rows}
        untouched = tuple(
            Untouched(s.file, left, len(s.rows) + len(s.untouched), len(s.measures))
            for s in sheets
            if (left := tuple(a for a in s.untouched if a not in updated))
        )
        late = self.review is not None
        if not any(sheet.rows or sheet.measures for sheet in sheets):  # nothing given
            return Imported(plan, None, self.id, late=late, untouched=untouched)
        updates = dict(self.review.updates) if self.review else {}
        rows: dict[str, tuple[Sheet, int]] = {}
        replaced = []
        for sheet in sheets:
            for location, action_id, update in sheet.rows:
                before = updates.get(action_id)
                if before is not None:
                    replaced.append(action_id)
                    # What a form has no column for stays: an update marked restricted stays
                    # withheld, its evidence stays, and so does its assurance while the action
                    # is still complete.
                    assured = before.assured if update.progress is Progress.COMPLETE else None
                    update = attrs.evolve(  # noqa: PLW2901
                        update,
                        restricted=before.restricted,
                        evidence=before.evidence,
                        assured=assured,
                    )
                updates[action_id] = update
                rows[action_id] = (sheet, location[1])
        values = dict(self.review.measures) if self.review else {}
        given: dict[str, tuple[Sheet, int]] = {}
        for sheet in sheets:
            for each in sheet.measures:
                values[each.measure] = each.value
                given[each.measure] = (sheet, each.where[1])
        # In plan order, as the loader and the writer keep them.
        ordered = {a.id: updates[a.id] for a in plan.actions if a.id in updates} | updates
        valued = {m.id: values[m.id] for m in plan.measures if m.id in values} | values
        if self.review is None:
            review = Review(
                id=self.id, title=self.title, as_of=self.as_of, updates=ordered, measures=valued
            )
            reviews = (*plan.reviews, review)
        else:
            made = attrs.evolve(self.review, updates=ordered, measures=valued)
            reviews = (*plan.reviews[:-1], made)
        names = tuple(dict.fromkeys(sheet.file for sheet in sheets))
        new, data = ReadBack(
            attrs.evolve(plan, reviews=reviews), rows, ", ".join(names), late=late, measures=given
        ).check()
        held = self.review.measures if self.review else {}
        return Imported(
            new,
            data,
            self.id,
            late=late,
            trackers=names,
            updated=tuple(i for i in ordered if i in rows),
            replaced=tuple(i for i in ordered if i in replaced),
            measures=tuple(i for i in valued if i in given),
            replaced_measures=tuple(i for i in valued if i in given and i in held),
            untouched=untouched,
        )


def _default_title(as_of: date) -> str:
    # Progress at the end of January goes to the February meeting: the seed's own naming.
    return f"{month_year(as_of + timedelta(days=1))} – Update"

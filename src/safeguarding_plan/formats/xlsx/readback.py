"""The new plan written out as its file's text and read back by the loader: ``ReadBack``.

Held apart from the reading of trackers because it checks the plan, not a cell: whatever the
cell checks missed, the loader itself refuses here, and each refusal is told at the cell its
value came from, found by the line of the new plan's text it is on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from safeguarding_plan.errors import ArgumentError, PlanError, Problem, shown
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.model.plan import Plan, Review
from safeguarding_plan.planfile import loading
from safeguarding_plan.planfile.composing import MappingNode, Node, ScalarNode, SequenceNode
from safeguarding_plan.planfile.nodes import compose
from safeguarding_plan.planfile.writing import dumps

if TYPE_CHECKING:
    from safeguarding_plan.formats.xlsx.sheet import Sheet

_NEW_PLAN = "<the new plan>"
"""What the loader calls the new plan it reads back; its problems are told at their cells."""
_PLAIN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\xa0\ud800-\udfff\ufffe\uffff]")
"""Any character but the line feed and the plainly printable ones (the few refused written
rather than the many allowed: that class takes ten times longer to compile)."""
_HELD = ""
"""The column of a value in the new plan that no tracker gave (``ReadBack.places``)."""
_WHAT = {
    tracker.ACTION_ID: "update",
    tracker.PROGRESS: "progress",
    tracker.RATING: "rating",
    tracker.UPDATE: "update",
    tracker.DUE: "due date",
    tracker.DUE_DATE: "due date",
    tracker.VALUE: "value",
    tracker.NOTE: "note",
}
"""What each column a value of the new review came from holds, in a message."""


@attrs.frozen
class ReadBack:
    """The new plan written out as its file's text and read back by the loader, with the
    plan file's size limit; whatever is refused is told at the cell its value came from."""

    plan: Plan
    rows: Mapping[str, tuple[Sheet, int]]
    """The tracker and row each update of the new review came from."""
    trackers: str
    """The trackers' names, for a problem no one cell explains."""
    late: bool = False
    """Whether the review was the plan's already: its id, title and date are then held."""
    measures: Mapping[str, tuple[Sheet, int]] = attrs.Factory(dict)
    """The tracker and row of its Measures sheet each measure's value came from."""

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

    def cell(self, ident: str, column: str, message: str) -> Problem:
        """A problem at the ``column`` of the row an action's update came from, or a measure's
        value (a column of the Measures sheet; ``ident`` the measure's id)."""
        if column in tracker.MEASURE_COLUMNS:
            sheet, row = self.measures[ident]
            number = sheet.measure_columns[column]
            return Problem(sheet.file, row, number, message, sheet=tracker.MEASURES)
        sheet, row = self.rows[ident]
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
        values = self.plan.reviews[-1].measures
        for measure_id in self.measures:
            note = values[measure_id].note
            if note:
                lengths[measure_id, tracker.NOTE] = len(note)
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
            root, _ = compose(_PLAIN.sub(" ", text), _NEW_PLAN)
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
            if key.value == "updates":
                places += _entries(value, self.rows, tracker.ACTION_ID, self.column)
            elif key.value == "measures":
                # A figure alone is on its measure's line, so its place is the Value cell.
                places += _entries(value, self.measures, tracker.VALUE, _measure_column)
            else:
                own = _HELD if self.late else str(key.value)
                places.append((key.line, None, own))
        end = review.end_line - 1 if review.end_column == 0 else review.end_line
        return places, end  # column 0: the next key's line

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
        for measure_id in self.measures:
            wanted, read = want.measures.get(measure_id), got.measures.get(measure_id)
            if wanted == read:
                continue
            noted = getattr(wanted, "note", None) != getattr(read, "note", None)
            column = tracker.NOTE if noted else tracker.VALUE
            found.append(
                self.cell(
                    measure_id,
                    column,
                    f"this {_WHAT[column]} would not read back from the plan file as written",
                )
            )
        return found or [
            self.whole("the new review would not read back from the plan file as made")
        ]


def _entries(
    node: Node,
    given: Collection[str],
    first: str,
    column: Callable[[str, str], str],
) -> list[tuple[int, str | None, str]]:
    """Where each entry of the new review's ``updates`` or ``measures`` starts (see
    ``ReadBack.places``): one no tracker gave now (not in ``given``) is held; one given is at
    the ``first`` column of its row, and each of its fields at the ``column`` of the id and
    field."""
    places: list[tuple[int, str | None, str]] = []
    for key, fields in node.value if isinstance(node, MappingNode) else ():
        ident = str(key.value)
        if ident not in given:  # what the review had, not imported now
            places.append((key.line, None, _HELD))
            continue
        places.append((key.line, ident, first))
        for field, _ in fields.value if isinstance(fields, MappingNode) else ():
            places.append((field.line, ident, column(ident, str(field.value))))
    return places


def _measure_column(_: str, field: str) -> str:
    """The column of the Measures sheet a field of a measure's value came from."""
    return tracker.NOTE if field == "note" else tracker.VALUE


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
            pairs = [(k, v) for k, v in node.value if k.line <= line]
            if not pairs:
                break
            key, node = pairs[-1]
            path.append(str(key.value))
        else:
            items = [item for item in node.value if item.line <= line]
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

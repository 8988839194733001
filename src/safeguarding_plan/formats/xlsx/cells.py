"""The value of one cell of a tracker's row, read as the plan file would hold it.

Each function reads one cell (an Action or Measure ID, Progress, Rating, Update, or the Due and
Due date pair), or the cells of a row, and tells ``problem`` why a value is refused, in the
tracker user's words. Held apart from the reading of rows and columns, which decides which
cells there are: what a value may be is the plan file's rule, checked here by the plan file's
own readers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from safeguarding_plan.dates import MAX_YEAR, MIN_YEAR, DateError, read_day, resolve_due
from safeguarding_plan.errors import did_you_mean, shown
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.model.due import Due
from safeguarding_plan.model.plan import ActionState
from safeguarding_plan.model.ratings import PROGRESS_WORDS, Progress, RatingScale, folded
from safeguarding_plan.text import clean
from safeguarding_plan.words import long_date

Tell = Callable[[str | None, int, int, str], None]
"""Where a problem is told, at its sheet, row and column: the tracker's list of problems."""
At = Callable[[str], tuple[str, int, int]]
"""The sheet, row and column of the row's cell in the named column."""


def progress(value: Any, where: tuple[str, int, int], problem: Tell) -> Progress | None:
    labels = [p.label for p in Progress]
    if value is None:
        problem(*where, f"Progress is empty; choose {', '.join(labels)}")
        return None
    text = str(value)
    found = Progress.read(text)
    if found is not None:
        return found
    # What people write for a value is suggested as the plan file suggests it, never taken.
    meant = PROGRESS_WORDS.get(folded(text))
    text = text.strip()
    problem(
        *where,
        f"unknown progress {shown(text)}; choose {', '.join(labels)}"
        + (f" (did you mean {Progress(meant).label!r}?)" if meant else did_you_mean(text, labels)),
    )
    return None


def rating(
    value: Any, where: tuple[str, int, int], ratings: RatingScale, problem: Tell
) -> str | None:
    if value is None:
        return None
    # Matched as the plan file matches a rating: its key, words or symbol, in any case.
    found = ratings.find(str(value))
    if found is not None:
        return found.key
    labels = [clean(r.label) for r in ratings]
    text = str(value).strip()
    problem(
        *where,
        f"unknown rating {shown(text)}; the plan's scale has {', '.join(labels)}"
        + did_you_mean(text, labels),
    )
    return None


def due(
    state: ActionState,
    values: dict[str, Any],
    at: At,
    problem: Tell,
    due_columns: dict[str, str],
) -> Due | None:
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
    readable, day = _date(values.get(tracker.DUE_DATE), at(tracker.DUE_DATE), problem)
    if not readable:
        return None
    was_text = clean(state.due.text).strip() if state.due else None
    was_day = state.due.last_day if state.due else None
    moved = day is not None and day != was_day
    if text is None and day is None:
        if state.due is not None:
            problem(
                *at(tracker.DUE),
                "the due date was cleared; a tracker can move a due date but not remove it",
            )
        return None
    if text is not None and text != was_text:
        return _due_text(state, text, day, moved, at, problem=problem, due_columns=due_columns)
    if day is not None and moved and text is not None:
        # Due as it was, 'Ongoing' too, disagrees with a new day beside it.
        problem(
            *at(tracker.DUE_DATE),
            f"the Due date is {_day(day)}, but Due {shown(text)} {_ends(was_day)}; "
            "make them agree, or clear Due to keep the Due date",
        )
        return None
    if moved:
        assert day is not None
        due_columns[state.action.id] = tracker.DUE_DATE
        return Due(long_date(day), day)
    return None  # as it was, or one of the two cleared and the other as it was


def _due_text(
    state: ActionState,
    text: str,
    day: date | None,
    moved: bool,
    at: At,
    *,
    problem: Tell,
    due_columns: dict[str, str],
) -> Due | None:
    """The new Due ``text``, read as the plan file's reader reads it; ``day``, the Due
    date beside it (``moved`` if that was changed too), must be the day it ends on."""
    too_long = tracker.too_long_for_a_cell(text, "the due date")
    if too_long is not None:
        problem(*at(tracker.DUE), f"{too_long}, {NO_TRACKER}; shorten it")
        return None
    try:
        last_day = resolve_due(text)
    except DateError as err:
        instead = (
            "clear it to keep the new 'Due date'" if moved else "put the new date in 'Due date'"
        )
        problem(*at(tracker.DUE), f"{err}; or {instead}")
        return None
    if day is not None and day != last_day:
        keep = "clear Due to keep the Due date" if moved else "clear the Due date"
        problem(
            *at(tracker.DUE),
            f"Due {shown(text)} {_ends(last_day)}, but the Due date is {_day(day)}; "
            f"make them agree, or {keep}",
        )
        return None
    if state.due is not None and _same_due(state.due, text, last_day):
        return None  # the same due date written another way: the plan's own text stays
    due_columns[state.action.id] = tracker.DUE
    return Due(text, last_day)


def _same_due(due: Due, text: str, last_day: date | None) -> bool:
    """Whether Due ``text``, ending on ``last_day``, says what ``due`` says: the same day, or
    for words with no day (``TBC``, ``Ongoing``) the same words in any case and spacing."""
    if last_day is not None or due.last_day is not None:
        return last_day == due.last_day
    return _words(text) == _words(clean(due.text))


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _date(value: Any, where: tuple[str, int, int], problem: Tell) -> tuple[bool, date | None]:
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
            problem(*where, f"due date {err}; enter a day such as {_EXAMPLE_DAY}")
            return False, None
        if found is None:
            problem(*where, _not_a_day(text))
            return False, None
        day = found
    else:
        problem(
            *where,
            f"due date {note(value) or value} is {kind_of(value)}, not a date; enter a day "
            f"such as {_EXAMPLE_DAY}",
        )
        return False, None
    try:
        resolve_due(long_date(day))  # the text the plan file will hold, as it is read
    except DateError:
        problem(
            *where,
            f"due date {_day(day)} is in the year {day.year}; a plan's dates are from "
            f"{MIN_YEAR} to {MAX_YEAR}",
        )
        return False, None
    return True, day


def identifier(
    value: Any,
    where: tuple[str, int, int],
    known: Collection[str],
    shown_ids: Mapping[str, list[str]],
    problem: Tell,
    *,
    kind: str = "action",
    heading: str = tracker.ACTION_ID,
    unknown: str = "",
) -> str | None:
    """The plan's id of the ``kind`` of thing (``action``, ``measure``) the id cell under
    ``heading`` names, matched as the tracker shows ids (``shown_ids``); None and a problem
    when it names no one of the plan's ids, ``known`` (one it names none of ends ``unknown``,
    what to do instead)."""
    if value is None or value == "":
        article = "an" if kind[0] in "aeiou" else "a"
        problem(*where, f"no {heading}; the row cannot be matched to {article} {kind}")
        return None
    if not isinstance(value, str):
        problem(*where, _not_text_id(value, heading))
        return None
    matches = shown_ids.get(value, [])
    if len(matches) != 1:
        problem(
            *where,
            f"no {kind} {shown(value)} in the plan" + did_you_mean(value, known) + unknown
            if not matches
            else f"{kind} id {shown(value)} stands for several {kind}s once characters "
            "a workbook cannot hold are replaced; give them ids that differ otherwise",
        )
        return None
    return matches[0]


_EXAMPLE_DAY = "31/03/2023"
"""The day a message about a Due date cell gives as an example. Text written so is always read
as a day, so the example is never the value refused."""
NO_TRACKER = "so no tracker could be exported from the plan"


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


def row(
    row_cells: Iterable[Any],
    names: Mapping[int, str],
    at: tuple[str, int],
    problem: Tell,
    *,
    skip: Collection[int] = (),
    numbers: Collection[str] = (),
) -> tuple[dict[str, Any], set[str]]:
    """The cells of a row ``at`` a sheet and row number, by the name of the column each is in
    (``names``, by column number), and the columns holding a formula; every filled cell
    outside the columns, and every formula, is a problem (a formula in one of ``numbers`` is
    to be typed as a number, in any other as text). Empty cells and those of columns in
    ``skip``, only shown, are left out."""
    found: dict[str, Any] = {}
    formulas: set[str] = set()
    for column, cell in enumerate(row_cells, start=1):
        name = names.get(column)
        if cell.value is None or column in skip:
            continue
        if getattr(cell, "data_type", None) == "f":
            typed = "a number" if name in numbers else "text"
            problem(
                *at,
                column,
                f"a formula ({shown(str(cell.value))}); type the {name or 'cell'} as {typed}",
            )
            if name is not None:
                formulas.add(name)
        elif name is None:
            problem(
                *at,
                column,
                "a value outside the tracker's columns would be lost; move or remove it",
            )
        else:
            found[name] = cell
    return found, formulas


def kind_of(value: Any) -> str:
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


def note(value: Any) -> str | None:
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


def _not_text_id(value: Any, heading: str) -> str:
    """Why an id cell that Excel turned into a number, date or truth value is refused."""
    kind = "a date" if isinstance(value, datetime | date) else kind_of(value)
    return (
        f"{heading} {note(value) or value} is {kind}, not text, so it may not be the id typed "
        "(Excel turns 1.10 into the number 1.1); retype the id with an apostrophe first, as "
        "in '1.10"
    )

"""A sheet's header row: each column found by its heading.

Held apart from the reading of rows because a lead may drag columns about or add their own: which
column is which is decided once here, by the headings, and every row is then read by it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from safeguarding_plan.errors import column_letters, did_you_mean, shown
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.formats.xlsx.cells import Tell


def columns(header: Iterable[Any], problem: Tell) -> tuple[dict[str, int], set[int]]:
    """The Actions sheet's column number of each column read (``tracker.READ``) and of each of
    an update form's columns checked (``tracker.SHOWN``), by its heading; and the columns only
    shown, left unread. Each problem with the headings is told to ``problem``."""
    # An update form has columns of its own, and so its own order.
    orders = (tracker.COLUMNS, tracker.FORM_COLUMNS)
    columns = find(header, problem, tracker.ACTIONS, orders, tracker.READ)
    # An update form's own columns are checked, never read, and need not be there.
    checked = (*tracker.READ, *tracker.SHOWN)
    shown_only = {n for c, n in columns.items() if c not in checked}
    return {c: n for c, n in columns.items() if c in checked}, shown_only


def find(
    header: Iterable[Any],
    problem: Tell,
    sheet: str,
    orders: Sequence[Sequence[str]],
    required: Sequence[str],
) -> dict[str, int]:
    """The column number of each column of ``sheet`` found by its heading, of those the
    exporter writes in one of the ``orders`` (the first, a tracker's own); a problem for each
    heading repeated, renamed or unknown, and for the ``required`` columns missing."""
    known = {column for order in orders for column in order}
    columns: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    for number, cell in enumerate(header, start=1):
        text = cell.value.strip() if isinstance(cell.value, str) else cell.value
        if text is None or text == "":
            continue
        if text in columns:
            problem(
                sheet,
                1,
                number,
                f"column {text!r} is also column {column_letters(columns[text])}; a "
                "tracker has each column once, so remove this one",
            )
        elif text in known:
            columns[text] = number
        else:
            unknown.append((number, str(text)))
    missing = [c for c in required if c not in columns]
    order = next((o for o in orders if set(columns) <= set(o)), orders[-1])
    for number, text in unknown:
        # A column renamed where it stands: one problem, not an unknown and a missing one.
        expected = order[number - 1] if number <= len(order) else None
        if expected is not None and expected in missing:
            missing.remove(expected)
            problem(
                sheet,
                1,
                number,
                f"column {shown(text)} should be {expected!r}; give it back its name, "
                "which is how the column is read",
            )
        else:
            problem(
                sheet,
                1,
                number,
                f"column {shown(text)} is not part of the tracker and would be lost; "
                "remove it" + did_you_mean(text, orders[0]),
            )
    if missing:
        problem(
            sheet,
            1,
            1,
            f"the header row lacks {', '.join(repr(c) for c in missing)}; "
            f"a tracker's columns are {', '.join(orders[0])}",
        )
    return columns

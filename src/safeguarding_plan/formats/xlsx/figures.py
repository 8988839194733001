"""A measure's figure in a returned tracker's cell, read as the plan file reads a number.

A number cell is the number Excel shows: one formatted as a percentage (as Excel formats a cell
where ``80%`` is typed) shows its value a hundred times over. Text is read as a plan file's
text is (``75``, ``1.10``, ``80%`` of a percentage). Either must be a number a plan file holds,
at most nine digits before the point and four after: anything else is a problem saying what to
type, never a number rounded or guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from safeguarding_plan.formats.xlsx.cells import Tell, kind_of
from safeguarding_plan.model.impact import MeasureUnit
from safeguarding_plan.planfile.impact import fits, not_a_number, too_many_digits, written_number

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
"""What a number format shows as written, not as a code: quoted text, an escaped character,
a colour or condition in brackets."""
_TYPE = "type the figure alone, such as 75 or 7.5"


def percentage(number_format: str) -> bool:
    """Whether Excel shows a number in ``number_format`` as a percentage, a hundred times over."""
    return "%" in _QUOTED.sub("", number_format)


_PLACES = re.compile(r"\.(0+)")
"""The decimal places a number format always shows: ``#,##0.00`` shows two."""


def shown(value: int | float, number_format: str) -> Decimal:
    """The number a number cell shows, exactly: a double as the shortest decimal that reads
    back as it (what Excel shows of a number typed), a hundred times over in a percentage,
    with the decimal places its format always shows (``1.10`` in ``0.00``, as the tracker
    writes a plan's ``1.10``), never fewer digits than it has."""
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if percentage(number_format):
        number = number.scaleb(2)
    number = Decimal(format(number.normalize(), "f"))  # 80, not 8E+1 or 80.0
    found = _PLACES.search(_QUOTED.sub("", number_format))
    places = len(found[1]) if found else 0
    if places and -int(number.as_tuple().exponent) < places:
        number = number.quantize(Decimal(1).scaleb(-places))
    return number


def figure(
    value: Any,
    number_format: str,
    unit: MeasureUnit,
    *,
    what: str,
    where: tuple[str, int, int],
    problem: Tell,
) -> Decimal | None:
    """The figure the cell of ``what`` (``the value of measure 'x'``) holds, as the plan file
    holds it; None for an empty cell, and for one that holds no such figure, told to
    ``problem``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        found = written_number(value, unit)
        if found is None:
            problem(*where, not_a_number(value, what, unit, note="Note"))
        return found
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "a date" if isinstance(value, datetime | date) else kind_of(value)
        made = " (Excel makes 1/2 or 1-2 a date)" if kind == "a date" else ""
        problem(*where, f"{what} is {kind}, not a number{made}; {_TYPE}")
        return None
    number = shown(value, number_format)
    if percentage(number_format) and unit is not MeasureUnit.PERCENT:
        problem(
            *where,
            f"{what} is typed as a percentage, {number}%; the measure's unit is "
            f"{unit.value!r}, not 'percent' (did you mean '{number}'?)",
        )
        return None
    if not fits(number):
        problem(*where, too_many_digits(number, what))
        return None
    return number

"""Rows of values as a sheet's XML (``<row>`` elements), each cell in the style its id names.

Text is always an inline string, never a formula or an error: ``=SUM(A1)`` and ``#N/A`` are
written as the characters they are. A date is Excel's number for its day, shown as a date by
its style's number format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeAlias

from safeguarding_plan.formats.ooxml import escaping

if TYPE_CHECKING:  # decimal takes milliseconds to import, and the board paper needs none
    from decimal import Decimal

Value: TypeAlias = "str | int | float | Decimal | date | None"
"""A cell's value. A ``Decimal`` is written as the double nearest it (the caller checks that
the double holds it exactly); an empty text is an empty cell."""

EPOCH = date(1899, 12, 30)
"""The day before Excel's day 1, 1 January 1900, in its 1900 date system; counted from here,
every day from 1 March 1900 gets Excel's number."""
LEAP_DAY = 60
"""Excel's number for 29 February 1900, a day that never was (Lotus 1-2-3 counted 1900 as a
leap year): days before it are counted one fewer, as Excel and openpyxl read them."""


def column(number: int) -> str:
    """A column's letters: 1 is A, 27 is AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def serial(day: date) -> int:
    """Excel's number for ``day``."""
    days = (day - EPOCH).days
    return days - 1 if 0 < days <= LEAP_DAY else days


def rows(
    lines: Iterable[tuple[float | None, Sequence[Value]]], ids: Sequence[int], first: int
) -> Iterator[str]:
    """Each line of (height in points or None, values) as a row numbered from ``first``,
    column by column in the styles ``ids``. Text must be cleaned already (``text.clean``)."""
    places = _places(ids)
    for number, (points, values) in enumerate(lines, start=first):
        yield _row(number, points, values, places)


def row(number: int, points: float | None, values: Sequence[Value], ids: Sequence[int]) -> str:
    """Row ``number``, ``points`` high (None: one line of the Normal font), its ``values``
    column by column in the styles ``ids``. Text must be cleaned already (``text.clean``)."""
    return _row(number, points, values, _places(ids))


def _places(ids: Sequence[int]) -> list[tuple[str, str]]:
    """Each column's cell as written before its row's number, and after it."""
    return [(f'<c r="{column(n)}', f'" s="{style}"') for n, style in enumerate(ids, start=1)]


def _row(
    number: int, points: float | None, values: Sequence[Value], places: Sequence[tuple[str, str]]
) -> str:
    # A height without customHeight: Excel may still fit the row to a longer update.
    cells = [f'<row r="{number}">' if points is None else f'<row r="{number}" ht="{points:g}">']
    for (before, after), value in zip(places, values, strict=True):
        if value is None or value == "":
            cells.append(f"{before}{number}{after}/>")
        elif isinstance(value, str):
            text = escaping.text(value)
            cells.append(
                f'{before}{number}{after} t="inlineStr"><is><t xml:space="preserve">{text}</t>'
                "</is></c>"
            )
        elif isinstance(value, date):  # as a double, as Excel and openpyxl write a day
            cells.append(f'{before}{number}{after} t="n"><v>{float(serial(value))!r}</v></c>')
        elif isinstance(value, int | float):
            cells.append(f'{before}{number}{after} t="n"><v>{value!r}</v></c>')
        else:  # a Decimal
            cells.append(f'{before}{number}{after} t="n"><v>{float(value)!r}</v></c>')
    cells.append("</row>")
    return "".join(cells)

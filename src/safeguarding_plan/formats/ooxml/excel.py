"""The tracker's rows of actions written into the package openpyxl saved, after the rows
openpyxl wrote in their sheet, as openpyxl would write them.

What this relies on in openpyxl (tests/test_ooxml.py checks each):

- a write-only sheet's ``path`` names its part in the saved package;
- that part's rows end at its one ``</sheetData>`` (a sheet with at least one row);
- ``Workbook._cell_styles.add(style)`` gives the style id openpyxl writes as ``s`` for a cell
  of that style (openpyxl has no public way to ask);
- it reads back an inline string as text and a number in a date style as that day;
- a workbook's Normal font is its first font (``Workbook._fonts``) and its ``Normal`` named
  style's (``normal_font``).
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import IO, Any

from openpyxl.styles import Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.indexed_list import IndexedList

from safeguarding_plan.formats.ooxml import escaping
from safeguarding_plan.formats.ooxml.streaming import insert

Value = str | int | float | date | None

END_OF_ROWS = re.compile(rb"</sheetData>")
"""Where the rows of a sheet end, as openpyxl writes it."""


def style_ids(book: Any, styles: Iterable[StyleArray]) -> list[int]:
    """The id of each style in the workbook, as openpyxl gives a cell of that style."""
    return [book._cell_styles.add(style) for style in styles]


def sheet_rows(
    rows: Iterable[tuple[float | None, Sequence[Value]]], ids: Sequence[int], first: int
) -> Iterator[str]:
    """Each row of (height in points or None, values) as the sheet's XML, numbered from
    ``first``, column by column in the styles ``ids``: text always an inline string (never a
    formula), a date openpyxl's serial number. Text must be cleaned already."""
    letters = [get_column_letter(n) for n in range(1, len(ids) + 1)]
    for number, (points, values) in enumerate(rows, start=first):
        cells = [f'<row r="{number}">' if points is None else f'<row r="{number}" ht="{points:g}">']
        for letter, value, style in zip(letters, values, ids, strict=True):
            where = f'r="{letter}{number}" s="{style}"'
            if value is None:
                cells.append(f'<c {where} t="n"/>')
            elif isinstance(value, str):
                text = escaping.text(value)
                cells.append(
                    f'<c {where} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
                )
            elif isinstance(value, date):  # openpyxl's own serial number, 1900 leap year and all
                serial = to_excel(value)  # type: ignore[no-untyped-call]
                cells.append(f'<c {where} t="n"><v>{serial}</v></c>')
            else:
                cells.append(f'<c {where} t="n"><v>{value}</v></c>')
        cells.append("</row>")
        yield "".join(cells)


def save(book: Any, sheet: Any, rows: Iterable[str], stream: IO[bytes]) -> None:
    """Save ``book`` to ``stream`` with ``rows`` (``sheet_rows``) after the rows openpyxl wrote
    in ``sheet``."""
    package = io.BytesIO()
    book.save(package)
    part = sheet.path.lstrip("/")
    insert(package, stream, part, END_OF_ROWS, lambda end: itertools.chain(rows, [end[0].decode()]))


def normal_font(book: Any, font: Font) -> None:
    """Make ``font`` the workbook's Normal font, the one a column's width is measured in: Excel
    and LibreOffice take a width of 10 as ten of its digits. openpyxl's is Calibri, which
    LibreOffice replaces with a wider font where Calibri is not installed, so that a sheet
    fitted to a page's width prints a quarter smaller there. Call it on a new workbook, before
    any cell is styled: openpyxl has no public way to set it."""
    book._fonts = IndexedList([font])
    normal = book._named_styles["Normal"]
    normal.font = font
    normal.bind(book)

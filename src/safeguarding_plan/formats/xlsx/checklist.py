"""The return sheet: a workbook with a row for each lead's form, for the business manager to
tick off as the forms come back.

An .xlsx rather than a CSV file, so that no text (an action starting with ``=`` or ``-``) can
be taken for a formula when it is opened, and the return date is a date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import IO

import attrs
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from safeguarding_plan.errors import shown
from safeguarding_plan.formats.ooxml import excel
from safeguarding_plan.formats.palette import HEADER_FILL
from safeguarding_plan.formats.xlsx.lines import fit
from safeguarding_plan.formats.xlsx.workbook import DATE_FORMAT, FONT, MARGINS, height, page_footer
from safeguarding_plan.reporting.contents import ActionRow
from safeguarding_plan.reporting.wording import Words
from safeguarding_plan.text import clean

WIDTHS = (28, 40, 70, 12, 14)
"""Lead, form, actions, return by, returned: 164 characters, a landscape page wide."""


@attrs.frozen
class Sent:
    """One lead's form, as the return sheet lists it."""

    lead: str
    name: str
    """The form's file name."""
    rows: Sequence[ActionRow]


def write(sent: Sequence[Sent], return_by: date, words: Words, stream: IO[bytes]) -> None:
    """The return sheet for the forms ``sent``, each to be returned by ``return_by``; its
    Returned column empty. ExporterError for a lead's actions too long for a cell."""
    w = words
    book = Workbook()
    excel.normal_font(book, Font(name=FONT, size=10, family=2))
    sheet = book.active
    assert sheet is not None
    sheet.title = w.forms_sheet
    lines: list[tuple[str | date, ...]] = [(w.lead, w.form, w.actions, w.return_by, w.returned)]
    for form in sent:
        where = f"the forms of {shown(clean(form.lead))}"
        actions = "\n".join(f"{row.id} {row.text}" for row in form.rows)
        lines.append(
            (fit(form.lead, where), form.name, fit(actions, f"{where}: the actions"), return_by)
        )
    bold, plain = Font(name=FONT, size=10, bold=True), Font(name=FONT, size=10)
    wrap = Alignment(vertical="top", wrap_text=True)
    for number, values in enumerate(lines, start=1):
        sheet.append(values)
        # Neither Excel nor LibreOffice measures wrapped text as it opens a file.
        points = height(values, ("text",) * len(values), WIDTHS)
        if points is not None:
            sheet.row_dimensions[number].height = points
        for cell in sheet[number]:
            cell.font = bold if number == 1 else plain
            cell.alignment = wrap
            if number == 1:
                cell.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL)
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
                cell.quotePrefix = True
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    for number, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = MARGINS
    sheet.oddFooter.center.text = page_footer(w)  # type: ignore[union-attr]
    book.save(stream)

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

from safeguarding_plan.errors import shown
from safeguarding_plan.formats.ooxml.spreadsheet import cells, package
from safeguarding_plan.formats.ooxml.spreadsheet.package import Page, Properties
from safeguarding_plan.formats.ooxml.spreadsheet.styles import Stylesheet
from safeguarding_plan.formats.ooxml.spreadsheet.worksheet import Sheet
from safeguarding_plan.formats.xlsx.lines import fit
from safeguarding_plan.formats.xlsx.workbook import NORMAL, STYLES, height, page_footer
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
    styles = Stylesheet(NORMAL)
    header = [w.lead, w.form, w.actions, w.return_by, w.returned]
    ids = [styles.add(STYLES["header"])] * len(header)
    # Neither Excel nor LibreOffice measures wrapped text as it opens a file.
    rows = [cells.row(1, height(header, ("header",) * len(header), WIDTHS), header, ids)]
    kinds = ("text", "text", "text", "date", "text")
    ids = [styles.add(STYLES[kind]) for kind in kinds]
    for number, form in enumerate(sent, start=2):
        where = f"the forms of {shown(clean(form.lead))}"
        actions = "\n".join(f"{row.id} {row.text}" for row in form.rows)
        listed = fit(actions, f"{where}: the actions")
        values = (fit(form.lead, where), form.name, listed, return_by, None)
        rows.append(cells.row(number, height(values, kinds, WIDTHS), values, ids))
    sheet = Sheet(
        w.forms_sheet,
        WIDTHS,
        landscape=True,
        footer=page_footer(w),
        frozen=True,
        title_row=True,
    )
    properties = Properties(title=w.forms_sheet)
    package.write(stream, [Page(sheet, rows)], styles, properties)

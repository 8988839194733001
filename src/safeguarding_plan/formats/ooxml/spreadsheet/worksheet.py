"""A worksheet's settings, and its XML (``xl/worksheets/sheetN.xml``) around its rows.

Elements are written in the order of ``CT_Worksheet`` in the schema (``sml.xsd``): Excel
repairs a sheet whose elements are out of order, where openpyxl and LibreOffice read on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from safeguarding_plan.formats.ooxml import escaping
from safeguarding_plan.formats.ooxml.spreadsheet.cells import column
from safeguarding_plan.formats.ooxml.spreadsheet.styles import MAIN

RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

MARGINS = (
    '<pageMargins left="0.25" right="0.25" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
)
"""Excel's own Narrow margins, in inches: the header and the footer 0.3 from the paper's edge,
well inside the 0.75 of the text, so that Excel and LibreOffice both print them whole."""
A4 = 9
"""The paper size's number in SpreadsheetML."""


class Validation(NamedTuple):
    """What may be typed in ``cells`` (a range, ``G2:G34``): one of a list (``choices``, a
    range of another sheet), with ``error`` shown under ``error_title`` for anything else;
    and a ``prompt`` under ``prompt_title`` shown when a cell is chosen."""

    cells: str
    choices: str | None = None
    error_title: str | None = None
    error: str | None = None
    prompt_title: str | None = None
    prompt: str | None = None

    def xml(self) -> str:
        shown = {
            "sqref": self.cells,
            "allowBlank": "1",
            "showInputMessage": "1" if self.prompt else "0",
            "showErrorMessage": "1" if self.choices else "0",
            "errorTitle": self.error_title,
            "error": self.error,
            "promptTitle": self.prompt_title,
            "prompt": self.prompt,
        }
        if self.choices:
            shown["type"] = "list"
        said = " ".join(f"{k}={escaping.attribute(v)}" for k, v in shown.items() if v)
        if not self.choices:
            return f"<dataValidation {said}/>"
        choices = escaping.text(self.choices)
        return f"<dataValidation {said}><formula1>{choices}</formula1></dataValidation>"


class ColourRule(NamedTuple):
    """``cells`` filled by the differential style ``fill`` (a stylesheet's ``rule_fill``)
    where ``formula`` holds, the first rule that holds the last looked at."""

    cells: str
    formula: str
    fill: int


class Table(NamedTuple):
    """An Excel Table over the sheet's first ``rows`` rows, the first its header naming
    ``columns`` (as the header's cells do), with a filter button on each column and striped
    rows."""

    name: str
    columns: tuple[str, ...]
    rows: int
    style: str = "TableStyleLight1"

    def xml(self, number: int) -> str:
        """The table part; ``number`` is the table's, unique in the workbook."""
        ref = f"A1:{column(len(self.columns))}{self.rows}"
        named = escaping.attribute(self.name)
        columns = "".join(
            f'<tableColumn id="{n}" name={escaping.attribute(c)}/>'
            for n, c in enumerate(self.columns, start=1)
        )
        return (
            f'<table xmlns="{MAIN}" id="{number}" name={named} displayName={named} '
            f'ref="{ref}" headerRowCount="1"><autoFilter ref="{ref}"/>'
            f'<tableColumns count="{len(self.columns)}">{columns}</tableColumns>'
            f'<tableStyleInfo name="{self.style}" showFirstColumn="0" showLastColumn="0" '
            'showRowStripes="1" showColumnStripes="0"/></table>'
        )


class Sheet(NamedTuple):
    """A worksheet's name and everything about it but its rows."""

    name: str
    widths: tuple[float, ...]
    """Each column's width, in characters of the Normal font's digits."""
    hidden_columns: frozenset[int] = frozenset()
    """The numbers of the columns hidden (1 is A)."""
    hidden: bool = False
    landscape: bool = False
    header: str | None = None
    """The text at the left of each printed page's header, in Excel's codes (``&&`` for &)."""
    footer: str | None = None
    """The text at the centre of each printed page's footer, in Excel's codes."""
    protected: bool = False
    """Only unlocked cells can be changed; rows and columns can still be resized and the
    table filtered. No password, so nobody is locked out (Review, Unprotect Sheet)."""
    frozen: bool = False
    """The first row stays in view as the sheet scrolls."""
    title_row: bool = False
    """The first row is printed at the top of every page."""
    merged: tuple[str, ...] = ()
    """Ranges shown as one cell (``A4:F4``)."""
    validations: tuple[Validation, ...] = ()
    rules: tuple[ColourRule, ...] = ()


def xml(
    sheet: Sheet, rows: Iterable[str], *, drawing: str | None, table: str | None
) -> Iterator[str]:
    """The sheet's XML in pieces, its ``rows`` (``cells.rows``) in their place; ``drawing``
    and ``table`` the ids of its relationships to its drawing and its table, if any."""
    yield (
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f"<sheetViews>{_view(sheet)}</sheetViews>"
        '<sheetFormatPr defaultRowHeight="12.75"/>'
        + (f"<cols>{''.join(_columns(sheet))}</cols>" if sheet.widths else "")  # never empty
        + "<sheetData>"
    )
    yield from rows
    yield "</sheetData>"
    if sheet.protected:
        yield '<sheetProtection sheet="1" formatColumns="0" formatRows="0" autoFilter="0"/>'
    if sheet.merged:
        merged = "".join(f'<mergeCell ref="{ref}"/>' for ref in sheet.merged)
        yield f'<mergeCells count="{len(sheet.merged)}">{merged}</mergeCells>'
    yield from _rules(sheet.rules)
    if sheet.validations:
        validations = "".join(v.xml() for v in sheet.validations)
        yield f'<dataValidations count="{len(sheet.validations)}">{validations}</dataValidations>'
    orientation = "landscape" if sheet.landscape else "portrait"
    yield (
        f'{MARGINS}<pageSetup paperSize="{A4}" orientation="{orientation}" fitToWidth="1" '
        'fitToHeight="0"/>'
    )
    if sheet.header is not None or sheet.footer is not None:
        header = (
            ""
            if sheet.header is None
            else f"<oddHeader>{escaping.text('&L' + sheet.header)}</oddHeader>"
        )
        footer = (
            ""
            if sheet.footer is None
            else f"<oddFooter>{escaping.text('&C' + sheet.footer)}</oddFooter>"
        )
        yield f"<headerFooter>{header}{footer}</headerFooter>"
    if drawing is not None:
        yield f'<drawing r:id="{drawing}"/>'
    if table is not None:
        yield f'<tableParts count="1"><tablePart r:id="{table}"/></tableParts>'
    yield "</worksheet>"


def _view(sheet: Sheet) -> str:
    if not sheet.frozen:
        return '<sheetView workbookViewId="0"/>'
    return (
        '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>'
    )


def _columns(sheet: Sheet) -> Iterator[str]:
    for number, width in enumerate(sheet.widths, start=1):
        hidden = ' hidden="1"' if number in sheet.hidden_columns else ""
        yield f'<col min="{number}" max="{number}" width="{width:g}" customWidth="1"{hidden}/>'


def _rules(rules: Iterable[ColourRule]) -> Iterator[str]:
    by_cells: dict[str, list[ColourRule]] = {}
    for rule in rules:
        by_cells.setdefault(rule.cells, []).append(rule)
    priority = 0
    for cells, theirs in by_cells.items():
        found = []
        for rule in theirs:
            priority += 1
            found.append(
                f'<cfRule type="expression" dxfId="{rule.fill}" priority="{priority}" '
                f'stopIfTrue="1"><formula>{escaping.text(rule.formula)}</formula></cfRule>'
            )
        yield f'<conditionalFormatting sqref="{cells}">{"".join(found)}</conditionalFormatting>'


def title_rows(sheet: Sheet) -> str:
    """The defined name's value that prints the sheet's first row on every page."""
    return f"{quoted(sheet.name)}!$1:$1"


def quoted(name: str) -> str:
    """A sheet's name as a formula names it."""
    return "'" + name.replace("'", "''") + "'"

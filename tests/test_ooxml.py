"""What the XML written straight into saved packages (``formats/ooxml/``) relies on in
python-docx and openpyxl, checked against the installed versions: a new release that changes
any of it fails here, with a message naming the library, its version and the module that
relies on it, rather than as a board paper without its tables or a tracker without its rows.
"""

from __future__ import annotations

import importlib.metadata
import io
import re
import tomllib
import zipfile
from datetime import date, datetime
from typing import Any

import docx
import grimp
import openpyxl
import pytest
from conftest import ROOT
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.styles.cell_style import StyleArray
from packaging.requirements import Requirement
from packaging.version import Version

from safeguarding_plan.formats.docx.parts import Cell as TableCell
from safeguarding_plan.formats.docx.parts import Table
from safeguarding_plan.formats.ooxml import escaping, excel, word

SOURCE = ROOT / "src" / "safeguarding_plan"


def _no_longer(library: str, what: str, module: str) -> str:
    version = importlib.metadata.version(library)
    return (
        f"{library} {version} no longer {what}; src/safeguarding_plan/formats/ooxml/{module} "
        "relies on it"
    )


def _parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# --- python-docx ------------------------------------------------------------------------------


def _saved_with_placeholder() -> tuple[docx.document.Document, dict[str, bytes]]:
    document = docx.Document()
    document.add_paragraph("Before the table")
    body = document.element.body
    body.find(qn("w:sectPr")).addprevious(word.placeholder(7))
    package = io.BytesIO()
    document.save(package)
    return document, _parts(package.getvalue())


def test_python_docx_saves_the_main_part_under_its_part_name() -> None:
    document, parts = _saved_with_placeholder()
    assert word.main_part(document) in parts, _no_longer(
        "python-docx",
        f"saves the document's body under its part name {word.main_part(document)!r} "
        f"(the package has {sorted(parts)})",
        "word.py",
    )


def test_python_docx_writes_a_comment_in_the_body_as_it_is() -> None:
    document, parts = _saved_with_placeholder()
    main = parts.get(word.main_part(document), b"")
    assert [m[1] for m in word.PLACES.finditer(main)] == [b"7"], _no_longer(
        "python-docx", "writes an XML comment in the body out as it is, <!--text-->", "word.py"
    )


def test_python_docx_binds_w_to_wordprocessingml_in_the_main_part() -> None:
    document, parts = _saved_with_placeholder()
    root = etree.fromstring(parts[word.main_part(document)])
    assert root.nsmap.get("w") == word.WORDPROCESSINGML, _no_longer(
        "python-docx",
        f"binds the prefix 'w' to {word.WORDPROCESSINGML} on the main part's root "
        f"(it binds {root.nsmap.get('w')!r})",
        "word.py",
    )


def test_a_table_written_at_its_placeholder_reads_back_in_python_docx() -> None:
    document = docx.Document()
    document.element.body.find(qn("w:sectPr")).addprevious(word.placeholder(0))
    table = Table(
        header=[TableCell.of("Id"), TableCell.of("Action")],
        rows=[[TableCell.of("1.1"), TableCell.of("Review the <terms> & publish")]],
        widths=[1000, 4000],
        caption="Actions",
        description="Each action",
        splittable=10,
    )
    stream = io.BytesIO()
    word.save(document, [table], stream)
    read = docx.Document(io.BytesIO(stream.getvalue()))
    cells = [[c.text for c in row.cells] for t in read.tables for row in t.rows]
    assert cells == [["Id", "Action"], ["1.1", "Review the <terms> & publish"]], _no_longer(
        "python-docx", "reads back a table written at its placeholder", "word.py"
    )


# --- openpyxl ---------------------------------------------------------------------------------


def _style(sheet: Any, number_format: str | None = None) -> StyleArray:
    """A bold style, as the tracker makes its styles (``workbook._styles``)."""
    cell = Cell(sheet, row=1, column=1)
    cell.font = Font(name="Arial", size=10, bold=True)
    if number_format is not None:
        cell.number_format = number_format
    return StyleArray(cell._style)  # type: ignore[attr-defined]


def _workbook() -> tuple[openpyxl.Workbook, Any]:
    """A write-only workbook with a header row in its sheet."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    sheet.append(["Id", "Due", "Note", "Count"])
    return book, sheet


def _saved_sheet(book: openpyxl.Workbook, sheet: Any) -> bytes:
    package = io.BytesIO()
    book.save(package)
    return _parts(package.getvalue()).get(sheet.path.lstrip("/"), b"")


def test_openpyxl_saves_a_write_only_sheet_under_its_path() -> None:
    book, sheet = _workbook()
    package = io.BytesIO()
    book.save(package)
    parts = _parts(package.getvalue())
    assert sheet.path.lstrip("/") in parts, _no_longer(
        "openpyxl",
        f"saves a write-only sheet under its path {sheet.path!r} (the package has {sorted(parts)})",
        "excel.py",
    )


def test_openpyxl_ends_a_sheets_rows_at_its_one_end_of_sheet_data() -> None:
    book, sheet = _workbook()
    data = _saved_sheet(book, sheet)
    ends = [m.start() for m in excel.END_OF_ROWS.finditer(data)]
    message = _no_longer(
        "openpyxl", "ends a sheet's rows with its one '</sheetData>' after the last", "excel.py"
    )
    assert len(ends) == 1, message
    assert data.rfind(b"</row>") < ends[0], message


def test_openpyxl_writes_the_style_id_its_cell_styles_give() -> None:
    book, sheet = _workbook()
    style = _style(sheet, "dd/mm/yyyy")
    (expected,) = excel.style_ids(book, [style])
    cell = Cell(sheet, row=1, column=1, style_array=style)
    cell.value = "styled"
    sheet.append([cell])
    written = re.search(rb'<c r="A2"[^>]* s="(\d+)"', _saved_sheet(book, sheet))
    message = _no_longer(
        "openpyxl",
        "writes as a cell's style id the one Workbook._cell_styles.add() gives for its style",
        "excel.py",
    )
    assert written is not None, message
    assert int(written[1]) == expected, message


def test_openpyxl_writes_the_normal_font_as_the_first_and_the_normal_styles() -> None:
    book = openpyxl.Workbook(write_only=True)
    excel.normal_font(book, Font(name="Arial", size=10, family=2))
    sheet = book.create_sheet("Actions")
    sheet.append(["text"])
    package = io.BytesIO()
    book.save(package)
    styles = etree.fromstring(_parts(package.getvalue())["xl/styles.xml"])
    main = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    first = styles.find("m:fonts/m:font", main)
    normal = styles.find("m:cellStyleXfs/m:xf", main)
    message = _no_longer(
        "openpyxl",
        "writes Workbook._fonts[0] as the first font, the Normal style's",
        "excel.py",
    )
    assert first is not None, message
    assert first.find("m:name", main).get("val") == "Arial", message  # type: ignore[union-attr]
    assert first.find("m:sz", main).get("val") == "10", message  # type: ignore[union-attr]
    assert normal is not None, message
    assert normal.get("fontId") == "0", message
    # A width of 10 is ten of Arial's digits: Calc reads the workbook's Normal font as Arial.
    reread = openpyxl.load_workbook(io.BytesIO(package.getvalue()))
    assert reread._fonts[0].name == "Arial", message


def test_rows_written_at_the_end_of_a_sheet_read_back_in_openpyxl() -> None:
    book, sheet = _workbook()
    # Styles no cell openpyxl wrote uses, as the tracker's rows of actions are styled.
    plain, dated = _style(sheet), _style(sheet, "dd/mm/yyyy")
    ids = excel.style_ids(book, [plain, dated, plain, plain])
    rows = [(None, ("1.1", date(2022, 3, 31), "=SUM(A1) & <b>", 3)), (30.0, ("1.2", None, "", 0))]
    stream = io.BytesIO()
    excel.save(book, sheet, excel.sheet_rows(rows, ids, first=2), stream)
    read = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))["Actions"]
    values = [[c.value for c in row] for row in read.iter_rows(min_row=2)]
    assert values == [
        ["1.1", datetime(2022, 3, 31), "=SUM(A1) & <b>", 3],
        ["1.2", None, "", 0],
    ], _no_longer(
        "openpyxl", "reads back inline strings as text and date serials as days", "excel.py"
    )
    message = _no_longer("openpyxl", "reads back a cell in the style its id names", "excel.py")
    assert read["B2"].number_format == "dd/mm/yyyy", message
    assert read["D2"].number_format == "General", message
    assert read["C2"].font.b, message
    assert read.row_dimensions[3].height == 30.0


# --- kept in one place, and the versions it is checked against --------------------------------


def test_only_ooxml_writes_into_a_saved_package() -> None:
    graph = grimp.build_graph("safeguarding_plan", cache_dir=None)
    streaming = "safeguarding_plan.formats.ooxml.streaming"
    assert graph.find_modules_that_directly_import(streaming) == {
        "safeguarding_plan.formats.ooxml.word",
        "safeguarding_plan.formats.ooxml.excel",
    }
    private = [
        str(p.relative_to(SOURCE))
        for p in sorted(SOURCE.rglob("*.py"))
        if "._cell_styles" in p.read_text(encoding="utf-8")
    ]
    assert private == ["formats/ooxml/excel.py"]


def _requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {(r := Requirement(line)).name.lower(): r for line in project["dependencies"]}


@pytest.mark.parametrize("name", ["python-docx", "openpyxl", "lxml", "pluggy", "pyyaml"])
def test_the_libraries_relied_on_have_a_supported_major_version(name: str) -> None:
    requirement = _requirements()[name]
    upper = [s for s in requirement.specifier if s.operator == "<"]
    assert upper, f"{name} has no upper bound in pyproject.toml"
    installed = Version(importlib.metadata.version(name))
    assert requirement.specifier.contains(installed), (
        f"{name} {installed} is outside the range pyproject.toml supports ({requirement})"
    )


# The characters XML 1.0 allows in a document.
_XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff").filter(
        lambda c: c in "\t\n\r" or ord(c) >= 0x20
    )
)


@given(_XML_TEXT, _XML_TEXT)
def test_escaped_text_and_attribute_read_back_as_they_were(text: str, value: str) -> None:
    element = etree.fromstring(
        f"<p v={escaping.attribute(value)}>{escaping.text(text)}</p>".encode()
    )
    # A parser reads a carriage return in text as a line feed (XML 1.0, 2.11).
    assert (element.text or "") == text.replace("\r\n", "\n").replace("\r", "\n")
    assert element.get("v") == value

"""What the XML written straight into saved packages (``formats/ooxml/``) relies on in
python-docx, checked against the installed version: a new release that changes any of it fails
here, with a message naming the library, its version and the module that relies on it, rather
than as a board paper without its tables. And the tracker's own SpreadsheetML writer, its
workbooks read back by openpyxl as the importer reads them.
"""

from __future__ import annotations

import importlib.metadata
import io
import posixpath
import tomllib
import zipfile
from datetime import date, datetime
from decimal import Decimal
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
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel, to_excel
from packaging.requirements import Requirement
from packaging.version import Version

from safeguarding_plan.formats.docx.parts import Cell as TableCell
from safeguarding_plan.formats.docx.parts import Table
from safeguarding_plan.formats.ooxml import escaping, word
from safeguarding_plan.formats.ooxml.spreadsheet import cells, package
from safeguarding_plan.formats.ooxml.spreadsheet.package import Page, Properties
from safeguarding_plan.formats.ooxml.spreadsheet.styles import Font, Style, Stylesheet
from safeguarding_plan.formats.ooxml.spreadsheet.worksheet import Sheet, Validation

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


def test_python_docx_writes_its_package_in_the_steps_word_py_takes() -> None:
    from docx.opc.pkgwriter import PackageWriter

    steps = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")
    missing = [step for step in steps if not callable(getattr(PackageWriter, step, None))]
    assert not missing, _no_longer(
        "python-docx", f"writes its package with PackageWriter.{', '.join(missing)}", "word.py"
    )


def test_word_saves_the_package_python_docx_saves() -> None:
    class Empty:
        def xml(self) -> list[str]:
            return []

    document, parts = _saved_with_placeholder()  # table 7's
    stream = io.BytesIO()
    word.save(document, [Empty()] * 8, stream)
    ours = _parts(stream.getvalue())
    assert list(ours) == list(parts), _no_longer(
        "python-docx", "saves the parts word.py writes, in its order", "word.py"
    )
    main = word.main_part(document)
    assert {n: b for n, b in ours.items() if n != main and "core" not in n} == {
        n: b for n, b in parts.items() if n != main and "core" not in n
    }
    assert ours[main] == word.PLACES.sub(b"", parts[main])


def test_each_part_of_a_board_paper_is_compressed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Saved straight into the paper's own package: never saved, read back and compressed again.
    import zlib

    import safeguarding_plan as sp

    made = 0
    compressor = zlib.compressobj

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal made
        made += 1
        return compressor(*args, **kwargs)

    plan = sp.load(ROOT / "examples" / "birmingham-2021-23" / "plan.yaml")
    manager = sp.get_plugin_manager(autoload=False)
    monkeypatch.setattr(zlib, "compressobj", counted)
    stream = io.BytesIO()
    sp.export(plan, "docx", stream, plugin_manager=manager)
    monkeypatch.undo()
    assert made == len(_parts(stream.getvalue())) > 10


# --- the workbook's own writer, read back by openpyxl --------------------------------------------

BOLD = Style(Font("Arial", 10, bold=True), border="A6A6A6", text=True)
DATED = Style(Font("Arial", 10), number_format="dd/mm/yyyy")
PLAIN = Style(Font("Arial", 10))


def _written(pages: list[Page], styles: Stylesheet, **properties: str) -> bytes:
    stream = io.BytesIO()
    package.write(stream, pages, styles, Properties(**properties))
    return stream.getvalue()


def _one_sheet(rows: list[tuple[float | None, tuple[Any, ...]]], **settings: Any) -> bytes:
    styles = Stylesheet(Font("Arial", 10))
    ids = [styles.add(style) for style in (BOLD, DATED, BOLD, PLAIN)]
    sheet = Sheet("Actions", (10, 12, 30, 8), **settings)
    return _written([Page(sheet, cells.rows(rows, ids, first=1))], styles, title="Tracker")


def test_rows_read_back_in_openpyxl_as_written() -> None:
    rows = [
        (None, ("1.1", date(2022, 3, 31), "=SUM(A1) & <b>", 3)),
        (30.0, ("#N/A", None, "", Decimal("1.10"))),
        (None, ("  two\nlines ", date(1900, 1, 1), "\u00a3 5 \U0001f600", 0.25)),
    ]
    read = openpyxl.load_workbook(io.BytesIO(_one_sheet(rows)))["Actions"]
    values = [[c.value for c in row] for row in read.iter_rows()]
    assert values == [
        ["1.1", datetime(2022, 3, 31), "=SUM(A1) & <b>", 3],
        ["#N/A", None, None, 1.1],
        ["  two\nlines ", datetime(1900, 1, 1), "\u00a3 5 \U0001f600", 0.25],
    ]
    assert [c.data_type for c in read[1]] == ["s", "d", "s", "n"]  # text never a formula
    assert read["B1"].number_format == "dd/mm/yyyy"
    assert read["D1"].number_format == "General"
    assert read["A1"].font.b
    assert read["A1"].quotePrefix
    assert read["A1"].border.left.style == "thin"
    assert not read["D1"].font.b
    assert not read["D1"].quotePrefix
    assert read.row_dimensions[2].height == 30.0
    assert read.row_dimensions[1].height is None


@given(st.dates(min_value=date(1900, 1, 1)))
def test_a_day_is_the_number_openpyxl_reads_as_that_day(day: date) -> None:
    assert cells.serial(day) == to_excel(day)
    assert from_excel(cells.serial(day)).date() == day


@given(st.integers(min_value=1, max_value=16384))
def test_a_column_has_the_letters_openpyxl_gives_it(number: int) -> None:
    assert cells.column(number) == get_column_letter(number)


def test_the_normal_font_is_the_first_and_the_normal_styles() -> None:
    package_bytes = _one_sheet([(None, ("a", None, "b", 1))])
    styles = etree.fromstring(_parts(package_bytes)["xl/styles.xml"])
    main = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    first = styles.find("m:fonts/m:font", main)
    assert first is not None
    assert first.find("m:name", main).get("val") == "Arial"  # type: ignore[union-attr]
    assert first.find("m:sz", main).get("val") == "10"  # type: ignore[union-attr]
    assert styles.find("m:cellStyleXfs/m:xf", main).get("fontId") == "0"  # type: ignore[union-attr]
    # A width of 10 is ten of Arial's digits: Calc reads the workbook's Normal font as Arial.
    reread = openpyxl.load_workbook(io.BytesIO(package_bytes))
    assert reread._fonts[0].name == "Arial"


def test_a_sheets_settings_read_back_in_openpyxl() -> None:
    validation = Validation("B2:B3", "'Key'!$B$2:$B$5", "Rating", "Choose one", "Yours", "Say")
    data = _one_sheet(
        [(None, ("Id", "Due", "Note", "Count")), (None, ("1", None, "x", 1))],
        hidden_columns=frozenset({3}),
        landscape=True,
        header="A && B",
        footer="&A: Page &P of &N",
        protected=True,
        frozen=True,
        title_row=True,
        merged=("A3:D3",),
        validations=(validation,),
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Actions"]
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.column_dimensions["A"].width == 10
    assert sheet.column_dimensions["C"].hidden
    assert not sheet.column_dimensions["B"].hidden
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.oddHeader.left.text == "A && B"
    assert sheet.oddFooter.center.text == "&A: Page &P of &N"
    assert sheet.protection.sheet
    assert not sheet.protection.password
    assert not sheet.protection.autoFilter
    assert not sheet.protection.formatRows
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A3:D3"]
    (read,) = sheet.data_validations.dataValidation
    assert (read.type, read.formula1, str(read.sqref)) == ("list", "'Key'!$B$2:$B$5", "B2:B3")
    assert (read.errorTitle, read.error, read.promptTitle, read.prompt) == (
        "Rating",
        "Choose one",
        "Yours",
        "Say",
    )
    assert read.showErrorMessage
    assert read.showInputMessage
    assert read.allow_blank
    assert book.properties.title == "Tracker"


# The order of a worksheet's elements in the schema (CT_Worksheet, sml.xsd), of those written.
WORKSHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
    "sheetProtection", "mergeCells", "conditionalFormatting", "dataValidations", "pageMargins",
    "pageSetup", "headerFooter", "drawing", "tableParts",
]  # fmt: skip


def test_every_part_is_typed_related_and_in_the_schemas_order(birmingham_tracker: bytes) -> None:
    # Excel repairs a package whose parts lack a content type or a relationship, or whose
    # sheet's elements are out of order, where openpyxl reads on.
    parts = _parts(birmingham_tracker)
    types = etree.fromstring(parts["[Content_Types].xml"])
    typed = {o.get("PartName").lstrip("/") for o in types if o.get("PartName")}
    xml = {name for name in parts if name.endswith(".xml") and name != "[Content_Types].xml"}
    assert typed == xml
    related = set()
    for name, data in parts.items():
        if not name.endswith(".rels"):
            continue
        folder = name.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0]
        for relationship in etree.fromstring(data):
            target = posixpath.normpath(posixpath.join(folder, relationship.get("Target")))
            assert target.lstrip("./") in parts, (name, relationship.get("Target"))
            related.add(target.lstrip("./"))
    assert related == xml
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    for name in sorted(n for n in parts if n.startswith("xl/worksheets/sheet")):
        tags = [e.tag.removeprefix(main) for e in etree.fromstring(parts[name])]
        assert tags == sorted(tags, key=WORKSHEET_ORDER.index), name


@pytest.fixture(scope="module")
def birmingham_tracker() -> bytes:
    from conftest import BIRMINGHAM

    import safeguarding_plan as sp

    out = io.BytesIO()
    sp.export(
        sp.load(BIRMINGHAM), "xlsx", out, plugin_manager=sp.get_plugin_manager(autoload=False)
    )
    return out.getvalue()


# --- kept in one place, and the versions it is checked against --------------------------------


def test_only_ooxml_writes_into_a_saved_package() -> None:
    graph = grimp.build_graph("safeguarding_plan", cache_dir=None)
    streaming = "safeguarding_plan.formats.ooxml.streaming"
    assert graph.find_modules_that_directly_import(streaming) == {
        "safeguarding_plan.formats.ooxml.word",
        "safeguarding_plan.formats.ooxml.spreadsheet.package",
    }
    # The tracker is written by its own writer: nothing reaches into openpyxl's private parts.
    private = [
        str(p.relative_to(SOURCE))
        for p in sorted(SOURCE.rglob("*.py"))
        if "._cell_styles" in p.read_text(encoding="utf-8")
    ]
    assert private == []


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

"""The "Learning from reviews" section of the board paper and the Reviews sheet of the tracker,
read back with python-docx and openpyxl."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import attrs
import docx
import openpyxl
import pytest
from conftest import two_reviews, with_case_reviews
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from openpyxl.workbook.workbook import Workbook
from test_learning_text import cells, export, tables
from test_markdown import PARSER

import safeguarding_plan as sp
from safeguarding_plan.formats.docx.parts import DETAIL_GREY
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.text import REPLACEMENT

HEADING = "Learning from reviews"
SUMMARY = "3 case reviews. 1 of 2 recommendations implemented (50%). 2 reviews are late."
NOTIFIED_LATE = (
    "National panel notified 7 working days after the partnership became aware: 2 working days late"
)
SUBJECTS = ("Child K", "Baby L")
THEMES = [
    ["Understanding what the child's daily life is like", "1"],
    ["Working with families where their engagement is reluctant and sporadic", "1"],
    ["Critical thinking and challenge", "1"],
    ["Sharing information in a timely and appropriate way", "1"],
    ["Safe sleeping for babies", "1"],
]


def _bytes(plan: sp.Plan, name: str, **kwargs: Any) -> bytes:
    out = io.BytesIO()
    sp.export(plan, name, out, plugin_manager=sp.get_plugin_manager(autoload=False), **kwargs)
    return out.getvalue()


def _without_recommendations() -> sp.Plan:
    plan = with_case_reviews()
    reviews = tuple(attrs.evolve(r, recommendations=()) for r in plan.case_reviews)
    return attrs.evolve(plan, case_reviews=reviews)


# --- the board paper ----------------------------------------------------------------------------


def _paper(plan: sp.Plan, **kwargs: Any) -> Document:
    return docx.Document(io.BytesIO(_bytes(plan, "docx", **kwargs)))


def _section(document: Document) -> list[Paragraph | Table]:
    """The paragraphs and tables from the "Learning from reviews" heading to the next heading."""
    found: list[Paragraph | Table] = []
    inside = False
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document._body)
            style = paragraph.style.name if paragraph.style is not None else ""
            if style == "Heading 1":
                if inside:
                    break
                inside = paragraph.text == HEADING
            elif inside:
                found.append(paragraph)
        elif child.tag == qn("w:tbl") and inside:
            found.append(Table(child, document._body))
    return found


def _tables(section: list[Paragraph | Table]) -> list[Table]:
    return [part for part in section if isinstance(part, Table)]


def _texts(section: list[Paragraph | Table]) -> list[str]:
    return [part.text for part in section if isinstance(part, Paragraph)]


def _rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _caption(table: Table, which: str) -> str:
    element = table._tbl.tblPr.find(qn(f"w:tbl{which}"))
    assert element is not None, f"every table has a {which.lower()}"
    value: str = element.get(qn("w:val"))
    return value


@pytest.fixture(scope="module")
def paper() -> Document:
    return _paper(with_case_reviews())


@pytest.fixture(scope="module")
def section(paper: Document) -> list[Paragraph | Table]:
    return _section(paper)


def test_section_comes_after_the_priorities_and_before_the_key(paper: Document) -> None:
    headings = [
        p.text for p in paper.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings[-3:] == ["Priority 1 – Leadership", HEADING, "Key to ratings"]


def test_section_opens_with_the_summary(section: list[Paragraph | Table]) -> None:
    assert isinstance(section[0], Paragraph)
    assert section[0].text == SUMMARY
    assert [_caption(t, "Caption") for t in _tables(section)] == [
        "Case reviews",
        "Recommendations of case reviews",
        "Practice themes",
    ]
    for table in _tables(section):
        assert _caption(table, "Description")


def test_reviews_table_gives_each_review_with_its_dates_and_timeliness(
    section: list[Paragraph | Table],
) -> None:
    reviews = _tables(section)[0]
    rows = _rows(reviews)
    assert rows[0] == ["Review", "Dates and timeliness", "Status"]
    assert rows[1][0] == "Rapid review of a serious incident\nRapid review. Subject: Child K."
    assert rows[1][2] == "Completed"
    dates = [p.text for p in reviews.rows[1].cells[1].paragraphs]
    assert dates == [
        "Incident: 29 November 2021",
        "Became aware: 1 December 2021",
        "National panel notified: 10 December 2021",
        "Rapid review completed: 23 December 2021",
        NOTIFIED_LATE,
        "Rapid review completed 9 working days after the national panel was notified: on time",
    ]
    assert "Publish the local child safeguarding practice review: due by" in rows[2][1]
    assert rows[2][2] == "In progress"
    # A review with no subject says nothing of one.
    assert rows[3][0] == "'Out of Routine'\nNational review."
    assert rows[3][1:] == ["Published: September 2020\nNo timescale applies", "Published"]


def test_a_review_no_timescale_applies_to_says_so_in_the_words_of_the_markdown() -> None:
    # National reviews have no statutory timescale; the second records no date either.
    plan = with_case_reviews()
    undated = attrs.evolve(
        plan.case_reviews[2], id="NR-2023", title="A national review of no date", dates={}
    )
    plan = attrs.evolve(plan, case_reviews=(*plan.case_reviews, undated))
    report = sp.report(plan)
    assert report.learning is not None
    assert [r.id for r in report.learning.reviews if not r.timeliness] == ["NR-2022", "NR-2023"]
    markdown = cells(tables(PARSER.parse(export(plan, "md")))["Case reviews"])
    rows = _tables(_section(_paper(plan)))[0].rows
    said = []
    for row, (*_, dates, timeliness) in zip(rows[3:], markdown[2:], strict=True):
        lines = [p.text for p in row.cells[1].paragraphs]
        assert lines == [*dates.split("\n"), timeliness]
        said.append(lines)
    assert said == [
        ["Published: September 2020", report.words.no_timescale],
        [report.words.none_recorded, report.words.no_timescale],
    ]
    assert report.words.no_timescale == "No timescale applies"


def test_review_title_is_bold_and_its_kind_a_grey_detail(
    section: list[Paragraph | Table],
) -> None:
    cell = _tables(section)[0].rows[1].cells[0]
    first, kind = cell.paragraphs
    assert [(run.text, run.bold) for run in first.runs] == [
        ("Rapid review of a serious incident", True)
    ]
    assert kind.runs[0].italic
    assert kind.runs[0].font.color.rgb == DETAIL_GREY


def test_recommendations_table_gives_plan_actions_and_progress(
    section: list[Paragraph | Table],
) -> None:
    assert "What the reviews recommend, and the plan actions that carry it out." in _texts(section)
    assert _rows(_tables(section)[1]) == [
        ["Review", "Recommendation", "Plan actions", "Progress"],
        [
            "Rapid review of a serious incident",
            "R1 Publish what the review found",
            "1.1 Complete",
            "Implemented",
        ],
        [
            "Local review: support for families with newborn babies",
            "R1 Run the safeguarding assembly on safe sleep",
            "1.2 In progress",
            "0 of 1 action complete",
        ],
    ]


def test_themes_table_counts_the_reviews_raising_each(section: list[Paragraph | Table]) -> None:
    themes = _tables(section)[2]
    rows = _rows(themes)
    assert rows[0] == ["Practice theme", "Reviews raising it"]
    assert rows[1:] == THEMES
    for row in themes.rows:
        assert row.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_no_recommendations_is_said_in_a_line_not_a_table() -> None:
    section = _section(_paper(_without_recommendations()))
    assert "No case review has recommendations recorded yet." in _texts(section)
    assert [_caption(t, "Caption") for t in _tables(section)] == [
        "Case reviews",
        "Practice themes",
    ]


def test_no_practice_theme_is_said_in_a_line_not_a_table_of_noughts() -> None:
    plan = with_case_reviews()
    reviews = tuple(attrs.evolve(r, themes=()) for r in plan.case_reviews)
    section = _section(_paper(attrs.evolve(plan, case_reviews=reviews)))
    assert _texts(section)[-1] == "No case review records its practice themes yet."
    assert "Practice themes" not in [_caption(t, "Caption") for t in _tables(section)]


def test_a_plan_without_case_reviews_has_no_section() -> None:
    paper = _paper(two_reviews())
    assert HEADING not in [p.text for p in paper.paragraphs]
    assert _section(paper) == []
    captions = [_caption(t, "Caption") for t in paper.tables]
    assert "Case reviews" not in captions
    assert "Practice themes" not in captions


def _package_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "\n".join(
            package.read(name).decode()
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        )


def test_public_paper_never_names_a_restricted_subject() -> None:
    plan = with_case_reviews()
    board = _package_text(_bytes(plan, "docx"))
    public = _package_text(_bytes(plan, "docx", audience="public"))
    for subject in SUBJECTS:
        assert subject in board
        assert subject not in public
    section = _section(_paper(plan, audience="public"))
    first = _rows(_tables(section)[0])[1][0]
    assert first == "Rapid review of a serious incident\nRapid review."
    assert NOTIFIED_LATE in _tables(section)[0].rows[1].cells[1].text


def test_public_paper_names_a_subject_the_plan_does_not_restrict() -> None:
    plan = with_case_reviews()
    national = attrs.evolve(
        plan.case_reviews[2], subject="Families in the national review", subject_restricted=False
    )
    plan = attrs.evolve(plan, case_reviews=(*plan.case_reviews[:2], national))
    rows = _rows(_tables(_section(_paper(plan, audience="public")))[0])
    assert rows[3][0].endswith("National review. Subject: Families in the national review.")


# --- the tracker --------------------------------------------------------------------------------


def _book(plan: sp.Plan, **kwargs: Any) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(_bytes(plan, "xlsx", **kwargs)))


@pytest.fixture(scope="module")
def book() -> Workbook:
    return _book(with_case_reviews())


def test_reviews_sheet_comes_after_the_key_and_the_data_sheet_stays_last(book: Workbook) -> None:
    assert book.sheetnames == [
        tracker.SUMMARY,
        tracker.ACTIONS,
        tracker.KEY,
        tracker.REVIEWS,
        tracker.DATA,
    ]
    states = [book[name].sheet_state for name in book.sheetnames]
    assert states == ["visible", "visible", "visible", "visible", "hidden"]


def test_reviews_sheet_gives_each_review_in_a_row(book: Workbook) -> None:
    rows = list(book[tracker.REVIEWS].iter_rows(values_only=True))
    assert rows[0] == (
        "Review",
        "Kind",
        "Subject",
        "Status",
        "Dates",
        "Timeliness",
        "Practice themes",
        "Recommendations",
    )
    rapid = rows[1]
    assert rapid[:4] == (
        "Rapid review of a serious incident",
        "Rapid review",
        "Child K",
        "Completed",
    )
    assert rapid[4].split("\n") == [
        "Incident: 29 November 2021",
        "Became aware: 1 December 2021",
        "National panel notified: 10 December 2021",
        "Rapid review completed: 23 December 2021",
    ]
    assert rapid[5].split("\n")[0] == NOTIFIED_LATE
    assert rapid[6].split("\n") == [
        "Understanding what the child's daily life is like",
        "Sharing information in a timely and appropriate way",
    ]
    assert rapid[7] == "R1: Publish what the review found – Implemented"
    local = rows[2]
    assert local[:4] == (
        "Local review: support for families with newborn babies",
        "Local child safeguarding practice review",
        "Baby L",
        "In progress",
    )
    assert local[7] == "R1: Run the safeguarding assembly on safe sleep – 0 of 1 action complete"
    # Nothing known is an empty cell, never "None".
    assert rows[3] == (
        "'Out of Routine'",
        "National review",
        None,
        "Published",
        "Published: September 2020",
        None,
        "Working with families where their engagement is reluctant and sporadic",
        None,
    )


def test_recommendations_follow_the_reviews_after_a_blank_row(book: Workbook) -> None:
    rows = [row[:5] for row in book[tracker.REVIEWS].iter_rows(values_only=True)]
    assert rows[4] == (None,) * 5
    assert rows[5:] == [
        ("Review", "Recommendation ID", "Recommendation", "Plan actions", "Progress"),
        (
            "Rapid review of a serious incident",
            "R1",
            "Publish what the review found",
            "1.1 Complete",
            "Implemented",
        ),
        (
            "Local review: support for families with newborn babies",
            "R1",
            "Run the safeguarding assembly on safe sleep",
            "1.2 In progress",
            "0 of 1 action complete",
        ),
    ]


def test_reviews_sheet_wraps_its_text_under_a_frozen_header(book: Workbook) -> None:
    sheet = book[tracker.REVIEWS]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet["E2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height > sheet.row_dimensions[4].height  # four dates
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["A"].width


def test_summary_sheet_gives_the_learning_summary(book: Workbook) -> None:
    lines = [row[0] for row in book[tracker.SUMMARY].iter_rows(values_only=True)]
    assert f"{SUMMARY} The Reviews sheet lists them." in lines


def test_without_recommendations_the_sheet_has_only_the_reviews() -> None:
    rows = list(_book(_without_recommendations())[tracker.REVIEWS].iter_rows(values_only=True))
    assert len(rows) == 4
    assert [row[7] for row in rows[1:]] == [None, None, None]


def test_a_plan_without_case_reviews_has_no_reviews_sheet() -> None:
    book = _book(two_reviews())
    assert book.sheetnames == [tracker.SUMMARY, tracker.ACTIONS, tracker.KEY, tracker.DATA]
    lines = [row[0] or "" for row in book[tracker.SUMMARY].iter_rows(values_only=True)]
    assert not [line for line in lines if "case review" in line]


def _cells(book: Workbook) -> list[str]:
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]


def test_public_tracker_never_names_a_restricted_subject() -> None:
    plan = with_case_reviews()
    board = "\n".join(_cells(_book(plan)))
    public_book = _book(plan, audience="public")
    public = "\n".join(_cells(public_book))
    for subject in SUBJECTS:
        assert subject in board
        assert subject not in public
    rows = list(public_book[tracker.REVIEWS].iter_rows(values_only=True))
    assert [row[2] for row in rows[1:4]] == [None, None, None]
    assert rows[1][5].split("\n")[0] == NOTIFIED_LATE


def test_a_tracker_with_case_reviews_still_imports() -> None:
    plan = with_case_reviews()
    data = io.BytesIO(_bytes(plan, "xlsx"))
    imported = sp.import_xlsx(plan, data, "2022-05", date(2022, 4, 30))
    assert imported.reviews[-1].id == "2022-05"
    assert set(imported.reviews[-1].updates) == {"1.1", "1.2"}


def test_review_text_is_cleaned_and_too_long_text_is_an_error() -> None:
    plan = with_case_reviews()
    rapid = attrs.evolve(plan.case_reviews[0], title="Rapid review\x07of a serious incident")
    cleaned = attrs.evolve(plan, case_reviews=(rapid, *plan.case_reviews[1:]))
    title = _book(cleaned)[tracker.REVIEWS]["A2"].value
    assert title == f"Rapid review{REPLACEMENT}of a serious incident"

    long = attrs.evolve(plan.case_reviews[0], title="x" * (tracker.CELL_LIMIT + 1))
    too_long = attrs.evolve(plan, case_reviews=(long, *plan.case_reviews[1:]))
    with pytest.raises(sp.ExporterError, match="case review 'RR-2021-03': its title is 32,768"):
        _bytes(too_long, "xlsx")

"""The ``xlsx`` tracker, read back with openpyxl and checked against the layout contract."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from conftest import larger_plan, two_reviews
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.chart import BarChart
from openpyxl.utils import range_boundaries
from openpyxl.workbook.workbook import Workbook
from strategies import NASTY_SNIPPETS, ids, texts

import safeguarding_plan as sp
from safeguarding_plan.formats import palette
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.formats.xlsx import workbook
from safeguarding_plan.model.plan import Audience
from safeguarding_plan.reporting.contents import WITHHELD
from safeguarding_plan.text import clean

FORMULA = '=HYPERLINK("http://example.org","x")'
WORDS = ("Good progress", "Some progress", "Limited progress", "No progress")


def _bytes(
    plan: sp.Plan, *, review: str | None = None, audience: Audience = "board", **options: Any
) -> bytes:
    out = io.BytesIO()
    manager = sp.get_plugin_manager(autoload=False)
    sp.export(
        plan, "xlsx", out, review=review, audience=audience, plugin_manager=manager, options=options
    )
    return out.getvalue()


def _book(plan: sp.Plan, *, read_only: bool = False, **kwargs: Any) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(_bytes(plan, **kwargs)), read_only=read_only)


def _records(book: Workbook) -> list[dict[str, Any]]:
    """The Actions sheet's data rows, each by its column's header."""
    rows = list(book[tracker.ACTIONS].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _by_id(book: Workbook) -> dict[str, dict[str, Any]]:
    return {row[tracker.ACTION_ID]: row for row in _records(book)}


def _data(book: Workbook) -> list[tuple[Any, Any]]:
    return [(a, b) for a, b in book[tracker.DATA].iter_rows(values_only=True)]


def _column(name: str) -> str:
    return "ABCDEFGHIJ"[tracker.COLUMNS.index(name)]


def _range(book: Workbook, source: str) -> list[Any]:
    """The values of a ``'Sheet'!$A$1:$A$4`` range (a formula as written, ``=`` or not)."""
    sheet, cells = source.lstrip("=").rsplit("!", 1)
    first_column, first_row, last_column, last_row = range_boundaries(cells.replace("$", ""))
    assert first_column == last_column
    rows = book[sheet.strip("'")].iter_rows(
        min_row=first_row, max_row=last_row, min_col=first_column, max_col=last_column
    )
    return [row[0].value for row in rows]


# --- the Birmingham tracker ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(birmingham: sp.Plan) -> Workbook:
    return _book(birmingham)


def test_sheets_in_order_with_the_data_sheet_hidden(book: Workbook) -> None:
    # Birmingham has measures, beside its actions, and case reviews, listed before the hidden
    # data.
    assert book.sheetnames == [
        tracker.SUMMARY,
        tracker.ACTIONS,
        tracker.MEASURES,
        tracker.KEY,
        tracker.REVIEWS,
        tracker.DATA,
    ]
    assert [book[name].sheet_state for name in book.sheetnames] == [
        "visible",
        "visible",
        "visible",
        "visible",
        "visible",
        "hidden",
    ]
    assert book.active is not None
    assert book.active.title == tracker.SUMMARY


def test_actions_table_covers_the_header_and_every_action(book: Workbook) -> None:
    sheet = book[tracker.ACTIONS]
    assert list(sheet.tables) == [tracker.ACTIONS_TABLE]
    table = sheet.tables[tracker.ACTIONS_TABLE]
    assert table.displayName == tracker.ACTIONS_TABLE
    assert table.ref == "A1:J34"  # the header and 33 actions
    assert table.headerRowCount == 1
    assert table.autoFilter is not None
    assert table.autoFilter.ref == "A1:J34"  # filter buttons on every column
    assert table.tableStyleInfo is not None
    assert table.tableStyleInfo.name
    assert table.column_names == list(tracker.COLUMNS)
    assert [cell.value for cell in sheet[1]] == list(tracker.COLUMNS)
    assert sheet.max_row == 34


def test_every_action_in_plan_order(book: Workbook, birmingham: sp.Plan) -> None:
    records = _records(book)
    assert [r[tracker.ACTION_ID] for r in records] == [a.id for a in birmingham.actions]
    priority_of = {a.id: p.id for p in birmingham.priorities for a in p.actions}
    assert [r[tracker.PRIORITY] for r in records] == [priority_of[a.id] for a in birmingham.actions]
    assert [r[tracker.ACTION] for r in records] == [a.text for a in birmingham.actions]
    assert [r[tracker.LEAD] for r in records] == [a.lead for a in birmingham.actions]
    assert {r[tracker.PROGRESS] for r in records} <= {p.label for p in sp.Progress}
    assert {r[tracker.RATING] for r in records} <= set(WORDS)
    assert {r[tracker.PREVIOUS_RATING] for r in records} == {None}  # the first review


def test_the_row_of_action_1_6(book: Workbook) -> None:
    row = _by_id(book)["1.6"]
    assert row == {
        tracker.PRIORITY: "1",
        tracker.ACTION_ID: "1.6",
        tracker.ACTION: "The BSCP to redesign its website and improve its communications and "
        "social media capacity by November 2021 to improve engagement with children, families "
        "and practitioners",
        tracker.LEAD: "Business Unit",
        tracker.DUE: "by November 2021",
        tracker.DUE_DATE: datetime(2021, 11, 30),
        tracker.PROGRESS: "Not started",
        tracker.RATING: "Limited progress",
        tracker.UPDATE: "Website redesign will commence in 2022/23.",
        tracker.PREVIOUS_RATING: None,
    }


def test_due_dates_are_date_cells_and_empty_when_unknown(book: Workbook) -> None:
    sheet = book[tracker.ACTIONS]
    column = tracker.COLUMNS.index(tracker.DUE_DATE) + 1
    cells = {row[1].value: row[column - 1] for row in sheet.iter_rows(min_row=2)}
    assert cells["1.1"].value == datetime(2021, 4, 22)
    assert cells["1.1"].is_date
    assert cells["1.1"].number_format == "dd/mm/yyyy"
    assert cells["1.4"].value == datetime(2021, 5, 31)  # "Spring 2021": its last day
    for unknown in ("1.2", "1.3", "1.8", "3.1", "4.2", "4.7", "4.8"):
        assert cells[unknown].value is None
    dated = [c for c in cells.values() if c.value is not None]
    assert len(dated) == 26
    assert all(isinstance(c.value, datetime) and c.is_date for c in dated)


def test_progress_and_rating_are_drop_downs_listed_on_the_key_sheet(book: Workbook) -> None:
    validations = book[tracker.ACTIONS].data_validations.dataValidation
    by_range = {str(v.sqref): v for v in validations}
    progress = by_range[f"{_column(tracker.PROGRESS)}2:{_column(tracker.PROGRESS)}34"]
    rating = by_range[f"{_column(tracker.RATING)}2:{_column(tracker.RATING)}34"]
    for validation in (progress, rating):
        assert validation.type == "list"
        assert validation.formula1.lstrip("=").startswith("'Key'!$")  # a range, not "a,b,c"
        assert validation.allow_blank
        assert validation.showErrorMessage
    assert _range(book, progress.formula1) == [p.label for p in sp.Progress]
    assert _range(book, rating.formula1) == list(WORDS)


def test_rating_cells_are_coloured_by_their_rating(book: Workbook, birmingham: sp.Plan) -> None:
    formats = book[tracker.ACTIONS].conditional_formatting
    column = _column(tracker.RATING)
    rules = [
        rule for cf in formats for rule in cf.rules if str(cf.sqref) == f"{column}2:{column}34"
    ]
    assert len(rules) == len(birmingham.ratings)
    for rule, rating in zip(rules, birmingham.ratings, strict=True):
        assert rule.type == "expression"
        (formula,) = rule.formula
        source = re.fullmatch(rf"EXACT\(\${column}2,('Key'!\$B\$\d+)\)", formula)
        assert source is not None, formula
        assert _range(book, source.group(1)) == [rating.label]
        assert rule.dxf.fill.fgColor.rgb.endswith(palette.RAG_FILL[rating.rag])
    # The colour only adds to the words, which stay in the cell.
    assert _by_id(book)["1.6"][tracker.RATING] == "Limited progress"


def test_key_sheet_gives_the_scale_and_the_progress_words(
    book: Workbook, birmingham: sp.Plan
) -> None:
    rows = list(book[tracker.KEY].iter_rows(values_only=True))
    assert rows[0][:4] == ("Symbol", "Rating", "RAG", "Meaning")
    assert [row[:4] for row in rows[1:5]] == [
        (r.symbol, r.label, r.rag.label, r.meaning) for r in birmingham.ratings
    ]
    assert [row[1] for row in rows[1:5]] == list(WORDS)
    assert [row[5] for row in rows] == ["Progress", *(p.label for p in sp.Progress)]


def test_tracker_data_holds_the_metadata_in_order(book: Workbook) -> None:
    assert _data(book) == [
        ("format", tracker.FORMAT),
        ("partnership", "Birmingham Safeguarding Children Partnership"),
        ("plan", "Business Improvement Plan"),
        ("period", "2021/23"),
        ("review", "2022-02"),
        ("new review", None),  # empty text reads back as no value
        ("lead", None),
        ("actions", None),  # a lead's form lists the actions it was sent with
        ("audience", "board"),
        ("measures", str(book[tracker.MEASURES].max_row - 1)),  # its rows of measures
    ]
    assert [key for key, _ in _data(book)] == list(tracker.META_KEYS)
    sheet = book[tracker.DATA]
    assert {c.data_type for row in sheet.iter_rows() for c in row if c.value is not None} == {"s"}


def _summary_rows(book: Workbook) -> list[tuple[Any, ...]]:
    return list(book[tracker.SUMMARY].iter_rows(values_only=True))


def test_summary_gives_the_headline_and_the_table_by_priority(book: Workbook) -> None:
    rows = _summary_rows(book)
    firsts = [row[0] for row in rows]
    assert firsts[:3] == [
        "Business Improvement Plan 2021/23: February 2022 – Update",
        "Birmingham Safeguarding Children Partnership",
        "Progress as at 31 January 2022",
    ]
    assert (
        "The Plan has 4 strategic priorities and 33 actions. At the end of January 2022, "
        "73% of the actions have been completed." in firsts
    )
    assert "20 actions were due by 31 January 2022; 15 of them are complete." in firsts
    assert (
        "Leads may change Due, Due date, Progress, Rating and Update on the Actions sheet; "
        "the plan file owns the other columns." in firsts
    )
    header = firsts.index("Priority")
    assert rows[header] == ("Priority", "Title", "Actions", "Complete", "% complete", "Ratings")
    table = rows[header + 1 : header + 6]
    assert [row[0] for row in table] == ["1", "2", "3", "4", "All priorities"]
    assert [row[2:4] for row in table] == [(10, 9), (10, 7), (5, 3), (8, 5), (33, 24)]
    assert [row[4] for row in table] == pytest.approx([0.9, 0.7, 0.6, 0.625, 24 / 33])
    assert table[0][1] == (
        "Strong Leadership and Strong Partnership demonstrating effective Accountability"
    )
    assert table[0][5] == "9 good progress, 1 limited progress"
    assert table[4][5] == "27 good progress, 2 some progress, 3 limited progress, 1 no progress"
    sheet = book[tracker.SUMMARY]
    percent = sheet.cell(row=header + 2, column=5)
    assert isinstance(percent.value, float)
    assert percent.number_format == "0%"


def test_summary_counts_each_rating_in_words(book: Workbook, birmingham: sp.Plan) -> None:
    rows = _summary_rows(book)
    start = [row[:3] for row in rows].index(("Symbol", "Rating", "Actions"))
    counts = [row[:3] for row in rows[start + 1 : start + 6]]
    assert counts == [
        ("😊", "Good progress", 27),
        ("😐", "Some progress", 2),
        ("☹️", "Limited progress", 3),
        ("😞", "No progress", 1),
        (None, "Not yet rated", 0),
    ]


def test_summary_charts_percent_complete_by_priority(book: Workbook) -> None:
    sheet = book[tracker.SUMMARY]
    (chart,) = sheet._charts
    assert isinstance(chart, BarChart)

    def words(title: Any) -> str:
        return "".join(run.t for p in title.tx.rich.p for run in p.r or ())

    assert words(chart.title) == "Actions complete by priority"
    assert words(chart.x_axis.title) == "Priority"
    assert words(chart.y_axis.title) == "% complete"
    (series,) = chart.series
    header = [row[0] for row in _summary_rows(book)].index("Priority") + 1
    first, last = header + 1, header + 4
    assert series.val.numRef.f == f"'Summary'!$E${first}:$E${last}"
    assert series.cat.numRef is not None or series.cat.strRef is not None
    categories = series.cat.numRef or series.cat.strRef
    assert categories.f == f"'Summary'!$A${first}:$A${last}"
    assert series.tx.strRef.f.replace("$", "") == f"'Summary'!E{header}"


def test_actions_sheet_prints_landscape_one_page_wide_with_its_header(book: Workbook) -> None:
    sheet = book[tracker.ACTIONS]
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_long_columns_are_wide_and_wrap(book: Workbook) -> None:
    sheet = book[tracker.ACTIONS]
    widths = {name: sheet.column_dimensions[_column(name)].width for name in tracker.COLUMNS}
    assert widths[tracker.ACTION] >= 40
    assert widths[tracker.UPDATE] >= 40
    narrow = [w for name, w in widths.items() if name not in (tracker.ACTION, tracker.UPDATE)]
    assert all(8 <= width <= 25 for width in narrow)
    for row in sheet.iter_rows(min_row=2):
        for name in (tracker.ACTION, tracker.LEAD, tracker.UPDATE):
            assert row[tracker.COLUMNS.index(name)].alignment.wrap_text


def test_rows_are_as_tall_as_their_wrapped_text(book: Workbook) -> None:
    sheet = book[tracker.ACTIONS]
    number = {row[1].value: row[1].row for row in sheet.iter_rows(min_row=2)}
    heights = {action: sheet.row_dimensions[row].height for action, row in number.items()}
    # 1.1 is two lines of action text; 2.1's action and update take several.
    assert heights["1.1"] is not None
    assert heights["2.1"] is not None
    assert heights["1.1"] >= 2 * workbook.LINE
    assert heights["2.1"] >= 5 * workbook.LINE
    assert heights["2.1"] > heights["1.1"]


def test_height_follows_the_lines_of_wrapped_text() -> None:
    assert workbook.height(("short",), ("text",), (20,)) is None
    assert workbook.height(("word " * 200,), ("plain",), (20,)) is None  # not wrapped
    four = workbook.height(("a\nb\nc\nd",), ("text",), (20,))
    assert four == 4 * workbook.LINE + 2
    long = workbook.height(("word " * 60,), ("text",), (20,))
    assert long is not None
    assert long > four
    assert workbook.height(("x" * 100_000,), ("text",), (10,)) == workbook.MOST


def test_a_row_is_as_tall_as_libreoffice_lays_its_text_out() -> None:
    # Birmingham's second priority in the Summary's Title column, 35 wide: LibreOffice, whose
    # width unit is a digit of 10-point Arial, lays it out in three lines.
    title = "Continuously Improve Child Safeguarding Practice across the system and in all agencies"
    points = workbook.height((title,), ("text",), (35,))
    assert points is not None
    assert points >= 3 * workbook.LINE
    # The whole plan's ratings, in bold in the Ratings column, 31 wide: three lines too.
    ratings = "27 good progress, 2 some progress, 3 limited progress, 1 no progress"
    points = workbook.height((ratings,), ("total",), (31,))
    assert points is not None
    assert points >= 3 * workbook.LINE


# --- text is text -------------------------------------------------------------------------------


def _plan_with(
    text: str,
    note: str,
    lead: str = "Lead",
    *,
    label: str = "Limited progress",
    action_id: str = "1.1",
    priority_id: str = "1",
    review_id: str = "r1",
) -> sp.Plan:
    scale = sp.RatingScale(
        ratings=(
            sp.Rating("good", "Good progress", sp.Rag.GREEN, 0, symbol="😊"),
            sp.Rating("bad", label, sp.Rag.RED, 1, symbol="☹️", meaning=text),
        )
    )
    return sp.Plan(
        partnership=sp.Partnership(name=text),
        title=text,
        ratings=scale,
        priorities=(
            sp.Priority(
                id=priority_id,
                title=text,
                actions=(
                    sp.Action(
                        id=action_id, text=text, lead=lead, due=sp.Due(text, date(2022, 3, 31))
                    ),
                ),
            ),
        ),
        reviews=(
            sp.Review(
                id=review_id,
                title=text,
                as_of=date(2022, 1, 31),
                updates={
                    action_id: sp.ActionUpdate(
                        progress=sp.Progress.IN_PROGRESS, rating="bad", note=note
                    )
                },
            ),
        ),
    )


@pytest.mark.parametrize("read_only", [False, True])
def test_a_formula_is_stored_and_read_back_as_text(read_only: bool) -> None:
    book = _book(_plan_with(FORMULA, FORMULA, lead="#N/A"), read_only=read_only)
    rows = list(book[tracker.ACTIONS].iter_rows(min_row=2))
    cells = dict(zip(tracker.COLUMNS, rows[0], strict=True))
    for name in (tracker.ACTION, tracker.DUE, tracker.UPDATE):
        assert cells[name].value == FORMULA
        assert cells[name].data_type == "s"
    assert cells[tracker.LEAD].value == "#N/A"  # not Excel's error value
    assert cells[tracker.LEAD].data_type == "s"
    if not read_only:  # Excel keeps it text when someone edits the cell
        assert cells[tracker.UPDATE].quotePrefix
    summary = next(book[tracker.SUMMARY].iter_rows(max_row=1))
    assert summary[0].value == f"{FORMULA}: {FORMULA}"  # the plan's title: the review's
    assert summary[0].data_type == "s"


def test_no_cell_of_the_workbook_is_a_formula() -> None:
    data = _bytes(_plan_with(FORMULA, "=1+1", lead="=SUM(A1:A9)"))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 4
        for name in sheets:
            assert b"<f>" not in package.read(name)
            assert b"<f " not in package.read(name)


hostile = st.one_of(
    texts(),
    st.lists(st.sampled_from(NASTY_SNIPPETS), min_size=1, max_size=8).map("".join),
)


@settings(max_examples=40)
@given(
    st.fixed_dictionaries(
        {
            "text": hostile,
            "note": hostile,
            "lead": hostile,
            "label": texts(long=False),
            "action_id": ids(),
            "priority_id": ids(),
            "review_id": ids(),
        }
    )
)
def test_hostile_text_exports_and_reads_back_sanitised(drawn: dict[str, str]) -> None:
    text, note, lead, label = drawn["text"], drawn["note"], drawn["lead"], drawn["label"]
    data = _bytes(
        _plan_with(
            text,
            note,
            lead,
            label=label,
            action_id=drawn["action_id"],
            priority_id=drawn["priority_id"],
            review_id=drawn["review_id"],
        )
    )
    for read_only in (False, True):
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=read_only)
        rows = list(book[tracker.ACTIONS].iter_rows(values_only=True))
        assert rows[0] == tracker.COLUMNS
        assert rows[1] == (
            clean(drawn["priority_id"]),
            clean(drawn["action_id"]),
            clean(text),
            clean(lead),
            clean(text),
            datetime(2022, 3, 31),
            "In progress",
            clean(label),
            clean(note),
            None,
        )
        summary = [row[0] if row else None for row in book[tracker.SUMMARY].iter_rows()]
        summary = [getattr(cell, "value", None) for cell in summary]
        title = clean(f"{text}: {text}")  # the plan's title: the review's
        assert summary[:3] == [title, clean(text), "Progress as at 31 January 2022"]
        assert clean(drawn["priority_id"]) in summary
        key = list(book[tracker.KEY].iter_rows(values_only=True))
        assert key[2][1:4] == (clean(label), "Red", clean(text))
        assert _data(book)[1:5] == [
            ("partnership", clean(text)),
            ("plan", clean(text)),
            ("period", None),
            ("review", clean(drawn["review_id"])),
        ]
        if not read_only:
            sheet = book[tracker.ACTIONS]
            assert {c.data_type for c in sheet[2] if isinstance(c.value, str)} == {"s"}
            assert sheet.tables[tracker.ACTIONS_TABLE].ref == "A1:J2"


def test_control_characters_never_drop_a_field() -> None:
    text = "Audit\x00of\x07the\x1b[31mplan\ufffe\x7f\r\nnext"
    record = _records(_book(_plan_with(text, "note\x0bwith\x0cbreaks\rend")))[0]
    assert record[tracker.ACTION] == "Audit\ufffdof\ufffdthe\ufffd[31mplan\ufffd\ufffd\nnext"
    assert record[tracker.UPDATE] == "note\ufffdwith\ufffdbreaks\nend"


def test_leading_and_trailing_space_and_line_breaks_survive() -> None:
    text = "  two spaces first\n\nand a blank line, a tab\tand space last  "
    record = _records(_book(_plan_with(text, "\n")))[0]
    assert record[tracker.ACTION] == text
    assert record[tracker.UPDATE] == "\n"


# --- text longer than a cell holds --------------------------------------------------------------


def test_text_of_exactly_a_cells_limit_is_written_whole() -> None:
    note = ("Update on the multi-agency audit. " * 1000)[: tracker.CELL_LIMIT]
    record = _records(_book(_plan_with("Audit", note)))[0]
    assert record[tracker.UPDATE] == note
    assert len(record[tracker.UPDATE]) == 32_767


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (
            _plan_with("Audit", "x" * 40_000),
            "action '1.1': its update is 40,000 characters; an Excel cell holds at most 32,767",
        ),
        (
            _plan_with("Audit", "note", lead="y" * 32_768),
            "action '1.1': its lead is 32,768 characters; an Excel cell holds at most 32,767",
        ),
        (
            # Excel counts an emoji as two characters, as UTF-16 stores it.
            _plan_with("Audit", "😊" * 16_384),
            "action '1.1': its update is 32,768 characters; an Excel cell holds at most 32,767",
        ),
        (
            _plan_with("Audit", "note", label="z" * 33_000),
            "rating 'bad': its label is 33,000 characters; an Excel cell holds at most 32,767",
        ),
    ],
)
def test_text_longer_than_a_cell_is_an_error_never_cut(plan: sp.Plan, message: str) -> None:
    with pytest.raises(sp.ExporterError) as caught:
        _bytes(plan)
    assert str(caught.value) == message


def test_an_over_long_plan_title_is_named() -> None:
    plan = attrs.evolve(_plan_with("Audit", "note"), title="t" * 40_000)
    with pytest.raises(sp.ExporterError, match=r"^the plan's title is 40,000 characters"):
        _bytes(plan)


def test_a_failed_export_leaves_an_earlier_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "tracker.xlsx"
    target.write_bytes(b"earlier")
    with pytest.raises(sp.ExporterError, match="its update is 40,000 characters"):
        sp.export(
            _plan_with("Audit", "x" * 40_000),
            "xlsx",
            target,
            plugin_manager=sp.get_plugin_manager(autoload=False),
        )
    assert target.read_bytes() == b"earlier"
    assert list(tmp_path.iterdir()) == [target]


def test_a_failure_part_way_through_is_one_clean_error(
    birmingham: sp.Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    def broken(values: Any, *_args: Any) -> None:
        if values and values[0] == "2":  # the Summary and some actions are already written
            raise RuntimeError("disk full")

    monkeypatch.setattr(workbook, "height", broken)
    with pytest.raises(sp.ExporterError, match=r"^exporter 'xlsx' \(built-in\) failed: Runt"):
        _bytes(birmingham)
    gc.collect()  # a sheet left open would complain here, failing the test


# --- a tracker for one lead ---------------------------------------------------------------------


def test_a_leads_tracker_lists_only_their_actions(birmingham: sp.Plan) -> None:
    book = _book(birmingham, lead="Business Unit")
    records = _records(book)
    expected = [a.id for a in birmingham.actions if a.lead == "Business Unit"]
    assert len(expected) == 12
    assert [r[tracker.ACTION_ID] for r in records] == expected
    assert {r[tracker.LEAD] for r in records} == {"Business Unit"}
    sheet = book[tracker.ACTIONS]
    assert sheet.tables[tracker.ACTIONS_TABLE].ref == "A1:J13"
    ranges = {str(v.sqref) for v in sheet.data_validations.dataValidation}
    assert ranges == {"G2:G13", "H2:H13"}
    assert {str(cf.sqref) for cf in sheet.conditional_formatting} == {"H2:H13"}
    assert dict(_data(book))["lead"] == "Business Unit"
    firsts = [row[0] for row in _summary_rows(book)]
    assert "The Actions sheet lists the 12 actions led by Business Unit." in firsts


def test_a_lead_with_commas_and_ampersands_is_matched_exactly(birmingham: sp.Plan) -> None:
    lead = "Quality, Impact & Outcomes Sub-Group"
    records = _records(_book(birmingham, lead=lead))
    assert [r[tracker.ACTION_ID] for r in records] == ["2.3", "2.4", "4.4"]
    assert [a.id for a in birmingham.actions if a.lead == lead] == ["2.3", "2.4", "4.4"]


def test_an_unknown_lead_is_an_error_with_a_suggestion(birmingham: sp.Plan) -> None:
    with pytest.raises(sp.ExporterError) as caught:
        _bytes(birmingham, lead="Busines Unit")
    message = str(caught.value)
    assert message.startswith(
        "option 'lead' of exporter 'xlsx': no action is led by 'Busines Unit' "
        "(did you mean 'Business Unit'?); the plan's leads are: 'Independent Chair'; "
    )
    assert "'Neglect Operations Group'" in message
    assert "\n" not in message
    with pytest.raises(sp.ExporterError, match="no action is led by 'business unit'"):
        _bytes(birmingham, lead="business unit")  # exactly as the plan writes it


def test_an_unknown_lead_in_a_plan_of_many_leads_is_still_one_line() -> None:
    actions = tuple(sp.Action(id=f"1.{n}", text="Act", lead=f"Lead number {n}") for n in range(30))
    plan = sp.Plan(
        partnership=sp.Partnership(name="Anytown"),
        title="Plan",
        ratings=sp.RATING_SCALES["rag"],
        priorities=(sp.Priority(id="1", title="One", actions=actions),),
    )
    with pytest.raises(sp.ExporterError) as caught:
        _bytes(plan, lead="Nobody")
    message = str(caught.value)
    assert message.endswith("'Lead number 18'; 'Lead number 19' and 10 more")
    assert "Lead number 20" not in message
    one = _book(plan, lead="Lead number 7")
    assert [r[tracker.ACTION_ID] for r in _records(one)] == ["1.7"]
    assert "The Actions sheet lists the 1 action led by Lead number 7." in [
        row[0] for row in _summary_rows(one)
    ]


# --- an update form for the next review ---------------------------------------------------------


def test_an_update_form_starts_from_the_current_review(birmingham: sp.Plan) -> None:
    current = _by_id(_book(birmingham))
    book = _book(birmingham, new_review="2022-05")
    form = _by_id(book)
    assert list(form) == list(current)
    for action_id, row in form.items():
        assert row[tracker.UPDATE] is None
        assert row[tracker.PROGRESS] == current[action_id][tracker.PROGRESS]
        assert row[tracker.RATING] == current[action_id][tracker.RATING]
        assert row[tracker.PREVIOUS_RATING] == current[action_id][tracker.RATING]
    assert form["1.6"][tracker.PREVIOUS_RATING] == "Limited progress"
    data = dict(_data(book))
    assert data["new review"] == "2022-05"
    assert data["review"] == "2022-02"


def test_an_update_form_for_one_lead(birmingham: sp.Plan) -> None:
    book = _book(birmingham, new_review="2022-05", lead="Executive Board")
    assert [r[tracker.ACTION_ID] for r in _records(book)] == ["1.5", "2.1", "2.2", "4.1"]
    data = dict(_data(book))
    assert (data["new review"], data["lead"]) == ("2022-05", "Executive Board")


def test_previous_rating_is_the_previous_reviews_and_a_forms_is_the_current() -> None:
    plan = two_reviews()
    board = _by_id(_book(plan))
    assert board["1.1"][tracker.RATING] == "Good progress"
    assert board["1.1"][tracker.PREVIOUS_RATING] == "Some progress"
    assert board["1.2"][tracker.PREVIOUS_RATING] == "Good progress"
    assert board["1.2"][tracker.UPDATE] == "Postponed"
    form = _by_id(_book(plan, new_review="2022-05"))
    assert form["1.1"][tracker.PREVIOUS_RATING] == "Good progress"
    assert form["1.2"][tracker.PREVIOUS_RATING] == "Limited progress"
    earlier = _by_id(_book(plan, review="2021-11"))
    assert earlier["1.1"][tracker.RATING] == "Some progress"
    assert earlier["1.1"][tracker.PREVIOUS_RATING] is None


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"lead": ""}, "option 'lead' of exporter 'xlsx' must be non-empty text"),
        ({"lead": 3}, "option 'lead' of exporter 'xlsx' must be non-empty text"),
        ({"new_review": ""}, "option 'new_review' of exporter 'xlsx' must be non-empty text"),
        ({"new_review": " \n"}, "option 'new_review' of exporter 'xlsx' must be non-empty text"),
        ({"new_review": 2022}, "option 'new_review' of exporter 'xlsx' must be non-empty text"),
        ({"new_review": "2022\n05"}, "option 'new_review' of exporter 'xlsx' must be one line"),
        (
            {"new_review": "2022-02"},
            "option 'new_review' of exporter 'xlsx': '2022-02' is the review the tracker shows",
        ),
        (
            {"new_review": "2022-05", "audience": "public"},
            "option 'new_review' of exporter 'xlsx' needs the board audience",
        ),
        ({"template": "house.xlsx"}, "exporter 'xlsx' takes no option 'template'"),
        (
            {"return_by": "2022-04-15"},
            "option 'return_by' of exporter 'xlsx' is for an update form: give new_review too",
        ),
        ({"return_by": "31/04/2022", "new_review": "2022-05"}, "option 'return_by' of exporter"),
    ],
)
def test_bad_options_are_one_clear_error(
    birmingham: sp.Plan, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(sp.ExporterError, match=re.escape(message)) as caught:
        _bytes(birmingham, **options)
    assert "\n" not in str(caught.value)


# --- other plans and audiences ------------------------------------------------------------------


def test_public_tracker_withholds_restricted_actions(birmingham: sp.Plan) -> None:
    priorities = tuple(
        attrs.evolve(
            p,
            actions=tuple(
                attrs.evolve(a, text="Name of a child at risk", restricted=True)
                if a.id == "2.9"
                else a
                for a in p.actions
            ),
        )
        for p in birmingham.priorities
    )
    plan = attrs.evolve(birmingham, priorities=priorities)
    assert _by_id(_book(plan))["2.9"][tracker.ACTION] == "Name of a child at risk"
    book = _book(plan, audience="public")
    row = _by_id(book)["2.9"]
    assert row[tracker.ACTION] == WITHHELD
    assert row[tracker.LEAD] is None
    assert row[tracker.UPDATE] is None
    assert dict(_data(book))["audience"] == "public"
    firsts = [r[0] for r in _summary_rows(book)]
    assert "Some actions and updates are not published in this version." in firsts
    assert not [line for line in firsts if line and line.startswith("Leads may change")]


def test_a_plan_without_reviews_is_unrated() -> None:
    plan = attrs.evolve(two_reviews(), reviews=())
    book = _book(plan)
    records = _records(book)
    assert [r[tracker.PROGRESS] for r in records] == ["Not started", "Not started"]
    assert [r[tracker.RATING] for r in records] == [None, None]
    assert dict(_data(book))["review"] is None


def test_a_plan_without_actions_still_has_its_table() -> None:
    plan = sp.Plan(
        partnership=sp.Partnership(name="Anytown"),
        title="Plan",
        ratings=sp.RATING_SCALES["rag"],
    )
    book = _book(plan)
    sheet = book[tracker.ACTIONS]
    assert sheet.tables[tracker.ACTIONS_TABLE].ref == "A1:J2"
    assert [c.value for c in sheet[1]] == list(tracker.COLUMNS)
    assert _records(book) == [dict.fromkeys(tracker.COLUMNS)]
    assert book[tracker.SUMMARY]._charts == []  # no priority to chart


def test_a_larger_plan_lists_every_action_once() -> None:
    plan = larger_plan(200, "brag")
    book = _book(plan, read_only=True)
    records = _records(book)
    assert [r[tracker.ACTION_ID] for r in records] == [a.id for a in plan.actions]
    assert [r[tracker.ACTION] for r in records] == [a.text for a in plan.actions]
    key = [row[1] for row in book[tracker.KEY].iter_rows(min_row=2, values_only=True)]
    assert key[: len(plan.ratings)] == [r.label for r in plan.ratings]


def test_a_path_target_is_written(birmingham: sp.Plan, tmp_path: Path) -> None:
    target = tmp_path / "tracker.xlsx"
    sp.export(birmingham, "xlsx", target, plugin_manager=sp.get_plugin_manager(autoload=False))
    book = openpyxl.load_workbook(target)
    assert len(_records(book)) == 33
    assert book.properties.creator == "Birmingham Safeguarding Children Partnership"
    assert book.properties.title == "Business Improvement Plan 2021/23: February 2022 – Update"


def test_the_exporter_is_registered_with_its_options() -> None:
    exporter = sp.get_plugin_manager(autoload=False).exporter("xlsx")
    assert exporter.suffix == ".xlsx"
    assert exporter.media_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert [option.name for option in exporter.options] == ["lead", "new_review", "return_by"]


def test_openpyxl_is_loaded_only_to_read_a_tracker_back(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import BIRMINGHAM

    code = (
        "import sys, io, safeguarding_plan as sp\n"
        "assert 'openpyxl' not in sys.modules, 'importing the package loaded openpyxl'\n"
        "m = sp.get_plugin_manager(autoload=False); m.exporters\n"
        "assert 'openpyxl' not in sys.modules, 'listing loaded openpyxl'\n"
        "plan = sp.load(sys.argv[1])\n"
        "for name in ('md', 'json', 'docx', 'xlsx'):\n"
        "    sp.export(plan, name, io.BytesIO(), plugin_manager=m)\n"
        "    assert 'openpyxl' not in sys.modules, name + ' loaded openpyxl'\n"
        "with open(sys.argv[2], 'wb') as out:\n"
        "    sp.export(plan, 'xlsx', out, plugin_manager=m, options={'new_review': '2022-05'})\n"
        "from safeguarding_plan.cli import main\n"
        "main(['import-xlsx', '--plan', sys.argv[1], sys.argv[2], '--review', '2022-05',"
        " '-o', sys.argv[3]])\n"
        "assert 'openpyxl' in sys.modules, 'reading a tracker back did not load openpyxl'\n"
    )
    form, merged = tmp_path / "form.xlsx", tmp_path / "merged.yaml"
    done = subprocess.run(
        [sys.executable, "-c", code, str(BIRMINGHAM), str(form), str(merged)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # The form was read, every row checked, before nothing filled in was reported.
    assert "nothing filled in on any of its 33 rows" in done.stderr


def test_the_tracker_from_the_command_line_imports_neither_openpyxl_nor_numpy(
    tmp_path: Path,
) -> None:
    # openpyxl's import is most of a small tracker's time, and it imports numpy whenever numpy
    # is installed (as on an analyst's machine, and here: pandas, which the benchmark's peers
    # use, needs it): the tracker is written without either.
    import importlib.util
    import subprocess
    import sys

    from conftest import BIRMINGHAM

    out = tmp_path / "tracker.xlsx"
    code = (
        "import contextlib, io, sys\n"
        "from safeguarding_plan.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['export', sys.argv[1], '-f', 'xlsx', '-o', sys.argv[2]]) == 0\n"
        "print(*sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(BIRMINGHAM), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    loaded = {name.split(".")[0] for name in done.stdout.split()}
    # openpyxl is always installed; numpy only where something else needs it.
    unwanted = {"openpyxl"} | ({"numpy"} if importlib.util.find_spec("numpy") else set())
    assert loaded.isdisjoint(unwanted), loaded & unwanted
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == [tracker.SUMMARY, tracker.ACTIONS]

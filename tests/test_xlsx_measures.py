"""The tracker's Measures sheet: what it shows of each measure, and import-xlsx reading the
figures typed into it back as the review's values."""

from __future__ import annotations

import io
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from impact_plan import IMPACT_PLAN
from strategies import measure_numbers, plans, texts

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.text import clean

MANAGER = sp.get_plugin_manager(autoload=False)
MAY = date(2023, 4, 30)
LETTERS = {name: "ABCDEFGHIJK"[n] for n, name in enumerate(tracker.MEASURE_COLUMNS)}


@pytest.fixture(scope="module")
def plan() -> sp.Plan:
    """Three measures over three reviews: a percentage, days and a rate."""
    return sp.loads(IMPACT_PLAN)


def _export(plan: sp.Plan, target: Path | io.BytesIO, **options: Any) -> Any:
    audience = options.pop("audience", "board")
    review = options.pop("review", None)
    sp.export(
        plan,
        "xlsx",
        target,
        review=review,
        audience=audience,
        plugin_manager=MANAGER,
        options=options,
    )
    return target


def _book(plan: sp.Plan, **options: Any) -> Any:
    out = _export(plan, io.BytesIO(), **options)
    out.seek(0)
    return openpyxl.load_workbook(out)


def _rows(book: Any) -> list[dict[str, Any]]:
    rows = list(book[tracker.MEASURES].iter_rows(values_only=True))
    assert list(rows[0]) == list(tracker.MEASURE_COLUMNS)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# --- the sheet ----------------------------------------------------------------------------------


def test_each_measure_at_the_latest_review_with_its_previous_value(plan: sp.Plan) -> None:
    book = _book(plan)
    assert book.sheetnames == [
        tracker.SUMMARY,
        tracker.ACTIONS,
        tracker.MEASURES,
        tracker.KEY,
        tracker.DATA,
    ]
    assert _rows(book) == [
        {
            tracker.MEASURE_ID: "rr-on-time",
            tracker.MEASURE: "Rapid reviews completed within 15 working days",
            tracker.UNIT: "percent",
            tracker.BASELINE: 60,
            tracker.TARGET: 90,
            tracker.BETTER: "Higher",
            tracker.VALUE: 80,
            tracker.NOTE: None,
            # November gave only a note: the figure before February's is August's.
            tracker.PREVIOUS_VALUE: 65,
            tracker.FROM_REVIEW: "August 2022 – Update",
            tracker.SOURCE: "Business Unit case review log",
        },
        {
            tracker.MEASURE_ID: "days-to-decision",
            tracker.MEASURE: "Working days from notification to decision",
            tracker.UNIT: "days",
            tracker.BASELINE: 21.5,
            tracker.TARGET: 15,
            tracker.BETTER: "Lower",
            tracker.VALUE: 16.5,
            tracker.NOTE: None,
            tracker.PREVIOUS_VALUE: 18,
            tracker.FROM_REVIEW: "November 2022 – Update",
            tracker.SOURCE: None,
        },
        {
            tracker.MEASURE_ID: "second-plans",
            tracker.MEASURE: "Children on a plan for neglect for a second time",
            tracker.UNIT: "per 10,000 children",
            tracker.BASELINE: 1.1,
            tracker.TARGET: None,
            tracker.BETTER: None,
            tracker.VALUE: 1.1,
            tracker.NOTE: None,
            tracker.PREVIOUS_VALUE: 1.25,
            tracker.FROM_REVIEW: "November 2022 – Update",
            tracker.SOURCE: "Children's social care",
        },
    ]


OUTCOMES_PAGE = Path(__file__).resolve().parent.parent / "docs" / "outcomes.md"


def _page_section() -> str:
    page = OUTCOMES_PAGE.read_text(encoding="utf-8")
    return page.split("## Measures in the tracker", 1)[1]


def _as_shown(value: Any, number_format: str) -> str:
    """A cell as Excel shows it: a number with its format's decimal places and commas."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        places = len(number_format.partition(".")[2])
        return f"{value:,.{places}f}"
    return str(value)


def test_the_outcomes_page_shows_the_sheet_as_it_is(plan: sp.Plan) -> None:
    lines = [line for line in _page_section().splitlines() if line.startswith("| ")]
    table = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    header, *rows = table
    sheet = _book(plan)[tracker.MEASURES]
    columns = [tracker.MEASURE_COLUMNS.index(name) + 1 for name in header]
    assert [
        [
            _as_shown(cell.value, cell.number_format)
            for cell in (sheet.cell(row, c) for c in columns)
        ]
        for row in range(2, 5)
    ] == rows


def test_numbers_are_number_cells_shown_as_the_plan_writes_them(plan: sp.Plan) -> None:
    sheet = _book(plan)[tracker.MEASURES]
    # 1.10 is the number 1.1, shown with its two places; an analyst's SUM adds them.
    formats = {
        (sheet.cell(row, 1).value, name): (
            sheet[f"{LETTERS[name]}{row}"].data_type,
            sheet[f"{LETTERS[name]}{row}"].number_format,
        )
        for row in (2, 3, 4)
        for name in (tracker.BASELINE, tracker.VALUE)
    }
    assert formats == {
        ("rr-on-time", tracker.BASELINE): ("n", "#,##0"),
        ("rr-on-time", tracker.VALUE): ("n", "#,##0"),
        ("days-to-decision", tracker.BASELINE): ("n", "#,##0.0"),
        ("days-to-decision", tracker.VALUE): ("n", "#,##0.0"),
        ("second-plans", tracker.BASELINE): ("n", "#,##0.00"),
        ("second-plans", tracker.VALUE): ("n", "#,##0.00"),
    }


def test_a_value_missing_at_the_review_is_empty_never_0(plan: sp.Plan) -> None:
    rows = {row[tracker.MEASURE_ID]: row for row in _rows(_book(plan, review="2022-11"))}
    first = rows["rr-on-time"]
    assert first[tracker.VALUE] is None
    assert first[tracker.NOTE] == "The log was not updated this quarter"
    assert (first[tracker.PREVIOUS_VALUE], first[tracker.FROM_REVIEW]) == (
        65,
        "August 2022 – Update",
    )
    assert rows["days-to-decision"][tracker.VALUE] == 18
    # August gave a figure and a note: the tracker of August shows both.
    august = {row[tracker.MEASURE_ID]: row for row in _rows(_book(plan, review="2022-08"))}
    assert (
        august["days-to-decision"][tracker.VALUE],
        august["days-to-decision"][tracker.NOTE],
    ) == (
        20,
        "4 reviews",
    )
    assert august["days-to-decision"][tracker.PREVIOUS_VALUE] is None  # none before August


def test_a_form_leaves_value_and_note_to_fill_in_and_protects_the_rest(plan: sp.Plan) -> None:
    book = _book(plan, new_review="2023-05")
    rows = _rows(book)
    assert [(r[tracker.VALUE], r[tracker.NOTE]) for r in rows] == [(None, None)] * 3
    # The form starts from February: its figures are the previous ones.
    assert [(r[tracker.PREVIOUS_VALUE], r[tracker.FROM_REVIEW]) for r in rows] == [
        (80, "February 2023 – Update"),
        (16.5, "February 2023 – Update"),
        (1.1, "February 2023 – Update"),
    ]
    sheet = book[tracker.MEASURES]
    assert sheet.protection.sheet
    assert not sheet.protection.password
    for number, name in enumerate(tracker.MEASURE_COLUMNS, start=1):
        for row in (2, 3, 4):
            locked = name not in tracker.MEASURE_EDITABLE
            assert sheet.cell(row, number).protection.locked is locked, (name, row)
    # A typed figure is a number: the Value cells are not text cells.
    assert {sheet[f"{LETTERS[tracker.VALUE]}{row}"].number_format for row in (2, 3, 4)} == {
        "General"
    }
    prompts = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert set(prompts) == {"G2:G4", "H2:H4"}
    assert prompts["G2:G4"].prompt == WORDS.value_prompt
    assert prompts["H2:H4"].prompt == WORDS.note_prompt
    for validation in prompts.values():
        assert validation.showInputMessage
        assert validation.promptTitle == WORDS.to_fill_in
        assert len(validation.prompt) <= 255  # Excel's most
    assert sheet.oddHeader.left.text.startswith("Yours to fill in: Value and Note.")
    summary = [row[0] for row in book[tracker.SUMMARY].iter_rows(values_only=True)]
    assert WORDS.measures_to_fill_in in summary
    assert WORDS.measures_editable not in summary


def test_a_board_tracker_says_its_figures_may_be_changed(plan: sp.Plan) -> None:
    summary = [row[0] for row in _book(plan)[tracker.SUMMARY].iter_rows(values_only=True)]
    assert WORDS.measures_editable in summary


def test_a_public_tracker_leaves_a_restricted_measure_out(plan: sp.Plan) -> None:
    restricted = attrs.evolve(
        plan,
        measures=tuple(attrs.evolve(m, restricted=m.id == "second-plans") for m in plan.measures),
    )
    public = _book(restricted, audience="public")
    assert [r[tracker.MEASURE_ID] for r in _rows(public)] == ["rr-on-time", "days-to-decision"]
    texts = [v for s in public.worksheets for row in s.iter_rows(values_only=True) for v in row]
    assert "Children on a plan for neglect for a second time" not in texts
    # The board's has it, and a public tracker of only restricted measures has no sheet.
    assert len(_rows(_book(restricted))) == 3
    hidden = attrs.evolve(
        plan, measures=tuple(attrs.evolve(m, restricted=True) for m in plan.measures)
    )
    assert tracker.MEASURES not in _book(hidden, audience="public").sheetnames


def test_a_leads_form_and_tracker_have_no_measures(plan: sp.Plan, tmp_path: Path) -> None:
    assert tracker.MEASURES not in _book(plan, lead="Business Unit").sheetnames
    assert tracker.MEASURES not in _book(plan, lead="Business Unit", new_review="x").sheetnames
    sent = sp.write_forms(
        plan, "2023-05", tmp_path / "forms", as_of=MAY, return_by=date(2023, 5, 14)
    )
    for form in sent.forms:
        assert tracker.MEASURES not in openpyxl.load_workbook(form.tracker).sheetnames


def test_a_plan_without_measures_has_no_sheet(plan: sp.Plan) -> None:
    assert tracker.MEASURES not in _book(attrs.evolve(plan, measures=())).sheetnames


def test_a_number_excel_would_change_is_refused_not_rounded(plan: sp.Plan) -> None:
    # A plan file holds at most 13 digits; one made in Python may hold more than Excel keeps.
    digits = [
        attrs.evolve(plan.measures[0], baseline=Decimal(text))
        for text in ("123456789.012345", "0.1234567890123456")
    ]
    kept = _book(attrs.evolve(plan, measures=(digits[0],)))  # 15 significant digits
    assert _rows(kept)[0][tracker.BASELINE] == 123456789.012345
    with pytest.raises(sp.ExporterError) as caught:
        _book(attrs.evolve(plan, measures=(digits[1],)))
    assert str(caught.value) == (
        "measure 'rr-on-time': its baseline is 0.1234567890123456, which Excel cannot hold as "
        "a number without changing it (it keeps 15 significant digits); write it with fewer "
        "digits"
    )


# --- reading it back ----------------------------------------------------------------------------


def _form(plan: sp.Plan, path: Path, **options: Any) -> Path:
    return _export(plan, path, new_review=options.pop("new_review", "2023-05"), **options)


def _type(path: Path, cells: dict[str, object], number_format: str | None = None) -> Path:
    """What a business manager types on the Measures sheet: ``{"G2": 75}``, saved."""
    book = openpyxl.load_workbook(path)
    sheet = book[tracker.MEASURES]
    for address, value in cells.items():
        sheet[address].value = value
        if isinstance(value, str) and not value.startswith("="):
            sheet[address].data_type = "s"  # typed as text, as an apostrophe first makes it
        if number_format is not None:
            sheet[address].number_format = number_format
    book.save(path)
    return path


def test_figures_typed_in_a_form_become_the_new_reviews_values(
    plan: sp.Plan, tmp_path: Path
) -> None:
    path = _type(
        _form(plan, tmp_path / "form.xlsx"),
        {"G2": "85%", "G3": 14.25, "H3": "5 reviews", "H4": "Not yet published"},
    )
    new = sp.import_xlsx(plan, path, "2023-05", MAY)
    assert new.reviews[:-1] == plan.reviews
    assert dict(new.reviews[-1].measures) == {
        "rr-on-time": sp.MeasureValue(Decimal("85")),
        "days-to-decision": sp.MeasureValue(Decimal("14.25"), "5 reviews"),
        "second-plans": sp.MeasureValue(None, "Not yet published"),
    }
    assert sp.loads(sp.dumps(new)) == new


def test_a_percentage_typed_as_excel_keeps_it_is_the_percentage(
    plan: sp.Plan, tmp_path: Path
) -> None:
    # Excel keeps 80% typed as 0.8 in a cell formatted as a percentage.
    path = _type(_form(plan, tmp_path / "form.xlsx"), {"G2": 0.805}, number_format="0.0%")
    new = sp.import_xlsx(plan, path, "2023-05", MAY)
    assert new.reviews[-1].measures["rr-on-time"].value == Decimal("80.5")


def test_a_tracker_imported_unchanged_gives_the_same_values(plan: sp.Plan, tmp_path: Path) -> None:
    path = _export(plan, tmp_path / "tracker.xlsx")
    new = sp.import_xlsx(plan, path, "2023-05", MAY)
    assert dict(new.reviews[-1].measures) == dict(plan.reviews[-1].measures)
    # At November, rr-on-time has only its note: it comes back so.
    path = _export(plan, tmp_path / "november.xlsx", review="2022-11")
    before = attrs.evolve(plan, reviews=plan.reviews[:2])
    new = sp.import_xlsx(before, path, "2023-05", MAY)
    assert dict(new.reviews[-1].measures) == dict(plan.reviews[1].measures)


def test_a_tracker_without_a_measures_sheet_imports_as_before(
    plan: sp.Plan, tmp_path: Path
) -> None:
    path = _form(plan, tmp_path / "form.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book[tracker.ACTIONS]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index(tracker.UPDATE) + 1).value = "Drafted"
    # A tracker written before trackers had measures: no sheet, and its data does not say.
    del book[tracker.MEASURES]
    data = book[tracker.DATA]
    for row in data.iter_rows():
        if row[0].value == tracker.META_MEASURES:
            row[1].value = None
    book.save(path)
    new = sp.import_xlsx(plan, path, "2023-05", MAY)
    assert dict(new.reviews[-1].measures) == {}
    assert new.reviews[-1].updates["1.1"].note == "Drafted"


def _refused(plan: sp.Plan, path: Path) -> list[str]:
    """The problems the import of ``path`` into May is refused with."""
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(plan, path, "2023-05", MAY)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("name", ["measures", "Measures ", None])
def test_a_measures_sheet_renamed_or_deleted_is_told_not_its_figures_left_out(
    plan: sp.Plan, tmp_path: Path, name: str | None
) -> None:
    path = _type(_form(plan, tmp_path / "form.xlsx"), {"G2": 50})
    book = openpyxl.load_workbook(path)
    if name is None:
        del book[tracker.MEASURES]
    else:
        book[tracker.MEASURES].title = name
    book.save(path)
    assert _refused(plan, path) == [
        f"{path}: the tracker was written with a 'Measures' sheet and has none; if it was "
        "renamed, give it back its name, or export the tracker again"
    ]


def test_a_measures_sheet_on_a_leads_form_is_told(plan: sp.Plan, tmp_path: Path) -> None:
    figures = openpyxl.load_workbook(_form(plan, tmp_path / "form.xlsx"))[tracker.MEASURES]
    lead = plan.actions[0].lead
    assert lead is not None
    path = _form(plan, tmp_path / "lead.xlsx", lead=lead)
    book = openpyxl.load_workbook(path)
    pasted = book.create_sheet(tracker.MEASURES)
    for row in figures.iter_rows(values_only=True):
        pasted.append(row)
    book.save(path)
    assert _refused(plan, path) == [
        f"{path}: Measures!A1: a lead's form has no Measures sheet: figures are given in the "
        "tracker of the whole plan; remove this sheet"
    ]


def test_a_row_removed_gives_that_measure_no_value(plan: sp.Plan, tmp_path: Path) -> None:
    path = _type(_form(plan, tmp_path / "form.xlsx"), {"G2": 85, "G3": 14})
    book = openpyxl.load_workbook(path)
    book[tracker.MEASURES].delete_rows(2)
    book.save(path)
    new = sp.import_xlsx(plan, path, "2023-05", MAY)
    assert dict(new.reviews[-1].measures) == {"days-to-decision": sp.MeasureValue(Decimal(14))}


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            {"G2": "about 80"},
            "Measures!G2: the value of measure 'rr-on-time' must be a number, such as 75 or "
            "7.5, not 'about 80'; write the figure alone, and any words in Note",
        ),
        (
            {"G3": "n/a"},
            "Measures!G3: the value of measure 'days-to-decision' must be a number, such as 75 "
            "or 7.5, not 'n/a'; leave a value out when it is not known, and say why in Note",
        ),
        (
            {"G3": "1,200"},
            "Measures!G3: the value of measure 'days-to-decision' must be a number, such as 75 "
            "or 7.5, not '1,200' (did you mean '1200'?)",
        ),
        (
            {"G3": "12%"},
            "Measures!G3: the value of measure 'days-to-decision' must be a number, such as 75 "
            "or 7.5, not '12%'; the measure's unit is 'days', not 'percent' (did you mean '12'?)",
        ),
        (
            {"G4": 1.23456},
            "Measures!G4: the value of measure 'second-plans' is 1.23456, more digits than a "
            "plan file keeps: at most nine before the point and four after (did you mean "
            "'1.2346'?)",
        ),
        (
            {"G4": 12345678901},
            "Measures!G4: the value of measure 'second-plans' is 12345678901, more digits than "
            "a plan file keeps: at most nine before the point and four after",
        ),
        (
            {"G2": True},
            "Measures!G2: the value of measure 'rr-on-time' is TRUE or FALSE, not a number; "
            "type the figure alone, such as 75 or 7.5",
        ),
        (
            {"G2": date(2023, 1, 2)},
            "Measures!G2: the value of measure 'rr-on-time' is a date, not a number (Excel "
            "makes 1/2 or 1-2 a date); type the figure alone, such as 75 or 7.5",
        ),
        (
            {"G2": "=F2*2"},
            "Measures!G2: a formula ('=F2*2'); type the Value as a number",
        ),
        (
            {"A3": "days-to-decisions", "G3": 12},
            "Measures!A3: no measure 'days-to-decisions' in the plan (did you mean "
            "'days-to-decision'?); a new measure is listed in the plan file first",
        ),
        (
            {"A5": "children-looked-after", "G5": 70},
            "Measures!A5: no measure 'children-looked-after' in the plan; a new measure is "
            "listed in the plan file first",
        ),
        (
            {"A5": "rr-on-time", "G5": 70, "G2": 71},  # a row added: only what is typed counts
            "Measures!A5: measure 'rr-on-time' is also at {file}: Measures!A2; each measure "
            "may be given in one row of one tracker only",
        ),
        (
            {"E2": 95},
            "Measures!E2: the target of measure 'rr-on-time' was changed to '95'; the plan "
            "file owns it (change it there, then export the tracker again)",
        ),
        (
            {"I3": 17},
            "Measures!I3: the previous value of measure 'days-to-decision' was changed to "
            "'17', which would be lost; give the figure for this review under Value",
        ),
        (
            {"L2": "A figure beside the table"},
            "Measures!L2: a value outside the tracker's columns would be lost; move or remove it",
        ),
        (
            {"H2": "Done \u202edetsud"},
            "Measures!H2: the note holds a bidirectional control character (U+202E) here",
        ),
    ],
)
def test_each_bad_figure_is_one_located_line(
    plan: sp.Plan,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cells: dict[str, object],
    expected: str,
) -> None:
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(IMPACT_PLAN, encoding="utf-8")
    path = _type(_form(plan, tmp_path / "form.xlsx"), cells)
    before = plan_path.read_bytes()
    code = main(
        [
            "import-xlsx", str(path), "--plan", str(plan_path), "--review", "2023-05",
            "--as-of", "2023-04-30", "--in-place",
        ]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    (line,) = err.splitlines()
    assert line.startswith(f"{path}: {expected.format(file=path)}")
    assert "Traceback" not in err
    assert plan_path.read_bytes() == before


def test_the_outcomes_page_gives_the_lines_import_gives(
    plan: sp.Plan,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plan.yaml").write_text(IMPACT_PLAN, encoding="utf-8")
    name = "figures-2023-05.xlsx"
    typed = {"G2": "about 80", "G3": 16.54321, "A5": "children-looked-after", "G5": 70}
    _type(_form(plan, tmp_path / name), typed)
    args = ["--plan", "plan.yaml", "--review", "2023-05", "--as-of", "2023-04-30"]
    assert main(["import-xlsx", name, *args]) == 2
    shown = _page_section().split("```text\n", 1)[1].split("```", 1)[0]
    assert capsys.readouterr().err == shown


def _import_as_may(tracker_path: Path, plan_path: Path, output: Path) -> int:
    """``import-xlsx`` of one tracker into the plan's new May review, written to ``output``."""
    return main(
        [
            "import-xlsx", str(tracker_path), "--plan", str(plan_path), "--review", "2023-05",
            "--as-of", "2023-04-30", "-o", str(output),
        ]
    )  # fmt: skip


def test_the_command_says_how_many_values_it_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(IMPACT_PLAN, encoding="utf-8")
    path = _type(_form(sp.load(plan_path), tmp_path / "form.xlsx"), {"G2": 85, "H4": "Late"})
    code = _import_as_may(path, plan_path, tmp_path / "new.yaml")
    _, err = capsys.readouterr()
    assert code == 0, err
    wrote = (
        f"wrote {tmp_path / 'new.yaml'}: review '2023-05' (May 2023 – "
        "Update, as at 30 April 2023) with 2 measure values from 1 tracker"
    )
    # Every action row of the form was left as sent: a line says so, not that nothing went in.
    assert err.splitlines()[-1] == wrote
    assert "nothing of it was imported" not in err
    written = sp.load(tmp_path / "new.yaml").reviews[-1].measures
    assert written == {
        "rr-on-time": sp.MeasureValue(Decimal(85)),
        "second-plans": sp.MeasureValue(None, "Late"),
    }


# --- late returns -------------------------------------------------------------------------------


def test_late_figures_join_the_review_and_replace_only_with_replace(
    plan: sp.Plan, tmp_path: Path
) -> None:
    first = _type(_form(plan, tmp_path / "first.xlsx"), {"G2": 85})
    may = sp.import_xlsx(plan, first, "2023-05", MAY)
    # A late form adds what the review lacks ...
    late = _type(_form(plan, tmp_path / "late.xlsx"), {"G3": 14, "H4": "Not yet published"})
    may = sp.import_xlsx(may, late, "2023-05")
    assert dict(may.reviews[-1].measures) == {
        "rr-on-time": sp.MeasureValue(Decimal(85)),
        "days-to-decision": sp.MeasureValue(Decimal(14)),
        "second-plans": sp.MeasureValue(None, "Not yet published"),
    }
    # ... and a figure the review has already is refused where it is, unless replaced.
    again = _type(_form(plan, tmp_path / "again.xlsx"), {"G2": 86, "G4": "1.3"})
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(may, again, "2023-05")
    assert [str(p) for p in caught.value.problems] == [
        f"{again}: Measures!A2: measure 'rr-on-time' already has a value in review '2023-05'; "
        "import with --replace to replace it, or clear this row's Value and Note",
        f"{again}: Measures!A4: measure 'second-plans' already has a note in review '2023-05'; "
        "import with --replace to replace it, or clear this row's Value and Note",
    ]
    replaced = sp.import_xlsx(may, again, "2023-05", replace=True)
    assert dict(replaced.reviews[-1].measures) == {
        "rr-on-time": sp.MeasureValue(Decimal(86)),
        "days-to-decision": sp.MeasureValue(Decimal(14)),
        "second-plans": sp.MeasureValue(Decimal("1.3")),
    }


def test_two_trackers_giving_one_measure_are_refused_even_with_replace(
    plan: sp.Plan, tmp_path: Path
) -> None:
    one = _type(_form(plan, tmp_path / "one.xlsx"), {"G2": 85})
    two = _type(_form(plan, tmp_path / "two.xlsx"), {"G2": 86})
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(plan, [one, two], "2023-05", MAY, replace=True)
    assert [str(p) for p in caught.value.problems] == [
        f"{two}: Measures!A2: measure 'rr-on-time' is also at {one}: Measures!A2; each measure "
        "may be given in one row of one tracker only",
    ]


def test_the_cycle_at_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(IMPACT_PLAN, encoding="utf-8")
    form = tmp_path / "form.xlsx"
    assert (
        main(["export", str(plan_path), "-f", "xlsx", "--new-review", "2023-05", "-o", str(form)])
        == 0
    )
    _type(form, {"G2": 85})
    args = ["--plan", str(plan_path), "--review", "2023-05", "--in-place"]
    assert main(["import-xlsx", str(form), *args, "--as-of", "2023-04-30"]) == 0
    late = shutil.copy(form, tmp_path / "late.xlsx")
    capsys.readouterr()
    assert main(["import-xlsx", str(late), *args]) == 2
    assert capsys.readouterr().err.startswith(
        f"{late}: Measures!A2: measure 'rr-on-time' already has a value in review '2023-05'"
    )
    assert main(["import-xlsx", str(late), *args, "--replace"]) == 0
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .endswith(
            "added 1 measure value (replacing 1) to review '2023-05' (May 2023 – Update, as at 30 "
            "April 2023) from 1 tracker"
        )
    )


# --- the round trip -----------------------------------------------------------------------------


@st.composite
def measured_plans(draw: st.DrawFn) -> sp.Plan:
    """A plan with measures, each id shown apart from the others in a workbook."""
    plan = draw(plans(max_priorities=2, max_actions=3, max_reviews=2))
    assume(plan.measures)
    assume(len({clean(m.id) for m in plan.measures}) == len(plan.measures))
    return plan


_NOTE = texts(long=False).map(clean).filter(lambda t: t.strip() == t and t != "")


@st.composite
def typed_figures(draw: st.DrawFn, plan: sp.Plan) -> dict[str, tuple[object, sp.MeasureValue]]:
    """For some of the plan's measures, what is typed in the Value and Note cells (a number
    cell, or text as a plan file writes the number), and the value it means."""
    typed = {}
    for measure in plan.measures:
        if not draw(st.booleans()):
            continue
        number = draw(st.none() | measure_numbers())
        note = draw(st.none() | _NOTE)
        if number is None and note is None:
            continue
        cell: object = None
        if number is not None:
            how = draw(st.sampled_from(("number", "text", "spaced")))
            if how == "number":
                cell = int(number) if number == number.to_integral_value() else float(number)
            else:
                percent = (
                    "%" if measure.unit is sp.MeasureUnit.PERCENT and draw(st.booleans()) else ""
                )
                cell = f" {number}{percent} " if how == "spaced" else f"{number}{percent}"
        typed[measure.id] = ((cell, note), sp.MeasureValue(number, note))
    return typed


@settings(max_examples=40)
@given(data=st.data())
def test_figures_typed_into_a_form_come_back_exactly(data: st.DataObject) -> None:
    plan = data.draw(measured_plans())
    review = "the next review"
    assume(review not in {r.id for r in plan.reviews})
    typed = data.draw(typed_figures(plan))
    out = io.BytesIO()
    sp.export(plan, "xlsx", out, plugin_manager=MANAGER, options={"new_review": review})
    out.seek(0)
    book = openpyxl.load_workbook(out)
    sheet = book[tracker.MEASURES]
    rows = {clean(m.id): row for m, row in zip(plan.measures, range(2, 99), strict=False)}
    assert [sheet.cell(rows[clean(m.id)], 1).value for m in plan.measures] == [
        clean(m.id) for m in plan.measures
    ]
    for measure_id, ((value, note), _) in typed.items():
        row = rows[clean(measure_id)]
        for column, cell in ((tracker.VALUE, value), (tracker.NOTE, note)):
            target = sheet[f"{LETTERS[column]}{row}"]
            target.value = cell
            if isinstance(cell, str):
                target.data_type = "s"
    filled = io.BytesIO()
    book.save(filled)
    filled.seek(0)
    as_of = plan.reviews[-1].as_of if plan.reviews else date(2022, 1, 31)
    new = sp.import_xlsx(plan, filled, review, as_of)
    if not typed:  # nothing given, on a form whose actions are as sent: nothing to add
        assert new == plan
        return
    assert new.reviews[-1].id == review
    got = new.reviews[-1].measures
    assert {k: (v.value, v.note) for k, v in got.items()} == {
        k: (v.value, v.note) for k, (_, v) in typed.items()
    }


def test_the_command_notes_figures_the_same_as_the_review_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A tracker of February imported as May gives February's figures again: said, as they
    # read as measured again (unchanged) in May.
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(IMPACT_PLAN, encoding="utf-8")
    path = _export(sp.load(plan_path), tmp_path / "tracker.xlsx")
    code = _import_as_may(path, plan_path, tmp_path / "new.yaml")
    _, err = capsys.readouterr()
    assert code == 0, err
    ids = ", ".join(m.id for m in sp.load(plan_path).measures)
    assert (
        "safeguarding-plan: note: 3 measures given the same figure and note as at February "
        f"2023 – Update: {ids}; if a figure is not new, clear it in the tracker and import it "
        "again"
    ) in err.splitlines()
    capsys.readouterr()
    form = _type(_form(sp.load(plan_path), tmp_path / "form.xlsx"), {"G2": 85})
    args = ["--plan", str(plan_path), "--review", "2023-05", "--as-of", "2023-04-30"]
    assert main(["import-xlsx", str(form), *args, "-o", str(tmp_path / "b.yaml")]) == 0
    assert "same figure" not in capsys.readouterr().err


def test_a_figure_is_read_back_with_the_places_its_cell_shows(
    plan: sp.Plan, tmp_path: Path
) -> None:
    # The tracker shows the plan's 1.10 as 1.10 (a number cell, two places shown): imported
    # unchanged, the plan still writes 1.10, not the 1.1 Excel keeps.
    assert str(plan.reviews[-1].measures["second-plans"].value) == "1.10"
    path = _export(plan, tmp_path / "tracker.xlsx")
    new = sp.import_xlsx(plan, path, "2023-05", MAY)
    assert str(new.reviews[-1].measures["second-plans"].value) == "1.10"
    assert "second-plans: 1.10\n" in sp.dumps(new).split("id: 2023-05", 1)[1]

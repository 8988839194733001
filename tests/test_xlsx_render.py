"""The tracker as LibreOffice Calc reads it: every sheet saved as CSV, and printed to PDF.

These need LibreOffice Calc and poppler's pdftotext (Debian: ``apt-get install -y
libreoffice-calc-nogui poppler-utils``). They are deselected by default and run with
``pytest -m libreoffice``, as CI does after installing both; without them they FAIL, never skip.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import BIRMINGHAM
from impact_plan import IMPACT_PLAN
from libreoffice import convert, pdf_pages

import safeguarding_plan as sp
from safeguarding_plan.formats.xlsx import layout as tracker

pytestmark = pytest.mark.libreoffice

# LibreOffice's CSV filter options: comma, double quote, UTF-8, from line 1, (default cell
# formats), (default language), quote only what needs it, detect numbers, save cells as shown,
# values not formulas, keep spaces, and -1: every sheet, each to "<name>-<sheet>.csv".
CSV_EVERY_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


@pytest.fixture(scope="module")
def tracker_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tracker") / "tracker.xlsx"
    sp.export(sp.load(BIRMINGHAM), "xlsx", path)
    return path


def _sheet(workbook: Path, name: str) -> list[list[str]]:
    with (workbook.parent / f"{workbook.stem}-{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_calc_reads_every_action_and_the_metadata(tracker_file: Path) -> None:
    convert(tracker_file, CSV_EVERY_SHEET)
    actions = _sheet(tracker_file, tracker.ACTIONS)
    assert actions[0] == list(tracker.COLUMNS)
    plan = sp.load(BIRMINGHAM)
    assert [row[1] for row in actions[1:]] == [a.id for a in plan.actions]
    row = dict(zip(tracker.COLUMNS, next(r for r in actions if r[1] == "1.6"), strict=True))
    assert row[tracker.DUE_DATE] == "30/11/2021"  # a date, shown as day/month/year
    assert row[tracker.PROGRESS] == "Not started"
    assert row[tracker.RATING] == "Limited progress"
    assert row[tracker.UPDATE] == "Website redesign will commence in 2022/23."
    summary = _sheet(tracker_file, tracker.SUMMARY)
    total = next(r for r in summary if r[0] == "All priorities")
    assert total[2:5] == ["33", "24", "73%"]
    assert ["Priority", "Title", "Actions", "Complete", "% complete", "Ratings"] in summary
    data = _sheet(tracker_file, tracker.DATA)
    assert [r[0] for r in data] == list(tracker.META_KEYS)
    key = _sheet(tracker_file, tracker.KEY)
    assert [r[1] for r in key[1:5]] == [r.label for r in plan.ratings]


def test_calc_prints_the_tracker_with_its_header_on_every_page(tracker_file: Path) -> None:
    convert(tracker_file, "pdf")
    pages = pdf_pages(tracker_file.with_suffix(".pdf"))
    assert len(pages) >= 3
    first = " ".join(pages[0].split())
    assert "73% of the actions have been completed" in first
    assert "Actions complete by priority" in first  # the chart, on the first page
    actions = [page for page in pages if "Actions: Page" in page]
    assert len(actions) >= 2
    for page in actions:  # the header row repeats at the top of each printed page
        assert "Action ID" in page
        assert "Previous rating" in page
    everything = " ".join(" ".join(pages).split())
    assert "Website redesign will commence in 2022/23." in everything
    assert "Key: Page" in everything
    assert "safeguarding-plan-tracker/1" not in everything  # the hidden sheet is not printed


@pytest.fixture(scope="module")
def measures_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracker of a plan with three measures over three reviews."""
    path = tmp_path_factory.mktemp("measures") / "tracker.xlsx"
    sp.export(
        sp.loads(IMPACT_PLAN), "xlsx", path, plugin_manager=sp.get_plugin_manager(autoload=False)
    )
    return path


def test_calc_shows_each_measures_numbers_as_the_plan_writes_them(measures_file: Path) -> None:
    convert(measures_file, CSV_EVERY_SHEET)
    rows = _sheet(measures_file, tracker.MEASURES)
    assert rows[0] == list(tracker.MEASURE_COLUMNS)
    numbers = [tracker.MEASURE_COLUMNS.index(c) for c in ("Baseline", "Target", "Value")]
    assert [[row[0], *(row[n] for n in numbers)] for row in rows[1:]] == [
        ["rr-on-time", "60", "90", "80"],
        ["days-to-decision", "21.5", "15", "16.5"],
        ["second-plans", "1.10", "", "1.10"],  # 1.10 shown as written, never 1.1
    ]


def test_calc_prints_the_measures_a_page_wide(measures_file: Path) -> None:
    convert(measures_file, "pdf")
    pages = [
        page for page in pdf_pages(measures_file.with_suffix(".pdf")) if "Measures: Page" in page
    ]
    assert len(pages) == 1
    text = " ".join(pages[0].split())
    for heading in (tracker.MEASURE_ID, tracker.FROM_REVIEW, tracker.SOURCE):
        assert heading in text
    assert "Children's social care" in text  # the last column is on the page

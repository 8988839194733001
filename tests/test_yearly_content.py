"""The yearly report's learning from reviews and its impact: the case reviews that belong to
the year by the documented rule, timed as the board paper times them; a year with none said in
a sentence, with no empty table; each measure's table and chart showing the same points; and the
columns of measures the same in every format."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import docx
import gfm
import pytest
from lxml import etree
from yearly_content_plan import YEARLY_PLAN

import safeguarding_plan as sp
from safeguarding_plan.formats.ooxml.chart import C
from safeguarding_plan.model.casereviews import CaseReview, CaseReviewKind, CaseReviewStatus
from safeguarding_plan.model.due import Due
from safeguarding_plan.reporting.build import report
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.reporting.yearly import yearly_contents, yearly_report
from safeguarding_plan.scoring.yearly import case_reviews_of

DOCS = Path(__file__).parent.parent / "docs" / "yearly-report.md"
START, END = date(2021, 4, 1), date(2022, 3, 31)
STARTING = "Start of year (March 2021 – Update)"
"""The last value before the year, named as the start of the year."""
POINTS = [STARTING, "July 2021 – Update", "November 2021 – Update"]


@pytest.fixture
def plan() -> sp.Plan:
    return sp.loads(YEARLY_PLAN)


def _export(plan: sp.Plan, kind: str, **kwargs: Any) -> bytes:
    out = io.BytesIO()
    sp.export(plan, kind, out, year="2021/22", **kwargs)
    return out.getvalue()


def _captioned(document: Any) -> dict[str, Any]:
    caption = docx.oxml.ns.qn("w:tblCaption")
    return {
        t._tbl.tblPr.find(caption).get(docx.oxml.ns.qn("w:val")): t
        for t in document.tables
        if t._tbl.tblPr.find(caption) is not None
    }


# --- which case reviews belong to the year ---------------------------------------------------


def test_reviews_running_through_or_acted_on_in_the_year_are_in_it(plan: sp.Plan) -> None:
    # "running" has every date before the year and is still in progress; "acted-on" was
    # published before the year and its action completed in July 2021; "closed-before"
    # ended before the year and nothing carrying it moved in it.
    made = yearly_report(plan, "2021/22", audience="board")
    assert made.learning is not None
    assert [r.id for r in made.learning.reviews] == ["running", "acted-on"]
    assert made.learning.summary.startswith("2 case reviews. 1 of 3 recommendations")
    changed = [c for r in made.learning.reviews for rec in r.recommendations for c in rec.changed]
    assert "1.3: The policy was revised in July." in changed


def test_a_review_running_through_the_year_is_timed_as_the_board_paper_times_it(
    plan: sp.Plan,
) -> None:
    made = yearly_report(plan, "2021/22", audience="board")
    paper = report(plan, review="2021-11", audience="board")
    assert made.learning is not None
    assert paper.learning is not None
    running = {r.id: r for r in made.learning.reviews}["running"]
    assert running.timeliness == paper.learning.reviews[0].timeliness
    assert any("late" in line for line in running.timeliness)
    assert "1 review is late." in made.learning.summary
    assert made.score.learning is not None
    assert made.score.learning.late == ("running",)


def _review(status: CaseReviewStatus | None = None, **dates: str) -> CaseReview:
    return CaseReview(
        id="r",
        kind=CaseReviewKind.LCSPR,
        title="A review",
        status=status,
        dates={name: Due(day, date.fromisoformat(day)) for name, day in dates.items()},
    )


@pytest.mark.parametrize(
    ("review", "belongs"),
    [
        (_review(), True),  # no date yet
        (_review(CaseReviewStatus.PUBLISHED, published="2021-09-30"), True),
        (_review(CaseReviewStatus.IN_PROGRESS, initiated="2021-03-01"), True),
        (_review(None, initiated="2020-03-01"), True),  # nothing says it ended
        (_review(CaseReviewStatus.PUBLISHED, initiated="2021-01-01", published="2022-06-01"), True),
        (_review(CaseReviewStatus.PUBLISHED, published="2021-02-10"), False),
        # Published before the year, its learning shared after it: not under way in the year.
        (
            _review(
                CaseReviewStatus.PUBLISHED, published="2021-03-01", learning_shared="2022-06-01"
            ),
            False,
        ),
        (_review(None, initiated="2020-03-01", published="2021-03-01"), False),
        (_review(CaseReviewStatus.CLOSED, decision="2020-06-01"), False),
        (_review(CaseReviewStatus.COMPLETED, initiated="2020-06-01"), False),
        (_review(CaseReviewStatus.IN_PROGRESS, initiated="2022-05-01"), False),  # after it
    ],
)
def test_the_rule_by_a_review_s_own_dates(plan: sp.Plan, review: CaseReview, belongs: bool) -> None:
    plan = attrs.evolve(plan, case_reviews=(review,))
    assert bool(case_reviews_of(plan, START, END)) is belongs


def test_the_rule_is_given_in_the_report_and_in_the_docs_in_the_same_words(
    plan: sp.Plan,
) -> None:
    docs = " ".join(DOCS.read_text(encoding="utf-8").split())
    assert WORDS.case_reviews_rule in docs
    assert WORDS.case_reviews_rule in gfm.seen(_export(plan, "md").decode()).text
    document = docx.Document(io.BytesIO(_export(plan, "docx")))
    (rule,) = [p for p in document.paragraphs if p.text == WORDS.case_reviews_rule]
    assert rule.paragraph_format.keep_with_next  # never alone at the foot of a page
    assert json.loads(_export(plan, "json"))["learning"]["rule"] == WORDS.case_reviews_rule
    # A board paper holds every case review, and gives no rule.
    out = io.BytesIO()
    sp.export(plan, "md", out)
    assert WORDS.case_reviews_rule not in out.getvalue().decode()


# --- a year with no case review ---------------------------------------------------------------


@pytest.fixture
def none_in_year(plan: sp.Plan) -> sp.Plan:
    return attrs.evolve(plan, case_reviews=plan.case_reviews[2:])  # closed before the year


def test_a_year_with_no_case_review_says_so_in_word_with_no_table(none_in_year: sp.Plan) -> None:
    document = docx.Document(io.BytesIO(_export(none_in_year, "docx")))
    assert WORDS.case_reviews not in _captioned(document)
    assert WORDS.recommendations not in _captioned(document)
    said = [p.text for p in document.paragraphs]
    assert WORDS.no_case_reviews_in_year in said
    learning = said.index(WORDS.learning)
    assert said[learning + 1 : learning + 3] == [
        WORDS.case_reviews_rule,
        WORDS.no_case_reviews_in_year,
    ]


def test_a_year_with_no_case_review_says_so_in_markdown_and_json(none_in_year: sp.Plan) -> None:
    page = gfm.seen(_export(none_in_year, "md").decode())
    assert WORDS.case_reviews not in page.headings
    assert not [rows for heading, rows in page.tables if heading == WORDS.case_reviews]
    assert WORDS.no_case_reviews_in_year in page.text
    data = json.loads(_export(none_in_year, "json"))["learning"]
    assert data["reviews"] == []
    assert data["summary"] == WORDS.no_case_reviews_in_year


# --- impact: the table and the chart show the same points ----------------------------------


def test_each_measure_s_table_and_chart_show_the_same_points(plan: sp.Plan) -> None:
    made = yearly_report(plan, "2021/22")
    assert made.impact is not None
    (measure,) = made.impact.measures
    assert [r.review for r in measure.readings] == POINTS
    assert measure.chart is not None
    assert list(measure.chart.categories) == POINTS
    assert measure.chart.series[0].values == (55.0, 60.0, 70.0)
    # The board paper's impact is the plan's whole history, as it was.
    paper = report(plan, review="2021-11")
    assert paper.impact is not None
    assert paper.impact.measures[0].readings[0].review == "March 2021 – Update"


def test_word_draws_what_its_table_gives(plan: sp.Plan) -> None:
    blob = _export(plan, "docx")
    document = docx.Document(io.BytesIO(blob))
    rows = [[c.text for c in r.cells] for r in _captioned(document)[WORDS.measures].rows]
    assert rows[1][2].split("\n") == [
        f"{p}: {v}" for p, v in zip(POINTS, ("55%", "60%", "70%"), strict=True)
    ]
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        charts = [
            etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.startswith("word/charts/chart")
        ]
    drawn = next(
        chart
        for chart in charts
        if any(t.text == "Rapid reviews completed within 15 working days" for t in chart.iter())
    )
    categories = [pt.findtext(f"{{{C}}}v") for pt in drawn.iterfind(f".//{{{C}}}cat//{{{C}}}pt")]
    values = [float(pt.findtext(f"{{{C}}}v")) for pt in drawn.iterfind(f".//{{{C}}}val//{{{C}}}pt")]
    assert categories == POINTS
    assert values == [55.0, 60.0, 70.0]
    descriptions = [d.get("descr") for d in document.element.body.iter(docx.oxml.ns.qn("wp:docPr"))]
    described = next(d for d in descriptions if d and d.startswith("Rapid reviews"))
    assert f"{STARTING}, 55%" in described
    assert re.search(r"\b2021 – Update, 55%", described) is None  # nothing from before it


@pytest.mark.parametrize("baseline", [None, "40"])
def test_word_and_markdown_have_the_same_columns_of_measures(
    plan: sp.Plan, baseline: str | None
) -> None:
    if baseline is not None:
        plan = sp.loads(
            YEARLY_PLAN.replace("    target: 80\n", f"    baseline: {baseline}\n    target: 80\n")
        )
    document = docx.Document(io.BytesIO(_export(plan, "docx")))
    word = [c.text for c in _captioned(document)[WORDS.measures].rows[0].cells]
    page = gfm.seen(_export(plan, "md").decode())
    (markdown,) = [rows[0] for heading, rows in page.tables if heading == WORDS.measures]
    assert word == markdown
    assert (WORDS.baseline in word) is (baseline is not None)


@pytest.mark.parametrize("kind", ["md", "json", "docx"])
def test_restricted_names_in_ids_are_withheld_with_no_value_lost(kind: str) -> None:
    # Ids are the plan's own until the public report is withheld, once: a review or a measure
    # whose id holds a restricted name is found by it, its values all shown, the name never.
    text = (
        YEARLY_PLAN.replace("id: 2021-03", "id: jo-bloggs-2021-03")
        .replace("id: 2021-07", "id: jo-bloggs-2021-07")
        .replace("rr-on-time", "jo-bloggs-measure")
        + "restricted_words: [Jo Bloggs]\n"
    )
    plan = sp.loads(text)
    public, board = (yearly_report(plan, "2021/22", audience=a) for a in ("public", "board"))
    for made in (public, board):
        assert made.impact is not None
        (measure,) = made.impact.measures
        assert [r.review for r in measure.readings] == POINTS
        assert [r.value for r in measure.readings] == ["55%", "60%", "70%"]
    written = _export(plan, kind).decode("utf-8", "replace") if kind != "docx" else ""
    if kind == "docx":
        document = docx.Document(io.BytesIO(_export(plan, kind)))
        written = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "70%" in written
    assert "bloggs" not in written.lower()


@pytest.mark.parametrize(("audience", "shown"), [("public", False), ("board", True)])
def test_the_checklist_gives_the_impact_as_the_report_shows_it(audience: str, shown: bool) -> None:
    # A public report leaves a restricted measure out: with no other, it has no impact
    # section, and its checklist says so rather than that the plan gives it.
    plan = sp.loads(
        YEARLY_PLAN.replace("    better: higher\n", "    better: higher\n    restricted: true\n")
    )
    made = yearly_report(plan, "2021/22", audience=audience)  # type: ignore[arg-type]
    assert made.year is not None
    assert (made.impact is not None) is shown
    (impact,) = [e for e in yearly_contents(plan, "2021/22", audience) if e.title == WORDS.impact]  # type: ignore[arg-type]
    assert impact.filled is shown
    assert (impact in made.year.missing) is not shown


def test_a_public_yearly_report_s_refusal_names_no_restricted_id() -> None:
    text = YEARLY_PLAN.replace("id: 2021-03", "id: jo-bloggs-2021-03") + (
        "restricted_words: [Jo Bloggs]\n"
    )
    plan = sp.loads(text)
    with pytest.raises(sp.ArgumentError) as refused:
        yearly_report(plan, "2019/20")
    assert "bloggs" not in str(refused.value).lower()
    assert "2021-07" in str(refused.value)  # the others are still named
    with pytest.raises(sp.ArgumentError, match="jo-bloggs-2021-03"):
        yearly_report(plan, "2019/20", audience="board")


def test_a_year_by_its_days_from_1_april_is_told_the_entry_as_a_plan_file_writes_it(
    plan: sp.Plan,
) -> None:
    whole = yearly_contents(plan, (START, END))
    assert "yearly_reports, year 2021/22: voice_of_children" in [c.where for c in whole]


def test_a_listed_action_s_update_is_its_latest_in_the_year() -> None:
    # The year's last review gives no update for 1.4: its update from July says why it has not
    # moved, where "No update." would lose it.
    text = YEARLY_PLAN.replace(
        '      "1.3": {progress: complete, rating: green, note: The policy was revised in July.}\n',
        '      "1.3": {progress: complete, rating: green, note: The policy was revised in July.}\n'
        '      "1.4": {progress: in-progress, rating: amber, note: Waiting for the toolkit.}\n',
    )
    made = yearly_report(sp.loads(text), "2021/22", audience="board")
    assert made.year is not None
    listed = {row.id: row.note for row in made.year.lacking}
    assert listed["1.4"] == "Waiting for the toolkit."
    markdown = _export(sp.loads(text), "md").decode("utf-8")
    assert "Waiting for the toolkit." in markdown


@pytest.mark.parametrize("year", ["2021/22", "2019/20"])  # with reviews in it, and with none
def test_the_checklist_refuses_an_unknown_audience(plan: sp.Plan, year: str) -> None:
    with pytest.raises(sp.ArgumentError, match="unknown audience 'everyone'"):
        yearly_contents(plan, year, "everyone")  # type: ignore[arg-type]

"""The yearly report's trend: each priority, and all priorities, at the start of the year and at
each of its reviews, counted as the board paper counts a review, its first and last points the
year's start and end; read back from the Word chart part, the Markdown and the JSON."""

from __future__ import annotations

import io
import json
from datetime import date

import attrs
import docx
import gfm
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from hypothesis import given
from lxml import etree
from test_yearly_report import EXAMPLE, plans_with_a_year

import safeguarding_plan as sp
from safeguarding_plan.reporting.charts import Chart, ChartKind
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.reporting.yearly import yearly_report

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}

BIRMINGHAM_END = (90, 70, 60, 63, 73)
"""Birmingham's priorities, and all of them, complete at February 2022 (the summary's)."""


def _percent(counted: str) -> int:
    """``3 of 10 (30%)``: 30."""
    return int(counted.rsplit("(", 1)[1].rstrip("%)"))


def _trend(plan: sp.Plan) -> Chart:
    """The trend of ``plan``'s public report of 2021/22."""
    made = yearly_report(plan, "2021/22")
    assert made.year is not None
    return made.year.trend


@given(plans_with_a_year())
def test_each_point_is_the_plan_at_that_review_and_the_ends_are_the_year_s(
    drawn: tuple[sp.Plan, date, date],
) -> None:
    plan, start, end = drawn
    made = yearly_report(plan, (start, end), audience="board")
    assert made.year is not None
    trend = made.year.trend
    before = [r for r in plan.reviews if r.as_of < start]
    year = [r for r in plan.reviews if start <= r.as_of <= end]
    opening = before[-1] if before else None
    assert trend.kind is ChartKind.LINE
    assert trend.categories == (
        opening.title if opening else WORDS.before_first_review,
        *(r.title for r in year),
    )
    assert [s.name for s in trend.series] == [
        *(f"{WORDS.priority} {p.id}" for p in plan.priorities),
        WORDS.all_priorities,
    ]
    assert [s.total for s in trend.series] == [False] * len(plan.priorities) + [True]
    # Each point as the board paper of that review counts it; before any review, nothing.
    for n, review in enumerate([opening, *year]):
        scored = sp.score(plan, review=review.id) if review else None
        for priority, series in zip(plan.priorities, trend.series, strict=False):
            counts = scored.by_priority[priority.id] if scored else None
            assert series.values[n] == (counts.percent_rounded if counts else 0)
        assert trend.series[-1].values[n] == (scored.percent_rounded if scored else 0)
    # The first and last points are the start and end of the year's table and bar chart.
    for row, series in zip(made.year.progress, trend.series, strict=True):
        assert (series.values[0], series.values[-1]) == (_percent(row.start), _percent(row.end))
    starts, ends = made.year.chart.series
    assert starts.values == tuple(s.values[0] for s in trend.series[:-1])
    assert ends.values == tuple(s.values[-1] for s in trend.series[:-1])
    # Every value in words, point by point.
    for n, category in enumerate(trend.categories):
        said = "; ".join(f"{s.name}, {s.values[n]:g}%" for s in trend.series)
        assert f"{category}: {said}." in trend.description


def test_a_year_of_one_review_with_none_before_starts_from_nothing() -> None:
    trend = _trend(sp.load(EXAMPLE))
    assert trend.categories == (WORDS.before_first_review, "February 2022 – Update")
    assert [s.values for s in trend.series] == [(0, end) for end in BIRMINGHAM_END]
    assert trend.title == WORDS.year_trend
    assert trend.axis == WORDS.percent_axis
    assert "February 2022 – Update: Priority 1, 90%; Priority 2, 70%" in trend.description


def _four_reviews() -> sp.Plan:
    """Birmingham with a review before 2021/22 and three more in it, its February 2022
    actions complete a quarter more at each: four reviews in the year."""
    plan = sp.load(EXAMPLE)
    last = plan.reviews[-1]
    done = [i for i, u in last.updates.items() if u.progress is sp.Progress.COMPLETE]
    earlier = (
        (date(2021, 3, 31), "March 2021 – Update"),
        (date(2021, 5, 31), "June 2021 – Update"),
        (date(2021, 8, 31), "September 2021 – Update"),
        (date(2021, 10, 31), "November 2021 – Update"),
    )
    reviews = tuple(
        sp.Review(
            f"r{n}",
            title,
            day,
            updates={i: sp.ActionUpdate(progress=sp.Progress.COMPLETE) for i in done[: n * 6]},
        )
        for n, (day, title) in enumerate(earlier)
    )
    return attrs.evolve(plan, reviews=(*reviews, last))


FOUR = (
    "March 2021 – Update",
    "June 2021 – Update",
    "September 2021 – Update",
    "November 2021 – Update",
    "February 2022 – Update",
)


def test_four_reviews_in_the_year_are_five_points() -> None:
    trend = _trend(_four_reviews())
    assert trend.categories == FOUR
    whole = trend.series[-1].values
    assert whole == (0, 18, 36, 55, 73)  # 6, 12 and 18 of 33 complete, then 24
    assert list(whole) == sorted(whole)


def _exported(plan: sp.Plan, name: str) -> bytes:
    out = io.BytesIO()
    sp.export(plan, name, out, year="2021/22")
    return out.getvalue()


def _word_charts(data: bytes) -> list[tuple[str, etree._Element]]:
    """Each chart of the Word document, in the body's order: its alternative text and its
    chart part."""
    document = docx.Document(io.BytesIO(data))
    parts = {r.rId: r.target_part for r in document.part.rels.values() if r.reltype == RT.CHART}
    found = []
    for inline in document.element.body.xpath(".//wp:inline[.//c:chart]"):
        (descr,) = inline.xpath("wp:docPr/@descr")
        (rid,) = inline.xpath(".//c:chart/@r:id")
        found.append((str(descr), etree.fromstring(parts[rid].blob)))
    return found


def _drawn(
    root: etree._Element,
) -> tuple[str, str, tuple[str, ...], list[tuple[str, tuple[float, ...]]]]:
    """A chart part's kind, title, categories and each series' name and values."""
    (plot,) = root.xpath(
        "c:chart/c:plotArea/c:barChart | c:chart/c:plotArea/c:lineChart", namespaces=NS
    )
    series = plot.xpath("c:ser", namespaces=NS)
    categories = tuple(series[0].xpath("c:cat/c:strRef/c:strCache/c:pt/c:v/text()", namespaces=NS))
    return (
        etree.QName(plot).localname,
        "".join(root.xpath("c:chart/c:title//a:t/text()", namespaces=NS)),
        categories,
        [
            (
                "".join(s.xpath("c:tx/c:strRef/c:strCache/c:pt/c:v/text()", namespaces=NS)),
                tuple(
                    float(v)
                    for v in s.xpath("c:val/c:numRef/c:numCache/c:pt/c:v/text()", namespaces=NS)
                ),
            )
            for s in series
        ],
    )


def test_the_word_report_draws_the_trend_after_the_start_and_end_chart() -> None:
    for plan, categories in ((sp.load(EXAMPLE), None), (_four_reviews(), FOUR)):
        trend = _trend(plan)
        (_, bars), (descr, line) = _word_charts(_exported(plan, "docx"))
        assert _drawn(bars)[0] == "barChart"
        kind, title, drawn_categories, series = _drawn(line)
        assert (kind, title) == ("lineChart", WORDS.year_trend)
        assert drawn_categories == (categories or trend.categories)
        assert series == [(s.name, tuple(map(float, s.values))) for s in trend.series]
        assert descr == trend.description
        assert "".join(
            line.xpath("c:chart/c:plotArea/c:valAx/c:title//a:t/text()", namespaces=NS)
        ) == (WORDS.percent_axis)
    birmingham = _drawn(_word_charts(_exported(sp.load(EXAMPLE), "docx"))[1][1])
    assert [values for _, values in birmingham[3]] == [(0.0, float(e)) for e in BIRMINGHAM_END]


def test_the_markdown_gives_the_trend_s_numbers_as_a_table() -> None:
    plan = _four_reviews()
    trend = _trend(plan)
    page = gfm.seen(_exported(plan, "md").decode())
    assert WORDS.year_trend in page.text
    progress = WORDS.year_progress.format(year="2021/22")
    (table,) = [
        rows for above, rows in page.tables if above == progress and rows[0][0] == WORDS.review
    ]
    assert table[0] == [WORDS.review, *(s.name for s in trend.series)]
    assert [row[0] for row in table[1:]] == list(FOUR)
    assert [row[1:] for row in table[1:]] == [
        [f"{s.values[n]:g}%" for s in trend.series] for n in range(len(FOUR))
    ]
    assert table[-1][-1] == "73%"


def test_the_json_carries_the_trend_as_the_report_has_it() -> None:
    plan = _four_reviews()
    trend = _trend(plan)
    data = json.loads(_exported(plan, "json"))["year"]["trend"]
    assert data["kind"] == "line"
    assert data["title"] == trend.title
    assert data["description"] == trend.description
    assert data["categories"] == list(FOUR)
    assert data["series"] == [{"name": s.name, "values": list(s.values)} for s in trend.series]
    assert data["axis"] == WORDS.percent_axis

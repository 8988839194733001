"""The yearly report's learning and impact on the web page: a year with no case review said in
a sentence with no empty table, and each measure's table and chart showing the same points,
its columns those of the Word and Markdown reports."""

from __future__ import annotations

from collections.abc import Callable

from _htmltree import parse, table_parts

import safeguarding_plan as sp
from safeguarding_plan.plugin import Words

Export = Callable[..., bytes]

PLAN = """\
format: safeguarding-plan/1
ratings: rag
plan: {title: Business Improvement Plan, period: 2020/22}
partnership: {name: Anytown Safeguarding Children Partnership}
priorities:
  - id: "1"
    title: Learning from reviews
    actions:
      - {id: "1.1", text: Refresh the neglect toolkit, lead: Business Unit}
measures:
  - {id: rr, title: Rapid reviews on time, unit: percent, target: 80, better: higher}
case_reviews:
  - id: closed-before
    kind: rapid-review
    title: A rapid review closed before the year
    status: closed
    dates: {decision: 2020-06-01}
    recommendations:
      - {id: "1", text: Refresh the neglect toolkit, actions: ["1.1"]}
reviews:
  - {id: r1, title: March 2021 – Update, as_of: 2021-03-20, measures: {rr: 55}}
  - {id: r2, title: July 2021 – Update, as_of: 2021-07-31, measures: {rr: 60}}
  - {id: r3, title: November 2021 – Update, as_of: 2021-11-30, measures: {rr: 70}}
"""
POINTS = ["Start of year (March 2021 – Update)", "July 2021 – Update", "November 2021 – Update"]


def test_a_year_with_no_case_review_says_so_with_no_table(export_html: Export) -> None:
    page = parse(export_html(sp.loads(PLAN), year="2021/22").decode("utf-8"))
    assert not page.find_all("table", "reviews")
    assert not page.find_all("table", "recommendations")
    said = [p.text for p in page.find_all("p")]
    words = Words()  # the words every report gives its plugins, unless a plan changes them
    assert words.case_reviews_rule in said
    assert words.no_case_reviews_in_year in said


def test_each_measure_s_table_and_chart_show_the_same_points(export_html: Export) -> None:
    page = parse(export_html(sp.loads(PLAN), year="2021/22").decode("utf-8"))
    _, head, rows = table_parts(page.find("table", "measures"))
    # No measure gives a baseline: no column of them, as in Word and Markdown.
    assert [th.text for th in head] == [
        "Measure",
        "Target",
        "At each review",
        "Where it stands",
    ]
    readings = [p.text for p in rows[0].elements()[2].find_all("p")]
    assert readings == [f"{p}: {v}" for p, v in zip(POINTS, ("55%", "60%", "70%"), strict=True)]
    chart = next(
        f for f in page.find_all("figure") if f.find("figcaption").text == "Rapid reviews on time"
    )
    assert chart.find("desc").text == (
        f"Rapid reviews on time: {POINTS[0]}, 55%; {POINTS[1]}, 60%; {POINTS[2]}, 70%. Target 80%."
    )
    svg = chart.find("svg")
    assert len(svg.find_all("circle")) == 3
    assert [t.text for t in svg.find_all("text") if t.text.endswith("%")][-3:] == [
        "55%",
        "60%",
        "70%",
    ]

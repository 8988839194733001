"""The page's impact section: each measure's values, target and trend in a table, its values
drawn with a gap where a review gives none (never a point at 0) and described in words for a
screen reader; the complete actions not yet assured; a restricted measure left out in public."""

from __future__ import annotations

from collections.abc import Callable

from _htmltree import parse, table_parts

import safeguarding_plan as sp

Export = Callable[..., bytes]

PLAN = """\
format: safeguarding-plan/1
ratings: rag
plan: {title: Business Improvement Plan, period: 2022/24}
partnership: {name: Anytown Safeguarding Children Partnership}
priorities:
  - id: "1"
    title: Learning from reviews
    actions:
      - {id: "1.1", text: Complete rapid reviews on time, lead: Business Unit,
         outcome: Learning reaches practitioners while it is fresh}
      - {id: "1.2", text: Publish briefings, lead: Business Unit}
measures:
  - {id: rr, title: Rapid reviews on time, unit: percent, baseline: 60, target: 90,
     better: higher}
  - {id: secret, title: Children named in reviews, restricted: true}
reviews:
  - id: r1
    title: August 2022 – Update
    as_of: 2022-07-31
    updates:
      "1.1": {progress: complete, rating: green}
    measures: {rr: 65, secret: 3}
  - id: r2
    title: November 2022 – Update
    as_of: 2022-10-31
    updates:
      "1.2": {progress: complete, rating: green}
    measures: {rr: {note: Not collected}}
  - id: r3
    title: February 2023 – Update
    as_of: 2023-01-31
    updates:
      "1.1": {assured: {by: Board, date: 2023-01-20}}
    measures: {rr: 80.5, secret: 4}
"""


def test_measures_table_chart_and_actions_awaiting_assurance(export_html: Export) -> None:
    page = parse(export_html(sp.loads(PLAN)).decode("utf-8"))
    _, head, rows = table_parts(page.find("table", "measures"))
    assert [th.text for th in head] == [
        "Measure",
        "Baseline",
        "Target",
        "At each review",
        "Where it stands",
    ]
    cells = [[c.text for c in tr.elements()] for tr in rows]
    assert cells[0] == [
        "Rapid reviews on time",
        "60%",
        "90% (higher is better)",
        "August 2022 – Update: 65%November 2022 – Update: Not given (Not collected)"
        "February 2023 – Update: 80.5%",
        "Latest: 80.5%Up 15.5 percentage points since August 2022 – UpdateNot yet on target"
        "Improving",
    ]
    assert cells[1][0] == "Children named in reviews"
    figures = page.find_all("figure")
    chart = next(f for f in figures if f.find("figcaption").text == "Rapid reviews on time")
    assert chart.find("desc").text == (
        "Rapid reviews on time: August 2022 – Update, 65%; November 2022 – Update, Not given; "
        "February 2023 – Update, 80.5%. Target 90%."
    )
    svg = chart.find("svg")
    # Two points, each a line of its own: nothing drawn for November, not even a 0.
    assert len(svg.find_all("circle")) == 2
    assert len(svg.find_all("polyline")) == 2
    drawn = [t.text for t in svg.find_all("text")]
    assert "65.0%" in drawn
    assert "80.5%" in drawn
    _, _, awaiting = table_parts(page.find("table", "awaiting"))
    assert [tr.elements()[0].text for tr in awaiting] == ["1.2"]  # 1.1 is assured


def test_a_public_page_leaves_out_a_restricted_measure(export_html: Export) -> None:
    source = export_html(sp.loads(PLAN), audience="public").decode("utf-8")
    assert "Rapid reviews on time" in source
    assert "Children named in reviews" not in source

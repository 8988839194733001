"""The charts as drawn: their text one size whatever they show, and no label over another.

A chart's text is sized by the page's style in the drawing's own units, which the page scales
to its width: drawings of one width have text of one size. A label's box is estimated from its
characters (about 0.62 of the text's size each, a sans-serif face's average); the browser test
(test_html_browser.py) measures the real ones.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

import pytest
from _htmltree import Element, parse

import safeguarding_plan as sp

Export = Callable[..., bytes]

SIZE = 14
"""The charts' text, in the drawings' own units: the page's style, ``font: 14px``."""
Box = tuple[float, float, float, float]


def _charts(export_html: Export, plan: sp.Plan) -> list[Element]:
    return [f.find("svg") for f in parse(export_html(plan).decode("utf-8")).find_all("figure")]


def _size(svg: Element) -> tuple[float, float]:
    """The drawing's width and height in its own units (HTML reads ``viewBox`` as written
    in lower case)."""
    width, height = (svg.get("viewbox") or "").split()[2:]
    return float(width), float(height)


def _lines(svg: Element) -> list[tuple[float, float, str, str]]:
    """Each line of text drawn: where, how it is anchored, and what it says."""
    found = []
    for label in svg.find_all("text"):
        anchor = label.get("text-anchor") or "start"
        for line in label.find_all("tspan") or [label]:
            found.append((float(line.get("x") or 0), float(line.get("y") or 0), anchor, line.text))
    return found


def _box(x: float, y: float, anchor: str, line: str) -> Box:
    """Left, top, right and bottom of a line of text whose baseline starts at ``y``."""
    width = 0.62 * SIZE * len(line)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, y - 0.8 * SIZE, left + width, y + 0.25 * SIZE


def _meet(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_text_inside_and_apart(svg: Element) -> None:
    """Every line of text of the drawing inside it, and no line over another."""
    width, height = _size(svg)
    lines = _lines(svg)
    boxes = [_box(*line) for line in lines]
    for line, (left, top, right, bottom) in zip(lines, boxes, strict=True):
        assert left >= 0, line
        assert right <= width, line
        assert top >= 0, line
        assert bottom <= height, line
    for (one, a), (other, b) in combinations(zip(lines, boxes, strict=True), 2):
        assert not _meet(a, b), (one, other)


@pytest.mark.parametrize("reviews", [1, 2, 8, 20, 40])
def test_the_trend_keeps_its_text_one_size_and_its_labels_apart(
    export_html: Export, reviewed: Callable[[int], sp.Plan], reviews: int
) -> None:
    plan = reviewed(reviews)
    report = sp.report(plan)
    svgs = _charts(export_html, plan)
    assert len(svgs) == len(report.charts) == (1 if reviews == 1 else 2)
    by_priority = _charts(export_html, reviewed(1))[0]
    for svg, chart in zip(svgs, report.charts, strict=True):
        # As wide as the chart by priority, however many reviews, and no size of its own.
        assert _size(svg)[0] == _size(by_priority)[0]
        for element in svg.find("g").iter():
            assert not {"font-size", "style", "transform", "textlength"} & set(element.attrs)
        assert_text_inside_and_apart(svg)
        # Every value and every review in words, for a reader who cannot see it.
        for category, value in zip(chart.categories, chart.series[0].values, strict=True):
            assert f"{category}, {value:g}%" in chart.description or (
                f"{category}: {value:g}%" in chart.description
            )
    if reviews == 1:
        return
    trend, chart = svgs[1], report.charts[1]
    labels = [" ".join(t.text.split()) for t in trend.find("g").find_all("text")]
    values = [f"{value:g}%" for value in chart.series[0].values]
    # The latest review is named and its value shown, last; every name shown is whole.
    assert labels[-2:] == [values[-1], chart.categories[-1]]
    named = [label for label in labels if label in chart.categories]
    assert named == [c for c in chart.categories if c in named]  # in order
    assert len(named) == len([label for label in labels if not label.endswith("%")])
    assert len(named) >= min(reviews, 4)

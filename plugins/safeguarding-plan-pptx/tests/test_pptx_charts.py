"""Each chart read back as PowerPoint and Excel read it: python-pptx finds its kind, its
categories, series and values, its axis and its formats; the workbook behind it (which
PowerPoint opens to edit the data) holds the same numbers. The deck is written without
xlsxwriter, which python-pptx's own chart data imports."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from safeguarding_plan_pptx import _deck
from safeguarding_plan_pptx._slides import Slides
from test_pptx_hostile import hostile

import safeguarding_plan as sp
from safeguarding_plan.plugin import Chart, ChartKind, ChartSeries, Words, clean

Export = Callable[..., bytes]

BIRMINGHAM = Path(__file__).resolve().parents[3] / "examples" / "birmingham-2021-23" / "plan.yaml"
KINDS = {ChartKind.BAR: XL_CHART_TYPE.BAR_CLUSTERED, ChartKind.LINE: XL_CHART_TYPE.LINE_MARKERS}
PERCENT = '0"%"'
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _charts(data: bytes) -> list[Any]:
    """The frame of every chart of the deck, in slide order, as python-pptx reads it."""
    deck = Presentation(io.BytesIO(data))
    return [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]


def _sheet(chart: Any) -> list[list[Any]]:
    """The rows of the chart's embedded workbook, as openpyxl reads them."""
    blob = chart.part.chart_workbook.xlsx_part.blob
    book = openpyxl.load_workbook(io.BytesIO(blob))
    assert book.sheetnames == ["Sheet1"]
    return [list(row) for row in book["Sheet1"].iter_rows(values_only=True)]


@cache
def _words() -> Words:
    return sp.report(sp.load(BIRMINGHAM)).words


def _drawn(charts: list[Chart]) -> bytes:
    """A deck of ``charts`` alone, each drawn on a slide of its own."""
    deck = _deck.default()
    slides = Slides(deck, _deck.layouts(deck), _words())
    for chart in charts:
        slides.chart(chart)
    stream = io.BytesIO()
    deck.save(stream)
    return stream.getvalue()


def _read(category: str) -> str:
    """A category as python-pptx reads it back: an empty one as ``None``."""
    return clean(category) or "None"


def _check(frame: Any, chart: Chart) -> None:
    """The chart in ``frame`` (read back) is ``chart``: its kind, numbers, axis, formats,
    workbook and alternative text."""
    properties = frame._element.nvGraphicFramePr.cNvPr
    assert (properties.get("descr"), properties.get("title")) == (
        clean(chart.description),
        clean(chart.title),
    )
    drawn = frame.chart
    assert drawn.chart_type == KINDS[chart.kind]
    plot = drawn.plots[0]
    assert [str(c) for c in plot.categories] == [_read(c) for c in chart.categories]
    assert [s.name for s in plot.series] == [clean(s.name) for s in chart.series]
    assert [list(s.values) for s in plot.series] == [list(s.values) for s in chart.series]
    assert drawn.has_title is False
    assert drawn.has_legend is (len(chart.series) > 1)
    if drawn.has_legend:
        assert drawn.legend.position == XL_LEGEND_POSITION.BOTTOM
        assert drawn.legend.include_in_layout is False
    axis = drawn.value_axis
    assert (axis.minimum_scale, axis.maximum_scale) == (0, 100)
    assert axis.axis_title.text_frame.text == clean(chart.axis)
    assert (axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked) == (
        PERCENT,
        False,
    )
    assert plot.has_data_labels
    labels = plot.data_labels
    assert (labels.number_format, labels.number_format_is_linked, labels.show_value) == (
        PERCENT,
        False,
        True,
    )
    assert (drawn.font.name, drawn.font.size.pt) == ("Arial", 14)
    if chart.kind is ChartKind.BAR:
        # The first category at the top, and the value axis still along the foot.
        assert drawn.category_axis.reverse_order is True
        assert drawn._chartSpace.find(f".//{_C}valAx/{_C}crosses").get("val") == "max"
    rows = _sheet(drawn)
    assert [name or "" for name in rows[0]] == ["", *(clean(s.name) for s in chart.series)]
    assert [row[0] or "" for row in rows[1:]] == [clean(c) for c in chart.categories]
    for number, series in enumerate(chart.series, 1):
        assert [row[number] for row in rows[1:]] == list(series.values)


def test_the_deck_is_written_without_xlsxwriter() -> None:
    code = (
        "import io, sys, zipfile\n"
        "import safeguarding_plan as sp, safeguarding_plan_pptx\n"
        "manager = sp.get_plugin_manager(autoload=False)\n"
        "manager.add(safeguarding_plan_pptx, name='pptx', origin='test')\n"
        "out = io.BytesIO()\n"
        f"sp.export(sp.load({str(BIRMINGHAM)!r}), 'pptx', out, plugin_manager=manager)\n"
        "names = zipfile.ZipFile(out).namelist()\n"
        "print('ppt/charts/chart1.xml' in names)\n"
        "print(*sorted(m for m in sys.modules if 'xlsx' in m or m.startswith('pptx.chart.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    charted, imported = done.stdout.split("\n", 1)
    assert charted == "True"  # so a deck with a chart
    assert not {"xlsxwriter", "pptx.chart.data", "pptx.chart.xlsx"} & set(imported.split())


def test_birminghams_charts_read_back_as_the_reports(export_pptx: Export) -> None:
    plan = sp.load(BIRMINGHAM)
    report = sp.report(plan)
    drawn = _charts(export_pptx(plan))
    assert len(drawn) == len(report.charts) > 0
    for found, chart in zip(drawn, report.charts, strict=True):
        _check(found, chart)


def test_the_trend_reads_back_as_a_line(export_pptx: Export, learning_plan: sp.Plan) -> None:
    report = sp.report(learning_plan)
    drawn = _charts(export_pptx(learning_plan))
    assert [c.chart.chart_type for c in drawn] == [KINDS[c.kind] for c in report.charts]
    assert ChartKind.LINE in {c.kind for c in report.charts}
    for found, chart in zip(drawn, report.charts, strict=True):
        _check(found, chart)


@pytest.mark.parametrize("kind", list(ChartKind))
def test_several_series_have_a_legend_and_a_gap_where_a_value_is_missing(
    kind: ChartKind,
) -> None:
    chart = Chart(
        kind=kind,
        title="Progress & <more>",
        description='Line one\n"two"\tand three',
        categories=("Q1", "Q2", "Q3"),
        series=(ChartSeries("Priority 1", (10, 20.5, 30)), ChartSeries("All", (5, None, 60))),
        axis="% of actions complete",
    )
    (drawn,) = _charts(_drawn([chart]))
    _check(drawn, chart)


@given(category=hostile, name=hostile, axis=hostile)
def test_hostile_text_in_a_chart_survives(category: str, name: str, axis: str) -> None:
    chart = Chart(
        kind=ChartKind.BAR,
        title=name,
        description=category,
        categories=(category, "Priority 2"),
        series=(ChartSeries(name, (50, 75)), ChartSeries("Total", (0, 100))),
        axis=axis,
    )
    (drawn,) = _charts(_drawn([chart]))
    _check(drawn, chart)


def test_a_name_longer_than_a_cell_holds_is_cut_in_the_sheet_only() -> None:
    long = "x" * 40_000
    chart = Chart(
        kind=ChartKind.BAR,
        title="Long",
        description="Long",
        categories=(long,),
        series=(ChartSeries(long, (50,)),),
        axis="%",
    )
    (drawn,) = _charts(_drawn([chart]))
    assert str(drawn.chart.plots[0].categories[0]) == drawn.chart.plots[0].series[0].name == long
    assert _sheet(drawn.chart) == [[None, "x" * 32_767], ["x" * 32_767, 50]]

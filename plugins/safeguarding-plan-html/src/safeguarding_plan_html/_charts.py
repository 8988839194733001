"""The report's charts as inline SVG images, each named by its title and described by the
report's words for it (every value it shows), so a screen reader reads the numbers; the
drawing itself is hidden from it.

Every chart is drawn the same width in its own units, which the page shows as CSS pixels on a
wide screen and scales down with the page on a narrow one, so its text is one size in every
chart, however many priorities or reviews it shows. The trend labels as many reviews as fit
side by side, the latest always, each label wrapped between words to the room it has; the
others are points on the line, read against its gridlines, and in the description.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable

from safeguarding_plan.plugin import Chart, ChartKind, ChartSeries, clean

from ._text import text

# The bar chart: its labels' column, a bar's thickness, the bars' full length and a row.
_LABEL, _BAR, _PLOT, _ROW = 150, 22, 420, 30
WIDTH = _LABEL + _PLOT + 60
"""Every chart's width, in its own units."""
FONT = 14
"""The size of every chart's text, in its own units (the page's style sets it)."""

# The trend: its plot's edges and height; a line of a label, and the room between labels.
# The margins give the first and the last review's labels, centred under their points, as
# much room as any other.
_LEFT, _RIGHT, _TOP, _HIGH = 64, WIDTH - 64, 24, 150
_LINE, _GAP = 17, 10
_MOST_LINES = 3
"""A review's label is at most three lines: a longer one ends in an ellipsis."""
_VALUE = 44
"""The room a point's value takes, ``100%``, with a gap either side."""
_NAME = 124
"""The least room a review's label is given: ``November 2021 –`` on one of its lines."""
_LEVELS = (0, 25, 50, 75, 100)
"""The trend's gridlines, each labelled with its percentage."""
_BETWEEN, _KEY, _SWATCH = 2, 28, 14
"""A chart of several series: the room between a category's bars, each row of the key above
them, and each swatch of the key."""
_COLOURS = 5
"""The colours of the lines of a chart of several, in turn (the page's style sets them)."""


def figure(chart: Chart, number: int) -> list[str]:
    """``chart`` as a figure: its title as the caption, the drawing an image described in
    words; ``number`` tells its ids apart from the page's other charts'."""
    if chart.kind is ChartKind.BAR:
        height, shapes = _bars(chart)
    else:
        height, shapes = _trend(chart)
    ident = f"chart-{number}"
    return [
        '<figure class="chart">',
        f'<figcaption id="{ident}-title">{text(chart.title)}</figcaption>',
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<desc id="{ident}-desc">{text(chart.description)}</desc>',
        '<g aria-hidden="true">',
        *shapes,
        "</g>",
        "</svg>",
        "</figure>",
    ]


def _share_of(chart: Chart, value: float) -> float:
    """How far along the value axis ``value`` is, 0 to 1, kept within it."""
    span = (chart.high - chart.low) or 1.0
    return max(0.0, min((value - chart.low) / span, 1.0))


def _bars(chart: Chart) -> tuple[int, list[str]]:
    """A bar per category and series, the category's label before its bars and each value
    after its bar; a chart of several series (a year's start and end) has a key above."""
    series = chart.series
    several = len(series) > 1
    group = max(len(series), 1) * _BAR + max(len(series) - 1, 0) * _BETWEEN
    row = max(_ROW, group + 8)
    top, shapes = _key(chart, _LABEL, _bar_swatch) if several else (0, [])
    for n, category in enumerate(chart.categories):
        y = top + n * row + 4
        middle = y + group // 2 + 5
        shapes.append(
            f'<text x="{_LABEL - 8}" y="{middle}" text-anchor="end">{text(category)}</text>'
        )
        for k, one in enumerate(series):
            shapes += _bar(chart, one.values[n] or 0.0, y + k * (_BAR + _BETWEEN), k)
    return top + row * len(chart.categories) + 30, shapes


def _bar(chart: Chart, value: float, y: int, series: int) -> list[str]:
    width = _PLOT * _share_of(chart, value)
    return [
        f'<rect x="{_LABEL}" y="{y}" width="{width:.1f}" height="{_BAR}" '
        f'class="{_bar_class(series)}"/>',
        f'<text x="{_LABEL + width + 6:.1f}" y="{y + 16}">{text(chart.label(value))}</text>',
    ]


def _bar_class(series: int) -> str:
    """The first series' bars are the page's blue, as a chart of one series has them."""
    return "bar" if series == 0 else f"bar series-{series}"


def _key(
    chart: Chart, left: float, swatch: Callable[[float, float, int, ChartSeries], str]
) -> tuple[int, list[str]]:
    """Each series' name beside a ``swatch`` of how it is drawn, in the series' order, from
    ``left``, in as many rows as the names need; the key's height, and its shapes."""
    shapes, x, row = [], left, 0
    for k, one in enumerate(chart.series):
        width = _SWATCH + 6 + drawn_width(one.name)
        if x > left and x + width > WIDTH:
            x, row = left, row + 1
        y = row * _KEY
        shapes += [
            swatch(x, y, k, one),
            f'<text x="{x + _SWATCH + 6:.1f}" y="{y + 17}">{text(one.name)}</text>',
        ]
        x += width + 18
    return (row + 1) * _KEY, shapes


def _bar_swatch(x: float, y: float, k: int, one: ChartSeries) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y + 5}" width="{_SWATCH}" height="{_SWATCH}" '
        f'class="{_bar_class(k)}"/>'
    )


def _line_swatch(x: float, y: float, k: int, one: ChartSeries) -> str:
    return (
        f'<line x1="{x:.1f}" y1="{y + 12}" x2="{x + _SWATCH:.1f}" y2="{y + 12}" '
        f'class="{_line_class("line", k, one)}"/>'
    )


def _line_class(kind: str, k: int, one: ChartSeries) -> str:
    """A line's, or its points', class: the first series' the page's blue, as a chart of
    one series has it; each other a colour of its own in turn; the whole plan's set apart."""
    if one.total:
        return f"{kind} total"
    return kind if k == 0 else f"{kind} series-{k % _COLOURS}"


def _trend(chart: Chart) -> tuple[int, list[str]]:
    """A line for each series, one point per review, across gridlines, a gap where a review
    gives no value (never a point at 0); a key above a chart of several lines. The reviews'
    names, and the values of the one line, or of the whole plan's among several (the labels
    of lines that meet would cover each other), of as many points as have room, counted back
    from the latest."""
    categories = chart.categories
    slot = (_RIGHT - _LEFT) / max(len(categories), 1)
    several = len(chart.series) > 1
    key, shapes = _key(chart, _LEFT, _line_swatch) if several else (0, [])
    top = key + _TOP
    bottom = top + _HIGH
    for share in _LEVELS:
        y = bottom - _HIGH * share / 100
        level = chart.low + (chart.high - chart.low) * share / 100
        shown = text(f"{chart.before}{level:g}{chart.after}")
        shapes += [
            f'<line x1="{_LEFT}" y1="{y:g}" x2="{_RIGHT}" y2="{y:g}" class="grid"/>',
            f'<text x="{_LEFT - 12}" y="{y + 5:g}" text-anchor="end">{shown}</text>',
        ]
    every_value, every_name = _every(_VALUE, slot), _every(_NAME, slot)
    values: dict[int, str] = {}  # each labelled point's value, by the point's review
    # The labelled line last, so that its line and its points are drawn over the others.
    for k, one in sorted(enumerate(chart.series), key=lambda pair: pair[1].total):
        points = [
            (
                _LEFT + slot * (n + 0.5),
                None if value is None else bottom - _HIGH * _share_of(chart, value),
            )
            for n, value in enumerate(one.values)
        ]
        line = _line_class("line", k, one)
        for run in _runs(points):
            shapes.append(
                f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in run)}" '
                f'class="{line}"/>'
            )
        labelled = not several or one.total
        for n, ((x, point), value) in enumerate(zip(points, one.values, strict=True)):
            if point is None or value is None:
                continue
            shapes.append(_point(x, point, _line_class("point", k, one), square=one.total))
            if labelled and (len(points) - 1 - n) % every_value == 0:
                values[n] = (
                    f'<text x="{x:.1f}" y="{point - 10:.1f}" text-anchor="middle">'
                    f"{text(chart.label(value))}</text>"
                )
    most = 1
    for n, category in enumerate(categories):
        x = _LEFT + slot * (n + 0.5)
        if n in values:
            shapes.append(values[n])
        if (len(categories) - 1 - n) % every_name == 0:
            # As wide as the room to the next label, and never past the drawing's edge.
            room = min(every_name * slot, 2 * x, 2 * (WIDTH - x)) - _GAP
            lines = wrapped(category, room)
            most = max(most, len(lines))
            shapes.append(_label(x, bottom + 24, lines))
    return math.ceil(bottom + 24 + _LINE * (most - 1) + 10), shapes


def _point(x: float, y: float, kind: str, *, square: bool) -> str:
    """A point of a line: a circle, or a square for the whole plan's."""
    if square:
        return f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" class="{kind}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" class="{kind}"/>'


def _runs(points: list[tuple[float, float | None]]) -> list[list[tuple[float, float]]]:
    """The points with a value, in runs broken where a point has none: the line's pieces."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in points:
        if y is None:
            runs.append([])
        else:
            runs[-1].append((x, y))
    return [run for run in runs if run]


def _every(room: float, slot: float) -> int:
    """Label every how many points, so that labels ``room`` wide do not meet."""
    return max(1, math.ceil(room / slot))


def _label(x: float, y: float, lines: list[str]) -> str:
    """A label of several lines, centred under ``x``, its first line at ``y``."""
    # A line each in the file: the line breaks between them are only white space.
    spans = "\n".join(
        f'<tspan x="{x:.1f}" y="{y + _LINE * n:g}">{text(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y:g}" text-anchor="middle">\n{spans}\n</text>'


def wrapped(label: str, room: float) -> list[str]:
    """``label`` as lines each drawn no wider than ``room`` (see `drawn_width`), broken
    between words, a word too long for a line within it; at most three lines, the last ended
    with an ellipsis when the label does not fit in them."""
    lines = [""]
    for word in clean(label).split():
        joined = f"{lines[-1]} {word}" if lines[-1] else word
        if drawn_width(joined) <= room:
            lines[-1] = joined
            continue
        if lines[-1]:
            lines.append("")
        for char in word:
            if lines[-1] and drawn_width(lines[-1] + char) > room:
                lines.append("")
            lines[-1] += char
    if len(lines) <= _MOST_LINES:
        return lines
    last = lines[_MOST_LINES - 1]
    while last and drawn_width(f"{last}…") > room:
        last = last[:-1]
    return [*lines[: _MOST_LINES - 1], f"{last.rstrip()}…"]


def drawn_width(line: str) -> float:
    """How wide ``line`` is drawn, on the wide side, from its characters: a sans-serif face
    draws most at up to 0.62 of its size and capitals at up to 0.8; a wide East Asian
    character or an emoji takes the whole; a combining mark or an invisible one nothing."""
    return FONT * sum(_share(char) for char in line)


def _share(char: str) -> float:
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return 0.8 if char.isupper() else 0.62

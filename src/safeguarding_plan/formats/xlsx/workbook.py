"""The tracker as an Excel workbook, written from a ``Report`` by the project's own
SpreadsheetML writer (``ooxml.spreadsheet``).

The sheets and columns are the contract of ``formats.xlsx.layout`` (imported as ``tracker``).
Everything a sheet shows is laid out and checked first (``layout``), as plain rows of cleaned
text, numbers and dates, so an over-long text fails before any file is touched; then each sheet
is written as XML text, the rows of actions, the bulk of a large tracker, made one at a time as
they are compressed, so a tracker of thousands of actions is fast and small in memory.

Plan text is always a text cell, never a formula (``=…``) or an error (``#N/A``), and its
style's quote prefix keeps Excel from reading it as a formula when someone edits it.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, NamedTuple

from safeguarding_plan.errors import shown
from safeguarding_plan.formats.ooxml.spreadsheet import cells, package
from safeguarding_plan.formats.ooxml.spreadsheet.charts import ColumnChart, Reference
from safeguarding_plan.formats.ooxml.spreadsheet.package import Page, Properties
from safeguarding_plan.formats.ooxml.spreadsheet.styles import Font, Style, Stylesheet
from safeguarding_plan.formats.ooxml.spreadsheet.worksheet import (
    ColourRule,
    Sheet,
    Table,
    Validation,
    quoted,
)
from safeguarding_plan.formats.palette import HEADER_FILL, INPUT_FILL, RAG_FILL
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.formats.xlsx import measures, yearsheet
from safeguarding_plan.formats.xlsx.lines import Entry, Line, Value, fit
from safeguarding_plan.formats.xlsx.options import TrackerOptions, rows
from safeguarding_plan.model.ratings import Rag, Rating
from safeguarding_plan.reporting.contents import (
    ActionRow,
    CaseReviewRow,
    LearningSection,
    RecommendationRow,
    Report,
)
from safeguarding_plan.reporting.sentences import (
    due_status_note,
    editable_note,
    lead_columns_note,
    lead_note,
    return_note,
    update_form_note,
)
from safeguarding_plan.reporting.wording import Words
from safeguarding_plan.text import clean

DARK_BLUE = "1F3864"
DATE_FORMAT = "dd/mm/yyyy"
TABLE_STYLE = "TableStyleLight1"

ACTION_WIDTHS = {
    tracker.PRIORITY: 10,
    tracker.ACTION_ID: 9,
    tracker.ACTION: 46,
    tracker.LEAD: 22,
    tracker.DUE: 15,
    tracker.DUE_DATE: 11,
    tracker.PROGRESS: 13,
    tracker.RATING: 17,
    tracker.UPDATE: 46,
    tracker.PREVIOUS_RATING: 17,
}
"""Characters per column of the Actions sheet: wide enough for ids, dates and rating words,
the action and its update wrapping in the two wide ones."""
FORM_WIDTHS = {
    tracker.PRIORITY: 8,
    tracker.PRIORITY_TITLE: 14,
    tracker.ACTION_ID: 7,
    tracker.ACTION: 24,
    tracker.LEAD: 16,
    tracker.DUE: 10,
    tracker.DUE_DATE: 11,
    tracker.DUE_STATUS: 9,
    tracker.PREVIOUS_RATING: 10,
    tracker.PREVIOUS_UPDATE: 20,
    tracker.PROGRESS: 10,
    tracker.RATING: 11,
    tracker.UPDATE: 24,
}
"""An update form's columns, each as narrow as its heading's longest word allows (a date's
ten digits in Due date), the texts wrapping: a lead's form, whose Lead column is hidden, is
158 characters wide, which prints a landscape A4 page wide at 9 points or more."""
SUMMARY_WIDTHS = (12, 35, 8, 9, 11, 31)
KEY_WIDTHS = (7, 20, 8, 52, 2, 13)
"""The Summary and the Key sheets, portrait: 106 and 102 characters, 9 points or more when
printed a page wide."""
REVIEWS_WIDTHS = (30, 20, 30, 16, 28, 40, 28, 40)
"""The Reviews sheet's columns; its recommendations, below the reviews, take the first five."""
LEAD_REVIEWS_WIDTHS = (32, 16, 48, 24, 24)
"""A lead's Reviews sheet: the recommendations their actions carry out, landscape."""
DATA_WIDTHS = (14, 60)
HIDDEN_WIDTH = 10_000
"""What a hidden column counts as when a row's height is worked out: its text never wraps."""

KEY_PROGRESS_COLUMN = 6
"""Column F of the Key sheet lists the progress words (A to D are the rating scale)."""


# --- the layout: every cell's content, cleaned and checked ------------------------------------


class Layout(NamedTuple):
    """What each sheet shows, in rows, and where the Summary's tables are."""

    summary: tuple[Line, ...]
    priority_rows: tuple[int, int]
    """The Summary rows of the table's header and its last priority (the chart's source)."""
    columns: tuple[str, ...]
    """The Actions sheet's columns: ``tracker.COLUMNS``, or an update form's."""
    actions: tuple[tuple[Value, ...], ...]
    """The Actions sheet's data rows, in ``columns`` order."""
    key: tuple[Line, ...]
    ratings: tuple[tuple[str, Rag], ...]
    """The scale's words and colours, best first, as the Key sheet lists them from row 2."""
    progress: tuple[str, ...]
    """The progress words, as the Key sheet lists them from row 2."""
    data: tuple[tuple[str, str], ...]
    reviews: tuple[Line, ...] = ()
    """The Reviews sheet; none for a plan without case reviews, which has no such sheet (nor
    a lead's tracker whose actions carry out no recommendation)."""
    measures: tuple[Line, ...] = ()
    """The Measures sheet; none when the report shows no measures, and on a tracker for one
    lead: the figures are the partnership's to give, not an action's lead's."""
    year: tuple[Line, ...] = ()
    """The Year sheet: a yearly report's own sections; none in any other tracker."""


def _labels(report: Report) -> dict[str, str]:
    return {r.key: fit(r.label, f"rating {shown(clean(r.key))}: its label") for r in report.key}


def _rating(labels: dict[str, str], rating: Rating | None) -> str | None:
    if rating is None:
        return None
    where = f"rating {shown(clean(rating.key))}: its label"
    return labels.get(rating.key) or fit(rating.label, where)


def columns(settings: TrackerOptions) -> tuple[str, ...]:
    """The Actions sheet's columns: an update form has its own."""
    return tracker.FORM_COLUMNS if settings.form else tracker.COLUMNS


def _action(
    row: ActionRow, labels: dict[str, str], settings: TrackerOptions, titles: dict[str, str]
) -> tuple[Value, ...]:
    where = f"action {shown(clean(row.id))}: its"

    def text(value: str | None, field: str) -> str | None:
        return None if value is None else fit(value, f"{where} {field}")

    form = settings.form
    note = text(row.note, "update")
    values: dict[str, Value] = {
        tracker.PRIORITY: text(row.priority_id, "priority"),
        tracker.PRIORITY_TITLE: titles.get(row.priority_id),
        tracker.ACTION_ID: text(row.id, "id"),
        tracker.ACTION: text(row.text, "text"),
        tracker.LEAD: text(row.lead, "lead"),
        tracker.DUE: text(row.due, "due date"),
        tracker.DUE_DATE: row.due_date,
        tracker.DUE_STATUS: row.due_status,
        tracker.PROGRESS: row.progress.label,
        tracker.RATING: _rating(labels, row.rating),
        tracker.UPDATE: None if form else note,
        # An update form's previous rating and update are those the form starts from.
        tracker.PREVIOUS_RATING: _rating(labels, row.rating if form else row.previous_rating),
        tracker.PREVIOUS_UPDATE: note if form else None,
    }
    return tuple(values[column] for column in columns(settings))


def _symbol(rating: Rating) -> str | None:
    where = f"rating {shown(clean(rating.key))}: its symbol"
    return fit(rating.symbol, where) if rating.symbol else None


def _notes(report: Report, settings: TrackerOptions, listed: int, measured: bool) -> list[Line]:
    """What kind of tracker this is, and what a lead may change in it (and on a ``measured``
    tracker, what may be given on its Measures sheet)."""
    notes = [report.public_notice] if report.public_notice else []
    if settings.lead is not None:
        notes.append(lead_note(listed, fit(settings.lead, "the lead")))
    if settings.new_review is not None:
        notes.append(update_form_note(fit(settings.new_review, "the new review")))
        if settings.return_by is not None:
            notes.append(return_note(settings.return_by))
        if report.as_of is not None and report.score.due_soon_by is not None:
            notes.append(due_status_note(report.as_of, report.score.due_soon_by))
        if measured:
            notes.append(report.words.measures_to_fill_in)
    if report.audience == "board":  # a public tracker is for reading, never imported
        notes.append(editable_note(tracker.EDITABLE))
        if measured and not settings.form:
            notes.append(report.words.measures_editable)
    return [Line.prose(note, "bold") for note in notes]


def _summary(
    report: Report,
    settings: TrackerOptions,
    labels: dict[str, str],
    listed: int,
    *,
    reviews: bool,
    measured: bool,
) -> tuple[tuple[Line, ...], tuple[int, int]]:
    """The Summary sheet of a tracker listing ``listed`` actions, with a Reviews sheet or not
    and a Measures sheet or not."""
    w = report.words
    # The title's parts first, so that one too long is named as the plan file names it.
    fit(report.plan_title, "the plan's title")
    fit(report.period or "", "the plan's period")
    fit(report.review_title or "", "the review's title")
    lines = [
        Line.of((fit(report.title, "the title"), "title")),
        Line.of((fit(report.partnership, "the partnership's name"), "heading")),
    ]
    if report.as_of_text and not settings.form:  # a form's own date is its Due status's
        lines.append(Line.of((f"{w.progress_as_at} {report.as_of_text}", "plain")))
    lines += _notes(report, settings, listed, measured)
    lines += [Line.of(), Line.prose(report.headline, where="the headline")]
    if report.expected:
        lines.append(Line.prose(report.expected, where="the expected sentence"))
    if report.learning is not None:
        listing = w.reviews_listed if settings.lead is None else w.reviews_listed_for_lead
        learning = f"{report.learning.summary} {listing}" if reviews else report.learning.summary
        lines.append(Line.prose(learning, where="the case reviews' summary"))
    headings = (w.priority, w.title, w.actions, w.complete, w.percent_complete, w.ratings)
    lines += [Line.of(), Line.headings(*headings)]
    header = len(lines)
    # The report's summary table, with a priority's id and title in columns of their own (the
    # chart's categories are the ids); the whole plan's row last, set apart.
    for row in report.summary_rows:
        section = row.priority
        if section is None:
            lines.append(
                Line.of(
                    (row.heading, "total"),
                    (None, "total"),
                    (row.counts.actions, "total number"),
                    (row.counts.complete, "total number"),
                    (row.counts.percent_complete / 100, "total percent"),
                    (fit(row.ratings, "the plan's ratings"), "total"),
                )
            )
            continue
        where = f"priority {shown(clean(section.id))}: its"
        lines.append(
            Line.of(
                (fit(section.id, f"{where} id"), "text"),
                (fit(section.title, f"{where} title"), "text"),
                (row.counts.actions, "number"),
                (row.counts.complete, "number"),
                (row.counts.percent_complete / 100, "percent"),
                (fit(row.ratings, f"{where} ratings"), "text"),
            )
        )
    last = len(lines) - 1  # the last priority's row
    total = report.score
    lines += [Line.of(), Line.headings(w.symbol, w.rating, w.actions)]
    for rating in report.key:
        lines.append(
            Line.of(
                (_symbol(rating), "text"),
                (labels[rating.key], f"rag {rating.rag.value}"),
                (total.by_rating.get(rating.key, 0), "number"),
            )
        )
    lines += [
        Line.of((None, "text"), (w.not_yet_rated, "text"), (total.unrated, "number")),
        Line.of(),
    ]
    return tuple(lines), (header, last)


def _key(report: Report, labels: dict[str, str]) -> tuple[Line, ...]:
    """The rating scale in columns A to D and the progress words in column F, which the
    Actions sheet's drop-down lists take their choices from."""
    w = report.words
    progress = [p.label for p in report.progress_scale]
    lines = [
        Line.of(
            *((h, "header") for h in (w.symbol, w.rating, w.rag, w.meaning)),
            (None, "plain"),
            (w.progress, "header"),
        )
    ]
    for number in range(max(len(report.key), len(progress))):
        cells: list[tuple[Value, str]] = [(None, "plain")] * 4
        if number < len(report.key):
            rating = report.key[number]
            meaning = f"rating {shown(clean(rating.key))}: its meaning"
            cells = [
                (_symbol(rating), "text"),
                (labels[rating.key], f"rag {rating.rag.value}"),
                (rating.rag.label, f"rag {rating.rag.value}"),
                (fit(rating.meaning, meaning) if rating.meaning else None, "text"),
            ]
        cells.append((None, "plain"))
        if number < len(progress):
            cells.append((progress[number], "text"))
        lines.append(Line.of(*cells))
    return tuple(lines)


def _reviews(learning: LearningSection | None, w: Words) -> tuple[Line, ...]:
    """Each case review in a row, then each recommendation in a row below them."""
    if learning is None:
        return ()
    reviews = (w.review, w.kind, w.subject, w.status, w.dates, w.timeliness)
    lines = [Line.headings(*reviews, w.practice_themes, w.recommendations)]
    for review in learning.reviews:
        lines.append(_review(review))
    recommendations = [
        _recommendation(r, rec, r, rec, rec.actions)
        for r in learning.reviews
        for rec in r.recommendations
    ]
    if recommendations:
        lines += [Line.of(), _recommendations_header(w), *recommendations]
    return tuple(lines)


def _recommendations_header(w: Words) -> Line:
    return Line.headings(
        w.review, w.recommendation_id, w.recommendation, w.plan_actions, w.progress
    )


def _recommendation(
    review: CaseReviewRow,
    rec: RecommendationRow,
    shown_review: CaseReviewRow,
    shown_rec: RecommendationRow,
    actions: Iterable[tuple[str, str]],
) -> Line:
    """A recommendation's row: its review, id, text, ``actions`` (each with its progress) and
    progress, as ``shown_review`` and ``shown_rec`` word them; located by ``review`` and
    ``rec`` as the plan has them."""
    where = f"case review {shown(clean(review.id))}: recommendation {shown(clean(rec.id))}"
    listed = "\n".join(f"{action_id} {progress}" for action_id, progress in actions)
    return Line.of(
        (fit(shown_review.title, f"{where}: its review's title"), "text"),
        (fit(shown_rec.id, f"{where}: its id"), "text"),
        (fit(shown_rec.text, f"{where}: its text"), "text"),
        (fit(listed, f"{where}: its plan actions") or None, "text"),
        (rec.progress, "text"),
    )


def _lead_reviews(
    learning: LearningSection | None, actions: Iterable[str], w: Words
) -> tuple[Line, ...]:
    """A lead's Reviews sheet: only the recommendations their ``actions`` carry out, each with
    only those actions, from the case reviews as a lead reads them (no subject, no restricted
    name); none when their actions carry out no recommendation."""
    if learning is None:
        return ()
    theirs = set(actions)
    lines = [
        _recommendation(review, rec, shared, said, linked)
        for review, shared in zip(learning.reviews, learning.shared, strict=True)
        for rec, said in zip(review.recommendations, shared.recommendations, strict=True)
        if (linked := [(a, progress) for a, progress in rec.actions if a in theirs])
    ]
    return (_recommendations_header(w), *lines) if lines else ()


def _review(review: CaseReviewRow) -> Line:
    where = f"case review {shown(clean(review.id))}: its"

    def joined(texts: Iterable[str], field: str) -> str | None:
        return fit("\n".join(texts), f"{where} {field}") or None

    return Line.of(
        (fit(review.title, f"{where} title"), "text"),
        (review.kind, "text"),
        (None if review.subject is None else fit(review.subject, f"{where} subject"), "text"),
        (review.status, "text"),
        (joined(review.date_lines, "dates"), "text"),
        (joined(review.timeliness, "timeliness"), "text"),
        (joined(review.themes, "practice themes"), "text"),
        (
            joined(
                (f"{rec.id}: {rec.text} – {rec.progress}" for rec in review.recommendations),
                "recommendations",
            ),
            "text",
        ),
    )


def layout(report: Report, settings: TrackerOptions) -> Layout:
    """Everything the tracker shows, cleaned; ExporterError for text too long for a cell."""
    labels = _labels(report)
    titles = {
        p.id: fit(p.title, f"priority {shown(clean(p.id))}: its title") for p in report.priorities
    }
    listed = rows(report, settings)
    actions = tuple(_action(row, labels, settings, titles) for row in listed)
    if settings.lead is None:
        reviews = _reviews(report.learning, report.words)
    else:
        reviews = _lead_reviews(report.learning, (row.id for row in listed), report.words)
    measured = measures.lines(report, settings.form) if settings.lead is None else ()
    summary, priority_rows = _summary(
        report, settings, labels, len(actions), reviews=bool(reviews), measured=bool(measured)
    )
    data = {
        tracker.META_FORMAT: tracker.FORMAT,
        tracker.META_PARTNERSHIP: fit(report.partnership, "the partnership's name"),
        tracker.META_PLAN: fit(report.plan_title, "the plan's title"),
        tracker.META_PERIOD: fit(report.period or "", "the plan's period"),
        tracker.META_REVIEW: fit(report.review_id or "", "the review's id"),
        tracker.META_NEW_REVIEW: settings.new_review or "",
        tracker.META_LEAD: fit(settings.lead or "", "the lead"),
        tracker.META_ACTIONS: "\n".join(row.id for row in listed) if settings.lead else "",
        tracker.META_AUDIENCE: report.audience,
        tracker.META_MEASURES: str(len(measured) - 1) if measured else "",  # less the header
    }
    return Layout(
        summary=summary,
        priority_rows=priority_rows,
        columns=columns(settings),
        actions=actions,
        key=_key(report, labels),
        ratings=tuple((labels[r.key], r.rag) for r in report.key),
        progress=tuple(p.label for p in report.progress_scale),
        data=tuple((k, fit(data[k], f"the tracker's {k}")) for k in tracker.META_KEYS),
        reviews=reviews,
        measures=measured,
        year=yearsheet.lines(report),
    )


# --- row heights ------------------------------------------------------------------------------

FONT = "Arial"
"""10-point Arial: its digit is the 7-pixel unit Excel measures column widths in, and every
office machine has it (LibreOffice's Liberation Sans has the same metrics)."""
LINE = 12.75
"""Points per line of 10-point Arial, Excel's own row height for it."""
MOST = 409
"""Excel's tallest row, in points."""
CHARACTERS_PER_WIDTH = 1.1
"""Characters of ordinary text a line holds per unit of column width (about 1.2 measured in
LibreOffice, whose unit is Arial's digit, 5.56 points, and a little less in Excel, whose unit
is 7 pixels, 5.25 points; less for capitals): a little under, so a row is never too short
for its text."""
BOLD = frozenset({"header", "input header", "total", "bold prose"})
"""The wrapped styles in bold, whose letters are wider: a line holds a tenth fewer."""
WRAPPED = BOLD | {
    "text",
    "input text",
    "input due",
    "plain prose",
    *(f"rag {r.value}" for r in Rag),
}
TALL = {"title": 24.0, "heading": 17.0}


def _display(text: str) -> int:
    """Width in narrow characters: east Asian wide characters take two."""
    if text.isascii():
        return len(text)
    # Mapped in C: a tracker of thousands of actions measures every word of them.
    return len(text) + sum(map(_WIDE.__contains__, map(unicodedata.east_asian_width, text)))


_WIDE = frozenset({"W", "F"})


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapped cell ``width`` units wide, wrapping at spaces as
    Excel does (a word longer than a line is broken)."""
    per_line = max(1, int(width * CHARACTERS_PER_WIDTH))
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        if len(paragraph) * 2 <= per_line:
            continue
        shown = _display(paragraph)
        if shown <= per_line:
            continue
        narrow = shown == len(paragraph)  # no wide character: each word's width is its length
        used = -1  # no space before the first word
        for word in paragraph.split(" "):
            size = len(word) if narrow else _display(word)
            if used + 1 + size <= per_line:
                used += 1 + size
                continue
            if used > 0:
                count += 1
            count += (size - 1) // per_line if size else 0
            used = size % per_line if size > per_line else size
    return count


def height(values: Sequence[Entry], styles: Sequence[str], widths: Sequence[int]) -> float | None:
    """The points a row needs to show its wrapped text (None: the default single line).

    Neither Excel nor LibreOffice measures wrapped text when it opens a file, so without a
    height a long update would show as one line."""
    lines = 1
    for value, style, width in zip(values, styles, widths, strict=False):
        if isinstance(value, str) and style in WRAPPED:
            lines = max(lines, _lines(value, width * 0.9 if style in BOLD else width))
    tallest = max((TALL.get(style, 0.0) for style in styles), default=0.0)
    if lines == 1 and not tallest:
        return None
    return min(MOST, max(tallest, lines * LINE + 2))


# --- the workbook -----------------------------------------------------------------------------

BORDER = "A6A6A6"
"""The thin grey border round each cell of a table."""
NORMAL = Font(FONT, 10)
BOLD_FONT = Font(FONT, 10, bold=True)


def _style(
    *,
    font: Font = NORMAL,
    fill: str | None = None,
    wrap: bool = False,
    border: str | None = BORDER,
    number_format: str = "General",
    text: bool = True,
    locked: bool = True,
) -> Style:
    # Text has the quote prefix: Excel keeps a cell text when someone edits it, even =...
    return Style(font, fill, border, wrap, number_format, text, locked)


STYLES = {
    "plain": _style(border=None),
    "bold": _style(font=BOLD_FONT, border=None),
    "plain prose": _style(border=None, wrap=True),
    "bold prose": _style(font=BOLD_FONT, border=None, wrap=True),
    "title": _style(font=Font(FONT, 16, bold=True, colour=DARK_BLUE), border=None),
    "heading": _style(font=Font(FONT, 12, bold=True), border=None),
    "header": _style(font=BOLD_FONT, fill=HEADER_FILL, wrap=True),
    "input header": _style(font=BOLD_FONT, fill=INPUT_FILL, wrap=True),
    "text": _style(wrap=True),
    "input text": _style(wrap=True, locked=False),
    "input date": _style(number_format=DATE_FORMAT, text=False, locked=False),
    # Due as typed: Excel would make "March 2023" the 1st of March, "June 23" the 23rd.
    # (Not Update too: Excel shows ##### for a text-formatted cell over 255 characters.)
    "input due": _style(wrap=True, locked=False, number_format="@"),
    "number": _style(text=False),
    "input number": _style(text=False, locked=False),
    "percent": _style(number_format="0%", text=False),
    "date": _style(number_format=DATE_FORMAT, text=False),
    "total": _style(font=BOLD_FONT, wrap=True),
    "total number": _style(font=BOLD_FONT, text=False),
    "total percent": _style(font=BOLD_FONT, number_format="0%", text=False),
    **{f"rag {rag.value}": _style(fill=fill, wrap=True) for rag, fill in RAG_FILL.items()},
    # A measure's number as written: 1.10
    **{
        f"decimal {places}": _style(
            number_format="#,##0" + ("." + "0" * places if places else ""), text=False
        )
        for places in range(measures.PLACES + 1)
    },
}
"""Each look the tracker's cells have, by the name a sheet's layout gives it."""


class _Rows:
    """A sheet's rows, laid out as XML in turn, and the ranges of its lines across it."""

    def __init__(self, styles: Stylesheet, widths: Sequence[int]) -> None:
        self.styles = styles
        self.widths = widths
        self.xml: list[str] = []
        self.merged: list[str] = []

    @property
    def count(self) -> int:
        return len(self.xml)

    def append(self, values: Sequence[Entry], styles: Sequence[str], across: bool = False) -> None:
        number = self.count + 1
        points = height(values, styles, (sum(self.widths),) if across else self.widths)
        if across:
            self.merged.append(f"A{number}:{cells.column(len(self.widths))}{number}")
        ids = [self.styles.add(STYLES[name]) for name in styles]
        self.xml.append(cells.row(number, points, values, ids))

    def lines(self, lines: Iterable[Line]) -> _Rows:
        for line in lines:
            self.append(line.values, line.styles, line.across)
        return self


def _summary_chart(content: Layout, rows: int, w: Words) -> ColumnChart | None:
    """The percentage of each priority's actions complete, below the Summary's ``rows``."""
    header, last = content.priority_rows
    if last == header:
        return None  # a plan without priorities has nothing to chart
    sheet = quoted(tracker.SUMMARY)
    priorities = content.summary[header:last]  # lines are numbered from 1, rows from 0
    return ColumnChart(
        title=w.complete_by_priority,
        category_title=w.priority,
        value_title=w.percent_complete,
        name=Reference(f"{sheet}!$E${header}", [w.percent_complete]),
        categories=Reference(
            f"{sheet}!$A${header + 1}:$A${last}", [str(line.values[0]) for line in priorities]
        ),
        values=Reference(
            f"{sheet}!$E${header + 1}:$E${last}",
            [float(line.values[4] or 0) for line in priorities],  # type: ignore[arg-type]
        ),
        number_format="0%",
        low=0,
        high=1,
        row=rows + 1,
        width=16,  # centimetres: on the first page with the tables
        height=6,
    )


class _Actions(NamedTuple):
    """How the Actions sheet is laid out for the tracker's options."""

    columns: tuple[str, ...]
    form: bool
    """An update form: the lead's columns unlocked, with prompts; the rest protected."""
    hidden: tuple[int, ...]
    """The numbers of the columns hidden: a lead's form hides Lead, the same in every row."""

    @property
    def widths(self) -> tuple[int, ...]:
        widths = FORM_WIDTHS if self.form else ACTION_WIDTHS
        return tuple(widths[c] for c in self.columns)

    @property
    def fitted(self) -> tuple[int, ...]:
        """The widths a row's height is worked out from: a hidden column's text never wraps."""
        return tuple(HIDDEN_WIDTH if n in self.hidden else w for n, w in enumerate(self.widths, 1))

    def yours(self, column: str) -> bool:
        return self.form and column in tracker.EDITABLE

    @property
    def kinds(self) -> tuple[str, ...]:
        """The style of each column of an action's row."""
        kinds = {tracker.DUE_DATE: "date", tracker.DUE: "due"}
        return tuple(
            f"input {kinds.get(c, 'text')}"
            if self.yours(c)
            else "date"
            if c == tracker.DUE_DATE
            else "text"
            for c in self.columns
        )

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple("input header" if self.yours(c) else "header" for c in self.columns)

    def letter(self, name: str) -> str:
        return cells.column(self.columns.index(name) + 1)


def _actions_layout(content: Layout, settings: TrackerOptions) -> _Actions:
    hidden = (content.columns.index(tracker.LEAD) + 1,) if settings.lead is not None else ()
    return _Actions(content.columns, settings.form, hidden if settings.form else ())


def _action_rows(
    content: Layout, actions: _Actions, styles: Stylesheet
) -> tuple[_Rows, Iterator[str], int]:
    """The Actions sheet's header, its rows of actions made as they are written (the bulk of
    a large tracker: never all in memory at once), and how many rows the sheet has."""
    head = _Rows(styles, actions.widths)
    head.append(actions.columns, actions.headers)
    kinds, fitted = actions.kinds, actions.fitted
    ids = [styles.add(STYLES[kind]) for kind in kinds]
    listed = content.actions or ((None,) * len(actions.columns),)  # a table needs a data row
    lines = ((height(values, kinds, fitted), values) for values in listed)
    return head, cells.rows(lines, ids, first=2), 1 + len(listed)


def _prompt(prompt: str, w: Words) -> dict[str, str]:
    """The ``prompt`` Excel shows when a cell to fill in is chosen."""
    return {"prompt_title": w.to_fill_in, "prompt": prompt}


PROMPTS = {
    tracker.DUE: "due_prompt",
    tracker.DUE_DATE: "due_date_prompt",
    tracker.PROGRESS: "progress_prompt",
    tracker.RATING: "rating_prompt",
    tracker.UPDATE: "update_prompt",
}
"""The words (``Words`` fields) of the prompt an update form shows in each column the lead
fills in."""


def _validations(content: Layout, actions: _Actions, last: int, w: Words) -> Iterator[Validation]:
    """Drop-down lists for Progress and Rating from the Key sheet (a range, because words may
    hold commas and quotes that an inline list would split), and on an update form a prompt in
    each cell the lead fills in (Excel shows it when the cell is chosen)."""
    key = quoted(tracker.KEY)
    progress_column = cells.column(KEY_PROGRESS_COLUMN)
    sources = {
        tracker.PROGRESS: f"{key}!${progress_column}$2:${progress_column}"
        f"${len(content.progress) + 1}",
        tracker.RATING: f"{key}!$B$2:$B${len(content.ratings) + 1}",
    }
    for name in tracker.EDITABLE if actions.form else tuple(sources):
        column = actions.letter(name)
        found: dict[str, str] = {}
        if name in sources:
            found = {"choices": sources[name], "error_title": name, "error": w.choose_from_list}
        if actions.yours(name):
            found |= _prompt(getattr(w, PROMPTS[name]), w)
        yield Validation(f"{column}2:{column}{last}", **found)


def _rating_colours(
    content: Layout, actions: _Actions, last: int, styles: Stylesheet
) -> Iterator[ColourRule]:
    """Each rating's colour behind the Rating cells that hold it."""
    key = quoted(tracker.KEY)
    rating = actions.letter(tracker.RATING)
    for row, (_label, rag) in enumerate(content.ratings, start=2):
        # EXACT, not "=": Excel's equals ignores case, and two ratings may differ only in it.
        yield ColourRule(
            f"{rating}2:{rating}{last}",
            f"EXACT(${rating}2,{key}!$B${row})",
            styles.rule_fill(RAG_FILL[rag]),
        )


def _measure_prompts(rows: int, w: Words) -> Iterator[Validation]:
    """On an update form, a prompt in each cell of the Measures sheet to fill in."""
    for name in tracker.MEASURE_EDITABLE:
        column = cells.column(tracker.MEASURE_COLUMNS.index(name) + 1)
        yield Validation(
            f"{column}2:{column}{rows}", **_prompt(getattr(w, measures.PROMPTS[name]), w)
        )


def page_footer(w: Words) -> str:
    """The sheet's name, then the words for "Page 1 of 3" with Excel's codes for the numbers."""
    return "&A: " + w.page_numbers.replace("{pages}", "&N").replace("{page}", "&P")


def _header(editable: Sequence[str]) -> str:
    """Printed at the top of each page of a form: "&" is Excel's code character, "&&" one "&"."""
    return lead_columns_note(editable).replace("&", "&&")


def write(report: Report, settings: TrackerOptions, stream: IO[bytes]) -> None:
    """Write the tracker of ``report`` to ``stream`` as an .xlsx workbook."""
    content = layout(report, settings)
    w = report.words
    styles = Stylesheet(NORMAL)
    # Every sheet people see is printed with the footer, and a form's are protected.
    printed = Sheet("", (), footer=page_footer(w), protected=settings.form)
    summary = _Rows(styles, SUMMARY_WIDTHS).lines(content.summary)
    sheet = printed._replace(
        name=tracker.SUMMARY, widths=SUMMARY_WIDTHS, merged=tuple(summary.merged)
    )
    pages = [Page(sheet, summary.xml, chart=_summary_chart(content, summary.count, w))]
    if content.year:  # a yearly report's own sections first: what its reader opens it for
        year = _Rows(styles, yearsheet.WIDTHS).lines(content.year)
        sheet = printed._replace(
            name=tracker.YEAR, widths=yearsheet.WIDTHS, merged=tuple(year.merged)
        )
        pages.insert(0, Page(sheet, year.xml))
    pages.append(_actions_page(content, settings, styles, printed, w))
    # Beside the Actions sheet: the two are what a business manager fills in.
    if content.measures:
        pages.append(_measures_page(content, settings.form, styles, printed, w))
    key = _Rows(styles, KEY_WIDTHS).lines(content.key).xml
    pages.append(Page(printed._replace(name=tracker.KEY, widths=KEY_WIDTHS, frozen=True), key))
    if content.reviews:
        widths = REVIEWS_WIDTHS if settings.lead is None else LEAD_REVIEWS_WIDTHS
        reviews = _Rows(styles, widths).lines(content.reviews).xml
        sheet = printed._replace(name=tracker.REVIEWS, widths=widths, landscape=True, frozen=True)
        pages.append(Page(sheet, reviews))
    # Last, after any Reviews sheet, and hidden: what import-xlsx checks a tracker by.
    data = _Rows(styles, DATA_WIDTHS).lines(
        Line.of((k, "plain"), (v, "plain")) for k, v in content.data
    )
    sheet = Sheet(tracker.DATA, DATA_WIDTHS, hidden=True, protected=settings.form)
    pages.append(Page(sheet, data.xml))
    properties = Properties(
        title=_property(clean(report.title)),
        subject=_property(clean(report.subject)),
        creator=_property(dict(content.data)[tracker.META_PARTNERSHIP]),
    )
    package.write(stream, pages, styles, properties)


def _actions_page(
    content: Layout, settings: TrackerOptions, styles: Stylesheet, printed: Sheet, w: Words
) -> Page:
    """The Actions sheet: an Excel Table with drop-downs, rating colours and, on an update
    form, a prompt in each column the lead fills in."""
    actions = _actions_layout(content, settings)
    head, rows, last = _action_rows(content, actions, styles)
    sheet = printed._replace(
        name=tracker.ACTIONS,
        widths=actions.widths,
        hidden_columns=frozenset(actions.hidden),
        landscape=True,
        header=_header(tracker.EDITABLE) if settings.form else None,
        frozen=True,
        title_row=True,
        validations=tuple(_validations(content, actions, last, w)),
        rules=tuple(_rating_colours(content, actions, last, styles)),
    )
    table = Table(tracker.ACTIONS_TABLE, actions.columns, last)
    return Page(sheet, itertools.chain(head.xml, rows), table=table)


def _measures_page(
    content: Layout, form: bool, styles: Stylesheet, printed: Sheet, w: Words
) -> Page:
    """The Measures sheet, an Excel Table laid out as the Actions sheet is; on an update
    form, a prompt in each cell to fill in."""
    widths = tuple(measures.WIDTHS[c] for c in tracker.MEASURE_COLUMNS)
    rows = _Rows(styles, widths).lines(content.measures)
    sheet = printed._replace(
        name=tracker.MEASURES,
        widths=widths,
        landscape=True,
        header=_header(tracker.MEASURE_EDITABLE) if form else None,
        frozen=True,
        title_row=True,
        validations=tuple(_measure_prompts(rows.count, w)) if form else (),
    )
    table = Table(tracker.MEASURES_TABLE, tracker.MEASURE_COLUMNS, rows.count)
    return Page(sheet, rows.xml, table=table)


def _property(text: str) -> str:
    """A document property: one line of at most 255 characters."""
    text = text.replace("\n", " ")
    return text if len(text) <= 255 else text[:254] + "…"

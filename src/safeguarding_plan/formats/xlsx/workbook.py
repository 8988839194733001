"""The tracker as an Excel workbook, built with openpyxl from a ``Report``.

The sheets and columns are the contract of ``formats.xlsx.layout`` (imported as ``tracker``).
Everything a sheet shows is laid out and checked first (``layout``), as plain rows of cleaned
text, numbers and dates, so an over-long text fails before any file is touched; then the sheets
are streamed out in openpyxl's write-only mode, which keeps a tracker of thousands of actions
fast and small in memory; the rows of actions, the bulk of it, are written as XML text as the
workbook is saved (``ooxml.excel``).

Plan text is always a text cell: openpyxl would store a string starting with ``=`` as a
formula and one like ``#N/A`` as an error, so each cell's type is set to text after its value,
and the quote-prefix flag keeps Excel from reading it as a formula when someone edits it.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, Any

import attrs
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from safeguarding_plan.errors import shown
from safeguarding_plan.formats.ooxml import excel
from safeguarding_plan.formats.palette import HEADER_FILL, INPUT_FILL, RAG_FILL
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.formats.xlsx import measures
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


@attrs.frozen
class Layout:
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
    return [_prose(note, "bold") for note in notes]


def _prose(text: str, style: str, where: str = "a line of the tracker") -> Line:
    """A line of prose on the Summary sheet: one cell across the sheet's columns, its text
    wrapping there. Text running on past the columns would make LibreOffice print the sheet
    smaller to fit it in, and Excel cut it."""
    return attrs.evolve(Line.of((text, f"{style} prose"), where=where), across=True)


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
    lines += [Line.of(), _prose(report.headline, "plain", where="the headline")]
    if report.expected:
        lines.append(_prose(report.expected, "plain", where="the expected sentence"))
    if report.learning is not None:
        listing = w.reviews_listed if settings.lead is None else w.reviews_listed_for_lead
        learning = f"{report.learning.summary} {listing}" if reviews else report.learning.summary
        lines.append(_prose(learning, "plain", where="the case reviews' summary"))
    headings = (w.priority, w.title, w.actions, w.complete, w.percent_complete, w.ratings)
    lines += [Line.of(), Line.of(*((h, "header") for h in headings))]
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
    lines += [Line.of(), Line.of(*((h, "header") for h in (w.symbol, w.rating, w.actions)))]
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
    lines = [Line.of(*((h, "header") for h in (*reviews, w.practice_themes, w.recommendations)))]
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
    headings = (w.review, w.recommendation_id, w.recommendation, w.plan_actions, w.progress)
    return Line.of(*((h, "header") for h in headings))


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
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapped cell ``width`` units wide, wrapping at spaces as
    Excel does (a word longer than a line is broken)."""
    per_line = max(1, int(width * CHARACTERS_PER_WIDTH))
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        if len(paragraph) * 2 <= per_line or _display(paragraph) <= per_line:
            continue
        narrow = paragraph.isascii()
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


def _styles(sheet: Any) -> dict[str, StyleArray]:
    """Each style the tracker uses, made once: a cell then copies it, which is far cheaper
    than openpyxl looking up a font and an alignment for every cell."""
    thin = Side(style="thin", color="A6A6A6")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    normal = Font(name=FONT, size=10)
    bold = Font(name=FONT, size=10, bold=True)

    def style(
        *,
        font: Font = normal,
        fill: str | None = None,
        alignment: Alignment = top,
        border: Border | None = box,
        number_format: str | None = None,
        text: bool = True,
        locked: bool = True,
    ) -> StyleArray:
        cell = Cell(sheet, row=1, column=1)
        if not locked:  # a cell a lead fills in, on a sheet otherwise protected
            cell.protection = Protection(locked=False)
        cell.font = font
        cell.alignment = alignment
        if fill is not None:
            cell.fill = PatternFill(fill_type="solid", start_color=fill, end_color=fill)
        if border is not None:
            cell.border = border
        if number_format is not None:
            cell.number_format = number_format
        if text:  # Excel keeps the cell text when someone edits it, even if it starts with =
            cell.quotePrefix = True
        return StyleArray(cell._style)  # type: ignore[attr-defined]  # the style ids, copied

    found = {
        "plain": style(border=None),
        "bold": style(font=bold, border=None),
        "plain prose": style(border=None, alignment=wrap),
        "bold prose": style(font=bold, border=None, alignment=wrap),
        "title": style(font=Font(name=FONT, size=16, bold=True, color=DARK_BLUE), border=None),
        "heading": style(font=Font(name=FONT, size=12, bold=True), border=None),
        "header": style(font=bold, fill=HEADER_FILL, alignment=wrap),
        "input header": style(font=bold, fill=INPUT_FILL, alignment=wrap),
        "text": style(alignment=wrap),
        "input text": style(alignment=wrap, locked=False),
        "input date": style(number_format=DATE_FORMAT, text=False, locked=False),
        # Due as typed: Excel would make "March 2023" the 1st of March, "June 23" the 23rd.
        # (Not Update too: Excel shows ##### for a text-formatted cell over 255 characters.)
        "input due": style(alignment=wrap, locked=False, number_format="@"),
        "number": style(text=False),
        "input number": style(text=False, locked=False),
        "percent": style(number_format="0%", text=False),
        "date": style(number_format=DATE_FORMAT, text=False),
        "total": style(font=bold, alignment=wrap),
        "total number": style(font=bold, text=False),
        "total percent": style(font=bold, number_format="0%", text=False),
    }
    for rag, fill in RAG_FILL.items():
        found[f"rag {rag.value}"] = style(fill=fill, alignment=wrap)
    for places in range(measures.PLACES + 1):  # a measure's number as written: 1.10
        decimals = "." + "0" * places if places else ""
        found[f"decimal {places}"] = style(number_format=f"#,##0{decimals}", text=False)
    return found


@attrs.define
class _Sheet:
    """A write-only sheet being filled row by row."""

    sheet: Any  # openpyxl's write-only sheets are not typed
    styles: dict[str, StyleArray]
    widths: Sequence[int]
    rows: int = 0

    def append(self, values: Sequence[Entry], styles: Sequence[str], across: bool = False) -> None:
        self.rows += 1
        points = height(values, styles, (sum(self.widths),) if across else self.widths)
        if across:
            last = get_column_letter(len(self.widths))
            self.sheet.merged_cells.add(f"A{self.rows}:{last}{self.rows}")
        if points is not None:
            # A plain mapping: openpyxl's RowDimension would also mark the height as set by
            # hand, and Excel then never re-fits the row when someone types a longer update.
            self.sheet.row_dimensions[self.rows] = {"ht": f"{points:g}"}
        cells = []
        for value, name in zip(values, styles, strict=True):
            cell = Cell(self.sheet, row=1, column=1, style_array=self.styles[name])
            if isinstance(value, Decimal):  # a double holds it exactly: the layout checked
                cell.value = float(value)
            elif value is not None:
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # text, never a formula (=...) or an error (#N/A)
            cells.append(cell)
        self.sheet.append(cells)  # the sheet numbers the row and its cells

    def lines(self, lines: Iterable[Line]) -> None:
        for line in lines:
            self.append(line.values, line.styles, line.across)


MARGINS = PageMargins(left=0.25, right=0.25, top=0.75, bottom=0.75, header=0.3, footer=0.3)
"""Excel's own Narrow margins, in inches: the header and the footer 0.3 from the paper's edge,
well inside the 0.75 of the text, so that Excel and LibreOffice both print them whole."""


def _sheet(
    sheet: Any,
    styles: dict[str, StyleArray],
    widths: Sequence[int],
    *,
    landscape: bool = False,
    footer: str | None = None,
    header: str | None = None,
    hidden: Iterable[int] = (),
    protected: bool = False,
) -> _Sheet:
    """Column widths and printing (a write-only sheet takes them before its first row):
    A4, as wide as one page and as many pages down as it takes; the columns numbered in
    ``hidden`` hidden. A ``protected`` sheet can be changed only in its unlocked cells; it has
    no password, so nobody is locked out (Review, Unprotect Sheet)."""
    hidden = set(hidden)
    for number, width in enumerate(widths, start=1):
        dimension = sheet.column_dimensions[get_column_letter(number)]
        dimension.width = width
        dimension.hidden = number in hidden
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    setup = sheet.page_setup
    setup.orientation = "landscape" if landscape else "portrait"
    setup.paperSize = 9  # A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.page_margins = MARGINS
    if footer is not None:
        sheet.oddFooter.center.text = footer
    if header is not None:
        sheet.oddHeader.left.text = header
    if protected:
        # Rows and columns may still be resized and the table filtered: only the cells'
        # contents are held.
        sheet.protection = SheetProtection(
            sheet=True, formatRows=False, formatColumns=False, autoFilter=False
        )
    return _Sheet(sheet, styles, widths)


def _write_summary(sheet: _Sheet, content: Layout, w: Words) -> None:
    sheet.lines(content.summary)
    header, last = content.priority_rows
    if last == header:
        return  # a plan without priorities has nothing to chart
    chart = BarChart()
    chart.type = "col"
    chart.title = w.complete_by_priority
    chart.x_axis.title = w.priority
    chart.y_axis.title = w.percent_complete
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes by default
    chart.legend = None
    data = Reference(sheet.sheet, min_col=5, min_row=header, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet.sheet, min_col=1, min_row=header + 1, max_row=last))
    chart.dataLabels = DataLabelList(
        showVal=True, showCatName=False, showSerName=False, showLegendKey=False, showPercent=False
    )
    chart.width, chart.height = 16, 6  # centimetres: on the first page with the tables
    sheet.sheet.add_chart(chart, f"A{sheet.rows + 1}")


@attrs.frozen
class _Actions:
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
        return get_column_letter(self.columns.index(name) + 1)


def _actions_layout(content: Layout, settings: TrackerOptions) -> _Actions:
    hidden = (content.columns.index(tracker.LEAD) + 1,) if settings.lead is not None else ()
    return _Actions(content.columns, settings.form, hidden if settings.form else ())


def _write_actions(sheet: _Sheet, content: Layout, actions: _Actions, w: Words) -> None:
    """The Actions sheet but its rows of actions, which ``ooxml.excel`` writes as the
    workbook is saved."""
    sheet.sheet.freeze_panes = "A2"
    sheet.sheet.print_title_rows = "1:1"
    sheet.append(actions.columns, actions.headers)
    if content.actions:
        sheet.rows += len(content.actions)
    else:  # a table needs a data row, even an empty one
        sheet.append((None,) * len(actions.columns), actions.kinds)
    _table(sheet, tracker.ACTIONS_TABLE, actions.columns)
    _validate(sheet.sheet, content, actions, sheet.rows, w)


def _table(sheet: _Sheet, name: str, columns: Sequence[str]) -> None:
    """The sheet's rows so far as an Excel Table called ``name``, its header the first."""
    ref = f"A1:{get_column_letter(len(columns))}{sheet.rows}"
    table = Table(
        displayName=name,
        ref=ref,
        autoFilter=AutoFilter(ref=ref),
        tableColumns=[TableColumn(id=n, name=c) for n, c in enumerate(columns, 1)],
        tableStyleInfo=TableStyleInfo(name=TABLE_STYLE, showRowStripes=True),
    )
    sheet.sheet.tables.add(table)  # add_table() warns that write-only tables need columns


def _write_measures(sheet: _Sheet, content: Layout, form: bool, w: Words) -> None:
    """The Measures sheet, an Excel Table laid out as the Actions sheet is; on an update form,
    a prompt in each cell to fill in."""
    sheet.sheet.freeze_panes = "A2"
    sheet.sheet.print_title_rows = "1:1"
    sheet.lines(content.measures)
    _table(sheet, tracker.MEASURES_TABLE, tracker.MEASURE_COLUMNS)
    for name in tracker.MEASURE_EDITABLE if form else ():
        column = get_column_letter(tracker.MEASURE_COLUMNS.index(name) + 1)
        validation = DataValidation(sqref=f"{column}2:{column}{sheet.rows}", allow_blank=True)
        _prompt(validation, getattr(w, measures.PROMPTS[name]), w)
        sheet.sheet.data_validations.append(validation)


def _prompt(validation: DataValidation, prompt: str, w: Words) -> None:
    """The ``prompt`` Excel shows when a cell to fill in is chosen."""
    validation.showInputMessage = True
    validation.promptTitle = w.to_fill_in
    validation.prompt = prompt


PROMPTS = {
    tracker.DUE: "due_prompt",
    tracker.DUE_DATE: "due_date_prompt",
    tracker.PROGRESS: "progress_prompt",
    tracker.RATING: "rating_prompt",
    tracker.UPDATE: "update_prompt",
}
"""The words (``Words`` fields) of the prompt an update form shows in each column the lead
fills in."""


def _validate(sheet: Any, content: Layout, actions: _Actions, last: int, w: Words) -> None:
    """Drop-down lists for Progress and Rating from the Key sheet (a range, because words may
    hold commas and quotes that an inline list would split), rating colours, and on an update
    form a prompt in each cell the lead fills in (Excel shows it when the cell is chosen)."""
    key = quote_sheetname(tracker.KEY)
    progress_column = get_column_letter(KEY_PROGRESS_COLUMN)
    sources = {
        tracker.PROGRESS: f"{key}!${progress_column}$2:${progress_column}"
        f"${len(content.progress) + 1}",
        tracker.RATING: f"{key}!$B$2:$B${len(content.ratings) + 1}",
    }
    for name in tracker.EDITABLE if actions.form else tuple(sources):
        column = actions.letter(name)
        validation = DataValidation(sqref=f"{column}2:{column}{last}", allow_blank=True)
        if name in sources:
            validation.type = "list"
            validation.formula1 = sources[name]
            validation.showErrorMessage = True
            validation.errorTitle = name
            validation.error = w.choose_from_list
        if actions.yours(name):
            _prompt(validation, getattr(w, PROMPTS[name]), w)
        sheet.data_validations.append(validation)
    rating = actions.letter(tracker.RATING)
    for row, (_label, rag) in enumerate(content.ratings, start=2):
        fill = PatternFill(fill_type="solid", start_color=RAG_FILL[rag], end_color=RAG_FILL[rag])
        # EXACT, not "=": Excel's equals ignores case, and two ratings may differ only in it.
        rule = Rule(
            type="expression",
            formula=[f"EXACT(${rating}2,{key}!$B${row})"],
            dxf=DifferentialStyle(fill=fill),
            stopIfTrue=True,
        )
        sheet.conditional_formatting.add(f"{rating}2:{rating}{last}", rule)


def page_footer(w: Words) -> str:
    """The sheet's name, then the words for "Page 1 of 3" with Excel's codes for the numbers."""
    return "&A: " + w.page_numbers.replace("{pages}", "&N").replace("{page}", "&P")


def write(report: Report, settings: TrackerOptions, stream: IO[bytes]) -> None:
    """Write the tracker of ``report`` to ``stream`` as an .xlsx workbook."""
    content = layout(report, settings)
    book = Workbook(write_only=True)
    excel.normal_font(book, Font(name=FONT, size=10, family=2))
    summary, actions = (book.create_sheet(title) for title in (tracker.SUMMARY, tracker.ACTIONS))
    # Beside the Actions sheet: the two are what a business manager fills in.
    measured = book.create_sheet(tracker.MEASURES) if content.measures else None
    key = book.create_sheet(tracker.KEY)
    reviews = book.create_sheet(tracker.REVIEWS) if content.reviews else None
    data = book.create_sheet(tracker.DATA)  # last, after any Reviews sheet
    w = report.words
    footer = page_footer(w)
    form = settings.form
    columns = _actions_layout(content, settings)
    try:
        styles = _styles(summary)
        _write_summary(
            _sheet(summary, styles, SUMMARY_WIDTHS, footer=footer, protected=form), content, w
        )
        actions_sheet = _sheet(
            actions,
            styles,
            columns.widths,
            landscape=True,
            footer=footer,
            # Printed at the top of each page: "&" is Excel's code character, "&&" one "&".
            header=lead_columns_note(tracker.EDITABLE).replace("&", "&&") if form else None,
            hidden=columns.hidden,
            protected=form,
        )
        _write_actions(actions_sheet, content, columns, w)
        if measured is not None:
            measures_sheet = _sheet(
                measured,
                styles,
                tuple(measures.WIDTHS[c] for c in tracker.MEASURE_COLUMNS),
                landscape=True,
                footer=footer,
                header=lead_columns_note(tracker.MEASURE_EDITABLE).replace("&", "&&")
                if form
                else None,
                protected=form,
            )
            _write_measures(measures_sheet, content, form, w)
        key.freeze_panes = "A2"
        _sheet(key, styles, KEY_WIDTHS, footer=footer, protected=form).lines(content.key)
        if reviews is not None:
            reviews.freeze_panes = "A2"
            widths = REVIEWS_WIDTHS if settings.lead is None else LEAD_REVIEWS_WIDTHS
            _sheet(reviews, styles, widths, landscape=True, footer=footer, protected=form).lines(
                content.reviews
            )
        data.sheet_state = "hidden"
        _sheet(data, styles, DATA_WIDTHS, protected=form).lines(
            Line.of((k, "plain"), (v, "plain")) for k, v in content.data
        )
        properties = book.properties
        meta = dict(content.data)
        properties.title = _property(clean(report.title))
        properties.creator = properties.lastModifiedBy = _property(meta[tracker.META_PARTNERSHIP])
        properties.subject = _property(clean(report.subject))
        kinds, fitted = columns.kinds, columns.fitted
        ids = excel.style_ids(book, (styles[kind] for kind in kinds))
        rows = ((height(values, kinds, fitted), values) for values in content.actions)
        excel.save(book, actions, excel.sheet_rows(rows, ids, first=2), stream)
    except BaseException:
        _abandon(book)
        raise


def _abandon(book: Workbook) -> None:
    """Close the sheets of a workbook that failed part-written: a write-only sheet left open
    complains when it is collected, long after the error that stopped it."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            if not sheet.closed:
                sheet.close()


def _property(text: str) -> str:
    """A document property: one line of at most 255 characters."""
    text = text.replace("\n", " ")
    return text if len(text) <= 255 else text[:254] + "…"

"""The report's sections as slides, in the report's order, every word the report's.

The title slide, then what the deck will cover, then a slide or more for each section: the
purpose and recommendations, the executive summary and a native chart for each of its charts,
the partnership's own sections, the headline with the percentage large and the summary table,
the exceptions, the changes, each priority's actions in the partnership's three columns, the
learning from reviews, and the key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from safeguarding_plan.plugin import (
    ActionRow,
    Block,
    BulletList,
    ListItem,
    MeasureRow,
    Report,
    Section,
    SectionKind,
    Span,
)
from safeguarding_plan_pptx._flow import Para
from safeguarding_plan_pptx._slides import Cell, Column, Slides

BODY = 20.0
"""Points: a slide's text."""
AGENDA = 18.0
"""Points: the list of what the deck will cover."""
INTRO = 14.0
"""Points: the sentence above a table."""
TABLE = 12.0
"""Points: a table's text, where its rows are many and long (a priority's, the reviews')."""
SHORT_TABLE = 14.0
"""Points: a short table's text (the summary, the exceptions, the changes)."""
KEY = 18.0
"""Points: the key's text, its faces large enough to tell apart."""
DETAILS = 10.0
"""Points: the line under an action in its table (its lead and due date)."""
HEADLINE = 80.0
"""Points: the percentage of actions complete on the summary's first slide."""
SPACE = 8.0
"""Points before each paragraph and list item of a slide's text."""

TINTS = {
    "blue": "CFE2F3",
    "green": "D9EAD3",
    "amber": "FCE5CD",
    "red": "F4CCCC",
    "grey": "E7E6E6",
}
"""The tint behind a status, one for each RAG colour (blue, on a BRAG scale, for complete);
the status says itself in words, so a colour without a tint has none."""

Field = tuple[str, float, Callable[[Any], Cell]]
"""A table's column: its heading, its share of the width, and its cell for each item."""


def _text(text: str, size: float = BODY, *, marker: str = "", centred: bool = False) -> Para:
    before = SPACE if size >= BODY else 0.0
    return Para((Span(text),), size, marker=marker, space_before=before, centred=centred)


def blocks(items: Iterable[Block]) -> Iterator[Para]:
    """The partnership's own text: its paragraphs, and its lists a level at a time."""
    for block in items:
        if isinstance(block, BulletList):
            yield from _items(block.items, 0, "number" if block.numbered else "bullet")
        else:
            yield Para(block.spans, BODY, space_before=SPACE)


def _items(items: Iterable[ListItem], level: int, marker: str) -> Iterator[Para]:
    for number, item in enumerate(items, start=1):
        yield Para(item.spans, BODY, level, marker, number, space_before=SPACE)
        yield from _items(item.items, level + 1, "bullet")


def _cell(text: str, *, bold: bool = False, fill: str | None = None) -> Cell:
    return Cell((Para((Span(text, bold=bold),), TABLE),), fill)


def _lines(texts: Iterable[str], none: str) -> Cell:
    """A cell of several lines, a paragraph each; ``none`` when there are none."""
    return Cell(tuple(Para((Span(t),), TABLE) for t in texts) or (Para((Span(none),), TABLE),))


def _status(row: ActionRow, status: str) -> Cell:
    return _cell(status, fill=TINTS.get(row.rating.rag.value) if row.rating else None)


def _sized(cell: Cell, scale: float) -> Cell:
    if scale == 1:
        return cell
    return cell._replace(paras=tuple(p._replace(size=p.size * scale) for p in cell.paras))


def _with_details(text: str, row: ActionRow) -> Cell:
    """``text`` and under it, smaller and in grey, the action's lead and due date."""
    details = (Para((Span(row.details),), DETAILS, grey=True),) if row.details else ()
    return Cell((Para((Span(text),), TABLE), *details))


def _table(
    slides: Slides,
    title: str,
    fields: Sequence[Field],
    items: Iterable[Any],
    description: str,
    *,
    intro: str | None = None,
    size: float = TABLE,
) -> None:
    """A table of ``items``, a row each, its columns ``fields``, its text at ``size`` points
    (a smaller line, such as an action's lead and due date, smaller in proportion)."""
    columns = [Column(heading, share) for heading, share, _ in fields]
    rows = [[_sized(cell(item), size / TABLE) for _, _, cell in fields] for item in items]
    said = [_text(intro, INTRO)] if intro else []
    slides.table(title, columns, rows, description=description, intro=said, size=size)


# --- the slides before the sections ------------------------------------------------------------


def title_slide(slides: Slides, report: Report) -> None:
    """The plan, its period and the review as the title; under it the partnership and, for a
    meeting, the title block (the meeting, its date, who presents it), for the public the
    date of progress."""
    slide, _ = slides.new(slides.layouts.title, report.title)
    lines = [report.partnership]
    if report.title_block:
        lines += [f"{label}: {text}" for label, text in report.title_block]
    elif report.as_of_text:
        lines.append(f"{report.words.progress_as_at} {report.as_of_text}")
    # In dark grey, whatever the template's subtitle colour: a pale grey is hard to read.
    paras = [Para((Span(line, bold=not n),), 0, grey=True) for n, line in enumerate(lines)]
    slides.subtitle(slide, paras, sizes=(20.0, 18.0, 16.0))


def agenda(slides: Slides, report: Report) -> None:
    """What the deck will cover: each section's heading, as the partnership's own
    presentations open."""
    headings = [section.heading for section in report.sections]
    # A little smaller and closer than a slide's text, as a list of headings may be long.
    listed = [Para((Span(h),), AGENDA, marker="bullet", space_before=4.0) for h in headings]
    slides.text(report.words.agenda, listed)


# --- each section ------------------------------------------------------------------------------


def _purpose(slides: Slides, report: Report, section: Section) -> None:
    slides.text(section.heading, list(blocks(report.purpose)))


def _recommendations(slides: Slides, report: Report, section: Section) -> None:
    asked = [_text(report.asked_to)] if report.asked_to else []
    numbered = [
        Para(spans, BODY, 0, "number", number, space_before=SPACE)
        for number, spans in enumerate(report.recommendations, start=1)
    ]
    slides.text(section.heading, asked + numbered)


def _executive_summary(slides: Slides, report: Report, section: Section) -> None:
    said = [_text(s, marker="bullet") for s in report.executive_summary]
    slides.text(section.heading, said)
    for chart in report.charts:
        slides.chart(chart)


def _narrative(slides: Slides, report: Report, section: Section) -> None:
    if section.narrative is not None:
        slides.text(section.heading, list(blocks(section.narrative.blocks)))


def _summary(slides: Slides, report: Report, section: Section) -> None:
    """The headline with the percentage large, as the partnership's own slide gives it, then
    the summary table, its last row the whole plan's, in bold."""
    percent = Para((Span(f"{report.score.percent_rounded}%", bold=True),), HEADLINE, centred=True)
    said = [percent, _text(report.headline, 24.0, centred=True)]
    if report.expected:
        said.append(_text(report.expected, centred=True))
    slides.text(section.heading, said)
    w = report.words
    fields: list[Field] = [
        (w.priority, 5, lambda r: _cell(r.heading, bold=r.total)),
        (w.actions, 1.3, lambda r: _cell(str(r.counts.actions), bold=r.total)),
        (w.complete, 1.5, lambda r: _cell(str(r.counts.complete), bold=r.total)),
        (w.percent_complete, 1.7, lambda r: _cell(f"{r.counts.percent_rounded}%", bold=r.total)),
        (w.ratings, 4, lambda r: _cell(r.ratings, bold=r.total)),
    ]
    rows = report.summary_rows
    _table(slides, w.summary_table, fields, rows, w.summary_description, size=SHORT_TABLE)


def _exceptions(slides: Slides, report: Report, section: Section) -> None:
    w = report.words
    if not report.exceptions:
        slides.text(section.heading, [_text(report.exceptions_summary)])
        return
    fields: list[Field] = [
        (w.number, 1, lambda r: _cell(r.id)),
        (w.why, 5, lambda r: _with_details(r.exception_status, r)),
        (w.update, 5, lambda r: _cell(r.note or w.no_update)),
    ]
    rows, description = report.exceptions, w.exceptions_description
    intro = report.exceptions_summary
    _table(slides, section.heading, fields, rows, description, intro=intro, size=SHORT_TABLE)


def _changes(slides: Slides, report: Report, section: Section) -> None:
    w, changes = report.words, report.changes
    if changes is None:
        return
    if not changes.rows:
        slides.text(section.heading, [_text(w.no_change)])
        return
    fields: list[Field] = [
        (w.action, 1, lambda c: _cell(c.action_id)),
        (w.change, 2, lambda c: _cell(c.kind)),
        (w.before, 3, lambda c: _cell(c.before)),
        (w.after, 3, lambda c: _cell(c.after)),
    ]
    description = w.changes_description
    _table(slides, section.heading, fields, changes.rows, description, size=SHORT_TABLE)


def _priority(slides: Slides, report: Report, section: Section) -> None:
    """A priority's actions in the partnership's three columns: *Planned Action (2021-23)*
    (the action's number and text, its lead and due date under it), the review's update, and
    the status in words beside its face."""
    if section.priority is None:
        return
    fields: list[Field] = [
        (report.action_heading, 9, lambda r: _with_details(f"{r.id} {r.text}", r)),
        (report.update_heading, 7, lambda r: _cell(r.note or report.words.no_update)),
        (report.status_heading, 4, lambda r: _status(r, r.status)),
    ]
    rows, intro = section.priority.rows, section.priority.summary
    _table(slides, section.heading, fields, rows, report.priority_description, intro=intro)


def _learning(slides: Slides, report: Report, section: Section) -> None:
    """The case reviews, their recommendations, and the practice themes they raise."""
    w, learning = report.words, report.learning
    if learning is None:
        return
    subject: list[Field] = [(w.subject, 2, lambda r: _cell(r.subject or w.not_given))]
    reviews: list[Field] = [
        (w.review, 4, lambda r: _cell(r.title)),
        (w.kind, 2, lambda r: _cell(r.kind)),
        *(subject if any(r.subject is not None for r in learning.reviews) else []),
        (w.status, 2, lambda r: _cell(r.status)),
        (w.dates, 3, lambda r: _lines(r.date_lines, w.none_recorded)),
        (w.timeliness, 3, lambda r: _lines(r.timeliness, w.no_timescale)),
    ]
    description = w.case_reviews_description
    _table(slides, section.heading, reviews, learning.reviews, description, intro=learning.summary)
    found = [(r.title, rec) for r in learning.reviews for rec in r.recommendations]
    if found:
        recommendations: list[Field] = [
            (w.review, 3, lambda pair: _cell(pair[0])),
            (w.recommendation, 4, lambda pair: _cell(f"{pair[1].id} {pair[1].text}")),
            (
                w.plan_actions,
                3,
                lambda pair: _lines([f"{a} ({p})" for a, p in pair[1].actions], w.none_yet),
            ),
            (w.progress, 2, lambda pair: _cell(pair[1].progress)),
        ]
        description, intro = w.recommendations_description, w.recommendations_intro
        _table(slides, w.recommendations_table, recommendations, found, description, intro=intro)
    if not learning.themes:
        slides.text(w.practice_themes, [_text(w.no_practice_themes)])
        return
    themes: list[Field] = [
        (w.practice_theme, 4, lambda t: _cell(t[0])),
        (w.reviews_raising_it, 1, lambda t: _cell(str(t[1]))),
    ]
    description, intro = w.practice_themes_description, w.practice_themes_intro
    _table(slides, w.practice_themes, themes, learning.themes, description, intro=intro)


def _impact(slides: Slides, report: Report, section: Section) -> None:
    """The measures and where each stands, then the complete actions whose evidence is yet to
    be seen, when the plan records assurance."""
    w, impact = report.words, report.impact
    if impact is None:
        return
    if impact.measures:
        measures: list[Field] = [
            (w.measure, 4, lambda m: _cell(m.title)),
            (w.target, 2, lambda m: _cell(m.target or w.not_given)),
            (w.latest, 2, lambda m: _cell(m.latest)),
            (w.where_it_stands, 4, lambda m: _lines(_standing(m), w.not_given)),
        ]
        description, rows = w.measures_description, impact.measures
        _table(slides, section.heading, measures, rows, description, intro=impact.summary)
    else:
        slides.text(section.heading, [_text(impact.summary)])
    if not impact.proof:
        return
    if not impact.awaiting:
        slides.text(w.awaiting_assurance, [_text(w.none_awaiting_assurance)])
        return
    awaiting: list[Field] = [
        (w.number, 1, lambda p: _cell(p.action.id)),
        (w.action, 5, lambda p: _cell(p.action.text)),
        (w.evidence, 5, lambda p: _lines(p.evidence, w.no_evidence)),
    ]
    description = w.awaiting_assurance_description
    _table(slides, w.awaiting_assurance, awaiting, impact.awaiting, description, size=SHORT_TABLE)


def _standing(measure: MeasureRow) -> list[str]:
    """Where a measure stands, a line each: its change, whether on target, its trend."""
    return [line for line in (measure.change, measure.on_target, measure.trend) if line]


def _key(slides: Slides, report: Report, section: Section) -> None:
    w = report.words
    fields: list[Field] = [
        (w.symbol, 1, lambda r: _cell(r.symbol or "")),
        (w.rating, 2, lambda r: _cell(r.label, fill=TINTS.get(r.rag.value))),
        (w.rag, 1, lambda r: _cell(r.rag.label, fill=TINTS.get(r.rag.value))),
        (w.meaning, 5, lambda r: _cell(r.meaning or "")),
    ]
    _table(slides, section.heading, fields, report.key, w.key_description, size=KEY)


SLIDES: dict[SectionKind, Callable[[Slides, Report, Section], None]] = {
    SectionKind.PURPOSE: _purpose,
    SectionKind.RECOMMENDATIONS: _recommendations,
    SectionKind.EXECUTIVE_SUMMARY: _executive_summary,
    SectionKind.NARRATIVE: _narrative,
    SectionKind.SUMMARY: _summary,
    SectionKind.IMPACT: _impact,
    SectionKind.EXCEPTIONS: _exceptions,
    SectionKind.CHANGES: _changes,
    SectionKind.PRIORITY: _priority,
    SectionKind.LEARNING: _learning,
    SectionKind.KEY: _key,
}
"""The slides of each kind of section, under its heading."""


def lay_out(slides: Slides, report: Report) -> None:
    """Every slide of the deck, in the report's order; a section of a kind this deck does not
    know yet is left out, not guessed at."""
    title_slide(slides, report)
    agenda(slides, report)
    for section in report.sections:
        made = SLIDES.get(section.kind)
        if made is not None:
            made(slides, report, section)

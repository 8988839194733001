"""The report's sections as slides, in the report's order, every word the report's.

The title slide, then what the deck will cover, then a slide or more for each section: the
purpose and recommendations, the executive summary and a native chart for each of its charts,
the partnership's own sections, the headline with the percentage large and the summary table,
the exceptions, the changes, each priority's actions in the partnership's three columns, the
learning from reviews, and the key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from safeguarding_plan.plugin import (
    ActionRow,
    Block,
    BulletList,
    ListItem,
    PrioritySection,
    Report,
    SectionKind,
    Span,
)
from safeguarding_plan_pptx._flow import Para, Run
from safeguarding_plan_pptx._slides import Cell, Column, Slides

BODY = 20.0
"""Points: a slide's text."""
TABLE = 12.0
"""Points: a table's text."""
DETAILS = 10.0
"""Points: the line under an action in its table (its lead and due date)."""
HEADLINE = 80.0
"""Points: the percentage of actions complete on the summary's first slide."""
SPACE = 8.0
"""Points before each paragraph and list item of a slide's text."""

TINTS = {"green": "D9EAD3", "amber": "FCE5CD", "red": "F4CCCC", "none": None}
"""The tint behind a status, one for each RAG colour; the status says itself in words."""


def _runs(spans: Iterable[Span]) -> tuple[Run, ...]:
    return tuple(Run(s.text, bold=s.bold, italic=s.italic, link=s.link) for s in spans)


def _text(text: str, size: float = BODY, **more: object) -> Para:
    return Para((Run(text),), size, space_before=SPACE if size >= BODY else 0.0, **more)  # type: ignore[arg-type]


def blocks(items: Iterable[Block]) -> Iterator[Para]:
    """The partnership's own text: its paragraphs, and its lists a level at a time."""
    for block in items:
        if isinstance(block, BulletList):
            yield from _items(block.items, 0, "number" if block.numbered else "bullet")
        else:
            yield Para(_runs(block.spans), BODY, space_before=SPACE)


def _items(items: Iterable[ListItem], level: int, marker: str) -> Iterator[Para]:
    for number, item in enumerate(items, start=1):
        yield Para(_runs(item.spans), BODY, level, marker, number, space_before=SPACE)
        yield from _items(item.items, level + 1, "bullet")


def title_slide(slides: Slides, report: Report) -> None:
    """The plan, its period and the review as the title; under it the partnership and, for a
    meeting, the title block (the meeting, its date, who presents it), for the public the
    date of progress."""
    slide, _ = slides.new(slides.layouts.title, report.title)
    # In dark grey, whatever the template's subtitle colour: a pale grey is hard to read.
    lines = [Para((Run(report.partnership, bold=True),), 0, grey=True)]
    if report.title_block:
        lines += [
            Para((Run(f"{label}: {text}"),), 0, grey=True) for label, text in report.title_block
        ]
    elif report.as_of_text:
        lines.append(
            Para((Run(f"{report.words.progress_as_at} {report.as_of_text}"),), 0, grey=True)
        )
    slides.subtitle(slide, lines, sizes=(20.0, 18.0, 16.0))


def agenda(slides: Slides, report: Report) -> None:
    """What the deck will cover: each section's heading, as the partnership's own
    presentations open."""
    headings = [section.heading for section in report.sections]
    slides.text(report.words.agenda, [_text(h, marker="bullet") for h in headings])


def _purpose(slides: Slides, report: Report, heading: str) -> None:
    slides.text(heading, list(blocks(report.purpose)))


def _recommendations(slides: Slides, report: Report, heading: str) -> None:
    asked = [_text(report.asked_to)] if report.asked_to else []
    numbered = [
        Para(_runs(spans), BODY, 0, "number", number, space_before=SPACE)
        for number, spans in enumerate(report.recommendations, start=1)
    ]
    slides.text(heading, asked + numbered)


def _executive_summary(slides: Slides, report: Report, heading: str) -> None:
    slides.text(heading, [_text(s, marker="bullet") for s in report.executive_summary])
    for chart in report.charts:
        slides.chart(chart)


def _summary(slides: Slides, report: Report, heading: str) -> None:
    """The headline with the percentage large, as the partnership's own slide gives it, then
    the summary table."""
    percent = Para((Run(f"{report.score.percent_rounded}%", bold=True),), HEADLINE, centred=True)
    said = [percent, _text(report.headline, 24.0, centred=True)]
    if report.expected:
        said.append(_text(report.expected, centred=True))
    slides.text(heading, said)
    w = report.words
    columns = [
        Column(w.priority, 5),
        Column(w.actions, 1.3),
        Column(w.complete, 1.5),
        Column(w.percent_complete, 1.7),
        Column(w.ratings, 4),
    ]
    rows = [
        [
            _cell(row.heading, bold=row.total),
            _cell(str(row.counts.actions), bold=row.total),
            _cell(str(row.counts.complete), bold=row.total),
            _cell(f"{row.counts.percent_rounded}%", bold=row.total),
            _cell(row.ratings, bold=row.total),
        ]
        for row in report.summary_rows
    ]
    slides.table(w.summary_table, columns, rows, description=w.summary_description)


def _cell(text: str, *, bold: bool = False, fill: str | None = None) -> Cell:
    return Cell((Para((Run(text, bold=bold),), TABLE),), fill)


def _status(row: ActionRow, status: str) -> Cell:
    return _cell(status, fill=TINTS[row.rating.rag.value if row.rating else "none"])


def _exceptions(slides: Slides, report: Report, heading: str) -> None:
    w = report.words
    if not report.exceptions:
        slides.text(heading, [_text(report.exceptions_summary)])
        return
    columns = [Column(w.number, 1), Column(w.why, 5), Column(w.update, 5)]
    rows = [
        [
            _cell(row.id),
            Cell(_with_details(row.exception_status, row)),
            _cell(row.note or w.no_update),
        ]
        for row in report.exceptions
    ]
    intro = [_text(report.exceptions_summary)]
    slides.table(heading, columns, rows, description=w.exceptions_description, intro=intro)


def _with_details(text: str, row: ActionRow) -> tuple[Para, ...]:
    """``text`` and under it, smaller and in grey, the action's lead and due date."""
    details = (Para((Run(row.details),), DETAILS, grey=True),) if row.details else ()
    return (Para((Run(text),), TABLE), *details)


def _changes(slides: Slides, report: Report, heading: str) -> None:
    w, changes = report.words, report.changes
    if changes is None:
        return
    if not changes.rows:
        slides.text(heading, [_text(w.no_change)])
        return
    columns = [Column(w.action, 1), Column(w.change, 2), Column(w.before, 3), Column(w.after, 3)]
    rows = [
        [_cell(c.action_id), _cell(c.kind), _cell(c.before), _cell(c.after)] for c in changes.rows
    ]
    slides.table(heading, columns, rows, description=w.changes_description)


def priority(slides: Slides, report: Report, section: PrioritySection, heading: str) -> None:
    """A priority's actions in the partnership's three columns: *Planned Action (2021-23)*
    (the action's number and text, its lead and due date under it), the review's update, and
    the status in words beside its face."""
    columns = [
        Column(report.action_heading, 9),
        Column(report.update_heading, 7),
        Column(report.status_heading, 4),
    ]
    rows = [
        [
            Cell(_with_details(f"{row.id} {row.text}", row)),
            _cell(row.note or report.words.no_update),
            _status(row, row.status),
        ]
        for row in section.rows
    ]
    intro = [_text(section.summary, 14.0)]
    slides.table(heading, columns, rows, description=report.priority_description, intro=intro)


def _learning(slides: Slides, report: Report, heading: str) -> None:
    w, learning = report.words, report.learning
    if learning is None:
        return
    subjects = any(r.subject is not None for r in learning.reviews)
    columns = [
        Column(w.review, 4),
        Column(w.kind, 2),
        *([Column(w.subject, 2)] if subjects else []),
        Column(w.status, 2),
        Column(w.dates, 3),
        Column(w.timeliness, 3),
    ]
    rows = [
        [
            _cell(r.title),
            _cell(r.kind),
            *([_cell(r.subject or w.not_given)] if subjects else []),
            _cell(r.status),
            _lines(r.date_lines, w.none_recorded),
            _lines(r.timeliness, w.no_timescale),
        ]
        for r in learning.reviews
    ]
    intro = [_text(learning.summary, 14.0)]
    slides.table(heading, columns, rows, description=w.case_reviews_description, intro=intro)
    recommendations = [(r.title, rec) for r in learning.reviews for rec in r.recommendations]
    if recommendations:
        columns = [
            Column(w.review, 3),
            Column(w.recommendation, 4),
            Column(w.plan_actions, 3),
            Column(w.progress, 2),
        ]
        rows = [
            [
                _cell(review),
                _cell(f"{rec.id} {rec.text}"),
                _lines([f"{a} ({progress})" for a, progress in rec.actions], w.none_yet),
                _cell(rec.progress),
            ]
            for review, rec in recommendations
        ]
        intro = [_text(w.recommendations_intro, 14.0)]
        description = w.recommendations_description
        slides.table(w.recommendations_table, columns, rows, description=description, intro=intro)
    if not learning.themes:
        slides.text(w.practice_themes, [_text(w.no_practice_themes)])
        return
    columns = [Column(w.practice_theme, 4), Column(w.reviews_raising_it, 1)]
    rows = [[_cell(theme), _cell(str(count))] for theme, count in learning.themes]
    intro = [_text(w.practice_themes_intro, 14.0)]
    description = w.practice_themes_description
    slides.table(w.practice_themes, columns, rows, description=description, intro=intro)


def _lines(texts: Iterable[str], none: str) -> Cell:
    paras = tuple(Para((Run(t),), TABLE) for t in texts)
    return Cell(paras or (Para((Run(none),), TABLE),))


def _key(slides: Slides, report: Report, heading: str) -> None:
    w = report.words
    columns = [Column(w.symbol, 1), Column(w.rating, 2), Column(w.rag, 1), Column(w.meaning, 5)]
    rows = [
        [
            _cell(r.symbol or ""),
            _cell(r.label, fill=TINTS[r.rag.value]),
            _cell(r.rag.label, fill=TINTS[r.rag.value]),
            _cell(r.meaning or ""),
        ]
        for r in report.key
    ]
    slides.table(heading, columns, rows, description=w.key_description, size=14.0)


SECTIONS: dict[SectionKind, Callable[[Slides, Report, str], None]] = {
    SectionKind.PURPOSE: _purpose,
    SectionKind.RECOMMENDATIONS: _recommendations,
    SectionKind.EXECUTIVE_SUMMARY: _executive_summary,
    SectionKind.SUMMARY: _summary,
    SectionKind.EXCEPTIONS: _exceptions,
    SectionKind.CHANGES: _changes,
    SectionKind.LEARNING: _learning,
    SectionKind.KEY: _key,
}
"""What each section but a priority's and the partnership's own shows, under its heading."""


def lay_out(slides: Slides, report: Report) -> None:
    """Every slide of the deck, in the report's order."""
    title_slide(slides, report)
    agenda(slides, report)
    for section in report.sections:
        if section.priority is not None:
            priority(slides, report, section.priority, section.heading)
        elif section.narrative is not None:
            slides.text(section.heading, list(blocks(section.narrative.blocks)))
        elif section.kind in SECTIONS:
            SECTIONS[section.kind](slides, report, section.heading)
        # a section this deck does not know yet is left out, not guessed at

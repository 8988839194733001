"""The board paper as a Word document, built with python-docx from a ``Report``.

Accessibility follows the Public Sector Bodies Accessibility Regulations and GOV.UK's guidance
on accessible documents: real heading styles in order, tables with a repeating header row, a
caption and description and no merged cells, status in words (shading only adds to them), and
document properties that say what the paper is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time
from typing import IO

import attrs
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from safeguarding_plan.formats.docx.chart import Charts
from safeguarding_plan.formats.docx.grid import Grid, height
from safeguarding_plan.formats.docx.isolation import isolated
from safeguarding_plan.formats.docx.narrative import add_blocks, add_run
from safeguarding_plan.formats.docx.options import PROPERTY_LIMIT, PaperOptions
from safeguarding_plan.formats.docx.parts import (
    LINK,
    Cell,
    Table,
    mark_pages,
    right_to_left,
    text_width,
)
from safeguarding_plan.formats.docx.styling import ParagraphStyles, paragraph_styles
from safeguarding_plan.formats.docx.template import start, styles
from safeguarding_plan.formats.ooxml import escaping, word
from safeguarding_plan.formats.palette import HEADER_FILL, RAG_FILL
from safeguarding_plan.markup import BulletList, ListItem, Span
from safeguarding_plan.model.ratings import Rag
from safeguarding_plan.reporting.briefing import readdressed
from safeguarding_plan.reporting.contents import (
    PRESENTERS_APART,
    ActionRow,
    CaseReviewRow,
    LearningSection,
    MeasureRow,
    PrioritySection,
    RecommendationRow,
    Report,
    SectionKind,
)
from safeguarding_plan.reporting.wording import Words
from safeguarding_plan.text import clean

TITLE_LIMIT = PROPERTY_LIMIT  # the Open Packaging core properties refuse longer values

PRIORITY_COLUMNS = tuple((action, 0.85 - action, 0.15) for action in (0.35, 0.4, 0.45, 0.5, 0.55))
"""The priority tables' columns (action, update, status) to choose from: whichever sets the
plan's rows in the fewest lines."""
SAMPLE = 500
"""The rows the choice is reckoned on, at most: spread evenly over a long plan."""

_CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def write(report: Report, options: PaperOptions, stream: IO[bytes]) -> None:
    """Write the board paper of ``report`` to ``stream`` as a .docx."""
    report = readdressed(
        report,
        name=options.report_to,
        day=options.meeting_date,
        report_of=options.author,
        marking=options.marking,
    )
    document = start(options.template)
    found = paragraph_styles(document)  # walked once, for both
    paper = _Paper(
        document,
        styles(document, options.template, found),
        report,
        options,
        ParagraphStyles.of(document, found),
    )
    paper.write()
    _set_properties(document, report, options)
    word.save(document, paper.tables, stream)


# --- the paper --------------------------------------------------------------------------------


@attrs.define(repr=False, eq=False)  # compared by identity: one per paper
class _Paper:
    document: Document
    styles: dict[str, ParagraphStyle]
    report: Report
    options: PaperOptions
    paragraphs: ParagraphStyles
    """New paragraphs, in the document's styles."""
    width: int = attrs.field(init=False)
    """Between the margins, in twentieths of a point: found once, as finding the last section
    searches the whole body."""
    tables: list[Table] = attrs.field(init=False, factory=list)
    """The tables, in order, each written where its placeholder is when the paper is saved."""
    grid: Grid = attrs.field(init=False)
    """The page the tables are set on."""
    columns: list[int] = attrs.field(init=False)
    """The priority tables' column widths, the same in each."""
    charts: Charts = attrs.field(init=False)
    """The paper's charts, drawn one after another."""

    def __attrs_post_init__(self) -> None:
        self.charts = Charts(self.document)
        self.width = text_width(self.document)
        self.grid = Grid.of(self.document, self.width, self.styles["Normal"])
        rows = self.report.rows
        sample = [self._priority_row(row) for row in rows[:: max(1, len(rows) // SAMPLE)]]
        headings = self._priority_headings()
        fractions = self.grid.shortest(headings, sample, PRIORITY_COLUMNS)
        self.columns = self.grid.widths(headings, fractions, sample)

    def write(self) -> None:
        self._title_block()
        sections = {
            SectionKind.PURPOSE: self._purpose,
            SectionKind.RECOMMENDATIONS: self._recommendations_to_board,
            SectionKind.EXECUTIVE_SUMMARY: self._executive_summary,
            SectionKind.SUMMARY: self._summary,
            SectionKind.IMPACT: self._impact,
            SectionKind.EXCEPTIONS: self._exceptions,
            SectionKind.CHANGES: self._changes,
            SectionKind.LEARNING: self._learning,
            SectionKind.KEY: self._key,
            SectionKind.YEAR_PROGRESS: self._year_progress,
            SectionKind.LITTLE_PROGRESS: self._little_progress,
            SectionKind.TO_BE_WRITTEN: self._to_be_written,
            SectionKind.SIGN_OFF: self._sign_off,
        }
        for section in self.report.sections:
            if section.kind is SectionKind.KEY:
                self._keep_with_next()  # the key is never a page of its own
            self.heading(section.heading)
            if section.priority is not None:
                self._priority(section.priority)
            elif section.narrative is not None:
                add_blocks(self.paragraphs, section.narrative.blocks)
            else:
                sections[section.kind]()
        meeting = self.report.meeting
        # The public's progress report goes to no meeting, but may be marked all the same.
        marking = meeting.marking if meeting else self.options.marking
        mark_pages(self.document, marking, self.report.words.page_numbers)

    # paragraphs

    def paragraph(
        self, *runs: tuple[str, str], style: str = "Normal", keep_with_next: bool = False
    ) -> Paragraph:
        # An introduction stays on the page of its table (keep_with_next).
        paragraph = self.paragraphs.add(style, keep_with_next=keep_with_next)
        for text, fmt in runs:
            add_run(paragraph, clean(text), bold="b" in fmt, italic="i" in fmt)
        if right_to_left(" ".join(text for text, _ in runs)):
            paragraph.paragraph_format.element.get_or_add_pPr().append(OxmlElement("w:bidi"))
        return paragraph

    def heading(self, text: str) -> None:
        # Kept with what it heads whatever a house template's heading style says.
        self.paragraph((text, ""), style="Heading 1", keep_with_next=True)

    def _keep_with_next(self) -> None:
        """Keep what was written last, a paragraph or a table, on the page of what is written
        next. Word keeps a table's last row so; LibreOffice only a table kept whole, which a
        short one may be."""
        body = self.document.element.body
        last = next((child for child in reversed(body) if child.tag != qn("w:sectPr")), None)
        if last is None:
            return
        if last.tag == qn("w:p"):
            Paragraph(last, self.document).paragraph_format.keep_with_next = True
        elif self.tables:  # a table's placeholder
            table = self.tables[-1]
            short = sum(height(row, table.widths) for row in table.rows) <= table.splittable
            whole = table.keep_together or short
            self.tables[-1] = attrs.evolve(table, keep_with_next=True, keep_together=whole)

    # sections

    def _title_block(self) -> None:
        report = self.report
        self.paragraph((report.title, ""), style="Title")
        self.paragraph((report.partnership, "b"))
        meeting, w = report.meeting, report.words
        lines: list[tuple[tuple[str, str], ...]] = []
        for label, text in report.title_block:
            # Each presenter on their own, where the report has them apart.
            presenters = meeting.presenters if meeting and label == w.presented_by else ()
            lines.append(_labelled(label, *(presenters or (text,))))
        if not report.title_block and report.as_of_text:  # the public's progress report
            lines.append(_labelled(w.progress_as_at, report.as_of_text))
        if report.public_notice:
            lines.append(((report.public_notice, ""),))
        for number, runs in enumerate(lines, start=1):
            line = self.paragraph(*runs)
            if number < len(lines):  # one block, as a cover sheet sets it out
                line.paragraph_format.space_after = Pt(0)

    def _purpose(self) -> None:
        add_blocks(self.paragraphs, self.report.purpose)

    def _recommendations_to_board(self) -> None:
        report = self.report
        if report.asked_to:
            self.paragraph((report.asked_to, ""), keep_with_next=True)
        add_blocks(
            self.paragraphs,
            (BulletList(tuple(ListItem(s) for s in report.recommendations), numbered=True),),
        )

    def _executive_summary(self) -> None:
        report = self.report
        sentences = tuple(ListItem((Span(sentence),)) for sentence in report.executive_summary)
        add_blocks(self.paragraphs, (BulletList(sentences),))
        for chart in report.charts:
            self.charts.add(self.document, chart)

    def _summary(self) -> None:
        report, w = self.report, self.report.words
        self.paragraph((report.headline, ""))
        if report.expected:
            self.paragraph((report.expected, ""), keep_with_next=True)
        rows = []
        for r in report.summary_rows:
            bold = "b" if r.total else ""  # the whole plan's row, set apart
            rows.append(
                [
                    Cell.of(r.heading, bold),
                    Cell.of(str(r.counts.actions), bold, right=True),
                    Cell.of(str(r.counts.complete), bold, right=True),
                    Cell.of(f"{r.counts.percent_rounded}%", bold, right=True),
                    Cell.of(r.ratings),
                ]
            )
        self.table(
            (w.priority, w.actions, w.complete, w.percent_complete, w.ratings),
            (0.34, 0.11, 0.13, 0.13, 0.29),
            rows,
            caption=w.summary_table,
            description=w.summary_description,
            numeric=(1, 2, 3),
        )

    def _impact(self) -> None:
        """The measures, each with its chart once two reviews give it a value; done and proven
        by priority; the complete actions not yet assured."""
        impact, w = self.report.impact, self.report.words
        if impact is None:
            return
        if impact.summary:
            self.paragraph((impact.summary, ""), keep_with_next=True)
        if impact.measures:
            baselines = impact.baselines
            self.table(
                (
                    w.measure,
                    *([w.baseline] if baselines else []),
                    w.target,
                    w.at_each_review,
                    w.where_it_stands,
                ),
                (0.24, 0.13, 0.15, 0.24, 0.24) if baselines else (0.32, 0.16, 0.26, 0.26),
                (
                    [
                        _measure_cell(m, w),
                        *([Cell.of(m.baseline or w.not_given)] if baselines else []),
                        Cell.of(m.target or w.not_given),
                        _lines_cell(m.reading_lines, w.not_given),
                        _lines_cell(m.standing, w.not_given),
                    ]
                    for m in impact.measures
                ),
                caption=w.measures,
                description=w.measures_description,
            )
            for measure in impact.measures:
                if measure.chart is not None:
                    self.charts.add(self.document, measure.chart)
        if not impact.proof:
            return
        self._after_table(w.done_and_proven, fmt="b")
        self.table(
            (w.priority, w.complete, w.assured, w.with_outcome, w.evidenced),
            (0.40, 0.15, 0.15, 0.15, 0.15),
            (
                [
                    Cell.of(r.heading, "b" if r.total else ""),
                    *(
                        Cell.of(str(n), "b" if r.total else "", right=True)
                        for n in (
                            r.counts.complete,
                            r.counts.assured,
                            r.counts.with_outcome,
                            r.counts.evidenced,
                        )
                    ),
                ]
                for r in self.report.summary_rows
            ),
            caption=w.done_and_proven,
            description=w.proven_description,
            numeric=(1, 2, 3, 4),
        )
        if not impact.awaiting:
            self._after_table(w.none_awaiting_assurance, introduces=False)
            return
        self._after_table(w.awaiting_assurance, fmt="b")
        self.table(
            (w.action, w.evidence),
            (0.55, 0.45),
            (
                [
                    _action_cell(p.action),
                    self._evidence_cell(p.pieces, w.no_evidence),
                ]
                for p in impact.awaiting
            ),
            caption=w.awaiting_assurance,
            description=w.awaiting_assurance_description,
        )

    def _evidence_cell(self, pieces: Sequence[tuple[Span, ...]], none: str) -> Cell:
        """A paragraph for each piece of evidence, a link a Word hyperlink; ``none`` when
        there are none."""
        return Cell(tuple(tuple(map(self._run, piece)) for piece in pieces) or (((none, ""),),))

    def _run(self, span: Span) -> tuple[str, str]:
        if span.link is None:
            return span.text, ""
        part = self.document.part
        return span.text, LINK + part.relate_to(clean(span.link), RT.HYPERLINK, is_external=True)

    def _exceptions(self) -> None:
        report, w = self.report, self.report.words
        self.paragraph((report.exceptions_summary, ""), keep_with_next=bool(report.exceptions))
        if not report.exceptions:
            return
        # Short: the action's number, what is wrong and the update; its priority's table
        # gives the action in full.
        self.table(
            (w.number, w.why, w.update),
            (0.10, 0.45, 0.45),
            (
                [Cell.of(row.id, "b"), _exception_cell(row), Cell.of(row.update)]
                for row in report.exceptions
            ),
            caption=w.exceptions,
            description=w.exceptions_description,
        )

    def _changes(self) -> None:
        changes, w = self.report.changes, self.report.words
        if changes is None:
            return
        if not changes.rows:
            self.paragraph((w.no_change, ""))
            return
        self.table(
            (w.change, w.action, w.before, w.after),
            (0.22, 0.12, 0.33, 0.33),
            (
                [Cell.of(c.kind), Cell.of(c.action_id), Cell.of(c.before), Cell.of(c.after)]
                for c in changes.rows
            ),
            caption=changes.heading,
            description=w.changes_description,
        )

    def _priority(self, section: PrioritySection) -> None:
        report = self.report
        self.paragraph((section.summary, ""), keep_with_next=True)
        self.table(
            self._priority_headings(),
            (),
            (self._priority_row(row) for row in section.rows),
            caption=section.heading,
            description=report.priority_description,
            widths=self.columns,
        )

    def _priority_headings(self) -> tuple[str, str, str]:
        report = self.report
        return report.action_heading, report.update_heading, report.status_heading

    def _priority_row(self, row: ActionRow) -> list[Cell]:
        note = Cell.of(row.update)
        return [_action_cell(row), note, _status_cell(row)]

    def _learning(self) -> None:
        learning = self.report.learning
        if learning is None:
            return
        if learning.rule:  # kept with what it picks, never alone at a page's foot
            self.paragraph((learning.rule, "i"), keep_with_next=True)
        self.paragraph((learning.summary, ""), keep_with_next=bool(learning.reviews))
        if not learning.reviews:  # a year with none: its summary says so, and no empty table
            return
        self._case_reviews(learning)
        self._recommendations(learning)
        self._practice_themes(learning)

    def _case_reviews(self, learning: LearningSection) -> None:
        w = self.report.words
        self.table(
            (w.review, w.dates_and_timeliness, w.status),
            (0.34, 0.50, 0.16),
            ([_review_cell(r, w), _dates_cell(r, w), Cell.of(r.status)] for r in learning.reviews),
            caption=w.case_reviews,
            description=w.case_reviews_description,
        )

    def _recommendations(self, learning: LearningSection) -> None:
        w = self.report.words
        recommendations = [(r.title, rec) for r in learning.reviews for rec in r.recommendations]
        if not recommendations:
            self._after_table(w.no_recommendations, introduces=False)
            return
        self._after_table(w.recommendations_intro)
        # What changed as a result only in a yearly report, which says it.
        changed = self.report.year is not None
        self.table(
            (w.review, w.recommendation, w.plan_actions, w.progress)
            + ((w.what_changed,) if changed else ()),
            (0.19, 0.23, 0.13, 0.17, 0.28) if changed else (0.27, 0.37, 0.18, 0.18),
            (
                [
                    Cell.of(review),
                    Cell((((rec.id, "b"), (" " + rec.text, "")),)),
                    _plan_actions_cell(rec, w),
                    _recommendation_progress_cell(rec),
                    *([_lines_cell(rec.changed, w.no_update)] if changed else []),
                ]
                for review, rec in recommendations
            ),
            caption=w.recommendations_table,
            description=w.recommendations_description,
        )

    def _practice_themes(self, learning: LearningSection) -> None:
        w = self.report.words
        if not learning.themes:
            self._after_table(w.no_practice_themes, introduces=False)
            return
        self._after_table(w.practice_themes_intro)
        self.table(
            (w.practice_theme, w.reviews_raising_it),
            (0.70, 0.30),
            ([Cell.of(theme), Cell.of(str(count), right=True)] for theme, count in learning.themes),
            caption=w.practice_themes,
            description=w.practice_themes_description,
            numeric=(1,),
            keep_together=True,
        )

    def _after_table(self, text: str, *, introduces: bool = True, fmt: str = "") -> None:
        """A line after a table, spaced from it as a heading would be; one that introduces the
        next table also keeps two tables apart, which Word would otherwise join into one."""
        paragraph = self.paragraph((text, fmt), keep_with_next=introduces)
        paragraph.paragraph_format.space_before = Pt(12)

    def _year_progress(self) -> None:
        year, w = self.report.year, self.report.words
        if year is None:
            return
        add_blocks(
            self.paragraphs,
            (BulletList(tuple(ListItem((Span(sentence),)) for sentence in year.summary)),),
        )
        rows = []
        for r in year.progress:
            bold = "b" if r.total else ""
            rows.append(
                [
                    Cell.of(r.heading, bold),
                    Cell.of(r.start, bold, right=True),
                    Cell.of(r.end, bold, right=True),
                    Cell.of(str(r.completed), bold, right=True),
                    Cell.of(str(r.slipped), bold, right=True),
                ]
            )
        self.table(
            (w.priority, w.start_of_year, w.end_of_year, w.completed_in_year, w.slipped),
            (0.40, 0.16, 0.16, 0.16, 0.12),
            rows,
            caption=w.year_progress_table,
            description=w.year_progress_description,
            numeric=(1, 2, 3, 4),
        )
        self.charts.add(self.document, year.chart)
        self.charts.add(self.document, year.trend)

    def _little_progress(self) -> None:
        year, w = self.report.year, self.report.words
        if year is None:
            return
        # The rule stays on the page of what it picks, never alone at a page's foot.
        self.paragraph((year.rule, "i"), keep_with_next=True)
        self.paragraph((year.lacking_summary, ""), keep_with_next=bool(year.lacking))
        if year.lacking:
            self.table(
                (w.action, w.why_listed, w.update),
                (0.42, 0.24, 0.34),
                (
                    [
                        Cell((((r.id, "b"), (" " + r.text, "")),)),
                        Cell((((r.reasons, ""),), ((r.status, "i"),))),
                        Cell.of(r.note or w.no_update),
                    ]
                    for r in year.lacking
                ),
                caption=w.little_progress,
                description=w.little_progress_description,
            )
        if year.lacking_priorities:
            self._after_table(w.lacking_priorities_intro)
            add_blocks(
                self.paragraphs,
                (BulletList(tuple(ListItem((Span(p),)) for p in year.lacking_priorities)),),
            )

    def _to_be_written(self) -> None:
        year, w = self.report.year, self.report.words
        if year is None:
            return
        self.paragraph((w.to_be_written_intro, ""), keep_with_next=True)
        add_blocks(
            self.paragraphs,
            (
                BulletList(
                    tuple(
                        ListItem(
                            (
                                Span(f"{x.title}: ", bold=True),
                                Span(f"{x.asks} "),
                                Span(x.where, italic=True),
                            )
                        )
                        for x in year.missing
                    )
                ),
            ),
        )

    def _sign_off(self) -> None:
        year, w = self.report.year, self.report.words
        if year is None:
            return
        self.paragraph((w.sign_off_statement, ""), keep_with_next=True)
        self.table(
            (w.name, w.role, w.signature, w.date_signed),
            (0.27, 0.33, 0.25, 0.15),
            # Two empty lines in each to sign and date on.
            (
                [Cell.of(s.name or w.name_to_come), Cell.of(s.role), _blank(2), _blank(2)]
                for s in year.signatories
            ),
            caption=w.sign_off,
            description=w.sign_off_statement,
            keep_together=True,
        )

    def _key(self) -> None:
        w = self.report.words
        self.table(
            (w.symbol, w.rating, w.rag, w.meaning),
            (0.13, 0.25, 0.11, 0.51),
            (
                [
                    Cell.of(r.symbol or ""),
                    Cell.of(r.label, "b", fill=RAG_FILL[r.rag]),
                    Cell.of(r.rag.label, fill=RAG_FILL[r.rag]),
                    Cell.of(r.meaning or ""),
                ]
                for r in self.report.key
            ),
            caption=w.key,
            description=w.key_description,
            keep_together=True,
        )

    # tables

    def table(
        self,
        headings: Sequence[str],
        fractions: Sequence[float],
        rows: Iterable[Sequence[Cell]],
        *,
        caption: str,
        description: str,
        numeric: tuple[int, ...] = (),
        keep_together: bool = False,
        widths: Sequence[int] = (),
    ) -> None:
        """A table after everything written so far (see ``Table``), its columns the
        ``fractions`` of the width fitted to its words (``Grid.widths``), or ``widths``."""
        rows = list(rows)
        widths = widths or self.grid.widths(headings, fractions, rows)
        header = [
            Cell.of(text, "b", fill=HEADER_FILL, right=i in numeric)
            for i, text in enumerate(headings)
        ]
        self.tables.append(
            Table(
                header,
                rows,
                widths,
                caption=caption,
                description=description,
                splittable=self.grid.splittable,
                keep_together=keep_together,
            )
        )
        body = self.document.element.body
        end = body.find(qn("w:sectPr"))
        place = word.placeholder(len(self.tables) - 1)
        if end is None:
            body.append(place)
        else:
            end.addprevious(place)


def _labelled(label: str, *values: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """A line of the title block: the label in bold, then the value, or the presenters apart
    (``PRESENTERS_APART``), each isolated (``isolation``) so that nothing in it can reorder the
    label or another (a name that reads right to left keeps its place in the list)."""
    return ((f"{label}: ", "b"), (PRESENTERS_APART.join(map(isolated, values)), ""))


def _blank(lines: int) -> Cell:
    return Cell(tuple((("", ""),) for _ in range(lines)))


def _fill(row: ActionRow) -> str | None:
    return RAG_FILL.get(row.rating.rag) if row.rating and row.rating.rag else None


def _action_cell(row: ActionRow) -> Cell:
    first = ((row.id, "b"), (" " + row.text, ""))
    if not row.details:
        return Cell((first,))
    return Cell((first, ((row.details, "i"),)))


def _lines_cell(lines: Sequence[str], none: str) -> Cell:
    """A paragraph for each line; ``none`` when there are none (never an empty cell)."""
    return Cell(tuple(((line, ""),) for line in lines or (none,)))


def _measure_cell(measure: MeasureRow, w: Words) -> Cell:
    source = (((f"{w.source}: {measure.source}", "i"),),) if measure.source else ()
    return Cell((((measure.title, "b"),), *source))


def _exception_cell(row: ActionRow) -> Cell:
    paragraphs = [((row.exception_status, ""),)]
    if row.details:
        paragraphs.append(((row.details, "i"),))
    return Cell(tuple(paragraphs), fill=_fill(row))


def _status_cell(row: ActionRow) -> Cell:
    return Cell.of(row.status, fill=_fill(row))


def _review_cell(review: CaseReviewRow, w: Words) -> Cell:
    about = f" {w.subject}: {review.subject}." if review.subject is not None else ""
    return Cell((((review.title, "b"),), ((f"{review.kind}.{about}", "i"),)))


def _dates_cell(review: CaseReviewRow, w: Words) -> Cell:
    # The dates as details, in grey like an action's lead and due date; how each step stands
    # against its timescale is what the board reads for. Where no timescale applies the cell
    # says so, as the other documents' timeliness does; a step that cannot be timed says
    # itself that the dates are missing.
    paragraphs = [((line, "i"),) for line in review.date_lines]
    if review.timeliness:
        paragraphs += [((sentence, ""),) for sentence in review.timeliness]
    else:
        paragraphs = paragraphs or [((w.none_recorded, ""),)]
        paragraphs.append(((w.no_timescale, ""),))
    return Cell(tuple(paragraphs))


def _plan_actions_cell(recommendation: RecommendationRow, w: Words) -> Cell:
    if not recommendation.actions:
        return Cell.of(w.none_yet)
    return Cell(
        tuple(
            ((action_id, "b"), (" " + progress, ""))
            for action_id, progress in recommendation.actions
        )
    )


def _recommendation_progress_cell(recommendation: RecommendationRow) -> Cell:
    fill = RAG_FILL[Rag.GREEN] if recommendation.implemented else None
    return Cell.of(recommendation.progress, fill=fill)


# --- document properties ----------------------------------------------------------------------


def _set_properties(document: Document, report: Report, options: PaperOptions) -> None:
    """Properties from the plan and review only: nothing of python-docx's template or of a
    house template's own title, dates or description is left."""
    meeting = report.meeting
    author = meeting.report_of if meeting else options.author or report.partnership
    properties = document.core_properties
    properties.title = _limit(report.title)
    properties.subject = _limit(report.subject)
    properties.author = _limit(author)
    properties.last_modified_by = _limit(author)
    properties.language = "en-GB"
    words = report.words
    properties.keywords = _limit(
        "; ".join(part for part in (*words.keywords, report.review_title or "") if part)
    )
    properties.category = report.category
    properties.comments = ""
    properties.content_status = _limit(meeting.marking if meeting else options.marking or "")
    properties.identifier = ""
    properties.version = ""
    properties.revision = 1
    moment = datetime.combine(report.as_of, time(), UTC) if report.as_of else datetime.now(UTC)
    properties.created = properties.modified = moment.replace(tzinfo=None)
    core = properties._element  # python-docx can set lastPrinted but not remove it
    for printed in core.findall(f"{{{_CORE}}}lastPrinted"):
        core.remove(printed)
    _application_properties(document, report)


def _limit(text: str) -> str:
    text = clean(text).replace("\n", " ")
    return text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1] + "…"


def _application_properties(document: Document, report: Report) -> None:
    """Replace the template's app.xml (another program's name, stale page and word counts) and
    drop its page thumbnail, which would show the template, not this paper."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del package.rels[rel_id]
    blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>safeguarding-plan</Application>'
        f"<Company>{escaping.text(clean(report.partnership))}</Company></Properties>"
    ).encode()
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)

"""A yearly report's own sections as the workbook's first sheet, *Year*: the title block,
progress over the year, little or no evidence of progress, the partnership's sections, what is
still to be written and the sign-off, in the report's order and words. The measures, case
reviews, actions and key are on the tracker's own sheets after it.

Apart from the workbook, which writes it: one small module for the one sheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from safeguarding_plan.formats.xlsx.lines import Line
from safeguarding_plan.markup.blocks import plain
from safeguarding_plan.reporting.contents import Report, Section, SectionKind

if TYPE_CHECKING:  # a yearly report's own types load only for a yearly report
    from safeguarding_plan.reporting.yearcontents import YearSection

WIDTHS = (44, 18, 18, 36, 10)
"""Characters per column: a priority or an action, then the numbers or the reasons and status,
then the update (the widest), then the slipped."""


def lines(report: Report) -> tuple[Line, ...]:
    """The Year sheet of ``report``; none for a report that is not a yearly report's."""
    year = report.year
    if year is None:
        return ()
    found = [
        Line.of((report.title, "title"), where="the title"),
        Line.of((report.partnership, "heading"), where="the partnership's name"),
        *(
            Line.of((label, "bold"), (text, "plain"), where="the title block")
            for label, text in report.title_block
        ),
    ]
    for section in report.sections:
        shown = list(_section(report, year, section))
        if shown:
            found += [Line.of(), Line.of((section.heading, "heading"), where="a heading")]
            found += shown
    return tuple(found)


def _section(report: Report, year: YearSection, section: Section) -> Iterator[Line]:
    """The rows under ``section``'s heading; none for a section another sheet shows."""
    w, kind = report.words, section.kind
    if kind is SectionKind.YEAR_PROGRESS:
        yield from (Line.prose(s, where="the year's summary") for s in year.summary)
        yield Line.of()
        yield Line.headings(
            w.priority, w.start_of_year, w.end_of_year, w.completed_in_year, w.slipped
        )
        for row in year.progress:
            text, number = ("total", "total number") if row.total else ("text", "number")
            yield Line.of(
                (row.heading, text),
                (row.start, text),
                (row.end, text),
                (row.completed, number),
                (row.slipped, number),
                where="the year's progress",
            )
    elif kind is SectionKind.LITTLE_PROGRESS:
        yield Line.prose(year.rule, where="the rule")
        yield Line.prose(year.lacking_summary, where="the summary of little or no progress")
        if year.lacking:
            yield Line.of()
            yield Line.headings(w.action, w.why_listed, w.status, w.update)
            for listed in year.lacking:
                yield Line.of(
                    (f"{listed.id} {listed.text}", "text"),
                    (listed.reasons, "text"),
                    (listed.status, "text"),
                    (listed.note or w.no_update, "text"),
                    where=f"action {listed.id}",
                )
        if year.lacking_priorities:
            yield Line.prose(w.lacking_priorities_intro, where="a line of the year")
            yield from (Line.prose(p, where="a priority listed") for p in year.lacking_priorities)
    elif kind is SectionKind.NARRATIVE and section.narrative is not None:
        yield Line.prose(plain(section.narrative.blocks), where=f"the section {section.heading}")
    elif kind is SectionKind.TO_BE_WRITTEN:
        yield Line.prose(w.to_be_written_intro, where="a line of the year")
        for expected in year.missing:
            yield Line.prose(
                f"{expected.title}: {expected.asks} ({expected.where})",
                where="what is to be written",
            )
    elif kind is SectionKind.SIGN_OFF:
        yield Line.prose(w.sign_off_statement, where="the sign-off")
        yield Line.headings(w.name, w.role, w.signature, w.date_signed)
        for signatory in year.signatories:
            yield Line.of(
                (signatory.name or w.name_to_come, "text"),
                (signatory.role, "text"),
                (None, "text"),
                (None, "text"),
                where="a lead safeguarding partner",
            )

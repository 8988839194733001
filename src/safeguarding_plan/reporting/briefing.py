"""What a board paper says besides the progress, for its audience: the title block, the
purpose, the recommendations and the partnership's own sections.

The public reads a published progress report, not a paper to a meeting: it gets no title
block, purpose or recommendations, and no section the plan restricts. Restricted words are
withheld from what it does get like any other text (``build.redacted``); a name written
across two styles (``**Ayesha** Khan``) is caught here, where the spans are still together.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

import attrs

from safeguarding_plan import markup
from safeguarding_plan.markup import Block, BulletList, ListItem, Paragraph, Span
from safeguarding_plan.model.paper import Paper
from safeguarding_plan.reporting.contents import (
    PRESENTERS_APART,
    Meeting,
    NarrativeSection,
    Report,
)
from safeguarding_plan.reporting.redaction import REDACTED, Redactor
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.words import long_date


def meeting(paper: Paper, partnership: str) -> Meeting:
    """The title block, with the report's defaults for what the plan leaves out."""
    return Meeting(
        name=paper.meeting or WORDS.default_meeting,
        date=long_date(paper.date) if paper.date else None,
        report_of=paper.report_of or partnership,
        presented_by=PRESENTERS_APART.join(paper.presented_by) or None,
        marking=paper.marking or WORDS.default_marking,
        presenters=paper.presented_by,
    )


def asked_to(meeting: Meeting) -> str:
    """``The Executive Board is asked to:``."""
    return WORDS.asked_to.format(meeting=meeting.name)


def readdressed(
    report: Report,
    *,
    name: str | None = None,
    day: date | None = None,
    report_of: str | None = None,
    marking: str | None = None,
) -> Report:
    """``report`` sent to another meeting, as an exporter's options may ask: its meeting's
    name, date, author and marking replaced by those given, and what the meeting is asked to
    following it. A report to no meeting (the public's) is returned as it is."""
    meeting = report.meeting
    if meeting is None:
        return report
    meeting = attrs.evolve(
        meeting,
        name=name or meeting.name,
        date=long_date(day) if day else meeting.date,
        report_of=report_of or meeting.report_of,
        marking=marking or meeting.marking,
    )
    asked = asked_to(meeting) if report.asked_to else None
    return attrs.evolve(report, meeting=meeting, asked_to=asked)


def recommendations(paper: Paper) -> tuple[tuple[Span, ...], ...]:
    """Each recommendation as one run of spans, its paragraphs joined."""
    return tuple(
        tuple(span for run in markup.runs(r.blocks) for span in run) for r in paper.recommendations
    )


def narrative(paper: Paper, public: bool, redactor: Redactor) -> tuple[NarrativeSection, ...]:
    """The sections the audience may read, in the plan's order; a restricted one says so to
    the board, so nobody takes its words into a public document."""
    if public:
        return tuple(
            NarrativeSection(s.title, blocks(s.text.blocks, redactor), s.place)
            for s in paper.sections
            if not s.restricted
        )
    return tuple(
        NarrativeSection(
            WORDS.not_for_publication.format(title=s.title) if s.restricted else s.title,
            s.text.blocks,
            s.place,
            restricted=s.restricted,
        )
        for s in paper.sections
    )


def blocks(found: tuple[Block, ...], redactor: Redactor) -> tuple[Block, ...]:
    """``found`` with each paragraph or item whose restricted words would survive withholding
    span by span made one plain span, its words withheld; a link whose address names someone
    (``%41yesha`` too), plain text. When a name runs from one paragraph or item into the next,
    the whole text becomes one paragraph, its words withheld."""
    if not redactor:
        return found
    made = tuple(_block(block, redactor) for block in found)
    # Each paragraph or item withheld on its own first: only a name that runs on from one into
    # the next survives that, and only it flattens the text.
    whole = " ".join(redactor.redact(line) for line in markup.plain(made).split("\n"))
    if redactor.finds(whole.replace(REDACTED, " ")):
        return (Paragraph((Span(redactor.redact(" ".join(markup.plain(found).split("\n")))),)),)
    return made


def _block(block: Block, redactor: Redactor) -> Block:
    if isinstance(block, BulletList):
        return attrs.evolve(block, items=tuple(_item(i, redactor) for i in block.items))
    return Paragraph(_joined(block.spans, redactor))


def _item(item: ListItem, redactor: Redactor) -> ListItem:
    return ListItem(_joined(item.spans, redactor), tuple(_item(i, redactor) for i in item.items))


def _joined(spans: tuple[Span, ...], redactor: Redactor) -> tuple[Span, ...]:
    spans = tuple(
        attrs.evolve(s, link=None) if s.link is not None and redactor.finds(unquote(s.link)) else s
        for s in spans
    )
    whole = "".join(span.text for span in spans)
    if not redactor.finds(whole):
        return spans
    apart = "".join(redactor.redact(span.text) for span in spans)
    if not redactor.finds(apart.replace(REDACTED, " ")):
        return spans
    return (Span(redactor.redact(whole)),)

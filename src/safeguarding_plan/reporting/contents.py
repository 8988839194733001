"""What a report holds: ``Report`` and its section and row types, every word already decided."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

import attrs

from safeguarding_plan.markup import Block, Span
from safeguarding_plan.model.paper import Place
from safeguarding_plan.model.plan import Audience
from safeguarding_plan.model.ratings import Progress, Rag, Rating
from safeguarding_plan.reporting.charts import Chart
from safeguarding_plan.reporting.sentences import exception_reasons, exception_status, status_text
from safeguarding_plan.reporting.wording import WORDS, Words
from safeguarding_plan.scoring.progress import Counts, Score
from safeguarding_plan.values import Value
from safeguarding_plan.words import plural

if TYPE_CHECKING:
    from decimal import Decimal

    # A yearly report's own types load only for a yearly report.
    from safeguarding_plan.reporting.yearcontents import YearSection

WITHHELD = "This action is not published."
"""What a public document shows in place of a restricted action's text."""


WITHHELD_UPDATE = "This update is not published."
"""What a public document shows in place of a restricted update's note."""


@attrs.frozen(repr=False, eq=False)
class ActionRow(Value):
    """One action as a document shows it."""

    priority_id: str
    id: str
    text: str
    """The action's text, or ``WITHHELD`` for a restricted action in a public report."""
    lead: str | None
    due: str | None
    """The due date as written (or as last revised)."""
    due_date: date | None
    """The day it is counted as due by."""
    progress: Progress
    rating: Rating | None
    note: str | None
    """This review's update; None when the review has none for the action."""
    previous_rating: Rating | None
    """The rating at the previous review (None at the first review, or if it was unrated)."""
    overdue: bool
    withheld: bool
    """True when the audience may not see this action; text, lead and note are then neutral."""
    due_soon: bool = False
    """Open, not overdue, and due within the score's horizon (``Score.due_soon``)."""
    restricted_note: bool = False
    """This review's update is marked ``restricted``: a public document and a lead's form
    show ``WITHHELD_UPDATE`` in place of its note."""
    gave: str | None = None
    """What this review's update gives when it has no note: ``Words.assured_only`` or
    ``Words.evidence_only``; None otherwise, and for a withheld action."""

    @property
    def status(self) -> str:
        """Progress, then the rating with its symbol, in words: ``In progress – 😊 good
        progress``, never a symbol or colour alone."""
        return status_text(self.progress, self.rating)

    @property
    def update(self) -> str:
        """This review's update as a document shows it: its note, else what the update gives
        (evidence, assurance), else ``No update.``."""
        return self.note or self.gave or WORDS.no_update

    @property
    def red(self) -> bool:
        """Rated at a RAG colour of red."""
        return self.rating is not None and self.rating.rag is Rag.RED

    @property
    def exception_reasons(self) -> str:
        """Why the row is an exception: ``Overdue and red`` (empty when it is not one)."""
        return exception_reasons(self.overdue, self.rating)

    @property
    def exception_status(self) -> str:
        """Why the row is an exception, and its status, each word once: ``Overdue and red: in
        progress – ☹️ limited progress``."""
        return exception_status(self.overdue, self.progress, self.rating)

    @property
    def due_status(self) -> str | None:
        """``Overdue`` or ``Due soon`` in words; None for an action that is neither."""
        if self.overdue:
            return WORDS.overdue
        return WORDS.due_soon if self.due_soon else None

    @property
    def details(self) -> str:
        """``Lead: Business Unit. Due: by November 2021.`` for the action cell; may be empty."""
        parts = [
            f"{WORDS.lead}: {self.lead}." if self.lead else "",
            f"{WORDS.due}: {self.due}." if self.due else "",
        ]
        return " ".join(p for p in parts if p)


@attrs.frozen(repr=False, eq=False)
class PrioritySection(Value):
    """A priority's summary numbers and its action rows."""

    id: str
    title: str
    counts: Counts
    ratings: str
    """The ratings in words: ``9 good progress, 1 limited progress``."""
    rows: tuple[ActionRow, ...]
    summary: str
    """``10 actions, 9 complete (90%). Ratings: 9 good progress, 1 some progress.``"""

    @property
    def heading(self) -> str:
        """``Priority 1 – Strong Leadership …`` as the seed heads its tables."""
        return f"Priority {self.id} – {self.title}"


@attrs.frozen(repr=False, eq=False)
class SummaryRow(Value):
    """One row of the summary table: a priority, or the whole plan (the last row)."""

    heading: str
    """``Priority 1 – Strong Leadership …``, or ``All priorities`` for the whole plan."""
    counts: Counts
    ratings: str
    """The ratings in words: ``9 good progress, 1 limited progress``."""
    priority: PrioritySection | None = None
    """The priority the row counts; None for the whole plan's row."""

    @property
    def total(self) -> bool:
        """The whole plan's row, which documents set apart (in bold)."""
        return self.priority is None


@attrs.frozen(repr=False, eq=False)
class ChangeRow(Value):
    """One change since the previous review, in words."""

    kind: str
    """``Newly complete``, ``Rating improved``, ``Rating worsened``, ``Newly overdue`` or
    ``Due date moved``."""
    action_id: str
    before: str
    after: str


@attrs.frozen(repr=False, eq=False)
class Changes(Value):
    """What changed since the previous review."""

    previous_id: str
    previous_title: str
    rows: tuple[ChangeRow, ...]
    heading: str
    """``Changes since November 2021 – Update``."""


@attrs.frozen(repr=False, eq=False)
class RecommendationRow(Value):
    """A case review's recommendation and the plan's actions that carry it out."""

    id: str
    text: str
    actions: tuple[tuple[str, str], ...]
    """``(action id, its progress in words)`` for each action, e.g. ``("2.6", "Complete")``."""
    complete: int
    """How many of its actions are complete, as the score counts them."""
    changed: tuple[str, ...] = ()
    """What changed as a result, in a yearly report: each of its actions' update at the
    year's last review, ``2.6: Learning published``; empty in any other report."""

    @property
    def implemented(self) -> bool:
        """Every one of its actions is complete (a recommendation with none is not)."""
        return bool(self.actions) and self.complete == len(self.actions)

    @property
    def progress(self) -> str:
        """``2 of 3 actions complete``, ``Implemented`` or ``No action in the plan yet``."""
        if not self.actions:
            return "No action in the plan yet"
        if self.implemented:
            return "Implemented"
        return f"{self.complete} of {plural(len(self.actions), 'action')} complete"


@attrs.frozen(repr=False, eq=False)
class CaseReviewRow(Value):
    """One case review as a document shows it."""

    id: str
    kind: str
    """The kind in words: ``Local child safeguarding practice review``."""
    title: str
    subject: str | None
    """Who the review is about; None when there is none, or in a public document unless the
    plan marks the subject not restricted."""
    status: str
    """Where it has got to in words: ``Published``, or ``Not recorded``."""
    dates: tuple[tuple[str, str], ...]
    """``(what, when)`` in the order they happen, e.g. ``("Published", "September 2021")``."""
    timeliness: tuple[str, ...]
    """How it stands against its timescales, a line for each step timed (``National panel
    notified 3 working days after the partnership became aware: on time``) and one for the
    steps that cannot be, for want of a date."""
    themes: tuple[str, ...]
    """Its practice themes, in words."""
    recommendations: tuple[RecommendationRow, ...]

    @property
    def date_lines(self) -> tuple[str, ...]:
        """Each date as a document writes it on a line: ``Published: September 2021``."""
        return tuple(f"{what}: {when}" for what, when in self.dates)


@attrs.frozen(repr=False, eq=False)
class LearningSection(Value):
    """The "Learning from reviews" section: every case review of the plan."""

    summary: str
    """``4 case reviews. 3 of 5 recommendations implemented (60%). 1 review is late.``"""
    reviews: tuple[CaseReviewRow, ...]
    themes: tuple[tuple[str, int], ...]
    """Each practice theme a review raises, in words, with the number of reviews that raise
    it: the national themes, then the plan's own; none when no review records its themes."""
    heading: str = WORDS.learning
    shared: tuple[CaseReviewRow, ...] = ()
    """Each of ``reviews`` as a form sent to a lead shows it: without its subject, and with
    every restricted name withheld, as the public reads case reviews. Empty in a public report,
    whose ``reviews`` are already so."""
    rule: str | None = None
    """Which case reviews the section holds, in a yearly report (which holds those of its
    year); None in a board paper, which holds every one."""


@attrs.frozen(repr=False, eq=False)
class MeasureReading(Value):
    """A measure's value at one review, as documents show it."""

    review: str
    """The review's title: ``August 2022 – Update``."""
    value: str
    """``65%``, ``20 days``; ``Not given`` where the review gives no figure (never 0)."""
    note: str | None = None
    """What the review says of the figure: ``4 reviews``, ``The log was not updated``."""
    given: bool = True
    """False where the review gives no figure."""
    number: Decimal | None = None
    """The value as a number, exactly as the plan writes it (``Decimal("1.10")``), for a
    document that shows numbers as numbers; None where the review gives no figure."""


@attrs.frozen(repr=False, eq=False)
class MeasureRow(Value):
    """One measure as documents show it, every number in words as the plan writes it."""

    id: str
    title: str
    unit: str
    """The unit in words: ``percent``, ``days``, ``per 10,000 children``."""
    baseline: str | None
    """``60%``; None when the plan gives none."""
    target: str | None
    """``90% (higher is better)``; None when the plan gives none."""
    latest: str
    """The latest value given, ``80%``, saying which review gave it when the review reported
    on gave none; ``Not given`` before any."""
    change: str | None
    """``Up 15 percentage points since August 2022 – Update``; None without two values."""
    on_target: str | None
    """``On target`` or ``Not yet on target``; None without a target or a value."""
    trend: str | None
    """``Improving``, ``Worsening``, ``Rising``, ``Falling``, ``Steady`` or ``Mixed``; None
    with fewer than two values."""
    readings: tuple[MeasureReading, ...]
    """Its value at each review up to the one reported on, oldest first."""
    source: str | None
    chart: Chart | None
    """Its values drawn over the reviews, once two reviews give one; None before."""
    baseline_number: Decimal | None = None
    """The baseline as a number, exactly as the plan writes it; None when it gives none."""
    target_number: Decimal | None = None
    """The target as a number, exactly as the plan writes it; None when it gives none."""
    better: str | None = None
    """Which way is better in a word, ``Higher`` or ``Lower``; None when the plan does not
    say."""

    @property
    def standing(self) -> tuple[str, ...]:
        """Where it stands, a line each: the latest value, the change, on target, the trend."""
        lines = (f"{WORDS.latest}: {self.latest}", self.change, self.on_target, self.trend)
        return tuple(line for line in lines if line)

    @property
    def reading_lines(self) -> tuple[str, ...]:
        """Each review's value on a line: ``August 2022 – Update: 20 days (4 reviews)``."""
        return tuple(
            f"{r.review}: {r.value}" + (f" ({r.note})" if r.note else "") for r in self.readings
        )


@attrs.frozen(repr=False, eq=False)
class ProofRow(Value):
    """A complete action not yet assured: the action, and the evidence it has so far."""

    action: ActionRow
    evidence: tuple[str, ...]
    """Each piece as plain text writes it: ``Audit of rapid reviews (https://…)``."""
    pieces: tuple[tuple[Span, ...], ...] = ()
    """Each piece as a document shows it, a line each: its text linked to its web or e-mail
    address where the plan gives one (none in public when the address names someone), the
    document it is kept in after it, in brackets; ``Words.evidence_withheld`` for what the
    audience may not see."""


@attrs.frozen(repr=False, eq=False)
class ImpactSection(Value):
    """What shows the plan makes a difference: its measures, and for a plan that records
    outcomes, evidence or assurance, what is done and proven and what waits for assurance."""

    summary: str
    """``3 measures: 1 on target, 1 not yet. 1 of 4 complete actions is assured.``"""
    measures: tuple[MeasureRow, ...]
    proof: bool
    """The plan records outcomes, evidence or assurance: documents show done and proven by
    priority and ``awaiting``."""
    awaiting: tuple[ProofRow, ...]
    """Complete actions whose evidence is yet to be seen (assured), in plan order."""
    heading: str = WORDS.impact

    @property
    def baselines(self) -> bool:
        """Whether the table of measures has a column of baselines: only when a measure gives
        one, never a column of blanks."""
        return any(m.baseline is not None for m in self.measures)


@attrs.frozen(repr=False, eq=False)
class Meeting(Value):
    """Whom a board paper goes to, when, from whom, and how it is marked: its title block."""

    name: str
    """``Executive Board``."""
    date: str | None
    """The meeting's date as documents write it, ``16 February 2022``; None when not given."""
    report_of: str
    """Who the paper is from; the partnership unless the plan says otherwise."""
    presented_by: str | None
    """Who presents it, as one line, presenters apart by semicolons (``PRESENTERS_APART``):
    ``Penny Thompson CBE, Independent Chair; Simon Cross, Partnership Business Manager``."""
    marking: str
    """The protective marking of every page: ``OFFICIAL``."""
    presenters: tuple[str, ...] = ()
    """Who presents it, each as the plan names them, for a document that sets each name apart
    (the Word paper isolates each from the others' direction)."""


PRESENTERS_APART = "; "
"""Between presenters on one line: a name with its role already holds a comma, and "and" may
be part of a role (Head of Quality and Assurance)."""


@attrs.frozen(repr=False, eq=False)
class TrendPoint(Value):
    """How complete the plan was at one review, this one or an earlier one."""

    review_id: str
    review_title: str
    as_of: date
    as_of_text: str
    """The review's date as documents write it: ``31 January 2022``."""
    complete: int
    actions: int
    """Actions counted, cancelled ones not."""
    percent: int
    """Rounded as people read it: 24 of 33 is 73."""


@attrs.frozen(repr=False, eq=False)
class NarrativeSection(Value):
    """A section the partnership writes itself, as the audience may read it."""

    title: str
    """For the board, a restricted section's says it is not for publication
    (``Words.not_for_publication``)."""
    blocks: tuple[Block, ...]
    place: Place
    restricted: bool = False
    """Restricted in the plan: shown to the board only."""


class SectionKind(enum.Enum):
    """What a section of a document shows. New kinds come with new releases: a document
    that meets a kind it does not know should leave that section out, not fail."""

    PURPOSE = "purpose"
    """Why the paper comes to the meeting (``Report.purpose``)."""
    RECOMMENDATIONS = "recommendations"
    """What the board is asked to do (``Report.recommendations``)."""
    EXECUTIVE_SUMMARY = "executive summary"
    """The numbers in sentences, the trend and the charts (``Report.executive_summary``)."""
    NARRATIVE = "narrative"
    """A section the partnership writes itself (``Section.narrative``)."""
    SUMMARY = "summary"
    """The headline, what was expected by now, and the progress of each priority."""
    IMPACT = "impact"
    """The measures, done and proven by priority, the complete actions not yet assured
    (``Report.impact``)."""
    EXCEPTIONS = "exceptions"
    """The actions overdue or rated red."""
    CHANGES = "changes"
    """What changed since the previous review."""
    PRIORITY = "priority"
    """One priority's actions."""
    LEARNING = "learning"
    """The case reviews, their recommendations and practice themes."""
    KEY = "key"
    """The rating scale."""
    YEAR_PROGRESS = "year progress"
    """A yearly report's progress by priority over the year, and its chart (``Report.year``)."""
    LITTLE_PROGRESS = "little progress"
    """A yearly report's actions and priorities with little or no evidence of progress."""
    TO_BE_WRITTEN = "to be written"
    """What the guidance expects of a yearly report that the plan does not give yet."""
    SIGN_OFF = "sign off"
    """A yearly report's sign-off by the lead safeguarding partners."""


@attrs.frozen(repr=False, eq=False)
class Section(Value):
    """One section of a document, under its heading."""

    kind: SectionKind
    heading: str
    priority: PrioritySection | None = None
    """The priority a ``PRIORITY`` section shows; None for any other."""
    narrative: NarrativeSection | None = None
    """The text a ``NARRATIVE`` section shows; None for any other."""


@attrs.frozen(repr=False, eq=False)
class Report(Value):
    """What every document of a plan at one review shows, for one audience."""

    audience: Audience
    partnership: str
    short_name: str | None
    title: str
    """Every document's title: ``Business Improvement Plan 2021/23: February 2022 – Update``."""
    subject: str
    """What the document is about, for its properties."""
    plan_title: str
    period: str | None
    """The plan period as written (``2021/23``)."""
    review_id: str | None
    review_title: str | None
    as_of: date | None
    as_of_text: str | None
    """``31 January 2022``: the date as the documents write it."""
    headline: str
    """The seed's sentences: "The Plan has 4 strategic priorities and 33 actions. At the end
    of January 2022, 73% of the actions have been completed." """
    expected: str | None
    """"20 actions were due by 31 January 2022; 15 of them are complete." (None without a date)"""
    score: Score
    ratings: str
    """The whole plan's ratings in words: ``18 good progress, 12 some progress, …``."""
    priorities: tuple[PrioritySection, ...]
    exceptions: tuple[ActionRow, ...]
    """Overdue or red-rated actions, in plan order."""
    exceptions_summary: str
    """``5 actions are overdue or rated red at 31 January 2022.``, or that none is."""
    changes: Changes | None
    """None for the first review."""
    key: tuple[Rating, ...]
    """The rating scale, best first."""
    action_heading: str
    """``Planned Action (2021-23)``: the seed's first column."""
    update_heading: str
    """``February 2022 – Update``: the review's title, the seed's second column."""
    priority_description: str
    """What each priority's table holds, for readers who cannot see it."""
    public_notice: str | None
    """What a public document says when it leaves out an action or an update; None when it
    leaves out none, and for the board."""
    status_heading: str = WORDS.status
    learning: LearningSection | None = None
    """The plan's case reviews; None when it records none."""
    progress_scale: tuple[Progress, ...] = tuple(Progress)
    """Every progress an action can have, in order, as a tracker offers them."""
    words: Words = WORDS
    """Every fixed word a document shows: headings, column headings, captions, and what it
    says where there is nothing to show."""
    meeting: Meeting | None = None
    """A board paper's title block; None in a public document, which is a progress report,
    not a paper to a meeting."""
    purpose: tuple[Block, ...] = ()
    """Why the paper comes to the meeting; empty when the plan does not say, and in public."""
    asked_to: str | None = None
    """What introduces the recommendations: ``The Executive Board is asked to:``."""
    recommendations: tuple[tuple[Span, ...], ...] = ()
    """What the board is asked to do, one item each; empty in public."""
    executive_summary: tuple[str, ...] = ()
    """The numbers in sentences: how complete the plan is and was, what was completed since
    the previous review, what is overdue, rated red or due soon, the priorities with little
    or no progress."""
    trend: tuple[TrendPoint, ...] = ()
    """How complete the plan was at each review up to this one, oldest first."""
    charts: tuple[Chart, ...] = ()
    """The pictures of the executive summary: progress by priority, and the trend once there
    are two reviews."""
    narrative: tuple[NarrativeSection, ...] = ()
    """The partnership's own sections, in the plan's order; restricted ones left out in
    public."""
    impact: ImpactSection | None = None
    """The plan's measures, and what is done and proven; None for a plan with no measures,
    outcomes, evidence or assurance."""
    restricted_words: tuple[str, ...] = ()
    """The plan's restricted words (names), which a lead's form withholds (``leads.lead_form``);
    empty in public, where they are withheld already."""
    year: YearSection | None = None
    """The year a yearly report covers and what only it shows; None in any other report."""

    @property
    def category(self) -> str:
        """What kind of document it is, as its properties say: ``Board paper`` for the board,
        ``Progress report`` for the public."""
        words = self.words
        if self.year is not None:
            return words.yearly_report
        return words.progress_report if self.audience == "public" else words.board_paper

    @property
    def title_block(self) -> tuple[tuple[str, str], ...]:
        """The lines under the partnership of a paper to a meeting, each a label and its text,
        in the board paper's order: ``("Report to", "Executive Board")``, the date of the
        meeting (when given), who the paper is from, who presents it (when given), the date of
        progress and the protective marking; a yearly report's year, its reviews and the date of
        progress. None in another public document."""
        words, meeting = self.words, self.meeting
        if self.year is not None:
            # The year's end is its last review's date, which may fall short of the year's.
            return (
                (words.reporting_year, self.year.span),
                (words.drawn_from, self.year.reviews),
                *(((words.progress_as_at, self.as_of_text),) if self.as_of_text else ()),
            )
        if meeting is None:
            return ()
        lines = (
            (words.report_to, meeting.name),
            (words.meeting_date, meeting.date),
            (words.report_of, meeting.report_of),
            (words.presented_by, meeting.presented_by),
            (words.progress_as_at, self.as_of_text),
            (words.marking, meeting.marking),
        )
        return tuple((label, text) for label, text in lines if text is not None)

    @property
    def rows(self) -> tuple[ActionRow, ...]:
        """Every action row, in plan order."""
        return tuple(row for section in self.priorities for row in section.rows)

    @property
    def summary_rows(self) -> tuple[SummaryRow, ...]:
        """The summary table, the same in every document: a row for each priority, in plan
        order, then ``All priorities``, the whole plan's."""
        return (
            *(SummaryRow(s.heading, s.counts, s.ratings, s) for s in self.priorities),
            SummaryRow(self.words.all_priorities, self.score, self.ratings),
        )

    @property
    def sections(self) -> tuple[Section, ...]:
        """The sections every document sets out, in this one order: the purpose and the
        recommendations (when the plan gives them, for the board), the executive summary, the
        partnership's sections placed before the progress, the summary, the impact (for a plan
        with measures, outcomes, evidence or assurance), the exceptions, the
        changes (after the first review), each priority, the learning from case reviews (for a
        plan with any), the partnership's sections placed after, and the key."""
        words = self.words
        if self.year is not None:
            return self._yearly_sections(self.year)

        def narrative(place: Place) -> list[Section]:
            return [
                Section(SectionKind.NARRATIVE, n.title, narrative=n)
                for n in self.narrative
                if n.place is place
            ]

        return (
            *([Section(SectionKind.PURPOSE, words.purpose)] if self.purpose else []),
            *(
                [Section(SectionKind.RECOMMENDATIONS, words.recommendations)]
                if self.recommendations
                else []
            ),
            *(
                [Section(SectionKind.EXECUTIVE_SUMMARY, words.executive_summary)]
                if self.executive_summary
                else []
            ),
            *narrative(Place.BEFORE),
            Section(SectionKind.SUMMARY, words.summary),
            *([Section(SectionKind.IMPACT, self.impact.heading)] if self.impact else []),
            Section(SectionKind.EXCEPTIONS, words.exceptions),
            *([Section(SectionKind.CHANGES, self.changes.heading)] if self.changes else []),
            *(Section(SectionKind.PRIORITY, p.heading, p) for p in self.priorities),
            *([Section(SectionKind.LEARNING, self.learning.heading)] if self.learning else []),
            *narrative(Place.AFTER),
            Section(SectionKind.KEY, words.key),
        )

    def _yearly_sections(self, year: YearSection) -> tuple[Section, ...]:
        """A yearly report's sections: the year's progress, the little or no progress, the
        learning from reviews and the impact (for a plan with them), the partnership's own
        sections, what is still to be written (when anything is), the sign-off and the key."""
        words = self.words
        return (
            Section(SectionKind.YEAR_PROGRESS, words.year_progress.format(year=year.year)),
            Section(SectionKind.LITTLE_PROGRESS, words.little_progress),
            *([Section(SectionKind.LEARNING, self.learning.heading)] if self.learning else []),
            *([Section(SectionKind.IMPACT, self.impact.heading)] if self.impact else []),
            *(Section(SectionKind.NARRATIVE, n.title, narrative=n) for n in self.narrative),
            *([Section(SectionKind.TO_BE_WRITTEN, words.to_be_written)] if year.missing else []),
            Section(SectionKind.SIGN_OFF, words.sign_off),
            Section(SectionKind.KEY, words.key),
        )

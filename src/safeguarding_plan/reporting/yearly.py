"""``yearly_report()``: the report of a reporting year, published by default, which every
exporter renders as it renders a board paper (``Report.year`` says it is one), and
``yearly_contents()``, the checklist of what the guidance expects and whether the plan gives
it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import attrs

from safeguarding_plan.dates import DateError, resolve_year
from safeguarding_plan.errors import ArgumentError
from safeguarding_plan.model.paper import Place
from safeguarding_plan.model.plan import Audience, Plan
from safeguarding_plan.model.timescales import Timescale
from safeguarding_plan.model.yearly import Topic, YearNarrative
from safeguarding_plan.reporting.briefing import blocks
from safeguarding_plan.reporting.build import check_audience, composed, redacted
from safeguarding_plan.reporting.charts import Chart, ChartKind, ChartSeries
from safeguarding_plan.reporting.contents import (
    WITHHELD_UPDATE,
    ActionRow,
    ImpactSection,
    LearningSection,
    NarrativeSection,
    Report,
)
from safeguarding_plan.reporting.impact import measure_row
from safeguarding_plan.reporting.redaction import withholding
from safeguarding_plan.reporting.sentences import learning_sentence
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.reporting.yearcontents import (
    Expected,
    LackingRow,
    Signatory,
    YearRow,
    YearSection,
)
from safeguarding_plan.scoring.learning import LearningScore
from safeguarding_plan.scoring.progress import percent_rounded
from safeguarding_plan.scoring.yearly import (
    Lacking,
    PriorityYear,
    YearScore,
    case_reviews_of,
    reviews_in,
    score_year,
)
from safeguarding_plan.words import long_date, plural

Year = str | tuple[date, date]
"""A reporting year: ``2021/22``, ``2021-22`` or ``2021/2022`` (1 April 2021 to 31 March
2022), or its first and last days."""

_REASONS = {
    Lacking.OVERDUE: "overdue",
    Lacking.RED: "rated red",
    Lacking.DEFERRED: "deferred",
    Lacking.UNCHANGED: "no change in progress or rating over the year",
}

_TOPIC_TITLES = {
    Topic.VOICE: WORDS.voice_of_children,
    Topic.TRAINING: WORDS.training,
    Topic.SCRUTINY: WORDS.scrutiny,
    Topic.FUNDING: WORDS.funding,
    Topic.EDUCATION: WORDS.education,
}

_TOPIC_ASKS = {
    Topic.VOICE: "How the partners sought and used feedback from children and families.",
    Topic.TRAINING: "The multi-agency training offered, and what its evaluation found.",
    Topic.SCRUTINY: "The independent scrutiny of the arrangements, and what it concluded.",
    Topic.FUNDING: "What each partner contributed to the arrangements.",
    Topic.EDUCATION: "How schools, colleges and other education providers took part.",
}


INTEGRATED_CARE_BOARDS = date(2022, 7, 1)
"""When integrated care boards took over from clinical commissioning groups as the health
safeguarding partner (Health and Care Act 2022)."""


def reporting_year(plan: Plan, year: Year) -> tuple[date, date, str]:
    """The first and last days of ``year`` and how the report names it: as the plan's own
    entry for it writes it, or ``2021/22``, or its span for dates. ArgumentError for text that
    is no reporting year, or a last day before the first."""
    if isinstance(year, str):
        try:
            start, end = resolve_year(year)
        except DateError as err:
            raise ArgumentError(str(err)) from None
        named = year.strip()
    else:
        start, end = _days(year)
        if end < start:
            raise ArgumentError(f"the year ends ({end}) before it starts ({start})")
        named = _span(start, end)
    own = _narrative(plan, start, end)
    return start, end, own.text if own else named


def _financial(start: date, end: date) -> bool:
    """Whether the year runs from 1 April to 31 March, as a ``yearly_reports`` entry's does."""
    return (start.month, start.day, end.month, end.day) == (4, 1, 3, 31) and (
        end.year == start.year + 1
    )


def _days(year: object) -> tuple[date, date]:
    """A year given as its first and last days: two dates, or two texts as ``as_of`` takes
    them (``2021-04-01``, ``01/04/2021``). TypeError for anything else."""
    from safeguarding_plan.scoring.progress import as_of_date

    if isinstance(year, tuple | list) and len(year) == 2:
        first, last = (as_of_date(day) for day in year)
        if first is not None and last is not None:
            return first, last
    raise TypeError(
        "year must be text such as '2021/22', or its first and last days, as dates or as text "
        f"such as '2021-04-01', not {year!r}"
    )


def yearly_contents(plan: Plan, year: Year, audience: Audience = "public") -> tuple[Expected, ...]:
    """What the guidance expects a yearly report of ``year`` for ``audience`` to hold, in the
    report's order, each saying whether the plan gives it (as that report shows it) and where
    (to add it). ArgumentError for an unknown audience."""
    check_audience(audience)
    start, end, named = reporting_year(plan, year)
    if reviews_in(plan, start, end):
        made = yearly_report(plan, year, audience)
        assert made.year is not None  # a yearly report's
        return made.year.expected
    return _contents(plan, start, end, named, impact=False)


def _contents(
    plan: Plan, start: date, end: date, named: str, *, impact: bool
) -> tuple[Expected, ...]:
    """The checklist; ``impact`` whether the report shows its impact section, which only the
    report itself decides (a public one leaves restricted measures out)."""
    reviewed = reviews_in(plan, start, end)
    own = _narrative(plan, start, end)
    topics = own.topics if own else {}
    financial = f"{start.year}/{end.year % 100:02d}"  # as a yearly_reports entry writes it
    in_plan = "reviews: a review dated in the year"
    return (
        Expected(
            WORDS.year_progress.format(year=named),
            "Progress on each priority over the year, with its trend.",
            bool(reviewed),
            in_plan,
        ),
        Expected(
            WORDS.little_progress,
            "An analysis of any areas with little or no evidence of progress on the priorities.",
            bool(reviewed),
            in_plan,
        ),
        Expected(
            WORDS.learning,
            "Decisions and actions taken after local and national child safeguarding practice "
            "reviews, and their results.",
            bool(case_reviews_of(plan, start, end)),
            "case_reviews: a review with a date in the year, and its recommendations",
        ),
        Expected(
            WORDS.impact,
            "Evidence of the impact of the partners' work on outcomes for children.",
            impact,
            "measures, and their values in each review's measures",
        ),
        *(
            Expected(
                _TOPIC_TITLES[topic],
                _TOPIC_ASKS[topic],
                topic in topics,
                f"yearly_reports, year {financial}: {topic.value}"
                if _financial(start, end)
                else f"yearly_reports, year YYYY/YY: {topic.value} — only for a year from 1 April "
                "to 31 March: give the year as --year 2021/22",
            )
            for topic in Topic
        ),
        Expected(
            WORDS.sign_off,
            "The lead safeguarding partners who sign the report off, by name and role.",
            bool(plan.partnership.lead_partners),
            "partnership: lead_partners",
        ),
    )


def yearly_report(
    plan: Plan,
    year: Year,
    audience: Audience = "public",
    timescales: Sequence[Timescale] = (),
) -> Report:
    """The yearly report of ``plan`` for ``year`` (``2021/22``, or its first and last days),
    from the reviews dated in it, for the public unless ``audience`` says otherwise.
    ArgumentError for a year with no review in it, or an unknown audience."""
    check_audience(audience)
    start, end, named = reporting_year(plan, year)
    try:
        scored = score_year(plan, start, end)
    except ArgumentError as err:  # it names the plan's reviews, by id
        if audience == "public":
            raise ArgumentError(withholding(plan).redact(str(err))) from None
        raise
    # Built on the report at the year's last review, its ids still the plan's: the year's
    # records are found by them, and the whole is withheld once, at the end.
    base = composed(plan, review=scored.reviews[-1], audience=audience, timescales=timescales)
    rows = dict(zip((a.id for a in plan.actions), base.rows, strict=True))
    public = audience == "public"
    redactor = withholding(plan)
    own = _narrative(plan, start, end)
    titles = {r.id: r.title for r in plan.reviews}
    impact = _impact(plan, base, scored)
    notes = _year_notes(plan, start, end, public)
    lacking = _lacking_summary(len(scored.lacking), sum(p.lacking for p in scored.priorities))
    year_section = YearSection(
        year=named,
        span=_span(start, end),
        reviews="; ".join(titles[r] for r in scored.reviews),
        summary=_summary(scored, titles, lacking),
        progress=_progress(scored, base),
        chart=_chart(scored, base),
        trend=_trend(scored, base, titles),
        rule=_rule(scored, titles),
        lacking_summary=lacking,
        lacking=tuple(
            _lacking_row(rows[i], reasons, notes.get(i)) for i, reasons in scored.lacking.items()
        ),
        lacking_priorities=tuple(
            f"{section.heading} ({_why_priority(p)})"
            for p, section in zip(scored.priorities, base.priorities, strict=True)
            if p.lacking
        ),
        expected=_contents(plan, start, end, named, impact=impact is not None),
        signatories=tuple(Signatory(p.role, p.name) for p in plan.partnership.lead_partners)
        or tuple(
            Signatory(role, None)
            for role in (
                WORDS.statutory_partners
                if end >= INTEGRATED_CARE_BOARDS
                else WORDS.statutory_partners_before_icbs
            )
        ),
    )
    narrative = tuple(
        NarrativeSection(
            _TOPIC_TITLES[topic],
            blocks(text.blocks, redactor) if public else text.blocks,
            Place.AFTER,
        )
        for topic, text in ((t, own.topics[t]) for t in Topic if own and t in own.topics)
    )
    learning, learning_score = _learning(plan, base, rows, (start, end), notes)
    made = attrs.evolve(
        base,
        title=WORDS.yearly_title.format(year=named),
        score=attrs.evolve(base.score, learning=learning_score),
        learning=learning,
        impact=impact,
        narrative=narrative,
        executive_summary=(),
        charts=(),
        public_notice=base.public_notice,
        year=year_section,
    )
    return redacted(made, redactor) if public else made


def _narrative(plan: Plan, start: date, end: date) -> YearNarrative | None:
    return next((y for y in plan.yearly_reports if (y.start, y.end) == (start, end)), None)


def _span(start: date, end: date) -> str:
    return f"{long_date(start)} to {long_date(end)}"


def _counted(complete: int, counted: int) -> str:
    return f"{complete} of {counted} ({percent_rounded(complete, counted)}%)"


def _totals(scored: YearScore) -> tuple[int, int, int, int]:
    return scored.complete[0], scored.counted[0], scored.complete[-1], scored.counted[-1]


def _summary(scored: YearScore, titles: Mapping[str, str], lacking: str) -> tuple[str, ...]:
    """The year in sentences, the last ``lacking``, the summary of little or no progress."""
    start_complete, start_counted, end_complete, end_counted = _totals(scored)
    ended = f"at its end ({titles[scored.reviews[-1]]}), {_counted(end_complete, end_counted)}"
    completed = plural(len(scored.completed), "action was", "actions were")
    slipped = plural(len(scored.slipped), "action", "actions")
    if scored.opening is None:
        # Nothing says where the plan stood when the year began: the year is counted from the
        # plan's start, and said to be.
        return (
            "The plan has no review before the year, so the year is counted from the plan's "
            f"start, with no action complete; {ended}.",
            f"{completed} completed from the plan's start to the year's end, and {slipped} "
            "slipped in the year.",
            lacking,
        )
    return (
        f"At the start of the year (at {titles[scored.opening]}), "
        f"{_counted(start_complete, start_counted)} actions were complete; {ended}.",
        f"{completed} completed in the year, and {slipped} slipped.",
        lacking,
    )


def _lacking_summary(actions: int, priorities: int) -> str:
    if not actions and not priorities:
        return WORDS.no_little_progress
    if not priorities:
        return (
            f"{plural(actions, 'action shows', 'actions show')} little or no evidence of "
            "progress; no priority does."
        )
    if not actions:
        return (
            f"{plural(priorities, 'priority shows', 'priorities show')} little or no evidence "
            "of progress; every open action shows some."
        )
    return (
        f"{plural(actions, 'action')} and {plural(priorities, 'priority', 'priorities')} show "
        "little or no evidence of progress."
    )


def _progress(scored: YearScore, base: Report) -> tuple[YearRow, ...]:
    start_complete, start_counted, end_complete, end_counted = _totals(scored)
    return (
        *(
            YearRow(
                section.heading,
                _counted(p.start_complete, p.start_counted),
                _counted(p.end_complete, p.end_counted),
                len(p.completed),
                len(p.slipped),
            )
            for p, section in zip(scored.priorities, base.priorities, strict=True)
        ),
        YearRow(
            WORDS.all_priorities,
            _counted(start_complete, start_counted),
            _counted(end_complete, end_counted),
            len(scored.completed),
            len(scored.slipped),
            total=True,
        ),
    )


def _chart(scored: YearScore, base: Report) -> Chart:
    names = [f"{WORDS.priority} {section.id}" for section in base.priorities]
    starts = [p.percents[0] for p in scored.priorities]
    ends = [p.percents[-1] for p in scored.priorities]
    said = "; ".join(
        f"{name}, {a}% at the start and {b}% at the end"
        for name, a, b in zip(names, starts, ends, strict=True)
    )
    return _percents(
        ChartKind.BAR,
        WORDS.year_progress_table,
        f"{WORDS.year_progress_table}: {said}.",
        (WORDS.priority, names),
        (
            ChartSeries(WORDS.start_of_year, tuple(starts)),
            ChartSeries(WORDS.end_of_year, tuple(ends)),
        ),
    )


def _trend(scored: YearScore, base: Report, titles: Mapping[str, str]) -> Chart:
    """Each priority's percent complete, and all priorities', at the start of the year and at
    each of its reviews: always two points at least, as a year has a review."""
    points = [titles[p] if p else WORDS.before_first_review for p in scored.points]
    series = (
        *(
            ChartSeries(f"{WORDS.priority} {section.id}", p.percents)
            for p, section in zip(scored.priorities, base.priorities, strict=True)
        ),
        ChartSeries(WORDS.all_priorities, scored.percents, total=True),
    )
    said = " ".join(
        f"{point}: " + "; ".join(f"{s.name}, {s.values[n]:g}%" for s in series) + "."
        for n, point in enumerate(points)
    )
    return _percents(
        ChartKind.LINE,
        WORDS.year_trend,
        f"{WORDS.year_trend}. {said}",
        (WORDS.review, points),
        series,
    )


def _percents(
    kind: ChartKind,
    title: str,
    description: str,
    categories: tuple[str, Sequence[str]],
    series: tuple[ChartSeries, ...],
) -> Chart:
    """A chart of percent complete; ``categories`` what they are, and each one's label."""
    what, labels = categories
    return Chart(
        kind=kind,
        title=title,
        description=description,
        categories=tuple(labels),
        series=series,
        axis=WORDS.percent_axis,
        category=what,
    )


def _rule(scored: YearScore, titles: Mapping[str, str]) -> str:
    began = (
        f"at {titles[scored.opening]}, the last review before the year"
        if scored.opening
        else "before any review: not started and unrated"
    )
    return (
        "An action is listed when, at the year's last review, it is neither complete nor "
        "cancelled and it is overdue, rated red or deferred, or its progress and its rating "
        f"are both what they were at the start of the year ({began}). A priority is listed "
        "when it has open actions and none of its actions was completed in the year, or at "
        "least half of its actions (cancelled ones aside) are listed."
    )


def _lacking_row(row: ActionRow, reasons: tuple[Lacking, ...], latest: str | None) -> LackingRow:
    """``row`` listed for ``reasons``, with its update at the year's last review, or, where
    that review gave none, its ``latest`` in the year (why it was deferred, say)."""
    return LackingRow(
        id=row.id,
        text=row.text,
        reasons=_listed([_REASONS[r] for r in reasons]).capitalize(),
        status=row.status,
        note=row.note if row.note is not None or row.withheld else latest,
    )


def _listed(words: Sequence[str]) -> str:
    """``overdue, rated red and deferred``."""
    return " and ".join(filter(None, (", ".join(words[:-1]), words[-1])))


def _why_priority(priority: PriorityYear) -> str:
    if not priority.completed:
        return "no action completed in the year"
    return f"{len(priority.listed)} of {plural(priority.end_counted, 'action')} listed"


def _year_notes(plan: Plan, start: date, end: date, public: bool) -> dict[str, str]:
    """Each action's latest update note in the year, from whichever of its reviews gave one
    (the last review may have none for an action done earlier); for the public, a restricted
    note is said to be withheld."""
    notes: dict[str, str] = {}
    for review in reviews_in(plan, start, end):  # oldest first: the latest note stays
        for action_id, update in review.updates.items():
            if update.note is not None:
                notes[action_id] = WITHHELD_UPDATE if public and update.restricted else update.note
    return notes


def _learning(
    plan: Plan,
    base: Report,
    rows: Mapping[str, ActionRow],
    span: tuple[date, date],
    notes: Mapping[str, str],
) -> tuple[LearningSection | None, LearningScore | None]:
    """The case reviews of the year, each recommendation with what changed as a result (the
    latest update in the year of each action that carries it out: its ``notes``), and their
    score."""
    start, end = span
    learning, scored = base.learning, base.score.learning
    if learning is None or scored is None:
        return learning, scored
    of_year = {review.id for review in case_reviews_of(plan, start, end)}
    kept = [n for n, review in enumerate(plan.case_reviews) if review.id in of_year]
    reviews = tuple(
        attrs.evolve(
            learning.reviews[n],
            recommendations=tuple(
                attrs.evolve(
                    shown,
                    changed=tuple(
                        f"{rows[a].id}: {notes[a]}"
                        for a in written.actions
                        if a in rows and a in notes and not rows[a].withheld
                    ),
                )
                for written, shown in zip(
                    plan.case_reviews[n].recommendations,
                    learning.reviews[n].recommendations,
                    strict=True,
                )
            ),
        )
        for n in kept
    )
    recommendations = [rec for row in reviews for rec in row.recommendations]
    implemented = sum(rec.implemented for rec in recommendations)
    ids = {scored.reviews[n].id for n in kept}
    year = LearningScore(
        reviews=tuple(scored.reviews[n] for n in kept),
        recommendations=len(recommendations),
        implemented=implemented,
        percent_implemented=percent_rounded(implemented, len(recommendations))
        if recommendations
        else None,
        actions_from_reviews=scored.actions_from_reviews,
        late=tuple(i for i in scored.late if i in ids),
    )
    raised = {theme for row in reviews for theme in row.themes}
    section = attrs.evolve(
        learning,
        summary=learning_sentence(year) if reviews else WORDS.no_case_reviews_in_year,
        rule=WORDS.case_reviews_rule,
        reviews=reviews,
        themes=tuple(
            (theme, sum(theme in row.themes for row in reviews))
            for theme, _ in learning.themes
            if theme in raised
        ),
        shared=tuple(learning.shared[n] for n in kept) if learning.shared else (),
    )
    return section, year


def _impact(plan: Plan, base: Report, scored: YearScore) -> ImpactSection | None:
    """The impact section with each measure's values at the year's reviews, after the last
    value given before the year, named as the start of the year: its table and its chart
    show the same points."""
    impact = base.impact
    if impact is None:
        return None
    titles = {r.id: r.title for r in plan.reviews}
    reviews = {r.id: r for r in plan.reviews}
    given = {m.id: m for m in plan.measures}
    in_year = set(scored.reviews)
    rows = []
    for row in impact.measures:
        score = base.score.measures[row.id]
        before = [p for p in score.history if p.as_of < scored.start and p.value is not None]
        points = (*before[-1:], *(p for p in score.history if p.review in in_year))
        labels = {p.review: f"{WORDS.start_of_year} ({titles[p.review]})" for p in before[-1:]}
        rows.append(
            measure_row(
                given[row.id],
                attrs.evolve(score, history=points),
                titles,
                reviews,
                scored.reviews[-1],
                labels=labels,
            )
        )
    return attrs.evolve(impact, measures=tuple(rows))

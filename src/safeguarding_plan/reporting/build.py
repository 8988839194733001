"""The report: everything a document shows, computed once from a plan at a review.

Exporters render a ``Report`` and nothing else: they never score, re-read the plan or
decide what an audience may see. That keeps every format (ours and plugins') saying the same
thing, and keeps restricted content out of public documents in one place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from safeguarding_plan.dates import DateError, parse_day
from safeguarding_plan.errors import ArgumentError
from safeguarding_plan.model.casereviews import NATIONAL_THEMES, REVIEW_DATES
from safeguarding_plan.model.due import Due
from safeguarding_plan.model.plan import AUDIENCES, ActionState, Audience, Plan, Priority, Review
from safeguarding_plan.model.ratings import Progress
from safeguarding_plan.model.timescales import Timescale
from safeguarding_plan.reporting import briefing, impact, summary
from safeguarding_plan.reporting.charts import Chart
from safeguarding_plan.reporting.contents import (
    WITHHELD,
    WITHHELD_UPDATE,
    ActionRow,
    CaseReviewRow,
    ChangeRow,
    Changes,
    LearningSection,
    PrioritySection,
    RecommendationRow,
    Report,
)
from safeguarding_plan.reporting.redaction import (
    REDACTED,
    Redactor,
    restricted_words,
    withholding,
)
from safeguarding_plan.reporting.sentences import (
    changes_heading,
    document_subject,
    document_title,
    exceptions_sentence,
    expected_sentence,
    headline,
    learning_sentence,
    priority_description,
    priority_sentence,
    ratings_text,
    timeliness_lines,
)
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.scoring.learning import timescales_of
from safeguarding_plan.scoring.progress import (
    Change,
    Comparison,
    Score,
    by_lead,
    compare,
    is_overdue,
    score,
)
from safeguarding_plan.words import long_date


def report(
    plan: Plan,
    review: str | None = None,
    as_of: date | None = None,
    audience: Audience = "board",
    timescales: Sequence[Timescale] = (),
) -> Report:
    """Compute what documents of ``plan`` at ``review`` (default: the latest) show; case
    reviews are also timed against ``timescales`` (a plugin's), for the steps the plan does not
    name itself (`timescales_of`). UnknownReviewError for a review the plan does not have,
    ArgumentError for an unknown audience."""
    made = composed(plan, review, as_of, audience, timescales)
    return published(plan, made) if audience == "public" else made


def composed(
    plan: Plan,
    review: str | None = None,
    as_of: date | None = None,
    audience: Audience = "board",
    timescales: Sequence[Timescale] = (),
) -> Report:
    """The report as ``report`` makes it, but with a public report's restricted words not yet
    withheld: its ids are still the plan's, for a document built on it (the yearly report) to
    find its records by; ``published`` then withholds them, once, and makes its executive
    summary and charts, which name actions by their ids as the public document shows them."""
    check_audience(audience)
    result = score(plan, review=review, as_of=as_of, timescales=timescales)
    states = plan.states(result.review)
    before = _previous_review(plan, result.review)
    previous = plan.states(before.id) if before else None
    public = audience == "public"
    measures = impact.shown(plan.measures, public)
    if public:  # whose returns are outstanding, naming no lead of an action withheld
        withheld = {action.id for action in plan.actions if action.restricted}
        result = attrs.evolve(
            result,
            not_updated_by_lead=by_lead(plan, result.not_updated, withheld),
            measures={m.id: result.measures[m.id] for m in measures},
        )
    reviewed = plan.review(result.review) if result.review else None
    due_soon = set(result.due_soon)
    hidden_notes = {
        action_id
        for action_id, update in (reviewed.updates.items() if reviewed else ())
        if update.restricted
    }

    def row(priority_id: str, state: ActionState) -> ActionRow:
        withheld = public and state.action.restricted
        return ActionRow(
            priority_id=priority_id,
            id=state.action.id,
            text=WITHHELD if withheld else state.action.text,
            lead=None if withheld else state.action.lead,
            due=state.due.text if state.due else None,
            due_date=state.due.last_day if state.due else None,
            progress=state.progress,
            rating=state.rating,
            note=None
            if withheld
            else WITHHELD_UPDATE
            if public and state.action.id in hidden_notes and state.note is not None
            else state.note,
            previous_rating=previous[state.action.id].rating if previous else None,
            overdue=is_overdue(state, result.as_of),
            withheld=withheld,
            due_soon=state.action.id in due_soon,
            restricted_note=state.action.id in hidden_notes,
            gave=None if withheld or reviewed is None else _gave(reviewed, state.action.id),
        )

    def section(priority: Priority) -> PrioritySection:
        counts = result.by_priority[priority.id]
        ratings = ratings_text(plan.ratings, counts)
        return PrioritySection(
            id=priority.id,
            title=priority.title,
            counts=counts,
            ratings=ratings,
            rows=tuple(row(priority.id, states[a.id]) for a in priority.actions),
            summary=priority_sentence(counts, ratings),
        )

    period = plan.period.text if plan.period else None
    update_heading = reviewed.title if reviewed else WORDS.update
    priorities = tuple(section(p) for p in plan.priorities)
    exceptions = tuple(r for s in priorities for r in s.rows if r.overdue or r.red)
    red = [r.id for r in exceptions if r.red]
    as_of_text = long_date(result.as_of) if result.as_of else None
    delta = compare(plan, before.id, result.review) if before and result.review else None
    changes = _changes(plan, before, delta)
    redactor = withholding(plan)
    learning = _learning(plan, result, states, public, timescales, redactor=redactor)
    paper = reviewed.paper.over(plan.paper) if reviewed else plan.paper
    meeting = None if public else briefing.meeting(paper, plan.partnership.name)
    trend = summary.trend(plan, result)
    made = Report(
        audience=audience,
        partnership=plan.partnership.name,
        short_name=plan.partnership.short_name,
        title=document_title(plan.title, period, reviewed.title if reviewed else None),
        subject=document_subject(plan.partnership.name),
        plan_title=plan.title,
        period=period,
        review_id=result.review,
        review_title=reviewed.title if reviewed else None,
        as_of=result.as_of,
        as_of_text=as_of_text,
        headline=headline(plan, result),
        expected=expected_sentence(result) if result.as_of else None,
        score=result,
        ratings=ratings_text(plan.ratings, result),
        priorities=priorities,
        exceptions=exceptions,
        exceptions_summary=exceptions_sentence(len(exceptions), as_of_text),
        changes=changes,
        key=plan.ratings.ratings,
        action_heading=f"Planned Action ({plan.period.label})" if plan.period else "Planned Action",
        update_heading=update_heading,
        priority_description=priority_description(update_heading),
        public_notice=WORDS.public_version if public and _withholds(priorities) else None,
        learning=learning,
        impact=impact.section(
            plan,
            result,
            [r for p in priorities for r in p.rows],
            states,
            measures,
            public=public,
            redactor=redactor if public else None,
        ),
        meeting=meeting,
        purpose=() if public or paper.purpose is None else paper.purpose.blocks,
        asked_to=briefing.asked_to(meeting) if meeting and paper.recommendations else None,
        recommendations=() if public else briefing.recommendations(paper),
        executive_summary=()
        if public
        else summary.executive_summary(plan, result, trend, delta, red=red),
        trend=trend,
        charts=() if public else summary.charts(plan, result, trend),
        narrative=briefing.narrative(paper, public, redactor),
        restricted_words=() if public else restricted_words(plan),
    )
    return made


def check_audience(audience: object) -> None:
    """ArgumentError for an audience that is none of ``AUDIENCES``."""
    if audience not in AUDIENCES:
        raise ArgumentError(f"unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")


def published(plan: Plan, made: Report) -> Report:
    """``made``, a public report of ``plan`` as ``composed`` makes it, with every restricted
    word withheld."""
    redactor = withholding(plan)
    result, trend = made.score, made.trend
    before = _previous_review(plan, result.review)
    delta = compare(plan, before.id, result.review) if before and result.review else None
    red = [r.id for r in made.exceptions if r.red]
    public_report = redacted(made, redactor)
    # The summary names actions and priorities by id: by the ids as the public document shows
    # them, withheld where an id reads as a name with the text printed beside it.
    shown = {a.id: b.id for a, b in zip(made.rows, public_report.rows, strict=True)}
    shown |= {a.id: b.id for a, b in zip(made.priorities, public_report.priorities, strict=True)}
    return attrs.evolve(
        public_report,
        executive_summary=tuple(
            redactor.redact(s)
            for s in summary.executive_summary(plan, result, trend, delta, red=red, shown=shown)
        ),
        charts=tuple(
            _redacted_chart(c, redactor) for c in summary.charts(plan, result, trend, shown)
        ),
    )


def _gave(review: Review, action_id: str) -> str | None:
    """What ``review``'s update of the action gives when it has no note, in words: it counts
    as an update, so a document never says "No update." of it."""
    update = review.updates.get(action_id)
    if update is None or update.note is not None:
        return None
    if update.assured is not None:
        return WORDS.assured_only
    return WORDS.evidence_only if update.evidence else None


def _redacted_chart(chart: Chart, redactor: Redactor) -> Chart:
    said = redactor.redact
    return attrs.evolve(
        chart,
        title=said(chart.title),
        description=said(chart.description),
        categories=tuple(map(said, chart.categories)),
        series=tuple(attrs.evolve(s, name=said(s.name)) for s in chart.series),
        axis=said(chart.axis),
        category=said(chart.category),
    )


def _withholds(priorities: Sequence[PrioritySection]) -> bool:
    """Whether a public document leaves out an action or an update."""
    return any(r.withheld or r.note == WITHHELD_UPDATE for p in priorities for r in p.rows)


def _learning(
    plan: Plan,
    result: Score,
    states: Mapping[str, ActionState],
    public: bool,
    extra: Sequence[Timescale],
    *,
    redactor: Redactor,
) -> LearningSection | None:
    learning = result.learning
    if learning is None:
        return None
    # Each step worded by the one timescale that timed it: the score's, step for step.
    timescales = {t.step: t for t in timescales_of(plan, extra)}
    themes = {t.id: t.label for t in (*NATIONAL_THEMES, *plan.practice_themes)}
    raised = Counter(t for r in plan.case_reviews for t in dict.fromkeys(r.themes))
    rows = []
    for review, scored in zip(plan.case_reviews, learning.reviews, strict=True):
        hidden = public and review.subject_restricted
        rows.append(
            CaseReviewRow(
                id=review.id,
                kind=review.kind.label,
                title=review.title,
                subject=None if hidden else review.subject,
                status=review.status.label if review.status else WORDS.not_recorded,
                dates=tuple(
                    (REVIEW_DATES.get(name, name.replace("_", " ").capitalize()), _when(when))
                    for name, when in _in_order(review.dates)
                ),
                timeliness=timeliness_lines(
                    [(timescales[s.step], s) for s in scored.steps],
                    {
                        name: when.last_day
                        for name, when in review.dates.items()
                        if when.last_day is not None
                    },
                ),
                themes=tuple(themes.get(t, t) for t in review.themes),
                recommendations=tuple(
                    RecommendationRow(
                        id=rec.id,
                        text=rec.text,
                        actions=tuple((a, _progress(states, a)) for a in rec.actions),
                        complete=done.complete,
                    )
                    for rec, done in zip(
                        review.recommendations, scored.recommendations, strict=True
                    )
                ),
            )
        )
    return LearningSection(
        summary=learning_sentence(learning),
        reviews=tuple(rows),
        # Only the themes a review raises: themes raised by none read as nothing learnt.
        themes=tuple(
            (t.label, raised[t.id])
            for t in (*NATIONAL_THEMES, *plan.practice_themes)
            if raised[t.id]
        ),
        shared=() if public else tuple(_shared(row, redactor) for row in rows),
    )


def _shared(row: CaseReviewRow, redactor: Redactor) -> CaseReviewRow:
    """A case review as a form sent to a lead shows it: no subject, every restricted name
    withheld. Its recommendations' action ids stay the plan's, to be matched to the lead's."""
    said = redactor.redact
    return attrs.evolve(
        row,
        title=said(row.title),
        subject=None,
        dates=tuple((said(what), said(when)) for what, when in row.dates),
        timeliness=tuple(map(said, row.timeliness)),
        themes=tuple(map(said, row.themes)),
        recommendations=tuple(
            attrs.evolve(rec, id=said(rec.id), text=said(rec.text)) for rec in row.recommendations
        ),
    )


def _in_order(dates: Mapping[str, Due]) -> list[tuple[str, Due]]:
    known = {name: n for n, name in enumerate(REVIEW_DATES)}
    return sorted(
        dates.items(),
        key=lambda item: (known.get(item[0], len(known)), item[1].last_day or date.max),
    )


def _when(when: Due) -> str:
    """A day as documents write it (``14 September 2021``); a month or other text as written."""
    try:
        return long_date(parse_day(when.text))
    except DateError:
        return when.text


def _progress(states: Mapping[str, ActionState], action_id: str) -> str:
    state = states.get(action_id)
    return state.progress.label if state else "Not in the plan"


def redacted(made: Report, redactor: Redactor, keep: Collection[str] = ()) -> Report:
    """``made`` with every restricted word, as a reader would read it, withheld in every piece
    of text but those in ``keep``, and every id that reads as a name with the text printed
    beside it withheld whole.
    Two keys (priority ids, rating keys) never become one: the second gets a numbered
    placeholder, ``[withheld 2]``; other texts are not numbered, so a number never tells a
    reader which records are about the same person."""
    if not redactor:
        return made
    whole = {
        ident
        for ident, text in _side_by_side(made)
        if not redactor.finds(ident) and redactor.finds(f"{ident} {redactor.redact(text)}")
    }

    def shown_as(text: str, placeholder: str = REDACTED) -> str:
        if text in keep:
            return text
        return placeholder if text in whole else redactor.redact(text, placeholder)

    keys = list(dict.fromkeys(_keys(made)))
    texts: dict[str, str] = {}  # each text as shown, by the text as written
    taken = {key for key in keys if shown_as(key) == key}
    numbers: dict[str, int] = {}  # the last number given to keys shown alike
    for key in keys:
        shown = plain = shown_as(key)
        if shown == key:
            continue
        while shown in taken:
            numbers[plain] = numbers.get(plain, 1) + 1
            shown = shown_as(key, f"{REDACTED[:-1]} {numbers[plain]}]")
        taken.add(shown)
        texts[key] = shown

    done: dict[int, Any] = {}  # an object shared in two places (a row, its exception) stays one

    def redact(value: Any) -> Any:
        if isinstance(value, str):
            if value not in texts:
                texts[value] = shown_as(value)
            return texts[value]
        if id(value) in done:
            return done[id(value)]
        if isinstance(value, tuple):
            result: Any = tuple(redact(v) for v in value)
        elif isinstance(value, Mapping):
            result = {redact(k): redact(v) for k, v in value.items()}
        elif attrs.has(type(value)):
            changes = {
                f.alias: redact(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.init
            }
            result = attrs.evolve(value, **changes)
        else:
            return value  # numbers, dates, enums
        done[id(value)] = result
        return result

    withheld: Report = redact(made)
    return withheld


def _side_by_side(made: Report) -> Iterator[tuple[str, str]]:
    """Each id (or rating symbol) and the text documents print right after it (``1.2 Audit of
    …``, ``😊 Good progress``)."""
    for section in made.priorities:
        yield section.id, section.title
        for row in section.rows:
            yield row.id, row.text
    for rating in made.key:  # a status is "😊 Good progress": a symbol, then its label
        if rating.symbol:
            yield rating.symbol, rating.label
    for measure in made.impact.measures if made.impact else ():  # the tracker's, the JSON's
        yield measure.id, measure.title
    for review in made.learning.reviews if made.learning else ():
        yield review.id, review.title
        for recommendation in review.recommendations:
            yield recommendation.id, recommendation.text


def _keys(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every text that is a key of a mapping anywhere in ``value``."""
    seen = set() if seen is None else seen
    if isinstance(value, str | int | float | date) or value is None or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Mapping):
        yield from (k for k in value if isinstance(k, str))
        for item in value.values():
            yield from _keys(item, seen)
    elif isinstance(value, tuple):
        for item in value:
            yield from _keys(item, seen)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _keys(getattr(value, field.name), seen)


def _previous_review(plan: Plan, review_id: str | None) -> Review | None:
    """The review before ``review_id``; None for the first (or with no reviews)."""
    ids = [r.id for r in plan.reviews]
    if review_id is None or ids.index(review_id) == 0:
        return None
    return plan.reviews[ids.index(review_id) - 1]


def _changes(plan: Plan, previous: Review | None, delta: Comparison | None) -> Changes | None:
    if previous is None or delta is None:
        return None
    words = {r.key: f"{r.symbol} {r.label}" if r.symbol else r.label for r in plan.ratings}
    progress_words = {p.value: p.label for p in Progress}

    def named(words: dict[str, str]) -> Callable[[Change], tuple[str, str]]:
        return lambda c: (
            words.get(c.before or "", c.before or "none"),
            words.get(c.after or "", c.after or "none"),
        )

    def overdue(c: Change) -> tuple[str, str]:
        return "Not overdue", f"Overdue (due {c.after})"

    kinds: tuple[tuple[str, tuple[Change, ...], Callable[[Change], tuple[str, str]]], ...] = (
        ("Newly complete", delta.newly_complete, named(progress_words)),
        ("Rating improved", delta.rating_improved, named(words)),
        ("Rating worsened", delta.rating_worsened, named(words)),
        ("Newly overdue", delta.newly_overdue, overdue),
        ("Due date moved", delta.due_moved, named({})),
    )
    rows = tuple(
        ChangeRow(kind, c.action_id, *show(c)) for kind, changes, show in kinds for c in changes
    )
    return Changes(
        previous_id=previous.id,
        previous_title=previous.title,
        rows=rows,
        heading=changes_heading(previous.title),
    )

"""Sentences for people, worded as partnerships word them in their board papers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from safeguarding_plan.dates import days_in_month
from safeguarding_plan.folding import fold
from safeguarding_plan.model.plan import Plan
from safeguarding_plan.model.ratings import Progress, Rag, Rating, RatingScale
from safeguarding_plan.model.timescales import Timescale, Unit
from safeguarding_plan.reporting.fixedwords import FixedWords
from safeguarding_plan.words import long_date, month_year, plural

WORDS = FixedWords
"""The words as written, without defining ``Words`` (``fixedwords``): ``score`` words its text
with these sentences, and no report."""

if TYPE_CHECKING:  # scoring is imported only by what scores: validating a file needs none of it
    from safeguarding_plan.scoring.learning import LearningScore, StepScore
    from safeguarding_plan.scoring.progress import Counts, Score


def as_at(day: date) -> str:
    """``"At the end of January 2022"`` on a month's last day, else ``"As at 15 February 2022"``."""
    if day.day == days_in_month(day.year, day.month):
        return f"At the end of {month_year(day)}"
    return f"As at {long_date(day)}"


def headline(plan: Plan, score: Score) -> str:
    """The seed's own headline: "The Plan has 4 strategic priorities and 33 actions. At the
    end of January 2022, 73% of the actions have been completed." """
    priorities = plural(len(plan.priorities), "strategic priority", "strategic priorities")
    size = f"The Plan has {priorities} and {plural(score.actions, 'action')}."
    # Progress is what the scored review reports, as at that review's date; a score's own
    # ``as_of`` may differ (it only moves the date overdue is judged at).
    reported = plan.review(score.review).as_of if score.review is not None else None
    when = as_at(reported) if reported else "So far"
    done = f"{when}, {score.percent_rounded}% of the actions have been completed"
    if score.cancelled:
        done += f" ({plural(score.cancelled, 'cancelled action')} not counted)"
    return f"{size} {done}."


def expected_sentence(score: Score) -> str:
    """``"20 actions were due by 31 January 2022; 15 of them are complete."``; ``1 of them is``,
    ``none of them is``; then how many open actions have no fixed date, if any: ``2 open
    actions have no fixed date.``"""
    if score.as_of is None:
        raise ValueError("a score without a date has nothing expected by now")
    return _expected(score, long_date(score.as_of)) + _not_fixed(len(score.no_fixed_date))


def _expected(score: Score, day: str) -> str:
    if score.expected == 0:
        return f"No action was due by {day}."
    if score.expected == 1:
        return (
            f"1 action was due by {day}; it is {'' if score.expected_complete else 'not '}complete."
        )
    done = score.expected_complete
    them = {0: "none of them is", 1: "1 of them is"}.get(done, f"{done} of them are")
    return f"{score.expected} actions were due by {day}; {them} complete."


def not_updated_sentence(plan: Plan, score: Score) -> str | None:
    """Whose returns are outstanding at the review scored: ``"No update in this review for 3 of
    33 actions, from 2 of 12 leads: Business Unit (1.6, 1.7); Executive Board (4.1)."``, a lead
    that has sent some back with how many it has (``Business Unit (1.6: 1 of its 10
    actions)``); ``"Every action has an update in this review."``; None without a review."""
    if score.review is None:
        return None
    if not score.not_updated:
        return "Every action has an update in this review."
    parts = []
    for lead in score.not_updated_by_lead:
        ids = ", ".join(lead.actions)
        if len(lead.actions) < lead.lead_actions:
            ids += f": {len(lead.actions)} of its {plural(lead.lead_actions, 'action')}"
        parts.append(f"{lead.lead or WORDS.no_lead} ({ids})")
    leads = {action.lead for action in plan.actions} - {None}
    outstanding = {lead.lead for lead in score.not_updated_by_lead} - {None}
    by = f", from {len(outstanding)} of {plural(len(leads), 'lead')}" if outstanding else ""
    return (
        f"No update in this review for {len(score.not_updated)} of "
        f"{plural(score.actions, 'action')}{by}: {'; '.join(parts)}."
    )


def _not_fixed(count: int) -> str:
    """Why some open actions are not counted in what was due: their due date names no day."""
    if not count:
        return ""
    return f" {plural(count, 'open action has', 'open actions have')} no fixed date."


def ratings_text(scale: RatingScale, counts: Counts) -> str:
    """``"9 good progress, 1 limited progress"``: the ratings of ``counts`` in words."""
    parts = [
        f"{counts.by_rating[r.key]} {r.label.lower()}" for r in scale if counts.by_rating[r.key]
    ]
    if counts.unrated:
        parts.append(f"{counts.unrated} not yet rated")
    return ", ".join(parts)


_UNKNOWN = "not known"
"""A step's timeliness when the date it counts from is not recorded."""


def learning_sentence(learning: LearningScore) -> str:
    """``4 case reviews. 3 of 5 recommendations implemented (60%). 1 review is late.``, with
    how many reviews cannot be timed for want of a date: no review is said to be on time
    unless its dates show it."""
    parts = [f"{plural(len(learning.reviews), 'case review')}."]
    if learning.recommendations:
        parts.append(
            f"{learning.implemented} of {plural(learning.recommendations, 'recommendation')} "
            f"implemented ({learning.percent_implemented}%)."
        )
    else:
        parts.append("No recommendations recorded yet.")
    late = set(learning.late)
    untimed = {
        r.id
        for r in learning.reviews
        if r.id not in late and any(s.timeliness == _UNKNOWN for s in r.steps)
    }
    timed = any(r.steps and r.id not in late | untimed for r in learning.reviews)
    if late:
        parts.append(f"{plural(len(learning.late), 'review is', 'reviews are')} late.")
    elif timed:
        parts.append(
            "No review with its dates recorded is late." if untimed else "No review is late."
        )
    if untimed:
        parts.append(
            f"The timing of {plural(len(untimed), 'review')} cannot be judged: "
            "dates are not recorded."
        )
    return " ".join(parts)


def document_title(plan_title: str, period: str | None, review_title: str | None) -> str:
    """The title of every document: ``Business Improvement Plan 2021/23: February 2022 –
    Update``, the plan, its period and the review."""
    plan = f"{plan_title} {period}" if period else plan_title
    return f"{plan}: {review_title}" if review_title else plan


def document_subject(partnership: str) -> str:
    """What every document is about, for its properties."""
    return f"{partnership}: progress of the business improvement plan"


def exceptions_sentence(exceptions: int, as_of_text: str | None) -> str:
    """``5 actions are overdue or rated red at 31 January 2022.``, or that none is."""
    if not exceptions:
        return WORDS.no_exceptions
    when = f" at {as_of_text}" if as_of_text else ""
    return f"{plural(exceptions, 'action is', 'actions are')} overdue or rated red{when}."


def priority_sentence(counts: Counts, ratings: str) -> str:
    """``10 actions, 9 complete (90%). Ratings: 9 good progress, 1 some progress.``"""
    done = f"{plural(counts.actions, 'action')}, {counts.complete} complete "
    done += f"({counts.percent_rounded}%)."
    return f"{done} {WORDS.ratings}: {ratings}." if ratings else done


def priority_description(update_heading: str) -> str:
    """What a priority's table holds, for readers who cannot see it."""
    return (
        f"Each action of the priority with its lead and due date, its update for "
        f"{update_heading} and its status in words."
    )


def changes_heading(previous_title: str) -> str:
    """``Changes since November 2021 – Update``."""
    return f"Changes since {previous_title}"


_DATE_WORDS = {
    "incident": ("Incident", "the incident", "the date of the incident"),
    "became_aware": (
        "Partnership became aware",
        "the partnership became aware",
        "when the partnership became aware",
    ),
    "notified": (
        "National panel notified",
        "the national panel was notified",
        "when the national panel was notified",
    ),
    "rapid_review_completed": (
        "Rapid review completed",
        "the rapid review was completed",
        "when the rapid review was completed",
    ),
    "decision": ("Decision made", "the decision", "the date of the decision"),
    "initiated": ("Review initiated", "the review was initiated", "when the review was initiated"),
    "published": ("Published", "publication", "when it was published"),
}
"""Each date a case review records, as a sentence says it: a step done (``Published``), the
date a step counts from (``14 months after the review was initiated``) and a date not recorded
(``the plan does not record when the review was initiated``)."""


def _date_words(name: str) -> tuple[str, str, str]:
    """How a sentence says the date ``name``; a date of a plan's own timescale in its own name."""
    if name in _DATE_WORDS:
        return _DATE_WORDS[name]
    words = name.replace("_", " ").strip()
    return words.capitalize(), f"the {words} date", f"the {words} date"


def _months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``; a month's last day completes a month that ends
    sooner than ``start``'s day (31 August to 28 February is 6 months)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    last_day = end.day == days_in_month(end.year, end.month)
    return months - 1 if end.day < start.day and not last_day else months


def _span(unit: Unit, days: int, start: date | None) -> str:
    """``7 working days``, ``45 days`` or, for a timescale in months of at least two of them
    from ``start``, ``14 months``: ``days`` counts working days for a working-day timescale and
    calendar days for any other."""
    if unit is Unit.WORKING_DAYS:
        return plural(days, "working day")
    if unit is Unit.MONTHS and start is not None:
        months = _months(start, start + timedelta(days=days))
        if months >= 2:
            return plural(months, "month")
    return plural(days, "day")


def timeliness_lines(
    steps: Sequence[tuple[Timescale, StepScore]], dates: Mapping[str, date]
) -> tuple[str, ...]:
    """How a case review recording ``dates`` stands against its timescales: a line for each
    step timed (``National panel notified 7 working days after the partnership became aware: 2
    working days late``, ``Publish the local child safeguarding practice review: due by 1
    December 2021; 61 days overdue``), and one line, where the first of them would be, for the
    steps that cannot be timed as the date they count from is not recorded."""
    lines: list[str] = []
    untimed = 0
    first_untimed = 0  # where the line for the steps that cannot be timed goes, in step order
    missing: dict[str, None] = {}  # the dates not recorded, each once, in order
    for timescale, step in steps:
        if step.deadline is None or step.taken is None or step.late_by is None:
            if not untimed:
                first_untimed = len(lines)
            untimed += 1
            missing[_date_words(timescale.start)[2]] = None
            continue
        late = _span(timescale.unit, step.late_by, step.deadline)
        due = f"{timescale.label}: due by {long_date(step.deadline)}"
        if step.timeliness == "overdue":
            lines.append(f"{due}; {late} overdue")
        elif step.timeliness in ("on time", "late"):
            done, since = _date_words(timescale.end)[0], _date_words(timescale.start)[1]
            taken = _span(timescale.unit, step.taken, dates.get(timescale.start))
            verdict = "on time" if step.timeliness == "on time" else f"{late} late"
            lines.append(f"{done} {taken} after {since}: {verdict}")
        else:
            lines.append(due)
    if untimed and not dates:
        lines.insert(first_untimed, "No dates are recorded, so its timescales cannot be checked.")
    elif untimed:
        *some, last = missing
        recorded = f"{', '.join(some)} or {last}" if some else last
        steps_that = plural(untimed, "step cannot", "steps cannot")
        lines.insert(
            first_untimed, f"{steps_that} be timed, as the plan does not record {recorded}."
        )
    return tuple(lines)


def status_text(progress: Progress, rating: Rating | None) -> str:
    """How far an action has got, then its rating, each said once: ``In progress – 😊 good
    progress``, ``Not started – not yet rated``; a rating worded as the progress is (a scale's
    own ``Complete``) says it once, with its symbol."""
    if rating is None:
        return f"{progress.label} – {_lowered(WORDS.not_yet_rated)}"
    symbol = f"{rating.symbol} " if rating.symbol else ""
    if fold(rating.label) == fold(progress.label):
        return f"{symbol}{progress.label}"
    return f"{progress.label} – {symbol}{_lowered(rating.label)}"


def exception_reasons(overdue: bool, rating: Rating | None) -> str:
    """Why an action is an exception: ``Overdue and red``, ``Overdue`` or ``Red``; empty for
    an action that is not one."""
    red = rating is not None and rating.rag is Rag.RED
    reasons = [w for w, flag in ((WORDS.overdue, overdue), (Rag.RED.label, red)) if flag]
    return " and ".join(r.lower() for r in reasons).capitalize()


def exception_status(overdue: bool, progress: Progress, rating: Rating | None) -> str:
    """Why an action is an exception, then its status, each word once: ``Overdue and red: in
    progress – ☹️ limited progress``. A rating whose words name its colour (the ``rag`` scale's
    ``Red``) says red itself: ``Overdue: in progress – red``."""
    status = status_text(progress, rating)
    names_colour = rating is not None and fold(rating.label) == fold(rating.rag.label)
    reasons = exception_reasons(overdue, None if names_colour else rating)
    return f"{reasons}: {_lowered(status)}" if reasons else status


def _lowered(text: str) -> str:
    """``text`` to follow other words: its first letter small, unless its first word is an
    abbreviation (``RAG``)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def editable_note(columns: Sequence[str]) -> str:
    """What a board tracker says a lead may change, given the columns ``import-xlsx`` takes."""
    *some, last = columns
    return (
        f"Leads may change {', '.join(some)} and {last} on the {WORDS.actions_sheet} sheet; "
        "the plan file owns the other columns."
    )


def lead_note(actions: int, lead: str) -> str:
    """``The Actions sheet lists the 12 actions led by Business Unit.``"""
    return f"The {WORDS.actions_sheet} sheet lists the {plural(actions, 'action')} led by {lead}."


def update_form_note(review: str) -> str:
    """What an update form for the next review asks of a lead."""
    w = WORDS
    return (
        f"Update form for review {review}: on the {w.actions_sheet} sheet, give each action's "
        f"{w.progress}, {w.rating} and {w.update}."
    )


def lead_columns_note(columns: Sequence[str]) -> str:
    """What an update form says at the top of its Actions sheet: which columns are the lead's."""
    *some, last = columns
    return (
        f"{WORDS.to_fill_in}: {', '.join(some)} and {last}. The other columns come from the "
        "plan itself: to change one, tell whoever sent you this form."
    )


def return_note(day: date) -> str:
    """``Please return this form by 15 April 2022.``"""
    return f"Please return this form by {long_date(day)}."


def due_status_note(as_of: date, due_soon_by: date) -> str:
    """What an update form's Due status column says, and at what dates it was judged."""
    return (
        f"{WORDS.due_status} says which actions are {WORDS.overdue.lower()} at {long_date(as_of)} "
        f"and which are {WORDS.due_soon.lower()}: due by {long_date(due_soon_by)}."
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def form_subject(document: str, review: str, lead: str, *, reminder: bool = False) -> str:
    """The subject of the e-mail that sends a lead their form: ``Business Improvement Plan
    2021/23: update form for review 2022-05 – Business Unit``, on one line; ``Reminder: ``
    before it when the form is sent again to a lead who has not returned it."""
    subject = f"{document}: update form for review {review} – {lead}"
    return _one_line(f"Reminder: {subject}" if reminder else subject)


def form_letter(
    *,
    partnership: str,
    document: str,
    review: str,
    lead: str,
    return_by: date,
    actions: Sequence[tuple[str, str, str | None]],
    reminder: bool = False,
) -> str:
    """The e-mail that sends a lead their form: what is asked and by when, then each of their
    ``actions`` as (id, text, due status or None), one a line; a ``reminder`` first says the
    update has not come back yet."""
    w = WORDS
    listed = [
        f"- {_one_line(f'{ident} {text}')}" + (f" ({status.lower()})" if status else "")
        for ident, text, status in actions
    ]
    # True of a form not sent back and of one sent back with mistakes, so not imported.
    chased = [f"We do not have your update for review {review} yet.", ""] if reminder else []
    return "\n".join(
        [
            *chased,
            _one_line(
                f"Please give an update on the {plural(len(actions), 'action')} of the "
                f"{document} that {lead} leads, for review {review}, and return the attached "
                f"form by {long_date(return_by)}."
            ),
            "",
            f"On the {w.actions_sheet} sheet of the form, give each action's {w.progress}, "
            f"{w.rating} and {w.update}; the {w.previous_rating.lower()} and "
            f"{w.previous_update.lower()} are beside them. Change {w.due} or {w.due_date} only "
            "if the due date has moved.",
            "",
            "The actions:",
            "",
            *listed,
            "",
            "Thank you,",
            _one_line(partnership),
            "",
        ]
    )

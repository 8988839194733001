"""Sentences for people, worded as partnerships word them in their board papers."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from safeguarding_plan.model.plan import Plan
from safeguarding_plan.model.ratings import RatingScale
from safeguarding_plan.model.timescales import Timescale, Unit
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.words import long_date, month_year, plural

if TYPE_CHECKING:  # scoring is imported only by what scores: validating a file needs none of it
    from safeguarding_plan.scoring.learning import LearningScore, StepScore
    from safeguarding_plan.scoring.progress import Counts, Score


def as_at(day: date) -> str:
    """``"At the end of January 2022"`` on a month's last day, else ``"As at 15 February 2022"``."""
    if day.day == calendar.monthrange(day.year, day.month)[1]:
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
    ``none of them is``."""
    if score.as_of is None:
        raise ValueError("a score without a date has nothing expected by now")
    day = long_date(score.as_of)
    if score.expected == 0:
        return f"No action was due by {day}."
    if score.expected == 1:
        return (
            f"1 action was due by {day}; it is {'' if score.expected_complete else 'not '}complete."
        )
    done = score.expected_complete
    them = {0: "none of them is", 1: "1 of them is"}.get(done, f"{done} of them are")
    return f"{score.expected} actions were due by {day}; {them} complete."


def ratings_text(scale: RatingScale, counts: Counts) -> str:
    """``"9 good progress, 1 limited progress"``: the ratings of ``counts`` in words."""
    parts = [
        f"{counts.by_rating[r.key]} {r.label.lower()}" for r in scale if counts.by_rating[r.key]
    ]
    if counts.unrated:
        parts.append(f"{counts.unrated} not yet rated")
    return ", ".join(parts)


def learning_sentence(learning: LearningScore) -> str:
    """``4 case reviews. 3 of 5 recommendations implemented (60%). 1 review is late.``"""
    parts = [f"{plural(len(learning.reviews), 'case review')}."]
    if learning.recommendations:
        parts.append(
            f"{learning.implemented} of {plural(learning.recommendations, 'recommendation')} "
            f"implemented ({learning.percent_implemented}%)."
        )
    else:
        parts.append("No recommendations recorded yet.")
    if learning.late:
        parts.append(f"{plural(len(learning.late), 'review is', 'reviews are')} late.")
    else:
        parts.append("No review is late.")
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


def step_sentence(timescale: Timescale, step: StepScore) -> str:
    """How a case review's ``step`` stands against its ``timescale``, in one sentence:
    ``Notify the national panel: on time, in 4 working days (within 5 working days)``."""
    label, unit = timescale.label, timescale.unit
    if step.deadline is None or step.taken is None or step.late_by is None:
        return f"{label}: not known, no {timescale.start.replace('_', ' ')} date recorded"
    counted = "working day" if unit is Unit.WORKING_DAYS else "day"
    within = plural(timescale.length, unit.noun)
    taken = f"in {plural(step.taken, counted)} (within {within})"
    late = plural(step.late_by, counted)
    match step.timeliness:
        case "on time":
            return f"{label}: on time, {taken}"
        case "late":
            return f"{label}: {late} late, {taken}"
        case "overdue":
            return f"{label}: overdue, due {long_date(step.deadline)} ({late} late so far)"
    return f"{label}: not yet due, due {long_date(step.deadline)}"


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

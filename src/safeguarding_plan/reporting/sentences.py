"""Sentences for people, worded as partnerships word them in their board papers."""

from __future__ import annotations

import calendar
from datetime import date
from typing import TYPE_CHECKING

from safeguarding_plan.model.plan import Plan
from safeguarding_plan.model.ratings import RatingScale
from safeguarding_plan.words import long_date, month_year, plural

if TYPE_CHECKING:  # scoring is imported only by what scores: validating a file needs none of it
    from safeguarding_plan.scoring.learning import LearningScore
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
    """``"20 actions were due by 31 January 2022; 15 of them are complete."``"""
    if score.as_of is None:
        raise ValueError("a score without a date has nothing expected by now")
    day = long_date(score.as_of)
    if score.expected == 0:
        return f"No action was due by {day}."
    if score.expected == 1:
        return (
            f"1 action was due by {day}; it is {'' if score.expected_complete else 'not '}complete."
        )
    return (
        f"{score.expected} actions were due by {day}; "
        f"{score.expected_complete} of them are complete."
    )


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

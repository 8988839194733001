"""The executive summary: the sentences a business manager would otherwise write by hand from
the numbers, the trend across reviews, and the charts that show both.

A priority has made *little or no progress* when none of its actions (not cancelled) is
complete, or when at least half of its rated actions are rated red.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from safeguarding_plan.model.plan import Plan
from safeguarding_plan.model.ratings import Rag
from safeguarding_plan.reporting.charts import Chart, ChartKind, ChartSeries
from safeguarding_plan.reporting.contents import TrendPoint
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.scoring.progress import (
    Comparison,
    Counts,
    Score,
    completion,
    percent_rounded,
)
from safeguarding_plan.words import listed, long_date, plural

IDS_SHOWN = 8
"""The most action ids a sentence lists; the rest are counted."""


def trend(plan: Plan, result: Score) -> tuple[TrendPoint, ...]:
    """How complete the plan was at each review up to the scored one, oldest first."""
    if result.review is None:
        return ()
    points = []
    for review in plan.reviews:
        # An earlier review's completion alone: the rest of its score is not shown.
        complete, counted = (
            (result.complete, result.actions - result.cancelled)
            if review.id == result.review
            else completion(plan.states(review.id).values())
        )
        points.append(
            TrendPoint(
                review_id=review.id,
                review_title=review.title,
                as_of=review.as_of,
                as_of_text=long_date(review.as_of),
                complete=complete,
                actions=counted,
                percent=percent_rounded(complete, counted),
            )
        )
        if review.id == result.review:
            break
    return tuple(points)


def executive_summary(
    plan: Plan,
    result: Score,
    points: Sequence[TrendPoint],
    delta: Comparison | None,
    *,
    red: Sequence[str],
    shown: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """The sentences of the executive summary, in the order a board reads them, ``red`` the
    ids of the actions rated red (the report's rows say which); each action and priority named
    by its id as ``shown`` has it (a public document's, withheld)."""
    ids = _Ids(shown or {})
    counted = result.actions - result.cancelled
    cancelled = " not cancelled" if result.cancelled else ""
    percent = result.percent_rounded
    verb = "is" if 1 in (result.complete, counted) else "are"
    now = f"{result.complete} of the {plural(counted, 'action')}{cancelled} ({percent}%) {verb}"
    now += " complete"
    if len(points) > 1:
        before = points[-2].percent
        now += (
            f", up from {before}% at the previous review"
            if percent > before
            else f", down from {before}% at the previous review"
            if percent < before
            else ", as at the previous review"
        )
    sentences = [now + "."]
    if len(points) > 2:
        each = [f"{p.percent}% ({p.review_title})" for p in points]
        sentences.append(f"At each review so far: {listed(each)}.")
    if delta is not None:
        completed = [c.action_id for c in delta.newly_complete]
        sentences.append(
            f"{ids.actions(completed, 'was', 'were')} completed since the previous review."
            if completed
            else "No action was completed since the previous review."
        )
    sentences.append(
        f"{ids.actions(result.overdue, 'is', 'are')} overdue."
        if result.overdue
        else "No action is overdue."
    )
    # The scale's own words for red, unless they only say "red" again (a RAG scale's).
    red_words = [r.label.lower() for r in plan.ratings if r.rag is Rag.RED]
    said = f" ({listed(red_words, 'or')})" if red_words and red_words != ["red"] else ""
    if red_words:
        sentences.append(
            f"{ids.actions(red, 'is', 'are')} rated red{said}."
            if red
            else "No action is rated red."
        )
    if result.as_of is not None and result.due_soon_by is not None:
        by = long_date(result.due_soon_by)
        sentences.append(
            f"{ids.actions(result.due_soon, 'is', 'are')} due by {by}."
            if result.due_soon
            else f"No open action is due from {long_date(result.as_of)} to {by}."
        )
    if result.no_fixed_date:
        sentences.append(f"{ids.actions(result.no_fixed_date, 'has', 'have')} no fixed date.")
    sentences += _little_progress(plan, result, ids)
    return tuple(sentences)


def charts(
    plan: Plan,
    result: Score,
    points: Sequence[TrendPoint],
    shown: Mapping[str, str] | None = None,
) -> tuple[Chart, ...]:
    """Progress by priority, and the trend once there are two reviews to join; each priority
    named by its id as ``shown`` has it."""
    ids = _Ids(shown or {})
    names = [f"{WORDS.priority} {ids.one(p.id)}" for p in plan.priorities]
    scores = [result.by_priority[p.id] for p in plan.priorities]
    found = [
        Chart(
            kind=ChartKind.BAR,
            title=WORDS.complete_by_priority,
            description=f"{WORDS.complete_by_priority}: "
            + "; ".join(
                f"{name}, {s.percent_rounded}% ({s.complete} of {s.actions - s.cancelled})"
                for name, s in zip(names, scores, strict=True)
            )
            + ".",
            categories=tuple(names),
            series=(ChartSeries(WORDS.percent_complete, tuple(s.percent_rounded for s in scores)),),
            axis=WORDS.percent_axis,
            category=WORDS.priority,
        )
    ]
    if len(points) > 1:
        found.append(
            Chart(
                kind=ChartKind.LINE,
                title=WORDS.complete_by_review,
                description=f"{WORDS.complete_by_review}: "
                + "; ".join(f"{p.review_title}, {p.percent}%" for p in points)
                + ".",
                categories=tuple(p.review_title for p in points),
                series=(ChartSeries(WORDS.percent_complete, tuple(p.percent for p in points)),),
                axis=WORDS.percent_axis,
                category=WORDS.review,
            )
        )
    return tuple(found)


def _little_progress(plan: Plan, result: Score, ids: _Ids) -> list[str]:
    """The priorities with little or no progress, or that every priority with actions not
    cancelled has made progress; nothing for a plan with none."""
    named, judged = [], 0
    for priority in plan.priorities:
        counts: Counts = result.by_priority[priority.id]
        rated = sum(counts.by_rating.values())
        reds = counts.by_rag.get(Rag.RED.value, 0)
        counted = counts.actions - counts.cancelled
        judged += bool(counted)
        which = f"{WORDS.priority.lower()} {ids.one(priority.id)}"
        if counted and counts.complete == 0:
            named.append(f"{which} (no action complete)")
        elif counted and rated and 2 * reds >= rated:
            named.append(f"{which} ({reds} of {rated} rated actions red)")
    if named:
        return [f"Little or no progress on {ids.capped(named)}."]
    if judged:
        return [
            "Every priority has made progress: each has actions complete, and fewer than half "
            "of its rated actions are rated red."
        ]
    return []


class _Ids:
    """Ids as a document shows them, listed as a sentence lists them."""

    def __init__(self, shown: Mapping[str, str]) -> None:
        self.shown = shown

    def one(self, ident: str) -> str:
        return self.shown.get(ident, ident)

    def capped(self, names: Sequence[str]) -> str:
        """``"a, b and c"``; past ``IDS_SHOWN``, the rest counted."""
        first = list(names[:IDS_SHOWN])
        rest = len(names) - len(first)
        return listed([*first, *([plural(rest, "other")] if rest else [])])

    def actions(self, ids: Sequence[str], one: str, many: str) -> str:
        """``"Actions 1.6 and 2.3 are"``, ``"Action 1.6 is"``."""
        named = self.capped([self.one(i) for i in ids])
        return f"Action {named} {one}" if len(ids) == 1 else f"Actions {named} {many}"

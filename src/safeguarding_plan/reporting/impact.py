"""The impact section: each measure's numbers in words, as the plan writes them, with a chart of
its values; done and proven by priority; the complete actions whose evidence is yet to be seen.

Numbers stay ``Decimal`` until they are words (``1.10`` is shown ``1.10``); only a chart's
drawing takes them as floats.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from urllib.parse import unquote

import attrs

from safeguarding_plan.markup import LINK_SCHEMES, Span
from safeguarding_plan.model.impact import Better, Evidence, Measure, MeasureUnit
from safeguarding_plan.model.plan import ActionState, Plan, Review
from safeguarding_plan.model.ratings import Progress
from safeguarding_plan.reporting.amounts import amount
from safeguarding_plan.reporting.charts import Chart, ChartKind, ChartSeries
from safeguarding_plan.reporting.contents import (
    ActionRow,
    ImpactSection,
    MeasureReading,
    MeasureRow,
    ProofRow,
)
from safeguarding_plan.reporting.redaction import Redactor
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.scoring.impact import MeasureScore
from safeguarding_plan.scoring.progress import Score
from safeguarding_plan.words import plural

UNIT_WORDS = {
    MeasureUnit.NUMBER: "number",
    MeasureUnit.PERCENT: "percent",
    MeasureUnit.DAYS: "days",
    MeasureUnit.WEEKS: "weeks",
    MeasureUnit.MONTHS: "months",
    MeasureUnit.POUNDS: "pounds",
    MeasureUnit.PER_10000: "per 10,000 children",
}
"""Each unit in words, as a document names it beside a measure."""
BETTER_WORDS = {Better.HIGHER: WORDS.higher, Better.LOWER: WORDS.lower}
"""Which way is better, in a word."""


def shown(measures: Sequence[Measure], public: bool) -> tuple[Measure, ...]:
    """The measures a document shows: a restricted one is left out of a public document."""
    return tuple(m for m in measures if not (public and m.restricted))


def section(
    plan: Plan,
    result: Score,
    rows: Sequence[ActionRow],
    states: Mapping[str, ActionState],
    measures: Sequence[Measure],
    *,
    public: bool = False,
    redactor: Redactor | None = None,
) -> ImpactSection | None:
    """The impact section of ``plan`` scored as ``result``, its action ``rows`` as the report
    shows them; None for a plan that gives no measures, outcomes, evidence or assurance.
    ``redactor`` finds the names a public document withholds: an evidence link naming one is
    no link (its text is withheld with the report's)."""
    proof = plan.impact_given
    if not measures and not proof:
        return None
    titles = {r.id: r.title for r in plan.reviews}
    given = {r.id: r for r in plan.reviews}
    made = tuple(
        measure_row(m, result.measures[m.id], titles, given, result.review) for m in measures
    )
    hidden = _restricted_evidence(plan, result.review) if public else {}
    awaiting = (
        tuple(
            _proof_row(row, states[row.id], hidden.get(row.id, ()), redactor)
            for row in rows
            if row.progress is Progress.COMPLETE and states[row.id].assured is None
        )
        if proof
        else ()
    )
    return ImpactSection(
        summary=_summary([result.measures[m.id] for m in measures], result, proof),
        measures=made,
        proof=proof,
        awaiting=awaiting,
    )


def _summary(scores: Sequence[MeasureScore], result: Score, proof: bool) -> str:
    """``3 measures: 1 on target, 1 not yet on target. 1 of 4 complete actions is assured; 2
    of 3 actions with an outcome have evidence.``"""
    sentences = []
    if scores:
        on = sum(s.on_target is True for s in scores)
        off = sum(s.on_target is False for s in scores)
        parts = [f"{on} on target"] if on or off else []
        parts += [f"{off} not yet on target"] if off else []
        unjudged = len(scores) - on - off
        parts += [f"{unjudged} with no target or no value yet"] if unjudged and parts else []
        said = f": {', '.join(parts)}" if parts else ""
        sentences.append(f"{plural(len(scores), 'measure')}{said}.")
    if proof:
        verb = "is" if result.assured == 1 else "are"
        proven = f"{result.assured} of {plural(result.complete, 'complete action')} {verb} assured"
        have = "has" if result.evidenced == 1 else "have"
        sentences.append(
            f"{proven}; {result.evidenced} of {plural(result.with_outcome, 'action')} with an "
            f"outcome {have} evidence."
        )
    return " ".join(sentences)


def _restricted_evidence(plan: Plan, review_id: str | None) -> dict[str, list[Evidence]]:
    """The evidence given with each update that may not be published, by action, in the
    reviews up to ``review_id``: a public document withholds it with the update."""
    hidden: dict[str, list[Evidence]] = {}
    for review in plan.reviews:
        for action_id, update in review.updates.items():
            if update.restricted and update.evidence:
                hidden.setdefault(action_id, []).extend(update.evidence)
        if review.id == review_id:
            break
    return hidden


def _proof_row(
    row: ActionRow, state: ActionState, hidden: Sequence[Evidence], redactor: Redactor | None
) -> ProofRow:
    """An action's evidence as a document shows it: what may not be published withheld, and
    said to be, never left out as if none had been given."""
    shown = [] if row.withheld else [e for e in state.evidence if e not in hidden]
    withheld = [WORDS.evidence_withheld] if len(shown) < len(state.evidence) else []
    return ProofRow(
        row,
        (*map(_evidence, shown), *withheld),
        (*(_piece(e, redactor) for e in shown), *((Span(w),) for w in withheld)),
    )


def _evidence(evidence: Evidence) -> str:
    where = evidence.link or evidence.document
    return f"{evidence.text} ({where})" if where else evidence.text


def _piece(evidence: Evidence, redactor: Redactor | None) -> tuple[Span, ...]:
    """A piece of evidence as a line of a document: its text a link to its address (kept as
    text when the address names someone the audience may not read of, or is not one the plan
    file allows), or followed by the document it is kept in."""
    link = evidence.link
    if link is not None and (
        not link.lower().startswith(LINK_SCHEMES) or (redactor and redactor.finds(unquote(link)))
    ):
        return (Span(_evidence(attrs.evolve(evidence, link=None))),)
    if link is not None:
        return (Span(evidence.text, link=link),)
    return (Span(_evidence(evidence)),)


def measure_row(
    measure: Measure,
    scored: MeasureScore,
    titles: Mapping[str, str],
    reviews: Mapping[str, Review],
    review_id: str | None,
    *,
    labels: Mapping[str, str] | None = None,
) -> MeasureRow:
    """``measure`` as documents show it, scored as ``scored`` at ``review_id``: a reading for
    each point of its ``history``, which its table and its chart both show, each named by
    ``labels`` (by review id) or else by the review's title."""
    unit = measure.unit
    named = {**titles, **(labels or {})}
    readings = []
    for point in scored.history:
        value = reviews[point.review].measures.get(measure.id)
        readings.append(
            MeasureReading(
                review=named[point.review],
                value=WORDS.not_given if point.value is None else amount(point.value, unit),
                note=value.note if value else None,
                given=point.value is not None,
                number=point.value,
            )
        )
    if scored.latest is None or scored.latest_review is None:
        latest = WORDS.not_given
    else:
        latest = amount(scored.latest, unit)
        if scored.latest_review != review_id:
            latest += f" (at {titles[scored.latest_review]})"
    change = None
    if scored.change is not None and scored.previous_review is not None:
        way = "Up" if scored.change > 0 else "Down"
        size = amount(abs(scored.change), unit, change=True)
        moved = f"{way} {size}" if scored.change else "No change"
        change = f"{moved} since {titles[scored.previous_review]}"
    target = None
    if measure.target is not None:
        better = f" ({measure.better.value} is better)" if measure.better else ""
        target = amount(measure.target, unit) + better
    return MeasureRow(
        id=measure.id,
        title=measure.title,
        unit=UNIT_WORDS[unit],
        baseline=None if measure.baseline is None else amount(measure.baseline, unit),
        target=target,
        latest=latest,
        change=change,
        on_target=None
        if scored.on_target is None
        else WORDS.on_target
        if scored.on_target
        else WORDS.not_on_target,
        trend=scored.trend.value.capitalize() if scored.trend else None,
        readings=tuple(readings),
        source=measure.source,
        chart=_chart(measure, scored, tuple(readings)),
        baseline_number=measure.baseline,
        target_number=measure.target,
        better=None if measure.better is None else BETTER_WORDS[measure.better],
    )


def _chart(
    measure: Measure, scored: MeasureScore, readings: tuple[MeasureReading, ...]
) -> Chart | None:
    """The measure's values over the reviews, once two reviews give one: a single value is no
    line, and the table gives it."""
    values = [p.value for p in scored.history]
    numbers = [v for v in values if v is not None]
    if len(numbers) < 2:
        return None
    unit = measure.unit
    aims = [v for v in (measure.target, measure.baseline) if v is not None]
    places = max((-int(v.as_tuple().exponent) for v in numbers), default=0)
    said = "; ".join(f"{r.review}, {r.value}" for r in readings)
    aim = measure.target
    target = f" {WORDS.target} {amount(aim, unit)}." if aim is not None else ""
    low, high = _scale([float(v) for v in (*numbers, *aims)], unit is MeasureUnit.PERCENT)
    return Chart(
        kind=ChartKind.LINE,
        title=measure.title,
        description=f"{measure.title}: {said}.{target}",
        categories=tuple(r.review for r in readings),
        series=(
            ChartSeries(measure.title, tuple(None if v is None else float(v) for v in values)),
        ),
        axis=UNIT_WORDS[unit].capitalize(),
        category=WORDS.review,
        low=low,
        high=high,
        decimals=max(places, 0),
        before="£" if unit is MeasureUnit.POUNDS else "",
        after="%" if unit is MeasureUnit.PERCENT else "",
        small=True,
    )


def _scale(values: Sequence[float], percent: bool) -> tuple[float, float]:
    """The value axis: 0 to 100 for a percentage that stays within them, else from 0 (or
    below, for a value below it) to a round number above the largest value."""
    top, bottom = max(values), min(values)
    if percent and bottom >= 0 and top <= 100:
        return 0.0, 100.0
    low, high = (-_round_up(-bottom) if bottom < 0 else 0.0), _round_up(top)
    return low, high if high > low else low + 1.0  # every value 0: an axis still to draw


def _round_up(value: float) -> float:
    """The least of 1, 2, 2.5 and 5 times a power of ten that is at least ``value`` (> 0)."""
    if value <= 0:
        return 0.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)

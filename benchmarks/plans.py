"""Realistic plans of any size, for the benchmarks.

A plan of N actions reuses the Birmingham plan's own wording (action texts, leads, due
phrases and update notes), so texts have the lengths partnerships write. It has 4 to 12
priorities, as plans do, and three reviews: each a quarter on, with more actions complete
and their ratings moving. It is heavy with what shows impact: a measure for every ten actions,
with a value (or only a note) at each review, and a third of the actions with an outcome,
evidence once complete and assurance at the last review. The same N always gives the same plan.
"""

from __future__ import annotations

import io
import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

import safeguarding_plan as sp
from safeguarding_plan.planfile import writing

BIRMINGHAM = (
    Path(__file__).resolve().parent.parent / "examples" / "birmingham-2021-23" / "plan.yaml"
)
REVIEWS = (
    ("2021-08", "August 2021 – Update", date(2021, 7, 31)),
    ("2021-11", "November 2021 – Update", date(2021, 10, 31)),
    ("2022-02", "February 2022 – Update", date(2022, 1, 31)),
)
# Share of actions complete at each review; the last is Birmingham's 73%.
COMPLETE = (0.25, 0.5, 0.73)


def priorities_for(actions: int) -> int:
    """How many priorities a plan of ``actions`` actions has: 4 for a small plan, up to 12."""
    return max(4, min(12, actions // 100))


def realistic_plan(actions: int, seed: int = 2022) -> sp.Plan:
    """A plan of ``actions`` actions in Birmingham's words, with three reviews."""
    source = sp.load(BIRMINGHAM)
    pool = source.actions
    notes = [u.note for u in source.reviews[-1].updates.values() if u.note]
    titles = [p.title for p in source.priorities]
    keys = [r.key for r in source.ratings]
    rng = random.Random(seed)

    count = priorities_for(actions)
    priorities = []
    ids: list[str] = []
    for p in range(count):
        size = actions // count + (1 if p < actions % count else 0)
        made = []
        for a in range(1, size + 1):
            model = pool[rng.randrange(len(pool))]
            outcome = OUTCOME if rng.random() < OUTCOMES else None
            made.append(
                sp.Action(
                    id=f"{p + 1}.{a}", text=model.text, lead=model.lead, due=model.due,
                    outcome=outcome,
                )
            )  # fmt: skip
            ids.append(made[-1].id)
        title = titles[p % len(titles)].split(": ", 1)[-1]
        priorities.append(sp.Priority(id=str(p + 1), title=title, actions=tuple(made)))

    # Each action completes at a review of its own and stays complete; ratings drift.
    completes_at = {i: rng.random() for i in ids}
    reviews = []
    with_outcome = {a.id for p in priorities for a in p.actions if a.outcome}
    measures = _measures(max(3, actions // 10), priorities, rng)
    stages = zip(REVIEWS, COMPLETE, strict=True)
    for number, ((review_id, title, as_of), share) in enumerate(stages):
        updates = {}
        last = number == len(REVIEWS) - 1
        for i in ids:
            done = completes_at[i] < share
            proven = done and i in with_outcome
            updates[i] = sp.ActionUpdate(
                progress=sp.Progress.COMPLETE if done else sp.Progress.IN_PROGRESS,
                rating=keys[0] if done else keys[rng.randrange(len(keys))],
                note=notes[rng.randrange(len(notes))],
                evidence=(EVIDENCE,) if proven else (),
                assured=sp.Assurance(by=ASSURED_BY, date=as_of) if proven and last else None,
            )
        values = {m.id: _value(m, number, rng) for m in measures}
        reviews.append(
            sp.Review(id=review_id, title=title, as_of=as_of, updates=updates, measures=values)
        )

    return sp.Plan(
        partnership=source.partnership,
        title=source.title,
        period=source.period,
        ratings=source.ratings,
        priorities=tuple(priorities),
        reviews=tuple(reviews),
        measures=measures,
    )


OUTCOMES = 1 / 3
"""The share of actions with an outcome, each proven by evidence once complete."""
OUTCOME = "Practitioners use the learning, as the next multi-agency audit shows"
EVIDENCE = sp.Evidence(text="Multi-agency audit report", document="QIO Sub-Group papers")
ASSURED_BY = "Quality, Impact & Outcomes Sub-Group"
UNITS = (sp.MeasureUnit.PERCENT, sp.MeasureUnit.DAYS, sp.MeasureUnit.PER_10000)


def _measures(
    count: int, priorities: list[sp.Priority], rng: random.Random
) -> tuple[sp.Measure, ...]:
    """``count`` measures, each of one priority and two of its actions, a third without a
    target."""
    made = []
    for n in range(count):
        priority = priorities[n % len(priorities)]
        unit = UNITS[n % len(UNITS)]
        better = sp.Better.LOWER if unit is sp.MeasureUnit.DAYS else sp.Better.HIGHER
        made.append(
            sp.Measure(
                id=f"m{n + 1}",
                title=f"Rapid reviews completed within 15 working days ({n + 1})",
                unit=unit,
                baseline=Decimal(rng.randrange(10, 90)),
                target=Decimal(rng.randrange(10, 90)) if n % 3 else None,
                better=better if n % 3 else None,
                priorities=(priority.id,),
                actions=tuple(a.id for a in priority.actions[:2]),
                source="Business Unit case review log",
            )
        )
    return tuple(made)


def _value(measure: sp.Measure, review: int, rng: random.Random) -> sp.MeasureValue:
    """A measure's value at a review: one in ten has only a note saying why there is none."""
    if rng.random() < 0.1:
        return sp.MeasureValue(note="The figures were not available this quarter")
    return sp.MeasureValue(value=Decimal(rng.randrange(100, 900)) / 10 + review)


def write_plan(actions: int, folder: Path) -> Path:
    """Write the plan of ``actions`` actions to ``folder`` as YAML; return its path.

    Written as ``sp.dump`` writes it, with libyaml's emitter in place of PyYAML's own: the
    same text for Birmingham's words (``sp.dump`` keeps PyYAML's for the emoji libyaml would
    escape), and a quarter of the time, which was twelve seconds of every benchmark run for
    the plan of 10,000 actions."""
    path = folder / f"plan-{actions}.yaml"
    text = io.StringIO()
    yaml.dump(
        writing._plan(realistic_plan(actions)),
        text,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


class _Dumper(yaml.CSafeDumper):
    """The plan writer's representers (``planfile.writing``) on libyaml's emitter."""


_Dumper.add_representer(str, writing._represent_text)
_Dumper.add_representer(writing._Number, writing._represent_number)

"""Scoring what shows a plan makes a difference: each measure's latest value, change, target
and trend; done and proven (assured) and outcomes evidenced, by priority; in ``score`` and
``score --json``."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from impact_plan import IMPACT_PLAN
from strategies import measure_numbers, plans

import safeguarding_plan as sp
from safeguarding_plan.scoring.impact import MeasurePoint, Trend


@pytest.fixture(scope="module")
def plan() -> sp.Plan:
    return sp.loads(IMPACT_PLAN)


def test_each_measure_has_its_latest_value_change_target_and_trend(plan: sp.Plan) -> None:
    rr, days, second = sp.score(plan).measures.values()
    assert (rr.latest, rr.latest_review, rr.previous, rr.previous_review) == (
        Decimal(80),
        "2023-02",
        Decimal(65),
        "2022-08",  # November gave no value: the change is since the value before
    )
    assert (rr.change, rr.since_baseline, rr.on_target, rr.trend) == (
        Decimal(15),
        Decimal(20),
        False,
        Trend.IMPROVING,
    )
    # Fewer days is better: falling is improving.
    assert (days.latest, days.change, days.on_target, days.trend) == (
        Decimal("16.5"),
        Decimal("-1.5"),
        False,
        Trend.IMPROVING,
    )
    # No target or direction: up then down is mixed, and on target is not known.
    assert (second.latest, second.change, second.on_target, second.trend) == (
        Decimal("1.10"),
        Decimal("-0.15"),
        None,
        Trend.MIXED,
    )


def test_a_missing_value_is_none_in_the_history_never_zero(plan: sp.Plan) -> None:
    rr = sp.score(plan).measures["rr-on-time"]
    assert rr.history == (
        MeasurePoint("2022-08", date(2022, 7, 31), Decimal(65)),
        MeasurePoint("2022-11", date(2022, 10, 31), None),
        MeasurePoint("2023-02", date(2023, 1, 31), Decimal(80)),
    )
    at_november = sp.score(plan, "2022-11").measures["rr-on-time"]
    assert (at_november.latest, at_november.latest_review, at_november.change) == (
        Decimal(65),
        "2022-08",
        None,
    )
    assert at_november.trend is None  # one value so far


def test_a_measure_is_scored_from_the_reviews_up_to_the_one_scored(plan: sp.Plan) -> None:
    august = sp.score(plan, "2022-08").measures["days-to-decision"]
    assert [p.review for p in august.history] == ["2022-08"]
    assert (august.latest, august.previous, august.change, august.trend) == (
        Decimal(20),
        None,
        None,
        None,
    )


def test_a_measure_reaches_its_target_the_way_that_is_better(plan: sp.Plan) -> None:
    values = {
        "rr-on-time": sp.MeasureValue(Decimal(90)),
        "days-to-decision": sp.MeasureValue(Decimal(15)),
    }
    later = sp.Review("2023-05", "May 2023 – Update", date(2023, 4, 30), measures=values)
    scored = sp.score(attrs.evolve(plan, reviews=(*plan.reviews, later))).measures
    assert scored["rr-on-time"].on_target is True  # 90 of a target of 90, higher is better
    assert scored["days-to-decision"].on_target is True  # 15 days, lower is better


def test_a_plan_with_no_reviews_has_measures_with_no_values(plan: sp.Plan) -> None:
    scored = sp.score(attrs.evolve(plan, reviews=())).measures["rr-on-time"]
    assert (scored.history, scored.latest, scored.on_target, scored.trend) == ((), None, None, None)


def test_done_and_proven_by_priority(plan: sp.Plan) -> None:
    score = sp.score(plan)
    first, second = score.by_priority.values()
    # Priority 1: 1.1 and 1.10 complete, 1.1 assured; both have outcomes and evidence.
    assert (first.complete, first.assured, first.percent_assured) == (2, 1, 50.0)
    assert (first.with_outcome, first.evidenced, first.percent_evidenced) == (2, 2, 100.0)
    # Priority 2: 2.1 has an outcome but no evidence yet; nothing is assured.
    assert (second.complete, second.assured, second.percent_assured) == (2, 0, 0.0)
    assert (second.with_outcome, second.evidenced, second.percent_evidenced) == (1, 0, 0.0)
    assert (score.assured, score.with_outcome, score.evidenced) == (1, 3, 2)
    assert score.percent_assured == 25.0


def test_a_plan_without_outcomes_evidence_or_assurance_counts_none(birmingham: sp.Plan) -> None:
    score = sp.score(birmingham)
    assert not birmingham.impact_given
    assert (score.assured, score.with_outcome, score.evidenced) == (0, 0, 0)
    assert (score.percent_assured, score.percent_evidenced) == (0.0, 0.0)


def test_the_json_of_a_score_has_the_measures_as_numbers(plan: sp.Plan) -> None:
    data = json.loads(json.dumps(sp.score(plan).to_dict()))
    rr = data["measures"]["rr-on-time"]
    assert rr["latest"] == 80
    assert rr["history"][1] == {"review": "2022-11", "as_of": "2022-10-31", "value": None}
    assert (rr["change"], rr["on_target"], rr["trend"], rr["better"]) == (
        15,
        False,
        "improving",
        "higher",
    )
    assert data["measures"]["days-to-decision"]["change"] == -1.5
    assert data["measures"]["second-plans"]["unit"] == "per-10000"
    assert data["by_priority"]["1"]["assured"] == 1
    assert data["by_priority"]["2"]["percent_evidenced"] == 0.0


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "safeguarding_plan", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_score_and_score_json_show_measures_and_assurance(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(IMPACT_PLAN, encoding="utf-8")
    data = json.loads(run("score", path, "--json").stdout)
    assert list(data["measures"]) == ["rr-on-time", "days-to-decision", "second-plans"]
    assert data["measures"]["rr-on-time"]["latest"] == 80
    assert (data["assured"], data["with_outcome"], data["evidenced"]) == (1, 3, 2)

    lines = run("score", path, "--review", "2022-11").stdout.splitlines()
    start = lines.index("Measures at November 2022 – Update:")
    assert lines[start + 1 :] == [
        "- Rapid reviews completed within 15 working days: 65% (at August 2022 – Update; none "
        "at this review); baseline 60%, target 90%, higher is better: not yet on target.",
        "- Working days from notification to decision: 18 days, down 2 days since August 2022 "
        "– Update; baseline 21.5 days, target 15 days, lower is better: not yet on target; "
        "improving.",
        "- Children on a plan for neglect for a second time: 1.25 per 10,000 children, up 0.15 "
        "per 10,000 children since August 2022 – Update; baseline 1.10 per 10,000 children; "
        "rising.",
    ]
    done = lines.index(
        "Done and proven                                          "
        "Complete Assured With outcome Evidenced"
    )
    assert lines[done + 3].split() == ["All", "priorities", "3", "1", "3", "1"]


def test_score_of_a_plan_without_any_says_nothing_of_them(tmp_path: Path) -> None:
    plain = sp.loads(IMPACT_PLAN)
    bare = attrs.evolve(
        plain,
        measures=(),
        priorities=tuple(
            attrs.evolve(p, actions=tuple(attrs.evolve(a, outcome=None) for a in p.actions))
            for p in plain.priorities
        ),
        reviews=tuple(
            attrs.evolve(
                r,
                measures={},
                updates={
                    i: attrs.evolve(u, evidence=(), assured=None) for i, u in r.updates.items()
                },
            )
            for r in plain.reviews
        ),
    )
    path = tmp_path / "plan.yaml"
    sp.dump(bare, path)
    text = run("score", path).stdout
    assert "Measures" not in text
    assert "Done and proven" not in text
    assert json.loads(run("score", path, "--json").stdout)["measures"] == {}


# -- invariants ----------------------------------------------------------------------------


@given(plans(max_priorities=3, max_actions=4, max_reviews=4))
def test_impact_counts_and_measures_hold_their_invariants(plan: sp.Plan) -> None:
    score = sp.score(plan)
    for counts in (score, *score.by_priority.values()):
        assert 0 <= counts.assured <= counts.complete
        assert 0 <= counts.evidenced <= counts.with_outcome <= counts.actions
        assert 0.0 <= counts.percent_assured <= 100.0
        assert 0.0 <= counts.percent_evidenced <= 100.0
    assert score.assured == sum(p.assured for p in score.by_priority.values())
    assert score.evidenced == sum(p.evidenced for p in score.by_priority.values())
    assert list(score.measures) == [m.id for m in plan.measures]
    reviews = [r.id for r in plan.reviews]
    for measured in score.measures.values():
        given = [p.value for p in measured.history if p.value is not None]
        assert [p.review for p in measured.history] == reviews  # the latest review is scored
        assert measured.latest == (given[-1] if given else None)
        assert measured.previous == (given[-2] if len(given) > 1 else None)
        assert (measured.change is None) == (len(given) < 2)
        if measured.change is not None:
            assert measured.previous + measured.change == measured.latest
        assert (measured.trend is None) == (len(given) < 2)
        if measured.on_target is not None:
            assert measured.target is not None
            assert measured.latest is not None
    json.dumps(score.to_dict())  # plain data, numbers and all


@given(st.lists(measure_numbers(), min_size=2, max_size=6), st.sampled_from(sp.Better))
def test_a_trend_is_improving_only_when_no_value_went_the_worse_way(
    values: list[Decimal], better: sp.Better
) -> None:
    measure = sp.Measure("m", "A measure", better=better)
    reviews = tuple(
        sp.Review(str(n), f"Review {n}", date(2022, 1, 1 + n), measures={"m": sp.MeasureValue(v)})
        for n, v in enumerate(values)
    )
    plan = sp.Plan(
        partnership=sp.Partnership("Anytown"),
        title="Plan",
        ratings=sp.RATING_SCALES["rag"],
        reviews=reviews,
        measures=(measure,),
    )
    trend = sp.score(plan).measures["m"].trend
    steps = [b - a for a, b in itertools.pairwise(values)]
    sign = 1 if better is sp.Better.HIGHER else -1
    if trend is Trend.IMPROVING:
        assert all(sign * step >= 0 for step in steps)
        assert any(steps)
    elif trend is Trend.WORSENING:
        assert all(sign * step <= 0 for step in steps)
        assert any(steps)
    elif trend is Trend.STEADY:
        assert not any(steps)
    else:
        assert trend is Trend.MIXED
        assert any(s > 0 for s in steps)
        assert any(s < 0 for s in steps)


# -- the page for business managers -------------------------------------------------------

OUTCOMES_PAGE = Path(__file__).resolve().parent.parent / "docs" / "outcomes.md"


def test_the_outcomes_page_example_is_the_plan_scored_here_and_shows_its_score(
    tmp_path: Path,
) -> None:
    page = OUTCOMES_PAGE.read_text(encoding="utf-8")
    example = page.split("## A complete example", 1)[1]
    written = example.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert written == IMPACT_PLAN
    shown = example.split("```text\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "plan.yaml"
    path.write_text(written, encoding="utf-8")
    assert run("score", path).stdout.endswith(shown)

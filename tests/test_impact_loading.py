"""Outcomes, evidence, assurance and measures in the plan file: what a good file turns into,
numbers kept exactly as written, what carries forward, and what is refused, located.

The corpus in ``tests/bad_plans`` (``measure_*``, ``assured_*``, ``evidence_*``) pins each
refusal's exact message; these tests pin down the rules.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from impact_plan import IMPACT_PLAN
from strategies import measure_numbers, plans

import safeguarding_plan as sp


def problems_of(text: str) -> list[str]:
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(text, "plan.yaml")
    return [str(p) for p in caught.value.problems]


def edited(old: str, new: str) -> str:
    assert old in IMPACT_PLAN, old
    return IMPACT_PLAN.replace(old, new, 1)


@pytest.fixture(scope="module")
def plan() -> sp.Plan:
    return sp.loads(IMPACT_PLAN)


def test_three_measures_load_with_their_units_baselines_targets_and_directions(
    plan: sp.Plan,
) -> None:
    rr, days, second = plan.measures
    assert rr == sp.Measure(
        id="rr-on-time",
        title="Rapid reviews completed within 15 working days",
        unit=sp.MeasureUnit.PERCENT,
        baseline=Decimal(60),
        target=Decimal(90),
        better=sp.Better.HIGHER,
        priorities=("1",),
        actions=("1.1",),
        source="Business Unit case review log",
    )
    assert (days.unit, days.baseline, days.target, days.better) == (
        sp.MeasureUnit.DAYS,
        Decimal("21.5"),
        Decimal(15),
        sp.Better.LOWER,
    )
    assert (second.unit, second.target, second.better, second.actions) == (
        sp.MeasureUnit.PER_10000,
        None,
        None,
        (),
    )


def test_numbers_are_kept_exactly_as_written(plan: sp.Plan) -> None:
    second = plan.measures[2]
    # 1.10 is not read as the float 1.1, and is written back as 1.10.
    assert str(second.baseline) == "1.10"
    assert str(plan.reviews[2].measures["second-plans"].value) == "1.10"
    assert "\n  baseline: 1.10\n" in sp.dumps(plan)
    assert "\n    second-plans: 1.10\n" in sp.dumps(plan)


def test_each_review_keeps_its_values_and_notes(plan: sp.Plan) -> None:
    august, november, february = plan.reviews
    assert august.measures["days-to-decision"] == sp.MeasureValue(Decimal(20), "4 reviews")
    # A value left out, with a note saying why, is missing: None, never zero.
    assert november.measures["rr-on-time"] == sp.MeasureValue(
        None, "The log was not updated this quarter"
    )
    assert february.measures["rr-on-time"] == sp.MeasureValue(Decimal(80))  # written 80%


def test_a_measure_a_review_does_not_give_is_not_in_it() -> None:
    loaded = sp.loads(edited("      days-to-decision: 18\n", ""))
    assert "days-to-decision" not in loaded.reviews[1].measures
    assert set(loaded.reviews[1].measures) == {"rr-on-time", "second-plans"}


def test_outcomes_and_how_they_are_evidenced_load(plan: sp.Plan) -> None:
    action = plan.action("1.1")
    assert action.outcome == "Learning reaches practitioners while it is fresh"
    assert action.evidenced_by == "The case review log, checked each quarter"
    assert plan.action("2.2").outcome is None


def test_evidence_and_assurance_load_and_carry_forward(plan: sp.Plan) -> None:
    update = plan.reviews[1].updates["1.1"]
    assert update.evidence == (
        sp.Evidence("Case review log, October 2022"),
        sp.Evidence("Audit of rapid reviews", link="https://example.org/audit.pdf"),
    )
    assured = sp.Assurance("Quality, Impact & Outcomes Sub-Group", date(2022, 10, 20))
    assert update.assured == assured
    # Still complete in February with no update: still assured, its evidence kept.
    state = plan.states("2023-02")["1.1"]
    assert (state.assured, len(state.evidence)) == (assured, 2)
    assert plan.states("2022-08")["1.1"].assured is None
    briefing = plan.states("2023-02")["1.10"]
    assert briefing.evidence == (
        sp.Evidence("Practitioner survey", document="QIO Sub-Group papers, January 2023"),
    )
    assert briefing.assured is None  # complete, not yet assured


def test_an_action_reopened_is_no_longer_assured_until_assured_again(plan: sp.Plan) -> None:
    reopened = attrs.evolve(
        plan.reviews[2], updates={"1.1": sp.ActionUpdate(progress=sp.Progress.IN_PROGRESS)}
    )
    again = sp.Review(
        id="2023-05",
        title="May 2023 – Update",
        as_of=date(2023, 4, 30),
        updates={"1.1": sp.ActionUpdate(progress=sp.Progress.COMPLETE)},
    )
    changed = attrs.evolve(plan, reviews=(*plan.reviews[:2], reopened, again))
    assert changed.states("2023-02")["1.1"].assured is None
    assert changed.states("2023-05")["1.1"].assured is None
    # Restating "complete" keeps the assurance it had.
    restated = attrs.evolve(
        again, updates={"1.1": sp.ActionUpdate(progress=sp.Progress.COMPLETE, note="Still done")}
    )
    kept = attrs.evolve(plan, reviews=(*plan.reviews, restated))
    assert kept.states("2023-05")["1.1"].assured == plan.reviews[1].updates["1.1"].assured


def test_an_action_assured_when_complete_at_an_earlier_review_loads() -> None:
    text = edited(
        '      "2.1": {progress: complete, rating: green}\n',
        '      "2.1": {progress: complete, rating: green}\n'
        '      "2.2": {assured: {by: Business Unit, date: 2023-01-15}}\n',
    )
    loaded = sp.loads(text)
    assert loaded.states()["2.2"].assured == sp.Assurance("Business Unit", date(2023, 1, 15))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      days-to-decision: 18\n",
            "      days-to-decision: eighteen\n",
            "plan.yaml:83:25: the value of measure 'days-to-decision' in review '2022-11' must "
            "be a number, such as 75 or 7.5, not 'eighteen'; write the figure alone, and any "
            "words in a 'note'",
        ),
        (
            "      days-to-decision: 18\n",
            "      days-to-decison: 18\n",
            "plan.yaml:83:7: value for unknown measure 'days-to-decison' in review '2022-11' "
            "(did you mean 'days-to-decision'?)",
        ),
        (
            "    target: 15\n    better: lower\n",
            "    target: 15\n",
            "plan.yaml:48:13: measure 'days-to-decision' has a 'target' but no 'better': say "
            "which way is better (did you mean 'better: lower'? the target is lower than the "
            "baseline)",
        ),
        (
            '      "1.10": {progress: complete, rating: green}\n',
            '      "1.10": {progress: in-progress, rating: green, assured: '
            "{by: Business Unit, date: 2022-07-30}}\n",
            "plan.yaml:63:63: action '1.10' is assured in review '2022-08' but is in progress "
            "there; assure an action once it is complete (did you mean 'progress: complete'?)",
        ),
        (
            '    priorities: ["2"]\n',
            '    priorities: ["3"]\n',
            "plan.yaml:55:18: measure 'second-plans' belongs to unknown priority '3'; the plan's "
            "priorities are 1, 2",
        ),
        (
            '    actions: ["1.1"]\n',
            '    actions: ["1.1", "1.01"]\n',
            "plan.yaml:42:22: measure 'rr-on-time' belongs to unknown action '1.01' (did you "
            "mean '1.1'?)",
        ),
    ],
)
def test_bad_impact_is_one_located_problem_with_a_suggestion(
    old: str, new: str, expected: str
) -> None:
    assert problems_of(edited(old, new)) == [expected]


def test_an_assured_action_not_complete_is_refused_at_every_review_it_is_not_complete() -> None:
    text = edited(
        '      "2.2": {progress: complete, rating: green}\n',
        '      "2.2": {rating: green, assured: {by: Business Unit, date: 2022-10-01}}\n',
    )
    [problem] = problems_of(text)
    assert "action '2.2' is assured in review '2022-11' but is not started there" in problem


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("1,200", "1200"),
        ("12,345.5", "12345.5"),
        ("20,5", "20.5"),  # a decimal comma: 205 would be ten times out
        ("2,50", "2.50"),
        ("1,2,3", None),
        ("1 200", "1200"),
        ("1_200", "1200"),
        ("1e3", "1000"),
        (".5", "0.5"),
        ("0x1F", None),
        (".inf", None),
        ("nan", None),
        ("true", None),
        ("seventy", None),
    ],
)
def test_text_in_a_number_is_refused_with_the_number_to_write(
    written: str, meant: str | None
) -> None:
    [problem] = problems_of(edited("    baseline: 21.5\n", f"    baseline: {written}\n"))
    assert "'baseline' of measure 'days-to-decision' must be a number" in problem
    assert problem.startswith("plan.yaml:47:15: ")
    assert (f"(did you mean {meant!r}?)" in problem) == (meant is not None)


def test_a_percent_sign_is_taken_only_for_a_percentage() -> None:
    assert sp.loads(edited("    baseline: 60\n", "    baseline: 60 %\n")).measures[0].baseline == 60
    [problem] = problems_of(edited("      days-to-decision: 18\n", "      days-to-decision: 18%\n"))
    assert "the measure's unit is 'days', not 'percent' (did you mean '18'?)" in problem


@pytest.mark.parametrize(
    ("old", "written", "index"),
    [("percent", "Percent", 0), ("days", " DAYS ", 1), ("per-10000", "Per-10000", 2)],
)
def test_units_and_directions_are_read_in_any_case(old: str, written: str, index: int) -> None:
    text = edited(f"    unit: {old}\n", f"    unit: {written}\n")
    text = text.replace("    better: higher\n", "    better: Higher\n", 1)
    loaded = sp.loads(text)
    assert loaded.measures[index].unit is sp.MeasureUnit(old)
    assert loaded.measures[0].better is sp.Better.HIGHER


def test_a_measure_value_empty_or_with_nothing_to_say_is_refused() -> None:
    problems = problems_of(
        edited("      second-plans: 1.25\n", "      second-plans:\n      other: {}\n")
    )
    assert problems == [
        "plan.yaml:84:7: the value of measure 'second-plans' in review '2022-11' is empty; "
        "give a value or a note, or remove the line",
        "plan.yaml:85:7: value for unknown measure 'other' in review '2022-11'",
    ]


def test_a_value_given_twice_in_a_review_is_refused() -> None:
    problems = problems_of(
        edited("      second-plans: 1.25\n", "      second-plans: 1.25\n      second-plans: 1.3\n")
    )
    assert problems == [
        "plan.yaml:85:7: duplicate value for measure 'second-plans' (first given on line 84)"
    ]


def test_a_link_that_is_not_an_address_is_refused_with_the_address_to_write() -> None:
    [problem] = problems_of(
        edited('link: "https://example.org/audit.pdf"', "link: example@anytown.gov.uk")
    )
    assert "(did you mean 'mailto:example@anytown.gov.uk'?)" in problem


@given(measure_numbers())
def test_every_number_a_plan_may_hold_is_written_back_and_read_as_itself(number: Decimal) -> None:
    text = edited("    baseline: 21.5\n", f"    baseline: {format(number, 'f')}\n")
    loaded = sp.loads(text)
    assert str(loaded.measures[1].baseline) == format(number, "f")
    assert sp.loads(sp.dumps(loaded)) == loaded


def test_the_plan_round_trips_with_its_measures_evidence_and_assurance(plan: sp.Plan) -> None:
    text = sp.dumps(plan)
    assert sp.loads(text) == plan
    assert sp.dumps(sp.loads(text)) == text


@given(plans(max_priorities=3, max_actions=4, max_reviews=3))
def test_generated_plans_with_measures_round_trip(plan: sp.Plan) -> None:
    assert sp.loads(sp.dumps(plan)) == plan


@pytest.mark.parametrize(
    "written",
    ["RR-on-time", '"rr-on-time "', "ｒｒ-on-time", "rr\u2010on\u2010time", '"rr-on\u200b-time"'],
)
def test_a_measure_id_that_reads_as_another_is_refused(written: str) -> None:
    # A reader (and a tracker's Measure ID column) could not tell the two apart.
    text = edited("  - id: days-to-decision\n", f"  - id: {written}\n")
    problems = problems_of(text)
    assert problems[0].endswith(
        "reads as 'rr-on-time' (line 35); give each an id a reader can tell from the others"
    )
    assert problems[0].startswith("plan.yaml:44:9: measure id ")


@pytest.mark.parametrize(
    ("written", "meant"), [("1.123456", "1.1235"), ("12345678901", None), ("0.00001", None)]
)
def test_a_number_with_more_digits_than_a_plan_keeps_says_so(
    written: str, meant: str | None
) -> None:
    # Not "must be a number": it is one. Rounded only where the rounding is still the figure.
    [problem] = problems_of(edited("    baseline: 21.5\n", f"    baseline: {written}\n"))
    assert problem == (
        f"plan.yaml:47:15: 'baseline' of measure 'days-to-decision' is {written}, more digits "
        "than a plan file keeps: at most nine before the point and four after"
        + (f" (did you mean {meant!r}?)" if meant else "")
    )

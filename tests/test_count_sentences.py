"""Every sentence the report makes from a count agrees with it, for any count: ``1 action
was``, ``2 actions were``, ``1 of them is``, ``2 of them are``.

The check reads a sentence as a reader would: a number, then the noun it counts (after any
words that describe it, ``2 working days``, ``3 case reviews``) or ``of them``, then the verb
if one follows. One counts a singular; any other number, a plural."""

from __future__ import annotations

import re
from datetime import date

import attrs
import pytest
from conftest import two_reviews
from hypothesis import given
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.reporting.contents import RecommendationRow
from safeguarding_plan.reporting.sentences import (
    exceptions_sentence,
    expected_sentence,
    headline,
    lead_note,
    learning_sentence,
    priority_sentence,
    ratings_text,
    timeliness_lines,
)
from safeguarding_plan.scoring.learning import CaseReviewScore, LearningScore, StepScore

SINGULAR = ("action", "review", "recommendation", "priority", "day", "month", "step")
PLURAL = ("actions", "reviews", "recommendations", "priorities", "days", "months", "steps")
VERBS = {"is": True, "was": True, "has": True, "are": False, "were": False, "have": False}
"""Each verb a count may take, and whether it is the singular."""

_COUNTED = re.compile(
    r"(?<![\w.,/-])(?P<count>\d+)"
    # "of them", or up to two words that describe the noun ("working", "case"), then the noun
    rf"(?:(?P<of> of them)| (?:[a-z]+ ){{0,2}}?(?P<noun>{'|'.join(PLURAL + SINGULAR)})\b)"
    rf"(?: (?P<verb>{'|'.join(VERBS)})\b)?"
)

COUNTS = st.integers(min_value=0, max_value=1_000)
DAY = date(2022, 1, 31)


def disagreements(sentence: str) -> list[str]:
    """Each count in ``sentence`` whose noun or verb does not agree with it."""
    found = []
    for match in _COUNTED.finditer(sentence):
        one = match["count"] == "1"
        noun, verb = match["noun"], match["verb"]
        noun_agrees = noun is None or (noun in SINGULAR) is one
        verb_agrees = verb is None or VERBS[verb] is one
        if not (noun_agrees and verb_agrees):
            found.append(match[0])
    return found


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("2 actions were due by 31 January 2022; 1 of them are complete.", ["1 of them are"]),
        ("1 actions", ["1 actions"]),
        ("3 case review is late.", ["3 case review is"]),
        ("1 review are late.", ["1 review are"]),
        ("in 2 working day", ["2 working day"]),
        ("2 actions were due by 31 January 2022; 1 of them is complete.", []),
        ("At the end of January 2022, 73% of the actions have been completed.", []),
        ("1 of 2 recommendations implemented (50%).", []),
    ],
)
def test_the_check_finds_what_disagrees(sentence: str, wrong: list[str]) -> None:
    assert disagreements(sentence) == wrong


def _score(**counts: int) -> sp.Score:
    return attrs.evolve(sp.score(two_reviews()), **counts)


@given(data=st.data(), expected=COUNTS)
def test_expected_by_now(data: st.DataObject, expected: int) -> None:
    complete = data.draw(st.integers(min_value=0, max_value=expected))
    sentence = expected_sentence(_score(expected=expected, expected_complete=complete))
    assert disagreements(sentence) == [], sentence


def test_expected_by_now_of_one_and_of_none() -> None:
    def said(expected: int, complete: int) -> str:
        return expected_sentence(_score(expected=expected, expected_complete=complete))

    assert said(2, 1) == "2 actions were due by 31 January 2022; 1 of them is complete."
    assert said(2, 0) == "2 actions were due by 31 January 2022; none of them is complete."
    assert said(1, 1) == "1 action was due by 31 January 2022; it is complete."
    assert said(0, 0) == "No action was due by 31 January 2022."


@given(priorities=st.integers(min_value=1, max_value=12), data=st.data())
def test_the_headline(priorities: int, data: st.DataObject) -> None:
    plan = two_reviews()
    plan = attrs.evolve(plan, priorities=plan.priorities * priorities)
    actions = data.draw(COUNTS)
    cancelled = data.draw(st.integers(min_value=0, max_value=actions))
    complete = data.draw(st.integers(min_value=0, max_value=actions - cancelled))
    score = _score(actions=actions, cancelled=cancelled, complete=complete)
    sentence = headline(plan, score)
    assert disagreements(sentence) == [], sentence


@given(exceptions=COUNTS)
def test_the_exceptions(exceptions: int) -> None:
    sentence = exceptions_sentence(exceptions, "31 January 2022")
    assert disagreements(sentence) == [], sentence


@given(data=st.data(), actions=COUNTS)
def test_a_priority_and_its_ratings(data: st.DataObject, actions: int) -> None:
    complete = data.draw(st.integers(min_value=0, max_value=actions))
    ratings = data.draw(st.lists(COUNTS, min_size=4, max_size=4))
    counts = _score(actions=actions, complete=complete, cancelled=0)
    counts = attrs.evolve(counts, by_rating=dict(zip(counts.by_rating, ratings, strict=True)))
    scale = two_reviews().ratings
    sentence = priority_sentence(counts, ratings_text(scale, counts))
    assert disagreements(sentence) == [], sentence


def _step(timeliness: str) -> StepScore:
    known = timeliness != "not known"
    return StepScore(
        step="notified",
        label="Notify the national panel",
        timeliness=timeliness,
        deadline=DAY if known else None,
        taken=3 if known else None,
        late_by=1 if timeliness in ("late", "overdue") else 0 if known else None,
        unit="working-days",
    )


TIMINGS = st.lists(st.sampled_from(["on time", "late", "overdue", "not yet due", "not known"]))


@given(
    reviews=st.lists(TIMINGS, max_size=50),
    data=st.data(),
)
def test_learning_from_reviews(reviews: list[list[str]], data: st.DataObject) -> None:
    recommendations = data.draw(COUNTS)
    implemented = data.draw(st.integers(min_value=0, max_value=recommendations))
    scored = [
        CaseReviewScore(
            id=f"r{n}",
            kind="lcspr",
            status=None,
            steps=tuple(_step(t) for t in timings),
            recommendations=(),
            implemented=0,
        )
        for n, timings in enumerate(reviews)
    ]
    late = tuple(r.id for r in scored if {s.timeliness for s in r.steps} & {"late", "overdue"})
    learning = LearningScore(
        reviews=tuple(scored),
        recommendations=recommendations,
        implemented=implemented,
        percent_implemented=round(100 * implemented / recommendations) if recommendations else None,
        actions_from_reviews=(),
        late=late,
    )
    sentence = learning_sentence(learning)
    assert disagreements(sentence) == [], sentence


@given(
    length=st.integers(min_value=0, max_value=400),
    unit=st.sampled_from(sp.Unit),
    taken=COUNTS,
    late_by=COUNTS,
    timeliness=st.sampled_from(["on time", "late", "overdue", "not yet due"]),
)
def test_a_step_against_its_timescale(
    length: int, unit: sp.Unit, taken: int, late_by: int, timeliness: str
) -> None:
    timescale = attrs.evolve(sp.TIMESCALES[0], length=length, unit=unit)
    step = StepScore(
        step=timescale.step,
        label=timescale.label,
        timeliness=timeliness,
        deadline=DAY,
        taken=taken,
        late_by=late_by,
        unit=unit.value,
    )
    (sentence,) = timeliness_lines([(timescale, step)], {"became_aware": DAY})
    assert disagreements(sentence) == [], sentence


@given(untimed=st.integers(min_value=1, max_value=20))
def test_steps_that_cannot_be_timed(untimed: int) -> None:
    step = _step("not known")
    (sentence,) = timeliness_lines([(sp.TIMESCALES[0], step)] * untimed, {"published": DAY})
    assert disagreements(sentence) == [], sentence


@given(data=st.data(), actions=st.integers(min_value=0, max_value=40))
def test_a_recommendations_progress(data: st.DataObject, actions: int) -> None:
    complete = data.draw(st.integers(min_value=0, max_value=actions))
    row = RecommendationRow("R1", "Do it", (("1.1", "Complete"),) * actions, complete)
    assert disagreements(row.progress) == [], row.progress


@given(actions=COUNTS)
def test_the_trackers_note_of_a_leads_actions(actions: int) -> None:
    sentence = lead_note(actions, "Business Unit")
    assert disagreements(sentence) == [], sentence

"""Scoring: the Birmingham figures, hand-built comparisons, and invariants over any plan."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import plans

import safeguarding_plan as sp
from safeguarding_plan.model import ratings
from safeguarding_plan.scoring import progress as scoring

CLOSED = (sp.Progress.COMPLETE, sp.Progress.CANCELLED)

# -- Birmingham, February 2022 -------------------------------------------------------------------


def test_birmingham_headline_figures(birmingham: sp.Plan) -> None:
    score = sp.score(birmingham)
    assert score.review == "2022-02"
    assert score.as_of == date(2022, 1, 31)
    assert score.actions == 33
    assert score.complete == 24
    assert score.cancelled == 0
    assert score.percent_complete == pytest.approx(100 * 24 / 33)
    assert 72.72 < score.percent_complete < 72.73
    assert score.percent_rounded == 73


def test_birmingham_by_priority(birmingham: sp.Plan) -> None:
    by_priority = sp.score(birmingham).by_priority
    assert list(by_priority) == ["1", "2", "3", "4"]
    assert [p.actions for p in by_priority.values()] == [10, 10, 5, 8]
    assert [p.complete for p in by_priority.values()] == [9, 7, 3, 5]
    assert [p.percent_rounded for p in by_priority.values()] == [90, 70, 60, 63]
    assert by_priority["4"].percent_complete == pytest.approx(62.5)
    assert by_priority["3"].title.startswith("Developing an effective multi-agency response")
    assert [p.id for p in by_priority.values()] == list(by_priority)


def test_birmingham_overdue_and_expected(birmingham: sp.Plan) -> None:
    score = sp.score(birmingham)
    assert score.overdue == ("1.6", "2.3", "2.9", "4.1", "4.4")
    assert score.by_priority["1"].overdue == ("1.6",)
    assert score.by_priority["2"].overdue == ("2.3", "2.9")
    assert score.by_priority["3"].overdue == ()
    assert score.expected == 20
    assert score.expected_complete == 15
    # Due by 30 June 2022, the end of the quarter after the one 31 January is in: 3.4 by 31st
    # March, 2.5 by May and 3.5 in June.
    assert score.due_soon == ("2.5", "3.4", "3.5")
    assert (score.due_soon_by, score.horizon_days) == (date(2022, 6, 30), 150)
    assert score.no_fixed_date == ()


def test_birmingham_by_progress_rating_and_rag(birmingham: sp.Plan) -> None:
    score = sp.score(birmingham)
    assert score.by_progress == {
        "not-started": 2,
        "in-progress": 5,
        "complete": 24,
        "deferred": 2,
        "cancelled": 0,
    }
    assert score.by_rating == {"happy": 27, "neutral": 2, "frown": 3, "sad": 1}
    assert list(score.by_rating) == ["happy", "neutral", "frown", "sad"]  # best first
    assert score.unrated == 0
    assert score.by_rag == {"blue": 0, "green": 27, "amber": 2, "red": 4, "grey": 0}


def test_birmingham_review_by_id_is_the_latest(birmingham: sp.Plan) -> None:
    assert sp.score(birmingham, review="2022-02") == sp.score(birmingham)


@pytest.mark.parametrize(
    ("as_of", "overdue", "expected"),
    [
        (date(2021, 6, 30), (), 7),
        (date(2021, 12, 1), ("1.6", "2.9", "4.1"), 17),
        (date(2022, 7, 1), ("1.6", "2.3", "2.5", "2.9", "3.4", "3.5", "4.1", "4.4"), 26),
    ],
)
def test_as_of_changes_overdue_not_progress(
    birmingham: sp.Plan, as_of: date, overdue: tuple[str, ...], expected: int
) -> None:
    score = sp.score(birmingham, as_of=as_of)
    assert score.as_of == as_of
    assert score.review == "2022-02"
    assert score.overdue == overdue
    assert score.expected == expected
    assert (score.actions, score.complete) == (33, 24)


def test_overdue_means_after_the_last_day(birmingham: sp.Plan) -> None:
    # 4.1 is due "by July 2021": on 31 July it is due, not overdue; on 1 August it is overdue.
    assert "4.1" not in sp.score(birmingham, as_of=date(2021, 7, 31)).overdue
    assert "4.1" in sp.score(birmingham, as_of=date(2021, 8, 1)).overdue


@pytest.mark.parametrize(("horizon", "due_soon"), [(58, ()), (59, ("3.4",)), (0, ())])
def test_due_soon_horizon(birmingham: sp.Plan, horizon: int, due_soon: tuple[str, ...]) -> None:
    score = sp.score(birmingham, horizon_days=horizon)
    assert score.due_soon == due_soon
    assert score.horizon_days == horizon


def test_unknown_review_is_a_key_error(birmingham: sp.Plan) -> None:
    with pytest.raises(KeyError, match="2022-02"):  # names the reviews there are
        sp.score(birmingham, review="2021-11")


def test_birmingham_to_dict_is_json(birmingham: sp.Plan) -> None:
    data = json.loads(json.dumps(sp.score(birmingham).to_dict()))
    assert data["actions"] == 33
    assert data["complete"] == 24
    assert data["overdue"] == ["1.6", "2.3", "2.9", "4.1", "4.4"]
    assert data["as_of"] == "2022-01-31"
    assert data["review"] == "2022-02"
    assert data["by_priority"]["2"]["complete"] == 7
    assert data["by_priority"]["2"]["overdue"] == ["2.3", "2.9"]


def test_score_is_frozen(birmingham: sp.Plan) -> None:
    score = sp.score(birmingham)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        score.complete = 33  # type: ignore[misc]


# -- a plan with no reviews ----------------------------------------------------------------------


def unreviewed() -> sp.Plan:
    return sp.Plan(
        partnership=sp.Partnership(name="Anyshire SCP"),
        title="Plan",
        ratings=ratings.RAG,
        priorities=(
            sp.Priority(
                id="1",
                title="One",
                actions=(
                    sp.Action("1.1", "Early", due=sp.Due("2021", date(2021, 12, 31))),
                    sp.Action("1.2", "Late", due=sp.Due("2023/24", date(2024, 3, 31))),
                    sp.Action("1.3", "Whenever"),
                ),
            ),
        ),
    )


def test_score_without_reviews() -> None:
    score = sp.score(unreviewed())
    assert (score.review, score.as_of) == (None, None)
    assert (score.actions, score.complete, score.percent_complete) == (3, 0, 0.0)
    assert score.by_progress["not-started"] == 3
    assert score.by_rating == {"green": 0, "amber": 0, "red": 0}
    assert score.unrated == 3
    assert score.by_rag["grey"] == 3
    assert score.overdue == ()
    assert score.due_soon == ()
    assert (score.expected, score.expected_complete) == (0, 0)
    json.dumps(score.to_dict())


def test_score_without_reviews_at_a_date() -> None:
    score = sp.score(unreviewed(), as_of=date(2022, 1, 1))
    assert score.review is None
    assert score.overdue == ("1.1",)
    assert score.expected == 1
    assert sp.score(unreviewed(), as_of=date(2024, 1, 1), horizon_days=100).due_soon == ("1.2",)


def test_score_without_reviews_unknown_review() -> None:
    with pytest.raises(KeyError):
        sp.score(unreviewed(), review="2022-02")


def test_cancelled_actions_are_not_counted() -> None:
    plan = unreviewed()
    review = sp.Review(
        "r",
        "R",
        date(2022, 1, 31),
        {
            "1.1": sp.ActionUpdate(sp.Progress.CANCELLED),
            "1.2": sp.ActionUpdate(sp.Progress.COMPLETE),
        },
    )
    score = sp.score(attrs.evolve(plan, reviews=(review,)))
    assert (score.actions, score.complete, score.cancelled) == (3, 1, 1)
    assert score.percent_complete == 50.0
    assert score.overdue == ()  # 1.1 is past due but cancelled
    assert score.expected == 0


def test_all_cancelled_is_zero_percent() -> None:
    updates = {a: sp.ActionUpdate(sp.Progress.CANCELLED) for a in ("1.1", "1.2", "1.3")}
    plan = attrs.evolve(unreviewed(), reviews=(sp.Review("r", "R", date(2022, 1, 1), updates),))
    score = sp.score(plan)
    assert (score.percent_complete, score.percent_rounded) == (0.0, 0)


# -- percent_rounded -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "rounded"),
    [
        (24, 33, 73),
        (1, 8, 13),  # 12.5 -> 13, not banker's 12
        (3, 8, 38),  # 37.5 -> 38
        (1, 200, 1),  # 0.5 -> 1
        (199, 200, 100),  # 99.5 -> 100
        (1, 400, 0),  # 0.25 -> 0
        (2, 3, 67),
        (1, 3, 33),
        (0, 5, 0),
        (5, 5, 100),
        (0, 0, 0),
    ],
)
def test_percent_rounded_examples(part: int, whole: int, rounded: int) -> None:
    assert scoring.percent_rounded(part, whole) == rounded


@given(
    st.integers(1, 10**9).flatmap(lambda whole: st.tuples(st.integers(0, whole), st.just(whole)))
)
def test_percent_rounded_is_half_up(part_whole: tuple[int, int]) -> None:
    part, whole = part_whole
    with localcontext() as context:
        context.prec = 60
        exact = Decimal(100 * part) / Decimal(whole)
        expected = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert scoring.percent_rounded(part, whole) == expected


# -- comparing two reviews -----------------------------------------------------------------------


def due(text: str, last_day: date) -> sp.Due:
    return sp.Due(text, last_day)


def two_reviews() -> sp.Plan:
    acts = (
        sp.Action("a1", "Becomes complete"),
        sp.Action("a2", "Rated better"),
        sp.Action("a3", "Rated worse"),
        sp.Action("a4", "Falls overdue", due=due("December 2021", date(2021, 12, 31))),
        sp.Action("a5", "Due moved", due=due("September 2021", date(2021, 9, 30))),
        sp.Action("a6", "Already complete", due=due("by November 2021", date(2021, 11, 30))),
        sp.Action("a7", "Nothing new"),
        sp.Action("a8", "Cancelled", due=due("2021", date(2021, 12, 31))),
        sp.Action("a9", "First rated"),
        sp.Action("a10", "Already overdue", due=due("Summer 2021", date(2021, 8, 31))),
    )
    u = sp.ActionUpdate
    november = sp.Review(
        "2021-11",
        "November 2021 – Update",
        date(2021, 10, 31),
        {
            "a1": u(sp.Progress.IN_PROGRESS, "happy"),
            "a2": u(rating="neutral"),
            "a3": u(rating="happy"),
            "a4": u(sp.Progress.IN_PROGRESS, "happy"),
            "a6": u(sp.Progress.COMPLETE, "happy"),
            "a7": u(sp.Progress.IN_PROGRESS, "neutral", "Some note"),
            "a10": u(sp.Progress.IN_PROGRESS),
        },
    )
    february = sp.Review(
        "2022-02",
        "February 2022 – Update",
        date(2022, 1, 31),
        {
            "a1": u(sp.Progress.COMPLETE, "happy"),
            "a2": u(rating="happy"),
            "a3": u(rating="sad"),
            "a5": u(due=due("Q4 2021/22", date(2022, 3, 31))),
            "a6": u(note="Still complete"),
            "a8": u(sp.Progress.CANCELLED),
            "a9": u(rating="frown"),
        },
    )
    return sp.Plan(
        partnership=sp.Partnership(name="Anyshire SCP"),
        title="Plan",
        ratings=ratings.FACES,
        priorities=(sp.Priority("1", "One", acts),),
        reviews=(november, february),
    )


def test_compare_two_reviews() -> None:
    delta = sp.compare(two_reviews(), "2021-11", "2022-02")
    assert delta
    assert (delta.old, delta.new) == ("2021-11", "2022-02")
    assert delta.newly_complete == (sp.Change("a1", "in-progress", "complete"),)
    assert delta.rating_improved == (sp.Change("a2", "neutral", "happy"),)
    assert delta.rating_worsened == (sp.Change("a3", "happy", "sad"),)
    assert delta.newly_overdue == (sp.Change("a4", "December 2021", "December 2021"),)
    assert delta.due_moved == (sp.Change("a5", "September 2021", "Q4 2021/22"),)


def test_compare_backwards() -> None:
    delta = sp.compare(two_reviews(), "2022-02", "2021-11")
    assert delta.newly_complete == ()
    assert delta.rating_improved == (sp.Change("a3", "sad", "happy"),)
    assert delta.rating_worsened == (sp.Change("a2", "happy", "neutral"),)
    # Judged at each review's own date: a5 was overdue in November, before its due date moved.
    assert delta.newly_overdue == (sp.Change("a5", "Q4 2021/22", "September 2021"),)
    assert delta.due_moved == (sp.Change("a5", "Q4 2021/22", "September 2021"),)


def test_compare_to_dict_is_json() -> None:
    data = json.loads(json.dumps(sp.compare(two_reviews(), "2021-11", "2022-02").to_dict()))
    assert data["newly_complete"] == [
        {"action_id": "a1", "before": "in-progress", "after": "complete"}
    ]
    assert data["due_moved"][0]["after"] == "Q4 2021/22"


def test_compare_unknown_review() -> None:
    with pytest.raises(KeyError):
        sp.compare(two_reviews(), "2021-11", "2022-05")
    with pytest.raises(KeyError):
        sp.compare(two_reviews(), "2021-05", "2022-02")


def test_compare_a_review_with_itself_is_empty(birmingham: sp.Plan) -> None:
    delta = sp.compare(birmingham, "2022-02", "2022-02")
    assert not delta
    assert delta.to_dict()["newly_complete"] == []


def test_score_at_the_earlier_review() -> None:
    score = sp.score(two_reviews(), review="2021-11")
    assert score.as_of == date(2021, 10, 31)
    assert score.complete == 1
    assert score.overdue == ("a5", "a10")
    assert score.by_rating == {"happy": 4, "neutral": 2, "frown": 0, "sad": 0}
    assert score.unrated == 4
    later = sp.score(two_reviews())
    assert later.complete == 2
    assert later.cancelled == 1
    assert later.overdue == ("a4", "a10")
    assert later.by_rating == {"happy": 4, "neutral": 1, "frown": 1, "sad": 1}


# -- invariants over generated plans -------------------------------------------------------------


def reference_states(plan: sp.Plan, upto: int) -> dict[str, tuple[object, ...]]:
    """(progress, rating key, note, due, updated) of each action at ``plan.reviews[upto]``,
    worked out the slow, obvious way."""
    result = {}
    for action in plan.actions:
        progress, rating, revised = sp.Progress.NOT_STARTED, None, action.due
        for review in plan.reviews[: upto + 1]:
            update = review.updates.get(action.id)
            if update is None:
                continue
            progress = update.progress if update.progress is not None else progress
            rating = update.rating if update.rating is not None else rating
            revised = update.due if update.due is not None else revised
        current = plan.reviews[upto].updates.get(action.id)
        note = current.note if current is not None else None
        result[action.id] = (progress, rating, note, revised, current is not None)
    return result


@given(plans())
def test_states_carry_forward(plan: sp.Plan) -> None:
    for index, review in enumerate(plan.reviews):
        states = plan.states(review.id)
        assert list(states) == [a.id for a in plan.actions]
        assert {
            a: (s.progress, s.rating.key if s.rating else None, s.note, s.due, s.updated)
            for a, s in states.items()
        } == reference_states(plan, index)
        for state in states.values():
            assert state.rating is None or state.rating is plan.ratings[state.rating.key]


@given(plans())
def test_score_invariants(plan: sp.Plan) -> None:
    score = sp.score(plan)
    ids = [a.id for a in plan.actions]
    states = plan.states()
    assert score.actions == len(ids)
    assert 0.0 <= score.percent_complete <= 100.0
    assert 0 <= score.percent_rounded <= 100
    counted = score.actions - score.cancelled
    assert score.percent_complete == (100 * score.complete / counted if counted else 0.0)
    assert sum(score.by_progress.values()) == score.actions
    assert list(score.by_progress) == [p.value for p in sp.Progress]
    assert sum(score.by_rating.values()) + score.unrated == score.actions
    assert list(score.by_rating) == list(plan.ratings.keys)
    assert sum(score.by_rag.values()) == score.actions
    assert score.by_rag["grey"] >= score.unrated
    assert score.complete == score.by_progress["complete"]
    assert score.cancelled == score.by_progress["cancelled"]
    assert Counter(s.progress.value for s in states.values()) == +Counter(score.by_progress)
    assert 0 <= score.expected_complete <= score.expected <= counted
    assert score.expected_complete <= score.complete


@given(plans(), st.none() | st.dates(date(1900, 1, 1), date(2200, 12, 31)))
def test_overdue_is_exactly_open_actions_past_due(plan: sp.Plan, as_of: date | None) -> None:
    score = sp.score(plan, as_of=as_of)
    states = plan.states()
    when = score.as_of
    assert when == (
        as_of if as_of is not None else (plan.reviews[-1].as_of if plan.reviews else None)
    )
    assert set(score.overdue) <= set(states)
    for action_id in score.overdue:
        assert states[action_id].progress not in CLOSED
    assert score.overdue == tuple(
        a
        for a, s in states.items()
        if when is not None
        and s.due is not None
        and s.due.last_day is not None
        and s.due.last_day < when
        and s.progress not in CLOSED
    )
    horizon = score.due_soon_by
    assert (horizon is None) == (when is None) == (score.horizon_days is None)
    if when is not None and horizon is not None:
        assert horizon == when + timedelta(days=score.horizon_days or 0) > when
    assert score.due_soon == tuple(
        a
        for a, s in states.items()
        if when is not None
        and horizon is not None
        and s.due is not None
        and s.due.last_day is not None
        and when <= s.due.last_day <= horizon
        and s.progress not in CLOSED
    )
    assert score.no_fixed_date == tuple(
        a
        for a, s in states.items()
        if s.due is not None and s.due.last_day is None and s.progress not in CLOSED
    )


@given(plans())
def test_priorities_add_up_to_the_plan(plan: sp.Plan) -> None:
    score = sp.score(plan)
    parts = list(score.by_priority.values())
    assert list(score.by_priority) == [p.id for p in plan.priorities]
    for name in ("actions", "complete", "cancelled", "unrated", "expected", "expected_complete"):
        assert sum(getattr(p, name) for p in parts) == getattr(score, name), name
    for name in ("by_progress", "by_rating", "by_rag"):
        total: Counter[str] = Counter()
        for part in parts:
            total.update(getattr(part, name))
        assert total == Counter(getattr(score, name)), name
    assert tuple(a for p in parts for a in p.overdue) == score.overdue
    for priority, part in zip(plan.priorities, parts, strict=True):
        assert (part.id, part.title, part.actions) == (
            priority.id,
            priority.title,
            len(priority.actions),
        )
        assert 0.0 <= part.percent_complete <= 100.0


@given(plans())
def test_score_is_deterministic_and_json(plan: sp.Plan) -> None:
    first, second = sp.score(plan), sp.score(plan)
    assert first == second
    data = first.to_dict()
    assert data == second.to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert json.loads(text) == data
    for key in (
        "actions",
        "complete",
        "cancelled",
        "percent_complete",
        "overdue",
        "by_progress",
        "by_rating",
        "by_priority",
    ):
        assert key in data, key
    assert isinstance(data["percent_complete"], float)
    assert data["overdue"] == list(first.overdue)
    assert set(data["by_progress"]) == {p.value for p in sp.Progress}
    assert list(data["by_rating"]) == list(plan.ratings.keys)
    assert list(data["by_priority"]) == [p.id for p in plan.priorities]
    for priority in data["by_priority"].values():
        assert {"actions", "complete", "percent_complete"} <= set(priority)


@given(plans())
def test_compare_a_review_with_itself_is_always_empty(plan: sp.Plan) -> None:
    for review in plan.reviews:
        delta = sp.compare(plan, review.id, review.id)
        assert not delta
        assert delta.newly_complete == delta.rating_improved == delta.due_moved == ()


@given(plans())
def test_compare_consecutive_reviews(plan: sp.Plan) -> None:
    for old, new in zip(plan.reviews, plan.reviews[1:], strict=False):
        before, after = plan.states(old.id), plan.states(new.id)
        delta = sp.compare(plan, old.id, new.id)
        assert [c.action_id for c in delta.newly_complete] == [
            a
            for a in after
            if after[a].progress is sp.Progress.COMPLETE
            and before[a].progress is not sp.Progress.COMPLETE
        ]
        for change in delta.rating_improved:
            assert plan.ratings[change.after].order < plan.ratings[change.before].order
        for change in delta.rating_worsened:
            assert plan.ratings[change.after].order > plan.ratings[change.before].order
        moved = {c.action_id for c in delta.rating_improved + delta.rating_worsened}
        assert moved == {
            a
            for a in after
            if before[a].rating is not None
            and after[a].rating is not None
            and before[a].rating != after[a].rating
        }
        assert json.loads(json.dumps(delta.to_dict())) == delta.to_dict()

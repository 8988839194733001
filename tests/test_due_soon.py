"""What is due, and by when: "due soon" runs to the next review (``review_every``) or to the end
of the next calendar quarter, and an action whose due date names no day ("Ongoing", "TBC") is
never overdue, due soon or expected by a date, while every document shows its words."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import attrs
import docx
import gfm
import openpyxl
import pytest
from conftest import two_reviews
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import intervals, plans

import safeguarding_plan as sp
from safeguarding_plan.dates import NO_FIXED_DATE, parse_day, resolve_due

# Each action's id, text and due date, as Anytown writes them.
ACTIONS = (
    ("1.1", "Publish the annual report", "by June 2022"),
    ("1.2", "Report rapid reviews to the board", "Quarterly"),
    ("1.3", "Audit the front door", "Q2 2022/23"),
    ("1.4", "Hold the assembly", "TBC"),
    ("1.5", "Train the new chairs", "end Sept 2021"),
)


def anytown(every: sp.Interval | None = None) -> sp.Plan:
    """Five actions due as plans write them, reviewed as at 31 March 2022: 1.4 is complete."""
    plan = two_reviews()
    actions = tuple(
        sp.Action(ident, text, due=sp.Due(due, resolve_due(due))) for ident, text, due in ACTIONS
    )
    done = sp.ActionUpdate(progress=sp.Progress.COMPLETE, rating="happy")
    review = sp.Review("2022-03", "March 2022 – Update", date(2022, 3, 31), {"1.4": done})
    return attrs.evolve(
        plan,
        priorities=(attrs.evolve(plan.priorities[0], actions=actions),),
        reviews=(review,),
        review_every=every,
    )


MONTHS, DAYS = sp.Unit.MONTHS, sp.Unit.CALENDAR_DAYS


# --- how far "due soon" looks -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "by"),
    [
        ("2022-03-31", "2022-06-30"),
        ("2022-01-01", "2022-06-30"),
        ("2022-02-15", "2022-06-30"),
        ("2022-04-01", "2022-09-30"),
        ("2022-06-30", "2022-09-30"),
        ("2022-09-30", "2022-12-31"),
        ("2022-12-31", "2023-03-31"),
        ("2024-01-31", "2024-06-30"),
    ],
)
def test_without_review_every_due_soon_runs_to_the_end_of_the_next_quarter(
    as_of: str, by: str
) -> None:
    score = sp.score(anytown(), as_of=as_of)
    assert score.due_soon_by == date.fromisoformat(by)
    assert score.horizon_days == (date.fromisoformat(by) - date.fromisoformat(as_of)).days


def test_a_quarter_end_action_is_due_soon_at_the_quarter_before() -> None:
    # 30 June is 91 days after 31 March: a fixed 90 days would miss it.
    score = sp.score(anytown())
    assert (score.as_of, score.due_soon_by, score.horizon_days) == (
        date(2022, 3, 31),
        date(2022, 6, 30),
        91,
    )
    assert score.due_soon == ("1.1",)
    assert "1.1" not in sp.score(anytown(), horizon_days=90).due_soon


@pytest.mark.parametrize(
    ("every", "by", "due_soon"),
    [
        (sp.Interval(3, MONTHS), date(2022, 6, 30), ("1.1",)),
        (sp.Interval(6, MONTHS), date(2022, 9, 30), ("1.1", "1.3")),
        (sp.Interval(1, MONTHS), date(2022, 4, 30), ()),
        (sp.Interval(42, DAYS), date(2022, 5, 12), ()),
    ],
)
def test_with_review_every_due_soon_runs_to_the_next_review(
    every: sp.Interval, by: date, due_soon: tuple[str, ...]
) -> None:
    score = sp.score(anytown(every))
    assert (score.due_soon_by, score.due_soon) == (by, due_soon)


@pytest.mark.parametrize(
    ("as_of", "by"),
    [
        ("30/09/2022", "31/12/2022"),  # a month's end is followed by a month's end
        ("30/11/2022", "28/02/2023"),
        ("30/11/2023", "29/02/2024"),
        ("31/12/2022", "31/03/2023"),
        ("15/01/2022", "15/04/2022"),
        ("29/11/2021", "28/02/2022"),  # no 29 February in 2022
    ],
)
def test_review_every_in_months_keeps_to_months_ends(as_of: str, by: str) -> None:
    every = sp.Interval(3, MONTHS)
    assert sp.score(anytown(every), as_of=as_of).due_soon_by == parse_day(by)


def test_horizon_days_still_override_review_every() -> None:
    score = sp.score(anytown(sp.Interval(6, MONTHS)), horizon_days=10)
    assert (score.due_soon_by, score.horizon_days, score.due_soon) == (
        date(2022, 4, 10),
        10,
        (),
    )


def test_without_a_date_nothing_is_due_soon() -> None:
    plan = attrs.evolve(anytown(sp.Interval(3, MONTHS)), reviews=())
    score = sp.score(plan)
    assert (score.as_of, score.due_soon_by, score.horizon_days, score.due_soon) == (
        None,
        None,
        None,
        (),
    )


@given(plans(max_priorities=2, max_actions=4, max_reviews=2), intervals(), st.data())
def test_due_soon_runs_from_as_of_to_the_next_review(
    plan: sp.Plan, every: sp.Interval, data: st.DataObject
) -> None:
    as_of = data.draw(st.dates(date(1900, 1, 1), date(2200, 12, 31)))
    score = sp.score(attrs.evolve(plan, review_every=every), as_of=as_of)
    assert score.due_soon_by is not None
    if every.unit is DAYS:
        assert score.due_soon_by == as_of + timedelta(days=every.length)
    else:
        months = (score.due_soon_by.year - as_of.year) * 12 + score.due_soon_by.month
        assert months - as_of.month == every.length
        assert score.due_soon_by.day <= as_of.day or (score.due_soon_by + timedelta(1)).day == 1


# --- no fixed date --------------------------------------------------------------------------


@given(
    plans(max_priorities=2, max_actions=5, max_reviews=2),
    st.sampled_from(NO_FIXED_DATE),
    st.none() | st.dates(date(1900, 1, 1), date(2200, 12, 31)),
    st.none() | st.integers(0, 3660),
    st.data(),
)
def test_an_action_with_no_fixed_date_is_never_overdue_due_soon_or_expected(
    plan: sp.Plan, word: str, as_of: date | None, horizon: int | None, data: st.DataObject
) -> None:
    ids = [a.id for a in plan.actions]
    assume(ids)
    chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    written = data.draw(st.sampled_from((word, word.upper(), word.title())))
    due = sp.Due(written, None)
    # The action's own due date and every update's revision of it name no day.
    priorities = tuple(
        attrs.evolve(
            p,
            actions=tuple(attrs.evolve(a, due=due) if a.id in chosen else a for a in p.actions),
        )
        for p in plan.priorities
    )
    reviews = tuple(
        attrs.evolve(
            r,
            updates={
                i: attrs.evolve(u, due=due) if i in chosen and u.due else u
                for i, u in r.updates.items()
            },
        )
        for r in plan.reviews
    )
    changed = attrs.evolve(plan, priorities=priorities, reviews=reviews)
    assert sp.loads(sp.dumps(changed)) == changed
    score = sp.score(changed, as_of=as_of, horizon_days=horizon)
    assert not set(chosen) & set(score.overdue)
    assert not set(chosen) & set(score.due_soon)
    states = changed.states()
    open_ones = [i for i in chosen if states[i].progress.value not in ("complete", "cancelled")]
    assert set(open_ones) <= set(score.no_fixed_date)
    without = sp.score(_without_due(changed, chosen), as_of=as_of, horizon_days=horizon)
    assert (score.expected, score.expected_complete) == (
        without.expected,
        without.expected_complete,
    )
    made = sp.report(changed, as_of=as_of)
    rows = {r.id: r for r in made.rows}
    for action_id in chosen:
        assert rows[action_id].due == written
        assert rows[action_id].due_date is None
        assert not rows[action_id].overdue


def _without_due(plan: sp.Plan, ids: list[str]) -> sp.Plan:
    """``plan`` with no due date at all for the actions ``ids``."""
    priorities = tuple(
        attrs.evolve(
            p, actions=tuple(attrs.evolve(a, due=None) if a.id in ids else a for a in p.actions)
        )
        for p in plan.priorities
    )
    reviews = tuple(
        attrs.evolve(
            r,
            updates={i: attrs.evolve(u, due=None) if i in ids else u for i, u in r.updates.items()},
        )
        for r in plan.reviews
    )
    return attrs.evolve(plan, priorities=priorities, reviews=reviews)


def test_the_score_lists_open_actions_with_no_fixed_date() -> None:
    score = sp.score(anytown())
    assert score.no_fixed_date == ("1.2",)  # 1.4, also TBC, is complete
    assert score.to_dict()["no_fixed_date"] == ["1.2"]
    assert score.to_dict()["due_soon_by"] == "2022-06-30"
    assert "1.2" not in sp.score(anytown(), as_of=date(2200, 12, 31)).overdue


# --- what documents say ---------------------------------------------------------------------


def _export(plan: sp.Plan, name: str) -> bytes:
    out = io.BytesIO()
    sp.export(plan, name, out, plugin_manager=sp.get_plugin_manager(autoload=False))
    return out.getvalue()


SAID = (
    "Action 1.1 is due by 30 June 2022.",
    "Action 1.2 has no fixed date.",
    "1 action was due by 31 March 2022; it is not complete. 1 open action has no fixed date.",
)


def test_the_report_says_by_when_and_which_have_no_fixed_date() -> None:
    made = sp.report(anytown())
    assert SAID[0] in made.executive_summary
    assert SAID[1] in made.executive_summary
    assert made.expected == SAID[2]
    rows = {r.id: r for r in made.rows}
    assert (rows["1.2"].due, rows["1.2"].due_date, rows["1.2"].details) == (
        "Quarterly",
        None,
        "Due: Quarterly.",
    )
    nothing = sp.report(anytown(sp.Interval(1, MONTHS)))
    assert "No open action is due from 31 March 2022 to 30 April 2022." in (
        nothing.executive_summary
    )


def test_the_markdown_shows_the_words_and_says_so() -> None:
    page = gfm.seen(_export(anytown(), "md").decode("utf-8"))
    for sentence in SAID:
        assert sentence in page.text
    cells = [cell for _, rows in page.tables for row in rows for cell in row]
    assert "1.2 Report rapid reviews to the board\nDue: Quarterly." in cells
    assert "1.4 Hold the assembly\nDue: TBC." in cells


def test_the_board_paper_shows_the_words_and_says_so() -> None:
    document = docx.Document(io.BytesIO(_export(anytown(), "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    for sentence in SAID:
        assert sentence in paragraphs
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("Due: Quarterly." in cell for cell in cells)


def test_the_tracker_shows_the_words_with_no_due_date_cell() -> None:
    book = openpyxl.load_workbook(io.BytesIO(_export(anytown(), "xlsx")))
    rows = list(book["Actions"].iter_rows(values_only=True))
    header, by_id = rows[0], {row[1]: row for row in rows[1:]}
    due, due_date = header.index("Due"), header.index("Due date")
    assert (by_id["1.2"][due], by_id["1.2"][due_date]) == ("Quarterly", None)
    assert by_id["1.1"][due_date].date() == date(2022, 6, 30)
    summary = [c for row in book["Summary"].iter_rows(values_only=True) for c in row if c]
    assert SAID[2] in summary


def test_the_json_gives_the_words_the_day_and_the_score() -> None:
    data = json.loads(_export(anytown(), "json"))
    rows = {r["id"]: r for p in data["priorities"] for r in p["actions"]}
    assert (rows["1.2"]["due"], rows["1.2"]["due_date"]) == ("Quarterly", None)
    assert (rows["1.5"]["due"], rows["1.5"]["due_date"]) == ("end Sept 2021", "2021-09-30")
    assert data["score"]["no_fixed_date"] == ["1.2"]
    assert data["score"]["due_soon_by"] == "2022-06-30"
    assert data["expected"] == SAID[2]

"""The report: what every document shows, for the Birmingham plan, hand-built reviews and any
plan at all."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import plans, without_withheld_words

import safeguarding_plan as sp
from safeguarding_plan.model.plan import AUDIENCES
from safeguarding_plan.reporting.contents import WITHHELD, ChangeRow, Report
from safeguarding_plan.scoring.progress import by_lead

PRIORITY_HEADINGS = (
    "Priority 1 – Strong Leadership and Strong Partnership demonstrating effective Accountability",
    "Priority 2 – Continuously Improve Child Safeguarding Practice across the system and in all "
    "agencies",
    "Priority 3 – Developing an effective multi-agency response to Child and Adolescent Neglect",
    "Priority 4 – Evaluating and addressing the consequences of the Covid-19 pandemic on "
    "safeguarding children",
)
EXCEPTIONS = ("1.6", "2.3", "2.9", "4.1", "4.4")


def strings(value: object) -> Iterator[str]:
    """Every string anywhere in ``value``: attrs fields, the string properties of report
    classes, containers, mapping keys and values, enum values."""
    kind = type(value)
    if isinstance(value, str):
        yield value
    elif isinstance(value, enum.Enum):
        yield from strings(value.value)
    elif attrs.has(kind):
        for field in attrs.fields(kind):
            yield from strings(getattr(value, field.name))
        for name, member in vars(kind).items():
            if isinstance(member, property):
                yield from strings(getattr(value, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings(item)


def row(report: Report, action_id: str) -> sp.ActionRow:
    return next(r for r in report.rows if r.id == action_id)


# -- Birmingham, February 2022 -------------------------------------------------------------------


@pytest.fixture(scope="module")
def board(birmingham: sp.Plan) -> Report:
    return sp.report(birmingham)


def test_birmingham_title_and_sentences(board: Report) -> None:
    assert board.audience == "board"
    assert board.partnership == "Birmingham Safeguarding Children Partnership"
    assert board.short_name == "BSCP"
    assert board.plan_title == "Business Improvement Plan"
    assert board.period == "2021/23"
    assert (board.review_id, board.review_title) == ("2022-02", "February 2022 – Update")
    assert board.as_of == date(2022, 1, 31)
    assert board.as_of_text == "31 January 2022"
    assert board.headline == (
        "The Plan has 4 strategic priorities and 33 actions. At the end of January 2022, 73% of "
        "the actions have been completed."
    )
    assert board.expected == "20 actions were due by 31 January 2022; 15 of them are complete."


def test_birmingham_column_headings(board: Report) -> None:
    assert board.action_heading == "Planned Action (2021-23)"
    assert board.update_heading == "February 2022 – Update"
    assert board.status_heading == "Status"


def test_birmingham_sections(board: Report, birmingham: sp.Plan) -> None:
    assert [s.id for s in board.priorities] == ["1", "2", "3", "4"]
    assert tuple(s.heading for s in board.priorities) == PRIORITY_HEADINGS
    assert [len(s.rows) for s in board.priorities] == [10, 10, 5, 8]
    assert [s.counts.actions for s in board.priorities] == [10, 10, 5, 8]
    assert [s.counts.complete for s in board.priorities] == [9, 7, 3, 5]
    assert [s.ratings for s in board.priorities] == [
        "9 good progress, 1 limited progress",
        "8 good progress, 1 some progress, 1 no progress",
        "5 good progress",
        "5 good progress, 1 some progress, 2 limited progress",
    ]
    assert [r.id for r in board.rows] == [a.id for a in birmingham.actions]
    assert [r.id for r in board.priorities[0].rows][-2:] == ["1.9", "1.10"]  # text, not numbers
    assert {r.priority_id for r in board.priorities[3].rows} == {"4"}
    assert board.score == sp.score(birmingham)


def test_birmingham_summary_rows_are_each_priority_then_the_whole_plan(board: Report) -> None:
    rows = board.summary_rows
    assert tuple(r.heading for r in rows) == (*PRIORITY_HEADINGS, "All priorities")
    assert [r.priority for r in rows] == [*board.priorities, None]
    assert [r.total for r in rows] == [False] * 4 + [True]
    assert [(r.counts.actions, r.counts.complete, r.counts.percent_rounded) for r in rows] == [
        (10, 9, 90),
        (10, 7, 70),
        (5, 3, 60),
        (8, 5, 63),
        (33, 24, 73),
    ]
    assert [r.ratings for r in rows] == [*(s.ratings for s in board.priorities), board.ratings]


def test_birmingham_exceptions(board: Report) -> None:
    assert tuple(r.id for r in board.exceptions) == EXCEPTIONS
    assert [r.exception_reasons for r in board.exceptions] == [
        "Overdue and red",
        "Overdue and red",
        "Overdue",  # 2.9 is amber: overdue only
        "Overdue and red",
        "Overdue and red",
    ]
    assert [r.exception_status for r in board.exceptions] == [
        "Overdue and red: not started – ☹️ limited progress",
        "Overdue and red: not started – 😞 no progress",
        "Overdue: deferred – 😐 some progress",
        "Overdue and red: in progress – ☹️ limited progress",
        "Overdue and red: deferred – ☹️ limited progress",
    ]
    assert all(r.overdue for r in board.exceptions)
    assert [r.red for r in board.exceptions] == [True, True, False, True, True]
    assert row(board, "1.1").exception_reasons == ""
    assert not row(board, "1.1").overdue


def test_birmingham_rows(board: Report) -> None:
    first = row(board, "1.6")
    assert first.status == "Not started – ☹️ limited progress"
    assert first.text.startswith("The BSCP to redesign its website")
    assert first.lead == "Business Unit"
    assert (first.due, first.due_date) == ("by November 2021", date(2021, 11, 30))
    assert first.progress is sp.Progress.NOT_STARTED
    assert first.rating is not None
    assert first.rating.key == "frown"
    assert first.note == "Website redesign will commence in 2022/23."
    assert first.details == "Lead: Business Unit. Due: by November 2021."
    assert not first.withheld
    assert row(board, "1.1").status == "Complete – 😊 good progress"
    assert row(board, "2.9").status == "Deferred – 😐 some progress"
    assert row(board, "2.3").status == "Not started – 😞 no progress"
    assert row(board, "1.1").details == "Lead: Independent Chair. Due: 22nd April 2021."
    assert row(board, "1.2").details == "Lead: Independent Chair."  # no due date


def test_birmingham_key_is_the_faces_scale(board: Report) -> None:
    assert board.key == sp.RATING_SCALES["faces"].ratings
    assert [(r.symbol, r.label) for r in board.key] == [
        ("😊", "Good progress"),
        ("😐", "Some progress"),
        ("☹️", "Limited progress"),
        ("😞", "No progress"),
    ]


def test_no_changes_at_the_first_review(board: Report, birmingham: sp.Plan) -> None:
    assert len(birmingham.reviews) == 1
    assert board.changes is None


def test_an_unrated_action_and_empty_details(birmingham: sp.Plan) -> None:
    first = birmingham.priorities[0]
    new = sp.Action(id="1.11", text="A new action agreed in February.")
    plan = attrs.evolve(
        birmingham,
        priorities=(
            attrs.evolve(first, actions=(*first.actions, new)),
            *birmingham.priorities[1:],
        ),
    )
    report = sp.report(plan)
    added = row(report, "1.11")
    assert added.status == "Not started – not yet rated"
    assert added.rating is None
    assert added.details == ""
    assert added.note is None
    assert report.priorities[0].ratings == "9 good progress, 1 limited progress, 1 not yet rated"
    assert added not in report.exceptions  # no due date, no rating: not an exception


def test_a_plan_without_reviews(birmingham: sp.Plan) -> None:
    report = sp.report(attrs.evolve(birmingham, reviews=()))
    assert report.review_id is None
    assert report.review_title is None
    assert report.as_of is None
    assert report.as_of_text is None
    assert report.expected is None
    assert report.changes is None
    assert report.exceptions == ()
    assert report.update_heading == "Update"
    assert {r.status for r in report.rows} == {"Not started – not yet rated"}
    assert {s.ratings for s in report.priorities} == {
        "10 not yet rated",
        "5 not yet rated",
        "8 not yet rated",
    }
    assert report.headline.endswith("So far, 0% of the actions have been completed.")


def test_as_of_moves_what_is_overdue_and_expected(birmingham: sp.Plan) -> None:
    report = sp.report(birmingham, as_of=date(2022, 4, 30))
    assert report.review_id == "2022-02"
    assert report.as_of == date(2022, 4, 30)
    assert report.as_of_text == "30 April 2022"
    assert report.expected == "24 actions were due by 30 April 2022; 18 of them are complete."
    # 3.4 was due by 31 March 2022 and is still in progress.
    assert tuple(r.id for r in report.exceptions) == ("1.6", "2.3", "2.9", "3.4", "4.1", "4.4")
    assert row(report, "3.4").exception_reasons == "Overdue"
    # Progress is still what the February review reported, at its own date.
    assert "At the end of January 2022, 73%" in report.headline


def test_a_named_review(birmingham: sp.Plan) -> None:
    assert sp.report(birmingham, review="2022-02") == sp.report(birmingham)
    with pytest.raises(KeyError, match="no review '2099-01'"):
        sp.report(birmingham, review="2099-01")


def test_unknown_audience(birmingham: sp.Plan) -> None:
    with pytest.raises(ValueError, match="unknown audience 'everyone'; use one of board, public"):
        sp.report(birmingham, audience="everyone")  # type: ignore[arg-type]


# -- the public audience -------------------------------------------------------------------------

SECRET_LEAD = "Jane Example, Designated Officer"


@pytest.fixture(scope="module")
def restricted_plan(birmingham: sp.Plan) -> sp.Plan:
    """Birmingham with 1.6 (an exception) restricted and led by a named officer."""
    first = birmingham.priorities[0]
    actions = tuple(
        attrs.evolve(a, restricted=True, lead=SECRET_LEAD) if a.id == "1.6" else a
        for a in first.actions
    )
    return attrs.evolve(
        birmingham, priorities=(attrs.evolve(first, actions=actions), *birmingham.priorities[1:])
    )


def test_public_report_withholds_restricted_text(restricted_plan: sp.Plan) -> None:
    action = restricted_plan.action("1.6")
    note = restricted_plan.states()["1.6"].note
    assert note == "Website redesign will commence in 2022/23."
    originals = (action.text, SECRET_LEAD, note)

    board = sp.report(restricted_plan, audience="board")
    board_text = list(strings(board))
    assert all(any(o in s for s in board_text) for o in originals)  # the walk finds them

    public = sp.report(restricted_plan, audience="public")
    assert public.audience == "public"
    withheld = row(public, "1.6")
    assert (withheld.text, withheld.lead, withheld.note) == (WITHHELD, None, None)
    assert withheld.withheld
    assert withheld.details == "Due: by November 2021."
    assert withheld.status == "Not started – ☹️ limited progress"
    for text in strings(public):
        for original in originals:
            assert original not in text
    # Only the restricted action changes.
    assert [r for r in public.rows if r.id != "1.6"] == [r for r in board.rows if r.id != "1.6"]
    assert not any(r.withheld for r in board.rows)


def test_public_report_counts_everything(restricted_plan: sp.Plan) -> None:
    board = sp.report(restricted_plan)
    public = sp.report(restricted_plan, audience="public")
    assert public.score == board.score
    assert public.headline == board.headline
    assert public.expected == board.expected
    assert [s.counts for s in public.priorities] == [s.counts for s in board.priorities]
    assert [s.ratings for s in public.priorities] == [s.ratings for s in board.priorities]
    assert tuple(r.id for r in public.exceptions) == EXCEPTIONS
    assert len(public.rows) == len(board.rows) == 33


# -- changes between two reviews -----------------------------------------------------------------


def _due(text: str, last_day: date) -> sp.Due:
    return sp.Due(text=text, last_day=last_day)


def two_reviews() -> sp.Plan:
    """Each kind of change once or twice, and things that are not changes."""
    may = _due("by May 2021", date(2021, 5, 31))
    june = _due("by June 2021", date(2021, 6, 30))
    march = _due("by March 2022", date(2022, 3, 31))
    september = _due("by September 2022", date(2022, 9, 30))
    P = sp.Progress  # noqa: N806
    actions = (
        sp.Action("1.1", "Publish the annual report", "Business Unit", may),
        sp.Action("1.2", "Chair the City Board", "Independent Chair"),
        sp.Action("1.3", "Hold a seminar", "QIO Sub-Group"),
        sp.Action("2.1", "Audit neglect cases", "Neglect Group", june),
        sp.Action("2.2", "Refresh the neglect strategy", "Neglect Group", march),
        sp.Action("2.3", "Train practitioners", "L&D Sub-Group"),
        sp.Action("2.4", "Evaluate the pilot", "Neglect Group", march),
    )
    first = sp.Review(
        id="2021-04",
        title="April 2021 – Update",
        as_of=date(2021, 4, 30),
        updates={
            "1.1": sp.ActionUpdate(progress=P.IN_PROGRESS, rating="happy"),
            "1.2": sp.ActionUpdate(progress=P.IN_PROGRESS, rating="neutral"),
            "1.3": sp.ActionUpdate(progress=P.IN_PROGRESS, rating="happy"),
            "2.1": sp.ActionUpdate(progress=P.IN_PROGRESS, rating="happy"),
            "2.2": sp.ActionUpdate(progress=P.NOT_STARTED, rating="happy"),
            "2.4": sp.ActionUpdate(progress=P.NOT_STARTED, rating="frown"),
        },
    )
    second = sp.Review(
        id="2021-07",
        title="July 2021 – Update",
        as_of=date(2021, 7, 31),
        updates={
            "1.1": sp.ActionUpdate(progress=P.COMPLETE),  # newly complete, rating carried
            "1.2": sp.ActionUpdate(rating="happy"),  # improved
            "1.3": sp.ActionUpdate(rating="sad", note="Venue lost."),  # worsened
            # 2.1 has no update: it carries forward and falls overdue (due by June 2021).
            "2.2": sp.ActionUpdate(due=september),  # due date moved
            "2.3": sp.ActionUpdate(progress=P.COMPLETE, rating="happy"),  # first rating
            "2.4": sp.ActionUpdate(rating="frown"),  # the same rating again
        },
    )
    return sp.Plan(
        partnership=sp.Partnership("Example Safeguarding Children Partnership", "ESCP"),
        title="Business Improvement Plan",
        ratings=sp.RATING_SCALES["faces"],
        priorities=(
            sp.Priority("1", "Leadership", actions[:3]),
            sp.Priority("2", "Neglect", actions[3:]),
        ),
        reviews=(first, second),
        period=sp.Period(date(2021, 4, 1), date(2023, 3, 31), "2021/23"),
    )


def test_changes_of_every_kind_in_order() -> None:
    changes = sp.report(two_reviews()).changes
    assert changes is not None
    assert (changes.previous_id, changes.previous_title) == ("2021-04", "April 2021 – Update")
    assert changes.rows == (
        ChangeRow("Newly complete", "1.1", "In progress", "Complete"),
        ChangeRow("Newly complete", "2.3", "Not started", "Complete"),
        ChangeRow("Rating improved", "1.2", "😐 Some progress", "😊 Good progress"),
        ChangeRow("Rating worsened", "1.3", "😊 Good progress", "😞 No progress"),
        ChangeRow("Newly overdue", "2.1", "Not overdue", "Overdue (due by June 2021)"),
        ChangeRow("Due date moved", "2.2", "by March 2022", "by September 2022"),
    )


def test_changes_at_the_first_of_two_reviews_and_between_equal_reviews() -> None:
    plan = two_reviews()
    assert sp.report(plan, review="2021-04").changes is None
    same = sp.Review(id="2021-08", title="August 2021 – Update", as_of=date(2021, 7, 31))
    again = sp.report(attrs.evolve(plan, reviews=(*plan.reviews, same)))
    assert again.changes is not None
    assert again.changes.previous_id == "2021-07"
    assert again.changes.rows == ()


def test_the_second_review_report() -> None:
    report = sp.report(two_reviews())
    assert report.update_heading == "July 2021 – Update"
    assert report.as_of_text == "31 July 2021"
    assert [r.id for r in report.exceptions] == ["1.3", "2.1", "2.4"]
    assert [r.exception_reasons for r in report.exceptions] == ["Red", "Overdue", "Red"]
    assert row(report, "1.3").note == "Venue lost."
    assert row(report, "1.1").note is None  # notes belong to their review
    assert [s.ratings for s in report.priorities] == [
        "2 good progress, 1 no progress",
        "3 good progress, 1 limited progress",
    ]
    assert row(report, "2.2").due == "by September 2022"


# -- any plan ------------------------------------------------------------------------------------


@given(plan=plans(), data=st.data())
def test_report_invariants(plan: sp.Plan, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(plan.reviews) - 1)) if plan.reviews else None
    review = None if index is None else plan.reviews[index].id
    audience = data.draw(st.sampled_from(AUDIENCES))
    if audience == "public":
        # Names and notes withheld everywhere, ids and score included: tests/test_audience.py
        plan = without_withheld_words(plan)
    report = sp.report(plan, review=review, audience=audience)
    score = sp.score(plan, review=review)
    if audience == "public":  # naming no lead of an action withheld: tests/test_returns.py
        withheld = {a.id for a in plan.actions if a.restricted}
        score = attrs.evolve(
            score,
            not_updated_by_lead=by_lead(plan, score.not_updated, withheld),
            # A restricted measure is left out whole: its numbers too.
            measures={m.id: score.measures[m.id] for m in plan.measures if not m.restricted},
        )

    assert report.score == score
    assert [(r.priority_id, r.id) for r in report.rows] == [
        (p.id, a.id) for p in plan.priorities for a in p.actions
    ]
    rows = list(report.rows)
    assert all(any(e is r for r in rows) for e in report.exceptions)
    assert all(e.overdue or e.red for e in report.exceptions)
    assert report.exceptions == tuple(r for r in rows if r.overdue or r.red)
    assert tuple(r.id for r in rows if r.overdue) == score.overdue
    assert [s.id for s in report.priorities] == list(score.by_priority)
    for section in report.priorities:
        assert section.counts == score.by_priority[section.id]
        assert len(section.rows) == section.counts.actions
    first_or_none = index is None or index == 0
    assert (report.changes is None) == first_or_none
    for r in rows:
        assert bool(r.exception_reasons) == (r.overdue or r.red)
        assert r.exception_status.endswith(r.status[1:])  # its status, after why it is one
        restricted = plan.action(r.id).restricted
        assert r.withheld == (audience == "public" and restricted)
        if r.withheld:
            assert (r.text, r.lead, r.note) == (WITHHELD, None, None)
        else:
            assert r.text == plan.action(r.id).text


@given(plans(max_reviews=4))
def test_the_trend_counts_each_review_as_its_score_does(plan: sp.Plan) -> None:
    # Each earlier review's point is counted from its states alone, not from a whole score.
    made = sp.report(plan)
    assert [p.review_id for p in made.trend] == [r.id for r in plan.reviews]
    for point in made.trend:
        then = sp.score(plan, review=point.review_id)
        assert (point.complete, point.actions) == (then.complete, then.actions - then.cancelled)

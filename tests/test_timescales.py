"""Tests for case review timescales (safeguarding_plan.timescales).

Bank holidays are checked against the ``holidays`` package itself, never a table of our own:
each explicit case first asserts the calendar facts it depends on, so a wrong expectation shows
up as a wrong fact rather than a wrong sum.
"""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Mapping
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_plan.model.timescales import TIMESCALES, Timescale, Unit
from safeguarding_plan.reporting.sentences import timeliness_lines
from safeguarding_plan.scoring.learning import StepScore
from safeguarding_plan.scoring.working_days import (
    StepResult,
    Timeliness,
    assess,
    deadline,
    is_working_day,
    working_days_between,
)
from safeguarding_plan.words import plural

NOTIFY, RAPID_REVIEW, PUBLISH = TIMESCALES


def said(result: StepResult, dates: Mapping[str, date | None]) -> str:
    """The line a document gives the step of a review recording ``dates``: the report words the
    score's numbers."""
    recorded = {name: day for name, day in dates.items() if day is not None}
    (line,) = timeliness_lines([(result.timescale, StepScore.of(result))], recorded)
    return line


# A partnership's own rule, timed alongside the statutory ones.
SHARE_LEARNING = Timescale(
    step="learning_shared",
    label="Share the learning",
    start="published",
    end="learning_shared",
    length=10,
    unit=Unit.WORKING_DAYS,
    source="Anytown Safeguarding Children Partnership, case review procedure",
)

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@functools.cache
def bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_bank_holiday(day: date) -> bool:
    return day in bank_holidays(day.year)


def working(length: int) -> Timescale:
    return Timescale("step", "Do the step", "start", "end", length, Unit.WORKING_DAYS, "test")


def by_counting(start: date, end: date) -> int:
    """Working days after start up to end, one day at a time, straight from the library."""
    days = (start + timedelta(days=n) for n in range(1, (end - start).days + 1))
    return sum(day.weekday() < 5 and not is_bank_holiday(day) for day in days)


# --- the calendar the arithmetic relies on ---------------------------------------------------


def test_calendar_has_the_substitute_and_one_off_bank_holidays() -> None:
    # Christmas 2021 and New Year 2022 fell at weekends; their substitute days are holidays.
    assert [is_bank_holiday(date(2021, 12, day)) for day in (24, 27, 28, 29, 30, 31)] == [
        False, True, True, False, False, False,
    ]  # fmt: skip
    assert is_bank_holiday(date(2022, 1, 3))
    # The Platinum Jubilee moved the spring bank holiday from Monday 30 May to Thursday 2 June.
    assert not is_bank_holiday(date(2022, 5, 30))
    assert is_bank_holiday(date(2022, 6, 2))
    assert is_bank_holiday(date(2022, 6, 3))
    assert is_bank_holiday(date(2022, 9, 19))  # the state funeral
    assert is_bank_holiday(date(2023, 5, 8))  # the coronation


# --- deadlines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "length", "expected"),
    [
        # Friday + 1 working day is Monday.
        (date(2022, 1, 7), 1, date(2022, 1, 10)),
        # Counting starts the next working day even when the start is a Saturday or a holiday.
        (date(2022, 1, 8), 1, date(2022, 1, 10)),
        (date(2021, 12, 27), 1, date(2021, 12, 29)),
        # Thursday 23 December 2021: Fri 24, Wed 29, Thu 30, Fri 31 December, then Tuesday 4
        # January, past the weekends and the bank holidays of 27 and 28 December and 3 January.
        (date(2021, 12, 23), 5, date(2022, 1, 4)),
        # Easter 2022: Good Friday 15 April and Easter Monday 18 April.
        (date(2022, 4, 14), 1, date(2022, 4, 19)),
        (date(2022, 4, 13), 5, date(2022, 4, 22)),
        # The Jubilee: 30 May 2022 was a working day; 2 and 3 June were not.
        (date(2022, 5, 27), 1, date(2022, 5, 30)),
        (date(2022, 6, 1), 1, date(2022, 6, 6)),
        # Three whole weeks from Monday 6 June: 15 working days after 1 June end Friday 24 June.
        (date(2022, 6, 1), 15, date(2022, 6, 24)),
        # The state funeral, Monday 19 September 2022.
        (date(2022, 9, 16), 1, date(2022, 9, 20)),
        # May 2023: May Day on the 1st and the coronation on the 8th.
        (date(2023, 4, 28), 5, date(2023, 5, 9)),
        # No time at all is the start day itself.
        (date(2022, 1, 8), 0, date(2022, 1, 8)),
    ],
)
def test_working_day_deadlines(start: date, length: int, expected: date) -> None:
    assert deadline(start, working(length)) == expected
    assert working_days_between(start, expected) == length
    assert by_counting(start, expected) == length


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2021, 8, 31), date(2022, 2, 28)),
        (date(2023, 8, 31), date(2024, 2, 29)),
        (date(2022, 3, 15), date(2022, 9, 15)),
        (date(2022, 7, 31), date(2023, 1, 31)),
        (date(2022, 11, 30), date(2023, 5, 30)),
        (date(2022, 12, 31), date(2023, 6, 30)),
    ],
)
def test_six_months_keeps_the_day_or_takes_the_month_end(start: date, expected: date) -> None:
    assert deadline(start, PUBLISH) == expected


def test_calendar_days_count_every_day() -> None:
    rule = Timescale("step", "Do the step", "start", "end", 28, Unit.CALENDAR_DAYS, "test")
    assert deadline(date(2021, 12, 20), rule) == date(2022, 1, 17)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2022, 1, 7), date(2022, 1, 7), 0),
        (date(2022, 1, 10), date(2022, 1, 7), 0),
        (date(2022, 1, 8), date(2022, 1, 9), 0),  # a weekend
        (date(2021, 12, 24), date(2022, 1, 4), 4),
        (date(2022, 1, 1), date(2022, 12, 31), 250),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected
    assert by_counting(start, end) == expected


# --- properties ------------------------------------------------------------------------------


@given(DAYS, st.integers(min_value=0, max_value=80))
def test_counting_back_gives_the_length(start: date, length: int) -> None:
    assert working_days_between(start, deadline(start, working(length))) == length


@given(DAYS, st.integers(min_value=1, max_value=80))
def test_a_deadline_is_a_working_day(start: date, length: int) -> None:
    end = deadline(start, working(length))
    assert end.weekday() < 5
    assert not is_bank_holiday(end)


@given(DAYS, st.integers(min_value=0, max_value=80))
def test_more_time_is_a_later_deadline(start: date, length: int) -> None:
    assert deadline(start, working(length)) < deadline(start, working(length + 1))


@given(DAYS, DAYS)
def test_working_days_between_counts_as_the_calendar_does(start: date, end: date) -> None:
    assert working_days_between(start, end) == by_counting(start, end)


@given(DAYS)
def test_is_working_day_agrees_with_the_calendar(day: date) -> None:
    assert is_working_day(day) == (day.weekday() < 5 and not is_bank_holiday(day))


@given(DAYS, st.integers(min_value=0, max_value=36))
def test_months_land_in_the_right_month(start: date, length: int) -> None:
    rule = Timescale("step", "Do the step", "start", "end", length, Unit.MONTHS, "test")
    end = deadline(start, rule)
    assert end.year * 12 + end.month == start.year * 12 + start.month + length
    # The same day of the month, or the last day of a month too short to have it.
    assert end.day == start.day or (end.day < start.day and (end + timedelta(days=1)).day == 1)


@given(DAYS, st.integers(min_value=0, max_value=40), DAYS)
def test_a_partnerships_own_rule(published: date, after: int, as_of: date) -> None:
    shared = published + timedelta(days=after)
    dates = {"published": published, "learning_shared": shared}
    (result,) = assess(dates, as_of, timescales=[SHARE_LEARNING])
    assert result.deadline == deadline(published, SHARE_LEARNING)
    assert result.taken == working_days_between(published, shared)
    assert result.timeliness is (Timeliness.ON_TIME if result.taken <= 10 else Timeliness.LATE)
    assert result.late_by == max(0, result.taken - 10)
    verdict = "on time" if result.taken <= 10 else plural(result.late_by, "working day") + " late"
    assert said(result, dates) == (
        f"Learning shared {plural(result.taken, 'working day')} after publication: {verdict}"
    )


# --- assessing a case review ------------------------------------------------------------------


def test_on_time_and_not_yet_due() -> None:
    dates = {"became_aware": date(2021, 12, 23), "notified": date(2021, 12, 30)}
    notify, rapid_review = assess(dates, as_of=date(2022, 1, 5))
    assert notify == StepResult(NOTIFY, Timeliness.ON_TIME, date(2022, 1, 4), taken=3, late_by=0)
    assert said(notify, dates) == (
        "National panel notified 3 working days after the partnership became aware: on time"
    )
    # The rapid review has 15 working days from the notification, to Friday 21 January 2022.
    assert rapid_review == StepResult(
        RAPID_REVIEW, Timeliness.DUE, date(2022, 1, 21), taken=3, late_by=0
    )
    assert said(rapid_review, dates) == "Complete the rapid review: due by 21 January 2022"


def test_on_the_deadline_is_on_time() -> None:
    dates = {"initiated": date(2023, 8, 31), "published": date(2024, 2, 29)}
    (publish,) = assess(dates, as_of=date(2024, 3, 1))
    assert publish == StepResult(PUBLISH, Timeliness.ON_TIME, date(2024, 2, 29), 182, 0)
    # 31 August to 29 February is 6 months: the last day of a month too short for the 31st.
    assert said(publish, dates) == "Published 6 months after the review was initiated: on time"


def test_late() -> None:
    dates = {"notified": date(2022, 6, 1), "rapid_review_completed": date(2022, 6, 29)}
    notify, rapid_review = assess(dates, as_of=date(2022, 7, 1))
    assert notify.timeliness is Timeliness.UNKNOWN  # named by its end date, but no start date
    assert rapid_review == StepResult(
        RAPID_REVIEW, Timeliness.LATE, date(2022, 6, 24), taken=18, late_by=3
    )
    assert said(rapid_review, dates) == (
        "Rapid review completed 18 working days after the national panel was notified: "
        "3 working days late"
    )


def test_late_by_one_day_of_a_month_rule() -> None:
    dates = {"initiated": date(2023, 8, 31), "published": date(2024, 3, 1)}
    (publish,) = assess(dates, as_of=date(2024, 3, 1))
    assert (publish.timeliness, publish.taken, publish.late_by) == (Timeliness.LATE, 183, 1)
    assert said(publish, dates) == ("Published 6 months after the review was initiated: 1 day late")


def test_a_month_rule_counts_whole_months_from_two_on() -> None:
    dates = {"initiated": date(2020, 7, 15), "published": date(2021, 9, 30)}
    (publish,) = assess(dates, as_of=date(2022, 1, 31))
    assert (publish.timeliness, publish.late_by) == (
        Timeliness.LATE,
        (date(2021, 9, 30) - date(2021, 1, 15)).days,
    )
    assert said(publish, dates) == (
        "Published 14 months after the review was initiated: 8 months late"
    )
    # Less than two months is counted in days: "1 month" would hide up to 30 more.
    dates = {"initiated": date(2021, 6, 1), "published": None}
    (publish,) = assess(dates, as_of=date(2022, 1, 31))
    assert said(publish, dates) == (
        "Publish the local child safeguarding practice review: due by 1 December 2021; "
        "61 days overdue"
    )


def test_overdue() -> None:
    dates = {"initiated": date(2021, 8, 31), "published": None}
    (publish,) = assess(dates, as_of=date(2022, 3, 2))
    assert publish == StepResult(PUBLISH, Timeliness.OVERDUE, date(2022, 2, 28), 183, late_by=2)
    assert said(publish, dates) == (
        "Publish the local child safeguarding practice review: due by 28 February 2022; "
        "2 days overdue"
    )


def test_due_on_the_day_is_not_yet_overdue() -> None:
    (notify,) = assess({"became_aware": date(2021, 12, 23)}, as_of=date(2022, 1, 4))
    assert (notify.timeliness, notify.taken, notify.late_by) == (Timeliness.DUE, 5, 0)


@pytest.mark.parametrize(
    ("notified", "as_of", "expected"),
    [
        # The deadline is Friday 14 January 2022; the weekend after it adds no working days.
        (date(2022, 1, 15), date(2022, 1, 20), (Timeliness.ON_TIME, 5, 0)),
        (None, date(2022, 1, 16), (Timeliness.DUE, 5, 0)),
        (None, date(2022, 1, 17), (Timeliness.OVERDUE, 6, 1)),
        (date(2022, 1, 17), date(2022, 1, 20), (Timeliness.LATE, 6, 1)),
    ],
)
def test_lateness_is_counted_in_working_days(
    notified: date | None, as_of: date, expected: tuple[Timeliness, int, int]
) -> None:
    dates = {"became_aware": date(2022, 1, 7), "notified": notified}
    notify = assess(dates, as_of)[0]
    assert notify.deadline == date(2022, 1, 14)
    assert (notify.timeliness, notify.taken, notify.late_by) == expected


def test_one_working_day_late_words() -> None:
    dates = {"became_aware": date(2022, 1, 7), "notified": date(2022, 1, 17)}
    assert said(assess(dates, date(2022, 1, 20))[0], dates) == (
        "National panel notified 6 working days after the partnership became aware: "
        "1 working day late"
    )


def test_not_known_without_a_start_date() -> None:
    dates = {"became_aware": None, "notified": date(2022, 1, 4)}
    notify, rapid_review = assess(dates, as_of=date(2022, 1, 5))
    assert notify == StepResult(NOTIFY, Timeliness.UNKNOWN, None, None, None)
    assert said(notify, dates) == (
        "1 step cannot be timed, as the plan does not record when the partnership became aware."
    )
    assert rapid_review.timeliness is Timeliness.DUE


def test_a_review_with_no_dates_says_so_once() -> None:
    steps = assess(dict.fromkeys(("became_aware", "notified", "initiated")), date(2022, 1, 5))
    assert [s.timeliness for s in steps] == [Timeliness.UNKNOWN] * 3
    scored = [(s.timescale, StepScore.of(s)) for s in steps]
    assert timeliness_lines(scored, {}) == (
        "No dates are recorded, so its timescales cannot be checked.",
    )


def test_the_steps_that_cannot_be_timed_are_one_line_naming_each_missing_date() -> None:
    dates = {"published": date(2021, 9, 30)}
    steps = assess(
        {**dates, **dict.fromkeys(("became_aware", "notified", "initiated"))}, date(2022, 1, 5)
    )
    scored = [(s.timescale, StepScore.of(s)) for s in steps]
    assert timeliness_lines(scored, dates) == (
        "3 steps cannot be timed, as the plan does not record when the partnership became "
        "aware, when the national panel was notified or when the review was initiated.",
    )


def test_steps_whose_dates_are_not_named_are_left_out() -> None:
    assert assess({}, as_of=date(2022, 1, 5)) == ()
    dates = {"became_aware": date(2022, 1, 4), "published": date(2022, 7, 4)}
    assert [result.timescale for result in assess(dates, date(2022, 8, 1))] == [NOTIFY, PUBLISH]


def test_a_calendar_day_rule_words() -> None:
    rule = Timescale(
        "terms_agreed", "Agree the terms of reference", "initiated", "terms_agreed", 28,
        Unit.CALENDAR_DAYS, "Anytown Safeguarding Children Partnership, case review procedure",
    )  # fmt: skip
    dates = {"initiated": date(2022, 1, 3), "terms_agreed": date(2022, 1, 13)}
    (result,) = assess(dates, as_of=date(2022, 2, 1), timescales=[rule])
    assert said(result, dates) == "Terms agreed 10 days after the review was initiated: on time"


def test_importing_leaves_holidays_unloaded_until_days_are_counted() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "import safeguarding_plan as sp, safeguarding_plan.scoring.working_days as ts\n"
        "print('holidays' in sys.modules)\n"
        "ts.deadline(date(2022, 6, 1), sp.TIMESCALES[0])\n"
        "print('holidays' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]

"""A caller's mistake in the Python API is a clear error from the function called, saying what
it takes: never a TypeError or an OverflowError from deep inside, nor a string scored one
character at a time."""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import BIRMINGHAM
from hypothesis import given
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.scoring.progress import MOST_HORIZON_DAYS

# --- export's options ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "kind"), [(["x"], "list"), ("x=1", "str"), (5, "int"), ([("author", "A")], "list")]
)
def test_options_that_are_not_a_mapping_are_a_clear_type_error(
    birmingham: sp.Plan, options: Any, kind: str
) -> None:
    stream = io.BytesIO()
    with pytest.raises(TypeError) as refused:
        sp.export(birmingham, "docx", stream, options=options)
    assert str(refused.value) == (
        "options must be a mapping of option names to values, such as "
        f"{{'meeting_date': '2022-03-10'}}, not {kind}"
    )
    assert stream.getvalue() == b""


# --- as_of -----------------------------------------------------------------------------------


def test_as_of_may_be_given_as_text_to_score_report_and_export(
    birmingham: sp.Plan,
) -> None:
    as_text = sp.score(birmingham, as_of="2022-03-31")
    assert as_text == sp.score(birmingham, as_of=date(2022, 3, 31))
    assert as_text.as_of == date(2022, 3, 31)
    assert sp.score(birmingham, as_of=" 2022-03-31 ").as_of == date(2022, 3, 31)
    assert sp.report(birmingham, as_of="2022-03-31").as_of == date(2022, 3, 31)
    text, day = io.BytesIO(), io.BytesIO()
    sp.export(birmingham, "json", text, as_of="2022-03-31")
    sp.export(birmingham, "json", day, as_of=date(2022, 3, 31))
    assert text.getvalue() == day.getvalue()
    [result] = sp.score_many([BIRMINGHAM], as_of="2022-03-31")
    assert result.score == as_text


@pytest.mark.parametrize("written", ["31/03/2022", "31/03/22", "31.03.2022", "31st March 2022"])
def test_as_of_may_be_given_as_a_uk_day_as_a_plan_file_writes_one(
    birmingham: sp.Plan, written: str
) -> None:
    assert sp.score(birmingham, as_of=written) == sp.score(birmingham, as_of=date(2022, 3, 31))
    assert sp.report(birmingham, as_of=written).as_of == date(2022, 3, 31)
    [result] = sp.score_many([BIRMINGHAM], as_of=written)
    assert result.score is not None
    assert result.score.as_of == date(2022, 3, 31)


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        (
            "March 2022",
            "as_of: cannot read the date 'March 2022'; write a day as YYYY-MM-DD or DD/MM/YYYY",
        ),
        (
            "03/31/2022",
            "as_of: '03/31/2022' is not a real date; write the day first (did you mean "
            "'31/03/2022'?)",
        ),
        ("2022-02-30", "as_of: '2022-02-30' is not a real date"),
        ("0001-01-01", "as_of: '0001-01-01' needs a year from 1900 to 2200"),
        (date(1, 1, 1), "as_of: '0001-01-01' needs a year from 1900 to 2200"),
        (date.max, "as_of: '9999-12-31' needs a year from 1900 to 2200"),
    ],
)
def test_an_as_of_that_is_no_date_in_range_is_an_argument_error(
    birmingham: sp.Plan, as_of: Any, message: str
) -> None:
    for call in (
        lambda: sp.score(birmingham, as_of=as_of),
        lambda: sp.export(birmingham, "json", io.BytesIO(), as_of=as_of),
        lambda: list(sp.score_many([BIRMINGHAM], as_of=as_of)),
    ):
        with pytest.raises(sp.ArgumentError) as refused:
            call()
        assert str(refused.value).startswith(message)
        assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    ("as_of", "kind"), [(20220331, "int"), (datetime(2022, 3, 31, 9), "a datetime")]
)
def test_an_as_of_that_is_neither_a_date_nor_text_is_a_clear_type_error(
    birmingham: sp.Plan, as_of: Any, kind: str
) -> None:
    for call in (
        lambda: sp.score(birmingham, as_of=as_of),
        lambda: sp.export(birmingham, "json", io.BytesIO(), as_of=as_of),
    ):
        with pytest.raises(
            TypeError,
            match=rf"^as_of must be a date, or text such as '2022-03-31' or '31/03/2022', "
            rf"not {kind}$",
        ):
            call()


# --- horizon_days ----------------------------------------------------------------------------


@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_horizon_days_out_of_range_is_an_argument_error_as_on_the_command_line(
    days: int,
) -> None:
    plan = _birmingham()
    if 0 <= days <= MOST_HORIZON_DAYS:
        assert sp.score(plan, horizon_days=days).horizon_days == days
    else:
        with pytest.raises(sp.ArgumentError) as refused:
            sp.score(plan, horizon_days=days)
        assert str(refused.value) == f"horizon_days must be from 0 to 3,660 days, not {days:,}"


@pytest.mark.parametrize("days", [True, 90.0, "90"])
def test_horizon_days_that_are_not_a_whole_number_are_a_type_error(
    birmingham: sp.Plan, days: Any
) -> None:
    with pytest.raises(TypeError, match=r"^horizon_days must be a whole number of days, not "):
        sp.score(birmingham, horizon_days=days)


_PLAN: list[sp.Plan] = []


def _birmingham() -> sp.Plan:
    if not _PLAN:
        _PLAN.append(sp.load(BIRMINGHAM))
    return _PLAN[0]


# --- score_many's paths ----------------------------------------------------------------------


@pytest.mark.parametrize("paths", [str(BIRMINGHAM), os.fsencode(BIRMINGHAM), BIRMINGHAM])
def test_one_path_instead_of_a_list_is_refused_not_scored_a_character_at_a_time(
    paths: Any,
) -> None:
    with pytest.raises(TypeError, match=r"^score_many\(\) takes a list of paths, not one path"):
        list(sp.score_many(paths))


def test_paths_that_are_not_iterable_or_not_paths_are_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match=r"^score_many\(\) takes a list of paths, not int$"):
        list(sp.score_many(5))  # type: ignore[arg-type]
    results = sp.score_many([BIRMINGHAM, 5])  # type: ignore[list-item]
    assert next(results).score is not None
    with pytest.raises(
        TypeError, match=r"^score_many\(\) takes paths, each text, bytes or os.PathLike, not int$"
    ):
        next(results)


def test_a_path_given_as_bytes_is_read_as_that_path() -> None:
    [as_bytes, as_text] = sp.score_many([os.fsencode(BIRMINGHAM), str(BIRMINGHAM)])
    assert as_bytes == as_text
    assert as_bytes.file == str(BIRMINGHAM)


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("a\x00b.yaml", "the name holds a NUL character, which no file name can"),
        (b"a\x00b.yaml", "the name holds a NUL character, which no file name can"),
        ("", "the name is empty"),
        ("\ud800.yaml", "the name holds a character no file name here can"),
    ],
)
def test_a_path_no_file_can_have_is_that_files_problem_and_the_others_go_on(
    path: Any, why: str
) -> None:
    bad, good = sp.score_many([path, BIRMINGHAM])
    name = os.fsdecode(path)
    assert (bad.file, bad.score, bad.problems) == (
        name,
        None,
        (f"{name}: cannot read the file: {why}",),
    )
    assert good.score == sp.score(sp.load(BIRMINGHAM))


def test_a_missing_file_given_as_bytes_is_that_files_problem(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    [result] = sp.score_many([os.fsencode(missing)])
    assert result.problems == (f"{missing}: cannot read the file: No such file or directory",)

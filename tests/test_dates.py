"""Tests for reading due dates and plan periods (safeguarding_plan.dates)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import PEOPLES_DUE_DATES

from safeguarding_plan.dates import (
    MAX_YEAR,
    MIN_YEAR,
    NO_FIXED_DATE,
    DateError,
    days_in_month,
    month_end,
    parse_day,
    parse_iso_date,
    read_day,
    resolve_due,
    resolve_period,
)
from safeguarding_plan.errors import shown

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
UNREADABLE = (
    "cannot read the date {!r}; "
    "write e.g. '2022-03-31', 'March 2022', 'Spring 2022', '2022/23' or 'Q3 2021/22'"
)
NOT_REAL = "{!r} is not a real date"
NOT_A_MONTH = "{!r} is not a real month; write e.g. 'March 2022', or '2022/23' for a financial year"
BAD_YEAR = "{!r} needs a year from 1900 to 2200, written in full"
BACKWARDS = "{!r} must end in a later year than it starts, e.g. '2022/23'"
NO_QUARTER = "{!r} names a quarter that does not exist; quarters are Q1 to Q4"
ISO_ONLY = "cannot read the date {!r}; write it as YYYY-MM-DD, e.g. '2022-01-31'"
NOT_A_PERIOD = "cannot read the plan period {!r}; write e.g. '2021/23' or '2022/23'"
NOT_A_DAY = (
    "cannot read the date {!r}; write a day as YYYY-MM-DD or DD/MM/YYYY, "
    "e.g. '2022-01-31' or '31/01/2022'"
)
DAY_FIRST = "{!r} is not a real date; write the day first (did you mean {!r}?)"

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2200, 12, 31)
YEARS = st.integers(min_value=1900, max_value=2200)
T = TypeVar("T")


def is_last_day_of_month(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def two_digits(year: int) -> str:
    return f"{year % 100:02d}"


# --- every accepted form --------------------------------------------------------------------

READABLE = [
    # ISO dates, including leap days
    ("2022-03-31", date(2022, 3, 31)),
    ("2022-01-01", date(2022, 1, 1)),
    ("2024-02-29", date(2024, 2, 29)),
    ("2000-02-29", date(2000, 2, 29)),
    # UK numeric, day first
    ("31/03/2022", date(2022, 3, 31)),
    ("01/04/2022", date(2022, 4, 1)),
    ("1/4/2022", date(2022, 4, 1)),
    ("12/11/2021", date(2021, 11, 12)),
    ("29/02/2024", date(2024, 2, 29)),
    # ... with a two-digit year (from 2000), and '.' or '-' in place of '/'
    ("1/4/22", date(2022, 4, 1)),
    ("31/03/22", date(2022, 3, 31)),
    ("30.06.21", date(2021, 6, 30)),
    ("1-4-2022", date(2022, 4, 1)),
    # YYYY-MM: last day of that month, leap years right
    ("2021-11", date(2021, 11, 30)),
    ("2021-12", date(2021, 12, 31)),
    ("2024-02", date(2024, 2, 29)),
    ("2023-02", date(2023, 2, 28)),
    ("2000-02", date(2000, 2, 29)),
    ("2100-02", date(2100, 2, 28)),
    # month names, full, three letters and 'Sept'
    ("November 2021", date(2021, 11, 30)),
    ("Nov 2021", date(2021, 11, 30)),
    ("Sept 2021", date(2021, 9, 30)),
    ("Sep 2021", date(2021, 9, 30)),
    ("September 2021", date(2021, 9, 30)),
    ("May 2022", date(2022, 5, 31)),
    ("June 2022", date(2022, 6, 30)),
    ("Jun 2022", date(2022, 6, 30)),
    ("February 2024", date(2024, 2, 29)),
    ("Feb 2023", date(2023, 2, 28)),
    ("february 1900", date(1900, 2, 28)),
    ("December 2200", date(2200, 12, 31)),
    # ... with a two-digit year (from 2000), after a space or a hyphen
    ("March 22", date(2022, 3, 31)),
    ("Feb-24", date(2024, 2, 29)),
    ("September-2021", date(2021, 9, 30)),
    # a day of a month, with or without an ordinal
    ("22nd April 2021", date(2021, 4, 22)),
    ("22 April 2021", date(2021, 4, 22)),
    ("1st April 2022", date(2022, 4, 1)),
    ("31st March 2022", date(2022, 3, 31)),
    ("3rd May 2022", date(2022, 5, 3)),
    ("4th Jul 2022", date(2022, 7, 4)),
    ("22 nd April 2021", date(2021, 4, 22)),
    ("22th April 2021", date(2021, 4, 22)),
    ("29th February 2024", date(2024, 2, 29)),
    ("30 Sept 2021", date(2021, 9, 30)),
    ("22nd April 21", date(2021, 4, 22)),
    # seasons: spring Mar-May, summer Jun-Aug, autumn/fall Sep-Nov, winter Dec-Feb
    ("Spring 2022", date(2022, 5, 31)),
    ("Summer 2022", date(2022, 8, 31)),
    ("Autumn 2022", date(2022, 11, 30)),
    ("Fall 2022", date(2022, 11, 30)),
    ("Winter 2022", date(2023, 2, 28)),
    ("Winter 2023", date(2024, 2, 29)),
    ("Winter 2099", date(2100, 2, 28)),
    ("Winter 2022/23", date(2023, 2, 28)),
    ("Winter 2023/2024", date(2024, 2, 29)),
    ("Winter 2099/00", date(2100, 2, 28)),
    ("Winter 2022-23", date(2023, 2, 28)),
    # school terms: autumn to 31 December, spring to Good Friday, summer to 31 July
    ("Spring term 2024", date(2024, 3, 29)),
    ("autumn TERM 2021/22", date(2021, 12, 31)),  # a school year: autumn in its first year
    ("Spring term 2021/22", date(2022, 4, 15)),
    ("Summer term 2021-22", date(2022, 7, 31)),
    ("by the end of summer term 2022", date(2022, 7, 31)),
    # UK financial years (1 April to 31 March) and multi-year spans
    ("2022/23", date(2023, 3, 31)),
    ("2022/2023", date(2023, 3, 31)),
    ("FY 2022/23", date(2023, 3, 31)),
    ("FY2022/23", date(2023, 3, 31)),
    ("financial year 2022/23", date(2023, 3, 31)),
    ("Financial Year 2022/2023", date(2023, 3, 31)),
    ("2021/23", date(2023, 3, 31)),
    ("2021/2023", date(2023, 3, 31)),
    ("1999/00", date(2000, 3, 31)),
    ("2199/00", date(2200, 3, 31)),
    ("2022/72", date(2072, 3, 31)),  # two digits name the nearest such year, up to 50 on
    # ... and written with a hyphen, where the second number cannot be a month
    ("2022-23", date(2023, 3, 31)),
    ("2022-2023", date(2023, 3, 31)),
    ("FY 2021-22", date(2022, 3, 31)),
    ("2021-23", date(2023, 3, 31)),
    # financial quarters: Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar
    ("Q1 2021/22", date(2021, 6, 30)),
    ("Q2 2021/22", date(2021, 9, 30)),
    ("Q3 2021/22", date(2021, 12, 31)),
    ("Q4 2021/22", date(2022, 3, 31)),
    ("Q4 2023/2024", date(2024, 3, 31)),
    ("Q4 1999/00", date(2000, 3, 31)),
    ("Q3 FY 2021/22", date(2021, 12, 31)),
    ("quarter 4 2021-2022", date(2022, 3, 31)),
    # a bare year
    ("2022", date(2022, 12, 31)),
    ("1900", date(1900, 12, 31)),
    ("2200", date(2200, 12, 31)),
    # 'by' and '(the) end of'
    ("by the end of March 2022", date(2022, 3, 31)),
    ("by end of March 2022", date(2022, 3, 31)),
    ("by March 2022", date(2022, 3, 31)),
    ("end of March 2022", date(2022, 3, 31)),
    ("the end of March 2022", date(2022, 3, 31)),
    ("by 31/03/2022", date(2022, 3, 31)),
    ("by Q3 2021/22", date(2021, 12, 31)),
    ("by the end of 2022/23", date(2023, 3, 31)),
    ("By The End Of Spring 2022", date(2022, 5, 31)),
    ("by 2022", date(2022, 12, 31)),
    ("by end Sept 2021", date(2021, 9, 30)),
    # case and whitespace
    ("MARCH 2022", date(2022, 3, 31)),
    ("march 2022", date(2022, 3, 31)),
    ("sPrInG 2022", date(2022, 5, 31)),
    ("q3 2021/22", date(2021, 12, 31)),
    ("fy 2022/23", date(2023, 3, 31)),
    ("  March 2022  ", date(2022, 3, 31)),
    ("by   the  end of\tMarch\n2022", date(2022, 3, 31)),
    ("March\u00a02022", date(2022, 3, 31)),  # a non-breaking space, as pasted from Word
    # as real plans write them
    *((text, day) for text, day in PEOPLES_DUE_DATES if day is not None),
]


@pytest.mark.parametrize(("text", "expected"), READABLE)
def test_resolve_due_reads_each_form(text: str, expected: date) -> None:
    assert resolve_due(text) == expected


# --- due dates with no fixed day ------------------------------------------------------------

NO_DEADLINE = [
    *(text for text, day in PEOPLES_DUE_DATES if day is None),
    "On-going",
    "to be agreed",
    "As and when",
    "  ONGOING ",
    "to\u00a0be  confirmed",
]


@pytest.mark.parametrize("text", NO_DEADLINE)
def test_a_due_date_that_names_no_day_has_no_last_day(text: str) -> None:
    assert resolve_due(text) is None
    assert read_day(text) is None


@pytest.mark.parametrize("word", NO_FIXED_DATE)
def test_every_word_for_no_fixed_date_is_read_so_in_any_case(word: str) -> None:
    assert resolve_due(word) is None
    assert resolve_due(word.title()) is None
    assert resolve_due(word.upper()) is None


@pytest.mark.parametrize(
    "text",
    ["Ongoing review", "TBC 2022", "quarterly reports", "soon", "March 2022 (ongoing)", "21/22"],
)
def test_only_the_words_themselves_name_no_day(text: str) -> None:
    with pytest.raises(DateError):
        resolve_due(text)


# --- school terms ---------------------------------------------------------------------------


@pytest.mark.parametrize("year", range(1900, 2101))
def test_the_spring_term_ends_on_good_friday(year: int) -> None:
    # Good Friday as England's bank holidays have it: every school has broken up by then.
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=year)
    (good_friday,) = [day for day, name in bank_holidays.items() if name == "Good Friday"]
    assert resolve_due(f"Spring term {year}") == good_friday
    assert resolve_due(f"Spring term {year}/{(year + 1) % 100:02d}") == resolve_due(
        f"Spring term {year + 1}"
    )


@given(YEARS)
def test_a_school_year_runs_autumn_spring_summer(year: int) -> None:
    autumn = resolve_due(f"Autumn term {year}")
    assert autumn == date(year, 12, 31)
    if year < 2200:
        spring, summer = (resolve_due(f"{t} term {year + 1}") for t in ("Spring", "Summer"))
        assert spring is not None
        assert autumn < spring < summer == date(year + 1, 7, 31)
        assert date(year + 1, 3, 20) <= spring <= date(year + 1, 4, 23)


# --- every refused form, with its message ---------------------------------------------------

UNREADABLE_CASES = [
    "",
    "   ",
    "soon",
    "TBC soon",
    "ongoing work",
    "March",
    "Mar",
    "Spring",
    "by",
    "end of",
    "by the end of",
    "Q3",
    "2022-3-31",
    "2022.03.31",
    "20222",
    "22/23",
    "2022/3",
    "2022/023",
    "2022/23/24",
    "22April 2021",
    "Q3-2021/22",
    "March 2022 onwards",
    "Blah 2022",
    "Mat 2022",  # close to 'May', but not close enough to suggest it
    "30/06.2021",  # one mark between day, month and year, not two
    "30.06/21",
    "term 2022",
    "Winter term 2022",
]
ERRORS = [
    *((text, UNREADABLE.format(text.strip())) for text in UNREADABLE_CASES),
    # a misspelt month or season gets the whole phrase back, corrected
    ("Febuary 2022", UNREADABLE.format("Febuary 2022") + " (did you mean 'February 2022'?)"),
    ("FEBUARY 2022", UNREADABLE.format("FEBUARY 2022") + " (did you mean 'February 2022'?)"),
    ("Autum 2022", UNREADABLE.format("Autum 2022") + " (did you mean 'Autumn 2022'?)"),
    ("sumer 2022", UNREADABLE.format("sumer 2022") + " (did you mean 'Summer 2022'?)"),
    ("Wintre 2022/23", UNREADABLE.format("Wintre 2022/23") + " (did you mean 'Winter 2022/23'?)"),
    (
        "by the end of Setpember 2021",
        UNREADABLE.format("by the end of Setpember 2021")
        + " (did you mean 'by the end of September 2021'?)",
    ),
    ("22nd Aprl 2021", UNREADABLE.format("22nd Aprl 2021") + " (did you mean '22nd April 2021'?)"),
    (
        "Febuary or Marhc 2022",
        UNREADABLE.format("Febuary or Marhc 2022") + " (did you mean 'February or March 2022'?)",
    ),
    # impossible days
    ("31st February 2022", NOT_REAL.format("31st February 2022")),
    ("30 February 2022", NOT_REAL.format("30 February 2022")),
    ("29th February 2023", NOT_REAL.format("29th February 2023")),
    ("29 Feb 2100", NOT_REAL.format("29 Feb 2100")),
    ("31 April 2022", NOT_REAL.format("31 April 2022")),
    ("32nd March 2022", NOT_REAL.format("32nd March 2022")),
    ("0 April 2022", NOT_REAL.format("0 April 2022")),
    ("2022-02-30", NOT_REAL.format("2022-02-30")),
    ("2023-02-29", NOT_REAL.format("2023-02-29")),
    ("2022-13-01", NOT_REAL.format("2022-13-01")),
    ("2022-04-00", NOT_REAL.format("2022-04-00")),
    ("31/04/2022", NOT_REAL.format("31/04/2022")),
    # a day written month first is told to put the day first
    ("01/13/2022", DAY_FIRST.format("01/13/2022", "13/01/2022")),
    ("06/30/2021", DAY_FIRST.format("06/30/2021", "30/06/2021")),
    ("12.31.21", DAY_FIRST.format("12.31.21", "31.12.21")),
    ("by 02-28-2022", DAY_FIRST.format("by 02-28-2022", "28-02-2022")),
    ("02/30/2022", NOT_REAL.format("02/30/2022")),  # no day of February either way
    ("13/13/2022", NOT_REAL.format("13/13/2022")),
    ("00/01/2022", NOT_REAL.format("00/01/2022")),
    ("  by the end of 31st February 2022 ", NOT_REAL.format("by the end of 31st February 2022")),
    # impossible months, often a financial year written with a hyphen
    ("2021-13", NOT_A_MONTH.format("2021-13")),
    ("2021-00", NOT_A_MONTH.format("2021-00")),
    ("2021-99", NOT_A_MONTH.format("2021-99")),  # nor a financial year: it ends before 2021
    # years must be four digits, 1900 to 2200 (or two, from 2000, after a month or in a day)
    ("March 2", BAD_YEAR.format("March 2")),
    ("31/03/2", BAD_YEAR.format("31/03/2")),
    ("31/03/202", BAD_YEAR.format("31/03/202")),
    ("Spring term 22", BAD_YEAR.format("Spring term 22")),
    ("Nov 20222", BAD_YEAR.format("Nov 20222")),
    ("March 02022", BAD_YEAR.format("March 02022")),
    ("31/03/02022", BAD_YEAR.format("31/03/02022")),
    ("Spring 1899", BAD_YEAR.format("Spring 1899")),
    ("Winter 22", BAD_YEAR.format("Winter 22")),
    ("1899", BAD_YEAR.format("1899")),
    ("2201", BAD_YEAR.format("2201")),
    ("March 2201", BAD_YEAR.format("March 2201")),
    ("0999-01-01", BAD_YEAR.format("0999-01-01")),
    ("1899-12", BAD_YEAR.format("1899-12")),
    ("1899/00", BAD_YEAR.format("1899/00")),
    ("2200/01", BAD_YEAR.format("2200/01")),
    ("2199/2201", BAD_YEAR.format("2199/2201")),
    ("Q4 2200/01", BAD_YEAR.format("Q4 2200/01")),
    ("Q3 21", BAD_YEAR.format("Q3 21")),
    # a financial-year span must end after it starts
    ("2022/21", BACKWARDS.format("2022/21")),
    ("2022/22", BACKWARDS.format("2022/22")),
    ("2022/2021", BACKWARDS.format("2022/2021")),
    ("2022/2022", BACKWARDS.format("2022/2022")),
    ("FY 2022/21", BACKWARDS.format("FY 2022/21")),
    ("1900/73", BACKWARDS.format("1900/73")),
    ("2022/73", BACKWARDS.format("2022/73")),
    ("Q3 2021/20", BACKWARDS.format("Q3 2021/20")),
    ("Winter 2022/22", BACKWARDS.format("Winter 2022/22")),
    # quarters and winters belong to one year
    ("Q3 2021/23", "'Q3 2021/23' covers more than one year; write e.g. 'Q3 2021/22'"),
    ("Q1 2021/2023", "'Q1 2021/2023' covers more than one year; write e.g. 'Q1 2021/22'"),
    ("Winter 2022/24", "'Winter 2022/24' covers more than one year; write e.g. 'Winter 2022/23'"),
    ("Q2 2021-23", "'Q2 2021-23' covers more than one year; write e.g. 'Q2 2021/22'"),
    (
        "Summer term 2021/23",
        "'Summer term 2021/23' covers more than one year; write e.g. 'Summer term 2021/22'",
    ),
    # quarters run Q1 to Q4
    ("Q5 2021/22", NO_QUARTER.format("Q5 2021/22")),
    ("Q0 2021/22", NO_QUARTER.format("Q0 2021/22")),
    ("Q5 2021", NO_QUARTER.format("Q5 2021")),
    # a quarter of a calendar year is ambiguous
    (
        "Q3 2021",
        (
            "'Q3 2021' could be a calendar or a financial quarter; "
            "write the financial year, e.g. 'Q3 2021/22'"
        ),
    ),
    (
        "Quarter 2 2021",
        (
            "'Quarter 2 2021' could be a calendar or a financial quarter; "
            "write the financial year, e.g. 'Q2 2021/22'"
        ),
    ),
    (
        "by q1 2099",
        (
            "'by q1 2099' could be a calendar or a financial quarter; "
            "write the financial year, e.g. 'Q1 2099/00'"
        ),
    ),
]


@pytest.mark.parametrize(("text", "message"), ERRORS)
def test_resolve_due_refuses_with_a_message(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        resolve_due(text)
    assert str(caught.value) == message


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


# --- parse_iso_date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-01-31", date(2022, 1, 31)),
        ("2024-02-29", date(2024, 2, 29)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2200-12-31", date(2200, 12, 31)),
    ],
)
def test_parse_iso_date_reads_iso_dates(text: str, expected: date) -> None:
    assert parse_iso_date(text) == parse_day(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # each of these but the last three is accepted by date.fromisoformat in Python 3.11
        ("20220131", ISO_ONLY.format("20220131")),
        ("2022-W05-1", ISO_ONLY.format("2022-W05-1")),
        ("2022W051", ISO_ONLY.format("2022W051")),
        ("2022-01-31T00:00", ISO_ONLY.format("2022-01-31T00:00")),
        ("2022-1-31", ISO_ONLY.format("2022-1-31")),
        (" 2022-01-31", ISO_ONLY.format(" 2022-01-31")),
        ("31/01/2022", ISO_ONLY.format("31/01/2022")),
        ("January 2022", ISO_ONLY.format("January 2022")),
        ("", ISO_ONLY.format("")),
        ("\uff12\uff10\uff12\uff12-01-31", ISO_ONLY.format("\uff12\uff10\uff12\uff12-01-31")),
        ("2022-02-30", "'2022-02-30' is not a real date"),
        ("2022-13-01", "'2022-13-01' is not a real date"),
        ("1899-12-31", BAD_YEAR.format("1899-12-31")),
    ],
)
def test_parse_iso_date_refuses_anything_else(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_iso_date(text)
    assert str(caught.value) == message


# --- parse_day: one day, wherever a day is asked for ----------------------------------------


# Every form of READABLE that names one day, with nothing before it.
ONE_DAY = [
    (text, day)
    for text, day in READABLE
    if read_day(text) is not None and not re.match(r"\s*(by|the|end)\b", text, re.IGNORECASE)
]


@pytest.mark.parametrize(("text", "expected"), ONE_DAY)
def test_parse_day_reads_each_form_of_one_day_that_resolve_due_reads(
    text: str, expected: date
) -> None:
    assert parse_day(text) == expected


def test_parse_day_reads_iso_and_every_uk_form_of_a_day() -> None:
    forms = {text for text, _ in ONE_DAY}
    assert {"2022-03-31", "31/03/2022", "30/06/21", "30.06.2021", "30-06-2021"} <= forms
    assert {"22nd April 2021", "22 April 2021", "1/4/22"} <= forms


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("06/30/2021", DAY_FIRST.format("06/30/2021", "30/06/2021")),
        ("31/02/2021", NOT_REAL.format("31/02/2021")),
        ("2021-02-29", NOT_REAL.format("2021-02-29")),
        ("31/03/1899", BAD_YEAR.format("31/03/1899")),
    ],
)
def test_parse_day_refuses_a_day_that_does_not_exist(text: str, message: str) -> None:
    assert outcome(parse_day, text) == message


@pytest.mark.parametrize(
    "text",
    # a month, a phrase before the day, no day, no marks, no leading zero, a time, nothing
    ["March 2021", "by 31/03/2021", "Ongoing", "20210331", "2021-3-31", "2021-03-31T00:00", ""],
)
def test_parse_day_refuses_anything_but_one_day(text: str) -> None:
    assert outcome(parse_day, text) == NOT_A_DAY.format(text)


@given(
    st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
    st.sampled_from(["/", ".", "-"]),
    st.booleans(),
)
def test_a_day_first_date_is_read_as_its_day_with_any_mark(
    day: date, mark: str, padded: bool
) -> None:
    parts = (f"{day:%d}", f"{day:%m}") if padded else (str(day.day), str(day.month))
    text = mark.join((*parts, str(day.year)))
    assert parse_day(text) == resolve_due(text) == read_day(text) == day
    assert parse_day(day.isoformat()) == day
    if 2000 <= day.year <= 2099:  # two digits are a year of this century
        assert parse_day(mark.join((*parts, f"{day:%y}"))) == day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_a_month_with_a_two_digit_year_is_its_last_day(day: date) -> None:
    month = MONTHS[day.month - 1]
    last = resolve_due(f"{month} {day.year}")
    assert resolve_due(f"{month[:3]}-{day:%y}") == resolve_due(f"{month} {day:%y}") == last


@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_a_day_written_month_first_is_told_the_other_way_round(day: date) -> None:
    text = f"{day:%m/%d/%Y}"
    if day.day > 12:  # else it is a real day, day first
        with pytest.raises(DateError) as caught:
            parse_day(text)
        assert str(caught.value) == DAY_FIRST.format(text, f"{day:%d/%m/%Y}")


# --- resolve_period -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021/23", (date(2021, 4, 1), date(2023, 3, 31))),
        ("2021/2023", (date(2021, 4, 1), date(2023, 3, 31))),
        ("2022/23", (date(2022, 4, 1), date(2023, 3, 31))),
        ("2023/24", (date(2023, 4, 1), date(2024, 3, 31))),
        ("1999/00", (date(1999, 4, 1), date(2000, 3, 31))),
        ("  FY 2022/23 ", (date(2022, 4, 1), date(2023, 3, 31))),
    ],
)
def test_resolve_period_reads_financial_years(text: str, expected: tuple[date, date]) -> None:
    assert resolve_period(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2022/21", BACKWARDS.format("2022/21")),
        ("2022/22", BACKWARDS.format("2022/22")),
        ("2023/2021", BACKWARDS.format("2023/2021")),
        ("2200/01", BAD_YEAR.format("2200/01")),
        ("2021", NOT_A_PERIOD.format("2021")),
        ("2021-23", NOT_A_PERIOD.format("2021-23")),
        ("March 2022", NOT_A_PERIOD.format("March 2022")),
        ("Q3 2021/22", NOT_A_PERIOD.format("Q3 2021/22")),
        ("by 2022/23", NOT_A_PERIOD.format("by 2022/23")),
        ("", NOT_A_PERIOD.format("")),
    ],
)
def test_resolve_period_refuses_with_a_message(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        resolve_period(text)
    assert str(caught.value) == message


# --- properties -----------------------------------------------------------------------------


@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_an_iso_date_resolves_to_itself(day: date) -> None:
    assert resolve_due(day.isoformat()) == day
    assert parse_iso_date(day.isoformat()) == day


@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY), st.booleans())
def test_a_uk_numeric_date_resolves_to_itself(day: date, padded: bool) -> None:
    text = f"{day:%d/%m/%Y}" if padded else f"{day.day}/{day.month}/{day.year}"
    assert resolve_due(text) == day


@given(
    st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
    st.sampled_from(["", "st", "nd", "rd", "th", " th"]),
    st.booleans(),
)
def test_a_day_of_a_month_resolves_to_itself(day: date, ordinal: str, short: bool) -> None:
    name = MONTHS[day.month - 1]
    assert resolve_due(f"{day.day}{ordinal} {name[:3] if short else name} {day.year}") == day


@given(YEARS, st.integers(min_value=1, max_value=12), st.booleans())
def test_a_month_resolves_to_its_last_day(year: int, month: int, short: bool) -> None:
    name = MONTHS[month - 1][:3] if short else MONTHS[month - 1]
    last = resolve_due(f"{name} {year}")
    assert (last.year, last.month) == (year, month)
    assert is_last_day_of_month(last)
    assert last >= resolve_due(f"1st {name} {year}") == date(year, month, 1)
    assert resolve_due(f"{year}-{month:02d}") == last


@given(YEARS, st.sampled_from(["Spring", "Summer", "Autumn", "Fall", "Winter"]))
def test_a_season_resolves_to_the_last_day_of_a_month(year: int, season: str) -> None:
    last = resolve_due(f"{season} {year}")
    assert is_last_day_of_month(last)
    # it ends within the year after the season starts (March, June, September or December)
    start_month = {"Spring": 3, "Summer": 6, "Autumn": 9, "Fall": 9, "Winter": 12}[season]
    assert date(year, start_month, 1) < last < date(year + 1, start_month, 1)
    assert (last.year * 12 + last.month) - (year * 12 + start_month) == 2


@given(st.integers(min_value=1900, max_value=2199))
def test_q4_ends_on_31_march(year: int) -> None:
    assert resolve_due(f"Q4 {year}/{two_digits(year + 1)}") == date(year + 1, 3, 31)


@given(st.integers(min_value=1900, max_value=2199))
def test_quarters_end_three_months_apart_within_the_financial_year(year: int) -> None:
    ends = [resolve_due(f"Q{n} {year}/{two_digits(year + 1)}") for n in (1, 2, 3, 4)]
    start, end = resolve_period(f"{year}/{year + 1}")
    assert start < ends[0] < ends[1] < ends[2] < ends[3] == end
    assert all(is_last_day_of_month(day) for day in ends)
    assert [day.month for day in ends] == [6, 9, 12, 3]


@given(st.integers(min_value=1900, max_value=2199), st.integers(min_value=1, max_value=50))
def test_a_financial_year_span_ends_on_31_march(year: int, length: int) -> None:
    end_year = min(year + length, 2200)
    start, end = resolve_period(f"{year}/{two_digits(end_year)}")
    assert (start, end) == (date(year, 4, 1), date(end_year, 3, 31))
    assert resolve_period(f"{year}/{end_year}") == (start, end)
    assert resolve_due(f"{year}/{two_digits(end_year)}") == end
    assert resolve_due(f"FY {year}/{end_year}") == end


@given(st.sampled_from(READABLE), st.data())
def test_case_and_surrounding_space_do_not_matter(
    case: tuple[str, date], data: st.DataObject
) -> None:
    text, expected = case
    flips = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    recased = "".join(c.swapcase() if flip else c for c, flip in zip(text, flips, strict=True))
    space = st.text(alphabet=" \t\n\u00a0", max_size=3)
    assert resolve_due(data.draw(space) + recased + data.draw(space)) == expected


TOKENS = st.sampled_from(
    [*MONTHS, "Sept", "Spring", "Winter", "Fall", "by", "the", "end", "of", "FY", "Q", "Q3",
     "Q9", "st", "nd", "2022", "2021", "22", "23", "1899", "99999", "0", "31", "/", "-", " ",
     "Febuary", "Autum", ".", "term", "Quarter", "Ongoing", "TBC", "06", "30", "13"]
)  # fmt: skip


def outcome(parse: Callable[[str], T], text: str) -> T | str:
    """What `parse` returns, or the message of the DateError it raises; any other error escapes."""
    try:
        return parse(text)
    except DateError as err:
        return str(err)


@given(st.one_of(st.text(), st.lists(TOKENS, max_size=8).map("".join)))
def test_anything_resolves_or_raises_a_one_line_date_error(text: str) -> None:
    result = outcome(resolve_due, text)
    if isinstance(result, str):
        assert "\n" not in result
        assert shown(text.strip()) in result  # quoted, and shortened when long
    elif result is not None:
        assert FIRST_DAY <= result <= date(2201, 3, 31)
    else:
        assert " ".join(text.lower().split()) in NO_FIXED_DATE


@given(st.one_of(st.text(), st.lists(TOKENS, max_size=4).map("".join)))
def test_a_period_is_read_or_refused_with_a_one_line_date_error(text: str) -> None:
    result = outcome(resolve_period, text)
    if isinstance(result, str):
        assert "\n" not in result
        assert shown(text.strip()) in result  # quoted, and shortened when long
    else:
        start, end = result
        assert (start.month, start.day, end.month, end.day) == (4, 1, 3, 31)
        assert start.year < end.year


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("31/03/2023", date(2023, 3, 31)),
        (" by 1/3/2023 ", date(2023, 3, 1)),
        ("2023-03-31", date(2023, 3, 31)),
        ("31st March 2023", date(2023, 3, 31)),
        ("March 2023", None),  # a month: `resolve_due` reads it, but it is no one day
        ("Q4 2022/23", None),
        ("soon", None),
        ("31/02/2023", NOT_REAL.format("31/02/2023")),
        ("2023-13-01", NOT_REAL.format("2023-13-01")),
        ("31/03/23", date(2023, 3, 31)),
        ("31.03.2023", date(2023, 3, 31)),
        ("31/03/999", BAD_YEAR.format("31/03/999")),
        ("Ongoing", None),
    ],
)
def test_a_day_is_read_as_resolve_due_reads_it(text: str, result: date | str | None) -> None:
    assert outcome(read_day, text) == result


@given(st.one_of(st.text(), st.lists(TOKENS, max_size=6).map("".join)))
def test_a_day_read_is_the_day_resolve_due_reads(text: str) -> None:
    result = outcome(read_day, text)
    if isinstance(result, date):
        assert resolve_due(text) == result
    elif isinstance(result, str):
        assert result == outcome(resolve_due, text)


@given(st.one_of(st.text(), st.lists(TOKENS, max_size=6).map("".join)))
def test_parse_day_reads_what_resolve_due_reads_as_one_day(text: str) -> None:
    result = outcome(parse_day, text)
    if isinstance(result, date):
        assert resolve_due(text) == read_day(text) == result
    else:
        assert "\n" not in result


@given(st.integers(MIN_YEAR, MAX_YEAR), st.integers(1, 12))
def test_days_in_month_are_the_calendars(year: int, month: int) -> None:
    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
    assert month_end(year, month) == date(year, month, calendar.monthrange(year, month)[1])

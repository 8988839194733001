"""Due dates and plan periods, read from the many ways people write them.

A plan keeps each due date as written ("by the end of March 2022", "Q3 2021/22") for display.
Scoring needs a single day, so each phrase resolves to the LAST day of the window it names: an
action due "March 2022" is not overdue until March is over. Financial years and quarters follow
the UK public sector: a financial year runs from 1 April to 31 March. Some due dates name no day
at all ("Ongoing", "TBC", "Quarterly"): they resolve to None, a due date with no deadline.

A single day (a review's date, a meeting's, ``--as-of``) is read by `parse_day`, in the same
forms a due date names one day in: ``2022-01-31``, ``31/01/2022``, ``31/01/22``, ``31.01.2022``.

Every function raises `DateError`, whose message is one sentence that can be shown to the
person who wrote the plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import NoReturn

from safeguarding_plan.errors import SafeguardingPlanError
from safeguarding_plan.errors import shown as _quoted

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "NO_FIXED_DATE",
    "DateError",
    "parse_day",
    "parse_iso_date",
    "read_day",
    "resolve_due",
    "resolve_period",
]


class DateError(SafeguardingPlanError, ValueError):
    """A date phrase that cannot be read; str(err) is one user-facing sentence."""


MIN_YEAR, MAX_YEAR = 1900, 2200
"""The years a date may be in: a year written any other way is a slip of the keyboard."""

NO_FIXED_DATE = (
    "ongoing", "on-going", "on going", "continuous", "business as usual",
    "tbc", "tba", "tbd", "to be confirmed", "to be agreed", "to be decided", "to be determined",
    "weekly", "monthly", "bi-monthly", "quarterly", "termly", "six-monthly", "bi-annually",
    "annually", "yearly",
    "as required", "as needed", "as and when", "as and when required",
)  # fmt: skip
"""Due dates that name no day, in lower case: the action has no deadline. Kept as written;
never overdue, never due soon, never expected by a date."""

# Spelt out rather than taken from `calendar.month_name`, which follows the process's locale.
_FULL_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_FULL_MONTHS, start=1)},
    **{name[:3]: number for number, name in enumerate(_FULL_MONTHS, start=1)},
    "sept": 9,
}

# Each season as (years after the one written, month it ends in); winter 2022 ends in Feb 2023.
_SEASONS: dict[str, tuple[int, int]] = {
    "spring": (0, 5),
    "summer": (0, 8),
    "autumn": (0, 11),
    "fall": (0, 11),
    "winter": (1, 2),
}

# Each financial quarter as (years after the financial year starts, month it ends in). Keyed
# by the digits as written, so no digit string reaches int() unchecked (see `_year`).
_QUARTERS: dict[str, tuple[int, int]] = {"1": (0, 6), "2": (0, 9), "3": (0, 12), "4": (1, 3)}

_UNREADABLE = (
    "cannot read the date {}; "
    "write e.g. '2022-03-31', 'March 2022', 'Spring 2022', '2022/23' or 'Q3 2021/22'"
)
_NOT_A_DAY = (
    "cannot read the date {}; write a day as YYYY-MM-DD or DD/MM/YYYY, "
    "e.g. '2022-01-31' or '31/01/2022'"
)

# Words a misspelling is matched against; the accepted abbreviations would only add noise.
_SUGGESTIONS = (
    *_FULL_MONTHS, "spring", "summer", "autumn", "winter", "term", "quarter",
    "ongoing", "quarterly", "monthly", "annually",
)  # fmt: skip
_KNOWN_WORDS = frozenset(_MONTHS) | frozenset(_SEASONS) | frozenset(_SUGGESTIONS)
_WORD = re.compile(r"\b[A-Za-z]+\b")


def _year(digits: str, text: str, *, short: bool = False) -> int:
    """The year ``digits`` names; with ``short``, two digits are a year of this century
    ('June 21' is June 2021), as people write them in a table's due column."""
    if short and len(digits) == 2:
        return 2000 + int(digits)
    # Length first: int() of a few thousand digits raises a plain ValueError, not a DateError.
    if len(digits) != 4 or not MIN_YEAR <= int(digits) <= MAX_YEAR:
        raise DateError(
            f"{_quoted(text)} needs a year from {MIN_YEAR} to {MAX_YEAR}, written in full"
        )
    return int(digits)


def days_in_month(year: int, month: int) -> int:
    """How many days the month has (``calendar.monthrange``'s, without importing ``calendar``
    and the ``locale`` it imports at every start)."""
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (following - date(year, month, 1)).days


def month_end(year: int, month: int) -> date:
    """The last day of the month."""
    return date(year, month, days_in_month(year, month))


def _month_number(token: str) -> int:
    return int(token) if token.isdigit() else _MONTHS[token]


def _span(match: re.Match[str], text: str) -> tuple[int, int]:
    """The calendar years a financial-year span such as '2021/23' starts and ends in."""
    start = _year(match["start"], text, short=True)
    written_end = match["end"]
    if len(written_end) == 4:
        end = int(written_end)
    else:
        # Two digits name the nearest such year, so '1999/00' ends in 2000 but '2022/21' ends
        # before it starts rather than a century later.
        gap = (int(written_end) - start) % 100
        end = start + gap if gap <= 50 else start + gap - 100
    if end <= start:
        raise DateError(f"{_quoted(text)} must end in a later year than it starts, e.g. '2022/23'")
    return start, _year(str(end), text)


def _one_year(match: re.Match[str], text: str, example: str) -> int:
    """The start year of a span that must cover exactly one year, such as a quarter's."""
    start, end = _span(match, text)
    if end != start + 1:
        raise DateError(f"{_quoted(text)} covers more than one year; write e.g. {example!r}")
    return start


def _quarter(match: re.Match[str], text: str) -> str:
    quarter = match["quarter"]
    if quarter not in _QUARTERS:
        raise DateError(
            f"{_quoted(text)} names a quarter that does not exist; quarters are Q1 to Q4"
        )
    return quarter


def _on_day(match: re.Match[str], text: str) -> date:
    year = _year(match["year"], text, short=True)
    month, day = _month_number(match["month"]), int(match["day"])
    if not (1 <= month <= 12 and 1 <= day <= days_in_month(year, month)):
        raise DateError(f"{_quoted(text)} is not a real date{_day_first(match, year)}")
    return date(year, month, day)


def _day_first(match: re.Match[str], year: int) -> str:
    """A suggestion for a day written month first ('06/30/2021'), when the other way round is
    a real day; else nothing."""
    if "sep" not in match.re.groupindex or not match["month"].isdigit():
        return ""
    day, month = int(match["month"]), int(match["day"])
    if not (1 <= month <= 12 and 1 <= day <= days_in_month(year, month)):
        return ""
    sep = match["sep"]
    meant = sep.join((match["month"], match["day"], match["year"]))
    return f"; write the day first (did you mean {_quoted(meant)}?)"


def _on_month(match: re.Match[str], text: str) -> date:
    return month_end(_year(match["year"], text, short=True), _MONTHS[match["month"]])


def _on_year_month(match: re.Match[str], text: str) -> date:
    # '2021-11' is a month; '2021-22' is none, and is a financial year written with a hyphen.
    start, month = _year(match["start"], text), int(match["end"])
    if 1 <= month <= 12:
        return month_end(start, month)
    try:
        return _on_financial_year(match, text)
    except DateError:
        raise DateError(
            f"{_quoted(text)} is not a real month; write e.g. 'March 2022', or '2022/23' for a "
            "financial year"
        ) from None


def _on_season(match: re.Match[str], text: str) -> date:
    years_on, month = _SEASONS[match["season"]]
    return month_end(_year(match["year"], text) + years_on, month)


def _on_winter_span(match: re.Match[str], text: str) -> date:
    return month_end(_one_year(match, text, "Winter 2022/23") + 1, 2)


def _good_friday(year: int) -> date:
    """Good Friday: two days before Easter Sunday, found by the anonymous Gregorian algorithm
    (Meeus, *Astronomical Algorithms*)."""
    golden = year % 19
    century, of_century = divmod(year, 100)
    leap_centuries, rest = divmod(century, 4)
    correction = (century - (century + 8) // 25 + 1) // 3
    epact = (19 * golden + century - leap_centuries - correction + 15) % 30
    quarter, of_quarter = divmod(of_century, 4)
    weekday = (32 + 2 * rest + 2 * quarter - epact - of_quarter) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1) - timedelta(days=2)


def _term_end(term: str, year: int) -> date:
    """The last day a school term of ``year`` can run to, wherever the school: term dates are
    each local authority's, so each term resolves to a day no school's term runs past."""
    if term == "autumn":  # September to the Christmas holidays
        return date(year, 12, 31)
    if term == "spring":  # January to the Easter holidays, which always hold Good Friday
        return _good_friday(year)
    return date(year, 7, 31)  # summer: after Easter to the summer holidays, late in July


def _on_term(match: re.Match[str], text: str) -> date:
    return _term_end(match["term"], _year(match["year"], text))


def _on_term_span(match: re.Match[str], text: str) -> date:
    # A school year: its autumn term is in the year it starts, spring and summer the next.
    term = match["term"]
    start = _one_year(match, text, f"{term.capitalize()} term 2021/22")
    return _term_end(term, start if term == "autumn" else start + 1)


def _on_quarter(match: re.Match[str], text: str) -> date:
    quarter = _quarter(match, text)
    years_on, month = _QUARTERS[quarter]
    return month_end(_one_year(match, text, f"Q{quarter} 2021/22") + years_on, month)


def _on_calendar_quarter(match: re.Match[str], text: str) -> NoReturn:
    # Councils, police and health mix calendar and financial quarters, so guessing would be
    # wrong for someone; asking costs the writer two characters.
    quarter, year = _quarter(match, text), _year(match["year"], text)
    raise DateError(
        f"{_quoted(text)} could be a calendar or a financial quarter; write the financial year, "
        f"e.g. 'Q{quarter} {year}/{(year + 1) % 100:02d}'"
    )


def _on_financial_year(match: re.Match[str], text: str) -> date:
    return date(_span(match, text)[1], 3, 31)


def _on_year(match: re.Match[str], text: str) -> date:
    return date(_year(match["year"], text), 12, 31)


_ISO = r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
_MONTH = "(?P<month>" + "|".join(_MONTHS) + r")\.?"  # 'Sept.' as well as 'Sept'
_SEASON = "(?P<season>" + "|".join(_SEASONS) + ")"
_TERM = "(?P<term>autumn|spring|summer) term "
_YEAR = "(?P<year>[0-9]+)"  # any length, so that 'March 202' gets the message on years
# Day first, the same mark between all three: '30/06/2021', '30.06.21', '30-06-2021'.
_NUMERIC_DAY = "(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})(?P=sep)" + _YEAR
_NAMED_DAY = "(?P<day>[0-9]{1,2}) ?(?:st|nd|rd|th)? " + _MONTH + ",? " + _YEAR
# Month first, as American and some NHS templates write it: 'June 30 2021', 'June 30th, 2021'.
_MONTH_FIRST_DAY = _MONTH + " (?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,? " + _YEAR
_FY = "(?:(?:fy|financial year) ?)?"
_SPAN = "(?P<start>[0-9]{4})[/-](?P<end>[0-9]{2}|[0-9]{4})"  # a hyphen as the slash
_QUARTER = "(?:q|quarter )(?P<quarter>[0-9]+) "
# Two-digit years after 'FY' or a quarter: 'FY21/22', 'Q2 21/22' (never alone: '11/12' is no
# financial year anyone writes, and may be a day).
_SHORT_SPAN = "(?P<start>[0-9]{2})[/-](?P<end>[0-9]{2})"


class _InOrder:
    """Patterns tried in order, each compiled when first tried: a plan writes its due dates in
    a way or two, and compiling every rule at import took milliseconds of every command."""

    __slots__ = ("_compiled", "_sources")

    def __init__(self, sources: Sequence[str]) -> None:
        self._sources = tuple(sources)
        self._compiled: list[re.Pattern[str]] = []

    def __iter__(self) -> Iterator[re.Pattern[str]]:
        compiled = self._compiled
        for index, source in enumerate(self._sources):
            if index == len(compiled):
                compiled.append(re.compile(source))
            yield compiled[index]


# Matched in order against the whole lower-cased phrase; the first match decides, and its
# handler either resolves the phrase or says precisely what is wrong with it.
_RULES: tuple[tuple[str, Callable[[re.Match[str], str], date]], ...] = (
    (_ISO, _on_day),
    (_NUMERIC_DAY, _on_day),
    ("(?P<start>[0-9]{4})-(?P<end>[0-9]{2})", _on_year_month),
    (_NAMED_DAY, _on_day),
    (_MONTH_FIRST_DAY, _on_day),
    (_MONTH + "[ -]'?" + _YEAR, _on_month),  # "June '21" too
    (_TERM + _YEAR, _on_term),
    (_TERM + _SPAN, _on_term_span),
    (_SEASON + " " + _YEAR, _on_season),
    ("winter " + _SPAN, _on_winter_span),
    (_QUARTER + _FY + _SPAN, _on_quarter),
    (_QUARTER + _FY + _SHORT_SPAN, _on_quarter),
    (_FY + _SPAN + " (?:q|quarter )(?P<quarter>[0-9]+)", _on_quarter),  # '2021/22 Q2'
    (_QUARTER + _YEAR, _on_calendar_quarter),
    (_FY + _SPAN, _on_financial_year),
    ("(?:fy ?|financial year )" + _SHORT_SPAN, _on_financial_year),
    ("(?P<year>[0-9]{4})", _on_year),
)
_RULE_PATTERNS = _InOrder([pattern for pattern, _ in _RULES])
_DAYS = _InOrder((_ISO, _NUMERIC_DAY, _NAMED_DAY))
"""The phrases of `_RULES` that name one day."""
_PREFIX = re.compile("^(?:by )?(?:(?:the )?end (?:of )?)?(?:the )?")
_ASIDE = re.compile(r" ?\([^()]*\)$")
"""A closing aside in brackets, as in 'Ongoing (quarterly)'."""
_ISO_PATTERN = re.compile(_ISO)
_PERIOD_PATTERN = re.compile(_FY + "(?P<start>[0-9]{4})/(?P<end>[0-9]{2}|[0-9]{4})")
_HYPHENED_YEAR = re.compile(_FY + "(?P<start>[0-9]{4})-(?P<end>[0-9]{2})")
"""A reporting year as many partnerships write it, ``2021-22``: never ``2021-2022``, which
reads as two calendar years."""
_NO_DEADLINE = frozenset(NO_FIXED_DATE)
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2212", "-"))
"""Hyphens, the en dash and the minus sign, as Word and other editors write a hyphen."""


def _normalise(text: str) -> str:
    # str.split() also splits on the non-breaking spaces that text pasted from Word carries;
    # Word also curls the apostrophe of "June '21" and makes the hyphen of "2021-22" a dash.
    return " ".join(text.lower().replace("\u2019", "'").translate(_DASHES).split())


def _correct(word: re.Match[str]) -> str:
    if word[0].lower() in _KNOWN_WORDS:
        return word[0]
    import difflib  # here: only a misspelt date needs it, and it costs every start

    close = difflib.get_close_matches(word[0].lower(), _SUGGESTIONS, n=1, cutoff=0.75)
    return close[0].capitalize() if close else word[0]


def _unreadable(text: str) -> DateError:
    suggestion = _WORD.sub(_correct, text)
    hint = f" (did you mean {_quoted(suggestion)}?)" if suggestion != text else ""
    return DateError(_UNREADABLE.format(_quoted(text)) + hint)


def parse_iso_date(text: str) -> date:
    """Read exactly ``YYYY-MM-DD``.

    Stricter than `date.fromisoformat`, which in Python 3.11 also takes '20220131' and
    '2022-W05-1'. `parse_day` reads a day in any of the forms a plan file takes.
    """
    match = _ISO_PATTERN.fullmatch(text)
    if match is None:
        raise DateError(
            f"cannot read the date {_quoted(text)}; write it as YYYY-MM-DD, e.g. '2022-01-31'"
        )
    return _on_day(match, text)


def _day(phrase: str, shown: str) -> date | None:
    for pattern in _DAYS:
        match = pattern.fullmatch(phrase)
        if match is not None:
            return _on_day(match, shown)
    return None


def parse_day(text: str) -> date:
    """The one day ``text`` names, wherever a plan file, the command line or the API asks for
    a day: ``2022-01-31``, ``31/01/2022`` or ``31/01/22`` (day first; ``.`` or ``-`` may stand
    for ``/``) or ``31st January 2022``. Case and surrounding space are ignored.

    `DateError` for anything else, and for a day that does not exist (one written month
    first, ``01/31/2022``, is told to write the day first).
    """
    shown = text.strip()
    found = _day(_normalise(shown), shown)
    if found is None:
        raise DateError(_NOT_A_DAY.format(_quoted(shown)))
    return found


def resolve_due(text: str) -> date | None:
    """The last day of the window a due-date phrase names; None for one that names no day
    (`NO_FIXED_DATE`: 'Ongoing', 'TBC', 'Quarterly', 'As required').

    Case and surrounding space are ignored, as is a leading 'by' and/or '(the) end (of)' and
    'the'. Reads a day as `parse_day` does, and month first ('June 30th, 2021'); '2021-11',
    'March 2022', 'Sept. 2021', 'Mar-21', 'June 21' and "June '21" (two digits are a year from
    2000), 'Spring 2022' (March to May; winter runs December to
    February), 'Winter 2022/23', school terms ('Autumn term 2021' to 31 December, 'Spring term
    2022' to Good Friday, 'Summer term 2022' to 31 July), '2022/23', '2022-23', 'FY 2022/23',
    '2021/23' (to 31 March 2023), 'FY21/22', 'Q3 2021/22', 'Quarter 3 2021-22', 'Q3 21/22' and
    '2021/22 Q3' (financial quarters: Q1 is April to June) and '2022'. A no-fixed-date word may
    have an aside in brackets after it: 'Ongoing (quarterly)'.
    """
    shown = text.strip()
    whole = _normalise(shown)
    if whole in _NO_DEADLINE or _ASIDE.sub("", whole) in _NO_DEADLINE:
        return None
    phrase = _PREFIX.sub("", whole, count=1)
    for pattern, (_, handler) in zip(_RULE_PATTERNS, _RULES, strict=True):
        match = pattern.fullmatch(phrase)
        if match is not None:
            return handler(match, shown)
    raise _unreadable(shown)


def read_day(text: str) -> date | None:
    """The day ``text`` names when it is written as `resolve_due` reads one day:
    '2023-03-31', '31/03/2023' or '31st March 2023' (a leading 'by' is ignored).

    None when it is not written as a day (it may still be a phrase `resolve_due` reads, such
    as 'March 2023'); `DateError` when it is written as one but is none: a day that does not
    exist, or a year not written in full.
    """
    shown = text.strip()
    return _day(_PREFIX.sub("", _normalise(shown), count=1), shown)


def resolve_period(text: str) -> tuple[date, date]:
    """The first and last days of a plan period in financial years, e.g. '2021/23'.

    '2021/23' and '2021/2023' run from 1 April 2021 to 31 March 2023.
    """
    shown = text.strip()
    match = _PERIOD_PATTERN.fullmatch(_normalise(shown))
    if match is None:
        raise DateError(
            f"cannot read the plan period {_quoted(shown)}; write e.g. '2021/23' or '2022/23'"
        )
    start, end = _span(match, shown)
    return date(start, 4, 1), date(end, 3, 31)


def resolve_year(text: str) -> tuple[date, date]:
    """The first and last days of a reporting year, a financial year: '2021/22', '2021-22'
    and '2021/2022' run from 1 April 2021 to 31 March 2022."""
    shown = text.strip()
    hyphened = _HYPHENED_YEAR.fullmatch(_normalise(shown))
    try:
        if hyphened is None:
            start, end = resolve_period(shown)
        else:
            first, last = _span(hyphened, shown)
            start, end = date(first, 4, 1), date(last, 3, 31)
    except DateError:
        start = end = date.min
    if end.year - start.year != 1:
        raise DateError(
            f"cannot read the reporting year {_quoted(shown)}; write it as '2021/22', '2021-22' or "
            "'2021/2022'"
        )
    return start, end

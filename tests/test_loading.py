"""Loading plan files: the good path, and the strict rules of format ``safeguarding-plan/1``.

Malformed files and their exact messages live in ``tests/bad_plans`` (see test_bad_plans.py);
these tests pin down what a good file turns into, and the rules in between.
"""

from __future__ import annotations

import io
import string
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import PEOPLES_DUE_DATES

import safeguarding_plan as sp
from safeguarding_plan.planfile import nodes as yamlnodes
from safeguarding_plan.planfile.reader import CURLY_QUOTES

ROOT = Path(__file__).resolve().parent.parent
BIRMINGHAM = ROOT / "examples" / "birmingham-2021-23" / "plan.yaml"

PLAN = """\
format: safeguarding-plan/1
partnership:
  name: Anytown Safeguarding Children Partnership
  short_name: ASCP
  people:
    - {role: Independent Chair, name: Jo Bloggs}
plan:
  title: Business Improvement Plan
  period: 2021/23
ratings: faces
priorities:
  - id: "1"
    title: Strong leadership and accountability
    actions:
      - id: "1.1"
        text: Present the Annual Accountability Report
        lead: Independent Chair
        due: 22nd April 2021
        themes: [leadership, accountability]
      - id: "1.10"
        text: Take part in the Prevent Duty peer review
        due: by September 2021
reviews:
  - id: 2021-11
    title: November 2021 – Update
    as_of: 2021-10-31
    updates:
      "1.1": {progress: complete, rating: happy, note: Completed on 22nd April 2021.}
  - id: 2022-02
    title: February 2022 – Update
    as_of: 2022-01-31
    updates:
      "1.10": {progress: in-progress, rating: neutral, due: March 2022}
"""


@pytest.fixture(params=["libyaml", "pure-python"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test with libyaml's composer and again with PyYAML's own, which mark plain
    text differently (style '' and None): both must read a plan the same."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlnodes, "_Loader", yaml.SafeLoader)
    else:
        assert yamlnodes._Loader is yaml.CSafeLoader
    return str(request.param)


def edit(*pairs: tuple[str, str], text: str = PLAN) -> str:
    """``text`` with each ``old`` replaced by ``new``; each ``old`` must occur exactly once."""
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def problems_of(text: str) -> list[str]:
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(text, "plan.yaml")
    return str(caught.value).splitlines()


def with_action_field(line: str) -> str:
    """The plan with one more field on action 1.10."""
    return edit(("        due: by September 2021\n", f"        due: by September 2021\n{line}"))


# -- the good path ------------------------------------------------------------------------


def test_a_good_plan_loads_into_the_model(reader: str) -> None:
    plan = sp.loads(PLAN)
    assert plan.partnership == sp.Partnership(
        name="Anytown Safeguarding Children Partnership",
        short_name="ASCP",
        people=(sp.Person(role="Independent Chair", name="Jo Bloggs"),),
    )
    assert plan.title == "Business Improvement Plan"
    assert plan.ratings is sp.RATING_SCALES["faces"]
    (priority,) = plan.priorities
    assert (priority.id, priority.title) == ("1", "Strong leadership and accountability")
    first, second = priority.actions
    assert first == sp.Action(
        id="1.1",
        text="Present the Annual Accountability Report",
        lead="Independent Chair",
        due=sp.Due(text="22nd April 2021", last_day=date(2021, 4, 22)),
        themes=("leadership", "accountability"),
        restricted=False,
    )
    assert (second.id, second.lead, second.themes, second.restricted) == ("1.10", None, (), False)
    assert [(r.id, r.title, r.as_of) for r in plan.reviews] == [
        ("2021-11", "November 2021 – Update", date(2021, 10, 31)),
        ("2022-02", "February 2022 – Update", date(2022, 1, 31)),
    ]
    assert dict(plan.reviews[0].updates) == {
        "1.1": sp.ActionUpdate(
            progress=sp.Progress.COMPLETE, rating="happy", note="Completed on 22nd April 2021."
        )
    }


def test_a_revised_due_date_in_an_update_is_kept_and_resolved() -> None:
    plan = sp.loads(PLAN)
    update = plan.reviews[1].updates["1.10"]
    assert update.due == sp.Due(text="March 2022", last_day=date(2022, 3, 31))
    assert update.note is None
    assert plan.action("1.10").due == sp.Due(text="by September 2021", last_day=date(2021, 9, 30))
    assert plan.states("2022-02")["1.10"].due == update.due
    assert plan.states("2021-11")["1.10"].due == plan.action("1.10").due


@pytest.mark.parametrize(
    ("written", "last_day"),
    [
        ("22nd April 2021", date(2021, 4, 22)),
        ("2022-03-31", date(2022, 3, 31)),
        ("2021-11", date(2021, 11, 30)),
        ("by the end of March 2022", date(2022, 3, 31)),
        ("Spring 2022", date(2022, 5, 31)),
        ("2022/23", date(2023, 3, 31)),
        ("Q3 2021/22", date(2021, 12, 31)),
        ('"2022"', date(2022, 12, 31)),
    ],
)
def test_due_text_is_kept_as_written_and_resolved_to_its_last_day(
    written: str, last_day: date
) -> None:
    plan = sp.loads(edit(("due: 22nd April 2021", f"due: {written}")))
    assert plan.action("1.1").due == sp.Due(text=written.strip('"'), last_day=last_day)


@pytest.mark.parametrize(("written", "last_day"), PEOPLES_DUE_DATES)
def test_due_dates_as_real_plans_write_them_load_as_written(
    written: str, last_day: date, reader: str
) -> None:
    plan = sp.loads(edit(("due: 22nd April 2021", f"due: {written}")))
    assert plan.action("1.1").due == sp.Due(text=written, last_day=last_day)


@pytest.mark.parametrize("written", [text for text, day in PEOPLES_DUE_DATES if day is None])
def test_a_due_date_with_no_fixed_day_loads_as_written_with_no_last_day(
    written: str, reader: str
) -> None:
    plan = sp.loads(
        edit(
            ("due: 22nd April 2021", f"due: {written}"),
            ("{progress: in-progress, rating: neutral, due: March 2022}", f"{{due: {written}}}"),
        )
    )
    assert plan.action("1.1").due == sp.Due(text=written, last_day=None)
    assert plan.states()["1.10"].due == sp.Due(text=written, last_day=None)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "06/30/2021",
            "plan.yaml:18:14: '06/30/2021' is not a real date; write the day first "
            "(did you mean '30/06/2021'?)",
        ),
        (
            "Q2 2021",
            "plan.yaml:18:14: 'Q2 2021' could be a calendar or a financial quarter; write the "
            "financial year, e.g. 'Q2 2021/22'",
        ),
        (
            "Quarter 2 2021",
            "plan.yaml:18:14: 'Quarter 2 2021' could be a calendar or a financial quarter; write "
            "the financial year, e.g. 'Q2 2021/22'",
        ),
    ],
)
def test_an_ambiguous_or_impossible_due_date_is_a_located_problem(
    written: str, message: str
) -> None:
    assert problems_of(edit(("due: 22nd April 2021", f"due: {written}"))) == [message]


@pytest.mark.parametrize(
    "written", ["31/01/2022", "31/01/22", "31.01.2022", "31-01-2022", "31st January 2022"]
)
def test_a_reviews_date_and_its_papers_may_be_written_as_uk_days(written: str) -> None:
    text = edit(
        ("    as_of: 2022-01-31\n", f"    as_of: {written}\n    paper: {{date: {written}}}\n")
    )
    review = sp.loads(text).reviews[1]
    assert review.as_of == review.paper.date == date(2022, 1, 31)
    # Written back in the one canonical form, so a round trip is stable.
    iso = sp.dumps(sp.loads(text.replace(written, "2022-01-31")))
    assert sp.dumps(sp.loads(text)) == iso
    assert written not in iso


def test_a_reviews_date_written_month_first_is_told_to_put_the_day_first() -> None:
    assert problems_of(edit(("    as_of: 2022-01-31\n", "    as_of: 01/31/2022\n"))) == [
        "plan.yaml:31:12: '01/31/2022' is not a real date; write the day first "
        "(did you mean '31/01/2022'?)"
    ]


@pytest.mark.parametrize(
    ("written", "every"),
    [
        ("3 months", sp.Interval(3, sp.Unit.MONTHS)),
        ("1 month", sp.Interval(1, sp.Unit.MONTHS)),
        ("6 Months", sp.Interval(6, sp.Unit.MONTHS)),
        ("42 days", sp.Interval(42, sp.Unit.CALENDAR_DAYS)),
        ('"120 months"', sp.Interval(120, sp.Unit.MONTHS)),
    ],
)
def test_how_often_the_plan_is_reviewed(written: str, every: sp.Interval, reader: str) -> None:
    plan = sp.loads(edit(("ratings: faces\n", f"review_every: {written}\nratings: faces\n")))
    assert plan.review_every == every
    assert sp.loads(PLAN).review_every is None


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "quarterly",
            "plan.yaml:10:15: cannot read 'quarterly' as how often the plan is reviewed; write "
            "e.g. '3 months', '6 months' or '42 days' (did you mean '3 months'?)",
        ),
        (
            "every 6 months",
            "plan.yaml:10:15: cannot read 'every 6 months' as how often the plan is reviewed; "
            "write e.g. '3 months', '6 months' or '42 days' (did you mean '6 months'?)",
        ),
        (
            "20 working days",
            "plan.yaml:10:15: cannot read '20 working days' as how often the plan is reviewed; "
            "write e.g. '3 months', '6 months' or '42 days'",
        ),
        (
            "0 months",
            "plan.yaml:10:15: 'review_every' must be from 1 to 120 months (ten years), not "
            "'0 months'",
        ),
        (
            "3661 days",
            "plan.yaml:10:15: 'review_every' must be from 1 to 3660 days (ten years), not "
            "'3661 days'",
        ),
        ("[3 months]", "plan.yaml:10:15: 'review_every' must be text, not a list"),
    ],
)
def test_a_review_every_that_cannot_be_read_is_a_located_problem(
    written: str, message: str
) -> None:
    text = edit(("ratings: faces\n", f"review_every: {written}\nratings: faces\n"))
    assert problems_of(text) == [message]


@pytest.mark.parametrize("absent", ["", "        due:\n", "        due: ~\n"])
def test_no_due_date_is_allowed(absent: str, reader: str) -> None:
    plan = sp.loads(edit(("        due: 22nd April 2021\n", absent)))
    assert plan.action("1.1").due is None


def test_reviews_are_optional() -> None:
    plan = sp.loads(PLAN[: PLAN.index("reviews:")])
    assert plan.reviews == ()
    assert [a.id for a in plan.actions] == ["1.1", "1.10"]


# -- text stays text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "ident"),
    [
        ('"1.10"', "1.10"),
        ("1.10", "1.10"),
        ("'1.10'", "1.10"),
        ("7", "7"),
        ("007", "007"),
        ("1.0", "1.0"),
        ("1e3", "1e3"),
        ("0x1F", "0x1F"),
        ("2022-02-01", "2022-02-01"),
        ("no", "no"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
    ],
)
def test_ids_are_text_exactly_as_written(written: str, ident: str, reader: str) -> None:
    text = edit(
        ('  - id: "1"\n', f"  - id: {written}\n"),
        ('      - id: "1.10"\n', f"      - id: {written}\n"),
        ('      "1.10": {', f"      {written}: {{"),
    )
    plan = sp.loads(text)
    assert plan.priorities[0].id == ident
    assert plan.action(ident).id == ident
    assert list(plan.reviews[1].updates) == [ident]


def test_ids_one_point_one_and_one_point_ten_are_different_actions() -> None:
    plan = sp.loads(edit(('"1.1": {progress: complete', "1.1: {progress: complete")))
    assert [a.id for a in plan.actions] == ["1.1", "1.10"]
    assert list(plan.reviews[0].updates) == ["1.1"]
    assert list(plan.reviews[1].updates) == ["1.10"]


def test_review_ids_and_dates_written_plain_stay_text_and_dates() -> None:
    plan = sp.loads(PLAN)
    assert [r.id for r in plan.reviews] == ["2021-11", "2022-02"]
    assert all(type(r.as_of) is date for r in plan.reviews)


def test_yes_and_no_stay_text_where_text_is_expected(reader: str) -> None:
    text = edit(
        ("themes: [leadership, accountability]", "themes: [no, yes, on, off, 1.10, null-ish]"),
        ("lead: Independent Chair", "lead: no"),
    )
    action = sp.loads(text).action("1.1")
    assert action.themes == ("no", "yes", "on", "off", "1.10", "null-ish")
    assert action.lead == "no"


@pytest.mark.parametrize("empty", ["null", "~", "", "Null", "NULL"])
def test_a_null_or_empty_lead_means_no_lead(empty: str, reader: str) -> None:
    plan = sp.loads(edit(("lead: Independent Chair", f"lead: {empty}".rstrip())))
    assert plan.action("1.1").lead is None


def test_an_empty_quoted_lead_is_refused() -> None:
    assert problems_of(edit(("lead: Independent Chair", 'lead: ""'))) == [
        "plan.yaml:17:15: 'lead' of action '1.1' must not be empty"
    ]


@pytest.mark.parametrize(
    "blank",
    [
        '"   "',
        '"\\u00a0\\u00a0"',  # no-break spaces, as Word pastes an empty cell
        '"\\u200b"',  # a zero-width space
        '"\\ufeff \\u2003"',  # a byte order mark and an em space
        '"\\t\\n"',
    ],
)
def test_text_a_reader_sees_nothing_of_is_refused_as_empty(blank: str) -> None:
    assert problems_of(edit(("lead: Independent Chair", f"lead: {blank}"))) == [
        "plan.yaml:17:15: 'lead' of action '1.1' must not be empty (it holds only spaces or "
        "invisible characters)"
    ]


@pytest.mark.parametrize("text", ["\u00a0Chair", "Chair\u200b", "\u0301", "\u05d0"])
def test_text_with_something_to_read_is_kept(text: str) -> None:
    plan = sp.loads(edit(("lead: Independent Chair", f'lead: "{text}"')))
    assert plan.action("1.1").lead == text


@pytest.mark.parametrize(
    ("other", "shown"),
    [
        ("independent chair", "'independent chair'"),
        ("Independent  Chair", "'Independent  Chair'"),
        ("Independent\\u00a0Chair", "'Independent\\xa0Chair'"),
        ("INDEPENDENT CHAIR ", "'INDEPENDENT CHAIR '"),
    ],
)
def test_a_lead_written_two_ways_is_refused_at_the_second(other: str, shown: str) -> None:
    text = edit(("due: by September 2021", f'due: by September 2021\n        lead: "{other}"'))
    assert problems_of(text) == [
        f"plan.yaml:23:15: 'lead' of action '1.10' is {shown}, but line 17 writes it "
        "'Independent Chair'; write a lead the same way each time, or it is taken for another "
        "lead"
    ]


def test_leads_that_read_differently_are_two_leads() -> None:
    text = edit(
        ("due: by September 2021", "due: by September 2021\n        lead: Independent Chairs")
    )
    assert sp.loads(text).action("1.10").lead == "Independent Chairs"


def test_quoted_null_is_the_text_null() -> None:
    plan = sp.loads(edit(("lead: Independent Chair", 'lead: "null"')))
    assert plan.action("1.1").lead == "null"


@pytest.mark.parametrize(("written", "restricted"), [("true", True), ("false", False)])
def test_restricted_takes_true_and_false(written: str, restricted: bool, reader: str) -> None:
    plan = sp.loads(with_action_field(f"        restricted: {written}\n"))
    assert plan.action("1.10").restricted is restricted
    assert plan.action("1.1").restricted is False


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("yes", " (did you mean true?)"),
        ("no", " (did you mean false?)"),
        ("on", " (did you mean true?)"),
        ("Off", " (did you mean false?)"),
        ("True", " (did you mean true?)"),
        ('"true"', " (did you mean true?)"),
        ("1", ""),
    ],
)
def test_restricted_refuses_yaml_1_1_booleans(written: str, hint: str, reader: str) -> None:
    shown = written.strip('"')
    assert problems_of(with_action_field(f"        restricted: {written}\n")) == [
        f"plan.yaml:23:21: 'restricted' of action '1.10' must be true or false, "
        f"not the text {shown!r}{hint}"
    ]


def test_restricted_refuses_a_list() -> None:
    assert problems_of(with_action_field("        restricted: [true]\n")) == [
        "plan.yaml:23:21: 'restricted' of action '1.10' must be true or false, not a list"
    ]


CURLY = ["“1.1”", "‘1.1’", "„1.1“", "1.1”", "“1.1"]
"""Ids as a word processor types "1.1" and '1.1' (English and German quotes), and half-typed."""


@pytest.mark.parametrize("written", CURLY)
def test_an_id_in_curly_quotes_is_refused_at_the_quote(written: str, reader: str) -> None:
    # The update names the action with straight quotes: one problem, not also "unknown action".
    text = edit(('      - id: "1.1"\n', f"      - id: {written}\n"))
    column = 13 if written[0] in "“‘„" else 13 + len(written) - 1
    assert problems_of(text) == [
        f"plan.yaml:15:{column}: an action's id {written!r} is in curly quotes, which YAML "
        'keeps as part of it; use straight quotes ("1.1") or none'
    ]


@pytest.mark.parametrize(
    ("change", "place", "what", "meant"),
    [
        (('  - id: "1"\n', "  - id: “1”\n"), "12:9", "a priority's id '“1”'", "1"),
        (
            ("  - id: 2021-11\n", "  - id: ‘2021-11’\n"),
            "24:9",
            "a review's id '‘2021-11’'",
            "2021-11",
        ),
        (('"1.1": {progress', "“1.1”: {progress"), "28:7", "an update's action id '“1.1”'", "1.1"),
        (("rating: happy", "rating: “happy”"), "28:43", "a rating '“happy”'", "happy"),
    ],
)
def test_ids_and_what_names_them_are_refused_in_curly_quotes(
    change: tuple[str, str], place: str, what: str, meant: str, reader: str
) -> None:
    assert problems_of(edit(change)) == [
        f"plan.yaml:{place}: {what} is in curly quotes, which YAML keeps as part of it; "
        f'use straight quotes ("{meant}") or none'
    ]


def test_curly_quotes_in_text_and_inside_straight_quotes_are_kept(reader: str) -> None:
    plan = sp.loads(
        edit(
            ("    title: Strong leadership", "    title: “Strong” leadership"),
            ("text: Present the Annual", "text: ‘Present’ the “Annual”"),
            ('      - id: "1.1"\n', "      - id: '“1.1”'\n"),
            ('      "1.1": {progress', '      "“1.1”": {progress'),
        )
    )
    assert plan.priorities[0].title.startswith("“Strong” leadership")
    action = plan.actions[0]
    assert (action.id, action.text) == ("“1.1”", "‘Present’ the “Annual” Accountability Report")
    assert list(plan.reviews[0].updates) == ["“1.1”"]


PASTED_SPACES = {
    "\u00a0": "a no-break space (U+00A0)",
    "\u2007": "a figure space (U+2007)",
    "\u202f": "a narrow no-break space (U+202F)",
    "\u3000": "an ideographic space (U+3000)",
    "\u2009": "a thin space (U+2009)",
}
"""What Word and web pages put where a space was typed, and how a message names each."""


@pytest.mark.parametrize("space", PASTED_SPACES)
@pytest.mark.parametrize(
    ("change", "place", "indicator"),
    [
        # The reader fails on the line: a key without its ':' among keys, an item among items.
        (("lead: Independent Chair", "lead:{}Independent Chair"), "17:14", ":"),
        (('      - id: "1.10"', '      -{}id: "1.10"'), "20:8", "-"),
        (("plan:\n  title:", "plan:{}\n  title:"), "7:6", ":"),
        # The file reads, as text where 'key: value' pairs or a list belong.
        (("{role: Independent Chair, name: Jo Bloggs}", "\n        role:{}Chair"), "7:14", ":"),
        (("themes: [leadership, accountability]", "themes:\n          -{}x"), "20:12", "-"),
        (
            ("{progress: complete, rating: happy,", "{progress:{}complete, rating: happy,"),
            "28:24",
            ":",
        ),
    ],
)
def test_a_space_pasted_after_a_key_or_an_item_is_named_at_its_place(
    space: str, change: tuple[str, str], place: str, indicator: str, reader: str
) -> None:
    old, new = change
    text = edit((old, new.replace("{}", space)))
    meant = "a key's ':'" if indicator == ":" else "a list item's '-'"
    assert problems_of(text) == [
        f"plan.yaml:{place}: {PASTED_SPACES[space]} follows '{indicator}', so YAML does not "
        f"read it as {meant}; type an ordinary space"
    ]
    line, column = (int(n) for n in place.split(":"))
    assert text.splitlines()[line - 1][column - 1] == space


def test_pasted_spaces_after_colons_inside_text_are_text(reader: str) -> None:
    # Only where a key or an item starts is a pasted space a mistake: in text it is text.
    plan = sp.loads(
        edit(
            ("lead: Independent Chair", "lead: Chair:\u00a0Jo Bloggs"),
            (
                "text: Present the Annual Accountability Report",
                "text: |\n          Decision:\u00a0Approve\n          -\u00a0the report",
            ),
        )
    )
    action = plan.action("1.1")
    assert action.lead == "Chair:\u00a0Jo Bloggs"
    assert action.text == "Decision:\u00a0Approve\n-\u00a0the report\n"


# -- rating scales ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("faces", ("happy", "neutral", "frown", "sad")),
        ("rag", ("green", "amber", "red")),
        ("brag", ("blue", "green", "amber", "red")),
    ],
)
def test_built_in_rating_scales(name: str, keys: tuple[str, ...]) -> None:
    text = edit(
        ("ratings: faces", f"ratings: {name}"),
        ("rating: happy", f"rating: {keys[0]}"),
        ("rating: neutral", f"rating: {keys[-1]}"),
    )
    scale = sp.loads(text).ratings
    assert scale.name == name
    assert scale.keys == keys
    assert [r.order for r in scale] == list(range(len(keys)))


def test_the_faces_scale_is_the_seeds() -> None:
    faces = sp.RATING_SCALES["faces"]
    assert [(r.key, r.symbol, r.rag) for r in faces] == [
        ("happy", "😊", sp.Rag.GREEN),
        ("neutral", "😐", sp.Rag.AMBER),
        ("frown", "☹️", sp.Rag.RED),
        ("sad", "😞", sp.Rag.RED),
    ]


def test_an_inline_rating_scale_keeps_position_as_order(reader: str) -> None:
    text = edit(
        (
            "ratings: faces\n",
            """ratings:
  - {key: on-track, label: Achieved or on track, symbol: "😊", rag: green, meaning: On time}
  - key: at-risk
    label: At risk
    rag: amber
  - {key: "1", label: Off track, rag: red, symbol: "☹️"}
""",
        ),
        ("rating: happy", "rating: on-track"),
        ("rating: neutral", 'rating: "1"'),
    )
    scale = sp.loads(text).ratings
    assert scale.name is None
    assert list(scale) == [
        sp.Rating(
            key="on-track",
            label="Achieved or on track",
            rag=sp.Rag.GREEN,
            order=0,
            symbol="😊",
            meaning="On time",
        ),
        sp.Rating(key="at-risk", label="At risk", rag=sp.Rag.AMBER, order=1),
        sp.Rating(key="1", label="Off track", rag=sp.Rag.RED, order=2, symbol="☹️"),
    ]
    assert scale["1"].order == 2


def test_an_inline_scale_is_checked_against_the_updates() -> None:
    text = edit(
        ("ratings: faces\n", "ratings:\n  - {key: on-track, label: On track, rag: green}\n"),
        ("rating: happy", "rating: on-track"),
    )
    assert problems_of(text) == [
        "plan.yaml:34:47: unknown rating 'neutral'; the plan's scale has on-track"
    ]


# -- periods ------------------------------------------------------------------------------


def test_a_period_in_financial_years() -> None:
    assert sp.loads(PLAN).period == sp.Period(
        start=date(2021, 4, 1), end=date(2023, 3, 31), text="2021/23"
    )


def test_a_period_as_start_and_end_dates() -> None:
    text = edit(("  period: 2021/23\n", "  start: 2021-09-01\n  end: 2022-08-31\n"))
    assert sp.loads(text).period == sp.Period(start=date(2021, 9, 1), end=date(2022, 8, 31))


def test_no_period_is_allowed() -> None:
    assert sp.loads(edit(("  period: 2021/23\n", ""))).period is None


# -- sources and file names ---------------------------------------------------------------


def test_load_from_a_str_path_and_a_pathlib_path(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    assert sp.load(str(path)) == sp.load(path) == sp.loads(PLAN)


def test_load_from_text_and_binary_streams() -> None:
    assert sp.load(io.StringIO(PLAN)) == sp.loads(PLAN)
    assert sp.load(io.BytesIO(PLAN.encode())) == sp.loads(PLAN)


def test_loads_takes_bytes_and_text() -> None:
    assert sp.loads(PLAN.encode("utf-8")) == sp.loads(PLAN)


BAD = edit(("ratings: faces", "ratings: fcaes"))
BAD_PROBLEM = "10:10: unknown rating scale 'fcaes'; use one of faces, rag, brag or list the ratings"


def test_problems_name_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(BAD, encoding="utf-8")
    for source, shown in [
        ("bad.yaml", "bad.yaml"),
        (Path("bad.yaml"), "bad.yaml"),
        (tmp_path / "bad.yaml", str(tmp_path / "bad.yaml")),
    ]:
        with pytest.raises(sp.PlanError) as caught:
            sp.load(source)
        assert str(caught.value).startswith(f"{shown}:{BAD_PROBLEM}")
        assert caught.value.problems[0].file == shown


def test_problems_name_a_stream_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    for mode in ("r", "rb"):
        with open(path, mode) as stream, pytest.raises(sp.PlanError) as caught:
            sp.load(stream)
        assert caught.value.problems[0].file == str(path)
    for stream in (io.StringIO(BAD), io.BytesIO(BAD.encode())):
        with pytest.raises(sp.PlanError) as caught:
            sp.load(stream)
        assert str(caught.value) == f"<stream>:{BAD_PROBLEM} (did you mean 'faces'?)"


def test_loads_names_its_text_string_unless_told() -> None:
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(BAD)
    assert caught.value.problems[0].file == "<string>"
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(BAD.encode(), "tracker-import.yaml")
    assert caught.value.problems[0].file == "tracker-import.yaml"


def test_plan_error_is_a_value_error_listing_problems_in_file_order() -> None:
    problem = sp.Problem("plan.yaml", 3, 7, "something is wrong")
    assert str(problem) == "plan.yaml:3:7: something is wrong"
    error = sp.PlanError([sp.Problem("p", 9, 1, "b"), sp.Problem("p", 2, 5, "a")])
    assert isinstance(error, ValueError)
    assert [p.line for p in error.problems] == [2, 9]
    assert str(error) == "p:2:5: a\np:9:1: b"


# -- encodings and line endings -----------------------------------------------------------


def test_a_utf8_bom_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + PLAN.encode())
    expected = sp.loads(PLAN)
    assert sp.load(path) == expected
    assert sp.loads(path.read_bytes()) == expected
    with open(path, encoding="utf-8") as stream:  # keeps the BOM as U+FEFF
        assert sp.load(stream) == expected


def test_locations_after_a_bom_are_as_an_editor_shows_them() -> None:
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(b"\xef\xbb\xbf" + BAD.encode(), "bad.yaml")
    assert str(caught.value).startswith(f"bad.yaml:{BAD_PROBLEM}")
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(b"\xef\xbb\xbfformats: safeguarding-plan/1\n", "bad.yaml")
    assert str(caught.value.problems[0]) == (
        "bad.yaml:1:1: unknown key 'formats' in the plan file (did you mean 'format'?)"
    )


def test_crlf_line_endings_read_the_same(tmp_path: Path) -> None:
    crlf = PLAN.replace("\n", "\r\n").encode()
    assert b"\r\n" in crlf
    assert sp.loads(crlf) == sp.loads(PLAN)
    path = tmp_path / "plan.yaml"
    path.write_bytes(crlf)
    assert sp.load(path) == sp.loads(PLAN)
    plan = sp.load(path)
    assert plan.action("1.1").text == "Present the Annual Accountability Report"


def test_crlf_problems_are_located_as_with_lf() -> None:
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(BAD.replace("\n", "\r\n").encode(), "bad.yaml")
    assert str(caught.value).startswith(f"bad.yaml:{BAD_PROBLEM}")


def test_a_nul_after_crlf_lines_is_located_on_its_line() -> None:
    text = PLAN.replace("\n", "\r\n").replace("Jo Bloggs", "Jo\x00Bloggs")
    assert problems_of(text) == [
        "plan.yaml:6:41: the file holds an invisible control character (U+0000) here; delete it"
    ]


@pytest.mark.parametrize(
    ("char", "message"),
    [
        ("\x7f", "the file holds an invisible control character (U+007F) here; delete it"),
        ("\ufffe", "the file holds a character that is not allowed (U+FFFE) here; delete it"),
        ("\ud800", "the file holds a character that is not allowed (U+D800) here; delete it"),
        (
            "\u2029",
            "the file holds a special line break (U+2029) here, as pasted from a web page or "
            "document; replace it with an ordinary line break or a space",
        ),
    ],
)
def test_characters_a_plan_file_must_not_hold(char: str, message: str) -> None:
    text = edit(("Jo Bloggs", f"Jo{char}Bloggs"), ("ASCP", f"AS{char}CP"))
    assert problems_of(text) == [f"plan.yaml:4:17: {message} (and 1 more in the file)"]


# Every way of writing a character no value may hold inside double quotes, and what it is.
REFUSED_ESCAPES = [
    ("\\e", "U+001B"),
    ("\\x1b", "U+001B"),
    ("\\x1B", "U+001B"),
    ("\\u001b", "U+001B"),
    ("\\U0000001b", "U+001B"),
    ("\\a", "U+0007"),
    ("\\0", "U+0000"),
    ("\\b", "U+0008"),
    ("\\v", "U+000B"),
    ("\\f", "U+000C"),
    ("\\x1f", "U+001F"),
    ("\\x7f", "U+007F"),
    ("\\N", "U+0085"),
    ("\\x80", "U+0080"),
    ("\\u009B", "U+009B"),
    ("\\x9f", "U+009F"),
]


@pytest.mark.parametrize(("written", "code"), REFUSED_ESCAPES)
def test_control_characters_written_as_escapes_are_refused_at_the_escape(
    written: str, code: str, reader: str
) -> None:
    # They pass the check of the file's text, and exist only once the file is read.
    title = "    title: Strong leadership and accountability"
    text = edit(
        (title, f'    title: "Strong{written}[2J leadership and{written}[0m accountability"')
    )
    assert problems_of(text) == [
        f"plan.yaml:13:19: the text holds an invisible control character ({code}, written "
        f"{written}) here; delete it (and 1 more in the file)"
    ]


def test_escapes_are_found_in_keys_and_in_text_over_several_lines(reader: str) -> None:
    text = edit(
        ("  short_name: ASCP\n", '  "short\\e_name": ASCP\n'),
        (
            "        text: Present the Annual Accountability Report\n",
            '        text: "Present the Annual\n          Accountability\\a Report"\n',
        ),
    )
    assert problems_of(text) == [
        "plan.yaml:4:9: the text holds an invisible control character (U+001B, written \\e) "
        "here; delete it",
        "plan.yaml:17:25: the text holds an invisible control character (U+0007, written \\a) "
        "here; delete it",
    ]


def test_a_carriage_return_escape_is_refused_with_the_line_break_to_write(reader: str) -> None:
    text = edit(("Business Improvement Plan", '"Business\\r\\nImprovement Plan"'))
    assert problems_of(text) == [
        "plan.yaml:8:19: the text holds an invisible control character (U+000D, written \\r) "
        "here; for a line break write \\n instead"
    ]


@pytest.mark.parametrize("control", ["\u202a", "\u202d", "\u202e", "\u2066", "\u2069"])
def test_bidirectional_controls_are_refused_written_or_escaped(control: str, reader: str) -> None:
    # A restricted name written backwards after U+202E reads as the name in every document,
    # and no check of its letters could find it.
    code = f"U+{ord(control):04X}"
    raw = edit(("Jo Bloggs", f"Jo{control}sggolB"))
    assert problems_of(raw) == [
        f"plan.yaml:6:41: the file holds a bidirectional control character ({code}) here, which "
        "reorders how the text after it reads; delete it (right-to-left writing needs none)"
    ]
    escaped = edit(("Jo Bloggs", f'"Jo\\u{ord(control):04x}sggolB"'))
    assert problems_of(escaped) == [
        f"plan.yaml:6:42: the text holds a bidirectional control character ({code}, written "
        f"\\u{ord(control):04x}) here; delete it"
    ]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("\\t", "\t"),
        ("\\n", "\n"),
        ("\\\\e", "\\e"),  # an escaped backslash, then the letter e
        ("\\\\x1b", "\\x1b"),
        ("\\_", "\u00a0"),
        ("\\L", "\u2028"),
        ("\\u00e9", "é"),
        ('\\"', '"'),
        ("\\/", "/"),
    ],
)
def test_escapes_of_text_characters_are_read(written: str, value: str, reader: str) -> None:
    plan = sp.loads(edit(("Jo Bloggs", f'"Jo{written}Bloggs"')))
    assert plan.partnership.people[0].name == f"Jo{value}Bloggs"


def test_a_backslash_outside_double_quotes_is_only_a_backslash() -> None:
    plan = sp.loads(edit(("Jo Bloggs", "'Jo\\e[2J'")))
    assert plan.partnership.people[0].name == "Jo\\e[2J"


_WORDS = st.text(st.sampled_from("ab é😊'\"\\\t\n:"), max_size=40).map(str.lstrip)
"""Text before a problem: quotes, backslashes and characters double quotes escape, line
breaks; no Markdown of its own."""


@given(_WORDS, st.sampled_from(['"', "'", "|", ">", None]), st.integers(20, 80))
def test_a_problem_in_a_papers_text_is_located_at_its_character(
    words: str, style: str | None, width: int
) -> None:
    # However the writer quotes, escapes and folds the text, the problem points at the address.
    purpose = f"{words} [the minutes](javascript:alert(1))".lstrip()
    paper = {"paper": {"purpose": purpose}}
    text = PLAN + yaml.dump(paper, default_style=style, allow_unicode=True, width=width)
    assert sp.loads(text.replace("javascript:", "https://")).paper.purpose is not None
    (problem,) = problems_of(text)
    line, column = (int(n) for n in problem.split(":")[1:3])
    assert text.splitlines()[line - 1][column - 1 :].startswith("javascript:alert(1)")


# -- every problem at once ----------------------------------------------------------------


def test_all_problems_of_a_file_are_reported_together_in_file_order() -> None:
    text = edit(
        ("  short_name: ASCP\n", "  shortname: ASCP\n"),
        ("  period: 2021/23\n", "  period: 2021-23\n"),
        ("        due: by September 2021\n", "        due: by 09/30/2021\n"),
        ("progress: complete", "progress: completed"),
        ("    as_of: 2022-01-31\n", "    as_of: 2022-13-01\n"),
    )
    assert problems_of(text) == [
        "plan.yaml:4:3: unknown key 'shortname' in 'partnership' (did you mean 'short_name'?)",
        "plan.yaml:9:11: cannot read the plan period '2021-23'; write e.g. '2021/23' or '2022/23'",
        "plan.yaml:22:14: 'by 09/30/2021' is not a real date; write the day first "
        "(did you mean '30/09/2021'?)",
        "plan.yaml:28:25: unknown progress 'completed'; use one of not-started, in-progress, "
        "complete, deferred, cancelled (did you mean 'complete'?)",
        "plan.yaml:31:12: '2022-13-01' is not a real date",
    ]


def test_refusals_of_yaml_features_are_reported_together() -> None:
    text = edit(
        ("  name: Anytown", "  name: !!str &n Anytown"),
        ("  short_name: ASCP", "  short_name: *n"),
        ("lead: Independent Chair", "lead: !!binary SGk="),
    )
    assert problems_of(text) == [
        "plan.yaml:3:15: anchors ('&n') are not allowed; remove '&n'",
        "plan.yaml:4:15: aliases ('*n') are not allowed; write the value out",
        "plan.yaml:17:15: tags ('!!binary') are not allowed; remove '!!binary'",
    ]


@pytest.mark.parametrize(
    ("ratings", "problem"),
    [
        (
            "{key: x, label: y, rag: green}",
            "10:10: 'ratings' must be a list, each item starting with '- ', not 'key: value' pairs",
        ),
        ("[{label: y, rag: green}]", "10:11: a rating is missing 'key'"),
        ("[]", "10:10: 'ratings' lists no ratings"),
    ],
)
def test_a_scale_that_cannot_be_read_does_not_make_every_rating_unknown(
    ratings: str, problem: str
) -> None:
    assert problems_of(edit(("ratings: faces", f"ratings: {ratings}"))) == [f"plan.yaml:{problem}"]


def test_a_missing_priorities_key_does_not_make_every_update_unknown() -> None:
    assert problems_of(edit(("priorities:", "priority:"))) == [
        "plan.yaml:11:1: unknown key 'priority' in the plan file (did you mean 'priorities'?)"
    ]


# -- the Birmingham example ---------------------------------------------------------------


def test_birmingham_priorities_and_actions(birmingham: sp.Plan) -> None:
    assert [p.id for p in birmingham.priorities] == ["1", "2", "3", "4"]
    assert [len(p.actions) for p in birmingham.priorities] == [10, 10, 5, 8]
    assert len(birmingham.actions) == 33
    assert [a.id for a in birmingham.priorities[0].actions][-2:] == ["1.9", "1.10"]
    assert birmingham.action("1.10").id == "1.10"
    assert birmingham.action("1.1") != birmingham.action("1.10")


def test_birmingham_partnership_period_and_scale(birmingham: sp.Plan) -> None:
    assert birmingham.partnership.name == "Birmingham Safeguarding Children Partnership"
    assert birmingham.partnership.short_name == "BSCP"
    assert birmingham.partnership.people == (
        sp.Person(role="Independent Chair", name="Penny Thompson CBE"),
        sp.Person(role="Partnership Business Manager", name="Simon Cross"),
    )
    assert birmingham.period == sp.Period(
        start=date(2021, 4, 1), end=date(2023, 3, 31), text="2021/23"
    )
    assert birmingham.ratings.name == "faces"
    assert birmingham.ratings is sp.RATING_SCALES["faces"]


def test_birmingham_february_review(birmingham: sp.Plan) -> None:
    (review,) = birmingham.reviews
    assert (review.id, review.title, review.as_of) == (
        "2022-02",
        "February 2022 – Update",
        date(2022, 1, 31),
    )
    assert len(review.updates) == 33
    assert set(review.updates) == {a.id for a in birmingham.actions}
    assert review.updates["1.6"] == sp.ActionUpdate(
        progress=sp.Progress.NOT_STARTED,
        rating="frown",
        note="Website redesign will commence in 2022/23.",
    )
    complete = [u for u in review.updates.values() if u.progress is sp.Progress.COMPLETE]
    assert len(complete) == 24


def test_birmingham_due_dates(birmingham: sp.Plan) -> None:
    assert birmingham.action("1.1").due == sp.Due(
        text="22nd April 2021", last_day=date(2021, 4, 22)
    )
    assert birmingham.action("1.2").due is None
    assert birmingham.action("3.4").due == sp.Due(
        text="by 31st March 2022", last_day=date(2022, 3, 31)
    )
    assert birmingham.action("1.4").due == sp.Due(text="Spring 2021", last_day=date(2021, 5, 31))


def test_birmingham_loads_the_same_with_both_yaml_readers(
    birmingham: sp.Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlnodes, "_Loader", yaml.SafeLoader)
    assert sp.load(BIRMINGHAM) == birmingham


def test_birmingham_with_an_ampersand_in_leads_is_not_taken_for_an_anchor(
    birmingham: sp.Plan,
) -> None:
    assert "Learning & Development Sub-Group" in {a.lead for a in birmingham.actions}


# -- property: ids survive the file -------------------------------------------------------

# "..." at the start is YAML's end-of-document marker, which no emitter writes plain.
DIGITS_AND_DOTS = st.text(alphabet="0123456789.", min_size=1, max_size=12).filter(
    lambda text: not text.startswith("...")
)
PRINTABLE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp"),
        # Bidirectional controls, which no plan file may hold (tests of their own).
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    min_size=1,
    max_size=20,
).filter(lambda t: any(unicodedata.category(c) not in ("Cf", "Zs") for c in t))
"""Ids a reader sees something of: one of only spaces or invisible characters is refused."""


def double_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def plan_with_id(written: str) -> str:
    return f"""\
format: safeguarding-plan/1
partnership: {{name: Anytown Safeguarding Children Partnership}}
plan: {{title: Business Improvement Plan}}
ratings: rag
priorities:
  - id: {written}
    title: Strong leadership
    actions:
      - id: {written}
        text: Present the Annual Accountability Report
reviews:
  - id: {written}
    title: February 2022 – Update
    as_of: 2022-01-31
    updates:
      {written}: {{progress: complete, rating: green}}
"""


def assert_id_survives(written: str, ident: str) -> None:
    plan = sp.loads(plan_with_id(written))
    assert plan.priorities[0].id == ident
    assert plan.actions[0].id == ident
    assert plan.reviews[0].id == ident
    assert list(plan.reviews[0].updates) == [ident]
    assert plan.states()[ident].progress is sp.Progress.COMPLETE


def plain_is_safe(text: str) -> bool:
    """Whether YAML can hold ``text`` as a plain (unquoted) key and value that reads back as
    that text: PyYAML's own emitter decides the syntax; the words YAML reads as "nothing"
    (``~``, ``null``) and the merge key ``<<`` are not text."""
    analysis = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True).analyze_scalar(text)
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    return (
        analysis.allow_block_plain
        and analysis.allow_flow_plain
        and not analysis.multiline
        and tag not in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")
    )


@given(DIGITS_AND_DOTS)
def test_a_digits_and_dots_id_written_plain_loads_back_exactly(ident: str) -> None:
    assert plain_is_safe(ident)
    assert_id_survives(ident, ident)


@given(PRINTABLE)
def test_any_id_written_plain_when_safe_loads_back_exactly(ident: str) -> None:
    assume(plain_is_safe(ident))
    # An id written plain in curly quotes (“1.1”) is refused on purpose: Word's quotes.
    assume(ident[0] not in CURLY_QUOTES and ident[-1] not in CURLY_QUOTES)
    assert_id_survives(ident, ident)


@given(st.one_of(DIGITS_AND_DOTS, PRINTABLE))
def test_any_id_written_double_quoted_loads_back_exactly(ident: str) -> None:
    assert_id_survives(double_quoted(ident), ident)


@given(st.text(alphabet=string.digits + ".", min_size=1, max_size=8))
def test_a_digits_and_dots_id_written_single_quoted_loads_back_exactly(ident: str) -> None:
    assert_id_survives(f"'{ident}'", ident)


def test_a_plan_over_the_limit_is_read_with_a_larger_one(tmp_path: Path) -> None:
    text = BIRMINGHAM.read_text(encoding="utf-8")
    padded = text + "#" * (2 * 1024 * 1024) + "\n"  # a comment: the same plan, over 2 MB
    path = tmp_path / "big.yaml"
    path.write_text(padded, encoding="utf-8")
    small = 2 * 1024 * 1024
    with pytest.raises(sp.PlanError, match="the file is over 2 MB, far more than any plan"):
        sp.load(path, max_bytes=small)
    with pytest.raises(sp.PlanError, match="over 2 MB"):
        sp.loads(padded, max_bytes=small)
    assert len(sp.load(path, max_bytes=3 * 1024 * 1024).actions) == 33
    assert len(sp.load(path).actions) == 33  # within the default 32 MB
    results = list(sp.score_many([path, path], max_bytes=small))
    assert [r.score for r in results] == [None, None]
    assert "over 2 MB" in results[0].problems[0]
    with pytest.raises(TypeError):
        sp.load(path, max_bytes="3")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least 1"):
        list(sp.score_many([path], max_bytes=0))


def test_the_command_line_reads_a_larger_plan_when_told(tmp_path: Path) -> None:
    from safeguarding_plan.cli import main

    path = tmp_path / "big.yaml"
    path.write_text(
        BIRMINGHAM.read_text(encoding="utf-8") + "#" * (33 * 1024 * 1024) + "\n", encoding="utf-8"
    )
    assert main(["validate", str(path)]) == 2
    assert main(["--max-plan-size", "40", "validate", str(path)]) == 0
    assert main(["--max-plan-size", "40", "score", str(path), str(path)]) == 0

"""The yearly report: Birmingham's 2021/22 read back from each document, its checklist, the
rule for little or no progress over generated plans, and nothing restricted in public."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import attrs
import docx
import gfm
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import plans, texts

import safeguarding_plan as sp
from safeguarding_plan.dates import resolve_year
from safeguarding_plan.model.ratings import Rag
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.reporting.yearly import yearly_contents, yearly_report
from safeguarding_plan.text import clean

EXAMPLE = Path(__file__).parent.parent / "examples" / "birmingham-2021-23" / "plan.yaml"

SECTIONS = [
    "Progress on the priorities, 2021/22",
    WORDS.little_progress,
    WORDS.learning,
    WORDS.impact,
    WORDS.training,
    WORDS.scrutiny,
    WORDS.funding,
    WORDS.education,
    WORDS.to_be_written,
    WORDS.sign_off,
    WORDS.key,
]
"""Birmingham's 2021/22 sections, in order; what it does not give is under "Still to be
written"."""

LACKING = ["1.6", "2.3", "2.9", "4.1", "4.4"]
"""Birmingham's actions open at January 2022 that are overdue, rated red or deferred."""


def _export(name: str, **kwargs: object) -> bytes:
    out = io.BytesIO()
    sp.export(sp.load(EXAMPLE), name, out, year="2021/22", **kwargs)  # type: ignore[arg-type]
    return out.getvalue()


def test_birmingham_markdown_has_every_section_and_the_rule_s_actions() -> None:
    page = gfm.seen(_export("md").decode())
    assert page.headings[0] == "Yearly Report 2021/22"
    assert [h for h in page.headings if h in SECTIONS] == SECTIONS
    lacking = next(rows for heading, rows in page.tables if heading == WORDS.little_progress)
    assert [row[0].split(" ")[0] for row in lacking[1:]] == LACKING
    missing = page.text.split(WORDS.to_be_written_intro)[1]
    assert WORDS.voice_of_children in missing
    assert WORDS.sign_off in missing
    assert "16th February 2022" in page.text  # the scrutiny, as the presentation says it


def test_birmingham_word_paper_has_every_section() -> None:
    document = docx.Document(io.BytesIO(_export("docx")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS
    assert document.core_properties.category == WORDS.yearly_report
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    lacking = [r.cells[0].paragraphs[0].runs[0].text for r in tables[WORDS.action].rows[1:]]
    assert lacking == LACKING
    signing = tables[WORDS.name]
    # 2021/22 ended before integrated care boards took over from clinical commissioning groups.
    assert [r.cells[1].text for r in signing.rows[1:]] == list(WORDS.statutory_partners_before_icbs)


@pytest.mark.parametrize(
    ("year", "health"),
    [
        ("2021/22", "Accountable Officer of the clinical commissioning group"),
        ("2022/23", "Chief Executive of the integrated care board"),
    ],
)
def test_the_health_partner_signs_as_it_was_in_the_year(year: str, health: str) -> None:
    plan = sp.load(EXAMPLE)
    march = sp.Review(id="2023-03", title="March 2023 – Update", as_of=date(2023, 3, 15))
    plan = attrs.evolve(plan, reviews=(*plan.reviews, march))
    made = yearly_report(plan, year)
    assert made.year is not None
    assert [s.role for s in made.year.signatories][-1] == health


def test_birmingham_yearly_workbook_opens_on_the_year_then_the_tracker() -> None:
    made = yearly_report(sp.load(EXAMPLE), "2021/22")
    assert made.year is not None
    book = openpyxl.load_workbook(io.BytesIO(_export("xlsx")))
    assert book.sheetnames[:3] == [WORDS.year_sheet, WORDS.summary_sheet, WORDS.actions_sheet]
    rows = [
        [c for c in row if c is not None]
        for row in book[WORDS.year_sheet].iter_rows(values_only=True)
    ]
    firsts = [row[0] for row in rows if row]
    # Every section the report sets out for the year, under its heading, in its order; the
    # measures, case reviews and key are the tracker's own sheets.
    shown = [s.heading for s in made.sections if s.heading in firsts]
    assert shown == [
        s.heading for s in made.sections if s.kind.name not in ("LEARNING", "IMPACT", "KEY")
    ]
    progress = rows.index([WORDS.priority, WORDS.start_of_year, WORDS.end_of_year,
                           WORDS.completed_in_year, WORDS.slipped])  # fmt: skip
    table = rows[progress + 1 : progress + 1 + len(made.year.progress)]
    assert table == [
        [r.heading, r.start, r.end, r.completed, r.slipped] for r in made.year.progress
    ]
    assert table[-1][3:] == [24, 5]  # numbers an analyst can sum
    lacking = rows.index([WORDS.action, WORDS.why_listed, WORDS.status, WORDS.update])
    assert [row[0].split()[0] for row in rows[lacking + 1 : lacking + 6]] == LACKING
    for line in (*made.year.summary, made.year.rule, made.year.lacking_summary):
        assert [line] in rows
    signing = rows.index([WORDS.name, WORDS.role, WORDS.signature, WORDS.date_signed])
    assert [row[1] for row in rows[signing + 1 : signing + 4]] == [
        s.role for s in made.year.signatories
    ]
    # The tracker after it is the year's last review's.
    ids = [row[1] for row in book[WORDS.actions_sheet].iter_rows(min_row=2, values_only=True)]
    assert [i for i in ids if i] == [a.id for a in sp.load(EXAMPLE).actions]


@pytest.mark.parametrize("option", ["lead=Business Unit", "new_review=2022-06"])
def test_the_year_s_workbook_is_no_lead_s_tracker_nor_a_form(option: str) -> None:
    name, value = option.split("=")
    with pytest.raises(sp.OptionError, match=f"option '{name}' of exporter 'xlsx' is for a"):
        _export("xlsx", audience="board", options={name: value})


def test_the_checklist_lists_what_the_plan_cannot_fill(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "safeguarding_plan",
            "yearly-report",
            str(EXAMPLE),
            "--year",
            "2021/22",
            "--check",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    missing = [
        line.split(":")[0].split("missing")[1].strip()
        for line in result.stdout.splitlines()
        if line.strip().startswith("missing")
    ]
    assert missing == [WORDS.voice_of_children, WORDS.sign_off]
    contents = yearly_contents(sp.load(EXAMPLE), "2021/22")
    assert [c.title for c in contents if not c.filled] == missing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2020/21"], "no review of the plan is dated from 2020-04-01 to 2021-03-31"),
        # The checklist says what to add, and fails as the report would.
        (
            ["--year", "2020/21", "--check"],
            "no review of the plan is dated from 2020-04-01 to 2021-03-31",
        ),
        (["--check"], "give the year as --year 2021/22, or as --from DATE --to DATE"),
        (["--from", "2021-04-01"], "give the year as --year 2021/22"),
    ],
)
def test_bad_years_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "safeguarding_plan", "yearly-report", str(EXAMPLE), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr


def test_a_year_in_the_plan_file_is_located_when_wrong() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace('year: "2020/21"', 'year: "2020/22"')
    with pytest.raises(sp.PlanError) as raised:
        sp.loads(text, "plan.yaml")
    (problem,) = raised.value.problems
    assert "cannot read the reporting year '2020/22'" in problem.message
    assert problem.line == text.splitlines().index('  - year: "2020/22"') + 1


def _expected(plan: sp.Plan, start: date, end: date) -> set[str]:
    """The rule, as docs/yearly-report.md states it, worked out again from the states."""
    year = [r for r in plan.reviews if start <= r.as_of <= end]
    before = [r for r in plan.reviews if r.as_of < start]
    last = plan.states(year[-1].id)
    first = plan.states(before[-1].id) if before else None
    picked = set()
    for action_id, state in last.items():
        if state.progress in (sp.Progress.COMPLETE, sp.Progress.CANCELLED):
            continue
        due = state.due.last_day if state.due else None
        was = (
            (first[action_id].progress, first[action_id].rating)
            if first
            else (sp.Progress.NOT_STARTED, None)
        )
        if (
            (due is not None and due < year[-1].as_of)
            or (state.rating is not None and state.rating.rag is Rag.RED)
            or state.progress is sp.Progress.DEFERRED
            or (state.progress, state.rating) == was
        ):
            picked.add(action_id)
    return picked


@st.composite
def plans_with_a_year(draw: st.DrawFn) -> tuple[sp.Plan, date, date]:
    """A plan with two to four reviews in 2021/22 and up to two before it, each giving the
    updates of one of a generated plan's reviews."""
    plan = draw(plans(max_priorities=3, max_actions=5, max_reviews=4))
    start, end = date(2021, 4, 1), date(2022, 3, 31)
    updates = [r.updates for r in plan.reviews] or [{}]
    before = draw(st.lists(st.integers(1, 300), max_size=2, unique=True))
    within = draw(st.lists(st.integers(0, 364), min_size=2, max_size=4, unique=True))
    days = sorted(start - timedelta(days=d) for d in before)
    days += sorted(start + timedelta(days=d) for d in within)
    reviews = tuple(
        sp.Review(f"r{n}", f"Review {n}", day, updates=draw(st.sampled_from(updates)))
        for n, day in enumerate(days)
    )
    return attrs.evolve(plan, reviews=reviews, measures=()), start, end


@given(plans_with_a_year())
def test_little_or_no_progress_lists_exactly_what_the_rule_picks(
    drawn: tuple[sp.Plan, date, date],
) -> None:
    plan, start, end = drawn
    made = yearly_report(plan, (start, end), audience="board")
    assert made.year is not None
    assert {row.id for row in made.year.lacking} == _expected(plan, start, end)
    order = [a.id for a in plan.actions]
    assert [row.id for row in made.year.lacking] == [
        i for i in order if i in _expected(plan, start, end)
    ]


def _slipped(plan: sp.Plan, start: date, end: date) -> set[str]:
    """Slipped, as docs/yearly-report.md states it: the due date put back in the year (to a
    later day than the last it had, or to be confirmed while open), or overdue at the year's
    end and not on its first day."""
    year = [r for r in plan.reviews if start <= r.as_of <= end]
    before = [r for r in plan.reviews if r.as_of < start]
    points = [plan.states(r.id) for r in (*before[-1:], *year)]
    last = points[-1]
    closed = (sp.Progress.COMPLETE, sp.Progress.CANCELLED)

    def due(state: sp.ActionState) -> date | None:
        return state.due.last_day if state.due else None

    def overdue(state: sp.ActionState, day: date) -> bool:
        return state.progress not in closed and due(state) is not None and due(state) < day  # type: ignore[operator]

    picked = set()
    for action in plan.actions:
        steps = [(due(p[action.id]), p[action.id].progress not in closed) for p in points]
        if not before:  # the year starts from nothing: the action as the plan gives it
            steps.insert(0, (action.due.last_day if action.due else None, True))
        put_back = False
        for i, (day, open_) in enumerate(steps):
            earlier = [d for d, _ in steps[:i] if d is not None]
            if earlier and ((day is None and open_) or (day is not None and day > earlier[-1])):
                put_back = True
        at_start = (
            overdue(points[0][action.id], start)
            if before
            else (steps[0][0] is not None and steps[0][0] < start)
        )
        if put_back or (overdue(last[action.id], year[-1].as_of) and not at_start):
            picked.add(action.id)
    return picked


@given(plans_with_a_year())
def test_slipped_counts_exactly_what_the_rule_picks(drawn: tuple[sp.Plan, date, date]) -> None:
    plan, start, end = drawn
    made = yearly_report(plan, (start, end), audience="board")
    assert made.year is not None
    *rows, total = made.year.progress
    expected = _slipped(plan, start, end)
    assert total.slipped == len(expected)
    for priority, row in zip(plan.priorities, rows, strict=True):
        assert row.slipped == len({a.id for a in priority.actions} & expected), row.heading


def test_a_due_date_put_back_by_way_of_to_be_confirmed_slipped() -> None:
    plan = sp.loads(
        """\
format: safeguarding-plan/1
partnership: {name: Anytown Safeguarding Children Partnership}
plan: {title: Business Improvement Plan}
ratings: rag
priorities:
  - id: "1"
    title: Learning
    actions:
      - {id: "1.1", text: Refresh the toolkit, due: 2021-06-30}
      - {id: "1.2", text: Audit the learning, due: 2021-06-30}
reviews:
  - id: r1
    title: May 2021
    as_of: 2021-05-30
    updates:
      "1.1": {progress: in-progress, due: TBC}
      "1.2": {progress: in-progress, due: TBC}
  - id: r2
    title: March 2022
    as_of: 2022-03-31
    updates:
      "1.1": {progress: in-progress, due: 2022-12-31}
      "1.2": {progress: complete}
"""
    )
    made = yearly_report(plan, "2021/22", audience="board")
    assert made.year is not None
    # 1.1 was put back by way of TBC to a later day; 1.2 to TBC while open, then completed.
    assert made.year.progress[-1].slipped == 2


def test_an_action_overdue_when_the_year_began_did_not_slip_in_it() -> None:
    # Birmingham's five overdue actions were due between July and December 2021: in a year of
    # the one day of its review they were overdue from its first day, so none slipped in it.
    plan = sp.load(EXAMPLE)
    one_day = yearly_report(plan, (date(2022, 1, 31), date(2022, 1, 31)), audience="board")
    whole = yearly_report(plan, "2021/22", audience="board")
    assert one_day.year is not None
    assert whole.year is not None
    assert one_day.year.progress[-1].slipped == 0
    assert whole.year.progress[-1].slipped == 5


@pytest.mark.parametrize("name", ["md", "json", "docx"])
def test_a_restricted_lead_partner_is_not_named_in_the_public_report(name: str) -> None:
    plan = sp.load(EXAMPLE)
    partners = (
        sp.Person("Chief Officer of Police", "Jo Xylander", restricted=True),
        sp.Person("Chief Executive of the local authority", "Sam Public"),
    )
    plan = attrs.evolve(plan, partnership=attrs.evolve(plan.partnership, lead_partners=partners))
    shown = {}
    for audience in ("public", "board"):
        out = io.BytesIO()
        sp.export(plan, name, out, year="2021/22", audience=audience)
        data = out.getvalue()
        shown[audience] = (
            "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
            + "\n".join(c.text for t in docx.Document(io.BytesIO(data)).tables for r in t.rows
                        for c in r.cells)
            if name == "docx"
            else data.decode("utf-8")
        )  # fmt: skip
    assert "Xylander" not in shown["public"]
    assert "Sam Public" in shown["public"]
    assert "Jo Xylander" in shown["board"]


def test_the_json_carries_the_year_as_the_report_has_it() -> None:
    import json

    data = json.loads(_export("json"))["year"]
    made = yearly_report(sp.load(EXAMPLE), "2021/22")
    assert made.year is not None
    assert [row["id"] for row in data["lacking"]] == LACKING
    assert data["rule"] == made.year.rule
    assert [e["title"] for e in data["expected"]] == [e.title for e in made.year.expected]
    assert [s["role"] for s in data["signatories"]] == [s.role for s in made.year.signatories]
    # What changed after each recommendation, as the other formats show it in a column.
    learning = json.loads(_export("json"))["learning"]
    assert made.learning is not None
    changed = [rec["changed"] for r in learning["reviews"] for rec in r["recommendations"]]
    assert changed == [
        list(rec.changed) for r in made.learning.reviews for rec in r.recommendations
    ]
    assert any(changed)


def test_a_year_given_by_its_days_may_be_dates_or_text_and_nothing_else() -> None:
    plan = sp.load(EXAMPLE)
    by_dates = yearly_report(plan, (date(2021, 4, 1), date(2022, 3, 31)))
    by_text = yearly_report(plan, ("2021-04-01", "31/03/2022"))
    assert by_dates.year is not None
    assert by_text.year is not None
    assert by_text.year.span == by_dates.year.span
    for wrong in (2021, ("2021-04-01",), None):
        with pytest.raises(TypeError, match="year must be text such as '2021/22'"):
            yearly_report(plan, wrong)  # type: ignore[arg-type]
    with pytest.raises(sp.ArgumentError):
        yearly_report(plan, ("2021-04-01", "not a day"))


def test_the_checklist_says_a_year_by_dates_takes_no_yearly_reports_entry() -> None:
    # A yearly_reports entry is for a year from 1 April: the checklist must not send the
    # business manager to write one the plan file would refuse.
    plan = sp.load(EXAMPLE)
    contents = yearly_contents(plan, (date(2021, 5, 1), date(2022, 4, 30)))
    narrative = [c for c in contents if c.where.startswith("yearly_reports")]
    assert narrative
    assert [c.where for c in narrative] == [
        f"yearly_reports, year YYYY/YY: {topic} — only for a year from 1 April to 31 March: "
        "give the year as --year 2021/22"
        for topic in ("voice_of_children", "training", "scrutiny", "funding", "education")
    ]
    financial = yearly_contents(plan, "2021/22")
    assert "yearly_reports, year 2021/22: voice_of_children" in [c.where for c in financial]


def test_what_changed_is_each_actions_latest_update_in_the_year() -> None:
    # A review at the end of the year with no update for 2.6 leaves its February update as
    # what changed after the review it carries out, not "no update".
    plan = sp.load(EXAMPLE)
    march = sp.Review(id="2022-03", title="March 2022 – Update", as_of=date(2022, 3, 15))
    plan = attrs.evolve(plan, reviews=(*plan.reviews, march))
    note = plan.reviews[0].updates["2.6"].note
    assert note is not None
    made = yearly_report(plan, "2021/22")
    assert made.learning is not None
    changed = [c for r in made.learning.reviews for rec in r.recommendations for c in rec.changed]
    assert f"2.6: {note}" in changed


# --- the ways partnerships write a reporting year -------------------------------------------


@given(st.integers(1900, 2199))
def test_a_year_written_any_of_three_ways_is_one_year(first: int) -> None:
    short = f"{(first + 1) % 100:02d}"
    days = (date(first, 4, 1), date(first + 1, 3, 31))
    for written in (f"{first}/{short}", f"{first}-{short}", f"{first}/{first + 1}"):
        assert resolve_year(written) == days, written


def test_birmingham_s_year_is_the_same_report_however_it_is_written() -> None:
    # The plan's own entry names the year, "2021/22", whichever way --year writes it.
    plan = sp.load(EXAMPLE)
    reports = [yearly_report(plan, written) for written in ("2021/22", "2021-22", "2021/2022")]
    assert {r.title for r in reports} == {"Yearly Report 2021/22"}
    assert all(r == reports[0] for r in reports)


def test_a_plan_file_s_year_may_be_hyphened_and_is_still_given_once() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    hyphened = sp.loads(text.replace('year: "2021/22"', 'year: "2021-22"'), "plan.yaml")
    made = yearly_report(hyphened, "2021/22")
    assert made.title == "Yearly Report 2021-22"  # as the plan's entry writes it
    assert WORDS.scrutiny in [n.title for n in made.narrative]
    twice = text.replace('year: "2020/21"', 'year: "2021-22"')
    with pytest.raises(sp.PlanError) as raised:
        sp.loads(twice, "plan.yaml")
    (problem,) = raised.value.problems
    assert "the yearly report of '2021/22' is given twice (first as '2021-22')" in (problem.message)


REFUSED = ["2021-2022", "2021–2022", "21/22", "2021/23", "2021-23", "2022-21", "2021 22", "2021"]
"""Not a reporting year as the three ways write one: two calendar years (with a hyphen or the
dash Word makes of one), a short first year, two years, backwards, no separator, one year."""


@pytest.mark.parametrize(
    "written", ["2021\u201322", "2021\u201122", "2021\u221222", "FY2021\u201322"]
)
def test_the_dash_word_makes_of_a_hyphen_is_read_as_one(written: str) -> None:
    assert resolve_year(written) == (date(2021, 4, 1), date(2022, 3, 31))


@pytest.mark.parametrize("written", REFUSED)
def test_any_other_way_is_refused_saying_how_to_write_it(written: str) -> None:
    told = f"cannot read the reporting year {written!r}; write it as '2021/22', '2021-22' or "
    with pytest.raises(sp.ArgumentError, match=re.escape(told)):
        yearly_report(sp.load(EXAMPLE), written)


@pytest.mark.parametrize("written", ["2021-22", "2021/2022", "2021-2022"])
def test_the_command_line_takes_the_three_ways_and_refuses_the_rest(
    written: str, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    result = subprocess.run(
        [
            *(sys.executable, "-m", "safeguarding_plan", "yearly-report", str(EXAMPLE)),
            *("--year", written, "-f", "md", "-o", str(target)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if written in REFUSED:
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert not target.exists()
        assert result.stderr.splitlines()[-1] == (
            f"safeguarding-plan yearly-report: error: argument --year: cannot read the "
            f"reporting year {written!r}; write it as '2021/22', '2021-22' or '2021/2022'"
        )
        return
    assert result.returncode == 0, result.stderr
    assert gfm.seen(target.read_text(encoding="utf-8")).headings[0] == "Yearly Report 2021/22"


def _with_lead_partners(block: str) -> str:
    """The example plan with ``block`` (YAML list items) as its lead partners."""
    text = EXAMPLE.read_text(encoding="utf-8")
    return text.replace("\n  people:", f"\n  lead_partners:\n{block}  people:", 1)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ('    - {role: Chief Executive, name: "Sam\\nJones"}\n', "must be one line"),
        ("    - {role: Chief Executive, name: " + "x" * 256 + "}\n", "has 256 characters"),
        ("    - {role: '', name: Sam Jones}\n", "must not be empty"),
    ],
)
def test_a_lead_partner_is_a_line_of_the_sign_off(item: str, message: str) -> None:
    text = _with_lead_partners(item)
    with pytest.raises(sp.PlanError) as raised:
        sp.loads(text, "plan.yaml")
    (problem,) = raised.value.problems
    assert problem.line == text.splitlines().index(item.rstrip("\n")) + 1
    assert message in problem.message
    assert problem.message.startswith("a lead safeguarding partner's")


def test_the_same_lead_partner_given_twice_is_refused_at_the_second() -> None:
    block = (
        "    - {role: Chief Officer of Police, name: Sam Jones}\n"
        '    - {role: chief officer of police, name: "Sam\\u00a0Jones"}\n'
    )
    text = _with_lead_partners(block)
    with pytest.raises(sp.PlanError) as raised:
        sp.loads(text, "plan.yaml")
    (problem,) = raised.value.problems
    first = text.splitlines().index(block.splitlines()[0]) + 1
    assert problem.line == first + 1
    assert "is given twice (first as 'Sam Jones', 'Chief Officer of Police')" in problem.message


def test_every_format_says_the_date_progress_is_as_at_once() -> None:
    # The year's end is its last review's date, two months short of the year's in Birmingham:
    # every document says so under its title, once.
    line = f"{WORDS.progress_as_at}: 31 January 2022"
    paragraphs = [p.text for p in docx.Document(io.BytesIO(_export("docx"))).paragraphs]
    assert paragraphs.count(line) == 1
    markdown = _export("md").decode("utf-8")
    assert markdown.count(f"**{WORDS.progress_as_at}:** 31 January 2022") == 1
    assert markdown.count(WORDS.progress_as_at) == 1


def test_the_little_progress_rule_stays_with_what_it_picks_in_word() -> None:
    made = yearly_report(sp.load(EXAMPLE), "2021/22")
    assert made.year is not None
    document = docx.Document(io.BytesIO(_export("docx")))
    (rule,) = [p for p in document.paragraphs if p.text == made.year.rule]
    assert rule.paragraph_format.keep_with_next  # never alone at the foot of a page


def test_a_year_by_its_days_is_named_as_a_reader_reads_a_span() -> None:
    made = yearly_report(sp.load(EXAMPLE), (date(2021, 5, 1), date(2022, 4, 30)))
    assert made.title == "Yearly Report 1 May 2021 to 30 April 2022"
    headings = [s.heading for s in made.sections]
    assert "Progress on the priorities, 1 May 2021 to 30 April 2022" in headings


@settings(max_examples=25, deadline=None)
@given(text=texts(long=False))
def test_any_text_on_the_year_sheet_is_text_as_the_sanitiser_makes_it(text: str) -> None:
    # A formula, a control character or a lone surrogate in an action or a section the
    # partnership writes is a cell of text on the Year sheet, never a formula.
    plan = sp.load(EXAMPLE)
    action = plan.priorities[0].actions[5]  # 1.6, which the rule lists
    assert action.id == "1.6"
    changed = attrs.evolve(action, text=text)
    first = attrs.evolve(
        plan.priorities[0],
        actions=tuple(changed if a.id == "1.6" else a for a in plan.priorities[0].actions),
    )
    plan = attrs.evolve(plan, priorities=(first, *plan.priorities[1:]))
    out = io.BytesIO()
    sp.export(plan, "xlsx", out, year="2021/22", audience="board")
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()))[WORDS.year_sheet]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type in ("s", "n") for c in cells)
    assert f"1.6 {clean(text)}" in [c.value for c in cells]

"""The yearly report as a web page: every section the Word and Markdown reports have, in the
report's order and words, read back and compared with the report itself; nothing restricted
on the public page; hostile text in its own places comes out as text."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Literal

import attrs
import pytest
import safeguarding_plan_html
from _htmltree import Document, Element, parse, table_parts
from hypothesis import example, given
from hypothesis import strategies as st
from test_html_browser import DESKTOP, PHONE, assert_fits
from test_html_charts import assert_text_inside_and_apart
from test_html_hostile import hostile, plan_with, shape
from test_html_wording import _texts

import safeguarding_plan as sp
from safeguarding_plan.plugin import (
    REDACTED,
    WITHHELD,
    PluginManager,
    ReportTexts,
    SectionKind,
    YearSection,
    clean,
)

YEAR = "2021/22"
Audience = Literal["board", "public"]
YEARLY_KINDS = (
    SectionKind.YEAR_PROGRESS,
    SectionKind.LITTLE_PROGRESS,
    SectionKind.TO_BE_WRITTEN,
    SectionKind.SIGN_OFF,
)
"""The sections only a yearly report has."""


@pytest.fixture
def manager(make_plugin_manager: Callable[..., PluginManager]) -> PluginManager:
    return make_plugin_manager(safeguarding_plan_html)


@pytest.fixture
def yearly(manager: PluginManager) -> Callable[..., str]:
    """``yearly(plan, audience="public")``: the page of ``plan``'s 2021/22 report, as
    ``sp.export(..., year="2021/22")`` writes it."""

    def run(plan: sp.Plan, audience: Audience = "public") -> str:
        out = io.BytesIO()
        sp.export(plan, "html", out, year=YEAR, audience=audience, plugin_manager=manager)
        return out.getvalue().decode("utf-8")

    return run


def _yearly_report(plan: sp.Plan, audience: Audience = "public") -> tuple[sp.Report, YearSection]:
    """The report the page renders, and its year."""
    report = sp.yearly_report(plan, YEAR, audience=audience)
    assert report.year is not None
    return report, report.year


def _section(page: Document, kind: SectionKind) -> Element:
    anchor = kind.value.replace(" ", "-")
    h2 = next(h for h in page.find_all("h2") if h.get("id") == anchor)
    assert h2.parent is not None
    return h2.parent


def _cells(row: Element) -> list[str]:
    return [cell.text for cell in row.elements()]


# --- Birmingham's 2021/22, from the command line and from Python --------------------------


def test_the_command_line_writes_the_page_sp_export_does(
    yearly: Callable[..., str], sample_plan: sp.Plan, tmp_path: Path
) -> None:
    target = tmp_path / "yearly.html"
    plan_file = tmp_path / "plan.yaml"
    sp.dump(sample_plan, plan_file)
    done = subprocess.run(
        [
            *(sys.executable, "-m", "safeguarding_plan", "yearly-report", str(plan_file)),
            *("--year", YEAR, "-f", "html", "-o", str(target)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == yearly(sample_plan)


def test_every_section_in_the_report_s_order_under_its_heading(
    yearly: Callable[..., str], sample_plan: sp.Plan
) -> None:
    report = sp.yearly_report(sample_plan, YEAR)
    page = parse(yearly(sample_plan))
    assert page.find("h1").text == report.title == "Yearly Report 2021/22"
    headings = [s.heading for s in report.sections]
    assert [h.text for h in page.find_all("h2")] == headings
    assert [a.text for a in page.find("nav").find_all("a")] == headings
    assert {s.kind for s in report.sections} >= set(YEARLY_KINDS)
    # The reporting year and the reviews it is drawn from, as the paper's title block.
    block = [(d.find("dt").text, d.find("dd").text) for d in page.find("dl").elements()]
    assert block == list(report.title_block)


def test_progress_over_the_year_its_table_and_its_chart(
    yearly: Callable[..., str], sample_plan: sp.Plan
) -> None:
    report, year = _yearly_report(sample_plan)
    w = report.words
    section = _section(parse(yearly(sample_plan)), SectionKind.YEAR_PROGRESS)
    assert [li.text for li in section.find("ul").find_all("li")] == list(year.summary)
    caption, head, rows = table_parts(section.find("table", "year-progress"))
    assert caption.text == w.year_progress_table
    assert [th.text for th in head] == [
        w.priority,
        w.start_of_year,
        w.end_of_year,
        w.completed_in_year,
        w.slipped,
    ]
    assert [_cells(r) for r in rows] == [
        [r.heading, r.start, r.end, str(r.completed), str(r.slipped)] for r in year.progress
    ]
    assert "total" in rows[-1].elements()[0].classes  # the whole plan's row, set apart

    figure = section.find("figure")
    assert figure.find("figcaption").text == year.chart.title
    svg = figure.find("svg")
    assert svg.get("role") == "img"
    assert svg.find("desc").text == year.chart.description  # every number in words
    # A bar for each priority at the start and at the end of the year, and a key naming both.
    assert len(svg.find_all("rect")) == len(year.chart.categories) * 2 + 2
    labels = [t.text for t in svg.find_all("text")]
    assert [w.start_of_year, w.end_of_year] == labels[:2]
    for n, category in enumerate(year.chart.categories):
        assert category in labels
        for series in year.chart.series:
            assert year.chart.label(series.values[n] or 0) in labels


def test_the_year_s_chart_keeps_its_text_inside_and_apart(
    yearly: Callable[..., str], learning_plan: sp.Plan
) -> None:
    svg = _section(parse(yearly(learning_plan)), SectionKind.YEAR_PROGRESS).find("svg")
    assert_text_inside_and_apart(svg)


def test_the_trend_a_line_for_each_priority_and_one_for_all(
    yearly: Callable[..., str], reviewed: Callable[[int], sp.Plan]
) -> None:
    plan = reviewed(8)  # January 2021, before the year, then four reviews in it
    _, year = _yearly_report(plan)
    trend = year.trend
    assert len(trend.categories) == 5
    section = _section(parse(yearly(plan)), SectionKind.YEAR_PROGRESS)
    bars, line = section.find_all("figure")  # after the start and end of the year
    assert bars.find("figcaption").text == year.chart.title
    assert line.find("figcaption").text == trend.title
    svg = line.find("svg")
    assert svg.find("desc").text == trend.description  # every value in words
    assert_text_inside_and_apart(svg)
    texts = [" ".join(t.text.split()) for t in svg.find("g").find_all("text")]
    # A key names each line, in the series' order, above the chart.
    assert texts[: len(trend.series)] == [s.name for s in trend.series]
    # Each line's points where its values are on the gridlines' scale, the whole plan's
    # drawn last, set apart, and the only one labelled.
    grid = sorted(float(g.get("y1") or 0) for g in svg.find_all("line", "grid"))
    top, bottom = grid[0], grid[-1]
    lines = svg.find_all("polyline")
    assert ["total" in drawn.classes for drawn in lines] == [False] * (len(lines) - 1) + [True]
    drawn_values = []
    for drawn in lines:
        heights = [float(p.split(",")[1]) for p in (drawn.get("points") or "").split()]
        drawn_values.append(tuple(round(100 * (bottom - y) / (bottom - top)) for y in heights))
    assert drawn_values == [s.values for s in trend.series]
    # Five points have room for every value: the whole plan's, after the gridlines' own.
    labelled = [t for t in texts[len(trend.series) :] if t.endswith("%")][len(grid) :]
    assert labelled == [trend.label(v or 0) for v in trend.series[-1].values]


def test_the_trend_s_key_takes_as_many_rows_as_its_names_need(
    yearly: Callable[..., str], reviewed: Callable[[int], sp.Plan]
) -> None:
    plan = reviewed(8)
    more = tuple(
        attrs.evolve(
            p,
            id=f"{p.id}.{n} Safeguarding",
            actions=tuple(attrs.evolve(a, id=f"{a.id}.{n}") for a in p.actions),
        )
        for n in range(4)
        for p in plan.priorities
    )
    plan = attrs.evolve(plan, priorities=(*plan.priorities, *more))
    trend = _yearly_report(plan)[1].trend
    svg = _section(parse(yearly(plan)), SectionKind.YEAR_PROGRESS).find_all("figure")[1]
    svg = svg.find("svg")
    assert_text_inside_and_apart(svg)
    texts = [t.text for t in svg.find("g").find_all("text")]
    assert texts[: len(trend.series)] == [s.name for s in trend.series]
    rows = {t.get("y") for t in svg.find("g").find_all("text")[: len(trend.series)]}
    assert len(rows) > 1


def test_little_or_no_progress_lists_the_report_s_actions(
    yearly: Callable[..., str], sample_plan: sp.Plan
) -> None:
    report, year = _yearly_report(sample_plan)
    w = report.words
    assert year.lacking  # Birmingham's overdue and red actions
    section = _section(parse(yearly(sample_plan)), SectionKind.LITTLE_PROGRESS)
    assert section.find("p", "rule").text == year.rule
    caption, head, rows = table_parts(section.find("table", "lacking"))
    assert caption.text == year.lacking_summary
    assert [th.text for th in head] == [w.number, w.action, w.why_listed, w.status, w.update]
    assert [_cells(r) for r in rows] == [
        [r.id, r.text, r.reasons, r.status, r.note or w.no_update] for r in year.lacking
    ]
    # Each status in words, with its rating's colour as every status cell has.
    assert all("status" in r.elements()[3].classes for r in rows)


def test_the_priorities_with_little_progress_and_what_changed(
    yearly: Callable[..., str], learning_plan: sp.Plan
) -> None:
    report, year = _yearly_report(learning_plan)
    w = report.words
    assert year.lacking_priorities
    page = parse(yearly(learning_plan))
    section = _section(page, SectionKind.LITTLE_PROGRESS)
    intro = next(p for p in section.find_all("p") if p.text == w.lacking_priorities_intro)
    listed = section.elements()[section.elements().index(intro) + 1]
    assert listed.tag == "ul"
    assert [li.text for li in listed.find_all("li")] == list(year.lacking_priorities)

    # Learning from reviews gains what changed as a result: each of the actions' updates.
    assert report.learning is not None
    _, head, rows = table_parts(page.find("table", "recommendations"))
    assert [th.text for th in head][-1] == w.what_changed
    recommendations = [rec for r in report.learning.reviews for rec in r.recommendations]
    assert any(rec.changed for rec in recommendations)
    assert [[p.text for p in r.elements()[-1].find_all("p")] for r in rows] == [
        list(rec.changed) for rec in recommendations
    ]


def test_an_ordinary_report_has_no_what_changed_column(
    export_html: Callable[..., bytes], learning_plan: sp.Plan
) -> None:
    page = parse(export_html(learning_plan).decode("utf-8"))
    head = table_parts(page.find("table", "recommendations"))[1]
    assert sp.report(learning_plan).words.what_changed not in [th.text for th in head]


def test_still_to_be_written(yearly: Callable[..., str], sample_plan: sp.Plan) -> None:
    report, year = _yearly_report(sample_plan)
    missing = year.missing
    assert [x.title for x in missing] == [
        report.words.voice_of_children,
        report.words.sign_off,
    ]
    section = _section(parse(yearly(sample_plan)), SectionKind.TO_BE_WRITTEN)
    assert section.find("p").text == report.words.to_be_written_intro
    items = section.find("ul").find_all("li")
    assert [li.text for li in items] == [f"{x.title}: {x.asks} {x.where}" for x in missing]
    assert [li.find("strong").text for li in items] == [x.title for x in missing]


def test_still_to_be_written_lists_only_what_the_plan_lacks(
    yearly: Callable[..., str], sample_plan: sp.Plan
) -> None:
    # Only what the plan does not give: a plan naming its partners has one fewer.
    plan = _with_partners(sample_plan, ("Chief Executive", "Alex Example"))
    report, year = _yearly_report(plan)
    section = _section(parse(yearly(plan)), SectionKind.TO_BE_WRITTEN)
    assert [li.find("strong").text for li in section.find_all("li")] == [
        x.title for x in year.missing
    ]
    assert report.words.sign_off not in [x.title for x in year.missing]


def test_the_sign_off_is_a_table_with_room_to_sign(
    yearly: Callable[..., str], sample_plan: sp.Plan
) -> None:
    report, year = _yearly_report(sample_plan)
    w = report.words
    table = _section(parse(yearly(sample_plan)), SectionKind.SIGN_OFF).find("table", "sign-off")
    caption, head, rows = table_parts(table)
    assert caption.text == w.sign_off_statement
    assert [th.text for th in head] == [w.name, w.role, w.signature, w.date_signed]
    assert all(th.get("scope") == "col" for th in head)
    # Without the plan's lead partners, a line for each statutory partner: as they were in a
    # year that ended before integrated care boards.
    assert [s.role for s in year.signatories] == list(w.statutory_partners_before_icbs)
    assert [_cells(r) for r in rows] == [
        [s.name or w.name_to_come, s.role, "", ""] for s in year.signatories
    ]
    for row in rows:
        name, _, *lines = row.elements()
        assert (name.tag, name.get("scope")) == ("th", "row")
        assert [cell.get("data-label") for cell in lines] == [w.signature, w.date_signed]
        assert all(cell.find("span", "line") for cell in lines)


def test_the_sign_off_names_the_lead_partners(
    yearly: Callable[..., str], sample_plan: sp.Plan
) -> None:
    partners = (("Leader of the Council", "Alex Example"), ("Chief Constable", "Sam Sample"))
    page = parse(yearly(_with_partners(sample_plan, *partners)))
    rows = table_parts(page.find("table", "sign-off"))[2]
    assert [_cells(r)[:2] for r in rows] == [[name, role] for role, name in partners]


@pytest.mark.parametrize("plan_name", ["sample_plan", "learning_plan"])
@pytest.mark.parametrize("audience", ["board", "public"])
def test_the_page_says_only_what_the_report_holds(
    yearly: Callable[..., str],
    request: pytest.FixtureRequest,
    plan_name: str,
    audience: Audience,
) -> None:
    plan = request.getfixturevalue(plan_name)
    report, _ = _yearly_report(plan, audience)
    texts = list(_texts(parse(yearly(plan, audience)).root))
    held = ReportTexts(report)
    assert [(text, rest) for text in texts if (rest := held.unheld(text))] == []


def test_every_id_on_the_page_is_its_own(yearly: Callable[..., str], sample_plan: sp.Plan) -> None:
    # Two reviews in the year give each measure a chart, numbered after the year's.
    review = sample_plan.reviews[-1]
    earlier = attrs.evolve(
        review, id="2021-11", title="November 2021 – Update", as_of=date(2021, 10, 31)
    )
    plan = attrs.evolve(sample_plan, reviews=(earlier, review))
    page = parse(yearly(plan))
    assert len(page.find_all("figure")) > 1
    ids = [e.get("id") or "" for e in page.root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), sorted(ids)


@pytest.mark.browser
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_fits_the_screen(
    yearly: Callable[..., str], learning_plan: sp.Plan, tmp_path: Path, size: tuple[int, int]
) -> None:
    path = tmp_path / "yearly.html"
    path.write_text(yearly(learning_plan), "utf-8")
    assert_fits(path, size)


# --- the public page ------------------------------------------------------------------------

SECRET = "Qzxv secret"


def _with_partners(plan: sp.Plan, *partners: tuple[str, str], restricted: bool = False) -> sp.Plan:
    people = tuple(sp.Person(role, name, restricted=restricted) for role, name in partners)
    return attrs.evolve(plan, partnership=attrs.evolve(plan.partnership, lead_partners=people))


NAME = "Morwenna Trelawny"
"""A restricted person's name, in the updates of an action listed for little progress (2.3)
and of one a case review's recommendation is carried out by (2.6, what changed)."""


def _restricted(plan: sp.Plan) -> sp.Plan:
    """Birmingham with a listed action (1.6) and its update restricted and marked, and a
    restricted person named in two updates the public may read."""
    priorities = tuple(
        attrs.evolve(
            p,
            actions=tuple(
                attrs.evolve(a, text=f"{a.text} {SECRET}", restricted=True) if a.id == "1.6" else a
                for a in p.actions
            ),
        )
        for p in plan.priorities
    )
    review = plan.reviews[-1]
    updates = dict(review.updates)
    updates["1.6"] = attrs.evolve(updates["1.6"], note=f"Seen by {SECRET}", restricted=True)
    for action in ("2.3", "2.6"):
        updates[action] = attrs.evolve(updates[action], note=f"Agreed with {NAME}.")
    nurse = sp.Person("Designated Nurse", NAME, restricted=True)
    partnership = attrs.evolve(plan.partnership, people=(*plan.partnership.people, nurse))
    return attrs.evolve(
        plan,
        partnership=partnership,
        priorities=priorities,
        reviews=(attrs.evolve(review, updates=updates),),
    )


def test_no_restricted_text_on_the_public_page(
    yearly: Callable[..., str], sample_plan: sp.Plan
) -> None:
    plan = _restricted(sample_plan)
    board = yearly(plan, "board")
    assert SECRET in board
    assert board.count(NAME) == 2  # the little progress, and what changed
    public = yearly(plan)
    for secret in ("Qzxv", "Morwenna", "Trelawny"):
        assert secret not in public
    # The actions are still listed, the restricted one as not published, each as the report
    # says it.
    report, year = _yearly_report(plan)
    rows = table_parts(parse(public).find("table", "lacking"))[2]
    assert [r.elements()[0].text for r in rows] == [r.id for r in year.lacking]
    shown = {r.elements()[0].text: _cells(r) for r in rows}
    assert shown["1.6"][1] == WITHHELD
    assert shown["1.6"][4] == report.words.no_update  # a withheld action's update is left out
    assert shown["2.3"][4] == f"Agreed with {REDACTED}."


# --- hostile text in the yearly report's own places -----------------------------------------

PLACES = ("text", "note", "title", "role", "name")
"""The action (listed for little progress), its update, the priority's title (the year's table,
the priorities with little progress), and a lead partner's role and name (the sign-off)."""


def _hostile_plan(text: str, note: str, title: str, role: str, name: str) -> sp.Plan:
    """One overdue, red-rated action, the only one of its priority: listed, and its priority
    too, as no action was completed in the year."""
    plan = plan_with(
        text=text,
        lead="Lead",
        note=note,
        name="Partnership",
        title=title,
        review="February 2022 – Update",
        meeting="Board",
        report_of="Business Unit",
        presented_by="Chair",
        marking="OFFICIAL",
    )
    return _with_partners(plan, (role, name))


TWIN: list[Document] = []
"""The page with plain text in those places, rendered once."""


@given(given=st.fixed_dictionaries(dict.fromkeys(PLACES, hostile)))
@example(
    given={
        "text": "<script>alert(1)</script>",
        "note": "&amp;\nline two\r\n</td></tr></table>",
        "title": "\u200fعنوان\n</h2>",
        "role": '"><img src=x onerror=1>',
        "name": "<!-- x --> 😊",
    }
)
def test_yearly_text_comes_out_as_text(yearly: Callable[..., str], given: dict[str, str]) -> None:
    page = parse(yearly(_hostile_plan(**given), "board"))
    if not TWIN:
        TWIN.append(parse(yearly(_hostile_plan(*"abcde"), "board")))
    assert shape(page) == shape(TWIN[0])
    assert page.comments == []
    lacking = table_parts(page.find("table", "lacking"))[2][0]
    assert lacking.find("p", "action").text == clean(given["text"])
    assert lacking.elements()[4].text == (clean(given["note"]) if given["note"] else "No update.")
    year_row = table_parts(page.find("table", "year-progress"))[2][0]
    assert year_row.elements()[0].text == f"Priority 1 – {clean(given['title'])}"
    listed = _section(page, SectionKind.LITTLE_PROGRESS).find_all("li")
    assert [li.text for li in listed] == [
        f"Priority 1 – {clean(given['title'])} (no action completed in the year)"
    ]
    signing = table_parts(page.find("table", "sign-off"))[2][0]
    assert _cells(signing)[:2] == [
        clean(given["name"]) or "Name to be added",
        clean(given["role"]),
    ]

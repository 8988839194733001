"""Case reviews in the plan file, the score and the plugin seam: what Birmingham's file says,
how reviews are timed and counted, and how a plan or a plugin adds a timescale."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import attrs
import docx
import openpyxl
import pytest
from conftest import BIRMINGHAM, EntryPoint, two_reviews, with_case_reviews

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.scoring.learning import timescales_of

OWN = """
timescales:
  - step: learning_shared
    label: Share the learning with partners
    from: published
    to: learning_shared
    within: 10 working days
    source: Our learning and improvement framework
    kinds: [lcspr]
case_reviews:
  - id: lcspr-1
    kind: lcspr
    title: A local review
    subject: {name: Sam Example, restricted: false}
    status: published
    dates:
      initiated: 2021-06-01
      published: 2021-12-20
      learning_shared: 2022-01-14
"""


# --- Birmingham ---------------------------------------------------------------------------


def test_birmingham_lists_the_reviews_the_presentation_names(birmingham: sp.Plan) -> None:
    reviews = {r.id: r for r in birmingham.case_reviews}
    assert list(reviews) == [
        "reachable-moments",
        "hard-to-escape",
        "out-of-routine",
        "newborn-babies",
        "high-profile-cases",
    ]
    moments = reviews["reachable-moments"]
    assert moments.kind is sp.CaseReviewKind.LCSPR
    assert moments.status is sp.CaseReviewStatus.PUBLISHED
    assert moments.dates["published"] == sp.Due("September 2021", date(2021, 9, 30))
    assert moments.recommendations[0].actions == ("2.6",)
    assert reviews["hard-to-escape"].recommendations[0].actions == ("2.7",)
    assert reviews["newborn-babies"].status is sp.CaseReviewStatus.IN_PROGRESS
    national = reviews["high-profile-cases"]
    assert national.kind is sp.CaseReviewKind.NATIONAL_REVIEW
    assert national.subject == "Arthur Labinjo-Hughes and Star Hobson"
    assert national.subject_restricted  # the default
    # Only the dates the presentation gives: one, a month.
    assert [dict(r.dates) for r in birmingham.case_reviews if r.dates] == [
        {"published": sp.Due("September 2021", date(2021, 9, 30))}
    ]


def test_birmingham_learning_score(birmingham: sp.Plan) -> None:
    learning = sp.score(birmingham).learning
    assert learning is not None
    assert (learning.recommendations, learning.implemented) == (4, 2)  # 2.6, 2.7 complete
    assert learning.percent_implemented == 50
    assert learning.actions_from_reviews == ("2.6", "2.7", "4.7")
    assert learning.late == ()
    steps = {r.id: [s.timeliness for s in r.steps] for r in learning.reviews}
    assert steps["reachable-moments"] == ["not known"] * 3  # no start dates recorded
    assert steps["hard-to-escape"] == []  # no statutory timescale for a national review


def test_the_score_without_case_reviews_has_no_learning() -> None:
    assert sp.score(two_reviews()).learning is None
    assert sp.score(two_reviews()).to_dict()["learning"] is None


def test_score_json_gives_the_learning(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(BIRMINGHAM), "--json"]) == 0
    learning = json.loads(capsys.readouterr().out)["learning"]
    assert learning["percent_implemented"] == 50
    assert learning["reviews"][0]["steps"][2] == {
        "step": "published",
        "label": "Publish the local child safeguarding practice review",
        "timeliness": "not known",
        "deadline": None,
        "taken": None,
        "late_by": None,
        "unit": "days",
    }
    # The score is numbers only; the report words them.
    report = sp.report(sp.load(BIRMINGHAM))
    assert report.learning is not None
    assert report.learning.reviews[0].timeliness == (
        "3 steps cannot be timed, as the plan does not record when the partnership became aware, "
        "when the national panel was notified or when the review was initiated.",
    )


# --- timing and counting ------------------------------------------------------------------


def test_steps_are_timed_at_the_reviews_date() -> None:
    plan = with_case_reviews()
    learning = sp.score(plan).learning
    assert learning is not None
    rapid, local, national = learning.reviews
    notified, completed = rapid.steps
    # Aware Wed 1 Dec 2021, notified Fri 10 Dec: 7 working days against 5, due Wed 8 Dec.
    assert (notified.timeliness, notified.taken, notified.late_by) == ("late", 7, 2)
    assert notified.deadline == date(2021, 12, 8)
    # 15 working days from Fri 10 Dec skip 27, 28 Dec 2021 and 3 Jan 2022: due 5 January.
    assert (completed.timeliness, completed.deadline) == ("on time", date(2022, 1, 5))
    published = local.steps[-1]
    assert (published.timeliness, published.deadline) == ("overdue", date(2021, 12, 1))
    assert published.late_by == (date(2022, 1, 31) - date(2021, 12, 1)).days
    assert national.steps == ()
    assert learning.late == ("RR-2021-03", "LCSPR-1")
    # A month later nothing changes for what is done; the overdue step is later still.
    later = sp.score(plan, as_of=date(2022, 3, 3)).learning
    assert later is not None
    assert later.reviews[1].steps[-1].late_by == (date(2022, 3, 3) - date(2021, 12, 1)).days
    assert later.reviews[0].steps == rapid.steps


def test_a_recommendation_is_implemented_when_all_its_actions_are_complete() -> None:
    plan = with_case_reviews()
    learning = sp.score(plan).learning
    assert learning is not None
    assert [r.implemented for r in learning.reviews] == [1, 0, 0]
    assert (learning.recommendations, learning.implemented, learning.percent_implemented) == (
        2,
        1,
        50,
    )
    # At the earlier review 1.1 was not complete yet.
    earlier = sp.score(plan, "2021-11").learning
    assert earlier is not None
    assert earlier.implemented == 0
    assert earlier.percent_implemented == 0


def test_a_recommendation_without_actions_is_not_implemented() -> None:
    plan = with_case_reviews()
    review = attrs.evolve(
        plan.case_reviews[0], recommendations=(sp.Recommendation("R9", "Write a guide"),)
    )
    learning = sp.score(attrs.evolve(plan, case_reviews=(review,))).learning
    assert learning is not None
    assert learning.reviews[0].recommendations[0].implemented is False
    assert learning.actions_from_reviews == ()


# --- a plan's own timescale, and a plugin's -------------------------------------------------


def own_plan() -> sp.Plan:
    return sp.loads(sp.dumps(two_reviews()) + OWN)


def test_a_plans_own_timescale_is_read_and_timed() -> None:
    plan = own_plan()
    (own,) = plan.timescales
    assert own == sp.Timescale(
        step="learning_shared",
        label="Share the learning with partners",
        start="published",
        end="learning_shared",
        length=10,
        unit=sp.Unit.WORKING_DAYS,
        source="Our learning and improvement framework",
        kinds=(sp.CaseReviewKind.LCSPR,),
    )
    learning = sp.score(plan).learning
    assert learning is not None
    steps = {s.step: s for s in learning.reviews[0].steps}
    # Published Mon 20 Dec 2021; 10 working days skip 27, 28 Dec and 3 Jan: due 6 January,
    # and shared on Fri 14 January, 16 working days on.
    assert steps["learning_shared"].deadline == date(2022, 1, 6)
    assert (steps["learning_shared"].timeliness, steps["learning_shared"].taken) == ("late", 16)
    # Initiated 1 June 2021, so due by 1 December; published 19 days after that.
    assert (steps["published"].timeliness, steps["published"].late_by) == ("late", 19)
    assert sp.loads(sp.dumps(plan)) == plan


@pytest.mark.parametrize("written", ["Ongoing", "TBC"])
def test_a_case_reviews_date_must_name_a_date(written: str) -> None:
    # A step's date is when it happened; a due date's "no fixed date" is no such date.
    text = sp.dumps(two_reviews()) + OWN.replace("published: 2021-12-20", f"published: {written}")
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(text, "plan.yaml")
    line = text.splitlines().index(f"      published: {written}") + 1
    assert str(caught.value).splitlines() == [
        f"plan.yaml:{line}:18: 'published' of case review 'lcspr-1' is '{written}', which names "
        "no date; give the day or month it happened, or leave it out until it has"
    ]


def test_a_case_reviews_day_in_any_form_a_day_is_written_shows_as_a_day() -> None:
    plan = sp.loads(sp.dumps(two_reviews()) + OWN.replace("2021-12-20", "20/12/21"))
    assert plan.case_reviews[0].dates["published"] == sp.Due("20/12/21", date(2021, 12, 20))
    made = sp.report(plan)
    assert made.learning is not None
    assert ("Published", "20 December 2021") in made.learning.reviews[0].dates


def test_a_subject_may_be_published_when_the_file_says_so() -> None:
    plan = own_plan()
    assert not plan.case_reviews[0].subject_restricted
    public = sp.report(plan, audience="public")
    assert public.learning is not None
    assert public.learning.reviews[0].subject == "Sam Example"


class _Registers:
    """A plugin that adds the timescales it is given."""

    def __init__(self, *timescales: sp.Timescale) -> None:
        self.timescales = timescales

    @sp.hookimpl
    def register_timescales(self, register: object) -> None:
        assert callable(register)
        for timescale in self.timescales:
            register(timescale)


BOARD_BRIEFED = sp.Timescale(
    step="board_briefed",
    label="Brief the Executive Board",
    start="published",
    end="board_briefed",
    length=1,
    unit=sp.Unit.MONTHS,
    source="Regional learning framework",
    kinds=(sp.CaseReviewKind.LCSPR,),
)


def _regional_plugin() -> _Registers:
    return _Registers(BOARD_BRIEFED)


def test_a_plugins_timescale_reaches_every_document() -> None:
    manager = sp.get_plugin_manager(autoload=False)
    manager.add(_regional_plugin(), name="regional", origin="regional 1.0")
    assert [t.step for t in manager.timescales] == ["board_briefed"]
    out = io.BytesIO()
    sp.export(own_plan(), "json", out, plugin_manager=manager)
    timeliness = json.loads(out.getvalue())["learning"]["reviews"][0]["timeliness"]
    assert "Brief the Executive Board: due by 20 January 2022; 11 days overdue" in timeliness
    # Without the plugin, the same plan has no such step.
    plain = io.BytesIO()
    sp.export(own_plan(), "json", plain, plugin_manager=sp.get_plugin_manager(autoload=False))
    assert "Brief the Executive Board" not in plain.getvalue().decode()


@pytest.mark.parametrize("many", [False, True], ids=["one plan", "many plans"])
def test_the_score_command_times_steps_by_installed_plugins_timescales(
    many: bool,
    entry_points: list[EntryPoint],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The command scores as the documents report: with what installed plugins add, unless
    # --no-plugins says otherwise.
    entry_points.append(EntryPoint("regional", _regional_plugin, dist="regional"))
    path = tmp_path / "plan.yaml"
    sp.dump(own_plan(), path)
    plans = [str(path), str(path)] if many else [str(path)]

    def steps(*extra: str) -> list[str]:
        assert main(["score", *plans, "--json", *extra]) == 0
        out = capsys.readouterr().out
        scores = (
            [json.loads(line)["score"] for line in out.splitlines()] if many else [json.loads(out)]
        )
        return [s["step"] for r in scores[0]["learning"]["reviews"] for s in r["steps"]]

    assert "board_briefed" in steps()
    assert "board_briefed" not in steps("--no-plugins")


def test_the_built_in_exporters_add_no_timescale() -> None:
    # The command leaves pluggy and the exporters unloaded when no plugin is installed, which
    # is right only while the built-ins add no timescale of their own.
    assert sp.get_plugin_manager(autoload=False).timescales == ()


def test_scoring_a_plan_without_case_reviews_loads_no_plugin() -> None:
    code = (
        "import sys, contextlib, io, attrs, safeguarding_plan as sp\n"
        "from safeguarding_plan.cli import main\n"
        "import tempfile, os\n"
        f"plan = attrs.evolve(sp.load({str(BIRMINGHAM)!r}), case_reviews=())\n"
        "path = os.path.join(tempfile.mkdtemp(), 'plan.yaml')\n"
        "sp.dump(plan, path)\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['score', path]) == 0\n"
        "print('pluggy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


# --- one step named by the plan and by a plugin --------------------------------------------

SHARED = """
timescales:
  - step: learning_shared
    label: Share the learning across the partnership
    from: published
    to: learning_shared
    within: 20 working days
    source: Our learning and improvement framework
    kinds: [lcspr]
case_reviews:
  - id: lcspr-2
    kind: lcspr
    title: A local review
    status: published
    dates:
      initiated: 2021-03-01
      published: 2021-09-01
      learning_shared: 2021-09-24
"""
"""A plan that names the step a plugin adds (so that it may record its date), with a length of
its own: published Wed 1 September 2021, shared Fri 24 September, 17 working days on."""

PLANS_OWN = "Learning shared 17 working days after publication: on time"
"""The step timed by the plan's own timescale: 20 working days from 1 September end on the
29th. The plugin's 10 would make it 7 working days late."""


LEARNING_SHARED = sp.Timescale(
    step="learning_shared",
    label="Share the learning with partners",
    start="published",
    end="learning_shared",
    length=10,
    unit=sp.Unit.WORKING_DAYS,
    source="West Midlands learning framework",
    kinds=(sp.CaseReviewKind.LCSPR,),
)
"""A region's rule for the same step: 10 working days, its own label."""


def _sharing_plugin() -> _Registers:
    return _Registers(LEARNING_SHARED)


def shared_plan() -> sp.Plan:
    return sp.loads(sp.dumps(two_reviews()) + SHARED)


def sharing_manager() -> sp.PluginManager:
    manager = sp.get_plugin_manager(autoload=False)
    manager.add(_sharing_plugin(), name="sharing", origin="sharing 1.0")
    return manager


def test_a_step_the_plan_names_is_timed_once_by_the_plans_own_timescale() -> None:
    plan, manager = shared_plan(), sharing_manager()
    assert [t.step for t in manager.timescales] == ["learning_shared"]
    learning = sp.score(plan, timescales=manager.timescales).learning
    assert learning is not None
    steps = [s for s in learning.reviews[0].steps if s.step == "learning_shared"]
    assert [(s.label, s.timeliness, s.deadline, s.taken, s.late_by) for s in steps] == [
        ("Share the learning across the partnership", "on time", date(2021, 9, 29), 17, 0)
    ]
    # The plan scores the same whatever is installed.
    assert sp.score(plan, timescales=manager.timescales) == sp.score(plan)


def test_the_report_words_the_step_once_by_the_timescale_that_timed_it() -> None:
    plan, manager = shared_plan(), sharing_manager()
    learning = sp.report(plan, timescales=manager.timescales).learning
    assert learning is not None
    (review,) = learning.reviews
    assert [t for t in review.timeliness if t.startswith("Learning shared")] == [PLANS_OWN]


def _texts(name: str, data: bytes) -> list[str]:
    """Every piece of text of a document, as a reader meets it."""
    if name == "docx":
        document = docx.Document(io.BytesIO(data))
        cells = [c for t in document.tables for row in t.rows for c in row.cells]
        return [p.text for c in cells for p in c.paragraphs]
    if name == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        rows = (row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
        found = [value for row in rows for value in row if isinstance(value, str)]
        return [line for value in found for line in value.split("\n")]
    if name == "json":
        return list(json.loads(data)["learning"]["reviews"][0]["timeliness"])
    return data.decode().replace("<br>", "\n").replace("|", "\n").splitlines()


@pytest.mark.parametrize("name", ["md", "docx", "xlsx", "json"])
def test_every_document_shows_the_step_once(name: str) -> None:
    out = io.BytesIO()
    sp.export(shared_plan(), name, out, plugin_manager=sharing_manager())
    texts = [t.strip() for t in _texts(name, out.getvalue())]
    assert texts.count(PLANS_OWN) == 1
    assert [t for t in texts if t.startswith("Learning shared ")] == [PLANS_OWN]


def test_score_json_lists_the_step_once(
    entry_points: list[EntryPoint], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry_points.append(EntryPoint("sharing", _sharing_plugin, dist="sharing"))
    path = tmp_path / "plan.yaml"
    sp.dump(shared_plan(), path)
    assert main(["score", str(path), "--json"]) == 0
    (review,) = json.loads(capsys.readouterr().out)["learning"]["reviews"]
    shared = [s for s in review["steps"] if s["step"] == "learning_shared"]
    assert [(s["label"], s["deadline"], s["timeliness"]) for s in shared] == [
        ("Share the learning across the partnership", "2021-09-29", "on time")
    ]


def test_a_plugins_timescale_times_a_plan_that_does_not_name_its_step() -> None:
    # The plan without timescales of its own (and so without the date): the plugin's step is
    # timed, not known, by the plugin's own timescale.
    plan = shared_plan()
    review = attrs.evolve(
        plan.case_reviews[0],
        dates={k: v for k, v in plan.case_reviews[0].dates.items() if k != "learning_shared"},
    )
    plan = attrs.evolve(plan, timescales=(), case_reviews=(review,))
    learning = sp.report(plan, timescales=sharing_manager().timescales).learning
    assert learning is not None
    assert learning.reviews[0].timeliness[-1] == (
        "Share the learning with partners: due by 15 September 2021; 95 working days overdue"
    )


def test_timescales_of_times_each_step_once_by_its_first_definition() -> None:
    plan = shared_plan()
    (own,) = plan.timescales
    (plugins,) = sharing_manager().timescales
    other = attrs.evolve(plugins, step="board_briefed", end="board_briefed")
    again = attrs.evolve(other, label="Brief the board again")
    statutory = attrs.evolve(sp.TIMESCALES[0], label="Notify someone")
    timed = timescales_of(plan, (statutory, plugins, other, again))
    assert timed == (*sp.TIMESCALES, own, other)


class _Clashing:
    @sp.hookimpl
    def register_timescales(self, register: object) -> None:
        assert callable(register)
        register(sp.TIMESCALES[0])


def test_a_plugin_may_not_take_a_statutory_step() -> None:
    manager = sp.get_plugin_manager(autoload=False)
    manager.add(_Clashing(), name="clashing", origin="clashing 0.1")
    with pytest.warns(sp.PluginWarning, match="'clashing' .* 'notified' from clashing 0.1"):
        assert manager.timescales == ()


def test_scoring_a_plan_without_dates_does_not_load_the_calendar() -> None:
    # Counting working days loads the bank holidays library; Birmingham records no day to
    # count from, so scoring it stays as light as before.
    code = (
        "import sys, safeguarding_plan as sp\n"
        f"sp.score(sp.load({str(BIRMINGHAM)!r}))\n"
        "print('holidays' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_score_text_names_the_late_reviews(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_file = str(tmp_path / "plan.yaml")
    sp.dump(with_case_reviews(), plan_file)
    assert main(["score", plan_file]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2:] == [
        "Learning from reviews: 3 case reviews. 1 of 2 recommendations implemented (50%). "
        "2 reviews are late.",
        "Reviews late or overdue: RR-2021-03, LCSPR-1.",
    ]

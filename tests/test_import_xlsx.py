"""Reading edited trackers back as a new review: the API and ``safeguarding-plan import-xlsx``."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from conftest import BIRMINGHAM, answer_every_row, rewrite_cell, two_reviews
from conftest import fill_in as _edit
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from strategies import due_dates, plans, texts

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.dates import resolve_due
from safeguarding_plan.formats.xlsx import importing, readback
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.text import clean

MAY = date(2022, 4, 30)


def _tracker(plan: sp.Plan, path: Path, **options: Any) -> Path:
    manager = sp.get_plugin_manager(autoload=False)
    sp.export(plan, "xlsx", path, plugin_manager=manager, options=options)
    return path


def _cell(path: Path, action_id: str, column: str) -> str:
    """``Actions!H7``: where the tracker holds ``column`` of ``action_id``."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book[tracker.ACTIONS].iter_rows(values_only=True))
    finally:
        book.close()
    header = list(rows[0])
    number = next(n for n, row in enumerate(rows, start=1) if row[1] == action_id)
    letter = "ABCDEFGHIJ"[header.index(column)]
    return f"{tracker.ACTIONS}!{letter}{number}"


@pytest.fixture
def birmingham_tracker(birmingham: sp.Plan, tmp_path: Path) -> Path:
    return _tracker(birmingham, tmp_path / "tracker.xlsx")


# --- the round trip -----------------------------------------------------------------------------


@st.composite
def reviewed_plans(draw: st.DrawFn) -> sp.Plan:
    """A plan with one review that says everything about every action."""
    plan = draw(plans(max_priorities=3, max_actions=4, max_reviews=0))
    assume(plan.actions)
    keys = [None, *(r.key for r in plan.ratings)]
    updates = {
        a.id: sp.ActionUpdate(
            progress=draw(st.sampled_from(list(sp.Progress))),
            rating=draw(st.sampled_from(keys)),
            note=draw(st.none() | texts()),
        )
        for a in plan.actions
    }
    review = sp.Review(id="r1", title="Update", as_of=date(2022, 1, 31), updates=updates)
    return attrs.evolve(plan, reviews=(review,))


@settings(max_examples=30)
@given(plan=reviewed_plans())
def test_a_tracker_imported_unchanged_gives_the_same_updates(plan: sp.Plan) -> None:
    out = io.BytesIO()
    sp.export(plan, "xlsx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    out.seek(0)
    imported = sp.import_xlsx(plan, out, "r2", date(2022, 4, 30))
    assert imported.reviews[:-1] == plan.reviews
    new = imported.reviews[-1]
    assert (new.id, new.as_of) == ("r2", date(2022, 4, 30))
    # Characters no workbook can carry come back as U+FFFD, as in every document.
    assert dict(new.updates) == {
        i: attrs.evolve(u, note=clean(u.note) if u.note is not None else None)
        for i, u in plan.reviews[0].updates.items()
    }
    assert sp.loads(sp.dumps(imported)) == imported


@pytest.mark.parametrize(
    ("typed", "what"),
    [
        ("Done\x7f and dusted", "an invisible control character (U+007F)"),
        ("Done \u202edetsud", "a bidirectional control character (U+202E)"),
        ("Done\x9b2J and dusted", "an invisible control character (U+009B)"),
    ],
)
def test_a_character_a_plan_refuses_is_refused_at_its_cell(
    birmingham: sp.Plan, tmp_path: Path, typed: str, what: str
) -> None:
    # Characters an Excel file may hold and no plan may: refused where typed, as the plan file
    # refuses them, rather than changed unseen.
    path = _tracker(birmingham, tmp_path / "t.xlsx")
    cell = _cell(path, "1.1", tracker.UPDATE)
    rewrite_cell(path, cell.split("!")[1], typed)
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(birmingham, path, "2022-05", MAY)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{path}: {cell}: the update holds {what} here")


def test_edits_come_back_as_exactly_those_changes(
    birmingham: sp.Plan, birmingham_tracker: Path
) -> None:
    _edit(
        birmingham_tracker,
        {
            ("1.6", tracker.RATING): "Good progress",
            ("2.3", tracker.RATING): "Limited progress",
            ("2.5", tracker.UPDATE): "Training launched in April 2022.",
        },
    )
    plan = sp.import_xlsx(birmingham, birmingham_tracker, "2022-05", MAY)
    delta = sp.compare(plan, "2022-02", "2022-05")
    assert [c.action_id for c in delta.rating_improved] == ["1.6", "2.3"]
    assert [(c.before, c.after) for c in delta.rating_improved] == [
        ("frown", "happy"),
        ("sad", "frown"),
    ]
    assert not delta.rating_worsened
    assert not delta.newly_complete
    assert not delta.due_moved
    review = plan.reviews[-1]
    assert review.title == "May 2022 – Update"
    assert review.updates["2.5"].note == "Training launched in April 2022."
    assert review.updates["1.1"].note == "Completed on 22nd April 2022."
    assert len(review.updates) == 33


def test_a_formula_like_update_is_text_both_ways(birmingham: sp.Plan, tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://example.org","x")'
    path = _tracker(birmingham, tmp_path / "tracker.xlsx")
    _edit(path, {("1.1", tracker.UPDATE): "placeholder"})
    book = openpyxl.load_workbook(path)
    sheet = book[tracker.ACTIONS]
    cell = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "1.1")[8]
    cell.value = formula
    cell.data_type = "s"  # what a tracker written by us holds: text that starts with '='
    book.save(path)
    plan = sp.import_xlsx(birmingham, path, "2022-05", MAY)
    assert plan.reviews[-1].updates["1.1"].note == formula


def test_a_revised_due_date_becomes_the_actions_due(
    birmingham: sp.Plan, birmingham_tracker: Path
) -> None:
    # The other cell cleared: two that disagree are refused, never one taken over the other.
    _edit(
        birmingham_tracker,
        {
            ("1.6", tracker.DUE_DATE): date(2022, 9, 30),
            ("1.6", tracker.DUE): None,
            ("2.3", tracker.DUE): "by December 2022",
            ("2.3", tracker.DUE_DATE): None,
        },
    )
    plan = sp.import_xlsx(birmingham, birmingham_tracker, "2022-05", MAY)
    updates = plan.reviews[-1].updates
    assert updates["1.6"].due == sp.Due("30 September 2022", date(2022, 9, 30))
    assert updates["2.3"].due == sp.Due("by December 2022", date(2022, 12, 31))
    assert updates["1.1"].due is None
    moved = [c.action_id for c in sp.compare(plan, "2022-02", "2022-05").due_moved]
    assert moved == ["1.6", "2.3"]


def test_lead_forms_merge_into_one_review(birmingham: sp.Plan, tmp_path: Path) -> None:
    business = _tracker(birmingham, tmp_path / "business.xlsx", lead="Business Unit")
    neglect = _tracker(birmingham, tmp_path / "neglect.xlsx", lead="Neglect Operations Group")
    _edit(neglect, {("3.4", tracker.PROGRESS): "Complete"})
    answer_every_row(business)
    answer_every_row(neglect)
    plan = sp.import_xlsx(birmingham, [business, neglect], "2022-05", MAY)
    updated = set(plan.reviews[-1].updates)
    leads = {a.id: a.lead for a in birmingham.actions}
    assert updated == {
        i for i, lead in leads.items() if lead in ("Business Unit", "Neglect Operations Group")
    }
    assert plan.reviews[-1].updates["3.4"].progress is sp.Progress.COMPLETE
    assert [c.action_id for c in sp.compare(plan, "2022-02", "2022-05").newly_complete] == ["3.4"]


def test_an_update_form_is_for_its_own_review(birmingham: sp.Plan, tmp_path: Path) -> None:
    form = answer_every_row(_tracker(birmingham, tmp_path / "form.xlsx", new_review="2022-05"))
    plan = sp.import_xlsx(birmingham, form, "2022-05", MAY)
    review = plan.reviews[-1]
    assert {u.note for u in review.updates.values()} == {"No change since the last review."}
    assert {u.rating for u in review.updates.values()} == {"happy", "neutral", "frown", "sad"}
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(birmingham, form, "2022-06", MAY)
    assert str(caught.value).endswith("this is the update form for review '2022-05', not '2022-06'")


# --- every problem, located ---------------------------------------------------------------------


def _problems(plan: sp.Plan, *paths: Path, review: str = "2022-05") -> list[str]:
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(plan, list(paths), review, MAY)
    return [str(p) for p in caught.value.problems]


def test_every_bad_cell_is_one_located_line(birmingham: sp.Plan, birmingham_tracker: Path) -> None:
    path = birmingham_tracker
    where = {
        key: _cell(path, *key)
        for key in [
            ("1.1", tracker.RATING),
            ("1.2", tracker.PROGRESS),
            ("1.3", tracker.ACTION),
            ("1.4", tracker.DUE_DATE),
            ("1.5", tracker.PROGRESS),
            ("1.7", tracker.ACTION_ID),
            ("1.8", tracker.LEAD),
        ]
    }
    _edit(
        path,
        {
            ("1.1", tracker.RATING): "Good progres",
            ("1.2", tracker.PROGRESS): "Done",
            ("1.3", tracker.ACTION): "A different action",
            ("1.4", tracker.DUE_DATE): "soon",
            ("1.5", tracker.PROGRESS): None,
            ("1.7", tracker.ACTION_ID): "1.70",
            ("1.8", tracker.LEAD): "Someone else",
        },
    )
    assert _problems(birmingham, path) == [
        f"{path}: {where['1.1', tracker.RATING]}: unknown rating 'Good progres'; the plan's "
        "scale has Good progress, Some progress, Limited progress, No progress "
        "(did you mean 'Good progress'?)",
        f"{path}: {where['1.2', tracker.PROGRESS]}: unknown progress 'Done'; choose Not started, "
        "In progress, Complete, Deferred, Cancelled (did you mean 'Complete'?)",
        f"{path}: {where['1.3', tracker.ACTION]}: the action text of action '1.3' was changed to "
        "'A different action'; the plan file owns it (change it there, then export the tracker "
        "again)",
        f"{path}: {where['1.4', tracker.DUE_DATE]}: due date 'soon' is text that cannot be read "
        "as a day; enter a day such as 31/03/2023, or put a phrase such as 'March 2023' under "
        "'Due'",
        f"{path}: {where['1.5', tracker.PROGRESS]}: Progress is empty; choose Not started, "
        "In progress, Complete, Deferred, Cancelled",
        f"{path}: {where['1.7', tracker.ACTION_ID]}: no action '1.70' in the plan "
        "(did you mean '1.7'?)",
        f"{path}: {where['1.8', tracker.LEAD]}: the lead of action '1.8' was changed to "
        "'Someone else'; the plan file owns it (change it there, then export the tracker again)",
    ]


def test_a_typed_formula_is_refused(birmingham: sp.Plan, birmingham_tracker: Path) -> None:
    where = _cell(birmingham_tracker, "2.1", tracker.UPDATE)
    _edit(birmingham_tracker, {("2.1", tracker.UPDATE): "=A1"})
    assert _problems(birmingham, birmingham_tracker) == [
        f"{birmingham_tracker}: {where}: a formula ('=A1'); type the Update as text"
    ]


def test_an_action_in_two_trackers_is_refused(birmingham: sp.Plan, tmp_path: Path) -> None:
    first = _tracker(birmingham, tmp_path / "a.xlsx", lead="Business Unit")
    second = _tracker(birmingham, tmp_path / "b.xlsx", lead="Business Unit")
    problems = _problems(birmingham, first, second)
    assert len(problems) == len([a for a in birmingham.actions if a.lead == "Business Unit"])
    assert problems[0] == (
        f"{second}: Actions!B2: action '1.6' is also at {first}: Actions!B2; "
        "each action may be in one tracker only"
    )


def test_a_duplicated_row_is_refused(birmingham: sp.Plan, birmingham_tracker: Path) -> None:
    book = openpyxl.load_workbook(birmingham_tracker)
    sheet = book[tracker.ACTIONS]
    for column, cell in enumerate(sheet[2], start=1):
        sheet.cell(row=35, column=column, value=cell.value)
    book.save(birmingham_tracker)
    assert _problems(birmingham, birmingham_tracker) == [
        f"{birmingham_tracker}: Actions!B35: action '1.1' is also at {birmingham_tracker}: "
        "Actions!B2; each action may be in one tracker only"
    ]


def test_a_tracker_of_another_plan_is_refused(birmingham: sp.Plan, tmp_path: Path) -> None:
    other = attrs.evolve(birmingham, partnership=sp.Partnership(name="Anytown Partnership"))
    path = _tracker(other, tmp_path / "other.xlsx")
    assert _problems(birmingham, path) == [
        f"{path}: Tracker data!B2: the tracker is for partnership 'Anytown Partnership', not "
        "'Birmingham Safeguarding Children Partnership'"
    ]


def test_a_public_tracker_is_refused(birmingham: sp.Plan, tmp_path: Path) -> None:
    path = tmp_path / "public.xlsx"
    sp.export(
        birmingham, "xlsx", path, audience="public",
        plugin_manager=sp.get_plugin_manager(autoload=False),
    )  # fmt: skip
    problems = _problems(birmingham, path)
    assert problems == [
        f"{path}: Tracker data!B9: a public-audience tracker leaves restricted actions out; "
        "import a board tracker"
    ]


def test_an_added_column_would_be_lost_so_is_refused(
    birmingham: sp.Plan, birmingham_tracker: Path
) -> None:
    book = openpyxl.load_workbook(birmingham_tracker)
    book[tracker.ACTIONS]["L1"] = "My notes"
    book[tracker.ACTIONS]["L5"] = "ring Jo"
    book.save(birmingham_tracker)
    assert _problems(birmingham, birmingham_tracker) == [
        f"{birmingham_tracker}: Actions!L1: column 'My notes' is not part of the tracker and "
        "would be lost; remove it"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"plain text", "not a readable Excel workbook (.xlsx): "),
        (None, "cannot read the file: No such file or directory"),
    ],
)
def test_what_is_not_a_workbook_is_one_line(
    birmingham: sp.Plan, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "tracker.xlsx"
    if content is not None:
        path.write_bytes(content)
    problems = _problems(birmingham, path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: {message}")


def test_a_workbook_xml_bomb_is_refused(birmingham: sp.Plan, tmp_path: Path) -> None:
    source = _tracker(birmingham, tmp_path / "tracker.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    entities = (
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "]>"
    )
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(bomb, "w") as target:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                head, rest = text.split("?>", 1) if "?>" in text else ("", text)
                head = f"{head}?>" if head else ""
                data = f"{head}{entities}{rest}".replace("<sheets>", "<sheets>&i;", 1).encode()
            target.writestr(item, data)
    problems = _problems(birmingham, bomb)
    assert problems == [
        f"{bomb}: not a readable Excel workbook (.xlsx): it declares XML entities, which are "
        "refused (a workbook never needs them)"
    ]


def test_the_review_must_be_new_and_not_earlier_or_the_last(tmp_path: Path) -> None:
    plan = two_reviews()
    path = _tracker(plan, tmp_path / "t.xlsx")
    with pytest.raises(sp.ArgumentError) as caught:
        sp.import_xlsx(plan, path, "2021-11", MAY)
    assert str(caught.value) == (
        "review '2021-11' is not the plan's last ('2022-02'), and updates may be added only to "
        "the last review; choose a new id for a new review"
    )
    with pytest.raises(ValueError, match=r"as of 2021-12-31 is before the last review '2022-02'"):
        sp.import_xlsx(plan, path, "2022-05", date(2021, 12, 31))
    with pytest.raises(ValueError, match=r"^the new review '2022-05' needs the date progress"):
        sp.import_xlsx(plan, path, "2022-05")
    # The last review takes late returns, at its own date and under its own title only.
    with pytest.raises(sp.ArgumentError) as caught:
        sp.import_xlsx(plan, path, "2022-02", MAY)
    assert str(caught.value) == (
        "review '2022-02' is as of 2022-01-31, not 2022-04-30; leave the date out to add updates "
        "to it"
    )
    with pytest.raises(sp.ArgumentError) as caught:
        sp.import_xlsx(plan, path, "2022-02", title="Late")
    assert str(caught.value) == (
        "review '2022-02' is titled 'February 2022 – Update', not 'Late'; leave the title out to "
        "add updates to it"
    )


# --- the command --------------------------------------------------------------------------------


def _run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _copied_plan(folder: Path, tracker_name: str = "tracker.xlsx") -> tuple[Path, Path]:
    """Birmingham's plan file copied into ``folder``, and a tracker exported from it."""
    plan = folder / "plan.yaml"
    shutil.copy(BIRMINGHAM, plan)
    return plan, _tracker(sp.load(plan), folder / tracker_name)


def test_import_writes_the_plan_and_says_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan, path = _copied_plan(tmp_path)
    _edit(path, {("1.6", tracker.RATING): "Good progress"})
    code, out, err = _run(
        "import-xlsx", str(path), "--plan", str(plan), "--review", "2022-05",
        "--as-of", "2022-04-30", "-o", str(tmp_path / "new.yaml"), capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines() == [
        "The Plan has 4 strategic priorities and 33 actions. At the end of April 2022, 73% of "
        "the actions have been completed.",
        "Changes since February 2022 – Update:",
        "  Rating improved: 1.6 (☹️ Limited progress → 😊 Good progress)",
        "  Newly overdue: 3.4 (Not overdue → Overdue (due by 31st March 2022))",
        "Every action has an update in this review.",
    ]
    assert err.startswith(f"wrote {tmp_path / 'new.yaml'}: review '2022-05' (May 2022 – Update")
    written = sp.load(tmp_path / "new.yaml")
    assert written.reviews[-1].updates["1.6"].rating == "happy"
    assert plan.read_text(encoding="utf-8") == BIRMINGHAM.read_text(encoding="utf-8")


def test_import_never_overwrites_the_plan_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(BIRMINGHAM, plan)
    before = plan.read_bytes()
    path = _tracker(sp.load(plan), tmp_path / "tracker.xlsx")
    args = ["import-xlsx", str(path), "--plan", str(plan), "--review", "2022-05"]
    code, _, err = _run(*args, "--as-of", "2022-04-30", capsys=capsys)
    assert code == 0, err
    assert plan.read_bytes() == before
    beside = tmp_path / "plan-2022-05.yaml"
    assert [r.id for r in sp.load(beside).reviews] == ["2022-02", "2022-05"]

    code, _, err = _run(*args, "-o", str(plan), capsys=capsys)
    assert code == 2
    assert err == (
        f"safeguarding-plan: {plan}: will not overwrite the plan itself; choose another -o, "
        "or give --in-place to replace it\n"
    )
    assert plan.read_bytes() == before

    code, _, err = _run(*args, "--as-of", "2022-04-30", "--in-place", capsys=capsys)
    assert code == 0, err
    assert err.startswith(f"safeguarding-plan: note: the comments in {plan} were not kept\n")
    assert [r.id for r in sp.load(plan).reviews] == ["2022-02", "2022-05"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_import_never_replaces_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan, first = _copied_plan(tmp_path, "first.xlsx")
    _edit(first, {("1.6", tracker.RATING): "Good progress"})
    second = _tracker(sp.load(plan), tmp_path / "second.xlsx")
    args = ["--plan", str(plan), "--review", "2022-05", "--as-of", "2022-04-30"]
    code, _, err = _run("import-xlsx", str(first), *args, capsys=capsys)
    assert code == 0, err
    beside = tmp_path / "plan-2022-05.yaml"
    written = beside.read_bytes()
    for output in ([], ["-o", str(beside)]):
        code, out, err = _run("import-xlsx", str(second), *args, *output, capsys=capsys)
        assert (code, out) == (2, "")
        assert err == (
            f"safeguarding-plan: {beside}: already exists; give --force to replace it, or -o "
            "to name another file\n"
        )
        assert beside.read_bytes() == written
    code, _, err = _run("import-xlsx", str(second), *args, "--force", capsys=capsys)
    assert code == 0, err
    assert beside.read_bytes() != written


def test_import_never_writes_over_its_own_trackers_or_plan_even_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan, path = _copied_plan(tmp_path, "con.xlsx")
    (tmp_path / "link.xlsx").symlink_to(path)
    (tmp_path / "plan-link.yaml").symlink_to(plan)
    before = {p: p.read_bytes() for p in (plan, path)}
    args = ["--plan", str(plan), "--review", "2022-05", "--as-of", "2022-04-30", "--force"]
    # Compared as files, not names: another spelling or a link to one is the same file.
    for output, what in (
        (path, f"{path}, a tracker being imported; choose another -o"),
        (tmp_path / "." / "con.xlsx", f"{path}, a tracker being imported; choose another -o"),
        (tmp_path / "link.xlsx", f"{path}, a tracker being imported; choose another -o"),
        (
            tmp_path / "plan-link.yaml",
            "the plan itself; choose another -o, or give --in-place to replace it",
        ),
    ):
        code, out, err = _run("import-xlsx", str(path), *args, "-o", str(output), capsys=capsys)
        assert (code, out) == (2, "")
        assert err == f"safeguarding-plan: {output}: will not overwrite {what}\n"
        assert {p: p.read_bytes() for p in before} == before


def test_import_problems_exit_2_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    sp.dump(sp.load(BIRMINGHAM), plan)
    before = plan.read_bytes()
    path = _tracker(sp.load(plan), tmp_path / "tracker.xlsx")
    _edit(path, {("1.1", tracker.RATING): "Brilliant", ("1.2", tracker.PROGRESS): "Finished"})
    code, out, err = _run(
        "import-xlsx", str(path), "--plan", str(plan), "--review", "2022-05", capsys=capsys
    )
    assert code == 2
    assert out == ""
    assert [line.split(": ")[1] for line in err.splitlines()] == ["Actions!H2", "Actions!G3"]
    assert plan.read_bytes() == before


def test_a_failed_import_says_that_partial_would_import_the_forms_that_passed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan, _ = _copied_plan(tmp_path)
    before = plan.read_bytes()
    forms = {
        lead: _tracker(sp.load(plan), tmp_path / f"{lead}.xlsx", lead=lead, new_review="2022-05")
        for lead in ("Business Unit", "Neglect Operations Group", "Executive Board")
    }
    for form in forms.values():
        answer_every_row(form)
    _edit(forms["Executive Board"], {("4.1", tracker.RATING): "Brilliant"})
    code, out, err = _run(
        "import-xlsx", *map(str, forms.values()), "--plan", str(plan), "--review", "2022-05",
        "--as-of", "2022-04-30", capsys=capsys,
    )  # fmt: skip
    assert (code, out) == (2, "")
    lines = err.splitlines()
    (problem,) = lines[:-1]
    assert problem.startswith(f"{forms['Executive Board']}: Actions!")
    assert "unknown rating 'Brilliant'" in problem
    assert lines[-1] == (
        "safeguarding-plan: nothing was written; 2 of 3 trackers had no problem; give "
        "--partial to import them and leave out the rest"
    )
    assert plan.read_bytes() == before
    assert not (tmp_path / "plan-2022-05.yaml").exists()


def test_import_command_runs_as_a_program(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    sp.dump(sp.load(BIRMINGHAM), plan)
    path = _tracker(sp.load(plan), tmp_path / "tracker.xlsx")
    result = subprocess.run(
        [sys.executable, "-m", "safeguarding_plan", "import-xlsx", str(path), "--plan", str(plan),
         "--review", "2022-05", "--as-of", "2021-12-31"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        f"safeguarding-plan: {plan}: as of 2021-12-31 is before the last review '2022-02' "
        "(as of 2022-01-31); a new review comes after it\n"
    )


def test_export_writes_a_leads_update_form_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(
        "export", str(BIRMINGHAM), "-f", "xlsx", "--lead", "Neglect Operations Group",
        "--new-review", "2022-05", "--no-plugins", capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    form = tmp_path / "bscp-business-improvement-plan-2022-05-neglect-operations-group.xlsx"
    book = openpyxl.load_workbook(form, read_only=True)
    try:
        data = dict(book[tracker.DATA].iter_rows(values_only=True))
        rows = list(book[tracker.ACTIONS].iter_rows(values_only=True))
        ids = [r[rows[0].index(tracker.ACTION_ID)] for r in rows[1:]]
    finally:
        book.close()
    assert (data["new review"], data["lead"]) == ("2022-05", "Neglect Operations Group")
    assert ids == ["3.2", "3.3", "3.4"]
    code, _, err = _run(
        "export", str(BIRMINGHAM), "-f", "md", "--lead", "Business Unit", capsys=capsys
    )
    assert code == 2
    assert "exporter 'md' takes no option 'lead'" in err


def test_a_long_review_id_makes_default_names_that_fit_the_file_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The made-up part of a default name is cut short to fit, ending in a digest of the whole
    so that two long ids stay two files; the suffix is kept."""
    monkeypatch.chdir(tmp_path)
    limit = os.pathconf(tmp_path, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    plan = tmp_path / "plan.yaml"
    shutil.copy(BIRMINGHAM, plan)
    long_ids = [f"2022-05 {'review of the partnership ' * 12}{end}" for end in ("A", "B")]
    forms: list[Path] = []
    for review in long_ids:
        code, _, err = _run(
            "export", str(plan), "-f", "xlsx", "--new-review", review, "--no-plugins",
            capsys=capsys,
        )  # fmt: skip
        assert code == 0, err
        (form,) = {p for p in tmp_path.iterdir() if p.suffix == ".xlsx"} - set(forms)
        assert err == f"wrote {form.name} (xlsx, board)\n"
        assert len(os.fsencode(form.name)) <= limit
        assert form.name.startswith("bscp-business-improvement-plan-2022-05-review-of-the-")
        forms.append(form)
    # Imported back, the new plan's default name (beside the plan) fits too.
    answer_every_row(forms[0])
    code, _, err = _run(
        "import-xlsx", str(forms[0]), "--plan", str(plan), "--review", long_ids[0],
        "--as-of", "2022-04-30", capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    (written,) = (p for p in tmp_path.iterdir() if p.suffix == ".yaml" and p != plan)
    assert len(os.fsencode(written.name)) <= limit
    assert written.name.startswith("plan-2022-05-review-of-the-partnership-")
    assert sp.load(written).reviews[-1].id == long_ids[0]


# --- only what loads ----------------------------------------------------------------------------
# The cell checks are the bad-workbook corpus's (tests/test_bad_workbooks.py); these test what
# stands behind them: the new plan written out and read back by the loader before anything is
# written, and what the reading back refuses told at the cell the value came from.


def _plan_file(folder: Path) -> Path:
    plan = folder / "plan.yaml"
    shutil.copy(BIRMINGHAM, plan)
    return plan


def _refused_in_place(plan: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Import ``path`` into ``plan`` in place: it must be refused (exit 2) with no traceback,
    the plan byte for byte as it was and no file written; the lines on stderr."""
    before = {p.name: p.read_bytes() for p in plan.parent.iterdir() if p.is_file()}
    code, out, err = _run(
        "import-xlsx", str(path), "--plan", str(plan), "--review", "2022-05",
        "--as-of", "2022-04-30", "--in-place", capsys=capsys,
    )  # fmt: skip
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in plan.parent.iterdir() if p.is_file()} == before
    return err.splitlines()


def test_the_plan_written_is_the_text_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan_file(tmp_path)
    path = _tracker(sp.load(plan), tmp_path / "tracker.xlsx")
    _edit(path, {("1.6", tracker.DUE): "Q2 2022/23", ("1.6", tracker.DUE_DATE): date(2022, 9, 30)})
    result = importing.imported(sp.load(plan), path, "2022-05", MAY)
    assert result.data == sp.dumps(result.plan).encode("utf-8")
    assert result.plan == sp.loads(result.data)
    assert sp.import_xlsx(sp.load(plan), path, "2022-05", MAY) == result.plan
    assert result.plan.reviews[-1].updates["1.6"].due == sp.Due("Q2 2022/23", date(2022, 9, 30))
    code, _, err = _run(
        "import-xlsx", str(path), "--plan", str(plan), "--review", "2022-05",
        "--as-of", "2022-04-30", "--in-place", capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert plan.read_bytes() == result.data


@pytest.mark.parametrize(
    "spoilt",
    [
        (
            tracker.UPDATE,
            ("Training launched", "Training\x07 launched"),
            "the plan file cannot hold this update: the file holds an invisible control "
            "character (U+0007) here; delete it",
        ),
        (
            tracker.DUE_DATE,
            ("due: 30 September 2022", "due: 30 Septembre 2022"),
            "the plan file cannot hold this due date: cannot read the date '30 Septembre 2022'; "
            "write e.g. '2022-03-31', 'March 2022', 'Spring 2022', '2022/23' or 'Q3 2021/22' "
            "(did you mean '30 September 2022'?)",
        ),
    ],
    ids=["update", "due date"],
)
def test_what_the_loader_refuses_of_the_new_plan_is_told_at_its_cell(
    spoilt: tuple[str, tuple[str, str], str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Whatever the cell checks miss (here, the plan's text spoilt on its way out), the loader
    # catches, and it is told at the cell the value came from.
    plan = _plan_file(tmp_path)
    path = _tracker(sp.load(plan), tmp_path / "tracker.xlsx")
    _edit(
        path,
        {
            ("2.5", tracker.UPDATE): "Training launched in April 2022.",
            ("2.5", tracker.DUE_DATE): date(2022, 9, 30),
            ("2.5", tracker.DUE): None,
        },
    )
    column, change, message = spoilt
    where = _cell(path, "2.5", column)

    def spoil(plan: sp.Plan) -> str:
        text = sp.dumps(plan)
        assert text.count(change[0]) == 1
        return text.replace(*change)

    monkeypatch.setattr(readback, "dumps", spoil)
    assert _refused_in_place(plan, path, capsys) == [f"{path}: {where}: {message}"]


def test_a_value_that_would_read_back_otherwise_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _plan_file(tmp_path)
    path = _tracker(sp.load(plan), tmp_path / "tracker.xlsx")
    _edit(path, {("2.5", tracker.UPDATE): "Training launched in April 2022."})
    where = _cell(path, "2.5", tracker.UPDATE)
    monkeypatch.setattr(
        readback, "dumps", lambda plan: sp.dumps(plan).replace("launched", "postponed")
    )
    assert _refused_in_place(plan, path, capsys) == [
        f"{path}: {where}: this update would not read back from the plan file as written"
    ]


def test_what_the_plan_held_already_is_named_where_it_is(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    # A plan made in Python, not read from a file, may hold what no plan file can.
    first = birmingham.priorities[0]
    action = attrs.evolve(first.actions[0], due=sp.Due("when the manager starts", MAY))
    priority = attrs.evolve(first, actions=(action, *first.actions[1:]))
    plan = attrs.evolve(birmingham, priorities=(priority, *birmingham.priorities[1:]))
    path = _tracker(birmingham, tmp_path / "t.xlsx")
    assert _problems(plan, path) == [
        f"{path}: the new plan would not load, for a value it already holds (priorities › '1' "
        "› actions › '1.1' › due): cannot read the date 'when the manager starts'; write e.g. "
        "'2022-03-31', 'March 2022', 'Spring 2022', '2022/23' or 'Q3 2021/22'"
    ]


def test_the_reviews_own_title_must_load_and_fit_a_cell(
    birmingham: sp.Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _tracker(birmingham, tmp_path / "t.xlsx")
    with pytest.raises(ValueError, match=r"^the review's title is 40,000 characters; an Excel"):
        sp.import_xlsx(birmingham, path, "2022-05", MAY, title="x" * 40_000)
    monkeypatch.setattr(
        readback, "dumps", lambda plan: sp.dumps(plan).replace("title: May", "title: May\x07")
    )
    with pytest.raises(ValueError, match=r"^the review's title cannot be written") as caught:
        sp.import_xlsx(birmingham, path, "2022-05", MAY)
    assert not isinstance(caught.value, sp.PlanError)
    assert str(caught.value) == (
        "the review's title cannot be written to a plan file: the file holds an invisible "
        "control character (U+0007) here; delete it"
    )


def test_the_update_and_the_due_date_fit_the_same_cell_limit_as_the_exporter() -> None:
    fits = "x" * tracker.CELL_LIMIT
    assert tracker.too_long_for_a_cell(fits, "it") is None
    assert tracker.too_long_for_a_cell("😀" * (tracker.CELL_LIMIT // 2), "it") is None
    assert tracker.too_long_for_a_cell(fits + "x", "it") == (
        "it is 32,768 characters; an Excel cell holds at most 32,767"
    )
    assert tracker.too_long_for_a_cell("😀" * (tracker.CELL_LIMIT // 2 + 1), "it") == (
        "it is 32,768 characters; an Excel cell holds at most 32,767"
    )


@pytest.mark.parametrize(
    ("edits", "due"),
    [
        (
            {tracker.DUE: None, tracker.DUE_DATE: "31/03/2023"},
            sp.Due("31 March 2023", date(2023, 3, 31)),
        ),
        (
            {tracker.DUE: None, tracker.DUE_DATE: " by 1/3/2023 "},
            sp.Due("1 March 2023", date(2023, 3, 1)),
        ),
        (
            {tracker.DUE: None, tracker.DUE_DATE: "2023-03-31"},
            sp.Due("31 March 2023", date(2023, 3, 31)),
        ),
        (
            {tracker.DUE: " by November 2021 ", tracker.DUE_DATE: None},
            None,  # the same text but for surrounding space: no revision
        ),
        (
            {tracker.DUE: "Q4 2022/23", tracker.DUE_DATE: date(2023, 3, 31)},
            sp.Due("Q4 2022/23", date(2023, 3, 31)),
        ),
        (
            {tracker.DUE: "Q4 2022/23", tracker.DUE_DATE: None},
            sp.Due("Q4 2022/23", date(2023, 3, 31)),
        ),
        (
            {tracker.DUE: None, tracker.DUE_DATE: date(2023, 3, 31)},
            sp.Due("31 March 2023", date(2023, 3, 31)),
        ),
        ({tracker.DUE: None}, None),  # the date stays, so the due date has not moved
        ({tracker.DUE_DATE: None}, None),
        # a day as a plan file takes one, whichever mark is typed between its parts (the other
        # cell cleared, or the two would disagree)
        *(
            (
                {tracker.DUE: None, tracker.DUE_DATE: typed},
                sp.Due("30 June 2023", date(2023, 6, 30)),
            )
            for typed in ("30.06.2023", "30-06-2023", "30/06/23")
        ),
        ({tracker.DUE: "Mar-23", tracker.DUE_DATE: None}, sp.Due("Mar-23", date(2023, 3, 31))),
        (
            {tracker.DUE: "Summer term 2023", tracker.DUE_DATE: date(2023, 7, 31)},
            sp.Due("Summer term 2023", date(2023, 7, 31)),
        ),
        # no fixed date: the words, and no day
        ({tracker.DUE: "Ongoing", tracker.DUE_DATE: None}, sp.Due("Ongoing", None)),
        ({tracker.DUE: "TBC", tracker.DUE_DATE: None}, sp.Due("TBC", None)),
    ],
)
def test_a_due_date_moves_as_the_plan_file_will_read_it(
    birmingham: sp.Plan, birmingham_tracker: Path, edits: dict[str, Any], due: sp.Due | None
) -> None:
    _edit(birmingham_tracker, {("1.6", column): value for column, value in edits.items()})
    plan = sp.import_xlsx(birmingham, birmingham_tracker, "2022-05", MAY)
    assert plan.reviews[-1].updates["1.6"].due == due


@pytest.mark.parametrize(
    ("due", "typed"),
    [
        ("30/06/21", "30/06/2021"),
        ("by 30 June 2021", "30/06/2021"),
        ("Quarter 2 2021/22", "QUARTER 2 2021/22"),
        ("Quarter 2 2021/22", "Q2 2021/22"),
        ("TBC", "tbc"),
        ("To be  confirmed", " to be confirmed"),
    ],
)
def test_a_due_typed_another_way_for_the_same_day_writes_no_revision(due: str, typed: str) -> None:
    plan = two_reviews()
    first = plan.priorities[0]
    action = attrs.evolve(first.actions[0], due=sp.Due(due, resolve_due(due)))
    plan = attrs.evolve(plan, priorities=(attrs.evolve(first, actions=(action, first.actions[1])),))
    out = io.BytesIO()
    sp.export(plan, "xlsx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    book[tracker.ACTIONS][2][tracker.COLUMNS.index(tracker.DUE)].value = typed
    edited = io.BytesIO()
    book.save(edited)
    edited.seek(0)
    imported = sp.import_xlsx(plan, edited, "2022-05", MAY)
    assert imported.reviews[-1].updates["1.1"].due is None
    assert imported.states()["1.1"].due == action.due
    assert not sp.compare(imported, "2022-02", "2022-05").due_moved


@settings(max_examples=30)
@given(
    due=due_dates(),
    edit=st.sampled_from(["clear Due", "clear Due date", "respace Due", "Due in capitals"]),
)
def test_a_due_cell_cleared_or_respaced_writes_no_revision(due: sp.Due, edit: str) -> None:
    # Whatever the action's due date, a cell emptied while the other keeps it, or its text
    # typed again with other space around it or in capitals, changes nothing, so no revision
    # is written. A
    # due date with no day ("Ongoing") has an empty Due date: Due cleared then leaves nothing,
    # which is removing the due date, and refused.
    plan = two_reviews()
    first = plan.priorities[0]
    action = attrs.evolve(first.actions[0], due=due)
    plan = attrs.evolve(plan, priorities=(attrs.evolve(first, actions=(action, first.actions[1])),))
    out = io.BytesIO()
    sp.export(plan, "xlsx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    row = book[tracker.ACTIONS][2]
    column, value = {
        "clear Due": (tracker.DUE, None),
        "clear Due date": (tracker.DUE_DATE, None),
        "respace Due": (tracker.DUE, f"  {clean(due.text).strip()} "),
        "Due in capitals": (tracker.DUE, "  ".join(clean(due.text).upper().split())),
    }[edit]
    row[tracker.COLUMNS.index(column)].value = value
    edited = io.BytesIO()
    book.save(edited)
    edited.seek(0)
    if edit == "clear Due" and due.last_day is None:
        with pytest.raises(sp.PlanError) as caught:
            sp.import_xlsx(plan, edited, "2022-05", MAY)
        assert [str(p) for p in caught.value.problems] == [
            f"<stream>: {tracker.ACTIONS}!E2: the due date was cleared; a tracker can move a due "
            "date but not remove it"
        ]
        return
    assert sp.import_xlsx(plan, edited, "2022-05", MAY).reviews[-1].updates["1.1"].due is None


# Any value a lead can put in a cell: text openpyxl writes (no C0 control characters, which
# no workbook holds), tricky text, numbers, truth values and dates.
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30).map(
    lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)
)
_TRICKY = st.sampled_from(
    [
        "When the new manager starts", "31/02/2023", "31/03/2023", " by 31/03/2023", "March 2023",
        "Q4 2022/23", "31/03/23", "2023-03-31", "Spring 2023", "2301", "Complete", "cancelled",
        "Ongoing", "TBC", "30.06.2023", "06/30/2023", "Mar-23", "Summer term 2023",
        "Good progress", "😊", "☹️ Limited progress", "  ", "~", "null", "yes", "1e3", "- item",
        "# note", "'quoted'", 'say "no"', "a: b", "\u2028", "\x85", "\x9b", "\x7f", "\ufeff",
        "=1+1", "+44", "@here", "😀" * 16_384, "x" * 32_767, "line\nbreak\r\nand more",
    ]
)  # fmt: skip
_CELLS = st.one_of(
    st.none(),
    _TEXT,
    _TRICKY,
    st.integers(-5, 80_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(date(1900, 1, 1), date(9999, 12, 31)),
)
_KEEP = object()
"""The cell as the tracker was written."""


def _cell_of(*right: Any) -> st.SearchStrategy[Any]:
    """A cell: as written, or one of the ``right`` values for it (each twice as likely as),
    or anything at all."""
    kinds = {"keep": st.just(_KEEP), "right": st.sampled_from(right), "any": _CELLS}
    return st.sampled_from(["keep", "right", "any", "keep", "right"]).flatmap(kinds.__getitem__)


_PLAN_TEXT = sp.dumps(two_reviews())
_SUGGESTED = re.compile(r"(?:such as|here,) ([^ ,;]+)")


@functools.cache
def _two_action_tracker() -> bytes:
    out = io.BytesIO()
    sp.export(two_reviews(), "xlsx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    return out.getvalue()


@settings(max_examples=50)
@given(
    due=_cell_of("by March 2023", "Q4 2022/23", "2023", "22nd April 2023", "Ongoing", None),
    due_date=_cell_of(date(2023, 3, 31), "31/03/2023", None),
    progress=_cell_of(*(p.label for p in sp.Progress)),
    rating=_cell_of("Good progress", "no progress", "😊", None),
    update=_cell_of("Published in April.", "=cmd|' /C calc'!A0", None),
)
def test_any_cell_is_refused_at_its_cell_or_makes_a_plan_that_loads_and_exports(
    due: Any, due_date: Any, progress: Any, rating: Any, update: Any
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        plan = folder / "plan.yaml"
        plan.write_text(_PLAN_TEXT, encoding="utf-8")
        path = folder / "tracker.xlsx"
        path.write_bytes(_two_action_tracker())
        book = openpyxl.load_workbook(path)
        row = book[tracker.ACTIONS][2]
        for column, value in {
            tracker.DUE: due,
            tracker.DUE_DATE: due_date,
            tracker.PROGRESS: progress,
            tracker.RATING: rating,
            tracker.UPDATE: update,
        }.items():
            if value is not _KEEP:
                row[tracker.COLUMNS.index(column)].value = value
        book.save(path)
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(
                [
                    "import-xlsx", str(path), "--plan", str(plan), "--review", "2022-05",
                    "--as-of", "2022-04-30", "--in-place",
                ]
            )  # fmt: skip
        event("imported" if code == 0 else "refused")
        if code == 0:
            written = sp.load(plan)
            assert written.reviews[-1].id == "2022-05"
            manager = sp.get_plugin_manager(autoload=False)
            sp.export(written, "xlsx", io.BytesIO(), plugin_manager=manager)
            return
        assert code == 2
        assert out.getvalue() == ""
        lines = err.getvalue().splitlines()
        assert lines
        for line in lines:
            assert re.match(rf"{re.escape(str(path))}: {tracker.ACTIONS}![A-J]2: \S", line), line
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
        # A Due date refused never has itself as the example of what to write instead.
        if isinstance(due_date, str) and due_date is not _KEEP:
            for line in lines:
                if line.startswith(f"{path}: {tracker.ACTIONS}!F2: "):
                    for suggested in _SUGGESTED.findall(line):
                        assert suggested != due_date.strip(), line


@pytest.mark.parametrize(
    ("edits", "column", "message"),
    [
        (
            {tracker.DUE: "Ongoing", tracker.DUE_DATE: date(2023, 3, 31)},
            tracker.DUE,
            "Due 'Ongoing' names no fixed date, but the Due date is 31/03/2023; make them agree, "
            "or clear Due to keep the Due date",
        ),
        (
            {tracker.DUE_DATE: "Ongoing"},
            tracker.DUE_DATE,
            "due date 'Ongoing' names no fixed date; put it under 'Due' and leave the Due date "
            "empty",
        ),
        (
            {tracker.DUE_DATE: "06/30/2023"},
            tracker.DUE_DATE,
            "due date '06/30/2023' is not a real date; write the day first (did you mean "
            "'30/06/2023'?); enter a day such as 31/03/2023",
        ),
    ],
)
def test_a_due_date_with_no_fixed_day_or_written_month_first_is_told_at_its_cell(
    birmingham: sp.Plan,
    birmingham_tracker: Path,
    edits: dict[str, Any],
    column: str,
    message: str,
) -> None:
    where = _cell(birmingham_tracker, "1.6", column)
    _edit(birmingham_tracker, {("1.6", name): value for name, value in edits.items()})
    assert _problems(birmingham, birmingham_tracker) == [
        f"{birmingham_tracker}: {where}: {message}"
    ]


def test_a_due_date_given_to_an_action_with_no_fixed_date_must_agree_with_its_due(
    tmp_path: Path,
) -> None:
    # Due still says 'Ongoing' beside a new Due date: the two disagree, so neither is taken
    # over the other; Due cleared, the new day is the due date.
    plan = sp.loads(_PLAN_TEXT.replace("due: by March 2022", "due: Ongoing"))
    path = _edit(
        _tracker(plan, tmp_path / "t.xlsx"), {("1.2", tracker.DUE_DATE): date(2022, 9, 30)}
    )
    assert _problems(plan, path) == [
        f"{path}: {_cell(path, '1.2', tracker.DUE_DATE)}: the Due date is 30/09/2022, but Due "
        "'Ongoing' names no fixed date; make them agree, or clear Due to keep the Due date"
    ]
    _edit(path, {("1.2", tracker.DUE): None})
    moved = sp.import_xlsx(plan, path, "2022-05", MAY).reviews[-1].updates["1.2"].due
    assert moved == sp.Due("30 September 2022", date(2022, 9, 30))


def test_an_action_with_no_fixed_date_comes_back_as_it_was(tmp_path: Path) -> None:
    plan = sp.loads(_PLAN_TEXT.replace("due: by March 2022", "due: Ongoing"))
    path = _tracker(plan, tmp_path / "t.xlsx")
    imported = sp.import_xlsx(plan, path, "2022-05", MAY)
    assert imported.reviews[-1].updates["1.2"].due is None  # not moved
    assert imported.states()["1.2"].due == sp.Due("Ongoing", None)
    assert sp.loads(sp.dumps(imported)) == imported

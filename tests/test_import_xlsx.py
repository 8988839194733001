"""Reading edited trackers back as a new review: the API and ``safeguarding-plan import-xlsx``."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from conftest import BIRMINGHAM
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import plans, texts

import safeguarding_plan as sp
from safeguarding_plan import tracker
from safeguarding_plan.cli import main
from safeguarding_plan.text import clean

MAY = date(2022, 4, 30)


def _tracker(plan: sp.Plan, path: Path, **options: Any) -> Path:
    sp.export(plan, "xlsx", path, plugin_manager=sp.get_plugin_manager(autoload=False), **options)
    return path


def _edit(path: Path, edits: dict[tuple[str, str], Any]) -> Path:
    """Set cells of the Actions sheet: ``{(action id, column name): value}``."""
    book = openpyxl.load_workbook(path)
    sheet = book[tracker.ACTIONS]
    header = [c.value for c in sheet[1]]
    rows = {row[header.index(tracker.ACTION_ID)].value: row for row in sheet.iter_rows(min_row=2)}
    for (action_id, column), value in edits.items():
        rows[action_id][header.index(column)].value = value
    book.save(path)
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


def test_an_update_nothing_can_carry_comes_back_marked(birmingham: sp.Plan, tmp_path: Path) -> None:
    update = sp.ActionUpdate(progress=sp.Progress.COMPLETE, note="Done\x07 and \ufffe dusted")
    review = attrs.evolve(birmingham.reviews[0], updates={"1.1": update})
    plan = attrs.evolve(birmingham, reviews=(review,))
    imported = sp.import_xlsx(plan, _tracker(plan, tmp_path / "t.xlsx"), "2022-05", MAY)
    assert imported.reviews[-1].updates["1.1"].note == "Done\ufffd and \ufffd dusted"


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
    _edit(
        birmingham_tracker,
        {
            ("1.6", tracker.DUE_DATE): date(2022, 9, 30),
            ("2.3", tracker.DUE): "by December 2022",
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
    plan = sp.import_xlsx(birmingham, [business, neglect], "2022-05", MAY)
    updated = set(plan.reviews[-1].updates)
    leads = {a.id: a.lead for a in birmingham.actions}
    assert updated == {
        i for i, lead in leads.items() if lead in ("Business Unit", "Neglect Operations Group")
    }
    assert plan.reviews[-1].updates["3.4"].progress is sp.Progress.COMPLETE
    assert [c.action_id for c in sp.compare(plan, "2022-02", "2022-05").newly_complete] == ["3.4"]


def test_an_update_form_is_for_its_own_review(birmingham: sp.Plan, tmp_path: Path) -> None:
    form = _tracker(birmingham, tmp_path / "form.xlsx", new_review="2022-05")
    plan = sp.import_xlsx(birmingham, form, "2022-05", MAY)
    review = plan.reviews[-1]
    assert all(u.note is None for u in review.updates.values())
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
        "In progress, Complete, Deferred, Cancelled",
        f"{path}: {where['1.3', tracker.ACTION]}: the action text of action '1.3' was changed to "
        "'A different action'; the plan file owns it (change it there, then export the tracker "
        "again)",
        f"{path}: {where['1.4', tracker.DUE_DATE]}: due date 'soon' is not a date; enter e.g. "
        "31/03/2023",
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
        f"{path}: Tracker data!B8: a public-audience tracker leaves restricted actions out; "
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


def test_the_review_must_be_new_and_not_earlier(birmingham: sp.Plan, tmp_path: Path) -> None:
    path = _tracker(birmingham, tmp_path / "t.xlsx")
    with pytest.raises(ValueError, match="already has a review '2022-02'"):
        sp.import_xlsx(birmingham, path, "2022-02", MAY)
    with pytest.raises(ValueError, match=r"as of 2021-12-31 is before the last review '2022-02'"):
        sp.import_xlsx(birmingham, path, "2022-05", date(2021, 12, 31))


# --- the command --------------------------------------------------------------------------------


def _run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_the_plan_and_says_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(BIRMINGHAM, plan)
    path = _tracker(sp.load(plan), tmp_path / "tracker.xlsx")
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


def test_import_command_runs_as_a_program(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    sp.dump(sp.load(BIRMINGHAM), plan)
    path = _tracker(sp.load(plan), tmp_path / "tracker.xlsx")
    result = subprocess.run(
        [sys.executable, "-m", "safeguarding_plan", "import-xlsx", str(path), "--plan", str(plan),
         "--review", "2022-02"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        f"safeguarding-plan: {plan}: the plan already has a review '2022-02'; choose a new id\n"
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
        ids = [r[1] for r in book[tracker.ACTIONS].iter_rows(min_row=2, values_only=True)]
    finally:
        book.close()
    assert (data["new review"], data["lead"]) == ("2022-05", "Neglect Operations Group")
    assert ids == ["3.2", "3.3", "3.4"]
    code, _, err = _run(
        "export", str(BIRMINGHAM), "-f", "md", "--lead", "Business Unit", capsys=capsys
    )
    assert code == 2
    assert "exporter 'md' takes no option 'lead'" in err

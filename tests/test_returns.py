"""Returns as they come back: late ones added to the review they belong to, a partial import
that takes the trackers that pass, a lead's form that lost or gained a row, columns read by
their headings, and who has not returned yet."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from conftest import BIRMINGHAM, answer_every_row, two_reviews
from conftest import fill_in as _edit
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.formats.xlsx import importing, readback
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.reporting.sentences import not_updated_sentence
from safeguarding_plan.reporting.wording import WORDS

MAY = date(2022, 4, 30)
NEGLECT = "Neglect Operations Group"
BUSINESS = "Business Unit"


def _form(plan: sp.Plan, path: Path, *, answered: bool = True, **options: Any) -> Path:
    """The tracker the exporter writes with ``options``: an update form for May, by default,
    with an update on every row (``answered``) as a lead returns it."""
    options = {"new_review": "2022-05"} | options
    sp.export(
        plan, "xlsx", path, plugin_manager=sp.get_plugin_manager(autoload=False), options=options
    )
    return answer_every_row(path) if answered else path


def _at(path: Path, column: str, row: int) -> str:
    """``Actions!C3``: where the tracker at ``path`` holds ``column`` on row ``row``, found by
    its heading (an update form's columns are not a tracker's)."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        header = next(book[tracker.ACTIONS].iter_rows(max_row=1, values_only=True))
    finally:
        book.close()
    return f"{tracker.ACTIONS}!{get_column_letter(header.index(column) + 1)}{row}"


def _ids(plan: sp.Plan, lead: str) -> list[str]:
    return [a.id for a in plan.actions if a.lead == lead]


def _problems(*args: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(*args, **kwargs)
    return [str(p) for p in caught.value.problems]


# -- late returns ---------------------------------------------------------------------------


def test_a_late_return_is_added_to_the_review_at_its_own_date(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    business = _edit(
        _form(birmingham, tmp_path / "business.xlsx", lead=BUSINESS),
        {("1.6", tracker.UPDATE): "Redesign started."},
    )
    neglect = _edit(
        _form(birmingham, tmp_path / "neglect.xlsx", lead=NEGLECT),
        {("3.4", tracker.PROGRESS): "Complete", ("3.4", tracker.UPDATE): "Published."},
    )
    first = sp.import_xlsx(birmingham, business, "2022-05", MAY, title="May 2022 – Update")
    second = sp.import_xlsx(first, neglect, "2022-05")
    assert second.reviews[0] == birmingham.reviews[0]
    review = second.reviews[-1]
    assert (review.id, review.title, review.as_of) == ("2022-05", "May 2022 – Update", MAY)
    ids = _ids(birmingham, BUSINESS) + _ids(birmingham, NEGLECT)
    assert list(review.updates) == [a.id for a in birmingham.actions if a.id in ids]
    assert {i: u for i, u in review.updates.items() if i in first.reviews[-1].updates} == dict(
        first.reviews[-1].updates
    )
    assert review.updates["3.4"].progress is sp.Progress.COMPLETE
    assert review.updates["1.6"].note == "Redesign started."
    assert sp.loads(sp.dumps(second)) == second


def test_an_action_updated_already_is_refused_at_its_row_unless_replaced(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    neglect = _form(birmingham, tmp_path / "neglect.xlsx", lead=NEGLECT)
    first = sp.import_xlsx(birmingham, neglect, "2022-05", MAY)
    # The business manager withholds one update from the public, then the lead corrects it.
    review = first.reviews[-1]
    evidence = (sp.Evidence("Pilot plans", document="Neglect Operations Group minutes"),)
    withheld = attrs.evolve(review.updates["3.3"], restricted=True, evidence=evidence)
    first = attrs.evolve(
        first,
        reviews=(
            *first.reviews[:-1],
            attrs.evolve(review, updates=dict(review.updates) | {"3.3": withheld}),
        ),
    )
    _edit(neglect, {("3.3", tracker.UPDATE): "Both pilots report in June."})
    assert _problems(first, neglect, "2022-05") == [
        f"{neglect}: {_at(neglect, tracker.ACTION_ID, row)}: action '{i}' already has an "
        "update in review '2022-05'; import with --replace to replace that update, or leave "
        "this form out of the import"
        for row, i in enumerate(_ids(birmingham, NEGLECT), start=2)
    ]
    result = importing.imported(first, neglect, "2022-05", replace=True)
    assert result.late
    assert result.replaced == result.updated == tuple(_ids(birmingham, NEGLECT))
    update = result.plan.reviews[-1].updates["3.3"]
    assert update.note == "Both pilots report in June."
    assert update.restricted  # a withheld update stays withheld
    assert update.evidence == evidence  # and what a form has no column for stays


def test_a_tracker_of_every_lead_may_have_the_row_of_an_action_updated_already_removed(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    neglect = _form(birmingham, tmp_path / "neglect.xlsx", lead=NEGLECT)
    first = sp.import_xlsx(birmingham, neglect, "2022-05", MAY)
    every = _form(birmingham, tmp_path / "every.xlsx")
    problems = _problems(first, every, "2022-05")
    assert problems == [
        f"{every}: {_at(every, tracker.ACTION_ID, row)}: action '{i}' already has an update in "
        "review '2022-05'; import with --replace to replace that update, or remove the row"
        for row, i in enumerate((a.id for a in birmingham.actions), start=2)
        if i in _ids(birmingham, NEGLECT)
    ]
    # As advised: without those rows, the tracker goes in.
    rows = [int(p.split(": ")[1].split("!")[1].lstrip("ABCDEFGHIJKLM")) for p in problems]
    plan = sp.import_xlsx(first, _delete_rows(every, *rows), "2022-05")
    assert sp.score(plan).not_updated == ()


def test_two_trackers_of_one_import_may_not_both_update_an_action_even_to_replace(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    first = _form(birmingham, tmp_path / "first.xlsx", lead=NEGLECT)
    second = _form(birmingham, tmp_path / "second.xlsx", lead=NEGLECT)
    plan = sp.import_xlsx(birmingham, first, "2022-05", MAY)
    assert _problems(plan, [first, second], "2022-05", replace=True) == [
        f"{second}: {_at(second, tracker.ACTION_ID, row)}: action '{i}' is also at {first}: "
        f"{_at(first, tracker.ACTION_ID, row)}; each "
        "action may be in one tracker only"
        for row, i in enumerate(_ids(birmingham, NEGLECT), start=2)
    ]


def test_a_tracker_of_the_review_it_corrects_keeps_what_that_review_moved(
    tmp_path: Path,
) -> None:
    plan = two_reviews()
    review = plan.reviews[-1]
    moved = attrs.evolve(review.updates["1.2"], due=sp.Due("June 2022", date(2022, 6, 30)))
    plan = attrs.evolve(
        plan,
        reviews=(
            plan.reviews[0],
            attrs.evolve(review, updates=dict(review.updates) | {"1.2": moved}),
        ),
    )
    path = _edit(
        _form(plan, tmp_path / "tracker.xlsx", new_review=None),
        {("1.2", tracker.UPDATE): "Postponed to June."},
    )
    corrected = sp.import_xlsx(plan, path, "2022-02", replace=True)
    updates = corrected.reviews[-1].updates
    assert updates["1.2"] == attrs.evolve(moved, note="Postponed to June.")
    assert updates["1.1"] == review.updates["1.1"]
    assert corrected.states()["1.2"].due == moved.due


# -- a partial import -------------------------------------------------------------------------


def test_a_partial_import_takes_the_trackers_that_pass_and_lists_the_rest(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    good = _form(birmingham, tmp_path / "good.xlsx", lead=NEGLECT)
    bad = _edit(
        _form(birmingham, tmp_path / "bad.xlsx", lead=BUSINESS),
        {("1.6", tracker.RATING): "Brilliant", ("1.7", tracker.PROGRESS): None},
    )
    everything = _problems(birmingham, [good, bad], "2022-05", MAY)
    result = importing.imported(birmingham, [good, bad], "2022-05", MAY, partial=True)
    assert result.trackers == (str(good),)
    assert result.rejected == (importing.Rejected(str(bad), result.rejected[0].problems),)
    assert [str(p) for p in result.rejected[0].problems] == everything
    assert len(everything) == 2
    assert list(result.plan.reviews[-1].updates) == _ids(birmingham, NEGLECT)
    assert result.plan == sp.loads(result.data or b"")


def test_a_partial_import_leaves_out_a_tracker_the_new_plan_refuses(
    birmingham: sp.Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What reading the new plan back refuses is told at a cell, and that tracker left out.
    good = _form(birmingham, tmp_path / "good.xlsx", lead=NEGLECT)
    spoilt = _edit(
        _form(birmingham, tmp_path / "spoilt.xlsx", lead=BUSINESS),
        {("1.6", tracker.UPDATE): "Redesign started."},
    )
    monkeypatch.setattr(
        readback,
        "dumps",
        lambda plan: sp.dumps(plan).replace("Redesign started.", "Redesign\x07 started."),
    )
    result = importing.imported(birmingham, [good, spoilt], "2022-05", MAY, partial=True)
    assert [(r.file, [str(p) for p in r.problems]) for r in result.rejected] == [
        (
            str(spoilt),
            [
                f"{spoilt}: {_at(spoilt, tracker.UPDATE, 2)}: the plan file cannot hold this "
                "update: the file holds an invisible control character (U+0007) here; delete it"
            ],
        )
    ]
    assert list(result.plan.reviews[-1].updates) == _ids(birmingham, NEGLECT)


def _run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], list[str]]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_a_partial_import_with_every_tracker_rejected_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(BIRMINGHAM, "plan.yaml")
    _edit(
        _form(sp.load("plan.yaml"), Path("bad.xlsx"), lead=NEGLECT), {("3.2", tracker.RATING): "?"}
    )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    code, out, err = _run(
        "import-xlsx", "bad.xlsx", "--plan", "plan.yaml", "--review", "2022-05",
        "--as-of", "2022-04-30", "--partial", capsys=capsys,
    )  # fmt: skip
    assert (code, out) == (1, [])
    assert err == [
        "safeguarding-plan: bad.xlsx: not imported, 1 problem:",
        f"bad.xlsx: {_at(Path('bad.xlsx'), tracker.RATING, 2)}: unknown rating '?'; the plan's "
        "scale has Good progress, Some progress, Limited progress, No progress",
        "safeguarding-plan: no tracker could be imported; nothing was written",
    ]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


# -- a lead's form lists every action of that lead, and only those -------------------------


def _delete_rows(path: Path, *numbers: int) -> Path:
    book = openpyxl.load_workbook(path)
    for number in sorted(numbers, reverse=True):
        book[tracker.ACTIONS].delete_rows(number)
    book.save(path)
    return path


@pytest.mark.parametrize(("deleted", "where"), [((3,), [3]), ((4,), [4]), ((2, 3), [2, 2])])
def test_a_row_deleted_from_a_leads_form_is_told_where_it_was(
    birmingham: sp.Plan, tmp_path: Path, deleted: tuple[int, ...], where: list[int]
) -> None:
    path = _delete_rows(_form(birmingham, tmp_path / "neglect.xlsx", lead=NEGLECT), *deleted)
    missing = [_ids(birmingham, NEGLECT)[n - 2] for n in deleted]
    assert _problems(birmingham, path, "2022-05", MAY) == [
        f"{path}: {_at(path, tracker.ACTION_ID, row)}: the row for action '{i}' is missing, and "
        f"this form is for every action of '{NEGLECT}'; put the row back here (export the form "
        "again to copy it)"
        for row, i in zip(where, missing, strict=True)
    ]


def test_a_row_added_to_a_leads_form_is_refused(birmingham: sp.Plan, tmp_path: Path) -> None:
    business = _form(birmingham, tmp_path / "business.xlsx", lead=BUSINESS)
    path = _form(birmingham, tmp_path / "neglect.xlsx", lead=NEGLECT)
    book = openpyxl.load_workbook(path)
    source = openpyxl.load_workbook(business, read_only=True)
    copied = next(source[tracker.ACTIONS].iter_rows(min_row=2, max_row=2, values_only=True))
    source.close()
    book[tracker.ACTIONS].append(copied)
    book.save(path)
    assert _problems(birmingham, path, "2022-05", MAY) == [
        f"{path}: {_at(path, tracker.ACTION_ID, 5)}: action '1.6' is led by '{BUSINESS}', and "
        f"this form is for '{NEGLECT}'; remove the row (the action is on its own lead's form)"
    ]


def test_a_row_whose_id_matches_no_action_is_told_once(birmingham: sp.Plan, tmp_path: Path) -> None:
    path = _edit(
        _form(birmingham, tmp_path / "neglect.xlsx", lead=NEGLECT),
        {("3.3", tracker.ACTION_ID): "3.30"},
    )
    assert _problems(birmingham, path, "2022-05", MAY) == [
        f"{path}: {_at(path, tracker.ACTION_ID, 3)}: no action '3.30' in the plan "
        "(did you mean '3.3'?)"
    ]


def test_a_tracker_of_every_lead_may_leave_rows_out_which_stay_outstanding(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    path = _delete_rows(_form(birmingham, tmp_path / "all.xlsx"), 2, 3)
    plan = sp.import_xlsx(birmingham, path, "2022-05", MAY)
    assert sp.score(plan).not_updated == ("1.1", "1.2")


# -- columns, by their headings ---------------------------------------------------------------


def _move_column(path: Path, heading: str, to: int) -> None:
    """The column ``heading`` cut and put back as column ``to``, as a lead drags it."""
    book = openpyxl.load_workbook(path)
    sheet = book[tracker.ACTIONS]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    at = rows[0].index(heading)
    for number, row in enumerate(rows, start=1):
        row.insert(to - 1, row.pop(at))
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column).value = value
    book.save(path)


def test_columns_are_read_by_their_headings_wherever_they_stand(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    edits = {("1.6", tracker.UPDATE): "Redesign started.", ("1.6", tracker.RATING): "Good progress"}
    plain = _edit(_form(birmingham, tmp_path / "plain.xlsx"), edits)
    moved = _edit(_form(birmingham, tmp_path / "moved.xlsx"), edits)
    _move_column(moved, tracker.UPDATE, 1)
    _move_column(moved, tracker.RATING, 3)
    assert sp.import_xlsx(birmingham, moved, "2022-05", MAY) == sp.import_xlsx(
        birmingham, plain, "2022-05", MAY
    )


def test_a_column_only_shown_is_never_read(
    birmingham: sp.Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = _edit(_form(birmingham, tmp_path / "plain.xlsx"), {("1.6", tracker.UPDATE): "Started."})
    shown = tmp_path / "shown.xlsx"
    shutil.copy(plain, shown)
    book = openpyxl.load_workbook(shown)
    sheet = book[tracker.ACTIONS]
    sheet.insert_cols(3)
    sheet.cell(row=1, column=3, value="Contact")
    sheet.cell(row=2, column=3, value="Anything at all")
    sheet.cell(row=3, column=3, value="=A1")
    book.save(shown)
    # A column the tracker's layout lists but the importer does not read (a contact for the
    # lead, say): whatever it holds, it is passed over, and a tracker without it imports the
    # same.
    monkeypatch.setattr(tracker, "COLUMNS", (*tracker.COLUMNS, "Contact"))
    expected = sp.import_xlsx(birmingham, plain, "2022-05", MAY)
    assert sp.import_xlsx(birmingham, shown, "2022-05", MAY) == expected
    assert expected.reviews[-1].updates["1.6"].note == "Started."


@pytest.mark.parametrize("column", tracker.SHOWN)
def test_a_forms_own_columns_are_read_by_heading_and_an_edit_in_one_is_refused(
    birmingham: sp.Plan, tmp_path: Path, column: str
) -> None:
    # An update form's Priority title, Due status and Previous update are never read into the
    # plan; dragged elsewhere they are still found, and text typed into one is refused where
    # it now stands, as where it was, not lost.
    form = _form(birmingham, tmp_path / "neglect.xlsx", lead=NEGLECT)
    plan = sp.import_xlsx(birmingham, form, "2022-05", MAY)
    moved = tmp_path / "moved.xlsx"
    shutil.copy(form, moved)
    _move_column(moved, column, 1)
    assert sp.import_xlsx(birmingham, moved, "2022-05", MAY) == plan
    for path in (form, moved):
        _edit(path, {("3.2", column): "Met in March"})
    (problem,) = _problems(birmingham, form, "2022-05", MAY)
    assert "'Met in March'" in problem
    assert _problems(birmingham, moved, "2022-05", MAY) == [
        problem.replace(f"{form}: {_at(form, column, 2)}: ", f"{moved}: {tracker.ACTIONS}!A2: ")
    ]


# -- who has not returned ---------------------------------------------------------------------


def test_the_score_lists_the_actions_and_leads_with_no_update(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    neglect = _form(birmingham, tmp_path / "neglect.xlsx", lead=NEGLECT)
    plan = sp.import_xlsx(birmingham, neglect, "2022-05", MAY)
    result = sp.score(plan)
    others = [a for a in birmingham.actions if a.lead != NEGLECT]
    assert result.not_updated == tuple(a.id for a in others)
    leads = list(dict.fromkeys(a.lead for a in others))
    assert [lead.lead for lead in result.not_updated_by_lead] == leads
    business = next(lead for lead in result.not_updated_by_lead if lead.lead == BUSINESS)
    assert business.actions == tuple(_ids(birmingham, BUSINESS))
    assert business.lead_actions == len(business.actions)
    assert result.to_dict()["not_updated_by_lead"][0] == {
        "lead": leads[0],
        "actions": _ids(birmingham, leads[0]),
        "lead_actions": len(_ids(birmingham, leads[0])),
    }
    assert sp.score(birmingham).not_updated == ()
    assert not_updated_sentence(birmingham, sp.score(birmingham)) == (
        "Every action has an update in this review."
    )


def test_the_sentence_names_each_lead_and_what_of_theirs_is_outstanding() -> None:
    plan = two_reviews()
    first, second = plan.priorities[0].actions
    orphan = sp.Action("1.3", "Review the plan")
    priority = attrs.evolve(plan.priorities[0], actions=(first, second, orphan))
    extra = sp.Action("1.4", "Hold the conference", lead=first.lead)
    priority = attrs.evolve(priority, actions=(*priority.actions, extra))
    review = sp.Review("2022-05", "May", MAY, updates={"1.1": sp.ActionUpdate(note="Done.")})
    plan = attrs.evolve(plan, priorities=(priority,), reviews=(*plan.reviews, review))
    assert not_updated_sentence(plan, sp.score(plan)) == (
        "No update in this review for 3 of 4 actions, from 2 of 2 leads: Independent Chair "
        f"(1.2); {WORDS.no_lead} (1.3); Business Unit (1.4: 1 of its 2 actions)."
    )
    unreviewed = attrs.evolve(plan, reviews=())
    assert not_updated_sentence(unreviewed, sp.score(unreviewed)) is None


def test_a_public_report_names_no_lead_of_an_action_it_withholds() -> None:
    plan = two_reviews()
    first, second = plan.priorities[0].actions
    priority = attrs.evolve(
        plan.priorities[0], actions=(first, attrs.evolve(second, restricted=True))
    )
    review = sp.Review("2022-05", "May", MAY, updates={"1.1": sp.ActionUpdate(note="Done.")})
    plan = attrs.evolve(plan, priorities=(priority,), reviews=(*plan.reviews, review))
    board = sp.report(plan).score.not_updated_by_lead
    public = sp.report(plan, audience="public").score.not_updated_by_lead
    assert [(lead.lead, lead.actions, lead.lead_actions) for lead in board] == [
        (second.lead, ("1.2",), 1)
    ]
    assert [(lead.lead, lead.actions, lead.lead_actions) for lead in public] == [
        (None, ("1.2",), 1)
    ]


# -- rows left as sent --------------------------------------------------------------------------


@settings(max_examples=8, deadline=None)
@given(
    filled=st.dictionaries(
        st.sampled_from(["3.2", "3.3", "3.4"]),
        st.sampled_from(
            [
                {tracker.UPDATE: "Met in March."},
                {tracker.PROGRESS: "Not started"},
                {tracker.RATING: "Limited progress"},
                {tracker.DUE: "March 2023", tracker.DUE_DATE: None},
                {tracker.DUE_DATE: date(2023, 3, 31), tracker.DUE: None},
            ]
        ),
    )
)
def test_a_row_left_as_sent_is_no_update_and_stays_outstanding(
    tmp_path_factory: pytest.TempPathFactory, filled: dict[str, Any]
) -> None:
    # Whatever a lead fills in on some rows, only those rows become updates; a row left as
    # the form was sent (its progress, rating and due date as they were) is no return.
    birmingham = sp.load(BIRMINGHAM)
    folder = tmp_path_factory.mktemp("form")
    form = _form(birmingham, folder / "neglect.xlsx", answered=False, lead=NEGLECT)
    _edit(form, {(i, column): v for i, cells in filled.items() for column, v in cells.items()})
    result = importing.imported(birmingham, form, "2022-05", MAY)
    left = tuple(i for i in _ids(birmingham, NEGLECT) if i not in filled)
    assert result.updated == tuple(sorted(filled))
    assert result.untouched == ((importing.Untouched(str(form), left, 3),) if left else ())
    if not filled:
        assert (result.plan, result.data) == (birmingham, None)
    else:
        assert set(sp.score(result.plan).not_updated) >= set(left)


def test_the_command_says_which_rows_were_left_as_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(BIRMINGHAM, plan)
    business = _form(sp.load(plan), tmp_path / "bu.xlsx", answered=False, lead=BUSINESS)
    neglect = _form(sp.load(plan), tmp_path / "neglect.xlsx", answered=False, lead=NEGLECT)
    _edit(neglect, {("3.4", tracker.UPDATE): "Published."})
    args = ["--plan", str(plan), "--review", "2022-05", "--as-of", "2022-04-30"]
    code, _, err = _run("import-xlsx", str(business), *args, capsys=capsys)
    assert code == 0
    ids = ", ".join(_ids(sp.load(plan), BUSINESS))
    assert err == [
        f"safeguarding-plan: {business}: nothing filled in on any of its 12 rows, so nothing "
        f"of it was imported: {ids}",
        "safeguarding-plan: no update was filled in; nothing was written",
    ]
    assert not (tmp_path / "plan-2022-05.yaml").exists()
    code, out, err = _run("import-xlsx", str(business), str(neglect), *args, capsys=capsys)
    assert code == 0
    assert err[:2] == [
        f"safeguarding-plan: {business}: nothing filled in on any of its 12 rows, so nothing "
        f"of it was imported: {ids}",
        f"safeguarding-plan: {neglect}: 2 rows with nothing filled in, left without an "
        "update: 3.2, 3.3",
    ]
    assert err[2].endswith("with 1 update from 2 trackers")
    assert out[-1].startswith("No update in this review for 32 of 33 actions")
    assert f"{BUSINESS} ({ids})" in out[-1]


def test_a_row_left_as_sent_never_replaces_an_update(birmingham: sp.Plan, tmp_path: Path) -> None:
    form = _form(birmingham, tmp_path / "neglect.xlsx", lead=NEGLECT)
    first = sp.import_xlsx(birmingham, form, "2022-05", MAY)
    again = _form(birmingham, tmp_path / "again.xlsx", answered=False, lead=NEGLECT)
    _edit(again, {("3.3", tracker.UPDATE): "Both pilots report in June."})
    result = importing.imported(first, again, "2022-05", replace=True)
    assert result.replaced == result.updated == ("3.3",)
    updates = result.plan.reviews[-1].updates
    assert updates["3.3"].note == "Both pilots report in June."
    assert {i: updates[i] for i in ("3.2", "3.4")} == {
        i: first.reviews[-1].updates[i] for i in ("3.2", "3.4")
    }


@pytest.mark.parametrize("again", ["same", "other spelling"])
def test_a_form_given_twice_is_one_line_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, again: str
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(BIRMINGHAM, "plan.yaml")
    _form(sp.load("plan.yaml"), tmp_path / "bu.xlsx", lead=BUSINESS)
    second = "bu.xlsx" if again == "same" else "./bu.xlsx"
    args = ["--plan", "plan.yaml", "--review", "2022-05", "--as-of", "2022-04-30"]
    code, out, err = _run("import-xlsx", "bu.xlsx", second, *args, capsys=capsys)
    said = "is given twice" if again == "same" else "is 'bu.xlsx' again"
    assert (code, out) == (2, [])
    assert err == [f"safeguarding-plan: plan.yaml: '{second}' {said}; give each tracker once"]
    assert not (tmp_path / "plan-2022-05.yaml").exists()


def test_a_form_goes_in_when_its_lead_was_given_an_action_after_it_was_sent(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    business = _form(birmingham, tmp_path / "bu.xlsx", lead=BUSINESS)
    first = birmingham.priorities[0]
    added = sp.Action("1.99", "Review the partnership's website", lead=BUSINESS)
    grown = attrs.evolve(
        birmingham,
        priorities=(
            attrs.evolve(first, actions=(*first.actions, added)),
            *birmingham.priorities[1:],
        ),
    )
    plan = sp.import_xlsx(grown, business, "2022-05", MAY)
    assert set(plan.reviews[-1].updates) == set(_ids(birmingham, BUSINESS))
    # Never asked, so still to come from the lead, not an error in the form.
    assert "1.99" in sp.score(plan).not_updated
    # A row the form was sent with and deleted is still told.
    _delete_rows(business, 2)
    assert any("is missing" in p for p in _problems(grown, business, "2022-05", MAY))


def test_a_pattern_the_shell_left_as_written_names_the_forms_it_matches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows' command prompt passes returned/*.xlsx on as it is written.
    monkeypatch.chdir(tmp_path)
    shutil.copy(BIRMINGHAM, "plan.yaml")
    Path("returned").mkdir()
    for lead, name in ((BUSINESS, "bu.xlsx"), (NEGLECT, "neglect.xlsx")):
        _form(sp.load("plan.yaml"), tmp_path / "returned" / name, lead=lead)
    args = ["--plan", "plan.yaml", "--review", "2022-05", "--as-of", "2022-04-30"]
    code, _, err = _run("import-xlsx", "returned/*.xlsx", *args, capsys=capsys)
    assert code == 0, err
    updated = set(sp.load("plan-2022-05.yaml").reviews[-1].updates)
    assert updated == set(
        _ids(sp.load("plan.yaml"), BUSINESS) + _ids(sp.load("plan.yaml"), NEGLECT)
    )
    code, _, err = _run("import-xlsx", "sent/*.xlsx", *args, "--force", capsys=capsys)
    assert (code, err) == (2, ["safeguarding-plan: sent/*.xlsx: no file matches this pattern"])


def test_an_action_another_form_updated_is_not_said_to_be_left_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The plan's whole form, sent for its figures, comes back with no action row filled in,
    # beside a lead's form that updates 3.4: 3.4 has its update and is not listed as left.
    plan = tmp_path / "plan.yaml"
    shutil.copy(BIRMINGHAM, plan)
    whole = _form(sp.load(plan), tmp_path / "figures.xlsx", answered=False)
    neglect = _form(sp.load(plan), tmp_path / "neglect.xlsx", answered=False, lead=NEGLECT)
    _edit(neglect, {("3.4", tracker.UPDATE): "Published."})
    args = ["--plan", str(plan), "--review", "2022-05", "--as-of", "2022-04-30"]
    code, _, err = _run("import-xlsx", str(whole), str(neglect), *args, capsys=capsys)
    assert code == 0
    left = [a.id for a in sp.load(plan).actions if a.id != "3.4"]
    assert err[0] == (
        f"safeguarding-plan: {whole}: 32 rows with nothing filled in, left without an update: "
        + ", ".join(left)
    )
    written = sp.load(tmp_path / "plan-2022-05.yaml")
    assert written.reviews[-1].updates["3.4"].note == "Published."

"""The quarterly cycle as files, with twelve leads: a form for each, written by ``forms`` or
one by one by ``export``; each filled in with openpyxl as its lead would; the forms that came
back imported with ``--partial``; a late one added to the same review; and what the plan, the
command's lines and ``score`` say at each step, read back from the files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from conftest import fill_in as _fill
from openpyxl.utils import get_column_letter

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.formats.xlsx import layout as tracker

LEADS = (
    "Business Unit",
    "Executive Board",
    "Neglect Operations Group",
    "Quality, Impact & Outcomes Sub-Group",
    "Learning & Development Sub-Group",
    "Community Safety Partnership",
    "Serious Cases Sub-Group",
    "Independent Chair",
    "Safeguarding Leaders Assembly",
    "Education Safeguarding Group",
    "Health Safeguarding Group",
    "Public Protection Unit",
)
ON_TIME = LEADS[:8]
"""The leads whose forms come back in time, as they should."""
MISTAKEN, CUT, LATE, SILENT = LEADS[8:]
"""A form with mistakes, a form with a row deleted, a form that comes back late, and a lead
that never sends theirs back."""


def _plan() -> sp.Plan:
    """Three priorities, each with four leads' actions (two each, the first lead three), all
    updated at the February review."""
    priorities = []
    counter = 0
    for p in range(3):
        actions = []
        for lead in LEADS[p * 4 : p * 4 + 4]:
            for _ in range(3 if lead == LEADS[0] else 2):
                counter += 1
                actions.append(
                    sp.Action(
                        id=f"{p + 1}.{len(actions) + 1}",
                        text=f"Action {counter} of {lead}",
                        lead=lead,
                        due=sp.Due("by March 2023", date(2023, 3, 31)),
                    )
                )
        priorities.append(
            sp.Priority(id=str(p + 1), title=f"Priority {p + 1}", actions=tuple(actions))
        )
    updates = {
        a.id: sp.ActionUpdate(progress=sp.Progress.IN_PROGRESS, rating="neutral", note="Started.")
        for p in priorities
        for a in p.actions
    }
    review = sp.Review("2022-02", "February 2022 – Update", date(2022, 1, 31), updates=updates)
    return sp.Plan(
        partnership=sp.Partnership(
            name="Anytown Safeguarding Children Partnership", short_name="ASCP"
        ),
        title="Business Improvement Plan",
        period=sp.Period(date(2021, 4, 1), date(2023, 3, 31), "2021/23"),
        ratings=sp.RATING_SCALES["faces"],
        priorities=tuple(priorities),
        reviews=(review,),
    )


def _rows(path: Path) -> dict[str, tuple[int, dict[str, Any]]]:
    """Each action of a form: its row number and its cells by heading."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book[tracker.ACTIONS].iter_rows(values_only=True))
    finally:
        book.close()
    header = rows[0]
    return {
        row[header.index(tracker.ACTION_ID)]: (number, dict(zip(header, row, strict=True)))
        for number, row in enumerate(rows[1:], start=2)
        if any(cell is not None for cell in row)
    }


def _cell(path: Path, action_id: str, column: str) -> str:
    """``Actions!H7``: where the form holds ``column`` of ``action_id``, found by its heading
    (a form's columns are not a tracker's)."""
    number, cells = _rows(path)[action_id]
    return f"{tracker.ACTIONS}!{get_column_letter(list(cells).index(column) + 1)}{number}"


def _delete_row(path: Path, action_id: str) -> None:
    number, _ = _rows(path)[action_id]
    book = openpyxl.load_workbook(path)
    book[tracker.ACTIONS].delete_rows(number)
    book.save(path)


def _answered(path: Path, lead: str) -> None:
    """A lead's answers: every action updated, the first complete (typed in lower case with a
    stray space, as people type), the rest rated good progress."""
    ids = list(_rows(path))
    edits: dict[tuple[str, str], Any] = {}
    for n, action_id in enumerate(ids):
        edits[action_id, tracker.UPDATE] = f"{lead}: {action_id} went to plan."
        edits[action_id, tracker.RATING] = " good progress" if n else "😊"
        edits[action_id, tracker.PROGRESS] = "complete " if n == 0 else "In progress"
    _fill(path, edits)


@attrs.define
class Cycle:
    """One quarter's forms, in a folder that is the working directory."""

    capsys: pytest.CaptureFixture[str]
    sender: str
    """The command that writes the forms: ``forms``, or ``export`` once for each lead."""
    plan_file: Path = Path("plan.yaml")
    forms: dict[str, Path] = attrs.Factory(dict)
    actions_of: dict[str, list[str]] = attrs.Factory(dict)

    @property
    def plan(self) -> sp.Plan:
        return sp.load(self.plan_file)

    def run(self, *args: str) -> tuple[int, list[str], list[str]]:
        code = main(list(args))
        out, err = self.capsys.readouterr()
        return code, out.splitlines(), err.splitlines()

    def send_forms(self) -> None:
        """One form per lead, for the May review, as ``forms`` or ``export`` names it."""
        sp.dump(_plan(), self.plan_file)
        plan = self.plan
        self.actions_of = {lead: [a.id for a in plan.actions if a.lead == lead] for lead in LEADS}
        if self.sender == "forms":
            self._forms()
            return
        for lead in LEADS:
            before = set(Path().glob("*.xlsx"))
            code, _, err = self.run(
                "export", "plan.yaml", "-f", "xlsx", "--lead", lead, "--new-review", "2022-05",
                "--no-plugins",
            )  # fmt: skip
            assert code == 0, err
            (self.forms[lead],) = set(Path().glob("*.xlsx")) - before
            assert list(_rows(self.forms[lead])) == self.actions_of[lead]

    def _forms(self) -> None:
        """Every lead's form in one folder, with its e-mail draft and the return sheet; each
        form as the command lists it (``name.xlsx: lead (2 actions)``)."""
        code, out, err = self.run(
            "forms", "plan.yaml", "--review", "2022-05", "--out", "forms-2022-05",
            "--as-of", "2022-04-15", "--return-by", "2022-04-29", "--no-plugins",
        )  # fmt: skip
        assert code == 0, err
        folder = Path("forms-2022-05")
        for line in out:
            name, said = line.split(": ", 1)
            self.forms[said.rsplit(" (", 1)[0]] = folder / name
        assert list(self.forms) == list(LEADS)
        for lead, path in self.forms.items():
            assert list(_rows(path)) == self.actions_of[lead]
            assert path.with_suffix(".eml").is_file()

    def outstanding(self, *leads: str) -> str:
        """The sentence on whose returns are outstanding, these leads' all."""
        count = sum(len(self.actions_of[lead]) for lead in leads)
        return (
            f"No update in this review for {count} of {len(self.plan.actions)} actions, from "
            f"{len(leads)} of 12 leads: "
            + "; ".join(f"{lead} ({', '.join(self.actions_of[lead])})" for lead in leads)
            + "."
        )


@pytest.mark.parametrize("sender", ["forms", "export"])
def test_twelve_leads_return_their_forms_some_late_some_wrong(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sender: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    cycle = Cycle(capsys, sender)
    cycle.send_forms()
    mistakes = _fill_in(cycle)
    _by_the_deadline(cycle, mistakes)
    _late(cycle, mistakes)
    _still_outstanding(cycle)


def _fill_in(cycle: Cycle) -> dict[str, str]:
    """The leads' answers: most as they should be, one with two mistakes, one with a row
    deleted; the cells of the mistakes, and the deleted action, by what they are."""
    forms, actions_of = cycle.forms, cycle.actions_of
    for lead in (*ON_TIME, LATE, CUT):
        _answered(forms[lead], lead)
    moved = actions_of[ON_TIME[1]][1]
    _fill(
        forms[ON_TIME[1]],
        {(moved, tracker.DUE): "Q2 2023/24", (moved, tracker.DUE_DATE): date(2023, 9, 30)},
    )
    wrong_rating, wrong_due = actions_of[MISTAKEN]
    _fill(
        forms[MISTAKEN],
        {
            (wrong_rating, tracker.RATING): "Grate progress",
            (wrong_due, tracker.DUE): "July 2023",  # the Due date left at 31/03/2023
            (wrong_due, tracker.UPDATE): "Slipped to the summer.",
        },
    )
    _delete_row(forms[CUT], actions_of[CUT][0])
    return {
        "moved": moved,
        "rating": wrong_rating,
        "due": wrong_due,
        "deleted": actions_of[CUT][0],
        "rating cell": _cell(forms[MISTAKEN], wrong_rating, tracker.RATING),
        "due cell": _cell(forms[MISTAKEN], wrong_due, tracker.DUE),
        # Where the deleted row was: the next of the lead's actions has taken its place.
        "deleted cell": _cell(forms[CUT], actions_of[CUT][1], tracker.ACTION_ID),
    }


def _by_the_deadline(cycle: Cycle, mistakes: dict[str, str]) -> None:
    """The forms back by the deadline, imported: those that pass go in, the others are listed
    with their problems, one line each, and nothing of them is written."""
    returned = [str(cycle.forms[lead]) for lead in (*ON_TIME, MISTAKEN, CUT)]
    code, out, err = cycle.run(
        "import-xlsx", *returned, "--plan", "plan.yaml", "--review", "2022-05",
        "--as-of", "2022-04-30", "--partial", "--in-place",
    )  # fmt: skip
    assert code == 1
    mistaken, cut = str(cycle.forms[MISTAKEN]), str(cycle.forms[CUT])
    on_time = [i for lead in ON_TIME for i in cycle.actions_of[lead]]
    assert err == [
        f"safeguarding-plan: {mistaken}: not imported, 2 problems:",
        f"{mistaken}: {mistakes['rating cell']}: unknown rating 'Grate progress'; the plan's "
        "scale has Good progress, Some progress, Limited progress, No progress "
        "(did you mean 'Some progress'?)",
        f"{mistaken}: {mistakes['due cell']}: Due 'July 2023' ends on 31/07/2023, but the Due "
        "date is 31/03/2023; make them agree, or clear the Due date",
        f"safeguarding-plan: {cut}: not imported, 1 problem:",
        f"{cut}: {mistakes['deleted cell']}: the row for action {mistakes['deleted']!r} is "
        f"missing, and this form is for every action of {CUT!r}; put the row back here (export "
        "the form again to copy it)",
        "wrote plan.yaml: review '2022-05' (May 2022 – Update, as at 30 April 2022) with "
        f"{len(on_time)} updates from 8 of 10 trackers",
    ]
    plan = cycle.plan
    review = plan.reviews[-1]
    assert (review.id, review.as_of) == ("2022-05", date(2022, 4, 30))
    assert list(review.updates) == on_time
    first = on_time[0]
    assert review.updates[first] == sp.ActionUpdate(
        progress=sp.Progress.COMPLETE, rating="happy", note=f"{ON_TIME[0]}: {first} went to plan."
    )
    assert {u.rating for u in review.updates.values()} == {"happy"}
    assert review.updates[mistakes["moved"]].due == sp.Due("Q2 2023/24", date(2023, 9, 30))
    # The plan file holds each value in its one spelling, whatever case the lead typed.
    text = cycle.plan_file.read_text(encoding="utf-8")
    assert "good progress" not in text.casefold()
    assert text.count("progress: complete\n") == len(ON_TIME)
    assert out[0] == sp.headline(plan, sp.score(plan))
    assert out[-1] == cycle.outstanding(MISTAKEN, CUT, LATE, SILENT)


def _late(cycle: Cycle, mistakes: dict[str, str]) -> None:
    """The late form, and the two put right, added to the same review at its own date; a form
    imported already is refused, located, unless it replaces what it gave."""
    forms = cycle.forms
    _fill(
        forms[MISTAKEN],
        {
            (mistakes["rating"], tracker.RATING): "Good progress",
            (mistakes["due"], tracker.DUE_DATE): None,
        },
    )
    cut = str(forms[CUT])
    forms[CUT].unlink()
    code, _, err = cycle.run(
        "export", "plan.yaml", "-f", "xlsx", "--lead", CUT, "--review", "2022-02",
        "--new-review", "2022-05", "-o", cut, "--no-plugins",
    )  # fmt: skip
    assert code == 0, err
    _answered(forms[CUT], CUT)
    again = str(forms[ON_TIME[0]])
    late = [str(forms[lead]) for lead in (LATE, MISTAKEN, CUT)]
    before = cycle.plan_file.read_bytes()
    args = ["import-xlsx", *late, again, "--plan", "plan.yaml", "--review", "2022-05"]
    code, out, err = cycle.run(*args, "--in-place")
    assert (code, out) == (2, [])
    assert err == [
        f"{again}: {_cell(forms[ON_TIME[0]], i, tracker.ACTION_ID)}: action {i!r} already has "
        "an update in review '2022-05'; import with --replace to replace that update, or leave "
        "this form out of the import"
        for i in cycle.actions_of[ON_TIME[0]]
    ] + [
        "safeguarding-plan: nothing was written; 3 of 4 trackers had no problem; give "
        "--partial to import them and leave out the rest"
    ]
    assert cycle.plan_file.read_bytes() == before
    code, out, err = cycle.run(*args, "--in-place", "--replace")
    assert code == 0, err
    added = [i for lead in (MISTAKEN, CUT, LATE) for i in cycle.actions_of[lead]]
    again_ids = cycle.actions_of[ON_TIME[0]]
    assert err == [
        f"wrote plan.yaml: added {len(added) + len(again_ids)} updates (replacing "
        f"{len(again_ids)}) to review '2022-05' (May 2022 – Update, as at 30 April 2022) from "
        "4 trackers"
    ]
    plan = cycle.plan
    assert [r.id for r in plan.reviews] == ["2022-02", "2022-05"]
    review = plan.reviews[-1]
    assert review.as_of == date(2022, 4, 30)
    assert list(review.updates) == [a.id for a in plan.actions if a.lead != SILENT]
    assert review.updates[mistakes["due"]].due == sp.Due("July 2023", date(2023, 7, 31))
    assert review.updates[mistakes["due"]].note == "Slipped to the summer."
    assert review.updates[mistakes["rating"]].rating == "happy"
    deleted = mistakes["deleted"]
    assert review.updates[deleted].note == f"{CUT}: {deleted} went to plan."
    assert out[-1] == cycle.outstanding(SILENT)


def _still_outstanding(cycle: Cycle) -> None:
    """Who is still to send their form back, as ``score`` says it."""
    code, out, _ = cycle.run("score", "plan.yaml")
    assert code == 0
    assert out[-1].startswith("Ratings: ")
    assert out[-2] == cycle.outstanding(SILENT)
    code, out, _ = cycle.run("score", "plan.yaml", "--json")
    assert code == 0
    data = json.loads("\n".join(out))
    silent = cycle.actions_of[SILENT]
    assert data["not_updated"] == silent
    assert data["not_updated_by_lead"] == [
        {"lead": SILENT, "actions": silent, "lead_actions": len(silent)}
    ]

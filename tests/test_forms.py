"""Sending out the quarterly forms: ``safeguarding-plan forms`` and ``sp.write_forms``.

A plan of twelve leads gets its forms written by the command; every tracker is read back with
openpyxl, every e-mail draft parsed with ``email``, the return sheet read, and the forms
imported again.
"""

from __future__ import annotations

import email
import re
import shutil
from datetime import date, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import answer_every_row
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from strategies import texts

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.files import WINDOWS_DEVICES
from safeguarding_plan.formats.xlsx import forms
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.reporting.wording import WORDS

AS_OF = date(2022, 4, 1)
RETURN_BY = date(2022, 4, 15)
LEADS = (
    "Business Unit",
    "Executive Board",
    "Neglect Operations Group",
    "Quality, Impact & Outcomes Sub-Group",
    "Learning & Development Sub-Group",
    "Serious Cases Sub-Group",
    "Independent Chair",
    "Community Safety Partnership",
    "Safeguarding Leaders Assembly",
    'Health: "ICB" <Designated Nurses>?',
    "CON",
    "business unit!",
)
"""Twelve leads: two whose names make the same file name, one of Windows' device names and one
of characters Windows refuses in a file name."""
CHILD = "Ayesha Khan"
"""A child's name: a case review's subject and a restricted word, in a review's title and a
recommendation."""
FIRST_NAME = "Ayesha"
# Due dates relative to AS_OF: overdue (before it), due soon (within 90 days), later.
DUES = ("2022-03-31", "2022-06-30", "2023-03-31")


def _plan_text() -> str:
    actions: list[list[str]] = [[], [], []]
    first: dict[str, str] = {}
    for number, lead in enumerate(LEADS):
        for step in range(2):
            priority = (number + step) % 3
            ident = f"{priority + 1}.{len(actions[priority]) + 1}"
            first.setdefault(lead, ident)
            actions[priority].append(
                f'      - {{id: "{ident}", text: "Action {ident} of {lead.replace(chr(34), "")}", '
                f"lead: '{lead}', due: {DUES[(number + step) % 3]}}}"
            )
    actions[0].append('      - {id: "1.99", text: Keep the risk register, due: 2022-03-31}')
    priorities = "\n".join(
        f'  - id: "{n + 1}"\n    title: The title of priority {n + 1}, in words\n    actions:\n'
        + "\n".join(rows)
        for n, rows in enumerate(actions)
    )
    return f"""\
format: safeguarding-plan/1
partnership: {{name: Anytown Safeguarding Children Partnership, short_name: ASCP}}
plan: {{title: Business Improvement Plan, period: 2021/23}}
ratings: faces
priorities:
{priorities}
reviews:
  - id: "2022-02"
    title: February 2022 – Update
    as_of: 2022-01-31
    updates:
      "1.1": {{progress: in-progress, rating: neutral, note: Drafting the annual report}}
      "2.1": {{progress: complete, rating: happy, note: Done in January}}
      "3.1": {{progress: in-progress, rating: frown}}
restricted_words: [{CHILD}]
case_reviews:
  - id: death-of-a-child
    kind: lcspr
    title: Review after the death of {CHILD}
    subject: {CHILD}
    status: in-progress
    recommendations:
      - {{id: R1, text: "Share the learning from {CHILD}'s review", actions: ["1.1"]}}
      - {{id: R2, text: Train the board, actions: ["{first["Executive Board"]}"]}}
  - id: child-q
    kind: rapid-review
    title: Rapid review
    subject: Child Q
    recommendations:
      - {{id: R1, text: Audit the neglect pathway, actions: ["2.1", "1.1"]}}
"""


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "plan.yaml"
    path.write_text(_plan_text(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plan(plan_file: Path) -> sp.Plan:
    return sp.load(plan_file)


@pytest.fixture(scope="module")
def sent(plan_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the command wrote the forms in."""
    folder = tmp_path_factory.mktemp("sent") / "2022-05 forms"
    code = main(
        [
            "forms", str(plan_file), "--review", "2022-05", "--out", str(folder),
            "--as-of", AS_OF.isoformat(), "--return-by", RETURN_BY.isoformat(), "--no-plugins",
        ]
    )  # fmt: skip
    assert code == 0
    return folder


@pytest.fixture(scope="module")
def answered(sent: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the forms sent, each returned with an update on every row."""
    folder = tmp_path_factory.mktemp("answered") / sent.name
    shutil.copytree(sent, folder)
    for form in folder.glob("*.xlsx"):
        if not form.name.startswith("returns-"):
            answer_every_row(form)
    return folder


def _trackers(folder: Path) -> dict[str, Path]:
    """Each form by its lead, as its data sheet names it."""
    found = {}
    for path in sorted(folder.glob("ascp-*.xlsx")):
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            found[dict(book[tracker.DATA].iter_rows(values_only=True))["lead"]] = path
        finally:
            book.close()
    return found


def _records(sheet: Worksheet) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _texts(book: Workbook) -> str:
    """Every text of a workbook's visible sheets, headers and footers, and prompts."""
    found = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        found += [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
        found += [sheet.oddHeader.left.text or "", sheet.oddFooter.center.text or ""]
        for validation in sheet.data_validations.dataValidation:
            found += [validation.prompt or "", validation.error or ""]
    return "\n".join(found)


# --- the files ----------------------------------------------------------------------------------


def test_a_form_and_a_draft_for_each_of_twelve_leads_and_one_return_sheet(
    sent: Path, plan: sp.Plan
) -> None:
    folder = sent
    trackers = _trackers(folder)
    assert sorted(trackers) == sorted(LEADS)
    assert len({path.name.lower() for path in trackers.values()}) == 12  # none overwrote another
    names = {path.stem for path in trackers.values()}
    assert {p.stem for p in folder.glob("*.eml")} == names
    assert [p.name for p in folder.glob("returns-*.xlsx")] == [
        "returns-ascp-business-improvement-plan-2022-05.xlsx"
    ]
    assert len(list(folder.iterdir())) == 12 * 2 + 1
    assert (
        trackers["Business Unit"].name
        == "ascp-business-improvement-plan-2022-05-business-unit.xlsx"
    )
    assert trackers["business unit!"].name == (
        "ascp-business-improvement-plan-2022-05-business-unit-2.xlsx"
    )
    for path in folder.iterdir():  # names every file system, Windows' too, takes
        assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*", path.name), path.name
        assert path.name.split(".")[0] not in WINDOWS_DEVICES
        assert len(path.name) <= forms.LONGEST_NAME


def test_each_form_lists_only_its_leads_actions_with_the_forms_columns(
    sent: Path, plan: sp.Plan
) -> None:
    states = plan.states()
    titles = {a.id: p.title for p in plan.priorities for a in p.actions}
    for lead, path in _trackers(sent).items():
        book = openpyxl.load_workbook(path)
        sheet = book[tracker.ACTIONS]
        assert [c.value for c in sheet[1]] == list(tracker.FORM_COLUMNS)
        records = _records(sheet)
        assert [r[tracker.ACTION_ID] for r in records] == [
            a.id for a in plan.actions if a.lead == lead
        ]
        for record in records:
            state = states[record[tracker.ACTION_ID]]
            assert record[tracker.PRIORITY_TITLE] == titles[state.action.id]
            assert record[tracker.PREVIOUS_UPDATE] == state.note
            rating = state.rating.label if state.rating else None
            assert record[tracker.PREVIOUS_RATING] == record[tracker.RATING] == rating
            assert record[tracker.UPDATE] is None
            due = state.due.last_day if state.due else None
            open_ = state.progress not in (sp.Progress.COMPLETE, sp.Progress.CANCELLED)
            expected = (
                WORDS.overdue
                if open_ and due and due < AS_OF
                else WORDS.due_soon
                if open_ and due and due <= AS_OF + timedelta(days=90)
                else None
            )
            assert record[tracker.DUE_STATUS] == expected, record
        data = dict(book[tracker.DATA].iter_rows(values_only=True))
        assert (data["new review"], data["review"], data["lead"]) == ("2022-05", "2022-02", lead)
        summary = [row[0] for row in book[tracker.SUMMARY].iter_rows(values_only=True)]
        assert "Please return this form by 15 April 2022." in summary


def test_due_status_says_overdue_and_due_soon_in_words(sent: Path) -> None:
    book = openpyxl.load_workbook(_trackers(sent)["Business Unit"])
    status = {r[tracker.ACTION_ID]: r[tracker.DUE_STATUS] for r in _records(book[tracker.ACTIONS])}
    assert status == {"1.1": "Overdue", "2.1": None}  # 2.1 is due soon, but complete


def test_the_leads_columns_are_unlocked_with_prompts_and_the_rest_protected(
    sent: Path,
) -> None:
    for path in _trackers(sent).values():
        book = openpyxl.load_workbook(path)
        sheet = book[tracker.ACTIONS]
        assert sheet.protection.sheet
        assert not sheet.protection.password  # nobody is locked out
        assert not sheet.protection.autoFilter  # filtering still works
        last = sheet.max_row
        for number, name in enumerate(tracker.FORM_COLUMNS, start=1):
            for row in range(2, last + 1):
                assert sheet.cell(row, number).protection.locked is (
                    name not in tracker.EDITABLE
                ), (name, row)
        prompts = {
            str(v.sqref): v for v in sheet.data_validations.dataValidation if v.showInputMessage
        }
        letters = {n: "ABCDEFGHIJKLM"[tracker.FORM_COLUMNS.index(n)] for n in tracker.EDITABLE}
        assert set(prompts) == {f"{letters[n]}2:{letters[n]}{last}" for n in tracker.EDITABLE}
        for validation in prompts.values():
            assert validation.promptTitle == WORDS.to_fill_in
            assert len(validation.promptTitle) <= 32  # Excel's most
            assert 0 < len(validation.prompt) <= 255
        lists = {str(v.sqref) for v in sheet.data_validations.dataValidation if v.type == "list"}
        assert lists == {
            f"{letters[n]}2:{letters[n]}{last}" for n in (tracker.PROGRESS, tracker.RATING)
        }
        header = sheet.oddHeader.left.text
        assert header == (
            "Yours to fill in: Due, Due date, Progress, Rating and Update. The other columns "
            "come from the plan itself: to change one, tell whoever sent you this form."
        )
        for name in book.sheetnames:  # the hidden data sheet too
            assert book[name].protection.sheet, name
        # Due keeps what is typed as text: Excel would take "March 2023" for 1 March 2023.
        due = tracker.FORM_COLUMNS.index(tracker.DUE) + 1
        assert {sheet.cell(row, due).number_format for row in range(2, last + 1)} == {"@"}


def test_the_due_prompts_ask_for_what_the_import_takes(sent: Path, plan: sp.Plan) -> None:
    """A lead who does what the Due date prompt says (a new day, Due cleared) is taken."""
    path = _trackers(sent)["Business Unit"]
    book = openpyxl.load_workbook(path)
    sheet = book[tracker.ACTIONS]
    prompts = {str(v.sqref)[0]: v.prompt for v in sheet.data_validations.dataValidation}
    letter = {n: "ABCDEFGHIJKLM"[tracker.FORM_COLUMNS.index(n)] for n in tracker.FORM_COLUMNS}
    assert "clear Due," in prompts[letter[tracker.DUE_DATE]]
    assert "clear Due date," in prompts[letter[tracker.DUE]]
    column = {n: tracker.FORM_COLUMNS.index(n) + 1 for n in tracker.FORM_COLUMNS}
    sheet.cell(2, column[tracker.DUE_DATE]).value = date(2023, 7, 31)
    sheet.cell(2, column[tracker.DUE]).value = None
    sheet.cell(3, column[tracker.DUE]).value = "Q4 2022/23"
    sheet.cell(3, column[tracker.DUE_DATE]).value = None
    edited = sent.parent / "due-moved.xlsx"
    book.save(edited)
    new = sp.import_xlsx(plan, [answer_every_row(edited)], "2022-05", date(2022, 4, 30))
    first, second = (sheet.cell(r, column[tracker.ACTION_ID]).value for r in (2, 3))
    assert new.states()[first].due.last_day == date(2023, 7, 31)
    assert new.states()[second].due.text == "Q4 2022/23"


def test_a_leads_form_prints_a_page_wide_with_the_lead_column_hidden(
    sent: Path,
) -> None:
    book = openpyxl.load_workbook(_trackers(sent)["Neglect Operations Group"])
    sheet = book[tracker.ACTIONS]
    widths = {}
    for number, name in enumerate(tracker.FORM_COLUMNS, start=1):
        dimension = sheet.column_dimensions[openpyxl.utils.get_column_letter(number)]
        widths[name] = 0 if dimension.hidden else dimension.width
    assert widths[tracker.LEAD] == 0
    # A landscape A4 page is 11.19 inches inside the margins; at 9 points a width's unit (a
    # digit of 10-point Arial, 0.556 of a point size) is 5 points: 161 of them.
    assert sum(widths.values()) <= 161
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    for name in book.sheetnames:
        margins = book[name].page_margins
        assert margins.footer + 0.3 <= margins.bottom, name  # the footer below the text
        assert margins.header + 0.3 <= margins.top, name


def test_a_leads_reviews_sheet_has_only_their_links_and_no_childs_name(
    sent: Path, plan: sp.Plan
) -> None:
    trackers = _trackers(sent)
    for lead, path in trackers.items():
        book = openpyxl.load_workbook(path)
        assert FIRST_NAME not in _texts(book), lead
        assert "Child Q" not in _texts(book), lead
        theirs = {a.id for a in plan.actions if a.lead == lead}
        linked = {a for r in plan.case_reviews for rec in r.recommendations for a in rec.actions}
        if not theirs & linked:
            assert tracker.REVIEWS not in book.sheetnames, lead
            continue
        rows = _records(book[tracker.REVIEWS])
        for row in rows:
            listed = {line.split(" ")[0] for line in row[WORDS.plan_actions].split("\n")}
            assert listed <= theirs
    rows = _records(openpyxl.load_workbook(trackers["Business Unit"])[tracker.REVIEWS])
    assert [(r[WORDS.review], r[WORDS.recommendation_id], r[WORDS.plan_actions]) for r in rows] == [
        ("Review after the death of [withheld]", "R1", "1.1 In progress"),
        ("Rapid review", "R1", "2.1 Complete\n1.1 In progress"),
    ]  # not R2 of the same review, which an action of the Executive Board carries out
    assert rows[0][WORDS.recommendation] == "Share the learning from [withheld]'s review"
    assert (
        WORDS.subject not in openpyxl.load_workbook(trackers["Business Unit"])[tracker.REVIEWS][1]
    )


# --- the e-mail drafts --------------------------------------------------------------------------


def _draft(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_each_draft_asks_its_lead_with_the_form_attached(sent: Path, plan: sp.Plan) -> None:
    for lead, path in _trackers(sent).items():
        message = _draft(path.with_suffix(".eml"))
        assert message["X-Unsent"] == "1"  # Outlook opens it as a draft to send
        assert message["To"] is None
        assert message["Subject"] == (
            f"Business Improvement Plan 2021/23: update form for review 2022-05 – {lead}"
        )
        body = message.get_body(("plain",))
        assert body is not None
        text = body.get_content()
        assert "return the attached form by 15 April 2022" in text
        listed = [line for line in text.splitlines() if line.startswith("- ")]
        theirs = [a for a in plan.actions if a.lead == lead]
        assert [line.split(" (")[0] for line in listed] == [f"- {a.id} {a.text}" for a in theirs]
        attachments = list(message.iter_attachments())
        assert len(attachments) == 1
        attached = attachments[0]
        assert attached.get_content_type() == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        assert attached.get_filename() == path.name
        assert attached.get_content() == path.read_bytes()
        assert FIRST_NAME not in text


def test_a_drafts_body_and_attachment_are_in_lines_mail_takes(sent: Path) -> None:
    for path in sent.glob("*.eml"):
        message = _draft(path)
        parts = [part for part in message.walk() if not part.is_multipart()]
        assert [p["Content-Transfer-Encoding"] for p in parts] == ["quoted-printable", "base64"]
        for part in parts:  # as encoded in the file
            assert max(map(len, str(part.get_payload()).splitlines())) <= 76  # RFC 2045's most
        subject = message["Subject"]
        assert "  " not in subject  # a subject never folded where it reads back apart


def test_a_draft_says_which_actions_are_overdue(sent: Path) -> None:
    path = _trackers(sent)["Business Unit"].with_suffix(".eml")
    body = _draft(path).get_body(("plain",))
    assert body is not None
    assert "- 1.1 Action 1.1 of Business Unit (overdue)" in body.get_content().splitlines()


# --- the return sheet ---------------------------------------------------------------------------


def test_the_return_sheet_lists_each_lead_their_actions_and_the_date(
    sent: Path, plan: sp.Plan
) -> None:
    folder = sent
    (path,) = folder.glob("returns-*.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [WORDS.forms_sheet]
    records = _records(book[WORDS.forms_sheet])
    trackers = _trackers(folder)
    assert [r[WORDS.lead] for r in records] == list(
        dict.fromkeys(a.lead for a in plan.actions if a.lead)
    )
    for record in records:
        lead = record[WORDS.lead]
        assert record[WORDS.form] == trackers[lead].name
        assert record[WORDS.actions] == "\n".join(
            f"{a.id} {a.text}" for a in plan.actions if a.lead == lead
        )
        assert record[WORDS.return_by].date() == RETURN_BY
        assert record[WORDS.returned] is None


# --- and back -----------------------------------------------------------------------------------


def test_the_forms_are_read_back_as_the_new_review(answered: Path, plan: sp.Plan) -> None:
    trackers = sorted(answered.glob("ascp-*-2022-05-*.xlsx"))
    new = sp.import_xlsx(plan, trackers, "2022-05", date(2022, 4, 30))
    assert new.reviews[-1].id == "2022-05"
    assert set(new.reviews[-1].updates) == {a.id for a in plan.actions if a.lead}


def _edited(path: Path, tmp_path: Path, column: str, value: str) -> Path:
    book = openpyxl.load_workbook(path)
    sheet = book[tracker.ACTIONS]
    sheet.cell(2, tracker.FORM_COLUMNS.index(column) + 1).value = value
    edited = tmp_path / path.name
    book.save(edited)
    return edited


@pytest.mark.parametrize(
    ("column", "message"),
    [
        (tracker.PREVIOUS_UPDATE, "which would be lost; write the new update under Update"),
        (tracker.PRIORITY_TITLE, "the plan file owns it"),
        (tracker.DUE_STATUS, "which would be lost; it says only 'Overdue' or 'Due soon'"),
    ],
)
def test_text_typed_in_a_column_only_shown_is_refused_at_its_cell(
    sent: Path, plan: sp.Plan, tmp_path: Path, column: str, message: str
) -> None:
    path = _edited(_trackers(sent)["Business Unit"], tmp_path, column, "Met in March")
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(plan, [path], "2022-05", date(2022, 4, 30))
    (problem,) = caught.value.problems
    letter = "ABCDEFGHIJKLM"[tracker.FORM_COLUMNS.index(column)]
    assert str(problem).startswith(f"{path}: Actions!{letter}2: ")
    assert message in str(problem)


# --- sending again -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def partly_returned(answered: Path, plan: sp.Plan) -> sp.Plan:
    """The plan with review 2022-05 from every form but those of the first three leads."""
    trackers = _trackers(answered)
    returned = [path for lead, path in trackers.items() if lead not in LEADS[:3]]
    return sp.import_xlsx(plan, returned, "2022-05", date(2022, 4, 30))


def test_forms_sent_again_go_to_the_leads_who_have_not_returned_as_first_sent(
    sent: Path, partly_returned: sp.Plan, tmp_path: Path
) -> None:
    written = sp.write_forms(partly_returned, "2022-05", tmp_path, as_of=date(2022, 5, 3))
    assert written.reminder
    assert sorted(f.lead for f in written.forms) == sorted(LEADS[:3])
    first = _trackers(sent)
    for form in written.forms:
        again = openpyxl.load_workbook(form.tracker)
        before = openpyxl.load_workbook(first[form.lead])
        assert _records(again[tracker.ACTIONS]) == _records(before[tracker.ACTIONS])
        message = _draft(form.draft)
        assert message["Subject"] == (
            "Reminder: Business Improvement Plan 2021/23: update form for review 2022-05 – "
            f"{form.lead}"
        )
        body = message.get_body(("plain",))
        assert body is not None
        lines = body.get_content().splitlines()
        assert lines[:2] == ["We do not have your update for review 2022-05 yet.", ""]
        assert lines[2].startswith("Please give an update on the 2 actions")
    # A return sheet of its own: the first may have been ticked off already.
    assert written.returns.name == "reminders-ascp-business-improvement-plan-2022-05.xlsx"
    returns = openpyxl.load_workbook(written.returns)
    listed = [r[WORDS.lead] for r in _records(returns[WORDS.forms_sheet])]
    assert listed == [f.lead for f in written.forms]
    # Returned late, they complete the review.
    returned = [answer_every_row(f.tracker) for f in written.forms]
    done = sp.import_xlsx(partly_returned, returned, "2022-05")
    assert sp.score(done).not_updated == ("1.99",)


def test_forms_sent_again_when_every_lead_has_returned_write_nothing(
    answered: Path, plan: sp.Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forms = sorted(answered.glob("ascp-*.xlsx"))
    done = sp.import_xlsx(plan, forms, "2022-05", date(2022, 4, 30))
    written = sp.write_forms(done, "2022-05", tmp_path / "out")
    assert (written.forms, written.returns, written.reminder) == ((), None, True)
    assert not (tmp_path / "out").exists()
    plan_file = tmp_path / "plan.yaml"
    sp.dump(done, plan_file)
    code, out, err = _forms(
        str(plan_file), "--review", "2022-05", "--out", str(tmp_path / "out"), capsys=capsys
    )
    assert (code, out) == (0, "")
    assert err == (
        "every action with a lead has its update in review '2022-05', so no form is sent "
        "again; nothing was written\n"
    )
    assert not (tmp_path / "out").exists()


def test_forms_never_replace_files_in_the_folder_without_force(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    args = (str(plan_file), "--review", "2022-05", "--out", str(folder), "--as-of", "2022-04-01")
    assert _forms(*args, capsys=capsys)[0] == 0
    (returns,) = folder.glob("returns-*.xlsx")
    book = openpyxl.load_workbook(returns)
    book[WORDS.forms_sheet]["E2"] = "yes"  # ticked off as a form came back
    book.save(returns)
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    code, out, err = _forms(*args, capsys=capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"safeguarding-plan: {folder}: already holds ascp-")
    assert f", {returns.name};" in err
    assert err.endswith(
        "; nothing was written: give --force to replace them, or choose another folder\n"
    )
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
    with pytest.raises(FileExistsError):
        sp.write_forms(sp.load(plan_file), "2022-05", folder, as_of=AS_OF)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
    assert _forms(*args, "--force", capsys=capsys)[0] == 0
    assert openpyxl.load_workbook(returns)[WORDS.forms_sheet]["E2"].value is None


def test_out_naming_a_file_says_it_is_not_a_folder(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = _forms(
        str(plan_file), "--review", "2022-05", "--out", str(tmp_path / "notes.txt"), capsys=capsys
    )
    assert code == 2
    assert err == (
        f"safeguarding-plan: {tmp_path / 'notes.txt'}: is a file, not a folder; --out names "
        "the folder to write the forms in\n"
    )


def test_a_reminder_names_each_form_as_first_sent(tmp_path: Path) -> None:
    due = sp.Due("March 2023", date(2023, 3, 31))
    plan = sp.Plan(
        partnership=sp.Partnership(name="Anytown"),
        title="Plan",
        ratings=sp.RATING_SCALES["rag"],
        priorities=(
            sp.Priority(
                "1",
                "One",
                (
                    sp.Action("1.1", "Audit", lead="Business Unit", due=due),
                    # Another lead (a plan file writes a lead one way) with the same file name.
                    sp.Action("1.2", "Train", lead="Business-Unit", due=due),
                ),
            ),
        ),
    )
    first = sp.write_forms(plan, "2022-05", tmp_path / "first", as_of=AS_OF)
    names = {form.lead: form.tracker.name for form in first.forms}
    assert len(set(names.values())) == 2
    returned = [answer_every_row(f.tracker) for f in first.forms if f.lead == "Business Unit"]
    plan = sp.import_xlsx(plan, returned, "2022-05", date(2022, 4, 30))
    again = sp.write_forms(plan, "2022-05", tmp_path / "again", as_of=date(2022, 5, 3))
    assert [(f.lead, f.tracker.name) for f in again.forms] == [
        ("Business-Unit", names["Business-Unit"])
    ]


def test_forms_for_a_review_before_the_last_are_refused(
    partly_returned: sp.Plan, tmp_path: Path
) -> None:
    with pytest.raises(sp.ArgumentError) as caught:
        sp.write_forms(partly_returned, "2022-02", tmp_path / "out")
    assert str(caught.value) == (
        "the plan's review '2022-02' is not its last ('2022-05'); forms collect a new review, "
        "or are sent again for the last"
    )
    assert not (tmp_path / "out").exists()


def test_the_command_says_the_forms_went_again(
    partly_returned: sp.Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_file = tmp_path / "plan.yaml"
    sp.dump(partly_returned, plan_file)
    code, out, err = _forms(
        str(plan_file), "--review", "2022-05", "--out", str(tmp_path / "again"), capsys=capsys
    )
    assert code == 0, err
    assert err.startswith(
        "wrote 3 forms for review '2022-05' again, to the leads who have not returned theirs, to "
    )
    assert len(out.splitlines()) == 3


# --- what is refused ----------------------------------------------------------------------------


def _forms(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["forms", *args, "--no-plugins"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--review", "  "), "the new review's id must be non-empty text"),
        (
            ("--review", "2022-05", "--as-of", "2022-05-01", "--return-by", "2022-04-01"),
            "the return date 1 April 2022 is before 1 May 2022, the day the forms are sent; give "
            "--as-of the day they are sent, or a later return date",
        ),
    ],
)
def test_a_bad_request_is_one_line_and_writes_nothing(
    plan_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    code, _, err = _forms(str(plan_file), "--out", str(tmp_path / "out"), *args, capsys=capsys)
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"safeguarding-plan: {plan_file}: ")
    assert message in err
    assert not (tmp_path / "out").exists()


def test_a_plan_without_leads_has_no_form(tmp_path: Path) -> None:
    plan = sp.Plan(
        partnership=sp.Partnership(name="Anytown"),
        title="Plan",
        ratings=sp.RATING_SCALES["rag"],
        priorities=(sp.Priority("1", "One", (sp.Action("1.1", "Act"),)),),
    )
    with pytest.raises(sp.ArgumentError, match="no action of the plan has a lead"):
        sp.write_forms(plan, "2022-05", tmp_path)


def test_the_command_says_what_it_wrote_and_what_no_form_asks(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _forms(
        str(plan_file), "--review", "2022-05", "--out", str(tmp_path), "--as-of", "2022-04-01",
        capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert err.splitlines() == [
        f"wrote 12 forms for review '2022-05' to {tmp_path}, each with an e-mail draft, and the "
        "return sheet returns-ascp-business-improvement-plan-2022-05.xlsx (return by 15 April "
        "2022)",
        "safeguarding-plan: note: 1 action has no lead, so no form asks about them: 1.99",
    ]
    assert len(out.splitlines()) == 12
    assert (
        "ascp-business-improvement-plan-2022-05-business-unit.xlsx: Business Unit (2 actions)"
        in out
    )


def test_the_python_function_returns_what_it_wrote(plan: sp.Plan, tmp_path: Path) -> None:
    written = sp.write_forms(plan, "2022-05", tmp_path, as_of=AS_OF)
    assert written.return_by == AS_OF + timedelta(days=forms.RETURN_DAYS)
    assert [f.lead for f in written.forms] == list(
        dict.fromkeys(a.lead for a in plan.actions if a.lead)
    )
    assert all(f.tracker.exists() and f.draft.exists() for f in written.forms)
    assert written.returns.exists()
    assert written.unled == ("1.99",)


@given(st.lists(texts(long=False), min_size=1, max_size=12))
def test_file_names_are_safe_and_apart_for_any_leads(leads: list[str]) -> None:
    plan = sp.Plan(
        partnership=sp.Partnership(name="Anytown"), title="Plan", ratings=sp.RATING_SCALES["rag"]
    )
    names = forms.file_names(plan, "2022-05", dict.fromkeys(leads))
    assert len(set(names.values())) == len(names)  # no file overwrites another
    for name in names.values():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*(~[0-9a-f]{8})?", name)
        assert name.split(".")[0] not in WINDOWS_DEVICES
        assert len(name + ".xlsx") <= forms.LONGEST_NAME

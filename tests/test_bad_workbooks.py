"""The corpus of bad workbooks: each must be refused by ``import-xlsx`` with exactly the expected
lines.

Every case is made at test time — the Birmingham tracker as the ``xlsx`` exporter writes it,
then edited with openpyxl or taken apart as a zip, or plain bytes — so no binary file is kept
here. Each is imported through the command line and must exit 2 with exactly its expected
lines on stderr (the tracker named as it was given), no traceback, the plan given with
``--plan`` byte-for-byte unchanged, no file written, and every workbook closed again. The last
test counts this corpus together with ``tests/bad_plans`` so that neither quietly shrinks.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import random
import re
import shutil
import warnings
import zipfile
from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Any

import attrs
import hostile
import openpyxl
import pytest
from conftest import BIRMINGHAM, rewrite_cell, two_reviews
from docx import Document
from openpyxl.workbook.workbook import Workbook

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.model.plan import Audience
from safeguarding_plan.planfile import loading

Maker = Callable[[Path], list[Path]]
"""Makes the trackers of a case in a folder; returns them in the order they are imported."""

PLAN_CORPUS = Path(__file__).resolve().parent / "bad_plans"
ACTIONS_PART = "xl/worksheets/sheet2.xml"
DATA_PART = "xl/worksheets/sheet6.xml"  # after Birmingham's Measures, Key and Reviews sheets
WORKBOOK_PART = "xl/workbook.xml"
SAVE = "save the tracker as Excel Workbook (.xlsx)"
NOT_READABLE = "not a readable Excel workbook (.xlsx)"
ENTITIES = (
    f"{NOT_READABLE}: it declares XML entities, which are refused (a workbook never needs them)"
)
DAMAGED = f"{NOT_READABLE}: the file is cut short or damaged; copy or download the tracker again"
OWNED = "the plan file owns it (change it there, then export the tracker again)"
PROGRESS_WORDS = "choose Not started, In progress, Complete, Deferred, Cancelled"
NO_TRACKER = "an Excel cell holds at most 32,767, so no tracker could be exported from the plan"
A_DAY = "enter a day such as 31/03/2023"


@functools.cache
def birmingham() -> sp.Plan:
    return sp.load(BIRMINGHAM)


def exported(
    path: Path, plan: sp.Plan | None = None, *, audience: Audience = "board", **options: Any
) -> Path:
    """The Birmingham tracker (or ``plan``'s) as the exporter writes it, with ``options``."""
    manager = sp.get_plugin_manager(autoload=False)
    plan = plan or birmingham()
    sp.export(plan, "xlsx", path, audience=audience, plugin_manager=manager, options=options)
    return path


# -- how cases are made --------------------------------------------------------------------


def raw(data: bytes) -> Maker:
    def make(folder: Path) -> list[Path]:
        path = folder / "tracker.xlsx"
        path.write_bytes(data)
        return [path]

    return make


def tracker_of(
    plan: sp.Plan | None = None, *, audience: Audience = "board", **options: Any
) -> Maker:
    def make(folder: Path) -> list[Path]:
        return [exported(folder / "tracker.xlsx", plan, audience=audience, **options)]

    return make


def edited(edit: Callable[[Workbook], None]) -> Maker:
    """The tracker after ``edit``, saved by openpyxl as a spreadsheet program would."""

    def make(folder: Path) -> list[Path]:
        path = exported(folder / "tracker.xlsx")
        book = openpyxl.load_workbook(path)
        edit(book)
        book.save(path)
        return [path]

    return make


def cells(edits: dict[tuple[str, str], Any]) -> Maker:
    """The tracker with cells of the Actions sheet set: ``{(action id, column): value}``."""

    def edit(book: Workbook) -> None:
        sheet = book[tracker.ACTIONS]
        header = [c.value for c in sheet[1]]
        rows = {r[header.index(tracker.ACTION_ID)].value: r for r in sheet.iter_rows(min_row=2)}
        for (action_id, column), value in edits.items():
            rows[action_id][header.index(column)].value = value

    return edited(edit)


def cell(address: str, value: Any, sheet: str = tracker.ACTIONS) -> Maker:
    def edit(book: Workbook) -> None:
        book[sheet][address] = value

    return edited(edit)


def written(address: str, text: str) -> Maker:
    """The tracker with ``text`` in the text cell ``address`` of the Actions sheet, put in its
    XML as any program may: openpyxl would cut it at 32,767 characters."""

    def make(folder: Path) -> list[Path]:
        path = exported(folder / "tracker.xlsx")
        rewrite_cell(path, address, text, ACTIONS_PART)
        return [path]

    return make


def every_update(text: str) -> Maker:
    """The tracker with ``text`` as every action's update."""

    def edit(book: Workbook) -> None:
        sheet = book[tracker.ACTIONS]
        column = tracker.COLUMNS.index(tracker.UPDATE) + 1
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row=row, column=column, value=text)

    return edited(edit)


def metadata(key: str, value: Any) -> Maker:
    """The tracker with one value of the (hidden) data sheet forged."""

    def edit(book: Workbook) -> None:
        rows = [r for r in book[tracker.DATA].iter_rows() if r[0].value == key]
        assert len(rows) == 1, key
        rows[0][1].value = value

    return edited(edit)


def parts(change: Callable[[str, bytes], bytes]) -> Maker:
    """The tracker with the bytes of its zip parts changed: ``change(name, data)``."""

    def make(folder: Path) -> list[Path]:
        source = exported(folder / "source.xlsx")
        path = folder / "tracker.xlsx"
        with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as target:
            for item in original.infolist():
                target.writestr(item, change(item.filename, original.read(item)))
        source.unlink()
        return [path]

    return make


def declared(part: str, doctype: str, use: str, before: str) -> Maker:
    """The tracker with ``doctype`` declared in ``part`` and ``use`` put before ``before``."""

    def change(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        text = data.decode("utf-8")
        assert before in text, name
        assert not text.startswith("<?xml"), name
        return (doctype + text.replace(before, use + before, 1)).encode("utf-8")

    return parts(change)


BILLION_LAUGHS = (
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)
EXTERNAL = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def zipped(files: dict[str, bytes]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return data.getvalue()


def word_document(folder: Path) -> list[Path]:
    path = folder / "tracker.xlsx"
    Document().save(str(path))
    return [path]


def truncated(folder: Path) -> list[Path]:
    path = exported(folder / "tracker.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return [path]


def damaged_inside(folder: Path) -> list[Path]:
    """The tracker with the compressed bytes of the Actions sheet overwritten in the middle."""
    path = exported(folder / "tracker.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(ACTIONS_PART)
    # A local header is 30 bytes, then the name and the extra field.
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])
    path.write_bytes(bytes(data))
    return [path]


def missing(folder: Path) -> list[Path]:
    return [folder / "tracker.xlsx"]


def directory(folder: Path) -> list[Path]:
    path = folder / "tracker.xlsx"
    path.mkdir()
    return [path]


def no_tracker_sheets(folder: Path) -> list[Path]:
    path = folder / "tracker.xlsx"
    book = openpyxl.Workbook()
    book.worksheets[0]["A1"] = "Action ID"
    book.save(path)
    return [path]


def without_sheet(name: str) -> Maker:
    def edit(book: Workbook) -> None:
        book.remove(book[name])

    return edited(edit)


def renamed_sheet(book: Workbook) -> None:
    book[tracker.ACTIONS].title = "Actions (2)"


def metadata_emptied(book: Workbook) -> None:
    for row in book[tracker.DATA].iter_rows():
        row[1].value = None


def column_deleted(book: Workbook) -> None:
    book[tracker.ACTIONS].delete_cols(tracker.COLUMNS.index(tracker.RATING) + 1)


def first_row_again(book: Workbook) -> None:
    sheet = book[tracker.ACTIONS]
    for column, original in enumerate(sheet[2], start=1):
        sheet.cell(row=35, column=column, value=original.value)


def two_forms_for_one_lead(folder: Path) -> list[Path]:
    lead = "Neglect Operations Group"
    return [
        exported(folder / "first.xlsx", lead=lead),
        exported(folder / "second.xlsx", lead=lead),
    ]


ANYTOWN = "Anytown Safeguarding Children Partnership"


def another_partnership(folder: Path) -> list[Path]:
    plan = attrs.evolve(birmingham(), partnership=sp.Partnership(name=ANYTOWN))
    return [exported(folder / "tracker.xlsx", plan)]


OLD_OFFICE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


# -- the corpus ------------------------------------------------------------------------------


@attrs.frozen
class Case:
    make: Maker
    expected: tuple[str, ...]
    """The stderr lines; ``{t}`` is the first tracker as given, ``{t2}`` the second."""
    max_bytes: int | None = None
    """The plan file's size limit for this case, if not the loader's own: a plan of 32 MB
    takes a thousand actions with full updates, the same limit 1 MB takes Birmingham's 33."""


def case(make: Maker, *expected: str) -> Case:
    return Case(make, expected)


CASES: dict[str, Case] = {
    # Not a workbook at all.
    "empty_file": case(
        raw(b""), f"{{t}}: {NOT_READABLE}: the file is empty; is it the right file?"
    ),
    "plain_text": case(
        raw(b"Action ID,Progress,Update\r\n1.1,Complete,Published\r\n"),
        f"{{t}}: {NOT_READABLE}: the file is text, not a workbook (was it saved as CSV?); {SAVE}",
    ),
    "unicode_text_export": case(
        raw("Action ID\tProgress\tUpdate\r\n1.1\tComplete\tPublished\r\n".encode("utf-16")),
        f"{{t}}: {NOT_READABLE}: the file is text, not a workbook (was it saved as CSV?); {SAVE}",
    ),
    "random_bytes": case(
        raw(random.Random(7).randbytes(2048)),
        f"{{t}}: {NOT_READABLE}: the file is not a workbook; {SAVE}",
    ),
    "png_image": case(
        raw(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(64)),
        f"{{t}}: {NOT_READABLE}: the file is not a workbook; {SAVE}",
    ),
    "zip_of_a_text_file": case(
        raw(zipped({"notes.txt": b"Progress: all complete"})),
        f"{{t}}: {NOT_READABLE}: it is a zip archive with no workbook in it; {SAVE}",
    ),
    "word_document_renamed": case(
        word_document, f"{{t}}: {NOT_READABLE}: it is a Word document; {SAVE}"
    ),
    "opendocument_spreadsheet": case(
        raw(zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})),
        f"{{t}}: {NOT_READABLE}: it is an OpenDocument spreadsheet (.ods); {SAVE}",
    ),
    "old_format_xls": case(
        raw(OLD_OFFICE),
        f"{{t}}: {NOT_READABLE}: it is an old-format Office file (such as .xls); {SAVE}",
    ),
    "password_protected": case(
        raw(OLD_OFFICE + "EncryptedPackage".encode("utf-16-le") + bytes(64)),
        f"{{t}}: {NOT_READABLE}: it is protected with a password; remove the password in Excel "
        "(File, Info, Protect Workbook) and save it again",
    ),
    "truncated_tracker": case(truncated, f"{{t}}: {DAMAGED}"),
    "damaged_inside": case(damaged_inside, f"{{t}}: {DAMAGED}"),
    "missing_file": case(missing, "{t}: cannot read the file: No such file or directory"),
    "a_folder": case(directory, "{t}: not a file (a folder)"),
    # Hostile XML.
    "xml_bomb_in_the_workbook_part": case(
        declared(WORKBOOK_PART, BILLION_LAUGHS, "&i;", "<sheet "), f"{{t}}: {ENTITIES}"
    ),
    "xml_bomb_in_a_sheet": case(
        declared(ACTIONS_PART, BILLION_LAUGHS, "&i;", "</t>"), f"{{t}}: {ENTITIES}"
    ),
    "external_entity_in_a_sheet": case(
        declared(ACTIONS_PART, EXTERNAL, "&e;", "</t>"), f"{{t}}: {ENTITIES}"
    ),
    "external_entity_in_the_workbook_part": case(
        declared(WORKBOOK_PART, EXTERNAL, "&e;", "<sheet "), f"{{t}}: {ENTITIES}"
    ),
    "external_entity_in_the_data_sheet": case(
        declared(DATA_PART, EXTERNAL, "&e;", "</t>"), f"{{t}}: {ENTITIES}"
    ),
    "document_type_in_a_sheet": case(
        declared(ACTIONS_PART, "<!DOCTYPE worksheet>", "", "<sheetData>"),
        f"{{t}}: {NOT_READABLE}: its part {ACTIONS_PART!r} declares an XML document type, which "
        "is refused (a workbook never needs one)",
    ),
    # A workbook, but not a tracker.
    # openpyxl warns of a workbook with no sheets, naming its own source file: never shown.
    "workbook_with_no_sheets": case(
        parts(
            lambda name, data: (
                re.sub(
                    rb"<sheets>.*</sheets>|<definedNames>.*</definedNames>", b"", data, flags=re.S
                )
                if name == "xl/workbook.xml"
                else data
            )
        ),
        "{t}: not a tracker written by safeguarding-plan: it has no 'Actions' or 'Tracker data' "
        "sheet; import a tracker exported as xlsx from the plan",
    ),
    "workbook_without_tracker_sheets": case(
        no_tracker_sheets,
        "{t}: not a tracker written by safeguarding-plan: it has no 'Actions' or 'Tracker data' "
        "sheet; import a tracker exported as xlsx from the plan",
    ),
    "actions_sheet_deleted": case(
        without_sheet(tracker.ACTIONS),
        "{t}: the tracker has no 'Actions' sheet; if it was renamed, give it back its name, or "
        "export the tracker again",
    ),
    "actions_sheet_renamed": case(
        edited(renamed_sheet),
        "{t}: the tracker has no 'Actions' sheet; if it was renamed, give it back its name, or "
        "export the tracker again",
    ),
    "tracker_data_sheet_deleted": case(
        without_sheet(tracker.DATA),
        "{t}: the tracker has no 'Tracker data' sheet; if it was renamed, give it back its name, "
        "or export the tracker again",
    ),
    # The data sheet says it is some other tracker.
    "metadata_emptied": case(
        edited(metadata_emptied),
        "{t}: Tracker data!B1: the tracker format is missing; this version reads "
        "'safeguarding-plan-tracker/1' (export the tracker again)",
    ),
    "format_version_changed": case(
        metadata(tracker.META_FORMAT, "safeguarding-plan-tracker/2"),
        "{t}: Tracker data!B1: tracker format 'safeguarding-plan-tracker/2'; this version reads "
        "'safeguarding-plan-tracker/1' (export the tracker again)",
    ),
    "another_partnership": case(
        another_partnership,
        f"{{t}}: Tracker data!B2: the tracker is for partnership {ANYTOWN!r}, not "
        "'Birmingham Safeguarding Children Partnership'",
    ),
    "another_plan_title": case(
        metadata(tracker.META_PLAN, "Business Plan"),
        "{t}: Tracker data!B3: the tracker is for plan 'Business Plan', not "
        "'Business Improvement Plan'",
    ),
    "another_period": case(
        metadata(tracker.META_PERIOD, "2023/25"),
        "{t}: Tracker data!B4: the tracker is for period '2023/25', not '2021/23'",
    ),
    "public_audience": case(
        tracker_of(audience="public"),
        "{t}: Tracker data!B9: a public-audience tracker leaves restricted actions out; import "
        "a board tracker",
    ),
    "review_the_plan_lacks": case(
        metadata(tracker.META_REVIEW, "2022-03"),
        "{t}: Tracker data!B5: the tracker shows review '2022-03', which the plan does not have "
        "(did you mean '2022-02'?)",
    ),
    "form_for_another_review": case(
        tracker_of(new_review="2022-08"),
        "{t}: Tracker data!B6: this is the update form for review '2022-08', not '2022-05'",
    ),
    # The header row.
    "column_renamed": case(
        cell("G1", "Status"),
        "{t}: Actions!G1: column 'Status' should be 'Progress'; give it back its name, which is "
        "how the column is read",
    ),
    "column_missing": case(
        edited(column_deleted),
        "{t}: Actions!A1: the header row lacks 'Rating'; a tracker's columns are Priority, "
        "Action ID, Action, Lead, Due, Due date, Progress, Rating, Update, Previous rating",
    ),
    "extra_column": case(
        cell("K1", "Notes"),
        "{t}: Actions!K1: column 'Notes' is not part of the tracker and would be lost; remove it",
    ),
    "column_twice": case(
        cell("K1", "Update"),
        "{t}: Actions!K1: column 'Update' is also column I; a tracker has each column once, so "
        "remove this one",
    ),
    # The rows.
    "formula_in_update": case(
        cells({("2.1", tracker.UPDATE): "=A1"}),
        "{t}: Actions!I12: a formula ('=A1'); type the Update as text",
    ),
    "formula_in_progress": case(
        cells({("2.1", tracker.PROGRESS): '="Complete"'}),
        "{t}: Actions!G12: a formula ('=\"Complete\"'); type the Progress as text",
    ),
    "number_in_action_id": case(
        cells({("1.2", tracker.ACTION_ID): 1.2}),
        "{t}: Actions!B3: Action ID 1.2 is a number, not text, so it may not be the id typed "
        "(Excel turns 1.10 into the number 1.1); retype the id with an apostrophe first, as in "
        "'1.10",
    ),
    "action_id_cleared": case(
        cells({("1.3", tracker.ACTION_ID): None}),
        "{t}: Actions!B4: no Action ID; the row cannot be matched to an action",
    ),
    "unknown_action_id": case(
        cells({("1.2", tracker.ACTION_ID): "1.20"}),
        "{t}: Actions!B3: no action '1.20' in the plan (did you mean '1.2'?)",
    ),
    "same_action_twice": case(
        edited(first_row_again),
        "{t}: Actions!B35: action '1.1' is also at {t}: Actions!B2; each action may be in one "
        "tracker only",
    ),
    "same_actions_in_two_trackers": case(
        two_forms_for_one_lead,
        *(
            f"{{t2}}: Actions!B{row}: action '{action}' is also at {{t}}: Actions!B{row}; each "
            "action may be in one tracker only"
            for row, action in ((2, "3.2"), (3, "3.3"), (4, "3.4"))
        ),
        "safeguarding-plan: nothing was written; 1 of 2 trackers had no problem; give "
        "--partial to import them and leave out the rest",
    ),
    "action_text_changed": case(
        cells({("1.3", tracker.ACTION): "A different action"}),
        f"{{t}}: Actions!C4: the action text of action '1.3' was changed to 'A different "
        f"action'; {OWNED}",
    ),
    "lead_changed": case(
        cells({("1.3", tracker.LEAD): "Someone else"}),
        f"{{t}}: Actions!D4: the lead of action '1.3' was changed to 'Someone else'; {OWNED}",
    ),
    "priority_changed": case(
        cells({("1.3", tracker.PRIORITY): "2"}),
        f"{{t}}: Actions!A4: the priority of action '1.3' was changed to '2'; {OWNED}",
    ),
    "unknown_progress": case(
        cells({("1.3", tracker.PROGRESS): "Done"}),
        f"{{t}}: Actions!G4: unknown progress 'Done'; {PROGRESS_WORDS} (did you mean 'Complete'?)",
    ),
    "progress_emptied": case(
        cells({("1.3", tracker.PROGRESS): None}),
        f"{{t}}: Actions!G4: Progress is empty; {PROGRESS_WORDS}",
    ),
    "unknown_rating": case(
        cells({("1.3", tracker.RATING): "Excellent"}),
        "{t}: Actions!H4: unknown rating 'Excellent'; the plan's scale has Good progress, Some "
        "progress, Limited progress, No progress",
    ),
    "rating_typed_as_previous_rating": case(
        cells({("1.3", tracker.PREVIOUS_RATING): "Good progress"}),
        "{t}: Actions!J4: the previous rating of action '1.3' was changed to 'Good progress', "
        "which would be lost; give the new rating under Rating",
    ),
    "due_date_as_text": case(
        cells({("1.6", tracker.DUE_DATE): "next spring"}),
        "{t}: Actions!F7: due date 'next spring' is text that cannot be read as a day; enter a "
        "day such as 31/03/2023, or put a phrase such as 'March 2023' under 'Due'",
    ),
    "due_unreadable": case(
        cells({("1.6", tracker.DUE): "when the website is ready"}),
        "{t}: Actions!E7: cannot read the date 'when the website is ready'; write e.g. "
        "'2022-03-31', 'March 2022', 'Spring 2022', '2022/23' or 'Q3 2021/22'; or put the new "
        "date in 'Due date'",
    ),
    "due_date_cleared": case(
        cells({("1.6", tracker.DUE): None, ("1.6", tracker.DUE_DATE): None}),
        "{t}: Actions!E7: the due date was cleared; a tracker can move a due date but not "
        "remove it",
    ),
    # Values no plan file could hold, or no tracker could be exported with again: refused at
    # their cells, before the new plan is written out and read back by the loader.
    "due_unreadable_with_a_new_due_date": case(
        cells(
            {
                ("1.6", tracker.DUE): "When the new manager starts",
                ("1.6", tracker.DUE_DATE): date(2022, 9, 30),
            }
        ),
        "{t}: Actions!E7: cannot read the date 'When the new manager starts'; write e.g. "
        "'2022-03-31', 'March 2022', 'Spring 2022', '2022/23' or 'Q3 2021/22'; or clear it to "
        "keep the new 'Due date'",
    ),
    "due_and_due_date_disagree": case(
        cells({("1.6", tracker.DUE): "March 2023", ("1.6", tracker.DUE_DATE): date(2022, 9, 30)}),
        "{t}: Actions!E7: Due 'March 2023' ends on 31/03/2023, but the Due date is 30/09/2022; "
        "make them agree, or clear Due to keep the Due date",
    ),
    "due_date_moved_under_the_old_due": case(
        cells({("1.6", tracker.DUE_DATE): date(2022, 9, 30)}),
        "{t}: Actions!F7: the Due date is 30/09/2022, but Due 'by November 2021' ends on "
        "30/11/2021; make them agree, or clear Due to keep the Due date",
    ),
    "due_changed_over_the_old_due_date": case(
        cells({("1.6", tracker.DUE): "July 2022"}),
        "{t}: Actions!E7: Due 'July 2022' ends on 31/07/2022, but the Due date is 30/11/2021; "
        "make them agree, or clear the Due date",
    ),
    "due_date_text_of_a_day_that_does_not_exist": case(
        cells({("1.6", tracker.DUE_DATE): "31/02/2023"}),
        f"{{t}}: Actions!F7: due date '31/02/2023' is not a real date; {A_DAY}",
    ),
    "due_date_text_month_first": case(
        cells({("1.6", tracker.DUE_DATE): "03/31/2023"}),
        "{t}: Actions!F7: due date '03/31/2023' is not a real date; write the day first (did you "
        f"mean '31/03/2023'?); {A_DAY}",
    ),
    "due_date_with_no_fixed_day": case(
        cells({("1.6", tracker.DUE_DATE): "Ongoing"}),
        "{t}: Actions!F7: due date 'Ongoing' names no fixed date; put it under 'Due' and leave "
        "the Due date empty",
    ),
    "due_date_a_period": case(
        cells({("1.6", tracker.DUE_DATE): "Q4 2022/23"}),
        "{t}: Actions!F7: due date 'Q4 2022/23' is a period, not a day; put it under 'Due', or "
        "enter its last day here, 31/03/2023",
    ),
    "due_date_true": case(
        cells({("1.6", tracker.DUE_DATE): True}),
        f"{{t}}: Actions!F7: due date TRUE is TRUE or FALSE, not a date; {A_DAY}",
    ),
    "due_date_a_time": case(
        cells({("1.6", tracker.DUE_DATE): time(9, 30)}),
        f"{{t}}: Actions!F7: due date 09:30:00 is a time of day, not a date; {A_DAY}",
    ),
    "due_date_after_2200": case(
        cells({("1.6", tracker.DUE_DATE): date(2301, 3, 31)}),
        "{t}: Actions!F7: due date 31/03/2301 is in the year 2301; a plan's dates are from 1900 "
        "to 2200",
    ),
    "due_of_forty_thousand_characters": case(
        written("E7", "by March 2023, " * 2_000 + "x" * 10_000),
        f"{{t}}: Actions!E7: the due date is 40,000 characters; {NO_TRACKER}; shorten it",
    ),
    "update_of_forty_thousand_characters": case(
        written("I7", "x" * 40_000),
        f"{{t}}: Actions!I7: the update is 40,000 characters; {NO_TRACKER}; shorten it",
    ),
    "update_of_33_mb": case(
        written("I7", "Update. " * (33 * 1024 * 1024 // 8)),
        f"{{t}}: Actions!I7: the update is 34,603,008 characters; {NO_TRACKER}; shorten it",
    ),
    "update_of_emoji_over_the_cell_limit": case(
        cells(
            {("1.6", tracker.UPDATE): "\U0001f44d" * 20_000}
        ),  # 20,000 in Python, 40,000 in Excel
        f"{{t}}: Actions!I7: the update is 40,000 characters; {NO_TRACKER}; shorten it",
    ),
    "plan_over_the_size_limit": Case(
        every_update("y" * 32_000),
        (
            "{t}: Actions!I2: the new plan would be 1.1 MB, more than the 1 MB a plan file may "
            "be; this update, the longest, is 32,000 characters: shorten it or others",
        ),
        max_bytes=1024 * 1024,
    ),
    "value_outside_the_table": case(
        cell("L5", "ring Jo"),
        "{t}: Actions!L5: a value outside the tracker's columns would be lost; move or remove it",
    ),
}
# Hostile packages (tests/hostile.py): beyond a limit, refused before openpyxl reads them.
CASES |= {name: case(make, *lines) for name, (make, lines) in hostile.TRACKERS.items()}


# -- every case, through the command line -------------------------------------------------


def _open_in(folder: Path) -> list[str]:
    """The files in ``folder`` this process has open, where the system lists them (Linux)."""
    listed = Path("/proc/self/fd")
    if not listed.is_dir():  # elsewhere, the ResourceWarning check below stands alone
        return []
    found = []
    for fd in listed.iterdir():
        with contextlib.suppress(OSError):  # the descriptor of the listing itself is gone
            target = os.readlink(fd)
            if target.startswith(str(folder.resolve())):
                found.append(target)
    return found


def _files(folder: Path) -> dict[str, bytes | None]:
    return {p.name: p.read_bytes() if p.is_file() else None for p in sorted(folder.iterdir())}


def _refused(
    name: str,
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    output: list[str],
) -> None:
    """Import the case's trackers into a copy of Birmingham's plan, writing as ``output`` says
    (``-o FILE``, ``--in-place`` or nothing: beside the plan); it must be refused with exactly
    the expected lines and change no file."""
    plan = folder / "plan.yaml"
    shutil.copy(BIRMINGHAM, plan)
    trackers = CASES[name].make(folder)
    if CASES[name].max_bytes is not None:
        monkeypatch.setattr(loading, "MAX_BYTES", CASES[name].max_bytes)
    before = _files(folder)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(
            [
                "import-xlsx", *map(str, trackers), "--plan", str(plan), "--review", "2022-05",
                "--as-of", "2022-04-30", *output,
            ]
        )  # fmt: skip
        # Read-only openpyxl holds the file open until the workbook is closed: it must be
        # closed by now, whatever was wrong, not only once the garbage is collected.
        still_open = _open_in(folder)
        gc.collect()  # an unclosed file object is reported when it is collected
    out, err = capsys.readouterr()
    names = {"t": str(trackers[0]), "t2": str(trackers[-1])}
    assert code == 2
    assert out == ""
    assert err.splitlines() == [line.format(**names) for line in CASES[name].expected]
    assert "Traceback" not in err
    assert still_open == []
    assert [str(w.message) for w in caught] == []  # no ResourceWarning: every file closed
    assert _files(folder) == before  # the plan unchanged, nothing written
    assert plan.read_bytes() == BIRMINGHAM.read_bytes()


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_workbook_is_refused_with_the_expected_lines(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _refused(name, tmp_path, capsys, monkeypatch, ["-o", str(tmp_path / "new.yaml")])


NO_PLAN_COULD_HOLD = [
    "due_unreadable_with_a_new_due_date",
    "due_and_due_date_disagree",
    "due_date_text_of_a_day_that_does_not_exist",
    "due_date_text_month_first",
    "due_date_with_no_fixed_day",
    "due_date_a_period",
    "due_date_true",
    "due_date_a_time",
    "due_date_after_2200",
    "due_of_forty_thousand_characters",
    "update_of_forty_thousand_characters",
    "update_of_33_mb",
    "update_of_emoji_over_the_cell_limit",
    "plan_over_the_size_limit",
]
"""The cases of values the plan file could not hold: each is imported in place and beside the
plan too, which must stay byte for byte as it was."""


@pytest.mark.parametrize("output", ["--in-place", "beside"])
@pytest.mark.parametrize("name", NO_PLAN_COULD_HOLD)
def test_a_value_no_plan_could_hold_leaves_the_plan_byte_for_byte(
    name: str,
    output: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _refused(name, tmp_path, capsys, monkeypatch, ["--in-place"] if output == "--in-place" else [])


@pytest.mark.parametrize(
    "name", ["truncated_tracker", "xml_bomb_in_a_sheet", "formula_in_update", "lead_changed"]
)
def test_the_api_refuses_a_stream_the_same_way_and_leaves_it_open(
    name: str, tmp_path: Path
) -> None:
    (path,) = CASES[name].make(tmp_path)
    stream = io.BytesIO(path.read_bytes())
    stream.name = "tracker.xlsx"  # type: ignore[attr-defined]
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(birmingham(), stream, "2022-05", date(2022, 4, 30))
    assert str(caught.value).splitlines() == [
        line.format(t="tracker.xlsx") for line in CASES[name].expected
    ]
    assert not stream.closed


def test_a_stream_that_cannot_seek_is_read_too(tmp_path: Path) -> None:
    (path,) = CASES["unknown_rating"].make(tmp_path)

    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = io.BytesIO(data)
            self.name = "pipe.xlsx"

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            return self.data.readinto(buffer)

    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(birmingham(), Pipe(path.read_bytes()), "2022-05", date(2022, 4, 30))
    assert str(caught.value).startswith("pipe.xlsx: Actions!H4: unknown rating 'Excellent'")


# -- what openpyxl only warns of ------------------------------------------------------------


def _imported(make: Maker, folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Any, ...]:
    """Exit code, output, errors, warnings let out, and the new plan, of importing the tracker
    ``make`` makes into a copy of Birmingham's plan in ``folder``."""
    folder.mkdir()
    plan = folder / "plan.yaml"
    shutil.copy(BIRMINGHAM, plan)
    (path,) = make(folder)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(
            [
                "import-xlsx", str(path), "--plan", str(plan), "--review", "2022-05",
                "--as-of", "2022-04-30", "-o", str(folder / "new.yaml"),
            ]
        )  # fmt: skip
    out, err = capsys.readouterr()
    new = folder / "new.yaml"
    return (
        code,
        out,
        err.replace(str(folder), "FOLDER"),
        [f"{w.category.__name__}: {w.message}" for w in caught],
        new.read_bytes() if new.exists() else None,
    )


@pytest.mark.parametrize("name", sorted(hostile.WARNED))
def test_what_openpyxl_only_warns_of_is_imported_without_a_word_of_it(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # openpyxl's warnings give the path of its own source and copy what the tracker says raw,
    # control characters and all: none may reach the terminal or the caller, and the import is
    # the import of the tracker without what was warned of.
    plain = _imported(hostile.tracker(list), tmp_path / "plain", capsys)
    warned = _imported(hostile.WARNED[name], tmp_path / "warned", capsys)
    assert plain[0] == 0
    assert warned[3] == []
    assert warned == plain


# -- what the importer reads right -----------------------------------------------------------


def test_a_date_typed_into_due_is_that_date(tmp_path: Path) -> None:
    # Excel makes '31/03/2023' typed into the Due (text) column a date cell.
    (path,) = cells({("1.6", tracker.DUE): date(2023, 3, 31), ("1.6", tracker.DUE_DATE): None})(
        tmp_path
    )
    plan = sp.import_xlsx(birmingham(), path, "2022-05", date(2022, 4, 30))
    assert plan.reviews[-1].updates["1.6"].due == sp.Due("31 March 2023", date(2023, 3, 31))


def test_a_tracker_from_before_any_review_moves_no_due_date(tmp_path: Path) -> None:
    # The tracker shows the plan's own due dates; a review since has moved 1.6's. Importing
    # the old tracker must not move it back.
    plan = birmingham()
    path = exported(tmp_path / "tracker.xlsx", attrs.evolve(plan, reviews=()))
    moved = sp.Due("March 2023", date(2023, 3, 31))
    review = plan.reviews[0]
    updates = dict(review.updates) | {"1.6": attrs.evolve(review.updates["1.6"], due=moved)}
    plan = attrs.evolve(plan, reviews=(attrs.evolve(review, updates=updates),))
    imported = sp.import_xlsx(plan, path, "2022-05", date(2022, 4, 30))
    assert imported.reviews[-1].updates["1.6"].due is None
    assert imported.states()["1.6"].due == moved


@pytest.mark.parametrize("options", [{}, {"new_review": "2022-05"}])
def test_previous_ratings_as_written_are_read_without_complaint(
    options: dict[str, str], tmp_path: Path
) -> None:
    # A tracker shows the ratings of the review before the one it shows; an update form, the
    # ratings it starts from. Unchanged, either imports.
    plan = two_reviews()
    path = exported(tmp_path / "tracker.xlsx", plan, **options)
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book[tracker.ACTIONS].iter_rows(values_only=True))
        column = rows[0].index(tracker.PREVIOUS_RATING)
        shown = [row[column] for row in rows[1:]]
    finally:
        book.close()
    assert shown == (
        ["Good progress", "Limited progress"] if options else ["Some progress", "Good progress"]
    )
    imported = sp.import_xlsx(plan, path, "2022-05", date(2022, 4, 30))
    assert len(imported.reviews[-1].updates) == 2


# -- the size of the corpus ------------------------------------------------------------------


def test_the_corpus_of_bad_input_does_not_shrink() -> None:
    plan_cases = sorted(PLAN_CORPUS.glob("*.yaml"))
    assert len(plan_cases) >= 102
    assert len(CASES) >= 69
    assert len(hostile.TRACKERS) >= 24
    assert len(NO_PLAN_COULD_HOLD) >= 13
    assert len(plan_cases) + len(CASES) >= 60

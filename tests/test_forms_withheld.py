"""A lead's form and its e-mail withhold the plan's restricted words, and still import.

Every cell of every sheet (the hidden data sheet too), every header, footer and prompt, and the
e-mail's subject and body are searched for the name as a reader reads it (``Redactor``, which
folds case, spaces and look-alikes); the lead's own actions stay, with their ids, and the form,
returned as written, imports.
"""

from __future__ import annotations

import email
import io
from collections.abc import Iterator
from datetime import date
from email import policy
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest
from conftest import answer_every_row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.reporting.contents import WITHHELD_UPDATE
from safeguarding_plan.reporting.redaction import REDACTED, Redactor

NAMES = st.from_regex(r"[A-Z][a-z]{3,8} [A-Z][a-z]{3,10}", fullmatch=True)
"""A child's name, as two capitalised words."""
LEAD = "Business Unit"


def _spellings(name: str) -> st.SearchStrategy[str]:
    """The name as a text may hold it, each of which a reader reads as the name."""
    first, last = name.split(" ")
    return st.sampled_from(
        (name, name.upper(), f"{first}\u00a0{last}", f"{first}.{last}", f"{name}'s")
    )


@st.composite
def plans_naming_a_child(draw: st.DrawFn) -> tuple[sp.Plan, str]:
    """A plan whose priority titles, action texts and update notes (one of them restricted)
    name a child, a restricted word; and the name."""
    name = draw(NAMES)

    def naming(text: str) -> str:
        return f"{text} {draw(_spellings(name))}" if draw(st.booleans()) else text

    due = sp.Due("March 2023", date(2023, 3, 31))
    actions = (
        sp.Action("1.1", naming("Audit the work with"), lead=LEAD, due=due),
        sp.Action("1.2", naming("Learning from the review of"), lead=LEAD, restricted=True),
        sp.Action("1.3", naming("Train staff on"), lead="Neglect Group"),
    )
    notes = {
        a.id: sp.ActionUpdate(
            progress=sp.Progress.IN_PROGRESS,
            rating="amber",
            note=f"Met about {draw(_spellings(name))}",
            restricted=draw(st.booleans()),
        )
        for a in actions
    }
    plan = sp.Plan(
        partnership=sp.Partnership(name="Anytown Safeguarding Children Partnership"),
        title="Business Improvement Plan",
        ratings=sp.RATING_SCALES["rag"],
        priorities=(sp.Priority("1", naming("Keep children safe, as"), actions),),
        reviews=(sp.Review("2022-02", "February 2022 – Update", date(2022, 1, 31), notes),),
        restricted_words=(name,),
    )
    return sp.loads(sp.dumps(plan)), name


def _texts(data: bytes) -> Iterator[str]:
    """Every text of a workbook: each cell of every sheet, hidden or not, each header,
    footer and prompt, and the document's properties."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        yield from (str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
        for part in (sheet.oddHeader, sheet.oddFooter):
            yield from (p.text or "" for p in (part.left, part.center, part.right))
        for validation in sheet.data_validations.dataValidation:
            yield from (validation.prompt or "", validation.error or "")
    properties = book.properties
    yield from (properties.title or "", properties.creator or "", properties.subject or "")


def _message(path: Path) -> Iterator[str]:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    yield str(message["Subject"])
    body = message.get_body(("plain",))
    assert body is not None
    yield body.get_content()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_naming_a_child())
def test_a_leads_form_and_e_mail_withhold_every_restricted_word_and_still_import(
    tmp_path_factory: pytest.TempPathFactory, drawn: tuple[sp.Plan, str]
) -> None:
    plan, name = drawn
    reader = Redactor([name])
    folder = tmp_path_factory.mktemp("forms")
    sent = sp.write_forms(plan, "2022-05", folder, as_of=date(2022, 4, 1), return_by=None)
    exported = io.BytesIO()
    sp.export(
        plan, "xlsx", exported, options={"lead": LEAD, "new_review": "2022-05"}, as_of="2022-04-01"
    )
    for data, what in [(exported.getvalue(), "export")] + [
        (f.tracker.read_bytes(), f.tracker.name) for f in sent.forms
    ]:
        for text in _texts(data):
            assert not reader.finds(text), (what, text)
    for form in sent.forms:
        for text in _message(form.draft):
            assert not reader.finds(text), (form.draft.name, text)
    # The lead's own actions stay, restricted or not, by their ids; a restricted note is the
    # public documents' neutral line.
    (theirs,) = (f for f in sent.forms if f.lead == LEAD)
    book = openpyxl.load_workbook(theirs.tracker)
    rows = list(book[tracker.ACTIONS].iter_rows(values_only=True))
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [r[tracker.ACTION_ID] for r in records] == ["1.1", "1.2"]
    for record in records:
        update = plan.reviews[-1].updates[record[tracker.ACTION_ID]]
        if update.restricted:
            assert record[tracker.PREVIOUS_UPDATE] == WITHHELD_UPDATE
        else:
            assert REDACTED in record[tracker.PREVIOUS_UPDATE]
    # Returned as written, every form imports: the plan's own columns read as it wrote them.
    returned = [answer_every_row(f.tracker) for f in sent.forms]
    new = sp.import_xlsx(plan, returned, "2022-05", date(2022, 4, 30))
    assert new.reviews[-1].id == "2022-05"
    assert set(new.reviews[-1].updates) == {"1.1", "1.2", "1.3"}
    alone = folder / "exported.xlsx"
    alone.write_bytes(exported.getvalue())
    again = sp.import_xlsx(plan, [answer_every_row(alone)], "2022-05", date(2022, 4, 30))
    assert again.reviews[-1].id == "2022-05"
    assert set(again.reviews[-1].updates) == {"1.1", "1.2"}

"""Every word from the report: each built-in document says only what its report holds.

Each document is read back as a reader meets it (the board paper with python-docx and its
XML, the tracker with openpyxl, the Markdown as GitHub renders it, the JSON as data), text by
text: each paragraph, heading, table cell, caption and description, header and footer, sheet
name, chart title, drop-down message and document property. A text passes when nothing but
numbers, punctuation and spaces is left once every text the report holds is taken out
(``ReportTexts``): a document may join the report's texts and put numbers beside them, but an
English word typed into an exporter is left over, and fails. The HTML plugin's page is checked
the same way in the plugin's own tests.

What an exporter is given besides the report (the board paper's title-block options, the
tracker's lead and new review) counts as held, and so do the tracker's notes for those
options, which the report's own sentences word. Not read: the tracker's hidden data sheet,
whose keys are for ``import-xlsx``, not for people; the JSON's keys and its format marker.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import attrs
import docx
import gfm
import openpyxl
import pytest
from conftest import BIRMINGHAM, larger_plan, two_reviews, with_case_reviews
from docx.oxml.ns import qn
from impact_plan import IMPACT_PLAN
from lxml import etree

import safeguarding_plan as sp
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.plugin import ReportTexts
from safeguarding_plan.reporting import sentences
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.text import clean
from safeguarding_plan.words import long_date

MANAGER = sp.get_plugin_manager(autoload=False)


# --- the plans ----------------------------------------------------------------------------------


def _one_review() -> sp.Plan:
    plan = two_reviews()
    return attrs.evolve(plan, reviews=plan.reviews[:1])


def _no_change() -> sp.Plan:
    """``two_reviews()`` with a third review that changes nothing."""
    plan = two_reviews()
    last = plan.reviews[-1]
    same = attrs.evolve(last, id="2022-03", title="March 2022 – Update")
    return attrs.evolve(plan, reviews=(*plan.reviews, same))


PLANS: dict[str, Callable[[], sp.Plan]] = {
    "birmingham": lambda: sp.load(BIRMINGHAM),
    "one review": _one_review,
    "no change": _no_change,
    "no case reviews": two_reviews,
    "case reviews": with_case_reviews,
    "not reviewed": lambda: larger_plan(2, "rag"),
}

PAPER = {
    "report_to": "Safeguarding Partnership Board",
    "author": "Partnership Business Manager",
    "meeting_date": "2022-03-10",
    "marking": "OFFICIAL-SENSITIVE",
}
"""Every option of the board paper's title block, so that each of its lines is read."""


# --- reading documents as a reader meets them ---------------------------------------------------


def _paragraph(paragraph: Any) -> str:
    """A Word paragraph's text, fields' results (a page number) and line breaks included."""
    parts = []
    for node in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab")):
        parts.append(node.text or "" if node.tag == qn("w:t") else " ")
    return "".join(parts)


def docx_texts(data: bytes) -> Iterator[str]:
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    yield from (_paragraph(p) for p in body.iter(qn("w:p")))
    for tag in ("w:tblCaption", "w:tblDescription"):
        yield from (element.get(qn("w:val")) for element in body.iter(qn(tag)))
    for part in document.part.package.parts:
        if str(part.partname).startswith(("/word/header", "/word/footer")):
            root = etree.fromstring(part.blob)
            yield from (_paragraph(p) for p in root.iter(qn("w:p")))
    properties = document.core_properties
    yield from (properties.title, properties.subject, properties.keywords, properties.category)
    yield from (properties.author, properties.content_status)


def xlsx_texts(data: bytes) -> Iterator[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue  # the tracker data sheet: keys for import-xlsx
        for row in sheet.iter_rows(values_only=True):
            yield from (value for value in row if isinstance(value, str))
        yield sheet.title
        for validation in sheet.data_validations.dataValidation:
            yield from (validation.errorTitle or "", validation.error or "")
            yield from (validation.promptTitle or "", validation.prompt or "")
        yield (sheet.oddHeader.left.text or "").replace("&&", "&")
        footer = sheet.oddFooter.center.text or ""
        # Printed, the codes are the sheet's name and page numbers.
        yield footer.replace("&A", sheet.title).replace("&P", "1").replace("&N", "2")
        for chart in sheet._charts:
            for title in (chart.title, chart.x_axis.title, chart.y_axis.title):
                yield "".join(run.t for p in title.tx.rich.p for run in p.r or ())
    yield from (book.properties.title or "", book.properties.subject or "")


def md_texts(data: bytes) -> Iterator[str]:
    """Each heading, paragraph and table cell as GitHub shows it."""
    yield from (text for _, text in gfm.seen(data.decode("utf-8")).blocks)


def json_texts(data: bytes) -> Iterator[str]:
    """Every text value (keys are the format's names, not words for people)."""

    def values(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from values(item)
        elif isinstance(value, list):
            for item in value:
                yield from values(item)

    document = json.loads(data)
    del document["format"]  # "safeguarding-plan-report/1": what it is, for programs
    yield from values(document)


READERS: dict[str, Callable[[bytes], Iterator[str]]] = {
    "docx": docx_texts,
    "xlsx": xlsx_texts,
    "md": md_texts,
    "json": json_texts,
}


def _export(
    plan: sp.Plan, name: str, audience: str = "board", options: dict[str, str] | None = None
) -> bytes:
    out = io.BytesIO()
    sp.export(plan, name, out, options=options, audience=audience, plugin_manager=MANAGER)
    return out.getvalue()


def unheld(texts: ReportTexts, document: Iterator[str]) -> list[tuple[str, str]]:
    """Each text of ``document`` with words the report does not hold, and those words."""
    return [(text, rest) for text in document if (rest := texts.unheld(text))]


def _option_texts(options: dict[str, str]) -> list[str]:
    """What the board paper is given besides the report, as it shows it."""
    return [*options.values(), long_date(date.fromisoformat(options["meeting_date"]))]


def _given(name: str, audience: str) -> list[str]:
    """What an exporter shows besides the report with no options given: a board tracker's
    note of the columns import-xlsx takes back, as the report's sentences word it. (The board
    paper's meeting and marking are the report's.)"""
    if (name, audience) == ("xlsx", "board"):
        return [sentences.editable_note(tracker.EDITABLE)]
    return []


# --- every document, every plan -----------------------------------------------------------------


def test_every_exporter_is_read() -> None:
    assert set(MANAGER.exporters) == set(READERS)


@pytest.mark.parametrize("audience", ["board", "public"])
@pytest.mark.parametrize("name", sorted(READERS))
@pytest.mark.parametrize("plan_name", sorted(PLANS))
def test_a_document_says_only_what_the_report_holds(
    plan_name: str, name: str, audience: str
) -> None:
    plan = PLANS[plan_name]()
    report = sp.report(plan, audience=audience)
    texts = list(READERS[name](_export(plan, name, audience=audience)))
    held = ReportTexts(report, *_given(name, audience))
    assert unheld(held, iter(texts)) == []
    # It was read: the headline is there, as it is.
    assert clean(report.headline) in texts


def test_the_board_papers_title_block_says_only_its_options(birmingham: sp.Plan) -> None:
    texts = list(docx_texts(_export(birmingham, "docx", options=PAPER)))
    report = sp.report(birmingham)
    # The recommendations go to the meeting the option names, in the report's words for it.
    asked = report.words.asked_to.format(meeting=PAPER["report_to"])
    held = ReportTexts(report, *_option_texts(PAPER), asked)
    assert unheld(held, iter(texts)) == []
    assert "Date of meeting: 10 March 2022" in texts
    assert asked in texts


def test_an_update_form_says_only_what_the_report_words_for_it(birmingham: sp.Plan) -> None:
    lead, review, back = "Business Unit", "2022-05", date(2022, 4, 15)
    options = {"lead": lead, "new_review": review, "return_by": back}
    texts = list(xlsx_texts(_export(birmingham, "xlsx", options=options)))
    listed = sum(row.lead == lead for row in birmingham.actions)
    report = sp.report(birmingham)
    assert report.as_of is not None
    notes = (
        sentences.lead_note(listed, lead),
        sentences.update_form_note(review),
        sentences.editable_note(tracker.EDITABLE),
        sentences.return_note(back),
        sentences.due_status_note(report.as_of, report.score.due_soon_by),
        sentences.lead_columns_note(tracker.EDITABLE),
    )
    held = ReportTexts(report, lead, review, *notes)
    assert unheld(held, iter(texts)) == []
    assert set(notes) <= set(texts)


def test_the_whole_plans_form_says_only_what_the_report_words_for_it() -> None:
    plan = sp.loads(IMPACT_PLAN)  # three measures: a Measures sheet to fill in
    review = "2023-05"
    texts = list(xlsx_texts(_export(plan, "xlsx", options={"new_review": review})))
    report = sp.report(plan)
    assert report.as_of is not None
    notes = (
        sentences.update_form_note(review),
        sentences.editable_note(tracker.EDITABLE),
        sentences.due_status_note(report.as_of, report.score.due_soon_by),
        sentences.lead_columns_note(tracker.EDITABLE),
        sentences.lead_columns_note(tracker.MEASURE_EDITABLE),
    )
    held = ReportTexts(report, review, *notes)
    assert unheld(held, iter(texts)) == []
    assert {WORDS.measures_to_fill_in, WORDS.value_prompt, WORDS.measure_id} <= set(texts)


@pytest.mark.parametrize("name", ["docx", "md", "xlsx"])
def test_one_title_and_one_text_for_no_change_and_no_update(name: str) -> None:
    texts = {
        plan_name: list(READERS[name](_export(PLANS[plan_name](), name)))
        for plan_name in ("no change", "not reviewed")
    }
    unchanged, unreviewed = sp.report(_no_change()), sp.report(larger_plan(2, "rag"))
    assert texts["no change"][0] == unchanged.title  # the title comes first, in every format
    assert unchanged.title == "Business Improvement Plan 2021/23: March 2022 – Update"
    if name != "xlsx":  # the tracker lists changes and updates on no sheet of its own
        assert WORDS.no_change in texts["no change"]
        assert WORDS.no_update in texts["not reviewed"]
    assert texts["not reviewed"][0] == unreviewed.title == "Plan"


def test_words_are_the_fixed_words_as_written() -> None:
    # Words is made from FixedWords, which the sentences and score read without defining it.
    from safeguarding_plan.reporting.fixedwords import FixedWords
    from safeguarding_plan.reporting.wording import Words

    fields = {f.name: f.default for f in attrs.fields(Words)}
    assert list(fields) == list(FixedWords.__annotations__)
    assert fields == {name: getattr(FixedWords, name) for name in fields}
    assert {name: getattr(WORDS, name) for name in fields} == fields
    assert Words() == WORDS
    assert hash(Words()) == hash(WORDS)
    changed = Words(summary="Overview")
    assert changed.summary == "Overview"
    assert changed != WORDS
    assert attrs.evolve(changed, summary=WORDS.summary) == WORDS
    assert repr(WORDS).startswith("Words(purpose='Purpose of the report', ")

"""The ``docx`` board paper, read back with python-docx and checked as XML."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from conftest import BIRMINGHAM, ROOT, larger_plan, two_reviews
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from hostile import png
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import NASTY_SNIPPETS, texts

import safeguarding_plan as sp
from safeguarding_plan.formats import palette
from safeguarding_plan.formats.docx import options as docx_options
from safeguarding_plan.formats.docx import template as wordtemplate
from safeguarding_plan.markup import BulletList
from safeguarding_plan.model.plan import Audience
from safeguarding_plan.text import clean

P1 = "Priority 1 – Strong Leadership and Strong Partnership demonstrating effective Accountability"
PURPLE = RGBColor(0x70, 0x30, 0xA0)
HOUSE_HEADER = "Birmingham Safeguarding Children Partnership – house header"


def _paper(plan: sp.Plan, **kwargs: Any) -> Document:
    return docx.Document(io.BytesIO(_bytes(plan, **kwargs)))


def _bytes(plan: sp.Plan, *, audience: Audience = "board", **options: Any) -> bytes:
    out = io.BytesIO()
    manager = sp.get_plugin_manager(autoload=False)
    sp.export(plan, "docx", out, audience=audience, plugin_manager=manager, options=options)
    return out.getvalue()


def _tables(document: Document) -> dict[str, Any]:
    """Each body table by its caption (``w:tblCaption``)."""
    found = {}
    for table in document.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None, "every table has a caption"
        found[caption.get(qn("w:val"))] = table
    return found


def _rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _fill(cell: Any) -> str | None:
    """The cell's shading, or None."""
    shading = cell._tc.tcPr.find(qn("w:shd"))
    return None if shading is None else str(shading.get(qn("w:fill")))


def _headings(document: Document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name in ("Title", "Heading 1", "Heading 2")
    ]


def _all_text_of(table: Any) -> str:
    return "\n".join(cell.text for row in table.rows for cell in row.cells)


def _all_text(document: Document) -> str:
    return "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )


# --- the Birmingham paper -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def paper(birmingham: sp.Plan) -> Document:
    return _paper(birmingham)


def test_headline_and_summary_as_the_seed_words_them(paper: Document) -> None:
    text = [p.text for p in paper.paragraphs]
    assert (
        "The Plan has 4 strategic priorities and 33 actions. At the end of January 2022, "
        "73% of the actions have been completed." in text
    )
    assert "20 actions were due by 31 January 2022; 15 of them are complete." in text
    summary = _rows(_tables(paper)["Progress by priority"])
    assert summary[0] == ["Priority", "Actions", "Complete", "% complete", "Ratings"]
    assert summary[1][:4] == [P1, "10", "9", "90%"]
    assert summary[1][4] == "9 good progress, 1 limited progress"
    assert [row[1:4] for row in summary[2:5]] == [
        ["10", "7", "70%"],
        ["5", "3", "60%"],
        ["8", "5", "63%"],
    ]
    assert summary[-1][:4] == ["All priorities", "33", "24", "73%"]


def test_four_priority_tables_of_the_seed(paper: Document, birmingham: sp.Plan) -> None:
    tables = _tables(paper)
    priority_tables = [tables[f"Priority {p.id} – {p.title}"] for p in birmingham.priorities]
    assert [len(t.rows) - 1 for t in priority_tables] == [10, 10, 5, 8]
    words = {r.label.lower() for r in birmingham.ratings}
    for table in priority_tables:
        rows = _rows(table)
        assert rows[0] == ["Planned Action (2021-23)", "February 2022 – Update", "Status"]
        for row in rows[1:]:
            assert any(row[2].endswith(word) for word in words), row[2]
    first = _rows(priority_tables[0])[1]
    assert first[0].startswith("1.1 The BSCP Independent Chair to present an Annual")
    assert "Lead: Independent Chair. Due: 22nd April 2021." in first[0]
    assert first[1] == "Completed on 22nd April 2022."
    assert first[2] == "Complete – 😊 good progress"


def test_headings_are_real_styles_in_order(paper: Document, birmingham: sp.Plan) -> None:
    headings = _headings(paper)
    assert headings[0] == ("Title", "Business Improvement Plan 2021/23: February 2022 – Update")
    sections = sp.report(birmingham).narrative  # titled as the board reads them
    assert list(headings[1:]) == [
        ("Heading 1", "Purpose of the report"),
        ("Heading 1", "Recommendations"),
        ("Heading 1", "Executive summary"),
        *[("Heading 1", s.title) for s in sections if s.place is sp.Place.BEFORE],
        ("Heading 1", "Summary"),
        ("Heading 1", "Impact"),  # Birmingham's two measures
        ("Heading 1", "Exceptions"),
        *[("Heading 1", f"Priority {p.id} – {p.title}") for p in birmingham.priorities],
        ("Heading 1", "Learning from reviews"),
        *[("Heading 1", s.title) for s in sections if s.place is sp.Place.AFTER],
        ("Heading 1", "Key to ratings"),
    ]
    assert [s for s, _ in headings].count("Title") == 1


def test_exceptions_are_short_number_what_is_wrong_and_update(
    paper: Document, birmingham: sp.Plan
) -> None:
    rows = _rows(_tables(paper)["Exceptions"])
    assert rows[0] == ["No.", "What is wrong", "Update"]
    assert [row[0] for row in rows[1:]] == ["1.6", "2.3", "2.9", "4.1", "4.4"]
    assert rows[1] == [
        "1.6",
        "Overdue and red: not started – ☹️ limited progress\n"
        "Lead: Business Unit. Due: by November 2021.",
        "Website redesign will commence in 2022/23.",
    ]
    assert rows[3][1].startswith("Overdue: deferred – 😐 some progress")
    # The action itself is in its priority's table only.
    action = next(a for a in birmingham.actions if a.id == "1.6")
    assert action.text not in _all_text_of(_tables(paper)["Exceptions"])
    assert action.text in _all_text_of(_tables(paper)[P1])


def test_key_gives_symbol_words_colour_and_meaning(paper: Document, birmingham: sp.Plan) -> None:
    key = _tables(paper)["Key to ratings"]
    rows = _rows(key)
    assert rows == [
        ["Symbol", "Rating", "RAG", "Meaning"],
        ["😊", "Good progress", "Green", "Achieved, or on track to be achieved on time"],
        ["😐", "Some progress", "Amber", "Under way but behind plan, or partly achieved"],
        ["☹️", "Limited progress", "Red", "Delayed or deferred; needs the Board's attention"],
        ["😞", "No progress", "Red", "Not started or stalled; needs the Board's action"],
    ]
    assert rows[1:] == [[r.symbol, r.label, r.rag.label, r.meaning] for r in birmingham.ratings]
    # The rating and its colour are shaded as a status of that colour is: one shading for
    # each colour, and a different one for each colour.
    fills = [[_fill(cell) for cell in row.cells[1:3]] for row in key.rows[1:]]
    assert fills == [[palette.RAG_FILL[r.rag]] * 2 for r in birmingham.ratings]
    assert len(set(palette.RAG_FILL.values())) == len(palette.RAG_FILL)
    assert palette.HEADER_FILL not in palette.RAG_FILL.values()


def test_title_block(paper: Document) -> None:
    text = [p.text for p in paper.paragraphs[:8]]
    assert "Birmingham Safeguarding Children Partnership" in text
    assert "Report to: Executive Board" in text
    assert "Progress as at: 31 January 2022" in text
    assert "Protective marking: OFFICIAL" in text


def test_every_table_is_accessible(paper: Document) -> None:
    for table in paper.tables:
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
        assert tbl.tblPr.find(qn("w:tblDescription")).get(qn("w:val"))
        rows = tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
        assert rows[0].trPr.find(qn("w:cantSplit")) is not None
        # A row may split across pages only when it is long: a short one is kept whole.
        for row in rows[1:]:
            if row.trPr.find(qn("w:cantSplit")) is None:
                assert len("".join(row.itertext())) > 200
        for name in ("w:gridSpan", "w:vMerge", "w:hMerge"):
            assert not tbl.findall(f".//{qn(name)}"), name
        # Every row has a cell per grid column: nothing merged, nothing missing.
        columns = len(tbl.tblGrid.findall(qn("w:gridCol")))
        assert {len(r.tc_lst) for r in rows} == {columns}


def test_status_is_in_words_and_shading_only_adds(paper: Document) -> None:
    status = _tables(paper)[P1].rows[6].cells[2]  # action 1.6
    assert status.text == "Not started – ☹️ limited progress"
    assert _fill(status) == palette.RAG_FILL[sp.Rag.RED]


def test_properties_are_the_papers_own(birmingham: sp.Plan) -> None:
    data = _bytes(birmingham)
    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    assert props.title == "Business Improvement Plan 2021/23: February 2022 – Update"
    assert props.author == "Birmingham Safeguarding Children Partnership"
    assert props.subject.startswith("Birmingham Safeguarding Children Partnership")
    assert props.language == "en-GB"
    assert props.comments == ""
    assert props.created == props.modified == datetime(2022, 1, 31, tzinfo=UTC)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        everything = b"".join(package.read(name) for name in names)
    assert b"python-docx" not in everything
    assert b"2013-12-23" not in everything
    assert b"Microsoft Macintosh Word" not in everything
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
    assert b'w:val="en-GB"' in zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")


def test_default_style_is_sans_serif_twelve_point_a4(paper: Document) -> None:
    normal = paper.styles["Normal"]
    assert normal.font.name in ("Arial", "Helvetica", "Verdana", "Calibri")
    assert normal.font.size is not None
    assert normal.font.size >= Pt(12)
    section = paper.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_marking_and_page_numbers_on_every_page(birmingham: sp.Plan) -> None:
    document = _paper(birmingham, marking="OFFICIAL-SENSITIVE")
    section = document.sections[0]
    assert "OFFICIAL-SENSITIVE" in [p.text for p in section.header.paragraphs]
    footer = section.footer
    assert "OFFICIAL-SENSITIVE" in [p.text for p in footer.paragraphs]
    fields = [f.get(qn("w:instr")).split()[0] for f in footer._element.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert any(p.text == "Page  of " for p in footer.paragraphs)  # the fields sit in the gaps
    assert "Protective marking: OFFICIAL-SENSITIVE" in _all_text(document)


def test_the_title_block_is_the_reports_in_its_order(paper: Document, birmingham: sp.Plan) -> None:
    report = sp.report(birmingham)
    lines = [f"{label}: {text}" for label, text in report.title_block]
    assert [p.text for p in paper.paragraphs[2 : 2 + len(lines)]] == lines
    assert len(lines) == 6  # the meeting, its date, from, presented by, progress, marking


def test_title_block_options(birmingham: sp.Plan) -> None:
    document = _paper(
        birmingham,
        report_to="Safeguarding Leaders Assembly",
        author="Partnership Business Manager",
        meeting_date="2022-03-10",
    )
    text = [p.text for p in document.paragraphs[:9]]
    assert "Report to: Safeguarding Leaders Assembly" in text
    assert "Date of meeting: 10 March 2022" in text
    assert "Report of: Partnership Business Manager" in text
    assert document.core_properties.author == "Partnership Business Manager"
    same = _paper(birmingham, meeting_date=date(2022, 3, 10))
    assert "Date of meeting: 10 March 2022" in [p.text for p in same.paragraphs[:9]]
    uk = _paper(birmingham, meeting_date="10/03/2022")
    assert "Date of meeting: 10 March 2022" in [p.text for p in uk.paragraphs[:9]]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"meeting_date": "March 2022"}, "option 'meeting_date' of exporter 'docx'"),
        ({"meeting_date": 20220310}, "option 'meeting_date' of exporter 'docx' must be a date"),
        ({"marking": ""}, "option 'marking' of exporter 'docx' must be non-empty text"),
        ({"marking": "OFFICIAL\nSECRET"}, "option 'marking' of exporter 'docx' must be one line"),
        ({"author": 3}, "option 'author' of exporter 'docx' must be non-empty text"),
        ({"template": 3}, "option 'template' of exporter 'docx' must be a path or a file"),
        ({"colour": "red"}, "exporter 'docx' takes no option 'colour'"),
    ],
)
def test_bad_options_are_one_clear_error(
    birmingham: sp.Plan, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(sp.ExporterError, match=re.escape(message)):
        _bytes(birmingham, **options)


@pytest.mark.parametrize("name", ["marking", "author", "report_to"])
def test_a_text_option_longer_than_a_document_property_is_refused_without_repeating_it(
    birmingham: sp.Plan, name: str
) -> None:
    value = "OFFICIAL-SENSITIVE " * 263 + "END"  # 5,000 characters
    with pytest.raises(sp.ExporterError) as refused:
        _bytes(birmingham, **{name: value})
    assert str(refused.value) == (
        f"option {name!r} of exporter 'docx' is 5,000 characters; it may be at most 255, the "
        "most a Word document property holds"
    )


def test_text_options_of_the_longest_a_document_property_holds_are_kept_whole(
    birmingham: sp.Plan,
) -> None:
    marking, author, report_to = "M" * 255, "A" * 255, "R" * 255
    document = _paper(birmingham, marking=marking, author=author, report_to=report_to)
    assert document.core_properties.content_status == marking
    assert document.core_properties.author == author
    text = _all_text(document)
    assert f"Protective marking: {marking}" in text
    assert f"Report to: {report_to}" in text


def test_public_paper_withholds_restricted_actions(birmingham: sp.Plan) -> None:
    restricted = birmingham.action("2.9")
    plan = _with_action(birmingham, "2.9", restricted_text="Name of a child at risk")
    board, public = _all_text(_paper(plan)), _all_text(_paper(plan, audience="public"))
    assert "Name of a child at risk" in board
    assert "Name of a child at risk" not in public
    assert "Some actions and updates are not published in this version." in public
    assert restricted.lead
    assert restricted.lead in board


def test_the_category_is_what_the_audiences_document_is(birmingham: sp.Plan) -> None:
    board = _paper(birmingham).core_properties.category
    public = _paper(birmingham, audience="public").core_properties.category
    assert (board, public) == ("Board paper", "Progress report")
    assert public == sp.report(birmingham, audience="public").category


NOT_FOR_THE_PUBLIC = {"report_to": "Safeguarding Leaders Assembly", "meeting_date": "2022-03-10"}
"""The options of the title block, which the public's progress report does not have."""
FOR_EVERY_AUDIENCE = ("template", "author", "marking")


def test_every_option_is_either_refused_or_shown_for_the_public() -> None:
    names = [option.name for option in docx_options.OPTIONS]
    assert sorted(names) == sorted([*NOT_FOR_THE_PUBLIC, *FOR_EVERY_AUDIENCE])


@pytest.mark.parametrize("names", [["report_to"], ["meeting_date"], list(NOT_FOR_THE_PUBLIC)])
def test_an_option_of_the_title_block_is_refused_for_the_public(
    birmingham: sp.Plan, names: list[str]
) -> None:
    with pytest.raises(sp.OptionError) as refused:
        _bytes(birmingham, audience="public", **{name: NOT_FOR_THE_PUBLIC[name] for name in names})
    assert refused.value.problems == tuple(
        f"option {name!r} of exporter 'docx' needs the board audience: the public's progress "
        "report goes to no meeting and has no title block to show it"
        for name in names
    )
    assert str(refused.value).count("\n") == len(names) - 1  # a line each


def test_the_other_options_take_effect_for_the_public(birmingham: sp.Plan, tmp_path: Path) -> None:
    document = _paper(
        birmingham,
        audience="public",
        template=_house_template(tmp_path / "house.docx"),
        author="Partnership Business Manager",
        marking="OFFICIAL-SENSITIVE",
    )
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header[0] == HOUSE_HEADER
    assert "OFFICIAL-SENSITIVE" in header
    assert "OFFICIAL-SENSITIVE" in [p.text for p in document.sections[0].footer.paragraphs]
    properties = document.core_properties
    assert (properties.author, properties.content_status) == (
        "Partnership Business Manager",
        "OFFICIAL-SENSITIVE",
    )


def _with_action(plan: sp.Plan, action_id: str, *, restricted_text: str) -> sp.Plan:
    import attrs

    priorities = []
    for priority in plan.priorities:
        actions = tuple(
            attrs.evolve(a, text=restricted_text, restricted=True) if a.id == action_id else a
            for a in priority.actions
        )
        priorities.append(attrs.evolve(priority, actions=actions))
    return attrs.evolve(plan, priorities=tuple(priorities))


# --- changes since the previous review ----------------------------------------------------------


def test_changes_since_the_previous_review() -> None:
    document = _paper(two_reviews())
    assert ("Heading 1", "Changes since November 2021 – Update") in _headings(document)
    rows = _rows(_tables(document)["Changes since November 2021 – Update"])
    assert rows[0] == ["Change", "Action", "Before", "After"]
    assert ["Newly complete", "1.1", "In progress", "Complete"] in rows
    assert ["Rating improved", "1.1", "😐 Some progress", "😊 Good progress"] in rows
    assert ["Rating worsened", "1.2", "😊 Good progress", "☹️ Limited progress"] in rows


def test_first_review_has_no_changes_section(paper: Document) -> None:
    assert not [h for _, h in _headings(paper) if h.startswith("Changes since")]


# --- the house template -------------------------------------------------------------------------


def _house_template(path: Path, *, without: tuple[str, ...] = ()) -> Path:
    house = docx.Document()
    house.styles["Heading 1"].font.color.rgb = PURPLE
    for style in list(house.styles):
        if style.name in without:
            style.delete()
    section = house.sections[0]
    section.page_width, section.page_height = Cm(29.7), Cm(21)  # landscape A4
    section.left_margin = section.right_margin = Cm(3)
    header = section.header
    header.paragraphs[0].text = HOUSE_HEADER
    header.add_paragraph().add_run().add_picture(io.BytesIO(png()), width=Cm(2))
    house.add_paragraph("TEMPLATE BODY TEXT to be replaced")
    house.core_properties.title = "House template"
    house.core_properties.comments = "Our template, do not edit"
    house.save(path)
    return path


def test_house_template_keeps_styles_header_logo_and_page(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    template = _house_template(tmp_path / "house.docx")
    document = _paper(birmingham, template=str(template))
    assert document.styles["Heading 1"].font.color.rgb == PURPLE
    assert document.paragraphs[0].style.name == "Title"
    header = document.sections[0].header
    assert next(p.text for p in header.paragraphs) == HOUSE_HEADER
    assert "OFFICIAL" in [p.text for p in header.paragraphs]
    embeds = [blip.get(qn("r:embed")) for blip in header._element.iter(qn("a:blip"))]
    assert len(embeds) == 1
    assert header.part.related_parts[embeds[0]].blob == png()
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.left_margin.cm, 1)) == (29.7, 3.0)
    # Tables fill the template's text width (29.7 - 2 x 3 cm), not the default's.
    grid = _tables(document)[P1]._tbl.tblGrid.findall(qn("w:gridCol"))
    assert abs(sum(int(g.get(qn("w:w"))) for g in grid) - Cm(23.7) / 635) < 10
    text = _all_text(document)
    assert "TEMPLATE BODY TEXT" not in text
    assert "73% of the actions have been completed" in text
    assert document.core_properties.title.startswith("Business Improvement Plan")
    assert document.core_properties.comments == ""


def test_house_template_may_be_a_dotx_or_a_stream(birmingham: sp.Plan, tmp_path: Path) -> None:
    template = _house_template(tmp_path / "house.docx")
    dotx = tmp_path / "house.dotx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(dotx, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    from_dotx = _paper(birmingham, template=dotx)
    assert from_dotx.styles["Heading 1"].font.color.rgb == PURPLE
    with template.open("rb") as stream:
        from_stream = _paper(birmingham, template=stream)
    assert from_stream.sections[0].header.paragraphs[0].text == HOUSE_HEADER


def test_a_house_template_that_already_has_the_marking_is_not_marked_twice(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    house = docx.Document()
    house.sections[0].header.paragraphs[0].text = "OFFICIAL"
    house.save(tmp_path / "marked.docx")
    header = _paper(birmingham, template=tmp_path / "marked.docx").sections[0].header
    assert [p.text for p in header.paragraphs].count("OFFICIAL") == 1


@pytest.mark.parametrize("missing", ["Title", "Heading 1"])
def test_a_missing_style_is_named(birmingham: sp.Plan, tmp_path: Path, missing: str) -> None:
    template = _house_template(tmp_path / "house.docx", without=(missing,))
    with pytest.raises(sp.ExporterError, match=f"has no paragraph style '{missing}'"):
        _bytes(birmingham, template=template)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read it"),
        (b"not a zip", "not a Word document or template"),
        (b"PK\x03\x04broken", "not a Word document or template"),
    ],
)
def test_an_unusable_template_is_one_clear_error(
    birmingham: sp.Plan, tmp_path: Path, content: bytes | None, message: str
) -> None:
    template = tmp_path / "house.docx"
    if content is not None:
        template.write_bytes(content)
    with pytest.raises(sp.ExporterError, match=message) as caught:
        _bytes(birmingham, template=template)
    assert "\n" not in str(caught.value)
    assert str(template) in str(caught.value)


def test_the_default_document_has_every_style_the_paper_uses() -> None:
    names = {s.name for s in docx.Document().styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    assert set(wordtemplate.STYLES) <= names


# --- hostile text, long text, speed -------------------------------------------------------------


def _plan_with(text: str, note: str, lead: str = "Lead") -> sp.Plan:
    return sp.Plan(
        partnership=sp.Partnership(name=text),
        title=text,
        ratings=sp.RATING_SCALES["faces"],
        priorities=(
            sp.Priority(
                id="1",
                title=text,
                actions=(sp.Action(id="1.1", text=text, lead=lead), sp.Action(id="1.2", text="x")),
            ),
        ),
        reviews=(
            sp.Review(
                id="r1",
                title=text,
                as_of=date(2022, 1, 31),
                updates={
                    "1.1": sp.ActionUpdate(
                        progress=sp.Progress.IN_PROGRESS, rating="sad", note=note
                    )
                },
            ),
        ),
    )


hostile = st.one_of(
    texts(),
    st.lists(st.sampled_from(NASTY_SNIPPETS), min_size=1, max_size=8).map("".join),
)


@settings(max_examples=40)
@given(text=hostile, note=hostile, lead=hostile)
def test_hostile_text_exports_and_reads_back_sanitised(text: str, note: str, lead: str) -> None:
    document = _paper(_plan_with(text, note, lead))
    table = _tables(document)[f"Priority 1 – {clean(text)}"]
    action, update, _status = table.rows[1].cells
    assert action.paragraphs[0].text == f"1.1 {clean(text)}"
    assert action.paragraphs[1].text == f"Lead: {clean(lead)}."
    assert update.text == clean(note)
    assert document.paragraphs[1].text == clean(text)  # the partnership, in the title block


def test_long_right_to_left_and_every_emoji(tmp_path: Path) -> None:
    emoji = "".join(chr(c) for c in range(0x1F300, 0x1FAFF) if chr(c).isprintable())
    long_update = ("Update on the multi-agency audit. " * 400)[:10_000]
    arabic = "مراجعة ممارسات حماية الطفل المحلية"
    document = _paper(_plan_with(arabic + " " + emoji, long_update))
    table = _tables(document)[f"Priority 1 – {arabic} {emoji}"]
    action, update, _ = table.rows[1].cells
    assert action.paragraphs[0].text == f"1.1 {arabic} {emoji}"
    assert update.text == long_update
    # A row longer than a page may split rather than overflow; the short one stays whole.
    assert table.rows[1]._tr.trPr.find(qn("w:cantSplit")) is None
    assert table.rows[2]._tr.trPr.find(qn("w:cantSplit")) is not None
    # Right-to-left text gets a right-to-left paragraph, as HTML's dir=auto would.
    assert action.paragraphs[0]._p.pPr.find(qn("w:bidi")) is not None
    assert update.paragraphs[0]._p.pPr.find(qn("w:bidi")) is None


def test_control_characters_never_drop_a_field() -> None:
    text = "Audit\x00of\x07the\x1b[31mplan\ufffe\x7f"
    document = _paper(_plan_with(text, "note\x0bwith\x0cbreaks"))
    action, update, _ = _tables(document)[f"Priority 1 – {clean(text)}"].rows[1].cells
    assert action.paragraphs[0].text == "1.1 Audit\ufffdof\ufffdthe\ufffd[31mplan\ufffd\ufffd"
    assert update.text == "note\ufffdwith\ufffdbreaks"


def _forbid(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("a per-cell lookup: quadratic in the number of rows")


def test_rows_are_built_without_cell_lookups(
    birmingham: sp.Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx.table

    monkeypatch.setattr(docx.table.Table, "cell", _forbid)
    monkeypatch.setattr(docx.table.Table, "add_row", _forbid)
    monkeypatch.setattr(docx.table._Row, "cells", property(_forbid))
    assert _bytes(birmingham).startswith(b"PK")


def test_python_docx_is_loaded_only_to_write_a_paper() -> None:
    import subprocess
    import sys

    code = (
        "import sys, io, safeguarding_plan as sp\n"
        "m = sp.get_plugin_manager(autoload=False); m.exporters\n"
        "assert 'docx' not in sys.modules, 'listing loaded python-docx'\n"
        "sp.export(sp.load(sys.argv[1]), 'md', io.BytesIO(), plugin_manager=m)\n"
        "assert 'docx' not in sys.modules, 'markdown loaded python-docx'\n"
    )

    subprocess.run([sys.executable, "-c", code, str(BIRMINGHAM)], check=True)


def test_every_action_of_a_larger_plan_is_in_its_table() -> None:
    plan = larger_plan(60, "rag")
    priorities = plan.priorities
    tables = _tables(_paper(plan))
    for priority in priorities:
        rows = _rows(tables[f"Priority {priority.id} – {priority.title}"])
        assert [row[0].split("\n")[0] for row in rows[1:]] == [
            f"{a.id} {a.text}" for a in priority.actions
        ]
        assert {row[2] for row in rows[1:]} == {"Not started – not yet rated"}


def test_the_example_script_writes_the_birmingham_paper(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = ROOT / "examples" / "board_paper.py"
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "73% of the actions have been completed" in result.stdout
    document = docx.Document(str(tmp_path / "bscp-board-paper-2022-02.docx"))
    assert "Date of meeting: 16 February 2022" in [p.text for p in document.paragraphs]
    assert document.core_properties.author == "Birmingham Safeguarding Children Partnership"


def test_birmingham_paper_has_the_learning_from_reviews(paper: Document) -> None:
    tables = _tables(paper)
    text = [p.text for p in paper.paragraphs]
    heading = text.index("Learning from reviews")
    assert text[heading + 1] == (
        "5 case reviews. 2 of 4 recommendations implemented (50%). The timing of 2 reviews "
        "cannot be judged: dates are not recorded."
    )
    reviews = [[c.text for c in row.cells] for row in tables["Case reviews"].rows]
    assert reviews[0] == ["Review", "Dates and timeliness", "Status"]
    titles = [
        "'Reachable Moments': a 'County Lines' case",
        "'It was hard to Escape': a national review of child criminal exploitation",
        "'Out of Routine': a National Panel review",
        "Support for vulnerable families with newborn babies (thematic, from 'Out of Routine')",
        "National review after the deaths of Arthur Labinjo-Hughes and Star Hobson",
    ]
    assert [row[0].split("\n")[0] for row in reviews[1:]] == titles
    assert reviews[1][1].split("\n") == [
        "Published: September 2021",
        "3 steps cannot be timed, as the plan does not record when the partnership became "
        "aware, when the national panel was notified or when the review was initiated.",
    ]
    assert reviews[4][1] == "No dates are recorded, so its timescales cannot be checked."
    assert reviews[5][2] == "Not recorded"
    assert "Subject: Arthur Labinjo-Hughes and Star Hobson." in reviews[5][0]  # the board's copy
    recommendations = tables["Recommendations of case reviews"].rows
    assert [row.cells[0].text for row in recommendations[1:]] == titles[:4]
    assert [[c.text for c in row.cells][2:] for row in recommendations[1:]] == [
        ["2.6 Complete", "Implemented"],
        ["2.7 Complete", "Implemented"],
        ["4.7 In progress", "0 of 1 action complete"],
        ["4.7 In progress", "0 of 1 action complete"],
    ]


def test_the_public_birmingham_paper_withholds_the_childrens_names(birmingham: sp.Plan) -> None:
    public = _paper(birmingham, audience="public")
    text = "\n".join(
        [p.text for p in public.paragraphs]
        + [c.text for t in public.tables for row in t.rows for c in row.cells]
    )
    assert "Learning from reviews" in text
    assert "Arthur" not in text
    assert "Star Hobson" not in text
    assert "National review after the deaths of [withheld]" in text


# --- layout: what keeps together, what may split --------------------------------------------------


def test_headings_and_introductions_keep_with_what_follows(
    paper: Document, birmingham: sp.Plan
) -> None:
    paragraphs = paper.paragraphs
    for paragraph in paragraphs:
        if paragraph.style.name == "Heading 1":  # directly, whatever a template's style says
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
    report = sp.report(birmingham)
    assert report.expected is not None
    assert report.learning is not None
    introductions = {
        report.expected,
        report.exceptions_summary,
        report.learning.summary,
        *(p.summary for p in report.priorities),
    }
    kept = {p.text for p in paragraphs if p.paragraph_format.keep_with_next}
    assert introductions <= kept
    # The key is kept with what comes before it, never a page of its own.
    key = next(i for i, p in enumerate(paragraphs) if p.text == "Key to ratings")
    last = report.narrative[-1].blocks[-1]  # Birmingham's "Looking Ahead" list comes last
    assert isinstance(last, BulletList)
    assert paragraphs[key - 1].text == "".join(s.text for s in last.items[-1].spans)
    assert paragraphs[key - 1].paragraph_format.keep_with_next


def _keeps(row: Any) -> bool:
    return all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


def test_the_table_before_the_key_keeps_with_it_whole_when_short() -> None:
    """Without case reviews the last priority's table comes before the key: LibreOffice keeps a
    table with what follows only when it keeps the whole table together, and that may leave
    most of a page white, so only a short table is kept whole; Word keeps its last row."""
    plan = sp.load(BIRMINGHAM)
    without = attrs.evolve(  # nor the sections the partnership writes after the progress
        plan,
        case_reviews=(),
        paper=sp.Paper(),
        reviews=tuple(attrs.evolve(r, paper=sp.Paper()) for r in plan.reviews),
    )
    last = _tables(_paper(without))[f"Priority 4 – {plan.priorities[-1].title}"]
    assert _keeps(last.rows[-1])
    assert not all(_keeps(row) for row in last.rows)
    short = attrs.evolve(
        without,
        priorities=(
            *without.priorities[:-1],
            attrs.evolve(without.priorities[-1], actions=without.priorities[-1].actions[:1]),
        ),
    )
    last = _tables(_paper(short))[f"Priority 4 – {plan.priorities[-1].title}"]
    assert all(_keeps(row) for row in last.rows)


def test_a_long_row_may_split_across_pages_a_short_one_may_not(paper: Document) -> None:
    rows = [row for table in paper.tables for row in table.rows[1:]]
    splits = {row.cells[0].text.split(" ")[0] for row in rows if _may_split(row)}
    assert splits == {"2.1", "4.2"}  # the two rows of more than a fifth of a page
    for row in rows:
        length = sum(len(cell.text) for cell in row.cells)
        assert _may_split(row) == (length > 500), (length, row.cells[0].text[:20])


def _may_split(row: Any) -> bool:
    return row._tr.trPr.find(qn("w:cantSplit")) is None


def test_header_and_footer_keep_inside_the_margins(paper: Document) -> None:
    """The marking on one line in the header, the marking and page numbers on two in the
    footer, with no blank line or space around them: inside 2 cm margins, they never take
    height from a page's text (tests/test_docx_layout.py measures it)."""
    section = paper.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["OFFICIAL"]
    assert [p.text for p in section.footer.paragraphs] == ["OFFICIAL", "Page  of "]
    for paragraph in (*section.header.paragraphs, *section.footer.paragraphs):
        assert paragraph.paragraph_format.space_before == 0
        assert paragraph.paragraph_format.space_after == 0
    assert section.header_distance + Pt(12 * 1.15) < section.top_margin
    assert section.footer_distance + 2 * Pt(12 * 1.15) < section.bottom_margin


def test_each_paragraph_style_is_looked_up_once(
    birmingham: sp.Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    # python-docx walks every style of the document to style each paragraph: 97 paragraphs
    # of the Birmingham paper took a quarter of the command's time that way.
    from docx.styles.styles import Styles

    walks: list[int] = []
    default, by_name = Styles.default, Styles.__getitem__
    monkeypatch.setattr(Styles, "default", lambda s, t: walks.append(1) or default(s, t))
    monkeypatch.setattr(Styles, "__getitem__", lambda s, n: walks.append(1) or by_name(s, n))
    document = _paper(birmingham)
    assert len(document.paragraphs) > 90
    assert len(walks) < 20
    styled = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Normal", "List Bullet"} <= styled

"""The Birmingham example tells the whole story of the presentation it reproduces (Wednesday
16th February 2022): the meeting and its presenters, and every section beyond the plan's tables
in the presentation's own words, in the board paper written with no ``-O`` option; and no child
the presentation names reaches a public document.

The words below are the presentation's, as its slides have them (the repository holds no copy
of the presentation itself)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import BIRMINGHAM, ROOT
from docx.document import Document
from docx.oxml.ns import qn
from gfm import read, render
from libreoffice import convert, pdf_pages

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.reporting.wording import WORDS

PRESENTERS = ("Penny Thompson CBE, Independent Chair", "Simon Cross, Partnership Business Manager")

STORY: tuple[tuple[sp.Place, str, tuple[str, ...]], ...] = (
    (
        sp.Place.BEFORE,
        "National Framework",
        ("1st October 2019", "Police Accountability", "MASA replaced LSCB", "CSPRs replaced SCRs"),
    ),
    (
        sp.Place.BEFORE,
        "Business Improvement Plan – Progress",
        (
            "Significant progress has also been made on the outstanding actions scheduled for "
            "completion in the second year of the plan.",
        ),
    ),
    (
        sp.Place.AFTER,
        "Independent Scrutiny & Challenge",
        (
            "Independent Chair's Accountability Report 20/21:",
            "Covid-19- Continuing to deliver",
            "Progress on Priorities",
            "✓ Strong Leadership;",
            "✓ The impact Covid-19 on safeguarding children;",
            "Conclusion",
        ),
    ),
    (
        sp.Place.AFTER,
        "Safeguarding children during the Pandemic",
        ("'Who's in Charge?' Campaign", "Keeping children safe when adults are drinking alcohol"),
    ),
    (
        sp.Place.AFTER,
        "Current High Profile Cases",
        (
            "Arthur Labinjo-Hughes, 6 years old, 17th June 2020",
            "Star Hobson, 16 months old, 22nd September 2020",
            "Kermani Watson Darby, 3 years old, 5th June 2018",
        ),
    ),
    (
        sp.Place.AFTER,
        "Embedding National Learning",
        (
            "Six key practice themes to make a difference:",
            "Understanding what the child's daily life is like",
            "Working with families where their engagement is reluctant and sporadic",
            "Critical thinking and challenge",
            "Responding to changing risk and need",
            "Sharing information in a timely and appropriate way",
            "Organisational leadership and culture for good outcomes",
        ),
    ),
    (
        sp.Place.AFTER,
        "Serious Youth Violence",
        (
            "Nasir Patrice, 17 years old, 15th January 2020",
            "Babacar Diagne, 15 years old, 5th February 2020",
            "Keon Lincoln, 15 years old, 21st January 2021",
            "De-John Reid, 14 years old, 31st May 2021",
        ),
    ),
    (
        sp.Place.AFTER,
        "Offensive Weapon Homicide Reviews",
        (
            "Legislative framework - The Police, Crime, Sentencing and Courts Bill",
            "West Midlands Pilot – Scheduled for 2022",
            "Concerns over – Proposed Criteria 18+",
            "Lobbying for change – Letter to Home Secretary",
        ),
    ),
    (
        sp.Place.AFTER,
        "Looking Ahead",
        (
            "Birmingham 2022",
            "Robust response to 'Everyone's Invited'",
            "Publication of 2-year report – Focusing on safeguarding children during the pandemic",
        ),
    ),
)
"""Each section of the presentation beyond the plan's tables, in its order: where the paper
puts it, its heading, and words of it, each a whole paragraph or list item."""

CAMPAIGN = (
    "https://www.bhamcommunity.nhs.uk/about-us/news/latest-news/"
    "whos-in-charge-video-campaign/resources/"
)
CHILDREN = (
    "Arthur Labinjo-Hughes",
    "Star Hobson",
    "Kermani Watson Darby",
    "Nasir Patrice",
    "Babacar Diagne",
    "Keon Lincoln",
    "De-John Reid",
)
"""The children the presentation names: the high profile cases and serious youth violence."""
RESTRICTED = ("Current High Profile Cases", "Serious Youth Violence")


def _export(tmp_path: Path, name: str, *audience: str) -> Path:
    """The Birmingham document ``name`` as the command writes it, with no ``-O`` option."""
    target = tmp_path / f"{name}-{'-'.join(audience) or 'board'}.{name}"
    assert main(["export", str(BIRMINGHAM), "-f", name, "-o", str(target), *audience]) == 0
    return target


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("story")


@pytest.fixture(scope="module")
def paper(folder: Path) -> Document:
    return docx.Document(str(_export(folder, "docx")))


def _sections(document: Document) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each Heading 1 of ``document`` with its paragraphs (style and text) up to the next."""
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style == "Heading 1":
            sections.append((paragraph.text, []))
        elif sections and paragraph.text:
            sections[-1][1].append((style, paragraph.text))
    return sections


# --- the board paper ---------------------------------------------------------------------------


def test_the_board_paper_tells_the_whole_story_in_the_presentations_order(
    paper: Document,
) -> None:
    headings = [heading for heading, _ in _sections(paper)]
    summary, learning, key = (
        headings.index(h) for h in ("Summary", "Learning from reviews", "Key to ratings")
    )
    before = headings[headings.index("Executive summary") + 1 : summary]
    after = headings[learning + 1 : key]
    assert before == [_as_board(title) for place, title, _ in STORY if place is sp.Place.BEFORE]
    assert after == [_as_board(title) for place, title, _ in STORY if place is sp.Place.AFTER]


def _as_board(title: str) -> str:
    """A section's title as the board's paper gives it: a restricted one says so."""
    return WORDS.not_for_publication.format(title=title) if title in RESTRICTED else title


@pytest.mark.parametrize(("title", "words"), [(title, words) for _, title, words in STORY])
def test_each_section_has_the_presentations_words(
    paper: Document, title: str, words: tuple[str, ...]
) -> None:
    texts = [text for _, text in dict(_sections(paper))[_as_board(title)]]
    assert [text for text in texts if text in words] == list(words)


def test_the_slides_lists_are_lists(paper: Document) -> None:
    sections = dict(_sections(paper))
    themes = [style for style, _ in sections["Embedding National Learning"]]
    assert themes == ["Normal", *["List Number"] * 6]
    scrutiny = sections["Independent Scrutiny & Challenge"]
    ticked = [text for style, text in scrutiny if style == "List Bullet 2"]
    assert ticked == [
        "✓ Strong Leadership;",
        "✓ Continuously Improve of Practice;",
        "✓ Childhood Neglect;",
        "✓ The impact Covid-19 on safeguarding children;",
    ]
    framework = sections["National Framework"]
    assert {style for style, _ in framework} == {"List Bullet"}
    assert len(framework) == 7


def test_the_campaign_links_to_its_resources(paper: Document) -> None:
    links = {
        "".join(t.text or "" for t in link.iter(qn("w:t"))): paper.part.rels[
            link.get(qn("r:id"))
        ].target_ref
        for link in paper.element.body.iter(qn("w:hyperlink"))
    }
    assert links == {"Keeping children safe when adults are drinking alcohol": CAMPAIGN}


def test_the_paper_needs_no_option_for_its_meeting(paper: Document) -> None:
    lines = [p.text for p in paper.paragraphs]
    assert "Report to: Executive Board" in lines
    assert "Date of meeting: 16 February 2022" in lines
    assert "Report of: Birmingham Safeguarding Children Partnership" in lines
    (presented,) = [line for line in lines if line.startswith("Presented by: ")]
    assert all(presenter in presented for presenter in PRESENTERS)
    headings = [heading for heading, _ in _sections(paper)]
    assert headings[:3] == ["Purpose of the report", "Recommendations", "Executive summary"]
    assert "The Executive Board is asked to:" in lines


def test_the_meeting_is_the_presentations_and_its_text_the_reviews_own() -> None:
    plan = sp.load(BIRMINGHAM)
    own = plan.reviews[-1].paper
    assert own.date == date(2022, 2, 16)
    assert plan.paper.presented_by == PRESENTERS  # the standing presenters, for every review
    assert own.purpose is not None
    assert own.recommendations
    assert [s.title for s in own.sections] == [title for _, title, _ in STORY]


def test_the_example_script_writes_the_paper_the_command_does(folder: Path, tmp_path: Path) -> None:
    script = ROOT / "examples" / "board_paper.py"
    subprocess.run([sys.executable, str(script), "script.docx"], cwd=tmp_path, check=True)
    # Part by part: a zip records when each part was written, to two seconds.
    assert _parts(tmp_path / "script.docx") == _parts(_export(folder, "docx"))


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_board_markdown_has_the_story_its_lists_and_its_link(folder: Path) -> None:
    html = render(_export(folder, "md").read_text(encoding="utf-8"))
    page = read(html)
    titles = [_as_board(title) for _, title, _ in STORY]
    assert [heading for heading in page.headings if heading in titles] == titles
    blocks = [text.strip() for _, text in page.blocks]
    assert [w for _, _, words in STORY for w in words if w not in blocks] == []
    assert (
        f'<a href="{CAMPAIGN}">Keeping children safe when adults are drinking alcohol</a>' in html
    )
    numbered = re.findall(r"<ol>(.*?)</ol>", html, re.S)  # the recommendations, the themes
    assert [n.count("<li>") for n in numbered][-1] == 6
    assert re.search(r"<li>Progress on Priorities\s*<ul>\s*<li>✓ Strong Leadership;", html)


# --- the public documents ----------------------------------------------------------------------


def _seen(path: Path) -> Iterator[str]:
    """Every text of the document at ``path`` a reader or a program could come upon."""
    data = path.read_bytes()
    if path.suffix == ".docx":
        document = docx.Document(io.BytesIO(data))
        yield from (p.text for p in document.paragraphs)
        yield from (c.text for t in document.tables for r in t.rows for c in r.cells)
        properties = document.core_properties
        yield from (properties.title, properties.subject, properties.keywords, properties.author)
    elif path.suffix == ".xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        yield from (
            str(v) for s in book.worksheets for r in s.iter_rows(values_only=True) for v in r if v
        )
    elif path.suffix == ".md":
        yield read(render(data.decode())).text
    else:
        yield json.dumps(json.loads(data), ensure_ascii=False)
    if zipfile.is_zipfile(path):  # every part, as the file holds it
        with zipfile.ZipFile(path) as package:
            yield from (
                package.read(name).decode("utf-8", "replace") for name in package.namelist()
            )
    else:
        yield data.decode()


@pytest.mark.parametrize("name", ["docx", "md", "json", "xlsx"])
def test_no_public_document_names_a_child(folder: Path, name: str) -> None:
    text = "\n".join(_seen(_export(folder, name, "--audience", "public")))
    parts = {part for child in CHILDREN for part in child.split()}
    found = [p for p in parts if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text, re.I)]
    assert not found
    assert "[withheld]" in text  # the case review named after two of them is still listed


@pytest.mark.parametrize("name", ["docx", "md"])
def test_the_public_progress_report_keeps_the_story_but_the_restricted_sections(
    folder: Path, name: str
) -> None:
    path = _export(folder, name, "--audience", "public")
    if name == "docx":
        headings = [h for h, _ in _sections(docx.Document(str(path)))]
    else:
        headings = read(render(path.read_text(encoding="utf-8"))).headings
    shown = [title for _, title, _ in STORY if title in headings]
    assert shown == [title for _, title, _ in STORY if title not in RESTRICTED]


def test_every_section_naming_a_child_is_restricted() -> None:
    plan = sp.load(BIRMINGHAM)
    sections = plan.reviews[-1].paper.over(plan.paper).sections
    naming = [s.title for s in sections if any(c in s.text.text for c in CHILDREN)]
    assert naming == [s.title for s in sections if s.restricted] == list(RESTRICTED)
    assert set(CHILDREN) <= set(plan.restricted_words)


@pytest.mark.libreoffice
def test_as_laid_out_the_board_reads_the_story_and_the_public_no_child(tmp_path: Path) -> None:
    board, public = _export(tmp_path, "docx"), _export(tmp_path, "docx", "--audience", "public")
    read_out = {}
    for paper in (board, public):
        convert(paper, "pdf")
        read_out[paper] = " ".join(" ".join(pdf_pages(paper.with_suffix(".pdf"))).split())
    assert [t for _, t, _ in STORY if t not in read_out[board]] == []
    assert [child for child in CHILDREN if child in read_out[board]] == list(CHILDREN)
    assert [child for child in CHILDREN if child in read_out[public]] == []

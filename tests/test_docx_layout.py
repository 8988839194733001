"""The board paper's layout in LibreOffice, measured: its pages, the white at their feet, and
what is left at the foot of a page.

Deselected by default, run with ``pytest -m libreoffice`` (see ``test_docx_render``); they need
LibreOffice Writer and poppler (pdftotext, pdftoppm).
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import docx
import pytest
from conftest import BIRMINGHAM
from docx.document import Document
from docx.text.paragraph import Paragraph
from libreoffice import Layout, Line, lay_out
from lxml import etree
from test_docx import _house_template

import safeguarding_plan as sp

pytestmark = pytest.mark.libreoffice

MOST_PAGES = 11
"""The Birmingham board paper, made with no options, is at most this many A4 pages ..."""
MOST_WHITE = 1.0
"""... with at most this many pages' worth of white at the feet of its pages (the last page but
one and those before it)."""
MOST_WHITE_ON_A_PAGE = 0.4
"""No page but the last of the paper on a landscape house template is whiter at its foot than
this (two thirds of a page were, when a row was kept whole whatever the page's height)."""

HEADING = 18.0
"""A line taller than this, in points, is in a heading's type (16 pt), not the body's (12 pt)."""


def _paper(path: Path, plan: sp.Plan, **options: object) -> Path:
    sp.export(plan, "docx", path, options=options)
    return path


def test_birmingham_paper_fits_its_pages(tmp_path: Path) -> None:
    layout = lay_out(_paper(tmp_path / "paper.docx", sp.load(BIRMINGHAM)))
    assert len(layout.pages) <= MOST_PAGES
    assert layout.white <= MOST_WHITE, layout.feet
    # The marking and the page numbers keep to the margins of 2 cm: no page's text area is
    # narrowed by them.
    for page in layout.pages:
        assert (page.top, page.bottom) == pytest.approx((56.7, 841.9 - 56.7), abs=0.5)
    # "% complete" is one heading, not a "%" on a line of its own.
    summary = _header_words(layout, "Ratings")
    assert "% complete" in summary
    assert set(summary.split()) >= {"Priority", "Actions", "Complete", "Ratings"}
    assert not _broken_words(layout, docx.Document(str(tmp_path / "paper.docx")))


def test_a_letter_house_template_breaks_no_heading(tmp_path: Path) -> None:
    """python-docx's own document, as a house template: US Letter, narrower than A4, in a
    typeface that LibreOffice stands in for with a wider one."""
    docx.Document().save(str(tmp_path / "letter.docx"))
    plan = sp.load(BIRMINGHAM)
    layout = lay_out(_paper(tmp_path / "paper.docx", plan, template=tmp_path / "letter.docx"))
    summary = _header_words(layout, "Ratings")
    assert set(summary.split()) >= {"Priority", "Actions", "Complete", "%", "complete"}
    assert "% complete" in summary
    # Nor a cell's: "(complete)" and "Implemented" broke before their last letter.
    paper = docx.Document(str(tmp_path / "paper.docx"))
    assert not _broken_words(layout, paper)
    _nothing_alone_at_a_foot(layout, paper)


def test_a_landscape_house_template_splits_rows_by_its_page(tmp_path: Path) -> None:
    """A landscape page is short: a row that would be kept whole on A4 portrait may split."""
    template = _house_template(tmp_path / "house.docx")
    layout = lay_out(_paper(tmp_path / "paper.docx", sp.load(BIRMINGHAM), template=template))
    assert max(layout.feet) <= MOST_WHITE_ON_A_PAGE, layout.feet
    paper = docx.Document(str(tmp_path / "paper.docx"))
    assert not _broken_words(layout, paper)
    _nothing_alone_at_a_foot(layout, paper)


@pytest.mark.parametrize("words", range(0, 150, 10))
def test_nothing_is_left_alone_at_the_foot_of_a_page(tmp_path: Path, words: int) -> None:
    """The Birmingham paper with the last action's update longer and longer, so that each
    heading, table and the key in turn meet the foot of a page."""
    plan = sp.load(BIRMINGHAM)
    review = plan.reviews[-1]
    update = review.updates["4.8"]
    longer = attrs.evolve(update, note=f"{update.note} " + "More words here. " * words)
    reviews = (*plan.reviews[:-1], attrs.evolve(review, updates={**review.updates, "4.8": longer}))
    path = _paper(tmp_path / "paper.docx", attrs.evolve(plan, reviews=reviews))
    _nothing_alone_at_a_foot(lay_out(path), docx.Document(str(path)))


def _nothing_alone_at_a_foot(layout: Layout, paper: Document) -> None:
    """No page but the last ends with a heading, a line that introduces what follows, or a
    table's header row; and the key to ratings never starts a page."""
    kept = [" ".join(p.text.split()) for p in paper.paragraphs if _keeps_with_next(p)]
    headers = {
        word for table in paper.tables for cell in table.rows[0].cells for word in cell.text.split()
    }
    for number, page in enumerate(layout.pages[:-1], start=1):
        foot = max(page.lines, key=lambda line: line.bottom)
        assert foot.bottom - foot.top < HEADING, (number, foot)
        if not foot.boxed:
            assert not any(foot.text in text for text in kept), (number, foot)
        assert not set(foot.text.split()) <= headers, (number, foot)
    for number, page in enumerate(layout.pages, start=1):
        lines = sorted(page.lines, key=lambda line: line.top)
        assert lines[0].text != "Key to ratings", number


def _broken_words(layout: Layout, paper: Document) -> list[str]:
    """The words laid out that are no word of the paper: the pieces of a word broken across
    lines. A word may end a line at a hyphen, so its parts between hyphens are words too."""
    texts = [p.text for p in paper.paragraphs]
    texts += [cell.text for table in paper.tables for row in table.rows for cell in row.cells]
    texts += _chart_words(paper)
    words = set(_LIST_MARKS) | {f"{n}." for n in range(1, 100)}  # a numbered list's numbers
    for word in " ".join(texts).split():
        parts = re.split(r"(?<=-)", word)
        ends = range(len(parts) + 1)
        words |= {"".join(parts[i:j]) for i in ends for j in ends if i < j}
    laid = [word for page in layout.pages for line in page.lines for word in line.text.split()]
    return [word for word in laid if word not in words]


_LIST_MARKS = ("\uf0b7", "o", "\uf0a7")
"""The marks Word's list styles draw before an item (Symbol's bullet, Courier's circle,
Wingdings' square), as LibreOffice lays them out: no word of the paper's text."""


def _chart_words(paper: Document) -> list[str]:
    """The words a chart shows: its title, axis title, categories and value labels (``90%``)
    and its axis's numbers."""
    texts = ["0 20 40 60 80 100"]
    for rel in paper.part.rels.values():
        if rel.reltype.endswith("/chart"):
            root = etree.fromstring(rel.target_part.blob)
            texts += [
                t.text or "" for t in root.iter() if t.tag.endswith("}t") or t.tag.endswith("}v")
            ]
            texts += [f"{t.text}%" for t in root.iter() if t.tag.endswith("}v") and t.text]
    return texts


def _keeps_with_next(paragraph: Paragraph) -> bool:
    style = paragraph.style
    by_style = style is not None and style.paragraph_format.keep_with_next
    return bool(paragraph.paragraph_format.keep_with_next or by_style)


def _header_words(layout: Layout, heading: str) -> str:
    """The words of the header row of the first table with ``heading`` in it."""
    for page in layout.pages:
        found = [line for line in page.lines if re.search(rf"\b{heading}\b", line.text)]
        if found:
            top = min(line.top for line in found)
            row = sorted((line for line in page.lines if abs(line.top - top) < 1), key=_left)
            return " ".join(line.text for line in row)
    raise AssertionError(f"no table heading {heading!r}")


def _left(line: Line) -> float:
    return line.left

"""The board paper as LibreOffice lays it out: converted to PDF, its pages read as text.

These need LibreOffice Writer and poppler's pdftotext (Debian: ``apt-get install -y
libreoffice-writer-nogui poppler-utils``). They are deselected by default and run with
``pytest -m libreoffice``, as CI does after installing both; without them they FAIL, never skip.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import BIRMINGHAM
from libreoffice import convert, pdf_pages
from test_docx import HOUSE_HEADER, _house_template

import safeguarding_plan as sp

pytestmark = pytest.mark.libreoffice


def _pdf_pages(paper: Path) -> list[str]:
    """The text of each page of ``paper`` converted to PDF by LibreOffice."""
    convert(paper, "pdf")
    return pdf_pages(paper.with_suffix(".pdf"))


def test_birmingham_paper_lays_out_as_a_board_paper(tmp_path: Path) -> None:
    plan = sp.load(BIRMINGHAM)
    paper = tmp_path / "paper.docx"
    options = {"meeting_date": date(2022, 2, 16), "marking": "OFFICIAL-SENSITIVE"}
    sp.export(plan, "docx", paper, options=options)
    pages = _pdf_pages(paper)
    assert len(pages) >= 5
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2, f"page {number} lacks its marking"
        assert f"Page {number} of {len(pages)}" in page
    first = " ".join(pages[0].split())
    assert "24 of the 33 actions (73%) are complete." in first  # the executive summary
    assert "Date of meeting: 16 February 2022" in first
    everything = " ".join(" ".join(pages).split())
    for action in plan.actions:
        assert f"{action.id} " in everything
    assert "Key to ratings" in everything


def test_house_template_paper_lays_out_with_its_header(tmp_path: Path) -> None:
    template = _house_template(tmp_path / "house.docx")
    paper = tmp_path / "paper.docx"
    sp.export(sp.load(BIRMINGHAM), "docx", paper, options={"template": template})
    assert docx.Document(str(paper)).sections[0].header.paragraphs[0].text == HOUSE_HEADER
    pages = _pdf_pages(paper)
    for number, page in enumerate(pages, start=1):
        assert HOUSE_HEADER in " ".join(page.split())
        assert f"Page {number} of {len(pages)}" in page

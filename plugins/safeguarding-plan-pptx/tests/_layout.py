"""The deck as LibreOffice Impress lays it out: converted to PDF, and every word found where it
landed (``pdftotext -bbox``), beside the box of every shape as the deck writes it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pptx import Presentation

POINT = 12_700
_XHTML = "{http://www.w3.org/1999/xhtml}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SLACK = 1.0
"""Points a word's box may pass its shape's by: the ink of a glyph reaches past its line."""


INSTALL = "apt-get install -y libreoffice-impress-nogui poppler-utils fonts-liberation2 "
INSTALL += "fonts-symbola"


def tool(name: str) -> str:
    """The program ``name`` on the PATH; the test fails, never skips, without it."""
    return shutil.which(name) or pytest.fail(f"{name} is not installed (Debian: {INSTALL})")


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def holds(self, other: Box) -> bool:
        return (
            other.left >= self.left - SLACK
            and other.top >= self.top - SLACK
            and other.right <= self.right + SLACK
            and other.bottom <= self.bottom + SLACK
        )


@dataclass(frozen=True)
class Word:
    text: str
    box: Box


@dataclass(frozen=True)
class Page:
    """A slide as laid out: its size, its words, and its shapes' boxes as written."""

    title: str
    size: Box
    words: tuple[Word, ...]
    shapes: tuple[Box, ...]

    def strays(self) -> list[str]:
        """The words that lie off the slide, or outside every shape of it."""
        return [
            word.text
            for word in self.words
            if not self.size.holds(word.box) or not any(s.holds(word.box) for s in self.shapes)
        ]


def lay_out(data: bytes, folder: Path) -> list[Page]:
    """The deck ``data`` laid out by LibreOffice Impress, slide by slide."""
    keep = os.environ.get("PPTX_KEEP_DIR")
    if keep:
        folder = Path(keep)
        folder.mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    deck = folder / "deck.pptx"
    deck.write_bytes(data)
    # A private profile, so that parallel runs never collide.
    profile = f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}"
    converting = ("--headless", "--convert-to", "pdf", "--outdir", str(folder))
    result = subprocess.run(
        [tool("soffice"), profile, *converting, str(deck)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    xhtml = subprocess.run(
        [tool("pdftotext"), "-bbox", str(deck.with_suffix(".pdf")), "-"],
        capture_output=True,
        check=True,
    ).stdout
    pages = list(ElementTree.fromstring(xhtml).iter(f"{_XHTML}page"))
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert len(pages) == len(slides)
    return [_page(page, slide) for page, slide in zip(pages, slides, strict=True)]


def _page(page: ElementTree.Element, slide: object) -> Page:
    words = tuple(
        Word(
            word.text or "",
            Box(*(float(word.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax"))),
        )
        for word in page.iter(f"{_XHTML}word")
    )
    size = Box(0, 0, float(page.get("width", 0)), float(page.get("height", 0)))
    shapes = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        left, top = shape.left / POINT, shape.top / POINT
        height = shape.height / POINT
        if getattr(shape, "has_table", False):  # as tall as its rows, as written
            height = sum(row.height for row in shape.table.rows) / POINT
        shapes.append(Box(left, top, left + shape.width / POINT, top + height))
    title = slide.shapes.title.text_frame.text  # type: ignore[attr-defined]
    return Page(title, size, words, tuple(shapes))

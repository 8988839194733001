"""Running LibreOffice and poppler for the layout tests (``pytest -m libreoffice``), and
measuring what LibreOffice lays out: ``lay_out`` gives a Word document's pages, the lines of text
on each and the white at its foot."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest


def tool(*names: str) -> str:
    """The first of ``names`` on the PATH; fails (never skips) the test when none is."""
    found = next(filter(None, map(shutil.which, names)), None)
    if found is None:
        pytest.fail(
            f"{names[0]} is not installed (Debian: apt-get install -y libreoffice-writer-nogui "
            "libreoffice-calc-nogui poppler-utils)"
        )
    return found


def convert(document: Path, to: str) -> None:
    """Convert ``document`` with LibreOffice (``pdf``, or a ``csv:...`` filter) beside it."""
    profile = document.parent / "lo-profile"  # a private profile: parallel runs never collide
    result = subprocess.run(
        [
            tool("libreoffice", "soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(document.parent),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, laid out as on the page."""
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


# --- measuring a laid-out document ------------------------------------------------------------

INK = 250
"""A pixel darker than this (255 is white) is ink: text, a border, a cell's shading, a picture."""

_XHTML = "{http://www.w3.org/1999/xhtml}"
_POINT = 12700  # EMU


@dataclass(frozen=True)
class Line:
    """A line of text on a page, in points from the page's top left corner."""

    text: str
    top: float
    bottom: float
    left: float
    boxed: bool = False
    """In a table: a border lies between it and the left margin."""


@dataclass(frozen=True)
class Page:
    """A page as LibreOffice laid it out: the body's lines of text (without the header and
    footer), its text area and how far down the body is inked."""

    lines: tuple[Line, ...]
    top: float
    bottom: float
    """The text area, in points from the top of the page: between the margins, or between the
    header and the footer where they reach into it."""
    inked: float
    """The foot of the body's lowest ink (``top`` for a page with none)."""

    @property
    def white(self) -> float:
        """The white at the foot of the page, as a fraction of the text area's height."""
        return max(0.0, self.bottom - self.inked) / (self.bottom - self.top)


@dataclass(frozen=True)
class Layout:
    """A Word document as LibreOffice lays it out."""

    pages: tuple[Page, ...]

    @property
    def feet(self) -> tuple[float, ...]:
        """The white at the foot of each page but the last (which may end anywhere)."""
        return tuple(page.white for page in self.pages[:-1])

    @property
    def white(self) -> float:
        """The white at the feet of the pages, in pages."""
        return sum(self.feet)


def lay_out(document: Path) -> Layout:
    """``document`` (a .docx) converted to PDF beside it by LibreOffice, and measured: its text
    area from its last section's margins (narrowed by a header or footer that reaches into
    it), each page's lines from pdftotext, and its lowest ink from the page drawn at a pixel a
    point by pdftoppm, so that a table's borders and shading and a picture count."""
    section = docx.Document(str(document)).sections[-1]
    top_margin = (section.top_margin or 0) / _POINT
    bottom_margin = (section.bottom_margin or 0) / _POINT
    left_margin = (section.left_margin or 0) / _POINT
    convert(document, "pdf")
    pdf = document.with_suffix(".pdf")
    texts = _lines(pdf)
    drawings = _drawings(pdf)
    header, footer = _furniture(texts, drawings[0][1])
    pages = []
    for lines, (width, height, pixels) in zip(texts, drawings, strict=True):
        top = max([top_margin, *(line.bottom for line in header)])
        bottom = min([height - bottom_margin, *(line.top for line in footer)])
        body = tuple(
            replace(line, boxed=_boxed(line, left_margin, width, pixels))
            for line in lines
            if top <= (line.top + line.bottom) / 2 <= bottom
        )
        rows = range(int(bottom) - 1, int(top), -1)
        inked = next((y + 1 for y in rows if min(pixels[y * width : (y + 1) * width]) < INK), top)
        pages.append(Page(body, top, bottom, inked))
    return Layout(tuple(pages))


def _boxed(line: Line, left_margin: float, width: int, pixels: bytes) -> bool:
    """Whether ink lies between ``line`` and a little left of the margin, where a table's
    border is drawn; a paragraph starts at the margin, with white before it."""
    start = int((line.top + line.bottom) / 2) * width
    return min(pixels[start + int(left_margin) - 6 : start + int(line.left) - 1], default=255) < INK


def _lines(pdf: Path) -> list[list[Line]]:
    """Each page's lines of text, read from ``pdftotext -bbox-layout``."""
    xhtml = subprocess.run(
        [tool("pdftotext"), "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout
    pages = ElementTree.fromstring(xhtml).iter(f"{_XHTML}page")
    return [
        [
            Line(
                " ".join(word.text or "" for word in line.iter(f"{_XHTML}word")),
                float(line.get("yMin", 0)),
                float(line.get("yMax", 0)),
                float(line.get("xMin", 0)),
            )
            for line in page.iter(f"{_XHTML}line")
        ]
        for page in pages
    ]


def _furniture(pages: list[list[Line]], height: int) -> tuple[list[Line], list[Line]]:
    """The header's lines and the footer's: those on every page, at the same height, with the
    same text but for numbers (``Page 2 of 9``). A single page has none that can be told (the
    first page's title keeps a table's repeated header row from being taken for one)."""
    if len(pages) < 2:
        return [], []

    def same(line: Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", line.text), round(line.top)

    shared = set.intersection(*({same(line) for line in lines} for lines in pages))
    repeated = [line for line in pages[0] if same(line) in shared]
    middle = height / 2
    return (
        [line for line in repeated if line.bottom < middle],
        [line for line in repeated if line.top > middle],
    )


def _drawings(pdf: Path) -> list[tuple[int, int, bytes]]:
    """Each page drawn in grey at 72 dpi: its width, height and pixels, a byte each."""
    prefix = pdf.with_name(pdf.stem + "-page")
    subprocess.run(
        [tool("pdftoppm"), "-gray", "-r", "72", str(pdf), str(prefix)],
        capture_output=True,
        check=True,
    )
    drawings = []
    for image in sorted(pdf.parent.glob(f"{prefix.name}-*.pgm"), key=_page_number):
        data = image.read_bytes()
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
        assert header is not None, image
        drawings.append((int(header[1]), int(header[2]), data[header.end() :]))
    return drawings


def _page_number(image: Path) -> int:
    return int(image.stem.rsplit("-", 1)[1])

"""A lead's form as LibreOffice prints it: every text at 9 points or more, each page's footer
whole and inside the page.

These need LibreOffice Calc and poppler (Debian: ``apt-get install -y libreoffice-calc-nogui
poppler-utils``); they run with ``pytest -m libreoffice`` and FAIL, never skip, without them.
"""

from __future__ import annotations

import math
import re
import subprocess
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import BIRMINGHAM
from libreoffice import convert, tool

import safeguarding_plan as sp

pytestmark = pytest.mark.libreoffice

SMALLEST = 9.0
"""The smallest print a form may have, in points."""
EDGE = 18.0
"""Points from the paper's edge a printer may not print in (a quarter of an inch)."""
_XHTML = "{http://www.w3.org/1999/xhtml}"
_FOOTER = re.compile(r"\w+: Page \d+ of \d+")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Birmingham's Business Unit form (12 actions of real length), printed to PDF."""
    folder = tmp_path_factory.mktemp("forms")
    written = sp.write_forms(
        sp.load(BIRMINGHAM),
        "2022-05",
        folder,
        as_of="2022-04-01",
        plugin_manager=sp.get_plugin_manager(autoload=False),
    )
    (form,) = (f.tracker for f in written.forms if f.lead == "Business Unit")
    convert(form, "pdf")
    return form.with_suffix(".pdf")


_NUMBER = rb"(-?[\d.]+)"
_OPERATORS = re.compile(
    rb"(?P<begin>\bBT\b)"
    + rb"|(?P<matrix>"
    + rb"\s+".join([_NUMBER] * 6)
    + rb"\s+Tm)"
    + rb"|/F\d+\s+(?P<size>[\d.]+)\s+Tf"
    + rb"|(?P<scale>\bTz\b)"
)


def _font_sizes(pdf: Path) -> list[float]:
    """The height of every run of text the PDF draws, in points: the size its text operator
    sets (``/F1 9.106 Tf``), times the scale of its text matrix (``Tm``; LibreOffice sets one
    only to turn a chart's axis title)."""
    data = pdf.read_bytes()
    sizes: list[float] = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue  # a font or a picture
        scale = 1.0
        for found in _OPERATORS.finditer(content):
            assert found["scale"] is None  # no horizontal scaling of text
            if found["begin"]:
                scale = 1.0
            elif found["matrix"]:
                a, b, c, d = (float(found.group(n)) for n in range(3, 7))
                scale = math.hypot(c, d)  # the height of a letter, however it is turned
                assert math.isclose(scale, math.hypot(a, b), rel_tol=0.01)
            else:
                sizes.append(float(found["size"]) * scale)
    return sizes


def _pages(pdf: Path) -> list[tuple[float, list[tuple[str, float, float]]]]:
    """Each page's height and its lines of text, each with its top and bottom, in points."""
    xhtml = subprocess.run(
        [tool("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    pages = []
    for page in ElementTree.fromstring(xhtml).iter(f"{_XHTML}page"):
        lines = [
            (
                " ".join(word.text or "" for word in line.iter(f"{_XHTML}word")),
                float(line.get("yMin", 0)),
                float(line.get("yMax", 0)),
            )
            for line in page.iter(f"{_XHTML}line")
        ]
        pages.append((float(page.get("height", 0)), lines))
    return pages


def test_every_text_of_the_form_is_printed_at_9_points_or_more(pdf: Path) -> None:
    sizes = _font_sizes(pdf)
    assert len(sizes) > 300  # every page's text was read
    assert min(sizes) >= SMALLEST


def test_every_page_has_its_footer_inside_the_page_below_the_text(pdf: Path) -> None:
    pages = _pages(pdf)
    assert len(pages) >= 4  # the summary, the actions, the key and the reviews
    for number, (height, lines) in enumerate(pages, start=1):
        footers = [line for line in lines if _FOOTER.fullmatch(line[0])]
        assert len(footers) == 1, (number, [line[0] for line in lines][-3:])
        _, top, bottom = footers[0]
        assert f"Page {number} of {len(pages)}" in footers[0][0]
        assert bottom <= height - EDGE, (number, bottom, height)
        body = [line for line in lines if line is not footers[0]]
        assert all(line[2] <= top for line in body), number  # nothing printed over it

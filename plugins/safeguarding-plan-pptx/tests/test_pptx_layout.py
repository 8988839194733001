"""LibreOffice Impress lays the deck out, and no word runs outside its shape or off the slide:
the Birmingham deck, its public version, and a plan whose every update is 2,000 characters
long. Run with ``pytest -m libreoffice``; without LibreOffice these fail, never skip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from _deck import read
from _layout import lay_out

import safeguarding_plan as sp

Export = Callable[..., bytes]

pytestmark = pytest.mark.libreoffice


def long_updates(plan: sp.Plan, length: int = 2_000) -> sp.Plan:
    """``plan`` with every update of its last review ``length`` characters long: its own
    words, said again and again."""
    review = plan.reviews[-1]
    updates = {
        action: attrs.evolve(update, note=_long(update.note or action, length))
        for action, update in review.updates.items()
    }
    return attrs.evolve(plan, reviews=(*plan.reviews[:-1], attrs.evolve(review, updates=updates)))


def _long(text: str, length: int) -> str:
    said = text
    while len(said) < length:
        said += " " + text
    return said[:length].rstrip()


@pytest.mark.parametrize("audience", ["board", "public"])
def test_no_word_of_the_birmingham_deck_runs_off_its_shape(
    export_pptx: Export, tmp_path: Path, audience: str
) -> None:
    pages = lay_out(export_pptx(audience=audience), tmp_path)
    assert sum(len(page.words) for page in pages) > 2_000  # it was read
    assert {page.title: page.strays() for page in pages if page.strays()} == {}


def test_no_word_runs_off_when_every_update_is_2000_characters(
    export_pptx: Export, sample_plan: sp.Plan, learning_plan: sp.Plan, tmp_path: Path
) -> None:
    # Anytown's too: its changes, its case reviews and its trend, the tables at 14 points.
    anytown = lay_out(export_pptx(long_updates(learning_plan)), tmp_path / "anytown")
    assert {page.title: page.strays() for page in anytown if page.strays()} == {}
    plan = long_updates(sample_plan)
    data = export_pptx(plan)
    pages = lay_out(data, tmp_path)
    assert {page.title: page.strays() for page in pages if page.strays()} == {}
    # Each update went on over as many slides as it needed, its words all there, in order.
    deck = read(data)
    report = sp.report(plan)
    for priority in report.priorities:
        cells = [
            row
            for slide in deck.starting(priority.heading)
            for table in slide.tables
            for row in table.body
        ]
        said = " ".join(row[1] for row in cells)
        for row in priority.rows:
            assert len(row.note or "") > 1_900
            assert (row.note or "") in said

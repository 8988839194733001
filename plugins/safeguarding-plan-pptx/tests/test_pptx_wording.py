"""Every word from the report: the deck says only what its report holds.

The deck is read as a reader meets it: each slide's title, each paragraph of its text and of
its tables' cells, each table's and chart's alternative text, and each chart's categories and
series. A text passes when nothing but numbers, punctuation and spaces is left once every text
the report holds is taken out (``ReportTexts``), so an English word typed into the exporter
fails. The built-in documents are checked the same way (the library's tests/test_wording.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

import attrs
import pytest
from _deck import Deck, read

import safeguarding_plan as sp
from safeguarding_plan.plugin import ReportTexts

Export = Callable[..., bytes]


def _not_reviewed(plan: sp.Plan) -> sp.Plan:
    return attrs.evolve(plan, reviews=())


def _no_change(plan: sp.Plan) -> sp.Plan:
    same = attrs.evolve(plan.reviews[-1], id="2022-03", title="March 2022 – Update")
    return attrs.evolve(plan, reviews=(*plan.reviews, same))


PLANS: dict[str, Callable[[sp.Plan, sp.Plan], sp.Plan]] = {
    "the sample": lambda sample, _: sample,
    "changes and case reviews": lambda _, learning: learning,
    "no case reviews": lambda _, learning: attrs.evolve(learning, case_reviews=()),
    "no change": lambda _, learning: _no_change(learning),
    "not reviewed": lambda _, learning: _not_reviewed(learning),
}


def _texts(deck: Deck) -> Iterator[str]:
    for slide in deck.slides:
        yield slide.title
        for shape in slide.shapes:
            if shape.has_text_frame:
                paragraphs = shape.text_frame.paragraphs  # type: ignore[attr-defined]
                yield from (p.text for p in paragraphs if p.text.strip())
        for table in slide.tables:
            yield table.description
            for row in table.rows:
                for cell in row:
                    yield from (line for line in cell.split("\n") if line.strip())
        for chart in slide.charts:
            yield chart.description
            yield chart.title
            yield from chart.categories
            yield from chart.series


CASES = [(name, audience) for name in sorted(PLANS) for audience in ("board", "public")]


@pytest.mark.parametrize(("plan_name", "audience"), CASES)
def test_the_deck_says_only_what_the_report_holds(
    plan_name: str,
    audience: Literal["board", "public"],
    export_pptx: Export,
    sample_plan: sp.Plan,
    learning_plan: sp.Plan,
) -> None:
    plan = PLANS[plan_name](sample_plan, learning_plan)
    report = sp.report(plan, audience=audience)
    texts = list(_texts(read(export_pptx(plan, audience=audience))))
    held = ReportTexts(report)
    unheld = {text: held.unheld(text) for text in texts}
    assert {text: rest for text, rest in unheld.items() if rest} == {}
    # It was read: the title, the headline and every section's heading are there.
    headings = {section.heading for section in report.sections}
    assert {report.title, report.headline, *headings} - set(texts) == set()

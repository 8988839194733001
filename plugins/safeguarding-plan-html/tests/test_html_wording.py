"""Every word from the report: the page says only what its report holds.

The page is read as a reader meets it: the text of each heading, paragraph, list item, caption
and table cell, the label a phone shows before each cell (``data-label``), the page's title and
its description. A text passes when nothing but numbers, punctuation and spaces is left once
every text the report holds is taken out (``ReportTexts``), so an English word typed into the
exporter fails. The built-in documents are checked the same way (the library's
tests/test_wording.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

import attrs
import pytest
from _htmltree import Element, parse

import safeguarding_plan as sp
from safeguarding_plan.plugin import ReportTexts

Export = Callable[..., bytes]

_BLOCKS = frozenset({"title", "h1", "h2", "h3", "p", "li", "caption", "th", "td", "dt", "dd"})
_SEEN_ATTRIBUTES = ("data-label", "aria-label", "title", "alt")


def _one_review(plan: sp.Plan) -> sp.Plan:
    return attrs.evolve(plan, reviews=plan.reviews[:1])


def _no_change(plan: sp.Plan) -> sp.Plan:
    same = attrs.evolve(plan.reviews[-1], id="2022-03", title="March 2022 – Update")
    return attrs.evolve(plan, reviews=(*plan.reviews, same))


def _not_reviewed(plan: sp.Plan) -> sp.Plan:
    return attrs.evolve(plan, reviews=())


def _without_case_reviews(plan: sp.Plan) -> sp.Plan:
    return attrs.evolve(plan, case_reviews=())


# Each made from the bundled plans: Birmingham (one review, case reviews) and Anytown
# (three reviews, each changing something, and case reviews).
PLANS: dict[str, Callable[[sp.Plan, sp.Plan], sp.Plan]] = {
    "the sample": lambda sample, _: sample,
    "changes and case reviews": lambda _, learning: learning,
    "one review": lambda _, learning: _one_review(_without_case_reviews(learning)),
    "changes and no case reviews": lambda _, learning: _without_case_reviews(learning),
    "no change": lambda _, learning: _no_change(learning),
    "not reviewed": lambda _, learning: _not_reviewed(learning),
}


def _texts(element: Element) -> Iterator[str]:
    """Each block's own text (a cell's paragraphs are texts of their own), and the attributes
    a reader is shown."""
    own: list[str] = []
    for child in element.children:
        if isinstance(child, str):
            own.append(child)
        elif child.tag in _BLOCKS or child.tag == "meta" or child.find_all(None) != [child]:
            yield from _texts(child)  # a block, its description, or an element holding others
        elif child.tag == "br":
            own.append("\n")
        elif child.tag != "style":  # an inline element: its text is part of this block's
            own.append(child.text)
    for name in _SEEN_ATTRIBUTES:
        if element.get(name):
            yield element.get(name) or ""
    if element.tag == "meta" and element.get("name") == "description":
        yield element.get("content") or ""
    if "".join(own).strip():
        yield "".join(own)


@pytest.mark.parametrize("audience", ["board", "public"])
@pytest.mark.parametrize("plan_name", sorted(PLANS))
def test_the_page_says_only_what_the_report_holds(
    export_html: Export,
    sample_plan: sp.Plan,
    learning_plan: sp.Plan,
    plan_name: str,
    audience: Literal["board", "public"],
) -> None:
    plan = PLANS[plan_name](sample_plan, learning_plan)
    report = sp.report(plan, audience=audience)
    texts = list(_texts(parse(export_html(plan, audience=audience).decode()).root))
    held = ReportTexts(report)
    assert [(text, rest) for text in texts if (rest := held.unheld(text))] == []
    # It was read: the title, the headline (and the page's description, which is the headline)
    # and every section's heading are there, as they are.
    for text in (report.title, report.headline, *(s.heading for s in report.sections)):
        assert text in texts
    assert texts.count(report.headline) == 2

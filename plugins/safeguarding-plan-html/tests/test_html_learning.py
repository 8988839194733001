"""The "Learning from reviews" section: case reviews, recommendations and practice themes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from _htmltree import Document, Element, parse, table_parts
from hypothesis import example, given
from test_html_browser import DESKTOP, PHONE, assert_fits
from test_html_hostile import hostile, shape

import safeguarding_plan as sp
from safeguarding_plan.plugin import clean

Export = Callable[..., bytes]

HEADING = "Learning from reviews"
SUMMARY = "3 case reviews. 1 of 2 recommendations implemented (50%). 2 reviews are late."
RAPID_REVIEW_NOTIFIED = (
    "National panel notified 7 working days after the partnership became aware: 2 working days late"
)


def _retitled(plan: sp.Plan, title: str, text: str) -> sp.Plan:
    """``plan`` with ``title`` for its first case review and ``text`` for that review's
    recommendation."""
    first, *others = plan.case_reviews
    recommendation = attrs.evolve(first.recommendations[0], text=text)
    first = attrs.evolve(first, title=title, recommendations=(recommendation,))
    return attrs.evolve(plan, case_reviews=(first, *others))


def _section(page: Document) -> Element:
    h2 = next(h for h in page.find_all("h2") if h.text == HEADING)
    assert h2.parent is not None
    return h2.parent


def _cells(row: Element) -> list[str]:
    return [cell.text for cell in row.elements()]


def test_the_section_with_its_tables(export_html: Export, learning_plan: sp.Plan) -> None:
    page = parse(export_html(learning_plan).decode("utf-8"))
    headings = [h.text for h in page.find_all("h2")]
    assert headings[-2:] == [HEADING, "Key to ratings"]  # after the priorities
    assert HEADING in [a.text for a in page.find("nav").find_all("a")]
    section = _section(page)
    assert section.get("aria-labelledby") == "learning"
    assert section.find("p").text == SUMMARY

    reviews, recommendations, themes = section.find_all("table")
    caption, head, rows = table_parts(reviews)
    assert caption.text == "Case reviews"
    assert [th.text for th in head] == [
        "Review",
        "Kind",
        "Subject",
        "Status",
        "Dates",
        "Timeliness",
    ]
    rapid = rows[0].elements()
    assert _cells(rows[0])[:4] == [
        "Rapid review of a serious incident",
        "Rapid review",
        "Child K",
        "Completed",
    ]
    assert [p.text for p in rapid[4].find_all("p")] == [
        "Incident: 29 November 2021",
        "Became aware: 1 December 2021",
        "National panel notified: 10 December 2021",
        "Rapid review completed: 23 December 2021",
    ]
    assert rapid[5].find("p").text == RAPID_REVIEW_NOTIFIED
    assert _cells(rows[2])[1:] == [
        "National review",
        "Not given",
        "Published",
        "Published: September 2020",
        "No timescale applies",
    ]

    caption, head, rows = table_parts(recommendations)
    assert caption.text == "What the reviews recommend, and the plan actions that carry it out."
    assert [th.text for th in head] == ["Review", "Recommendation", "Plan actions", "Progress"]
    assert [_cells(r) for r in rows] == [
        [
            "Rapid review of a serious incident",
            "R1 Publish what the review found",
            "1.1 (Complete)",
            "Implemented",
        ],
        [
            "Local review: support for families with newborn babies",
            "R1 Tell families about safe sleep at the assembly",
            "1.2 (In progress)2.2 (In progress)",
            "0 of 2 actions complete",
        ],
    ]
    assert [p.text for p in rows[1].elements()[2].find_all("p")] == [
        "1.2 (In progress)",
        "2.2 (In progress)",
    ]

    caption, head, rows = table_parts(themes)
    assert caption.text == (
        "The practice themes the reviews raise, and how many reviews raise each."
    )
    assert [th.text for th in head] == ["Practice theme", "Reviews raising it"]
    counts = dict(_cells(r) for r in rows)
    assert counts["Understanding what the child's daily life is like"] == "1"
    assert counts["Safe sleeping for babies"] == "1"
    # Only the themes a review raises: four national ones and the plan's own.
    assert "Responding to changing risk and need" not in counts
    assert len(counts) == 5
    assert set(counts.values()) == {"1"}

    for table in (reviews, recommendations, themes):
        caption, head, rows = table_parts(table)
        assert table.elements()[0] is caption
        assert all(th.get("scope") == "col" for th in head)
        for tr in rows:
            first, *rest = tr.elements()
            assert (first.tag, first.get("scope")) == ("th", "row")
            assert [cell.get("data-label") for cell in rest] == [th.text for th in head[1:]]


def test_birminghams_reviews_in_plain_words(page: Document, sample_plan: sp.Plan) -> None:
    section = _section(page)
    text = section.text
    # Each review by its title, never its id; the summary counts what it cannot time.
    for review in sample_plan.case_reviews:
        assert review.id not in text
        assert review.title in text
    assert section.find("p").text == (
        "5 case reviews. 2 of 4 recommendations implemented (50%). The timing of 2 reviews "
        "cannot be judged: dates are not recorded."
    )
    assert "No review is late" not in text
    assert "not known" not in text
    _, head, rows = table_parts(section.find("table", "reviews"))
    status = [th.text for th in head].index("Status")
    by_title = {tr.elements()[0].text: [c.text for c in tr.elements()] for tr in rows}
    # A review without a status says so in the report's one word, as every document does.
    unstated = by_title["National review after the deaths of Arthur Labinjo-Hughes and Star Hobson"]
    assert unstated[status] == "Not recorded"
    local = by_title[
        "Support for vulnerable families with newborn babies (thematic, from 'Out of Routine')"
    ]
    assert local[-1] == "No dates are recorded, so its timescales cannot be checked."
    # No review records a practice theme: one sentence, not a table of noughts.
    assert section.find_all("table", "themes") == []
    assert section.find_all("p")[-1].text == "No case review records its practice themes yet."


def test_no_section_without_case_reviews(export_html: Export, sample_plan: sp.Plan) -> None:
    source = export_html(attrs.evolve(sample_plan, case_reviews=())).decode("utf-8")
    page = parse(source)
    assert HEADING not in [h.text for h in page.find_all("h2")]
    assert HEADING not in source
    assert page.find_all("table", "reviews") == []


def test_public_page_never_names_a_restricted_subject(
    export_html: Export, learning_plan: sp.Plan
) -> None:
    plan = learning_plan
    board = export_html(plan).decode("utf-8")
    assert "Child K" in board
    assert "Baby L" in board
    public = export_html(plan, audience="public").decode("utf-8")
    assert "Child K" not in public
    assert "Baby L" not in public
    # No subject left to show, so no column of them.
    head = table_parts(parse(public).find("table", "reviews"))[1]
    assert "Subject" not in [th.text for th in head]


TWIN: list[Document] = []
"""The page with plain text in the case review, rendered once."""


@given(title=hostile, text=hostile)
@example(title="<script>alert(1)</script>\n</th>", text='"><img src=x onerror=1> &amp;')
def test_case_review_text_comes_out_as_text(
    export_html: Export, learning_plan: sp.Plan, title: str, text: str
) -> None:
    page = parse(export_html(_retitled(learning_plan, title, text)).decode("utf-8"))
    if not TWIN:
        TWIN.append(parse(export_html(_retitled(learning_plan, "a", "b")).decode("utf-8")))
    assert shape(page) == shape(TWIN[0])
    reviews = table_parts(page.find("table", "reviews"))[2]
    assert reviews[0].elements()[0].text == clean(title)
    recommendations = table_parts(page.find("table", "recommendations"))[2]
    assert recommendations[0].elements()[1].text == f"R1 {clean(text)}"


@pytest.mark.browser
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_fits_the_screen(
    export_html: Export, learning_plan: sp.Plan, tmp_path: Path, size: tuple[int, int]
) -> None:
    path = tmp_path / "progress.html"
    path.write_bytes(export_html(learning_plan))
    assert_fits(path, size)

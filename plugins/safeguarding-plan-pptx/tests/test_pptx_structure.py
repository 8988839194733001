"""The deck read back with python-pptx: the partnership's presentation, slide by slide, with
every action, its update and its status; unique titles in their placeholders; marked header
rows; charts whose numbers are the score's; the document's properties."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest
from _deck import Deck, read

import safeguarding_plan as sp
from safeguarding_plan.plugin import SectionKind

Export = Callable[..., bytes]


def test_the_slides_are_the_presentations_in_the_reports_order(
    birmingham: Deck, sample_report: sp.Report
) -> None:
    titles = birmingham.titles
    assert titles[0] == sample_report.title
    assert titles[1] == sample_report.words.agenda
    # Each section's first slide, in the report's order (the presentation's own, from the
    # national framework to looking ahead), each followed only by its own continued slides.
    where = [titles.index(section.heading) for section in sample_report.sections]
    assert where == sorted(where)
    for section, start, end in zip(sample_report.sections, where, [*where[1:], None], strict=True):
        for title in titles[start + 1 : end]:
            if title.startswith(section.heading):
                assert title in (
                    f"{section.heading} (continued)",
                    *(f"{section.heading} (continued {n})" for n in range(2, 10)),
                )
    # The presentation's own slides, by their titles.
    for seen in (
        "National Framework",
        "Priority 1 – Strong Leadership and Strong Partnership demonstrating effective "
        "Accountability",
        "Priority 1 – Strong Leadership and Strong Partnership demonstrating effective "
        "Accountability (continued)",
        "Independent Scrutiny & Challenge",
        "Current High Profile Cases (not for publication)",
        "Embedding National Learning",
        "Offensive Weapon Homicide Reviews",
        "Looking Ahead",
    ):
        assert seen in titles


def test_every_title_is_unique_in_its_placeholder_and_read_first(birmingham: Deck) -> None:
    assert len(set(birmingham.titles)) == len(birmingham.titles)
    assert all(slide.title and slide.title_first for slide in birmingham.slides)


def test_every_action_is_on_a_slide_with_its_update_and_status(
    birmingham: Deck, sample_report: sp.Report
) -> None:
    found: dict[str, list[str]] = {}
    for priority in sample_report.priorities:
        slides = birmingham.starting(priority.heading)
        assert len(slides) >= 2  # every Birmingham priority takes more than one slide
        for slide in slides:
            (table,) = slide.tables
            assert table.header == [
                sample_report.action_heading,
                sample_report.update_heading,
                sample_report.status_heading,
            ]
            assert table.header_marked
            assert table.description == sample_report.priority_description
            for action, update, status in table.body:
                found[action.split(" ", 1)[0]] = [action, update, status]
    assert len(found) == 33
    for row in sample_report.rows:
        action, update, status = found[row.id]
        assert action == f"{row.id} {row.text}\n{row.details}"
        assert update == row.note
        assert status == row.status  # in words, the face beside them
        assert status.split(" – ")[0] == row.progress.label


def test_the_headline_with_the_percentage_large(birmingham: Deck, sample_report: sp.Report) -> None:
    summary = birmingham.slide(sample_report.words.summary)
    (said,) = summary.texts
    assert said.split("\n")[:3] == ["73%", sample_report.headline, sample_report.expected]
    percent = summary.shapes[1].text_frame.paragraphs[0].runs[0].font.size.pt  # type: ignore[attr-defined]
    assert percent >= 72


def test_the_summary_table_has_a_row_per_priority_and_the_whole_plan(
    birmingham: Deck, sample_report: sp.Report
) -> None:
    (table,) = birmingham.slide(sample_report.words.summary_table).tables
    w = sample_report.words
    assert table.header == [w.priority, w.actions, w.complete, w.percent_complete, w.ratings]
    assert [row[0] for row in table.body] == [r.heading for r in sample_report.summary_rows]
    assert table.body[-1][1:4] == ["33", "24", "73%"]


def test_the_chart_is_native_and_its_numbers_are_the_score(
    birmingham: Deck, sample_plan: sp.Plan
) -> None:
    score = sp.score(sample_plan)
    (chart,) = birmingham.slide("Actions complete by priority").charts
    assert chart.categories == [f"Priority {p.id}" for p in sample_plan.priorities]
    (values,) = chart.series.values()
    assert values == [score.by_priority[p.id].percent_rounded for p in sample_plan.priorities]
    # Its alternative text gives every number it shows.
    for p in sample_plan.priorities:
        by = score.by_priority[p.id]
        assert f"Priority {p.id}, {by.percent_rounded}% ({by.complete} of {by.actions})" in (
            chart.description
        )


def test_the_trend_is_charted_from_the_second_review(
    export_pptx: Export, learning_plan: sp.Plan
) -> None:
    report = sp.report(learning_plan)
    deck = read(export_pptx(learning_plan))
    (chart,) = deck.slide(report.words.complete_by_review).charts
    assert chart.categories == list(report.charts[1].categories)
    (values,) = chart.series.values()
    assert values == [point.percent for point in report.trend]
    assert chart.description == report.charts[1].description
    assert deck.slide(report.words.complete_by_priority).charts


def test_the_exceptions_changes_learning_and_key(
    export_pptx: Export, learning_plan: sp.Plan
) -> None:
    report = sp.report(learning_plan)
    deck = read(export_pptx(learning_plan))
    w = report.words
    (exceptions,) = deck.slide(w.exceptions).tables
    assert exceptions.header == [w.number, w.why, w.update]
    assert [row[0] for row in exceptions.body] == [r.id for r in report.exceptions]
    assert report.changes is not None
    (changes,) = deck.slide(report.changes.heading).tables
    assert [row[1] for row in changes.body] == [c.kind for c in report.changes.rows]
    assert report.learning is not None
    (reviews,) = deck.slide(report.learning.heading).tables
    assert [row[0] for row in reviews.body] == [r.title for r in report.learning.reviews]
    (key,) = deck.slide(w.key).tables
    assert [row[1] for row in key.body] == [r.label for r in report.key]
    assert all(table.header_marked for slide in deck.slides for table in slide.tables)


def test_the_title_slide_for_the_board_and_for_the_public(
    export_pptx: Export, birmingham: Deck, sample_report: sp.Report
) -> None:
    (subtitle,) = birmingham.slides[0].texts
    assert subtitle.split("\n") == [
        sample_report.partnership,
        *(f"{label}: {text}" for label, text in sample_report.title_block),
    ]
    assert "Presented by: Penny Thompson CBE, Independent Chair; Simon Cross" in subtitle
    public = read(export_pptx(audience="public"))
    (subtitle,) = public.slides[0].texts
    assert subtitle.split("\n") == [sample_report.partnership, "Progress as at 31 January 2022"]


def test_the_public_deck_leaves_out_what_the_plan_restricts(
    export_pptx: Export, sample_plan: sp.Plan
) -> None:
    report = sp.report(sample_plan, audience="public")
    data = export_pptx(audience="public")
    deck = read(data)
    assert [t for t in deck.titles if t in {s.heading for s in report.sections}] == [
        s.heading for s in report.sections
    ]
    assert "Current High Profile Cases" not in "\n".join(deck.titles)
    kinds = {s.kind for s in report.sections}
    assert SectionKind.PURPOSE not in kinds
    text = "\n".join(slide.words for slide in deck.slides)
    for name in sample_plan.restricted_words:
        assert name not in text
    assert "not for publication" not in text
    assert "Report to:" not in text


def test_the_documents_properties(birmingham: Deck, sample_report: sp.Report) -> None:
    properties = birmingham.deck.core_properties
    assert properties.title == sample_report.title
    assert properties.subject == sample_report.subject
    assert properties.author == "Birmingham Safeguarding Children Partnership"
    assert properties.language == "en-GB"
    assert properties.category == sample_report.category
    # Every run of text says its language too, for a screen reader.
    for slide in birmingham.deck.slides:
        for run in slide._element.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}rPr"
        ):
            assert run.get("lang") == "en-GB"


@pytest.mark.parametrize("audience", ["board", "public"])
def test_every_slide_fits_the_slide(export_pptx: Export, audience: str) -> None:
    """Every shape lies within the slide, as written (LibreOffice's layout is tested too)."""
    deck = read(export_pptx(audience=audience))
    assert deck.off_the_slide() == []


def test_every_rating_scale_has_its_tints_and_an_empty_plan_its_deck(
    export_pptx: Export, sample_plan: sp.Plan
) -> None:
    """A BRAG scale's blue (complete) has a tint of its own, and a plan of no priorities,
    which has no chart to draw, says its chart in words."""
    brag = attrs.evolve(
        sample_plan,
        ratings=sp.RATING_SCALES["brag"],
        reviews=(),
    )
    deck = read(export_pptx(brag))
    (key,) = deck.slide("Key to ratings").tables
    assert [row[1] for row in key.body] == [r.label for r in sp.RATING_SCALES["brag"]]
    empty = attrs.evolve(brag, priorities=())
    report = sp.report(empty)
    deck = read(export_pptx(empty))
    (chart,) = report.charts
    assert deck.slide(chart.title).texts == [chart.description]
    assert deck.slide(chart.title).charts == []


def test_a_title_or_heading_longer_than_a_slide_still_leaves_room_for_the_rows(
    export_pptx: Export, sample_plan: sp.Plan
) -> None:
    """A priority's title of 6,000 characters and a review's of 2,100 (the update column's
    heading): set smaller and kept to a part of each slide, they leave every slide room for
    rows, so the deck ends, with every action on it and nothing off a slide."""
    first = attrs.evolve(sample_plan.priorities[0], title="Priority title " * 400)
    review = attrs.evolve(sample_plan.reviews[-1], title="Review " * 300)
    plan = attrs.evolve(
        sample_plan, priorities=(first, *sample_plan.priorities[1:]), reviews=(review,)
    )
    report = sp.report(plan)
    deck = read(export_pptx(plan))
    assert deck.off_the_slide() == []
    assert len(set(deck.titles)) == len(deck.titles)
    heading = " ".join(report.priorities[0].heading.split())
    slides = deck.starting(heading)
    assert all(table.body for slide in slides for table in slide.tables)
    ids = [row[0].split(" ", 1)[0] for s in slides for t in s.tables for row in t.body]
    assert ids == [row.id for row in report.priorities[0].rows]


def test_the_impact_slide_gives_each_measure_and_where_it_stands(
    birmingham: Deck, sample_report: sp.Report
) -> None:
    impact = sample_report.impact
    assert impact is not None
    assert impact.measures  # Birmingham's two measures
    words = "\n".join(s.words for s in birmingham.slides if s.title.startswith(impact.heading))
    for measure in impact.measures:
        assert measure.title in words
        assert measure.latest in words
        assert all(line in words for line in (measure.on_target, measure.trend) if line)

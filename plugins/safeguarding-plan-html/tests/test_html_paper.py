"""The page's executive summary, its charts and the partnership's own sections: what the
report holds, laid out, each chart an image described in the report's words."""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs
from _htmltree import Document, parse

import safeguarding_plan as sp

Export = Callable[..., bytes]

SECTIONS = (
    sp.NarrativeSection(
        "National framework",
        sp.Narrative.of(
            "Since **1st October 2019**:\n\n- Partners and [relevant agencies](https://www.gov.uk/)"
            "\n  - CSPRs replaced SCRs\n\n1. Child death reviews"
        ),
        sp.Place.BEFORE,
    ),
    sp.NarrativeSection(
        "Serious youth violence",
        sp.Narrative.of("<script>alert(1)</script> *Nasir Patrice*"),
        restricted=True,
    ),
)


def _page(export_html: Export, plan: sp.Plan, audience: str = "board") -> Document:
    return parse(export_html(plan, audience=audience).decode("utf-8"))


def _section(page: Document, heading: str) -> list[str]:
    for h2 in page.find_all("h2"):
        if h2.text == heading:
            assert h2.parent is not None
            return [e.text for e in h2.parent.iter() if e.tag in ("p", "li")]
    raise AssertionError(f"no section {heading!r}")


def test_the_executive_summary_is_the_reports_sentences(
    export_html: Export, sample_plan: sp.Plan
) -> None:
    page = _page(export_html, sample_plan)
    report = sp.report(sample_plan)
    assert _section(page, "Executive summary") == list(report.executive_summary)


def test_each_chart_is_an_image_named_and_described_in_the_reports_words(
    export_html: Export, learning_plan: sp.Plan
) -> None:
    report = sp.report(learning_plan)
    page = _page(export_html, learning_plan)
    figures = page.find_all("figure", "chart")
    assert len(figures) == len(report.charts) == 2  # three reviews: the trend too
    for figure, chart in zip(figures, report.charts, strict=True):
        svg = figure.find("svg")
        assert svg.get("role") == "img"
        caption, description = (svg.get("aria-labelledby") or "").split()
        named = {e.get("id"): e.text for e in page.root.iter() if e.get("id")}
        assert named[caption] == chart.title
        assert named[description] == chart.description
        shapes = svg.find("g")
        assert shapes.get("aria-hidden") == "true"  # read once, as the description
        labels = [" ".join(t.text.split()) for t in shapes.find_all("text")]  # lines joined
        for category, value in zip(chart.categories, chart.series[0].values, strict=True):
            assert category in labels
            assert f"{value:g}%" in labels


def test_the_partnerships_sections_are_laid_out_and_their_text_is_only_text(
    export_html: Export, sample_plan: sp.Plan
) -> None:
    plan = attrs.evolve(  # these sections in place of the sample's own
        sample_plan,
        paper=sp.Paper(sections=SECTIONS),
        reviews=tuple(attrs.evolve(r, paper=sp.Paper()) for r in sample_plan.reviews),
    )
    source = export_html(plan).decode("utf-8")
    page = parse(source)
    titles = [h2.text for h2 in page.find_all("h2")]
    assert titles.index("National framework") == titles.index("Executive summary") + 1
    assert titles[-2:] == ["Serious youth violence (not for publication)", "Key to ratings"]
    framework = _section(page, "National framework")
    assert framework[0] == "Since 1st October 2019:"
    assert "CSPRs replaced SCRs" in framework
    assert "Child death reviews" in framework
    links = [a for a in page.find_all("a") if not (a.get("href") or "").startswith("#")]
    assert [(a.get("href"), a.text) for a in links] == [
        ("https://www.gov.uk/", "relevant agencies")
    ]
    assert "<script>" not in source
    restricted = sp.report(plan).words.not_for_publication.format(title="Serious youth violence")
    assert _section(page, restricted) == ["<script>alert(1)</script> Nasir Patrice"]
    public = _page(export_html, plan, "public")
    assert "Serious youth violence" not in [h2.text for h2 in public.find_all("h2")]
    assert not re.search("Nasir", export_html(plan, audience="public").decode("utf-8"))

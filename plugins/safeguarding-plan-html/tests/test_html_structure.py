"""The page's structure, parsed with html.parser: what a screen reader and a browser rely on."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date

import attrs
import docx
import pytest
import safeguarding_plan_html
from _htmltree import Document, Element, parse, table_parts

import safeguarding_plan as sp
from safeguarding_plan.plugin import WITHHELD, BulletList, ListItem, PluginManager, Span

Export = Callable[..., bytes]

PARTNERSHIP = "Birmingham Safeguarding Children Partnership"
PRIORITY_HEADINGS = [
    "Priority 1 – Strong Leadership and Strong Partnership demonstrating effective Accountability",
    "Priority 2 – Continuously Improve Child Safeguarding Practice across the system and in all "
    "agencies",
    "Priority 3 – Developing an effective multi-agency response to Child and Adolescent Neglect",
    "Priority 4 – Evaluating and addressing the consequences of the Covid-19 pandemic on "
    "safeguarding children",
]
HEADLINE = (
    "The Plan has 4 strategic priorities and 33 actions. At the end of January 2022, 73% of the "
    "actions have been completed."
)
ACTION_COLUMNS = ["No.", "Planned Action (2021-23)", "February 2022 – Update", "Status"]
TITLE = "Business Improvement Plan 2021/23: February 2022 – Update"


def headings(page: Document) -> list[tuple[str, str]]:
    return [(e.tag, e.text) for e in page.root.iter() if re.fullmatch(r"h[1-6]", e.tag)]


def sections(plan: sp.Plan) -> list[str]:
    """The headings of the sample's page: its paper's sections around the progress."""
    own = [(s.title, s.place) for s in sp.report(plan).narrative]  # as the board reads them
    return [
        "Purpose of the report",
        "Recommendations",
        "Executive summary",
        *[title for title, place in own if place is sp.Place.BEFORE],
        "Summary",
        "Impact",  # the sample's measures
        "Exceptions",
        *PRIORITY_HEADINGS,
        "Learning from reviews",  # the sample, Birmingham's plan, records case reviews
        *[title for title, place in own if place is sp.Place.AFTER],
        "Key to ratings",
    ]


def links(plan: sp.Plan) -> set[str]:
    """Where the sample's own sections link to: the only addresses its page may hold."""

    def spans(items: tuple[ListItem, ...]) -> list[Span]:
        return [s for item in items for s in (*item.spans, *spans(item.items))]

    found = [
        span
        for section in sp.report(plan).sections
        if section.narrative is not None
        for block in section.narrative.blocks
        for span in (spans(block.items) if isinstance(block, BulletList) else block.spans)
    ]
    return {span.link for span in found if span.link is not None}


def test_registered_through_the_hook(make_plugin_manager: Callable[..., PluginManager]) -> None:
    exporter = make_plugin_manager(safeguarding_plan_html).exporter("html")
    assert exporter.suffix == ".html"
    assert exporter.media_type == "text/html; charset=utf-8"
    assert exporter.title
    assert [option.name for option in exporter.options] == ["styles"]  # see test_html_options


def test_document_head(page: Document, page_source: str) -> None:
    assert page_source.startswith("<!doctype html>\n")
    assert page.doctype is not None
    assert page.doctype.lower() == "doctype html"
    assert page.html.get("lang") == "en-GB"
    head = page.find("head")
    metas = head.find_all("meta")
    assert metas[0].get("charset") == "utf-8"  # first, so the browser never guesses
    viewport = [m.get("content") for m in metas if m.get("name") == "viewport"]
    assert viewport == ["width=device-width, initial-scale=1"]
    assert head.find("title").text == TITLE
    assert [m.get("content") for m in metas if m.get("name") == "description"] == [HEADLINE]
    assert page.comments == []


def test_utf8_and_one_trailing_newline(export_html: Export) -> None:
    data = export_html()
    data.decode("utf-8")
    assert data.endswith(b"</html>\n")
    assert not data.startswith(b"\xef\xbb\xbf")


def test_one_h1_then_a_h2_per_section(page: Document, sample_plan: sp.Plan) -> None:
    found = headings(page)
    assert found[0] == ("h1", TITLE)
    assert [tag for tag, _ in found] == ["h1"] + ["h2"] * (len(found) - 1)
    assert [text for _, text in found[1:]] == sections(sample_plan)


def test_every_heading_has_a_section_and_an_id(page: Document) -> None:
    for h2 in page.find_all("h2"):
        section = h2.parent
        assert section is not None
        assert section.tag == "section"
        assert section.get("aria-labelledby") == h2.get("id")
    ids = [e.get("id") for e in page.root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_under_the_title_the_partnership_and_the_papers_title_block(
    page: Document, sample_plan: sp.Plan, run_exporter: Callable[..., bytes]
) -> None:
    h1, partnership, block, *_ = page.find("main").elements()
    assert (h1.tag, partnership.tag, block.tag) == ("h1", "p", "dl")
    assert partnership.text == PARTNERSHIP
    # The board paper's lines, each a label and its text.
    paper = docx.Document(io.BytesIO(run_exporter("docx", plan=sample_plan)))
    word = [p.text for p in paper.paragraphs]
    under_title = word[2 : word.index("Purpose of the report")]
    lines = [(line.find("dt").text, line.find("dd").text) for line in block.elements()]
    assert [f"{label}: {text}" for label, text in lines] == under_title
    assert [label for label, _ in lines] == [
        "Report to",
        "Date of meeting",
        "Report of",
        "Presented by",
        "Progress as at",
        "Protective marking",
    ]
    time = block.find("time")
    assert (time.get("datetime"), time.text) == ("2022-01-31", "31 January 2022")


def test_under_the_title_of_the_public_page_the_date_alone(
    export_html: Export, sample_plan: sp.Plan
) -> None:
    page = parse(export_html(sample_plan, audience="public").decode("utf-8"))
    h1, partnership, as_at, nav, *_ = page.find("main").elements()
    assert (h1.tag, partnership.tag, as_at.tag, nav.tag) == ("h1", "p", "p", "nav")
    assert as_at.text == "Progress as at 31 January 2022"
    time = as_at.find("time")
    assert (time.get("datetime"), time.text) == ("2022-01-31", "31 January 2022")
    assert page.find_all("dl") == []


def test_headline_and_expected_by_now_in_the_summary(page: Document) -> None:
    (summary,) = [s for s in page.find_all("section") if s.get("aria-labelledby") == "summary"]
    assert summary.find("p", "headline").text == HEADLINE
    assert summary.find("p", "expected").text == (
        "20 actions were due by 31 January 2022; 15 of them are complete."
    )


def test_four_priority_tables_with_the_seed_columns(
    page: Document, sample_report: sp.Report
) -> None:
    tables = page.find_all("table", "actions")
    assert len(tables) == 4
    for table, section in zip(tables, sample_report.priorities, strict=True):
        caption, head, rows = table_parts(table)
        assert caption.text == section.summary  # "10 actions, 9 complete (90%). Ratings: …"
        assert [th.text for th in head] == ACTION_COLUMNS
        assert len(rows) == len(section.rows)
        for tr, row in zip(rows, section.rows, strict=True):
            cells = tr.elements()
            assert [c.tag for c in cells] == ["th", "td", "td", "td"]
            assert cells[0].get("scope") == "row"
            assert cells[0].text == row.id
            assert cells[1].find("p", "action").text == row.text
            assert cells[2].text == (row.note or "No update.")
            assert cells[3].text == row.status  # in words, always
    assert [len(table_parts(t)[2]) for t in tables] == [10, 10, 5, 8]
    assert [t.parent.parent.find("h2").text for t in tables if t.parent and t.parent.parent] == (
        PRIORITY_HEADINGS
    )


def test_every_table_is_captioned_with_scoped_headers(page: Document) -> None:
    tables = page.find_all("table")
    # priorities, summary, measures, exceptions, key, and the case reviews' reviews and
    # recommendations (Birmingham's reviews record no practice theme: a sentence says so, not a
    # table)
    assert len(tables) == 4 + 4 + 2
    for table in tables:
        caption, head, rows = table_parts(table)
        assert table.elements()[0] is caption
        assert caption.text.strip()
        assert head
        assert all(th.get("scope") == "col" for th in head)
        assert rows
        for tr in rows:
            first, *rest = tr.elements()
            assert (first.tag, first.get("scope")) == ("th", "row")
            assert first.text.strip()
            assert all(cell.tag == "td" for cell in rest)
            assert len(rest) == len(head) - 1
            # On a phone each cell is labelled with its column's heading.
            assert [cell.get("data-label") for cell in rest] == [th.text for th in head[1:]]


def test_status_words_with_the_symbol_hidden_from_screen_readers(page: Document) -> None:
    statuses = page.find_all("td", "status")
    assert len(statuses) == 33 + 5
    first = page.find_all("table", "actions")[0].find("td", "status")
    assert first.text == "Complete – 😊 good progress"
    symbol = first.find("span", "symbol")
    assert (symbol.text, symbol.get("aria-hidden")) == ("😊", "true")
    assert "rag-green" in first.classes  # colour as an extra
    reds = [td for td in statuses if "rag-red" in td.classes]
    assert reds
    assert all(td.text.endswith(("limited progress", "no progress")) for td in reds)
    # Every status's symbol is hidden, wherever in the words it stands.
    for td in statuses:
        (hidden,) = td.find_all("span", "symbol")
        assert hidden.get("aria-hidden") == "true"


def test_summary_by_priority(page: Document) -> None:
    _, head, rows = table_parts(page.find("table", "summary"))
    assert [th.text for th in head] == ["Priority", "Actions", "Complete", "% complete", "Ratings"]
    assert [[c.text for c in tr.elements()] for tr in rows] == [
        [PRIORITY_HEADINGS[0], "10", "9", "90%", "9 good progress, 1 limited progress"],
        [PRIORITY_HEADINGS[1], "10", "7", "70%", "8 good progress, 1 some progress, 1 no progress"],
        [PRIORITY_HEADINGS[2], "5", "3", "60%", "5 good progress"],
        [
            PRIORITY_HEADINGS[3],
            "8",
            "5",
            "63%",
            "5 good progress, 1 some progress, 2 limited progress",
        ],
        [
            "All priorities",
            "33",
            "24",
            "73%",
            "27 good progress, 2 some progress, 3 limited progress, 1 no progress",
        ],
    ]
    # The whole plan's row is set apart, as the board paper sets it (in bold).
    *_, total = rows
    assert [("total" in cell.classes) for cell in total.elements()] == [True] * 4 + [False]


def test_exceptions(page: Document) -> None:
    caption, head, rows = table_parts(page.find("table", "exceptions"))
    assert caption.text == "5 actions are overdue or rated red at 31 January 2022."
    assert [th.text for th in head] == ["No.", "Action", "Lead", "Due", "Status", "Update"]
    assert [tr.elements()[0].text for tr in rows] == ["1.6", "2.3", "2.9", "4.1", "4.4"]
    first = [c.text for c in rows[0].elements()]
    assert first[2:] == [
        "Business Unit",
        "by November 2021",
        "Overdue and red: not started – ☹️ limited progress",
        "Website redesign will commence in 2022/23.",
    ]


def test_key_to_ratings(page: Document) -> None:
    _, head, rows = table_parts(page.find("table", "key"))
    assert [th.text for th in head] == ["Rating", "Symbol", "RAG", "Meaning"]
    assert [[c.text for c in tr.elements()[:3]] for tr in rows] == [
        ["Good progress", "😊", "Green"],
        ["Some progress", "😐", "Amber"],
        ["Limited progress", "☹️", "Red"],
        ["No progress", "😞", "Red"],
    ]
    # The rating and its colour carry the colour's class: one class, one tint, for each colour.
    colours = [[c.classes for c in tr.elements()] for tr in rows]
    assert [
        [f"rag-{rag}" in classes for classes in row]
        for row, rag in zip(colours, ["green", "amber", "red", "red"], strict=True)
    ] == [[True, False, True, False]] * 4


def test_contents_links_only_within_the_page(page: Document, sample_plan: sp.Plan) -> None:
    ids = {e.get("id") for e in page.root.iter()}
    contents = page.find("nav").find_all("a")
    assert [a.text for a in contents] == sections(sample_plan)
    for a in contents:
        href = a.get("href") or ""
        assert href.startswith("#")
        assert href[1:] in ids


FORBIDDEN = {
    "script",
    "noscript",
    "img",
    "picture",
    "iframe",
    "object",
    "embed",
    "link",
    "base",
    "form",
    "input",
    "button",
    "video",
    "audio",
    "source",
    "canvas",
    "template",
}


def test_self_contained(page: Document, page_source: str, sample_plan: sp.Plan) -> None:
    tags = {e.tag for e in page.root.iter()}
    assert not tags & FORBIDDEN
    written = links(sample_plan)  # a link the partnership wrote is followed, never loaded
    assert written
    for element in page.root.iter():
        for name, value in element.attrs.items():
            assert not name.startswith("on"), element
            assert name not in {"src", "srcset", "action", "formaction", "style"}, element
            if name == "href":
                assert (value or "").startswith("#") or value in written, element
    for link in written:
        page_source = page_source.replace(f'href="{link}"', "")
    style = "".join(s.text for s in page.find_all("style"))
    assert style.strip()
    assert "url(" not in style
    assert "@import" not in style
    assert "@font-face" not in style
    assert not re.search(r"(?i)\b(https?:|//[a-z]|data:|javascript:)", page_source)


def test_css_is_readable_on_a_phone_and_printable() -> None:
    style = safeguarding_plan_html.STYLE
    assert "font-size: max(1rem, 16px)" in style
    assert "@media screen and (max-width: 40em)" in style  # never stacked on paper
    assert "@media print" in style


def _second_review(plan: sp.Plan) -> sp.Plan:
    """The sample plan with a later review: 1.6 starts and improves, 2.3 is done."""
    review = sp.Review(
        id="2022-05",
        title="May 2022 – Update",
        as_of=date(2022, 4, 30),
        updates={
            "1.6": sp.ActionUpdate(
                progress=sp.Progress.IN_PROGRESS,
                rating="neutral",
                note="Supplier appointed.\nWork starts in May.",
            ),
            "2.3": sp.ActionUpdate(progress=sp.Progress.COMPLETE, rating="happy"),
        },
    )
    return attrs.evolve(plan, reviews=(*plan.reviews, review))


def test_changes_since_the_previous_review(export_html: Export, sample_plan: sp.Plan) -> None:
    plan = _second_review(sample_plan)
    page = parse(export_html(plan).decode("utf-8"))
    titles = [text for _, text in headings(page)]
    assert titles[:6] == [
        "Business Improvement Plan 2021/23: May 2022 – Update",
        "Executive summary",
        "Summary",
        "Impact",
        "Exceptions",
        "Changes since February 2022 – Update",
    ]
    caption, head, rows = table_parts(page.find("table", "changes"))
    assert [th.text for th in head] == ["Action", "Change", "Before", "After"]
    changes = [[c.text for c in tr.elements()] for tr in rows]
    assert ["2.3", "Newly complete", "Not started", "Complete"] in changes
    assert ["1.6", "Rating improved", "☹️ Limited progress", "😐 Some progress"] in changes
    # 3.4 was due by 31 March 2022: on time at January's review, overdue at April's.
    assert ["3.4", "Newly overdue", "Not overdue", "Overdue (due by 31st March 2022)"] in changes
    # An exception without an update in this review says so, as the priority tables do.
    exceptions = {
        tr.elements()[0].text: tr.elements()[-1].text
        for tr in table_parts(page.find("table", "exceptions"))[2]
    }
    assert exceptions["2.9"] == "No update."
    assert exceptions["1.6"] == "Supplier appointed.\nWork starts in May."
    assert caption.text == "Changes since February 2022 – Update"
    # A note's line break is a <br>, and its text is the note.
    row = next(
        tr
        for tr in table_parts(page.find_all("table", "actions")[0])[2]
        if tr.elements()[0].text == "1.6"
    )
    update = row.elements()[2]
    assert update.text == "Supplier appointed.\nWork starts in May."
    assert [e.tag for e in update.elements()] == ["br"]
    # A row with no update in this review says so.
    assert any(
        tr.elements()[2].text == "No update."
        for tr in table_parts(page.find_all("table", "actions")[1])[2]
    )


def test_no_changes_section_without_changes(export_html: Export, sample_plan: sp.Plan) -> None:
    same = sp.Review(id="2022-03", title="March 2022 – Update", as_of=date(2022, 1, 31))
    page = parse(
        export_html(attrs.evolve(sample_plan, reviews=(*sample_plan.reviews, same))).decode("utf-8")
    )
    changes = [h for h in page.find_all("h2") if h.text.startswith("Changes since")]
    assert [h.text for h in changes] == ["Changes since February 2022 – Update"]
    parent = changes[0].parent
    assert parent is not None
    assert parent.find("p").text == "No action has changed since the previous review."


def test_plan_without_reviews(export_html: Export, sample_plan: sp.Plan) -> None:
    page = parse(export_html(attrs.evolve(sample_plan, reviews=())).decode("utf-8"))
    found = headings(page)
    assert [tag for tag, _ in found] == ["h1"] + ["h2"] * (len(found) - 1)
    assert found[:3] == [
        ("h1", "Business Improvement Plan 2021/23"),
        ("h2", "Executive summary"),
        ("h2", "Summary"),
    ]
    assert page.find_all("p", "as-at") == []  # no review, no date
    assert page.find("p", "headline").text.startswith("The Plan has 4 strategic priorities")
    tables = page.find_all("table", "actions")
    assert [th.text for th in table_parts(tables[0])[1]][1:] == [
        "Planned Action (2021-23)",
        "Update",
        "Status",
    ]
    assert {tr.elements()[3].text for t in tables for tr in table_parts(t)[2]} == {
        "Not started – not yet rated"
    }


def test_public_audience_leaves_restricted_actions_out(
    export_html: Export, sample_plan: sp.Plan
) -> None:
    secret = "Jane Example, Designated Officer"
    priorities = list(sample_plan.priorities)
    first = priorities[0]
    actions = list(first.actions)
    actions[5] = attrs.evolve(actions[5], restricted=True, lead=secret)  # 1.6, an exception
    priorities[0] = attrs.evolve(first, actions=tuple(actions))
    plan = attrs.evolve(sample_plan, priorities=tuple(priorities))

    board = export_html(plan).decode("utf-8")
    assert secret in board
    public = export_html(plan, audience="public").decode("utf-8")
    assert secret not in public
    assert "Website redesign" not in public  # its note
    page = parse(public)
    rows = table_parts(page.find_all("table", "actions")[0])[2]
    withheld = next(tr for tr in rows if tr.elements()[0].text == "1.6")
    assert withheld.elements()[1].find("p", "action").text == WITHHELD
    assert withheld.elements()[2].text == "No update."


def _cell_texts(element: Element) -> list[str]:
    return [c.text for c in element.elements()]


@pytest.mark.parametrize("scale", ["rag", "brag"])
def test_scales_without_symbols(export_html: Export, sample_plan: sp.Plan, scale: str) -> None:
    keys = {"happy": "green", "neutral": "amber", "frown": "red", "sad": "red"}
    reviews = tuple(
        attrs.evolve(
            r,
            updates={
                a: attrs.evolve(u, rating=keys[u.rating] if u.rating else None)
                for a, u in r.updates.items()
            },
        )
        for r in sample_plan.reviews
    )
    plan = attrs.evolve(sample_plan, ratings=sp.RATING_SCALES[scale], reviews=reviews)
    page = parse(export_html(plan).decode("utf-8"))
    first = page.find_all("table", "actions")[0].find("td", "status")
    assert first.text == "Complete – green"
    assert first.find_all("span") == []
    rows = table_parts(page.find("table", "key"))[2]
    assert [_cell_texts(tr)[0] for tr in rows][-3:] == ["Green", "Amber", "Red"]

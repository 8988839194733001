"""A board paper's own content: the ``paper`` of a plan file and of a review (meeting, purpose,
recommendations, narrative sections), read, checked, written back, reported for each audience
and laid out by every document; and the executive summary, trend and charts worked out from
the numbers."""

from __future__ import annotations

import html
import io
import json
import re
import time
import urllib.parse
import zipfile
from collections.abc import Iterable
from datetime import date

import attrs
import docx
import pytest
from conftest import BIRMINGHAM, two_reviews, without_paper
from gfm import render, seen, styled
from hypothesis import assume, event, given
from hypothesis import strategies as st
from strategies import narratives, papers

import safeguarding_plan as sp
from safeguarding_plan import markup
from safeguarding_plan.markup import BulletList, ListItem, Paragraph, Span
from safeguarding_plan.model.paper import Narrative, NarrativeSection, Paper, Place
from safeguarding_plan.reporting.charts import ChartKind
from safeguarding_plan.reporting.redaction import REDACTED
from safeguarding_plan.scoring.progress import score

PAPER = """\
paper:
  meeting: Executive Board
  report_of: BSCP Business Unit
  presented_by:
    - Penny Thompson CBE, Independent Chair
    - Simon Cross, Partnership Business Manager
  marking: OFFICIAL-SENSITIVE
  purpose: To update the Board on the **Business Improvement Plan**.
  recommendations:
    - Note the progress made
    - Endorse the deferral of actions *2.9* and 4.4
  sections:
    - title: National framework
      place: before
      text: |
        Since 1st October 2019:

        - Safeguarding partners and [relevant agencies](https://www.gov.uk/)
        - MASA replaced LSCB
          - CSPRs replaced SCRs
    - title: Serious youth violence
      restricted: true
      text: Nasir Patrice, 17 years old.
"""


TABLES = without_paper(BIRMINGHAM.read_text(encoding="utf-8"))
"""Birmingham without its own paper, to be given each test's."""


def _with(plan_text: str, paper: str = PAPER) -> str:
    return plan_text.replace("ratings: faces", paper + "ratings: faces", 1)


def _plan(paper: str = PAPER) -> sp.Plan:
    return sp.loads(_with(TABLES, paper))


# --- the small Markdown ------------------------------------------------------------------------


def test_markup_reads_paragraphs_lists_and_styles() -> None:
    blocks, problems = markup.parse(
        "A **bold** and *italic* [link](https://example.org) line\njoined.\n\n"
        "1. one\n2. two\n   - inside\n\nAfter \\*stars\\* and 2 * 3 * 4."
    )
    assert problems == ()
    assert blocks == (
        Paragraph(
            (
                Span("A "),
                Span("bold", bold=True),
                Span(" and "),
                Span("italic", italic=True),
                Span(" "),
                Span("link", link="https://example.org"),
                Span(" line joined."),
            )
        ),
        BulletList(
            (ListItem((Span("one"),)), ListItem((Span("two"),), (ListItem((Span("inside"),)),))),
            numbered=True,
        ),
        Paragraph((Span("After *stars* and 2 * 3 * 4."),)),
    )


_PLAIN = st.text(st.characters(categories=("L", "N", "Zs"), exclude_characters="\u00a0"))


@given(st.lists(_PLAIN, max_size=8).map("\n".join))
def test_markup_keeps_every_word_of_plain_text(text: str) -> None:
    blocks, problems = markup.parse(text)
    assert problems == ()
    shown = " ".join(s.text for b in blocks if isinstance(b, Paragraph) for s in b.spans)
    assert shown.split() == text.split()


def _shown(runs: Iterable[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """Each character a reader sees and whether it is bold and italic: spaces as one space
    (of no style), none at either end."""
    shown: list[tuple[str, bool, bool]] = []
    for text, bold, italic in runs:
        for char in text:
            if not char.isspace():
                shown.append((char, bold, italic))
            elif shown and shown[-1][0] != " ":
                shown.append((" ", False, False))
    return shown[:-1] if shown and shown[-1][0] == " " else shown


def _styles(text: str) -> list[tuple[str, bool, bool]]:
    blocks, _ = markup.parse(text)
    return _shown((s.text, s.bold, s.italic) for run in markup.runs(blocks) for s in run)


_INLINE = st.lists(
    st.sampled_from(
        [
            *("a", "b", "é", "1", "£", "😊", " ", "\t", "\u00a0", "\nx "),
            *("*", "**", "***", "_", "__", "___", "[", "]", "](d)", "(", ")", "\\"),
            *(".", ",", ":", "!", "?", "-", '"', "'", "“", "”"),
        ]
    ),
    max_size=30,
).map("".join)
"""Text of one paragraph: words, spaces, punctuation, '*' and '_' runs, brackets and links.
Each line starts with a word, so no line is a list, a rule or a heading."""


@given(_INLINE)
def test_bold_and_italic_are_what_github_shows(text: str) -> None:
    # GitHub shows '![...](...)' as a picture, not its words; a '\\' ending a line is a line
    # break, which the subset shows as written.
    assume("![" not in text and "\\\n" not in text)
    written = f"x {text}"
    assert _styles(written) == _shown(styled(written))


@pytest.mark.parametrize(
    ("written", "bold", "italic"),
    [
        ("**Decision:**Approve", "", ""),  # the closing '**' is not right-flanking
        ("**Decision:** Approve", "Decision:", ""),
        ("**Decision**: Approve", "Decision", ""),
        ("snake_case_name and _italic_", "", "italic"),
        ("2 * 3 * 4 and *a*b", "", "a"),
        ("***both*** and **bold *inside* it**", "bothbold inside it", "bothinside"),
        ("**bold over\ntwo lines**", "bold over two lines", ""),
        ("**–**bold**–**", "–bold–", ""),  # a dash is punctuation: one strong in another
    ],
)
def test_emphasis_follows_the_flanking_rules(written: str, bold: str, italic: str) -> None:
    assert _styles(written) == _shown(styled(written))
    (block,), _ = markup.parse(written)
    assert isinstance(block, Paragraph)
    assert "".join(s.text for s in block.spans if s.bold) == bold
    assert "".join(s.text for s in block.spans if s.italic) == italic


@pytest.mark.parametrize(
    ("written", "address"),
    [
        (
            "[the guidance](https://en.wikipedia.org/wiki/Working_Together_(2018))",
            "https://en.wikipedia.org/wiki/Working_Together_(2018)",
        ),
        ("[a](https://example.org/a((b))c)", "https://example.org/a((b))c"),
        ("[a](https://example.org/a\\)b)", "https://example.org/a)b"),
        ("[a](<https://example.org/a b>)", "https://example.org/a b"),
        ("[a]( https://example.org/ )", "https://example.org/"),
        ("[a [b] c](https://example.org/)", "https://example.org/"),
    ],
)
def test_a_link_address_holds_balanced_parentheses(written: str, address: str) -> None:
    (block,), problems = markup.parse(f"See {written} now.")
    assert problems == ()
    assert isinstance(block, Paragraph)
    (link,) = {s.link for s in block.spans if s.link is not None}
    assert link == address
    href = re.search(r'href="([^"]*)"', render(f"See {written} now."))
    assert href is not None
    assert urllib.parse.unquote(html.unescape(href[1])) == address


@pytest.mark.parametrize(
    "written",
    [
        "[a](https://example.org/(b)",  # unbalanced: no link, as on GitHub
        "[a](https://example.org/" + "(" * 33 + ")" * 33 + ")",  # nested deeper than GitHub reads
        "[a](https://example.org/ x)",
        "[a](<https://example.org/>",
    ],
)
def test_what_is_no_link_on_github_is_text(written: str) -> None:
    (block,), problems = markup.parse(written)
    assert problems == ()
    assert isinstance(block, Paragraph)
    assert all(s.link is None for s in block.spans)
    assert ">a</a>" not in render(written)  # GitHub links none of them (an address may be)


_TABLE_LINE = st.lists(
    st.sampled_from(["|", " | ", "-", "---", ":-", "-:", " ", "a", "Council", "£1"]),
    min_size=1,
    max_size=8,
).map("".join)


def _tables(text: str) -> list[markup.MarkupProblem]:
    return [p for p in markup.parse(text)[1] if p.message.startswith("a table cannot be part")]


@given(st.lists(_TABLE_LINE, min_size=1, max_size=4))
def test_a_table_is_refused_wherever_github_would_draw_one(lines: list[str]) -> None:
    # Shown as written, a table GitHub draws would run its rows together in a Word paper.
    text = "Partners:\n\n" + "\n".join(lines)
    if "<table>" in render(text):
        assert _tables(text)


@pytest.mark.parametrize(
    "text",
    [
        "Funding: Council | Police\nand Health",
        "A | B",
        "Council | £1\n---",  # a heading on GitHub, not a table
        "Council | £1\n- | -",  # a list
        "Council | £1 | £2\n--- | ---",  # three cells above two
    ],
)
def test_a_bar_that_makes_no_table_is_text(text: str) -> None:
    assert "<table>" not in render(text)
    assert _tables(text) == []


def test_a_link_with_no_words_is_refused_at_its_bracket() -> None:
    _, problems = markup.parse("Read\nthe [](https://example.org/) report")
    assert problems == (
        markup.MarkupProblem(2, 5, "a link needs words to show: write them between '[' and ']'"),
    )


PATHOLOGICAL = [
    "*a" * 25_000,
    "**a " * 12_500,
    "_a" * 25_000,
    "*_" * 25_000,
    "a***b*" * 8_000,
    "[" * 50_000,
    "]" * 50_000,
    "[](" * 16_000,
    "*_[](" * 10_000,
    "[a](" + "(" * 50_000,
    ("[](" + "()" * 16) * 1_400,  # each address read on for a thousand characters
    ("[](" + "(" * 31 + ")" * 31 + "a") * 700,  # nested as deep as an address may be
    "\\(" * 25_000,
    "![" * 12_500 + "](x)" * 12_500,
    "[[" * 12_500 + "a" + "](x)]" * 5_000,
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda text: repr(text[:12]))
def test_reading_costs_time_in_proportion_to_the_text(text: str) -> None:
    # A quadratic reading of 50,000 unclosed '[' took 21 seconds; these take well under one.
    start = time.perf_counter()
    markup.parse(text)
    assert time.perf_counter() - start < 5


# --- the plan file -----------------------------------------------------------------------------


def test_the_paper_is_read_from_the_plan_and_a_review_takes_what_it_leaves_out() -> None:
    review_paper = """\
    paper:
      date: 2022-02-16
      purpose: The February review.
"""
    text = _with(TABLES).replace(
        "    as_of: 2022-01-31\n", "    as_of: 2022-01-31\n" + review_paper, 1
    )
    plan = sp.loads(text)
    assert plan.paper.meeting == "Executive Board"
    assert [s.title for s in plan.paper.sections] == [
        "National framework",
        "Serious youth violence",
    ]
    assert plan.paper.sections[0].place is Place.BEFORE
    assert plan.paper.sections[1].place is Place.AFTER
    assert plan.paper.sections[1].restricted
    own = plan.reviews[-1].paper
    merged = own.over(plan.paper)
    assert merged.purpose is not None
    assert merged.purpose.text == "The February review."
    assert merged.meeting == "Executive Board"
    assert merged.recommendations == (plan.paper.recommendations)
    assert str(merged.date) == "2022-02-16"


@pytest.mark.parametrize(
    ("paper", "expected"),
    [
        (
            "paper:\n  purpose: See [this](javascript:alert(1))\n",
            ":{line}:23: 'purpose': a link must go to a web or e-mail address "
            "(https://, http://, mailto:), not 'javascript:alert(1)'",
        ),
        (
            "paper:\n  sections:\n    - title: Looking ahead\n      text: |\n        Fine.\n"
            "        ## Not here\n",
            ":{line5}:9: the text of section 'Looking ahead': a heading cannot be part of this "
            "text; write the words without '#', or give them a section of the paper of their own",
        ),
        (
            "paper:\n  sections:\n    - title: Funding\n      text: |\n        Each partner:\n\n"
            "        | Partner | Contribution |\n        | --- | ---: |\n"
            "        | Anytown Council | £150,000 |\n",
            ":{line6}:9: the text of section 'Funding': a table cannot be part of this text (a "
            "document would show its rows run together); write each row as a list item, as "
            "'- Anytown Council: £150,000'",
        ),
        (
            "paper:\n  sections:\n    - {title: A, text: B, place: middle}\n",
            ":{line2}:34: unknown place 'middle'; use one of before, after",
        ),
        (
            "paper:\n  meetng: Executive Board\n",
            ":{line1}:3: unknown key 'meetng' in 'paper' of the plan (did you mean 'meeting'?)",
        ),
        (
            "paper:\n  date: 02/16/2022\n",
            ":{line1}:9: '02/16/2022' is not a real date; write the day first (did you mean "
            "'16/02/2022'?)",
        ),
    ],
)
def test_a_paper_with_problems_is_refused_at_their_place(paper: str, expected: str) -> None:
    text = _with(TABLES, paper)
    first = text.splitlines().index("paper:") + 1
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(text, "plan.yaml")
    lines = [str(p) for p in caught.value.problems]
    wanted = expected.format(
        line=first + 1, line1=first + 1, line2=first + 2, line5=first + 5, line6=first + 6
    )
    assert any(line.startswith("plan.yaml" + wanted) for line in lines), lines


def test_the_paper_is_written_back_as_written() -> None:
    plan = _plan()
    text = sp.dumps(plan)
    assert sp.loads(text) == plan
    # Several lines of narrative stay several lines, as a person wrote them.
    assert "    text: |\n      Since 1st October 2019:\n" in text


@given(papers(), papers())
def test_a_review_paper_over_the_plans_keeps_each_given_field(own: Paper, plan: Paper) -> None:
    merged = own.over(plan)
    for field in attrs.fields(Paper):
        mine = getattr(own, field.name)
        expected = getattr(plan, field.name) if mine is None or mine == () else mine
        assert getattr(merged, field.name) == expected


# --- the report --------------------------------------------------------------------------------


def test_birminghams_executive_summary_says_what_the_numbers_say() -> None:
    plan = sp.load(BIRMINGHAM)
    result = score(plan)
    report = sp.report(plan)
    first = report.executive_summary[0]
    assert first == f"{result.complete} of the {result.actions} actions (73%) are complete."
    overdue = report.executive_summary[1]
    assert overdue.startswith("Actions ")
    assert overdue.endswith(" are overdue.")
    assert [i.strip(",") for i in overdue[len("Actions ") : -len(" are overdue.")].split()
            if i not in ("and",)] == list(result.overdue)  # fmt: skip
    assert all(p.title for p in plan.priorities)
    assert report.charts[0].categories == tuple(f"Priority {p.id}" for p in plan.priorities)
    assert report.charts[0].series[0].values == tuple(
        result.by_priority[p.id].percent_rounded for p in plan.priorities
    )
    assert len(report.charts) == 1  # one review: no trend to draw
    assert "Priority 1, 90% (9 of 10)" in report.charts[0].description


def test_a_two_review_plan_states_the_trend_in_words_and_in_a_chart() -> None:
    plan = two_reviews()
    before = score(plan, review=plan.reviews[0].id).percent_rounded
    now = score(plan).percent_rounded
    report = sp.report(plan)
    assert report.executive_summary[0].endswith(f"up from {before}% at the previous review.")
    assert "Action 1.1 was completed since the previous review." in report.executive_summary
    trend = report.charts[-1]
    assert trend.kind is ChartKind.LINE
    assert trend.categories == tuple(r.title for r in plan.reviews)
    assert trend.series[0].values == (before, now)
    assert [p.percent for p in report.trend] == [before, now]


def test_the_board_gets_the_paper_and_the_public_a_progress_report() -> None:
    plan = _plan(PAPER + "restricted_words: [Simon Cross, Penny Thompson]\n")
    board = sp.report(plan)
    assert board.meeting is not None
    assert board.meeting.report_of == "BSCP Business Unit"
    assert board.meeting.presented_by == (
        "Penny Thompson CBE, Independent Chair; Simon Cross, Partnership Business Manager"
    )
    assert board.asked_to == "The Executive Board is asked to:"
    assert [s.kind.value for s in board.sections][:4] == [
        "purpose",
        "recommendations",
        "executive summary",
        "narrative",
    ]
    assert [s.heading for s in board.sections][-2:] == [
        "Serious youth violence (not for publication)",
        "Key to ratings",
    ]
    public = sp.report(plan, audience="public")
    assert public.meeting is None
    assert public.purpose == ()
    assert public.recommendations == ()
    assert [n.title for n in public.narrative] == ["National framework"]
    assert public.sections[0].kind.value == "executive summary"


def test_a_name_written_across_two_styles_is_still_withheld() -> None:
    paper = "paper:\n  sections:\n    - title: Learning\n      text: Met **Ayesha** Khan today\n"
    plan = _plan(paper + "restricted_words: [Ayesha Khan]\n")
    public = sp.report(plan, audience="public")
    (block,) = public.narrative[0].blocks
    assert isinstance(block, Paragraph)
    shown = "".join(span.text for span in block.spans)
    assert "Ayesha" not in shown
    assert "Khan" not in shown
    assert REDACTED in shown


def test_the_report_of_defaults_to_the_partnership() -> None:
    meeting = sp.report(sp.load(BIRMINGHAM)).meeting
    assert meeting is not None
    assert meeting.report_of == "Birmingham Safeguarding Children Partnership"
    assert (meeting.name, meeting.marking) == ("Executive Board", "OFFICIAL")


# --- every document ----------------------------------------------------------------------------


def _export(plan: sp.Plan, name: str, audience: str = "board", **options: object) -> bytes:
    out = io.BytesIO()
    sp.export(plan, name, out, audience=audience, options=options)
    return out.getvalue()


def _paragraphs(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name if p.style else "", p.text) for p in document.paragraphs]


def test_the_board_paper_opens_with_the_title_block_purpose_recommendations_and_summary() -> None:
    plan = _plan()
    data = _export(plan, "docx")
    paragraphs = _paragraphs(data)
    texts_ = [t for _, t in paragraphs]
    assert "Report to: Executive Board" in texts_
    assert "Report of: BSCP Business Unit" in texts_
    assert (
        "Presented by: Penny Thompson CBE, Independent Chair; Simon Cross, Partnership "
        "Business Manager" in texts_
    )
    assert "Protective marking: OFFICIAL-SENSITIVE" in texts_
    headings = [t for style, t in paragraphs if style == "Heading 1"]
    assert headings[:5] == [
        "Purpose of the report",
        "Recommendations",
        "Executive summary",
        "National framework",
        "Summary",
    ]
    assert "To update the Board on the Business Improvement Plan." in texts_
    assert ("List Number", "Note the progress made") in paragraphs
    for sentence in sp.report(plan).executive_summary:
        assert ("List Bullet", sentence) in paragraphs
    assert ("List Bullet 2", "CSPRs replaced SCRs") in paragraphs
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        chart = package.read("word/charts/chart1.xml").decode()
    assert 'Target="https://www.gov.uk/" TargetMode="External"' in rels
    assert "Actions complete by priority" in chart


def test_options_still_override_the_plans_title_block() -> None:
    texts_ = [t for _, t in _paragraphs(_export(_plan(), "docx", report_to="Audit Committee"))]
    assert "Report to: Audit Committee" in texts_


def test_the_public_paper_reads_as_a_progress_report() -> None:
    paragraphs = _paragraphs(_export(_plan(), "docx", "public"))
    texts_ = " ".join(t for _, t in paragraphs)
    for absent in ("Report to", "Protective marking", "is asked to", "Nasir", "Purpose"):
        assert absent not in texts_
    assert "National framework" in texts_
    document = docx.Document(io.BytesIO(_export(_plan(), "docx", "public")))
    header = " ".join(p.text for s in document.sections for p in s.header.paragraphs)
    assert "OFFICIAL" not in header


def test_markdown_and_json_carry_the_same_narrative_and_summary() -> None:
    plan = _plan()
    report = sp.report(plan)
    page = seen(_export(plan, "md").decode())
    for sentence in report.executive_summary:
        assert sentence in page.text
    assert "Serious youth violence (not for publication)" in page.headings
    assert "Nasir Patrice, 17 years old." in page.text
    assert "The Executive Board is asked to:" in page.text
    data = json.loads(_export(plan, "json"))
    assert data["executive_summary"] == list(report.executive_summary)
    assert [n["title"] for n in data["narrative"]] == [
        "National framework",
        "Serious youth violence (not for publication)",
    ]
    assert data["narrative"][0]["blocks"][1]["list"]["items"][0]["spans"][1] == {
        "text": "relevant agencies",
        "bold": False,
        "italic": False,
        "link": "https://www.gov.uk/",
    }
    assert data["trend"][0]["as_of"] == "2022-01-31"


@given(narratives())
def test_any_narrative_reads_in_markdown_as_exactly_its_words(narrative: Narrative) -> None:
    plan = attrs.evolve(
        sp.loads(TABLES),
        paper=Paper(sections=(NarrativeSection("Words", narrative, Place.BEFORE),)),
    )
    page = seen(_export(plan, "md").decode())
    for run in markup.runs(narrative.blocks):  # each paragraph and item, nested ones too
        text = "".join(s.text for s in run)
        assert " ".join(text.split()) in " ".join(page.text.split())


@given(st.lists(narratives(), min_size=1, max_size=3))
def test_any_narrative_makes_a_board_paper_word_opens(found: list[Narrative]) -> None:
    sections = tuple(NarrativeSection(f"Section {n}", t) for n, t in enumerate(found))
    plan = attrs.evolve(two_reviews(), paper=Paper(sections=sections, purpose=found[0]))
    document = docx.Document(io.BytesIO(_export(plan, "docx")))
    headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 1"]
    assert [f"Section {n}" for n in range(len(found))] == [
        h for h in headings if h.startswith("Section ")
    ]


def test_a_public_document_says_it_leaves_something_out_only_when_it_does() -> None:
    plan = sp.load(BIRMINGHAM)
    assert not any(a.restricted for a in plan.actions)
    assert sp.report(plan, audience="public").public_notice is None
    first = plan.priorities[0]
    restricted = attrs.evolve(first.actions[0], restricted=True)
    hiding = attrs.evolve(
        plan,
        priorities=(
            attrs.evolve(first, actions=(restricted, *first.actions[1:])),
            *plan.priorities[1:],
        ),
    )
    notice = sp.report(hiding, audience="public").public_notice
    assert notice == "Some actions and updates are not published in this version."
    assert sp.report(hiding).public_notice is None


# --- what outside tries found --------------------------------------------------------------------


def test_a_list_nests_one_level_inside_another_however_deep_the_indent() -> None:
    text = "\n".join(" " * depth + "- x" for depth in range(1000))
    (block,), problems = markup.parse(text)
    assert problems == ()
    assert isinstance(block, BulletList)
    assert all(not inner.items for item in block.items for inner in item.items)
    assert sum(1 + len(item.items) for item in block.items) == 1000  # no item lost


def test_a_recommendation_is_one_paragraph() -> None:
    paper = "paper:\n  recommendations:\n    - |\n      - Endorse A\n      - Endorse B\n"
    with pytest.raises(sp.PlanError) as caught:
        _plan(paper)
    (problem,) = caught.value.problems
    assert problem.message == (
        "a recommendation is one paragraph, without a list; give each recommendation its own "
        "item in 'recommendations'"
    )


def test_markdown_never_makes_a_link_an_image() -> None:
    narrative = sp.Narrative.of("Wow![logo](https://a.org/x.png) and ![b](https://a.org/y.png)")
    plan = attrs.evolve(
        sp.load(BIRMINGHAM),
        paper=Paper(sections=(NarrativeSection("Images", narrative),)),
        reviews=tuple(attrs.evolve(r, paper=Paper()) for r in sp.load(BIRMINGHAM).reviews),
    )
    page = seen(_export(plan, "md").decode())
    assert "img" not in page.tags
    assert "Wow!logo and !b" in page.text


def test_ids_that_read_as_a_name_are_withheld_in_the_summary_and_charts() -> None:
    plan = sp.loads(
        """\
format: safeguarding-plan/1
partnership: {name: Test Partnership}
plan: {title: Business Improvement Plan}
ratings: faces
restricted_words: [Ayesha Khan]
priorities:
  - id: Ayesha
    title: Khan family support
    actions:
      - {id: Ayesha, text: Khan family visit, due: 2021-12-31}
reviews:
  - id: "2022-02"
    title: February 2022 – Update
    as_of: 2022-01-31
    updates: {Ayesha: {rating: sad}}
"""
    )
    public = sp.report(plan, audience="public")
    shown = " ".join(
        [*public.executive_summary, *(c.description for c in public.charts)]
        + [category for c in public.charts for category in c.categories]
    )
    assert "Ayesha" not in shown
    assert f"Action {REDACTED} is overdue." in public.executive_summary


def test_a_name_across_two_paragraphs_or_in_an_encoded_address_is_withheld() -> None:
    text = "Thanks to Ayesha\n\nKhan family consulted.\n\n[p](https://x.org/%41yesha%20%4Bhan)"
    base = sp.load(BIRMINGHAM)
    plan = attrs.evolve(
        base,
        restricted_words=("Ayesha Khan",),
        paper=Paper(sections=(NarrativeSection("Thanks", sp.Narrative.of(text)),)),
        reviews=tuple(attrs.evolve(r, paper=Paper()) for r in base.reviews),
    )
    (section,) = sp.report(plan, audience="public").narrative
    spans = [s for b in section.blocks if isinstance(b, Paragraph) for s in b.spans]
    assert "Ayesha" not in "".join(s.text for s in spans)
    assert all(s.link is None for s in spans)


def test_each_numbered_list_counts_from_one_in_the_board_paper() -> None:
    base = sp.load(BIRMINGHAM)
    sections = (
        NarrativeSection("A", sp.Narrative.of("1. Alpha\n2. Beta")),
        NarrativeSection("B", sp.Narrative.of("1. Gamma\n\nBetween.\n\n1. Delta")),
    )
    plan = attrs.evolve(
        base,
        paper=Paper(sections=sections),
        reviews=tuple(attrs.evolve(r, paper=Paper()) for r in base.reviews),
    )
    document = docx.Document(io.BytesIO(_export(plan, "docx")))
    numbering = {}
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "List Number":
            num_pr = paragraph._p.pPr.numPr
            numbering[paragraph.text] = num_pr.numId.val
    assert numbering["Alpha"] == numbering["Beta"]
    assert len({numbering["Alpha"], numbering["Gamma"], numbering["Delta"]}) == 3
    part = document.part.numbering_part.element
    for text in ("Alpha", "Gamma", "Delta"):
        (num,) = [n for n in part.num_lst if n.numId == numbering[text]]
        assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]


def test_a_paper_sent_to_another_meeting_asks_that_meeting() -> None:
    texts_ = [t for _, t in _paragraphs(_export(_plan(), "docx", report_to="Audit Committee"))]
    assert "The Audit Committee is asked to:" in texts_
    assert "The Executive Board is asked to:" not in texts_


def test_a_plan_without_priorities_claims_no_progress_for_them() -> None:
    plan = attrs.evolve(sp.load(BIRMINGHAM), priorities=(), reviews=())
    summary = sp.report(plan).executive_summary
    assert not any("priority" in sentence.lower() for sentence in summary)
    assert summary[0] == "0 of the 0 actions (0%) are complete."


@pytest.mark.parametrize(
    ("scale", "sentence"),
    [
        ("faces", "Action 1.2 is rated red (limited progress or no progress)."),
        ("rag", "Action 1.2 is rated red."),  # not "red (red)"
    ],
)
def test_red_is_said_in_the_scales_words_once(scale: str, sentence: str) -> None:
    ratings = sp.RATING_SCALES[scale]
    red = next(r.key for r in ratings if r.rag is sp.Rag.RED)
    plan = sp.Plan(
        partnership=sp.Partnership(name="Anytown"),
        title="Plan",
        ratings=ratings,
        priorities=(sp.Priority("1", "One", (sp.Action("1.1", "A"), sp.Action("1.2", "B"))),),
        reviews=(
            sp.Review("2022-02", "Feb", date(2022, 1, 31), {"1.2": sp.ActionUpdate(rating=red)}),
        ),
    )
    assert sentence in sp.report(plan).executive_summary


def test_the_board_is_told_which_section_stays_out_of_the_public_version() -> None:
    plan = _plan()
    title = sp.report(plan).words.not_for_publication.format(title="Serious youth violence")
    assert title == "Serious youth violence (not for publication)"
    headings = [text for style, text in _paragraphs(_export(plan, "docx")) if style == "Heading 1"]
    assert title in headings
    assert "National framework" in headings  # the unrestricted section says nothing
    assert title in seen(_export(plan, "md").decode()).headings
    for name in ("docx", "md", "json"):
        public = _export(plan, name, "public")
        assert b"not for publication" not in public
        assert b"Serious youth violence" not in public


# --- a paper made in code ----------------------------------------------------------------------

_ANYTHING = st.one_of(
    st.none(),
    st.text(max_size=300),
    st.binary(max_size=4),
    st.integers(),
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.sampled_from([*Place, "before", "after", "middle"]),
    narratives(),
    st.lists(st.one_of(st.text(max_size=5), narratives()), max_size=2),
)
"""Any value a caller might give a field: of the right kind or not, empty or too long."""


def _made(kind: type, *args: object, **kwargs: object) -> object:
    """``kind`` made of what is given, or None where it refuses it as it should."""
    try:
        return kind(*args, **kwargs)
    except (TypeError, ValueError):
        return None


_LINES = st.text(max_size=300)
_NEAR = {
    "meeting": _LINES,
    "date": st.dates() | st.datetimes(),
    "report_of": _LINES,
    "presented_by": st.lists(_LINES, max_size=2),
    "marking": _LINES,
    "purpose": narratives(),
}
"""For each field, values of about the kind it takes, some still refused."""


@st.composite
def _given(draw: st.DrawFn) -> dict[str, object]:
    """What a caller might give a paper, its sections and their narrative."""

    def near(strategy: st.SearchStrategy[object]) -> object:
        return draw(_ANYTHING if draw(st.integers(0, 7)) == 0 else strategy)

    given = {name: near(strategy) for name, strategy in _NEAR.items() if draw(st.booleans())}
    sections = []
    for _ in range(draw(st.integers(0, 2))):
        text = near(narratives()) if draw(st.booleans()) else _made(Narrative, *draw(_PAIR))
        place = near(st.sampled_from(Place))
        section = _made(NarrativeSection, near(_LINES), text, place, near(st.booleans()))
        sections.append(section)
    return given | {"sections": sections}


_PAIR = st.tuples(_ANYTHING, _ANYTHING | st.lists(_ANYTHING, max_size=2))


@given(_given())
def test_whatever_a_paper_made_in_code_takes_every_document_lays_out(
    given: dict[str, object],
) -> None:
    paper = _made(Paper, **given)
    event("refused" if paper is None else "made")
    if paper is None:  # refused as it was made, as it should be
        return
    plan = attrs.evolve(_TABLES_PLAN, paper=paper)
    docx.Document(io.BytesIO(_export(plan, "docx")))
    seen(_export(plan, "md").decode())
    json.loads(_export(plan, "json"))


_TABLES_PLAN = sp.loads(TABLES)


def test_a_name_within_one_paragraph_withholds_it_and_keeps_the_rest_as_written() -> None:
    # Only a name that runs from one paragraph or item into the next flattens the text: one
    # inside a paragraph is withheld there, and the other paragraphs, lists, bold and links
    # are kept.
    text = (
        "We heard from Ayesha Khan only.\n\n- first\n- **second**\n\n"
        "See [the report](https://ok.example/)."
    )
    base = sp.load(BIRMINGHAM)
    plan = attrs.evolve(
        base,
        restricted_words=("Ayesha Khan",),
        paper=Paper(sections=(NarrativeSection("Voices", sp.Narrative.of(text)),)),
        reviews=tuple(attrs.evolve(r, paper=Paper()) for r in base.reviews),
    )
    (section,) = sp.report(plan, audience="public").narrative
    assert len(section.blocks) == 3
    first, listed, last = section.blocks
    assert isinstance(first, Paragraph)
    assert "Ayesha" not in "".join(s.text for s in first.spans)
    assert isinstance(listed, BulletList)
    assert [s.bold for s in listed.items[1].spans] == [True]
    assert isinstance(last, Paragraph)
    assert [s.link for s in last.spans if s.link] == ["https://ok.example/"]

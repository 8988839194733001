"""The ``md`` exporter, read back as GitHub renders it (cmark-gfm with autolinks on) and with
markdown-it-py with tables and linkify (which links bare domains too)."""

from __future__ import annotations

import io
import re
from datetime import date
from html import unescape
from typing import Any

import attrs
import docx
import gfm
import pytest
from conftest import two_reviews
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.provisional import domains, urls
from markdown_it.token import Token
from strategies import LINKISH, NASTY_SNIPPETS, texts

import safeguarding_plan as sp
from safeguarding_plan.formats.markdown import escape
from safeguarding_plan.markup import BulletList, ListItem, Paragraph, Span
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.text import clean
from safeguarding_plan.words import long_date

P1 = "Priority 1 – Strong Leadership and Strong Partnership demonstrating effective Accountability"
# html=True so that any markup that slipped through would show up as an html token.
PARSER = gfm.LINKIFY
# The only HTML the exporter writes: a line break in a cell, and the empty element that keeps an
# address from becoming a link.
OWN_HTML = ("<br>", "<wbr>")
# The elements GitHub's rendering of an export may have: no link, image, code or list.
ELEMENTS = {"h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "strong", "em"}
ELEMENTS |= {"br", "wbr", "ul", "li"}  # the executive summary is a list
CHART_TITLES = ("Actions complete by priority", "Actions complete at each review")
"""The charts' titles, in bold above their numbers."""
BOLD = re.compile("<strong>(.*?)</strong>")
"""What GitHub shows in bold, as HTML."""
TOTAL = re.compile(r"\d+%?")
"""A number of the summary's whole-plan row, which is in bold."""


def _markdown(plan: sp.Plan, **kwargs: Any) -> str:
    out = io.BytesIO()
    sp.export(plan, "md", out, **kwargs)
    return out.getvalue().decode("utf-8")


def _tables(tokens: list[Token]) -> list[dict[str, Any]]:
    """Each table: the heading before it, its header cells and its body rows of cell tokens."""
    tables: list[dict[str, Any]] = []
    heading = ""
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = tokens[index + 1].content
        elif token.type == "table_open":
            tables.append({"heading": heading, "header": [], "rows": []})
        elif token.type == "tr_open":
            tables[-1]["rows"].append([])
        elif token.type == "inline" and tables and tokens[index - 1].type in ("th_open", "td_open"):
            tables[-1]["rows"][-1].append(token)
    for table in tables:
        table["header"] = [cell.content for cell in table["rows"].pop(0)]
    return tables


def _text(inline: Token) -> str:
    """What a reader sees in a cell: text, with <br> as a line break."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif (child.type == "html_inline" and child.content == "<br>") or child.type == "softbreak":
            parts.append("\n")
    return "".join(parts)


def test_birmingham_has_one_three_column_table_per_priority(birmingham: sp.Plan) -> None:
    tables = _tables(PARSER.parse(_markdown(birmingham)))
    priorities = [t for t in tables if t["heading"].startswith("Priority ")]
    assert [t["heading"][:10] for t in priorities] == [
        "Priority 1",
        "Priority 2",
        "Priority 3",
        "Priority 4",
    ]
    assert [len(t["rows"]) for t in priorities] == [10, 10, 5, 8]
    for table in priorities:
        assert table["header"] == ["Planned Action (2021-23)", "February 2022 – Update", "Status"]
        assert {len(row) for row in table["rows"]} == {3}


def test_birmingham_reads_as_the_board_paper(birmingham: sp.Plan) -> None:
    text = _markdown(birmingham)
    tokens = PARSER.parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:11] == [
        "Business Improvement Plan 2021/23: February 2022 – Update",
        "Purpose of the report",
        "Recommendations",
        "Executive summary",
        "National Framework",
        "Business Improvement Plan – Progress",
        "Summary",
        "Impact",
        "Measures",  # Birmingham's two; it records no outcome, evidence or assurance
        "Exceptions",
        P1,
    ]
    assert headings[-1] == "Key to ratings"
    paragraphs = [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "paragraph_open" and not t.hidden  # not the executive summary's items
    ]
    purpose = birmingham.reviews[-1].paper.purpose
    assert purpose is not None
    assert paragraphs[0] == "**Birmingham Safeguarding Children Partnership**"
    assert paragraphs[1].startswith("**Report to:** Executive Board\\\n")  # the title block
    assert paragraphs[2:10] == [
        purpose.text,
        "The Executive Board is asked to:",
        "**Actions complete by priority**",
        "Significant progress has also been made on the outstanding actions scheduled for "
        "completion in the second year of the plan.",
        "The Plan has 4 strategic priorities and 33 actions. "
        "At the end of January 2022, 73% of the actions have been completed.",
        "20 actions were due by 31 January 2022; 15 of them are complete.",
        "2 measures: 1 on target, 1 not yet on target.",
        "5 actions are overdue or rated red at 31 January 2022.",
    ]
    tables = {t["heading"]: t for t in _tables(tokens)}
    first = tables[P1]
    action, update, status = (_text(cell) for cell in first["rows"][5])
    assert action.startswith("1.6 The BSCP to redesign its website")
    assert action.endswith("Lead: Business Unit. Due: by November 2021.")
    assert update == "Website redesign will commence in 2022/23."
    assert status == "Not started – ☹️ limited progress"
    exceptions = tables["Exceptions"]
    assert [_text(row[0]).split()[0] for row in exceptions["rows"]] == [
        "1.6",
        "2.3",
        "2.9",
        "4.1",
        "4.4",
    ]
    key = tables["Key to ratings"]
    assert [[_text(c) for c in row][:2] for row in key["rows"]] == [
        ["😊", "Good progress"],
        ["😐", "Some progress"],
        ["☹️", "Limited progress"],
        ["😞", "No progress"],
    ]


def test_the_board_reads_the_papers_title_block_and_the_public_none(birmingham: sp.Plan) -> None:
    paper = io.BytesIO()
    sp.export(birmingham, "docx", paper)
    word = [p.text for p in docx.Document(paper).paragraphs]
    under_title = word[
        2 : next(n for n, text in enumerate(word) if text == "Purpose of the report")
    ]
    assert len(under_title) == 6  # every line, Birmingham's paper naming its presenters
    page = gfm.seen(_markdown(birmingham))
    assert page.blocks[2] == ("p", "\n".join(under_title))  # one paragraph, a line each
    bold = [text for text, styles in page.runs if "strong" in styles]
    assert bold[1:7] == [line.split(": ")[0] + ":" for line in under_title]

    public = gfm.seen(_markdown(birmingham, audience="public"))
    assert public.blocks[2] == ("p", "Progress as at 31 January 2022")
    for label in LABELS:
        assert label not in public.text


def test_the_summary_table_is_the_reports_with_the_whole_plan_last(birmingham: sp.Plan) -> None:
    tables = _tables(PARSER.parse(_markdown(birmingham)))
    summary = next(t for t in tables if t["heading"] == "Summary")
    assert summary["header"] == ["Priority", "Actions", "Complete", "% complete", "Ratings"]
    rows = [[_text(cell) for cell in row] for row in summary["rows"]]
    assert rows == [
        [
            r.heading,
            *(str(n) for n in (r.counts.actions, r.counts.complete)),
            f"{r.counts.percent_rounded}%",
            r.ratings,
        ]
        for r in sp.report(birmingham).summary_rows
    ]
    assert rows[-1] == [
        "All priorities",
        "33",
        "24",
        "73%",
        "27 good progress, 2 some progress, 3 limited progress, 1 no progress",
    ]
    # Set apart in bold, as the board paper sets it.
    assert [cell.content for cell in summary["rows"][-1][:4]] == [
        "**All priorities**",
        "**33**",
        "**24**",
        "**73%**",
    ]


def test_an_exception_without_an_update_says_no_update() -> None:
    plan = two_reviews()
    last = plan.reviews[-1]
    quiet = attrs.evolve(last.updates["1.2"], note=None)  # rated red, no update
    plan = attrs.evolve(
        plan, reviews=(plan.reviews[0], attrs.evolve(last, updates={**last.updates, "1.2": quiet}))
    )
    exceptions = next(
        t for t in _tables(PARSER.parse(_markdown(plan))) if t["heading"] == "Exceptions"
    )
    assert exceptions["header"][-1] == "Update"
    assert [_text(row[-1]) for row in exceptions["rows"]] == ["No update."]


MEETING_DAY = date(2022, 2, 16)


def _line(text: str) -> str:
    """``text`` as a line of a paper's title block holds it: one line, at most 255 characters."""
    return " ".join(text.split())[:255] or "-"


def _plan_with(text: str, lead: str, note: str) -> sp.Plan:
    """``text`` as the partnership, a priority, an action and the meeting and marking of the
    paper; ``lead`` as the action's lead and who the paper is from; ``note`` as the update and
    who presents the paper."""
    paper = sp.Paper(
        meeting=_line(text),
        date=MEETING_DAY,
        report_of=_line(lead),
        presented_by=(_line(note),),
        marking=_line(text),
    )
    return sp.Plan(
        paper=paper,
        partnership=sp.Partnership(name=text),
        title="Plan",
        ratings=sp.RATING_SCALES["faces"],
        priorities=(
            sp.Priority(
                id="1",
                title=text,
                actions=(
                    sp.Action(id="1.1", text=text, lead=lead),
                    sp.Action(id="1.2", text="Plain"),
                ),
            ),
        ),
        reviews=(
            sp.Review(
                id="r1",
                title="Update",
                as_of=date(2022, 1, 31),
                updates={
                    "1.1": sp.ActionUpdate(
                        progress=sp.Progress.IN_PROGRESS, rating="sad", note=note
                    ),
                },
            ),
        ),
    )


def _seen(text: str) -> str:
    """What a cell should show for ``text``: cleaned, each line trimmed as GFM trims cells."""
    return "\n".join(line.strip() for line in clean(text).strip().split("\n"))


def _title_block(text: str, lead: str, note: str) -> str:
    """The title block of ``_plan_with(text, lead, note)``'s paper as a reader sees it: a line
    each, as the board paper sets them out."""
    lines = (
        (WORDS.report_to, _line(text)),
        (WORDS.meeting_date, long_date(MEETING_DAY)),
        (WORDS.report_of, _line(lead)),
        (WORDS.presented_by, _line(note)),
        (WORDS.progress_as_at, "31 January 2022"),
        (WORDS.marking, _line(text)),
    )
    return "\n".join(f"{label}: {_seen(value)}".strip() for label, value in lines)


LABELS = tuple(
    f"{label}:"
    for label in (
        WORDS.report_to,
        WORDS.meeting_date,
        WORDS.report_of,
        WORDS.presented_by,
        WORDS.progress_as_at,
        WORDS.marking,
    )
)
"""The title block's labels, in bold."""


hostile = st.one_of(
    texts(long=False),
    st.lists(st.sampled_from(NASTY_SNIPPETS), min_size=1, max_size=6).map("".join),
)


@given(text=hostile, lead=hostile, note=hostile)
def test_plan_text_is_text_never_markup_or_extra_cells(text: str, lead: str, note: str) -> None:
    tokens = PARSER.parse(_markdown(_plan_with(text, lead, note)))
    assert tokens[3].type == "paragraph_open"
    partnership = tokens[4]  # the line after the title, in bold
    for token in tokens:
        assert token.type != "html_block"
        children = token.children or []
        for index, child in enumerate(children):
            assert child.type not in ("link_open", "image", "code_inline", "s_open")
            if child.type == "html_inline":
                assert child.content in OWN_HTML
            # Emphasis only where the exporter writes it: the bold partnership, ids and the
            # summary's whole-plan row, the italic lead and due.
            following = children[index + 1].content if index + 1 < len(children) else ""
            if child.type == "strong_open" and token is not partnership:
                assert following in ("1.1", "1.2", "All priorities", *CHART_TITLES, *LABELS) or (
                    TOTAL.fullmatch(following)
                )
            if child.type == "em_open":
                assert following.startswith("Lead:")
    tables = _tables(tokens)
    priority = next(t for t in tables if t["heading"].startswith("Priority 1"))
    assert len(priority["rows"]) == 2
    assert {len(row) for row in priority["rows"]} == {3}
    assert _text(priority["rows"][0][1]) == _seen(note)
    exceptions = next(t for t in tables if t["heading"] == "Exceptions")
    assert {len(row) for row in exceptions["rows"]} == {5}
    assert _text(exceptions["rows"][0][1]) == _seen(lead)


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=60))
def test_escape_is_one_line_and_reads_back_as_the_text(text: str) -> None:
    escaped = escape(text)
    assert "\n" not in escaped
    tokens = PARSER.parse(f"| a |\n| --- |\n| {escaped} |\n")
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 2
    assert _text(cells[1]).strip() == _seen(text).strip()
    page = gfm.seen(f"| a |\n| --- |\n| {escaped} |\n")
    assert page.tags <= ELEMENTS
    assert page.tables == [("", [["a"], [_seen(text)]])]


# --- no links, however the renderer links -----------------------------------------------------

# Every way the renderers link text: web addresses of any scheme, 'www.', bare domains, e-mail
# addresses and their 'mailto:' and 'xmpp:' forms, mentions and references; run together with
# each other, with words and with the Markdown punctuation that could join or end them.
# Characters that show nothing or join the one before them, which an autolinker may take as
# part of a word: combining marks, soft hyphen, zero-width characters, word joiner, tag
# characters, direction marks.
_INVISIBLE = st.one_of(
    st.characters(categories=("Cf", "Mn")),
    st.sampled_from(("\u0301", "\u00ad", "\u200b", "\u200d", "\u2060", "\ufeff", "\U000e0041")),
)
_LINK_PIECES = st.one_of(
    st.sampled_from(LINKISH),
    urls(),
    domains(),
    domains().map("www.{}".format),
    st.emails(),
    st.sampled_from(("https://", "http://", "ftp://", "//", "www.", "mailto:", "xmpp:", "@", "#")),
    st.text(st.sampled_from("*_~()[]<>|`\\#@:/.!?,;'\"&-+= "), min_size=1, max_size=3),
    st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=6),
    st.sampled_from(("é", "ß", "пример", "例え")),
    _INVISIBLE,
    # An invisible character or a combining mark between a word and what could link it.
    st.builds(
        "{}{}{}{}".format,
        st.sampled_from(("cafe", "minutes", "xn--a-", "©", "1", "пример", "")),
        st.text(_INVISIBLE, min_size=1, max_size=3),
        st.sampled_from((".", "@", "//", "://", "www.", ".www.", ":")),
        st.one_of(domains(), st.sampled_from(("com", "org", "рф", "example.org", "Kz"))),
    ),
)
LINKY = st.lists(_LINK_PIECES, min_size=1, max_size=8).map("".join)


def _unlinked(markdown: str) -> gfm.Page:
    """``markdown`` as GitHub and markdown-it with linkify render it, checked for links; the
    page GitHub shows."""
    html = gfm.render(markdown)
    assert "<a" not in html
    page = gfm.read(html)
    assert page.tags <= ELEMENTS, page.tags - ELEMENTS
    assert "<a" not in PARSER.render(markdown)
    return page


@pytest.mark.parametrize(
    "text",
    [
        "See https://www.lscpbirmingham.org.uk/contact for details",
        "Published on www.lscpbirmingham.org.uk (and WWW.example.org).",
        "Ask safeguarding.partnership@birmingham.gov.uk or mailto:bscp@example.org",
        "Chat at xmpp:board@example.org/home, files at ftp://files.example.org/plan.docx",
        "Protocol-relative //example.org/path and a bare example.org.uk",
        "Raised by @jo-bloggs in #123 and GH-45, fixed in a5c3785ed8d6",
        "<https://example.org> [x](https://example.org) ![i](https://example.org/i.png)",
        # A domain's label may end in a combining mark, an invisible character or a symbol.
        "Minutes at cafe\u0301.com and at minutes\u200b.org",
        "a\u00ad.org, a\u2060.org, a\U000e0041.org, a\ufeff.org, \u00a9.com, xn--a-.com, 1.com",
        "x\u0301www.example.org and \u200bwww.example.org and a\u200b@example.org",
    ],
)
def test_addresses_mentions_and_references_read_as_written(text: str) -> None:
    page = _unlinked(_markdown(_plan_with(text, lead=text, note=text)))
    at = [heading for heading, _ in page.tables].index("Exceptions")
    exceptions, priority = page.tables[at][1], page.tables[at + 1][1]
    assert exceptions[1][1] == text  # the lead
    assert priority[1][0].startswith(f"1.1 {text}")  # the action
    assert priority[1][1] == text  # the update
    assert page.blocks[:3] == [
        ("h1", "Plan: Update"),
        ("p", text),  # the partnership
        ("p", _title_block(text, text, text)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "**x** and _y_",
        "[x](javascript:y)",
        "www.example.com and someone@example.com",
        "# Not a heading",
        "1. Not a list",
        "- Not a list",
        "a | b |",
    ],
)
def test_markup_in_the_title_block_reads_as_written(text: str) -> None:
    markdown = _markdown(_plan_with(text, lead=text, note=text))
    page = _unlinked(markdown)
    assert page.blocks[2] == ("p", _title_block(text, text, text))
    # In bold: the partnership, then only the labels; nothing else styled.
    top = gfm.render(markdown).split("<h2>")[0]
    bold = [unescape(re.sub("<[^>]*>", "", inner)) for inner in BOLD.findall(top)]
    assert bold == [text, *LABELS]
    assert "<em>" not in top


@given(text=LINKY, lead=LINKY, note=LINKY)
def test_no_text_becomes_a_link_under_any_autolinker(text: str, lead: str, note: str) -> None:
    page = _unlinked(_markdown(_plan_with(text, lead, note)))
    at = [heading for heading, _ in page.tables].index("Exceptions")
    exceptions, priority = page.tables[at][1], page.tables[at + 1][1]
    assert exceptions[1][1] == _seen(lead)
    assert priority[1][1] == _seen(note)
    assert priority[1][0].startswith(f"1.1 {_seen(text)}")
    assert page.blocks[0] == ("h1", "Plan: Update")
    partnership = [("p", _seen(text))] if _seen(text) else []  # a paragraph of its own
    assert page.blocks[1:][: len(partnership) + 1] == [
        *partnership,
        ("p", _title_block(text, lead, note)),
    ]


@given(LINKY)
def test_escaped_text_is_never_a_link_in_a_heading_paragraph_or_cell(text: str) -> None:
    escaped = escape(text)
    # Plan text is always inside a line, after a heading's '#', a cell's '|' or other words.
    page = _unlinked(f"## {escaped}\n\nText: {escaped}\n\n| a |\n| --- |\n| {escaped} |\n")
    assert page.blocks == [
        ("h2", _seen(text)),
        ("p", f"Text: {_seen(text)}".strip()),
        ("th", "a"),
        ("td", _seen(text)),
    ]


def test_dollars_never_open_mathematics() -> None:
    # GitHub renders $...$ and $$...$$ in a Markdown file as mathematics; escaped, as text.
    assert escape("costs $x^2$ and $$y$$") == r"costs \$x^2\$ and \$\$y\$\$"


# --- styled text, whatever is next to it --------------------------------------------------------

# Text that a star beside it could meet: letters, digits, ASCII punctuation, symbols (which
# CommonMark 0.31 counts as punctuation and earlier versions do not), spaces of every kind,
# combining marks and invisible characters, and the snippets that break Markdown writers.
_SPAN_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            "aZ9 .,:;!?()[]{}*_~`#@<>&|\\\"'-+=/%$^\t\n€£©™😊☹️é漢\u00a0\u2028\u0301\u200b"
        ),
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from(NASTY_SNIPPETS),
    ),
    max_size=5,
).map("".join)
_SPANS = st.lists(
    st.builds(
        Span,
        text=_SPAN_TEXT,
        bold=st.booleans(),
        italic=st.booleans(),
        link=st.none() | st.just("https://example.org/page"),
    ),
    min_size=1,
    max_size=6,
)


def _with_section(spans: list[Span]) -> sp.Plan:
    """``two_reviews()`` with a section of the partnership's own holding ``spans`` as a
    paragraph, a bullet and a numbered item, as a plan made in Python may hold them."""
    run = tuple(spans)
    blocks = (
        Paragraph(run),
        BulletList((ListItem(run),)),
        BulletList((ListItem(run),), numbered=True),
    )
    section = sp.NarrativeSection(
        "Notes", sp.Narrative("Notes as written", blocks), sp.Place.BEFORE
    )
    return attrs.evolve(two_reviews(), paper=sp.Paper(sections=(section,)))


def _styles(runs: list[tuple[str, frozenset[str]]]) -> list[tuple[str, bool, bool, bool]]:
    """Each character a reader sees but the spaces, and whether it is bold, italic, linked."""
    return [
        (char, "strong" in styles, "em" in styles, "a" in styles)
        for text, styles in runs
        for char in text
        if not char.isspace()
    ]


@given(_SPANS)
@example([Span("Decision:", bold=True), Span("Approve")])
@example([Span("Note", italic=True), Span("(draft)", bold=True), Span("s")])
@example([Span("a", bold=True), Span("b", bold=True), Span("c", italic=True)])
@example([Span(" lead ", bold=True, italic=True), Span("£5", bold=True), Span("!")])
@example([Span("–", bold=True), Span("bold"), Span("–", bold=True)])
def test_styled_spans_show_styled_whatever_is_next_to_them(spans: list[Span]) -> None:
    markdown = _markdown(_with_section(spans))
    # The section alone: a heading starts a line, which no text of a span can.
    section = markdown.split("\n## Notes\n", 1)[1].split("\n## ", 1)[0]
    wanted = [
        (char, span.bold, span.italic, span.link is not None)
        for span in spans
        for char in clean(span.text)
        if not char.isspace()
    ]
    words = " ".join(clean("".join(span.text for span in spans)).split())
    for html in (gfm.render(section), PARSER.render(section)):
        page = gfm.read(html)
        assert page.tags <= ELEMENTS | {"a", "ol"}, page.tags
        assert _styles(page.runs) == wanted * 3, html  # the paragraph and the two items
        if words:
            assert [" ".join(text.split()) for _, text in page.blocks] == [words] * 3, html

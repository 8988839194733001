"""Outcomes, evidence and assurance where a board member reads an action, read back from every
document: evidence withheld from the public said to be, evidence links that are links, an
update of evidence alone said to be one, an action's outcome and its assurance."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

import docx
import gfm
import pytest
from hypothesis import given
from impact_plan import IMPACT_PLAN
from strategies import plans

import safeguarding_plan as sp

PUBLIC = "public"


def _export(plan: sp.Plan, kind: str, **kwargs: Any) -> bytes:
    out = io.BytesIO()
    sp.export(plan, kind, out, **kwargs)
    return out.getvalue()


@given(plans(max_priorities=2, max_actions=4, max_reviews=3))
def test_evidence_the_public_may_not_see_is_said_to_be_withheld(plan: sp.Plan) -> None:
    board = sp.report(plan).impact
    public = sp.report(plan, audience=PUBLIC).impact
    if board is None or public is None:
        return
    for seen, told in zip(board.awaiting, public.awaiting, strict=True):
        assert bool(seen.evidence) == bool(told.evidence)


RESTRICTED_ACTION = IMPACT_PLAN.replace(
    "        outcome: Practitioners know the learning from local reviews\n",
    "        outcome: Practitioners know the learning from local reviews\n"
    "        restricted: true\n",
)


@pytest.mark.parametrize("kind", ["md", "json", "docx"])
def test_a_restricted_actions_evidence_is_said_to_be_withheld_not_missing(kind: str) -> None:
    plan = sp.loads(RESTRICTED_ACTION)
    public = sp.report(plan, audience=PUBLIC)
    withheld = public.words.evidence_withheld
    assert public.impact is not None
    row = next(p for p in public.impact.awaiting if p.action.withheld)
    assert row.evidence == (withheld,)
    text = _text(_export(plan, kind, audience=PUBLIC), kind)
    assert withheld in text
    assert "Practitioner survey" not in text
    if kind != "json":  # the JSON gives the evidence as a list, empty where none is given
        assert text.count(public.words.no_evidence) == 2  # 2.1 and 2.2, which have none


def _text(data: bytes, kind: str) -> str:
    if kind == "docx":
        document = docx.Document(io.BytesIO(data))
        cells = (c.text for t in document.tables for r in t.rows for c in r.cells)
        return "\n".join([*(p.text for p in document.paragraphs), *cells])
    return data.decode("utf-8")


ADDRESS = "https://example.org/yearly_report?a=1&b=<2>|c(3)"
"""An evidence link with what Markdown, HTML and a table cell would each read as their own."""
LINKED = IMPACT_PLAN.replace(
    '          - {text: Audit of rapid reviews, link: "https://example.org/audit.pdf"}\n',
    "",
).replace(
    '      "2.2": {progress: complete, rating: green}\n',
    '      "2.2":\n        progress: complete\n        rating: green\n        evidence:\n'
    f'          - {{text: Yearly report 2023/24, link: "{ADDRESS}"}}\n',
)


class _Links(HTMLParser):
    """Each link of a page: its address and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.open = dict(attrs).get("href") or ""
            self.links.append((self.open, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.open = None

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)


def _links(html: str) -> list[tuple[str, str]]:
    reader = _Links()
    reader.feed(html)
    return [(unquote(href), text) for href, text in reader.links]


def test_an_evidence_link_is_a_link_in_the_markdown() -> None:
    plan = sp.loads(LINKED)
    assert plan.reviews[1].updates["2.2"].evidence[0].link == ADDRESS
    markdown = _export(plan, "md").decode("utf-8")
    assert ("https://example.org/yearly_report?a=1&b=<2>|c(3)", "Yearly report 2023/24") in (
        _links(gfm.render(markdown))
    )
    awaiting = dict(gfm.seen(markdown).tables)["Complete, not yet assured"]
    assert all(len(row) == 3 for row in awaiting)  # the address's "|" split no cell
    # A document a piece is kept in stays text, beside it.
    assert [
        "1.10 Publish a seven-minute briefing for every local review",
        "Business Unit",
        "Practitioner survey (QIO Sub-Group papers, January 2023)",
    ] in awaiting


def test_an_evidence_link_is_a_hyperlink_in_the_board_paper() -> None:
    document = docx.Document(io.BytesIO(_export(sp.loads(LINKED), "docx")))
    found = [
        (link.address, link.text)
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for link in paragraph.hyperlinks
    ]
    assert found == [(ADDRESS, "Yearly report 2023/24")]


def test_an_evidence_link_naming_someone_is_no_link_in_public() -> None:
    plan = sp.loads(
        LINKED.replace(ADDRESS, "https://example.org/Jo%20Bloggs.pdf")
        + "restricted_words: [Jo Bloggs]\n"
    )
    public = sp.report(plan, audience=PUBLIC).impact
    assert public is not None
    pieces = [piece for p in public.awaiting for piece in p.pieces]
    assert all(span.link is None for piece in pieces for span in piece)
    assert "Jo%20Bloggs" not in _export(plan, "md", audience=PUBLIC).decode("utf-8")
    board = sp.report(plan).impact
    assert board is not None
    assert any(span.link for p in board.awaiting for piece in p.pieces for span in piece)


def _priority_cells(plan: sp.Plan, kind: str, review: str) -> str:
    data = _export(plan, kind, review=review)
    if kind == "md":
        page = gfm.seen(data.decode("utf-8"))
        return "\n".join(cell for _, rows in page.tables for row in rows for cell in row)
    return _text(data, kind)


@pytest.mark.parametrize("kind", ["md", "docx"])
def test_an_update_of_evidence_or_assurance_alone_is_said_to_be_one(kind: str) -> None:
    plan = sp.loads(IMPACT_PLAN)
    words = sp.report(plan).words
    latest = {r.id: r for r in sp.report(plan).rows}
    assert latest["1.10"].update == words.evidence_only  # evidence, and no note
    assert latest["1.1"].update == words.no_update  # no update at all this review
    before = {r.id: r for r in sp.report(plan, review="2022-11").rows}
    assert before["1.1"].update == words.assured_only  # progress, evidence, assurance
    assert words.evidence_only in _priority_cells(plan, kind, "2023-02")
    assert words.assured_only in _priority_cells(plan, kind, "2022-11")

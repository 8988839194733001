"""Hostile plan text comes out as text: the deck opens, every piece is where it belongs,
cleaned and never lost, and nothing is laid beyond the slide."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from _deck import read
from hypothesis import assume, example, given
from hypothesis import strategies as st
from test_pptx_slides import reserialized, slide_parts

import safeguarding_plan as sp
from safeguarding_plan.plugin import clean

Export = Callable[..., bytes]

PIECES = [
    "<p:sp>",
    "</a:t></a:r>",
    "&amp;",
    "&",
    '"',
    "]]>",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "\u200f",  # right-to-left mark
    "\u200b",  # zero-width space
    "عنوان",
    "😊",
    "👩🏽‍⚕️",
    "\x00",
    "\x1b",
    "\x7f",
    "\ud800",  # a lone surrogate
    "\ufffe",
    "x" * 120,  # a word wider than a table column
]
hostile = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=1, max_size=8
).map("".join)

PLACES = ("text", "lead", "note", "name", "title", "review")


def plan_with(given: dict[str, str]) -> sp.Plan:
    """One priority and one overdue action, with the given text in every place plan text
    goes (the meeting's name too, a line of the title block)."""
    action = sp.Action(
        id="1.1",
        text=given["text"],
        lead=given["lead"],
        due=sp.Due(text="by May 2021", last_day=date(2021, 5, 31)),
    )
    update = sp.ActionUpdate(progress=sp.Progress.IN_PROGRESS, rating="frown", note=given["note"])
    return sp.Plan(
        partnership=sp.Partnership(name=given["name"], short_name="SCP"),
        title="Business Improvement Plan",
        ratings=sp.RATING_SCALES["faces"],
        priorities=(sp.Priority(id="1", title=given["title"], actions=(action,)),),
        reviews=(
            sp.Review(
                id="2022-02",
                title=given["review"],
                as_of=date(2022, 1, 31),
                updates={"1.1": update},
            ),
        ),
        paper=sp.Paper(meeting=given["meeting"], date=date(2022, 2, 16)),
    )


def shown(text: str) -> str:
    """``text`` as a table cell reads back: cleaned, each line break a line break in the
    paragraph (python-pptx reads one as a vertical tab)."""
    return clean(text).replace("\n", "\v")


def letters(text: str) -> str:
    """``text`` without its spaces and line breaks: where a cell was cut between two slides,
    the space or line break at the cut is not repeated."""
    return "".join(text.split())


def one_line(text: str) -> str:
    return " ".join(clean(text).split())


@given(given=st.fixed_dictionaries(dict.fromkeys((*PLACES, "meeting"), hostile)))
@example(
    given={
        "text": "<a:t>x</a:t> & ]]>",
        "lead": '"><p:sp/>',
        "note": "&amp;\nline two\r\nthree \u202e\x00 😊 " + "long " * 500,
        "name": "A & B <Partnership>",
        "title": "\u200fعنوان\n</p:txBody>",
        "review": "Update\tof\x07 the month",
        "meeting": "**x** [x](javascript:y) www.example.com",
    }
)
def test_plan_text_comes_out_as_text(export_pptx: Export, given: dict[str, str]) -> None:
    try:
        plan = plan_with(given)
    except ValueError:  # a meeting of more than one line, which the plan file refuses too
        assume(False)
    report = sp.report(plan)
    data = export_pptx(plan)
    # Each slide, written as text, is the XML a serializer would write for it: nothing of the
    # plan's text left unescaped.
    assert [name for name, xml in slide_parts(data) if reserialized(xml) != xml] == []
    deck = read(data)
    assert deck.off_the_slide() == []
    assert len(set(deck.titles)) == len(deck.titles)
    assert deck.titles[0] == one_line(report.title)
    heading = one_line(f"Priority 1 – {given['title']}")
    slides = deck.starting(heading)
    assert slides
    rows = [row for slide in slides for table in slide.tables for row in table.body]
    header = slides[0].tables[0].header
    assert header[1] == shown(given["review"])
    # The action, its update and its status, whole: an update too long for one slide goes
    # on to the next in its own column, cut between two lines.
    row = report.rows[0]
    action = letters("".join(cell[0] for cell in rows))
    assert action == letters(f"1.1 {shown(row.text)}{shown(row.details)}")
    note = letters("".join(cell[1] for cell in rows))
    assert note == letters(shown(row.note or report.words.no_update))
    assert rows[0][2] == row.status
    (subtitle,) = deck.slides[0].texts
    lines = subtitle.split("\n")
    assert lines[0] == shown(given["name"])
    assert f"Report to: {shown(given['meeting'])}" in lines

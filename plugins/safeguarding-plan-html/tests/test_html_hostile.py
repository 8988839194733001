"""Hostile plan text comes out as text: never markup, never lost, never an extra element."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from _htmltree import Document, Element, parse, table_parts
from hypothesis import example, given
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.plugin import clean

Export = Callable[..., bytes]

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=1>',
    "' onmouseover='alert(1)",
    "&amp;",
    "&lt;b&gt;",
    "&#x3C;",
    "&",
    "</td></tr></table><h1>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<br>",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "  ",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u200b",  # zero-width space
    "😊",
    "👩🏽‍⚕️",
    "☹️",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\ud800",  # a lone surrogate
    "\ufffe",
    "\ufeff",
]

hostile = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), min_size=1, max_size=8
).map("".join)


def plan_with(
    *,
    text: str,
    lead: str,
    note: str,
    name: str,
    title: str,
    review: str,
    meeting: str,
    report_of: str,
    presented_by: str,
    marking: str,
) -> sp.Plan:
    """One priority, one overdue red-rated action (so it is an exception too), two reviews (so
    there are changes, and a trend), with the given text in every place plan text can go."""
    action = sp.Action(
        id="1.1",
        text=text,
        lead=lead,
        due=sp.Due(text="by May 2021", last_day=date(2021, 5, 31)),
    )
    return sp.Plan(
        partnership=sp.Partnership(name=name, short_name="SCP"),
        title="Business Improvement Plan",
        ratings=sp.RATING_SCALES["faces"],
        priorities=(sp.Priority(id="1", title=title, actions=(action,)),),
        reviews=(
            sp.Review(
                id="2021-11",
                title="November 2021 – Update",
                as_of=date(2021, 4, 30),
                updates={
                    "1.1": sp.ActionUpdate(
                        progress=sp.Progress.IN_PROGRESS, rating="happy", note="On track."
                    )
                },
            ),
            sp.Review(
                id="2022-02",
                title=review,
                as_of=date(2022, 1, 31),
                updates={
                    "1.1": sp.ActionUpdate(
                        progress=sp.Progress.IN_PROGRESS, rating="frown", note=note
                    )
                },
            ),
        ),
        period=sp.Period(start=date(2021, 4, 1), end=date(2023, 3, 31), text="2021/23"),
        paper=sp.Paper(
            meeting=meeting,
            date=date(2022, 2, 16),
            report_of=report_of,
            presented_by=(presented_by,),
            marking=marking,
        ),
    )


TWIN: list[Document] = []
"""The page of the same plan with plain text, rendered once."""


def one_line(value: str) -> str:
    return " ".join(clean(value).split("\n"))


def shape(page: Document) -> list[tuple[str, tuple[str, ...]]]:
    """Every element and its attribute names, in order; line breaks aside (``<br>``, and
    the lines a chart's label is wrapped into)."""
    return [
        (e.tag, tuple(sorted(e.attrs)))
        for e in page.root.iter()
        if e.tag not in {"br", "tspan", "#document"}
    ]


def texts(page: Document) -> dict[str, str]:
    """The text of each place plan text goes, as a reader gets it."""
    action_row = table_parts(page.find("table", "actions"))[2][0]
    exception_row = table_parts(page.find("table", "exceptions"))[2][0]
    h1: Element = page.find("h1")
    block = {line.find("dt").text: line.find("dd").text for line in page.find("dl").elements()}
    return {
        "report to": block["Report to"],
        "report of": block["Report of"],
        "presented by": block["Presented by"],
        "marking": block["Protective marking"],
        "action": action_row.find("p", "action").text,
        "details": action_row.find("p", "details").text,
        "note": action_row.find("td", "update").text,
        "exception action": exception_row.find("p", "action").text,
        "exception lead": exception_row.elements()[2].text,
        "exception note": exception_row.elements()[5].text,
        "h1": h1.text,
        "partnership": page.find("p", "partnership").text,
        "priority heading": next(
            h for h in page.find_all("h2") if h.get("id") == "priority-1"
        ).text,
        "summary priority": table_parts(page.find("table", "summary"))[2][0].elements()[0].text,
        "update column": table_parts(page.find("table", "actions"))[1][2].text,
        "title": page.find("title").text,
        "update label": action_row.find("td", "update").get("data-label") or "",
    }


PLACES = ("text", "lead", "note", "name", "title", "review")
"""Where plan text goes: action text, lead, note, partnership name, priority title, review."""
PAPER = ("meeting", "report_of", "presented_by", "marking")
"""Where it goes in the paper's title block, as a plan made in Python may hold any text."""


@given(
    given=st.fixed_dictionaries(
        # An empty line of the title block is the report's default, or no line at all.
        {**dict.fromkeys(PLACES, hostile), **dict.fromkeys(PAPER, hostile.filter(bool))}
    )
)
@example(
    given={
        "text": "<script>alert(1)</script>",
        "lead": '"><img src=x onerror=1>',
        "note": "&amp;\nline two\r\nthree \u202e\x00 😊",
        "name": "A & B <Partnership>",
        "title": "\u200fعنوان\n</h2>",
        "review": "Update' onload='x",
        "meeting": "**x** [x](javascript:y) www.example.com someone@example.com",
        "report_of": "# Not a heading | a |",
        "presented_by": "1. Not a list </dd></dl><script>",
        "marking": "OFFICIAL<br>' onclick='x",
    }
)
def test_plan_text_comes_out_as_text(export_html: Export, given: dict[str, str]) -> None:
    text, lead, note, name, title, review = (given[place] for place in PLACES)
    page = parse(export_html(plan_with(**given)).decode("utf-8"))
    if not TWIN:
        plain = plan_with(
            **dict(zip(PLACES, "abcdef", strict=True)),
            **dict(zip(PAPER, "ghij", strict=True)),
        )
        TWIN.append(parse(export_html(plain).decode("utf-8")))
    twin = TWIN[0]

    # No element or attribute but those the exporter writes for plain text.
    assert shape(page) == shape(twin)
    assert page.comments == []

    details = f"Lead: {clean(lead)}. Due: by May 2021." if lead else "Due: by May 2021."
    # The plan's title, then the review's (none for a review without one).
    title_of = "Business Improvement Plan 2021/23" + (f": {review}" if review else "")
    assert texts(page) == {
        "report to": clean(given["meeting"]),
        "report of": clean(given["report_of"]),
        "presented by": clean(given["presented_by"]),
        "marking": clean(given["marking"]),
        "action": clean(text),
        "details": details,
        "note": clean(note) if note else "No update.",
        "exception action": clean(text),
        "exception lead": clean(lead),
        "exception note": clean(note) if note else "No update.",
        "h1": clean(title_of),
        "partnership": clean(name),
        "priority heading": f"Priority 1 – {clean(title)}",
        "summary priority": f"Priority 1 – {clean(title)}",
        "update column": clean(review),
        "title": one_line(title_of),
        "update label": one_line(review),
    }
    # Each line break of a note is one <br>; nothing else adds one.
    update = table_parts(page.find("table", "actions"))[2][0].find("td", "update")
    assert [e.tag for e in update.elements()] == ["br"] * clean(note).count("\n")


def test_the_text_helpers() -> None:
    from safeguarding_plan_html import attribute, text

    assert text('<a href="x">&amp;</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;"
    assert text("one\r\ntwo\rthree\nfour") == "one<br>two<br>three<br>four"
    assert text("bell\x07 nul\x00") == "bell\ufffd nul\ufffd"
    assert text("it's") == "it&#x27;s"
    assert attribute('a\n"b"') == "a &quot;b&quot;"

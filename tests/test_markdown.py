"""The ``md`` exporter, read back with a GFM-aware parser (markdown-it-py with tables)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from strategies import NASTY_SNIPPETS, texts

import safeguarding_plan as sp
from safeguarding_plan.formats.markdown import escape
from safeguarding_plan.text import clean

# html=True so that any markup that slipped through would show up as an html token.
P1 = "Priority 1 – Strong Leadership and Strong Partnership demonstrating effective Accountability"
PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


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
    assert headings[:5] == [
        "Birmingham Safeguarding Children Partnership: Business Improvement Plan 2021/23",
        "February 2022 – Update (as at 31 January 2022)",
        "Summary by priority",
        "Exceptions",
        P1,
    ]
    assert headings[-1] == "Key to ratings"
    paragraphs = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    assert paragraphs[0] == (
        "The Plan has 4 strategic priorities and 33 actions. "
        "At the end of January 2022, 73% of the actions have been completed."
    )
    tables = {t["heading"]: t for t in _tables(tokens)}
    first = tables[P1]
    action, update, status = (_text(cell) for cell in first["rows"][5])
    assert action.startswith("1.6 The BSCP to redesign its website")
    assert action.endswith("Lead: Business Unit. Due: by November 2021.")
    assert update == "Website redesign will commence in 2022/23."
    assert status == "☹️ Limited progress (not started)"
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


def _plan_with(text: str, lead: str, note: str) -> sp.Plan:
    return sp.Plan(
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


hostile = st.one_of(
    texts(long=False),
    st.lists(st.sampled_from(NASTY_SNIPPETS), min_size=1, max_size=6).map("".join),
)


@given(text=hostile, lead=hostile, note=hostile)
def test_plan_text_is_text_never_markup_or_extra_cells(text: str, lead: str, note: str) -> None:
    tokens = PARSER.parse(_markdown(_plan_with(text, lead, note)))
    for token in tokens:
        assert token.type != "html_block"
        children = token.children or []
        for index, child in enumerate(children):
            assert child.type not in ("link_open", "image", "code_inline", "s_open")
            if child.type == "html_inline":
                assert child.content == "<br>"
            # Emphasis only where the exporter writes it: the bold id, the italic lead and due.
            following = children[index + 1].content if index + 1 < len(children) else ""
            if child.type == "strong_open":
                assert following in ("1.1", "1.2")
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

"""Learning from reviews in the ``md`` and ``json`` exports: case reviews, recommendations and
practice themes, for the board and for the public."""

from __future__ import annotations

import io
import json
from typing import Any

import attrs
import pytest
from conftest import two_reviews, with_case_reviews
from hypothesis import example, given
from markdown_it.token import Token
from test_markdown import LABELS, OWN_HTML, PARSER, TOTAL, _seen, _tables, _text, hostile

import safeguarding_plan as sp

HEADING = "Learning from reviews"
SUMMARY = "3 case reviews. 1 of 2 recommendations implemented (50%). 2 reviews are late."
RAPID_REVIEW_NOTIFIED = (
    "National panel notified 7 working days after the partnership became aware: 2 working days late"
)
THEMES = [
    ("Understanding what the child's daily life is like", 1),
    ("Working with families where their engagement is reluctant and sporadic", 1),
    ("Critical thinking and challenge", 1),
    ("Sharing information in a timely and appropriate way", 1),
    ("Safe sleeping for babies", 1),
]
"""The themes the reviews raise, each once: never one that no review raises."""
SUBJECTS = ("Child K", "Baby L")


def export(plan: sp.Plan, name: str, audience: str = "board") -> str:
    out = io.BytesIO()
    manager = sp.get_plugin_manager(autoload=False)
    sp.export(plan, name, out, plugin_manager=manager, audience=audience)
    return out.getvalue().decode("utf-8")


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]


def tables(tokens: list[Token]) -> dict[str, dict[str, Any]]:
    """The section's tables by the heading above each."""
    return {t["heading"]: t for t in _tables(tokens)}


def cells(table: dict[str, Any]) -> list[list[str]]:
    return [[_text(cell) for cell in row] for row in table["rows"]]


# -- Markdown ------------------------------------------------------------------------------------


def test_markdown_has_the_section_after_the_priorities() -> None:
    tokens = PARSER.parse(export(with_case_reviews(), "md"))
    found = headings(tokens)
    at = found.index(("h2", HEADING))
    assert found[at - 1] == ("h2", "Priority 1 – Leadership")
    assert found[at + 1 :] == [
        ("h3", "Case reviews"),
        ("h3", "Recommendations"),
        ("h3", "Practice themes"),
        ("h2", "Key to ratings"),
    ]
    paragraphs = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    assert SUMMARY in paragraphs


def test_markdown_reviews_table() -> None:
    reviews = tables(PARSER.parse(export(with_case_reviews(), "md")))["Case reviews"]
    assert reviews["header"] == ["Review", "Kind", "Subject", "Status", "Dates", "Timeliness"]
    rapid, local, national = cells(reviews)
    assert rapid[:4] == [
        "Rapid review of a serious incident",
        "Rapid review",
        "Child K",
        "Completed",
    ]
    assert rapid[4].split("\n") == [
        "Incident: 29 November 2021",
        "Became aware: 1 December 2021",
        "National panel notified: 10 December 2021",
        "Rapid review completed: 23 December 2021",
    ]
    assert rapid[5].split("\n") == [
        RAPID_REVIEW_NOTIFIED,
        "Rapid review completed 9 working days after the national panel was notified: on time",
    ]
    assert local[1:4] == ["Local child safeguarding practice review", "Baby L", "In progress"]
    assert local[5].split("\n") == [
        "2 steps cannot be timed, as the plan does not record when the partnership became "
        "aware or when the national panel was notified.",
        "Publish the local child safeguarding practice review: due by 1 December 2021; "
        "61 days overdue",
    ]
    assert national[1:] == [
        "National review",
        "Not given",
        "Published",
        "Published: September 2020",
        "No timescale applies",
    ]


def test_markdown_recommendations_and_themes() -> None:
    found = tables(PARSER.parse(export(with_case_reviews(), "md")))
    recommendations = found["Recommendations"]
    assert recommendations["header"] == ["Review", "Recommendation", "Plan actions", "Progress"]
    assert cells(recommendations) == [
        [
            "Rapid review of a serious incident",
            "R1 Publish what the review found",
            "1.1 (Complete)",
            "Implemented",
        ],
        [
            "Local review: support for families with newborn babies",
            "R1 Run the safeguarding assembly on safe sleep",
            "1.2 (In progress)",
            "0 of 1 action complete",
        ],
    ]
    themes = found["Practice themes"]
    assert themes["header"] == ["Practice theme", "Reviews raising it"]
    assert cells(themes) == [[theme, str(count)] for theme, count in THEMES]


def test_markdown_without_recommendations_has_no_table_of_them() -> None:
    plan = with_case_reviews()
    plan = attrs.evolve(
        plan, case_reviews=tuple(attrs.evolve(r, recommendations=()) for r in plan.case_reviews)
    )
    tokens = PARSER.parse(export(plan, "md"))
    assert ("h3", "Recommendations") not in headings(tokens)
    assert "3 case reviews. No recommendations recorded yet. 2 reviews are late." in [
        tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"
    ]


def test_markdown_without_case_reviews_has_no_section() -> None:
    text = export(two_reviews(), "md")
    assert HEADING not in text
    assert "Practice theme" not in text


# -- JSON ----------------------------------------------------------------------------------------


def test_json_learning() -> None:
    learning = json.loads(export(with_case_reviews(), "json"))["learning"]
    assert list(learning) == ["summary", "rule", "reviews", "themes"]
    assert learning["summary"] == SUMMARY
    # A board paper holds every case review: no rule picks them (a yearly report states one).
    assert learning["rule"] is None
    assert [r["id"] for r in learning["reviews"]] == ["RR-2021-03", "LCSPR-1", "NR-2022"]
    rapid, local, national = learning["reviews"]
    assert {k: rapid[k] for k in ("kind", "kind_label", "title", "subject", "status")} == {
        "kind": "rapid-review",
        "kind_label": "Rapid review",
        "title": "Rapid review of a serious incident",
        "subject": "Child K",
        "status": "completed",
    }
    assert rapid["status_label"] == "Completed"
    assert rapid["dates"][0] == {"what": "Incident", "when": "29 November 2021"}
    assert rapid["timeliness"][0] == RAPID_REVIEW_NOTIFIED
    assert rapid["steps"][0] == {
        "step": "notified",
        "label": "Notify the national panel",
        "timeliness": "late",
        "deadline": "2021-12-08",
        "taken": 7,
        "late_by": 2,
        "unit": "working-days",
    }
    assert rapid["themes"] == [
        "Understanding what the child's daily life is like",
        "Sharing information in a timely and appropriate way",
    ]
    assert rapid["recommendations"] == [
        {
            "id": "R1",
            "text": "Publish what the review found",
            "actions": [{"id": "1.1", "progress": "complete"}],
            "implemented": True,
            "progress": "Implemented",
            "changed": [],  # what changed as a result: a yearly report's
        }
    ]
    assert local["subject"] == "Baby L"
    assert [s["timeliness"] for s in local["steps"]] == ["not known", "not known", "overdue"]
    assert local["steps"][-1]["unit"] == "days"
    assert local["recommendations"][0]["actions"] == [{"id": "1.2", "progress": "in-progress"}]
    assert local["recommendations"][0]["progress"] == "0 of 1 action complete"
    assert local["recommendations"][0]["implemented"] is False
    assert national["subject"] is None
    assert (national["timeliness"], national["steps"], national["recommendations"]) == ([], [], [])
    assert learning["themes"] == [{"theme": t, "reviews": n} for t, n in THEMES]


def test_json_learning_is_null_without_case_reviews() -> None:
    document = json.loads(export(two_reviews(), "json"))
    assert "learning" in document
    assert document["learning"] is None


# -- the audience --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["md", "json"])
def test_public_export_never_names_a_restricted_subject(name: str) -> None:
    plan = with_case_reviews()
    board = export(plan, name)
    assert all(subject in board for subject in SUBJECTS)
    public = export(plan, name, audience="public")
    assert not [subject for subject in SUBJECTS if subject in public]
    assert SUMMARY in public


def test_public_markdown_has_no_subject_column_and_json_no_subjects() -> None:
    plan = with_case_reviews()
    reviews = tables(PARSER.parse(export(plan, "md", audience="public")))["Case reviews"]
    assert reviews["header"] == ["Review", "Kind", "Status", "Dates", "Timeliness"]
    learning = json.loads(export(plan, "json", audience="public"))["learning"]
    assert [r["subject"] for r in learning["reviews"]] == [None, None, None]


# -- hostile text --------------------------------------------------------------------------------


def _with_text(title: str, text: str) -> sp.Plan:
    """``with_case_reviews()`` with ``title`` for the rapid review and ``text`` for its
    recommendation."""
    plan = with_case_reviews()
    rapid, *others = plan.case_reviews
    recommendation = attrs.evolve(rapid.recommendations[0], text=text)
    rapid = attrs.evolve(rapid, title=title, recommendations=(recommendation,))
    return attrs.evolve(plan, case_reviews=(rapid, *others))


BOLD = {"Anytown Safeguarding Children Partnership", "R1", "1.1", "1.2", "All priorities"}
BOLD |= {"Actions complete by priority", "Actions complete at each review", *LABELS}
"""What the exporter writes in bold: the partnership, the title block's labels, recommendation
and action numbers, the summary's whole-plan row (its numbers too) and the charts' titles."""


@given(title=hostile, text=hostile)
@example(title="| a | b |\n# heading", text="<script>x</script> [link](http://x) `code`")
def test_case_review_text_is_text_never_markup_or_extra_cells(title: str, text: str) -> None:
    tokens = PARSER.parse(export(_with_text(title, text), "md"))
    for token in tokens:
        assert token.type != "html_block"
        children = token.children or []
        for index, child in enumerate(children):
            assert child.type not in ("link_open", "image", "code_inline", "s_open")
            if child.type == "html_inline":
                assert child.content in OWN_HTML
            following = children[index + 1].content if index + 1 < len(children) else ""
            if child.type == "strong_open":
                assert following in BOLD or TOTAL.fullmatch(following)
            if child.type == "em_open":
                assert following.startswith("Lead:")
    assert [h for h in headings(tokens) if h[0] == "h3"] == [
        ("h3", "Case reviews"),
        ("h3", "Recommendations"),
        ("h3", "Practice themes"),
    ]
    found = tables(tokens)
    reviews = found["Case reviews"]
    assert [len(row) for row in reviews["rows"]] == [6, 6, 6]
    assert _text(reviews["rows"][0][0]) == _seen(title)
    recommendations = found["Recommendations"]
    assert [len(row) for row in recommendations["rows"]] == [4, 4]
    assert _text(recommendations["rows"][0][1]) == f"R1 {_seen(text)}".strip()
    assert len(found["Practice themes"]["rows"]) == len(THEMES)

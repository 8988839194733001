"""The ``json`` exporter: a versioned document in a fixed order, for dashboards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from io import BytesIO
from typing import Any

import attrs
import pytest
from conftest import BIRMINGHAM
from hypothesis import given
from hypothesis import strategies as st
from strategies import plans, without_withheld_words

import safeguarding_plan as sp
from safeguarding_plan.reporting.contents import WITHHELD
from safeguarding_plan.text import clean

TOP_KEYS = [
    "format",
    "audience",
    "partnership",
    "short_name",
    "plan",
    "period",
    "review",
    "review_title",
    "as_of",
    "headline",
    "expected",
    "score",
    "priorities",
    "exceptions",
    "changes",
    "learning",
    "meeting",
    "purpose",
    "asked_to",
    "recommendations",
    "executive_summary",
    "trend",
    "charts",
    "impact",
    "year",
    "narrative",
    "key",
]
ACTION_KEYS = [
    "priority",
    "id",
    "text",
    "lead",
    "due",
    "due_date",
    "progress",
    "rating",
    "rating_label",
    "rating_symbol",
    "rag",
    "status",
    "note",
    "overdue",
    "withheld",
]


def export(plan: sp.Plan, **options: Any) -> bytes:
    out = BytesIO()
    sp.export(plan, "json", out, **options)
    return out.getvalue()


def _refuse(constant: str) -> None:
    raise ValueError(f"{constant} is not JSON")


def parse(data: bytes) -> Any:
    """Strict JSON from strict UTF-8: no NaN or Infinity, no duplicate keys."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    return json.loads(
        data.decode("utf-8", errors="strict"),
        parse_constant=_refuse,
        object_pairs_hook=no_duplicates,
    )


def actions(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for p in document["priorities"] for a in p["actions"]]


@pytest.fixture(scope="module")
def data(birmingham: sp.Plan) -> bytes:
    return export(birmingham)


@pytest.fixture(scope="module")
def document(data: bytes) -> Any:
    return parse(data)


# -- the document's shape ------------------------------------------------------------------------


def test_format_key_comes_first(data: bytes, document: dict[str, Any]) -> None:
    assert data.startswith(b'{\n  "format": "safeguarding-plan-report/1",\n')
    assert next(iter(document)) == "format"
    assert document["format"] == "safeguarding-plan-report/1"


def test_key_order_is_fixed(document: dict[str, Any]) -> None:
    assert list(document) == TOP_KEYS
    assert [list(a) for a in actions(document)] == [ACTION_KEYS] * 33
    assert list(document["priorities"][0]) == ["id", "title", "heading", "actions"]
    assert list(document["key"][0]) == ["key", "label", "symbol", "rag", "meaning", "order"]
    assert list(document["score"])[:4] == ["actions", "complete", "cancelled", "percent_complete"]
    assert list(document["score"]["by_progress"]) == [p.value for p in sp.Progress]
    assert list(document["score"]["by_rag"]) == [r.value for r in sp.Rag]
    assert list(document["score"]["by_rating"]) == ["happy", "neutral", "frown", "sad"]


def test_two_runs_are_byte_identical(birmingham: sp.Plan, data: bytes) -> None:
    assert export(birmingham) == data
    assert export(sp.load(BIRMINGHAM)) == data  # a fresh load too


def test_byte_identical_under_any_hash_seed(data: bytes) -> None:
    """Nothing depends on set or hash order: other processes, other seeds, same bytes."""
    script = (
        "import io, sys, safeguarding_plan as sp\n"
        "out = io.BytesIO()\n"
        f"sp.export(sp.load({str(BIRMINGHAM)!r}), 'json', out)\n"
        "sys.stdout.buffer.write(out.getvalue())\n"
    )
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, check=True, env=environment
        )
        assert result.stdout == data


def test_utf8_with_emoji_and_dashes_unescaped(data: bytes, document: dict[str, Any]) -> None:
    text = data.decode("utf-8")
    assert not data.startswith(b"\xef\xbb\xbf")  # no byte order mark
    assert data.endswith(b"}\n")
    assert not data.endswith(b"\n\n")
    assert '"rating_symbol": "😊"' in text
    assert '"symbol": "☹️"' in text
    assert '"review_title": "February 2022 – Update"' in text
    assert "\\u" not in text  # nothing escaped: the Birmingham plan has no control characters
    assert document["key"][0]["symbol"] == "😊"


# -- the Birmingham numbers ----------------------------------------------------------------------


def test_birmingham_heading_fields(document: dict[str, Any]) -> None:
    assert document["audience"] == "board"
    assert document["partnership"] == "Birmingham Safeguarding Children Partnership"
    assert document["short_name"] == "BSCP"
    assert document["plan"] == "Business Improvement Plan"
    assert document["period"] == "2021/23"
    assert document["review"] == "2022-02"
    assert document["review_title"] == "February 2022 – Update"
    assert document["as_of"] == "2022-01-31"
    assert document["headline"].startswith("The Plan has 4 strategic priorities and 33 actions.")
    assert document["expected"] == (
        "20 actions were due by 31 January 2022; 15 of them are complete."
    )
    assert document["changes"] is None


def test_birmingham_score(document: dict[str, Any]) -> None:
    score = document["score"]
    assert score["actions"] == 33
    assert score["complete"] == 24
    assert score["cancelled"] == 0
    assert score["percent_complete"] == pytest.approx(72.7272727, abs=1e-6)
    assert score["overdue"] == ["1.6", "2.3", "2.9", "4.1", "4.4"]
    assert score["expected"] == 20
    assert score["expected_complete"] == 15
    assert score["by_rating"] == {"happy": 27, "neutral": 2, "frown": 3, "sad": 1}
    assert score["review"] == "2022-02"
    assert score["as_of"] == "2022-01-31"
    assert list(score["by_priority"]) == ["1", "2", "3", "4"]
    assert [p["actions"] for p in score["by_priority"].values()] == [10, 10, 5, 8]
    assert [p["complete"] for p in score["by_priority"].values()] == [9, 7, 3, 5]


def test_birmingham_priorities_and_actions(document: dict[str, Any]) -> None:
    priorities = document["priorities"]
    assert [p["id"] for p in priorities] == ["1", "2", "3", "4"]
    assert [len(p["actions"]) for p in priorities] == [10, 10, 5, 8]
    assert priorities[2]["heading"] == (
        "Priority 3 – Developing an effective multi-agency response to Child and Adolescent Neglect"
    )
    by_id = {a["id"]: a for a in actions(document)}
    assert len(by_id) == 33
    assert by_id["1.6"] == {
        "priority": "1",
        "id": "1.6",
        "text": (
            "The BSCP to redesign its website and improve its communications and social media "
            "capacity by November 2021 to improve engagement with children, families and "
            "practitioners"
        ),
        "lead": "Business Unit",
        "due": "by November 2021",
        "due_date": "2021-11-30",
        "progress": "not-started",
        "rating": "frown",
        "rating_label": "Limited progress",
        "rating_symbol": "☹️",
        "rag": "red",
        "status": "Not started – ☹️ limited progress",
        "note": "Website redesign will commence in 2022/23.",
        "overdue": True,
        "withheld": False,
    }
    assert by_id["1.2"]["due"] is None
    assert by_id["1.2"]["due_date"] is None


def test_birmingham_exceptions_and_key(document: dict[str, Any]) -> None:
    assert document["exceptions"] == ["1.6", "2.3", "2.9", "4.1", "4.4"]
    assert [k["key"] for k in document["key"]] == ["happy", "neutral", "frown", "sad"]
    assert [k["rag"] for k in document["key"]] == ["green", "amber", "red", "red"]
    assert [k["order"] for k in document["key"]] == [0, 1, 2, 3]
    assert document["key"][0]["label"] == "Good progress"
    assert document["key"][0]["meaning"] == "Achieved, or on track to be achieved on time"


def test_public_document_withholds_restricted_actions(birmingham: sp.Plan) -> None:
    first = birmingham.priorities[0]
    secret = "Jane Example, Designated Officer"
    restricted = tuple(
        attrs.evolve(a, restricted=True, lead=secret) if a.id == "1.6" else a for a in first.actions
    )
    plan = attrs.evolve(
        birmingham,
        priorities=(attrs.evolve(first, actions=restricted), *birmingham.priorities[1:]),
    )
    assert secret.encode() in export(plan)
    data = export(plan, audience="public")
    assert secret.encode() not in data
    assert b"Website redesign" not in data
    document = parse(data)
    assert document["audience"] == "public"
    withheld = next(a for a in actions(document) if a["id"] == "1.6")
    assert (withheld["text"], withheld["lead"], withheld["note"]) == (WITHHELD, None, None)
    assert withheld["withheld"] is True
    assert withheld["status"] == "Not started – ☹️ limited progress"
    assert document["score"]["actions"] == 33
    assert document["exceptions"] == ["1.6", "2.3", "2.9", "4.1", "4.4"]


def test_changes_since_the_previous_review(birmingham: sp.Plan) -> None:
    later = sp.Review(
        id="2022-05",
        title="May 2022 – Update",
        as_of=date(2022, 4, 30),
        updates={"2.3": sp.ActionUpdate(progress=sp.Progress.COMPLETE, rating="happy")},
    )
    document = parse(export(attrs.evolve(birmingham, reviews=(*birmingham.reviews, later))))
    assert document["changes"] == {
        "previous": "2022-02",
        "previous_title": "February 2022 – Update",
        "rows": [
            {
                "kind": "Newly complete",
                "action": "2.3",
                "before": "Not started",
                "after": "Complete",
            },
            {
                "kind": "Rating improved",
                "action": "2.3",
                "before": "😞 No progress",
                "after": "😊 Good progress",
            },
            {
                "kind": "Newly overdue",
                "action": "3.4",
                "before": "Not overdue",
                "after": "Overdue (due by 31st March 2022)",
            },
        ],
    }


# -- any plan ------------------------------------------------------------------------------------


def _cleaned(value: str | None) -> str | None:
    return None if value is None else clean(value)


@given(plan=plans(), audience=st.sampled_from(["board", "public"]))
def test_any_plan_exports_as_json_with_clean_text(plan: sp.Plan, audience: str) -> None:
    plan = without_withheld_words(plan)  # withheld words and notes: tests/test_audience.py
    document = parse(export(plan, audience=audience))
    report = sp.report(plan, audience=audience)  # type: ignore[arg-type]
    states = plan.states()

    assert list(document) == TOP_KEYS
    assert document["audience"] == audience
    assert document["partnership"] == clean(plan.partnership.name)
    assert document["short_name"] == _cleaned(plan.partnership.short_name)
    assert document["plan"] == clean(plan.title)
    assert document["period"] == _cleaned(plan.period.text if plan.period else None)
    review = plan.reviews[-1] if plan.reviews else None
    assert document["review_title"] == _cleaned(review.title if review else None)
    assert document["headline"] == clean(report.headline)

    # Every action once, in plan order, in its priority.
    assert [(p["id"], p["title"]) for p in document["priorities"]] == [
        (clean(p.id), clean(p.title)) for p in plan.priorities
    ]
    found = actions(document)
    assert [(a["priority"], a["id"]) for a in found] == [
        (clean(p.id), clean(a.id)) for p in plan.priorities for a in p.actions
    ]
    for shown, action in zip(found, plan.actions, strict=True):
        state = states[action.id]
        hidden = audience == "public" and action.restricted
        assert shown["withheld"] is hidden
        assert shown["text"] == (WITHHELD if hidden else clean(action.text))
        assert shown["lead"] == (None if hidden else _cleaned(action.lead))
        assert shown["note"] == (None if hidden else _cleaned(state.note))
        assert shown["due"] == _cleaned(state.due.text if state.due else None)
        assert shown["progress"] == state.progress.value
        rating = state.rating
        assert shown["rating"] == _cleaned(rating.key if rating else None)
        assert shown["rating_label"] == _cleaned(rating.label if rating else None)
        assert shown["rating_symbol"] == _cleaned(rating.symbol if rating else None)

    assert [k["label"] for k in document["key"]] == [clean(r.label) for r in plan.ratings]
    assert [k["meaning"] for k in document["key"]] == [_cleaned(r.meaning) for r in plan.ratings]
    assert document["exceptions"] == [clean(r.id) for r in report.exceptions]
    assert document["score"]["actions"] == len(plan.actions)
    assert list(document["score"]["by_rating"].values()) == list(report.score.by_rating.values())
    assert (document["changes"] is None) == (report.changes is None)
    if report.changes is not None:
        assert len(document["changes"]["rows"]) == len(report.changes.rows)

"""The sample plans plugin authors test with (``safeguarding_plan.testing``) hold what their
fixtures say they hold."""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path

import safeguarding_plan as sp
from safeguarding_plan import testing
from safeguarding_plan.testing import learning_plan_path, sample_plan_path


def test_the_samples_are_package_data_that_load() -> None:
    for path in (sample_plan_path(), learning_plan_path()):
        assert path.is_file()
        sp.loads(path.read_text(encoding="utf-8"), str(path))


def test_each_review_of_the_learning_plan_changes_something(learning_plan: sp.Plan) -> None:
    ids = [r.id for r in learning_plan.reviews]
    assert ids == ["2021-08", "2021-11", "2022-02"]
    for old, new in itertools.pairwise(ids):
        assert sp.compare(learning_plan, old, new), (old, new)
    last = sp.compare(learning_plan, "2021-11", "2022-02")
    assert [c.action_id for c in last.newly_complete] == ["1.1"]
    assert [c.action_id for c in last.newly_overdue] == ["2.1"]
    assert [a for a, u in learning_plan.review().updates.items() if u.restricted] == ["2.2"]


def test_the_learning_plan_has_case_reviews_of_each_timing(learning_plan: sp.Plan) -> None:
    assert [r.kind for r in learning_plan.case_reviews] == [
        sp.CaseReviewKind.RAPID_REVIEW,
        sp.CaseReviewKind.LCSPR,
        sp.CaseReviewKind.NATIONAL_REVIEW,
    ]
    learning = sp.score(learning_plan).learning
    assert learning is not None
    assert learning.late == ("RR-2021-03", "LCSPR-1")
    assert (learning.recommendations, learning.implemented) == (2, 1)
    assert [t.id for t in learning_plan.practice_themes] == ["safe-sleep"]


def test_a_public_document_of_the_learning_plan_withholds_its_subjects(
    learning_plan: sp.Plan,
) -> None:
    board, public = io.BytesIO(), io.BytesIO()
    sp.export(learning_plan, "json", board)
    sp.export(learning_plan, "json", public, audience="public")
    assert "Child K" in board.getvalue().decode()
    assert "Baby L" in board.getvalue().decode()
    text = json.dumps(json.loads(public.getvalue()), ensure_ascii=False)
    assert "Child K" not in text
    assert "Baby L" not in text


def test_the_plugin_guide_lists_every_fixture() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "plugins.md").read_text(encoding="utf-8")
    fixtures = [
        name
        for name, value in vars(testing).items()
        # How pytest 9 marks a fixture, and how pytest 8 did.
        if hasattr(value, "_fixture_function_marker") or hasattr(value, "_pytestfixturefunction")
    ]
    assert "learning_plan" in fixtures
    assert [f for f in fixtures if not re.search(rf"^- `{f}\b", guide, re.MULTILINE)] == []

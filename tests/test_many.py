"""Scoring many plans: one result per file, and a bad file never stops the others."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import BIRMINGHAM, ROOT

import safeguarding_plan as sp
from safeguarding_plan.cli import main

BAD = ROOT / "tests" / "bad_plans" / "alias.yaml"


def test_each_plan_is_scored_in_order_and_problems_do_not_stop_the_others(
    tmp_path: Path,
) -> None:
    other = tmp_path / "other.yaml"
    shutil.copy(BIRMINGHAM, other)
    results = list(sp.score_many([BIRMINGHAM, BAD, tmp_path / "missing.yaml", other]))
    assert [Path(r.file).name for r in results] == [
        "plan.yaml",
        "alias.yaml",
        "missing.yaml",
        "other.yaml",
    ]
    assert results[0].score == sp.score(sp.load(BIRMINGHAM))
    assert results[3].score == results[0].score
    assert results[1].score is None
    with pytest.raises(sp.PlanError) as caught:
        sp.load(BAD)
    assert results[1].problems == tuple(str(p) for p in caught.value.problems)
    assert results[2].problems == (
        f"{tmp_path / 'missing.yaml'}: cannot read the file: No such file or directory",
    )


def test_a_review_one_plan_lacks_is_that_plans_problem() -> None:
    results = list(sp.score_many([BIRMINGHAM], review="2021-11"))
    assert results[0].score is None
    assert results[0].problems[0].startswith(f"{BIRMINGHAM}: ")
    assert "2021-11" in results[0].problems[0]


def test_score_many_plans_prints_a_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(BIRMINGHAM), str(BAD), str(BIRMINGHAM)]) == 2
    out, err = capsys.readouterr()
    line = f"{BIRMINGHAM}: 73% complete (24 of 33 actions), 5 overdue"
    assert out.splitlines() == [line, line]
    assert err.splitlines()[0].startswith(f"{BAD}:15:15: anchors")
    assert main(["score", str(BIRMINGHAM), str(BIRMINGHAM)]) == 0
    capsys.readouterr()


def test_score_many_plans_as_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(BIRMINGHAM), str(BAD), "--json"]) == 2
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["file"] == str(BIRMINGHAM)
    assert (first["score"]["complete"], first["score"]["actions"]) == (24, 33)
    assert second["file"] == str(BAD)
    assert second["problems"][0].startswith(f"{BAD}:15:15: anchors")

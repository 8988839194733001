"""Shared test set-up: hypothesis profiles and the example plan."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import safeguarding_plan as sp

# CI must be reproducible: the same examples every run, no deadline on shared machines.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
BIRMINGHAM = ROOT / "examples" / "birmingham-2021-23" / "plan.yaml"


@pytest.fixture(scope="session")
def birmingham() -> sp.Plan:
    """The Birmingham 2021/23 plan with its February 2022 review."""
    return sp.load(BIRMINGHAM)


def two_reviews() -> sp.Plan:
    """A two-action plan with two reviews: 1.1 newly complete and better, 1.2 worse."""
    return sp.loads(
        """\
format: safeguarding-plan/1
partnership: {name: Anytown Safeguarding Children Partnership}
plan: {title: Business Improvement Plan, period: 2021/23}
ratings: faces
priorities:
  - id: "1"
    title: Leadership
    actions:
      - {id: "1.1", text: Publish the annual report, lead: Business Unit, due: by July 2021}
      - {id: "1.2", text: Run the assembly, lead: Independent Chair, due: by March 2022}
reviews:
  - id: 2021-11
    title: November 2021 – Update
    as_of: 2021-10-31
    updates:
      "1.1": {progress: in-progress, rating: neutral, note: Drafting}
      "1.2": {progress: in-progress, rating: happy, note: Booked}
  - id: 2022-02
    title: February 2022 – Update
    as_of: 2022-01-31
    updates:
      "1.1": {progress: complete, rating: happy, note: Published}
      "1.2": {progress: in-progress, rating: frown, note: Postponed}
"""
    )


def larger_plan(per_priority: int, scale: str) -> sp.Plan:
    """Five priorities of ``per_priority`` actions each, on a built-in scale, not reviewed."""
    priorities = tuple(
        sp.Priority(
            id=str(p),
            title=f"Priority title {p}",
            actions=tuple(
                sp.Action(id=f"{p}.{a}", text=f"Action {p}.{a} text", lead=f"Lead {a % 7}")
                for a in range(1, per_priority + 1)
            ),
        )
        for p in range(1, 6)
    )
    return sp.Plan(
        partnership=sp.Partnership(name="Anytown"),
        title="Plan",
        ratings=sp.RATING_SCALES[scale],
        priorities=priorities,
    )

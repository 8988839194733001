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

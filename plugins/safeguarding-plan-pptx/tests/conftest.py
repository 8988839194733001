"""Shared set-up. The library's own fixtures (``sample_plan``, ``learning_plan``,
``run_exporter``) come from ``safeguarding_plan.testing`` through its pytest11 entry point."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
import safeguarding_plan_pptx
from _deck import Deck, read
from hypothesis import HealthCheck, settings

import safeguarding_plan as sp

# CI must be reproducible: the same examples every run, no deadline on shared machines.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "dev",
    deadline=None,
    max_examples=30,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

Export = Callable[..., bytes]


@pytest.fixture
def export_pptx(run_exporter: Callable[..., bytes]) -> Export:
    """``export_pptx(plan=None, **options)``: the deck's bytes, through the library's export,
    with this plugin registered as a test plugin (installed plugins not loaded)."""

    def run(plan: sp.Plan | None = None, **options: object) -> bytes:
        return run_exporter("pptx", plan=plan, plugins=[safeguarding_plan_pptx], **options)

    return run


@pytest.fixture
def birmingham(export_pptx: Export) -> Deck:
    """The Birmingham deck for the board, read back."""
    return read(export_pptx())


@pytest.fixture
def sample_report(sample_plan: sp.Plan) -> sp.Report:
    return sp.report(sample_plan)

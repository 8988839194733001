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

# In CI the same examples every run; no deadline on a shared machine, where a deck can take a
# second to write.
CI = bool(os.environ.get("CI"))
settings.register_profile(
    "pptx",
    derandomize=CI,
    deadline=None,
    max_examples=60 if CI else 30,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile("pptx")

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

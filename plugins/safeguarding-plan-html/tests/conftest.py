"""Shared set-up. The library's own fixtures (``sample_plan``, ``make_plugin_manager``,
``run_exporter``) come from ``safeguarding_plan.testing`` through its pytest11 entry point."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

import attrs
import pytest
import safeguarding_plan_html
from _htmltree import Document, parse
from hypothesis import HealthCheck, settings

import safeguarding_plan as sp

# CI must be reproducible: the same examples every run, no deadline on shared machines.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "dev",
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

Export = Callable[..., bytes]


@pytest.fixture
def export_html(run_exporter: Callable[..., bytes]) -> Export:
    """``export_html(plan=None, **options)``: the page's bytes, through the library's export,
    with this plugin registered as a test plugin (installed plugins not loaded)."""

    def run(plan: sp.Plan | None = None, **options: object) -> bytes:
        return run_exporter("html", plan=plan, plugins=[safeguarding_plan_html], **options)

    return run


@pytest.fixture
def sample_report(sample_plan: sp.Plan) -> sp.Report:
    """The report the sample page renders (board audience, latest review)."""
    return sp.report(sample_plan)


@pytest.fixture
def page_source(export_html: Export) -> str:
    """The sample plan's page as text."""
    return export_html().decode("utf-8")


@pytest.fixture
def page(page_source: str) -> Document:
    """The sample plan's page, parsed."""
    return parse(page_source)


MONTHS = ("January", "April", "July", "October")


@pytest.fixture
def reviewed(learning_plan: sp.Plan) -> Callable[[int], sp.Plan]:
    """``reviewed(n)``: the Anytown plan reviewed ``n`` times, a quarter apart from January
    2021 (``January 2021 – Update``), more of its actions complete at each review."""

    def plan(count: int) -> sp.Plan:
        actions = [a.id for a in learning_plan.actions]
        reviews = []
        for n in range(count):
            year, month = 2021 + n // 4, MONTHS[n % 4]
            done = len(actions) * (n + 1) // count
            reviews.append(
                sp.Review(
                    id=f"{year}-{n % 4}",
                    title=f"{month} {year} – Update",
                    as_of=date(year, 3 * (n % 4) + 1, 28),
                    updates={
                        a: sp.ActionUpdate(
                            progress=sp.Progress.COMPLETE if i < done else sp.Progress.IN_PROGRESS
                        )
                        for i, a in enumerate(actions)
                    },
                )
            )
        return attrs.evolve(learning_plan, reviews=tuple(reviews))

    return plan

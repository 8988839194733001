"""pytest fixtures for plugin authors, registered through the ``pytest11`` entry point.

    def test_my_exporter(run_exporter):
        data = run_exporter("pptx", plugins=[my_plugin])
        assert data.startswith(b"PK")

Each test gets a fresh plugin manager with installed plugins not loaded, so tests never depend
on what else happens to be installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from importlib import resources
from typing import Any

import pytest

from safeguarding_plan.exporting.manager import PluginManager, get_plugin_manager
from safeguarding_plan.exporting.running import export
from safeguarding_plan.model.plan import Audience, Plan
from safeguarding_plan.planfile.loading import load

SAMPLE = "birmingham-2021-23.yaml"
LEARNING_SAMPLE = "anytown-2021-23.yaml"


def sample_plan_path() -> Any:
    """The path of the bundled Birmingham 2021/23 plan (33 actions, February 2022 review)."""
    return resources.files("safeguarding_plan") / "samples" / SAMPLE


@pytest.fixture
def sample_plan() -> Plan:
    """The Birmingham 2021/23 plan with its February 2022 review: 4 priorities, 33 actions."""
    with resources.as_file(sample_plan_path()) as path:
        return load(path)


def learning_plan_path() -> Any:
    """The path of the bundled Anytown 2021/23 plan (4 actions, three reviews, three case
    reviews)."""
    return resources.files("safeguarding_plan") / "samples" / LEARNING_SAMPLE


@pytest.fixture
def learning_plan() -> Plan:
    """The Anytown 2021/23 plan: 2 priorities, 4 actions and three reviews, each changing
    something from the one before (at the last, 1.1 newly complete, 2.1 newly overdue, a
    restricted update); and three case reviews, a rapid review late to notify the national
    panel, a local review in progress with a restricted subject and overdue to publish, and a
    national review, with the plan's own practice theme and recommendations implemented and
    not."""
    with resources.as_file(learning_plan_path()) as path:
        return load(path)


@pytest.fixture
def make_plugin_manager() -> Callable[..., PluginManager]:
    """``make_plugin_manager(plugin, ...)``: a fresh manager with the built-in exporters and the
    given plugins (modules or objects with hook functions), installed plugins not loaded."""

    def make(*plugins: object) -> PluginManager:
        manager = get_plugin_manager(autoload=False)
        for number, plugin in enumerate(plugins):
            name = getattr(plugin, "__name__", f"test-plugin-{number}")
            manager.add(plugin, name=name, origin=f"test plugin {name}")
        return manager

    return make


@pytest.fixture
def run_exporter(
    sample_plan: Plan, make_plugin_manager: Callable[..., PluginManager], tmp_path: Any
) -> Callable[..., bytes]:
    """``run_exporter(name, plan=None, plugins=(), *, options=None, review=None, as_of=None,
    audience="board")``: export (default: the sample plan) with exporter ``name`` to a file
    and return the file's bytes. Options given as other keywords are deprecated, as they are
    for ``export``."""

    def run(
        name: str,
        plan: Plan | None = None,
        plugins: Iterable[object] = (),
        *,
        options: Mapping[str, Any] | None = None,
        review: str | None = None,
        as_of: date | None = None,
        audience: Audience = "board",
        **keyword_options: Any,
    ) -> bytes:
        manager = make_plugin_manager(*plugins)
        target = tmp_path / f"export{manager.exporter(name).suffix}"
        export(
            plan or sample_plan,
            name,
            target,
            options=options,
            review=review,
            as_of=as_of,
            audience=audience,
            plugin_manager=manager,
            **keyword_options,
        )
        return bytes(target.read_bytes())

    return run

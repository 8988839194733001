"""Installed, the plugin is found through its entry point like any third-party exporter."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points, version
from pathlib import Path

import pytest
import safeguarding_plan_html

import safeguarding_plan as sp
from safeguarding_plan.plugin import DISABLE_AUTOLOAD

DISTRIBUTION = "safeguarding-plan-html"


def test_entry_point_is_declared() -> None:
    found = [ep for ep in entry_points(group="safeguarding_plan") if ep.name == "html"]
    assert [ep.value for ep in found] == ["safeguarding_plan_html"]
    assert found[0].dist is not None
    assert found[0].dist.name == DISTRIBUTION


# Another installed plugin that fails to load is reported with a PluginWarning; that is not
# this plugin's business.
@pytest.mark.filterwarnings("ignore::safeguarding_plan.plugin.PluginWarning")
def test_found_by_the_library(
    monkeypatch: pytest.MonkeyPatch, sample_plan: sp.Plan, tmp_path: Path
) -> None:
    monkeypatch.delenv(DISABLE_AUTOLOAD, raising=False)
    exporter = sp.exporters()["html"]
    assert exporter.origin == f"{DISTRIBUTION} {version(DISTRIBUTION)}"
    assert exporter.suffix == ".html"
    assert exporter.media_type == "text/html; charset=utf-8"

    target = tmp_path / "progress.html"
    sp.export(sample_plan, "html", target, audience="public")
    assert target.read_bytes().startswith(b'<!doctype html>\n<html lang="en-GB">')


@pytest.mark.filterwarnings("ignore::safeguarding_plan.plugin.PluginWarning")
def test_not_loaded_when_autoload_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DISABLE_AUTOLOAD, "1")
    assert "html" not in sp.exporters()


def test_it_declares_the_exporters_it_registers(
    make_plugin_manager: Callable[..., sp.PluginManager],
) -> None:
    # So that the library imports it only when one of them is used (export -f docx does not).
    declared = {
        ep.name
        for ep in entry_points(group="safeguarding_plan.exporters")
        if ep.value == "safeguarding_plan_html"
    }
    registered = set(make_plugin_manager(safeguarding_plan_html).exporters) - set(
        make_plugin_manager().exporters
    )
    assert declared == registered == {"html"}

"""Installed, the plugin is found through its entry point like any third-party exporter, and
imports nothing of the library's but its public API."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib.metadata import entry_points, version
from pathlib import Path

import pytest

import safeguarding_plan as sp
from safeguarding_plan.plugin import DISABLE_AUTOLOAD

DISTRIBUTION = "safeguarding-plan-pptx"
PACKAGE = Path(__file__).resolve().parent.parent
PUBLIC = {"safeguarding_plan", "safeguarding_plan.plugin", "safeguarding_plan.testing"}


def test_entry_point_is_declared() -> None:
    found = [ep for ep in entry_points(group="safeguarding_plan") if ep.name == "pptx"]
    assert [ep.value for ep in found] == ["safeguarding_plan_pptx"]
    assert found[0].dist is not None
    assert found[0].dist.name == DISTRIBUTION


@pytest.mark.filterwarnings("ignore::safeguarding_plan.plugin.PluginWarning")
def test_found_by_the_library(
    monkeypatch: pytest.MonkeyPatch, sample_plan: sp.Plan, tmp_path: Path
) -> None:
    monkeypatch.delenv(DISABLE_AUTOLOAD, raising=False)
    exporter = sp.exporters()["pptx"]
    assert exporter.origin == f"{DISTRIBUTION} {version(DISTRIBUTION)}"
    assert exporter.suffix == ".pptx"
    target = tmp_path / "deck.pptx"
    sp.export(sample_plan, "pptx", target)
    assert target.read_bytes().startswith(b"PK")


def test_the_command_line_lists_it_and_writes_the_birmingham_deck(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "safeguarding_plan"]
    listed = subprocess.run([*command, "exporters"], capture_output=True, text=True, check=True)
    assert any(line.split()[:2] == ["pptx", ".pptx"] for line in listed.stdout.splitlines())
    plan = PACKAGE.parent.parent / "examples" / "birmingham-2021-23" / "plan.yaml"
    wrote = subprocess.run(
        [*command, "export", str(plan), "-f", "pptx"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert wrote.returncode == 0, wrote.stderr
    assert (tmp_path / "bscp-business-improvement-plan-2022-02.pptx").stat().st_size > 20_000


@pytest.mark.filterwarnings("ignore::safeguarding_plan.plugin.PluginWarning")
def test_not_loaded_when_autoload_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DISABLE_AUTOLOAD, "1")
    assert "pptx" not in sp.exporters()


def _imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "safeguarding_plan"}


def test_the_package_imports_only_the_public_api() -> None:
    files = sorted((PACKAGE / "src").rglob("*.py")) + sorted((PACKAGE / "tests").rglob("*.py"))
    assert len(files) > 10
    used = {str(path.relative_to(PACKAGE)): _imported(path) - PUBLIC for path in files}
    assert {path: names for path, names in used.items() if names} == {}
    # and the plugin itself not even the test fixtures
    source = set().union(*(_imported(p) for p in (PACKAGE / "src").rglob("*.py")))
    assert source == {"safeguarding_plan.plugin"}

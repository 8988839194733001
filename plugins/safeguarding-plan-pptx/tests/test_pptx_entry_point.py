"""Installed, the plugin is found through its entry point like any third-party exporter, and
imports nothing of the library's but its public API."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import entry_points, version
from pathlib import Path

import pytest
import safeguarding_plan_pptx

import safeguarding_plan as sp
from safeguarding_plan.plugin import DISABLE_AUTOLOAD

DISTRIBUTION = "safeguarding-plan-pptx"
PACKAGE = Path(__file__).resolve().parent.parent
PUBLIC = {"safeguarding_plan", "safeguarding_plan.plugin", "safeguarding_plan.testing"}


@pytest.mark.filterwarnings("ignore::safeguarding_plan.plugin.PluginWarning")
def test_the_library_finds_it_by_its_entry_point(
    monkeypatch: pytest.MonkeyPatch, sample_plan: sp.Plan, tmp_path: Path
) -> None:
    (declared,) = (ep for ep in entry_points(group="safeguarding_plan") if ep.name == "pptx")
    assert (declared.value, declared.dist and declared.dist.name) == (
        "safeguarding_plan_pptx",
        DISTRIBUTION,
    )
    monkeypatch.delenv(DISABLE_AUTOLOAD, raising=False)
    found = sp.exporters()["pptx"]
    assert (found.origin, found.suffix) == (f"{DISTRIBUTION} {version(DISTRIBUTION)}", ".pptx")
    sp.export(sample_plan, "pptx", tmp_path / "deck.pptx")
    assert (tmp_path / "deck.pptx").read_bytes()[:2] == b"PK"


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


# --- the library's documentation of it ---------------------------------------------------------

EXPORTERS_PAGE = PACKAGE.parent.parent / "docs" / "exporters.md"


def test_the_exporters_page_lists_the_option_as_declared(
    make_plugin_manager: Callable[..., sp.PluginManager],
) -> None:
    [template] = make_plugin_manager(safeguarding_plan_pptx).exporter("pptx").options
    page = EXPORTERS_PAGE.read_text(encoding="utf-8")
    assert f"| `template` | {template.type_text} | {template.default_shown} |" in page
    assert "![Two slides of the Birmingham deck" in page
    assert (EXPORTERS_PAGE.parent / "assets" / "pptx-two-slides.png").is_file()


@pytest.mark.filterwarnings("ignore::safeguarding_plan.plugin.PluginWarning")
def test_the_exporters_page_shows_what_the_command_lists() -> None:
    env = {k: v for k, v in os.environ.items() if k != DISABLE_AUTOLOAD}
    listed = subprocess.run(
        [sys.executable, "-m", "safeguarding_plan", "exporters"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.splitlines()
    # Line by line: the page's listing has the other example plugin too, which may or may not
    # be installed here.
    page = EXPORTERS_PAGE.read_text(encoding="utf-8").splitlines()
    assert [line for line in listed if line not in page] == []
    assert sum(line.startswith("pptx ") for line in listed) == 2


def test_it_declares_the_exporters_it_registers(
    make_plugin_manager: Callable[..., sp.PluginManager],
) -> None:
    # So that the library imports it only when one of them is used (export -f docx does not).
    declared = {
        ep.name
        for ep in entry_points(group="safeguarding_plan.exporters")
        if ep.value == "safeguarding_plan_pptx"
    }
    registered = set(make_plugin_manager(safeguarding_plan_pptx).exporters) - set(
        make_plugin_manager().exporters
    )
    assert declared == registered == {"pptx"}


@pytest.mark.parametrize(
    ("argv", "imported"),
    [
        (["validate"], set()),
        (["export", "-f", "md"], set()),
        (["exporters"], {"safeguarding_plan_pptx"}),
        (["export", "-f", "pptx"], {"safeguarding_plan_pptx", "pptx"}),
    ],
)
def test_imported_only_when_used_and_python_pptx_only_to_write(
    tmp_path: Path, argv: list[str], imported: set[str]
) -> None:
    # It declares its exporter, so no other command imports it; listing the exporters
    # imports it to register, which does not import python-pptx.
    plan = PACKAGE.parent.parent / "examples" / "birmingham-2021-23" / "plan.yaml"
    if argv[0] != "exporters":
        argv = [*argv, str(plan)]
    if argv[0] == "export":
        argv += ["-o", str(tmp_path / "out")]
    code = (
        "import contextlib, io, sys\n"
        "from safeguarding_plan.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) == 0\n"
        "print(*sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != DISABLE_AUTOLOAD}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.split()) & {"safeguarding_plan_pptx", "pptx"} == imported

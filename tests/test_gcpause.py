"""The garbage-collector pause, applied at the boundaries only: the public functions of
``safeguarding_plan`` and the command line run with Python's cyclic collector paused, resume
it as they found it, and nothing else in the library touches it."""

from __future__ import annotations

import ast
import gc
import importlib
import inspect
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grimp
import pytest
from conftest import BIRMINGHAM, ROOT, EntryPoint

import safeguarding_plan as sp
from safeguarding_plan.cli import main

SOURCE = ROOT / "src" / "safeguarding_plan"
PAUSED = (
    "load",
    "loads",
    "dump",
    "dumps",
    "score",
    "compare",
    "score_many",
    "report",
    "yearly_report",
    "export",
    "import_xlsx",
)
"""The public functions that build many small objects."""


def _module_of(name: str) -> Any:
    return importlib.import_module(f"safeguarding_plan.{sp._LAZY[name]}")


@pytest.fixture(autouse=True)
def collector_running() -> Iterator[None]:
    """Each test starts with the collector running, and leaves it as it was."""
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


# --- where the pause is ---------------------------------------------------------------------


def _uses_gc(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import) and any(a.name == "gc" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "gc":
            return True
    return False


def test_only_gcpause_touches_the_collector() -> None:
    users = [str(p.relative_to(SOURCE)) for p in sorted(SOURCE.rglob("*.py")) if _uses_gc(p)]
    assert users == ["gcpause.py"]


def test_only_the_package_and_the_command_line_apply_the_pause() -> None:
    graph = grimp.build_graph("safeguarding_plan", cache_dir=None)
    assert graph.find_modules_that_directly_import("safeguarding_plan.gcpause") == {
        "safeguarding_plan",
        "safeguarding_plan.cli",
    }


def test_the_benchmarks_time_the_public_api_as_callers_get_it() -> None:
    # Through `sp`, so what they time runs with the collector paused, as a caller's code does.
    imports = []
    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imports += [a.name for a in node.names if a.name.startswith("safeguarding_plan")]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "safeguarding_plan"
            ):
                imports.append(f"from {node.module}")
    assert imports
    # But the plans, written (untimed) with the plan writer's representers on libyaml's emitter.
    assert set(imports) - {"from safeguarding_plan.planfile"} == {"safeguarding_plan"}


# --- every public function, paused ----------------------------------------------------------


@pytest.mark.parametrize("name", PAUSED)
def test_each_public_function_runs_with_the_collector_paused(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []

    def probe(*args: object, **kwargs: object) -> str:
        seen.append(gc.isenabled())
        return f"{args} {kwargs}"

    getattr(sp, name)  # loaded, so that undoing the patch puts the real one back
    monkeypatch.delitem(vars(sp), name)
    monkeypatch.setattr(_module_of(name), name, probe)
    assert getattr(sp, name)(1, two=2) == "(1,) {'two': 2}"
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.parametrize("name", PAUSED)
def test_a_paused_function_keeps_its_name_docstring_and_signature(name: str) -> None:
    public, original = getattr(sp, name), getattr(_module_of(name), name)
    assert public is not original
    assert public.__wrapped__ is original
    assert (public.__name__, public.__qualname__, public.__module__) == (
        original.__name__,
        original.__qualname__,
        original.__module__,
    )
    assert public.__doc__ == original.__doc__
    assert inspect.signature(public) == inspect.signature(original)
    assert inspect.isgeneratorfunction(public) == inspect.isgeneratorfunction(original)


@pytest.mark.parametrize("name", ["headline", "exporters", "get_plugin_manager", "Plan"])
def test_what_builds_little_is_the_function_itself(name: str) -> None:
    assert getattr(sp, name) is getattr(importlib.import_module(getattr(sp, name).__module__), name)


def test_reading_a_plan_runs_paused() -> None:
    seen = []

    class Stream(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            seen.append(gc.isenabled())
            return super().read(size)

    sp.load(Stream(BIRMINGHAM.read_bytes()))
    assert seen == [False]
    assert gc.isenabled()


def test_a_plugins_exporter_writes_with_the_collector_paused(
    birmingham: sp.Plan, make_plugin_manager: Callable[..., sp.PluginManager]
) -> None:
    seen = []
    manager = make_plugin_manager(_Probe(seen))
    sp.export(birmingham, "probe", io.BytesIO(), plugin_manager=manager)
    assert seen == [False]
    assert gc.isenabled()


def test_scoring_many_plans_pauses_for_each_plan_not_between_them() -> None:
    asked = []

    def paths() -> Iterator[Path]:
        for _ in range(2):
            asked.append(gc.isenabled())
            yield BIRMINGHAM

    between = [gc.isenabled() for _ in sp.score_many(paths())]
    assert asked == [False, False]
    assert between == [True, True]  # the caller's loop runs as the caller left the collector
    assert gc.isenabled()


def test_the_collector_resumes_after_an_exception(birmingham: sp.Plan) -> None:
    with pytest.raises(sp.UnknownReviewError):
        sp.score(birmingham, review="2021-11")
    assert gc.isenabled()


def test_the_collector_resumes_after_an_exception_in_a_step_of_score_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from safeguarding_plan.scoring import many

    def broken(*args: object, **kwargs: object) -> sp.Score:
        raise RuntimeError("a bug")

    monkeypatch.setattr(many, "score", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        list(sp.score_many([BIRMINGHAM]))
    assert gc.isenabled()


def test_a_collector_the_caller_paused_stays_paused(birmingham: sp.Plan) -> None:
    gc.disable()
    sp.score(birmingham)
    list(sp.score_many([BIRMINGHAM]))
    with pytest.raises(sp.UnknownReviewError):
        sp.report(birmingham, review="2021-11")
    assert not gc.isenabled()


# --- the command line -----------------------------------------------------------------------


def test_a_command_runs_with_the_collector_paused_and_resumes_it(
    entry_points: list[EntryPoint], tmp_path: Path
) -> None:
    seen: list[bool] = []
    entry_points.append(EntryPoint("probe", lambda: _Probe(seen)))
    assert main(["export", str(BIRMINGHAM), "-f", "probe", "-o", str(tmp_path / "out.txt")]) == 0
    assert seen == [False]
    assert gc.isenabled()
    assert main(["export", str(BIRMINGHAM), "-f", "probe", "--review", "2021-11", "-o", "-"]) == 2
    assert gc.isenabled()


class _Probe:
    """A plugin whose exporter records whether the collector runs as it writes."""

    def __init__(self, seen: list[bool]) -> None:
        self.seen = seen

    @sp.hookimpl
    def register_exporters(self, register: Callable[[sp.Exporter], None]) -> None:
        def write(report: sp.Report, stream: Any, options: Any) -> None:
            self.seen.append(gc.isenabled())
            stream.write(b"probe")

        register(
            sp.Exporter(
                name="probe", title="Probe", suffix=".txt", media_type="text/plain", write=write
            )
        )

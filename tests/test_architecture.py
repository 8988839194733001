"""The package's architecture, held in place: the layers contract (import-linter, configured in
pyproject.toml) kept and able to fail, no import cycle at all, and no module reaching into
another's underscore names."""

from __future__ import annotations

import ast
import graphlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

import safeguarding_plan as sp

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "safeguarding_plan"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(source: Path) -> subprocess.CompletedProcess[str]:
    """Run the layers contract against the package in ``source`` (a ``src`` folder)."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_the_layers_contract_is_kept() -> None:
    result = _lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_layers_contract(tmp_path: Path) -> None:
    # The model importing the reporting layer, inside a function where it is easy to miss.
    copy = tmp_path / "src" / "safeguarding_plan"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    plan = copy / "model" / "plan.py"
    plan.write_text(
        plan.read_text() + "\n\ndef _upward() -> None:\n"
        "    from safeguarding_plan.reporting import build  # noqa: F401\n"
    )
    result = _lint_imports(tmp_path / "src")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 kept, 1 broken" in result.stdout
    assert "safeguarding_plan.model.plan -> safeguarding_plan.reporting.build" in result.stdout


def _modules_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph("safeguarding_plan", cache_dir=None)
    return {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}


def test_there_is_no_import_cycle_at_all() -> None:
    # Function-local and type-checking imports count: a cycle hidden in a function is a
    # cycle all the same, and the next reader has to find it.
    order = graphlib.TopologicalSorter(_modules_graph())
    try:
        order.prepare()
    except graphlib.CycleError as err:
        raise AssertionError(f"import cycle: {' -> '.join(err.args[1])}") from None


def _private_imports(path: Path, module: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module or "").startswith("safeguarding_plan")
            and node.module != module
        ):
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno}: {node.module}.{alias.name}"
                for alias in node.names
                if alias.name.startswith("_")
            ]
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_imports_another_modules_underscore_names() -> None:
    found = [
        line
        for path in sorted(SOURCE.rglob("*.py"))
        for line in _private_imports(path, _module_name(path))
    ]
    assert found == []


def test_intra_package_imports_are_absolute() -> None:
    # One spelling per module, so the layers read the same in every file and in grep.
    relative = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted(SOURCE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level
    ]
    assert relative == []


def test_every_package_and_module_says_what_lives_there() -> None:
    silent = [
        str(path.relative_to(ROOT))
        for path in sorted(SOURCE.rglob("*.py"))
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        and path.name != "__main__.py"
    ]
    assert silent == []


def test_the_package_namespace_lists_every_lazy_name() -> None:
    assert set(sp.__all__) <= set(dir(sp))
    assert "report" in dir(sp)
    assert "import_xlsx" in dir(sp)

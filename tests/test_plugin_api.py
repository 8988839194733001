"""The public plugin API: one module holds what an exporter needs, and our plugins use only it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import safeguarding_plan as sp
from safeguarding_plan import plugin
from safeguarding_plan.reporting import contents, wording, yearcontents
from safeguarding_plan.testing import sample_plan_path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {"safeguarding_plan", "safeguarding_plan.plugin", "safeguarding_plan.testing"}


def _imported(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    # pytest's filterwarnings markers name classes by module path too.
    found.update(re.findall(r"::(safeguarding_plan(?:\.\w+)*)\.[A-Z]\w+", source))
    return {name for name in found if name.split(".")[0] == "safeguarding_plan"}


def test_plugins_import_only_the_package_and_its_plugin_api() -> None:
    used = {
        str(path.relative_to(ROOT)): sorted(_imported(path.read_text(encoding="utf-8")) - ALLOWED)
        for path in (ROOT / "plugins").rglob("*.py")
    }
    assert used, "no plugin found"
    assert {path: names for path, names in used.items() if names} == {}


def test_the_plugin_guide_imports_only_the_package_and_its_plugin_api() -> None:
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"```python\n(.*?)```", guide, re.DOTALL))
    imported = {
        line.split()[1] for line in code.splitlines() if line.startswith(("from ", "import "))
    }
    assert {n for n in imported if n.split(".")[0] == "safeguarding_plan"} - ALLOWED == set()


def test_every_type_a_report_holds_is_in_the_plugin_api() -> None:
    """A plugin can name (and type) every part of the report it renders: its sections, rows,
    kinds of section and words, and a yearly report's own."""
    types = {
        value.__name__
        for module in (contents, wording, yearcontents)
        for value in vars(module).values()
        if isinstance(value, type) and value.__module__ == module.__name__
    }
    assert {"Report", "Section", "SectionKind", "Words", "YearSection", "LackingRow"} <= types
    assert types <= set(plugin.__all__), sorted(types - set(plugin.__all__))
    assert all(hasattr(plugin, name) for name in plugin.__all__)


def test_the_plugin_guide_names_only_the_public_api() -> None:
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\bsafeguarding_plan\.([a-z_]+)\.\w+", guide))
    assert named <= {"plugin", "testing"}, named


def test_the_plugin_api_words_plurals_and_dates_as_the_report_does() -> None:
    report = sp.report(sp.load(sample_plan_path()))
    assert report.as_of is not None
    assert plugin.long_date(report.as_of) == report.as_of_text == "31 January 2022"
    assert plugin.month_year(report.as_of) == "January 2022"
    assert plugin.plural(1, "action") == "1 action"
    assert {"clean", "plural", "long_date", "month_year"} <= set(plugin.__all__)

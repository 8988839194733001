"""The plugin author's guide, docs/plugins.md, cannot rot.

How the guide marks its code, with HTML comments (invisible where the Markdown is rendered) on
the line right before a fenced block:

- ``<!-- file: PATH -->``: the block is the file PATH, relative to the folder of the guide's
  example plugin ``safeguarding-plan-csv``. The tests write every such block into ``tmp_path``,
  import the module (under a unique name, without touching ``sys.path``), export with it, read
  its ``pyproject.toml`` and run its own tests, as a plugin author would.
- ``<!-- run -->``: a ``pycon`` block is run as a doctest, so what it shows is what the library
  returns; a ``python`` block is executed, and each ``print(...)  # text`` in it must print
  ``text``. Blocks marked so in docs/index.md run too.

Blocks are found with markdown-it-py. The hook reference is checked against the functions that
carry pluggy's hookspec marker in :mod:`safeguarding_plan.exporting.hookspecs`.

Not tested: building and pip-installing the written folder. ``pip install --no-build-isolation``
needs the ``wheel`` package to build offline, which the test environment lacks, and with build
isolation it needs the network.
"""

from __future__ import annotations

import csv
import doctest
import importlib.util
import inspect
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
import tomllib
import types
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

import safeguarding_plan as sp
from safeguarding_plan.exporting import hookspecs
from safeguarding_plan.exporting.discovery import DISABLE_AUTOLOAD, EXPORTERS_GROUP
from safeguarding_plan.exporting.manager import PluginManager
from safeguarding_plan.text import clean

ROOT = Path(__file__).resolve().parent.parent
GUIDE_PATH = ROOT / "docs" / "plugins.md"
INDEX_PATH = ROOT / "docs" / "index.md"
GUIDE = GUIDE_PATH.read_text(encoding="utf-8")

PACKAGE = "safeguarding_plan_csv"
MODULE_FILE = f"src/{PACKAGE}/__init__.py"
PLUGIN_FILES = {"pyproject.toml", MODULE_FILE, "tests/test_csv.py"}
HOOK_REFERENCE = "Hook reference"

_FILE = re.compile(r"<!--\s*file:\s*(\S+)\s*-->\s*")
_RUN = re.compile(r"<!--\s*run\s*-->\s*")
_MARKER = re.compile(r"<!--\s*(file:|run\b)")
_PRINTED = re.compile(r"^\s*print\(.*\)\s+#\s?(.*)$")


@attrs.frozen
class Block:
    """A fenced code block of a document and the marker comment right before it."""

    document: str
    line: int
    """1-based line of the opening fence."""
    info: str
    content: str
    file: str | None
    """PATH, for a block marked ``<!-- file: PATH -->``."""
    run: bool
    """True for a block marked ``<!-- run -->``."""

    @property
    def language(self) -> str:
        return self.info.split(maxsplit=1)[0] if self.info.strip() else ""


def _tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").parse(text)


def blocks(path: Path) -> list[Block]:
    """Every fenced block of a Markdown file, with the marker comment right before it."""
    found = []
    previous: Token | None = None
    for token in _tokens(path.read_text(encoding="utf-8")):
        if token.type == "fence" and token.map:
            comment = previous.content.strip() if previous and previous.type == "html_block" else ""
            file = _FILE.fullmatch(comment)
            found.append(
                Block(
                    document=path.name,
                    line=token.map[0] + 1,
                    info=token.info,
                    content=token.content,
                    file=file.group(1) if file else None,
                    run=bool(_RUN.fullmatch(comment)),
                )
            )
        previous = token
    return found


def orphan_markers(text: str) -> list[str]:
    """Marker comments that are not right before a fenced block (and so would mark nothing)."""
    tokens = _tokens(text)
    orphans = []
    for token, following in zip(tokens, [*tokens[1:], None], strict=True):
        comment = token.content.strip() if token.type == "html_block" else ""
        if (_FILE.fullmatch(comment) or _RUN.fullmatch(comment)) and (
            following is None or following.type != "fence"
        ):
            orphans.append(comment)
    # A marker written inline or misspelt is not an html_block of its own; catch it too.
    for line in text.splitlines():
        stripped = line.strip()
        if _MARKER.search(stripped) and not (_FILE.fullmatch(stripped) or _RUN.fullmatch(stripped)):
            orphans.append(stripped)
    return orphans


# --- the hook reference -------------------------------------------------------------------


def hookspec_functions(module: types.ModuleType) -> dict[str, Callable[..., Any]]:
    """The functions of ``module`` that carry pluggy's hookspec marker for our project."""
    marker = f"{hookspecs.PROJECT}_spec"
    return {
        name: value
        for name, value in vars(module).items()
        if inspect.isfunction(value) and getattr(value, marker, None) is not None
    }


def _annotation(value: object) -> str:
    return value if isinstance(value, str) else inspect.formatannotation(value)


def signature_line(name: str, function: Callable[..., Any]) -> str:
    """``def register_exporters(register: Callable[[Exporter], None]) -> None``."""
    signature = inspect.signature(function)
    parameters = ", ".join(
        p.name if p.annotation is p.empty else f"{p.name}: {_annotation(p.annotation)}"
        for p in signature.parameters.values()
    )
    returns = signature.return_annotation
    arrow = "" if returns is signature.empty else f" -> {_annotation(returns)}"
    return f"def {name}({parameters}){arrow}"


def reference_sections(text: str) -> dict[str, str]:
    """The ``### name`` sections under ``## Hook reference``: name -> the section's text."""
    lines = text.splitlines()
    tokens = _tokens(text)
    headings = [  # a heading_open token is followed by the inline token of its text
        (token, inline)
        for token, inline in itertools.pairwise(tokens)
        if token.type == "heading_open" and token.tag in ("h2", "h3") and token.map
    ]
    sections: dict[str, str] = {}
    in_reference = False
    for number, (token, inline) in enumerate(headings):
        assert token.map is not None
        if token.tag == "h2":
            in_reference = inline.content.strip() == HOOK_REFERENCE
            continue
        if in_reference:
            following = headings[number + 1][0].map if number + 1 < len(headings) else None
            end = following[0] if following else len(lines)
            sections[inline.content.strip()] = "\n".join(lines[token.map[0] : end])
    return sections


def hook_problems(module: types.ModuleType, guide: str) -> list[str]:
    """What is wrong between the hookspecs of ``module`` and the guide's hook reference."""
    hooks = hookspec_functions(module)
    sections = reference_sections(guide)
    problems = []
    for name, function in hooks.items():
        doc = inspect.getdoc(function)
        if not doc:
            problems.append(f"{name}: has no docstring")
        elif "\n" in doc:
            problems.append(f"{name}: its docstring is more than one line")
        if name not in sections:
            problems.append(f"{name}: no '### {name}' under '## {HOOK_REFERENCE}'")
        elif signature_line(name, function) not in sections[name]:
            problems.append(f"{name}: '{signature_line(name, function)}' not under '### {name}'")
    problems += [
        f"'### {name}' under '## {HOOK_REFERENCE}' is no hook in {module.__name__}"
        for name in sections
        if name not in hooks
    ]
    return problems


def test_every_hook_is_documented_in_the_hook_reference() -> None:
    assert "register_exporters" in hookspec_functions(hookspecs)
    assert hook_problems(hookspecs, GUIDE) == []


def test_a_new_undocumented_hook_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    @hookspecs.hookspec
    def export_finished(report: sp.Report, path: str) -> None:
        """Told after an export has been written."""

    @hookspecs.hookspec
    def exporters_listed(names: list[str]) -> None:
        pass

    @hookspecs.hookspec
    def register_exporters(registry: Callable[..., None]) -> None:
        """Register exporters.

        With a second paragraph.
        """

    monkeypatch.setattr(hookspecs, "export_finished", export_finished, raising=False)
    monkeypatch.setattr(hookspecs, "exporters_listed", exporters_listed, raising=False)
    monkeypatch.setattr(hookspecs, "register_exporters", register_exporters)
    assert hook_problems(hookspecs, GUIDE) == [
        "register_exporters: its docstring is more than one line",
        "register_exporters: 'def register_exporters(registry: Callable[..., None]) -> None' "
        "not under '### register_exporters'",
        "export_finished: no '### export_finished' under '## Hook reference'",
        "exporters_listed: has no docstring",
        "exporters_listed: no '### exporters_listed' under '## Hook reference'",
    ]


def test_a_heading_for_a_hook_that_is_gone_is_reported() -> None:
    stale = GUIDE.replace("### register_exporters", "### register_exporter")
    assert hook_problems(hookspecs, stale) == [
        "register_exporters: no '### register_exporters' under '## Hook reference'",
        "'### register_exporter' under '## Hook reference' is no hook in "
        "safeguarding_plan.exporting.hookspecs",
    ]


# --- the example plugin -------------------------------------------------------------------


def test_the_guide_marks_each_file_of_the_example_plugin_once() -> None:
    files = [b.file for b in blocks(GUIDE_PATH) if b.file]
    assert sorted(files) == sorted(PLUGIN_FILES)
    assert orphan_markers(GUIDE) == []
    assert orphan_markers("<!-- file: x.py -->\n\nSome text.\n") == ["<!-- file: x.py -->"]
    assert orphan_markers("Text <!-- run --> inline.\n") == ["Text <!-- run --> inline."]


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Path:
    """The guide's example plugin, written out from its marked blocks."""
    folder = tmp_path / "safeguarding-plan-csv"
    for block in blocks(GUIDE_PATH):
        if block.file:
            path = folder / block.file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.content, encoding="utf-8")
    return folder


@pytest.fixture
def csv_plugin(plugin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """The written module, imported under a unique name (removed from sys.modules after)."""
    package = plugin_dir / "src" / PACKAGE
    name = f"{PACKAGE}_from_docs_{uuid.uuid4().hex}"
    spec = importlib.util.spec_from_file_location(
        name, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return module


ExportCsv = Callable[..., list[list[str]]]


@pytest.fixture
def export_csv(
    csv_plugin: types.ModuleType,
    make_plugin_manager: Callable[..., PluginManager],
    tmp_path: Path,
) -> ExportCsv:
    """``export_csv(plan, **options)``: export with the written plugin and ``options`` to a
    file, read it back."""

    def run(plan: sp.Plan, **options: Any) -> list[list[str]]:
        path = tmp_path / f"actions-{uuid.uuid4().hex}.csv"
        manager = make_plugin_manager(csv_plugin)
        sp.export(plan, "csv", path, plugin_manager=manager, options=options)
        text = path.read_bytes().decode("utf-8-sig")
        delimiter = options.get("delimiter", ",")
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))

    return run


def test_the_example_plugin_writes_one_row_per_action(
    csv_plugin: types.ModuleType,
    make_plugin_manager: Callable[..., PluginManager],
    export_csv: ExportCsv,
    sample_plan: sp.Plan,
) -> None:
    exporter = make_plugin_manager(csv_plugin).exporter("csv")
    [delimiter] = exporter.options
    assert (exporter.suffix, delimiter.name, delimiter.default) == (".csv", "delimiter", ",")
    assert (delimiter.type_text, delimiter.default_shown) == ("one character", ",")
    assert exporter.origin == f"test plugin {csv_plugin.__name__}"

    rows = export_csv(sample_plan)
    assert rows[0] == ["priority", "id", "text", "lead", "due", "progress", "rating", "note"]
    assert len(rows) == 1 + 33
    assert [row[1] for row in rows[1:]] == [a.id for a in sample_plan.actions]
    assert rows[6][1:] == [
        "1.6",
        sample_plan.action("1.6").text,
        "Business Unit",
        "by November 2021",
        "Not started",
        "Limited progress",
        "Website redesign will commence in 2022/23.",
    ]
    assert export_csv(sample_plan, delimiter=";") == rows


def _with_first_action(plan: sp.Plan, **changes: Any) -> sp.Plan:
    first = plan.priorities[0]
    action = attrs.evolve(first.actions[0], **changes)
    priority = attrs.evolve(first, actions=(action, *first.actions[1:]))
    return attrs.evolve(plan, priorities=(priority, *plan.priorities[1:]))


@pytest.mark.parametrize(
    ("text", "hostile"),
    [
        ('=HYPERLINK("https://example.com","Click")', True),
        ("=cmd|' /C calc'!A0", True),
        ("+44 121 303 1888", True),
        ("-1+1", True),
        ("@SUM(A1:A9)", True),
        ("\t=1+1", True),
        ("\r=1+1", True),
        ("Review the 1+1=2 audit", False),
        ("Bad\x00byte", False),
    ],
)
def test_the_example_plugin_neutralises_formulas(
    export_csv: ExportCsv, sample_plan: sp.Plan, text: str, hostile: bool
) -> None:
    rows = export_csv(_with_first_action(sample_plan, text=text, lead=text))
    expected = ("'" if hostile else "") + clean(text)
    assert rows[1][2:4] == [expected, expected]
    assert len(rows) == 34


def test_the_example_pyproject_declares_the_plugins_entry_point(
    plugin_dir: Path,
    csv_plugin: types.ModuleType,
    make_plugin_manager: Callable[..., PluginManager],
) -> None:
    config = tomllib.loads((plugin_dir / "pyproject.toml").read_text(encoding="utf-8"))
    project = config["project"]
    assert project["name"] == "safeguarding-plan-csv"
    assert config["build-system"]["build-backend"] == "setuptools.build_meta"
    assert config["tool"]["setuptools"]["packages"]["find"]["where"] == ["src"]
    assert project["entry-points"] == {
        hookspecs.PROJECT: {"csv": PACKAGE},
        EXPORTERS_GROUP: {"csv": PACKAGE},
    }
    # The value names the module the guide writes, and the key the exporter it registers.
    assert (plugin_dir / "src" / Path(*PACKAGE.split(".")) / "__init__.py").is_file()
    assert hasattr(csv_plugin.register_exporters, f"{hookspecs.PROJECT}_impl")
    registered = set(make_plugin_manager(csv_plugin).exporters) - set(
        make_plugin_manager().exporters
    )
    assert registered == set(project["entry-points"][hookspecs.PROJECT])
    # It declares exactly what it registers, so that it is imported only when that is used.
    assert registered == set(project["entry-points"][EXPORTERS_GROUP])


def test_the_example_plugins_own_tests_pass(plugin_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_ADDOPTS", "PYTHONPATH")}
    env |= {"PYTHONPATH": str(plugin_dir / "src"), DISABLE_AUTOLOAD: "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=plugin_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b\d+ passed\b", result.stdout)


# --- runnable examples ----------------------------------------------------------------------


def runnable_blocks() -> Iterator[Block]:
    for path in sorted((ROOT / "docs").rglob("*.md")):
        yield from (b for b in blocks(path) if b.run)


RUNNABLE = list(runnable_blocks())


def test_the_guide_has_runnable_examples_of_both_kinds() -> None:
    assert {b.language for b in RUNNABLE if b.document == GUIDE_PATH.name} == {"pycon", "python"}


@pytest.mark.parametrize("block", RUNNABLE, ids=[f"{b.document}:{b.line}" for b in RUNNABLE])
def test_runnable_examples_run(
    block: Block,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")  # the paths the pages use
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(DISABLE_AUTOLOAD, "1")  # the examples show the built-ins only
    where = f"{block.document}:{block.line}"
    if block.language == "pycon":
        test = doctest.DocTestParser().get_doctest(block.content, {}, where, where, block.line)
        runner = doctest.DocTestRunner(verbose=False)
        report: list[str] = []
        runner.run(test, out=report.append)
        assert runner.failures == 0, "".join(report)
        assert runner.tries > 0
    else:
        assert block.language == "python", f"{where}: only python and pycon blocks can run"
        exec(compile(block.content, where, "exec"), {"__name__": "__docs__"})
        expected = [
            m.group(1) for line in block.content.splitlines() if (m := _PRINTED.match(line))
        ]
        if expected:
            assert capsys.readouterr().out.splitlines() == expected

"""The documentation site leaves nothing out.

The site itself is built by MkDocs in CI (``mkdocs build --strict``, see ``.ci/run``); these
tests need none of it. They fail when something is undocumented:

- a name of ``safeguarding_plan.__all__`` without a ``::: safeguarding_plan.NAME`` entry in
  the API reference (and an entry for a name that is not public);
- a hook of :mod:`safeguarding_plan.exporting.hookspecs` missing from the hook reference;
- a subcommand of ``safeguarding-plan``, or any of its options, missing from the CLI reference
  that ``docs/gen_cli.py`` generates from the parser at build time;
- a key the plan-file loader accepts (read from the ``fields(...)`` calls of ``planfile/loading.py``
  and ``planfile/casereviews.py`` with :mod:`ast`) missing from ``docs/plan-file.md``;
- a page under ``docs/`` that ``mkdocs.yml``'s ``nav`` does not list, or a nav entry with no
  page.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import inspect
import re
import sys
import types
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import safeguarding_plan as sp
import safeguarding_plan.plugin as plugin_api
from safeguarding_plan import cli
from safeguarding_plan.dates import NO_FIXED_DATE
from safeguarding_plan.exporting import hookspecs
from safeguarding_plan.model.casereviews import NATIONAL_THEMES, REVIEW_DATES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"
API = DOCS / "reference" / "api.md"
HOOKS = DOCS / "reference" / "hooks.md"
CLI_PAGE = DOCS / "reference" / "cli.md"
GENERATOR = DOCS / "gen_cli.py"
PLAN_FILE = DOCS / "plan-file.md"
LOADERS = [
    ROOT / "src" / "safeguarding_plan" / "planfile" / name
    for name in ("loading.py", "casereviews.py", "paper.py", "impact.py", "yearly.py")
]

# `report` is both a module and the function the package exports: its entry names the function
# in its module, which is what the documentation tool would otherwise take the name for.
_ENTRY = re.compile(r"^:::\s+safeguarding_plan\.(\w+)\s*$", re.MULTILINE)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- the API reference ----------------------------------------------------------------------


def test_every_public_name_has_an_entry_in_the_api_reference() -> None:
    entries = _ENTRY.findall(_text(API))
    assert sorted(set(sp.__all__) - set(entries)) == [], "public names not in the API page"
    assert sorted(set(entries) - set(sp.__all__)) == [], "API entries for names not public"
    assert len(entries) == len(set(entries)), "a name has two entries"


PLUGIN_API = DOCS / "reference" / "plugin.md"
_PLUGIN_ENTRY = re.compile(r"^:::\s+safeguarding_plan\.plugin\.(\w+)\s*$", re.MULTILINE)


def test_every_name_of_the_plugin_api_has_an_entry_in_its_reference() -> None:
    entries = _PLUGIN_ENTRY.findall(_text(PLUGIN_API))
    assert sorted(set(plugin_api.__all__) - set(entries)) == [], "plugin names not on the page"
    assert sorted(set(entries) - set(plugin_api.__all__)) == [], "entries for names not in it"
    assert len(entries) == len(set(entries)), "a name has two entries"


# --- the hook reference ---------------------------------------------------------------------


def _hooks() -> list[str]:
    marker = f"{hookspecs.PROJECT}_spec"
    return [
        name
        for name, value in vars(hookspecs).items()
        if inspect.isfunction(value) and getattr(value, marker, None) is not None
    ]


def test_every_hook_is_in_the_hook_reference() -> None:
    hooks = _hooks()
    assert "register_exporters" in hooks
    page = _text(HOOKS)
    entry = r"^:::\s+safeguarding_plan\.exporting\.hookspecs\.(\w+)\s*$"
    entries = re.findall(entry, page, re.MULTILINE)
    assert sorted(entries) == sorted(hooks)
    for name in hooks:
        assert f"[`{name}`](../plugins.md#{name})" in page, f"{name}: not in the hooks table"


# --- the command-line reference -------------------------------------------------------------


@pytest.fixture(scope="module")
def generator() -> Iterator[types.ModuleType]:
    """``docs/gen_cli.py``, imported under a unique name without touching ``sys.path``."""
    name = f"gen_cli_{uuid.uuid4().hex}"
    spec = importlib.util.spec_from_file_location(name, GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[name]


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no subcommands")


def _sections(markdown: str) -> dict[str, str]:
    """The generated reference's ``## name`` sections: name -> text."""
    parts = re.split(r"^## (\S+)\n", markdown, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _missing(parser: argparse.ArgumentParser, markdown: str) -> list[str]:
    """Each subcommand, option and positional argument the reference does not show."""
    sections = _sections(markdown)
    missing = []
    for name, command in _commands(parser).items():
        if name not in sections:
            missing.append(name)
            continue
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            names = action.option_strings or [str(action.metavar or action.dest)]
            missing += [
                f"{name} {option}"
                for option in names
                if not re.search(rf"`{re.escape(option)}[ `]", sections[name])
            ]
    return missing


def test_every_command_and_option_is_in_the_cli_reference(generator: types.ModuleType) -> None:
    parser = cli._parser()
    markdown = generator.cli_markdown()
    assert {"validate", "score", "export", "import-xlsx", "exporters"} <= set(_commands(parser))
    assert _missing(parser, markdown) == []
    assert list(_sections(markdown)) == list(_commands(parser))
    for option in ("--new-review", "--lead", "--in-place", "--no-plugins", "-O", "--json"):
        assert f"`{option}" in markdown


def test_the_generator_documents_a_command_it_has_never_seen(
    generator: types.ModuleType,
) -> None:
    parser = argparse.ArgumentParser(prog="safeguarding-plan")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    merge = commands.add_parser("merge", help="merge two plans")
    merge.add_argument("plans", metavar="PLAN.yaml", nargs="+")
    merge.add_argument("--into", "-i", metavar="FILE", required=True, help="where | to")
    merge.add_argument("--dry-run", action="store_true", help="change nothing")
    markdown = generator.cli_markdown(parser)
    assert _missing(parser, markdown) == []
    assert "| `--into FILE`, `-i FILE` | where \\| to (required) |" in markdown
    assert "## merge\n\nmerge two plans\n" in markdown
    assert _missing(cli._parser(), markdown) != []


def test_the_cli_page_has_the_place_for_the_generated_reference(
    generator: types.ModuleType,
) -> None:
    page = _text(CLI_PAGE)
    assert page.count(generator.MARKER) == 1
    built = generator.on_page_markdown(
        page, types.SimpleNamespace(file=types.SimpleNamespace(src_uri=generator.PAGE)), {}, []
    )
    assert generator.MARKER not in built
    assert "## import-xlsx" in built
    other = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="index.md"))
    assert generator.on_page_markdown(page, other, {}, []) == page


# --- the plan file --------------------------------------------------------------------------


def _fields_calls(path: Path) -> Iterator[ast.Call]:
    """Each ``fields(...)`` call, a module-level tuple it names written out in its place."""
    tree = ast.parse(_text(path), filename=str(path))
    constants = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "fields"
        ):
            node.args = [
                constants.get(a.id, a) if isinstance(a, ast.Name) else a for a in node.args
            ]
            yield node


def plan_file_keys() -> set[str]:
    """Every key a ``fields(node, what, required, optional)`` call of the loader allows.

    The one call whose keys are not written out, for a case review's ``dates``, allows the
    names of :data:`REVIEW_DATES` (and those a plan's own timescales add).
    """
    keys: set[str] = set()
    computed = 0
    for path in LOADERS:
        for call in _fields_calls(path):
            arguments = call.args[2:] + [k.value for k in call.keywords]
            for argument in arguments:
                if isinstance(argument, ast.Tuple):
                    for item in argument.elts:
                        assert isinstance(item, ast.Constant), ast.unparse(item)
                        assert isinstance(item.value, str)
                        keys.add(item.value)
                else:
                    assert ast.unparse(argument) == "tuple(names)", ast.unparse(argument)
                    computed += 1
    assert computed == 1, "a new fields(...) call whose keys are computed: add them here"
    return keys | set(REVIEW_DATES)


def _code_spans(text: str) -> set[str]:
    return set(re.findall(r"`([^`\n]+)`", text))


def test_the_key_list_is_the_loaders() -> None:
    keys = plan_file_keys()
    assert {"format", "case_reviews", "as_of", "short_name", "within", "became_aware"} <= keys
    # The loader's own word for the top level agrees with what the test read from its source.
    with pytest.raises(sp.PlanError) as caught:
        sp.loads("format: safeguarding-plan/1\nnot_a_key: 1\n")
    (message,) = [p.message for p in caught.value.problems if "not_a_key" in p.message]
    top = message.split("; use ", 1)[1].split(", ")
    assert len(top) == 14
    assert set(top) <= keys


def test_every_plan_file_key_is_in_the_plan_file_page() -> None:
    spans = _code_spans(_text(PLAN_FILE))
    assert sorted(plan_file_keys() - spans) == []


def test_every_value_the_loader_knows_is_in_the_plan_file_page() -> None:
    spans = _code_spans(_text(PLAN_FILE))
    values: set[str] = set(sp.RATING_SCALES)
    values |= {scale_key for scale in sp.RATING_SCALES.values() for scale_key in scale.keys}
    values |= {p.value for p in sp.Progress} | {r.value for r in sp.Rag}
    values |= {k.value for k in sp.CaseReviewKind} | {s.value for s in sp.CaseReviewStatus}
    values |= {t.id for t in NATIONAL_THEMES} | {sp.FORMAT}
    values |= {u.value for u in sp.MeasureUnit} | {b.value for b in sp.Better}
    assert sorted(values - spans) == []


def test_the_plan_file_pages_complete_example_loads_with_every_top_level_key() -> None:
    text = _text(PLAN_FILE)
    example = re.search(r"## A complete example\n.*?```yaml\n(.*?)```", text, re.DOTALL)
    assert example is not None
    plan = sp.loads(example.group(1))
    assert plan.case_reviews
    assert plan.timescales
    assert plan.practice_themes
    assert plan.review_every == sp.Interval(3, sp.Unit.MONTHS)
    assert plan.measures
    top = yaml.safe_load(example.group(1))
    assert len(top) == 14


def test_the_plan_file_page_lists_every_due_date_with_no_fixed_day() -> None:
    text = _text(PLAN_FILE)
    section = text[text.index("### No fixed date") : text.index("### School terms")]
    listed = section[section.index("These are the words") : section.index("A case review")]
    words = {w.lower() for w in re.findall(r"`([^`]+)`", listed)}
    assert words == set(NO_FIXED_DATE)
    assert all(sp.loads(_with_due(word)).action("1").due == sp.Due(word, None) for word in words)


def _with_due(due: str) -> str:
    return (
        "format: safeguarding-plan/1\npartnership: {name: A}\nplan: {title: P}\nratings: rag\n"
        f"priorities:\n  - id: '1'\n    title: T\n    actions:\n"
        f"      - {{id: '1', text: X, due: {due}}}\n"
    )


# --- the site's pages -----------------------------------------------------------------------


def _config() -> dict[str, Any]:
    config = yaml.safe_load(_text(CONFIG))
    assert isinstance(config, dict)
    return config


def _nav_pages(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)


def test_the_nav_lists_every_page_and_only_pages_that_exist() -> None:
    listed = [page for page in _nav_pages(_config()["nav"]) if "://" not in page]
    pages = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))
    assert sorted(listed) == pages
    assert len(listed) == len(set(listed))


def test_the_site_builds_offline_and_includes_what_it_says() -> None:
    config = _config()
    assert config["theme"]["font"] is False
    assert config["hooks"] == [GENERATOR.relative_to(ROOT).as_posix()]
    assert GENERATOR.name in config["exclude_docs"]
    for page, included in (("security.md", "SECURITY.md"), ("changelog.md", "CHANGELOG.md")):
        assert f'--8<-- "{included}"' in _text(DOCS / page)
        assert (ROOT / included).is_file()
    for image in re.findall(r"\]\((assets/[^)]+\.png)\)", _text(DOCS / "exporters.md")):
        assert (DOCS / image).is_file()


def test_docstrings_are_markdown_not_sphinx_roles() -> None:
    # The API page renders docstrings as Markdown: a role such as :class:`Report` would show as
    # written. Code goes in backticks.
    role = re.compile(r":(class|func|mod|data|meth|attr|obj):`")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if role.search(line)
    ]
    assert found == []

"""The public Python API: the names DESIGN.md promises, used as its example uses them, and an
import that stays light."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest

import safeguarding_plan as sp
import safeguarding_plan.plugin as plugin_api

BIRMINGHAM = Path(__file__).parent.parent / "examples" / "birmingham-2021-23" / "plan.yaml"

FUNCTIONS = ("load", "loads", "dump", "dumps", "score", "compare", "export", "exporters")
CLASSES = (
    "Plan",
    "Partnership",
    "Person",
    "Period",
    "Priority",
    "Action",
    "Due",
    "Review",
    "ActionUpdate",
    "ActionState",
    "Progress",
    "Rating",
    "RatingScale",
    "Rag",
    "Score",
    "PriorityScore",
    "Comparison",
    "Change",
    "PlanError",
    "Problem",
)
HEAVY = ("docx", "openpyxl", "pluggy")


@pytest.mark.parametrize("name", FUNCTIONS)
def test_public_functions(name: str) -> None:
    assert callable(getattr(sp, name))
    assert name in sp.__all__


@pytest.mark.parametrize("name", CLASSES)
def test_public_classes(name: str) -> None:
    assert isinstance(getattr(sp, name), type)
    assert name in sp.__all__


def test_everything_in_all_exists() -> None:
    missing = [name for name in sp.__all__ if not hasattr(sp, name)]
    assert missing == []
    assert len(set(sp.__all__)) == len(sp.__all__)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        sp.no_such_name  # noqa: B018


def test_constants() -> None:
    assert sp.FORMAT == "safeguarding-plan/1"
    assert set(sp.RATING_SCALES) == {"faces", "rag", "brag"}
    assert issubclass(sp.PlanError, ValueError)


def test_the_design_example(tmp_path: Path) -> None:
    # DESIGN.md, "Public Python API", line by line.
    plan = sp.load(BIRMINGHAM)
    assert isinstance(plan, sp.Plan)
    score = sp.score(plan)
    assert (score.actions, score.complete) == (33, 24)
    assert score.percent_complete == pytest.approx(72.7272727)
    assert score.by_priority["1"].complete == 9
    assert score.overdue == ("1.6", "2.3", "2.9", "4.1", "4.4")
    assert sp.score(plan, review="2022-02", as_of=date(2022, 1, 31)) == score
    delta = sp.compare(plan, "2022-02", "2022-02")
    assert isinstance(delta, sp.Comparison)
    assert not delta
    sp.dump(plan, tmp_path / "plan.yaml")
    assert sp.load(tmp_path / "plan.yaml") == plan
    assert sp.load(str(tmp_path / "plan.yaml")) == plan


def test_load_raises_plan_error_with_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "plan.yaml"
    text = BIRMINGHAM.read_text(encoding="utf-8")
    bad.write_text(
        text.replace("rating: sad", "rating: sadd").replace(
            "progress: deferred", "progress: later"
        ),
        encoding="utf-8",
    )
    with pytest.raises(sp.PlanError) as caught:
        sp.load(bad)
    problems = caught.value.problems
    assert len(problems) == 1 + text.count("progress: deferred")
    assert all(isinstance(p, sp.Problem) for p in problems)
    assert all(p.file == str(bad) for p in problems)
    assert [(p.line, p.column) for p in problems] == sorted((p.line, p.column) for p in problems)
    assert any("'sadd'" in p.message and "'sad'" in p.message for p in problems)
    assert str(caught.value).splitlines() == [str(p) for p in problems]
    assert str(problems[0]) == (
        f"{bad}:{problems[0].line}:{problems[0].column}: {problems[0].message}"
    )


def test_the_yearly_report_and_its_checklist(birmingham: sp.Plan) -> None:
    # What sp.export(..., year=...) renders, and what `yearly-report --check` lists.
    for name in ("yearly_report", "yearly_contents"):
        assert name in sp.__all__
    made = sp.yearly_report(birmingham, "2021/22")
    assert isinstance(made, sp.Report)
    assert made.audience == "public"  # a yearly report is published
    assert made.year is not None
    assert made.year.span == "1 April 2021 to 31 March 2022"
    checklist = sp.yearly_contents(birmingham, "2021/22")
    assert checklist == made.year.expected
    assert [c.title for c in checklist if not c.filled] == [
        "Voice of children and families",
        "Sign-off by the lead safeguarding partners",
    ]
    with pytest.raises(sp.ArgumentError, match="no review of the plan is dated"):
        sp.yearly_report(birmingham, "2020/21")


def test_headline(birmingham: sp.Plan) -> None:
    assert sp.headline(birmingham, sp.score(birmingham)) == (
        "The Plan has 4 strategic priorities and 33 actions. "
        "At the end of January 2022, 73% of the actions have been completed."
    )


def test_headline_reports_progress_at_the_reviews_date(birmingham: sp.Plan) -> None:
    # as_of moves the date overdue is judged at; the progress is still January's.
    for as_of in (date(2021, 6, 30), date(2022, 3, 15)):
        assert sp.headline(birmingham, sp.score(birmingham, as_of=as_of)) == (
            sp.headline(birmingham, sp.score(birmingham))
        )


def test_headline_mid_month_and_cancelled(birmingham: sp.Plan) -> None:
    review = attrs.evolve(
        birmingham.reviews[0],
        as_of=date(2022, 2, 15),
        updates={**birmingham.reviews[0].updates, "1.6": sp.ActionUpdate(sp.Progress.CANCELLED)},
    )
    plan = attrs.evolve(birmingham, reviews=(review,))
    assert sp.headline(plan, sp.score(plan)) == (
        "The Plan has 4 strategic priorities and 33 actions. As at 15 February 2022, 75% of "
        "the actions have been completed (1 cancelled action not counted)."
    )


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


LOADED = "import json, sys; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"


def test_import_is_light() -> None:
    loaded = set(json.loads(run_python(f"import safeguarding_plan\n{LOADED}")))
    assert "safeguarding_plan" in loaded
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


def test_loading_scoring_and_writing_stay_light() -> None:
    code = f"""
import io
import safeguarding_plan as sp
plan = sp.load({str(BIRMINGHAM)!r})
score = sp.score(plan)
sp.compare(plan, "2022-02", "2022-02")
sp.headline(plan, score)
sp.dump(plan, io.StringIO())
assert score.complete == 24
{LOADED}
"""
    loaded = set(json.loads(run_python(code)))
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


def test_exporting_names_load_pluggy_on_first_use() -> None:
    # The check above would pass if the lazy names never worked: show that they do.
    loaded = set(json.loads(run_python(f"import safeguarding_plan as sp\nsp.exporters\n{LOADED}")))
    assert "pluggy" in loaded


@pytest.mark.parametrize("command", [["validate"], ["score"], ["score", "--json"]])
@pytest.mark.parametrize("installed", [False, True], ids=["no plugin", "a plugin installed"])
def test_validate_and_score_commands_stay_light(command: list[str], installed: bool) -> None:
    # They run in a fraction of the time of importing the document libraries; importing one
    # would undo that (benchmarks/run.py measures it). Birmingham has a case review: scoring
    # it loads pluggy and the plugins for the timescales they add, but only when a plugin is
    # installed (test_case_reviews.py shows a plan without case reviews loads none either way).
    plugin = "types.SimpleNamespace(register_timescales=None)"
    found = "[importlib.metadata.EntryPoint('acme', 'acme', 'x')]" if installed else "[]"
    code = f"""
import contextlib, importlib.metadata, io, sys, types
sys.modules["acme"] = {plugin}
importlib.metadata.entry_points = lambda *, group: {found} if group == "safeguarding_plan" else []
from safeguarding_plan.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main({[*command, str(BIRMINGHAM)]!r}) == 0
{LOADED}
"""
    loaded = set(json.loads(run_python(code)))
    assert "safeguarding_plan" in loaded
    heavy = set(HEAVY) - ({"pluggy"} if installed and command[0] == "score" else set())
    assert loaded.isdisjoint(heavy), loaded & heavy
    if installed and command[0] == "score":
        assert "pluggy" in loaded


STARTS_WITHOUT = {
    *("json", "shutil", "tempfile", "shlex", "bz2", "calendar", "difflib"),
    *("pathlib", "urllib.parse", "ipaddress"),
}


@pytest.mark.parametrize("command", [["validate"], ["score", "--no-plugins"]])
def test_commands_import_at_start_only_what_they_use(command: list[str]) -> None:
    # Each of these costs a millisecond or more at every start, for what only some commands
    # do: JSON (--json), writing to standard output (tempfile, shutil), quoting a path (init),
    # suggesting a spelling (difflib), the days of a month (calendar, which imports locale),
    # naming a file beside the plan (pathlib, which imports urllib.parse and ipaddress).
    # argparse would import shutil to ask the terminal's width for help rarely shown. (Looking
    # up installed plugins imports importlib.metadata, which imports them all: --no-plugins.)
    code = f"""
import contextlib, io, sys
from safeguarding_plan.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main({[*command, str(BIRMINGHAM)]!r}) == 0
print(*sys.modules)
"""
    loaded = set(run_python(code).split())
    assert loaded.isdisjoint(STARTS_WITHOUT), loaded & STARTS_WITHOUT


def test_a_due_date_rule_is_compiled_when_first_tried() -> None:
    # Compiling all seventeen rules took milliseconds of every start; a plan writes its dates
    # in a way or two. Each rule still decides in its order (tests/test_dates.py).
    code = """
from safeguarding_plan import dates
at_import = len(dates._RULE_PATTERNS._compiled)
dates.resolve_due("2022-03-31")
iso = len(dates._RULE_PATTERNS._compiled)
dates.resolve_due("March 2022")
print(at_import, iso, len(dates._RULE_PATTERNS._compiled), len(dates._RULES))
"""
    assert run_python(code).split() == ["0", "1", "6", "17"]


@pytest.mark.parametrize("numpy", [False, True], ids=["numpy absent", "numpy installed"])
@pytest.mark.parametrize("exporter", ["docx", "md", "xlsx"])
def test_a_document_imports_only_what_it_is_written_with(
    tmp_path: Path, numpy: bool, exporter: str
) -> None:
    # openpyxl (and numpy, which openpyxl imports whenever it is installed, as on an analyst's
    # machine), xml.sax (which loads urllib, http.client and ssl) and secrets (random, hmac and
    # OpenSSL's hashlib) would each add milliseconds to every board paper and web page.
    fake = "import sys, types; sys.modules['numpy'] = types.ModuleType('numpy')\n" if numpy else ""
    command = ["export", str(BIRMINGHAM), "-f", exporter, "-o", str(tmp_path / "out")]
    code = f"""{fake}
import contextlib, io, sys
from safeguarding_plan.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main({command!r}) == 0
print(*sys.modules)
"""
    loaded = set(run_python(code).split())
    # Nor json (only the json exporter writes it), nor fractions, nor importlib.metadata, which
    # imports the email package (installed plugins are read without it).
    unwanted = {"openpyxl", "xml.sax", "secrets", "urllib.request", "json", "fractions"}
    unwanted |= {"importlib.metadata", "email"}
    if exporter == "md":
        unwanted |= {"hashlib"}
    if exporter != "docx":
        # python-docx zips the board paper with zipfile; the tracker is zipped without it, as
        # zipfile imports shutil, bz2, lzma and importlib.util, milliseconds of every tracker.
        unwanted |= {"docx", "zipfile", "shutil", "bz2", "lzma", "importlib.util"}
    assert loaded.isdisjoint(unwanted), loaded & unwanted


def test_the_leads_forms_are_zipped_without_zipfile(tmp_path: Path) -> None:
    # Each lead's form is a tracker, written by the same writer as export -f xlsx.
    command = ["forms", str(BIRMINGHAM), "--review", "2022-06", "--out", str(tmp_path)]
    code = f"""
import contextlib, io, sys
from safeguarding_plan.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    assert main({command!r}) == 0
print(*sys.modules)
"""
    loaded = set(run_python(code).split())
    assert loaded.isdisjoint({"zipfile", "shutil"}), loaded & {"zipfile", "shutil"}
    assert len(list(tmp_path.glob("*.xlsx"))) > 1  # the forms and the return sheet


PLUGIN_MODULE = """
from safeguarding_plan.plugin import Exporter, hookimpl


def write(report, stream, options):
    stream.write(report.title.encode())


@hookimpl
def register_exporters(register):
    register(Exporter(name="{name}", title="{name}", suffix=".{name}", media_type="text/plain",
                      write=write))
"""


def _on_the_path(folder: Path, module: str, exporter: str) -> None:
    """A plugin as pip installs it: its module, and its distribution's entry points declaring
    the one exporter it registers."""
    (folder / f"{module}.py").write_text(PLUGIN_MODULE.format(name=exporter), encoding="utf-8")
    info = folder / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        f"[safeguarding_plan]\n{exporter} = {module}\n"
        f"[safeguarding_plan.exporters]\n{exporter} = {module}\n"
    )


@pytest.mark.parametrize(
    ("command", "imported"),
    [
        (["validate"], set()),
        (["score"], set()),  # Birmingham has case reviews: neither plugin adds a timescale
        (["export", "-f", "docx"], set()),
        (["export", "-f", "slides"], {"acme_slides"}),
        (["exporters"], {"acme_slides", "acme_table"}),
    ],
)
def test_no_plugin_module_is_imported_until_it_is_used(
    tmp_path: Path, command: list[str], imported: set[str]
) -> None:
    plugins = tmp_path / "site"
    plugins.mkdir()
    _on_the_path(plugins, "acme_slides", "slides")
    _on_the_path(plugins, "acme_table", "table")
    argv = [*command, str(BIRMINGHAM)] if command[0] != "exporters" else command
    if command[0] == "export":
        argv += ["-o", str(tmp_path / "out")]
    code = f"""
import contextlib, io, os, sys
sys.path.insert(0, {str(plugins)!r})
os.environ.pop("SAFEGUARDING_PLAN_DISABLE_PLUGIN_AUTOLOAD", None)
from safeguarding_plan.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    assert main({argv!r}) == 0
print(*sys.modules)
print(out.getvalue(), file=sys.stderr)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert loaded & {"acme_slides", "acme_table"} == imported
    # They were read from their distributions' entry_points.txt: importlib.metadata, which
    # imports the email package, was not needed.
    if command[0] != "exporters":
        assert loaded.isdisjoint({"importlib.metadata", "email"}), loaded
    if command == ["exporters"]:
        listed = [line.split() for line in done.stderr.splitlines()]
        assert ["slides", ".slides", "acme_slides", "1.0", "no", "slides"] in listed
    if command[-1] == "slides":
        assert (tmp_path / "out").read_text().startswith("Business Improvement Plan 2021/23")


def test_validate_loads_neither_scoring_nor_reporting() -> None:
    code = f"""
import contextlib, io
from safeguarding_plan.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["validate", {str(BIRMINGHAM)!r}]) == 0
import json, sys
print(json.dumps(sorted(m for m in sys.modules if m.startswith("safeguarding_plan."))))
"""
    loaded = set(json.loads(run_python(code)))
    assert "safeguarding_plan.planfile.loading" in loaded
    assert not any(
        m.startswith(("safeguarding_plan.scoring", "safeguarding_plan.reporting")) for m in loaded
    ), loaded


def test_score_words_its_text_without_defining_the_reports_words() -> None:
    # Words, an attrs class of nearly two hundred fields, takes milliseconds to define: score
    # words its text from the plain FixedWords, and never builds a report.
    code = f"""
import contextlib, io
from safeguarding_plan.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["score", "--no-plugins", {str(BIRMINGHAM)!r}]) == 0
import json, sys
print(json.dumps(sorted(m for m in sys.modules if m.startswith("safeguarding_plan."))))
"""
    loaded = set(json.loads(run_python(code)))
    assert "safeguarding_plan.reporting.fixedwords" in loaded
    assert loaded.isdisjoint(
        {"safeguarding_plan.reporting.wording", "safeguarding_plan.reporting.contents"}
    ), loaded


@pytest.mark.parametrize(
    ("name", "module"), [("docx", "formats.docx.paper"), ("xlsx", "formats.xlsx.workbook")]
)
def test_a_board_paper_or_tracker_loads_no_yearly_report(name: str, module: str) -> None:
    # The yearly report's modules (its scoring and its types too) are imported only to write one.
    code = f"""
import contextlib, io, sys, tempfile, os
from safeguarding_plan.cli import main
out = os.path.join(tempfile.mkdtemp(), "paper.{name}")
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["export", "--no-plugins", {str(BIRMINGHAM)!r}, "-f", {name!r}, "-o", out]) == 0
import json
print(json.dumps(sorted(m for m in sys.modules if m.startswith("safeguarding_plan."))))
"""
    loaded = set(json.loads(run_python(code)))
    assert f"safeguarding_plan.{module}" in loaded
    yearly = {
        "safeguarding_plan.reporting.yearly",
        "safeguarding_plan.reporting.yearcontents",
        "safeguarding_plan.scoring.yearly",
    }
    assert loaded.isdisjoint(yearly), loaded & yearly


def test_the_plugin_api_loads_the_yearly_types_when_first_asked_for() -> None:
    code = """
import json, sys
import safeguarding_plan.plugin as api
before = "safeguarding_plan.reporting.yearcontents" in sys.modules
names = dir(api)
from safeguarding_plan.plugin import YearSection
from safeguarding_plan.reporting.yearcontents import YearSection as defined
print(json.dumps([before, YearSection is defined, sorted(set(api.__all__) - set(names))]))
"""
    assert json.loads(run_python(code)) == [False, True, []]


@pytest.mark.parametrize("name", sorted(plugin_api._ON_FIRST_USE))
def test_each_plugin_name_loaded_on_first_use_is_the_one_its_module_defines(name: str) -> None:
    defined = getattr(importlib.import_module(plugin_api._ON_FIRST_USE[name]), name)
    assert getattr(plugin_api, name) is defined
    assert name in plugin_api.__all__
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        plugin_api.Nothing  # noqa: B018


def test_report_stays_the_function_when_its_module_is_imported() -> None:
    # Every exporter imports the reporting modules; sp.report is the function.
    code = f"""
import safeguarding_plan.reporting.build
from safeguarding_plan.reporting.contents import Report
import safeguarding_plan as sp
assert isinstance(sp.report(sp.load({str(BIRMINGHAM)!r})), Report)
print(sp.report.__name__, type(sp.score).__name__)
"""
    assert run_python(code).split() == ["report", "function"]


# --- the lazy names, declared once ------------------------------------------------------------


def _type_checking_imports() -> dict[str, str]:
    """What the package's ``if TYPE_CHECKING:`` block imports: each name, and its module under
    the package."""
    tree = ast.parse(Path(sp.__file__).read_text(encoding="utf-8"))
    (block,) = (
        n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    )
    imported: dict[str, str] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom), ast.unparse(node)
        for alias in node.names:
            # `import NAME as NAME` is what tells a type checker the name is re-exported.
            assert alias.asname == alias.name, ast.unparse(node)
            assert alias.name not in imported, f"{alias.name} is imported twice"
            imported[alias.name] = (node.module or "").removeprefix("safeguarding_plan.")
    return imported


def test_type_checkers_see_exactly_the_lazy_names_from_their_modules() -> None:
    assert _type_checking_imports() == sp._LAZY


@pytest.mark.parametrize("name", sorted(sp._LAZY))
def test_each_lazy_name_is_the_one_its_module_defines(name: str) -> None:
    value = getattr(sp, name)
    defined = getattr(importlib.import_module(f"safeguarding_plan.{sp._LAZY[name]}"), name)
    # A function that builds much is the same function with the collector paused (gcpause).
    assert value is defined or value.__wrapped__ is defined
    assert name in sp.__all__


def test_dir_lists_the_lazy_names_before_they_are_loaded() -> None:
    code = """
import json, sys
import safeguarding_plan as sp
names = dir(sp)
print(json.dumps([names, "safeguarding_plan.formats.xlsx.importing" in sys.modules]))
"""
    names, loaded = json.loads(run_python(code))
    assert set(sp._LAZY) <= set(names)
    assert "import_xlsx" in names
    assert not loaded


def test_dir_lists_the_public_names_and_no_helper() -> None:
    names = set(dir(sp))
    assert set(sp.__all__) <= names
    assert {n for n in names - set(sp.__all__) if not n.startswith("__")} == set()
    assert {"Any", "TYPE_CHECKING", "importlib", "sys", "warnings", "model"}.isdisjoint(names)
    assert {"__name__", "__doc__", "__all__", "__path__"} <= names


# --- names kept for one release ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"), [("ReviewKind", "CaseReviewKind"), ("ReviewStatus", "CaseReviewStatus")]
)
def test_an_old_name_warns_and_gives_the_new_one(old: str, new: str) -> None:
    with pytest.warns(DeprecationWarning, match=rf"safeguarding_plan\.{old} is now") as caught:
        value = getattr(sp, old)
    assert value is getattr(sp, new)
    assert caught[0].filename == __file__  # the warning points at the caller's line
    assert old not in sp.__all__
    assert old not in vars(sp)  # never cached: each use warns
    with pytest.warns(DeprecationWarning, match=f"is now safeguarding_plan.{new}"):
        getattr(sp, old)


@pytest.mark.parametrize(
    ("old", "new"), [("ReviewKind", "CaseReviewKind"), ("ReviewStatus", "CaseReviewStatus")]
)
def test_importing_an_old_name_warns_once_at_the_import(old: str, new: str) -> None:
    code = compile(f"from safeguarding_plan import {old}", "the-importing-module.py", "exec")
    found: dict[str, object] = {}
    with pytest.warns(DeprecationWarning, match=rf"safeguarding_plan\.{old} is now") as caught:
        exec(code, found)
    assert found[old] is getattr(sp, new)
    assert [(w.filename, w.lineno) for w in caught] == [("the-importing-module.py", 1)]
    # Every later use still warns.
    with pytest.warns(DeprecationWarning, match=rf"safeguarding_plan\.{old} is now"):
        getattr(sp, old)

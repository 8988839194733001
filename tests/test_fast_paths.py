"""What the fast paths must keep true: the collector paused and resumed, a review's states made
once, short texts shared, and big tables written whole. Their speed is measured by
benchmarks/run.py, never here."""

from __future__ import annotations

import gc
import importlib.util
import io
import json
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import attrs
import docx
import openpyxl
import pytest
from conftest import BIRMINGHAM, ROOT, larger_plan, two_reviews
from hypothesis import given
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan import text
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.formats.xlsx import workbook
from safeguarding_plan.gcpause import paused_gc


@pytest.fixture
def collector_running() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


# --- the collector --------------------------------------------------------------------------------


@pytest.mark.usefixtures("collector_running")
def test_the_collector_is_paused_inside_and_resumed_after() -> None:
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not resume what the outer paused
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_running")
def test_the_collector_resumes_after_a_failed_load_and_a_failed_export() -> None:
    with pytest.raises(sp.PlanError):
        sp.loads("format: safeguarding-plan/1\npartnership: [\n")
    assert gc.isenabled()
    with pytest.raises(sp.ExporterError):
        sp.export(
            two_reviews(),
            "docx",
            io.BytesIO(),
            plugin_manager=sp.get_plugin_manager(autoload=False),
            options={"template": io.BytesIO(b"not a Word document")},
        )
    assert gc.isenabled()


def test_a_paused_collector_is_left_paused() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        sp.load(BIRMINGHAM)
        sp.export(two_reviews(), "md", io.BytesIO(), plugin_manager=sp.get_plugin_manager())
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


# --- states made once -----------------------------------------------------------------------------


def test_a_reviews_states_are_made_once_and_read_only() -> None:
    plan = two_reviews()
    states = plan.states("2022-02")
    assert plan.states("2022-02") is states
    assert plan.states() is states  # the latest review, by default
    assert plan.states("2021-11") is not states
    with pytest.raises(TypeError):
        states["1.1"] = states["1.2"]  # type: ignore[index]


def test_states_are_not_shared_between_copies_of_a_plan() -> None:
    plan = two_reviews()
    copy = attrs.evolve(plan)
    assert copy.states() == plan.states()
    assert copy.states() is not plan.states()


def test_two_reviews_with_one_id_keep_their_own_states() -> None:
    # A plan made in code is not checked as a file is: the latest is still the last one.
    plan = two_reviews()
    first, second = plan.reviews
    repeated = attrs.evolve(plan, reviews=(first, attrs.evolve(second, id=first.id)))
    assert repeated.states(first.id)["1.1"].progress is sp.Progress.IN_PROGRESS
    assert repeated.states()["1.1"].progress is sp.Progress.COMPLETE


# --- shared short texts ---------------------------------------------------------------------------


def test_a_loaded_plan_shares_one_copy_of_each_id_and_rating() -> None:
    plan = sp.load(BIRMINGHAM)
    action = plan.actions[0]
    update_id = next(iter(plan.reviews[-1].updates))
    assert update_id == action.id
    assert update_id is action.id
    ratings = [u.rating for u in plan.reviews[-1].updates.values() if u.rating == "happy"]
    assert len(ratings) > 1
    assert all(rating is ratings[0] for rating in ratings)


def test_long_texts_are_not_shared() -> None:
    note = "x" * 500
    text = sp.dumps(two_reviews()).replace("note: Published", f"note: {note}")
    plan = sp.loads(text)
    assert plan.reviews[-1].updates["1.1"].note == note
    assert plan.reviews[-1].updates["1.1"].note is not sys.intern(note)


# --- big tables written whole ---------------------------------------------------------------------


def test_a_large_papers_tables_hold_every_action_in_order() -> None:
    plan = larger_plan(400, "faces")  # 2,000 actions
    out = io.BytesIO()
    sp.export(plan, "docx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    with zipfile.ZipFile(out) as package:
        main = package.read("word/document.xml")
    assert b"safeguarding-plan table" not in main  # every placeholder replaced
    paper = docx.Document(out)
    heading = sp.report(plan).action_heading
    listed = [
        row.cells[0].paragraphs[0].runs[0].text
        for table in paper.tables
        if table.rows[0].cells[0].text == heading
        for row in table.rows[1:]
    ]
    assert listed == [a.id for a in plan.actions]


class _Writes(io.BytesIO):
    """A stream that keeps the size of each write."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, data: bytes, /) -> int:  # type: ignore[override]
        self.sizes.append(len(data))
        return super().write(data)


def test_a_large_reports_json_is_written_in_pieces_as_json_dumps_would_write_it() -> None:
    plan = larger_plan(400, "faces")  # 2,000 actions
    stream = _Writes()
    sp.export(plan, "json", stream, plugin_manager=sp.get_plugin_manager(autoload=False))
    written = stream.getvalue()
    assert len(stream.sizes) > 1
    assert max(stream.sizes) < len(written) / 2  # never the whole text at once
    whole = json.dumps(json.loads(written), ensure_ascii=False, indent=2) + "\n"
    assert written == whole.encode("utf-8")  # the same bytes, key order and layout


def test_every_action_cell_has_its_columns_style() -> None:
    plan = larger_plan(40, "faces")
    out = io.BytesIO()
    sp.export(plan, "xlsx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    sheet = openpyxl.load_workbook(out)[tracker.ACTIONS]
    due_date = tracker.COLUMNS.index(tracker.DUE_DATE)
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(plan.actions)
    for row in rows:
        for column, cell in enumerate(row):
            assert cell.font.name == workbook.FONT
            assert cell.border.left.style == "thin"
            assert cell.alignment.vertical == "top"
            if column == due_date:
                assert cell.number_format == workbook.DATE_FORMAT
                assert not cell.quotePrefix
            else:
                assert cell.alignment.wrap_text
                assert cell.quotePrefix  # Excel keeps it text when edited


# --- the benchmarks' own plans --------------------------------------------------------------------


def _benchmark_module(name: str) -> ModuleType:
    path = ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("actions", "priorities"), [(33, 4), (1000, 10), (1500, 12)])
def test_benchmark_plans_have_their_size_and_three_reviews(
    actions: int, priorities: int, tmp_path: Path
) -> None:
    plans = _benchmark_module("plans")
    written = plans.write_plan(actions, tmp_path)
    # The text sp.dump writes, written faster.
    assert written.read_text(encoding="utf-8") == sp.dumps(plans.realistic_plan(actions))
    plan = sp.load(written)
    assert len(plan.actions) == actions
    assert len(plan.priorities) == priorities
    assert [r.id for r in plan.reviews] == ["2021-08", "2021-11", "2022-02"]
    birmingham = {a.text for a in sp.load(BIRMINGHAM).actions}
    assert {a.text for a in plan.actions} <= birmingham  # the partnership's own words
    shares = [sp.score(plan, review.id).percent_complete for review in plan.reviews]
    assert shares == sorted(shares)  # each review further on than the last
    if actions >= 1000:
        assert abs(shares[-1] - 73) < 5


def test_the_python_docx_baseline_writes_the_papers_tables() -> None:
    alternatives = _benchmark_module("alternatives")
    plan = sp.load(BIRMINGHAM)
    report = sp.report(plan)
    ours = docx.Document(io.BytesIO(sp_export(plan)))
    theirs = docx.Document(io.BytesIO(alternatives.python_docx_tables(plan)))
    assert [len(t.rows) for t in theirs.tables] == [len(t.rows) for t in ours.tables]
    listed = [
        row.cells[0].text.split()[0]
        for table in theirs.tables
        if table.rows[0].cells[0].text == report.action_heading
        for row in table.rows[1:]
    ]
    assert listed == [a.id for a in plan.actions]


def sp_export(plan: sp.Plan) -> bytes:
    out = io.BytesIO()
    sp.export(plan, "docx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    return out.getvalue()


# --- the sanitiser's shortcut ---------------------------------------------------------------------


def test_no_character_the_sanitiser_changes_is_printable() -> None:
    # clean() returns printable text untouched; that is only right if every character it
    # would replace is non-printable.
    changed = [c for c in map(chr, range(sys.maxunicode + 1)) if text.clean(c) != c]
    assert "\r" in changed
    assert "\ufffe" in changed
    assert not [c for c in changed if c.isprintable()]


@given(st.text())
def test_the_shortcut_gives_what_the_full_sanitiser_gives(written: str) -> None:
    full = text.UNCARRIABLE.sub(text.REPLACEMENT, written.replace("\r\n", "\n").replace("\r", "\n"))
    assert text.clean(written) == full


# --- the plugin manager ---------------------------------------------------------------------------


def test_a_modules_classes_modules_and_constants_are_not_looked_up_for_hooks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pluggy looks each name of a plugin up statically; of a module's names only a function
    # can be a hook, so the built-in exporters' classes, imports and constants are passed over.
    import inspect

    from safeguarding_plan.exporting.manager import BUILT_IN_PLUGINS

    modules = [importlib.import_module(name) for name in BUILT_IN_PLUGINS]
    looked: list[str] = []
    lookup = inspect.getattr_static

    def counted(obj: object, name: str, *default: object) -> object:
        if any(obj is module for module in modules):
            looked.append(name)
        return lookup(obj, name, *default)

    monkeypatch.setattr(inspect, "getattr_static", counted)
    manager = sp.get_plugin_manager(autoload=False)
    monkeypatch.undo()
    assert {"docx", "xlsx", "md", "json"} <= set(manager.exporters)
    passed_over = {
        name
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, type | ModuleType) or not callable(value)
    }
    if not looked:
        pytest.skip("this pluggy looks a plugin's names up without inspect.getattr_static")
    assert passed_over.isdisjoint(looked), passed_over & set(looked)
    assert "register_exporters" in looked

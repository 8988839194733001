"""The exporter seam: registry, plugin manager, entry points, export()."""

from __future__ import annotations

import importlib.metadata
import io
import json
import subprocess
import sys
import types
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EntryPoint, two_reviews

import safeguarding_plan as sp
from safeguarding_plan.exporting.discovery import (
    DISABLE_AUTOLOAD,
    PluginWarning,
    declared,
    installed_plugins,
    may_be_installed,
)
from safeguarding_plan.exporting.exporter import Exporter, ExporterError, Option
from safeguarding_plan.exporting.hookspecs import hookimpl
from safeguarding_plan.exporting.manager import PluginManager, get_plugin_manager
from safeguarding_plan.exporting.running import export


def _write_text(text: str) -> Callable[[Any, Any, Any], None]:
    def write(report: sp.Report, stream: Any, options: Any) -> None:
        stream.write(f"{text}:{report.score.complete}:{dict(options)}".encode())

    return write


def _plugin(name: str, *exporters: Exporter) -> types.ModuleType:
    """A plugin module registering ``exporters``, as a third party would write it."""
    module = types.ModuleType(name)

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        for exporter in exporters:
            register(exporter)

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    return module


def _csv(name: str = "csv", **kwargs: Any) -> Exporter:
    return Exporter(
        name=name,
        title="CSV",
        suffix=".csv",
        media_type="text/csv",
        write=_write_text(name),
        **kwargs,
    )


def test_built_ins_register_through_the_hook_like_any_plugin() -> None:
    manager = get_plugin_manager(autoload=False)
    names = [impl.plugin_name for impl in manager.hook.register_exporters.get_hookimpls()]
    assert names == [
        "safeguarding_plan.formats.docx.exporter",
        "safeguarding_plan.formats.xlsx.exporter",
        "safeguarding_plan.formats.markdown",
        "safeguarding_plan.formats.jsondata",
    ]
    assert list(manager.exporters) == ["docx", "xlsx", "md", "json"]
    assert {e.origin for e in manager.exporters.values()} == {"built-in"}
    assert manager.exporters["md"].suffix == ".md"
    assert manager.exporters["json"].media_type == "application/json"


def test_each_plugin_manager_has_its_own_registry(make_plugin_manager: Any) -> None:
    with_csv = make_plugin_manager(_plugin("acme", _csv()))
    plain = make_plugin_manager()
    assert "csv" in with_csv.exporters
    assert "csv" not in plain.exporters


def test_an_installed_plugin_is_found_through_its_entry_point(
    entry_points: list[EntryPoint], birmingham: sp.Plan
) -> None:
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _csv())))
    found = sp.exporters()
    assert list(found) == ["docx", "xlsx", "md", "json", "csv"]
    assert found["csv"].origin == "acme-exporters 1.2.3"
    out = io.BytesIO()
    export(birmingham, "csv", out)
    assert out.getvalue() == b"csv:24:{}"


def test_a_plugin_that_fails_to_import_is_named_and_the_rest_still_work(
    entry_points: list[EntryPoint], birmingham: sp.Plan
) -> None:
    def broken() -> object:
        raise ImportError("No module named 'pptx'")

    entry_points.append(EntryPoint("slides", broken, dist="acme-slides"))
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _csv())))
    with pytest.warns(PluginWarning) as caught:
        manager = get_plugin_manager()
    assert len(caught) == 1
    assert str(caught[0].message) == (
        "plugin 'slides' (acme-slides 1.2.3) failed to load and is skipped: "
        "ImportError: No module named 'pptx'"
    )
    assert list(manager.exporters) == ["docx", "xlsx", "md", "json", "csv"]
    out = io.BytesIO()
    export(birmingham, "md", out, plugin_manager=manager)
    assert out.getvalue().startswith(b"# Business Improvement Plan 2021/23")


def _distribution(folder: Path, name: str, entry_points: str | None) -> None:
    """An installed distribution as pip leaves it: its dist-info folder."""
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def test_a_plugin_on_the_path_is_found_through_its_entry_points_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _distribution(tmp_path, "other", "[console_scripts]\nother = other:main\n")
    # Written as importlib.metadata still reads it: indented, spaces after the bracket.
    _distribution(tmp_path, "acme_slides", "  [safeguarding_plan]  \nslides = acme_slides\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert may_be_installed([str(tmp_path)])
    assert "slides" in {point.name for point in installed_plugins(autoload=True)}


def test_the_plugins_on_the_path_are_read_as_importlib_metadata_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _distribution(
        first,
        "Acme.Slides",
        "# the plugin\n[safeguarding_plan]\nslides = acme_slides:plugin [extra]\n\n"
        "[safeguarding_plan.exporters]\nslides=acme_slides:plugin [extra]\n",
    )
    _distribution(first, "other", "[console_scripts]\nother = other:main\n")
    # The same distribution again, further along the path: importlib.metadata reads the first.
    _distribution(second, "acme_slides", "[safeguarding_plan]\nstale = acme_slides\n")
    _distribution(second, "acme_table", "[safeguarding_plan]\ntable = acme_table\n")
    (first / "acme_slides.py").write_text("plugin = 'the plugin object'\n")
    monkeypatch.setattr(sys, "path", [str(first), str(second)])
    expected = importlib.metadata.entry_points(group="safeguarding_plan")
    monkeypatch.delitem(sys.modules, "importlib.metadata")
    found = installed_plugins(autoload=True)
    assert "importlib.metadata" not in sys.modules
    assert [(p.name, p.value, p.group) for p in found] == [
        (p.name, p.value, p.group) for p in expected
    ]
    assert [(p.dist.name, p.dist.version) for p in found] == [
        ("Acme.Slides", "1.0"),
        ("acme_table", "1.0"),
    ]
    assert found[0].load() == "the plugin object"
    assert declared(found[0]).exporters == {"slides"}


def test_with_nothing_naming_the_group_no_plugin_is_looked_for_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _distribution(tmp_path, "other", "[console_scripts]\nother = other:main\n")
    # The group's name elsewhere than as a section: this package's own pytest plugin, say.
    _distribution(tmp_path, "own", "[pytest11]\nsafeguarding_plan = safeguarding_plan.testing\n")
    _distribution(tmp_path, "bare", None)
    (tmp_path / "old-1.0.egg-info").write_text("Metadata-Version: 1.0\nName: old\n")  # a file
    path = [str(tmp_path), str(tmp_path / "not-there")]
    assert not may_be_installed(path)

    def never(**params: object) -> None:
        raise AssertionError("importlib.metadata was asked")

    monkeypatch.setattr(sys, "path", path)
    monkeypatch.setattr(importlib.metadata, "entry_points", never)
    # As in a command's fresh process, where nothing has imported importlib.metadata yet.
    monkeypatch.delitem(sys.modules, "importlib.metadata")
    assert installed_plugins(autoload=True) == ()


def test_once_importlib_metadata_is_imported_it_is_asked_straight_away(
    tmp_path: Path, entry_points: list[EntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _csv())))
    monkeypatch.setattr(sys, "path", [str(tmp_path)])  # where nothing names the group
    assert [point.name for point in installed_plugins(autoload=True)] == ["acme"]


def test_what_only_importlib_metadata_reads_is_left_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins = tmp_path / "plugins.zip"
    with zipfile.ZipFile(plugins, "w") as archive:
        archive.writestr("acme-1.0.dist-info/entry_points.txt", "[safeguarding_plan]\n")
    assert may_be_installed([str(plugins)])
    eggs = tmp_path / "eggs"
    (eggs / "acme-1.0-py3.11.egg").mkdir(parents=True)
    assert may_be_installed([str(eggs)])

    class Finder:
        """A finder of distributions besides the standard one, as a tool may install."""

        def find_spec(self, *args: object) -> None:
            return None

        def find_distributions(self, *args: object) -> Iterator[object]:
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder()])
    assert may_be_installed([])


# --- installed plugins imported only when what they provide is needed -------------------------


def _counted(loaded: list[str], name: str, plugin: object) -> Callable[[], object]:
    """An entry point's load that notes, in ``loaded``, that the plugin was imported."""

    def load() -> object:
        loaded.append(name)
        return plugin

    return load


class _AddsTimescale:
    @hookimpl
    def register_timescales(self, register: Callable[[object], None]) -> None:
        register(
            sp.Timescale(
                step="board_briefed",
                label="Brief the Executive Board",
                start="published",
                end="board_briefed",
                length=1,
                unit=sp.Unit.MONTHS,
                source="Regional learning framework",
                kinds=(sp.CaseReviewKind.LCSPR,),
            )
        )


def test_a_plugin_declaring_its_exporters_is_imported_only_when_one_is_used(
    entry_points: list[EntryPoint], birmingham: sp.Plan
) -> None:
    loaded: list[str] = []
    slides = _plugin("slides", _csv("slides"))
    entry_points.append(
        EntryPoint("slides", _counted(loaded, "slides", slides), exporters=["slides"])
    )
    table = _plugin("acme", _csv())
    entry_points.append(EntryPoint("acme", _counted(loaded, "acme", table), exporters=["csv"]))
    manager = get_plugin_manager(lazy=True)
    assert loaded == []
    # Birmingham has case reviews: neither declares a timescale, so neither is imported to
    # time them.
    export(birmingham, "md", io.BytesIO(), plugin_manager=manager)
    assert manager.timescales == ()
    assert loaded == []
    out = io.BytesIO()
    export(birmingham, "slides", out, plugin_manager=manager)
    assert out.getvalue() == b"slides:24:{}"
    assert loaded == ["slides"]
    assert manager.exporters["slides"].origin == "acme-exporters 1.2.3"
    # Listing every exporter imports every plugin, in the order they were found.
    assert list(manager.exporters) == ["docx", "xlsx", "md", "json", "slides", "csv"]
    assert loaded == ["slides", "acme"]


def test_export_without_a_manager_imports_only_the_plugin_used(
    entry_points: list[EntryPoint], birmingham: sp.Plan
) -> None:
    loaded: list[str] = []
    entry_points.append(
        EntryPoint("acme", _counted(loaded, "acme", _plugin("acme", _csv())), exporters=["csv"])
    )
    sp.export(birmingham, "docx", io.BytesIO())
    assert loaded == []
    out = io.BytesIO()
    sp.export(birmingham, "csv", out)
    assert (out.getvalue(), loaded) == (b"csv:24:{}", ["acme"])


def test_a_plugin_declaring_nothing_is_imported_when_it_may_provide_what_is_needed(
    entry_points: list[EntryPoint], birmingham: sp.Plan
) -> None:
    # As every plugin was before it could declare: it may add a timescale or any exporter.
    plain = two_reviews()
    loaded: list[str] = []
    old = _plugin("old", _csv("old"))
    entry_points.append(EntryPoint("old", _counted(loaded, "old", old)))
    assert not plain.case_reviews
    sp.export(plain, "md", io.BytesIO())  # nothing to time, a built-in exporter
    assert loaded == []
    sp.export(birmingham, "md", io.BytesIO())  # case reviews: it may add a timescale
    assert loaded == ["old"]
    loaded.clear()
    out = io.BytesIO()
    sp.export(plain, "old", out)  # an exporter no plugin declares
    assert (out.getvalue().startswith(b"old:"), loaded) == (True, ["old"])


def test_an_exporter_no_plugin_declares_is_looked_for_in_every_plugin(
    entry_points: list[EntryPoint],
) -> None:
    loaded: list[str] = []
    declaring = _plugin("acme", _csv())
    entry_points.append(EntryPoint("acme", _counted(loaded, "acme", declaring), exporters=["csv"]))
    manager = get_plugin_manager(lazy=True)
    with pytest.raises(ExporterError) as raised:
        manager.exporter("pdf")
    assert str(raised.value) == "no exporter 'pdf'; installed: docx, xlsx, md, json, csv"
    assert loaded == ["acme"]


def test_a_plugin_declaring_a_timescale_is_imported_to_time_case_reviews(
    entry_points: list[EntryPoint],
) -> None:
    loaded: list[str] = []
    regional = _counted(loaded, "regional", _AddsTimescale())
    entry_points.append(EntryPoint("regional", regional, steps=["board_briefed"]))
    manager = get_plugin_manager(lazy=True)
    manager.exporter("md")
    assert loaded == []
    assert [t.step for t in manager.timescales] == ["board_briefed"]
    assert loaded == ["regional"]


def test_a_failing_plugin_is_told_once_however_often_it_is_asked(
    entry_points: list[EntryPoint],
) -> None:
    module = types.ModuleType("failing")

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        raise RuntimeError("no luck")

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    entry_points.append(EntryPoint("failing", lambda: module, exporters=["fail"]))
    manager = get_plugin_manager(lazy=True)
    with pytest.warns(PluginWarning) as caught, pytest.raises(ExporterError):
        manager.exporter("fail")
    assert "fail" not in manager.exporters  # asked again, it is not told again
    assert [str(w.message) for w in caught] == [
        "plugin 'failing' (acme-exporters 1.2.3) could not register its exporters: no luck"
    ]


def test_what_a_distribution_declares_is_read_from_its_entry_points(tmp_path: Path) -> None:
    _distribution(
        tmp_path,
        "acme_slides",
        "[safeguarding_plan]\nslides = acme_slides\n"
        "[safeguarding_plan.exporters]\nslides = acme_slides\nposter = acme_slides\n"
        "[safeguarding_plan.timescales]\nboard_briefed = acme_slides\n"
        "[console_scripts]\nslides = acme_slides:main\n",
    )
    _distribution(tmp_path, "acme_old", "[safeguarding_plan]\nold = acme_old\n")
    found = {
        point.name: declared(point)
        for dist in importlib.metadata.distributions(path=[str(tmp_path)])
        for point in dist.entry_points.select(group="safeguarding_plan")
    }
    assert (found["slides"].exporters, found["slides"].timescales) == (
        frozenset({"slides", "poster"}),
        True,
    )
    assert found["slides"].may_register("poster")
    assert not found["slides"].may_register("csv")
    assert (found["old"].exporters, found["old"].timescales) == (None, True)


def test_autoload_can_be_switched_off_by_environment(
    entry_points: list[EntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _csv())))
    monkeypatch.setenv(DISABLE_AUTOLOAD, "1")
    assert list(sp.exporters()) == ["docx", "xlsx", "md", "json"]
    monkeypatch.setenv(DISABLE_AUTOLOAD, "0")
    assert list(sp.exporters()) == ["docx", "xlsx", "md", "json", "csv"]


def test_a_taken_name_is_refused_and_the_first_exporter_stays(make_plugin_manager: Any) -> None:
    manager = make_plugin_manager(_plugin("imposter", _csv(name="md"), _csv()))
    with pytest.warns(PluginWarning, match="could not register its exporters") as caught:
        found = manager.exporters
    assert "exporter name 'md' from test plugin imposter is already taken by built-in" in str(
        caught[0].message
    )
    assert found["md"].origin == "built-in"
    assert "csv" not in found  # the plugin stopped at its first refused exporter


def test_register_refuses_what_is_not_an_exporter(make_plugin_manager: Any) -> None:
    module = types.ModuleType("sloppy")

    @hookimpl
    def register_exporters(register: Callable[[Any], None]) -> None:
        register("csv")

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    with pytest.warns(PluginWarning, match="register\\(\\) takes an Exporter, not str"):
        assert list(make_plugin_manager(module).exporters) == ["docx", "xlsx", "md", "json"]


def test_an_unknown_name_is_answered_with_what_is_installed(make_plugin_manager: Any) -> None:
    with pytest.raises(
        ExporterError, match=r"^no exporter 'nope'; installed: docx, xlsx, md, json$"
    ):
        make_plugin_manager().exporter("nope")


@pytest.mark.parametrize("name", ["", "Md", "my exporter", "-x", "x/y", "é"])
def test_exporter_names_are_what_users_can_type(name: str) -> None:
    with pytest.raises(ExporterError, match="must be lower-case letters"):
        _csv(name=name)


def test_options_an_exporter_does_not_take_are_refused(birmingham: sp.Plan) -> None:
    with pytest.raises(
        ExporterError, match=r"exporter 'md' takes no option 'template' \(options: none\)"
    ):
        export(birmingham, "md", io.BytesIO(), options={"template": "house.docx"})


def test_options_are_passed_to_the_writer(make_plugin_manager: Any, birmingham: sp.Plan) -> None:
    manager = make_plugin_manager(_plugin("acme", _csv(options=(Option("delimiter"),))))
    out = io.BytesIO()
    export(birmingham, "csv", out, plugin_manager=manager, options={"delimiter": ";"})
    assert out.getvalue() == b"csv:24:{'delimiter': ';'}"


def _failing(after: bytes, error: BaseException) -> Exporter:
    def write(report: sp.Report, stream: Any, options: Any) -> None:
        stream.write(after)
        raise error

    return Exporter(name="bad", title="Bad", suffix=".txt", media_type="text/plain", write=write)


@pytest.mark.parametrize("error", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_a_failed_export_leaves_the_earlier_file_and_no_temporary(
    make_plugin_manager: Any, birmingham: sp.Plan, tmp_path: Path, error: BaseException
) -> None:
    target = tmp_path / "paper.txt"
    target.write_bytes(b"last week's paper")
    manager = make_plugin_manager(_plugin("acme", _failing(b"half a pap", error)))
    with pytest.raises((ExporterError, KeyboardInterrupt)):
        export(birmingham, "bad", target, plugin_manager=manager)
    assert target.read_bytes() == b"last week's paper"
    assert [p.name for p in tmp_path.iterdir()] == ["paper.txt"]


def test_a_plugin_error_names_the_exporter_and_where_it_comes_from(
    make_plugin_manager: Any, birmingham: sp.Plan
) -> None:
    manager = make_plugin_manager(_plugin("acme", _failing(b"", ValueError("bad cell"))))
    with pytest.raises(
        ExporterError, match=r"^exporter 'bad' \(test plugin acme\) failed: ValueError: bad cell$"
    ):
        export(birmingham, "bad", io.BytesIO(), plugin_manager=manager)


def test_export_to_a_path_writes_the_whole_file_with_ordinary_permissions(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    target = tmp_path / "plan.md"
    export(birmingham, "md", target)
    stream = io.BytesIO()
    export(birmingham, "md", stream)
    assert target.read_bytes() == stream.getvalue()
    assert target.stat().st_mode & 0o777 != 0o600


@pytest.mark.parametrize(
    ("target", "named"),
    [
        (5, "not int"),
        (None, "not NoneType"),
        (b"paper.md", "not bytes"),
        (io.StringIO(), "not a text stream (StringIO); give its binary buffer"),
        (io.TextIOWrapper(io.BytesIO()), "not a text stream (TextIOWrapper); give its binary"),
    ],
    ids=["number", "none", "bytes", "string-io", "text-wrapper"],
)
def test_a_target_neither_path_nor_binary_stream_is_refused_before_anything_is_done(
    make_plugin_manager: Any, birmingham: sp.Plan, target: object, named: str
) -> None:
    written: list[bytes] = []
    manager = make_plugin_manager(_plugin("acme", _recording(written)))
    for exporter in ("md", "rec"):
        with pytest.raises(TypeError) as caught:
            export(birmingham, exporter, target, plugin_manager=manager)  # type: ignore[arg-type]
        assert str(caught.value).startswith(
            "export() writes to a path (str or os.PathLike) or a binary stream (a file opened "
            f"with 'wb', io.BytesIO(), sys.stdout.buffer), {named}"
        )
    assert written == []


def _recording(written: list[bytes]) -> Exporter:
    def write(report: sp.Report, stream: Any, options: Any) -> None:
        written.append(b"called")

    return Exporter(name="rec", title="Rec", suffix=".txt", media_type="text/plain", write=write)


def test_run_exporter_fixture_returns_the_file(run_exporter: Any) -> None:
    data = json.loads(run_exporter("json"))
    assert data["score"]["complete"] == 24


def test_importing_the_package_loads_no_plugins() -> None:
    code = (
        "import sys, safeguarding_plan; "
        "print('pluggy' in sys.modules, 'safeguarding_plan.exporting' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_plugin_manager_is_a_pluggy_manager_for_our_project() -> None:
    manager = get_plugin_manager(autoload=False)
    assert isinstance(manager, PluginManager)
    assert manager.project_name == "safeguarding_plan"
    assert sp.hookimpl is hookimpl


def test_a_plugin_with_a_misnamed_hook_argument_does_not_take_the_others_down(
    entry_points: list[EntryPoint],
) -> None:
    module = types.ModuleType("wrong")

    @hookimpl
    def register_exporters(reg: Callable[[Exporter], None]) -> None:
        reg(_csv())

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    entry_points.append(EntryPoint("wrong", lambda: module))
    with pytest.warns(
        PluginWarning, match=r"plugin 'wrong' \(acme-exporters 1.2.3\) failed to load"
    ):
        manager = get_plugin_manager()
    assert list(manager.exporters) == ["docx", "xlsx", "md", "json"]

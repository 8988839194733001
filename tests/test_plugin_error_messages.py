"""A plugin's exception that cannot say what it is: its ``__str__`` raises. Telling of the
failure must not fail in turn: never a traceback, and a broken plugin never takes the others
down, whether it fails as it is imported, as it registers, as it writes or as it checks an
option. Installed plugins are faked, never installed."""

from __future__ import annotations

import io
import json
import types
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, NoReturn

import pytest
from conftest import BIRMINGHAM, EntryPoint

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.exporting.guard import described, message, tellable

UNSHOWN = "(its message could not be shown)"


class MuteError(Exception):
    """An exception whose message cannot be made."""

    def __str__(self) -> str:
        return str(1 / 0)


class MuteValueError(ValueError):
    """What a converter raises to refuse a value, its message unmakeable."""

    def __str__(self) -> str:
        return str(1 / 0)


class LeavingError(Exception):
    """An exception whose ``__str__`` calls sys.exit()."""

    def __str__(self) -> NoReturn:
        raise SystemExit(3)


class Tricky(str):
    """A text that fails as it is formatted."""

    def __format__(self, spec: str) -> str:
        raise RuntimeError("no")


class OddError(Exception):
    def __str__(self) -> str:
        return Tricky("odd")


class MuteWriterError(sp.ExporterError):
    def __str__(self) -> str:
        return str(1 / 0)


def _raise(error: BaseException) -> Callable[..., Any]:
    def raising(*_: object) -> Any:
        raise error

    return raising


def _refuse(value: object) -> str:
    raise MuteValueError()


def _plugin(
    *,
    write: Callable[..., None] | None = None,
    exporters: Callable[[], None] | None = None,
    timescales: Callable[[], None] | None = None,
) -> types.ModuleType:
    """A plugin module with a ``broken`` exporter (of one option, ``size``, that refuses every
    value) that fails where it is told to: as it registers its exporters (``exporters``), or its
    timescales (``timescales``), or as ``broken`` writes (``write``)."""
    module = types.ModuleType("broken")

    def writing(report: sp.Report, stream: IO[bytes], options: Any) -> None:
        stream.write(b"broken")

    @sp.hookimpl
    def register_exporters(register: Callable[[sp.Exporter], None]) -> None:
        if exporters:
            exporters()
        option = sp.Option("size", _refuse)
        register(sp.Exporter("broken", "Broken", ".txt", "text/plain", write or writing, (option,)))

    @sp.hookimpl
    def register_timescales(register: Callable[[sp.Timescale], None]) -> None:
        if timescales:
            timescales()

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    module.register_timescales = register_timescales  # type: ignore[attr-defined]
    return module


def _others(entry_points: list[EntryPoint], broken: Callable[[], object]) -> None:
    """Install the broken plugin, then a working one that adds ``csv``."""
    entry_points.append(EntryPoint("broken", broken, dist="acme-broken"))
    module = types.ModuleType("acme")

    def write(report: sp.Report, stream: IO[bytes], options: Any) -> None:
        stream.write(b"csv")

    @sp.hookimpl
    def register_exporters(register: Callable[[sp.Exporter], None]) -> None:
        register(sp.Exporter("csv", "CSV", ".csv", "text/csv", write))

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    entry_points.append(EntryPoint("acme", lambda: module))


# --- describing any exception ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "said", "told"),
    [
        (KeyError("priority"), "'priority'", "KeyError: 'priority'"),
        (RuntimeError(), "", "RuntimeError"),
        (MuteError(), f"MuteError {UNSHOWN}", f"MuteError {UNSHOWN}"),
        (LeavingError(), f"LeavingError {UNSHOWN}", f"LeavingError {UNSHOWN}"),
        (OddError(), "odd", "OddError: odd"),
    ],
)
def test_describing_an_exception_never_fails(error: Exception, said: str, told: str) -> None:
    assert (message(error), described(error)) == (said, told)
    assert type(message(error)) is str
    assert tellable(error) is not isinstance(error, MuteError | LeavingError)


def test_a_stop_asked_for_while_describing_is_not_swallowed() -> None:
    class StoppingError(Exception):
        def __str__(self) -> NoReturn:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        described(StoppingError())


# --- where a plugin's code runs -------------------------------------------------------------


def test_at_import_the_plugin_is_skipped_by_name_and_the_rest_still_work(
    entry_points: list[EntryPoint], birmingham: sp.Plan
) -> None:
    _others(entry_points, _raise(MuteError()))
    with pytest.warns(sp.PluginWarning) as caught:
        found = sp.exporters()
    assert [str(w.message) for w in caught] == [
        f"plugin 'broken' (acme-broken 1.2.3) failed to load and is skipped: MuteError {UNSHOWN}"
    ]
    assert list(found) == ["docx", "xlsx", "md", "json", "csv"]


@pytest.mark.parametrize("hook", ["exporters", "timescales"])
def test_in_a_register_hook_the_plugin_is_named_and_the_rest_still_work(
    entry_points: list[EntryPoint], hook: str
) -> None:
    fails = {hook: _raise(MuteError())}
    _others(entry_points, lambda: _plugin(**fails))
    manager = sp.get_plugin_manager()
    with pytest.warns(sp.PluginWarning) as caught:
        found, timescales = manager.exporters, manager.timescales
    assert [str(w.message) for w in caught] == [
        f"plugin 'broken' (acme-broken 1.2.3) could not register its {hook}: MuteError {UNSHOWN}"
    ]
    assert "csv" in found
    assert ("broken" in found) is (hook == "timescales")
    assert timescales == ()


@pytest.mark.parametrize(
    "error",
    [MuteError(), LeavingError(), MuteWriterError()],
    ids=lambda error: type(error).__name__,
)
def test_in_write_the_export_fails_naming_the_exporter(
    entry_points: list[EntryPoint], birmingham: sp.Plan, error: Exception
) -> None:
    _others(entry_points, lambda: _plugin(write=_raise(error)))
    with pytest.raises(sp.ExporterError) as caught:
        sp.export(birmingham, "broken", io.BytesIO())
    name = type(error).__name__
    assert str(caught.value) == f"exporter 'broken' (acme-broken 1.2.3) failed: {name} {UNSHOWN}"
    out = io.BytesIO()
    sp.export(birmingham, "csv", out)
    assert out.getvalue() == b"csv"


def test_an_option_converter_refusing_is_one_problem(
    entry_points: list[EntryPoint], birmingham: sp.Plan
) -> None:
    _others(entry_points, _plugin)
    with pytest.raises(sp.OptionError) as caught:
        sp.export(birmingham, "broken", io.BytesIO(), options={"size": "A4"})
    assert caught.value.problems == (
        f"option 'size' of exporter 'broken': MuteValueError {UNSHOWN}",
    )


# --- the command line: one line, never a traceback ------------------------------------------


def test_the_command_line_tells_each_in_one_line(
    entry_points: list[EntryPoint], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _others(entry_points, lambda: _plugin(write=_raise(MuteError())))
    target = tmp_path / "paper.txt"
    assert main(["export", str(BIRMINGHAM), "-f", "broken", "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"safeguarding-plan: exporter 'broken' (acme-broken 1.2.3) failed: MuteError {UNSHOWN}\n"
    )
    assert main(["export", str(BIRMINGHAM), "-f", "broken", "-O", "size=A4", "-o", str(target)])
    assert capsys.readouterr().err == (
        f"safeguarding-plan: option 'size' of exporter 'broken': MuteValueError {UNSHOWN}\n"
    )
    assert not target.exists()


@pytest.mark.parametrize(
    "command",
    [["exporters"], ["score", str(BIRMINGHAM), "--json"], ["export", str(BIRMINGHAM), "-f", "csv"]],
    ids=["exporters", "score", "export"],
)
def test_a_plugin_failing_at_import_takes_no_command_down(
    entry_points: list[EntryPoint],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    _others(entry_points, _raise(MuteError()))
    monkeypatch.chdir(tmp_path)
    assert main(command) == 0
    out, err = capsys.readouterr()
    assert err.splitlines()[0] == (
        "safeguarding-plan: warning: plugin 'broken' (acme-broken 1.2.3) failed to load and is "
        f"skipped: MuteError {UNSHOWN}"
    )
    if command[0] == "score":
        assert json.loads(out)["actions"] == 33

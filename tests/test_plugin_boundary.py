"""Plugins at the boundary: sys.exit() and other BaseExceptions, print(), the autoload switch
and the file name ending an exporter may declare. Installed plugins are faked, never installed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest
from conftest import BIRMINGHAM, EntryPoint

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.exporting.discovery import DISABLE_AUTOLOAD, PluginWarning
from safeguarding_plan.exporting.exporter import Exporter, ExporterError
from safeguarding_plan.exporting.hookspecs import hookimpl
from safeguarding_plan.exporting.manager import get_plugin_manager
from safeguarding_plan.exporting.running import export

BUILT_INS = ["docx", "xlsx", "md", "json"]


def _writer(data: bytes) -> Callable[[sp.Report, IO[bytes], Any], None]:
    def write(report: sp.Report, stream: IO[bytes], options: Any) -> None:
        stream.write(data)

    return write


def _exporter(name: str = "csv", suffix: str = ".csv", write: Any = None) -> Exporter:
    return Exporter(name, "Test", suffix, "text/plain", write or _writer(name.encode()))


def _plugin(name: str, *exporters: Exporter, before: Callable[[], None] | None = None) -> Any:
    """A plugin module registering ``exporters``, after calling ``before`` if given."""
    module = types.ModuleType(name)

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        if before:
            before()
        for exporter in exporters:
            register(exporter)

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    return module


class _Boom(BaseException):
    """What a plugin might raise that is not an Exception."""


def _raise(error: BaseException) -> Callable[..., Any]:
    def raising(*_: object) -> Any:
        raise error

    return raising


# --- sys.exit() and other BaseExceptions ----------------------------------------------------------

STOPS = [
    pytest.param(SystemExit(0), "SystemExit: 0", id="exit-0"),
    pytest.param(SystemExit(), "SystemExit", id="exit"),
    pytest.param(SystemExit("bye"), "SystemExit: bye", id="exit-text"),
    pytest.param(_Boom("out of cheese"), "_Boom: out of cheese", id="base-exception"),
    pytest.param(GeneratorExit(), "GeneratorExit", id="generator-exit"),
]


@pytest.mark.parametrize(("error", "shown"), STOPS)
def test_a_plugin_stopping_in_its_import_is_skipped_by_name(
    entry_points: list[EntryPoint], birmingham: sp.Plan, error: BaseException, shown: str
) -> None:
    entry_points.append(EntryPoint("quitter", _raise(error), dist="acme-quit"))
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _exporter())))
    with pytest.warns(PluginWarning) as caught:
        manager = get_plugin_manager()
    assert [str(w.message) for w in caught] == [
        f"plugin 'quitter' (acme-quit 1.2.3) failed to load and is skipped: {shown}"
    ]
    assert list(manager.exporters) == [*BUILT_INS, "csv"]
    out = io.BytesIO()
    export(birmingham, "md", out, plugin_manager=manager)
    assert out.getvalue().startswith(b"# Business Improvement Plan 2021/23")


@pytest.mark.parametrize(("error", "shown"), STOPS)
def test_a_plugin_stopping_in_its_registration_is_skipped_by_name(
    entry_points: list[EntryPoint], error: BaseException, shown: str
) -> None:
    entry_points.append(
        EntryPoint("quitter", lambda: _plugin("quitter", before=_raise(error)), dist="acme-quit")
    )
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _exporter())))
    with pytest.warns(PluginWarning) as caught:
        found = get_plugin_manager().exporters
    assert [str(w.message) for w in caught] == [
        f"plugin 'quitter' (acme-quit 1.2.3) could not register its exporters: {shown}"
    ]
    assert list(found) == [*BUILT_INS, "csv"]


@pytest.mark.parametrize(("error", "shown"), STOPS)
def test_a_plugin_stopping_in_write_is_a_failed_export_and_no_file(
    entry_points: list[EntryPoint],
    birmingham: sp.Plan,
    tmp_path: Path,
    error: BaseException,
    shown: str,
) -> None:
    quitter = _exporter("quit", ".txt", write=_raise(error))
    entry_points.append(EntryPoint("quitter", lambda: _plugin("quitter", quitter), "acme-quit"))
    target = tmp_path / "paper.txt"
    with pytest.raises(ExporterError) as caught:
        export(birmingham, "quit", target)
    assert str(caught.value) == f"exporter 'quit' (acme-quit 1.2.3) failed: {shown}"
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_in_a_plugin_still_stops_everything(entry_points: list[EntryPoint]) -> None:
    entry_points.append(EntryPoint("slow", _raise(KeyboardInterrupt())))
    with pytest.raises(KeyboardInterrupt):
        get_plugin_manager()


def test_sys_exit_0_in_a_plugin_never_makes_the_command_look_successful(
    entry_points: list[EntryPoint], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quitter = _exporter("quit", ".txt", write=_raise(SystemExit(0)))
    entry_points.append(EntryPoint("loader", _raise(SystemExit(0)), dist="acme-load"))
    entry_points.append(EntryPoint("quitter", lambda: _plugin("quitter", quitter), "acme-quit"))
    written = tmp_path / "paper.md"
    assert main(["export", str(BIRMINGHAM), "-f", "md", "-o", str(written)]) == 0
    assert capsys.readouterr().err == (
        "safeguarding-plan: warning: plugin 'loader' (acme-load 1.2.3) failed to load and is "
        f"skipped: SystemExit: 0\nwrote {written} (md, board)\n"
    )
    assert written.read_bytes().startswith(b"# Business Improvement Plan 2021/23")
    failed = tmp_path / "paper.txt"
    assert main(["export", str(BIRMINGHAM), "-f", "quit", "-o", str(failed)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "safeguarding-plan: exporter 'quit' (acme-quit 1.2.3) failed: SystemExit: 0"
    )
    assert not failed.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.md"]


# --- a stream closed ------------------------------------------------------------------------------


def _closing(how: str) -> Callable[[sp.Report, IO[bytes], Any], None]:
    def write(report: sp.Report, stream: IO[bytes], options: Any) -> None:
        if how == "with-wrapper":
            with io.TextIOWrapper(stream, encoding="utf-8") as text:  # closes the stream too
                text.write("a whole paper")
        elif how == "wrapper-dropped":
            text = io.TextIOWrapper(stream, encoding="utf-8")
            text.write("a whole paper")
            text.flush()  # and the wrapper, garbage-collected on return, closes the stream
        elif how == "close":
            stream.write(b"a whole paper")
            stream.close()
        elif how == "detach":
            stream.write(b"a whole paper")
            stream.detach()  # type: ignore[attr-defined]
        else:  # closed, then failing as it goes on writing
            stream.close()
            stream.write(b"more")

    return write


CLOSED = (
    "exporter 'closer' (acme-close 1.2.3) failed: it closed the stream it was given (closing a "
    "wrapper such as io.TextIOWrapper, or letting it be garbage-collected, closes the stream "
    "too; call the wrapper's detach() instead)"
)
CLOSINGS = ["with-wrapper", "wrapper-dropped", "close", "detach", "write-after-close"]


@pytest.mark.parametrize("how", CLOSINGS)
def test_a_plugin_closing_its_stream_is_named_exit_2_and_no_file(
    entry_points: list[EntryPoint],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    """Even when what it wrote before closing is the whole document: a writer that closes its
    stream is faulty, and its document is not trusted."""
    closer = _exporter("closer", ".txt", write=_closing(how))
    entry_points.append(EntryPoint("closer", lambda: _plugin("closer", closer), "acme-close"))
    paper = tmp_path / "paper.txt"
    paper.write_bytes(b"last quarter's paper")
    assert main(["export", str(BIRMINGHAM), "-f", "closer", "-o", str(paper)]) == 2
    assert capsys.readouterr().err == f"safeguarding-plan: {CLOSED}\n"
    assert paper.read_bytes() == b"last quarter's paper"
    assert main(["export", str(BIRMINGHAM), "-f", "closer", "-o", str(tmp_path / "new.txt")]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.txt"]


@pytest.mark.parametrize("how", [how for how in CLOSINGS if how != "detach"])  # not a BytesIO's
def test_a_plugin_closing_a_stream_it_was_given_by_a_program_is_named(
    entry_points: list[EntryPoint], birmingham: sp.Plan, how: str
) -> None:
    closer = _exporter("closer", ".txt", write=_closing(how))
    entry_points.append(EntryPoint("closer", lambda: _plugin("closer", closer), "acme-close"))
    with pytest.raises(ExporterError) as caught:
        export(birmingham, "closer", io.BytesIO())
    assert str(caught.value) == CLOSED


_CLOSING_STDOUT = """
import importlib.metadata, io, sys, types
import safeguarding_plan as sp
from safeguarding_plan.cli import main

def write(report, stream, options):
    with io.TextIOWrapper(stream, encoding="utf-8") as text:
        text.write("a whole paper")

@sp.hookimpl
def register_exporters(register):
    register(sp.Exporter("closer", "Closer", ".txt", "text/plain", write))

module = types.ModuleType("acme_close")
module.register_exporters = register_exporters
dist = types.SimpleNamespace(name="acme-close", version="1.2.3")
entry = types.SimpleNamespace(name="closer", load=lambda: module, dist=dist)
importlib.metadata.entry_points = lambda *, group: [entry] if group == "safeguarding_plan" else []
sys.exit(main(sys.argv[1:]))
"""


def test_a_plugin_closing_standard_output_is_named_and_exit_2() -> None:
    """The document it wrote before closing its stream is not trusted: none of it reaches
    standard output."""
    env = {k: v for k, v in os.environ.items() if k != DISABLE_AUTOLOAD}
    ran = subprocess.run(
        [sys.executable, "-c", _CLOSING_STDOUT, "export", str(BIRMINGHAM), "-f", "closer", "-o",
         "-"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert (ran.returncode, ran.stdout, ran.stderr) == (2, "", f"safeguarding-plan: {CLOSED}\n")


def _whole_then(failure: str) -> Callable[[sp.Report, IO[bytes], Any], None]:
    """A writer that writes a whole document, then fails as ``failure`` says."""

    def write(report: sp.Report, stream: IO[bytes], options: Any) -> None:
        stream.write(b"a whole paper\n" * 10_000)
        stream.flush()
        if failure == "raise":
            raise RuntimeError("lost the last page")
        if failure == "exit-0":
            sys.exit(0)
        stream.close()

    return write


@pytest.mark.parametrize(
    ("failure", "shown"),
    [
        ("raise", "RuntimeError: lost the last page"),
        ("exit-0", "SystemExit: 0"),
        ("close", CLOSED.split(" failed: ")[1]),
    ],
)
def test_a_failed_export_to_standard_output_writes_nothing_there(
    entry_points: list[EntryPoint], capsys: pytest.CaptureFixture[str], failure: str, shown: str
) -> None:
    """Standard output cannot be put back as a file can, so the document waits in a temporary
    buffer until the export has succeeded; a failed one is not trusted, and none of it goes
    out."""
    failing = _exporter("failing", ".txt", write=_whole_then(failure))
    entry_points.append(EntryPoint("failing", lambda: _plugin("failing", failing), "acme-fail"))
    assert main(["export", str(BIRMINGHAM), "-f", "failing", "-o", "-"]) == 2
    assert capsys.readouterr() == (
        "",
        f"safeguarding-plan: exporter 'failing' (acme-fail 1.2.3) failed: {shown}\n",
    )


# --- print() --------------------------------------------------------------------------------------


def _noisy() -> Any:
    print("noisy: imported")

    def write(report: sp.Report, stream: IO[bytes], options: Any) -> None:
        print("noisy: writing")
        sys.stdout.write("noisy: writing again\n")
        stream.write(b"the noisy document")

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        print("noisy: registering exporters")
        register(_exporter("noisy", ".txt", write=write))

    @hookimpl
    def register_timescales(register: Callable[[sp.Timescale], None]) -> None:
        print("noisy: registering timescales")

    module = types.ModuleType("noisy")
    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    module.register_timescales = register_timescales  # type: ignore[attr-defined]
    return module


@pytest.mark.parametrize("exporter", ["md", "json"])
def test_a_plugin_printing_never_gets_into_a_document_on_standard_output(
    entry_points: list[EntryPoint], capsysbinary: pytest.CaptureFixture[bytes], exporter: str
) -> None:
    export = ["export", str(BIRMINGHAM), "-f", exporter, "-o", "-"]
    assert main([*export, "--no-plugins"]) == 0
    quiet = capsysbinary.readouterr()
    entry_points.append(EntryPoint("noisy", _noisy))
    assert main(export) == 0
    noisy = capsysbinary.readouterr()
    assert noisy.out == quiet.out
    assert quiet.err == b""
    assert noisy.err.decode().splitlines() == [
        "noisy: imported",
        "noisy: registering exporters",
        "noisy: registering timescales",
    ]


def test_a_noisy_plugins_own_document_is_only_its_bytes(
    entry_points: list[EntryPoint], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    entry_points.append(EntryPoint("noisy", _noisy))
    assert main(["export", str(BIRMINGHAM), "-f", "noisy", "-o", "-"]) == 0
    result = capsysbinary.readouterr()
    assert result.out == b"the noisy document"
    assert b"noisy: writing\nnoisy: writing again\n" in result.err


def test_standard_output_is_put_back_after_a_plugin_fails(
    entry_points: list[EntryPoint], birmingham: sp.Plan
) -> None:
    stdout = sys.stdout
    entry_points.append(EntryPoint("quitter", _raise(SystemExit(1))))
    with pytest.warns(PluginWarning):
        manager = get_plugin_manager()
    assert sys.stdout is stdout
    with pytest.raises(ExporterError):
        export(birmingham, "md", io.BytesIO(), plugin_manager=manager, options={"x": ";"})
    assert sys.stdout is stdout


# --- the autoload switch --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "True", "yes", "YES", "on", "On", " on "])
def test_the_usual_true_spellings_switch_autoload_off(
    entry_points: list[EntryPoint], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _exporter())))
    monkeypatch.setenv(DISABLE_AUTOLOAD, value)
    assert list(sp.exporters()) == BUILT_INS


@pytest.mark.parametrize("value", ["", "0", "false", "FALSE", "no", "No", "off", " OFF\t"])
def test_the_usual_false_spellings_leave_autoload_on(
    entry_points: list[EntryPoint], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _exporter())))
    monkeypatch.setenv(DISABLE_AUTOLOAD, value)
    assert list(sp.exporters()) == [*BUILT_INS, "csv"]


@pytest.mark.parametrize("value", ["2", "disable", "y", "enabled", "tru"])
def test_any_other_value_keeps_plugins_out_with_a_warning(
    entry_points: list[EntryPoint], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _exporter())))
    monkeypatch.setenv(DISABLE_AUTOLOAD, value)
    with pytest.warns(PluginWarning) as caught:
        found = sp.exporters()
    assert list(found) == BUILT_INS
    assert [str(w.message) for w in caught] == [
        f"{DISABLE_AUTOLOAD}={value!r} is not one of 1, true, yes, on (or 0, false, no, off); "
        "installed plugins are not loaded"
    ]


def test_the_command_says_so_when_the_switch_is_misspelt(
    entry_points: list[EntryPoint],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _exporter())))
    monkeypatch.setenv(DISABLE_AUTOLOAD, "disabled")
    assert main(["exporters"]) == 0
    out, err = capsys.readouterr()
    assert "csv" not in out
    assert err == (
        f"safeguarding-plan: warning: {DISABLE_AUTOLOAD}='disabled' is not one of 1, true, yes, "
        "on (or 0, false, no, off); installed plugins are not loaded\n"
    )


# --- the suffix -----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".csv", ".tar.gz", ".7z", ".HTML", ".a.b.c"])
def test_a_suffix_is_a_simple_file_name_ending(suffix: str) -> None:
    assert _exporter(suffix=suffix).suffix == suffix


@pytest.mark.parametrize(
    "suffix",
    [
        "/../../x.txt",
        "../x.txt",
        ".txt/..",
        "\\..\\x.txt",
        ".tar/gz",
        "csv",
        "",
        ".",
        "..",
        "..csv",
        ".csv.",
        ".c v",
        ".csv ",
        ".md\0",
        ".é",
        ".a-b",
        ".abcdefghijklmnopq",  # 17 characters
        ".a.b.c.d",
    ],
)
def test_any_other_suffix_is_refused_naming_the_exporter(suffix: str) -> None:
    with pytest.raises(ExporterError) as caught:
        _exporter("evil", suffix=suffix)
    assert str(caught.value) == (
        f"exporter 'evil': suffix {suffix!r} must be a file name ending such as '.csv' or "
        "'.tar.gz': a dot and 1 to 16 letters or digits, at most three times"
    )


def test_a_plugin_with_a_bad_suffix_is_skipped_and_nothing_is_written_outside(
    entry_points: list[EntryPoint],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    evil = types.ModuleType("evil")

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        register(_exporter("evil", suffix="/../../escaped.txt"))  # refused as it is made

    evil.register_exporters = register_exporters  # type: ignore[attr-defined]
    entry_points.append(EntryPoint("evil", lambda: evil, dist="acme-evil"))
    entry_points.append(EntryPoint("acme", lambda: _plugin("acme", _exporter())))
    work = tmp_path / "work"
    # The folder the default name would have gone up through, had the suffix been taken.
    (work / "bscp-business-improvement-plan-2022-02").mkdir(parents=True)
    monkeypatch.chdir(work)
    assert main(["export", str(BIRMINGHAM), "-f", "evil"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "safeguarding-plan: warning: plugin 'evil' (acme-evil 1.2.3) could not register its "
        "exporters: exporter 'evil': suffix '/../../escaped.txt' must be a file name ending such "
        "as '.csv' or '.tar.gz': a dot and 1 to 16 letters or digits, at most three times",
        "safeguarding-plan: no exporter 'evil'; installed: docx, xlsx, md, json, csv",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]
    assert main(["export", str(BIRMINGHAM), "-f", "csv"]) == 0
    assert (work / "bscp-business-improvement-plan-2022-02.csv").read_bytes() == b"csv"

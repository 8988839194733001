"""What the command does when standard output or standard error cannot be written, and how every
warning reaches its user: run as real commands, with real pipes, closed streams and a full disk.

A reader that stops reading (``| head -1``) ends the command quietly with exit code 141, as
SIGPIPE ends ``cat``; standard output closed (``>&-``) or full (``> /dev/full``) is one line on
standard error and exit code 2. Never a traceback, and never Python's own "Exception ignored"
as it exits.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
import types
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BIRMINGHAM

from safeguarding_plan.cli import EXIT_BROKEN_PIPE, main
from safeguarding_plan.exporting.discovery import DISABLE_AUTOLOAD
from safeguarding_plan.exporting.exporter import Exporter, ExportNote
from safeguarding_plan.exporting.hookspecs import hookimpl

COMMAND = [sys.executable, "-m", "safeguarding_plan"]
PLAN = str(BIRMINGHAM)
FULL = Path("/dev/full")
needs_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, DISABLE_AUTOLOAD: "1", **extra}


def _no_python_noise(stderr: bytes) -> None:
    assert b"Traceback" not in stderr
    assert b"Exception ignored" not in stderr
    assert b"Error:" not in stderr  # BrokenPipeError:, OSError:, AttributeError:


# --- a reader that stops reading ------------------------------------------------------------

STOPPED_READING = [
    pytest.param(["score", PLAN, PLAN, PLAN], id="score-many"),
    pytest.param(["score", PLAN, "--json"], id="score-json"),
    pytest.param(["score", PLAN], id="score"),
    pytest.param(["validate", PLAN], id="validate"),
    pytest.param(["export", PLAN, "-f", "json", "-o", "-"], id="export-json"),
    pytest.param(["export", PLAN, "-f", "docx", "-o", "-"], id="export-docx"),
]


@pytest.mark.parametrize("args", STOPPED_READING)
def test_a_reader_that_stops_reading_ends_the_command_quietly(args: list[str]) -> None:
    # The reading end is closed before the command writes anything, as 'head' closes it
    # after its first line: every write the command makes finds no reader.
    with subprocess.Popen(
        [*COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
    ) as process:
        assert process.stdout is not None
        process.stdout.close()
        _, stderr = process.communicate(timeout=120)
    assert (process.returncode, stderr) == (EXIT_BROKEN_PIPE, b"")


def test_help_to_a_reader_that_stopped_is_quiet() -> None:
    with subprocess.Popen(
        [*COMMAND, "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
    ) as process:
        assert process.stdout is not None
        process.stdout.close()
        _, stderr = process.communicate(timeout=120)
    # argparse itself passes over a failed write of its help, and exits 0.
    assert (process.returncode, stderr) in ((0, b""), (EXIT_BROKEN_PIPE, b""))


def test_head_reads_the_first_line_and_the_pipeline_is_quiet(tmp_path: Path) -> None:
    # As a shell pipeline, with many plans: the first line arrives and nothing else is said.
    plans = [PLAN] * 2000
    script = 'exec "$@" | head -1; exit "${PIPESTATUS[0]}"'
    result = subprocess.run(
        ["bash", "-c", script, "bash", *COMMAND, "score", *plans],
        capture_output=True,
        env=_env(),
        timeout=300,
        check=False,
    )
    assert result.stdout.decode().startswith(f"{PLAN}: 73% complete")
    assert result.stdout.count(b"\n") == 1
    assert result.stderr == b""
    assert result.returncode in (0, EXIT_BROKEN_PIPE)  # 0 only if all fitted the pipe first


# --- standard output closed or full -----------------------------------------------------------


def _closed_stdout(args: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    """Run the command as ``command >&-``: standard output closed before it starts."""
    return subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *COMMAND, *args],
        stderr=subprocess.PIPE,
        env=_env(**env),
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["export", PLAN, "-f", "json", "-o", "-"],
        ["export", PLAN, "-f", "docx", "-o", "-"],
        ["validate", PLAN],
        ["score", PLAN, "--json"],
    ],
)
def test_standard_output_closed_is_one_line_and_exit_2(args: list[str]) -> None:
    result = _closed_stdout(args)
    assert result.returncode == 2
    assert result.stderr == b"safeguarding-plan: cannot write to standard output: it is closed\n"


def test_standard_output_closed_matters_only_to_what_writes_there(tmp_path: Path) -> None:
    target = tmp_path / "paper.md"
    result = _closed_stdout(["export", PLAN, "-f", "md", "-o", str(target)])
    assert (result.returncode, result.stderr) == (0, f"wrote {target} (md, board)\n".encode())
    assert target.read_bytes().startswith(b"# Business Improvement Plan 2021/23")


@needs_full
@pytest.mark.parametrize(
    "args",
    [
        ["validate", PLAN],
        ["score", PLAN],
        ["score", PLAN, PLAN, "--json"],
        ["export", PLAN, "-f", "md", "-o", "-"],
        ["export", PLAN, "-f", "xlsx", "-o", "-"],
    ],
)
def test_no_space_on_standard_output_is_one_line_and_exit_2(args: list[str]) -> None:
    with FULL.open("wb") as full:
        result = subprocess.run(
            [*COMMAND, *args], stdout=full, stderr=subprocess.PIPE, env=_env(), check=False
        )
    assert result.returncode == 2
    assert result.stderr == (
        b"safeguarding-plan: cannot write to standard output: No space left on device\n"
    )


@needs_full
def test_a_full_standard_error_is_exit_2_and_no_traceback_anywhere() -> None:
    with FULL.open("wb") as full:
        result = subprocess.run(
            [*COMMAND, "validate", "missing.yaml"],
            stdout=subprocess.PIPE,
            stderr=full,
            env=_env(),
            check=False,
        )
    assert (result.returncode, result.stdout) == (2, b"")


def test_standard_error_closed_never_sends_its_lines_into_a_document_on_standard_output() -> None:
    # A misspelt autoload switch is a warning on standard error; with standard error closed,
    # print() would otherwise write it to standard output, into the document.
    clean = subprocess.run(
        [*COMMAND, "export", PLAN, "-f", "json", "-o", "-"],
        capture_output=True,
        env=_env(),
        check=True,
    )
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" 2>&-', "sh", *COMMAND, "export", PLAN, "-f", "json", "-o", "-"],
        stdout=subprocess.PIPE,
        env=_env(**{DISABLE_AUTOLOAD: "disabled"}),
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, clean.stdout)


# --- warnings: one escaped line each, whenever they come ---------------------------------------

TITLE = "\x1b]0;pwned\x07"
"""What sets a terminal's window title, in a plugin's error."""


def _with_plugin(module: str, name: str = "clock") -> str:
    """A Python program that runs the command with ``module`` (source defining the plugin's
    hooks) installed as plugin ``name``, as an entry point would install it."""
    return textwrap.dedent(
        f"""
        import importlib.metadata, sys, types, warnings
        from safeguarding_plan.plugin import hookimpl
        from safeguarding_plan.plugin import Exporter

        plugin = types.ModuleType({name!r})
        hooks = dict(hookimpl=hookimpl, Exporter=Exporter, warnings=warnings)
        exec({textwrap.dedent(module)!r}, hooks)
        for hook in ("register_exporters", "register_timescales"):
            if hook in hooks:
                setattr(plugin, hook, hooks[hook])

        class EntryPoint:
            name = {name!r}
            dist = types.SimpleNamespace(name="acme-{name}", version="1.0")

            def load(self):
                return plugin

        real = importlib.metadata.entry_points
        importlib.metadata.entry_points = (
            lambda *, group: [EntryPoint()] if group == "safeguarding_plan" else real(group=group)
        )
        from safeguarding_plan.cli import main
        sys.exit(main(sys.argv[1:]))
        """
    )


FAILING_TIMESCALES = f"""
@hookimpl
def register_timescales(register):
    raise RuntimeError({TITLE + " the clock broke"!r})
"""

WARNING_WRITER = f"""
def write(report, stream, options):
    warnings.warn({TITLE + " careful"!r})
    warnings.warn("old", DeprecationWarning)
    warnings.warn("a resource", ResourceWarning)
    stream.write(b"done")

@hookimpl
def register_exporters(register):
    register(Exporter("warner", "Warns", ".txt", "text/plain", write))
"""


def _run_with_plugin(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in (DISABLE_AUTOLOAD, "PYTHONWARNINGS")}
    return subprocess.run(
        [sys.executable, "-c", _with_plugin(module), *args],
        capture_output=True,
        text=True,
        env={**env, "PYTHONWARNINGS": "always"},  # every warning, as a developer sees them
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["export", PLAN, "-f", "md", "-o", "-"], id="export"),
        pytest.param(["exporters"], id="exporters"),
    ],
)
def test_a_plugin_failing_in_register_timescales_is_one_escaped_warning_line(
    args: list[str],
) -> None:
    result = _run_with_plugin(FAILING_TIMESCALES, *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "safeguarding-plan: warning: plugin 'clock' (acme-clock 1.0) could not register its "
        "timescales: \\x1b]0;pwned\\x07 the clock broke"
    ]


def test_every_warning_a_plugin_gives_as_it_writes_is_one_escaped_line() -> None:
    result = _run_with_plugin(WARNING_WRITER, "export", PLAN, "-f", "warner", "-o", "-")
    assert (result.returncode, result.stdout) == (0, "done"), result.stderr
    assert result.stderr.splitlines() == [
        "safeguarding-plan: warning: \\x1b]0;pwned\\x07 careful",
        "safeguarding-plan: warning: DeprecationWarning: old",
        "safeguarding-plan: warning: ResourceWarning: a resource",
    ]
    _no_python_noise(result.stderr.encode())


# In the same process, through main(): what the command prints, each line as the user sees it.


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Callable[[object], None]:
    """Install a plugin module, as an entry point would."""
    plugins: list[Any] = []

    def fake(*, group: str) -> list[Any]:
        return plugins if group == "safeguarding_plan" else []

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)
    monkeypatch.delenv(DISABLE_AUTOLOAD, raising=False)

    def install(module: object) -> None:
        dist = types.SimpleNamespace(name="acme-clock", version="1.0")
        plugins.append(types.SimpleNamespace(name="clock", load=lambda: module, dist=dist))

    return install


def test_timescales_failing_are_told_like_exporters_failing(
    installed: Callable[[object], None], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    module = types.ModuleType("clock")

    @hookimpl
    def register_timescales(register: object) -> None:
        raise RuntimeError(f"{TITLE} the clock broke")

    module.register_timescales = register_timescales  # type: ignore[attr-defined]
    installed(module)
    target = tmp_path / "paper.md"
    assert main(["export", PLAN, "-f", "md", "-o", str(target)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "safeguarding-plan: warning: plugin 'clock' (acme-clock 1.0) could not register its "
        "timescales: \\x1b]0;pwned\\x07 the clock broke",
        f"wrote {target} (md, board)",
    ]


def test_an_export_note_is_a_note_line(
    installed: Callable[[object], None], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    def write(report: object, stream: Any, options: object) -> None:
        warnings.warn(f"dropped {TITLE}", ExportNote, stacklevel=1)
        stream.write(b"noted")

    module = types.ModuleType("clock")

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        register(Exporter("noter", "Notes", ".txt", "text/plain", write))

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    installed(module)
    assert main(["export", PLAN, "-f", "noter", "-o", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert (out, err) == (b"noted", b"safeguarding-plan: note: dropped \\x1b]0;pwned\\x07\n")

"""Writes that never corrupt: an interrupted or failed export leaves the earlier file as it was."""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import signal
import subprocess
import sys
import time
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

import pytest
from conftest import BIRMINGHAM, answer_every_row, larger_plan

import safeguarding_plan as sp
from safeguarding_plan import stopping
from safeguarding_plan.cli import main
from safeguarding_plan.exporting.discovery import DISABLE_AUTOLOAD
from safeguarding_plan.files import STALE_AFTER, write_atomically

PREVIOUS = b"the board paper as it was before"


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("exporter", ["docx", "xlsx"])
def test_ctrl_c_half_way_leaves_the_previous_file_and_no_temporary(
    tmp_path: Path, exporter: str
) -> None:
    plan = tmp_path / "plan.yaml"
    # 15,000 actions: writing takes most of a second even on a fast machine, so the interrupt
    # always lands while the document is being written.
    sp.dump(larger_plan(3000, "faces"), plan)
    target = tmp_path / f"paper.{exporter}"
    target.write_bytes(PREVIOUS)
    process = subprocess.Popen(
        [sys.executable, "-m", "safeguarding_plan", "export", str(plan), "-f", exporter,
         "-o", str(target), "--no-plugins"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not _temporaries(tmp_path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    assert _temporaries(tmp_path), "the export never started writing"
    process.send_signal(signal.SIGINT)  # while the document is being built
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err == "safeguarding-plan: interrupted; no file was changed\n"
    assert target.read_bytes() == PREVIOUS
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize("when", ["as the temporary is made", "as it is opened"])
def test_ctrl_c_as_the_temporary_is_made_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    """The instant the CI run of the test above sometimes hit: the file made, its name not yet
    known to the code that removes it."""
    target = tmp_path / "paper.md"
    target.write_bytes(PREVIOUS)
    real_open, real_fdopen = os.open, os.fdopen

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        made = (real_open if when == "as the temporary is made" else real_fdopen)(*args, **kwargs)
        if _temporaries(tmp_path):
            os.close(made) if isinstance(made, int) else made.close()  # the process is ending
            raise KeyboardInterrupt
        return made

    monkeypatch.setattr(os, "open" if when == "as the temporary is made" else "fdopen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, lambda stream: stream.write(b"new"))
    monkeypatch.undo()
    assert target.read_bytes() == PREVIOUS
    assert _temporaries(tmp_path) == []


# A command whose exporter (a plugin, faked as the other tests fake them) writes half a document
# and then waits: the temporary is there, and the export is certainly still running, however
# slow or fast the machine, when the signal is sent.
_SLOW_EXPORT = """
import importlib.metadata, signal, sys, time, types
import safeguarding_plan as sp
from safeguarding_plan.cli import main

def write(report, stream, options):
    stream.write(b"half a paper")
    stream.flush()
    if MODE == "wait":
        time.sleep(600)
    try:  # a plugin that catches everything, Ctrl-C and the command's SIGTERM included
        time.sleep(600)
    except:  # noqa: E722
        if MODE == "convert":
            raise RuntimeError("stopped") from None
    stream.write(b" and the rest")

@sp.hookimpl
def register_exporters(register):
    register(sp.Exporter("slow", "Slow", ".txt", "text/plain", write))

module = types.ModuleType("acme_slow")
module.register_exporters = register_exporters
entry = types.SimpleNamespace(
    name="slow", load=lambda: module, dist=types.SimpleNamespace(name="acme-slow", version="1.0")
)
importlib.metadata.entry_points = lambda *, group: [entry] if group == "safeguarding_plan" else []
if "--nohup" in sys.argv:
    sys.argv.remove("--nohup")
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
else:  # as from a terminal, even when the suite itself runs under nohup
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
MODE = "wait"
for flag in ("--swallow", "--convert"):
    if flag in sys.argv:
        sys.argv.remove(flag)
        MODE = flag[2:]
sys.exit(main(sys.argv[1:]))
"""


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _start_slow_export(target: Path, *extra: str) -> subprocess.Popen[str]:
    """Start the slow export to ``target`` and return once its temporary holds the half."""
    env = {k: v for k, v in os.environ.items() if k != DISABLE_AUTOLOAD}
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_EXPORT, *extra, "export", str(BIRMINGHAM), "-f", "slow",
         "-o", str(target)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        written = [target.parent / name for name in _temporaries(target.parent)]
        if written and written[0].read_bytes() == b"half a paper":
            return process
        time.sleep(0.002)
    process.kill()
    raise AssertionError(f"the export never started writing: {process.communicate()}")


STOPS = [
    (signal.SIGINT, 130, "interrupted; no file was changed"),
    (signal.SIGTERM, 143, "terminated; no file was changed"),
    (signal.SIGHUP, 129, "terminated; no file was changed"),
]


@pytest.mark.parametrize(("signum", "code", "message"), STOPS)
def test_sigterm_and_sighup_clean_up_as_ctrl_c_does(
    tmp_path: Path, signum: int, code: int, message: str
) -> None:
    target = tmp_path / "paper.txt"
    target.write_bytes(PREVIOUS)
    process = _start_slow_export(target)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (code, f"safeguarding-plan: {message}\n")
    assert target.read_bytes() == PREVIOUS
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize("plugin", ["--swallow", "--convert"])
@pytest.mark.parametrize(("signum", "code", "message"), STOPS)
def test_a_plugin_that_catches_the_stop_still_stops_and_changes_no_file(
    tmp_path: Path, plugin: str, signum: int, code: int, message: str
) -> None:
    """A bare ``except:`` in a plugin's write catches the KeyboardInterrupt a signal raises;
    the stop is raised again as the write returns, before the temporary is renamed."""
    target = tmp_path / "paper.txt"
    target.write_bytes(PREVIOUS)
    process = _start_slow_export(target, plugin)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (code, f"safeguarding-plan: {message}\n")
    assert target.read_bytes() == PREVIOUS
    assert _temporaries(tmp_path) == []


def test_a_stop_swallowed_by_the_writer_still_stops_the_rename(tmp_path: Path) -> None:
    target = tmp_path / "paper.md"
    target.write_bytes(PREVIOUS)

    def swallowing(stream: IO[bytes]) -> None:
        stream.write(b"new")
        with contextlib.suppress(KeyboardInterrupt):  # as a bare except: would
            stopping.request(KeyboardInterrupt())  # what the command's signal handler does

    try:
        with pytest.raises(KeyboardInterrupt):
            write_atomically(target, swallowing)
    finally:
        stopping.clear()
    assert target.read_bytes() == PREVIOUS
    assert _temporaries(tmp_path) == []
    write_atomically(target, lambda stream: stream.write(b"new"))  # cleared: writes again
    assert target.read_bytes() == b"new"


def test_a_hangup_ignored_by_nohup_stays_ignored(tmp_path: Path) -> None:
    target = tmp_path / "paper.txt"
    process = _start_slow_export(target, "--nohup")
    process.send_signal(signal.SIGHUP)
    with pytest.raises(subprocess.TimeoutExpired):
        process.wait(timeout=0.5)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (
        143,
        "safeguarding-plan: terminated; no file was changed\n",
    )
    assert _left(tmp_path) == []


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_sigkill_leaves_a_temporary_that_a_later_run_removes_once_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "paper.txt"
    target.write_bytes(PREVIOUS)
    process = _start_slow_export(target)
    process.send_signal(signal.SIGKILL)  # no program can catch it, so nothing is cleaned up
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    [left] = _temporaries(tmp_path)
    assert left.startswith(f".paper.txt.{process.pid}.")
    assert target.read_bytes() == PREVIOUS
    export = ["export", str(BIRMINGHAM), "-f", "md", "-o", str(target), "--no-plugins"]
    # A young temporary may be a writer's on another machine sharing the folder: it stays.
    assert main(export) == 0
    assert _temporaries(tmp_path) == [left]
    _age(tmp_path / left, STALE_AFTER + 60)
    assert main(export) == 0, capsys.readouterr().err
    assert _temporaries(tmp_path) == []
    assert target.read_bytes().startswith(b"# Business Improvement Plan 2021/23")


def _gone_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_only_a_temporary_certainly_abandoned_is_removed(tmp_path: Path) -> None:
    gone, live = _gone_pid(), os.getpid()
    names = {
        f".paper.txt.{gone}.abcd1234.tmp": True,  # stale and its writer gone: removed
        f".paper.txt.{live}.abcd1234.tmp": False,  # its writer is alive (this test)
        f".other.txt.{gone}.abcd1234.tmp": False,  # another file's
        f".paper.txt.{gone}.abcd1234.tmp.keep": False,  # not named as write_atomically does
        f".paper.txt.x{gone}.abcd1234.tmp": False,
    }
    for name in names:
        (tmp_path / name).write_bytes(b"half")
        _age(tmp_path / name, STALE_AFTER + 60)
    young = tmp_path / f".paper.txt.{gone}.young123.tmp"  # its writer gone, but not long ago
    young.write_bytes(b"half")
    folder = tmp_path / f".paper.txt.{gone}.folder12.tmp"
    folder.mkdir()
    link = tmp_path / f".paper.txt.{gone}.link1234.tmp"
    link.symlink_to(tmp_path / "elsewhere")
    for path in (folder, link):
        os.utime(path, (time.time() - STALE_AFTER - 60,) * 2, follow_symlinks=False)
    write_atomically(tmp_path / "paper.txt", lambda stream: stream.write(b"new"))
    kept = {name for name, removed in names.items() if not removed}
    assert set(_left(tmp_path)) == kept | {young.name, folder.name, link.name, "paper.txt"}


def _failing_plugin() -> types.ModuleType:
    module = types.ModuleType("acme_slides")

    def write(report: sp.Report, stream: IO[bytes], options: Mapping[str, Any]) -> None:
        stream.write(b"half a deck")
        raise RuntimeError("ran out of slides")

    @sp.hookimpl
    def register_exporters(register: Callable[[sp.Exporter], None]) -> None:
        register(sp.Exporter("pptx", "Slides", ".pptx", "application/x-test", write))

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    return module


def test_a_plugin_failing_in_write_is_named_exit_2_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = types.SimpleNamespace(
        name="slides",
        load=_failing_plugin,
        dist=types.SimpleNamespace(name="acme-slides", version="2.0"),
    )
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda *, group: [entry] if group == "safeguarding_plan" else [],
    )
    monkeypatch.delenv(DISABLE_AUTOLOAD, raising=False)
    target = tmp_path / "deck.pptx"
    target.write_bytes(PREVIOUS)
    code = main(["export", str(BIRMINGHAM), "-f", "pptx", "-o", str(target)])
    assert code == 2
    assert capsys.readouterr().err == (
        "safeguarding-plan: exporter 'pptx' (acme-slides 2.0) failed: RuntimeError: ran out of "
        "slides\n"
    )
    assert target.read_bytes() == PREVIOUS
    assert _temporaries(tmp_path) == []
    fresh = tmp_path / "new.pptx"
    assert main(["export", str(BIRMINGHAM), "-f", "pptx", "-o", str(fresh)]) == 2
    assert not fresh.exists()
    assert main(["export", str(BIRMINGHAM), "-f", "pptx", "--no-plugins", "-o", str(fresh)]) == 2
    assert "no exporter 'pptx'" in capsys.readouterr().err


def test_a_plan_write_is_atomic_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(PREVIOUS)

    def fail(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        sp.dump(sp.load(BIRMINGHAM), plan)
    assert plan.read_bytes() == PREVIOUS
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize("command", ["export", "import-xlsx"])
def test_a_stop_after_the_file_is_in_place_says_so(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    """Ctrl-C landing once the file is renamed into place, as its 'wrote' line is printed,
    must not claim that no file was changed."""
    from safeguarding_plan import cli

    plan = tmp_path / "plan.yaml"
    plan.write_bytes(BIRMINGHAM.read_bytes())
    tracker = tmp_path / "tracker.xlsx"
    sp.export(sp.load(plan), "xlsx", tracker, options={"new_review": "2022-05"})
    answer_every_row(tracker)
    said = cli._say

    def stopped_at_wrote(*lines: str, **kwargs: Any) -> None:
        if lines and lines[0].startswith("wrote "):
            raise KeyboardInterrupt
        said(*lines, **kwargs)

    monkeypatch.setattr(cli, "_say", stopped_at_wrote)
    output = tmp_path / "out"
    argv = (
        ["export", str(plan), "-f", "md", "-o", str(output)]
        if command == "export"
        else ["import-xlsx", str(tracker), "--plan", str(plan), "--review", "2022-05",
              "--as-of", "2022-04-30", "-o", str(output)]
    )  # fmt: skip
    assert main(argv) == 130
    assert output.exists()
    assert (
        capsys.readouterr().err == f"safeguarding-plan: interrupted; after {output} was written\n"
    )


def test_a_name_as_long_as_the_file_system_takes_is_written_and_its_temporaries_found(
    tmp_path: Path,
) -> None:
    """A temporary's name adds a pid and a random part to the file's: for a name near the
    limit it is made from the name cut short, and a later write still knows it for its own."""
    limit = os.pathconf(tmp_path, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    target = tmp_path / ("p" * (limit - len(".txt")) + ".txt")
    seen: list[str] = []

    def write(stream: IO[bytes]) -> None:
        seen.extend(_temporaries(tmp_path))
        stream.write(b"new")

    write_atomically(target, write)
    assert target.read_bytes() == b"new"
    (temporary,) = seen
    assert len(os.fsencode(temporary)) <= limit
    # The same temporary left by a writer that was killed (SIGKILL) is removed once stale.
    pid = temporary.split(".")[-3]
    stale = tmp_path / temporary.replace(f".{pid}.", f".{_gone_pid()}.")
    stale.write_bytes(b"half")
    _age(stale, STALE_AFTER + 60)
    write_atomically(target, lambda stream: stream.write(b"newer"))
    assert _left(tmp_path) == [target.name]
    assert target.read_bytes() == b"newer"

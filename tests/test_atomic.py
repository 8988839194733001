"""Writes that never corrupt: an interrupted or failed export leaves the earlier file as it was."""

from __future__ import annotations

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
from conftest import BIRMINGHAM, larger_plan

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.exporting import DISABLE_AUTOLOAD

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

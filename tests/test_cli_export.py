"""``safeguarding-plan export`` and ``safeguarding-plan exporters``."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from conftest import BIRMINGHAM

from safeguarding_plan.cli import main
from safeguarding_plan.exporting.manager import DISABLE_AUTOLOAD


def _run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "safeguarding_plan", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **env},
        check=False,
    )


def test_exporters_lists_the_built_ins_with_where_they_come_from() -> None:
    result = _run("exporters", **{DISABLE_AUTOLOAD: "1"})
    assert result.returncode == 0, result.stderr
    listing, options = result.stdout.split("\n\n")
    lines = listing.splitlines()
    assert lines[0].split()[:3] == ["Name", "Suffix", "From"]
    assert [line.split()[:3] for line in lines[1:]] == [
        ["docx", ".docx", "built-in"],
        ["xlsx", ".xlsx", "built-in"],
        ["md", ".md", "built-in"],
        ["json", ".json", "built-in"],
    ]
    assert options.splitlines() == [
        "Options (export -O NAME=VALUE):",
        "  docx: template, report_to, author, meeting_date, marking",
        "  xlsx: lead, new_review",
    ]


def test_export_writes_a_default_name_made_from_partnership_plan_and_review(tmp_path: Path) -> None:
    result = _run("export", str(BIRMINGHAM), "--format", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "bscp-business-improvement-plan-2022-02.md"
    assert written.read_text(encoding="utf-8").startswith(
        "# Birmingham Safeguarding Children Partnership: Business Improvement Plan 2021/23"
    )
    assert result.stderr == f"wrote {written.name} (md, board)\n"
    public = _run("export", str(BIRMINGHAM), "-f", "json", "--audience", "public", cwd=tmp_path)
    assert public.returncode == 0, public.stderr
    data = json.loads(
        (tmp_path / "bscp-business-improvement-plan-2022-02-public.json").read_text("utf-8")
    )
    assert data["audience"] == "public"


def test_export_to_standard_output_and_a_chosen_file(tmp_path: Path) -> None:
    result = _run("export", str(BIRMINGHAM), "-f", "json", "-o", "-", "--as-of", "2021-06-30")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2021-06-30"
    assert data["score"]["complete"] == 24
    target = tmp_path / "paper.md"
    assert _run("export", str(BIRMINGHAM), "-f", "md", "-o", str(target)).returncode == 0
    assert "## Priority 4 – " in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-f", "nope"],
            "safeguarding-plan: no exporter 'nope'; installed: docx, xlsx, md, json\n",
        ),
        (
            ["-f", "md", "--template", "house.docx"],
            "safeguarding-plan: exporter 'md' takes no option 'template' (options: none)\n",
        ),
        (
            ["-f", "md", "--review", "2099-01"],
            f"safeguarding-plan: {BIRMINGHAM}: no review '2099-01' in the plan "
            "(reviews: '2022-02')\n",
        ),
    ],
)
def test_bad_export_requests_are_one_line_and_exit_2(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = _run("export", str(BIRMINGHAM), *args, "--no-plugins", cwd=tmp_path)
    assert (result.returncode, result.stderr, result.stdout) == (2, message, "")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_output_name_is_refused_not_taken_for_the_default(tmp_path: Path) -> None:
    result = _run("export", str(BIRMINGHAM), "-f", "md", "-o", "", "--no-plugins", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "safeguarding-plan: -o: the file name is empty; give a file name, or '-' for standard "
        "output\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_import_refuses_an_empty_output_name_too(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(BIRMINGHAM.read_bytes())
    tracker = tmp_path / "tracker.xlsx"
    assert main(["export", str(plan), "-f", "xlsx", "-o", str(tracker), "--no-plugins"]) == 0
    result = _run("import-xlsx", str(tracker), "--plan", str(plan), "--review", "2022-06", "-o", "")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("safeguarding-plan: -o: the file name is empty")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml", "tracker.xlsx"]
    assert plan.read_bytes() == BIRMINGHAM.read_bytes()


def test_a_docx_option_too_long_for_a_property_is_one_line_without_the_value(
    tmp_path: Path,
) -> None:
    marking = "OFFICIAL-SENSITIVE-" * 263 + "END"  # 5,000 characters
    target = tmp_path / "paper.docx"
    result = _run(
        "export", str(BIRMINGHAM), "-f", "docx", "-o", str(target), "-O", f"marking={marking}"
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "safeguarding-plan: option 'marking' of exporter 'docx' is 5,000 characters; it may be "
        "at most 255, the most a Word document property holds\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_export_never_overwrites_its_own_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(BIRMINGHAM.read_bytes())
    result = _run("export", str(plan), "-f", "md", "-o", str(plan))
    assert result.returncode == 2
    assert "will not overwrite the plan itself" in result.stderr
    assert plan.read_bytes() == BIRMINGHAM.read_bytes()


def test_a_broken_plugin_is_one_warning_line_and_the_rest_still_export(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def broken() -> object:
        raise ImportError("No module named 'pptx'")

    entry = types.SimpleNamespace(
        name="slides", load=broken, dist=types.SimpleNamespace(name="acme-slides", version="2.0")
    )

    def fake(*, group: str) -> list[Any]:
        return [entry] if group == "safeguarding_plan" else []

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)
    monkeypatch.delenv(DISABLE_AUTOLOAD, raising=False)
    target = tmp_path / "out.md"
    assert main(["export", str(BIRMINGHAM), "-f", "md", "-o", str(target)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "safeguarding-plan: warning: plugin 'slides' (acme-slides 2.0) failed to load and is "
        "skipped: ImportError: No module named 'pptx'"
    )
    assert target.read_text(encoding="utf-8").startswith("# Birmingham")
    assert main(["exporters", "--no-plugins"]) == 0
    assert "slides" not in capsys.readouterr().err

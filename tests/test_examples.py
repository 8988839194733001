"""Every script in examples/ runs as a user runs it, in a fresh process, and writes what it says."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def board_paper(folder: Path) -> None:
    [paper] = folder.glob("*.docx")
    document = docx.Document(str(paper))
    [title] = [p for p in document.paragraphs if p.style is not None and p.style.name == "Title"]
    assert "Business Improvement Plan" in title.text
    assert any("73% of the actions have been completed" in p.text for p in document.paragraphs), (
        "no headline"
    )


def documents(folder: Path) -> None:
    """A script without its own check must at least write documents that open."""
    written = [path for path in folder.iterdir() if path.is_file()]
    assert written, "the script wrote nothing"
    for path in written:
        if path.suffix == ".docx":
            docx.Document(str(path))
        elif path.suffix == ".xlsx":
            openpyxl.load_workbook(path).close()


# What each script writes, checked.
CHECKS: dict[str, Callable[[Path], None]] = {"board_paper.py": board_paper}


def test_examples_found() -> None:
    assert "board_paper.py" in {script.name for script in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_example_runs(script: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    CHECKS.get(script.name, documents)(tmp_path)

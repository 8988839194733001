"""docs/getting-started.md works as written: its marked commands are run, in order.

A fenced ``sh`` block right after the line ``<!-- steps -->`` is a list of commands the reader
runs. The test runs every one of them in a fresh folder holding a copy of examples/, as a
reader's copy of the repository does, with no shell. Only creating the virtual environment
and installing into it are skipped: the tests already run in one. ``python`` and
``safeguarding-plan`` (bare or under ``.venv/bin/``) are the running interpreter's own.
"""

from __future__ import annotations

import itertools
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import docx
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "getting-started.md"
MARK = "<!-- steps -->"
SCRIPTS = Path(sys.executable).parent
PROGRAMS = {
    "python": sys.executable,
    "python3": sys.executable,
    "safeguarding-plan": str(SCRIPTS / "safeguarding-plan"),
}


def step_blocks() -> list[str]:
    """The text of each ``sh`` block marked as steps, in the guide's order."""
    tokens = MarkdownIt().parse(GUIDE.read_text(encoding="utf-8"))
    blocks = []
    for token, following in itertools.pairwise(tokens):
        if token.type == "html_block" and token.content.strip() == MARK:
            assert following.type == "fence", f"{MARK} is not right before a block"
            assert following.info == "sh", f"{MARK} marks a {following.info!r} block"
            blocks.append(following.content)
    return blocks


def installing(command: list[str]) -> bool:
    """Making the environment or installing into it, which CI has done already."""
    return command[:3] == ["python3", "-m", "venv"] or (
        Path(command[0]).name == "pip" and command[1:2] == ["install"]
    )


def steps() -> list[list[str]]:
    """Every command of the marked blocks, with the environment's own programs."""
    commands = []
    for block in step_blocks():
        for line in block.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            command = shlex.split(line)
            if installing(command):
                continue
            program = command[0].removeprefix(".venv/bin/")
            assert program in PROGRAMS, f"the guide runs {command[0]!r}, which the test lacks"
            commands.append([PROGRAMS[program], *command[1:]])
    return commands


def test_the_guide_marks_its_steps() -> None:
    # So that a marker lost in an edit fails here rather than leaving less to run.
    assert {"examples/board_paper.py", "init", "validate", "score", "export"} <= {
        command[1] for command in steps()
    }


def test_the_guide_works(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    commands = steps()
    for command in commands:
        result = subprocess.run(
            command,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, f"{shlex.join(command[1:])}: {result.stderr}"
        assert "Traceback" not in result.stderr

    assert (tmp_path / "bscp-board-paper-2022-02.docx").is_file()
    [init] = [command for command in commands if command[1] == "init"]
    partnership = init[init.index("--partnership") + 1]
    [*_, paper] = [
        command[command.index("-o") + 1]
        for command in commands
        if command[1] == "export" and "docx" in command
    ]
    document = docx.Document(str(tmp_path / paper))
    assert partnership in [paragraph.text for paragraph in document.paragraphs]

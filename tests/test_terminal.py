"""What the command prints never acts on the terminal.

A plan file cannot hold a control character, raw or written as a YAML escape (``"\\e[2J"``), and
everything the command prints that came from the user's files or command line — problems, file
names, plan text, score lines — shows any control character or bidirectional override as its
escape (``\\x1b``, ``\\u202e``): it cannot clear the screen, set the window title, ring the bell,
move the cursor or reorder a line. Also here: problems are capped at a screenful, and
``score --horizon`` is bounded.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import plans, texts

import safeguarding_plan as sp
from safeguarding_plan.cli import HORIZON_DAYS, main
from safeguarding_plan.errors import PROBLEMS_SHOWN
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.text import visible

ROOT = Path(__file__).resolve().parent.parent
BIRMINGHAM = ROOT / "examples" / "birmingham-2021-23" / "plan.yaml"
CORPUS = ROOT / "tests" / "bad_plans"

# What a terminal acts on instead of showing; a line break only between lines.
ACTED_ON = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def assert_shows_only_text(*outputs: str) -> None:
    for output in outputs:
        found = ACTED_ON.search(output)
        assert found is None, f"{found.group()!r} printed in {output!r}"


# --- the plan ---------------------------------------------------------------------------


def test_escape_sequences_written_in_double_quotes_never_reach_the_terminal() -> None:
    # Written as YAML escapes, they passed the check of the file's text, and 'score' set the
    # window title, cleared the screen and printed a fake "ALL ACTIONS COMPLETE".
    result = subprocess.run(
        [sys.executable, "-m", "safeguarding_plan", "score", "escaped_terminal_sequences.yaml"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=CORPUS,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    expected = (CORPUS / "escaped_terminal_sequences.expected").read_text(encoding="utf-8")
    assert result.stderr == expected
    assert_shows_only_text(result.stderr)
    assert "written \\e) here" in result.stderr


# --- plan text and file names -------------------------------------------------------------------

HOSTILE_NAME = "plan \x1b]0;title\x07\x1b[2J\u202egpj.yaml\nplan.yaml:1:1: fake problem"
"""A file name that would set the window title, clear the screen, reverse the rest of the line and
forge a second line of output."""
SHOWN_NAME = "plan \\x1b]0;title\\x07\\x1b[2J\\u202egpj.yaml\\x0aplan.yaml:1:1: fake problem"


@pytest.fixture
def hostile_plan(tmp_path: Path) -> Path:
    """Birmingham's plan, renamed, with a right-to-left mark in the partnership's name (a plan
    may hold one: documents show it as written) and a line separator written as an escape."""
    text = BIRMINGHAM.read_text(encoding="utf-8")
    name = "name: Birmingham Safeguarding Children Partnership\n"
    assert text.count(name) == 1
    text = text.replace(name, 'name: "Birmingham \u200fSafeguarding\\L Children Partnership"\n')
    path = tmp_path / HOSTILE_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_plan_text_and_file_names_are_shown_escaped(
    hostile_plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_plan.parent)
    assert main(["validate", HOSTILE_NAME]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f"{SHOWN_NAME}: valid plan: 4 priorities, 33 actions, 1 review\n", "")
    assert main(["score", HOSTILE_NAME]) == 0
    out, err = capsys.readouterr()
    assert_shows_only_text(out, err)
    assert "Birmingham \\u200fSafeguarding\\u2028 Children Partnership" in out.splitlines()
    assert main(["score", HOSTILE_NAME, HOSTILE_NAME]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{SHOWN_NAME}: 73% complete (24 of 33 actions), 5 overdue"] * 2
    assert main(["export", HOSTILE_NAME, "-f", "md", "-o", f"{HOSTILE_NAME}.md"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"wrote {SHOWN_NAME}.md (md, board)\n")


def test_score_json_escapes_what_a_terminal_would_act_on_and_stays_json(
    hostile_plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_plan.parent)
    assert main(["score", HOSTILE_NAME, "--json"]) == 0
    out, err = capsys.readouterr()
    assert_shows_only_text(out, err)
    assert json.loads(out)["actions"] == 33
    assert main(["score", HOSTILE_NAME, HOSTILE_NAME, "--json"]) == 0
    out, err = capsys.readouterr()
    assert_shows_only_text(out, err)
    assert "\\u202e" in out  # JSON's own escape, of the file's name
    assert [json.loads(line)["file"] for line in out.splitlines()] == [HOSTILE_NAME] * 2


def test_problems_show_file_names_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / HOSTILE_NAME).write_text("format: safeguarding-plan/1\nleed: x\n", encoding="utf-8")
    assert main(["validate", HOSTILE_NAME]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert_shows_only_text(err)
    assert all(line.startswith(f"{SHOWN_NAME}:") for line in err.splitlines())
    missing = f"{HOSTILE_NAME}.missing"
    assert main(["score", missing]) == 2
    assert capsys.readouterr().err == (
        f"safeguarding-plan: {SHOWN_NAME}.missing: cannot read the file: No such file or "
        "directory\n"
    )
    assert main(["score", missing, HOSTILE_NAME]) == 2
    out, err = capsys.readouterr()
    assert_shows_only_text(out, err)
    assert err.splitlines()[0] == (
        f"{SHOWN_NAME}.missing: cannot read the file: No such file or directory"
    )


def test_what_argparse_reports_is_shown_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["validate", str(BIRMINGHAM), "\x1b[2J\u202e"])
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[-1] == (
        "safeguarding-plan: error: unrecognized arguments: \\x1b[2J\\u202e"
    )


@st.composite
def _files(draw: st.DrawFn) -> tuple[str, str]:
    """A file name of any characters a file system takes, and the text of a plan full of
    awkward text (every character a plan may hold)."""
    name = draw(
        st.text(
            st.characters(exclude_categories=("Cs",), exclude_characters="/\x00"),
            min_size=1,
            max_size=30,
        )
        .filter(lambda n: n not in (".", "..") and len(n.encode()) < 200)
        # Not one starting with '-' (but '-' itself), which the command takes for an option.
        .filter(lambda n: n == "-" or not n.startswith("-"))
    )
    plan = draw(plans(max_priorities=2, max_actions=3, max_reviews=2))
    title = draw(texts(long=False))
    return name, sp.dumps(attrs.evolve(plan, title=title))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_files())
def test_nothing_validate_or_score_prints_acts_on_the_terminal(file: tuple[str, str]) -> None:
    name, text = file
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_text(text, encoding="utf-8")
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            outputs = [_run(["validate", name]), _run(["score", name])]
            outputs += [_run(["score", name, "--json"]), _run(["score", name, name, "--json"])]
        finally:
            os.chdir(cwd)
    for code, out, err in outputs:
        assert code == 0, err
        assert_shows_only_text(out, err)
    assert json.loads(outputs[2][1])["actions"] == len(sp.loads(text).actions)


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = _Capture(), _Capture()
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err  # type: ignore[assignment]
    try:
        code = main(args)
    finally:
        sys.stdout, sys.stderr = real
    return code, out.getvalue(), err.getvalue()


class _Capture:
    """A text stream that keeps what is written, as the console would get it."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def getvalue(self) -> str:
        return "".join(self.parts)


def test_visible_escapes_exactly_what_a_terminal_acts_on() -> None:
    assert visible("Plan – 😊 café\t") == "Plan – 😊 café\\x09"
    assert visible("\x1b[2J\a\r\n\x7f\x85\x9b") == "\\x1b[2J\\x07\\x0d\\x0a\\x7f\\x85\\x9b"
    assert visible("\u202etxt.exe\u202c \u2066a\u2069 \u200f\u061c\u2028") == (
        "\\u202etxt.exe\\u202c \\u2066a\\u2069 \\u200f\\u061c\\u2028"
    )


@given(st.text())
def test_visible_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    shown = visible(text)
    assert ACTED_ON.search(shown.replace("\n", "")) is None
    assert "\n" not in shown
    if not ACTED_ON.search(text) and "\n" not in text:
        assert shown == text


# --- a tracker ----------------------------------------------------------------------------------


def test_a_tracker_s_control_characters_never_reach_the_plan_or_the_terminal(
    birmingham: sp.Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A workbook can hold C1 controls (CSI, U+009B, starts an escape sequence in some terminals)
    # and bidirectional overrides: the import refuses them at their cell, and prints neither.
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(BIRMINGHAM.read_bytes())
    form = tmp_path / "form.xlsx"
    sp.export(birmingham, "xlsx", form, options={"new_review": "2022-05"})
    book = openpyxl.load_workbook(form)
    sheet = book[tracker.ACTIONS]
    header = [cell.value for cell in sheet[1]]
    ids, updates = header.index(tracker.ACTION_ID), header.index(tracker.UPDATE)
    row = next(r for r in sheet.iter_rows(min_row=2) if r[ids].value == "1.6")
    row[updates].value = "Started\x9b2J \u202eredesign"
    book.save(form)
    new = tmp_path / "new.yaml"
    args = ["import-xlsx", str(form), "--plan", str(plan), "--review", "2022-05"]
    assert main([*args, "--as-of", "2022-04-30", "-o", str(new)]) == 2
    out, err = capsys.readouterr()
    assert_shows_only_text(out, err)
    assert "the update holds an invisible control character (U+009B) here" in err
    assert not new.exists()


# --- a screenful of problems --------------------------------------------------------------------


def _junk(path: Path, keys: int) -> Path:
    """A file of ``keys`` unknown keys: ``keys + 5`` problems (the five keys a plan needs)."""
    path.write_text("".join(f"junk{i}: {i}\n" for i in range(keys)), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("keys", "last"),
    [
        (PROBLEMS_SHOWN - 5, None),
        (PROBLEMS_SHOWN - 4, "… and 1 more problem"),
        (10_000, "… and 9,905 more problems"),
    ],
)
def test_problems_are_printed_up_to_a_screenful_then_counted(
    keys: int, last: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _junk(tmp_path / "junk.yaml", keys)
    with pytest.raises(sp.PlanError) as caught:
        sp.load(path)
    everything = [str(p) for p in caught.value.problems]
    for args in (["validate", str(path)], ["score", str(path), str(BIRMINGHAM)]):
        main(args)
        lines = capsys.readouterr().err.splitlines()
        assert lines[:PROBLEMS_SHOWN] == everything[:PROBLEMS_SHOWN]
        assert lines[PROBLEMS_SHOWN:] == ([last] if last else [])


def test_each_plan_s_problems_are_capped_on_their_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _junk(tmp_path / "a.yaml", 200), _junk(tmp_path / "b.yaml", 300)
    assert main(["score", str(first), str(BIRMINGHAM), str(second)]) == 2
    out, err = capsys.readouterr()
    assert out == f"{BIRMINGHAM}: 73% complete (24 of 33 actions), 5 overdue\n"
    lines = err.splitlines()
    assert len(lines) == 2 * (PROBLEMS_SHOWN + 1)
    assert lines[PROBLEMS_SHOWN] == "… and 105 more problems"
    assert lines[-1] == "… and 205 more problems"


# --- score --horizon ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "days", ["99999999999999999999", "-1", str(HORIZON_DAYS + 1), "ten", "1e3", ""]
)
def test_a_horizon_out_of_range_is_a_usage_error(
    days: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["score", str(BIRMINGHAM), "--horizon", days])
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[-1] == (
        f"safeguarding-plan score: error: argument --horizon: {days!r} is not a number of days "
        f"from 0 to {HORIZON_DAYS}"
    )


@pytest.mark.parametrize("days", [0, 90, HORIZON_DAYS])
def test_a_horizon_in_range_is_used(days: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(BIRMINGHAM), "--horizon", str(days), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["horizon_days"] == days


def test_the_longest_horizon_reaches_past_every_due_date(birmingham: sp.Plan) -> None:
    score = sp.score(birmingham, as_of=date(2022, 1, 31), horizon_days=HORIZON_DAYS)
    assert set(score.due_soon) >= {"3.4"}

"""The ``safeguarding-plan`` command, run as users run it: in a separate process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import two_reviews

import safeguarding_plan as sp

BIRMINGHAM = Path(__file__).parent.parent / "examples" / "birmingham-2021-23" / "plan.yaml"
HEADLINE = (
    "The Plan has 4 strategic priorities and 33 actions. "
    "At the end of January 2022, 73% of the actions have been completed."
)
ROW = re.compile(
    r"(?P<name>.+?) +(?P<actions>\d+) +(?P<complete>\d+) +(?P<pct>\d+)% +(?P<late>\d+)"
)


def run(*args: str | Path, encoding: str = "utf-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "safeguarding_plan", *map(str, args)],
        capture_output=True,
        text=True,
        encoding=encoding,
        env=env,
        timeout=60,
        check=False,
    )


def assert_bad_input(result: subprocess.CompletedProcess[str], lines: int = 1) -> list[str]:
    """Exit code 2, ``lines`` lines on stderr, nothing on stdout, no traceback."""
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert len(errors) == lines, result.stderr
    return errors


# -- score ---------------------------------------------------------------------------------------


def test_score_json() -> None:
    result = run("score", BIRMINGHAM, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["actions"] == 33
    assert data["complete"] == 24
    assert data["cancelled"] == 0
    assert isinstance(data["percent_complete"], float)
    assert data["percent_complete"] == pytest.approx(72.727, abs=1e-3)
    assert data["overdue"] == ["1.6", "2.3", "2.9", "4.1", "4.4"]
    assert data["by_progress"] == {
        "not-started": 2,
        "in-progress": 5,
        "complete": 24,
        "deferred": 2,
        "cancelled": 0,
    }
    assert data["by_rating"] == {"happy": 27, "neutral": 2, "frown": 3, "sad": 1}
    assert list(data["by_priority"]) == ["1", "2", "3", "4"]
    assert [p["actions"] for p in data["by_priority"].values()] == [10, 10, 5, 8]
    assert [p["complete"] for p in data["by_priority"].values()] == [9, 7, 3, 5]
    assert data["by_priority"]["4"]["percent_complete"] == pytest.approx(62.5)
    assert data["review"] == "2022-02"
    assert data["as_of"] == "2022-01-31"


def test_score_text() -> None:
    result = run("score", BIRMINGHAM)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # The documents' headline, their sentence on what was expected by now and their title.
    assert lines[:6] == [
        HEADLINE,
        "20 actions were due by 31 January 2022; 15 of them are complete.",
        "",
        "Business Improvement Plan 2021/23: February 2022 – Update",
        "Birmingham Safeguarding Children Partnership",
        "",
    ]
    header = next(line for line in lines if line.startswith("Priority"))
    assert header.split() == ["Priority", "Actions", "Complete", "%", "complete", "Overdue"]
    rows = [m.groupdict() for line in lines if (m := ROW.fullmatch(line))]
    assert [r["name"][:2] for r in rows] == ["1 ", "2 ", "3 ", "4 ", "Al"]
    assert rows[0]["name"].startswith("1 Strong Leadership and Strong Partnership")
    assert [(r["actions"], r["complete"], r["pct"], r["late"]) for r in rows] == [
        ("10", "9", "90", "1"),
        ("10", "7", "70", "2"),
        ("5", "3", "60", "0"),
        ("8", "5", "63", "2"),
        ("33", "24", "73", "5"),
    ]
    assert rows[-1]["name"] == "All priorities"
    assert "Overdue: 1.6, 2.3, 2.9, 4.1, 4.4." in lines
    assert any(line.startswith("Ratings: 27 good progress") for line in lines)
    learning = lines.index(
        "Learning from reviews: 5 case reviews. 2 of 4 recommendations implemented (50%). "
        "The timing of 2 reviews cannot be judged: dates are not recorded."
    )
    # The measures the updates count come last; no outcome or assurance, so no table of them.
    assert lines[learning + 1 :] == [
        "",
        "Measures at February 2022 – Update:",
        "- Neglect Pilot Projects established: 2; target 2, higher is better: on target.",
        "- Safeguarding Leaders Assemblies held in 2021: 1; target 2, higher is better: not yet "
        "on target.",
    ]


def test_score_text_says_what_the_documents_say(tmp_path: Path) -> None:
    plan, path = two_reviews(), tmp_path / "plan.yaml"
    sp.dump(plan, path)
    result = run("score", path, "--as-of", "2022-04-01")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    report = sp.report(plan, as_of=date(2022, 4, 1))
    assert lines[:5] == [report.headline, report.expected, "", report.title, report.partnership]
    assert report.expected == "2 actions were due by 1 April 2022; 1 of them is complete."
    assert lines[-1] == f"Ratings: {report.ratings}."


def test_score_text_rows_line_up() -> None:
    lines = run("score", BIRMINGHAM).stdout.splitlines()
    table = [line for line in lines if ROW.fullmatch(line) or line.startswith("Priority")]
    assert len(table) == 6
    assert len({len(line) for line in table}) == 1


def test_score_explicit_review_is_the_latest() -> None:
    assert run("score", BIRMINGHAM, "--review", "2022-02", "--json").stdout == (
        run("score", BIRMINGHAM, "--json").stdout
    )


def test_score_unknown_review() -> None:
    [error] = assert_bad_input(run("score", BIRMINGHAM, "--review", "2021-11"))
    assert "'2021-11'" in error
    assert "'2022-02'" in error  # names the reviews there are


@pytest.mark.parametrize("bad", ["2022-13-01", "01/31/2022", "yesterday", "2022-02-30"])
def test_score_bad_as_of(bad: str) -> None:
    result = run("score", BIRMINGHAM, "--as-of", bad)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert "--as-of" in result.stderr.splitlines()[-1]
    assert result.stderr.startswith("usage:")


@pytest.mark.parametrize("written", ["31/03/2021", "31/03/21", "31.03.2021", "31st March 2021"])
def test_score_as_of_may_be_a_uk_day(written: str) -> None:
    uk = run("score", BIRMINGHAM, "--json", "--as-of", written)
    assert uk.returncode == 0, uk.stderr
    assert json.loads(uk.stdout) == json.loads(
        run("score", BIRMINGHAM, "--json", "--as-of", "2021-03-31").stdout
    )
    assert json.loads(uk.stdout)["as_of"] == "2021-03-31"
    text = run("score", BIRMINGHAM, "--as-of", written).stdout.splitlines()
    assert text[1] == "No action was due by 31 March 2021."
    # Due soon to the end of the next quarter: what is open of what is due by 30 June 2021.
    assert "Due by 30 June 2021: none." in text


def test_score_as_of_written_month_first_says_to_put_the_day_first() -> None:
    result = run("score", BIRMINGHAM, "--as-of", "03/31/2021")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "safeguarding-plan score: error: argument --as-of: '03/31/2021' is not a real date; "
        "write the day first (did you mean '31/03/2021'?)"
    )


def test_score_says_the_day_due_soon_runs_to() -> None:
    text = run("score", BIRMINGHAM).stdout.splitlines()
    assert "Due by 30 June 2022: 2.5, 3.4, 3.5." in text
    shorter = run("score", BIRMINGHAM, "--horizon", "59").stdout.splitlines()
    assert "Due by 31 March 2022: 3.4." in shorter
    data = json.loads(run("score", BIRMINGHAM, "--json").stdout)
    assert (data["due_soon"], data["due_soon_by"]) == (["2.5", "3.4", "3.5"], "2022-06-30")
    assert (data["horizon_days"], data["no_fixed_date"]) == (150, [])


def test_score_as_of_changes_overdue() -> None:
    default = json.loads(run("score", BIRMINGHAM, "--json").stdout)
    early = json.loads(run("score", BIRMINGHAM, "--json", "--as-of", "2021-06-30").stdout)
    assert len(default["overdue"]) == 5
    assert early["overdue"] == []
    assert early["as_of"] == "2021-06-30"
    assert early["complete"] == default["complete"]
    text = run("score", BIRMINGHAM, "--as-of", "2021-06-30").stdout.splitlines()
    assert "Overdue: none." in text
    # Progress is still the February review's, reported as at its own date.
    assert text[0] == HEADLINE


def test_score_plan_without_reviews(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: safeguarding-plan/1\n"
        "partnership: {name: Anyshire SCP}\n"
        "plan: {title: Plan}\n"
        "ratings: rag\n"
        "priorities:\n"
        "  - id: '1'\n"
        "    title: One\n"
        "    actions:\n"
        "      - {id: '1.1', text: Do it, due: March 2022}\n",
        encoding="utf-8",
    )
    result = run("score", plan)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "The Plan has 1 strategic priority and 1 action. "
        "So far, 0% of the actions have been completed."
    )
    assert json.loads(run("score", plan, "--json").stdout)["review"] is None
    late = json.loads(run("score", plan, "--json", "--as-of", "2022-04-01").stdout)
    assert late["overdue"] == ["1.1"]


def test_output_the_console_cannot_encode_is_escaped_not_a_crash(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        BIRMINGHAM.read_text(encoding="utf-8").replace(
            "title: Strong Leadership", "title: 😊 Strong Leadership"
        ),
        encoding="utf-8",
    )
    text = run("score", plan, encoding="ascii")
    assert text.returncode == 0, text.stderr
    assert "Traceback" not in text.stderr
    assert text.stdout.splitlines()[0] == HEADLINE
    assert "Plan 2021/23: February 2022 \\u2013 Update" in text.stdout
    data = run("score", plan, "--json", encoding="ascii")
    assert data.returncode == 0, data.stderr
    assert json.loads(data.stdout) == json.loads(run("score", plan, "--json").stdout)
    assert json.loads(data.stdout)["by_priority"]["1"]["title"].startswith("😊 Strong")


# -- validate ------------------------------------------------------------------------------------


def test_validate_ok() -> None:
    result = run("validate", BIRMINGHAM)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout == (f"{BIRMINGHAM}: valid plan: 4 priorities, 33 actions, 1 review\n")


def test_validate_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-plan.yaml"
    [error] = assert_bad_input(run("validate", missing))
    assert str(missing) in error


def test_validate_a_directory(tmp_path: Path) -> None:
    [error] = assert_bad_input(run("validate", tmp_path))
    assert str(tmp_path) in error


THREE_MISTAKES = """\
format: safeguarding-plan/1
partnership:
  name: Anyshire Safeguarding Children Partnership
plan:
  title: Business Improvement Plan
  period: 2021/23
ratings: faces
priorities:
  - id: "1"
    title: Leadership
    actions:
      - id: "1.1"
        text: Publish the annual report
        due: Febuary 2022
      - id: "1.2"
        text: Convene the assembly
        owner: Business Unit
reviews:
  - id: "2022-02"
    title: February 2022 – Update
    as_of: 2022-01-31
    updates:
      "1.1": {progress: complete, rating: hapy}
"""


def test_validate_reports_every_problem(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(THREE_MISTAKES, encoding="utf-8")
    errors = assert_bad_input(run("validate", plan), lines=3)
    located = [re.fullmatch(rf"{re.escape(str(plan))}:(\d+):(\d+): (.+)", e) for e in errors]
    assert all(located), errors
    places = [(int(m[1]), int(m[2])) for m in located if m]
    assert [line for line, _ in places] == [14, 17, 23]
    assert places[0] == (14, 14)  # at the value 'Febuary 2022'
    assert places[1] == (17, 9)  # at the key 'owner'
    messages = [m[3] for m in located if m]
    assert "Febuary 2022" in messages[0]
    assert "owner" in messages[1]
    assert "hapy" in messages[2]
    assert "happy" in messages[2]  # did you mean
    # score reports the same problems the same way
    assert run("score", plan).stderr.splitlines() == errors


def test_validate_syntax_error(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text('format: "safeguarding-plan/1\npartnership: x\n', encoding="utf-8")
    [error] = assert_bad_input(run("validate", plan))
    assert re.match(rf"{re.escape(str(plan))}:\d+:\d+: ", error)


def test_validate_not_utf8(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(BIRMINGHAM.read_bytes().replace("–".encode(), b"\x96"))  # cp1252 en dash
    errors = assert_bad_input(run("validate", plan), lines=1)
    assert errors[0].startswith(f"{plan}:")


# -- usage ---------------------------------------------------------------------------------------


def test_no_command_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: safeguarding-plan")
    assert "Traceback" not in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = run("frobnicate", BIRMINGHAM)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_version_is_the_installed_packages() -> None:
    from importlib.metadata import version

    result = run("--version")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"safeguarding-plan {version('safeguarding-plan')}\n"
    assert version("safeguarding-plan") == _pyproject_version()


def _pyproject_version() -> str:
    """The version pyproject.toml gives, which the installed metadata must carry."""
    import tomllib

    with (BIRMINGHAM.parents[2] / "pyproject.toml").open("rb") as stream:
        return str(tomllib.load(stream)["project"]["version"])


def test_help() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("validate", "score"):
        assert command in result.stdout


def test_a_command_built_alone_reads_and_helps_as_with_every_other(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A command line builds only the command it names; what it accepts and says must not
    # depend on that.
    from safeguarding_plan import cli

    monkeypatch.setenv("COLUMNS", "100")
    every = cli._parser()
    for name in cli._COMMANDS:
        helps = []
        for parser in (cli._parser(name), every):
            with pytest.raises(SystemExit):
                parser.parse_args([name, "--help"])
            helps.append(capsys.readouterr().out)
        assert helps[0] == helps[1] != ""
    with pytest.raises(SystemExit):
        cli.main(["scor", str(BIRMINGHAM)])
    assert "invalid choice: 'scor' (choose from 'init', 'validate', 'score', 'export'" in (
        capsys.readouterr().err
    )


def test_the_installed_command_ends_with_the_collector_still_paused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Collecting everything a command made just before its process ends took a tenth of the
    # board paper's time; main() itself, called from Python, leaves the collector as it was.
    import gc

    from safeguarding_plan import cli

    monkeypatch.setattr(sys, "argv", ["safeguarding-plan", "validate", str(BIRMINGHAM)])
    assert gc.isenabled()
    try:
        with pytest.raises(SystemExit) as ended:
            cli.run()
        assert ended.value.code == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert "valid plan" in capsys.readouterr().out
    assert cli.main(["validate", str(BIRMINGHAM)]) == 0
    assert gc.isenabled()

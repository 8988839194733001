"""``safeguarding-plan init``: a starter plan that loads, scores and exports, whatever its name."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from strategies import texts

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.planfile.starter import starter

HOSTILE_NAMES = (
    'Anytown & District: "North"',
    "no",
    "1.10",
    "#1 Partnership",
    "&anchor",
    "-North",
    " Anytown ",
    "O'Brien's – “Partnership”",
    "a\tb",
)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "safeguarding_plan", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def one_line(text: str) -> bool:
    return "".join(text.splitlines()) == text


@pytest.mark.parametrize("ratings", ["faces", "rag", "brag"])
def test_starter_loads_scores_and_round_trips(ratings: str) -> None:
    plan = sp.loads(starter("Anytown Partnership", period="2024/26", ratings=ratings))
    assert plan.partnership.name == "Anytown Partnership"
    assert plan.title == "Business Improvement Plan"
    assert plan.ratings.name == ratings
    assert [len(p.actions) for p in plan.priorities] == [2, 2]
    assert all(a.lead and a.due for a in plan.actions)
    assert len(plan.reviews) == 1
    assert sp.loads(sp.dumps(plan)) == plan
    score = sp.score(plan)
    assert (score.actions, score.complete, score.overdue) == (4, 1, ())


def test_init_writes_a_plan_that_exports(tmp_path: Path) -> None:
    target = tmp_path / "my-plan.yaml"
    result = run("init", target, "--partnership", "Anytown", "--short-name", "ASCP")
    assert result.returncode == 0, result.stderr
    assert "safeguarding-plan score" in result.stdout
    assert "-f docx" in result.stdout
    plan = sp.load(target)
    assert (plan.partnership.name, plan.partnership.short_name) == ("Anytown", "ASCP")
    assert plan.period is not None
    paper = tmp_path / "paper.docx"
    assert run("export", target, "-f", "docx", "-o", paper).returncode == 0
    assert paper.stat().st_size > 0


@pytest.mark.parametrize("ratings", ["faces", "rag", "brag"])
def test_every_ratings_choice(tmp_path: Path, ratings: str) -> None:
    target = tmp_path / "plan.yaml"
    assert main(["init", str(target), "--partnership", "Anytown", "--ratings", ratings]) == 0
    plan = sp.load(target)
    assert plan.ratings.name == ratings
    assert sp.score(plan).complete == 1


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_awkward_names_stay_the_name(tmp_path: Path, name: str) -> None:
    target = tmp_path / "plan.yaml"
    assert main(["init", str(target), f"--partnership={name}", f"--short-name={name}"]) == 0
    plan = sp.load(target)
    assert plan.partnership.name == name
    assert plan.partnership.short_name == name


@given(texts(long=False).filter(one_line))
def test_any_one_line_name_stays_the_name(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "plan.yaml"
        assert main(["init", str(target), f"--partnership={name}", "--period=2024/26"]) == 0
        assert sp.load(target).partnership.name == name


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("mine", encoding="utf-8")
    result = run("init", target, "--partnership", "Anytown")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"safeguarding-plan: {target}: already exists; give --force to replace it"
    ]
    assert target.read_text(encoding="utf-8") == "mine"


def test_force_replaces(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("mine", encoding="utf-8")
    result = run("init", target, "--partnership", "Anytown", "--force")
    assert result.returncode == 0, result.stderr
    assert sp.load(target).partnership.name == "Anytown"


@pytest.mark.parametrize("period", ["20x", "2024/23", "next year"])
def test_bad_period(tmp_path: Path, period: str) -> None:
    target = tmp_path / "plan.yaml"
    result = run("init", target, "--partnership", "Anytown", f"--period={period}")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("safeguarding-plan: --period: ")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_empty_name(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    result = run("init", target, "--partnership", "")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "safeguarding-plan: --partnership: the partnership's name must not be empty"
    ]
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "length"),
    [
        pytest.param("A" * 40_000, "40,000", id="40000-letters"),
        # Excel counts UTF-16 units: 16,384 emoji are 32,768, one more than a cell holds.
        pytest.param("😊" * 16_384, "32,768", id="emoji-past-the-limit"),
    ],
)
def test_a_name_no_tracker_cell_can_hold_is_refused_and_nothing_written(
    tmp_path: Path, name: str, length: str
) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("mine", encoding="utf-8")
    result = run("init", target, "--partnership", name, "--force")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"safeguarding-plan: --partnership: the partnership's name is {length} characters; an "
        "Excel cell holds at most 32,767; give a shorter name"
    ]
    assert target.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_the_longest_name_a_cell_holds_makes_a_plan_that_exports_as_a_tracker(
    tmp_path: Path,
) -> None:
    target = tmp_path / "plan.yaml"
    name = "Anytown " * 4095 + "Anytown"  # 32,767 characters
    assert main(["init", str(target), "--partnership", name, "--short-name", "ASCP"]) == 0
    plan = sp.load(target)
    assert len(plan.partnership.name) == 32_767
    tracker = io.BytesIO()
    sp.export(plan, "xlsx", tracker)
    assert tracker.getvalue().startswith(b"PK")

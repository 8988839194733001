"""``yearly-report`` on the command line and ``export(..., year=...)``: only an exporter that
renders a yearly report is given one, ``--check`` passes only where the real run would, and a
public run's lines never show a restricted name."""

from __future__ import annotations

import io
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import EntryPoint, acme_plugin

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.exporting.exporter import Exporter
from safeguarding_plan.exporting.manager import PluginManager, get_plugin_manager
from safeguarding_plan.reporting.contents import Report

EXAMPLE = Path(__file__).parent.parent / "examples" / "birmingham-2021-23" / "plan.yaml"

NOT_YEARLY = "cannot write a yearly report; those that can: docx, xlsx, md, json"

SECRET_REVIEW_PLAN = """\
format: safeguarding-plan/1
partnership:
  name: Anytown Safeguarding Children Partnership
plan:
  title: Business Improvement Plan
  period: 2020/22
ratings: rag
priorities:
  - id: "1"
    title: Learning from reviews makes a difference to practice
    actions:
      - {id: "1.1", text: Brief practitioners on the learning, lead: Business Unit, due: March 2022}
reviews:
  - id: jo-bloggs-2021
    title: March 2021 – Update
    as_of: 2021-03-31
    updates:
      "1.1": {progress: in-progress, rating: amber}
restricted_words:
  - Jo Bloggs
"""
"""A plan whose one review is named after someone whose name is restricted."""


def _plugin(*, yearly: bool) -> types.ModuleType:
    """A plugin whose ``acme`` exporter writes the report's title, and whether it is a yearly
    report's."""

    def write(report: Report, stream: Any, _options: Any) -> None:
        stream.write(f"{report.title} {report.year is not None}".encode())

    return acme_plugin(write, yearly=yearly)


def _yearly(
    capsys: pytest.CaptureFixture[str], *args: str, plan: Path = EXAMPLE
) -> tuple[int, list[str], list[str]]:
    """``yearly-report`` of ``plan`` with ``args`` (no installed plugin): its exit code, and
    the lines of its standard output and error."""
    capsys.readouterr()
    code = main(["yearly-report", str(plan), "--no-plugins", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


# --- which exporters render a yearly report --------------------------------------------------


def test_the_built_in_exporters_say_whether_they_render_a_yearly_report() -> None:
    found = get_plugin_manager(autoload=False).exporters
    assert {name: e.yearly for name, e in found.items()} == {
        "docx": True,
        "xlsx": True,
        "md": True,
        "json": True,
    }


def test_an_exporter_renders_no_yearly_report_unless_it_says_so() -> None:
    made = Exporter(name="acme", title="Acme", suffix=".txt", media_type="text/plain", write=print)
    assert made.yearly is False
    with pytest.raises(sp.ExporterError, match=r"^exporter 'acme': yearly must be True or False"):
        Exporter(
            name="acme", title="Acme", suffix=".txt", media_type="text/plain", write=print,
            yearly="yes",  # type: ignore[arg-type]
        )  # fmt: skip


@pytest.mark.parametrize("yearly", [False, True])
def test_export_gives_a_year_only_to_an_exporter_that_renders_it(
    make_plugin_manager: Callable[..., PluginManager], yearly: bool
) -> None:
    manager = make_plugin_manager(_plugin(yearly=yearly))
    plan = sp.load(EXAMPLE)
    out = io.BytesIO()
    if yearly:
        sp.export(plan, "acme", out, year="2021/22", plugin_manager=manager)
        assert out.getvalue().endswith(b" True")
        return
    with pytest.raises(sp.ExporterError) as refused:
        sp.export(plan, "acme", out, year="2021/22", plugin_manager=manager)
    assert str(refused.value) == f"exporter 'acme' {NOT_YEARLY}"
    assert out.getvalue() == b""
    # Its ordinary document it still writes.
    sp.export(plan, "acme", out, plugin_manager=manager)
    assert out.getvalue().endswith(b" False")


@pytest.mark.parametrize("check", [[], ["--check"]])
def test_yearly_report_refuses_an_exporter_that_renders_none_in_one_line(
    entry_points: list[EntryPoint],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    check: list[str],
) -> None:
    entry_points.append(EntryPoint("acme", lambda: _plugin(yearly=False), exporters=["acme"]))
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    code = main(["yearly-report", str(EXAMPLE), "--year", "2021/22", "-f", "acme", *check])
    err = capsys.readouterr().err.splitlines()
    assert (code, err) == (
        2,
        ["safeguarding-plan: exporter 'acme' cannot write a yearly report; those that can: "
         "docx, xlsx, md, json"],
    )  # fmt: skip
    assert list(tmp_path.iterdir()) == []


# --- --check passes only where the real run would ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (["-f", "nosuch"], ["no exporter 'nosuch'; installed: docx, xlsx, md, json"]),
        (["-f", "md", "-O", "nonsense=1"], ["exporter 'md' takes no option 'nonsense'"]),
        (
            ["-O", "author=Star Hobson"],  # restricted in Birmingham's plan
            ["option 'author' of exporter 'docx' holds a restricted name"],
        ),
        # The tracker's own check: the year's workbook is no lead's tracker nor a form.
        (
            ["-f", "xlsx", "-O", "new_review=2022-06"],
            ["option 'new_review' of exporter 'xlsx' is for a tracker of a review"],
        ),
        # The Word exporter's own check, made as it renders the report.
        (
            ["-O", "report_to=Full Board", "-O", "meeting_date=2022-07-14"],
            [
                "option 'report_to' of exporter 'docx' is for a paper to a meeting",
                "option 'meeting_date' of exporter 'docx' is for a paper to a meeting",
            ],
        ),
        (["-o", str(EXAMPLE)], ["will not overwrite the plan itself"]),
        # Where nothing can be written: a folder, or a file in a folder that is not there.
        (["-o", str(EXAMPLE.parent)], ["cannot write the file: it is a folder"]),
        (["-o", str(EXAMPLE.parent / "missing" / "y.md")], ["No such file or directory"]),
    ],
)
def test_the_check_fails_where_the_report_would_with_the_same_lines(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
    told: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _yearly(capsys, "--year", "2021/22", *args)
    assert code == 2
    assert out == []
    assert len(err) == len(told)
    assert all(line.startswith("safeguarding-plan: ") for line in err)
    assert all(words in line for words, line in zip(told, err, strict=True))
    assert "Star Hobson" not in "\n".join(err)
    checked, listed, check_err = _yearly(capsys, "--year", "2021/22", "--check", *args)
    assert (checked, check_err) == (code, err)
    assert listed[0].endswith("the yearly report can hold 8 of 10 contents")
    assert list(tmp_path.iterdir()) == []


def test_the_check_passes_where_the_report_is_written_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = _yearly(capsys, "--year", "2021/22", "--check", "-f", "md", "-O", "x=1")
    assert code == 2
    runs = (["-f", "md"], ["-f", "docx", "-O", "marking=OFFICIAL"])
    for args in runs:
        code, _out, err = _yearly(capsys, "--year", "2021/22", "--check", *args)
        assert (code, err) == (0, [])
    assert list(tmp_path.iterdir()) == []
    for args in runs:
        code, _out, err = _yearly(capsys, "--year", "2021/22", *args)
        assert code == 0, err
    # Once written, the default name is taken: the real run would refuse, so does the check.
    written = [path.name for path in tmp_path.iterdir()]
    assert len(written) == 2
    code, _out, err = _yearly(capsys, "--year", "2021/22", "--check", "-f", "md")
    assert code == 2
    assert err == [
        f"safeguarding-plan: {written[0] if written[0].endswith('.md') else written[1]}: already "
        "exists; give --force to replace it, or -o to name another file"
    ]
    code, _out, err = _yearly(capsys, "--year", "2021/22", "--check", "-f", "md", "--force")
    assert (code, err) == (0, [])


def test_a_check_of_a_year_without_a_review_tells_every_problem(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _yearly(capsys, "--year", "2020/21", "--check", "-f", "nosuch")
    assert code == 2
    assert out[0].endswith("contents")
    assert err == [
        f"safeguarding-plan: {EXAMPLE}: no review of the plan is dated from 2020-04-01 to "
        "2021-03-31; its reviews: 2022-02 (2022-01-31)",
        "safeguarding-plan: no exporter 'nosuch'; installed: docx, xlsx, md, json",
    ]


# --- a public run's lines ------------------------------------------------------------------------


@pytest.mark.parametrize("check", [[], ["--check"]])
def test_a_public_run_never_prints_a_restricted_name(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    check: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    plan = tmp_path / "plan.yaml"
    plan.write_text(SECRET_REVIEW_PLAN, encoding="utf-8")
    code, out, err = _yearly(capsys, "--year", "2019/20", *check, plan=plan)
    assert code == 2
    assert err == [
        f"safeguarding-plan: {plan}: no review of the plan is dated from 2019-04-01 to "
        "2020-03-31; its reviews: [withheld]-2021 (2021-03-31)"
    ]
    assert "bloggs" not in "\n".join(out + err).lower()
    # For the board, whose documents show it, it is named.
    code, out, err = _yearly(capsys, "--year", "2019/20", "--audience", "board", *check, plan=plan)
    assert code == 2
    assert err[-1].endswith("its reviews: jo-bloggs-2021 (2021-03-31)")


# --- what the lines say -------------------------------------------------------------------------


def test_each_missing_line_of_a_year_by_dates_is_what_to_add(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = _yearly(capsys, "--from", "2022-01-01", "--to", "2022-12-31", "--check")
    assert code == 0
    missing = [line.split(": add ", 1)[1] for line in out if line.startswith("  missing")]
    assert missing
    own = [line for line in missing if line.startswith("yearly_reports")]
    assert own
    for line in own:
        # Where the entry goes, as for a year from 1 April, and why this year can have none.
        assert line.startswith("yearly_reports, year YYYY/YY: ")
        assert line.endswith(
            " — only for a year from 1 April to 31 March: give the year as --year 2021/22"
        )
    assert all(line.startswith(("yearly_reports, ", "partnership: ")) for line in missing)


@pytest.mark.parametrize(
    "args",
    [
        ["--year", "9" * 5000],
        ["--from", "9" * 5000, "--to", "2022-03-31"],
        ["--year", "2021/22", "-f", "x" * 5000],
        ["--year", "2021/22", "-O", "x" * 5000],
    ],
)
def test_a_huge_value_is_quoted_back_cut_short(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    capsys.readouterr()
    try:
        code = main(["yearly-report", str(EXAMPLE), "--no-plugins", *args])
    except SystemExit as ended:  # what argparse refuses
        code = int(str(ended.code))
    told = capsys.readouterr().err.splitlines()[-1]
    assert code == 2
    assert "…" in told
    assert len(told) < 300


@pytest.mark.parametrize("audience", ["public", "board"])
def test_the_title_block_options_are_refused_for_a_yearly_report(audience: str) -> None:
    # A yearly report goes to no meeting, for either audience: its title block gives its year.
    out = io.BytesIO()
    with pytest.raises(sp.OptionError) as refused:
        sp.export(
            sp.load(EXAMPLE), "docx", out, year="2021/22", audience=audience,  # type: ignore[arg-type]
            options={"report_to": "Full Board", "meeting_date": "2022-07-14"},
        )  # fmt: skip
    assert refused.value.problems == tuple(
        f"option {name!r} of exporter 'docx' is for a paper to a meeting: the yearly report goes "
        "to no meeting, and its title block gives the year it covers instead"
        for name in ("report_to", "meeting_date")
    )
    # The options the yearly report shows are taken.
    sp.export(
        sp.load(EXAMPLE), "docx", out, year="2021/22", audience=audience,  # type: ignore[arg-type]
        options={"author": "The Partnership", "marking": "OFFICIAL"},
    )  # fmt: skip
    assert out.getvalue().startswith(b"PK")

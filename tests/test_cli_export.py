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
from conftest import BIRMINGHAM, EntryPoint, acme_plugin

from safeguarding_plan import cli
from safeguarding_plan.cli import ALIASES, main
from safeguarding_plan.exporting.discovery import DISABLE_AUTOLOAD
from safeguarding_plan.exporting.exporter import Option


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
    assert lines[0].split()[:5] == ["Name", "Suffix", "From", "Yearly", "report"]
    assert [line.split()[:4] for line in lines[1:]] == [
        ["docx", ".docx", "built-in", "yes"],
        ["xlsx", ".xlsx", "built-in", "yes"],
        ["md", ".md", "built-in", "yes"],
        ["json", ".json", "built-in", "yes"],
    ]
    assert options.splitlines() == [  # no line ends in spaces
        "Options (export -O NAME=VALUE):",
        "Exporter  Option        Type                                      Default               "
        "            What it sets",
        "docx      template      path or file                              none                  "
        "            a house-style .docx or .dotx whose styles, headers, footers, logo and page "
        "set-up are kept (also --template FILE)",
        "docx      report_to     one line of text, at most 255 characters  the plan's, else "
        "Executive Board  the meeting the paper goes to",
        "docx      author        one line of text, at most 255 characters  the plan's, else the "
        "partnership  who the paper is from ('Report of'), and the document's author",
        "docx      meeting_date  date (YYYY-MM-DD or DD/MM/YYYY)           the plan's            "
        "            the date of the meeting",
        "docx      marking       one line of text, at most 255 characters  the plan's, else "
        "OFFICIAL         the protective marking at the top and bottom of every page",
        "xlsx      lead          text, exactly as given                    all leads             "
        "            only the actions this lead answers for, the lead as the plan writes it "
        "(also --lead LEAD)",
        "xlsx      new_review    one line of text                          none                  "
        "            the update form for this next review: ratings filled in, updates empty "
        "(also --new-review ID)",
        "xlsx      return_by     date (YYYY-MM-DD or DD/MM/YYYY)           none                  "
        "            on an update form, the date to return it by",
    ]


def test_the_listing_of_options_is_the_declarations_shown_as_any_text_is(
    entry_points: list[EntryPoint], capsys: pytest.CaptureFixture[str]
) -> None:
    entry_points.append(EntryPoint("acme", lambda: _plugin_with(_COPIES)))
    assert main(["exporters"]) == 0
    out = capsys.readouterr().out.splitlines()
    exporter, option = [line for line in out if line.startswith("acme ")]
    assert exporter.split()[:3] == ["acme", ".txt", "acme-exporters"]
    # A plugin's help reaches the terminal as every text from outside does: never acted on.
    assert option.split() == [
        "acme", "copies", "whole", "number", "1", "how", "many", "\\u202e", "copies"
    ]  # fmt: skip


@pytest.mark.parametrize("alias", [a.flag for a in ALIASES])
def test_each_shortcut_flag_is_an_alias_of_an_option_a_built_in_exporter_declares(
    alias: str,
) -> None:
    from safeguarding_plan.exporting.manager import get_plugin_manager

    [option] = [a.option for a in ALIASES if a.flag == alias]
    declared = {
        o.name for e in get_plugin_manager(autoload=False).exporters.values() for o in e.options
    }
    assert option in declared
    assert alias == "--" + option.replace("_", "-")


def test_export_writes_a_default_name_made_from_partnership_plan_and_review(tmp_path: Path) -> None:
    result = _run("export", str(BIRMINGHAM), "--format", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "bscp-business-improvement-plan-2022-02.md"
    assert written.read_text(encoding="utf-8").startswith(
        "# Business Improvement Plan 2021/23: February 2022 – Update\n\n"
        "**Birmingham Safeguarding Children Partnership**\n"
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


def test_a_document_larger_than_the_buffer_in_memory_reaches_standard_output_whole(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The document for standard output waits in a buffer until the export has succeeded;
    past ``SPOOLED_IN_MEMORY`` it waits in a temporary file, and comes out the same."""
    monkeypatch.setattr(cli, "SPOOLED_IN_MEMORY", 1024)
    target = tmp_path / "paper.md"
    export = ["export", str(BIRMINGHAM), "-f", "md", "--no-plugins", "-o"]
    assert main([*export, str(target)]) == 0
    capsysbinary.readouterr()
    assert main([*export, "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert (out, err) == (target.read_bytes(), b"")
    assert len(out) > 10 * 1024


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
    assert target.read_text(encoding="utf-8").startswith("# Business Improvement Plan 2021/23")
    assert main(["exporters", "--no-plugins"]) == 0
    assert "slides" not in capsys.readouterr().err


# --- exporter options on the command line --------------------------------------------------------


def _copies(value: int) -> None:
    if value < 1:
        raise ValueError("must be at least 1")


_COPIES = Option("copies", int, default=1, check=_copies, help="how many \u202e copies")


def _plugin_with(*options: Option) -> types.ModuleType:
    """A plugin whose ``acme`` exporter writes the options it receives."""

    def write(report: Any, stream: Any, given: Any) -> None:
        stream.write(repr(sorted(given.items())).encode())

    return acme_plugin(write, options=options)


def test_a_plugins_option_given_as_text_reaches_it_converted(
    entry_points: list[EntryPoint], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    entry_points.append(EntryPoint("acme", lambda: _plugin_with(_COPIES)))
    target = tmp_path / "out.txt"
    assert main(["export", str(BIRMINGHAM), "-f", "acme", "-O", "copies=3", "-o", str(target)]) == 0
    assert target.read_text() == "[('copies', 3)]"
    assert main(["export", str(BIRMINGHAM), "-f", "acme", "-o", str(target)]) == 0
    assert target.read_text() == "[('copies', 1)]"
    capsys.readouterr()
    assert main(["export", str(BIRMINGHAM), "-f", "acme", "-O", "copies=0", "-o", "-"]) == 2
    assert capsys.readouterr() == (
        "",
        "safeguarding-plan: option 'copies' of exporter 'acme' must be at least 1\n",
    )


def test_every_bad_option_is_one_line_exit_2_and_nothing_written(tmp_path: Path) -> None:
    result = _run(
        "export", str(BIRMINGHAM), "-f", "docx", "--no-plugins", "-O", "colour=red",
        "-O", "meeting-date=March 2022", "-O", "marking=", "-O", "report_to=Board\nof two lines",
        cwd=tmp_path,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "safeguarding-plan: exporter 'docx' takes no option 'colour' (options: template, "
        "report_to, author, meeting_date, marking)",
        "safeguarding-plan: option 'report_to' of exporter 'docx' must be one line",
        "safeguarding-plan: option 'meeting_date' of exporter 'docx': cannot read the date "
        "'March 2022'; write a day as YYYY-MM-DD or DD/MM/YYYY, e.g. '2022-01-31' or "
        "'31/01/2022'",
        "safeguarding-plan: option 'marking' of exporter 'docx' must be non-empty text",
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("output", ["paper.docx", "-"])
def test_a_title_block_option_for_the_public_is_one_line_exit_2_and_nothing_written(
    tmp_path: Path, output: str
) -> None:
    result = _run(
        "export", str(BIRMINGHAM), "-f", "docx", "--audience", "public", "--no-plugins",
        "-O", "report_to=Safeguarding Leaders Assembly", "-O", "meeting_date=2022-03-10",
        "-O", "marking=OFFICIAL", "-o", output, cwd=tmp_path,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (2, "")
    why = (
        "needs the board audience: the public's progress report goes to no meeting and has no "
        "title block to show it"
    )
    assert result.stderr.splitlines() == [
        f"safeguarding-plan: option {name!r} of exporter 'docx' {why}"
        for name in ("report_to", "meeting_date")
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_date_option_given_as_text_reaches_the_paper_as_a_date(tmp_path: Path) -> None:
    import docx

    target = tmp_path / "paper.docx"
    args = ["-O", "meeting_date=2022-03-10", "-O", "report-to= Safeguarding Leaders Assembly "]
    assert main(["export", str(BIRMINGHAM), "-f", "docx", *args, "-o", str(target)]) == 0
    lines = [p.text for p in docx.Document(str(target)).paragraphs[:9]]
    assert "Date of meeting: 10 March 2022" in lines
    assert "Report to: Safeguarding Leaders Assembly" in lines


@pytest.mark.parametrize("written", ["22/04/2021", "22/04/21", "22.04.2021", "22nd April 2021"])
def test_a_meeting_date_may_be_given_as_a_uk_day(tmp_path: Path, written: str) -> None:
    import docx

    target = tmp_path / "paper.docx"
    args = ["-O", f"meeting_date={written}", "-o", str(target)]
    assert main(["export", str(BIRMINGHAM), "-f", "docx", "--no-plugins", *args]) == 0
    lines = [p.text for p in docx.Document(str(target)).paragraphs[:9]]
    assert "Date of meeting: 22 April 2021" in lines


def test_a_meeting_date_written_month_first_is_told_to_put_the_day_first(tmp_path: Path) -> None:
    result = _run(
        "export", str(BIRMINGHAM), "-f", "docx", "--no-plugins", "-O", "meeting_date=04/22/2021",
        cwd=tmp_path,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "safeguarding-plan: option 'meeting_date' of exporter 'docx': '04/22/2021' is not a "
        "real date; write the day first (did you mean '22/04/2021'?)"
    ]
    assert list(tmp_path.iterdir()) == []


def test_the_shortcut_flags_are_the_options_they_stand_for(tmp_path: Path) -> None:
    import openpyxl

    flags = _run(
        "export", str(BIRMINGHAM), "-f", "xlsx", "--no-plugins", "--lead", "Business Unit",
        "--new-review", "2022-05", cwd=tmp_path,
    )  # fmt: skip
    assert flags.returncode == 0, flags.stderr
    [by_flags] = list(tmp_path.iterdir())
    assert by_flags.name == "bscp-business-improvement-plan-2022-05-business-unit.xlsx"
    by_flags.rename(tmp_path / "flags.xlsx")
    options = _run(
        "export", str(BIRMINGHAM), "-f", "xlsx", "--no-plugins", "-O", "lead=Business Unit",
        "-O", "new_review=2022-05", cwd=tmp_path,
    )  # fmt: skip
    assert options.returncode == 0, options.stderr
    assert (tmp_path / by_flags.name).exists()  # the same name, made from the same options

    def rows(path: Path) -> list[tuple[Any, ...]]:
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            return [tuple(r) for r in book["Actions"].iter_rows(values_only=True)]
        finally:
            book.close()

    assert rows(tmp_path / "flags.xlsx") == rows(tmp_path / by_flags.name)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-O", "marking=OFFICIAL", "-O", "marking=OFFICIAL-SENSITIVE"],
            "option 'marking' is given twice; give it once",
        ),
        (
            ["--lead", "Business Unit", "-O", "lead=Executive Board"],
            "option 'lead' is given twice (-O lead and --lead are the same option); give it once",
        ),
    ],
)
def test_the_same_option_twice_is_refused_not_one_value_dropped(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = _run("export", str(BIRMINGHAM), "-f", "xlsx", "--no-plugins", *args, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"safeguarding-plan: {message}\n",
    )
    assert list(tmp_path.iterdir()) == []

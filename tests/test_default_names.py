"""Default file names: one for each installed exporter, the exporter's name in it only where
another has its suffix; and a file already at the default name is never replaced unless
``--force`` says so (a file named with ``-o`` is replaced, as it always was)."""

from __future__ import annotations

import errno
import io
import os
import stat
import threading
import types
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from conftest import BIRMINGHAM, EntryPoint
from gfm import seen
from hypothesis import given
from hypothesis import strategies as st
from strategies import partnerships

import safeguarding_plan as sp
from safeguarding_plan import files
from safeguarding_plan.cli import default_name, main
from safeguarding_plan.exporting.exporter import Exporter
from safeguarding_plan.exporting.hookspecs import hookimpl
from safeguarding_plan.exporting.naming import endings
from safeguarding_plan.files import write_atomically

STEM = "bscp-business-improvement-plan-2022-02"
TITLE = "Business Improvement Plan 2021/23: February 2022 – Update"


def _slides(report: Any, stream: Any, options: Any) -> None:
    """A plugin's Word document that is not the board paper: one slide a paragraph."""
    document = docx.Document()
    document.add_paragraph(f"Slides: {report.title}")
    document.add_paragraph(report.headline)
    document.save(stream)


def _text(name: str) -> Any:
    def write(report: Any, stream: Any, options: Any) -> None:
        stream.write(f"{name}: {report.title}\n".encode())

    return write


def _plugin(*exporters: Exporter) -> types.ModuleType:
    plugin = types.ModuleType(f"acme_{exporters[0].name}")

    @hookimpl
    def register_exporters(register: Any) -> None:
        for exporter in exporters:
            register(exporter)

    plugin.register_exporters = register_exporters  # type: ignore[attr-defined]
    return plugin


def _exporter(name: str, suffix: str, write: Any = None) -> Exporter:
    return Exporter(name, name.title(), suffix, "application/octet-stream", write or _text(name))


def _install(entry_points: list[EntryPoint], *exporters: Exporter) -> None:
    entry_points.append(EntryPoint(exporters[0].name, lambda: _plugin(*exporters)))


def _export(*args: str) -> int:
    return main(["export", str(BIRMINGHAM), *args])


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- the names ------------------------------------------------------------------------------


@pytest.mark.parametrize("order", [("docx", "slides"), ("slides", "docx")])
def test_two_exporters_with_one_suffix_never_write_over_each_others_file(
    entry_points: list[EntryPoint],
    birmingham: sp.Plan,
    tmp_path: Path,
    *,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    order: tuple[str, str],
) -> None:
    _install(entry_points, _exporter("slides", ".docx", _slides))
    monkeypatch.chdir(tmp_path)
    for name in order:
        assert _export("-f", name) == 0, capsys.readouterr().err
    paper, slides = f"{STEM}.docx", f"{STEM}.slides.docx"
    assert capsys.readouterr().err.splitlines() == [
        {"docx": f"wrote {paper} (docx, board)", "slides": f"wrote {slides} (slides, board)"}[n]
        for n in order
    ]
    assert _left(tmp_path) == [paper, slides]
    # The board paper keeps the name it always had; the plugin's document is named for it.
    board_paper = _paragraphs(tmp_path / paper)
    assert TITLE in board_paper
    assert "Purpose of the report" in board_paper
    assert _paragraphs(tmp_path / slides) == [
        f"Slides: {TITLE}",
        sp.headline(birmingham, sp.score(birmingham)),
    ]


def test_exporters_that_share_a_suffix_each_put_their_name_before_it(
    entry_points: list[EntryPoint], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two plugins, neither named after the suffix; the case of a suffix makes no difference,
    # as it makes none to the file systems of Windows and macOS.
    _install(entry_points, _exporter("alpha", ".csv"))
    _install(entry_points, _exporter("beta", ".CSV"))
    monkeypatch.chdir(tmp_path)
    assert _export("-f", "alpha") == 0
    assert _export("-f", "beta") == 0
    assert _export("-f", "md") == 0
    assert _left(tmp_path) == [f"{STEM}.alpha.csv", f"{STEM}.beta.CSV", f"{STEM}.md"]
    assert (tmp_path / f"{STEM}.alpha.csv").read_text("utf-8") == f"alpha: {TITLE}\n"
    assert (tmp_path / f"{STEM}.beta.CSV").read_text("utf-8") == f"beta: {TITLE}\n"
    assert seen((tmp_path / f"{STEM}.md").read_text("utf-8")).headings[0] == TITLE


@pytest.mark.parametrize("plugins", [False, True])
def test_an_exporter_whose_suffix_no_other_has_keeps_todays_name(
    entry_points: list[EntryPoint],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    plugins: bool,
) -> None:
    _install(entry_points, _exporter("acme", ".txt"))
    monkeypatch.chdir(tmp_path)
    flags = [] if plugins else ["--no-plugins"]
    for name in ("docx", "xlsx", "md", "json"):
        assert _export("-f", name, *flags) == 0
    assert _export("-f", "md", "--audience", "public", *flags) == 0
    expected = [".docx", ".json", ".md", "-public.md", ".xlsx"]
    if plugins:
        assert _export("-f", "acme") == 0
        assert (tmp_path / f"{STEM}.txt").read_text("utf-8") == f"acme: {TITLE}\n"
        expected.append(".txt")
    assert _left(tmp_path) == sorted(STEM + ending for ending in expected)
    assert TITLE in _paragraphs(tmp_path / f"{STEM}.docx")
    assert seen((tmp_path / f"{STEM}-public.md").read_text("utf-8")).headings[0] == TITLE


_NAMES = st.one_of(
    st.sampled_from(["docx", "md", "csv", "gz", "tar", "slides", "a-b", "x_y", "7z"]),
    st.from_regex(r"[a-z0-9][a-z0-9_-]{0,5}", fullmatch=True),
)
_SUFFIXES = st.one_of(
    st.sampled_from([".docx", ".DOCX", ".md", ".csv", ".gz", ".tar.gz", ".slides.docx", ".7z"]),
    st.from_regex(r"(\.[A-Za-z0-9]{1,4}){1,3}", fullmatch=True),
)
_EXPORTERS = st.lists(
    st.builds(_exporter, _NAMES, _SUFFIXES), max_size=8, unique_by=lambda e: e.name
)


@given(_EXPORTERS, partnerships())
def test_no_two_installed_exporters_have_one_default_name(
    birmingham: sp.Plan, exporters: list[Exporter], partnership: sp.Partnership
) -> None:
    plan = attrs.evolve(birmingham, partnership=partnership)
    found = endings(exporters)
    names = [default_name(plan, "2022-02", "board", found[e.name]) for e in exporters]
    # Compared as Windows and macOS compare file names.
    assert len({name.lower() for name in names}) == len(exporters)
    for exporter in exporters:
        bare, named = exporter.suffix, f".{exporter.name}{exporter.suffix}"
        others = [e for e in exporters if e is not exporter]
        suffixes = {e.suffix.lower() for e in others}
        could_be = suffixes | {f".{e.name}{e.suffix}".lower() for e in others}
        if bare[1:].lower() == exporter.name:
            assert found[exporter.name] == bare  # named after its suffix: docx's .docx
        elif bare.lower() in suffixes:
            assert found[exporter.name] == named
        elif bare.lower() not in could_be:
            assert found[exporter.name] == bare
        else:
            assert found[exporter.name] in (bare, named)


def test_a_name_before_a_suffix_that_makes_another_suffix_names_that_one_too() -> None:
    exporters = [_exporter("gz", ".gz"), _exporter("tar", ".gz"), _exporter("bundle", ".tar.gz")]
    assert endings(exporters) == {"gz": ".gz", "tar": ".tar.gz", "bundle": ".bundle.tar.gz"}


# --- never over a file already there ----------------------------------------------------------

REFUSED = (
    "safeguarding-plan: {name}: already exists; give --force to replace it, or -o to name "
    "another file\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder, holding a file of the Markdown's default name that no export wrote:
    the partnership's own notes."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / f"{STEM}.md").write_text("Our own notes\n", encoding="utf-8")
    return tmp_path


def test_a_file_already_at_the_default_name_is_left_and_nothing_written(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export("-f", "md", "--no-plugins") == 2
    assert capsys.readouterr() == ("", REFUSED.format(name=f"{STEM}.md"))
    assert _left(folder) == [f"{STEM}.md"]
    assert (folder / f"{STEM}.md").read_text("utf-8") == "Our own notes\n"


def test_force_replaces_a_file_at_the_default_name(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export("-f", "md", "--no-plugins", "--force") == 0
    assert capsys.readouterr().err == f"wrote {STEM}.md (md, board)\n"
    assert _left(folder) == [f"{STEM}.md"]
    assert seen((folder / f"{STEM}.md").read_text("utf-8")).headings[0] == TITLE


def test_a_file_named_with_o_is_replaced_as_it_always_was(folder: Path) -> None:
    assert _export("-f", "md", "--no-plugins", "-o", f"{STEM}.md") == 0
    assert seen((folder / f"{STEM}.md").read_text("utf-8")).headings[0] == TITLE


@pytest.mark.parametrize("output", ["-", os.devnull])
def test_standard_output_and_dev_null_are_written_whatever_the_default_name_holds(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes], output: str
) -> None:
    assert _export("-f", "md", "--no-plugins", "-o", output) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(f"# {TITLE}".encode()) if output == "-" else out == b""
    assert (folder / f"{STEM}.md").read_text("utf-8") == "Our own notes\n"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and FIFOs")
def test_a_link_at_the_default_name_is_left_as_is_the_file_it_leads_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "notes.md").write_text("Our own notes\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / f"{STEM}.md").symlink_to(kept / "notes.md")
    assert _export("-f", "md", "--no-plugins") == 2
    assert capsys.readouterr().err == REFUSED.format(name=f"{STEM}.md")
    assert (kept / "notes.md").read_text("utf-8") == "Our own notes\n"
    assert _export("-f", "md", "--no-plugins", "--force") == 0
    assert (tmp_path / f"{STEM}.md").is_symlink()
    assert seen((kept / "notes.md").read_text("utf-8")).headings[0] == TITLE


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_a_fifo_at_the_default_name_is_written_to_since_nothing_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    fifo = tmp_path / f"{STEM}.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert _export("-f", "md", "--no-plugins") == 0
    reader.join(30)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert seen(received[0].decode("utf-8")).headings[0] == TITLE


def test_a_plugin_whose_name_now_goes_before_its_suffix_leaves_its_old_file(
    entry_points: list[EntryPoint],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``excel`` wrote ``….csv`` while it was the only ``.csv``; then a ``csv`` exporter, named
    after the suffix, is installed: it keeps that name, and never silently takes the file."""
    monkeypatch.chdir(tmp_path)
    _install(entry_points, _exporter("excel", ".csv"))
    assert _export("-f", "excel") == 0
    _install(entry_points, _exporter("csv", ".csv"))
    capsys.readouterr()
    assert _export("-f", "csv") == 2
    assert capsys.readouterr() == ("", REFUSED.format(name=f"{STEM}.csv"))
    assert (tmp_path / f"{STEM}.csv").read_text("utf-8") == f"excel: {TITLE}\n"
    assert _export("-f", "excel") == 0
    assert (tmp_path / f"{STEM}.excel.csv").read_text("utf-8") == f"excel: {TITLE}\n"
    assert _export("-f", "csv", "--force") == 0
    assert (tmp_path / f"{STEM}.csv").read_text("utf-8") == f"csv: {TITLE}\n"


def test_a_file_that_appears_while_the_document_is_written_is_not_replaced(
    entry_points: list[EntryPoint],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Another program (here, the exporter itself) puts a file at the default name after the
    command looked: the document is linked into place, which fails, not renamed over it."""

    def meanwhile(report: Any, stream: Any, options: Any) -> None:
        Path(f"{STEM}.txt").write_text("written meanwhile\n", encoding="utf-8")
        stream.write(b"the document")

    monkeypatch.chdir(tmp_path)
    _install(entry_points, _exporter("acme", ".txt", meanwhile))
    assert _export("-f", "acme") == 2
    assert capsys.readouterr() == ("", REFUSED.format(name=f"{STEM}.txt"))
    assert _left(tmp_path) == [f"{STEM}.txt"]
    assert (tmp_path / f"{STEM}.txt").read_text("utf-8") == "written meanwhile\n"


# --- the Python API and the writing underneath --------------------------------------------


def test_export_replaces_unless_told_not_to(birmingham: sp.Plan, tmp_path: Path) -> None:
    target = tmp_path / "paper.md"
    target.write_text("Our own notes\n", encoding="utf-8")
    manager = sp.get_plugin_manager(autoload=False)
    with pytest.raises(FileExistsError) as refused:
        sp.export(birmingham, "md", target, plugin_manager=manager, replace=False)
    assert refused.value.filename == str(target)
    assert _left(tmp_path) == ["paper.md"]
    assert target.read_text("utf-8") == "Our own notes\n"
    sp.export(birmingham, "md", target, plugin_manager=manager)
    assert seen(target.read_text("utf-8")).headings[0] == TITLE
    # Given as a keyword, an exporter's option of that name would be taken for the rule.
    with pytest.raises(TypeError, match="replace must be True or False, not str"):
        sp.export(birmingham, "md", target, plugin_manager=manager, replace="no")  # type: ignore[arg-type]
    # A stream is written to as it is.
    stream = io.BytesIO()
    sp.export(birmingham, "md", stream, plugin_manager=manager, replace=False)
    assert stream.getvalue() == target.read_bytes()


@pytest.mark.parametrize("links", [True, False])
def test_a_new_file_is_put_only_where_nothing_is_with_or_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    if not links:  # a file system without them (FAT, some network shares)

        def no_link(*args: object, **kwargs: object) -> None:
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(files.os, "link", no_link)
    target = tmp_path / "new.txt"
    write_atomically(target, lambda stream: stream.write(b"new"), replace=False)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    with pytest.raises(FileExistsError):
        write_atomically(target, lambda stream: stream.write(b"again"), replace=False)

    def meanwhile(stream: Any) -> None:
        (tmp_path / "late.txt").write_bytes(b"theirs")
        stream.write(b"ours")

    with pytest.raises(FileExistsError):
        write_atomically(tmp_path / "late.txt", meanwhile, replace=False)
    assert (tmp_path / "late.txt").read_bytes() == b"theirs"
    assert _left(tmp_path) == ["late.txt", "new.txt"]


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

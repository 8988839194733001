"""The package checks themselves (``safeguarding_plan.packages``): that they leave room for the
largest tracker the exporter writes, read the zip's end record as zipfile does, and let through
only rows and cells that openpyxl reads where they stand. The hostile packages they refuse are
in the corpora of ``test_bad_workbooks`` and ``test_bad_templates``."""

from __future__ import annotations

import builtins
import io
import os
import shutil
import socket
import stat
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import hostile
import openpyxl
import pytest
from conftest import BIRMINGHAM, larger_plan
from hypothesis import event, given, settings
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.errors import column_letters
from safeguarding_plan.office import packages

MAY = date(2022, 4, 30)


def test_the_largest_tracker_the_exporter_writes_is_well_within_every_limit() -> None:
    out = io.BytesIO()
    plan = larger_plan(4_000, "rag")  # 20,000 actions, as the benchmarks measure
    sp.export(plan, "xlsx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    packages.check(out, packages.TRACKER)
    with zipfile.ZipFile(out) as archive:
        actions = archive.read(hostile.ACTIONS_PART)
    assert len(actions) < packages.MAX_PART_SIZE / 4
    assert actions.count(b"<") - actions.count(b"</") < packages.MAX_ELEMENTS / 4


def test_the_number_of_parts_is_read_from_a_zip64_end_record_as_zipfile_reads_it() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:  # over 65,535 parts: a zip64 end record
        for n in range(70_000):
            archive.writestr(zipfile.ZipInfo(f"{n}"), b"")
    data = bytearray(out.getvalue())
    assert data[-22:-18] == b"PK\x05\x06"
    data[-14:-10] = (10).to_bytes(2, "little") * 2  # the short count says 10 parts
    forged = io.BytesIO(bytes(data))
    assert len(zipfile.ZipFile(forged).infolist()) == 70_000  # zipfile believes the zip64 one
    forged.seek(0)
    with pytest.raises(packages.PackageError, match="it has more than 1,000 parts"):
        packages.check_file(forged, packages.TRACKER)
    assert forged.tell() == 0


@pytest.mark.parametrize("seekable", [True, False])
def test_the_api_refuses_a_hostile_tracker_stream_as_the_command_does(
    seekable: bool, tmp_path: Path
) -> None:
    (path,) = hostile.TRACKERS["row_beyond_a_worksheet"][0](tmp_path)
    stream: Any = io.BytesIO(path.read_bytes()) if seekable else _Pipe(path.read_bytes())
    stream.name = "tracker.xlsx"
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(sp.load(BIRMINGHAM), stream, "2022-05", MAY)
    assert str(caught.value) == (
        "tracker.xlsx: Actions: row 99,999,999,999 is beyond the 1,048,576 rows a worksheet "
        "can have"
    )


class _Pipe(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self.data.readinto(buffer)


# -- what is let through, openpyxl reads where it stands -------------------------------------

SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook(sheet: bytes) -> io.BytesIO:
    """The smallest workbook openpyxl reads, with ``sheet`` as its one worksheet."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    )
    rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    parts = {
        "[Content_Types].xml": types,
        "_rels/.rels": f'{rels}<Relationship Id="r1" Type="{rel}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{SHEET}" xmlns:r="{rel}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'{rels}<Relationship Id="r1" Type="{rel}/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    out.seek(0)
    return out


ROW_NUMBERS = ["0", "-5", "1e1", "7.0", " 8", "+9", "0012", "٣", "1048577", "99999999999"]
"""Row numbers openpyxl reads (as a float, after a space, in other digits) or drops."""
COLUMNS = ["XFD", "XFE", "AAAA", "$D", "a", "A"]


def _sometimes(odd: list[str], gaps: int) -> st.SearchStrategy[int | str | None]:
    """Mostly None (numbered on from the one before) or a gap to the number given; one time
    in ten, a number or column given as is, from ``odd``."""
    return st.integers(0, 9).flatmap(
        lambda n: st.sampled_from(odd) if n == 0 else st.one_of(st.none(), st.integers(0, gaps))
    )


rows_given = _sometimes(ROW_NUMBERS, 3)
cells_given = st.lists(_sometimes(COLUMNS, 2), max_size=4)


def rendered(
    rows: list[tuple[int | str | None, list[int | str | None]]],
) -> list[tuple[str | None, list[str | None]]]:
    """Each row's number and cells' columns as written: a gap becomes the number after it."""
    done: list[tuple[str | None, list[str | None]]] = []
    row = 0
    for given_row, given_cells in rows:
        row += given_row + 1 if isinstance(given_row, int) else 1  # as openpyxl counts on
        number = str(row) if isinstance(given_row, int) else given_row
        column, letters = 0, []
        for cell in given_cells:
            column += cell + 1 if isinstance(cell, int) else 1
            letters.append(column_letters(column) if isinstance(cell, int) else cell)
        done.append((number, letters))
    return done


@settings(max_examples=100)
@given(written=st.lists(st.tuples(rows_given, cells_given), max_size=8))
def test_rows_and_cells_the_checks_let_through_are_read_where_they_stand(
    written: list[tuple[int | str | None, list[int | str | None]]],
) -> None:
    rows = rendered(written)
    xml = []
    for index, (number, columns) in enumerate(rows):
        attribute = "" if number is None else f' r="{number}"'
        row_cells = []
        for place, letters in enumerate(columns):
            reference = "" if letters is None else f' r="{letters}{index + 1}"'
            text = f"v{index}.{place}"
            row_cells.append(f'<c{reference} t="inlineStr"><is><t>{text}</t></is></c>')
        xml.append(f"<row{attribute}>{''.join(row_cells)}</row>")
    stream = workbook(
        f'<worksheet xmlns="{SHEET}"><sheetData>{"".join(xml)}</sheetData></worksheet>'.encode()
    )
    try:
        packages.check(stream, packages.TRACKER)
    except packages.PackageError as err:
        event(f"refused: {str(err)[:30]}")
        return  # refused, so never read
    # Accepted: each row is numbered 1 to 1,048,576, in order, and each cell of a row is in a
    # column of its own, in order, as openpyxl numbers them; so each value is read there.
    where, row_number = {}, 0
    for index, (number, columns) in enumerate(rows):
        row_number = row_number + 1 if number is None else int(number)
        assert row_number <= packages.SHEET_ROWS
        column = 0
        for place, letters in enumerate(columns):
            column = column + 1 if letters is None else _column(letters)
            where[f"v{index}.{place}"] = (row_number, column)
    book = openpyxl.load_workbook(stream, read_only=True)
    try:
        sheet = book["S"]
        sheet.reset_dimensions()
        found = {
            value: (r, c)
            for r, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            for c, value in enumerate(values, start=1)
            if value is not None
        }
    finally:
        book.close()
    event("accepted")
    assert found == where


def _column(letters: str) -> int:
    number = 0
    for letter in letters.lstrip("$").upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


# -- what is not a file, and streams that never end ----------------------------------------

NOT_FILES = {
    "/dev/zero": "a character device",  # reads without end
    "/dev/urandom": "a character device",
    "/dev/null": "a character device",  # reads nothing
    "pipe.xlsx": "a named pipe",  # no one writes to it: reading it waits for ever
    "socket.xlsx": "a socket",
    "folder.xlsx": "a folder",
}


def _not_a_file(name: str) -> Path:
    """``name`` made in the current folder, or the device it names."""
    path = Path(name)
    if name.startswith("/dev/"):
        if not path.exists():
            pytest.skip(f"no {name} here")
    elif name == "pipe.xlsx":
        os.mkfifo(path)
    elif name == "socket.xlsx":
        with socket.socket(socket.AF_UNIX) as listening:
            listening.bind(name)  # the socket file stays
    else:
        path.mkdir()
    return path


@pytest.fixture
def never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening anything but a regular file as a Python file object fails the test at once,
    where reading it would never end (/dev/zero), or wait for ever (a named pipe)."""

    def refuse(what: Any) -> None:
        try:
            if isinstance(what, int):
                mode = os.fstat(what).st_mode
            elif isinstance(what, str | os.PathLike):
                mode = os.stat(what).st_mode
            else:
                return
        except OSError:
            return
        if not stat.S_ISREG(mode):
            raise AssertionError(f"{what} was opened to be read")

    def guarded(original: Any) -> Any:
        def opener(file: Any, *args: Any, **kwargs: Any) -> Any:
            refuse(file)
            return original(file, *args, **kwargs)

        return opener

    monkeypatch.setattr(builtins, "open", guarded(builtins.open))
    monkeypatch.setattr(io, "open", guarded(io.open))
    monkeypatch.setattr(os, "fdopen", guarded(os.fdopen))


@pytest.mark.skipif(os.name != "posix", reason="devices, named pipes and sockets")
@pytest.mark.usefixtures("never_read")
@pytest.mark.parametrize(("name", "what"), NOT_FILES.items(), ids=list(NOT_FILES))
def test_a_tracker_or_template_that_is_no_file_is_refused_unread(
    name: str,
    what: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # a socket's path must be short
    path = _not_a_file(name)
    plan = shutil.copy(BIRMINGHAM, tmp_path / "plan.yaml")
    before = sorted(tmp_path.iterdir())
    imported = [
        "import-xlsx", str(path), "--plan", str(plan), "--review", "2022-05", "-o", "new.yaml"
    ]  # fmt: skip
    assert main(imported) == 2
    assert capsys.readouterr() == ("", f"{path}: not a file ({what})\n")
    exported = ["export", str(plan), "-f", "docx", "--template", str(path), "-o", "paper.docx"]
    assert main([*exported, "--no-plugins"]) == 2
    assert capsys.readouterr() == ("", f"safeguarding-plan: template {path}: not a file ({what})\n")
    assert sorted(tmp_path.iterdir()) == before
    # From Python, the same line.
    with pytest.raises(sp.PlanError) as caught:
        sp.import_xlsx(sp.load(BIRMINGHAM), path, "2022-05", MAY)
    assert str(caught.value) == f"{path}: not a file ({what})"
    with pytest.raises(sp.ExporterError) as failed:
        sp.export(
            sp.load(BIRMINGHAM), "docx", io.BytesIO(), options={"template": path},
            plugin_manager=sp.get_plugin_manager(autoload=False),
        )  # fmt: skip
    assert str(failed.value) == f"template {path}: not a file ({what})"


def test_open_file_never_waits_for_a_named_pipe_put_in_place_after_the_first_look(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    regular = os.stat(BIRMINGHAM)
    looked: list[Any] = []

    def first_look(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        looked.append(path)
        return regular  # as if it were still the file it was when it was looked at

    monkeypatch.setattr(os, "stat", first_look)
    with pytest.raises(packages.PackageError, match=r"^not a file \(a named pipe\)$"):
        packages.open_file(fifo, packages.TEMPLATE)  # opened without waiting, then refused
    assert looked == [fifo]


class _Endless(io.RawIOBase):
    """A stream like /dev/zero: it says it can seek, every seek answers 0, and it never ends.
    It counts what is read of it, and fails the test once far more than any limit is read."""

    name = "endless.xlsx"

    def __init__(self, limit: int) -> None:
        self.read_bytes = 0
        self.limit = limit

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def tell(self) -> int:
        return 0

    def readinto(self, buffer: Any) -> int:
        if self.read_bytes > 4 * self.limit:
            raise AssertionError("read without a cap")
        size = len(buffer)
        buffer[:size] = bytes(size)
        self.read_bytes += size
        return size


@pytest.mark.parametrize("kind", ["tracker", "template"])
def test_a_stream_that_never_ends_is_read_with_a_cap_and_refused(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = packages.MB
    monkeypatch.setattr(packages, "MAX_FILE_SIZE", limit)
    stream = _Endless(limit)
    if kind == "tracker":
        with pytest.raises(sp.PlanError) as caught:
            sp.import_xlsx(sp.load(BIRMINGHAM), stream, "2022-05", MAY)
        assert str(caught.value) == (
            "endless.xlsx: the file is larger than 1 MB; a tracker is never that large"
        )
    else:
        with pytest.raises(sp.ExporterError) as failed:
            sp.export(
                sp.load(BIRMINGHAM), "docx", io.BytesIO(), options={"template": stream},
                plugin_manager=sp.get_plugin_manager(autoload=False),
            )  # fmt: skip
        assert str(failed.value) == (
            "template endless.xlsx: the file is larger than 1 MB; a house template is never "
            "that large"
        )
    assert stream.read_bytes == limit + 1
    assert not stream.closed


class _Trickle(io.RawIOBase):
    """A stream that gives a few bytes at a time, as a pipe or a socket does."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)
        self.name = "trickle.xlsx"

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self.data.readinto(memoryview(buffer)[:1000])


def test_a_stream_that_gives_a_little_at_a_time_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "tracker.xlsx"
    plan = sp.load(BIRMINGHAM)
    sp.export(plan, "xlsx", path, plugin_manager=sp.get_plugin_manager(autoload=False))
    imported = sp.import_xlsx(plan, _Trickle(path.read_bytes()), "2022-05", MAY)
    assert imported.reviews[-1].id == "2022-05"

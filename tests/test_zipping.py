"""The tracker's ZIP writer (formats/ooxml/zipping.py): what it writes is read back by
``zipfile`` and ``unzip`` part for part, to a stream that can be sought back in or not; on a
seekable stream it writes the bytes ``zipfile`` writes; a part opened is written out as it
comes; an archive too large for the plain format is refused, never written corrupt."""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from conftest import larger_plan
from hypothesis import given
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.formats.ooxml import zipping
from safeguarding_plan.formats.ooxml.zipping import Archive, ZipLimitError


class Pipe:
    """A stream that cannot be sought back in, as standard output through a pipe: it keeps
    what is written, and the size of each write."""

    def __init__(self) -> None:
        self.data = io.BytesIO()
        self.sizes: list[int] = []

    def write(self, data: bytes) -> int:
        self.sizes.append(len(data))
        return self.data.write(data)

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        raise OSError("Illegal seek")

    def seek(self, offset: int, whence: int = 0) -> int:
        raise OSError("Illegal seek")

    def getvalue(self) -> bytes:
        return self.data.getvalue()


class Sink(Pipe):
    """A pipe that keeps only the sizes written, not the bytes."""

    def write(self, data: bytes) -> int:
        self.sizes.append(len(data))
        return len(data)


# A part is given whole, or written in pieces of these sizes (the last piece what is left).
Part = tuple[str, bytes, Sequence[int] | None]


def _pieces(data: bytes, sizes: Sequence[int]) -> Iterator[bytes]:
    start = 0
    for size in sizes:
        yield data[start : start + size]
        start += size
    yield data[start:]


def _write(stream: io.BytesIO | Pipe, parts: Sequence[Part]) -> None:
    with Archive(stream) as archive:  # type: ignore[arg-type]  # a Pipe is a binary stream
        for name, data, sizes in parts:
            if sizes is None:
                archive.writestr(name, data)
                continue
            with archive.open(name) as part:
                for piece in _pieces(data, sizes):
                    assert part.write(piece) == len(piece)


def _read(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        return [(info.filename, package.read(info)) for info in package.infolist()]


def _mixed(size: int) -> bytes:
    """``size`` bytes some of which compress and some of which do not, as a sheet's rows
    with their ids and dates."""
    noise = random.Random(size).randbytes(size // 4)
    text = b"<row><c>1.1</c><c>Business Unit</c></row>" * (size // 40)
    return (noise + text + noise)[:size]


LARGE = _mixed(6 << 20)
PARTS: list[Part] = [
    ("[Content_Types].xml", b"<Types/>", None),
    ("_rels/.rels", b"", None),  # an empty part given whole
    ("xl/worksheets/sheet1.xml", b"", []),  # an empty part opened, nothing written
    ("xl/worksheets/sheet2.xml", b"", [0, 0]),  # empty pieces
    ("xl/worksheets/sheet3.xml", _mixed(50_000), [7] * 5_000),  # many small pieces
    ("xl/worksheets/sheet4.xml", LARGE, [1 << 18] * 20),  # several MB
    ("xl/styles.xml", LARGE[:1_000_000], None),
]


@pytest.fixture(params=[io.BytesIO, Pipe], ids=["seekable", "pipe"])
def stream(request: pytest.FixtureRequest) -> io.BytesIO | Pipe:
    made: io.BytesIO | Pipe = request.param()
    return made


def test_every_part_reads_back_as_written_in_order(stream: io.BytesIO | Pipe) -> None:
    _write(stream, PARTS)
    assert _read(stream.getvalue()) == [(name, data) for name, data, _ in PARTS]


def test_each_part_has_zipfiles_fields(stream: io.BytesIO | Pipe) -> None:
    before = time.localtime()[:5]
    _write(stream, PARTS)
    after = time.localtime()[:5]
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as package:
        infos = package.infolist()
    piped = isinstance(stream, Pipe)
    for info, (name, _, sizes) in zip(infos, PARTS, strict=True):
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert (info.create_version, info.extract_version, info.create_system) == (20, 20, 3)
        assert info.external_attr == 0o600 << 16
        # The CRC and sizes of a part opened follow its data when they cannot be written back.
        opened_on_a_pipe = piped and sizes is not None
        assert info.flag_bits == (0x08 if opened_on_a_pipe else 0), name
        if sizes is None:  # the time it was written, as zipfile.writestr dates a part
            assert before <= info.date_time[:5] <= after
        else:  # as zipfile.open dates a part it is given only the name of
            assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_a_seekable_stream_gets_the_bytes_zipfile_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    moment = time.localtime(1_650_000_000)
    monkeypatch.setattr(time, "localtime", lambda *_: moment)
    ours = io.BytesIO()
    _write(ours, PARTS)
    theirs = io.BytesIO()
    with zipfile.ZipFile(theirs, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data, sizes in PARTS:
            if sizes is None:
                package.writestr(name, data)
                continue
            with package.open(name, "w") as part:
                for piece in _pieces(data, sizes):
                    part.write(piece)
    assert ours.getvalue() == theirs.getvalue()


def test_a_pipe_gets_each_opened_parts_crc_and_sizes_after_its_data() -> None:
    pipe = Pipe()
    data = b"<row/>" * 1000
    _write(pipe, [("a.xml", b"<a/>", None), ("sheet.xml", data, [100] * 10)])
    written = pipe.getvalue()
    with zipfile.ZipFile(io.BytesIO(written)) as package:
        info = package.getinfo("sheet.xml")
    descriptor = written.index(b"PK\x07\x08")
    assert descriptor == info.header_offset + 30 + len("sheet.xml") + info.compress_size
    after = zipping._DESCRIPTOR.unpack_from(written, descriptor)
    assert after[1:] == (zlib.crc32(data), info.compress_size, len(data))
    # The local header says only that they follow.
    local = zipping._LOCAL.unpack_from(written, info.header_offset)
    assert local[7:10] == (0, 0, 0)


def test_an_archive_after_other_data_in_the_stream_reads_back() -> None:
    stream = io.BytesIO()
    stream.write(b"something before")
    _write(stream, PARTS[:3])
    assert _read(stream.getvalue()) == [(name, data) for name, data, _ in PARTS[:3]]


def test_a_name_is_utf8_flagged_only_when_not_ascii() -> None:
    stream = io.BytesIO()
    _write(stream, [("xl/sheet.xml", b"a", None), ("Ämter/ü.xml", b"b", [])])
    with zipfile.ZipFile(stream) as package:
        plain, utf8 = package.infolist()
    assert (plain.filename, plain.flag_bits) == ("xl/sheet.xml", 0)
    assert (utf8.filename, utf8.flag_bits) == ("Ämter/ü.xml", 0x800)


@pytest.mark.parametrize("piped", [False, True], ids=["file", "pipe"])
def test_a_file_written_to_disk_is_whole_to_unzip(tmp_path: Path, piped: bool) -> None:
    path = tmp_path / "parts.zip"
    if piped:  # through a real pipe, as the command line's standard output may be
        with path.open("wb") as file:
            cat = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=file)
            assert cat.stdin is not None
            assert not cat.stdin.seekable()
            _write(cat.stdin, PARTS)  # type: ignore[arg-type]  # a pipe is a binary stream
            cat.stdin.close()
            assert cat.wait() == 0
    else:
        with path.open("wb") as file:
            _write(file, PARTS)  # type: ignore[arg-type]  # a file is a binary stream
    assert _read(path.read_bytes()) == [(name, data) for name, data, _ in PARTS]
    if shutil.which("unzip"):
        tested = subprocess.run(
            ["unzip", "-t", str(path)], capture_output=True, text=True, check=False
        )
        assert tested.returncode == 0, tested.stdout + tested.stderr
        assert "No errors detected" in tested.stdout


names = st.text(st.sampled_from("abcxyz019/._-[]Üé中"), min_size=1, max_size=30).filter(
    lambda name: not name.endswith("/")
)


@given(
    st.lists(
        st.tuples(
            names,
            st.binary(max_size=3000),
            st.none() | st.lists(st.integers(0, 500), max_size=8),
        ),
        max_size=8,
        unique_by=lambda part: part[0],
    ),
    st.booleans(),
)
def test_any_parts_round_trip(parts: list[Part], piped: bool) -> None:
    stream = Pipe() if piped else io.BytesIO()
    _write(stream, parts)
    assert _read(stream.getvalue()) == [(name, data) for name, data, _ in parts]


# --- written as it comes ------------------------------------------------------------------------


def test_an_opened_part_goes_out_as_it_is_written_never_whole_in_memory() -> None:
    sink = Sink()
    piece = os.urandom(1 << 16)  # deflate cannot shrink it: each piece comes out at once
    count = 256  # 16 MB
    tracemalloc.start()
    try:
        with Archive(sink) as archive, archive.open("sheet.xml") as part:  # type: ignore[arg-type]
            for _ in range(count):
                part.write(piece)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20, peak  # the compressor's window and a piece or two, not 16 MB
    assert len(sink.sizes) > count / 2
    assert max(sink.sizes) < 1 << 18


def test_a_large_trackers_sheet_is_written_in_pieces() -> None:
    plan = larger_plan(400, "faces")  # 2,000 actions
    pipe = Pipe()
    sp.export(plan, "xlsx", pipe, plugin_manager=sp.get_plugin_manager(autoload=False))  # type: ignore[arg-type]
    written = pipe.getvalue()
    with zipfile.ZipFile(io.BytesIO(written)) as package:
        assert package.testzip() is None
        sheets = [i for i in package.infolist() if i.filename.startswith("xl/worksheets/sheet")]
    largest = max(sheets, key=lambda info: info.compress_size)
    assert largest.flag_bits & 0x08  # written out before its size was known
    assert max(pipe.sizes) < largest.compress_size / 2


# --- no ZIP64: too large is an error ------------------------------------------------------------


def test_the_limits_are_the_plain_formats() -> None:
    assert (zipping.SIZE_LIMIT, zipping.COUNT_LIMIT) == (0xFFFFFFFF, 0xFFFF)


def test_a_part_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipping, "SIZE_LIMIT", 1000)
    with pytest.raises(ZipLimitError, match=r"^big\.xml: its text would be 1,000 bytes"):
        Archive(io.BytesIO()).writestr("big.xml", b"x" * 1000)
    part = Archive(Pipe()).open("sheet.xml")  # type: ignore[arg-type]
    for _ in range(4):
        part.write(b"x" * 200)
    with pytest.raises(ZipLimitError, match="too large for a ZIP archive without ZIP64"):
        part.write(b"x" * 200)


def test_a_compressed_part_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipping, "SIZE_LIMIT", 3000)
    noise = os.urandom(2998)  # under the limit, but larger compressed
    with pytest.raises(ZipLimitError, match=r"^noise: its compressed text would be"):
        Archive(io.BytesIO()).writestr("noise", noise)
    part = Archive(io.BytesIO()).open("noise")
    part.write(noise)  # held by the compressor until it has enough
    with pytest.raises(ZipLimitError, match=r"^noise: its compressed text would be"):
        part.close()


def test_a_part_past_the_limit_is_refused_before_it_is_begun(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(zipping, "SIZE_LIMIT", 1000)
    stream = io.BytesIO()
    archive = Archive(stream)
    archive.writestr("first", os.urandom(990))  # fits, but ends past the limit
    written = len(stream.getvalue())
    with pytest.raises(ZipLimitError, match=r"^second: its offset would be"):
        archive.open("second")
    with pytest.raises(ZipLimitError, match=r"^the central directory: its offset would be"):
        archive.close()
    assert len(stream.getvalue()) == written  # nothing more written


def test_too_many_parts_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipping, "COUNT_LIMIT", 4)
    archive = Archive(io.BytesIO())
    for name in ("a", "b", "c"):
        archive.writestr(name, b"")
    with pytest.raises(ZipLimitError, match=r"^d: too many parts .* fewer than 4"):
        archive.writestr("d", b"")


def test_a_tracker_too_large_fails_its_export(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipping, "SIZE_LIMIT", 100_000)
    with pytest.raises(sp.ExporterError, match=r"ZipLimitError: .* without ZIP64"):
        sp.export(
            larger_plan(100, "faces"),
            "xlsx",
            io.BytesIO(),
            plugin_manager=sp.get_plugin_manager(autoload=False),
        )


# --- used as it must be -------------------------------------------------------------------------


def test_nothing_is_written_while_a_part_is_open() -> None:
    archive = Archive(io.BytesIO())
    part = archive.open("sheet1.xml")
    with pytest.raises(ValueError, match=r"sheet1\.xml is still open"):
        archive.writestr("styles.xml", b"")
    with pytest.raises(ValueError, match=r"sheet1\.xml is still open"):
        archive.open("sheet2.xml")
    with pytest.raises(ValueError, match=r"sheet1\.xml is still open"):
        archive.close()
    part.close()
    part.close()  # closing again does nothing
    with pytest.raises(ValueError, match="the part is closed"):
        part.write(b"late")
    archive.close()
    with pytest.raises(ValueError, match="already closed"):
        archive.writestr("late.xml", b"")


def test_an_archive_that_fails_is_left_without_its_directory() -> None:
    stream = io.BytesIO()
    with pytest.raises(RuntimeError, match="stopped"):
        _stopped_in_a_part(stream)
    assert stream.getvalue().startswith(b"PK\x03\x04")
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(stream)


def _stopped_in_a_part(stream: io.BytesIO) -> None:
    with Archive(stream) as archive:
        archive.writestr("first", b"written")
        with archive.open("second") as part:
            part.write(b"half")
            raise RuntimeError("stopped")

"""A ZIP archive written a part at a time, as the workbook writer needs it: a part given
whole (``writestr``), or written a piece at a time and deflated as it goes (``open``).

Not ``zipfile``: importing it loads ``shutil``, ``bz2``, ``lzma`` and ``importlib.util``,
several milliseconds of every tracker, for what ``zlib`` and ``struct`` do here. Each part is
written as ``zipfile`` writes it (deflated at zlib's default level, its version, system and
permission fields, its date and time), so readers see the same archive. There is no ZIP64:
a size, offset or number of parts too large for the plain format is an error, never a
corrupt file.
"""

from __future__ import annotations

import struct
import sys
import time
import zlib
from types import TracebackType
from typing import IO, Self

from safeguarding_plan.errors import SafeguardingPlanError

SIZE_LIMIT = 0xFFFFFFFF
"""Every size and offset must be below this: the plain format has four bytes for each, and
readers take all four set to mean the value is in a ZIP64 field."""
COUNT_LIMIT = 0xFFFF
"""The number of parts must be below this, for the same reason in two bytes."""

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DESCRIPTOR = struct.Struct("<4L")

_VERSION = 20  # 2.0, enough for deflate: what zipfile writes for it
_SYSTEM = 0 if sys.platform == "win32" else 3  # MS-DOS or Unix, as zipfile sets it
_PERMISSIONS = 0o600 << 16  # rw------- for Unix, as zipfile gives a part named by a str
_DEFLATED = 8
_SIZES_AFTER = 1 << 3  # the CRC and sizes follow the data, in a data descriptor
_UTF8_NAME = 1 << 11
_NO_DATE = (0 << 9 | 1 << 5 | 1, 0)  # 1980-01-01 00:00, zipfile's for a part it opens


class ZipLimitError(SafeguardingPlanError):
    """The archive would need ZIP64, which is not written: a part, or the whole, too large."""


class _ClosedWhenDone:
    """``with`` closes it when its block ends normally. One that fails is left unclosed: an
    archive without its directory, a part without its sizes, so no reader takes it for whole."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()

    def close(self) -> None:
        raise NotImplementedError


class Archive(_ClosedWhenDone):
    """A ZIP archive written to ``stream`` from where it stands: each part in turn, then on
    ``close`` (or leaving ``with``) the central directory. A stream that cannot be sought back
    in (a pipe) gets each opened part's CRC and sizes after its data."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._seekable = False
        self._at = 0
        try:
            if stream.seekable():
                self._at = stream.tell()
                self._seekable = True
        except (AttributeError, OSError):
            pass  # written straight on, its offsets counted from here
        self._entries: list[bytes] = []
        self._open: Part | None = None
        self._ended = False

    def writestr(self, name: str, data: str | bytes) -> None:
        """The part ``name`` holding ``data`` (a ``str`` encoded as UTF-8), deflated."""
        if isinstance(data, str):
            data = data.encode()
        self._begin(name)
        _check_size(name, "its text", len(data))
        compressed = zlib.compress(data, zlib.Z_DEFAULT_COMPRESSION, -15)
        _check_size(name, "its compressed text", len(compressed))
        moment = time.localtime()
        date = (moment.tm_year - 1980) << 9 | moment.tm_mon << 5 | moment.tm_mday
        clock = moment.tm_hour << 11 | moment.tm_min << 5 | moment.tm_sec // 2
        entry = _Entry(name, self._at, 0, (date, clock))
        entry.crc, entry.compressed, entry.size = zlib.crc32(data), len(compressed), len(data)
        self._write(entry.local() + compressed)
        self._entries.append(entry.central())

    def open(self, name: str) -> Part:
        """The part ``name``, to write a piece at a time; closing it ends the part."""
        self._begin(name)
        entry = _Entry(name, self._at, 0 if self._seekable else _SIZES_AFTER, _NO_DATE)
        self._write(entry.local())
        self._open = Part(self, entry)
        return self._open

    def close(self) -> None:
        """The central directory and the end record, after the last part."""
        where = "the central directory"
        self._check_free(where)
        directory = b"".join(self._entries)
        _check_size(where, "its size", len(directory))
        count, start = len(self._entries), self._at
        self._write(
            directory + _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0)
        )
        self._ended = True

    def _begin(self, name: str) -> None:
        """Check a part can be begun: one more part fits, at an offset the format can hold."""
        self._check_free(name)
        if len(self._entries) + 1 >= COUNT_LIMIT:
            raise ZipLimitError(
                f"{name}: too many parts for a ZIP archive without ZIP64, which is not "
                f"written: it holds fewer than {COUNT_LIMIT:,}"
            )

    def _check_free(self, name: str) -> None:
        """Nothing may be written while a part is open, nor after the end; an offset too
        large to write is an error before anything is written there."""
        if self._ended:
            raise ValueError(f"{name}: the archive is already closed")
        if self._open is not None:
            raise ValueError(f"{name}: part {self._open.name} is still open")
        _check_size(name, "its offset", self._at)

    def _write(self, data: bytes) -> None:
        self._stream.write(data)
        self._at += len(data)

    def _closed(self, part: Part) -> None:
        """``part`` finished: its CRC and sizes where a reader looks for them."""
        entry = part.entry
        if entry.flags & _SIZES_AFTER:
            self._write(_DESCRIPTOR.pack(0x08074B50, entry.crc, entry.compressed, entry.size))
        else:
            end = self._at
            self._stream.seek(entry.offset)
            self._stream.write(entry.local())
            self._stream.seek(end)
        self._entries.append(entry.central())
        self._open = None


class Part(_ClosedWhenDone):
    """A part being written (``Archive.open``): each piece deflated and written out as it
    comes, never the whole part in memory."""

    def __init__(self, archive: Archive, entry: _Entry) -> None:
        self._archive = archive
        self.entry = entry
        self.name = entry.name
        self._compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        self.closed = False

    def write(self, data: bytes) -> int:
        """Add ``data`` to the part; the number of bytes taken, all of them."""
        if self.closed:
            raise ValueError(f"{self.name}: the part is closed")
        entry = self.entry
        entry.size += len(data)
        _check_size(self.name, "its text", entry.size)
        entry.crc = zlib.crc32(data, entry.crc)
        self._out(self._compressor.compress(data))
        return len(data)

    def close(self) -> None:
        """End the part: the rest of its compressed data, then its CRC and sizes."""
        if self.closed:
            return
        self._out(self._compressor.flush())
        self.closed = True
        self._archive._closed(self)

    def _out(self, compressed: bytes) -> None:
        if compressed:
            self.entry.compressed += len(compressed)
            _check_size(self.name, "its compressed text", self.entry.compressed)
            self._archive._write(compressed)


class _Entry:
    """A part's fields, in its local header and in the central directory."""

    def __init__(self, name: str, offset: int, flags: int, when: tuple[int, int]) -> None:
        self.name = name
        try:
            self.encoded = name.encode("ascii")
        except UnicodeEncodeError:
            self.encoded, flags = name.encode(), flags | _UTF8_NAME
        self.offset, self.flags, (self.date, self.clock) = offset, flags, when
        self.crc = self.compressed = self.size = 0

    def local(self) -> bytes:
        """The local header; with the CRC and sizes zero while they are not known, or when
        they follow the data."""
        after = self.flags & _SIZES_AFTER
        crc, compressed, size = (0, 0, 0) if after else (self.crc, self.compressed, self.size)
        header = _LOCAL.pack(
            b"PK\x03\x04", _VERSION, 0, self.flags, _DEFLATED, self.clock, self.date,
            crc, compressed, size, len(self.encoded), 0,
        )  # fmt: skip
        return header + self.encoded

    def central(self) -> bytes:
        """The part's record in the central directory, with its CRC and sizes."""
        record = _CENTRAL.pack(
            b"PK\x01\x02", _VERSION, _SYSTEM, _VERSION, 0, self.flags, _DEFLATED, self.clock,
            self.date, self.crc, self.compressed, self.size, len(self.encoded), 0, 0, 0, 0,
            _PERMISSIONS, self.offset,
        )  # fmt: skip
        return record + self.encoded


def _check_size(name: str, what: str, value: int) -> None:
    if value >= SIZE_LIMIT:
        raise ZipLimitError(
            f"{name}: {what} would be {value:,} bytes, too large for a ZIP archive without "
            f"ZIP64, which is not written: it holds less than {SIZE_LIMIT:,}"
        )

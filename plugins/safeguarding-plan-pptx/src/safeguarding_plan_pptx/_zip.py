"""A zip archive written in one pass, each member compressed whole before it is written: the
bytes ``zipfile`` writes to a seekable file, ZIP64 records and all, in a few lines a member.

``zipfile`` writes each member through a file-like writer, then goes back to write its header
again with its size: for a thousand-slide deck, half the time of compressing it.
"""

from __future__ import annotations

import struct
import time
import zlib
from typing import IO

LIMIT = (1 << 31) - 1
"""The largest size or offset written without ZIP64 records (``zipfile.ZIP64_LIMIT``)."""
COUNT_LIMIT = (1 << 16) - 1
"""The most members counted without ZIP64 records (``zipfile.ZIP_FILECOUNT_LIMIT``)."""

_VERSION, _ZIP64_VERSION = 20, 45
_UNIX = 3
_DEFLATED = 8
_UTF8 = 0x800
_READ_WRITE = 0o600 << 16
_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR = struct.Struct("<4sLQL")


class Archive:
    """A zip archive being written to ``stream``, its members dated when it was begun, or
    ``dated`` (year, month, day, hour, minute, second) if given."""

    def __init__(
        self,
        stream: IO[bytes],
        level: int = zlib.Z_DEFAULT_COMPRESSION,
        dated: tuple[int, int, int, int, int, int] | None = None,
    ) -> None:
        self.stream, self.level = stream, level
        try:
            self.offset = stream.tell()  # offsets from the start of a seekable stream
        except (AttributeError, OSError):
            self.offset = 0
        now = dated or time.localtime(time.time())[:6]
        if now[0] < 1980:  # as zipfile dates what a zip cannot
            now = (1980, 1, 1, 0, 0, 0)
        elif now[0] > 2107:
            now = (2107, 12, 31, 23, 59, 59)
        year, month, day, hour, minute, second = now
        self.when = (hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day)
        self.central: list[bytes] = []

    def write(self, name: str, data: bytes) -> None:
        """Add the member ``name`` holding ``data``, deflated."""
        compressor = zlib.compressobj(self.level, zlib.DEFLATED, -15)
        packed = compressor.compress(data) + compressor.flush()
        crc = zlib.crc32(data)
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8
        # As zipfile: a member that might grow past the limit gives its sizes in ZIP64 fields
        # in its header; the directory gives in them whatever is past it.
        large = len(data) * 1.05 > LIMIT
        sizes = (len(packed), len(data))
        extra = struct.pack("<2H2Q", 1, 16, len(data), len(packed)) if large else b""
        header = _HEADER.pack(
            b"PK\x03\x04",
            _ZIP64_VERSION if large else _VERSION,
            0,
            flags,
            _DEFLATED,
            *self.when,
            crc,
            *((0xFFFFFFFF, 0xFFFFFFFF) if large else sizes),
            len(encoded),
            len(extra),
        )
        self.stream.write(header + encoded + extra)
        self.stream.write(packed)
        past = [len(data), len(packed)] if max(sizes) > LIMIT else []
        past += [self.offset] if self.offset > LIMIT else []
        listed = struct.pack(f"<2H{len(past)}Q", 1, 8 * len(past), *past) if past else b""
        version = _ZIP64_VERSION if large or past else _VERSION
        self.central.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                version,
                _UNIX,
                version,
                0,
                flags,
                _DEFLATED,
                *self.when,
                crc,
                *((0xFFFFFFFF, 0xFFFFFFFF) if max(sizes) > LIMIT else sizes),
                len(encoded),
                len(listed),
                0,
                0,
                0,
                _READ_WRITE,
                0xFFFFFFFF if self.offset > LIMIT else self.offset,
            )
            + encoded
            + listed
        )
        self.offset += len(header) + len(encoded) + len(extra) + len(packed)

    def close(self) -> None:
        """Write the central directory and the end records."""
        start = self.offset
        directory = b"".join(self.central)
        self.stream.write(directory)
        count, size = len(self.central), len(directory)
        if count > COUNT_LIMIT or start > LIMIT or size > LIMIT:
            self.stream.write(
                _END64.pack(b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, start)
                + _LOCATOR.pack(b"PK\x06\x07", 0, start + size, 1)
            )
        shown = (min(count, 0xFFFF), min(size, 0xFFFFFFFF), min(start, 0xFFFFFFFF))
        self.stream.write(_END.pack(b"PK\x05\x06", 0, 0, shown[0], *shown, 0))

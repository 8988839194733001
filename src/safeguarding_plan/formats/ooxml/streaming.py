"""XML text written to a part a batch at a time; and a saved Office package copied to its
stream, with XML text written in place of each mark in one of its parts."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from typing import IO

BATCH = 1 << 18
"""Characters written at a time: a compression call per row would cost more than the row,
the whole table at once its size in memory."""


def insert(
    package: io.BytesIO,
    stream: IO[bytes],
    part: str,
    place: re.Pattern[bytes],
    rows: Callable[[re.Match[bytes]], Iterable[str]],
) -> None:
    """Copy ``package`` to ``stream``, writing ``rows(match)`` in place of each match of
    ``place`` in the part named ``part`` (its XML text must already be escaped)."""
    with (
        zipfile.ZipFile(package) as written,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in written.infolist():
            data = written.read(info)
            if info.filename != part:
                out.writestr(info, data)
                continue
            with out.open(info, "w") as target:
                start = 0
                for found in place.finditer(data):
                    target.write(data[start : found.start()])
                    write_batched(target, rows(found))
                    start = found.end()
                target.write(data[start:])


def write_batched(target: IO[bytes], pieces: Iterable[str]) -> None:
    """Write ``pieces`` of XML text to ``target``, encoded, a batch at a time."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= BATCH:
            target.write("".join(batch).encode())
            batch, size = [], 0
    target.write("".join(batch).encode())

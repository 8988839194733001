"""XML text written to a part a batch at a time, and written in place of each mark in a
part's XML."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Protocol

BATCH = 1 << 18
"""Characters written at a time: a compression call per row would cost more than the row,
the whole table at once its size in memory."""


class Target(Protocol):
    """What a part's XML is written to: a binary stream, or a part of a ZIP archive."""

    def write(self, data: bytes, /) -> object: ...


def insert(
    target: Target,
    data: bytes,
    place: re.Pattern[bytes],
    rows: Callable[[re.Match[bytes]], Iterable[str]],
) -> None:
    """Write ``data`` to ``target`` with ``rows(match)`` in place of each match of ``place``
    (its XML text must already be escaped)."""
    start = 0
    for found in place.finditer(data):
        target.write(data[start : found.start()])
        write_batched(target, rows(found))
        start = found.end()
    target.write(data[start:])


def write_batched(target: Target, pieces: Iterable[str]) -> None:
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

"""Saving the board paper: python-docx writes the package, and the tables are streamed into its
main part in their places.

Written as text while the part is compressed, a table of 10,000 rows never exists as XML
elements, so the paper takes a fraction of the time and memory it would through python-docx.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import IO, Any

from lxml import etree  # type: ignore[import-untyped]

from .wordparts import Table

_MAIN_PART = "word/document.xml"
_PLACE = "safeguarding-plan table {}"
_PLACES = re.compile(rb"<!--safeguarding-plan table (\d+)-->")


def placeholder(number: int) -> Any:
    """Where table ``number`` goes: an XML comment, which python-docx passes over and writes out
    as it is, and which no text of the plan can make (text is escaped)."""
    return etree.Comment(_PLACE.format(number))


def save(document: Any, tables: Sequence[Table], stream: IO[bytes]) -> None:
    """Save ``document`` to ``stream`` with each table written at its placeholder."""
    package = io.BytesIO()
    document.save(package)
    with (
        zipfile.ZipFile(package) as written,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in written.infolist():
            data = written.read(info)
            if info.filename != _MAIN_PART:
                out.writestr(info, data)
                continue
            with out.open(info, "w") as part:
                start = 0
                for place in _PLACES.finditer(data):
                    part.write(data[start : place.start()])
                    _write(part, tables[int(place[1])])
                    start = place.end()
                part.write(data[start:])


def _write(part: IO[bytes], table: Table, batch: int = 1 << 18) -> None:
    """Write ``table`` to ``part`` in pieces of about ``batch`` characters: one piece per row
    would cost a compression call each, the whole table at once its size in memory."""
    pieces: list[str] = []
    size = 0
    for piece in table.xml():
        pieces.append(piece)
        size += len(piece)
        if size >= batch:
            part.write("".join(pieces).encode())
            pieces, size = [], 0
    part.write("".join(pieces).encode())

"""The board paper's tables written into the package python-docx saved, each where its
placeholder is.

What this relies on in python-docx (tests/test_ooxml.py checks each):

- it saves the main document part under the name ``document.part.partname`` gives;
- an XML comment in the body is written out as it is, ``<!--text-->``;
- the main part's root element binds the prefix ``w`` to WordprocessingML's namespace, the
  prefix the tables' XML is written with.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any, Protocol

from lxml import etree  # type: ignore[import-untyped]

from safeguarding_plan.formats.ooxml.streaming import insert

WORDPROCESSINGML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The namespace the prefix ``w`` of the tables' XML stands for."""

_PLACE = "safeguarding-plan table {}"
PLACES = re.compile(rb"<!--safeguarding-plan table (\d+)-->")
"""A table's placeholder as python-docx writes it, with the table's number."""


class Xml(Protocol):
    """What a table is to the package: its XML text, in pieces."""

    def xml(self) -> Iterable[str]: ...


def placeholder(number: int) -> Any:
    """Where table ``number`` goes: an XML comment, which python-docx passes over and writes out
    as it is, and which no text of the plan can make (text is escaped)."""
    return etree.Comment(_PLACE.format(number))


def main_part(document: Any) -> str:
    """The name in the package of the part python-docx saves the document's body in."""
    return str(document.part.partname).lstrip("/")


def save(document: Any, tables: Sequence[Xml], stream: IO[bytes]) -> None:
    """Save ``document`` to ``stream`` with each table written at its placeholder."""
    package = io.BytesIO()
    document.save(package)
    insert(package, stream, main_part(document), PLACES, lambda place: tables[int(place[1])].xml())

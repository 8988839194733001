"""Saving the board paper: python-docx writes the package and the tables are streamed into
its main part, each where its placeholder is (see ``packaging``)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import IO, Any

from lxml import etree  # type: ignore[import-untyped]

from safeguarding_plan.formats.docx.parts import Table
from safeguarding_plan.formats.ooxml import insert

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
    insert(package, stream, _MAIN_PART, _PLACES, lambda place: tables[int(place[1])].xml())

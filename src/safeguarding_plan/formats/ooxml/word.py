"""The board paper's tables written into the package python-docx writes, each where its
placeholder is.

What this relies on in python-docx (tests/test_ooxml.py checks each):

- it saves the main document part under the name ``document.part.partname`` gives;
- an XML comment in the body is written out as it is, ``<!--text-->``;
- the main part's root element binds the prefix ``w`` to WordprocessingML's namespace, the
  prefix the tables' XML is written with;
- its package is written by ``PackageWriter``'s steps (the content types, the package's
  relationships, then each part and its relationships) to a writer of ``write(uri, blob)``,
  after each part's ``before_marshal()``, as ``OpcPackage.save`` does: here the writer is the
  package's own zip, so each part is compressed once, the main part with its tables, rather
  than saved, read back and compressed again.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, Any, Protocol

from docx.opc.pkgwriter import PackageWriter
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
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = _Writer(archive, main_part(document), tables)
        steps: Any = PackageWriter  # untyped, and typed for python-docx's own writer
        steps._write_content_types_stream(writer, parts)
        steps._write_pkg_rels(writer, package.rels)
        steps._write_parts(writer, parts)


class _Writer:
    """python-docx's physical package writer, writing each part straight to ``archive``, and
    the main part with each table at its placeholder."""

    def __init__(self, archive: zipfile.ZipFile, main: str, tables: Sequence[Xml]) -> None:
        self.archive, self.main, self.tables = archive, main, tables

    def write(self, uri: Any, blob: bytes) -> None:
        name = uri.membername
        if name != self.main:
            self.archive.writestr(name, blob)
            return
        with self.archive.open(name, "w") as target:
            insert(target, blob, PLACES, lambda place: self.tables[int(place[1])].xml())

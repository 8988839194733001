"""The deck saved: every part of the presentation in a zip package (``_zip``), as python-pptx
saves it (the same members, in the same order, with the same bytes), with each part's
relationships and its content types written as text.

python-pptx builds each relationships part as an XML tree, one element at a time, and finds
each target's relative address with ``posixpath.relpath``: for a deck of a thousand slides,
two thousand relationships, as long as the rest of the save.
"""

from __future__ import annotations

import posixpath
from typing import IO, Any

from pptx.opc.serialized import _ContentTypesItem
from pptx.presentation import Presentation as Deck

from safeguarding_plan_pptx import _zip

HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def save(deck: Deck, stream: IO[bytes]) -> None:
    """Save ``deck`` to ``stream``: its content types, the package's relationships, then each
    part and its relationships, in the order python-pptx finds them."""
    package = deck.part.package
    parts = tuple(package.iter_parts())
    folders: dict[tuple[str, str], str] = {}
    archive = _zip.Archive(stream)
    archive.write("[Content_Types].xml", content_types(parts))
    archive.write("_rels/.rels", relationships(package._rels, "/", folders))
    for part in parts:
        archive.write(part.partname.membername, part.blob)
        if part._rels:
            name = part.partname
            archive.write(
                name.rels_uri.membername, relationships(part._rels, name.baseURI, folders)
            )
    archive.close()


def content_types(parts: tuple[Any, ...]) -> bytes:
    """The package's content types, by extension where python-pptx's defaults give a part's,
    else by part, each sorted, as python-pptx writes them."""
    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides
    written = [f'{HEAD}<Types xmlns="{CONTENT_TYPES}">']
    written += (
        f'<Default Extension="{_escape(extension)}" ContentType="{_escape(kind)}"/>'
        for extension, kind in sorted(defaults.items())
    )
    written += (
        f'<Override PartName="{_escape(name)}" ContentType="{_escape(kind)}"/>'
        for name, kind in sorted(overrides.items())
    )
    written.append("</Types>")
    return "".join(written).encode()


def relationships(rels: Any, base: str, folders: dict[tuple[str, str], str]) -> bytes:
    """``rels`` (a part's or the package's relationships, from ``base``) as their part's XML,
    in the order of their numbers, as python-pptx writes it. ``folders`` keeps each target
    folder's address from each base, found once."""
    numbered = sorted(
        (int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0, rId) for rId in rels
    )
    written = [f'{HEAD}<Relationships xmlns="{RELATIONSHIPS}">']
    for _, key in numbered:
        rel = rels[key]
        if rel.is_external:
            target, mode = rel.target_ref, ' TargetMode="External"'
            if not target.isprintable():  # written by lxml, which escapes or refuses it
                return bytes(rels.xml)
        else:
            target, mode = _relative(rel.target_partname, base, folders), ""
        written.append(
            f'<Relationship Id="{_escape(key)}" Type="{_escape(rel.reltype)}" '
            f'Target="{_escape(target)}"{mode}/>'
        )
    written.append("</Relationships>")
    return "".join(written).encode()


def _relative(partname: str, base: str, folders: dict[tuple[str, str], str]) -> str:
    """The address of ``partname`` from the folder ``base``, as ``posixpath.relpath`` gives
    it, its folder's found once for each base."""
    folder, _, name = partname.rpartition("/")
    key = (folder, base)
    found = folders.get(key)
    if found is None:
        found = folders[key] = folder[1:] if base == "/" else posixpath.relpath(folder or "/", base)
    return name if found in ("", ".") else f"{found}/{name}"


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )

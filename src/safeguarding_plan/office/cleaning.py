"""A house template made fit to build a document on: nothing outside it, no code in it.

A Word or PowerPoint document or template can reach outside itself and carry code. A
relationship with ``TargetMode="External"`` points to a web address or a file that Office
fetches when the document opens: a remote attached template (the template-injection route), a
linked picture in a header or on a slide master, a linked sound or video, an OLE object, a
frame, a subdocument, a mail merge source. A macro project runs code. None of it belongs in a
board paper or a deck, so before python-docx or python-pptx reads the template every external
relationship is dropped, with every element that refers to it, and so is every part that holds
macros (by its content type or its relationship, whatever it is named), with its
relationships. The template's styles, headers, footers, masters, layouts and pictures stay. A
template's main part is given its document's content type (a ``.dotx`` becomes a ``.docx``, a
``.potx`` a ``.pptx``), which is all that sets them apart once their macros are gone.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterable

import attrs
from lxml import etree  # type: ignore[import-untyped]

from safeguarding_plan.office.packages import TEMPLATE, ContentTypes, read_part, resolve
from safeguarding_plan.words import plural

_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}",
)
_VML_RELID = "{urn:schemas-microsoft-com:office:office}relid"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_POWERPOINT = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": _WORD,
    "application/vnd.ms-word.document.macroenabled.main+xml": _WORD,
    "application/vnd.ms-word.template.macroenabledtemplate.main+xml": _WORD,
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": _POWERPOINT,
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": _POWERPOINT,
    "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml": _POWERPOINT,
    "application/vnd.ms-powerpoint.template.macroenabled.main+xml": _POWERPOINT,
    "application/vnd.ms-powerpoint.slideshow.macroenabled.main+xml": _POWERPOINT,
}
"""Main parts python-docx and python-pptx do not open, though they differ from a document's
only in this name (once their macros are gone): a template's, a slide show's and the
macro-enabled ones', with the document's each becomes. Lower case, as they are compared."""

_MACRO_PROJECT = ("vbaproject", "vbadata", "keymapcustomizations", "attachedtoolbars")
"""Words in the content and relationship types of the parts of a macro project (the code,
its data and signatures, and the keys and toolbars that run it)."""
_ACTIVEX = "activex"
_MACRO_RELATIONSHIPS = (*_MACRO_PROJECT, "/control")

_KINDS = {
    "attachedtemplate": "attached template",
    "image": "image",
    "hyperlink": "hyperlink",
    "oleobject": "OLE object",
    "package": "embedded file",
    "frame": "frame",
    "subdocument": "subdocument",
    "afchunk": "imported file",
    "mailmergesource": "mail merge source",
    "mailmergeheadersource": "mail merge source",
    "recipientdata": "mail merge source",
    "video": "video",
    "audio": "sound",
    "media": "media file",
}
"""Each kind of external link in words, by the last part of its relationship type."""

_SELF = {
    f"{_A}hlinkClick",
    f"{_A}hlinkHover",
    f"{_W}headerReference",
    f"{_W}footerReference",
}
"""Elements removed on their own, leaving the picture or section they belong to."""
_WHOLE = (f"{_W}r", f"{_W}frame", f"{_W}mailMerge", f"{_P}pic", f"{_P}graphicFrame")
"""What goes with an element that refers to a dropped relationship inside it: the run that
holds a picture or an object, a frame of a frameset, the mail merge settings, a slide's
picture (a linked one, or one that plays a linked sound or video) or object."""

_PLURALS = {"embedded file with macros": "embedded files with macros"}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@attrs.frozen
class Cleaned:
    """A template without external relationships and macros, and what was dropped."""

    data: bytes
    """The package as a document (``.docx``, ``.pptx``), not a template."""
    links: tuple[str, ...] = ()
    """Each external relationship dropped, in words: ``header image``."""
    code: tuple[str, ...] = ()
    """Each part of active content dropped, in words: ``macro project``."""

    def note(self) -> str | None:
        """One line saying what was dropped, or None if nothing was."""
        said = []
        if self.links:
            kinds = Counter(sorted(self.links, key=_in_order))
            what = ", ".join(
                kind if count == 1 else plural(count, kind) for kind, count in kinds.items()
            )
            links = (
                "an external link" if len(self.links) == 1 else f"{len(self.links)} external links"
            )
            said.append(f"{links} ({what})")
        for kind, count in Counter(self.code).items():
            if count == 1:
                said.append(f"{'an' if kind[0] in 'AEIOUaeiou' else 'a'} {kind}")
            else:
                said.append(plural(count, kind, _PLURALS.get(kind)))
        if not said:
            return None
        listed = said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"
        return f"dropped {listed}"


def _in_order(kind: str) -> tuple[int, str]:
    """Kinds of link in the order of `_KINDS` (an attached template first), whatever order
    the parts come in."""
    kinds = list(dict.fromkeys(_KINDS.values()))
    base = kind.removeprefix("header ").removeprefix("footer ")
    return (kinds.index(base) if base in kinds else len(kinds), kind)


def clean(data: bytes, types: ContentTypes) -> Cleaned:
    """The package ``data`` (checked by `packages.check`, which gave ``types``) without
    external relationships and macros, as a ``.docx`` or ``.pptx`` python-docx or python-pptx
    opens."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return _clean(archive, data, types)


def _clean(archive: zipfile.ZipFile, data: bytes, types: ContentTypes) -> Cleaned:
    parts = {info.filename: info for info in archive.infolist()}
    if "[Content_Types].xml" not in parts:
        return Cleaned(data)  # no package python-docx opens; it will say so
    rels = {
        name: _parse(read_part(archive, info, TEMPLATE))
        for name, info in parts.items()
        if name.endswith(".rels")
    }
    dropped = _macro_parts(parts, rels, types)
    code = [kind for name in parts if (kind := _code_kind(name, dropped, types))]
    links: list[str] = []
    unreferenced: dict[str, set[str]] = {}
    changed: dict[str, bytes] = {}
    for name, root in rels.items():
        source = _source(name)
        if source.lower() in dropped:
            continue
        for rel in list(root.iter(_RELS)):
            mode = rel.get("TargetMode", "Internal")
            if mode != "Internal":
                links.append(_link_kind(rel.get("Type", ""), source, types))
            elif resolve(source, rel.get("Target", "")).lower() not in dropped:
                continue
            root.remove(rel)
            unreferenced.setdefault(source, set()).add(rel.get("Id", ""))
        if source in unreferenced:
            changed[name] = _bytes(root)
    for source, ids in unreferenced.items():
        if source in parts and not source.endswith(".rels"):
            changed[source] = _unreferenced(read_part(archive, parts[source], TEMPLATE), ids)
    content_types = _content_types(
        read_part(archive, parts["[Content_Types].xml"], TEMPLATE), dropped
    )
    if content_types is None and not unreferenced:
        return Cleaned(data)  # nothing to drop, and a document already: as it was
    if content_types is not None:
        changed["[Content_Types].xml"] = content_types
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for name, info in parts.items():
            if name.lower() in dropped or (name in rels and _source(name).lower() in dropped):
                continue
            data = changed[name] if name in changed else read_part(archive, info, TEMPLATE)
            copy.writestr(name, data)
    return Cleaned(out.getvalue(), tuple(links), tuple(code))


def _macro_parts(
    parts: dict[str, zipfile.ZipInfo], rels: dict[str, etree._Element], types: ContentTypes
) -> set[str]:
    """The parts of a macro project or of ActiveX controls, lower case: by their content type,
    or as the target of such a relationship, whatever they are called."""
    dropped = {name.lower() for name in parts if _is_code(types.of(name) or "")}
    for name, root in rels.items():
        for rel in root.iter(_RELS):
            kind = rel.get("Type", "").lower()
            internal = rel.get("TargetMode", "Internal") == "Internal"
            if internal and any(word in kind for word in _MACRO_RELATIONSHIPS):
                dropped.add(resolve(_source(name), rel.get("Target", "")).lower())
    return dropped


def _is_code(content_type: str) -> bool:
    kind = content_type.lower()
    if kind in _MAIN_TYPES:
        return False  # the document itself, which stays; only its macros go
    return any(word in kind for word in (*_MACRO_PROJECT, _ACTIVEX, "macroenabled"))


def _code_kind(name: str, dropped: set[str], types: ContentTypes) -> str | None:
    """How a dropped part is counted in the note; None for a part that is not counted (not
    dropped, or one more part of a macro project or control already counted)."""
    if name.lower() not in dropped:
        return None
    kind = (types.of(name) or "").lower()
    if "vbaproject" in kind and "signature" not in kind:
        return "macro project"
    if kind.endswith("activex+xml"):
        return "ActiveX control"
    if "macroenabled" in kind:
        return "embedded file with macros"
    if any(word in kind for word in (*_MACRO_PROJECT, _ACTIVEX)):
        return None
    return "macro project"  # a part a macro relationship names, whatever its type says


def _link_kind(relationship: str, source: str, types: ContentTypes) -> str:
    kind = _KINDS.get(relationship.rsplit("/", 1)[-1].lower(), "link")
    where = (types.of(source) or "").lower()
    for place in ("header", "footer"):
        if f"wordprocessingml.{place}+xml" in where and kind in ("image", "hyperlink"):
            return f"{place} {kind}"
    return kind


def _source(rels: str) -> str:
    """The part whose relationships ``rels`` holds (empty for the package's own)."""
    folder, _, name = rels.rpartition("_rels/")
    return folder + name.removesuffix(".rels")


def _unreferenced(data: bytes, ids: set[str]) -> bytes:
    """The XML part ``data`` without the elements that refer to relationships ``ids``."""
    root = _parse(data)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue  # a comment or an instruction
        refers = [name for name, value in element.attrib.items() if value in ids and _is_ref(name)]
        if refers:
            _remove(element, refers, ids)
    return _bytes(root)


def _is_ref(attribute: str) -> bool:
    return attribute.startswith(_R) or attribute == _VML_RELID


def _remove(element: etree._Element, refers: Iterable[str], ids: set[str]) -> None:
    if element.tag == f"{_W}hyperlink":  # its text stays, no longer a link
        parent = element.getparent()
        at = parent.index(element)
        for child in reversed(list(element)):
            parent.insert(at, child)
        _detach(element)
        return
    if element.tag == f"{_A}blip" and any(
        _is_ref(name) and value not in ids for name, value in element.attrib.items()
    ):
        for name in refers:  # a picture linked and embedded: the embedded copy stays
            del element.attrib[name]
        return
    if element.tag in _SELF:
        _detach(element)
        return
    whole = next((e for e in element.iterancestors(*_WHOLE)), None)
    _detach(whole if whole is not None else element)


def _detach(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        if tail:  # keep the text that followed it
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _content_types(data: bytes, dropped: set[str]) -> bytes | None:
    """``[Content_Types].xml`` with a document's main type and no type of a dropped part;
    None if that is as it was."""
    root = _parse(data)
    changed = False
    for element in list(root):
        content_type = element.get("ContentType", "")
        part = element.get("PartName", "").lstrip("/").lower()
        if part in dropped or _is_code(content_type):  # a Default has no part name
            root.remove(element)
        elif content_type.lower() in _MAIN_TYPES:
            element.set("ContentType", _MAIN_TYPES[content_type.lower()])
        else:
            continue
        changed = True
    return _bytes(root) if changed else None


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def _bytes(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

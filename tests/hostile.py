"""Hostile packages, made at test time: trackers and house templates that unpack to gigabytes,
hold millions of elements, number a row beyond a worksheet, declare entities behind a long
comment, link outside themselves or carry macros.

Nothing large is kept or even written: a part that unpacks to a gigabyte is a few hundred
kilobytes of deflate data, each megabyte of spaces compressing to the same block, and the zip
around it is written here (`zip_of`) with honest sizes and checksums.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs
import docx
from conftest import BIRMINGHAM
from docx.shared import Cm

import safeguarding_plan as sp

MB = 1 << 20
Maker = Callable[[Path], list[Path]]
"""Makes the trackers of a case in a folder (see ``test_bad_workbooks``)."""
ACTIONS_PART = "xl/worksheets/sheet2.xml"
DATA_PART = "xl/worksheets/sheet6.xml"  # after Birmingham's Measures, Key and Reviews
NOT_READABLE = "not a readable Excel workbook (.xlsx)"
DAMAGED = f"{NOT_READABLE}: the file is cut short or damaged; copy or download the tracker again"
ENTITIES = (
    f"{NOT_READABLE}: it declares XML entities, which are refused (a workbook never needs them)"
)
SAVE_AGAIN = "open the tracker in Excel and save it again"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How a VBA project (vbaProject.bin) starts: it is an OLE compound file."""


# -- zip archives written here ---------------------------------------------------------------


@attrs.frozen
class Part:
    """A zip entry as deflate data, with the size and checksum of what it unpacks to."""

    name: str
    data: bytes
    crc: int
    size: int


def deflated(name: str, content: bytes) -> Part:
    pack = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Part(name, pack.compress(content) + pack.flush(), zlib.crc32(content), len(content))


def spaces(name: str, head: bytes, megabytes: int, tail: bytes = b"") -> Part:
    """``head``, ``megabytes`` MB of spaces and ``tail``, deflated without compressing each
    megabyte again: after a full flush a megabyte of spaces always compresses to one block."""
    pack = zlib.compressobj(6, zlib.DEFLATED, -15)
    megabyte = b" " * MB
    start = pack.compress(head) + pack.flush(zlib.Z_FULL_FLUSH)
    block = pack.compress(megabyte) + pack.flush(zlib.Z_FULL_FLUSH)
    end = pack.compress(tail) + pack.flush()
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(megabyte, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + megabytes * MB + len(tail)
    return Part(name, start + block * megabytes + end, crc, size)


def zip_of(parts: Iterable[Part]) -> bytes:
    """A zip archive of ``parts``, each deflated (written by hand: zipfile cannot take data
    already compressed)."""
    out, index = bytearray(), bytearray()
    count = 0
    for part in parts:
        name = part.name.encode()
        sizes = (part.crc, len(part.data), part.size, len(name))
        fields = (20, 20, 0, 8, 0, 0x21, *sizes, 0, 0, 0, 0, 0, len(out))
        index += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, *fields) + name
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, *sizes, 0) + name
        out += part.data
        count += 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(index), len(out), 0)
    return bytes(out + index + end)


def parts_of(data: bytes) -> list[Part]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [deflated(info.filename, archive.read(info)) for info in archive.infolist()]


# -- trackers --------------------------------------------------------------------------------


def tracker_bytes() -> bytes:
    """The Birmingham tracker as the exporter writes it."""
    out = io.BytesIO()
    plan = sp.load(BIRMINGHAM)
    sp.export(plan, "xlsx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    return out.getvalue()


def tracker(change: Callable[[list[Part]], list[Part]]) -> Maker:
    """The Birmingham tracker with its parts changed."""

    def make(folder: Path) -> list[Path]:
        path = folder / "tracker.xlsx"
        path.write_bytes(zip_of(change(parts_of(tracker_bytes()))))
        return [path]

    return make


def replaced(part: str, old: str | re.Pattern[str], new: str, count: int = 1) -> Maker:
    """The tracker with ``old`` replaced by ``new`` in the XML of ``part``; an ``old`` pattern
    (for what the exporter may word differently, a style's number, a row's height) by ``new``
    as a template (``\\g<0>`` the whole match)."""

    def change(parts: list[Part]) -> list[Part]:
        return [edit(each) if each.name == part else each for each in parts]

    def edit(each: Part) -> Part:
        text = zlib.decompress(each.data, -15).decode()
        if isinstance(old, re.Pattern):
            text, found = old.subn(new, text, count)
            assert found, (part, old)
            return deflated(part, text.encode())
        assert old in text, (part, old)
        return deflated(part, text.replace(old, new, count).encode())

    return tracker(change)


def with_parts(*extra: Part) -> Maker:
    return tracker(lambda parts: [*parts, *extra])


def actions_unpacking_to(megabytes: int) -> Maker:
    """The tracker with ``megabytes`` MB of spaces in its Actions sheet, between elements."""

    def change(parts: list[Part]) -> list[Part]:
        return [edit(each) if each.name == ACTIONS_PART else each for each in parts]

    def edit(each: Part) -> Part:
        head, tail = zlib.decompress(each.data, -15).split(b"<sheetData>")
        return spaces(ACTIONS_PART, head + b"<sheetData>", megabytes, tail)

    return tracker(change)


def header_says(part: str, size: int) -> Maker:
    """The tracker with the size the zip gives ``part`` smaller than what it unpacks to."""

    def change(parts: list[Part]) -> list[Part]:
        return [attrs.evolve(p, size=size) if p.name == part else p for p in parts]

    return tracker(change)


def many_parts(count: int) -> Maker:
    return with_parts(*(deflated(f"xl/extra/part{n}.xml", b"<a/>") for n in range(count)))


def long_names(count: int, length: int) -> Maker:
    return with_parts(*(deflated(f"xl/{n}{'x' * length}.xml", b"<a/>") for n in range(count)))


def compressed_with(part: str, method: int) -> Maker:
    """The tracker with ``part`` compressed another way than Office compresses."""

    def make(folder: Path) -> list[Path]:
        path = folder / "tracker.xlsx"
        with (
            zipfile.ZipFile(io.BytesIO(tracker_bytes())) as source,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                kind = method if info.filename == part else zipfile.ZIP_DEFLATED
                target.writestr(info.filename, source.read(info), compress_type=kind)
        return [path]

    return make


def rows_at_the_last_column(first: int, count: int) -> str:
    """``count`` rows from row ``first``, each with one cell in column XFD: openpyxl makes
    16,384 cells of each."""
    return "".join(f'<row r="{n}"><c r="XFD{n}"/></row>' for n in range(first, first + count))


def sheet_xml(rows: str) -> bytes:
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


LONG_COMMENT = "<!--" + "a long comment, " * 5_000 + "-->"
"""80 KB: more than the first 64 KB of a part that was once all that was looked at."""


# -- house templates -------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EXTERNAL_TYPES = {
    "attachedTemplate": f"{REL}/attachedTemplate",
    "image": f"{REL}/image",
    "hyperlink": f"{REL}/hyperlink",
    "oleObject": f"{REL}/oleObject",
    "frame": f"{REL}/frame",
    "subDocument": f"{REL}/subDocument",
    "aFChunk": f"{REL}/aFChunk",
    "mailMergeSource": f"{REL}/mailMergeSource",
    "unknown": "http://example.org/relationships/unknown",
}
HOUSE_HEADER = "Anytown Safeguarding Children Partnership – house header"
HOUSE_FOOTER = "www.anytown-scp.example"


def png() -> bytes:
    """A 2 x 2 pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    pixels = b"".join(b"\x00" + b"\x80\x00\x80" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


def house_template() -> dict[str, bytes]:
    """A plain house template, part by part: a header with text and a logo, a footer."""
    house = docx.Document()
    section = house.sections[0]
    section.header.paragraphs[0].text = HOUSE_HEADER
    section.header.add_paragraph().add_run().add_picture(io.BytesIO(png()), width=Cm(2))
    section.footer.paragraphs[0].text = HOUSE_FOOTER
    house.add_paragraph("TEMPLATE BODY TEXT to be replaced")
    out = io.BytesIO()
    house.save(out)
    with zipfile.ZipFile(out) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@attrs.define
class Template:
    """A house template being made hostile, part by part."""

    parts: dict[str, bytes] = attrs.Factory(house_template)
    count: int = 0

    def relate(self, source: str, kind: str, target: str, *, external: bool = True) -> str:
        """Add a relationship from part ``source`` (``""``: the package); return its id."""
        self.count += 1
        rel_id = f"rIdHostile{self.count}"
        folder, _, name = source.rpartition("/")
        rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        mode = ' TargetMode="External"' if external else ""
        relationship = f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}"{mode}/>'
        existing = self.parts.get(rels, b"").decode()
        if not existing:
            existing = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
                '"http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
            )
        self.parts[rels] = existing.replace(
            "</Relationships>", relationship + "</Relationships>"
        ).encode()
        return rel_id

    def insert(self, part: str, before: str, xml: str) -> None:
        text = self.parts[part].decode()
        assert before in text, (part, before)
        self.parts[part] = text.replace(before, xml + before, 1).encode()

    def add(self, name: str, data: bytes, content_type: str | None = None) -> None:
        self.parts[name] = data
        if content_type is not None:
            override = f'<Override PartName="/{name}" ContentType="{content_type}"/>'
            self.insert("[Content_Types].xml", "</Types>", override)

    def data(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, data)
        return out.getvalue()


A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
PIC = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'


def picture(blip: str) -> str:
    """A run holding a picture whose blip has the attributes ``blip``."""
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="720000" cy="720000"/>'
        f'<wp:docPr id="90" name="Logo"/><a:graphic {A}><a:graphicData uri='
        f'"http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic {PIC}>'
        '<pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f"<pic:blipFill><a:blip {blip}/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="720000" cy="720000"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r>"
    )


def paragraph(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def external_header_image(template: Template, url: str = "https://evil.example/logo.png") -> None:
    rel_id = template.relate("word/header1.xml", EXTERNAL_TYPES["image"], url)
    template.insert("word/header1.xml", "</w:hdr>", paragraph(picture(f'r:link="{rel_id}"')))


def remote_attached_template(template: Template) -> None:
    rel_id = template.relate(
        "word/settings.xml", EXTERNAL_TYPES["attachedTemplate"], "https://evil.example/t.dotm"
    )
    template.insert("word/settings.xml", "<w:zoom", f'<w:attachedTemplate r:id="{rel_id}"/>')


def macro_project(
    template: Template, name: str = "word/vbaProject.bin", *, typed: bool = True
) -> None:
    """A VBA project related from the document, with its data part; ``typed`` gives it the
    content type Word gives it (as a Default for ``.bin``), else only its relationship says
    what it is."""
    target = name.removeprefix("word/")
    template.relate(
        "word/document.xml",
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        target,
        external=False,
    )
    template.add(name, OLE + bytes(1024))
    if typed:
        template.insert(
            "[Content_Types].xml",
            "</Types>",
            '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
        )
    template.relate(
        name,
        "http://schemas.microsoft.com/office/2006/relationships/wordVbaData",
        "vbaData.xml",
        external=False,
    )
    template.add(
        "word/vbaData.xml",
        b'<wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>',
        "application/vnd.ms-word.vbaData+xml",
    )


# -- the tracker corpus ----------------------------------------------------------------------

BEYOND_ROWS = "beyond the 1,048,576 rows a worksheet can have"
NEVER_LARGE = "a tracker is never that large"
NEVER_MANY = "a tracker never has that many"
_ROW_5 = re.compile(r'<row r="5"(?P<height> ht="[\d.]+")>')
"""Row 5's start, with the height the exporter gives it (``\\g<height>``)."""
_HUGE_DATE = re.compile(r'(<c r="F7" s="\d+" t="n"><v>)44530.0(</v></c>)')

TRACKERS: dict[str, tuple[Maker, tuple[str, ...]]] = {
    # Sizes: of the file, of its index, of each part (as said and as unpacked), of them all.
    "part_unpacking_to_a_gigabyte": (
        actions_unpacking_to(1024),
        (f"{{t}}: {ACTIONS_PART} unpacks to more than 64 MB; {NEVER_LARGE}",),
    ),
    "part_larger_than_its_header_says": (header_says(ACTIONS_PART, 1000), (f"{{t}}: {DAMAGED}",)),
    "parts_unpacking_to_more_than_256_MB_together": (
        with_parts(*(spaces(f"xl/extra/filler{n}.xml", b"<a>", 60, b"</a>") for n in range(5))),
        (f"{{t}}: its parts unpack to more than 256 MB together; {NEVER_LARGE}",),
    ),
    "more_than_a_thousand_parts": (
        many_parts(1001),
        (f"{{t}}: it has more than 1,000 parts; {NEVER_MANY}",),
    ),
    "index_of_parts_larger_than_a_megabyte": (
        long_names(17, 64_000),
        (f"{{t}}: its index of parts is larger than 1 MB; {NEVER_LARGE}",),
    ),
    "part_compressed_with_bzip2": (
        compressed_with("xl/styles.xml", zipfile.ZIP_BZIP2),
        (
            f"{{t}}: {NOT_READABLE}: its part 'xl/styles.xml' is compressed in a way Office "
            "never uses",
        ),
    ),
    # Elements: as many as a library holds in memory.
    "two_million_elements_in_a_part": (
        with_parts(deflated("xl/extra.xml", b"<a>" + b"<b/>" * 2_000_001 + b"</a>")),
        (f"{{t}}: xl/extra.xml has more than 2,000,000 XML elements; {NEVER_MANY}",),
    ),
    "two_hundred_thousand_styles": (
        replaced(
            "xl/styles.xml", "<cellXfs", "<cellXfs>" + "<xf/>" * 200_001 + "</cellXfs><cellXfs"
        ),
        (f"{{t}}: xl/styles.xml has more than 200,000 XML elements; {NEVER_MANY}",),
    ),
    "a_million_shared_strings": (
        with_parts(
            deflated(
                "xl/sharedStrings.xml",
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                + b"<si/>" * 1_000_001
                + b"</sst>",
            )
        ),
        (f"{{t}}: xl/sharedStrings.xml holds more than 1,000,000 shared strings; {NEVER_MANY}",),
    ),
    # Rows and cells as openpyxl would number them.
    "row_beyond_a_worksheet": (
        replaced(ACTIONS_PART, "</sheetData>", '<row r="99999999999"><c/></row></sheetData>'),
        (f"{{t}}: Actions: row 99,999,999,999 is {BEYOND_ROWS}",),
    ),
    "row_numbered_negative": (
        replaced(ACTIONS_PART, _ROW_5, r'<row r="-5"\g<height>>'),
        (
            "{t}: Actions: it has a row numbered '-5' after row 4; a row number is a whole "
            "number from 1 to 1,048,576",
        ),
    ),
    "row_numbered_as_a_fraction": (
        replaced(ACTIONS_PART, _ROW_5, r'<row r="4.5"\g<height>>'),
        (
            "{t}: Actions: it has a row numbered '4.5' after row 4; a row number is a whole "
            "number from 1 to 1,048,576",
        ),
    ),
    "row_out_of_order": (
        replaced(ACTIONS_PART, _ROW_5, r'<row r="3"\g<height>>'),
        (f"{{t}}: Actions: row 3 comes after row 4 in the file and would be lost; {SAVE_AGAIN}",),
    ),
    "row_numbered_twice": (  # openpyxl reads the first and drops the second, update and all
        replaced(ACTIONS_PART, _ROW_5, r'<row r="4"\g<height>>'),
        (
            "{t}: Actions: row 4 is in the file twice, and one of the two would be lost; "
            f"{SAVE_AGAIN}",
        ),
    ),
    "row_inside_a_row": (
        replaced(ACTIONS_PART, _ROW_5, r'\g<0><row r="6"/>'),
        (
            f"{{t}}: {NOT_READABLE}: its part {ACTIONS_PART!r} has a row inside row 5, which "
            "Office never writes",
        ),
    ),
    "column_beyond_a_worksheet": (
        replaced(ACTIONS_PART, _ROW_5, r'\g<0><c r="XFE5"/>'),
        ("{t}: Actions!XFE5: column XFE is beyond the 16,384 columns a worksheet can have",),
    ),
    "cell_out_of_order": (
        replaced(ACTIONS_PART, 'r="C5"', 'r="A5"'),
        (
            "{t}: Actions!A5: this cell comes after column B in the file and would be lost; "
            f"{SAVE_AGAIN}",
        ),
    ),
    "cell_twice": (
        replaced(ACTIONS_PART, 'r="C5"', 'r="B5"'),
        (
            "{t}: Actions!B5: this cell is in the file twice, and one of the two would be lost; "
            f"{SAVE_AGAIN}",
        ),
    ),
    "cell_reference_not_a_cell": (
        replaced(ACTIONS_PART, 'r="C5"', 'r="5C"'),
        (
            "{t}: Actions: row 5 has a cell '5C', which is no cell reference; it is damaged or "
            "was not written by Office",
        ),
    ),
    "sheet_size_beyond_a_worksheet": (
        replaced(DATA_PART, "</sheetPr>", '</sheetPr><dimension ref="A1:B99999999"/>'),
        (f"{{t}}: Tracker data: its size is given as 'A1:B99999999', {BEYOND_ROWS}",),
    ),
    "two_million_cells": (
        replaced(ACTIONS_PART, "</sheetData>", rows_at_the_last_column(40, 123) + "</sheetData>"),
        (f"{{t}}: Actions: more than 2,000,000 cells; {NEVER_MANY}",),
    ),
    # Declarations, wherever they are, and XML that is not XML.
    "document_type_after_a_long_comment": (
        replaced(ACTIONS_PART, "<worksheet", LONG_COMMENT + "<!DOCTYPE worksheet><worksheet"),
        (
            f"{{t}}: {NOT_READABLE}: its part {ACTIONS_PART!r} declares an XML document type, "
            "which is refused (a workbook never needs one)",
        ),
    ),
    "entities_after_a_long_comment": (
        replaced(
            ACTIONS_PART, "<worksheet", LONG_COMMENT + '<!DOCTYPE w [<!ENTITY e "x">]><worksheet'
        ),
        (f"{{t}}: {ENTITIES}",),
    ),
    "document_type_in_a_part_not_named_xml": (
        with_parts(
            deflated("xl/extra.dat", b'<!DOCTYPE a SYSTEM "http://evil.example/a.dtd"><a/>')
        ),
        (
            f"{{t}}: {NOT_READABLE}: its part 'xl/extra.dat' declares an XML document type, "
            "which is refused (a workbook never needs one)",
        ),
    ),
    "part_not_well_formed": (
        with_parts(deflated("xl/extra.xml", b"<a><b></a>")),
        (
            f"{{t}}: {NOT_READABLE}: its part 'xl/extra.xml' is not well-formed XML (mismatched "
            "tag, line 1, column 9); it is damaged or was not written by Office",
        ),
    ),
    # What openpyxl would only have warned of.
    "number_in_a_date_cell_that_is_no_date": (
        replaced(ACTIONS_PART, _HUGE_DATE, r"\g<1>99999999\g<2>"),
        (
            "{t}: Actions!F7: the number 99999999 is formatted as a date but is no date (Excel "
            "shows it as ####); enter a date such as 31/03/2023",
        ),
    ),
}
"""Hostile trackers for the corpus of ``test_bad_workbooks``: each maker and its lines."""

_SPOOF = "Budget\u202egnp.exe\u009b2J"
"""A name that turns the text after it right to left (U+202E) and starts a terminal control
sequence (U+009B, CSI): both allowed in XML."""

WARNED: dict[str, Maker] = {
    "custom_property_of_no_type": with_parts(
        deflated(
            "docProps/custom.xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
                '2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
                f'pid="2" name="{_SPOOF}"></property></Properties>'
            ).encode(),
        )
    ),
    "print_area_that_is_no_range": replaced(
        "xl/workbook.xml",
        "</definedNames>",
        f'<definedName name="_xlnm.Print_Area" localSheetId="1">{_SPOOF}</definedName>'
        "</definedNames>",
    ),
    "names_of_a_sheet_not_there": replaced(
        "xl/workbook.xml",
        "</definedNames>",
        f'<definedName name="{_SPOOF}" localSheetId="9">A1</definedName></definedNames>',
    ),
}
"""Trackers openpyxl reads but warns about, in its own words (the name of its source file, and
what the tracker says copied raw): imported as if the tracker were as written, without a word
of the warning."""

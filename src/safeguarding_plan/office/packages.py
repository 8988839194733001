"""Office packages checked before a library reads them: trackers and house templates.

A tracker (``.xlsx``) and a house template (``.docx``, ``.dotx``, or a plugin's, such as
``.pptx``) are zip archives of XML parts, and openpyxl, python-docx and python-pptx believe
what the archive says: a row numbered 99,999,999,999 has openpyxl walk every empty row before
it, a part that unpacks to gigabytes is unpacked, and a document type declaration is read. So
every package is looked at here first, with work bounded by its size, against limits no real
tracker or template comes near:

- the archive: its size, its number of parts and the size of its index, read from the end of
  the file before the archive is opened;
- each part: the size it says it unpacks to and the size it does unpack to (read with a cap,
  not trusted), and all parts together;
- each XML part (by its name, its content type, or its first bytes): read by expat (the
  parser openpyxl reads worksheets with), refusing any document type or entity declaration
  wherever it is, and counting its elements;
- each worksheet: every row number and cell reference, as openpyxl would read them, and the
  size its dimension gives; the shared strings: how many.

A package beyond any limit raises `PackageError` with one line saying which part and which
limit; nothing past it is read. Before any of that, a package given by its path is opened with
`open_file`, which refuses at once anything but a regular file (a device such as ``/dev/zero``
reads without end, a named pipe waits for a writer); one given as a stream is read with
`read_file`, never more than `MAX_FILE_SIZE` and one byte.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
import zipfile
from collections.abc import Callable
from typing import IO, Any
from xml.parsers import expat

import attrs

from safeguarding_plan.errors import SafeguardingPlanError, column_letters

MB = 1 << 20

MAX_FILE_SIZE = 256 * MB
"""The largest package file read: a tracker of 20,000 actions is under 1 MB, and a house
template is mostly its logo."""
MAX_PARTS = 1_000
"""Parts (files inside the zip) in one package: a tracker has about 20, a template a few
dozen."""
MAX_INDEX_SIZE = 1 * MB
"""The zip's index of its parts, which is read whole when the archive is opened: about a
hundred bytes a part."""
MAX_PART_SIZE = 64 * MB
"""The most one part may unpack to: the Actions sheet of a 20,000-action tracker is 11 MB."""
MAX_TOTAL_SIZE = 256 * MB
"""The most all the parts of a package may unpack to together."""
MAX_ELEMENTS = 2_000_000
"""XML elements in one part: the Actions sheet of a 20,000-action tracker has 420,000."""
MAX_WHOLE_ELEMENTS = 200_000
"""XML elements in one part outside a worksheet's rows and the shared strings' strings,
which openpyxl and python-docx hold in memory whole (openpyxl makes an object of each style,
at about 0.1 ms each): a tracker's styles have a few hundred, a long template's text tens of
thousands."""
MAX_SHARED_STRINGS = 1_000_000
"""Strings in the shared string table, which openpyxl holds in memory: a tracker written
by the exporter has none, one saved by Excel one per distinct text."""
MAX_CELLS = 2_000_000
"""Cells in one worksheet, counting the empty ones before the last in each row (openpyxl
makes those too): the Actions sheet of a 20,000-action tracker has 200,000."""
SHEET_ROWS = 1_048_576
"""Excel's own limit on the rows of a worksheet."""
SHEET_COLUMNS = 16_384
"""Excel's own limit on the columns of a worksheet (A to XFD)."""


@attrs.frozen
class Kind:
    """What kind of package is read, for messages."""

    name: str
    """What the user calls it: ``tracker``."""
    document: str
    """What it is: ``a workbook``."""


TRACKER = Kind("tracker", "a workbook")
TEMPLATE = Kind("house template", "a Word document")


class PackageError(SafeguardingPlanError):
    """A package refused before it is read, with one line saying why; ``sheet``, ``row`` and
    ``column`` locate it in a worksheet when they can. ``unreadable`` says the package is
    damaged or dangerous rather than too large."""

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int = 0,
        column: int = 0,
        unreadable: bool = False,
    ) -> None:
        super().__init__(message)
        self.sheet = sheet
        self.row = row
        self.column = column
        self.unreadable = unreadable


@attrs.frozen
class ContentTypes:
    """The content types ``[Content_Types].xml`` gives the parts of a package."""

    defaults: dict[str, str] = attrs.Factory(dict)
    """By file name extension, lower case, without the dot."""
    overrides: dict[str, str] = attrs.Factory(dict)
    """By part name, lower case, without the leading slash."""

    def of(self, part: str) -> str | None:
        """The content type of ``part`` (a name in the zip), if the package gives one."""
        found = self.overrides.get(part.lower())
        if found is None and "." in part.rsplit("/", 1)[-1]:
            found = self.defaults.get(part.rsplit(".", 1)[-1].lower())
        return found


_NOT_FILES = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a named pipe put in place after the first look: no wait
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def open_file(path: str | os.PathLike[str], kind: Kind) -> IO[bytes]:
    """The package file at ``path``, opened to read, for `check_file` and `check` to read in
    place. Anything but a regular file is refused at once, before anything is read
    (PackageError: ``not a file (a character device)``): a device such as ``/dev/zero`` reads
    without end, a named pipe waits for a writer, and neither has a size to check. So is a file
    larger than `MAX_FILE_SIZE`. The path is looked at before it is opened (a named pipe or a
    socket is never opened) and what was opened is looked at again (without waiting, should a
    named pipe have been put in its place). OSError if it cannot be read at all."""
    _refuse_not_a_file(os.stat(path).st_mode)
    handle = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(handle)
        _refuse_not_a_file(info.st_mode)
        if info.st_size > MAX_FILE_SIZE:
            raise _file_too_large(kind)
        if _OPEN_FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(handle, True)
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise


def _refuse_not_a_file(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    what = next((name for test, name in _NOT_FILES if test(mode)), "not a regular file")
    raise PackageError(f"not a file ({what})")


def check_file(stream: IO[bytes], kind: Kind) -> None:
    """Refuse a package whose file or zip index is larger than a ``kind`` ever has, reading
    only the end of the file (the archive is not opened). Leaves ``stream`` where it was.

    ``stream`` is a regular file (from `open_file`) or bytes in memory (from `read_file`):
    one with a descriptor that is anything else is refused unread, since its size cannot be
    known without reading it (a device says 0, and reads without end)."""
    _refuse_not_a_file(_mode(stream))
    start = stream.tell()
    try:
        size = stream.seek(0, 2)
        if size > MAX_FILE_SIZE:
            raise _file_too_large(kind)
        index = _index(stream, size)
    finally:
        stream.seek(start)
    if index is None:
        return  # not a zip archive; opening it will say so
    parts, index_size = index
    if parts > MAX_PARTS:
        raise PackageError(f"it has more than {MAX_PARTS:,} parts; {_never_many(kind)}")
    if index_size > MAX_INDEX_SIZE:
        raise PackageError(
            f"its index of parts is larger than {_mb(MAX_INDEX_SIZE)}; {_never(kind)}"
        )


def check(stream: IO[bytes], kind: Kind) -> ContentTypes:
    """Check the package in ``stream`` against every limit (see the module's description) and
    return its content types; PackageError naming the first part beyond one. A damaged zip
    raises what zipfile raises. Leaves ``stream`` where it was."""
    check_file(stream, kind)
    start = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            return _Package(archive, kind).check()
    finally:
        stream.seek(start)


def _mode(stream: IO[bytes]) -> int:
    """The file type of the descriptor under ``stream``; a regular file's when it has none (a
    stream in memory has its size)."""
    try:
        return os.fstat(stream.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        return stat.S_IFREG


def read_file(stream: IO[bytes], kind: Kind) -> bytes:
    """All the bytes of a package given as a stream, read from where it stands, with a cap:
    never more than `MAX_FILE_SIZE` and one byte, whatever the stream is (a device that never
    ends, a pipe that gives a little at a time). Nothing else looks at the stream."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_FILE_SIZE:
        chunk = stream.read(MAX_FILE_SIZE + 1 - size)
        if not chunk:
            break
        if not isinstance(chunk, bytes | bytearray | memoryview):
            raise PackageError(
                f"it was given as a text stream; open the {kind.name} in binary mode ('rb')",
                unreadable=True,
            )
        chunks.append(bytes(chunk))
        size += len(chunk)
    if size > MAX_FILE_SIZE:
        raise _file_too_large(kind)
    return b"".join(chunks)


def read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, kind: Kind) -> bytes:
    """The unpacked bytes of a part, read with a cap: never more than `MAX_PART_SIZE`,
    whatever its header says."""
    with archive.open(info) as part:
        data = part.read(MAX_PART_SIZE + 1)
    if len(data) > MAX_PART_SIZE:
        raise _too_large(info.filename, kind)
    return data


# -- the archive ---------------------------------------------------------------------------

_END = b"PK\x05\x06"
_END_SIZE = 22
_END64_LOCATOR = b"PK\x06\x07"
_END64_LOCATOR_SIZE = 20
_END64 = b"PK\x06\x06"
_END64_SIZE = 56


def _index(stream: IO[bytes], size: int) -> tuple[int, int] | None:
    """The number of parts and the size of the index of the zip archive in ``stream``, as its
    end record gives them (found as zipfile finds it), or None if it has none."""
    if size < _END_SIZE:
        return None
    stream.seek(size - _END_SIZE)
    end = stream.read(_END_SIZE)
    at = size - _END_SIZE
    if not (end.startswith(_END) and end.endswith(b"\x00\x00")):  # not without a comment
        tail_start = max(size - 0xFFFF - _END_SIZE, 0)
        stream.seek(tail_start)
        tail = stream.read(size - tail_start)
        found = tail.rfind(_END)
        if found < 0:
            return None
        end = tail[found : found + _END_SIZE]
        at = tail_start + found
        if len(end) < _END_SIZE:
            return None
    parts = int.from_bytes(end[10:12], "little")
    index_size = int.from_bytes(end[12:16], "little")
    if at >= _END64_LOCATOR_SIZE + _END64_SIZE:
        stream.seek(at - _END64_LOCATOR_SIZE - _END64_SIZE)
        zip64 = stream.read(_END64_SIZE + _END64_LOCATOR_SIZE)
        if zip64[_END64_SIZE:].startswith(_END64_LOCATOR) and zip64.startswith(_END64):
            parts = int.from_bytes(zip64[32:40], "little")
            index_size = int.from_bytes(zip64[40:48], "little")
    return parts, index_size


# -- the parts -----------------------------------------------------------------------------

_CONTENT_TYPES = "[Content_Types].xml"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_WORKBOOK_TYPES = tuple(
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "openxmlformats-officedocument.spreadsheetml.sheet",
        "openxmlformats-officedocument.spreadsheetml.template",
        "ms-excel.sheet.macroEnabled",
        "ms-excel.template.macroEnabled",
    )
)
_XML_NAMES = (".xml", ".rels", ".vml")
_COMPRESSIONS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_ENCRYPTED = 0x1
_LOOKS_LIKE_XML = re.compile(rb"(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?[\x00 \t\r\n]*<")


@attrs.define
class _Package:
    archive: zipfile.ZipFile
    kind: Kind
    types: ContentTypes = attrs.Factory(ContentTypes)
    workbook: str = "xl/workbook.xml"
    """The workbook part, as the content types give it, for sheet names."""
    workbook_rels: dict[str, str] = attrs.Factory(dict)
    """The workbook's relationships: target part by id."""
    sheets: dict[str, str] = attrs.Factory(dict)
    """Sheet names by the id of their relationship."""

    def check(self) -> ContentTypes:
        infos = self.archive.infolist()
        if len(infos) > MAX_PARTS:
            raise PackageError(f"it has more than {MAX_PARTS:,} parts; {_never_many(self.kind)}")
        for info in infos:
            if info.compress_type not in _COMPRESSIONS or info.flag_bits & _ENCRYPTED:
                how = "encrypted" if info.flag_bits & _ENCRYPTED else "compressed"
                raise PackageError(
                    f"its part {info.filename!r} is {how} in a way Office never uses",
                    unreadable=True,
                )
            if info.file_size > MAX_PART_SIZE:
                raise _too_large(info.filename, self.kind)
        if sum(info.file_size for info in infos) > MAX_TOTAL_SIZE:
            raise self._total_too_large()
        # The content types first, which say which parts are XML; then the relationships and
        # the workbook, so that sheet names are known by the time a sheet is read.
        first = [info for info in infos if info.filename == _CONTENT_TYPES]
        total = self._read(first, 0)
        rest = sorted((info for info in infos if info not in first), key=self._order)
        self._read(rest, total)
        return self.types

    def _read(self, infos: list[zipfile.ZipInfo], total: int) -> int:
        for info in infos:
            data = read_part(self.archive, info, self.kind)
            total += len(data)
            if total > MAX_TOTAL_SIZE:
                raise self._total_too_large()
            declared = self._declared_xml(info.filename)
            if declared or _LOOKS_LIKE_XML.match(data):
                _Scan(self, info.filename).read(data, declared=declared)
        return total

    def _order(self, info: zipfile.ZipInfo) -> int:
        if info.filename.endswith(".rels"):
            return 0
        return 1 if info.filename.lower() == self.workbook.lower() else 2

    def _declared_xml(self, name: str) -> bool:
        if name.lower().endswith(_XML_NAMES):
            return True
        content_type = self.types.of(name) or ""
        return content_type.endswith("xml")

    def _total_too_large(self) -> PackageError:
        return PackageError(
            f"its parts unpack to more than {_mb(MAX_TOTAL_SIZE)} together; {_never(self.kind)}"
        )

    def sheet_name(self, part: str) -> str:
        """The name of the worksheet in ``part`` (the part's own name if it is none)."""
        for rel_id, target in self.workbook_rels.items():
            if target.lower() == part.lower() and rel_id in self.sheets:
                return self.sheets[rel_id]
        return part

    def collector(self, part: str) -> Callable[[str, dict[str, str]], None] | None:
        """What to note of each element of ``part`` for the checks of later parts."""
        if part == _CONTENT_TYPES:
            return self._content_type
        if part.lower() == rels_of(self.workbook).lower():
            return self._workbook_rel
        if part.lower() == self.workbook.lower():
            return self._sheet
        return None

    def _content_type(self, name: str, attributes: dict[str, str]) -> None:
        if name == f"{_TYPES_NS} Default" and "Extension" in attributes:
            extension = attributes["Extension"].lower()
            self.types.defaults[extension] = attributes.get("ContentType", "")
        elif name == f"{_TYPES_NS} Override" and "PartName" in attributes:
            part = attributes["PartName"].lstrip("/").lower()
            content_type = attributes.get("ContentType", "")
            self.types.overrides[part] = content_type
            if content_type in _WORKBOOK_TYPES:
                self.workbook = part

    def _workbook_rel(self, name: str, attributes: dict[str, str]) -> None:
        if name == f"{_RELS_NS} Relationship" and "Id" in attributes:
            target = attributes.get("Target", "")
            self.workbook_rels[attributes["Id"]] = resolve(self.workbook, target)

    def _sheet(self, name: str, attributes: dict[str, str]) -> None:
        if name == f"{_SHEET_NS} sheet":
            rel_id = next((attributes[f"{ns} id"] for ns in _R_NS if f"{ns} id" in attributes), "")
            self.sheets[rel_id] = attributes.get("name", "")


def resolve(source: str, target: str) -> str:
    """The part a relationship of part ``source`` targets, as a name in the zip."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def rels_of(part: str) -> str:
    """The relationships part of ``part``: ``word/_rels/document.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


# -- one XML part --------------------------------------------------------------------------

_ROW = f"{_SHEET_NS} row"
_SHEET_DATA = f"{_SHEET_NS} sheetData"
_STRING = f"{_SHEET_NS} si"
_DIMENSION = f"{_SHEET_NS} dimension"
_ROW_NUMBER = re.compile(r"[0-9]+\Z")
_CELL = re.compile(r"([A-Za-z]{1,3})[0-9]+\Z")  # what openpyxl reads as a cell, and no more
_LETTERS = re.compile(r"[A-Za-z]+")
_DIGITS = re.compile(r"\d+")
_BEYOND = 10**15
"""Any number at least this large is beyond every limit; larger ones are not converted."""


@attrs.define
class _Scan:
    """One XML part read by expat: no document type, bounded elements, and a worksheet's rows
    and cells as openpyxl would number them."""

    package: _Package
    part: str
    depth: int = 0
    whole: int = 0
    """Elements outside a worksheet's rows and the shared strings' strings."""
    bulk_depth: int = 0
    """The depth of the sheetData or string (si) element being read, or 0."""
    strings: int = 0
    row_depth: int = 0
    """The depth of the row being read, or 0."""
    row: int = 0
    """The number of the last row read."""
    column: int = 0
    """The column of the last cell read in the row being read."""
    cells: int = 0
    collect: Callable[[str, dict[str, str]], None] | None = None
    sheet: str = ""

    def read(self, data: bytes, *, declared: bool) -> None:
        # Counted from the bytes before anything is parsed: '<' opens an element unless it
        # closes one or starts a comment, a declaration or an instruction (so never fewer).
        # Strings as Excel and openpyxl write them, counted the same way, so that a table of
        # millions is refused at once; expat counts every one below, however written.
        if sum(map(data.count, (b"<si>", b"<si/>", b"<si "))) > MAX_SHARED_STRINGS:
            raise self._many("shared strings", MAX_SHARED_STRINGS, verb="holds")
        opened = data.count(b"<") - data.count(b"</") - data.count(b"<!") - data.count(b"<?")
        if opened > MAX_ELEMENTS:
            raise self._many("XML elements", MAX_ELEMENTS)
        self.collect = self.package.collector(self.part)
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.EndDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        try:
            parser.Parse(data, True)
        except expat.ExpatError as err:
            if declared:
                raise PackageError(
                    f"its part {self.part!r} is not well-formed XML "
                    f"({expat.errors.messages[err.code]}, line {err.lineno}, column "
                    f"{err.offset + 1}); it is damaged or was not written by Office",
                    unreadable=True,
                ) from None
            # Not XML after all (a picture, say), so nothing reads it as XML either.

    # A document type is refused wherever it is; declared entities are named first, as the
    # attacks they make (expansion, reading files) are what the refusal is for. Expat stops
    # at the first declaration, before any is used.
    def _doctype(self) -> None:
        raise PackageError(
            f"its part {self.part!r} declares an XML document type, which is refused "
            f"({self.package.kind.document} never needs one)",
            unreadable=True,
        )

    def _entity(self, *_: Any) -> None:
        raise PackageError(
            "it declares XML entities, which are refused "
            f"({self.package.kind.document} never needs them)",
            unreadable=True,
        )

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.collect is not None:
            self.collect(name, attributes)
        if name == _STRING:  # openpyxl reads every one, at any depth
            self.strings += 1
            if self.strings > MAX_SHARED_STRINGS:
                raise self._many("shared strings", MAX_SHARED_STRINGS, verb="holds")
        if self.bulk_depth == 0:
            if name in (_SHEET_DATA, _STRING):
                self.bulk_depth = self.depth
            else:
                self.whole += 1
                if self.whole > MAX_WHOLE_ELEMENTS:
                    raise self._many("XML elements", MAX_WHOLE_ELEMENTS)
        if name == _ROW:
            self._row(attributes.get("r"))
        elif self.row_depth and self.depth == self.row_depth + 1:
            self._cell(attributes.get("r"))  # openpyxl takes every child of a row as a cell
        elif name == _DIMENSION:
            self._dimension(attributes.get("ref", ""))

    def _end(self, _name: str) -> None:
        if self.depth == self.row_depth:
            self.row_depth = 0
            self.cells += self.column
            if self.cells > MAX_CELLS:
                raise PackageError(
                    f"more than {MAX_CELLS:,} cells; {_never_many(self.package.kind)}",
                    sheet=self._sheet(),
                )
        if self.depth == self.bulk_depth:
            self.bulk_depth = 0
        self.depth -= 1

    def _row(self, number: str | None) -> None:
        if self.row_depth:
            raise PackageError(
                f"its part {self.part!r} has a row inside row {self.row:,}, which Office never "
                "writes",
                unreadable=True,
            )
        if number is None:
            row = self.row + 1  # openpyxl counts on from the row before
        elif _ROW_NUMBER.match(number) and _whole(number) > 0:
            row = _whole(number)
        else:
            after = f"after row {self.row:,}" if self.row else "as its first row"
            raise PackageError(
                f"it has a row numbered {_shown(number)} {after}; a row number is a whole "
                f"number from 1 to {SHEET_ROWS:,}",
                sheet=self._sheet(),
            )
        if row > SHEET_ROWS:
            shown = f"{row:,}" if row < _BEYOND else f"numbered {_shown(number or '')}"
            raise PackageError(
                f"row {shown} is beyond the {SHEET_ROWS:,} rows a worksheet can have",
                sheet=self._sheet(),
            )
        if row <= self.row:
            lost = (
                "is in the file twice, and one of the two would be lost"
                if row == self.row
                else f"comes after row {self.row:,} in the file and would be lost"
            )
            raise PackageError(
                f"row {row:,} {lost}; open the {self.package.kind.name} in Excel and save it again",
                sheet=self._sheet(),
            )
        self.row = row
        self.row_depth = self.depth
        self.column = 0

    def _cell(self, reference: str | None) -> None:
        if reference is None:
            column = self.column + 1  # openpyxl counts on from the cell before
        else:
            found = _CELL.match(reference)
            if found is None:
                raise PackageError(
                    f"row {self.row:,} has a cell {_shown(reference)}, which is no cell "
                    "reference; it is damaged or was not written by Office",
                    sheet=self._sheet(),
                )
            column = _column_number(found[1])
        if column > SHEET_COLUMNS:
            raise PackageError(
                f"column {column_letters(column)} is beyond the {SHEET_COLUMNS:,} columns a "
                "worksheet can have",
                sheet=self._sheet(),
                row=self.row,
                column=column,
            )
        if column <= self.column:
            lost = (
                "is in the file twice, and one of the two would be lost"
                if column == self.column
                else f"comes after column {column_letters(self.column)} in the file and would "
                "be lost"
            )
            raise PackageError(
                f"this cell {lost}; open the {self.package.kind.name} in Excel and save it again",
                sheet=self._sheet(),
                row=self.row,
                column=column,
            )
        self.column = column

    def _dimension(self, reference: str) -> None:
        # As openpyxl reads the size a sheet gives: its digits are rows, its letters columns.
        rows = max(map(_whole, _DIGITS.findall(reference)), default=0)
        columns = max(map(_column_number, _LETTERS.findall(reference)), default=0)
        if rows > SHEET_ROWS or columns > SHEET_COLUMNS:
            many, limit = ("rows", SHEET_ROWS) if rows > SHEET_ROWS else ("columns", SHEET_COLUMNS)
            raise PackageError(
                f"its size is given as {_shown(reference)}, beyond the {limit:,} {many} a "
                "worksheet can have",
                sheet=self._sheet(),
            )

    def _sheet(self) -> str:
        if not self.sheet:
            self.sheet = self.package.sheet_name(self.part)
        return self.sheet

    def _many(self, what: str, limit: int, *, verb: str = "has") -> PackageError:
        return PackageError(
            f"{self.part} {verb} more than {limit:,} {what}; {_never_many(self.package.kind)}"
        )


def _whole(digits: str) -> int:
    """The number ``digits`` stand for, or `_BEYOND` if it is at least that."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) < len(str(_BEYOND)) else _BEYOND


def _column_number(letters: str) -> int:
    """The number of column ``letters`` (``A`` is 1), or `_BEYOND` if it is that large."""
    if len(letters) > 4:
        return _BEYOND
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


# -- messages ------------------------------------------------------------------------------


def _file_too_large(kind: Kind) -> PackageError:
    return PackageError(f"the file is larger than {_mb(MAX_FILE_SIZE)}; {_never(kind)}")


def _too_large(part: str, kind: Kind) -> PackageError:
    return PackageError(f"{part} unpacks to more than {_mb(MAX_PART_SIZE)}; {_never(kind)}")


def _never(kind: Kind) -> str:
    return f"a {kind.name} is never that large"


def _never_many(kind: Kind) -> str:
    return f"a {kind.name} never has that many"


def _mb(size: int) -> str:
    return f"{size // MB:,} MB"


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")

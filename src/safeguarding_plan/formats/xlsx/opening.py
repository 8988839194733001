"""A tracker file opened safely as a workbook, and why one is refused, in words.

Held apart from the reading of the tracker's rows: what is checked here is the file itself,
before openpyxl reads any of it (its size and parts, through ``packages``; whether it is an
.xlsx workbook at all, not an old .xls, a password-protected file, a CSV or a Word document),
and what openpyxl's failures mean, each in words a business manager can act on.
"""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from safeguarding_plan.errors import shown
from safeguarding_plan.formats import packages

Workbook = str | os.PathLike[str] | IO[bytes]
"""A tracker as given: a path, or a binary stream opened from Python."""


def name(workbook: Workbook) -> str:
    """What a tracker is called in its problems: its path, or the name of the stream given."""
    if isinstance(workbook, str | os.PathLike):
        return os.fspath(workbook)
    return str(getattr(workbook, "name", "<stream>"))


@contextlib.contextmanager
def opened(workbook: Workbook) -> Iterator[IO[bytes]]:
    """The workbook as a seekable binary stream, closed afterwards if opened here: a path
    opened as a regular file and read in place (anything else is refused unread), a stream
    given from Python read into memory with a cap first, whatever it is (it may be a device
    that never ends, and its own seek and size are not trusted)."""
    if isinstance(workbook, str | os.PathLike):
        with packages.open_file(workbook, packages.TRACKER) as stream:
            yield stream
    else:
        yield io.BytesIO(packages.read_file(workbook, packages.TRACKER))


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an Office file of the old binary kind starts (.xls, .doc), and a password-protected
.xlsx too."""
NOT_READABLE = "not a readable Excel workbook (.xlsx)"
_SAVE = "save the tracker as Excel Workbook (.xlsx)"
_ENTITIES = "it declares XML entities, which are refused (a workbook never needs them)"
_OTHER_PACKAGES = {
    "word/document.xml": "a Word document",
    "ppt/presentation.xml": "a PowerPoint presentation",
}


def not_a_workbook(stream: IO[bytes]) -> str | None:
    """Why the bytes are no .xlsx workbook at all, in words; None if they may be one."""
    start = stream.tell()
    try:
        head = stream.read(8)
        stream.seek(start)
        if not head:
            return "the file is empty; is it the right file?"
        if head.startswith(_OLE):
            data = stream.read()
            if "EncryptedPackage".encode("utf-16-le") in data:
                return (
                    "it is protected with a password; remove the password in Excel "
                    "(File, Info, Protect Workbook) and save it again"
                )
            return f"it is an old-format Office file (such as .xls); {_SAVE}"
        if not zipfile.is_zipfile(stream):
            if head.startswith(b"PK"):
                return "the file is cut short or damaged; copy or download the tracker again"
            stream.seek(start)
            if _looks_like_text(stream.read(4096)):
                return f"the file is text, not a workbook (was it saved as CSV?); {_SAVE}"
            return f"the file is not a workbook; {_SAVE}"
        stream.seek(start)
        with zipfile.ZipFile(stream) as archive:
            return _not_a_workbook_package(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return "the file is cut short or damaged; copy or download the tracker again"
    finally:
        stream.seek(start)


def _not_a_workbook_package(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        for name, what in _OTHER_PACKAGES.items():
            if name in names:
                return f"it is {what}; {_SAVE}"
        if "mimetype" in names and b"spreadsheet" in archive.read("mimetype")[:200]:
            return f"it is an OpenDocument spreadsheet (.ods); {_SAVE}"
        return f"it is a zip archive with no workbook in it; {_SAVE}"
    return None  # a workbook; what is in its parts is for packages.check to say


def _looks_like_text(data: bytes) -> bool:
    """Whether ``data`` reads as text in some common encoding: no control characters."""
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ()
    for encoding in (*encodings, "utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
            return True
    return False


def reason(err: BaseException) -> str:
    """What went wrong reading a workbook, from the cause openpyxl wrapped, in words."""
    chain = [err]
    while (cause := chain[-1].__cause__ or chain[-1].__context__) and cause not in chain:
        chain.append(cause)
    for found in chain:
        text = str(found).strip()
        name = type(found).__name__
        if "Entities" in name or "DTD" in name or "ExternalReference" in name:
            return _ENTITIES
        if "entit" in text.lower():
            return _ENTITIES
        if isinstance(found, zipfile.BadZipFile | zlib.error | EOFError):
            return "the file is cut short or damaged; copy or download the tracker again"
    root = chain[-1]
    text = str(root).strip().splitlines()[0] if str(root).strip() else ""
    detail = f"{type(root).__name__}: {shown(text, 120)}" if text else type(root).__name__
    return f"the file is damaged or not as Excel writes it ({detail}); {_SAVE} again"

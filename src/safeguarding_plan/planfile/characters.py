"""A plan file's text checked before and after it is composed: its encoding, and the
characters no plan may hold, written or escaped, each located."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from safeguarding_plan.errors import PlanError, Problem
from safeguarding_plan.planfile.composing import ScalarNode
from safeguarding_plan.text import UNCARRIABLE

# Characters YAML 1.1 refuses in a stream (all but tab, line feed, carriage return, NEL and the
# printable ones); found here so the location is exact with any reader. Written as the few
# ranges refused rather than the many allowed: a class of the allowed ones takes ten times
# longer to compile, on every command that reads a plan.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
# Bidirectional embeddings, overrides and isolates: YAML reads them, but no value may hold
# them (text.UNCARRIABLE says why).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# A YAML escape inside double quotes; '\\' is matched as one, so '\\x1b' is no escape of ESC.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SINGLE_ESCAPES = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
# Characters YAML takes for line breaks that editors do not, which would put every location
# after them on the wrong line; they come in with text pasted from web pages and documents.
_ODD_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
_REFUSED = re.compile(
    "[" + "".join(p.pattern[1:-1] for p in (_NOT_PRINTABLE, _ODD_LINE_BREAKS, _BIDI_CONTROLS)) + "]"
)
"""Every character a plan file must not hold, found in one pass over the text."""
# UTF-32's byte order marks first: the little-endian one starts with UTF-16's.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_UTF8_BOM = b"\xef\xbb\xbf"
# How files that are not text start, and what they are: given by mistake for the plan.
_NOT_TEXT = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (such as an Excel or Word file)"),
    (b"\xd0\xcf\x11\xe0", "an old-format Office file (such as .doc or .xls)"),
)
_BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def decode(data: bytes, file: str) -> str:
    """The text of a file given as bytes: UTF-8 (a byte order mark dropped), or PlanError
    saying what the file is instead (UTF-16, an image, a workbook) or where it stops being
    UTF-8."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            message = f"the file is saved as {encoding} text; save it as UTF-8"
            raise PlanError([Problem(file, 1, 1, message)])
    data = data.removeprefix(_UTF8_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        what = _not_text(data)
        if what is not None:
            raise PlanError([Problem(file, 1, 1, f"{what}; is it the right file?")]) from None
        before = data[: err.start].decode("utf-8")
        line, column = _position(before, len(before))
        raise PlanError(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"the file is not saved as UTF-8: the byte 0x{data[err.start]:02X} here "
                    "cannot be read; save the file as UTF-8",
                )
            ]
        ) from None


def _not_text(data: bytes) -> str | None:
    """What a file that is not UTF-8 is when it is no text at all (an image, a workbook)."""
    for start, what in _NOT_TEXT:
        if data.startswith(start):
            return f"the file is {what}, not a plan"
    # Text in another encoding has no control bytes; an image or a program is full of them.
    if sum(data.count(bytes([b])) for b in _BINARY_BYTES) >= 4:
        return "the file holds binary data, not the text of a plan"
    return None


def bad_characters(text: str, file: str) -> list[Problem]:
    """The first place each character a plan file must not hold is found, located."""
    problems: list[Problem] = []
    found: dict[str, int] = {}
    first: dict[str, int] = {}
    for match in _REFUSED.finditer(text):
        char = match.group()
        found[char] = found.get(char, 0) + 1
        first.setdefault(char, match.start())
    for char, index in first.items():
        line, column = _position(text, index)
        others = found[char] - 1
        more = f" (and {others} more in the file)" if others else ""
        problems.append(Problem(file, line, column, f"the file holds {refusal(char)}{more}"))
    return problems


def refusal(char: str) -> str:
    """What ``char``, one a plan must not hold, is and what to do: ``a bidirectional control
    character (U+202E) here, which reorders …; delete it …``."""
    code = f"U+{ord(char):04X}"
    if _ODD_LINE_BREAKS.match(char):
        return (
            f"a special line break ({code}) here, as pasted from a web page or document; "
            "replace it with an ordinary line break or a space"
        )
    if _BIDI_CONTROLS.match(char):
        return (
            f"a bidirectional control character ({code}) here, which reorders how the text "
            "after it reads; delete it (right-to-left writing needs none)"
        )
    if unicodedata.category(char) == "Cc":
        return f"an invisible control character ({code}) here; delete it"
    # A noncharacter such as U+FFFE, or half of a broken pair (text from Python).
    return f"a character that is not allowed ({code}) here; delete it"


def first_refused(text: str) -> str | None:
    """The first character in ``text`` that no plan value may hold however written (what
    ``text.clean`` would show as U+FFFD), or None: for text that comes from elsewhere (a
    tracker's cell) to be refused rather than changed unseen."""
    found = UNCARRIABLE.search(text)
    return found.group() if found else None


def refused_escape(value: str) -> bool:
    """Whether a double-quoted text holds a character no value may hold, which only an escape
    can have written there (the file's text was checked before it was read)."""
    return bool(UNCARRIABLE.search(value) or _BIDI_CONTROLS.search(value))


def escaped_characters(nodes: Iterable[ScalarNode], text: str, file: str) -> list[Problem]:
    """Where a double-quoted text writes, as an escape, a character no value may hold
    (``UNCARRIABLE``: ``"\\e[2J"``, ``"\\x1b"``, ``"\\u0007"``): the first place of each such
    character, located at its escape. ``nodes`` are the texts that hold one
    (``refused_escape``). The check of the file's text cannot see these; they exist only
    once it is read."""
    found: dict[str, int] = {}
    first: dict[str, tuple[int, str]] = {}
    starts: list[int] = []  # where each line starts, worked out only if something is found
    for node in nodes:
        if not starts:
            starts = [0, *(m.end() for m in re.finditer("\n", text))]
        begin = starts[node.line] + node.column
        end = starts[node.end_line] + node.end_column
        for escape in _ESCAPE.finditer(text, begin, end):
            char = unescaped(escape.group())
            if UNCARRIABLE.match(char) or _BIDI_CONTROLS.match(char):
                found[char] = found.get(char, 0) + 1
                if char not in first or escape.start() < first[char][0]:
                    first[char] = (escape.start(), escape.group())
    problems = []
    for char, (index, written) in first.items():
        line, column = _position(text, index)
        others = found[char] - 1
        more = f" (and {others} more in the file)" if others else ""
        what = (
            "an invisible control character"
            if unicodedata.category(char) == "Cc"
            else "a bidirectional control character"
            if _BIDI_CONTROLS.match(char)
            else "a character that is not allowed"
        )
        fix = "for a line break write \\n instead" if char == "\r" else "delete it"
        message = f"the text holds {what} (U+{ord(char):04X}, written {written}) here; {fix}{more}"
        problems.append(Problem(file, line, column, message))
    return problems


def unescaped(escape: str) -> str:
    """The character a YAML escape (``\\e``, ``\\x1b``, ``\\u001b``) stands for."""
    if len(escape) > 2:
        return chr(int(escape[2:], 16))
    return _SINGLE_ESCAPES.get(escape[1], escape[1])


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    index = min(index, len(text))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1

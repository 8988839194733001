"""The one sanitiser for plan text on its way into any document format, and the one way text
from a user's files reaches a terminal."""

from __future__ import annotations

import re

UNCARRIABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\ud800-\udfff\ufffe\uffff]")
"""Control characters (C0 but tab and newline, DEL, C1), lone surrogates and the two
non-characters: no document format carries them (XML, and so Word and Excel, refuses most
outright) and none is ever meant as text, so no plan may hold them either. With them the
bidirectional embeddings and overrides (U+202A to U+202E): an override reverses the letters
after it, so a restricted name written backwards after U+202E reads as the name while no check
of its letters can find it. The isolates (U+2066 to U+2069), which reverse no letters, are how
a document keeps a value's direction to itself; a plan file refuses them too
(``planfile.characters``), as right-to-left writing needs none of them."""

REPLACEMENT = "\ufffd"

# What a terminal acts on instead of showing: every control character (escape sequences that
# clear the screen or set the window title, bell, backspace, carriage return, line breaks), the
# line and paragraph separators, and the bidirectional formatting characters, which reorder the
# rest of a terminal line (U+202E shows "txt.exe" as "exe.txt").
_ACTED_ON = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def clean(text: str) -> str:
    """``text`` with characters no document can carry shown as U+FFFD, so nothing vanishes
    unseen; carriage returns become newlines."""
    if text.isprintable():  # most text: no control character, surrogate or non-character
        return text
    return UNCARRIABLE.sub(REPLACEMENT, text.replace("\r\n", "\n").replace("\r", "\n"))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` as one line a terminal shows as written: each character it would act on
    instead (a control character, a line break, a bidirectional override) is written as its
    escape, ``\\x1b`` or ``\\u202e``."""
    if text.isprintable():  # every character _ACTED_ON matches is non-printable
        return text
    return _ACTED_ON.sub(_escape, text)

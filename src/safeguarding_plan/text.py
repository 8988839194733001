"""The one sanitiser for plan text on its way into any document format."""

from __future__ import annotations

import re

# C0 controls (but tab and newline), DEL, lone surrogates and the two non-characters: no
# document format carries them (XML and so Word and Excel refuse them outright).
_UNCARRIABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

REPLACEMENT = "\ufffd"


def clean(text: str) -> str:
    """``text`` with characters no document can carry shown as U+FFFD, so nothing vanishes
    unseen; carriage returns become newlines."""
    if text.isprintable():  # most text: no control character, surrogate or non-character
        return text
    return _UNCARRIABLE.sub(REPLACEMENT, text.replace("\r\n", "\n").replace("\r", "\n"))

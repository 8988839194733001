"""Spaces pasted from a document where YAML needs an ordinary one: after a key's ':' or a
list item's '-'.

Word and web pages put a no-break space (U+00A0), and sometimes a thin, narrow or ideographic
one, where a person typed a space. YAML takes none of them for a space, so
``purpose:<U+00A0>Some text`` is no key and its text but one piece of text, and what YAML then
says (a ':' is missing, the line is not indented in line) sends the reader looking for the
wrong mistake. These find such a space in a line, so the message can name it.
"""

from __future__ import annotations

import re
import unicodedata

SPACES = "\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000"
"""Every space but the ordinary one (Unicode's Zs), and the zero-width space: as a character
class's contents."""

ANY = re.compile(f"[{SPACES}]")

# A key's ':' or an item's '-' with one of SPACES after it, where a line's text starts (after
# its indentation and any items' '- ', which ``lead`` takes) or where a key starts.
_AFTER = re.compile(
    rf"(?P<lead>[ ]*(?:-[ ]+)*)"
    rf"(?:(?P<dash>-)|(?:[^\s#'\"{{\[\-][^:#\n]*?|\"[^\"\n]*\"|'[^'\n]*')(?P<colon>:))"
    rf"(?=[{SPACES}])"
)


def after_indicator(line: str, start: int = 0, *, lead: bool = True) -> tuple[int, str] | None:
    """Where in ``line`` a pasted space follows the ':' of a key or the '-' of an item that
    starts at ``start`` (after indentation and items' '- ' too, with ``lead``), and the
    message naming it; None if none does."""
    found = _AFTER.match(line, start)
    if found is None or (found["lead"] and not lead):
        return None
    indicator = "-" if found["dash"] is not None else ":"
    return found.end(), message(line[found.end()], indicator)


def message(space: str, indicator: str) -> str:
    """What to say of ``space`` after ``indicator``: "a no-break space (U+00A0) follows ':'…"."""
    name = unicodedata.name(space, "space").lower()
    article = "an" if name[0] in "aeiou" else "a"
    what = "a key's ':'" if indicator == ":" else "a list item's '-'"
    return (
        f"{article} {name} (U+{ord(space):04X}) follows '{indicator}', so YAML does not read "
        f"it as {what}; type an ordinary space"
    )

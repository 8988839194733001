"""A value set beside words of the paper's own (``Report of: …``, the marking of a page),
isolated so that no character of it can reorder anything outside it.

Word lays a paragraph out by the Unicode bidirectional algorithm (UAX #9): a right-to-left
name in a title-block value could move the label beside it, and a pop directional isolate
(U+2069) in a value made in code would close an isolate opened before it. A value that may move
text is wrapped in FIRST STRONG ISOLATE (U+2068) and POP DIRECTIONAL ISOLATE (U+2069), the
``<bdi>`` of HTML: inside, the value takes its direction from its own first letter (a Hebrew
name reads right to left, an English one left to right), and outside it counts as one neutral
character, so the label before it stays first and whole. Embeddings and overrides never get
here (``clean`` shows them as U+FFFD); an isolate is closed by its own pop only, so:

- each pop in the value that closes nothing of the value's own gets an isolate of ours to
  close, opened before the value, so it cannot close one outside it;
- each isolate the value leaves open is closed after it, before ours.

Every character of the value stays, in order. A value of characters that move nothing (no
right-to-left letter, Arabic number, directional mark or isolate) is written as it is: the
paper's text stays the plan's, as Word's search and a copy find it.
"""

from __future__ import annotations

import unicodedata

from safeguarding_plan.text import clean

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
_ISOLATES = frozenset("\u2066\u2067\u2068")
"""Left-to-right, right-to-left and first strong isolate."""

_MOVING = frozenset(("R", "AL", "AN", "LRI", "RLI", "FSI", "PDI"))
"""The bidirectional classes of characters that may move text: right-to-left letters, Arabic
numbers and the isolates."""
_MARKS = frozenset("\u200e\u200f\u061c")
"""The left-to-right, right-to-left and Arabic letter marks: strong characters of no width, and
direction controls all the same, so a value holding one is isolated too."""


def isolated(value: str) -> str:
    """``value``, cleaned (``text.clean``), isolated from the text around it when it holds a
    character that may move text; as it is, cleaned, otherwise."""
    value = clean(value)
    if value.isascii() or not any(
        character in _MARKS or unicodedata.bidirectional(character) in _MOVING
        for character in value
    ):
        return value
    opened = 0  # isolates the value leaves open
    unmatched = 0  # pops closing no isolate of the value's own
    for character in value:
        if character in _ISOLATES:
            opened += 1
        elif character == POP_DIRECTIONAL_ISOLATE:
            if opened:
                opened -= 1
            else:
                unmatched += 1
    closing = POP_DIRECTIONAL_ISOLATE * opened
    return FIRST_STRONG_ISOLATE * (unmatched + 1) + value + closing + POP_DIRECTIONAL_ISOLATE

"""A value set beside words of the paper's own (``Report of: …``, the marking of a page),
isolated so that no character of it can reorder anything outside it.

Word lays a paragraph out by the Unicode bidirectional algorithm (UAX #9): a right-to-left
override (U+202E) in a title-block value would run on past the value, and a pop directional
isolate (U+2069) would close an isolate opened before it. A value that may move text is
wrapped in FIRST STRONG ISOLATE (U+2068) and POP DIRECTIONAL ISOLATE (U+2069), the ``<bdi>``
of HTML: inside, the value takes its direction from its own first letter (a Hebrew name reads
right to left, an English one left to right), and outside it counts as one neutral character,
so the label before it stays first and whole. An isolate is closed by its own pop only, so:

- each pop in the value that closes nothing of the value's own gets an isolate of ours to
  close, opened before the value, so it cannot close one outside it;
- each isolate the value leaves open is closed after it, before ours;
- each embedding or override the value leaves open (U+202A to U+202E) is closed with POP
  DIRECTIONAL FORMATTING (U+202C) too, as a reader that knows embeddings and not isolates
  (Unicode before 6.3) counts them: the pop of an isolate ends them already, but such a
  reader would let one run on past the value.

Every character of the value stays, in order. A value of characters that move nothing (no
right-to-left letter, Arabic number, directional mark or formatting character) is written as
it is: the paper's text stays the plan's, as Word's search and a copy find it.
"""

from __future__ import annotations

import unicodedata

from safeguarding_plan.text import clean

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
POP_DIRECTIONAL_FORMATTING = "\u202c"

_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")
"""Left-to-right and right-to-left embedding and override."""
_ISOLATES = frozenset("\u2066\u2067\u2068")
"""Left-to-right, right-to-left and first strong isolate."""

_MOVING = frozenset(
    ("R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")
)
"""The bidirectional classes of characters that may move text: right-to-left letters, Arabic
numbers and the directional formatting characters."""
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
    opened: list[str] = []  # what the value leaves open, each as the character that closes it
    unmatched = 0  # pops closing no isolate of the value's own
    embedded = 0  # embeddings left open, to a reader that knows no isolates
    for character in value:
        if character in _EMBEDDINGS:
            opened.append(POP_DIRECTIONAL_FORMATTING)
            embedded += 1
        elif character in _ISOLATES:
            opened.append(POP_DIRECTIONAL_ISOLATE)
        elif character == POP_DIRECTIONAL_FORMATTING:
            embedded = max(embedded - 1, 0)
            # It ends the innermost embedding; with an isolate innermost it does nothing.
            if opened and opened[-1] == POP_DIRECTIONAL_FORMATTING:
                opened.pop()
        elif character == POP_DIRECTIONAL_ISOLATE:
            if POP_DIRECTIONAL_ISOLATE in opened:
                while opened.pop() != POP_DIRECTIONAL_ISOLATE:
                    pass  # the embeddings inside the isolate end with it
            else:
                unmatched += 1
    closing = "".join(reversed(opened))
    # What a reader that knows no isolates still has open, closed inside our own isolate,
    # where a reader that knows them takes a pop of formatting for nothing.
    closing += POP_DIRECTIONAL_FORMATTING * max(
        embedded - closing.count(POP_DIRECTIONAL_FORMATTING), 0
    )
    return FIRST_STRONG_ISOLATE * (unmatched + 1) + value + closing + POP_DIRECTIONAL_ISOLATE

"""Text as the deck lays it out: paragraphs of runs, measured, and cut where a slide is full.

A slide's text (its body, or one table cell) is a sequence of `Para`; `fit` takes from the
front of it as much as fits a height, cutting a paragraph between two lines where it must, and
gives back the rest for the next slide. Every height is measured (``_measure``), never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import attrs

from safeguarding_plan.plugin import Span
from safeguarding_plan_pptx import _measure

INDENT = 27.0
"""Points from a list item's bullet to its text, and from one list level to the next."""


class Para(NamedTuple):
    """One paragraph: its runs (``Span``s: text in one format, a link's address), its size in
    points, and where it sits in a list.

    ``marker`` is ``"bullet"`` or ``"number"`` for a list item's first part, ``"none"`` for
    the rest of an item cut across two slides (indented as the item, without a new bullet),
    or ``""`` for a paragraph outside a list."""

    runs: tuple[Span, ...]
    size: float
    level: int = 0
    marker: str = ""
    number: int = 0
    space_before: float = 0.0
    grey: bool = False
    centred: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def bold(self) -> bool:
        """Measured as bold if any of it is: bold is the wider."""
        return any(run.bold for run in self.runs)

    @property
    def indent(self) -> float:
        """Points from the box's text edge to the paragraph's text."""
        return (self.level + (1 if self.marker else 0)) * INDENT

    def line_height(self) -> float:
        return self.size * _measure.LINE

    def breaks(self, room: float) -> tuple[int, ...]:
        return _measure.starts(self.text, self.size, max(room - self.indent, self.size), self.bold)

    def height(self, room: float) -> float:
        return self.space_before + len(self.breaks(room)) * self.line_height()

    def cut(self, at: int) -> tuple[Para, Para]:
        """The paragraph before the character ``at``, and after it (a list item's rest
        without a new bullet, and no space before it)."""
        first: list[Span] = []
        rest: list[Span] = []
        seen = 0
        for run in self.runs:
            end = seen + len(run.text)
            if end <= at:
                first.append(run)
            elif seen >= at:
                rest.append(run)
            else:
                first.append(attrs.evolve(run, text=run.text[: at - seen]))
                rest.append(attrs.evolve(run, text=run.text[at - seen :]))
            seen = end
        # The space or line break where the line broke ends the first part: it would only add
        # an empty line at its foot.
        if first:
            last = first[-1].text.rstrip(" ")
            first[-1] = attrs.evolve(first[-1], text=last.removesuffix("\n"))
        rest_marker = "none" if self.marker else ""
        return (
            self._replace(runs=tuple(first)),
            self._replace(runs=tuple(rest), marker=rest_marker, space_before=0.0),
        )


def height(paras: Sequence[Para], room: float) -> float:
    """The height of ``paras`` set in a box whose text is ``room`` points wide."""
    return sum(para.height(room) for para in paras)


def fit(
    paras: Sequence[Para], room: float, space: float, *, whole: bool = False
) -> tuple[list[Para], list[Para]]:
    """What of ``paras`` fits ``space`` points of height in text ``room`` points wide, and the
    rest. A paragraph is cut between lines where it does not fit whole (unless ``whole``:
    then nothing of it is taken); at least one line is always taken when none would fit,
    so that laying out always ends."""
    taken: list[Para] = []
    used = 0.0
    for index, para in enumerate(paras):
        starts = para.breaks(room)
        needed = para.space_before + len(starts) * para.line_height()
        if used + needed <= space:
            taken.append(para)
            used += needed
            continue
        if whole and taken:
            return taken, list(paras[index:])
        lines = int((space - used - para.space_before) // para.line_height())
        if lines <= 0 and (taken or whole):
            return taken, list(paras[index:])
        lines = max(lines, 1)
        if lines >= len(starts):
            return [*taken, para], list(paras[index + 1 :])
        first, rest = para.cut(starts[lines])
        return [*taken, first], [rest, *paras[index + 1 :]]
    return taken, []

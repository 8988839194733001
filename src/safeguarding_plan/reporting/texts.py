"""Every text a report holds, to check that a document words nothing of its own.

A document lays the report's texts out: it may join them with punctuation and spaces, put
numbers beside them, and clean and re-wrap them, but every word a reader sees is one of the
report's. ``ReportTexts(report).unheld(text)`` gives the words of ``text`` that are not.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from safeguarding_plan.reporting.contents import Report
from safeguarding_plan.text import clean

_LETTER = re.compile(r"[^\W\d_]")
_EDGES = re.compile(r"^\W+|\W+$")
_PLACEHOLDER = re.compile(r"\\\{\w+\\\}")
"""``{page}`` in a text that a document fills in with a number (once escaped for a pattern)."""


def _normal(text: str) -> str:
    """``text`` as documents show it, its white space (line breaks too) one space."""
    return " ".join(clean(text).split())


def _pattern(text: str) -> str:
    return _PLACEHOLDER.sub(r"\\d+", re.escape(text))


class ReportTexts:
    """Every text a report holds (and ``more``, such as an exporter's options), as a
    document may show it."""

    def __init__(self, report: Report, *more: str) -> None:
        texts = {_normal(t) for t in (*_texts(report, set()), *more)}
        self.texts = frozenset(t for t in texts if _LETTER.search(t))
        """Every held text with a letter in it: a text of digits and punctuation says no word."""
        # Longest first, so that a text is taken out whole before any shorter one inside it.
        alternatives = sorted(self.texts, key=len, reverse=True)
        self._held = re.compile(
            r"(?<!\w)(?:" + "|".join(map(_pattern, alternatives)) + r")(?!\w)"
            if alternatives
            else r"(?!)"
        )

    def unheld(self, text: str) -> str:
        """The words of ``text`` (a heading, a paragraph, a table cell) that the report does not
        hold: what is left once every text it holds is taken out (trimmed of the punctuation
        around it), or ``""`` when what is left is only numbers, punctuation and spaces."""
        rest = self._held.sub(" ", _normal(text))
        return _EDGES.sub("", " ".join(rest.split())) if _LETTER.search(rest) else ""


def _texts(value: Any, seen: set[int]) -> Iterator[str]:
    """Every text in ``value``: in its fields and properties, and in its members, keys and
    values, all the way down."""
    if isinstance(value, str):
        yield value
        return
    if value is None or isinstance(value, bool | int | float) or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(key, seen)
            yield from _texts(item, seen)
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _texts(item, seen)
    elif isinstance(value, enum.Enum) or attrs.has(type(value)):
        if isinstance(value, enum.Enum):
            yield from _texts(value.value, seen)
        else:
            for field in attrs.fields(type(value)):
                yield from _texts(getattr(value, field.name), seen)
        # Properties are the report's too: a row's status, a priority's heading.
        for name in _properties(type(value)):
            yield from _texts(getattr(value, name), seen)


def _properties(cls: type) -> list[str]:
    return [
        name
        for klass in cls.__mro__
        if klass.__module__.startswith("safeguarding_plan.")
        for name, member in vars(klass).items()
        if isinstance(member, property)
    ]

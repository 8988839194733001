"""The general reader of located YAML nodes: a mapping's keys, text, flags, choices, lists,
dates and unique ids, each problem found collected with its line and column.

It knows the shapes of YAML and the ways people mistype them, not what a plan holds: the plan
reader (``loading``) and the case review reader (``casereviews``) are built on it.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any, TypeVar

from safeguarding_plan import dates
from safeguarding_plan.errors import Problem, closest, shown
from safeguarding_plan.folding import fold
from safeguarding_plan.model.due import Due
from safeguarding_plan.planfile import pasted
from safeguarding_plan.planfile.composing import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    locate,
)
from safeguarding_plan.planfile.places import Places

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

# Wrong ways of writing a YAML-1.2 boolean, and what they meant.
_YES = frozenset({"yes", "y", "on", "true"})
_NO = frozenset({"no", "n", "off", "false"})
_NO_WORDS: Mapping[str, str] = {}
# Dates written in ways `as_of`, `start` and `end` do not take, that say one day clearly.
_DATE_TIME = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})(?:[T ].*)?")


def withholdable(name: str) -> bool:
    """Whether a name can be withheld: public documents replace each occurrence, and a word of
    one letter or of punctuation would take ordinary text with it (and can't identify anyone)."""
    return sum(c.isalnum() for c in fold(name)) >= 2


def kind_of(node: Node) -> str:
    """What a node is, in a message's words: ``a list``, ``the text 'x'``, ``nothing``."""
    if isinstance(node, MappingNode):
        return "'key: value' pairs"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.value and is_null(node):
        return f"{shown(node.value)}, which YAML reads as nothing"
    return f"the text {shown(node.value)}" if node.value else "nothing"


def _is_plain(node: Node) -> bool:
    """Whether a scalar was written without quotes. PyYAML's composer gives a plain scalar the
    style None, libyaml's gives it ''."""
    return isinstance(node, ScalarNode) and not node.style


def is_null(node: Node) -> bool:
    """Whether a node is YAML's nothing, written plain: empty, ``~`` or ``null``."""
    return isinstance(node, ScalarNode) and node.null and not node.style


def scalar(node: Node, key: str) -> ScalarNode | None:
    """The value under ``key`` of a mapping node if it is non-empty text; for checks that look
    ahead of validation (unique ids, naming a thing by its id)."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, ScalarNode)
                and key_node.value == key
                and isinstance(value_node, ScalarNode)
                and not is_null(value_node)
                and value_node.value != ""
            ):
                return value_node
    return None


def named(node: Node, kind: str, anonymous: str) -> str:
    """How a message names a priority, action, review or rating: by its id when it has one."""
    ident = scalar(node, "key" if kind == "rating" else "id")
    return f"{kind} {shown(ident.value)}" if ident is not None else anonymous


CURLY_QUOTES = "‘’‚‛“”„‟"
"""The quotes a word processor types for ' and ": YAML takes them for text, not quotes."""


def _curly(node: Node) -> bool:
    """Whether an id was written without quotes but in curly ones, ``“1.1”``."""
    return (
        _is_plain(node)
        and bool(node.value)
        and (node.value[0] in CURLY_QUOTES or node.value[-1] in CURLY_QUOTES)
    )


def unquoted(node: Node) -> str:
    """An id as it was meant: ``“1.1”`` (refused, in curly quotes) is "1.1", so that what
    names it with straight quotes is not also reported as naming nothing."""
    return str(node.value).strip(CURLY_QUOTES) if _curly(node) else str(node.value)


# Stands in for an absent optional list or mapping.
EMPTY = ScalarNode("", None, True)


class Read(MappingNode):
    """Stands in the tree for a node read as soon as it was composed (``composing.Rules``):
    what was read, and the problems found, for when the reader comes to it. Of the node's
    pairs it keeps only those the checks of the whole plan look at (an action's id)."""

    __slots__ = ("problems", "read")
    read: Any
    problems: list[Problem]


# Never added to: each node read with no problem, or no pair to keep, shares them.
_NONE: list[Problem] = []
_NO_PAIRS: list[tuple[Node, Node]] = []


class NodeReader:
    """Reads composed nodes into values, collecting a located problem for each one that is
    wrong rather than stopping at the first."""

    def __init__(self, file: str, source: str | bytes = "") -> None:
        self.file = file
        self.places = Places(source)
        """The file's text, to locate a problem inside a value."""
        self.problems: list[Problem] = []
        self.dues: dict[str, Due] = {}

    def read_now(
        self, node: Node, read: Callable[[Node], object], keep: list[tuple[Node, Node]]
    ) -> Read:
        """``node`` read by ``read``, as a ``Read`` that keeps the pairs ``keep``."""
        problems, self.problems = self.problems, []
        try:
            found = read(node)
        finally:
            problems, self.problems = self.problems, problems
        stand_in = Read()
        # Only what was read is looked at again: no place, and a list of pairs of its own only
        # if it keeps one (tens of thousands stand in a large plan's tree).
        stand_in.value, stand_in.flow_style = keep or _NO_PAIRS, False
        stand_in.line = stand_in.column = stand_in.end_line = stand_in.end_column = 0
        stand_in.read, stand_in.problems = found, problems or _NONE
        return stand_in

    def taken(self, node: Read) -> Any:
        """What was read of ``node``, its problems now the reader's."""
        if node.problems:
            self.problems += node.problems
        return node.read

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(locate(self.file, node, message))

    def pasted(self, node: Node) -> bool:
        """Report each space pasted from a document after a ':' or '-' that made ``node``
        one text where 'key: value' pairs or a list were written (``purpose:<U+00A0>Text``),
        at the space; whether there was one."""
        if not (_is_plain(node) and pasted.ANY.search(node.value) and self.places.source):
            return False
        found = False
        first, last = node.line, node.end_line
        for number in range(first, last + 1):
            line = self.places.line(number)
            start = node.column if number == first else 0
            space = pasted.after_indicator(line, start, lead=number != first)
            if space is not None:
                self.problems.append(Problem(self.file, number + 1, space[0] + 1, space[1]))
                found = True
        return found

    def fields(
        self, node: Node, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Node] | None:
        """The keys of a mapping, refusing unknown, duplicate and missing ones."""
        allowed = required + optional
        if not isinstance(node, MappingNode):
            if is_null(node):
                self.problem(node, f"{what} is empty; give {', '.join(required or allowed)}")
            elif not self.pasted(node):
                # `- name: ...` lines: a mapping written as a list of one-key mappings.
                dashed = (
                    isinstance(node, SequenceNode)
                    and not node.flow_style
                    and bool(node.value)
                    and all(isinstance(item, MappingNode) for item in node.value)
                )
                self.problem(
                    node,
                    f"{what} must be 'key: value' pairs ({', '.join(allowed)}), not {kind_of(node)}"
                    + ("; remove the '- ' before each key" if dashed else ""),
                )
            return None
        found = _well_written(node, required, allowed)
        if found is not None:
            return found
        found = {}
        first_line: dict[str, int] = {}
        suggested: set[str] = set()
        for key_node, value_node in node.value:
            key = self.key(key_node, what)
            if key is None:
                continue
            if key in first_line:
                self.problem(
                    key_node,
                    f"duplicate key {shown(key)} in {what} (first given on line {first_line[key]})",
                )
                continue
            first_line[key] = key_node.line + 1
            if key not in allowed and self.pasted(key_node):
                continue
            if key not in allowed:
                self.problem(key_node, self.unknown_key(key, what, allowed, node, value_node))
                close = closest(key, allowed)
                if close is not None:
                    suggested.add(close)
                continue
            found[key] = value_node
        for key in required:
            # A misspelt key already says what it should be; "missing" would say it twice.
            if key not in found and key not in suggested:
                self.problem(node, f"{what} is missing {key!r}")
        return found

    @staticmethod
    def unknown_key(
        key: str, what: str, allowed: tuple[str, ...], node: MappingNode, value: Node
    ) -> str:
        close = closest(key, allowed)
        if close is not None:
            return f"unknown key {shown(key)} in {what} (did you mean {close!r}?)"
        if node.flow_style and is_null(value) and value.value == "":
            # `{note: Done, see minutes}`: the comma ended the note and began a key.
            return (
                f"unknown key {shown(key)} in {what}; a ',' inside '{{ }}' starts a new key, "
                "so put text that has a ',' in quotes"
            )
        return f"unknown key {shown(key)} in {what}; use {', '.join(allowed)}"

    def key(self, node: Node, what: str) -> str | None:
        if not isinstance(node, ScalarNode) or is_null(node):
            self.problem(node, f"a key in {what} must be text, not {kind_of(node)}")
            return None
        return node.value  # kept once if short (``composing``)

    def text(self, node: Node, what: str) -> str | None:
        """Text exactly as written; ``1.10`` stays ``1.10``. Empty text is refused."""
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text, not {kind_of(node)}")
            return None
        value = node.value
        if value[:1].isalnum() and not node.null:  # nearly every text: nothing to look at
            return value
        if is_null(node) or value == "":
            # `~` and `null` are YAML's words for nothing, which a reader may not know.
            why = f" (YAML reads {shown(value)} as nothing)" if value else ""
            self.problem(node, f"{what} must not be empty{why}")
            return None
        if _blank(value):
            self.problem(
                node, f"{what} must not be empty (it holds only spaces or invisible characters)"
            )
            return None
        return node.value  # kept once if short (``composing``)

    def ident(self, node: Node, what: str) -> str | None:
        """An id, or a reference to one, as ``text`` reads it; refused when it is written in
        curly quotes (Word's “1.1” for "1.1"), which would be part of it."""
        found = self.text(node, what)
        return None if found is None or self.curly(node, what) else found

    def curly(self, node: Node, what: str) -> bool:
        """Report an id written in curly quotes, at the quote; whether it was."""
        if not _curly(node):
            return False
        value = str(node.value)
        closing = value[0] not in CURLY_QUOTES and node.end_line == node.line  # a quote at its end
        self.problems.append(
            Problem(
                self.file,
                node.line + 1,
                node.column + (len(value) if closing else 1),
                f"{what} {shown(value)} is in curly quotes, which YAML keeps as part of it; "
                f'use straight quotes ("{unquoted(node)}") or none',
            )
        )
        return True

    def pairs(
        self, node: Node, what: str, pair: str, kind: str, ident: str
    ) -> Iterator[tuple[str, Node, Node]]:
        """The ``id: value`` pairs of a mapping (a review's updates by action id, its values
        by measure id) as (id, its node, the value's node); a problem for anything else, an
        id in curly quotes (``ident`` names it) and an id given twice (``kind`` names what is
        given: "update for action")."""
        if not is_null(node) and not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be '{pair}' pairs, not {kind_of(node)}")
            return
        seen: dict[str, int] = {}
        for key_node, value_node in node.value if isinstance(node, MappingNode) else ():
            key = self.key(key_node, what)
            if key is None or self.curly(key_node, ident):
                continue
            if key in seen:
                self.problem(
                    key_node, f"duplicate {kind} {shown(key)} (first given on line {seen[key]})"
                )
                continue
            seen[key] = key_node.line + 1
            yield key, key_node, value_node

    def optional_text(self, found: dict[str, Node], key: str, what: str) -> str | None:
        node = found.get(key)
        if node is None or is_null(node):
            return None
        return self.text(node, what)

    def flag(self, node: Node, what: str) -> bool:
        # Only YAML 1.2's booleans: 'no', 'yes', 'on', 'off' are the words YAML 1.1 guesses at.
        if _is_plain(node) and node.value in ("true", "false"):
            return bool(node.value == "true")
        hint = ""
        if isinstance(node, ScalarNode):
            word = node.value.strip().casefold()
            hint = " (did you mean true?)" if word in _YES else ""
            hint = " (did you mean false?)" if word in _NO else hint
        self.problem(node, f"{what} must be true or false, not {kind_of(node)}{hint}")
        return False

    def choice(
        self,
        node: Node,
        kind: type[E],
        what: str,
        name: str,
        words: Mapping[str, str] = _NO_WORDS,
        *,
        read: Callable[[str], E | None] | None = None,
    ) -> E | None:
        """A value of the enum ``kind`` as written (as ``read`` reads it, if given: in any
        case, say), or None and a problem naming every value and the nearest: one of ``words``
        (other ways people write a value) or a close spelling."""
        value = self.text(node, what)
        if value is None:
            return None
        if read is not None:
            found = read(value)
            if found is not None:
                return found
        values = [member.value for member in kind]
        if read is None and value in values:
            return kind(value)
        meant = words.get(" ".join(value.casefold().split())) or closest(value, values)
        self.problem(
            node,
            f"unknown {name} {shown(value)}; use one of {', '.join(values)}"
            + (f" (did you mean {meant!r}?)" if meant else ""),
        )
        return None

    def items(self, node: Node, what: str) -> list[Node]:
        if is_null(node):
            return []
        if isinstance(node, MappingNode) and node.value and self.pasted(node.value[0][0]):
            return []  # `-<U+00A0>id: 1.1`: the '-' of the list's only item is in its key
        if isinstance(node, ScalarNode) and self.pasted(node):
            return []
        if isinstance(node, ScalarNode):
            # `themes: leadership`: one item, written without the brackets of a list.
            self.problem(
                node,
                f"{what} must be a list, not {kind_of(node)}"
                + (f" (did you mean '[{node.value}]'?)" if 0 < len(node.value) <= 40 else ""),
            )
            return []
        if not isinstance(node, SequenceNode):
            self.problem(
                node, f"{what} must be a list, each item starting with '- ', not {kind_of(node)}"
            )
            return []
        return list(node.value)

    def date(self, node: Node, what: str) -> date | None:
        text = self.text(node, what)
        if text is None:
            return None
        try:
            return dates.parse_day(text)
        except dates.DateError as err:
            message = str(err)
        meant = _DATE_TIME.fullmatch(text.strip())
        if meant is not None:
            candidate = f"{meant['year']}-{int(meant['month']):02d}-{int(meant['day']):02d}"
            try:
                dates.parse_iso_date(candidate)
            except dates.DateError:
                pass  # '2022-02-30T00:00': the date itself is wrong, and the message says so
            else:
                if candidate != text:
                    message = (
                        f"cannot read the date {shown(text)}; write it as YYYY-MM-DD "
                        f"(did you mean {candidate!r}?)"
                    )
        self.problem(node, message)
        return None

    def parsed(self, node: Node, parse: Callable[[str], T], text: str) -> T | None:
        try:
            return parse(text)
        except dates.DateError as err:
            self.problem(node, str(err))
            return None

    def due(self, node: Node | None, what: str) -> Due | None:
        if node is None or is_null(node):
            return None
        text = self.text(node, what)
        if text is None:
            return None
        if text not in self.dues:  # a due date is written the same in many actions
            found = self.parsed(
                node, lambda written: Due(written, dates.resolve_due(written)), text
            )
            if found is None:
                return None
            self.dues[text] = found
        return self.dues[text]

    def unique(self, ids: Iterable[ScalarNode], what: str, *, as_read: bool = False) -> None:
        """A problem for each id written twice; with ``as_read``, for each that reads as an
        earlier one too (``RR-on-time`` and ``rr-on-time``, a full-width letter, a hyphen of
        another kind): a person could not tell them apart in a document or a tracker."""
        first: dict[str, int] = {}
        read: dict[str, tuple[str, int]] = {}
        for node in ids:
            ident = str(node.value)
            line = node.line + 1
            if ident in first:
                self.problem(
                    node, f"duplicate {what} {shown(ident)} (first used on line {first[ident]})"
                )
                continue
            first[ident] = line
            if not as_read:
                continue
            earlier, at = read.setdefault(fold(ident), (ident, line))
            if earlier != ident:
                self.problem(
                    node,
                    f"{what} {shown(ident)} reads as {shown(earlier)} (line {at}); give each "
                    "an id a reader can tell from the others",
                )


def _well_written(
    node: MappingNode, required: tuple[str, ...], allowed: tuple[str, ...]
) -> dict[str, Node] | None:
    """The keys of a mapping whose every key is text it may have, given once, and which has
    every key it needs; None for any other, whose problems ``fields`` finds. Nearly every
    mapping of a plan is written so, and is read here at a glance."""
    found: dict[str, Node] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not ScalarNode or key_node.null:
            return None
        key = key_node.value
        if key not in allowed or key in found:
            return None
        found[key] = value_node
    for key in required:
        if key not in found:
            return None
    return found


_UNSEEN = frozenset(("Cf", "Zs", "Zl", "Zp", "Cc"))
"""What a reader sees nothing of: spaces, line breaks and format characters (a zero-width
space, a byte order mark)."""


def _blank(text: str) -> bool:
    """Whether ``text`` shows nothing: what Word pastes as an empty cell (no-break spaces), or
    a zero-width space, would otherwise be an action with no words."""
    stripped = text.strip()
    return not stripped or all(unicodedata.category(c) in _UNSEEN for c in stripped)

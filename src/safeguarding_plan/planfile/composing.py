"""Small located nodes made from the YAML reader's events, in one pass.

PyYAML's composer gives every node two marks (name, index, line, column, buffer, pointer) and
asks its resolver, in Python, what each text would be in YAML 1.1; a plan needs only each
node's text, style and place, and whether it is YAML's nothing. Composing from the events
keeps only that, and finds what the plan format refuses (anchors, aliases, explicit tags,
merge keys) in the same pass, each with its place, rather than walking the nodes or reading
the file again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from sys import intern
from typing import Any, Protocol

import yaml
from yaml.composer import ComposerError

from safeguarding_plan.errors import Problem


class Mark(Protocol):
    """A place in the text, 0-based, as PyYAML's and libyaml's marks both give it."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class Node:
    """A value of the file and where it was written: 0-based lines and columns of its first
    character and of the character after it."""

    __slots__ = ("column", "end_column", "end_line", "line", "value")
    value: Any
    line: int
    column: int
    end_line: int
    end_column: int


class ScalarNode(Node):
    """Text as written. ``style`` is its quote (``'`` or ``"``) or block indicator (``|`` or
    ``>``), empty or None for plain text; ``null`` says YAML reads it as nothing."""

    __slots__ = ("null", "style")
    value: str
    style: str | None
    null: bool

    def __init__(
        self,
        value: str,
        style: str | None,
        null: bool,
        start: Mark | None = None,
        end: Mark | None = None,
    ) -> None:
        self.value, self.style, self.null = value, style, null
        if start is None or end is None:
            self.line = self.column = self.end_line = self.end_column = 0
            return
        self.line, self.column, self.end_column = start.line, start.column, end.column
        # One number for a line ended on: each large one is an object of its own.
        self.end_line = self.line if end.line == self.line else end.line


class MappingNode(Node):
    """``key: value`` pairs as written, in order, repeated keys and all."""

    __slots__ = ("flow_style",)
    value: list[tuple[Node, Node]]
    flow_style: bool


class SequenceNode(Node):
    """A list's items, in order."""

    __slots__ = ("flow_style",)
    value: list[Node]
    flow_style: bool


def at(file: str, mark: Mark | None, message: str, column: int | None = None) -> Problem:
    """A problem at ``mark`` (or at ``column`` of its line)."""
    if mark is None:  # pragma: no cover - the readers mark every event and error
        return Problem(file, 1, 1, message)
    return Problem(file, mark.line + 1, (mark.column if column is None else column) + 1, message)


def locate(file: str, node: Node, message: str) -> Problem:
    """A problem at the start of ``node``."""
    return Problem(file, node.line + 1, node.column + 1, message)


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
# Tags YAML gives untagged nodes, which may also be written out (``!!str 1.10``); any other
# was written as an explicit tag.
_IMPLICIT_TAGS = frozenset(
    f"{_YAML_TAG_PREFIX}{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value")
)
_MERGE_TAG = f"{_YAML_TAG_PREFIX}merge"
_NULL_TAG = f"{_YAML_TAG_PREFIX}null"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
"""Plain texts YAML reads as nothing."""
_SHORT = 100
"""Texts up to this long are kept once however often written: ids, rating keys and leads
repeat thousands of times in a large plan, and with one copy each, looking an action up by
the id of an update compares two pointers, not two strings, and the plan takes less memory.
Notes are long and rarely repeat."""
_MAX_DEPTH = 1000
"""libyaml's most levels of nesting; the pure-Python reader is held to the same (and is read
without recursion, which would stop it sooner)."""
TOO_DEEP = "lists and sections are nested too deeply here; a plan file needs only a few levels"


class _Each:
    """A rule's key for each item of a list, or each value of a mapping."""


ITEM = _Each()
EVERY = _Each()
ITSELF = _Each()
Read = Callable[[Node | None, Node, Node | None], Node]
"""Reads a node (given its key and the mapping or list it is in, as composed so far) as soon
as it is composed, and gives the small node that stands for it in the tree: the large parts
of a plan, thousands of actions and updates, are never in memory at once."""
Rules = dict[object, "Rules | Read"]
"""Where the nodes to ``Read`` are: under a key (only where a mapping first gives it), under
``ITEM`` of a list or ``EVERY`` value of a mapping, nested; ``ITSELF``, the node whose
children the rules are for, once they are read."""


class Composer:
    """Composes one document from a parser's events (``get_event``), noting what the plan
    format refuses as it goes; ``problems`` lists those, once the document is composed.

    A problem that stops the reader (a syntax error, a second document, an alias of no
    anchor) is raised as PyYAML's composer raises it, for ``nodes`` to put in words.
    """

    def __init__(
        self,
        get_event: Callable[[], Any],
        quoted: Callable[[str], object],
        rules: Rules | None = None,
    ) -> None:
        self.get_event = get_event
        self.rules = rules
        """Which nodes are read as soon as they are composed (``Rules``)."""
        self.quoted = quoted
        """Which double-quoted texts to keep in ``kept`` (what their escapes wrote)."""
        self.kept: list[ScalarNode] = []
        self.tags: list[tuple[str, bool, Mark]] = []
        """Each explicit tag or merge key: the tag, whether on a text, and where."""
        self.anchors: dict[str, tuple[bool, Mark]] = {}
        """Each anchor: whether on a text, and where."""
        self.aliases: list[tuple[str, Mark]] = []
        self.document_start: Any = None
        self.ended = False

    def document(self) -> Node | None:  # noqa: PLR0915 - one loop: calls cost
        """The document's root node, or None for a stream of comments."""
        get = self.get_event
        scalar, mapping_start, sequence_start = (
            yaml.ScalarEvent,
            yaml.MappingStartEvent,
            yaml.SequenceStartEvent,
        )
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        new_text, short, nulls = ScalarNode.__new__, _SHORT, _NULLS
        # The innermost open node, kept in names of their own (each event looks at them):
        # the node, its items or pairs, whether it is a list, its key whose value is being
        # read (None: the next node is a key), its own rule, its children's rules, the rule
        # of its next value and the keys it has given (a mapping's with rules).
        parent: Node | None = None
        items: list[Any] = []
        in_list = False
        key: Node | None = None
        own: Rules | Read | None = None
        rules: Rules | None = None
        value_rule: Rules | Read | None = None
        given: set[object] = set()
        outer: list[tuple[Any, ...]] = []  # the open nodes around it, as above
        root: Node | None = None
        rule: Rules | Read | None
        node: Node
        while True:
            event = get()
            kind = event.__class__
            if kind is scalar:
                value, tag = event.value, event.tag
                if len(value) <= short:
                    value = intern(value)
                if tag is not None or event.anchor is not None or value == "<<":
                    self._properties(event, True)
                # Made here, not by a call: a large plan has hundreds of thousands.
                node = text = new_text(ScalarNode)
                text.value = value
                text.style = style = event.style
                text.null = (
                    value in nulls and event.implicit[0]
                    if tag is None or tag == "!"
                    else tag == _NULL_TAG
                )
                start, end = event.start_mark, event.end_mark
                text.line = line = start.line
                text.column, text.end_column = start.column, end.column
                # One number for a line ended on: each large one is an object of its own.
                text.end_line = line if end.line == line else end.line
                if style == '"' and self.quoted(value):
                    self.kept.append(text)
                rule = None
                if rules is not None:
                    rule = rules.get(ITEM) if in_list else value_rule if key is not None else None
            elif kind is mapping_start or kind is sequence_start:
                if parent is None:
                    rule = self.rules
                elif rules is None:
                    rule = None
                else:
                    rule = rules.get(ITEM) if in_list else value_rule if key is not None else None
                outer.append((parent, items, in_list, key, own, rules, value_rule, given))
                parent = self._open(event, len(outer) - 1)
                items, in_list, key = parent.value, kind is sequence_start, None
                own, value_rule = rule, None
                rules = rule if isinstance(rule, dict) else None
                given = set() if rules is not None else given
                continue
            elif kind is mapping_end or kind is sequence_end:
                assert parent is not None
                node, rule = parent, own
                end = event.end_mark
                node.end_line, node.end_column = end.line, end.column
                parent, items, in_list, key, own, rules, value_rule, given = outer.pop()
            else:
                found = self._other(event)
                if found is None:
                    if self.ended:
                        return root
                    continue
                node, rule = found, None
            if rule is not None:
                read = rule.get(ITSELF) if isinstance(rule, dict) else rule
                if read is not None and not isinstance(read, dict):
                    node = read(key, node, parent)
            if parent is None:
                root = node
            elif in_list:
                items.append(node)
            elif key is None:
                key = node
                if rules is not None:
                    value_rule = _value_rule(rules, node, given)
            else:
                items.append((key, node))
                key = None

    def _open(self, event: Any, depth: int) -> Node:
        """The node of a mapping or list that starts, its items to come."""
        if event.anchor is not None or event.tag is not None:
            self._properties(event, False)
        start = event.start_mark
        if depth >= _MAX_DEPTH:  # where libyaml would stop, in its words
            raise ComposerError(None, None, "maximum nesting depth exceeded", start)
        node = MappingNode() if isinstance(event, yaml.MappingStartEvent) else SequenceNode()
        node.value = []
        node.flow_style = bool(event.flow_style)
        node.line, node.column = start.line, start.column
        return node

    def _other(self, event: Any) -> Node | None:
        """The node of an alias; None for the other events, which are no node."""
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event)
        if isinstance(event, yaml.DocumentStartEvent):
            second: Any = event.start_mark
            if self.document_start is not None:
                raise ComposerError(
                    "expected a single document in the stream",
                    self.document_start,
                    "but found another document",
                    second,
                )
            self.document_start = second
        self.ended = isinstance(event, yaml.StreamEndEvent)
        return None

    def _properties(self, event: Any, text: bool) -> None:
        """Note an event's anchor, and its tag or merge key, if it has one."""
        anchor, tag = event.anchor, event.tag
        if anchor is not None:
            if anchor in self.anchors:
                first: Any = self.anchors[anchor][1]
                raise ComposerError(
                    f"found duplicate anchor {anchor!r}; first occurrence",
                    first,
                    "second occurrence",
                    event.start_mark,
                )
            self.anchors[anchor] = (text, event.start_mark)
        if tag is None or tag == "!":
            if text and event.implicit[0] and event.value == "<<":
                self.tags.append((_MERGE_TAG, text, event.start_mark))
        elif tag not in _IMPLICIT_TAGS or tag == _MERGE_TAG:
            self.tags.append((tag, text, event.start_mark))

    def _alias(self, event: Any) -> Node:
        if event.anchor not in self.anchors:
            raise ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark
            )
        self.aliases.append((event.anchor, event.start_mark))
        # The value it repeats is never read: an alias is refused.
        return ScalarNode("", None, True, event.start_mark, event.end_mark)

    def refusals(self, text: str, file: str) -> list[Problem]:
        """A located problem for each explicit tag, merge key, anchor and alias."""
        problems = [
            at(file, mark, _MERGE if tag == _MERGE_TAG else _tag_message(tag, text_tag))
            for tag, text_tag, mark in self.tags
        ]
        if not self.anchors:
            return problems
        lines = text.splitlines()
        uses = Counter(anchor for anchor, _ in self.aliases)
        for anchor, (on_text, mark) in self.anchors.items():
            line = lines[mark.line] if mark.line < len(lines) else ""
            written = f"&{anchor}"
            column = line.find(written, mark.column)
            if on_text and anchor not in uses:
                advice = f"if {written!r} is part of the text, put the whole text in quotes"
            else:
                advice = f"remove {written!r}"
            problems.append(
                at(
                    file,
                    mark,
                    f"anchors ({written!r}) are not allowed; {advice}",
                    column if column >= 0 else None,
                )
            )
        reported: set[str] = set()
        for anchor, mark in self.aliases:
            if anchor in reported:
                continue
            reported.add(anchor)
            others = uses[anchor] - 1
            where = (
                f" (here and in {others} other place{'s' if others > 1 else ''})" if others else ""
            )
            problems.append(
                at(file, mark, f"aliases ('*{anchor}') are not allowed; write the value out{where}")
            )
        return problems


def _value_rule(rules: Rules, key: Node, given: set[object]) -> Rules | Read | None:
    """The rule of the value of ``key``: its own, the first time a mapping gives it."""
    if EVERY in rules:
        return rules[EVERY]
    name = key.value if key.__class__ is ScalarNode else None
    if name in given:
        return None
    given.add(name)
    return rules.get(name)


_MERGE = "merge keys ('<<') are not allowed; write the keys out"


def _tag_message(tag: str, text: bool) -> str:
    shown = tag.replace(_YAML_TAG_PREFIX, "!!", 1)
    if text and not shown.startswith("!!"):
        return (
            f"tags ({shown!r}) are not allowed; if {shown!r} is part of the text, "
            "put the whole text in quotes"
        )
    return f"tags ({shown!r}) are not allowed; remove {shown!r}"

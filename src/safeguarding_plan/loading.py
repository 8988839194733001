"""Loading a plan file (format ``safeguarding-plan/1``) into the model.

This is the one place plan files are validated. Every problem of a file is collected and
reported together, each located at the line and column an editor would jump to, so a business
manager fixes a file in one pass rather than one error per run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import IO, TypeVar

from . import dates
from .errors import PlanError, Problem, did_you_mean
from .model import (
    Action,
    ActionUpdate,
    Due,
    Partnership,
    Period,
    Person,
    Plan,
    Priority,
    Progress,
    Rag,
    Rating,
    RatingScale,
    Review,
)
from .ratings import BUILT_IN
from .yamlnodes import MappingNode, Node, ScalarNode, SequenceNode, compose, locate

FORMAT = "safeguarding-plan/1"
"""The format this version reads and writes."""

Source = str | os.PathLike[str] | IO[str] | IO[bytes]
"""A path, or an open text or binary stream."""

T = TypeVar("T")

_NULL_TAG = "tag:yaml.org,2002:null"
# Characters YAML 1.1 refuses in a stream; found here so the location is exact with any reader.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def load(source: Source) -> Plan:
    """Read a plan file; raise :class:`PlanError` listing every problem in it, located."""
    file, data = _read(source)
    return loads(data, file)


def loads(data: str | bytes, file: str = "<string>") -> Plan:
    """Read a plan from text or UTF-8 bytes; ``file`` names it in problems."""
    text = _decode(data, file) if isinstance(data, bytes) else data
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line, column = _position(text, bad.start())
        char = ord(bad.group())
        raise PlanError(
            [Problem(file, line, column, f"character U+{char:04X} is not allowed in a plan file")]
        )
    root = compose(text, file)
    reader = _Reader(file)
    plan = reader.plan(root)
    if reader.problems or plan is None:
        raise PlanError(reader.problems)
    return plan


def _read(source: Source) -> tuple[str, str | bytes]:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            return os.fspath(source), stream.read()
    name = getattr(source, "name", None)
    return (name if isinstance(name, str) else "<stream>"), source.read()


def _decode(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _position(data[: err.start].decode("utf-8-sig", "replace"), err.start)
        raise PlanError(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"not UTF-8 text: byte 0x{data[err.start]:02X} cannot be read; save as UTF-8",
                )
            ]
        ) from None


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    index = min(index, len(text))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the text {node.value!r}" if node.value else "nothing"


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG and node.style is None


class _Reader:
    """Walks the composed nodes, building the model and collecting problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(locate(self.file, node, message))

    # -- generic shapes ------------------------------------------------------------------

    def fields(
        self, node: Node, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Node] | None:
        """The keys of a mapping, refusing unknown, duplicate and missing ones."""
        if not isinstance(node, MappingNode):
            self.problem(
                node,
                f"{what} must be a mapping of {', '.join(required + optional)}, not {_kind(node)}",
            )
            return None
        allowed = required + optional
        found: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, what)
            if key is None:
                continue
            if key in first_line:
                self.problem(
                    key_node,
                    f"duplicate key {key!r} in {what} (first given on line {first_line[key]})",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            if key not in allowed:
                self.problem(key_node, f"unknown key {key!r} in {what}{did_you_mean(key, allowed)}")
                continue
            found[key] = value_node
        for key in required:
            if key not in found:
                self.problem(node, f"{what} is missing {key!r}")
        return found

    def key(self, node: Node, what: str) -> str | None:
        if not isinstance(node, ScalarNode) or _is_null(node):
            self.problem(node, f"a key in {what} must be text, not {_kind(node)}")
            return None
        return str(node.value)

    def text(self, node: Node, what: str) -> str | None:
        """Text exactly as written; ``1.10`` stays ``1.10``. Empty text is refused."""
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text, not {_kind(node)}")
            return None
        if _is_null(node) or node.value == "":
            self.problem(node, f"{what} must not be empty")
            return None
        return str(node.value)

    def optional_text(self, found: dict[str, Node], key: str, what: str) -> str | None:
        node = found.get(key)
        if node is None or _is_null(node):
            return None
        return self.text(node, what)

    def flag(self, node: Node, what: str) -> bool:
        # Only YAML 1.2's booleans: 'no', 'yes', 'on', 'off' are the words YAML 1.1 guesses at.
        if isinstance(node, ScalarNode) and node.style is None and node.value in ("true", "false"):
            return bool(node.value == "true")
        self.problem(node, f"{what} must be true or false, not {_kind(node)}")
        return False

    def items(self, node: Node, what: str) -> list[Node]:
        if _is_null(node):
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, f"{what} must be a list, not {_kind(node)}")
            return []
        return list(node.value)

    def date(self, node: Node, what: str) -> date | None:
        text = self.text(node, what)
        return self.parsed(node, dates.parse_iso_date, text) if text is not None else None

    def parsed(self, node: Node, parse: Callable[[str], T], text: str) -> T | None:
        try:
            return parse(text)
        except dates.DateError as err:
            self.problem(node, str(err))
            return None

    def due(self, node: Node | None, what: str) -> Due | None:
        if node is None or _is_null(node):
            return None
        text = self.text(node, what)
        if text is None:
            return None
        last_day = self.parsed(node, dates.resolve_due, text)
        return Due(text=text, last_day=last_day) if last_day is not None else None

    def unique(self, nodes_and_ids: Iterable[tuple[Node, str]], what: str) -> None:
        first: dict[str, int] = {}
        for node, ident in nodes_and_ids:
            if ident in first:
                self.problem(
                    node, f"duplicate {what} id {ident!r} (first used on line {first[ident]})"
                )
            else:
                first[ident] = node.start_mark.line + 1

    # -- the plan ------------------------------------------------------------------------

    def plan(self, root: Node | None) -> Plan | None:
        if root is None:
            self.problems.append(
                Problem(
                    self.file,
                    1,
                    1,
                    "the file is empty; a plan starts with 'format: safeguarding-plan/1'",
                )
            )
            return None
        found = self.fields(
            root,
            "the plan file",
            ("format", "partnership", "plan", "ratings", "priorities"),
            ("reviews",),
        )
        if found is None:
            return None
        if "format" in found:
            fmt = self.text(found["format"], "'format'")
            if fmt is not None and fmt != FORMAT:
                self.problem(
                    found["format"], f"unsupported format {fmt!r}; this version reads {FORMAT!r}"
                )
        partnership = self.partnership(found["partnership"]) if "partnership" in found else None
        title_period = self.plan_info(found["plan"]) if "plan" in found else None
        scale = self.scale(found["ratings"]) if "ratings" in found else None
        priorities = self.priorities(found["priorities"]) if "priorities" in found else ()
        action_ids = [a.id for p in priorities for a in p.actions]
        reviews = self.reviews(found["reviews"], action_ids, scale) if "reviews" in found else ()
        if partnership is None or title_period is None or scale is None:
            return None
        title, period = title_period
        return Plan(
            partnership=partnership,
            title=title,
            period=period,
            ratings=scale,
            priorities=priorities,
            reviews=reviews,
        )

    def partnership(self, node: Node) -> Partnership | None:
        found = self.fields(node, "'partnership'", ("name",), ("short_name", "people"))
        if found is None:
            return None
        name = self.text(found["name"], "the partnership's name") if "name" in found else None
        short_name = self.optional_text(found, "short_name", "'short_name'")
        people = []
        for item in self.items(found["people"], "'people'") if "people" in found else []:
            person = self.fields(item, "a person", ("role", "name"))
            if person is not None and len(person) == 2:
                role, person_name = (
                    self.text(person["role"], "'role'"),
                    self.text(person["name"], "'name'"),
                )
                if role is not None and person_name is not None:
                    people.append(Person(role=role, name=person_name))
        return Partnership(name=name, short_name=short_name, people=tuple(people)) if name else None

    def plan_info(self, node: Node) -> tuple[str, Period | None] | None:
        found = self.fields(node, "'plan'", ("title",), ("period", "start", "end"))
        if found is None:
            return None
        title = self.text(found["title"], "the plan's title") if "title" in found else None
        period = None
        if "period" in found:
            if "start" in found or "end" in found:
                self.problem(found["period"], "give either 'period' or 'start' and 'end', not both")
            text = self.text(found["period"], "'period'")
            span = self.parsed(found["period"], dates.resolve_period, text) if text else None
            period = Period(start=span[0], end=span[1], text=text) if span else None
        elif "start" in found or "end" in found:
            start = self.date(found["start"], "'start'") if "start" in found else None
            end = self.date(found["end"], "'end'") if "end" in found else None
            if ("start" in found) != ("end" in found):
                self.problem(node, "give both 'start' and 'end' dates of the plan")
            elif start and end and end < start:
                self.problem(found["end"], f"the plan ends ({end}) before it starts ({start})")
            elif start and end:
                period = Period(start=start, end=end)
        return (title, period) if title is not None else None

    def scale(self, node: Node) -> RatingScale | None:
        if isinstance(node, ScalarNode) and not _is_null(node):
            if node.value in BUILT_IN:
                return BUILT_IN[node.value]
            self.problem(
                node,
                f"unknown rating scale {node.value!r}; use one of {', '.join(BUILT_IN)} "
                f"or list the ratings{did_you_mean(node.value, BUILT_IN)}",
            )
            return None
        ratings: list[Rating] = []
        items = self.items(node, "'ratings'")
        if isinstance(node, SequenceNode) and not items:
            self.problem(node, "'ratings' lists no ratings")
        rags = [rag.value for rag in Rag]
        for item in items:
            found = self.fields(item, "a rating", ("key", "label", "rag"), ("symbol", "meaning"))
            if found is None or len(found.keys() & {"key", "label", "rag"}) < 3:
                continue
            key, label = self.text(found["key"], "'key'"), self.text(found["label"], "'label'")
            rag_text = self.text(found["rag"], "'rag'")
            if rag_text is not None and rag_text not in rags:
                self.problem(
                    found["rag"],
                    f"unknown RAG colour {rag_text!r}; use one of {', '.join(rags)}"
                    f"{did_you_mean(rag_text, rags)}",
                )
                rag_text = None
            symbol = self.optional_text(found, "symbol", "'symbol'")
            meaning = self.optional_text(found, "meaning", "'meaning'")
            if key is not None and label is not None and rag_text is not None:
                ratings.append(
                    Rating(
                        key=key,
                        label=label,
                        rag=Rag(rag_text),
                        order=len(ratings),
                        symbol=symbol,
                        meaning=meaning,
                    )
                )
        keyed = [(item, self._scalar(item, "key")) for item in items]
        self.unique(((n, k) for n, k in keyed if k is not None), "rating")
        if len(ratings) != len(items) or len({r.key for r in ratings}) != len(ratings):
            return None
        return RatingScale(ratings=tuple(ratings))

    @staticmethod
    def _scalar(node: Node, key: str) -> str | None:
        """The text under ``key`` of a mapping node, if it is plain text; for duplicate checks."""
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if (
                    key_node.value == key
                    and isinstance(value_node, ScalarNode)
                    and not _is_null(value_node)
                ):
                    return str(value_node.value)
        return None

    def priorities(self, node: Node) -> tuple[Priority, ...]:
        items = self.items(node, "'priorities'")
        self.unique(((n, i) for n in items if (i := self._scalar(n, "id")) is not None), "priority")
        action_nodes = [
            a
            for n in items
            if isinstance(n, MappingNode)
            for k, v in n.value
            if k.value == "actions" and isinstance(v, SequenceNode)
            for a in v.value
        ]
        self.unique(
            ((n, i) for n in action_nodes if (i := self._scalar(n, "id")) is not None), "action"
        )
        return tuple(p for p in (self.priority(item) for item in items) if p is not None)

    def priority(self, node: Node) -> Priority | None:
        found = self.fields(node, "a priority", ("id", "title"), ("actions",))
        if found is None:
            return None
        ident = self.text(found["id"], "a priority's id") if "id" in found else None
        title = self.text(found["title"], "a priority's title") if "title" in found else None
        actions = tuple(
            a
            for a in (
                self.action(item) for item in self.items(found.get("actions", _EMPTY), "'actions'")
            )
            if a is not None
        )
        if ident is None or title is None:
            return None
        return Priority(id=ident, title=title, actions=actions)

    def action(self, node: Node) -> Action | None:
        found = self.fields(
            node, "an action", ("id", "text"), ("lead", "due", "themes", "restricted")
        )
        if found is None:
            return None
        ident = self.text(found["id"], "an action's id") if "id" in found else None
        text = self.text(found["text"], "an action's text") if "text" in found else None
        lead = self.optional_text(found, "lead", "'lead'")
        due = self.due(found.get("due"), "'due'")
        themes = [
            self.text(t, "a theme") for t in self.items(found.get("themes", _EMPTY), "'themes'")
        ]
        restricted = (
            self.flag(found["restricted"], "'restricted'") if "restricted" in found else False
        )
        if ident is None or text is None:
            return None
        return Action(
            id=ident,
            text=text,
            lead=lead,
            due=due,
            themes=tuple(t for t in themes if t is not None),
            restricted=restricted,
        )

    def reviews(
        self, node: Node, action_ids: list[str], scale: RatingScale | None
    ) -> tuple[Review, ...]:
        items = self.items(node, "'reviews'")
        self.unique(((n, i) for n in items if (i := self._scalar(n, "id")) is not None), "review")
        reviews: list[tuple[Node, Review]] = []
        known = set(action_ids)
        for item in items:
            review = self.review(item, action_ids, known, scale)
            if review is None:
                continue
            if reviews and review.as_of < reviews[-1][1].as_of:
                before = reviews[-1][1]
                self.problem(
                    item,
                    f"review {review.id!r} (as of {review.as_of}) is listed after review "
                    f"{before.id!r} (as of {before.as_of}); list reviews oldest first",
                )
            reviews.append((item, review))
        return tuple(review for _, review in reviews)

    def review(
        self, node: Node, action_ids: list[str], known: set[str], scale: RatingScale | None
    ) -> Review | None:
        found = self.fields(node, "a review", ("id", "title", "as_of"), ("updates",))
        if found is None:
            return None
        ident = self.text(found["id"], "a review's id") if "id" in found else None
        title = self.text(found["title"], "a review's title") if "title" in found else None
        as_of = self.date(found["as_of"], "'as_of'") if "as_of" in found else None
        updates: dict[str, ActionUpdate] = {}
        updates_node = found.get("updates", _EMPTY)
        if not _is_null(updates_node) and not isinstance(updates_node, MappingNode):
            self.problem(
                updates_node,
                f"'updates' must be a mapping of action id to update, not {_kind(updates_node)}",
            )
        elif isinstance(updates_node, MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in updates_node.value:
                action_id = self.key(key_node, "'updates'")
                if action_id is None:
                    continue
                if action_id in seen:
                    self.problem(
                        key_node,
                        f"duplicate update for action {action_id!r}"
                        f" (first given on line {seen[action_id]})",
                    )
                    continue
                seen[action_id] = key_node.start_mark.line + 1
                if action_id not in known:
                    self.problem(
                        key_node,
                        f"update for unknown action {action_id!r}"
                        f"{did_you_mean(action_id, action_ids)}",
                    )
                    continue
                update = self.update(value_node, scale)
                if update is not None:
                    updates[action_id] = update
        if ident is None or title is None or as_of is None:
            return None
        return Review(id=ident, title=title, as_of=as_of, updates=updates)

    def update(self, node: Node, scale: RatingScale | None) -> ActionUpdate | None:
        found = self.fields(node, "an update", (), ("progress", "rating", "note", "due"))
        if found is None:
            return None
        progress = None
        if "progress" in found:
            value = self.text(found["progress"], "'progress'")
            values = [p.value for p in Progress]
            if value is not None and value not in values:
                self.problem(
                    found["progress"],
                    f"unknown progress {value!r}; use one of {', '.join(values)}"
                    f"{did_you_mean(value, values)}",
                )
            elif value is not None:
                progress = Progress(value)
        rating = self.optional_text(found, "rating", "'rating'")
        if rating is not None and scale is not None and rating not in scale:
            self.problem(
                found["rating"],
                f"unknown rating {rating!r}; the plan's scale has "
                f"{', '.join(scale.keys)}{did_you_mean(rating, scale.keys)}",
            )
        note = self.optional_text(found, "note", "'note'")
        due = self.due(found.get("due"), "'due'")
        return ActionUpdate(progress=progress, rating=rating, note=note, due=due)


# Stands in for an absent optional list or mapping.
_EMPTY = ScalarNode(_NULL_TAG, "", style=None)

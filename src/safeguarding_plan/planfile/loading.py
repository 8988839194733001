"""Loading a plan file (format ``safeguarding-plan/1``) into the model.

This is the one place plan files are validated. Every problem of a file is collected and
reported together, each located at the line and column an editor would jump to, so a business
manager fixes a file in one pass rather than one error per run.
"""

from __future__ import annotations

import enum
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import IO, TypeVar

from safeguarding_plan import dates
from safeguarding_plan.errors import PlanError, Problem, closest, did_you_mean, shown
from safeguarding_plan.folding import fold
from safeguarding_plan.model.due import Due
from safeguarding_plan.model.plan import (
    Action,
    ActionUpdate,
    Partnership,
    Period,
    Person,
    Plan,
    Priority,
    Review,
)
from safeguarding_plan.model.ratings import RATING_SCALES, Progress, Rag, Rating, RatingScale
from safeguarding_plan.planfile.nodes import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    compose,
    locate,
)

FORMAT = "safeguarding-plan/1"
"""The format this version reads and writes."""

Source = str | os.PathLike[str] | IO[str] | IO[bytes]
"""A path, or an open text or binary stream."""

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

_NULL_TAG = "tag:yaml.org,2002:null"
# Characters YAML 1.1 refuses in a stream; found here so the location is exact with any reader.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# What a value must not hold however it is written: the control characters but tab and line
# feed (C0, DEL, C1), lone surrogates and U+FFFE, U+FFFF. The file's text is checked for them
# before it is read; inside double quotes they can also be written as escapes ("\e", "\x1b",
# "\u001b"), which only reading turns into the characters.
_NOT_IN_TEXT = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A YAML escape inside double quotes; '\\' is matched as one, so '\\x1b' is no escape of ESC.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SINGLE_ESCAPES = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
# Characters YAML takes for line breaks that editors do not, which would put every location
# after them on the wrong line; they come in with text pasted from web pages and documents.
_ODD_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
# UTF-32's byte order marks first: the little-endian one starts with UTF-16's.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_UTF8_BOM = b"\xef\xbb\xbf"
# How files that are not text start, and what they are: given by mistake for the plan.
_NOT_TEXT = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (such as an Excel or Word file)"),
    (b"\xd0\xcf\x11\xe0", "an old-format Office file (such as .doc or .xls)"),
)
_BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
# Wrong ways of writing a YAML-1.2 boolean, and what they meant.
_YES = frozenset({"yes", "y", "on", "true"})
_NO = frozenset({"no", "n", "off", "false"})
# Colours people call the RAG ones by.
_NO_WORDS: Mapping[str, str] = {}
_RAG_WORDS = {"orange": "amber", "yellow": "amber", "gray": "grey", "purple": "blue"}
# Words people write for a progress value.
_PROGRESS_WORDS = {
    "done": "complete",
    "completed": "complete",
    "finished": "complete",
    "achieved": "complete",
    "ongoing": "in-progress",
    "on-going": "in-progress",
    "started": "in-progress",
    "underway": "in-progress",
    "under way": "in-progress",
    "on track": "in-progress",
    "on hold": "deferred",
    "postponed": "deferred",
    "delayed": "deferred",
    "canceled": "cancelled",
    "not yet started": "not-started",
}
# Dates written in ways `as_of`, `start` and `end` do not take, that say one day clearly.
_DATE_TIME = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})(?:[T ].*)?")
_UK_DATE = re.compile(r"(?P<day>[0-9]{1,2})[/.](?P<month>[0-9]{1,2})[/.](?P<year>[0-9]{4})")


MAX_BYTES = 32 * 1024 * 1024
"""The largest plan file read: a 10,000-action plan is a few megabytes, so anything near this
is the wrong file (or an attack), and is refused before it is parsed."""


def load(source: Source) -> Plan:
    """Read a plan file; raise ``PlanError`` listing every problem in it, located."""
    file, data = _read(source)
    return loads(data, file)


def loads(data: str | bytes, file: str = "<string>") -> Plan:
    """Read a plan from text or UTF-8 bytes; ``file`` names it in problems."""
    if len(data) > MAX_BYTES:
        raise PlanError(
            [
                Problem(
                    file,
                    1,
                    1,
                    f"the file is over {MAX_BYTES // (1024 * 1024)} MB, far more than any plan; "
                    "is it the right file?",
                )
            ]
        )
    text = _decode(data, file) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    bad = _bad_characters(text, file)
    if bad:
        raise PlanError(bad)
    return _plan(text, file)


def _plan(text: str, file: str) -> Plan:
    root = compose(text, file)
    if root is not None and "\\" in text:  # only an escape can put one in a value
        escaped = _escaped_characters(root, text, file)
        if escaped:
            raise PlanError(escaped)
    if root is None:
        what = "the file is empty" if not text.strip() else "the file holds only comments"
        raise PlanError([Problem(file, 1, 1, f"{what}; a plan starts with 'format: {FORMAT}'")])
    reader = Reader(file)
    plan = reader.plan(root)
    if reader.problems or plan is None:
        raise PlanError(reader.problems)
    return plan


def _shared(text: str) -> str:
    """One copy of each short text: ids, rating keys and leads repeat thousands of times in a
    large plan, and with one copy each, looking an action up by the id of an update compares
    two pointers, not two strings, and the plan takes less memory."""
    return sys.intern(text) if len(text) <= _SHARED_LENGTH else text


_SHARED_LENGTH = 100  # ids, keys and leads are short; notes are long and rarely repeat


def withholdable(name: str) -> bool:
    """Whether a name can be withheld: public documents replace each occurrence, and a word of
    one letter or of punctuation would take ordinary text with it (and can't identify anyone)."""
    return sum(c.isalnum() for c in fold(name)) >= 2


def _read(source: Source) -> tuple[str, str | bytes]:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            return os.fspath(source), stream.read(MAX_BYTES + 1)  # enough to know it is too big
    name = getattr(source, "name", None)
    return (name if isinstance(name, str) else "<stream>"), source.read(MAX_BYTES + 1)


def _decode(data: bytes, file: str) -> str:
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            message = f"the file is saved as {encoding} text; save it as UTF-8"
            raise PlanError([Problem(file, 1, 1, message)])
    data = data.removeprefix(_UTF8_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        what = _not_text(data)
        if what is not None:
            raise PlanError([Problem(file, 1, 1, f"{what}; is it the right file?")]) from None
        before = data[: err.start].decode("utf-8")
        line, column = _position(before, len(before))
        raise PlanError(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"the file is not saved as UTF-8: the byte 0x{data[err.start]:02X} here "
                    "cannot be read; save the file as UTF-8",
                )
            ]
        ) from None


def _not_text(data: bytes) -> str | None:
    """What a file that is not UTF-8 is when it is no text at all (an image, a workbook)."""
    for start, what in _NOT_TEXT:
        if data.startswith(start):
            return f"the file is {what}, not a plan"
    # Text in another encoding has no control bytes; an image or a program is full of them.
    if sum(data.count(bytes([b])) for b in _BINARY_BYTES) >= 4:
        return "the file holds binary data, not the text of a plan"
    return None


def _bad_characters(text: str, file: str) -> list[Problem]:
    """The first place each character a plan file must not hold is found, located."""
    problems: list[Problem] = []
    found: dict[str, int] = {}
    first: dict[str, int] = {}
    for pattern in (_NOT_PRINTABLE, _ODD_LINE_BREAKS):
        for match in pattern.finditer(text):
            char = match.group()
            found[char] = found.get(char, 0) + 1
            first.setdefault(char, match.start())
    for char, index in first.items():
        line, column = _position(text, index)
        others = found[char] - 1
        more = f" (and {others} more in the file)" if others else ""
        code = f"U+{ord(char):04X}"
        if _ODD_LINE_BREAKS.match(char):
            message = (
                f"the file holds a special line break ({code}) here, as pasted from a web page "
                f"or document; replace it with an ordinary line break or a space{more}"
            )
        elif unicodedata.category(char) == "Cc":
            message = (
                f"the file holds an invisible control character ({code}) here; delete it{more}"
            )
        else:  # a noncharacter such as U+FFFE, or half of a broken pair (text from Python)
            message = (
                f"the file holds a character that is not allowed ({code}) here; delete it{more}"
            )
        problems.append(Problem(file, line, column, message))
    return problems


def _escaped_characters(root: Node, text: str, file: str) -> list[Problem]:
    """Where a double-quoted text writes, as an escape, a character a value must not hold
    (``"\\e[2J"``, ``"\\x1b"``, ``"\\u0007"``): the first place of each such character, located at
    its escape. The check of the file's text cannot see these; they exist only once it is read."""
    found: dict[str, int] = {}
    first: dict[str, tuple[int, str]] = {}
    starts: list[int] = []  # where each line starts, worked out only if something is found
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            for pair in node.value:
                stack.extend(pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, ScalarNode) and node.style == '"' and _NOT_IN_TEXT.search(node.value):
            if not starts:
                starts = [0, *(m.end() for m in re.finditer("\n", text))]
            begin = starts[node.start_mark.line] + node.start_mark.column
            end = starts[node.end_mark.line] + node.end_mark.column
            for escape in _ESCAPE.finditer(text, begin, end):
                char = _unescaped(escape.group())
                if _NOT_IN_TEXT.match(char):
                    found[char] = found.get(char, 0) + 1
                    if char not in first or escape.start() < first[char][0]:
                        first[char] = (escape.start(), escape.group())
    problems = []
    for char, (index, written) in first.items():
        line, column = _position(text, index)
        others = found[char] - 1
        more = f" (and {others} more in the file)" if others else ""
        what = (
            "an invisible control character"
            if unicodedata.category(char) == "Cc"
            else "a character that is not allowed"
        )
        fix = "for a line break write \\n instead" if char == "\r" else "delete it"
        message = f"the text holds {what} (U+{ord(char):04X}, written {written}) here; {fix}{more}"
        problems.append(Problem(file, line, column, message))
    return problems


def _unescaped(escape: str) -> str:
    """The character a YAML escape (``\\e``, ``\\x1b``, ``\\u001b``) stands for."""
    if len(escape) > 2:
        return chr(int(escape[2:], 16))
    return _SINGLE_ESCAPES.get(escape[1], escape[1])


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    index = min(index, len(text))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "'key: value' pairs"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.value and _is_null(node):
        return f"{shown(node.value)}, which YAML reads as nothing"
    return f"the text {shown(node.value)}" if node.value else "nothing"


def _is_plain(node: Node) -> bool:
    """Whether a scalar was written without quotes. PyYAML's composer gives a plain scalar the
    style None, libyaml's gives it ''."""
    return isinstance(node, ScalarNode) and not node.style


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG and _is_plain(node)


def scalar(node: Node, key: str) -> ScalarNode | None:
    """The value under ``key`` of a mapping node if it is non-empty text; for checks that look
    ahead of validation (unique ids, naming a thing by its id)."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, ScalarNode)
                and key_node.value == key
                and isinstance(value_node, ScalarNode)
                and not _is_null(value_node)
                and value_node.value != ""
            ):
                return value_node
    return None


def named(node: Node, kind: str, anonymous: str) -> str:
    """How a message names a priority, action, review or rating: by its id when it has one."""
    ident = scalar(node, "key" if kind == "rating" else "id")
    return f"{kind} {shown(ident.value)}" if ident is not None else anonymous


class Reader:
    """Walks the composed nodes, building the model and collecting problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        # What updates' ratings are checked against: every readable key, even of a scale with
        # problems, so that a bad rating is reported in the same run as a bad scale. None when
        # the scale cannot be read at all (then ratings are not checked).
        self.ratings: list[Rating] = []
        self.rating_keys: tuple[str, ...] | None = None

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(locate(self.file, node, message))

    # -- generic shapes ------------------------------------------------------------------

    def fields(
        self, node: Node, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Node] | None:
        """The keys of a mapping, refusing unknown, duplicate and missing ones."""
        allowed = required + optional
        if not isinstance(node, MappingNode):
            if _is_null(node):
                self.problem(node, f"{what} is empty; give {', '.join(required or allowed)}")
            else:
                # `- name: ...` lines: a mapping written as a list of one-key mappings.
                dashed = (
                    isinstance(node, SequenceNode)
                    and not node.flow_style
                    and bool(node.value)
                    and all(isinstance(item, MappingNode) for item in node.value)
                )
                self.problem(
                    node,
                    f"{what} must be 'key: value' pairs ({', '.join(allowed)}), not {_kind(node)}"
                    + ("; remove the '- ' before each key" if dashed else ""),
                )
            return None
        found: dict[str, Node] = {}
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
            first_line[key] = key_node.start_mark.line + 1
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
        if node.flow_style and _is_null(value) and value.value == "":
            # `{note: Done, see minutes}`: the comma ended the note and began a key.
            return (
                f"unknown key {shown(key)} in {what}; a ',' inside '{{ }}' starts a new key, "
                "so put text that has a ',' in quotes"
            )
        return f"unknown key {shown(key)} in {what}; use {', '.join(allowed)}"

    def key(self, node: Node, what: str) -> str | None:
        if not isinstance(node, ScalarNode) or _is_null(node):
            self.problem(node, f"a key in {what} must be text, not {_kind(node)}")
            return None
        return _shared(str(node.value))

    def text(self, node: Node, what: str) -> str | None:
        """Text exactly as written; ``1.10`` stays ``1.10``. Empty text is refused."""
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text, not {_kind(node)}")
            return None
        if _is_null(node) or node.value == "":
            # `~` and `null` are YAML's words for nothing, which a reader may not know.
            why = f" (YAML reads {shown(node.value)} as nothing)" if node.value else ""
            self.problem(node, f"{what} must not be empty{why}")
            return None
        return _shared(str(node.value))

    def optional_text(self, found: dict[str, Node], key: str, what: str) -> str | None:
        node = found.get(key)
        if node is None or _is_null(node):
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
        self.problem(node, f"{what} must be true or false, not {_kind(node)}{hint}")
        return False

    def choice(
        self,
        node: Node,
        kind: type[E],
        what: str,
        name: str,
        words: Mapping[str, str] = _NO_WORDS,
    ) -> E | None:
        """A value of the enum ``kind`` as written, or None and a problem naming every value and
        the nearest: one of ``words`` (other ways people write a value) or a close spelling."""
        value = self.text(node, what)
        if value is None:
            return None
        values = [member.value for member in kind]
        if value in values:
            return kind(value)
        meant = words.get(" ".join(value.casefold().split())) or closest(value, values)
        self.problem(
            node,
            f"unknown {name} {shown(value)}; use one of {', '.join(values)}"
            + (f" (did you mean {meant!r}?)" if meant else ""),
        )
        return None

    def items(self, node: Node, what: str) -> list[Node]:
        if _is_null(node):
            return []
        if isinstance(node, ScalarNode):
            # `themes: leadership`: one item, written without the brackets of a list.
            self.problem(
                node,
                f"{what} must be a list, not {_kind(node)}"
                + (f" (did you mean '[{node.value}]'?)" if 0 < len(node.value) <= 40 else ""),
            )
            return []
        if not isinstance(node, SequenceNode):
            self.problem(
                node, f"{what} must be a list, each item starting with '- ', not {_kind(node)}"
            )
            return []
        return list(node.value)

    def date(self, node: Node, what: str) -> date | None:
        text = self.text(node, what)
        if text is None:
            return None
        try:
            return dates.parse_iso_date(text)
        except dates.DateError as err:
            message = str(err)
        meant = _DATE_TIME.fullmatch(text.strip()) or _UK_DATE.fullmatch(text.strip())
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
        if node is None or _is_null(node):
            return None
        text = self.text(node, what)
        if text is None:
            return None
        last_day = self.parsed(node, dates.resolve_due, text)
        return Due(text=text, last_day=last_day) if last_day is not None else None

    def unique(self, ids: Iterable[ScalarNode], what: str) -> None:
        first: dict[str, int] = {}
        for node in ids:
            ident = str(node.value)
            if ident in first:
                self.problem(
                    node, f"duplicate {what} {shown(ident)} (first used on line {first[ident]})"
                )
            else:
                first[ident] = node.start_mark.line + 1

    # -- the plan ------------------------------------------------------------------------

    def plan(self, root: Node) -> Plan | None:
        found = self.fields(
            root,
            "the plan file",
            ("format", "partnership", "plan", "ratings", "priorities"),
            ("reviews", "restricted_words", "practice_themes", "timescales", "case_reviews"),
        )
        if found is None:
            return None
        if "format" in found:
            fmt = self.text(found["format"], "'format'")
            if fmt is not None and fmt != FORMAT:
                self.problem(
                    found["format"],
                    f"unsupported format {shown(fmt)}; this version reads {FORMAT!r}",
                )
        partnership = self.partnership(found["partnership"]) if "partnership" in found else None
        title_period = self.plan_info(found["plan"]) if "plan" in found else None
        scale = self.scale(found["ratings"]) if "ratings" in found else None
        priorities_node = found.get("priorities", EMPTY)
        priorities = self.priorities(priorities_node)
        action_ids, complete = _action_ids(priorities_node)
        if complete and "priorities" in found:
            reviews = self.reviews(found["reviews"], action_ids) if "reviews" in found else ()
        else:  # without every action, no update can be called one for an unknown action
            reviews = self.reviews(found["reviews"], None) if "reviews" in found else ()
        words = self.restricted_words(found.get("restricted_words"))
        from safeguarding_plan.planfile import casereviews as caseloading

        themes = caseloading.practice_themes(self, found.get("practice_themes"))
        own = caseloading.timescales(self, found.get("timescales"))
        known = [str(i.value) for i in action_ids] if complete and "priorities" in found else None
        case_reviews = caseloading.case_reviews(self, found.get("case_reviews"), known, themes, own)
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
            restricted_words=words,
            case_reviews=case_reviews,
            practice_themes=themes,
            timescales=own,
        )

    def restricted_words(self, node: Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        words = []
        for item in self.items(node, "'restricted_words'"):
            word = self.text(item, "a restricted word")
            if word is not None and not withholdable(word):
                self.problem(
                    item,
                    f"restricted word {shown(word)} is too short to withhold; give names of at "
                    "least two letters",
                )
            elif word is not None:
                words.append(word)
        return tuple(words)

    def partnership(self, node: Node) -> Partnership | None:
        found = self.fields(node, "'partnership'", ("name",), ("short_name", "people"))
        if found is None:
            return None
        name = self.text(found["name"], "the partnership's name") if "name" in found else None
        short_name = self.optional_text(found, "short_name", "'short_name'")
        people = []
        for item in self.items(found["people"], "'people'") if "people" in found else []:
            person = self.fields(item, "a person in 'people'", ("role", "name"), ("restricted",))
            if person is not None and {"role", "name"} <= person.keys():
                role, person_name = (
                    self.text(person["role"], "'role'"),
                    self.text(person["name"], "'name'"),
                )
                restricted = (
                    self.flag(person["restricted"], "'restricted' of a person")
                    if "restricted" in person
                    else False
                )
                if restricted and person_name is not None and not withholdable(person_name):
                    self.problem(
                        person["name"],
                        f"the name of restricted person {shown(person_name)} is too short to "
                        "withhold; give a name of at least two letters",
                    )
                elif role is not None and person_name is not None:
                    people.append(Person(role=role, name=person_name, restricted=bool(restricted)))
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
                given, absent = ("start", "end") if "start" in found else ("end", "start")
                self.problem(
                    node,
                    f"'plan' has {given!r} but no {absent!r}; give both dates, "
                    "or a 'period' such as '2021/23'",
                )
            elif start and end and end < start:
                self.problem(found["end"], f"the plan ends ({end}) before it starts ({start})")
            elif start and end:
                period = Period(start=start, end=end)
        return (title, period) if title is not None else None

    def scale(self, node: Node) -> RatingScale | None:
        if isinstance(node, ScalarNode) and not _is_null(node):
            if node.value in RATING_SCALES:
                self.ratings = list(RATING_SCALES[node.value])
                self.rating_keys = RATING_SCALES[node.value].keys
                return RATING_SCALES[node.value]
            self.problem(
                node,
                f"unknown rating scale {shown(node.value)}; use one of {', '.join(RATING_SCALES)} "
                f"or list the ratings{did_you_mean(node.value, RATING_SCALES)}",
            )
            return None
        if _is_null(node):
            self.problem(
                node,
                f"'ratings' is empty; use one of {', '.join(RATING_SCALES)} or list the ratings",
            )
            return None
        ratings: list[Rating] = []
        items = self.items(node, "'ratings'")
        if isinstance(node, SequenceNode) and not items:
            self.problem(node, "'ratings' lists no ratings")
        key_nodes = [k for item in items if (k := scalar(item, "key")) is not None]
        self.unique(key_nodes, "rating key")
        if items and len(key_nodes) == len(items):
            self.rating_keys = tuple(dict.fromkeys(str(k.value) for k in key_nodes))
        labels: dict[str, int] = {}
        for item in items:
            what = named(item, "rating", "a rating")
            found = self.fields(item, what, ("key", "label", "rag"), ("symbol", "meaning"))
            if found is None or len(found.keys() & {"key", "label", "rag"}) < 3:
                continue
            key = self.text(found["key"], f"'key' of {what}")
            label = self.text(found["label"], f"'label' of {what}")
            # Documents and the tracker show a rating by its words: two alike can't be told apart.
            if label is not None and label.casefold() in labels:
                self.problem(
                    found["label"],
                    f"rating label {shown(label)} is already used on line "
                    f"{labels[label.casefold()]}; each rating needs its own words",
                )
                label = None
            elif label is not None:
                labels[label.casefold()] = found["label"].start_mark.line + 1
            rag = self.choice(found["rag"], Rag, f"'rag' of {what}", "RAG colour", _RAG_WORDS)
            symbol = self.optional_text(found, "symbol", f"'symbol' of {what}")
            meaning = self.optional_text(found, "meaning", f"'meaning' of {what}")
            if key is not None and label is not None and rag is not None:
                ratings.append(
                    Rating(
                        key=key,
                        label=label,
                        rag=rag,
                        order=len(ratings),
                        symbol=symbol,
                        meaning=meaning,
                    )
                )
        self.ratings = ratings
        if len(ratings) != len(items) or len({r.key for r in ratings}) != len(ratings):
            return None
        return RatingScale(ratings=tuple(ratings))

    def priorities(self, node: Node) -> tuple[Priority, ...]:
        items = self.items(node, "'priorities'")
        self.unique((i for n in items if (i := scalar(n, "id")) is not None), "priority id")
        action_ids, _ = _action_ids(node)
        self.unique(action_ids, "action id")
        return tuple(p for p in (self.priority(item) for item in items) if p is not None)

    def priority(self, node: Node) -> Priority | None:
        what = named(node, "priority", "a priority")
        found = self.fields(node, what, ("id", "title"), ("actions",))
        if found is None:
            return None
        ident = self.text(found["id"], "a priority's id") if "id" in found else None
        title = self.text(found["title"], f"'title' of {what}") if "title" in found else None
        actions = tuple(
            a
            for a in (
                self.action(item)
                for item in self.items(found.get("actions", EMPTY), f"'actions' of {what}")
            )
            if a is not None
        )
        if ident is None or title is None:
            return None
        return Priority(id=ident, title=title, actions=actions)

    def action(self, node: Node) -> Action | None:
        what = named(node, "action", "an action")
        found = self.fields(node, what, ("id", "text"), ("lead", "due", "themes", "restricted"))
        if found is None:
            return None
        ident = self.text(found["id"], "an action's id") if "id" in found else None
        text = self.text(found["text"], f"'text' of {what}") if "text" in found else None
        lead = self.optional_text(found, "lead", f"'lead' of {what}")
        due = self.due(found.get("due"), f"'due' of {what}")
        themes = [
            self.text(t, "a theme")
            for t in self.items(found.get("themes", EMPTY), f"'themes' of {what}")
        ]
        restricted = (
            self.flag(found["restricted"], f"'restricted' of {what}")
            if "restricted" in found
            else False
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

    def reviews(self, node: Node, action_ids: list[ScalarNode] | None) -> tuple[Review, ...]:
        """The reviews; ``action_ids`` is None when the priorities could not all be read, so
        that an update is not called unknown only because its action has a problem."""
        items = self.items(node, "'reviews'")
        self.unique((i for n in items if (i := scalar(n, "id")) is not None), "review id")
        reviews: list[Review] = []
        known = [str(i.value) for i in action_ids] if action_ids is not None else None
        for item in items:
            review = self.review(item, known)
            if review is None:
                continue
            if reviews and review.as_of < reviews[-1].as_of:
                before = reviews[-1]
                self.problem(
                    scalar(item, "as_of") or item,
                    f"review {shown(review.id)} (as of {review.as_of}) is listed after review "
                    f"{shown(before.id)} (as of {before.as_of}); list reviews oldest first",
                )
            reviews.append(review)
        return tuple(reviews)

    def review(self, node: Node, action_ids: list[str] | None) -> Review | None:
        what = named(node, "review", "a review")
        found = self.fields(node, what, ("id", "title", "as_of"), ("updates",))
        if found is None:
            return None
        ident = self.text(found["id"], "a review's id") if "id" in found else None
        title = self.text(found["title"], f"'title' of {what}") if "title" in found else None
        as_of = self.date(found["as_of"], f"'as_of' of {what}") if "as_of" in found else None
        updates: dict[str, ActionUpdate] = {}
        updates_node = found.get("updates", EMPTY)
        if not _is_null(updates_node) and not isinstance(updates_node, MappingNode):
            self.problem(
                updates_node,
                f"'updates' of {what} must be 'action id: update' pairs, not {_kind(updates_node)}",
            )
        elif isinstance(updates_node, MappingNode):
            known = set(action_ids) if action_ids is not None else None
            seen: dict[str, int] = {}
            for key_node, value_node in updates_node.value:
                action_id = self.key(key_node, f"'updates' of {what}")
                if action_id is None:
                    continue
                if action_id in seen:
                    self.problem(
                        key_node,
                        f"duplicate update for action {shown(action_id)}"
                        f" (first given on line {seen[action_id]})",
                    )
                    continue
                seen[action_id] = key_node.start_mark.line + 1
                if known is not None and action_ids is not None and action_id not in known:
                    self.problem(
                        key_node,
                        f"update for unknown action {shown(action_id)}"
                        f"{did_you_mean(action_id, action_ids)}",
                    )
                    continue
                what_update = f"the update for action {shown(action_id)}"
                if _is_null(value_node):
                    self.problem(
                        key_node,
                        f"{what_update} is empty; give its progress, rating or note, "
                        "or remove the line",
                    )
                    continue
                update = self.update(value_node, what_update)
                if update is not None:
                    updates[action_id] = update
        if ident is None or title is None or as_of is None:
            return None
        return Review(id=ident, title=title, as_of=as_of, updates=updates)

    def update(self, node: Node, what: str) -> ActionUpdate | None:
        if isinstance(node, ScalarNode) and not _is_null(node):
            # `"1.6": complete` says what was meant; name the key it belongs under.
            written = str(node.value)
            key = "progress" if written in {p.value for p in Progress} else None
            key = "rating" if self.rating_keys and written in self.rating_keys else key
            if key is not None:
                self.problem(
                    node,
                    f"{what} must be 'key: value' pairs (progress, rating, note, due, restricted), "
                    f"not the text {shown(written)} (did you mean '{{{key}: {written}}}'?)",
                )
                return None
        found = self.fields(node, what, (), ("progress", "rating", "note", "due", "restricted"))
        if found is None:
            return None
        progress = None
        if "progress" in found:
            progress = self.choice(
                found["progress"], Progress, f"'progress' of {what}", "progress", _PROGRESS_WORDS
            )
        rating = self.optional_text(found, "rating", f"'rating' of {what}")
        if rating is not None and self.rating_keys is not None and rating not in self.rating_keys:
            self.problem(
                found["rating"],
                f"unknown rating {shown(rating)}; the plan's scale has "
                f"{', '.join(self.rating_keys)}{self.rating_hint(rating)}",
            )
        note = self.optional_text(found, "note", f"'note' of {what}")
        due = self.due(found.get("due"), f"'due' of {what}")
        restricted = (
            self.flag(found["restricted"], f"'restricted' of {what}")
            if "restricted" in found
            else False
        )
        return ActionUpdate(
            progress=progress, rating=rating, note=note, due=due, restricted=bool(restricted)
        )

    def rating_hint(self, written: str) -> str:
        """Did-you-mean for a rating written as its symbol (😊) or words rather than its key."""
        plain = written.replace("\ufe0f", "").strip().casefold()
        for rating in self.ratings:
            symbol = (rating.symbol or "").replace("\ufe0f", "")
            if plain in (symbol, rating.label.casefold()):
                return f" (did you mean {rating.key!r}?)"
        return did_you_mean(written, self.rating_keys or ())


def _action_ids(priorities: Node) -> tuple[list[ScalarNode], bool]:
    """Every action id written under the priorities, and whether all actions have one.

    Read from the nodes, not the model, so that an action with a problem of its own (a
    misspelt key, an empty text) still counts as there: its updates are not "unknown".
    """
    if _is_null(priorities):
        return [], True
    if isinstance(priorities, SequenceNode):
        items: list[Node] = list(priorities.value)
    elif isinstance(priorities, MappingNode):  # a priority not written as a list item
        items = [priorities]
    else:
        return [], False
    ids: list[ScalarNode] = []
    complete = True
    for item in items:
        if not isinstance(item, MappingNode):
            complete = False
            continue
        for key, value in item.value:
            if isinstance(value, SequenceNode):  # 'actions', or a misspelling of it
                for action in value.value:
                    ident = scalar(action, "id")
                    if ident is None:
                        complete = False
                    else:
                        ids.append(ident)
            elif key.value == "actions" and not _is_null(value):
                complete = False
    return ids, complete


# Stands in for an absent optional list or mapping.
EMPTY = ScalarNode(_NULL_TAG, "", style=None)

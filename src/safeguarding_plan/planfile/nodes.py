"""Reading YAML as located text, without YAML 1.1's guesses.

The file is composed into nodes (libyaml's C composer when present) and never constructed, so
nothing in it is turned into a bool, float, date or Python object: every scalar stays the text
the user typed, with its line and column. What the plan format refuses outright — anchors,
aliases, merge keys, explicit tags, several documents — is refused here, each problem located.

YAML syntax errors are put in words for the person who wrote the file (a business manager,
not a programmer), and located where the mistake most likely is: an unclosed quote at the
quote, not at the end of the file where the reader gave up.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Protocol

import yaml

from safeguarding_plan.errors import PlanError, Problem
from safeguarding_plan.planfile import pasted

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Node = yaml.Node
MappingNode = yaml.MappingNode
ScalarNode = yaml.ScalarNode
SequenceNode = yaml.SequenceNode


class Mark(Protocol):
    """A place in the text, 0-based, as PyYAML's and libyaml's marks both give it."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


# Tags the resolver gives untagged nodes; anything else was written as an explicit tag.
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_IMPLICIT_TAGS = frozenset(
    f"{_YAML_TAG_PREFIX}{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value")
)
_MERGE_TAG = f"{_YAML_TAG_PREFIX}merge"
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:])&[^\s\[\]{},]", re.MULTILINE)
"""Where an anchor could be written: an ``&`` that starts a token, right before its name. Only
a file with one is read a second time to find it: "Learning & Development" and "R&D" are not
anchors, and most plans have one or the other."""
_MAYBE_TAG = re.compile(r"(?:^|[\s\[\]{},:])!|<<", re.MULTILINE)
"""Where a tag (``!``) or a merge key (``<<``) could be written. Only a file with one has its
nodes walked to find them (an alias needs an anchor, found apart): walking ten thousand
actions' nodes took a sixth of the time of reading the plan."""
_QUOTES = ("'", '"')

_MAX_DEPTH = 1000
"""libyaml's most levels of nesting; the pure-Python reader is located against the same."""
_TOO_DEEP = "lists and sections are nested too deeply here; a plan file needs only a few levels"


def locate(file: str, node: Node, message: str) -> Problem:
    """A problem at the start of ``node``."""
    return at(file, node.start_mark, message)


def at(file: str, mark: Mark | None, message: str, column: int | None = None) -> Problem:
    """A problem at ``mark`` (or at ``column`` of its line)."""
    if mark is None:  # pragma: no cover - the readers mark every event and error
        return Problem(file, 1, 1, message)
    return Problem(file, mark.line + 1, (mark.column if column is None else column) + 1, message)


def compose(text: str, file: str) -> Node | None:
    """The document's root node (None for an empty document), or PlanError.

    A syntax error stops reading, so it is the only problem reported; structural refusals
    (anchors, aliases, merge keys, tags) are all reported together.
    """
    try:
        root: Node | None = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        raise PlanError([_syntax_problem(err, text, file)]) from None
    except RecursionError:  # only the pure-Python composer recurses; libyaml stops at a depth
        raise PlanError([at(file, _too_deep(text), _TOO_DEEP)]) from None
    if root is not None:
        problems = _refusals(root, text, file)
        if problems:
            raise PlanError(problems)
    return root


def _too_deep(text: str) -> Mark | None:
    """Where nesting first goes deeper than libyaml allows (or is deepest): the event stream
    is read without recursion, so the place is found as libyaml would report it."""
    depth = deepest = 0
    where: Mark | None = None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > deepest:
                    deepest, where = depth, event.start_mark
                if depth > _MAX_DEPTH:
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return where


# -- syntax errors ------------------------------------------------------------------------


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """The reader's error as one located sentence for the person who wrote the file."""
    context = (err.context or "").strip()
    problem = (err.problem or "").strip()
    mark = err.problem_mark or err.context_mark
    if mark is None:  # pragma: no cover - every reader error of PyYAML and libyaml is marked
        return Problem(file, 1, 1, _raw(context, problem))
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    char = line[mark.column] if mark.column < len(line) else ""
    before = line[mark.column - 1] if 0 < mark.column <= len(line) else ""
    opened = err.context_mark

    if "expected a single document" in f"{context} {problem}":
        return at(file, mark, "a plan file holds one YAML document; remove the '---' separator")
    if "tab character" in problem or ("cannot start any token" in problem and char == "\t"):
        return at(file, mark, "a tab is used to indent this line; indent with spaces only")
    space = _pasted_space(text, lines, mark, opened)
    if space is not None:
        return Problem(file, space[0] + 1, space[1] + 1, space[2])
    if "maximum nesting depth" in problem:
        return at(file, mark, _TOO_DEEP)
    if "duplicate anchor" in context:
        return at(file, mark, "anchors ('&') are not allowed; remove them")
    if context in ("while scanning an alias", "while scanning an anchor") and opened:
        sign = "*" if "alias" in context else "&"
        return at(file, opened, _starts_with(sign))
    if "undefined alias" in problem:
        return at(file, mark, _starts_with("*"))
    if "cannot start any token" in problem:
        return at(file, mark, _starts_with(char))
    if "quoted scalar" in context and opened and "end of stream" in problem:
        return at(file, opened, "this quote is never closed; add the closing quote")
    if "quoted scalar" in context and ("escape" in problem or "hexdecimal" in problem):
        backslash = line.rfind("\\", 0, mark.column + 1)
        return at(
            file,
            mark,
            "a '\\' inside double quotes starts a special character code; "
            "use single quotes around text with a '\\' in it, or write it twice ('\\\\')",
            backslash if backslash >= 0 else None,
        )
    runaway = _runaway_quote(text, mark)
    if runaway is not None:
        return at(
            file,
            runaway,
            f"this quote seems not to be closed: the quoted text runs on to line {mark.line + 1}",
        )
    if problem.startswith(("did not find expected", "expected ")) and before in _QUOTES:
        return at(file, mark, _after_quote(before))
    if "mapping values are not allowed" in problem:
        if ": " in line[: mark.column] or line[: mark.column].rstrip().endswith(":"):
            return at(
                file,
                mark,
                "a second ': ' on this line; if it is part of the text, "
                "put the whole text in quotes",
            )
        if _indented_under_text(lines, mark.line):
            return at(
                file,
                mark,
                "this line is indented further than the line above it, so it reads as more of "
                "that line's text; indent it the same as the line above",
                len(line) - len(line.lstrip(" ")),
            )
        return at(
            file,
            mark,
            "a ':' is not expected here; check that the line above has a ':' after its key "
            "and that both lines are indented correctly",
        )
    if "expected ',' or" in problem and opened:
        bracket, kind = ("[", "list") if "]" in problem else ("{", "mapping")
        closing = "]" if bracket == "[" else "}"
        above = _line_above(lines, mark.line)
        if mark.line > opened.line and above is not None and not line[: mark.column].strip():
            # A new line starts the next item, but the line above did not end with a ','.
            end = lines[above].rstrip()
            if char not in (":", "") and not end.endswith((",", bracket)):
                return Problem(
                    file,
                    above + 1,
                    len(end) + 1,
                    f"a ',' is missing at the end of this line, before the next item inside "
                    f"'{bracket} {closing}'",
                )
        if mark.line > opened.line:
            return at(
                file,
                opened,
                f"the {kind} started here with '{bracket}' is not closed; add '{closing}'",
            )
        if char == ":":
            return at(
                file,
                mark,
                f"a second ':' inside '{bracket} {closing}'; if it is part of the text, "
                "put the whole text in quotes",
            )
        return at(file, mark, f"a ',' between items or the closing '{closing}' is missing here")
    if "could not find expected ':'" in problem and opened and mark.line == opened.line:
        # The ':' is there, but further than the 1024 characters a key may have.
        return at(
            file,
            opened,
            "this line reads as a key longer than the 1024 characters YAML allows; "
            "if it is text, put the whole text in quotes",
        )
    if "could not find expected ':'" in problem and opened:
        return at(
            file,
            opened,
            "this line has no ':' after its key; add one, "
            "or indent the line further if it continues the text above",
        )
    if any(words in problem for words in ("expected key", "'-' indicator", "<block end>")):
        return at(
            file,
            mark,
            "this line is not indented in line with the lines above it; "
            "check the spaces at its start",
        )
    if "sequence entries are not allowed" in problem:
        return at(
            file,
            mark,
            "a list item ('- ') cannot start on the same line as its key; "
            "start the list on the next line",
        )
    if "node content" in problem and char in ("]", "}"):
        return at(file, mark, _starts_with(char))
    if "node content" in problem:
        return at(file, mark, "a value is missing here")
    return at(file, mark, _raw(context, problem))


def _pasted_space(
    text: str, lines: list[str], error: Mark, opened: Mark | None
) -> tuple[int, int, str] | None:
    """Where a space pasted from a document after a key's ':' or an item's '-' made the
    reader fail (0-based line and column), and what to say: on the line where the failing
    key or list began, the line of the error, or the first line of plain text running on to
    it."""
    if not pasted.ANY.search(text):
        return None
    starts = [(error.line, 0, True)]
    if opened is not None:
        starts.append((opened.line, opened.column, False))
    starts += [(line, 0, True) for line in _plain_text_lines(text, error)]
    for line, column, lead in sorted(starts):
        if line >= len(lines):
            continue
        found = pasted.after_indicator(lines[line], column, lead=lead)
        if found is not None:
            return line, found[0], found[1]
    return None


def _plain_text_lines(text: str, error: Mark) -> list[int]:
    """The first line of each text written without quotes that starts a line and runs on
    over several lines to the line of the error: its first line may be a key, or an item,
    whose ':' or '-' has no space after it."""
    found = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            start, end = token.start_mark, token.end_mark
            if start.line > error.line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.plain
                and start.line < error.line <= end.line
            ):
                found.append(start.line)
    except yaml.YAMLError:
        pass
    return found


def _line_above(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above ``index`` with something other than a comment."""
    for above in range(min(index, len(lines)) - 1, -1, -1):
        if lines[above].strip() and not lines[above].lstrip().startswith("#"):
            return above
    return None


def _indented_under_text(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is indented further than the line above it, which has a key and
    its text: YAML reads such a line as more of that text."""
    line = lines[index]
    for above in reversed(lines[:index]):
        if above.strip() and not above.lstrip().startswith("#"):
            indent = len(line) - len(line.lstrip(" "))
            return ": " in above and len(above) - len(above.lstrip(" ")) < indent
    return False


def _raw(context: str, problem: str) -> str:
    text = f"{context}: {problem}" if context and problem else problem or context
    return f"the file cannot be read as YAML here: {text}"


def _starts_with(char: str) -> str:
    return (
        f"text cannot start with {char!r} in a plan file (YAML gives it a special meaning); "
        "put the whole text in quotes"
    )


def _after_quote(quote: str) -> str:
    if quote == "'":
        return (
            "the text goes on after its closing quote; to write an apostrophe inside "
            "single quotes, write it twice ('')"
        )
    return (
        "the text goes on after its closing quote; to write '\"' inside double quotes, "
        "write '\\\"', or use single quotes around the text"
    )


def _runaway_quote(text: str, error: Mark) -> Mark | None:
    """Where a quoted text opened that ran on over several lines to the error, if one did.

    An unclosed quote swallows the lines after it until the next quote character, and the
    reader only fails later, far from the mistake.
    """
    last: Mark | None = None
    where = (error.line, error.column)
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if (token.start_mark.line, token.start_mark.column) >= where:
                break
            if isinstance(token, yaml.ScalarToken):
                quoted = token.style in _QUOTES and token.end_mark.line == error.line
                last = token.start_mark if quoted else None
    except yaml.YAMLError:
        pass
    return last if last is not None and last.line < error.line else None


# -- refusals -----------------------------------------------------------------------------


def _refusals(root: Node, text: str, file: str) -> list[Problem]:
    if not _MAYBE_TAG.search(text):
        return _anchors_and_aliases(text, file) if _MAYBE_ANCHOR.search(text) else []
    problems: list[Problem] = []
    seen: set[int] = set()
    shared = False
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            # Only an alias makes the composer hand out the same node twice.
            shared = True
            continue
        seen.add(id(node))
        if node.tag == _MERGE_TAG:
            problems.append(
                locate(file, node, "merge keys ('<<') are not allowed; write the keys out")
            )
        elif node.tag not in _IMPLICIT_TAGS:
            problems.append(locate(file, node, _tag_message(node)))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    if shared or _MAYBE_ANCHOR.search(text):
        problems.extend(_anchors_and_aliases(text, file))
    return problems


def _tag_message(node: Node) -> str:
    shown = node.tag.replace(_YAML_TAG_PREFIX, "!!", 1)
    if isinstance(node, ScalarNode) and not shown.startswith("!!"):
        return (
            f"tags ({shown!r}) are not allowed; if {shown!r} is part of the text, "
            "put the whole text in quotes"
        )
    return f"tags ({shown!r}) are not allowed; remove {shown!r}"


def _anchors_and_aliases(text: str, file: str) -> list[Problem]:
    # The composed tree cannot say where an anchor or alias was written; the event stream can.
    problems: list[Problem] = []
    lines = text.splitlines()
    # One pass, keeping only the events that carry an anchor: a plan of thousands of actions
    # has hundreds of thousands of events, and "&" in its text ("Learning & Development").
    anchored = [
        event
        for event in yaml.parse(text, Loader=_Loader)
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None
    ]
    aliases = [event for event in anchored if isinstance(event, yaml.AliasEvent)]
    uses = Counter(event.anchor for event in aliases)
    for event in anchored:
        if not isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
            written = f"&{event.anchor}"
            column = line.find(written, mark.column if mark is not None else 0)
            if isinstance(event, yaml.ScalarEvent) and event.anchor not in uses:
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
    reported: set[str | None] = set()
    for event in aliases:
        if event.anchor in reported:
            continue
        reported.add(event.anchor)
        others = uses[event.anchor] - 1
        where = f" (here and in {others} other place{'s' if others > 1 else ''})" if others else ""
        problems.append(
            at(
                file,
                event.start_mark,
                f"aliases ('*{event.anchor}') are not allowed; write the value out{where}",
            )
        )
    return problems

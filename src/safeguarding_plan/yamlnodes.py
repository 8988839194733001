"""Reading YAML as located text, without YAML 1.1's guesses.

The file is composed into nodes (libyaml's C composer when present) and never constructed, so
nothing in it is turned into a bool, float, date or Python object: every scalar stays the text
the user typed, with its line and column. What the plan format refuses outright — aliases,
merge keys, explicit tags, several documents — is refused here, each problem located.
"""

from __future__ import annotations

import yaml

from .errors import PlanError, Problem

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Node = yaml.Node
MappingNode = yaml.MappingNode
ScalarNode = yaml.ScalarNode
SequenceNode = yaml.SequenceNode

# Tags the resolver gives untagged nodes; anything else was written as an explicit tag.
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_IMPLICIT_TAGS = frozenset(
    f"{_YAML_TAG_PREFIX}{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value")
)
_MERGE_TAG = f"{_YAML_TAG_PREFIX}merge"


def locate(file: str, node: Node, message: str) -> Problem:
    """A problem at the start of ``node``."""
    mark = node.start_mark
    return Problem(file, mark.line + 1, mark.column + 1, message)


def compose(text: str, file: str) -> Node | None:
    """The document's root node (None for an empty document), or PlanError.

    A syntax error stops reading, so it is the only problem reported; structural refusals
    (aliases, merge keys, tags) are all reported together.
    """
    try:
        root: Node | None = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise PlanError([Problem(file, line, column, _syntax_message(err))]) from None
    if root is not None:
        problems = _refusals(root, text, file)
        if problems:
            raise PlanError(problems)
    return root


def _syntax_message(err: yaml.MarkedYAMLError) -> str:
    problem = (err.problem or "").strip()
    if "expected a single document" in (err.context or "") + problem:
        return "a plan file holds one YAML document; remove the '---' separator"
    context = (err.context or "").strip()
    text = f"{context}: {problem}" if context and problem else problem or context
    return f"YAML syntax error: {text}"


def _refusals(root: Node, text: str, file: str) -> list[Problem]:
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
            shown = node.tag.replace(_YAML_TAG_PREFIX, "!!", 1)
            problems.append(locate(file, node, f"tags ({shown!r}) are not allowed"))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    if shared:
        problems.extend(_aliases(text, file))
    return problems


def _aliases(text: str, file: str) -> list[Problem]:
    # The composed tree cannot say where an alias was written; the event stream can.
    return [
        Problem(
            file,
            mark.line + 1,
            mark.column + 1,
            f"aliases ('*{event.anchor}') are not allowed; write the value out",
        )
        for event in yaml.parse(text, Loader=_Loader)
        if isinstance(event, yaml.AliasEvent) and (mark := event.start_mark) is not None
    ]

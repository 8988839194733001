"""Reading YAML as located text, without YAML 1.1's guesses.

The file is read once, by libyaml's parser when present, and composed from its events into
small nodes (``composing``) that are never constructed: nothing in it is turned into a bool,
float, date or Python object, and every scalar stays the text the user typed, with its line
and column. What the plan format refuses outright (anchors, aliases, merge keys, explicit
tags, several documents) is refused in the same pass, each problem located.

YAML syntax errors are put in words for the person who wrote the file (a business manager,
not a programmer), and located where the mistake most likely is: an unclosed quote at the
quote, not at the end of the file where the reader gave up.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from safeguarding_plan.errors import PlanError, Problem
from safeguarding_plan.planfile import pasted
from safeguarding_plan.planfile.composing import (
    TOO_DEEP,
    Composer,
    Mark,
    Node,
    Rules,
    ScalarNode,
    at,
)
from safeguarding_plan.planfile.places import Places

try:
    from yaml._yaml import CParser

    _Loader: type = yaml.CSafeLoader
    _LIBYAML: tuple[type, ...] = (CParser,)
except ImportError:  # PyYAML built without libyaml
    _Loader, _LIBYAML = yaml.SafeLoader, ()

_QUOTES = ("'", '"')


def compose(
    source: str | Places,
    file: str,
    quoted: Callable[[str], object] = bool,
    rules: Rules | None = None,
) -> tuple[Node | None, list[ScalarNode]]:
    """The document's root node (None for an empty document) and the double-quoted texts
    ``quoted`` keeps (all, unless told), or PlanError; the nodes ``rules`` names are read as
    they are composed.

    The file is read once, by one parser: libyaml reads a file given as bytes as it is, where
    the text, as UTF-8 again, would be a copy; PyYAML's own reader reads the text. A syntax
    error stops reading, so it is the only problem reported; structural refusals (anchors,
    aliases, merge keys, tags) are all reported together.
    """
    places = Places(source) if isinstance(source, str) else source
    parser = _Loader(places.given if issubclass(_Loader, _LIBYAML) else places.source)
    composer = Composer(parser.get_event, quoted, rules)
    try:
        root = composer.document()
    except yaml.MarkedYAMLError as err:
        raise PlanError([_syntax_problem(err, places.source, file)]) from None
    finally:
        parser.dispose()
    problems = composer.refusals(places.source if composer.anchors else "", file)
    if problems:
        raise PlanError(problems)
    return root, composer.kept


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
        return at(file, mark, TOO_DEEP)
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

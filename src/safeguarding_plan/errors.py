"""The library's exceptions, all ``SafeguardingPlanError``, and the problems found in a plan
file, each with the place it was found."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs

from safeguarding_plan.values import Value


class SafeguardingPlanError(Exception):
    """The base of every exception this library raises on purpose: catch it to handle any of
    them, and let anything else (a bug) through."""


class ArgumentError(SafeguardingPlanError, ValueError):
    """A value given to a function that the library cannot use: an audience it does not know,
    or a new review whose id the plan already has or that comes before its last review.

    Still a ``ValueError``, as it was before it had its own type."""


class ExporterError(SafeguardingPlanError):
    """An exporter could not be registered, found or run; the message says which and why.

    Defined here, below the exporting package, so that each of its modules (the option kinds
    as well as the exporter) can raise it for a slip in a plugin's declaration; it is
    ``safeguarding_plan.ExporterError`` and ``safeguarding_plan.plugin.ExporterError``."""


class UnknownReviewError(SafeguardingPlanError, KeyError):
    """No review has the id asked for, or the plan has no review yet (``review_id`` None).

    Still a ``KeyError``, as it was before it had its own type."""

    def __init__(self, review_id: str | None, known: Iterable[str] = ()) -> None:
        self.review_id = review_id
        self.known: tuple[str, ...] = tuple(known)
        super().__init__(review_id)

    def __str__(self) -> str:
        if self.review_id is None:
            return "the plan has no reviews yet"
        known = ", ".join(repr(k) for k in self.known) or "none"
        return f"no review {self.review_id!r} in the plan (reviews: {known})"


class UnknownActionError(SafeguardingPlanError, KeyError):
    """No action of the plan has the id asked for. Still a ``KeyError``, as it was before."""

    def __init__(self, action_id: str) -> None:
        self.action_id = action_id
        super().__init__(action_id)

    def __str__(self) -> str:
        return f"no action {self.action_id!r} in the plan"


@attrs.frozen(repr=False, eq=False)
class Problem(Value):
    """One thing wrong with an input, located as an editor would jump to it."""

    file: str
    """The file as the user named it (``<stream>`` for an unnamed stream)."""
    line: int
    """1-based line number."""
    column: int
    """1-based column number."""
    message: str
    """One sentence, lower case first word, no full stop."""
    sheet: str | None = None
    """For a workbook, the sheet: line is then the row and column the column (0: the whole
    sheet or, with no sheet either, the whole file)."""

    def __str__(self) -> str:
        if self.sheet is None and self.line == 0:
            return f"{self.file}: {self.message}"
        if self.sheet is None:
            return f"{self.file}:{self.line}:{self.column}: {self.message}"
        if self.line == 0:
            return f"{self.file}: {self.sheet}: {self.message}"
        return f"{self.file}: {self.sheet}!{column_letters(self.column)}{self.line}: {self.message}"


def column_letters(column: int) -> str:
    """Excel's name of a 1-based column number: 1 → ``A``, 28 → ``AB``."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class PlanError(SafeguardingPlanError, ValueError):
    """A plan could not be read; ``problems`` holds every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(
            sorted(problems, key=lambda p: (p.file, p.sheet or "", p.line, p.column))
        )
        super().__init__("\n".join(str(p) for p in self.problems))


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``value``, if one is close enough to be a likely misspelling."""
    import difflib  # here: only a misspelling needs it, and it costs every start

    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix when a choice is close to ``value``, else ``""``."""
    close = closest(value, choices)
    return f" (did you mean {close!r}?)" if close is not None else ""


def shown(value: str, limit: int = 60) -> str:
    """``value`` quoted for a message, shortened when long so one problem stays one line."""
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


PROBLEMS_SHOWN = 100
"""The most problems told at once (the command line tells a plan file's the same way); one
line counts the rest, so a million problems are a screenful, not a million lines."""

LINE_MOST = 1_000
"""The most characters of one line told: a message longer than that (a plugin's, say) is
shortened, never printed whole."""


def cut(text: str, most: int = LINE_MOST) -> str:
    """``text``, or when it is longer than ``most`` characters its start and its end with
    ``…`` between: the end of a message often says what to do (``did you mean …?``)."""
    if len(text) <= most:
        return text
    end = most // 5
    return text[: most - end - 1] + "…" + text[len(text) - end :]


def capped(lines: Iterable[str], shown: Callable[[str], str] = str) -> list[str]:
    """``lines`` as they are told: the first ``PROBLEMS_SHOWN``, each as ``shown`` gives it
    (the command line withholds restricted names) and then ``cut``, and a last line saying
    how many more there are."""
    lines = lines if isinstance(lines, Sequence) else list(lines)
    told = [cut(shown(line)) for line in lines[:PROBLEMS_SHOWN]]
    more = len(lines) - len(told)
    if more:
        told.append(f"… and {more:,} more problem{'s' if more > 1 else ''}")
    return told

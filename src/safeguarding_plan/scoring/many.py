"""Scoring many plans at once, for a regional network: one result per file, whatever happens
to the others."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

import attrs

from safeguarding_plan.errors import PlanError, UnknownReviewError
from safeguarding_plan.model.timescales import Timescale
from safeguarding_plan.planfile.loading import MAX_BYTES, load, read_limit
from safeguarding_plan.scoring.progress import Score, as_of_date, score
from safeguarding_plan.values import Value


@attrs.frozen(repr=False, eq=False)
class PlanResult(Value):
    """One plan file's score, or the problems that stopped it being scored."""

    file: str
    score: Score | None
    """None when the file could not be read or scored."""
    problems: tuple[str, ...] = ()
    """One line each, as ``file:line:column: message``."""


def score_many(
    paths: Iterable[str | bytes | os.PathLike[str] | os.PathLike[bytes]],
    *,
    review: str | None = None,
    as_of: date | str | None = None,
    timescales: Sequence[Timescale] = (),
    max_bytes: int = MAX_BYTES,
) -> Iterator[PlanResult]:
    """Each plan's score at ``review`` (default: each plan's latest), in the order given; a file
    that can't be read or scored gives its problems and the others go on. Lazy and linear: one
    plan is in memory at a time. ``as_of`` and ``timescales`` are as for `score`, ``max_bytes``
    as for `load`.

    ``paths`` is a list (or any iterable) of paths, each text, bytes or ``os.PathLike``; one
    path on its own (``score_many("plan.yaml")``) is refused with a TypeError, as is an item
    that is no path, and an ``as_of`` that `score` refuses is refused before any plan is read.
    Like any generator, each is raised as the first result is asked for.

    Only a file that cannot be read (a name no file can have, such as one holding a NUL
    character, included), a plan's PlanError and a review it does not have become a result's
    problems; any other exception is a bug, and propagates."""
    if isinstance(paths, str | bytes | bytearray | os.PathLike):
        raise TypeError(
            "score_many() takes a list of paths, not one path: score_many([path]) scores one "
            "plan, or use score(load(path))"
        )
    try:
        each = iter(paths)
    except TypeError:
        raise TypeError(f"score_many() takes a list of paths, not {type(paths).__name__}") from None
    as_of = as_of_date(as_of)
    max_bytes = read_limit(max_bytes)
    for path in each:
        if not isinstance(path, str | bytes | os.PathLike):
            raise TypeError(
                "score_many() takes paths, each text, bytes or os.PathLike, not "
                f"{type(path).__name__}"
            )
        yield _result(os.fsdecode(path), review, as_of, timescales, max_bytes)


def _result(
    file: str,
    review: str | None,
    as_of: date | None,
    timescales: Sequence[Timescale],
    max_bytes: int,
) -> PlanResult:
    unusable = _unusable(file)
    if unusable:
        return PlanResult(file, None, (f"{file}: cannot read the file: {unusable}",))
    try:
        plan = load(file, max_bytes=max_bytes)
    except OSError as err:
        return PlanResult(file, None, (f"{file}: cannot read the file: {err.strerror or err}",))
    except PlanError as err:
        return PlanResult(file, None, tuple(str(p) for p in err.problems))
    try:
        return PlanResult(file, score(plan, review=review, as_of=as_of, timescales=timescales))
    except UnknownReviewError as err:  # a review this plan does not have
        return PlanResult(file, None, (f"{file}: {err}",))


def _unusable(file: str) -> str | None:
    """Why no file can have the name ``file``, or None: ``open`` would raise ValueError, not
    OSError, for it."""
    if not file:
        return "the name is empty"
    if "\x00" in file:
        return "the name holds a NUL character, which no file name can"
    try:
        os.fsencode(file)
    except UnicodeError:
        return "the name holds a character no file name here can"
    return None

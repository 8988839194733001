"""Scoring many plans at once, for a regional network: one result per file, whatever happens
to the others."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

import attrs

from safeguarding_plan.errors import PlanError, UnknownReviewError
from safeguarding_plan.model.timescales import Timescale
from safeguarding_plan.planfile.loading import load
from safeguarding_plan.scoring.progress import Score, score


@attrs.frozen
class PlanResult:
    """One plan file's score, or the problems that stopped it being scored."""

    file: str
    score: Score | None
    """None when the file could not be read or scored."""
    problems: tuple[str, ...] = ()
    """One line each, as ``file:line:column: message``."""


def score_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    review: str | None = None,
    as_of: date | None = None,
    timescales: Sequence[Timescale] = (),
) -> Iterator[PlanResult]:
    """Each plan's score at ``review`` (default: each plan's latest), in the order given; a file
    that can't be read or scored gives its problems and the others go on. Lazy and linear: one
    plan is in memory at a time. ``timescales`` are a plugin's, as for `score`.

    Only a file that cannot be read, a plan's PlanError and a review it does not have become a
    result's problems; any other exception is a bug, and propagates."""
    for path in paths:
        yield _result(os.fspath(path), review, as_of, timescales)


def _result(
    file: str, review: str | None, as_of: date | None, timescales: Sequence[Timescale]
) -> PlanResult:
    try:
        plan = load(file)
    except OSError as err:
        return PlanResult(file, None, (f"{file}: cannot read the file: {err.strerror or err}",))
    except PlanError as err:
        return PlanResult(file, None, tuple(str(p) for p in err.problems))
    try:
        return PlanResult(file, score(plan, review=review, as_of=as_of, timescales=timescales))
    except UnknownReviewError as err:  # a review this plan does not have
        return PlanResult(file, None, (f"{file}: {err}",))

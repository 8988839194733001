"""A tracker's Data sheet: which plan, review and lead it was written for, checked.

Held apart from the reading of the Actions sheet because it decides what that sheet is read
against: a tracker of another plan, format or audience is refused before any row is read, and
the review it shows gives the states its rows started from and what its Previous columns show.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from safeguarding_plan.errors import did_you_mean, shown
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.formats.xlsx.cells import Tell
from safeguarding_plan.model.plan import ActionState, Plan
from safeguarding_plan.reporting.leads import LeadsRead
from safeguarding_plan.text import clean

_DATA_VALUE = 2
"""The Data sheet's column of values, each beside its key in the first."""


@attrs.frozen
class Shown:
    """What a tracker's Data sheet says it shows, as the plan has it."""

    states: Mapping[str, ActionState]
    """The action states the rows are read against: those of the review the tracker shows (of
    the review before, for a tracker of the very review it is imported into)."""
    lead: str | None
    """For a lead's form, the lead it was written for, as the tracker shows it."""
    previous_ratings: dict[str, str]
    """The Previous rating each action's row was written with (none: empty)."""
    previous_notes: dict[str, str]
    """The Previous update an update form's row was written with (none: empty)."""
    said: LeadsRead | None = None
    """For a lead's form, how it shows the plan's texts (restricted words withheld)."""
    form: bool = False
    """Whether it is an update form, sent with its Update column empty."""
    sent: frozenset[str] | None = None
    """For a lead's form, the ids of the actions it was sent with; None for a form that does
    not say (one written before forms said)."""
    review: str | None = None
    """The review the tracker shows; None for one exported before the plan had reviews."""
    measures: bool = False
    """Whether it was written with a Measures sheet."""


def read(plan: Plan, review_id: str, sheet: Any, problem: Tell) -> Shown | None:
    """The Data ``sheet`` of a tracker to be imported into review ``review_id``, checked
    against ``plan``; None (and each problem told) if it is not the plan's."""
    data: dict[str, tuple[str, int]] = {}
    for number, cells in enumerate(sheet.iter_rows(max_col=2, values_only=True), start=1):
        key, text = [*cells, None, None][:2]
        if isinstance(key, str):
            data[key] = ("" if text is None else str(text), number)

    def value(key: str) -> str:
        return data.get(key, ("", 0))[0]

    def wrong(key: str, message: str) -> None:
        problem(tracker.DATA, data.get(key, ("", 0))[1], _DATA_VALUE, message)

    written = value(tracker.META_FORMAT)
    if written != tracker.FORMAT:
        wrong(
            tracker.META_FORMAT,
            (f"tracker format {shown(written)}" if written else "the tracker format is missing")
            + f"; this version reads {tracker.FORMAT!r} (export the tracker again)",
        )
        return None
    # A lead's form withholds restricted words: its texts are read as it wrote them.
    form = (
        LeadsRead.of(plan) if value(tracker.META_LEAD) and value(tracker.META_NEW_REVIEW) else None
    )
    said = form.text if form else str
    expected = {
        tracker.META_PARTNERSHIP: clean(said(plan.partnership.name)),
        tracker.META_PLAN: clean(said(plan.title)),
        tracker.META_PERIOD: clean(said(plan.period.text))
        if plan.period and plan.period.text
        else "",
    }
    ok = True
    for key, want in expected.items():
        if value(key) != want:
            wrong(key, f"the tracker is for {key} {shown(value(key))}, not {shown(want)}")
            ok = False
    if value(tracker.META_AUDIENCE) != "board":
        wrong(
            tracker.META_AUDIENCE,
            f"a {value(tracker.META_AUDIENCE) or 'unknown'}-audience tracker leaves "
            "restricted actions out; import a board tracker",
        )
        ok = False
    new_review = value(tracker.META_NEW_REVIEW)
    if new_review and new_review != review_id:
        wrong(
            tracker.META_NEW_REVIEW,
            f"this is the update form for review {shown(new_review)}, not {shown(review_id)}",
        )
        ok = False
    lead = value(tracker.META_LEAD) or None
    shown_review = value(tracker.META_REVIEW) or None
    known = {r.id for r in plan.reviews}
    if shown_review is not None and shown_review not in known:
        wrong(
            tracker.META_REVIEW,
            f"the tracker shows review {shown(shown_review)}, which the plan does not have"
            + did_you_mean(shown_review, known),
        )
        ok = False
    if not ok:
        return None
    if shown_review is None:  # exported before the plan had reviews: the plan as written
        states = attrs.evolve(plan, reviews=()).states()
    else:
        states = plan.states(shown_review)
    # What the Previous rating column shows: an update form starts from the review it
    # shows; a tracker shows the rating at the review before that one.
    ids = [r.id for r in plan.reviews]
    if new_review:
        previous: Mapping[str, ActionState] | None = states
    elif shown_review is None or ids.index(shown_review) == 0:
        previous = None
    else:
        previous = plan.states(ids[ids.index(shown_review) - 1])
    previous_ratings = {
        action_id: clean(state.rating.label) if state.rating else ""
        for action_id, state in (previous or {}).items()
    }
    updates = plan.review(shown_review).updates if shown_review else {}
    previous_notes = {
        action_id: clean(form.note(updates.get(action_id), state.note) if form else state.note)
        for action_id, state in (previous or {}).items()
        if state.note
    }
    if shown_review == review_id:
        # A tracker of the very review it is imported into (late returns, a correction):
        # it is read against the review before, so that what it shows unchanged, a due
        # date that review moved, is given again rather than dropped with the update.
        before = ids.index(shown_review)
        states = plan.states(ids[before - 1]) if before else attrs.evolve(plan, reviews=()).states()
    sent = _sent(value(tracker.META_ACTIONS)) if lead else None
    return Shown(
        states,
        lead,
        previous_ratings,
        previous_notes,
        form,
        form=bool(new_review),
        sent=sent,
        review=shown_review,
        measures=bool(value(tracker.META_MEASURES)),
    )


def _sent(listed: str) -> frozenset[str] | None:
    """The ids a lead's form was sent with, a line each; None when it does not say."""
    return frozenset(listed.split("\n")) if listed else None

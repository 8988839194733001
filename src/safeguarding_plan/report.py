"""The report: everything a document shows, computed once from a plan at a review.

Exporters render a ``Report`` and nothing else: they never score, re-read the plan or
decide what an audience may see. That keeps every format (ours and plugins') saying the same
thing, and keeps restricted content out of public documents in one place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from .dates import DateError, parse_iso_date
from .gcpause import paused_gc
from .model import (
    AUDIENCES,
    NATIONAL_THEMES,
    REVIEW_DATES,
    ActionState,
    Audience,
    Due,
    Plan,
    Progress,
    Rag,
    Rating,
    Review,
)
from .redaction import REDACTED, Redactor
from .scoring import Change, Comparison, Counts, Score, compare, is_overdue, score
from .timescales import Timescale
from .wording import expected_sentence, headline, learning_sentence, long_date, plural, ratings_text

WITHHELD = "This action is not published."
"""What a public document shows in place of a restricted action's text."""

WITHHELD_UPDATE = "This update is not published."
"""What a public document shows in place of a restricted update's note."""


@attrs.frozen
class ActionRow:
    """One action as a document shows it."""

    priority_id: str
    id: str
    text: str
    """The action's text, or ``WITHHELD`` for a restricted action in a public report."""
    lead: str | None
    due: str | None
    """The due date as written (or as last revised)."""
    due_date: date | None
    """The day it is counted as due by."""
    progress: Progress
    rating: Rating | None
    note: str | None
    """This review's update; None when the review has none for the action."""
    previous_rating: Rating | None
    """The rating at the previous review (None at the first review, or if it was unrated)."""
    overdue: bool
    withheld: bool
    """True when the audience may not see this action; text, lead and note are then neutral."""

    @property
    def status(self) -> str:
        """Symbol and words, never a symbol or colour alone: ``😊 Good progress (complete)``."""
        progress = self.progress.label.lower()
        if self.rating is None:
            return f"Not yet rated ({progress})"
        symbol = f"{self.rating.symbol} " if self.rating.symbol else ""
        return f"{symbol}{self.rating.label} ({progress})"

    @property
    def red(self) -> bool:
        """Rated at a RAG colour of red."""
        return self.rating is not None and self.rating.rag is Rag.RED

    @property
    def exception_reasons(self) -> str:
        """Why the row is an exception: ``Overdue; rated red`` (empty when it is not one)."""
        return "; ".join(
            w for w, flag in (("Overdue", self.overdue), ("rated red", self.red)) if flag
        ).capitalize()

    @property
    def details(self) -> str:
        """``Lead: Business Unit. Due: by November 2021.`` for the action cell; may be empty."""
        parts = [
            f"Lead: {self.lead}." if self.lead else "",
            f"Due: {self.due}." if self.due else "",
        ]
        return " ".join(p for p in parts if p)


@attrs.frozen
class PrioritySection:
    """A priority's summary numbers and its action rows."""

    id: str
    title: str
    counts: Counts
    ratings: str
    """The ratings in words: ``9 good progress, 1 limited progress``."""
    rows: tuple[ActionRow, ...]

    @property
    def heading(self) -> str:
        """``Priority 1 – Strong Leadership …`` as the seed heads its tables."""
        return f"Priority {self.id} – {self.title}"


@attrs.frozen
class ChangeRow:
    """One change since the previous review, in words."""

    kind: str
    """``Newly complete``, ``Rating improved``, ``Rating worsened``, ``Newly overdue`` or
    ``Due date moved``."""
    action_id: str
    before: str
    after: str


@attrs.frozen
class Changes:
    """What changed since the previous review."""

    previous_id: str
    previous_title: str
    rows: tuple[ChangeRow, ...]


@attrs.frozen
class RecommendationRow:
    """A case review's recommendation and the plan's actions that carry it out."""

    id: str
    text: str
    actions: tuple[tuple[str, str], ...]
    """``(action id, its progress in words)`` for each action, e.g. ``("2.6", "Complete")``."""
    complete: int
    """How many of its actions are complete, as the score counts them."""

    @property
    def implemented(self) -> bool:
        """Every one of its actions is complete (a recommendation with none is not)."""
        return bool(self.actions) and self.complete == len(self.actions)

    @property
    def progress(self) -> str:
        """``2 of 3 actions complete``, ``Implemented`` or ``No action in the plan yet``."""
        if not self.actions:
            return "No action in the plan yet"
        if self.implemented:
            return "Implemented"
        return f"{self.complete} of {plural(len(self.actions), 'action')} complete"


@attrs.frozen
class CaseReviewRow:
    """One case review as a document shows it."""

    id: str
    kind: str
    """The kind in words: ``Local child safeguarding practice review``."""
    title: str
    subject: str | None
    """Who the review is about; None when there is none, or in a public document unless the
    plan marks the subject not restricted."""
    status: str | None
    dates: tuple[tuple[str, str], ...]
    """``(what, when)`` in the order they happen, e.g. ``("Published", "September 2021")``."""
    timeliness: tuple[str, ...]
    """Each timed step in one sentence: ``Notify the national panel: on time, in 3 working
    days (within 5 working days)``."""
    themes: tuple[str, ...]
    """Its practice themes, in words."""
    recommendations: tuple[RecommendationRow, ...]

    @property
    def date_lines(self) -> tuple[str, ...]:
        """Each date as a document writes it on a line: ``Published: September 2021``."""
        return tuple(f"{what}: {when}" for what, when in self.dates)


@attrs.frozen
class LearningSection:
    """The "Learning from reviews" section: every case review of the plan."""

    summary: str
    """``4 case reviews. 3 of 5 recommendations implemented (60%). 1 review is late.``"""
    reviews: tuple[CaseReviewRow, ...]
    themes: tuple[tuple[str, int], ...]
    """Each practice theme in words with the number of reviews that raise it: the six
    national themes always, then the plan's own that a review raises."""
    heading: str = "Learning from reviews"


@attrs.frozen
class Report:
    """What every document of a plan at one review shows, for one audience."""

    audience: Audience
    partnership: str
    short_name: str | None
    plan_title: str
    period: str | None
    """The plan period as written (``2021/23``)."""
    review_id: str | None
    review_title: str | None
    as_of: date | None
    as_of_text: str | None
    """``31 January 2022``: the date as the documents write it."""
    headline: str
    """The seed's sentences: "The Plan has 4 strategic priorities and 33 actions. At the end
    of January 2022, 73% of the actions have been completed." """
    expected: str | None
    """"20 actions were due by 31 January 2022; 15 of them are complete." (None without a date)"""
    score: Score
    ratings: str
    """The whole plan's ratings in words: ``18 good progress, 12 some progress, …``."""
    priorities: tuple[PrioritySection, ...]
    exceptions: tuple[ActionRow, ...]
    """Overdue or red-rated actions, in plan order."""
    changes: Changes | None
    """None for the first review."""
    key: tuple[Rating, ...]
    """The rating scale, best first."""
    action_heading: str
    """``Planned Action (2021-23)``: the seed's first column."""
    update_heading: str
    """``February 2022 – Update``: the review's title, the seed's second column."""
    status_heading: str = "Status"
    learning: LearningSection | None = None
    """The plan's case reviews; None when it records none."""

    @property
    def rows(self) -> tuple[ActionRow, ...]:
        """Every action row, in plan order."""
        return tuple(row for section in self.priorities for row in section.rows)


@paused_gc()
def report(
    plan: Plan,
    review: str | None = None,
    as_of: date | None = None,
    audience: Audience = "board",
    timescales: Sequence[Timescale] = (),
) -> Report:
    """Compute what documents of ``plan`` at ``review`` (default: the latest) show; case
    reviews are also timed against ``timescales`` (a plugin's)."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")
    result = score(plan, review=review, as_of=as_of, timescales=timescales)
    states = plan.states(result.review)
    before = _previous_review(plan, result.review)
    previous = plan.states(before.id) if before else None
    public = audience == "public"
    reviewed = plan.review(result.review) if result.review else None
    hidden_notes = {
        action_id
        for action_id, update in (reviewed.updates.items() if reviewed else ())
        if update.restricted
    }

    def row(priority_id: str, state: ActionState) -> ActionRow:
        withheld = public and state.action.restricted
        return ActionRow(
            priority_id=priority_id,
            id=state.action.id,
            text=WITHHELD if withheld else state.action.text,
            lead=None if withheld else state.action.lead,
            due=state.due.text if state.due else None,
            due_date=state.due.last_day if state.due else None,
            progress=state.progress,
            rating=state.rating,
            note=None
            if withheld
            else WITHHELD_UPDATE
            if public and state.action.id in hidden_notes and state.note is not None
            else state.note,
            previous_rating=previous[state.action.id].rating if previous else None,
            overdue=is_overdue(state, result.as_of),
            withheld=withheld,
        )

    sections = tuple(
        PrioritySection(
            id=p.id,
            title=p.title,
            counts=result.by_priority[p.id],
            ratings=ratings_text(plan.ratings, result.by_priority[p.id]),
            rows=tuple(row(p.id, states[a.id]) for a in p.actions),
        )
        for p in plan.priorities
    )
    made = Report(
        audience=audience,
        partnership=plan.partnership.name,
        short_name=plan.partnership.short_name,
        plan_title=plan.title,
        period=plan.period.text if plan.period else None,
        review_id=result.review,
        review_title=reviewed.title if reviewed else None,
        as_of=result.as_of,
        as_of_text=long_date(result.as_of) if result.as_of else None,
        headline=headline(plan, result),
        expected=expected_sentence(result) if result.as_of else None,
        score=result,
        ratings=ratings_text(plan.ratings, result),
        priorities=sections,
        exceptions=tuple(r for s in sections for r in s.rows if r.overdue or r.red),
        changes=_changes(plan, before, result.review),
        key=plan.ratings.ratings,
        action_heading=f"Planned Action ({plan.period.label})" if plan.period else "Planned Action",
        update_heading=reviewed.title if reviewed else "Update",
        learning=_learning(plan, result, states, public),
    )
    return _redacted(made, withholding(plan)) if public else made


def withholding(plan: Plan) -> Redactor:
    """What withholds the plan's restricted words in a public document, and in anything a
    public export prints or is given (its file name, its options)."""
    return Redactor(restricted_words(plan))


def restricted_words(plan: Plan) -> tuple[str, ...]:
    """The plan's restricted words, the names of its restricted people and the restricted
    subjects of its case reviews."""
    names = (p.name for p in plan.partnership.people if p.restricted)
    subjects = (r.subject for r in plan.case_reviews if r.subject and r.subject_restricted)
    return tuple(dict.fromkeys((*plan.restricted_words, *names, *subjects)))


def _learning(
    plan: Plan, result: Score, states: Mapping[str, ActionState], public: bool
) -> LearningSection | None:
    learning = result.learning
    if learning is None:
        return None
    themes = {t.id: t.label for t in (*NATIONAL_THEMES, *plan.practice_themes)}
    raised = Counter(t for r in plan.case_reviews for t in dict.fromkeys(r.themes))
    rows = []
    for review, scored in zip(plan.case_reviews, learning.reviews, strict=True):
        hidden = public and review.subject_restricted
        rows.append(
            CaseReviewRow(
                id=review.id,
                kind=review.kind.label,
                title=review.title,
                subject=None if hidden else review.subject,
                status=review.status.label if review.status else None,
                dates=tuple(
                    (REVIEW_DATES.get(name, name.replace("_", " ").capitalize()), _when(when))
                    for name, when in _in_order(review.dates)
                ),
                timeliness=tuple(step.words for step in scored.steps),
                themes=tuple(themes.get(t, t) for t in review.themes),
                recommendations=tuple(
                    RecommendationRow(
                        id=rec.id,
                        text=rec.text,
                        actions=tuple((a, _progress(states, a)) for a in rec.actions),
                        complete=done.complete,
                    )
                    for rec, done in zip(
                        review.recommendations, scored.recommendations, strict=True
                    )
                ),
            )
        )
    shown_themes = [(t.label, raised[t.id]) for t in NATIONAL_THEMES] + [
        (t.label, raised[t.id]) for t in plan.practice_themes if raised[t.id]
    ]
    return LearningSection(
        summary=learning_sentence(learning),
        reviews=tuple(rows),
        themes=tuple(shown_themes),
    )


def _in_order(dates: Mapping[str, Due]) -> list[tuple[str, Due]]:
    known = {name: n for n, name in enumerate(REVIEW_DATES)}
    return sorted(
        dates.items(), key=lambda item: (known.get(item[0], len(known)), item[1].last_day)
    )


def _when(when: Due) -> str:
    """A day as documents write it (``14 September 2021``); a month or other text as written."""
    try:
        return long_date(parse_iso_date(when.text))
    except DateError:
        return when.text


def _progress(states: Mapping[str, ActionState], action_id: str) -> str:
    state = states.get(action_id)
    return state.progress.label if state else "Not in the plan"


def _redacted(made: Report, redactor: Redactor) -> Report:
    """``made`` with every restricted word, as a reader would read it, withheld in every piece
    of text, and every id that reads as a name with the text printed beside it withheld whole.
    Two keys (priority ids, rating keys) never become one: the second gets a numbered
    placeholder, ``[withheld 2]``; other texts are not numbered, so a number never tells a
    reader which records are about the same person."""
    if not redactor:
        return made
    whole = {
        ident
        for ident, text in _side_by_side(made)
        if not redactor.finds(ident) and redactor.finds(f"{ident} {redactor.redact(text)}")
    }

    def shown_as(text: str, placeholder: str = REDACTED) -> str:
        return placeholder if text in whole else redactor.redact(text, placeholder)

    keys = list(dict.fromkeys(_keys(made)))
    texts: dict[str, str] = {}  # each text as shown, by the text as written
    taken = {key for key in keys if shown_as(key) == key}
    numbers: dict[str, int] = {}  # the last number given to keys shown alike
    for key in keys:
        shown = plain = shown_as(key)
        if shown == key:
            continue
        while shown in taken:
            numbers[plain] = numbers.get(plain, 1) + 1
            shown = shown_as(key, f"{REDACTED[:-1]} {numbers[plain]}]")
        taken.add(shown)
        texts[key] = shown

    done: dict[int, Any] = {}  # an object shared in two places (a row, its exception) stays one

    def redact(value: Any) -> Any:
        if isinstance(value, str):
            if value not in texts:
                texts[value] = shown_as(value)
            return texts[value]
        if id(value) in done:
            return done[id(value)]
        if isinstance(value, tuple):
            result: Any = tuple(redact(v) for v in value)
        elif isinstance(value, Mapping):
            result = {redact(k): redact(v) for k, v in value.items()}
        elif attrs.has(type(value)):
            changes = {
                f.alias: redact(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.init
            }
            result = attrs.evolve(value, **changes)
        else:
            return value  # numbers, dates, enums
        done[id(value)] = result
        return result

    redacted: Report = redact(made)
    return redacted


def _side_by_side(made: Report) -> Iterator[tuple[str, str]]:
    """Each id (or rating symbol) and the text documents print right after it (``1.2 Audit of
    …``, ``😊 Good progress``)."""
    for section in made.priorities:
        yield section.id, section.title
        for row in section.rows:
            yield row.id, row.text
    for rating in made.key:  # a status is "😊 Good progress": a symbol, then its label
        if rating.symbol:
            yield rating.symbol, rating.label
    for review in made.learning.reviews if made.learning else ():
        yield review.id, review.title
        for recommendation in review.recommendations:
            yield recommendation.id, recommendation.text


def _keys(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every text that is a key of a mapping anywhere in ``value``."""
    seen = set() if seen is None else seen
    if isinstance(value, str | int | float | date) or value is None or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Mapping):
        yield from (k for k in value if isinstance(k, str))
        for item in value.values():
            yield from _keys(item, seen)
    elif isinstance(value, tuple):
        for item in value:
            yield from _keys(item, seen)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _keys(getattr(value, field.name), seen)


def _previous_review(plan: Plan, review_id: str | None) -> Review | None:
    """The review before ``review_id``; None for the first (or with no reviews)."""
    ids = [r.id for r in plan.reviews]
    if review_id is None or ids.index(review_id) == 0:
        return None
    return plan.reviews[ids.index(review_id) - 1]


def _changes(plan: Plan, previous: Review | None, review_id: str | None) -> Changes | None:
    if previous is None or review_id is None:
        return None
    delta: Comparison = compare(plan, previous.id, review_id)
    words = {r.key: f"{r.symbol} {r.label}" if r.symbol else r.label for r in plan.ratings}
    progress_words = {p.value: p.label for p in Progress}

    def named(words: dict[str, str]) -> Callable[[Change], tuple[str, str]]:
        return lambda c: (
            words.get(c.before or "", c.before or "none"),
            words.get(c.after or "", c.after or "none"),
        )

    def overdue(c: Change) -> tuple[str, str]:
        return "Not overdue", f"Overdue (due {c.after})"

    kinds: tuple[tuple[str, tuple[Change, ...], Callable[[Change], tuple[str, str]]], ...] = (
        ("Newly complete", delta.newly_complete, named(progress_words)),
        ("Rating improved", delta.rating_improved, named(words)),
        ("Rating worsened", delta.rating_worsened, named(words)),
        ("Newly overdue", delta.newly_overdue, overdue),
        ("Due date moved", delta.due_moved, named({})),
    )
    rows = tuple(
        ChangeRow(kind, c.action_id, *show(c)) for kind, changes, show in kinds for c in changes
    )
    return Changes(previous_id=previous.id, previous_title=previous.title, rows=rows)

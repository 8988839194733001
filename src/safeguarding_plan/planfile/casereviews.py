"""Reading a plan file's case reviews, practice themes and timescales (see ``reader``).

Every problem is located like the rest of the file's: an unknown kind, status, date name or
theme with the nearest right word, a recommendation naming an action the plan does not have,
dates out of order, a timescale whose length cannot be read.
"""

from __future__ import annotations

import re
from datetime import date

from safeguarding_plan.errors import did_you_mean, shown
from safeguarding_plan.model.casereviews import (
    NATIONAL_THEMES,
    REVIEW_DATES,
    CaseReview,
    CaseReviewKind,
    CaseReviewStatus,
    PracticeTheme,
    Recommendation,
)
from safeguarding_plan.model.due import Due
from safeguarding_plan.model.timescales import TIMESCALES, Timescale
from safeguarding_plan.planfile.composing import MappingNode, Node
from safeguarding_plan.planfile.lengths import length_of_time
from safeguarding_plan.planfile.reader import EMPTY, NodeReader, named, scalar, withholdable

_DATE_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


def practice_themes(reader: NodeReader, node: Node | None) -> tuple[PracticeTheme, ...]:
    """The plan's own practice themes; an id may not repeat a national theme's."""
    if node is None:
        return ()
    items = reader.items(node, "'practice_themes'")
    _unique_ids(reader, items, "practice theme id")
    national = {t.id for t in NATIONAL_THEMES}
    themes = []
    for item in items:
        found = reader.fields(item, "a practice theme", ("id", "label"))
        if found is None or not {"id", "label"} <= found.keys():
            continue
        ident = reader.ident(found["id"], "a practice theme's id")
        label = reader.text(found["label"], "a practice theme's label")
        if ident in national:
            reader.problem(
                found["id"], f"practice theme {shown(ident)} is one of the six national themes"
            )
        elif ident is not None and label is not None:
            themes.append(PracticeTheme(ident, label))
    return tuple(themes)


def timescales(reader: NodeReader, node: Node | None) -> tuple[Timescale, ...]:
    """The partnership's own timescales, besides the statutory ones."""
    if node is None:
        return ()
    items = reader.items(node, "'timescales'")
    made: list[Timescale] = []
    statutory = {t.step for t in TIMESCALES}
    steps: dict[str, int] = {}
    for item in items:
        found = reader.fields(
            item, "a timescale", ("step", "label", "from", "to", "within", "source"), ("kinds",)
        )
        if found is None:
            continue
        values = {
            key: reader.text(found[key], f"'{key}' of a timescale")
            for key in ("step", "label", "from", "to", "within", "source")
            if key in found
        }
        for key in ("step", "from", "to"):
            name = values.get(key)
            if name is not None and not _DATE_NAME.match(name):
                reader.problem(
                    found[key],
                    f"'{key}' of a timescale must be a name in lower case with '_' between "
                    f"words, such as 'learning_shared', not {shown(name)}",
                )
                values[key] = None
        step = values.get("step")
        if step in statutory:
            reader.problem(
                found["step"],
                f"timescale step {shown(step or '')} is a statutory timescale's; give yours "
                "another name",
            )
            continue
        if step is not None and step in steps:
            reader.problem(
                found["step"],
                f"duplicate timescale step {shown(step)} (first used on line {steps[step]})",
            )
            continue
        within = values.get("within")
        length = length_of_time(within) if within is not None else None
        if within is not None and length is None:
            reader.problem(
                found["within"],
                f"cannot read {shown(within)} as a time; write e.g. '10 working days', "
                "'28 days' or '6 months'",
            )
        kinds = [
            reader.choice(kind, CaseReviewKind, "review kind", "review kind")
            for kind in reader.items(found.get("kinds", EMPTY), "'kinds' of a timescale")
        ]
        label, start, end, source = (values.get(k) for k in ("label", "from", "to", "source"))
        if (
            step is None
            or label is None
            or start is None
            or end is None
            or source is None
            or length is None
            or None in kinds
        ):
            continue
        steps[step] = found["step"].line + 1
        made.append(
            Timescale(
                step=step,
                label=label,
                start=start,
                end=end,
                length=length.length,
                unit=length.unit,
                source=source,
                kinds=tuple(k for k in kinds if k is not None),
            )
        )
    return tuple(made)


def case_reviews(
    reader: NodeReader,
    node: Node | None,
    action_ids: list[str] | None,
    themes: tuple[PracticeTheme, ...],
    own: tuple[Timescale, ...],
) -> tuple[CaseReview, ...]:
    """The case reviews; ``action_ids`` is None when the actions could not all be read."""
    if node is None:
        return ()
    items = reader.items(node, "'case_reviews'")
    _unique_ids(reader, items, "case review id")
    theme_ids = [t.id for t in (*NATIONAL_THEMES, *themes)]
    date_names = list(dict.fromkeys((*REVIEW_DATES, *(n for t in own for n in (t.start, t.end)))))
    pairs = [(t.start, t.end) for t in (*TIMESCALES, *own)]
    made = []
    for item in items:
        review = _case_review(
            reader, item, action_ids, theme_ids=theme_ids, date_names=date_names, pairs=pairs
        )
        if review is not None:
            made.append(review)
    return tuple(made)


def _case_review(
    reader: NodeReader,
    node: Node,
    action_ids: list[str] | None,
    *,
    theme_ids: list[str],
    date_names: list[str],
    pairs: list[tuple[str, str]],
) -> CaseReview | None:
    what = named(node, "case review", "a case review")
    found = reader.fields(
        node,
        what,
        ("id", "kind", "title"),
        ("subject", "status", "dates", "themes", "recommendations"),
    )
    if found is None:
        return None
    ident = reader.ident(found["id"], "a case review's id") if "id" in found else None
    kind = (
        reader.choice(found["kind"], CaseReviewKind, "review kind", "review kind")
        if "kind" in found
        else None
    )
    title = reader.text(found["title"], f"'title' of {what}") if "title" in found else None
    status = (
        reader.choice(found["status"], CaseReviewStatus, "review status", "review status")
        if "status" in found
        else None
    )
    subject, restricted = _subject(reader, found.get("subject"), what)
    dates = _dates(reader, found.get("dates"), what, date_names, pairs)
    themes = []
    for item in reader.items(found.get("themes", EMPTY), f"'themes' of {what}"):
        theme = reader.ident(item, "a practice theme")
        if theme is not None and theme not in theme_ids:
            reader.problem(
                item,
                f"unknown practice theme {shown(theme)}{did_you_mean(theme, theme_ids)}; "
                "give the plan's own themes under 'practice_themes'",
            )
        elif theme is not None:
            themes.append(theme)
    recommendations = _recommendations(reader, found.get("recommendations"), what, action_ids)
    if ident is None or kind is None or title is None:
        return None
    return CaseReview(
        id=ident,
        kind=kind,
        title=title,
        subject=subject,
        subject_restricted=restricted,
        dates=dates,
        status=status,
        themes=tuple(themes),
        recommendations=recommendations,
    )


def _subject(reader: NodeReader, node: Node | None, what: str) -> tuple[str | None, bool]:
    """``subject: Child K`` (restricted) or ``subject: {name: ..., restricted: false}``."""
    if node is None:
        return None, True
    if isinstance(node, MappingNode):
        found = reader.fields(node, f"'subject' of {what}", ("name",), ("restricted",))
        if found is None or "name" not in found:
            return None, True
        name = reader.text(found["name"], f"the subject's name in {what}")
        restricted = (
            reader.flag(found["restricted"], f"'restricted' of the subject of {what}")
            if "restricted" in found
            else True
        )
    else:
        name, restricted = reader.text(node, f"'subject' of {what}"), True
    if name is not None and restricted and not withholdable(name):
        reader.problem(node, f"the subject {shown(name)} is too short to withhold; give a name")
        return None, True
    return name, restricted


def _dates(
    reader: NodeReader,
    node: Node | None,
    what: str,
    names: list[str],
    pairs: list[tuple[str, str]],
) -> dict[str, Due]:
    if node is None:
        return {}
    found = reader.fields(node, f"'dates' of {what}", (), tuple(names))
    if found is None:
        return {}
    dates: dict[str, Due] = {}
    days: dict[str, date] = {}
    for name, value in found.items():
        due = reader.due(value, f"'{name}' of {what}")
        if due is None:
            continue
        if due.last_day is None:  # a step's date is when it happened: 'TBC' is none
            reader.problem(
                value,
                f"'{name}' of {what} is {shown(due.text)}, which names no date; give the day "
                "or month it happened, or leave it out until it has",
            )
            continue
        dates[name], days[name] = due, due.last_day
    for start, end in pairs:
        if start in days and end in days and days[end] < days[start]:
            reader.problem(
                found[end],
                f"'{end}' ({dates[end].text}) is before '{start}' ({dates[start].text}) in {what}",
            )
    return dates


def _recommendations(
    reader: NodeReader, node: Node | None, what: str, action_ids: list[str] | None
) -> tuple[Recommendation, ...]:
    if node is None:
        return ()
    items = reader.items(node, f"'recommendations' of {what}")
    _unique_ids(reader, items, f"recommendation id in {what}")
    made = []
    for item in items:
        found = reader.fields(item, f"a recommendation of {what}", ("id", "text"), ("actions",))
        if found is None or not {"id", "text"} <= found.keys():
            continue
        ident = reader.ident(found["id"], "a recommendation's id")
        text = reader.text(found["text"], f"'text' of a recommendation of {what}")
        actions = []
        for action in reader.items(found.get("actions", EMPTY), "'actions' of a recommendation"):
            action_id = reader.ident(action, "an action id")
            if action_id is None:
                continue
            if action_ids is not None and action_id not in action_ids:
                reader.problem(
                    action,
                    f"recommendation {shown(ident or '')} of {what} names action "
                    f"{shown(action_id)}, which the plan does not have"
                    f"{did_you_mean(action_id, action_ids)}",
                )
                continue
            actions.append(action_id)
        if ident is not None and text is not None:
            made.append(Recommendation(ident, text, tuple(actions)))
    return tuple(made)


def _unique_ids(reader: NodeReader, items: list[Node], what: str) -> None:
    reader.unique((i for n in items if (i := scalar(n, "id")) is not None), what)

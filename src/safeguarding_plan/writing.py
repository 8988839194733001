"""Writing a plan back to its file format, so that ``load(dump(plan)) == plan``.

Keys come out in the order the format documents them, updates in plan order, so a plan
kept under version control shows small, readable diffs from one review to the next.
"""

from __future__ import annotations

import io
import os
from typing import IO, Any

import yaml

from .loading import FORMAT
from .model import Action, ActionUpdate, Plan, Priority, RatingScale, Review
from .ratings import BUILT_IN

try:
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # PyYAML built without libyaml
    _Dumper = yaml.SafeDumper


def dump(plan: Plan, target: str | os.PathLike[str] | IO[str]) -> None:
    """Write ``plan`` in format ``safeguarding-plan/1`` to a path or a text stream."""
    text = dumps(plan)
    if isinstance(target, str | os.PathLike):
        with open(target, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    else:
        target.write(text)


def dumps(plan: Plan) -> str:
    """The plan as the text of a plan file."""
    out = io.StringIO()
    # The safe dumper quotes any text that a YAML 1.1 reader would take for something else
    # ('1.10', 'no', '2022-01-31'), so files stay readable by other tools too.
    yaml.dump(
        _plan(plan),
        out,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return out.getvalue()


def _plan(plan: Plan) -> dict[str, Any]:
    partnership: dict[str, Any] = {"name": plan.partnership.name}
    if plan.partnership.short_name is not None:
        partnership["short_name"] = plan.partnership.short_name
    if plan.partnership.people:
        partnership["people"] = [{"role": p.role, "name": p.name} for p in plan.partnership.people]
    info: dict[str, Any] = {"title": plan.title}
    if plan.period is not None and plan.period.text is not None:
        info["period"] = plan.period.text
    elif plan.period is not None:
        info["start"], info["end"] = plan.period.start.isoformat(), plan.period.end.isoformat()
    data: dict[str, Any] = {
        "format": FORMAT,
        "partnership": partnership,
        "plan": info,
        "ratings": _scale(plan.ratings),
        "priorities": [_priority(p) for p in plan.priorities],
    }
    if plan.reviews:
        data["reviews"] = [_review(r) for r in plan.reviews]
    return data


def _scale(scale: RatingScale) -> str | list[dict[str, Any]]:
    if scale.name is not None and BUILT_IN.get(scale.name) == scale:
        return scale.name
    ratings = []
    for rating in scale:
        item = {"key": rating.key, "label": rating.label, "rag": rating.rag.value}
        if rating.symbol is not None:
            item["symbol"] = rating.symbol
        if rating.meaning is not None:
            item["meaning"] = rating.meaning
        ratings.append(item)
    return ratings


def _priority(priority: Priority) -> dict[str, Any]:
    return {
        "id": priority.id,
        "title": priority.title,
        "actions": [_action(a) for a in priority.actions],
    }


def _action(action: Action) -> dict[str, Any]:
    item: dict[str, Any] = {"id": action.id, "text": action.text}
    if action.lead is not None:
        item["lead"] = action.lead
    if action.due is not None:
        item["due"] = action.due.text
    if action.themes:
        item["themes"] = list(action.themes)
    if action.restricted:
        item["restricted"] = True
    return item


def _review(review: Review) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": review.id,
        "title": review.title,
        "as_of": review.as_of.isoformat(),
    }
    if review.updates:
        item["updates"] = {action_id: _update(u) for action_id, u in review.updates.items()}
    return item


def _update(update: ActionUpdate) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if update.progress is not None:
        item["progress"] = update.progress.value
    if update.rating is not None:
        item["rating"] = update.rating
    if update.note is not None:
        item["note"] = update.note
    if update.due is not None:
        item["due"] = update.due.text
    return item

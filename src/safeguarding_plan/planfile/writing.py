"""Writing a plan back to its file format, so that ``load(dump(plan)) == plan``.

Keys come out in the order the format documents them, updates in plan order (and a review's
measures in the order the plan lists them), so a plan
kept under version control shows small, readable diffs from one review to the next.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

import yaml

from safeguarding_plan.files import write_atomically
from safeguarding_plan.model.casereviews import CaseReview
from safeguarding_plan.model.impact import Assurance, Evidence, Measure, MeasureUnit, MeasureValue
from safeguarding_plan.model.paper import Paper
from safeguarding_plan.model.plan import Action, ActionUpdate, Plan, Priority, Review
from safeguarding_plan.model.ratings import RATING_SCALES, RatingScale
from safeguarding_plan.model.timescales import Timescale
from safeguarding_plan.model.yearly import Topic
from safeguarding_plan.planfile.loading import FORMAT
from safeguarding_plan.planfile.reader import CURLY_QUOTES
from safeguarding_plan.words import plural

if TYPE_CHECKING:
    from decimal import Decimal

_STR_TAG = "tag:yaml.org,2002:str"

# YAML's other line breaks (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR). PyYAML's and libyaml's
# emitters may write them raw inside single quotes, where a reader folds them away (or, like our
# loader, refuses them); in double quotes they are escaped (\N, \L, \P) and come back exactly.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")

# Plain text that some YAML reader takes for something else, which PyYAML's own (YAML 1.1)
# resolver does not quote: YAML 1.1's y/n booleans, and YAML 1.2 core-schema numbers such as
# '1e3' and '0o17'. Quoted, so the file means the same to every tool that reads it.
_NOT_TEXT_ELSEWHERE = re.compile(
    r"[yYnN]"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = None
    if _OTHER_BREAKS.search(text):
        style = '"'
    elif _NOT_TEXT_ELSEWHERE.fullmatch(text):
        style = "'"
    elif "\n" in text:
        style = "|"  # as a person writes several lines; the emitter quotes what "|" cannot hold
    elif text and (text[0] in CURLY_QUOTES or text[-1] in CURLY_QUOTES):
        style = "'"  # an id written plain in curly quotes is refused as a word processor's slip
    return dumper.represent_scalar(_STR_TAG, text, style=style)


class _PlanDumper(yaml.SafeDumper):
    """PyYAML's own emitter, not libyaml's (``CSafeDumper``): libyaml escapes every character
    beyond U+FFFF, so each emoji a partnership writes (😊, 👩🏽‍⚕️) would come back as
    ``"\\U0001F60A"`` in the file people edit. A plan is small; this takes milliseconds."""


class _Number(str):
    """A measure's number as written (``1.10``), written plain so that it reads as a number."""


def _represent_number(dumper: yaml.SafeDumper, text: _Number) -> yaml.ScalarNode:
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, str(text), style=None)


def _number(value: Decimal) -> _Number:
    return _Number(format(value, "f"))  # never '1E-7': the loader reads the digits as written


_PlanDumper.add_representer(str, _represent_text)
_PlanDumper.add_representer(_Number, _represent_number)


def dump(plan: Plan, target: str | os.PathLike[str] | IO[str]) -> None:
    """Write ``plan`` in format ``safeguarding-plan/1`` to a path (atomically: a failure leaves
    the old file as it was) or a text stream."""
    text = dumps(plan)
    if isinstance(target, str | os.PathLike):
        write_atomically(target, lambda stream: stream.write(text.encode("utf-8")))
    else:
        target.write(text)


def dumps(plan: Plan) -> str:
    """The plan as the text of a plan file."""
    out = io.StringIO()
    # Text that a YAML 1.1 or 1.2 reader would take for something else ('1.10', 'no',
    # '2022-01-31', '1e3') is quoted, so files stay readable by other tools too.
    yaml.dump(
        _plan(plan),
        out,
        Dumper=_PlanDumper,
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
        partnership["people"] = [
            {"role": p.role, "name": p.name} | ({"restricted": True} if p.restricted else {})
            for p in plan.partnership.people
        ]
    if plan.partnership.lead_partners:
        partnership["lead_partners"] = [
            {"role": p.role, "name": p.name} for p in plan.partnership.lead_partners
        ]
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
    if plan.measures:
        data["measures"] = [_measure(m) for m in plan.measures]
    if plan.review_every is not None:
        data["review_every"] = plan.review_every.text
    if plan.reviews:
        order = {action.id: number for number, action in enumerate(plan.actions)}
        listed = {measure.id: number for number, measure in enumerate(plan.measures)}
        data["reviews"] = [_review(r, order, listed) for r in plan.reviews]
    if plan.restricted_words:
        data["restricted_words"] = list(plan.restricted_words)
    if plan.practice_themes:
        data["practice_themes"] = [{"id": t.id, "label": t.label} for t in plan.practice_themes]
    if plan.timescales:
        data["timescales"] = [_timescale(t) for t in plan.timescales]
    if plan.case_reviews:
        data["case_reviews"] = [_case_review(r) for r in plan.case_reviews]
    if paper := _paper(plan.paper):
        data["paper"] = paper
    if plan.yearly_reports:
        data["yearly_reports"] = [
            {"year": y.text} | {t.value: y.topics[t].text for t in Topic if t in y.topics}
            for y in plan.yearly_reports
        ]
    return data


def _timescale(timescale: Timescale) -> dict[str, Any]:
    item: dict[str, Any] = {
        "step": timescale.step,
        "label": timescale.label,
        "from": timescale.start,
        "to": timescale.end,
        "within": plural(timescale.length, timescale.unit.noun),
        "source": timescale.source,
    }
    if timescale.kinds:
        item["kinds"] = [kind.value for kind in timescale.kinds]
    return item


def _case_review(review: CaseReview) -> dict[str, Any]:
    item: dict[str, Any] = {"id": review.id, "kind": review.kind.value, "title": review.title}
    if review.subject is not None:
        item["subject"] = (
            review.subject
            if review.subject_restricted
            else {"name": review.subject, "restricted": False}
        )
    if review.status is not None:
        item["status"] = review.status.value
    if review.dates:
        item["dates"] = {name: due.text for name, due in review.dates.items()}
    if review.themes:
        item["themes"] = list(review.themes)
    if review.recommendations:
        item["recommendations"] = [
            {"id": r.id, "text": r.text} | ({"actions": list(r.actions)} if r.actions else {})
            for r in review.recommendations
        ]
    return item


def _paper(paper: Paper) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if paper.meeting is not None:
        item["meeting"] = paper.meeting
    if paper.date is not None:
        item["date"] = paper.date.isoformat()
    if paper.report_of is not None:
        item["report_of"] = paper.report_of
    if paper.presented_by:
        item["presented_by"] = list(paper.presented_by)
    if paper.marking is not None:
        item["marking"] = paper.marking
    if paper.purpose is not None:
        item["purpose"] = paper.purpose.text
    if paper.recommendations:
        item["recommendations"] = [r.text for r in paper.recommendations]
    if paper.sections:
        item["sections"] = [
            {"title": s.title, "place": s.place.value}
            | ({"restricted": True} if s.restricted else {})
            | {"text": s.text.text}
            for s in paper.sections
        ]
    return item


def _scale(scale: RatingScale) -> str | list[dict[str, Any]]:
    if scale.name is not None and RATING_SCALES.get(scale.name) == scale:
        return scale.name
    ratings = []
    for rating in scale:
        item = {"key": rating.key, "label": rating.label}
        if rating.symbol is not None:
            item["symbol"] = rating.symbol
        item["rag"] = rating.rag.value
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
    if action.outcome is not None:
        item["outcome"] = action.outcome
    if action.evidenced_by is not None:
        item["evidenced_by"] = action.evidenced_by
    if action.themes:
        item["themes"] = list(action.themes)
    if action.restricted:
        item["restricted"] = True
    return item


def _review(review: Review, order: Mapping[str, int], listed: Mapping[str, int]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": review.id,
        "title": review.title,
        "as_of": review.as_of.isoformat(),
    }
    if paper := _paper(review.paper):
        item["paper"] = paper
    if review.updates:
        # In plan order, whatever order the updates were collected in.
        ids = sorted(review.updates, key=lambda a: order.get(a, len(order)))
        item["updates"] = {action_id: _update(review.updates[action_id]) for action_id in ids}
    if review.measures:
        # In the order the plan lists its measures.
        ids = sorted(review.measures, key=lambda m: listed.get(m, len(listed)))
        item["measures"] = {measure_id: _value(review.measures[measure_id]) for measure_id in ids}
    return item


def _value(value: MeasureValue) -> Any:
    if value.note is None and value.value is not None:
        return _number(value.value)
    item: dict[str, Any] = {}
    if value.value is not None:
        item["value"] = _number(value.value)
    if value.note is not None:
        item["note"] = value.note
    return item


def _measure(measure: Measure) -> dict[str, Any]:
    item: dict[str, Any] = {"id": measure.id, "title": measure.title}
    if measure.unit is not MeasureUnit.NUMBER:
        item["unit"] = measure.unit.value
    for key, value in (("baseline", measure.baseline), ("target", measure.target)):
        if value is not None:
            item[key] = _number(value)
    if measure.better is not None:
        item["better"] = measure.better.value
    if measure.priorities:
        item["priorities"] = list(measure.priorities)
    if measure.actions:
        item["actions"] = list(measure.actions)
    if measure.source is not None:
        item["source"] = measure.source
    if measure.restricted:
        item["restricted"] = True
    return item


def _evidence(evidence: Evidence) -> Any:
    if evidence.link is None and evidence.document is None:
        return evidence.text
    item = {"text": evidence.text}
    if evidence.link is not None:
        item["link"] = evidence.link
    if evidence.document is not None:
        item["document"] = evidence.document
    return item


def _assured(assured: Assurance) -> dict[str, Any]:
    return {"by": assured.by, "date": assured.date.isoformat()}


def _update(update: ActionUpdate) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if update.progress is not None:
        item["progress"] = update.progress.value
    if update.rating is not None:
        item["rating"] = update.rating
    if update.note is not None:
        item["note"] = update.note
    if update.evidence:
        item["evidence"] = [_evidence(e) for e in update.evidence]
    if update.assured is not None:
        item["assured"] = _assured(update.assured)
    if update.due is not None:
        item["due"] = update.due.text
    if update.restricted:
        item["restricted"] = True
    return item

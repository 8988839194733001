"""``json``: the report as data, for dashboards (Power BI and the like).

Keys come out in a fixed order and the document carries its own format version, so a
dashboard can check what it is reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

import attrs

from safeguarding_plan.exporting.exporter import Exporter
from safeguarding_plan.exporting.hookspecs import hookimpl
from safeguarding_plan.markup import Block, BulletList, ListItem, Span
from safeguarding_plan.reporting.charts import Chart
from safeguarding_plan.reporting.contents import ActionRow, Report
from safeguarding_plan.text import clean

FORMAT = "safeguarding-plan-report/1"


def _row(row: ActionRow) -> dict[str, Any]:
    rating = row.rating
    return {
        "priority": row.priority_id,
        "id": row.id,
        "text": row.text,
        "lead": row.lead,
        "due": row.due,
        "due_date": row.due_date.isoformat() if row.due_date else None,
        "progress": row.progress.value,
        "rating": rating.key if rating else None,
        "rating_label": rating.label if rating else None,
        "rating_symbol": rating.symbol if rating else None,
        "rag": rating.rag.value if rating else None,
        "status": row.status,
        "note": row.note,
        "overdue": row.overdue,
        "withheld": row.withheld,
    }


def _learning(report: Report) -> dict[str, Any] | None:
    """The case reviews in words and in numbers; None for a plan without any."""
    section, scored = report.learning, report.score.learning
    if section is None or scored is None:
        return None
    # A plan action's progress as the action rows give it; None for an id not in the plan.
    progress = {row.id: row.progress.value for row in report.rows}
    return {
        "summary": section.summary,
        "rule": section.rule,
        "reviews": [
            {
                "id": row.id,
                "kind": score.kind,
                "kind_label": row.kind,
                "title": row.title,
                "subject": row.subject,
                "status": score.status,
                "status_label": row.status,
                "dates": [{"what": what, "when": when} for what, when in row.dates],
                "timeliness": list(row.timeliness),
                "steps": [
                    {
                        "step": step.step,
                        "label": step.label,
                        "timeliness": step.timeliness,
                        "deadline": step.deadline.isoformat() if step.deadline else None,
                        "taken": step.taken,
                        "late_by": step.late_by,
                        "unit": step.unit,
                    }
                    for step in score.steps
                ],
                "themes": list(row.themes),
                "recommendations": [
                    {
                        "id": rec.id,
                        "text": rec.text,
                        "actions": [
                            {"id": action, "progress": progress.get(action)}
                            for action, _ in rec.actions
                        ],
                        "implemented": rec.implemented,
                        "progress": rec.progress,
                        # What changed as a result, in a yearly report; empty in a board paper.
                        "changed": list(rec.changed),
                    }
                    for rec in row.recommendations
                ],
            }
            for row, score in zip(section.reviews, scored.reviews, strict=True)
        ],
        "themes": [{"theme": theme, "reviews": count} for theme, count in section.themes],
    }


def _chart(chart: Chart) -> dict[str, Any]:
    return {
        "kind": chart.kind.value,
        "title": chart.title,
        "description": chart.description,
        "category": chart.category,
        "categories": list(chart.categories),
        "series": [{"name": s.name, "values": list(s.values)} for s in chart.series],
        "axis": chart.axis,
    }


def _impact(report: Report) -> dict[str, Any] | None:
    """The measures in words, their numbers (exact, as text, under the score's ``measures``
    as numbers), and the complete actions not yet assured; None for a plan without any."""
    impact = report.impact
    if impact is None:
        return None
    return {
        "summary": impact.summary,
        "measures": [
            {
                "id": m.id,
                "title": m.title,
                "unit": m.unit,
                "source": m.source,
                "baseline": m.baseline,
                "target": m.target,
                "latest": m.latest,
                "change": m.change,
                "on_target": m.on_target,
                "trend": m.trend,
                "values": [
                    {"review": r.review, "value": r.value if r.given else None, "note": r.note}
                    for r in m.readings
                ],
                "chart": _chart(m.chart) if m.chart else None,
            }
            for m in impact.measures
        ],
        "awaiting_assurance": [
            {"action": p.action.id, "evidence": list(p.evidence)} for p in impact.awaiting
        ]
        if impact.proof
        else None,
    }


def data(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    return {
        "format": FORMAT,
        "audience": report.audience,
        "partnership": report.partnership,
        "short_name": report.short_name,
        "plan": report.plan_title,
        "period": report.period,
        "review": report.review_id,
        "review_title": report.review_title,
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "headline": report.headline,
        "expected": report.expected,
        "score": report.score.to_dict(),
        "priorities": [
            {
                "id": s.id,
                "title": s.title,
                "heading": s.heading,
                "actions": [_row(r) for r in s.rows],
            }
            for s in report.priorities
        ],
        "exceptions": [r.id for r in report.exceptions],
        "changes": None
        if report.changes is None
        else {
            "previous": report.changes.previous_id,
            "previous_title": report.changes.previous_title,
            "rows": [
                {"kind": c.kind, "action": c.action_id, "before": c.before, "after": c.after}
                for c in report.changes.rows
            ],
        },
        "learning": _learning(report),
        "meeting": attrs.asdict(report.meeting) if report.meeting else None,
        "purpose": _blocks(report.purpose),
        "asked_to": report.asked_to,
        "recommendations": [_spans(r) for r in report.recommendations],
        "executive_summary": list(report.executive_summary),
        "trend": [
            attrs.asdict(point) | {"as_of": point.as_of.isoformat()} for point in report.trend
        ],
        "charts": [_chart(chart) for chart in report.charts],
        "impact": _impact(report),
        "year": _year(report),
        "narrative": [
            {"title": n.title, "place": n.place.value, "blocks": _blocks(n.blocks)}
            for n in report.narrative
        ],
        "key": [
            {
                "key": r.key,
                "label": r.label,
                "symbol": r.symbol,
                "rag": r.rag.value,
                "meaning": r.meaning,
                "order": r.order,
            }
            for r in report.key
        ],
    }


def _year(report: Report) -> dict[str, Any] | None:
    """A yearly report's own part: its progress over the year, what shows little or no
    progress, the contents it expects and the sign-off; None for any other report."""
    year = report.year
    if year is None:
        return None
    return {
        "year": year.year,
        "span": year.span,
        "reviews": year.reviews,
        "summary": list(year.summary),
        "progress": [attrs.asdict(row) for row in year.progress],
        "chart": _chart(year.chart),
        "trend": _chart(year.trend),
        "rule": year.rule,
        "lacking_summary": year.lacking_summary,
        "lacking": [attrs.asdict(row) for row in year.lacking],
        "lacking_priorities": list(year.lacking_priorities),
        "expected": [attrs.asdict(e) for e in year.expected],
        "signatories": [attrs.asdict(s) for s in year.signatories],
    }


def _blocks(blocks: Iterable[Block]) -> list[dict[str, Any]]:
    """Narrative as data: each block a paragraph of spans or a list of items."""
    return [
        {"list": {"numbered": b.numbered, "items": _items(b.items)}}
        if isinstance(b, BulletList)
        else {"paragraph": _spans(b.spans)}
        for b in blocks
    ]


def _items(items: Iterable[ListItem]) -> list[dict[str, Any]]:
    return [{"spans": _spans(i.spans), "items": _items(i.items)} for i in items]


def _spans(spans: Iterable[Span]) -> list[dict[str, Any]]:
    return [attrs.asdict(span) for span in spans]


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        # Keys too: the score's counts are keyed by priority ids and rating keys.
        return {clean(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value


def write(report: Report, stream: IO[bytes], options: Mapping[str, Any]) -> None:
    """Write the report as UTF-8 JSON."""
    # Imported here: every export registers this exporter, and only this one writes JSON.
    import json

    # Written as it is encoded, a few thousand pieces at a time: a large plan's text is never
    # whole in memory, nor copied to bytes and then into the stream whole.
    pieces: list[str] = []
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(_cleaned(data(report))):
        pieces.append(piece)
        if len(pieces) == _PIECES:
            stream.write("".join(pieces).encode("utf-8"))
            pieces.clear()
    pieces.append("\n")
    stream.write("".join(pieces).encode("utf-8"))


_PIECES = 4096
"""Pieces of the encoded text joined into one write."""


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``json`` exporter."""
    register(
        Exporter(
            name="json",
            title="JSON data of the score and report, for dashboards",
            suffix=".json",
            media_type="application/json",
            write=write,
            yearly=True,
        )
    )

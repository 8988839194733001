"""Outcomes, evidence and assurance where a board member reads an action, read back from every
document: evidence withheld from the public said to be, evidence links that are links, an
update of evidence alone said to be one, an action's outcome and its assurance."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from hypothesis import given
from impact_plan import IMPACT_PLAN
from strategies import plans

import safeguarding_plan as sp

PUBLIC = "public"


def _export(plan: sp.Plan, kind: str, **kwargs: Any) -> bytes:
    out = io.BytesIO()
    sp.export(plan, kind, out, **kwargs)
    return out.getvalue()


@given(plans(max_priorities=2, max_actions=4, max_reviews=3))
def test_evidence_the_public_may_not_see_is_said_to_be_withheld(plan: sp.Plan) -> None:
    board = sp.report(plan).impact
    public = sp.report(plan, audience=PUBLIC).impact
    if board is None or public is None:
        return
    for seen, told in zip(board.awaiting, public.awaiting, strict=True):
        assert bool(seen.evidence) == bool(told.evidence)


RESTRICTED_ACTION = IMPACT_PLAN.replace(
    "        outcome: Practitioners know the learning from local reviews\n",
    "        outcome: Practitioners know the learning from local reviews\n"
    "        restricted: true\n",
)


@pytest.mark.parametrize("kind", ["md", "json", "docx"])
def test_a_restricted_actions_evidence_is_said_to_be_withheld_not_missing(kind: str) -> None:
    plan = sp.loads(RESTRICTED_ACTION)
    public = sp.report(plan, audience=PUBLIC)
    withheld = public.words.evidence_withheld
    assert public.impact is not None
    row = next(p for p in public.impact.awaiting if p.action.withheld)
    assert row.evidence == (withheld,)
    text = _text(_export(plan, kind, audience=PUBLIC), kind)
    assert withheld in text
    assert "Practitioner survey" not in text
    if kind != "json":  # the JSON gives the evidence as a list, empty where none is given
        assert text.count(public.words.no_evidence) == 2  # 2.1 and 2.2, which have none


def _text(data: bytes, kind: str) -> str:
    if kind == "docx":
        document = docx.Document(io.BytesIO(data))
        cells = (c.text for t in document.tables for r in t.rows for c in r.cells)
        return "\n".join([*(p.text for p in document.paragraphs), *cells])
    return data.decode("utf-8")

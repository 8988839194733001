"""Outcomes, evidence and assurance on the page: evidence withheld from the public said to be,
an evidence link a link, an update of evidence alone said to be one, an action's outcome and
its assurance where the action is read."""

from __future__ import annotations

from collections.abc import Callable

from _htmltree import parse, table_parts

import safeguarding_plan as sp

Export = Callable[..., bytes]

PLAN = """\
format: safeguarding-plan/1
ratings: rag
plan: {title: Business Improvement Plan, period: 2022/24}
partnership: {name: Anytown Safeguarding Children Partnership}
priorities:
  - id: "1"
    title: Learning from reviews
    actions:
      - {id: "1.1", text: Complete rapid reviews on time, lead: Business Unit,
         outcome: Learning reaches practitioners while it is fresh,
         evidenced_by: The case review log}
      - {id: "1.2", text: Publish briefings, lead: Business Unit, restricted: true}
      - {id: "1.3", text: Audit the toolkit, lead: Business Unit}
reviews:
  - id: r1
    title: August 2022 – Update
    as_of: 2022-07-31
    updates:
      "1.1": {progress: complete, rating: green, note: Done,
              assured: {by: "Quality, Impact & Outcomes Sub-Group", date: 2022-07-20}}
      "1.2": {progress: complete, rating: green,
              evidence: [{text: Briefing log, document: Business Unit files}]}
      "1.3": {progress: complete, rating: green,
              evidence: [{text: "Yearly report 2023/24", link: "https://example.org/a?b=1&c=<2>"}]}
"""


def _awaiting(source: str) -> dict[str, str]:
    _, _, rows = table_parts(parse(source).find("table", "awaiting"))
    return {tr.elements()[0].text: tr.elements()[-1].text for tr in rows}


def test_a_restricted_actions_evidence_is_said_to_be_withheld(export_html: Export) -> None:
    plan = sp.loads(PLAN)
    words = sp.report(plan).words
    public = export_html(plan, audience="public").decode("utf-8")
    awaiting = _awaiting(public)
    withheld = next(text for ident, text in awaiting.items() if ident != "1.3")
    assert withheld == words.evidence_withheld
    assert "Briefing log" not in public
    assert words.no_evidence not in public


def test_an_evidence_link_is_a_link_and_a_document_stays_text(export_html: Export) -> None:
    page = parse(export_html(sp.loads(PLAN)).decode("utf-8"))
    _, _, rows = table_parts(page.find("table", "awaiting"))
    evidence = {tr.elements()[0].text: tr.elements()[-1] for tr in rows}
    links = evidence["1.3"].find_all("a")
    assert [(a.attrs["href"], a.text) for a in links] == [
        ("https://example.org/a?b=1&c=<2>", "Yearly report 2023/24")
    ]
    assert not evidence["1.2"].find_all("a")
    assert evidence["1.2"].text == "Briefing log (Business Unit files)"


def test_an_update_of_evidence_or_assurance_alone_is_said_to_be_one(
    export_html: Export,
) -> None:
    plan = sp.loads(PLAN.replace("note: Done,\n", ""))
    words = sp.report(plan).words
    page = parse(export_html(plan).decode("utf-8"))
    updates = [td.text for td in page.find_all("td", "update")]
    assert updates == [words.assured_only, words.evidence_only, words.evidence_only]

"""The impact section in every built-in document, read back: each measure's values, target and
trend, a missing value shown as missing (never 0), the complete actions not yet assured, and
restricted measures withheld from the public."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import docx
import gfm
import pytest
from impact_plan import IMPACT_PLAN
from lxml import etree

import safeguarding_plan as sp
from safeguarding_plan.formats.ooxml.chart import C
from safeguarding_plan.plugin import SectionKind

RR = "Rapid reviews completed within 15 working days"
DAYS = "Working days from notification to decision"
SECOND = "Children on a plan for neglect for a second time"

READINGS = {
    RR: [
        "August 2022 – Update: 65%",
        "November 2022 – Update: Not given (The log was not updated this quarter)",
        "February 2023 – Update: 80%",
    ],
    DAYS: [
        "August 2022 – Update: 20 days (4 reviews)",
        "November 2022 – Update: 18 days",
        "February 2023 – Update: 16.5 days",
    ],
    SECOND: [
        "August 2022 – Update: 1.10 per 10,000 children",
        "November 2022 – Update: 1.25 per 10,000 children",
        "February 2023 – Update: 1.10 per 10,000 children",
    ],
}
"""Each measure's value at each review as every document writes it: exact (``1.10``), and
November's missing figure for rapid reviews ``Not given``."""

STANDING = {
    RR: [
        "Latest: 80%",
        "Up 15 percentage points since August 2022 – Update",
        "Not yet on target",
        "Improving",
    ],
    DAYS: [
        "Latest: 16.5 days",
        "Down 1.5 days since November 2022 – Update",
        "Not yet on target",
        "Improving",
    ],
    SECOND: [
        "Latest: 1.10 per 10,000 children",
        "Down 0.15 per 10,000 children since November 2022 – Update",
        "Mixed",
    ],
}
TARGETS = {RR: "90% (higher is better)", DAYS: "15 days (lower is better)", SECOND: "Not given"}
BASELINES = {RR: "60%", DAYS: "21.5 days", SECOND: "1.10 per 10,000 children"}
AWAITING = ["1.10", "2.1", "2.2"]
"""Complete and not assured at February 2023: 1.1 is assured, the others are not."""


@pytest.fixture(scope="module")
def plan() -> sp.Plan:
    return sp.loads(IMPACT_PLAN)


def _export(plan: sp.Plan, kind: str, **kwargs: Any) -> bytes:
    out = io.BytesIO()
    sp.export(plan, kind, out, **kwargs)
    return out.getvalue()


def test_the_report_places_impact_after_the_summary(plan: sp.Plan) -> None:
    kinds = [s.kind for s in sp.report(plan).sections]
    at = kinds.index(SectionKind.IMPACT)
    assert kinds[at - 1 : at + 2] == [
        SectionKind.SUMMARY,
        SectionKind.IMPACT,
        SectionKind.EXCEPTIONS,
    ]


def test_a_plan_without_measures_or_proof_has_no_impact_section() -> None:
    lines = IMPACT_PLAN.split("measures:\n  - id")[0].splitlines()
    plain = sp.loads("\n".join(x for x in lines if "outcome:" not in x and "evidenced_by" not in x))
    assert sp.report(plain).impact is None
    assert SectionKind.IMPACT not in [s.kind for s in sp.report(plain).sections]


def test_markdown_gives_each_measure_and_the_actions_awaiting_assurance(plan: sp.Plan) -> None:
    text = _export(plan, "md").decode("utf-8")
    tokens = gfm.LINKIFY.parse(text)
    tables = _markdown_tables(tokens)
    measures = tables["Measures"]
    assert measures[0] == ["Measure", "Baseline", "Target", "At each review", "Where it stands"]
    rows = {row[0].split("\n")[0]: row for row in measures[1:]}
    assert list(rows) == [RR, DAYS, SECOND]
    for title, row in rows.items():
        assert row[1:] == [
            BASELINES[title],
            TARGETS[title],
            "\n".join(READINGS[title]),
            "\n".join(STANDING[title]),
        ]
    awaiting = tables["Complete, not yet assured"]
    assert [row[0].split()[0] for row in awaiting[1:]] == AWAITING
    assert awaiting[1][2] == "Practitioner survey (QIO Sub-Group papers, January 2023)"
    proven = tables["Done and proven"]
    assert proven[-1] == ["All priorities", "4", "1", "3", "2"]


def _markdown_tables(tokens: list[Any]) -> dict[str, list[list[str]]]:
    """Each table under its heading, a row each, every cell's text with line breaks."""
    tables: dict[str, list[list[str]]] = {}
    heading = ""
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = tokens[index + 1].content
        elif token.type == "table_open":
            tables[heading] = []
        elif token.type == "tr_open":
            tables[heading].append([])
        elif token.type == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            tables[heading][-1].append(_cell_text(token))
    return tables


def _cell_text(inline: Any) -> str:
    parts = []
    for child in inline.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "html_inline" and child.content == "<br>":
            parts.append("\n")
    return "".join(parts)


def test_json_gives_the_measures_in_words_and_a_missing_value_as_null(plan: sp.Plan) -> None:
    data = json.loads(_export(plan, "json"))
    impact = data["impact"]
    measures = {m["title"]: m for m in impact["measures"]}
    assert list(measures) == [RR, DAYS, SECOND]
    rr = measures[RR]
    assert [v["value"] for v in rr["values"]] == ["65%", None, "80%"]
    assert rr["values"][1]["note"] == "The log was not updated this quarter"
    assert rr["chart"]["series"][0]["values"] == [65, None, 80]  # a gap, never 0
    assert (rr["target"], rr["trend"], rr["on_target"]) == (
        "90% (higher is better)",
        "Improving",
        "Not yet on target",
    )
    assert [v["value"] for v in measures[SECOND]["values"]] == [
        "1.10 per 10,000 children",
        "1.25 per 10,000 children",
        "1.10 per 10,000 children",
    ]
    assert [a["action"] for a in impact["awaiting_assurance"]] == AWAITING


def test_the_board_paper_gives_the_measures_charts_and_actions_awaiting(plan: sp.Plan) -> None:
    blob = _export(plan, "docx")
    paper = docx.Document(io.BytesIO(blob))
    tables = {
        t._tbl.tblPr.find(docx.oxml.ns.qn("w:tblCaption")).get(docx.oxml.ns.qn("w:val")): t
        for t in paper.tables
    }
    rows = [[c.text for c in r.cells] for r in tables["Measures"].rows]
    assert rows[0] == ["Measure", "Baseline", "Target", "At each review", "Where it stands"]
    for row, title in zip(rows[1:], (RR, DAYS, SECOND), strict=True):
        assert row[0].split("\n")[0] == title
        assert row[1:] == [
            BASELINES[title],
            TARGETS[title],
            "\n".join(READINGS[title]),
            "\n".join(STANDING[title]),
        ]
    awaiting = [[c.text for c in r.cells] for r in tables["Complete, not yet assured"].rows]
    assert [row[0].split()[0] for row in awaiting[1:]] == AWAITING
    # A chart for each measure, its numbers cached, November's missing point left out (a gap
    # in the line, never a 0), and its alternative text giving every value.
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        charts = [
            etree.fromstring(package.read(name))
            for name in sorted(package.namelist())
            if name.startswith("word/charts/chart")
        ]
    drawn = {
        chart.findtext(
            f".//{{{C}}}title//{{http://schemas.openxmlformats.org/drawingml/2006/main}}t"
        ): chart
        for chart in charts
    }
    rr = drawn[RR]
    points = {
        int(pt.get("idx")): float(pt.findtext(f"{{{C}}}v"))
        for pt in rr.iterfind(f".//{{{C}}}val//{{{C}}}pt")
    }
    assert points == {0: 65.0, 2: 80.0}
    assert rr.find(f".//{{{C}}}val//{{{C}}}ptCount").get("val") == "3"
    second = drawn[SECOND]
    assert second.find(f".//{{{C}}}dLbls/{{{C}}}numFmt").get("formatCode") == "#,##0.00"
    descriptions = [d.get("descr") for d in paper.element.body.iter(docx.oxml.ns.qn("wp:docPr"))]
    assert (
        f"{RR}: August 2022 – Update, 65%; November 2022 – Update, Not given; "
        "February 2023 – Update, 80%. Target 90%."
    ) in descriptions


RESTRICTED = IMPACT_PLAN.replace(
    '    priorities: ["2"]\n    source: Children\'s social care\n',
    '    priorities: ["2"]\n    source: Children\'s social care\n    restricted: true\n',
).replace(
    "days-to-decision: {value: 20, note: 4 reviews}",
    "days-to-decision: {value: 20, note: Jo Bloggs}",
) + ("restricted_words: [Jo Bloggs]\n")


@pytest.mark.parametrize("kind", ["md", "json", "docx"])
def test_a_public_document_withholds_a_restricted_measure_whole(kind: str) -> None:
    plan = sp.loads(RESTRICTED)
    assert plan.measures[2].restricted
    board, public = (_shown(_export(plan, kind, audience=a), kind) for a in ("board", "public"))
    assert SECOND in board
    assert "1.25" in board
    assert "Jo Bloggs" in board
    assert SECOND not in public
    assert "second-plans" not in public  # nor its numbers in the score
    assert "1.25" not in public
    assert "Jo Bloggs" not in public  # a restricted name in a note is withheld as any text
    assert RR in public


def _shown(blob: bytes, kind: str) -> str:
    if kind == "md":
        return blob.decode("utf-8").replace("\\", "")  # "1\.25" is read "1.25"
    if kind != "docx":
        return blob.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        return " ".join(
            package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml")
        )


def test_a_restricted_measure_is_written_back_to_the_plan_file() -> None:
    plan = sp.loads(RESTRICTED)
    again = sp.loads(sp.dumps(plan))
    assert again.measures == plan.measures
    assert [m.restricted for m in again.measures] == [False, False, True]


RESTRICTED_EVIDENCE = IMPACT_PLAN.replace(
    '      "1.10":\n        evidence:\n',
    '      "1.10":\n        restricted: true\n        note: Seen by the panel\n        evidence:\n',
)


@pytest.mark.parametrize("kind", ["md", "json", "docx"])
def test_evidence_given_with_a_restricted_update_is_withheld_and_said_to_be(kind: str) -> None:
    plan = sp.loads(RESTRICTED_EVIDENCE)
    assert plan.reviews[-1].updates["1.10"].restricted
    text = {a: _text(_export(plan, kind, audience=a), kind) for a in ("public", "board")}
    assert "Practitioner survey" in text["board"]
    assert "Practitioner survey" not in text["public"]
    assert "QIO Sub-Group papers" not in text["public"]
    assert "Evidence not published." in text["public"]


def _text(data: bytes, kind: str) -> str:
    if kind == "docx":
        document = docx.Document(io.BytesIO(data))
        cells = (c.text for t in document.tables for r in t.rows for c in r.cells)
        return "\n".join([*(p.text for p in document.paragraphs), *cells])
    return data.decode("utf-8")


@pytest.mark.parametrize("kind", ["json", "xlsx", "md"])
def test_a_measure_id_that_spells_a_name_with_its_title_is_withheld(kind: str) -> None:
    # An id printed beside its title is withheld whole where the two read as a restricted
    # name, as a priority's is.
    split = (
        IMPACT_PLAN.replace("  - id: rr-on-time\n", "  - id: ayesha\n")
        .replace("rr-on-time:", "ayesha:")
        .replace(
            "title: Rapid reviews completed within 15 working days",
            "title: Khan figures of rapid reviews",
        )
        + "restricted_words: [Ayesha Khan]\n"
    )
    plan = sp.loads(split)
    data = _export(plan, kind, audience="public")
    if kind == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data))
        shown = "\n".join(
            str(c) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r
        )
    else:
        shown = data.decode("utf-8")
    assert "ayesha" not in shown.casefold()
    assert "Khan figures" in shown


def test_a_target_of_0_is_in_the_chart_description() -> None:
    # 0 is a target (no children on a plan for a second time), not a missing one.
    plan = sp.loads(IMPACT_PLAN.replace("    target: 15\n", "    target: 0\n", 1))
    made = sp.report(plan)
    assert made.impact is not None
    charts = {m.id: m.chart for m in made.impact.measures}
    chart = charts["days-to-decision"]
    assert chart is not None
    assert chart.description.endswith("Target 0 days.")

"""What a partnership would otherwise write: the alternatives the benchmarks measure us against.

Each builds the same output from the same plan as the library does, the ordinary way:
python-docx's ``add_row().cells`` for the board paper's tables (from the same report, so the
same rows), pandas ``to_excel`` for the tracker's rows and PyYAML with libyaml's
``CSafeLoader`` for reading the file. The scripts an analyst would write are in ``peers``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import safeguarding_plan as sp

IMPORT_FLOOR = "import docx, openpyxl, yaml, pluggy, attrs"
"""The bare imports any Python tool for these documents pays before doing anything."""

PPTX_IMPORT_FLOOR = "import pptx, yaml, pluggy, attrs"
"""The same for a tool that makes the slides with python-pptx: the pptx plugin's floor."""

COLUMNS = ("Action", "Lead", "Due", "Progress", "Rating", "Update")


def _rows(plan: sp.Plan) -> list[tuple[str, ...]]:
    """The action rows of the latest review, as text."""
    states = plan.states()
    return [
        (
            f"{s.action.id} {s.action.text}",
            s.action.lead or "",
            s.due.text if s.due else "",
            s.progress.value,
            s.rating.label if s.rating else "",
            s.note or "",
        )
        for s in states.values()
    ]


def python_docx_tables(plan: sp.Plan) -> bytes:
    """The board paper's tables (summary, measures, exceptions, changes, one per priority, key)
    through python-docx's public API, row by row, from the same report."""
    import docx

    report = sp.report(plan)
    document = docx.Document()
    document.add_heading(plan.title, 0)

    def table(heading: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        document.add_heading(heading, 1)
        made = document.add_table(rows=1, cols=len(header))
        made.style = "Table Grid"
        for cell, text in zip(made.rows[0].cells, header, strict=True):
            cell.text = text
        for values in rows:
            for cell, text in zip(made.add_row().cells, values, strict=True):
                cell.text = text

    table(
        "Summary",
        ("Priority", "Actions", "Complete", "% complete", "Ratings"),
        [
            (s.heading, str(s.counts.actions), str(s.counts.complete),
             f"{s.counts.percent_rounded}%", s.ratings)
            for s in report.priorities
        ]
        + [("All priorities", str(report.score.actions), str(report.score.complete),
            f"{report.score.percent_rounded}%", report.ratings)],
    )  # fmt: skip
    impact = report.impact
    if impact is not None and impact.measures:  # the measures, as the paper tables them
        table(
            "Measures",
            ("Measure", "Target", "At each review", "Where it stands"),
            [
                (m.title, m.target or "", "\n".join(m.reading_lines), "\n".join(m.standing))
                for m in impact.measures
            ],
        )
    table(
        "Exceptions",
        ("Action", "Why", "Update"),
        [(f"{r.id} {r.text}", r.exception_reasons, r.note or "") for r in report.exceptions],
    )
    if report.changes is not None:
        table(
            "Changes",
            ("Change", "Action", "Before", "After"),
            [(c.kind, c.action_id, c.before, c.after) for c in report.changes.rows],
        )
    for section in report.priorities:
        table(
            section.heading,
            (report.action_heading, report.update_heading, report.status_heading),
            [(f"{r.id} {r.text}\n{r.details}", r.note or "", r.status) for r in section.rows],
        )
    learning = report.learning
    if learning is not None:
        table(
            learning.heading,
            ("Review", "Dates and timeliness", "Status"),
            [
                (f"{r.id} {r.title}", "\n".join(r.timeliness), r.status or "")
                for r in learning.reviews
            ],
        )
        recommendations = [
            (review.id, f"{c.id} {c.text}", " ".join(a for a, _ in c.actions), c.progress)
            for review in learning.reviews
            for c in review.recommendations
        ]
        if recommendations:
            table("Recommendations", ("Review", "Recommendation", "Plan actions", "Progress"),
                  recommendations)  # fmt: skip
        if any(count for _, count in learning.themes):
            table("Practice themes", ("Practice theme", "Reviews"),
                  [(theme, str(count)) for theme, count in learning.themes])  # fmt: skip
    table("Key", ("Symbol", "Rating", "Meaning"),
          [(r.symbol or "", r.label, r.meaning or "") for r in report.key])  # fmt: skip
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pandas_to_excel(plan: sp.Plan) -> bytes:
    """The tracker's rows as one sheet through pandas and openpyxl."""
    import pandas

    frame = pandas.DataFrame(_rows(plan), columns=list(COLUMNS))
    out = io.BytesIO()
    frame.to_excel(out, sheet_name="Actions", index=False, engine="openpyxl")
    return out.getvalue()


def libyaml_load(path: Path) -> Any:
    """The plan file read by PyYAML with libyaml's ``CSafeLoader``, the quickest way PyYAML
    reads a file: plain data, nothing checked."""
    import yaml

    with path.open(encoding="utf-8") as file:
        return yaml.load(file, Loader=yaml.CSafeLoader)

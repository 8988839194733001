"""The scripts a partnership's analyst would write instead: the peers the command line is
measured against.

Each loads the plan with ``sp.load`` and takes its rows from ``sp.report``, as the command does,
then writes the document the ordinary way, with a library an analyst reaches for: a Word
template with Jinja loops over the presentation's three-column tables (docxtpl), the tracker's
rows as a formatted workbook with a table, drop-downs and a chart (xlsxwriter), or as a dataset
(tablib). ``python peers.py KIND PLAN OUT [TEMPLATE]`` is the script, end to end.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import safeguarding_plan as sp

KINDS = ("docxtpl", "xlsxwriter", "tablib")
COLUMNS = ("Action ID", "Action", "Lead", "Due", "Progress", "Rating", "Update")


def paper_template(path: Path) -> Path:
    """The Word template an analyst would keep: a title, the headline, and for each priority
    its heading and the presentation's three columns, one row per action."""
    import docx

    document = docx.Document()
    document.add_heading("{{ title }}", 0)
    document.add_paragraph("{{ headline }}")
    document.add_paragraph("{%p for priority in priorities %}")
    document.add_heading("{{ priority.heading }}", 1)
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Planned Action", "{{ update_heading }}", "Status"), strict=True
    ):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for row in priority.rows %}"
    row = table.rows[2].cells
    row[0].text, row[1].text, row[2].text = "{{ row.action }}", "{{ row.note }}", "{{ row.status }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{%p endfor %}")
    document.save(path)
    return path


def docxtpl_paper(plan: sp.Plan, out: Any, template: Path) -> None:
    """The board paper's priority tables through a docxtpl template."""
    from docxtpl import DocxTemplate

    report = sp.report(plan)
    context = {
        "title": report.title,
        "headline": report.headline,
        "update_heading": report.update_heading,
        "priorities": [
            {
                "heading": section.heading,
                "rows": [
                    {"action": f"{r.id} {r.text}", "note": r.note or "", "status": r.status}
                    for r in section.rows
                ],
            }
            for section in report.priorities
        ],
    }
    document = DocxTemplate(template)
    document.render(context, autoescape=True)
    document.save(out)


def _rows(report: sp.Report) -> list[tuple[str, ...]]:
    return [
        (r.id, r.text, r.lead or "", r.due or "", r.progress.label,
         r.rating.label if r.rating else "", r.note or "")
        for section in report.priorities
        for r in section.rows
    ]  # fmt: skip


def xlsxwriter_tracker(plan: sp.Plan, out: Any) -> None:
    """The tracker's rows through xlsxwriter: header and wrapped formats, an Excel table,
    drop-downs for progress and rating, and a Summary sheet with a chart of each priority's
    percentage complete."""
    import xlsxwriter

    report = sp.report(plan)
    rows = _rows(report)
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    summary = book.add_worksheet("Summary")
    summary.write_row(0, 0, ("Priority", "Actions", "Complete", "% complete"))
    for n, section in enumerate(report.priorities, start=1):
        counts = section.counts
        summary.write_row(
            n, 0, (section.heading, counts.actions, counts.complete, counts.percent_rounded)
        )
    chart = book.add_chart({"type": "bar"})
    last = len(report.priorities)
    chart.add_series(
        {"categories": ["Summary", 1, 0, last, 0], "values": ["Summary", 1, 3, last, 3]}
    )
    summary.insert_chart("F2", chart)
    actions = book.add_worksheet("Actions")
    actions.add_table(
        0, 0, len(rows), len(COLUMNS) - 1,
        {"data": rows, "columns": [{"header": c} for c in COLUMNS], "style": "Table Style Light 9"},
    )  # fmt: skip
    actions.set_column(0, 0, 10)
    actions.set_column(1, 1, 60, wrapped)
    actions.set_column(2, 5, 16)
    actions.set_column(6, 6, 60, wrapped)
    progress = [p.value for p in sp.Progress]
    ratings = [r.label for r in plan.ratings]
    for column, choices in ((4, progress), (5, ratings)):
        actions.data_validation(
            1, column, len(rows), column, {"validate": "list", "source": choices}
        )
    book.close()


def tablib_tracker(plan: sp.Plan, out: Any) -> None:
    """The tracker's rows as a tablib dataset, exported to Excel."""
    import tablib

    dataset = tablib.Dataset(*_rows(sp.report(plan)), headers=COLUMNS, title="Actions")
    out.write(dataset.export("xlsx"))


def write(kind: str, plan: sp.Plan, out: Any, template: Path | None = None) -> None:
    """The document ``kind`` writes, of ``plan``, to ``out`` (a file name or a binary stream)."""
    if kind == "docxtpl":
        assert template is not None
        docxtpl_paper(plan, out, template)
    elif kind == "xlsxwriter":
        xlsxwriter_tracker(plan, out)
    elif isinstance(out, str):
        with open(out, "wb") as stream:
            tablib_tracker(plan, stream)
    else:
        tablib_tracker(plan, out)


if __name__ == "__main__":
    kind, plan_path, out_path, *rest = sys.argv[1:]
    # A plan larger than the default limit (100,000 actions) read as a user reads one.
    plan = sp.load(plan_path, max_bytes=max(32 * 1024 * 1024, Path(plan_path).stat().st_size))
    write(kind, plan, out_path, Path(rest[0]) if rest else None)

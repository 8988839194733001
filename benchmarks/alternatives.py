"""What a partnership would otherwise write: the alternatives the benchmarks measure us against.

Each builds the same output from the same plan as the library does, the ordinary way:
python-docx's ``add_row().cells`` for the board paper's tables, pandas ``to_excel`` for the
tracker's rows and PyYAML's ``safe_load`` for reading the file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import safeguarding_plan as sp

IMPORT_FLOOR = "import docx, openpyxl, yaml, pluggy, attrs"
"""The bare imports any Python tool for these documents pays before doing anything."""

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
    """The board paper's priority tables through python-docx's public API, row by row."""
    import docx

    document = docx.Document()
    document.add_heading(plan.title, 0)
    states = plan.states()
    for priority in plan.priorities:
        document.add_heading(priority.title, 1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Action", "Update", "Rating"), strict=True):
            cell.text = text
        for action in priority.actions:
            state = states[action.id]
            cells = table.add_row().cells
            cells[0].text = f"{action.id} {action.text}"
            cells[1].text = state.note or ""
            cells[2].text = state.rating.label if state.rating else ""
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


def pyyaml_safe_load(path: Path) -> Any:
    """The plan file read by PyYAML's ``safe_load``: plain data, nothing checked."""
    import yaml

    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file)

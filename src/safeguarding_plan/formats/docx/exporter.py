"""The ``docx`` exporter registered: the board paper for the Executive Board.

This module only registers the exporter and declares its options; the document is built in
``paper``, imported when a paper is written, so listing exporters or writing
Markdown never loads python-docx.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import IO, Any

from safeguarding_plan.exporting.exporter import Exporter
from safeguarding_plan.exporting.hookspecs import hookimpl
from safeguarding_plan.formats.docx.options import OPTIONS, paper_options
from safeguarding_plan.reporting.contents import Report


def write(report: Report, stream: IO[bytes], options: Mapping[str, Any]) -> None:
    """Write the board paper of ``report`` as a .docx."""
    settings = paper_options(report, options)
    from safeguarding_plan.formats.docx import paper

    paper.write(report, settings, stream)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``docx`` exporter."""
    register(
        Exporter(
            name="docx",
            title="Word board paper for the Executive Board (accessible, house template)",
            suffix=".docx",
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            write=write,
            options=OPTIONS,
            yearly=True,
        )
    )

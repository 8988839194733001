"""The ``xlsx`` exporter registered: the progress tracker, a workbook leads can fill in.

This module only registers the exporter and declares its options; the workbook is built in
``workbook``, imported when a tracker is written, so listing exporters or writing
Markdown never loads the writer. The layout is the contract in ``layout``, which the
importer reads by.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import IO, Any

from safeguarding_plan.exporting.exporter import Exporter
from safeguarding_plan.exporting.hookspecs import hookimpl
from safeguarding_plan.formats.xlsx.options import OPTIONS, tracker_options
from safeguarding_plan.reporting.contents import Report


def write(report: Report, stream: IO[bytes], options: Mapping[str, Any]) -> None:
    """Write the tracker of ``report`` as an .xlsx workbook."""
    settings = tracker_options(report, options)
    from safeguarding_plan.formats.xlsx import workbook

    if settings.lead is not None and settings.form:  # it goes to the lead, by e-mail
        from safeguarding_plan.reporting.leads import lead_form

        report = lead_form(report)
    workbook.write(report, settings, stream)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``xlsx`` exporter."""
    register(
        Exporter(
            name="xlsx",
            title="Excel progress tracker for leads to update (one row per action)",
            suffix=".xlsx",
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            write=write,
            options=OPTIONS,
            yearly=True,  # the year's own sections on a sheet first, then the tracker's
        )
    )

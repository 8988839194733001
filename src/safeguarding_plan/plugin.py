"""Everything an exporter plugin needs, in one place: ``from safeguarding_plan.plugin import …``.

A plugin registers ``Exporter`` objects from a ``hookimpl``-marked ``register_exporters`` hook,
declares each option an exporter takes as an ``Option`` (its type ``str``, ``int``, ``bool``,
``date``, ``Text(most=...)``, ``File()`` or a converter of its own), opens a house template
given as a ``File()`` with ``HouseTemplate`` (bounded, checked, cleaned of what reaches outside
it or runs code), and renders a ``Report`` (its sections, rows and ``Words`` are here too, and
a yearly report's ``YearSection`` with its rows), taking every word it shows from the report
(``ReportTexts`` lets its tests check that). It cleans every piece of plan text with ``clean``
before its format's own escaping, words counts with ``plural`` and dates with ``long_date``
(``31 January 2022``) and ``month_year`` (``January 2022``), as the report does. The modules
these names come from are the package's own business and may move; this one stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguarding_plan.exporting.discovery import DISABLE_AUTOLOAD, PluginWarning
from safeguarding_plan.exporting.exporter import (
    Exporter,
    ExporterError,
    ExportNote,
    Option,
    OptionError,
    option_problem,
    text_option,
)
from safeguarding_plan.exporting.hookspecs import hookimpl
from safeguarding_plan.exporting.kinds import File, Text
from safeguarding_plan.exporting.manager import PluginManager
from safeguarding_plan.exporting.templates import HouseTemplate
from safeguarding_plan.markup import Block, BulletList, ListItem, Paragraph, Span
from safeguarding_plan.model.paper import Place
from safeguarding_plan.reporting.charts import Chart, ChartKind, ChartSeries
from safeguarding_plan.reporting.contents import (
    WITHHELD,
    WITHHELD_UPDATE,
    ActionRow,
    CaseReviewRow,
    ChangeRow,
    Changes,
    ImpactSection,
    LearningSection,
    MeasureReading,
    MeasureRow,
    Meeting,
    NarrativeSection,
    PrioritySection,
    ProofRow,
    RecommendationRow,
    Report,
    Section,
    SectionKind,
    SummaryRow,
    TrendPoint,
)
from safeguarding_plan.reporting.redaction import REDACTED
from safeguarding_plan.reporting.wording import Words
from safeguarding_plan.text import clean
from safeguarding_plan.words import long_date, month_year, plural

if TYPE_CHECKING:
    from safeguarding_plan.reporting.texts import ReportTexts
    from safeguarding_plan.reporting.yearcontents import (
        Expected,
        LackingRow,
        Signatory,
        YearRow,
        YearSection,
    )

_ON_FIRST_USE = {
    **dict.fromkeys(
        ("Expected", "LackingRow", "Signatory", "YearRow", "YearSection"),
        "safeguarding_plan.reporting.yearcontents",
    ),
    "ReportTexts": "safeguarding_plan.reporting.texts",
}
"""Names imported when first asked for: a yearly report's types, and what a plugin's tests
check its words with. A board paper or a deck never needs them, and a command pays for each
module it imports."""


def __getattr__(name: str) -> object:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    found = getattr(import_module(module), name)
    globals()[name] = found
    return found


def __dir__() -> list[str]:
    """The public names, imported yet or not, and the module's own."""
    return sorted({*globals(), *__all__})


__all__ = [
    "DISABLE_AUTOLOAD",
    "REDACTED",
    "WITHHELD",
    "WITHHELD_UPDATE",
    "ActionRow",
    "Block",
    "BulletList",
    "CaseReviewRow",
    "ChangeRow",
    "Changes",
    "Chart",
    "ChartKind",
    "ChartSeries",
    "Expected",
    "ExportNote",
    "Exporter",
    "ExporterError",
    "File",
    "HouseTemplate",
    "ImpactSection",
    "LackingRow",
    "LearningSection",
    "ListItem",
    "MeasureReading",
    "MeasureRow",
    "Meeting",
    "NarrativeSection",
    "Option",
    "OptionError",
    "Paragraph",
    "Place",
    "PluginManager",
    "PluginWarning",
    "PrioritySection",
    "ProofRow",
    "RecommendationRow",
    "Report",
    "ReportTexts",
    "Section",
    "SectionKind",
    "Signatory",
    "Span",
    "SummaryRow",
    "Text",
    "TrendPoint",
    "Words",
    "YearRow",
    "YearSection",
    "clean",
    "hookimpl",
    "long_date",
    "month_year",
    "option_problem",
    "plural",
    "text_option",
]

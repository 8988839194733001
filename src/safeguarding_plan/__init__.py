"""Keep a safeguarding children partnership's business improvement plan as data.

    import safeguarding_plan as sp
    plan = sp.load("plan.yaml")          # every problem of the file at once, in sp.PlanError
    score = sp.score(plan)               # at the latest review
    print(score.percent_complete, score.by_priority["1"].complete, score.overdue)
    delta = sp.compare(plan, "2021-11", "2022-02")

Importing this package loads neither python-docx, openpyxl nor pluggy: scoring stays light.
The exporting names (``export``, ``exporters``, ``hookimpl``, ...) and ``import_xlsx`` load
on first use.
"""

from typing import Any

from .errors import PlanError, Problem
from .loading import FORMAT, load, loads
from .many import PlanResult, score_many
from .model import (
    Action,
    ActionState,
    ActionUpdate,
    Due,
    Partnership,
    Period,
    Person,
    Plan,
    Priority,
    Progress,
    Rag,
    Rating,
    RatingScale,
    Review,
)
from .ratings import BUILT_IN as RATING_SCALES
from .report import ActionRow, Report, report
from .scoring import Change, Comparison, PriorityScore, Score, compare, score
from .wording import headline
from .writing import dump, dumps

# Exporting needs pluggy and the exporters, importing openpyxl; loaded when first asked for
# (PEP 562).
_EXPORTING = {
    "Exporter": "exporting",
    "ExporterError": "exporting",
    "PluginManager": "exporting",
    "PluginWarning": "exporting",
    "export": "exporting",
    "exporters": "exporting",
    "get_plugin_manager": "exporting",
    "hookimpl": "hookspecs",
    "import_xlsx": "importing",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTING:
        import importlib

        value = getattr(importlib.import_module(f".{_EXPORTING[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FORMAT",
    "RATING_SCALES",
    "Action",
    "ActionRow",
    "ActionState",
    "ActionUpdate",
    "Change",
    "Comparison",
    "Due",
    "Exporter",
    "ExporterError",
    "Partnership",
    "Period",
    "Person",
    "Plan",
    "PlanError",
    "PlanResult",
    "PluginManager",
    "PluginWarning",
    "Priority",
    "PriorityScore",
    "Problem",
    "Progress",
    "Rag",
    "Rating",
    "RatingScale",
    "Report",
    "Review",
    "Score",
    "compare",
    "dump",
    "dumps",
    "export",
    "exporters",
    "get_plugin_manager",
    "headline",
    "hookimpl",
    "import_xlsx",
    "load",
    "loads",
    "report",
    "score",
    "score_many",
]

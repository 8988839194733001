"""Keep a safeguarding children partnership's business improvement plan as data.

    import safeguarding_plan as sp
    plan = sp.load("plan.yaml")          # every problem of the file at once, in sp.PlanError
    score = sp.score(plan)               # at the latest review
    print(score.percent_complete, score.by_priority["1"].complete, score.overdue)
    delta = sp.compare(plan, "2021-11", "2022-02")

Importing this package loads only the model and the loader; scoring, reporting, writing,
exporting and the other names load on first use, so checking a file starts fast and scoring
never loads python-docx, openpyxl or pluggy.
"""

import sys
import types
from typing import TYPE_CHECKING, Any

from .errors import PlanError, Problem
from .loading import FORMAT, load, loads
from .model import (
    NATIONAL_THEMES,
    Action,
    ActionState,
    ActionUpdate,
    CaseReview,
    Due,
    Partnership,
    Period,
    Person,
    Plan,
    PracticeTheme,
    Priority,
    Progress,
    Rag,
    Rating,
    RatingScale,
    Recommendation,
    Review,
    ReviewKind,
    ReviewStatus,
)
from .ratings import BUILT_IN as RATING_SCALES

# Everything else is loaded when first asked for (PEP 562): checking a file needs only the
# loader, scoring needs no writer, and exporting needs pluggy and the exporters, which import
# python-docx and openpyxl.
_LAZY = {
    "ActionRow": "report",
    "Report": "report",
    "report": "report",
    "Change": "scoring",
    "Comparison": "scoring",
    "PriorityScore": "scoring",
    "Score": "scoring",
    "compare": "scoring",
    "score": "scoring",
    "TIMESCALES": "timescales",
    "Timescale": "timescales",
    "Unit": "timescales",
    "headline": "wording",
    "PlanResult": "many",
    "score_many": "many",
    "dump": "writing",
    "dumps": "writing",
    "Exporter": "exporting",
    "ExporterError": "exporting",
    "ExportNote": "exporting",
    "PluginManager": "exporting",
    "PluginWarning": "exporting",
    "export": "exporting",
    "exporters": "exporting",
    "get_plugin_manager": "exporting",
    "hookimpl": "hookspecs",
    "import_xlsx": "importing",
}

if TYPE_CHECKING:  # what type checkers and editors see; at run time, __getattr__ below
    from .exporting import (
        Exporter,
        ExporterError,
        ExportNote,
        PluginManager,
        PluginWarning,
        export,
        exporters,
        get_plugin_manager,
    )
    from .hookspecs import hookimpl
    from .importing import import_xlsx
    from .many import PlanResult, score_many
    from .report import ActionRow, Report, report
    from .scoring import Change, Comparison, PriorityScore, Score, compare, score
    from .timescales import BUILT_IN as TIMESCALES
    from .timescales import Timescale, Unit
    from .wording import headline
    from .writing import dump, dumps

_RENAMED = {"TIMESCALES": "BUILT_IN"}
"""Lazy names that their module calls something else."""


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        value = getattr(module, _RENAMED.get(name, name))
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(types.ModuleType):
    """This package, keeping ``report`` the function: Python sets a package's attribute to each
    submodule imported, and every exporter imports the module ``safeguarding_plan.report``."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "report" and isinstance(value, types.ModuleType):
            return  # the module is still sys.modules["safeguarding_plan.report"]
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "FORMAT",
    "NATIONAL_THEMES",
    "RATING_SCALES",
    "TIMESCALES",
    "Action",
    "ActionRow",
    "ActionState",
    "ActionUpdate",
    "CaseReview",
    "Change",
    "Comparison",
    "Due",
    "ExportNote",
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
    "PracticeTheme",
    "Priority",
    "PriorityScore",
    "Problem",
    "Progress",
    "Rag",
    "Rating",
    "RatingScale",
    "Recommendation",
    "Report",
    "Review",
    "ReviewKind",
    "ReviewStatus",
    "Score",
    "Timescale",
    "Unit",
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

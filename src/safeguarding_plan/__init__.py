"""Keep a safeguarding children partnership's business improvement plan as data.

    import safeguarding_plan as sp
    plan = sp.load("plan.yaml")          # every problem of the file at once, in sp.PlanError
    score = sp.score(plan)               # at the latest review
    print(score.percent_complete, score.by_priority["1"].complete, score.overdue)
    delta = sp.compare(plan, "2021-11", "2022-02")

Importing this package loads only the model. Every other name is loaded on first use (PEP 562),
so checking a file starts fast and scoring never loads python-docx, openpyxl or pluggy.

This is the boundary of the library's API: the functions that read, score, report or write
pause Python's cyclic garbage collector while they run (see ``gcpause``), here and in the
command line, and nowhere inside the library.
"""

import importlib
import sys
import warnings
from typing import TYPE_CHECKING, Any

from safeguarding_plan.model.casereviews import (
    NATIONAL_THEMES,
    CaseReview,
    CaseReviewKind,
    CaseReviewStatus,
    PracticeTheme,
    Recommendation,
)
from safeguarding_plan.model.due import Due
from safeguarding_plan.model.impact import (
    Assurance,
    Better,
    Evidence,
    Measure,
    MeasureUnit,
    MeasureValue,
)
from safeguarding_plan.model.paper import Narrative, NarrativeSection, Paper, Place
from safeguarding_plan.model.plan import (
    Action,
    ActionState,
    ActionUpdate,
    Partnership,
    Period,
    Person,
    Plan,
    Priority,
    Review,
)
from safeguarding_plan.model.ratings import RATING_SCALES, Progress, Rag, Rating, RatingScale
from safeguarding_plan.model.timescales import TIMESCALES, Interval, Timescale, Unit

_LAZY = {
    "FORMAT": "planfile.loading",
    "load": "planfile.loading",
    "loads": "planfile.loading",
    "dump": "planfile.writing",
    "dumps": "planfile.writing",
    "ArgumentError": "errors",
    "PlanError": "errors",
    "Problem": "errors",
    "SafeguardingPlanError": "errors",
    "UnknownActionError": "errors",
    "UnknownReviewError": "errors",
    "Change": "scoring.progress",
    "Comparison": "scoring.progress",
    "PriorityScore": "scoring.progress",
    "MeasurePoint": "scoring.impact",
    "MeasureScore": "scoring.impact",
    "Trend": "scoring.impact",
    "Score": "scoring.progress",
    "compare": "scoring.progress",
    "score": "scoring.progress",
    "PlanResult": "scoring.many",
    "score_many": "scoring.many",
    "ActionRow": "reporting.contents",
    "Report": "reporting.contents",
    "report": "reporting.build",
    "yearly_report": "reporting.yearly",
    "yearly_contents": "reporting.yearly",
    "headline": "reporting.sentences",
    "Exporter": "exporting.exporter",
    "ExporterError": "exporting.exporter",
    "ExportNote": "exporting.exporter",
    "Option": "exporting.exporter",
    "OptionError": "exporting.exporter",
    "PluginWarning": "exporting.discovery",
    "PluginManager": "exporting.manager",
    "exporters": "exporting.manager",
    "get_plugin_manager": "exporting.manager",
    "export": "exporting.running",
    "hookimpl": "exporting.hookspecs",
    "import_xlsx": "formats.xlsx.importing",
    "write_forms": "formats.xlsx.forms",
    "Forms": "formats.xlsx.forms",
}
"""Each name loaded on first use, and the module (under this package) it comes from."""

_PAUSED = frozenset(
    {"load", "loads", "dump", "dumps", "score", "compare", "score_many", "report", "export"}
    | {"yearly_report", "import_xlsx", "write_forms"}
)
"""The functions that build many small objects: each runs with the cyclic collector paused."""

_DEPRECATED = {"ReviewKind": "CaseReviewKind", "ReviewStatus": "CaseReviewStatus"}
"""Old names, kept for one release: each warns and gives the new one."""

if TYPE_CHECKING:  # what type checkers and editors see; tests/test_api.py keeps it to _LAZY
    from safeguarding_plan.errors import (
        ArgumentError as ArgumentError,
    )
    from safeguarding_plan.errors import (
        PlanError as PlanError,
    )
    from safeguarding_plan.errors import (
        Problem as Problem,
    )
    from safeguarding_plan.errors import (
        SafeguardingPlanError as SafeguardingPlanError,
    )
    from safeguarding_plan.errors import (
        UnknownActionError as UnknownActionError,
    )
    from safeguarding_plan.errors import (
        UnknownReviewError as UnknownReviewError,
    )
    from safeguarding_plan.exporting.discovery import (
        PluginWarning as PluginWarning,
    )
    from safeguarding_plan.exporting.exporter import (
        Exporter as Exporter,
    )
    from safeguarding_plan.exporting.exporter import (
        ExporterError as ExporterError,
    )
    from safeguarding_plan.exporting.exporter import (
        ExportNote as ExportNote,
    )
    from safeguarding_plan.exporting.exporter import (
        Option as Option,
    )
    from safeguarding_plan.exporting.exporter import (
        OptionError as OptionError,
    )
    from safeguarding_plan.exporting.hookspecs import hookimpl as hookimpl
    from safeguarding_plan.exporting.manager import (
        PluginManager as PluginManager,
    )
    from safeguarding_plan.exporting.manager import (
        exporters as exporters,
    )
    from safeguarding_plan.exporting.manager import (
        get_plugin_manager as get_plugin_manager,
    )
    from safeguarding_plan.exporting.running import export as export
    from safeguarding_plan.formats.xlsx.forms import Forms as Forms
    from safeguarding_plan.formats.xlsx.forms import write_forms as write_forms
    from safeguarding_plan.formats.xlsx.importing import import_xlsx as import_xlsx
    from safeguarding_plan.planfile.loading import FORMAT as FORMAT
    from safeguarding_plan.planfile.loading import load as load
    from safeguarding_plan.planfile.loading import loads as loads
    from safeguarding_plan.planfile.writing import dump as dump
    from safeguarding_plan.planfile.writing import dumps as dumps
    from safeguarding_plan.reporting.build import report as report
    from safeguarding_plan.reporting.contents import ActionRow as ActionRow
    from safeguarding_plan.reporting.contents import Report as Report
    from safeguarding_plan.reporting.sentences import headline as headline
    from safeguarding_plan.reporting.yearly import yearly_contents as yearly_contents
    from safeguarding_plan.reporting.yearly import yearly_report as yearly_report
    from safeguarding_plan.scoring.impact import MeasurePoint as MeasurePoint
    from safeguarding_plan.scoring.impact import MeasureScore as MeasureScore
    from safeguarding_plan.scoring.impact import Trend as Trend
    from safeguarding_plan.scoring.many import PlanResult as PlanResult
    from safeguarding_plan.scoring.many import score_many as score_many
    from safeguarding_plan.scoring.progress import (
        Change as Change,
    )
    from safeguarding_plan.scoring.progress import (
        Comparison as Comparison,
    )
    from safeguarding_plan.scoring.progress import (
        PriorityScore as PriorityScore,
    )
    from safeguarding_plan.scoring.progress import (
        Score as Score,
    )
    from safeguarding_plan.scoring.progress import (
        compare as compare,
    )
    from safeguarding_plan.scoring.progress import (
        score as score,
    )


def __getattr__(name: str) -> Any:
    if name in _DEPRECATED:
        new = _DEPRECATED[name]
        if _import_asks_first():
            return globals()[new]  # the import asks again at once, and warns then
        warnings.warn(
            f"safeguarding_plan.{name} is now safeguarding_plan.{new}; the old name goes in the "
            "next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return globals()[new]
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    if name in _PAUSED:
        from safeguarding_plan.gcpause import pausing

        value = pausing(value)
    globals()[name] = value
    return value


def _import_asks_first() -> bool:
    """Whether ``__getattr__`` was called by the import system checking, for ``from
    safeguarding_plan import NAME``, that the package has NAME (``hasattr`` in importlib's
    ``_handle_fromlist``): the import then gets NAME itself, so an old name warns once per
    import, at the importing line, and at every later use as ever."""
    try:
        caller = sys._getframe(2)
    except ValueError:  # called with no Python code above it
        return False
    return (
        caller.f_code.co_name == "_handle_fromlist"
        and caller.f_globals.get("__name__") == "importlib._bootstrap"
    )


def __dir__() -> list[str]:
    """The public names (``__all__``), loaded or not, and the module's own dunder names: not
    the helpers this module imports for itself."""
    return sorted({*__all__, *(n for n in globals() if n.startswith("__") and n.endswith("__"))})


__all__ = [
    "NATIONAL_THEMES",
    "RATING_SCALES",
    "TIMESCALES",
    "Action",
    "ActionState",
    "ActionUpdate",
    "Assurance",
    "Better",
    "CaseReview",
    "CaseReviewKind",
    "CaseReviewStatus",
    "Due",
    "Evidence",
    "Interval",
    "Measure",
    "MeasureUnit",
    "MeasureValue",
    "Narrative",
    "NarrativeSection",
    "Paper",
    "Partnership",
    "Period",
    "Person",
    "Place",
    "Plan",
    "PracticeTheme",
    "Priority",
    "Progress",
    "Rag",
    "Rating",
    "RatingScale",
    "Recommendation",
    "Review",
    "Timescale",
    "Unit",
]
__all__.extend(_LAZY)

"""Keep a safeguarding children partnership's business improvement plan as data.

    import safeguarding_plan as sp
    plan = sp.load("plan.yaml")          # every problem of the file at once, in sp.PlanError
    score = sp.score(plan)               # at the latest review
    print(score.percent_complete, score.by_priority["1"].complete, score.overdue)
    delta = sp.compare(plan, "2021-11", "2022-02")

Importing this package loads neither python-docx nor openpyxl: scoring stays light.
"""

from .errors import PlanError, Problem
from .loading import FORMAT, load, loads
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
from .scoring import Change, Comparison, PriorityScore, Score, compare, score
from .wording import headline
from .writing import dump, dumps

__all__ = [
    "FORMAT",
    "RATING_SCALES",
    "Action",
    "ActionState",
    "ActionUpdate",
    "Change",
    "Comparison",
    "Due",
    "Partnership",
    "Period",
    "Person",
    "Plan",
    "PlanError",
    "Priority",
    "PriorityScore",
    "Problem",
    "Progress",
    "Rag",
    "Rating",
    "RatingScale",
    "Review",
    "Score",
    "compare",
    "dump",
    "dumps",
    "headline",
    "load",
    "loads",
    "score",
]

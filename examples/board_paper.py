"""The Birmingham board paper from Python: ``python examples/board_paper.py [OUT.docx]``.

The presentation it reproduces was given on Wednesday 16 February 2022 by the Independent
Chair and the Partnership Business Manager. The meeting, its date, who presents the paper,
the purpose, the recommendations and the narrative are in the plan file's ``paper``, so the
export needs no options.
"""

import sys
from pathlib import Path

import safeguarding_plan as sp

plan = sp.load(Path(__file__).parent / "birmingham-2021-23" / "plan.yaml")
target = sys.argv[1] if len(sys.argv) > 1 else "bscp-board-paper-2022-02.docx"

sp.export(plan, "docx", target, review="2022-02")
print(sp.headline(plan, sp.score(plan, review="2022-02")))
print(f"wrote {target}")

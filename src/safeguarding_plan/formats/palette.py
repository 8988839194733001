"""The colours the documents share, so a rating looks the same in the paper and the tracker."""

from __future__ import annotations

from safeguarding_plan.model.ratings import Rag

RAG_FILL = {
    Rag.BLUE: "DDEBF7",
    Rag.GREEN: "E2EFDA",
    Rag.AMBER: "FFF2CC",
    Rag.RED: "F8D7DA",
    Rag.GREY: "EDEDED",
}
"""Light tints behind rating words (never instead of them): black text keeps a contrast above
13:1 on each."""

HEADER_FILL = "E7E6E6"
"""Behind a table's header row."""

INPUT_FILL = "D9E1F2"
"""Behind the heading of a column a lead fills in on an update form (a note says which in
words too)."""

"""The built-in rating scales. Keys are fixed by the file format; words are for people."""

from __future__ import annotations

from .model import Rag, Rating, RatingScale


def _scale(name: str, *steps: tuple[str, str | None, Rag, str, str]) -> RatingScale:
    return RatingScale(
        name=name,
        ratings=tuple(
            Rating(key=key, symbol=symbol, rag=rag, label=label, meaning=meaning, order=order)
            for order, (key, symbol, rag, label, meaning) in enumerate(steps)
        ),
    )


# The faces are the seed's own: the Birmingham board paper rates each action with one of them.
FACES = _scale(
    "faces",
    ("happy", "😊", Rag.GREEN, "Good progress", "Achieved, or on track to be achieved on time"),
    ("neutral", "😐", Rag.AMBER, "Some progress", "Under way but behind plan, or partly achieved"),
    ("frown", "☹️", Rag.RED, "Limited progress", "Delayed or deferred; needs the Board's attention"),
    ("sad", "😞", Rag.RED, "No progress", "Not started or stalled; needs the Board's action"),
)
RAG = _scale(
    "rag",
    ("green", None, Rag.GREEN, "Green", "On track"),
    ("amber", None, Rag.AMBER, "Amber", "At risk: some slippage, being managed"),
    ("red", None, Rag.RED, "Red", "Off track: needs intervention"),
)
BRAG = _scale(
    "brag",
    ("blue", None, Rag.BLUE, "Blue", "Complete"),
    ("green", None, Rag.GREEN, "Green", "On track"),
    ("amber", None, Rag.AMBER, "Amber", "At risk: some slippage, being managed"),
    ("red", None, Rag.RED, "Red", "Off track: needs intervention"),
)

BUILT_IN: dict[str, RatingScale] = {scale.name: scale for scale in (FACES, RAG, BRAG) if scale.name}
"""The scales a plan can name with ``ratings: faces`` (or ``rag``, ``brag``)."""

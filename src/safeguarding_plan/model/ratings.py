"""How far an action has got, its rating and RAG colour, and the built-in rating scales. Keys
are fixed by the file format; words are for people."""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs


class Progress(enum.Enum):
    """How far an action has got. Separate from its rating: an action can be on track (😊)
    while still in progress."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    COMPLETE = "complete"
    DEFERRED = "deferred"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """Words for people: ``"Not started"``."""
        return self.value.replace("-", " ").capitalize()


class Rag(enum.Enum):
    """The RAG colour a rating stands for; blue means complete, grey means not assessed."""

    BLUE = "blue"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"

    @property
    def label(self) -> str:
        """Words for people: ``"Amber"``."""
        return self.value.capitalize()


@attrs.frozen
class Rating:
    """One step of a rating scale."""

    key: str
    """What the plan file writes, e.g. ``happy``."""
    label: str
    """Words shown beside the symbol, and all a screen reader says: ``Good progress``."""
    rag: Rag
    """The colour it counts as in RAG summaries."""
    order: int
    """Position in the scale, 0 for the best rating."""
    symbol: str | None = None
    """An emoji or mark shown with the words, never instead of them."""
    meaning: str | None = None
    """What the rating means, for the key to the scale."""


def _index_ratings(scale: RatingScale) -> dict[str, Rating]:
    return {rating.key: rating for rating in scale.ratings}


@attrs.frozen
class RatingScale:
    """The ratings a plan uses, best first."""

    ratings: tuple[Rating, ...]
    """Every rating, best first; ``ratings[i].order == i``."""
    name: str | None = None
    """The built-in scale's name (``faces``, ``rag``, ``brag``), or None for a scale written in
    the plan file."""
    _by_key: dict[str, Rating] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        hash=False,
        default=attrs.Factory(_index_ratings, takes_self=True),
    )

    def __getitem__(self, key: str) -> Rating:
        return self._by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Rating]:
        return iter(self.ratings)

    def __len__(self) -> int:
        return len(self.ratings)

    @property
    def keys(self) -> tuple[str, ...]:
        """The rating keys, best first."""
        return tuple(self._by_key)


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

RATING_SCALES: dict[str, RatingScale] = {
    scale.name: scale for scale in (FACES, RAG, BRAG) if scale.name
}
"""The scales a plan can name with ``ratings: faces`` (or ``rag``, ``brag``)."""

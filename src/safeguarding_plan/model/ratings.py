"""How far an action has got, its rating and RAG colour, and the built-in rating scales. Keys
are fixed by the file format; words are for people."""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from safeguarding_plan.text import clean
from safeguarding_plan.values import Value


def folded(text: str) -> str:
    """A rating, progress or RAG word as it is matched, wherever it is written (the plan file,
    a tracker, the command line): any case, surrounding space ignored, and the characters no
    document carries as a tracker shows them; an emoji's presentation selector is no part of
    it (``☹️`` is ``☹``)."""
    return clean(text).replace("\ufe0f", "").strip().casefold()


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

    @classmethod
    def read(cls, text: str) -> Progress | None:
        """The progress ``text`` names, by its value or its words, in any case and spacing
        (``in-progress``, `` In progress ``); None if it names none."""
        return _PROGRESS.get(folded(text))


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

    @classmethod
    def read(cls, text: str) -> Rag | None:
        """The colour ``text`` names, in any case and spacing (``Amber``); None if none."""
        return _RAGS.get(folded(text))


_PROGRESS = {folded(word): p for p in Progress for word in (p.value, p.label)}
_RAGS = {folded(rag.value): rag for rag in Rag}

PROGRESS_WORDS = {
    "done": "complete",
    "completed": "complete",
    "finished": "complete",
    "achieved": "complete",
    "ongoing": "in-progress",
    "on-going": "in-progress",
    "started": "in-progress",
    "underway": "in-progress",
    "under way": "in-progress",
    "on track": "in-progress",
    "on hold": "deferred",
    "postponed": "deferred",
    "delayed": "deferred",
    "canceled": "cancelled",
    "not yet started": "not-started",
}
"""Other words people write for a progress value (folded): suggested, never taken, since
"on track" or "done" may not mean what the plan's values mean."""
RAG_WORDS = {"orange": "amber", "yellow": "amber", "gray": "grey", "purple": "blue"}
"""Colours people call the RAG ones by (folded): suggested, never taken."""


@attrs.frozen(repr=False, eq=False)
class Rating(Value):
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


def _index_words(scale: RatingScale) -> dict[str, Rating | None]:
    """Each word that names a rating (`find`), matched as `folded`: its key or label, else its
    symbol, alone or before the label; None for a symbol several ratings share. Made once, so
    that reading a rating in each of thousands of updates folds one text, not the scale's."""
    words: dict[str, Rating | None] = {}
    symbols: dict[str, list[Rating]] = {}
    for rating in scale.ratings:
        for word in (folded(rating.key), folded(rating.label)):
            words.setdefault(word, rating)
        if rating.symbol:
            for word in {folded(rating.symbol), folded(f"{rating.symbol} {rating.label}")}:
                symbols.setdefault(word, []).append(rating)
    for word, named in symbols.items():
        if word not in words:
            words[word] = named[0] if len(named) == 1 else None
    return words


@attrs.frozen(repr=False, eq=False)
class RatingScale(Value):
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
    _by_word: dict[str, Rating | None] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        hash=False,
        default=attrs.Factory(_index_words, takes_self=True),
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

    def find(self, text: str) -> Rating | None:
        """The rating ``text`` names, in any case and spacing: its key or its label (``happy``,
        ``Good progress``), else its symbol, alone or before the label (``😊``, ``😊 Good
        progress``); None if it names none, or only a symbol several ratings share. A plan file
        refuses a scale in which one rating's key or label is another's (`clashes`), so no text
        names two ratings by them."""
        return self._by_word.get(folded(text))

    def clashes(self) -> list[tuple[Rating, Rating]]:
        """Each pair (earlier, later) of ratings whose keys or labels read the same when
        matched (`folded`): text could not tell them apart."""
        found = []
        seen: dict[str, Rating] = {}
        for rating in self.ratings:
            words = {folded(rating.key), folded(rating.label)}
            earlier = next((seen[w] for w in words if w in seen), None)
            if earlier is not None:
                found.append((earlier, rating))
            seen.update(dict.fromkeys(words, rating))
        return found


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

"""A long table's rows shared among its slides: the count of slides the rest need is made from
each row's count after it, kept beside the rows as they are placed and cut, and is the count a
walk through every row still to place gives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from safeguarding_plan_pptx import _slides
from test_pptx_layout import long_updates

import safeguarding_plan as sp

FULL = 100.0


def _walked(heights: Sequence[float], space: float, full: float) -> int:
    """The slides ``heights`` need, this one with ``space`` points, then as many of ``full``
    as it takes: every row looked at, as the table was shared before."""
    slides = 1
    for height in heights:
        if height > space:
            slides += 1
            space = full
        space -= min(height, full)
    return slides


def _rows(heights: Sequence[float]) -> list[Any]:
    return [_slides._Row([], height) for height in heights]


@given(
    heights=st.lists(st.floats(0.5, 3 * FULL), max_size=60),
    space=st.floats(0.0, FULL),
)
def test_the_count_is_the_walk_s(heights: list[float], space: float) -> None:
    rows = _rows(heights)
    after = _slides._after(rows, FULL)
    assert 1 + _slides._later(rows, 0, space, FULL, after) == _walked(heights, space, FULL)
    # From any row on, as the front of the rows still to place.
    for start in range(len(rows)):
        counted = 1 + _slides._later(rows[start:], 0, space, FULL, after[start:])
        assert counted == _walked(heights[start:], space, FULL)


def test_the_counts_beside_the_rows_stay_true_as_they_are_placed_and_cut(
    export_pptx: Callable[..., bytes],
    sample_plan: sp.Plan,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Updates of 2,000 characters: rows taller than a slide, cut between slides.
    taken = _slides._take
    checked = []

    def take(pending: list[Any], after: list[int], *args: Any) -> list[Any]:
        assert after == _slides._after(pending, args[-1])
        placed = taken(pending, after, *args)
        assert after == _slides._after(pending, args[-1])
        checked.append(len(placed))
        return placed

    monkeypatch.setattr(_slides, "_take", take)
    export_pptx(long_updates(attrs.evolve(sample_plan)))
    assert len(checked) > 20

"""How the board paper's tables sit on the page: column widths and the rows that may split."""

from __future__ import annotations

import docx
import pytest
from docx.shared import Cm, Pt
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_plan.formats.docx.grid import CELL_MARGINS, Grid, height
from safeguarding_plan.formats.docx.parts import Cell

A4 = 9638  # 17 cm between the margins, in twentieths of a point
ARIAL_12 = Grid(A4, splittable=9, heading=0.6 * 20 * 12, text=0.5 * 20 * 12)

words = st.lists(st.text("abcdefghij()–", min_size=2, max_size=14), min_size=1, max_size=4)
heading = st.tuples(st.booleans(), words)
"""A column heading as words, with or without a "%" before them (kept to the first word)."""


def _text(percent: bool, words: list[str]) -> str:
    return " ".join(["%", *words] if percent else words)


def _longest(percent: bool, words: list[str]) -> int:
    return max(len(words[0]) + 2 if percent else 0, *map(len, words))


@given(st.lists(heading, min_size=1, max_size=6), st.data(), st.integers(2880, 20_000))
def test_columns_fill_the_width_and_fit_their_headings(
    columns: list[tuple[bool, list[str]]], data: st.DataObject, width: int
) -> None:
    weights = data.draw(st.lists(st.integers(1, 100), min_size=len(columns), max_size=len(columns)))
    fractions = [w / sum(weights) for w in weights]
    grid = Grid(width, splittable=9, heading=168, text=150)
    widths = grid.widths([_text(*column) for column in columns], fractions)
    assert len(widths) == len(columns)
    assert width - len(columns) <= sum(widths) <= width
    need = [min(_longest(*column) * 168 + CELL_MARGINS, width / len(columns)) for column in columns]
    if sum(need) <= width:  # room for every heading: none breaks a word
        assert all(w >= n - 1 for w, n in zip(widths, need, strict=True)), (widths, need)


def test_percent_complete_is_one_unbroken_heading() -> None:
    """ "% complete" keeps its "%" and needs the width of both words, not of "complete"."""
    fractions = (0.40, 0.12, 0.14, 0.13, 0.21)
    names = ("Priority", "Actions", "Complete", "% complete", "Ratings")
    widths = ARIAL_12.widths(names, fractions)
    assert widths[3] >= len("% complete") * ARIAL_12.heading + CELL_MARGINS - 1
    assert widths[2] >= len("Complete") * ARIAL_12.heading + CELL_MARGINS - 1
    assert widths[3] > A4 * 0.13  # wider than it was asked to be, taken from the others
    assert widths[0] < A4 * 0.40


def test_a_column_is_as_wide_as_the_longest_word_of_its_cells() -> None:
    """On a narrow page "(complete)" broke before its ")"; a word longer than an even share of
    the width breaks whatever the column, and takes no more than that share."""
    letter = Grid(8640, splittable=8, heading=0.7 * 20 * 11, text=0.6 * 20 * 11)
    names = ("Planned Action (2021-23)", "February 2022 – Update", "Status")
    rows = [[Cell.of("action"), Cell.of("update"), Cell.of("😊 Good progress (complete)")]]
    assert letter.widths(names, (0.55, 0.30, 0.15))[2] < len("(complete)") * letter.text
    widths = letter.widths(names, (0.55, 0.30, 0.15), rows)
    assert widths[2] >= len("(complete)") * letter.text + CELL_MARGINS - 1
    assert sum(widths) <= 8640
    url = [[Cell.of("see https://example.org/" + "a" * 300), Cell.of("x"), Cell.of("y")]]
    widths = letter.widths(names, (0.10, 0.60, 0.30), url)
    assert 8640 / 3 - 1 <= widths[0] <= 8640 / 3


def test_a_hyphen_may_end_a_line() -> None:
    narrow = Grid(4000, splittable=9, heading=144, text=120)
    least = narrow.widths(["a", "b"], [0.9, 0.1], [[Cell.of("x"), Cell.of("reachable-moments")]])
    assert least[1] == len("reachable-") * 120 + CELL_MARGINS


@given(st.text(max_size=2000), st.integers(1000, 9000))
def test_a_wider_column_never_takes_more_lines(text: str, width: int) -> None:
    cell = [Cell.of(text)]
    assert height(cell, [width + 500]) <= height(cell, [width])
    assert height(cell, [width]) >= 1


def test_a_row_takes_its_tallest_cells_lines() -> None:
    short, long = Cell.of("No update."), Cell((((("word " * 100), ""),), (("Lead: X.", "i"),)))
    assert height([short, long], [4000, 4000]) == height([long], [4000]) > 1
    assert height([short], [4000]) == 1


def test_shortest_gives_the_wide_text_the_wide_column() -> None:
    rows = [[Cell.of("action " * 60), Cell.of("done"), Cell.of("Good")]] * 5
    choices = [(0.35, 0.50, 0.15), (0.55, 0.30, 0.15)]
    assert ARIAL_12.shortest(("Action", "Update", "Status"), rows, choices) == choices[1]
    rows = [[Cell.of("act"), Cell.of("update " * 60), Cell.of("Good")]] * 5
    assert ARIAL_12.shortest(("Action", "Update", "Status"), rows, choices) == choices[0]


@pytest.mark.parametrize(
    ("width", "height_cm", "splittable"),
    [(21, 29.7, 9), (29.7, 21, 6)],  # A4 portrait, and landscape
)
def test_a_row_may_split_beyond_a_fifth_of_the_page(
    width: float, height_cm: float, splittable: int
) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(width), Cm(height_cm)
    for side in ("top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    assert Grid.of(document, A4, document.styles["Normal"]).splittable == splittable


def test_characters_are_reckoned_by_typeface_and_size() -> None:
    document = docx.Document()  # python-docx's own: 11 pt, in the theme's typeface
    normal = document.styles["Normal"]
    grid = Grid.of(document, A4, normal)
    assert (grid.heading, grid.text) == pytest.approx((0.75 * 20 * 11, 0.65 * 20 * 11))
    normal.font.name, normal.font.size = "Arial", Pt(12)
    grid = Grid.of(document, A4, normal)
    assert (grid.heading, grid.text) == pytest.approx((0.6 * 20 * 12, 0.5 * 20 * 12))

"""A deck read back with python-pptx, as a reader meets it: each slide's title, its shapes in
reading order, their text, tables and charts."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pptx import Presentation
from pptx.presentation import Presentation as PptxDeck
from pptx.shapes.base import BaseShape

EMU_PER_POINT = 12_700
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@dataclass
class Table:
    """A table: its rows of cell texts (the first its header row), whether that row is marked
    as the header, and its alternative text."""

    rows: list[list[str]]
    header_marked: bool
    description: str

    @property
    def header(self) -> list[str]:
        return self.rows[0]

    @property
    def body(self) -> list[list[str]]:
        return self.rows[1:]


@dataclass
class Chart:
    """A chart: its categories, each series' name and values, and its alternative text."""

    categories: list[str]
    series: dict[str, list[float]]
    description: str
    title: str


@dataclass
class Slide:
    """A slide: its title, whether the title is in the title placeholder and first in
    reading order, and what its other shapes hold, in reading order."""

    title: str
    title_first: bool
    texts: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    shapes: list[BaseShape] = field(default_factory=list)

    @property
    def words(self) -> str:
        """Everything on the slide as one text."""
        cells = [cell for table in self.tables for row in table.rows for cell in row]
        return "\n".join([self.title, *self.texts, *cells])


@dataclass
class Deck:
    deck: PptxDeck
    slides: list[Slide]

    @property
    def titles(self) -> list[str]:
        return [slide.title for slide in self.slides]

    def slide(self, title: str) -> Slide:
        return next(slide for slide in self.slides if slide.title == title)

    def off_the_slide(self) -> list[str]:
        """The title of each slide with a shape that reaches past the slide's edges."""
        width, height = self.deck.slide_width or 0, self.deck.slide_height or 0
        return [
            slide.title
            for slide in self.slides
            for shape in slide.shapes
            if min(shape.left or 0, shape.top or 0) < 0
            or (shape.left or 0) + (shape.width or 0) > width
            or (shape.top or 0) + (shape.height or 0) > height
        ]

    def starting(self, title: str) -> list[Slide]:
        """The slides of one section: titled ``title``, then its "(continued)" slides."""
        return [
            s for s in self.slides if s.title == title or s.title.startswith(f"{title} (continued")
        ]


def read(data: bytes) -> Deck:
    deck = Presentation(io.BytesIO(data))
    slides = []
    for shown in deck.slides:
        shapes = list(shown.shapes)
        title = shown.shapes.title
        slide = Slide(
            title=title.text_frame.text if title is not None else "",
            title_first=bool(shapes) and title is not None and shapes[0].shape_id == title.shape_id,
            shapes=shapes,
        )
        for shape in shapes[1:]:
            if shape.has_text_frame:
                slide.texts.append(shape.text_frame.text)
            elif getattr(shape, "has_table", False):
                table = shape.table
                slide.tables.append(
                    Table(
                        [[cell.text for cell in row.cells] for row in table.rows],
                        table.first_row,
                        _description(shape),
                    )
                )
            elif getattr(shape, "has_chart", False):
                plot = shape.chart.plots[0]
                slide.charts.append(
                    Chart(
                        [str(c) for c in plot.categories],
                        {s.name: list(s.values) for s in plot.series},
                        _description(shape),
                        shape._element.find(f"{_P}nvGraphicFramePr/{_P}cNvPr").get("title", ""),
                    )
                )
        slides.append(slide)
    return Deck(deck, slides)


def _description(shape: BaseShape) -> str:
    found = shape._element.find(f"{_P}nvGraphicFramePr/{_P}cNvPr")
    return found.get("descr", "") if found is not None else ""

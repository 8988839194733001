"""A cell's look, and the stylesheet (``xl/styles.xml``) that gives each look its number.

A look is a plain value; the stylesheet numbers the fonts, fills, borders and formats the looks
use once each, in the order first used, and each look the number a cell's ``s`` names.
"""

from __future__ import annotations

from typing import NamedTuple, TypeVar

from safeguarding_plan.formats.ooxml import escaping


class Font(NamedTuple):
    """A typeface, its size in points, bold or not, and a colour (hex RGB, None: automatic)."""

    name: str
    size: float
    bold: bool = False
    colour: str | None = None


class Style(NamedTuple):
    """How a cell looks, and whether it is kept as typed and can be changed."""

    font: Font
    fill: str | None = None
    """A solid fill's colour, hex RGB."""
    border: str | None = None
    """A thin border all round in this colour, hex RGB."""
    wrap: bool = False
    number_format: str = "General"
    text: bool = False
    """The quote prefix: Excel keeps what someone types in the cell as text, even ``=…``."""
    locked: bool = True
    """False for a cell to fill in on a protected sheet."""


BUILT_IN_FORMATS = {"General": 0, "#,##0": 3, "#,##0.00": 4, "0%": 9, "@": 49}
"""The number formats the tracker uses that Excel has built in, by their ids."""
FIRST_OWN_FORMAT = 164
FIRST_FILLS = (
    '<fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
)
FIRST_FILL = 2
"""Every stylesheet's first two fills are none and a grey pattern, whatever its cells use."""

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

T = TypeVar("T")


def _numbered(items: dict[T, int], item: T, first: int = 0) -> int:
    return items.setdefault(item, first + len(items))


class Stylesheet:
    """The styles of one workbook, its Normal font ``normal`` (the one column widths are
    measured in): ``add`` numbers a look, ``rule_fill`` a fill a conditional format gives, and
    ``xml`` is the part."""

    def __init__(self, normal: Font) -> None:
        self.normal = Style(normal)
        self._fonts: dict[Font, int] = {normal: 0}
        self._fills: dict[str, int] = {}
        self._borders: dict[str, int] = {}
        self._formats: dict[str, int] = {}
        self._styles: dict[Style, int] = {self.normal: 0}
        self._rule_fills: dict[str, int] = {}

    def add(self, style: Style) -> int:
        """The id of ``style``, numbered when first added."""
        found = self._styles.get(style)
        if found is None:
            found = self._styles[style] = len(self._styles)
            _numbered(self._fonts, style.font)
            if style.fill is not None:
                _numbered(self._fills, style.fill, FIRST_FILL)
            if style.border is not None:
                _numbered(self._borders, style.border, 1)
            if style.number_format not in BUILT_IN_FORMATS:
                _numbered(self._formats, style.number_format, FIRST_OWN_FORMAT)
        return found

    def rule_fill(self, colour: str) -> int:
        """The id of a differential style filling a cell with ``colour``, as a conditional
        format's rule names it."""
        return _numbered(self._rule_fills, colour)

    def xml(self) -> str:
        """The stylesheet part."""
        formats = "".join(
            f'<numFmt numFmtId="{n}" formatCode={escaping.attribute(code)}/>'
            for code, n in self._formats.items()
        )
        fonts = "".join(map(_font, self._fonts))
        fills = FIRST_FILLS + "".join(map(_fill, self._fills))
        borders = "".join(map(_border, [None, *self._borders]))
        xfs = "".join(map(self._xf, self._styles))
        rules = "".join(f"<dxf>{_fill(colour)}</dxf>" for colour in self._rule_fills)
        return (
            f'<styleSheet xmlns="{MAIN}">'
            + (_counted("numFmts", len(self._formats), formats) if self._formats else "")
            + _counted("fonts", len(self._fonts), fonts)
            + _counted("fills", FIRST_FILL + len(self._fills), fills)
            + _counted("borders", 1 + len(self._borders), borders)
            + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellStyleXfs>"
            + _counted("cellXfs", len(self._styles), xfs)
            + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles>"
            + _counted("dxfs", len(self._rule_fills), rules)
            + '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
            'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
        )

    def _xf(self, style: Style) -> str:
        number_format = BUILT_IN_FORMATS.get(style.number_format)
        if number_format is None:
            number_format = self._formats[style.number_format]
        fill = 0 if style.fill is None else self._fills[style.fill]
        border = 0 if style.border is None else self._borders[style.border]
        ids = (
            f'numFmtId="{number_format}" fontId="{self._fonts[style.font]}" fillId="{fill}" '
            f'borderId="{border}" xfId="0"'
        )
        if style == self.normal:
            return f"<xf {ids}/>"
        wrap = ' wrapText="1"' if style.wrap else ""
        inside = f'<alignment vertical="top"{wrap}/>'
        applied = ' applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"'
        applied += ' applyAlignment="1"'
        if not style.locked:
            applied += ' applyProtection="1"'
            inside += '<protection locked="0"/>'
        prefix = ' quotePrefix="1"' if style.text else ""
        return f"<xf {ids}{applied}{prefix}>{inside}</xf>"


def _counted(tag: str, count: int, inside: str) -> str:
    return f'<{tag} count="{count}">{inside}</{tag}>'


def _font(font: Font) -> str:
    bold = "<b/>" if font.bold else ""
    colour = f'<color rgb="FF{font.colour}"/>' if font.colour else ""
    return (
        f'<font>{bold}<sz val="{font.size:g}"/>{colour}'
        f'<name val={escaping.attribute(font.name)}/><family val="2"/></font>'
    )


def _fill(colour: str) -> str:
    # A differential style's solid fill is drawn in its background colour: both are given.
    return (
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{colour}"/>'
        f'<bgColor rgb="FF{colour}"/></patternFill></fill>'
    )


def _border(colour: str | None) -> str:
    if colour is None:
        return "<border><left/><right/><top/><bottom/><diagonal/></border>"
    sides = "".join(
        f'<{side} style="thin"><color rgb="FF{colour}"/></{side}>'
        for side in ("left", "right", "top", "bottom")
    )
    return f"<border>{sides}<diagonal/></border>"

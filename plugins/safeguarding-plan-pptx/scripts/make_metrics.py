"""Write ``src/safeguarding_plan_pptx/_metrics.py``: the advance width of every character of
Liberation Sans, the freely licensed (SIL OFL) typeface metric-compatible with Arial, in which
the deck is set. The deck measures its text with these, so where a table splits is the same on
every machine, whatever fonts it has.

The widths are written as a Python module of tuples, which Python keeps compiled and loads
without parsing text: the deck's first line is measured sooner than from JSON.

Run once, with fontTools and the fonts installed (Debian: fonts-liberation2):

    pip install fonttools
    python scripts/make_metrics.py /usr/share/fonts/truetype/liberation2
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "safeguarding_plan_pptx" / "_metrics.py"

# A face's widths are the wider of upright and italic, so italic text is never under-measured.
FACES = {
    "regular": ("LiberationSans-Regular.ttf", "LiberationSans-Italic.ttf"),
    "bold": ("LiberationSans-Bold.ttf", "LiberationSans-BoldItalic.ttf"),
}
LINE = 100
"""The longest line written, as the project's line length."""

Runs = list[tuple[int, list[int]]]
"""Consecutive code points as ``(first, [width, ...])``, in order."""


def widths(folder: Path, names: tuple[str, ...]) -> tuple[int, dict[int, int]]:
    """The typeface's units per em, and each character's advance width in those units."""
    from fontTools.ttLib import TTFont  # only here, so that the tests import this without it

    found: dict[int, int] = {}
    units = 0
    for name in names:
        font = TTFont(folder / name)
        advances = font["hmtx"].metrics
        for code, glyph in font.getBestCmap().items():
            found[code] = max(found.get(code, 0), advances[glyph][0])
        units = font["head"].unitsPerEm
    return units, found


def runs(found: dict[int, int]) -> Runs:
    """Consecutive code points as ``(first, [width, ...])``."""
    out: Runs = []
    for code in sorted(found):
        if out and code == out[-1][0] + len(out[-1][1]):
            out[-1][1].append(found[code])
        else:
            out.append((code, [found[code]]))
    return out


def render(font: str, units: int, faces: dict[str, Runs]) -> str:
    """The module's text: for each face, the first code point of each run and the run's
    widths, as tuples, every line within the project's line length."""
    lines = [
        f'"""The advance widths of {font}, in {units}ths of an em: for each face, the first',
        "code point of each run of consecutive code points the typeface has, and the width of",
        "each character of the run. Written by ``scripts/make_metrics.py``; not edited by hand.",
        '"""',
        "",
        "# fmt: off",
        f'FONT = "{font}"',
        f"UNITS_PER_EM = {units}",
    ]
    for face, found in faces.items():
        lines += ["", f"{face.upper()}_FIRSTS = ("]
        lines += _wrapped([str(first) for first, _ in found], "    ")
        lines += [")", f"{face.upper()}_WIDTHS = ("]
        for _, run in found:
            lines.append("    (")
            lines += _wrapped([str(width) for width in run], "        ")
            lines.append("    ),")
        lines.append(")")
    return "\n".join(lines) + "\n"


def _wrapped(items: Sequence[str], indent: str) -> Iterator[str]:
    """``items``, each followed by a comma (so that a run of one is still a tuple), on as few
    lines as fit the line length."""
    line = ""
    for item in items:
        if line and len(indent) + len(line) + len(item) + 2 > LINE:
            yield indent + line.rstrip()
            line = ""
        line += f"{item}, "
    if line:
        yield indent + line.rstrip()


def main(folder: str) -> None:
    faces: dict[str, Runs] = {}
    units = 0
    for face, names in FACES.items():
        units, found = widths(Path(folder), names)
        faces[face] = runs(found)
    OUT.write_text(render("Liberation Sans", units, faces), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")

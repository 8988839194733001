"""Write ``src/safeguarding_plan_pptx/liberation-sans.json``: the advance width of every
character of Liberation Sans, the freely licensed (SIL OFL) typeface metric-compatible with
Arial, in which the deck is set. The deck measures its text with these, so where a table
splits is the same on every machine, whatever fonts it has.

Run once, with fontTools and the fonts installed (Debian: fonts-liberation2):

    pip install fonttools
    python scripts/make_metrics.py /usr/share/fonts/truetype/liberation2
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

OUT = (
    Path(__file__).resolve().parents[1] / "src" / "safeguarding_plan_pptx" / "liberation-sans.json"
)

# A face's widths are the wider of upright and italic, so italic text is never under-measured.
FACES = {
    "regular": ("LiberationSans-Regular.ttf", "LiberationSans-Italic.ttf"),
    "bold": ("LiberationSans-Bold.ttf", "LiberationSans-BoldItalic.ttf"),
}


def widths(folder: Path, names: tuple[str, ...]) -> tuple[int, dict[int, int], dict[str, int]]:
    found: dict[int, int] = {}
    vertical: dict[str, int] = {}
    for name in names:
        font = TTFont(folder / name)
        advances = font["hmtx"].metrics
        for code, glyph in font.getBestCmap().items():
            found[code] = max(found.get(code, 0), advances[glyph][0])
        os2 = font["OS/2"]
        vertical = {
            "ascent": max(vertical.get("ascent", 0), os2.usWinAscent),
            "descent": max(vertical.get("descent", 0), os2.usWinDescent),
        }
        units = font["head"].unitsPerEm
    return units, found, vertical


def runs(found: dict[int, int]) -> list[tuple[int, list[int]]]:
    """Consecutive code points as ``(first, [width, ...])``."""
    out: list[tuple[int, list[int]]] = []
    for code in sorted(found):
        if out and code == out[-1][0] + len(out[-1][1]):
            out[-1][1].append(found[code])
        else:
            out.append((code, [found[code]]))
    return out


def main(folder: str) -> None:
    data: dict[str, object] = {"font": "Liberation Sans"}
    for face, names in FACES.items():
        units, found, vertical = widths(Path(folder), names)
        data["units_per_em"] = units
        data[face] = {**vertical, "widths": runs(found)}
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")

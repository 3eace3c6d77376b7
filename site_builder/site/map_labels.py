"""Label placement for the maps: a name goes where it covers no other name, dot or inset.

Greedy, in priority order (the caller offers the most important first): each label tries the
positions around its point and takes the first that is free and inside the frame; a label that
fits nowhere is left out (its dot keeps a tooltip). Boxes are kept in a grid of cells, so a
check looks only at its neighbours.
"""

from __future__ import annotations

import html
from collections import defaultdict

CELL = 48.0  # px
# glyph widths of Arial and its metric twins (Liberation Sans, Helvetica), in thousandths of the
# font size: the maps' labels are set in them (briefing.css), so a label's box is its real size
WIDTHS = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,-'()",
        [556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278]
        + [556, 500, 722, 500, 500, 500, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833]
        + [
            722,
            778,
            667,
            778,
            722,
            667,
            611,
            722,
            667,
            944,
            667,
            667,
            611,
            278,
            278,
            278,
            333,
            191,
            333,
            333,
        ],
        strict=True,
    )
)
OTHER = 600  # any other character, a little wider than most
ASCENT, DESCENT = 0.92, 0.22  # above and below the baseline, in font sizes
MARGIN = 1.06  # rendering differences between the twins, hinting


def text_width(text: str, size: float, caps: bool = False) -> float:
    """A label's width in pixels; `caps`: the country labels' bold capitals, spaced 0.08 em."""
    if caps:
        units = sum(WIDTHS.get(c, OTHER) * 1.06 + 80 for c in text.upper())
    else:
        units = sum(WIDTHS.get(c, OTHER) for c in text)
    return units * size / 1000 * MARGIN


Box = tuple[float, float, float, float]


class Labels:
    def __init__(self, width: float, height: float):
        self.width, self.height = width, height
        self._cells: dict[tuple[int, int], list[Box]] = defaultdict(list)
        self._centred: list[str] = []

    def _keys(self, box: Box):
        x0, y0, x1, y1 = box
        for i in range(int(x0 // CELL), int(x1 // CELL) + 1):
            for j in range(int(y0 // CELL), int(y1 // CELL) + 1):
                yield i, j

    def block(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Mark an area taken (a dot, an arrow, the inset, a placed label)."""
        box = (x0, y0, x1, y1)
        for key in self._keys(box):
            self._cells[key].append(box)

    def free(self, box: Box) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 2 or y0 < 2 or x1 > self.width - 2 or y1 > self.height - 2:
            return False
        for key in self._keys(box):
            for b in self._cells.get(key, ()):
                if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                    return False
        return True

    def covered(self, x0: float, y0: float, x1: float, y1: float) -> float:
        """How much of an area is already taken (for choosing the emptiest corner)."""
        seen, total = set(), 0.0
        for key in self._keys((x0, y0, x1, y1)):
            for b in self._cells.get(key, ()):
                if b in seen:
                    continue
                seen.add(b)
                w = min(x1, b[2]) - max(x0, b[0])
                h = min(y1, b[3]) - max(y0, b[1])
                if w > 0 and h > 0:
                    total += w * h
        return total

    def _box(self, tx: float, baseline: float, anchor: str, width: float, size: float) -> Box:
        """The box a text takes, from its anchor point and the font's ascent and descent."""
        left = {"start": tx, "end": tx - width, "middle": tx - width / 2}[anchor]
        return (left, baseline - ASCENT * size, left + width, baseline + DESCENT * size)

    def place_beside(
        self,
        x: float,
        y: float,
        r: float,
        text: str,
        size: float,
        inward_from: tuple[float, float] | None = None,
    ) -> str | None:
        """A `<text>` beside the point (x, y) of radius r where it fits, or None."""
        w, gap, d = text_width(text, size), 3.0, r * 0.7
        middle = y + (ASCENT - DESCENT) / 2 * size  # the baseline that centres the text on y
        candidates = [
            (x + r + gap, middle, "start"),
            (x - r - gap, middle, "end"),
            (x, y - r - gap - DESCENT * size, "middle"),
            (x, y + r + gap + ASCENT * size, "middle"),
            (x + d + gap, y - d - DESCENT * size, "start"),
            (x + d + gap, y + d + ASCENT * size, "start"),
            (x - d - gap, y - d - DESCENT * size, "end"),
            (x - d - gap, y + d + ASCENT * size, "end"),
        ]
        boxed = [(tx, ty, anchor, self._box(tx, ty, anchor, w, size)) for tx, ty, anchor in candidates]
        if inward_from is not None:
            cx, cy = inward_from
            boxed.sort(
                key=lambda c: ((c[3][0] + c[3][2]) / 2 - cx) ** 2 + ((c[3][1] + c[3][3]) / 2 - cy) ** 2
            )
        for tx, ty, anchor, box in boxed:
            if self.free(box):
                self.block(*box)
                return f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">{html.escape(text)}</text>'
        return None

    def place_centred(self, x: float, y: float, width: float, cls: str, text: str, size: float) -> bool:
        """A label centred on (x, y), kept when its box is free (country names)."""
        baseline = y + (ASCENT - DESCENT) / 2 * size
        box = self._box(x, baseline, "middle", width, size)
        if not self.free(box):
            return False
        self.block(*box)
        self._centred.append(
            f'<text class="{cls}" x="{x:.1f}" y="{baseline:.1f}" text-anchor="middle" '
            f'font-size="{size}">{html.escape(text)}</text>'
        )
        return True

    def markup(self) -> str:
        return "".join(self._centred)

"""The one colour system of every chart: each group's colour, each family's marker, the balls' scale.

Groups and families come from data/families.yaml, in the file's order: the n-th group gets PALETTE[n], the n-th
family of a group gets MARKERS[n] (so a family added at the end of its group changes no other family's look).
Ball charts, Figure 1, the explorer, embed pages and the static figures all take their styles from here.

The palette was chosen so that every pair of group colours stays at least MIN_DIFFERENCE apart (CIEDE2000) in
normal vision and under simulated deuteranopia and protanopia (tests/test_style.py computes it; colour.py says
how). Marker shapes repeat the group colour's message inside a group and tell its families apart, so colour is
never the only cue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Group colours, in the order of the groups in data/families.yaml. The first six: smallest pairwise CIEDE2000 27.4
# in normal vision, 22.8 under deuteranopia, 22.7 under protanopia (Machado et al. 2009, severity 1). Wine and rose
# were added for the seventh and eighth groups (registry 0.4.0) as the pair farthest from those six in all three
# visions (a search over a 16-step RGB grid, lightness 25-80): the eight stay 19.5 apart in normal vision, 17.8
# under deuteranopia and 22.7 under protanopia.
PALETTE = ("#BB5500",  # rust
           "#3366FF",  # blue
           "#44DDBB",  # mint
           "#FFAA00",  # amber
           "#33CCFF",  # sky
           "#BB0077",  # magenta
           "#880022",  # wine
           "#CC6677")  # rose
MIN_DIFFERENCE = 17.5  # the palette's test fails below this (the issue asks for at least 15)

# Marker shapes, in the order families of a group take them, with each shape's filled area relative to a circle
# of the same Plotly `size` (measured in Chromium: pixels inside each plotly.js symbol path at size 80). Ball
# sizes are divided by it, so a triangle of 10 M parameters covers as much of the page as a circle of 10 M.
MARKERS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon", "star", "hexagram", "cross", "x")
MARKER_AREA = {"circle": 1.0, "square": 1.291, "diamond": 1.088, "triangle-up": 0.557, "triangle-down": 0.557,
               "pentagon": 0.757, "star": 0.700, "hexagram": 0.962, "cross": 1.039, "x": 1.022}
# The outline plotly.js 4.1.1 draws for each shape at size 10 (centred on 0, 0; y down), copied from the SVG it
# renders: the keys beside the charts draw the same shapes.
MARKER_PATHS = {
    "circle": "M5,0A5,5 0 1,1 0,-5A5,5 0 0,1 5,0Z",
    "square": "M5,5H-5V-5H5Z",
    "diamond": "M6.5,0L0,6.5L-6.5,0L0,-6.5Z",
    "triangle-up": "M-5.77,2.5H5.77L0,-5Z",
    "triangle-down": "M-5.77,-2.5H5.77L0,5Z",
    "pentagon": "M4.76,-1.54L2.94,4.05H-2.94L-4.76,-1.54L0,-5Z",
    "star": "M1.58,-2.16H6.66L2.54,0.83L4.12,5.66L0,2.67L-4.12,5.66L-2.54,0.83L-6.66,-2.16H-1.58L0,-7Z",
    "hexagram": "M-3.8,0l-1.9,-3.3h3.8l1.9,-3.3l1.9,3.3h3.8l-1.9,3.3l1.9,3.3h-3.8l-1.9,3.3l-1.9,-3.3h-3.8Z",
    "cross": "M6,2H2V6H-2V2H-6V-2H-2V-6H2V-2H6Z",
    "x": "M0,2.83l2.83,2.83l2.83,-2.83l-2.83,-2.83l2.83,-2.83l-2.83,-2.83l-2.83,2.83l-2.83,-2.83l-2.83,2.83l2.83,2.83l-2.83,2.83l2.83,2.83Z",
}
OTHER_COLOUR = "#8C8C8C"  # a family whose group is not in families.yaml (only in hand-made test rows)
FADED_COLOUR = "rgb(150,150,150)"  # points outside the explorer's view and networks not highlighted
MINE_COLOUR = "#d62728"  # your own networks in the explorer (a star), and the ring of a highlighted network
IMPORTED_COLOUR = "rgba(136,34,85,0.7)"  # entries of imported library tables (open circles)
LINE_LIGHT = "rgba(0,0,0,0.55)"  # marker outlines on a light background
FRONT_LINE = {"color": "#888888", "dash": "dot", "width": 2}
# Scatter charts that are not ball charts (time per image against MACs, ImageNetV2 against ImageNet): a reference
# line (y = x) and a fitted line.
REFERENCE_LINE = {"color": "#888888", "dash": "dot", "width": 1.5}
FIT_LINE = {"color": PALETTE[0], "width": 2}
BALL_OPACITY = 0.8

FONT = "Helvetica, Arial, sans-serif"  # the site's charts (Arial's metrics: Liberation Sans on Linux)


@dataclass(frozen=True)
class BallScale:
    """Ball area proportional to parameters: a circle of `ref_params` M parameters is `ref_px` px across;
    balls are never drawn smaller than `floor_px` across (the size key says below how many parameters)."""
    ref_px: float = 22.0
    ref_params: float = 100.0
    floor_px: float = 3.0

    def diameter(self, params_m: float) -> float:
        """Diameter in px of a circle for `params_m` M parameters, floor not applied."""
        return self.ref_px * math.sqrt(params_m / self.ref_params)

    @property
    def floor_params(self) -> float:
        """Below this many M parameters a ball is drawn at the floor size."""
        return self.ref_params * (self.floor_px / self.ref_px) ** 2

    def sizeref(self) -> float:
        """Plotly's marker.sizeref for sizemode 'area': plotly.js draws a marker sqrt(2 * size / sizeref) px across
        (measured in Chromium), and never less than 2 * sizemin."""
        return 2 * self.ref_params / self.ref_px ** 2

    def sizemin(self) -> float:
        return self.floor_px / 2

    def marker_size(self, params_m: float, symbol: str) -> float:
        """The marker `size` value for sizemode 'area' that gives `symbol` the area of the circle."""
        return params_m / MARKER_AREA.get(symbol.removesuffix("-open"), 1.0)


SITE_BALLS = BallScale()
SIZE_KEY = (5.0, 25.0, 100.0)  # M parameters of the size key's reference balls


@dataclass(frozen=True)
class Styles:
    """Colours and markers of one registry: built from families.yaml's mapping of family -> group."""
    groups: tuple[str, ...]  # in order
    families: dict[str, tuple[str, ...]]  # group -> its families, in order
    group_of: dict[str, str]  # family -> group

    def group(self, row: dict) -> str:
        """A row's group: families.yaml's, else the row's own (hand-made rows), else its family."""
        return self.group_of.get(row["family"]) or row.get("group") or row["family"]

    def colour(self, group: str) -> str:
        return PALETTE[self.groups.index(group)] if group in self.groups else OTHER_COLOUR

    def family_colour(self, family: str) -> str:
        return self.colour(self.group_of.get(family, ""))

    def marker(self, family: str) -> str:
        group = self.group_of.get(family)
        if group is None:
            return "circle"
        return MARKERS[self.families[group].index(family) % len(MARKERS)]

    def as_dict(self) -> dict:
        """For the browser (explorer, keys): family -> [colour, marker], and the groups in order with their colour."""
        return {"families": {f: [self.family_colour(f), self.marker(f)] for f in sorted(self.group_of)},
                "groups": [[g, self.colour(g)] for g in self.groups]}


def styles_of(group_of: dict[str, str]) -> Styles:
    """Styles from families.yaml's mapping (insertion order = the file's order)."""
    groups: list[str] = []
    families: dict[str, list[str]] = {}
    for family, group in group_of.items():
        if group not in families:
            groups.append(group)
            families[group] = []
        families[group].append(family)
    return Styles(tuple(groups), {g: tuple(f) for g, f in families.items()}, dict(group_of))


def styles_from_rows(rows: list[dict]) -> Styles:
    """Styles when only rows are at hand (tests, hand-made rows): families in the order the rows give them."""
    return styles_of({r["family"]: r.get("group") or r["family"] for r in rows})

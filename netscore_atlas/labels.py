"""Direct labels for ball charts, placed at build time: no two labels overlap, no label covers a point it does not
name, and every label stays inside the plot; a label that does not fit beside its ball gets a leader line.

A chart is drawn at many widths (phones to desktops); a `Frame` is the plot area of one layout class: its axis
ranges, its height and the range of widths it is drawn at. Horizontal pixel distances grow linearly with the
width, so two boxes that are apart at the smallest and at the largest width, on the same side of each other, are
apart at every width between: each check below is made at both ends. The placement is greedy, in the order the
labels are asked for; each label takes the first free candidate position, nearest to its ball first.

Labels are Plotly annotations anchored to their point in data coordinates (x in log10 units on a log axis), with a
pixel offset: they follow their point when the chart is zoomed or panned.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np

# Advance widths (thousandths of an em) of Liberation Sans Regular 2.1 (Debian's fonts-liberation 1.07.4), the
# metric twin of Arial and of Helvetica's metrics; read from the font's hmtx and cmap tables. Characters not here
# count as wide as 'M'.
_WIDTHS = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~–—’·×αβγΩμ",
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278) + (556,) * 10 +
    (278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
     667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556,
     278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
     260, 334, 584, 556, 1000, 222, 278, 584, 578, 575, 500, 748, 576)))
BOX_PAD = 4.0  # px Plotly adds around an annotation's text (border padding and rounding), measured in Chromium
GAP = 2.0  # px kept free between a label and anything else
LEADER_COLOUR = "rgba(128,128,128,0.9)"  # reads on light and dark backgrounds
CORE_PX = 8.0
REACH = 1.33  # how far the widest marker (a star) reaches from its centre, in radii of the circle of its area  # a label keeps off the inner disc of this radius of every other ball (all of a small ball)
LEADER_STEPS = (16.0, 30.0, 46.0, 66.0, 90.0, 120.0, 160.0, 200.0, 250.0)  # px from the ball's edge to its label, with a leader
ANGLES = tuple(math.radians(a) for a in (0, 30, -30, 60, -60, 90, -90, 120, -120, 150, -150, 180, 15, -15, 165, -165,
                                                 45, -45, 75, -75, 105, -105, 135, -135))


def text_width(text: str, size_px: float) -> float:
    """Width in px of one line of text in Arial / Helvetica / Liberation Sans at `size_px`."""
    return sum(_WIDTHS.get(c, 833) for c in text) * size_px / 1000.0


@dataclass(frozen=True)
class Frame:
    """The plot area of one layout: axis ranges (log10 units on a log axis), its height and the widths it is drawn at."""
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_log: bool
    widths: tuple[float, float]  # px, the narrowest and the widest plot area this layout draws
    height: float  # px
    font_px: float

    def nx(self, x: float) -> float:
        """0 at the left edge of the plot, 1 at the right."""
        v = math.log10(x) if self.x_log else x
        return (v - self.x_range[0]) / (self.x_range[1] - self.x_range[0])

    def py(self, y: float) -> float:
        """px from the bottom of the plot."""
        return (y - self.y_range[0]) / (self.y_range[1] - self.y_range[0]) * self.height


@dataclass(frozen=True)
class Point:
    id: str
    x: float
    y: float
    radius: float  # px, half the ball's width


@dataclass(frozen=True)
class Label:
    id: str
    text: str  # plain text (escaped when written into the figure)
    dx: float  # px from the point to the centre of the label's box, right positive
    dy: float  # px, up positive
    leader: bool


def _candidate_template() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Unit directions, distances beyond the ball and 'leader' flags of the candidate positions, nearest first:
    8 places touching the ball, then rings of places ever farther away, reached by a leader line."""
    ux, uy = [1, -1, 0, 0, 0.75, -0.75, 0.75, -0.75], [0, 0, 1, -1, 0.75, 0.75, -0.75, -0.75]
    step, leader = [0.0] * 8, [False] * 8
    for d in LEADER_STEPS:
        for a in ANGLES:
            ux.append(math.cos(a))
            uy.append(math.sin(a))
            step.append(d)
            leader.append(True)
    return np.array(ux), np.array(uy), np.array(step), np.array(leader)


_UX, _UY, _STEP, _LEADER = _candidate_template()


def _segments_hit_boxes(x0, y0, x1, y1, bx0, by0, bx1, by1) -> np.ndarray:
    """Whether segments (x0, y0)-(x1, y1) meet boxes [bx0, bx1] x [by0, by1], elementwise over broadcast arrays
    (Liang-Barsky clipping)."""
    dx, dy = x1 - x0, y1 - y0
    shape = np.broadcast(x0, y0, x1, y1, bx0, by0, bx1, by1).shape
    t0, t1, miss = np.zeros(shape), np.ones(shape), np.zeros(shape, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in ((-dx, x0 - bx0), (dx, bx1 - x0), (-dy, y0 - by0), (dy, by1 - y0)):
            t = q / p
            t0 = np.where(p < 0, np.maximum(t0, t), t0)
            t1 = np.where(p > 0, np.minimum(t1, t), t1)
            miss |= (p == 0) & (q < 0)
    return ~miss & (t0 <= t1)


class _Placer:
    """The state of one placement: the balls, and the boxes and leader lines placed so far. A position is a
    normalised x, a px offset from it and a y in px: at plot width w its x is nx * w + offset."""

    def __init__(self, points: list[Point], frame: Frame, cache: dict | None = None) -> None:
        self.frame = frame
        self.cache = {} if cache is None else cache  # id -> (half_w, candidates, allowed indices): balls do not move
        self.by_id = {p.id: p for p in points}
        core = np.minimum([p.radius * REACH for p in points], CORE_PX)
        self.balls = np.column_stack([[frame.nx(p.x) for p in points], np.zeros(len(points)),
                                      [frame.py(p.y) for p in points], core, core]) if points else np.zeros((0, 5))
        self.half_h = (frame.font_px + BOX_PAD) / 2
        self.labels: dict[str, Label] = {}
        self.boxes: dict[str, tuple[float, float, float, float, float]] = {}  # id -> nx, ox, y, half_w, half_h
        self.leaders: dict[str, tuple[float, float, float, float, float]] = {}  # id -> nx, ox0, y0, ox1, y1

    def half_w(self, text: str) -> float:
        return (text_width(text, self.frame.font_px) + BOX_PAD) / 2

    def where(self, nid: str) -> tuple[Point, float, float]:
        p = self.by_id[nid]
        return p, self.frame.nx(p.x), self.frame.py(p.y)

    def candidates(self, p: Point, half_w: float) -> np.ndarray:
        """Rows (dx, dy, leader) of the label box's centre, in order of preference."""
        r = p.radius * REACH + GAP
        hh, near = self.half_h, ~_LEADER
        sx, sy = np.sign(_UX), np.sign(_UY)
        dx = np.where(near, _UX * r + sx * half_w, _UX * (r + _STEP) + sx * half_w * np.minimum(1, np.abs(_UX) * 2))
        dy = np.where(near, _UY * r + sy * hh, _UY * (r + _STEP) + sy * hh * np.minimum(1, np.abs(_UY) * 2))
        # above and below, the box may also start or end at the ball's centre (near an edge of the plot)
        shift = max(0.0, half_w - r)
        extra = np.array([[shift, r + hh, 0], [-shift, r + hh, 0], [shift, -(r + hh), 0], [-shift, -(r + hh), 0]])
        rows = np.column_stack([dx, dy, _LEADER])
        return np.vstack([rows[:8], extra, rows[8:]])

    def leader_ends(self, p: Point, dx, dy, half_w: float):
        """A leader's ends as px offsets from its ball: from the ball's edge to where it meets the label's box."""
        length = np.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        with np.errstate(divide="ignore"):
            t_box = np.minimum(half_w / np.abs(ux), self.half_h / np.abs(uy))
        return ux * p.radius, uy * p.radius, ux * (length - t_box), uy * (length - t_box)

    def allowed(self, nid: str, cand: np.ndarray, half_w: float) -> np.ndarray:
        """Candidates inside the plot that cover no ball, at every width of the frame."""
        p, nx, y0 = self.where(nid)
        ok = (y0 + cand[:, 1] - self.half_h >= 0) & (y0 + cand[:, 1] + self.half_h <= self.frame.height)
        for w in self.frame.widths:
            ok &= (nx * w + cand[:, 0] - half_w >= 0) & (nx * w + cand[:, 0] + half_w <= w)
        b = self.balls
        vertical = np.abs((y0 + cand[:, 1:2]) - b[None, :, 2]) < self.half_h + b[None, :, 4] + GAP
        reach = half_w + b[None, :, 3] + GAP
        (w0, w1) = self.frame.widths
        e0 = (nx - b[None, :, 0]) * w0 + cand[:, 0:1]
        e1 = (nx - b[None, :, 0]) * w1 + cand[:, 0:1]
        apart = ((e0 >= reach) & (e1 >= reach)) | ((e0 <= -reach) & (e1 <= -reach))
        return ok & ~(vertical & ~apart).any(axis=1)

    def conflicts(self, nid: str, cand: np.ndarray, half_w: float, full: bool = True) -> tuple[list[str], np.ndarray]:
        """The placed labels, and a K x L matrix: candidate k's box or leader meets label l's box or leader, at
        some width of the frame (boxes: both ends of the range; lines: at both ends). With full=False, leader
        lines are checked only for candidates whose box is free (enough to find a free candidate)."""
        ids = [i for i in self.labels if i != nid]
        if not ids:
            return ids, np.zeros((len(cand), 0), dtype=bool)
        p, nx, y0 = self.where(nid)
        boxes = np.array([self.boxes[i] for i in ids])
        vertical = np.abs((y0 + cand[:, 1:2]) - boxes[None, :, 2]) < self.half_h + boxes[None, :, 4] + GAP
        reach = half_w + boxes[None, :, 3] + GAP
        e = [(nx - boxes[None, :, 0]) * w + (cand[:, 0:1] - boxes[None, :, 1]) for w in self.frame.widths]
        hit = vertical & ~(((e[0] >= reach) & (e[1] >= reach)) | ((e[0] <= -reach) & (e[1] <= -reach)))
        rows = np.arange(len(cand)) if full else np.flatnonzero(~hit.any(axis=1))
        mine = rows[cand[rows, 2] > 0]  # candidates with a leader of their own
        led = [m for m, i in enumerate(ids) if i in self.leaders]  # placed labels with a leader
        if not len(rows) or (not len(mine) and not led):
            return ids, hit
        c = cand[rows]
        lx0, ly0, lx1, ly1 = self.leader_ends(p, cand[mine, 0], cand[mine, 1], half_w)
        lead = np.array([self.leaders[ids[m]] for m in led]) if led else np.zeros((0, 5))
        for w in self.frame.widths:
            if len(mine):  # their boxes against my leader
                bx = (boxes[None, :, 0] - nx) * w + boxes[None, :, 1]
                by = boxes[None, :, 2] - y0
                hw, hh = boxes[None, :, 3], boxes[None, :, 4]
                hit[mine] |= _segments_hit_boxes(lx0[:, None], ly0[:, None], lx1[:, None], ly1[:, None],
                                                 bx - hw, by - hh, bx + hw, by + hh)
            if led:  # their leaders against my box
                cx, cy = nx * w + c[:, 0:1], y0 + c[:, 1:2]
                ox = lead[None, :, 0] * w
                crossed = _segments_hit_boxes(ox + lead[None, :, 1], lead[None, :, 2], ox + lead[None, :, 3], lead[None, :, 4],
                                              cx - half_w - GAP, cy - self.half_h - GAP, cx + half_w + GAP, cy + self.half_h + GAP)
                hit[np.ix_(rows, led)] |= crossed
        return ids, hit

    def options(self, nid: str, text: str) -> tuple[float, np.ndarray, np.ndarray]:
        """The label's half width, its candidate positions and the indices of those that cover no ball."""
        if nid not in self.cache:
            p, _, _ = self.where(nid)
            half_w = self.half_w(text)
            cand = self.candidates(p, half_w)
            self.cache[nid] = (half_w, cand, np.flatnonzero(self.allowed(nid, cand, half_w)))
        return self.cache[nid]

    def label_at(self, nid: str, text: str, row) -> Label:
        return Label(nid, text, float(row[0]), float(row[1]), bool(row[2]))

    def first_free(self, nid: str, text: str, leader: bool | None = None) -> Label | None:
        """The first free candidate position (only those with or without a leader, if `leader` is given)."""
        half_w, cand, idx = self.options(nid, text)
        if leader is not None:
            idx = idx[cand[idx, 2] == leader]
        for start in range(0, len(idx), 32):  # most labels find a place among the first few: look in chunks
            chunk = idx[start:start + 32]
            _, hit = self.conflicts(nid, cand[chunk], half_w, full=False)
            free = chunk[~hit.any(axis=1)]
            if len(free):
                return self.label_at(nid, text, cand[free[0]])
        return None

    def put(self, label: Label) -> None:
        p, nx, y0 = self.where(label.id)
        half_w = self.half_w(label.text)
        self.labels[label.id] = label
        self.boxes[label.id] = (nx, label.dx, y0 + label.dy, half_w, self.half_h)
        if label.leader:
            x0, yy0, x1, yy1 = self.leader_ends(p, label.dx, label.dy, half_w)
            self.leaders[label.id] = (nx, float(x0), y0 + float(yy0), float(x1), y0 + float(yy1))

    def remove(self, nid: str) -> Label:
        self.boxes.pop(nid)
        self.leaders.pop(nid, None)
        return self.labels.pop(nid)


def place(points: list[Point], wanted: list[tuple[str, str]], frame: Frame, tries: int = 3) -> tuple[list[Label], list[str]]:
    """Labels for `wanted` (id, text); returns the placed labels (in `wanted`'s order) and the ids that found no
    free place. First every label that fits beside its ball, in the order asked; then the others with leader lines,
    those in crowded places first (a long leader taken early would block many); then each label still without a
    place may take the place of one label in its way, if that one finds another place. If some are left without a
    place, the whole is tried again with those first, up to `tries` times; the try that places most is kept."""
    best: tuple[list[Label], list[str]] | None = None
    first: list[str] = []
    cache: dict = {}
    for _ in range(tries):
        placed, dropped = _place_once(points, wanted, frame, first, cache)
        if best is None or len(dropped) < len(best[1]):
            best = (placed, dropped)
        if not dropped:
            break
        first = list(dict.fromkeys(dropped + first))
    return best


def _place_once(points: list[Point], wanted: list[tuple[str, str]], frame: Frame, first: list[str],
                cache: dict) -> tuple[list[Label], list[str]]:
    placer = _Placer(points, frame, cache)
    for nid, text in wanted:
        label = placer.first_free(nid, text, leader=False)
        if label is not None:
            placer.put(label)
    rank = {nid: i for i, nid in enumerate(first)}
    for nid, text in sorted(wanted, key=lambda w: (rank.get(w[0], len(rank)), -_crowding(placer, w[0]))):
        if nid not in placer.labels:
            label = placer.first_free(nid, text)
            if label is not None:
                placer.put(label)
    for nid, text in wanted:
        if nid not in placer.labels:
            _repair(placer, nid, text)
    return [placer.labels[i] for i, _ in wanted if i in placer.labels], [i for i, _ in wanted if i not in placer.labels]


def _repair(placer: _Placer, nid: str, text: str) -> bool:
    """Place `nid` where exactly one placed label is in the way, if that label can move elsewhere."""
    half_w, cand, idx = placer.options(nid, text)
    if not len(idx):
        return False
    idx = idx[:96]  # the nearest places only: a far one would not be better than none
    ids, hit = placer.conflicts(nid, cand[idx], half_w)
    for k in np.flatnonzero(hit.sum(axis=1) == 1):
        other = ids[int(np.flatnonzero(hit[k])[0])]
        moved = placer.remove(other)
        placer.put(placer.label_at(nid, text, cand[idx[k]]))
        again = placer.first_free(other, moved.text)
        if again is not None:
            placer.put(again)
            return True
        placer.remove(nid)
        placer.put(moved)
    return False


def _crowding(placer: _Placer, nid: str) -> int:
    """How many balls lie within 40 px of this one (at the narrowest width)."""
    _, nx, y = placer.where(nid)
    w, b = placer.frame.widths[0], placer.balls
    return int(np.sum((np.abs((b[:, 0] - nx) * w) < 40) & (np.abs(b[:, 2] - y) < 40)))


def annotations(labels: list[Label], points: dict[str, Point], x_log: bool, font_px: float) -> list[dict]:
    """Plotly annotations of placed labels, anchored to their points in data coordinates (log10 of x on a log
    axis), at a pixel offset; with a leader line where the label is away from its ball."""
    out = []
    for lab in labels:
        p = points[lab.id]
        ann = {"x": math.log10(p.x) if x_log else p.x, "y": p.y, "xref": "x", "yref": "y", "text": html.escape(lab.text),
               "font": {"size": font_px}, "xanchor": "center", "yanchor": "middle", "name": lab.id}
        if lab.leader:
            ann.update(showarrow=True, ax=lab.dx, ay=-lab.dy, axref="pixel", ayref="pixel", arrowhead=0, arrowwidth=0.8,
                       arrowcolor=LEADER_COLOUR, standoff=round(p.radius, 1))
        else:
            ann.update(showarrow=False, xshift=lab.dx, yshift=lab.dy)
        out.append(ann)
    return out


def fit_range(values: list[tuple[float, float]], length_px: float, log: bool, pad_px: float,
              extra_hi_px: float = 0.0) -> tuple[float, float]:
    """An axis range (log10 units on a log axis) over which every (value, radius px) lies whole, `pad_px` from the
    edges (and `extra_hi_px` more at the high end), on an axis `length_px` long."""
    pos = [(math.log10(v) if log else v, r + pad_px) for v, r in values]
    if not pos:
        return (0.0, 1.0)
    lo, hi = min(p for p, _ in pos), max(p for p, _ in pos)
    if hi == lo:  # one value: give it a unit of axis around it
        pos += [(lo - 0.5, 0.0), (hi + 0.5, 0.0)]
        lo, hi = lo - 0.5, hi + 0.5
    span = hi - lo
    for _ in range(20):  # the pixel size of a unit depends on the range itself: a few rounds settle it
        unit = length_px / span  # px per axis unit
        lo2 = min(p - r / unit for p, r in pos)
        hi2 = max(p + (r + extra_hi_px) / unit for p, r in pos)
        if abs((hi2 - lo2) - span) < 1e-9:
            break
        span = hi2 - lo2
    return (lo2, hi2)

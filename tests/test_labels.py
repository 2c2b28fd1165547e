"""Label placement (labels.py), checked by geometry: whatever it places keeps clear at every width of its range."""

from __future__ import annotations

import math
import random

import pytest

from netscore_atlas.labels import BOX_PAD, CORE_PX, REACH, Frame, Point, fit_range, place, text_width


def boxes_at(labels, points, frame, width):
    """Each placed label's box (x0, y0, x1, y1, px from the plot's bottom left) when the plot is `width` px wide."""
    by_id = {p.id: p for p in points}
    out = {}
    for lab in labels:
        p = by_id[lab.id]
        cx, cy = frame.nx(p.x) * width + lab.dx, frame.py(p.y) + lab.dy
        hw, hh = (text_width(lab.text, frame.font_px) + BOX_PAD) / 2, (frame.font_px + BOX_PAD) / 2
        out[lab.id] = (cx - hw, cy - hh, cx + hw, cy + hh)
    return out


def random_chart(seed: int, n: int = 60):
    rng = random.Random(seed)
    points = [Point(f"n{i}", 10 ** rng.uniform(-1.3, 2.2), rng.uniform(55, 88), rng.uniform(1.5, 14)) for i in range(n)]
    wanted = [(p.id, f"Net-{p.id} {rng.choice(['S', 'M', 'Large'])}") for p in rng.sample(points, 18)]
    return points, wanted


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("widths,height", [((300, 400), 560), ((540, 920), 450)])
def test_placed_labels_keep_clear_at_every_width_of_the_range(seed, widths, height):
    points, wanted = random_chart(seed)
    frame = Frame(fit_range([(p.x, p.radius) for p in points], widths[0], True, 4),
                  fit_range([(p.y, p.radius) for p in points], height, False, 4, 30), True, widths, height, 10)
    placed, dropped = place(points, wanted, frame)
    assert {lab.id for lab in placed} | set(dropped) == {i for i, _ in wanted} and not {lab.id for lab in placed} & set(dropped)
    assert len(placed) >= len(wanted) // 2, "most labels find a place on a chart of 60 points"
    for width in (widths[0], (widths[0] + widths[1]) / 2, widths[1], widths[0] + 0.37 * (widths[1] - widths[0])):
        boxes = boxes_at(placed, points, frame, width)
        ids = sorted(boxes)
        for i, a in enumerate(ids):
            x0, y0, x1, y1 = boxes[a]
            assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, f"{a} leaves the plot at {width}"
            for b in ids[i + 1:]:
                u = boxes[b]
                assert not (x0 < u[2] and u[0] < x1 and y0 < u[3] and u[1] < y1), f"{a} and {b} overlap at {width} px"
            for p in points:  # no label covers the core of a ball it does not name
                if p.id == a:
                    continue
                core = min(p.radius * REACH, CORE_PX)
                px, py = frame.nx(p.x) * width, frame.py(p.y)
                nearest = (min(max(px, x0), x1), min(max(py, y0), y1))
                assert math.dist(nearest, (px, py)) >= core - 1e-6, f"the label of {a} covers {p.id} at {width} px"


def test_a_lone_label_sits_beside_its_ball_without_a_leader():
    points = [Point("a", 1.0, 70.0, 5.0), Point("b", 100.0, 80.0, 5.0)]
    frame = Frame((-1.0, 3.0), (60.0, 90.0), True, (400, 400), 300, 10)
    placed, dropped = place(points, [("a", "Alpha")], frame)
    assert dropped == [] and len(placed) == 1
    lab = placed[0]
    # first choice: to the right, its box starting 2 px beyond the widest marker's reach (5 px * 1.33)
    half_w = (text_width("Alpha", 10) + BOX_PAD) / 2
    assert (lab.dx, lab.dy, lab.leader) == (pytest.approx(5.0 * REACH + 2 + half_w), 0.0, False)


def test_text_width_uses_arial_metrics():
    # Arial / Liberation Sans: 'W' is 944 thousandths of an em, 'i' 222, a space 278: at 10 px
    assert text_width("W i", 10) == pytest.approx(9.44 + 2.78 + 2.22)


def test_fit_range_holds_every_ball_whole():
    # two balls, 10 px and 20 px radius, at log10 = 0 and 2, on a 200 px axis, 4 px from the edges:
    # span s satisfies s = 2 + (10 + 4 + 20 + 4) * s / 200, so s = 2 / (1 - 0.19) = 2.469
    lo, hi = fit_range([(1.0, 10.0), (100.0, 20.0)], 200, True, 4)
    assert hi - lo == pytest.approx(2 / 0.81, rel=1e-6)
    assert (0 - lo) * 200 / (hi - lo) == pytest.approx(14) and (hi - 2) * 200 / (hi - lo) == pytest.approx(24)

"""The colour system: the colour science it is checked with, and the palette's distances for colour-blind readers."""

from __future__ import annotations

import pytest

from conftest import REAL_DATA
from netscore_atlas.colour import DEUTERANOPIA, PROTANOPIA, VISIONS, ciede2000, closest_pairs, lab
from netscore_atlas.style import MARKER_AREA, MARKERS, MIN_DIFFERENCE, PALETTE, styles_of

# Sharma, Wu & Dalal (2005), Table 1: the 34 pairs (L*1, a*1, b*1, L*2, a*2, b*2) and their CIEDE2000 to 4 decimals.
# Pairs 7-16 sit on the formula's discontinuities (hue averaging, the sign of the hue difference).
SHARMA_2005 = """
50.0000 2.6772 -79.7751 50.0000 0.0000 -82.7485 2.0425
50.0000 3.1571 -77.2803 50.0000 0.0000 -82.7485 2.8615
50.0000 2.8361 -74.0200 50.0000 0.0000 -82.7485 3.4412
50.0000 -1.3802 -84.2814 50.0000 0.0000 -82.7485 1.0000
50.0000 -1.1848 -84.8006 50.0000 0.0000 -82.7485 1.0000
50.0000 -0.9009 -85.5211 50.0000 0.0000 -82.7485 1.0000
50.0000 0.0000 0.0000 50.0000 -1.0000 2.0000 2.3669
50.0000 -1.0000 2.0000 50.0000 0.0000 0.0000 2.3669
50.0000 2.4900 -0.0010 50.0000 -2.4900 0.0009 7.1792
50.0000 2.4900 -0.0010 50.0000 -2.4900 0.0010 7.1792
50.0000 2.4900 -0.0010 50.0000 -2.4900 0.0011 7.2195
50.0000 2.4900 -0.0010 50.0000 -2.4900 0.0012 7.2195
50.0000 -0.0010 2.4900 50.0000 0.0009 -2.4900 4.8045
50.0000 -0.0010 2.4900 50.0000 0.0010 -2.4900 4.8045
50.0000 -0.0010 2.4900 50.0000 0.0011 -2.4900 4.7461
50.0000 2.5000 0.0000 50.0000 0.0000 -2.5000 4.3065
50.0000 2.5000 0.0000 73.0000 25.0000 -18.0000 27.1492
50.0000 2.5000 0.0000 61.0000 -5.0000 29.0000 22.8977
50.0000 2.5000 0.0000 56.0000 -27.0000 -3.0000 31.9030
50.0000 2.5000 0.0000 58.0000 24.0000 15.0000 19.4535
50.0000 2.5000 0.0000 50.0000 3.1736 0.5854 1.0000
50.0000 2.5000 0.0000 50.0000 3.2972 0.0000 1.0000
50.0000 2.5000 0.0000 50.0000 1.8634 0.5757 1.0000
50.0000 2.5000 0.0000 50.0000 3.2592 0.3350 1.0000
60.2574 -34.0099 36.2677 60.4626 -34.1751 39.4387 1.2644
63.0109 -31.0961 -5.8663 62.8187 -29.7946 -4.0864 1.2630
61.2901 3.7196 -5.3901 61.4292 2.2480 -4.9620 1.8731
35.0831 -44.1164 3.7933 35.0232 -40.0716 1.5901 1.8645
22.7233 20.0904 -46.6940 23.0331 14.9730 -42.5619 2.0373
36.4612 47.8580 18.3852 36.2715 50.5065 21.2231 1.4146
90.8027 -2.0831 1.4410 91.1528 -1.6435 0.0447 1.4441
90.9257 -0.5406 -0.9208 88.6381 -0.8985 -0.7239 1.5381
6.7747 -0.2908 -2.4247 5.8714 -0.0985 -2.2286 0.6377
2.0776 0.0795 -1.1350 0.9033 -0.0636 -0.5514 0.9082
"""


@pytest.mark.parametrize("line", SHARMA_2005.strip().splitlines())
def test_ciede2000_matches_sharma_table_1(line):
    v = [float(x) for x in line.split()]
    assert round(ciede2000(v[0:3], v[3:6]), 4) == v[6]
    assert ciede2000(v[3:6], v[0:3]) == pytest.approx(ciede2000(v[0:3], v[3:6]), abs=1e-9)  # symmetric


def test_srgb_to_lab_known_answers():
    assert lab("#FFFFFF") == pytest.approx((100, 0, 0), abs=1e-9)  # the white point is the matrix's row sums
    assert lab("#000000") == pytest.approx((0, 0, 0), abs=1e-9)
    # Pure red: linear (1, 0, 0) -> XYZ = the matrix's first column (0.4124, 0.2126, 0.0193); over the white
    # (0.9505, 1, 1.089): 0.43388, 0.2126, 0.017723; cube roots 0.75705, 0.59684, 0.26072;
    # L* = 116 * 0.59684 - 16 = 53.23; a* = 500 * (0.75705 - 0.59684) = 80.11; b* = 200 * (0.59684 - 0.26072) = 67.22.
    assert lab("#FF0000") == pytest.approx((53.23, 80.11, 67.22), abs=0.01)


def test_dichromacy_simulation_keeps_greys_and_loses_red_against_green():
    for matrix in (DEUTERANOPIA, PROTANOPIA):
        for grey in ("#FFFFFF", "#808080", "#202020"):  # each matrix row sums to 1: neutral colours stay as they are
            assert lab(grey, matrix) == pytest.approx(lab(grey), abs=0.01)
        red_green = ciede2000(lab("#FF0000", matrix), lab("#00FF00", matrix))
        blue_yellow = ciede2000(lab("#0000FF", matrix), lab("#FFFF00", matrix))
        assert red_green < 0.5 * ciede2000(lab("#FF0000"), lab("#00FF00"))  # red-green is what these readers lose
        assert blue_yellow > 0.8 * ciede2000(lab("#0000FF"), lab("#FFFF00"))  # blue-yellow is what they keep


def test_group_colours_stay_apart_for_colour_blind_readers():
    assert MIN_DIFFERENCE >= 15
    closest = closest_pairs({c: c for c in PALETTE})
    assert set(closest) == set(VISIONS) == {"normal vision", "deuteranopia", "protanopia"}
    for vision, (difference, a, b) in closest.items():
        assert difference >= MIN_DIFFERENCE, f"{a} and {b} are only {difference:.1f} apart (CIEDE2000) in {vision}"


def test_the_check_would_catch_a_confusable_pair():
    # two colours of the old palette (Okabe & Ito's vermillion and orange), told apart by hue that deuteranopes lose
    closest = closest_pairs({"vermillion": "#D55E00", "orange": "#E69F00", "blue": "#0072B2"})
    assert closest["deuteranopia"][0] < MIN_DIFFERENCE


def test_markers_have_measured_areas_and_are_distinct():
    assert len(set(MARKERS)) == len(MARKERS) and set(MARKER_AREA) == set(MARKERS)


def test_the_real_registry_fits_the_palette_and_markers():
    import yaml

    group_of = yaml.safe_load((REAL_DATA / "families.yaml").read_text())
    styles = styles_of(group_of)
    assert len(styles.groups) <= len(PALETTE)
    for group, families in styles.families.items():
        assert len({styles.marker(f) for f in families}) == len(families), group
    assert len({styles.colour(g) for g in styles.groups}) == len(styles.groups)

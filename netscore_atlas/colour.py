"""Colour science for checking the chart palette: sRGB to CIELAB, CIEDE2000, simulated colour-vision deficiency.

Pure functions on '#RRGGBB' strings and (L*, a*, b*) tuples; used by the palette's tests (tests/test_style.py)
and by nothing at build time.

- sRGB to linear RGB and to CIE XYZ (D65): IEC 61966-2-1:1999 (the sRGB standard), its piecewise transfer
  function (threshold 0.04045, slope 12.92, exponent 2.4) and its RGB-to-XYZ matrix (four decimals). The white
  point is the matrix's row sums (the XYZ of RGB = 1, 1, 1), so white maps to L* = 100, a* = b* = 0 exactly.
- XYZ to CIELAB: CIE 15:2004 (Colorimetry, 3rd ed.), section 8.2.1, with the cube root replaced by a line below
  (6/29)^3.
- CIEDE2000: G. Sharma, W. Wu, E. N. Dalal, "The CIEDE2000 color-difference formula: implementation notes,
  supplementary test data, and mathematical observations", Color Res. Appl. 30(1):21-30, 2005, equations 1-23
  with kL = kC = kH = 1; the tests check the 34 pairs of its Table 1.
- Dichromacy: G. M. Machado, M. M. Oliveira, L. A. F. Fernandes, "A physiologically-based model for simulation
  of color vision deficiency", IEEE TVCG 15(6):1291-1298, 2009 (doi:10.1109/TVCG.2009.113). The matrices are
  the authors' published ones for severity 1.0 (protanopia, deuteranopia), applied to linear RGB; results are
  clipped to [0, 1]. Read from the matrix table of colorspacious (colorspacious/cvd.py, which copies the
  authors' supplementary page) and checked against a second copy (an HLSL shader's table): both agree.
"""

from __future__ import annotations

import itertools
import math

Lab = tuple[float, float, float]
Matrix = tuple[tuple[float, float, float], tuple[float, float, float], tuple[float, float, float]]

SRGB_TO_XYZ: Matrix = ((0.4124, 0.3576, 0.1805),
                       (0.2126, 0.7152, 0.0722),
                       (0.0193, 0.1192, 0.9505))
WHITE = tuple(sum(row) for row in SRGB_TO_XYZ)  # D65 as the matrix gives it: (0.9505, 1.0, 1.089)

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
PROTANOPIA: Matrix = ((0.152286, 1.052583, -0.204868),
                      (0.114503, 0.786281, 0.099216),
                      (-0.003882, -0.048116, 1.051998))
DEUTERANOPIA: Matrix = ((0.367322, 0.860646, -0.227968),
                        (0.280085, 0.672501, 0.047413),
                        (-0.011820, 0.042940, 0.968881))
VISIONS: dict[str, Matrix | None] = {"normal vision": None, "deuteranopia": DEUTERANOPIA, "protanopia": PROTANOPIA}


def hex_to_rgb(colour: str) -> tuple[float, float, float]:
    """'#RRGGBB' as three numbers in [0, 1]."""
    if len(colour) != 7 or colour[0] != "#":
        raise ValueError(f"expected a colour as #RRGGBB, got {colour!r}")
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def linearise(c: float) -> float:
    """IEC 61966-2-1: the sRGB transfer function, inverted."""
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _apply(m: Matrix, v) -> tuple[float, float, float]:
    return tuple(m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2] for i in range(3))


def linear_to_lab(rgb) -> Lab:
    """Linear sRGB to CIELAB (D65)."""
    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29
    fx, fy, fz = (f(v / w) for v, w in zip(_apply(SRGB_TO_XYZ, rgb), WHITE))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lab(colour: str, vision: Matrix | None = None) -> Lab:
    """CIELAB of a colour as seen in normal vision (None) or through a dichromacy simulation matrix."""
    rgb = tuple(linearise(c) for c in hex_to_rgb(colour))
    if vision is not None:
        rgb = tuple(min(1.0, max(0.0, c)) for c in _apply(vision, rgb))
    return linear_to_lab(rgb)


def ciede2000(lab1: Lab, lab2: Lab) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), kL = kC = kH = 1."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    else:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dhh / s_h) ** 2 + r_t * (dc / s_c) * (dhh / s_h))


def closest_pairs(colours: dict[str, str]) -> dict[str, tuple[float, str, str]]:
    """Per vision: the smallest CIEDE2000 difference between two of the named colours, and which two."""
    out = {}
    for vision, matrix in VISIONS.items():
        labs = {name: lab(c, matrix) for name, c in colours.items()}
        out[vision] = min((ciede2000(labs[a], labs[b]), a, b) for a, b in itertools.combinations(sorted(labs), 2))
    return out

"""Colour contrast (WCAG 2.1) and the darker text shades of the Okabe-Ito palette.

The palette stays for chart marks; text, icons and status words take these shades, which reach the AA
ratio of 4.5:1 on white. TEMPORARY home: they move beside the palette in kpi/palette.py once the dashboard
rewrite has landed there.
"""
from __future__ import annotations

AA_TEXT, AA_LARGE = 4.5, 3.0  # WCAG 2.1 SC 1.4.3 (text) and 1.4.11 / large text
# Darker shades of the Okabe-Ito hues for text on white (contrast in the comment).
BLUE_TEXT = "#005A8C"  # 7.4:1, the theme's primary colour
VERMILLION_TEXT = "#A34700"  # 6.1:1
GREEN_TEXT = "#006B4F"  # 6.5:1
ORANGE_TEXT = "#8A5A00"  # 5.9:1
PURPLE_TEXT = "#A0527F"  # 5.2:1
GREY_TEXT = "#595959"  # 7.0:1
INK = "#111111"  # body text (the theme's textColor): its 60 % captions still reach 4.9:1 on white
TEXT_SHADES: dict[str, str] = {"blue": BLUE_TEXT, "vermillion": VERMILLION_TEXT, "green": GREEN_TEXT,
                               "orange": ORANGE_TEXT, "purple": PURPLE_TEXT, "grey": GREY_TEXT, "ink": INK}


def _channels(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    r, g, b = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


def luminance(colour: str) -> float:
    """The relative luminance of '#RRGGBB' (WCAG 2.1 definition)."""
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str = "#FFFFFF") -> float:
    """The contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(colour: str, alpha: float, background: str = "#FFFFFF") -> str:
    """`colour` at `alpha` opacity over `background`, as the browser paints it."""
    mixed = (round(alpha * f * 255 + (1 - alpha) * b * 255) for f, b in zip(_channels(colour), _channels(background)))
    return "#" + "".join(f"{v:02X}" for v in mixed)

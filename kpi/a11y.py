"""Colour contrast (WCAG 2.1): the ratio of two colours, and a colour blended over a background.

The text shades that reach AA are declared beside the palette (kpi.palette).
"""

from __future__ import annotations

AA_TEXT, AA_LARGE = 4.5, 3.0  # WCAG 2.1 SC 1.4.3 (text) and 1.4.11 / large text


def _channels(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
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

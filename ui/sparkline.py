"""A KPI card's trend line as a small SVG image made from numbers only (no chart library in the page)."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence

WIDTH, HEIGHT, PAD = 200, 40, 3  # viewBox units; the image is as wide as the card (ui.a11y's style)


def sparkline_svg(values: Sequence[float], colour: str) -> str:
    """A line through `values` (equal steps left to right, lowest at the bottom), with a dot on the last one."""
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", colour):  # a palette colour, never text that reaches the markup
        raise ValueError(f"not a colour: {colour!r}")
    low, high = min(values), max(values)
    span = (high - low) or 1
    step = (WIDTH - 2 * PAD) / (len(values) - 1)
    points = [
        (PAD + n * step, HEIGHT - PAD - (v - low) / span * (HEIGHT - 2 * PAD) if high > low else HEIGHT / 2)
        for n, v in enumerate(values)
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    x, y = points[-1]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="1.5" stroke-linejoin="round" '
        f"/>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/></svg>'
    )


def sparkline_html(values: Sequence[float], colour: str) -> str:
    """The trend line as an <img> (decorative: the card's tooltip lists the same years and values)."""
    data = base64.b64encode(sparkline_svg([float(v) for v in values], colour).encode()).decode()
    return f'<img class="sparkline" src="data:image/svg+xml;base64,{data}" alt="" aria-hidden="true">'

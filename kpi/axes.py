"""Round tick values for the value axes of the dashboard's and the board pack's charts."""

from __future__ import annotations

import math

FINE_PERCENT_TOP = 1000  # up to this many percent, a tick every 50 or 100 %; beyond it, round values only


def ticks(top: float) -> list[float]:
    """Three to six round tick values from zero to `top` (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    step = top / 5
    power = 10 ** math.floor(math.log10(step)) if step > 0 else 1
    step = max(1.0, next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= step))  # counts: whole ticks
    values, v = [], 0.0
    while v <= top + 1e-9:
        values.append(v)
        v += step
    return values


def percent_top(value: float) -> float:
    """A percent axis maximum just above `value` (and above a target band's start): steps of 50 up to 300 %, then of
    100; at least 150 %."""
    step = 50 if value <= 300 else 100
    return max(150.0, math.ceil(value * 1.005 / step) * step)


def percent_ticks(top: float) -> list[int]:
    """Ticks of a percent axis up to `top`: every 50 % up to 300 %, every 100 % up to 1,000 %, then a few round
    values (`ticks`). A KPI far past a small target (40 against 1 is 4,000 %) would otherwise ask the browser to draw
    thousands of ticks and labels, which stalls the page."""
    if top > FINE_PERCENT_TOP:
        return [int(v) for v in ticks(top)]
    return list(range(0, int(top) + 1, 50 if top <= 300 else 100))

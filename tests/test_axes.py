"""Axis maxima and ticks of the percent-of-target charts, worked out by hand."""

import pytest

from kpi.axes import percent_ticks, percent_top, ticks


@pytest.mark.parametrize(
    ("value", "top"),
    [(70.33, 150.0), (266.67, 300.0), (397.0, 400.0), (633.3, 700.0), (4000.0, 4100.0), (135833.3, 136600.0)],
)
def test_percent_top_is_just_above_the_value(value, top):
    """Steps of 50 up to 300 %, then of 100, at least 150 %, with half a percent of room: 397 % * 1.005 = 399 -> 400."""
    assert percent_top(value) == top


def test_percent_ticks_every_50_then_100_then_round_values_only():
    """300 %: every 50; 700 %: every 100; past 1.000 % five round values, not one tick per 100 % (136,600 % would
    be 1,367 ticks and labels, which stalled Chromium on the 1M benchmark data)."""
    assert percent_ticks(300.0) == [0, 50, 100, 150, 200, 250, 300]
    assert percent_ticks(700.0) == [0, 100, 200, 300, 400, 500, 600, 700]
    assert percent_ticks(136600.0) == [0, 50000, 100000]
    assert percent_ticks(4100.0) == [0, 1000, 2000, 3000, 4000]


def test_count_ticks_are_whole_and_round():
    assert ticks(7.0) == [0.0, 2.0, 4.0, 6.0]
    assert ticks(1200.0) == [0.0, 250.0, 500.0, 750.0, 1000.0]

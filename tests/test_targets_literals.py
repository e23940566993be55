"""Targets and plans against literal, hand-worked values (kills mutmut's survivors in kpi/targets.py)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kpi.targets import Plan, covering_plan, elapsed_share


@pytest.mark.parametrize(
    "name, start, end, as_of, want",
    [
        # 2020 is a leap year: 1 July is day 183 of 366, exactly half.
        ("leap year, 1 July, annual plan", 2020, 2020, dt.date(2020, 7, 1), 0.5),
        # 29 February 2020 is day 60 of 366; one whole year (2019) before it, of four: (1 + 60/366) / 4.
        ("leap day in the second year of four", 2019, 2022, dt.date(2020, 2, 29), (1 + 60 / 366) / 4),
        # 2019 is not a leap year: 2 July is day 183 of 365.
        ("common year, 2 July", 2019, 2019, dt.date(2019, 7, 2), 183 / 365),
    ],
)
def test_elapsed_share_counts_leap_days(name, start, end, as_of, want):
    """A leap year has 366 days: the share of the year is its day number over 366."""
    assert elapsed_share(start, end, as_of) == pytest.approx(want, abs=1e-12), name


def test_covering_plan_prefers_the_shorter_of_two_starting_together():
    """Two multi-year plans start in 2017 and cover 2018: the one ending first (2020, not 2021) is chosen."""
    table = pd.DataFrame(
        {
            "kpi": ["missions", "missions"],
            "plan": ["MJP 2017-2021", "MJP 2017-2020"],
            "start_year": [2017, 2017],
            "end_year": [2021, 2020],
            "target_min": [30, 24],
            "target_max": [None, None],
        }
    )
    assert covering_plan(table, 2018, multi_year=True) == Plan("MJP 2017-2020", 2017, 2020)

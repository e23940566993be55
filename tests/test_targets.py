"""Target and status logic, table-driven with named edge cases."""

import datetime as dt

import pandas as pd
import pytest

from kpi.engine import kpi_table
from kpi.targets import Target, covering_plan, elapsed_share, expected, status

RANGE = Target(6, 8)
SINGLE = Target(300, 300)
UNDEFINED = Target()


@pytest.mark.parametrize(
    "name, realized, target, share, want",
    [
        ("range met at the minimum", 6, RANGE, 1.0, "achieved"),
        ("range met at the maximum", 8, RANGE, 1.0, "achieved"),
        ("range exceeded above the maximum", 9, RANGE, 1.0, "exceeded"),
        ("range missed below the minimum", 5, RANGE, 1.0, "missed"),
        ("single met exactly", 300, SINGLE, 1.0, "achieved"),
        ("single exceeded", 301, SINGLE, 1.0, "exceeded"),
        ("single missed at year end", 211, SINGLE, 1.0, "missed"),
        ("undefined target is never a failure", 0, UNDEFINED, 1.0, "no_target"),
        ("undefined target with activity", 119, UNDEFINED, 0.5, "no_target"),
        ("running: on track at the pro-rata line", 150, SINGLE, 0.5, "on_track"),
        ("running: at risk just below the line", 149, SINGLE, 0.5, "at_risk"),
        # 300 x 0.5 = 150 expected; 80 % of it, worked out by hand, is 120.
        ("running: at risk at the threshold", 120, SINGLE, 0.5, "at_risk"),
        ("running: behind below the threshold", 119, SINGLE, 0.5, "behind"),
        ("running: minimum already reached", 6, RANGE, 0.25, "achieved"),
        ("empty year before it starts", 0, SINGLE, 0.0, "on_track"),
    ],
)
def test_status(name, realized, target, share, want):
    """Each named case gets the declared status."""
    assert status(realized, target, share) == want, name


@pytest.mark.parametrize(
    "name, start, end, as_of, want",
    [
        ("end of first year of four", 2017, 2020, dt.date(2017, 12, 31), 0.25),
        ("half way through a four-year plan", 2017, 2020, dt.date(2018, 12, 31), 0.5),
        ("mid-year in an annual plan", 2018, 2018, dt.date(2018, 7, 2), 183 / 365),
        ("before the plan", 2017, 2020, dt.date(2016, 5, 1), 0.0),
        ("after the plan", 2017, 2020, dt.date(2021, 1, 1), 1.0),
        ("leap year end", 2020, 2020, dt.date(2020, 12, 31), 1.0),
    ],
)
def test_elapsed_share(name, start, end, as_of, want):
    """The share of a plan elapsed counts whole years equally and days within a year."""
    assert elapsed_share(start, end, as_of) == pytest.approx(want), name


def test_expected_is_none_without_target():
    """No target: no expected value (not 0)."""
    assert expected(UNDEFINED, 0.5) is None
    assert expected(Target(1200, 1200), 0.5) == 600


def test_expected_keeps_one_decimal():
    """Expected values are not rounded to whole numbers: 300 x 183/365 = 150.4, 7 x 0.5 = 3.5 (by hand)."""
    assert expected(SINGLE, 183 / 365) == 150.4
    assert expected(Target(7, 9), 0.5) == 3.5


def _targets(rows):
    return pd.DataFrame(rows, columns=["kpi", "plan", "start_year", "end_year", "target_min", "target_max"]).astype(
        {"start_year": "Int64", "end_year": "Int64", "target_min": "Int64", "target_max": "Int64"}
    )


def test_year_outside_any_plan(demo_activities, demo_targets):
    """A year no plan covers: no plan, no cumulative, no targets, status no_target."""
    table = kpi_table(demo_activities, demo_targets, 2022).to_frame()
    assert table["plan"].isna().all() and table["annual_plan"].isna().all()
    assert table["realized"].eq(0).all()
    assert table["realized_cumulative"].isna().all()
    assert set(table["annual_status"]) == {"no_target"} and set(table["plan_status"]) == {"no_target"}


def test_empty_year_inside_plan(demo_activities, demo_targets):
    """2020 has no activities: realised 0, cumulative still counts 2017-2018 from the plan's start."""
    table = kpi_table(demo_activities, demo_targets, 2020).to_frame().set_index("kpi")
    assert table.at["missions", "realized"] == 0
    assert table.at["missions", "realized_cumulative"] == 24
    assert table.at["matchmaking_meetings", "plan_status"] == "missed"  # 605 < 1.200 at the plan's end


def test_covering_plan_prefers_latest_start():
    """When two multi-year plans cover a year, the one that started last applies."""
    targets = _targets(
        [
            ("missions", "MJP A", 2015, 2018, 10, None),
            ("missions", "MJP B", 2017, 2020, 20, None),
            ("missions", "AP 2018", 2018, 2018, 5, None),
        ]
    )
    assert covering_plan(targets, 2018, multi_year=True).label == "MJP B"
    assert covering_plan(targets, 2018, multi_year=False).label == "AP 2018"
    assert covering_plan(targets, 2021, multi_year=True) is None


def test_kpi_without_row_in_plan_still_gets_cumulative(demo_activities):
    """A KPI with no row in the plan has no target but its cumulative is still computed."""
    targets = _targets([("missions", "MJP", 2017, 2020, 24, 32)])
    table = kpi_table(demo_activities, targets, 2018).to_frame().set_index("kpi")
    assert table.at["services", "realized_cumulative"] == 79
    assert pd.isna(table.at["services", "plan_target_min"])

"""The golden test: the report's KPI table, computed from the demo data, equals the published numbers."""

import datetime as dt

import pytest

from kpi.engine import kpi_table, realized_by_year
from kpi.report import report_rows

# Typed from the 2018 annual report (shared/seed): MJP '17-'20, AP '18, Real '18, Real cum. '17-'18.
REPORT_2018 = {
    "missions": ("24-32", "6-8", 16, 24),
    "info_meetings": ("12-16", "3-4", 19, 27),
    "mission_companies": ("240", "60", 124, 197),
    "matchmaking_meetings": ("1.200", "300", 211, 605),
    "company_visits": ("niet gedefinieerd", "30", 119, 139),
    "partner_scans": ("niet gedefinieerd", "4", 7, 9),
}
REPORT_SERVICES_2018 = 68  # "119 bedrijfsbezoeken ..., waar 68 geregistreerde services uit zijn voortgekomen"


def test_report_table_2018_realized_and_cumulative(demo_activities, demo_targets):
    """Realised 2018 and cumulative 2017-2018 equal the report for every KPI."""
    table = kpi_table(demo_activities, demo_targets, 2018).to_frame().set_index("kpi")
    for key, (_, _, realized, cumulative) in REPORT_2018.items():
        assert table.at[key, "realized"] == realized, key
        assert table.at[key, "realized_cumulative"] == cumulative, key
    assert table.at["services", "realized"] == REPORT_SERVICES_2018


def test_report_table_2018_printed_cells(demo_activities, demo_targets):
    """The table's printed cells (targets as 24-32, 1.200, niet gedefinieerd) match the report."""
    table = kpi_table(demo_activities, demo_targets, 2018, lang="nl")
    printed = {key: row[1:] for key, row in zip(table.to_frame()["kpi"], report_rows(table, "nl"))}
    for key, (plan, annual, realized, cumulative) in REPORT_2018.items():
        assert printed[key] == [plan, annual, f"{realized:,}".replace(",", "."), f"{cumulative:,}".replace(",", ".")]


def test_2017_is_cumulative_minus_2018(demo_activities):
    """Realised 2017 equals the report's cumulative minus 2018 (8, 8, 73, 394, 20, 2)."""
    by_year = realized_by_year(demo_activities)
    for key, (_, _, realized, cumulative) in REPORT_2018.items():
        assert by_year.at[2017, key] == cumulative - realized, key
        assert by_year.at[2018, key] == realized, key


def test_matchmaking_story(demo_activities, demo_targets):
    """Matchmaking: 211 against 300 (89 short, missed) yet 605 against an expected 600: on schedule, but the
    plan-end forecast (605 + 7 + 2 x 218 = 1.048) misses the 1.200, so not "on track"."""
    row = kpi_table(demo_activities, demo_targets, 2018).to_frame().set_index("kpi").loc["matchmaking_meetings"]
    assert row["annual_gap"] == -89
    assert row["annual_status"] == "missed"
    assert row["plan_expected"] == pytest.approx(600.0)
    assert row["forecast_plan_end_high"] == 1048
    assert row["plan_status"] == "on_schedule_forecast_short"


def test_undefined_targets_are_null_not_failures(demo_activities, demo_targets):
    """Visits and scans have no multi-year target: null values and status no_target."""
    table = kpi_table(demo_activities, demo_targets, 2018).to_frame().set_index("kpi")
    for key in ("company_visits", "partner_scans"):
        assert table.at[key, "plan_target_min"] is None or str(table.at[key, "plan_target_min"]) == "<NA>"
        assert table.at[key, "plan_status"] == "no_target"


def test_as_of_mid_year_counts_only_activities_so_far(demo_activities, demo_targets):
    """At 30 June 2018 only the missions dated up to then count."""
    table = kpi_table(demo_activities, demo_targets, 2018, as_of=dt.date(2018, 6, 30)).to_frame().set_index("kpi")
    missions_h1 = (
        (demo_activities["activity_type"] == "mission")
        & (demo_activities["year"] == 2018)
        & (demo_activities["date"] <= "2018-06-30")
    ).sum()
    assert table.at["missions", "realized"] == missions_h1 < 16

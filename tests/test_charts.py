"""The percent-of-target description (kpi.charts): its marks ask the rows whether the period runs; the Overview's plan
chart keeps every KPI."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.charts import ScoreRow, percent_chart, plan_progress_chart, score_rows
from kpi.engine import kpi_table
from kpi.targets import Target


def _row(expected: float, running: bool) -> ScoreRow:
    """Partner scans: 2 realised against a target of 4, `expected` by now."""
    return ScoreRow(
        key="partner_scans",
        label="Zakenpartner Scans",
        short="Scans",
        realized=2,
        annual_target=Target(4, 4),
        expected=expected,
        forecast=None,
        annual_status="behind" if running else "missed",
        plan=None,
        plan_target=Target(),
        cumulative=None,
        plan_expected=None,
        plan_status="no_target",
        change=None,
        comment="",
        year_running=running,
    )


def test_the_expected_mark_is_drawn_while_the_year_runs_and_only_then():
    """3 of 4 expected by now is a mark at 75% with its figure '3' while the year runs; once the row says the year
    has ended there is no mark, whatever the expected value."""
    running = percent_chart("t", [_row(3.0, True)], 2018, "nl")
    assert running.marks == (75.0,) and running.mark_labels == ("3",)
    assert running.series[0].values == (50.0,)  # 2 of 4
    ended = percent_chart("t", [_row(3.0, False)], 2018, "nl")
    assert ended.marks == (None,) and ended.mark_labels == ("",)


def test_plan_progress_chart_keeps_kpis_without_a_plan_target(demo_activities, demo_targets):
    """30 June 2018, multi-year plan 2017-2020: matchmaking 526 of 1.200 (43.8%), expected about 448.8 (37.4%, written 449), with its
    plan-end forecast while the plan runs; registered services (36, no plan target) keep their row without a bar."""
    table = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 6, 30))
    rows = [r for r in score_rows(table, "nl", {}) if r.key in ("matchmaking_meetings", "services")]
    chart = plan_progress_chart(rows, "nl", dt.date(2018, 6, 30))
    assert chart.categories == (
        "Matchmaking-gesprekken\n526 van 1.200, verwacht 449",
        "Geregistreerde services\n36 (geen doel)",
    )
    assert chart.series[0].values == pytest.approx((43.83, 0.0), abs=0.01)
    assert chart.marks[0] == pytest.approx(37.4, abs=0.05) and chart.marks[1] is None  # 449 is about 448.8, rounded
    assert chart.forecasts[0] is not None and chart.forecasts[1] is None
    assert chart.note == "MJP 2017-2020 · Stand per 30 juni 2018" and chart.target_line == "Plandoel"

"""Progress on any date: typed rows, filtered registry entries, the team's pace, expected values and forecasts."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from kpi import cli
from kpi import dashboard as vm
from kpi import figures as fig
from kpi import pace as pc
from kpi.engine import TABLE_COLUMNS, KPIRow, KPITable, aggregate, kpi_table
from kpi.filters import ActivityFilter
from kpi.load import load_activities, load_targets
from kpi.registry import KPI, KPI_KEYS, KPIS
from kpi.schema import MISSION
from kpi.targets import Target

OUTGOING = KPI(
    "outgoing_missions",
    {"nl": "Aantal uitgaande missies", "en": "Outgoing missions"},
    {"nl": "Uitgaande missies", "en": "Outgoing missions"},
    MISSION,
    None,
    "missions",
    "Count of outgoing mission rows.",
    where=ActivityFilter(directions=("outgoing",)),
)


# --- One typed result -------------------------------------------------------------------------------------------


def test_table_rows_are_typed(demo_activities, demo_targets):
    """kpi_table gives a KPITable of KPIRow with Target objects and plans; to_frame keeps today's columns first."""
    table = kpi_table(demo_activities, demo_targets, 2018)
    assert isinstance(table, KPITable) and all(isinstance(r, KPIRow) for r in table.rows)
    matchmaking = table.row("matchmaking_meetings")
    assert matchmaking.annual_target == Target(300, 300) and matchmaking.plan_target == Target(1200, 1200)
    assert (matchmaking.plan.label, matchmaking.annual.label) == ("MJP 2017-2020", "AP 2018")
    assert table.row("missions").annual_target == Target(6, 8)
    assert table.row("company_visits").plan_target == Target()
    frame = table.to_frame()
    assert list(frame.columns[:14]) == [
        "kpi",
        "label",
        "plan",
        "plan_target_min",
        "plan_target_max",
        "annual_plan",
        "annual_target_min",
        "annual_target_max",
        "realized",
        "realized_cumulative",
        "annual_gap",
        "annual_status",
        "plan_expected",
        "plan_status",
    ]
    assert list(frame.columns) == list(TABLE_COLUMNS)


# --- Registry entries with a filter -----------------------------------------------------------------------------


@pytest.fixture
def with_outgoing():
    """The registry with an 'outgoing missions' entry for the duration of a test."""
    with KPIS.extended(OUTGOING):
        yield OUTGOING


def test_filtered_entry_in_table_cards_and_charts(with_outgoing, demo_activities, demo_targets):
    """An entry carrying a filter counts only its rows (2018: 10 outgoing of 16 missions, counted in the CSV by
    hand) and appears in the table, the cards and both charts."""
    assert "outgoing_missions" in KPI_KEYS
    table = kpi_table(demo_activities, demo_targets, 2018)
    row = table.row("outgoing_missions")
    assert (row.realized, row.cumulative) == (10, 15)
    assert row.annual_target == Target() and row.annual_status == "no_target"
    assert table.row("missions").realized == 16
    cards = {c.key: c for c in vm.kpi_cards(table, demo_activities, 2018, "en")}
    assert cards["outgoing_missions"].label == "Outgoing missions"
    assert cards["outgoing_missions"].trend.tolist() == [5, 10]
    annual = fig.annual_vs_target_figure(table, KPI_KEYS, "en", 2018)
    assert "Outgoing missions (10)" in annual.layout.title.subtitle.text  # no target: named in the note
    plan = fig.cumulative_vs_plan_figure(table, KPI_KEYS, "en")
    assert any(y.startswith("Outgoing missions<br>") for y in plan.data[0].y)


def test_filtered_entry_in_cli_json(with_outgoing, isolated_store, capsys):
    """The CLI's JSON has one object for the filtered entry, in registry order (last)."""
    assert cli.main(["table", "--year", "2018", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["kpi"] for r in rows][-1] == "outgoing_missions"
    assert rows[-1]["realized"] == 10 and rows[-1]["annual_target_min"] is None


def test_filtered_entry_fast_path_equals_groupby(with_outgoing, demo_activities):
    """The fast counting path and the groupby path agree on a filtered entry, per year."""
    from kpi import engine

    fast = aggregate(demo_activities, ["year"])
    slow = engine._aggregate_groupby(demo_activities, ["year"])
    assert fast["outgoing_missions"].tolist() == slow["outgoing_missions"].tolist() == [5, 10]


# --- Pace: named cases ------------------------------------------------------------------------------------------

JUNE_30 = dt.date(2018, 6, 30)


@pytest.mark.parametrize(
    "name, as_of, to_day, volume, method, share",
    [
        ("all activity in Q4", JUNE_30, {2016: 0, 2017: 0}, {2016: 10, 2017: 12}, "seasonal", 0.0),
        ("uniform activity", JUNE_30, {2016: 6, 2017: 5}, {2016: 12, 2017: 10}, "seasonal", 0.5),
        ("uneven years", JUNE_30, {2016: 4, 2017: 6}, {2016: 10, 2017: 10}, "seasonal", 0.5),
        ("one year of history", JUNE_30, {2017: 5}, {2017: 10}, "linear", 181 / 365),
        ("no history", JUNE_30, {}, {}, "linear", 181 / 365),
        ("a year without volume says nothing", JUNE_30, {2016: 0, 2017: 5}, {2016: 0, 2017: 10}, "linear", 181 / 365),
        ("leap year, linear", dt.date(2020, 2, 29), {}, {}, "linear", 60 / 366),
        ("leap year, seasonal", dt.date(2020, 2, 29), {2018: 1, 2019: 3}, {2018: 10, 2019: 10}, "seasonal", 0.2),
        ("year end, seasonal", dt.date(2018, 12, 31), {2016: 3, 2017: 3}, {2016: 10, 2017: 10}, "seasonal", 1.0),
        ("year end, linear", dt.date(2018, 12, 31), {}, {}, "linear", 1.0),
    ],
)
def test_pace(name, as_of, to_day, volume, method, share):
    """Each named case gets the declared method and share of the annual volume expected by the as-of date."""
    found = pc.pace(as_of, as_of.year, to_day, volume)
    assert (found.method.value, found.share) == (method, pytest.approx(share)), name


@pytest.mark.parametrize(
    "name, realized, shares, volumes, share, want",
    [
        # Each earlier year: this year's realised / that year's share; the forecast: realised / mean share.
        ("uniform: twice the half year", 7, (0.5, 0.5), (12, 10), 0.5, (14, 14, 14)),
        ("spread of earlier years", 30, (0.4, 0.6), (10, 10), 0.5, (60, 50, 75)),
        # Too little of the usual volume done to extrapolate: the rest of the year goes as the earlier years did.
        ("all activity in Q4", 0, (0.0, 0.0), (10, 12), 0.0, (11, 10, 12)),
        ("linear: no range", 10, (), (), 0.5, (20, 20, 20)),
        ("year end: the realised value", 211, (1.0, 1.0), (300, 300), 1.0, (211, 211, 211)),
    ],
)
def test_year_forecast(name, realized, shares, volumes, share, want):
    """Forecast, low and high in whole numbers, low <= forecast <= high, and forecast >= realised."""
    method = pc.Method.SEASONAL if shares else pc.Method.LINEAR
    found = pc.year_forecast(realized, pc.Pace(method, share, (2016, 2017)[: len(shares)], shares, volumes))
    assert (found.value, found.low, found.high) == want, name
    assert found.low <= found.value <= found.high and found.value >= realized


def test_plan_forecast_and_needed():
    """Plan end: done so far + rest of this year + this year's rate per later year; what is needed per month."""
    year = pc.Forecast(266, 250, 280)
    plan = pc.plan_forecast(cumulative=526, realized=132, year=year, years_after=2)
    assert (plan.value, plan.low, plan.high) == (526 + 134 + 532, 526 + 118 + 500, 526 + 148 + 560)
    assert pc.months_left(JUNE_30, 2018) == 6.0
    needed = pc.needed(300, 132, JUNE_30, 2018)
    assert (needed.amount, needed.period, needed.missing, needed.days) == (28, pc.NeededPeriod.MONTH, 168, 184)
    assert pc.needed(300, 300, JUNE_30, 2018).amount == 0 and pc.needed(300, 300, JUNE_30, 2018).period is None
    assert pc.needed(None, 132, JUNE_30, 2018) is None


def _activities(tmp_path, rows: list[tuple[str, str]]):
    """A real CSV (as Dutch Excel writes it) of info meetings on the given dates, loaded as the app loads it."""
    lines = ["activity_id;date;activity_type;country"]
    lines += [f"{n};{date};{kind};NL" for n, (date, kind) in enumerate(rows)]
    path = tmp_path / "activities.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return load_activities(path)


def _targets(tmp_path, year: int, minimum: int):
    path = tmp_path / "targets.csv"
    path.write_text(
        f"kpi;plan;start_year;end_year;target_min;target_max\ninfo_meetings;AP {year};{year};{year};{minimum};\n",
        encoding="utf-8-sig",
    )
    return load_targets(path)


def test_leap_year_counts_earlier_years_up_to_28_february(tmp_path):
    """As of 29 Feb 2020, 2018 and 2019 count up to 28 February (1 of 4 each): share 0.25, 40 x 0.25 = 10 expected."""
    dates = [
        "2018-01-10",
        "2018-03-01",
        "2018-05-01",
        "2018-09-01",
        "2019-02-28",
        "2019-03-01",
        "2019-06-01",
        "2019-10-01",
        "2020-01-15",
        "2020-02-29",
    ]
    activities = _activities(tmp_path, [(d, "info_meeting") for d in dates])
    table = kpi_table(activities, _targets(tmp_path, 2020, 40), 2020, dt.date(2020, 2, 29))
    row = table.row("info_meetings")
    assert (row.pace.method.value, row.pace.share, row.realized) == ("seasonal", pytest.approx(0.25), 2)
    assert row.annual_expected == 10.0 and row.expected_gap == -8
    assert row.annual_status == "behind"  # 2 < 0.8 x 10
    assert (row.forecast.value, row.forecast.low, row.forecast.high) == (8, 8, 8)


def test_all_in_q4_is_on_track_in_june(tmp_path):
    """A team doing everything in Q4 is on track in June with nothing done: 0 expected by then."""
    dates = ["2016-10-01", "2016-11-01", "2017-10-05", "2017-12-01"]
    activities = _activities(tmp_path, [("2016-01-05", "company_visit")] + [(d, "info_meeting") for d in dates])
    table = kpi_table(activities, _targets(tmp_path, 2018, 2), 2018, JUNE_30)
    row = table.row("info_meetings")
    assert (row.pace.method.value, row.annual_expected, row.annual_status) == ("seasonal", 0.0, "on_track")
    assert (row.forecast.value, row.forecast.low, row.forecast.high) == (2, 2, 2)


def test_a_data_year_starting_late_is_not_complete(tmp_path):
    """Data from July 2016: 2016 is not a complete year, so 2018 has one earlier year (2017) and is linear."""
    dates = ["2016-07-01", "2016-11-01", "2017-03-05", "2017-12-01", "2018-02-01"]
    activities = _activities(tmp_path, [(d, "info_meeting") for d in dates])
    row = kpi_table(activities, _targets(tmp_path, 2018, 4), 2018, JUNE_30).row("info_meetings")
    assert row.pace.method.value == "linear" and row.pace.years == (2017,)


# --- The demo year on 30 June 2018 ---------------------------------------------------------------------------------


def test_demo_30_june_expected_values(demo_activities, demo_targets):
    """30 June 2018, linear (one complete earlier year): matchmaking 132 against 300 x 181/365 = 148.8: at risk."""
    table = kpi_table(demo_activities, demo_targets, 2018, JUNE_30)
    row = table.row("matchmaking_meetings")
    assert row.realized == 132  # counted in the CSV by hand
    assert row.pace.method.value == "linear"
    assert row.annual_expected == 148.8 and row.expected_gap == -17
    assert row.annual_status == "at_risk"
    assert row.forecast.value == 266  # 132 / (181 / 365)
    assert (row.needed.amount, row.needed.period.value) == (28, "month")  # (300 - 132) / 6 months


def test_change_since_the_previous_quarter(demo_activities, demo_targets):
    """With a reference date each row holds the realised value then and the difference since."""
    table = kpi_table(demo_activities, demo_targets, 2018, JUNE_30, reference=dt.date(2018, 3, 31))
    row = table.row("matchmaking_meetings")
    assert row.change.realized + row.change.difference == row.realized == 132
    assert table.to_frame().set_index("kpi").at["matchmaking_meetings", "reference_date"] == "2018-03-31"


@pytest.mark.parametrize(
    "name, as_of, kind, want",
    [
        ("end of June: end of March", dt.date(2018, 6, 30), "quarter", dt.date(2018, 3, 31)),
        ("mid-February: end of last year", dt.date(2018, 2, 15), "quarter", dt.date(2017, 12, 31)),
        ("year end: end of September", dt.date(2018, 12, 31), "quarter", dt.date(2018, 9, 30)),
        ("previous month", dt.date(2018, 3, 1), "month", dt.date(2018, 2, 28)),
        ("previous year", dt.date(2018, 6, 30), "year", dt.date(2017, 12, 31)),
    ],
)
def test_reference_date(name, as_of, kind, want):
    """The default reference is the end of the previous quarter."""
    assert vm.reference_date(as_of, kind) == want, name


def test_selectable_years_include_every_plan_year(demo_activities, demo_targets):
    """Plan years without data (2019, 2020) can be chosen; 2019 shows 0 this year and the cumulative."""
    assert vm.selectable_years(demo_activities, demo_targets) == [2017, 2018, 2019, 2020]
    row = kpi_table(demo_activities, demo_targets, 2019).row("matchmaking_meetings")
    assert (row.realized, row.cumulative, row.plan_expected) == (0, 605, 900.0)


def test_year_end_forecast_is_made_at_the_data_end(demo_activities, demo_targets):
    """At the year end the expected value is the annual minimum; the demo data ends on 19 December 2018, so the
    forecasts are the ones made then (linear, 353/365 of the year), never as if nothing happened since."""
    table = kpi_table(demo_activities, demo_targets, 2018)
    assert (table.data_through, table.forecast_as_of, table.projected) == (
        dt.date(2018, 12, 19),
        dt.date(2018, 12, 19),
        True,
    )
    for row in table.rows:
        assert row.annual_expected == row.annual_target.min
    assert table.row("matchmaking_meetings").forecast.value == 218  # 211 x 365 / 353 = 218.2
    assert table.row("missions").forecast.value == 17  # 16 x 365 / 353 = 16.5


def test_year_end_forecast_equals_realised_when_the_data_reaches_it(tmp_path):
    """Data up to 31 December: at the year end the forecast is the realised value (nothing left to project)."""
    activities = _activities(tmp_path, [("2018-03-01", "info_meeting"), ("2018-12-31", "info_meeting")])
    table = kpi_table(activities, _targets(tmp_path, 2018, 4), 2018)
    row = table.row("info_meetings")
    assert (table.projected, row.forecast) == (False, pc.Forecast(2, 2, 2))
    assert row.annual_status == "missed" and row.needed is None


def test_frame_columns_are_typed(demo_activities, demo_targets):
    """Whole-number columns are Int64 with NA (never 0) where undefined."""
    frame = kpi_table(demo_activities, demo_targets, 2018, JUNE_30).to_frame().set_index("kpi")
    assert str(frame["forecast_year_end"].dtype) == "Int64"
    assert pd.isna(frame.at["services", "annual_expected"])


def test_difference_between_two_tables(demo_activities, demo_targets):
    """Two tables (two data versions or dates) side by side: 132 then, 211 now, +79 for matchmaking."""
    from kpi.report import difference_frame

    before = kpi_table(demo_activities, demo_targets, 2018, JUNE_30)
    after = kpi_table(demo_activities, demo_targets, 2018)
    frame = difference_frame(before, after, "en").set_index("KPI")
    assert frame.loc["Matchmaking conversations"].tolist() == ["132", "211", "+79", "At risk", "Missed"]


@pytest.mark.parametrize(
    "name, text, literal",
    [
        ("a plain sentence stays as it is", "Fewer trade fairs this year.", "Fewer trade fairs this year."),
        ("a link", "[click](http://x.nl)", "`[click](http://x.nl)`"),
        ("an image", "![i] (http://x.nl/a.png)", "\\!\\[i\\] `(http://x.nl/a.png)`"),
        ("an e-mail address", "mail a@b.nl", "mail `a@b.nl`"),
        ("HTML", "<b>bold</b>", "\\<b\\>bold\\</b\\>"),
        ("a Streamlit directive", ":red[alarm] :material/home:", "\\:red\\[alarm\\] \\:material/home\\:"),
        ("emphasis", "*a* _b_", "\\*a\\* \\_b\\_"),
        ("a list at a line's start", "- one\n2018. two", "\\- one  \n2018\\. two"),
        ("a bare www address", "see www.x.nl.", "see `www.x.nl.`"),
        ("backticks in an address", "http://x`y", "``http://x`y``"),
    ],
)
def test_markdown_literal(name, text, literal):
    """User text put in Markdown elements is escaped so that it shows as typed, never as markup."""
    from kpi.fmt import markdown_literal

    assert markdown_literal(text) == literal, name

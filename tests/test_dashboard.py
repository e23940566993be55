"""View models of the dashboard: cards, filters, trends, services and country names."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kpi import dashboard as vm
from kpi.engine import kpi_table, totals
from kpi.filters import ActivityFilter, apply_filter, from_query, to_query
from kpi.i18n import t
from kpi.registry import KPI_KEYS
from kpi.schema import Activities as A
from kpi.targets import STATUS_ICONS


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [
        ("DE", "nl", "Duitsland"),
        ("DE", "en", "Germany"),
        ("CN", "nl", "China"),
        ("US", "nl", "Verenigde Staten"),
        ("ZZZ", "nl", "ZZZ"),
    ],
)
def test_country_name(code, lang, name):
    """Country names come from babel in the user's language; unknown codes stay as they are."""
    assert vm.country_name(code, lang) == name


@pytest.mark.parametrize(
    ("code", "iso3"),
    [
        ("DE", "DEU"),
        ("CN", "CHN"),
        ("US", "USA"),
        ("GB", "GBR"),
        ("MM", "MMR"),
        ("CD", "COD"),
        ("nl", "NLD"),
        ("QQ", None),
    ],
)
def test_iso3(code, iso3):
    """Alpha-2 to alpha-3, preferring today's code where CLDR keeps a historic alias."""
    assert vm.iso3(code) == iso3


def test_cards_match_engine_table(demo_activities, demo_targets):
    """Each card carries the engine's realised value, gap, status and icon, with words for the status."""
    table = kpi_table(demo_activities, demo_targets, 2018)
    cards = vm.kpi_cards(table, demo_activities, 2018, "nl")
    assert [c.key for c in cards] == list(KPI_KEYS)
    by_key = {c.key: c for c in cards}
    mm = by_key["matchmaking_meetings"]
    assert (mm.realized, mm.gap, mm.status, mm.cumulative, mm.plan_expected) == (211, -89, "missed", 605, 600.0)
    assert mm.icon == STATUS_ICONS["missed"] and mm.status_text == t("status.missed", "nl")
    assert mm.share == pytest.approx(211 / 300)
    assert by_key["missions"].target_text == "6-8"
    services = by_key["services"]
    assert services.target_text == "niet gedefinieerd" and services.status == "no_target" and services.gap is None
    assert services.trend.tolist() == [11, 68]


def test_cards_as_of_cut_the_trend(demo_activities, demo_targets):
    """With an as-of date the trend of the running year counts only activities up to it."""
    as_of = dt.date(2018, 6, 30)
    table = kpi_table(demo_activities, demo_targets, 2018, as_of)
    cards = {c.key: c for c in vm.kpi_cards(table, demo_activities, 2018, "nl", as_of)}
    assert cards["missions"].trend.iloc[-1] == cards["missions"].realized < 16


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (ActivityFilter(years=(2018, 2018), countries=("CN",)), {"missions": 4, "incoming": 3, "outgoing": 1}),
        (
            ActivityFilter(years=(2018, 2018), countries=("DE",), directions=("outgoing",)),
            {"missions": 5, "incoming": 0, "outgoing": 5},
        ),
        (ActivityFilter(years=(2017, 2017), countries=("JP",)), {"missions": 0, "incoming": 0, "outgoing": 0}),
    ],
)
def test_filtered_missions(demo_activities, selection, expected):
    """Named filters give the report's mission counts."""
    result = vm.mission_totals(vm.filtered_missions(demo_activities, selection))
    assert {k: result[k] for k in expected} == expected


def test_filters_only_shrink_and_totals_agree(demo_activities):
    """A narrower filter never gives more; mission totals agree with the engine's totals."""
    everything = vm.filtered_missions(demo_activities, ActivityFilter())
    china = vm.filtered_missions(demo_activities, ActivityFilter(countries=("CN",)))
    assert len(china) <= len(everything)
    engine = totals(everything)
    mine = vm.mission_totals(everything)
    for key in ("missions", "mission_companies"):
        assert mine[key] == engine[key]


def test_missions_table_localised(demo_activities):
    """The missions table has localised headers, dates, directions and country names."""
    missions = vm.filtered_missions(demo_activities, ActivityFilter(years=(2018, 2018), countries=("DE",)))
    nl = vm.missions_table(missions, "nl")
    assert list(nl.columns)[:2] == [t("col.date", "nl"), t("col.title", "nl")]
    assert set(nl[t("col.country", "nl")]) == {"Duitsland"}
    assert nl.iloc[0][t("col.date", "nl")] == "26 februari 2018"
    en = vm.missions_table(missions, "en")
    assert set(en[t("col.direction", "en")]) <= {"Incoming", "Outgoing"}


def test_missions_by_country_sum_equals_total(demo_activities):
    """Summed over countries and directions, the counts equal the number of missions."""
    missions = vm.missions_of(demo_activities)
    counts = vm.missions_by_country(missions)
    assert counts["missions"].sum() == len(missions)
    assert counts.iloc[0][A.country] == missions[A.country].value_counts().index[0]


def test_filter_options(demo_activities):
    """Filter options come from the missions in the data, sorted."""
    options = vm.filter_options(demo_activities)
    assert options["directions"] == ["incoming", "outgoing"]
    assert "CN" in options["countries"] and "NL" not in options["countries"]
    assert options["regions"] == sorted(options["regions"])


@pytest.mark.parametrize("period", vm.PERIODS)
@pytest.mark.parametrize("breakdown", vm.BREAKDOWNS)
def test_trend_frame_sums(demo_activities, period, breakdown):
    """Every period of the data's years is present and the values sum to the KPI total."""
    frame = vm.trend_frame(demo_activities, "company_visits", period, breakdown)
    assert frame["value"].sum() == totals(demo_activities)["company_visits"]
    periods = {"year": 2, "quarter": 8, "month": 24}[period]
    assert frame["period"].nunique() == periods


def test_trend_frame_year_window(demo_activities):
    """A year window counts only those years."""
    frame = vm.trend_frame(demo_activities, "missions", "year", "none", years=(2018, 2018))
    assert frame["value"].tolist() == [16]


@pytest.mark.parametrize(
    ("period", "lang", "label"),
    [("year", "nl", "2018"), ("quarter", "nl", "K1 2018"), ("quarter", "en", "Q1 2018"), ("month", "nl", "maart 2018")],
)
def test_period_label(period, lang, label):
    """Period labels in the locale's format."""
    start = pd.Timestamp("2018-03-01") if period == "month" else pd.Timestamp("2018-01-01")
    assert vm.period_label(start, period, lang) == label


def test_target_bands(demo_targets):
    """2018 has a 6-8 annual target for missions; 2017 has no annual plan (undefined, not zero)."""
    bands = vm.target_bands(demo_targets, "missions", [2017, 2018]).set_index("year")
    assert pd.isna(bands.at[2017, "min"])
    assert (bands.at[2018, "min"], bands.at[2018, "max"]) == (6, 8)


def test_service_funnel_and_table(demo_activities):
    """119 visits to 68 services in 2018; the per-theme rows add up to the year's totals."""
    funnel = vm.service_funnel(demo_activities, 2018)
    assert (funnel["visits"], funnel["services"]) == (119, 68)
    assert funnel["conversion"] == pytest.approx(68 / 119)
    by_theme = vm.services_by_year_theme(demo_activities)
    year = by_theme[by_theme[A.year] == 2018]
    assert (year["visits"].sum(), year["services"].sum()) == (119, 68)
    by_year = vm.services_by_year(demo_activities).set_index(A.year)
    assert by_year.at[2018, "visits"] == 119 and by_year.at[2018, "services"] == 68
    assert vm.service_funnel(demo_activities, 1999)["conversion"] is None


def test_latest_year_and_years(demo_activities):
    """The default year is the latest in the data; years run without gaps."""
    assert vm.latest_year(demo_activities) == 2018
    assert vm.data_years(demo_activities) == [2017, 2018]
    assert vm.latest_year(apply_filter(demo_activities, ActivityFilter(years=(2017, 2017)))) == 2017


@pytest.mark.parametrize(
    "selection",
    [
        ActivityFilter(),
        ActivityFilter(years=(2017, 2018), countries=("CN", "DE"), directions=("outgoing",)),
        ActivityFilter(roles=("lead",), themes=("Smart & Green Mobility",), regions=("Baden-Württemberg",)),
    ],
)
def test_filter_query_round_trip(selection):
    """A filter written to URL parameters reads back as the same filter."""
    assert from_query(to_query(selection)) == selection


def test_filter_from_bad_query():
    """Malformed years are ignored, reversed years are put in order, repeated values kept once."""
    assert from_query({"years": ["abc"]}).years is None
    assert from_query({"years": ["2018-2017"]}).years == (2017, 2018)
    assert from_query({"countries": ["CN", "CN", ""]}).countries == ("CN",)


def test_filter_summary():
    """The filter in words names years and countries in the user's language."""
    selection = ActivityFilter(years=(2018, 2018), countries=("DE",), directions=("outgoing",))
    assert vm.filter_summary(selection, "nl") == "2018 · Duitsland · Uitgaand"
    assert vm.filter_summary(ActivityFilter(), "en") == t("dash.filter.none", "en")


def test_missions_table_limit_keeps_the_latest(demo_activities):
    """A limited table shows the latest missions, in date order."""
    missions = vm.filtered_missions(demo_activities, ActivityFilter())
    table = vm.missions_table(missions, "en", limit=3)
    assert len(table) == 3
    assert list(table[t("col.title", "en")]) == list(missions[A.title].iloc[-3:])
    assert len(vm.missions_table(missions, "en", limit=None)) == len(missions)

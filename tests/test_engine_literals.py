"""The KPI engine on tiny hand-built frames, against values worked out by hand (kills kpi/engine.py's mutants)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kpi import engine
from kpi.engine import (
    aggregate,
    data_through,
    first_complete_year,
    kpi_table,
    realized_by_year_to_day,
    realized_by_year_up_to,
    up_to,
)
from kpi.filters import ActivityFilter
from kpi.registry import KPI, KPIS
from kpi.schema import ACTIVITY_TYPES, MISSION
from kpi.targets import Plan
from kpi.validate import validate_activities, validate_targets

ACTIVITY_HEADER = [
    "activity_id",
    "date",
    "activity_type",
    "direction",
    "role",
    "country",
    "companies",
    "matchmaking_meetings",
]
TARGET_HEADER = ["kpi", "plan", "start_year", "end_year", "target_min", "target_max"]


def activities(rows: list[tuple[str, ...]]) -> pd.DataFrame:
    """Typed activities from rows as a CSV file holds them (validated like an import)."""
    frame, _ = validate_activities(pd.DataFrame(rows, columns=ACTIVITY_HEADER), "activities.csv")
    return frame


def targets(rows: list[tuple[str, ...]]) -> pd.DataFrame:
    """Typed targets from rows as a CSV file holds them."""
    frame, _ = validate_targets(pd.DataFrame(rows, columns=TARGET_HEADER), "targets.csv")
    return frame


# 2018 only: two missions before July, a company visit in May, services in February and September.
YEAR_2018 = [
    ("M1", "2018-01-10", "mission", "outgoing", "lead", "DE", "5", "20"),
    ("M2", "2018-03-15", "mission", "incoming", "partner", "CN", "3", "10"),
    ("S1", "2018-02-01", "service", "", "", "NL", "", ""),
    ("S2", "2018-09-01", "service", "", "", "NL", "", ""),
    ("V1", "2018-05-05", "company_visit", "", "", "NL", "1", ""),
]
# A four-year plan that starts a year before the data, and an annual plan.
PLANS = [
    ("missions", "MJP 2017-2020", "2017", "2020", "24", "32"),
    ("missions", "AP 2018", "2018", "2018", "6", "8"),
    ("company_visits", "AP 2018", "2018", "2018", "4", ""),
]
# Missions in 2015 and 2016 only (none in 2017), two of them on 30 June, listed last.
HISTORY = [
    ("M1", "2015-01-05", "mission", "outgoing", "lead", "DE", "1", "0"),
    ("M2", "2015-10-01", "mission", "outgoing", "lead", "DE", "1", "0"),
    ("M3", "2016-02-01", "mission", "outgoing", "lead", "DE", "1", "0"),
    ("M4", "2015-06-30", "mission", "outgoing", "lead", "DE", "1", "0"),
    ("M5", "2016-06-30", "mission", "outgoing", "lead", "DE", "1", "0"),
]


@pytest.fixture(scope="module")
def table():
    """The 2018 table at 2 July 2018, compared with 31 March 2018."""
    return kpi_table(activities(YEAR_2018), targets(PLANS), 2018, dt.date(2018, 7, 2), reference=dt.date(2018, 3, 31))


def test_missions_row_by_hand(table):
    """Every column of the missions row, worked out by hand from the five activities and the plans."""
    frame = table.to_frame()
    missions = frame[frame["kpi"] == "missions"].iloc[0]
    # share = 183/365 = 0.50137 (linear: no complete earlier year); plan share = (1 + 0.50137)/4 = 0.37534.
    want = {
        "label": "Aantal handelsmissies (in- en uitgaand)",
        "plan": "MJP 2017-2020",
        "plan_target_min": 24,
        "plan_target_max": 32,
        "annual_plan": "AP 2018",
        "annual_target_min": 6,
        "annual_target_max": 8,
        "realized": 2,
        "realized_cumulative": 2,  # nothing in 2017, two in 2018
        "annual_gap": -4,
        "annual_status": "behind",  # 2 < 0.8 x 6 x 0.50137 = 2.41
        "plan_expected": 9.0,  # 24 x 0.37534 = 9.008
        "plan_status": "behind",
        "pace": "linear",
        "pace_share": 0.5014,
        "annual_expected": 3.0,  # 6 x 0.50137 = 3.008
        "expected_gap": -1,
        "forecast_year_end": 4,  # 2 / 0.50137 = 3.99
        "forecast_year_end_low": 4,
        "forecast_year_end_high": 4,
        "needed": 4,  # 6 - 2: fewer than one a month over 5.94 months, so the total for the rest of the year
        "needed_period": "rest",
        "days_left": 182,  # 2 July to 31 December
        "forecast_plan_end": 12,  # 2 done + 2 more this year + 2 years x 4
        "forecast_plan_end_low": 12,
        "forecast_plan_end_high": 12,
        "plan_needed": 22,  # 24 - 2: fewer than one a month over 29.94 months
        "plan_needed_period": "rest",
        "plan_days_left": 913,  # 182 + 365 + 366 (2020 is a leap year)
        "reference_date": "2018-03-31",
        "realized_at_reference": 2,
        "change_since_reference": 0,
        "annual_status_at_reference": "on_track",  # 2 >= 6 x 90/365 = 1.48
    }
    assert {k: missions[k] for k in want} == want


def test_table_keeps_its_fields():
    """The table keeps its year, dates, language and plans; a row keeps its change and plan share."""
    table = kpi_table(activities(YEAR_2018), targets(PLANS), 2018, dt.date(2018, 7, 2), reference=dt.date(2018, 3, 31))
    assert (table.year, table.as_of, table.lang, table.reference) == (
        2018,
        dt.date(2018, 7, 2),
        "nl",
        dt.date(2018, 3, 31),
    )
    assert (table.plan, table.annual) == (Plan("MJP 2017-2020", 2017, 2020), Plan("AP 2018", 2018, 2018))
    missions = table.row("missions")
    assert (missions.change.realized, missions.change.cumulative, missions.change.status) == (2, 2, "on_track")
    assert round(missions.plan_share, 4) == 0.3753  # (1 + 183/365) / 4


def test_no_plan_has_no_plan_share():
    """Without targets a row has no plan: plan share 0, plan status no_target."""
    row = kpi_table(activities(YEAR_2018), targets(PLANS).iloc[:0], 2018, dt.date(2018, 7, 2)).row("missions")
    assert (row.plan, row.plan_share, row.plan_status, row.cumulative) == (None, 0.0, "no_target", None)


def test_up_to_with_dates_as_objects():
    """Dates held as plain objects are compared as dates: rows on or before 15 March 2018 are M1, M2, S1."""
    frame = activities(YEAR_2018)
    frame = frame.assign(date=frame["date"].astype(object))
    assert up_to(frame, dt.date(2018, 3, 15))["activity_id"].tolist() == ["M1", "M2", "S1"]


def test_change_since_reference_by_hand(table):
    """The company visit of 5 May counts now but not at 31 March: 0 then, 1 now, behind both times."""
    frame = table.to_frame().set_index("kpi")
    got = frame.loc["company_visits", ["realized", "realized_at_reference", "change_since_reference"]].tolist()
    assert got == [1, 0, 1]
    assert frame.loc["company_visits", "annual_status_at_reference"] == "behind"  # 0 < 0.8 x 4 x 90/365 = 0.79


def test_frame_column_types(table):
    """Counts are nullable Int64, expected values Float64, texts plain str (not pandas' "string")."""
    types = table.to_frame().dtypes.astype(str).to_dict()
    assert {k: types[k] for k in ("kpi", "plan", "annual_status", "pace", "reference_date")} == dict.fromkeys(
        ("kpi", "plan", "annual_status", "pace", "reference_date"), "str"
    )
    assert {k: types[k] for k in ("realized", "plan_target_min", "change_since_reference")} == dict.fromkeys(
        ("realized", "plan_target_min", "change_since_reference"), "Int64"
    )
    assert {k: types[k] for k in ("plan_expected", "pace_share")} == {
        "plan_expected": "Float64",
        "pace_share": "Float64",
    }


def test_default_language_is_dutch():
    """Without `lang` the table is Dutch."""
    table = kpi_table(activities(YEAR_2018), targets(PLANS), 2018)
    assert (table.lang, table.row("missions").label) == ("nl", "Aantal handelsmissies (in- en uitgaand)")


def test_seasonal_pace_with_a_year_missing(monkeypatch):
    """2018 at 30 June from 2015-2016 (2017 empty): missions by that day 2 of 3 and 2 of 2, pace (2/3 + 1)/2."""
    monkeypatch.setattr(engine, "_CHUNK", 2)  # several counting passes over five rows
    row = kpi_table(activities(HISTORY), targets(PLANS), 2018, dt.date(2018, 6, 30)).row("missions")
    assert (row.pace.method.value, round(row.pace.share, 4), row.pace.years) == ("seasonal", 0.8333, (2015, 2016))
    assert (row.pace.shares, row.pace.volumes) == (pytest.approx((2 / 3, 1.0)), (3, 2))
    # The plan 2017-2020 has one whole year behind it plus this year's pace: (1 + 0.8333) / 4 = 0.4583.
    assert (round(row.plan_share, 4), row.plan_expected) == (0.4583, 11.0)  # 24 x 0.4583 = 11.0


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
# Sums companies over info meetings: a second activity type whose companies are summed.
INFO_COMPANIES = KPI(
    "info_companies",
    {"nl": "Bedrijven bij informatiebijeenkomsten", "en": "Companies at information meetings"},
    {"nl": "Bedrijven bij bijeenkomsten", "en": "Companies at meetings"},
    "info_meeting",
    "companies",
    "outreach",
    "Sum of companies over info_meeting rows.",
)


def test_seasonal_pace_with_a_filtered_kpi():
    """A registry entry with its own filter takes the two-pass route; outgoing missions pace as all missions do."""
    with KPIS.extended(OUTGOING):
        table = kpi_table(activities(HISTORY), targets(PLANS), 2018, dt.date(2018, 6, 30))
    for key in ("missions", "outgoing_missions"):
        row = table.row(key)
        assert (round(row.pace.share, 4), row.pace.years, row.pace.volumes) == (0.8333, (2015, 2016), (3, 2)), key


def test_as_of_in_another_year_is_linear():
    """A table asked for 2017 at a date in 2018 has no pace to follow: linear, share 1."""
    row = kpi_table(activities(HISTORY + YEAR_2018[2:3]), targets(PLANS), 2017, dt.date(2018, 6, 30)).row("missions")
    assert (row.pace.method.value, row.pace.share) == ("linear", 1.0)


def test_realized_to_day_per_year():
    """Missions by 30 June in each year: 2015 two (5 Jan, 30 Jun), 2016 two (1 Feb, 30 Jun), 2017 none."""
    got = realized_by_year_to_day(activities(HISTORY), dt.date(2018, 6, 30), [2015, 2016, 2017])
    assert got["missions"].to_dict() == {2015: 2, 2016: 2, 2017: 0}
    assert got["mission_companies"].to_dict() == {2015: 2, 2016: 2, 2017: 0}


def test_realized_to_day_of_no_rows():
    """No activities: a row of zeros for every year asked, one column per KPI."""
    got = realized_by_year_to_day(activities(HISTORY).iloc[:0], dt.date(2018, 6, 30), [2017])
    assert list(got.index) == [2017]
    assert got.loc[2017].tolist() == [0, 0, 0, 0, 0, 0, 0]
    assert list(got.columns) == [
        "missions",
        "info_meetings",
        "mission_companies",
        "matchmaking_meetings",
        "company_visits",
        "partner_scans",
        "services",
    ]


@pytest.mark.parametrize(
    "name, dates, want",
    [
        ("a missing date is skipped", pd.to_datetime(pd.Series([None, "2017-03-01", "2016-01-20"])), 2016),
        ("a start in February: the next year", pd.to_datetime(pd.Series(["2016-02-01", "2017-01-01"])), 2017),
        ("plain date objects", pd.Series([dt.date(2016, 2, 1), dt.date(2017, 1, 1)], dtype=object), 2017),
        ("plain date objects from January", pd.Series([dt.date(2016, 1, 31)], dtype=object), 2016),
        ("only missing dates", pd.to_datetime(pd.Series([None, None])), None),
    ],
)
def test_first_complete_year(name, dates, want):
    """The first year the data covers from January, skipping missing dates."""
    assert first_complete_year(pd.DataFrame({"date": dates})) == want, name


def test_first_complete_year_of_no_rows():
    """No rows: no complete year."""
    assert first_complete_year(pd.DataFrame({"date": np.array([], dtype="datetime64[ns]")})) is None


def test_frame_types_without_any_target():
    """With no targets every target column is empty, yet still typed Int64/Float64 (not object)."""
    frame = kpi_table(activities(YEAR_2018), targets(PLANS).iloc[:0], 2018).to_frame()
    types = frame.dtypes.astype(str).to_dict()
    assert frame["plan_target_min"].isna().all() and frame["plan_expected"].isna().all()
    assert {k: types[k] for k in ("plan_target_min", "annual_target_max", "plan_expected", "annual_expected")} == {
        "plan_target_min": "Int64",
        "annual_target_max": "Int64",
        "plan_expected": "Float64",
        "annual_expected": "Float64",
    }


def test_filtered_kpi_counts_only_up_to_the_date():
    """Outgoing missions up to 2 July 2018: M1 (10 January) only, not the one of 1 October."""
    rows = YEAR_2018 + [("M3", "2018-10-01", "mission", "outgoing", "lead", "DE", "2", "0")]
    with KPIS.extended(OUTGOING):
        got = realized_by_year_up_to(activities(rows), dt.date(2018, 7, 2), [2018])
    assert (got.loc[2018, "outgoing_missions"], got.loc[2018, "missions"]) == (1, 2)


def test_companies_summed_over_two_types():
    """Companies at missions (5 + 3) and at info meetings (7) are summed apart, among many rows of other types."""
    rows = YEAR_2018 + [("I1", "2018-04-04", "info_meeting", "", "", "NL", "7", "0")]
    rows += [(f"P{n}", "2018-06-01", "partner_scan", "", "", "NL", "1", "0") for n in range(6)]
    with KPIS.extended(INFO_COMPANIES):
        got = aggregate(activities(rows))
    assert (got.loc[0, "mission_companies"], got.loc[0, "info_companies"], got.loc[0, "partner_scans"]) == (8, 7, 6)


def test_types_missing_from_the_categories_count_zero():
    """A frame whose activity types know only "mission": one mission, 5 companies, 20 meetings, every other KPI 0."""
    frame = pd.DataFrame(
        {
            "activity_type": pd.Categorical(["mission"]),
            "companies": np.array([5], dtype="int64"),
            "matchmaking_meetings": np.array([20], dtype="int64"),
        }
    )
    assert aggregate(frame).iloc[0].to_dict() == {
        "missions": 1,
        "info_meetings": 0,
        "mission_companies": 5,
        "matchmaking_meetings": 20,
        "company_visits": 0,
        "partner_scans": 0,
        "services": 0,
    }


def test_many_groups_need_wide_cell_numbers():
    """Two 200-value columns make 201 x 201 x 6 = 242,406 cells, past int16: both rows still land in their own group."""
    names = [f"C{n:03d}" for n in range(200)]
    frame = pd.DataFrame(
        {
            "country": pd.Categorical(["C199", "C000"], categories=names),
            "city": pd.Categorical(["C199", "C001"], categories=names),
            "activity_type": pd.Categorical(["mission", "service"], categories=list(ACTIVITY_TYPES)),
            "companies": np.array([4, 0], dtype="int64"),
            "matchmaking_meetings": np.array([9, 0], dtype="int64"),
        }
    )
    got = aggregate(frame, ["country", "city"])
    assert [tuple(map(str, key)) for key in got.index] == [("C000", "C001"), ("C199", "C199")]
    assert got[["missions", "mission_companies", "matchmaking_meetings", "services"]].to_numpy().tolist() == [
        [0, 0, 0, 1],
        [1, 4, 9, 0],
    ]


@pytest.mark.parametrize("kind", ["object", "str", "float64"])
def test_groups_of_a_non_integer_column(kind):
    """Grouping by a text or float column: DE has the two missions (4 + 6 companies), NL the service."""
    values = {"object": ["DE", "NL", "DE"], "str": ["DE", "NL", "DE"], "float64": [1.5, 2.5, 1.5]}[kind]
    frame = pd.DataFrame(
        {
            "key": pd.Series(values, dtype=kind),
            "activity_type": pd.Categorical(["mission", "service", "mission"], categories=list(ACTIVITY_TYPES)),
            "companies": np.array([4, 0, 6], dtype="int64"),
            "matchmaking_meetings": np.array([0, 0, 0], dtype="int64"),
        }
    )
    got = aggregate(frame, ["key"])
    assert [got.loc[v, ["missions", "mission_companies", "services"]].tolist() for v in values[:2]] == [
        [2, 10, 0],
        [0, 0, 1],
    ]


@pytest.mark.parametrize("by", [["year"], ["year", "country"]])
def test_types_missing_from_the_categories_count_zero_per_group(by):
    """Per group, a KPI whose type is not a category is 0: 2017 DE has 1 mission, 2018 DE 2, no services anywhere."""
    frame = pd.DataFrame(
        {
            "year": np.array([2017, 2018, 2018], dtype="int16"),
            "country": pd.Categorical(["DE", "DE", "DE"], categories=["DE", "NL"]),
            "activity_type": pd.Categorical(["mission", "mission", "mission"]),
            "companies": np.array([1, 2, 3], dtype="int64"),
            "matchmaking_meetings": np.array([0, 0, 0], dtype="int64"),
        }
    )
    got = aggregate(frame, by)
    assert got[["missions", "mission_companies", "services"]].to_numpy().tolist() == [[1, 1, 0], [2, 5, 0]]


def test_nullable_counts_take_the_groupby_route():
    """Companies held as nullable Int64 with a gap: the gap counts as nothing, 4 + 6 = 10 companies in 2 missions."""
    frame = pd.DataFrame(
        {
            "activity_type": pd.Categorical(["mission", "mission", "mission"], categories=list(ACTIVITY_TYPES)),
            "companies": pd.array([4, None, 6], dtype="Int64"),
            "matchmaking_meetings": np.array([1, 2, 3], dtype="int64"),
        }
    )
    got = aggregate(frame).iloc[0]
    assert got[["missions", "mission_companies", "matchmaking_meetings"]].tolist() == [3, 10, 6]


def test_a_column_summed_for_all_types_and_for_one():
    """Meetings summed over every row (20 + 10 + 7) and over missions only (20 + 10) in the same count."""
    mission_meetings = KPI(
        "mission_matchmaking",
        {"nl": "Matchmaking-gesprekken op missies", "en": "Matchmaking conversations on missions"},
        {"nl": "Gesprekken op missies", "en": "Conversations on missions"},
        MISSION,
        "matchmaking_meetings",
        "missions",
        "Sum of matchmaking_meetings over mission rows.",
    )
    rows = YEAR_2018 + [("I1", "2018-04-04", "info_meeting", "", "", "NL", "0", "7")]
    with KPIS.extended(mission_meetings):
        got = aggregate(activities(rows)).iloc[0]
    assert (got["matchmaking_meetings"], got["mission_matchmaking"]) == (37, 30)


def test_sums_add_up_over_counting_passes(monkeypatch):
    """Counted two rows per pass, companies still add up over all passes: 5 + 3 at missions, 20 + 10 meetings."""
    monkeypatch.setattr(engine, "_CHUNK", 2)
    got = aggregate(activities(YEAR_2018)).iloc[0]
    assert (got["mission_companies"], got["matchmaking_meetings"], got["services"]) == (8, 30, 2)


def test_sums_past_float_precision_stay_exact():
    """(2^53 - 1) + 2 companies = 9,007,199,254,740,993, which float64 cannot hold: the sum is still exact."""
    frame = pd.DataFrame(
        {
            "activity_type": pd.Categorical(["mission", "mission"], categories=list(ACTIVITY_TYPES)),
            "companies": np.array([9_007_199_254_740_991, 2], dtype="int64"),
            "matchmaking_meetings": np.array([0, 0], dtype="int64"),
        }
    )
    assert aggregate(frame).loc[0, "mission_companies"] == 9_007_199_254_740_993


@pytest.mark.parametrize("unit", ["ns", "us", "s"])
def test_data_through_is_the_latest_date_whatever_the_date_unit(unit):
    """14 Dec 2018 is the latest of three dates (one missing); a frame of missing dates has no end date."""
    frame = pd.DataFrame({"date": pd.to_datetime(["2018-03-01", None, "2018-12-14"]).astype(f"datetime64[{unit}]")})
    assert data_through(frame) == dt.date(2018, 12, 14)
    assert data_through(frame.iloc[[1]]) is None

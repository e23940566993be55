"""A loaded version's day codes (kpi.day_codes) give the same KPI counts as counting from the dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi import engine
from kpi.day_codes import day_code, prepare, prepared
from kpi.engine import kpi_table, realized_by_year_to_day, realized_by_year_up_to
from kpi.parquet_io import read_frame, write_frame
from kpi.registry import KPI, KPIS
from kpi.schema import Activities as A
from kpi.store import open_store
from kpi.validate import validate_targets
from tests import synth
from tests.test_engine_invariants import frames

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
YEARS = range(2013, 2024)


def _twins(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the frame with day codes, an equal copy without)."""
    plain = frame.copy()
    prepare(frame)
    return frame, plain


def test_day_codes_order_as_the_calendar_within_a_year() -> None:
    """Codes are month * 32 + day: 28 Feb < 29 Feb < 1 Mar, 31 Jan < 1 Feb, 31 Dec the largest."""
    assert day_code(dt.date(2020, 2, 28)) == 92 and day_code(dt.date(2020, 2, 29)) == 93
    assert day_code(dt.date(2019, 3, 1)) == 97 and day_code(dt.date(2019, 1, 31)) == 63
    assert day_code(dt.date(2019, 2, 1)) == 65 and day_code(dt.date(2019, 12, 31)) == 415


def test_a_loaded_file_has_day_codes_and_its_copies_do_not(tmp_path) -> None:
    """read_frame prepares the frame it returns (literal codes); a copy or a replaced date column has none."""
    frame = synth.generate(50, seed=3)
    write_frame(frame, tmp_path / "a.parquet")
    back = read_frame(tmp_path / "a.parquet")
    codes = prepared(back)
    assert codes is not None and prepared(back.copy()) is None
    first = back[A.date].iloc[0]
    assert codes.day[0] == first.month * 32 + first.day
    assert codes.through == back[A.date].max().date()
    back[A.date] = back[A.date] + pd.Timedelta(days=1)
    assert prepared(back) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f.__setitem__(A.date, f[A.date] + pd.Timedelta(hours=13)),  # a time of day
        lambda f: f.__setitem__(A.year, (f[A.year] + 1).astype("int16")),  # years that disagree with the dates
        lambda f: f.__setitem__(A.date, f[A.date].where(f.index != 0)),  # a missing date
    ],
)
def test_frames_the_codes_cannot_describe_get_none(change) -> None:
    """Times of day, missing dates or a year column that disagrees: no codes, the general path counts."""
    frame = synth.generate(30, seed=5)
    change(frame)
    prepare(frame)
    assert prepared(frame) is None


@pytest.fixture(scope="module")
def synthetic() -> pd.DataFrame:
    """20,000 synthetic activities (the benchmark's generator)."""
    return synth.generate(20_000, seed=11)


@pytest.mark.parametrize(
    "year, as_of",
    [
        (2020, dt.date(2020, 6, 30)),
        (2020, None),
        (2016, dt.date(2016, 2, 29)),
        (2019, dt.date(2019, 2, 28)),
        (2017, dt.date(2017, 1, 1)),
        (2024, dt.date(2024, 12, 30)),
        (2026, None),
    ],
)
def test_kpi_table_with_day_codes_equals_without(synthetic: pd.DataFrame, year: int, as_of: dt.date | None) -> None:
    """The whole table (pace, forecasts, statuses) is the same with day codes as without, leap days included."""
    targets, _ = validate_targets(synth.targets_text())
    coded, plain = _twins(synthetic.copy())
    assert prepared(coded) is not None
    pd.testing.assert_frame_equal(
        kpi_table(coded, targets, year, as_of).to_frame(), kpi_table(plain, targets, year, as_of).to_frame()
    )


def test_day_code_counts_are_taken_for_a_loaded_frame(synthetic: pd.DataFrame, monkeypatch) -> None:
    """With day codes the table is counted from them: dates are not compared row by row."""
    coded, _ = _twins(synthetic.copy())
    monkeypatch.setattr(engine, "_same_day_keep", None)
    monkeypatch.setattr(engine, "_on_or_before", None)
    targets, _ = validate_targets(synth.targets_text())
    assert kpi_table(coded, targets, 2020, dt.date(2020, 6, 30)).row("missions").realized > 0


@SETTINGS
@given(frames(), st.dates(dt.date(2013, 1, 1), dt.date(2023, 12, 31)))
def test_counts_up_to_a_day_equal_counting_from_dates(frame: pd.DataFrame, as_of: dt.date) -> None:
    """On random date grids the counts up to as_of, and up to its calendar day per year, equal the general path."""
    coded, plain = _twins(frame)
    assert (prepared(coded) is not None) == (len(frame) > 0)
    pd.testing.assert_frame_equal(
        realized_by_year_up_to(coded, as_of, YEARS), realized_by_year_up_to(plain, as_of, YEARS)
    )
    pd.testing.assert_frame_equal(
        realized_by_year_to_day(coded, as_of, list(YEARS)), realized_by_year_to_day(plain, as_of, list(YEARS))
    )


def test_sums_skip_zero_rows_yet_count_every_row() -> None:
    """Hand-made frame: zeros and a missing type add nothing; counts and sums by the day as worked out by hand."""
    frame = pd.DataFrame(
        {
            A.date: pd.to_datetime(["2019-02-28", "2019-03-01", "2020-02-29", "2020-03-01", "2020-01-05"]),
            A.activity_type: pd.Categorical(
                ["mission", "mission", "mission", "info_meeting", None], categories=["info_meeting", "mission"]
            ),
            A.companies: np.array([3, 0, 5, 7, 100], dtype=np.int64),
            A.matchmaking_meetings: np.array([0, 4, 2, 1, 100], dtype=np.int64),
        }
    )
    frame[A.year] = frame[A.date].dt.year.astype("int16")
    prepare(frame)
    assert prepared(frame) is not None
    upto = realized_by_year_up_to(frame, dt.date(2020, 2, 29), [2019, 2020])
    assert upto.loc[2019, "missions"] == 2 and upto.loc[2019, "mission_companies"] == 3
    assert upto.loc[2019, "matchmaking_meetings"] == 4 and upto.loc[2020, "missions"] == 1
    assert upto.loc[2020, "mission_companies"] == 5 and upto.loc[2020, "matchmaking_meetings"] == 2
    assert upto.loc[2020, "info_meetings"] == 0
    same_day = realized_by_year_to_day(frame, dt.date(2020, 2, 29), [2019, 2020])
    assert same_day.loc[2019, "missions"] == 1 and same_day.loc[2019, "matchmaking_meetings"] == 0


def test_a_kpi_registered_after_loading_is_counted_from_the_dates() -> None:
    """The non-zero rows kept at load cover the sums the registry had then; a new sum falls back, still exact."""
    frame = pd.DataFrame(
        {
            A.date: pd.to_datetime(["2019-01-10", "2019-07-01", "2019-01-20"]),
            A.activity_type: pd.Categorical(["info_meeting", "info_meeting", "mission"]),
            A.companies: np.array([6, 9, 2], dtype=np.int64),
            A.matchmaking_meetings: np.array([0, 0, 0], dtype=np.int64),
        }
    )
    frame[A.year] = frame[A.date].dt.year.astype("int16")
    prepare(frame)
    extra = KPI(
        "meeting_companies",
        {"nl": "Bedrijven bij bijeenkomsten", "en": "Companies at meetings"},
        {"nl": "Bedrijven", "en": "Companies"},
        "info_meeting",
        A.companies,
        "outreach",
        "Companies at information meetings.",
    )
    with KPIS.extended(extra):
        upto = realized_by_year_up_to(frame, dt.date(2019, 6, 30), [2019])
    assert upto.loc[2019, "meeting_companies"] == 6 and upto.loc[2019, "mission_companies"] == 2


@pytest.mark.parametrize("store_location", ["folder"], indirect=True)
def test_a_stored_version_loads_with_day_codes(store_location) -> None:
    """A version loaded from the store carries day codes, and its KPI table equals one counted from the dates."""
    store = open_store(store_location)
    store.seed_demo()
    snapshot = store.load()
    assert prepared(snapshot.activities) is not None
    plain = snapshot.activities.copy()
    as_of = dt.date(2018, 6, 30)
    pd.testing.assert_frame_equal(
        kpi_table(snapshot.activities, snapshot.targets, 2018, as_of).to_frame(),
        kpi_table(plain, snapshot.targets, 2018, as_of).to_frame(),
    )

"""The fast engine and filters equal naive references and keep the KPI invariants, on random and synthetic frames."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi import engine
from kpi.engine import aggregate, kpi_table, realized_by_year, realized_by_year_up_to, totals, up_to
from kpi.filters import FILTER_COLUMNS, ActivityFilter, apply_filter, filter_mask, from_query, to_query
from kpi.registry import KPIS
from kpi.schema import ACTIVITY_TYPES, MISSION
from kpi.schema import Activities as A
from kpi.validate import validate_targets
from tests import synth

KEYS = [k.key for k in KPIS]
BY_COLUMNS = (A.year, A.country, A.theme, A.direction, A.role, A.activity_type)
COUNTRIES = ("CN", "DE", "US", "NL", "BE")
THEMES = ("Agrifood", "3D Printing", "Smart Manufacturing")


def naive_kpis(rows: list[dict]) -> dict[str, int]:
    """Each KPI over plain row dicts, straight from the contract's definitions."""
    out = {}
    for kpi in KPIS:
        chosen = [
            r
            for r in rows
            if not pd.isna(r[A.activity_type])
            and (kpi.activity_type is None or r[A.activity_type] == kpi.activity_type)
        ]
        out[kpi.key] = len(chosen) if kpi.sum_column is None else sum(int(r[kpi.sum_column]) for r in chosen)
    return out


def naive_aggregate(frame: pd.DataFrame, by: list[str]) -> dict[tuple, dict[str, int]]:
    """KPIs per group of `by` values by looping over rows; groups with a missing key or no typed row are left out."""
    groups: dict[tuple, list[dict]] = {}
    for row in frame.to_dict("records"):
        key = tuple(row[c] for c in by)
        if any(pd.isna(v) for v in key) or pd.isna(row[A.activity_type]):
            continue
        groups.setdefault(key, []).append(row)
    return {key: naive_kpis(rows) for key, rows in groups.items()}


def _categorical(draw, values: tuple[str, ...], n: int, missing: bool) -> pd.Categorical:
    """A categorical column with categories in a drawn order, possibly unused ones, possibly missing cells."""
    categories = draw(st.permutations(values))
    pool = list(categories) + ([None] if missing else [])
    cells = draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n))
    return pd.Categorical(cells, categories=categories)


@st.composite
def frames(draw) -> pd.DataFrame:
    """Random typed activity frames: any mix of types, countries, missing cells, years and counts."""
    n = draw(st.integers(0, 40))
    years = draw(st.lists(st.integers(2014, 2022), min_size=n, max_size=n))
    days = draw(st.lists(st.integers(0, 364), min_size=n, max_size=n))
    dates = pd.to_datetime([dt.date(y, 1, 1) + dt.timedelta(days=d) for y, d in zip(years, days)]).astype(
        "datetime64[ns]"
    )
    count = st.lists(st.integers(0, 500), min_size=n, max_size=n)
    frame = pd.DataFrame(
        {
            A.activity_id: pd.array([f"X{i}" for i in range(n)], dtype="string"),
            A.date: dates,
            A.activity_type: _categorical(draw, ACTIVITY_TYPES, n, missing=draw(st.booleans())),
            A.direction: _categorical(draw, ("incoming", "outgoing"), n, missing=True),
            A.role: _categorical(draw, ("lead", "partner"), n, missing=True),
            A.country: _categorical(draw, COUNTRIES, n, missing=draw(st.booleans())),
            A.theme: _categorical(draw, THEMES, n, missing=True),
            A.region: _categorical(draw, ("Bavaria", "Illinois"), n, missing=True),
            A.companies: np.array(draw(count), dtype=np.int64),
            A.matchmaking_meetings: np.array(draw(count), dtype=np.int64),
        }
    )
    frame[A.year] = frame[A.date].dt.year.astype("int16")
    return frame


@st.composite
def selections(draw) -> ActivityFilter:
    """Random filters over the random frames' values (including values that never occur)."""
    lo = draw(st.integers(2013, 2023))
    years = draw(st.none() | st.just((lo, lo + draw(st.integers(0, 3)))))
    pick = lambda values: tuple(draw(st.lists(st.sampled_from(values), max_size=len(values), unique=True)))  # noqa: E731
    return ActivityFilter(
        years=years,
        countries=pick(COUNTRIES + ("JP",)),
        directions=pick(("incoming", "outgoing")),
        roles=pick(("lead", "partner")),
        themes=pick(THEMES),
        regions=pick(("Bavaria", "Ohio")),
        missions_only=draw(st.booleans()),
    )


def _as_dict(result: pd.DataFrame, by: list[str]) -> dict[tuple, dict[str, int]]:
    """An aggregate result as {group key tuple: {kpi: value}}, for comparison with the naive reference."""
    out = {}
    for index, row in result.iterrows():
        key = index if isinstance(index, tuple) else (index,)
        out[tuple(key) if by else ()] = {k: int(row[k]) for k in KEYS}
    return out


def assert_same(result: pd.DataFrame, reference: pd.DataFrame) -> None:
    """Equal frames, and for a MultiIndex the same levels (observed values only) and codes."""
    pd.testing.assert_frame_equal(result, reference)
    if isinstance(reference.index, pd.MultiIndex):
        for ours, theirs in zip(result.index.levels, reference.index.levels):
            pd.testing.assert_index_equal(ours, theirs, exact=True)
        for ours, theirs in zip(result.index.codes, reference.index.codes):
            assert list(ours) == list(theirs)


# The example count comes from the Hypothesis profile: the default 100, or 25 in `make check` (tests/conftest.py).
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(frames(), st.lists(st.sampled_from(BY_COLUMNS[:-1]), max_size=3, unique=True))
def test_aggregate_equals_naive_and_groupby(frame: pd.DataFrame, by: list[str]) -> None:
    """aggregate equals a row-by-row reference in values, and the pandas-groupby path exactly (index, order, dtypes)."""
    result = aggregate(frame, by)
    assert_same(result, engine._aggregate_groupby(frame, by))
    if by:
        assert _as_dict(result, by) == naive_aggregate(frame, by)
    else:
        assert _as_dict(result, by) == {(): naive_kpis(frame.to_dict("records"))}


@SETTINGS
@given(frames(), st.lists(st.sampled_from(BY_COLUMNS[:-1]), max_size=2, unique=True))
def test_fast_path_is_taken_on_typed_frames(frame: pd.DataFrame, by: list[str]) -> None:
    """The bincount path handles typed frames (so the equality above tests it, not only the fallback)."""
    assert (engine._aggregate_codes(frame, by) is not None) == (len(frame) > 0)


@SETTINGS
@given(frames(), selections())
def test_filter_mask_equals_naive(frame: pd.DataFrame, selection: ActivityFilter) -> None:
    """filter_mask equals a per-row check of every part; apply_filter equals boolean indexing with it."""
    expected = []
    for row in frame.to_dict("records"):
        ok = not selection.missions_only or row[A.activity_type] == MISSION
        if selection.years is not None:
            ok &= selection.years[0] <= row[A.year] <= selection.years[1]
        for name, column in FILTER_COLUMNS.items():
            wanted = getattr(selection, name)
            if wanted and column in row:
                ok &= not pd.isna(row[column]) and row[column] in wanted
        expected.append(bool(ok))
    mask = filter_mask(frame, selection)
    assert mask.dtype == bool and mask.tolist() == expected
    pd.testing.assert_frame_equal(apply_filter(frame, selection), frame[np.array(expected, dtype=bool)])


@SETTINGS
@given(frames(), selections())
def test_filters_only_shrink_totals(frame: pd.DataFrame, selection: ActivityFilter) -> None:
    """Every KPI of a filtered frame is at most its value on the whole frame."""
    whole, part = totals(frame), totals(apply_filter(frame, selection))
    assert all(part[k] <= whole[k] for k in KEYS)


@SETTINGS
@given(frames())
def test_groups_add_up_to_totals(frame: pd.DataFrame) -> None:
    """Summed over years equals the totals; summed over countries equals the totals of rows with a country."""
    whole = totals(frame)
    by_year = aggregate(frame, [A.year])
    assert {k: int(by_year[k].sum()) for k in KEYS} == whole
    with_country = totals(frame[frame[A.country].notna()])
    by_country = aggregate(frame, [A.country])
    assert {k: int(by_country[k].sum()) for k in KEYS} == with_country


@SETTINGS
@given(frames(), st.dates(dt.date(2013, 6, 1), dt.date(2023, 6, 1)), st.data())
def test_realized_up_to_equals_filter_then_count(frame: pd.DataFrame, as_of: dt.date, data) -> None:
    """realized_by_year_up_to (no copy) equals realized_by_year over up_to, and up_to equals a plain date filter."""
    if len(frame):  # some times of day and missing dates, which a typed file never has but a frame may
        hours = data.draw(st.lists(st.sampled_from([0, 0, 13, None]), min_size=len(frame), max_size=len(frame)))
        shift = pd.to_timedelta([h if h is not None else 0 for h in hours], unit="h")
        frame[A.date] = (frame[A.date] + shift).where([h is not None for h in hours])
        frame[A.date] = frame[A.date].astype(data.draw(st.sampled_from(["datetime64[ns]", "datetime64[s]"])))
    years = range(2015, 2021)
    expected = realized_by_year(frame[frame[A.date] <= pd.Timestamp(as_of)], years)
    pd.testing.assert_frame_equal(realized_by_year(up_to(frame, as_of), years), expected)
    pd.testing.assert_frame_equal(realized_by_year_up_to(frame, as_of, years), expected)


def test_untyped_frame_uses_groupby_path() -> None:
    """A frame with plain text columns (not categorical) still aggregates, through the groupby path."""
    frame = pd.DataFrame(
        {
            A.activity_type: ["mission", "service", "mission"],
            A.year: [2018, 2018, 2019],
            A.companies: [3, 0, 4],
            A.matchmaking_meetings: [5, 1, 0],
        }
    )
    assert engine._aggregate_codes(frame, [A.year]) is None
    result = aggregate(frame, [A.year])
    assert result.loc[2018, "missions"] == 1 and result.loc[2019, "mission_companies"] == 4
    assert result.loc[2018, "matchmaking_meetings"] == 6 and result.loc[2018, "services"] == 1


@pytest.fixture(scope="module")
def synthetic() -> pd.DataFrame:
    """20,000 synthetic activities (the benchmark's generator)."""
    return synth.generate(20_000, seed=7)


@pytest.mark.parametrize("by", [[], [A.year], [A.year, A.country, A.theme], [A.region, A.city], [A.direction, A.role]])
def test_synthetic_aggregate_equals_groupby(synthetic: pd.DataFrame, by: list[str]) -> None:
    """On the synthetic frame the fast path equals the pandas-groupby path exactly."""
    assert_same(aggregate(synthetic, by), engine._aggregate_groupby(synthetic, by))


@pytest.mark.parametrize("year, as_of", [(2018, None), (2020, dt.date(2020, 5, 17)), (2024, None), (2026, None)])
def test_synthetic_kpi_table_equals_groupby_path(
    synthetic: pd.DataFrame, monkeypatch, year: int, as_of: dt.date | None
) -> None:
    """kpi_table is the same with the fast path switched off (groupby over a filtered copy)."""
    targets, _ = validate_targets(synth.targets_text())
    fast = kpi_table(synthetic, targets, year, as_of).to_frame()
    monkeypatch.setattr(engine, "_aggregate_codes", lambda *args, **kwargs: None)
    monkeypatch.setattr(engine, "_by_year_and_to_day", lambda *args, **kwargs: None)
    pd.testing.assert_frame_equal(fast, kpi_table(synthetic, targets, year, as_of).to_frame())


@pytest.mark.parametrize("year, as_of", [(2020, None), (2019, dt.date(2019, 8, 31))])
def test_synthetic_kpi_table_realized_equals_naive(synthetic: pd.DataFrame, year: int, as_of: dt.date | None) -> None:
    """The table's realised and cumulative columns equal row-by-row sums over the plan's years up to as_of."""
    targets, _ = validate_targets(synth.targets_text())
    table = kpi_table(synthetic, targets, year, as_of).to_frame().set_index("kpi")
    limit = pd.Timestamp(as_of or dt.date(year, 12, 31))
    rows = [r for r in synthetic.to_dict("records") if r[A.date] <= limit]
    assert table["realized"].to_dict() == naive_kpis([r for r in rows if r[A.year] == year])
    assert table["realized_cumulative"].to_dict() == naive_kpis([r for r in rows if 2017 <= r[A.year] <= year])


@SETTINGS
@given(selections())
def test_filter_url_round_trip(selection: ActivityFilter) -> None:
    """kpi.filters keeps its URL conversion: to_query then from_query gives the same filter back."""
    assert from_query(to_query(selection), missions_only=selection.missions_only) == selection


@pytest.mark.parametrize("by", [[], [A.year], [A.year, A.country, A.theme]])
def test_chunked_passes_equal_one_pass(synthetic: pd.DataFrame, monkeypatch, by: list[str]) -> None:
    """Counting in many small row chunks (as on large frames) gives the same result as the groupby path."""
    monkeypatch.setattr(engine, "_CHUNK", 777)
    assert_same(aggregate(synthetic, by), engine._aggregate_groupby(synthetic, by))
    as_of = dt.date(2019, 5, 31)
    expected = realized_by_year(synthetic[synthetic[A.date] <= pd.Timestamp(as_of)], range(2015, 2021))
    pd.testing.assert_frame_equal(realized_by_year_up_to(synthetic, as_of, range(2015, 2021)), expected)

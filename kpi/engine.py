"""The KPI engine: realised values per group and the report's KPI table."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kpi import pace as pc
from kpi import targets as tg
from kpi.day_codes import DayCodes, day_code, prepared, sum_types
from kpi.filters import apply_filter, filter_mask
from kpi.i18n import DEFAULT_LANG
from kpi.registry import KPI, KPIS
from kpi.schema import Activities as A

_ROWS = "_rows"


def aggregate(activities: pd.DataFrame, by: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """Every KPI's realised value per group of `by` columns (one row, index 0, when `by` is empty)."""
    fast = _aggregate_codes(activities, list(by))
    return fast if fast is not None else _aggregate_groupby(activities, list(by))


def _aggregate_groupby(activities: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """`aggregate` via pandas groupby: the general path for frames the fast path does not handle."""
    out = _groupby_values(activities, by, [k for k in KPIS if k.where is None])
    for kpi in KPIS:
        if kpi.where is not None:
            out |= _groupby_values(apply_filter(activities, kpi.where), by, [kpi])
    frame = pd.DataFrame(out).fillna(0).astype("int64")
    return frame[[k.key for k in KPIS]]


def _groupby_values(activities: pd.DataFrame, by: list[str], kpis: list[KPI]) -> dict[str, pd.Series]:
    """Each of `kpis` per group of `by` (one value when `by` is empty), via pandas groupby."""
    keys = by + [A.activity_type]
    sums = [A.companies, A.matchmaking_meetings]
    grouped = activities.groupby(keys, observed=True, sort=True)
    base = grouped[sums].sum()
    base[_ROWS] = grouped.size()
    types = base.index.get_level_values(A.activity_type)
    out = {}
    for kpi in kpis:
        values = base[_ROWS if kpi.sum_column is None else kpi.sum_column]
        if kpi.activity_type is not None:
            values = values[types == kpi.activity_type]
        out[kpi.key] = values.groupby(level=by, observed=True).sum() if by else pd.Series([values.sum()])
    return out


# Largest number of (group x activity type) cells the fast path counts in one array.
_MAX_CELLS = 1 << 22
# Float64 sums of integers are exact below this (bincount sums weights as float64).
_EXACT_FLOAT = 2.0**53


@dataclass(frozen=True)
class _Codes:
    """A key column as integer codes 0..size-1 (-1 for missing), in the order groupby sorts its values."""

    codes: np.ndarray
    size: int
    column: pd.Series
    first: int = 0  # integer columns: the value of code 0

    def labels(self, codes: np.ndarray) -> pd.Index:
        """The column's values for `codes`, typed as the column is."""
        if isinstance(self.column.dtype, pd.CategoricalDtype):
            return pd.CategoricalIndex(pd.Categorical.from_codes(codes, dtype=self.column.dtype))
        return pd.Index((codes + self.first).astype(self.column.dtype))

    def code(self, value: object) -> int | None:
        """The code of a category, None when it is not one."""
        categories = self.column.array.categories
        return categories.get_loc(value) if value in categories else None


def _codes(column: pd.Series) -> _Codes | None:
    """Integer codes of a categorical or small-range integer column; None when the fast path does not apply."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return _Codes(column.array.codes, len(column.array.categories), column)
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iu" and len(column):
        values = column.to_numpy()
        lo, hi = int(values.min()), int(values.max())
        if hi - lo >= _MAX_CELLS:
            return None
        return _Codes(values - values.dtype.type(lo), hi - lo + 1, column, lo)
    return None


# Rows handled per pass: every temporary array then stays small and in the CPU cache, instead of
# a fresh full-length array (page faults and memory traffic) per step.
_CHUNK = 1 << 17
_Keep = Callable[[slice], np.ndarray]


def _cell_sums(
    activities: pd.DataFrame, by: list[str], keep: _Keep | None, kpis: list[KPI], extra: _Codes | None = None
) -> tuple[list[_Codes], dict[str | None, np.ndarray]] | None:
    """Row counts (key None) and summed columns per (by groups..., activity type) cell, missing keys dropped.

    Each result array has one axis per `by` column (then one for `extra` codes, when given) plus one for
    the activity type. Rows for which `keep` (given a slice of rows) is False count nowhere. None when the
    fast path does not apply.
    """
    if not len(activities) or not activities.columns.is_unique:
        return None
    read = {c: activities[c] for c in dict.fromkeys([*by, A.activity_type])}  # each column looked up once
    if not isinstance(read[A.activity_type].dtype, pd.CategoricalDtype):
        return None
    columns = [_codes(read[c]) for c in by + [A.activity_type]]
    if extra is not None:
        columns.insert(len(by), extra)
    sums = {name: (activities[name], wanted) for name, wanted in sum_types(kpis).items()}
    if any(c is None for c in columns) or any(
        not isinstance(column.dtype, np.dtype) or column.dtype.kind not in "iu" for column, _ in sums.values()
    ):
        return None
    shape = tuple(c.size + 1 for c in columns)  # slot 0 of every axis: missing value (code -1)
    cells = int(np.prod(shape, dtype=np.float64))
    if cells > max(_MAX_CELLS, 2 * len(activities)):
        return None
    types = columns[-1]
    weights = {
        name: (
            column.to_numpy(),
            None if wanted is None else [c for c in (types.code(t) for t in wanted) if c is not None],
        )
        for name, (column, wanted) in sums.items()
    }
    found: dict[str | None, np.ndarray] = {None: np.zeros(cells, dtype=np.int64)}
    found |= {name: np.zeros(cells) for name in weights}
    for start in range(0, len(activities), _CHUNK):
        part = slice(start, start + _CHUNK)
        # np.bincount widens non-intp input much more slowly than astype does.
        key = _cell_keys(columns, shape, part, keep(part) if keep else None).astype(np.intp, copy=False)
        found[None] += np.bincount(key, minlength=cells)
        for name, (values, codes) in weights.items():
            found[name] += _weighted_counts(
                key, values[part], None if codes is None else types.codes[part], codes, cells
            )
    for name in weights:
        if np.abs(found[name]).max(initial=0) >= _EXACT_FLOAT:
            return None
        found[name] = found[name].astype(np.int64)
    inner = (slice(1, None),) * len(shape)
    return columns, {name: array.reshape(shape)[inner] for name, array in found.items()}


def _weighted_counts(
    key: np.ndarray, values: np.ndarray, types: np.ndarray | None, wanted: list[int] | None, cells: int
) -> np.ndarray:
    """Sum of `values` per cell over the rows that can change a needed sum (of a wanted type, or non-zero)."""
    if wanted is None:
        rows = values != 0
    else:
        rows = np.zeros(len(values), dtype=bool)
        for code in wanted:
            rows |= types == code
    if np.count_nonzero(rows) > len(rows) // 2:
        return np.bincount(key, weights=values, minlength=cells)
    rows = np.flatnonzero(rows)
    return np.bincount(key[rows], weights=values[rows], minlength=cells)


def _cell_keys(columns: list[_Codes], shape: tuple[int, ...], part: slice, keep: np.ndarray | None) -> np.ndarray:
    """Each row's flat cell number in an array of `shape` (codes shifted by one; dropped rows in cell 0)."""
    small = np.prod(shape) < np.iinfo(np.int16).max and all(c.codes.dtype.itemsize <= 2 for c in columns)
    key = columns[0].codes[part].astype(np.int16 if small else np.intp)  # a copy: updated in place below
    for column, size in zip(columns[1:], shape[1:]):
        key *= size
        key += column.codes[part]
    key += int(np.ravel_multi_index(tuple(np.ones(len(shape), dtype=np.intp)), shape))
    if keep is not None:
        key *= keep
    return key


def _kpi_arrays(columns: list[_Codes], cells: dict[str | None, np.ndarray], kpis: list[KPI]) -> dict[str, np.ndarray]:
    """Each of `kpis` per group, as arrays with one axis per `by` column."""
    types = columns[-1]
    group_shape = cells[None].shape[:-1]
    values = {}
    for kpi in kpis:
        cell = cells[kpi.sum_column]
        code = None if kpi.activity_type is None else types.code(kpi.activity_type)
        if kpi.activity_type is None:
            values[kpi.key] = cell.sum(axis=-1)
        elif code is not None:
            values[kpi.key] = cell[..., code]
        else:
            values[kpi.key] = np.zeros(group_shape, dtype=np.int64)
    return values


def _present(columns: list[_Codes], cells: dict[str | None, np.ndarray]) -> np.ndarray:
    """Flat positions of the groups that have rows of a type some KPI counts."""
    types = columns[-1]
    if any(k.activity_type is None for k in KPIS):
        rows = cells[None].sum(axis=-1)
    else:
        counted = {types.code(k.activity_type) for k in KPIS} - {None}
        rows = cells[None][..., sorted(counted)].sum(axis=-1)
    return np.flatnonzero(rows.reshape(-1))


def _aggregate_codes(activities: pd.DataFrame, by: list[str], keep: _Keep | None = None) -> pd.DataFrame | None:
    """`aggregate` by counting integer codes (np.bincount); None when the frame needs the general path."""
    found = _cell_sums(activities, by, keep, [k for k in KPIS if k.where is None])
    if found is None:
        return None
    columns, cells = found
    values = _kpi_arrays(columns, cells, [k for k in KPIS if k.where is None])
    for kpi in KPIS:
        if kpi.where is not None:  # a KPI with its own filter: counted again on its rows only
            sub = _cell_sums(activities, by, _both(keep, filter_mask(activities, kpi.where)), [kpi])
            if sub is None:
                return None
            values |= _kpi_arrays(*sub, [kpi])
    table = np.stack([values[k.key].reshape(-1) for k in KPIS], axis=1).astype(np.int64)
    present = _present(columns, cells)
    keys = _kpi_columns(tuple(k.key for k in KPIS)).view()  # its own Index object: a caller may rename it
    if not by:
        return pd.DataFrame(table, columns=keys)
    group_shape = tuple(c.size for c in columns[:-1])
    positions = np.unravel_index(present, group_shape)
    if len(by) == 1:
        index = columns[0].labels(positions[0])
        index.name = by[0]
    else:
        levels, codes = [], []
        for column, position in zip(columns, positions):
            observed = np.unique(position)  # levels hold observed values only, as groupby's do
            levels.append(column.labels(observed))
            codes.append(np.searchsorted(observed, position))
        index = pd.MultiIndex(levels=levels, codes=codes, names=by, verify_integrity=False)
    return pd.DataFrame(table[present], index=index, columns=keys)


@functools.lru_cache(maxsize=8)
def _kpi_columns(keys: tuple[str, ...]) -> pd.Index:
    """The result's column labels, made once per registry state (making an Index costs ~0.1 ms)."""
    return pd.Index(keys)


def _both(keep: _Keep | None, mask: np.ndarray) -> _Keep:
    """Rows kept by `keep` (all when None) that `mask` marks too."""
    if keep is None:
        return lambda part: mask[part]
    return lambda part: keep(part) & mask[part]


def totals(activities: pd.DataFrame) -> dict[str, int]:
    """Every KPI's realised value over the whole frame."""
    return {k: int(v) for k, v in aggregate(activities).iloc[0].items()}


def realized_by_year(activities: pd.DataFrame, years: range | list[int] | None = None) -> pd.DataFrame:
    """Realised KPI values per year (rows: years, columns: KPI keys), zero for years without data."""
    return _by_year(aggregate(activities, [A.year]), years)


def _by_year(frame: pd.DataFrame, years: range | list[int] | None) -> pd.DataFrame:
    if years is not None:
        frame = frame.reindex(list(years), fill_value=0)
    frame.index.name = A.year
    return frame


def _on_or_before(activities: pd.DataFrame, as_of: dt.date) -> _Keep:
    """A function telling, for a slice of rows, which are dated on or before `as_of`."""
    dates = activities[A.date]
    if isinstance(dates.dtype, np.dtype) and dates.dtype.kind == "M":
        values = dates.to_numpy()
        limit = np.datetime64(pd.Timestamp(as_of)).astype(values.dtype).view(np.int64)
        ticks = values.view(np.int64)  # comparing ticks is about twice as fast as comparing datetimes

        def keep(part: slice) -> np.ndarray:
            chosen = ticks[part]
            found = chosen <= limit
            found &= chosen != np.iinfo(np.int64).min  # NaT is the smallest tick but never on or before a date
            return found

        return keep
    mask = (dates <= pd.Timestamp(as_of)).to_numpy(dtype=bool, na_value=False)
    return lambda part: mask[part]


def up_to(activities: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Activities on or before `as_of`."""
    keep = _on_or_before(activities, as_of)(slice(None))
    return activities if keep.all() else activities[keep]


def realized_by_year_up_to(
    activities: pd.DataFrame, as_of: dt.date, years: range | list[int] | None = None
) -> pd.DataFrame:
    """`realized_by_year(up_to(activities, as_of), years)` without copying the rows."""
    both = _by_day_code(activities, as_of) if years is not None else None  # without years: only those counted
    if both is not None:
        return _by_year(both[0], years)
    fast = _aggregate_codes(activities, [A.year], _on_or_before(activities, as_of))
    return realized_by_year(up_to(activities, as_of), years) if fast is None else _by_year(fast, years)


# Today's columns first (the report, exports and board pack read them), then the progress columns.
TABLE_COLUMNS: tuple[str, ...] = (
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
    "pace",
    "pace_share",
    "annual_expected",
    "expected_gap",
    "forecast_year_end",
    "forecast_year_end_low",
    "forecast_year_end_high",
    "needed",
    "needed_period",
    "days_left",
    "forecast_plan_end",
    "forecast_plan_end_low",
    "forecast_plan_end_high",
    "plan_needed",
    "plan_needed_period",
    "plan_days_left",
    "reference_date",
    "realized_at_reference",
    "change_since_reference",
    "annual_status_at_reference",
    "data_through",
    "forecast_as_of",
    "data_imported",
)


@dataclass(frozen=True)
class Reference:
    """An earlier as-of date to compare with, optionally on other data: the version a board pack was built from."""

    as_of: dt.date
    activities: pd.DataFrame | None = field(default=None, repr=False, compare=False)  # None: the same data
    targets: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    version: int | None = None  # the data version compared with (None: the same data)
    pack: int | None = None  # the recorded board pack's number, when it is one


@dataclass(frozen=True)
class Change:
    """A KPI's realised value at an earlier as-of date and the difference since."""

    reference: dt.date
    realized: int  # this year's realised value at the reference date
    cumulative: int | None
    status: str  # the annual status then
    difference: int


@dataclass(frozen=True)
class KPIRow:
    """One KPI of the table: realised, targets, expected values, pace, forecasts and statuses."""

    kpi: KPI
    label: str
    plan: tg.Plan | None
    plan_target: tg.Target
    annual: tg.Plan | None
    annual_target: tg.Target
    realized: int
    cumulative: int | None  # None without a multi-year plan
    pace: pc.Pace
    annual_expected: float | None  # the annual minimum times the pace share
    annual_status: str
    plan_share: float
    plan_expected: float | None
    plan_status: str
    forecast: pc.Forecast  # at the year end
    plan_forecast: pc.Forecast | None  # at the plan's end
    needed: pc.Needed | None  # to reach the annual minimum (None without a target or once the year has ended)
    plan_needed: pc.Needed | None  # to reach the plan minimum
    year: int  # the table's year
    as_of: dt.date  # the table's as-of date
    change: Change | None = None

    @property
    def year_running(self) -> bool:
        """Whether the year still runs after the as-of date: the one answer every view, the pack and the CLI ask."""
        return pc.running(self.as_of, self.year)

    @property
    def plan_running(self) -> bool:
        """Whether the multi-year plan still runs after the as-of date (its forecast is shown until it ends)."""
        return self.plan is not None and pc.running(self.as_of, self.plan.end_year)

    @property
    def key(self) -> str:
        """The KPI's key."""
        return self.kpi.key

    @property
    def annual_gap(self) -> int | None:
        """Realised minus the annual minimum (None without a target)."""
        return self.realized - self.annual_target.min if self.annual_target.defined else None

    @property
    def expected_gap(self) -> int | None:
        """Realised minus the value expected by now, rounded (None without a target)."""
        return None if self.annual_expected is None else round(self.realized - self.annual_expected)

    def record(self) -> tuple:
        """The row's values in TABLE_COLUMNS order."""
        plan, change = self.plan_forecast, self.change
        return (
            self.key,
            self.label,
            self.plan.label if self.plan else None,
            self.plan_target.min,
            self.plan_target.upper,
            self.annual.label if self.annual else None,
            self.annual_target.min,
            self.annual_target.upper,
            self.realized,
            self.cumulative,
            self.annual_gap,
            self.annual_status,
            self.plan_expected,
            self.plan_status,
            self.pace.method.value,
            round(self.pace.share, 4),
            self.annual_expected,
            self.expected_gap,
            self.forecast.value,
            self.forecast.low,
            self.forecast.high,
            *_needed_cells(self.needed),
            plan.value if plan else None,
            plan.low if plan else None,
            plan.high if plan else None,
            *_needed_cells(self.plan_needed),
            change.reference.isoformat() if change else None,
            change.realized if change else None,
            change.difference if change else None,
            change.status if change else None,
        )


def _needed_cells(needed: pc.Needed | None) -> tuple[int | None, str | None, int | None]:
    """The table's (needed, needed_period, days_left) of a `pc.Needed`: the amount, what it is counted over, days."""
    if needed is None:
        return None, None, None
    return needed.amount, needed.period.value if needed.period else None, needed.days


_TABLE_DTYPES = {
    c: "Int64"
    for c in (
        "plan_target_min",
        "plan_target_max",
        "annual_target_min",
        "annual_target_max",
        "realized",
        "realized_cumulative",
        "annual_gap",
        "expected_gap",
        "forecast_year_end",
        "forecast_year_end_low",
        "forecast_year_end_high",
        "needed",
        "days_left",
        "forecast_plan_end",
        "forecast_plan_end_low",
        "forecast_plan_end_high",
        "plan_needed",
        "plan_days_left",
        "realized_at_reference",
        "change_since_reference",
    )
} | {"plan_expected": "Float64", "annual_expected": "Float64", "pace_share": "Float64"}


@dataclass(frozen=True)
class KPITable:
    """The KPI table of a year at an as-of date: typed rows (iterated, counted, `row(key)`), plus `to_frame()`
    for exports and anything that wants a frame."""

    year: int
    as_of: dt.date
    lang: str
    plan: tg.Plan | None
    annual: tg.Plan | None
    rows: tuple[KPIRow, ...]
    reference: dt.date | None = None
    reference_version: int | None = None  # the data version of the reference, when it is another version
    data_through: dt.date | None = None  # the data's own end date: its latest activity
    forecast_as_of: dt.date | None = None  # the date the forecasts are made at: as_of, or data_through after it
    imported: str | None = None  # the time of the latest import (ISO, from the store), when known

    @property
    def projected(self) -> bool:
        """Whether the forecasts are projected from the pace up to the data's end date (the as-of date is after it)."""
        return self.forecast_as_of is not None and self.forecast_as_of < self.as_of

    @property
    def since_pack(self) -> bool:
        """Whether the reference is a board pack's (only `kpi.reference.from_pack` gives it a data version)."""
        return self.reference_version is not None

    def to_frame(self) -> pd.DataFrame:
        """One row per KPI with TABLE_COLUMNS, typed (Int64/Float64 with NA where undefined)."""
        cached = self.__dict__.get("_frame")
        if cached is None:
            about = (
                self.data_through.isoformat() if self.data_through else None,
                self.forecast_as_of.isoformat() if self.forecast_as_of else None,
                self.imported,
            )
            records = [row.record() + about for row in self.rows]
            columns = {}
            for n, name in enumerate(TABLE_COLUMNS):
                values = [r[n] for r in records]
                dtype = _TABLE_DTYPES.get(name)
                columns[name] = pd.array(values, dtype=dtype) if dtype else values
            cached = pd.DataFrame(columns, columns=list(TABLE_COLUMNS))
            object.__setattr__(self, "_frame", cached)
        return cached.copy()

    def row(self, key: str) -> KPIRow:
        """The row of KPI `key` (KeyError if absent)."""
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def rows_of(table: KPITable | pd.DataFrame | Sequence[KPIRow]) -> list[KPIRow]:
    """The typed rows of a table (a KPITable or a sequence of rows)."""
    if isinstance(table, KPITable):
        return list(table.rows)
    if isinstance(table, pd.DataFrame):
        raise TypeError("a frame has no typed rows; pass the KPITable from kpi_table")
    return list(table)


def first_complete_year(activities: pd.DataFrame) -> int | None:
    """The first year the data covers from January (a year the data starts in later is not complete)."""
    if not len(activities):
        return None
    codes = prepared(activities)
    if codes is not None:
        return codes.first_complete
    dates = activities[A.date]
    first = None
    if isinstance(dates.dtype, np.dtype) and dates.dtype.kind == "M":
        ticks = dates.to_numpy().view(np.int64)
        smallest = ticks.min()
        if smallest != np.iinfo(np.int64).min:  # NaT is the smallest tick: then ask pandas, which skips it
            first = pd.Timestamp(np.datetime64(int(smallest), np.datetime_data(dates.dtype)[0]))
    if first is None:
        first = pd.Timestamp(dates.min())
    if pd.isna(first):
        return None
    return first.year if first.month == 1 else first.year + 1


def _same_day_keep(activities: pd.DataFrame, as_of: dt.date, years: list[int]) -> _Keep:
    """Rows of `years` dated on or before `as_of`'s calendar day in their own year."""
    year_values = activities[A.year].to_numpy()
    dates = activities[A.date]
    if isinstance(dates.dtype, np.dtype) and dates.dtype.kind == "M":
        ticks = dates.to_numpy().astype("datetime64[ns]", copy=False).view(np.int64)
    else:
        ticks = pd.to_datetime(dates).to_numpy().astype("datetime64[ns]").view(np.int64)
    first = int(year_values.min()) if len(year_values) else 0
    last = int(year_values.max()) if len(year_values) else 0
    # One bound per year of the data: the tick just after the as-of day in that year, or the smallest tick
    # (nothing, not even a missing date, is below it) for the years not asked for.
    bounds = np.full(last - first + 1, np.iinfo(np.int64).min, dtype=np.int64)
    for year in years:
        if first <= year <= last:
            bounds[year - first] = pd.Timestamp(pc.same_day(as_of, year)).value + 1

    def keep(part: slice) -> np.ndarray:
        return ticks[part] < bounds[year_values[part] - first]

    return keep


def _by_year_and_to_day(
    activities: pd.DataFrame, as_of: dt.date, years: range, history: list[int]
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """In one counting pass: KPI values per year up to `as_of`, and per `history` year up to the as-of day.

    None when the fast path does not apply (the caller then counts twice).
    """
    if any(k.where is not None for k in KPIS) or not len(activities):
        return None
    both = _by_day_code(activities, as_of)
    if both is not None:
        return _by_year(both[0], years), _by_year(both[1], history)
    same_day = _same_day_keep(activities, as_of, history)
    flag = np.empty(len(activities), dtype=np.int8)
    for start in range(0, len(activities), _CHUNK):
        part = slice(start, start + _CHUNK)
        flag[part] = same_day(part)
    found = _cell_sums(activities, [A.year], _on_or_before(activities, as_of), list(KPIS), extra=_Codes(flag, 2, None))  # type: ignore[arg-type]
    if found is None:
        return None
    columns, cells = found
    values = _kpi_arrays(columns, cells, list(KPIS))
    index = columns[0].labels(np.arange(columns[0].size))
    total = pd.DataFrame({k: v.sum(axis=1) for k, v in values.items()}, index=index)
    to_day = pd.DataFrame({k: v[:, 1] for k, v in values.items()}, index=index)
    return _by_year(total, years), _by_year(to_day, history)


def _by_day_code(activities: pd.DataFrame, as_of: dt.date) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """From the day codes of a loaded version, in one pass: KPI values per year up to `as_of`, and per year up
    to `as_of`'s calendar day. None without day codes (or with a KPI that has its own filter)."""
    codes = prepared(activities)
    if codes is None or any(k.where is not None for k in KPIS):
        return None
    cells = _day_cell_sums(activities, codes, day_code(as_of))
    if cells is None:
        return None
    types = _codes(activities[A.activity_type])
    values = _kpi_arrays([types], cells, list(KPIS))  # type: ignore[list-item]
    year = np.arange(codes.first_year, codes.first_year + codes.years)
    index = pd.Index(year.astype(activities[A.year].dtype))
    # Up to as_of: whole earlier years, as_of's own year up to its day, nothing after.
    total = {
        k: np.where(year < as_of.year, v.sum(axis=1), np.where(year == as_of.year, v[:, 1], 0))
        for k, v in values.items()
    }
    return pd.DataFrame(total, index=index), pd.DataFrame({k: v[:, 1] for k, v in values.items()}, index=index)


def _day_cell_sums(activities: pd.DataFrame, codes: DayCodes, limit: int) -> dict[str | None, np.ndarray] | None:
    """Row counts (key None) and summed columns per (year, day code <= `limit`, type) cell, missing types dropped."""
    sums = sum_types(list(KPIS))
    if any(name not in codes.sums for name in sums):
        return None
    types = _codes(activities[A.activity_type])
    shape = (codes.years, 2, codes.type_slots)
    counts = np.zeros(codes.cells, dtype=np.int64)
    keys = np.empty(len(codes.cell), dtype=codes.cell.dtype)  # every row's cell, for the sums after
    step = codes.cell.dtype.type(codes.type_slots)
    for start in range(0, len(keys), _CHUNK):
        part = slice(start, start + _CHUNK)
        key = keys[part]
        np.multiply(codes.day[part] <= limit, step, out=key)
        key += codes.cell[part]
        counts += np.bincount(key.astype(np.intp), minlength=codes.cells)
    found: dict[str | None, np.ndarray] = {None: counts}
    for name, wanted in sums.items():
        rows = codes.sums[name]
        wanted_codes = None if wanted is None else [c for c in (types.code(t) for t in wanted) if c is not None]  # type: ignore[union-attr]
        parts = rows.of_types(wanted_codes)
        if parts is None:  # a KPI added since the version was loaded sums other types
            return None
        total = np.zeros(codes.cells)
        for part in parts:
            total += np.bincount(keys[rows.rows[part]], weights=rows.values[part], minlength=codes.cells)
        if np.abs(total).max(initial=0) >= _EXACT_FLOAT:
            return None
        found[name] = total.astype(np.int64)
    return {name: array.reshape(shape)[..., 1:] for name, array in found.items()}


def realized_by_year_to_day(activities: pd.DataFrame, as_of: dt.date, years: list[int]) -> pd.DataFrame:
    """Realised KPI values per year, each year counted up to `as_of`'s calendar day (like with like)."""
    both = _by_day_code(activities, as_of)
    if both is not None:
        return _by_year(both[1], years)
    return _counts_by_year(activities, _same_day_keep(activities, as_of, list(years)), list(years))


def _counts_by_year(activities: pd.DataFrame, keep: _Keep, years: list[int]) -> pd.DataFrame:
    """KPI values per year for the rows `keep` marks, zero for years without them."""
    fast = _aggregate_codes(activities, [A.year], keep)
    if fast is None:
        mask = keep(slice(None)) if len(activities) else np.zeros(0, dtype=bool)
        fast = aggregate(activities[mask], [A.year]) if mask.any() else pd.DataFrame(columns=[k.key for k in KPIS])
    return _by_year(fast, years)


def kpi_table(
    activities: pd.DataFrame,
    targets: pd.DataFrame,
    year: int,
    as_of: dt.date | None = None,
    lang: str = DEFAULT_LANG,
    reference: dt.date | Reference | None = None,
    imported: str | None = None,
) -> KPITable:
    """The report's KPI table for `year` at `as_of` (default 31 Dec), one typed row per KPI in registry order.

    The plans are worked out once; expected values use the team's own pace (kpi.pace); with a
    `reference` date each row also holds its change since then. A `Reference` carrying its own activities and
    targets (an older version's, as a board pack showed them) is computed from those instead.
    After the data's own end date (`data_through`, its latest activity) the forecasts are the ones made at that
    date: projected from the pace up to it, never as if nothing happened since. `imported` is the time of the
    latest import, when the caller knows it (the store's).
    """
    if not isinstance(reference, Reference) and reference is not None:
        reference = Reference(reference)
    as_of = as_of or tg.end_of_year(year)
    codes = prepared(activities)  # a loaded version's: its dates' facts are known
    through = codes.through if codes is not None else data_through(activities)
    basis = (
        kpi_table(activities, targets, through.year, through, lang)
        if through is not None and through < as_of and through.year <= year
        else None
    )
    plan = tg.covering_plan(targets, year, multi_year=True)
    annual = tg.covering_plan(targets, year, multi_year=False)
    complete = codes.first_complete if codes is not None else first_complete_year(activities)
    history = pc.history_years(year, complete) if as_of.year == year else []
    first = min([plan.start_year if plan else year, *history])
    year_end = not pc.running(as_of, year)  # every share is 1: no need to count up to the day
    both = _by_year_and_to_day(activities, as_of, range(first, year + 1), history) if history and not year_end else None
    if both is not None:
        by_year, to_day = both
    else:
        by_year = realized_by_year_up_to(activities, as_of, range(first, year + 1))
        to_day = (
            _counts_by_year(activities, _same_day_keep(activities, as_of, history), history)
            if history and not year_end
            else None
        )
    lookup = tg.targets_by_plan(targets)
    then = (
        kpi_table(
            activities if reference.activities is None else reference.activities,
            targets if reference.targets is None else reference.targets,
            year,
            reference.as_of,
            lang,
        )
        if reference is not None
        else None
    )
    rows = []
    counts = {y: dict(zip(by_year.columns, map(int, row))) for y, row in zip(by_year.index, by_year.to_numpy())}
    done_by_year = (
        {y: dict(zip(to_day.columns, map(int, row))) for y, row in zip(to_day.index, to_day.to_numpy())}
        if to_day is not None
        else {}
    )
    for kpi in KPIS:
        realized = counts[year][kpi.key]
        cumulative = sum(counts[y][kpi.key] for y in range(plan.start_year, year + 1)) if plan else None
        volume = {y: counts[y][kpi.key] for y in history}
        done = {y: done_by_year[y][kpi.key] for y in history} if done_by_year else {}
        pace = pc.pace(as_of, year, done, volume)
        plan_target = tg.target_for(lookup, plan, kpi.key)
        annual_target = tg.target_for(lookup, annual, kpi.key)
        plan_share = _plan_share(plan, year, as_of, pace.share)
        if basis is None:
            forecast = pc.year_forecast(realized, pace)
            plan_forecast = (
                pc.plan_forecast(cumulative, realized, forecast, plan.end_year - year)
                if plan and cumulative is not None
                else None
            )
        else:
            forecast, plan_forecast = _projected(basis.row(kpi.key), year, plan, cumulative)
        year_running = pc.running(as_of, year)
        annual_status = tg.status(realized, annual_target, pace.share, year_running, forecast.high)
        change = None
        if then is not None:
            before = then.row(kpi.key)
            change = Change(
                reference.as_of,  # type: ignore[union-attr]
                before.realized,
                before.cumulative,
                before.annual_status,
                realized - before.realized,
            )
        rows.append(
            KPIRow(
                kpi=kpi,
                label=kpi.label(lang),
                plan=plan,
                plan_target=plan_target,
                annual=annual,
                annual_target=annual_target,
                realized=realized,
                cumulative=cumulative,
                pace=pace,
                annual_expected=pc.expected(annual_target.min, pace.share),
                annual_status=annual_status,
                plan_share=plan_share,
                plan_expected=tg.expected(plan_target, plan_share),
                plan_status=(
                    tg.status(
                        cumulative,
                        plan_target,
                        plan_share,
                        pc.running(as_of, plan.end_year),
                        plan_forecast.high if plan_forecast else None,
                    )
                    if plan and cumulative is not None
                    else "no_target"
                ),
                forecast=forecast,
                plan_forecast=plan_forecast,
                needed=pc.needed(annual_target.min, realized, as_of, year),
                plan_needed=pc.needed(plan_target.min, cumulative, as_of, plan.end_year) if plan else None,
                year=year,
                as_of=as_of,
                change=change,
            )
        )
    return KPITable(
        year,
        as_of,
        lang,
        plan,
        annual,
        tuple(rows),
        reference.as_of if reference is not None else None,
        reference.version if reference is not None else None,
        data_through=through,
        forecast_as_of=through if basis is not None else as_of,
        imported=imported,
    )


def data_through(activities: pd.DataFrame) -> dt.date | None:
    """The data's own end date: the date of its latest activity (None without any dated activity)."""
    if not len(activities):
        return None
    codes = prepared(activities)
    if codes is not None:
        return codes.through
    dates = activities[A.date]
    if isinstance(dates.dtype, np.dtype) and dates.dtype.kind == "M":
        ticks = dates.to_numpy().view(np.int64)  # NaT is the smallest tick; a plain max is several times faster
        latest = ticks.max()
        return (
            None
            if latest == np.iinfo(np.int64).min
            else pd.Timestamp(latest, unit=np.datetime_data(dates.dtype)[0]).date()
        )
    latest = dates.max()
    return None if pd.isna(latest) else pd.Timestamp(latest).date()


def _projected(
    basis: KPIRow, year: int, plan: tg.Plan | None, cumulative: int | None
) -> tuple[pc.Forecast, pc.Forecast | None]:
    """The year-end and plan-end forecasts of `year` as made at the data's end date (`basis`: that date's row).

    In the data's last year they are that row's own; in a later year (no activities yet) that year goes at the
    rate forecast for the data's last year, and so does every later plan year.
    """
    through = basis.as_of.year
    if through == year:
        return basis.forecast, basis.plan_forecast
    rate = basis.forecast
    if plan is None or cumulative is None:
        return rate, None
    if basis.plan == plan and basis.plan_forecast is not None:
        return rate, basis.plan_forecast
    # The data ends before this plan began: each plan year at the last data year's rate.
    return rate, pc.plan_forecast(cumulative, 0, rate, plan.end_year - max(plan.start_year, through + 1))


def _plan_share(plan: tg.Plan | None, year: int, as_of: dt.date, share: float) -> float:
    """Share of a multi-year plan elapsed: whole earlier years plus the running year's pace share."""
    if plan is None:
        return 0.0
    if as_of.year != year:
        return tg.elapsed_share(plan.start_year, plan.end_year, as_of)
    done = (year - plan.start_year) + share
    return min(1.0, max(0.0, done / (plan.end_year - plan.start_year + 1)))


def table_context(targets: pd.DataFrame, year: int) -> tuple[tg.Plan | None, tg.Plan | None]:
    """The multi-year and annual plans that a year's table refers to."""
    return tg.covering_plan(targets, year, multi_year=True), tg.covering_plan(targets, year, multi_year=False)

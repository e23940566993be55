"""The KPI engine: realised values per group and the report's KPI table."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpi import targets as tg
from kpi.registry import KPIS
from kpi.schema import Activities as A

TABLE_COLUMNS: tuple[str, ...] = (
    "kpi", "label", "plan", "plan_target_min", "plan_target_max", "annual_plan", "annual_target_min",
    "annual_target_max", "realized", "realized_cumulative", "annual_gap", "annual_status", "plan_expected",
    "plan_status",
)
_ROWS = "_rows"


def aggregate(activities: pd.DataFrame, by: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """Every KPI's realised value per group of `by` columns (one row, index 0, when `by` is empty)."""
    fast = _aggregate_codes(activities, list(by))
    return fast if fast is not None else _aggregate_groupby(activities, list(by))


def _aggregate_groupby(activities: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """`aggregate` via pandas groupby: the general path for frames the fast path does not handle."""
    keys = by + [A.activity_type]
    sums = [A.companies, A.matchmaking_meetings]
    grouped = activities.groupby(keys, observed=True, sort=True)
    base = grouped[sums].sum()
    base[_ROWS] = grouped.size()
    types = base.index.get_level_values(A.activity_type)
    out = {}
    for kpi in KPIS:
        values = base[_ROWS if kpi.sum_column is None else kpi.sum_column]
        if kpi.activity_type is not None:
            values = values[types == kpi.activity_type]
        out[kpi.key] = values.groupby(level=by, observed=True).sum() if by else pd.Series([values.sum()])
    frame = pd.DataFrame(out).fillna(0).astype("int64")
    return frame


# Largest number of (group x activity type) cells the fast path counts in one array.
_MAX_CELLS = 1 << 22
# Float64 sums of integers are exact below this (bincount sums weights as float64).
_EXACT_FLOAT = 2.0 ** 53


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


def _cell_sums(activities: pd.DataFrame, by: list[str], keep: _Keep | None = None
               ) -> tuple[list[_Codes], dict[str | None, np.ndarray]] | None:
    """Row counts (key None) and summed columns per (by groups..., activity type) cell, missing keys dropped.

    Each result array has one axis per `by` column plus one for the activity type. Rows for which
    `keep` (given a slice of rows) is False count nowhere. None when the fast path does not apply.
    """
    if not len(activities) or not activities.columns.is_unique:
        return None
    if not isinstance(activities[A.activity_type].dtype, pd.CategoricalDtype):
        return None
    columns = [_codes(activities[c]) for c in by + [A.activity_type]]
    sums = _sum_types()
    if any(c is None for c in columns) or any(
            not isinstance(activities[c].dtype, np.dtype) or activities[c].dtype.kind not in "iu" for c in sums):
        return None
    shape = tuple(c.size + 1 for c in columns)  # slot 0 of every axis: missing value (code -1)
    cells = int(np.prod(shape, dtype=np.float64))
    if cells > max(_MAX_CELLS, 2 * len(activities)):
        return None
    types = columns[-1]
    weights = {name: (activities[name].to_numpy(), None if wanted is None else
                      [c for c in (types.code(t) for t in wanted) if c is not None])
               for name, wanted in sums.items()}
    found: dict[str | None, np.ndarray] = {None: np.zeros(cells, dtype=np.int64)}
    found |= {name: np.zeros(cells) for name in weights}
    for start in range(0, len(activities), _CHUNK):
        part = slice(start, start + _CHUNK)
        # np.bincount widens non-intp input much more slowly than astype does.
        key = _cell_keys(columns, shape, part, keep(part) if keep else None).astype(np.intp, copy=False)
        found[None] += np.bincount(key, minlength=cells)
        for name, (values, codes) in weights.items():
            found[name] += _weighted_counts(key, values[part], None if codes is None else types.codes[part], codes,
                                            cells)
    for name in weights:
        if np.abs(found[name]).max(initial=0) >= _EXACT_FLOAT:
            return None
        found[name] = found[name].astype(np.int64)
    inner = (slice(1, None),) * len(shape)
    return columns, {name: array.reshape(shape)[inner] for name, array in found.items()}


def _weighted_counts(key: np.ndarray, values: np.ndarray, types: np.ndarray | None, wanted: list[int] | None,
                     cells: int) -> np.ndarray:
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


def _sum_types() -> dict[str, frozenset[str] | None]:
    """Each summed column and the activity types whose sums a KPI uses (None: all types)."""
    found: dict[str, frozenset[str] | None] = {}
    for kpi in KPIS:
        if kpi.sum_column is None:
            continue
        if kpi.activity_type is None or (kpi.sum_column in found and found[kpi.sum_column] is None):
            found[kpi.sum_column] = None
        else:
            found[kpi.sum_column] = found.get(kpi.sum_column, frozenset()) | {kpi.activity_type}
    return found


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


def _kpi_values(columns: list[_Codes], cells: dict[str | None, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(KPI values per group as a 2-D array, flat positions of the groups that have rows)."""
    types = columns[-1]
    group_shape = cells[None].shape[:-1]
    values = []
    for kpi in KPIS:
        cell = cells[kpi.sum_column]
        code = None if kpi.activity_type is None else types.code(kpi.activity_type)
        if kpi.activity_type is None:
            values.append(cell.sum(axis=-1))
        elif code is not None:
            values.append(cell[..., code])
        else:
            values.append(np.zeros(group_shape, dtype=np.int64))
    if any(k.activity_type is None for k in KPIS):
        rows = cells[None].sum(axis=-1)
    else:
        counted = {types.code(k.activity_type) for k in KPIS} - {None}
        rows = cells[None][..., sorted(counted)].sum(axis=-1)
    table = np.stack([v.reshape(-1) for v in values], axis=1).astype(np.int64)
    return table, np.flatnonzero(rows.reshape(-1))


def _aggregate_codes(activities: pd.DataFrame, by: list[str], keep: _Keep | None = None
                     ) -> pd.DataFrame | None:
    """`aggregate` by counting integer codes (np.bincount); None when the frame needs the general path."""
    found = _cell_sums(activities, by, keep)
    if found is None:
        return None
    columns, cells = found
    table, present = _kpi_values(columns, cells)
    keys = [k.key for k in KPIS]
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


def realized_by_year_up_to(activities: pd.DataFrame, as_of: dt.date,
                           years: range | list[int] | None = None) -> pd.DataFrame:
    """`realized_by_year(up_to(activities, as_of), years)` without copying the rows."""
    fast = _aggregate_codes(activities, [A.year], _on_or_before(activities, as_of))
    return realized_by_year(up_to(activities, as_of), years) if fast is None else _by_year(fast, years)


def kpi_table(activities: pd.DataFrame, targets: pd.DataFrame, year: int,
              as_of: dt.date | None = None, lang: str = "nl") -> pd.DataFrame:
    """The report's KPI table for `year` at `as_of` (default 31 Dec), one row per KPI in registry order."""
    as_of = as_of or tg.end_of_year(year)
    plan = tg.covering_plan(targets, year, multi_year=True)
    annual = tg.covering_plan(targets, year, multi_year=False)
    first = plan.start_year if plan else year
    by_year = realized_by_year_up_to(activities, as_of, range(first, year + 1)).to_numpy()
    annual_share = tg.elapsed_share(year, year, as_of)
    plan_share = tg.elapsed_share(plan.start_year, plan.end_year, as_of) if plan else 0.0
    lookup = tg.targets_by_plan(targets)
    rows = []
    for position, kpi in enumerate(KPIS):
        realized = int(by_year[-1, position])  # the last row is `year`
        cumulative = int(by_year[:, position].sum()) if plan else None
        plan_target = tg.target_for(lookup, plan, kpi.key)
        annual_target = tg.target_for(lookup, annual, kpi.key)
        rows.append((
            kpi.key, kpi.label(lang), plan.label if plan else None, plan_target.min, plan_target.upper,
            annual.label if annual else None, annual_target.min, annual_target.upper, realized, cumulative,
            realized - annual_target.min if annual_target.defined else None,
            tg.status(realized, annual_target, annual_share), tg.expected(plan_target, plan_share),
            tg.status(cumulative, plan_target, plan_share) if plan else "no_target",
        ))
    # Built column by column in its final type: cheaper than a frame of objects cast afterwards.
    columns = {}
    for name, values in zip(TABLE_COLUMNS, zip(*rows)):
        dtype = _TABLE_DTYPES.get(name)
        columns[name] = pd.array(values, dtype=dtype) if dtype else list(values)
    return pd.DataFrame(columns)


_TABLE_DTYPES = {c: "Int64" for c in ("plan_target_min", "plan_target_max", "annual_target_min", "annual_target_max",
                                     "realized", "realized_cumulative", "annual_gap")} | {"plan_expected": "Float64"}


def table_context(targets: pd.DataFrame, year: int) -> tuple[tg.Plan | None, tg.Plan | None]:
    """The multi-year and annual plans that a year's table refers to."""
    return tg.covering_plan(targets, year, multi_year=True), tg.covering_plan(targets, year, multi_year=False)

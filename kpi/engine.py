"""The KPI engine: realised values per group and the report's KPI table."""
from __future__ import annotations

import datetime as dt

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
    by = list(by)
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


def totals(activities: pd.DataFrame) -> dict[str, int]:
    """Every KPI's realised value over the whole frame."""
    return {k: int(v) for k, v in aggregate(activities).iloc[0].items()}


def realized_by_year(activities: pd.DataFrame, years: range | list[int] | None = None) -> pd.DataFrame:
    """Realised KPI values per year (rows: years, columns: KPI keys), zero for years without data."""
    frame = aggregate(activities, [A.year])
    if years is not None:
        frame = frame.reindex(list(years), fill_value=0)
    frame.index.name = A.year
    return frame


def up_to(activities: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Activities on or before `as_of`."""
    return activities[activities[A.date] <= pd.Timestamp(as_of)]


def kpi_table(activities: pd.DataFrame, targets: pd.DataFrame, year: int,
              as_of: dt.date | None = None, lang: str = "nl") -> pd.DataFrame:
    """The report's KPI table for `year` at `as_of` (default 31 Dec), one row per KPI in registry order."""
    as_of = as_of or tg.end_of_year(year)
    plan = tg.covering_plan(targets, year, multi_year=True)
    annual = tg.covering_plan(targets, year, multi_year=False)
    first = plan.start_year if plan else year
    by_year = realized_by_year(up_to(activities, as_of), range(first, year + 1))
    annual_share = tg.elapsed_share(year, year, as_of)
    plan_share = tg.elapsed_share(plan.start_year, plan.end_year, as_of) if plan else 0.0
    rows = []
    for kpi in KPIS:
        realized = int(by_year.at[year, kpi.key])
        cumulative = int(by_year[kpi.key].sum()) if plan else None
        plan_target = tg.target_for(targets, plan, kpi.key)
        annual_target = tg.target_for(targets, annual, kpi.key)
        rows.append({
            "kpi": kpi.key, "label": kpi.label(lang),
            "plan": plan.label if plan else None,
            "plan_target_min": plan_target.min, "plan_target_max": plan_target.upper,
            "annual_plan": annual.label if annual else None,
            "annual_target_min": annual_target.min, "annual_target_max": annual_target.upper,
            "realized": realized, "realized_cumulative": cumulative,
            "annual_gap": realized - annual_target.min if annual_target.defined else None,
            "annual_status": tg.status(realized, annual_target, annual_share),
            "plan_expected": tg.expected(plan_target, plan_share),
            "plan_status": tg.status(cumulative, plan_target, plan_share) if plan else "no_target",
        })
    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    return frame.astype(_TABLE_DTYPES)


_TABLE_DTYPES = {c: "Int64" for c in ("plan_target_min", "plan_target_max", "annual_target_min", "annual_target_max",
                                     "realized", "realized_cumulative", "annual_gap")} | {"plan_expected": "Float64"}


def table_context(targets: pd.DataFrame, year: int) -> tuple[tg.Plan | None, tg.Plan | None]:
    """The multi-year and annual plans that a year's table refers to."""
    return tg.covering_plan(targets, year, multi_year=True), tg.covering_plan(targets, year, multi_year=False)

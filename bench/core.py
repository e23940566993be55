"""Benchmark part 'core': Parquet load, KPI table and a filtered breakdown, pandas engine vs DuckDB and Polars.

Sizes default to 100k, 1M and 10M rows; set BENCH_SIZES=100000,1000000 for a quicker run.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

from kpi import targets as tg
from kpi.engine import aggregate, kpi_table, realized_by_year_up_to
from kpi.filters import ActivityFilter, apply_filter
from kpi.parquet_io import read_frame
from kpi.registry import KPIS
from kpi.schema import MISSION
from kpi.schema import Activities as A
from kpi.validate import validate_targets
from tests import synth

SIZES: tuple[int, ...] = (100_000, 1_000_000, 10_000_000)
RUNS, WARMUP, LOAD_RUNS = 7, 1, 3
TABLE_YEAR = 2020  # a finished plan year inside the synthetic range, so the as-of filter really filters
MID_YEAR = dt.date(TABLE_YEAR, 6, 30)  # a running year: the team's pace from earlier years, forecasts
BREAKDOWN = ActivityFilter(years=(2017, 2018), countries=("CN", "DE", "US"), missions_only=True)
BREAKDOWN_BY: tuple[str, ...] = (A.year, A.country, A.theme)
TARGET_RATIO, TARGET_10M_MS = 1.5, 100.0
# Measured steps and their README labels; DuckDB and Polars run the same counting query for both table steps.
STEPS: tuple[tuple[str, str], ...] = (
    ("table", f"KPI table {TABLE_YEAR} (kpi_table)"),
    ("table_mid", f"KPI table {MID_YEAR:%d %b %Y}: pace, expected, forecasts (kpi_table)"),
    ("counting", "KPI table, counting only (realized_by_year_up_to)"),
    ("breakdown", "filtered breakdown: rows found, all columns taken, counted (apply_filter + aggregate)"),
)


@dataclass
class Timing:
    """Wall-clock seconds of repeated runs."""

    runs: list[float]

    @property
    def median(self) -> float:
        """Median seconds."""
        return statistics.median(self.runs)

    def text(self) -> str:
        """`median ms (min-max)`."""
        return f"{self.median * 1e3:9.1f} ms ({min(self.runs) * 1e3:.1f}-{max(self.runs) * 1e3:.1f})"


def measure(fn: Callable[[], object], runs: int = RUNS, warmup: int = WARMUP) -> tuple[Timing, object]:
    """Time `fn` `runs` times after `warmup` untimed calls; return the timing and the last result."""
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return Timing(times), result


def _kpi_sql(where: str) -> str:
    """SQL selecting every registry KPI (in registry order) for rows matching `where`."""
    parts = []
    for kpi in KPIS:
        cond = f"activity_type = '{kpi.activity_type}'" if kpi.activity_type else "TRUE"
        value = "1" if kpi.sum_column is None else kpi.sum_column
        parts.append(f"COALESCE(SUM(CASE WHEN {cond} THEN {value} ELSE 0 END), 0)::BIGINT AS {kpi.key}")
    return ", ".join(parts)


def _kpi_polars() -> list[pl.Expr]:
    """Polars expressions for every registry KPI (in registry order)."""
    exprs = []
    for kpi in KPIS:
        value = pl.lit(1, pl.Int64) if kpi.sum_column is None else pl.col(kpi.sum_column).cast(pl.Int64)
        if kpi.activity_type:
            value = pl.when(pl.col(A.activity_type) == kpi.activity_type).then(value).otherwise(0)
        exprs.append(value.sum().cast(pl.Int64).alias(kpi.key))
    return exprs


def table_queries(first: int, year: int, as_of: dt.date) -> tuple[str, Callable[[pl.DataFrame], pl.DataFrame]]:
    """DuckDB SQL and a Polars query computing what the KPI table counts: per-year KPIs, first..year, up to as_of."""
    sql = (
        f"SELECT {A.year}, {_kpi_sql('')} FROM activities WHERE {A.date} <= TIMESTAMP '{as_of}' "
        f"AND {A.year} BETWEEN {first} AND {year} GROUP BY {A.year} ORDER BY {A.year}"
    )
    limit = dt.datetime.combine(as_of, dt.time())

    def polars_query(frame: pl.DataFrame) -> pl.DataFrame:
        return (
            frame.lazy()
            .filter((pl.col(A.date) <= limit) & pl.col(A.year).is_between(first, year))
            .group_by(A.year)
            .agg(_kpi_polars())
            .sort(A.year)
            .collect()
        )

    return sql, polars_query


def breakdown_queries(selection: ActivityFilter) -> tuple[str, Callable[[pl.DataFrame], pl.DataFrame]]:
    """DuckDB SQL and a Polars query for the breakdown (NULL keys dropped, as pandas groupby does)."""
    by = ", ".join(BREAKDOWN_BY)
    countries = ", ".join(f"'{c}'" for c in selection.countries)
    lo, hi = selection.years
    not_null = " AND ".join(f"{c} IS NOT NULL" for c in BREAKDOWN_BY)
    sql = (
        f"SELECT {by}, {_kpi_sql('')} FROM activities WHERE activity_type = '{MISSION}' "
        f"AND {A.year} BETWEEN {lo} AND {hi} AND {A.country} IN ({countries}) AND {not_null} "
        f"GROUP BY {by} ORDER BY {by}"
    )

    def polars_query(frame: pl.DataFrame) -> pl.DataFrame:
        keep = (
            (pl.col(A.activity_type) == MISSION)
            & pl.col(A.year).is_between(lo, hi)
            & pl.col(A.country).cast(pl.String).is_in(list(selection.countries))
        )
        for column in BREAKDOWN_BY:
            keep &= pl.col(column).is_not_null()
        return (
            frame.lazy().filter(keep).group_by(list(BREAKDOWN_BY)).agg(_kpi_polars()).sort(list(BREAKDOWN_BY)).collect()
        )

    return sql, polars_query


def pandas_breakdown(activities: pd.DataFrame) -> pd.DataFrame:
    """The breakdown through the Missions page's own code path: `apply_filter` finds the rows (`filter_rows`) and
    takes every column of them (`take_rows`, the page's table needs them), then the engine's `aggregate` counts."""
    return aggregate(apply_filter(activities, BREAKDOWN), list(BREAKDOWN_BY))


def _rows(frame: pd.DataFrame) -> list[tuple]:
    """Comparable rows (keys as text, values as int) of a result with keys as columns."""
    keys = [c for c in frame.columns if c not in {k.key for k in KPIS}]
    return sorted(
        tuple(str(v) for v in row[: len(keys)]) + tuple(int(v) for v in row[len(keys) :])
        for row in frame[keys + [k.key for k in KPIS]].itertuples(index=False)
    )


def _table_as_rows(table: pd.DataFrame, by_year: pd.DataFrame, year: int) -> tuple[list[int], list[int]]:
    """(realised, realised cumulative) per KPI from the engine's table and from a per-year query result."""
    engine = (table["realized"].astype(int).tolist(), table["realized_cumulative"].astype(int).tolist())
    rows = by_year.set_index(A.year)
    other = (
        [int(rows.at[year, k.key]) if year in rows.index else 0 for k in KPIS],
        [int(rows[k.key].sum()) for k in KPIS],
    )
    return engine, other


def _fmt_ratio(ratio: float) -> str:
    return f"{ratio:.2f}x"


def run_size(n: int, targets: pd.DataFrame, con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Measure one size; print and return its figures."""
    start = time.perf_counter()
    path = synth.cached(n)
    prepared = time.perf_counter() - start
    print(
        f"\n--- {n:,} rows ({path.name}, {path.stat().st_size / 1e6:.0f} MB; ready in {prepared:.1f} s) ---", flush=True
    )
    figures: dict[str, object] = {"n": n}

    load_pd, activities = measure(lambda: read_frame(path), LOAD_RUNS)
    load_duck, _ = measure(
        lambda: con.execute("CREATE OR REPLACE TABLE activities AS SELECT * FROM read_parquet(?)", [str(path)]),
        LOAD_RUNS,
    )
    load_pl, frame_pl = measure(lambda: pl.read_parquet(path), LOAD_RUNS)
    print(
        f"load      pandas read_frame {load_pd.text()} | duckdb {load_duck.text()} | polars {load_pl.text()} "
        "(read_frame includes the day codes the engine counts with, worked out once per version)"
    )
    figures["load"] = (load_pd, load_duck, load_pl)

    plan = tg.covering_plan(targets, TABLE_YEAR, multi_year=True)
    first = plan.start_year if plan else TABLE_YEAR
    as_of = tg.end_of_year(TABLE_YEAR)
    sql, pl_query = table_queries(first, TABLE_YEAR, as_of)
    t_pd, table = measure(lambda: kpi_table(activities, targets, TABLE_YEAR))
    t_duck, duck_rows = measure(lambda: con.execute(sql).df())
    t_pl, pl_rows = measure(lambda: pl_query(frame_pl))
    table_frame = table.to_frame()
    engine_vals, duck_vals = _table_as_rows(table_frame, duck_rows, TABLE_YEAR)
    _, pl_vals = _table_as_rows(table_frame, pl_rows.to_pandas(), TABLE_YEAR)
    agree = engine_vals == duck_vals == pl_vals
    figures["table"] = (t_pd, t_duck, t_pl, agree)
    _print_query("kpi table", t_pd, t_duck, t_pl, agree)
    sql_mid, pl_mid = table_queries(first, TABLE_YEAR, MID_YEAR)
    m_pd, mid = measure(lambda: kpi_table(activities, targets, TABLE_YEAR, MID_YEAR))
    m_duck, duck_mid = measure(lambda: con.execute(sql_mid).df())
    m_pl, pl_mid_rows = measure(lambda: pl_mid(frame_pl))
    mid_frame = mid.to_frame()
    mid_vals, duck_mid_vals = _table_as_rows(mid_frame, duck_mid, TABLE_YEAR)
    agree = mid_vals == duck_mid_vals == _table_as_rows(mid_frame, pl_mid_rows.to_pandas(), TABLE_YEAR)[1]
    agree = agree and all(r.forecast.low <= r.forecast.value <= r.forecast.high for r in mid.rows)
    figures["table_mid"] = (m_pd, m_duck, m_pl, agree)
    _print_query("table mid", m_pd, m_duck, m_pl, agree)
    print(f"(mid-year pace: {sorted({r.pace.method.value for r in mid.rows})})")
    c_pd, counted = measure(lambda: realized_by_year_up_to(activities, as_of, range(first, TABLE_YEAR + 1)))
    agree = _table_as_rows(table_frame, counted.reset_index(), TABLE_YEAR)[1] == duck_vals
    figures["counting"] = (c_pd, t_duck, t_pl, agree)
    _print_query("counting", c_pd, t_duck, t_pl, agree)

    sql, pl_query = breakdown_queries(BREAKDOWN)
    b_pd, result = measure(lambda: pandas_breakdown(activities))
    b_duck, duck_result = measure(lambda: con.execute(sql).df())
    b_pl, pl_result = measure(lambda: pl_query(frame_pl))
    agree = _rows(result.reset_index()) == _rows(duck_result) == _rows(pl_result.to_pandas())
    figures["breakdown"] = (b_pd, b_duck, b_pl, agree)
    _print_query("breakdown", b_pd, b_duck, b_pl, agree)
    print(f"(breakdown: {len(result)} groups; {int(result['missions'].sum()):,} missions)")
    return figures


def _ratios(t_pd: Timing, t_duck: Timing, t_pl: Timing) -> tuple[float, float]:
    """pandas over the faster of DuckDB and Polars: by medians and by best runs."""
    return (t_pd.median / min(t_duck.median, t_pl.median), min(t_pd.runs) / min(min(t_duck.runs), min(t_pl.runs)))


def _print_query(name: str, t_pd: Timing, t_duck: Timing, t_pl: Timing, agree: bool) -> None:
    by_median, by_best = _ratios(t_pd, t_duck, t_pl)
    print(
        f"{name:<10}pandas engine     {t_pd.text()} | duckdb {t_duck.text()} | polars {t_pl.text()} | "
        f"pandas/fastest {_fmt_ratio(by_median)} (best runs {_fmt_ratio(by_best)}) | "
        f"results agree: {'yes' if agree else 'NO'}",
        flush=True,
    )


def _load() -> str:
    """The machine's 1-minute load average (other processes share the two cores)."""
    return open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"


def markdown(results: list[dict[str, object]]) -> str:
    """The figures as a README table: medians in ms (min-max) and the pandas/fastest ratio."""
    lines = [
        "| rows | step | pandas (this engine) | DuckDB | Polars | pandas / fastest (medians; best runs) |",
        "|---:|---|---:|---:|---:|---:|",
    ]

    def cell(t: Timing) -> str:
        return f"{t.median * 1e3:.1f} ({min(t.runs) * 1e3:.1f}–{max(t.runs) * 1e3:.1f})"

    for fig in results:
        n = f"{fig['n']:,}"
        rows = [("load", "Parquet load")] + list(STEPS)
        for key, label in rows:
            t_pd, t_duck, t_pl = fig[key][:3]
            by_median, by_best = _ratios(t_pd, t_duck, t_pl)
            lines.append(
                f"| {n} | {label} | {cell(t_pd)} | {cell(t_duck)} | {cell(t_pl)} | "
                f"{_fmt_ratio(by_median)}; {_fmt_ratio(by_best)} |"
            )
    return "\n".join(lines)


def main() -> None:
    """Print this part's figures."""
    sizes = tuple(int(s) for s in os.environ.get("BENCH_SIZES", "").split(",") if s) or SIZES
    targets, _ = validate_targets(synth.targets_text())
    con = duckdb.connect()
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    print(
        f"pandas {pd.__version__} (1 thread) | numpy {np.__version__} | duckdb {duckdb.__version__} "
        f"({threads} threads) | polars {pl.__version__} ({pl.thread_pool_size()} threads) | pyarrow "
        f"{pa.__version__} ({pa.cpu_count()} threads) | {os.cpu_count()} cores"
    )
    print(
        f"queries: {RUNS} runs after {WARMUP} warm-up, loads: {LOAD_RUNS} runs after {WARMUP} warm-up; "
        f"figures are median (min-max)"
    )
    print(
        f"kpi table: kpi_table(year={TABLE_YEAR}) vs per-year KPI counts in SQL/Polars; breakdown: "
        f"years 2017-2018, countries CN/DE/US, missions per year x country x theme"
    )
    results = []
    for n in sizes:
        before = _load()
        results.append(run_size(n, targets, con))
        print(f"(load average before/after this size: {before} / {_load()})")
    print("\nREADME table (ms, median (min–max)):\n")
    print(markdown(results))
    for fig in results:
        for key, _ in STEPS:
            t_pd, t_duck, t_pl, _agree = fig[key]
            ratio = _ratios(t_pd, t_duck, t_pl)[0]
            if fig["n"] == 1_000_000:
                print(
                    f"target 1M {key}: pandas/fastest {ratio:.2f}x <= {TARGET_RATIO}x: "
                    f"{'met' if ratio <= TARGET_RATIO else 'NOT met'}"
                )
            if fig["n"] == 10_000_000:
                ms = t_pd.median * 1e3
                print(
                    f"target 10M {key}: {ms:.1f} ms < {TARGET_10M_MS:.0f} ms: "
                    f"{'met' if ms < TARGET_10M_MS else 'NOT met'}"
                )

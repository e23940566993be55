"""What the pack is built from: one store snapshot, and the KPI table read through one adapter.

`score_rows` is the only place in the pack that reads `kpi_table`'s frame columns; when the engine hands
out typed rows, this is the one function to switch. Columns the engine does not have yet (forecast,
change since the reference) stay None and show as a dash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kpi import targets as tg
from kpi.registry import get_kpi

# Optional kpi_table columns, by what the pack calls them: read when present, a dash when not.
EXPECTED_COLUMN = "annual_expected"
FORECAST_COLUMN = "forecast_year_end"
CHANGE_COLUMN = "change_since_reference"


@dataclass(frozen=True)
class ScoreRow:
    """One KPI as the pack shows it: the year, the multi-year plan, statuses, change and comment."""

    key: str
    label: str
    short: str
    realized: int
    annual_target: tg.Target
    expected: float | None  # expected by the as-of date against the annual target
    forecast: float | None  # year-end forecast (None until the engine provides one)
    annual_status: str
    plan: tg.Plan | None
    plan_target: tg.Target
    cumulative: int | None
    plan_expected: float | None
    plan_status: str
    change: int | None  # change since the reference (None until the engine provides one)
    comment: str


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _float(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _optional(row: pd.Series, column: str) -> object:
    return row[column] if column in row.index else None


def score_rows(
    table: pd.DataFrame, targets: pd.DataFrame, year: int, as_of: dt.date, lang: str, commentary: dict[str, str]
) -> tuple[ScoreRow, ...]:
    """The KPI table's rows as the pack reads them (the one adapter over `kpi_table`'s frame)."""
    plan = tg.covering_plan(targets, year, multi_year=True)
    annual_share = tg.elapsed_share(year, year, as_of)
    rows = []
    for _, row in table.iterrows():
        kpi = get_kpi(row["kpi"])
        annual = tg.Target(_int(row["annual_target_min"]), _int(row["annual_target_max"]))
        expected = _optional(row, EXPECTED_COLUMN)
        rows.append(
            ScoreRow(
                key=kpi.key,
                label=kpi.label(lang),
                short=kpi.short(lang),
                realized=int(row["realized"]),
                annual_target=annual,
                expected=_float(expected) if expected is not None else tg.expected(annual, annual_share),
                forecast=_float(_optional(row, FORECAST_COLUMN)),
                annual_status=str(row["annual_status"]),
                plan=plan,
                plan_target=tg.Target(_int(row["plan_target_min"]), _int(row["plan_target_max"])),
                cumulative=_int(row["realized_cumulative"]),
                plan_expected=_float(row["plan_expected"]),
                plan_status=str(row["plan_status"]),
                change=_int(_optional(row, CHANGE_COLUMN)),
                comment=commentary.get(kpi.key, "").strip(),
            )
        )
    return tuple(rows)

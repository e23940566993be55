"""Commentary per KPI per reporting period (a quarter or the year) in Dutch and English, with its author and time.

The story behind the numbers, kept in the store. A view or pack shows the commentary of its own period
(`period_of(as_of)`): the year's on 31 December, the quarter's on any other date, so a year-end text never
appears beside a 30 June view. Texts of other periods stay in the table, and every earlier text stays in the
store's version history. Commentary stored before periods existed (no `period` column) reads as the year's.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi.i18n import LANGS
from kpi.registry import KPI_KEYS
from kpi.schema import Commentary as C
from kpi.store import empty_commentary

YEAR = "year"
QUARTERS: tuple[str, ...] = ("Q1", "Q2", "Q3", "Q4")
PERIODS: tuple[str, ...] = (YEAR, *QUARTERS)  # the reporting periods a text can be written for
# The columns added with periods; a table stored before them gets them on reading (period: the year).
PERIOD, AUTHOR, WRITTEN = "period", "author", "written"
_EXTRA_DTYPES: dict[str, str] = {PERIOD: "string", AUTHOR: "string", WRITTEN: "string"}


def period_of(as_of: dt.date) -> str:
    """The reporting period a view at `as_of` belongs to: the year on 31 December, else its quarter ('Q2')."""
    if (as_of.month, as_of.day) == (12, 31):
        return YEAR
    return QUARTERS[(as_of.month - 1) // 3]


def with_periods(table: pd.DataFrame) -> pd.DataFrame:
    """The commentary table with its period, author and time columns; older rows without a period are the year's."""
    out = table.copy()
    for column, dtype in _EXTRA_DTYPES.items():
        if column not in out.columns:
            out[column] = pd.Series([pd.NA] * len(out), index=out.index, dtype=dtype)
    out[PERIOD] = out[PERIOD].astype("string").fillna(YEAR)
    return out


def commentary_for(table: pd.DataFrame, year: int, lang: str, period: str = YEAR) -> dict[str, str]:
    """Commentary per KPI key for `year` and `period` in `lang` (KPIs without commentary are left out)."""
    table = with_periods(table)
    rows = table[(table[C.year] == year) & (table[C.lang] == lang) & (table[PERIOD] == period)]
    return {str(k): str(v) for k, v in zip(rows[C.kpi], rows[C.text]) if isinstance(v, str) and v.strip()}


def commentary_entries(table: pd.DataFrame, year: int, kpi: str) -> pd.DataFrame:
    """Every text of `kpi` in `year`, of every period and language, with author and time (the year first)."""
    table = with_periods(table)
    rows = table[(table[C.year] == year) & (table[C.kpi] == kpi)]
    order = rows[PERIOD].map({p: n for n, p in enumerate(PERIODS)})
    return rows.assign(_order=order).sort_values(["_order", C.lang]).drop(columns="_order").reset_index(drop=True)


def set_commentary(
    table: pd.DataFrame,
    kpi: str,
    year: int,
    lang: str,
    text: str,
    period: str = YEAR,
    author: str | None = None,
    written: str | None = None,
) -> pd.DataFrame:
    """A new commentary table with the text for (kpi, year, period, lang) set, by `author` at `written` (ISO time,
    default now); empty text removes it. Other periods' texts are kept."""
    if kpi not in KPI_KEYS:
        raise ValueError(f"unknown KPI {kpi!r}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    table = with_periods(table)
    same = (table[C.kpi] == kpi) & (table[C.year] == int(year)) & (table[C.lang] == lang) & (table[PERIOD] == period)
    kept = table[~same.fillna(False)]
    text = text.strip()
    dtypes = empty_commentary().dtypes.to_dict() | _EXTRA_DTYPES
    if not text:
        return kept.astype(dtypes).reset_index(drop=True)
    row = pd.DataFrame(
        {
            C.kpi: [kpi],
            C.year: [int(year)],
            C.lang: [lang],
            C.text: [text],
            PERIOD: [period],
            AUTHOR: [author],
            WRITTEN: [written or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")],
        }
    )
    out = pd.concat([kept, row], ignore_index=True) if len(kept) else row
    out = out.astype(dtypes)
    order = out[PERIOD].map({p: n for n, p in enumerate(PERIODS)})
    return (
        out.assign(_order=order)
        .sort_values([C.year, C.kpi, "_order", C.lang])
        .drop(columns="_order")
        .reset_index(drop=True)
    )

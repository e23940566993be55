"""Commentary per KPI per year in Dutch and English: the story behind the numbers, kept in the store."""

from __future__ import annotations

import pandas as pd

from kpi.i18n import LANGS
from kpi.registry import KPI_KEYS
from kpi.schema import Commentary as C
from kpi.store import empty_commentary


def commentary_for(table: pd.DataFrame, year: int, lang: str) -> dict[str, str]:
    """Commentary per KPI key for `year` in `lang` (KPIs without commentary are left out)."""
    rows = table[(table[C.year] == year) & (table[C.lang] == lang)]
    return {str(k): str(v) for k, v in zip(rows[C.kpi], rows[C.text]) if isinstance(v, str) and v.strip()}


def set_commentary(table: pd.DataFrame, kpi: str, year: int, lang: str, text: str) -> pd.DataFrame:
    """A new commentary table with the text for (kpi, year, lang) set; empty text removes it."""
    if kpi not in KPI_KEYS:
        raise ValueError(f"unknown KPI {kpi!r}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    same = (table[C.kpi] == kpi) & (table[C.year] == int(year)) & (table[C.lang] == lang)
    kept = table[~same.fillna(False)]
    text = text.strip()
    if not text:
        return kept.reset_index(drop=True)
    row = pd.DataFrame({C.kpi: [kpi], C.year: [int(year)], C.lang: [lang], C.text: [text]})
    out = pd.concat([kept, row], ignore_index=True) if len(kept) else row
    return out.astype(empty_commentary().dtypes.to_dict()).sort_values([C.year, C.kpi, C.lang]).reset_index(drop=True)

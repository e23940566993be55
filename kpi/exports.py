"""Safe CSV and XLSX downloads: cells a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import io

import pandas as pd

from kpi.validate import FORMULA_PREFIXES


def neutralise(value: object) -> object:
    """Prefix text that starts like a formula with an apostrophe, so spreadsheets show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells cannot run as formulas (numbers are left as numbers)."""
    out = frame.copy()
    for column in out.columns:
        if (
            out[column].dtype == object
            or pd.api.types.is_string_dtype(out[column])
            or isinstance(out[column].dtype, pd.CategoricalDtype)
        ):
            out[column] = out[column].astype(object).map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame, sep: str = ";") -> bytes:
    """CSV as Dutch Excel opens it: `;` separated, UTF-8 with BOM, formula-safe."""
    return safe_frame(frame).to_csv(index=False, sep=sep).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An XLSX workbook with one sheet, formula-safe."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()

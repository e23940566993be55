"""Read CSV (as Dutch Excel writes it), XLSX and Parquet into a frame of text cells."""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kpi.problems import Problem, ValidationError

SUFFIXES: tuple[str, ...] = (".csv", ".txt", ".xlsx", ".parquet")
ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp1252")
DELIMITERS: str = ";,\t|"


def read_raw(source: str | Path | bytes, name: str | None = None) -> pd.DataFrame:
    """Read a file (path or bytes plus its name) into a frame of stripped strings, '' for empty."""
    if isinstance(source, (str, Path)):
        name = name or Path(source).name
        data = Path(source).read_bytes()
    else:
        data = source
    name = name or "upload"
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".txt"):
        frame = _read_csv(data, name)
    elif suffix == ".xlsx":
        frame = _read_xlsx(data, name)
    elif suffix == ".parquet":
        frame = _read_parquet(data, name)
    else:
        raise ValidationError([Problem("unknown_format", params=(("suffix", suffix),))], name)
    return _normalise_cells(frame)


def decode_text(data: bytes, name: str) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), else Windows-1252; binary is refused."""
    if b"\x00" in data[:65536]:
        raise ValidationError([Problem("not_text")], name)
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError([Problem("not_text")], name)


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV file, judged from its header line."""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _read_csv(data: bytes, name: str) -> pd.DataFrame:
    text = decode_text(data, name)
    if not text.strip():
        raise ValidationError([Problem("empty_file")], name)
    header = text.lstrip("\ufeff").splitlines()[0]
    delimiter = sniff_delimiter(header)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            na_filter=False, skipinitialspace=False, engine="c", quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, ValueError):
        raise ValidationError([Problem("not_text")], name) from None
    except pd.errors.EmptyDataError:
        raise ValidationError([Problem("empty_file")], name) from None
    return frame


def _read_xlsx(data: bytes, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=object, engine="openpyxl")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, TypeError):
        raise ValidationError([Problem("bad_workbook")], name) from None
    if frame.columns.empty:
        raise ValidationError([Problem("empty_file")], name)
    return frame.map(_excel_cell_text)


def _excel_cell_text(value: object) -> str:
    """Text for one Excel cell as a user typed it: dates as YYYY-MM-DD, 3.0 as 3."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        if value.hour == value.minute == value.second == 0:
            return value.strftime("%Y-%m-%d")
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_parquet(data: bytes, name: str) -> pd.DataFrame:
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError, ValueError):
        raise ValidationError([Problem("bad_parquet")], name) from None
    frame = table.to_pandas()
    for column in frame.columns:
        frame[column] = frame[column].map(_excel_cell_text)
    return frame


def _normalise_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip cells and header names; column labels become strings."""
    frame = frame.copy()
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    for column in frame.columns:
        frame[column] = frame[column].astype(str).str.strip()
    return frame.reset_index(drop=True)

"""Read CSV (as Dutch Excel writes it), XLSX and Parquet into a frame of text cells."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from kpi.problems import Problem, ValidationError

SUFFIXES: tuple[str, ...] = (".csv", ".txt", ".xlsx", ".parquet")
ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp1252")
DELIMITERS: str = ";,\t|"
# A UTF-8 encoded accented Latin letter (é, ü, ë, ...): in Windows-1252 text these byte pairs read as "Ã©".
_UTF8_LETTER = re.compile(rb"\xc3[\x80-\xbf]")
# Upload limit in MB (the same default as Streamlit's server.maxUploadSize); KPI_MAX_UPLOAD_MB overrides it.
DEFAULT_MAX_MB = 200.0
# CSVs above this size are parsed by pyarrow's multithreaded reader first (pandas if it refuses the file).
FAST_CSV_BYTES = 8 * 1024 * 1024


def max_upload_bytes() -> int:
    """The largest file the importer accepts, in bytes (setting KPI_MAX_UPLOAD_MB)."""
    try:
        megabytes = float(os.environ.get("KPI_MAX_UPLOAD_MB", DEFAULT_MAX_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def check_size(size: int, name: str) -> None:
    """Refuse a file over the upload limit with a clear message."""
    limit = max_upload_bytes()
    if size > limit:
        params = (("size", f"{size / 1024 / 1024:.1f}"), ("limit", f"{limit / 1024 / 1024:g}"))
        raise ValidationError([Problem("too_large", params=params)], name)


def read_raw(source: str | Path | bytes, name: str | None = None) -> pd.DataFrame:
    """Read a file (path or bytes plus its name) into a frame of stripped strings, '' for empty."""
    if isinstance(source, (str, Path)):
        name = name or Path(source).name
        check_size(Path(source).stat().st_size, name)
        data = Path(source).read_bytes()
    else:
        data = source
    name = name or "upload"
    check_size(len(data), name)
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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if _UTF8_LETTER.search(data):  # UTF-8 letters next to bytes that are not UTF-8: two encodings mixed
        raise ValidationError([Problem("mixed_encoding")], name)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValidationError([Problem("not_text")], name) from None


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV file, judged from its header line."""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _read_csv(data: bytes, name: str) -> pd.DataFrame:
    text = decode_text(data, name)
    if not text or text.isspace():
        raise ValidationError([Problem("empty_file")], name)
    body = text.lstrip("\ufeff")
    header = body[:_line_end(body)]
    delimiter = sniff_delimiter(header)
    _check_header(header, delimiter, name)
    if len(data) > FAST_CSV_BYTES:
        fast = _read_csv_fast(data, header, delimiter)
        if fast is not None:
            return fast
    try:
        with warnings.catch_warnings():
            # index_col=False: a row with an extra cell must not silently shift its values (pandas would
            # take the first cell as the index); the ParserWarning it gives instead becomes a problem.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                                na_filter=False, skipinitialspace=False, engine="c", quoting=csv.QUOTE_MINIMAL,
                                index_col=False)
    except (pd.errors.ParserWarning, pd.errors.ParserError):
        raise ValidationError(_extra_field_problems(body, delimiter), name) from None
    except ValueError:
        raise ValidationError([Problem("not_text")], name) from None
    except pd.errors.EmptyDataError:
        raise ValidationError([Problem("empty_file")], name) from None
    return frame


def _extra_field_problems(text: str, delimiter: str) -> list[Problem]:
    """One problem per row with more cells than the header (spreadsheet row numbers)."""
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        width = len(next(rows, []))
        found = [Problem("extra_fields", rows.line_num, None, delimiter.join(cells)[:80])
                 for cells in rows if len(cells) > width]
    except csv.Error:
        found = []
    return found or [Problem("not_text")]


def _line_end(text: str) -> int:
    ends = [i for i in (text.find("\n"), text.find("\r")) if i >= 0]
    return min(ends) if ends else len(text)


def _check_header(header: str, delimiter: str, name: str) -> None:
    """A column named twice in the header is an error (pandas would silently rename it)."""
    names = [c.strip().lower() for c in next(csv.reader([header], delimiter=delimiter), [])]
    twice = sorted({c for c in names if c and names.count(c) > 1})
    if twice:
        raise ValidationError([Problem("duplicate_column", column=c) for c in twice], name)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_csv_fast(data: bytes, header: str, delimiter: str) -> pd.DataFrame | None:
    """Parse a large CSV with pyarrow, every cell as text; None if pyarrow refuses it."""
    names = next(csv.reader([header], delimiter=delimiter), [])
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(encoding="utf8" if _is_utf8(body) else "cp1252", block_size=1 << 22),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                 null_values=[]))
    except pa.ArrowException:
        return None
    if table.num_columns != len(names):
        return None
    return table.to_pandas()


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

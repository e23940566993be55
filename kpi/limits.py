"""Import limits, declared once: checked before (or while) a file is parsed, so a hostile file is refused fast.

The README section "Import limits" lists the same table; `tests/test_hostile_corpus.py` checks it does.
File size and rows are settings (`kpi/settings.py`); the others are fixed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpi import settings

MB = 1024 * 1024
MAX_COLUMNS = 200  # columns in a file, counted on the header before anything else is parsed
MAX_CELLS = 20_000_000  # rows x columns (1,000,000 rows of 20 columns): bounds memory and time together
NUMBER_CELL_BYTES = 24  # a Parquet number or date cell once it is text (for the decoded-size estimate)
MAX_CELL_CHARS = 2_000  # characters in one cell
MAX_LINE_BYTES = 1 * MB  # bytes in one CSV line (bounds a giant cell before it is decoded)
MAX_INFLATED_BYTES = 256 * MB  # Parquet: uncompressed data and decoded text
MAX_XLSX_BYTES = 40 * MB  # XLSX: all zip members unpacked (about 100,000 rows as Excel saves them; XML is slow)
MAX_ZIP_MEMBERS = 1_000  # files inside an XLSX
MAX_PARQUET_FOOTER = 4 * MB  # a Parquet file's metadata (its footer), read from the last 8 bytes before parsing
MAX_ROW_GROUPS = 10_000  # row groups in a Parquet file (each costs memory to read, however few its rows)
MAX_COUNT = 1_000_000  # largest count per activity (companies, foreign_companies, matchmaking_meetings)
MAX_TARGET = 1_000_000_000  # largest target_min / target_max
FIRST_YEAR = 1990  # dates and plan years start here ...
YEARS_AHEAD = 10  # ... and end on 31 December, this many years after the current year


@dataclass(frozen=True)
class Limit:
    """One import limit: its name, its value as people read it, and what it bounds."""

    name: str
    value: str
    meaning: str


def max_file_bytes() -> int:
    """The largest file accepted, in bytes (setting `max_upload_mb`)."""
    return int(_number("max_upload_mb") * MB)


def max_rows() -> int:
    """The most data rows a file may have (setting `max_rows`)."""
    return int(_number("max_rows"))


def _number(name: str) -> float:
    try:
        value = float(settings.get(name))
    except ValueError:
        value = float(settings.default(name))
    return value if value > 0 else float(settings.default(name))


def last_year(today: dt.date | None = None) -> int:
    """The last plausible year for dates and plans: the current year plus YEARS_AHEAD."""
    return (today or dt.date.today()).year + YEARS_AHEAD


def date_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last plausible activity date."""
    return dt.date(FIRST_YEAR, 1, 1), dt.date(last_year(today), 12, 31)


def limits() -> tuple[Limit, ...]:
    """Every import limit with its current value (for the README and the tests)."""
    return (
        Limit("file size", f"{_number('max_upload_mb'):g} MB", "setting max_upload_mb (KPI_MAX_UPLOAD_MB)"),
        Limit("rows", f"{max_rows():,}", "data rows, below the header; setting max_rows (KPI_MAX_ROWS)"),
        Limit("columns", f"{MAX_COLUMNS}", "columns in the header, counted before any other check"),
        Limit(
            "cells",
            f"{MAX_CELLS:,}",
            "rows x columns, from the header and the line count (CSV), the metadata (Parquet) or the cells read (XLSX)",
        ),
        Limit("cell length", f"{MAX_CELL_CHARS:,} characters", "one cell"),
        Limit("CSV line length", f"{MAX_LINE_BYTES // MB} MB", "one line of a CSV file, before decoding"),
        Limit(
            "XLSX unpacked size",
            f"{MAX_XLSX_BYTES // MB} MB",
            "all parts of a workbook unpacked (from the zip directory, enforced while reading); about "
            "100,000 rows: larger exports belong in CSV or Parquet",
        ),
        Limit(
            "Parquet unpacked size",
            f"{MAX_INFLATED_BYTES // MB} MB",
            f"uncompressed size, decoded text, and numbers and dates as text ({NUMBER_CELL_BYTES} bytes a cell)",
        ),
        Limit("Parquet metadata", f"{MAX_PARQUET_FOOTER // MB} MB", "the file's footer, measured before it is parsed"),
        Limit("Parquet row groups", f"{MAX_ROW_GROUPS:,}", "row groups in one file"),
        Limit("XLSX parts", f"{MAX_ZIP_MEMBERS:,}", "files inside one workbook"),
        Limit("XLSX used range", f"{MAX_COLUMNS} columns x rows limit", "the sheet's <dimension>, read first"),
        Limit("count", f"0 to {MAX_COUNT:,}", "companies, foreign_companies, matchmaking_meetings per activity"),
        Limit("target", f"0 to {MAX_TARGET:,}", "target_min and target_max"),
        Limit(
            "dates and plan years",
            f"{FIRST_YEAR}-01-01 to 31 December of the current year + {YEARS_AHEAD}",
            "activity dates, start_year and end_year",
        ),
    )

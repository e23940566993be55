"""Read CSV (as Dutch Excel writes it), XLSX and Parquet into a frame of text cells."""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from kpi import limits, xlsx
from kpi.problems import HEADER_ROWS, Problem, ValidationError

SUFFIXES: tuple[str, ...] = (".csv", ".txt", ".xlsx", ".parquet")
ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp1252")
DELIMITERS: str = ";,\t|"
# A UTF-8 encoded accented Latin letter (é, ü, ë, ...): in Windows-1252 text these byte pairs read as "Ã©".
_UTF8_LETTER = re.compile(rb"\xc3[\x80-\xbf]")
_NOT_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")  # the five bytes Windows-1252 leaves undefined
# CSVs above this size are parsed by pyarrow's multithreaded reader first (pandas if it refuses the file).
FAST_CSV_BYTES = 8 * 1024 * 1024


def max_upload_bytes() -> int:
    """The largest file the importer accepts, in bytes (setting max_upload_mb)."""
    return limits.max_file_bytes()


def check_size(size: int, name: str) -> None:
    """Refuse a file over the upload limit with a clear message."""
    limit = max_upload_bytes()
    if size > limit:
        params = (("size", f"{size / 1024 / 1024:.1f}"), ("limit", f"{limit / 1024 / 1024:g}"))
        raise ValidationError([Problem("too_large", params=params)], name)


def read_raw(source: str | Path | bytes, name: str | None = None) -> pd.DataFrame:
    """Read a file (path or bytes plus its name) into a frame of stripped strings, '' for empty.

    Every limit in kpi.limits is checked before the part it protects is parsed. An XLSX's sheet name is in
    `frame.attrs["sheet"]`.
    """
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
    sheet = frame.attrs.get("sheet")
    frame = _normalise_cells(frame)
    _check_cells(frame, name)
    if sheet:
        frame.attrs["sheet"] = sheet
    return frame


def source_name(frame: pd.DataFrame, name: str) -> str:
    """The name messages use for a read file: `a.xlsx [Sheet]` for a workbook, else the file name."""
    sheet = frame.attrs.get("sheet")
    return f"{name} [{sheet}]" if sheet else name


def check_cells(rows: int, columns: int, name: str) -> None:
    """Refuse rows x columns above MAX_CELLS."""
    if rows * columns > limits.MAX_CELLS:
        raise ValidationError([_limit_problem("too_many_cells", rows * columns, limits.MAX_CELLS)], name)


def _check_lines(data: bytes, name: str) -> int:
    """Rows and the longest line, counted on the bytes before decoding (quoted line breaks count as lines)."""
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == (10 if b"\n" in data else 13))
    lines = len(ends) + (0 if data.endswith((b"\n", b"\r")) else 1)
    if lines - 1 > limits.max_rows():
        raise ValidationError([_limit_problem("too_many_rows", lines - 1, limits.max_rows())], name)
    longest = int(max(np.diff(ends, prepend=-1).max(initial=0), len(data) - 1 - (ends[-1] if len(ends) else -1)))
    if longest > limits.MAX_LINE_BYTES:
        params = (("limit", f"{limits.MAX_LINE_BYTES // limits.MB}"),)
        raise ValidationError([Problem("line_too_long", params=params)], name)
    return lines - 1


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
    rows = _check_lines(data, name)
    if len(data) > FAST_CSV_BYTES:  # a large file is not decoded as a whole unless pyarrow refuses it
        encoding = text_encoding(data, name)
        first = data.split(b"\n", 1)[0].split(b"\r", 1)[0]
        header = first.decode("utf-8-sig" if encoding == "utf8" else encoding).lstrip("\ufeff")
        delimiter = sniff_delimiter(header)
        check_cells(rows, _check_header(header, delimiter, name), name)
        fast = _read_csv_fast(data, header, delimiter, encoding)
        if fast is not None:
            return fast
    text = decode_text(data, name)
    if not text or text.isspace():
        raise ValidationError([Problem("empty_file")], name)
    body = text.lstrip("\ufeff")
    header = body[: _line_end(body)]
    delimiter = sniff_delimiter(header)
    check_cells(rows, _check_header(header, delimiter, name), name)
    try:
        with warnings.catch_warnings():
            # index_col=False: a row with an extra cell must not silently shift its values (pandas would
            # take the first cell as the index); the ParserWarning it gives instead becomes a problem.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skipinitialspace=False,
                engine="c",
                quoting=csv.QUOTE_MINIMAL,
                index_col=False,
            )
    except (pd.errors.ParserWarning, pd.errors.ParserError) as error:
        if "EOF inside string" in str(error):
            raise ValidationError([Problem("unclosed_quote")], name) from None
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
        found = [
            Problem("extra_fields", rows.line_num, None, delimiter.join(cells)[:80])
            for cells in rows
            if len(cells) > width
        ]
    except csv.Error:
        found = []
    return found or [Problem("not_text")]


def _line_end(text: str) -> int:
    ends = [i for i in (text.find("\n"), text.find("\r")) if i >= 0]
    return min(ends) if ends else len(text)


def _check_header(header: str, delimiter: str, name: str) -> int:
    """Too many columns or a column named twice (pandas would silently rename it), before the body is parsed."""
    names = next(csv.reader([header], delimiter=delimiter), [])
    _check_columns(names, name)
    return len(names)


def text_encoding(data: bytes, name: str) -> str:
    """`utf8` or `cp1252` for CSV bytes, decided the way `decode_text` decides, without making a Python string
    (one character beyond U+FFFF would make it four bytes a character: 800 MB for a 200 MB file)."""
    if b"\x00" in data[:65536]:
        raise ValidationError([Problem("not_text")], name)
    try:
        pa.array([data], pa.binary()).cast(pa.string())  # Arrow checks the UTF-8
        return "utf8"
    except pa.ArrowInvalid:
        pass
    if _UTF8_LETTER.search(data):
        raise ValidationError([Problem("mixed_encoding")], name)
    if _NOT_CP1252.search(data):
        raise ValidationError([Problem("not_text")], name)
    return "cp1252"


def _read_csv_fast(data: bytes, header: str, delimiter: str, encoding: str) -> pd.DataFrame | None:
    """Parse a large CSV with pyarrow, every cell as text; None if pyarrow refuses it."""
    names = next(csv.reader([header], delimiter=delimiter), [])
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(encoding=encoding, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
            ),
        )
    except pa.ArrowException:
        return None
    if table.num_columns != len(names):
        return None
    return table.to_pandas()


def _read_xlsx(data: bytes, name: str) -> pd.DataFrame:
    try:
        sheet = xlsx.read_sheet(data, limits.max_rows())
    except xlsx.WorkbookProblem as refused:
        raise ValidationError(refused.problems, name) from None
    if not sheet.header:
        raise ValidationError([Problem("empty_file")], name)
    _check_columns(sheet.header, name)
    check_cells(len(sheet.rows), len(sheet.header), name)
    frame = pd.DataFrame(sheet.rows, columns=sheet.header, dtype=str)
    frame.attrs["sheet"] = sheet.name
    return frame


_TEXT_TYPES = (pa.types.is_string, pa.types.is_large_string, pa.types.is_string_view)
_PLAIN_TYPES = (pa.types.is_integer, pa.types.is_boolean, pa.types.is_date, pa.types.is_decimal, pa.types.is_null)


def _parquet_type_ok(kind: pa.DataType) -> bool:
    if pa.types.is_dictionary(kind):
        return _parquet_type_ok(kind.value_type)
    return (
        any(test(kind) for test in _TEXT_TYPES + _PLAIN_TYPES)
        or pa.types.is_floating(kind)
        or pa.types.is_timestamp(kind)
    )


def _read_parquet(data: bytes, name: str) -> pd.DataFrame:
    """Check the metadata (rows, columns, names, types, sizes) first; then read, keeping text as dictionaries."""
    _check_footer(data, name)
    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
        meta, schema = parquet.metadata, parquet.schema_arrow
    except (pa.ArrowException, OSError, ValueError, IndexError, TypeError):
        raise ValidationError([Problem("bad_parquet")], name) from None
    if meta.num_row_groups > limits.MAX_ROW_GROUPS:
        raise ValidationError([_limit_problem("too_many_row_groups", meta.num_row_groups, limits.MAX_ROW_GROUPS)], name)
    if meta.num_rows > limits.max_rows():
        raise ValidationError([_limit_problem("too_many_rows", meta.num_rows, limits.max_rows())], name)
    _check_columns(schema.names, name)
    check_cells(meta.num_rows, len(schema.names), name)
    wrong = [
        Problem("bad_parquet_type", column=f.name, value=str(f.type)) for f in schema if not _parquet_type_ok(f.type)
    ]
    if wrong:
        raise ValidationError(wrong, name)
    text = [f.name for f in schema if any(test(f.type) for test in _TEXT_TYPES) or pa.types.is_dictionary(f.type)]
    unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    as_text = meta.num_rows * (len(schema.names) - len(text)) * limits.NUMBER_CELL_BYTES
    if max(unpacked, as_text) > limits.MAX_INFLATED_BYTES:
        raise ValidationError([_inflated_problem()], name)
    try:
        table = pq.ParquetFile(pa.BufferReader(data), read_dictionary=text).read()
    except (pa.ArrowException, OSError, ValueError, IndexError, TypeError):
        raise ValidationError([Problem("bad_parquet")], name) from None
    if table.num_rows != meta.num_rows:
        raise ValidationError([Problem("bad_parquet")], name)
    total = 0
    for column in text:
        total += _decoded_text_bytes(table.column(column))
        if total > limits.MAX_INFLATED_BYTES:
            raise ValidationError([_inflated_problem()], name)
    return (
        pd.DataFrame({f.name: _arrow_text(table.column(i)) for i, f in enumerate(schema)}, dtype=str)
        if schema.names
        else pd.DataFrame()
    )


def _check_footer(data: bytes, name: str) -> None:
    """The metadata's size from the file's last 8 bytes (length, then `PAR1`), before pyarrow parses it."""
    if len(data) < 12 or data[-4:] != b"PAR1" or data[:4] != b"PAR1":
        raise ValidationError([Problem("bad_parquet")], name)
    footer = int.from_bytes(data[-8:-4], "little")
    if footer > limits.MAX_PARQUET_FOOTER:
        params = (("limit", str(limits.MAX_PARQUET_FOOTER // limits.MB)),)
        raise ValidationError([Problem("parquet_footer_too_large", params=params)], name)


def _decoded_text_bytes(column: pa.ChunkedArray) -> int:
    """How many bytes a dictionary-encoded text column takes once decoded (without decoding it)."""
    total = 0
    for chunk in column.chunks:
        if pa.types.is_dictionary(chunk.type):
            lengths = pc.binary_length(chunk.dictionary)
            total += pc.sum(pc.take(lengths, chunk.indices)).as_py() or 0
        else:
            total += pc.sum(pc.binary_length(chunk)).as_py() or 0
    return total


def _arrow_text(column: pa.ChunkedArray) -> pd.Series:
    """One Parquet column as the text a user would have typed ('' for missing; 3.0 as 3; dates as YYYY-MM-DD)."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        column = pa.chunked_array([c.dictionary_decode() for c in column.chunks], kind.value_type)
        kind = column.type
    if pa.types.is_timestamp(kind):
        text = pc.strftime(column, format="%Y-%m-%d %H:%M:%S")
        text = pc.replace_substring_regex(text, pattern=r"\.0+$", replacement="")
        text = pc.replace_substring_regex(text, pattern=r" 00:00:00$", replacement="")
    elif pa.types.is_null(kind):
        text = pa.chunked_array([pa.array([""] * len(column), pa.string())])
    elif pa.types.is_boolean(kind):
        text = pc.if_else(column, "TRUE", "FALSE")
    else:
        text = pc.cast(column, pa.string())
    return pc.fill_null(text, "").to_pandas()


def _limit_problem(code: str, count: int, limit: int) -> Problem:
    return Problem(code, params=(("count", str(count)), ("limit", str(limit))))


def _inflated_problem() -> Problem:
    return Problem("too_large_unpacked", params=(("limit", f"{limits.MAX_INFLATED_BYTES // limits.MB}"),))


def _check_columns(names: list[str], name: str) -> None:
    """Too many columns, or a column named twice (any case, spaces around), refused in every format; linear."""
    if len(names) > limits.MAX_COLUMNS:
        raise ValidationError([_limit_problem("too_many_columns", len(names), limits.MAX_COLUMNS)], name)
    seen = Counter(str(c).strip().lstrip("\ufeff").lower() for c in names)
    twice = sorted(c for c, n in seen.items() if c and n > 1)
    if twice:
        raise ValidationError([Problem("duplicate_column", column=c) for c in twice], name)


def _check_cells(frame: pd.DataFrame, name: str) -> None:
    """Refuse cells longer than MAX_CELL_CHARS (every such cell listed, up to 100)."""
    found = []
    for column in frame.columns:
        lengths = frame[column].str.len()
        for index in lengths.index[lengths > limits.MAX_CELL_CHARS][:100]:
            value = frame.at[index, column]
            found.append(
                Problem(
                    "cell_too_long",
                    int(index) + HEADER_ROWS + 1,
                    column,
                    value[:40] + "…",
                    params=(("count", str(len(value))), ("limit", str(limits.MAX_CELL_CHARS))),
                )
            )
    if found:
        raise ValidationError(found[:100], name)


def _normalise_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip cells and header names; column labels become strings."""
    frame = frame.copy()
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    for column in frame.columns:
        frame[column] = frame[column].astype(str).str.strip()
    return frame.reset_index(drop=True)

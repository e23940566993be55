"""Read CSV (as Dutch Excel writes it), XLSX and Parquet into a frame of text cells."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from kpi import limits, ods, xlsx
from kpi.headers import Header, clean_name, find_header, header_key, known_count
from kpi.problems import HEADER_ROWS, Problem, ValidationError

SUFFIXES: tuple[str, ...] = (".csv", ".txt", ".xlsx", ".ods", ".parquet")  # what read_raw reads (and uploads offer)
DELIMITERS: str = ";,\t|"
# A UTF-8 encoded character beyond ASCII (é is C3 A9, ’ is E2 80 99): in a file that is not valid UTF-8 these byte
# sequences would read as mojibake ("Ã©", "â€™"), so the file mixes two encodings.
_UTF8_LETTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# The five bytes Windows-1252 leaves undefined, and control characters no text file holds.
_NOT_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEP_LINE = re.compile(r"^sep=(.)\s*$", re.IGNORECASE)  # Excel's first line naming the separator
_QUOTED = re.compile(r'"(?:[^"]|"")*"?')
HEAD_BYTES = 1 << 16  # the start of a CSV searched for the header row and the separator
_KINDS = ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "pipe"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "device"))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
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


def visible_name(name: str) -> str:
    """A file name for messages: control and invisible characters shown as <U+001B>, never acted on."""
    return _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(name))


def read_file(path: str | Path, name: str) -> bytes:
    """The bytes of a regular file; a folder, pipe, socket or device is refused at once (never opened to block)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise ValidationError([Problem("file_not_found")], name) from None
    except IsADirectoryError:
        raise ValidationError([Problem("not_a_file_folder")], name) from None
    except OSError as error:  # a socket (ENXIO), no permission
        if stat.S_ISSOCK(_mode(path)):
            raise ValidationError([Problem("not_a_file_socket")], name) from None
        raise ValidationError([Problem("file_unreadable", params=(("reason", error.strerror or ""),))], name) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        what = next((kind for test, kind in _KINDS if test(info.st_mode)), "device")
        raise ValidationError([Problem(f"not_a_file_{what}")], name)
    with os.fdopen(fd, "rb") as handle:
        check_size(info.st_size, name)
        return handle.read(max_upload_bytes() + 1)


def _mode(path: str | Path) -> int:
    try:
        return os.stat(path).st_mode
    except OSError:
        return 0


def read_raw(source: str | Path | bytes, name: str | None = None) -> pd.DataFrame:
    """Read a file (path or bytes plus its name) into a frame of stripped strings, '' for empty.

    Every limit in kpi.limits is checked before the part it protects is parsed. The index is the spreadsheet row
    number minus 2 (so row numbers stay right below title lines and across blank lines). `frame.attrs`: `sheet`
    (a workbook's sheet), `locale` (how its numbers are written) and `notes` (where the header was found, hidden
    rows: problems of severity info or warning).
    """
    if isinstance(source, (str, Path)):
        name = visible_name(name or Path(source).name)
        data = read_file(source, name)
    else:
        data = source
    name = visible_name(name or "upload")
    check_size(len(data), name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError([Problem("unknown_format", params=(("suffix", suffix),))], name)
    if suffix in (".csv", ".txt"):
        frame = _read_csv(data, name)
    elif suffix in (".xlsx", ".ods"):
        frame = _read_workbook(data, name, suffix)
    else:
        frame = _read_parquet(data, name)
    attrs = dict(frame.attrs)
    frame = _normalise_cells(frame)
    _check_cells(frame, name)
    frame.attrs.update({"locale": "nl", "notes": [], **attrs})
    return frame


def source_name(frame: pd.DataFrame, name: str) -> str:
    """The name messages use for a read file: `a.xlsx [Sheet]` for a workbook, else the file name."""
    sheet = frame.attrs.get("sheet")
    return f"{name} [{sheet}]" if sheet else name


def check_cells(rows: int, columns: int, name: str) -> None:
    """Refuse rows x columns above MAX_CELLS."""
    if rows * columns > limits.MAX_CELLS:
        raise ValidationError([_limit_problem("too_many_cells", rows * columns, limits.MAX_CELLS)], name)


def _line_ends(data: bytes) -> np.ndarray:
    """The position of every line end (LF, or CR in a file without LF)."""
    return np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == (10 if b"\n" in data else 13))


def _check_lines(data: bytes, ends: np.ndarray, name: str) -> int:
    """Rows and the longest line, counted on the bytes before decoding (quoted line breaks count as lines)."""
    lines = len(ends) + (0 if data.endswith((b"\n", b"\r")) else 1)
    if lines - 1 > limits.max_rows():
        raise ValidationError([_limit_problem("too_many_rows", lines - 1, limits.max_rows())], name)
    longest = int(max(np.diff(ends, prepend=-1).max(initial=0), len(data) - 1 - (ends[-1] if len(ends) else -1)))
    if longest > limits.MAX_LINE_BYTES:
        params = (("limit", f"{limits.MAX_LINE_BYTES // limits.MB}"),)
        raise ValidationError([Problem("line_too_long", params=params)], name)
    return lines - 1


def decode_text(data: bytes, name: str) -> str:
    """Decode CSV bytes: valid UTF-8 (with or without BOM), else plausible Windows-1252; anything else is refused
    (binary, UTF-8 mixed with another encoding, control characters: never read as mojibake)."""
    encoding = text_encoding(data, name)
    return data.decode("utf-8-sig" if encoding == "utf8" else encoding)


def unquoted_count(line: str, delimiter: str) -> int:
    """How often `delimiter` occurs in a line outside quoted text."""
    return _QUOTED.sub("", line).count(delimiter)


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV file, judged from its header line (separators inside quotes do not count)."""
    counts = {d: unquoted_count(header, d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


@dataclass(frozen=True)
class CsvLayout:
    """Where a CSV's parts are: a `sep=` line, the separator, and the header (its line, counted without the
    `sep=` line, as a spreadsheet numbers it)."""

    sep_line: bool
    delimiter: str
    header: Header  # index: the header's (last) line among the lines after the sep= line
    lines: list[str]

    @property
    def header_row(self) -> int:
        """The spreadsheet row of the header's last row."""
        return self.header.index + 1

    @property
    def skipped_lines(self) -> int:
        """Physical lines before the header's last row (the sep= line included)."""
        return self.header.index + self.sep_line


def csv_layout(head: str) -> CsvLayout | None:
    """The layout of a CSV from its first lines (None when they are all blank).

    A `sep=X` first line gives the separator; otherwise each candidate splits the lines and the one whose header
    names most contract columns wins (on a tie, or without any, the one most frequent outside quotes in the
    first non-empty line).
    """
    lines = head.lstrip("\ufeff").splitlines()[:200]
    sep_line = bool(lines) and _SEP_LINE.match(lines[0]) is not None
    if sep_line:
        delimiter = _SEP_LINE.match(lines[0]).group(1)  # type: ignore[union-attr]
        lines = lines[1:]
        candidates = [delimiter]
    else:
        first = next((line for line in lines if line.strip()), "")
        candidates = sorted(DELIMITERS, key=lambda d: -unquoted_count(first, d))
    best: tuple[int, str, Header] | None = None
    for delimiter in candidates:  # the most frequent first: it wins a tie
        records = [_split(line, delimiter) for line in lines[:40]]
        header = find_header(records)
        if header is None:
            continue
        score = known_count(header.names)
        if best is None or score > best[0]:
            best = (score, delimiter, header)
    if best is None:
        return None
    return CsvLayout(sep_line, best[1], best[2], lines)


def _split(line: str, delimiter: str) -> list[str]:
    """One line's cells (the whole line as one cell if the csv module refuses it, e.g. a giant field)."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return [line]


def _head_text(data: bytes, encoding: str) -> str:
    """The first HEAD_BYTES of a CSV decoded, cut at its last whole line."""
    first_line = data.find(b"\n", 0, limits.MAX_LINE_BYTES + 1)
    head = data[: max(HEAD_BYTES, first_line + 1)]
    if len(data) > len(head):
        head = head[: max(head.rfind(b"\n"), 0)]
    return head.decode("utf-8-sig" if encoding == "utf8" else encoding, errors="ignore")


def _has_blank_lines(data: bytes, ends: np.ndarray, delimiter: str) -> bool:
    """Whether a CSV may hold an empty line, or a line that starts with the separator (perhaps an empty row).

    `ends`: the line ends of `data`. A file with LF line ends only is judged from them (one pass over the line
    ends, not five searches of the bytes).
    """
    sep = delimiter.encode()
    if len(sep) == 1 and b"\r" not in data:
        starts = ends[ends < len(data) - 1] + 1
        return bool((np.diff(ends) == 1).any() or (np.frombuffer(data, dtype=np.uint8)[starts] == sep[0]).any())
    return any(p in data for p in (b"\n\n", b"\n\r\n", b"\r\r", b"\n" + sep, b"\r" + sep))


def _notes(layout: CsvLayout) -> list[Problem]:
    """Where the header was found, when it is not simply the first row."""
    if layout.header_row == 1 and layout.header.rows == 1:
        return []
    first = layout.header_row - layout.header.rows + 1
    return [
        Problem(
            "header_row",
            severity="info",
            params=(("rows", f"{first}-{layout.header_row}" if layout.header.rows == 2 else str(first)),),
        )
    ]


def _read_csv(data: bytes, name: str) -> pd.DataFrame:
    ends = _line_ends(data)
    rows = _check_lines(data, ends, name)
    encoding = text_encoding(data, name)
    layout = csv_layout(_head_text(data, encoding))
    if layout is None:
        raise ValidationError([Problem("empty_file")], name)
    names = [clean_name(c) for c in layout.header.names]
    _check_columns(names, name)
    check_cells(rows, len(names), name)
    frame = None
    if len(data) > FAST_CSV_BYTES and not _has_blank_lines(data, ends, layout.delimiter):
        frame = _read_csv_fast(data, layout, encoding)  # a large file is not decoded unless pyarrow refuses it
    if frame is None:
        frame = _read_csv_text(decode_text(data, name), layout, name)
    frame.columns = _header_names(names, frame.columns)
    frame.attrs.update(locale="en" if layout.delimiter == "," else "nl", notes=_notes(layout))
    return frame


def _header_names(names: list[str], columns: pd.Index) -> list[str]:
    """The header's names (merged over two rows where so found), an empty one named as pandas names it."""
    return [n if n else str(c) for n, c in zip(names + [""] * (len(columns) - len(names)), columns)]


def _read_csv_text(text: str, layout: CsvLayout, name: str) -> pd.DataFrame:
    """Parse decoded CSV text from the header's last row; fully empty rows are dropped, their numbers kept."""
    body = text.lstrip("\ufeff")
    for _ in range(layout.skipped_lines):
        body = body[_line_end(body) :]
        body = body[2:] if body.startswith("\r\n") else body[1:]
    delimiter = layout.delimiter
    try:
        with warnings.catch_warnings():
            # index_col=False: a row with an extra cell must not silently shift its values (pandas would
            # take the first cell as the index); the ParserWarning it gives instead becomes a problem.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(body),
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
        raise ValidationError(_extra_field_problems(body, delimiter, layout.header_row - 1), name) from None
    except ValueError:
        raise ValidationError([Problem("not_text")], name) from None
    except pd.errors.EmptyDataError:
        raise ValidationError([Problem("empty_file")], name) from None
    frame.index = layout.header_row - 1 + _record_positions(body, delimiter, len(frame))
    return _without_empty_rows(frame)


def _record_positions(body: str, delimiter: str, count: int) -> np.ndarray:
    """The position of each data row among the records below the header, blank lines counted (as a spreadsheet
    numbers them; pandas skips blank lines). Only a file with a blank line is read twice for this."""
    plain = np.arange(count)
    if not any(p in body for p in ("\n\n", "\n\r\n", "\r\r")):
        return plain
    try:
        reader = csv.reader(io.StringIO(body), delimiter=delimiter)
        next(reader, None)
        kept = np.array([i for i, cells in enumerate(reader) if cells], dtype=np.int64)
    except csv.Error:
        return plain
    return kept if len(kept) == count else plain


def _without_empty_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with at least one cell that is not blank (blank lines, `;;;;` lines), their index kept."""
    if frame.empty or not len(frame.columns):
        return frame
    filled = np.zeros(len(frame), dtype=bool)
    for column in frame.columns:
        filled |= (frame[column].str.strip() != "").to_numpy(dtype=bool)
    return frame if filled.all() else frame[filled]


def _extra_field_problems(text: str, delimiter: str, offset: int = 0) -> list[Problem]:
    """One problem per row with more cells than the header (spreadsheet row numbers)."""
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        width = len(next(rows, []))
        found = [
            Problem("extra_fields", rows.line_num + offset, None, delimiter.join(cells)[:80])
            for cells in rows
            if len(cells) > width
        ]
    except csv.Error:
        found = []
    return found or [Problem("not_text")]


def _line_end(text: str) -> int:
    ends = [i for i in (text.find("\n"), text.find("\r")) if i >= 0]
    return min(ends) if ends else len(text)


def text_encoding(data: bytes, name: str) -> str:
    """`utf8` or `cp1252` for CSV bytes, decided the way `decode_text` decides, without making a Python string
    (one character beyond U+FFFF would make it four bytes a character: 800 MB for a 200 MB file)."""
    if b"\x00" in data[:65536]:
        raise ValidationError([Problem("not_text")], name)
    if not data.strip():
        raise ValidationError([Problem("empty_file")], name)
    try:
        pa.array([data], pa.binary()).cast(pa.string())  # Arrow checks the UTF-8
        return "utf8"
    except pa.ArrowInvalid:
        pass
    if _UTF8_LETTER.search(data):
        raise ValidationError([Problem("mixed_encoding")], name)
    if _NOT_CP1252.search(data):  # neither valid UTF-8 nor plausibly Windows-1252
        raise ValidationError([Problem("bad_encoding")], name)
    return "cp1252"


def _read_csv_fast(data: bytes, layout: CsvLayout, encoding: str) -> pd.DataFrame | None:
    """Parse a large CSV with pyarrow, every cell as text; None if pyarrow refuses it."""
    names = [f"c{i}" for i in range(len(layout.header.names))]  # the header's own names are set by the caller
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(
                encoding=encoding, block_size=1 << 22, skip_rows=layout.skipped_lines + 1, column_names=names
            ),
            parse_options=pacsv.ParseOptions(delimiter=layout.delimiter),
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
    frame = table.to_pandas()
    frame.index = pd.RangeIndex(layout.header_row - 1, layout.header_row - 1 + len(frame))
    return frame


def _read_workbook(data: bytes, name: str, suffix: str) -> pd.DataFrame:
    """The first visible sheet of an XLSX or ODS workbook, from its header row (found below title rows)."""
    reader = xlsx.read_sheet if suffix == ".xlsx" else ods.read_sheet
    try:
        sheet = reader(data, limits.max_rows())
    except xlsx.WorkbookProblem as refused:
        raise ValidationError(refused.problems, name) from None
    table = xlsx.as_table(sheet)
    if table is None:
        raise ValidationError([Problem("empty_file")], name)
    names = [clean_name(c) for c in table.header]
    _check_columns(names, name)
    check_cells(len(table.rows), len(names), name)
    frame = pd.DataFrame(table.rows, columns=names, dtype=str, index=[n - 2 for n in table.numbers])
    notes = []
    if table.header_row > 1 or table.header_rows == 2:
        first = table.header_row - table.header_rows + 1
        rows = f"{first}-{table.header_row}" if table.header_rows == 2 else str(first)
        notes.append(Problem("header_row", severity="info", params=(("rows", rows),)))
    hidden = [n for n in sheet.hidden if n > table.header_row]
    if hidden:
        shown = ", ".join(str(n) for n in hidden[:20]) + (" …" if len(hidden) > 20 else "")
        notes.append(
            Problem(
                "hidden_rows",
                severity="warning",
                params=(("rows", shown), ("count", str(len(hidden))), ("sheet", sheet.name)),
            )
        )
    frame.attrs.update(sheet=sheet.name, locale="nl", notes=notes)
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
    seen = Counter(header_key(c) for c in names)
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
    """Strip cells and header names (any spaces as one); column labels become strings; the index (row numbers)
    is kept."""
    frame = frame.copy()
    frame.columns = [clean_name(c) for c in frame.columns]
    for column in frame.columns:
        frame[column] = frame[column].astype(str).str.strip()
    if not isinstance(frame.index, pd.RangeIndex) and frame.index.dtype != "int64":
        frame = frame.reset_index(drop=True)
    return frame

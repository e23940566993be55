"""A guarded XLSX reader: the first visible worksheet as text cells, with every limit checked before it bites.

The zip directory (member count and unpacked sizes) and the sheet's <dimension> are checked before any cell is
read; each part is unpacked through a counter that stops at its declared size; every XML part is parsed by a
hardened lxml parser (entities never expanded, no network, no DTD loaded) and refused if it has a DTD at all;
each cell is handled and dropped as soon as it is parsed, so a cell at XFD1048576 costs nothing before it is
refused. Formula cells give their cached value; one without a cached value (or with an empty one, as scripts
write them) is refused. A workbook with two parts of the same name, or a cell defined twice, is refused; rows
hidden (by an autofilter or by hand) are reported.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from kpi import limits as L
from kpi.headers import find_header
from kpi.problems import Problem

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or a password-protected workbook
_EXCEL_MAX_SERIAL = 2_958_465  # 9999-12-31


class WorkbookProblem(Exception):
    """The workbook is refused; carries the problems (file-level or per cell)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].code if problems else "bad_workbook")
        self.problems = problems


@dataclass(frozen=True)
class Sheet:
    """The cells of one worksheet by row and column number (1-based, empty cells left out), its name, and the
    numbers of its hidden rows."""

    name: str
    cells: dict[int, dict[int, str]]
    hidden: list[int]


@dataclass(frozen=True)
class Table:
    """A sheet from its header: header names, data rows as text with their row numbers, and where the header is."""

    header: list[str]
    rows: list[list[str]]
    numbers: list[int]
    header_row: int  # the header's last row
    header_rows: int  # 1, or 2 for a two-row header with merged cells


def _refuse(
    code: str, row: int | None = None, column: str | None = None, value: str | None = None, **params: object
) -> WorkbookProblem:
    return WorkbookProblem([Problem(code, row, column, value, params=tuple((k, str(v)) for k, v in params.items()))])


class _Capped(io.RawIOBase):
    """A zip member stream that refuses to give more bytes than the zip directory declared (zip bombs lie)."""

    def __init__(self, stream, cap: int) -> None:
        self._stream, self._left = stream, cap

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(min(len(buffer), 1 << 16))
        self._left -= len(data)
        if self._left < 0:
            raise _refuse("xlsx_inflated", limit=L.MAX_XLSX_BYTES // L.MB)
        buffer[: len(data)] = data
        return len(data)


def column_index(letters: str) -> int:
    """1 for A, 27 for AA, 16384 for XFD."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def column_letters(index: int) -> str:
    """A for 1, AA for 27."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_unique_parts(names: list[str]) -> None:
    """Refuse an archive holding two parts of the same name (part names compare without case): a reader would
    silently pick one of them."""
    seen: set[str] = set()
    for name in names:
        key = name.casefold()
        if key in seen:
            raise _refuse("duplicate_part", value=name, part=name)
        seen.add(key)


class Workbook:
    """An opened, checked XLSX archive."""

    def __init__(self, data: bytes) -> None:
        if data.startswith(_CFB_MAGIC):
            raise _refuse("xls_or_encrypted")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            members = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            raise _refuse("bad_workbook") from None
        if len(members) > L.MAX_ZIP_MEMBERS:
            raise _refuse("xlsx_members", count=len(members), limit=L.MAX_ZIP_MEMBERS)
        if sum(m.file_size for m in members) > L.MAX_XLSX_BYTES:
            raise _refuse("xlsx_inflated", limit=L.MAX_XLSX_BYTES // L.MB)
        check_unique_parts([m.filename for m in members])
        self.sizes = {m.filename: m.file_size for m in members}

    def events(
        self, name: str, events: tuple[str, ...] = ("end",), tags: tuple[str, ...] | None = None
    ) -> Iterator[tuple[str, Any]]:  # lxml elements (no stubs)
        """Parse one part safely; malformed XML is a workbook problem, a DTD (entities) is refused."""
        if name not in self.sizes:
            raise _refuse("bad_workbook")
        try:
            with self.zip.open(name) as raw:
                context = etree.iterparse(
                    io.BufferedReader(_Capped(raw, self.sizes[name])),
                    events=events,
                    tag=tags,
                    resolve_entities=False,
                    no_network=True,
                    load_dtd=False,
                    huge_tree=False,
                    remove_comments=True,
                    remove_pis=True,
                )
                for event, element in context:  # the DTD, if any, precedes the first element
                    if element.getroottree().docinfo.doctype or element.getroottree().docinfo.internalDTD:
                        raise _refuse("xml_forbidden")
                    yield event, element
                    break
                yield from context
        except (etree.LxmlError, zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
            # RuntimeError: an encrypted member; NotImplementedError: an unknown compression
            raise _refuse("bad_workbook") from None

    def first_visible_sheet(self) -> tuple[str, str, bool]:
        """(sheet name, part path, whether the 1904 date system is used) of the first visible worksheet."""
        sheets, date1904 = [], False
        for _, element in self.events("xl/workbook.xml"):
            if element.tag == f"{_MAIN}sheet":
                sheets.append((element.get("name") or "", element.get("state") or "visible", element.get(f"{_REL}id")))
            elif element.tag == f"{_MAIN}workbookPr":
                date1904 = (element.get("date1904") or "").lower() in ("1", "true")
        targets = self._relationships()
        for name, state, rel in sheets:
            target = targets.get(rel or "")
            if state == "visible" and target and "/worksheets/" in f"/{target}":
                return name, target, date1904
        raise _refuse("no_visible_sheet")

    def _relationships(self) -> dict[str, str]:
        found = {}
        for _, element in self.events("xl/_rels/workbook.xml.rels"):
            if element.tag == f"{_PKG_REL}Relationship":
                target = element.get("Target") or ""
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                found[element.get("Id") or ""] = path
        return found

    def shared_strings(self) -> list[str]:
        """The shared string table (rich-text runs joined; phonetic runs left out)."""
        if "xl/sharedStrings.xml" not in self.sizes:
            return []
        strings = []
        for _, item in self.events("xl/sharedStrings.xml", ("end",), (f"{_MAIN}si",)):
            strings.append("".join(t.text or "" for t in item.iter(f"{_MAIN}t") if t.getparent().tag != _RPH))
            _drop(item)
        return strings

    def date_styles(self) -> set[int]:
        """Indexes of the cell styles (cellXfs) that format numbers as dates."""
        if "xl/styles.xml" not in self.sizes:
            return set()
        custom, styles, in_xfs = {}, [], False
        for event, element in self.events("xl/styles.xml", ("start", "end")):
            if element.tag == f"{_MAIN}numFmt" and event == "end":
                custom[element.get("numFmtId")] = element.get("formatCode") or ""
            elif element.tag == f"{_MAIN}cellXfs":
                in_xfs = event == "start"
            elif element.tag == f"{_MAIN}xf" and in_xfs and event == "start":
                styles.append(element.get("numFmtId") or "0")
        dates = set()
        for index, fmt_id in enumerate(styles):
            code = custom.get(fmt_id)
            if code is None and fmt_id.isdigit():
                code = BUILTIN_FORMATS.get(int(fmt_id), "")
            if code and is_date_format(code):
                dates.add(index)
        return dates


@functools.lru_cache(maxsize=1 << 16)  # a sheet repeats its dates and numbers: convert each once
def _serial_text(value: float, date1904: bool) -> str | None:
    """An Excel serial date as YYYY-MM-DD (with the time when it is not midnight); None if out of range."""
    if not 0 <= value <= _EXCEL_MAX_SERIAL:
        return None
    if date1904:
        base = dt.datetime(1904, 1, 1)
    else:  # Excel counts a 29 February 1900 that never was
        base = dt.datetime(1899, 12, 31) if value < 60 else dt.datetime(1899, 12, 30)
    moment = base + dt.timedelta(days=value)
    moment = moment.replace(microsecond=0) + dt.timedelta(seconds=round(moment.microsecond / 1e6))
    return moment.strftime("%Y-%m-%d") if moment.time() == dt.time(0) else moment.strftime("%Y-%m-%d %H:%M:%S")


@functools.lru_cache(maxsize=1 << 16)
def _number_text(raw: str) -> str:
    try:
        value = float(raw)
    except ValueError:
        return raw
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else raw


def _check_dimension(ref: str | None, sheet: str, max_rows: int) -> None:
    """Refuse a used range beyond the limits before reading a cell (e.g. A1:XFD20000)."""
    last = (ref or "").split(":")[-1].replace("$", "").upper()
    match = _REF.match(last)
    if not match:
        return
    columns, rows = column_index(match.group(1)), int(match.group(2))
    if columns > L.MAX_COLUMNS or rows > max_rows + 1:
        raise _refuse("xlsx_used_range", value=ref, range=ref, sheet=sheet, columns=L.MAX_COLUMNS, rows=max_rows + 1)


_C, _ROW, _DIM = f"{_MAIN}c", f"{_MAIN}row", f"{_MAIN}dimension"
_V, _F, _IS, _T, _RPH = f"{_MAIN}v", f"{_MAIN}f", f"{_MAIN}is", f"{_MAIN}t", f"{_MAIN}rPh"


def read_sheet(data: bytes, max_rows: int) -> Sheet:
    """The first visible worksheet as header + rows of text (WorkbookProblem if refused)."""
    book = Workbook(data)
    name, part, date1904 = book.first_visible_sheet()
    strings, date_styles = book.shared_strings(), book.date_styles()
    cells: dict[int, dict[int, str]] = {}
    hidden: list[int] = []
    problems: list[Problem] = []
    row_number = 0
    columns: dict[str, int] = {}
    for _, element in book.events(part, ("end",), (_ROW, _DIM)):
        if element.tag == _DIM:
            _check_dimension(element.get("ref"), name, max_rows)
            continue
        number = element.get("r") or str(row_number + 1)
        if number.isdigit() and int(number) == row_number > 0:  # the same row written twice
            raise _refuse("cell_twice", value=number, cell=number, sheet=name)
        if not number.isdigit() or int(number) < row_number:  # Excel numbers rows from 1, ascending
            raise _refuse("bad_workbook")
        row_number, next_column = int(number), 1
        if row_number > max_rows + 1:
            raise _refuse("too_many_rows", value=str(row_number), count=row_number - 1, limit=max_rows)
        if (element.get("hidden") or "").lower() in ("1", "true"):
            hidden.append(row_number)
        for item in element:  # the 64 MB unpacked limit bounds how many cells one row can hold
            if item.tag != _C:
                continue
            ref = item.get("r") or ""
            letters = ref.rstrip("0123456789")
            column = columns.get(letters) or _column_of(ref, letters, columns) if ref else next_column
            if column < next_column:  # Excel writes each row's cells once, left to right
                ref = f"{column_letters(column)}{row_number}"
                raise _refuse("cell_twice", value=ref, cell=ref, sheet=name)
            next_column = column + 1
            kind, value, formula, text = _cell(item, strings, date_styles, date1904)
            if kind == "e" or (formula is not None and (value is None or (value == "" and kind != "str"))):
                code = "excel_error_cell" if kind == "e" else "formula_without_value"
                problems.append(
                    Problem(
                        code,
                        row_number,
                        column_letters(column),
                        text if kind == "e" else f"={formula}",
                        params=(("sheet", name),),
                    )
                )
            elif text != "":
                if column > L.MAX_COLUMNS:
                    raise _refuse(
                        "too_many_columns",
                        value=f"{column_letters(column)}{row_number}",
                        count=column,
                        limit=L.MAX_COLUMNS,
                    )
                cells.setdefault(row_number, {})[column] = text
        _drop(element)  # a finished row does not stay in memory
    if problems:
        raise WorkbookProblem(sorted(problems, key=lambda p: p.code != "formula_without_value")[:200])
    return Sheet(name, cells, [n for n in hidden if n in cells])


def _column_of(ref: str, letters: str, known: dict[str, int]) -> int:
    """The column of a cell reference such as B7 (remembered per letters); a malformed one refuses the workbook."""
    if not _REF.match(ref):
        raise _refuse("bad_workbook")
    return known.setdefault(letters, column_index(letters))


def _drop(element) -> None:
    element.clear()
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _cell(
    element, strings: list[str], date_styles: set[int], date1904: bool
) -> tuple[str, str | None, str | None, str]:
    """(type, cached value, formula, text as typed) of one <c> element."""
    kind, value, formula, inline = element.get("t") or "n", None, None, []
    for child in element:
        if child.tag == _V:
            value = child.text or ""
        elif child.tag == _F:
            formula = child.text or ""
        elif child.tag == _IS:
            inline = [t.text or "" for t in child.iter(_T) if t.getparent().tag != _RPH]
    return kind, value, formula, _cell_text(kind, value, inline, element.get("s"), strings, date_styles, date1904)


def _cell_text(
    kind: str,
    value: str | None,
    inline: list[str],
    style: str | None,
    strings: list[str],
    date_styles: set[int],
    date1904: bool,
) -> str:
    """A cell's value as the user sees it: shared or inline text, TRUE/FALSE, a date, or the number."""
    if kind == "s":
        if not (value or "").isdigit() or int(value) >= len(strings):
            raise _refuse("bad_workbook")
        return strings[int(value)]
    if kind == "inlineStr":
        return "".join(inline)
    if value is None:
        return ""
    if kind == "b":
        return "TRUE" if value.strip() in ("1", "true") else "FALSE"
    if kind == "d":
        return value[:10] if value[10:].strip("T0:.Z") == "" else value.replace("T", " ")
    if kind == "n" and style is not None and style.isdigit() and int(style) in date_styles:
        try:
            return _serial_text(float(value), date1904) or value
        except ValueError:
            return value
    return _number_text(value) if kind == "n" else value


def as_table(sheet: Sheet) -> Table | None:
    """The rows below the header (found below title rows, or over two merged rows); fully empty rows are skipped,
    like blank CSV lines, their numbers kept. None for an empty sheet."""
    cells = sheet.cells
    if not cells:
        return None
    width = max(max(row) for row in cells.values())
    numbers = sorted(cells)
    records = [[cells[r].get(c, "") for c in range(1, width + 1)] for r in numbers[:30]]
    found = find_header(records)
    if found is None:
        return None
    if found.rows == 2 and numbers[found.index - 1] != numbers[found.index] - 1:
        found = type(found)(found.index, records[found.index])  # two header rows are adjacent
    header = [n or f"Unnamed: {c}" for c, n in enumerate(found.names)]
    below = numbers[found.index + 1 :]
    rows = [[cells[r].get(c, "") for c in range(1, width + 1)] for r in below]
    return Table(header, rows, below, numbers[found.index], found.rows)

"""A guarded ODS reader (OpenDocument spreadsheets, as LibreOffice writes them): the first visible sheet as text.

The same hardening as the XLSX reader, through the same `xlsx.Workbook`: the zip directory (member count,
unpacked sizes, duplicate part names) is checked before anything is parsed, each part is unpacked through a
counter that stops at its declared size, and content.xml is parsed by the hardened lxml parser that refuses a DTD
(entities) before the first element. Cells are read as they stream past: repeated empty cells and rows
(LibreOffice writes a million of them at a sheet's end) cost nothing; repeated cells with a value count
against the column and row limits before they are made. A formula without a value is refused; hidden or
filtered rows are reported.
"""

from __future__ import annotations

from kpi import limits as L
from kpi.problems import Problem
from kpi.xlsx import Sheet, Workbook, WorkbookProblem, _drop, _number_text, _refuse, column_letters

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def read_sheet(data: bytes, max_rows: int) -> Sheet:
    """The first visible sheet as cells by row and column (WorkbookProblem if refused)."""
    book = Workbook(data)
    if "mimetype" not in book.sizes or book.zip.read("mimetype").strip() != MIMETYPE:
        raise _refuse("bad_workbook")
    if "content.xml" not in book.sizes:
        raise _refuse("bad_workbook")
    hidden_styles: set[str] = set()
    sheet: _SheetReader | None = None
    for event, element in book.events("content.xml", ("start", "end")):
        tag = element.tag
        if sheet is None:
            if event == "end" and tag == f"{_STYLE}style" and element.get(f"{_STYLE}family") == "table":
                properties = element.find(f"{_STYLE}table-properties")
                if properties is not None and properties.get(f"{_TABLE}display") == "false":
                    hidden_styles.add(element.get(f"{_STYLE}name") or "")
            elif event == "start" and tag == f"{_TABLE}table":
                if element.get(f"{_TABLE}style-name") not in hidden_styles:
                    sheet = _SheetReader(element.get(f"{_TABLE}name") or "", max_rows)
            elif event == "end" and tag == f"{_TABLE}table":
                _drop(element)  # a hidden sheet, skipped
            continue
        if event == "end" and tag == f"{_TABLE}table-row":
            sheet.row(element)
            _drop(element)
        elif event == "end" and tag == f"{_TABLE}table":
            return sheet.finished()
    if sheet is None:
        raise _refuse("no_visible_sheet")
    return sheet.finished()


class _SheetReader:
    """Collects one sheet's cells row by row."""

    def __init__(self, name: str, max_rows: int) -> None:
        self.name, self.max_rows = name, max_rows
        self.cells: dict[int, dict[int, str]] = {}
        self.hidden: list[int] = []
        self.problems: list[Problem] = []
        self.next_row = 1

    def row(self, element) -> None:
        """One <table:row>, possibly repeated."""
        repeat = _count(element.get(f"{_TABLE}number-rows-repeated"))
        values: dict[int, str] = {}
        column = 1
        for cell in element:
            if cell.tag not in _CELLS:
                continue
            times = _count(cell.get(f"{_TABLE}number-columns-repeated"))
            text = self._cell(cell, column)
            if text:
                if column + times - 1 > L.MAX_COLUMNS:
                    raise _refuse(
                        "too_many_columns",
                        value=f"{column_letters(min(column + times - 1, 16384))}{self.next_row}",
                        count=column + times - 1,
                        limit=L.MAX_COLUMNS,
                    )
                for offset in range(times):
                    values[column + offset] = text
            column += times
        if values:
            last = self.next_row + repeat - 1
            if last > self.max_rows + 1:
                raise _refuse("too_many_rows", value=str(last), count=last - 1, limit=self.max_rows)
            hidden = element.get(f"{_TABLE}visibility") in ("collapse", "filter")
            for number in range(self.next_row, last + 1):
                self.cells[number] = dict(values)
                if hidden:
                    self.hidden.append(number)
        self.next_row += repeat

    def _cell(self, cell, column: int) -> str:
        """A cell's value as the user sees it (text, number, date, TRUE/FALSE); a formula needs a value."""
        kind = cell.get(f"{_OFFICE}value-type")
        text = _paragraphs(cell)
        if cell.get(f"{_TABLE}formula") is not None and kind is None and not text:
            self.problems.append(
                _problem("formula_without_value", self.next_row, column, cell.get(f"{_TABLE}formula"), self.name)
            )
            return ""
        if kind in ("float", "percentage", "currency"):
            return _number_text(cell.get(f"{_OFFICE}value") or text)
        if kind == "date":
            value = cell.get(f"{_OFFICE}date-value") or ""
            return value[:10] if value[10:].strip("T0:.Z") == "" else value.replace("T", " ")
        if kind == "boolean":
            return "TRUE" if (cell.get(f"{_OFFICE}boolean-value") or "").lower() == "true" else "FALSE"
        if kind == "time":
            return text
        return text

    def finished(self) -> Sheet:
        if self.problems:
            raise WorkbookProblem(self.problems[:200])
        return Sheet(self.name, self.cells, self.hidden)


def _problem(code: str, row: int, column: int, formula: str | None, sheet: str) -> Problem:
    return Problem(
        code, row, column_letters(column), f"={(formula or '').removeprefix('of:=')}", params=(("sheet", sheet),)
    )


def _count(text: str | None) -> int:
    """A repeat count (1 when absent; a malformed one refuses the workbook)."""
    if text is None:
        return 1
    if not text.isdigit() or int(text) < 1:
        raise _refuse("bad_workbook")
    return int(text)


def _paragraphs(cell) -> str:
    """The text of a cell's paragraphs (lines joined by a line break; text:s, text:tab and line breaks kept)."""
    return "\n".join(_inline(p) for p in cell.iter(f"{_TEXT}p"))


def _inline(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * _count(child.get(f"{_TEXT}c")))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)

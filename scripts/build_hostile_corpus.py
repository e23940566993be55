"""Build the import corpus: files a hostile or careless user would import, and the team's own exports as Dutch
Excel, LibreOffice and CRMs write them, each with the problem it must give or the rows it must store.

Small files are committed in tests/hostile/ (`python scripts/build_hostile_corpus.py` rewrites them, byte for byte
the same). Large ones (`large=True`: millions of rows, zip bombs, giant lines) are written at test time into a
temporary folder: `python scripts/build_hostile_corpus.py --large DIR`. XLSX files are written by hand (fixed zip
dates, exact XML) so that each hostile construct is exactly what the case says.
"""

from __future__ import annotations

import argparse
import io
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kpi.xlsx import column_letters  # noqa: E402  (after the path is set)

SMALL_DIR = ROOT / "tests" / "hostile"
HEADER = [
    "activity_id",
    "date",
    "activity_type",
    "title",
    "direction",
    "role",
    "country",
    "companies",
    "matchmaking_meetings",
]
GOOD = ["H-001", "2018-03-15", "mission", "Beurs Hannover", "outgoing", "lead", "DE", "5", "12"]
SERVICE = ["H-002", "2018-04-01", "service", "Exportadvies", "", "", "NL", "1", "0"]
TARGETS = ["kpi", "plan", "start_year", "end_year", "target_min", "target_max"]


@dataclass(frozen=True)
class Case:
    """One hostile file: how to build it, how to import it, and the problem codes it must give."""

    name: str
    category: str  # csv, xlsx, parquet, values, targets, merge
    build: Callable[[], bytes]
    expect: tuple[str, ...]
    kind: str = "activities"
    mode: str = "update"
    ok: bool = False  # imports, with exactly these warnings
    large: bool = False  # generated at test time, not committed
    needs_store: bool = False  # the problem only shows against the store's current data (the demo data)
    where: tuple[tuple[int | None, str | None, str | None], ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    stored: tuple[tuple[str, ...], ...] = ()  # ok files: the rows stored, as text (STORED_COLUMNS of the kind)
    options: dict[str, str] = field(default_factory=dict)  # how the file is read (date_order, number_locale)


# Writers ----------------------------------------------------------------------------------------------------------
def csv_bytes(rows: list[list[str]], header: list[str] = HEADER, sep: str = ";", encoding: str = "utf-8-sig") -> bytes:
    """A CSV as Dutch Excel writes it: `;`, CRLF, UTF-8 with BOM (cells are written as given, unquoted)."""
    return "".join(sep.join(r) + "\r\n" for r in [header, *rows]).encode(encoding)


def _row(**changes: str) -> list[str]:
    row = dict(zip(HEADER, GOOD))
    row.update(changes)
    return [row[c] for c in HEADER]


def _service(**changes: str) -> list[str]:
    row = dict(zip(HEADER, SERVICE))
    row.update(changes)
    return [row[c] for c in HEADER]


_DATE = (2020, 1, 1, 0, 0, 0)
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{_MAIN}">'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
)


def zip_bytes(parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive with fixed dates, so the same parts give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, _DATE)
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()


def cell(ref: str, value: object) -> str:
    """One cell: text inline, numbers as numbers, ('date', serial) date-styled, ('xml', ...) as given."""
    if isinstance(value, tuple) and value[0] == "date":
        return f'<c r="{ref}" s="1"><v>{value[1]}</v></c>'
    if isinstance(value, tuple) and value[0] == "xml":
        return value[1].replace("REF", ref)
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(rows: list[list[object]], dimension: str | None = "auto", extra_cells: str = "", prolog: str = "") -> str:
    """A worksheet part; `dimension` "auto" is the real used range, None leaves it out."""
    body = []
    for r, values in enumerate(rows, start=1):
        cells = "".join(cell(f"{column_letters(c)}{r}", v) for c, v in enumerate(values, start=1) if v != "")
        body.append(f'<row r="{r}">{cells}</row>')
    if dimension == "auto":
        dimension = f"A1:{column_letters(max(len(r) for r in rows))}{len(rows)}"
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<worksheet xmlns="{_MAIN}">{dim}'
        f"<sheetData>{''.join(body)}{extra_cells}</sheetData></worksheet>"
    )


def xlsx_bytes(sheets: list[tuple[str, str, str]], shared: str | None = None, extra: dict | None = None) -> bytes:
    """A workbook from (name, state, sheet XML) triples, plus optional shared strings and extra parts."""
    entries = "".join(
        f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"'
        + ("" if state == "visible" else f' state="{state}"')
        + "/>"
        for i, (n, state, _) in enumerate(sheets, start=1)
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{entries}</sheets></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
        "</Relationships>",
        "xl/styles.xml": _STYLES,
    }
    for i, (_, _, xml) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    parts.update(extra or {})
    return zip_bytes(parts)


def one_sheet(rows: list[list[object]], **options) -> bytes:
    """A workbook with one visible sheet `Activiteiten`."""
    return xlsx_bytes([("Activiteiten", "visible", sheet_xml(rows, **options))])


def parquet_bytes(table: pa.Table, **options) -> bytes:
    """A Parquet file of `table`."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, **options)
    return sink.getvalue().to_pybytes()


def text_table(rows: list[list[str]], header: list[str] = HEADER, **typed: pa.Array) -> pa.Table:
    """A Parquet-ready table of text columns, with some columns replaced by typed arrays."""
    columns = {name: typed.get(name, pa.array([r[i] for r in rows], pa.string())) for i, name in enumerate(header)}
    return pa.table(columns)


# Hostile constructs -----------------------------------------------------------------------------------------------
_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)


def billion_laughs() -> bytes:
    """The sheet's first title is &lol9; (10^9 'lol's if a parser expanded it)."""
    rows = [HEADER, _row(title="TITLE")]
    xml = sheet_xml(rows, prolog=_LAUGHS).replace('<t xml:space="preserve">TITLE</t>', "<t>&lol9;</t>")
    return xlsx_bytes([("Activiteiten", "visible", xml)])


def external_entity() -> bytes:
    """Shared strings that pull /etc/passwd in through an external entity."""
    shared = (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>'
    )
    rows = [HEADER, _row(title=("xml", '<c r="REF" t="s"><v>0</v></c>'))]
    return xlsx_bytes([("Activiteiten", "visible", sheet_xml(rows))], shared=shared)


def zip_bomb(unpacked: int) -> bytes:
    """A workbook whose sheet unpacks to `unpacked` bytes of spaces (about 1000:1)."""
    xml = sheet_xml([HEADER, GOOD])
    padding = b" " * (unpacked - len(xml))
    head, tail = xml.split("<sheetData>")
    return xlsx_bytes([("Activiteiten", "visible", head.encode() + padding + b"<sheetData>" + tail.encode())])


def lying_zip_bomb() -> bytes:
    """A zip bomb whose zip directory claims the sheet is 2 KB (it unpacks to 300 MB)."""
    data = zip_bomb(300 * 1024 * 1024)
    member = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    patched = bytearray(data)
    struct.pack_into("<I", patched, member.header_offset + 22, 2048)  # local header: uncompressed size
    central = patched.find(b"PK\x01\x02" + patched[member.header_offset + 4 : member.header_offset + 10])
    while central >= 0:
        name_len = struct.unpack_from("<H", patched, central + 28)[0]
        if patched[central + 46 : central + 46 + name_len] == member.filename.encode():
            struct.pack_into("<I", patched, central + 24, 2048)
            break
        central = patched.find(b"PK\x01\x02", central + 4)
    return bytes(patched)


def many_rows_csv() -> bytes:
    """One row more than the default row limit (1,000,000 data rows), each a short valid service."""
    line = b"S;2018-01-02;service\r\n"
    return b"activity_id;date;activity_type\r\n" + line * 1_000_001


def many_cells_csv() -> bytes:
    """1,000,000 rows of 21 columns: each limit alone is kept, rows x columns (21,000,000) is not."""
    header = ["activity_id", "date", "activity_type"] + [f"extra{i}" for i in range(18)]
    return ";".join(header).encode() + b"\r\n" + (b"S;2018-01-02;service" + b";0" * 18 + b"\r\n") * 1_000_000


def all_bad_rows_csv() -> bytes:
    """300,000 rows that each break seven rules: 2.1 million problems if nothing stopped listing them."""
    return csv_bytes([]) + b"D1;31-02-2018;party;t;north;boss;ZZ;-1;0\r\n" * 300_000


def overlapping_plans_csv() -> bytes:
    """100,000 multi-year plans over the same years: every pair overlaps (5 billion pairs)."""
    return csv_bytes([], header=TARGETS) + b"".join(
        f"missions;MJP {i};2020;2023;1;\r\n".encode() for i in range(100_000)
    )


def large_csv_with_emoji() -> bytes:
    """160,000 valid services (9 MB: the fast reader's path) with one title beyond U+FFFF: read, not refused."""
    rows = [
        _service(activity_id=f"E-{i:06d}", title="Beurs 🎉" if i == 7 else f"Exportadvies {i}") for i in range(160_000)
    ]
    return csv_bytes(rows)


def long_line_csv() -> bytes:
    """A title of 2 MB on one line (a 1 MB line limit)."""
    return csv_bytes([_row(title="x" * (2 * 1024 * 1024))])


def nul_after_64k(column: str) -> bytes:
    """1,000 valid services (beyond the first 64 KiB), then a row with a NUL byte in `column`."""
    rows = [_service(activity_id=f"H-{i:04d}", title=f"Exportadvies nummer {i} voor een bedrijf") for i in range(1000)]
    value = "Beurs\x00Hannover" if column == "title" else "H-9\x009"
    rows.append(_service(**{column: value, "activity_id": "H-9999" if column == "title" else value}))
    return csv_bytes(rows)


def parquet_repeat_zeros(count: int) -> bytes:
    """`count` rows of one repeated value, built without a Python list (cheap for 20 million rows)."""
    indices = pa.nulls(count, pa.int8()).fill_null(0)
    column = pa.DictionaryArray.from_arrays(indices, pa.array(["S-1"]))
    return parquet_bytes(pa.table({"activity_id": column, "date": column, "activity_type": column}), compression="zstd")


def parquet_text_bomb() -> bytes:
    """1,000,000 rows (within the row limit) of one 300-byte title: 300 MB of text once decoded."""
    indices = pa.nulls(1_000_000, pa.int8()).fill_null(0)
    title = pa.DictionaryArray.from_arrays(indices, pa.array(["t" * 300]))
    small = pa.DictionaryArray.from_arrays(indices, pa.array(["x"]))
    return parquet_bytes(
        pa.table({"activity_id": small, "date": small, "activity_type": small, "title": title}), compression="zstd"
    )


def parquet_wide_numbers() -> bytes:
    """1,000,000 rows of 12 zero-valued int64 columns: a 10 KB file that is 288 MB once its numbers are text."""
    zeros = pa.nulls(1_000_000, pa.int64()).fill_null(0)
    return parquet_bytes(pa.table({f"n{i}": zeros for i in range(12)}), compression="zstd")


def many_row_groups(groups: int) -> bytes:
    """`groups` row groups of one row each: a few rows, but metadata and reading costs per group."""
    table = pa.table(
        {
            "activity_id": [f"S{i}" for i in range(groups)],
            "date": ["2018-01-02"] * groups,
            "activity_type": ["service"] * groups,
        }
    )
    return parquet_bytes(table, row_group_size=1)


def cfb_header() -> bytes:
    """The first bytes of an OLE compound file: an old .xls, or an encrypted .xlsx."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


# The corpus -------------------------------------------------------------------------------------------------------
def _targets(*rows: list[str]) -> bytes:
    return csv_bytes(list(rows), header=TARGETS)


def _xlsx_rows(*rows: list[object]) -> list[list[object]]:
    return [HEADER, *rows]


# Careless files (the former tests/bad_files corpus) -------------------------------------------------------------
_B_HEADER = "activity_id;date;activity_type;title;direction;role;country;companies;matchmaking_meetings"
_B_GOOD = "Z-001;2018-03-15;mission;Beurs Hannover;outgoing;lead;DE;5;12"
_B_TARGETS = "kpi;plan;start_year;end_year;target_min;target_max"
LIMIT_MB = "0.02"  # the size limit the too-large case is checked against (KPI_MAX_UPLOAD_MB)


def _lines(*rows: str, header: str = _B_HEADER) -> bytes:
    return ("\n".join((header, *rows)) + "\n").encode("utf-8")


def _frame_xlsx(rows: list[list[str | None]], header: list[str]) -> bytes:
    """A workbook with one sheet: the header, then the rows (empty cells left out)."""
    return one_sheet([header, *[[c or "" for c in row] for row in rows]])


def _good_xlsx(**changes: str | None) -> bytes:
    header = _B_HEADER.split(";")
    row: list[str | None] = list(_B_GOOD.split(";"))
    for key, value in changes.items():
        row[header.index(key)] = value
    return _frame_xlsx([row], header)


def _good_parquet() -> bytes:
    return parquet_bytes(text_table([_B_GOOD.split(";")], header=_B_HEADER.split(";")))


def _png() -> bytes:
    import random

    rng = random.Random(4)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2000))


def _zip_without_workbook() -> bytes:
    return zip_bytes({"readme.txt": "not a workbook"})


_GOOD_LINE = _B_GOOD
CARELESS: tuple[Case, ...] = tuple(
    Case(name, "careless", build, expect, **options)  # type: ignore[arg-type]
    for name, build, expect, options in (
        ("wrong_delimiter_colon.csv", lambda: _lines(_GOOD_LINE).replace(b";", b":"), ("one_column",), {}),
        (
            "mixed_delimiters.csv",
            lambda: _lines(_GOOD_LINE.replace(";", ",")),
            ("required",),
            {"where": ((2, "date", ""),)},
        ),
        (
            "extra_cell_in_row.csv",
            lambda: _lines(_GOOD_LINE + ";oops"),
            ("extra_fields",),
            {"where": ((2, None, _GOOD_LINE + ";oops"),)},
        ),
        (
            "utf16_unicode_text.csv",
            lambda: _lines(_GOOD_LINE).decode().replace(";", "\t").encode("utf-16"),
            ("not_text",),
            {},
        ),
        ("utf16le_without_bom.csv", lambda: _lines(_GOOD_LINE).decode().encode("utf-16-le"), ("not_text",), {}),
        (
            "mixed_encodings.csv",
            lambda: (
                _lines(_GOOD_LINE)
                + "Z-002;2018-04-01;service;Köln;;;NL;1;0\n".encode("cp1252")
                + "Z-003;2018-04-02;service;Zürich;;;NL;1;0\n".encode()
            ),
            ("mixed_encoding",),
            {},
        ),
        (
            "missing_date_column.csv",
            lambda: _lines("Z-001;mission", header="activity_id;activity_type"),
            ("missing_column",),
            {"where": ((None, "date", None),)},
        ),
        (
            "missing_id_and_type.csv",
            lambda: _lines("2018-03-15;Beurs", header="date;title"),
            ("missing_column",),
            {"where": ((None, "activity_id", None), (None, "activity_type", None))},
        ),
        (
            "duplicate_header.csv",
            lambda: _lines(_GOOD_LINE + ";2018-03-16", header=_B_HEADER + ";date"),
            ("duplicate_column",),
            {"where": ((None, "date", None),)},
        ),
        (
            "alias_and_canonical_header.csv",
            lambda: _lines(_GOOD_LINE + ";2018-03-16", header=_B_HEADER + ";datum"),
            ("duplicate_column",),
            {"where": ((None, "date", None),)},
        ),
        (
            "extra_unknown_columns.csv",
            lambda: _lines(_GOOD_LINE + ";Anna;CRM-77", header=_B_HEADER + ";crm_owner;crm_ref"),
            (),
            {"ok": True},
        ),
        ("empty.csv", lambda: b"", ("empty_file",), {}),
        ("whitespace_only.csv", lambda: b"\r\n   \r\n\t\r\n", ("empty_file",), {}),
        ("header_only.csv", lambda: (_B_HEADER + "\r\n").encode(), ("no_rows",), {}),
        ("header_only.xlsx", lambda: _frame_xlsx([], _B_HEADER.split(";")), ("no_rows",), {}),
        (
            "date_day_first_february_31.csv",
            lambda: _lines(_GOOD_LINE.replace("2018-03-15", "31-02-2018")),
            ("bad_date",),
            {"where": ((2, "date", "31-02-2018"),)},
        ),
        (
            "date_month_13.csv",
            lambda: _lines(_GOOD_LINE.replace("2018-03-15", "2018/13/01")),
            ("bad_date",),
            {"where": ((2, "date", "2018/13/01"),)},
        ),
        (
            "date_as_text.csv",
            lambda: _lines(_GOOD_LINE.replace("2018-03-15", "maart 2018")),
            ("bad_date",),
            {"where": ((2, "date", "maart 2018"),)},
        ),
        (
            "date_february_30.csv",
            lambda: _lines(_GOOD_LINE.replace("2018-03-15", "2018-02-30")),
            ("bad_date",),
            {"where": ((2, "date", "2018-02-30"),)},
        ),
        (
            "negative_count.csv",
            lambda: _lines(_GOOD_LINE.replace(";5;12", ";-3;12")),
            ("bad_count",),
            {"where": ((2, "companies", "-3"),)},
        ),
        (
            "fractional_count.csv",
            lambda: _lines(_GOOD_LINE.replace(";5;12", ";2.5;12"), 'Z-002;2018-04-01;service;x;;;NL;1;"2,5"'),
            ("bad_count",),
            {"where": ((2, "companies", "2.5"), (3, "matchmaking_meetings", "2,5"))},
        ),
        (
            "count_as_text.csv",
            lambda: _lines(_GOOD_LINE.replace(";5;12", ";vijf;12")),
            ("bad_count",),
            {"where": ((2, "companies", "vijf"),)},
        ),
        (
            "duplicate_ids_in_file.csv",
            lambda: _lines(_GOOD_LINE, _GOOD_LINE.replace("Beurs", "Andere beurs")),
            ("duplicate_id",),
            {"where": ((2, "activity_id", "Z-001"), (3, "activity_id", "Z-001"))},
        ),
        (
            "duplicate_ids_in_store.csv",
            lambda: _lines("BB17-001;2018-01-12;company_visit;Bezoek;;;NL;1;0"),
            ("duplicate_in_store",),
            {"mode": "add", "needs_store": True, "where": ((2, "activity_id", "BB17-001"),)},
        ),
        (
            "empty_id.csv",
            lambda: _lines(_GOOD_LINE.replace("Z-001", "")),
            ("required",),
            {"where": ((2, "activity_id", ""),)},
        ),
        (
            "unknown_activity_type.csv",
            lambda: _lines(_GOOD_LINE.replace("mission", "party")),
            ("bad_activity_type",),
            {"where": ((2, "activity_type", "party"),)},
        ),
        (
            "unknown_country.csv",
            lambda: _lines(_GOOD_LINE.replace(";DE;", ";Atlantis;")),
            ("bad_country",),
            {"where": ((2, "country", "ATLANTIS"),)},
        ),
        (
            "mission_without_direction.csv",
            lambda: _lines(_GOOD_LINE.replace("outgoing", "")),
            ("mission_needs_direction",),
            {"where": ((2, "direction", ""),)},
        ),
        (
            "mission_without_role.csv",
            lambda: _lines(_GOOD_LINE.replace(";lead;", ";;")),
            ("mission_needs_role",),
            {"where": ((2, "role", ""),)},
        ),
        (
            "mission_at_home.csv",
            lambda: _lines(_GOOD_LINE.replace(";DE;", ";NL;")),
            ("mission_needs_country",),
            {"where": ((2, "country", "NL"),)},
        ),
        (
            "visit_with_direction.csv",
            lambda: _lines("Z-009;2018-05-01;company_visit;Bezoek;incoming;;NL;1;0"),
            ("direction_not_mission",),
            {"where": ((2, "direction", "incoming"),)},
        ),
        (
            "service_with_role.csv",
            lambda: _lines("Z-010;2018-05-01;service;Service;;partner;NL;1;0"),
            ("role_not_mission",),
            {"where": ((2, "role", "partner"),)},
        ),
        (
            "mission_without_role.xlsx",
            lambda: _good_xlsx(role=None),
            ("mission_needs_role",),
            {"where": ((2, "role", ""),)},
        ),
        (
            "formula_like_text.csv",
            lambda: _lines(
                _GOOD_LINE.replace("Beurs Hannover", '"=HYPERLINK(""http://x"",""klik"")"'),
                "Z-002;2018-04-01;service;@SUM(A1);;;NL;1;0",
            ),
            ("formula_like",),
            {"ok": True, "where": ((2, "title", '=HYPERLINK("http://x","klik")'), (3, "title", "@SUM(A1)"))},
        ),
        (
            "over_size_limit.csv",
            lambda: _lines(*[f"BIG-{i:05d};2018-01-02;service;Service {i};;;NL;1;0" for i in range(700)]),
            ("too_large",),
            {"env": {"KPI_MAX_UPLOAD_MB": LIMIT_MB}},
        ),
        ("binary_garbage.csv", _png, ("not_text",), {}),
        ("xlsx_named_csv.csv", lambda: _good_xlsx(), ("not_text",), {}),
        ("truncated.xlsx", lambda: _good_xlsx()[: len(_good_xlsx()) // 2], ("bad_workbook",), {}),
        ("csv_named_xlsx.xlsx", lambda: _lines(_GOOD_LINE), ("bad_workbook",), {}),
        ("zip_without_workbook.xlsx", _zip_without_workbook, ("bad_workbook",), {}),
        ("truncated.parquet", lambda: _good_parquet()[:200], ("bad_parquet",), {}),
        ("spreadsheet_not_ods.ods", lambda: b"PK\x03\x04 not supported", ("bad_workbook",), {}),
        ("notes.docx", lambda: b"hello", ("unknown_format",), {}),
        (
            "targets_unknown_kpi.csv",
            lambda: _lines("visits;AP 2018;2018;2018;10;", header=_B_TARGETS),
            ("bad_kpi",),
            {"kind": "targets", "where": ((2, "kpi", "visits"),)},
        ),
        (
            "targets_end_before_start.csv",
            lambda: _lines("missions;MJP x;2020;2017;24;32", header=_B_TARGETS),
            ("end_before_start",),
            {"kind": "targets", "where": ((2, "end_year", "2017"),)},
        ),
        (
            "targets_max_below_min.csv",
            lambda: _lines("missions;AP 2019;2019;2019;8;6", header=_B_TARGETS),
            ("max_below_min",),
            {"kind": "targets", "where": ((2, "target_max", "6"),)},
        ),
        (
            "targets_period_clash_with_store.csv",
            lambda: _lines("services;MJP 2017-2020;2017;2021;10;", header=_B_TARGETS),
            ("plan_period_mismatch",),
            {"kind": "targets", "needs_store": True},
        ),
    )
)


# The team's own exports: Dutch Excel, LibreOffice, a CRM -----------------------------------------------------------
NL_HEADER = ["Activiteit ID", "Datum", "Soort activiteit", "Titel", "Richting", "Rol", "Land", "Bedrijven"]
STORED_COLUMNS = {
    "activities": ("activity_id", "date", "activity_type", "direction", "role", "country", "companies"),
    "targets": ("kpi", "plan", "start_year", "end_year", "target_min", "target_max"),
}


def text_csv(lines: list[list[str]], sep: str = ";", encoding: str = "cp1252", bom: bool = False) -> bytes:
    """A CSV as a spreadsheet writes it: cells holding the separator or a quote are quoted, CRLF line ends."""

    def quoted(cell: str) -> str:
        return f'"{cell.replace(chr(34), chr(34) * 2)}"' if sep in cell or '"' in cell or "\n" in cell else cell

    text = "".join(sep.join(quoted(c) for c in line) + "\r\n" for line in lines)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


_NL_ROWS = [
    ["M18-01", "15-3-2018", "Missie", "Smart Manufacturing Beieren", "Uitgaand", "Leadpartner", "Duitsland", "12"],
    ["M18-02", "2-10-2018", "missie", "SelectUSA Chicago", "uitgaand", "partner", "Verenigde Staten", "4"],
    ["M18-03", "21-5-2018", "Missie", "Delegatie Shenzhen", "Inkomend", "lead", "China", "19"],
    ["IB18-01", "1-2-2018", "Informatiebijeenkomst", "Zakendoen in Duitsland", "", "", "", ""],
]
_NL_STORED = (
    ("M18-01", "2018-03-15", "mission", "outgoing", "lead", "DE", "12"),
    ("M18-02", "2018-10-02", "mission", "outgoing", "partner", "US", "4"),
    ("M18-03", "2018-05-21", "mission", "incoming", "lead", "CN", "19"),
    ("IB18-01", "2018-02-01", "info_meeting", "", "", "", "0"),
)


def excel_nl_cp1252() -> bytes:
    """Dutch Excel 'CSV (gescheiden door lijstscheidingsteken)': `;`, Windows-1252, Dutch headers, d-m-yyyy."""
    return text_csv([NL_HEADER, *_NL_ROWS])


def excel_nl_utf8_sep() -> bytes:
    """Dutch Excel 'CSV UTF-8' with a BOM and the `sep=;` first line some tools add; a quoted title with `;`."""
    rows = [r[:] for r in _NL_ROWS]
    rows[0][3] = "Smart Manufacturing; Beieren “Industrie 4.0”"
    return b"\xef\xbb\xbf" + b"sep=;\r\n" + text_csv([NL_HEADER, *rows], encoding="utf-8")


def libreoffice_csv() -> bytes:
    """LibreOffice's CSV export: `,`, UTF-8 without BOM, every text quoted, ISO alpha-3 countries."""
    header = ["activity_id", "date", "activity_type", "title", "direction", "role", "country", "companies"]
    rows = [
        ["M18-01", "15-03-2018", "mission", "Beurs, Hannover", "outgoing", "lead", "DEU", "12"],
        ["M18-02", "02-10-2018", "mission", "SelectUSA", "outgoing", "partner", "USA", "4"],
    ]
    lines = [",".join(f'"{c}"' if not c.isdigit() else c for c in row) for row in [header, *rows]]
    return ("\n".join(lines) + "\n").encode("utf-8")


def crm_title_block() -> bytes:
    """A CRM export: two title lines and a blank line above the header, non-breaking spaces in header names,
    a quoted header name holding commas, Ja/Nee columns, blank lines between the rows."""
    header = [
        "Activiteit\xa0ID",
        "Datum",
        "Soort\xa0activiteit",
        "Omschrijving, kort",
        "Land",
        "Leadpartner",
        "Inkomend",
        "Aantal bedrijven",
    ]
    return text_csv(
        [
            ["Export CRM 2018", "", "", "", "", "", "", ""],
            ["Gegenereerd op 3-1-2019 door Anna", "", "", "", "", "", "", ""],
            [""] * 8,
            header,
            ["M18-01", "15-03-2018", "Missie", "Beieren", "Duitsland", "Ja", "Nee", "12"],
            [""] * 8,
            ["M18-03", "21-05-2018", "Missie", "Shenzhen", "China", "Ja", "Ja", "19"],
            ["BB18-01", "02-02-2018", "Bedrijfsbezoek", "Bezoek", "", "Nee", "Nee", ""],
        ],
        encoding="utf-8",
        bom=True,
    )


def crm_merged_header_xlsx() -> bytes:
    """A workbook with a title row, then a two-row header: `Activiteit ID` and `Datum` merged over both rows, a
    group `Missie` over `Richting`, `Rol` and `Land`; a hidden (filtered) row."""
    rows: list[list[object]] = [
        ["CRM export activiteiten 2018"],
        ["Activiteit ID", "Datum", "Soort activiteit", "Missie", "", "", "Bedrijven"],
        ["", "", "", "Richting", "Rol", "Land", ""],
        ["M18-01", ("date", 43174), "Missie", "Uitgaand", "Lead", "Duitsland", 12],
        ["M18-03", ("date", 43241), "Missie", "Inkomend", "Lead", "CN", 19],
        ["IB18-01", ("date", 43132), "Informatiebijeenkomst", "", "", "", ""],
    ]
    xml = sheet_xml(rows).replace(
        "</sheetData>",
        '</sheetData><mergeCells count="3"><mergeCell ref="A2:A3"/><mergeCell ref="B2:B3"/>'
        '<mergeCell ref="D2:F2"/></mergeCells>',
    )
    xml = xml.replace('<row r="6">', '<row r="6" hidden="1">')
    return xlsx_bytes([("Export", "visible", xml)])


def ods_bytes(sheets: list[tuple[str, bool, list[list[object]]]], prolog: str = "", extra: dict | None = None) -> bytes:
    """An ODS as LibreOffice writes it: (name, visible, rows); cells typed (float, date), empty cells and rows
    repeated to the sheet's end."""
    styles = "".join(
        f'<style:style style:name="ta{i}" style:family="table"><style:table-properties table:display='
        f'"{"true" if visible else "false"}"/></style:style>'
        for i, (_, visible, _) in enumerate(sheets)
    )
    tables = []
    for i, (name, _, rows) in enumerate(sheets):
        body = []
        for row in rows:
            cells = []
            for value in row:
                if isinstance(value, tuple) and value[0] == "date":
                    cells.append(
                        f'<table:table-cell office:value-type="date" office:date-value="{value[1]}">'
                        f"<text:p>{value[1]}</text:p></table:table-cell>"
                    )
                elif isinstance(value, tuple) and value[0] == "xml":
                    cells.append(value[1])
                elif isinstance(value, (int, float)):
                    cells.append(
                        f'<table:table-cell office:value-type="float" office:value="{value}">'
                        f"<text:p>{value}</text:p></table:table-cell>"
                    )
                elif value == "":
                    cells.append("<table:table-cell/>")
                else:
                    cells.append(
                        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
                        "</table:table-cell>"
                    )
            cells.append('<table:table-cell table:number-columns-repeated="1016"/>')
            body.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
        body.append(
            '<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
            'table:number-columns-repeated="1024"/></table:table-row>'
        )
        tables.append(
            f'<table:table table:name="{escape(name)}" table:style-name="ta{i}">'
            f'<table:table-column table:number-columns-repeated="1024"/>{"".join(body)}</table:table>'
        )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">'
        f"<office:automatic-styles>{styles}</office:automatic-styles><office:body><office:spreadsheet>"
        f"{''.join(tables)}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    parts: dict[str, bytes | str] = {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": content,
        "META-INF/manifest.xml": manifest,
    }
    parts.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, _DATE)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


_ODS_ROWS: list[list[object]] = [
    ["Activiteit ID", "Datum", "Soort activiteit", "Richting", "Rol", "Land", "Bedrijven"],
    ["M18-01", ("date", "2018-03-15"), "Missie", "Uitgaand", "Lead", "Duitsland", 12],
    ["M18-02", ("date", "2018-10-02"), "Missie", "Uitgaand", "Partner", "Verenigde Staten", 4],
]


def _duplicate_part_xlsx() -> bytes:
    """A workbook holding its sheet twice under one name: the second copy (other data) wins in some readers."""
    good = one_sheet(_xlsx_rows(GOOD))
    other = sheet_xml(_xlsx_rows(_row(companies="99")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info.filename))
        with __import__("warnings").catch_warnings():
            __import__("warnings").simplefilter("ignore")  # zipfile warns about the duplicate name: that is the case
            archive.writestr(zipfile.ZipInfo("xl/worksheets/sheet1.xml", _DATE), other)
    return buffer.getvalue()


EXPORTS: tuple[Case, ...] = (
    Case("export_excel_nl_cp1252.csv", "exports", excel_nl_cp1252, (), ok=True, stored=_NL_STORED),
    Case("export_excel_nl_utf8_sep_line.csv", "exports", excel_nl_utf8_sep, (), ok=True, stored=_NL_STORED),
    Case(
        "export_libreoffice.csv",
        "exports",
        libreoffice_csv,
        (),
        ok=True,
        stored=(
            ("M18-01", "2018-03-15", "mission", "outgoing", "lead", "DE", "12"),
            ("M18-02", "2018-10-02", "mission", "outgoing", "partner", "US", "4"),
        ),
    ),
    Case(
        "export_libreoffice.ods",
        "exports",
        lambda: ods_bytes([("Oud", False, [["activity_id"], ["OLD-1"]]), ("Activiteiten", True, _ODS_ROWS)]),
        (),
        ok=True,
        stored=(
            ("M18-01", "2018-03-15", "mission", "outgoing", "lead", "DE", "12"),
            ("M18-02", "2018-10-02", "mission", "outgoing", "partner", "US", "4"),
        ),
    ),
    Case(
        "export_crm_title_block.csv",
        "exports",
        crm_title_block,
        ("header_row",),
        ok=True,
        stored=(
            ("M18-01", "2018-03-15", "mission", "outgoing", "lead", "DE", "12"),
            ("M18-03", "2018-05-21", "mission", "incoming", "lead", "CN", "19"),
            ("BB18-01", "2018-02-02", "company_visit", "", "", "", "0"),
        ),
    ),
    Case(
        "export_crm_merged_header.xlsx",
        "exports",
        crm_merged_header_xlsx,
        ("header_row", "hidden_rows"),
        ok=True,
        stored=(
            ("M18-01", "2018-03-15", "mission", "outgoing", "lead", "DE", "12"),
            ("M18-03", "2018-05-21", "mission", "incoming", "lead", "CN", "19"),
            ("IB18-01", "2018-02-01", "info_meeting", "", "", "", "0"),
        ),
    ),
    Case(
        "export_targets_thousands.csv",
        "exports",
        lambda: text_csv(
            [
                ["kpi", "plan", "startjaar", "eindjaar", "doel_min", "doel_max"],
                ["matchmaking_meetings", "MJP 2021-2024", "2021", "2024", "1.200", ""],
                ["missions", "MJP 2021-2024", "2021", "2024", "24", "32"],
            ]
        ),
        (),
        kind="targets",
        ok=True,
        stored=(
            ("matchmaking_meetings", "MJP 2021-2024", "2021", "2024", "1200", ""),
            ("missions", "MJP 2021-2024", "2021", "2024", "24", "32"),
        ),
    ),
    Case(
        "export_dates_ambiguous.csv",
        "exports",
        lambda: text_csv(
            [
                NL_HEADER[:3],
                ["IB18-01", "1-4-2018", "Informatiebijeenkomst"],
                ["IB18-02", "3-5-2018", "Informatiebijeenkomst"],
            ]
        ),
        ("dates_ambiguous",),
        where=((2, "date", "1-4-2018"), (3, "date", "3-5-2018")),
    ),
    Case(
        "export_dates_ambiguous_confirmed.csv",
        "exports",
        lambda: text_csv(
            [
                NL_HEADER[:3],
                ["IB18-01", "1-4-2018", "Informatiebijeenkomst"],
                ["IB18-02", "3-5-2018", "Informatiebijeenkomst"],
            ]
        ),
        (),
        ok=True,
        options={"date_order": "dmy"},
        stored=(
            ("IB18-01", "2018-04-01", "info_meeting", "", "", "", "0"),
            ("IB18-02", "2018-05-03", "info_meeting", "", "", "", "0"),
        ),
    ),
    Case(
        "export_dates_mixed_order.csv",
        "exports",
        lambda: text_csv(
            [
                NL_HEADER[:3],
                ["IB18-01", "15-4-2018", "Informatiebijeenkomst"],
                ["IB18-02", "4-15-2018", "Informatiebijeenkomst"],
            ]
        ),
        ("dates_mixed_order",),
        where=((3, "date", "4-15-2018"),),
    ),
    Case(
        "export_ids_as_numbers.csv",
        "exports",
        lambda: text_csv(
            [
                NL_HEADER[:3],
                ["1.23456789012346E+17", "15-3-2018", "Bedrijfsbezoek"],
                ["1.23456789012346E+17", "16-3-2018", "Bedrijfsbezoek"],
            ]
        ),
        ("id_as_number", "duplicate_id"),
        where=((2, "activity_id", "1.23456789012346E+17"), (3, "activity_id", "1.23456789012346E+17")),
    ),
    Case(
        "export_ids_as_numbers.xlsx",
        "exports",
        lambda: one_sheet(
            [["activity_id", "date", "activity_type"], [1.2345678901234568e17, ("date", 43174), "service"]]
        ),
        ("id_as_number",),
        where=((2, "activity_id", "1.2345678901234568e+17"),),
    ),
    Case(
        "export_lookalike_cyrillic_id.csv",
        "exports",
        lambda: text_csv(
            [
                NL_HEADER[:3],
                ["IB18-01", "15-3-2018", "Informatiebijeenkomst"],
                ["\u0406B18-01", "16-3-2018", "Informatiebijeenkomst"],
            ],
            encoding="utf-8",
        ),
        ("lookalike_id",),
        where=((2, "activity_id", "IB18-01"), (3, "activity_id", "\u0406B18-01")),
    ),
    Case(
        "export_lookalike_case_id.csv",
        "exports",
        lambda: text_csv(
            [NL_HEADER[:3], ["M18-01", "15-3-2018", "Bedrijfsbezoek"], ["m18-01", "16-3-2018", "Bedrijfsbezoek"]]
        ),
        ("lookalike_id",),
        where=((3, "activity_id", "m18-01"),),
    ),
    Case(
        "export_lookalike_stored_id.csv",
        "exports",
        lambda: text_csv([["Titel", "Export"], ["", ""], NL_HEADER[:3], ["m17-01", "14-3-2017", "Bedrijfsbezoek"]]),
        ("lookalike_in_store",),
        needs_store=True,
        where=((4, "activity_id", "m17-01"),),
    ),
    Case(
        "export_targets_offered_as_activities.csv",
        "exports",
        lambda: text_csv([["kpi", "plan", "start_year", "end_year"], ["missions", "AP 2021", "2021", "2021"]]),
        ("looks_like_targets", "missing_column"),
    ),
    Case(
        "export_activities_offered_as_targets.csv",
        "exports",
        excel_nl_cp1252,
        ("looks_like_activities", "missing_column"),
        kind="targets",
    ),
    Case(
        "export_column_twice_after_spaces.csv",
        "exports",
        lambda: text_csv(
            [
                ["activity_id", "date", "activity_type", "Aantal\xa0 bedrijven", "aantal bedrijven"],
                ["A", "2018-01-01", "service", "1", "2"],
            ]
        ),
        ("duplicate_column",),
    ),
    Case(
        "export_mojibake_utf8_and_cp1252.csv",
        "exports",
        lambda: (
            text_csv([NL_HEADER[:4], ["A", "2018-01-01", "service", "Caf\u00e9"]])
            + "B;2018-01-02;service;Beurs \u2019s-Hertogenbosch\r\n".encode("utf-8")
        ),
        ("mixed_encoding",),
    ),
    Case(
        "export_control_characters.csv",
        "exports",
        lambda: text_csv([NL_HEADER[:4], ["A", "2018-01-01", "service", "Caf\u00e9\x02"]]),
        ("bad_encoding",),
    ),
    Case("xlsx_duplicate_part.xlsx", "exports", _duplicate_part_xlsx, ("duplicate_part",)),
    Case(
        "xlsx_cell_twice.xlsx",
        "exports",
        lambda: xlsx_bytes(
            [
                (
                    "Activiteiten",
                    "visible",
                    sheet_xml(_xlsx_rows(GOOD)).replace(
                        "</row></sheetData>", '<c r="H2"><v>99</v></c></row></sheetData>'
                    ),
                )
            ]
        ),
        ("cell_twice",),
    ),
    Case(
        "xlsx_formula_empty_cached_value.xlsx",
        "exports",
        lambda: one_sheet(_xlsx_rows(_row(companies=("xml", '<c r="REF"><f>SUM(J2:J9)</f><v></v></c>')))),
        ("formula_without_value",),
        where=((2, "H", "=SUM(J2:J9)"),),
    ),
    Case(
        "ods_billion_laughs.ods",
        "exports",
        lambda: ods_bytes([("Activiteiten", True, _ODS_ROWS)], prolog=_LAUGHS),
        ("xml_forbidden",),
    ),
    Case(
        "ods_formula_without_value.ods",
        "exports",
        lambda: ods_bytes(
            [
                (
                    "Activiteiten",
                    True,
                    [
                        _ODS_ROWS[0],
                        [*_ODS_ROWS[1][:6], ("xml", '<table:table-cell table:formula="of:=SUM([.J2:.J9])"/>')],
                    ],
                )
            ]
        ),
        ("formula_without_value",),
        where=((2, "G", "=SUM([.J2:.J9])"),),
    ),
    Case(
        "ods_all_sheets_hidden.ods",
        "exports",
        lambda: ods_bytes([("Oud", False, _ODS_ROWS)]),
        ("no_visible_sheet",),
    ),
)


CASES: tuple[Case, ...] = (
    # CSV structure and limits
    Case(
        "csv_30000_columns.csv",
        "csv",
        lambda: csv_bytes([GOOD], header=HEADER + [f"x{i}" for i in range(30_000)]),
        ("too_many_columns",),
        large=True,
    ),
    Case(
        "csv_201_columns.csv",
        "csv",
        lambda: csv_bytes([GOOD + [""] * 192], header=HEADER + [f"extra{i}" for i in range(192)]),
        ("too_many_columns",),
    ),
    Case(
        "csv_duplicate_column_any_case.csv",
        "csv",
        lambda: csv_bytes([GOOD + ["6"]], header=HEADER + ["Companies "]),
        ("duplicate_column",),
        where=((None, "companies", None),),
    ),
    Case("csv_1000001_rows.csv", "csv", many_rows_csv, ("too_many_rows",), large=True),
    Case(
        "csv_rows_over_setting.csv",
        "csv",
        lambda: csv_bytes([_service(activity_id=f"R{i}") for i in range(12)]),
        ("too_many_rows",),
        env={"KPI_MAX_ROWS": "10"},
    ),
    Case("csv_2mb_line.csv", "csv", long_line_csv, ("line_too_long",), large=True),
    Case("csv_21m_cells.csv", "csv", many_cells_csv, ("too_many_cells",), large=True),
    Case("csv_large_with_emoji.csv", "csv", large_csv_with_emoji, (), ok=True, large=True),
    Case(
        "csv_300k_rows_all_bad.csv",
        "values",
        all_bad_rows_csv,
        (
            "bad_date",
            "bad_activity_type",
            "bad_direction",
            "bad_role",
            "bad_country",
            "bad_count",
            "duplicate_id",
            "more_rows",
        ),
        large=True,
        where=((2, "date", "31-02-2018"), (101, "date", "31-02-2018"), (None, "date", None)),
    ),
    Case(
        "csv_cell_3000_chars.csv",
        "csv",
        lambda: csv_bytes([_row(title="y" * 3000)]),
        ("cell_too_long",),
        where=((2, "title", "y" * 40 + "…"),),
    ),
    Case(
        "csv_nul_in_title_after_64k.csv",
        "csv",
        lambda: nul_after_64k("title"),
        ("stripped_chars",),
        ok=True,
        where=((1002, "title", "Beurs<U+0000>Hannover"),),
    ),
    Case(
        "csv_nul_in_id_after_64k.csv",
        "csv",
        lambda: nul_after_64k("activity_id"),
        ("bad_id_chars",),
        where=((1002, "activity_id", "H-9<U+0000>9"),),
    ),
    Case(
        "csv_zero_width_twin_ids.csv",
        "csv",
        lambda: csv_bytes([_service(), _service(activity_id="H-\u200b002")]),
        ("bad_id_chars",),
        where=((3, "activity_id", "H-<U+200B>002"),),
    ),
    Case(
        "csv_bidi_override_id.csv",
        "csv",
        lambda: csv_bytes([_service(activity_id="H-\u202e200")]),
        ("bad_id_chars",),
        where=((2, "activity_id", "H-<U+202E>200"),),
    ),
    Case(
        "csv_fullwidth_twin_ids.csv",
        "csv",
        lambda: csv_bytes([_service(), _service(activity_id="Ｈ-００２")]),
        ("duplicate_id",),
        where=((2, "activity_id", "H-002"), (3, "activity_id", "Ｈ-００２")),
    ),
    Case(
        "csv_decomposed_twin_ids.csv",
        "csv",
        lambda: csv_bytes([_service(activity_id="CAFÉ-1"), _service(activity_id="CAFE\u0301-1")]),
        ("duplicate_id",),
    ),
    Case(
        "csv_zero_width_in_title.csv",
        "csv",
        lambda: csv_bytes([_row(title="Beurs\u200bHannover\u202e")]),
        ("stripped_chars",),
        ok=True,
    ),
    Case(
        "csv_invisible_column_name.csv",
        "csv",
        lambda: csv_bytes([GOOD + ["x"]], header=HEADER + ["notes\u200b"]),
        ("bad_column_name",),
    ),
    Case(
        "csv_year_column.csv",
        "csv",
        lambda: csv_bytes([GOOD + ["2019"]], header=HEADER + ["year"]),
        ("reserved_column",),
        where=((None, "year", None),),
    ),
    Case(
        "csv_year_column_upper_case.csv",
        "csv",
        lambda: csv_bytes([GOOD + ["2019"]], header=HEADER + ["YEAR"]),
        ("reserved_column",),
    ),
    Case(
        "csv_unclosed_quote.csv",
        "csv",
        lambda: csv_bytes([_service(title='"Beurs'), _service(activity_id="H-3")]),
        ("unclosed_quote",),
    ),
    Case(
        "csv_cp1252_nbsp_id.csv",
        "csv",
        lambda: csv_bytes([_service(activity_id="H\xa0002")], encoding="cp1252"),
        (),
        ok=True,
    ),
    # Values
    Case(
        "count_int64_max.csv",
        "values",
        lambda: csv_bytes([_row(companies="9223372036854775807")]),
        ("count_too_large",),
        where=((2, "companies", "9223372036854775807"),),
    ),
    Case(
        "count_2_pow_64.csv",
        "values",
        lambda: csv_bytes([_row(matchmaking_meetings="18446744073709551616")]),
        ("count_too_large",),
    ),
    Case(
        "count_above_ceiling.csv",
        "values",
        lambda: csv_bytes([_row(companies="1000001")]),
        ("count_too_large",),
        where=((2, "companies", "1000001"),),
    ),
    Case("count_exponent.csv", "values", lambda: csv_bytes([_row(companies="1e18")]), ("bad_count",)),
    Case(
        "date_year_0218.csv",
        "values",
        lambda: csv_bytes([_row(date="0218-05-01")]),
        ("date_out_of_range",),
        where=((2, "date", "0218-05-01"),),
    ),
    Case("date_year_9999.csv", "values", lambda: csv_bytes([_row(date="9999-12-31")]), ("date_out_of_range",)),
    Case("date_1989.csv", "values", lambda: csv_bytes([_row(date="1989-12-31")]), ("date_out_of_range",)),
    Case(
        "date_excel_serial.csv",
        "values",
        lambda: csv_bytes([_row(date="43174")]),
        ("excel_serial_date",),
        where=((2, "date", "43174"),),
    ),
    Case(
        "country_reserved_codes.csv",
        "values",
        lambda: csv_bytes([_row(activity_id=f"H-{c}", country=c) for c in ("IC", "EA", "AC", "DG", "TA")]),
        ("bad_country",),
        where=((2, "country", "IC"), (6, "country", "TA")),
    ),
    Case("country_user_assigned_xk.csv", "values", lambda: csv_bytes([_row(country="XK")]), ("bad_country",)),
    Case("country_uk_not_gb.csv", "values", lambda: csv_bytes([_row(country="UK")]), ("bad_country",)),
    # XLSX
    Case(
        "xlsx_cell_at_XFD20000.xlsx",
        "xlsx",
        lambda: one_sheet(
            _xlsx_rows(GOOD),
            dimension="A1:XFD20000",
            extra_cells='<row r="20000"><c r="XFD20000" t="inlineStr"><is><t>x</t></is></c></row>',
        ),
        ("xlsx_used_range",),
    ),
    Case(
        "xlsx_cell_at_XFD1048576.xlsx",
        "xlsx",
        lambda: one_sheet(
            _xlsx_rows(GOOD),
            dimension="A1:XFD1048576",
            extra_cells='<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        ),
        ("xlsx_used_range",),
    ),
    Case(
        "xlsx_far_cell_no_dimension.xlsx",
        "xlsx",
        lambda: one_sheet(_xlsx_rows(GOOD), dimension=None, extra_cells='<row r="3"><c r="XFD3"><v>1</v></c></row>'),
        ("too_many_columns",),
    ),
    Case(
        "xlsx_far_row_no_dimension.xlsx",
        "xlsx",
        lambda: one_sheet(
            _xlsx_rows(GOOD), dimension=None, extra_cells='<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
        ),
        ("too_many_rows",),
    ),
    Case("xlsx_billion_laughs.xlsx", "xlsx", billion_laughs, ("xml_forbidden",)),
    Case("xlsx_external_entity.xlsx", "xlsx", external_entity, ("xml_forbidden",)),
    Case(
        "xlsx_malformed_xml.xlsx",
        "xlsx",
        lambda: xlsx_bytes([("Activiteiten", "visible", sheet_xml(_xlsx_rows(GOOD)).replace("</row>", "", 1))]),
        ("bad_workbook",),
    ),
    Case("xlsx_zip_bomb.xlsx", "xlsx", lambda: zip_bomb(300 * 1024 * 1024), ("xlsx_inflated",), large=True),
    Case("xlsx_zip_bomb_lying_size.xlsx", "xlsx", lying_zip_bomb, ("xlsx_inflated",), large=True),
    Case(
        "xlsx_1001_parts.xlsx",
        "xlsx",
        lambda: xlsx_bytes(
            [("Activiteiten", "visible", sheet_xml(_xlsx_rows(GOOD)))],
            extra={f"customXml/item{i}.xml": "<a/>" for i in range(1001)},
        ),
        ("xlsx_members",),
    ),
    Case(
        "xlsx_formula_without_value.xlsx",
        "xlsx",
        lambda: one_sheet(_xlsx_rows(_row(companies=("xml", '<c r="REF"><f>SUM(J2:J9)</f></c>')))),
        ("formula_without_value",),
        where=((2, "H", "=SUM(J2:J9)"),),
    ),
    Case(
        "xlsx_formula_with_cached_value.xlsx",
        "xlsx",
        lambda: one_sheet(_xlsx_rows(_row(companies=("xml", '<c r="REF"><f>2+3</f><v>5</v></c>')))),
        (),
        ok=True,
    ),
    Case(
        "xlsx_excel_error_cell.xlsx",
        "xlsx",
        lambda: one_sheet(_xlsx_rows(_row(companies=("xml", '<c r="REF" t="e"><f>1/0</f><v>#DIV/0!</v></c>')))),
        ("excel_error_cell",),
        where=((2, "H", "#DIV/0!"),),
    ),
    Case(
        "xlsx_hidden_first_sheet.xlsx",
        "xlsx",
        lambda: xlsx_bytes(
            [
                ("Oud", "hidden", sheet_xml(_xlsx_rows(_row(activity_id="OLD-1")))),
                ("Actueel", "visible", sheet_xml(_xlsx_rows(_row(date="2018-02-30")))),
            ]
        ),
        ("bad_date",),
        where=((2, "date", "2018-02-30"),),
    ),
    Case(
        "xlsx_all_sheets_hidden.xlsx",
        "xlsx",
        lambda: xlsx_bytes(
            [("Oud", "hidden", sheet_xml(_xlsx_rows(GOOD))), ("Ouder", "veryHidden", sheet_xml(_xlsx_rows(GOOD)))]
        ),
        ("no_visible_sheet",),
    ),
    Case(
        "xlsx_duplicate_companies.xlsx",
        "xlsx",
        lambda: one_sheet([HEADER + ["companies"], GOOD + ["7"]]),
        ("duplicate_column",),
        where=((None, "companies", None),),
    ),
    Case(
        "xlsx_serial_date_without_format.xlsx",
        "xlsx",
        lambda: one_sheet(_xlsx_rows(_row(date=43174))),
        ("excel_serial_date",),
        where=((2, "date", "43174"),),
    ),
    Case(
        "xlsx_date_1900.xlsx",
        "xlsx",
        lambda: one_sheet(_xlsx_rows(_row(date=("date", 1)))),
        ("date_out_of_range",),
        where=((2, "date", "1900-01-01"),),
    ),
    Case(
        "xlsx_row_numbers_descending.xlsx",
        "xlsx",
        lambda: xlsx_bytes(
            [("Activiteiten", "visible", sheet_xml(_xlsx_rows(GOOD)).replace('<row r="2">', '<row r="0">'))]
        ),
        ("bad_workbook",),
    ),
    Case(
        "xlsx_malformed_cell_reference.xlsx",
        "xlsx",
        lambda: xlsx_bytes([("Activiteiten", "visible", sheet_xml(_xlsx_rows(GOOD)).replace('r="A2"', 'r="A2x"'))]),
        ("bad_workbook",),
    ),
    Case("xlsx_encrypted_or_xls.xlsx", "xlsx", cfb_header, ("xls_or_encrypted",)),
    Case(
        "xlsx_shared_string_out_of_range.xlsx",
        "xlsx",
        lambda: xlsx_bytes(
            [("Activiteiten", "visible", sheet_xml(_xlsx_rows(_row(title=("xml", '<c r="REF" t="s"><v>7</v></c>')))))],
            shared=f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>a</t></si></sst>',
        ),
        ("bad_workbook",),
    ),
    Case("xlsx_year_column.xlsx", "xlsx", lambda: one_sheet([HEADER + ["year"], GOOD + [2019]]), ("reserved_column",)),
    Case(
        "xlsx_count_int64_max.xlsx",
        "xlsx",
        lambda: one_sheet(_xlsx_rows(_row(companies=9223372036854775807))),
        ("count_too_large",),
    ),
    # Parquet
    Case(
        "parquet_20m_rows_one_value.parquet",
        "parquet",
        lambda: parquet_repeat_zeros(20_000_000),
        ("too_many_rows",),
        large=True,
    ),
    Case("parquet_text_bomb.parquet", "parquet", parquet_text_bomb, ("too_large_unpacked",), large=True),
    Case("parquet_numbers_bomb.parquet", "parquet", parquet_wide_numbers, ("too_large_unpacked",), large=True),
    Case(
        "parquet_25m_cells.parquet",
        "parquet",
        lambda: parquet_bytes(pa.table({f"c{i}": pa.nulls(1_000_000, pa.string()) for i in range(25)})),
        ("too_many_cells",),
        large=True,
    ),
    Case(
        "parquet_20000_row_groups.parquet",
        "parquet",
        lambda: many_row_groups(20_000),
        ("parquet_footer_too_large",),
        large=True,
    ),
    Case(
        "parquet_10001_row_groups.parquet",
        "parquet",
        lambda: many_row_groups(10_001),
        ("too_many_row_groups",),
        large=True,
    ),
    Case(
        "parquet_201_columns.parquet",
        "parquet",
        lambda: parquet_bytes(pa.table({f"c{i}": pa.array(["1"]) for i in range(201)})),
        ("too_many_columns",),
    ),
    Case(
        "parquet_duplicate_columns.parquet",
        "parquet",
        lambda: parquet_bytes(
            pa.Table.from_arrays([pa.array([v]) for v in GOOD] + [pa.array(["7"])], names=HEADER + ["companies"])
        ),
        ("duplicate_column",),
    ),
    Case(
        "parquet_list_column.parquet",
        "parquet",
        lambda: parquet_bytes(text_table([GOOD], companies=pa.array([[1, 2]]))),
        ("bad_parquet_type",),
        where=((None, "companies", "list<element: int64>"),),
    ),
    Case(
        "parquet_struct_column.parquet",
        "parquet",
        lambda: parquet_bytes(text_table([GOOD], title=pa.array([{"nl": "Beurs", "en": "Fair"}]))),
        ("bad_parquet_type",),
    ),
    Case(
        "parquet_binary_column.parquet",
        "parquet",
        lambda: parquet_bytes(text_table([GOOD], title=pa.array([b"\x00\xff"], pa.binary()))),
        ("bad_parquet_type",),
    ),
    Case(
        "parquet_uint64_max_count.parquet",
        "parquet",
        lambda: parquet_bytes(text_table([GOOD], companies=pa.array([2**64 - 1], pa.uint64()))),
        ("count_too_large",),
        where=((2, "companies", "18446744073709551615"),),
    ),
    Case(
        "parquet_float_count.parquet",
        "parquet",
        lambda: parquet_bytes(text_table([GOOD], companies=pa.array([2.5]))),
        ("bad_count",),
    ),
    Case(
        "parquet_bool_count.parquet",
        "parquet",
        lambda: parquet_bytes(text_table([GOOD], companies=pa.array([True]))),
        ("bad_count",),
    ),
    Case(
        "parquet_date_0218.parquet",
        "parquet",
        lambda: parquet_bytes(text_table([GOOD], date=pa.array([-642_000], pa.date32()))),
        ("date_out_of_range",),
    ),
    Case(
        "parquet_timestamp_2500.parquet",
        "parquet",
        lambda: parquet_bytes(text_table([GOOD], date=pa.array([16_725_225_600_000_000], pa.timestamp("us")))),
        ("date_out_of_range",),
        where=((2, "date", "2500-01-01"),),
    ),
    Case(
        "parquet_cell_3000_chars.parquet",
        "parquet",
        lambda: parquet_bytes(text_table([_row(title="z" * 3000)])),
        ("cell_too_long",),
    ),
    Case(
        "parquet_zero_width_id.parquet",
        "parquet",
        lambda: parquet_bytes(text_table([_row(activity_id="H\u200b-1")])),
        ("bad_id_chars",),
    ),
    Case("parquet_not_parquet.parquet", "parquet", lambda: b"PAR1" + b"\x00" * 64 + b"PAR1", ("bad_parquet",)),
    # Targets
    Case(
        "targets_20_digit_target.csv",
        "targets",
        lambda: _targets(["missions", "AP 2019", "2019", "2019", "12345678901234567890", ""]),
        ("target_too_large",),
        kind="targets",
        where=((2, "target_min", "12345678901234567890"),),
    ),
    Case(
        "targets_overlapping_plan.csv",
        "targets",
        lambda: _targets(["missions", "MJP 2019-2022", "2019", "2022", "30", "40"]),
        ("plans_overlap",),
        kind="targets",
        needs_store=True,
        where=((2, "plan", "MJP 2019-2022"),),
    ),
    Case(
        "targets_two_annual_plans.csv",
        "targets",
        lambda: _targets(["missions", "Jaarplan 2018", "2018", "2018", "5", ""]),
        ("annual_plans_clash",),
        kind="targets",
        needs_store=True,
        where=((2, "plan", "Jaarplan 2018"),),
    ),
    Case(
        "targets_overlap_in_file.csv",
        "targets",
        lambda: _targets(
            ["missions", "MJP A", "2021", "2024", "1", ""], ["missions", "MJP B", "2023", "2026", "1", ""]
        ),
        ("plans_overlap",),
        kind="targets",
        mode="replace",
        where=((3, "plan", "MJP B"),),
    ),
    Case(
        "targets_100000_overlapping_plans.csv",
        "targets",
        overlapping_plans_csv,
        ("plans_overlap", "more_rows"),
        kind="targets",
        mode="replace",
        large=True,
        where=((3, "plan", "MJP 1"), (None, "plan", None)),
    ),
    Case(
        "targets_year_0_to_99999.csv",
        "targets",
        lambda: _targets(["missions", "Eeuwig", "0", "99999", "1", ""]),
        ("year_out_of_range",),
        kind="targets",
        where=((2, "start_year", "0"), (2, "end_year", "99999")),
    ),
    Case(
        "targets_year_2200.csv",
        "targets",
        lambda: _targets(["missions", "AP 2200", "2200", "2200", "1", ""]),
        ("year_out_of_range",),
        kind="targets",
    ),
    Case(
        "targets_invisible_plan_label.csv",
        "targets",
        lambda: _targets(["missions", "AP\u200b 2019", "2019", "2019", "1", ""]),
        ("bad_id_chars",),
        kind="targets",
    ),
    # Add-and-update: the merged table must be valid
    Case(
        "merge_mission_retyped_as_info_meeting.csv",
        "merge",
        lambda: csv_bytes([["M17-01", "2017-03-14", "info_meeting"]], header=HEADER[:3]),
        ("direction_not_mission", "role_not_mission"),
        needs_store=True,
        where=((2, "direction", "incoming"), (2, "role", "lead")),
    ),
    Case(
        "merge_info_meeting_retyped_as_mission.csv",
        "merge",
        lambda: csv_bytes([["IB17-01", "2017-01-15", "mission"]], header=HEADER[:3]),
        ("mission_needs_direction", "mission_needs_role", "mission_needs_country"),
        where=((2, "direction", ""), (2, "country", "")),
    ),
    *CARELESS,
    *EXPORTS,
)


def build(dest: Path, large: bool) -> dict[str, Path]:
    """Write the small (or the large) corpus files into `dest`; return their paths by name."""
    dest.mkdir(parents=True, exist_ok=True)
    written = {}
    for case in CASES:
        if case.large == large:
            path = dest / case.name
            path.write_bytes(case.build())
            written[case.name] = path
    return written


def main() -> None:
    """Rewrite tests/hostile/ (default) or write the large files into a folder (--large DIR)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", metavar="DIR", help="write the large files into DIR instead")
    args = parser.parse_args()
    written = build(Path(args.large), True) if args.large else build(SMALL_DIR, False)
    print(f"wrote {len(written)} files")


if __name__ == "__main__":
    main()

"""Write the corpus of bad (and awkward) import files, each a real file in its real format.

Run `python tests/bad_files/make_corpus.py` to regenerate; the files are committed. `CASES` says, per file,
what kind it is imported as, in which mode, and which problem the importer must report.
"""
from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
HEADER = "activity_id;date;activity_type;title;direction;role;country;companies;matchmaking_meetings"
GOOD = "Z-001;2018-03-15;mission;Beurs Hannover;outgoing;lead;DE;5;12"
LIMIT_MB = "0.02"  # the size limit the too-large case is checked against (KPI_MAX_UPLOAD_MB)


@dataclass(frozen=True)
class Case:
    """One corpus file and what importing it must report."""

    name: str
    expect: tuple[str, ...]  # problem codes that must be reported (all of them, errors or warnings)
    kind: str = "activities"
    mode: str = "update"
    where: tuple[tuple[int | None, str | None, str | None], ...] = ()  # (row, column, value) that must appear
    ok: bool = False  # the file imports (warnings only, or nothing to report)
    env: dict[str, str] = field(default_factory=dict)


def _csv(*rows: str, header: str = HEADER) -> str:
    return "\n".join((header, *rows)) + "\n"


def _xlsx(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


def _good_frame() -> pd.DataFrame:
    return pd.DataFrame([GOOD.split(";")], columns=HEADER.split(";"))


def files() -> dict[str, bytes]:
    """Every corpus file's bytes by file name."""
    rng = random.Random(4)
    utf8 = lambda text: text.encode("utf-8")  # noqa: E731
    big_rows = [f"BIG-{i:05d};2018-01-02;service;Service {i};;;NL;1;0" for i in range(700)]
    xlsx_bad_dates = _good_frame()
    xlsx_bad_dates.loc[0, "date"] = "15-03-2018"
    xlsx_no_role = _good_frame()
    xlsx_no_role.loc[0, "role"] = None
    good_xlsx = _xlsx(_good_frame())
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2000))
    return {
        # Separators and encodings
        "wrong_delimiter_colon.csv": utf8(_csv(GOOD).replace(";", ":")),
        "mixed_delimiters.csv": utf8(_csv(GOOD.replace(";", ","))),
        "extra_cell_in_row.csv": utf8(_csv(GOOD + ";oops")),
        "utf16_unicode_text.csv": _csv(GOOD).replace(";", "\t").encode("utf-16"),
        "utf16le_without_bom.csv": _csv(GOOD).encode("utf-16-le"),
        "mixed_encodings.csv": utf8(_csv(GOOD)) + "Z-002;2018-04-01;service;Köln;;;NL;1;0\n".encode("cp1252")
        + "Z-003;2018-04-02;service;Zürich;;;NL;1;0\n".encode("utf-8"),
        # Columns
        "missing_date_column.csv": utf8(_csv("Z-001;mission", header="activity_id;activity_type")),
        "missing_id_and_type.csv": utf8(_csv("2018-03-15;Beurs", header="date;title")),
        "duplicate_header.csv": utf8(_csv(GOOD + ";2018-03-16", header=HEADER + ";date")),
        "alias_and_canonical_header.csv": utf8(_csv(GOOD + ";2018-03-16", header=HEADER + ";datum")),
        "extra_unknown_columns.csv": utf8(_csv(GOOD + ";Anna;CRM-77", header=HEADER + ";crm_owner;crm_ref")),
        # Empty
        "empty.csv": b"",
        "whitespace_only.csv": b"\r\n   \r\n\t\r\n",
        "header_only.csv": utf8(HEADER + "\r\n"),
        "header_only.xlsx": _xlsx(pd.DataFrame(columns=HEADER.split(";"))),
        # Dates
        "date_day_first.csv": utf8(_csv(GOOD.replace("2018-03-15", "31-02-2018"))),
        "date_month_13.csv": utf8(_csv(GOOD.replace("2018-03-15", "2018/13/01"))),
        "date_as_text.csv": utf8(_csv(GOOD.replace("2018-03-15", "maart 2018"))),
        "date_february_30.csv": utf8(_csv(GOOD.replace("2018-03-15", "2018-02-30"))),
        "date_day_first.xlsx": _xlsx(xlsx_bad_dates),
        # Counts
        "negative_count.csv": utf8(_csv(GOOD.replace(";5;12", ";-3;12"))),
        "fractional_count.csv": utf8(_csv(GOOD.replace(";5;12", ";2.5;12"),
                                          "Z-002;2018-04-01;service;x;;;NL;1;\"2,5\"")),
        "count_as_text.csv": utf8(_csv(GOOD.replace(";5;12", ";vijf;12"))),
        # Ids
        "duplicate_ids_in_file.csv": utf8(_csv(GOOD, GOOD.replace("Beurs", "Andere beurs"))),
        "duplicate_ids_in_store.csv": utf8(_csv("BB17-001;2018-01-12;company_visit;Bezoek;;;NL;1;0")),
        "empty_id.csv": utf8(_csv(GOOD.replace("Z-001", ""))),
        # Values
        "unknown_activity_type.csv": utf8(_csv(GOOD.replace("mission", "party"))),
        "unknown_country.csv": utf8(_csv(GOOD.replace(";DE;", ";Germany;"))),
        "mission_without_direction.csv": utf8(_csv(GOOD.replace("outgoing", ""))),
        "mission_without_role.csv": utf8(_csv(GOOD.replace(";lead;", ";;"))),
        "mission_at_home.csv": utf8(_csv(GOOD.replace(";DE;", ";NL;"))),
        "visit_with_direction.csv": utf8(_csv("Z-009;2018-05-01;company_visit;Bezoek;incoming;;NL;1;0")),
        "service_with_role.csv": utf8(_csv("Z-010;2018-05-01;service;Service;;partner;NL;1;0")),
        "mission_without_role.xlsx": _xlsx(xlsx_no_role),
        "formula_like_text.csv": utf8(_csv(GOOD.replace("Beurs Hannover", '"=HYPERLINK(""http://x"",""klik"")"'),
                                           "Z-002;2018-04-01;service;@SUM(A1);;;NL;1;0")),
        # Size and not-a-file
        "over_size_limit.csv": utf8(_csv(*big_rows)),
        "binary_garbage.csv": png,
        "xlsx_named_csv.csv": good_xlsx,
        "truncated.xlsx": good_xlsx[: len(good_xlsx) // 2],
        "csv_named_xlsx.xlsx": utf8(_csv(GOOD)),
        "zip_without_workbook.xlsx": _zip_without_workbook(),
        "truncated.parquet": _parquet_bytes()[:200],
        "spreadsheet.ods": b"PK\x03\x04 not supported",
        # Targets
        "targets_unknown_kpi.csv": utf8(_csv("visits;AP 2018;2018;2018;10;", header=_TARGETS)),
        "targets_end_before_start.csv": utf8(_csv("missions;MJP x;2020;2017;24;32", header=_TARGETS)),
        "targets_max_below_min.csv": utf8(_csv("missions;AP 2019;2019;2019;8;6", header=_TARGETS)),
        "targets_period_clash_with_store.csv": utf8(_csv("services;MJP 2017-2020;2017;2021;10;", header=_TARGETS)),
    }


_TARGETS = "kpi;plan;start_year;end_year;target_min;target_max"


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


def _parquet_bytes() -> bytes:
    buffer = io.BytesIO()
    _good_frame().to_parquet(buffer)
    return buffer.getvalue()


CASES: tuple[Case, ...] = (
    Case("wrong_delimiter_colon.csv", ("one_column",)),
    Case("mixed_delimiters.csv", ("required",), where=((2, "date", ""),)),
    Case("extra_cell_in_row.csv", ("extra_fields",), where=((2, None, GOOD + ";oops"),)),
    Case("utf16_unicode_text.csv", ("not_text",)),
    Case("utf16le_without_bom.csv", ("not_text",)),
    Case("mixed_encodings.csv", ("mixed_encoding",)),
    Case("missing_date_column.csv", ("missing_column",), where=((None, "date", None),)),
    Case("missing_id_and_type.csv", ("missing_column",),
         where=((None, "activity_id", None), (None, "activity_type", None))),
    Case("duplicate_header.csv", ("duplicate_column",), where=((None, "date", None),)),
    Case("alias_and_canonical_header.csv", ("duplicate_column",), where=((None, "date", None),)),
    Case("extra_unknown_columns.csv", (), ok=True),
    Case("empty.csv", ("empty_file",)),
    Case("whitespace_only.csv", ("empty_file",)),
    Case("header_only.csv", ("no_rows",)),
    Case("header_only.xlsx", ("no_rows",)),
    Case("date_day_first.csv", ("bad_date",), where=((2, "date", "31-02-2018"),)),
    Case("date_month_13.csv", ("bad_date",), where=((2, "date", "2018/13/01"),)),
    Case("date_as_text.csv", ("bad_date",), where=((2, "date", "maart 2018"),)),
    Case("date_february_30.csv", ("bad_date",), where=((2, "date", "2018-02-30"),)),
    Case("date_day_first.xlsx", ("bad_date",), where=((2, "date", "15-03-2018"),)),
    Case("negative_count.csv", ("bad_count",), where=((2, "companies", "-3"),)),
    Case("fractional_count.csv", ("bad_count",),
         where=((2, "companies", "2.5"), (3, "matchmaking_meetings", "2,5"))),
    Case("count_as_text.csv", ("bad_count",), where=((2, "companies", "vijf"),)),
    Case("duplicate_ids_in_file.csv", ("duplicate_id",),
         where=((2, "activity_id", "Z-001"), (3, "activity_id", "Z-001"))),
    Case("duplicate_ids_in_store.csv", ("duplicate_in_store",), mode="add",
         where=((2, "activity_id", "BB17-001"),)),
    Case("empty_id.csv", ("required",), where=((2, "activity_id", ""),)),
    Case("unknown_activity_type.csv", ("bad_activity_type",), where=((2, "activity_type", "party"),)),
    Case("unknown_country.csv", ("bad_country",), where=((2, "country", "GERMANY"),)),
    Case("mission_without_direction.csv", ("mission_needs_direction",), where=((2, "direction", ""),)),
    Case("mission_without_role.csv", ("mission_needs_role",), where=((2, "role", ""),)),
    Case("mission_at_home.csv", ("mission_needs_country",), where=((2, "country", "NL"),)),
    Case("visit_with_direction.csv", ("direction_not_mission",), where=((2, "direction", "incoming"),)),
    Case("service_with_role.csv", ("role_not_mission",), where=((2, "role", "partner"),)),
    Case("mission_without_role.xlsx", ("mission_needs_role",), where=((2, "role", ""),)),
    Case("formula_like_text.csv", ("formula_like",), ok=True,
         where=((2, "title", '=HYPERLINK("http://x","klik")'), (3, "title", "@SUM(A1)"))),
    Case("over_size_limit.csv", ("too_large",), env={"KPI_MAX_UPLOAD_MB": LIMIT_MB}),
    Case("binary_garbage.csv", ("not_text",)),
    Case("xlsx_named_csv.csv", ("not_text",)),
    Case("truncated.xlsx", ("bad_workbook",)),
    Case("csv_named_xlsx.xlsx", ("bad_workbook",)),
    Case("zip_without_workbook.xlsx", ("bad_workbook",)),
    Case("truncated.parquet", ("bad_parquet",)),
    Case("spreadsheet.ods", ("unknown_format",)),
    Case("targets_unknown_kpi.csv", ("bad_kpi",), kind="targets", where=((2, "kpi", "visits"),)),
    Case("targets_end_before_start.csv", ("end_before_start",), kind="targets", where=((2, "end_year", "2017"),)),
    Case("targets_max_below_min.csv", ("max_below_min",), kind="targets", where=((2, "target_max", "6"),)),
    Case("targets_period_clash_with_store.csv", ("plan_period_mismatch",), kind="targets"),
)


def main() -> None:
    """Write every corpus file next to this script."""
    for name, data in files().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(files())} files to {HERE}")


if __name__ == "__main__":
    main()

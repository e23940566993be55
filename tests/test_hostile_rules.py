"""The rules behind the hostile corpus, one by one: boundaries, normal forms, real workbooks, the one error guard."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import unicodedata

import openpyxl
import pandas as pd
import pytest

from kpi import diff as D
from kpi import limits, readers
from kpi.access import local_actor
from kpi.importing import commit_import, prepare_import
from kpi.problems import ValidationError
from kpi.schema import COUNTRY_CODES
from kpi.store import FolderStore, open_store
from kpi.validate import INVISIBLE_RANGES, validate_activities, validate_targets

HEADER = "activity_id;date;activity_type;title;direction;role;country;companies\n"


def _activities(*rows: str) -> pd.DataFrame:
    return readers.read_raw((HEADER + "\n".join(rows) + "\n").encode(), "t.csv")


def _codes(frame: pd.DataFrame) -> list[tuple[int, str, str]]:
    with pytest.raises(ValidationError) as info:
        validate_activities(frame, "t.csv")
    return [(p.row, p.column, p.code) for p in info.value.problems]


def test_invisible_ranges_cover_every_control_format_separator_and_private_character():
    """Every code point of the categories Cc, Cf, Zl, Zp and Co lies in INVISIBLE_RANGES."""
    covered = set()
    for first, last in INVISIBLE_RANGES:
        covered.update(range(first, last + 1))
    missing = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp", "Co") and c not in covered
    ]
    assert missing == []
    assert {0x00, 0x200B, 0x202E, 0x2066, 0xFEFF} <= covered and not {0x20, 0x41, 0xE9} & covered


def test_count_ceiling_is_inclusive():
    """1,000,000 companies is accepted; 1,000,001 is a problem (sums stay far below 2^63)."""
    frame, _ = validate_activities(_activities("A;2018-01-02;service;x;;;NL;1000000"), "t.csv")
    assert frame.loc[0, "companies"] == 1_000_000
    assert _codes(_activities("A;2018-01-02;service;x;;;NL;1000001")) == [(2, "companies", "count_too_large")]
    with pytest.raises(ValidationError) as info:
        validate_activities(_activities("A;2018-01-02;service;x;;;NL;1000001"), "t.csv")
    assert "larger than 1,000,000." in info.value.message("en")
    assert "groter dan 1.000.000." in info.value.message("nl")
    assert limits.MAX_COUNT * limits.max_rows() < 2**63


def test_date_window_boundaries():
    """1990-01-01 and 31 December ten years ahead are accepted; the days just outside are problems."""
    last = dt.date.today().year + 10
    frame, _ = validate_activities(_activities("A;1990-01-01;service;x;;;NL;1", f"B;{last}-12-31;service;x;;;NL;1"), "")
    assert list(frame["date"].dt.year) == [1990, last]
    assert _codes(_activities("A;1989-12-31;service;x;;;NL;1", f"B;{last + 1}-01-01;service;x;;;NL;1")) == [
        (2, "date", "date_out_of_range"),
        (3, "date", "date_out_of_range"),
    ]


def test_excel_serial_date_message_gives_the_date_it_stands_for():
    """43174 in a date column is refused, and the message says it would be 15 March 2018."""
    with pytest.raises(ValidationError) as info:
        validate_activities(_activities("A;43174;service;x;;;NL;1"), "t.csv")
    assert "would be 2018-03-15" in info.value.message("en") and "zou 2018-03-15 zijn" in info.value.message("nl")


def test_countries_are_iso_3166_alpha_2_only():
    """249 assigned codes; GB and CN are in, exceptionally reserved and user-assigned codes are out."""
    assert len(COUNTRY_CODES) == 249
    assert {"GB", "CN", "DE", "US", "NL", "AQ", "SS"} <= COUNTRY_CODES
    assert not {"UK", "IC", "EA", "AC", "DG", "TA", "CP", "EU", "UN", "XK", "ZZ"} & COUNTRY_CODES


def test_ids_are_stored_in_nfkc_and_text_without_invisible_characters(isolated_store, tmp_path):
    """A full-width id is saved as its plain form; zero-width and bidi characters are removed from a title."""
    store = open_store()
    store.seed_demo()
    path = tmp_path / "f.csv"
    path.write_text(HEADER + "Ｈ-００３;2018-01-02;service;Beurs\u200bHannover\u202e;;;NL;1\n", encoding="utf-8")
    prepared = prepare_import(store, path, path.name, "activities", D.ADD_UPDATE)
    assert [w.code for w in prepared.warnings] == ["stripped_chars"]
    commit_import(store, prepared, local_actor())
    saved = store.load().activities.set_index("activity_id")
    assert saved.loc["H-003", "title"] == "BeursHannover"


def test_retyping_with_the_mission_fields_emptied_is_accepted(isolated_store, tmp_path):
    """A mission re-typed as an info meeting imports when the file also empties direction, role and country."""
    store = open_store()
    store.seed_demo()
    path = tmp_path / "retype.csv"
    path.write_text(
        "activity_id;date;activity_type;direction;role;country\nM17-01;2017-03-14;info_meeting;;;\n", encoding="utf-8"
    )
    prepared = prepare_import(store, path, path.name, "activities", D.ADD_UPDATE)
    assert prepared.diff.counts["changed"] == 1
    row = prepared.table.set_index("activity_id").loc["M17-01"]
    assert (
        row["activity_type"] == "info_meeting" and pd.isna(row["direction"]) and row["theme"] == "Smart Manufacturing"
    )


def test_overlapping_plans_are_named_in_both_languages():
    """The message names the new plan, the plan it overlaps and both periods."""
    raw = pd.DataFrame(
        {
            "kpi": ["missions", "missions"],
            "plan": ["MJP 2017-2020", "MJP 2019-2022"],
            "start_year": ["2017", "2019"],
            "end_year": ["2020", "2022"],
            "target_min": ["24", "30"],
            "target_max": ["", ""],
        }
    )
    with pytest.raises(ValidationError) as info:
        validate_targets(raw, "t.csv")
    (problem,) = info.value.problems
    assert (problem.code, problem.row, problem.value) == ("plans_overlap", 3, "MJP 2019-2022")
    assert "'MJP 2019-2022' (2019-2022) overlaps 'MJP 2017-2020' (2017-2020)" in problem.describe("en")
    assert "'MJP 2019-2022' (2019-2022) overlapt met 'MJP 2017-2020' (2017-2020)" in problem.describe("nl")


def test_a_new_multi_year_plan_after_the_old_one_is_accepted():
    """Plans that follow each other (2017-2020, then 2021-2024) and one annual plan per year pass."""
    raw = pd.DataFrame(
        {
            "kpi": ["missions"] * 4,
            "plan": ["MJP 2017-2020", "MJP 2021-2024", "AP 2018", "AP 2021"],
            "start_year": ["2017", "2021", "2018", "2021"],
            "end_year": ["2020", "2024", "2018", "2021"],
            "target_min": ["24", "30", "6", "8"],
            "target_max": ["32", "", "8", ""],
        }
    )
    frame, _ = validate_targets(raw, "t.csv")
    assert len(frame) == 4


def test_real_workbook_first_visible_sheet_shared_strings_and_dates(tmp_path):
    """An openpyxl workbook: the hidden first sheet is skipped, text, whole numbers and dates read as typed."""
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "Oud"
    hidden.append(["activity_id", "date", "activity_type"])
    hidden.append(["OLD-1", dt.date(2010, 1, 1), "service"])
    hidden.sheet_state = "hidden"
    sheet = book.create_sheet("Actueel")
    sheet.append(["activity_id", "date", "activity_type", "title", "companies"])
    sheet.append(["N-1", dt.datetime(2018, 3, 15), "service", "Köln ‘groot’", 3])
    sheet.append(["N-2", dt.date(2018, 12, 31), "service", "Beurs", 2.0])
    path = tmp_path / "book.xlsx"
    book.save(path)
    frame = readers.read_raw(path)
    assert frame.attrs["sheet"] == "Actueel"
    assert frame.to_dict("list") == {
        "activity_id": ["N-1", "N-2"],
        "date": ["2018-03-15", "2018-12-31"],
        "activity_type": ["service", "service"],
        "title": ["Köln ‘groot’", "Beurs"],
        "companies": ["3", "2"],
    }


def test_workbook_in_the_1904_date_system(tmp_path):
    """A Mac workbook (dates counted from 1904) gives the same calendar date."""
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    book.active.append(["activity_id", "date", "activity_type"])
    book.active.append(["M-1", dt.date(2018, 3, 15), "service"])
    path = tmp_path / "mac.xlsx"
    book.save(path)
    assert readers.read_raw(path).loc[0, "date"] == "2018-03-15"


def test_an_unexpected_reader_error_becomes_one_problem_and_is_logged(isolated_store, monkeypatch, caplog):
    """Any exception inside a reader reaches the user as "this file can't be read"; the server log has the detail."""

    def broken(data, name):
        raise KeyError("internal detail")

    monkeypatch.setattr(readers, "_read_csv", broken)
    with caplog.at_level(logging.ERROR, logger="kpi.import"), pytest.raises(ValidationError) as info:
        prepare_import(open_store(), b"activity_id\nA\n", "x.csv", "activities", D.ADD_UPDATE)
    assert [p.code for p in info.value.problems] == ["unreadable"]
    assert "This file can't be read." in info.value.message("en") and "internal detail" not in info.value.message("en")
    assert "Dit bestand kan niet worden gelezen." in info.value.message("nl")
    assert "internal detail" in caplog.text and "Traceback" in caplog.text


def test_prepare_import_on_a_folder_without_a_store_writes_nothing(tmp_path):
    """Preparing against a missing store compares with an empty table and leaves the folder absent."""
    root = tmp_path / "none"
    path = tmp_path / "f.csv"
    path.write_text("activity_id;date;activity_type\nP-1;2018-01-02;service\n", encoding="utf-8")
    prepared = prepare_import(FolderStore(root), path, path.name, "activities", D.ADD_UPDATE)
    assert prepared.based_on is None and prepared.diff.counts == {
        "added": 1,
        "changed": 0,
        "removed": 0,
        "unchanged": 0,
    }
    assert not root.exists()


def test_merged_row_problems_are_numbered_as_in_the_file(isolated_store, tmp_path):
    """A new row, then a mission re-typed as a service that keeps its direction: the problem is on file row 3."""
    store = open_store()
    store.seed_demo()
    path = tmp_path / "two.csv"
    path.write_text(
        "activity_id;date;activity_type\nNEW-9;2018-02-01;service\nM17-02;2017-04-04;service\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError) as info:
        prepare_import(store, path, path.name, "activities", D.ADD_UPDATE)
    assert sorted((p.row, p.column, p.value, p.code) for p in info.value.problems) == [
        (3, "direction", "outgoing", "direction_not_mission"),
        (3, "role", "lead", "role_not_mission"),
    ]

"""Dutch exports read as meant, one rule at a time: header rows, separators, dates, numbers, countries, Ja/Nee,
look-alike ids, regular files, mapping profiles. Expected values are worked out by hand."""

from __future__ import annotations

import os
import socket

import pandas as pd
import pytest

from kpi import lookalike
from kpi import mapping as M
from kpi.access import local_actor
from kpi.headers import find_header, header_key
from kpi.importing import prepare_import
from kpi.problems import ValidationError
from kpi.readers import csv_layout, read_raw, visible_name
from kpi.store import open_store
from kpi.validate import Reading, validate_activities, validate_targets
from kpi.values import country_codes, ungrouped


def _codes(data: bytes, name: str = "t.csv", reading: Reading | None = None) -> list[tuple[int | None, str]]:
    with pytest.raises(ValidationError) as info:
        validate_activities(read_raw(data, name), name, reading)
    return [(p.row, p.code) for p in info.value.problems]


@pytest.mark.parametrize(
    "name, key",
    [
        ("Activiteit\xa0ID", "activiteit_id"),
        ("  Soort   activiteit ", "soort_activiteit"),
        ("\ufeffdate", "date"),
        ("Ｄatum", "datum"),  # fullwidth D: NFKC
    ],
)
def test_header_keys_normalise_spaces_case_and_width(name, key):
    """Non-breaking and repeated spaces, a BOM, case and fullwidth letters do not change a header's key."""
    assert header_key(name) == key


def test_header_is_found_below_a_title_block_and_over_two_merged_rows():
    """A title row is skipped; a vertically merged upper row fills the lower row's empty names."""
    rows = [["Export CRM 2018", ""], ["", ""], ["activity_id", "datum", "x"]]
    assert find_header(rows).index == 2
    merged = [["Activiteit ID", "Datum", "Missie", ""], ["", "", "Richting", "Rol"], ["M1", "2018-01-01", "", ""]]
    header = find_header(merged)
    assert (header.index, header.names, header.rows) == (1, ["Activiteit ID", "Datum", "Richting", "Rol"], 2)


@pytest.mark.parametrize(
    "head, delimiter, header_row",
    [
        ('"activity_id";"date, first day";"activity_type"\n', ";", 1),  # commas inside quotes do not count
        ("sep=,\nactivity_id,date;x,activity_type\n", ",", 1),  # the sep= line wins and is not a row
        ("Export;;\n;;\nactivity_id;date;activity_type\n", ";", 3),
        ("activity_id\tdate\tactivity_type\n", "\t", 1),
    ],
)
def test_separator_and_header_row(head, delimiter, header_row):
    """The separator is the one with which the header names contract columns; the header row as Excel numbers it."""
    layout = csv_layout(head)
    assert (layout.delimiter, layout.header_row) == (delimiter, header_row)


def test_row_numbers_count_title_rows_and_blank_lines():
    """A bad date in the file's row 6 (title row, blank line, header in row 3, blank line) is reported as row 6."""
    data = b"Export\n\nactivity_id;date;activity_type\nA;2018-01-01;service\n\nB;2018-02-30;service\n"
    assert _codes(data) == [(6, "bad_date")]


@pytest.mark.parametrize(
    "dates, order, expected",
    [
        (["15-3-2018", "1-4-2018"], "auto", ["2018-03-15", "2018-04-01"]),  # 15 decides: day first
        (["15.03.2018"], "auto", ["2018-03-15"]),
        (["1-4-2018", "3-5-2018"], "dmy", ["2018-04-01", "2018-05-03"]),
        (["1-4-2018", "3-5-2018"], "mdy", ["2018-01-04", "2018-03-05"]),
        (["5-5-2018"], "auto", ["2018-05-05"]),  # both readings are the same day
    ],
)
def test_day_first_dates(dates, order, expected):
    """Day-first dates are read as Dutch files mean them, or in the confirmed order."""
    rows = "".join(f"A{i};{d};service\n" for i, d in enumerate(dates))
    raw = read_raw(f"activity_id;date;activity_type\n{rows}".encode(), "t.csv")
    frame, _ = validate_activities(raw, "t.csv", Reading(order))
    assert list(frame["date"].dt.strftime("%Y-%m-%d")) == expected


@pytest.mark.parametrize(
    "dates, codes",
    [
        (["1-4-2018", "3-5-2018"], [(2, "dates_ambiguous"), (3, "dates_ambiguous")]),
        (["15-4-2018", "4-15-2018"], [(3, "dates_mixed_order")]),
        (["4-15-2018"], [(2, "dates_month_first")]),
        (["31-2-2018"], [(2, "bad_date")]),
    ],
)
def test_dates_that_need_confirming(dates, codes):
    """Dates readable both ways, mixed orders and month-first dates are refused with their rows until confirmed."""
    rows = "".join(f"A{i};{d};service\n" for i, d in enumerate(dates))
    assert _codes(f"activity_id;date;activity_type\n{rows}".encode()) == codes


@pytest.mark.parametrize(
    "value, locale, expected",
    [
        ("1.200", "nl", "1200"),
        ("1.200.000", "nl", "1200000"),
        ("1,200", "en", "1200"),
        ("1,200", "nl", "1,200"),
        ("12.00", "nl", "12.00"),
        ("1200", "nl", "1200"),
    ],
)
def test_thousands_separators_follow_the_locale(value, locale, expected):
    """Grouped whole numbers lose the locale's separator; anything else is left for the rules."""
    assert ungrouped(pd.Series([value]), locale).iloc[0] == expected


def test_targets_1200_in_a_dutch_file():
    """`1.200` in a `;` targets file is 1200; in a `,` file `"1,200"` is."""
    nl = read_raw(b"kpi;plan;start_year;end_year;target_min\nmissions;AP 2021;2021;2021;1.200\n", "t.csv")
    en = read_raw(b'kpi,plan,start_year,end_year,target_min\nmissions,AP 2021,2021,2021,"1,200"\n', "t.csv")
    assert validate_targets(nl, "t.csv")[0].loc[0, "target_min"] == 1200
    assert validate_targets(en, "t.csv")[0].loc[0, "target_min"] == 1200


@pytest.mark.parametrize(
    "value, code",
    [
        ("Duitsland", "DE"),
        ("Verenigde Staten", "US"),
        ("Germany", "DE"),
        ("DEU", "DE"),
        ("usa", "US"),
        ("de", "DE"),
        ("China", "CN"),
        ("UK", "UK"),
        ("Atlantis", "ATLANTIS"),
    ],
)
def test_country_names_and_alpha3_codes(value, code):
    """Dutch and English names and alpha-3 codes become alpha-2 (CLDR through babel); `UK` stays refused."""
    assert country_codes(pd.Series([value])).iloc[0] == code


def test_yes_no_columns_become_role_and_direction_for_missions_only():
    """Leadpartner Ja = lead, Nee = partner; Inkomend Nee = outgoing; a service keeps both empty."""
    raw = read_raw(
        b"activity_id;date;activity_type;country;Leadpartner;Inkomend\n"
        b"M1;2018-01-01;missie;DE;Ja;Nee\nM2;2018-01-02;missie;DE;nee;JA\nS1;2018-01-03;service;;Ja;Ja\n",
        "t.csv",
    )
    frame, _ = validate_activities(raw, "t.csv")
    assert list(frame["role"].astype(object).fillna("")) == ["lead", "partner", ""]
    assert list(frame["direction"].astype(object).fillna("")) == ["outgoing", "incoming", ""]
    assert "Leadpartner" not in frame.columns
    bad = b"activity_id;date;activity_type;country;Leadpartner;Inkomend\nM1;2018-01-01;missie;DE;misschien;Nee\n"
    assert _codes(bad) == [(2, "bad_yes_no"), (2, "mission_needs_role")]


@pytest.mark.parametrize(
    "first, second",
    [("M18-01", "m18-01"), ("IB18-01", "\u0406B18-01"), ("H-1", "\u041d-1"), ("B0-1", "BO-1"), ("ml-1", "rnI-1")],
)
def test_lookalike_ids_share_a_skeleton(first, second):
    """Case twins and confusables (Cyrillic І and Н, 0 and O, m and rn, l and I) have one skeleton."""
    assert lookalike.skeleton(first) == lookalike.skeleton(second)
    assert lookalike.twins(pd.Series([first, second, "X-9"])).tolist() == [second, first, ""]


def test_distinct_ids_are_not_lookalikes():
    """Ordinary different ids (a million of the benchmark's shape among them) are never called twins."""
    ids = pd.Series([f"B{i:07d}" for i in range(0, 200_000, 7)] + ["M18-01", "M18-02", "IB18-01", "i-1"])
    assert (lookalike.twins(ids) == "").all()


def test_store_lookalike_is_refused_and_exact_id_updates(isolated_store, tmp_path):
    """`m17-01` beside the stored `M17-01` is refused naming it; `M17-01` itself is an update."""
    store = open_store()
    store.seed_demo()
    path = tmp_path / "u.csv"
    path.write_text("activity_id;date;activity_type\nm17-01;2017-03-14;service\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        prepare_import(store, path, path.name, "activities", "update")
    problem = info.value.problems[0]
    assert (problem.code, problem.row, dict(problem.params)["other"]) == ("lookalike_in_store", 2, "M17-01")
    assert "lijkt op het opgeslagen id 'M17-01'" in info.value.message("nl")


@pytest.mark.parametrize("kind", ["folder", "pipe", "socket", "device"])
def test_only_regular_files_are_read(kind, tmp_path):
    """A folder, pipe, socket or device is refused at once with its own message (a pipe is never waited for)."""
    path = tmp_path / "x.csv"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    else:
        path = "/dev/zero"
    with pytest.raises(ValidationError) as info:
        read_raw(path)
    assert [p.code for p in info.value.problems] == [f"not_a_file_{kind}"]


def test_file_names_show_control_characters():
    """An escape sequence in a file name is shown, never sent to the terminal."""
    assert visible_name("a\x1b[31m.csv") == "a<U+001B>[31m.csv"


def test_profile_maps_a_crm_export_and_is_versioned(isolated_store):
    """A proposed mapping names columns and values; saving twice gives versions 1 and 2 with author and time."""
    raw = read_raw(
        b"Activiteit ID;Datum;Soort activiteit;Land;Eigen veld\nM1;15-3-2018;Missie;Duitsland;x\n", "crm.csv"
    )
    proposed = M.propose(raw, "activities")
    assert proposed.columns == {
        "Activiteit ID": "activity_id",
        "Datum": "date",
        "Soort activiteit": "activity_type",
        "Land": "country",
        "Eigen veld": "",
    }
    assert proposed.values == {"activity_type": {"Missie": "mission"}, "country": {"Duitsland": "DE"}}
    assert proposed.missing() == []
    store = open_store()
    store.seed_demo()
    first = store.save_profile("CRM", "activities", proposed.to_json(), local_actor())
    second = store.save_profile("CRM", "activities", proposed.to_json(), local_actor())
    assert (first.version, second.version) == (1, 2) and second.created and second.user
    assert M.Mapping.from_json(store.current_profiles()["CRM"].mapping) == proposed
    other = read_raw(b"Activiteit ID;Datum;Soort;Land\nM1;15-3-2018;Missie;DE\n", "crm.csv")
    assert [(d.column, d.change) for d in M.differences(other, proposed)] == [
        ("Soort activiteit", "missing"),
        ("Eigen veld", "missing"),
        ("Soort", "new"),
    ]


def test_profiles_are_append_only_on_every_backend(store_location):
    """Folder and PostgreSQL keep each profile save as the next version, oldest first, author recorded."""
    from kpi.store import open_store

    store = open_store(store_location)
    store.seed_demo()
    mapping = M.Mapping("activities", {"Datum": "date"}).to_json()
    store.save_profile("CRM  maand", "activities", mapping, local_actor())
    store.save_profile("CRM maand", "activities", mapping, local_actor())
    store.save_profile("Excel", "targets", mapping, local_actor())
    assert [(p.number, p.name, p.version, p.kind) for p in store.profiles()] == [
        (1, "CRM maand", 1, "activities"),
        (2, "CRM maand", 2, "activities"),
        (3, "Excel", 1, "targets"),
    ]
    assert store.current_profiles()["CRM maand"].version == 2 and store.profiles()[0].user


def test_ascii_keys_are_the_skeleton():
    """The byte table (plus the longer keys) gives exactly skeleton() for every ASCII character and for ids made
    of the confusable ones."""
    single = [chr(c) for c in range(128)]
    mixed = ["M18-0l", "rnI|1", 'B"0%m', "", "IlI1|", "Mm`'"]
    values = pd.Series(single + mixed, dtype="str")
    assert lookalike.keys(values).to_pylist() == [lookalike.skeleton(v) for v in single + mixed]
    assert lookalike.keys(pd.Series(["M-1", "Io"], dtype="str")).to_pylist() == ["rn-l", "lo"]


@pytest.mark.parametrize(
    ("ids", "may_skip"),
    [
        (["B0000001", "B0000002", "M18-01"], True),  # B, digits, M (= rn) with no r or n: keys split back one way
        (["M-1", "m-1"], False),  # M and m share the key rn
        (["M-1", "rn-2"], False),  # rn is the key of M and also two letters
        (["0-1", "O-1"], False),  # 0 and O share o
    ],
)
def test_lookalike_shortcut_only_when_no_two_ids_can_match(ids, may_skip):
    """The check that skips the keys answers yes only when the characters that occur cannot make two ids alike."""
    assert lookalike._ascii_keys_injective(lookalike._combined(pd.Series(ids, dtype="str"))) is may_skip


@pytest.mark.parametrize(
    ("data", "blank"),
    [
        (b"a;b\n1;2\n3;4\n", False),
        (b"a;b\n1;2\n\n3;4\n", True),  # an empty line
        (b"a;b\n1;2\n;\n3;4\n", True),  # a line starting with the separator
        (b"a;b\r\n1;2\r\n\r\n3;4\r\n", True),  # CRLF: judged by searching the bytes
        (b"a;b\r\n1;2\r\n3;4\r\n", False),
        (b"a;b\n1;2\n3;4", False),
    ],
)
def test_blank_lines_found_from_the_line_ends(data, blank):
    """The large-file check for empty rows (they decide the reader) finds empty and separator-first lines."""
    from kpi.readers import _has_blank_lines, _line_ends

    assert _has_blank_lines(data, _line_ends(data), ";") is blank


def test_whole_numbers_read_as_before_by_the_fast_cast():
    """Digits become numbers through Arrow; a digit cell with a line break or in another script reads as
    pd.to_numeric reads it (0, and NA)."""
    from kpi.validate import digits_as_numbers

    values = pd.Series(["12", "x", "", "007", "0\n", "\u0663"], dtype="str")
    assert digits_as_numbers(values, values.str.match(r"^\d+$")).tolist() == [12, pd.NA, pd.NA, 7, 0, pd.NA]


def test_prepare_import_takes_the_file_as_already_read(isolated_store, tmp_path):
    """The wizard hands over the file it read at upload: the same change as reading it again, the frame unchanged."""
    store = open_store()
    store.seed_demo()
    data = b"Activiteitnummer;Datum;Soort\nX-1;15-03-2018;Bedrijfsbezoek\nX-2;1-4-2018;service\n"
    raw = read_raw(data, "a.csv")
    before = raw.copy()
    mapping = M.propose(raw, "activities")
    again = prepare_import(store, data, "a.csv", "activities", "add", mapping=mapping)
    reused = prepare_import(store, data, "a.csv", "activities", "add", mapping=mapping, raw=raw)
    assert reused.table.equals(again.table) and reused.diff.counts == again.diff.counts
    assert reused.diff.counts["added"] == 2
    assert raw.equals(before) and list(raw.columns) == ["Activiteitnummer", "Datum", "Soort"]

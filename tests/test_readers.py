"""Readers over real files in each format and encoding, as Dutch Excel and CRMs write them."""

import pandas as pd
import pytest

from kpi.engine import totals
from kpi.load import DEMO_ACTIVITIES, load_activities
from kpi.problems import ValidationError
from kpi.readers import read_raw


@pytest.fixture(scope="module")
def demo_raw():
    """The demo activities as text cells."""
    return read_raw(DEMO_ACTIVITIES)


def _write_csv(frame, path, sep, encoding):
    path.write_bytes(frame.to_csv(index=False, sep=sep, lineterminator="\r\n").encode(encoding))
    return path


@pytest.mark.parametrize(
    "sep, encoding",
    [
        (";", "utf-8-sig"),  # Excel "CSV UTF-8 (puntkomma)" with BOM
        (";", "cp1252"),  # Excel "CSV (gescheiden door lijstscheidingsteken)" on Dutch Windows
        (",", "utf-8"),
        ("\t", "utf-8"),
    ],
)
def test_csv_variants_give_the_same_kpis(tmp_path, demo_raw, demo_activities, sep, encoding):
    """Every CSV dialect reads back to the same activities and the same KPI totals."""
    path = _write_csv(demo_raw, tmp_path / "activities.csv", sep, encoding)
    loaded = load_activities(path)
    assert len(loaded) == len(demo_activities)
    assert totals(loaded) == totals(demo_activities)
    assert "Thüringen" in " ".join(loaded["title"].dropna())  # non-ASCII survives cp1252


def test_cp1252_bytes_really_are_cp1252(tmp_path, demo_raw):
    """The Windows-1252 file is not valid UTF-8 (so the fallback is what is tested)."""
    path = _write_csv(demo_raw, tmp_path / "a.csv", ";", "cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")


def test_xlsx_round_trip(tmp_path, demo_raw, demo_activities):
    """An XLSX with real dates and numbers (as Excel stores them) reads back to the same KPIs."""
    frame = demo_raw.copy()
    frame["date"] = pd.to_datetime(frame["date"])
    for col in ("companies", "matchmaking_meetings"):
        frame[col] = pd.to_numeric(frame[col]).astype("Int64")
    path = tmp_path / "activities.xlsx"
    frame.to_excel(path, index=False)
    assert totals(load_activities(path)) == totals(demo_activities)


def test_parquet_round_trip(tmp_path, demo_activities):
    """A typed Parquet file reads back to the same KPIs."""
    path = tmp_path / "activities.parquet"
    demo_activities.drop(columns=["year"]).to_parquet(path)
    assert totals(load_activities(path)) == totals(demo_activities)


def test_dutch_headers_and_values_are_accepted(tmp_path):
    """Dutch column labels and values (datum, soort activiteit = missie, richting = inkomend) are aliases."""
    path = tmp_path / "dutch.csv"
    path.write_text(
        "activiteit_id;datum;soort activiteit;richting;rol;land;bedrijven\nX1;2018-03-01;missie;inkomend;lead;cn;4\n",
        encoding="utf-8-sig",
    )
    frame = load_activities(path)
    assert frame.loc[0, "activity_type"] == "mission" and frame.loc[0, "direction"] == "incoming"
    assert frame.loc[0, "country"] == "CN" and frame.loc[0, "companies"] == 4


def test_unknown_columns_are_kept(tmp_path):
    """Extra columns are kept, not rejected."""
    path = tmp_path / "extra.csv"
    path.write_text("activity_id,date,activity_type,crm_owner\nA,2018-01-02,service,Anna\n", encoding="utf-8")
    assert load_activities(path).loc[0, "crm_owner"] == "Anna"


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("empty.csv", b"", "empty_file"),
        ("garbage.csv", bytes(range(256)) * 4, "not_text"),
        ("truncated.xlsx", b"PK\x03\x04garbage", "bad_workbook"),
        ("broken.parquet", b"PAR1 nope", "bad_parquet"),
        ("notes.docx", b"hello", "unknown_format"),
    ],
)
def test_unreadable_files_raise_validation_error(tmp_path, name, data, code):
    """Unreadable files give one clear file-level problem, not a traceback."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValidationError) as info:
        load_activities(path)
    assert [p.code for p in info.value.problems] == [code]

"""The careless and export files of the corpus through the store: extra columns kept, formula text neutralised,
the CLI's refusals, and the fast CSV path reading the same cells as the careful one."""

import csv
import hashlib
import importlib.util
import io
import sys

import openpyxl
import pytest

from kpi.access import local_actor
from kpi.exports import csv_bytes, xlsx_bytes
from kpi.i18n import t
from kpi.importing import commit_import, prepare_import
from kpi.problems import ValidationError
from kpi.store import FolderStore, open_store
from tests.cli_fork import run_kpi
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "hostile"
_spec = importlib.util.spec_from_file_location("build_hostile_corpus", ROOT / "scripts" / "build_hostile_corpus.py")
corpus = sys.modules.setdefault("build_hostile_corpus", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(corpus)
CASES = {case.name: case for case in corpus.CASES}


def _snapshot(store: FolderStore) -> dict[str, str]:
    """The current pointer and every file of the current version, hashed."""
    folder = store.version_path(store.current_version())
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}
    return {"current": store.pointer.read_text(), **files}


@pytest.fixture()
def store(isolated_store):
    """A store initialised from the demo data."""
    store = open_store()
    store.seed_demo()
    return store


def test_extra_columns_are_kept_through_the_store(store):
    """Unknown extra columns survive the import into the saved version."""
    prepared = prepare_import(store, CORPUS / "extra_unknown_columns.csv", "extra.csv", "activities", "update")
    commit_import(store, prepared, local_actor())
    saved = store.load().activities.set_index("activity_id")
    assert saved.loc["Z-001", "crm_owner"] == "Anna" and saved.loc["Z-001", "crm_ref"] == "CRM-77"


def test_crm_export_is_stored_with_dutch_values_in_contract_form(store):
    """The CRM export with a title block is saved; the stored rows hold codes, not the Dutch words."""
    prepared = prepare_import(store, CORPUS / "export_crm_title_block.csv", "crm.csv", "activities", "update")
    commit_import(store, prepared, local_actor())
    saved = store.load().activities.set_index("activity_id")
    assert saved.loc["M18-03", "country"] == "CN" and saved.loc["M18-03", "direction"] == "incoming"
    assert str(saved.loc["M18-01", "date"].date()) == "2018-03-15" and saved.loc["M18-01", "companies"] == 12
    assert "Leadpartner" not in saved.columns and "Omschrijving, kort" in saved.columns


def test_formula_text_is_imported_and_neutralised_in_real_exports(store, tmp_path):
    """Formula-like titles import with a warning; the CSV and XLSX downloads, written and reread, hold them as text."""
    prepared = prepare_import(store, CORPUS / "formula_like_text.csv", "f.csv", "activities", "update")
    commit_import(store, prepared, local_actor())
    activities = store.load().activities
    rows = activities[activities["activity_id"].isin(["Z-001", "Z-002"])].sort_values("activity_id")
    csv_path, xlsx_path = tmp_path / "export.csv", tmp_path / "export.xlsx"
    csv_path.write_bytes(csv_bytes(rows))
    xlsx_path.write_bytes(xlsx_bytes(rows))
    reread = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [r["title"] for r in reread] == ['\'=HYPERLINK("http://x","klik")', "'@SUM(A1)"]
    sheet = openpyxl.load_workbook(xlsx_path).active
    header = [c.value for c in sheet[1]]
    cells = [row[header.index("title")] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ['\'=HYPERLINK("http://x","klik")', "'@SUM(A1)"]
    assert all(c.data_type == "s" for c in cells)  # stored as text, not as a formula


@pytest.mark.parametrize(
    "name",
    [
        "date_day_first_february_31.csv",
        "binary_garbage.csv",
        "duplicate_ids_in_store.csv",
        "export_dates_ambiguous.csv",
        "export_lookalike_stored_id.csv",
    ],
)
def test_cli_refuses_bad_files_with_exit_2(name, tmp_path):
    """The CLI import reports the same problem, exits with 2 and leaves the store as it was."""
    root = tmp_path / "s"
    FolderStore(root).seed_demo()
    before = _snapshot(FolderStore(root))
    case = CASES[name]
    args = ["import", str(CORPUS / name), "--kind", case.kind, "--store", str(root), "--lang", "en"]
    args += ["--add-only"] if case.mode == "add" else []
    result = run_kpi(*args, timeout=120, cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert t(f"err.{case.expect[0]}", "en").split("{")[0] in result.stderr
    assert _snapshot(FolderStore(root)) == before


def test_cli_date_order_flag_confirms_ambiguous_dates(tmp_path):
    """`--date-order dmy` imports the file the CLI refused without it, 1-4-2018 stored as 1 April."""
    root = tmp_path / "s"
    FolderStore(root).seed_demo()
    path = CORPUS / "export_dates_ambiguous.csv"
    base = ["import", str(path), "--kind", "activities", "--store", str(root)]
    result = run_kpi(*base, "--date-order", "dmy", timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    saved = FolderStore(root).load().activities.set_index("activity_id")
    assert str(saved.loc["IB18-01", "date"].date()) == "2018-04-01"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_fast_csv_path_reads_the_same_cells(monkeypatch, tmp_path, encoding):
    """Large CSVs go through pyarrow; the cells (quotes, separators in text, accents, leading zeros) equal pandas'."""
    from kpi import readers

    text = (
        "Export 2018\n"
        "activity_id;date;activity_type;title;companies\n"
        '007;2018-01-02;service;"Beurs; Köln ""groot""";01\n'
        "A2;2018-01-03;mission;  Zürich  ;\n"
    )
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode(encoding))
    slow = readers.read_raw(path)
    monkeypatch.setattr(readers, "FAST_CSV_BYTES", 0)
    fast = readers.read_raw(path)
    assert fast.equals(slow) and fast.loc[1, "title"] == 'Beurs; Köln "groot"' and fast.loc[1, "activity_id"] == "007"
    assert list(fast.index) == [1, 2]  # rows 3 and 4 of the file
    ragged = tmp_path / "ragged.csv"
    ragged.write_bytes((text + "A3;2018-01-04;service;x;1;extra\n").encode(encoding))
    with pytest.raises(ValidationError) as info:
        readers.read_raw(ragged)
    assert [(p.code, p.row) for p in info.value.problems] == [("extra_fields", 5)]

"""The bad-file corpus: each real file gives its specific message, and the store's current version stays byte-for-byte."""

import csv
import hashlib
import importlib.util
import io
import subprocess
import sys

import openpyxl
import pytest

from kpi.access import local_actor
from kpi.exports import csv_bytes, xlsx_bytes
from kpi.i18n import t
from kpi.importing import commit_import, prepare_import
from kpi.problems import ValidationError
from kpi.store import Store
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "bad_files"
_spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
make_corpus = sys.modules.setdefault("make_corpus", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(make_corpus)
CASES = {case.name: case for case in make_corpus.CASES}


def _snapshot(store: Store) -> dict[str, str]:
    """The current pointer and every file of the current version, hashed."""
    folder = store.version_path(store.current_version())
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}
    return {"current": store.pointer.read_text(), **files}


@pytest.fixture()
def store(isolated_store):
    """A store initialised from the demo data."""
    store = Store()
    store.ensure()
    return store


def test_corpus_is_complete_and_committed():
    """At least 30 bad files, every generated file is on disk, and every file on disk has a case."""
    on_disk = {p.name for p in CORPUS.iterdir() if p.name != "make_corpus.py" and not p.name.startswith("__")}
    assert on_disk == set(make_corpus.files()) == set(CASES)
    assert sum(not c.ok for c in CASES.values()) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_its_message_and_leaves_the_store_unchanged(name, store, monkeypatch):
    """Importing the file reports the expected problem (code, place and text, nl and en); the current version is untouched."""
    case = CASES[name]
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    before = _snapshot(store)
    data = (CORPUS / name).read_bytes()
    if case.ok:
        prepared = prepare_import(store, data, name, case.kind, case.mode)
        problems = prepared.warnings
        assert all(p.severity == "warning" for p in problems)
    else:
        with pytest.raises(ValidationError) as info:
            prepare_import(store, data, name, case.kind, case.mode)
        problems = info.value.problems
        sheet = " [Sheet1]" if name.endswith(".xlsx") and case.expect[0] not in ("bad_workbook", "empty_file") else ""
        assert info.value.message("en").startswith(f"The file {name}{sheet} was not read")
        assert "Er is niets gewijzigd." in info.value.message("nl")
    assert {p.code for p in problems} == set(case.expect)
    for row, column, value in case.where:
        assert any((p.row, p.column, p.value) == (row, column, value) for p in problems), [
            (p.row, p.column, p.value) for p in problems
        ]
    for problem in problems:
        assert t(f"err.{problem.code}", "en").split("{")[0] in problem.describe("en")
        assert t(f"err.{problem.code}", "nl").split("{")[0] in problem.describe("nl")
    assert _snapshot(store) == before


def test_extra_columns_are_kept_through_the_store(store):
    """Unknown extra columns survive the import into the saved version."""
    prepared = prepare_import(store, CORPUS / "extra_unknown_columns.csv", "extra.csv", "activities", "update")
    commit_import(store, prepared, local_actor())
    saved = store.load().activities.set_index("activity_id")
    assert saved.loc["Z-001", "crm_owner"] == "Anna" and saved.loc["Z-001", "crm_ref"] == "CRM-77"


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


@pytest.mark.parametrize("name", ["date_day_first.csv", "binary_garbage.csv", "duplicate_ids_in_store.csv"])
def test_cli_refuses_bad_files_with_exit_2(name, tmp_path):
    """The CLI import reports the same problem, exits with 2 and leaves the store as it was."""
    root = tmp_path / "s"
    Store(root).ensure()
    before = _snapshot(Store(root))
    case = CASES[name]
    args = ["import", str(CORPUS / name), "--kind", case.kind, "--store", str(root), "--lang", "en"]
    args += ["--add-only"] if case.mode == "add" else []
    result = subprocess.run([sys.executable, "-m", "kpi", *args], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert t(f"err.{case.expect[0]}", "en") in result.stderr
    assert _snapshot(Store(root)) == before


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_fast_csv_path_reads_the_same_cells(monkeypatch, tmp_path, encoding):
    """Large CSVs go through pyarrow; the cells (quotes, separators in text, accents, leading zeros) equal pandas'."""
    from kpi import readers

    text = (
        "activity_id;date;activity_type;title;companies\n"
        '007;2018-01-02;service;"Beurs; Köln ""groot""";01\n'
        "A2;2018-01-03;mission;  Zürich  ;\n"
    )
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode(encoding))
    slow = readers.read_raw(path)
    monkeypatch.setattr(readers, "FAST_CSV_BYTES", 0)
    fast = readers.read_raw(path)
    assert fast.equals(slow) and fast.loc[0, "title"] == 'Beurs; Köln "groot"' and fast.loc[0, "activity_id"] == "007"
    ragged = tmp_path / "ragged.csv"
    ragged.write_bytes((text + "A3;2018-01-04;service;x;1;extra\n").encode(encoding))
    with pytest.raises(ValidationError) as info:
        readers.read_raw(ragged)
    assert [(p.code, p.row) for p in info.value.problems] == [("extra_fields", 4)]

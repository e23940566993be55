"""The hostile corpus: every file gives its problem (nl and en), never a traceback, leaves the store byte-identical,
and is read within 2 GiB of address space and 10 s of wall time; the CLI refuses a sample of each kind with exit 2."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from filelock import FileLock

from kpi.i18n import t
from kpi.importing import as_text, prepare_import
from kpi.problems import ValidationError
from kpi.store import FolderStore
from kpi.validate import Reading
from tests.cli_fork import run_kpi
from tests.conftest import ROOT

SMALL = ROOT / "tests" / "hostile"
_spec = importlib.util.spec_from_file_location("build_hostile_corpus", ROOT / "scripts" / "build_hostile_corpus.py")
corpus = sys.modules.setdefault("build_hostile_corpus", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(corpus)
CASES = {case.name: case for case in corpus.CASES}
ADDRESS_SPACE = 2 * 1024**3
WALL_S = 10.0
# One or more files per kind for the CLI (a subprocess each).
CLI_SAMPLE = (
    "csv_30000_columns.csv",
    "csv_nul_in_id_after_64k.csv",
    "count_int64_max.csv",
    "date_year_0218.csv",
    "xlsx_cell_at_XFD20000.xlsx",
    "xlsx_billion_laughs.xlsx",
    "xlsx_zip_bomb_lying_size.xlsx",
    "parquet_20m_rows_one_value.parquet",
    "parquet_list_column.parquet",
    "targets_20_digit_target.csv",
    "targets_overlapping_plan.csv",
    "merge_mission_retyped_as_info_meeting.csv",
)


@pytest.fixture(scope="session")
def large_dir(request, tmp_path_factory) -> Path:
    """Where the large corpus files (about 120 MB, 15 CPU-seconds to write) are: each written when a test first needs
    it (`path_of`), into a folder keyed by the generator's source, in pytest's cache folder, so a later run on the
    same generator reads them again instead of writing them (tests only read them; a changed generator gets a new
    folder and the old ones are removed). The xdist workers of a run share it the same way. Without pytest's cache
    (`-p no:cacheprovider`) the folder is the run's own."""
    source = hashlib.sha256(Path(corpus.__file__).read_bytes()).hexdigest()[:16]
    cache = getattr(request.config, "cache", None)
    if cache is None:
        if not os.environ.get("PYTEST_XDIST_WORKER"):
            return tmp_path_factory.mktemp("hostile-large")
        folder = tmp_path_factory.getbasetemp().parent / f"hostile-large-{source}"  # the run's, not the worker's
        folder.mkdir(exist_ok=True)
        return folder
    folder = cache.mkdir(f"hostile-large-{source}")
    for old in folder.parent.glob("hostile-large-*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def path_of(name: str, large_dir: Path) -> Path:
    """Where a corpus file is: committed, or generated for this run (written on first use, under a lock per file
    that another worker writing the same file holds; renamed into place only when whole)."""
    if not CASES[name].large:
        return SMALL / name
    path = large_dir / name
    with FileLock(large_dir / f".{name}.lock"):
        if not path.exists():
            partial = large_dir / f".{name}.partial"
            partial.write_bytes(CASES[name].build())
            partial.rename(path)
    return path


def tree_hash(root: Path) -> dict[str, str]:
    """Every file and folder under `root` (names relative), files hashed."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> FolderStore:
    """One store initialised from the demo data, shared by the in-process cases (each checks it is unchanged)."""
    store = FolderStore(tmp_path_factory.mktemp("hostile-store") / "store")
    store.seed_demo()
    return store


def test_corpus_has_60_files_committed_as_built():
    """At least 60 cases over every kind; the committed small files are exactly what the script builds."""
    assert len(CASES) >= 60
    assert {c.category for c in CASES.values()} == {
        "csv",
        "values",
        "xlsx",
        "parquet",
        "targets",
        "merge",
        "careless",
        "exports",
    }
    small = {name for name, case in CASES.items() if not case.large}
    assert {p.name for p in SMALL.iterdir()} == small
    for name in sorted(small):
        built, committed = CASES[name].build(), (SMALL / name).read_bytes()
        if committed != built:  # a Parquet file holds its writer's version: then the same schema and rows do
            assert name.endswith(".parquet"), name
            old, new = (pq.ParquetFile(pa.BufferReader(b)) for b in (committed, built))
            assert old.schema_arrow == new.schema_arrow and old.read().to_pylist() == new.read().to_pylist(), name


def test_every_issue_case_is_in_the_corpus():
    """The cases issue 8 names are each a file here."""
    named = {
        "csv_30000_columns.csv",
        "xlsx_cell_at_XFD20000.xlsx",
        "xlsx_cell_at_XFD1048576.xlsx",
        "parquet_20m_rows_one_value.parquet",
        "count_int64_max.csv",
        "date_year_0218.csv",
        "date_excel_serial.csv",
        "xlsx_billion_laughs.xlsx",
        "xlsx_external_entity.xlsx",
        "parquet_list_column.parquet",
        "targets_20_digit_target.csv",
        "xlsx_formula_without_value.xlsx",
        "xlsx_hidden_first_sheet.xlsx",
        "xlsx_duplicate_companies.xlsx",
        "csv_nul_in_title_after_64k.csv",
        "country_reserved_codes.csv",
        "csv_zero_width_twin_ids.csv",
        "merge_mission_retyped_as_info_meeting.csv",
        "targets_overlapping_plan.csv",
        "targets_two_annual_plans.csv",
        "targets_year_0_to_99999.csv",
        "csv_year_column.csv",
    }
    assert named <= set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_gives_its_problem_and_changes_nothing(name, demo_store, large_dir, monkeypatch):
    """The file gives exactly its problem codes (at the named places), in Dutch and English; the store is as it was."""
    case = CASES[name]
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    before = tree_hash(demo_store.root)
    data = path_of(name, large_dir).read_bytes()
    reading = Reading(**case.options)
    if case.ok:
        prepared = prepare_import(demo_store, data, name, case.kind, case.mode, reading)
        problems = prepared.warnings
        assert all(p.severity in ("warning", "info") for p in problems)
        if case.stored:
            columns = list(corpus.STORED_COLUMNS[case.kind])
            rows = as_text(prepared.incoming)[columns].itertuples(index=False, name=None)
            assert tuple(rows) == case.stored
    else:
        with pytest.raises(ValidationError) as info:
            prepare_import(demo_store, data, name, case.kind, case.mode, reading)
        problems = info.value.problems
        assert info.value.message("en").startswith(f"The file {name}")
        assert "Er is niets gewijzigd." in info.value.message("nl")
    assert {p.code for p in problems} == set(case.expect)
    for row, column, value in case.where:
        assert any((p.row, p.column, p.value) == (row, column, value) for p in problems), [
            (p.row, p.column, p.value) for p in problems
        ]
    for problem in problems:
        for lang in ("nl", "en"):
            text = problem.describe(lang)
            assert t(f"err.{problem.code}", lang).split("{")[0] in text and "Traceback" not in text
    assert tree_hash(demo_store.root) == before


BOUNDED = tuple(n for n, c in sorted(CASES.items()) if not c.env and not c.options)  # read without settings


@pytest.mark.parametrize(
    "names",
    [
        pytest.param(tuple(n for n in CLI_SAMPLE if n in BOUNDED), id="sample"),  # `make check`
        pytest.param(BOUNDED, id="all", marks=pytest.mark.slow),  # `make test`
    ],
)
def test_every_file_is_read_within_2_gib_and_10_cpu_seconds(large_dir, names):
    """Each file, read and validated in its own process under RLIMIT_AS 2 GiB and RLIMIT_CPU 10 s, ends with its
    problem."""
    jobs = "".join(
        json.dumps({"name": n, "path": str(path_of(n, large_dir)), "kind": CASES[n].kind}) + "\n" for n in names
    )
    result = subprocess.run(
        [sys.executable, "-m", "tests.hostile_bound", str(WALL_S)],
        input=jobs,
        text=True,
        capture_output=True,
        cwd=ROOT,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reports) == len(names)
    for report in reports:
        case = CASES[report["name"]]
        assert report["ended"] == "finished", report
        assert "unreadable" not in report["codes"], report
        if not case.needs_store:
            assert set(report["codes"]) == set(case.expect) and report["refused"] == (not case.ok), report
    slowest = max(reports, key=lambda r: r["cpu_seconds"])
    largest = max(reports, key=lambda r: r["max_rss_kib"])
    print(
        f"\nslowest: {slowest['name']} {slowest['cpu_seconds']} CPU-s ({slowest['seconds']} s); "
        f"largest: {largest['name']} {largest['max_rss_kib'] / 1024:.0f} MiB peak RSS"
    )


@pytest.mark.parametrize("name", CLI_SAMPLE)
def test_cli_refuses_with_exit_2_and_leaves_the_store_identical(name, large_dir, tmp_path):
    """`python -m kpi import FILE` exits 2 with the problem in words, no traceback, and the store byte-identical."""
    case = CASES[name]
    root = tmp_path / "store"
    FolderStore(root).seed_demo()
    before = tree_hash(root)
    args = [
        "import",
        str(path_of(name, large_dir)),
        "--kind",
        case.kind,
        "--store",
        str(root),
        "--lang",
        "en",
    ] + (["--replace"] if case.mode == "replace" else [])
    result = run_kpi(*args, timeout=120, cwd=ROOT, address_space=ADDRESS_SPACE, env={**os.environ, **case.env})
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and 'File "/' not in result.stderr
    assert t(f"err.{case.expect[0]}", "en").split("{")[0] in result.stderr
    assert tree_hash(root) == before


def test_dry_run_against_an_empty_folder_writes_nothing(tmp_path):
    """A dry-run import where no store exists previews against an empty table and creates no file or folder."""
    good = tmp_path / "good.csv"
    good.write_text("activity_id;date;activity_type\nD-1;2018-06-01;service\n", encoding="utf-8")
    root = tmp_path / "nothing-here"
    result = run_kpi(
        "import", str(good), "--kind", "activities", "--dry-run", "--store", str(root), "--lang", "en", cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "1 added, 0 changed, 0 removed" in result.stdout
    assert not root.exists()

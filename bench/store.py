"""Benchmark 'store': import a 1M-row CSV (read, validate, preview, save), the folder store against PostgreSQL, and
a running dashboard picking up a new version."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from kpi import diff as D
from kpi import fmt
from kpi import mapping as M
from kpi.access import local_actor
from kpi.engine import kpi_table
from kpi.importing import commit_import, prepare_import
from kpi.load import DEMO_ACTIVITIES
from kpi.readers import read_raw
from kpi.store import FolderStore, open_store
from kpi.validate import validate_activities
from tests.browser import wait_for_app_run
from tests.servers import CHROMIUM, CHROMIUM_ARGS, start_streamlit, stop

ROWS = 1_000_000
TARGET_S = 10.0
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def big_csv(rows: int = ROWS) -> Path:
    """A `;`-separated CSV of `rows` activities (the demo rows repeated with unique ids), as Dutch Excel writes it."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"activities-{rows}.csv"
    if not path.exists() or path.stat().st_mtime < DEMO_ACTIVITIES.stat().st_mtime:
        base = read_raw(DEMO_ACTIVITIES)
        frame = base.iloc[np.arange(rows) % len(base)].reset_index(drop=True)
        frame["activity_id"] = [f"B{i:07d}" for i in range(rows)]
        frame.to_csv(path, index=False, sep=";", encoding="utf-8-sig")
    return path


def _timed(label: str, func, *args):
    start, cpu = time.perf_counter(), time.process_time()
    result = func(*args)
    elapsed = time.perf_counter() - start
    print(f"  {label:<44} {elapsed:6.2f} s   (CPU {time.process_time() - cpu:5.2f} s)", flush=True)
    return result, elapsed


def import_figures(store: FolderStore, path: Path) -> float:
    """Print the parts of a 1M-row import and return the end-to-end time (read + validate + preview + save)."""
    size = path.stat().st_size / 1024 / 1024
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (other work slows wall times)")
    print(f"import {ROWS:,} rows ({size:.0f} MB CSV) into a store holding the demo data, mode replace-all")
    raw, _ = _timed("read (CSV -> text cells)", read_raw, path)
    _timed("validate (every rule, all problems collected)", validate_activities, raw, path.name)
    del raw
    start, cpu = time.perf_counter(), time.process_time()
    prepared, _ = _timed(
        "prepare = read + validate + preview diff", prepare_import, store, path, path.name, "activities", D.REPLACE
    )
    manifest, _ = _timed("save (Parquet, fsync, rename, pointer)", commit_import, store, prepared, local_actor())
    total = time.perf_counter() - start
    print(
        f"  {'TOTAL import (validation + save)':<44} {total:6.2f} s   (CPU {time.process_time() - cpu:5.2f} s)"
        f"   target <= {TARGET_S:.0f} s: "
        f"{'OK' if total <= TARGET_S else 'OVER'}"
    )
    print(
        f"  saved {manifest.label}: {manifest.rows['activities']:,} rows, "
        f"{manifest.files['activities.parquet']['bytes'] / 1024 / 1024:.1f} MB Parquet"
    )
    profile = M.Mapping.from_json(M.propose(read_raw(path), "activities").to_json())
    _timed(
        "prepare again, with a mapping profile (wizard)",
        prepare_import,
        store,
        path,
        path.name,
        "activities",
        D.REPLACE,
        None,
        profile,
    )
    update = big_csv_update(path)
    prepared, _ = _timed(
        "add-and-update preview of 1,000 changed rows",
        prepare_import,
        store,
        update,
        update.name,
        "activities",
        D.ADD_UPDATE,
    )
    print(f"  preview: {prepared.diff.counts}")
    return total


def big_csv_update(path: Path) -> Path:
    """A small file that changes the title of 1,000 of the big file's rows."""
    target = OUT / "activities-update.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()[:1001]
    head, rows = lines[0], lines[1:]
    title = head.split(";").index("title")
    changed = []
    for line in rows:
        cells = line.split(";")
        cells[title] = "Renamed"
        changed.append(";".join(cells))
    target.write_text("\n".join([head, *changed]) + "\n", encoding="utf-8")
    return target


def _open(page, url: str) -> tuple[str, float]:
    start = time.perf_counter()
    page.goto(url)
    wait_for_app_run(page, timeout=300_000)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=300_000)
    return page.locator('[data-testid="stMetricValue"]').first.inner_text(), time.perf_counter() - start


def _expected_missions(store: FolderStore) -> str:
    activities, targets = store.load().activities, store.load().targets
    year = int(activities["year"].max())
    table = kpi_table(activities, targets, year, None, "nl").to_frame()
    return fmt.number(int(table.loc[table["kpi"] == "missions", "realized"].iloc[0]), "nl")


def dashboard_figures(path: Path) -> None:
    """Open the Overview on a running server, import in another process, reload: the new version shows, no restart."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        store = FolderStore(Path(folder) / "store")
        store.seed_demo()
        proc, url = start_streamlit(store.root)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                before, first = _open(page, url)
                print("dashboard on a running server (Chromium, Overview, first KPI = missions)")
                print(f"  open on the demo data (v1)                    {first:6.2f} s   missions = {before}")
                start = time.perf_counter()
                subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "kpi",
                        "import",
                        str(path),
                        "--kind",
                        "activities",
                        "--replace",
                        "--store",
                        str(store.root),
                    ],
                    check=True,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                )
                print(
                    f"  CLI import of the 1M-row file (own process)   {time.perf_counter() - start:6.2f} s   "
                    f"now {store.load().manifest.label}"
                )
                after, reopen = _open(page, url)
                expected = _expected_missions(store)
                print(
                    f"  reload after the save, same server            {reopen:6.2f} s   missions = {after} "
                    f"(expected {expected}: {'picked up' if after == expected else 'NOT picked up'})"
                )
                again, cached = _open(page, url)
                print(f"  reload again (version cached)                 {cached:6.2f} s   missions = {again}")
                browser.close()
        finally:
            stop(proc)


def _median_s(func, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def backend_figures(rows: int = ROWS) -> None:
    """Save and read the same 1M-row version on the folder store and on PostgreSQL (a throwaway local cluster)."""
    from tests import synth
    from tests.servers import fresh_database, start_cluster, stop_cluster

    activities = synth.load(rows)
    print(
        f"backends: one save of {rows:,} activities, then reads (median of 5; the throwaway PostgreSQL cluster of "
        "the tests on this machine: loopback, fsync off)"
    )
    print(f"  {'':<40} {'folder':>10} {'PostgreSQL':>11}")
    cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory() as folder, fresh_database(cluster) as url:
            stores = [open_store(Path(folder) / "store"), open_store(url)]
            for store in stores:
                store.seed_demo()
            figures = {"save": [], "head": [], "load": [], "verify": []}
            for store in stores:
                start = time.perf_counter()
                store.save(1, activities=activities, action="edit", description="bench", actor=local_actor())
                figures["save"].append(time.perf_counter() - start)
                figures["head"].append(_median_s(store.current_version, 20))
                figures["load"].append(_median_s(lambda s=store: s.load(2)))
                figures["verify"].append(_median_s(lambda s=store: s.verify(2)))
            labels = {
                "save": "save (serialise, write, commit)",
                "head": "current version (every rerun)",
                "load": "load the version (three tables)",
                "verify": "verify the version's checksums",
            }
            for key, label in labels.items():
                folder_s, pg_s = figures[key]
                print(f"  {label:<40} {folder_s * 1000:8.2f} ms {pg_s * 1000:8.2f} ms")
    finally:
        stop_cluster(cluster)


def main() -> None:
    """Print this part's figures."""
    path = big_csv()
    with tempfile.TemporaryDirectory() as folder:
        store = FolderStore(Path(folder) / "store")
        store.seed_demo()
        import_figures(store, path)
    backend_figures()
    if os.path.exists(CHROMIUM):
        dashboard_figures(path)
    else:
        print(f"dashboard figures skipped: {CHROMIUM} is missing")


if __name__ == "__main__":
    main()

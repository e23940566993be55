"""Benchmark part 'annual': the annual report (.docx) for the demo year from one store snapshot, in-process and as
the CLI runs it (interpreter start and imports included). The target is 3 s; figures only, never asserted."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kpi.annual_report import build
from kpi.dashboard import latest_year
from kpi.engine import kpi_table
from kpi.report import report_rows
from kpi.store import FolderStore

TARGET_SECONDS = 3.0
ROOT = Path(__file__).resolve().parent.parent


def _best(runs: int, work) -> tuple[float, float]:
    """The fastest wall and CPU seconds of `runs` runs of `work()` (the shared machine's noise only adds time)."""
    wall = cpu = float("inf")
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    """Print the in-process build time per language against the KPI table's (the reference), and the CLI's wall time."""
    with tempfile.TemporaryDirectory() as folder:
        store = FolderStore(Path(folder) / "store")
        store.seed_demo()
        snapshot = store.load()
        year = latest_year(snapshot.activities)
        build(snapshot, year)  # first use: fonts, templates and lazy imports
        table, table_cpu = _best(5, lambda: report_rows(kpi_table(snapshot.activities, snapshot.targets, year), "nl"))
        print(
            f"annual report {year} from one snapshot ({snapshot.manifest.label}); "
            f"KPI table {table:.3f} s wall, {table_cpu:.3f} s CPU (reference)"
        )
        for lang in ("nl", "en"):
            wall, cpu = _best(3, lambda lang=lang: build(snapshot, year, lang=lang))
            size = len(build(snapshot, year, lang=lang)[1])
            print(
                f"  {lang}: build {wall:.2f} s wall, {cpu:.2f} s CPU ({cpu / table_cpu:.0f} x the table's CPU), "
                f"{size / 1e3:.0f} kB"
            )
        out = Path(folder) / "report.docx"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kpi", "report", "--year", str(year), "--out", str(out), "--store", str(store.root)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        cli = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cli_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    verdict = "within" if cli_cpu <= TARGET_SECONDS else "OVER"
    print(
        f"  CLI `python -m kpi report` end to end (interpreter, imports, store read, build, write): {cli:.2f} s wall, "
        f"{cli_cpu:.2f} s CPU ({verdict} the {TARGET_SECONDS:.0f} s target; wall time varies with the shared machine)"
    )


if __name__ == "__main__":
    main()

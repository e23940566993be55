"""Crash safety: a save killed (SIGKILL) at random moments never leaves the store unreadable or with a half version."""
import os
import random
import signal
import subprocess
import sys
import time

import pandas as pd

from kpi.store import Store
from kpi.access import local_actor
from tests.conftest import ROOT

REPETITIONS = 30
# The child saves in a loop, alternating sizes, so a kill lands in any phase of a save.
CHILD = """
import sys
from kpi.store import Store
from kpi.access import local_actor
from kpi.parquet_io import read_frame
store = Store(sys.argv[1])
big = read_frame(sys.argv[2])
print("ready", flush=True)
n = 0
while True:
    n += 1
    rows = big if n % 2 else big.iloc[: len(big) // 2]
    store.save(store.current_version(), activities=rows, action="edit", description=f"save {n}", actor=local_actor())
"""


def _check_store(root) -> tuple[bool, int]:
    """Assert the store is whole; return (a save was caught mid-way, current version)."""
    store = Store(root)
    current = store.current_version()
    assert current is not None
    snapshot = store.load(current)
    assert len(snapshot.activities) == snapshot.manifest.rows["activities"]
    assert [m.version for m in store.versions()] == list(range(1, current + 1))
    folders = sorted(store.versions_dir.iterdir())
    assert all(store.verify(int(f.name[1:])) for f in folders), "a version folder is incomplete"
    leftovers = list(store.tmp_dir.iterdir()) if store.tmp_dir.is_dir() else []
    return bool(leftovers) or len(folders) > current, current


def test_killed_saves_never_damage_the_store(tmp_path, demo_activities):
    """Over many random SIGKILLs during saves, the current version always loads and verifies, with no half version."""
    root = tmp_path / "store"
    Store(root).ensure()
    big = pd.concat([demo_activities] * 700, ignore_index=True)  # ~200k rows: a save takes a while
    big["activity_id"] = [f"C{i:07d}" for i in range(len(big))]
    big_path = tmp_path / "big.parquet"
    big.to_parquet(big_path)
    rng = random.Random(20181231)
    caught_mid_save, last = 0, 1
    for _ in range(REPETITIONS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(root), str(big_path)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 1.2))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        mid, current = _check_store(root)
        caught_mid_save += mid
        assert current >= last
        last = current
    assert last > 1, "the child never completed a save: the test did not exercise saving"
    assert caught_mid_save >= REPETITIONS // 4, f"only {caught_mid_save} kills landed during a save"
    manifest = Store(root).save(last, activities=demo_activities, action="edit", description="after crashes", actor=local_actor())
    assert manifest.version == last + 1 and Store(root).verify(manifest.version)
    assert list(Store(root).tmp_dir.iterdir()) == []

"""Crash safety: a save killed (SIGKILL) at random moments never leaves the store unreadable or with a half version,
on either backend."""

import os
import random
import signal
import time

import pandas as pd
import pytest

from kpi.access import local_actor
from kpi.store import FolderStore, open_store
from tests.cli_fork import forked_python
from tests.conftest import ROOT
from tests.pg_cluster import is_pg

REPETITIONS = 30  # `make test`; `make check` kills a sample of 8 (the `slow` marker leaves the 30 out)
# The child saves in a loop, alternating sizes, so a kill lands in any phase of a save; it says when a save starts
# and ends, so the test knows which kills landed inside one. It is `python -c CHILD` forked from the preloaded
# interpreter of tests/cli_fork.py (a process of its own, killed as a subprocess would be, without importing pandas,
# pyarrow and the store afresh for each kill: about 1.6 CPU-seconds each).
CHILD = """
import sys
from kpi.access import local_actor
from kpi.store import open_store
from kpi.parquet_io import read_frame
store = open_store(sys.argv[1])
big = read_frame(sys.argv[2])
print("ready", flush=True)
n = 0
while True:
    n += 1
    rows = big if n % 2 else big.iloc[: len(big) // 2]
    print("saving", flush=True)
    store.save(store.current_version(), activities=rows, action="edit", description=f"save {n}", actor=local_actor())
    print("saved", flush=True)
"""


def _check_store(location) -> int:
    """Assert the store is whole (current loads and matches its manifest, every version verifies, no half version);
    return the current version."""
    store = open_store(location)
    current = store.current_version()
    assert current is not None and not store.head().recovered
    snapshot = store.load(current)
    assert len(snapshot.activities) == snapshot.manifest.rows["activities"]
    assert [m.version for m in store.versions()] == list(range(1, current + 1))
    assert all(store.verify(m.version) for m in store.versions())
    if not is_pg(location):  # a folder may hold one complete, uncommitted version beyond current, never a half one
        folders = sorted(FolderStore(location).versions_dir.iterdir())
        assert len(folders) <= current + 1 and all(store.verify(int(f.name[1:])) for f in folders)
    else:
        assert store._version_ids() == list(range(1, current + 1))  # one transaction: nothing beyond current
    return current


@pytest.mark.parametrize(
    "repetitions", [pytest.param(8, id="8-kills"), pytest.param(REPETITIONS, id="30-kills", marks=pytest.mark.slow)]
)
def test_killed_saves_never_damage_the_store(store_location, tmp_path, demo_activities, repetitions):
    """Over many random SIGKILLs during saves, the current version always loads and verifies, with no half version."""
    root = store_location
    open_store(root).seed_demo()
    big = pd.concat([demo_activities] * 700, ignore_index=True)  # ~200k rows: a save takes a while
    big["activity_id"] = [f"C{i:07d}" for i in range(len(big))]
    big_path = tmp_path / "big.parquet"
    big.to_parquet(big_path)
    rng = random.Random(20181231)
    caught_mid_save, last = 0, 1
    for _ in range(repetitions):
        with forked_python(CHILD, root, str(big_path), cwd=ROOT) as child:
            assert child.readline().strip() == "ready", child.stderr()
            time.sleep(rng.uniform(0.05, 1.2))
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait() == -signal.SIGKILL
            said = child.read().split()
        caught_mid_save += bool(said) and said[-1] == "saving"
        current = _check_store(root)
        assert current >= last
        last = current
    assert last > 1, "the child never completed a save: the test did not exercise saving"
    assert caught_mid_save >= repetitions // 2, f"only {caught_mid_save} kills landed during a save"
    manifest = open_store(root).save(
        last, activities=demo_activities, action="edit", description="after crashes", actor=local_actor()
    )
    assert manifest.version == last + 1 and open_store(root).verify(manifest.version)
    if not is_pg(root):
        assert list(FolderStore(root).tmp_dir.iterdir()) == []

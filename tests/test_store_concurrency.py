"""Two processes saving at the same moment: two versions or one clear refusal, never a corrupt or lost save."""

from kpi.store import open_store
from tests.cli_fork import forked_pythons
from tests.conftest import ROOT

# Both children read the current version, wait for the go-file, then save based on what they read.
SAME_BASE = """
import sys, time, pathlib
from kpi.store import StaleVersion, open_store
from kpi.access import local_actor
store, go, name = open_store(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
base = store.current_version()
activities = store.load(base).activities.iloc[: 10 + len(name)]
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
try:
    m = store.save(base, activities=activities, action="edit", description=name, actor=local_actor())
    print("saved", m.version)
except StaleVersion as error:
    print("refused", error.message("en"))
"""
# Each child saves ROUNDS times, re-reading the current version and retrying when refused.
RETRYING = """
import sys, time, pathlib
from kpi.store import StaleVersion, open_store
from kpi.access import local_actor
store, go, name = open_store(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
activities = store.load().activities
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
done = refused = 0
while done < 8:
    try:
        store.save(store.current_version(), activities=activities.iloc[: done + 1], action="edit",
                   description=f"{name} {done}", actor=local_actor())
        done += 1
    except StaleVersion:
        refused += 1
print("done", refused)
"""


def _race(script, root, go, names):
    """Run `script` in one process per name at once (forked side by side from the preloaded interpreter of
    tests/cli_fork.py: processes of their own, without importing pandas and the store afresh, about 1.6 CPU-seconds
    each); once all are ready, let them go; their outputs."""
    with forked_pythons(script, [[str(root), str(go), n] for n in names], cwd=ROOT) as children:
        for child in children:
            assert child.readline().strip() == "ready", child.stderr()
        go.touch()
        outputs = [(child.read(timeout=120), child.stderr()) for child in children]
        assert all(child.returncode == 0 for child in children), [o[1] for o in outputs]
    return [o[0].strip() for o in outputs]


def test_same_base_gives_one_version_and_one_clear_refusal(store_location, tmp_path):
    """Two saves based on the same version (each backend): exactly one is saved, the other is told the data changed."""
    root = store_location
    open_store(root).seed_demo()
    for attempt in range(3):
        go = tmp_path / f"go{attempt}"
        base = open_store(root).current_version()
        results = _race(SAME_BASE, root, go, ["first", "second"])
        saved = [r for r in results if r.startswith("saved")]
        refused = [r for r in results if r.startswith("refused")]
        assert len(saved) == 1 and len(refused) == 1, results
        assert f"you worked on v{base}, the current version is v{base + 1}. Nothing was saved." in refused[0]
        store = open_store(root)
        assert store.current_version() == base + 1 and store.verify(base + 1)
        assert store.manifest(base + 1).based_on == base


def test_retrying_writers_lose_nothing(store_location, tmp_path):
    """Two writers saving eight times each (re-reading after a refusal, each backend): all sixteen saves land, in one
    unbroken chain."""
    root = store_location
    open_store(root).seed_demo()
    results = _race(RETRYING, root, tmp_path / "go", ["left", "right"])
    assert all(r.startswith("done") for r in results)
    store = open_store(root)
    manifests = store.versions()
    assert [m.version for m in manifests] == list(range(1, 18))
    assert all(m.based_on == m.version - 1 for m in manifests[1:])
    assert sorted(m.description for m in manifests[1:]) == sorted(
        f"{n} {i}" for n in ("left", "right") for i in range(8)
    )
    assert all(store.verify(m.version) for m in manifests)

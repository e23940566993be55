"""History is never lost: a missing or damaged `current` pointer, full disk, read-only store and a busy lock."""

import contextlib
import hashlib
import subprocess
import sys

import pytest

from kpi.access import local_actor
from kpi.store import FolderStore, StoreError, open_store
from tests.cli_fork import run_kpi
from tests.conftest import ROOT
from tests.pg_cluster import damage_file, fingerprint, set_pointer

ADMIN = local_actor()


def _tree(root):
    """Every file under `root` with its bytes' hash (leaving out the lock file)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _three_versions(root) -> FolderStore:
    """A store with v1 (demo), v2 (10 activities) and v3 (20 activities)."""
    store = FolderStore(root)
    store.seed_demo()
    demo = store.load().activities
    store.save(1, activities=demo.iloc[:10], action="edit", description="ten", actor=ADMIN)
    store.save(2, activities=demo.iloc[:20], action="edit", description="twenty", actor=ADMIN)
    return store


def _versions_tree(store):
    return _tree(store.versions_dir)


def _cli(*args):
    return run_kpi(*args, timeout=120, cwd=ROOT)


# How the pointer gets damaged, and the version that must be current afterwards (v1..v3 exist, each verifies).
DAMAGE = {
    "deleted": (lambda s: s.pointer.unlink(), 3, "missing"),
    "empty": (lambda s: s.pointer.write_bytes(b""), 3, "unreadable"),
    "garbage": (lambda s: s.pointer.write_bytes(b"\x00\xff\xfe garbage \x81"), 3, "unreadable"),
    "a folder": (lambda s: (s.pointer.unlink(), s.pointer.mkdir()), 3, "unreadable"),
    "version zero": (lambda s: s.pointer.write_text("v0\n"), 3, "unreadable"),
    "beyond the newest": (lambda s: s.pointer.write_text("v9\n"), 3, "missing_version"),
}


@pytest.mark.parametrize("how", list(DAMAGE))
def test_damaged_pointer_is_recovered_and_every_version_survives(tmp_path, how):
    """Whatever happened to `current`, the store is not empty: v3 is current again, every version is kept
    byte-identical, nothing is seeded, the caller gets a notice, and the next save continues the chain."""
    store = _three_versions(tmp_path / "store")
    before = _versions_tree(store)
    damage, expected, kind = DAMAGE[how]
    damage(store)
    head = FolderStore(store.root).head()
    assert (head.version, head.damage, head.recovered) == (expected, kind, True)
    assert "v3 is current again: the newest version whose checksums verify. All 3 versions were kept." in head.describe(
        "en"
    )
    reader = FolderStore(store.root)
    assert reader.current_version() == 3 and [m.version for m in reader.versions()] == [1, 2, 3]
    assert reader.seed_demo() == 3 and reader.last_head.recovered
    assert reader.load().manifest.rows["activities"] == 20
    assert store.pointer.read_text() == "v3\n"  # repaired
    assert _versions_tree(store) == before
    manifest = reader.save(
        3, activities=reader.load().activities.iloc[:5], action="edit", description="after", actor=ADMIN
    )
    assert manifest.version == 4 and manifest.based_on == 3
    assert {k: v for k, v in _versions_tree(store).items() if not k.startswith("v000004")} == before


def _history(location):
    """The fingerprint of every version (the pointer left out)."""
    return {k: v for k, v in fingerprint(location).items() if "head" not in k and k != "current"}


@pytest.mark.parametrize("pointer", [None, "", "garbage \u2717", "v9"], ids=["deleted", "empty", "garbage", "beyond"])
def test_damaged_pointer_on_each_backend(store_location, pointer):
    """On the folder and on PostgreSQL alike: a deleted, empty, garbage or too-high pointer recovers v3 with a
    notice; nothing is seeded or lost, the pointer is repaired, and a save continues the chain."""
    store = open_store(store_location)
    store.seed_demo()
    demo = store.load().activities
    store.save(1, activities=demo.iloc[:10], action="edit", description="ten", actor=ADMIN)
    store.save(2, activities=demo.iloc[:20], action="edit", description="twenty", actor=ADMIN)
    history = _history(store_location)
    set_pointer(store_location, pointer)
    reader = open_store(store_location)
    assert reader.head().recovered and reader.current_version() == 3
    assert [m.version for m in reader.versions()] == [1, 2, 3] and reader.seed_demo() == 3
    assert "v3 is current again" in reader.last_head.describe("en")
    assert not open_store(store_location).head().recovered  # repaired
    assert _history(store_location) == history
    assert reader.save(3, activities=demo.iloc[:5], action="edit", description="after", actor=ADMIN).version == 4
    assert all(_history(store_location).get(k) == v for k, v in history.items())


def test_damaged_newest_version_is_passed_over_on_each_backend(store_location):
    """Pointer gone and the newest version's bytes damaged: the newest version that verifies (v2) is current."""
    store = open_store(store_location)
    store.seed_demo()
    store.save(1, activities=store.load().activities.iloc[:10], action="edit", description="ten", actor=ADMIN)
    store.save(2, activities=store.load().activities.iloc[:5], action="edit", description="five", actor=ADMIN)
    damage_file(store_location, 3, "activities.parquet")
    set_pointer(store_location, None)
    reader = open_store(store_location)
    assert reader.current_version() == 2 and reader.load().manifest.rows["activities"] == 10


def test_pointer_to_a_vanished_version_recovers_the_newest_that_verifies(tmp_path):
    """`current` names v2 whose folder is gone, and the newest v3 is damaged: v1 becomes current; v3 is kept."""
    store = _three_versions(tmp_path / "store")
    store.version_path(2).rename(tmp_path / "v2-elsewhere")
    path = store.version_path(3) / "activities.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    store.pointer.write_text("v2\n")
    damaged = _tree(store.version_path(3))
    head = store.head()
    assert (head.version, head.damage) == (1, "missing_version")
    manifest = store.save(1, activities=store.load(1).activities.iloc[:2], action="edit", description="x", actor=ADMIN)
    assert manifest.version == 2  # the damaged v3 was moved aside, with every byte kept
    aside = [p for p in store.aside_dir.iterdir() if p.name.startswith("v000003.")]
    assert len(aside) == 1 and _tree(aside[0]) == damaged


def test_no_verifiable_version_refuses_clearly_and_writes_nothing(tmp_path):
    """Every version damaged and the pointer gone: reading and saving refuse with a clear message; nothing changes."""
    store = _three_versions(tmp_path / "store")
    for version in (1, 2, 3):
        (store.version_path(version) / "manifest.json").write_text("{broken")
    store.pointer.unlink()
    before = _tree(store.root)
    with pytest.raises(StoreError) as info:
        FolderStore(store.root).seed_demo()
    assert info.value.code == "store_unrecoverable"
    assert "none of its 3 versions has matching checksums. Nothing was changed or deleted." in info.value.message("en")
    with pytest.raises(StoreError):
        store.save(3, activities=None, commentary=None, action="edit", description="x", actor=ADMIN)
    result = _cli("versions", "--store", str(store.root), "--lang", "en")
    assert result.returncode == 2 and "none of its 3 versions has matching checksums" in result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(store.root) == before


def test_pointer_without_versions_is_not_reseeded(tmp_path):
    """A `current` file but no versions folder: refused with advice; the demo data is seeded only into an empty folder."""
    root = tmp_path / "store"
    root.mkdir()
    (root / "current").write_text("v5\n")
    with pytest.raises(StoreError) as info:
        FolderStore(root).seed_demo()
    assert info.value.code == "store_pointer_orphan" and not (root / "versions").exists()
    assert "points to version 'v5' but holds no versions at all. Nothing was created." in info.value.message("en")


def test_versions_listing_tells_about_the_recovery_and_writes_nothing(tmp_path):
    """`python -m kpi versions` on a store without `current` lists all three, marks v3, warns, and repairs nothing."""
    store = _three_versions(tmp_path / "store")
    store.pointer.unlink()
    before = _tree(store.root)
    result = _cli("versions", "--store", str(store.root), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert [line[1:].split()[0] for line in result.stdout.splitlines()] == ["v1", "v2", "v3"]
    assert result.stdout.splitlines()[2].startswith("*")
    assert "The pointer to the current version was missing. v3 is current again" in result.stderr
    assert "pointer missing" in result.stderr  # the log line
    assert _tree(store.root) == before


def test_dry_run_writes_nothing_anywhere(tmp_path):
    """`import --dry-run` into a folder with no store creates nothing; on a store it changes no byte (no lock file)."""
    good = tmp_path / "good.csv"
    good.write_text("activity_id;date;activity_type\nDRY-1;2018-06-01;service\n", encoding="utf-8")
    missing = tmp_path / "nothing-here"
    result = _cli("import", str(good), "--kind", "activities", "--dry-run", "--store", str(missing), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "1 added, 0 changed, 0 removed" in result.stdout and "Dry run: nothing was saved." in result.stdout
    assert not missing.exists()
    store = _three_versions(tmp_path / "store")
    store.pointer.unlink()
    listing = sorted(p.name for p in store.root.iterdir())
    before = _tree(store.root)
    result = _cli("import", str(good), "--kind", "activities", "--dry-run", "--store", str(store.root), "--lang", "en")
    assert result.returncode == 0 and "1 added, 0 changed, 0 removed, 20 unchanged" in result.stdout
    assert _tree(store.root) == before and sorted(p.name for p in store.root.iterdir()) == listing


@contextlib.contextmanager
def _tmpfs(path, size: str):
    """A real, small filesystem mounted at `path` (needs root, as `make test` runs)."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True, text=True, check=False
    )
    if mounted.returncode != 0:
        pytest.fail(f"mounting a tmpfs for the full-disk test failed (run as root): {mounted.stderr}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_full_disk_gives_a_clear_message_and_keeps_the_store(tmp_path):
    """A save on a full disk is refused with a clear message (no traceback), leaves no staging folder, changes no
    version; once there is room again the same save succeeds."""
    with _tmpfs(tmp_path / "disk", "4m") as disk:
        store = _three_versions(disk / "store")
        before = _tree(store.root)
        filler = disk / "filler"
        with filler.open("wb") as handle, contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        big = store.load(1).activities
        with pytest.raises(StoreError) as info:
            store.save(3, activities=big, action="edit", description="too big", actor=ADMIN)
        assert info.value.code == "store_full"
        assert info.value.message("en") == (
            f"The store's disk ({store.root}) is full. Nothing was saved. Free some disk space and try again."
        )
        assert "De schijf van de opslag" in info.value.message("nl")
        assert _tree(store.root) == before and list(store.tmp_dir.iterdir()) == []
        filler.unlink()
        assert store.save(3, activities=big, action="edit", description="room", actor=ADMIN).version == 4


def test_read_only_store_reads_but_refuses_saves_clearly(tmp_path):
    """On a read-only filesystem the store still loads (pointer recovered without writing); a save is refused."""
    with _tmpfs(tmp_path / "disk", "8m") as disk:
        store = _three_versions(disk / "store")
        store.pointer.unlink()
        before = _tree(store.root)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        reader = FolderStore(store.root)
        assert reader.seed_demo() == 3 and reader.load().manifest.rows["activities"] == 20
        with pytest.raises(StoreError) as info:
            reader.save(3, activities=reader.load(1).activities, action="edit", description="x", actor=ADMIN)
        assert info.value.code == "store_read_only"
        assert "cannot be written to (read-only or no permission). Nothing was saved." in info.value.message("en")
        good = tmp_path / "good.csv"
        good.write_text("activity_id;date;activity_type\nRO-1;2018-06-01;service\n", encoding="utf-8")
        result = _cli("import", str(good), "--kind", "activities", "--store", str(store.root), "--lang", "en")
        assert result.returncode == 2 and "cannot be written to" in result.stderr
        assert "Traceback" not in result.stderr
        assert _tree(store.root) == before


HOLD_LOCK = """
import sys, time
from filelock import FileLock
with FileLock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_lock_timeout_gives_a_clear_message(tmp_path, monkeypatch):
    """Another process holding the writers' lock past the timeout: the save is refused as busy, nothing written."""
    store = _three_versions(tmp_path / "store")
    monkeypatch.setattr("kpi.store_folder.LOCK_TIMEOUT_S", 0.5)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(store.root / ".lock")],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        before = _tree(store.root)
        with pytest.raises(StoreError) as info:
            store.save(3, activities=store.load(1).activities, action="edit", description="x", actor=ADMIN)
        assert info.value.code == "store_busy"
        assert info.value.message("en").startswith(
            f"The store ({store.root}) was busy with another save for 0.5 seconds"
        )
        assert _tree(store.root) == before
    finally:
        holder.communicate("\n", timeout=30)

"""The versioned store, the change preview, commentary and the store CLI, on real files in a temporary store."""

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from kpi import diff as D
from kpi import editing as E
from kpi.access import Actor, local_actor
from kpi.commentary import commentary_for, set_commentary
from kpi.importing import commit_import, prepare_import
from kpi.problems import ValidationError
from kpi.sources import version_label
from kpi.store import StaleVersion, StoreError, current_snapshot, open_store, parse_version, store_dir
from kpi.store import store_location as configured_location
from tests.cli_fork import run_kpi
from tests.conftest import ROOT
from tests.pg_cluster import damage_file, fingerprint, is_pg

ADMIN = local_actor()
ANNA = Actor(role="editor", kind="oidc", subject="sub-anna", email="anna@example.nl", name="Anna de Vries")


def _tree_bytes(root):
    """Every file under `root` with its bytes' hash (leaving out the lock file)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _csv(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_first_use_initialises_from_the_demo_data(store_location, demo_activities, demo_targets):
    """A new store holds version 1 with exactly the demo data, typed as the loaders type it."""
    store = open_store(store_location)
    assert not store.exists() and store.current_version() is None and fingerprint(store_location) == {}
    assert store.seed_demo() == 1
    snapshot = store.load()
    pd.testing.assert_frame_equal(snapshot.activities, demo_activities)
    pd.testing.assert_frame_equal(snapshot.targets, demo_targets)
    assert snapshot.manifest.rows == {"activities": len(demo_activities), "targets": len(demo_targets), "commentary": 0}
    assert store.verify(1) and store.head().version == 1 and not store.head().recovered


def test_current_data_without_a_store_reads_demo_and_creates_nothing(store_location, monkeypatch, demo_activities):
    """Reading (CLI, reports) before any save uses the demo files and does not create the store."""
    monkeypatch.setenv("KPI_STORE", store_location)
    snapshot = current_snapshot()
    pd.testing.assert_frame_equal(snapshot.activities, demo_activities)
    assert fingerprint(store_location) == {} and version_label(snapshot.manifest) == "demo"


def test_store_setting_from_secrets_file(monkeypatch, tmp_path):
    """Without KPI_STORE/KPI_STORE_DIR, `store` (else `store_dir`) under [kpi] in secrets.toml is used, relative
    to the project; KPI_STORE wins over KPI_STORE_DIR; without any setting it is the project's store/."""
    import kpi.settings

    monkeypatch.delenv("KPI_STORE_DIR", raising=False)
    monkeypatch.delenv("KPI_STORE", raising=False)
    secrets = tmp_path / "secrets.toml"
    monkeypatch.setattr(kpi.settings, "secrets", lambda: kpi.settings.tomllib.loads(secrets.read_text()))
    secrets.write_text('[kpi]\nstore_dir = "elsewhere/store"\n')
    assert store_dir() == ROOT / "elsewhere" / "store"
    secrets.write_text('[kpi]\nstore_dir = "elsewhere/store"\nstore = "postgresql://kpi@db.example/kpi"\n')
    assert configured_location() == "postgresql://kpi@db.example/kpi"
    monkeypatch.setenv("KPI_STORE_DIR", "/srv/kpi")
    assert configured_location() == "postgresql://kpi@db.example/kpi"
    monkeypatch.setenv("KPI_STORE", "/srv/other")
    assert configured_location() == "/srv/other"
    monkeypatch.delenv("KPI_STORE")
    secrets.write_text("")
    assert store_dir() == Path("/srv/kpi")
    monkeypatch.delenv("KPI_STORE_DIR")
    assert store_dir() == ROOT / "store"


def test_save_keeps_types_and_carries_unchanged_tables(store_location):
    """A save writes a new immutable version; tables not given are byte-identical to the previous version."""
    store = open_store(store_location)
    store.seed_demo()
    before = fingerprint(store_location)
    activities = store.load().activities.iloc[:10]
    manifest = store.save(1, activities=activities, action="edit", description="first ten\nrows", actor=ANNA)
    assert (manifest.version, manifest.based_on, manifest.user, manifest.description) == (
        2,
        1,
        "Anna de Vries",
        "first ten rows",
    )
    assert manifest.by == {"kind": "oidc", "subject": "sub-anna", "email": "anna@example.nl", "name": "Anna de Vries"}
    assert manifest.rows["activities"] == 10 and store.current_version() == 2
    pd.testing.assert_frame_equal(store.load().activities, activities.reset_index(drop=True))
    after = fingerprint(store_location)  # v1's bytes unchanged (only the pointer moved)
    assert {k: v for k, v in before.items() if k in after and "head" not in k and k != "current"} == {
        k: after[k] for k in before if k in after and "head" not in k and k != "current"
    }
    assert manifest.files["targets.parquet"] == store.manifest(1).files["targets.parquet"]
    assert [m.version for m in store.versions()] == [1, 2] and store.verify(2)


def test_stale_save_is_refused_and_writes_nothing(store_location):
    """A save based on an old version is refused with a clear message in both languages; nothing changes."""
    store = open_store(store_location)
    store.seed_demo()
    store.save(1, activities=store.load().activities.iloc[:5], action="edit", description="other user", actor=ADMIN)
    before = fingerprint(store_location)
    with pytest.raises(StaleVersion) as info:
        store.save(1, activities=store.load(1).activities, action="edit", description="me", actor=ADMIN)
    assert "you worked on v1, the current version is v2. Nothing was saved." in info.value.message("en")
    assert "u werkte op v1, de huidige versie is v2" in info.value.message("nl")
    assert fingerprint(store_location) == before


def test_rollback_is_a_new_version_and_history_is_kept(store_location):
    """Rolling back to v1 creates v3 with v1's content; v2 stays in the history."""
    store = open_store(store_location)
    store.seed_demo()
    store.save(1, activities=store.load().activities.iloc[:5], action="edit", description="cut", actor=ADMIN)
    manifest = store.rollback(1, based_on=2, actor=ADMIN)
    assert manifest.version == 3 and manifest.action == "rollback" and manifest.source == "v1"
    assert manifest.checksum == store.manifest(1).checksum
    pd.testing.assert_frame_equal(store.load().activities, store.load(1).activities)
    assert [m.version for m in store.versions()] == [1, 2, 3]


def test_verify_detects_a_damaged_file(store_location):
    """Flipping one byte of a saved Parquet file fails the checksum."""
    store = open_store(store_location)
    store.seed_demo()
    assert store.verify(1)
    damage_file(store_location, 1, "activities.parquet")
    assert not store.verify(1)


VERA = Actor(role="editor", kind="oidc", subject="sub-vera", email="vera@example.nl", name="Vera Kijker")


def test_board_packs_are_recorded_in_order_and_found_by_as_of_date(store_location):
    """Each built pack is one record (version, as-of, year, language, who); the last one before a date is found;
    an editor records; the versions' bytes do not change and a reopened store reads the same records."""
    store = open_store(store_location)
    assert store.board_packs() == [] and store.last_board_pack() is None
    store.seed_demo()
    store.save(1, activities=store.load().activities.iloc[:5], action="edit", description="cut", actor=ADMIN)
    versions = {k: v for k, v in fingerprint(store_location).items() if "board_packs" not in k}
    first = store.record_board_pack(1, dt.date(2018, 9, 30), 2018, "nl", ANNA)
    second = store.record_board_pack(2, dt.date(2018, 12, 31), 2018, "en", VERA)
    assert (first.number, first.version, first.as_of, first.year, first.lang, first.user) == (
        1,
        1,
        dt.date(2018, 9, 30),
        2018,
        "nl",
        "Anna de Vries",
    )
    assert second.by == {"kind": "oidc", "subject": "sub-vera", "email": "vera@example.nl", "name": "Vera Kijker"}
    assert second.number == 2 and second.version_label == "v2" and second.created[:2] == "20"
    again = open_store(store_location)
    assert again.board_packs() == [first, second]
    assert again.last_board_pack() == second
    assert again.last_board_pack(before=dt.date(2018, 12, 31)) == first
    assert again.last_board_pack(before=dt.date(2018, 12, 31), inclusive=True) == second
    assert again.last_board_pack(before=dt.date(2018, 9, 30)) is None
    assert again.last_board_pack(before=dt.date(2018, 9, 30), inclusive=True) == first
    assert {k: v for k, v in fingerprint(store_location).items() if "board_packs" not in k} == versions
    assert store.current_version() == 2  # recording a pack makes no version


def test_a_board_pack_record_is_never_rewritten(store_location):
    """A later record leaves the earlier one's bytes as they were; on PostgreSQL the table refuses UPDATE/DELETE."""
    store = open_store(store_location)
    store.seed_demo()
    store.record_board_pack(1, dt.date(2018, 6, 30), 2018, "nl", ADMIN)
    before = store._board_pack_texts()
    store.record_board_pack(1, dt.date(2018, 6, 30), 2018, "nl", ADMIN)  # the same pack built twice: two records
    after = store._board_pack_texts()
    assert after[0] == before[0] and [n for n, _ in after] == [1, 2]
    if is_pg(store_location):
        import psycopg

        with psycopg.connect(store_location, autocommit=True) as conn:
            for sql in ("UPDATE kpi_store_board_packs SET record = '{}'", "DELETE FROM kpi_store_board_packs"):
                with pytest.raises(psycopg.errors.RaiseException, match="immutable"):
                    conn.execute(sql)
    else:
        assert sorted(p.name for p in (Path(store_location) / "board_packs").iterdir()) == [
            "last",
            "p000001.json",
            "p000002.json",
        ]
    assert store._board_pack_texts() == after


def test_a_board_pack_of_an_unknown_version_is_refused(store_location):
    """Recording a pack of a version the store does not hold is refused, says why, and records nothing."""
    store = open_store(store_location)
    store.seed_demo()
    with pytest.raises(StoreError) as info:
        store.record_board_pack(7, dt.date(2018, 6, 30), 2018, "nl", ADMIN)
    assert "There is no version v7 in" in info.value.message("en")
    assert "Er is geen versie v7 in" in info.value.message("nl")
    assert store.board_packs() == []


def test_uncommitted_leftovers_are_ignored_then_moved_aside(isolated_store):
    """A complete version never made current (crash before the pointer) is not listed; the next save moves it to
    aside/ with its bytes intact (never deleted) and removes only an unfinished staging folder."""
    store = open_store()
    store.seed_demo()
    store.save(1, activities=store.load().activities.iloc[:3], action="edit", description="x", actor=ADMIN)
    leftover = _tree_bytes(store.version_path(2))
    (isolated_store / "current").write_text("v1\n")  # as if the crash came before the pointer moved
    staging = store.tmp_dir / ("v000009." + "ab" * 16)
    staging.mkdir(parents=True)
    (staging / "activities.parquet").write_bytes(b"half")
    odd = store.tmp_dir / "discarded.1234"  # not a staging folder of ours: kept aside, not removed
    odd.mkdir()
    (odd / "manifest.json").write_text("{}")
    assert [m.version for m in store.versions()] == [1]
    manifest = store.save(1, activities=store.load().activities.iloc[:4], action="edit", description="y", actor=ADMIN)
    assert manifest.version == 2 and manifest.rows["activities"] == 4
    assert list(store.tmp_dir.iterdir()) == []
    aside = {p.name.rsplit(".", 1)[0]: p for p in store.aside_dir.iterdir()}
    assert sorted(aside) == ["discarded.1234", "v000002"]
    assert _tree_bytes(aside["v000002"]) == leftover
    assert (aside["discarded.1234"] / "manifest.json").read_text() == "{}"


def test_parse_version():
    """Versions are accepted as 3, v3 or v000003; anything else is refused."""
    assert parse_version("v3") == parse_version("3") == parse_version("v000003") == 3
    for bad in ("", "x", "v0", "-1"):
        with pytest.raises(ValueError):
            parse_version(bad)


def _activities(**changes):
    base = {
        "activity_id": ["A", "B", "C"],
        "date": ["2018-01-02", "2018-02-03", "2018-03-04"],
        "activity_type": ["service", "company_visit", "info_meeting"],
        "title": ["a", "b", "c"],
        "companies": ["1", "2", "3"],
    }
    base.update(changes)
    from kpi.validate import validate_activities

    return validate_activities(pd.DataFrame(base), "t")[0]


def test_diff_names_added_changed_and_removed_with_columns():
    """The preview finds added, removed and changed rows by id and names exactly the changed columns."""
    old = _activities()
    new = _activities(activity_id=["A", "B", "D"], title=["a", "B!", "d"], companies=["1", "5", "3"])
    change = D.diff_frames(old, new, D.KEYS["activities"])
    assert change.counts == {"added": 1, "changed": 1, "removed": 1, "unchanged": 1}
    assert list(change.added["activity_id"]) == ["D"] and list(change.removed["activity_id"]) == ["C"]
    assert change.changed_columns().tolist() == [["title", "companies"]]
    assert change.before.loc[0, "title"] == "b" and change.changed.loc[0, "title"] == "B!"


def test_import_modes():
    """Add-and-update keeps other rows, replace-all drops them, add-only refuses existing ids."""
    current = _activities()
    incoming = _activities(activity_id=["B", "E", "F"], title=["new b", "e", "f"])
    updated = D.apply_change(current, incoming, D.ADD_UPDATE, D.KEYS["activities"])
    assert sorted(updated["activity_id"]) == ["A", "B", "C", "E", "F"]
    assert updated.set_index("activity_id").loc["B", "title"] == "new b"
    assert updated.dtypes.equals(current.dtypes)
    assert list(D.apply_change(current, incoming, D.REPLACE, D.KEYS["activities"])["activity_id"]) == ["B", "E", "F"]
    with pytest.raises(ValidationError) as info:
        D.apply_change(current, incoming, D.ADD_ONLY, D.KEYS["activities"], "f.csv")
    assert [(p.code, p.row, p.value) for p in info.value.problems] == [("duplicate_in_store", 2, "B")]


def test_prepare_and_commit_import(store_location, tmp_path):
    """A prepared import writes nothing until committed; committing saves exactly the previewed table."""
    store = open_store(store_location)
    store.seed_demo()
    path = _csv(tmp_path / "new.csv", "activity_id;date;activity_type;companies\nNEW-1;2018-05-01;service;\n")
    before = fingerprint(store_location)
    prepared = prepare_import(store, path, path.name, "activities", D.ADD_UPDATE)
    assert prepared.diff.counts["added"] == 1 and prepared.diff.counts["removed"] == 0
    assert fingerprint(store_location) == before
    manifest = commit_import(store, prepared, ADMIN)
    assert manifest.source == "new.csv" and manifest.description == "activities update: +1 ~0 -0"
    pd.testing.assert_frame_equal(store.load().activities, prepared.table)


def test_edits_are_validated_and_saved(store_location):
    """One activity corrected by hand is checked with the import rules, then saved as a new version."""
    store = open_store(store_location)
    store.seed_demo()
    current = store.load().activities
    refused = E.activity_change(current, {"companies": "-3"}, replacing="BB17-001")
    assert [p.code for p in refused.problems] == ["bad_count"]
    with pytest.raises(ValidationError):
        E.save_activity(store, 1, refused, ANNA)
    assert store.current_version() == 1
    taken = E.activity_change(current, {"activity_id": "BB17-002", "companies": "7"}, replacing="BB17-001")
    assert [p.code for p in taken.problems] == ["id_taken"]
    manifest = E.save_activity(store, 1, E.activity_change(current, {"companies": "7"}, replacing="BB17-001"), ANNA)
    assert manifest.version == 2 and manifest.description == "activity BB17-001 corrected by hand"
    saved = store.load().activities.set_index("activity_id")
    assert saved.loc["BB17-001", "companies"] == 7 and len(saved) == len(current)


def test_commentary_saved_as_a_version(store_location):
    """Commentary per KPI per year and language is stored as a new version and read back per language."""
    store = open_store(store_location)
    store.seed_demo()
    table = set_commentary(store.load().commentary, "matchmaking_meetings", 2018, "nl", "Minder matchmaking.")
    table = set_commentary(table, "matchmaking_meetings", 2018, "en", "Less matchmaking.")
    store.save(1, commentary=table, action="commentary", description="commentary", actor=ADMIN)
    saved = store.load().commentary
    assert commentary_for(saved, 2018, "en") == {"matchmaking_meetings": "Less matchmaking."}
    assert commentary_for(saved, 2017, "nl") == {}
    assert len(set_commentary(saved, "matchmaking_meetings", 2018, "en", "  ")) == 1
    with pytest.raises(ValueError):
        set_commentary(saved, "nonsense", 2018, "en", "x")


def _cli(*args):
    return run_kpi(*args, timeout=120, cwd=ROOT)


def test_cli_import_versions_rollback(store_location, tmp_path):
    """The store CLI imports a file, lists versions, rolls back, and refuses bad input with exit 2 leaving the store as it was."""
    store = store_location
    good = _csv(tmp_path / "good.csv", "activity_id;date;activity_type\nCLI-1;2018-06-01;service\n")
    result = _cli("import", str(good), "--kind", "activities", "--store", store, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "1 added, 0 changed, 0 removed" in result.stdout and "Saved as version v2." in result.stdout
    before = fingerprint(store)
    bad = _csv(tmp_path / "bad.csv", "activity_id;date;activity_type\nCLI-2;2018-02-31;service\n")
    result = _cli("import", str(bad), "--kind", "activities", "--store", store, "--lang", "en")
    assert result.returncode == 2 and "row 2, column date, value '2018-02-31': Not a valid date." in result.stderr
    assert fingerprint(store) == before
    result = _cli("import", str(good), "--kind", "activities", "--add-only", "--store", store, "--lang", "en")
    assert result.returncode == 2 and "already exists in the current data" in result.stderr
    result = _cli("rollback", "v1", "--store", store)
    assert result.returncode == 0 and "Opgeslagen als versie v3." in result.stdout
    listing = _cli("versions", "--store", store).stdout.splitlines()
    assert [line[1:].split()[0] for line in listing] == ["v1", "v2", "v3"] and listing[2].startswith("*")
    assert _cli("rollback", "v7", "--store", store).returncode == 2
    manifest = open_store(store).manifest(3)
    assert manifest.rows["activities"] == open_store(store).manifest(1).rows["activities"]
    assert manifest.checksum == open_store(store).manifest(1).checksum


def test_cli_table_reads_the_store(store_location, tmp_path):
    """`python -m kpi table` reads the store's current version (KPI_STORE, else KPI_STORE_DIR) once one exists."""
    store = store_location
    replacement = _csv(tmp_path / "only.csv", "activity_id;date;activity_type\nONLY-1;2018-06-01;info_meeting\n")
    assert _cli("import", str(replacement), "--kind", "activities", "--replace", "--store", store).returncode == 0
    for variable in ("KPI_STORE", "KPI_STORE_DIR") if not store.startswith("postgresql") else ("KPI_STORE",):
        env_run = run_kpi(
            "table", "--year", "2018", "--format", "json", timeout=120, cwd=ROOT, env={**os.environ, variable: store}
        )
        rows = {r["kpi"]: r["realized"] for r in json.loads(env_run.stdout)}
        assert rows["info_meetings"] == 1 and rows["missions"] == 0
    explicit = _cli("table", "--year", "2018", "--format", "json", "--store", store)
    assert {r["kpi"]: r["realized"] for r in json.loads(explicit.stdout)}["info_meetings"] == 1


def test_update_keeps_columns_the_file_does_not_have(store_location, tmp_path):
    """Add-and-update with a file lacking `theme` and `companies` changes only the columns the file has."""
    store = open_store(store_location)
    store.seed_demo()
    row = store.load().activities.dropna(subset=["theme"]).query("companies > 0").iloc[0]
    path = _csv(
        tmp_path / "few.csv",
        f"activity_id;date;activity_type;title\n"
        f"{row['activity_id']};{row['date']:%Y-%m-%d};{row['activity_type']};Renamed\n",
    )
    prepared = prepare_import(store, path, path.name, "activities", D.ADD_UPDATE)
    assert prepared.diff.changed_columns().tolist() == [["title"]]
    kept = prepared.table.set_index("activity_id").loc[row["activity_id"]]
    assert (kept["theme"], kept["companies"], kept["title"]) == (row["theme"], row["companies"], "Renamed")
    replaced = prepare_import(store, path, path.name, "activities", D.REPLACE).table
    assert len(replaced) == 1 and pd.isna(replaced.loc[0, "theme"]) and replaced.loc[0, "companies"] == 0


def test_demo_tables_are_read_once_while_unchanged_and_handed_out_as_copies(tmp_path, monkeypatch):
    """The demo files are read and validated once while unchanged; each caller gets its own copy; a file with a new
    modification time is read again."""
    import shutil

    import kpi.load
    from kpi.store_base import demo_tables

    activities, targets = tmp_path / "activities.csv", tmp_path / "targets.csv"
    shutil.copy(kpi.load.DEMO_ACTIVITIES, activities)
    shutil.copy(kpi.load.DEMO_TARGETS, targets)
    monkeypatch.setattr(kpi.load, "DEMO_ACTIVITIES", activities)
    monkeypatch.setattr(kpi.load, "DEMO_TARGETS", targets)
    reads: list[Path] = []
    real = kpi.load.load_activities
    monkeypatch.setattr(kpi.load, "load_activities", lambda path: reads.append(path) or real(path))

    first = demo_tables()
    first["activities"]["companies"] = 0  # one caller changes its copy
    second = demo_tables()
    assert reads == [activities]
    assert (second["activities"]["companies"] > 0).any()

    stat = activities.stat()
    os.utime(activities, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    demo_tables()
    assert reads == [activities, activities]

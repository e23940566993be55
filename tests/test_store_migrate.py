"""Moving a store between backends (`store migrate`) and checking every version (`store verify`), through the CLI."""

import datetime as dt

import pandas as pd
import pytest

from kpi.access import AccessRefused, Actor
from kpi.commentary import set_commentary
from kpi.store import StoreError, open_store
from kpi.store_migrate import migrate
from tests.cli_fork import run_kpi
from tests.conftest import ROOT
from tests.pg_cluster import damage_file, fingerprint, fresh_database

EDITOR = Actor(role="editor", kind="oidc", subject="sub-eddy", email="eddy@example.nl", name="Eddy Bewerker")
ADMIN = Actor(role="admin", kind="oidc", subject="sub-ada", email="ada@example.nl", name="Ada Beheer")


def _cli(*args):
    return run_kpi(*args, timeout=300, cwd=ROOT)


def _four_versions(location):
    """v1 demo, v2 an editor's edit, v3 commentary, v4 an admin's roll-back to v1."""
    store = open_store(location)
    store.seed_demo()
    store.save(1, activities=store.load().activities.iloc[:10], action="edit", description="ten", actor=EDITOR)
    table = set_commentary(store.load().commentary, "missions", 2018, "nl", "Acht missies.")
    store.save(2, commentary=table, action="commentary", description="note", actor=EDITOR)
    store.rollback(1, 3, ADMIN)
    store.record_board_pack(2, dt.date(2018, 9, 30), 2018, "nl", EDITOR)
    store.record_board_pack(4, dt.date(2018, 12, 31), 2018, "en", ADMIN)
    return store


def test_migrate_folder_to_postgres_and_back_keeps_every_version(tmp_path, pg_cluster):
    """Every version arrives with its manifest byte-for-byte (user, by, created, checksums), the same tables and the
    same current version; `verify` passes on both; a second run copies nothing; and back to a folder works too."""
    folder = str(tmp_path / "store")
    source = _four_versions(folder)
    with fresh_database(pg_cluster) as url:
        result = _cli("store", "migrate", "--from", folder, "--to", url, "--lang", "en")
        assert result.returncode == 0, result.stderr
        assert result.stdout.count(" copied (sha256:") == 4
        assert "4 versions in postgresql://***@127.0.0.1:" in result.stdout
        assert result.stdout.rstrip().endswith("the current one is v4.")
        target = open_store(url)
        assert target.current_version() == 4
        for m in source.versions():
            assert target.manifest(m.version).to_json() == m.to_json()
            for table in ("activities", "targets", "commentary"):
                pd.testing.assert_frame_equal(target.load_table(m.version, table), source.load_table(m.version, table))
        assert [p.to_json() for p in target.board_packs()] == [p.to_json() for p in source.board_packs()]
        assert [(p.number, p.version, p.as_of.isoformat(), p.user) for p in target.board_packs()] == [
            (1, 2, "2018-09-30", EDITOR.label),
            (2, 4, "2018-12-31", ADMIN.label),
        ]
        assert target.manifest(2).by == {
            "kind": "oidc",
            "subject": "sub-eddy",
            "email": "eddy@example.nl",
            "name": "Eddy Bewerker",
        }
        verified = _cli("store", "verify", "--store", url, "--lang", "en")
        assert verified.returncode == 0 and "4 of 4 versions OK in postgresql://" in verified.stdout
        before = fingerprint(url)
        again = _cli("store", "migrate", "--from", folder, "--to", url, "--lang", "en")
        assert again.returncode == 0 and again.stdout.count("already present, identical") == 4
        assert fingerprint(url) == before
        back = str(tmp_path / "back")
        assert _cli("store", "migrate", "--from", url, "--to", back).returncode == 0
        assert [m.to_json() for m in open_store(back).versions()] == [m.to_json() for m in source.versions()]
        assert len(open_store(back).board_packs()) == 2
        assert _cli("store", "verify", "--store", back, "--lang", "en").returncode == 0


def test_verify_names_a_damaged_version_on_each_backend(store_location):
    """`store verify` reports each version; one flipped byte in v2's activities names v2 and v3 (which carries the
    same unchanged file) as damaged and exits 2."""
    _four_versions(store_location)
    ok = _cli("store", "verify", "--store", store_location, "--lang", "en")
    assert ok.returncode == 0 and "4 of 4 versions OK" in ok.stdout
    damage_file(store_location, 2, "activities.parquet")
    bad = _cli("store", "verify", "--store", store_location, "--lang", "en")
    assert bad.returncode == 2 and bad.stderr.splitlines() == [
        "v2 DAMAGED: the files do not match the manifest.",
        "v3 DAMAGED: the files do not match the manifest.",
    ]
    assert "2 of 4 versions OK" in bad.stdout


def test_migrate_refuses_a_different_history_and_copies_nothing(tmp_path, pg_cluster):
    """A target that already holds another v1 is refused with a clear message; it is left exactly as it was."""
    folder = str(tmp_path / "store")
    _four_versions(folder)
    with fresh_database(pg_cluster) as url:
        other = open_store(url)
        demo = open_store(folder).load(1)
        other.save(
            None,
            activities=demo.activities.iloc[:3],
            targets=demo.targets,
            commentary=demo.commentary,
            action="import",
            description="another start",
            actor=EDITOR,
        )
        before = fingerprint(url)
        result = _cli("store", "migrate", "--from", folder, "--to", url, "--lang", "en")
        assert result.returncode == 2 and "already holds a different v1. Nothing was copied." in result.stderr
        assert fingerprint(url) == before


def test_migrate_needs_an_admin_and_a_sound_source(tmp_path):
    """Only an admin may migrate; a source version that fails its checksums stops the copy before it."""
    source = _four_versions(str(tmp_path / "a"))
    target = open_store(str(tmp_path / "b"))
    with pytest.raises(AccessRefused):
        list(migrate(source, target, EDITOR))
    damage_file(source.location, 3, "commentary.parquet")
    with pytest.raises(StoreError) as info:
        list(migrate(source, target, ADMIN))
    assert info.value.code == "store_version_damaged" and target.current_version() == 2

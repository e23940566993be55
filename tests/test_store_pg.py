"""What only the PostgreSQL backend can get wrong: a busy lock, a read-only or unreachable database, immutable rows,
and passwords kept out of messages."""

import subprocess
import sys

import psycopg
import pytest

from kpi.access import local_actor
from kpi.store import StoreError, open_store
from kpi.store_pg import LOCK_KEY, dispose
from tests.conftest import ROOT
from tests.pg_cluster import fingerprint, fresh_database

ADMIN = local_actor()


@pytest.fixture()
def pg_store(pg_cluster):
    """A PostgreSQL store holding v1 (demo data)."""
    with fresh_database(pg_cluster) as url:
        store = open_store(url)
        store.seed_demo()
        yield store


def test_a_held_lock_times_out_with_a_clear_message(pg_store, monkeypatch):
    """Another session holding the writers' advisory lock: the save is refused as busy and nothing is written."""
    monkeypatch.setattr("kpi.store_pg.LOCK_TIMEOUT_S", 0.5)
    before = fingerprint(pg_store.location)
    with psycopg.connect(pg_store.location, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        with pytest.raises(StoreError) as info:
            pg_store.save(
                1, activities=pg_store.load().activities.iloc[:3], action="edit", description="x", actor=ADMIN
            )
    assert info.value.code == "store_busy" and "was busy with another save for 0.5 seconds" in info.value.message("en")
    assert fingerprint(pg_store.location) == before
    assert (
        pg_store.save(
            1, activities=pg_store.load().activities.iloc[:3], action="edit", description="x", actor=ADMIN
        ).version
        == 2
    )


def test_a_read_only_database_reads_but_refuses_saves(pg_store, pg_cluster):
    """With the database set read-only, the data still loads and a save is refused clearly; nothing changes."""
    name = pg_store.location.rsplit("/", 1)[1]
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
    dispose(pg_store.location)
    before = fingerprint(pg_store.location)
    store = open_store(pg_store.location)
    assert store.load().manifest.version == 1
    with pytest.raises(StoreError) as info:
        store.save(1, activities=store.load().activities.iloc[:3], action="edit", description="x", actor=ADMIN)
    assert info.value.code == "store_read_only"
    assert fingerprint(pg_store.location) == before


def test_an_unreachable_database_is_a_clear_message_without_the_password(pg_cluster):
    """No server on the port: reading and the CLI say the database cannot be reached, never show the password, and
    print no traceback."""
    url = f"postgresql://kpi:geheim@127.0.0.1:{pg_cluster.port + 1}/kpi?connect_timeout=3"
    with pytest.raises(StoreError) as info:
        open_store(url).current_version()
    message = info.value.message("en")
    assert info.value.code == "store_unreachable" and "cannot be reached" in message
    assert "geheim" not in message and "postgresql://***@127.0.0.1" in message  # user and password masked
    result = subprocess.run(
        [sys.executable, "-m", "kpi", "versions", "--store", url, "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2 and "cannot be reached" in result.stderr
    assert "geheim" not in result.stderr and "Traceback" not in result.stderr


def test_history_rows_are_immutable_in_the_database(pg_store):
    """The database itself refuses to change or delete a saved version, its files or their bytes."""
    with psycopg.connect(pg_store.location, autocommit=True) as conn:
        for sql in (
            "UPDATE kpi_store_versions SET manifest = '{}'",
            "DELETE FROM kpi_store_files",
            "UPDATE kpi_store_blobs SET data = ''::bytea",
        ):
            with pytest.raises(psycopg.errors.RaiseException, match="kpi store history is immutable"):
                conn.execute(sql)
    assert pg_store.verify(1)


def test_a_dry_run_creates_nothing_in_an_empty_database(pg_cluster, tmp_path):
    """`import --dry-run --store URL` on an empty database previews against the demo data and creates no table."""
    good = tmp_path / "good.csv"
    good.write_text("activity_id;date;activity_type\nDRY-1;2018-06-01;service\n", encoding="utf-8")
    with fresh_database(pg_cluster) as url:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "kpi",
                "import",
                str(good),
                "--kind",
                "activities",
                "--dry-run",
                "--store",
                url,
                "--lang",
                "en",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "1 added, 0 changed, 0 removed" in result.stdout and "Dry run: nothing was saved." in result.stdout
        assert fingerprint(url) == {}
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0

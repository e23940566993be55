"""Store test fixtures: a throwaway PostgreSQL cluster from Debian's packages, each backend as a parameter, and a
fingerprint that proves a store is byte-identical.

The cluster (started and stopped by `tests.servers`, which the load benchmark shares) runs once per test session
on a free loopback port. Missing packages fail the tests loudly: these tests are never skipped.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.servers import Cluster, ServerError, fresh_database, start_cluster, stop_cluster  # noqa: F401

BACKENDS: tuple[str, ...] = ("folder", "postgres")
PG_KEYS: dict[str, int] = {"kpi_store_head": 1, "kpi_store_versions": 1, "kpi_store_files": 2, "kpi_store_blobs": 1}
PG_TABLES: tuple[str, ...] = tuple(PG_KEYS)  # each table and how many leading columns form its key


@pytest.fixture(scope="session")
def pg_cluster():
    """The session's throwaway PostgreSQL server."""
    try:
        cluster = start_cluster()
    except ServerError as error:  # missing packages or a cluster that does not start fail the tests, never skip
        pytest.fail(str(error))
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


@pytest.fixture(scope="session", autouse=True)
def _no_configured_store_url():
    """KPI_STORE (if a developer set it) must not lead tests to a real store; KPI_STORE_DIR is set by conftest."""
    previous = os.environ.pop("KPI_STORE", None)
    yield
    if previous is not None:
        os.environ["KPI_STORE"] = previous


@pytest.fixture(params=BACKENDS)
def store_location(request, tmp_path) -> str:
    """A fresh, empty store on each backend: a folder, or a new database on the throwaway PostgreSQL cluster."""
    if request.param == "folder":
        yield str(tmp_path / "store")
        return
    with fresh_database(request.getfixturevalue("pg_cluster")) as url:
        yield url


def is_pg(location: str) -> bool:
    """Whether a test store is on PostgreSQL."""
    return location.startswith("postgresql://")


def fingerprint(location: str) -> dict[str, str]:
    """Every stored byte of a store as hashes: a folder's files (not the lock), or every row of the store tables."""
    if not is_pg(location):
        root = Path(location)
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".lock"
        }
    import psycopg

    out: dict[str, str] = {}
    with psycopg.connect(location) as conn:
        for table in PG_TABLES:
            exists = conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()[0]
            if exists is None:
                continue
            for row in conn.execute(f"SELECT * FROM {table}"):
                key = "/".join(str(v) for v in row[: PG_KEYS[table]])
                out[f"{table}/{key}"] = hashlib.sha256(
                    repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)).encode()
                ).hexdigest()
    return out


def damage_file(location: str, version: int, name: str) -> None:
    """Flip one byte of a stored file, as a failing disk would (on PostgreSQL past the immutability trigger)."""
    if not is_pg(location):
        path = Path(location) / "versions" / f"v{version:06d}" / name
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
        return
    import psycopg

    with psycopg.connect(location, autocommit=True) as conn:
        conn.execute("ALTER TABLE kpi_store_blobs DISABLE TRIGGER kpi_store_blobs_immutable")
        conn.execute(
            "UPDATE kpi_store_blobs SET data = set_byte(data, length(data) / 2, "
            "get_byte(data, length(data) / 2) # 255) WHERE sha256 = (SELECT sha256 FROM kpi_store_files "
            "WHERE version = %s AND name = %s)",
            (version, name),
        )
        conn.execute("ALTER TABLE kpi_store_blobs ENABLE TRIGGER kpi_store_blobs_immutable")


def set_pointer(location: str, value: str | None) -> None:
    """Overwrite (or, with None, delete) the pointer to the current version, as damage from outside would."""
    if not is_pg(location):
        pointer = Path(location) / "current"
        pointer.unlink(missing_ok=True) if value is None else pointer.write_text(value)
        return
    import psycopg

    with psycopg.connect(location, autocommit=True) as conn:
        conn.execute("DELETE FROM kpi_store_head")
        if value is not None:
            conn.execute("INSERT INTO kpi_store_head (id, version) VALUES (1, %s)", (value,))

"""Store test fixtures: a throwaway PostgreSQL cluster from Debian's packages, each backend as a parameter, and a
fingerprint that proves a store is byte-identical.

The cluster is started once per test session on a free loopback port (its socket in its own data folder) and
stopped by its data folder at the end. `initdb` refuses root, so as root it runs as the `postgres` user. Missing
packages fail the tests loudly: these tests are never skipped.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

BACKENDS: tuple[str, ...] = ("folder", "postgres")
PG_KEYS: dict[str, int] = {"kpi_store_head": 1, "kpi_store_versions": 1, "kpi_store_files": 2, "kpi_store_blobs": 1}
PG_TABLES: tuple[str, ...] = tuple(PG_KEYS)  # each table and how many leading columns form its key


@dataclass(frozen=True)
class Cluster:
    """A running throwaway PostgreSQL server."""

    bin_dir: Path
    data_dir: Path
    port: int

    def url(self, database: str = "postgres") -> str:
        """A postgresql:// URL for one database (trust authentication on loopback)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        pytest.fail(
            "PostgreSQL server packages are missing (no /usr/lib/postgresql/*/bin/initdb): run "
            "`bash scripts/ensure_system_packages.sh` as root (`make test` does). The PostgreSQL store "
            "tests are never skipped."
        )
    return Path(found[-1]).parent


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_cluster() -> Cluster:
    """initdb and start a cluster in a fresh folder; the caller stops it with `stop_cluster`."""
    bin_dir = _pg_bin()
    data_dir = Path(tempfile.mkdtemp(prefix="kpi-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data_dir, "postgres", "postgres")
    subprocess.run(
        _as_postgres(
            [str(bin_dir / "initdb"), "-D", str(data_dir), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = _free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {data_dir} -c fsync=off "
        "-c synchronous_commit=off -c max_connections=60"
    )
    started = subprocess.run(
        _as_postgres(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data_dir),
                "-o",
                options,
                "-l",
                str(data_dir / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        ),
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    if started.returncode != 0:
        log = (data_dir / "server.log").read_text(errors="replace") if (data_dir / "server.log").exists() else ""
        pytest.fail(f"the throwaway PostgreSQL cluster did not start: {started.stderr}\n{log}")
    return Cluster(bin_dir, data_dir, port)


def stop_cluster(cluster: Cluster) -> None:
    """Stop the cluster by its data folder and remove the folder."""
    subprocess.run(
        _as_postgres([str(cluster.bin_dir / "pg_ctl"), "-D", str(cluster.data_dir), "-m", "immediate", "-w", "stop"]),
        capture_output=True,
        timeout=60,
        check=False,
    )
    shutil.rmtree(cluster.data_dir, ignore_errors=True)


def _admin(cluster: Cluster, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(sql)


@contextlib.contextmanager
def fresh_database(cluster: Cluster):
    """A new empty database on the cluster for the block; yields its URL, drops it afterwards."""
    from kpi.store_pg import dispose

    name = f"kpi_{uuid.uuid4().hex[:12]}"
    _admin(cluster, f"CREATE DATABASE {name}")
    url = cluster.url(name)
    try:
        yield url
    finally:
        dispose(url)
        _admin(cluster, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg_cluster():
    """The session's throwaway PostgreSQL server."""
    cluster = start_cluster()
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

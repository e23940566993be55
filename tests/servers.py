"""Start and stop what the dashboard runs on: Streamlit app servers, a throwaway PostgreSQL cluster from Debian's
packages, and haproxy with deploy/haproxy.cfg in front of two app servers.

Shared by the tests (tests/conftest.py, tests/pg_cluster.py, tests/test_store_replicas.py) and the benchmarks
(bench/ imports it from here; tests never import bench), so it imports no pytest: a failure raises `ServerError`,
which the test fixtures turn into a failed test. `cpus` (e.g. "0") pins a started process and its children to
those cores with `taskset -c`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kpi.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HAPROXY = "/usr/sbin/haproxy"
HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
_ENV = {s.name: s.env for s in SETTINGS}
GUARD_ENV = _ENV["router_guard"]  # the test suite turns it off for in-process AppTest; real servers keep it on


class ServerError(RuntimeError):
    """A server, the cluster or the proxy could not be started (the message says what to do)."""


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pinned(cmd: list[str], cpus: str | None) -> list[str]:
    return ["taskset", "-c", cpus, *cmd] if cpus else cmd


def stop(proc: subprocess.Popen) -> None:
    """Terminate a started process, killing it after 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def start_streamlit(
    store_dir: Path,
    env_extra: dict[str, str] | None = None,
    cpus: str | None = None,
    log: Path | None = None,
    script: Path = ROOT / "app.py",
    port: int | None = None,
) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run app.py` (or another `script`, with the project's .streamlit settings) on a free loopback
    port (or `port`); return (process, base URL) once it is healthy.

    Its output goes to a pipe (read when it fails to start), or to the file `log` for a long run, whose output
    nobody reads while it runs (a full pipe would stop the server)."""
    port = port or free_port()
    env = {**os.environ, _ENV["store_dir"]: str(store_dir), GUARD_ENV: "on", **(env_extra or {})}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    out = open(log, "ab") if log else subprocess.PIPE  # noqa: SIM115 (the child holds it; closed below)
    proc = subprocess.Popen(_pinned(cmd, cpus), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    if log:
        out.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            break
    proc.kill()
    output = proc.stdout.read().decode(errors="replace") if proc.stdout else log.read_text(errors="replace")
    raise ServerError(f"streamlit did not start:\n{output}")


def self_signed_certificate(folder: Path, host: str = "127.0.0.1") -> Path:
    """A throwaway self-signed certificate and key for `host` in one PEM file (haproxy's `crt`), valid for a day."""
    key, cert, pem = folder / "proxy.key", folder / "proxy.crt", folder / "proxy.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert)]
        + ["-days", "1", "-subj", f"/CN={host}", "-addext", f"subjectAltName=IP:{host},DNS:localhost"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    return pem


@contextlib.contextmanager
def haproxy(
    app1: str, app2: str, cpus: str | None = None, log: Path | None = None, tls: bool = False
) -> Iterator[tuple[subprocess.Popen, str]]:
    """haproxy with deploy/haproxy.cfg on free loopback ports in front of two `host:port` app servers; yields
    (process, proxy URL) once both servers pass its health check: its plain-HTTP test address, or with `tls` its
    HTTPS one (a self-signed certificate made now). Its log (servers going down, refused requests) goes to the file
    `log`, or a temporary one: an unread pipe could fill during a long run."""
    if not os.path.exists(HAPROXY):
        raise ServerError(
            f"{HAPROXY} is missing: run `bash scripts/ensure_system_packages.sh` as root (`make test` does)"
        )
    port, tls_port = free_port(), free_port()
    cert = self_signed_certificate(Path(tempfile.mkdtemp(prefix="kpi-proxy-cert-")))
    env = {**os.environ, "KPI_PROXY_BIND": f"127.0.0.1:{tls_port}", "KPI_PROXY_CERT": str(cert)}
    env |= {"KPI_PROXY_TEST_BIND": f"127.0.0.1:{port}", "KPI_APP1": app1, "KPI_APP2": app2}
    log = log or Path(tempfile.mkstemp(prefix="kpi-haproxy-", suffix=".log")[1])
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            _pinned([HAPROXY, "-f", str(HAPROXY_CONFIG), "-db"], cpus), env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # both servers must pass haproxy's health check before anyone uses the proxy
            try:
                served = set()
                for cookie in ("app1", "app2"):
                    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"KPISERVER={cookie}"})
                    with urllib.request.urlopen(request, timeout=2) as response:
                        served.add(response.headers["X-KPI-Server"])
                if served == {"app1", "app2"}:
                    break
            except OSError:
                pass
            if proc.poll() is not None:
                raise ServerError(f"haproxy stopped: {log.read_text(errors='replace')}")
            time.sleep(0.3)
        else:
            raise ServerError("haproxy did not route to both app servers")
        yield proc, f"https://127.0.0.1:{tls_port}" if tls else url
    finally:
        stop(proc)


@dataclass(frozen=True)
class Cluster:
    """A running throwaway PostgreSQL server."""

    bin_dir: Path
    data_dir: Path
    port: int

    def url(self, database: str = "postgres") -> str:
        """A postgresql:// URL for one database (trust authentication on loopback)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def postmaster_pid(self) -> int:
        """The server's main process id (its backends are its children)."""
        return int((self.data_dir / "postmaster.pid").read_text().split()[0])


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise ServerError(
            "PostgreSQL server packages are missing (no /usr/lib/postgresql/*/bin/initdb): run "
            "`bash scripts/ensure_system_packages.sh` as root (`make test` does). The PostgreSQL "
            "store tests are never skipped."
        )
    return Path(found[-1]).parent


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def start_cluster(cpus: str | None = None) -> Cluster:
    """initdb and start a cluster in a fresh folder on a free loopback port (its socket in that folder); the
    caller stops it with `stop_cluster`. `initdb` refuses root, so as root it runs as the `postgres` user."""
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
    port = free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {data_dir} -c fsync=off "
        "-c synchronous_commit=off -c max_connections=60"
    )
    started = subprocess.run(
        _pinned(
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
            cpus,
        ),
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    if started.returncode != 0:
        log = (data_dir / "server.log").read_text(errors="replace") if (data_dir / "server.log").exists() else ""
        raise ServerError(f"the throwaway PostgreSQL cluster did not start: {started.stderr}\n{log}")
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
def fresh_database(cluster: Cluster) -> Iterator[str]:
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

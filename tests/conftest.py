"""Shared fixtures: demo data, isolated store, a real Streamlit server and Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.servers import CHROMIUM, CHROMIUM_ARGS, start_streamlit
from bench.servers import free_port as _free_port  # noqa: F401 (tests import it from here)
from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS, load_activities, load_targets
from ui.routing import GUARD_SETTING

pytest_plugins = ["tests.pg_cluster"]  # the store backends (folder, throwaway PostgreSQL cluster)
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session", autouse=True)
def _no_real_store(tmp_path_factory):
    """Every test (and every CLI subprocess it starts) uses a temporary store, never the project's `store/`."""
    previous = os.environ.get("KPI_STORE_DIR")
    os.environ["KPI_STORE_DIR"] = str(tmp_path_factory.mktemp("session-store"))
    os.environ[GUARD_SETTING] = "off"  # in-process AppTest only; start_streamlit turns it back on
    yield
    if previous is None:
        os.environ.pop("KPI_STORE_DIR", None)
    else:
        os.environ["KPI_STORE_DIR"] = previous


@pytest.fixture(scope="session")
def demo_activities():
    """The demo activities, validated and typed (do not mutate)."""
    return load_activities(DEMO_ACTIVITIES)


@pytest.fixture(scope="session")
def demo_targets():
    """The demo targets, validated and typed (do not mutate)."""
    return load_targets(DEMO_TARGETS)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Folder for screenshots and generated files (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium (never a downloaded browser); missing Chromium is a failure."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) as root")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@contextlib.contextmanager
def running_streamlit(store_dir: Path):
    """A real Streamlit server for the duration of the block; yields its base URL."""
    proc, url = start_streamlit(store_dir)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """Base URL of a real Streamlit server running the app on the demo data."""
    with running_streamlit(tmp_path_factory.mktemp("browser-store")) as url:
        yield url


@pytest.fixture()
def isolated_store(tmp_path, monkeypatch) -> Path:
    """A fresh store directory for this test, set through KPI_STORE_DIR."""
    store = tmp_path / "store"
    monkeypatch.setenv("KPI_STORE_DIR", str(store))
    return store


def copy_demo(dest: Path) -> tuple[Path, Path]:
    """Copy the demo files into `dest`; return their paths."""
    dest.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(DEMO_ACTIVITIES, dest)), Path(shutil.copy(DEMO_TARGETS, dest))

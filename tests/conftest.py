"""Shared fixtures: demo data, isolated store, a real Streamlit server and Debian's Chromium."""

from __future__ import annotations

import contextlib
import inspect
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS, load_activities, load_targets
from tests.servers import CHROMIUM, CHROMIUM_ARGS, start_streamlit
from tests.servers import free_port as _free_port  # noqa: F401 (tests import it from here)
from ui.routing import GUARD_SETTING

pytest_plugins = ["tests.pg_cluster"]  # the store backends (folder, throwaway PostgreSQL cluster)
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
# `make check` runs with `--hypothesis-profile=quick`: property tests that take their example count from the profile
# try a quarter of Hypothesis' default 100; `make test` (CI) and mutmut run the default profile, all 100.
hypothesis_settings.register_profile("quick", max_examples=25)


def hypothesis_examples(full: int) -> int:
    """A property test's own example count scaled to the loaded Hypothesis profile: `full` in the default profile,
    a quarter of it in `quick` (read when a test module is collected, after the profile is loaded)."""
    return max(10, full * hypothesis_settings.default.max_examples // 100)


BROWSER_FIXTURES = frozenset({"page", "context", "browser"})  # pytest-playwright's
RENDER_TOOLS = ("libreoffice", "soffice", "pdftoppm")  # commands that render documents to check them as images


def _calls_render_tool(code, namespace: dict, depth: int = 3) -> bool:
    """Whether a test's code, or a module-level function it calls (`depth` levels down), names a render tool."""
    for const in code.co_consts:
        if isinstance(const, str) and any(tool in const for tool in RENDER_TOOLS):
            return True
        if inspect.iscode(const) and _calls_render_tool(const, namespace, depth):
            return True
    if depth == 0:
        return False
    for name in code.co_names:
        found = namespace.get(name)
        if inspect.isfunction(found) and _calls_render_tool(found.__code__, found.__globals__, depth - 1):
            return True
    return False


def pytest_collection_modifyitems(items) -> None:
    """Mark the slow tiers `make check` leaves out: browser (a Playwright page), postgres (the throwaway cluster,
    also as the `store_location` backend), render (LibreOffice or pdftoppm, found in the test's code)."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if BROWSER_FIXTURES & set(item.fixturenames) and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
        if ("pg_cluster" in item.fixturenames or params.get("store_location") == "postgres") and not (
            item.get_closest_marker("postgres")
        ):
            item.add_marker(pytest.mark.postgres)
        function = getattr(item, "function", None)
        if (
            function is not None
            and not item.get_closest_marker("render")
            and _calls_render_tool(function.__code__, function.__globals__)
        ):
            item.add_marker(pytest.mark.render)


@pytest.fixture(scope="session", autouse=True)
def _component_manifests_scanned_once():
    """Streamlit's AppTest scans every installed distribution's metadata for custom-component manifests on each run
    (about 0.4 CPU-seconds, ~1,600 metadata files); the installed packages do not change during a test session, so
    each test process scans them once and every run gets the same list."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    found: list = []

    def scan_once(max_workers: int | None = None) -> list:
        if not found:
            found.append(scan(max_workers))
        return list(found[0])

    manifest_scanner.scan_component_manifests = scan_once
    yield
    manifest_scanner.scan_component_manifests = scan


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


@pytest.fixture(scope="session")
def saving_app_url(tmp_path_factory):
    """A second real server for the browser tests that save data, so `app_url` stays on the demo data."""
    with running_streamlit(tmp_path_factory.mktemp("saving-store")) as url:
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

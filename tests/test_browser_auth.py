"""Sign-in and roles in real Chromium against a real OIDC provider on loopback (oidc-provider-mock), and local mode."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from kpi.i18n import t
from kpi.store import FolderStore, Manifest
from tests.browser import wait_for_app_run
from tests.conftest import ROOT, _free_port
from ui.routing import GUARD_SETTING

USERS = {  # sub -> claims the provider puts in the ID token (an address counts only when verified)
    "vera": {"email": "vera@agency.nl", "email_verified": True, "name": "Vera Viewer"},
    "eddie": {"email": "eddie@agency.nl", "email_verified": True, "name": "Eddie Editor"},
    "ada": {"email": "ada@agency.nl", "email_verified": True, "name": "Ada Admin"},
    "sam": {"email": "sam@elsewhere.com", "email_verified": True, "name": "Sam Stranger"},
}
ROLES_TOML = '[kpi.roles]\nviewer = ["@agency.nl"]\neditor = ["eddie@agency.nl"]\nadmin = ["ada@agency.nl"]\n'
COPY_IGNORE = shutil.ignore_patterns(
    ".venv",
    ".git",
    "store",
    "tests",
    "bench",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "secrets.toml",
    "*.egg-info",
)
CSV = "activity_id;date;activity_type;title;direction;role;country;companies\nNEW-1;2018-07-01;service;Extra;;;NL;2\n"


def _wait_for(url: str, proc: subprocess.Popen) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"{url} did not come up:\n{proc.stdout.read().decode(errors='replace') if proc.stdout else ''}")


@contextlib.contextmanager
def _process(cmd: list[str], ready_url: str, cwd: Path, env: dict[str, str]):
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for(ready_url, proc)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _streamlit(app_dir: Path, address: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_dir / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]


@pytest.fixture(scope="module")
def oidc_url():
    """A real OpenID Connect provider on loopback with four predefined users."""
    port = _free_port()
    cmd = [str(Path(sys.executable).parent / "oidc-provider-mock"), "--host", "127.0.0.1", "--port", str(port)]
    for sub, claims in USERS.items():
        cmd += ["--user-claims", json.dumps({"sub": sub, **claims})]
    url = f"http://127.0.0.1:{port}"
    with _process(cmd, f"{url}/.well-known/openid-configuration", ROOT, dict(os.environ)):
        yield url


@pytest.fixture(scope="module")
def signed_in_app(oidc_url, tmp_path_factory):
    """The app, from a copy of the project whose .streamlit/secrets.toml configures [auth] and [kpi.roles]."""
    app_dir = tmp_path_factory.mktemp("signin") / "app"
    shutil.copytree(ROOT, app_dir, ignore=COPY_IGNORE)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"  # the same host name as redirect_uri, so the auth cookie comes back
    (app_dir / ".streamlit" / "secrets.toml").write_text(
        f'[auth]\nredirect_uri = "{url}/oauth2callback"\ncookie_secret = "{"k" * 48}"\nclient_id = "kpi-dashboard"\n'
        f'client_secret = "not-a-secret"\nserver_metadata_url = "{oidc_url}/.well-known/openid-configuration"\n\n'
        + ROLES_TOML,
        encoding="utf-8",
    )
    store = tmp_path_factory.mktemp("signin-store")
    env = {**os.environ, "KPI_STORE_DIR": str(store), GUARD_SETTING: "on"}
    env.pop("KPI_ROLES", None)
    with _process(_streamlit(app_dir, "127.0.0.1", port), f"{url}/_stcore/health", app_dir, env):
        yield url, store


def _sign_in(page: Page, url: str, sub: str) -> None:
    """Open the app, press the sign-in button, pick the user on the provider's page and land back in the app."""
    page.goto(f"{url}/?lang=en")
    wait_for_app_run(page)
    page.get_by_role("button", name=t("auth.sign_in.button", "en")).click()
    page.wait_for_url(re.compile(r".*/oauth2/authorize.*"), timeout=30_000)
    page.get_by_role("button", name=sub, exact=True).click()
    page.wait_for_url(re.compile(re.escape(url) + r"/?(\?.*)?$"), timeout=30_000)
    wait_for_app_run(page)
    page.goto(f"{url}/?lang=en")  # the provider sends the user back to the home page, in Dutch
    wait_for_app_run(page)


def _data_page(page: Page, url: str) -> None:
    page.goto(f"{url}/data?lang=en")
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Data")).to_be_visible()


def _no_figures(page: Page) -> None:
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(0)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(0)
    expect(page.locator(".js-plotly-plot")).to_have_count(0)


def _upload_and_save(page: Page, tmp_path: Path) -> None:
    upload = tmp_path / "extra.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    wait_for_app_run(page)
    page.get_by_role("button", name="Confirm and save").click()
    wait_for_app_run(page)


@pytest.mark.browser
def test_signed_out_visitor_sees_only_the_sign_in(page: Page, signed_in_app, artifacts_dir):
    """Every page's URL shows the sign-in screen and nothing of the data, in Dutch by default."""
    url, _ = signed_in_app
    for path in ("", "/data", "/missions?lang=en", "/presentation?year=2018&step=2"):
        page.goto(f"{url}{path}")
        wait_for_app_run(page)
        expect(page.get_by_role("button", name=re.compile("^(Aanmelden|Sign in)$"))).to_be_visible()
        _no_figures(page)
        expect(page.get_by_text(t("auth.local_banner", "nl"))).to_have_count(0)
    page.goto(url)
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name=t("auth.sign_in.title", "nl"))).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "auth-sign-in.png"), full_page=True)


@pytest.mark.browser
def test_viewer_sees_the_overview_and_a_refusal_on_the_data_page(page: Page, signed_in_app, artifacts_dir):
    """A viewer sees the KPI cards and their name; the Data page refuses import and shows no upload."""
    url, _ = signed_in_app
    _sign_in(page, url, "vera")
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(7)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Vera Viewer", exact=True)).to_be_visible()
    expect(sidebar.get_by_role("button", name="Sign out")).to_be_visible()
    _data_page(page, url)
    expect(page.get_by_text(t("auth.refused.import", "en", role="viewer"))).to_be_visible()
    expect(page.locator('[data-testid="stFileUploaderDropzoneInput"]')).to_have_count(0)
    page.screenshot(path=str(artifacts_dir / "auth-viewer-data.png"), full_page=True)
    page.get_by_role("tab", name="Commentary").click()
    expect(page.get_by_text(t("auth.refused.commentary", "en", role="viewer"))).to_be_visible()
    expect(page.get_by_role("button", name="Save commentary")).to_have_count(0)


@pytest.mark.browser
def test_sign_out_passes_through_the_providers_end_session(page: Page, signed_in_app):
    """Sign-out goes through the provider's End session page and back to the sign-in screen."""
    url, _ = signed_in_app
    _sign_in(page, url, "vera")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r".*/oauth2/end_session.*"), timeout=30_000)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(re.compile(re.escape(url) + r".*"), timeout=30_000)
    wait_for_app_run(page)
    expect(page.get_by_role("button", name=re.compile("^(Aanmelden|Sign in)$"))).to_be_visible()
    _no_figures(page)


@pytest.mark.browser
def test_account_on_no_list_gets_no_access(page: Page, signed_in_app, artifacts_dir):
    """A signed-in account on no role list sees 'No access' and no figures."""
    url, _ = signed_in_app
    _sign_in(page, url, "sam")
    expect(page.get_by_role("heading", name="No access")).to_be_visible()
    expect(page.get_by_text("Sam Stranger · sam@elsewhere.com")).to_be_visible()
    _no_figures(page)
    page.screenshot(path=str(artifacts_dir / "auth-no-access.png"), full_page=True)


@pytest.mark.browser
def test_editor_uploads_and_saves_and_the_history_names_them(page: Page, signed_in_app, tmp_path, artifacts_dir):
    """An editor imports a file; the saved version records the editor; there is no roll-back button for them."""
    url, store_dir = signed_in_app
    store = FolderStore(store_dir)
    page.add_init_script("delete window.showSaveFilePicker")  # the table's CSV export then is a plain download
    _sign_in(page, url, "eddie")
    _data_page(page, url)
    before = store.current_version()
    _upload_and_save(page, tmp_path)
    expect(page.get_by_text(f"Saved as version v{before + 1}.")).to_be_visible()
    assert store.manifest(before + 1).user == "Eddie Editor"
    page.get_by_role("tab", name="History").click()
    history = page.locator('[data-testid="stDataFrame"]:visible').first  # the hidden tabs hold tables too
    history.hover()  # the table is drawn on a canvas: read it through its own "Download as CSV"
    with page.expect_download() as download:
        history.get_by_role("button", name="Download as CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    email = "eddie@agency.nl" if "by" in Manifest.__dataclass_fields__ else ""  # manifests record it once the
    assert (rows[0]["Version"], rows[0]["By"], rows[0]["E-mail"], rows[0]["Action"]) == (  # store branch lands
        f"v{before + 1} (current)",
        "Eddie Editor",
        email,
        "import",
    )
    saved = dt.datetime.fromisoformat(store.manifest(before + 1).created)
    amsterdam = (saved if saved.tzinfo else saved.replace(tzinfo=dt.UTC)).astimezone(ZoneInfo("Europe/Amsterdam"))
    assert rows[0]["Time"] == f"{amsterdam.day} {amsterdam:%B %Y %H:%M}"  # the team's clock, e.g. 1 December 2026 18:07
    page.screenshot(path=str(artifacts_dir / "auth-editor-history.png"), full_page=True)
    page.get_by_test_id("stSelectbox").filter(has_text="Look at version").click()
    page.get_by_role("option", name="v1", exact=True).click()
    wait_for_app_run(page)
    expect(page.get_by_text("Only the role admin can roll back.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Roll back to"))).to_have_count(0)


@pytest.mark.browser
def test_admin_rolls_back(page: Page, signed_in_app, tmp_path):
    """An admin rolls back to v1; the new version is the admin's roll-back with v1's activities."""
    url, store_dir = signed_in_app
    store = FolderStore(store_dir)
    _sign_in(page, url, "ada")
    _data_page(page, url)
    if store.current_version() == 1:
        _upload_and_save(page, tmp_path)
    current = store.current_version()
    page.get_by_role("tab", name="History").click()
    page.get_by_test_id("stSelectbox").filter(has_text="Look at version").click()
    page.get_by_role("option", name="v1", exact=True).click()
    wait_for_app_run(page)
    page.get_by_role("button", name="Roll back to v1").click()
    wait_for_app_run(page)
    page.get_by_role("button", name="Yes, make v1 current again").click()
    wait_for_app_run(page)
    expect(page.get_by_text(f"Saved as version v{current + 1}.")).to_be_visible()
    manifest = store.manifest(current + 1)
    assert (manifest.action, manifest.user) == ("rollback", "Ada Admin")
    assert len(store.load_table(current + 1, "activities")) == len(store.load_table(1, "activities"))


# Local mode -------------------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_local_mode_banner_on_every_page(page: Page, app_url, artifacts_dir):
    """Without [auth] on loopback every page says 'lokale modus, zonder aanmelding' and shows its content."""
    from app import PAGES

    page.goto(app_url)
    wait_for_app_run(page)
    for *_, url_path in PAGES:
        page.goto(f"{app_url}/{url_path}")
        wait_for_app_run(page)
        expect(page.get_by_text(t("auth.local_banner", "nl"))).to_be_visible()
    page.goto(f"{app_url}/?lang=en")
    wait_for_app_run(page)
    expect(page.get_by_text(t("auth.local_banner", "en"))).to_be_visible()
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(7)
    page.screenshot(path=str(artifacts_dir / "auth-local-banner.png"))


@pytest.mark.browser
def test_local_mode_on_every_interface_shows_no_figures(page: Page, tmp_path, artifacts_dir):
    """Started with --server.address 0.0.0.0 and no sign-in: every page explains why and shows no figures."""
    port = _free_port()
    env = {**os.environ, "KPI_STORE_DIR": str(tmp_path / "store"), GUARD_SETTING: "on"}
    env.pop("KPI_OPEN_DASHBOARD", None)
    url = f"http://127.0.0.1:{port}"
    with _process(_streamlit(ROOT, "0.0.0.0", port), f"{url}/_stcore/health", ROOT, env):
        for path in ("/data?lang=en", "", "/missions", "/presentation?year=2018"):  # a page URL first: fresh server
            page.goto(f"{url}{path}")
            wait_for_app_run(page)
            expect(
                page.get_by_role(
                    "heading", name=re.compile(f"^({t('auth.closed.title', 'nl')}|{t('auth.closed.title', 'en')})$")
                )
            ).to_be_visible()
            _no_figures(page)
        expect(page.get_by_text("Adres van de server: 0.0.0.0")).to_be_visible()
        page.screenshot(path=str(artifacts_dir / "auth-closed.png"), full_page=True)
    assert not (tmp_path / "store").exists()  # the gate ran before any page read the data


@pytest.mark.browser
def test_an_error_shows_no_detail_to_the_user_and_is_logged(page: Page, tmp_path):
    """A page that fails shows a generic message only (client.showErrorDetails = none); the server logs the detail."""
    app_dir = tmp_path / "app"
    shutil.copytree(ROOT, app_dir, ignore=COPY_IGNORE)
    (app_dir / "pages" / "services.py").write_text(
        "from ui.routing import require_router\n\nrequire_router()\nraise RuntimeError('detail-7f3a /srv/secret/path')\n",
        encoding="utf-8",
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "KPI_STORE_DIR": str(tmp_path / "store"), GUARD_SETTING: "on"}
    with _process(_streamlit(app_dir, "127.0.0.1", port), f"{url}/_stcore/health", app_dir, env) as proc:
        page.goto(url)
        wait_for_app_run(page)
        page.goto(f"{url}/services")
        wait_for_app_run(page, failing=True)
        expect(page.get_by_test_id("stException").or_(page.get_by_test_id("stAlert")).first).to_be_visible()
        text = page.locator("body").inner_text()
        assert "detail-7f3a" not in text and "/srv/secret" not in text and "Traceback" not in text
    assert "detail-7f3a /srv/secret/path" in proc.stdout.read().decode(errors="replace")

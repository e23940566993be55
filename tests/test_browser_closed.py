"""Closed by default in real Chromium against a real OpenID Connect provider (oidc-provider-mock): claim variants,
copied cookies after sign-out and after the time limit, and local mode refusing a foreign Host and a proxied request."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from kpi.i18n import t
from tests.browser import wait_for_app_run
from tests.conftest import ROOT, _free_port
from tests.test_browser_auth import COPY_IGNORE, _no_figures, _process, _sign_in, _streamlit
from ui.routing import GUARD_SETTING

ADMIN = "c.bakker@agency.nl"
ROLES_TOML = f'[kpi.roles]\nviewer = ["@agency.nl"]\nadmin = ["{ADMIN}"]\n'
VARIANTS = {  # sub -> claims: every one names the admin's address, or looks like it
    "ok": {"email": ADMIN, "email_verified": True, "name": "Carla Bakker"},
    "string-false": {"email": ADMIN, "email_verified": "false", "name": "String False"},
    "missing": {"email": ADMIN, "name": "No Claim"},
    "kelvin": {"email": "c.ba\u212a\u212aer@agency.nl", "email_verified": True, "name": "Kelvin Sign"},
    "cyrillic": {"email": "c.b\u0430kker@agency.nl", "email_verified": True, "name": "Cyrillic A"},
    "long-name": {"email": "long@agency.nl", "email_verified": True, "name": "L" * 6000},
}


@contextlib.contextmanager
def _provider(users: dict[str, dict], token_max_age: int | None = None):
    """oidc-provider-mock on a free loopback port with these users; yields its base URL."""
    port = _free_port()
    cmd = [str(Path(sys.executable).parent / "oidc-provider-mock"), "--host", "127.0.0.1", "--port", str(port)]
    if token_max_age:
        cmd += ["--token-max-age", str(token_max_age)]
    for sub, claims in users.items():
        cmd += ["--user-claims", json.dumps({"sub": sub, **claims})]
    url = f"http://127.0.0.1:{port}"
    with _process(cmd, f"{url}/.well-known/openid-configuration", ROOT, dict(os.environ)):
        yield url


@contextlib.contextmanager
def _signed_in_app(oidc: str, tmp: Path, env_extra: dict[str, str] | None = None):
    """The app from a copy of the project with [auth] against `oidc` and the roles above; yields its URL."""
    app_dir = tmp / "app"
    shutil.copytree(ROOT, app_dir, ignore=COPY_IGNORE)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    (app_dir / ".streamlit" / "secrets.toml").write_text(
        f'[auth]\nredirect_uri = "{url}/oauth2callback"\ncookie_secret = "{"k" * 48}"\nclient_id = "kpi"\n'
        f'client_secret = "not-a-secret"\nserver_metadata_url = "{oidc}/.well-known/openid-configuration"\n\n'
        + ROLES_TOML,
        encoding="utf-8",
    )
    env = {**os.environ, "KPI_STORE_DIR": str(tmp / "store"), GUARD_SETTING: "on", **(env_extra or {})}
    env.pop("KPI_ROLES", None)
    with _process(_streamlit(app_dir, "127.0.0.1", port), f"{url}/_stcore/health", app_dir, env):
        yield url


@pytest.fixture(scope="module")
def variants_app(tmp_path_factory):
    """One provider with every claim variant, and the app signed in against it."""
    with _provider(VARIANTS) as oidc, _signed_in_app(oidc, tmp_path_factory.mktemp("variants")) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("sub", ["string-false", "missing", "kelvin", "cyrillic"])
def test_an_unverified_or_look_alike_address_gets_no_access(page: Page, variants_app, sub):
    """email_verified "false" or missing, a Kelvin sign or a Cyrillic a in the admin's address: No access."""
    _sign_in(page, variants_app, sub)
    expect(page.get_by_role("heading", name="No access")).to_be_visible()
    _no_figures(page)
    expect(page.get_by_text(VARIANTS[sub]["name"], exact=False)).to_be_visible()


@pytest.mark.browser
def test_the_verified_admin_gets_in(page: Page, variants_app):
    """The control: exactly the admin's verified address reaches the Overview as admin."""
    _sign_in(page, variants_app, "ok")
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(7)
    expect(page.get_by_test_id("stSidebar").get_by_text("Role: admin")).to_be_visible()


@pytest.mark.browser
def test_a_6000_character_name_gets_a_clear_screen_with_sign_out(page: Page, variants_app, artifacts_dir):
    """An absurd name claim: a screen that says so and a sign-out button, never a blank page."""
    _sign_in(page, variants_app, "long-name")
    expect(page.get_by_role("heading", name=t("auth.oversized.title", "en"))).to_be_visible()
    expect(page.get_by_text(t("closed.oversized.body", "en"))).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    _no_figures(page)
    page.screenshot(path=str(artifacts_dir / "closed-oversized.png"))


def _signed_out_screen(page: Page, url: str, note: str) -> None:
    page.goto(f"{url}/?lang=en")
    wait_for_app_run(page)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_text(t(note, "en"))).to_be_visible()
    _no_figures(page)


@pytest.mark.browser
def test_a_copied_cookie_no_longer_opens_after_sign_out(page: Page, browser: Browser, variants_app):
    """Cookies copied while signed in open the dashboard in another browser until the user signs out; not after."""
    _sign_in(page, variants_app, "ok")
    cookies = page.context.cookies()
    thief = browser.new_context()
    thief.add_cookies(cookies)
    other = thief.new_page()
    other.goto(f"{variants_app}/?lang=en")
    wait_for_app_run(other)
    expect(other.locator('[data-testid="stMetric"]')).to_have_count(7)  # the copy works while signed in
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r".*/oauth2/end_session.*"), timeout=30_000)
    _signed_out_screen(other, variants_app, "closed.refused.signed_out")
    thief.close()
    _sign_in(page, variants_app, "ok")  # signing in again works
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(7)


@pytest.mark.browser
def test_a_copied_cookie_no_longer_opens_after_the_time_limit(page: Page, browser: Browser, tmp_path):
    """KPI_SIGN_IN_HOURS (here 0.008 h = 28.8 s: room for a slow first draw) counts from the sign-in, also for a
    copied cookie."""
    with _provider(VARIANTS) as oidc, _signed_in_app(oidc, tmp_path, {"KPI_SIGN_IN_HOURS": "0.008"}) as url:
        _sign_in(page, url, "ok")
        signed_in = time.time()
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(7)
        thief = browser.new_context()
        thief.add_cookies(page.context.cookies())
        time.sleep(max(0.0, 30 - (time.time() - signed_in)))
        _signed_out_screen(thief.new_page(), url, "closed.refused.too_old")
        _signed_out_screen(page, url, "closed.refused.too_old")
        thief.close()


@pytest.mark.browser
def test_an_expired_id_token_no_longer_opens(page: Page, tmp_path):
    """The provider's ID token lives 25 s (`exp`; room for a slow first draw): after that the same browser is asked
    to sign in again."""
    with _provider(VARIANTS, token_max_age=25) as oidc, _signed_in_app(oidc, tmp_path) as url:
        _sign_in(page, url, "ok")
        signed_in = time.time()
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(7)
        time.sleep(max(0.0, 26.5 - (time.time() - signed_in)))
        _signed_out_screen(page, url, "closed.refused.expired")

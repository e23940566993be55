"""WCAG 2.1 AA with sign-in configured: the sign-in screen, the no-access screen and a signed-in page, in Chromium
against the real OpenID Connect provider the auth tests use (oidc-provider-mock)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests import test_browser_auth as auth_tests
from tests.browser import wait_for_app_run
from tests.test_browser_a11y import violations
from tests.test_browser_auth import _sign_in

oidc_url = auth_tests.oidc_url  # the auth tests' fixtures: a real OIDC provider, and the app signed in against it
signed_in_app = auth_tests.signed_in_app

pytestmark = pytest.mark.browser


def _lang_is(page: Page, lang: str) -> None:
    page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=60_000)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sign_in_screen_has_no_violations(page: Page, signed_in_app, lang):
    """The sign-in screen, in Dutch and English: zero axe violations and the document language set."""
    url, _ = signed_in_app
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{url}/missions" + ("?lang=en" if lang == "en" else ""))
    wait_for_app_run(page)
    _lang_is(page, lang)
    assert violations(page) == []


def test_no_access_screen_has_no_violations(page: Page, signed_in_app):
    """A signed-in account without a role sees "No access": zero axe violations."""
    url, _ = signed_in_app
    page.set_viewport_size({"width": 1440, "height": 900})
    _sign_in(page, url, "sam")
    _lang_is(page, "en")
    assert violations(page) == []


def test_signed_in_pages_have_no_violations(page: Page, signed_in_app):
    """Signed in as an editor (name, role and sign-out in the sidebar): the Data and Board pages have no violations."""
    url, _ = signed_in_app
    page.set_viewport_size({"width": 1440, "height": 900})
    _sign_in(page, url, "eddie")
    for path in ("data?lang=en", "board"):
        page.goto(f"{url}/{path}")
        wait_for_app_run(page)
        _lang_is(page, "en" if "lang=en" in path else "nl")
        assert violations(page) == []

"""Local mode is local, against a real server on loopback: the websocket refuses a foreign Host (DNS rebinding), a
browser that reaches it under another name gets nothing, and a request carrying a proxy's headers gets the closed
screen with the reason instead of the local user's figures."""

from __future__ import annotations

import re
import socket

import pytest
import websockets
from playwright.sync_api import Browser, Page, expect
from websockets.sync.client import connect

from kpi.i18n import t
from tests.browser import wait_for_app_run
from tests.servers import CHROMIUM, CHROMIUM_ARGS


def _handshake(port: int, host: str) -> int:
    """The HTTP status of a websocket handshake to Streamlit's stream on 127.0.0.1:`port` sent with `Host: host`
    (the name in the URL; the connection itself goes to loopback): 101 when accepted."""
    # The sync client: Playwright's sync API keeps an event loop running in this thread, so asyncio.run would fail.
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        with connect(f"ws://{host}/_stcore/stream", sock=sock, proxy=None, open_timeout=10) as connection:
            return connection.response.status_code
    except websockets.InvalidStatus as refused:
        return refused.response.status_code
    finally:
        sock.close()


def test_a_websocket_for_a_foreign_host_is_refused(app_url):
    """Host: rebind.evil.test (a name pointed at 127.0.0.1) is refused; 127.0.0.1 and localhost are accepted."""
    port = int(app_url.rsplit(":", 1)[1])
    assert _handshake(port, f"rebind.evil.test:{port}") == 403
    assert _handshake(port, f"localhost.evil.test:{port}") == 403
    assert _handshake(port, f"127.0.0.1:{port}") == 101
    assert _handshake(port, f"localhost:{port}") == 101


@pytest.mark.browser
def test_a_browser_under_another_name_gets_no_figures(playwright, app_url):
    """Chromium resolving rebind.evil.test to 127.0.0.1 (as a rebinding attack does) loads the shell, never data."""
    port = app_url.rsplit(":", 1)[1]
    args = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP rebind.evil.test 127.0.0.1"]
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    try:
        page = browser.new_page()
        page.goto(f"http://rebind.evil.test:{port}/?lang=en")
        page.wait_for_timeout(8000)
        assert page.locator('[data-testid="stMetric"]').count() == 0
        assert page.locator(".js-plotly-plot").count() == 0
        assert t("auth.local_banner", "en") not in page.locator("body").inner_text()
    finally:
        browser.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "header", [{"X-Forwarded-For": "10.20.30.40"}, {"Forwarded": "for=10.20.30.40"}, {"X-Real-IP": "10.20.30.40"}]
)
def test_a_proxied_request_to_local_mode_gets_the_closed_screen(browser: Browser, app_url, header, artifacts_dir):
    """A browser whose requests carry a proxy's header sees why there are no figures, not the local user's pages."""
    context = browser.new_context(extra_http_headers=header)
    page = context.new_page()
    page.goto(f"{app_url}/data?lang=en")
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name=t("auth.closed.title", "en"))).to_be_visible()
    expect(page.get_by_text(t("closed.reason.proxy", "en"))).to_be_visible()
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
    assert not re.search(t("auth.local_banner", "en"), page.locator("body").inner_text())
    page.screenshot(path=str(artifacts_dir / "closed-proxied.png"))
    context.close()


@pytest.mark.browser
def test_the_same_server_still_serves_its_local_user(page: Page, app_url):
    """The control: the same server, asked directly, gives the local user the Overview."""
    page.goto(f"{app_url}/?lang=en")
    wait_for_app_run(page)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(7)
    expect(page.get_by_text(t("auth.local_banner", "en"))).to_be_visible()

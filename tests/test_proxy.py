"""deploy/haproxy.cfg as deployed (HTTPS only, a self-signed certificate made at test time) in front of two app
servers: the security headers, Secure cookies, the upload cap and rate limit, no metrics, no replica header, and in
Chromium the dashboard working under the content security policy while a framing page gets nothing."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import os
import re
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser import wait_for_app_run
from tests.servers import (
    HAPROXY,
    HAPROXY_CONFIG,
    ServerError,
    free_port,
    self_signed_certificate,
    start_streamlit,
    stop,
)

INSECURE = ssl._create_unverified_context()  # the test's own self-signed certificate
CSP_PROBE = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


FIRST_REQUEST_AFTER_S = 20  # longer than the 15 s that lost every page's entry script with 30 browsers on one core
LATE_SOURCE = "127.0.0.2"  # loopback too, but not the address whose 400 connections the connection cap counts


class _LateRequest:
    """A connection opened (TLS included) as soon as the proxy listens, whose first request is written
    FIRST_REQUEST_AFTER_S later, and not before the proxy has answered through an app server (`healthy`). A thread
    waits, writes and reads the answer while the app servers start and the module's other tests run, so the wait
    holds no test; `test_a_connection_whose_first_request_comes_late_is_still_answered` takes the answer."""

    def __init__(self, url: str, proc: subprocess.Popen, log: Path) -> None:
        self.host, self.port = url.removeprefix("https://").split(":")
        for _ in range(100):  # until haproxy listens
            try:
                raw = socket.create_connection(
                    (self.host, int(self.port)), timeout=FIRST_REQUEST_AFTER_S + 30, source_address=(LATE_SOURCE, 0)
                )
                break
            except ConnectionRefusedError:
                if proc.poll() is not None:
                    raise ServerError(log.read_text(errors="replace")) from None
                time.sleep(0.1)
        else:
            raise ServerError(f"haproxy did not listen:\n{log.read_text(errors='replace')}")
        self.opened = time.monotonic()
        self.tls = INSECURE.wrap_socket(raw, server_hostname=self.host)
        self.healthy, self.stopped = threading.Event(), threading.Event()
        self.answer, self.sent_after, self.error = b"", 0.0, None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.healthy.wait(FIRST_REQUEST_AFTER_S + 120)
            if self.stopped.wait(max(0.0, self.opened + FIRST_REQUEST_AFTER_S - time.monotonic())):
                return  # the module ended without the test (deselected)
            self.sent_after = time.monotonic() - self.opened
            request = f"GET /_stcore/health HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nConnection: close\r\n\r\n"
            self.tls.sendall(request.encode())
            while chunk := self.tls.recv(4096):
                self.answer += chunk
        except Exception as error:  # raised again in the test
            self.error = error
        finally:
            self.tls.close()

    def stop(self) -> None:
        """End the thread (at once if it has not written its request yet)."""
        self.stopped.set()
        self.healthy.set()
        self.thread.join(60)

    def result(self) -> tuple[float, bytes]:
        """Seconds from the connection's opening to its first request, and the proxy's answer to it."""
        self.thread.join(FIRST_REQUEST_AFTER_S + 180)
        assert not self.thread.is_alive(), "the late request got no answer"
        if self.error is not None:
            raise self.error
        return self.sent_after, self.answer


@contextlib.contextmanager
def _deployed_proxy(app1: str, app2: str, tmp: Path):
    """haproxy exactly as a deployment runs it: only the HTTPS bind (no test address, so no replica header). Yields
    its URL, the late request (opened as soon as it listens) and a function that waits until it answers through an
    app server (the app servers may start after it)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KPI_PROXY_")}
    env |= {"KPI_PROXY_BIND": f"127.0.0.1:{port}", "KPI_PROXY_CERT": str(self_signed_certificate(tmp))}
    env |= {"KPI_APP1": app1, "KPI_APP2": app2}
    log = tmp / "haproxy.log"
    with open(log, "ab") as out:
        proc = subprocess.Popen([HAPROXY, "-f", str(HAPROXY_CONFIG), "-db"], env=env, stdout=out, stderr=out)
    url = f"https://127.0.0.1:{port}"

    def healthy() -> None:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2, context=INSECURE) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
            if proc.poll() is not None:
                raise ServerError(log.read_text(errors="replace"))

    try:
        yield url, _LateRequest(url, proc, log), healthy
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def _proxy():
    """Two app servers on one folder store (an open view-only dashboard: no sign-in needed to draw it), behind the
    deployed proxy, which starts first (so the late request's wait runs while the servers start, one after the
    other); yields the proxy's URL and the late request."""
    tmp = Path(tempfile.mkdtemp(prefix="kpi-proxy-test-"))
    ports = (free_port(), free_port())
    servers = []
    try:
        with _deployed_proxy(*(f"127.0.0.1:{p}" for p in ports), tmp) as (url, late, healthy):
            for p in ports:  # one after the other: started side by side, the dashboard test hung 1 run in 3
                servers.append(start_streamlit(tmp / "store", {"KPI_OPEN_DASHBOARD": "view"}, port=p))
            healthy()
            late.healthy.set()
            yield url, late
            late.stop()  # before the proxy stops
    except ServerError as error:
        pytest.fail(str(error))
    finally:
        for proc, _ in servers:
            stop(proc)


@pytest.fixture(scope="module")
def proxy_url(_proxy) -> str:
    """The deployed proxy's URL (HTTPS, its self-signed certificate: use INSECURE)."""
    return _proxy[0]


def _get(url: str) -> tuple[int, http.client.HTTPMessage]:
    try:
        with urllib.request.urlopen(url, timeout=10, context=INSECURE) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_every_answer_carries_the_security_headers(proxy_url):
    """The page, a script of the app shell and the health check: HSTS, DENY, the policy, nosniff, Referrer-Policy;
    no header names the replica."""
    for path in ("/", "/_stcore/health", "/_stcore/host-config"):
        status, headers = _get(proxy_url + path)
        assert status == 200, path
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "object-src 'none'" in headers["Content-Security-Policy"]
        assert headers["X-KPI-Server"] is None, path


def test_metrics_are_not_exposed(proxy_url):
    """/_stcore/metrics answers 404 through the proxy (the app server itself would answer it)."""
    assert _get(proxy_url + "/_stcore/metrics")[0] == 404


def _upload(proxy_url: str, length: int, body: bytes = b"") -> int:
    """A PUT to the upload route announcing `length` bytes (only `body` is sent); the proxy's answer status."""
    host, port = proxy_url.removeprefix("https://").split(":")
    conn = http.client.HTTPSConnection(host, int(port), context=INSECURE, timeout=10)
    conn.putrequest("PUT", "/_stcore/upload_file/session/file")
    conn.putheader("Content-Length", str(length))
    conn.putheader("Content-Type", "application/octet-stream")
    conn.endheaders()
    if body:
        conn.send(body)
    status = conn.getresponse().status
    conn.close()
    return status


def test_uploads_are_capped_at_the_import_limit_and_rate_limited(proxy_url):
    """A body over 200 MB (+1 MiB of multipart wrapping) is refused before it is sent (413); within the limit the
    app server answers (its XSRF check refuses this bare request); the 21st upload in a minute gets 429."""
    assert _upload(proxy_url, 300 * 1024 * 1024) == 413
    assert _upload(proxy_url, 201 * 1024 * 1024 + 1) == 413
    within = _upload(proxy_url, 5, b"hello")
    assert within not in (413, 429) and within >= 400
    statuses = [_upload(proxy_url, 5, b"hello") for _ in range(20)]
    assert statuses[-1] == 429 and 429 not in statuses[:17]


@pytest.mark.browser
def test_the_dashboard_works_under_the_policy_and_cookies_are_secure(browser: Browser, proxy_url, artifacts_dir):
    """Chromium through the proxy: the Overview's cards and charts draw, no policy violation is reported, and every
    cookie (Streamlit's XSRF cookie, the affinity cookie) is Secure."""
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    page.add_init_script(CSP_PROBE)
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(f"{proxy_url}/?lang=en")
    wait_for_app_run(page)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(7)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    page.goto(f"{proxy_url}/missions?lang=en")
    wait_for_app_run(page)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    assert page.evaluate("window.__csp") == [], page.evaluate("JSON.stringify(window.__csp)")
    assert not [m for m in messages if "Content Security Policy" in m]
    cookies = context.cookies()
    assert {c["name"] for c in cookies} >= {"KPISERVER"}
    assert all(c["secure"] for c in cookies), cookies
    page.screenshot(path=str(artifacts_dir / "proxy-csp-missions.png"))
    context.close()


@pytest.mark.browser
def test_a_framing_page_gets_nothing(browser: Browser, proxy_url):
    """A page on another site that frames the dashboard: the frame stays empty (X-Frame-Options, frame-ancestors)."""
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    framing = f'<html><body><h1>attacker</h1><iframe id="f" src="{proxy_url}/" width="800" height="600"></iframe>'
    page.route("https://attacker.test/", lambda route: route.fulfill(body=framing, content_type="text/html"))
    page.goto("https://attacker.test/")
    page.wait_for_timeout(5000)
    frame = next(f for f in page.frames if f is not page.main_frame)
    assert frame.locator('[data-testid="stApp"]').count() == 0
    assert frame.locator('[data-testid="stMetric"]').count() == 0
    assert not frame.url.startswith(proxy_url) or frame.locator("body").inner_text(timeout=2000).strip() == ""
    context.close()


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def test_the_policy_names_every_inline_script_of_the_page():
    """The policy's script hashes are those of Streamlit's inline line and of ui/a11y.py's script in each language
    (a change to either without a new hash in deploy/haproxy.cfg fails here, not in production)."""
    import streamlit

    from kpi.i18n import LANGS
    from ui.a11y import page_script

    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", index, re.S)
    for lang in LANGS:
        scripts += re.findall(r"<script>(.*?)</script>", page_script(lang), re.S)
    policy = re.search(r'Content-Security-Policy "([^"]+)"', HAPROXY_CONFIG.read_text(encoding="utf-8")).group(1)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert sorted(h for h in script_src.split() if h.startswith("'sha256-")) == sorted(map(_csp_hash, scripts))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_one_address_cannot_hold_every_connection(proxy_url):
    """A slow-request attack from one address: its 401st open connection is closed at once, before any request,
    while its first 400 stay open (each may still send its first request)."""
    host, port = proxy_url.removeprefix("https://").split(":")
    held: list[socket.socket] = []
    try:
        for _ in range(400):
            held.append(socket.create_connection((host, int(port)), timeout=30))
        time.sleep(1)  # haproxy counts a connection once it has accepted it
        try:
            extra = socket.create_connection((host, int(port)), timeout=30)
        except ConnectionResetError:  # refused so fast that the reset arrived before connect() returned
            pass
        else:
            held.append(extra)
            assert _closed_without_a_byte(extra)
        first = held[0]
        first.settimeout(0.5)
        with pytest.raises(TimeoutError):
            first.recv(1)  # still open, waiting for its request
    finally:
        for connection in held:
            connection.close()


def test_a_connection_whose_first_request_comes_late_is_still_answered(_proxy):
    """A browser opens its connections when it reads the page and may send the first request on one much later (30
    browsers on a busy core: minutes). The proxy must still answer it: a request written on a connection it has
    closed is lost (Chromium retries only on a connection that served a request before), and a page that loses
    its entry script stays blank for good. Before the fix haproxy closed such a connection after 15 s. (The
    connection was opened when the proxy started; see `_LateRequest`.)"""
    sent_after, answer = _proxy[1].result()
    assert sent_after >= FIRST_REQUEST_AFTER_S
    assert answer.startswith(b"HTTP/1.1 200"), answer[:80]


def _closed_without_a_byte(connection: socket.socket) -> bool:
    """Whether the proxy closed `connection` (a reset or an orderly close) without sending anything."""
    try:
        return connection.recv(1) == b""
    except ConnectionResetError:
        return True
